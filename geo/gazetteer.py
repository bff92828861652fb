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
    "prior",
]

#: Bump when the tables change; ``Gazetteer.open`` refuses a database of another version.
SCHEMA_VERSION = 1

MATCH_TYPES: tuple[MatchType, ...] = ("primary", "ascii", "alternate", "demonym", "historic", "abbreviation")

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
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


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

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str | None = None) -> Gazetteer:
        """Open the database at ``path`` (default: ``default_path()``); raise if missing or incompatible."""
        target = Path(path).expanduser() if path is not None else default_path()
        if not target.is_file():
            raise GazetteerMissing(
                f"{target}: no gazetteer database here; build it with `geo gazetteer build`"
            )
        try:
            conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True, check_same_thread=False)
            version = _read_version(conn)
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(
                f"{target}: not a gazetteer database ({exc}); rebuild with `geo gazetteer build --out {target}`"
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
        self.path, self._conn = other.path, other._conn

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
        sql = f"SELECT n.match, n.name, {_PLACE_COLUMNS} FROM names n JOIN places p USING (geonameid) WHERE n.key = ?"
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
        row = self._conn.execute("SELECT country_code FROM demonyms WHERE key = ?", (fold(word),)).fetchone()
        return self.country(row[0]) if row else None

    def country(self, cc: str) -> Place | None:
        """The country record of an ISO alpha-2 (or alpha-3) code, or ``None``."""
        column = "iso3" if len(cc) == 3 else "cc"
        row = self._conn.execute(
            f"SELECT geonameid FROM countries WHERE {column} = ?", (cc.upper(),)
        ).fetchone()
        return self.get(row[0]) if row else None

    def admin1(self, cc: str, code: str) -> Place | None:
        """The first-level division ``cc.code`` (GeoNames admin1 code), or ``None``."""
        return self._admin(f"{cc.upper()}.{code}")

    def admin2(self, cc: str, a1: str, a2: str) -> Place | None:
        """The second-level division ``cc.a1.a2`` (GeoNames admin2 code), or ``None``."""
        return self._admin(f"{cc.upper()}.{a1}.{a2}")

    def _admin(self, code: str) -> Place | None:
        row = self._conn.execute("SELECT geonameid FROM admin WHERE code = ?", (code,)).fetchone()
        return self.get(row[0]) if row and row[0] is not None else None

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
        """The ``k`` places nearest to (lat, lon), nearest first (R-tree search, then great-circle distance)."""
        found: dict[int, tuple[float, Place]] = {}
        half = 0.05
        while True:
            self._search_box(lat, lon, half, feature_classes, found)
            ranked = sorted(found.values(), key=lambda t: t[0])
            if len(ranked) >= k or half >= 180:
                if len(ranked) < k or half >= 180:
                    return [p for _, p in ranked[:k]]
                need_km = ranked[k - 1][0]
                lat_span = need_km / 111.0
                lon_span = need_km / (
                    111.32 * max(math.cos(math.radians(min(abs(lat) + lat_span, 89.9))), 1e-6)
                )
                if max(lat_span, lon_span) <= half:
                    return [p for _, p in ranked[:k]]
                half = min(180.0, max(lat_span, lon_span) * 1.01)
                continue
            half *= 4

    def _search_box(
        self,
        lat: float,
        lon: float,
        half: float,
        feature_classes: str | None,
        found: dict[int, tuple[float, Place]],
    ) -> None:
        sql = (
            f"SELECT {_PLACE_COLUMNS} FROM places_rtree r JOIN places p ON p.geonameid = r.id "
            "WHERE r.min_lat <= ? AND r.max_lat >= ? AND r.min_lon <= ? AND r.max_lon >= ?"
        )
        params: list[Any] = [lat + half, lat - half, lon + half, lon - half]
        if feature_classes:
            sql += f" AND p.feature_class IN ({','.join('?' * len(feature_classes))})"
            params.extend(feature_classes)
        for row in self._conn.execute(sql, params):
            if row[0] not in found:
                place = self._place(row)
                found[row[0]] = (haversine_km(lat, lon, place.lat, place.lon), place)

    @cached_property
    def _shapes(self) -> tuple[list[str], Any]:
        import shapely
        from shapely.strtree import STRtree

        rows = self._conn.execute("SELECT cc, wkb FROM shapes ORDER BY cc").fetchall()
        codes = [r[0] for r in rows]
        geoms = shapely.from_wkb([r[1] for r in rows]) if rows else []
        return codes, STRtree(list(geoms))

    def country_at(self, lat: float, lon: float) -> Place | None:
        """The country whose outline contains the point (shapely; outlines from ``countryinfo``), or ``None``."""
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
        """The province containing the point: no province outlines are stored, so the nearest ADM1 centre in the
        containing country (an approximation, flagged by ``point_source``); ``None`` when no country contains it."""
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
        by_class = dict(
            self._conn.execute(
                "SELECT feature_class, COUNT(*) FROM places GROUP BY feature_class ORDER BY 2 DESC"
            )
        )
        by_country = dict(
            self._conn.execute(
                "SELECT country_code, COUNT(*) FROM places GROUP BY country_code ORDER BY 2 DESC, 1 LIMIT 25"
            )
        )
        by_source = dict(
            self._conn.execute(
                "SELECT point_source, COUNT(*) FROM places GROUP BY point_source ORDER BY 2 DESC"
            )
        )
        (n_places,) = self._conn.execute("SELECT COUNT(*) FROM places").fetchone()
        (n_names,) = self._conn.execute("SELECT COUNT(*) FROM names").fetchone()
        return {
            "path": str(self.path),
            "size_bytes": self.path.stat().st_size,
            "schema_version": int(meta.get("schema_version", 0)),
            "source": meta.get("source", ""),
            "built_at": meta.get("built_at", ""),
            "build_report": json.loads(meta.get("build_report", "{}")),
            "places": n_places,
            "names": n_names,
            "by_feature_class": by_class,
            "top_countries": by_country,
            "by_point_source": by_source,
        }


def _read_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0
