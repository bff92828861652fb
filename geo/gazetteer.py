"""The offline gazetteer: a read-only SQLite database of places, their names and shapes.

``Gazetteer.open()`` opens the database that ``geo.gazetteer_build`` wrote; ``lookup`` returns
candidates for a name best-first by a prior (feature, population, how the name matched: see
``geo/data/gazetteer_ranking.json``), which is the same ranking ``geo geocode`` prints.
Resolution in context is the resolver's job; this module only offers and orders.

Tables (schema version ``SCHEMA_VERSION``): ``meta``, ``places`` (one row per GeoNames or
derived record), ``names`` (folded key -> place, match type, rank), ``admin`` (code -> name),
``countries``, ``hierarchy``, ``shapes`` (country outlines as WKB) and the R-tree
``places_rtree`` used by ``nearest``.
"""

from __future__ import annotations

import functools
import heapq
import json
import math
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs

from geo.errors import GazetteerError, GazetteerMissing
from geo.names import fold
from geo.records import Candidate, MatchType, Place

__all__ = [
    "MATCH_TYPES",
    "SCHEMA_VERSION",
    "Gazetteer",
    "country_iso3",
    "default_path",
    "haversine_km",
    "place_record",
    "place_stats",
    "prior",
]

#: Bump when the tables or the embedded default's content change (the default file is named by it,
#: so ``geo gazetteer build --if-missing`` builds anew); ``Gazetteer.open`` refuses another version.
#: v2: GeoNames country points, curated regions and waters, province abbreviations.
SCHEMA_VERSION = 3

MATCH_TYPES: tuple[MatchType, ...] = ("primary", "ascii", "alternate", "demonym", "historic", "abbreviation")

#: Upper bound of the read-only memory map (SQLite caps it at its compile-time maximum).
_MMAP_BYTES = 1 << 34
#: Most answers a ``Gazetteer`` keeps in memory (demonyms, countries, provinces).
_MEMO_SIZE = 100_000

_PLACE_COLUMNS = (
    "p.geonameid, p.name, p.lat, p.lon, p.feature_class, p.feature_code, p.country_code, "
    "p.population, p.admin1_code, p.admin2_code, p.point_source"
)


def default_path() -> Path:
    """Where the default gazetteer lives: ``$GEO_GAZETTEER`` or the per-user data directory."""
    env = os.environ.get("GEO_GAZETTEER")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("geo")) / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def missing_message(target: Path) -> str:
    """What every command says of a gazetteer path that holds none: the path, and how to build one there."""
    build = "geo gazetteer build" if target == default_path() else f"geo gazetteer build --out {target}"
    return f"{target}: no gazetteer database here; build it with `{build}`"


def _ranking() -> dict[str, Any]:
    text = resources.files("geo").joinpath("data/gazetteer_ranking.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


_RANKING = _ranking()


def prior(feature_class: str, feature_code: str, population: int, match: str = "primary") -> float:
    """The ranking prior of a place offered under a name matched as ``match`` (higher is better)."""
    codes: dict[str, float] = _RANKING["feature_code"]
    weight = codes.get(feature_code)
    if weight is None:
        weight = _RANKING["feature_class"].get(feature_class, 0.0)
    pop = _RANKING["population_weight"] * math.log10(max(population, 0) + 1)
    return float(weight) + pop + float(_RANKING["match"].get(match, 0.0))


def place_record(place: Place) -> dict[str, Any]:
    """A place as a plain dict (``geo geocode --json``, geopy ``Location.raw``)."""
    return {
        "geonameid": place.geonameid,
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "feature_class": place.feature_class,
        "feature_code": place.feature_code,
        "country_code": place.country_code,
        "country_name": place.country_name,
        "admin1_code": place.admin1_code,
        "admin1_name": place.admin1_name,
        "admin2_code": place.admin2_code,
        "admin2_name": place.admin2_name,
        "population": place.population,
        "point_source": place.point_source,
    }


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (spherical Earth, R = 6371.0088 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    root = math.sqrt(a)
    return 2 * 6371.0088 * math.asin(root if root < 1.0 else 1.0)  # min(1.0, root), without the call


@functools.lru_cache(maxsize=1024)
def country_iso3(cc: str) -> str:
    """ISO 3166-1 alpha-3 code of an alpha-2 code (``AF`` -> ``AFG``), or ``""`` if unknown."""
    import pycountry

    country = pycountry.countries.get(alpha_2=cc.upper()) if len(cc) == 2 else None
    return str(country.alpha_3) if country is not None else ""


class Gazetteer:
    """Read-only access to one gazetteer database file. Cheap to pickle (reopens by path)."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        #: Answers of ``demonym``, ``country`` and ``_admin`` (read-only database: they never change).
        self._memo: dict[tuple[str, str], Place | None] = {}

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str | None = None) -> Gazetteer:
        """Open the database at ``path`` (default: ``default_path()``); raise if missing or incompatible."""
        target = Path(path).expanduser() if path is not None else default_path()
        if not target.is_file():
            raise GazetteerMissing(missing_message(target))
        try:
            conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True, check_same_thread=False)
            # memory-mapped reads: lookups touch a few random pages; mapping skips a read() per page
            conn.execute(f"PRAGMA mmap_size={_MMAP_BYTES}")
            version = _read_version(conn)
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(
                f"{target}: not a gazetteer database ({exc}); "
                f"rebuild with `geo gazetteer build --out {target}`"
            ) from exc
        if version != SCHEMA_VERSION:
            conn.close()
            raise GazetteerError(
                f"{target}: built with gazetteer schema v{version}, this version reads v{SCHEMA_VERSION}; "
                f"rebuild with `geo gazetteer build --out {target}`"
            )
        return cls(target, conn)

    def close(self) -> None:
        """Close the database connection."""
        self._conn.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __getstate__(self) -> dict[str, str]:
        return {"path": str(self.path)}

    def __setstate__(self, state: dict[str, str]) -> None:
        other = Gazetteer.open(state["path"])
        self.path, self._conn, self._memo = other.path, other._conn, {}

    def __repr__(self) -> str:
        return f"Gazetteer({str(self.path)!r})"

    # -- admin names (small; loaded once) -------------------------------------------------------
    @cached_property
    def _admin_names(self) -> dict[str, str]:
        return dict(self._conn.execute("SELECT code, name FROM admin"))

    def _place(self, row: Sequence[Any]) -> Place:
        gid, name, lat, lon, fclass, fcode, cc, pop, a1, a2, source = row
        names = self._admin_names
        return Place(
            geonameid=gid,
            name=name,
            lat=lat,
            lon=lon,
            feature_class=fclass,
            feature_code=fcode,
            country_code=cc,
            population=pop,
            admin1_code=a1,
            admin2_code=a2,
            admin1_name=names.get(f"{cc}.{a1}", "") if a1 else "",
            admin2_name=names.get(f"{cc}.{a1}.{a2}", "") if a2 else "",
            country_name=names.get(cc, ""),
            point_source=source,
        )

    # -- lookup ----------------------------------------------------------------------------
    def lookup(
        self, name: str, *, country_codes: Iterable[str] | None = None, limit: int | None = None
    ) -> list[Candidate]:
        """Places whose name folds like ``name``, best first, one candidate per place."""
        key = fold(name)
        if not key:
            return []
        sql = (
            f"SELECT n.match, n.name, {_PLACE_COLUMNS} "
            "FROM names n JOIN places p USING (geonameid) WHERE n.key = ?"
        )
        params: list[Any] = [key]
        if country_codes is not None:
            codes = sorted({c.upper() for c in country_codes})
            sql += f" AND p.country_code IN ({','.join('?' * len(codes))})"
            params.extend(codes)
        sql += " ORDER BY p.prior + n.bonus DESC"
        seen: set[int] = set()
        out: list[Candidate] = []
        for row in self._conn.execute(sql, params):
            gid = row[2]
            if gid in seen:
                continue
            seen.add(gid)
            out.append(Candidate(place=self._place(row[2:]), match=row[0], matched_name=row[1]))
            if limit is not None and len(out) >= limit:
                break
        return out

    def get(self, geonameid: int) -> Place | None:
        """The place with this GeoNames id, or ``None``."""
        row = self._conn.execute(
            f"SELECT {_PLACE_COLUMNS} FROM places p WHERE geonameid = ?", (geonameid,)
        ).fetchone()
        return self._place(row) if row else None

    def demonym(self, word: str) -> Place | None:
        """The country a demonym or adjectival form names ("Afghan", "Pakistanis", "British"), or ``None``."""
        cc = self._demonym_codes.get(fold(word))
        return self.country(cc) if cc is not None else None

    @cached_property
    def _demonym_codes(self) -> dict[str, str]:
        """Every demonym's country code by its key (a few hundred rows, read once): the recogniser asks
        about every capitalised word, nearly all of them no demonym, which one query each cost."""
        return dict(self._conn.execute("SELECT key, country_code FROM demonyms"))

    def names_a_country(self, name: str) -> bool:
        """Whether ``name`` is a name of a country ("US", "Philippines", "Ivory Coast") or its people
        ("Sudanese"): one indexed query, no place built."""
        key = fold(name)
        row = self._conn.execute(
            "SELECT 1 FROM names n JOIN countries c ON n.geonameid = c.geonameid WHERE n.key = ? "
            "UNION ALL SELECT 1 FROM demonyms WHERE key = ? LIMIT 1",
            (key, key),
        ).fetchone()
        return row is not None

    def capital(self, cc: str) -> Place | None:
        """The capital city (GeoNames PPLC) of an ISO alpha-2 code, or ``None``."""
        key = ("capital", cc)
        if key in self._memo:
            return self._memo[key]
        row = self._conn.execute(
            "SELECT geonameid FROM places WHERE country_code = ? AND feature_code = 'PPLC' "
            "ORDER BY population DESC LIMIT 1",
            (cc.upper(),),
        ).fetchone()
        return self._remember(key, self.get(row[0]) if row else None)

    def country(self, cc: str) -> Place | None:
        """The country record of an ISO alpha-2 (or alpha-3) code, or ``None``."""
        key = ("country", cc)
        if key in self._memo:
            return self._memo[key]
        column = "iso3" if len(cc) == 3 else "cc"
        row = self._conn.execute(
            f"SELECT geonameid FROM countries WHERE {column} = ?", (cc.upper(),)
        ).fetchone()
        return self._remember(key, self.get(row[0]) if row else None)

    def _remember(self, key: tuple[str, str], place: Place | None) -> Place | None:
        """Keep one answer (news asks about the same few words and codes again and again)."""
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.clear()
        self._memo[key] = place
        return place

    def admin1(self, cc: str, code: str) -> Place | None:
        """The first-level division ``cc.code`` (GeoNames admin1 code), or ``None``."""
        return self._admin(f"{cc.upper()}.{code}")

    def admin2(self, cc: str, a1: str, a2: str) -> Place | None:
        """The second-level division ``cc.a1.a2`` (GeoNames admin2 code), or ``None``."""
        return self._admin(f"{cc.upper()}.{a1}.{a2}")

    def _admin(self, code: str) -> Place | None:
        key = ("admin", code)
        if key in self._memo:
            return self._memo[key]
        row = self._conn.execute("SELECT geonameid FROM admin WHERE code = ?", (code,)).fetchone()
        return self._remember(key, self.get(row[0]) if row and row[0] is not None else None)

    def parents(self, geonameid: int) -> list[Place]:
        """The place's ancestors, nearest first: the GeoNames hierarchy when imported, else its
        admin2, admin1 and country from its codes."""
        chain: list[Place] = []
        seen = {geonameid}
        current = geonameid
        while True:
            row = self._conn.execute(
                "SELECT parent FROM hierarchy WHERE child = ? ORDER BY type = 'ADM' DESC LIMIT 1", (current,)
            ).fetchone()
            if row is None or row[0] in seen:
                break
            seen.add(row[0])
            parent = self.get(row[0])
            if parent is None:
                break
            chain.append(parent)
            current = row[0]
        return chain or self._admin_parents(geonameid)

    def _admin_parents(self, geonameid: int) -> list[Place]:
        place = self.get(geonameid)
        if place is None:
            return []
        chain: list[Place | None] = []
        if place.admin_level > 2 and place.admin2_code:
            chain.append(self.admin2(place.country_code, place.admin1_code, place.admin2_code))
        if place.admin_level > 1 and place.admin1_code:
            chain.append(self.admin1(place.country_code, place.admin1_code))
        if place.admin_level > 0 and place.country_code:
            chain.append(self.country(place.country_code))
        return [p for p in chain if p is not None and p.geonameid != geonameid]

    def names_of(self, geonameid: int) -> list[dict[str, Any]]:
        """Every name stored for a place: ``name``, ``key`` (folded), ``match``, ``lang`` and the GeoNames
        alternate-name ``flags`` kept by the import (``preferred``, ``short``, ``colloquial``; historic
        names have match ``historic``), best match first."""
        rows = self._conn.execute(
            "SELECT name, key, match, lang FROM names WHERE geonameid = ? ORDER BY bonus DESC, rowid",
            (geonameid,),
        )
        out = []
        for name, key, match, lang in rows:
            code, *flags = lang.split(":")
            out.append({"name": name, "key": key, "match": match, "lang": code, "flags": flags})
        return out

    def iter_names(self) -> Iterator[tuple[str, ...]]:
        """Every distinct folded key as ``(key, best_match, example_name)``, for building recognisers.

        ``best_match`` is the best match type the key has for any place (``primary`` before
        ``alternate`` ...), so a recogniser can skip keys that are only abbreviations or demonyms.
        """
        yield from self._conn.execute("SELECT key, match, name FROM keys ORDER BY key")

    # -- reverse ---------------------------------------------------------------------------
    def nearest(
        self, lat: float, lon: float, k: int = 1, *, feature_classes: str | None = None
    ) -> list[Place]:
        """The ``k`` places nearest to (lat, lon), nearest first (great-circle distance).

        Searches R-tree boxes of doubling size around the point (wrapping at the antimeridian)
        until the ``k``-th nearest lies inside the circle the box is known to cover; far from
        everything (at sea) it switches to a best-first search over 5-degree tiles, reading a tile
        only while its nearest edge is closer than the ``k``-th place found. Only ids and
        coordinates are read while searching, full records only for the answer.
        ``feature_classes`` ("P", "PA" ...) keeps only those GeoNames classes.
        """
        if k <= 0:
            return []
        classes = sorted(set(feature_classes)) if feature_classes else []
        half = 0.05
        while half <= _BOX_LIMIT:
            seen: dict[int, float] = {}
            for gid, plat, plon in self._box_points(lat, lon, half, classes):
                seen[gid] = haversine_km(lat, lon, plat, plon)
            ranked = sorted(seen.items(), key=lambda item: (item[1], item[0]))
            if len(ranked) >= k and ranked[k - 1][1] <= _covered_km(lat, half):
                return self._places([gid for gid, _d in ranked[:k]])
            if len(ranked) >= k:  # enough points: grow straight to the box that covers the k-th
                half = max(half * 1.25, _half_for_km(lat, ranked[k - 1][1]) * 1.001)
            else:
                half *= 2
        return self._nearest_by_tiles(lat, lon, k, classes)

    def _places(self, ids: list[int]) -> list[Place]:
        return [p for gid in ids if (p := self.get(gid)) is not None]

    def _nearest_by_tiles(self, lat: float, lon: float, k: int, classes: list[str]) -> list[Place]:
        """Best-first search over a global grid of ``_TILE``-degree tiles, nearest tile first, for points
        far from everything (at sea): a tile is read only while it can still hold one of the ``k``."""
        rows, cols = int(180 / _TILE), int(360 / _TILE)
        start = (min(rows - 1, int((lat + 90.0) // _TILE)), int(((lon + 180.0) % 360.0) // _TILE) % cols)
        heap: list[tuple[float, tuple[int, int]]] = [(0.0, start)]
        visited = {start}
        found: dict[int, float] = {}
        kth = math.inf
        while heap:
            bound, (r, c) = heapq.heappop(heap)
            if bound > kth + 1e-6:
                break
            south, west = -90.0 + r * _TILE, -180.0 + c * _TILE
            for gid, plat, plon in self._rect_points(south, south + _TILE, west, west + _TILE, classes):
                found[gid] = haversine_km(lat, lon, plat, plon)
            if len(found) >= k:
                kth = heapq.nsmallest(k, found.values())[-1]
            neighbours = [
                (r + dr, (c + dc) % cols) for dr in (-1, 0, 1) for dc in (-1, 0, 1) if 0 <= r + dr < rows
            ]
            if r in (0, rows - 1):  # across the pole every tile of the polar row is a neighbour
                neighbours += [(r, j) for j in range(cols)]
            for tile in neighbours:
                if tile not in visited:
                    visited.add(tile)
                    s2, w2 = -90.0 + tile[0] * _TILE, -180.0 + tile[1] * _TILE
                    heapq.heappush(heap, (_rect_min_km(lat, lon, s2, s2 + _TILE, w2, w2 + _TILE), tile))
        ranked = sorted(found.items(), key=lambda item: (item[1], item[0]))
        return self._places([gid for gid, _d in ranked[:k]])

    def _rect_points(
        self, south: float, north: float, west: float, east: float, classes: list[str]
    ) -> Iterator[tuple[int, float, float]]:
        """(geonameid, lat, lon) of the places in a latitude/longitude rectangle (no antimeridian wrap)."""
        sql = (
            "SELECT r.id, r.min_lat, r.min_lon FROM places_rtree r JOIN places p ON p.geonameid = r.id "
            "WHERE r.min_lat <= ? AND r.max_lat >= ? AND r.min_lon <= ? AND r.max_lon >= ? "
            f"AND p.feature_class IN ({','.join('?' * len(classes))})"
            if classes
            else "SELECT id, min_lat, min_lon FROM places_rtree "
            "WHERE min_lat <= ? AND max_lat >= ? AND min_lon <= ? AND max_lon >= ?"
        )
        yield from self._conn.execute(sql, [north, south, east, west, *classes])

    def _box_points(
        self, lat: float, lon: float, half: float, classes: list[str]
    ) -> Iterator[tuple[int, float, float]]:
        """(geonameid, lat, lon) of the places in the box of half-size ``half`` degrees around the point."""
        if classes:
            sql = (
                "SELECT r.id, r.min_lat, r.min_lon FROM places_rtree r JOIN places p ON p.geonameid = r.id "
                "WHERE r.min_lat <= ? AND r.max_lat >= ? AND r.min_lon <= ? AND r.max_lon >= ? "
                f"AND p.feature_class IN ({','.join('?' * len(classes))})"
            )
        else:
            sql = (
                "SELECT id, min_lat, min_lon FROM places_rtree "
                "WHERE min_lat <= ? AND max_lat >= ? AND min_lon <= ? AND max_lon >= ?"
            )
        for west, east in _lon_ranges(lat, lon, half):
            yield from self._conn.execute(sql, [lat + half, lat - half, east, west, *classes])

    @cached_property
    def _shapes(self) -> tuple[list[str], Any]:
        import shapely
        from shapely.strtree import STRtree

        rows = self._conn.execute("SELECT cc, wkb FROM shapes ORDER BY cc").fetchall()
        codes = [r[0] for r in rows]
        geoms = shapely.from_wkb([r[1] for r in rows]) if rows else []
        return codes, STRtree(list(geoms))

    def country_at(self, lat: float, lon: float) -> Place | None:
        """The country whose outline contains the point (shapely; ``countryinfo`` outlines), or ``None``."""
        import shapely

        codes, tree = self._shapes
        if not codes:
            return None
        hits = tree.query(shapely.Point(lon, lat), predicate="intersects")
        for idx in sorted(int(i) for i in hits):
            place = self.country(codes[idx])
            if place is not None:
                return place
        return None

    def admin1_at(self, lat: float, lon: float) -> Place | None:
        """The province containing the point: no province outlines are stored, so the nearest ADM1 centre
        in the containing country (an approximation); ``None`` when no country contains the point."""
        country = self.country_at(lat, lon)
        if country is None:
            return None
        rows = self._conn.execute(
            f"SELECT {_PLACE_COLUMNS} FROM places p WHERE country_code = ? AND feature_code = 'ADM1'",
            (country.country_code,),
        ).fetchall()
        places = [self._place(r) for r in rows]
        return min(places, key=lambda p: haversine_km(lat, lon, p.lat, p.lon), default=None)

    # -- description -----------------------------------------------------------------------
    def info(self) -> dict[str, Any]:
        """Source, build date, schema version, counts by feature class and by country, and file size."""
        meta = dict(self._conn.execute("SELECT key, value FROM meta"))
        stats = json.loads(meta["stats"]) if "stats" in meta else place_stats(self._conn)
        return {
            "path": str(self.path),
            "size_bytes": self.path.stat().st_size,
            "schema_version": int(meta.get("schema_version", 0)),
            "source": meta.get("source", ""),
            "built_at": meta.get("built_at", ""),
            "build_report": json.loads(meta.get("build_report", "{}")),
            **stats,
        }


def place_stats(conn: sqlite3.Connection) -> dict[str, Any]:
    """Counts of places and names, places by feature class, top 25 countries and by point source.

    One scan of ``places``; the build stores the result in ``meta`` (key ``stats``) so that
    ``info`` stays instant on a 12M-place database.
    """
    by_class: dict[str, int] = {}
    by_country: dict[str, int] = {}
    by_source: dict[str, int] = {}
    rows = conn.execute(
        "SELECT feature_class, country_code, point_source, COUNT(*) FROM places GROUP BY 1, 2, 3"
    )
    for fclass, cc, source, n in rows:
        by_class[fclass] = by_class.get(fclass, 0) + n
        by_country[cc] = by_country.get(cc, 0) + n
        by_source[source] = by_source.get(source, 0) + n
    (n_names,) = conn.execute("SELECT COUNT(*) FROM names").fetchone()

    def ranked(counts: dict[str, int], top: int | None = None) -> dict[str, int]:
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top])

    return {
        "places": sum(by_class.values()),
        "names": n_names,
        "by_feature_class": ranked(by_class),
        "top_countries": ranked(by_country, 25),
        "by_point_source": ranked(by_source),
    }


def _read_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


_KM_PER_DEGREE = 2 * math.pi * 6371.0088 / 360.0
#: Boxes reaching beyond this latitude take every longitude (a polar cap).
_CAP_LAT = 85.0
#: ``nearest`` grows boxes up to this half-size (degrees), then searches tiles of ``_TILE`` degrees.
_BOX_LIMIT = 1.6
_TILE = 5.0


def _rect_min_km(lat: float, lon: float, south: float, north: float, west: float, east: float) -> float:
    """The great-circle distance (km) from the point to the nearest point of a lat/lon rectangle."""
    if west <= lon <= east:
        return max(0.0, south - lat, lat - north) * _KM_PER_DEGREE
    return min(_meridian_min_km(lat, lon, west, south, north), _meridian_min_km(lat, lon, east, south, north))


def _meridian_min_km(lat: float, lon: float, meridian: float, south: float, north: float) -> float:
    """Distance (km) from the point to the meridian ``meridian`` between latitudes ``south`` and ``north``.

    cos d = A sin(psi) + B cos(psi) along the meridian; its maximum is at psi = atan2(A, B) when that
    latitude lies on the segment, else at an end.
    """
    phi = math.radians(lat)
    a = math.sin(phi)
    b = math.cos(phi) * math.cos(math.radians(meridian - lon))
    top = math.degrees(math.atan2(a, b))
    if south <= top <= north:
        best = math.hypot(a, b)
    else:
        s, n = math.radians(south), math.radians(north)
        best = max(a * math.sin(s) + b * math.cos(s), a * math.sin(n) + b * math.cos(n))
    return math.acos(max(-1.0, min(1.0, best))) * 6371.0088


def _covered_km(lat: float, half: float) -> float:
    """The radius (km) of the circle around a point at ``lat`` that its box of half-size ``half`` holds.

    A circle of angular radius r spans r of latitude and asin(sin r / cos lat) of longitude.
    """
    if half >= 180.0:
        return math.inf
    if abs(lat) + half >= _CAP_LAT:  # polar cap: every longitude, so only the latitude span limits
        return half * _KM_PER_DEGREE
    lon_r = math.degrees(math.asin(min(1.0, math.sin(math.radians(half)) * math.cos(math.radians(lat)))))
    return min(half, lon_r) * _KM_PER_DEGREE


def _half_for_km(lat: float, km: float) -> float:
    """The half-size in degrees of a box around latitude ``lat`` whose covered circle reaches ``km``."""
    r = km / _KM_PER_DEGREE
    if abs(lat) + r >= _CAP_LAT:
        return r
    ratio = math.sin(math.radians(r)) / math.cos(math.radians(lat))
    return max(r, math.degrees(math.asin(ratio)) if ratio < 1.0 else 90.0)


def _lon_ranges(lat: float, lon: float, half: float) -> list[tuple[float, float]]:
    """(west, east) longitude ranges of the box around the point, split at the antimeridian; all of them
    for a polar cap."""
    west, east = lon - half, lon + half
    if half >= 180.0 or east - west >= 360.0 or abs(lat) + half >= _CAP_LAT:
        return [(-180.0, 180.0)]
    if west < -180.0:
        return [(-180.0, east), (west + 360.0, 180.0)]
    if east > 180.0:
        return [(west, 180.0), (-180.0, east - 360.0)]
    return [(west, east)]
