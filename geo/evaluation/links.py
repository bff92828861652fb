"""Scoring event-to-place linking on Halterman's sentence/verb/location format.

Each gold record is one sentence, one ``VERB`` span (the event) and 0..n ``LOCATION`` spans
(where that event happened).  The system is given the sentence and the verb and predicts the
location span(s), or none.  Scores:

* ``precision``/``recall``/``f1``: span match by token overlap (a predicted span that shares a
  word with a gold span is right; each gold span is found once), micro-averaged;
* ``exact_f1``: the same with exact character spans;
* ``token_precision``/``token_recall``/``token_f1``: word-level, as Halterman reports;
* ``no_location_accuracy``: on records without a location, the share where nothing is predicted.

Gold spans whose offsets are broken in the source file (empty, one character, or cutting a
word) are annotation noise: such a record is skipped and counted in ``skipped``.

Training (``python -m geo.evaluation.links GOLD.jsonl [--pipeline] [--out FILE]``): the link model's
weights, and its decoding (the best candidate's ``threshold``, the ``extra`` bar for further places)
chosen on inner folds of the same training data (``fit_link_model``); the printed scores are 5-fold
cross-validated, records of one sentence kept in one fold. ``--agreement`` scores instead the file's
second annotations of a (sentence, verb) against its first (``annotator_agreement``): the ceiling that
the labels' own consistency puts on any model trained on them.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from geo.errors import GoldFormatError
from geo.link_model import (
    LinkCandidate,
    LinkModel,
    RecordGate,
    Reranker,
    Span,
    coordinated_lists,
    gate_inputs,
    known_candidates,
    link_features,
    packaged_link_model,
    part_whole_pairs,
    rerank_features,
    with_unknown_names,
)

_WORD = re.compile(r"\w+")
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class LinkGold:
    """One gold record: the sentence, the event verb's span and the location spans."""

    id: str
    text: str
    verb: Span
    locations: tuple[Span, ...]


def _broken(text: str, start: int, end: int) -> bool:
    """Offsets that do not delimit a name: empty, one character, or cutting a word in two."""
    piece = text[start:end].strip()
    if len(piece) < 2 or not any(ch.isalpha() for ch in piece):
        return True
    cuts_left = start > 0 and text[start - 1].isalnum() and text[start].isalnum()
    cuts_right = end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    return cuts_left or cuts_right


def read_links_gold(path: Path | str) -> tuple[list[LinkGold], int]:
    """The usable gold records of a JSON Lines file and the number skipped for broken offsets."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise GoldFormatError(f"{path}: no such gold file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"{path}: cannot read gold file ({exc.__class__.__name__})") from exc
    records: list[LinkGold] = []
    skipped = 0
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            text = row["text"]
            spans = row["spans"]
            verbs = [(int(s["start"]), int(s["end"])) for s in spans if s["label"] == "VERB"]
            locs = [(int(s["start"]), int(s["end"])) for s in spans if s["label"] == "LOCATION"]
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise GoldFormatError(
                f"{path}:{line_no}: not a Halterman record "
                f"(needs text and spans with start, end, label): {exc}"
            ) from None
        if not isinstance(text, str) or len(verbs) != 1:
            skipped += 1  # a record without exactly one event verb cannot be scored
            continue
        if any(_broken(text, s, e) for s, e in locs) or _broken(text, *verbs[0]):
            skipped += 1
            continue
        records.append(LinkGold(str(row.get("_id", line_no)), text, verbs[0], tuple(sorted(set(locs)))))
    if not records:
        raise GoldFormatError(f"{path}: no usable records (one VERB span and LOCATION spans per line)")
    return records, skipped


def _tokens(text: str, span: Span) -> set[int]:
    return {m.start() for m in _WORD.finditer(text, span[0], span[1])}


def _overlap(text: str, a: Span, b: Span) -> bool:
    return bool(_tokens(text, a) & _tokens(text, b))


def _prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> tuple[float, float, float]:
    precision = tp_p / n_pred if n_pred else 0.0
    recall = tp_g / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_links(gold: list[LinkGold], predicted: list[list[Span]]) -> dict[str, Any]:
    """Span (overlap and exact), token and no-location scores of predictions aligned with ``gold``."""
    if len(gold) != len(predicted):
        raise ValueError("one prediction list per gold record is needed")
    n_pred = n_gold = tp_p = tp_g = ex_p = ex_g = 0
    tok_pred = tok_gold = tok_tp = 0
    empty = empty_right = 0
    for g, pred in zip(gold, predicted, strict=True):
        pred = sorted(set(pred))
        n_pred += len(pred)
        n_gold += len(g.locations)
        tp_p += sum(any(_overlap(g.text, p, q) for q in g.locations) for p in pred)
        tp_g += sum(any(_overlap(g.text, q, p) for p in pred) for q in g.locations)
        ex_p += sum(p in g.locations for p in pred)
        ex_g += sum(q in pred for q in g.locations)
        ptoks = set().union(*(_tokens(g.text, p) for p in pred)) if pred else set()
        gtoks = set().union(*(_tokens(g.text, q) for q in g.locations)) if g.locations else set()
        tok_pred += len(ptoks)
        tok_gold += len(gtoks)
        tok_tp += len(ptoks & gtoks)
        if not g.locations:
            empty += 1
            empty_right += not pred
    precision, recall, f1 = _prf(tp_p, n_pred, tp_g, n_gold)
    _, _, exact_f1 = _prf(ex_p, n_pred, ex_g, n_gold)
    tp, tr, tf = _prf(tok_tp, tok_pred, tok_tp, tok_gold)
    return {
        "n": len(gold),
        "gold_locations": n_gold,
        "predicted_locations": n_pred,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "exact_f1": round(exact_f1, 4),
        "token_precision": round(tp, 4),
        "token_recall": round(tr, 4),
        "token_f1": round(tf, 4),
        "no_location_n": empty,
        "no_location_accuracy": round(empty_right / empty, 4) if empty else None,
    }


def _collapsed(text: str, spans: Iterable[Span]) -> tuple[str, tuple[Span, ...]]:
    """``text`` with each run of white space one space and the ends stripped, and ``spans`` moved to it
    (copies of one sentence in two sources differ in their spacing)."""
    out: list[str] = []
    at: list[int] = []
    space = True  # a space at the start is dropped
    for ch in text:
        at.append(len(out))
        if ch.isspace():
            if not space:
                out.append(" ")
            space = True
        else:
            out.append(ch)
            space = False
    at.append(len(out))
    joined = "".join(out)
    stripped = joined.rstrip()
    return stripped, tuple((at[s], min(at[e], len(stripped))) for s, e in spans)


def annotator_agreement(gold: list[LinkGold]) -> dict[str, Any]:
    """How far two annotations of the same record agree: the first annotation of each (sentence, verb)
    that the file holds more than once (white space collapsed) taken as gold, each later one scored
    against it as a prediction (``score_links``; ``n``: the pairs). Halterman's file annotates some
    sentences twice (a wire story in two sources), and no model trained on its labels can be expected
    to score much above this agreement."""
    first: dict[tuple[str, Span], LinkGold] = {}
    pairs: list[tuple[LinkGold, list[Span]]] = []
    for g in gold:
        text, spans = _collapsed(g.text, (g.verb, *g.locations))
        key = (text, spans[0])
        if key in first:
            pairs.append((first[key], sorted(set(spans[1:]))))
        else:
            first[key] = LinkGold(g.id, text, spans[0], tuple(sorted(set(spans[1:]))))
    if not pairs:
        return {"n": 0}
    return score_links([a for a, _ in pairs], [b for _, b in pairs])


Predictor = Callable[[str, Span], list[Span]]


def predict_all(gold: Iterable[LinkGold], predictor: Predictor) -> Iterator[list[Span]]:
    """The predictor's spans for each gold record, in order."""
    for g in gold:
        yield predictor(g.text, g.verb)


def evaluate_links(path: Path | str, predictor: Predictor) -> dict[str, Any]:
    """Read a gold file, run ``predictor`` on each record and score it."""
    gold, skipped = read_links_gold(path)
    metrics = score_links(gold, list(predict_all(gold, predictor)))
    metrics["skipped"] = skipped
    return metrics


class StageLinkPredictor:
    """Our stages as a link predictor: recognise and resolve places, then ``EventLinker.in_sentence``.

    The gold verb becomes the event's trigger; the other events the extractor finds in the
    sentence compete for places (a place in another event's clause is not this event's).
    Mentions the gazetteer cannot place still count as spans here (``resolved_only=False``), and so
    does a name the link model picks that the gazetteer lacks where ``geo map`` names it too, placed at
    the place words say holds it or at the one province or country of its clause (``holders``).
    """

    def __init__(
        self, gazetteer: Any, *, use_model: bool = False, link_model: Any = None, link_head: Any = None
    ) -> None:
        from geo.events import EventExtractor
        from geo.linking import EventLinker
        from geo.resolve import Resolver
        from geo.toponyms import ToponymRecognizer

        self.recognizer = ToponymRecognizer(gazetteer)
        self.resolver = Resolver(gazetteer)
        self.extractor = EventExtractor()
        self.linker = EventLinker(gazetteer, use_model=use_model, link_model=link_model, link_head=link_head)

    def __call__(self, text: str, verb: Span) -> list[Span]:
        from dataclasses import replace

        from geo.events import clause_bounds
        from geo.linking import unplaced_by_container
        from geo.records import Document, Event

        doc = unplaced_by_container(self.resolver(self.recognizer(Document(id="gold", text=text))))
        span = (0, len(text))
        event = Event("gold", "gold", text, span, verb, "", "")
        others = []
        for ev in self.extractor.sentence_events(doc, 0, len(text)):
            c_start, c_end = clause_bounds(text, 0, len(text), *ev.trigger)
            if not (c_start <= verb[0] < c_end):  # an event whose clause holds the verb is the verb's own
                others.append(ev)
        others = [replace(ev, sentence_span=span) for ev in others]
        choices = self.linker.in_sentence(
            doc, event, others=others, resolved_only=False, words_fallback=False, holders=True
        )
        return [(c.place.mention.start, c.place.mention.end) for c in choices]


# ---------------------------------------------------------------- the learned link predictor


def train_link_model(
    samples: list[tuple[set[str], bool]],
    *,
    min_count: int = 2,
    l2: float = 1e-6,
    iterations: int = 1200,
    step: float = 0.1,
    threshold: float = 0.2,
    extra: float = 0.5,
    list_extra: float = 1.0,
    keep: float = 0.1,
) -> LinkModel:
    """Fit the model with Adam on sparse features (numpy only); tiny weights are pruned."""
    import numpy as np

    counts = Counter(f for fs, _ in samples for f in fs)
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    flat: list[int] = []
    offsets: list[int] = []
    values: list[float] = []
    for fs, _ in samples:
        idx = [vocab[f] for f in fs if f in vocab] or [0]
        offsets.append(len(flat))
        flat += idx
        values += [1.0 / math.sqrt(len(idx))] * len(idx)
    fl, off, val = np.array(flat), np.array(offsets), np.array(values)
    y = np.array([float(lab) for _, lab in samples])
    owner = np.repeat(np.arange(len(off)), np.diff(np.append(off, len(fl))))
    w = np.zeros(len(vocab))
    b = 0.0
    m_w, v_w = np.zeros_like(w), np.zeros_like(w)
    m_b = v_b = 0.0
    for it in range(1, iterations + 1):
        p = 1.0 / (1.0 + np.exp(-(np.add.reduceat(w[fl] * val, off) + b)))
        r = p - y
        g_w = np.bincount(fl, weights=r[owner] * val, minlength=len(w)) / len(y) + l2 * w
        g_b = float(r.mean())
        m_w = 0.9 * m_w + 0.1 * g_w
        v_w = 0.999 * v_w + 0.001 * g_w * g_w
        w -= step * (m_w / (1 - 0.9**it)) / (np.sqrt(v_w / (1 - 0.999**it)) + 1e-8)
        m_b = 0.9 * m_b + 0.1 * g_b
        v_b = 0.999 * v_b + 0.001 * g_b * g_b
        b -= step * (m_b / (1 - 0.9**it)) / (math.sqrt(v_b / (1 - 0.999**it)) + 1e-8)
    weights = {f: round(float(w[i]), 2) for f, i in vocab.items() if abs(w[i]) >= keep}
    return LinkModel(weights, float(b), threshold, extra, list_extra)


class LearnedLinkPredictor:
    """Candidates = recognised place names plus other capitalised names; the link model keeps those
    whose probability of being the verb's place reaches its threshold."""

    def __init__(self, gazetteer: Any, model: LinkModel | None = None, *, syntax: bool = False) -> None:
        from geo.resolve import Resolver
        from geo.toponyms import ToponymRecognizer

        self.gazetteer = gazetteer
        self.recognizer = ToponymRecognizer(gazetteer)
        self.resolver = Resolver(gazetteer)
        self.rules = StageLinkPredictor(gazetteer)
        self._model = model
        self.syntax = syntax  # the shallow-syntax features too (geo.link_syntax)

    @property
    def model(self) -> LinkModel:
        return self._model or packaged_link_model(self.syntax)

    def candidates(self, text: str, verb: Span) -> list[LinkCandidate]:
        """Recognised names (with their gazetteer level) and unrecognised capitalised names."""
        from geo.linking import unplaced_by_container, unrecognised_places
        from geo.records import Document

        doc = unplaced_by_container(self.resolver(self.recognizer(Document(id="gold", text=text))))
        places = [*doc.places, *unrecognised_places(text, 0, len(text), doc.places, self.gazetteer)]
        return with_unknown_names(text, verb, known_candidates(places))

    def featurise(self, text: str, verb: Span) -> tuple[list[LinkCandidate], list[set[str]]]:
        """Candidates and their features, including whether the pipeline's rules pick each one."""
        cands = self.candidates(text, verb)
        return cands, link_features(text, verb, cands, self.rules(text, verb), syntax=self.syntax)

    def __call__(self, text: str, verb: Span) -> list[Span]:
        cands, feats = self.featurise(text, verb)
        model = self.model
        spans = [c.span for c in cands]
        probs = model.scores(text, cands, feats)
        if not model.keeps_any(text, verb, feats, probs):
            return []
        picked = model.choose(
            probs, coordinated_lists(text, spans), lambda: part_whole_pairs(text, tuple(spans))
        )
        return [spans[i] for i in picked]


def _fold_of(text: str, folds: int, salt: str = "") -> int:
    """Records of the same sentence (one per verb) always fall in the same fold (``salt``: another split)."""
    import hashlib

    return int(hashlib.sha1((salt + text).encode("utf-8")).hexdigest(), 16) % folds


_Row = tuple[list[LinkCandidate], list[set[str]], list[bool]]
#: the decodings tried: the best candidate's threshold, and the bar for each further place
_THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
_EXTRAS = (0.4, 0.5, 0.6, 0.7, 0.8)
#: and the bar for a name listed with a kept one (chosen after the two above; 1.0: no list rule)
_LIST_EXTRAS = (0.05, 0.1, 0.15, 0.2, 0.3, 1.0)
#: then the bar for a further name that is the whole of a kept part (0.0 before these: no such rule)
_WHOLE_EXTRAS = (0.6, 0.7, 0.8, 0.9, 1.0)
#: with a record gate: its bar, and the (lower) thresholds of the best candidate tried with it
_GATE_BARS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
#: (not 0: a threshold above 0 lets the pipeline skip the features of a sentence whose usable places all score
#: below it, ~20% of the candidates of the benchmark corpus; on 2 CV folds 0 scored the same as 0.1)
_GATE_THRESHOLDS = (0.1, 0.15, 0.2)
#: the tokens either side of the verb whose static word-piece vector the record gate reads (5-fold CV:
#: 0.7823 -> 0.790, no-location accuracy 0.768 -> 0.786; 0: none)
GATE_WINDOW = 6


def _steadiest(scores: dict[tuple[int, ...], float]) -> tuple[int, ...]:
    """The grid point (indices into each setting's values) whose neighbourhood scores best: the mean F1 of
    the points one step or less from it in every setting, itself included (the first such in grid order
    on a tie). The held-out F1 is flat near its top, and its highest point moved between retrains
    (the threshold flipped between 0.1 and 0.15); the middle of a high plateau moves less."""

    def mean_near(point: tuple[int, ...]) -> float:
        near = [
            f1
            for other, f1 in scores.items()
            if all(abs(x - y) <= 1 for x, y in zip(point, other, strict=True))
        ]
        return sum(near) / len(near)

    return max(sorted(scores), key=mean_near)


def _vocabulary(feature_sets: Iterable[set[str]], min_count: int = 5) -> dict[str, int]:
    """Column of each feature seen in at least ``min_count`` of ``feature_sets``, in sorted order (what the
    record gate and the second stage learn weights for)."""
    counts = Counter(f for fs in feature_sets for f in fs)
    return {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}


def train_record_gate(
    gold: list[LinkGold],
    rows: list[_Row],
    probs: list[list[float]],
    *,
    l2: float = 1.0,
    iterations: int = 300,
    window: int = 0,
) -> RecordGate:
    """Fit the record gate (``RecordGate``, bar 0.5 until tuned): a logistic model of whether each
    record's best candidate is a gold location, from ``gate_inputs`` over ``probs``, candidate scores
    of models that did not see the record (full-batch gradient descent; dense inputs standardised,
    the scaling folded into their weights; ``window``: the static vector of that many tokens either
    side of the verb among them)."""
    import numpy as np

    inputs = [gate_inputs(g.text, g.verb, r[1], p, window) for g, r, p in zip(gold, rows, probs, strict=True)]
    best = [max(range(len(p)), key=p.__getitem__) if p else -1 for p in probs]
    y = np.array([float(b >= 0 and r[2][b]) for r, b in zip(rows, best, strict=True)])
    vocab = _vocabulary(sparse for sparse, _ in inputs)
    x = np.zeros((len(inputs), len(vocab)))
    for i, (sparse, _) in enumerate(inputs):
        for f in sparse:
            if f in vocab:
                x[i, vocab[f]] = 1.0
    dense = np.array([d for _, d in inputs])
    mu, sd = dense.mean(0), dense.std(0) + 1e-6
    dz = (dense - mu) / sd
    w, wd, b, n = np.zeros(len(vocab)), np.zeros(dense.shape[1]), 0.0, len(y)
    for _ in range(iterations):  # convex: plain gradient descent converges
        r = 1.0 / (1.0 + np.exp(-np.clip(x @ w + dz @ wd + b, -30, 30))) - y
        w -= 0.5 * (x.T @ r / n + l2 / n * w)
        wd -= 0.5 * (dz.T @ r / n)
        b -= 0.5 * float(r.mean())
    raw_dense = wd / sd
    weights = {f: round(float(w[i]), 4) for f, i in vocab.items() if abs(w[i]) >= 1e-3}
    return RecordGate(weights, tuple(float(v) for v in raw_dense), float(b - raw_dense @ mu), 0.5, window)


def train_reranker(
    gold: list[LinkGold],
    rows: list[_Row],
    probs: list[list[float]],
    *,
    l2: float = 1.0,
    iterations: int = 400,
) -> Reranker:
    """Fit the second stage (``Reranker``): a logistic model of whether each candidate is a gold
    location, from its first-stage log-odds and ``rerank_features`` over ``probs``, candidate scores of
    models that did not see the record (full-batch gradient descent; the log-odds' weight starts at 1)."""
    import numpy as np

    feats: list[set[str]] = []
    logits: list[float] = []
    labels: list[float] = []
    for g, (cands, _, ls), p in zip(gold, rows, probs, strict=True):
        spans = tuple(c.span for c in cands)
        lists = coordinated_lists(g.text, list(spans))
        feats += rerank_features(p, lists, [c.level for c in cands], part_whole_pairs(g.text, spans))
        logits += [math.log(min(max(q, 1e-4), 1 - 1e-4) / (1 - min(max(q, 1e-4), 1 - 1e-4))) for q in p]
        labels += [float(lab) for lab in ls]
    vocab = _vocabulary(feats)
    pairs = [(r, vocab[f]) for r, fs in enumerate(feats) for f in fs if f in vocab]
    row = np.array([r for r, _ in pairs], dtype=int)
    col = np.array([c for _, c in pairs], dtype=int)
    z, y, n = np.array(logits), np.array(labels), len(labels)
    w, scale, bias = np.zeros(len(vocab)), 1.0, 0.0
    for _ in range(iterations):  # convex: plain gradient descent converges
        s = z * scale + bias + np.bincount(row, weights=w[col], minlength=n)
        r = 1.0 / (1.0 + np.exp(-np.clip(s, -30, 30))) - y
        w -= np.bincount(col, weights=r[row], minlength=len(w)) / n + l2 / n * w
        scale -= 0.1 * float((r * z).mean())
        bias -= float(r.mean())
    weights = {f: round(float(w[i]), 4) for f, i in vocab.items() if abs(w[i]) >= 1e-3}
    return Reranker.of(weights, float(scale), float(bias))


def _constant(value: _T) -> Callable[[], _T]:
    """A function returning ``value`` (a lazy argument already worked out)."""
    return lambda: value


def _samples(rows: list[_Row]) -> list[tuple[set[str], bool]]:
    return [(f, lab) for _, fs, ls in rows for f, lab in zip(fs, ls, strict=True)]


def fit_link_model(
    gold: list[LinkGold],
    rows: list[_Row],
    *,
    folds: int = 3,
    gate: bool = True,
    rerank: bool = True,
    gate_window: int = GATE_WINDOW,
) -> LinkModel:
    """A link model trained on all of ``rows`` (the candidates, features and labels of ``gold``), with the
    decoding (``threshold``, ``extra``) that scores best on inner folds of the same data: models
    trained on the other inner folds score each record, and the setting whose neighbourhood in the grid of
    settings has the best mean F1 wins (``_steadiest``: the top itself moved between retrains).
    With ``gate``, a record gate (``RecordGate``) trained on those held-out scores, its bar chosen with
    the decoding on a further split of the held-out gate probabilities (5-fold CV: the gate gains in
    every fold, though on one inner split it may only tie the threshold alone).
    With ``rerank``, first a second stage (``Reranker``) trained on the held-out scores, which then
    rescores them for the gate and the decoding (5-fold CV: 0.780 -> 0.788, four folds gaining).
    ``gate_window``: the tokens either side of the verb whose static vector the gate reads (0: none).
    Nothing outside ``gold`` is looked at, so a caller holding data out keeps it held out."""
    import itertools

    inner = [_fold_of(g.text, folds, salt="decoding") for g in gold]
    probs: list[list[float]] = [[] for _ in gold]
    for k in range(folds):
        model = train_link_model(_samples([r for r, f in zip(rows, inner, strict=True) if f != k]))
        for i, (_, fs, _) in enumerate(rows):
            if inner[i] == k:
                probs[i] = [model.probability(f) for f in fs]
    lists = [coordinated_lists(g.text, [c.span for c in r[0]]) for g, r in zip(gold, rows, strict=True)]
    pairs = [
        _constant(part_whole_pairs(g.text, tuple(c.span for c in r[0])))
        for g, r in zip(gold, rows, strict=True)
    ]
    reranker = train_reranker(gold, rows, probs) if rerank else None
    if reranker is not None:
        probs = [reranker.probabilities(g.text, r[0], p) for g, r, p in zip(gold, rows, probs, strict=True)]

    def f1_of(decode: LinkModel, gated: list[float] | None = None, bar: float = 0.0) -> float:
        predicted = [
            [r[0][j].span for j in decode.choose(p, ls, pairs[i])] if gated is None or gated[i] >= bar else []
            for i, (r, p, ls) in enumerate(zip(rows, probs, lists, strict=True))
        ]
        return float(score_links(gold, predicted)["f1"])

    def tuned(
        thresholds: tuple[float, ...], bars: tuple[float, ...], gated: list[float] | None
    ) -> tuple[float, float, float, float, float, float]:
        grid: dict[tuple[int, ...], float] = {
            (a, b, c): f1_of(LinkModel({}, 0.0, thresholds[b], _EXTRAS[c]), gated, bars[a])
            for a, b, c in itertools.product(range(len(bars)), range(len(thresholds)), range(len(_EXTRAS)))
        }
        a, b, c = _steadiest(grid)
        bar, threshold, extra = bars[a], thresholds[b], _EXTRAS[c]
        lists_f1: dict[tuple[int, ...], float] = {
            (i,): f1_of(LinkModel({}, 0.0, threshold, extra, v), gated, bar)
            for i, v in enumerate(_LIST_EXTRAS)
        }
        list_extra = _LIST_EXTRAS[_steadiest(lists_f1)[0]]
        wholes = (0.0, *_WHOLE_EXTRAS)
        wholes_f1: dict[tuple[int, ...], float] = {
            (i,): f1_of(LinkModel({}, 0.0, threshold, extra, list_extra, whole_extra=v), gated, bar)
            for i, v in enumerate(wholes)
        }
        (w,) = _steadiest(wholes_f1)
        return wholes_f1[(w,)], threshold, extra, list_extra, bar, wholes[w]

    record_gate = None
    if not gate:
        best = tuned(_THRESHOLDS, (0.0,), None)
    else:
        split = [_fold_of(g.text, folds, salt="gate") for g in gold]
        gated = [0.0] * len(gold)
        for k in range(folds):
            part = [i for i in range(len(gold)) if split[i] != k]
            held = train_record_gate(
                [gold[i] for i in part], [rows[i] for i in part], [probs[i] for i in part], window=gate_window
            )
            for i in range(len(gold)):
                if split[i] == k:
                    gated[i] = held.probability(gold[i].text, gold[i].verb, rows[i][1], probs[i])
        best = tuned(_GATE_THRESHOLDS, _GATE_BARS, gated)
        full = train_record_gate(gold, rows, probs, window=gate_window)
        record_gate = replace(full, bar=best[4])
    model = train_link_model(_samples(rows), threshold=best[1], extra=best[2], list_extra=best[3])
    return replace(model, gate=record_gate, rerank=reranker, whole_extra=best[5])


def link_rows(gold: list[LinkGold], gazetteer: Any, *, syntax: bool = False) -> list[_Row]:
    """Each record's candidates, their features and whether each overlaps a gold location."""
    featuriser = LearnedLinkPredictor(gazetteer, model=LinkModel({}, 0.0, 0.5), syntax=syntax)
    rows = []
    for g in gold:
        cands, feats = featuriser.featurise(g.text, g.verb)
        labels = [any(c.span[0] < q[1] and q[0] < c.span[1] for q in g.locations) for c in cands]
        rows.append((cands, feats, labels))
    return rows


def cross_validate_links(
    gold: list[LinkGold],
    gazetteer: Any,
    *,
    folds: int = 5,
    with_pipeline: bool = False,
    rows: list[_Row] | None = None,
    rerank: bool = True,
    gate_window: int = GATE_WINDOW,
) -> dict[str, Any]:
    """Scores of link models trained on k-1 folds (grouped by sentence) and tested on the held-out fold
    (``fold_f1``: each fold's own F1, to tell a gain in every fold from one in a few); ``with_pipeline``
    also scores the pipeline's EventLinker using each fold's model (key ``pipeline``;
    the default features only: the pipeline's linker uses the shallow-syntax ones only under the
    embedding head)."""
    rows = link_rows(gold, gazetteer) if rows is None else rows
    predicted: list[list[Span]] = [[] for _ in gold]
    pipeline: list[list[Span]] = [[] for _ in gold]
    fold = [_fold_of(g.text, folds) for g in gold]
    for k in range(folds):
        train = [i for i in range(len(gold)) if fold[i] != k]
        model = fit_link_model(
            [gold[i] for i in train], [rows[i] for i in train], rerank=rerank, gate_window=gate_window
        )
        for i, (cands, fs, _) in enumerate(rows):
            if fold[i] == k:
                spans = tuple(c.span for c in cands)
                probs = model.scores(gold[i].text, cands, fs)
                if model.keeps_any(gold[i].text, gold[i].verb, fs, probs):
                    lists = coordinated_lists(gold[i].text, list(spans))
                    pairs = functools.partial(part_whole_pairs, gold[i].text, spans)
                    predicted[i] = [spans[j] for j in model.choose(probs, lists, pairs)]
        if with_pipeline:
            stage = StageLinkPredictor(gazetteer, use_model=True, link_model=model)
            for i, g in enumerate(gold):
                if fold[i] == k:
                    pipeline[i] = stage(g.text, g.verb)
    scores = score_links(gold, predicted)
    scores["fold_f1"] = [
        score_links(
            [g for g, f in zip(gold, fold, strict=True) if f == k],
            [p for p, f in zip(predicted, fold, strict=True) if f == k],
        )["f1"]
        for k in range(folds)
    ]
    if with_pipeline:
        scores["pipeline"] = score_links(gold, pipeline)
    return scores


def main(argv: list[str] | None = None) -> int:
    """Train the link model: ``python -m geo.evaluation.links GOLD.jsonl [--out FILE]``; prints CV scores."""
    import argparse

    from geo.gazetteer import Gazetteer
    from geo.gazetteer_build import ensure_gazetteer

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--out", type=Path, default=None, help="where to write the model JSON")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--pipeline", action="store_true", help="also cross-validate the pipeline's linker")
    parser.add_argument(
        "--agreement",
        action="store_true",
        help="only score the file's second annotations of a record against its first (annotator agreement, "
        "a ceiling for any model trained on it) and stop",
    )
    parser.add_argument(
        "--syntax",
        action="store_true",
        help="with the shallow-syntax features (geo.link_syntax): the model beneath the embedding head, "
        "geo/data/event_link_model_syntax.json",
    )
    parser.add_argument(
        "--rerank",
        action="store_true",
        help="with the second stage (rescoring each name from all the verb's names' scores): +0.006 F1 in "
        "this CV for +5%% instructions an article in the pipeline, so the packaged model goes without",
    )
    parser.add_argument(
        "--gate-window",
        type=int,
        default=GATE_WINDOW,
        help="tokens either side of the verb whose static word-piece vector the record gate reads "
        f"(0: none; default {GATE_WINDOW})",
    )
    args = parser.parse_args(argv)
    if args.syntax and args.pipeline:
        parser.error("--pipeline scores the default features; leave out --syntax")
    gold, _ = read_links_gold(args.gold)
    if args.agreement:
        print(json.dumps({"agreement": annotator_agreement(gold)}))
        return 0
    gazetteer = Gazetteer.open(ensure_gazetteer())
    rows = link_rows(gold, gazetteer, syntax=args.syntax)
    cv = cross_validate_links(
        gold,
        gazetteer,
        folds=args.folds,
        with_pipeline=args.pipeline,
        rows=rows,
        rerank=args.rerank,
        gate_window=args.gate_window,
    )
    keys = ("n", "precision", "recall", "f1", "exact_f1", "no_location_accuracy")
    print(json.dumps({k: cv[k] for k in (*keys, "fold_f1")}))
    if args.pipeline:
        print(json.dumps({"pipeline": {k: cv["pipeline"][k] for k in keys}}))
    if args.out is not None:
        model = fit_link_model(gold, rows, rerank=args.rerank, gate_window=args.gate_window)
        from geo.evaluation.types import file_sha256

        raw = {
            "trained_on_sha256": file_sha256(args.gold),
            "cv": {k: cv[k] for k in ("precision", "recall", "f1")},
        }
        if args.pipeline:
            raw["cv_pipeline"] = {k: cv["pipeline"][k] for k in ("precision", "recall", "f1")}
        raw.update(model.to_json())
        args.out.write_text(json.dumps(raw, separators=(",", ":")) + "\n", encoding="utf-8")
    return 0


__all__ = [
    "LearnedLinkPredictor",
    "LinkCandidate",
    "LinkGold",
    "LinkModel",
    "Predictor",
    "StageLinkPredictor",
    "annotator_agreement",
    "cross_validate_links",
    "evaluate_links",
    "fit_link_model",
    "link_rows",
    "read_links_gold",
    "score_links",
    "train_link_model",
    "train_record_gate",
    "train_reranker",
]


if __name__ == "__main__":
    raise SystemExit(main())
