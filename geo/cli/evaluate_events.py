"""``geo eval links`` and ``geo eval types``: score event-to-place linking and event typing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from geo.cli.main import eval_group, gazetteer_option, reports_errors, usable_gazetteer

_LINK_TABLE: tuple[tuple[str, str], ...] = (
    ("n", "records scored"),
    ("skipped", "records skipped (broken gold offsets)"),
    ("gold_locations", "gold location spans"),
    ("predicted_locations", "predicted location spans"),
    ("precision", "precision (token overlap)"),
    ("recall", "recall (token overlap)"),
    ("f1", "F1 (token overlap)"),
    ("exact_f1", "F1 (exact span)"),
    ("token_precision", "token precision"),
    ("token_recall", "token recall"),
    ("token_f1", "token F1"),
    ("no_location_n", "records without a location"),
    ("no_location_accuracy", "no-location accuracy"),
)


_CV_LINKS = "`python -m geo.evaluation.links FILE` (cross-validated, grouped by sentence)"
_CV_TYPES = "`python -m geo.evaluation.types FILE [--embeddings]` (5-fold cross-validated)"


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


@eval_group.command("links", short_help="Score event-to-place links on Halterman's JSONL.")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option(
    "--method",
    type=click.Choice(["model", "pipeline", "rules"]),
    default="model",
    show_default=True,
    help="model: the packaged candidate classifier (geo/data/event_link_model.json) on every "
    "capitalised name; pipeline: the pipeline's EventLinker (the model, fed the cues' picks, chooses "
    "among the recognised places); rules: EventLinker's cues alone (attached, else nearest place).",
)
@click.option(
    "--embeddings",
    is_flag=True,
    help="With --method model: all-MiniLM-L6-v2 fine-tuned with LoRA adapters reads the sentence with "
    "the verb marked and rescores each name over the model's score (geo/data/event_link_tuned.npz; "
    "needs the 'embeddings' extra).",
)
@gazetteer_option
@reports_errors
def links(file: Path, as_json: bool, method: str, embeddings: bool, gazetteer_path: Path | None) -> None:
    """Score event-to-place linking on a gold FILE in Halterman's JSON Lines format.

    Each line: {"text": ..., "spans": [{"start", "end", "label": "VERB"|"LOCATION"}]} with one
    VERB (the event) and 0..n LOCATION spans (where it happened). We recognise the places of
    the sentence and pick the one(s) the linker ties to the verb, or none.
    """
    from geo.evaluation.links import (
        LearnedLinkPredictor,
        Predictor,
        StageLinkPredictor,
        evaluate_links,
    )
    from geo.evaluation.types import trained_on
    from geo.gazetteer import Gazetteer
    from geo.link_model import LINK_MODEL_FILE

    if embeddings and method != "model":
        raise click.UsageError("--embeddings needs --method model")
    gazetteer = Gazetteer.open(usable_gazetteer(gazetteer_path))
    predictor: Predictor
    if embeddings:
        from geo.evaluation.link_tuned import TunedLinkPredictor
        from geo.link_tuned import packaged_tuned_scorer

        predictor = TunedLinkPredictor(gazetteer, scorer=packaged_tuned_scorer())  # no extra: said first
    elif method == "model":
        predictor = LearnedLinkPredictor(gazetteer)
    else:
        predictor = StageLinkPredictor(gazetteer, use_model=method == "pipeline")
    metrics = evaluate_links(file, predictor)
    metrics["file"] = str(file)
    metrics["method"] = method + ("+embeddings" if embeddings else "")
    metrics["in_sample"] = method != "rules" and trained_on(file, LINK_MODEL_FILE)
    if embeddings:
        from geo.evaluation.types import file_sha256
        from geo.link_tuned import packaged_meta

        tuned_on = packaged_meta().get("trained_on_sha256")
        metrics["in_sample"] = metrics["in_sample"] or tuned_on == file_sha256(file)
    if as_json:
        click.echo(json.dumps(metrics, sort_keys=True))
        return
    click.echo(f"{file} (event-location links, method {metrics['method']})")
    if metrics["in_sample"]:
        click.echo(f"  note: the link model was trained on this file; see {_CV_LINKS} for held-out figures")
    for key, label in _LINK_TABLE:
        click.echo(f"  {label:<40} {_cell(metrics.get(key))}")


@eval_group.command("types", short_help="Score ACLED sub-event types on a CASE 2021 TSV.")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option(
    "--method",
    type=click.Choice(["lexicon", "model", "combined"]),
    default="combined",
    show_default=True,
    help="lexicon: the extractor's trigger rules; model: the packaged word-feature classifier; "
    "combined: the model, with the lexicon's type as a feature.",
)
@click.option(
    "--embeddings",
    is_flag=True,
    help="Add all-MiniLM-L6-v2 sentence vectors to the classifier (needs the 'embeddings' extra).",
)
@reports_errors
def types(file: Path, as_json: bool, method: str, embeddings: bool) -> None:
    """Score event typing on a CASE 2021 task 2 TSV FILE (id, EventSnippet, SubType).

    Each snippet gets one of ACLED's 25 sub-event types (CASE names); the five non-ACLED
    CASE labels are scored too, and count as errors unless the method produces them.
    """
    from geo.evaluation.types import confusion_table, evaluate_types, predictor_for, trained_on
    from geo.event_types import EMBEDDING_MODEL_FILE, MODEL_FILE

    if embeddings and method == "lexicon":
        raise click.UsageError("--embeddings needs --method model or combined")
    metrics = evaluate_types(file, predictor_for(method, embeddings=embeddings))
    metrics["file"] = str(file)
    metrics["method"] = method + ("+embeddings" if embeddings else "")
    model_file = EMBEDDING_MODEL_FILE if embeddings else MODEL_FILE
    metrics["in_sample"] = method != "lexicon" and trained_on(file, model_file)
    if as_json:
        click.echo(json.dumps({k: v for k, v in metrics.items() if k != "confusion"}, sort_keys=True))
        return
    click.echo(f"{file} (event types, method {metrics['method']})")
    if metrics["in_sample"]:
        click.echo(f"  note: the type model was trained on this file; see {_CV_TYPES} for held-out figures")
    for key in ("n", "accuracy", "weighted_f1", "macro_f1"):
        click.echo(f"  {key:<12} {_cell(metrics[key])}")
    click.echo("\nconfusion (rows gold, columns predicted):")
    click.echo(confusion_table(metrics))
