"""Learn the resolver's feature weights from gold corpora (a conditional logit over candidates).

The resolver scores every gazetteer candidate of a mention with a weighted sum of named features
(``geo.resolve.FEATURES``). This fits those weights: for every gold toponym (gold spans), the
candidate within 161 km of the gold point is the right one, and the weights maximise its softmax
probability among the mention's candidates (L2-regularised, full-batch Adam in numpy). Focus
features depend on the other mentions' choices, so fitting alternates with re-scoring documents.

Cross-validation is by article, and across corpora (fit on one, score on the other), so a weight
set that only fits one corpus shows up. Run::

    python -m geo.evaluation.toponym_training LGL.xml GeoVirus.xml [--write]

``--write`` stores the weights in ``geo/data/toponym_resolver.json``. With ``--recognizer`` it fits
the recogniser's span filter instead (logistic regression over ``geo.toponyms.MENTION_FEATURES``,
label: the span is exactly a gold span) and stores it in ``geo/data/toponym_recognizer.json``; the
features listed under ``priors`` there keep their hand-set weights (cues of conflict news these corpora
lack), and ``--threshold`` stores a fixed threshold instead of the best cross-validated one.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from geo.evaluation.toponyms import ACC_KM, GoldArticle, read_gold
from geo.gazetteer import Gazetteer, haversine_km
from geo.records import Mention
from geo.resolve import FEATURES, Resolver, Weights
from geo.toponyms import MENTION_FEATURES, ToponymRecognizer

__all__ = ["fit", "main", "mention_table"]

RESOLVER_JSON = Path(__file__).resolve().parent.parent / "data" / "toponym_resolver.json"
RECOGNIZER_JSON = RESOLVER_JSON.with_name("toponym_recognizer.json")


def mention_table(
    resolver: Resolver, articles: list[GoldArticle]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features ``X[m, k, f]``, candidate mask and right-candidate mask, per gold mention that has a
    point and at least one candidate within 161 km of it. The right candidates are the gold GeoNames
    id when it is among them, else every candidate within 161 km (by distance all are right)."""
    rows: list[list[list[float]]] = []
    labels: list[list[bool]] = []
    for article in articles:
        golds = [t for t in article.toponyms if t.has_point]
        mentions = [Mention(t.text, t.start, t.end) for t in golds]
        slots = resolver.score_document(article.text, mentions)
        for gold, slot in zip(golds, slots, strict=True):
            if not slot.candidates or slot.features is None:
                continue
            assert gold.lat is not None and gold.lon is not None
            errs = [haversine_km(gold.lat, gold.lon, c.place.lat, c.place.lon) for c in slot.candidates]
            right = [c.place.geonameid == gold.geonameid for c in slot.candidates]
            if not any(right):
                right = [e <= ACC_KM for e in errs]
            if not any(right) or all(right):
                continue
            rows.append(slot.features)
            labels.append(right)
    k = max((len(r) for r in rows), default=1)
    x = np.zeros((len(rows), k, len(FEATURES)))
    mask = np.zeros((len(rows), k), dtype=bool)
    y = np.zeros((len(rows), k), dtype=bool)
    for i, (r, lab) in enumerate(zip(rows, labels, strict=True)):
        x[i, : len(r)] = r
        mask[i, : len(r)] = True
        y[i, : len(r)] = lab
    return x, mask, y


def _loss_grad(
    w: np.ndarray, x: np.ndarray, mask: np.ndarray, y: np.ndarray, l2: float
) -> tuple[float, np.ndarray]:
    """Loss -log(sum of the right candidates' softmax probabilities), and its gradient."""
    scores = np.where(mask, x @ w, -np.inf)
    top = scores.max(axis=1, keepdims=True)
    exps = np.where(mask, np.exp(scores - top), 0.0)
    probs = exps / exps.sum(axis=1, keepdims=True)
    right = np.where(y, probs, 0.0)
    mass = right.sum(axis=1)
    loss = -np.log(mass + 1e-12).mean() + l2 * float(w @ w)
    within = right / (mass[:, None] + 1e-12)
    grad = (np.einsum("mk,mkf->mf", probs - within, x)).mean(axis=0) + 2 * l2 * w
    return float(loss), grad


def fit(
    x: np.ndarray,
    mask: np.ndarray,
    y: np.ndarray,
    *,
    start: np.ndarray,
    frozen: frozenset[str] = frozenset(),
    l2: float = 1e-3,
    steps: int = 800,
) -> np.ndarray:
    """Weights maximising the right candidates' softmax probability (Adam, full batch); the
    features in ``frozen`` keep their starting weights."""
    w = start.astype(float).copy()
    keep = np.array([name in frozen for name in FEATURES])
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    lr, b1, b2 = 0.05, 0.9, 0.999
    for t in range(1, steps + 1):
        _, g = _loss_grad(w, x, mask, y, l2)
        g[keep] = 0.0
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        w -= lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + 1e-8)
    return w


def _with(weights: Weights, vector: np.ndarray) -> Weights:
    return replace(weights, features={n: round(float(v), 4) for n, v in zip(FEATURES, vector, strict=True)})


def train(gazetteer: Gazetteer, articles: list[GoldArticle], weights: Weights, *, rounds: int = 3) -> Weights:
    """Alternate fitting with re-scoring (focus features follow the weights)."""
    for _ in range(rounds):
        x, mask, y = mention_table(Resolver(gazetteer, weights=weights), articles)
        weights = _with(weights, fit(x, mask, y, start=np.array(weights.vector), frozen=weights.frozen))
    return weights


def accuracy(gazetteer: Gazetteer, articles: list[GoldArticle], weights: Weights) -> float:
    """acc@161 of the full resolver (all passes, one sense per document) on gold spans."""
    resolver = Resolver(gazetteer, weights=weights)
    hits = total = 0
    for article in articles:
        golds = [t for t in article.toponyms if t.has_point]
        places = resolver.resolve(article.text, [Mention(t.text, t.start, t.end) for t in golds])
        for gold, rp in zip(golds, places, strict=True):
            total += 1
            if rp.place is not None:
                assert gold.lat is not None and gold.lon is not None
                hits += haversine_km(gold.lat, gold.lon, rp.place.lat, rp.place.lon) <= ACC_KM
    return hits / total if total else float("nan")


# ----------------------------------------------------------------------------- recognition filter


def span_table(
    recognizer: ToponymRecognizer, articles: list[GoldArticle]
) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Features of every proposed span, whether it is exactly a gold span, and the gold count per
    article (``recognizer`` must run without its filter)."""
    rows: list[list[float]] = []
    labels: list[bool] = []
    n_gold: list[int] = []
    for article in articles:
        gold = {(t.start, t.end) for t in article.toponyms}
        for mention, feats in recognizer.candidates(article.text):
            rows.append(feats)
            labels.append((mention.start, mention.end) in gold)
        n_gold.append(len(gold))
    return np.array(rows, dtype=float).reshape(-1, len(MENTION_FEATURES)), np.array(labels), n_gold


#: Thresholds tried for the filter; the one with the best cross-validated F1 is kept.
THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5)


def fit_logistic(
    x: np.ndarray,
    y: np.ndarray,
    *,
    l2: float = 1e-3,
    steps: int = 1500,
    priors: dict[str, float] | None = None,
) -> np.ndarray:
    """Logistic regression weights (Adam, full batch, L2 on all but the bias); the features in
    ``priors`` keep the weight given there and the others are fitted around them."""
    priors = priors or {}
    fixed = np.array([name in priors for name in MENTION_FEATURES])
    w = np.array([priors.get(name, 0.0) for name in MENTION_FEATURES])
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    reg = np.ones_like(w)
    reg[0] = 0.0
    lr, b1, b2 = 0.05, 0.9, 0.999
    for t in range(1, steps + 1):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        g = x.T @ (p - y) / len(y) + 2 * l2 * reg * w
        g[fixed] = 0.0
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        w -= lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + 1e-8)
    return w


def _f1(w: np.ndarray, x: np.ndarray, y: np.ndarray, n_gold: int, threshold: float) -> float:
    keep = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30))) >= threshold
    tp = int((keep & y).sum())
    p = tp / keep.sum() if keep.sum() else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def train_recognizer(
    gazetteer: Gazetteer,
    corpora: dict[str, list[GoldArticle]],
    folds: int,
    priors: dict[str, float] | None = None,
) -> dict[str, Any]:
    """Cross-validated F1 (by article, and across corpora) and the filter fitted on everything;
    ``priors`` fixes the weights of cues the corpora cannot teach (see ``toponym_recognizer.json``)."""
    rec = ToponymRecognizer(gazetteer, use_model=False)
    tables = {name: span_table(rec, arts) for name, arts in corpora.items()}
    report: dict[str, Any] = {}
    report["unfiltered_f1"] = {
        n: _f1(np.eye(len(MENTION_FEATURES))[0] * 30, x, y, sum(g), 0.5) for n, (x, y, g) in tables.items()
    }
    if len(tables) > 1:
        cross = {}
        for name, (x, y, g) in tables.items():
            rest_x = np.vstack([t[0] for n, t in tables.items() if n != name])
            rest_y = np.concatenate([t[1] for n, t in tables.items() if n != name])
            cross[name] = _f1(fit_logistic(rest_x, rest_y, priors=priors), x, y, sum(g), 0.5)
        report["cross_corpus_f1"] = cross
    per_article = [(a, None) for arts in corpora.values() for a in arts]
    random.Random(0).shuffle(per_article)
    scores: dict[float, list[float]] = {t: [] for t in THRESHOLDS}
    for i in range(folds):
        test = per_article[i::folds]
        train_arts = [a for j in range(folds) if j != i for a, _ in per_article[j::folds]]
        x, y, _ = span_table(rec, train_arts)
        tx, ty, tg = span_table(rec, [a for a, _ in test])
        w = fit_logistic(x, y, priors=priors)
        for t in THRESHOLDS:
            scores[t].append(_f1(w, tx, ty, sum(tg), t))
    report["cv_f1_by_threshold"] = {t: round(sum(v) / len(v), 4) for t, v in scores.items()}
    report["threshold"] = max(THRESHOLDS, key=lambda t: sum(scores[t]))
    x = np.vstack([t[0] for t in tables.values()])
    y = np.concatenate([t[1] for t in tables.values()])
    w = fit_logistic(x, y, priors=priors)
    report["weights"] = {n: round(float(v), 4) for n, v in zip(MENTION_FEATURES, w, strict=True)}
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "gold", nargs="+", type=Path, help="gold corpora (any format geo eval toponyms reads)"
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="store the weights fitted on all corpora")
    parser.add_argument("--recognizer", action="store_true", help="train the recognition filter instead")
    parser.add_argument(
        "--threshold",
        type=float,
        help="with --recognizer: store this threshold, not the best cross-validated one",
    )
    args = parser.parse_args(argv)
    from geo.evaluation.types import file_sha256

    gazetteer = Gazetteer.open()
    base = Weights.load()
    corpora = {p.name: list(read_gold(p).articles) for p in args.gold}
    if args.recognizer:
        data = json.loads(RECOGNIZER_JSON.read_text(encoding="utf-8"))
        rep = train_recognizer(gazetteer, corpora, args.folds, data.get("priors"))
        print(json.dumps(rep, indent=1))
        if args.write:
            data["weights"] = rep["weights"]
            data["threshold"] = args.threshold if args.threshold is not None else rep["threshold"]
            data["_trained_on_sha256"] = sorted(file_sha256(p) for p in args.gold)
            RECOGNIZER_JSON.write_text(
                json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
        return 0
    report: dict[str, Any] = {"baseline": {n: accuracy(gazetteer, a, base) for n, a in corpora.items()}}
    if len(corpora) > 1:
        cross = {}
        for name, arts in corpora.items():
            rest = [a for n, other in corpora.items() if n != name for a in other]
            cross[name] = accuracy(gazetteer, arts, train(gazetteer, rest, base))
        report["cross_corpus"] = cross
    everything = [a for arts in corpora.values() for a in arts]
    random.Random(0).shuffle(everything)
    folds = [everything[i :: args.folds] for i in range(args.folds)]
    scores = []
    for i, test in enumerate(folds):
        rest = [a for j, f in enumerate(folds) if j != i for a in f]
        scores.append(accuracy(gazetteer, test, train(gazetteer, rest, base)))
    report["cv_folds"] = scores
    final = train(gazetteer, everything, base)
    report["weights"] = final.features
    print(json.dumps(report, indent=1))
    if args.write:
        data = json.loads(RESOLVER_JSON.read_text(encoding="utf-8"))
        data["features"] = final.features
        data["_trained_on_sha256"] = sorted(file_sha256(p) for p in args.gold)
        RESOLVER_JSON.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
