"""Subcommands: ``geo gazetteer build|info`` and ``geo geocode``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from geo.cli.main import cli, gazetteer_group, gazetteer_option, reports_errors, usable_gazetteer
from geo.records import Candidate, Place


@gazetteer_group.command("build", short_help="Build or rebuild the gazetteer database.")
@click.option(
    "--if-missing",
    is_flag=True,
    help="Do nothing when the database already exists (the default one: and was built from this "
    "version's data).",
)
@click.option(
    "--geonames",
    "geonames_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Import GeoNames dump files from DIR (allCountries.txt, cities*.txt, XX.txt, alternateNamesV2.txt, "
    "admin1CodesASCII.txt, admin2Codes.txt, countryInfo.txt, hierarchy.txt; .zip too) instead of the "
    "embedded default.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the database (default: $GEO_GAZETTEER or the per-user path shown by "
    "`geo gazetteer info`).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@reports_errors
def build_command(if_missing: bool, geonames_dir: Path | None, out: Path | None, quiet: bool) -> None:
    """Build (or rebuild) the gazetteer database; atomic: an interrupted build leaves the old one usable."""
    from geo.gazetteer import default_path
    from geo.gazetteer_build import build_default, build_from_geonames, ensure_gazetteer

    target = out or default_path()
    if if_missing and out is None and geonames_dir is None:  # the default: built if missing or stale
        click.echo(str(ensure_gazetteer(progress=not quiet)))
        return
    if if_missing and target.is_file():
        click.echo(f"gazetteer already built: {target}", err=True)
        return
    if geonames_dir is not None:
        path, report = build_from_geonames(geonames_dir, target, progress=not quiet)
        _echo_malformed(report)
    else:
        path = build_default(target, progress=not quiet)
    click.echo(str(path))


def _echo_malformed(report: dict[str, Any]) -> None:
    malformed = report.get("malformed") or {}
    if malformed:
        total = sum(malformed.values())
        parts = ", ".join(f"{k}: {v}" for k, v in sorted(malformed.items()))
        click.echo(f"skipped {total} malformed lines ({parts}); first ones:", err=True)
        for example in report.get("malformed_examples", [])[:5]:
            click.echo(f"  {example}", err=True)


@gazetteer_group.command("info", short_help="Show the gazetteer's path, sources and counts.")
@gazetteer_option
@click.option("--json", "as_json", is_flag=True, help="Print the information as JSON.")
@reports_errors
def info_command(gazetteer_path: Path | None, as_json: bool) -> None:
    """Show the gazetteer's path, source, build date, counts by feature class and country, and size."""
    from geo.gazetteer import Gazetteer
    from geo.gazetteer_build import built_fingerprint, default_fingerprint

    with Gazetteer.open(gazetteer_path) as gaz:
        info = gaz.info()
        recorded = built_fingerprint(gaz.path)
    # a default build records what it was built from; it is stale when this version's data differ
    info["up_to_date"] = None if recorded is None else recorded == default_fingerprint()
    if as_json:
        click.echo(json.dumps(info, indent=2, ensure_ascii=False))
        return
    click.echo(f"path:        {info['path']}")
    click.echo(f"size:        {info['size_bytes'] / 2**20:.1f} MiB")
    click.echo(f"source:      {info['source']}")
    click.echo(f"built at:    {info['built_at']}  (schema v{info['schema_version']})")
    if info["up_to_date"] is not None:
        state = (
            "yes"
            if info["up_to_date"]
            else "no, built from other data than this version's (the default one is rebuilt on next use; "
            "another: geo gazetteer build --out PATH)"
        )
        click.echo(f"up to date:  {state}")
    click.echo(f"places:      {info['places']:,}   names: {info['names']:,}")
    click.echo("by feature class: " + ", ".join(f"{k} {v:,}" for k, v in info["by_feature_class"].items()))
    click.echo(
        "top countries:    " + ", ".join(f"{k} {v:,}" for k, v in list(info["top_countries"].items())[:15])
    )
    click.echo("point sources:    " + ", ".join(f"{k} {v:,}" for k, v in info["by_point_source"].items()))
    malformed = info["build_report"].get("malformed") or {}
    if malformed:
        click.echo("malformed input lines skipped: " + ", ".join(f"{k} {v:,}" for k, v in malformed.items()))


def candidate_record(candidate: Candidate, rank: int, parents: list[Place] | None = None) -> dict[str, Any]:
    """The JSON form of one geocoding candidate (``geo geocode --json``), with its parents nearest first."""
    from geo.gazetteer import place_record

    record = {"rank": rank, **place_record(candidate.place)}
    record.update(match=candidate.match, matched_name=candidate.matched_name)
    record["parents"] = [
        {"geonameid": p.geonameid, "name": p.name, "feature_code": p.feature_code} for p in parents or []
    ]
    return record


@cli.command("geocode", short_help="Look a place name up offline, best candidates first.")
@click.argument("query")
@click.option(
    "--country",
    "countries",
    multiple=True,
    help="Only places in this country: ISO code, AF or AFG (repeatable).",
)
@click.option(
    "--limit", type=click.IntRange(min=1), default=10, show_default=True, help="Most candidates shown."
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of candidates, best first.")
@gazetteer_option
@reports_errors
def geocode_command(
    query: str, countries: tuple[str, ...], limit: int, as_json: bool, gazetteer_path: Path | None
) -> None:
    """Look a place name up offline: ranked gazetteer candidates, best first.

    The order is the geoparser's prior, except that a city comes before the province named
    after it ("Kandahar" is the city first, as Nominatim and our geopy geocoder answer).
    """
    from geo.gazetteer import Gazetteer
    from geo.geocoder import city_before_its_namesake_province, lookup_any_spelling

    if not query.strip():
        raise click.BadParameter("give a place name", param_hint="QUERY")
    path = usable_gazetteer(gazetteer_path)
    with Gazetteer.open(path) as gaz:
        known = {cc: gaz.country(cc.upper()) for cc in countries}  # AF or AFG
        unknown = [cc for cc, place in known.items() if place is None]
        if unknown:  # else "no place named 'Kandahar'" for a typo in the code
            raise click.BadParameter(
                f"{', '.join(repr(cc) for cc in unknown)}: not an ISO country code the gazetteer knows "
                "(AF or AFG, SY or SYR, ...)",
                param_hint="--country",
            )
        codes = [place.country_code for place in known.values() if place is not None]
        found = lookup_any_spelling(gaz, query, codes or None)
        found = city_before_its_namesake_province(found)[:limit]
        records = [candidate_record(c, i, gaz.parents(c.place.geonameid)) for i, c in enumerate(found, 1)]
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False))
        return
    if not records:
        click.echo(f"no place named {query!r}", err=True)
        return
    for r in records:
        where = ", ".join(
            x for x in (r["admin2_name"], r["admin1_name"], r["country_name"] or r["country_code"]) if x
        )
        click.echo(
            f"{r['rank']:>2}. {r['name']} ({where}) [{r['feature_class']}.{r['feature_code']}] "
            f"{r['lat']:.4f},{r['lon']:.4f} pop {r['population']:,} id {r['geonameid']} match {r['match']}"
        )
