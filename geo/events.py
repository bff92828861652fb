"""Sentence-level conflict events, coded with ACLED's types, actors, fatalities, dates and certainty.

``EventExtractor`` is a pipeline stage (``Document -> Document``) filling ``Document.events``.
How it reads a sentence:

1. every trigger of the lexicon (``geo/data/event_triggers.csv``) is found, unless the words
   before it make it hypothetical ("would attack", "urging them to ...", "opposed to");
2. triggers are grouped into events: a new event starts after a clause boundary
   (";", "and", "but", "while") unless the two triggers are a few words apart
   ("shot and killed");
3. each event takes the highest sub-event type in ACLED's priority order
   (``geo/data/event_types.json``); generic triggers ("killed", "attacked") become an
   Attack on civilians or an Armed clash by who was targeted, territory captures go to the
   government or a non-state actor by who took them, protests rise to intervention or
   excessive force by what the police did;
4. actors come from ``geo/data/actors.csv`` (plus ``actors_path``): the agent is the subject
   or the "by ..." phrase, the target the object or the "of ..." phrase; captives and
   prisoners who are killed are civilians, as ACLED codes them;
5. fatalities are the lowest figure reported for the dead, vague words counted as ACLED does
   (``geo/data/event_cues.json``); injuries and "casualties" count 0;
6. the date is the date expression nearest the trigger (``geo.dates``), the certainty the
   claim or denial that frames the trigger.

An event in the headline that the body reports again is kept once (the body's).
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import functools
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from geo import dates
from geo.actors import Actor, ActorList, ActorMatch, affiliate_of, as_of, in_country, is_generic
from geo.errors import InputError
from geo.memo import document_memo
from geo.prefixes import (
    PREFIX_CHARS,
    PrefixScan,
    guarded_pattern,
    literal_gate,
    prefix_finder,
    prefix_scan,
    prefixes,
    required_gate,
)
from geo.records import Certainty, Document, Event, Place, built_by_slots, replace
from geo.tail import tail_search
from geo.text import distance_anchor, places_in, sentences

#: ``(sentence, rules' sub-type, trigger sub-types) -> sub-type``, ``""`` (no conflict event: drop it)
#: or ``None`` (keep the rules' type): a second opinion on a type.
Retyper = Callable[[str, str, Sequence[str]], str | None]

_WORD = re.compile(r"[\w'’-]+")
# The clause boundaries: ";", a dash between spaces, and these cues after a comma or a space ("X, and Y",
# "X and Y"). "fired rockets at a base in response to an Israeli drone strike": the strike answered is
# another event. "Rioters torched cars after a police officer shot dead a driver", "The killings took
# place on Friday after soldiers fought Fano fighters": what came before is another event. "air strikes
# killed 30 ..., as fighting raged in the north": the fighting is told beside it.
_AND_CUE = r"(?:and|but|while|whereas|as well as)\s+"
_IN_RESPONSE_CUE = r"in\s+(?:response|retaliation|reprisal|revenge)\s+(?:to|for)\s+"
_AFTER_CUE = (
    r"after\s+(?=(?:an?|the|his|her|their|its)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:shot|killed|opened fire|attacked|stormed|fired|bombed|struck|died|was|were|had|fought|clashed)\b"
    r"|(?:[\w'’-]+\s+){1,2}?(?:fought|clashed)\b)"
)
_AS_CUE = (
    r"as\s+(?=(?:[\w'’-]+\s+){1,4}?(?:raged|continued|intensified|escalated|spread|flared|pushed|advanced)\b)"
)
#: What ``;|\s[—–]\s|,?\s+AND|,\s+(?:after which|where)\s+|,?\s+IN_RESPONSE|,?\s+AFTER|,\s+AS`` matches,
#: in the same order, but opening with one character class: the regex engine's search then skips at once
#: to the characters a boundary starts with (~3x faster; a test checks the two against each other).
_BOUNDARY = re.compile(
    r"[;,\s](?:(?<=;)"
    rf"|(?<=,)\s+(?:{_AND_CUE}|(?:after which|where)\s+|{_IN_RESPONSE_CUE}|{_AFTER_CUE}|{_AS_CUE})"
    rf"|(?<=\s)(?:[—–]\s|\s*(?:{_AND_CUE}|{_IN_RESPONSE_CUE}|{_AFTER_CUE})))"
)
#: (an adverb may come between: "were reportedly killed", "were also killed", "were all shot")
_PASSIVE = re.compile(
    r"\b(?:was|were|been|being|is|are|got|get)\s+(?:(?:\w+ly|also|all|both|later|then)\s+)?$", re.IGNORECASE
)
#: "Niger soldiers killed in ambush near Mali border": a headline's (or a reduced relative's) participle
#: with no object, whose subject suffered it
_REDUCED_PASSIVE = re.compile(
    r"(?:killed|wounded|injured|abducted|kidnapped|executed|massacred|beheaded)\s+"
    r"(?:in|during|when|as|while|after|near)\b",
    re.IGNORECASE,
)
#: "Eleven soldiers died in an ambush": the subject suffered the act the trigger names (ends the clause
#: before the trigger)
_DIED_IN = re.compile(
    r"\b(?:die[sd]?|perish(?:ed|es)?|lost\s+(?:their|his|her)\s+lives?)\s+(?:in|during)\s+"
    r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_DIED_GAP = re.compile(r"\s+(?:(?:have|has|had|were|was|reportedly|later|confirmed)\s+){0,2}")


def _died(text: str, first: Hit, before: list[ActorMatch], hits: list[Hit]) -> bool:
    """ "Eleven soldiers died in an ambush", "Two policemen dead in attack": the side named right before a
    word of death suffered the act, unless the sentence tells of a fight (whose dead are no side)."""
    return (
        bool(before)
        and _TOLL_WORD.fullmatch(text, first.start, first.end) is not None
        and _DIED_GAP.fullmatch(text, before[-1].end, first.start) is not None
        and not any(_RECIPROCAL.search(text, h.start, h.end) for h in hits)
    )


_REALIS = re.compile(
    r"\b(?:continu\w*|began|begun|begin|start\w*|went on|managed|claim\w*|appear\w*|reported(?:ly)?|seem\w*|"
    r"said|went|came|used|moved|tried|attempted|been)\s+to\s+(?:have\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
_DEATH_ONLY = guarded_pattern(
    re.compile(r"died|dead|deaths|killed|killing|slain|injured|wounded", re.IGNORECASE)
)
_INFINITIVE = re.compile(r"\bto\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_CAPITALISED = re.compile(
    r"(?<![\w-])(?:[A-Z][\w'’-]*)(?:\s+(?:of\s+the\s+|of\s+|al-|the\s+)?[A-Z][\w'’-]*)*"
)


@dataclass(frozen=True, slots=True)
class SubType:
    """One ACLED sub-event type with its event type, disorder type and priority (0 = highest)."""

    name: str
    event_type: str
    disorder_type: str
    case_label: str
    priority: int


@dataclass(frozen=True, slots=True)
class Trigger:
    """A lexicon rule: a regex for the words that signal one sub-event type."""

    sub_type: str
    pattern: re.Pattern[str]
    resolve: str = ""
    not_before: re.Pattern[str] | None = None
    not_after: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """One trigger found in a text."""

    rule: Trigger
    start: int
    end: int


built_by_slots(Hit)  # its constructor by slot setters when not compiled (geo.records)


@dataclass(frozen=True, slots=True)
class _Pending:
    """A trigger group of the sentence text[s:e] read up to the retyper's verdict: its strong triggers,
    clause, roles, the rules' sub-type and deciding trigger, and what the retyper is asked
    (``request``: the sentence or clause, the rules' sub-type, the group's sub-types). The events of
    a document wait together, so that the retyper can score them all at once."""

    s: int
    e: int
    strong: list[Hit]
    c_start: int
    c_end: int
    roles: Roles
    sub: str
    trigger: Hit
    request: tuple[str, str, list[str]]


built_by_slots(_Pending)  # its constructor by slot setters when not compiled (geo.records)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The event lexicon: sub-types in priority order, trigger rules and cue words."""

    sub_types: dict[str, SubType]
    triggers: tuple[Trigger, ...]
    cues: dict[str, Any]

    @property
    def by_case_label(self) -> dict[str, SubType]:
        return {s.case_label: s for s in self.sub_types.values()}


def _data_text(name: str) -> str:
    return resources.files("geo.data").joinpath(name).read_text("utf-8")


def _bounded(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE)


@functools.cache
def load_lexicon() -> Lexicon:
    """The packaged event lexicon (read once)."""
    raw = json.loads(_data_text("event_types.json"))["sub_event_types"]
    sub_types = {
        r["sub_event_type"]: SubType(r["sub_event_type"], r["event_type"], r["disorder_type"], r["case"], i)
        for i, r in enumerate(raw)
    }
    triggers = read_triggers(_data_text("event_triggers.csv"), sub_types)
    cues = json.loads(_data_text("event_cues.json"))
    return Lexicon(sub_types, triggers, cues)


#: how a trigger row's sub-type is settled (``_resolve``): "" as written, or by its sides or words
RESOLVE_KINDS = frozenset({"", "actor1", "protest", "state_air", "target", "weak"})
_TRIGGER_FIELDS = ("sub_event_type", "pattern", "resolve", "not_before", "not_after")


def read_triggers(
    text: str, sub_types: dict[str, SubType], source: str = "event_triggers.csv"
) -> tuple[Trigger, ...]:
    """The trigger rows of a CSV text, each checked whole: a pattern with an unquoted comma would split
    into the next columns and silently cut its regex short, so a row of the wrong width, an unknown
    sub-type or resolve kind, or a regex that does not compile is an ``InputError`` naming its line."""
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header is None or tuple(header) != _TRIGGER_FIELDS:
        raise InputError(f"{source}: the header must be {','.join(_TRIGGER_FIELDS)}")
    triggers = []
    for row in reader:
        where = f"{source} line {reader.line_num}"
        if len(row) != len(_TRIGGER_FIELDS):
            raise InputError(
                f"{where}: {len(row)} fields, not {len(_TRIGGER_FIELDS)} (quote a pattern that holds a comma)"
            )
        sub_type, pattern, resolve, not_before, not_after = row
        if sub_type not in sub_types:
            raise InputError(f"{where}: unknown sub-event type {sub_type!r}")
        if resolve not in RESOLVE_KINDS:
            raise InputError(f"{where}: unknown resolve kind {resolve!r}")
        try:
            triggers.append(
                Trigger(
                    sub_type,
                    _bounded(pattern),
                    resolve,
                    re.compile(rf"(?:{not_before})$", re.IGNORECASE) if not_before else None,
                    re.compile(rf"\s*(?:{not_after})", re.IGNORECASE) if not_after else None,
                )
            )
        except re.error as exc:
            raise InputError(f"{where}: the regex does not compile ({exc})") from exc
    return tuple(triggers)


@functools.cache
def _cue_patterns() -> dict[str, re.Pattern[str]]:
    """The lexicon's cue regexes, their case-insensitive word lists guarded (``guarded_pattern``: the
    same matches, found sooner)."""
    return {name: guarded_pattern(pattern) for name, pattern in _plain_cue_patterns().items()}


def _plain_cue_patterns() -> dict[str, re.Pattern[str]]:
    cues = load_lexicon().cues
    numbers = sorted({**cues["number_words"], **cues["vague_numbers"]}, key=len, reverse=True)
    number_words = "|".join(re.escape(n) for n in numbers if not n.startswith("_"))
    approx = r"at least|more than|over|nearly|almost|about|around|approximately|up to|as many as|some|all"
    num = rf"(?:(?:{approx})\s+)?(?P<num>\d[\d,]*|{number_words})"
    fatal, injury = cues["fatal_words"], cues["injury_words"]
    return {
        "hypothetical": re.compile(cues["hypothetical_before"], re.IGNORECASE),
        "assembled_to": re.compile(cues["assembled_to"], re.IGNORECASE),
        # "12 people, including three children, were killed": the dead are the 12
        "superset": re.compile(
            rf"(?<![\w-]){num}\s+(?:[\w'’-]+\s+){{0,2}}?{cues['plural_victims']}\b[^.;]{{0,40}}?"
            rf"\b(?:including|among them|among whom|of whom|of them)\s+$",
            re.IGNORECASE,
        ),
        "num_then_fatal": re.compile(
            # (up to nine words between: "20 soldiers and volunteers fighting alongside the army were killed")
            rf"(?<![\w-]){num}(?![\w-])(?P<mid>(?:\W+(?!\d)[\w'’-]+){{0,9}}?)\W+{fatal}\b",
            re.IGNORECASE,
        ),
        # what every match of ``num_then_fatal`` holds: a quick "no" for clauses without a word of death
        "fatal_word": re.compile(rf"\W{fatal}\b", re.IGNORECASE),
        # a count that says how many ("five", not "a" or "one" or "thousands"): one between a vague count
        # and a word of death is the count of the dead
        "precise_count": re.compile(
            r"\b(?:"
            + "|".join(
                re.escape(n)
                for n in sorted(cues["number_words"], key=len, reverse=True)
                if not n.startswith("_") and n not in ("one", "a", "an", "both", "a couple of", "couple of")
            )
            + r")\b",
            re.IGNORECASE,
        ),
        "fatal_then_num": re.compile(
            rf"\b(?:killing|killed|kill|shot dead|gunned down|beheaded|beheading|hanged|lynched|lynching|"
            # "hacking to death at least nine civilians"
            rf"(?:(?:hack|stabb|beat|burn|club|ston|shoot)(?:ing|ed)|beat|burnt|shot)\s+to\s+death|"
            rf"death toll (?:\w+ ){{0,3}}(?:to|at|of)|toll (?:\w+ ){{0,3}}(?:to|at|of)|"
            # "The death toll from last week's siege of the hotel has risen to 32"
            rf"toll\b[^.;!?]{{0,100}}?\b(?:risen|rose|rises|climbed|climbs|jumped|increased)\s+to|"
            rf"claimed the lives of|left|leaving|massacred|executed|executing|neutrali[sz](?:ed|ing)|"
            rf"massacre[ds]?(?:\W+[\w'’-]+){{0,10}}?\W+of|"
            # "found the bodies of six men"
            rf"(?:killing|execution|murder|deaths?|bodies|corpses)\s+of)[\"”]?\s+[\"“]?{num}(?![\w-])",
            re.IGNORECASE,
        ),
        "num_then_executed": re.compile(
            rf"(?<![\w-]){num}(?![\w-])(?:\W+(?!\d)[\w'’-]+){{0,6}}?\W+"
            rf"(?:were|was|had been|have been)\s+(?:\w+ly\s+)?(?:shot|hanged|hung)\b",
            re.IGNORECASE,
        ),
        "injury": re.compile(rf"\b{injury}\b", re.IGNORECASE),
        # "left one person injured" (the count's own words, no "and wounded dozens" after them)
        "injured_after": re.compile(
            rf"(?:\s+(?!(?:and|or|but|while)\b)[\w'’-]+){{0,2}}?\s+{injury}\b", re.IGNORECASE
        ),
        "captive": re.compile(rf"\b{cues['captive_words']}\b", re.IGNORECASE),
        "singular_after": re.compile(
            # "killed Afghanistan's refugee minister and four other people"
            rf"\s+(?:a|an|the|one|(?-i:[A-Z])[\w'’-]*['’]s)\s+(?:[\w'’-]+\s+){{0,3}}?{cues['singular_victim']}\b"
            # "the deputy minister": a title of two such words
            rf"(?:\s+{cues['singular_victim']}\b)?"
            # "a senior commander of Kataib Hezbollah (and two of his guards)"
            rf"(?:\s+of\s+(?:the\s+)?(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){{0,3}})?",
            re.IGNORECASE,
        ),
        # "shot dead a journalist and his son": one victim and one of theirs
        "and_kin": re.compile(
            rf"\s+and\s+(?:his|her|their)\s+(?:[\w'’-]+\s+){{0,2}}?{cues['singular_victim']}\b"
            rf"(?!\s+(?:were|was|had been|are)\s+(?:\w+\s+)?"
            rf"(?:{injury}|arrested|detained|kidnapped|abducted))",
            re.IGNORECASE,
        ),
        # "killed a local sheikh and two of his sons": one victim and N more
        # "one Kyrgyz and one Tajik serviceman", "an Israeli and a Palestinian soldier": two of one noun
        "one_and_one": re.compile(
            rf"\s+(?:one|a|an)\s+(?-i:[A-Z])[\w'’-]*\s+and\s+(?:one|a|an)\s+(?-i:[A-Z])[\w'’-]*\s+"
            rf"{cues['singular_victim']}\b",
            re.IGNORECASE,
        ),
        "and_more": re.compile(
            rf"\s+and\s+(?:(?:his|her|their)\s+)?(?P<num>\d+|{number_words})\s+(?:(?:of\s+)?(?:his|her|their|other)\s+)?"
            rf"(?:[\w'’-]+\s+){{0,2}}?[\w'’-]+(?![\w'’-])"
            rf"(?!\s+(?:were|was|had been|are)\s+(?:\w+\s+)?"
            rf"(?:{injury}|arrested|detained|kidnapped|abducted))",
            re.IGNORECASE,
        ),
        # what "left N" / "leaving N" counts: the dead ("left 12 dead", "leaving five dead"), not a crater
        "left_dead": re.compile(
            rf"\s+(?:[\w'’-]+\s+){{0,3}}?(?:{fatal}|{cues['plural_victims']}|{cues['singular_victim']})\b",
            re.IGNORECASE,
        ),
        "plural_group": re.compile(
            rf"\s+{num}\s+(?:[\w'’-]+\s+){{0,2}}?{cues['plural_victims']}\b", re.IGNORECASE
        ),
        "and_more_group": re.compile(
            rf"\s+and\s+{num}\s+(?:of\s+)?(?:the\s+)?(?:[\w'’-]+\s+){{0,2}}?{cues['plural_victims']}\b"
            rf"(?!\s+(?:were|was|had been|are)\s+(?:\w+\s+)?"
            rf"(?:{injury}|arrested|detained|kidnapped|abducted))",
            re.IGNORECASE,
        ),
        # "At least 40 soldiers and [auxiliaries were killed]": the count before the clause's "and"
        # (and "Thirteen peacekeepers from South Africa, Malawi and [Uruguay were killed]": a list of whence)
        "count_then_and": re.compile(
            rf"(?<![\w-]){num}\s+(?:[\w'’-]+\s+){{1,3}}?(?:(?:from|of)\s+(?:(?-i:[A-Z])[\w'’-]*,?\s+){{1,6}}?)?"
            rf"and\s+$",
            re.IGNORECASE,
        ),
        # ("volunteers fighting alongside the army were killed": a group told with a phrase of its own)
        "plural_killed": re.compile(
            rf"(?:[\w'’-]+\s+){{1,6}}?(?:were|have been|had been)\s+(?:\w+ly\s+)?{fatal}\b", re.IGNORECASE
        ),
        # the rest of a counted group: " Indian army soldiers" after "Three"
        "group_rest": re.compile(
            rf"\s+(?:[\w'’-]+\s+){{0,2}}?(?:{cues['plural_victims']}|(?-i:[A-Z][a-z'’]+s))\b", re.IGNORECASE
        ),
        "and_one_more": re.compile(
            rf"\s+and\s+(?:a|an|one|their|his|her|its)\s+(?:[\w'’-]+\s+){{0,2}}?{cues['singular_victim']}\b"
            rf"(?!\s+(?:were|was|had been|is)\s+(?:\w+\s+)?"
            rf"(?:{injury}|arrested|detained|kidnapped|abducted))",
            re.IGNORECASE,
        ),
        "count_and": re.compile(
            # "Seven soldiers and about 20 militants were killed": the second count's "about" after "and"
            # "11 Houthis and four soldiers": a people's or a group's plural name counts its men too
            rf"(?<![\w-]){num}\s+(?:[\w'’]+(?:-[\w'’]+)*\s+){{0,2}}?"
            rf"(?:{cues['plural_victims']}|(?-i:[A-Z][a-z'’]+s))\s+and\s+"
            rf"(?:(?:{approx})\s+)?$",
            re.IGNORECASE,
        ),
        # "two armed groups", "two rival armed groups" (up to two words before the noun, none a preposition:
        # "five people in villages" are people)
        "not_victims": re.compile(
            rf"\W+(?:(?!(?:in|at|of|from|near|on|across|around|inside|outside)\b)[\w'’-]+\W+){{0,2}}"
            rf"{cues['not_victims']}\b",
            re.IGNORECASE,
        ),
        "cumulative_subject": re.compile(cues["cumulative_subject"], re.IGNORECASE),
        "perfect_before": re.compile(cues["perfect_before"], re.IGNORECASE),
        "cumulative_after": re.compile(cues["cumulative_after"], re.IGNORECASE),
        "habitual_before": re.compile(cues["habitual_before"], re.IGNORECASE),
        "habitual_after": re.compile(cues["habitual_after"], re.IGNORECASE),
        "period_after": re.compile(cues["period_after"], re.IGNORECASE),
        "rival_crowds": re.compile(cues["rival_crowds"], re.IGNORECASE),
        "pursuit_gap": re.compile(cues["pursuit_gap"], re.IGNORECASE),
        "trade_victims": re.compile(cues["trade_victims"], re.IGNORECASE),
        "armed_people": re.compile(cues["armed_people"], re.IGNORECASE),
        "areas_after": re.compile(cues["areas_after"], re.IGNORECASE),
        "refers_back": re.compile(cues["refers_back"], re.IGNORECASE),
        "possessive_site": re.compile(cues["possessive_site"], re.IGNORECASE),
        "object_verbs": re.compile(cues["object_verbs"], re.IGNORECASE),
        "negated_count": re.compile(cues["negated_count"], re.IGNORECASE),
        "relative_subject": re.compile(cues["relative_subject"], re.IGNORECASE),
        "in_the_fight": re.compile(cues["in_the_fight"], re.IGNORECASE),
        # "Four soldiers were killed.": a count of dead, killed by no one named, opening its sentence
        "bare_dead": re.compile(rf"\W*{num}\s+{cues['bare_dead']}", re.IGNORECASE),
        "grievance_before": re.compile(cues["grievance_before"], re.IGNORECASE),
        "habitual_perfect": re.compile(cues["habitual_perfect"], re.IGNORECASE),
        "investigator_between": re.compile(cues["investigator_between"], re.IGNORECASE),
        "denied_who": re.compile(cues["denied_who"], re.IGNORECASE),
        "to_death_verb": re.compile(rf"{cues['to_death_verbs']}$", re.IGNORECASE),
        "to_death": re.compile(r"\s+to\s+death\b", re.IGNORECASE),
        "place_anaphor": re.compile(cues["place_anaphor"], re.IGNORECASE),
        "after_the": re.compile(cues["after_the"], re.IGNORECASE),
        "reported_the": re.compile(cues["reported_the"], re.IGNORECASE),
        "singular_before": re.compile(
            rf"\b(?:a|an|the|one)\s+(?:[\w'’-]+\s+){{0,3}}?{cues['singular_victim']}"
            # "the mayor of Chilpancingo was found beheaded"
            rf"(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?"
            # "A mayoral candidate, Jose Alfredo Cabrera, was shot dead"
            # "One resident who tried to stop them was shot dead"
            rf"(?:,\s+[A-Z][^,;]{{1,40}},|\s+who\s+(?:[\w'’-]+\s+){{0,5}}[\w'’-]+)?"
            rf"\s+(?:was|has been|had been)\s+(?:\w+ly\s+)?(?:found\s+)?$",
            re.IGNORECASE,
        ),
        # "Three Indian army soldiers and a police officer were killed": a group and one more
        "group_and_one_killed": re.compile(
            rf"(?<![\w-]){num}\s+(?:[\w'’-]+\s+){{0,2}}?{cues['plural_victims']}\s+and\s+(?:a|an|one)\s+"
            rf"(?:[\w'’-]+\s+){{0,3}}?{cues['singular_victim']}\s+(?:were|have been|had been)\s+"
            rf"(?:\w+ly\s+)?{fatal}\b",
            re.IGNORECASE,
        ),
        # "A soldier and a police officer were killed": two, one each
        "pair_before": re.compile(
            rf"\b(?:a|an|one)\s+(?:[\w'’-]+\s+){{0,3}}?{cues['singular_victim']}\s+and\s+"
            rf"(?:a|an|one|his|her|their)\s+(?:[\w'’-]+\s+){{0,3}}?{cues['singular_victim']}\s+"
            rf"(?:were|have been|had been)\s+(?:\w+ly\s+)?$",
            re.IGNORECASE,
        ),
        "civilian_toll": re.compile(rf"\b{cues['civilian_toll']}", re.IGNORECASE),
        "protest_force": re.compile(rf"\b{cues['protest_force']}\b", re.IGNORECASE),
        "protest_intervention": re.compile(rf"\b{cues['protest_intervention']}\b", re.IGNORECASE),
        "protest_unhindered": re.compile(cues["protest_unhindered"], re.IGNORECASE),
        "response_deployment": re.compile(cues["response_deployment"], re.IGNORECASE),
        "clash_word": re.compile(r"\bclash\w*|\bfought\b|\bfighting\b", re.IGNORECASE),
        "responsibility_for": re.compile(rf"\b(?:{cues['responsibility_for']})$", re.IGNORECASE),
        "claimed_after": re.compile(cues["claimed_after"], re.IGNORECASE),
        "carried_out": re.compile(cues["carried_out"], re.IGNORECASE),
        "protest_followup": re.compile(rf"\b{cues['protest_followup']}\b", re.IGNORECASE),
        "toll_sentence": re.compile(cues["toll_sentence"], re.IGNORECASE),
        "captured_person": re.compile(cues["captured_person"], re.IGNORECASE),
        "accident_scene": re.compile(cues["accident_scene"], re.IGNORECASE),
        "sports": re.compile(cues["sports"], re.IGNORECASE),
        "accident_cause": re.compile(cues["accident_cause"], re.IGNORECASE),
        "certainty": re.compile("|".join(rf"(?P<{k}>\b{p})" for k, p in cues["certainty"]), re.IGNORECASE),
    }


# ---------------------------------------------------------------- triggers


def find_hits(text: str, start: int = 0, end: int | None = None) -> list[Hit]:
    """Every non-hypothetical trigger in text[start:end], in text order."""
    end = len(text) if end is None else end
    if not 0 <= start <= end <= len(text):
        return list(_scan(text, start, end))
    # What a trigger sees outside text[start:end] is only the character before ``start`` (the
    # ``(?<![\w-])`` of every rule); any other one acts as the start of the text.  So the hits of
    # a sentence are memoised by its words: the extractor (document offsets) and the linker (the
    # sentence alone) share one scan.
    prev = text[start - 1] if start > 0 else ""
    if prev and not _WORDISH.match(prev):
        prev = ""
    shift = start - len(prev)
    hits = _sentence_hits(prev + text[start:end], len(prev))
    if shift == 0:
        return list(hits)
    return [Hit(h.rule, h.start + shift, h.end + shift) for h in hits]


_WORDISH = re.compile(r"[\w-]")
_UNVETTED = re.compile(r"\(\?>|[*+?}]\+|\\\d|\(\?P=|\(\?\(")


@document_memo
@functools.lru_cache(maxsize=4096)
def _sentence_hits(text: str, start: int) -> tuple[Hit, ...]:
    """``_scan`` of a whole (prefixed) sentence, memoised: the extractor and the linker both scan it."""
    return _scan(text, start, len(text))


@functools.cache
def _any_trigger() -> re.Pattern[str] | None:
    """One pattern finding every position where some trigger rule matches (a prefilter for ``_scan``);
    None when a rule's syntax could make the combination inexact."""
    rules = load_lexicon().triggers
    if any(_UNVETTED.search(r.pattern.pattern) for r in rules):
        return None  # atomic/possessive parts or back-references: scan rule by rule
    body = "|".join(_unnamed(r.pattern) for r in rules)
    return re.compile(rf"(?<![\w-])(?=(?:{body}))", re.IGNORECASE)


def _unnamed(pattern: re.Pattern[str]) -> str:
    """A rule's pattern with its trigger group ``(?P<t>...)`` made plain, to join with the others."""
    return pattern.pattern.replace("(?P<t>", "(?:")


@dataclass(frozen=True, slots=True)
class _Prefilter:
    """Where to try the trigger rules: ``finder`` finds every word start whose character can begin
    some rule; ``by_char`` maps a lower-cased ASCII first character to one pattern telling whether
    any of its rules matches there, and those rules' indices; other characters use ``every``."""

    finder: re.Pattern[str]
    by_char: dict[str, tuple[re.Pattern[str], tuple[int, ...]]]
    every: tuple[re.Pattern[str], tuple[int, ...]]
    #: finer: the lower-cased ASCII prefixes (``geo.prefixes.PREFIX_CHARS`` characters, fewer where
    #: a match ends sooner) each rule's matches start with; empty when some rule's cannot be listed
    by_prefix: dict[str, frozenset[int]]
    #: the rules that may begin at a word starting with a given ``PREFIX_CHARS`` characters
    #: (lower-cased, ASCII), filled from ``by_prefix`` as the words come
    groups: dict[str, tuple[int, ...]]
    #: ``finder``'s places in ASCII text from one Aho-Corasick scan; None where ``finder`` is not
    #: ``prefix_finder``'s
    scan: PrefixScan | None = None


@functools.cache
def _prefilter() -> _Prefilter | None:
    """The rules dispatched by their possible first characters (read off the parsed patterns);
    None when some rule's first character cannot be told exactly."""
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    def first_of(items: Any) -> tuple[set[str], bool] | None:
        chars: set[str] = set()
        for op, av in items:
            found = one(op, av)
            if found is None:
                return None
            chars |= found[0]
            if not found[1]:
                return chars, False
        return chars, True

    def one(op: Any, av: Any) -> tuple[set[str], bool] | None:
        if op is sre.LITERAL:
            return {chr(av)}, False
        if op is sre.IN:
            chars: set[str] = set()
            for kind, arg in av:
                if kind is sre.LITERAL:
                    chars.add(chr(arg))
                elif kind is sre.RANGE and arg[1] - arg[0] < 128:
                    chars |= {chr(c) for c in range(arg[0], arg[1] + 1)}
                else:
                    return None
            return chars, False
        if op is sre.BRANCH:
            chars, nullable = set(), False
            for seq in av[1]:
                found = first_of(seq)
                if found is None:
                    return None
                chars |= found[0]
                nullable = nullable or found[1]
            return chars, nullable
        if op is sre.SUBPATTERN:
            return first_of(av[-1])
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            found = first_of(av[2])
            return None if found is None else (found[0], found[1] or av[0] == 0)
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            return set(), True  # zero-width: the first character comes after it
        return None

    rules = load_lexicon().triggers
    everything = _any_trigger()
    if everything is None:
        return None
    groups: dict[str, list[int]] = {}
    for i, rule in enumerate(rules):
        try:
            found = first_of(_parser.parse(rule.pattern.pattern))
        except (re.error, RecursionError):  # a rule the parser cannot read is not prefiltered
            return None
        if found is None or found[1] or not found[0] or not all(c.isascii() for c in found[0]):
            return None
        for c in {c.lower() for c in found[0]}:
            groups.setdefault(c, []).append(i)
    firsts = {c for k in groups for c in (k, k.upper())}
    # word starts where some rule may begin: by its first characters if they can be listed, else
    # by the first one (and any non-ASCII one)
    finder = prefix_finder(r.pattern for r in rules)
    scan = prefix_scan(r.pattern for r in rules) if finder is not None else None
    if finder is None:
        finder = re.compile(
            r"(?<![\w-])[" + "".join(re.escape(c) for c in sorted(firsts)) + "\x80-\U0010ffff]"
        )

    def lookahead(idxs: list[int]) -> re.Pattern[str]:
        body = "|".join(_unnamed(rules[i].pattern) for i in idxs)
        return re.compile(rf"(?<![\w-])(?=(?:{body}))", re.IGNORECASE)

    by_char = {c: (lookahead(idxs), tuple(idxs)) for c, idxs in groups.items()}
    return _Prefilter(
        finder, by_char, (everything, tuple(range(len(rules)))), _rule_prefixes(rules), {}, scan
    )


def _rule_prefixes(rules: Sequence[Trigger]) -> dict[str, frozenset[int]]:
    """Each lower-cased prefix (``geo.prefixes.prefixes``) of the rules and the rules it starts; empty
    when some rule's prefixes cannot be listed or are not all ASCII letters and marks (a non-ASCII
    character of the text may fold onto an ASCII one: those words go the first-character way)."""
    out: dict[str, set[int]] = {}
    for i, rule in enumerate(rules):
        found = prefixes(rule.pattern, PREFIX_CHARS)
        if not found or "" in found or not all(p.isascii() for p in found):
            return {}
        for p in found:
            out.setdefault(p.lower(), set()).add(i)
    return {p: frozenset(idxs) for p, idxs in out.items()}


def _prefix_group(pf: _Prefilter, key: str) -> tuple[int, ...]:
    """The rules that may begin at a word whose first ``PREFIX_CHARS`` characters, lower-cased ASCII,
    are ``key``: those with ``key`` or a shorter start of it among their prefixes (memoised)."""
    group = pf.groups.get(key)
    if group is None:
        found: set[int] = set()
        for n in range(1, len(key) + 1):
            found |= pf.by_prefix.get(key[:n], frozenset())
        group = pf.groups[key] = tuple(sorted(found))
    return group


def _candidate_starts(text: str, start: int, end: int) -> list[list[int]] | None:
    """For each rule, the positions of text[start:end] where it may match (a superset of where it
    does), or None when rules must be scanned one by one."""
    pf = _prefilter()
    if pf is None:
        everything = _any_trigger()
        if everything is None:
            return None
        positions = [m.start() for m in everything.finditer(text, start, end)]
        return [positions for _ in load_lexicon().triggers]
    out: list[list[int]] = [[] for _ in load_lexicon().triggers]
    fine = bool(pf.by_prefix)
    places = None if pf.scan is None else pf.scan.word_starts(text, start, end)
    if places is None:
        places = [m.start() for m in pf.finder.finditer(text, start, end)]
    for pos in places:
        key = text[pos : pos + PREFIX_CHARS]
        if fine and pos + PREFIX_CHARS <= end and key.isascii():
            # the few rules whose prefixes start this word: each is tried here (``_rule_matches``)
            for i in _prefix_group(pf, key.lower()):
                out[i].append(pos)
            continue
        ch = text[pos]
        group = pf.by_char.get(ch.lower()) if ch.isascii() else pf.every
        if group is None or group[0].match(text, pos, end) is None:
            continue
        for i in group[1]:
            out[i].append(pos)
    return out


def _scan(text: str, start: int, end: int) -> tuple[Hit, ...]:
    """Every non-hypothetical trigger in text[start:end], sorted by (start, -end)."""
    cues = _cue_patterns()
    hits: list[Hit] = []
    starts = _candidate_starts(text, start, end)
    lo = dates.dateline_end(text, start)  # "CAIRO, May 20 (Reuters) -": no cue ("may") reaches back into it
    for i, rule in enumerate(load_lexicon().triggers):
        if starts is None:
            matches = list(rule.pattern.finditer(text, start, end))
        elif not starts[i]:
            continue
        else:
            matches = _rule_matches(rule.pattern, text, start, end, starts[i])
        for m in matches:
            m_start = m.start()
            a = m_start - 80  # max(lo, m.start() - 80), without the builtin's call
            before = text[a if a > lo else lo : m_start]
            if rule.not_before is not None and tail_search(rule.not_before, before):
                continue
            if rule.not_after is not None and rule.not_after.match(text, m.end(), end):
                continue
            if _hypothetical(before, cues) and not _assembled_to_protest(rule, before, cues):
                continue
            if tail_search(cues["grievance_before"], before):
                continue  # "demanding protection after homes were attacked": the crowd's grievance
            # a rule may name its trigger inside a longer match: "killed in an (?P<t>Israeli strike)"
            t = m.span("t") if "t" in rule.pattern.groupindex and m.start("t") >= 0 else m.span()
            hits.append(Hit(rule, t[0], t[1]))
    hits.sort(key=lambda h: (h.start, -h.end))
    return tuple(hits)


def _rule_matches(
    pattern: re.Pattern[str], text: str, start: int, end: int, positions: list[int]
) -> list[re.Match[str]]:
    """``pattern.finditer(text, start, end)``, trying only ``positions`` (every place where it can
    match): the leftmost match from each resume point, as ``finditer`` finds it."""
    out: list[re.Match[str]] = []
    resume = start
    for pos in positions:
        if pos < resume:
            continue
        m = pattern.match(text, pos, end)
        if m is None:
            continue
        if m.end() == m.start():
            return list(pattern.finditer(text, start, end))  # empty matches: let finditer decide
        out.append(m)
        resume = m.end()
    return out


def _assembled_to_protest(rule: Trigger, before: str, cues: dict[str, re.Pattern[str]]) -> bool:
    """ "Hundreds of traders gathered in Bannu to protest": the crowd gathered, so it protested (an
    infinitive of protest after a past act of assembly is no mere intention)."""
    sub = load_lexicon().sub_types.get(rule.sub_type)
    return sub is not None and sub.event_type == "Protests" and tail_search(cues["assembled_to"], before)


def _hypothetical(before: str, cues: dict[str, re.Pattern[str]]) -> bool:
    # end-anchored cues: ``tail_search`` is ``pattern.search(before) is not None``, only faster
    if tail_search(_REALIS, before) or tail_search(cues["relative_subject"], before):
        return False  # "managed to kill", "A driver who tried to resist was killed"
    return tail_search(cues["hypothetical"], before) or tail_search(_INFINITIVE, before)


#: a sentence's opening frame: "In a separate attack on Sunday,", "During a raid overnight,"
_FRAME = re.compile(
    r"\W*(?:In|During)\s+(?:a|an|another|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:attacks?|raids?|incidents?|strikes?|operations?|assaults?)\b[^,;.]{0,40},",
)


def group_hits(text: str, hits: list[Hit]) -> list[list[Hit]]:
    """Triggers grouped into events: a clause boundary between two distant triggers starts a new event."""
    groups: list[list[Hit]] = []
    for hit in hits:
        if groups and _DEATH_ONLY.fullmatch(text[hit.start : hit.end]):
            groups[-1].append(hit)  # "..., while residents said 11 died": the toll of the same event
            continue
        if groups and _RETURNED_FIRE.fullmatch(text, hit.start, hit.end):
            groups[-1].append(hit)  # "came under fire ... and returned fire": one exchange
            continue
        if (
            groups
            and hit.rule.sub_type in ("Abduction/forced disappearance", "Arrests")
            and all(_BROKE_IN.fullmatch(text, h.start, h.end) for h in groups[-1])
            and _AND_AFTER_ENTRY.fullmatch(text, max(h.end for h in groups[-1]), hit.start)
        ):
            # "gunmen stormed a village on Monday and abducted 20 people", "police raided a house and
            # arrested three": how they got in, then what they did there: one abduction, one arrest
            groups[-1] = [hit]
            continue
        if (
            groups
            and _RAID_NOUN.fullmatch(text, hit.start, hit.end)
            and all(h.rule.sub_type in ("Abduction/forced disappearance", "Arrests") for h in groups[-1])
            and _IN_A_RAID.fullmatch(text, max(h.end for h in groups[-1]), hit.start)
        ):
            continue  # "police arrested four suspects in a raid on a house": how they got them, one arrest
        if (
            groups
            and hit.rule.sub_type == "Non-violent transfer of territory"
            and _takes_territory(groups[-1])
            and _AFTER_THEY.search(text, max(h.end for h in groups[-1]), hit.start)
        ):
            groups[-1].append(hit)  # "rebels captured the town after troops withdrew": the capture
            continue
        if groups:
            last = max(h.end for h in groups[-1])
            gap = text[last : hit.start]
            # past the gap: a boundary may look ahead ("after a police officer shot")
            cut = _BOUNDARY.search(text, last, hit.end + 80)
            if _AFTER_FIGHTING.match(text, last, hit.end + 12) and not _takes_territory(groups[-1]):
                groups.append([hit])  # "revenge killings after clashes with militiamen": two events
                continue
            close = (
                len(_WORD.findall(gap)) <= 3
                or _BETWEEN_GAP.fullmatch(gap) is not None
                # "killing at least 16 people and kidnapping dozens": one chain of participles, one event
                or (
                    _ING_CHAIN_GAP.fullmatch(gap) is not None
                    and _first_word(text, hit).endswith("ing")
                    and _first_word(text, max(groups[-1], key=lambda h: h.end)).endswith("ing")
                )
            )
            if hit.start < last or cut is None or cut.start() >= hit.start or close:
                groups[-1].append(hit)
                continue
        groups.append([hit])
    # "Three of the dead were in Chittagong, where protesters clashed with ruling-party supporters": a
    # toll told first belongs to the violent event the sentence then tells
    subs = load_lexicon().sub_types
    for k in range(len(groups) - 2, -1, -1):
        nxt = {subs[h.rule.sub_type].event_type for h in groups[k + 1]}
        toll = all(_TOLL_WORD.fullmatch(text, h.start, h.end) for h in groups[k]) and bool(
            nxt & _VIOLENT_TYPES
        )
        # "Some protesters broke into the compound and set part of the building on fire": the crowd that
        # did what the sentence tells next (a riot), not a peaceful protest of its own
        crowd = all(_CROWD_NOUN.fullmatch(text, h.start, h.end) for h in groups[k]) and bool(
            nxt & {"Protests", "Riots"}
        )
        if toll or crowd:
            groups[k : k + 2] = [groups[k] + groups[k + 1]]
    return groups


#: how armed men got in ("stormed", "raided"): told before "and abducted", the manner of the abduction
_BROKE_IN = re.compile(r"storm(?:ed|ing)|raid(?:ed|ing)|broke\s+into|burst\s+into|overran", re.IGNORECASE)
_RAID_NOUN = re.compile(r"raids?", re.IGNORECASE)
#: "arrested four suspects in a raid": the raid told after the arrest, with no clause between
_IN_A_RAID = re.compile(
    r"[^,;.]*?\s+(?:in|during)\s+(?:an?|the|(?:a\s+)?(?:series\s+of|several|two|three))\s+(?:[\w-]+\s+)?",
    re.IGNORECASE,
)
#: "... on Monday and (briefly) detained", "raided Burqa, near Ramallah, and arrested": the same men's
#: next act, with no new subject or sentence between
_AND_AFTER_ENTRY = re.compile(r"[^;.]{0,100}?\s+and\s+(?:then\s+)?(?:\w+ly\s+)?", re.IGNORECASE)
#: "... after government troops withdrew": what let the capture happen, told after it
_AFTER_THEY = re.compile(r"\bafter\s+(?:[\w'’-]+\s+){1,6}$", re.IGNORECASE)
#: words that tell a crowd's violence (ACLED's violent demonstration), when no "no" or "without" precedes them
_VIOLENCE_WORD = re.compile(
    r"\b(?:clash\w*|riot\w*|violen\w*|stones?|rocks|petrol\s+bombs?|molotov|firebombs?|burn\w*|torch\w*"
    r"|set\s+(?:[\w-]+\s+){0,4}?(?:fire|ablaze|alight)|vandal\w*|loot\w*|attack\w*|injur\w*|wound\w*|kill\w*"
    r"|dead|died|smash\w*|storm(?:ed|ing)|ransack\w*|fought|fighting|pelt\w*|hurl\w*|threw|throwing"
    r"|beat(?:en|ing)?|damag\w*|destroy\w*|brawl\w*|scuffl\w*|skirmish\w*|barricad\w*|tyres|tires)\b",
    re.IGNORECASE,
)
_NO_BEFORE = re.compile(
    r"\b(?:no|without|non-?|free\s+of)\s+(?:reports?\s+of\s+|sign\s+of\s+|\w+\s+)?$", re.IGNORECASE
)


#: "to protest against the violence", "denouncing the killings": the violence a crowd protested, not its own
_PROTESTED_OVER = re.compile(
    r"\b(?:against|over|condemn\w*|denounc\w*|decry\w*|protest\w*)\s+(?:the\s+|recent\s+|ongoing\s+){0,2}$",
    re.IGNORECASE,
)


#: "to protest against a curfew imposed after the attacks": the words after an infinitive (or "in protest")
#: of protest, up to the clause's end, tell the grievance, not what the crowd did
_GRIEVANCE_OPEN = re.compile(
    r"\b(?:to\s+(?:protest|denounce|condemn|demand|call\s+for)|in\s+protest|protesting|denouncing|condemning|"
    r"demanding|calling\s+for)\b"
    r"(?:(?![,;:]|\s+(?:and|but|while|before|then|as|when)\b).)*$",
    re.IGNORECASE,
)


_GRIEVANCE_WORDS = re.compile(
    r"\b(?:to\s+(?:protest|denounce|condemn|demand|call\s+for)|in\s+protest|protesting|denouncing|condemning|"
    r"demanding|calling\s+for)\b"
    r"(?:\s+(?:against|over|at))?",
    re.IGNORECASE,
)
_GRIEVANCE_BODY = re.compile(r"(?:(?![,;:]|\s+(?:and|but|while|before|then|as|when)\b).)*", re.IGNORECASE)


def _grievance_start(text: str, after: int, c_end: int) -> int:
    """Where the grievance of a demonstration starts in its clause ("to protest against the killing of a
    teenager by the police on Monday", running to the clause's end), past ``after`` (its trigger, which
    may be the "protest" of it); ``c_end`` when none does."""
    for m in _GRIEVANCE_WORDS.finditer(text, max(0, after - 20), c_end):
        if m.end() < after:
            continue
        body = _GRIEVANCE_BODY.match(text, m.end(), c_end)
        if body is not None and body.end() >= c_end - 1:
            return max(m.start(), after)
    return c_end


def _told_violence(text: str, s: int, e: int) -> bool:
    """Whether text[s:e] tells violence ("protesters threw stones"), not its absence ("no violence") nor
    what a crowd protested ("to protest against the violence", "against a ban imposed after the attacks")."""
    return any(
        not _NO_BEFORE.search(text, max(s, m.start() - 25), m.start())
        and not _PROTESTED_OVER.search(text, max(s, m.start() - 30), m.start())
        and not _GRIEVANCE_OPEN.search(text, max(s, m.start() - 120), m.start())
        for m in _VIOLENCE_WORD.finditer(text, s, e)
    )


_RIOT_VERDICT = "Violent demonstration"
_RETURNED_FIRE = re.compile(r"return(?:ed|ing)?\s+fire", re.IGNORECASE)
_CROWD_NOUN = re.compile(r"protesters|protestors|demonstrators|marchers", re.IGNORECASE)


_TOLL_WORD = re.compile(r"dead|died|deaths", re.IGNORECASE)  # what befell people, no one's act
#: "revenge killings after clashes with Fano militiamen": the fighting before is another event, however close
#: (but "seized the town after heavy fighting with troops" is one takeover: ACLED codes the fight in it)
#: "..., a day after a man was beaten to death by a crowd there": what follows is the story of another event
_A_DAY_AFTER = re.compile(
    r",\s+(?:just\s+|only\s+|barely\s+)?(?:a|an|one|two|three|four|five|six|several|days?|hours?|weeks?)\s+"
    r"(?:\w+\s+)?(?:after|before)\b",
    re.IGNORECASE,
)


_AFTER_FIGHTING = re.compile(
    r",?\s+after\s+(?:(?:heavy|fierce|days\s+of|hours\s+of)\s+)?(?:clash(?:es)?|fighting)\s+(?:with|between)\b",
    re.IGNORECASE,
)


#: "Clashes between police and student protesters": the "and" joins the two sides of one event
_BETWEEN_GAP = re.compile(
    r"\s+between\s+(?:the\s+)?(?:[\w'’-]+\s+){1,3}?and\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}"
)


#: the words between two participles of one chain: their object, then "and" ("16 people and")
_ING_CHAIN_GAP = re.compile(r"\s+(?:[\w'’-]+\s+){1,6}and\s+")


def _first_word(text: str, hit: Hit) -> str:
    """The trigger's first word, lower-cased ("" for a trigger of no word)."""
    words = text[hit.start : hit.end].split(maxsplit=1)
    return words[0].lower() if words else ""


def _takes_territory(group: list[Hit]) -> bool:
    return any(h.rule.sub_type in _TERRITORY for h in group)


_VIOLENT_TYPES = frozenset({"Battles", "Violence against civilians", "Explosions/Remote violence", "Riots"})


@document_memo
@functools.lru_cache(maxsize=65536)
def clause_bounds(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """The clause of text[lo:hi] around text[start:end]: from the previous boundary to the next one
    (memoised: the linker asks it for every event and candidate place of a sentence)."""
    starts, ends = _boundaries(text, lo, hi)
    k = bisect.bisect_right(ends, start)  # the boundaries that end by ``start`` (their ends ascend)
    # the next boundary: the first of the sentence's from ``end`` on, which is where a search from
    # ``end`` finds it (a match at a place does not depend on where the search began: lookbehinds
    # see the text before it), unless one of them covers ``end`` (a search may then find a boundary
    # inside that one)
    j = bisect.bisect_left(starts, end)
    if lo <= end and (j == 0 or ends[j - 1] <= end):
        nxt = starts[j] if j < len(starts) else hi
    else:
        found = _BOUNDARY.search(text, end, hi)
        nxt = found.start() if found else hi
    return (ends[k - 1] if k else lo), nxt


@document_memo
@functools.lru_cache(maxsize=4096)
def _boundaries(text: str, lo: int, hi: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where each clause boundary of text[lo:hi] starts, and where each ends, in order (found to
    ``hi``: a boundary may look ahead past the words it ends before); once per sentence, for the
    clauses of all its events."""
    spans = [m.span() for m in _BOUNDARY.finditer(text, lo, hi)]
    return tuple(a for a, _ in spans), tuple(b for _, b in spans)


# ---------------------------------------------------------------- the extractor


class EventExtractor:
    """Pipeline stage filling ``Document.events``; ``actors_path`` adds a user actor list."""

    def __init__(
        self,
        *,
        actors_path: Path | str | None = None,
        retyper: Retyper | Literal["packaged"] | None = "packaged",
    ) -> None:
        self.lexicon = load_lexicon()
        self.actors = ActorList.load(actors_path)
        if retyper == "packaged":
            from geo.event_types import packaged_retyper

            retyper = packaged_retyper()
        #: Second opinion on an event's type from its sentence or clause (``geo.event_types.EventRetyper``);
        #: ``None``: the trigger rules alone.
        self.retyper = retyper
        self._countries_memo: tuple[Document, dict[int, tuple[str, str]]] | None = None

    def __call__(self, doc: Document) -> Document:
        spans = sentences(doc.text)
        headline = _headline_index(doc, spans)
        seen: set[str] = set()
        body: list[Event] = []
        title_events: list[Event] = []
        places = _place_spans(doc)  # once per document, not per sentence
        told: list[tuple[int, list[_Pending | None]]] = []
        for i, (s, e) in enumerate(spans):
            key = " ".join(doc.text[s:e].split())
            if key in seen:
                continue  # a repeated paragraph is one report, not two
            seen.add(key)
            told.append((i, self._sentence_pending(doc, s, e, places)))
        # the retyper's verdicts on every event of the document at once (its numpy work done once)
        verdicts = iter(self._verdicts([p for _, pending in told for p in pending if p is not None]))
        for i, pending in told:
            found = self._sentence_finish(doc, pending, verdicts, places)
            (title_events if i == headline else body).extend(found)
        kept = [ev for ev in title_events if not _repeated_in_body(doc, ev, body)] + body
        kept.sort(key=lambda ev: ev.trigger)
        kept = attribute_claims(doc, kept, self.actors)
        kept = bare_claims(doc, kept, spans, self.actors)
        kept = drop_references_back(doc, kept)
        kept = drop_accidents(doc, kept, spans)
        kept = fold_tolls(doc, kept, spans)
        kept = tolls_put_by_others(doc, kept, spans)
        kept = fold_place_details(doc, kept, spans)
        kept = fold_retellings(doc, kept, spans)
        # an abduction with dead told after it ("One resident who tried to stop them was shot dead") is an
        # attack: ACLED codes an abduction alone only when no one was killed
        kept = [_attack_like(ev) if ev.sub_event_type == _ABDUCTION and ev.fatalities else ev for ev in kept]
        kept = fighting_continued(doc, kept)
        kept = protest_follow_ups(doc, kept, spans, self.actors)
        kept = protest_tolls(doc, kept, spans)
        kept = protest_injuries(doc, kept)
        kept = one_protest_a_day(doc, kept)
        kept = drop_round_up_totals(doc, kept)
        kept = story_air_force(doc, kept)
        kept = story_dates(doc, kept)
        kept = denied_after(doc, kept, spans, self.actors)
        kept = own_claims(doc, kept, self.actors)
        kept = [
            _in_period(ev, doc.date)
            for ev in kept
            if not _recalled(ev, doc.date)
            and not _background_since(doc.text, ev)
            and not _habitual(doc.text, ev)
        ]
        events = tuple(replace(ev, event_id=f"{doc.id}-e{n}") for n, ev in enumerate(kept, start=1))
        return replace(doc, events=events)

    def sentence_events(
        self, doc: Document, s: int, e: int, *, places: list[tuple[int, int]] | None = None
    ) -> list[Event]:
        """The events of the sentence doc.text[s:e] (event ids are provisional); ``places``: the spans
        of the document's places when the caller has them already."""
        if places is None:
            places = _place_spans(doc)
        pending = self._sentence_pending(doc, s, e, places)
        return self._sentence_finish(
            doc, pending, iter(self._verdicts([p for p in pending if p is not None])), places
        )

    def _sentence_pending(
        self, doc: Document, s: int, e: int, places: list[tuple[int, int]]
    ) -> list[_Pending | None]:
        """Each trigger group of the sentence doc.text[s:e] as an event waiting for the retyper's
        verdict (None: no event)."""
        text = doc.text
        hits = self._outside_names(text, find_hits(text, s, e), s, e)
        hits = [h for h in hits if not self._partly_stopped(text, h, hits)]
        frame = _FRAME.match(text, s, e) if hits and hits[0].start - s < 40 else None
        if frame is not None and any(h.start >= frame.end() for h in hits):
            # "In a separate attack on Sunday, ELN fighters fired explosives from drones at a base": the
            # frame names the event the rest of the sentence tells
            hits = [h for h in hits if h.start >= frame.end()]
        groups = group_hits(text, hits)
        return [
            self._pending(doc, s, e, _without_references(text, s, group), places, whole=len(groups) == 1)
            for group in groups
        ]

    def _verdicts(self, pending: list[_Pending]) -> list[str | None]:
        """The retyper's verdict on each event (in one call for them all when it can batch); None
        for each without a retyper."""
        retyper = self.retyper
        if retyper is None:
            return [None] * len(pending)
        requests = [p.request for p in pending]
        many = getattr(retyper, "verdicts", None)
        if many is not None:
            return list(many(requests))
        return [retyper(*request) for request in requests]

    def _sentence_finish(
        self,
        doc: Document,
        pending: list[_Pending | None],
        verdicts: Iterator[str | None],
        places: list[tuple[int, int]],
    ) -> list[Event]:
        """The events of a sentence's trigger groups (``pending``, with their verdicts, in order),
        those that tell one event merged."""
        text = doc.text
        out: list[Event] = []
        for waiting in pending:
            event = None if waiting is None else self._finish(doc, waiting, next(verdicts))
            if event is None:
                continue
            if out and _participle_of(text, out[-1], event):
                # "gangs attacked the neighbourhoods ..., burning homes and killing at least 12": one attack
                out[-1] = _with_missing(out[-1], event)
                continue
            if out and _the_crowd_also_destroyed(out[-1], event):
                continue  # "mobs threw stones at each other and set fire to shops": one riot
            if out and _force_on_rioters(text, out[-1], event):
                # "protesters set fire to parliament, and police opened fire, killing five": the riot, met by
                # force that killed (ACLED counts the dead of the riot; the force is its second actor)
                out[-1] = replace(
                    out[-1],
                    actor2=out[-1].actor2 or event.actor1,
                    inter2=out[-1].inter2 or event.inter1,
                    fatalities=out[-1].fatalities or event.fatalities,
                )
                continue
            if out and (_restates(text, out[-1], event) or _met_by_force(out[-1], event)):
                out[-1] = _with_missing(out[-1], event)
                continue
            if out and _instrument_verb(text, out[-1].trigger[0], event.trigger[0]) == out[-1].trigger[0]:
                # "attacked a cargo ship with drones and missiles": one attack, of the kind its weapon says
                out[-1] = _with_missing(event, out[-1])
                continue
            if out and _said_again(text, out[-1], event, places):
                # "Troops killed 40 civilians in a village, residents said, accusing soldiers of revenge
                # killings": the same killings, said again
                out[-1] = _with_missing(out[-1], event)
                continue
            if out and _how_the_fight_began(text, out[-1], event):
                # "officers shot dead two gang members in a shootout after the men fired on a patrol"
                out[-1] = _with_missing(out[-1], event)
                continue
            if out and _moved_to_fight(out[-1], event):
                out[-1] = event  # "officers entered the community and exchanged fire with gang members"
                continue
            if out and _moved_to_fight(event, out[-1]):
                continue
            if out and _where_police_intervened(text, out[-1], event):
                # "Demonstrations took place in Mombasa, Kisumu and Nakuru, where police used tear gas":
                # those demonstrations, met by the police
                out[-1] = replace(
                    _with_type_of(out[-1], event),
                    actor2=out[-1].actor2 or event.actor2,
                    inter2=out[-1].inter2 or event.inter2,
                )
                continue
            if out and _one_demonstration(out[-1], event):
                # "police fired tear gas and live rounds at protesters ..., killing five": one demonstration,
                # of the higher of its types (ACLED: excessive force, then intervention, then peaceful)
                first, second = out[-1], event
                if _PROTEST_RANK.index(second.sub_event_type) < _PROTEST_RANK.index(first.sub_event_type):
                    first = _with_type_of(first, second)
                if first.actor2 and second.actor2 and first.actor2 in second.actor2:
                    first = replace(first, actor2=second.actor2)  # "Police Forces of Kenya"
                out[-1] = _with_missing(first, second)
                continue
            if out and _fought_off(text, out[-1], event):
                # "Gunmen raided a village, but residents fought them off, leaving 4 gang members dead": the
                # raid met by force is the clash (its dead and its defenders counted there)
                out[-1] = _with_missing(out[-1], event)
                continue
            if out and _raid_turned_fight(text, out[-1], event):
                # "troops raided the camp, where they exchanged fire with gunmen": one clash
                out[-1] = replace(event, fatalities=event.fatalities or out[-1].fatalities)
                continue
            if out and _killed_when(text, out[-1], event):
                # "Three people were killed when supporters of rival parties clashed": the clash's dead
                out[-1] = replace(event, fatalities=event.fatalities or out[-1].fatalities)
                continue
            if out and _fought_and_took(out[-1], event):
                # "launched an offensive against government forces ... and captured a dozen villages": one
                # takeover, the fight in it (ACLED), told where the places were taken
                out[-1] = _with_missing(event, out[-1])
                continue
            if out and _and_then(text, out[-1], event, places):
                # "stormed the village and shot dead two men who tried to resist": one attack
                out[-1] = _with_missing(out[-1], event)
                continue
            if out and _weapons_stopped(text, out[-1], event):
                continue  # "shot down 54 of the 68 drones and 20 of the 26 missiles": what was stopped
            if out and self._part_of_attack(text, out[-1], event):
                out[-1] = _with_missing(out[-1], event)
                continue
            if out and _their_dead_too(text, out[-1], event):
                # "adding that 10 soldiers were killed and dozens of assailants neutralised": both count
                out[-1] = replace(out[-1], fatalities=out[-1].fatalities + event.fatalities)
                continue
            if out and self._part_of_attack(text, event, out[-1]):
                out[-1] = _with_missing(event, out[-1])
                continue
            out.append(event)
        # "killing three civilians before he was shot dead by police": the attackers' dead add up
        return [
            replace(ev, fatalities=ev.fatalities + _attackers_dead_after(text, *ev.sentence_span))
            if ev.fatalities and _violent(ev) and ev.inter1 not in _state_inters()
            else ev
            for ev in out
        ]

    def _outside_names(self, text: str, hits: list[Hit], s: int, e: int) -> list[Hit]:
        """``hits`` without the words of an actor's name ("the National Liberation Army" liberates
        nothing).  Only a capitalised trigger inside the sentence can be one, so only then are the
        sentence's actors looked up."""
        if not any(text[h.start].isupper() and h.start > s for h in hits):
            return hits
        hits = [h for h in hits if not _inside_proper_name(text, h, s, e)]
        names = [(m.start, m.end) for m in self.actors.find(text, s, e)]
        return [
            h
            for h in hits
            if not any(a <= h.start and h.end <= b and b - a > h.end - h.start for a, b in names)
        ]

    def _partly_stopped(self, text: str, hit: Hit, hits: list[Hit]) -> bool:
        """ "Hezbollah launched 40 rockets at northern Israel, some of which were intercepted": the attack,
        partly stopped, not weapons disrupted as well (ACLED codes that only when all were stopped)."""
        if hit.rule.sub_type != "Disrupted weapons use":
            return False
        remote = _REMOTE_VIOLENCE
        return any(
            h.end <= hit.start and self.lexicon.sub_types[h.rule.sub_type].event_type == remote for h in hits
        ) and bool(_PARTLY.search(text, max(0, hit.start - 60), hit.start))

    def _part_of_attack(self, text: str, first: Event, second: Event) -> bool:
        """Homes burned in the same sentence as an attack, with no crowd named to burn them, were
        burned by the attackers: "Three people were killed and houses were torched when armed men
        attacked a village" is one attack (ACLED codes the higher-priority type). So were the people the
        attackers seized and then killed ("soldiers rounded up men at the market and shot them")."""
        if (
            first.sub_event_type == "Attack"
            and second.sub_event_type in ("Arrests", "Abduction/forced disappearance")
            and first.actor1 == second.actor1
            and second.trigger < first.trigger  # seized, then killed ("killed 30 and abducted more": two)
        ):
            return True
        if first.event_type not in _ARMED_TYPES or second.sub_event_type not in _DESTRUCTION:
            return False
        lo, hi = second.sentence_span
        return not any(m.actor.inter in _CROWD_EVENT_TYPES for m in self.actors.find(text, lo, hi))

    def _countries(self, doc: Document) -> dict[int, tuple[str, str]]:
        """``_demonym_countries`` of ``doc``, once per document (every event of it asks)."""
        memo = self._countries_memo
        if memo is None or memo[0] is not doc:
            memo = self._countries_memo = (doc, _demonym_countries(doc))
        return memo[1]

    def _pending(
        self,
        doc: Document,
        s: int,
        e: int,
        group: list[Hit],
        places: list[tuple[int, int]],
        *,
        whole: bool = True,
    ) -> _Pending | None:
        """The event of a trigger group up to the retyper's verdict (None: no event)."""
        text = doc.text
        strong = [h for h in group if h.rule.resolve != "weak"] or group
        c_start, c_end = clause_bounds(text, s, e, strong[0].start, strong[-1].end)
        dateline = dates.dateline_end(text, s)  # "ABUJA, Aug 9 -": no count, no actor
        c_start = dateline if dateline > c_start else c_start  # max(c_start, dateline), without the call
        c_start = _subject_start(text, s, c_start, c_end)
        after = "after" in text[c_start:c_end].lower()  # what the next cues need: most clauses have none
        fight_before = _AFTER_FIGHTING.search(text, c_start, strong[0].end + 12) if after else None
        if fight_before is not None and fight_before.start() < strong[0].start:
            # "... killed 30 civilians after clashes with X": not the clashes' dead
            c_start = fight_before.start()
        fight_after = _AFTER_FIGHTING.search(text, strong[-1].end, c_end) if after else None
        if fight_after is not None and not _takes_territory(strong):
            c_end = fight_after.start()  # "revenge killings after clashes with militiamen": not their target
        # any of its verbs may make it a tally ("Fighting between rival communities has killed hundreds")
        if any(_running_total(text, c_start, c_end, h, e) for h in strong):
            return None  # "The war has killed more than 15,000 people since it began": a tally
        roles = _roles(text, c_start, c_end, strong, self.actors, places, s, self._countries(doc))
        sub, trigger = _choose_type(text, c_start, c_end, strong, roles)
        if sub is None:
            return None
        a = trigger.start - 40  # max(s, trigger.start - 40), without the builtin's call
        if _REMEMBERED.search(text, a if a > s else s, trigger.start) and _COMMEMORATION.search(text, s, e):
            return None  # "gathered at the churches where thousands were massacred, to mark the anniversary"
        lo = trigger.start - 100  # the word first (the pattern is case-sensitive): few clauses accuse
        lo = lo if lo > s else s  # max(s, trigger.start - 100)
        alleged = (
            text.find("accus", lo, trigger.start) >= 0
            and _ACCUSED_OF.search(text, lo, trigger.start) is not None
        )
        if alleged and not _names_place(doc, s, e):
            return None  # "Rights groups accuse the army of killing civilians": an allegation, no event
        # the classifier reads the sentence, or the event's own clause when the sentence holds several
        said = text[s:e] if whole else text[c_start:c_end]
        later = None
        rest = text[trigger.end : e].lower()
        if "after" in rest or "before" in rest:
            later = (
                _CAME_AFTER.search(text, trigger.end, e)
                or _AFTER_FIGHTING.search(text, trigger.end, e)
                or _A_DAY_AFTER.search(text, trigger.end, e)
            )
        if later is not None:  # "The attack ... came days after the government suspended peace talks"
            # (or "revenge killings after clashes with militiamen": the clashes are no part of it)
            said = text[s if whole else c_start : later.start()]
        request = (said, sub, [h.rule.sub_type for h in group])
        return _Pending(s, e, strong, c_start, c_end, roles, sub, trigger, request)

    def _finish(self, doc: Document, pending: _Pending, verdict: str | None) -> Event | None:
        """The event of a pending trigger group, given the retyper's verdict (None: keep the rules'
        type; "": a disaster, no event), or None."""
        text = doc.text
        s, e, strong, c_start, c_end = pending.s, pending.e, pending.strong, pending.c_start, pending.c_end
        roles, sub, trigger = pending.roles, pending.sub, pending.trigger
        if self.retyper is not None:
            if verdict == "":
                return None  # sure it is a disaster, not a conflict event ("the earthquake killed 30")
            if verdict == "Disrupted weapons use" and _PARTLY.search(text, s, e):
                verdict = None  # "40 rockets, some of which were intercepted": the attack, partly stopped
            if (
                verdict == "Disrupted weapons use"
                and roles.agent is not None
                and roles.agent.inter in _NON_STATE_ARMED
            ):
                verdict = None  # "The militants seized weapons": their loot, not weapons put out of use
            if verdict and not _fits_crowd(roles.crowd, self.lexicon.sub_types[verdict].event_type):
                verdict = None  # rioters make a riot, demonstrators a protest or a riot (ACLED's definitions)
            if (
                verdict == "Attack"
                and self.lexicon.sub_types[sub].event_type == "Battles"
                and roles.target is not None
                and roles.target.inter in _state_inters()
            ):
                verdict = None  # "Gunmen shot dead two rangers": a state's forces are no civilians (ACLED)
            if verdict == _EXCESSIVE and not any(
                a is not None and a.inter in _state_inters() for a in (roles.agent, roles.target)
            ):
                verdict = None  # only a state's forces use excessive force on a demonstration (ACLED)
            if (
                verdict in ("Arrests", "Change to group/activity")
                and self.lexicon.sub_types[sub].event_type in _ARMED_TYPES
                and _KILLING_WORD.match(text, trigger.start, trigger.end)
            ):
                verdict = None  # "rounded up men before executing them": the killing, not the round-up
            if (
                verdict in _TERRITORY
                and sub in ("Arrests", "Abduction/forced disappearance")
                and text.startswith(("captur", "seiz"), trigger.start)
            ):
                verdict = None  # "captured two soldiers": people taken, which the rules read; no place taken
            if (
                verdict == _RIOT_VERDICT
                and sub in ("Peaceful protest", "Protest with intervention")
                and not _told_violence(text, s, e)
            ):
                # "farmers blocked highways in protest" (or "police fired tear gas to disperse women who tried
                # to block a highway"): a riot needs words of the crowd's violence
                verdict = None
            if verdict == "Protest with intervention" and _cue_patterns()["protest_unhindered"].search(
                text, c_start, c_end
            ):
                verdict = "Peaceful protest"  # "dispersing before security forces arrived": no one intervened
            sub = verdict or sub
            subs = self.lexicon.sub_types
            if (
                subs[trigger.rule.sub_type].event_type in _ARMED_TYPES
                and subs[sub].event_type not in _VIOLENT_TYPES
            ):
                # "police arrested three journalists over a report on the raid": the arrest's word tells it
                # (no violence's: "attacked the town ..., clashing with soldiers" keeps "attacked")
                trigger = next((h for h in strong if h.rule.sub_type == sub), trigger)
        if sub in _TERRITORY and roles.agent is not None and roles.agent.inter:
            # who took it decides which (ACLED): "the Arakan Army captured the town" is no government's
            state = roles.agent.inter in self.lexicon.cues["state_inter"]
            # a foreign state's forces taking a place abroad overtake it; only a government regains (ACLED),
            # with the foreign forces named first too ("Rwandan and Mozambican forces recaptured")
            home = not _abroad(doc, s, e, roles.agent.country) or (
                bool(roles.assoc1_state) and not _abroad(doc, s, e, roles.assoc1_state)
            )
            sub = _TERRITORY[0] if state and home else _TERRITORY[1]
        # the crowd's own acts: "six people were killed" says what befell someone, not what the crowd did
        acts = [h.rule.sub_type for h in strong if not _DEATH_ONLY.fullmatch(text, h.start, h.end)]
        sub = _violent_crowd(roles, sub, acts, self.lexicon)
        if (
            sub == "Violent demonstration"
            and (roles.target is None or roles.target.inter in ("Protesters", "Rioters"))
            and any(_RECIPROCAL.fullmatch(text, h.start, h.end) for h in strong)
            and _cue_patterns()["rival_crowds"].search(text, c_start, strong[0].start) is not None
        ):
            sub = (
                "Mob violence"  # "Supporters of rival candidates fought with sticks": a crowd fights a crowd
            )
        if self.lexicon.sub_types[sub].event_type == "Battles" and (
            (roles.agent is None and roles.target is not None and roles.target.inter == "Rioters")
            # rioters fighting no demonstration's police: "Fans clashed briefly with security staff"
            or (roles.agent is not None and roles.agent.inter == "Rioters" and roles.target is None)
        ):
            sub = "Mob violence"  # "clashes between Hindu and Muslim groups": crowds fighting crowds (ACLED)
        armed_agent = roles.agent is not None and roles.agent.inter in _NON_STATE_ARMED
        if self.lexicon.sub_types[sub].event_type == "Riots" and armed_agent and sub != "Mob violence":
            sub = _LOOTING  # "militants set fire to 10 vehicles": armed men destroying, not a riot
            # "militants shot dead three villagers and set fire to 20 houses": the killing (ACLED's priority)
            subs = self.lexicon.sub_types
            others = [
                h.rule.sub_type
                for h in strong
                if subs[h.rule.sub_type].event_type in ("Violence against civilians", "Battles")
            ]
            sub = min([*others, sub], key=lambda name: subs[name].priority)
            trigger = next((h for h in strong if h.rule.sub_type == sub), trigger)
        if sub == "Arrests" and roles.agent is not None and roles.agent.name == "Unidentified Armed Group":
            sub = "Abduction/forced disappearance"  # gunmen who "round up" men abduct them (ACLED)
        defenders: Actor | None = None
        met_at: int | None = None
        if (
            sub == "Attack"
            and (roles.agent is None or roles.agent.inter in _NON_STATE_ARMED)
            and (roles.target is None or roles.target.inter == "Civilians")
            and (met := _MET_BY_FORCE.search(text, trigger.end, e)) is not None
        ):
            # "gang members attacked the suburb, and residents joined police to repel them": a fight (ACLED),
            # against the state's forces named on the way to "repel" (the residents only helped them)
            sub = "Armed clash"
            met_at = met.start()
            on_the_way = self.actors.find(text, trigger.end, met.start())
            defenders = next((m.actor for m in on_the_way if m.actor.inter in _state_inters()), None)
            if defenders is None and on_the_way and on_the_way[-1].end >= met.start() - 12:
                # "..., but residents fought them off": the people who fought back took up arms, a communal
                # militia (as people who fight one are), or the armed group named so
                last = on_the_way[-1].actor
                defenders = _COMMUNAL if last.inter == "Civilians" else last
        if (
            self.lexicon.sub_types[sub].event_type == "Battles"
            and roles.agent is not None
            and roles.agent.inter == "Civilians"
            and roles.target is not None
            and as_of(roles.target.name, roles.target.inter, doc.date)[1] in self.lexicon.cues["state_inter"]
        ):
            # "villagers clashed with Taliban forces": unarmed people fight no battle (ACLED: a riot)
            sub = "Violent demonstration"
        if sub == _LOOTING and roles.agent is None and not roles.agent_text and _RIOT_STORY.search(text):
            sub = "Violent demonstration"  # "shops were looted" in a story of riots: the rioters' doing
        at_force_site = sub in ("Peaceful protest", "Protest with intervention") and _force_only_as_site(
            text, trigger.end, c_end, self.actors
        )
        if at_force_site:
            sub = "Peaceful protest"  # "gathered outside the police headquarters to demand": no one met them
        sub_type = self.lexicon.sub_types[sub]
        actor1, actor2 = roles.agent, roles.target
        if defenders is not None:
            actor2 = defenders
        if at_force_site:
            # the force is where they gathered (and "relatives of the officers" are no officers)
            actor1 = None if actor1 is not None and actor1.inter in _state_inters() else actor1
            actor2 = None if actor2 is not None and actor2.inter in _state_inters() else actor2
        if actor2 is not None and actor2.inter == "Civilians" and sub_type.event_type in ("Riots", "Battles"):
            # "Three people were killed when opposition supporters clashed with police": the side the crowd
            # met, not the dead (ACLED's actor 2 of a clash or riot is the other side)
            actor2 = _side_met(text, strong, c_end, self.actors) or actor2
        if actor2 is None and actor1 is not None and sub_type.event_type == "Battles":
            # "seized the town, before withdrawing after clashes with government troops": the side it met
            actor2 = _side_met_later(text, trigger.start, e, self.actors, actor1)
        if actor2 is None and actor1 is not None and sub in _TERRITORY:
            # "recaptured the town of Singa, the capital of Sennar state, from the paramilitary RSF"
            actor2 = _taken_from(text, trigger.end, c_end, self.actors, actor1) or _side_that_left(
                text, trigger.end, e, self.actors, actor1
            )
        violent = sub_type.disorder_type.startswith("Political violence")
        if actor1 is None and roles.agent_text:
            actor1 = Actor(roles.agent_text, "")  # an unknown actor comes through as written, type unknown
        # the people who protest are Protesters, those who riot Rioters, whatever word named them
        # ("youths" who blocked a road only to protest are a crowd, no group to associate with them)
        unnamed = actor1 is None or actor1.inter in ("Civilians", "Rioters")
        assoc1 = roles.assoc1
        if (
            not unnamed
            and actor1 is not None
            and sub_type.event_type == "Protests"
            and actor1.inter != "Protesters"
            # (the Taliban are Afghanistan's forces since August 2021: ``actors.as_of``)
            and as_of(actor1.name, actor1.inter, doc.date)[1] not in _state_inters()
        ):
            # "Thousands of Houthi supporters rallied in Sanaa": ACLED codes demonstrators as Protesters and
            # the group they stand with as associated with them
            assoc1 = assoc1 or actor1.name
            unnamed = True
        if unnamed and sub_type.event_type == "Protests":
            actor1 = Actor("Protesters", "Protesters")
        if (
            unnamed or (actor1 is not None and actor1.inter == "Protesters")
        ) and sub_type.event_type == "Riots":
            actor1 = Actor("Rioters", "Rioters")  # demonstrators who turn violent are rioters (ACLED)
        if sub_type.event_type == "Battles" and actor1 is not None and actor1.inter == "Civilians":
            actor1 = None  # "... killed 30 people, as fighting raged": the people fought no battle
        if (
            sub_type.event_type == "Battles"
            and actor1 is not None
            and actor1.inter == "Identity militia"
            and actor2 is not None
            and actor2.inter == "Civilians"
            and any(_RECIPROCAL.fullmatch(text, h.start, h.end) for h in strong)
        ):
            # "Herders and farmers clashed": people who fought a communal militia as a side are one too
            actor2 = _COMMUNAL
        if (
            actor1 is not None
            and actor1.inter == "Civilians"
            and sub_type.event_type == "Violence against civilians"
            and _OPENED_FIRE.match(text, trigger.start, trigger.end) is not None
        ):
            actor1 = None  # "men on motorcycles opened fire on a group of people": armed men, not civilians
        if (actor1 is None or actor1.name in _UNKNOWN_AGENTS) and violent:
            # "A roadside bomb killed three soldiers, security sources said, blaming Islamic State militants"
            actor1 = _blamed(text, trigger.end, e, self.actors) or actor1
        if actor1 is None and (violent or sub == _LOOTING):
            actor1 = Actor("Unidentified Armed Group", "Political militia")
        if actor1 is None and sub == "Arrests":
            actor1 = Actor(
                "Police Forces", "State forces"
            )  # "Ten people were arrested": only a state arrests
        if sub in _UNTARGETED and not (roles.target_cue):
            actor2 = None
        if (
            sub_type.event_type in ("Protests", "Riots")
            and actor1 is not None
            and as_of(actor1.name, actor1.inter, doc.date)[1] == "State forces"
        ):
            # "Police shot dead three protesters": ACLED codes the demonstrators (or rioters) as actor 1 of
            # the event and the force that met them as actor 2
            crowd = "Protesters" if sub_type.event_type == "Protests" else "Rioters"
            actor1, actor2 = Actor(crowd, crowd), actor1
        if actor2 is None and sub in (_EXCESSIVE, "Protest with intervention"):
            # "security forces fired live ammunition at opposition supporters protesting": the force that met
            # the demonstration, though the crowd is named nearer the trigger
            actor2 = next(
                (m.actor for m in self.actors.find(text, c_start, c_end) if m.actor.inter in _state_inters()),
                None,
            )
        if sub_type.event_type == "Riots" and (actor2 is None or actor2.inter == "Civilians"):
            # "Two people were killed when security forces opened fire on protesters who had burned tyres":
            # the force that met the riot is its actor 2, not the dead
            force = next(
                (
                    m.actor
                    for m in self.actors.find(text, c_start, c_end)
                    if m.actor.inter in _state_inters() and not _SPEAKER_AFTER.match(text, m.end)
                ),
                None,
            )
            actor2 = force or actor2
        if actor2 is None and sub_type.event_type == "Violence against civilians":
            actor2 = _CIVILIANS  # by ACLED's definition the victims of this event type are civilians
        if (
            sub_type.event_type == "Protests"
            # the rules' own excessive force counts its clause's dead; the retyper's, the sentence's, as
            # the rules' intervention would have
            and (sub != _EXCESSIVE or pending.sub != _EXCESSIVE)
            and actor2 is not None
            and actor2.inter in _state_inters()
            and _PASSIVE_DEATH.search(text, s, e)  # "six people were killed"; not "a massacre that killed 30"
            and fatalities(text, s, e, strong)
        ):
            # "Police fired rubber bullets at students protesting ..., and at least six people were
            # killed": the force met the demonstration and people died: excessive force (ACLED)
            sub_type = self.lexicon.sub_types[_EXCESSIVE]
            violent = True
            c_start, c_end = s, e
        civilian_targeting = bool(actor2 and actor2.inter == "Civilians" and violent)
        # "killing seven soldiers, ..., adding that troops killed four of the attackers": the attackers'
        # dead are counted apart (``_attackers_dead_after``), not as another report of the victims
        their_dead = _ATTACKERS_DEAD_AFTER.search(text, strong[0].end, c_end) if violent else None
        counted_to = their_dead.start() if their_dead is not None else c_end
        told_to = c_end
        if sub_type.event_type in ("Protests", "Riots"):
            # "blocked roads ... to protest against the killing of a teenager by police on Monday": the
            # grievance, to the clause's end, counts none of the crowd's dead and dates nothing of it
            # (past the crowd's own words: "a roof collapse that killed 14 people" is a trigger of the group)
            crowd_words = [
                h.end
                for h in strong
                if self.lexicon.sub_types[h.rule.sub_type].event_type in ("Protests", "Riots")
            ]
            told_to = _grievance_start(text, max(crowd_words, default=strong[-1].end), c_end)
            counted_to = min(counted_to, told_to)
        dead = (
            fatalities(text, c_start, counted_to, strong) if violent or sub_type.event_type == "Riots" else 0
        )
        if met_at is not None and counted_to <= met_at:
            # "..., but residents fought them off, leaving 4 gang members dead": the attackers' dead in the
            # fight that met them are this event's too
            dead += fatalities(text, met_at, e, [h for h in strong if h.start >= met_at])
        if dead and sub_type.name == _ABDUCTION:
            # "Bandits killed 23 villagers and abducted dozens": an abduction with dead is an attack (ACLED
            # codes an abduction alone only when no one was killed)
            sub_type = self.lexicon.sub_types["Attack"]
        if (
            not dead
            and sub_type.event_type in ("Battles", "Violence against civilians")
            and (actor1 is None or actor1.name in _UNKNOWN_AGENTS or not actor1.inter)  # no known armed actor
            and _cue_patterns()["sports"].search(text, s, e)
        ):
            return None  # "We attacked from the first ball", said the captain: a game
        if sub == "Change to group/activity" and (
            actor1 is None or actor1.inter in ("Protesters", "Civilians", "Rioters")
        ):
            # "as the government imposed a curfew and deployed the army": the force deployed is actor 1
            deployed = next(
                (
                    m.actor
                    for m in self.actors.find(text, trigger.end, c_end)
                    if m.actor.inter in _state_inters()
                ),
                None,
            )
            actor1 = deployed or actor1
        if sub == "Change to group/activity" and _cue_patterns()["response_deployment"].search(text, s, e):
            return None  # "police had been deployed to the area to rescue the victims": the response to one
        whole_text = text[s:e]
        dated = whole_text if told_to >= c_end else text[s:told_to] + " " * (c_end - told_to) + text[c_end:e]
        if told_to < c_end and not dates.find_dates(dated, doc.date):
            # "detained 12 young men who were protesting against conscription on Tuesday": with no day
            # of its own, the clause's last words date the event
            dated = whole_text
        when = dates.resolve(dated, doc.date, anchor=trigger.start - s, within=(c_start - s, told_to - s))
        return Event(
            event_id="",
            doc_id=doc.id,
            sentence=text[s:e],
            sentence_span=(s, e),
            trigger=(trigger.start, trigger.end),
            event_type=sub_type.event_type,
            sub_event_type=sub_type.name,
            disorder_type=sub_type.disorder_type,
            actor1=actor1.name if actor1 else (roles.agent_text or ""),
            assoc_actor1=assoc1,
            actor2=actor2.name if actor2 else "",
            inter1=actor1.inter if actor1 else "",
            inter2=actor2.inter if actor2 else "",
            civilian_targeting=civilian_targeting,
            # riots count their dead too ("security forces responded with live ammunition, killing two")
            fatalities=dead,
            date=when.date,
            date_end=when.date_end,
            time_precision=when.time_precision,
            certainty=certainty(text, c_start, strong[0].start, e),
            source=doc.source or doc.url,
        )


#: ACLED's territory sub-types: taken by state forces, by anyone else.
#: A commemoration, and the relative clause that names what it remembers.
_COMMEMORATION = re.compile(
    r"\b(?:anniversary|commemorat\w*|memorial|in memory of|remember\w*)\b", re.IGNORECASE
)
_REMEMBERED = re.compile(r"\b(?:where|when|in which|during which)\b[^,;.]*$")

#: An allegation's verb before the trigger ("accuse both the army and the Russians of killing").
_ACCUSED_OF = re.compile(r"\baccus(?:e|es|ed|ing)\s+(?:[\w'’-]+\s+){1,8}?of\s+(?:[\w'’-]+\s+){0,2}$")

_TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")

#: actor1 values that say "we do not know who": a claim of responsibility may replace them.
_UNKNOWN_AGENTS = frozenset({"", "Unidentified Armed Group", "Unidentified Gang"})


#: ", blaming the Houthis for the attack", "..., a local official said, blaming the Houthis."
_BLAMING = re.compile(
    r",?\s+(?:and\s+)?blam(?:ing|ed)\s+(?P<who>[^,;.]{2,60}?)(?:\s+for\b|\s*[.;]\s*$|\s*[.;]\s)",
    re.IGNORECASE,
)


def _blamed(text: str, start: int, end: int, actors: ActorList) -> Actor | None:
    """The named armed group the sources blame in the event's own sentence ("..., security sources
    said, blaming Islamic State militants for the attack"), else None."""
    m = _BLAMING.search(text, start, end) if "blam" in text[start:end].lower() else None
    if m is None:
        return None
    named = [
        x.actor
        for x in actors.find(text, m.start("who"), m.end("who"))
        # "blaming the Sudanese army": a named state's forces too
        if (x.actor.inter in _NON_STATE_ARMED or (x.actor.inter in _state_inters() and x.actor.country))
        and x.actor.name not in _UNKNOWN_AGENTS
        and not is_generic(x.actor.name)
    ]
    return named[0] if named else None


def _claimed_earlier(told: list[Event]) -> int | None:
    """The index of the violent event a claim told now is about: the last one, or past a state's reply
    told after it ("Some 20 assailants were neutralised in the counter-attack, the army said. JNIM
    claimed responsibility for the attack") the last one whose actor is not known."""
    violent = [i for i in range(len(told) - 1, -1, -1) if _violent(told[i])]
    for i in violent:
        if told[i].actor1 in _UNKNOWN_AGENTS or told[i].inter1 not in _state_inters():
            return i
    return violent[0] if violent else None


_ON = re.compile(r"\s+on\s+", re.IGNORECASE)


_CLAIMED_THE = re.compile(
    r"\bclaim(?:ed|s)\s+(?:the|this|that|these|those|(?:yesterday|today|\w+day)['’]s)\s+(?:[\w-]+\s+)?$"
)


_CLAIMED_AN_ATTACK = re.compile(
    r"\bclaim(?:ed|s)\s+(?:(?:full\s+)?responsibility\s+for\s+)?(?:the|this|that|these|those)\s+(?:[\w-]+\s+)?"
    r"(?:attacks?|assault|bombings?|strikes?|raids?|ambush)\b[^.;]*?\bsaying\b",
    re.IGNORECASE,
)


def attribute_claims(doc: Document, events: list[Event], actors: ActorList | None = None) -> list[Event]:
    """Fold claims of responsibility into the event they claim.

    "Militants stormed a police post near Bannu ... The Pakistani Taliban claimed responsibility
    for the attack" is one event (ACLED codes the claimant as actor 1), not a second attack: an
    event whose trigger is the object of "claimed responsibility for the/this/Monday's ...", or of
    "said its fighters had carried out the ...", or that "was blamed on" / "claimed by" someone, in a
    sentence naming no place of its own is dropped, and the nearest earlier political-violence
    event takes its actor (for "blamed on X", X) when that event's actor was unknown
    (``attribution`` keeps the words). A claim with no earlier event in the document stays an event
    of its own.
    """
    cues = _cue_patterns()
    out: list[Event] = []
    for ev in events:
        (t0, t1), (s, _e) = ev.trigger, ev.sentence_span
        lo = t0 - 160 if t0 > s + 160 else s
        after = cues["claimed_after"].match(doc.text, t1, _e)
        own_words = cues["carried_out"].search(doc.text, lo, t0)
        responsibility = cues["responsibility_for"].search(doc.text, lo, t0)
        # "Police blamed the attack on the Eastern Security Network": who is blamed, never who blames
        blamed_on = None
        if responsibility is not None and responsibility.group(0).lower().startswith("blam"):
            blamed_on = _ON.match(doc.text, t1, _e)
        claimed = (
            responsibility is not None
            or own_words is not None
            or after is not None
            or tail_search(_CLAIMED_THE, doc.text[lo:t0])  # "JNIM claimed the attack"
            # "claimed the attack in a statement, saying the rebels had used missiles": the weapons of it
            or _CLAIMED_AN_ATTACK.search(doc.text, s, t0) is not None
        )
        earlier = _claimed_earlier(out)
        # "the Pakistani Taliban claimed ..." names no place; "... the attack in Quetta" does (after the
        # word of the event: "Tehreek-e-Taliban Pakistan claimed ..." names a place only in a name)
        if not claimed or earlier is None or _names_place(doc, t1, _e):
            out.append(ev)
            continue
        claimant = (ev.actor1, ev.inter1)
        # "was blamed on X": the first actor after; "X said its fighters had carried out": the last before
        named: list[ActorMatch] = []
        if actors is not None and after is not None:
            named = actors.find(doc.text, after.end(), _e)[:1]
        elif actors is not None and own_words is not None:
            named = actors.find(doc.text, s, own_words.start())[-1:]
        elif actors is not None and blamed_on is not None:
            named = actors.find(doc.text, blamed_on.end(), _e)[:1]
        if actors is not None and (after is not None or own_words is not None or blamed_on is not None):
            claimant = (named[0].actor.name, named[0].actor.inter) if named else ("", "")
        target = out[earlier]
        if target.actor1 in _UNKNOWN_AGENTS and claimant[0] not in _UNKNOWN_AGENTS:
            out[earlier] = replace(target, actor1=claimant[0], inter1=claimant[1], attribution=ev.sentence)
    return out


#: An event dated more than this before its report is history recalled, not news (ACLED codes events from
#: reports of them, not from anniversaries: "the killings began on April 7, 1994").
RECALLED_AFTER = dt.timedelta(days=366)
#: An event dated no finer than this ("last year", "in 2023") is recalled or summed up, not reported: ACLED's
#: coarsest time precision is a month.
COARSEST_SPAN = dt.timedelta(days=92)


_FIRED_FROM_AFAR = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})


def story_air_force(doc: Document, events: list[Event]) -> list[Event]:
    """ "Israeli air strikes killed 30 across the Gaza Strip ... In Jabalia, an air strike on a house killed
    11." An air strike (or shelling, a missile) told without who fired it, in the paragraph of a state's
    air strike or shelling or the next, is by that state (an ACLED coder reads the story, not the
    sentence): "Russian shelling killed two in Kherson ... A guided bomb struck Zaporizhzhia"."""
    out: list[Event] = []
    flown_by: tuple[Event, int] | None = None
    for ev in events:
        if ev.sub_event_type in _FIRED_FROM_AFAR:
            paragraph = _paragraph(doc.text, ev.sentence_span[0])
            if ev.actor1 in _UNKNOWN_AGENTS and flown_by is not None and paragraph - flown_by[1] <= 1:
                ev = replace(ev, actor1=flown_by[0].actor1, inter1=flown_by[0].inter1)
            elif ev.inter1 in _state_inters():
                flown_by = (ev, paragraph)
        out.append(ev)
    # a round-up's first strike told without who fired it, before the state's strikes of the next
    # paragraph ("Artillery fire on Nikopol killed a man ... A Russian guided bomb hit Pokrovsk"): theirs,
    # when every strike of the story with a known side is that one state's
    fired = [ev for ev in out if ev.sub_event_type in _FIRED_FROM_AFAR and ev.actor1 not in _UNKNOWN_AGENTS]
    states = {(ev.actor1, ev.inter1) for ev in fired}
    if len(states) != 1 or next(iter(states))[1] not in _state_inters():
        return out
    actor1, inter1 = next(iter(states))
    for k in range(len(out) - 1, -1, -1):
        ev = out[k]
        if ev.sub_event_type not in _FIRED_FROM_AFAR or ev.actor1 not in _UNKNOWN_AGENTS:
            continue
        paragraph = _paragraph(doc.text, ev.sentence_span[0])
        later = [
            x
            for x in out[k + 1 :]
            if x.sub_event_type in _FIRED_FROM_AFAR
            and x.actor1 == actor1
            and _paragraph(doc.text, x.sentence_span[0]) - paragraph <= 1
        ]
        if later:
            out[k] = replace(ev, actor1=actor1, inter1=inter1)
    return out


_DENIES = guarded_pattern(
    re.compile(
        r"\b(?:denied|denies|deny|denying|rejected|rejects|dismissed|dismisses)\s+(?:the\s+|these\s+|such\s+)?"
        r"(?:allegations?|accusations?|reports?|charges?|claims?|involvement|responsibility"
        r"|any\s+(?:role|part|involvement))\b"
        r"|\b(?:denied|denies|deny|denying)\s+(?:targeting|killing|attacking|shelling|bombing|shooting)\b"
        # "The military denied losing any aircraft": the loss a side claimed to inflict
        r"|\b(?:denied|denies|deny|denying)\s+(?:losing|having\s+lost|that\s+it\s+(?:had\s+)?lost)\b"
        # "A Taliban spokesman denied anyone had been killed"
        r"|\b(?:denied|denies|deny|denying)\s+(?:that\s+)?(?:anyone|anybody|any\s+[\w-]+|civilians|people)\s+"
        r"(?:had\s+been|have\s+been|were|was)\s+(?:killed|hurt|harmed|shot|wounded)\b",
        re.IGNORECASE,
    )
)


_DENIES_AN_ACT = re.compile(r"targeting|killing|attacking|shelling|bombing|shooting", re.IGNORECASE)


def denied_after(
    doc: Document, events: list[Event], spans: list[tuple[int, int]], actors: ActorList
) -> list[Event]:
    """ "Fighters of the RSF raped dozens of women ..., a rights group said. The RSF denied the
    allegations." A reported event whose actor denies it in one of the next two sentences is kept and
    marked ``denied`` (the map shows it as such)."""
    out = list(events)
    for k, (s, e) in enumerate(spans):
        denial = _DENIES.search(doc.text, s, e) if "den" in doc.text[s:e] or "ejec" in doc.text[s:e] else None
        if denial is None:
            continue
        # (as ACLED names them then: "A Taliban spokesman denied" in 2024 speaks for Afghanistan's forces)
        deniers = [m.actor for m in actors.find(doc.text, s, denial.start())]
        # (an event told before, whose words may reach into the denial's sentence, folded into it)
        # (a town's capture too: "The RSF claimed to have captured Al-Fula. The army denied the claim")
        told = [
            i
            for i, ev in enumerate(out)
            if ev.sentence_span[0] < s and (_violent(ev) or ev.sub_event_type in _TERRITORY)
        ]
        if not told or not deniers:
            continue
        i = told[-1]
        ev = out[i]
        near = bisect.bisect_left([a for a, _ in spans], ev.sentence_span[0])
        close = k - near <= 2
        # "The RSF denied targeting civilians" denies an attack on civilians, not its capture of a town
        # (a demonstration's harm is the protesters': "denied that anyone had been killed" as they were shot)
        of_civilians = (
            not _DENIES_AN_ACT.search(denial.group(0))
            or ev.inter2 == "Civilians"
            or ev.event_type == "Protests"
        )
        on = ev.date or doc.date
        named = [as_of(d.name, d.inter, on) for d in deniers]
        # the force that met a demonstration is its actor 2 ("Police denied firing on the marchers")
        doers = [as_of(ev.actor1, ev.inter1, on)]
        if ev.event_type == "Protests":
            doers.append(as_of(ev.actor2, ev.inter2, on))
        if (
            close
            and of_civilians
            and ev.certainty == "reported"
            and any(_same_actor(n, i, a, a_inter) for n, i in named for a, a_inter in doers)
        ):
            if (ev.actor1 not in _UNKNOWN_AGENTS and not is_generic(ev.actor1)) or not _cue_patterns()[
                "denied_who"
            ].search(denial.group(0)):
                out[i] = replace(ev, certainty="denied")
            # else "A drone strike hit the market ... The RSF denied responsibility": a strike told with its
            # doer unnamed is reported; the denier only says who did not do it
        elif (
            close
            and ev.certainty in ("reported", "claimed")
            and _CLAIM_DENIED.search(doc.text, s, e) is not None
            and not any(_same_actor(n, i, ev.actor1, ev.inter1) for n, i in named)
        ):
            # "Rebels said they shot down a helicopter ... The junta denied the claim": the other side
            # denies what one side told (ACLED notes it; the map shows it as disputed)
            out[i] = replace(ev, certainty="disputed")
        elif (
            close
            and ev.certainty in ("reported", "claimed")
            and ev.inter1 in _NON_STATE_ARMED
            and ev.inter2
            and any(_same_actor(n, i, ev.actor2, ev.inter2) for n, i in named)
            and not any(_same_actor(n, i, ev.actor1, ev.inter1) for n, i in named)
        ):
            # "The KIA said it had shot down a military helicopter. The military denied losing any
            # aircraft": the side the claim names as its target denies it
            out[i] = replace(ev, certainty="disputed")
    return out


#: "..., the group said in a statement", "..., a spokesman for the group said": the group that did it tells it
_THE_GROUP_SAID = re.compile(
    r",\s+(?:(?:a|the)\s+spokes(?:man|woman|person)\s+for\s+)?(?:the\s+)?"
    r"(?:group|militants|rebels|insurgents|jihadists|fighters|militia|movement)\s+"
    r"(?:said|says|claimed)\b",
    re.IGNORECASE,
)


def own_claims(doc: Document, events: list[Event], actors: ActorList) -> list[Event]:
    """ "The Arakan Army said on Friday it had seized the town", "Islamic State fighters beheaded five
    Christians, the group said in a statement", "..., the local PDF said": an armed group's (not a
    state's) own word for its act is a claim (``certainty`` 'claimed'), unless doubt or denial was told."""
    out: list[Event] = []
    for ev in events:
        s, e = ev.sentence_span
        t0, t1 = ev.trigger
        own = ev.inter1 in _NON_STATE_ARMED and (
            tail_search(_SAID_IT_HAD, doc.text[max(s, t0 - 80) : t0])
            or _the_group_claims(doc, t1, e, actors)
            or _speaker_is(doc.text, t1, e, ev.actor1, actors)
        )
        out.append(replace(ev, certainty="claimed") if own and ev.certainty == "reported" else ev)
    return out


def _the_group_claims(doc: Document, t1: int, e: int, actors: ActorList) -> bool:
    """ "..., the group said in a statement" after the trigger, unless "the group" is a source named as
    speaking just before that no armed group's name holds ("..., the Resistance Committees said. The shells
    hit a camp, the group said"): that group reports the event, it does not claim it."""
    said = _THE_GROUP_SAID.search(doc.text, t1, e)
    if said is None:
        return False
    before = list(_SPEAKER_SAID.finditer(doc.text, max(0, said.start() - 400), said.start()))
    if not before:
        return True
    who = before[-1]
    return _SOURCE_GROUP.search(who.group("who")) is None or any(
        m.actor.inter in _NON_STATE_ARMED for m in actors.find(doc.text, who.start("who"), who.end("who"))
    )


#: a named source that is a group of people who report, not fight ("the Resistance Committees", "the Syrian
#: Observatory for Human Rights", "Human Rights Watch"), by a capitalised word of its name
_SOURCE_GROUP = re.compile(
    r"\b(?:Committees?|Group|Network|Observatory|Monitor|Union|Association|Syndicate|Coalition|"
    r"Organi[sz]ation|Centre|Center|Council|Watch|International)\b"
)


#: ", the local PDF said": the speaker of a sentence's last words
_SPEAKER_SAID = re.compile(r",\s+(?P<who>[^,;]{2,60}?)\s+(?:said|says|claimed)\b")


def _speaker_is(text: str, t1: int, e: int, actor: str, actors: ActorList) -> bool:
    """Whether the source named after the trigger (", the local PDF said") is ``actor`` itself."""
    m = _SPEAKER_SAID.search(text, t1, e)
    return m is not None and any(
        a.actor.name == actor for a in actors.find(text, m.start("who"), m.end("who"))
    )


_CLAIM_DENIED = re.compile(
    r"\b(?:denied|rejected|dismissed|disputed)\s+(?:the|this|that|these|those|their|its)\s+"
    r"(?:claims?|reports?|account|figures?|toll)\b",
    re.IGNORECASE,
)


def _paragraph(text: str, at: int) -> int:
    """The number of the paragraph holding ``text[at]`` (blank lines part paragraphs)."""
    return bisect.bisect_right(_paragraph_breaks(text), at - 2)  # as text.count("\n\n", 0, at)


@document_memo
@functools.lru_cache(maxsize=4)
def _paragraph_breaks(text: str) -> tuple[int, ...]:
    """Where each blank line of ``text`` starts (once a document: its events all ask)."""
    return tuple(m.start() for m in re.finditer("\n\n", text))


#: A sentence that starts another thread of the story: its undated events are not of the day told before.
_NEW_THREAD = re.compile(
    r"\W*(?:separately|meanwhile|elsewhere|in (?:a|another) (?:separate|different)|in other|earlier|later|"
    r"previously|since|last|this)\b",
    re.IGNORECASE,
)


#: Words that put an undated sentence at another time than the day told before ("later", "a day after",
#: "had neutralised", "over the past week"), or in another place of a round-up ("In Zahedan, ...").
_OTHER_TIME = guarded_pattern(
    re.compile(
        # ("a 19-year-old man" is no time)
        r"\b(?:later|earlier|since|past|previous(?:ly)?|ago|hours?|days?|weeks?|months?|years?(?!-old)|"
        r"had|overnight|then)\b",
        re.IGNORECASE,
    )
)
#: A reporting verb before "had" ("Russia said air defences had shot down 17 drones"): the tense of
#: reported speech, not an earlier time.
_REPORTED_BEFORE = re.compile(r"\b(?:said|says|told|reported|added|stated|claimed)\b[^.;]*$", re.IGNORECASE)


_LASTED = re.compile(
    r"\blast(?:ed|ing|s)?\s+(?:for\s+)?(?:several|a\s+few|many|about|nearly|\w+)\s+$", re.IGNORECASE
)


def _other_time(text: str, s: int, e: int) -> bool:
    """Whether ``text[s:e]`` puts itself at another time than the day told before (``_OTHER_TIME``),
    leaving out durations ("the hour-long gunbattle", "a three-day siege", "a fight that lasted several
    hours") and the "had" of reported speech."""
    for m in _OTHER_TIME.finditer(text, s, e):
        a, b = m.span()
        if (a > s and text[a - 1] == "-") or (b < e and text[b] == "-"):
            continue
        if text[a:b].lower() == "had" and _REPORTED_BEFORE.search(text[s:a]):
            continue
        if _LASTED.search(text, max(s, a - 30), a):
            continue  # "a fight that lasted several hours"
        return True
    return False


_IN_ANOTHER_PLACE = re.compile(
    # ("In neighbouring Katsina state,", "In northern Mali,": another place too)
    r"\W*In\s+(?:the\s+)?(?:(?:neighbou?ring|nearby|adjacent|central|[a-z-]*(?:north|south|east|west)[a-z-]*)\s+)?"
    r"(?:[A-Z]|(?:north|south|east|west|centre|center)\w*,)"
)
#: "Two days earlier", "a day before", "the day before": days counted back from the event told before
_DAYS_BEFORE = re.compile(
    r"\b(?:(a|one|two|three|four|five|six|\d)\s+days?|the\s+(?:previous\s+)?day)\s+(?:earlier|before)\b"
    r"|\bthe\s+previous\s+day\b",
    re.IGNORECASE,
)
#: "The following day", "the next morning", "two days later": days counted on from the event told before
_DAYS_LATER = re.compile(
    r"\b(?:the\s+(?:following|next)\s+(?:day|morning|afternoon|evening|night)"
    r"|(a|one|two|three|four|five|six|\d)\s+days?\s+later)\b",
    re.IGNORECASE,
)
#: "..., a day after an Israeli air strike killed": the event after "after" came that many days before
_DAYS_AFTER = re.compile(
    r"\b(a|one|two|three|four|five|six|\d)\s+days?\s+after\s+(?:an?\s+|the\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
#: a quick "no" for a sentence without "before", "earlier" or "previous", which every match of
#: ``_DAYS_BEFORE`` holds (``required_gate``)
_COUNTS_BACK = required_gate(_DAYS_BEFORE)
_DAY_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _days_back(m: re.Match[str]) -> int:
    """How many days ``_DAYS_BEFORE``'s match counts back (one for "the day before")."""
    word = (m.group(1) or "a").lower()
    return int(word) if word.isdigit() else _DAY_COUNTS[word]


#: "the same day", "that day", "hours later", "later that night", "also took place": the day of the event told
#: before
_SAME_DAY = guarded_pattern(
    re.compile(
        r"\b(?:(?:on\s+)?the\s+same\s+day|(?:that|the\s+same)\s+(?:day|morning|afternoon|evening|night)"
        r"|(?:later|earlier)\s+(?:that|the\s+same)\s+(?:day|morning|afternoon|evening|night)"
        r"|(?:hours|minutes)\s+(?:later|earlier)"
        r"|throughout\s+the\s+day|all\s+day(?:\s+long)?"
        # "Protests also took place in Mombasa and Kisumu": more of the day's demonstrations
        r"|also\s+(?:took\s+place|were\s+held|was\s+held|erupted|broke\s+out|spread\s+to)"
        r"|(?:were|was)\s+also\s+(?:held|staged|reported)"
        # "Similar protests took place in Chittagong": more of that day's
        r"|similar\s+\w+\s+(?:took\s+place|were\s+held|erupted|broke\s+out))\b",
        re.IGNORECASE,
    )
)


#: "later", not counted ("two days later", "hours later": ``_DAYS_AFTER``, ``_SAME_DAY``)
_LATER = re.compile(r"\blater\b", re.IGNORECASE)
_COUNTED_LATER = re.compile(r"\b(?:hours?|days?|weeks?|months?|years?|minutes?)\s+$", re.IGNORECASE)


def _just_later(doc: Document, last_day: Event, s: int, e: int) -> bool:
    """Whether the sentence text[s:e] tells its event "later" than the day last told, uncounted, in a
    report published on that day or the next (so "later" can only be that day)."""
    later = _LATER.search(doc.text, s, e)
    return (
        later is not None
        and last_day.date is not None
        and doc.date is not None
        and 0 <= (doc.date - last_day.date).days <= 1
        and not _COUNTED_LATER.search(doc.text, max(s, later.start() - 10), later.start())
    )


def story_dates(doc: Document, events: list[Event]) -> list[Event]:
    """ "Clashes left 32 dead across Bangladesh on Thursday. Protesters set fire to the broadcaster's
    offices in Dhaka." An event told with no date of its own, in the paragraph of an event dated to the
    day or the next, continuing its story (no "Separately", "Meanwhile", "Later"), happened that day (an
    ACLED coder reads the story, not the sentence). One told "the same day" or "hours later" happened on
    the day of the last event dated to the day. Others keep the week of publication."""
    out: list[Event] = []
    lead: tuple[Event, int] | None = None
    lead_reach = 0  # the last paragraph of the lead's sentence or of an event that took its day
    last_day: Event | None = None
    latest: Event | None = None
    for ev in events:
        s, e = ev.sentence_span
        paragraph = _paragraph(doc.text, s)
        own = bool(dates.find_dates(doc.text[s:e], doc.date))
        counted_back = (
            None
            if own or last_day is None or (_COUNTS_BACK is not None and not _COUNTS_BACK(doc.text[s:e]))
            else _DAYS_BEFORE.search(doc.text, s, e)
        )
        counted_on = (
            None
            if own or last_day is None or counted_back is not None
            else _DAYS_LATER.search(doc.text, s, ev.trigger[0])
        )
        after = _DAYS_AFTER.search(
            doc.text, (ev.trigger[0] - 60 if ev.trigger[0] > s + 60 else s), ev.trigger[0]
        )
        told_first = out[-1] if out and out[-1].sentence_span[0] == s else None
        if (
            after is not None
            and told_first is not None
            and told_first.time_precision == 1
            and told_first.date
        ):
            # "Hezbollah fired rockets on Wednesday, a day after an Israeli strike killed a commander"
            counted = told_first.date - dt.timedelta(days=_days_back(after))
            ev = replace(ev, date=counted, date_end=counted, time_precision=1)
        elif own:
            lead = (ev, paragraph) if ev.time_precision == 1 and ev.date is not None else None
            lead_reach = _paragraph(doc.text, e - 1)
        elif last_day is not None and last_day.date is not None and counted_back is not None:
            # "Two days earlier, a roadside bomb struck a minibus": counted back from the day last told
            counted = last_day.date - dt.timedelta(days=_days_back(counted_back))
            ev = replace(ev, date=counted, date_end=counted, time_precision=1)
        elif last_day is not None and last_day.date is not None and counted_on is not None:
            # "The following day soldiers went from house to house": counted on from the day last told
            counted = last_day.date + dt.timedelta(days=_days_back(counted_on))
            if doc.date is None or counted <= doc.date:
                ev = replace(ev, date=counted, date_end=counted, time_precision=1)
        elif last_day is not None and _SAME_DAY.search(doc.text, s, e):
            ev = replace(ev, date=last_day.date, date_end=last_day.date_end, time_precision=1)
        elif last_day is None and _SAME_DAY.search(doc.text, s, e):
            # "Taliban fighters fled Kunduz on Thursday ... Bombers pounded their positions throughout the
            # day": the last day the story told, though no event was coded from its sentence
            told = [g for g in dates.find_dates(doc.text[:s], doc.date) if g.time_precision == 1]
            if told:
                ev = replace(ev, date=told[-1].date, date_end=told[-1].date_end, time_precision=1)
        elif latest is not None and _just_later(doc, latest, s, e):
            # "Hezbollah fired rockets on Wednesday ... Israeli warplanes later struck": after the latest
            # day told, in a report published that day or the next: that day
            ev = replace(ev, date=latest.date, date_end=latest.date_end, time_precision=1)
        elif lead is None and last_day is None and (scene := _scene_day(doc, s, e)) is not None:
            # "Bandits stopped a bus near Kaduna on Monday. A driver who tried to resist was killed": the
            # day the sentence before set the scene on, though no event was coded from it
            ev = replace(ev, date=scene.date, date_end=scene.date_end, time_precision=1)
        elif (
            lead is not None
            # (the lead's paragraph or the next, or the next after one whose event took the lead's day: "Two
            # were shot dead at a polling station on Sunday. / In Chiapas, a crowd burned ballot boxes in the
            # afternoon. / Supporters of rival candidates fought outside a school": the story's day)
            and paragraph - max(lead[1], lead_reach) <= 1
            and not _NEW_THREAD.match(doc.text, s, e)
            and not _other_time(doc.text, s, e)
            and not _IN_ANOTHER_PLACE.match(doc.text, s, e)
        ):
            day = lead[0]
            ev = replace(ev, date=day.date, date_end=day.date_end, time_precision=day.time_precision)
            lead_reach = paragraph
        elif (
            lead is not None
            and lead[0].event_type in _CROWD_TYPES
            and ev.event_type in _CROWD_TYPES
            # (the lead's last paragraph, or the last that took its day: a riot told next may have been
            # folded into it; one paragraph more when nothing between tells a day of its own)
            and _round_up_gap(doc, paragraph - max(lead[1], lead_reach), out, s)
            and not _NEW_THREAD.match(doc.text, s, e)
            and not _OTHER_TIME.search(doc.text, s, e)
        ):
            # "Police fired tear gas at protesters in Nairobi on Tuesday. / In Kitengela, protesters set fire
            # to a police post. / In Mombasa, hundreds marched": a round-up of the day's demonstrations
            day = lead[0]
            ev = replace(ev, date=day.date, date_end=day.date_end, time_precision=day.time_precision)
            lead = (day, paragraph)
        elif lead is not None and (
            _NEW_THREAD.match(doc.text, s, e) or _IN_ANOTHER_PLACE.match(doc.text, s, e)
        ):
            lead = None  # "In Idlib province, shelling hit Sarmin": another story, whose day is not told
        if ev.time_precision == 1 and ev.date is not None:
            last_day = ev
            if latest is None or (latest.date is not None and ev.date > latest.date):
                latest = ev  # the latest day told so far (the first told of it)
        out.append(ev)
    return out


def _round_up_gap(doc: Document, gap: int, told: list[Event], start: int) -> bool:
    """Whether a demonstration told ``gap`` paragraphs after the lead's day still belongs to its round-up:
    the next paragraph, or the one after when the text since the last event told names no day of its
    own (a paragraph of detail between: "In the capital, protesters lit bonfires, police said")."""
    if gap <= 1:
        return True
    since = told[-1].sentence_span[1] if told else start
    return gap == 2 and not dates.find_dates(doc.text[since:start], doc.date)


def _scene_day(doc: Document, s: int, e: int) -> dates.DateGuess | None:
    """The one day the sentence right before text[s:e], in its paragraph, is dated to (the scene of the
    event it tells), or None: when the story told no dated event before, an undated event continuing it
    happened that day."""
    if s < 2 or _NEW_THREAD.match(doc.text, s, e) or _other_time(doc.text, s, e):
        return None
    if _IN_ANOTHER_PLACE.match(doc.text, s, e):
        return None
    paragraph = doc.text.rfind("\n\n", 0, s)
    start = max(doc.text.rfind(". ", 0, s - 2) + 2, paragraph + 2, dates.dateline_end(doc.text, 0))
    if start >= s:
        return None
    days = [g for g in dates.find_dates(doc.text[start:s], doc.date) if g.time_precision == 1]
    return days[0] if len(days) == 1 else None


def _recalled(ev: Event, published: dt.date | None) -> bool:
    """Whether ``ev`` ended more than ``RECALLED_AFTER`` before the report was published, or is dated
    only by a year ("In El Geneina last year, militias killed thousands")."""
    if ev.date is not None and ev.date_end is not None and ev.date_end - ev.date > COARSEST_SPAN:
        return True
    last = ev.date_end or ev.date
    return published is not None and last is not None and last < published - RECALLED_AFTER


#: "Kidnappings for ransom have become common across the northwest": what happens there, no one event
_HABITUAL = re.compile(
    r"(?:\s+[\w-]+){0,3}?\s+(?:(?:have|has)\s+become|are|remain|were)\s+(?:\w+\s+)?"
    r"(?:common|commonplace|frequent|routine|rife|widespread|rampant|endemic|a\s+daily\s+occurrence)\b"
    # "Tribal fighting in the highlands has grown deadlier in recent years": a trend, no one event
    r"|(?:\s+[\w-]+){0,4}?\s+(?:have|has)\s+(?:grown|become|got|gotten)\s+(?:ever\s+|far\s+|much\s+)?"
    r"(?:deadlier|bloodier|more\s+(?:deadly|violent|frequent|lethal))\b",
    re.IGNORECASE,
)


def _habitual(text: str, ev: Event) -> bool:
    """Whether the event's words tell what keeps happening ("Kidnappings have become common")."""
    return _HABITUAL.match(text, ev.trigger[1], ev.sentence_span[1]) is not None


#: "... since an alliance of armed groups launched an offensive": the words of a "since" clause up to the verb
_SINCE_CLAUSE = re.compile(r"\bsince\s+(?:[\w'’-]+\s+){0,9}$", re.IGNORECASE)
_PERFECT = re.compile(r"\b(?:has|have)\s+(?:not\s+|never\s+)?[a-z]+", re.IGNORECASE)


def _background_since(text: str, ev: Event) -> bool:
    """ "The military has lost control of large parts of the country since an alliance of ethnic armed
    groups launched an offensive last October." An event dated only to a month or coarser, told in the
    "since" clause of a sentence in the perfect, is what the news follows from: background, not an event
    of the report ("since the militia took control of Lalibela last week" is recent news: kept)."""
    if ev.time_precision < 3:
        return False
    s, t0 = ev.sentence_span[0], ev.trigger[0]
    clause = _SINCE_CLAUSE.search(text, max(s, t0 - 90), t0)
    if clause is not None:
        return _PERFECT.search(text, s, clause.start()) is not None
    # "at least 50 people had been killed since the protests began in June, and dozens more had been
    # abducted": the tally's next count, in the perfect too
    since = _SINCE_WORD.search(text, s, t0)
    return (
        since is not None
        and _PERFECT_PASSIVE.search(text, max(s, t0 - 30), t0) is not None
        and _PERFECT_PASSIVE.search(text, s, since.start()) is not None
    )


_SINCE_WORD = re.compile(r"\bsince\b", re.IGNORECASE)
_PERFECT_PASSIVE = re.compile(r"\b(?:has|have|had)\s+been\s+(?:\w+\s+)?", re.IGNORECASE)


_BARE_CLAIM = re.compile(
    # "the Pakistani Taliban, or TTP,"; "the Islamic Resistance in Iraq, an umbrella group of militias,"
    r"(?:,\s+[^,.]{2,80},)?"
    # "the Islamic State group's local affiliate": the group's branch claims for it
    r"(?:['’]s\s+(?:[\w-]+\s+){0,2}?(?:affiliate|branch|offshoot|wing|franchise|chapter|province))?"
    r"(?:\s+(?:(?:has|had|later|quickly|swiftly)\s+)?(?:claimed|accepted|took)\s+(?:full\s+)?responsibility"
    r"(?:\s+(?:in|on|via|through)\s+[^.,;]{2,60})?\s*[.,]"  # "... in a statement on Telegram."
    # "Al Shabaab said in a statement that its fighters had targeted a gathering of officials"
    r"|\s+(?:said|says)\s+(?:in\s+a\s+statement\s+)?(?:that\s+)?(?:its|their)\s+(?:fighters|men|militants|members)"
    r"\s+(?:had\s+)?(?:targeted|attacked|carried out|struck|hit)\b)",
    re.IGNORECASE,
)


_ITS_MEN = re.compile(r"\b(?:its|their)\s+(?:fighters|men|militants|members)\b")
#: ", the Islamic Resistance in Iraq, claimed responsibility": an apposition naming the claimant
_OPENS_APPOSITION = re.compile(r",\s+(?:the\s+)?$", re.IGNORECASE)
_CLOSES_APPOSITION_CLAIM = re.compile(
    r",\s+(?:(?:has|had|later)\s+)?(?:claimed|accepted|took)\s+(?:full\s+)?responsibility\b", re.IGNORECASE
)


def bare_claims(
    doc: Document, events: list[Event], spans: list[tuple[int, int]], actors: ActorList
) -> list[Event]:
    """ "A bomb exploded at a Mass in Marawi City, killing four. The Islamic State group claimed
    responsibility." A claim naming no event (so no event of its own) gives its claimant to the
    political-violence event told in the sentence before, when that one's actor was unknown."""
    out = list(events)
    for s, e in spans:
        told = doc.text[s:e]
        if "responsibility" not in told and (
            ("its" not in told and "their" not in told) or _ITS_MEN.search(told) is None
        ):
            continue  # the cheap test first: most sentences claim nothing
        matches = actors.find(doc.text, s, e)
        end = matches[0].end if matches else 0
        if len(matches) > 1 and _abbreviated(doc.text, matches[0], matches[1]):
            end = matches[1].end + 1  # "The Baloch Liberation Army (BLA) claimed responsibility"
        claim = _BARE_CLAIM.match(doc.text, end) if matches else None
        _claimed_in_sentence(doc, out, matches[1:], s)
        claimant = matches[0].actor if matches else None
        if claim is None or claimant is None or claimant.inter not in _NON_STATE_ARMED:
            # "An Iran-backed group, the Islamic Resistance in Iraq, claimed responsibility": the group named
            # in apposition to the subject claims it
            claimant = next(
                (
                    m.actor
                    for m in matches
                    if m.actor.inter in _NON_STATE_ARMED
                    and _OPENS_APPOSITION.search(doc.text, max(s, m.start - 8), m.start) is not None
                    and _CLOSES_APPOSITION_CLAIM.match(doc.text, m.end) is not None
                ),
                None,
            )
            if claimant is None:
                continue
        before = [i for i, ev in enumerate(out) if ev.sentence_span[1] <= s and _violent(ev)]
        claimed = _claimed_event(doc, out, before, (s, e))
        if claimed is not None:
            out[claimed] = replace(
                out[claimed], actor1=claimant.name, inter1=claimant.inter, attribution=doc.text[s:e]
            )
    return out


#: ", and the al Qaeda-linked group al Shabaab claimed responsibility": a claim joined to the event's report
_AND_A_CLAIM = re.compile(r"[,;]\s+(?:and|while)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}$", re.IGNORECASE)


def _claimed_in_sentence(doc: Document, events: list[Event], matches: list[ActorMatch], s: int) -> None:
    """ "A car bomb killed nine people, police said, and al Shabaab claimed responsibility": the claimant
    joined to the report is the actor of the violent event told before it in the sentence, when that
    one's actor was unknown (``events`` is updated in place)."""
    for m in matches:
        if m.actor.inter not in _NON_STATE_ARMED or _BARE_CLAIM.match(doc.text, m.end) is None:
            continue
        if _AND_A_CLAIM.search(doc.text, max(s, m.start - 60), m.start) is None:
            continue
        told = [
            i
            for i, ev in enumerate(events)
            if s <= ev.trigger[0] < m.start and _violent(ev) and ev.actor1 in _UNKNOWN_AGENTS
        ]
        if told:
            events[told[-1]] = replace(
                events[told[-1]],
                actor1=m.actor.name,
                inter1=m.actor.inter,
                attribution=events[told[-1]].sentence,
            )


def _claimed_event(
    doc: Document, events: list[Event], before: list[int], claim: tuple[int, int]
) -> int | None:
    """The index of the event a bare claim (sentence ``claim``) claims: the last violent one told before
    it (``before``), when its actor was unknown; past a state's reply to it told in between ("Troops
    returned fire and killed six of the attackers. The Pakistani Taliban claimed responsibility.")."""
    nearest = claim
    for i in reversed(before):
        told = events[i]
        if not _adjacent(doc, told.sentence_span, nearest):
            return None
        if told.actor1 in _UNKNOWN_AGENTS:
            return i
        if told.inter1 not in _state_inters():
            return None  # a named group did the last thing told: the claim is not about an earlier event
        nearest = told.sentence_span
    return None


def _in_period(ev: Event, published: dt.date | None) -> Event:
    """``ev`` with its actors named as ACLED names them at the event's date (``actors.as_of``)."""
    on = ev.date or published
    actor1, inter1 = as_of(ev.actor1, ev.inter1, on)
    actor2, inter2 = as_of(ev.actor2, ev.inter2, on)
    assoc1, _ = as_of(ev.assoc_actor1, "", on)
    if (actor1, actor2, assoc1) == (ev.actor1, ev.actor2, ev.assoc_actor1):
        return ev
    return replace(ev, actor1=actor1, inter1=inter1, actor2=actor2, inter2=inter2, assoc_actor1=assoc1)


#: A denial of what was told before: the sentence is the accused side's account of it, no new event.
_DENIED_IT = re.compile(
    r"\bden(?:ied|ies|ying)\s+(?:(?:that\s+)?(?:it|they)\s+(?:had\s+)?)?"
    r"(?:killing|targeting|attacking|shooting|carrying out|any role|involvement|responsibility)\b"
)


def drop_references_back(doc: Document, events: list[Event]) -> list[Event]:
    """Drop an event named as the object of a verb of reporting ("Police confirmed the attack",
    "Nobody claimed the attack") once the document has told a violent event before it: it is that
    event again. With no earlier event it stays (the report is then all there is)."""
    pattern, after_the = _cue_patterns()["refers_back"], _cue_patterns()["after_the"]
    out: list[Event] = []
    for ev in events:
        (t0, t1), (s, e) = ev.trigger, ev.sentence_span
        told = any(_violent(x) for x in out)
        # "The cause of the blast ...": the blast told before, even one that was no conflict event
        named = told or doc.text[t0:t1].lower() in doc.text[:s].lower()
        before = doc.text[(t0 - 80 if t0 > s + 80 else s) : t0]
        # ("soldiers arrested four suspects in connection with the attack": the arrests are news)
        # ("following the withdrawal of the Syrian forces" after a capture: news of another kind)
        again = tail_search(after_the, before) and not _own_word(doc, ev) and _kind_told(ev, out)
        referred = tail_search(pattern, before) or again
        if named and (referred or _share_of_the_dead(doc.text, ev, before)):
            last = next(
                (i for i in range(len(out) - 1, -1, -1) if _violent(out[i]) and out[i].fatalities), None
            )
            lower = referred and not _AMONG.search(before) and not _share_of_the_dead(doc.text, ev, before)
            if lower and last is not None and 0 < ev.fatalities < out[last].fatalities:
                # "Police confirmed the attack but said 12 people were killed": the lowest count (ACLED)
                out[last] = replace(out[last], fatalities=ev.fatalities)
            continue
        same = _just_told_kind(doc.text, ev, out)
        if same is not None and tail_search(_cue_patterns()["reported_the"], before):
            # "..., the Houthis' television said, adding that the strikes killed 16 people": the toll of
            # the strikes told just before (the lowest count when both give one)
            if ev.fatalities:
                toll = min(ev.fatalities, out[same].fatalities) if out[same].fatalities else ev.fatalities
                out[same] = replace(out[same], fatalities=toll)
            continue
        if told and doc.text.find("den", s, e) >= 0 and _DENIED_IT.search(doc.text, s, e):
            continue  # "The army said it had neutralised several terrorists and denied killing civilians"
        # a witness's words about it ('"They came on motorcycles, shooting," said a resident'), with no
        # count or place of their own, describe it again
        if told and _quoted(doc.text, s, t0) and not ev.fatalities and not _names_place(doc, s, e):
            continue
        out.append(ev)
    return out


#: "Three women were among the dead": some of the dead told before, not another count of them
_AMONG = re.compile(r"\bamong\s+(?:the|those)\s+$", re.IGNORECASE)
_SHARE_OF_THE = re.compile(
    r"\b(?:most|many|some|all|half|none|several|one|two|three|four|five)\s+of\s+(?:the|those)\s+$",
    re.IGNORECASE,
)


def _share_of_the_dead(text: str, ev: Event, before: str) -> bool:
    """ "Most of the dead were civilians": a share of a toll told before, no event ("two of the grenades"
    are grenades)."""
    return bool(_DEATH_ONLY.fullmatch(text, *ev.trigger)) and tail_search(_SHARE_OF_THE, before)


def _just_told_kind(text: str, ev: Event, told: list[Event]) -> int | None:
    """The index in ``told`` of the last event, if it is of ``ev``'s ACLED event type (or another armed
    one, for an armed one) and told in ``ev``'s sentence or the one right before it."""
    if not told:
        return None
    last = told[-1]
    gap = text[last.sentence_span[1] : ev.sentence_span[0]]
    near = last.sentence_span[0] == ev.sentence_span[0] or (len(gap) < 10 and not gap.strip())
    return len(told) - 1 if near and _kind_told(ev, [last]) else None


def _kind_told(ev: Event, told: list[Event]) -> bool:
    """Whether an event of ``ev``'s ACLED event type (or another armed one, for an armed one) was told."""
    return any(x.event_type == ev.event_type or {x.event_type, ev.event_type} <= _ARMED_TYPES for x in told)


def _own_word(doc: Document, ev: Event) -> bool:
    """Whether ``ev``'s sentence says it with a word of its own sub-type besides its trigger ("soldiers
    arrested five suspects in connection with the attack": the arrests are news, the attack is not)."""
    s, e = ev.sentence_span
    return any(
        h.rule.sub_type == ev.sub_event_type and (h.start, h.end) != ev.trigger
        for h in find_hits(doc.text, s, e)
    )


def drop_accidents(doc: Document, events: list[Event], spans: list[tuple[int, int]]) -> list[Event]:
    """ "An explosion at a fuel station killed five people. Police said it was caused by a gas leak." An
    explosion, fire or collapse with no named agent that its sentence or the next puts down to an accident
    is no conflict event (ACLED codes none), whatever words of violence tell it."""
    cues = _cue_patterns()
    starts = [s for s, _ in spans]

    def accident(ev: Event) -> bool:
        s, e = ev.sentence_span
        if ev.actor1 not in _UNKNOWN_AGENTS or not cues["accident_scene"].search(doc.text, s, e):
            return False
        i = bisect.bisect_right(starts, s)
        end = spans[i][1] if i < len(spans) else e
        return cues["accident_cause"].search(doc.text, s, max(e, end)) is not None

    return [ev for ev in events if not accident(ev)]


def _quoted(text: str, s: int, at: int) -> bool:
    """Whether ``at`` lies inside a direct quotation opened in its sentence (``text[s:at]``), not a word
    in scare quotes (the army said militants were "neutralised")."""
    before = text[s:at]
    opened = before.count('"') % 2 == 1 or before.count("“") > before.count("”")
    return opened and not _SCARE_QUOTED.match(text, at)


#: The rest of a quoted word or two closed at once: scare quotes, not a witness's words.
_SCARE_QUOTED = re.compile(r"[\w'’-]+(?:\s[\w'’-]+)?[\"”]")


def protest_follow_ups(
    doc: Document, events: list[Event], spans: list[tuple[int, int]], actors: ActorList
) -> list[Event]:
    """A peaceful protest whose next sentence tells how it was met, with no event of its own there
    ("Police fired tear gas to disperse the crowd"), takes the sub-type that sentence gives:
    Protest with intervention, or Excessive force against protesters (ACLED's definitions), and the
    state force named there as actor 2. A next sentence whose only events are arrests by state forces
    at no other place ("Police arrested dozens of people") is how a protest or riot was met, not an
    event of its own: a peaceful protest becomes a Protest with intervention."""
    lexicon, cues = load_lexicon(), _cue_patterns()
    starts = [s for s, _ in spans]
    by_sentence: dict[int, list[Event]] = {}
    for ev in events:
        by_sentence.setdefault(ev.sentence_span[0], []).append(ev)
    folded: set[int] = set()  # sentence starts of arrests folded into the protest before them
    out: list[Event] = []
    for ev in events:
        if ev.sentence_span[0] in folded:
            continue
        if out and _arrested_at_it(doc.text, out[-1], ev):
            # "Police fired tear gas to disperse the marchers, and arrested dozens": how it was met (ACLED)
            if out[-1].sub_event_type == _PEACEFUL:
                st = lexicon.sub_types["Protest with intervention"]
                out[-1] = replace(
                    out[-1], sub_event_type=st.name, event_type=st.event_type, disorder_type=st.disorder_type
                )
            continue
        i = bisect.bisect_left(starts, ev.sentence_span[0])
        nxt = by_sentence.get(spans[i + 1][0], []) if i + 1 < len(spans) else []
        arrests = bool(nxt) and all(_arrests_at_the_protest(doc, other) for other in nxt)
        k = i + 1  # the sentence of the arrests
        if not nxt and i + 2 < len(spans) and ev.event_type in ("Protests", "Riots"):
            # "Police fired tear gas at protesters outside Congress. Protesters threw stones. / About 20 were
            # injured, and police arrested 33": past a sentence of no event of its own, how it was met too
            later = by_sentence.get(spans[i + 2][0], [])
            if later and all(_arrests_at_the_protest(doc, other) for other in later):
                arrests, k = True, i + 2
        crowd = ev.sub_event_type == "Peaceful protest" or (
            arrests and ev.event_type in ("Protests", "Riots")
        )
        if not crowd or i + 1 >= len(spans) or (nxt and not arrests):
            out.append(ev)
            continue
        after = doc.text[spans[i + 1][0] : spans[i + 1][1]]
        sub = ""
        if arrests:
            folded.add(spans[k][0])  # "Police arrested dozens": how the protest was met (ACLED)
            sub = (
                "Protest with intervention" if ev.sub_event_type == "Peaceful protest" else ev.sub_event_type
            )
        elif cues["protest_followup"].search(after) and not _ACROSS.search(after):
            # (not "Police detained more than 700 people across the country": no one march's)
            if cues["protest_force"].search(after):
                sub = "Excessive force against protesters"
            elif cues["protest_intervention"].search(after):
                sub = "Protest with intervention"
        if sub:
            st = lexicon.sub_types[sub]
            ev = replace(ev, sub_event_type=st.name, event_type=st.event_type, disorder_type=st.disorder_type)
            force = next((m.actor for m in actors.find(after) if m.actor.inter == "State forces"), None)
            if force is not None and not ev.actor2:
                ev = replace(ev, actor2=force.name, inter2=force.inter)
        out.append(ev)
    return out


_PEACEFUL = "Peaceful protest"


def _arrested_at_it(text: str, protest: Event, ev: Event) -> bool:
    """Whether ``ev`` is arrests told in the sentence of the demonstration or riot ``protest``, after it,
    by a verb ("and arrested dozens"; "to decry the arrests" is what they protested) and by no one but the
    state or unnamed: the protest's own intervention."""
    return (
        ev.sub_event_type == "Arrests"
        and text[ev.trigger[0] : ev.trigger[1]].endswith("ed")
        and protest.event_type in ("Protests", "Riots")
        and ev.sentence_span == protest.sentence_span
        and ev.trigger[0] > protest.trigger[0]
        and ev.inter1 in ("State forces", "Protesters", "")
    )


_EXCESSIVE = "Excessive force against protesters"


#: Words that say a sentence tells another event, not the last one again.
_THE_ATTACKERS = re.compile(
    # ("Security sources said the militants had seized weapons": told by someone)
    r"\s*(?:[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,5}\s+(?:said|says|told\s+[\w'’-]+)\s+(?:that\s+)?)?"
    r"[Tt]he\s+(?:attackers|assailants|gunmen|raiders|militants|insurgents|militiamen|fighters|"
    r"gang members|bandits|kidnappers|abductors|jihadists|armed men)\b"
)
_ANOTHER = guarded_pattern(
    re.compile(
        # ("more than 20 people" is a count, not more events)
        r"\b(?:also|another|again|separately|meanwhile|later|earlier|second|third|more(?!\s+than\b)|elsewhere|"
        r"other|too)\b",
        re.IGNORECASE,
    )
)


def fold_retellings(doc: Document, events: list[Event], spans: list[tuple[int, int]]) -> list[Event]:
    """ "A military air strike on a village in Sagaing killed 17 people on Monday. The junta's jets
    bombed Kan Su village, a spokesman said." The second sentence tells the first event again: an event
    of the same sub-type right after it (or the attackers' looting after an attack), with no date, count
    or place of its own that differs and no word of another event ("also", "another", "later"), is
    folded into it (a named actor it gives fills a generic one)."""

    def retells(prev: Event, ev: Event) -> bool:
        s, e = ev.sentence_span
        if (
            _attackers_killed(doc, prev, ev)
            or _attackers_also(doc, prev, ev)
            or _resisted_them(doc, prev, ev)
        ):
            return True
        if _turned_violent(doc, prev, ev):
            return True
        if _arms_found_after(doc, prev, ev):  # "Rifles and explosives were recovered": after the fight
            return True
        if _how_they_died(doc, prev, ev):  # "others died when the attackers set mattresses on fire"
            return True
        # "172 people were arrested nationwide": the protests' tally; "three policemen were injured": the
        # force the crowd met
        if _national_tally(doc, prev, ev) or _force_hurt_by_the_crowd(doc, prev, ev):
            return True
        if _more_of_the_riot(doc, prev, ev):  # "Masked men smashed windows": the riot's crowd
            return True
        if _other_sides_dead(doc, prev, ev):  # "Four soldiers were also killed": more dead of the battle
            return True
        if _dead_of_the_riot(doc, prev, ev):  # "One man was killed, police said": the riot's dead
            return True
        if _their_loot(doc, prev, ev):  # "The gunmen also set fire to a school": part of their attack
            return not dates.find_dates(doc.text[s:e], doc.date) and (
                not _names_place(doc, s, e) or _places_agree(doc, prev.sentence_span, ev.sentence_span)
            )
        return (
            (
                (
                    ev.sub_event_type == prev.sub_event_type
                    and ev.fatalities in (0, prev.fatalities)
                    and _not_another_actor(prev, ev)  # "MSS officers exchanged fire" is not the gang's clash
                )
                or _one_sides_account(doc, prev, ev)
                or _own_account(doc, prev, ev)
                or _same_sides_again(prev, ev)
                or _weapon_told(doc, prev, ev)
                or _fought_back(doc, prev, ev)
                or _named_again(doc, prev, ev)
                or _attackers_again(doc, prev, ev)
                or _other_sides_account(doc, prev, ev)
                or _denied_and_countered(doc, prev, ev)
                or _unclaimed_now_claimed(doc, prev, ev)
                or _how_it_was_taken(doc, prev, ev)
                or _blast_of_the_strike(doc, prev, ev)
                or _in_the_fight(doc, prev, ev)
                or _crowd_had_gathered(doc, prev, ev)
            )
            # near its word: "people who fled earlier fighting" at the sentence's end tells no other event
            and not _ANOTHER.search(doc.text, s, min(e, ev.trigger[1] + 40))
            and not _DAYS_APART.search(doc.text, s, ev.trigger[0])
            and _date_fits(doc, prev, ev)
            # "32 dead across Bangladesh ... set fire to the broadcaster in Dhaka": one place of many
            and not (_names_place(doc, s, e) and _ACROSS.search(doc.text, *prev.sentence_span))
            # its places are the first's, or finer ones of a first that told none (not even "east of
            # the city", a town named before)
            and (
                not _names_place(doc, s, e)
                or (
                    not _sentence_places(doc, prev.sentence_span)
                    and not _cue_patterns()["place_anaphor"].search(doc.text, *prev.sentence_span)
                )
                or _places_agree(doc, prev.sentence_span, ev.sentence_span)
            )
        )

    def merge(prev: Event, ev: Event) -> Event:
        if _denied_and_countered(doc, prev, ev):  # its other side's version, and nothing more
            return replace(prev, certainty="denied") if prev.certainty == "reported" else prev
        if (
            _how_they_died(doc, prev, ev)
            or _national_tally(doc, prev, ev)
            or _force_hurt_by_the_crowd(doc, prev, ev)
            or _more_of_the_riot(doc, prev, ev)
        ):
            return prev  # nothing of its own to add
        s, e = ev.sentence_span
        later = _CAME_AFTER.search(doc.text, ev.trigger[1], e)
        if later is not None and _KILLED_WORD.search(doc.text, s, later.start()) is None:
            # "The attack came a week after jihadists killed 20 civilians in Djibo": that count is the
            # other event's
            ev = replace(ev, fatalities=0)
        if _told_before_report(doc, prev, ev):  # the day it happened, not the day it was told
            prev = replace(prev, date=ev.date, date_end=ev.date_end, time_precision=ev.time_precision)
        day = _weekday_within(doc, prev, ev)
        if day is not None:  # "last week ... on Thursday": that week's Thursday
            prev = replace(prev, date=day, date_end=day, time_precision=1)
        prev = _with_finer_date(prev, ev)
        s, e = ev.sentence_span
        later = _CAME_AFTER.search(doc.text, ev.trigger[1], e)  # "came a day after ... in Tillaberi"
        if (
            _names_place(doc, s, later.start() if later is not None else e)
            and s > prev.sentence_span[1]
            # "left 32 dead across Bangladesh": no one town's
            and not _ACROSS.search(doc.text, *prev.sentence_span)
        ):
            # "clashes with Fano militiamen ... after soldiers fought Fano fighters in Merawi": told with the
            # sentence that places it (``geo.linking`` takes the finer place from it)
            prev = replace(
                prev, sentence=doc.text[prev.sentence_span[0] : e], sentence_span=(prev.sentence_span[0], e)
            )
        if _fight_revealed(prev, ev) and _same_sides_again(prev, ev) and not _own_account(doc, prev, ev):
            # a clash, with the armed side the next sentence names as actor 2 (ACLED)
            prev = replace(
                _with_type_of(prev, ev), actor2=ev.actor2, inter2=ev.inter2, civilian_targeting=False
            )
        if _weapon_told(doc, prev, ev):
            # "attacked a cargo ship ... The ship was hit by three projectiles": an attack of that weapon
            prev = _with_type_of(prev, ev)
        if _turned_violent(doc, prev, ev):
            # the demonstration that turned violent is a riot (ACLED), with its dead and the force that met it
            return replace(
                ev,
                trigger=prev.trigger,
                sentence=prev.sentence,
                sentence_span=prev.sentence_span,
                date=prev.date,
                date_end=prev.date_end,
                time_precision=prev.time_precision,
                actor2=prev.actor2 or ev.actor2,
                inter2=prev.inter2 or ev.inter2,
                fatalities=prev.fatalities or ev.fatalities,
                civilian_targeting=False,
            )
        if _resisted_them(doc, prev, ev):
            # "Gunmen abducted 20 villagers ... One resident who tried to stop them was shot dead": one
            # abduction, with its dead (an attack, as ACLED codes it: ``EventExtractor.__call__``)
            prev = replace(prev, fatalities=prev.fatalities + ev.fatalities)
        elif _attackers_also(doc, prev, ev):
            # "The attackers also killed two people who tried to flee": more victims of the same attack (its
            # kind is the one the report led with)
            prev = replace(_with_missing(prev, ev), fatalities=prev.fatalities + ev.fatalities)
        elif _fought_back(doc, prev, ev) or _attackers_killed(doc, prev, ev):
            # the attackers' dead and the defenders' are different people: ACLED counts them all
            prev = replace(prev, fatalities=prev.fatalities + ev.fatalities)
            if not prev.actor2 and ev.inter1 in _state_inters():
                prev = replace(prev, actor2=ev.actor1, inter2=ev.inter1)  # the force that was attacked
        elif _other_sides_dead(doc, prev, ev) or _dead_of_the_riot(doc, prev, ev):
            # "..., killing about 20 militants. Four soldiers were killed": both sides' dead (ACLED)
            prev = replace(prev, fatalities=prev.fatalities + ev.fatalities)
        elif _in_the_fight(doc, prev, ev) and ev.fatalities and prev.fatalities:
            # "..., killing eight soldiers. In the fighting, 15 jihadists died": the other side's dead are
            # counted too; the same side's are another report of one figure (the lowest)
            side = _dead_side(doc.text, *ev.sentence_span)
            if side and side != _dead_side(doc.text, *prev.sentence_span):
                prev = replace(prev, fatalities=prev.fatalities + ev.fatalities)
            else:
                prev = replace(prev, fatalities=min(prev.fatalities, ev.fatalities))
        elif (
            ev.fatalities
            and ev.fatalities != prev.fatalities
            # (a side's own count stands when the report before gave none)
            and (_one_sides_account(doc, prev, ev) or not _own_account(doc, prev, ev) or not prev.fatalities)
        ):
            if _dead_of_both_sides(doc, prev, ev):
                # "killing three soldiers ... two rebels were killed": different people, all counted (ACLED)
                prev = replace(prev, fatalities=prev.fatalities + ev.fatalities)
            else:
                # each side's count of one fight: the lowest reported (ACLED)
                prev = replace(prev, fatalities=min(f for f in (prev.fatalities, ev.fatalities) if f))
        if _other_sides_account(doc, prev, ev):
            prev = replace(prev, actor2=ev.actor1, inter2=ev.inter1)  # the side the first told unnamed
        if _how_it_was_taken(doc, prev, ev) and ev.sub_event_type == _HANDED_OVER:
            if not prev.actor2:  # "after government forces withdrew": the side that lost it
                lost = (ev.actor1, ev.inter1) if ev.actor1 != prev.actor1 else (ev.actor2, ev.inter2)
                prev = replace(prev, actor2=lost[0], inter2=lost[1])
            return prev
        # the affiliate is the finer name: "Al Qaeda-linked militants" are JNIM once JNIM claims the attack
        unknown = (
            is_generic(prev.actor1) or prev.actor1 in _UNKNOWN_AGENTS or affiliate_of(ev.actor1, prev.actor1)
        )
        if (
            unknown
            and ev.actor1
            and not is_generic(ev.actor1)
            and ev.actor1 not in _UNKNOWN_AGENTS
            and ev.actor1 != prev.actor2  # the side attacked tells how it fought back, not who attacked
        ):
            prev = replace(prev, actor1=ev.actor1, inter1=ev.inter1)
            if ev.certainty == "claimed":  # who did it is known from their claim ("Al Shabaab claimed it")
                prev = replace(prev, certainty="claimed")
        # who the actor says it struck is its side of the story, not who was hit
        if not prev.actor2 and ev.actor2 and not _own_account(doc, prev, ev):
            prev = replace(prev, actor2=ev.actor2, inter2=ev.inter2)
        return prev

    def named_again(prev: Event, ev: Event) -> bool:
        # "... killing 23. The RSF has been fighting the army since 2023. The shelling hit the camp": past
        # a sentence of background, "the shelling" still tells the event before it
        # (and "The militants seized weapons and set fire to vehicles before fleeing", past a sentence of
        # what the president did)
        # (and "An army spokesman said troops had pursued the attackers and killed three of them", past a
        # sentence of what the attackers burned)
        return (
            _named_again(doc, prev, ev)
            or _their_loot(doc, prev, ev)
            or _arms_found_after(doc, prev, ev)
            or _resisted_them(doc, prev, ev)
            or _attackers_killed(doc, prev, ev)
        )

    return _fold_into_previous(events, spans, retells, merge, named_again)


#: "others died when the attackers set mattresses on fire": the dead of the event told before, and what
#: its attackers did to them
_DIED_WHEN_THE_ATTACKERS = re.compile(
    r"\b(?:died|were\s+killed|were\s+burned\s+to\s+death|perished)\s+(?:\w+\s+){0,2}?(?:when|as|after)\s+the\s+"
    r"(?:attackers|assailants|gunmen|raiders|militants|gang\s+members|bandits)\b",
    re.IGNORECASE,
)


def _national_tally(doc: Document, prev: Event, ev: Event) -> bool:
    """ "... as a million people marched across France. The interior ministry said 149 police officers
    were injured and 172 people were arrested nationwide." A tally of arrests or injured over many places
    (``_ACROSS``), told right after the demonstrations it sums, is no event of its own (no one place, no
    one day's act): it belongs to the demonstrations told before; so is a count of people "detained during
    protests in nine cities" that names none of them."""
    if prev.event_type not in _CROWD_TYPES or ev.fatalities:
        return False
    s, e = ev.sentence_span
    if not (
        ev.sub_event_type == "Arrests"
        or _hurt_by_no_one_named(ev)
        or (ev.event_type in _CROWD_TYPES and not _names_place(doc, s, e))
    ):
        return False
    return _ACROSS.search(doc.text, s, e) is not None


def _force_hurt_by_the_crowd(doc: Document, prev: Event, ev: Event) -> bool:
    """ "A mob beat a man to death ... Officers who tried to rescue him were pelted with stones and three
    policemen were injured": the force the crowd told before hurt, with no place or day of its own, is
    how that crowd met it, no clash of unknown men."""
    s, e = ev.sentence_span
    return (
        prev.event_type in _CROWD_TYPES
        and not ev.fatalities
        and _hurt_by_no_one_named(ev)
        and ev.inter2 in _state_inters()
        and not dates.own_dates(doc.text[s:e], doc.date)
        and not _names_place(doc, s, e)
    )


def _hurt_by_no_one_named(ev: Event) -> bool:
    """A clash with no known attacker: what "149 officers were injured" reads as alone."""
    return ev.sub_event_type == "Armed clash" and ev.actor1 in _UNKNOWN_AGENTS


def _more_of_the_riot(doc: Document, prev: Event, ev: Event) -> bool:
    """ "Rioters threw bricks at police and set fire to a hotel near Rotherham. Masked men smashed windows
    and tried to force their way into the building." Destruction by no one named (or by rioters), told
    right after a riot with no dead, place or date of its own, is more of that riot, not an armed group's
    looting."""
    s, e = ev.sentence_span
    return (
        prev.event_type == "Riots"
        and ev.sub_event_type in _DESTRUCTION
        and (ev.actor1 == "Rioters" or ev.actor1 in _UNKNOWN_AGENTS)
        and not ev.actor2
        and not ev.fatalities
        and not dates.own_dates(doc.text[s:e], doc.date)
        and not _names_place(doc, s, e)
    )


def _how_they_died(doc: Document, prev: Event, ev: Event) -> bool:
    """ "At least 18 inmates were killed when gang members stormed a cell block. Some victims were shot,
    while others died when the attackers set mattresses on fire." How the dead of an attack died, told
    right after it with no place or date of its own, is that attack: no riot of the attackers, and its
    dead are among the attack's (a vague "others" adds none)."""
    s, e = ev.sentence_span
    return (
        ev.sub_event_type in _DESTRUCTION
        and _violent(prev)
        and ev.fatalities <= prev.fatalities
        and _DIED_WHEN_THE_ATTACKERS.search(doc.text, s, ev.trigger[0]) is not None
        and not dates.own_dates(doc.text[s:e], doc.date)
        and not _names_place(doc, s, e)
    )


#: "Automatic rifles and explosives were recovered": what was found after a fight, by no one named
_ARMS_FOUND = re.compile(
    r"\b(?:(?:were|was|had\s+been|have\s+been)\s+)?(?:also\s+)?(?:recovered|seized|found|confiscated)\b",
    re.IGNORECASE,
)


def _arms_found_after(doc: Document, prev: Event, ev: Event) -> bool:
    """ "Security forces killed 10 rebels in a gunfight ... Automatic rifles and explosives were recovered."
    Weapons found, by no one named or by a side of the battle ("Troops recovered three rifles"), with no
    date or place of their own, right after a battle: what the battle's winners took, part of it (ACLED
    codes a cache seized on its own as Disrupted weapons use)."""
    s, e = ev.sentence_span
    return (
        ev.sub_event_type == "Disrupted weapons use"
        and prev.event_type == "Battles"
        and (
            ev.actor1 in _UNKNOWN_AGENTS
            or (ev.inter1 in _state_inters() and _same_side((ev.actor1, ev.inter1), prev))
        )
        and not ev.fatalities
        and _ARMS_FOUND.search(doc.text, s, e) is not None
        and not dates.own_dates(doc.text[s:e], doc.date)
        and not _names_place(doc, s, e)
    )


def _their_loot(doc: Document, prev: Event, ev: Event) -> bool:
    """ "The attackers, believed to belong to JNIM, looted weapons before withdrawing": the looting or
    burning the attackers of ``prev`` did, told as "the attackers" with no dead of its own."""
    s, e = ev.sentence_span
    if not _violent(prev) or ev.fatalities not in (0, prev.fatalities):
        return False
    if ev.sub_event_type == "Looting/property destruction" and _THE_ATTACKERS.match(doc.text, s, e):
        return True
    # "Several homes were set on fire during the assault": no one's riot, the assault told before
    return (
        ev.sub_event_type in _DESTRUCTION
        and (ev.actor1 == "Rioters" or ev.actor1 in _UNKNOWN_AGENTS)
        and not ev.actor2
        and _DURING_THE.search(doc.text, ev.trigger[1], e) is not None
    )


_DURING_THE = re.compile(
    r"\b(?:during|in)\s+the\s+(?:[\w-]+\s+)?(?:assault|attack|raid|fighting|clashes|violence|offensive|incursion)\b",
    re.IGNORECASE,
)


#: "The attack came days after the government suspended talks": what follows is another event's story.
_CAME_AFTER = guarded_pattern(
    re.compile(
        r"\b(?:came|comes|happened|took place|occurred)\s+(?:just\s+|only\s+)?"
        r"(?:a|an|one|two|three|several|days?|hours?|weeks?|months?)\s+(?:\w+\s+)?(?:after|before)\b",
        re.IGNORECASE,
    )
)
_KILLED_WORD = re.compile(r"\b(?:kill\w*|dead|died|deaths?|slain|lives)\b", re.IGNORECASE)
#: "The attack came a day after the army said it had neutralised five": what follows is another event.
_DAYS_APART = re.compile(r"\b(?:days?|weeks?|hours?|months?)\s+(?:after|before)\b", re.IGNORECASE)

_THE_FIGHT = re.compile(
    r"\b(?:in|during)\s+the\s+(?:[\w-]+\s+)?(?:fighting|clash(?:es)?|battle|attack|assault|raid)\b"
)


@functools.cache
def _dead_side_patterns() -> dict[str, re.Pattern[str]]:
    """A count of the dead of each side ("three soldiers", "six militants"), from ``event_cues.json``."""
    cues = load_lexicon().cues
    # the vague counts too ("killing several insurgents"), as ``num`` of the cue patterns reads them
    numbers = sorted(
        (w for w in {**cues["number_words"], **cues["vague_numbers"]} if w[:1] != "_"), key=len, reverse=True
    )
    words = "|".join(re.escape(w) for w in numbers)
    count = rf"\b(?:\d[\d,]*|{words})\s+(?:[^\W\d_][\w'’-]*\s+){{0,2}}?"
    return {
        side: re.compile(rf"{count}(?:{nouns})\b", re.IGNORECASE)
        for side, nouns in cues["dead_sides"].items()
    }


@functools.cache
def _dead_count_context() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The word of death a count of the dead needs next to it: before it (ending there) and after it
    (``dead_count_before`` / ``dead_count_after`` in ``event_cues.json``)."""
    cues = load_lexicon().cues
    return (
        re.compile(cues["dead_count_before"], re.IGNORECASE),
        re.compile(cues["dead_count_after"], re.IGNORECASE),
    )


def _counts_dead(text: str, s: int, e: int, pattern: re.Pattern[str]) -> bool:
    """Whether a count of ``pattern`` in text[s:e] has a word of death next to it ("killing three
    soldiers", "two rebels were killed"); "Hundreds of jihadists attacked" counts no one's dead."""
    before, after = _dead_count_context()
    for m in pattern.finditer(text, s, e):
        if before.search(text, max(s, m.start() - 40), m.start()) or after.match(text, m.end() + 1, e):
            return True
    return False


def _dead_side(text: str, s: int, e: int) -> str:
    """Whose dead the counts of text[s:e] name: "state", "armed", or "" (none, or both); "Brigade 55
    soldiers" counts none, nor "Hundreds of jihadists attacked" (no word of death)."""
    text = _unlabelled(text, s, e)
    sides = [side for side, pattern in _dead_side_patterns().items() if _counts_dead(text, s, e, pattern)]
    return sides[0] if len(sides) == 1 else ""


def _in_the_fight(doc: Document, prev: Event, ev: Event) -> bool:
    """ "Jihadists attacked an army base, killing eight soldiers. In the fighting, 15 jihadists died": a
    sentence opening on the fight (cue ``in_the_fight``) right after a violent event, naming no other
    actor, tells more of that event."""
    s, _ = ev.sentence_span
    return (
        _violent(prev)
        and ev.event_type == "Battles"
        and _cue_patterns()["in_the_fight"].match(doc.text[s : ev.trigger[0]]) is not None
        and (ev.actor1 in _UNKNOWN_AGENTS or is_generic(ev.actor1) or ev.actor1 in (prev.actor1, prev.actor2))
        and (not ev.actor2 or is_generic(ev.actor2) or ev.actor2 in (prev.actor1, prev.actor2))
    )


def _other_sides_dead(doc: Document, prev: Event, ev: Event) -> bool:
    """ "Volunteers repelled an attack near Djibo, killing about 20 militants. Four volunteers were
    killed." A sentence that only counts dead (cue ``bare_dead``: killed by no one named, with no place
    or date of its own), right after a battle with dead, counts more dead of that battle: another side's
    (its count names the other side, or the side that did the killing before), or more ("were also
    killed"). ACLED adds them up; the sentence is no attack of its own."""
    s, e = ev.sentence_span
    if prev.event_type != "Battles" or not prev.fatalities or not ev.fatalities:
        return False
    bare = _cue_patterns()["bare_dead"].match(doc.text, s, e)
    if bare is None or _names_place(doc, s, e) or dates.find_dates(doc.text[s:e], doc.date):
        return False
    if _ALSO.search(bare.group(0)) is not None:
        return True
    first, second = _dead_side(doc.text, *prev.sentence_span), _dead_side(doc.text, s, e)
    if first and second:
        return first != second
    # "Four VDP members were killed" after the VDP's own kill: the killers' losses
    return bool(prev.actor1) and ev.actor2 == prev.actor1 and ev.actor1 in _UNKNOWN_AGENTS


#: "Thousands of protesters ... had gathered": a past perfect right before the crowd's verb
_HAD_GATHERED = re.compile(
    r"\bhad\s+(?:(?:already|earlier|first)\s+)?(?:gathered|assembled|massed|converged|rallied|marched|"
    r"protested|demonstrated|taken\s+to\s+the\s+streets)\b",
    re.IGNORECASE,
)


def _crowd_had_gathered(doc: Document, prev: Event, ev: Event) -> bool:
    """ "Police opened fire on royalist protesters who had torched buildings in Kathmandu on Friday. /
    Thousands of protesters ... had gathered in the Tinkune area." A demonstration told in the past
    perfect, with no day of its own, right after a demonstration or riot, is how that one began: no
    second event."""
    s, e = ev.sentence_span
    return (
        prev.event_type in ("Protests", "Riots")
        and ev.event_type in ("Protests", "Riots")
        and _HAD_GATHERED.search(doc.text, s, e) is not None
        and not dates.find_dates(doc.text[s:e], doc.date)
        and _adjacent(doc, prev.sentence_span, ev.sentence_span)
    )


def _dead_of_the_riot(doc: Document, prev: Event, ev: Event) -> bool:
    """ "..., where students clashed with Bengali residents. One man was killed and scores were injured,
    police said." A sentence that only counts dead (cue ``bare_dead``, killed by no one named, with no
    place or date of its own), right after a riot that counted none, counts the riot's dead: no attack."""
    s, e = ev.sentence_span
    if prev.event_type != "Riots" or prev.fatalities or not ev.fatalities or ev.actor1 not in _UNKNOWN_AGENTS:
        return False
    bare = _cue_patterns()["bare_dead"].match(doc.text, s, e)
    return (
        bare is not None
        and not _names_place(doc, s, e)
        and not dates.find_dates(doc.text[s:e], doc.date)
        and _adjacent(doc, prev.sentence_span, ev.sentence_span)
    )


def _dead_of_both_sides(doc: Document, prev: Event, ev: Event) -> bool:
    """Whether a battle's count and the next sentence's count name the dead of its two different sides
    ("killing three soldiers" ... "two rebels were killed"): ACLED adds them up."""
    if prev.event_type != "Battles" or ev.event_type != "Battles":
        return False
    first = _dead_side(doc.text, *prev.sentence_span)
    second = _dead_side(doc.text, *ev.sentence_span)
    return bool(first) and bool(second) and first != second


def _one_sides_account(doc: Document, prev: Event, ev: Event) -> bool:
    """ "Somalia's army said it killed 47 militants in the fighting." / "Al-Shabaab claimed it had killed
    30 soldiers." Right after a battle, a side's account of it (the fight named again, or a claim), between
    the same sides, is that battle, whatever count each side gives."""
    s, e = ev.sentence_span
    told_again = _THE_FIGHT.search(doc.text, s, e) is not None or ev.certainty == "claimed"
    return (
        # (a suicide car bomb that opened an assault on a base is that fight too)
        (prev.event_type == "Battles" or prev.sub_event_type == "Suicide bomb")
        and ev.event_type == "Battles"
        and told_again
        and all(_same_side(a, prev) for a in ((ev.actor1, ev.inter1), (ev.actor2, ev.inter2)))
    )


#: "said in a statement that it had destroyed": the speaker's own act, the verb that opens it
_SAID_IT_VERB = re.compile(
    r"\b(?:said|says|claimed|stated)\s+(?:in\s+a\s+statement\s+)?(?:that\s+)?(?:it|they)\s+"
    r"(?:(?:had|has|have)\s+)?[a-z]+\b",
    re.IGNORECASE,
)
#: "... it had destroyed two army tanks and killed": the speaker's second verb, joined by "and"
_AND_ITS_NEXT_VERB = re.compile(r"[^.;:]*?\s+and\s+(?:then\s+)?(?:\w+ly\s+)?", re.IGNORECASE)


def _says_it_did(text: str, s: int, t0: int) -> bool:
    """Whether the trigger at ``t0`` is what its speaker says it did itself: "said it had killed", or the
    second verb of "said it had destroyed two army tanks and killed"."""
    if tail_search(_SAID_IT_HAD, text[max(s, t0 - 60) : t0]):
        return True
    m = _SAID_IT_VERB.search(text, max(s, t0 - 120), t0)
    return m is not None and _AND_ITS_NEXT_VERB.fullmatch(text, m.end(), t0) is not None


#: a trigger that finds the dead ("found the bodies of"): its subject is the finder. The bodies are part of
#: it: troops that "recovered control" of a town or police that "recovered three rifles" did what they found
_FOUND_BODIES = re.compile(
    r"(?:found|discovered|recovered|retrieved|unearthed)\s+(?:the\s+)?(?:bod(?:y|ies)|corpses?|remains)\b",
    re.IGNORECASE,
)
_SAID_IT_HAD = re.compile(
    r"\b(?:said|says|stated|claimed)\s+"
    # "said in a statement on its website that": where it said it
    r"(?:(?:in\s+a\s+(?:statement|video|post|message)|on\s+(?:[A-Z]\w+|(?:its|their)\s+(?:[\w-]+\s+)?"
    r"(?:website|channel|account|station|radio)))\s+){0,2}(?:that\s+)?"
    # "Al-Shabaab said its fighters had killed 17 soldiers": its own men's deed is its own
    r"(?:(?:it|they|(?:its|their|the\s+group['’]s)\s+"
    r"(?:fighters|forces|troops|men|militants|soldiers|units|jets|aircraft|warplanes|drones))\s+"
    r"(?:(?:had|has|have)\s+)?(?:\w+ly\s+)?[\"“]?"
    # "The junta said its air force had struck": the trigger names its own men
    r"|(?:its|their)\s+)$",
    re.IGNORECASE,
)


def _unclaimed_now_claimed(doc: Document, prev: Event, ev: Event) -> bool:
    """ "A car bomb exploded near a restaurant, killing 10. Al Shabaab said in a statement that its fighters
    had targeted a gathering of officials." A named group telling, right after an attack by no one named,
    that its own men did what the attack did, claims that attack (ACLED: the claimant is actor 1)."""
    s = ev.sentence_span[0]
    return (
        prev.actor1 in _UNKNOWN_AGENTS
        and ev.actor1 not in _UNKNOWN_AGENTS
        and not is_generic(ev.actor1)
        and {prev.event_type, ev.event_type} <= _ARMED_TYPES
        and ev.fatalities in (0, prev.fatalities)
        # "Bombs fell on a camp for displaced people ... The army said its warplanes had struck rebel
        # positions": what it says it hit is armed, what was hit was not: another strike
        and not (prev.inter2 == "Civilians" and ev.inter2 not in ("", "Civilians"))
        and tail_search(
            _SAID_IT_HAD, doc.text[(ev.trigger[0] - 60 if ev.trigger[0] > s + 60 else s) : ev.trigger[0]]
        )
        and not _names_place(doc, *ev.sentence_span)
    )


def _other_sides_account(doc: Document, prev: Event, ev: Event) -> bool:
    """ "Taliban fighters clashed with resistance forces in the valley. The National Resistance Front said
    it killed 12 Taliban fighters." A named group's account of what it did to the side of a battle told
    right before, whose other side was left unnamed, is that battle: the group is its other side."""
    s = ev.sentence_span[0]
    return (
        prev.event_type == ev.event_type == "Battles"
        and not prev.actor2
        and ev.actor1 not in _UNKNOWN_AGENTS
        and not is_generic(ev.actor1)
        and ev.actor1 != prev.actor1
        and bool(ev.actor2)
        and _same_actor(ev.actor2, ev.inter2, prev.actor1, prev.inter1)
        and tail_search(
            _SAID_IT_HAD, doc.text[(ev.trigger[0] - 60 if ev.trigger[0] > s + 60 else s) : ev.trigger[0]]
        )
    )


#: "denied that anyone had been killed": a side's denial of what was told before
_DENIED = re.compile(r"\b(?:denied|denies|rejected|dismissed)\b", re.IGNORECASE)


def _denied_and_countered(doc: Document, prev: Event, ev: Event) -> bool:
    """ "Taliban forces opened fire on villagers protesting ..., killing two. A Taliban spokesman denied
    that anyone had been killed and said the farmers had attacked the eradication team with stones." A
    side of the event told before, denying it and telling its own version, with no dead, day or other
    place of its own, tells that event again: denied, not another one."""
    s, e = ev.sentence_span
    sides = {a for a in (prev.actor1, prev.actor2) if a and a not in _UNKNOWN_AGENTS}
    return (
        bool(sides & {ev.actor1, ev.actor2})
        and not ev.fatalities
        and _DENIED.search(doc.text, s, ev.trigger[0]) is not None
        and not dates.find_dates(doc.text[s:e], doc.date)
        and (not _names_place(doc, s, e) or _places_agree(doc, prev.sentence_span, ev.sentence_span))
    )


def _weapon_told(doc: Document, prev: Event, ev: Event) -> bool:
    """ "Houthi rebels attacked a cargo ship in the Red Sea. The ship was hit by three projectiles." The
    weapon of an attack told right after (by no one else) says what kind of attack it was."""
    return (
        prev.sub_event_type == "Attack"  # a battle's shells are the battle's (ACLED: an armed clash)
        and ev.sub_event_type in ("Shelling/artillery/missile attack", "Air/drone strike")
        and (ev.actor1 in _UNKNOWN_AGENTS or ev.actor1 == prev.actor1)
        and _WEAPON_NOUN.fullmatch(doc.text, *ev.trigger) is not None
        and ev.fatalities in (0, prev.fatalities)
    )


def _same_sides_again(prev: Event, ev: Event) -> bool:
    """ "Communist rebels ambushed an army patrol, killing three soldiers. The New People's Army guerrillas
    detonated a landmine before opening fire on the soldiers in a village in Catarman town." The same named
    group against the same side, told right after with no count of its own, is the event told again in
    detail (whatever its words' sub-type)."""
    named = bool(prev.actor1) and prev.actor1 not in _UNKNOWN_AGENTS
    return (
        named
        and _same_actor(ev.actor1, ev.inter1, prev.actor1, prev.inter1)
        and (not is_generic(prev.actor1) or prev.inter1 in _state_inters())
        and bool(prev.actor2)
        and (
            ev.actor2 == prev.actor2
            or (ev.inter2 == prev.inter2 and is_generic(ev.actor2))
            or _fight_revealed(prev, ev)
        )
        and {prev.event_type, ev.event_type} <= _ARMED_TYPES
        and ev.fatalities in (0, prev.fatalities)
    )


def _fight_revealed(prev: Event, ev: Event) -> bool:
    """ "Police killed at least 10 people during a raid in a favela. Officers exchanged fire with gang
    members for hours." The people killed were in a fight the next sentence names."""
    return prev.actor2 == "Civilians" and ev.event_type == "Battles" and ev.inter2 in _NON_STATE_ARMED


def _not_another_actor(prev: Event, ev: Event) -> bool:
    """Whether ``ev``'s first actor may be ``prev``'s: the same, one of them unknown or unnamed."""
    a, b = ev.actor1, prev.actor1
    unknown = a in _UNKNOWN_AGENTS or b in _UNKNOWN_AGENTS or is_generic(a) or is_generic(b)
    # "Al Qaeda-linked militants attacked ... JNIM, al Qaeda's affiliate in the Sahel, said it had killed"
    kin = affiliate_of(a, b) or affiliate_of(b, a)
    return unknown or kin or _same_actor(a, ev.inter1, b, prev.inter1)


def _same_actor(a: str, a_inter: str, b: str, b_inter: str) -> bool:
    """Whether two actor names name one actor: equal, or of one type with one of them generic ("Military
    Forces" and "Military Forces of Mali")."""
    return a == b or (a_inter == b_inter and (is_generic(a) or is_generic(b)))


def _own_account(doc: Document, prev: Event, ev: Event) -> bool:
    """ "Israeli air strikes killed 19 across the Gaza Strip. The Israeli military said it had struck
    Hamas militants operating from a command centre in the area." The actor's own account of what it did,
    told right after, is that event (its words may type it otherwise, and its count of whom it says it
    "neutralised" is its side of the story: the event keeps the count told first)."""
    s = ev.sentence_span[0]
    # (or the group that names itself after a report that left the attackers unnamed: "militants stormed
    # a base ... Al Shabaab said it had killed 30 soldiers")
    named_now = (
        prev.actor1 == "Unidentified Armed Group"
        and ev.inter1 in _NON_STATE_ARMED
        and ev.actor1 not in _UNKNOWN_AGENTS
    )
    same = _same_actor(ev.actor1, ev.inter1, prev.actor1, prev.inter1) and prev.actor1 not in _UNKNOWN_AGENTS
    # "soldiers clashed with CSP-DPA rebels ... The rebels said they had killed 12 soldiers": the other side
    # of a battle tells what it did to the first (each side's account of one fight)
    other_side = (
        prev.event_type == ev.event_type == "Battles"
        and bool(prev.actor2)
        and prev.actor2 not in _UNKNOWN_AGENTS
        and _same_actor(ev.actor1, ev.inter1, prev.actor2, prev.inter2)
        and _same_actor(ev.actor2, ev.inter2, prev.actor1, prev.inter1)
    )
    return (
        bool(prev.actor1)
        and (same or named_now or other_side)
        and {prev.event_type, ev.event_type} <= _ARMED_TYPES
        and _says_it_did(doc.text, s, ev.trigger[0])
        # "in the area" refers back; "in a shootout near Bamenda" is another event
        and not _names_place(doc, *ev.sentence_span)
    )


_FOUGHT_BACK = re.compile(
    r"\b(?:returned fire|repell?ed|repulsed|fought (?:back|off)|beat back|pushed back|foiled|thwarted"
    # "Congolese troops pushed them back", "drove the attackers out"
    r"|(?:pushed|drove|beat|forced) (?:them|the (?:[\w-]+ )?(?:attackers|assailants|raiders|gunmen|militants"
    r"|rebels|fighters|insurgents|jihadists)) (?:back|out)"
    r"|(?:in|during) (?:a |the )?counter-?(?:offensive|attack))\b"
    r"(?:\s+(?:the|an?|their|this)\s+(?:[\w-]+\s+)?(?:attack|assault|raid|offensive|attackers|assailants))?",
    re.IGNORECASE,
)


def _fought_back(doc: Document, prev: Event, ev: Event) -> bool:
    """ "Militants attacked a checkpoint, killing seven soldiers. Troops returned fire and killed six of the
    attackers." The defenders' reply, told right after the attack on them, is part of that battle: its
    dead (the attackers') add to the attack's."""
    s = ev.sentence_span[0]
    return (
        prev.event_type == ev.event_type == "Battles"
        # (or the side attacked, whoever it is: "The SDF said it had repelled the attack")
        and (ev.inter1 in _state_inters() or (bool(prev.actor2) and ev.actor1 == prev.actor2))
        and _FOUGHT_BACK.search(doc.text, s, min(ev.sentence_span[1], ev.trigger[1] + 80)) is not None
        and ev.actor1 not in (prev.actor1, "")
    )


_ATTACKERS = (
    # "killed dozens of attackers", "five of the assailants"
    r"(?:all\s+)?(?:the\s+)?(?:[\w-]+\s+)?(?:of\s+(?:the\s+)?)?[\"“‘']?(?:attackers|assailants|raiders|gunmen|bombers"
    # (the army's word for them: '43 "terrorists" were killed in the army's response')
    r"|terrorists|militants|jihadists|insurgents)[\"”’']?"
)
_ATTACKERS_KILLED = guarded_pattern(
    re.compile(
        rf"\b{_ATTACKERS}\s+(?:were|was|had been|have been)\s+(?:also\s+)?"
        rf"[\"“]?(?:killed|shot dead|neutrali[sz]ed)\b"
        rf"|\b(?:killing|killed|shot dead|neutrali[sz]ed|neutrali[sz]ing)\s+{_ATTACKERS}\b"
        # "troops had pursued the attackers into the hills and killed three of them"
        rf"|\b{_ATTACKERS}\s+(?:[^.;]{{0,40}}?\s)?and\s+(?:killed|shot dead|neutrali[sz]ed)\s+"
        rf"(?:[\w-]+\s+){{1,2}}of\s+them\b",
        re.IGNORECASE,
    )
)


#: a quick "no" for a sentence that names no attackers, which every match of ``_ATTACKERS_KILLED``
#: does (``required_gate``; the search tries its optional words at every word otherwise)
_NAMES_ATTACKERS = required_gate(_ATTACKERS_KILLED)


_PURSUED = re.compile(r"\b(?:pursued|pursuing|chased|chasing|hunted\s+down|tracked\s+down)\b", re.IGNORECASE)


_SEPARATE = re.compile(r"\b(?:separate(?:ly)?|elsewhere|another)\b", re.IGNORECASE)


def _attackers_killed(doc: Document, prev: Event, ev: Event) -> bool:
    """ "Militants stormed a checkpoint, killing four policemen. Two attackers were also killed when
    reinforcements arrived." / "Security forces ended the siege on Saturday, killing all five
    attackers." The attackers' own deaths, told right after an attack by a group (or unknown men), within
    a day of it, are part of that attack: their dead add to its dead (ACLED counts them all); uncounted
    ("Security forces killed the attackers") they add none."""
    s, e = ev.sentence_span
    return (
        _violent(prev)
        and prev.inter1 not in _state_inters()
        and (_NAMES_ATTACKERS is None or _NAMES_ATTACKERS(doc.text[s:e]))
        and _ATTACKERS_KILLED.search(doc.text, s, e) is not None
        # "soldiers chased the attackers into the forest and killed two of them", after an attack on
        # civilians: the troops' own fight with them, another event (ACLED: an armed clash)
        and not (prev.event_type == "Violence against civilians" and _PURSUED.search(doc.text, s, e))
        and not _SEPARATE.search(doc.text, s, e)  # "in a separate operation, troops killed 20 militants"
        # "Hours later, a drone strike killed two militants": a strike of its own, not the fight's end
        and not (ev.event_type == "Explosions/Remote violence" and ev.sub_event_type != prev.sub_event_type)
        and (prev.date is None or ev.date is None or _within_a_day(doc, prev, ev))
        # its place is the attack's, or places an attack told with none ("..., where the attack took place")
        and (
            not _names_place(doc, s, e)
            or not _sentence_places(doc, prev.sentence_span)
            or _places_agree(doc, prev.sentence_span, ev.sentence_span)
        )
    )


def _attackers_again(doc: Document, prev: Event, ev: Event) -> bool:
    """ "Bandits abducted 50 people in a raid on a village, residents said on Thursday. The gunmen
    stormed Gidan Boka village late on Tuesday and shot dead two men who tried to resist." "The gunmen"
    opening the sentence right after an attack by unnamed men (or the same group) are its attackers: the
    raid told again in detail, its dead the raid's."""
    s, _ = ev.sentence_span
    return (
        prev.event_type in _ARMED_TYPES
        and ev.event_type in _ARMED_TYPES
        and prev.inter1 not in _state_inters()
        and (ev.actor1 in _UNKNOWN_AGENTS or ev.actor1 == prev.actor1)
        and _THE_ATTACKERS.match(doc.text, s) is not None
    )


_ALSO = re.compile(r"\balso\b", re.IGNORECASE)
#: "had also been abducted", "were also wounded": more of what one attack did, its doer untold
_ALSO_SUFFERED = re.compile(
    r"\b(?:were|was|had|have|has)\s+also\s+(?:been\s+)?(?:abducted|kidnapped|seized|taken|carried\s+off)\b",
    re.IGNORECASE,
)


#: "One resident who tried to stop them was shot dead": a victim of the men told before ("them")
_RESISTED_THEM = re.compile(
    r"\bwho\s+(?:had\s+)?(?:(?:tried|attempted|sought)\s+to\s+(?:stop|resist|block|fight\s+off|prevent|"
    r"confront|intervene)|resisted|confronted|intervened)\b",
    re.IGNORECASE,
)


def _resisted_them(doc: Document, prev: Event, ev: Event) -> bool:
    """ "Gunmen abducted 20 villagers on Sunday. One resident who tried to stop them was shot dead." A
    killing of someone who tried to stop the attackers, told after their abduction or attack by no one else
    and with no date or place of its own, is that event's dead."""
    s, e = ev.sentence_span
    return (
        prev.event_type == "Violence against civilians"
        and prev.inter1 not in _state_inters()
        and ev.sub_event_type == "Attack"
        and ev.fatalities > 0
        and (not ev.actor1 or is_generic(ev.actor1) or ev.actor1 == prev.actor1)
        and _RESISTED_THEM.search(doc.text, s, ev.trigger[0]) is not None
        and not dates.find_dates(doc.text[s:e], doc.date)
        and (not _names_place(doc, s, e) or _places_agree(doc, prev.sentence_span, ev.sentence_span))
    )


def _attackers_also(doc: Document, prev: Event, ev: Event) -> bool:
    """ "Gunmen abducted 40 worshippers from a church. The attackers, who arrived on motorcycles, also
    killed two people who tried to flee." What the attackers also did, told right after their attack with
    no date or place of its own, is part of it."""
    s, e = ev.sentence_span
    return (
        _violent(prev)
        and _violent(ev)
        and ev.sub_event_type != "Looting/property destruction"  # their loot: ``fold_retellings`` itself
        and (
            (
                _THE_ATTACKERS.match(doc.text, s, e) is not None
                and _ALSO.search(doc.text, s, ev.trigger[0]) is not None
            )
            # "He said 14 women and children had also been abducted": no one else named, the same raid's
            or (
                ev.actor1 in _UNKNOWN_AGENTS
                and _ALSO_SUFFERED.search(doc.text, s, ev.trigger[1] + 1) is not None
            )
        )
        and not dates.find_dates(doc.text[s:e], doc.date)
        and (not _names_place(doc, s, e) or _places_agree(doc, prev.sentence_span, ev.sentence_span))
    )


_ACROSS = guarded_pattern(
    re.compile(
        # (not "across the Dnipro river from Russian-held territory": where a town lies, no toll's reach)
        r"\b(?:across(?!\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?(?:river|border|frontier|street|road|bridge|lake|strait"
        r"|channel|line|front)\b)|throughout|nationwide|around the country"
        r"|in (?:several|many|multiple|various|two|three|four|five|six|seven|eight|nine|ten|\d+)"
        r" (?:cities|towns))\b",
        re.IGNORECASE,
    )
)


def _turned_violent(doc: Document, prev: Event, ev: Event) -> bool:
    """ "Police shot dead five protesters as thousands stormed parliament. Protesters set part of the
    building on fire before police fired live bullets." A demonstration told right after as the crowd's
    violence, with no date or place of its own that differs, is one violent demonstration."""
    s, e = ev.sentence_span
    return (
        prev.event_type == "Protests"
        and ev.sub_event_type == "Violent demonstration"
        and ev.actor1 == "Rioters"
        and not _ANOTHER.search(doc.text, s, min(e, ev.trigger[1] + 40))
        and _date_fits(doc, prev, ev)
        and (not _names_place(doc, s, e) or _places_agree(doc, prev.sentence_span, ev.sentence_span))
    )


_BLAST = re.compile(r"explosions?|blasts?", re.IGNORECASE)


def _blast_of_the_strike(doc: Document, prev: Event, ev: Event) -> bool:
    """ "The Houthis said they had targeted a cargo ship with missiles. A maritime agency said a vessel
    reported an explosion close to its port side." An explosion no one is said to have set off, told right
    after a strike, shelling or bombing, is that strike's, not a bomb of its own."""
    return (
        prev.event_type == _REMOTE_VIOLENCE
        and ev.sub_event_type == "Remote explosive/landmine/IED"
        and (ev.actor1 in _UNKNOWN_AGENTS or not ev.inter1)
        and _BLAST.fullmatch(doc.text, *ev.trigger) is not None
    )


_HANDED_OVER = "Non-violent transfer of territory"
#: the capture told again as the capturers' entry: "The rebels entered the town on Tuesday evening"
_ENTERED = re.compile(
    r"(?:entered|enter|entering|moved\s+into|marched\s+into|rolled\s+into)\b", re.IGNORECASE
)


def _how_it_was_taken(doc: Document, prev: Event, ev: Event) -> bool:
    """ "M23 rebels have captured the mining town of Rubaya. The rebels entered the town on Tuesday
    evening after government forces withdrew." Right after a take of territory, the takers' entry and the
    other side's withdrawal tell how it was taken, not two events of their own (ACLED: one event, the
    side that withdrew its actor 2)."""
    if prev.sub_event_type not in _TERRITORY:
        return False
    s, e = ev.sentence_span
    if _NEW_THREAD.match(doc.text, s, e) or _IN_ANOTHER_PLACE.match(doc.text, s, e):
        return False  # "In the north, government forces withdrew from Kidal": news of its own
    if _names_place(doc, s, e) and not _places_agree(doc, prev.sentence_span, ev.sentence_span):
        return False
    if ev.sub_event_type == "Change to group/activity":
        return _ENTERED.match(doc.text, ev.trigger[0], ev.trigger[1]) is not None and _not_another_actor(
            prev, ev
        )
    if ev.sub_event_type != _HANDED_OVER:
        return False
    # "after government forces withdrew": the side that lost it, or (told as the takers' entry) the takers
    side = (ev.actor1, ev.inter1) if ev.actor1 != prev.actor1 else (ev.actor2, ev.inter2)
    return not prev.actor2 or not side[0] or _same_actor(side[0], side[1], prev.actor2, prev.inter2)


#: "Fighting continued on Wednesday", "clashes resumed", "the fighting raged on": the same fight goes on
_GOES_ON = re.compile(
    r"\s+(?:(?:has|had|have)\s+)?(?:continued|resumed|raged\s+on|persisted|went\s+on)\b", re.IGNORECASE
)


def fighting_continued(doc: Document, events: list[Event]) -> list[Event]:
    """ "M23 rebels captured Rubaya after clashes with the army. Fighting continued on Wednesday near
    Kibabi." A battle that "continued" with no side named is fought by the sides of the last battle (or
    take of territory) told before, with both sides known."""
    out: list[Event] = []
    sides: Event | None = None
    for ev in events:
        if (
            sides is not None
            and ev.event_type == "Battles"
            and ev.actor1 in _UNKNOWN_AGENTS
            and not ev.actor2
            and _GOES_ON.match(doc.text, ev.trigger[1])
        ):
            ev = replace(
                ev, actor1=sides.actor1, inter1=sides.inter1, actor2=sides.actor2, inter2=sides.inter2
            )
        if (ev.event_type == "Battles" or ev.sub_event_type in _TERRITORY) and ev.actor1 and ev.actor2:
            sides = ev
        out.append(ev)
    return out


def _date_fits(doc: Document, prev: Event, ev: Event) -> bool:
    """Whether ``ev`` is told with no date of its own, or with a finer one inside ``prev``'s span ("last
    week" ... "on Friday"), or (how a place was taken) with ``prev``'s day."""
    s, e = ev.sentence_span
    return (
        # ("..., the minister said on Friday" has no day of its own)
        not dates.own_dates(doc.text[s:e], doc.date)
        # "M23 captured Rubaya. The rebels entered the town on Tuesday after the army withdrew": one day
        or (
            ev.time_precision == prev.time_precision == 1
            and ev.date == prev.date
            and _how_it_was_taken(doc, prev, ev)
        )
        or _finer_date(prev, ev)
        or _told_before_report(doc, prev, ev)
        or _weekday_within(doc, prev, ev) is not None
        or _began_before(doc, prev, ev)
    )


#: "... in a shootout after the men fired on a patrol": the words before an act that started a fight
_BEGAN_WHEN = re.compile(r"\b(?:after|when)\s+(?:[\w'’-]+\s+){1,3}?$", re.IGNORECASE)


def _how_the_fight_began(text: str, fight: Event, event: Event) -> bool:
    """Whether ``event``, told after a battle in its own sentence, is the act that started it ("police shot
    dead two gang members in a shootout after the men fired on a patrol"): one fight, not an attack
    besides (it adds no dead of its own)."""
    return (
        fight.event_type == "Battles"
        # (a town taken is more than how a fight began: "fighting spread after the militia took the town")
        and event.sub_event_type in ("Armed clash", "Attack")
        and event.fatalities in (0, fight.fatalities)
        and fight.trigger[1] <= event.trigger[0]
        and _RECIPROCAL.search(text, fight.trigger[0], event.trigger[0]) is not None
        and _BEGAN_WHEN.search(text, max(fight.trigger[1], event.trigger[0] - 40), event.trigger[0])
        is not None
    )


#: "The clashes, which erupted on Saturday night, ...": when the event told began
_WHICH_BEGAN = re.compile(
    r"\b(?:which|that)\s+(?:had\s+)?(?:erupted|began|broke\s+out|started|flared(?:\s+up)?)\b", re.IGNORECASE
)


def _began_before(doc: Document, prev: Event, ev: Event) -> bool:
    """ "Fighting ... killed at least nine people on Sunday. The clashes, which erupted on Saturday night,
    forced families to flee": the day it began, up to two days before ``prev``'s, told in a relative clause
    of the event's own noun, is the same event's."""
    if prev.date is None or ev.date is None or not (0 <= (prev.date - ev.date).days <= 2):
        return False
    e = ev.sentence_span[1]
    return _WHICH_BEGAN.search(doc.text, ev.trigger[1], min(e, ev.trigger[1] + 20)) is not None


#: "killed 12 people, residents said on Monday": the day before it is when the source spoke
_REPORTED_ON = dates.REPORTED_ON


def _told_before_report(doc: Document, prev: Event, ev: Event) -> bool:
    """ "An airstrike killed 12 people, residents said on Monday. The jets bombed the village on Sunday
    afternoon." ``prev``'s day is only when its source spoke; ``ev`` tells the day, up to six days
    before it (a weekday names no earlier one), of what happened."""
    if prev.date is None or ev.date is None or ev.time_precision != 1 or prev.time_precision != 1:
        return False
    if not 0 < (prev.date - ev.date).days <= 6:
        return False
    s, e = prev.sentence_span
    return any(
        g.date == prev.date
        and g.span is not None
        and (
            _REPORTED_ON.search(doc.text, max(s, s + g.span[0] - 40), s + g.span[0]) is not None
            # "in an overnight raid, police said on Friday. The gunmen stormed the village late on
            # Wednesday": "overnight" counts from the report; the detail names the night
            or g.cue.lower() in _NIGHT_CUES
        )
        for g in dates.find_dates(doc.text[s:e], doc.date)
    )


_NIGHT_CUES = frozenset({"overnight", "last night"})


_WEEKDAY_CUE = re.compile(
    r"(?:\w+\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)", re.IGNORECASE
)


def _weekday_within(doc: Document, prev: Event, ev: Event) -> dt.date | None:
    """ "Soldiers killed 25 civilians in a village last week. The troops arrived on Thursday morning": the
    Thursday of ``prev``'s week, not the last one before publication; None when ``ev`` is not dated by a
    bare weekday or ``prev`` spans no such day."""
    if prev.time_precision != 2 or prev.date is None or prev.date_end is None or ev.time_precision != 1:
        return None
    s, e = ev.sentence_span
    for g in dates.find_dates(doc.text[s:e], doc.date):
        if g.date == ev.date and g.date is not None and _WEEKDAY_CUE.fullmatch(g.cue):
            day = prev.date + dt.timedelta(days=(g.date.weekday() - prev.date.weekday()) % 7)
            return day if day <= prev.date_end and day != g.date else None
    return None


def _finer_date(prev: Event, ev: Event) -> bool:
    """Whether ``ev``'s date is finer than ``prev``'s and lies inside it."""
    if prev.date is None or ev.date is None or ev.time_precision >= prev.time_precision:
        return False
    return prev.date <= ev.date <= (prev.date_end or prev.date)


def _with_finer_date(prev: Event, ev: Event) -> Event:
    """``prev`` dated as ``ev`` when ``ev`` tells its day within ``prev``'s week or month."""
    if not _finer_date(prev, ev):
        return prev
    return replace(prev, date=ev.date, date_end=ev.date_end, time_precision=ev.time_precision)


def _within_a_day(doc: Document, prev: Event, ev: Event) -> bool:
    """Whether ``ev`` is told with no date of its own, or with one at most a day from ``prev``'s."""
    s, e = ev.sentence_span
    if not dates.find_dates(doc.text[s:e], doc.date):
        return True
    return prev.date is None or ev.date is None or abs((ev.date - prev.date).days) <= 1


def _named_again(doc: Document, prev: Event, ev: Event) -> bool:
    """ "A suicide bomber blew himself up at a cafe, killing nine. The blast hit the cafe near the
    junction." An event noun of the same ACLED event type with a definite article, in the sentence right
    after, is the event told before ("the blast", "the bombing"), whatever sub-type its own word says."""
    s, _ = ev.sentence_span
    t0 = ev.trigger[0]
    return (
        (
            ev.event_type == prev.event_type
            or {ev.event_type, prev.event_type} <= _ARMED_TYPES
            # "A mob beat a man to death ... The attack happened Saturday night in Jaranwala": the lynching
            or (prev.sub_event_type == "Mob violence" and ev.event_type == "Violence against civilians")
        )
        # "40 fighters were killed in the bombing": the toll of a bombing told with none
        and (ev.fatalities in (0, prev.fatalities) or not prev.fatalities)
        # "the blast", or "The blast, which was followed by gunfire, struck near the beach"
        and (
            _THE_BEFORE.search(doc.text, max(s, t0 - 30), t0) is not None
            or _THE_EVENT_SUBJECT.match(doc.text, s) is not None
        )
        and (is_generic(prev.actor1) or _same_side((ev.actor1, ev.inter1), prev))
    )


def _same_side(actor: tuple[str, str], prev: Event) -> bool:
    """Whether ``actor`` (name, type) may be one of ``prev``'s sides: none, the same, an unnamed force of
    the same type ("the army" and "Military Forces of Somalia"), or unknown gunmen for a named group."""
    name, inter = actor
    if not name:
        return True
    for other, other_inter in ((prev.actor1, prev.inter1), (prev.actor2, prev.inter2)):
        if name == other or (inter == other_inter and (is_generic(name) or is_generic(other))):
            return True
        if name in _UNKNOWN_AGENTS and other_inter in _NON_STATE_ARMED:
            return True
    return False


_PLACED_AGAIN = re.compile(
    r"\s+(?:(?:happened|took place|occurred|was carried out|unfolded|targeted|hit|struck)\s+"
    r"(?:[\w,]+\s+){0,3}?"
    # "The attack on the base in the municipality of Tame"
    r"|on\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?(?:[\w-]+,\s+)?)(?:in|at|near|outside)\b",
    re.IGNORECASE,
)
#: "the blast", "this attack", "that bombing"; not the "that" of a clause ("said that its air force had")
_THE_BEFORE = re.compile(
    r"(?<!\w)(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?!(?:its|their|his|her|our|the|a|an|it|they|he|she|we)\s)"
    r"(?:[\w-]+\s+)?$"
)
#: a sentence whose subject is the event told before ("The blast, which was followed by gunfire, struck")
_THE_EVENT_SUBJECT = re.compile(
    r"\W*(?:The|This|That)\s+(?:[\w-]+\s+)?(?:blast|explosion|attack|bombing|strike|raid|ambush|assault|shelling)"
    r"s?\b(?!\s+(?:on|in|at|near|of)\b)"
)


def fold_place_details(doc: Document, events: list[Event], spans: list[tuple[int, int]]) -> list[Event]:
    """ "Gunmen opened fire on a family party in Guanajuato state, killing eight. The attack happened in
    the municipality of Salvatierra." The second sentence places the first event more finely: the event
    is told from it (its place), keeping what the first told (type, actors, toll, date)."""

    def placed_again(prev: Event, ev: Event) -> bool:
        s, e = ev.sentence_span
        t0, t1 = ev.trigger
        later = _CAME_AFTER.search(doc.text, t1, e)  # "... came hours after talks resumed in Caracas"
        e = later.start() if later is not None else e
        return (
            (
                ev.event_type == prev.event_type
                # "the attack happened in X" after a battle; but "one of the strikes hit a farm" is a strike's
                or ({ev.event_type, prev.event_type} <= _ARMED_TYPES and ev.event_type != _REMOTE_VIOLENCE)
            )
            and _THE_BEFORE.search(doc.text, max(s, t0 - 30), t0) is not None
            and _PLACED_AGAIN.match(doc.text, t1, e) is not None
            and _names_place(doc, s, e)
            # the first told no place ("attacked a base in the country's east"), or one this lies in
            and (
                not _sentence_places(doc, prev.sentence_span)
                or _places_agree(doc, prev.sentence_span, (s, e))
            )
        )

    def merge(prev: Event, ev: Event) -> Event:
        # both sentences: the place is in the second (up to "came hours after ...", another event's story)
        later = _CAME_AFTER.search(doc.text, ev.trigger[1], ev.sentence_span[1])
        span = (prev.sentence_span[0], later.start() if later is not None else ev.sentence_span[1])
        if not prev.fatalities or _vaguely_counted(doc, prev, ev):
            prev = replace(prev, fatalities=ev.fatalities or prev.fatalities)  # a toll folded into the detail
        if _told_before_report(doc, prev, ev):  # "..., residents said on Tuesday. The strike hit X on Monday"
            prev = replace(prev, date=ev.date, date_end=ev.date_end, time_precision=ev.time_precision)
        prev = replace(_with_finer_date(prev, ev), sentence=doc.text[span[0] : span[1]], sentence_span=span)
        if prev.actor1 in _UNKNOWN_AGENTS and ev.attribution:  # a claim told after, of the attack placed
            prev = replace(prev, actor1=ev.actor1, inter1=ev.inter1, attribution=ev.attribution)
        return prev

    return _fold_into_previous(events, spans, placed_again, merge)


def _fold_into_previous(
    events: list[Event],
    spans: list[tuple[int, int]],
    belongs: Callable[[Event, Event], bool],
    merge: Callable[[Event, Event], Event],
    past_one: Callable[[Event, Event], bool] | None = None,
) -> list[Event]:
    """Each event told in the sentence right after the (kept) one before it, or after a sentence already
    folded into that one, and that ``belongs`` to it, is folded into it by ``merge``; the others are
    kept, in order. ``past_one``: whether an event told two sentences after it (one sentence of no
    event between) belongs to it."""
    starts = [s for s, _ in spans]
    out: list[Event] = []
    # start of the last sentence told of each kept event (its own, or one folded into it): a chain
    lasts: list[int] = []
    for ev in events:
        i = bisect.bisect_left(starts, ev.sentence_span[0])
        into = _fold_target(out, lasts, starts, i, ev, belongs, past_one)
        if into is not None:
            out[into] = merge(out[into], ev)
        else:
            out.append(ev)
            lasts.append(-1)
            into = len(out) - 1
        # the last sentence it tells (an event folded before may span two: "The attack occurred in X")
        at = bisect.bisect_right(starts, ev.sentence_span[1] - 1) - 1
        lasts[into] = starts[at if at > 0 else 0]  # max(0, at), without the builtin's call
    return out


def _fold_target(
    out: list[Event],
    lasts: list[int],
    starts: list[int],
    i: int,
    ev: Event,
    belongs: Callable[[Event, Event], bool],
    past_one: Callable[[Event, Event], bool] | None,
) -> int | None:
    """The index in ``out`` of the event ``ev`` (told in sentence ``i``) folds into: the last one told in
    the sentence before that it belongs to ("Troops killed 40 civilians after clashes with militiamen. The
    killings took place in Merawi": the killings, not the clashes), else, with ``past_one``, the last
    event if told two sentences before."""
    if i > 0:
        # the events the sentence before told (a few back: one folded into an earlier event keeps its place),
        # and one told before that already took this sentence in ("..., where the attack took place")
        told = [
            j
            for j in range(len(out) - 1, len(out) - 9 if len(out) > 8 else -1, -1)
            if lasts[j] == starts[i - 1] or (lasts[j] == starts[i] and out[j].sentence_span[0] < starts[i])
        ]
        # one of its own ACLED event type first: "the killings" are the killings before the clashes; and of
        # its own sub-type ("the projectiles" are the rockets, not the air strike told in the same sentence)
        told.sort(
            key=lambda j: (out[j].event_type != ev.event_type, out[j].sub_event_type != ev.sub_event_type)
        )
        for j in told:
            if belongs(out[j], ev):
                return j
    one_between = past_one is not None and bool(out) and i > 1 and lasts[-1] == starts[i - 2]
    if one_between and past_one is not None and belongs(out[-1], ev) and past_one(out[-1], ev):
        return len(out) - 1
    return None


_IN_AN = re.compile(r"\b(?:in|during)\s+(?:an?|the)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)


def _restates(text: str, first: Event, second: Event) -> bool:
    """ "Gunmen killed 70 people in an attack on the town": the noun after "in an" names the event
    the verb told, not another one (same ACLED event type, in the same sentence)."""
    same_kind = second.event_type == first.event_type or {first.event_type, second.event_type} <= _ARMED_TYPES
    return same_kind and bool(
        _IN_AN.search(text, max(first.trigger[1], second.trigger[0] - 40), second.trigger[0])
    )


_CAP_WORD_BEFORE = re.compile(r"[A-Z][\w'’-]*\s+$")
_CAP_WORD_AFTER = re.compile(r"\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’-]*")


def _inside_proper_name(text: str, hit: Hit, s: int, e: int) -> bool:
    """A capitalised trigger between capitalised words inside a sentence that is not in title case is a
    word of a name ("the Balochistan Liberation Army", "Operation Desert Storm"), not an event."""
    word = text[hit.start : hit.end]
    if not word[:1].isupper() or hit.start <= s:
        return False
    words = _WORD.findall(text, s, e)
    if len(words) >= 4 and sum(w[:1].isupper() for w in words) >= 0.6 * len(words):
        return False  # a headline: "Insurgents Attack Army Base"
    before = _CAP_WORD_BEFORE.search(text, max(s, hit.start - 40), hit.start)
    after = _CAP_WORD_AFTER.match(text, hit.end, e)
    return bool(before and after)


_NON_STATE_ARMED = frozenset({"Rebel group", "Political militia", "Identity militia"})
_ARMED_TYPES = frozenset({"Battles", "Violence against civilians", "Explosions/Remote violence"})
_REMOTE_VIOLENCE = "Explosions/Remote violence"
_DESTRUCTION = frozenset({"Looting/property destruction", "Violent demonstration", "Mob violence"})


def _met_by_force(first: Event, second: Event) -> bool:
    """ "A mob tried to storm a police station and police fired tear gas": the force that met a riot in
    the same sentence is its second actor, not a protest event of its own."""
    return first.event_type == "Riots" and second.event_type == "Protests" and second.inter2 == "State forces"


def _participle_of(text: str, first: Event, second: Event) -> bool:
    """Whether ``second`` is told by a participle of ``first``'s clause chain ("attacked X, burning homes
    and killing 12"): the same sub-type by the same actor, its trigger an -ing word."""
    word = text[second.trigger[0] : second.trigger[1]].split()[0].lower()
    return (
        second.sub_event_type == first.sub_event_type
        and second.actor1 == first.actor1
        and word.endswith("ing")
        and _SET_OFF.search(text, first.trigger[1], second.trigger[0]) is None
        # "in a near simultaneous bombing": a noun, another event
        and _ING_NOUN.search(text, max(0, second.trigger[0] - 40), second.trigger[0]) is None
    )


#: an -ing word after a determiner and up to two modifiers is a noun ("a second bombing"), no participle
_ING_NOUN = re.compile(
    r"\b(?:a|an|the|another|its|their|this|that)\s+(?:(?!and\b|or\b)[\w-]+\s+){0,2}$", re.I
)


_WHEN_GAP = re.compile(r"\b(?:when|as|after|during)\b")
_WERE_KILLED = re.compile(r"\b(?:were|was|have been|had been)\s+(?:\w+ly\s+)?$")


def _fought_off(text: str, attack: Event, fight: Event) -> bool:
    """Whether ``fight`` is the force that met ``attack`` in its sentence ("raided a village, but residents
    fought them off"), which made the attack a clash already."""
    return (
        attack.sub_event_type == "Armed clash"
        and fight.event_type == "Battles"
        and attack.trigger[1] <= fight.trigger[0]
        and _MET_BY_FORCE.match(text, fight.trigger[0]) is not None
        and _MET_BY_FORCE.search(text, attack.trigger[1], fight.trigger[0]) is None
    )


def _raid_turned_fight(text: str, raid: Event, fight: Event) -> bool:
    """Whether a state force's raid and the fight it had in the same sentence are one clash ("raided the
    camp, where they exchanged fire with gunmen"; ACLED codes the clash)."""
    return (
        raid.sub_event_type == "Attack"
        and raid.inter1 in _state_inters()
        and text[raid.trigger[0] : raid.trigger[1]].lower().startswith("raid")
        and fight.sub_event_type == "Armed clash"
        and _same_actor(fight.actor1, fight.inter1, raid.actor1, raid.inter1)
    )


#: "about 20", "at least 20": a count's approximation (the figure is the count, ACLED's lowest)
_APPROX_COUNT = r"(?:(?:about|around|some|nearly|almost|at\s+least|more\s+than|over|up\s+to)\s+)?"
_ATTACKERS_DEAD_AFTER = guarded_pattern(
    re.compile(
        r"\b(?:before|after|adding that|and that|while)\s+"
        r"(?:(?P<one>he|she|the\s+(?:gunman|attacker|assailant|bomber|shooter))\s+was"
        rf"|{_APPROX_COUNT}(?P<num>\d{{1,3}}|two|three|four|five|six|seven|eight|nine|ten|twenty)\s+(?:of\s+the\s+)?{_ATTACKERS}\s+were)"
        r"\s+(?:(?:also|later)\s+)?[\"“]?(?:shot dead|killed|neutrali[sz]ed)\b"
        # "adding that troops killed four of the attackers"
        r"|\b(?:before|after|adding that|and that|while)\s+(?:the\s+)?"
        r"(?:troops|soldiers|security\s+forces|forces|police|policemen|guards)\s+(?:(?:also|later)\s+)?"
        r"(?:killed|shot dead|neutrali[sz]ed)\s+"
        rf"{_APPROX_COUNT}(?P<num2>\d{{1,3}}|two|three|four|five|six|seven|eight|nine|ten|twenty)\s+(?:of\s+)?{_ATTACKERS}\b",
        re.IGNORECASE,
    )
)


#: "... and dozens of assailants "neutralised"": the attackers' dead, joined to the victims' count
_AND_ATTACKERS_DEAD = re.compile(
    r"\b(?:and|while)\s+(?:(?:at\s+least|more\s+than|some|about)\s+)?(?:\d{1,3}|two|three|four|five|six|"
    r"seven|eight|nine|ten|dozens|scores|several|many)\s+(?:of\s+)?(?:the\s+)?(?:attackers|assailants|"
    r"raiders|gunmen|militants|jihadists|insurgents|terrorists)\s+(?:were\s+)?(?:also\s+)?[\"“]?$",
    re.IGNORECASE,
)


def _their_dead_too(text: str, attack: Event, ev: Event) -> bool:
    """Whether ``ev`` is the attackers' dead told after the victims of ``attack`` in its sentence."""
    return (
        _violent(attack)
        and ev.sub_event_type == "Armed clash"
        and ev.sentence_span == attack.sentence_span
        and ev.trigger[0] > attack.trigger[1]
        and (not ev.actor1 or ev.actor1 in _UNKNOWN_AGENTS)
        and bool(ev.fatalities)
        and tail_search(_AND_ATTACKERS_DEAD, text[max(attack.trigger[1], ev.trigger[0] - 60) : ev.trigger[0]])
    )


def _attackers_dead_after(text: str, start: int, e: int) -> int:
    """The attackers' own dead told later in the sentence of an attack that counted its victims:
    "killing three civilians before he was shot dead by security forces" (1), "killing 12 soldiers, the
    ministry said, adding that 20 attackers were neutralised" (20). ACLED counts every side's dead."""
    m = _ATTACKERS_DEAD_AFTER.search(text, start, e)
    if m is None:
        return 0
    if m.group("one"):
        return 1
    return _number(m.group("num") or m.group("num2")) or 0


def _killed_when(text: str, toll: Event, event: Event) -> bool:
    """Whether ``toll`` is people "killed" by no one named, "when" ``event`` (a clash, a riot) happened in
    the same sentence: the dead are that event's."""
    return (
        # by no one, or by the crowd "when" clause names ("when supporters of rival parties clashed")
        (toll.actor1 in _UNKNOWN_AGENTS or toll.inter1 in _UNARMED or toll.actor1 == event.actor1)
        and not toll.attribution
        and (event.event_type in _ARMED_TYPES or event.event_type == "Riots")
        and toll.trigger[1] <= event.trigger[0]
        and _WERE_KILLED.search(text, max(0, toll.trigger[0] - 30), toll.trigger[0]) is not None
        and _WHEN_GAP.search(text, toll.trigger[1], event.trigger[0]) is not None
        and _NEW_CLAUSE.search(text, toll.trigger[1], event.trigger[0]) is None
    )


def _fought_and_took(fight: Event, take: Event) -> bool:
    """Whether a clash and a takeover told after it in one sentence are one takeover: the same side fought
    and took (a place taken "after heavy fighting" is one event in ACLED)."""
    return (
        fight.sub_event_type == "Armed clash"
        and take.sub_event_type in _TERRITORY
        and bool(take.actor1)
        and take.actor1 == fight.actor1
        and take.actor2 in ("", fight.actor2)
    )


_PROTEST_RANK = (_EXCESSIVE, "Protest with intervention", "Peaceful protest")


def _one_demonstration(first: Event, second: Event) -> bool:
    """Whether two demonstration events of one sentence are one demonstration: both of the protest types,
    by the same demonstrators, met by no other force."""
    return (
        first.sub_event_type in _PROTEST_RANK
        and second.sub_event_type in _PROTEST_RANK
        # two peaceful ones may be in two places ("in Tehran and Mashhad, ... in Tabriz, where ...")
        and first.sub_event_type != second.sub_event_type
        and first.actor1 == second.actor1
        and (
            not first.actor2
            or not second.actor2
            or first.actor2 in second.actor2
            or second.actor2 in first.actor2
        )
    )


_AND_THEN = re.compile(r"\band\s+(?:then\s+|later\s+)?$")


def _and_then(text: str, first: Event, second: Event, places: list[tuple[int, int]]) -> bool:
    """ "Gunmen stormed the village and shot dead two men": a second verb of the same subject, joined by
    "and", of the same sub-type against the same side, naming no place of its own, tells the same attack."""
    t0 = second.trigger[0]
    if second.sub_event_type != first.sub_event_type or (second.actor1, second.actor2) != (
        first.actor1,
        first.actor2,
    ):
        return False
    joined = _AND_THEN.search(text, max(first.trigger[1], t0 - 12), t0)
    return joined is not None and not any(joined.start() <= a < second.sentence_span[1] for a, _ in places)


def _the_crowd_also_destroyed(first: Event, second: Event) -> bool:
    """Property the rioters of a riot destroyed in the same sentence is part of their riot ("young men set
    fire to the offices of the ruling party and looted shops": the young men are the rioters). So is what
    the rules gave to the force the rioters met ("threw stones at police, set fire to a party office and
    looted a mall": the police, the object of the first verb, looted nothing)."""
    return (
        first.event_type == "Riots"
        and second.sub_event_type == "Looting/property destruction"
        and (
            second.actor1 in ("", "Rioters", first.actor1)
            or second.inter1 == "Civilians"
            or (second.actor1 == first.actor2 and second.inter1 in _state_inters())
        )
    )


def _force_on_rioters(text: str, first: Event, second: Event) -> bool:
    """A state's force attacking "people" in the sentence of a riot is the force that met the riot, unless
    told as what set it off ("rioted after a police officer shot dead a driver")."""
    return (
        first.event_type == "Riots"
        and second.event_type == "Violence against civilians"
        and second.inter1 in _state_inters()
        and (not first.inter2 or first.inter2 in _state_inters())
        and _SET_OFF.search(text, max(first.trigger[1], second.trigger[0] - 40), second.trigger[0]) is None
    )


_SET_OFF = re.compile(r"\b(?:after|before|following|since|over|in response to|sparked by|triggered by)\b")


def _attack_like(event: Event) -> Event:
    """``event`` typed as ACLED's Attack (violence against civilians)."""
    attack = load_lexicon().sub_types["Attack"]
    return replace(
        event, sub_event_type=attack.name, event_type=attack.event_type, disorder_type=attack.disorder_type
    )


def _with_type_of(event: Event, other: Event) -> Event:
    """``event`` typed as ``other`` (its sub-event, event and disorder types)."""
    return replace(
        event,
        sub_event_type=other.sub_event_type,
        event_type=other.event_type,
        disorder_type=other.disorder_type,
    )


def _with_missing(first: Event, second: Event) -> Event:
    """``first`` with what only ``second`` gave (a toll, a target)."""
    if not first.fatalities and second.fatalities:
        first = replace(first, fatalities=second.fatalities)
    if not first.actor2 and second.actor2:
        on_civilians = second.inter2 == "Civilians" and first.disorder_type.startswith("Political violence")
        first = replace(first, actor2=second.actor2, inter2=second.inter2, civilian_targeting=on_civilians)
    return first


def _places_agree(doc: Document, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Whether the second sentence names no place, or only places compatible with the first's (the
    places where someone spoke count for neither)."""
    theirs = _sentence_places(doc, second, spoken=False)
    if not theirs:
        return True
    # (not the dateline's: "JAYAPURA, Indonesia, Sept 12 -" is where the story was filed)
    first = (dates.dateline_end(doc.text, first[0]), first[1])
    mine = _sentence_places(doc, first)
    # "M23 rebels seized Kanyabayonga after Congolese troops withdrew. ... repelled an attack near Sake":
    # a country named by its demonym beside a place is whose, not where: the places are compared
    named = _sentence_places(doc, first, demonyms=False)
    mine = _finest(named or mine)
    return bool(mine) and all(any(_compatible(a, b) for a in mine) for b in theirs)


def _level(place: Place) -> int:
    """How fine a place is: a country 0, a province 1, a district 2, a town 3."""
    return 0 if place.is_country else 1 if place.is_admin1 else 2 if place.is_admin2 else 3


def _finest(places: list[Place]) -> list[Place]:
    """The places not holding a finer one of the list: "in Noumea ... in New Caledonia" told Noumea, so
    Dumbea, another town of New Caledonia, is another place, not the same country."""
    return [a for a in places if not any(_level(b) > _level(a) and _compatible(a, b) for b in places)]


def _arrests_at_the_protest(doc: Document, ev: Event) -> bool:
    """An arrest by state forces told right after a demonstration, naming no place of its own (nor the
    whole country's: "Police detained more than 700 people across the country" are no one march's)."""
    return (
        ev.sub_event_type == "Arrests"
        and ev.inter1 == "State forces"
        and not _names_place(doc, *ev.sentence_span)
        and not _ACROSS.search(doc.text, *ev.sentence_span)
    )


#: "killed in a clash with rebels": a fight told for the first time (the article), not the toll of one before
_A_NEW_FIGHT = re.compile(
    r"\b(?:in|during)\s+an?\s+(?:[\w-]+\s+)?(?:clash|ambush|attack|gunfight|firefight|shootout|gun\s+battle|raid"
    r"|battle|assault|skirmish)\b",
    re.IGNORECASE,
)


def fold_tolls(doc: Document, events: list[Event], spans: list[tuple[int, int]]) -> list[Event]:
    """ "Turkish-backed fighters seized the village after heavy clashes. At least 14 fighters were killed."
    The second sentence is the toll of the first event, not an event of its own: a sentence that starts
    with a count of the dead or wounded ("At least 14 fighters were killed", "Two officers were
    wounded", "He said 11 rebels and four soldiers were killed in the clashes"), names no particular
    actor and no place but the first event's, right after a political-violence event, is folded into
    it (its dead fill the first event's toll when that gave none; ACLED counts no wounded)."""
    pattern = _cue_patterns()["toll_sentence"]

    def toll_of(prev: Event, ev: Event) -> bool:
        s, e = ev.sentence_span
        put = _PUT_THE_TOLL.match(doc.text, s, e) is not None  # another source's count of the same dead
        return (
            ev.sub_event_type in ("Attack", "Armed clash")  # "killed by a roadside bomb" is its own
            and (prev.fatalities == 0 or ev.fatalities == 0 or _vaguely_counted(doc, prev, ev) or put)
            and _violent(prev)
            and (put or pattern.match(doc.text, s, e) is not None)
            # (a claim that named the toll's attackers names the attack's: ``with_toll``)
            and (
                _no_other_actor(ev.actor1, prev) or (prev.actor1 in _UNKNOWN_AGENTS and bool(ev.attribution))
            )
            # "Two Israeli soldiers were wounded": whom the attack told before (with no target) hit
            and (_no_other_actor(ev.actor2, prev) or not prev.actor2)
            and (not _names_place(doc, s, e) or _places_agree(doc, prev.sentence_span, ev.sentence_span))
            # "Two soldiers were killed in a clash with rebels on Thursday": a new fight, on its own day
            and _A_NEW_FIGHT.search(doc.text, s, e) is None
            and not any(g.date not in (None, prev.date) for g in dates.find_dates(doc.text[s:e], doc.date))
        )

    def with_toll(prev: Event, ev: Event) -> Event:
        if not prev.actor2 and ev.actor2 and not is_generic(ev.actor2) and ev.actor2 not in _UNKNOWN_AGENTS:
            prev = _with_missing(prev, ev)
        if prev.actor1 in _UNKNOWN_AGENTS and ev.attribution:  # the claim told after the toll is the event's
            prev = replace(prev, actor1=ev.actor1, inter1=ev.inter1, attribution=ev.attribution)
        vague = _vaguely_counted(doc, prev, ev)
        if ev.sentence_span[0] > prev.sentence_span[1]:
            # the toll's sentence tells of the event too ("... wounded in the attack near the town of
            # Koutougou"): its words are the event's evidence, and later folds chain on from it
            span = (prev.sentence_span[0], ev.sentence_span[1])
            prev = replace(prev, sentence=doc.text[span[0] : span[1]], sentence_span=span)
        if vague:
            return replace(prev, fatalities=ev.fatalities)  # "dozens of soldiers ... At least 40 soldiers"
        if prev.fatalities and ev.fatalities:  # "The health ministry put the toll at 27": the lowest (ACLED)
            return replace(prev, fatalities=min(prev.fatalities, ev.fatalities))
        return replace(prev, fatalities=prev.fatalities or ev.fatalities)

    return _fold_into_previous(events, spans, toll_of, with_toll)


#: "The health ministry put the toll at 27 dead", "Local officials gave a death toll of 12": a sentence
#: that is another source's count of the dead told before
_PUT_THE_TOLL = re.compile(
    r"(?:[A-Z][\w'’.-]*\s+)(?:[\w'’.-]+\s+){0,5}?(?:put|puts|gave|gives|set|sets|estimated|revised)\s+"
    r"(?:the|a|its|their)\s+(?:death\s+)?toll\s+(?:at|of|to)\s+"
)
_TOLL_NUMBER = re.compile(
    r"(?:(?:at\s+least|about|around|nearly|some)\s+)?(\d[\d,]*|[a-z]+)\b", re.IGNORECASE
)


def tolls_put_by_others(doc: Document, events: list[Event], spans: list[tuple[int, int]]) -> list[Event]:
    """ "Mortar shells hit a bus station, killing at least 30 people, medics said. The interior ministry put
    the toll at 19." A sentence of no event of its own that gives another source's toll, right after a
    violent event with its dead, lowers that event's count to the lowest reported (ACLED)."""
    if "toll" not in doc.text:
        return events
    out = list(events)
    told = {ev.sentence_span[0] for ev in events}
    for k, (s, e) in enumerate(spans):
        if k == 0 or s in told:
            continue
        put = _PUT_THE_TOLL.match(doc.text, s, e)
        if put is None:
            continue
        count = _TOLL_NUMBER.match(doc.text, put.end(), e)
        value = _number(count.group(1)) if count is not None else None
        before = [i for i, ev in enumerate(out) if spans[k - 1][0] <= ev.sentence_span[1] <= s]
        if value is None or not before:
            continue
        i = before[-1]
        if _violent(out[i]) and 0 < value < out[i].fatalities:
            out[i] = replace(out[i], fatalities=value)
    return out


def _vaguely_counted(doc: Document, prev: Event, ev: Event) -> bool:
    """Whether ``prev``'s dead were counted only by a vague word ("killed dozens of soldiers": 12) that the
    toll told next makes precise ("At least 40 soldiers were killed"): the precise figure is the count."""
    if not prev.fatalities or ev.fatalities <= prev.fatalities:
        return False
    s, e = prev.sentence_span
    return _VAGUE_COUNT.search(doc.text, s, e) is not None and not _DIGITS.search(doc.text, s, e)


_VAGUE_COUNT = re.compile(r"\b(?:dozens|scores|hundreds|thousands|several|many|numerous)\b", re.IGNORECASE)
_DIGITS = re.compile(r"\b\d+\b")


def _no_other_actor(actor: str, prev: Event) -> bool:
    """Whether ``actor`` names nobody but ``prev``'s sides (none, a generic or unknown one, or theirs)."""
    return not actor or is_generic(actor) or actor in _UNKNOWN_AGENTS or actor in (prev.actor1, prev.actor2)


#: Sub-types of one demonstration as it was met: ACLED codes one such event per place and day.
_PROTEST_FAMILY = frozenset(
    {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
)
_RIOT = frozenset({"Violent demonstration"})
_MOB = "Mob violence"
_AND_NEXT = re.compile(r"\band\s+(?:then\s+)?$")


_PROTESTER_TOLL = re.compile(
    r"\b(?:protesters?|demonstrators?|marchers?|students?|people|persons|youths)\s+"
    r"(?:was|were|had been|have been)\b"
)


def protest_tolls(doc: Document, events: list[Event], spans: list[tuple[int, int]]) -> list[Event]:
    """ "Police fired tear gas at demonstrators in Nairobi. One protester was shot dead in Nairobi." The
    second sentence is the toll of the demonstration as it was met, not an attack of its own: a toll of
    protesters (or "people") right after a demonstration, or a sentence of detail after it, by no one but a
    state force, at no other place and after a demonstration at one place, makes it Excessive force against
    protesters with those dead (ACLED), or gives a riot its dead."""
    pattern = _cue_patterns()["toll_sentence"]
    st = load_lexicon().sub_types[_EXCESSIVE]

    def toll_of(prev: Event, ev: Event) -> bool:
        s, e = ev.sentence_span
        if _fired_on_the_crowd(doc, prev, ev):
            return True
        return (
            prev.event_type in ("Protests", "Riots")
            and ev.event_type in ("Violence against civilians", "Battles")
            and ev.fatalities > 0
            and pattern.match(doc.text, s, e) is not None
            and _PROTESTER_TOLL.search(doc.text, s, e) is not None
            and (ev.actor1 in _UNKNOWN_AGENTS or ev.inter1 in _state_inters())
            and (not _names_place(doc, s, e) or _places_agree(doc, prev.sentence_span, ev.sentence_span))
            # (a demonstration in two towns: whose dead these are is for the places, not the sentence order)
            and len({p.geonameid for p in _sentence_places(doc, prev.sentence_span, demonyms=False)}) <= 1
        )

    def with_toll(prev: Event, ev: Event) -> Event:
        force = (ev.actor1, ev.inter1) if ev.inter1 in _state_inters() else (prev.actor2, prev.inter2)
        if prev.event_type == "Riots":  # the riot's dead, shot by the force that met it
            return replace(
                prev, actor2=force[0], inter2=force[1], fatalities=max(prev.fatalities, ev.fatalities)
            )
        return replace(
            prev,
            sub_event_type=st.name,
            event_type=st.event_type,
            disorder_type=st.disorder_type,
            actor2=force[0],
            inter2=force[1],
            fatalities=ev.fatalities,
        )

    # past a sentence of detail too: "... tried to storm parliament. Some protesters set part of it on fire.
    # Police opened fire, ..."; "... at protesters in Nairobi. In the centre protesters looted shops. Two
    # people were shot dead" (``toll_of`` itself, not a closure calling it: a compiled closure that calls
    # another makes a reference cycle, which ``tests/test_fast_paths.py`` forbids)
    return _fold_into_previous(events, spans, toll_of, with_toll, toll_of)


#: "Police opened fire, killing at least five people": a force's fire, told as the next thing that happened
_OPENED_FIRE = re.compile(r"opened fire|fired|shot", re.IGNORECASE)


def _fired_on_the_crowd(doc: Document, prev: Event, ev: Event) -> bool:
    """ "Some protesters set part of the building on fire. Police opened fire, killing at least five
    people." A state force's fire that kills, told right after a demonstration or riot, naming no one
    else as its target and no other place, is how that crowd was met (ACLED: its dead), not an attack on
    civilians of its own."""
    s, e = ev.sentence_span
    return (
        prev.event_type in ("Protests", "Riots")
        and ev.sub_event_type == "Attack"
        and ev.inter1 in _state_inters()
        and ev.fatalities > 0
        and ev.actor2 in ("", "Civilians")
        and _OPENED_FIRE.fullmatch(doc.text, *ev.trigger) is not None
        and not _NEW_THREAD.match(doc.text, s, e)
        and (not _names_place(doc, s, e) or _places_agree(doc, prev.sentence_span, ev.sentence_span))
    )


def drop_round_up_totals(doc: Document, events: list[Event]) -> list[Event]:
    """ "Attacks killed at least 60 people across Burkina Faso, Mali and Niger over the weekend. In Burkina
    Faso, gunmen killed 22 ... In Mali, ..." A toll across several countries, told before the events it
    adds up, is their sum, not an event of its own (ACLED codes each attack)."""
    out: list[Event] = []
    for k, ev in enumerate(events):
        s, e = ev.sentence_span
        across = _ACROSS.search(doc.text, s, e)
        if across is None:
            out.append(ev)
            continue
        # the countries named by name after "across" (not "Russia's attack on Ukraine ... across the country")
        countries = {
            rp.place.country_code
            for rp in places_in(doc.places, across.end(), e)
            if rp.place is not None and rp.place.is_country and rp.mention.kind == "name"
        }
        later = [x for x in events[k + 1 :] if x.sentence_span[0] >= e and x.event_type == ev.event_type]
        if len(countries) >= 2 and len(later) >= 2:
            continue
        # "Russian attacks killed at least six civilians across Ukraine over the past day. In Kherson,
        # shelling killed two ... in Zaporizhzhia, a bomb killed three": one country's toll of the day, told
        # before the deadly events it adds up (whatever their types), is no event either
        deadly = [x for x in events[k + 1 :] if x.sentence_span[0] >= e and _violent(x) and x.fatalities]
        if ev.fatalities and len(countries) <= 1 and len(deadly) >= 2:
            continue
        if _round_up_lead(doc, events[k + 1 :], ev, across.end()):
            continue
        out.append(ev)
    return out


def _round_up_lead(doc: Document, later: list[Event], ev: Event, reach: int) -> bool:
    """ "Armed groups and government forces fought across the central Sahel last week. ... MALI: Suspected
    jihadists killed ...": fighting with no toll over an area (no town after "across"), told before two or
    more violent events, is the round-up's summary of them, no event of its own."""
    e = ev.sentence_span[1]
    towns = any(
        rp.place is not None and rp.place.feature_class == "P" and reach <= rp.mention.start < e
        for rp in doc.places
    )
    return (
        not ev.fatalities
        and _violent(ev)
        and not towns
        and sum(1 for x in later if x.sentence_span[0] >= e and _violent(x)) >= 2
    )


def protest_injuries(doc: Document, events: list[Event]) -> list[Event]:
    """ "Protesters clashed with police in Mombasa and Kisumu. The medical association said 31 people were
    wounded in Nairobi." Injuries counted with no one named as causing them, in a story of demonstrations,
    are the demonstrations' (ACLED counts no wounded): no attack of their own; nor are the dead told, with
    no one named as killing them, in the sentence of a demonstration that counts them ("police fired live
    rounds at protesters ..., and five people were shot dead")."""
    injury = _cue_patterns()["injury"]
    out: list[Event] = []
    for ev in events:
        if (
            out
            and out[-1].event_type in ("Protests", "Riots")
            and ev.event_type == "Violence against civilians"
            and not ev.fatalities
            and ev.actor1 in _UNKNOWN_AGENTS
            and not ev.attribution
            and injury.fullmatch(doc.text, *ev.trigger) is not None
        ):
            continue
        if (
            out
            and out[-1].event_type in ("Protests", "Riots")
            and out[-1].sentence_span == ev.sentence_span
            and ev.event_type == "Violence against civilians"
            and ev.actor1 in _UNKNOWN_AGENTS
            and not ev.attribution
            and 0 < ev.fatalities <= out[-1].fatalities
        ):
            continue  # "police fired live rounds at protesters ..., and five people were shot dead": its toll
        out.append(ev)
    return out


def one_protest_a_day(doc: Document, events: list[Event]) -> list[Event]:
    """ "Hundreds protested in Quetta on Thursday. Police arrested dozens of demonstrators." is one
    demonstration, not two: a protest-family event whose sentence names no place, right after one of the
    same family on the same day, is folded into it; the merged event takes the higher-priority sub-type
    (ACLED's order), the actor 2 either gives and the larger fatality count (the first told none)."""
    lexicon = load_lexicon()
    out: list[Event] = []
    for ev in events:
        prev = out[-1] if out else None
        s, e = ev.sentence_span
        protest = _protest_it_met(doc, out, ev)
        if protest is not None:
            # "Police arrested 105 people in Nairobi": how the demonstration there that day was met (ACLED)
            met = out[protest]
            if met.sub_event_type == _PEACEFUL:
                st = lexicon.sub_types["Protest with intervention"]
                met = replace(
                    met, sub_event_type=st.name, event_type=st.event_type, disorder_type=st.disorder_type
                )
            if not met.actor2:
                met = replace(met, actor2=ev.actor1, inter2=ev.inter1)
            out[protest] = met
            continue
        # a crowd told as met by the police and as rioting in one sentence is one riot, and so is a riot
        # and how the police met it in the next ("... blocking the road with stones and burning tyres.
        # Police dispersed them with tear gas")
        riot_met = (
            prev is not None
            and prev.sub_event_type in _RIOT
            and ev.sub_event_type in _PROTEST_FAMILY
            and ev.sub_event_type != _PEACEFUL
            and _adjacent(doc, prev.sentence_span, (s, e))
        )
        # (one sentence told both, though the first took the next sentence's place and day since: "A mob
        # beat a man to death and set his body on fire ... The attack happened Saturday night in X")
        same_sentence = prev is not None and prev.sentence_span[0] == s
        family = (
            _PROTEST_FAMILY | _RIOT | ({_MOB} if same_sentence else frozenset())
            if prev is not None and (same_sentence or riot_met)
            else _PROTEST_FAMILY
        )
        if (
            prev is None
            or ev.sub_event_type not in family
            or prev.sub_event_type not in family
            or not (same_sentence or _may_be_same_day(prev, ev))
            # "police fired tear gas at thousands of protesters in central Nairobi": one crowd of one
            # sentence, whatever place it names, unless a place comes between its two words
            or (
                _names_place(doc, s, e)
                and (
                    not same_sentence
                    # "stormed the embassy in Baghdad and set it on fire": the same crowd's next act
                    or (
                        _names_place(doc, prev.trigger[1], ev.trigger[0])
                        and not _AND_NEXT.search(doc.text, max(s, ev.trigger[0] - 12), ev.trigger[0])
                    )
                )
            )
        ):
            out.append(ev)
            continue
        a, b = lexicon.sub_types[prev.sub_event_type], lexicon.sub_types[ev.sub_event_type]
        top = a if a.priority <= b.priority else b
        # the force that met the crowd, whichever role the second sentence gave it
        force = next(
            ((n, i) for n, i in ((ev.actor1, ev.inter1), (ev.actor2, ev.inter2)) if i == "State forces"),
            ("", ""),
        )
        actor2, inter2 = (prev.actor2, prev.inter2) if prev.actor2 else force
        if top.event_type == "Riots" and prev.inter1 == "Protesters":
            prev = replace(prev, actor1="Rioters", inter1="Rioters")  # the crowd rioted (ACLED)
        out[-1] = replace(
            prev,
            sub_event_type=top.name,
            event_type=top.event_type,
            disorder_type=top.disorder_type,
            actor2=actor2,
            inter2=inter2,
            civilian_targeting=prev.civilian_targeting or ev.civilian_targeting,
            fatalities=max(prev.fatalities, ev.fatalities),
        )
    return out


def _adjacent(doc: Document, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Whether the sentence ``second`` is the sentence ``first`` or the one right after it."""
    return first[0] <= second[0] and not re.search(r"[.!?]\s", doc.text[first[1] : second[0]])


def _a_demonstration(ev: Event) -> bool:
    """A protest, or a demonstration that turned violent (whose arrests are its own, ACLED)."""
    return ev.event_type == "Protests" or ev.sub_event_type == "Violent demonstration"


def _protest_it_met(doc: Document, told: list[Event], ev: Event) -> int | None:
    """The index in ``told`` of the demonstration that arrests ``ev`` by a state force met: the last one
    told on the same day at a place the arrests' sentence names, or, when it names none, the last one
    if told in the sentence before ("... police used pepper spray against demonstrators, and 22 people
    were detained")."""
    s, e = ev.sentence_span
    if ev.sub_event_type != "Arrests" or ev.inter1 not in _state_inters():
        return None
    if _ACROSS.search(doc.text, s, e):
        return None  # "Police detained more than 700 people across the country": no one march's
    if not _names_place(doc, s, e):
        last = len(told) - 1
        if (
            last >= 0
            and _a_demonstration(told[last])
            and (
                _adjacent(doc, told[last].sentence_span, ev.sentence_span)
                # "... Protesters threw stones at police. At least 200 were arrested": the riot's paragraph
                or (
                    told[last].sub_event_type == "Violent demonstration"
                    and _paragraph(doc.text, told[last].sentence_span[0]) == _paragraph(doc.text, s)
                )
            )
        ):
            return last
        return None
    mine = {p.geonameid for p in _sentence_places(doc, ev.sentence_span)}
    for i in range(len(told) - 1, -1, -1):
        prev = told[i]
        places = _sentence_places(doc, prev.sentence_span) if _a_demonstration(prev) else []
        if _may_be_same_day(prev, ev) and any(p.geonameid in mine for p in places):
            # "Demonstrations took place in Mombasa, Kisumu and Nakuru ... Police in Kisumu arrested 20":
            # the arrests met one of its places only; the others' protests were not met
            return i if len({p.geonameid for p in places}) == 1 else None
    return None


#: The event types a crowd's own events can have, by its ACLED actor type.
_CROWD_EVENT_TYPES = {"Rioters": frozenset({"Riots"}), "Protesters": frozenset({"Protests", "Riots"})}


def _violent_crowd(roles: Roles, sub: str, rule_subs: list[str], lexicon: Lexicon) -> str:
    """Demonstrators who attack, clash or destroy make a Violent demonstration (ACLED), whatever the
    word "protesters" or a classifier says: "Protesters attacked several embassies". A state force
    that attacks them is another matter (excessive force), so it needs demonstrators as the agent or,
    with no agent, as the trigger word itself."""
    agent = roles.agent
    crowd = agent.inter == "Protesters" if agent is not None else roles.crowd == "Protesters"
    if not crowd:
        return sub
    for rule_sub in rule_subs:
        rule = lexicon.sub_types[rule_sub]
        if rule.event_type in ("Battles", "Violence against civilians") or rule_sub == _LOOTING:
            return "Violent demonstration"
    return sub


_LOOTING = "Looting/property destruction"
_RIOT_STORY = re.compile(
    r"\b(?:riot(?:s|ers|ing)?|unrest|protest(?:s|ers)?|demonstrat(?:ors|ions))\b", re.IGNORECASE
)


def _fits_crowd(crowd: str, event_type: str) -> bool:
    """Whether ``event_type`` may be the type of an event of a clause naming ``crowd`` (any without one)."""
    allowed = _CROWD_EVENT_TYPES.get(crowd)
    return allowed is None or event_type in allowed


def _may_be_same_day(a: Event, b: Event) -> bool:
    """Whether two events' dates (a day, or a week or month range) may be the same day."""
    if a.date is None or b.date is None:
        return True
    return a.date <= (b.date_end or b.date) and b.date <= (a.date_end or a.date)


def site_after(text: str, end: int) -> str | None:
    """The site a town's possessive at ``end`` names ("at Dhaka's main airport", "outside Istanbul's city
    hall": "airport", "city hall"), or None."""
    m = _cue_patterns()["possessive_site"].match(text, end)
    return m.group(0).split()[-1].lower() if m is not None else None


def _names_place(doc: Document, s: int, e: int) -> bool:
    """Whether doc.text[s:e] names a place by name (a demonym, "Pakistani", does not count, nor does a
    possessive, "South Africa's defence ministry": the country speaks, nothing happened there; nor a
    distance's landmark, "70 nautical miles west of Hodeidah"); a town's possessive before a site does:
    "at Dhaka's main airport")."""
    site = _cue_patterns()["possessive_site"]
    return any(
        rp.mention.kind == "name"
        and (
            not doc.text.startswith(("'s ", "’s "), rp.mention.end)
            or (rp.place is not None and not rp.place.is_country and site.match(doc.text, rp.mention.end))
        )
        and not distance_anchor(doc.text, rp.mention.start)  # "70 miles west of Hodeidah": a landmark
        and not _BACKED.match(doc.text, rp.mention.end)  # "Iran-backed militias": whose, not where
        and not _WHOSE_PEOPLE.match(doc.text, rp.mention.end)  # "A US defence official said": whose
        and not _GROUP_IN.search(
            doc.text, (rp.mention.start - 30 if rp.mention.start > s + 30 else s), rp.mention.start
        )
        # "accused Damascus of arming the tribes": the government the capital names, not a place
        and not _ACCUSED.search(
            doc.text, (rp.mention.start - 30 if rp.mention.start > s + 30 else s), rp.mention.start
        )
        # "near the border with Burkina Faso and Mali": a landmark, not where it happened
        and not _BORDER_WITH.search(
            doc.text, (rp.mention.start - 60 if rp.mention.start > s + 60 else s), rp.mention.start
        )
        for rp in places_in(doc.places, s, e)
    )


#: a verb whose object is a government named by its capital or country ("accused Damascus of")
_ACCUSED = re.compile(
    r"\b(?:accus(?:ed|es|ing)|blam(?:ed|es|ing)|urg(?:ed|es|ing)|warn(?:ed|s|ing)|call(?:ed|s|ing)\s+on)\s+$",
    re.IGNORECASE,
)


#: "JNIM, al Qaeda's affiliate in the Sahel, said": a place that tells which group, not where it acted
_GROUP_IN = re.compile(
    r"\b(?:affiliates?|branch(?:es)?|franchises?|offshoots?|chapters?|wing)\s+in\s+(?:the\s+)?$",
    re.IGNORECASE,
)


_BACKED = re.compile(r"-(?:backed|linked|allied|aligned|affiliated|sponsored|supported|led|based)\b")
#: a country's name as the attribute of a person or body ("a US defence official", "US forces"): whose
_WHOSE_PEOPLE = re.compile(
    r"\s+(?:(?:defen[cs]e|military|army|government|state|security|foreign|interior|intelligence|embassy)\s+)?"
    r"(?:officials?|spokes(?:man|woman|person)|sources?|ministry|officers?|diplomats?|envoys?|authorities|"
    r"forces|troops|soldiers|military|army|navy|media)\b"
)


def _violent(ev: Event) -> bool:
    return ev.disorder_type.startswith("Political violence")


def _place_spans(doc: Document) -> list[tuple[int, int]]:
    return [(rp.mention.start, rp.mention.end) for rp in doc.places]


def _headline_index(doc: Document, spans: list[tuple[int, int]]) -> int | None:
    """Index of the sentence that is the headline, if the text starts with one."""
    if not spans:
        return None
    s, e = spans[0]
    first = doc.text[s:e]
    if doc.title and " ".join(first.split()) == " ".join(doc.title.split()):
        return 0
    rest = doc.text[e : e + 3]
    if len(spans) > 1 and "\n" in rest and not first.rstrip("\"'”’)").endswith((".", "!", "?")):
        return 0
    return None


def _repeated_in_body(doc: Document, event: Event, body: list[Event]) -> bool:
    """Whether a headline event is reported again in the body: an event of the same ACLED event type
    (a headline's "fighting" is the body's capture of a town) whose sentence names a compatible place
    (the same one, or one inside a country or province the headline names), or either sentence names
    none. "Insurgents attack checkpoint in Fallujah" over a body about clashes near Raqqa is two
    events, not one. A headline's violence of another type is the body's when both name compatible
    places ("Blast at Kabul mosque kills worshippers" over "A bomb exploded inside a mosque in Kabul")."""
    mine = _sentence_places(doc, event.sentence_span)
    # the body's first violent event is the story's lead, which a violent headline tells ("Burkina Faso
    # attack" over "Soldiers were killed in an attack on Tuesday"), whatever type each gives it
    lead = next((o for o in body if _violent(o)), None)
    for other in body:
        same_type = other.event_type == event.event_type
        # "Clashes between rival parties kill three" over the riot that killed three: one report
        same_toll = bool(event.fatalities) and other.fatalities == event.fatalities
        # "Bangladesh students clash with ruling party activists" (no toll) over the riot at Dhaka University
        types = {event.event_type, other.event_type}
        # "Protesters clash with police in Gusau" over "Police fired tear gas at protesters in Gusau": one
        # demonstration, whichever of ACLED's two demonstration types each sentence gives it
        fights = (same_toll or not event.fatalities) and (
            types <= {"Battles", "Riots"} or types <= {"Protests", "Riots"}
        )
        # "Houses torched as ethnic violence flares" over "Armed men set fire to 15 houses": one burning,
        # whoever did it (the headline names no one)
        burned = {event.sub_event_type, other.sub_event_type} == {_RIOT_VERDICT, _LOOTING}
        if not same_type and not (_violent(other) and _violent(event)) and not fights and not burned:
            continue
        theirs = _sentence_places(doc, other.sentence_span)
        if not mine or not theirs:
            if same_type or fights or (other is lead and _violent(event)):
                return True
        elif any(_compatible(a, b) for a in mine for b in theirs):
            return True
        elif other is lead and _violent(event) and not any(a.country_code for a in mine):
            return True  # "Attack in the Sahel": a region of no one country holds the lead's places
    return False


def _sentence_places(
    doc: Document, span: tuple[int, int], *, demonyms: bool = True, spoken: bool = True
) -> list[Place]:
    """The places named in ``span``, but not a neighbour named by its border ("the border with Niger");
    ``demonyms=False``: nor a country named by its adjective ("Congolese"); ``spoken=False``: nor where
    someone spoke ("a police spokesman in Peshawar said", ``geo.linking.is_speech_place``)."""
    from geo.linking import is_speech_place  # (geo.linking reads this module's lexicon)

    s, e = span
    return [
        rp.place
        for rp in places_in(doc.places, s, e)
        if rp.place is not None
        and (demonyms or rp.mention.kind != "demonym")
        and (spoken or not is_speech_place(doc.text, rp.mention.start, rp.mention.end, s))
        and not _BORDER_WITH.search(
            doc.text, (rp.mention.start - 60 if rp.mention.start > s + 60 else s), rp.mention.start
        )
        and not distance_anchor(doc.text, rp.mention.start)
        and not (rp.mention.kind == "name" and _WHOSE_PEOPLE.match(doc.text, rp.mention.end))
        and not _GROUP_IN.search(
            doc.text, (rp.mention.start - 30 if rp.mention.start > s + 30 else s), rp.mention.start
        )
    ]


def _abroad(doc: Document, s: int, e: int, country: str) -> bool:
    """Whether the places doc.text[s:e] names (by name: "Turkish" is no place of the event) all lie
    outside ``country`` (a country code; "": unknown, never abroad)."""
    codes = {
        rp.place.country_code
        for rp in places_in(doc.places, s, e)
        if rp.place is not None
        and rp.mention.kind == "name"
        and not doc.text.startswith(("'s ", "’s "), rp.mention.end)  # "Russia's Defense Ministry said"
        and doc.text[rp.mention.start - 1 : rp.mention.start] != "-"  # "Maarat al-Numan" is not Numan
    }
    return bool(country) and bool(codes) and country not in codes


#: "the border with Niger", "near the border with Burkina Faso and Mali": a neighbour named by its border
_BORDER_WITH = re.compile(
    r"\bborders?\s+(?:with|of)\s+(?:(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*)*\s*(?:,|and)\s+)*(?:the\s+)?$",
    re.IGNORECASE,
)


def _compatible(a: Place, b: Place) -> bool:
    """The same place, or one inside the other's country (a country), province (a province) or district (a
    district)."""
    if a.geonameid == b.geonameid:
        return True
    if a.country_code != b.country_code:
        return False
    if a.is_country or b.is_country:
        return True
    if a.admin1_code != b.admin1_code:
        return False
    if a.is_admin1 or b.is_admin1:
        return True
    # a district or a Philippine province (ADM2) and a town of its province that the gazetteer gives no
    # district ("in Northern Samar province ... near the town of Las Navas")
    district, other = (a, b) if a.is_admin2 else (b, a) if b.is_admin2 else (None, None)
    return district is not None and other is not None and other.admin2_code in ("", district.admin2_code)


# ---------------------------------------------------------------- actors


@dataclass(frozen=True, slots=True)
class Roles:
    """Who did it (agent) and to whom (target), as found around the trigger."""

    agent: Actor | None
    target: Actor | None
    agent_text: str = ""
    assoc1: str = ""
    #: the country of the associated actor when it is a state's forces ("Rwandan and Mozambican forces")
    assoc1_state: str = ""
    target_cue: bool = False
    #: "Rioters" / "Protesters" when the clause names such a crowd (even as the trigger word itself)
    crowd: str = ""


built_by_slots(Roles)  # its constructor by slot setters when not compiled (geo.records)


_CIVILIANS = Actor("Civilians", "Civilians")
_ABDUCTION = "Abduction/forced disappearance"
_COMMUNAL = Actor("Communal Militia", "Identity militia")
# the number words that are also articles ("a soldier"): a count of one only when the words say so
_ONE_WORDS = frozenset({"a", "an", "one"})
_SINGLE_FATAL = re.compile(
    r"\s+(?:[\w'’-]+\s+){0,3}?(?:was|has been|had been)\s+(?:\w+ly\s+)?"
    r"(?:killed|shot dead|slain|murdered|executed|hanged|beheaded)\b",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")
_BY_AGENT = re.compile(r"\bby\s+(?:the\s+)?(?:\S+\s+){0,3}$")
#: "confirmed dead by the police", "pronounced dead by doctors": the "by" names who tells it (after "dead")
_TOLD_STATE = re.compile(
    r"\b(?:confirmed|declared|pronounced|reported|presumed|certified|listed)\s+$", re.IGNORECASE
)
#: "... the release of relatives kidnapped by bandits": a participle of its own before the "by"
_PARTICIPLE_BY = re.compile(r"\s(?P<verb>[a-z]+ed)\s+by\s+(?:the\s+)?(?:\S+\s+){0,3}$")


#: an attack with no victim named that someone fought off: a battle
_MET_BY_FORCE = re.compile(
    r"\b(?:repel(?:led|ling)?|repulsed?|(?:fight|fought)\s+(?:them\s+|it\s+)?(?:off|back)|returned\s+fire)\b",
    re.IGNORECASE,
)
#: participles that say who used the weapon a trigger names ("shells fired by", "a bomb planted by")
_WEAPON_USED = frozenset({"fired", "launched", "dropped", "planted", "lobbed", "thrown", "detonated"})


def _by_another_verb(text: str, t_end: int, a_start: int, spans: list[tuple[int, int]]) -> bool:
    """Whether the "by X" after a trigger belongs to another participle (not a trigger) between them:
    "protested ... for the release of relatives kidnapped by bandits" (the bandits kidnapped)."""
    m = _PARTICIPLE_BY.search(text, t_end, a_start)
    if m is None:
        return False
    if m.group("verb") in _WEAPON_USED:
        return False  # "Artillery shells fired by the RSF hit a market": the weapon's user is the agent
    v0, v1 = m.span("verb")
    return not any(a < v1 and v0 < b for a, b in spans)


_WHEN_AGENT = re.compile(
    # "was killed and two others wounded when dissidents attacked"
    r"\s+(?:[\w'’-]+\s+){0,5}?(?:as|when|after|while|during)\s+(?:the\s+|an?\s+)?(?:[\w'’-]+\s+)?"
    # "when members of the Barrio 18 gang stormed": the group its members are of
    r"(?:(?:members|fighters|militants|gunmen|elements|supporters)\s+(?:of|from)\s+(?:the\s+)?)?",
    re.IGNORECASE,
)
_TARGET_CUE = re.compile(r"\b(?:with|against)\s+(?:the\s+)?(?:\S+\s+){0,2}$")
_OF_TAIL = re.compile(r"\bof\s+(?:[\w'’-]+\s+){0,4}$")
_ARTICLE = re.compile(r"^(?:The|A|An)\s+")
_UNIT = re.compile(r"\s*(?:km|kilomet|miles?|years?|percent|%|hours?|days?|times)\b")
#: a trigger that says someone was killed (the retyper does not make it a round-up or a movement)
_KILLING_WORD = re.compile(
    r"(?:execut|behead|kill|murder|assassinat|lynch|slay|slain|shot dead|gunned down|massacr)\w*",
    re.IGNORECASE,
)
_LETHAL = re.compile(
    r"^(?:hanged|hung|executed|beheaded|shot dead|killed|killing|kills|murdered|assassinated|gunned down"
    r"|lynched|slain|stabbed to death)$",
    re.IGNORECASE,
)
_UNTARGETED = frozenset(
    {"Headquarters or base established", "Change to group/activity", "Peaceful protest", "Other"}
)


#: "fighters from Russia's Africa Corps", "fighters of the Kurdish-led Syrian Democratic Forces"
_FROM_GROUP = re.compile(
    r"\s+(?:from|of)\s+(?:the\s+)?(?:[A-Z][\w'’-]*['’]s\s+|[A-Z][\w’'-]*-(?:led|backed|linked|allied)\s+)?"
)


def _unnamed_armed(actor: Actor) -> bool:
    """An unnamed armed actor ("fighters", "gunmen", "militants")."""
    return actor.name in _UNKNOWN_AGENTS and actor.name != ""


def _abbreviated(text: str, prev: ActorMatch, m: ActorMatch) -> bool:
    """Whether ``m`` is ``prev``'s abbreviation in brackets, or the noun after it: "Islamic State West
    Africa Province (ISWAP) fighters" is one actor, as "ISWAP fighters" is."""
    gap = text[prev.end : m.start]
    if gap in (" (", "("):
        return text.startswith(")", m.end)
    return gap == ") " and "(" in text[max(0, prev.start - 1) : prev.end]


def _heads(matches: list[ActorMatch], text: str) -> list[ActorMatch]:
    """Collapse modifier + head pairs, keeping the head ("Taliban prisoners" -> prisoners, who are
    civilians when harmed) unless an armed generic head follows a named actor ("Al-Qaeda fighters"
    are al-Qaeda, not an unidentified armed group) or a force of the same kind that names its country
    ("Sudanese army warplanes" are Sudan's)."""
    out: list[ActorMatch] = []
    for m in matches:
        if (
            out
            and _unnamed_armed(out[-1].actor)
            and not is_generic(m.actor.name)
            and m.actor.name not in _UNKNOWN_AGENTS
            and m.actor.inter not in _UNARMED
            and _FROM_GROUP.fullmatch(text, out[-1].end, m.start)
        ):
            # "fighters from Russia's Africa Corps", "militants of the Islamic State": that group's
            out[-1] = replace(m, text=text[out[-1].start : m.end], start=out[-1].start)
            continue
        if out and (_SPACES.fullmatch(text, out[-1].end, m.start) or _abbreviated(text, out[-1], m)):
            prev = out[-1]
            named_armed = (
                is_generic(m.actor.name) and m.actor.inter != "Civilians" and not is_generic(prev.actor.name)
            )
            # "Sudanese army warplanes": the same kind of force, the first says whose
            same_force = m.actor.inter == prev.actor.inter != "Civilians" and prev.actor.country != ""
            same_force = same_force and not m.actor.country
            keep_prev = named_armed or same_force or m.actor == prev.actor  # "the SDF (SDF)": one name
            out[-1] = replace(prev, text=text[prev.start : m.end], end=m.end) if keep_prev else m
        else:
            out.append(m)
    # "the SPLM-N rebel group", "the ADF armed group": the words that say what a named actor is are its name's
    for k, m in enumerate(out):
        described = None if is_generic(m.actor.name) else _DESCRIBED_AS.match(text, m.end)
        if described is not None:
            out[k] = replace(m, text=text[m.start : described.end()], end=described.end())
    return out


#: What follows a group's name to say what it is: "rebel group", "armed movement", "jihadist faction"
_DESCRIBED_AS = re.compile(
    r"\s+(?:rebel|armed|militant|jihadist|paramilitary|separatist|insurgent|islamist|extremist)\s+"
    r"(?:group|movement|faction|coalition|alliance|organi[sz]ation)\b",
    re.IGNORECASE,
)


#: between a subject and a mine's word: "a civilian vehicle struck a landmine", "soldiers stepped on an IED"
_STRUCK_A_MINE = re.compile(
    r"\s+(?:[\w'’-]+\s+){0,3}?(?:struck|hit|ran\s+over|drove\s+over|stepped\s+on|triggered)\s+"
    r"(?:an?\s+|the\s+)?(?:[\w-]+\s+)?",
    re.IGNORECASE,
)


def _as_victim(m: ActorMatch, text: str, trigger_end: int = 0) -> Actor:
    """ACLED codes captives, prisoners and detainees who are harmed as civilians; the act that takes
    them ("detained the 444 Brigade's commander") is not a cue: its side stays itself."""
    low = max(0, m.start - 40)
    if trigger_end <= m.start:  # the words between the act and its side ("executed captured soldiers")
        low = max(low, trigger_end)
    before = text[low : m.start]
    if _FORCE_SITE.match(text, m.end):  # "captured a police outpost": a place the force held
        return m.actor
    if m.actor.inter != "Civilians" and _cue_patterns()["captive"].search(before + " " + m.text):
        return _CIVILIANS
    if (
        m.actor.inter == "Identity militia"
        and _cue_patterns()["trade_victims"].fullmatch(m.text)
        and _KILLING_WORD.search(text, max(0, m.start - 40), m.start)
    ):
        return _CIVILIANS  # "shot dead two herders": a trade killed, not a militia fought
    return m.actor


def _force_only_as_site(text: str, start: int, end: int, actors: ActorList) -> bool:
    """Whether every state force named in text[start:end] names a site ("outside the police
    headquarters", "at an army base") and no word of intervention is told: a crowd gathered there, no
    force met it."""
    forces = [m for m in actors.find(text, start, end) if m.actor.inter in _state_inters()]
    return (
        bool(forces)
        and all(_FORCE_SITE.match(text, m.end) for m in forces)
        and _cue_patterns()["protest_intervention"].search(text, start, end) is None
    )


_FORCE_SITE = re.compile(
    r"\s+(?:(?:battalion|brigade|regiment|division|command|army|naval|air|border|security|police|military)\s+)?"
    r"(?:outposts?|posts?|bases?|checkpoints?|stations?|headquarters|barracks|positions?|camps?|airbases?)\b"
)


_ARMED_UNNAMED = Actor("Unidentified Armed Group", "Political militia")


def _with_armed_people(matches: list[ActorMatch], text: str, start: int, end: int) -> list[ActorMatch]:
    """``matches`` and the people the text calls armed that no listed name covers ("five armed
    Islamists", cue ``armed_people``): an unidentified armed group, so that killing them is a clash."""
    extra = [
        ActorMatch(_ARMED_UNNAMED, a.group(0), a.start(), a.end())
        for a in _cue_patterns()["armed_people"].finditer(text, start, end)
        if not any(m.start < a.end() and a.start() < m.end for m in matches)
    ]
    return sorted(matches + extra, key=lambda m: m.start) if extra else matches


def _roles(
    text: str,
    c_start: int,
    c_end: int,
    hits: list[Hit],
    actors: ActorList,
    places: list[tuple[int, int]],
    sentence_start: int,
    demonyms: dict[int, tuple[str, str]] | None = None,
) -> Roles:
    matches = [
        _national(m, text, demonyms or {})
        for m in _heads(_with_armed_people(actors.find(text, c_start, c_end), text, c_start, c_end), text)
        if not _not_acting(text, m)
    ]
    first = hits[0]
    helper: ActorMatch | None = None  # a named actor that "backed" the agent (associated actor 1)
    spans = [(h.start, h.end) for h in hits]
    before = [
        m
        for m in matches
        if (m.end <= first.start or m.start < first.start < m.end)
        # "Residents said shells hit homes": who told it; but "the rebels said they captured a post",
        # and "Israel's military said the rockets were intercepted" (it did)
        and not (m.actor.inter in _UNARMED and _SOURCE_AFTER.match(text, m.end))
        # "Al-Shabaab, which is linked to al-Qaeda, attacked": a name inside an aside is not the subject
        and not _in_aside(text, m, sentence_start, first.start)
        # "a strike on a Hamas compound, killing ...": whose the place is, not who struck
        and not _owner_of_target(text, m.start, m.end)
    ]
    after = [
        m
        for m in matches
        if m.start >= first.end
        and not any(m.start < he and hs < m.end for hs, he in spans)
        and _near_after(text[first.end : m.start])
        and not _SPEAKER_AFTER.match(text, m.end)  # ", the Syrian army said": the source, not the target
    ]
    if first.rule.sub_type in _TERRITORY:
        # "pushed RSF fighters out of the district": the side driven out is inside the trigger's words
        after = [m for m in matches if first.start < m.start and m.end <= first.end][:1] + after
    by_agent = next(
        (
            m
            for m in after
            if tail_search(_BY_AGENT, text[first.end : m.start])
            and not _by_another_verb(text, first.end, m.start, spans)
        ),
        None,
    )
    told = (
        by_agent is not None
        and text[first.start : first.end].lower() == "dead"
        and tail_search(_TOLD_STATE, text[c_start : first.start])
    )
    if told:
        # "Nine people have been confirmed dead by the police after gunmen attacked": who tells the
        # dead, neither who killed them nor whom; the dead are told as in "were killed" ("dead" takes
        # no agent: in "were reported killed by soldiers" the soldiers killed)
        after = [m for m in after if m is not by_agent]
        by_agent = None
    progressive = text[first.start : first.end].split()[0].lower().endswith("ing")
    passive = (
        told
        or (not progressive and tail_search(_PASSIVE, text[c_start : first.start]))
        or tail_search(_DIED_IN, text[c_start : first.start])
        # "Eleven soldiers died in an ambush": who died (named right before) suffered it
        or _died(text, first, before, hits)
        or (by_agent is not None and not before)
        or _REDUCED_PASSIVE.match(text, first.start, c_end) is not None
    )
    if passive and by_agent is None:
        # "32 people were killed as police fired on the crowd": who did it follows "as" / "when"
        by_agent = next((m for m in after if _WHEN_AGENT.fullmatch(text, first.end, m.start)), None)
        if by_agent is None:
            # "Four soldiers were killed when Azerbaijani forces opened fire": a country's forces
            by_agent = next(
                (
                    _country_forces(text, end, country, code)
                    for end, (country, code) in (demonyms or {}).items()
                    if first.end < end - len(country) < first.end + 80
                    # the word ending there ("Azerbaijani": the country's name is not the word)
                    and _WHEN_AGENT.fullmatch(text, first.end, text.rfind(" ", first.end, end) + 1)
                    and _ITS_FORCES_NOUN.match(text, end)
                ),
                None,
            )
    agent: ActorMatch | None
    target: ActorMatch | None
    if passive or by_agent is not None:
        agent = by_agent
        target = before[-1] if before else next((m for m in after if m is not by_agent), None)
        # "Three soldiers and two rebels were killed in a clash": the two sides of it (the clause may
        # start at the "and")
        pair = before[-2:] if len(before) >= 2 else []
        if len(before) == 1 and c_start > sentence_start:
            pair = (
                _heads(
                    actors.find(
                        text, (c_start - 80 if c_start > sentence_start + 80 else sentence_start), c_start
                    ),
                    text,
                )[-1:]
                + before
            )
        if (
            agent is None
            and len(pair) == 2
            # "killed in a gunfight with militants": the other side is named after "with"
            and any(
                _RECIPROCAL.search(text, h.start, h.end) and not _WITH_AFTER.match(text, h.end) for h in hits
            )
            and pair[0].actor != pair[1].actor
            # "Three soldiers and a police officer": one side
            and not {pair[0].actor.inter, pair[1].actor.inter} <= _state_inters()
            and _AND_COUNT.fullmatch(text, pair[0].end, pair[1].start)
        ):
            agent, target = pair[0], pair[1]
        if agent is None and target is not None:
            # "Two soldiers were killed in a clash with PKK militants": the side the dead fought
            agent = next(
                (
                    m
                    for h in hits
                    if _RECIPROCAL.fullmatch(text, h.start, h.end)
                    for m in after
                    if m is not target and _WITH_AFTER.fullmatch(text, h.end, m.start)
                ),
                None,
            )
    else:
        # "in response to an Israeli drone strike": the country just before the trigger, not a subject
        # of an earlier clause
        reciprocal_target: ActorMatch | None = None
        pursued: ActorMatch | None = None
        agent = (
            before[-1]
            if before
            else _country_agent(text, c_start, first.start, demonyms or {}, sentence_start)
            # "..., killing several militants, and that an aircraft struck": the aircraft is the subject
            or (
                None
                if _AIRCRAFT.match(text, first.start, first.end)
                else _earlier_agent(text, sentence_start, c_start, actors)
            )
        )
        if (
            before
            and agent is before[-1]
            and _HELPERS_CUE.search(text, (agent.start - 60 if agent.start > 60 else 0), agent.start)
        ):
            # "The army and allied fighters captured", "Troops backed by tribal fighters retook": the
            # helpers named last joined the act; the actor named first led it (the clause may start
            # at the "and")
            led = (
                before[-2:-1]
                or _heads(
                    actors.find(
                        text, (c_start - 80 if c_start > sentence_start + 80 else sentence_start), c_start
                    ),
                    text,
                )[-1:]
            )
            if led and _HELPERS_GAP.fullmatch(text, led[0].end, agent.start):
                helper, agent = agent, led[0]
        if (
            len(before) >= 2
            and agent is before[-1]
            and _cue_patterns()["pursuit_gap"].fullmatch(text, before[-2].end, agent.start)
        ):
            # "Security forces pursuing the raiders killed three bandits": the pursued are the other side
            pursued, agent = before[-1], before[-2]
        if (
            before
            and agent is not None
            and any(_RECIPROCAL.match(text, h.start, h.end) for h in hits)
            and not _WITH_AFTER.match(text, hits[-1].end)
        ):
            # "the army and the RSF exchanged artillery fire": the two sides of one fight, not allies
            # (the clause may start at the "and"); "X and Y clashed with Z" are allies
            last = before[-1]
            lead_in = c_start - 80 if c_start > sentence_start + 80 else sentence_start
            earlier = before[:-1] or _heads(actors.find(text, lead_in, c_start), text)
            first_side = earlier[-1] if earlier else None
            if (
                first_side is not None
                and first_side.end <= last.start
                and first_side.actor != last.actor
                and _AND_COUNT.fullmatch(text, first_side.end, last.start)
                and _ADVERBS_ONLY.fullmatch(text, last.end, first.start)
            ):
                agent, reciprocal_target = first_side, last
        if before and _SAID_THAT.match(text, before[-1].end):
            # "The SDF said Turkish artillery shelled villages": the speaker's news has its own subject
            agent = _country_agent(text, before[-1].end, first.start, demonyms or {}) or agent
        if agent is not None and agent.actor.inter == "Civilians":
            # "Armed separatists killed four people ... in an attack", "The attackers rounded up men
            # and shot them": the people named last suffered it; the armed actor before them did it
            armed = [
                m
                for m in _heads(actors.find(text, sentence_start, agent.start), text)
                if m.actor.inter != "Civilians"
            ]
            agent = armed[-1] if armed else agent
        hit = None
        if agent is not None and any(
            h.rule.sub_type == "Remote explosive/landmine/IED"
            and _STRUCK_A_MINE.fullmatch(text, agent.end, h.start)
            for h in hits
        ):
            # "a civilian vehicle struck a landmine": who hit the mine suffered it; who laid it is unknown
            hit, agent = agent, None
        verb = _instrument_verb(text, c_start, first.start)
        if verb is not None and agent is not None and agent.start >= verb:
            # "it had targeted an Israeli position in Metula with guided missiles": the name after the verb
            # is what was hit; who fired is the verb's subject (or the name "it" stands for)
            subjects = [m for m in before if m.end <= verb]
            hit = agent
            agent = subjects[-1] if subjects else _earlier_agent(text, sentence_start, verb, actors)
        said_it = _SAID_IT_VERB.search(text, sentence_start, first.start)
        if (
            said_it is not None
            and agent is not None
            and agent.start >= said_it.end()
            and hit is None
            # the speaker's next verb ("... and killed"), not a clause of its own ("in response to an
            # Israeli drone strike")
            and _AND_ITS_NEXT_VERB.fullmatch(text, said_it.end(), first.start) is not None
        ):
            # "The RSF said it had destroyed two army tanks and killed dozens of soldiers": "it" is the
            # speaker; the army named after the first verb is what was hit
            speakers = _heads(actors.find(text, sentence_start, said_it.start()), text)
            if speakers and speakers[-1].actor.inter != "Civilians":
                hit, agent = agent, speakers[-1]
        target = hit or reciprocal_target or next(iter(after), None) or pursued
        if agent is not None:
            agent, its_object = _subject_of_coordinated_verb(text, agent, first.start, actors, sentence_start)
            target = target or its_object
            agent = _named_antecedent(text, agent, actors, sentence_start)
    sides = _between(text, first.end, after, actors, demonyms or {})
    if sides is not None:  # "fighting between the Arakan Army and junta troops"
        agent, target = sides
    if agent is not None and target is not None and agent.actor == target.actor and agent is not target:
        target = None
    opponent = _opponent(text, agent, first, actors, sentence_start, demonyms or {}) if not target else None
    if opponent is not None and agent is not None:
        agent, target = opponent, agent
    elif (
        target is None
        and agent is not None
        and agent.end <= first.start
        and agent.actor.inter == "Identity militia"
        and agent.text.lower().endswith("s")
        and _RECIPROCAL.fullmatch(text, first.start, first.end)
        and not _WITH_AFTER.match(text, first.end)
    ):
        target = agent  # "Clan militias fought over grazing land": communal militias on both sides
    if agent is None and not passive:
        agent = _country_agent(text, c_start, first.start, demonyms or {}, sentence_start)
    if agent is not None and agent.end <= first.start and _FOUND_BODIES.match(text, first.start, first.end):
        # "Police found the bodies of six men": who found them did not kill them
        agent = None
        passive = True
    if (
        agent is not None
        and agent.end <= first.start
        and _cue_patterns()["investigator_between"].search(text[agent.end : first.start])
    ):
        # "Police are investigating the shooting deaths of two men": who looks into it did not do it
        agent = None
        passive = True
    if not passive and (
        agent is None
        or (agent.actor.name == "Military Forces" and not agent.actor.country and agent.end <= first.start)
    ):
        # "Russia's defence ministry said its troops had taken control": the speaking country's troops
        agent = _speakers_forces(text, sentence_start, first.start, demonyms or {}) or agent
    flown = next((h for h in hits if _AIRCRAFT.match(text, h.start, h.end)), first)
    craft = _OWNED_AIRCRAFT.search(
        text, (flown.start - 30 if flown.start > c_start + 30 else c_start), flown.end
    )
    if craft is not None and craft.end() >= flown.start and (agent is None or agent.end <= craft.start()):
        # "American B-52 bombers pounded Taliban lines": the aircraft's country, whoever was named before
        owned = ActorMatch(Actor("Military Forces", "State forces", ""), craft.group(0), *craft.span())
        national = _national(owned, text, demonyms or {})
        if national.actor.country:
            agent = national
    if agent is None and _AIRCRAFT.match(text, first.start, first.end):
        # "Warplanes bombed militant hideouts": the trigger holds who did it, a state's air force
        agent = ActorMatch(
            Actor("Military Forces", "State forces", ""), text[first.start : first.end], *_span(first)
        )
    fired = next((h for h in hits if h.rule.sub_type in _FIRED_TYPES), None)
    if agent is None and fired is not None:
        # "killed in an Israeli strike", "Russian shelling wounded two": the country named right before
        # the strike fired it, in the passive too
        agent = _strike_country(text, fired.start, demonyms or {})
    if agent is None and not passive:
        # "Israeli aircraft carried out a strike on a compound, killing five": the aircraft's state
        craft = _AIRCRAFT_SUBJECT.match(text, sentence_start, first.start)
        if craft is not None:
            found = ActorMatch(Actor("Military Forces", "State forces", ""), craft.group(1), *craft.span(1))
            agent = _national(found, text, demonyms or {})
    # in the passive the name before the verb is who suffered it ("X was attacked"), not who did it
    agent_text = "" if agent or passive else _unknown_agent(text, c_start, first.start, places)
    if agent is not None and not passive and agent.actor.name == _UNIDENTIFIED and agent.end <= first.start:
        # "fighters of the Chinland Liberation Front captured", "the X Front said its fighters had": the
        # group the words name, as written (its type the fighters'), when the name is an organisation's
        named = _unknown_agent(
            text,
            (agent.start - 60 if agent.start > sentence_start + 60 else sentence_start),
            first.start,
            places,
        )
        if named.lower().startswith(agent.text.lower()):
            named = _MEMBERS_OF.sub("", named)  # "Fighters of the Chinland Liberation Front"
        if named and _ORGANISATION_NAME.search(named) is not None:
            agent = ActorMatch(Actor(named, agent.actor.inter, ""), named, agent.start, agent.end)
    agent = _unknown_army(text, agent, sentence_start, places, demonyms or {})
    if target is not None:  # "exchanged fire with the gang": the gang named before
        target = _named_antecedent(text, target, actors, sentence_start)
    target_cue = target is not None and tail_search(_TARGET_CUE, text[c_start : target.start])
    partner = (
        _partner(text, agent, actors, sentence_start, demonyms or {})
        if agent is not None and agent.start <= first.start
        else None
    )
    if partner is None and helper is not None and not is_generic(helper.actor.name):
        partner = helper.actor  # "Police backed by the MSS mission": the mission joined the police's act
    if partner is not None and target is not None and partner == target.actor:
        partner = None  # "the army and the RSF exchanged fire": the other side, not an ally
    actor1 = agent.actor if agent else None
    other_side: Actor | None = None
    if (
        partner is not None
        and actor1 is not None
        and (target is None or (target.actor.inter == "State forces" and not target.actor.country))
        and partner.inter == actor1.inter == "State forces"
        and "" != partner.country != actor1.country != ""
        and any(_RECIPROCAL.match(text, h.start, h.end) for h in hits)
        and not _WITH_AFTER.match(text, hits[-1].end)
    ):
        # "Border guards from Kyrgyzstan and Tajikistan exchanged fire": two countries' forces that
        # fought with no third side named fought each other (the first named is actor 1; "killing two
        # soldiers" names no third side)
        actor1, other_side, partner, target = partner, actor1, None, None
    if partner is not None and actor1 is not None and partner.inter == "State forces" != actor1.inter:
        # "Malian troops and Wagner fighters killed 12": ACLED codes the state's forces as actor 1
        # and those who fought with them as associated
        actor1, partner = partner, actor1
    elif (
        partner is not None
        and actor1 is not None
        and partner.inter == actor1.inter == "State forces"
        and "" != partner.country != actor1.country != ""
        # (not a helper: "Haitian police, backed by Kenyan officers" are the police's act)
        and (helper is None or partner != helper.actor)
    ):
        # "Mozambican and Rwandan troops clashed": two countries' forces, the first named is actor 1
        actor1, partner = partner, actor1
    victim = (
        _as_victim(target, text, first.end)
        if target
        else other_side or (_CIVILIANS if _civilian_toll(text, first.end) else None)
    )
    if (
        victim is None
        and not passive
        # "soldiers repelled an attack on a post": their own post; the attackers are unnamed
        and not (
            actor1 is not None
            and actor1.inter in _state_inters()
            and any(_REPELLED.fullmatch(text, h.start, h.end) for h in hits)
        )
        and any(_INSTALLATION_OBJECT.match(text, h.end, c_end) for h in hits)
    ):
        # "gunmen stormed the post at Mansila": whoever holds a post or a base bears arms (ACLED: a battle)
        victim = _GARRISON
    return Roles(
        actor1,
        victim,
        agent_text,
        assoc1=partner.name if partner is not None else "",
        assoc1_state=partner.country if partner is not None and partner.inter in _state_inters() else "",
        target_cue=target_cue,
        crowd=next(
            (
                m.actor.inter
                for m in matches
                if m.actor.inter in _CROWD_EVENT_TYPES
                and not (
                    (actor1 is None or actor1.inter not in _state_inters())
                    and _setting_at(text, m.start, m.end)
                )
            ),
            "",
        ),
    )


#: a defender's verb: "soldiers repelled an attack on a post" (the post is theirs)
_REPELLED = re.compile(
    r"repell?ed|repelling|repuls(?:ed|ing)|fought off|fended off|beat back|beaten back|foiled|thwarted",
    re.IGNORECASE,
)
#: "stormed the post", "attacked an isolated outpost": a place held by armed men, whose owner is not named
_INSTALLATION_OBJECT = re.compile(
    r"\s+(?:on\s+|against\s+)?(?:the|a|an|its|their)\s+(?:(?:(?:remote|isolated|small|forward|frontline|"
    r"front-line|border|security|defen[cs]e|battalion|brigade|regiment|division|military|army)\s+)?"
    r"(?:post|outpost|base|barracks|garrison|checkpoint|checkpost|position)s?"
    # "captured a battalion headquarters" (a broadcaster's headquarters is no garrison)
    r"|(?:battalion|brigade|regiment|division|military|army)\s+headquarters)\b(?!-)",
    re.IGNORECASE,
)
_GARRISON = Actor("Military Forces", "State forces")

_WEAPON_NOUN = re.compile(
    r"(?:[\w-]+\s+)?(?:missiles?|rockets?|drones?|shells?|bombs?|projectiles?)", re.IGNORECASE
)


_EVENT_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|these|those|such|of|out)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)


_WHERE = re.compile(r",\s+where\s+")


def _where_police_intervened(text: str, first: Event, second: Event) -> bool:
    """Whether ``second`` is the intervention told of ``first``'s peaceful protest places by ", where"."""
    return (
        first.sub_event_type == "Peaceful protest"
        and second.sub_event_type == "Protest with intervention"
        and _WHERE.search(text, first.trigger[1], second.trigger[0]) is not None
    )


def _moved_to_fight(move: Event, fight: Event) -> bool:
    """Whether ``move`` is the movement of the forces that fight in ``fight``, told in one sentence
    ("officers entered the community before dawn and exchanged fire with gang members"): only the fight
    is an event (ACLED codes no movement that ends in battle)."""
    return (
        move.sub_event_type == "Change to group/activity"
        and _violent(fight)
        # "The troops arrived in the village and rounded up men": who arrived is in the trigger's words
        and (not move.actor1 or _same_actor(move.actor1, move.inter1, fight.actor1, fight.inter1))
    )


def _without_references(text: str, s: int, group: list[Hit]) -> list[Hit]:
    """``group`` without the words that only name an event told before ("soldiers arrived after the attack
    and detained several settlers": the detentions are this event), when it has others."""
    after_the = _cue_patterns()["after_the"]
    kept = [
        h
        for h in group
        # "Three of the dead were in Chittagong, where protesters clashed": a toll still counts
        if _DEATH_ONLY.fullmatch(text, h.start, h.end)
        or not tail_search(after_the, text[(h.start - 40 if h.start > s + 40 else s) : h.start])
    ]
    return kept or group


def _said_again(text: str, first: Event, second: Event, places: list[tuple[int, int]]) -> bool:
    """Whether ``second``, told later in ``first``'s sentence, is ``first`` said again: the same sub-type
    named by a noun ("carrying out revenge killings", not "and attacked a post"), by the same actor (or
    one unnamed), with no count and no place in its own clause."""
    s, e = second.sentence_span
    c_start, c_end = clause_bounds(text, s, e, *second.trigger)
    t0 = second.trigger[0]
    return (
        second.sub_event_type == first.sub_event_type
        and tail_search(_EVENT_NOUN_BEFORE, text[max(s, t0 - 30) : t0])
        and not second.fatalities
        and (second.actor1 == first.actor1 or second.actor1 in _UNKNOWN_AGENTS or is_generic(second.actor1))
        and not any(c_start <= a < c_end for a, _ in places)
    )


def _weapons_stopped(text: str, first: Event, second: Event) -> bool:
    """ "The air force said it shot down 54 of the 68 drones and 20 of the 26 missiles launched by
    Russia": the weapons named after an interception, in its clause, are what it stopped (ACLED codes
    the interception, and the attack where it hit), no attack of their own."""
    t0, t1 = second.trigger
    return (
        first.sub_event_type == "Disrupted weapons use"
        and second.sub_event_type in ("Shelling/artillery/missile attack", "Air/drone strike")
        and first.trigger[1] <= t0 <= first.trigger[1] + 80
        and _WEAPON_NOUN.fullmatch(text, t0, t1) is not None
        and _NEW_CLAUSE.search(text, first.trigger[1], t0) is None  # "..., and a missile hit a school"
    )


_NEW_CLAUSE = re.compile(r"[;.]|,\s+(?:and|but|while|as)\s+")
#: ("the wall of an army compound", "tried to storm an army compound": whose the compound is, too)
_ON_THE = re.compile(
    r"\b(?:on|at|against|near|inside|into|towards?|of|storm(?:ed|ing)?|overr?an|overrun)\s+(?:an?|the)\s+$",
    re.IGNORECASE,
)
_FACILITY_AFTER = re.compile(
    r"\s+(?:compounds?|positions?|hideouts?|targets?|tunnels?|infrastructure|command\s+cent(?:re|er)s?|"
    r"strongholds?|depots?|facilit(?:y|ies)|outposts?|launch\s+sites?)\b",
    re.IGNORECASE,
)


_PARTLY = re.compile(
    r"\b(?:some|most|many|several|a few|part|a number|dozens|one|two|three) of (?:which|them|those|the"
    r" (?:rockets|missiles|drones|projectiles|shells))\b",
    re.IGNORECASE,
)


#: "with guided missiles", "with a drone boat and missiles"
_WITH_TAIL = re.compile(r"\bwith\s+(?:[\w-]+\s+){0,2}(?:[\w-]+\s+and\s+)?$")
_STRIKING = r"targeted|hit|struck|attacked|shelled|bombarded|pounded|bombed"
#: "targeted an Israeli position in Metula with": the last striking verb before an instrument
_INSTRUMENT_VERB = re.compile(
    rf"\b(?:{_STRIKING}|fired (?:at|on))\b(?:(?!\b(?:{_STRIKING}|fired)\b)[^.;])*"
    r"\bwith\s+(?:[\w-]+\s+){0,2}(?:[\w-]+\s+and\s+)?$",
    re.IGNORECASE,
)


def _instrument_verb(text: str, c_start: int, t_start: int) -> int | None:
    """Where the verb starts when the trigger is its instrument ("targeted a position with guided
    missiles"), else None."""
    before = text[(t_start - 200 if t_start > c_start + 200 else c_start) : t_start]
    if not tail_search(_WITH_TAIL, before):
        return None
    m = _INSTRUMENT_VERB.search(before)
    return t_start - len(before) + m.start() if m is not None else None


#: a sentence that opens with aircraft as its subject ("Israeli aircraft carried out ...")
_AIRCRAFT_SUBJECT = re.compile(
    r"\W*(?:[A-Z][\w'’-]*\s+)?((?:fighter\s+)?(?:warplanes|jets|aircraft|helicopters|gunships|bombers))\s+"
    r"(?:carried out|conducted|launched|made|staged)\b"
)
_AIRCRAFT = guarded_pattern(
    re.compile(
        r"(?:fighter\s+)?(?:warplanes?|planes|jets?|aircraft|helicopters?|gunships?|bombers|air\s+force)\b",
        re.IGNORECASE,
    )
)
#: aircraft whose country's demonym comes right before (a model between: "American B-52 bombers"); the
#: match starts after the demonym, where ``_national`` looks for it
_OWNED_AIRCRAFT = re.compile(
    r"(?<=\s)(?:[A-Z][\w-]*\d[\w-]*\s+)?(?:fighter\s+)?(?:warplanes?|planes|jets|aircraft|helicopters|gunships|bombers)\b"
)


#: Sub-types whose trigger is the weapon fired ("strike", "shelling"): the demonym before it names who fired.
_FIRED_TYPES = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})


#: between a demonym and the strike it fired: nothing, or words for its state ("Syrian government shelling")
_STATE_WORDS_ONLY = re.compile(
    r"\s+(?:(?:government|regime|army|military|air\s+force|navy|forces['’]?|troops['’]?)\s+){0,2}",
    re.IGNORECASE,
)


def _country_forces(text: str, end: int, country: str, code: str) -> ActorMatch:
    """The military forces of the country named (or meant by a demonym) in the text up to ``end``: how ACLED
    codes a state acting by force."""
    name = in_country("Military Forces", country)
    return ActorMatch(Actor(name, "State forces", code), text[end - len(country) : end], end, end)


def _strike_country(text: str, t_start: int, countries: dict[int, tuple[str, str]]) -> ActorMatch | None:
    """The military of the country whose name or demonym is the word right before the trigger
    ("an Israeli strike", "Russian shelling"), else None."""
    for end, (country, code) in countries.items():
        if end < t_start and t_start - end <= 30 and _STATE_WORDS_ONLY.fullmatch(text, end, t_start):
            return _country_forces(text, end, country, code)
    return None


def _span(hit: Hit) -> tuple[int, int]:
    return hit.start, hit.end


#: Between two actors before a verb, the second only helping the first: "and (its) allied",
#: "backed by", "supported by" (and up to two words of the second's name not in its match: "tribal")
_HELPERS_GAP = re.compile(
    r"\s*,?\s+(?:and\s+(?:(?:its|their)\s+)?allied|(?:backed|supported|aided|assisted)\s+by)"
    r"(?:\s+[\w-]+){0,4}?\s+",
    re.IGNORECASE,
)
#: The end of ``_HELPERS_GAP`` right before an actor (searched first: most actors have no helper cue)
_HELPERS_CUE = guarded_pattern(
    re.compile(
        r"\b(?:allied|(?:backed|supported|aided|assisted)\s+by)(?:\s+[\w-]+){0,4}?\s+\Z", re.IGNORECASE
    )
)
_ASIDE_OPEN = re.compile(r",\s+(?:which|who|whose|whom|a|an|the)\b[^,;.]*$")
_ASIDE_COMMA = re.compile(r",\s*$")


def _in_aside(text: str, m: ActorMatch, sentence_start: int, t_start: int) -> bool:
    """Whether ``m`` lies in a comma-enclosed aside (", which is linked to al-Qaeda,") of its sentence
    that closes before the trigger at ``t_start``, after a name of its own (the aside describes it)."""
    opened = _ASIDE_OPEN.search(text, max(sentence_start, m.start - 80), m.start)
    if opened is None and text.startswith(("'s ", "’s "), m.end):
        # "JNIM, al Qaeda's affiliate in the Sahel, said": the aside opens with the name it is about
        opened = _ASIDE_COMMA.search(
            text, (m.start - 4 if m.start > sentence_start + 4 else sentence_start), m.start
        )
    if opened is None or not text[: opened.start()].rstrip()[-1:].isalnum():
        return False
    return "," in text[m.end : t_start]


_FORMER = re.compile(r"\b(?:former|ex-|retired|dismissed|one-time)\s*$", re.IGNORECASE)
_LED_BY = re.compile(r",\s+(?:led|headed|commanded|founded|run)\s+by\s+[^,;]*$")


def _not_acting(text: str, m: ActorMatch) -> bool:
    """A force named only to describe a person ("led by former police officer Jimmy Cherizier") is no
    side of the event: a "former" member (not "dissidents of the former FARC"), or a name inside a
    ", led by ..." aside."""
    before = text[(m.start - 80 if m.start > 80 else 0) : m.start]
    if tail_search(_LED_BY, before):  # end-anchored: its ``.search``, one attempt on the reversed text
        return True
    if not tail_search(_FORMER, before):
        return False
    nxt = _PERSON_AFTER.match(text, m.end)
    return bool(_PERSON_END.search(text, m.start, nxt.end() if nxt else m.end))


#: a person's rank or role, at the end of a force's name or the word after it ("police officer")
_PERSON_END = re.compile(
    r"\b(?:officer|soldier|policeman|policewoman|commander|member|general|chief|leader|official|colonel|"
    r"captain|major|sergeant|agent|fighter|guerrilla|militant)$",
    re.IGNORECASE,
)
_PERSON_AFTER = re.compile(r"(?:\s+[a-z]+(?=[\s,.;]|$))?")


_AND_COUNT = re.compile(r"\s*(?:,\s*)?and\s+(?:[\w'’-]+\s+){0,2}")  # "soldiers and two rebels"
_AND = re.compile(
    r"\s*(?:,\s*)?(?:and|together with|alongside|backed by|with)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+)?"
    r"(?:(?:local|allied|pro-government|government-backed|state-backed|auxiliary)\s+)?"
)  # "X and Y", "X and Malian Y", "Somali forces and local clan militias"


def _country_agent(
    text: str, c_start: int, t_start: int, countries: dict[int, tuple[str, str]], sentence_start: int = -1
) -> ActorMatch | None:
    """A country named as the subject of the trigger ("Israel struck targets near Damascus", "British
    forces struck"): its military forces, as ACLED codes a state acting by force. What a country
    "launched" may reach back past the clause to the sentence (``sentence_start``): "Russia launched a
    drone and missile attack"."""
    # max and min of the two starts, found once (not for every country of the document)
    late, early = (c_start, sentence_start) if c_start >= sentence_start else (sentence_start, c_start)
    for end, (country, code) in countries.items():
        launched = late > end - len(country) >= early
        between = c_start < end <= t_start
        if (
            between
            and (
                _ADVERBS_ONLY.fullmatch(text, end, t_start) or _ITS_FORCES_NOUN.fullmatch(text, end, t_start)
            )
        ) or ((c_start < end <= t_start or launched) and _LAUNCHED.fullmatch(text, end, t_start)):
            return _country_forces(text, end, country, code)
    return None


_ITS_FORCES = re.compile(
    r"(?:['’]s\s+(?:[\w-]+\s+){0,3}?)(?:said|says|claimed|announced|reported|stated)\s+"
    r"(?:on\s+[A-Z]\w+\s+)?(?:that\s+)?"
    r"(?:its|their)\s+(?:[\w-]+\s+)?(?:forces|troops|soldiers|units|army|military|fighters|aircraft|jets|defen[cs]es)\s+"
    r"(?:(?:had|have|has)\s+)?(?:(?:also|successfully|reportedly)\s+)?",
    re.IGNORECASE,
)


#: "India said it carried out missile strikes", "Israel said on Sunday that it had struck": a country that
#: says it struck (the trigger right after, or the weapons of "carried out")
_IT_STRUCK = re.compile(
    r"\s+(?:said|says|claimed|announced|stated)\s+(?:on\s+[A-Z]\w+\s+)?(?:that\s+)?it\s+"
    r"(?:(?:had|has)\s+)?(?:(?:also|successfully)\s+)?"
    r"(?:(?:carried\s+out|launched|conducted)\s+(?:[\w-]+\s+){0,2}?)?",
    re.IGNORECASE,
)


def _speakers_forces(
    text: str, sentence_start: int, t_start: int, countries: dict[int, tuple[str, str]]
) -> ActorMatch | None:
    """ "Russia's Defense Ministry said its forces had captured the village", "India said it carried out
    missile strikes": the forces are the speaking country's (ACLED: its military forces)."""
    for end, (country, code) in countries.items():
        if sentence_start < end <= t_start and (
            _ITS_FORCES.fullmatch(text, end, t_start) or _IT_STRUCK.fullmatch(text, end, t_start)
        ):
            return _country_forces(text, end, country, code)
    return None


_SPEAKER_AFTER = re.compile(  # ", the Syrian army said"; "a spokesperson for the MONUSCO mission said"
    # "the British military's maritime agency said"
    r"(?:['’]s(?:\s+[\w-]+){1,2})?"
    r"\s+(?:(?:mission|spokesm[ae]n|spokesperson|command|statement)\s+)?"
    r"(?:said|says|reported|announced|claimed|told|stated|added|confirmed|denied)\b",
    re.IGNORECASE,
)
_UNARMED = frozenset({"Civilians", "Protesters"})


@functools.cache
def _state_inters() -> frozenset[str]:
    """ACLED's actor types of a state's forces (``state_inter`` in ``event_cues.json``)."""
    return frozenset(load_lexicon().cues["state_inter"])


_SAID_THAT = re.compile(
    # "A Taliban spokesman in Kabul said Pakistani shells had killed": the group's speaker, where he spoke
    r"\s+(?:(?:spokesm[ae]n|spokeswoman|spokesperson|officials?|commanders?|sources?)\s+"
    r"(?:(?:in|from)\s+[A-Z][\w'’-]*\s+)?)?"
    r"(?:said|says|reported|claimed|added)\s+(?:that\s+)?",
    re.IGNORECASE,
)
_SOURCE_AFTER = re.compile(
    r"\s+(?:said|says|say|told|reported|added|stated)\b(?!\s+(?:that\s+)?(?:they|it|we|he|she)\b)",
    re.IGNORECASE,
)
_AND_COUNTRY = re.compile(r"\s+and\s+(?:[A-Z][\w'’-]*(?:\s+|$))?")
#: "Russia launched more than 60 missiles": the country fired what the trigger names
_LAUNCHED = re.compile(
    r"\s+(?:(?:also|again|reportedly|later|then|had|has|have)\s+)*(?:launched|fired|unleashed|sent)\s+"
    r"(?:[\w,'’-]+\s+){0,5}?"
)
_ADVERBS_ONLY = re.compile(r"\s+(?:(?:also|again|reportedly|allegedly|later|then|had|has|have)\s+)*")
#: "British forces struck", "French special forces raided": a country's forces, a word no actor list
#: holds alone ("forces" may be anyone's)
_ITS_FORCES_NOUN = re.compile(r"\s+(?:(?:armed|naval|air|special)\s+)?forces" + _ADVERBS_ONLY.pattern)


#: "Rebels launched an offensive in northwestern Syria on Wednesday and captured ...": no comma between
_AND_VERB = re.compile(r"\s*(?:[\w'’-]+\s+){0,6}?and\s+(?:then\s+|later\s+)?")


#: "... the attackers and killed five of them in a clash": a second verb, then the event's own noun
_AND_VERB_THEN_NOUN = re.compile(
    r"\s+and\s+(?-i:[a-z]+ed)\s+(?:[\w'’-]+\s+){0,6}?(?:in|during)\s+(?:a|an|the)\s+(?:[\w-]+\s+)?"
)
#: "... pursued the attackers": a past-tense verb right before its object
_VERB_THEN_OBJECT = re.compile(r"\s+(?:[\w'’-]+\s+){0,5}?(?-i:[a-z]{3,}ed)\s+(?:the\s+|a\s+|an\s+)?")


def _subject_of_coordinated_verb(
    text: str, last: ActorMatch, t_start: int, actors: ActorList, sentence_start: int
) -> tuple[ActorMatch, ActorMatch | None]:
    """ "Gunmen killed 30 villagers and abducted dozens more", "Government troops backed by Russian
    instructors pursued the attackers and killed five of them (in a clash)": the actor named last before
    a verb joined by "and" is the object of the first verb (an event's trigger, a verb of ``object_verbs``
    or any past-tense verb right before it), and the first verb's subject (the actor named before it,
    past its helpers: the troops, not their instructors) did both. Returns (subject, the first verb's
    object or None); civilians named last are no subject either way (the last armed actor is)."""
    if not (
        _AND_VERB.fullmatch(text, last.end, t_start) or _AND_VERB_THEN_NOUN.fullmatch(text, last.end, t_start)
    ):
        return last, None
    earlier = _heads(actors.find(text, sentence_start, last.start), text)
    if (
        earlier
        and earlier[-1].actor != last.actor
        and (
            _VERB_THEN_OBJECT.fullmatch(text, earlier[-1].end, last.start)
            or find_hits(text, earlier[-1].end, last.start)
            # "troops pursued the attackers and killed three of them": a verb of no event's own
            or _cue_patterns()["object_verbs"].search(text, earlier[-1].end, last.start) is not None
        )
    ):
        k = len(earlier) - 1
        while k > 0 and _HELPERS_GAP.fullmatch(text, earlier[k - 1].end, earlier[k].start):
            k -= 1  # "Government troops backed by Russian instructors": the troops
        if earlier[k].actor != last.actor:
            return earlier[k], last
    if last.actor.inter == "Civilians":
        return next((m for m in reversed(earlier) if m.actor.inter != "Civilians"), last), None
    return last, None


_NON_STATE = frozenset({"Rebel group", "Political militia", "Identity militia"})
#: "killed 40 rebels", "dozens of fighters": a count right before a generic group
_COUNTED_GROUP = re.compile(r"\b(?:\d[\d,]*|dozens\s+of|scores\s+of|hundreds\s+of)\s+$", re.IGNORECASE)
#: "the rebels", "its fighters", "the retreating attackers"
_DEFINITE = re.compile(r"\b(?:the|its|their)\s+(?:[a-z]+ing\s+|[a-z]+ed\s+)?$", re.IGNORECASE)


def _named_antecedent(text: str, agent: ActorMatch, actors: ActorList, sentence_start: int) -> ActorMatch:
    """ "Fighting between the Arakan Army and junta troops continued, where the rebels said they
    captured a police outpost": "the rebels" are the Arakan Army, the last armed group named in this
    sentence or the one before (a definite generic refers back; "rebels" alone does not)."""
    if agent.actor.inter not in _NON_STATE or not (
        is_generic(agent.actor.name) or agent.actor.name in _UNKNOWN_AGENTS
    ):
        return agent
    definite = text.startswith(("the ", "The "), agent.start)  # "the gang" is a name of its own
    counted = _COUNTED_GROUP.search(text, max(0, agent.start - 20), agent.start) is not None
    if not definite and not counted and not _DEFINITE.search(text, max(0, agent.start - 20), agent.start):
        return agent
    word = text[agent.start : agent.end].lower()
    far = any(w in word for w in load_lexicon().cues["antecedent_far"])
    earlier = _heads(actors.find(text, max(0, sentence_start - (700 if far else 300)), agent.start), text)
    if counted and not definite:
        # "M23 rebels captured the town ... the army said it had killed 40 rebels": a count of the same
        # word the named group was called by just before is of that group ("40 rebels" alone is none)
        earlier = [
            m
            for m in earlier
            if m.text.lower().endswith(" " + word)
            or text[m.end : m.end + len(word) + 1].lower() == " " + word
        ]
    # "the rebels" are a rebel group, "the gang" a gang (``antecedent_kinds`` in event_cues.json)
    kinds = next((k for w, k in _antecedent_kinds().items() if w in word), _NON_STATE)
    named = [
        m
        for m in earlier
        if m.actor.inter in kinds and not is_generic(m.actor.name) and m.actor.name not in _UNKNOWN_AGENTS
    ]
    return named[-1] if named else agent


@functools.cache
def _antecedent_kinds() -> dict[str, frozenset[str]]:
    """Word of a definite generic group -> the actor types of the named groups it may refer back to."""
    return {w: frozenset(kinds) for w, kinds in load_lexicon().cues["antecedent_kinds"].items()}


_BETWEEN = re.compile(r"\s+(?:\w+\s+){0,3}?between\s+(?:the\s+)?", re.IGNORECASE)
_TWO_OF_A_KIND = re.compile(r"(?:two|rival)\s+(?:[\w-]+\s+)?", re.IGNORECASE)


def _between(
    text: str,
    t_end: int,
    after: list[ActorMatch],
    actors: ActorList,
    countries: dict[int, tuple[str, str]],
) -> tuple[ActorMatch, ActorMatch] | None:
    """The two sides of "clashes between X and Y" (ACLED: X actor 1, Y actor 2), or ``None``. Y may lie
    past the clause's end (a clause boundary falls at "and")."""
    if not after:
        return None
    first = after[0]
    m = _BETWEEN.match(text, t_end)
    if m is not None and _TWO_OF_A_KIND.fullmatch(text, m.end(), first.start):
        return first, first  # "fighting between two clan militias": one kind of actor on both sides
    if m is None or m.end() != first.start:
        return None
    rest = text[first.end : first.end + 80]
    stop = _SENTENCE_STOP.search(rest)
    end = first.end + (stop.start() if stop else len(rest))
    later = _heads(actors.find(text, first.end, end), text)
    if not later:
        return None
    if not _PLAIN_AND.fullmatch(text, first.end, later[0].start) and not (
        later[0].actor.inter in _NON_STATE_ARMED and _DESCRIBED_AND.fullmatch(text, first.end, later[0].start)
    ):
        return None
    return first, _national(later[0], text, countries)


_RECIPROCAL = re.compile(
    r"clash\w*|fought|fighting|battled?|battling|exchanged|fire ?fights?|gun ?fights?|gun ?battles?"
    r"|shoot-?outs?|skirmish\w*",
    re.IGNORECASE,
)
_WITH_AFTER = re.compile(r"\s+with\s+(?:the\s+)?", re.IGNORECASE)


def _side_met(text: str, hits: list[Hit], c_end: int, actors: ActorList) -> Actor | None:
    """The armed or state side named right after "clashed with" / "fought with" among ``hits``, or None."""
    for h in hits:
        if _RECIPROCAL.fullmatch(text, h.start, h.end) is None:
            continue
        gap = _WITH_AFTER.match(text, h.end, c_end)
        if gap is None:
            continue
        found = actors.find(text, gap.end(), min(c_end, gap.end() + 60))
        if found and found[0].start == gap.end() and found[0].actor.inter not in _UNARMED:
            return found[0].actor
    return None


_FROM_SIDE = re.compile(
    r"\bfrom\s+(?:the\s+)?(?:(?:paramilitary|rebel|militant|jihadist|insurgent|armed)\s+)?"
)


def _side_after(
    cue: re.Pattern[str],
    text: str,
    start: int,
    end: int,
    actors: ActorList,
    actor1: Actor,
    gap: re.Pattern[str] | None = None,
) -> Actor | None:
    """The armed side named right after ``cue`` in text[start:end] (words ``gap`` fully matches may come
    between), unless it is ``actor1``; else None."""
    for m in cue.finditer(text, start, end):
        found = actors.find(text, m.end(), min(end, m.end() + 60))
        if not found or found[0].actor.inter in _UNARMED:
            continue
        if found[0].start == m.end() or (gap is not None and gap.fullmatch(text, m.end(), found[0].start)):
            return found[0].actor if found[0].actor != actor1 else None
    return None


def _taken_from(text: str, start: int, end: int, actors: ActorList, actor1: Actor) -> Actor | None:
    """The armed side a place was taken "from", named later in the clause of a capture, or None."""
    return _side_after(_FROM_SIDE, text, start, end, actors, actor1)


_AFTER_SIDE = re.compile(r"\b(?:after|as|when|once)\s+(?:the\s+)?", re.IGNORECASE)
#: "... after government troops and allied militias withdrew": what the side named after "after" did
_LEFT = re.compile(
    r"(?:\s+(?:and|[\w'’-]+)){0,4}?\s+(?:had\s+)?(?:withdr[ae]w\w*|retreated|pulled\s+(?:out|back)|fled"
    r"|abandoned)\b",
    re.IGNORECASE,
)


def _side_that_left(text: str, start: int, end: int, actors: ActorList, actor1: Actor) -> Actor | None:
    """ "M23 rebels captured the town of X in North Kivu on Saturday after government troops and allied
    militias withdrew": the side that withdrew, named after "after" later in the sentence of a capture,
    lost the place (ACLED's actor 2), or None."""
    for m in _AFTER_SIDE.finditer(text, start, end):
        found = actors.find(text, m.end(), min(end, m.end() + 60))
        if not found or found[0].start != m.end() or found[0].actor.inter in _UNARMED:
            continue
        if _LEFT.match(text, found[0].end, end) is None:
            continue
        return found[0].actor if found[0].actor != actor1 else None
    return None


_DEMONYM_AND = re.compile(r"(?:[A-Z][\w'’-]+,?\s+(?:and\s+)?){0,3}")
_MET_LATER = re.compile(
    r"\b(?:clash(?:es|ed|ing)?|fighting|fought|battles?|battled)\s+with\s+(?:the\s+)?", re.IGNORECASE
)


def _side_met_later(text: str, start: int, end: int, actors: ActorList, actor1: Actor) -> Actor | None:
    """The armed side named after "clashes with" later in the sentence of a battle that names only
    its first side, or None."""
    # "clashing with Mozambican and Rwandan troops": the troops of both
    return _side_after(_MET_LATER, text, start, end, actors, actor1, gap=_DEMONYM_AND)


#: "between the ELN and FARC dissidents", "... (ELN) and the 33rd Front of the FARC dissidents" (a unit of
#: the group is the group)
_PLAIN_AND = re.compile(
    r"\)?\s*(?:,\s*)?and\s+(?:the\s+|a\s+)?"
    r"(?:(?:[\w-]+\s+){0,2}(?i:front|faction|brigade|battalion|unit|column|bloc|wing|splinter\s+group)"
    r"\s+of\s+(?:the\s+)?)?(?:[A-Z][\w'’-]*\s+)?"
)
#: "and Arab tribal fighters": a word that describes an armed side, outside its name's match
_DESCRIBED_AND = re.compile(_PLAIN_AND.pattern + r"(?-i:[a-z])[\w'’-]*\s+")


def _opponent(
    text: str,
    agent: ActorMatch | None,
    trigger: Hit,
    actors: ActorList,
    sentence_start: int,
    countries: dict[int, tuple[str, str]],
) -> ActorMatch | None:
    """For a verb two sides share ("Somali troops and al-Shabaab fighters clashed"), the side named
    first when it is not the agent's ally: ACLED's actor 1, the agent becoming actor 2. Allies are
    joined by "with", "alongside" or "backed by", or are both state forces."""
    if agent is None or agent.start > trigger.start:
        return None
    if not _RECIPROCAL.fullmatch(text, trigger.start, trigger.end):
        return None
    earlier = _heads(actors.find(text, max(sentence_start, agent.start - 120), agent.start), text)
    earlier = [_national(m, text, countries) for m in earlier]
    if not earlier:
        return None
    other = earlier[-1]
    if other.actor == agent.actor or not _PLAIN_AND.fullmatch(text[other.end : agent.start]):
        return None
    if other.actor.inter == agent.actor.inter == "State forces":
        return None
    return other


def _partner(
    text: str,
    agent: ActorMatch | None,
    actors: ActorList,
    sentence_start: int,
    countries: dict[int, tuple[str, str]],
) -> Actor | None:
    """The actor named with the agent ("Wagner mercenaries and Malian soldiers executed ..."): ACLED's
    associated actor 1 (the clause starts at the agent, so the partner is looked for before it)."""
    if agent is None:
        return None
    if agent.actor.inter == "State forces":  # "Russian and Syrian warplanes": Russia's forces with Syria's
        for end, (country, code) in countries.items():
            if _AND_COUNTRY.fullmatch(text, end, agent.start) and country not in agent.actor.name:
                return Actor(in_country("Military Forces", country), "State forces", code)
    for end, (country, code) in countries.items():
        # "Somali forces and local clan militias recaptured": a country's forces named with the agent
        if end < agent.start and _FORCES_AND.fullmatch(text, end, agent.start):
            return Actor(in_country("Military Forces", country), "State forces", code)
    earlier = [
        _national(m, text, countries)
        for m in _heads(actors.find(text, max(sentence_start, agent.start - 120), agent.start), text)
    ]
    if not earlier:
        return None
    other = earlier[-1]
    if other.actor == agent.actor or not _AND.fullmatch(text[other.end : agent.start]):
        return None
    if _BETWEEN_BEFORE.search(text, max(0, other.start - 20), other.start):
        return None  # "fighting between the army and Fano militiamen": opponents, not partners
    return other.actor


_FORCES_AND = re.compile(
    r"\s+(?i:(?:(?:government|security|armed|special)\s+)?(?:forces|troops|soldiers|army|military))"
    + _AND.pattern
)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:the\s+)?$", re.IGNORECASE)


def _demonym_countries(doc: Document) -> dict[int, tuple[str, str]]:
    """End offset -> (country name, code) of each mention of a country, demonyms included ("Malian")."""
    return {
        rp.mention.end: (rp.place.name, rp.place.country_code)
        for rp in doc.places
        if rp.place is not None and rp.place.feature_code.startswith("PCL")
    }


def _national(m: ActorMatch, text: str, demonyms: dict[int, tuple[str, str]]) -> ActorMatch:
    """A generic state force right after a country's demonym or possessive is that country's: "Malian
    soldiers" and "Mali's army" are the Military Forces of Mali, whatever the place of the event."""
    if m.actor.country or m.actor.inter != "State forces":
        return m
    for end, (country, code) in demonyms.items():
        if end <= m.start and text[end : m.start].strip() in ("", "'s", "’s"):  # "Myanmar's military"
            named = in_country(m.actor.name, country)
            if named != m.actor.name:
                return replace(m, actor=Actor(named, m.actor.inter, code))
    return m


def _civilian_toll(text: str, t_end: int) -> bool:
    """Whether the rest of the sentence counts civilian dead ("shelled the town, killing 27 civilians"):
    with no actor named as the target, the civilians are (ACLED's actor 2 of shelling that kills them)."""
    rest = text[t_end : t_end + 200]
    stop = _SENTENCE_STOP.search(rest)
    return _cue_patterns()["civilian_toll"].search(rest[: stop.start()] if stop else rest) is not None


_SENTENCE_STOP = re.compile(r"[.;!?](?:\s|$)")


def _near_after(gap: str) -> bool:
    """Whether an actor this far after the trigger may be its object ("massacre ... of X" reaches far)."""
    n = len(_WORD.findall(gap))
    return n <= 8 or (n <= 14 and tail_search(_OF_TAIL, gap))


def _earlier_agent(text: str, s: int, c_start: int, actors: ActorList) -> ActorMatch | None:
    """For a clause without a subject ("..., where they have been ..."), the last actor named before it."""
    if c_start <= s:
        return None
    earlier = [
        m for m in _heads(actors.find(text, s, c_start), text) if not _owner_of_target(text, m.start, m.end)
    ]
    return earlier[-1] if earlier else None


def _owner_of_target(text: str, start: int, end: int) -> bool:
    """ "a strike on a Hamas compound": the name at text[start:end] says whose the place struck is, not
    who struck it."""
    return bool(_FACILITY_AFTER.match(text, end) and _ON_THE.search(text, max(0, start - 12), start))


@functools.cache
def _non_actor_words() -> frozenset[str]:
    """Capitalised words that start sentences but name no one ("Two days earlier", "Separately")."""
    return frozenset(load_lexicon().cues["non_actor_capitalised"])


#: a capitalised preposition opening a run of capitalised words: a place phrase ("In Maguindanao")
_PLACE_OPENERS = frozenset({"In", "At", "Near", "Outside", "Inside", "Across", "Around", "From", "Off"})


def _unknown_army(
    text: str,
    agent: ActorMatch | None,
    sentence_start: int,
    places: list[tuple[int, int]],
    countries: dict[int, tuple[str, str]],
) -> ActorMatch | None:
    """ "Gunmen from the Zomi Revolutionary Army attacked": a bare "Army" (or "Forces") read as some
    state's military is the end of the name of a group the actor list lacks when capitalised words
    that name no country and no place come right before it; that group, as written, of unknown type."""
    if (
        agent is None
        or agent.actor.name != "Military Forces"
        or agent.actor.country
        or not agent.text[:1].isupper()
    ):
        return agent
    run = _NAME_BEFORE.search(
        text, (agent.start - 60 if agent.start > sentence_start + 60 else sentence_start), agent.start
    )
    if run is None or run.start(1) == sentence_start:
        return agent  # "The Army said": no name, the sentence's first word
    start = run.start(1)
    if any(start < end <= agent.start for end in countries) or any(
        start < pe and ps < agent.start for ps, pe in places
    ):
        return agent  # "the Sudanese Army", "the Myanmar Army": a state's
    name = text[start : agent.end]
    return ActorMatch(Actor(name, "", ""), name, start, agent.end)


#: the members' word before the group's name: "Fighters of the| Chinland Liberation Front"
_MEMBERS_OF = re.compile(r"^[\w'’-]+\s+(?:of|from)\s+(?:the\s+)?")
#: capitalised words right before an alias: "the Zomi Revolutionary| Army"
_NAME_BEFORE = re.compile(r"((?:(?-i:[A-Z])[\w'’-]*\s+){1,4})$")


_UNIDENTIFIED = "Unidentified Armed Group"
#: the last word of an organisation's name ("Chinland Liberation Front", "the 313 Brigade")
_ORGANISATION_NAME = re.compile(
    r"\b(?:Front|Army|Forces?|Movement|Brigades?|Battalions?|Alliance|Organi[sz]ation|Group|Council|Union|"
    r"Militia|Resistance|Guards?|Jamaat|Coalition|Corps|Regiment|Tigers)$"
)


def _unknown_agent(text: str, c_start: int, t_start: int, places: list[tuple[int, int]]) -> str:
    """A capitalised name just before the trigger that is neither a known actor nor a place."""
    window_start = max(c_start, t_start - 60)
    non_actor = _non_actor_words()
    best = ""
    place_phrase_end = -1
    for m in _CAPITALISED.finditer(text, window_start, t_start):
        words = m.group(0).split()
        if words[0] in _PLACE_OPENERS and (len(words) > 1 or text.startswith(" the ", m.end())):
            # "In Maguindanao del Sur, a grenade ...", "In the northeastern Catatumbo region, fighting
            # ...": where, not who (up to the comma)
            comma = text.find(",", m.end(), t_start)
            place_phrase_end = comma if comma >= 0 else t_start
            continue
        if all(w in non_actor for w in words):
            continue  # "On Monday", "Nobody"
        if m.start() < place_phrase_end:
            continue
        if len(words) == 1 and not text[c_start : m.start()].strip(" \n\"“‘'("):
            continue  # "Smaller rallies took place": a capitalised first word, not a name
        m_start, m_end = m.start(), m.end()
        taken = False  # any(m.start() < pe and ps < m.end() for ps, pe in places), without a generator
        for ps, pe in places:
            if m_start < pe and ps < m_end:
                taken = True
                break
        if taken:
            continue
        if _owner_of_target(text, m.start(), m.end()):
            continue  # "a strike on a Hamas compound": whose the place struck is
        name = _count_words_removed(_ARTICLE.sub("", m.group(0)))
        best = name or best
    return best


def _count_words_removed(name: str) -> str:
    """ "Dozens of Mapuche" is the Mapuche: a count opening a capitalised phrase ("Dozens of",
    "Hundreds of", "Two dozen") names how many, not who (the lexicon's number and vague words)."""
    cues = load_lexicon().cues
    words = sorted(
        (w for w in {**cues["number_words"], **cues["vague_numbers"]} if w[:1] != "_"), key=len, reverse=True
    )
    low = name.lower()
    for w in words:
        if low.startswith(w + " "):
            rest = name[len(w) + 1 :]
            rest = rest[3:] if rest.startswith("of ") else rest
            return _ARTICLE.sub("", rest) if rest[:1].isupper() or rest.startswith(("the ", "The ")) else ""
    return name


# ---------------------------------------------------------------- types


def _choose_type(
    text: str, c_start: int, c_end: int, hits: list[Hit], roles: Roles
) -> tuple[str | None, Hit]:
    """The sub-event type of a group of triggers, in ACLED priority order, and the trigger that decided it."""
    lexicon = load_lexicon()
    subs = lexicon.sub_types
    state = roles.agent is not None and roles.agent.inter in lexicon.cues["state_inter"]
    if not state and any(subs[h.rule.sub_type].event_type not in _CROWD_TYPES for h in hits):
        # "a candidate was shot dead at a campaign rally": the rally is where the attack happened (a state
        # force that fires at a rally is met by the protest rules: excessive force)
        hits = [h for h in hits if not _setting(text, h, subs)] or hits
    best: tuple[int, str, Hit] | None = None
    for hit in hits:
        name = _resolve(text, c_start, c_end, hit, roles)
        rank = subs[name].priority
        if best is None or rank < best[0]:
            best = (rank, name, hit)
    if best is None:
        return None, hits[0]
    if subs[best[1]].event_type == _REMOTE_VIOLENCE:
        # a weapon named after a disruption verb of the same event is its object, not its use:
        # "defused a roadside bomb", "intercepted two rockets" are Disrupted weapons use (ACLED)
        for hit in hits:
            if hit.rule.sub_type == "Disrupted weapons use" and hit.end <= best[2].start:
                return hit.rule.sub_type, hit
    first = hits[0]
    if best[2].start > first.end and _PARTICIPLE_AFTER.search(text, first.end, best[2].start + 1):
        # "attacked the town of Macomia on Friday, looting shops and clashing with soldiers": the clash types
        # it; the verb that opens the report says where it happened
        return best[1], first
    return best[1], best[2]


#: a participle clause after the verb that opens a report (", looting shops and clashing with ...")
_PARTICIPLE_AFTER = re.compile(r",\s+(?:[^,;.]*\s)?\w+ing\b[^,;.]*$")


_CROWD_TYPES = frozenset({"Protests", "Riots"})
_PASSIVE_DEATH = re.compile(
    r"\b(?:were|was|have been|had been)\s+(?:(?:reportedly|later)\s+)?(?:shot\s+)?(?:killed|dead)\b|\bdied\b",
    re.IGNORECASE,
)
_STATE_FORCE_WORDS = re.compile(
    r"\b(?:police|policem[ae]n|officers|security forces|troops|soldiers|army|military|gendarmes?|gendarmerie|"
    r"national guard|riot police|forces)\b",
    re.IGNORECASE,
)
_AT_A = re.compile(
    r"\b(?:at|during|outside|near|after|before|ahead of)\s+(?:an?|the|his|her|their|its)\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)


_GATHERING = re.compile(
    r"(?:rall(?:y|ies)|protests?|demonstrations?|march(?:es)?|sit-ins?|gatherings?|vigils?|meetings?)",
    re.IGNORECASE,
)


def _setting(text: str, hit: Hit, subs: dict[str, SubType]) -> bool:
    """Whether ``hit`` is a demonstration named as the setting of something else ("at a rally")."""
    return subs[hit.rule.sub_type].event_type in _CROWD_TYPES and _setting_at(text, hit.start, hit.end)


def _setting_at(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] names a gathering as a place ("at a campaign rally", "during the march");
    people ("at the protesters") are not one."""
    return bool(_GATHERING.fullmatch(text, start, end)) and bool(
        _AT_A.search(text, max(0, start - 40), start)
    )


def _resolve(text: str, c_start: int, c_end: int, hit: Hit, roles: Roles) -> str:
    cues = _cue_patterns()
    how = hit.rule.resolve
    if how == "target":
        target, agent = roles.target, roles.agent
        if (
            target is not None
            and target.inter == "Protesters"
            and agent is not None
            and agent.inter == "State forces"
        ):
            return "Excessive force against protesters"  # ACLED: state violence against a demonstration
        if target is not None:
            return "Attack" if target.inter in load_lexicon().cues["unarmed_inter"] else "Armed clash"
        return "Attack"
    if how == "actor1":
        agent = roles.agent
        state = agent is not None and agent.inter in load_lexicon().cues["state_inter"]
        if cues["captured_person"].match(text, hit.end, c_end):
            # people captured, not a place: a detention ("troops captured a rebel commander")
            return "Arrests" if state else "Abduction/forced disappearance"
        return "Government regains territory" if state else "Non-state actor overtakes territory"
    if how == "state_air":
        # "the army bombed the town": a state's armed forces bomb from the air (ACLED), others plant bombs
        agent = roles.agent
        if agent is not None and agent.inter == "State forces" and "Police" not in agent.name:
            return "Air/drone strike"
        return hit.rule.sub_type
    if how == "protest":
        clause = text[c_start:c_end]
        # lethal force by a state's forces ("the collapse of a canopy that killed 15 people" is none)
        if cues["protest_force"].search(clause) and _STATE_FORCE_WORDS.search(clause):
            return "Excessive force against protesters"
        if cues["clash_word"].search(clause):
            return "Violent demonstration"
        if cues["protest_intervention"].search(clause):
            return "Protest with intervention"
    return hit.rule.sub_type


# ---------------------------------------------------------------- fatalities and certainty


def _number(word: str) -> int | None:
    cues = load_lexicon().cues
    w = " ".join(word.lower().split())
    if w[0].isdigit():
        try:
            return int(w.replace(",", ""))
        except ValueError:
            return None
    value = cues["vague_numbers"].get(w, cues["number_words"].get(w))
    return int(value) if isinstance(value, int) else None


#: a number in figures: what a label takes ("Article 3", "Route 60"; a spelled-out one, "Chapter Seven",
#: is rare, and looking for those words too would cost every clause four times as much)
_FIGURES = re.compile(r"\d+(?:,\d{3})*")


@functools.cache
def _label_nouns() -> frozenset[str]:
    """The nouns after which a number names a thing (``label_nouns`` in ``event_cues.json``)."""
    return frozenset(load_lexicon().cues["label_nouns"])


def _word_before(text: str, lo: int, at: int) -> str:
    """The word right before ``at`` past spaces, a "#" and a full stop ("Camp #3", "Camp No. 3": "Camp",
    "No"), not before ``lo``; "" when a letter or a digit touches ``at`` ("A3", "1,200")."""
    end = at
    while end > lo and text[end - 1] in " #\t\n":
        end -= 1
    if end == at and (end == lo or text[end - 1] != "#"):
        return ""
    if end > lo and text[end - 1] == ".":
        end -= 1
    start = end
    while start > lo and text[start - 1].isalpha():
        start -= 1
    return text[start:end]


def _unlabelled(text: str, s: int, e: int) -> str:
    """``text`` with each number of ``text[s:e]`` that names a thing ("Article 3", "Camp 22", "Brigade 55
    soldiers": ``label_nouns`` in ``event_cues.json``) blanked out, so no count reads it: a capitalised
    label always names; a lower-case one unless a counted noun follows ("on the road 12 people died")."""
    first = _FIGURES.search(text, s, e)
    if first is None:
        return text  # most clauses spell their counts out, or have none
    cues = _cue_patterns()
    labels = _label_nouns()
    spans: list[tuple[int, int]] = []
    for m in _FIGURES.finditer(text, first.start(), e):
        word = _word_before(text, max(s, m.start() - 40), m.start())
        if not word or word.lower() not in labels:
            continue
        if word[0].isupper() or not cues["group_rest"].match(text, m.end(), e):
            spans.append(m.span())
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    for start, end in spans:
        parts += [text[last:start], "#" * (end - start)]
        last = end
    parts.append(text[last:])
    return "".join(parts)


def fatalities(text: str, c_start: int, c_end: int, hits: list[Hit]) -> int:
    """The lowest death toll the clause reports (0 when only injuries or none are given); a number that
    labels a thing ("Article 3", "Camp 22") counts no one."""
    cues = _cue_patterns()
    text = _unlabelled(text, c_start, c_end)
    clause = text[c_start:c_end]
    values: list[int] = []
    # "N ... killed" needs a word of death after a non-word character: most clauses have none
    found_fatal = cues["fatal_word"].search(clause) is not None
    found = cues["num_then_fatal"].search(clause) if found_fatal else None
    while found is not None:
        # a count passed over may hide the real one after it ("In a separate incident, two soldiers were
        # killed"): look again from just after it; a count taken covers its words
        value = _death_count(cues, text, c_start, clause, found)
        if value is not None and _counted_after(cues, clause, found):
            value = None  # "Two gunmen ... shot dead five people", "alert(3) ... killing 7": N is no toll
        if value is not None:
            values.append(value)
        found = cues["num_then_fatal"].search(clause, found.end() if value is not None else found.end("num"))
    # "killed N ...": one of the verbs or nouns of killing must start it (half the clauses have none)
    for m in cues["fatal_then_num"].finditer(clause) if _cue_gate("fatal_then_num", 4)(clause) else ():
        if cues["injured_after"].match(clause, m.end("num")):
            continue  # "left one person injured": the count is of the wounded
        if _UNIT.match(clause, m.end("num")):
            continue  # "shot dead an hour later": a time, not a count
        if m.group(0)[:4].lower() in ("left", "leav") and not cues["left_dead"].match(clause, m.end("num")):
            continue  # "the blast left a crater": no one's death
        value = _number(m.group("num"))
        if value is not None:
            at = c_start + m.start("num") - 1
            values.append(value + (_more_victims(text, at) if value == 1 else _more_groups(text, at)))
    if not values and found_fatal:
        pair = cues["group_and_one_killed"].search(clause)
        value = _number(pair.group("num")) if pair is not None else None
        if value is not None:
            values.append(value + 1)
    if cues["captive"].search(clause):
        for m in cues["num_then_executed"].finditer(clause):
            value = _number(m.group("num"))
            if value is not None:
                values.append(value)
    if values:
        return min(values)
    return _single_victim(text, c_start, c_end, hits)


def _counted_after(cues: dict[str, re.Pattern[str]], clause: str, m: re.Match[str]) -> bool:
    """Whether the word of death an "N ... killed" match ends on takes its own count of the dead ("Two
    gunmen on a motorbike shot dead five people"): then N counts someone else (the killers, or a number
    in markup: "alert(3) ... killing 7 people")."""
    if cues["singular_after"].match(clause, m.end()):
        return True  # "A gunman killed Somalia's deputy minister": "A" counts the killer
    if clause[max(0, m.end() - 7) : m.end()].lower() == "killing" and _ITS_OWN_OBJECT.match(clause, m.end()):
        return True  # "abducted 20 pupils, killing the school's bursar": the 20 were taken, not killed
    at = m.end("mid")
    while at < m.end() and not clause[at].isalnum():
        at += 1
    after = cues["fatal_then_num"].match(clause, at)
    if after is None or cues["injured_after"].match(clause, after.end("num")):
        return False
    return not _UNIT.match(clause, after.end("num")) and _number(after.group("num")) is not None


def _subject_start(text: str, s: int, c_start: int, c_end: int) -> int:
    """Where the clause's subject starts: "At least 40 soldiers and auxiliaries were killed" is one clause
    (the dead are all of them), though "and" ends clauses elsewhere."""
    cues = _cue_patterns()
    if c_start <= s or not cues["plural_killed"].match(text, c_start, c_end):
        return c_start
    first = text[c_start : c_start + 20].split(" ", 1)[0]
    if _number(first) is not None and first.lower() not in _ONE_WORDS:
        return c_start  # "Three soldiers and two rebels were killed": each count its own
    # "Two soldiers and a civilian were killed": the clause's "a civilian" joins the count before it
    before = cues["count_then_and"].search(text, max(s, c_start - 60), c_start)
    return before.start() if before is not None else c_start


@functools.cache
def _vague_counts() -> frozenset[str]:
    """The vague counts of the lexicon ("thousands", "dozens of"), lower-cased."""
    return frozenset(k for k in load_lexicon().cues["vague_numbers"] if not k.startswith("_"))


def _death_count(
    cues: dict[str, re.Pattern[str]], text: str, c_start: int, clause: str, m: re.Match[str]
) -> int | None:
    """The dead an "N ... killed" match counts, or None when its N is no count of the dead."""
    mid = m.group("mid") or ""
    if m.group("num").lower() in _vague_counts() and cues["precise_count"].search(mid):
        return None  # "as thousands marched on parliament, and at least five people were shot dead": five
    if cues["injury"].search(mid) or cues["not_victims"].match(mid):
        return None  # "wounding 30 ...", "two armed groups in the capital, killing 27": not the dead
    if m.group("num").lower() in _ONE_WORDS and not _SINGLE_FATAL.match(clause, m.end("num")):
        return None  # "a hospital put the toll at 15": an article, not a count
    if _negated(text, c_start + m.start("num")):
        return None  # "No one was killed in the attack": no one's death
    if _UNIT.match(clause, m.end("num")):
        return None
    value = _number(m.group("num"))
    whole = cues["superset"].search(clause, 0, m.start("num"))
    if whole is not None:
        value = _number(whole.group("num"))
    if value is None or (1900 <= value <= 2100 and m.group("num").isdigit()):
        return None
    # "Three soldiers and two rebels were killed": the count before "and" belongs to the dead too
    at = c_start + m.start("num")  # the count before "and" may lie before the clause's start
    earlier = cues["count_and"].search(text, max(0, at - 60), at)
    more = _number(earlier.group("num")) if earlier is not None else None
    # "Three soldiers and a police officer were killed": one more after the group
    group = cues["group_rest"].match(clause, m.end("num")) if value > 1 else None
    one_more = group is not None and cues["and_one_more"].match(clause, group.end()) is not None
    return value + (more if more is not None and more < 1000 else 0) + int(one_more)


def _negated(text: str, at: int) -> bool:
    """Whether a word of negation (cue ``negated_count``) comes right before the count at ``at``: "No one
    was killed", "not a single civilian was killed" count no one."""
    return tail_search(_cue_patterns()["negated_count"], text[max(0, at - 8) : at])


def _more_victims(text: str, at: int) -> int:
    """N in "killed a local sheikh and two of his sons" (the victim phrase starts at ``at``), 1 in "a
    journalist and his son", else 0."""
    cues = _cue_patterns()
    one = cues["singular_after"].match(text, at)
    if one is None and cues["one_and_one"].match(text, at):
        return 1  # "killing one Kyrgyz and one Tajik serviceman": two, of one noun
    more = cues["and_more"].match(text, one.end()) if one is not None else None
    extra = _number(more.group("num")) if more is not None else None
    if more is None and one is not None and cues["and_kin"].match(text, one.end()) is not None:
        return 1  # "shot dead a journalist and his son"
    return extra if extra is not None and extra < 1000 else 0


def _running_total(text: str, c_start: int, c_end: int, hit: Hit, sentence_end: int = 0) -> bool:
    """Whether the clause tells a running total rather than an event (cues ``cumulative_*``)."""
    cues = _cue_patterns()
    a = hit.start - 160  # max(c_start, hit.start - 160), without the builtin's call
    before = text[a if a > c_start else c_start : hit.start]
    if tail_search(cues["cumulative_subject"], before):
        return True
    if tail_search(cues["habitual_perfect"], before):
        return True  # "has carried out frequent massacres in eastern Congo": the group's record
    end = max(c_end, sentence_end)
    after = text[hit.end : end]  # the words every match of an "_after" cue holds are in it (``_cue_words``)
    if _cue_words("period_after")(after) and cues["period_after"].search(text, hit.end, end) is not None:
        return True  # "were killed during the campaign", "in the three months to June": a span's tally
    if _cue_words("areas_after")(after) and cues["areas_after"].search(text, hit.end, end) is not None:
        return True  # "killed four civilians in three Ukrainian regions": a round-up's sum
    if not tail_search(cues["perfect_before"], before):
        # "More than 30,000 people are killed in Mexico each year": a rate, what keeps happening
        return bool(tail_search(cues["habitual_before"], before)) and (
            _cue_words("habitual_after")(after)
            and cues["habitual_after"].search(text, hit.end, end) is not None
        )
    # "had neutralised 12 militants in northern Syria and Iraq in the past 24 hours": the list's "and"
    # ends no clause for the period after it (a comma's "and" does)
    new_clause = _NEW_CLAUSE.search(text, hit.end, max(c_end, sentence_end))
    reach = new_clause.start() if new_clause is not None else max(c_end, sentence_end)
    return cues["cumulative_after"].search(text, hit.end, max(c_end, reach)) is not None


def _more_groups(text: str, at: int) -> int:
    """M in "killed 17 soldiers and dozens of militants" (the count of the first group starts at ``at``):
    ACLED adds up the dead of every side, each counted once."""
    cues = _cue_patterns()
    first = cues["plural_group"].match(text, at)
    more = cues["and_more_group"].match(text, first.end()) if first is not None else None
    extra = _number(more.group("num")) if more is not None else None
    if more is None and first is not None and cues["and_one_more"].match(text, first.end()):
        return 1  # "killing eight officers and a driver"
    return extra if extra is not None and extra < 1000 else 0


def _single_victim(text: str, c_start: int, c_end: int, hits: list[Hit]) -> int:
    """1 when a killing verb has a singular victim ("hanged a suspected spy", "a man was shot dead")."""
    cues = _cue_patterns()
    clause = text[c_start:c_end]
    for hit in hits:
        word = text[hit.start : hit.end]
        shot_captive = word.lower() == "shot" and cues["captive"].search(clause)
        if not (_LETHAL.match(word) or shot_captive):
            dead = _beaten_to_death(text, hit, c_end) if cues["to_death_verb"].match(word) else 0
            if dead:
                return dead
            continue
        if cues["singular_after"].match(text, hit.end, c_end):
            return 1 + _more_victims(text, hit.end)
        one = cues["singular_before"].search(text[c_start : hit.start])
        if one is not None and not _negated(text, c_start + one.start()):
            return 1
        if cues["pair_before"].search(text[c_start : hit.start]):
            return 2
    # "abducted 20 schoolgirls, killing the school's vice principal": a killing participle (no trigger of
    # the clause's own) with one victim
    for m in _KILLING_PARTICIPLE.finditer(text, c_start, c_end):
        if cues["singular_after"].match(text, m.end(), c_end):
            return 1 + _more_victims(text, m.end())
    return 0


#: a killing participle with an object of its own ("killing the school's bursar"; not "killing the day
#: before")
_ITS_OWN_OBJECT = re.compile(
    r"\s+(?:the|a|an|his|her|their|its|(?-i:[A-Z])[\w'’-]*['’]s)\s+"
    r"(?!(?:day|night|week|month|year|previous|following|next|same|other)\b)",
    re.IGNORECASE,
)
_KILLING_PARTICIPLE = re.compile(
    r"\b(?:killing|shooting dead|gunning down|beheading|executing|lynching)\b", re.IGNORECASE
)


def _beaten_to_death(text: str, hit: Hit, c_end: int) -> int:
    """The dead of "beat a man to death" (1), "stoned two women to death" (2): the victims between the verb
    (of ``to_death_verbs``) and "to death"; 0 when "to death" does not follow them."""
    cues = _cue_patterns()
    one = cues["singular_after"].match(text, hit.end, c_end)
    if one is not None and cues["to_death"].match(text, one.end(), c_end):
        return 1
    group = cues["plural_group"].match(text, hit.end, c_end)
    value = _number(group.group("num")) if group is not None else None
    if group is not None and value is not None and cues["to_death"].match(text, group.end(), c_end):
        return value
    return 0


def _anything(text: str) -> bool:
    return True


@functools.cache
def _cue_gate(name: str, chars: int = 8) -> Callable[[str], bool]:
    """``literal_gate`` of the cue pattern ``name``: False for a text it cannot match in (a test that
    lets every text through when its prefixes cannot be listed)."""
    return literal_gate(_cue_patterns()[name], chars) or _anything


@functools.cache
def _cue_words(name: str) -> Callable[[str], bool]:
    """``required_gate`` of the cue pattern ``name``: False for a text holding none of the words one of
    which each of its matches holds (its words are rare: an ``in`` per word instead of a regex attempt
    at every word); lets every text through when no word is required."""
    return required_gate(_cue_patterns()[name]) or _anything


#: "..., a figure the rebels denied", "..., a claim rejected by the M23": one side's count the other denies
_DENIED_FIGURE = re.compile(
    r",\s+(?:a|an|the)\s+(?:figure|claim|toll|account|number|allegation|version)s?\s+(?:that\s+)?"
    r"(?:[\w'’-]+\s+){0,3}?"
    r"(?:denied|rejected|dismissed|disputed)\b",
    re.IGNORECASE,
)


def certainty(text: str, c_start: int, t_start: int, end: int | None = None) -> Certainty:
    """'denied', 'disputed' or 'claimed' when such words frame the trigger in its clause, else 'reported'.

    Words after the trigger, up to ``end`` (the sentence's end), count for doubt only: "killing about
    20, but the figure could not be verified" is disputed; a later "claimed responsibility" or "claims
    denied by the Pentagon that ..." is about the actor or another event, not this one."""
    cues = _cue_patterns()["certainty"]
    lo, hi = (c_start, t_start) if end is None else (min(c_start, t_start), max(t_start, end))
    if not _cue_gate("certainty")(text[lo:hi]):
        return "reported"  # none of the cue words in what the searches below read (most clauses)
    found = list(cues.finditer(text, c_start, t_start))
    m = found[-1] if found else None
    if m is None and end is not None:
        m = next((a for a in cues.finditer(text, t_start, end) if a.group("disputed")), None)
    if m is None:
        return "disputed" if end is not None and _DENIED_FIGURE.search(text, t_start, end) else "reported"
    for kind in ("denied", "disputed", "claimed"):
        if m.group(kind):
            return kind  # type: ignore[return-value]
    return "reported"
