"""`geo gazetteer build|info` and `geo geocode`, run through click's CliRunner on real database files."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from geo.cli import cli
from geo.gazetteer import Gazetteer

FIXTURES = Path(__file__).parent / "fixtures" / "geonames"
JSON_KEYS = {
    "geonameid",
    "name",
    "lat",
    "lon",
    "feature_class",
    "feature_code",
    "country_code",
    "population",
    "match",
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_geocode_json_lists_candidates_best_first(tiny_gazetteer_path: Path) -> None:
    code, out, _err = run("geocode", "Kandahar", "--json", "--gazetteer", str(tiny_gazetteer_path))
    assert code == 0
    records = json.loads(out)
    # The city before the province named after it (as Nominatim answers), then the prior's order.
    assert [r["geonameid"] for r in records] == [1138336, 1138335, 1268153]
    assert [r["rank"] for r in records] == [1, 2, 3]
    assert all(set(r) >= JSON_KEYS for r in records)
    city = records[0]
    assert (city["name"], city["feature_class"], city["feature_code"], city["country_code"]) == (
        "Kandahār",
        "P",
        "PPLA",
        "AF",
    )
    assert (city["lat"], city["lon"], city["population"], city["match"]) == (
        31.61332,
        65.71013,
        391190,
        "primary",
    )
    assert [p["geonameid"] for p in city["parents"]] == [9653599, 1138335, 1149361]  # from hierarchy.txt
    assert records[2]["parents"][-1]["name"] == "Republic of India"  # from its codes


def test_geocode_country_filter_limit_and_folded_query(tiny_gazetteer_path: Path) -> None:
    code, out, _ = run(
        "geocode", "KANDAHĀR", "--country", "IN", "--json", "--gazetteer", str(tiny_gazetteer_path)
    )
    assert code == 0 and [r["geonameid"] for r in json.loads(out)] == [1268153]
    code, out, _ = run(
        "geocode", "Kandahar", "--limit", "1", "--json", "--gazetteer", str(tiny_gazetteer_path)
    )
    assert len(json.loads(out)) == 1
    code, out, _ = run("geocode", "Atlantis", "--json", "--gazetteer", str(tiny_gazetteer_path))
    assert code == 0 and json.loads(out) == []


def test_geocode_plain_text(tiny_gazetteer_path: Path) -> None:
    code, out, _ = run("geocode", "Tora Bora", "--gazetteer", str(tiny_gazetteer_path))
    assert code == 0
    assert out.startswith(" 1. Tora Bora (Nangarhār, Afghanistan) [T.MTS]") and "id 1131461" in out


def test_info_shows_source_counts_and_size(tiny_gazetteer_path: Path) -> None:
    code, out, _ = run("gazetteer", "info", "--gazetteer", str(tiny_gazetteer_path))
    assert code == 0
    assert f"path:        {tiny_gazetteer_path}" in out
    assert "source:      geonames dump:" in out
    assert "places:      21   names:" in out
    assert "by feature class: A 10, P 8" in out
    assert "top countries:    AF 13, PK 5, IN 3" in out
    code, out, _ = run("gazetteer", "info", "--json", "--gazetteer", str(tiny_gazetteer_path))
    info = json.loads(out)
    assert info["size_bytes"] == tiny_gazetteer_path.stat().st_size
    assert info["by_feature_class"]["T"] == 1


def test_info_on_an_incompatible_database_says_how_to_rebuild(
    tiny_gazetteer_path: Path, tmp_path: Path
) -> None:
    old = tmp_path / "old.sqlite"
    shutil.copy(tiny_gazetteer_path, old)
    with sqlite3.connect(old) as conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    code, out, err = run("gazetteer", "info", "--gazetteer", str(old))
    assert code == 2 and out == ""
    assert err.strip().count("\n") == 0  # one line, no traceback
    assert err.startswith(f"geo: error: {old}: built with gazetteer schema v0")
    assert f"rebuild with `geo gazetteer build --out {old}`" in err


def test_build_from_geonames_reports_malformed_lines(tmp_path: Path) -> None:
    out = tmp_path / "f.sqlite"
    code, stdout, err = run(
        "gazetteer", "build", "--geonames", str(FIXTURES / "formats"), "--out", str(out), "-q"
    )
    assert code == 0 and stdout.strip() == str(out)
    assert "skipped 7 malformed lines" in err and "AF.txt:6: wrong column count" in err
    with Gazetteer.open(out) as gaz:
        assert gaz.info()["places"] == 10
    code, _stdout, err = run("gazetteer", "build", "--if-missing", "--out", str(out), "-q")
    assert code == 0 and "already built" in err


def test_build_with_a_broken_zip_is_a_one_line_error(tmp_path: Path) -> None:
    broken = tmp_path / "dump"
    broken.mkdir()
    (broken / "cities500.zip").write_bytes(b"not a zip")
    code, _out, err = run(
        "gazetteer", "build", "--geonames", str(broken), "--out", str(tmp_path / "x.sqlite"), "-q"
    )
    assert code == 2
    assert err.startswith("geo: error: ") and "cities500.zip: not a readable zip file" in err
    assert not (tmp_path / "x.sqlite").exists()


def test_info_says_whether_a_default_build_is_up_to_date(tiny_gazetteer_path: Path, tmp_path: Path) -> None:
    import shutil
    import sqlite3

    code, out, _ = run("gazetteer", "info", "--json", "--gazetteer", str(tiny_gazetteer_path))
    assert json.loads(out)["up_to_date"] is None  # a GeoNames dump build: not ours to judge
    stale = tmp_path / "stale.sqlite"
    shutil.copy(tiny_gazetteer_path, stale)
    with sqlite3.connect(stale) as conn:
        conn.execute("UPDATE meta SET value = 'embedded: an older release' WHERE key = 'source'")
    code, out, _ = run("gazetteer", "info", "--gazetteer", str(stale))
    assert code == 0 and "up to date:  no, built from other data" in out


def test_build_if_missing_keeps_an_up_to_date_default(
    gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GEO_GAZETTEER", str(gazetteer.path))  # the session's default, built from this version
    before = gazetteer.path.stat().st_mtime_ns
    code, out, _err = run("gazetteer", "build", "--if-missing", "-q")
    assert code == 0 and out.strip() == str(gazetteer.path)
    assert gazetteer.path.stat().st_mtime_ns == before


def test_geocode_says_when_the_country_code_or_the_query_is_wrong(tiny_gazetteer_path: Path) -> None:
    """A mistyped --country said "no place named 'Kandahar'" (exit 0); AFG, the three-letter code, too."""
    gaz = ["--gazetteer", str(tiny_gazetteer_path)]
    code, _out, err = run("geocode", "Kandahar", "--country", "XX", *gaz)
    assert code == 2 and "'XX': not an ISO country code" in err
    code, out, _ = run("geocode", "Kandahar", "--country", "AFG", "--json", *gaz)
    assert code == 0 and [r["geonameid"] for r in json.loads(out)] == [1138336, 1138335]
    code, _out, err = run("geocode", " ", *gaz)
    assert code == 2 and "give a place name" in err


@pytest.mark.parametrize(
    "command",
    [
        ["geocode", "Kabul"],
        ["gazetteer", "info"],
        ["parse", "-"],
        ["map", "-", "--out", "OUT"],
        ["eval", "toponyms", "GOLD"],
    ],
)
@pytest.mark.parametrize("how", ["option", "env"])
def test_a_gazetteer_path_that_holds_none_is_one_line_naming_it(
    tmp_path: Path, command: list[str], how: str
) -> None:
    """A mistyped --gazetteer or $GEO_GAZETTEER: `geo geocode` (and map, parse) built a new gazetteer
    there, a minute's work, where `geo gazetteer info` said it holds none. Every command now says so, in
    one line naming the path and how to build one there, and writes nothing there."""
    missing = tmp_path / "typo" / "gaz.sqlite"
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "id": "a",
                "text": "Flooding hit Quetta.",
                "toponyms": [{"start": 13, "end": 19, "lat": 30.18, "lon": 67.0}],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    args = [str(tmp_path / "o") if a == "OUT" else str(gold) if a == "GOLD" else a for a in command]
    if how == "option":
        result = CliRunner().invoke(
            cli, [*args, "--gazetteer", str(missing)], input="Gunmen attacked Quetta."
        )
        build = f"geo gazetteer build --out {missing}"
    else:
        result = CliRunner(env={"GEO_GAZETTEER": str(missing)}).invoke(
            cli, args, input="Gunmen attacked Quetta."
        )
        build = "geo gazetteer build"  # builds at $GEO_GAZETTEER
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"geo: error: {missing}: no gazetteer database here; build it with `{build}`"
    ]
    assert not missing.parent.exists()
