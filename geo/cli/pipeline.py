"""Subcommands that run the whole pipeline: `geo map` and `geo parse`."""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from pathlib import Path

import click

from geo.cli.main import cli, fail, gazetteer_option, reports_errors
from geo.records import DocumentStatus


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


date_option = click.option(
    "--date",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="Publication date for inputs that carry none (relative dates like 'yesterday' need it).",
)
paths_argument = click.argument("paths", nargs=-1, required=True, metavar="PATH...")


def _factory(
    gazetteer_path: Path | None, actors: Path | None, overrides: Path | None
) -> functools.partial[object]:
    """A picklable pipeline factory, so every worker (local or Dask) builds its own pipeline once."""
    from geo.pipeline import Pipeline

    return functools.partial(
        Pipeline.default, gazetteer_path, actors_path=actors, overrides_path=overrides
    )


def _report_statuses(statuses: list[DocumentStatus]) -> None:
    for st in statuses:
        if st.status == "error":
            click.echo(f"geo: skipped {st.source}: {st.reason}", err=True)


@cli.command("map")
@paths_argument
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder for map.html, events.csv, events.geojson, places.csv and manifest.csv.",
)
@date_option
@gazetteer_option
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Local processes.")
@click.option("--scheduler", metavar="ADDRESS", help="Run on an existing Dask cluster (tcp://host:8786).")
@click.option("--overrides", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A corrected places.csv: its geonameid/lat/lon choices replace the resolver's.")
@click.option("--actors", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra actors CSV (name, aliases, actor type) on top of the built-in list.")
@click.option("--dedup/--no-dedup", default=True, show_default=True,
              help="Merge the same event reported by several articles.")
@click.option("--dedup-km", type=float, default=None, help="Max distance for two reports to be one event.")
@click.option("--dedup-days", type=int, default=None, help="Max days apart for two reports to be one event.")
@click.option("--offline", is_flag=True, help="Self-contained HTML: no CDN, bundled country outlines.")
@click.option("--title", default=None, help="Map title (default: from the inputs).")
@click.option("--fresh", is_flag=True, help="Ignore results checkpointed by an earlier, interrupted run.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@reports_errors
def map_command(
    paths: tuple[str, ...],
    out_dir: Path,
    date: dt.date | None,
    gazetteer_path: Path | None,
    workers: int,
    scheduler: str | None,
    overrides: Path | None,
    actors: Path | None,
    dedup: bool,
    dedup_km: float | None,
    dedup_days: int | None,
    offline: bool,
    title: str | None,
    fresh: bool,
    quiet: bool,
) -> None:
    """Geoparse articles and draw the map: PATH is a .txt/.jsonl/.csv file (gzip too), a folder, or '-'.

    Writes OUT/map.html, events.csv, events.geojson, places.csv and manifest.csv (every input
    document with its status), then prints where the map is.
    """
    from geo.corpus import process_corpus
    from geo.gazetteer_build import ensure_gazetteer
    from geo.tables import events_frame
    from geo.writers import write_outputs

    gazetteer_path = ensure_gazetteer(gazetteer_path, progress=not quiet)
    result = process_corpus(
        list(paths),
        out_dir=out_dir,
        date=date,
        gazetteer_path=gazetteer_path,
        workers=workers,
        scheduler=scheduler,
        resume=not fresh,
        quiet=quiet,
        pipeline_factory=_factory(gazetteer_path, actors, overrides),
    )
    statuses = list(result.statuses)
    _report_statuses(statuses)
    documents = list(result.documents)
    if not documents:
        fail(f"no readable document in {', '.join(paths)} (see {out_dir / 'manifest.csv'})")

    events = events_frame(documents)
    if dedup:
        from geo.dedup import deduplicate

        options = {k: v for k, v in (("max_km", dedup_km), ("max_days", dedup_days)) if v is not None}
        events = deduplicate(events, **options)
    written = write_outputs(documents, out_dir, events=events, offline=offline, title=title)

    n_err = sum(st.status == "error" for st in statuses)
    n_empty = sum(st.status == "empty" for st in statuses)
    n_places = sum(len(d.places) for d in documents)
    click.echo(
        f"{len(statuses)} documents ({len(statuses) - n_err - n_empty} ok, {n_empty} empty, {n_err} error), "
        f"{n_places} place mentions, {len(events)} events",
        err=True,
    )
    for name, path in written.items():
        if name != "map":
            click.echo(f"  {name}: {path}", err=True)
    click.echo(f"Map written to {written['map'].resolve()}")


@cli.command("parse")
@paths_argument
@date_option
@gazetteer_option
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Local processes.")
@click.option("--scheduler", metavar="ADDRESS", help="Run on an existing Dask cluster (tcp://host:8786).")
@click.option("--actors", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra actors CSV on top of the built-in list.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@reports_errors
def parse_command(
    paths: tuple[str, ...],
    date: dt.date | None,
    gazetteer_path: Path | None,
    workers: int,
    scheduler: str | None,
    actors: Path | None,
    quiet: bool,
) -> None:
    """Geoparse articles and print one JSON object per document on stdout (JSON Lines).

    Each object has id, title, date, places[] and events[]; documents that cannot be read are
    listed on stderr, one line each, and the others are still printed.
    """
    from geo.corpus import process_corpus
    from geo.gazetteer_build import ensure_gazetteer
    from geo.serialize import document_record

    gazetteer_path = ensure_gazetteer(gazetteer_path, progress=not quiet)
    result = process_corpus(
        list(paths),
        out_dir=None,
        date=date,
        gazetteer_path=gazetteer_path,
        workers=workers,
        scheduler=scheduler,
        resume=False,
        quiet=quiet,
        pipeline_factory=_factory(gazetteer_path, actors, None),
    )
    out = sys.stdout
    for doc in result.documents:
        out.write(json.dumps(document_record(doc), ensure_ascii=False) + "\n")
    _report_statuses(list(result.statuses))
