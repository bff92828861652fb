"""The whole path a user walks: `geo map seeds/` on the demo article, through the real CLI.

The expectations are an analyst's reading of the demo article (publication date 2001-11-29,
given by seeds/kandahar-2001-11.meta.json), written here as facts about places and events,
not copied from the implementation's output.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

KANDAHAR_CITY = 1138336
KANDAHAR_PROVINCE = 1138335
SPIN_BOLDAK = 1123906
QUETTA = 1167528
MAZAR = 1133616
PAKISTAN = 1168579

VIOLENT_TYPES = {"Battles", "Violence against civilians", "Explosions/Remote violence", "Riots"}

pytestmark = pytest.mark.slow


def geo(*args: str, gazetteer_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geo", *args, "--gazetteer", str(gazetteer_path), "--quiet"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory: pytest.TempPathFactory, gazetteer) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("seed-map")
    proc = geo("map", str(SEEDS), "--out", str(out), gazetteer_path=gazetteer.path)
    assert proc.returncode == 0, proc.stderr
    assert "Map written to" in proc.stdout
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def seed_rows(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return [r for r in rows if r["doc_id"].startswith("kandahar-2001-11")]


def test_map_writes_every_output(seed_run: Path) -> None:
    for name in ("map.html", "events.csv", "events.geojson", "places.csv", "manifest.csv"):
        assert (seed_run / name).stat().st_size > 0, name
    manifest = read_csv(seed_run / "manifest.csv")
    assert {r["status"] for r in manifest} <= {"ok", "empty", "error"}
    assert any(r["doc_id"].startswith("kandahar-2001-11") and r["status"] == "ok" for r in manifest)


def test_seed_places_resolve_to_the_right_geonames_entries(seed_run: Path) -> None:
    places = seed_rows(read_csv(seed_run / "places.csv"))
    by_text: dict[str, set[int]] = {}
    for r in places:
        if r["geonameid"]:
            by_text.setdefault(r["text"], set()).add(int(r["geonameid"]))
    ids = set().union(*by_text.values())
    assert {KANDAHAR_CITY, KANDAHAR_PROVINCE, SPIN_BOLDAK, QUETTA, MAZAR, PAKISTAN} <= ids
    # "Kandahar" alone is the city; "Kandahar province" is the province: never another country's Kandahar.
    kandahar_ids = {i for t, s in by_text.items() if "Kandahar" in t for i in s}
    assert kandahar_ids <= {KANDAHAR_CITY, KANDAHAR_PROVINCE}
    # Actors are not places.
    assert not any(t in by_text for t in ("Northern Alliance", "Taliban", "Pentagon"))


def test_seed_events_sit_at_their_places(seed_run: Path) -> None:
    events = seed_rows(read_csv(seed_run / "events.csv"))
    at: dict[int, list[dict[str, str]]] = {}
    for e in events:
        if e["geonameid"]:
            at.setdefault(int(e["geonameid"]), []).append(e)

    # The hanging of a suspected spy in Kandahar: violence against a civilian, in the city, the day before.
    hanging = [e for e in at.get(KANDAHAR_CITY, []) if "hung" in e["sentence"] and e["geo_precision"] == "1"]
    assert hanging and hanging[0]["event_type"] == "Violence against civilians"
    assert hanging[0]["event_date"] == "2001-11-28"

    # The massacre of prisoners at Mazar-e-Sharif.
    massacre = [e for e in at.get(MAZAR, []) if "massacre" in e["sentence"]]
    assert massacre and massacre[0]["event_type"] in VIOLENT_TYPES
    assert int(massacre[0]["fatalities"]) >= 100

    # Northern Alliance fighters entering Kandahar province: province-level precision, one event only.
    entering = [e for e in at.get(KANDAHAR_PROVINCE, []) if "entered" in e["sentence"]]
    assert len(entering) == 1 and entering[0]["geo_precision"] == "3"
    assert "Northern Alliance" in entering[0]["actor1"]

    # Negotiations and the claimed capture at Spin Boldak.
    assert len(at.get(SPIN_BOLDAK, [])) >= 1

    # The marines' base at an airfield close to Kandahar: near the city, precision 2.
    base = [e for e in at.get(KANDAHAR_CITY, []) if "marines" in e["sentence"]]
    assert base and base[0]["geo_precision"] == "2"

    # Quetta is where people speak from, not where violence happens.
    assert not [e for e in at.get(QUETTA, []) if e["event_type"] in VIOLENT_TYPES]


def test_geojson_is_rfc7946(seed_run: Path) -> None:
    data = json.loads((seed_run / "events.geojson").read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    assert data["features"], "the seed must yield placed events"
    for f in data["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        if f["properties"]["doc_id"].startswith("kandahar-2001-11"):
            # Afghanistan and Pakistan: longitude first, as RFC 7946 says.
            assert 60 < lon < 75 and 24 < lat < 40


def test_parse_prints_one_json_object_per_document(gazetteer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "note.txt"
    article.write_text("Clashes near Herat\n\nTwo people were killed in clashes near Herat on Monday.\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    proc = geo("parse", str(article), str(empty), "--date", "2021-03-10", gazetteer_path=gazetteer.path)
    assert proc.returncode == 0, proc.stderr
    objects = [json.loads(line) for line in proc.stdout.splitlines()]
    doc = next(o for o in objects if o["title"] == "Clashes near Herat")
    for key in ("id", "title", "date", "places", "events"):
        assert key in doc
    herat = [p for p in doc["places"] if p["text"] == "Herat"]
    assert herat and herat[0]["country_code"] == "AF"
    for key in (
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "fatalities",
        "date",
        "location",
        "geonameid",
        "lat",
        "lon",
        "geo_precision",
        "sentence",
        "link_reason",
    ):
        assert all(key in e for e in doc["events"])
    assert doc["events"] and doc["events"][0]["date"] == "2021-03-08"


def test_bad_inputs_are_named_and_the_rest_still_processed(gazetteer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.txt"
    good.write_text("Shelling in Aleppo\n\nShelling hit Aleppo yesterday, killing four civilians.\n")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out"
    proc = geo(
        "map",
        str(good),
        str(binary),
        str(missing),
        "--out",
        str(out),
        "--date",
        "2020-02-02",
        gazetteer_path=gazetteer.path,
    )
    assert proc.returncode == 0, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("geo: skipped")]
    assert any("blob.txt" in line for line in errors)
    assert any("missing.txt" in line for line in errors)
    manifest = read_csv(out / "manifest.csv")
    assert len(manifest) == 3
    assert sorted(r["status"] for r in manifest) == ["error", "error", "ok"]
