"""`geo eval toponyms --map` in a real headless Chromium: the error map opens without network
and the gold file's text (the user's own, so untrusted) stays text.

The gold file is written here (invented text); the gazetteer is the real default one.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from geo.cli.main import cli
from geo.gazetteer import Gazetteer

pytestmark = pytest.mark.browser

PAYLOAD = "${window.__pwned=1} <img src=x onerror=window.__pwned=2> `;window.__pwned=3;` </script>"


def test_error_map_draws_offline_and_keeps_article_text_inert(
    browser: Any, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    text = f"Rain fell on Kandahar. {PAYLOAD}"
    gold = tmp_path / "gold.jsonl"
    # "Kandahar" annotated ~1,800 km away, so it is an error beyond 161 km
    row = {"id": PAYLOAD, "text": text, "toponyms": [{"start": 13, "end": 21, "lat": 18.87, "lon": 77.19}]}
    gold.write_text(json.dumps(row) + "\n", encoding="utf-8")
    out = tmp_path / "errors.html"
    result = CliRunner().invoke(
        cli,
        ["eval", "toponyms", str(gold), "--map", str(out), "--gazetteer", gazetteer.path, "--no-progress"],
    )
    assert result.exit_code == 0, result.output

    browser.get_log("browser")
    browser.get_log("performance")
    browser.get(out.as_uri())
    end = time.monotonic() + 15
    while not browser.execute_script("return !!(window.__geoErrors && window.__geoErrors.ready)"):
        assert time.monotonic() < end, browser.get_log("browser")
        time.sleep(0.05)
    assert browser.execute_script("return window.__geoErrors.count") == 1
    texts = [
        browser.execute_script(f"return window.__geoErrors.showPopup(0, {k}).textContent") for k in (0, 1)
    ]
    time.sleep(0.2)  # time for any injected handler to run
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    for popup in texts:
        assert "Kandahar" in popup and PAYLOAD in popup and "km" in popup
    # nothing fetched but the page and the tiles (none arrive here: no network)
    requests = []
    for entry in browser.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            requests.append(msg["params"]["request"]["url"])
    fetched = [u for u in requests if "tile.openstreetmap.org" not in u and not u.startswith("data:")]
    assert fetched == [out.as_uri()]
    errors = [
        e
        for e in browser.get_log("browser")
        if e["level"] == "SEVERE" and "tile.openstreetmap" not in e["message"]
    ]
    assert errors == []
