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
import itertools
import json
import math
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from geo.errors import GoldFormatError

#: The label a predictor returns when it finds nothing to type.
NONE_LABEL = "NONE"


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


TypePredictor = Callable[[str], str]


class LexiconTypePredictor:
    """The event extractor's lexicon as a snippet typer: the highest-priority event's CASE label."""

    def __init__(self) -> None:
        from geo.events import EventExtractor, load_lexicon

        self.extractor = EventExtractor()
        self.case = {s.name: s.case_label for s in load_lexicon().sub_types.values()}

    def hits(self, text: str) -> list[str]:
        """The CASE labels of every trigger the lexicon finds (before grouping and priority)."""
        from geo.events import find_hits

        return sorted({self.case[h.rule.sub_type] for h in find_hits(text)})

    def features(self, text: str) -> set[str]:
        """The classifier's features of a snippet."""
        return features(text, self(text), self.hits(text))

    def __call__(self, text: str) -> str:
        from geo.events import load_lexicon
        from geo.records import Document

        doc = Document(id="snippet", text=text)
        events = [ev for s, e in _spans(text) for ev in self.extractor.sentence_events(doc, s, e)]
        if not events:
            return NONE_LABEL
        subs = load_lexicon().sub_types
        best = min(events, key=lambda ev: subs[ev.sub_event_type].priority)
        return self.case[best.sub_event_type]


_FEATURE_WORD = re.compile(r"[a-z]+(?:['’-][a-z]+)*|\d+")
MODEL_FILE = "event_type_model.json"


def features(text: str, lexicon_label: str, hits: Iterable[str] = ()) -> set[str]:
    """The classifier's features: word stems (first five letters) and stem pairs, the lexicon's
    label, and every sub-type a lexicon trigger fires for (``hits``)."""
    stems = [w[:5] for w in _FEATURE_WORD.findall(text.lower())]
    words = {f"S={w}" for w in stems} | {f"S2={a}_{b}" for a, b in itertools.pairwise(stems)}
    return words | {f"LEX={lexicon_label}"} | {f"HIT={h}" for h in hits}


@dataclass(frozen=True, slots=True)
class TypeModel:
    """A softmax (multinomial logistic) classifier over binary features, scaled by 1/sqrt(#features)."""

    labels: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, dict[int, float]]

    def predict(self, feats: set[str]) -> str:
        known = [f for f in feats if f in self.weights]
        scores = list(self.bias)
        if known:
            scale = 1.0 / math.sqrt(len(known))
            for f in known:
                for k, w in self.weights[f].items():
                    scores[k] += w * scale
        return self.labels[max(range(len(scores)), key=scores.__getitem__)]

    def to_json(self) -> dict[str, Any]:
        return {
            "labels": list(self.labels),
            "bias": [round(b, 4) for b in self.bias],
            "weights": {f: {str(k): w for k, w in ws.items()} for f, ws in sorted(self.weights.items())},
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> TypeModel:
        weights = {f: {int(k): float(w) for k, w in ws.items()} for f, ws in raw["weights"].items()}
        return cls(tuple(raw["labels"]), tuple(float(b) for b in raw["bias"]), weights)


def train_model(
    samples: list[set[str]],
    labels: list[str],
    *,
    min_count: int = 2,
    l2: float = 1e-5,
    rate: float = 20.0,
    iterations: int = 400,
    keep: float = 0.1,
) -> TypeModel:
    """Full-batch gradient descent on the softmax loss (numpy); weights below ``keep`` are pruned."""
    import numpy as np

    counts = Counter(f for fs in samples for f in fs)
    vocab = {f: j for j, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    names = sorted(set(labels))
    x = np.zeros((len(samples), len(vocab)), dtype=np.float64)
    for i, fs in enumerate(samples):
        idx = [vocab[f] for f in fs if f in vocab]
        if idx:
            x[i, idx] = 1.0 / math.sqrt(len(idx))
    y = np.zeros((len(samples), len(names)))
    y[np.arange(len(samples)), [names.index(lab) for lab in labels]] = 1.0
    w = np.zeros((len(vocab), len(names)))
    b = np.zeros(len(names))
    for _ in range(iterations):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - y) / len(samples)
        w -= rate * (x.T @ grad + l2 * w)
        b -= rate * grad.sum(axis=0)
    weights: dict[str, dict[int, float]] = {}
    for f, j in vocab.items():
        row = {k: round(float(v), 3) for k, v in enumerate(w[j]) if abs(v) >= keep}
        if row:
            weights[f] = row
    return TypeModel(tuple(names), tuple(float(v) for v in b), weights)


@functools.cache
def packaged_model() -> TypeModel:
    """The classifier shipped in ``geo/data/event_type_model.json`` (see ``main``)."""
    raw = json.loads(resources.files("geo.data").joinpath(MODEL_FILE).read_text("utf-8"))
    return TypeModel.from_json(raw)


class ModelTypePredictor:
    """The packaged classifier, with the lexicon's label as one of its features."""

    def __init__(self, model: TypeModel | None = None) -> None:
        self.model = model or packaged_model()
        self.lexicon = LexiconTypePredictor()

    def __call__(self, text: str) -> str:
        return self.model.predict(self.lexicon.features(text))


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


def predictor_for(method: str) -> TypePredictor:
    """``lexicon`` (trigger rules) or ``model``/``combined`` (the classifier fed the lexicon's label)."""
    if method == "lexicon":
        return LexiconTypePredictor()
    if method in {"model", "combined"}:
        return ModelTypePredictor()
    raise ValueError(f"unknown typing method {method!r}")


def cross_validate(gold: list[TypeGold], *, folds: int = 5, seed: int = 0) -> dict[str, Any]:
    """Scores of models trained on k-1 folds and tested on the held-out fold (every snippet once)."""
    lexicon = LexiconTypePredictor()
    samples = [lexicon.features(g.text) for g in gold]
    order = list(range(len(gold)))
    random.Random(seed).shuffle(order)
    predicted = [""] * len(gold)
    for k in range(folds):
        test = order[k::folds]
        held = set(test)
        train = [i for i in order if i not in held]
        model = train_model([samples[i] for i in train], [gold[i].label for i in train])
        for i in test:
            predicted[i] = model.predict(samples[i])
    return score_types([g.label for g in gold], predicted)


def main(argv: list[str] | None = None) -> int:
    """Train the classifier: ``python -m geo.evaluation.types GOLD.tsv [--out FILE]``; prints CV scores."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--out", type=Path, default=None, help="where to write the model JSON")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    gold = read_types_gold(args.gold)
    cv = cross_validate(gold, folds=args.folds)
    print(json.dumps({k: cv[k] for k in ("n", "accuracy", "weighted_f1", "macro_f1")}))
    if args.out is not None:
        lexicon = LexiconTypePredictor()
        model = train_model([lexicon.features(g.text) for g in gold], [g.label for g in gold])
        raw = {
            "trained_on_sha256": file_sha256(args.gold),
            "cv": {k: cv[k] for k in ("accuracy", "weighted_f1", "macro_f1")},
        }
        raw.update(model.to_json())
        args.out.write_text(json.dumps(raw, separators=(",", ":")) + "\n", encoding="utf-8")
    return 0


def _spans(text: str) -> list[tuple[int, int]]:
    from geo.text import sentences

    return sentences(text)


def evaluate_types(path: Path | str, predictor: TypePredictor) -> dict[str, Any]:
    """Read a gold file, label each snippet with ``predictor`` and score it."""
    gold = read_types_gold(path)
    return score_types([g.label for g in gold], [predictor(g.text) for g in gold])


__all__ = [
    "NONE_LABEL",
    "LexiconTypePredictor",
    "ModelTypePredictor",
    "TypeGold",
    "TypeModel",
    "TypePredictor",
    "confusion_table",
    "cross_validate",
    "evaluate_types",
    "features",
    "predictor_for",
    "read_types_gold",
    "score_types",
    "train_model",
    "trained_on",
]


if __name__ == "__main__":
    raise SystemExit(main())
