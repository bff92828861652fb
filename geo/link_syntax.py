"""Shallow-syntax features of a candidate place name relative to an event verb (no parser).

Stand-ins for a dependency path, read off word classes: the preposition heading the name's phrase
("in the West Bank city of X" -> ``in``), the path of word classes between the verb and the name
(prepositions, clause breaks, other verbs), the verb's voice, subject/object positions, lists of names,
and which candidate is the nearest locative phrase of the verb's own clause.  The link model
(``geo.link_model``) adds these sets to its other features; they depend on the sentence, the verb and
the candidates' spans only.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from importlib import resources

from geo.memo import document_memo

Span = tuple[int, int]
_TOKEN = re.compile(r"[\w'’]+(?:-[\w'’]+)*|[^\w\s]")

WORDS_FILE = "link_syntax_words.json"


@functools.cache
def _word_classes() -> tuple[dict[str, str], frozenset[str]]:
    """Word -> class (L, P, D, R, K, S, A; the first list naming a word wins) and the forms of 'be'."""
    raw = json.loads(resources.files("geo.data").joinpath(WORDS_FILE).read_text("utf-8"))
    classes: dict[str, str] = {}
    for cls in "LPDRKSA":
        for word in raw[cls]:
            classes.setdefault(word, cls)
    return classes, frozenset(raw["B"])


_BREAK_PUNCT = frozenset(';:"“”()—')


def _word_class(tok: str) -> str:
    """A coarse class of one token: P/L (preposition, locative), D, R (relative), K (conjunction),
    S (speech), A (auxiliary), V (-ed/-ing word), N (capitalised), # (number), ',' or '.' (breaks), w."""
    low = tok.lower()
    cls = _word_classes()[0].get(low)
    if cls is not None:
        return cls
    if tok == ",":
        return ","
    if tok in _BREAK_PUNCT:
        return ";"
    if not tok[0].isalnum():
        return "."
    if tok[0].isdigit():
        return "#"
    if tok[0].isupper():
        return "N"
    if len(low) > 4 and (low.endswith("ed") or low.endswith("ing")):
        return "V"
    return "w"


_WORDISH = str.maketrans("wND#", "xxxx")
_REPEATS = re.compile(r"(.)\1+")
_BREAKS = re.compile("[RK;S]")
_NOT_SUBJECT = re.compile("[^wND#A]")
_NOT_DET = re.compile("[^D]")


@functools.lru_cache(maxsize=16384)
def _class_of(tok: str) -> str:
    """``_word_class`` memoised: news repeats its words."""
    return _word_class(tok)


class _Sentence:
    """The tokens of a sentence: offsets, lower-cased words and their classes as one string (one
    character a token, so that a stretch of the sentence is a slice and a regex can read it)."""

    __slots__ = ("classes", "ends", "low", "starts")

    def __init__(self, text: str) -> None:
        starts: list[int] = []
        ends: list[int] = []
        toks: list[str] = []
        for m in _TOKEN.finditer(text):
            starts.append(m.start())
            ends.append(m.end())
            toks.append(m.group(0))
        self.starts = starts
        self.ends = ends
        self.low = [t.lower() for t in toks]
        self.classes = "".join([_class_of(t) for t in toks])

    def first_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def last_before(self, offset: int) -> int:
        """Index of the last token ending at or before ``offset`` (-1: none)."""
        return bisect.bisect_right(self.ends, offset) - 1


@document_memo
@functools.lru_cache(maxsize=1024)
def _sentence(text: str) -> _Sentence:
    return _Sentence(text)


def _phrase_head(sent: _Sentence, first: int) -> tuple[str, int]:
    """The preposition heading the noun phrase that starts at token ``first`` and its index: walk
    back over determiners, modifiers, capitalised words, numbers and "of" ("in the northern
    city of X", "near the town of X"), at most 7 tokens; ('', -1) when a verb, a break or the start
    of the sentence comes first."""
    i = first - 1
    steps = 0
    while i >= 0 and steps < 7:
        cls = sent.classes[i]
        if cls == "L" or (cls == "P" and sent.low[i] != "of"):
            return sent.low[i], i
        if cls in "DNw#" or sent.low[i] in ("of", "-", "'s", "’s"):
            i -= 1
            steps += 1
            continue
        break
    return "", -1


@functools.lru_cache(maxsize=16384)
def _path(classes: str) -> str:
    """The classes between two points with words (w, N, D, #) merged into 'x' and repeats collapsed."""
    return _REPEATS.sub(r"\1", classes.translate(_WORDISH))


@functools.lru_cache(maxsize=16384)
def _between_features(between: str, side: str) -> frozenset[str]:
    """Clause breaks and other verbs between the name and the verb (memoised by the class string)."""
    out = {f"syn_verbs_between={min(between.count('V') + between.count('A'), 3)}"}
    breaks = _BREAKS.findall(between)
    if breaks:
        out.add(f"syn_break={side}_{breaks[0]}")
        out.add(f"syn_nbreaks={min(len(breaks), 3)}")
    return frozenset(out)


@dataclass(frozen=True, slots=True)
class _View:
    """What every candidate's features need of the sentence, the verb and all candidates (once per
    event: the linker asks for some candidates first and maybe the rest later)."""

    sent: _Sentence
    v_first: int
    v_last: int
    passive: bool
    firsts: tuple[int, ...]
    lasts: tuple[int, ...]
    heads: tuple[tuple[str, int], ...]
    nearest: dict[str, int]  # the nearest locative phrase on each side with no clause break between


@document_memo
@functools.lru_cache(maxsize=1024)
def _view(text: str, verb: Span, spans: tuple[Span, ...]) -> _View:
    sent = _sentence(text)
    classes = sent.classes
    v_first = sent.first_at(verb[0])
    v_last = max(v_first, sent.last_before(verb[1]))
    be = _word_classes()[1]
    passive = any(sent.low[j] in be for j in range(max(0, v_first - 3), v_first) if classes[j] == "A")
    firsts = tuple(sent.first_at(s) for s, _ in spans)
    lasts = tuple(max(first, sent.last_before(e)) for first, (_, e) in zip(firsts, spans, strict=True))
    heads = tuple(_phrase_head(sent, first) for first in firsts)
    nearest: dict[str, int] = {}
    word_class = _word_classes()[0]
    for i in sorted(range(len(spans)), key=lambda i: min(abs(firsts[i] - v_last), abs(v_first - lasts[i]))):
        head = heads[i][0]
        if not head or word_class.get(head) != "L":
            continue
        side = "before" if lasts[i] < v_first else "after"
        between = classes[lasts[i] + 1 : v_first] if side == "before" else classes[v_last + 1 : firsts[i]]
        if _BREAKS.search(between):
            continue
        nearest.setdefault(side, i)
    return _View(sent, v_first, v_last, passive, firsts, lasts, heads, nearest)


def syntax_features(
    text: str, verb: Span, spans: Sequence[Span], only: Collection[int] | None = None
) -> list[set[str]]:
    """The shallow-syntax features of each candidate span relative to the verb (empty sets for those
    not in ``only``, when given)."""
    view = _view(text, verb, tuple(spans))
    return [set() if only is not None and i not in only else _candidate(view, i) for i in range(len(spans))]


def _candidate(view: _View, i: int) -> set[str]:
    """The features of candidate ``i`` of ``view``."""
    sent, classes = view.sent, view.sent.classes
    v_first, v_last = view.v_first, view.v_last
    first, last = view.firsts[i], view.lasts[i]
    head, head_at = view.heads[i]
    side = "before" if last < v_first else "after"
    between = classes[last + 1 : v_first] if side == "before" else classes[v_last + 1 : first]
    path = _path(between)
    head_name = head or "none"
    f = {
        f"syn_head={head_name}",
        f"syn_head_side={head_name}_{side}",
        f"syn_path={side}_{path[:6]}",
        f"syn_path_end={side}_{path[-3:]}",
        f"syn_voice={'passive' if view.passive else 'active'}_{side}",
    }
    if head and head_at >= 0:
        # what lies between the verb and the phrase's preposition: "killed [5 people] in X"
        if side == "after" and head_at > v_last:
            f.add(f"syn_to_head={_path(classes[v_last + 1 : head_at])[:4]}")
        elif side == "before":
            f.add(f"syn_head_before={head}_{path[:4]}")
    f |= _between_features(between, side)
    if view.nearest.get(side) == i:
        f.add(f"syn_nearest_loc_{side}")
        if side == "after" or "after" not in view.nearest:
            f.add("syn_nearest_loc")
    if side == "before" and not head and not _NOT_SUBJECT.search(between):
        f.add("syn_subject_pos")  # "Taliban fighters attacked", "Kabul was shelled"
    if side == "after" and not _NOT_DET.search(between):
        f.add("syn_object_pos")  # "stormed the Kabul ..."
    # lists of names: "in X, Y and Z"
    low = sent.low
    prev_tok = low[first - 1] if first > 0 else "^"
    next_tok = low[last + 1] if last + 1 < len(low) else "$"
    # (no candidate ends before its own start or starts after its own end: no need to skip itself)
    if prev_tok in (",", "and", "or") and (first - 2 in view.lasts or first - 3 in view.lasts):
        f.add("syn_list_later")
    if next_tok in (",", "and", "or") and (last + 2 in view.firsts or last + 3 in view.firsts):
        f.add("syn_list_before")
    if prev_tok == "(" or next_tok == ")":
        f.add("syn_paren")
    if next_tok in ("'s", "’s") or low[last].endswith(("'s", "’s")):
        f.add("syn_possessive")
    return f


__all__ = ["syntax_features"]
