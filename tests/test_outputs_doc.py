"""docs/outputs.md describes every column `geo map` writes (events, places, manifest)."""

from __future__ import annotations

import re
from pathlib import Path

from geo.corpus import MANIFEST_COLUMNS
from geo.dedup import ADDED_COLUMNS
from geo.tables import EVENT_COLUMNS, PLACE_COLUMNS

DOC = Path(__file__).parent.parent / "docs" / "outputs.md"


def _documented(section: str) -> set[str]:
    """Column names in the first cell of the table rows under the heading ``## section``."""
    text = DOC.read_text(encoding="utf-8")
    body = text.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    names: set[str] = set()
    for line in body.splitlines():
        if line.startswith("| `"):
            names.update(re.findall(r"`([a-z0-9_]+)`", line.split("|")[1]))
    return names


def test_every_events_column_is_described() -> None:
    columns = set(EVENT_COLUMNS) | set(ADDED_COLUMNS)
    assert columns - _documented("events.csv and events.geojson") == set()
    assert _documented("events.csv and events.geojson") - columns == set()


def test_every_places_and_manifest_column_is_described() -> None:
    assert _documented("places.csv") == set(PLACE_COLUMNS)
    assert _documented("manifest.csv") == set(MANIFEST_COLUMNS)
