"""The speed-ups change no answer: reversed end-anchored cue tests, the trigger prefix finder, gated
date patterns, memoised gazetteer answers, and the frozen heap of worker processes."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo import dates
from geo.events import (
    _ATTACKERS_KILLED,
    _BY_AGENT,
    _DAYS_BEFORE,
    _INFINITIVE,
    _LED_BY,
    _OF_TAIL,
    _PASSIVE,
    _REALIS,
    _TARGET_CUE,
    _anything,
    _cue_patterns,
    _cue_words,
    certainty,
    load_lexicon,
)
from geo.gazetteer import Gazetteer
from geo.link_model import _TOK, _gap
from geo.linking import _cue_gate, _cues
from geo.names import fold
from geo.prefixes import (
    ASCII_FOLDS,
    case_class,
    guard_branches,
    guarded_pattern,
    literal_gate,
    prefix_finder,
    prefix_scan,
    required_gate,
    required_words,
)
from geo.tail import _word_gate, reversed_pattern, tail_search
from geo.toponyms import _NAME_GOES_ON, _event_cue_patterns, event_cue

# Words and odd characters the cue patterns care about, for generated texts.
FRAGMENTS = [
    ", led by ",
    "in ",
    "at ",
    "from ",
    "the ",
    "a ",
    "said ",
    "officials ",
    "spokesman ",
    "based ",
    "reports ",
    "would ",
    "not ",
    "to ",
    "attack ",
    "killed ",
    "continued ",
    "town of ",
    "near ",
    "Kabul ",
    "Gen. ",
    "fled ",
    "into ",
    "by ",
    "quoted ",
    ", ",
    ". ",
    "\n",
    "-",
    "'",
    "’",
    "  ",
    "ſ",
    "\u212a",
    "İ",
    "ı",
    "KILLED ",
    "Shelling ",
    "air strikes ",
    "IEDs ",
    "a mob ",
    "2001-03-04 ",
    "last week ",
    "Monday ",
    "in March ",
    "March 3, 2001 ",
    "4 May ",
    "this morning ",
    "past few days ",
    "yesterday ",
    "3 days ago ",
    "DAYS AGO ",
    "in 2019 ",
    "“",
    "claimed ",
    "CLAİMED ",
    "denied ",
    "could not be verified ",
    "siege of ",
    "shelling of ",
    "launched an offensive on ",
    "two people ",
    "were killed ",
    "Aleppo ",
    "was ",
    "by ",
    "against ",
    "of the ",
    "heavily ",
    "last night ",
    "Tonight ",
    "this evening ",
    "previous month ",
    "FRIDAY ",
    "past few weeks ",
    "past days ",
    "week before ",
]
texts = st.lists(st.sampled_from(FRAGMENTS), max_size=14).map("".join)


def _end_anchored_cues() -> list[re.Pattern[str]]:
    cues = _cues()
    rules = [r.not_before for r in load_lexicon().triggers if r.not_before is not None]
    return [
        cues["speech_before_any"],
        *cues["speech_before"],
        cues["victim_not_speaker"],
        cues["attach"],
        _cue_patterns()["hypothetical"],
        _REALIS,
        _INFINITIVE,
        _PASSIVE,
        _BY_AGENT,
        _TARGET_CUE,
        _OF_TAIL,
        _LED_BY,
        *rules,
    ]


# ---------------------------------------------------------------- geo.tail


def test_the_packaged_cues_take_the_fast_path() -> None:
    assert all(reversed_pattern(p) is not None for p in _end_anchored_cues())


@pytest.mark.parametrize(
    ("pattern", "reversible"),
    [
        (r"(?<!x)ab$", False),  # lookbehind: falls back to search
        (r"ab", False),  # not end-anchored
        (r"ab$|cd\Z", False),  # both kinds of anchor
        (r"(?m)ab$", False),
        (r"\bin\s+(?:the\s+)?$", True),
        (r"(?:said|told)\s+(?:\w+\s+){0,2}?(?:in|at)\s+\Z", True),
    ],
)
def test_what_can_be_reversed(pattern: str, reversible: bool) -> None:
    assert (reversed_pattern(re.compile(pattern, re.IGNORECASE)) is not None) is reversible


@settings(max_examples=300, deadline=None)
@given(texts)
def test_tail_search_answers_as_search_does(text: str) -> None:
    for pattern in _end_anchored_cues():
        assert tail_search(pattern, text) == (pattern.search(text) is not None), (pattern.pattern[:60], text)


@pytest.mark.parametrize(
    "text",
    ["said in\n", "officials in \n", "in\n\n", "", "\n", "the town of\n", "x\u212a in ", "İstanbul in the "],
)
def test_tail_search_at_a_final_newline(text: str) -> None:
    for pattern in [re.compile(r"\bin\s+$"), re.compile(r"\bin\s+\Z"), *_end_anchored_cues()]:
        assert tail_search(pattern, text) == (pattern.search(text) is not None)


@pytest.mark.parametrize(
    "text",
    [
        "officials in ",  # a required word: searched
        "the fighting in ",  # none of the cue's words: the quick "no"
        "\u017fpokesman in ",  # "ſ" is "s" to the engine, not to lower(): searched
        "police \u017fpokesmen from the ",
        "Demanding Justice For ",
        "demanding \u212aabul's water for ",  # Kelvin sign: searched
        "a cameraman for ",
        "would ",
    ],
)
def test_tail_search_word_gate_answers_as_search_does(text: str) -> None:
    for pattern in _end_anchored_cues():
        assert tail_search(pattern, text) == (pattern.search(text) is not None), (pattern.pattern[:60], text)


def test_the_costly_cues_have_a_word_gate() -> None:
    # the speech cue and the hypothetical cue open with optional words: their searches cost microseconds
    for pattern in (_cues()["speech_before_any"], _cue_patterns()["hypothetical"]):
        assert _word_gate(pattern) != (None, None)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([*FRAGMENTS, "capital ", "the country", "nationwide ", "Capİtal "]), max_size=9)
)
def test_the_capital_cues_word_gates_say_no_only_without_a_match(parts: list[str]) -> None:
    text = "In " + "".join(parts)
    for name in ("the_capital", "the_country"):
        gate = _cue_gate(name)
        assert gate is not None
        if not gate(text):
            assert _cues()[name].search(text) is None, (name, text)


#: words of the running-total cues (a campaign's or a span's tally, a round-up over regions, a rate)
RUNNING_TOTAL = ["during the ", "over the ", "campaign ", "rally ", "in three ", "across 12 ", "regions "]
RUNNING_TOTAL += ["States ", "in the ", "past ", "months ", "to ", "first ", "half ", "of ", "each ", "year "]
RUNNING_TOTAL += ["days ", "unrest "]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*FRAGMENTS, *RUNNING_TOTAL, "Mont\u0130ns ", "\u212aounties "]), max_size=10)
)
def test_the_running_total_cues_word_gates_say_no_only_without_a_match(parts: list[str]) -> None:
    # the "_after" cues of a running total are asked after every trigger: their word gates come first
    text = "were killed " + "".join(parts)
    for name in ("period_after", "areas_after", "habitual_after"):
        gate = _cue_words(name)
        assert gate is not _anything, name
        if not gate(text):
            assert _cue_patterns()[name].search(text) is None, (name, text)
    assert not _cue_words("period_after")("were killed in an ambush near the border ")


# ---------------------------------------------------------------- geo.prefixes


def test_ascii_folds_are_the_regex_engines() -> None:
    any_letter = re.compile("[a-z]", re.IGNORECASE)
    found: dict[str, str] = {}
    for code in range(0x80, 0x110000):
        ch = chr(code)
        if any_letter.fullmatch(ch):
            for letter in "abcdefghijklmnopqrstuvwxyz":
                if re.fullmatch(letter, ch, re.IGNORECASE):
                    found[letter] = found.get(letter, "") + ch
    assert found == ASCII_FOLDS


def _plain_cues() -> list[re.Pattern[str]]:
    """Every cue regex of the extractor and the linker as written (not guarded)."""
    from geo.events import _plain_cue_patterns
    from geo.linking import _plain_cues as linking_cues

    out = list(_plain_cue_patterns().values())
    for value in linking_cues().values():
        out += [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, re.Pattern)]
    return out


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], ...]]:
    return [tuple(m.span(g) for g in range(pattern.groups + 1)) for m in pattern.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(texts)
def test_guarded_cues_match_as_written(text: str) -> None:
    """Every cue, its word lists guarded, finds the same matches with the same groups."""
    for pattern in _plain_cues():
        assert _matches(guarded_pattern(pattern), text) == _matches(pattern, text), pattern.pattern[:60]


@pytest.mark.parametrize(
    "text",
    [
        "troops KILLED 12 in the town of X",
        "\u212ailled 3 near the \u017fouth of Y",
        "officials İn Kabul said",
        "",
    ],
)
def test_guarded_pattern_keeps_case_folding(text: str) -> None:
    for pattern in _plain_cues():
        assert _matches(guarded_pattern(pattern), text) == _matches(pattern, text), pattern.pattern[:60]


def test_guarded_pattern_is_the_pattern_it_guards() -> None:
    """The copy keeps the pattern string, flags and named groups, and its word lists start with a
    case-sensitive class; a case-sensitive pattern is left as it is."""
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    pattern = re.compile(r"(?P<where>\b(?:in|at|near)\s+)(?:the\s+)?$", re.IGNORECASE)
    guarded = guarded_pattern(pattern)
    assert guarded is not pattern
    assert (guarded.pattern, guarded.flags, guarded.groupindex) == (
        pattern.pattern,
        pattern.flags,
        {"where": 1},
    )
    assert guarded.search("fighting NEAR the ").group("where") == "NEAR "
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    group = guard_branches(list(parsed.data), pattern.flags, parsed.state)[0][1][-1]
    branch = next(av for op, av in group.data if op is sre.BRANCH)
    # in|at|near: (?-i:i)n|(?-i:I)n|(?-i:\u0130)n|(?-i:\u0131)n|(?-i:a)t|(?-i:A)t|(?-i:n)ear|(?-i:N)ear
    assert len(branch[1]) == 8
    assert all(alt.data[0][0] is sre.SUBPATTERN for alt in branch[1])
    plain = re.compile(r"\b(?:in|at)\s+$")
    assert guarded_pattern(plain) is plain


@pytest.mark.parametrize("letter", ["a", "K", "s", "i", "Z"])
def test_case_class_matches_what_ignorecase_matches(letter: str) -> None:
    cls = re.compile(case_class(letter))
    for ch in ["a", "A", "k", "K", "\u212a", "s", "S", "ſ", "i", "I", "İ", "ı", "z", "Z", "é"]:
        assert bool(cls.fullmatch(ch)) == bool(re.fullmatch(letter, ch, re.IGNORECASE)), ch


def _rule_starts(text: str) -> set[int]:
    return {m.start() for r in load_lexicon().triggers for m in r.pattern.finditer(text)}


@settings(max_examples=300, deadline=None)
@given(texts)
def test_prefix_finder_finds_every_trigger_start(text: str) -> None:
    finder = prefix_finder(r.pattern for r in load_lexicon().triggers)
    assert finder is not None
    found = {m.start() for m in finder.finditer(text)}
    assert _rule_starts(text) <= found


#: mostly ASCII texts (the scan answers for those), with the characters around a word start
_scan_texts = (
    st.lists(
        st.sampled_from([f for f in FRAGMENTS if f.isascii()] + ["-", "_", "x", "2", "-attack ", "xkilled "]),
        max_size=14,
    ).map("".join)
    | texts
)


@settings(max_examples=400, deadline=None)
@given(_scan_texts, st.integers(0, 30), st.integers(0, 30))
def test_prefix_scan_finds_the_finders_places(text: str, cut_start: int, cut_end: int) -> None:
    """The Aho-Corasick scan of ASCII text gives the trigger finder's places, in the whole text and in
    any range of it (its first word may be cut; what lies before the range still counts)."""
    patterns = [r.pattern for r in load_lexicon().triggers]
    finder, scan = prefix_finder(patterns), prefix_scan(patterns)
    assert finder is not None and scan is not None
    start = min(cut_start, len(text))
    end = max(start, len(text) - cut_end)
    for a, b in ((0, len(text)), (start, end)):
        places = scan.word_starts(text, a, b)
        assert places is None if not text[a:b].isascii() else places is not None
        if places is not None:
            assert places == [m.start() for m in finder.finditer(text, a, b)]


def test_prefix_scan_where_it_gives_up() -> None:
    patterns = [re.compile(r"Kill(?:ed)?|ab+c", re.IGNORECASE), re.compile(r"US forces", re.IGNORECASE)]
    finder, scan = prefix_finder(patterns), prefix_scan(patterns)
    assert finder is not None and scan is not None
    text = "US forces Killed abbc; kill, us forces, xKill -Kill ab"
    assert (
        scan.word_starts(text, 0, len(text))
        == [m.start() for m in finder.finditer(text)]
        == [0, 10, 17, 23, 29]
    )
    assert scan.word_starts("the \u212aill", 0, 8) is None  # not ASCII: the Kelvin sign folds onto k
    assert scan.word_starts(text, -5, 8) is None and scan.word_starts(text, 8, 3) is None
    assert prefix_scan([re.compile(r"\u212aill", re.IGNORECASE)]) is None
    assert prefix_scan([re.compile(r"kill")]) is None  # case-sensitive: the finder's trie is wider
    assert prefix_scan([re.compile(r"kill", re.IGNORECASE | re.MULTILINE)]) is None


def test_prefix_finder_skips_words_that_start_no_trigger() -> None:
    finder = prefix_finder(r.pattern for r in load_lexicon().triggers)
    assert finder is not None
    text = "The mayor said the sky was fine; rebels killed two."
    assert [text[m.start() :].split()[0] for m in finder.finditer(text)] == ["killed"]


def test_prefix_finder_gives_up_on_wide_starts() -> None:
    assert prefix_finder([re.compile(r"\w+ed", re.IGNORECASE)]) is None
    assert prefix_finder([re.compile(r"a?", re.IGNORECASE)]) is None


def _gated_cues() -> list[re.Pattern[str]]:
    cues = _cue_patterns()
    return [cues["certainty"], cues["captive"], cues["fatal_then_num"], re.compile(r"Siege of|shelled")]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_literal_gate_says_no_only_where_nothing_matches(text: str) -> None:
    for pattern in _gated_cues():
        for chars in (4, 8):
            gate = literal_gate(pattern, chars)
            if gate is not None and not gate(text):
                assert pattern.search(text) is None, (pattern.pattern[:60], text)


def test_literal_gate_of_the_certainty_cues() -> None:
    gate = literal_gate(_cue_patterns()["certainty"])
    assert gate is not None
    assert not gate("Gunmen killed two people in the town on Monday.")
    assert gate("The army DENIED it.")
    assert gate("The group CLAİMED it")  # a letter that folds onto "i": let through (the regex matches it)
    assert certainty("The group CLAİMED the attack", 0, 21) == "claimed"


def test_literal_gate_gives_up_where_prefixes_cannot_be_listed() -> None:
    assert literal_gate(re.compile(r"\w+ed", re.IGNORECASE)) is None
    assert literal_gate(re.compile(r"a?")) is None  # an empty match
    assert literal_gate(re.compile("café")) is None  # not ASCII


def _required_cues() -> list[re.Pattern[str]]:
    return [
        _ATTACKERS_KILLED,
        _DAYS_BEFORE,
        re.compile(r"(?:the\s+)?(?:[\w-]+\s+)?(?:attack|shell)(?:ed|ing)\s+(?:of\s+)+\w+", re.IGNORECASE),
        re.compile(r"\b(?:killing|[\w-]+ed)\s+of\b"),
    ]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_required_gate_says_no_only_where_nothing_matches(text: str) -> None:
    for pattern in _required_cues():
        gate = required_gate(pattern)
        assert gate is not None
        if not gate(text):
            assert pattern.search(text) is None, (pattern.pattern[:60], text)


def test_required_words_of_the_cues() -> None:
    # every match names the attackers, though none opens with a listable word ("all the five gunmen")
    assert required_words(_ATTACKERS_KILLED) == {
        "attackers",
        "assailants",
        "raiders",
        "gunmen",
        "bombers",
        "terrorists",
        "militants",
        "jihadists",
        "insurgents",
    }
    assert required_words(_DAYS_BEFORE) == {"before", "earlier", "previous"}
    assert required_words(_required_cues()[2]) == {"attack", "shell"}  # the run "of" is shorter
    # both alternatives hold a literal ("ed" ends the other): longer on average than "of"
    assert required_words(_required_cues()[3]) == {"killing", "ed"}
    gate = required_gate(_ATTACKERS_KILLED)
    assert gate is not None
    assert not gate("Security forces killed two rebels.")
    assert gate("Security forces killed all five GUNMEN.")
    assert gate("Security forces killed all five \u212aillers.")  # a letter that folds onto "k": let through


def test_required_words_give_up_where_a_match_needs_no_literal() -> None:
    assert required_words(re.compile(r"\w+|killed")) is None  # one alternative needs no literal
    assert required_words(re.compile(r"(?:kill)?\d+")) is None  # an optional part is no requirement
    assert required_words(re.compile("café")) is None  # not ASCII
    assert required_gate(re.compile(r"[a-z]+")) is None


@settings(max_examples=300, deadline=None)
@given(texts)
def test_the_death_word_gate_holds_for_every_count_of_dead(text: str) -> None:
    cues = _cue_patterns()
    if cues["num_then_fatal"].search(text) is not None:
        assert cues["fatal_word"].search(text) is not None


def _event_cue_by_search(text: str, start: int, end: int) -> bool:
    """``event_cue`` as it was: the search over the 40 characters before the name, in the text."""
    before, after, _ = _event_cue_patterns()
    if before.search(text, max(0, start - 40), start):
        return not _NAME_GOES_ON.match(text, end)
    return bool(after.match(text, end, end + 60))


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_event_cue_answers_as_its_search(head: str, tail: str) -> None:
    text = f"{head}Aleppo {tail}"
    start = len(head)
    assert event_cue(text, start, start + 6) == _event_cue_by_search(text, start, start + 6)


@pytest.mark.parametrize("pad", range(30, 46))
def test_event_cue_where_the_window_cuts_a_word(pad: int) -> None:
    # the 40 characters before the name start inside "unshelling" / "besiege": no cue starts there
    for cue in ("unshelling of ", "the siege of ", "x" * 20 + "siege of "):
        text = "z" * pad + cue + "Aleppo was quiet."
        start = text.index("Aleppo")
        assert event_cue(text, start, start + 6) == _event_cue_by_search(text, start, start + 6)


@pytest.mark.parametrize(
    "gap", ["", " in the north, ", "  said  ", " İstanbul’s ", "K, 3 ſ ", "İ’x", "’s, İ"]
)
def test_gap_counts_tokens_of_the_text_as_written(gap: str) -> None:
    text = f"Aleppo{gap}shelled"
    n_tok, words, *_ = _gap.__wrapped__(text, 6, 6 + len(gap))
    assert n_tok == len(_TOK.findall(gap))
    assert words == tuple(_TOK.findall(gap.lower()))


# ---------------------------------------------------------------- geo.dates


def _all_patterns(text: str, pub: dt.date | None) -> tuple[dates.DateGuess, ...]:
    """``_find_dates`` trying every pattern kind, without the gates."""
    found: list[dates.DateGuess] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in dates._PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if kind == "weekday" and dates._YEAR_THEN.search(text, max(0, m.start() - 24), m.start()):
                continue  # (a rule, not a gate: "the 2019 Easter Sunday" is of that year)
            explicit = kind in {"iso", "month_day", "day_month"}
            guess = dates._explicit(kind, m, pub) if explicit else dates._relative(kind, m, pub)
            if guess is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(
                dates.DateGuess(guess.date, guess.date_end, guess.time_precision, m.span(), m.group(0))
            )
    return tuple(sorted(found, key=lambda g: g.span or (0, 0)))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_gated_dates_equal_every_pattern_tried(text: str) -> None:
    pub = dt.date(2001, 11, 20)
    assert dates._find_dates.__wrapped__(text, pub) == _all_patterns(text, pub)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_guarded_date_patterns_match_as_written(text: str) -> None:
    for _, pattern in dates._PATTERNS:
        plain = re.compile(pattern.pattern, pattern.flags)
        found = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert found == [(m.span(), m.groups()) for m in plain.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Fighting resumed LAST WEEK near the border.",
        "On Tuesday night and this week.",
        "thiſ morning",
        "wee\u212a",
        "Two “militants” were killed three DAYS AGO, in 2019.",
        "It happened 3 days agO in a village; “in 1998” they fled.",
        "Days of fighting in 12019 and in 201",
        # words inside words, found by one scan: "this week" in "this weekend", "yesterday" twice
        "Clashes erupted this weekend and the day before yesterday, after last nightfall.",
    ],
)
def test_gated_dates_on_written_sentences(text: str) -> None:
    pub = dt.date(2001, 11, 20)
    assert dates._find_dates.__wrapped__(text, pub) == _all_patterns(text, pub)


# ---------------------------------------------------------------- gazetteer memo


def test_memoised_gazetteer_answers_are_the_databases(gazetteer: Gazetteer) -> None:
    fresh = Gazetteer.open(gazetteer.path)
    try:
        for word in ["Afghan", "Pakistanis", "Kandahar", "British"]:
            first = gazetteer.demonym(word)
            assert gazetteer.demonym(word) is first  # kept
            assert first == fresh.demonym(word)
        assert gazetteer.country("AF") == fresh.country("AF")
        assert gazetteer.admin1("AF", "23") == fresh.admin1("AF", "23")
    finally:
        fresh.close()
    clone = pickle.loads(pickle.dumps(gazetteer))
    try:
        assert clone.demonym("Afghan") == gazetteer.demonym("Afghan")
    finally:
        clone.close()


def test_demonyms_read_once_answer_as_the_query(gazetteer: Gazetteer) -> None:
    """``Gazetteer.demonym`` reads the demonyms table once into a dict: for every key of the table and for
    words that are no demonym, its answer is the one query's it replaced."""
    conn = gazetteer._conn
    keys = [key for (key,) in conn.execute("SELECT key FROM demonyms")]
    assert keys
    for word in [*keys, "Afghans", "Kandahar", "Police", "said", "", "Ünknown"]:
        row = conn.execute("SELECT country_code FROM demonyms WHERE key = ?", (fold(word),)).fetchone()
        assert gazetteer.demonym(word) == (gazetteer.country(row[0]) if row else None)


# ---------------------------------------------------------------- frozen heap


_CYCLE_CHECK = """
import datetime as dt, gc, sys
from geo.pipeline import Pipeline
from geo.records import Document
pipeline = Pipeline.default(sys.argv[1])
text = (
    "Taliban fighters attacked a police post in Kandahar province on Monday, killing four officers.\\n\\n"
    "Officials in Kabul said the town of Spin Boldak was shelled, and 12 civilians died in Herat."
)
pipeline(Document("warm", text, date=dt.date(2001, 11, 20)))
gc.collect()
gc.set_debug(gc.DEBUG_SAVEALL)
for i in range(3):
    doc = pipeline(Document(f"d{i}", text.replace("four", str(i + 5)), date=dt.date(2001, 11, 20)))
    assert doc.events and doc.places
gc.collect()
print(len(gc.garbage), sorted({type(o).__name__ for o in gc.garbage}))
"""


def test_the_pipeline_makes_no_reference_cycles(gazetteer: Gazetteer) -> None:
    """``settle_heap`` freezes what a chunk leaves alive without collecting again: that loses
    nothing only because the stages make no reference cycles (checked in a fresh interpreter, where
    nothing else makes garbage meanwhile)."""
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
    out = subprocess.run(
        [sys.executable, "-c", _CYCLE_CHECK, str(gazetteer.path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
        env=env,
        timeout=300,
    )
    assert out.stdout.strip() == "0 []"


# ---------------------------------------------------------------- clause boundaries

#: ``geo.events._BOUNDARY`` as first written: seven alternatives, three of them opening with ",?\s+"
_BOUNDARY_AS_WRITTEN = re.compile(
    r";|\s[—–]\s|,?\s+(?:and|but|while|whereas|as well as)\s+|,\s+(?:after which|where)\s+"
    r"|,?\s+in\s+(?:response|retaliation|reprisal|revenge)\s+(?:to|for)\s+"
    r"|,?\s+after\s+(?=(?:an?|the|his|her|their|its)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:shot|killed|opened fire|attacked|stormed|fired|bombed|struck|died|was|were|had|fought|clashed)\b"
    r"|(?:[\w'’-]+\s+){1,2}?(?:fought|clashed)\b)"
    r"|,\s+as\s+(?=(?:[\w'’-]+\s+){1,4}?(?:raged|continued|intensified|escalated|spread|flared|pushed|advanced)\b)"
)
_BOUNDARY_FRAGMENTS = [
    ";", ",", " ", "  ", "\n", "\u00a0", "—", "–", "and", "but", "as well as", "after", "as", "where",
    "after which", "in", "response", "retaliation", "to", "for", "the", "his", "two", "fought", "clashed",
    "raged", "spread", "killed", "opened fire", "was", "Kabul", "x", "-", "’",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_BOUNDARY_FRAGMENTS), max_size=16).map("".join))
def test_clause_boundaries_match_as_written(text: str) -> None:
    """The clause-boundary regex, opening with one character class, finds what it did as written: the
    same matches of a scan, and the same first match searched from every position."""
    from geo.events import _BOUNDARY

    written = [m.span() for m in _BOUNDARY_AS_WRITTEN.finditer(text)]
    assert [m.span() for m in _BOUNDARY.finditer(text)] == written
    for i in range(len(text) + 1):
        ours, first = _BOUNDARY.search(text, i), _BOUNDARY_AS_WRITTEN.search(text, i)
        assert (ours and ours.span()) == (first and first.span())


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(0, 200), st.integers(0, 30))
def test_edge_tokens_are_those_of_the_slices(text: str, start: int, width: int) -> None:
    """The link model's words before and after a name, found among the text's tokens, are the tokens
    of the slices before and after it."""
    from geo.link_model import _edge_tokens

    s = min(start, len(text))
    e = min(s + width, len(text))
    before = _TOK.findall(text[max(0, s - 60) : s])
    after = _TOK.findall(text[e : e + 40])
    expected = (
        before[-1].lower() if before else "^",
        before[-2].lower() if len(before) > 1 else "^",
        after[0].lower() if after else "$",
    )
    assert _edge_tokens(text, s, e) == expected


_DISTANCE_FRAGMENTS = [
    "80 km ", "70 nautical miles ", "12 kilometres ", "(8 miles) ", "north ", "west ", "of ", "OF ", "from ",
    "From\n", "the ", "port city of ", "town ", "Kabul ", "in ", "  ", "\u00a0", "\n", "İ", "x", "3,5",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DISTANCE_FRAGMENTS), max_size=12).map("".join))
def test_distance_anchor_answers_as_its_search(text: str) -> None:
    """The quick "no" before the distance pattern's search never hides a match."""
    from geo.text import DISTANCE_ANCHOR, distance_anchor

    for start in range(len(text) + 1):
        expected = DISTANCE_ANCHOR.search(text, max(0, start - 60), start) is not None
        assert distance_anchor(text, start) == expected


def test_join_separators_are_what_the_pattern_matches_whole() -> None:
    """The recogniser's set of separators inside a name is every text its pattern matches whole (none
    is longer than three characters)."""
    import itertools

    from geo.toponyms import _JOIN_SEP, _JOIN_SEPS

    alphabet = " \t\u00a0-–a\n"
    texts = ["".join(t) for n in range(5) for t in itertools.product(alphabet, repeat=n)]
    assert {t for t in texts if _JOIN_SEP.fullmatch(t)} == _JOIN_SEPS


_ATTACH_FRAGMENTS = [
    "in ", "IN ", "at ", "near ", "the town of ", "a village ", "north of ", "15 km from ", "said ", "told ",
    "stormed ", "the ", "city of ", "Kabul ", "x", "-", "_", "2", ", ", "\n", "’", "İ", "\u212a", "  ",
    "outskirts of ",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ATTACH_FRAGMENTS), max_size=12).map("".join))
def test_attachment_search_after_a_non_word_character_is_the_search(before: str) -> None:
    """The attaching words searched as the character before them and the cue find what the cue's own
    search finds, from every position, and so the same attachment."""
    from geo.linking import _SPEECH_WORD, _attach_search, _attachment_before

    pattern = _cues()["attach"]
    for pos in range(len(before) + 1):
        m = pattern.search(before, pos)
        assert _attach_search(before, pos) == (m and (m.start(), m.group(0)))
    m = pattern.search(before)
    while m is not None and _SPEECH_WORD.search(m.group(0)):
        m = pattern.search(before, m.start() + 1)
    assert _attachment_before(before) == (" ".join(m.group(0).split()) if m else "")


def test_name_gap_is_what_its_pattern_matches_whole() -> None:
    """The recogniser's test of the gap between two words of an organisation's name answers as its
    pattern: every short text of the characters it cares about, and ``\\s`` is ``str.isspace``."""
    import itertools
    import sys

    from geo.toponyms import _NAME_GAP, _is_name_gap

    alphabet = " \t\n\u00a0\u2003'’sSx-"
    for n in range(5):
        for chars in itertools.product(alphabet, repeat=n):
            text = "a" + "".join(chars) + "b"
            assert _is_name_gap(text, 1, n + 1) == (_NAME_GAP.fullmatch(text, 1, n + 1) is not None), text
    space = re.compile(r"\s")
    assert all(chr(c).isspace() == bool(space.fullmatch(chr(c))) for c in range(sys.maxunicode + 1))
