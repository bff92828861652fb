"""The public Python API a notebook user needs: parse, tables, map, writers, geocoder — no CLI."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import folium
import pytest

import geo

TEXT = (
    "Fighting in western Afghanistan\n\n"
    "Two soldiers were killed on Monday when militants attacked a checkpoint in Herat, officials said.\n"
)


@pytest.fixture(scope="module")
def doc(gazetteer: geo.Gazetteer) -> geo.Document:
    pipeline = geo.Pipeline.default(gazetteer.path)
    return pipeline(
        geo.Document(
            id="herat-note", text=TEXT, title="Fighting in western Afghanistan", date=dt.date(2021, 3, 10)
        )
    )


def test_parse_returns_typed_records(gazetteer: geo.Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEO_GAZETTEER", str(gazetteer.path))
    doc = geo.parse(TEXT, "2021-03-10", title="note")
    assert isinstance(doc, geo.Document) and doc.date == dt.date(2021, 3, 10)
    assert all(isinstance(rp, geo.ResolvedPlace) for rp in doc.places)
    herat = [rp for rp in doc.places if rp.mention.text == "Herat"]
    assert herat and herat[0].place is not None and herat[0].place.country_code == "AF"
    assert doc.linked and all(isinstance(le, geo.LinkedEvent) for le in doc.linked)
    # "on Monday" before Wednesday 10 March 2021 is Monday 8 March.
    assert doc.linked[0].event.date == dt.date(2021, 3, 8)
    with pytest.raises(AttributeError):  # records are frozen (FrozenInstanceError)
        doc.title = "changed"  # type: ignore[misc]


def test_write_outputs_from_documents(doc: geo.Document, tmp_path: Path) -> None:
    paths = geo.write_outputs([doc], tmp_path)
    names = {p.name for p in paths.values()}
    assert {"map.html", "events.csv", "events.geojson", "places.csv"} <= names
    with (tmp_path / "events.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and rows[0]["location"].startswith("Her") and rows[0]["fatalities"] == "2"
    features = json.loads((tmp_path / "events.geojson").read_text(encoding="utf-8"))["features"]
    lon, lat = features[0]["geometry"]["coordinates"]
    assert 61 < lon < 63 and 33 < lat < 35  # Herat, longitude first


def test_render_map_and_embed(doc: geo.Document) -> None:
    m = geo.render_map(geo.events_frame([doc]))
    assert isinstance(m, folium.Map)
    snippet = geo.embed_html(m)
    assert snippet.lstrip().startswith("<") and "srcdoc" in snippet


def test_offline_geocoder_is_exported(gazetteer: geo.Gazetteer) -> None:
    location = geo.OfflineGeocoder(gazetteer.path).geocode("Herat", country_codes="AF")
    assert location is not None and 33 < location.latitude < 35 and 61 < location.longitude < 63


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        _ = geo.no_such_thing  # type: ignore[attr-defined]
