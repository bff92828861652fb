"""Fast tests of end-anchored cue patterns: does some cue end right at the end of this text?

Many cues are regexes anchored at the end of the words before a trigger or a place name
(``... (?:in|from|at)\\s+(?:the\\s+)?$``).  ``pattern.search(before)`` tries every start
position, each through a long case-insensitive alternation: tens of microseconds for 80
characters, asked for every trigger and every place.  The same question put to the reversed
text, with the reversed pattern anchored at its start, is one attempt.

``tail_test(pattern)`` builds that test when the pattern allows it: every path of it ends with
``$`` or ``\\Z`` (not both kinds), and it has no lookaround, back-reference, atomic or possessive
part, conditional, empty-matching repeated part, or multi-line mode.  Word boundaries are their
own mirror image, and the reversed text keeps every character's neighbours, so they test the
same.  Otherwise it falls back to ``pattern.search``.  Either way the answer is exactly
``pattern.search(text) is not None``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from geo.prefixes import ASCII_FOLDING, guard_branches, required_words

__all__ = ["reversed_pattern", "tail_search", "tail_test"]

TailTest = Callable[[str], bool]


class _Unsupported(Exception):
    """The pattern has a part the reversal does not handle."""


@functools.lru_cache(maxsize=256)
def tail_test(pattern: re.Pattern[str]) -> TailTest:
    """A function telling whether ``pattern.search(text)`` finds a match, for an end-anchored pattern."""
    found = reversed_pattern(pattern)
    if found is None:
        search = pattern.search
        return lambda text: search(text) is not None
    backwards, dollar = found
    match = backwards.match

    def test(text: str) -> bool:
        rev = text[::-1]
        if match(rev) is not None:
            return True
        # "$" also matches just before a final newline
        return dollar and rev[:1] == "\n" and match(rev, 1) is not None

    return test


#: by a pattern's identity: the pattern, its reversed pattern's ``match`` (None when it has none),
#: whether its end anchor is ``$``, and its word gate (``_word_gate``: a few words, an automaton of
#: many, or None)
_BY_ID: dict[
    int, tuple[re.Pattern[str], Callable[..., re.Match[str] | None] | None, bool, tuple[str, ...] | None, Any]
] = {}

#: a pattern with at most this many required words tests them one ``in`` each; one with more, an
#: Aho-Corasick automaton (when the pattern is long enough for its search to cost more than the scan)
_FEW_WORDS = 6
_LONG_PATTERN = 300


def _word_gate(pattern: re.Pattern[str]) -> tuple[tuple[str, ...] | None, Any]:
    """The quick "no" of ``tail_search``: the literal words (lower-cased) one of which every match of
    ``pattern`` holds (``geo.prefixes.required_words``), as a tuple when they are few, else as an
    Aho-Corasick automaton when the pattern is long; (None, None) when none is required or a gate
    would cost about what the search does (a short pattern of many words)."""
    words = required_words(pattern)
    if not words:
        return None, None
    if len(words) <= _FEW_WORDS:
        return tuple(sorted(words)), None
    if len(pattern.pattern) < _LONG_PATTERN:
        return None, None
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for word in sorted(words):
        automaton.add_word(word, word)
    automaton.make_automaton()
    return None, automaton


def tail_search(pattern: re.Pattern[str], text: str) -> bool:
    """``pattern.search(text) is not None`` for an end-anchored ``pattern``, as its ``tail_test`` tells
    it, inline (asked hundreds of times an article: one function call fewer each); the reversed
    pattern found by the pattern's identity (hashing a compiled pattern hashes its whole program).

    First a quick "no" where every match holds one of some literal words (``_word_gate``) and the
    lower-cased text holds none of them (most texts: the cues' words are rare, and a search that
    starts with optional words costs microseconds even where it fails at once); a text holding a
    non-ASCII character that folds onto an ASCII letter (``geo.prefixes.ASCII_FOLDING``) is always
    searched, as lower-casing does not see the engine's case folding of it."""
    hit = _BY_ID.get(id(pattern))
    if hit is None or hit[0] is not pattern:
        found = reversed_pattern(pattern)
        words, automaton = _word_gate(pattern)
        hit = _BY_ID[id(pattern)] = (
            (pattern, None, False, words, automaton)
            if found is None
            else (pattern, found[0].match, found[1], words, automaton)
        )
    words = hit[3]
    automaton = hit[4]
    if (words is not None or automaton is not None) and (
        text.isascii() or ASCII_FOLDING.search(text) is None
    ):
        low = text.lower()
        if words is not None:
            held = False
            for word in words:
                if word in low:
                    held = True
                    break
            if not held:
                return False
        elif next(automaton.iter(low), None) is None:
            return False
    match = hit[1]
    if match is None:
        return pattern.search(text) is not None
    rev = text[::-1]
    if match(rev) is not None:
        return True
    # "$" also matches just before a final newline
    return hit[2] and rev[:1] == "\n" and match(rev, 1) is not None


def reversed_pattern(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], bool] | None:
    """The pattern reversed, without its end anchors (to match at the start of the reversed text),
    and whether those anchors were ``$`` (rather than ``\\Z``); ``None`` when it cannot be reversed."""
    if not isinstance(pattern.pattern, str) or pattern.flags & (re.MULTILINE | re.VERBOSE):
        return None
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]
        from re import _constants as sre  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern.pattern, pattern.flags)
        if parsed.state.flags & re.MULTILINE:
            return None
        reverser = _Reverser(sre, _parser.SubPattern, parsed.state)
        body, anchors = reverser.strip_end(list(parsed.data))
        if len(anchors) != 1:
            return None
        # its case-insensitive word lists guarded: the engine skips the words the text does not start with
        guarded = guard_branches(reverser.sequence(body), pattern.flags | parsed.state.flags, parsed.state)
        backwards = _parser.SubPattern(parsed.state, guarded)
        compiled: re.Pattern[str] = _compiler.compile(backwards, pattern.flags)
    except (_Unsupported, ImportError, AttributeError, TypeError, ValueError, re.error, RecursionError):
        return None
    return compiled, anchors == {"$"}


class _Reverser:
    """Mirror-image parse trees (``re._parser`` data: lists of ``(op, argument)``)."""

    def __init__(self, sre: Any, subpattern: Any, state: Any) -> None:
        self.sre = sre
        self.subpattern = subpattern
        self.state = state
        self.same = {sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN}
        self.boundaries = {
            sre.AT_BOUNDARY,
            sre.AT_NON_BOUNDARY,
            sre.AT_UNI_BOUNDARY,
            sre.AT_UNI_NON_BOUNDARY,
            sre.AT_LOC_BOUNDARY,
            sre.AT_LOC_NON_BOUNDARY,
        }

    def strip_end(self, items: list[Any]) -> tuple[list[Any], set[str]]:
        """``items`` without the end anchor closing every path, and which anchors they were."""
        sre = self.sre
        if not items:
            raise _Unsupported("a path without an end anchor")
        op, av = items[-1]
        if op is sre.AT and av is sre.AT_END:
            return items[:-1], {"$"}
        if op is sre.AT and av is sre.AT_END_STRING:
            return items[:-1], {"Z"}
        if op is sre.SUBPATTERN:
            group, add_flags, del_flags, inner = av
            if add_flags & re.MULTILINE:
                raise _Unsupported("multi-line group")
            body, anchors = self.strip_end(list(inner.data))
            return [*items[:-1], (op, (group, add_flags, del_flags, self._sub(body)))], anchors
        if op is sre.BRANCH:
            paths, anchors = [], set()
            for path in av[1]:
                body, found = self.strip_end(list(path.data))
                paths.append(self._sub(body))
                anchors |= found
            return [*items[:-1], (op, (av[0], paths))], anchors
        raise _Unsupported("a path without an end anchor")

    def sequence(self, items: list[Any]) -> list[Any]:
        """The mirror image of a sequence: its parts reversed, each mirrored."""
        return [self.item(op, av) for op, av in items[::-1]]

    def item(self, op: Any, av: Any) -> tuple[Any, Any]:
        sre = self.sre
        if op in self.same:
            return op, av
        if op is sre.AT:
            if av in self.boundaries:
                return op, av
            raise _Unsupported(f"anchor {av}")
        if op is sre.BRANCH:
            return op, (av[0], [self._sub(self.sequence(list(p.data))) for p in av[1]])
        if op is sre.SUBPATTERN:
            group, add_flags, del_flags, inner = av
            if add_flags & re.MULTILINE:
                raise _Unsupported("multi-line group")
            return op, (group, add_flags, del_flags, self._sub(self.sequence(list(inner.data))))
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, inner = av
            if high != 1 and inner.getwidth()[0] == 0:
                raise _Unsupported("a repeated part that can match nothing")
            return op, (low, high, self._sub(self.sequence(list(inner.data))))
        raise _Unsupported(f"operator {op}")

    def _sub(self, items: list[Any]) -> Any:
        return self.subpattern(self.state, items)
