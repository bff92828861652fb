"""geo: find places and conflict events in news text, geocode them offline, and map them."""

from __future__ import annotations

from geo.errors import GazetteerError, GazetteerMissing, GeoError, InputError
from geo.pipeline import Pipeline, parse
from geo.records import Candidate, Document, Event, LinkedEvent, Mention, Place, ResolvedPlace

__all__ = [
    "Candidate",
    "Document",
    "Event",
    "GazetteerError",
    "GazetteerMissing",
    "GeoError",
    "InputError",
    "LinkedEvent",
    "Mention",
    "Pipeline",
    "Place",
    "ResolvedPlace",
    "parse",
]
