"""Subcommands that run the whole pipeline: `geo map` and `geo parse`."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from geo.cli.main import cli, fail, gazetteer_option, make_out_dir, reports_errors, usable_gazetteer
from geo.errors import GeoError
from geo.pipeline import EMBEDDINGS_MISSING, Pipeline
from geo.records import Document, DocumentStatus

if TYPE_CHECKING:
    from geo.overrides import MentionKey


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
workers_option = click.option(
    "--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Local processes."
)
scheduler_option = click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run on an existing Dask cluster (tcp://host:8786); its workers must see the gazetteer path.",
)
overrides_option = click.option(
    "--overrides",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A corrected places.csv: its geonameid/lat/lon choices replace the resolver's.",
)
actors_option = click.option(
    "--actors",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Extra actors on top of the built-in list: a CSV with columns name, aliases ('|'-separated), "
    "inter (ACLED's actor type: State forces, Rebel group, ...) and optional country (two letters).",
)
quiet_option = click.option("-q", "--quiet", is_flag=True, help="No progress bar.")


def _factory(
    gazetteer_path: Path | None, actors: Path | None, overrides: Path | None, embeddings: bool = False
) -> functools.partial[Pipeline]:
    """A picklable pipeline factory, so every worker (local or Dask) builds its own pipeline once."""
    if embeddings:
        from geo.event_types import embeddings_available

        if not embeddings_available():  # say so before any work, not once per worker
            raise GeoError(EMBEDDINGS_MISSING)
        return functools.partial(
            Pipeline.default, gazetteer_path, actors_path=actors, overrides_path=overrides, embeddings=True
        )
    return functools.partial(Pipeline.default, gazetteer_path, actors_path=actors, overrides_path=overrides)


embeddings_option = click.option(
    "--embeddings",
    is_flag=True,
    help="Tie events to places with the all-MiniLM-L6-v2 head too (optional 'embeddings' extra; "
    "+0.03 link F1, ~0.2 s an article on one core).",
)


def _report_statuses(statuses: list[DocumentStatus]) -> None:
    """One stderr line per input that gave nothing: the reason already names the file (and line)."""
    for st in statuses:
        if st.status != "ok":
            click.echo(f"geo: skipped: {st.reason or st.source}", err=True)


def _one_line_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    text = " ".join(str(message).split())
    click.echo(f"geo: warning: {text}", err=True)


@contextlib.contextmanager
def _document_warnings() -> Iterator[None]:
    """Show every reader warning (a bad date, an unreadable sidecar) as one ``geo: warning:`` line."""
    from geo.documents import DocumentWarning

    with warnings.catch_warnings():
        warnings.simplefilter("always", DocumentWarning)
        warnings.showwarning = _one_line_warning
        yield


def _summary(statuses: list[DocumentStatus]) -> str:
    n = {k: sum(st.status == k for st in statuses) for k in ("ok", "empty", "error")}
    return f"{len(statuses)} documents ({n['ok']} ok, {n['empty']} empty, {n['error']} error)"


DEFAULT_DOC_TIMEOUT = 300.0

doc_timeout_option = click.option(
    "--doc-timeout",
    type=click.FloatRange(min=0),
    default=DEFAULT_DOC_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="Give up a document that takes longer (listed as an error in the manifest); 0: no limit.",
)

chunk_size_option = click.option(
    "--chunk-size",
    type=click.IntRange(min=1),
    default=None,
    hidden=True,
    help="Documents per unit of work and checkpoint (tuning and tests).",
)


@cli.command("map", short_help="Geoparse articles into map.html and event tables.")
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
@workers_option
@scheduler_option
@overrides_option
@actors_option
@click.option(
    "--dedup/--no-dedup",
    default=True,
    show_default=True,
    help="Merge the same event reported by several articles (--no-dedup: one row per article).",
)
@click.option(
    "--dedup-km",
    type=click.FloatRange(min=0),
    default=None,
    help="Max km between two reports' places for them to be one event [default: 10].",
)
@click.option(
    "--dedup-days",
    type=click.IntRange(min=0),
    default=None,
    help="Max days between two reports' dates for them to be one event [default: 1].",
)
@click.option("--dedup-any-actors", is_flag=True, help="Merge reports even when their named actors disagree.")
@click.option(
    "--offline", is_flag=True, help="Fetch nothing at view time: no map tiles (country outlines only)."
)
@click.option("--cdn", is_flag=True, help="Load Leaflet from its CDN: a smaller map.html that needs network.")
@click.option("--no-cluster", "no_cluster", is_flag=True, help="Draw every event; do not group nearby ones.")
@click.option("--heat", is_flag=True, help="Add a heat-map layer (weighted by fatalities).")
@click.option(
    "--format",
    "formats",
    type=click.Choice(["parquet"]),
    multiple=True,
    help="Also write events.parquet and places.parquet (needs pyarrow).",
)
@click.option("--title", default=None, help="Map title (default: from the inputs).")
@click.option("--fresh", is_flag=True, help="Ignore results checkpointed by an earlier, interrupted run.")
@embeddings_option
@quiet_option
@doc_timeout_option
@chunk_size_option
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
    dedup_any_actors: bool,
    offline: bool,
    cdn: bool,
    no_cluster: bool,
    heat: bool,
    formats: tuple[str, ...],
    title: str | None,
    fresh: bool,
    embeddings: bool,
    quiet: bool,
    doc_timeout: float,
    chunk_size: int | None,
) -> None:
    """Geoparse articles and draw the map: PATH is a .txt/.jsonl/.csv file (gzip too), a folder, or '-'.

    Writes OUT/map.html, events.csv, events.geojson, places.csv and manifest.csv (every input
    document with its status: ok, empty or error, and why), then prints where the map is.
    The same event reported by several articles becomes one row (source_count, sources).
    A killed run restarted with the same --out continues where it stopped.
    """
    from geo.corpus import process_corpus
    from geo.dedup import deduplicate, per_article
    from geo.tables import events_frame
    from geo.writers import write_outputs

    make_out_dir(out_dir)
    gazetteer_path = usable_gazetteer(gazetteer_path, progress=not quiet)
    corrections = _load_overrides(overrides, gazetteer_path)  # a malformed file fails before any work
    _check_actors(actors)
    extra: dict[str, Any] = {"chunk_size": chunk_size} if chunk_size else {}
    with _document_warnings():
        result = process_corpus(
            list(paths),
            out_dir=out_dir,
            date=date,
            gazetteer_path=gazetteer_path,
            workers=workers,
            scheduler=scheduler,
            resume=not fresh,
            quiet=quiet,
            pipeline_factory=_factory(gazetteer_path, actors, overrides, embeddings),
            keep_text=False,  # the tables and the map need sentences and mentions, not whole articles
            settle_heap=True,  # this process is the command's own
            doc_timeout=doc_timeout or None,
            **extra,
        )
    statuses = list(result.statuses)
    _report_statuses(statuses)
    if result.reused_chunks:
        click.echo(f"geo: resumed: {result.reused_chunks} chunks reused from an interrupted run", err=True)
    documents = list(result.documents)
    if not documents:
        fail(f"no readable document in {', '.join(paths)} (see {out_dir / 'manifest.csv'})")
    _warn_undated(
        [(d.source or d.id, _undated_events(d)) for d in documents if d.date is None and _undated_events(d)]
    )

    per_doc = events_frame(documents)
    if dedup:
        options: dict[str, Any] = {"match_actors": not dedup_any_actors}
        if dedup_km is not None:
            options["max_km"] = dedup_km
        if dedup_days is not None:
            options["max_days"] = dedup_days
        events = deduplicate(per_doc, **options)
    else:
        events = per_article(per_doc)
    written = write_outputs(
        documents,
        out_dir,
        events=events,
        offline=offline,
        cdn=cdn,
        title=title,
        cluster=not no_cluster,
        heat=heat,
        parquet="parquet" in formats,
    )
    if corrections is not None:
        _report_overrides(corrections, corrections.unmatched(documents))

    n_places = sum(len(d.places) for d in documents)
    merged = (
        f" ({len(per_doc)} reports before de-duplication)" if dedup and len(per_doc) != len(events) else ""
    )
    click.echo(f"{_summary(statuses)}, {n_places} place mentions, {len(events)} events{merged}", err=True)
    for name, path in written.items():
        if name != "map":
            click.echo(f"  {name}: {path}", err=True)
    click.echo(f"Map written to {written['map'].resolve()}")


def _undated_events(doc: Document) -> int:
    """How many of a document's events have no date."""
    return sum(e.date is None for e in doc.events)


def _warn_undated(undated: list[tuple[str, int]]) -> None:
    """One line naming the documents without a publication date whose events are therefore undated
    ("yesterday", "on Monday" need one), given as (name, undated events) pairs: the user can give the
    date with --date, a header or a sidecar. ``geo map`` and ``geo parse`` say it alike."""
    if not undated:
        return
    n_events = sum(n for _, n in undated)
    names = ", ".join(name for name, _ in undated[:5]) + (
        f" and {len(undated) - 5} more" if len(undated) > 5 else ""
    )
    docs = f"{len(undated)} document{'s' if len(undated) > 1 else ''}"
    events = f"{n_events} event{' is' if n_events == 1 else 's are'}"
    click.echo(
        f"geo: warning: no publication date for {docs}, so {events} undated: {names} (give --date "
        "YYYY-MM-DD, a 'Date:' first line, a .meta.json beside each file or a 'date' field of each row)",
        err=True,
    )


def _report_overrides(corrections: Any, unmatched: list[str]) -> None:
    """The rows of the user's corrections that matched no mention, one line each, and how many applied
    (``geo map`` and ``geo parse`` alike)."""
    for line in unmatched:
        click.echo(f"geo: warning: {line}", err=True)
    applied = len(corrections.rows) - len(unmatched)
    click.echo(f"geo: overrides: {applied} of {len(corrections.rows)} rows applied", err=True)


@dataclass(frozen=True, slots=True)
class _Parsed:
    """What a worker sends back of one document for ``geo parse``: its output line, how many of its
    events are undated for want of a publication date, and (with --overrides) its mentions' keys."""

    line: str
    undated: int
    mentions: tuple[MentionKey, ...]


def _render_parsed(doc: Document, mentions: bool = False) -> _Parsed:
    """``geo parse``'s render, run where the document was processed."""
    from geo.overrides import mention_key
    from geo.serialize import document_line

    undated = _undated_events(doc) if doc.date is None else 0
    keys = tuple(mention_key(doc.id, rp) for rp in doc.places) if mentions else ()
    return _Parsed(document_line(doc), undated, keys)


def _check_actors(path: Path | None) -> None:
    """Read the user's actor file once here, so a malformed one fails before any work."""
    if path is not None:
        from geo.actors import read_actor_file

        read_actor_file(path)


def _load_overrides(path: Path | None, gazetteer_path: Path) -> Any:
    """The user's corrections (``geo.overrides.Overrides``), read once here to report on them."""
    if path is None:
        return None
    from geo.gazetteer import Gazetteer
    from geo.overrides import Overrides

    return Overrides.load(path, Gazetteer.open(gazetteer_path))


@cli.command("parse", short_help="Geoparse articles into JSON Lines on stdout.")
@paths_argument
@date_option
@gazetteer_option
@workers_option
@scheduler_option
@overrides_option
@actors_option
@embeddings_option
@quiet_option
@doc_timeout_option
@chunk_size_option
@reports_errors
def parse_command(
    paths: tuple[str, ...],
    date: dt.date | None,
    gazetteer_path: Path | None,
    workers: int,
    scheduler: str | None,
    overrides: Path | None,
    actors: Path | None,
    embeddings: bool,
    quiet: bool,
    doc_timeout: float,
    chunk_size: int | None,
) -> None:
    """Geoparse articles and print one JSON object per document on stdout (JSON Lines).

    PATH is a .txt/.jsonl/.csv file (gzip too), a folder, or '-' for stdin.  Each object has
    id, title, date, places[] and events[], in input order; documents that cannot be read are
    listed on stderr, one line each, and the others are still printed.
    """
    from geo.corpus import stream_corpus

    gazetteer_path = usable_gazetteer(gazetteer_path, progress=not quiet)
    corrections = _load_overrides(overrides, gazetteer_path)  # a malformed file fails before any work
    _check_actors(actors)
    extra: dict[str, Any] = {"chunk_size": chunk_size} if chunk_size else {}
    statuses: list[DocumentStatus] = []
    undated: list[tuple[str, int]] = []
    mentions: list[MentionKey] = []
    out = sys.stdout
    with _document_warnings():
        run = stream_corpus(
            list(paths),
            date=date,
            gazetteer_path=gazetteer_path,
            workers=workers,
            scheduler=scheduler,
            resume=False,
            quiet=quiet,
            pipeline_factory=_factory(gazetteer_path, actors, overrides, embeddings),
            settle_heap=True,  # this process is the command's own
            doc_timeout=doc_timeout or None,
            # made by the workers: only text (and what the warnings below need) comes back here
            render=functools.partial(_render_parsed, mentions=corrections is not None),
            **extra,
        )
        for parsed, status in run:  # printed as each chunk finishes, in input order
            statuses.append(status)
            if parsed is not None:
                out.write(parsed.line + "\n")
                if parsed.undated:
                    undated.append((status.source or status.doc_id, parsed.undated))
                mentions.extend(parsed.mentions)
    out.flush()
    _report_statuses(statuses)
    if not any(st.status == "ok" for st in statuses):
        fail(f"no readable document in {', '.join(paths)}")
    _warn_undated(undated)
    if corrections is not None:
        _report_overrides(corrections, corrections.unmatched(mentions=mentions))
    if not quiet:
        click.echo(_summary(statuses), err=True)
