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
"""

from __future__ import annotations

import bisect
import functools
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from geo.errors import GoldFormatError

Span = tuple[int, int]
_WORD = re.compile(r"\w+")


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
    Mentions the gazetteer cannot place still count as spans here (``resolved_only=False``).
    """

    def __init__(self, gazetteer: Any, *, use_model: bool = False, link_model: Any = None) -> None:
        from geo.events import EventExtractor
        from geo.linking import EventLinker
        from geo.resolve import Resolver
        from geo.toponyms import ToponymRecognizer

        self.recognizer = ToponymRecognizer(gazetteer)
        self.resolver = Resolver(gazetteer)
        self.extractor = EventExtractor()
        self.linker = EventLinker(gazetteer, use_model=use_model, link_model=link_model)

    def __call__(self, text: str, verb: Span) -> list[Span]:
        from dataclasses import replace

        from geo.events import clause_bounds
        from geo.records import Document, Event

        doc = self.resolver(self.recognizer(Document(id="gold", text=text)))
        doc = replace(doc, places=tuple(rp for rp in doc.places if rp.mention.kind == "name"))
        span = (0, len(text))
        event = Event("gold", "gold", text, span, verb, "", "")
        others = []
        for ev in self.extractor.sentence_events(doc, 0, len(text)):
            c_start, c_end = clause_bounds(text, 0, len(text), *ev.trigger)
            if not (c_start <= verb[0] < c_end):  # an event whose clause holds the verb is the verb's own
                others.append(ev)
        others = [replace(ev, sentence_span=span) for ev in others]
        choices = self.linker.in_sentence(doc, event, others=others, resolved_only=False)
        return [(c.place.mention.start, c.place.mention.end) for c in choices]


# ---------------------------------------------------------------- the learned link predictor

_TOK = re.compile(r"[\w'’]+|[^\w\s]")
_CAPITALISED = re.compile(
    r"(?<![\w'’-])(?:[A-Z][\w'’-]*|al-[A-Z][\w'’-]*)(?:\s+(?:al-|el-|de\s+|of\s+)?[A-Z][\w'’-]*)*"
)
_SAID = re.compile(r"\b(?:said|says|told|according)\b")
_PUNCT = re.compile(r"[;:\"“”]")
LINK_MODEL_FILE = "event_link_model.json"


def _bucket(n: int) -> str:
    for b in (0, 1, 2, 3, 5, 8, 12, 20):
        if n <= b:
            return str(b)
    return "far"


@dataclass(frozen=True, slots=True)
class LinkCandidate:
    """A name in the sentence that could be the event's place: its span and gazetteer level."""

    span: Span
    #: "cty", "adm1", "adm2", "town" (resolved), "none" (recognised, unresolved), "unk" (capitalised only)
    level: str


def candidate_features(
    text: str, verb: Span, cands: list[LinkCandidate], triggers: list[Span]
) -> list[set[str]]:
    """Features of each candidate relative to the verb: words around it, direction and distance,
    what lies between (commas, 'said', other names, other event triggers), attachment and speech cues."""
    vs, ve = verb
    spans = [c.span for c in cands]
    order = sorted(spans, key=lambda sp: min(abs(sp[0] - ve), abs(vs - sp[1])))
    verb_f = f"verb={text[vs:ve].lower()}"
    ncand_f = f"ncand={_bucket(len(cands))}"
    out: list[set[str]] = []
    for cand, ctx in zip(cands, _contexts(text, tuple(cands)), strict=True):
        s, e = cand.span
        lvl = cand.level
        side = "before" if e <= vs else "after"
        n_tok, gap_words, commas, said, punct = _gap(text, e, vs) if side == "before" else _gap(text, ve, s)
        dist = _bucket(n_tok)

        def between(a: Span, side: str = side, s: int = s, e: int = e) -> bool:
            return (side == "before" and e <= a[0] and a[1] <= vs) or (
                side == "after" and ve <= a[0] and a[1] <= s
            )

        names_between = sum(1 for o in spans if o != cand.span and between(o))
        trig_between = sum(1 for t in triggers if not (t[0] < ve and vs < t[1]) and between(t))
        f = {
            ctx.lvl,
            ctx.p1,
            ctx.p2,
            ctx.n1,
            ctx.n2,
            ctx.p1n1,
            f"dir={side}",
            f"dist={dist}",
            f"dirdist={side}{dist}",
            f"dirp1={side}_{ctx.prev}",
            f"commas={_bucket(commas)}",
            f"cands_between={_bucket(names_between)}",
            f"trig_between={_bucket(trig_between)}",
            ctx.att,
            f"rank={_bucket(order.index(cand.span))}",
            ncand_f,
            verb_f,
            ctx.words,
            ctx.lvl_p1,
            f"lvl_dir_dist={lvl}{side}{dist}",
        }
        if len(gap_words) <= 3:
            f.add(f"gap={side}_{'_'.join(gap_words)}")
        for first, second in ctx.neighbours:  # "Sousan in northern Aleppo": context names
            f |= {first, second}
        if said:
            f.add("said_between")
        if punct:
            f.add("punct_between")
        if ctx.speech:
            f.add("speech")
        if s == 0:
            f.add("initial")
        out.append(f)
    return out


@dataclass(frozen=True, slots=True)
class _Context:
    """The features of a candidate that do not depend on the verb (computed once per sentence)."""

    lvl: str
    p1: str
    p2: str
    n1: str
    n2: str
    p1n1: str
    att: str
    words: str
    lvl_p1: str
    prev: str  # the word before the name, lower-cased ("^" at the start)
    neighbours: tuple[tuple[str, str], ...]
    speech: bool


@functools.lru_cache(maxsize=4096)
def _contexts(text: str, cands: tuple[LinkCandidate, ...]) -> tuple[_Context, ...]:
    """Verb-independent features of each candidate, memoised: every event of a sentence shares them."""
    from geo.linking import attachment, is_speech_place

    out = []
    few_tokens = _token_counter(text)
    for cand in cands:
        s, e = cand.span
        lvl = cand.level
        before = _TOK.findall(text[max(0, s - 60) : s])
        after = _TOK.findall(text[e : e + 40])
        p1 = before[-1].lower() if before else "^"
        p2 = before[-2].lower() if len(before) > 1 else "^"
        n1 = after[0].lower() if after else "$"
        n2 = after[1].lower() if len(after) > 1 else "$"
        att = attachment(text, s, 0)
        neighbours: list[tuple[str, str]] = []
        for other in cands:  # "Sousan in northern Aleppo", "X District of Y Province": context names
            if other.span[1] <= s and few_tokens(other.span[1], s):
                words = "_".join(_TOK.findall(text[other.span[1] : s].lower()))
                neighbours.append((f"after_cand={words}", f"after_cand_lvl={words}_{other.level}_{lvl}"))
            if other.span[0] >= e and few_tokens(e, other.span[0]):
                words = "_".join(_TOK.findall(text[e : other.span[0]].lower()))
                neighbours.append((f"before_cand={words}", f"before_cand_lvl={words}_{lvl}_{other.level}"))
        out.append(
            _Context(
                lvl=f"lvl={lvl}",
                p1=f"p1={p1}",
                p2=f"p2={p2}_{p1}",
                n1=f"n1={n1}",
                n2=f"n2={n1}_{n2}",
                p1n1=f"p1n1={p1}_{n1}",
                att=f"att={att.split()[0].lower() if att else 'none'}",
                words=f"words={_bucket(len(text[s:e].split()))}",
                lvl_p1=f"lvl_p1={lvl}_{p1}",
                prev=p1,
                neighbours=tuple(neighbours),
                speech=is_speech_place(text, s, e, 0),
            )
        )
    return tuple(out)


def _token_counter(text: str) -> Callable[[int, int], bool]:
    """``few_tokens(a, b)``: whether ``_TOK.findall(text[a:b])`` has at most 3 tokens, from one
    tokenisation of ``text``: a token of a slice is a token of the text cut to it, so the count is
    the number of the text's tokens that overlap [a, b)."""
    tokens = [(m.start(), m.end()) for m in _TOK.finditer(text)]
    starts = [t[0] for t in tokens]
    ends = [t[1] for t in tokens]

    def few_tokens(a: int, b: int) -> bool:
        if a >= b:
            return True
        return bisect.bisect_left(starts, b) - bisect.bisect_right(ends, a) <= 3

    return few_tokens


@functools.lru_cache(maxsize=16384)
def _gap(text: str, a: int, b: int) -> tuple[int, tuple[str, ...], int, bool, bool]:
    """What lies in text[a:b] between a name and the verb: its token count, lower-cased tokens,
    commas, and whether it holds a verb of speech or strong punctuation."""
    gap = text[a:b]
    return (
        len(_TOK.findall(gap)),
        tuple(_TOK.findall(gap.lower())),
        gap.count(","),
        bool(_SAID.search(gap)),
        bool(_PUNCT.search(gap)),
    )


@dataclass(frozen=True, slots=True)
class LinkModel:
    """Binary logistic regression over candidate features (scaled by 1/sqrt(#features)) and a threshold."""

    weights: dict[str, float]
    bias: float
    threshold: float
    extra: float = 0.5
    veto: float = 0.1  # the pipeline drops a place attached by words when the model rates it below this

    def choose(self, probabilities: list[float]) -> list[int]:
        """Indices kept: the most probable candidate if it reaches ``threshold``, and with it any other
        candidate reaching ``extra`` (several places of one event)."""
        if not probabilities:
            return []
        best = max(range(len(probabilities)), key=probabilities.__getitem__)
        if probabilities[best] < self.threshold:
            return []
        return [i for i, p in enumerate(probabilities) if i == best or p >= self.extra]

    def probability(self, feats: set[str]) -> float:
        weights = self.weights
        known = [w for f in feats if (w := weights.get(f)) is not None]
        z = self.bias + (sum(known) / math.sqrt(len(known)) if known else 0.0)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict[str, Any]:
        return {
            "bias": round(self.bias, 4),
            "threshold": self.threshold,
            "weights": dict(sorted(self.weights.items())),
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> LinkModel:
        return cls(
            {str(k): float(v) for k, v in raw["weights"].items()},
            float(raw["bias"]),
            float(raw["threshold"]),
            float(raw.get("extra", 0.5)),
            float(raw.get("veto", 0.1)),
        )


def train_link_model(
    samples: list[tuple[set[str], bool]],
    *,
    min_count: int = 2,
    l2: float = 1e-6,
    iterations: int = 1200,
    step: float = 0.1,
    threshold: float = 0.25,
    extra: float = 0.5,
    keep: float = 0.005,
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
    weights = {f: round(float(w[i]), 3) for f, i in vocab.items() if abs(w[i]) >= keep}
    return LinkModel(weights, float(b), threshold, extra)


@functools.cache
def packaged_link_model() -> LinkModel:
    """The link model shipped in ``geo/data/event_link_model.json`` (``python -m geo.evaluation.links``)."""
    raw = json.loads(resources.files("geo.data").joinpath(LINK_MODEL_FILE).read_text("utf-8"))
    return LinkModel.from_json(raw)


def level_of(place: Any) -> str:
    """A candidate's gazetteer level as the model sees it (``none``: recognised but unresolved)."""
    if place is None:
        return "none"
    return {0: "cty", 1: "adm1", 2: "adm2"}.get(place.admin_level, "town")


def with_unknown_names(text: str, verb: Span, known: list[LinkCandidate]) -> list[LinkCandidate]:
    """``known`` plus every capitalised name that overlaps none of them (level ``unk``), in text order."""
    found = {c.span: c.level for c in known}
    for m in _CAPITALISED.finditer(text):
        span = (m.start(), m.end())
        if any(s < span[1] and span[0] < e for s, e in found) or span[0] <= verb[0] < span[1]:
            continue
        found[span] = "unk"
    return [LinkCandidate(span, level) for span, level in sorted(found.items())]


def link_features(
    text: str, verb: Span, cands: list[LinkCandidate], rule_picks: list[Span]
) -> list[set[str]]:
    """The model's features of each candidate: ``candidate_features`` plus whether the rules
    (``EventLinker`` without the model) pick it."""
    from geo.events import find_hits

    triggers = [(h.start, h.end) for h in find_hits(text)]
    feats = candidate_features(text, verb, cands, triggers)
    for cand, f in zip(cands, feats, strict=True):
        rule = "pick" if any(s < cand.span[1] and cand.span[0] < e for s, e in rule_picks) else "no"
        f.update(
            {f"rule={rule}", f"rule_lvl={rule}_{cand.level}", f"rule_n={rule}_{_bucket(len(rule_picks))}"}
        )
    return feats


class LearnedLinkPredictor:
    """Candidates = recognised place names plus other capitalised names; the link model keeps those
    whose probability of being the verb's place reaches its threshold."""

    def __init__(self, gazetteer: Any, model: LinkModel | None = None) -> None:
        from geo.resolve import Resolver
        from geo.toponyms import ToponymRecognizer

        self.recognizer = ToponymRecognizer(gazetteer)
        self.resolver = Resolver(gazetteer)
        self.rules = StageLinkPredictor(gazetteer)
        self._model = model

    @property
    def model(self) -> LinkModel:
        return self._model or packaged_link_model()

    def candidates(self, text: str, verb: Span) -> list[LinkCandidate]:
        """Recognised names (with their gazetteer level) and unrecognised capitalised names."""
        from geo.records import Document

        doc = self.resolver(self.recognizer(Document(id="gold", text=text)))
        known = [
            LinkCandidate((rp.mention.start, rp.mention.end), level_of(rp.place))
            for rp in doc.places
            if rp.mention.kind == "name"
        ]
        return with_unknown_names(text, verb, known)

    def featurise(self, text: str, verb: Span) -> tuple[list[LinkCandidate], list[set[str]]]:
        """Candidates and their features, including whether the pipeline's rules pick each one."""
        cands = self.candidates(text, verb)
        return cands, link_features(text, verb, cands, self.rules(text, verb))

    def __call__(self, text: str, verb: Span) -> list[Span]:
        cands, feats = self.featurise(text, verb)
        model = self.model
        return [cands[i].span for i in model.choose([model.probability(f) for f in feats])]


def _fold_of(text: str, folds: int) -> int:
    """Records of the same sentence (one per verb) always fall in the same fold."""
    import hashlib

    return int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16) % folds


def cross_validate_links(
    gold: list[LinkGold], gazetteer: Any, *, folds: int = 5, with_pipeline: bool = False
) -> dict[str, Any]:
    """Scores of link models trained on k-1 folds (grouped by sentence) and tested on the held-out fold;
    ``with_pipeline`` also scores the pipeline's EventLinker using each fold's model (key ``pipeline``)."""
    featuriser = LearnedLinkPredictor(gazetteer, model=LinkModel({}, 0.0, 0.5))
    rows = []
    for g in gold:
        cands, feats = featuriser.featurise(g.text, g.verb)
        labels = [any(c.span[0] < q[1] and q[0] < c.span[1] for q in g.locations) for c in cands]
        rows.append((cands, feats, labels))
    predicted: list[list[Span]] = [[] for _ in gold]
    pipeline: list[list[Span]] = [[] for _ in gold]
    fold = [_fold_of(g.text, folds) for g in gold]
    for k in range(folds):
        train = [
            (f, lab)
            for i, (_, fs, ls) in enumerate(rows)
            if fold[i] != k
            for f, lab in zip(fs, ls, strict=True)
        ]
        model = train_link_model(train)
        for i, (cands, fs, _) in enumerate(rows):
            if fold[i] == k:
                predicted[i] = [cands[j].span for j in model.choose([model.probability(f) for f in fs])]
        if with_pipeline:
            stage = StageLinkPredictor(gazetteer, use_model=True, link_model=model)
            for i, g in enumerate(gold):
                if fold[i] == k:
                    pipeline[i] = stage(g.text, g.verb)
    if with_pipeline:
        scores = score_links(gold, predicted)
        scores["pipeline"] = score_links(gold, pipeline)
        return scores

    return score_links(gold, predicted)


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
    args = parser.parse_args(argv)
    gold, _ = read_links_gold(args.gold)
    gazetteer = Gazetteer.open(ensure_gazetteer())
    cv = cross_validate_links(gold, gazetteer, folds=args.folds, with_pipeline=args.pipeline)
    keys = ("n", "precision", "recall", "f1", "exact_f1", "no_location_accuracy")
    print(json.dumps({k: cv[k] for k in keys}))
    if args.pipeline:
        print(json.dumps({"pipeline": {k: cv["pipeline"][k] for k in keys}}))
    if args.out is not None:
        featuriser = LearnedLinkPredictor(gazetteer, model=LinkModel({}, 0.0, 0.5))
        samples = []
        for g in gold:
            cands, feats = featuriser.featurise(g.text, g.verb)
            for c, f in zip(cands, feats, strict=True):
                samples.append((f, any(c.span[0] < q[1] and q[0] < c.span[1] for q in g.locations)))
        model = train_link_model(samples)
        from geo.evaluation.types import file_sha256

        raw = {
            "trained_on_sha256": file_sha256(args.gold),
            "cv": {k: cv[k] for k in ("precision", "recall", "f1")},
        }
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
    "candidate_features",
    "cross_validate_links",
    "evaluate_links",
    "read_links_gold",
    "score_links",
    "train_link_model",
]


if __name__ == "__main__":
    raise SystemExit(main())
