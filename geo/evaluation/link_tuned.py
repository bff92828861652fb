"""Fine-tuning and cross-validating the link model's LoRA scorer (``geo.link_tuned``).

``python -m geo.evaluation.link_tuned GOLD.jsonl --split 4 --epochs 1 --lr 2e-3 [--pipeline]
[--out geo/data/event_link_tuned.npz]`` (needs the ``embeddings`` extra; CPU, ~15 min a fold on a busy
core).  all-MiniLM-L6-v2 gets rank-``r`` adapters on the attention and feed-forward Linear layers of its
top encoder layers (from ``--split``) and a learned vector marking the verb, and learns, with a small
head, which candidate names of a sentence are where the marked verb's event happened (plus an auxiliary
per-piece place tag over the gold spans, which also teaches from names no candidate covers).  The head
is stacked on the sparse link model over the default and shallow-syntax features: it trains on that
model's inner-fold (held-out) probabilities.

Cross-validation uses the 5 sentence-grouped folds of ``geo.evaluation.links``: for each fold a scorer
is fine-tuned on the other four and scores the held-out one.  The decoding (threshold, extra-place bar)
of fold k is chosen on the held-out scores of the other folds, whose scorers were trained partly on fold
k (two numbers chosen so: a negligible leak, stated here).  The shipped
scorer is trained on all records, its decoding chosen on all the held-out scores.  Fold weights and
scores are kept in ``--work`` so an interrupted run resumes.
"""

from __future__ import annotations

import itertools
import json
import pickle
import time
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
from geo.link_model import LinkModel, Span
from geo.link_tuned import (
    ADAPTED,
    DIM,
    SPLIT,
    Encoded,
    batch_tensors,
    encode,
    forward,
    load_base,
    logit,
    lower_layers,
)


class TunedLinkPredictor(LearnedLinkPredictor):
    """The learned link predictor with the fine-tuned scorer deciding (``geo eval links --embeddings``)."""

    def __init__(self, gazetteer: Any, model: LinkModel | None = None, scorer: Any = None) -> None:
        super().__init__(gazetteer, model, syntax=True)
        self._scorer = scorer

    def __call__(self, text: str, verb: Span) -> list[Span]:
        from geo.link_tuned import packaged_tuned_scorer

        cands, feats = self.featurise(text, verb)
        if not cands:
            return []
        model = self.model
        scorer = self._scorer or packaged_tuned_scorer()
        spans = [c.span for c in cands]
        probs = scorer.probabilities_for(text, verb, spans, [model.probability(f) for f in feats])
        return [spans[i] for i in scorer.choose(probs)]


def _inner_base_logits(
    rows: list[_Row], idx: list[int], gold: list[LinkGold], folds: int = 3
) -> dict[int, list[float]]:
    """The sparse model's logit for each candidate of the records ``idx``, from models trained on the
    other inner folds (what the head learns to correct must be held-out scores)."""
    inner = [_fold_of(gold[i].text, folds, salt="decoding") for i in range(len(gold))]
    out: dict[int, list[float]] = {}
    for k in range(folds):
        model = train_link_model(_samples([rows[i] for i in idx if inner[i] != k]))
        for i in idx:
            if inner[i] == k:
                out[i] = [logit(model.probability(f)) for f in rows[i][1]]
    return out


def encode_records(
    tokenizer: Any, gold: list[LinkGold], rows: list[_Row]
) -> list[tuple[Encoded, frozenset[int]]]:
    """Each record's model input and the pieces inside its gold location spans (the place tags)."""
    out = []
    for g, (cands, _, _) in zip(gold, rows, strict=True):
        enc = encode(tokenizer, g.text, g.verb, [*(c.span for c in cands), *g.locations])
        n = len(cands)
        tagged = frozenset(p for ps in enc.candidates[n:] for p in ps)
        out.append((Encoded(enc.ids, enc.verb, enc.candidates[:n]), tagged))
    return out


def add_adapters(bert: Any, rank: int, alpha: float, dropout: float, split: int) -> list[tuple[str, Any]]:
    """Wrap the ``ADAPTED`` Linear layers of every encoder layer in LoRA adapters (the base frozen);
    returns (name, adapter module) pairs."""
    import torch

    class LoRALinear(torch.nn.Module):
        def __init__(self, base: Any) -> None:
            super().__init__()
            self.base = base
            self.a = torch.nn.Parameter(torch.randn(rank, base.in_features) / base.in_features**0.5)
            self.b = torch.nn.Parameter(torch.zeros(base.out_features, rank))
            self.drop = torch.nn.Dropout(dropout)
            self.scale = alpha / rank

        def forward(self, x: Any) -> Any:
            return self.base(x) + (self.drop(x) @ self.a.T @ self.b.T) * self.scale

    for p in bert.parameters():
        p.requires_grad_(False)
    adapters = []
    for layer in range(split, len(bert.encoder.layer)):
        for path in ADAPTED:
            parent_path, _, leaf = path.rpartition(".")
            parent = bert.encoder.layer[layer]
            for part in parent_path.split("."):
                parent = getattr(parent, part)
            module = LoRALinear(getattr(parent, leaf))
            setattr(parent, leaf, module)
            adapters.append((f"{layer}/{path}", module))
    return adapters


def lower_cache(
    bert: Any, data: list[tuple[Encoded, frozenset[int]]], split: int
) -> dict[tuple[int, ...], Any]:
    """``lower_layers`` of each distinct piece sequence (float16 [L, D]): computed once, shared by all
    the verbs of a sentence and all folds (the layers below ``SPLIT`` are never trained)."""
    import torch

    seqs = sorted({d[0].ids for d in data}, key=len)
    out: dict[tuple[int, ...], Any] = {}
    bert.eval()
    with torch.inference_mode():
        for b0 in range(0, len(seqs), 64):
            part = seqs[b0 : b0 + 64]
            tens = batch_tensors([Encoded(ids, (), ()) for ids in part])
            hidden = lower_layers(bert, tens["ids"], tens["mask"], split)
            for j, ids in enumerate(part):
                out[ids] = hidden[j, : len(ids)].to(torch.float16).clone()
    return out


def _stack_lower(cache: dict[tuple[int, ...], Any], recs: list[Encoded], n: int) -> Any:
    import torch

    out = torch.zeros((len(recs), n, DIM))
    for j, r in enumerate(recs):
        out[j, : len(r.ids)] = cache[r.ids].float()
    return out


def _batches(lengths: list[int], batch: int, rng: Any) -> list[list[int]]:
    """Batches of similar lengths (less padding), in random order."""
    order = list(rng.permutation(len(lengths)))
    chunk = batch * 16
    out = []
    for c0 in range(0, len(order), chunk):
        part = sorted(order[c0 : c0 + chunk], key=lambda i: lengths[i])
        out += [part[b0 : b0 + batch] for b0 in range(0, len(part), batch)]
    return [out[i] for i in rng.permutation(len(out))]


def train_scorer(
    data: list[tuple[Encoded, frozenset[int]]],
    labels: list[list[bool]],
    base: list[list[float]],
    cache: dict[tuple[int, ...], Any],
    *,
    epochs: int = 1,
    batch: int = 32,
    rank: int = 8,
    alpha: float = 16.0,
    lr: float = 2e-3,
    hidden: int = 64,
    tag_weight: float = 0.5,
    split: int = SPLIT,
    seed: int = 0,
    log: bool = True,
) -> dict[str, Any]:
    """Fine-tune adapters and head on ``data`` (candidate ``labels``, sparse ``base`` logits); returns
    the arrays ``geo.link_tuned.scorer_from_arrays`` loads (float16, decode left to the caller)."""
    import numpy as np
    import torch

    torch.manual_seed(seed)
    _, bert = load_base()
    bert.train()
    adapters = add_adapters(bert, rank, alpha, 0.1, split)
    n_in = 3 * DIM + 2
    head = {
        "mark": torch.nn.Parameter(torch.randn(DIM) * 0.1),
        "tag_w": torch.nn.Parameter(torch.zeros(DIM)),
        "tag_b": torch.nn.Parameter(torch.tensor(-2.0)),
        "w1": torch.nn.Parameter(torch.randn(n_in, hidden) * (2.0 / n_in) ** 0.5),
        "b1": torch.nn.Parameter(torch.zeros(hidden)),
        "w2": torch.nn.Parameter(torch.randn(hidden) * 0.01),
        "b2": torch.nn.Parameter(torch.tensor(0.0)),
        "skip": torch.nn.Parameter(torch.tensor(1.0)),
    }
    lora = [p for _, m in adapters for p in (m.a, m.b)]
    params = [
        {"params": lora, "lr": lr},
        {"params": [head["mark"]], "lr": lr * 5},
        {"params": [p for k, p in head.items() if k != "mark"], "lr": lr},
    ]
    opt = torch.optim.AdamW(params, weight_decay=0.01)
    steps = epochs * ((len(data) + batch - 1) // batch)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / (0.06 * steps)) * max(0.0, (steps - s) / steps)
    )
    rng = np.random.default_rng(seed)
    step = 0
    lengths = [len(d[0].ids) for d in data]
    for epoch in range(epochs):
        started = time.time()
        total = 0.0
        for n_batch, idx in enumerate(_batches(lengths, batch, rng)):
            recs = [data[i][0] for i in idx]
            tens = batch_tensors(recs)
            lower = _stack_lower(cache, recs, tens["ids"].shape[1])
            y = torch.tensor([float(x) for i in idx for x in labels[i]])
            bl = torch.tensor([x for i in idx for x in base[i]], dtype=torch.float32)
            tag_y = torch.zeros_like(tens["mask"], dtype=torch.float32)
            for j, i in enumerate(idx):
                if data[i][1]:
                    tag_y[j, list(data[i][1])] = 1.0
            z, tags = forward(bert, head, tens, bl, lower, split)
            tag_mask = tens["mask"].clone().float()
            tag_mask[:, 0] = 0.0
            tag_loss = (
                torch.nn.functional.binary_cross_entropy_with_logits(tags, tag_y, reduction="none") * tag_mask
            ).sum() / tag_mask.sum()
            loss = tag_weight * tag_loss
            if len(y):
                loss = loss + torch.nn.functional.binary_cross_entropy_with_logits(z, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            total += float(loss.detach())
            if log and step % 50 == 0:
                print(
                    f"  epoch {epoch} step {step}/{steps} loss {total / (n_batch + 1):.4f} "
                    f"{time.time() - started:.0f}s",
                    flush=True,
                )
    arrays: dict[str, Any] = {"scale": np.array(alpha / rank, dtype=np.float32), "split": np.array(split)}
    for name, module in adapters:
        arrays[f"A/{name}"] = module.a.detach().numpy().astype(np.float16)
        arrays[f"B/{name}"] = module.b.detach().numpy().astype(np.float16)
    for key, p in head.items():
        arrays[f"head/{key}"] = p.detach().numpy().astype(np.float16)
    return arrays


def score_records(
    scorer: Any,
    data: list[tuple[Encoded, frozenset[int]]],
    base: list[list[float]],
    idx: list[int],
    cache: dict[tuple[int, ...], Any],
) -> dict[int, list[float]]:
    """The scorer's probabilities for the candidates of the records ``idx`` (batched)."""
    import torch

    out: dict[int, list[float]] = {}
    with torch.inference_mode():
        for b0 in range(0, len(idx), 64):
            part = idx[b0 : b0 + 64]
            recs = [data[i][0] for i in part]
            tens = batch_tensors(recs)
            bl = torch.tensor([x for i in part for x in base[i]], dtype=torch.float32)
            lower = _stack_lower(cache, recs, tens["ids"].shape[1])
            z, _ = (
                forward(scorer.bert, scorer.head, tens, bl, lower, scorer.split)
                if len(bl)
                else (torch.zeros(0), None)
            )
            probs = torch.sigmoid(z).tolist()
            at = 0
            for i in part:
                n = len(data[i][0].candidates)
                out[i] = probs[at : at + n]
                at += n
    return out


def best_decoding(
    gold: list[LinkGold], rows: list[_Row], probs: dict[int, list[float]]
) -> tuple[float, float]:
    """The (threshold, extra) with the best span F1 over the records in ``probs``."""
    idx = sorted(probs)
    best: tuple[float, float, float] | None = None
    for threshold, extra in itertools.product(_THRESHOLDS, _EXTRAS):
        decode = LinkModel({}, 0.0, threshold, extra)
        predicted = [[rows[i][0][j].span for j in decode.choose(probs[i])] for i in idx]
        f1 = score_links([gold[i] for i in idx], predicted)["f1"]
        if best is None or f1 > best[0]:
            best = (f1, threshold, extra)
    assert best is not None
    return best[1], best[2]


def main(argv: list[str] | None = None) -> int:
    """Fine-tune the LoRA link scorer: ``python -m geo.evaluation.link_tuned GOLD.jsonl [--out FILE]``."""
    import argparse

    import numpy as np
    import torch

    from geo.gazetteer import Gazetteer
    from geo.gazetteer_build import ensure_gazetteer
    from geo.link_tuned import scorer_from_arrays

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--out", type=Path, default=None, help="where to write the scorer's .npz")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--only-fold", type=int, default=None, help="train just this fold (then stop)")
    parser.add_argument("--no-cv", action="store_true", help="only train the shipped scorer")
    parser.add_argument("--pipeline", action="store_true", help="also cross-validate the pipeline's linker")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--rank", type=int, default=8)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--limit", type=int, default=None, help="train on this many records (timing)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--split", type=int, default=SPLIT, help="adapters on the encoder layers from this on"
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/geo-link-tuned"), help="fold weights, caches")
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    args.work.mkdir(parents=True, exist_ok=True)
    gold, _ = read_links_gold(args.gold)
    gazetteer = Gazetteer.open(ensure_gazetteer())
    rows_cache = args.work / "rows.pkl"
    if rows_cache.exists():
        rows = pickle.loads(rows_cache.read_bytes())
    else:
        rows = link_rows(gold, gazetteer, syntax=True)
        rows_cache.write_bytes(pickle.dumps(rows))
    tokenizer, bert = load_base()
    data = encode_records(tokenizer, gold, rows)
    started = time.time()
    cache_file = args.work / f"lower{args.split}.pt"
    if cache_file.exists():
        cache = torch.load(cache_file)
    else:
        cache = lower_cache(bert, data, args.split)
        torch.save(cache, cache_file)
    print(f"lower layers of {len(cache)} piece sequences: {time.time() - started:.0f}s", flush=True)
    labels = [r[2] for r in rows]
    hyper = {"epochs": args.epochs, "rank": args.rank, "lr": args.lr, "split": args.split}
    tag = f"e{args.epochs}-r{args.rank}-lr{args.lr}-s{args.split}"
    fold = [_fold_of(g.text, args.folds) for g in gold]
    keys = (
        "n",
        "precision",
        "recall",
        "f1",
        "exact_f1",
        "token_precision",
        "token_recall",
        "no_location_accuracy",
    )
    held: dict[int, list[float]] = {}
    cv: dict[str, Any] | None = None
    if not args.no_cv:
        for k in range(args.folds):
            if args.only_fold is not None and k != args.only_fold:
                continue
            path = args.work / f"fold{k}-{tag}.pkl"
            if path.exists():
                continue
            started = time.time()
            train = [i for i in range(len(gold)) if fold[i] != k]
            if args.limit:
                train = train[: args.limit]
            test = [i for i in range(len(gold)) if fold[i] == k]
            base_train = _inner_base_logits(rows, train, gold)
            sparse = train_link_model(_samples([rows[i] for i in train]))
            base_test = {i: [logit(sparse.probability(f)) for f in rows[i][1]] for i in test}
            arrays = train_scorer(
                [data[i] for i in train],
                [labels[i] for i in train],
                [base_train[i] for i in train],
                cache,
                **hyper,
            )
            arrays["decode"] = np.array([0.5, 0.5], dtype=np.float32)
            scorer = scorer_from_arrays(arrays, *load_base())
            base_all = [base_test.get(i, []) for i in range(len(gold))]
            probs = score_records(scorer, data, base_all, test, cache)
            path.write_bytes(pickle.dumps({"arrays": arrays, "probs": probs, "sparse": sparse}))
            print(f"fold {k}: {time.time() - started:.0f}s", flush=True)
        if args.only_fold is not None:
            return 0
        saved = [pickle.loads((args.work / f"fold{k}-{tag}.pkl").read_bytes()) for k in range(args.folds)]
        for s in saved:
            held.update(s["probs"])
        predicted: list[list[Span]] = [[] for _ in gold]
        decodes = []
        for k in range(args.folds):
            others = {i: p for i, p in held.items() if fold[i] != k}
            threshold, extra = best_decoding(gold, rows, others)
            decodes.append((threshold, extra))
            decode = LinkModel({}, 0.0, threshold, extra)
            for i in range(len(gold)):
                if fold[i] == k:
                    predicted[i] = [rows[i][0][j].span for j in decode.choose(held[i])]
        cv = score_links(gold, predicted)
        print(json.dumps({k: cv[k] for k in keys}), "decodings", decodes, flush=True)
        if args.pipeline:
            from geo.evaluation.links import StageLinkPredictor

            pipeline: list[list[Span]] = [[] for _ in gold]
            for k in range(args.folds):
                arrays = dict(saved[k]["arrays"])
                arrays["decode"] = np.array(decodes[k], dtype=np.float32)
                scorer = scorer_from_arrays(arrays, *load_base())
                scorer.memo.update(cache)  # the unadapted layers' output of each sentence, computed above
                stage = StageLinkPredictor(
                    gazetteer, use_model=True, link_model=saved[k]["sparse"], link_head=scorer
                )
                for i, g in enumerate(gold):
                    if fold[i] == k:
                        pipeline[i] = stage(g.text, g.verb)
            cv["pipeline"] = score_links(gold, pipeline)
            print(json.dumps({"pipeline": {k: cv["pipeline"][k] for k in keys}}), flush=True)
    if args.out is not None:
        from geo.evaluation.types import file_sha256

        full = args.work / f"full-{tag}.pkl"
        if full.exists():
            arrays = pickle.loads(full.read_bytes())
        else:
            idx = list(range(len(gold)))
            full_base = _inner_base_logits(rows, idx, gold)
            arrays = train_scorer(data, labels, [full_base[i] for i in idx], cache, **hyper)
            full.write_bytes(pickle.dumps(arrays))
        threshold, extra = best_decoding(gold, rows, held) if held else (0.5, 0.5)
        arrays["decode"] = np.array([threshold, extra], dtype=np.float32)
        meta: dict[str, Any] = {"trained_on_sha256": file_sha256(args.gold), **hyper}
        if cv is not None:
            meta["cv"] = {k: cv[k] for k in ("precision", "recall", "f1")}
            if "pipeline" in cv:
                meta["cv_pipeline"] = {k: cv["pipeline"][k] for k in ("precision", "recall", "f1")}
        arrays["meta"] = np.array(json.dumps(meta))
        np.savez_compressed(args.out, **arrays)
    return 0


__all__ = [
    "TunedLinkPredictor",
    "add_adapters",
    "best_decoding",
    "encode_records",
    "score_records",
    "train_scorer",
]


if __name__ == "__main__":
    raise SystemExit(main())
