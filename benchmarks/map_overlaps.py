"""Overlaps on the event map at world zoom: place names, cluster discs and panels drawn over one another.

The towns of the browser test (``tests/browser/test_map_browser.py``: WORLD) at ``setView([20, 10], 2)`` in a
1200x800 headless Chromium; counts intersecting client rectangles of ``.geo-place-label`` (shown ones),
``.geo-cluster div`` and ``.leaflet-control``. Run from the repository root:
``python -m benchmarks.map_overlaps`` (needs chromium, chromedriver and selenium).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


def main() -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from browser.conftest import make_driver
    from browser.test_map_browser import WORLD, _event

    from geo.maps import render_map

    rows = [
        _event(i, location=name, latitude=lat, longitude=lon, event_type=("Battles", "Protests")[i % 2])
        for i, (name, lat, lon) in enumerate(WORLD)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "world.html"
        render_map(pd.DataFrame(rows), offline=True).save(str(page))
        driver = make_driver(width=1200, height=800)
        try:
            driver.get(page.as_uri())
            time.sleep(1.5)
            driver.execute_script("window.__geo.map.setView([20, 10], 2, {animate: false})")
            time.sleep(0.5)

            def rects(selector: str) -> list[dict[str, float]]:
                found: list[dict[str, float]] = driver.execute_script(
                    "return Array.from(document.querySelectorAll(arguments[0]))"
                    ".filter(function (e) { return e.style.opacity !== '0'; })"
                    ".map(function (e) { var r = e.getBoundingClientRect();"
                    " return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; });",
                    selector,
                )
                return found

            labels, discs = rects(".geo-place-label"), rects(".geo-cluster div")
            panels = rects(".leaflet-control")
        finally:
            driver.quit()

    def pairs(xs: list[Any]) -> int:
        return sum(_overlap(a, b) for i, a in enumerate(xs) for b in xs[i + 1 :])

    def across(xs: list[Any], ys: list[Any]) -> int:
        return sum(_overlap(a, b) for a in xs for b in ys)

    print(
        f"names shown {len(labels)}, clusters {len(discs)}; name/name {pairs(labels)}, "
        f"name/cluster {across(labels, discs)}, cluster/cluster {pairs(discs)}, "
        f"name/panel {across(labels, panels)}"
    )


if __name__ == "__main__":
    main()
