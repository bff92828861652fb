"""100,000 synthetic events through `geo render --offline`, side by side with plain folium.

Measures, for each map: seconds to write the HTML, file size, seconds until the page is
interactive in headless Chromium (all markers added and a frame drawn, from navigation start),
and for ours the time of zoom and pan steps.  Goal (issue 7), with clustering, popups and
legend: <= 3 s to write, <= 20 MB, <= 2 s to interactive, zoom/pan under 100 ms.

The events are invented here (random places, actors and sentences built from word lists); no
news text is used.  Plain folium pages load Leaflet from its CDN; here the CDN files are served
from disk (folium-offline's copies), as a warm browser cache would.

    python -m benchmarks render                 # everything (plain Marker+Popup takes ~1 min)
    python -m benchmarks.bench_render --events 20000 --skip-slow-baseline
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "render.json"
TYPES = (
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Violence against civilians", "Attack"),
    ("Riots", "Mob violence"),
    ("Protests", "Peaceful protest"),
    ("Strategic developments", "Arrests"),
)
SUBJECTS = (
    "Gunmen",
    "Security forces",
    "Militants",
    "Protesters",
    "Unidentified attackers",
    "Police",
    "Rebels",
)
VERBS = (
    "attacked",
    "clashed with",
    "shelled",
    "raided",
    "marched towards",
    "detained members near",
    "fired on",
)
OBJECTS = (
    "a checkpoint",
    "a convoy",
    "a market",
    "a police post",
    "the district office",
    "a village",
    "a bridge",
)
TAILS = (
    "on Tuesday morning, officials said",
    "late at night, according to residents",
    "after a week of tension in the area",
    "in an incident that local elders described as the worst this year",
    "while talks between community leaders were still under way",
)
SYLLABLES = (
    "kar",
    "bad",
    "shah",
    "ran",
    "gul",
    "dar",
    "zai",
    "khel",
    "pur",
    "abad",
    "mir",
    "tal",
    "nar",
    "qal",
)


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def synthetic_events(n: int, *, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` invented events in our events.csv columns: ~4,000 towns, 60 provinces, 5 events per article."""
    rng = random.Random(seed)
    provinces = [(_name(rng), rng.uniform(29.5, 37.5), rng.uniform(61.0, 71.0)) for _ in range(60)]
    towns = []
    for _ in range(4000):
        prov, plat, plon = rng.choice(provinces)
        towns.append(
            (
                _name(rng),
                prov,
                plat + rng.gauss(0, 0.5),
                plon + rng.gauss(0, 0.5),
                rng.randint(10**6, 9 * 10**6),
            )
        )
    actors = [f"{_name(rng)} {rng.choice(('Militia', 'Front', 'Movement', 'Brigade'))}" for _ in range(200)]
    rows: list[dict[str, Any]] = []
    sentence = ""
    for i in range(n):
        article = i // 5
        town, prov, lat, lon, gid = rng.choice(towns)
        precision = rng.choices((1, 2, 3), weights=(70, 20, 10))[0]
        if precision == 3:  # province-level events sit at the province's point
            prov, lat, lon = next(p for p in provinces if p[0] == prov)
            town = prov
        etype, sub = rng.choice(TYPES)
        if i % 4 != 3 or not sentence:  # a quarter of the events share their sentence with the previous one
            sentence = (
                f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} in {town} "
                f"{rng.choice(TAILS)} ({i})."
            )
        t0 = sentence.index(" ") + 1
        p0 = sentence.find(town)
        day = rng.randint(0, 729)
        rows.append(
            {
                "event_id": f"synth-{i}",
                "event_date": f"{2022 + day // 365}-{1 + (day % 365) // 31:02d}-{1 + day % 28:02d}",
                "event_type": etype,
                "sub_event_type": sub,
                "actor1": rng.choice(actors),
                "actor2": rng.choice(actors) if rng.random() < 0.5 else "",
                "country": "Afghanistan",
                "admin1": prov,
                "location": town,
                "latitude": round(lat, 5),
                "longitude": round(lon, 5),
                "geo_precision": precision,
                "geonameid": gid,
                "fatalities": rng.choice((0, 0, 0, 1, 2, 3, 5, 12)),
                "certainty": rng.choices(("reported", "claimed", "denied"), weights=(85, 10, 5))[0],
                "title": f"{_name(rng)} report number {article}",
                "url": f"https://news.example.org/{article}",
                "sentence": sentence,
                "trigger_start": t0,
                "trigger_end": sentence.index(" ", t0),
                "place_start": p0,
                "place_end": p0 + len(town),
                "country_code": "AF",
            }
        )
    return rows


# ---------------------------------------------------------------------------------------------
# Browser timing
# ---------------------------------------------------------------------------------------------

_PROBE = """<script>
(function () {
  function done() { requestAnimationFrame(function () { requestAnimationFrame(function () {
    window.__interactiveAt = performance.now(); }); }); }
  function wait() { if (!window.__geo || window.__geo.ready) { done(); } else { setTimeout(wait, 10); } }
  window.addEventListener("load", wait);
})();
</script>"""


def _driver() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary = next(
        (p for p in ("/usr/bin/chromium", shutil.which("chromium") or "") if p and Path(p).exists()), None
    )
    driver_path = shutil.which("chromedriver")
    if not binary or not driver_path:
        raise SystemExit("bench_render: needs chromium and chromedriver (make browser)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        "--window-size=1280,800",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--allow-file-access-from-files",
    ):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(driver_path), options=options)


def _with_probe(page: Path, out: Path) -> Path:
    text = page.read_text(encoding="utf-8")
    i = text.rindex("</html>")
    out.write_text(text[:i] + _PROBE + text[i:], encoding="utf-8")
    return out


def time_to_interactive(driver: Any, page: Path, *, timeout: float = 120.0) -> float:
    """Seconds from navigation start until all markers are added and two frames are drawn."""
    driver.set_page_load_timeout(timeout)
    driver.get(page.as_uri())
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        at = driver.execute_script("return window.__interactiveAt || null")
        if at is not None:
            errors = [
                e for e in driver.get_log("browser") if e["level"] == "SEVERE" and e["source"] != "network"
            ]
            if errors:
                raise RuntimeError(f"{page.name}: JavaScript errors: {errors[:2]}")
            return float(at) / 1000.0
        time.sleep(0.05)
    raise RuntimeError(f"{page.name}: not interactive after {timeout} s")


def zoom_pan_ms(driver: Any, page: Path, *, repeats: int = 3) -> dict[str, float]:
    """Zoom in/out steps and pans on our map, each timed to the next drawn frame (ms).

    The page is loaded ``repeats`` times and each step's best time kept: on a shared machine
    the worst case mostly measures the neighbours.
    """
    script = """
    var done = arguments[arguments.length - 1], map = window.__geo.map, steps = [], k = 0;
    var ops = [["zoom", 1], ["zoom", 1], ["pan", [200, 120]], ["pan", [-300, 50]], ["zoom", -1],
               ["zoom", -1], ["pan", [150, -200]], ["zoom", 2], ["zoom", -2]];
    function next() {
      if (k >= ops.length) { done(steps); return; }
      var op = ops[k++], t0 = performance.now();
      if (op[0] === "zoom") { map.setZoom(map.getZoom() + op[1], {animate: false}); }
      else { map.panBy(op[1], {animate: false}); }
      requestAnimationFrame(function () {
        steps.push([op[0], performance.now() - t0]);
        setTimeout(next, 100);
      });
    }
    next();
    """
    runs = []
    for _ in range(repeats):
        time_to_interactive(driver, page)
        runs.append(driver.execute_async_script(script))
    steps = [(run[0][0], min(r[k][1] for r in runs)) for k, run in enumerate(zip(*runs, strict=True))]
    zooms = [ms for kind, ms in steps if kind == "zoom"]
    pans = [ms for kind, ms in steps if kind == "pan"]
    return {
        "zoom_ms_median": round(statistics.median(zooms), 1),
        "zoom_ms_max": round(max(zooms), 1),
        "pan_ms_median": round(statistics.median(pans), 1),
        "pan_ms_max": round(max(pans), 1),
    }


# ---------------------------------------------------------------------------------------------
# The maps
# ---------------------------------------------------------------------------------------------


def _serve_cdn_locally(page: Path, assets: Path) -> None:
    """Point a plain folium page's CDN links at local copies (folium-offline's files)."""
    from geo.maps import offline_asset

    text = page.read_text(encoding="utf-8")
    for k, url in enumerate(sorted(set(re.findall(r'(?:src|href)="(https://[^"]+)"', text)))):
        content = offline_asset(url)
        if content is None:
            continue
        local = assets / f"asset{k}{Path(url).suffix or '.js'}"
        local.write_text(content, encoding="utf-8")
        text = text.replace(f'"{url}"', f'"{local.as_uri()}"')
    page.write_text(text, encoding="utf-8")


def plain_folium(rows: list[dict[str, Any]], out: Path, *, kind: str) -> float:
    """Write a plain folium map of ``rows``; return seconds."""
    import folium
    import folium.plugins

    start = time.perf_counter()
    m = folium.Map(location=[33.5, 66.0], zoom_start=6, tiles="OpenStreetMap")
    if kind == "marker_popup_cluster":
        cluster = folium.plugins.MarkerCluster().add_to(m)
        for r in rows:
            folium.Marker(
                [r["latitude"], r["longitude"]],
                popup=folium.Popup(f"{r['event_type']}: {r['sentence']}", parse_html=True),
                tooltip=r["location"],
            ).add_to(cluster)
    else:
        data = [[r["latitude"], r["longitude"], f"{r['event_type']}: {r['sentence']}"] for r in rows]
        callback = """function (row) {
            var marker = L.marker(new L.LatLng(row[0], row[1]));
            var popup = L.popup({maxWidth: '300'});
            popup.setContent(row[2]);
            marker.bindPopup(popup);
            return marker;
        }"""
        folium.plugins.FastMarkerCluster(data, callback=callback).add_to(m)
    m.save(str(out))
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_render", description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--skip-slow-baseline", action="store_true", help="no plain Marker+Popup baseline")
    parser.add_argument("--keep", type=Path, default=None, help="keep the pages in this folder")
    parser.add_argument("--repeats", type=int, default=3, help="browser loads per page (best one counts)")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="bench_render_")) if args.keep is None else args.keep
    work.mkdir(parents=True, exist_ok=True)
    import pandas as pd

    rows = synthetic_events(args.events)
    events_csv = work / "events.csv"
    pd.DataFrame(rows).to_csv(events_csv, index=False)
    result: dict[str, Any] = {
        "command": "python -m benchmarks render"
        + (" --skip-slow-baseline" if args.skip_slow_baseline else ""),
        "events": args.events,
        "cpu_count": os.cpu_count(),
        "load_avg_at_start": round(os.getloadavg()[0], 2),
    }

    # ours, as a user runs it: a fresh process, reading the CSV
    out = work / "ours"
    geo = [sys.executable, "-m", "geo", "render", str(events_csv), "--offline", "--out", str(out)]
    start, cpu0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(geo, check=True, capture_output=True)
    cli_seconds = time.perf_counter() - start
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cli_cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    # the write itself, in process: table -> map -> HTML file (imports and caches warm)
    from geo.maps import render_map
    from geo.writers import read_events, write_map

    table = read_events(events_csv)
    render_map(table.head(50), offline=True).get_root().render()  # warm imports and caches
    writes = []
    for _ in range(args.repeats):
        start, cpu = time.perf_counter(), time.process_time()
        write_map(render_map(table, offline=True), work / "ours_inproc.html")
        writes.append((time.perf_counter() - start, time.process_time() - cpu))
    write_seconds, write_cpu = min(writes)
    page = out / "map.html"
    maps: dict[str, dict[str, Any]] = {
        "geo_render_offline": {
            "cli_seconds": round(cli_seconds, 2),
            "cli_cpu_seconds": round(cli_cpu, 2),
            "write_seconds": round(write_seconds, 2),
            "write_cpu_seconds": round(write_cpu, 2),
            "bytes": page.stat().st_size,
            "page": page,
        }
    }
    assets = work / "assets"
    assets.mkdir(exist_ok=True)
    kinds = ["fast_marker_cluster"] + ([] if args.skip_slow_baseline else ["marker_popup_cluster"])
    for kind in kinds:
        path = work / f"folium_{kind}.html"
        cpu = time.process_time()
        seconds = plain_folium(rows, path, kind=kind)
        cpu = time.process_time() - cpu
        size = path.stat().st_size
        _serve_cdn_locally(path, assets)
        maps[f"folium_{kind}"] = {
            "write_seconds": round(seconds, 2),
            "write_cpu_seconds": round(cpu, 2),
            "bytes": size,
            "page": path,
        }

    driver = _driver()
    try:
        for name, info in maps.items():
            probe = _with_probe(info.pop("page"), work / f"{name}.probe.html")
            times = [time_to_interactive(driver, probe) for _ in range(args.repeats)]
            info["interactive_seconds"] = round(min(times), 2)
            info["interactive_seconds_all"] = [round(t, 2) for t in times]
            if name == "geo_render_offline":
                info.update(zoom_pan_ms(driver, probe, repeats=args.repeats))
            info["megabytes"] = round(info["bytes"] / 1e6, 1)
            print(f"{name}: {json.dumps(info)}", flush=True)
    finally:
        driver.quit()
    result["load_avg_at_end"] = round(os.getloadavg()[0], 2)
    result["maps"] = maps
    ours = maps["geo_render_offline"]
    result["goals_met"] = {
        "write_le_3s": ours["write_seconds"] <= 3,
        "size_le_20MB": ours["bytes"] <= 20e6,
        "interactive_le_2s": ours["interactive_seconds"] <= 2,
        "zoom_pan_lt_100ms": max(ours["zoom_ms_max"], ours["pan_ms_max"]) < 100,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"results: {RESULTS}")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
