"""The opt-in compiled build (`make fast`: the hot modules as mypyc C extensions, see setup.py) gives
the same outputs as the pure-Python modules, and is not older than its sources.

Skipped when no compiled module sits in geo/ (the default, pure install).
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "geo"
SEEDS = ROOT / "seeds"
#: the compiled modules present ("events" for geo/events.cpython-311-x86_64-linux-gnu.so), without
#: mypyc's shared runtime library
COMPILED = sorted(
    {p.name.split(".")[0] for p in PACKAGE.glob("*.so")} - {p.name.split(".")[0] for p in PACKAGE.glob("_*")}
)

pytestmark = [
    pytest.mark.skipif(not COMPILED, reason="no compiled build (make fast)"),
    pytest.mark.slow,
]


def test_compiled_modules_are_the_ones_imported_and_newer_than_their_sources() -> None:
    for name in COMPILED:
        module = importlib.import_module(f"geo.{name}")
        assert str(module.__file__).endswith(".so"), f"geo.{name} was imported from {module.__file__}"
        source = PACKAGE / f"{name}.py"
        # (not module.__file__, which mypyc can set relative to its shared library: geo/geo/...)
        built = next(PACKAGE.glob(f"{name}.*.so"))
        assert built.stat().st_mtime >= source.stat().st_mtime, (
            f"{source} changed after `make fast`: run it again (or `make pure`)"
        )


def _geo(cwd: Path, *args: str) -> str:
    """Runs `python -m geo` with ``cwd`` first on the path (so its geo/ is the one imported)."""
    proc = subprocess.run(
        [sys.executable, "-m", "geo", *args, "--quiet"],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(cwd)},
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_compiled_and_pure_builds_give_identical_outputs_on_seeds(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    pure = tmp_path / "pure"
    shutil.copytree(PACKAGE, pure / "geo", ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    gaz = ("--gazetteer", str(gazetteer.path))
    parsed = {
        label: _geo(cwd, "parse", str(SEEDS), *gaz) for label, cwd in (("compiled", ROOT), ("pure", pure))
    }
    assert parsed["compiled"].count("\n") == 3  # one JSON line per seed article
    assert parsed["compiled"] == parsed["pure"]
    for label, cwd in (("compiled", ROOT), ("pure", pure)):
        _geo(cwd, "map", str(SEEDS), "--out", str(tmp_path / label), *gaz)
    tables = sorted(p.name for p in (tmp_path / "compiled").glob("*.csv"))
    assert {"events.csv", "places.csv", "manifest.csv"} <= set(tables)
    for name in tables:
        compiled, pure_table = (tmp_path / label / name for label in ("compiled", "pure"))
        assert compiled.read_bytes() == pure_table.read_bytes(), name
