"""The ``geo`` command: one click group; each family of subcommands lives in its own module."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from geo.errors import GeoError

F = TypeVar("F", bound=Callable[..., Any])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="geo-conflict-mapper")
def cli() -> None:
    """Map conflict events in news articles: find places, geocode them offline, extract events, draw maps.

    Start with `geo map seeds/`; every subcommand explains itself with --help.
    """


@cli.group("eval", short_help="Score on gold data: toponyms, event links, event types.")
def eval_group() -> None:
    """Score the project on gold-standard data (toponyms, event links, event types)."""


@cli.group("gazetteer")
def gazetteer_group() -> None:
    """Build and inspect the offline gazetteer database."""


def gazetteer_option(func: F) -> F:
    """The ``--gazetteer PATH`` option every command shares (also read from $GEO_GAZETTEER)."""
    return click.option(
        "--gazetteer",
        "gazetteer_path",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar="GEO_GAZETTEER",
        default=None,
        help=(
            "Gazetteer database to use (default: the per-user one, see `geo gazetteer info`;"
            " env GEO_GAZETTEER)."
        ),
    )(func)


def fail(message: str) -> None:
    """Print a one-line error and exit with status 2."""
    click.echo(f"geo: error: {message}", err=True)
    sys.exit(2)


def make_out_dir(out_dir: Path) -> None:
    """Create the output folder before any work, or stop with one line saying why it cannot be."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"{out_dir}: cannot create the output folder ({exc.strerror or exc})")


def reports_errors(func: F) -> F:
    """Turn our own exceptions into a one-line message instead of a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except GeoError as exc:
            fail(str(exc))

    return wrapper  # type: ignore[return-value]
