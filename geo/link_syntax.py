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
from importlib import resources

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


class _Sentence:
    """The tokens of a sentence with their classes and offsets (once per sentence)."""

    __slots__ = ("classes", "ends", "low", "starts")

    def __init__(self, text: str) -> None:
        found = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
        self.starts = [s for s, _, _ in found]
        self.ends = [e for _, e, _ in found]
        self.low = [t.lower() for _, _, t in found]
        self.classes = [_word_class(t) for _, _, t in found]

    def first_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def last_before(self, offset: int) -> int:
        """Index of the last token ending at or before ``offset`` (-1: none)."""
        return bisect.bisect_right(self.ends, offset) - 1


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


def _path(classes: Sequence[str]) -> str:
    """The classes between two points with repeats collapsed and words (w, N, D, #) merged into 'x'."""
    out: list[str] = []
    for cls in classes:
        sym = "x" if cls in "wND#" else cls
        if not out or out[-1] != sym:
            out.append(sym)
    return "".join(out)


def syntax_features(
    text: str, verb: Span, spans: Sequence[Span], only: Collection[int] | None = None
) -> list[set[str]]:
    """The shallow-syntax features of each candidate span relative to the verb (empty sets for those
    not in ``only``, when given)."""
    sent = _sentence(text)
    v_first = sent.first_at(verb[0])
    v_last = max(v_first, sent.last_before(verb[1]))
    passive = any(
        sent.low[j] in _word_classes()[1]
        for j in range(max(0, v_first - 3), v_first)
        if sent.classes[j] in "A"
    )
    heads: list[tuple[str, int]] = []
    firsts: list[int] = []
    lasts: list[int] = []
    for s, e in spans:
        first = sent.first_at(s)
        firsts.append(first)
        lasts.append(max(first, sent.last_before(e)))
        heads.append(_phrase_head(sent, first))
    # the nearest locative phrase on each side of the verb, with no clause break in between
    nearest: dict[str, int] = {}
    for i in sorted(range(len(spans)), key=lambda i: min(abs(firsts[i] - v_last), abs(v_first - lasts[i]))):
        head = heads[i][0]
        if not head or _word_classes()[0].get(head) != "L":
            continue
        side = "before" if lasts[i] < v_first else "after"
        between = (
            sent.classes[lasts[i] + 1 : v_first] if side == "before" else sent.classes[v_last + 1 : firsts[i]]
        )
        if any(c in "RK;S" for c in between):
            continue
        nearest.setdefault(side, i)
    out: list[set[str]] = []
    for i in range(len(spans)):
        if only is not None and i not in only:
            out.append(set())
            continue
        first, last = firsts[i], lasts[i]
        head, head_at = heads[i]
        side = "before" if last < v_first else "after"
        lo, hi = (last + 1, v_first) if side == "before" else (v_last + 1, first)
        between = sent.classes[lo:hi]
        path = _path(between)
        f = {
            f"syn_head={head or 'none'}",
            f"syn_head_side={head or 'none'}_{side}",
            f"syn_path={side}_{path[:6]}",
            f"syn_path_end={side}_{path[-3:]}",
            f"syn_voice={'passive' if passive else 'active'}_{side}",
        }
        if head and head_at >= 0:
            # what lies between the verb and the phrase's preposition: "killed [5 people] in X"
            if side == "after" and head_at > v_last:
                f.add(f"syn_to_head={_path(sent.classes[v_last + 1 : head_at])[:4]}")
            elif side == "before":
                f.add(f"syn_head_before={head}_{_path(sent.classes[last + 1 : v_first])[:4]}")
        breaks = [c for c in between if c in "RK;S"]
        if breaks:
            f.add(f"syn_break={side}_{breaks[0]}")
            f.add(f"syn_nbreaks={min(len(breaks), 3)}")
        n_verbs = sum(1 for c in between if c in "VA")
        f.add(f"syn_verbs_between={min(n_verbs, 3)}")
        if nearest.get(side) == i:
            f.add(f"syn_nearest_loc_{side}")
            if side == "after" or "after" not in nearest:
                f.add("syn_nearest_loc")
        if side == "before" and not head and all(c in "wND#A" for c in between):
            f.add("syn_subject_pos")  # "Taliban fighters attacked", "Kabul was shelled"
        if side == "after" and all(c in "D" for c in between):
            f.add("syn_object_pos")  # "stormed the Kabul ..."
        # lists of names: "in X, Y and Z"
        prev_tok = sent.low[first - 1] if first > 0 else "^"
        next_tok = sent.low[last + 1] if last + 1 < len(sent.low) else "$"
        if prev_tok in (",", "and", "or") and any(
            lasts[j] in (first - 2, first - 3) for j in range(len(spans)) if j != i
        ):
            f.add("syn_list_later")
        if next_tok in (",", "and", "or") and any(
            firsts[j] in (last + 2, last + 3) for j in range(len(spans)) if j != i
        ):
            f.add("syn_list_before")
        if prev_tok == "(" or next_tok == ")":
            f.add("syn_paren")
        if next_tok in ("'s", "’s") or sent.low[last].endswith(("'s", "’s")):
            f.add("syn_possessive")
        out.append(f)
    return out


__all__ = ["syntax_features"]
