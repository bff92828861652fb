"""Import the standard GeoNames dump files into a gazetteer database (``geo gazetteer build --geonames DIR``).

Reads whichever of these ``DIR`` holds, plain or zipped (``X.zip`` holding ``X.txt``):

* the 19-column geoname table: ``allCountries.txt``, else every ``cities*.txt`` and per-country
  ``XX.txt`` (overlapping files are fine: the first record of an id wins);
* ``alternateNamesV2.txt`` (or ``alternateNames.txt``), keeping language and the preferred /
  short / colloquial / historic flags (historic names get match type ``historic``; ``abbr``,
  ``iata``, ``icao``, ``faac`` and ``tcid`` codes get ``abbreviation``; link/wikidata/postal rows
  are skipped); without it, the table's own ``alternatenames`` column is used;
* ``admin1CodesASCII.txt``, ``admin2Codes.txt`` (division names), ``countryInfo.txt`` (countries,
  ISO3, capitals) and ``hierarchy.txt`` (parents).

All feature classes are kept. A malformed line (wrong column count, a bad number, |lat| > 90 or
|lon| > 180, non-UTF-8 bytes, an id repeated inside one file) is counted, the first few are kept
for the report, and the import goes on.  Memory stays flat: rows stream in batches, and ids seen
are tracked in a byte map (one byte per id), not a Python set.
"""

from __future__ import annotations

import contextlib
import re
import sys
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from tqdm import tqdm

from geo.errors import InputError
from geo.gazetteer import prior
from geo.gazetteer_build import (
    BONUS,
    BuildReport,
    GazetteerWriter,
    Steps,
    add_demonyms_and_aliases,
    atomic_database,
    countryinfo_extras,
    read_code_table,
)
from geo.names import fold, is_abbreviation

__all__ = ["GeonamesFiles", "build", "find_files", "import_alternate_names", "import_geonames"]

BATCH = 50_000
MAX_ID = 1 << 31
#: geonameids below this are tracked in a byte map (one byte each); larger ones in a set.
DENSE_IDS = 1 << 26
ABBREVIATION_LANGS = frozenset({"abbr", "iata", "icao", "faac", "tcid"})
SKIPPED_LANGS = frozenset({"link", "wkdt", "post", "unlc", "phon"})
_COUNTRY_FILE = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True, slots=True)
class GeonamesFiles:
    """The dump files found in one directory (each a plain ``.txt`` or a ``.zip`` holding it)."""

    geonames: tuple[Path, ...]
    alternate_names: Path | None
    admin1: Path | None
    admin2: Path | None
    country_info: Path | None
    hierarchy: Path | None


def find_files(directory: Path) -> GeonamesFiles:
    """Which GeoNames files ``directory`` holds; ``allCountries`` makes the smaller tables redundant."""
    by_stem: dict[str, Path] = {}
    for path in sorted(directory.iterdir()):
        if path.suffix in {".txt", ".zip"} and path.is_file():
            by_stem.setdefault(path.stem, path)  # .txt sorts before .zip
    if "allCountries" in by_stem:
        tables: tuple[Path, ...] = (by_stem["allCountries"],)
    else:
        tables = tuple(
            p for s, p in sorted(by_stem.items()) if s.startswith("cities") or _COUNTRY_FILE.match(s)
        )
    return GeonamesFiles(
        geonames=tables,
        alternate_names=by_stem.get("alternateNamesV2") or by_stem.get("alternateNames"),
        admin1=by_stem.get("admin1CodesASCII"),
        admin2=by_stem.get("admin2Codes"),
        country_info=by_stem.get("countryInfo"),
        hierarchy=by_stem.get("hierarchy"),
    )


@contextlib.contextmanager
def open_member(path: Path) -> Iterator[tuple[IO[bytes], int]]:
    """A binary stream of a ``.txt`` file or of the same-named ``.txt`` inside a ``.zip``, with its size."""
    if path.suffix != ".zip":
        with path.open("rb") as fh:
            yield fh, path.stat().st_size
        return
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{path}: not a readable zip file ({exc})") from exc
    with zf:
        wanted = f"{path.stem}.txt"
        names = [n for n in zf.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
        member = wanted if wanted in names else (names[0] if len(names) == 1 else None)
        if member is None:
            raise InputError(f"{path}: no {wanted} inside the zip")
        with zf.open(member) as fh:
            yield fh, zf.getinfo(member).file_size


class _Ids:
    """Which geonameids a build has imported: a byte map up to ``DENSE_IDS`` (real ids are below 13M),
    a set for the rare larger id, so one absurd id cannot make the build allocate gigabytes."""

    def __init__(self) -> None:
        self.present = bytearray(1 << 20)
        self.sparse: set[int] = set()

    def add(self, gid: int) -> bool:
        """Mark ``gid`` imported; False if it already was."""
        if gid >= DENSE_IDS:
            if gid in self.sparse:
                return False
            self.sparse.add(gid)
            return True
        if gid >= len(self.present):
            self.present.extend(
                bytes(min(DENSE_IDS, max(gid + 1, 2 * len(self.present))) - len(self.present))
            )
        if self.present[gid]:
            return False
        self.present[gid] = 1
        return True

    def has(self, gid: int) -> bool:
        if gid >= DENSE_IDS:
            return gid in self.sparse
        return gid < len(self.present) and self.present[gid] != 0


def _lines(path: Path, report: BuildReport, *, progress: bool, desc: str) -> Iterator[tuple[int, str]]:
    """(line number, text) of a dump file, skipping comments; non-UTF-8 lines are counted and skipped."""
    with open_member(path) as (fh, size):
        bar = tqdm(total=size, desc=desc, unit="B", unit_scale=True, file=sys.stderr, disable=not progress)
        done = 0
        for n, raw in _numbered(fh, path):
            done += len(raw)
            if n % 100_000 == 0:
                bar.update(done)
                done = 0
            try:
                line = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                report.bad(
                    "non-UTF-8 bytes", f"{path.name}:{n}", raw.decode("utf-8", "replace").rstrip("\r\n")
                )
                continue
            if line and not line.startswith("#"):
                yield n, line
        bar.update(done)
        bar.close()


def _numbered(fh: IO[bytes], path: Path) -> Iterator[tuple[int, bytes]]:
    """Numbered raw lines; a zip member that breaks off mid-way is an ``InputError`` naming the file."""
    n = 0
    try:
        for n, raw in enumerate(fh, 1):
            yield n, raw
    except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
        raise InputError(f"{path}: unreadable after line {n} ({exc})") from exc


def _parse_geoname(cols: list[str]) -> tuple[Any, ...] | str:
    """The ``places`` row (``PlaceRow.as_tuple`` order) of the 19 columns, or why the line is malformed."""
    try:
        gid = int(cols[0])
        lat, lon = float(cols[4]), float(cols[5])
        pop = int(cols[14]) if cols[14] else 0
    except ValueError:
        return "bad number"
    if not 0 < gid < MAX_ID:
        return "bad geonameid"
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return "coordinates out of range"
    pop = max(pop, 0)
    fclass, fcode = cols[6] or "?", cols[7]
    return (gid, cols[1], cols[2] or cols[1], lat, lon, fclass, fcode, cols[8], cols[10], cols[11], pop,
            "geonames", prior(fclass, fcode, pop, ""))  # fmt: skip


_PRIMARY, _ASCII, _ALTERNATE, _ABBREVIATION = (
    BONUS[m] for m in ("primary", "ascii", "alternate", "abbreviation")
)


def _row_names(
    gid: int, name: str, asciiname: str, alternates: str
) -> list[tuple[str, int, str, str, str, float]]:
    """``names`` rows of a record: primary, ascii and (when no alternate-names file is imported) the
    column's alternates, one per folded key."""
    key = fold(name)
    out = [(key, gid, "primary", name, "", _PRIMARY)] if key else []
    if asciiname != name:
        akey = fold(asciiname)
        if akey and akey != key:
            out.append((akey, gid, "ascii", asciiname, "", _ASCII))
    if alternates:
        seen = {r[0] for r in out}
        for alt in alternates.split(","):
            k = fold(alt)
            if k and k not in seen:
                seen.add(k)
                abbr = is_abbreviation(alt, primary=name)
                out.append(
                    (
                        k,
                        gid,
                        "abbreviation" if abbr else "alternate",
                        alt,
                        "",
                        _ABBREVIATION if abbr else _ALTERNATE,
                    )
                )
    return out


def import_geonames(
    w: GazetteerWriter, paths: tuple[Path, ...], ids: _Ids, *, column_alternates: bool, progress: bool
) -> None:
    """Stream the 19-column tables into ``places`` and ``names``."""
    report = w.report
    for path in paths:
        in_file = _Ids()
        places: list[tuple[Any, ...]] = []
        names: list[tuple[str, int, str, str, str, float]] = []
        for n, line in _lines(path, report, progress=progress, desc=path.name):
            cols = line.split("\t")
            if len(cols) != 19:
                report.bad("wrong column count", f"{path.name}:{n}", line)
                continue
            row = _parse_geoname(cols)
            if isinstance(row, str):
                report.bad(row, f"{path.name}:{n}", line)
                continue
            gid = row[0]
            if not in_file.add(gid):
                report.bad("duplicate geonameid", f"{path.name}:{n}", line)
                continue
            if not ids.add(gid):
                report.counts["records_repeated_across_files"] += 1
                continue
            places.append(row)
            names.extend(_row_names(gid, row[1], row[2], cols[3] if column_alternates else ""))
            if len(places) >= BATCH:
                _flush(w, places, names)
        _flush(w, places, names)


def _flush(
    w: GazetteerWriter, places: list[tuple[Any, ...]], names: list[tuple[str, int, str, str, str, float]]
) -> None:
    w.place_tuples(places)
    w.name_tuples(names)
    w.report.counts["places"] += len(places)
    places.clear()
    names.clear()


def _alternate_match(cols: list[str]) -> str | None:
    """The match type of an alternate-names row, or None to skip it (links, postal codes ...)."""
    lang = cols[2]
    if lang in SKIPPED_LANGS or lang.startswith("http"):
        return None
    if lang in ABBREVIATION_LANGS:
        return "abbreviation"
    if len(cols) > 7 and cols[7] == "1":
        return "historic"
    return "abbreviation" if is_abbreviation(cols[3]) else "alternate"


def import_alternate_names(w: GazetteerWriter, path: Path, ids: _Ids, *, progress: bool) -> None:
    """Stream ``alternateNames(V2).txt``: language and flags kept; rows of unknown ids counted, skipped."""
    report = w.report
    batch: list[tuple[str, int, str, str, str]] = []
    for n, line in _lines(path, report, progress=progress, desc=path.name):
        cols = line.split("\t")
        if len(cols) not in (8, 10) or not cols[1].isdigit():
            report.bad(
                "wrong column count" if len(cols) not in (8, 10) else "bad number", f"{path.name}:{n}", line
            )
            continue
        gid = int(cols[1])
        match = _alternate_match(cols)
        if match is None:
            report.counts["alternate_names_skipped_kind"] += 1
            continue
        if not ids.has(gid):
            report.counts["alternate_names_unknown_place"] += 1
            continue
        lang = cols[2] + ("" if cols[4] != "1" else ":preferred") + ("" if cols[5] != "1" else ":short")
        lang += "" if cols[6] != "1" else ":colloquial"
        batch.append((cols[3], gid, match, lang, ""))
        if len(batch) >= BATCH:
            w.names(batch)
            report.counts["alternate_names"] += len(batch)
            batch.clear()
    w.names(batch)
    report.counts["alternate_names"] += len(batch)


def import_admin_codes(w: GazetteerWriter, path: Path) -> None:
    """Division names for ``Place.admin1_name`` / ``admin2_name``."""
    with _as_text_file(path) as real:
        w.admin((code, name, gid) for code, name, _ascii, gid in read_code_table(real, w.report))


@contextlib.contextmanager
def _as_text_file(path: Path) -> Iterator[Path]:
    """A plain-file path for ``path``: itself, or the zip member extracted to a temp file."""
    if path.suffix != ".zip":
        yield path
        return
    import tempfile

    with open_member(path) as (fh, _size), tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / f"{path.stem}.txt"
        target.write_bytes(fh.read())
        yield target


def import_country_info(w: GazetteerWriter, path: Path, *, progress: bool) -> dict[str, tuple[int, int]]:
    """``countryInfo.txt`` into ``countries`` and ``admin``; returns cc -> (geonameid, population)."""
    out: dict[str, tuple[int, int]] = {}
    rows, admin = [], []
    for n, line in _lines(path, w.report, progress=False, desc=path.name):
        cols = line.split("\t")
        if len(cols) < 17 or not cols[16].isdigit():
            w.report.bad("wrong column count", f"{path.name}:{n}", line)
            continue
        cc, iso3, name, capital, continent = cols[0], cols[1], cols[4], cols[5], cols[8]
        pop = int(cols[7]) if cols[7].isdigit() else 0
        gid = int(cols[16])
        out[cc] = (gid, pop)
        rows.append((cc, iso3, name, gid, continent, capital, pop))
        admin.append((cc, name, gid))
    w.countries(rows)
    w.admin(admin)
    del progress
    return out


def countries_from_places(w: GazetteerWriter) -> dict[str, tuple[int, int]]:
    """Without ``countryInfo.txt``: countries are the independent political entities (PCL*) imported."""
    rows = w.conn.execute(
        "SELECT country_code, geonameid, name, population FROM places WHERE feature_code LIKE 'PCL%' "
        "ORDER BY feature_code = 'PCLI' DESC, population DESC"
    ).fetchall()
    out: dict[str, tuple[int, int]] = {}
    for cc, gid, name, pop in rows:
        if cc and cc not in out:
            out[cc] = (gid, pop)
            w.countries([(cc, "", name, gid, "", "", pop)])
            w.admin([(cc, name, gid)])
    return out


def import_hierarchy(w: GazetteerWriter, path: Path, *, progress: bool) -> None:
    """``hierarchy.txt``: parent, child, type."""
    batch: list[tuple[int, int, str]] = []
    for n, line in _lines(path, w.report, progress=progress, desc=path.name):
        cols = line.split("\t")
        if len(cols) not in (2, 3) or not (cols[0].isdigit() and cols[1].isdigit()):
            kind = "wrong column count" if len(cols) not in (2, 3) else "bad number"
            w.report.bad(kind, f"{path.name}:{n}", line)
            continue
        batch.append((int(cols[0]), int(cols[1]), cols[2] if len(cols) == 3 else ""))
        if len(batch) >= BATCH:
            w.hierarchy(batch)
            batch.clear()
    w.hierarchy(batch)


def build(directory: Path, out: Path, *, progress: bool = True) -> tuple[Path, dict[str, Any]]:
    """Build a gazetteer from the dump files in ``directory`` at ``out`` (atomically)."""
    from geo.errors import GazetteerError

    files = find_files(directory)
    if not files.geonames:
        raise GazetteerError(
            f"{directory}: no GeoNames table (allCountries.txt, cities*.txt or XX.txt) found"
        )
    listed = ", ".join(p.name for p in (*files.geonames, files.alternate_names, files.admin1, files.admin2,
                                         files.country_info, files.hierarchy) if p)  # fmt: skip
    ids = _Ids()
    with atomic_database(out, f"geonames dump: {directory} ({listed})") as w:
        import_geonames(
            w, files.geonames, ids, column_alternates=files.alternate_names is None, progress=progress
        )
        if files.alternate_names:
            import_alternate_names(w, files.alternate_names, ids, progress=progress)
        for table in (files.admin1, files.admin2):
            if table:
                import_admin_codes(w, table)
        if files.country_info:
            countries = import_country_info(w, files.country_info, progress=progress)
        else:
            countries = countries_from_places(w)
        if files.hierarchy:
            import_hierarchy(w, files.hierarchy, progress=progress)
        extras = countryinfo_extras(set(countries))
        add_demonyms_and_aliases(w, {cc: gid for cc, (gid, _p) in countries.items()},
                                 sorted(countries, key=lambda cc: -countries[cc][1]), extras)  # fmt: skip
        w.shapes(extras.shapes(w.report))
        w.conn.commit()
        stages = Steps(4, enabled=progress, desc="indexing")
        w.finish(stages)
        stages.close()
        report = w.report.as_dict()
    return out, report
