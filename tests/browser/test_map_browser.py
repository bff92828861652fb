"""The event map in a real headless Chromium: features, popups, legend, layers, time window,
no JavaScript errors, no network for the offline file, and injection payloads that stay inert.

Every page is written by ``geo.maps.render_map`` from events built here (invented text).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from geo.maps import embed_html, offline_asset, render_map

pytestmark = pytest.mark.browser

# Each payload would set window.__pwned if the page ever ran it as HTML or script.
PAYLOADS = (
    "<img src=x onerror=window.__pwned=1>",
    "</script><script>window.__pwned=2</script>",
    "${window.__pwned=3}",
    "`;window.__pwned=4;`",
    '"><svg onload=window.__pwned=5>',
    "{{ 7 * 7 }}",
)
PAYLOAD = " ".join(PAYLOADS)


def _event(i: int, **kw: Any) -> dict[str, Any]:
    base = {
        "event_id": f"b{i}",
        "event_date": f"2024-04-{1 + i % 28:02d}",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Militia A",
        "actor2": "Militia B",
        "location": f"Village {i}",
        "admin1": "Kunduz",
        "country": "Afghanistan",
        "country_code": "AF",
        "latitude": 36.0 + i * 0.11,
        "longitude": 68.0 + i * 0.13,
        "geo_precision": 1,
        "geonameid": 1000 + i,
        "fatalities": i % 4,
        "certainty": "reported",
        "title": f"Report {i}",
        "url": f"https://example.org/{i}",
        "sentence": f"Militias clashed near Village {i} overnight.",
    }
    return base | kw


def _events() -> pd.DataFrame:
    rows = [_event(i) for i in range(8)]
    rows += [
        _event(8, event_type="Protests", sub_event_type="Peaceful protest", geo_precision=2, fatalities=0),
        _event(
            9,
            event_type="Violence against civilians",
            geo_precision=3,
            certainty="claimed",
            attribution="Militia A claimed responsibility for the raid.",
        ),
        _event(10, event_type="Riots", certainty="denied", event_date=""),
        # the payloads in every piece of article text
        _event(
            11,
            event_type="Strategic developments",
            sub_event_type=PAYLOAD,
            actor1=PAYLOAD,
            actor2=PAYLOAD,
            location=PAYLOAD,
            admin1=PAYLOAD,
            title=PAYLOAD,
            url="javascript:window.__pwned=6",
            sentence="Before " + PAYLOAD + " after.",
            attribution=PAYLOAD,
            trigger_start=0,
            trigger_end=6,
            place_start=7,
            place_end=7 + len(PAYLOAD),
        ),
        # two events at one place: a cluster of two at every zoom
        _event(12, latitude=35.0, longitude=66.0, location="Twin"),
        _event(13, latitude=35.0, longitude=66.0, location="Twin", event_type="Protests"),
        _event(14, latitude=None, longitude=None, location=PAYLOAD),  # not drawn, counted
    ]
    return pd.DataFrame(rows)


N_DRAWN = 14
N_TYPES = 5


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Offline page, CDN page (its CDN files served from disk), a page without clusters, a fragment."""
    out = tmp_path_factory.mktemp("maps")
    events = _events()
    paths: dict[str, Path] = {}
    offline = render_map(events, title=PAYLOAD, offline=True)
    paths["offline"] = out / "offline.html"
    offline.save(str(paths["offline"]))
    online_page = render_map(events, title=PAYLOAD, heat=True, cdn=True).get_root().render()
    for k, url in enumerate(sorted(set(re.findall(r'(?:src|href)="(https://[^"]+)"', online_page)))):
        content = offline_asset(url)
        assert content is not None, url
        local = out / f"asset{k}{Path(url).suffix}"
        local.write_text(content, encoding="utf-8")
        online_page = online_page.replace(f'"{url}"', f'"{local.as_uri()}"')
    paths["online"] = out / "online.html"
    paths["online"].write_text(online_page, encoding="utf-8")
    paths["flat"] = out / "flat.html"
    render_map(events.iloc[:1], offline=True, cluster=False).save(str(paths["flat"]))
    paths["fragment"] = out / "fragment.html"
    snippet = embed_html(render_map(events, offline=True), height=500)
    paths["fragment"].write_text(f"<!DOCTYPE html><html><body>{snippet}</body></html>", encoding="utf-8")
    return paths


def _open(browser: Any, path: Path) -> None:
    browser.get_log("browser")  # drop what earlier pages logged
    browser.get_log("performance")
    browser.get(path.as_uri())
    _wait_ready(browser)


def _wait_ready(browser: Any, timeout: float = 15.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if browser.execute_script("return !!(window.__geo && window.__geo.ready)"):
            return
        time.sleep(0.05)
    raise AssertionError(f"map not ready after {timeout} s; log: {browser.get_log('browser')}")


def _wait_for(condition: Any, timeout: float = 3.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("condition not met in time")
        time.sleep(0.05)


def _settled(browser: Any) -> bool:
    """Whether the map has stopped moving (a popup's autopan, a zoom animation)."""
    return not browser.execute_script("return window.__geo.moving()")


def _js_errors(browser: Any, *, network_too: bool) -> list[dict[str, Any]]:
    logs = browser.get_log("browser")
    return [e for e in logs if e["level"] == "SEVERE" and (network_too or e.get("source") != "network")]


def _requests(browser: Any) -> list[str]:
    urls = []
    for entry in browser.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            urls.append(msg["params"]["request"]["url"])
    return urls


def test_offline_page_draws_every_event_with_no_error_and_no_request(
    browser: Any, pages: dict[str, Path]
) -> None:
    _open(browser, pages["offline"])
    assert browser.execute_script("return window.__geo.rows.length") == N_DRAWN
    assert browser.execute_script("return window.__geo.shown()") == N_DRAWN
    assert _js_errors(browser, network_too=True) == []
    assert _requests(browser) == [pages["offline"].as_uri()]
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert browser.execute_script("return window.__geo.map.getMaxZoom()") == 18
    # fitted to the events, not the whole world
    assert browser.execute_script("return window.__geo.map.getZoom()") >= 5


def test_summary_legend_and_layer_control(browser: Any, pages: dict[str, Path]) -> None:
    _open(browser, pages["offline"])
    summary = browser.find_element("css selector", ".geo-info").text
    assert f"15 events; {N_DRAWN} on the map, 1 without a place" in summary
    assert "Dates: 2024-04-01 to 2024-04-14 (1 undated)" in summary
    legend = browser.find_element("css selector", ".geo-legend").text
    for label in (
        "Battles (9)",
        "Protests (2)",
        "Riots (1)",
        "claimed / denied / disputed",
        "3: in the province",
    ):
        assert label in legend
    labels = browser.find_elements("css selector", ".leaflet-control-layers-overlays label")
    assert len(labels) == N_TYPES
    assert "Battles (9)" in labels[0].text
    assert browser.find_elements("css selector", ".leaflet-control-attribution a")  # credits shown
    assert "Natural Earth" in browser.find_element("css selector", ".leaflet-control-attribution").text
    # two events at one place show as a cluster labelled 2
    counts = [e.text for e in browser.find_elements("css selector", ".geo-cluster")]
    assert "2" in counts
    # with few markers in view, places are named; the outline layer names countries
    place_labels = [e.text for e in browser.find_elements("css selector", ".geo-place-label")]
    assert "Twin" in " ".join(place_labels)
    countries = [
        e.get_attribute("textContent") for e in browser.find_elements("css selector", ".geo-country-label")
    ]
    assert "Afghanistan" in countries
    # the precision-3 event draws its province area, hidden with its type
    assert browser.execute_script("return window.__geo.areasShown()") == 1
    civilians = next(lab for lab in labels if "Violence against civilians" in lab.text)
    civilians.find_element("css selector", "input").click()
    assert browser.execute_script("return window.__geo.areasShown()") == 0
    civilians.find_element("css selector", "input").click()
    assert browser.execute_script("return window.__geo.areasShown()") == 1
    # switching a type off hides its events
    labels[0].find_element("css selector", "input").click()
    assert browser.find_element("css selector", ".geo-shown").text == f"Shown: {N_DRAWN - 9}"
    assert browser.execute_script("return window.__geo.shown()") == N_DRAWN - 9


def test_time_window_hides_events_outside_it(browser: Any, pages: dict[str, Path]) -> None:
    _open(browser, pages["offline"])
    browser.execute_script(
        "var s = document.querySelector('.geo-time-from'); s.value = String(Number(s.max) - 2);"
        "s.dispatchEvent(new Event('input')); s.dispatchEvent(new Event('change'));"
    )
    assert "From 2024-04-12 to 2024-04-14" in browser.find_element("css selector", ".geo-time-label").text
    # days 12, 13, 14 (events 11, 12, 13) and the undated riot stay
    assert browser.find_element("css selector", ".geo-shown").text == "Shown: 4"


@pytest.mark.parametrize("page", ["offline", "online"])
def test_payloads_stay_inert_in_every_popup_and_tooltip(
    browser: Any, pages: dict[str, Path], page: str
) -> None:
    _open(browser, pages[page])
    texts = browser.execute_script(
        """
        var g = window.__geo, out = [];
        for (var i = 0; i < g.rows.length; i++) {
          out.push(g.showPopup(i).textContent);
          out.push(g.showTooltip(i).textContent);
        }
        return out;
        """
    )
    assert len(texts) == 2 * N_DRAWN
    time.sleep(0.2)  # give any injected handler (img onerror, svg onload) time to run
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.execute_script("return document.querySelectorAll('img[src=x], svg[onload]').length") == 0
    # the payloads are shown as text, whole
    joined = "\n".join(texts)
    assert joined.count(PAYLOAD) >= 6  # sub-type, actors, place, admin1, title, sentence, tooltip
    browser.execute_script("window.__geo.map.closePopup()")  # the info box steps aside under a popup
    title = browser.find_element("css selector", ".geo-title")
    _wait_for(title.is_displayed)
    assert title.text == PAYLOAD
    # the javascript: URL is not a link
    browser.execute_script("window.__geo.showPopup(11)")
    assert browser.find_elements("css selector", ".geo-popup a") == []
    assert _js_errors(browser, network_too=page == "offline") == []


def test_popup_shows_the_event_with_highlights(browser: Any, pages: dict[str, Path]) -> None:
    _open(browser, pages["offline"])
    # the element showPopup opened (a later autopan may re-render the map while the machine is busy)
    popup = browser.execute_script("return window.__geo.showPopup(9)")
    text = popup.get_attribute("textContent")
    for part in (
        "Violence against civilians / Armed clash",
        "2024-04-10",
        "Militia A vs Militia B",
        "Village 9, Kunduz, Afghanistan (GeoNames 1009)",
        "precision 3",
        "claimed",
        "Report 9",
        "Actor named by: Militia A claimed responsibility for the raid.",
    ):
        assert part in text, part
    link = popup.find_element("css selector", "a")
    assert (
        link.get_attribute("href") == "https://example.org/9"
        and link.get_attribute("rel") == "noopener noreferrer"
    )
    marks = browser.execute_script("return window.__geo.showPopup(11)").find_elements("css selector", "mark")
    assert [m.get_attribute("class") for m in marks] == ["geo-trigger", "geo-place"]
    # textContent, not .text: Leaflet fades a popup in, and .text is empty until it is visible
    words = [m.get_attribute("textContent") for m in marks]
    assert words == ["Before", PAYLOAD.strip()]


def test_real_click_and_hover_open_popup_and_tooltip(browser: Any, pages: dict[str, Path]) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    _open(browser, pages["flat"])
    x, y = browser.execute_script(
        "var g = window.__geo, p = g.map.latLngToContainerPoint(g.layer.getLayers()[0].getLatLng());"
        "var r = g.map.getContainer().getBoundingClientRect(); return [r.left + p.x, r.top + p.y];"
    )
    body = browser.find_element("css selector", "body")
    size = body.size
    ActionChains(browser).move_to_element_with_offset(
        body, int(x - size["width"] / 2), int(y - size["height"] / 2)
    ).perform()
    tooltip = browser.find_element("css selector", ".geo-tooltip")
    assert tooltip.text == "Village 0 · Battles"
    ActionChains(browser).click().perform()
    popup = browser.find_element("css selector", ".geo-popup")
    _wait_for(lambda: popup.text != "")  # Leaflet fades the popup in
    assert "Militias clashed near Village 0 overnight." in popup.text
    assert _js_errors(browser, network_too=True) == []


def test_fragment_runs_inside_its_sandboxed_iframe(browser: Any, pages: dict[str, Path]) -> None:
    browser.get_log("browser")
    browser.get(pages["fragment"].as_uri())
    frame = browser.find_element("css selector", "iframe")
    assert frame.get_attribute("sandbox").split() == [
        "allow-scripts",
        "allow-popups",
        "allow-popups-to-escape-sandbox",
    ]
    browser.switch_to.frame(frame)
    try:
        _wait_ready(browser)
        assert browser.execute_script("return window.__geo.shown()") == N_DRAWN
        browser.execute_script(
            "for (var i = 0; i < window.__geo.rows.length; i++) window.__geo.showPopup(i);"
        )
        assert browser.execute_script("return typeof window.__pwned") == "undefined"
    finally:
        browser.switch_to.default_content()
    assert _js_errors(browser, network_too=True) == []


def _click_at(browser: Any, x: float, y: float) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    body = browser.find_element("css selector", "body")
    size = body.size
    ActionChains(browser).move_to_element_with_offset(
        body, int(x - size["width"] / 2), int(y - size["height"] / 2)
    ).click().perform()


def test_clusters_zoom_in_or_list_their_events(browser: Any, pages: dict[str, Path]) -> None:
    _open(browser, pages["offline"])
    # a busy machine (the page's CPU slowed 8 times): the clicks below must wait for the page, not race it
    browser.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": 8})
    try:
        _list_a_cluster_then_zoom_into_one(browser)
    finally:
        browser.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": 1})


def _list_a_cluster_then_zoom_into_one(browser: Any) -> None:
    # the two events at one spot: a cluster that lists them, each opening its own popup
    twin = browser.execute_script(
        """
        var found = null;
        window.__geo.layer.eachLayer(function (l) {
          var ll = l.getLatLng();
          var here = Math.abs(ll.lat - 35) < 1e-6 && Math.abs(ll.lng - 66) < 1e-6;
          if (l._geoPlaces && here) { found = l.getElement(); }
        });
        return found;
        """
    )
    assert twin.text == "2"
    twin.click()
    items = browser.find_elements("css selector", ".geo-list-item")
    # Leaflet fades the popup in and pans it into view: a click while it glides lands beside the item
    # (on the map, which closes the popup), so wait till it has settled
    _wait_for(lambda: items[0].is_displayed() and _settled(browser), timeout=15.0)
    texts = [i.get_attribute("textContent") for i in items]
    assert texts == ["2024-04-14 · Protests · Twin", "2024-04-13 · Battles · Twin"]  # newest first
    items[0].click()
    # the event's popup opens and stays open (it used to close at once: the click went on to the map)
    _wait_for(lambda: _settled(browser), timeout=15.0)
    assert browser.execute_script("return window.__geo.map.hasLayer(window.__geo.popup)")
    head = browser.find_element("css selector", ".geo-popup .geo-head")
    assert head.get_attribute("textContent") == "Protests / Armed clash"
    # zoomed out, the villages merge into clusters; clicking one zooms in
    browser.execute_script("window.__geo.map.closePopup(); window.__geo.map.setZoom(4, {animate: false})")
    _wait_for(lambda: not browser.find_elements("css selector", ".leaflet-popup"), timeout=15.0)
    zoom = browser.execute_script("return window.__geo.map.getZoom()")
    big = max(browser.find_elements("css selector", ".geo-cluster"), key=lambda e: int(e.text))
    assert int(big.text) > 2
    big.click()
    _wait_for(lambda: browser.execute_script("return window.__geo.map.getZoom()") > zoom)
    assert _js_errors(browser, network_too=True) == []


def test_zoom_jumps_and_world_copies_keep_every_event(browser: Any, pages: dict[str, Path]) -> None:
    _open(browser, pages["offline"])
    total = browser.execute_script(
        """
        var g = window.__geo, m = g.map, seen = [];
        [1, 18, 2, 3].forEach(function (z) {
          m.setZoom(z, {animate: false});
          var n = 0;
          g.layer.eachLayer(function (l) { n += l._geoPlaces ? Number(l.options.title.split(" ")[0]) : 1; });
          seen.push(n);
        });
        return seen;
        """
    )
    # at zoom 18 only the events in view are drawn; at 1, 2 and 3 all of them
    assert total[0] == total[2] == total[3] == N_DRAWN
    assert total[1] < N_DRAWN
    assert _js_errors(browser, network_too=True) == []


def _panel_share(browser: Any) -> float:
    """The share of the map's area that the info box, the legend and the layer control cover."""
    return float(
        browser.execute_script(
            """
            var box = window.__geo.map.getContainer().getBoundingClientRect(), covered = 0;
            var panels = document.querySelectorAll('.geo-info, .geo-legend, .leaflet-control-layers');
            panels.forEach(function (e) {
              var r = e.getBoundingClientRect();
              var w = Math.min(r.right, box.right) - Math.max(r.left, box.left);
              var h = Math.min(r.bottom, box.bottom) - Math.max(r.top, box.top);
              if (w > 0 && h > 0) { covered += w * h; }
            });
            return covered / (box.width * box.height);
            """
        )
    )


@pytest.mark.parametrize(("width", "height"), [(600, 400), (400, 300)])
def test_a_map_embedded_small_in_a_report_keeps_the_events_in_view(
    browser: Any, pages: dict[str, Path], tmp_path: Path, width: int, height: int
) -> None:
    """In a report-sized iframe the panels fold away (legend, layers, time window one click off)."""
    snippet = embed_html(render_map(_events(), offline=True), height=height)
    page = tmp_path / "report.html"
    page.write_text(
        f'<!DOCTYPE html><html><body><div style="width:{width}px">{snippet}</div></body></html>',
        encoding="utf-8",
    )
    browser.get_log("browser")
    browser.get(page.as_uri())
    browser.switch_to.frame(browser.find_element("css selector", "iframe"))
    try:
        _wait_ready(browser)
        share = _panel_share(browser)
        assert share < 0.3, share
        # the legend and the time window open with a click (or Enter: they are <summary> elements)
        legend = browser.find_element("css selector", ".geo-legend summary")
        legend.click()
        assert "3: in the province" in browser.find_element("css selector", ".geo-legend").text
        legend.click()  # folded again (on the smallest map the open legend covers the rest)
        browser.find_element("css selector", ".geo-time-box summary").click()
        assert browser.find_element("css selector", ".geo-time-from").is_displayed()
        # a popup fits the small map (its text scrolls) and the panels step aside while it is open
        popup = browser.execute_script("return window.__geo.showPopup(11)")  # the longest texts
        _wait_for(lambda: not browser.find_element("css selector", ".geo-info").is_displayed())
        box = browser.execute_script("return window.__geo.map.getContainer().getBoundingClientRect()")
        assert popup.size["height"] <= box["height"] and popup.size["width"] <= box["width"]
        browser.execute_script("window.__geo.map.closePopup()")
        _wait_for(lambda: browser.find_element("css selector", ".geo-info").is_displayed())
    finally:
        browser.switch_to.default_content()
    assert _js_errors(browser, network_too=True) == []


def test_events_in_view_are_listed_for_the_keyboard(browser: Any, pages: dict[str, Path]) -> None:
    """A keyboard (or screen reader) user reaches every event: a button lists those in view."""
    from selenium.webdriver.common.keys import Keys

    _open(browser, pages["offline"])
    container = browser.execute_script("return window.__geo.map.getContainer()")
    assert container.get_attribute("aria-label").startswith(PAYLOAD)
    button = browser.find_element("css selector", ".geo-list-button")
    assert button.tag_name == "button"
    button.send_keys(Keys.ENTER)
    items = browser.find_elements("css selector", ".geo-list-item")
    assert len(items) == N_DRAWN
    # a claimed or denied event says so in the list too
    texts = [i.get_attribute("textContent") for i in items]
    assert "2024-04-10 · Violence against civilians · Village 9 · claimed" in texts
    # focus moves into the list; Enter on an item opens that event's popup
    _wait_for(lambda: browser.switch_to.active_element == items[0])
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    _wait_for(lambda: _settled(browser), timeout=15.0)
    assert browser.execute_script("return window.__geo.map.hasLayer(window.__geo.popup)")  # stays open
    head = browser.find_element("css selector", ".geo-popup .geo-head")
    assert "Protests" in head.get_attribute("textContent")  # the newest event: Twin, 2024-04-14
    assert _js_errors(browser, network_too=True) == []


def _shown(browser: Any, selector: str) -> bool:
    return any(e.is_displayed() for e in browser.find_elements("css selector", selector))


def test_printed_or_still_map_shows_the_legend_not_the_buttons(browser: Any, pages: dict[str, Path]) -> None:
    """A printed page and the --png image (page#still) are for reading: legend and time window
    open, no zoom buttons, layer checkboxes, list button or sliders."""
    buttons = (".leaflet-control-zoom", ".leaflet-control-layers", ".geo-list-button", ".geo-time-from")
    _open(browser, pages["offline"])
    browser.find_element("css selector", ".geo-legend summary").click()  # folded by the reader
    assert not _shown(browser, ".geo-legend-row")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        browser.execute_script("window.dispatchEvent(new Event('beforeprint'))")
        assert _shown(browser, ".geo-legend-row")
        assert not any(_shown(browser, b) for b in buttons)
        assert "From 2024-04-01 to 2024-04-14" in browser.find_element("css selector", ".geo-info").text
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    browser.execute_script("window.dispatchEvent(new Event('afterprint'))")
    assert not _shown(browser, ".geo-legend-row")  # as the reader left it
    assert all(_shown(browser, b) for b in buttons)

    browser.get("about:blank")  # else only the hash would change: no new page
    browser.get(pages["offline"].as_uri() + "#still")
    _wait_ready(browser)
    assert _shown(browser, ".geo-legend-row")
    assert not any(_shown(browser, b) for b in buttons)
    assert _js_errors(browser, network_too=True) == []


def test_a_popup_under_a_panel_moves_the_panel_aside(browser: Any, pages: dict[str, Path]) -> None:
    """Panels sit above popups: one a popup would slip under steps aside until the popup closes."""
    _open(browser, pages["offline"])
    # the first village just under the layer control (top right)
    browser.execute_script(
        """
        var g = window.__geo, m = g.map, c = document.querySelector('.leaflet-control-layers');
        var box = c.getBoundingClientRect(), map = m.getContainer().getBoundingClientRect();
        var target = L.point(box.left - map.left + box.width / 2, box.bottom - map.top + 30);
        var ll = L.latLng(36.0, 68.0), here = m.latLngToContainerPoint(ll);
        m.panBy(here.subtract(target), {animate: false});
        """
    )
    popup = browser.execute_script("return window.__geo.showPopup(0)")
    layers = browser.find_element("css selector", ".leaflet-control-layers")
    _wait_for(lambda: not layers.is_displayed())
    assert browser.find_element("css selector", ".geo-info").is_displayed()  # not under the popup
    assert popup.is_displayed()
    browser.execute_script("window.__geo.map.closePopup()")
    _wait_for(lambda: layers.is_displayed())
    assert _js_errors(browser, network_too=True) == []


#: towns of several continents, some a few hundred kilometres apart: at world zoom their names crowd
WORLD = (
    ("Kabul", 34.53, 69.17), ("Kandahar", 31.61, 65.71), ("Herat", 34.35, 62.2), ("Quetta", 30.19, 67.0),
    ("Peshawar", 34.01, 71.58), ("Karachi", 24.86, 67.0), ("Baghdad", 33.34, 44.4), ("Mosul", 36.34, 43.13),
    ("Erbil", 36.19, 44.01), ("Damascus", 33.51, 36.29), ("Aleppo", 36.2, 37.16), ("Homs", 34.73, 36.71),
    ("Sanaa", 15.35, 44.2), ("Aden", 12.78, 45.04), ("Taiz", 13.58, 44.02), ("Khartoum", 15.55, 32.53),
    ("El Fasher", 13.63, 25.35), ("Nyala", 12.05, 24.88), ("Mogadishu", 2.04, 45.34), ("Goma", -1.68, 29.22),
    ("Bunia", 1.56, 30.25), ("Bamako", 12.65, -8.0), ("Gao", 16.27, -0.04), ("Ouagadougou", 12.37, -1.53),
    ("Maiduguri", 11.85, 13.16), ("Kyiv", 50.45, 30.52), ("Kharkiv", 49.99, 36.23), ("Donetsk", 48.0, 37.8),
    ("Odesa", 46.48, 30.73), ("Gaza", 31.5, 34.47), ("Port-au-Prince", 18.54, -72.34),
    ("Bogota", 4.61, -74.08),
    ("Mexico City", 19.43, -99.13), ("Culiacan", 24.8, -107.39), ("Yangon", 16.87, 96.2),
    ("Mandalay", 21.97, 96.08), ("Manila", 14.6, 120.98), ("Marawi", 8.0, 124.29),
)  # fmt: skip


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


def test_place_names_and_clusters_do_not_cover_each_other_at_world_zoom(browser: Any, tmp_path: Path) -> None:
    """At world zoom the names of nearby places and the clusters either side of a grid line used to be
    drawn over one another; a name that has no free spot is left to its marker's tooltip."""
    rows = [
        _event(i, location=name, latitude=lat, longitude=lon, event_type=("Battles", "Protests")[i % 2])
        for i, (name, lat, lon) in enumerate(WORLD)
    ]
    page = tmp_path / "world.html"
    render_map(pd.DataFrame(rows), offline=True).save(str(page))
    _open(browser, page)
    browser.execute_script("window.__geo.map.setView([20, 10], 2, {animate: false})")
    # a label taken away fades out for 200 ms at opacity 0 (Leaflet): only the shown ones count
    rect = (
        "var r = e.getBoundingClientRect();"
        " return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};"
    )
    labels = browser.execute_script(
        "var shown = function (e) { return e.style.opacity !== '0'; };"
        "return Array.from(document.querySelectorAll('.geo-place-label')).filter(shown).map(function (e) {"
        + rect
        + "});"
    )
    discs = browser.execute_script(
        "return Array.from(document.querySelectorAll('.geo-cluster div')).map(function (e) {" + rect + "});"
    )
    panels = browser.execute_script(
        "return Array.from(document.querySelectorAll('.leaflet-control')).map(function (e) {" + rect + "});"
    )
    assert len(labels) >= 10 and len(discs) >= 5
    for i, a in enumerate(labels):
        assert not any(_overlap(a, b) for b in labels[i + 1 :]), a
        assert not any(_overlap(a, d) for d in discs), a
        assert not any(_overlap(a, p) for p in panels), a  # a name under the legend or the title is lost
    for i, a in enumerate(discs):
        assert not any(_overlap(a, b) for b in discs[i + 1 :]), a
    # a cluster just left of the legend: its name goes to its left, or is left out, not under the legend
    browser.execute_script(
        """
        var g = window.__geo, m = g.map, big = null;
        g.layer.eachLayer(function (l) {
          if (l._geoPlaces && (!big || l._geoPlaces.length > big._geoPlaces.length)) { big = l; }
        });
        var legend = document.querySelector('.geo-legend').getBoundingClientRect();
        var box = m.getContainer().getBoundingClientRect();
        var target = L.point(legend.left - box.left - 30, legend.top - box.top + 40);
        m.panBy(m.latLngToContainerPoint(big.getLatLng()).subtract(target), {animate: false});
        """
    )
    labels = browser.execute_script(
        "var shown = function (e) { return e.style.opacity !== '0'; };"
        "return Array.from(document.querySelectorAll('.geo-place-label')).filter(shown).map(function (e) {"
        + rect
        + "});"
    )
    assert labels and not any(_overlap(a, p) for a in labels for p in panels)
    # every event is still counted on the map
    assert browser.execute_script(
        "var n = 0; window.__geo.layer.eachLayer(function (l) {"
        " n += l._geoPlaces ? Number(l.options.title.split(' ')[0]) : 1; }); return n;"
    ) == len(WORLD)
    assert _js_errors(browser, network_too=True) == []


def test_the_first_view_shows_every_event_clear_of_the_panels(browser: Any, tmp_path: Path) -> None:
    """The map was fitted to the events with a 30-pixel margin: an event in the north-east lay under the
    layer control, one in the south-east under the legend, at first sight."""
    corners = [
        ("NW", 35.0, 0.0),
        ("NE", 35.0, 100.0),
        ("SW", 20.0, 0.0),
        ("SE", 20.0, 100.0),
        ("C", 28.0, 50.0),
    ]
    rows = [
        _event(i, location=name, latitude=lat, longitude=lon, event_type=("Battles", "Protests")[i % 2])
        for i, (name, lat, lon) in enumerate(corners)
    ]
    page = tmp_path / "corners.html"
    render_map(pd.DataFrame(rows), offline=True).save(str(page))
    _open(browser, page)
    points = browser.execute_script(
        "var m = window.__geo.map, box = m.getContainer().getBoundingClientRect();"
        "return arguments[0].map(function (c) { var p = m.latLngToContainerPoint([c[1], c[2]]);"
        " return {x: box.left + p.x, y: box.top + p.y}; });",
        [list(c) for c in corners],
    )
    panels = browser.execute_script(
        "return Array.from(document.querySelectorAll('.leaflet-control')).map(function (e) {"
        " var r = e.getBoundingClientRect();"
        " return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; });"
    )
    width, height = browser.execute_script("return [window.innerWidth, window.innerHeight]")
    for (name, _, _), p in zip(corners, points, strict=True):
        assert 0 < p["x"] < width and 0 < p["y"] < height, name
        under = [q for q in panels if q["left"] <= p["x"] <= q["right"] and q["top"] <= p["y"] <= q["bottom"]]
        assert not under, (name, p, under)
