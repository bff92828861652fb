"""The word gate (geo.word_gate) tries regexes only where they may match, and answers as they do."""

from __future__ import annotations

import re

import pytest

from geo.event_roles import _gate
from geo.event_types import _cue_gate, cue_labels, plain_cue_labels, prototype_examples
from geo.word_gate import WordGate, literal_prefixes

TEXTS = [
    "",
    "the army shelled the village; x-army men, ex-rebels and anti-government protesters fled.",
    "police fired tear gas at the protesters, who threw stones and torched a police car.",
    "troops troops troops: re-seized arms were handed over by a militia near the bomb site.",
    "a bomb exploded; the device was defused; explosives were found and seized by police.",
    "killed killing kill-ed _kill 3kill kill",
    "Mixed Case Words And Ünïcödé, İstanbul; ﬁghters ambushed soldiers",
]


def _texts() -> list[str]:
    return TEXTS + [text.lower() for text, _ in prototype_examples()]


@pytest.mark.parametrize("gate", [_gate(), _cue_gate()], ids=["roles", "cues"])
def test_the_gate_finds_what_search_and_finditer_find(gate: WordGate) -> None:
    for text in _texts():
        low = text.lower()
        starts = gate.starts(low)
        for k, pattern in enumerate(gate.patterns):
            plain = [m.span() for m in pattern.finditer(low)]
            if not gate.may_match(k, starts):
                assert plain == [], (pattern.pattern[:60], low)
                continue
            assert [m.span() for m in gate.finditer(k, low, starts)] == plain, (pattern.pattern[:60], low)
            found = gate.search(k, low, starts)
            assert (found.span() if found else None) == (plain[0] if plain else None)


def test_overlapping_prefixes_and_repeated_matches() -> None:
    gate = WordGate([re.compile(r"(?<![\w-])(?:air ?strikes?|airs?|a)(?![\w-])")])
    low = "airstrike, air strikes, airs, a, air, aira, -air"
    starts = gate.starts(low)
    assert starts[0] == sorted(set(starts[0]))
    assert [m.span() for m in gate.finditer(0, low, starts)] == [
        m.span() for m in gate.patterns[0].finditer(low)
    ]


def test_regexes_the_gate_cannot_read_are_searched_everywhere() -> None:
    patterns = [
        re.compile(r"kill"),  # no word start: may match inside a word
        re.compile(r"(?<![\w-])(?:Kill)", re.I),  # case-insensitive
        re.compile(r"(?<![\w-])(?:\w+ed)"),  # no literal prefix
    ]
    gate = WordGate(patterns)
    assert gate.always == frozenset({0, 1, 2})
    low = "skill killed"
    starts = gate.starts(low)
    for k, pattern in enumerate(patterns):
        assert [m.span() for m in gate.finditer(k, low, starts)] == [m.span() for m in pattern.finditer(low)]


def test_literal_prefixes_follow_every_alternative() -> None:
    # "c|d" is one character class, where the literal part ends
    parsed = re._parser.parse(r"(?:ab(?:c|d)|e[fg]|h?i|jk)")  # type: ignore[attr-defined]
    assert literal_prefixes(parsed.data) == {"ab", "e", "hi", "i", "jk"}
    parsed = re._parser.parse(r"(?:ab|cd)[xy]|\w")  # type: ignore[attr-defined]
    assert literal_prefixes(parsed.data) == {"ab", "cd", ""}


def test_an_optional_part_is_a_way_with_it_and_one_without() -> None:
    # "(?:land)?mines?": the gate finds "landmines" and "mines" by their letters (it searched the
    # whole text for such a regex before)
    parsed = re._parser.parse(r"(?:bombs?|(?:land)?mines?|ied)")  # type: ignore[attr-defined]
    assert literal_prefixes(parsed.data) == {"bomb", "landmine", "mine", "ied"}
    gate = WordGate([re.compile(r"(?<![\w-])(?:bombs?|(?:land)?mines?)(?![\w-])")])
    assert gate.always == frozenset()
    low = "a landmine, two mines, minesweepers and bombs"
    assert [m.group() for m in gate.finditer(0, low, gate.starts(low))] == ["landmine", "mines", "bombs"]
    assert not any(gate.always for gate in (_gate(), _cue_gate()))  # every typer regex is gated


def test_cue_labels_match_the_cue_by_cue_reference() -> None:
    for text in _texts():
        assert cue_labels(text) == plain_cue_labels(text), text
