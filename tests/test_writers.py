"""geo.writers: the files of `geo map` (real files in a temp folder) and reading event tables back."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pandas as pd
import pytest

from geo.errors import InputError
from geo.records import Document, Event, LinkedEvent, Mention, Place, ResolvedPlace
from geo.tables import EVENT_COLUMNS
from geo.writers import events_geojson, read_events, read_events_many, write_outputs

TEXT = "Protesters gathered in Mazar-i-Sharif on Friday. Officials later denied any arrests."

MAZAR = Place(
    geonameid=1133616,
    name="Mazar-e Sharif",
    lat=36.70904,
    lon=67.11087,
    feature_class="P",
    feature_code="PPLA",
    country_code="AF",
    admin1_name="Balkh",
    country_name="Afghanistan",
)


def _document() -> Document:
    p0 = TEXT.index("Mazar")
    s1 = (0, TEXT.index(".") + 1)
    s2 = (s1[1] + 1, len(TEXT))
    mazar = ResolvedPlace(Mention("Mazar-i-Sharif", p0, p0 + 14), MAZAR, 0.9, "admin seat")
    gathered = Event(
        event_id="w1-e1",
        doc_id="w1",
        sentence=TEXT[s1[0] : s1[1]],
        sentence_span=s1,
        trigger=(TEXT.index("gathered"), TEXT.index("gathered") + 8),
        event_type="Protests",
        sub_event_type="Peaceful protest",
        actor1="Protesters (Afghanistan)",
        date=dt.date(2024, 6, 7),
    )
    denied = Event(
        event_id="w1-e2",
        doc_id="w1",
        sentence=TEXT[s2[0] : s2[1]],
        sentence_span=s2,
        trigger=(TEXT.index("arrests"), TEXT.index("arrests") + 7),
        event_type="Strategic developments",
        sub_event_type="Arrests",
        certainty="denied",
    )
    return Document(
        id="w1",
        text=TEXT,
        title="Friday protest",
        date=dt.date(2024, 6, 8),
        url="https://example.org/w1",
        source="w1.txt",
        places=(mazar,),
        events=(gathered, denied),
        linked=(
            LinkedEvent(gathered, mazar, 1, "same sentence"),
            LinkedEvent(denied, None, 3, "no place"),
        ),
    )


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("out")
    return write_outputs([_document()], out, offline=True, parquet=True)


def test_write_outputs_writes_every_file_and_no_temporaries(written: dict[str, Path]) -> None:
    assert set(written) == {
        "map",
        "events_csv",
        "events_geojson",
        "places_csv",
        "events_parquet",
        "places_parquet",
    }
    folder = written["map"].parent
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in written.values())
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(written["map"].stat().st_mode) == 0o666 & ~umask  # not mkstemp's 0600


def test_events_csv_is_in_acled_order_and_round_trips(written: dict[str, Path]) -> None:
    frame = pd.read_csv(written["events_csv"])
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert frame["event_id"].tolist() == ["w1-e1", "w1-e2"]
    assert frame.loc[0, "location"] == "Mazar-e Sharif" and frame.loc[0, "iso3"] == "AFG"
    assert frame.loc[1, "certainty"] == "denied" and pd.isna(frame.loc[1, "latitude"])
    assert pd.read_parquet(written["events_parquet"])["event_id"].tolist() == ["w1-e1", "w1-e2"]


def test_events_geojson_follows_rfc7946(written: dict[str, Path]) -> None:
    data = json.loads(written["events_geojson"].read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    placed, unplaced = data["features"]
    assert placed["type"] == "Feature"
    assert placed["geometry"] == {"type": "Point", "coordinates": [67.11087, 36.70904]}  # lon, lat
    assert placed["properties"]["event_id"] == "w1-e1"
    assert placed["properties"]["sub_event_type"] == "Peaceful protest"
    assert unplaced["geometry"] is None and unplaced["properties"]["latitude"] is None


def test_places_csv_lists_mentions(written: dict[str, Path]) -> None:
    frame = pd.read_csv(written["places_csv"])
    assert frame.loc[0, "text"] == "Mazar-i-Sharif" and frame.loc[0, "geonameid"] == 1133616


def test_geojson_rounds_coordinates_and_nulls_missing_values() -> None:
    frame = pd.DataFrame({"latitude": [1.123456789], "longitude": [2.987654321], "fatalities": [pd.NA]})
    feature = events_geojson(frame)["features"][0]
    assert feature["geometry"]["coordinates"] == [2.987654, 1.123457]
    assert feature["properties"]["fatalities"] is None


def test_read_events_reads_back_csv_and_geojson(written: dict[str, Path]) -> None:
    from_csv = read_events(written["events_csv"])
    from_geojson = read_events(written["events_geojson"])
    assert len(from_csv) == len(from_geojson) == 2
    assert float(from_geojson.loc[0, "longitude"]) == 67.11087
    both = read_events_many([written["events_csv"], written["events_geojson"]])
    assert len(both) == 4 and list(both.columns[:3]) == ["event_id", "event_date", "date_end"]


def test_read_events_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"missing\.csv: no such file"):
        read_events(tmp_path / "missing.csv")
    notes = tmp_path / "notes.csv"
    notes.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"notes\.csv: not an events table"):
        read_events(notes)
    broken = tmp_path / "broken.geojson"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken\.geojson: not readable GeoJSON"):
        read_events(broken)
    odd = tmp_path / "events.xlsx"
    odd.write_bytes(b"PK")
    with pytest.raises(InputError, match=r"events\.xlsx: unknown table format"):
        read_events(odd)
    with pytest.raises(InputError, match="no event tables"):
        read_events_many([])


def test_geojson_writes_missing_text_as_null_as_the_docs_say() -> None:
    """An empty `url` (or any empty text) is null in events.geojson, as docs/outputs.md says and as an
    empty CSV cell reads back in pandas; text that is there stays text."""
    frame = pd.DataFrame({"latitude": [1.0], "longitude": [2.0], "url": [""], "title": ["Clashes"]})
    props = events_geojson(frame)["features"][0]["properties"]
    assert props["url"] is None and props["title"] == "Clashes"
    doc = (Path(__file__).resolve().parents[1] / "docs" / "outputs.md").read_text(encoding="utf-8")
    assert 'missing text\n`""`' not in doc and "empty `url`" in doc
