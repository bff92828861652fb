"""The project's own article corpus (tests/articles/) read as an ACLED coder would read it.

Each article is parsed once by the real pipeline with the real gazetteer; every expectation of
``tests/articles/expected.json`` (written from the text, not from the pipeline's output) is one test.
An expected event is found by sub-event type and place, then its other fields are compared. Known
errors of the pipeline are strict xfails: the test turns red when one gets fixed, so the expectation's
``known_failure`` can be removed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from geo.documents import read_documents
from geo.gazetteer import Gazetteer
from geo.pipeline import Pipeline
from geo.records import Document, LinkedEvent

ARTICLES = Path(__file__).parent / "articles"
EXPECTED: dict[str, Any] = json.loads((ARTICLES / "expected.json").read_text("utf-8"))


def _fold(name: str) -> str:
    """A name compared without case, accents or punctuation ("Al Ḩudaydah" is "alhudaydah")."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


@pytest.fixture(scope="module")
def parsed(gazetteer: Gazetteer) -> dict[str, Document]:
    """Every article of the corpus through the default pipeline, by file stem (dated by its sidecar)."""
    pipeline = Pipeline.default(gazetteer.path)
    docs = [d for d in read_documents([ARTICLES]) if isinstance(d, Document)]
    return {d.id: pipeline(d) for d in docs}


def _row(link: LinkedEvent) -> dict[str, Any]:
    ev = link.event
    place = link.place.place if link.place else None
    return {
        "sub_event_type": ev.sub_event_type,
        "place": place.name if place else "",
        "country": place.country_code if place else "",
        "admin1": place.admin1_name if place else "",
        "geo_precision": link.geo_precision,
        "fatalities": link.fatalities,
        "inter1": ev.inter1,
        "inter2": ev.inter2,
        "actor1": ev.actor1,
        "actor2": ev.actor2,
        "date": ev.date.isoformat() if ev.date else None,
        "certainty": ev.certainty,
        "sentence": ev.sentence[:80],
    }


def _matches(row: dict[str, Any], exp: dict[str, Any]) -> bool:
    """The row is the expected event: its sub-type (when given) and its place."""
    if "sub_event_type" in exp and row["sub_event_type"] not in exp["sub_event_type"]:
        return False
    if row["country"] != exp["country"] or _fold(row["place"]) not in {_fold(p) for p in exp["place"]}:
        return False
    return "admin1" not in exp or _fold(row["admin1"]) == _fold(exp["admin1"])


def _mismatches(row: dict[str, Any], exp: dict[str, Any]) -> list[str]:
    """The expected fields the row gets wrong, each as "field: got X, expected Y"."""
    wrong = []
    for key in ("geo_precision", "date"):
        if key in exp and row[key] != exp[key]:
            wrong.append(f"{key}: got {row[key]!r}, expected {exp[key]!r}")
    for key in ("inter1", "inter2", "certainty"):
        if key in exp and row[key] not in exp[key]:
            wrong.append(f"{key}: got {row[key]!r}, expected one of {exp[key]!r}")
    if "fatalities" in exp:
        want = exp["fatalities"]
        ok = row["fatalities"] >= int(want[2:]) if isinstance(want, str) else row["fatalities"] == want
        if not ok:
            wrong.append(f"fatalities: got {row['fatalities']}, expected {want}")
    if "inters" in exp:
        sides = [row["inter1"], row["inter2"]]
        for inter in exp["inters"]:
            if inter not in sides:
                wrong.append(f"inters: {sides!r} lacks {inter!r} (expected {exp['inters']!r})")
                break
            sides.remove(inter)
    return wrong


def _param(exp: dict[str, Any]) -> Any:
    marks = []
    if exp.get("known_failure"):
        marks.append(pytest.mark.xfail(strict=True, reason=exp["known_failure"]))
    return pytest.param(exp, id=f"{exp['article']}: {exp['what']}", marks=marks)


@pytest.mark.parametrize("exp", [_param(e) for e in EXPECTED["events"]])
def test_expected_event(parsed: dict[str, Document], exp: dict[str, Any]) -> None:
    rows = [_row(link) for link in parsed[exp["article"]].linked]
    found = [r for r in rows if _matches(r, exp)]
    listing = "\n".join(
        f"  {r['sub_event_type']} @ {r['place']} ({r['country']}) p{r['geo_precision']} f{r['fatalities']}"
        f" {r['inter1']}/{r['inter2']} {r['date']} {r['certainty']}: {r['sentence']}"
        for r in rows
    )
    wanted = exp.get("sub_event_type", "event")
    assert found, f"{exp['what']}: no {wanted} at {exp['place']}; events:\n{listing}"
    best = min((_mismatches(r, exp) for r in found), key=len)
    assert not best, f"{exp['what']}: " + "; ".join(best) + f"\nevents:\n{listing}"


def test_every_article_parsed_and_dated(parsed: dict[str, Document]) -> None:
    assert sorted(parsed) == sorted(EXPECTED["articles"])
    assert all(doc.date is not None and doc.date.year == 2024 for doc in parsed.values())
    assert {e["article"] for e in EXPECTED["events"]} <= set(parsed)


def _article_param(article: str) -> Any:
    reason = EXPECTED["articles"][article].get("known_failure")
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(article, id=article, marks=marks)


@pytest.mark.parametrize("article", [_article_param(a) for a in sorted(EXPECTED["articles"])])
def test_no_event_in_a_country_the_article_never_concerns(parsed: dict[str, Document], article: str) -> None:
    """Every placed event lies in a country the article tells of, or at one of its areas of no country."""
    spec = EXPECTED["articles"][article]
    allowed, areas = set(spec["countries"]), {_fold(a) for a in spec.get("areas", [])}
    stray = [
        (r["sub_event_type"], r["place"], r["country"], r["sentence"])
        for r in map(_row, parsed[article].linked)
        if r["place"] and r["country"] not in allowed and _fold(r["place"]) not in areas
    ]
    assert not stray, stray


@pytest.mark.parametrize("article", sorted(EXPECTED["articles"]))
def test_events_dated_within_the_stories_reach(parsed: dict[str, Document], article: str) -> None:
    """No event after publication, and none from the background ("since the conflict began in April
    2023"): every article tells of the last weeks, "last month" at the farthest."""
    doc = parsed[article]
    assert doc.date is not None
    for link in doc.linked:
        ev = link.event
        assert ev.date is not None and 0 <= (doc.date - ev.date).days <= 62, (ev.date, ev.sentence)


def _absent_params() -> list[Any]:
    params = []
    for article, spec in sorted(EXPECTED["articles"].items()):
        for item in spec.get("absent", []):
            marks = (
                [pytest.mark.xfail(strict=True, reason=item["known_failure"])]
                if item.get("known_failure")
                else []
            )
            params.append(pytest.param(article, item, id=f"{article}: {item['what']}", marks=marks))
    return params


@pytest.mark.parametrize(("article", "item"), _absent_params())
def test_no_event_from_a_sentence_that_tells_none(
    parsed: dict[str, Document], article: str, item: dict[str, Any]
) -> None:
    """A sentence an ACLED coder codes no event from (an accident, a funeral, a curfew, a running total, a
    condemnation) gives none: no event of the article comes from the sentence holding ``sentence``."""
    stray = [
        (link.event.sub_event_type, link.event.sentence[:100])
        for link in parsed[article].linked
        if item["sentence"] in link.event.sentence
    ]
    assert not stray, f"{item['what']}: {stray}"
