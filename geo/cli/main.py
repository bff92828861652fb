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


def usable_gazetteer(path: Path | None, *, progress: bool = True) -> Path:
    """The gazetteer a command reads. A path the user gave (--gazetteer or $GEO_GAZETTEER) must hold one:
    a mistyped path would otherwise get a new ~160 MB database built there, a minute's work, instead of
    the one meant (``GazetteerMissing``, one line naming the path and the command that builds it, as
    every command that opens it says). Without one, the default gazetteer is built on first use."""
    from geo.errors import GazetteerMissing
    from geo.gazetteer import missing_message
    from geo.gazetteer_build import ensure_gazetteer

    if path is not None and not path.expanduser().is_file():
        raise GazetteerMissing(missing_message(path.expanduser()))
    return ensure_gazetteer(path, progress=progress)


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
