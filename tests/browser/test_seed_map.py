"""End to end in a real browser: `geo map seeds/ --offline` on the demo article, opened in headless
Chromium, must show one marker per placed event, with popups that carry the event's facts.

Expectations are an analyst's reading of the demo article, not the implementation's output.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seed_map(tmp_path_factory: pytest.TempPathFactory, gazetteer: Any) -> Path:
    out = tmp_path_factory.mktemp("seed-browser")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "geo",
            "map",
            str(ROOT / "seeds"),
            "--out",
            str(out),
            "--offline",
            "--quiet",
            "--gazetteer",
            str(gazetteer.path),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return out


def _ready(browser: Any, timeout: float = 15.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if browser.execute_script("return !!(window.__geo && window.__geo.ready)"):
            return
        time.sleep(0.05)
    raise AssertionError(f"map not ready; log: {browser.get_log('browser')}")


def test_seed_map_shows_each_placed_event_with_its_popup(browser: Any, seed_map: Path) -> None:
    with (seed_map / "events.csv").open(newline="", encoding="utf-8") as fh:
        events = [r for r in csv.DictReader(fh) if r["latitude"]]
    assert len(events) >= 5  # the demo: hanging, massacre, entering the province, Spin Boldak, marines' base
    browser.get_log("browser")
    browser.get((seed_map / "map.html").as_uri())
    _ready(browser)
    assert browser.execute_script("return window.__geo.rows.length") == len(events)
    assert browser.execute_script("return window.__geo.shown()") == len(events)
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors

    # Every popup opens; the one at Mazar-e-Sharif tells of the prisoners' massacre.
    texts = browser.execute_script(
        "var out = []; for (var i = 0; i < window.__geo.rows.length; i++) {"
        " window.__geo.showPopup(i);"
        " out.push(document.querySelector('.leaflet-popup-content').textContent); }"
        " return out;"
    )
    assert len(texts) == len(events)
    mazar = [t for t in texts if "Maz" in t and "Sharīf" in t]
    assert mazar and any("Violence against civilians" in t or "Battles" in t for t in mazar)
    # every event is dated from its article's publication date (the demo's is November 2001)
    demo = [r for r in events if r["doc_id"].startswith("kandahar-2001-11")]
    assert sum("2001-11" in t for t in texts) == len(demo) >= 5
    assert all(any(r["event_date"] in t for r in events) for t in texts)
