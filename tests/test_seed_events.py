"""The seed article coded as an ACLED coder would (expectations in tests/fixtures/events/)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from geo.documents import read_documents
from geo.gazetteer import Gazetteer
from geo.pipeline import Pipeline
from geo.records import Document, LinkedEvent

ROOT = Path(__file__).parents[1]
SEED = ROOT / "seeds" / "kandahar-2001-11.txt"
EXPECTED = json.loads(
    (Path(__file__).parent / "fixtures" / "events" / "kandahar_seed_expected.json").read_text("utf-8")
)


@pytest.fixture(scope="module")
def seed_doc(gazetteer: Gazetteer) -> Document:
    date = dt.date.fromisoformat(EXPECTED["publication_date"])
    docs = [d for d in read_documents([SEED], date=date) if isinstance(d, Document)]
    assert len(docs) == 1
    pipeline = Pipeline.default(gazetteer.path)
    return pipeline(docs[0])


def _row(link: LinkedEvent) -> dict[str, Any]:
    ev = link.event
    place = link.place.place if link.place else None
    return {
        "sub_event_type": ev.sub_event_type,
        "event_type": ev.event_type,
        "geonameid": place.geonameid if place else None,
        "actor1": ev.actor1,
        "inter1": ev.inter1,
        "actor2": ev.actor2,
        "inter2": ev.inter2,
        "civilian_targeting": ev.civilian_targeting,
        "fatalities": link.fatalities,
        "geo_precision": link.geo_precision,
        "date": ev.date.isoformat() if ev.date else None,
        "time_precision": ev.time_precision,
        "certainty": ev.certainty,
    }


@pytest.mark.parametrize("expected", EXPECTED["events"], ids=[e["what"][:40] for e in EXPECTED["events"]])
def test_seed_event(seed_doc: Document, expected: dict[str, Any]) -> None:
    rows = [_row(link) for link in seed_doc.linked]
    matches = [r for r in rows if all(r[k] == v for k, v in expected["match"].items())]
    assert len(matches) == 1, f"{expected['what']}: {len(matches)} rows match {expected['match']} in {rows}"
    row = matches[0]
    for key, value in expected.items():
        if key in {"what", "match"}:
            continue
        if key == "min_fatalities":
            assert row["fatalities"] >= value, expected["what"]
        else:
            assert row[key] == value, f"{expected['what']}: {key} is {row[key]!r}, expected {value!r}"


def test_seed_has_no_violence_at_places_of_speech(seed_doc: Document) -> None:
    for link in seed_doc.linked:
        place = link.place.place if link.place else None
        if place is not None and place.geonameid in EXPECTED["absent"]["violent_event_at"]:
            assert not link.event.disorder_type.startswith("Political violence"), link


def test_seed_event_count_and_reasons(seed_doc: Document) -> None:
    assert len(seed_doc.events) == EXPECTED["total_events"]
    assert all(link.link_reason for link in seed_doc.linked)
    for link in seed_doc.linked:  # every trigger points at its words
        s, e = link.event.trigger
        assert seed_doc.text[s:e].strip() and link.event.sentence_span[0] <= s < link.event.sentence_span[1]
