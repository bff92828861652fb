"""Where in a text a set of case-insensitive patterns may start, found in one C-level scan.

``prefix_finder(patterns)`` reads the parse tree of every pattern and collects the first
``PREFIX_CHARS`` characters its matches can begin with ("kil", "att", "air" ...); it returns one
pattern that matches, with zero width, at each word start (no word character or hyphen before
it) where one of those prefixes follows.  Every position where one of the patterns matches at a
word start is among them: lookarounds and word boundaries are read as "anything", and case
folding is the regex engine's own (the prefixes are compiled with the patterns' flags).  Most
words of a text start no pattern, so the scan skips them without a Python step.  ``None`` when
some pattern can start with a character class too wide to list (``\\w``, ``.``) or has too many
prefixes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

__all__ = [
    "ASCII_FOLDING",
    "ASCII_FOLDS",
    "PREFIX_CHARS",
    "PrefixScan",
    "case_class",
    "guard_branches",
    "guarded_pattern",
    "literal_gate",
    "prefix_finder",
    "prefix_scan",
    "prefixes",
    "required_gate",
    "required_words",
]

#: How many characters of each pattern's start the finder checks.
PREFIX_CHARS = 3
#: Most prefixes kept per pattern (beyond that the finder is not worth building).
MAX_PREFIXES = 4096
_MAX_CLASS = 64  # widest character class spelled out
#: The non-ASCII characters that case-insensitive matching folds onto an ASCII letter (the regex
#: engine's simple case mappings; a test checks this table against the engine).
ASCII_FOLDS: dict[str, str] = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def case_class(letter: str) -> str:
    """A case-sensitive class matching exactly what ``letter`` matches case-insensitively: ``[kK\u212a]``."""
    low = letter.lower()
    return f"(?-i:[{low}{low.upper()}{ASCII_FOLDS.get(low, '')}])"


class _Wide(Exception):
    """A part of the pattern whose first characters cannot be listed."""


def prefix_finder(
    patterns: Iterable[re.Pattern[str]], *, chars: int = PREFIX_CHARS
) -> re.Pattern[str] | None:
    """A zero-width pattern matching at every word start where some pattern of ``patterns`` may match."""
    listed = _all_prefixes(patterns, chars)
    if listed is None:
        return None
    found, flags = listed
    try:
        return re.compile(rf"(?<![\w-])(?=(?:{_trie(found, 2)}))", flags)
    except re.error:
        return None


def _all_prefixes(patterns: Iterable[re.Pattern[str]], chars: int) -> tuple[set[str], int] | None:
    """The prefixes of all ``patterns`` and their flags (None when the flags differ or some pattern's
    prefixes cannot be listed)."""
    found: set[str] = set()
    flags: int | None = None
    for pattern in patterns:
        if flags is None:
            flags = pattern.flags
        elif pattern.flags != flags:
            return None
        starts = prefixes(pattern, chars)
        if starts is None or "" in starts:
            return None
        found |= starts
    if flags is None or not found:
        return None
    return found, flags


class PrefixScan:
    """``prefix_finder``'s word starts in ASCII text from one Aho-Corasick scan (twice as fast as the
    finder's regex, which enters its lookbehind and trie at every character): the places where a
    prefix occurs in the lower-cased text, kept where no word character or hyphen comes before."""

    def __init__(self, found: set[str]) -> None:
        import ahocorasick

        automaton: Any = ahocorasick.Automaton()
        for prefix in {p.lower() for p in found}:
            automaton.add_word(prefix, len(prefix))
        automaton.make_automaton()
        self._automaton = automaton

    def word_starts(self, text: str, start: int, end: int) -> list[int] | None:
        """``[m.start() for m in finder.finditer(text, start, end)]`` when text[start:end] is ASCII
        (where lower-casing is the regex engine's case folding) and ``0 <= start <= end``; None
        otherwise."""
        if start < 0 or end < start:
            return None  # the regex reads a negative position as 0, a slice from the end
        segment = text[start:end]
        if not segment.isascii():
            return None
        places = sorted({start + last - n + 1 for last, n in self._automaton.iter(segment.lower())})
        return [i for i in places if i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_-")]


def prefix_scan(patterns: Iterable[re.Pattern[str]], *, chars: int = PREFIX_CHARS) -> PrefixScan | None:
    """The ``PrefixScan`` of case-insensitive ``patterns`` (``prefix_finder``'s places); None where
    ``prefix_finder`` gives none, for other flags, or for prefixes that are not all ASCII (a
    character the engine may fold onto an ASCII letter)."""
    listed = _all_prefixes(patterns, chars)
    if listed is None:
        return None
    found, flags = listed
    if flags != re.IGNORECASE | re.UNICODE or not all(p.isascii() for p in found):
        return None
    return PrefixScan(found)


def guarded_pattern(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` compiled again with each alternative of its case-insensitive alternations that
    starts with an ASCII letter split by that letter's case (``guard_branches``): the same matches,
    groups, flags and ``.pattern`` string, found sooner (a third less time for the cue lists); the
    pattern itself when it is not case-insensitive or its parse tree cannot be read."""
    if not isinstance(pattern.pattern, str) or not pattern.flags & re.IGNORECASE:
        return pattern
    try:
        import _sre  # type: ignore[import-not-found]
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern.pattern, pattern.flags)
        state = parsed.state
        flags = pattern.flags | state.flags
        tree = _parser.SubPattern(state, guard_branches(list(parsed.data), flags, state))
        code = _compiler._code(tree, flags)
        indexgroup: list[str | None] = [None] * state.groups
        for name, index in state.groupdict.items():
            indexgroup[index] = name
        # what re._compiler.compile does with a pattern string, from the guarded tree
        compiled: re.Pattern[str] = _sre.compile(
            pattern.pattern, flags, code, state.groups - 1, state.groupdict, tuple(indexgroup)
        )
    except (ImportError, AttributeError, TypeError, ValueError, re.error, RecursionError):
        return pattern
    return compiled


def guard_branches(items: list[Any], flags: int, state: Any) -> list[Any]:
    """A ``re._parser`` parse tree (``items``, of a pattern with ``flags``) in which each alternative
    that starts with an ASCII letter under ``IGNORECASE`` is one alternative per character the letter
    matches, in place, each starting with that character case-sensitively ("in|at" becomes
    "(?-i:i)n|(?-i:I)n|(?-i:\u0130)n|(?-i:\u0131)n|(?-i:a)t|(?-i:A)t"). The regex engine enters every
    alternative that starts with a case-insensitive letter, but skips one that starts with another
    character than the text's at once: a long case-insensitive list of words ("in|at|inside|near|...")
    costs a character test per word where none of them starts. The same matches: at any character at
    most one copy of an alternative can start, and the copies keep the alternatives' order."""
    from re import _compiler, _parser  # type: ignore[attr-defined]
    from re import _constants as sre  # type: ignore[attr-defined]

    out: list[Any] = []
    for op, av in items:
        if op is sre.BRANCH:
            alternatives = []
            for alternative in av[1]:
                data = guard_branches(list(alternative.data), flags, state)
                if data and data[0][0] is sre.LITERAL and flags & re.IGNORECASE and not flags & re.LOCALE:
                    letter = chr(data[0][1])
                    if letter.isascii() and letter.isalpha():
                        low = letter.lower()
                        chars = low + low.upper() + ("" if flags & re.ASCII else ASCII_FOLDS.get(low, ""))
                        for c in chars:  # one alternative per character: (?-i:i)n|(?-i:I)n|...
                            one = _parser.SubPattern(state, [(sre.LITERAL, ord(c))])
                            head = (sre.SUBPATTERN, (None, 0, re.IGNORECASE, one))
                            alternatives.append(_parser.SubPattern(state, [head, *data[1:]]))
                        continue
                alternatives.append(_parser.SubPattern(state, data))
            out.append((op, (av[0], alternatives)))
        elif op is sre.SUBPATTERN:
            group, add_flags, del_flags, inner = av
            inner_flags = _compiler._combine_flags(flags, add_flags, del_flags)
            inner = _parser.SubPattern(state, guard_branches(list(inner.data), inner_flags, state))
            out.append((op, (group, add_flags, del_flags, inner)))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low_count, high_count, inner = av
            inner = _parser.SubPattern(state, guard_branches(list(inner.data), flags, state))
            out.append((op, (low_count, high_count, inner)))
        else:
            out.append((op, av))  # lookarounds and the rest: left as they are
    return out


def _trie(words: set[str], guarded: int) -> str:
    """An alternation of ``words`` as a trie.  Its first ``guarded`` levels test each ASCII letter
    with a case-sensitive class of exactly the characters it matches case-insensitively
    (``case_class``): the regex engine skips a branch that starts with a case-sensitive class
    without entering it, so a word start that begins no prefix costs a few character tests."""
    if words == {""}:
        return ""
    by_first: dict[str, set[str]] = {}
    ends = False
    for w in words:
        if w:
            by_first.setdefault(w[0].lower(), set()).add(w[1:])
        else:
            ends = True
    parts = []
    for first, rests in sorted(by_first.items()):
        guard = guarded > 0 and first.isascii() and first.isalpha()
        head = case_class(first) if guard else re.escape(first)
        tail = _trie(rests, guarded - 1)
        parts.append(head + (f"(?:{tail})" if tail else ""))
    body = "|".join(parts)
    return f"(?:{body})?" if ends else body


#: The non-ASCII characters that fold onto an ASCII letter, as one class: in a text without them,
#: lower-casing finds every case-insensitive match of an ASCII word (see ``literal_gate``).
ASCII_FOLDING = re.compile("[" + "".join(ASCII_FOLDS.values()) + "]")


def literal_gate(pattern: re.Pattern[str], chars: int = 8) -> Callable[[str], bool] | None:
    """A quick test that is False only when ``pattern`` cannot match anywhere in a text: none of the
    first ``chars`` characters of its matches (``prefixes``) occurs in it (compared lower-cased
    under ``IGNORECASE``; a text holding one of the non-ASCII characters that fold onto an ASCII
    letter is always let through).  ``None`` when the prefixes cannot be listed, or some are empty
    or not ASCII.  For a cue whose words are rare, one ``in`` per prefix instead of a regex attempt at
    every character."""
    found = prefixes(pattern, chars)
    if found is None or not found or "" in found or not all(w.isascii() for w in found):
        return None
    if not pattern.flags & re.IGNORECASE:
        exact = tuple(sorted(found))
        return lambda text: any(w in text for w in exact)
    return _lowered_gate(tuple(sorted({w.lower() for w in found})))


def _lowered_gate(words: tuple[str, ...]) -> Callable[[str], bool]:
    """True when the lower-cased text holds one of ``words`` (lower-case ASCII), or a non-ASCII character
    that folds onto an ASCII letter (which an ``in`` test cannot see through)."""
    folding = ASCII_FOLDING.search

    def gate(text: str) -> bool:
        if folding(text) is not None:
            return True
        low = text.lower()
        held = False  # any(w in low for w in words), without a generator (asked ~60 times an article)
        for w in words:
            if w in low:
                held = True
                break
        return held

    return gate


def required_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Literal strings, lower-cased, one of which every match of ``pattern`` holds ("attackers",
    "gunmen" ... in "(?:the\\s+)?(?:[\\w-]+\\s+)?(?:attackers|gunmen)\\s+were\\s+killed"), read off
    its parse tree: a run of literal characters, the union over the alternatives of a group, a part
    repeated at least once. ``None`` when some match need hold no literal (or not an ASCII one)."""
    if not isinstance(pattern.pattern, str) or pattern.flags & re.VERBOSE:
        return None
    try:
        from re import _constants as sre  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern.pattern, pattern.flags)
        found = _Required(sre).sequence(list(parsed.data))
    except (ImportError, AttributeError, TypeError, ValueError, re.error, RecursionError):
        return None
    if not found or not all(w and w.isascii() for w in found):
        return None
    return frozenset(w.lower() for w in found)


class _Required:
    """Sets of strings one of which every match of a parse tree (``re._parser`` data) holds."""

    def __init__(self, sre: Any) -> None:
        self.sre = sre

    def sequence(self, items: list[Any]) -> set[str] | None:
        """The best set of the sequence's required ones: its parts each hold one of theirs, so any
        of them will do; the one whose shortest string is longest, then whose strings are longest on
        average (long words are the rare ones)."""
        sre = self.sre
        options: list[set[str]] = []
        run: list[str] = []
        for op, av in items:
            if op is sre.LITERAL:
                run.append(chr(av))
                continue
            if run:
                options.append({"".join(run)})
                run = []
            found = self.item(op, av)
            if found:
                options.append(found)
        if run:
            options.append({"".join(run)})
        if not options:
            return None
        return max(options, key=lambda words: (min(map(len, words)), sum(map(len, words)) / len(words)))

    def item(self, op: Any, av: Any) -> set[str] | None:
        sre = self.sre
        if op is sre.BRANCH:
            out: set[str] = set()
            for branch in av[1]:
                found = self.sequence(list(branch.data))
                if not found:
                    return None  # an alternative that needs no literal
                out |= found
            return out
        if op is sre.SUBPATTERN:
            return self.sequence(list(av[3].data))
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            return self.sequence(list(av[2].data))
        return None  # classes, anchors, lookarounds, optional parts: nothing required


def required_gate(pattern: re.Pattern[str]) -> Callable[[str], bool] | None:
    """A quick test that is False only when ``pattern`` cannot match in a text, for a pattern whose
    matches open with no listable prefix (``literal_gate``) but all hold one of a few literal words
    (``required_words``): one ``in`` per word on the lower-cased text instead of a regex attempt at
    every character. A text holding one of the non-ASCII characters that fold onto an ASCII letter
    is always let through. ``None`` when no word is required."""
    words = required_words(pattern)
    if words is None:
        return None
    return _lowered_gate(tuple(sorted(words)))


def prefixes(pattern: re.Pattern[str], chars: int = PREFIX_CHARS) -> set[str] | None:
    """The first ``chars`` characters of every match of ``pattern`` (all of it, for a shorter match);
    ``None`` when they cannot be listed."""
    if not isinstance(pattern.pattern, str) or pattern.flags & re.VERBOSE:
        return None
    try:
        from re import _constants as sre  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern.pattern, pattern.flags)
        return _Prefixes(sre, chars).sequence(list(parsed.data), chars)
    except (_Wide, ImportError, AttributeError, TypeError, ValueError, re.error, RecursionError):
        return None


class _Prefixes:
    """Prefix sets of parse trees (``re._parser`` data): strings of at most ``k`` characters, shorter
    ones only where a match ends."""

    def __init__(self, sre: Any, chars: int) -> None:
        self.sre = sre
        self.chars = chars
        self.zero_width = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}

    def sequence(self, items: list[Any], k: int) -> set[str]:
        if k <= 0 or not items:
            return {""}
        out: set[str] = set()
        op, av = items[0]
        head = self.item(op, av, k)
        for start in head:
            if len(start) >= k:
                out.add(start)
            else:
                out |= {start + rest for rest in self.sequence(items[1:], k - len(start))}
            if len(out) > MAX_PREFIXES:
                raise _Wide("too many prefixes")
        return out

    def item(self, op: Any, av: Any, k: int) -> set[str]:
        sre = self.sre
        if op is sre.LITERAL:
            return {chr(av)}
        if op is sre.IN:
            return self._class(av)
        if op in self.zero_width:
            return {""}  # read as "anything": a superset
        if op is sre.BRANCH:
            out: set[str] = set()
            for path in av[1]:
                out |= self.sequence(list(path.data), k)
            return out
        if op is sre.SUBPATTERN:
            return self.sequence(list(av[-1].data), k)
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
            low, high, body = av
            if body.getwidth()[0] == 0:
                raise _Wide("a repeated part that can match nothing")
            return self._repeat(list(body.data), low, high, k)
        if op is getattr(sre, "ATOMIC_GROUP", None):
            return self.sequence(list(av.data), k)
        raise _Wide(f"operator {op}")

    def _repeat(self, body: list[Any], low: int, high: int, k: int) -> set[str]:
        if k <= 0 or high == 0:
            return {""}
        out: set[str] = {""} if low == 0 else set()
        for start in self.sequence(body, k):
            if len(start) >= k:
                out.add(start)
            else:
                more = self._repeat(body, max(0, low - 1), high - 1, k - len(start))
                out |= {start + rest for rest in more}
        return out

    def _class(self, items: list[tuple[Any, Any]]) -> set[str]:
        sre = self.sre
        chars: set[str] = set()
        for op, av in items:
            if op is sre.LITERAL:
                chars.add(chr(av))
            elif op is sre.RANGE and av[1] - av[0] < _MAX_CLASS:
                chars |= {chr(c) for c in range(av[0], av[1] + 1)}
            else:
                raise _Wide(f"class part {op}")
        return chars
