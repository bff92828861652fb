"""``geo eval toponyms``: score recognition and resolution on a gold toponym corpus."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import click

from geo.cli.main import eval_group, gazetteer_option, reports_errors, usable_gazetteer
from geo.evaluation.toponyms import FORMATS

#: Metrics printed in the table, in order, with their labels.
_TABLE: tuple[tuple[str, str], ...] = (
    ("n", "gold toponyms scored"),
    ("acc161", "accuracy@161 km"),
    ("mean_km", "mean error (km)"),
    ("median_km", "median error (km)"),
    ("auc", "AUC (lower is better)"),
    ("exact_id", "exact GeoNames id"),
    ("unresolved", "scored but unresolved"),
    ("precision", "recognition precision (exact)"),
    ("recall", "recognition recall (exact)"),
    ("f1", "recognition F1 (exact)"),
    ("precision_overlap", "recognition precision (overlap)"),
    ("recall_overlap", "recognition recall (overlap)"),
    ("f1_overlap", "recognition F1 (overlap)"),
    ("snapped", "gold spans snapped"),
    ("dropped", "gold spans dropped"),
    ("words_per_s", "words/s"),
)


def _trained_on(file: Path) -> bool:
    """Whether the shipped resolver or recogniser weights were fitted on this very file."""
    from importlib import resources

    from geo.evaluation.types import file_sha256

    sha = file_sha256(file)
    for name in ("toponym_resolver.json", "toponym_recognizer.json"):
        raw = json.loads(resources.files("geo.data").joinpath(name).read_text("utf-8"))
        if sha in raw.get("_trained_on_sha256", []):
            return True
    return False


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def _clean(metrics: dict[str, Any]) -> dict[str, Any]:
    """NaN is not JSON: report it as null."""
    return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in metrics.items()}


@eval_group.command("toponyms", short_help="Score toponym recognition and resolution.")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", *FORMATS]),
    default="auto",
    show_default=True,
    help="Gold format; auto detects LGL, TR-News, GeoWebNews, GeoVirus XML and our JSON Lines.",
)
@click.option("--gold-spans", is_flag=True, help="Resolve the gold mentions only (resolution quality alone).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option(
    "--map",
    "map_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write an HTML map of the errors (gold point, predicted point, a line between).",
)
@click.option("--progress/--no-progress", default=True, help="Show a progress bar on stderr.")
@gazetteer_option
@reports_errors
def toponyms(
    file: Path,
    fmt: str,
    gold_spans: bool,
    as_json: bool,
    map_path: Path | None,
    progress: bool,
    gazetteer_path: Path | None,
) -> None:
    """Score toponym recognition and resolution on a gold FILE.

    End-to-end by default (our recogniser, then resolution of the mentions that match gold
    spans); --gold-spans resolves the gold mentions. Metrics as in Gritta et al. 2018:
    accuracy@161 km, mean/median error, AUC, exact GeoNames id, recognition P/R/F1.

    Our JSON Lines format, one article per line:

    \b
    {"id": "a1", "text": "Rain fell on Quetta.", "toponyms": [{"start": 13, "end": 19,
     "lat": 30.19, "lon": 67.01, "geonameid": 1167528}]}
    """
    import time

    from geo.evaluation.toponyms import evaluate, read_gold, write_error_map
    from geo.gazetteer import Gazetteer
    from geo.resolve import Resolver
    from geo.toponyms import ToponymRecognizer

    corpus = read_gold(file, format=fmt)
    gazetteer = Gazetteer.open(usable_gazetteer(gazetteer_path))
    recognizer = None if gold_spans else ToponymRecognizer(gazetteer)
    resolver = Resolver(gazetteer)
    t0 = time.perf_counter()
    result = evaluate(
        corpus, recognizer=recognizer, resolver=resolver, gold_spans=gold_spans, progress=progress
    )
    elapsed = time.perf_counter() - t0
    metrics = result.metrics
    metrics["seconds"] = round(elapsed, 3)
    metrics["words_per_s"] = round(metrics["words"] / elapsed, 1) if elapsed > 0 else None
    metrics["file"] = str(file)
    metrics["in_sample"] = _trained_on(file)
    if map_path is not None:
        metrics["map"] = str(write_error_map(result.rows, map_path, title=f"Toponym errors: {file.name}"))
    if as_json:
        click.echo(json.dumps(_clean(metrics), sort_keys=True))
        return
    mode = "gold spans" if gold_spans else "end-to-end"
    n = metrics["articles"]
    click.echo(f"{file} ({metrics['format']}, {n} article{'' if n == 1 else 's'}, {mode})")
    for key, label in _TABLE:
        if key in metrics:
            click.echo(f"  {label:<34} {_cell(metrics[key])}")
    if map_path is not None:
        click.echo(f"  error map: {metrics['map']}")
    if metrics["in_sample"]:
        click.echo(
            "  note: the shipped resolver/recogniser weights were trained on this file: in-sample scores"
        )
