"""Command-line interface. ``main`` is the console entry point."""

from __future__ import annotations

from geo.cli import evaluate_events, evaluate_toponyms, gazetteer, pipeline, render  # noqa: F401  (register)
from geo.cli.main import cli


def main() -> None:
    """Entry point of the ``geo`` console script."""
    cli(prog_name="geo")


__all__ = ["cli", "main"]
