"""The trigger prefilter and the sentence memo of ``find_hits`` change nothing: every rule is still
found where scanning it on its own finds it, whatever precedes the sentence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.events import _candidate_starts, _prefilter, _prefix_group, find_hits, load_lexicon

TEXTS = [
    "Gunmen killed four villagers and torched two houses in a remote hamlet on Tuesday.",
    "A suicide car bomb exploded near the checkpoint; mortar shells later hit the market.",
    "KILLED IN AIR STRIKES: jets struck the depot, while protesters clashed with police.",
    "The militia would attack the base, officials said, but fighting broke out anyway.",
    "Self-detonated vests, roadside bombs and barrel bombs were found after the ambush.",
    "ſhelling and Kidnapping (with a Kelvin sign) reached the İED-scarred road.",
    "x-killed pre-shelling anti-riot re-took",
]


def _reference(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Each rule scanned on its own over text[start:end], with the same filters as the extractor."""
    from geo.events import _cue_patterns, _hypothetical

    out = []
    for rule in load_lexicon().triggers:
        for m in rule.pattern.finditer(text, start, end):
            before = text[max(start, m.start() - 80) : m.start()]
            if rule.not_before is not None and rule.not_before.search(before):
                continue
            if rule.not_after is not None and rule.not_after.match(text, m.end(), end):
                continue
            if _hypothetical(before, _cue_patterns()):
                continue
            # a rule may name its trigger inside a longer match ("killed in an Israeli (?P<t>strike)")
            t = m.span("t") if "t" in rule.pattern.groupindex and m.start("t") >= 0 else m.span()
            out.append((rule.pattern.pattern, *t))
    out.sort(key=lambda h: (h[1], -h[2]))
    return out


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("prefix", ["", "Intro. ", "word", "half-", "(", "\n\n"])
def test_hits_match_rule_by_rule_scan(text: str, prefix: str) -> None:
    doc = prefix + text + " Trailing words."
    start, end = len(prefix), len(prefix) + len(text)
    got = [(h.rule.pattern.pattern, h.start, h.end) for h in find_hits(doc, start, end)]
    assert got == _reference(doc, start, end)


def test_sentence_alone_and_in_document_give_the_same_hits() -> None:
    sentence = TEXTS[1]
    doc = "Earlier report. " + sentence
    shift = len("Earlier report. ")
    alone = [(h.rule, h.start + shift, h.end + shift) for h in find_hits(sentence)]
    in_doc = [(h.rule, h.start, h.end) for h in find_hits(doc, shift, len(doc))]
    assert alone == in_doc
    assert alone  # the sentence does hold triggers


def test_a_word_character_before_the_start_blocks_a_trigger_there() -> None:
    doc = "overkilled by gunmen"
    assert [h.start for h in find_hits(doc, 4, len(doc))] == []
    alone = doc[4:]
    assert [alone[h.start : h.end] for h in find_hits(alone)] == ["killed"]


# words that start trigger rules, near misses, and characters that fold or end words
_PIECES = [
    "killed",
    "Kill",
    "KILLING",
    "shelled",
    "shot",
    "stormed",
    "set fire",
    "seized",
    "bomb",
    "air strike",
    "airstrike",
    "attacked",
    "at",
    "abducted",
    "clashes",
    "protest",
    "fired",
    "ki",
    "sh",
    "s",
    "a",
    "ſhelling",
    "Kidnap",
    "İED",
    "-",
    " ",
    ", ",
    ".",
    "\n",
    "’s",
    "re-",
    "x",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14), st.integers(0, 3), st.integers(0, 3))
def test_candidate_starts_hold_every_match_start(pieces: list[str], cut_start: int, cut_end: int) -> None:
    """The positions ``_candidate_starts`` gives each rule (by a word's first characters where the
    word is ASCII and ends inside the span, by its first character otherwise) hold every place the
    rule matches on its own, so ``find_hits`` finds what the rule-by-rule scan does."""
    text = " ".join(pieces)
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    starts = _candidate_starts(text, start, end)
    assert starts is not None
    for rule, positions in zip(load_lexicon().triggers, starts, strict=True):
        for m in rule.pattern.finditer(text, start, end):
            assert m.start() in positions, (rule.pattern.pattern, text, m.start())
    got = [(h.rule.pattern.pattern, h.start, h.end) for h in find_hits(text, start, end)]
    assert got == _reference(text, start, end)


def test_the_rules_are_dispatched_by_their_first_characters() -> None:
    """Every rule's prefixes can be listed (the finer dispatch is in use), and a word starts only
    the rules whose prefixes begin it."""
    pf = _prefilter()
    assert pf is not None and pf.by_prefix
    rules = load_lexicon().triggers
    group = _prefix_group(pf, "kil")
    assert set(group) < set(range(len(rules)))
    assert any(rules[i].pattern.match("killed") for i in group)
    assert not any(rules[i].pattern.match("killed") for i in range(len(rules)) if i not in group)
    assert _prefix_group(pf, "zzz") == ()


def _plain_clause_bounds(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """``clause_bounds`` scanning the sentence for each clause (the reference for its memoised boundaries)."""
    from geo.events import _BOUNDARY

    left = lo
    for m in _BOUNDARY.finditer(text, lo, hi):
        if m.end() > start:
            break
        left = m.end()
    nxt = _BOUNDARY.search(text, end, hi)
    return left, (nxt.start() if nxt else hi)


CLAUSES = [
    "Gunmen killed four villagers and torched two houses, while troops clashed with rebels; two died.",
    "Rioters torched cars after a police officer shot dead a driver, in response to a raid — and fled.",
    "Clashes between police and student protesters left three dead, but no one was arrested.",
]


@pytest.mark.parametrize("text", CLAUSES)
def test_clause_bounds_are_those_of_a_scan_per_clause(text: str) -> None:
    """The sentence's boundaries, found once and bisected, give every word's clause as a scan of the
    sentence for that clause does, in the whole text and in a part of it."""
    from geo.events import clause_bounds
    from geo.memo import new_document

    new_document()
    for lo, hi in ((0, len(text)), (7, len(text) - 5)):
        for start in range(lo, hi):
            end = min(hi, start + 3)
            assert clause_bounds(text, lo, hi, start, end) == _plain_clause_bounds(text, lo, hi, start, end)
        # the next boundary from every end, inside a boundary ("," of ", while") and outside the part too
        for end in range(max(0, lo - 4), min(len(text), hi + 4)):
            assert clause_bounds(text, lo, hi, lo, end) == _plain_clause_bounds(text, lo, hi, lo, end)
