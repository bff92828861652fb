"""Where regexes of whole words may match in a lowercased text, from one Aho-Corasick scan for them all.

The typer's cue, role, protest and weapon regexes (``geo.event_types``, ``geo.event_roles``) each
start with ``(?<![\\w-])`` (a word start) and, along each of their alternatives, with a few literal
letters ("kill", "troop").  A match can only begin at a word start where one of those literal
prefixes follows.  ``WordGate`` lists those places for all of its regexes in one C-level scan;
``search`` and ``finditer`` then try each regex only there (``pattern.match`` at each place),
instead of at every character of the text.  The answers are those of ``pattern.search(low)`` and
``pattern.finditer(low)``: a regex with some alternative that starts with no literal, or a regex
the gate cannot read (another start, case-insensitive or ASCII-only flags), is searched as before.
"""

from __future__ import annotations

import itertools
import re
import re._constants as _sre
from collections.abc import Sequence
from typing import Any

#: The start every gated regex has: not after a letter, digit, ``_`` or ``-`` (a whole word).
WORD_START = r"(?<![\w-])"

_parse = re._parser.parse  # type: ignore[attr-defined]

#: For each gated regex (by index), the word starts of the text where it may match, in order.
Starts = dict[int, list[int]]


def literal_prefixes(items: Any) -> set[str]:
    """The literal strings that every match of a parsed regex (``re._parser`` items) starts with, one
    per way through its alternatives (an optional part, "(?:land)?mines?", is one way with it and
    one without); ``""`` among them when some way starts with no literal."""
    items = list(items)
    acc = []
    for i, (op, av) in enumerate(items):
        if op is _sre.LITERAL:
            acc.append(chr(av))
            continue
        head = "".join(acc)
        if op is _sre.BRANCH:
            return {head + rest for branch in av[1] for rest in literal_prefixes([*branch, *items[i + 1 :]])}
        if op is _sre.SUBPATTERN and not av[1] and not av[2]:  # a group without inline flags
            return {head + rest for rest in literal_prefixes([*av[3], *items[i + 1 :]])}
        if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            ways = (*av[2], *items[i + 1 :]), items[i + 1 :]
            found = {head + rest for way in ways for rest in literal_prefixes(way)}
            # "bomb" and "bombs" (of "bombs?"): the longer one adds no place to the shorter's
            return {w for w in found if not any(v != w and w.startswith(v) for v in found)}
        return {head}
    return {"".join(acc)}


class WordGate:
    """Places where each of ``patterns`` may match in lowercased text (see the module's docstring)."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        import ahocorasick

        self.patterns = tuple(patterns)
        by_prefix: dict[str, set[int]] = {}
        always: set[int] = set()
        for k, pattern in enumerate(self.patterns):
            source = pattern.pattern
            if (
                not isinstance(source, str)
                or not source.startswith(WORD_START)
                or pattern.flags & (re.I | re.A)
            ):
                always.add(k)
                continue
            for prefix in literal_prefixes(_parse(source.removeprefix(WORD_START)).data):
                if prefix:
                    by_prefix.setdefault(prefix, set()).add(k)
                else:
                    always.add(k)
        self.always = frozenset(always)
        automaton: Any = ahocorasick.Automaton()
        for prefix, ks in by_prefix.items():
            automaton.add_word(prefix, (len(prefix), tuple(sorted(ks - always))))
        automaton.make_automaton()
        self._automaton = automaton
        self._empty = not by_prefix

    def starts(self, low: str) -> Starts:
        """For each regex that is not searched everywhere, the word starts of ``low`` where one of its
        literal prefixes follows (sorted, each once); a regex absent from it cannot match ``low``."""
        out: Starts = {}
        if self._empty:
            return out
        for end, (n, ks) in self._automaton.iter(low):
            i = end - n + 1
            if i == 0 or not ((c := low[i - 1]).isalnum() or c in "_-"):
                for k in ks:
                    found = out.get(k)
                    if found is None:
                        out[k] = [i]
                    elif found[-1] != i:
                        found.append(i)
        # the automaton reports by end: a shorter prefix may end before a longer one that starts sooner
        for found in out.values():
            if len(found) < 2:
                continue  # (most: one place) sorted as it is
            unsorted = False  # any(a >= b for a, b in pairwise(found)), without a generator
            for a, b in itertools.pairwise(found):
                if a >= b:
                    unsorted = True
                    break
            if unsorted:
                found[:] = sorted(set(found))
        return out

    def may_match(self, k: int, starts: Starts) -> bool:
        """Whether regex ``k`` may match the text ``starts`` came from."""
        return k in self.always or k in starts

    def search(self, k: int, low: str, starts: Starts) -> re.Match[str] | None:
        """``patterns[k].search(low)``, trying only the places in ``starts``."""
        pattern = self.patterns[k]
        if k in self.always:
            return pattern.search(low)
        match = pattern.match
        for pos in starts.get(k, ()):
            m = match(low, pos)
            if m is not None:
                return m
        return None

    def finditer(self, k: int, low: str, starts: Starts) -> list[re.Match[str]]:
        """``list(patterns[k].finditer(low))``, trying only the places in ``starts``: the leftmost match
        from each place where the last one ended, as ``finditer`` finds them."""
        pattern = self.patterns[k]
        if k in self.always:
            return list(pattern.finditer(low))
        out: list[re.Match[str]] = []
        resume = 0
        match = pattern.match
        for pos in starts.get(k, ()):
            if pos < resume:
                continue
            m = match(low, pos)
            if m is None:
                continue
            if m.end() == pos:
                return list(pattern.finditer(low))  # an empty match: let finditer decide what follows
            out.append(m)
            resume = m.end()
        return out


__all__ = ["WORD_START", "Starts", "WordGate", "literal_prefixes"]
