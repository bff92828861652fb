"""Subcommand: ``geo render FILE...`` draws a map from existing event tables."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from geo.cli.main import cli, make_out_dir, reports_errors


@cli.command("render", short_help="Draw map.html from events.csv/.geojson or an ACLED export.")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder for map.html (and map.fragment.html with --fragment).",
)
@click.option(
    "--offline", is_flag=True, help="Fetch nothing at view time: no map tiles (country outlines only)."
)
@click.option("--cdn", is_flag=True, help="Load Leaflet from its CDN: a smaller map.html that needs network.")
@click.option("--fragment", is_flag=True, help="Also write map.fragment.html, an <iframe> snippet to embed.")
@click.option(
    "--png",
    "png_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also save a static image of the map (needs headless Chromium; drawn offline, without tiles).",
)
@click.option(
    "--format",
    "table_format",
    type=click.Choice(["csv", "parquet"]),
    default=None,
    help="Also write the combined input as events.csv or events.parquet (parquet needs pyarrow).",
)
@click.option("--no-cluster", is_flag=True, help="Draw every event; do not group nearby ones.")
@click.option("--heat", is_flag=True, help="Add a heat-map layer (weighted by fatalities).")
@click.option("--title", default=None, help="Map title (default: 'Conflict events').")
@reports_errors
def render_command(
    files: tuple[Path, ...],
    out_dir: Path,
    offline: bool,
    cdn: bool,
    fragment: bool,
    png_path: Path | None,
    table_format: str | None,
    no_cluster: bool,
    heat: bool,
    title: str | None,
) -> None:
    """Draw a map from event tables: our events.csv / events.geojson, or ACLED's export CSV.

    ACLED columns read: event_date, event_type, sub_event_type, actor1, actor2, location,
    latitude, longitude, geo_precision, fatalities, notes (and country, admin1, source).
    Rows without coordinates are counted on the map but not drawn.
    """
    from geo.maps import DEFAULT_TITLE, render_map
    from geo.writers import read_events_many, save_png, write_csv, write_fragment, write_map, write_parquet

    make_out_dir(out_dir)
    events = read_events_many(files)
    title = title or DEFAULT_TITLE
    m = render_map(events, title=title, cluster=not no_cluster, heat=heat, offline=offline, cdn=cdn)
    html_path = write_map(m, out_dir / "map.html")
    click.echo(f"{len(events)} events from {len(files)} file(s)", err=True)
    if table_format == "csv":
        click.echo(write_csv(events, out_dir / "events.csv"))
    elif table_format == "parquet":
        click.echo(write_parquet(events, out_dir / "events.parquet"))
    if fragment:
        click.echo(write_fragment(m, out_dir / "map.fragment.html", title=title))
    if png_path is not None:
        # The image is taken from the offline page (country outlines, no tiles): it needs no network.
        if offline:
            click.echo(save_png(html_path, png_path))
        else:
            with tempfile.TemporaryDirectory(prefix="geo-png-") as tmp:
                still = render_map(events, title=title, cluster=not no_cluster, heat=heat, offline=True)
                click.echo(save_png(write_map(still, Path(tmp) / "map.html"), png_path))
    click.echo(html_path)
