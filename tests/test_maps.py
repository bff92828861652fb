"""geo.maps: the page data, province areas, and the folium map (rendered to HTML, read back)."""

from __future__ import annotations

import html
import json
import re
import warnings
from pathlib import Path

import folium
import pandas as pd
import pytest
import shapely.geometry

from geo import escape
from geo.errors import RenderError
from geo.maps import embed_html, map_data, normalise_events, offline_asset, province_area, render_map

# Hand-made events (invented text), in our own events.csv columns.
OURS = pd.DataFrame(
    [
        {
            "event_date": "2023-05-02",
            "event_type": "Protests",
            "sub_event_type": "Peaceful protest",
            "actor1": "Teachers' union",
            "location": "Herat",
            "admin1": "Herat",
            "country": "Afghanistan",
            "country_code": "AF",
            "latitude": 34.34817,
            "longitude": 62.19967,
            "geo_precision": 1,
            "geonameid": 1140026,
            "fatalities": 0,
            "certainty": "reported",
            "title": "Teachers march",
            "url": "https://example.org/march",
            "sentence": "Teachers marched through Herat on Tuesday.",
            "trigger_start": 9,
            "trigger_end": 16,
            "place_start": 25,
            "place_end": 30,
        },
        {
            "event_date": "2023-05-09",
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "actor1": "Militia A",
            "actor2": "Militia B",
            "location": "Herat",
            "admin1": "Herat",
            "country": "Afghanistan",
            "country_code": "AF",
            "latitude": 34.34817,
            "longitude": 62.19967,
            "geo_precision": 2,
            "geonameid": 1140026,
            "fatalities": 4,
            "certainty": "claimed",
            "title": "Clash near Herat",
            "url": "javascript:alert(1)",
            "sentence": "Two militias clashed near Herat, a spokesman claimed.",
        },
        {
            "event_date": "",
            "event_type": "Riots",
            "location": "Nowhere",
            "latitude": None,
            "longitude": None,
            "fatalities": 1,
        },
    ]
)


def test_map_data_shares_places_sources_and_strings() -> None:
    data = map_data(OURS)
    assert len(data["e"]) == 2 and data["unplaced"] == 1
    assert len(data["p"]) == 1  # both placed events are at Herat: one place row
    lat, lon, loc, adm1, ctry, gid, area = data["p"][0]
    assert (lat, lon, gid, area) == (34.34817, 62.19967, 1140026, -1)
    assert [data["s"][i] for i in (loc, adm1, ctry)] == ["Herat", "Herat", "Afghanistan"]
    assert len(data["d"]) == 2
    # the javascript: URL never reaches the page
    assert "javascript:alert(1)" not in data["s"]
    # ACLED's order of event types, not the table's order
    assert data["types"] == ["Battles", "Protests"]
    assert data["certainties"][data["e"][0][4]] == "reported"
    assert data["certainties"][data["e"][1][4]] == "claimed"
    assert (data["dayMin"], data["dayMax"]) == (19479, 19486)  # 2023-05-02, 2023-05-09
    assert data["undated"] == 0


def test_map_data_drops_bidi_overrides_from_every_string() -> None:
    """``geo render`` reads other people's tables: their text must not reorder the popup either."""
    row = OURS.iloc[0].to_dict() | {"actor1": "Militia \u202eA yb", "title": "Report \u202egnp.exe"}
    strings = map_data(pd.DataFrame([row]))["s"]
    assert "Militia A yb" in strings and "Report gnp.exe" in strings
    assert not any(
        ch in s for s in strings for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    )


def test_map_data_spans_are_utf16_offsets() -> None:
    sentence = "Rockets \U0001f680 hit Kırıkhan at dawn."
    start = sentence.index("Kırıkhan")
    row = OURS.iloc[0].to_dict() | {
        "sentence": sentence,
        "place_start": start,
        "place_end": start + len("Kırıkhan"),
        "trigger_start": sentence.index("hit"),
        "trigger_end": sentence.index("hit") + 3,
    }
    ev = map_data(pd.DataFrame([row]))["e"][0]
    js = sentence.encode("utf-16-le")
    # JavaScript slices UTF-16 code units: the astral rocket counts twice
    assert js[2 * ev[13] : 2 * ev[14]].decode("utf-16-le") == "Kırıkhan"
    assert js[2 * ev[15] : 2 * ev[16]].decode("utf-16-le") == "hit"


def test_acled_export_columns_are_understood() -> None:
    acled = pd.DataFrame(
        [
            {
                "event_date": "12 March 2024",
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Shelling/artillery/missile attack",
                "actor1": "Army",
                "actor2": "",
                "location": "Sample Town",
                "latitude": "31.5",
                "longitude": "65.7",
                "geo_precision": "3",
                "fatalities": "2",
                "notes": "Shelling hit the district; two people were killed.",
                "source": "Local paper",
                "iso3": "AFG",
                "country": "Afghanistan",
                "admin1": "Kandahar",
            }
        ]
    )
    f = normalise_events(acled)
    assert f.loc[0, "sentence"].startswith("Shelling hit")
    assert f.loc[0, "title"] == "Local paper"
    assert f.loc[0, "country_code"] == "AF"
    assert f.loc[0, "geo_precision"] == 3 and f.loc[0, "fatalities"] == 2
    assert f.loc[0, "day"] == 19794  # 2024-03-12
    data = map_data(acled)
    assert data["p"][0][6] == 0 and len(data["areas"]) == 1  # precision 3 draws an area


def test_missing_required_columns_raise_render_error() -> None:
    with pytest.raises(RenderError, match="latitude"):
        map_data(pd.DataFrame({"event_type": ["Riots"], "longitude": [1.0]}))


def test_province_area_is_a_region_around_the_point_inside_the_country() -> None:
    lat, lon = 31.6, 65.7  # southern Afghanistan
    ring = province_area(lat, lon, "AF")
    poly = shapely.geometry.Polygon([(x, y) for y, x in ring])
    assert poly.is_valid and poly.area > 0.3  # an area, not a pin
    assert poly.distance(shapely.geometry.Point(lon, lat)) < 0.5
    lats = [p[0] for p in ring]
    lons = [p[1] for p in ring]
    # clipped to Afghanistan: never reaches Iran's or Pakistan's far side
    assert min(lats) > 29 and max(lats) < 39 and min(lons) > 60 and max(lons) < 75.5


def test_province_area_without_known_province_is_a_disc() -> None:
    ring = province_area(-40.0, -120.0, "")  # open ocean, no country
    poly = shapely.geometry.Polygon([(x, y) for y, x in ring])
    assert poly.contains(shapely.geometry.Point(-120.0, -40.0))
    assert 0.9 < poly.area < 1.2  # a 0.6-degree disc


def _page(m: folium.Map) -> str:
    return m.get_root().render()


def test_render_map_online_uses_openstreetmap_without_warnings() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        m = render_map(OURS, title="Herat <test>")
        page = _page(m)
    assert isinstance(m, folium.Map)
    assert "tile.openstreetmap.org" in page and "OpenStreetMap" in page
    assert "Natural Earth" in page
    assert "<title>Herat &lt;test&gt;</title>" in page
    assert "cartocdn" not in page


@pytest.mark.parametrize("offline", [False, True])
def test_same_events_give_a_byte_identical_page(offline: bool) -> None:
    first = _page(render_map(OURS, offline=offline))
    second = _page(render_map(OURS, offline=offline))
    assert first == second  # folium's random element ids would differ on every render


def test_offline_page_has_no_external_resources_and_a_max_zoom() -> None:
    page = _page(render_map(OURS, offline=True))
    assert not re.search(r"<(script|link|img)\b[^>]*\b(src|href)=", page)
    assert "tile.openstreetmap.org" not in page
    assert offline_asset("https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js") in page
    options = re.search(r"L\.map\(\s*\"map_\w+\",\s*\{(.*?)\}\s*\);", page, re.S)
    assert options and '"maxZoom": 18' in options.group(1)


PAYLOADS = [
    "<img src=x onerror=window.__pwned=1>",
    "</script><script>window.__pwned=1</script>",
    "${window.__pwned=1}",
    "{{ 7 * 7 }}{% if true %}jinja{% endif %}",
]


@pytest.mark.parametrize("offline", [False, True])
def test_payloads_reach_the_page_only_as_escaped_json(offline: bool) -> None:
    rows = OURS.iloc[:2].copy()
    for col in ("title", "sentence", "actor1", "actor2", "location", "sub_event_type"):
        rows[col] = [PAYLOADS[0] + col, PAYLOADS[1] + PAYLOADS[2] + PAYLOADS[3]]
    page = _page(render_map(rows, offline=offline, title=PAYLOADS[0]))
    assert "<img src=x" not in page
    assert "</script><script>window.__pwned" not in page
    # Jinja never evaluates article text
    assert "{{ 7 * 7 }}{% if true %}jinja{% endif %}" in page
    data = json.loads(re.search(r"geoEventMap\(\w+, (\{.*\}), \{", page).group(1))  # type: ignore[union-attr]
    assert PAYLOADS[1] + PAYLOADS[2] + PAYLOADS[3] in data["s"]


def test_layer_labels_are_escaped_html() -> None:
    rows = OURS.iloc[:1].copy()
    rows["event_type"] = ["<b onmouseover=x>Odd</b>"]
    label = map_data(rows)["typeLabels"][0]
    assert "<b" not in label and escape.html("<b onmouseover=x>Odd</b>") in label


def test_embed_html_is_a_sandboxed_iframe_of_the_whole_page() -> None:
    m = render_map(OURS, offline=True)
    snippet = embed_html(m, height=420, title="Events")
    match = re.fullmatch(
        r'<iframe title="Events" style="[^"]*420px[^"]*" sandbox="[^"]*" srcdoc="([^"]*)"></iframe>', snippet
    )
    assert match
    page = html.unescape(match.group(1))
    assert page.startswith("<!DOCTYPE html>") and "geoEventMap(" in page


def test_empty_table_still_draws_a_map() -> None:
    page = _page(render_map(OURS.iloc[0:0], offline=True))
    data = json.loads(re.search(r"geoEventMap\(\w+, (\{.*\}), \{", page).group(1))  # type: ignore[union-attr]
    assert data["e"] == [] and data["bounds"] is None


def test_jupyter_shows_the_map_inline() -> None:
    out = render_map(OURS)._repr_html_()
    assert "<iframe" in out and "geoEventMap" in html.unescape(out)


def test_the_default_page_needs_no_cdn_but_still_draws_tiles() -> None:
    """Opened without network, the default map still has Leaflet; with network it shows tiles."""
    page = _page(render_map(OURS))
    assert not re.search(r"<(script|link)\b[^>]*\b(src|href)=", page)
    assert offline_asset("https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js") in page
    assert "tile.openstreetmap.org" in page
    linked = _page(render_map(OURS, cdn=True))
    assert re.search(r"<script\b[^>]*\bsrc=\"https://cdn\.jsdelivr\.net/npm/leaflet@1\.9\.3", linked)
    assert len(linked) < len(page) - 100_000  # Leaflet and its CSS are not in the file
    with pytest.raises(RenderError):
        render_map(OURS, offline=True, cdn=True)


def _luminance(color: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    channels = [int(color[k : k + 2], 16) / 255 for k in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_country_names_read_on_land_and_sea_at_wcag_aa() -> None:
    """The country names (11 px: small text) need 4.5:1 against the land and the sea they sit on."""
    from importlib import resources

    data = resources.files("geo").joinpath("data")
    css = data.joinpath("map_events.css").read_text(encoding="utf-8")
    rule = re.search(r"\.geo-country-label span \{([^}]*)\}", css)
    assert rule is not None
    label = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", rule.group(1))
    assert label is not None and "11px" in rule.group(1)
    js = data.joinpath("map_outlines.js").read_text(encoding="utf-8")
    land = re.search(r'fillColor: "(#[0-9a-fA-F]{6})"', js)
    sea = re.search(r'style\.background = "(#[0-9a-fA-F]{6})"', js)
    assert land is not None and sea is not None
    for ground in (land.group(1), sea.group(1)):
        assert _contrast(label.group(1), ground) >= 4.5, (label.group(1), ground)


def test_both_maps_draw_their_outlines_with_the_one_shared_script() -> None:
    """The event map and the toponym error map include geo/data/map_outlines.js once each; neither
    page script keeps a copy of the outline pane's code."""
    from importlib import resources

    from geo.maps import render_error_map

    data = resources.files("geo").joinpath("data")
    shared = data.joinpath("map_outlines.js").read_text(encoding="utf-8")
    for script in ("map_events.js", "map_errors.js"):
        assert 'createPane("geoOutlines")' not in data.joinpath(script).read_text(encoding="utf-8")
    error = dict(gold=[31.6, 65.7], pred=[18.9, 77.2], toponym="Kandahar", article="a1", error="1,800 km")
    error |= dict(predicted="x", reason="y", goldId="", context="Rain fell.")
    pages = [
        render_map(OURS, offline=True).get_root().render(),
        render_error_map([error], title="errors").get_root().render(),
    ]
    for page in pages:
        assert page.count(shared) == 1


def test_a_countrys_name_waits_for_the_zoom_at_which_it_fits() -> None:
    """All names from zoom 3 put Dhekelia over Akrotiri and Cyprus, Bir Tawil and Bahrain over their
    neighbours: each name is shown from the zoom at which its country's largest part is 24 pixels wide."""
    from geo.maps import country_labels, label_zoom

    zoom = {label[2]: label[3] for label in country_labels()}
    assert zoom["Afghanistan"] == zoom["Sudan"] == 3
    assert 4 <= zoom["Lebanon"] <= 6 and zoom["Qatar"] > zoom["Saudi Arabia"]
    assert min(zoom["Dhekelia Cantonment"], zoom["Akrotiri Sovereign Base Area"], zoom["Bahrain"]) >= 7
    assert (label_zoom(360), label_zoom(1.5), label_zoom(0)) == (3, 5, 18)
    # the page shows each name from its zoom, none below 3
    script = (Path(__file__).parents[1] / "geo" / "data" / "map_outlines.js").read_text(encoding="utf-8")
    assert "Math.max(3, Number(c[3]) || 3)" in script
