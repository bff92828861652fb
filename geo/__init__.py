"""geo: find places and conflict events in news text, geocode them offline, and map them.

The small public API::

    doc = geo.parse(text, "2001-11-29")          # places and events as typed records
    geo.write_outputs([doc], "output/")          # map.html, events.csv, events.geojson, places.csv
    m = geo.render_map(geo.events_frame([doc]))  # a folium.Map to show in Jupyter or save
    geo.OfflineGeocoder().geocode("Kandahar")    # geopy-compatible, against the local gazetteer

Heavy parts (pandas, folium, geopy) are imported on first use, so ``import geo`` stays quick.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from geo.errors import GazetteerError, GazetteerMissing, GeoError, GoldFormatError, InputError, RenderError
from geo.pipeline import Pipeline, parse
from geo.records import (
    Candidate,
    Document,
    DocumentStatus,
    Event,
    LinkedEvent,
    Mention,
    Place,
    ResolvedPlace,
)

if TYPE_CHECKING:
    from geo.documents import read_documents
    from geo.gazetteer import Gazetteer
    from geo.geocoder import OfflineGeocoder
    from geo.maps import embed_html, render_map
    from geo.tables import events_frame, places_frame
    from geo.writers import write_outputs

_LAZY = {
    "Gazetteer": "geo.gazetteer",
    "OfflineGeocoder": "geo.geocoder",
    "read_documents": "geo.documents",
    "render_map": "geo.maps",
    "embed_html": "geo.maps",
    "events_frame": "geo.tables",
    "places_frame": "geo.tables",
    "write_outputs": "geo.writers",
}


def __getattr__(name: str) -> Any:
    """Import the heavier public names on first access (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'geo' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "Candidate",
    "Document",
    "DocumentStatus",
    "Event",
    "Gazetteer",
    "GazetteerError",
    "GazetteerMissing",
    "GeoError",
    "GoldFormatError",
    "InputError",
    "LinkedEvent",
    "Mention",
    "OfflineGeocoder",
    "Pipeline",
    "Place",
    "RenderError",
    "ResolvedPlace",
    "embed_html",
    "events_frame",
    "parse",
    "places_frame",
    "read_documents",
    "render_map",
    "write_outputs",
]
