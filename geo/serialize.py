"""Plain-JSON views of the records, for `geo parse` and for notebooks.

One function per record; the keys are the stable contract of `geo parse`
(``id, title, date, places[...], events[...]``); more keys may be added, none removed.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from geo.actors import in_country, story_country
from geo.gazetteer import country_iso3
from geo.records import Document, LinkedEvent, Place, ResolvedPlace


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def place_record(rp: ResolvedPlace) -> dict[str, Any]:
    """One mention with the gazetteer entry chosen for it (nulls where unresolved)."""
    p: Place | None = rp.place
    return {
        "text": rp.mention.text,
        "start": rp.mention.start,
        "end": rp.mention.end,
        "kind": rp.mention.kind,
        "qualifier": rp.mention.qualifier or None,
        "name": p.name if p else None,
        "geonameid": p.geonameid if p else None,
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "country_code": p.country_code if p else None,
        "feature_class": p.feature_class if p else None,
        "feature_code": p.feature_code if p else None,
        "admin1": (p.admin1_name or None) if p else None,
        "point_source": p.point_source if p else None,
        "score": round(rp.score, 4),
        "reason": rp.reason,
    }


def event_record(le: LinkedEvent, story: str = "") -> dict[str, Any]:
    """One event at one place, with every field traceable to the text (trigger and place spans).
    ``story`` is the country of the story (``actors.story_country``): unnamed forces at no country's
    place are its forces."""
    ev = le.event
    p = le.place.place if le.place else None
    country = (p.country_name or "") if p else ""
    forces_of = country or story
    return {
        "event_id": ev.event_id,
        "doc_id": ev.doc_id,
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "disorder_type": ev.disorder_type or None,
        "actor1": in_country(ev.actor1, forces_of) or None,
        "assoc_actor1": ev.assoc_actor1 or None,
        "actor2": in_country(ev.actor2, forces_of) or None,
        "inter1": ev.inter1 or None,
        "inter2": ev.inter2 or None,
        "civilian_targeting": ev.civilian_targeting,
        "fatalities": le.fatalities,
        "date": _iso(ev.date),
        "date_end": _iso(ev.date_end),
        "time_precision": ev.time_precision if ev.date else None,
        "certainty": ev.certainty,
        "location": p.name if p else None,
        "geonameid": p.geonameid if p else None,
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "country_code": p.country_code if p else None,
        "country": country or None,
        "iso3": (country_iso3(p.country_code) or None) if p else None,
        "admin1": (p.admin1_name or None) if p else None,
        "admin2": (p.admin2_name or None) if p else None,
        "geo_precision": le.geo_precision if p else None,
        "sentence": ev.sentence,
        "attribution": ev.attribution or None,
        "trigger": list(ev.trigger),
        "place_span": [le.place.mention.start, le.place.mention.end] if le.place else None,
        "link_reason": le.link_reason,
        "source": ev.source or None,
    }


def document_record(doc: Document) -> dict[str, Any]:
    """The `geo parse` JSON object of one processed document."""
    story = story_country(r.place for r in doc.places) if doc.linked else ""
    return {
        "id": doc.id,
        "title": doc.title,
        "date": _iso(doc.date),
        "url": doc.url or None,
        "source": doc.source,
        "places": [place_record(rp) for rp in doc.places],
        "events": [event_record(le, story) for le in doc.linked],
    }


#: ``json.dumps(obj, ensure_ascii=False)`` made once: ``dumps`` builds a new encoder for every call with
#: an argument; the records hold no cycles, so the check for them (each dict and list's id kept in a
#: dict while it is written) is left out. The same text.
_ENCODE = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def document_line(doc: Document) -> str:
    """The `geo parse` output line of one processed document (JSON, no newline)."""
    return _ENCODE(document_record(doc))
