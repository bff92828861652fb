"""Shared fixtures: the default embedded gazetteer (built on first use) and a tiny one built from fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.gazetteer import Gazetteer
from geo.gazetteer_build import build_from_geonames, ensure_gazetteer

FIXTURES = Path(__file__).parent / "fixtures"
GEONAMES_FIXTURES = FIXTURES / "geonames"


@pytest.fixture(scope="session")
def gazetteer() -> Iterator[Gazetteer]:
    """The default gazetteer ($GEO_GAZETTEER or the per-user path), built first if this machine lacks it."""
    path = ensure_gazetteer()
    gaz = Gazetteer.open(path)
    yield gaz
    gaz.close()


@pytest.fixture(scope="session")
def tiny_gazetteer_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small real SQLite gazetteer imported from the GeoNames-format files in tests/fixtures/geonames."""
    out = tmp_path_factory.mktemp("gazetteer") / "tiny.sqlite"
    path, _report = build_from_geonames(GEONAMES_FIXTURES, out, progress=False)
    return path


@pytest.fixture()
def tiny_gazetteer(tiny_gazetteer_path: Path) -> Iterator[Gazetteer]:
    """The tiny gazetteer, opened."""
    gaz = Gazetteer.open(tiny_gazetteer_path)
    yield gaz
    gaz.close()
