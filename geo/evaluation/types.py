"""Scoring event typing on CASE 2021 task 2 (``id, EventSnippet, SubType`` TSV).

Each snippet gets one label; ours are ACLED's 25 sub-event types under their CASE names
(``geo/data/event_types.json``).  CASE's five non-ACLED labels (DIPLO, ATTRIB, ORG_CRIME,
MAN_MADE_DISASTER, NATURAL_DISASTER) are kept in the gold, so a system that cannot produce
them is charged for them.  Scores: ``accuracy``, ``weighted_f1`` (F1 per gold label weighted
by its support, as the shared task ranked systems), ``macro_f1`` and a confusion table.
"""

from __future__ import annotations

import csv
import functools
import json
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.errors import GoldFormatError
from geo.event_types import (
    MODEL_FILE,
    NONE_LABEL,
    RETYPE_MIN_PROBABILITY,
    SAME_EVENT_TYPE_MIN_PROBABILITY,
    STATIC_ENCODER,
    EventRetyper,
    Features,
    LexiconTyper,
    SentenceEncoder,
    SnippetTyper,
    TypeModel,
    prototype_examples,
    snippet_features,
    static_text,
)

if TYPE_CHECKING:
    from geo.evaluation.type_training import SoftForFold, TrainConfig
    from geo.static_vectors import StaticVectors


@dataclass(frozen=True, slots=True)
class TypeGold:
    """One gold snippet and its CASE label."""

    id: str
    text: str
    label: str


def read_types_gold(path: Path | str) -> list[TypeGold]:
    """The snippets of a CASE 2021 task 2 TSV file (header ``id``, ``EventSnippet``, ``SubType``)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GoldFormatError(f"{path}: no such gold file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"{path}: cannot read gold file ({exc.__class__.__name__})") from exc
    reader = csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = {"id", "EventSnippet", "SubType"} - set(reader.fieldnames or ())
    if missing:
        raise GoldFormatError(
            f"{path}: not a CASE 2021 task 2 TSV (missing column(s) {', '.join(sorted(missing))})"
        )
    rows: list[TypeGold] = []
    for line_no, row in enumerate(reader, start=2):
        snippet, label = (row.get("EventSnippet") or "").strip(), (row.get("SubType") or "").strip()
        if not snippet or not label:
            raise GoldFormatError(f"{path}:{line_no}: empty snippet or label")
        rows.append(TypeGold(str(row["id"]), snippet, label))
    if not rows:
        raise GoldFormatError(f"{path}: no snippets")
    return rows


def score_types(gold: list[str], predicted: list[str]) -> dict[str, Any]:
    """Accuracy, support-weighted and macro F1 over the gold labels, and the confusion counts."""
    if len(gold) != len(predicted):
        raise ValueError("one prediction per gold label is needed")
    labels = sorted(set(gold))
    support = Counter(gold)
    pred_count = Counter(predicted)
    pairs = Counter(zip(gold, predicted, strict=True))
    per_label: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = pairs[(label, label)]
        precision = tp / pred_count[label] if pred_count[label] else 0.0
        recall = tp / support[label]
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "n": support[label],
        }
    n = len(gold)
    weighted = sum(per_label[lab]["f1"] * support[lab] for lab in labels) / n if n else 0.0
    macro = sum(per_label[lab]["f1"] for lab in labels) / len(labels) if labels else 0.0
    return {
        "n": n,
        "accuracy": round(sum(pairs[(lab, lab)] for lab in labels) / n, 4) if n else 0.0,
        "weighted_f1": round(weighted, 4),
        "macro_f1": round(macro, 4),
        "per_label": per_label,
        "confusion": {f"{g}\t{p}": c for (g, p), c in sorted(pairs.items())},
    }


def confusion_table(metrics: dict[str, Any], *, width: int = 5) -> str:
    """The confusion counts as text: one row per gold label, columns the predicted labels (abbreviated)."""
    cells: dict[tuple[str, str], int] = {}
    for key, count in metrics["confusion"].items():
        g, p = key.split("\t")
        cells[(g, p)] = count
    rows = sorted({g for g, _ in cells})
    cols = sorted({p for _, p in cells})
    abbrev = {c: c[:width] for c in cols}
    head = " " * 30 + " ".join(f"{abbrev[c]:>{width}}" for c in cols)
    lines = [head]
    for g in rows:
        lines.append(f"{g[:29]:<30}" + " ".join(f"{cells.get((g, c), 0) or '.':>{width}}" for c in cols))
    return "\n".join(lines)


def read_unlabelled(paths: Sequence[Path | str]) -> list[str]:
    """Unlabelled sentences for distillation (``--distil``), each once, in file order: the ``text`` of
    each line of a JSON-lines file (the event-location data), or the sentences of each article's
    ``<text>`` in an XML file (LGL, GeoVirus)."""
    import xml.etree.ElementTree as ET

    from geo.text import sentences

    out: dict[str, None] = {}
    for path in map(Path, paths):
        try:
            raw = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise GoldFormatError(f"{path}: cannot read unlabelled texts ({exc.__class__.__name__})") from exc
        if path.suffix == ".xml":
            try:
                root = ET.fromstring(raw)
            except ET.ParseError as exc:
                raise GoldFormatError(f"{path}: not XML ({exc})") from None
            for node in root.iter("text"):
                article = node.text or ""
                out.update(dict.fromkeys(article[s:e].strip() for s, e in sentences(article)))
        else:
            for line_no, line in enumerate(raw.splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    text = json.loads(line)["text"]
                except (ValueError, KeyError, TypeError):
                    raise GoldFormatError(f"{path}:{line_no}: not a JSON object with a 'text'") from None
                out[str(text).strip()] = None
    out.pop("", None)
    return list(out)


TypePredictor = Callable[[str], str]

#: The lexicon typer under its former name.
LexiconTypePredictor = LexiconTyper


def predictor_for(method: str, *, embeddings: bool = False) -> TypePredictor:
    """``lexicon`` (trigger rules) or ``model``/``combined`` (the classifier, which is fed the lexicon's
    type); ``embeddings`` adds sentence vectors to the classifier (the optional extra)."""
    if method == "lexicon":
        if embeddings:
            raise ValueError("the lexicon method takes no embeddings")
        return LexiconTyper()
    if method in {"model", "combined"}:
        return SnippetTyper(embeddings=embeddings)
    raise ValueError(f"unknown typing method {method!r}")


def file_sha256(path: Path | str) -> str:
    """The SHA-256 of a file, to recognise the data a shipped model was trained on."""
    import hashlib

    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def trained_on(path: Path | str, model_file: str = MODEL_FILE) -> bool:
    """Whether the packaged model was trained on this very file (its scores there are in-sample)."""
    raw = json.loads(resources.files("geo.data").joinpath(model_file).read_text("utf-8"))
    try:
        return bool(raw.get("trained_on_sha256")) and raw["trained_on_sha256"] == file_sha256(path)
    except OSError:
        return False


def pipeline_label(extractor: Any, text: str) -> str:
    """The CASE label the event extractor gives a snippet: its highest-priority event's type."""
    from geo.events import load_lexicon
    from geo.records import Document
    from geo.text import sentences

    subs = load_lexicon().sub_types
    doc = Document(id="snippet", text=text)
    events = [ev for s, e in sentences(text) for ev in extractor.sentence_events(doc, s, e)]
    if not events:
        return NONE_LABEL
    return subs[min(events, key=lambda ev: subs[ev.sub_event_type].priority).sub_event_type].case_label


def pipeline_cross_validate(
    gold: Sequence[TypeGold],
    samples: Sequence[Features],
    extra: tuple[Sequence[Features], Sequence[str]],
    *,
    folds: int = 5,
    seed: int = 0,
    thresholds: Sequence[float] = (RETYPE_MIN_PROBABILITY,),
    config: TrainConfig | None = None,
    soft: SoftForFold | None = None,
    vectors: StaticVectors | None = None,
    extra_texts: Sequence[str] = (),
) -> dict[str, list[str]]:
    """Held-out labels of the pipeline's own typing (trigger rules + the classifier retyping an
    event when sure): under ``"default"`` the packaged retyper's thresholds (a lower one within the
    rules' event type), and for each of ``thresholds`` one threshold for every retyping (above 1:
    the rules alone); each fold's classifier is trained on the other folds, so this measures what
    ``geo map`` puts on the map (``soft``: a distilled student's teacher-labelled texts, by fold;
    ``vectors``: static piece vectors whose snippet vector joins the features, ``geo.static_vectors``;
    ``extra_texts`` then the texts of ``extra``'s features)."""
    import dataclasses

    from geo.evaluation.type_training import TrainConfig, train_type_model
    from geo.events import EventExtractor

    labels = [g.label for g in gold]
    order = list(range(len(gold)))
    random.Random(seed).shuffle(order)
    retypers: dict[str, Callable[[TypeModel], EventRetyper]] = {
        "default": functools.partial(EventRetyper, vectors=vectors)
    }
    for t in thresholds:
        retypers[f"{t:g}"] = functools.partial(
            EventRetyper, min_probability=t, same_type_min_probability=None, vectors=vectors
        )
    pooling = (config or TrainConfig()).static_pooling
    read = static_text if (config or TrainConfig()).mask_names else str
    emb = vectors.pooled_many([read(g.text) for g in gold], pooling) if vectors is not None else None
    x_emb = vectors.pooled_many([read(t) for t in extra_texts], pooling) if vectors is not None else []
    out = {key: [NONE_LABEL] * len(gold) for key in retypers}
    label_set = sorted(set(labels) | set(extra[1]))
    for k in range(folds):
        held = set(order[k::folds])
        train = [i for i in order if i not in held]
        model = train_type_model(
            [samples[i] for i in train] + list(extra[0]),
            [labels[i] for i in train] + list(extra[1]),
            [emb[i] for i in train] + x_emb if emb is not None else None,
            config,
            label_set,
            soft(train) if soft is not None else None,
        )
        if vectors is not None:
            model = dataclasses.replace(model, encoder=STATIC_ENCODER, pooling=tuple(pooling))
        for key, retyper in retypers.items():
            extractor = EventExtractor(retyper=retyper(model))
            for i in held:
                out[key][i] = pipeline_label(extractor, gold[i].text)
    return out


def main(argv: list[str] | None = None) -> int:
    """Cross-validate and train the snippet typer:
    ``python -m geo.evaluation.types GOLD.tsv [--embeddings | --distil TEXTS...] [--out FILE]``;
    prints held-out scores."""
    import argparse
    import dataclasses
    import time

    from geo.evaluation.type_training import (
        Distillation,
        SoftLabelled,
        TrainConfig,
        cross_validate,
        distil_targets,
        model_file_json,
        train_type_model,
    )

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--out", type=Path, default=None, help="where to write the model JSON")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seeds", type=int, default=1, help="average CV over this many shuffles")
    parser.add_argument("--embeddings", action="store_true", help="add sentence vectors (optional extra)")
    parser.add_argument(
        "--static-vectors",
        type=Path,
        default=None,
        metavar="NPZ",
        help="the static piece vectors whose snippet vector joins the light model's features "
        "(default: the packaged ones, geo/data/static_vectors.npz; python -m geo.evaluation.static_vectors)",
    )
    parser.add_argument(
        "--no-static-vectors", action="store_true", help="the light model without the static snippet vector"
    )
    parser.add_argument(
        "--embedding-scale", type=float, default=None, help="the sentence or static vector's scale"
    )
    parser.add_argument(
        "--static-pooling",
        default=None,
        metavar="KIND:WEIGHT,...",
        help="how the light model pools the static piece vectors, e.g. mean:1 (the mean alone, the "
        "default: TrainConfig.static_pooling) or mean:1,first:0.7,max:0.7,min:0.7",
    )
    parser.add_argument("--no-examples", action="store_true", help="leave out the prototype examples")
    parser.add_argument(
        "--no-mask-names",
        action="store_true",
        help="the word blocks and the static vector read names as they are (default: rare capitalised "
        "words masked, geo.event_types.mask_names)",
    )
    parser.add_argument(
        "--pipeline",
        action="store_true",
        help="also cross-validate the pipeline's typing (rules + retyping) at a few thresholds",
    )
    parser.add_argument(
        "--class-information",
        type=float,
        default=TrainConfig().class_information,
        help="supervised term weighting: raise each feature's idf by this times its class information",
    )
    parser.add_argument(
        "--distil",
        nargs="+",
        type=Path,
        default=None,
        metavar="TEXTS",
        help="train the light model as a student: in each training set an embeddings teacher labels "
        "the sentences of these files (JSON lines with a 'text', or XML articles) in which the "
        "trigger rules find an event (needs the optional extra)",
    )
    how = Distillation()
    parser.add_argument("--distil-weight", type=float, default=how.weight)
    parser.add_argument("--distil-min-confidence", type=float, default=how.min_confidence)
    parser.add_argument("--distil-cap", type=int, default=how.cap)
    parser.add_argument(
        "--distil-hard", action="store_true", help="the teacher's top label, not its distribution"
    )
    args = parser.parse_args(argv)
    if args.distil and args.embeddings:
        parser.error("--distil trains the light model (its teacher has the embeddings): drop --embeddings")
    if args.static_vectors and (args.embeddings or args.distil or args.no_static_vectors):
        parser.error(
            "--static-vectors is the light model's: drop --embeddings, --distil, --no-static-vectors"
        )
    use_static = not (args.embeddings or args.distil or args.no_static_vectors)
    how = Distillation(args.distil_weight, args.distil_min_confidence, args.distil_cap, args.distil_hard)
    config = TrainConfig(class_information=args.class_information, mask_names=not args.no_mask_names)
    if use_static:
        config = dataclasses.replace(config, embedding_scale=config.static_scale)
    if args.embedding_scale is not None:
        config = dataclasses.replace(config, embedding_scale=args.embedding_scale)
    if args.static_pooling:
        try:
            pooling = tuple(
                (kind.strip(), float(weight))
                for kind, weight in (part.split(":") for part in args.static_pooling.split(","))
            )
        except ValueError:
            parser.error("--static-pooling takes KIND:WEIGHT pairs separated by commas")
        config = dataclasses.replace(config, static_pooling=pooling)
    gold = read_types_gold(args.gold)
    examples = [] if args.no_examples else list(prototype_examples())
    lexicon = LexiconTyper()

    def feats(text: str) -> Features:
        return snippet_features(text, lexicon(text), lexicon.hits(text), mask=config.mask_names)

    def read(text: str) -> str:
        """The text the static vector reads."""
        return static_text(text) if config.mask_names else text

    started = time.perf_counter()
    samples = [feats(g.text) for g in gold]
    x_samples = [feats(t) for t, _ in examples]
    timing = {"features_ms_per_snippet": 1000 * (time.perf_counter() - started) / (len(gold) + len(examples))}
    emb = x_emb = None
    if args.embeddings or args.distil:
        started = time.perf_counter()
        encoder = SentenceEncoder()
        timing["encoder_load_s"] = time.perf_counter() - started
        started = time.perf_counter()
        emb = encoder([g.text for g in gold])
        timing["embedding_ms_per_snippet"] = 1000 * (time.perf_counter() - started) / len(gold)
        x_emb = encoder([t for t, _ in examples]) if examples else None
    static = None
    if use_static:
        from geo.static_vectors import VECTORS_FILE, StaticVectors, packaged_vectors

        started = time.perf_counter()
        static = (
            StaticVectors.from_npz(args.static_vectors.read_bytes())
            if args.static_vectors
            else packaged_vectors()
        )
        timing["static_vectors_load_s"] = time.perf_counter() - started
        started = time.perf_counter()
        emb = static.pooled_many([read(g.text) for g in gold], config.static_pooling)
        timing["static_vector_ms_per_snippet"] = 1000 * (time.perf_counter() - started) / len(gold)
        x_emb = (
            static.pooled_many([read(t) for t, _ in examples], config.static_pooling) if examples else None
        )
    labels = [g.label for g in gold]
    soft_for = None
    distilled: dict[str, Any] = {}
    if args.distil:
        teacher_emb, emb = emb, None  # the student has none
        pool = [t for t in read_unlabelled(args.distil) if lexicon(t) != NONE_LABEL]
        pool_feats = [feats(t) for t in pool]
        pool_emb = encoder(pool)
        x_labels = [lab for _, lab in examples]
        label_set = sorted(set(labels) | set(x_labels))
        fold_soft: dict[tuple[int, ...], SoftLabelled] = {}

        def soft_for(train: Sequence[int]) -> SoftLabelled:
            """The pool as the teacher trained on these snippets (and the examples) labels it."""
            key = tuple(sorted(train))
            if key not in fold_soft:
                assert teacher_emb is not None
                teacher = train_type_model(
                    [samples[i] for i in key] + x_samples,
                    [labels[i] for i in key] + x_labels,
                    [teacher_emb[i] for i in key] + list(x_emb or []),
                    config,
                    label_set,
                )
                fold_soft.clear()  # one fold at a time: a shuffle's folds come in turn
                fold_soft[key] = distil_targets(teacher, pool_feats, pool_emb, how)
            return fold_soft[key]

        distilled = {
            "distilled_from": {
                **{p.name: file_sha256(p) for p in args.distil},
                "sentences": len(pool),
                **{k: getattr(how, k) for k in ("weight", "min_confidence", "cap", "hard")},
            }
        }
    runs = []
    for seed in range(args.seeds):
        predicted = cross_validate(
            samples,
            labels,
            emb,
            extra=(x_samples, [lab for _, lab in examples], x_emb),
            folds=args.folds,
            seed=seed,
            config=config,
            soft=soft_for,
        )
        runs.append(score_types(labels, predicted))
    keys = ("accuracy", "weighted_f1", "macro_f1")
    cv = {k: round(sum(r[k] for r in runs) / len(runs), 4) for k in keys}
    print(
        json.dumps(
            {
                "n": len(gold),
                "folds": args.folds,
                "seeds": args.seeds,
                **cv,
                "weighted_f1_per_seed": [r["weighted_f1"] for r in runs],
                **{k: round(v, 3) for k, v in timing.items()},
            }
        )
    )
    if args.pipeline:
        thresholds = tuple(sorted({0.2, 0.3, 0.4, 0.5, RETYPE_MIN_PROBABILITY, 0.7, 0.9, 1.01}))
        runs_by_t: dict[str, list[dict[str, Any]]] = {}
        for seed in range(args.seeds):
            by_t = pipeline_cross_validate(
                gold,
                samples,
                (x_samples, [lab for _, lab in examples]),
                folds=args.folds,
                seed=seed,
                thresholds=thresholds,
                config=config,
                soft=soft_for,
                vectors=static,
                extra_texts=[t for t, _ in examples],
            )
            for key, predicted in by_t.items():
                runs_by_t.setdefault(key, []).append(score_types(labels, predicted))
        for key, t_runs in runs_by_t.items():
            if key == "default":
                what = (
                    f"default: retype at p >= {RETYPE_MIN_PROBABILITY}, "
                    f"within the rules' event type at p >= {SAME_EVENT_TYPE_MIN_PROBABILITY}"
                )
            else:
                what = "rules only" if float(key) > 1 else f"retype at p >= {key}"
            scores = {k: round(sum(r[k] for r in t_runs) / len(t_runs), 4) for k in keys}
            per_seed = [r["weighted_f1"] for r in t_runs]
            print(json.dumps({"pipeline": what, **scores, "weighted_f1_per_seed": per_seed}))
    if args.out is not None:
        model = train_type_model(
            samples + x_samples,
            labels + [lab for _, lab in examples],
            (emb + x_emb) if emb is not None and x_emb is not None else emb,
            config,
            None,
            soft_for(range(len(gold))) if soft_for is not None else None,
        )
        if static is not None:
            model = dataclasses.replace(model, encoder=STATIC_ENCODER, pooling=tuple(config.static_pooling))
            vectors_file = args.static_vectors or Path(
                str(resources.files("geo.data").joinpath(VECTORS_FILE))
            )
            distilled = {"static_vectors": {"sha256": file_sha256(vectors_file), "dims": static.dim}}
        raw = model_file_json(
            model, file_sha256(args.gold), {**cv, "folds": args.folds, "seeds": args.seeds}, distilled
        )
        args.out.write_text(json.dumps(raw, separators=(",", ":")) + "\n", encoding="utf-8")
    return 0


def evaluate_types(path: Path | str, predictor: TypePredictor) -> dict[str, Any]:
    """Read a gold file, label each snippet with ``predictor`` and score it."""
    gold = read_types_gold(path)
    texts = [g.text for g in gold]
    many = getattr(predictor, "label_many", None)
    predicted = many(texts) if many is not None else [predictor(t) for t in texts]
    return score_types([g.label for g in gold], predicted)


__all__ = [
    "NONE_LABEL",
    "LexiconTypePredictor",
    "TypeGold",
    "TypePredictor",
    "confusion_table",
    "evaluate_types",
    "file_sha256",
    "predictor_for",
    "read_types_gold",
    "score_types",
    "trained_on",
]


if __name__ == "__main__":
    raise SystemExit(main())
