"""Training the snippet typer (``geo.event_types.TypeModel``): multinomial logistic regression in numpy.

The loss is the class-weighted softmax cross-entropy plus an L2 penalty, minimised by L-BFGS.  Each
label's weights are its own plus those of its families (``geo/data/event_type_families.json``), each
part penalised: labels of one family share what they have in common.  Optionally each feature's
idf is scaled up by how much its presence tells the label in the training snippets (supervised
term weighting, :func:`class_information`, ``TrainConfig.class_information``); the scaled idf is
what the model ships, so prediction is unchanged.  With fewer snippets than features the weights
lie in the span of the training rows, so the problem is solved exactly in that n-dimensional
space (an eigendecomposition of the Gram matrix) and mapped back: a few seconds for the CASE dev
file.  Prototype examples (``geo/data/event_type_examples.json``) join every training set;
cross-validation holds out gold snippets only.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from geo.event_types import Features, TypeModel


@dataclass(frozen=True, slots=True)
class TrainConfig:
    """Hyper-parameters, chosen by 5-fold CV on the CASE dev file (3 shuffles); the weights of the
    role (``r``), word-pair (``b``), lead (``l``), demonstration-kind (``p``) and weapon-use (``d``)
    blocks were fixed a priori at the other side blocks' 0.7."""

    blocks: dict[str, float] = field(
        default_factory=lambda: {
            "w": 1.0,
            "s": 1.0,
            "c": 1.0,
            "f": 0.7,
            "h": 0.7,
            "q": 0.7,
            "r": 0.7,
            "b": 0.7,
            "l": 0.7,
            "p": 0.7,
            "d": 0.7,
        }
    )
    l2: float = 0.03
    class_weight_power: float = 0.5  # sample weight (n / (k * n_label)) ** power
    min_df: int = 2
    #: 5-shuffle CV with the label families: 0.838 at 2.0, 0.839 at 2.25, 0.843 at 2.5, 0.842 at 2.75,
    #: 0.841 at 3.0
    embedding_scale: float = 2.75
    #: label families (``geo/data/event_type_families.json``) whose shared weights join each member's
    families: bool = True
    keep: float = 0.03  # weights smaller than this are dropped from the shipped model
    #: supervised term weighting (``--class-information``): each feature's idf times
    #: ``1 + class_information * I``, ``I`` 1 minus the normalised entropy of the labels of the
    #: training snippets holding it (class weighted, ``class_information_smoothing`` added to each
    #: label's count): 1 for a feature only one label's snippets hold, 0 for one spread evenly.
    #: Off (0.0): at 20 the snippet CV gains (0.827 -> 0.833, 4 of 5 shuffles; held-out log-loss
    #: 0.699 -> 0.682) but what the map does loses (``--pipeline``: 0.597 -> 0.591, every shuffle):
    #: words one label's few snippets hold ("established" of bases) outweigh the rules' type in an
    #: event's sentence ("Soldiers established control over the district" retyped as a base)
    class_information: float = 0.0
    class_information_smoothing: float = 0.1


def _lbfgs(
    f: Callable[[np.ndarray], tuple[float, np.ndarray]], x: np.ndarray, *, iters: int = 300, m: int = 10
) -> np.ndarray:
    """Minimise f (returning value and gradient) from x by L-BFGS with a backtracking line search."""
    fx, g = f(x)
    hist: list[tuple[np.ndarray, np.ndarray]] = []
    for _ in range(iters):
        q = g.copy()
        alphas = []
        for s, y in reversed(hist):
            rho = 1.0 / float(y @ s)
            a = rho * float(s @ q)
            q -= a * y
            alphas.append((rho, a, s, y))
        if hist:
            s, y = hist[-1]
            q *= float(s @ y) / float(y @ y)
        for rho, a, s, y in reversed(alphas):
            q += s * (a - rho * float(y @ q))
        d = -q
        slope = float(g @ d)
        if slope >= 0:
            d, slope, hist = -g, -float(g @ g), []
        t = 1.0
        while True:
            xn = x + t * d
            fn, gn = f(xn)
            if fn <= fx + 1e-4 * t * slope or t < 1e-10:
                break
            t *= 0.5
        s, y = xn - x, gn - g
        if float(y @ s) > 1e-12:
            hist = [*hist[-(m - 1) :], (s, y)]
        done = abs(fx - fn) < 1e-6 * max(1.0, abs(fx))
        x, fx, g = xn, fn, gn
        if done:
            break
    return x


def family_matrix(labels: Sequence[str]) -> np.ndarray:
    """One row per family of ``geo/data/event_type_families.json`` with a member among ``labels``: 1.0
    in the columns of its members."""
    from geo.event_types import _data_json

    families = _data_json("event_type_families.json")["families"]
    index = {label: k for k, label in enumerate(labels)}
    rows = []
    for members in families.values():
        row = np.zeros(len(labels))
        row[[index[m] for m in members if m in index]] = 1.0
        if row.any():
            rows.append(row)
    return np.array(rows).reshape(len(rows), len(labels))


def fit_softmax(
    x: np.ndarray,
    y: np.ndarray,
    n_labels: int,
    *,
    l2: float,
    sample_weight: np.ndarray,
    families: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Weights (features x labels) and biases minimising weighted cross-entropy + l2/2 |V|^2 + l2/2
    |U|^2, where the weights are ``V + U @ families`` (``families``: families x labels, 0/1; none: V)."""
    n, d = x.shape
    basis = None
    z = x
    if d > n:  # solve in the row space of x: x = z @ basis.T with orthonormal basis
        ev, u = np.linalg.eigh(x @ x.T)
        keep = ev > 1e-9 * max(float(ev.max()), 1e-12)
        u, sv = u[:, keep], np.sqrt(ev[keep])
        z = u * sv
        basis = (x.T @ u) / sv
    onehot = np.zeros((n, n_labels))
    onehot[np.arange(n), y] = 1.0
    r = z.shape[1]
    m = families if families is not None else np.zeros((0, n_labels))
    n_own, n_shared = r * n_labels, r * len(m)

    def split(theta: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        own = theta[:n_own].reshape(r, n_labels)
        shared = theta[n_own : n_own + n_shared].reshape(r, len(m))
        return own, shared, theta[n_own + n_shared :]

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        own, shared, b = split(theta)
        s = z @ (own + shared @ m) + b
        s -= s.max(axis=1, keepdims=True)
        p = np.exp(s)
        p /= p.sum(axis=1, keepdims=True)
        value = -float((sample_weight * np.log((p * onehot).sum(axis=1) + 1e-300)).sum())
        value += 0.5 * l2 * (float((own * own).sum()) + float((shared * shared).sum()))
        grad = (p - onehot) * sample_weight[:, None]
        g_w = z.T @ grad
        return value, np.concatenate(
            [(g_w + l2 * own).ravel(), (g_w @ m.T + l2 * shared).ravel(), grad.sum(axis=0)]
        )

    theta = _lbfgs(loss, np.zeros(n_own + n_shared + n_labels))
    own, shared, b = split(theta)
    w = own + shared @ m
    return (basis @ w if basis is not None else w), b


def class_information(
    presence: np.ndarray, y: np.ndarray, n_labels: int, sample_weight: np.ndarray, smoothing: float
) -> np.ndarray:
    """Per feature (column of the snippets x features 0/1 ``presence``), how much its presence tells
    the label: 1 minus the entropy of its label distribution (each snippet counted with its sample
    weight, ``smoothing`` added to each label) over the entropy of a uniform one."""
    onehot = np.zeros((len(y), n_labels))
    onehot[np.arange(len(y)), y] = sample_weight
    counts = onehot.T @ presence + smoothing
    p = counts / counts.sum(axis=0, keepdims=True)
    return np.asarray(1.0 + (p * np.log(np.where(p > 0, p, 1.0))).sum(axis=0) / math.log(n_labels))


def train_type_model(
    samples: Sequence[Features],
    labels: Sequence[str],
    embeddings: Sequence[Sequence[float]] | None = None,
    config: TrainConfig | None = None,
    label_set: Sequence[str] | None = None,
) -> TypeModel:
    """A TypeModel fitted to the snippets' features (and sentence embeddings, when given)."""
    cfg = config or TrainConfig()
    names = tuple(sorted(set(label_set or labels)))
    idf: dict[str, float] = {}
    for block in cfg.blocks:
        df = Counter(f for s in samples for f in s.get(block, Counter()))
        n = len(samples)
        for f, c in df.items():
            if c >= cfg.min_df:
                idf[f"{block}:{f}"] = math.log((1 + n) / (1 + c)) + 1.0
    columns = {key: j for j, key in enumerate(sorted(idf))}
    y = np.array([names.index(lab) for lab in labels])
    counts = Counter(labels)
    weight = np.array(
        [(len(labels) / (len(counts) * counts[lab])) ** cfg.class_weight_power for lab in labels]
    )
    if cfg.class_information:
        presence = np.zeros((len(samples), len(columns)))
        for i, s in enumerate(samples):
            for block in cfg.blocks:
                hits = [columns.get(f"{block}:{f}") for f in s.get(block, Counter())]
                presence[i, [j for j in hits if j is not None]] = 1.0
        info = class_information(presence, y, len(names), weight, cfg.class_information_smoothing)
        for key, j in columns.items():
            idf[key] *= 1.0 + cfg.class_information * float(info[j])
    shell = TypeModel(names, (0.0,) * len(names), dict(cfg.blocks), idf, {})
    x = np.zeros((len(samples), len(columns) + (len(embeddings[0]) if embeddings else 0)))
    for i, s in enumerate(samples):
        for key, value in shell.vector(s).items():
            x[i, columns[key]] = value
    if embeddings:
        x[:, len(columns) :] = cfg.embedding_scale * np.asarray(embeddings, dtype=np.float64)
    families = family_matrix(names) if cfg.families else None
    w, b = fit_softmax(x, y, len(names), l2=cfg.l2, sample_weight=weight, families=families)
    weights: dict[str, dict[int, float]] = {}
    for key, j in columns.items():
        row = {k: round(float(v), 3) for k, v in enumerate(w[j]) if abs(v) >= cfg.keep}
        if row:
            weights[key] = row
    emb = tuple(tuple(float(v) for v in w[j]) for j in range(len(columns), x.shape[1]))
    return TypeModel(
        names,
        tuple(float(v) for v in b),
        dict(cfg.blocks),
        {k: v for k, v in idf.items() if k in weights},
        weights,
        emb,
        cfg.embedding_scale if embeddings else 0.0,
    )


def cross_validate(
    samples: Sequence[Features],
    labels: Sequence[str],
    embeddings: Sequence[Sequence[float]] | None = None,
    *,
    extra: tuple[Sequence[Features], Sequence[str], Sequence[Sequence[float]] | None] = ((), (), None),
    folds: int = 5,
    seed: int = 0,
    config: TrainConfig | None = None,
) -> list[str]:
    """Held-out predictions: each snippet labelled by a model trained on the other folds (+ ``extra``)."""
    from geo.event_types import NONE_LABEL

    x_samples, x_labels, x_emb = extra
    order = list(range(len(samples)))
    random.Random(seed).shuffle(order)
    predicted = [NONE_LABEL] * len(samples)
    label_set = sorted(set(labels) | set(x_labels))
    for k in range(folds):
        test = order[k::folds]
        held = set(test)
        train = [i for i in order if i not in held]
        emb: list[Sequence[float]] | None = None
        if embeddings is not None:
            emb = [embeddings[i] for i in train] + list(x_emb or [])
        model = train_type_model(
            [samples[i] for i in train] + list(x_samples),
            [labels[i] for i in train] + list(x_labels),
            emb,
            config,
            label_set,
        )
        for i in test:
            predicted[i] = model.predict(samples[i], embeddings[i] if embeddings is not None else None)
    return predicted


def model_file_json(model: TypeModel, trained_on_sha256: str, cv: dict[str, Any]) -> dict[str, Any]:
    """The JSON written to ``geo/data``: the training corpus's SHA-256 (to flag in-sample scores),
    its cross-validated scores, and the model."""
    return {"trained_on_sha256": trained_on_sha256, "cv": cv, **model.to_json()}


__all__ = [
    "TrainConfig",
    "class_information",
    "cross_validate",
    "family_matrix",
    "fit_softmax",
    "model_file_json",
    "train_type_model",
]
