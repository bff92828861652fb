"""Who does what to whom in a snippet: role features for the snippet typer (``geo.event_types``).

ACLED's sub-event types turn on the actors as much as on the act: territory taken by government
forces (Government regains territory) or by a rebel group (Non-state actor overtakes territory);
tear gas on protesters (Protest with intervention) or stones thrown by them (Violent demonstration);
shots at civilians (Attack) or at armed men (Armed clash).  Word features alone cannot tell these
apart when the same words occur in both, so each act (``geo/data/event_type_roles.json``) is paired
with the class of the nearest actor before it in its sentence (its agent; its patient when the verb
is passive: "were pushed back") and after it (its patient; its agent after "by").  A shallow
approximation of the clause's roles: no parser, a few regex searches per sentence.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from importlib import resources

from geo.memo import document_memo
from geo.text import sentences
from geo.word_gate import Starts, WordGate

#: How far (characters) an actor may stand from its act and still be taken as its agent or patient.
WINDOW = 70
#: Each regex's start: not after a letter, digit, ``_`` or ``-`` (a whole word).
_START = r"(?<![\w-])"
_PASSIVE = re.compile(r"(?:\b(?:was|were|been|being|is|are|be|got|get)\s+(?:\w+ly\s+)?)$")
_BY = re.compile(r"^\s*(?:\S+\s+){0,3}?by\s+(?:the\s+)?$")
_FROM = re.compile(r"^\s*(?:\S+\s+){0,4}?(?:from|against|on|at)\s+(?:the\s+)?(?:\S+\s+){0,2}$")


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


@functools.cache
def _patterns() -> tuple[tuple[tuple[str, re.Pattern[str]], ...], tuple[tuple[str, re.Pattern[str]], ...]]:
    """(class, regex) of the actors and (act, regex) of the acts, whole words in lowercased text."""
    raw = json.loads(resources.files("geo.data").joinpath("event_type_roles.json").read_text("utf-8"))

    def compile_all(section: dict[str, list[str]]) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple(
            (name, re.compile(rf"{_START}(?:{_alternation(pats)})(?![\w-])"))
            for name, pats in section.items()
        )

    return compile_all(raw["actors"]), compile_all(raw["acts"])


@functools.cache
def _gate() -> WordGate:
    """One ``WordGate`` over the actor and act regexes, then the protest regexes (context, then the
    three kinds) and the weapon regexes (weapon, disrupted, used): the places where each may match
    a lowercased text, from one scan for them all."""
    actors, acts = _patterns()
    context, kinds = _protest_patterns()
    return WordGate(
        [
            *(p for _, p in actors),
            *(p for _, p in acts),
            context,
            *(p for _, p in kinds),
            *_weapon_patterns(),
        ]
    )


@functools.cache
def _first_indices() -> tuple[int, int]:
    """The index in ``_gate()`` of the protest context regex (its three kinds follow it) and of the
    weapon regex (disrupted, then used, follow it)."""
    actors, acts = _patterns()
    protest = len(actors) + len(acts)
    return protest, protest + 4


@document_memo
@functools.lru_cache(maxsize=64)
def _starts(low: str) -> Starts:
    """``_gate().starts(low)``, memoised: the role, protest and weapon features of a snippet all read
    its lowercased text (one document's sentences only, ``geo.memo``)."""
    return _gate().starts(low)


def _sentence_roles(low: str, out: Counter[str], *, prefilter: bool = True) -> None:
    actors_re, acts_re = _patterns()
    n = len(actors_re)
    gate = _gate()
    starts = _starts(low) if prefilter else {}
    if prefilter:
        actors = sorted(
            (m.start(), m.end(), cls)
            for k, (cls, _) in enumerate(actors_re)
            if gate.may_match(k, starts)
            for m in gate.finditer(k, low, starts)
        )
    else:
        actors = sorted(
            (m.start(), m.end(), cls) for cls, pattern in actors_re for m in pattern.finditer(low)
        )
    if not actors:
        return
    for cls in dict.fromkeys(c for _, _, c in actors):
        out[f"has={cls}"] += 1
    out[f"first={actors[0][2]}"] += 1
    for k, (act, pattern) in enumerate(acts_re, start=n):
        if prefilter and not gate.may_match(k, starts):
            continue
        for m in gate.finditer(k, low, starts) if prefilter else pattern.finditer(low):
            start, end = m.start(), m.end()
            named = False  # any(a[0] < end and start < a[1] for a in actors), without a generator
            for a in actors:
                if a[0] < end and start < a[1]:
                    named = True
                    break
            if named:
                continue  # the act's word names an actor ("protesters", "protest")
            before = [a for a in actors if a[1] <= start and start - a[1] <= WINDOW]
            after = [a for a in actors if a[0] >= end and a[0] - end <= WINDOW]
            agent = patient = None
            if before:
                if _PASSIVE.search(low, (start - 30 if start > 30 else 0), start):
                    patient = before[-1][2]
                else:
                    agent = before[-1][2]
            if after:
                gap = low[end : after[0][0]]
                if _BY.match(gap):
                    agent = after[0][2]
                elif patient is None:
                    patient = after[0][2]
                    if _FROM.match(gap):
                        out[f"{act}<{after[0][2]}"] += 1  # taken from / fired on
            if agent:
                out[f"{agent}>{act}"] += 1
            if patient:
                out[f"{act}>{patient}"] += 1
            if agent and patient:
                out[f"{agent}>{act}>{patient}"] += 1


@functools.cache
def _protest_patterns() -> tuple[re.Pattern[str], tuple[tuple[str, re.Pattern[str]], ...]]:
    """The regex of a demonstration report and (kind, regex) of the words of each kind of
    demonstration event, in the codebook's order (``protest`` in ``event_type_roles.json``)."""
    raw = json.loads(resources.files("geo.data").joinpath("event_type_roles.json").read_text("utf-8"))
    section = raw["protest"]

    def compile_one(pats: list[str]) -> re.Pattern[str]:
        return re.compile(rf"{_START}(?:{_alternation(pats)})(?![\w-])")

    kinds = tuple((kind, compile_one(section[kind])) for kind in ("violence", "harm", "intervention"))
    return compile_one(section["context"]), kinds


#: The kind of demonstration event each finding picks, in ACLED's order (the first found wins).
_PROTEST_KIND = {"violence": "VIOLENT", "harm": "FORCE", "intervention": "INTERVENTION"}


def protest_features(text: str) -> Counter[str]:
    """In a report about a demonstration, ACLED's distinctions among its four kinds of event:
    whether the demonstrators used violence (``PR:violence``: a Violent demonstration whatever the
    police did), whether the force used on them killed or hurt people (``PR:harm``: Excessive
    force), whether they were dispersed or arrested (``PR:intervention``), the kind the codebook's
    order picks from those (``PR=VIOLENT``, ``PR=FORCE``, ``PR=INTERVENTION``, else ``PR=PEACEFUL``)
    and the three findings together ("PR:010"). Empty when the text names no demonstration."""
    low = text.lower()
    gate, starts = _gate(), _starts(low)
    first = _first_indices()[0]  # the context regex's index in the gate, the kinds' after it
    if gate.search(first, low, starts) is None:
        return Counter()
    _, kinds = _protest_patterns()
    found = [
        kind for k, (kind, _) in enumerate(kinds, start=first + 1) if gate.search(k, low, starts) is not None
    ]
    out = Counter(["PR:context", *(f"PR:{kind}" for kind in found)])
    out["PR=" + (_PROTEST_KIND[found[0]] if found else "PEACEFUL")] += 1
    out["PR:" + "".join("1" if kind in found else "0" for kind, _ in kinds)] += 1
    return out


#: How far (characters) a weapon word may stand from a word of its disruption or use.
WEAPON_WINDOW = 60


@functools.cache
def _weapon_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The regexes of weapon words, of their disruption and of their use (``weapons`` in
    ``event_type_roles.json``)."""
    raw = json.loads(resources.files("geo.data").joinpath("event_type_roles.json").read_text("utf-8"))
    section = raw["weapons"]
    weapon, disrupted, used = (
        re.compile(rf"{_START}(?:{_alternation(section[kind])})(?![\w-])")
        for kind in ("weapon", "disrupted", "used")
    )
    return weapon, disrupted, used


def weapon_features(text: str) -> Counter[str]:
    """Whether a weapon named in the text was stopped before use (``WP:disrupted``: seized, defused,
    found; ACLED's Disrupted weapons use), went off or hurt people (``WP:used``), or only the former
    (``WP:only_disrupted``): a word of each within ``WEAPON_WINDOW`` characters of a weapon word."""
    low = text.lower()
    gate, starts = _gate(), _starts(low)
    first = _first_indices()[1]  # the weapon regex's index in the gate, disrupted and used after it
    at = [m.start() for m in gate.finditer(first, low, starts)]
    if not at:
        return Counter()

    def near(k: int) -> bool:
        return any(abs(m.start() - a) <= WEAPON_WINDOW for m in gate.finditer(k, low, starts) for a in at)

    stopped, went_off = near(first + 1), near(first + 2)
    out: Counter[str] = Counter()
    if stopped:
        out["WP:disrupted"] += 1
        if not went_off:
            out["WP:only_disrupted"] += 1
    if went_off:
        out["WP:used"] += 1
    return out


def role_features(
    text: str, *, prefilter: bool = True, spans: list[tuple[int, int]] | None = None
) -> Counter[str]:
    """Role features of a snippet: the actor classes it names, the class named first, and each act
    with its agent's and patient's classes ("STATE>TAKE", "FORCE>PROTESTERS"); those of the first
    sentence (where a report states its event) once more with the prefix ``1:``. ``prefilter=False``
    searches every regex (the reference the prefiltered path is tested against); ``spans``: the
    sentences of ``text`` when the caller has them already."""
    out: Counter[str] = Counter()
    for k, (start, end) in enumerate(sentences(text) if spans is None else spans):
        one: Counter[str] = Counter()
        _sentence_roles(text[start:end].lower(), one, prefilter=prefilter)
        out.update(one)
        if k == 0:
            out.update({f"1:{f}": c for f, c in one.items()})
    return out


__all__ = ["WEAPON_WINDOW", "WINDOW", "protest_features", "role_features", "weapon_features"]
