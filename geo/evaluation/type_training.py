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
    #: the light model's static snippet vector's scale (``geo.static_vectors``), by the same CV:
    #: 0.8356 at 1.0, 0.8345 at 1.5 (the plain Model2Vec vectors: 0.812 at 2.75, 0.827 at 1.0, 0.826 at 0.5)
    static_scale: float = 1.0
    #: how the light model pools the static piece vectors (``geo.static_vectors.POOLINGS``; kind,
    #: weight; ``--static-pooling``): the mean alone. 5-shuffle CV with the first sentence's mean at
    #: 0.7 as well 0.8388, with each dimension's max and min at 0.7 too 0.8395 (0.836 the mean alone),
    #: but what the map does (``--pipeline``) loses: 0.6035 -> 0.6022 and 0.601
    static_pooling: tuple[tuple[str, float], ...] = (("mean", 1.0),)
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
    #: whether the word blocks and the static vector read the snippets with their names masked
    #: (``geo.event_types.mask_names``; ``--no-mask-names``): the model records it, and the typer and
    #: the retyper mask as it was trained. The caller computes the features (``snippet_features(...,
    #: mask=...)``) and the static vectors (of ``static_text``) accordingly. 5-shuffle CV 0.8369 -> 0.8417
    #: (every shuffle higher), what the map does (``--pipeline``) 0.6064 -> 0.6082
    mask_names: bool = True


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
    w = _fit_rows(z, onehot, l2=l2, sample_weight=sample_weight, families=families)
    b = w[-1]
    return (basis @ w[:-1] if basis is not None else w[:-1]), b


def _fit_rows(
    z: np.ndarray,
    targets: np.ndarray,
    *,
    l2: float,
    sample_weight: np.ndarray,
    families: np.ndarray | None,
    soft: bool = False,
) -> np.ndarray:
    """The softmax weights over the columns of ``z`` (then the biases as the last row) minimising
    weighted cross-entropy against ``targets`` (one row per sample: one-hot, or a distribution when
    ``soft``) + l2/2 |V|^2 + l2/2 |U|^2, the weights being ``V + U @ families``."""
    n_labels = targets.shape[1]
    onehot = targets
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
        if soft:
            value = -float((sample_weight * (onehot * np.log(p + 1e-300)).sum(axis=1)).sum())
        else:
            value = -float((sample_weight * np.log((p * onehot).sum(axis=1) + 1e-300)).sum())
        value += 0.5 * l2 * (float((own * own).sum()) + float((shared * shared).sum()))
        grad = (p - onehot) * sample_weight[:, None]
        g_w = z.T @ grad
        return value, np.concatenate(
            [(g_w + l2 * own).ravel(), (g_w @ m.T + l2 * shared).ravel(), grad.sum(axis=0)]
        )

    theta = _lbfgs(loss, np.zeros(n_own + n_shared + n_labels))
    own, shared, b = split(theta)
    return np.vstack([own + shared @ m, b])


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


@dataclass(frozen=True, slots=True)
class SoftLabelled:
    """Unlabelled texts' features with a teacher's label distributions (knowledge distillation):
    ``targets`` has one row per sample, one column per label of the model's (sorted) label set;
    each sample counts ``weight`` times in the loss (a gold snippet counts its class weight)."""

    samples: Sequence[Features]
    targets: np.ndarray
    weight: float
    #: whether the texts' features join the vocabulary (and its idf); if not, only the gold's do
    vocabulary: bool = True


class _SparseRows:
    """A samples x features matrix of sparse rows, for ``@`` by dense matrices (``.T`` its transpose):
    what :func:`_fit_rows` needs, without the dense matrix (the soft-labelled texts bring tens of
    thousands of features)."""

    def __init__(self, rows: Sequence[tuple[np.ndarray, np.ndarray]], d: int, transposed: bool = False):
        self.rows, self.d, self.transposed = rows, d, transposed
        self.indptr = np.cumsum([0, *(len(cols) for cols, _ in rows)])
        self.indices = np.concatenate([cols for cols, _ in rows]) if rows else np.zeros(0, np.intp)
        self.data = np.concatenate([vals for _, vals in rows]) if rows else np.zeros(0)
        self.row_of = np.repeat(np.arange(len(rows)), np.diff(self.indptr))
        self.by_column = np.argsort(self.indices, kind="stable")
        cols = self.indices[self.by_column]
        self.columns, self.column_starts = np.unique(cols, return_index=True)
        self.shape = (d, len(rows)) if transposed else (len(rows), d)

    @property
    def T(self) -> _SparseRows:
        out = object.__new__(_SparseRows)
        for name in ("rows", "d", "indptr", "indices", "data", "row_of", "by_column", "columns"):
            setattr(out, name, getattr(self, name))
        out.column_starts, out.transposed = self.column_starts, not self.transposed
        out.shape = (self.shape[1], self.shape[0])
        return out

    def __matmul__(self, other: np.ndarray) -> np.ndarray:
        out = np.zeros((self.shape[0], other.shape[1]))
        if not len(self.data):
            return out
        if self.transposed:  # features x labels: each column's entries summed
            order = self.by_column
            products = self.data[order, None] * other[self.row_of[order]]
            out[self.columns] = np.add.reduceat(products, self.column_starts, axis=0)
        else:
            products = self.data[:, None] * other[self.indices]
            filled = np.diff(self.indptr) > 0
            out[filled] = np.add.reduceat(products, self.indptr[:-1][filled], axis=0)
        return out


def _sparse_fit(
    rows: Sequence[tuple[np.ndarray, np.ndarray]],
    d: int,
    targets: np.ndarray,
    *,
    l2: float,
    sample_weight: np.ndarray,
    families: np.ndarray | None,
    chunk: int = 32,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`fit_softmax` (soft targets) over sparse rows (column indices, values) of ``d`` columns,
    as it solves a problem of fewer samples than features: in the row space (the Gram matrix from
    the sparse rows, ``chunk`` dense rows at a time), the weights mapped back at the end."""
    x = _SparseRows(rows, d)
    n = len(rows)
    gram = np.zeros((n, n))
    for lo in range(0, n, chunk):
        dense = np.zeros((d, min(chunk, n - lo)))
        for j, (cols, vals) in enumerate(rows[lo : lo + chunk]):
            dense[cols, j] = vals
        gram[:, lo : lo + dense.shape[1]] = x @ dense
    gram = (gram + gram.T) / 2
    ev, u = np.linalg.eigh(gram)
    keep = ev > 1e-9 * max(float(ev.max()), 1e-12)
    u, sv = u[:, keep], np.sqrt(ev[keep])
    w = _fit_rows(u * sv, targets, l2=l2, sample_weight=sample_weight, families=families, soft=True)
    return x.T @ ((u / sv) @ w[:-1]), w[-1]


def train_type_model(
    samples: Sequence[Features],
    labels: Sequence[str],
    embeddings: Sequence[Sequence[float]] | None = None,
    config: TrainConfig | None = None,
    label_set: Sequence[str] | None = None,
    soft: SoftLabelled | None = None,
) -> TypeModel:
    """A TypeModel fitted to the snippets' features (and sentence embeddings, when given); ``soft``
    adds teacher-labelled texts (distillation; not with embeddings), whose features join the
    vocabulary."""
    cfg = config or TrainConfig()
    names = tuple(sorted(set(label_set or labels)))
    if soft is not None:
        if embeddings:
            raise ValueError("soft-labelled texts have no sentence embeddings")
        if soft.targets.shape != (len(soft.samples), len(names)):
            raise ValueError("one target distribution over the label set per soft-labelled text is needed")
    idf: dict[str, float] = {}
    vocab_samples = [*samples, *soft.samples] if soft is not None and soft.vocabulary else samples
    for block in cfg.blocks:
        df = Counter(f for s in vocab_samples for f in s.get(block, Counter()))
        n = len(vocab_samples)
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
    families = family_matrix(names) if cfg.families else None
    if soft is not None:
        rows = []
        for s in [*samples, *soft.samples]:
            vec = shell.vector(s)
            rows.append(
                (
                    np.array([columns[k] for k in vec], dtype=np.intp),
                    np.array(list(vec.values()), dtype=float),
                )
            )
        targets = np.zeros((len(samples), len(names)))
        targets[np.arange(len(samples)), y] = 1.0
        w, b = _sparse_fit(
            rows,
            len(columns),
            np.vstack([targets, soft.targets]),
            l2=cfg.l2,
            sample_weight=np.concatenate([weight, np.full(len(soft.samples), soft.weight)]),
            families=families,
        )
        return _model(names, cfg, idf, columns, w, b, 0)
    x = np.zeros((len(samples), len(columns) + (len(embeddings[0]) if embeddings else 0)))
    for i, s in enumerate(samples):
        for key, value in shell.vector(s).items():
            x[i, columns[key]] = value
    if embeddings:
        x[:, len(columns) :] = cfg.embedding_scale * np.asarray(embeddings, dtype=np.float64)
    w, b = fit_softmax(x, y, len(names), l2=cfg.l2, sample_weight=weight, families=families)
    return _model(names, cfg, idf, columns, w, b, x.shape[1] - len(columns))


def _model(
    names: tuple[str, ...],
    cfg: TrainConfig,
    idf: dict[str, float],
    columns: dict[str, int],
    w: np.ndarray,
    b: np.ndarray,
    n_embedding: int,
) -> TypeModel:
    """The TypeModel of fitted weights (features, then ``n_embedding`` embedding dimensions) and biases:
    small weights pruned, the vocabulary cut to the features that keep one."""
    weights: dict[str, dict[int, float]] = {}
    for key, j in columns.items():
        row = {k: round(float(v), 3) for k, v in enumerate(w[j]) if abs(v) >= cfg.keep}
        if row:
            weights[key] = row
    emb = tuple(tuple(float(v) for v in w[j]) for j in range(len(columns), len(columns) + n_embedding))
    return TypeModel(
        names,
        tuple(float(v) for v in b),
        dict(cfg.blocks),
        {k: v for k, v in idf.items() if k in weights},
        weights,
        emb,
        cfg.embedding_scale if n_embedding else 0.0,
        mask_names=cfg.mask_names,
    )


@dataclass(frozen=True, slots=True)
class Distillation:
    """How a teacher's labels of unlabelled texts join a student's training (``--distil``): the texts
    the teacher is at least ``min_confidence`` sure of, at most ``cap`` of them (the surest), each
    weighing ``weight`` in the loss, as the teacher's distribution or (``hard``) its top label."""

    weight: float = 0.1
    min_confidence: float = 0.0
    cap: int = 1500
    hard: bool = False


def teacher_probabilities(
    teacher: TypeModel, samples: Sequence[Features], embeddings: Sequence[Sequence[float]] | None = None
) -> np.ndarray:
    """The teacher's label distribution for each sample (rows), its sentence-vector part in one product."""
    import dataclasses

    light = dataclasses.replace(teacher, embedding=(), embedding_scale=0.0) if teacher.embedding else teacher
    scores = np.array([light.scores(s) for s in samples]).reshape(len(samples), len(teacher.labels))
    if teacher.embedding:
        if embeddings is None:
            raise ValueError("this teacher needs the texts' sentence embeddings")
        scores += teacher.embedding_scale * (np.asarray(embeddings) @ np.array(teacher.embedding))
    scores -= scores.max(axis=1, keepdims=True)
    p = np.exp(scores)
    return np.asarray(p / p.sum(axis=1, keepdims=True))


def distil_targets(
    teacher: TypeModel,
    samples: Sequence[Features],
    embeddings: Sequence[Sequence[float]] | None,
    how: Distillation,
) -> SoftLabelled:
    """The unlabelled ``samples`` the teacher labels, as :class:`SoftLabelled` for a student over the
    teacher's label set (chosen and weighted as ``how`` says)."""
    probs = teacher_probabilities(teacher, samples, embeddings)
    sure = probs.max(axis=1) if len(samples) else np.zeros(0)
    chosen = np.flatnonzero(sure >= how.min_confidence)
    chosen = np.sort(chosen[np.argsort(-sure[chosen], kind="stable")][: how.cap])
    targets = probs[chosen]
    if how.hard:
        targets = np.eye(len(teacher.labels))[targets.argmax(axis=1)]
    return SoftLabelled([samples[int(i)] for i in chosen], targets, how.weight)


#: A fold's soft-labelled texts, from the indices of its training snippets (None: none).
SoftForFold = Callable[[Sequence[int]], "SoftLabelled | None"]


def cross_validate(
    samples: Sequence[Features],
    labels: Sequence[str],
    embeddings: Sequence[Sequence[float]] | None = None,
    *,
    extra: tuple[Sequence[Features], Sequence[str], Sequence[Sequence[float]] | None] = ((), (), None),
    folds: int = 5,
    seed: int = 0,
    config: TrainConfig | None = None,
    soft: SoftForFold | None = None,
) -> list[str]:
    """Held-out predictions: each snippet labelled by a model trained on the other folds (+ ``extra``,
    + ``soft(training indices)``: a light student's teacher-labelled texts, no embeddings then)."""
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
        pool = soft(train) if soft is not None else None
        if embeddings is not None and pool is None:
            emb = [embeddings[i] for i in train] + list(x_emb or [])
        model = train_type_model(
            [samples[i] for i in train] + list(x_samples),
            [labels[i] for i in train] + list(x_labels),
            emb,
            config,
            label_set,
            pool,
        )
        for i in test:
            predicted[i] = model.predict(
                samples[i], embeddings[i] if embeddings is not None and emb else None
            )
    return predicted


def model_file_json(
    model: TypeModel, trained_on_sha256: str, cv: dict[str, Any], notes: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The JSON written to ``geo/data``: the training corpus's SHA-256 (to flag in-sample scores),
    its cross-validated scores, ``notes`` (how it was distilled) and the model."""
    return {"trained_on_sha256": trained_on_sha256, "cv": cv, **(notes or {}), **model.to_json()}


__all__ = [
    "Distillation",
    "SoftForFold",
    "SoftLabelled",
    "TrainConfig",
    "class_information",
    "cross_validate",
    "distil_targets",
    "family_matrix",
    "fit_softmax",
    "model_file_json",
    "teacher_probabilities",
    "train_type_model",
]
