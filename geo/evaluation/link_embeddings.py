"""Training and cross-validating the link model's embedding head (``geo.link_embeddings``).

The head sits on the sparse link model over the default and the shallow-syntax features
(``geo/data/event_link_model_syntax.json``, ``python -m geo.evaluation.links GOLD --syntax --out ...``).
``python -m geo.evaluation.link_embeddings GOLD.jsonl [--out geo/data/event_link_head.json]``
(needs the ``embeddings`` extra).  The head is stacked on the sparse link model: it learns from that
model's held-out probabilities (inner folds), never from ones it saw its own labels for; its decoding
(threshold, extra-place bar) is chosen on inner folds too.  The printed scores are 5-fold
cross-validated with the same sentence-grouped folds as ``geo.evaluation.links``.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import pickle
from pathlib import Path
from typing import Any

from geo.evaluation.links import (
    _EXTRAS,
    _THRESHOLDS,
    LearnedLinkPredictor,
    LinkGold,
    _fold_of,
    _Row,
    _samples,
    link_rows,
    read_links_gold,
    score_links,
    train_link_model,
)
from geo.link_embeddings import LinkHead, head_inputs, head_probabilities, packaged_link_head, span_vector
from geo.link_model import LinkModel, Span

#: a record's vectors: the verb's and its candidates' [n, DIM]
_Vectors = tuple[Any, Any]


class EmbeddingLinkPredictor(LearnedLinkPredictor):
    """The learned link predictor with the embedding head deciding (``geo eval links --embeddings``)."""

    def __init__(self, gazetteer: Any, model: LinkModel | None = None, head: LinkHead | None = None) -> None:
        super().__init__(gazetteer, model, syntax=True)
        self._head = head

    def __call__(self, text: str, verb: Span) -> list[Span]:
        cands, feats = self.featurise(text, verb)
        if not cands:
            return []
        model = self.model
        head = self._head or packaged_link_head()
        spans = [c.span for c in cands]
        probs = head_probabilities(head, text, verb, spans, [model.probability(f) for f in feats])
        return [spans[i] for i in head.choose(probs)]


def record_vectors(gold: list[LinkGold], rows: list[_Row], cache: Path | None = None) -> list[_Vectors]:
    """The verb's and the candidates' vectors of each record; ``cache`` (a pickle outside the repository,
    keyed by a hash of the sentence) spares re-encoding on later runs."""
    import numpy as np

    from geo.link_embeddings import token_encoder

    store: dict[str, dict[Span, Any]] = {}
    if cache is not None and cache.exists():
        store = pickle.loads(cache.read_bytes())
    keys = [hashlib.sha1(g.text.encode("utf-8")).hexdigest() for g in gold]
    needed: dict[str, set[Span]] = {}
    for g, key, (cands, _, _) in zip(gold, keys, rows, strict=True):
        have = store.get(key, {})
        missing = {sp for sp in [g.verb, *(c.span for c in cands)] if sp not in have}
        if missing:
            needed.setdefault(key, set()).update(missing)
    if needed:
        texts = {key: g.text for g, key in zip(gold, keys, strict=True) if key in needed}
        order = sorted(texts)
        for key, encoded in zip(order, token_encoder().encode([texts[k] for k in order]), strict=True):
            slot = store.setdefault(key, {})
            for sp in needed[key]:
                slot[sp] = span_vector(encoded, sp).astype(np.float16)
        if cache is not None:
            cache.write_bytes(pickle.dumps(store))
    out = []
    for g, key, (cands, _, _) in zip(gold, keys, rows, strict=True):
        slot = store[key]
        verb = slot[g.verb].astype(np.float32)
        vecs = np.stack([slot[c.span] for c in cands]).astype(np.float32) if cands else np.zeros((0, 384))
        out.append((verb, vecs))
    return out


def train_head(inputs: Any, labels: Any, *, hidden: int = 32, epochs: int = 10, seed: int = 0) -> LinkHead:
    """Fit one hidden layer plus a skip weight on the sparse model's logit (Adam, minibatches of 256)."""
    import numpy as np
    import torch

    torch.manual_seed(seed)
    x = torch.tensor(np.asarray(inputs, dtype=np.float32))
    y = torch.tensor(np.asarray(labels, dtype=np.float32))
    layer1 = torch.nn.Linear(x.shape[1], hidden)
    layer2 = torch.nn.Linear(hidden, 1)
    skip = torch.nn.Parameter(torch.tensor(1.0))
    params = [*layer1.parameters(), *layer2.parameters(), skip]
    opt = torch.optim.Adam(params, lr=1e-3, weight_decay=1e-4)
    for _ in range(epochs):
        perm = torch.randperm(len(y))
        for b in range(0, len(y), 256):
            j = perm[b : b + 256]
            z = layer2(torch.relu(layer1(x[j]))).squeeze(1) + skip * x[j, -1]
            loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y[j])
            opt.zero_grad()
            loss.backward()
            opt.step()
    return LinkHead(
        layer1.weight.detach().numpy().T.copy(),
        layer1.bias.detach().numpy().copy(),
        layer2.weight.detach().numpy()[0].copy(),
        float(layer2.bias.detach()[0]),
        float(skip.detach()),
        LinkModel({}, 0.0, 0.5),
    )


def _head_data(
    idx: list[int], rows: list[_Row], vectors: list[_Vectors], probs: dict[int, list[float]]
) -> Any:
    import numpy as np

    x = np.vstack([head_inputs(vectors[i][0], vectors[i][1], probs[i]) for i in idx])
    y = np.concatenate([np.array(rows[i][2], dtype=np.float32) for i in idx])
    return x, y


def _inner_base_probs(
    rows: list[_Row], idx: list[int], inner: list[int], folds: int
) -> dict[int, list[float]]:
    """The sparse model's probability of each record of ``idx``, from a model trained on the other
    inner folds."""
    probs: dict[int, list[float]] = {}
    for k in range(folds):
        model = train_link_model(_samples([rows[i] for i in idx if inner[i] != k]))
        for i in idx:
            if inner[i] == k:
                probs[i] = [model.probability(f) for f in rows[i][1]]
    return probs


def fit_link_head(
    gold: list[LinkGold], rows: list[_Row], vectors: list[_Vectors], idx: list[int], *, folds: int = 3
) -> LinkHead:
    """A head trained on the records ``idx`` (over the sparse model's inner-fold probabilities), with the
    decoding that scores best on inner folds."""
    inner = [_fold_of(g.text, folds, salt="decoding") for g in gold]
    base = _inner_base_probs(rows, idx, inner, folds)
    held: dict[int, list[float]] = {}
    for k in range(folds):
        head = train_head(*_head_data([i for i in idx if inner[i] != k], rows, vectors, base))
        for i in idx:
            if inner[i] == k:
                held[i] = head.probabilities(head_inputs(vectors[i][0], vectors[i][1], base[i]))
    best: tuple[float, float, float] | None = None
    for threshold, extra in itertools.product(_THRESHOLDS, _EXTRAS):
        decode = LinkModel({}, 0.0, threshold, extra)
        predicted = [[rows[i][0][j].span for j in decode.choose(held[i])] for i in idx]
        f1 = score_links([gold[i] for i in idx], predicted)["f1"]
        if best is None or f1 > best[0]:
            best = (f1, threshold, extra)
    assert best is not None
    head = train_head(*_head_data(idx, rows, vectors, base))
    from dataclasses import replace

    return replace(head, decode=LinkModel({}, 0.0, best[1], best[2]))


def cross_validate_head(
    gold: list[LinkGold],
    rows: list[_Row],
    vectors: list[_Vectors],
    *,
    folds: int = 5,
    gazetteer: Any = None,
) -> dict[str, Any]:
    """Scores of sparse model + head trained on k-1 folds and tested on the held-out one; with a
    ``gazetteer``, also the pipeline's EventLinker with each fold's head (key ``pipeline``)."""
    from geo.evaluation.links import StageLinkPredictor

    fold = [_fold_of(g.text, folds) for g in gold]
    predicted: list[list[Span]] = [[] for _ in gold]
    pipeline: list[list[Span]] = [[] for _ in gold]
    for k in range(folds):
        train = [i for i in range(len(gold)) if fold[i] != k]
        model = train_link_model(_samples([rows[i] for i in train]))
        head = fit_link_head(gold, rows, vectors, train)
        for i, (cands, feats, _) in enumerate(rows):
            if fold[i] == k and cands:
                base = [model.probability(f) for f in feats]
                probs = head.probabilities(head_inputs(vectors[i][0], vectors[i][1], base))
                predicted[i] = [cands[j].span for j in head.choose(probs)]
        if gazetteer is not None:
            stage = StageLinkPredictor(gazetteer, use_model=True, link_model=model, link_head=head)
            for i, g in enumerate(gold):
                if fold[i] == k:
                    pipeline[i] = stage(g.text, g.verb)
    scores = score_links(gold, predicted)
    if gazetteer is not None:
        scores["pipeline"] = score_links(gold, pipeline)
    return scores


def main(argv: list[str] | None = None) -> int:
    """Train the embedding head: ``python -m geo.evaluation.link_embeddings GOLD.jsonl [--out FILE]``."""
    import argparse

    from geo.gazetteer import Gazetteer
    from geo.gazetteer_build import ensure_gazetteer

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--out", type=Path, default=None, help="where to write the head's JSON")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-cv", action="store_true", help="only train (skip the cross-validation)")
    parser.add_argument("--pipeline", action="store_true", help="also cross-validate the pipeline's linker")
    parser.add_argument("--cache", type=Path, default=None, help="a pickle of token vectors to reuse")
    args = parser.parse_args(argv)
    gold, _ = read_links_gold(args.gold)
    gazetteer = Gazetteer.open(ensure_gazetteer())
    rows = link_rows(gold, gazetteer, syntax=True)
    vectors = record_vectors(gold, rows, args.cache)
    keys = ("n", "precision", "recall", "f1", "exact_f1", "token_f1", "no_location_accuracy")
    cv = None
    if not args.no_cv:
        cv = cross_validate_head(
            gold, rows, vectors, folds=args.folds, gazetteer=gazetteer if args.pipeline else None
        )
        print(json.dumps({k: cv[k] for k in keys}))
        if args.pipeline:
            print(json.dumps({"pipeline": {k: cv["pipeline"][k] for k in keys}}))
    if args.out is not None:
        from geo.evaluation.types import file_sha256

        head = fit_link_head(gold, rows, vectors, list(range(len(gold))))
        raw: dict[str, Any] = {"trained_on_sha256": file_sha256(args.gold)}
        if cv is not None:
            raw["cv"] = {k: cv[k] for k in ("precision", "recall", "f1")}
            if args.pipeline:
                raw["cv_pipeline"] = {k: cv["pipeline"][k] for k in ("precision", "recall", "f1")}
        raw.update(head.to_json())
        args.out.write_text(json.dumps(raw, separators=(",", ":")) + "\n", encoding="utf-8")
    return 0


__all__ = ["EmbeddingLinkPredictor", "cross_validate_head", "fit_link_head", "record_vectors", "train_head"]


if __name__ == "__main__":
    raise SystemExit(main())
