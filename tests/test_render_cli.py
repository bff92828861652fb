"""`geo render FILE...`: maps from our events.csv / events.geojson and from ACLED's export CSV."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from geo.cli import cli

ACLED_CSV = """\
event_id_cnty,event_date,year,disorder_type,event_type,sub_event_type,actor1,actor2,admin1,location,\
latitude,longitude,geo_precision,source,notes,fatalities,iso3,country
XYZ1,05 January 2024,2024,Political violence,Battles,Armed clash,Militia A,Militia B,Kunduz,Sample Village,\
36.72,68.86,2,Local radio,"Two militias fought near the village, a resident said.",3,AFG,Afghanistan
XYZ2,06 January 2024,2024,Demonstrations,Protests,Peaceful protest,Protesters,,Balkh,Sample Town,\
36.70,67.11,1,Weekly paper,"Shopkeepers protested against new taxes.",0,AFG,Afghanistan
XYZ3,07 January 2024,2024,Political violence,Riots,Mob violence,Rioters,,Balkh,,,,3,Weekly paper,\
No place.,0,AFG,Afghanistan
"""

OURS_GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [69.2, 34.5]},
            "properties": {
                "event_id": "g1",
                "event_date": "2024-02-01",
                "event_type": "Violence against civilians",
                "sub_event_type": "Attack",
                "location": "Test Town",
                "country_code": "AF",
                "geo_precision": 1,
                "fatalities": 1,
                "sentence": "An attack in Test Town wounded a guard.",
            },
        }
    ],
}


def _data(page: str) -> dict:
    match = re.search(r"geoEventMap\(\w+, (\{.*\}), \{", page)
    assert match, "no event data on the page"
    return json.loads(match.group(1))


@pytest.fixture()
def acled_csv(tmp_path: Path) -> Path:
    path = tmp_path / "acled_export.csv"
    path.write_text(ACLED_CSV, encoding="utf-8")
    return path


def test_render_acled_export(tmp_path: Path, acled_csv: Path) -> None:
    result = CliRunner().invoke(cli, ["render", str(acled_csv), "--out", str(tmp_path / "out"), "--offline"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "map.html").read_text(encoding="utf-8")
    data = _data(page)
    assert len(data["e"]) == 2 and data["unplaced"] == 1
    assert data["types"] == ["Battles", "Protests"]  # the Riots event has no place: counted, not drawn
    assert "Two militias fought near the village, a resident said." in data["s"]
    assert "Local radio" in data["s"]  # ACLED's source stands in for the article title
    assert str(tmp_path / "out" / "map.html") in result.output


def test_render_our_geojson_with_fragment(tmp_path: Path) -> None:
    src = tmp_path / "events.geojson"
    src.write_text(json.dumps(OURS_GEOJSON), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", str(src), "--out", str(out), "--fragment", "--title", "T<1>"])
    assert result.exit_code == 0, result.output
    fragment = (out / "map.fragment.html").read_text(encoding="utf-8")
    assert fragment.startswith("<iframe") and "srcdoc=" in fragment
    inner = html.unescape(re.search(r'srcdoc="([^"]*)"', fragment).group(1))  # type: ignore[union-attr]
    assert _data(inner)["p"][0][:2] == [34.5, 69.2]
    assert "<title>T&lt;1&gt;</title>" in inner


def test_render_several_files_at_once(tmp_path: Path, acled_csv: Path) -> None:
    src = tmp_path / "events.geojson"
    src.write_text(json.dumps(OURS_GEOJSON), encoding="utf-8")
    result = CliRunner().invoke(cli, ["render", str(acled_csv), str(src), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert len(_data((tmp_path / "o" / "map.html").read_text(encoding="utf-8"))["e"]) == 3


def test_bad_input_is_a_one_line_error_naming_the_file(tmp_path: Path) -> None:
    notes = tmp_path / "notes.csv"
    notes.write_text("name,value\na,1\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["render", str(notes), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == [f"geo: error: {notes}: not an events table (no event_type, latitude, longitude column)"]


def test_an_empty_file_is_said_to_be_empty(tmp_path: Path) -> None:
    """It said "cannot read the table (No columns to parse from file)"."""
    empty = tmp_path / "events.csv"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(cli, ["render", str(empty), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert [line for line in result.output.splitlines() if line.strip()] == [
        f"geo: error: {empty}: empty file, no events table"
    ]


def test_an_output_folder_that_cannot_be_made_is_a_one_line_error(tmp_path: Path, acled_csv: Path) -> None:
    (tmp_path / "afile").write_text("", encoding="utf-8")
    out = tmp_path / "afile" / "maps"  # under a file: no folder can be made there
    result = CliRunner().invoke(cli, ["render", str(acled_csv), "--out", str(out)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == [f"geo: error: {out}: cannot create the output folder (Not a directory)"]


def test_png_without_chromium_says_so(
    tmp_path: Path, acled_csv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty PATH: no browser to find
    png = tmp_path / "map.png"
    result = CliRunner().invoke(
        cli, ["render", str(acled_csv), "--out", str(tmp_path / "o"), "--png", str(png)]
    )
    assert result.exit_code == 2
    assert "--png needs Chromium" in result.output and str(png) in result.output
    assert not png.exists()
    assert (tmp_path / "o" / "map.html").is_file()  # the map itself is still written


@pytest.mark.browser
def test_png_with_chromium(tmp_path: Path, acled_csv: Path) -> None:
    if not (shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")):
        pytest.skip("Chromium not installed (run `make browser` as root)")
    png = tmp_path / "map.png"
    result = CliRunner().invoke(
        cli, ["render", str(acled_csv), "--out", str(tmp_path / "o"), "--png", str(png)]
    )
    assert result.exit_code == 0, result.output
    head = png.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    assert (width, height) == (1280, 800)


def test_format_parquet_writes_the_combined_table(tmp_path: Path, acled_csv: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow", reason="parquet needs pyarrow")
    out = tmp_path / "o"
    result = CliRunner().invoke(cli, ["render", str(acled_csv), "--out", str(out), "--format", "parquet"])
    assert result.exit_code == 0, result.output
    table = pd.read_parquet(out / "events.parquet")
    assert table["event_id_cnty"].tolist() == ["XYZ1", "XYZ2", "XYZ3"]
    assert table.loc[0, "notes"] == "Two militias fought near the village, a resident said."
