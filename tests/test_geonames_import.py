"""geo.geonames_import: every GeoNames export format, malformed lines, zips and atomic builds, on real files.

The fixtures are hand-written files in the GeoNames formats: ``tests/fixtures/geonames`` (an
``allCountries.txt`` with ``alternateNamesV2.txt``) and ``tests/fixtures/geonames/formats`` (a
per-country ``AF.txt`` with planted malformed lines, a ``cities15000.txt`` overlapping it, and the
8-column ``alternateNames.txt``).
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from geo.errors import GazetteerError, InputError
from geo.gazetteer import Gazetteer
from geo.gazetteer_build import build_from_geonames
from geo.geonames_import import find_files

FIXTURES = Path(__file__).parent / "fixtures" / "geonames"
FORMATS = FIXTURES / "formats"


@pytest.fixture(scope="module")
def formats_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("formats") / "formats.sqlite"
    return build_from_geonames(FORMATS, out, progress=False)


@pytest.fixture()
def formats(formats_build: tuple[Path, dict]) -> Gazetteer:
    gaz = Gazetteer.open(formats_build[0])
    yield gaz  # type: ignore[misc]
    gaz.close()


def test_find_files_picks_tables_and_ignores_other_files() -> None:
    files = find_files(FORMATS)
    assert [p.name for p in files.geonames] == ["AF.txt", "cities15000.txt"]  # readme.txt is not a table
    assert files.alternate_names is not None and files.alternate_names.name == "alternateNames.txt"
    assert files.hierarchy is not None and files.country_info is not None
    whole = find_files(FIXTURES)
    assert [p.name for p in whole.geonames] == ["allCountries.txt"]
    assert whole.alternate_names is not None and whole.alternate_names.name == "alternateNamesV2.txt"


def test_every_feature_class_is_imported(formats: Gazetteer) -> None:
    info = formats.info()
    assert info["by_feature_class"] == {"A": 3, "P": 2, "H": 1, "T": 1, "L": 1, "S": 1, "V": 1}
    assert formats.lookup("Spin Ghar")[0].place.feature_code == "MTS"
    assert formats.lookup("Dasht-i-Shomali")[0].place.feature_class == "L"
    assert formats.lookup("Jangal-e Nuristan")[0].place.feature_code == "FRST"
    assert formats.lookup("Darya-i-Kabul")[0].place.feature_class == "H"


def test_malformed_lines_are_counted_and_shown_not_fatal(formats_build: tuple[Path, dict]) -> None:
    _path, report = formats_build
    assert report["malformed"] == {
        "wrong column count": 1,
        "coordinates out of range": 1,
        "non-UTF-8 bytes": 1,
        "duplicate geonameid": 1,
        "bad number": 3,  # a population, an alternate name's id, a hierarchy row
    }
    examples = report["malformed_examples"]
    assert examples[0].startswith("AF.txt:6: wrong column count")
    assert any(e.startswith("AF.txt:7: coordinates out of range") for e in examples)
    assert any(e.startswith("AF.txt:8: non-UTF-8 bytes") for e in examples)
    assert any(e.startswith("AF.txt:9: duplicate geonameid") for e in examples)
    assert report["counts"]["records_repeated_across_files"] == 1  # cities15000 repeats AF.txt: not an error
    assert report["counts"]["places"] == 10


def test_good_lines_after_bad_ones_are_kept(formats: Gazetteer) -> None:
    # the airfield and the forest come after the malformed lines in AF.txt
    assert formats.get(90000006) is not None and formats.get(90000007) is not None
    jalalabad = formats.get(90000002)
    assert (
        jalalabad is not None and jalalabad.name == "Jalālābād"
    )  # the first record of the id, not the repeat
    for bad_id in (90000020, 90000021, 90000022, 90000023):
        assert formats.get(bad_id) is None


def test_alternate_names_v1_flags_and_kinds(formats: Gazetteer) -> None:
    names = {n["name"]: n for n in formats.names_of(90000002)}
    assert names["Jalalabad"]["flags"] == ["preferred"] and names["Jalalabad"]["lang"] == "en"
    assert names["Adinapur"]["match"] == "historic"
    assert names["JAA"]["match"] == "abbreviation"
    assert names["جلال آباد"]["lang"] == "ps"
    assert not any(n["name"].startswith("http") for n in names.values())  # link rows skipped
    assert {n["name"]: n["flags"] for n in formats.names_of(90000004)}["Safed Koh"] == ["colloquial"]
    (hit,) = formats.lookup("Adinapur")
    assert hit.place.geonameid == 90000002 and hit.match == "historic"


def test_alternate_names_v2_flags(tiny_gazetteer: Gazetteer) -> None:
    afghanistan = {n["name"]: n for n in tiny_gazetteer.names_of(1149361)}
    assert afghanistan["Afghanistan"]["flags"] == ["preferred", "short"]
    assert afghanistan["افغانستان"]["lang"] == "ps"
    bagram = {n["name"]: n for n in tiny_gazetteer.names_of(1131462)}
    assert bagram["Bagram Airfield"]["flags"] == ["colloquial"]
    anantnag = {n["name"]: n for n in tiny_gazetteer.names_of(1278667)}
    assert anantnag["Islamabad"]["match"] == "historic"
    assert tiny_gazetteer.lookup("87300") == []  # postal-code rows are skipped


def test_admin_codes_country_info_and_hierarchy(formats: Gazetteer) -> None:
    city = formats.get(90000002)
    assert city is not None
    assert (city.admin1_name, city.admin2_name, city.country_name) == (
        "Nangarhār",
        "Jalālābād District",
        "Afghanistan",
    )
    assert formats.admin1("AF", "18").geonameid == 90000010  # type: ignore[union-attr]
    assert formats.admin2("AF", "18", "1801").geonameid == 90000011  # type: ignore[union-attr]
    assert formats.country("AFG").geonameid == 1149361  # type: ignore[union-attr]  # ISO3 from countryInfo
    assert [p.geonameid for p in formats.parents(90000002)] == [90000011, 90000010, 1149361]
    assert formats.get(1167528).admin1_name == "Balochistan"  # type: ignore[union-attr]
    assert formats.demonym("Afghan").country_code == "AF"  # type: ignore[union-attr]


def test_without_country_info_countries_come_from_pcl_records(tmp_path: Path) -> None:
    src = tmp_path / "dump"
    src.mkdir()
    shutil.copy(FIXTURES / "allCountries.txt", src)
    path, _report = build_from_geonames(src, tmp_path / "g.sqlite", progress=False)
    with Gazetteer.open(path) as gaz:
        assert gaz.country("PK").geonameid == 1168579  # type: ignore[union-attr]
        # without alternateNamesV2 the table's own alternatenames column gives the variants
        assert [c.match for c in gaz.lookup("Qandahar")][:1] == ["alternate"]
        assert gaz.lookup("KDH")[0].match == "abbreviation"


def _zip(src: Path, dest: Path, *, extra: dict[str, str] | None = None) -> None:
    with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.write(src, src.name)
        for name, text in (extra or {}).items():
            zf.writestr(name, text)


def test_zipped_files_build_the_same_database(tmp_path: Path, tiny_gazetteer: Gazetteer) -> None:
    src = tmp_path / "zipped"
    src.mkdir()
    for f in FIXTURES.glob("*.txt"):
        # alternateNamesV2.zip also holds iso-languagecodes.txt, as the real download does
        extra = {"iso-languagecodes.txt": "ISO 639-3\tISO 639-2\n"} if f.stem == "alternateNamesV2" else None
        _zip(f, src / f"{f.stem}.zip", extra=extra)
    path, report = build_from_geonames(src, tmp_path / "z.sqlite", progress=False)
    assert report["malformed"] == {}
    with Gazetteer.open(path) as gaz:
        zipped, plain = gaz.info(), tiny_gazetteer.info()
        for key in ("places", "names", "by_feature_class", "top_countries"):
            assert zipped[key] == plain[key], key
        assert [c.place.geonameid for c in gaz.lookup("Kandahar")] == [
            c.place.geonameid for c in tiny_gazetteer.lookup("Kandahar")
        ]
        assert [p.geonameid for p in gaz.parents(1138336)] == [9653599, 1138335, 1149361]


def test_no_table_in_directory_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "readme.txt").write_text("nothing here\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"no GeoNames table"):
        build_from_geonames(tmp_path, tmp_path / "g.sqlite", progress=False)


def test_failing_build_leaves_the_old_database_usable(tmp_path: Path, tiny_gazetteer_path: Path) -> None:
    out = tmp_path / "g.sqlite"
    shutil.copy(tiny_gazetteer_path, out)
    before = out.read_bytes()
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "allCountries.zip").write_bytes(b"PK\x03\x04 this is not really a zip archive")
    with pytest.raises(InputError, match=r"allCountries\.zip: not a readable zip file"):
        build_from_geonames(broken, out, progress=False)
    assert out.read_bytes() == before
    assert list(tmp_path.glob(".g.sqlite.*.tmp")) == []  # the temp file is removed
    with Gazetteer.open(out) as gaz:
        assert gaz.lookup("Quetta")[0].place.geonameid == 1167528


def _big_dump(folder: Path, n: int) -> None:
    folder.mkdir()
    with (folder / "allCountries.txt").open("w", encoding="utf-8") as fh:
        for i in range(n):
            lat, lon = f"{(i % 1700) / 10 - 85:.2f}", f"{(i % 3500) / 10 - 175:.2f}"
            cols = [str(100 + i), f"Place {i}", f"Place {i}", "", lat, lon, "P", "PPL", "AF"]
            cols += ["", "", "", "", "", "0", "", "", "", ""]
            fh.write("\t".join(cols) + "\n")


def test_killed_build_leaves_the_old_database_usable(tmp_path: Path, tiny_gazetteer_path: Path) -> None:
    out = tmp_path / "g.sqlite"
    shutil.copy(tiny_gazetteer_path, out)
    _big_dump(tmp_path / "big", 400_000)
    code = (
        "import sys; from pathlib import Path; from geo.gazetteer_build import build_from_geonames; "
        "build_from_geonames(Path(sys.argv[1]), Path(sys.argv[2]), progress=False)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "big"), str(out)])
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".g.sqlite.*.tmp")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    assert proc.poll() is None, "the build finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Gazetteer.open(out) as gaz:  # the old database, untouched
        assert gaz.info()["places"] == 21
    assert len(list(tmp_path.glob(".g.sqlite.*.tmp"))) == 1  # the killed build's leftover
    build_from_geonames(FIXTURES, out, progress=False)  # the next build clears it
    assert list(tmp_path.glob(".g.sqlite.*.tmp")) == []


def test_database_of_another_schema_names_the_rebuild_command(
    tmp_path: Path, tiny_gazetteer_path: Path
) -> None:
    old = tmp_path / "old.sqlite"
    shutil.copy(tiny_gazetteer_path, old)
    with sqlite3.connect(old) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(GazetteerError) as err:
        Gazetteer.open(old)
    assert str(old) in str(err.value) and f"geo gazetteer build --out {old}" in str(err.value)
