"""Memos keyed on a document's sentences serve that document only (``geo.memo``): a sentence that
comes again in a later document is worked out again, so a corpus that repeats sentences (the
synthetic benchmark corpus) measures what news costs."""

from __future__ import annotations

import datetime as dt

import pytest

from geo import dates, events, link_model, linking
from geo.gazetteer import Gazetteer
from geo.memo import _MEMOS, new_document
from geo.pipeline import Pipeline
from geo.records import Document

TEXT = (
    "Rebels attacked an army post near the town of Wadi Halfa on Tuesday, killing three soldiers, "
    "officials in Khartoum said.\n\n"
    "Police fired tear gas at hundreds of students protesting in Omdurman, and 12 people were arrested."
)


@pytest.fixture(scope="module")
def pipeline(gazetteer: Gazetteer) -> Pipeline:
    return Pipeline.default(gazetteer.path)


def _counts() -> list[tuple[int, int]]:
    return [(info.hits, info.misses) for info in (memo.cache_info() for memo in _MEMOS)]


def test_the_sentence_memos_are_registered() -> None:
    for memo in (
        events._sentence_hits,
        events.clause_bounds,
        events._boundaries,
        link_model._gap,
        link_model._context_slots,
        linking.is_speech_place,
        linking._attachment_before,
        dates._find_dates,
    ):
        assert memo in _MEMOS


def test_a_repeated_document_costs_what_it_did_the_first_time(pipeline: Pipeline) -> None:
    """The same text as a second document: every memo counts the same hits and misses as for the
    first (no answer carries over; clearing a memo also zeroes its counts), and the memos still
    serve within the document."""
    day = dt.date(2024, 5, 14)
    first = pipeline(Document("a", TEXT, date=day))
    one = _counts()
    second = pipeline(Document("b", TEXT, date=day))
    assert _counts() == one
    assert first.events and [e.sub_event_type for e in first.events] == [
        e.sub_event_type for e in second.events
    ]
    hits = dict(zip(_MEMOS, one, strict=True))
    assert hits[events._sentence_hits][0] > 0  # the extractor and the linker share a sentence's scan


def test_new_document_empties_every_memo(pipeline: Pipeline) -> None:
    pipeline(Document("c", TEXT, date=dt.date(2024, 5, 14)))
    assert any(memo.cache_info().currsize for memo in _MEMOS)
    new_document()
    assert all(memo.cache_info().currsize == 0 for memo in _MEMOS)
