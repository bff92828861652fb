"""Conflict actors: names, aliases and ACLED actor types, read from ``geo/data/actors.csv``.

A user file with the same columns (``name,aliases,inter[,country,notes]``; aliases
separated by ``|``) extends or overrides the packaged list (``--actors FILE``).
Aliases with two or more capitals ("US marines", "ISIS") match case-sensitively so that
acronyms do not fire on ordinary words; the rest ignore case.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from geo.errors import InputError
from geo.prefixes import case_class
from geo.records import Place, built_by_slots

INTER_TYPES = (
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
)


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor of the list: canonical name, ACLED actor type (inter) and home country."""

    name: str
    inter: str
    country: str = ""


built_by_slots(Actor)  # its constructor by slot setters when not compiled (geo.records)


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """An actor named in a text: the actor, the alias as written and its span."""

    actor: Actor
    text: str
    start: int
    end: int


built_by_slots(ActorMatch)  # its constructor by slot setters when not compiled (geo.records)


#: what a user's actor file must look like, said by every error about one
ACTOR_FILE_FORM = (
    "a CSV with a header row name,aliases,inter[,country], aliases '|'-separated, like geo/data/actors.csv"
)


def _read_rows(text: str, source: str) -> list[tuple[Actor, list[str]]]:
    rows: list[tuple[Actor, list[str]]] = []
    if not text.strip():
        raise InputError(f"{source}: empty actor file (it needs {ACTOR_FILE_FORM})")
    reader = csv.DictReader(text.splitlines())
    missing = {"name", "aliases", "inter"} - {(f or "").strip() for f in reader.fieldnames or ()}
    if missing:
        raise InputError(
            f"{source}: actor file lacks column(s) {', '.join(sorted(missing))} (it needs {ACTOR_FILE_FORM})"
        )
    for line_no, row in enumerate(reader, start=2):
        row = {(k or "").strip(): v for k, v in row.items()}
        name, inter = (row.get("name") or "").strip(), (row.get("inter") or "").strip()
        if not name:
            continue
        if inter and inter not in INTER_TYPES:
            raise InputError(
                f"{source}:{line_no}: unknown actor type {inter!r} (ACLED's types: {', '.join(INTER_TYPES)})"
            )
        aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()] or [name]
        rows.append((Actor(name, inter, (row.get("country") or "").strip()), aliases))
    return rows


def read_actor_file(path: Path | str) -> list[tuple[Actor, list[str]]]:
    """The actors of a user's file (``--actors``) with their aliases; an ``InputError`` in one line
    naming the file and what it needs when it cannot be read or is not such a file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: cannot read actor file (not UTF-8 text; it needs {ACTOR_FILE_FORM})"
        ) from exc
    except OSError as exc:
        raise InputError(
            f"{path}: cannot read actor file ({exc.strerror or exc.__class__.__name__})"
        ) from exc
    return _read_rows(text, str(path))


class ActorList:
    """All known actors; ``find(text)`` returns the actors named in a text, longest alias first."""

    def __init__(self, rows: list[tuple[Actor, list[str]]]) -> None:
        by_alias: dict[str, Actor] = {}
        for actor, aliases in rows:
            for alias in aliases:
                by_alias[alias] = actor  # later rows (user files) override
        self._by_alias = by_alias
        self._by_folded = {a.lower(): actor for a, actor in by_alias.items() if not _case_sensitive(a)}
        strict = sorted((a for a in by_alias if _case_sensitive(a)), key=len, reverse=True)
        loose = sorted((a for a in by_alias if not _case_sensitive(a)), key=len, reverse=True)
        self._strict = _alternation(strict, 0)
        self._loose = _alternation(loose, re.IGNORECASE)
        self._strict_gate = _PrefixGate.of(strict, fold=False)
        self._loose_gate = _PrefixGate.of(loose, fold=True)

    @classmethod
    def load(cls, extra: Path | str | None = None) -> ActorList:
        """The packaged actor list, extended by ``extra`` (a user CSV) when given."""
        rows = list(_packaged_rows())
        if extra is not None:
            rows.extend(read_actor_file(extra))
        return cls(rows)

    def find(
        self, text: str, start: int = 0, end: int | None = None, *, prefilter: bool = True
    ) -> list[ActorMatch]:
        """Actors named in text[start:end], in text order, without overlaps (longest wins).
        ``prefilter=False`` scans with the alias regexes alone (the reference the prefix gate of
        ``_PrefixGate`` is tested against)."""
        end = len(text) if end is None else end
        found: list[ActorMatch] = []
        for pattern, gate in ((self._strict, self._strict_gate), (self._loose, self._loose_gate)):
            if pattern is None:
                continue
            if prefilter and gate is not None:
                matches = gate.finditer(pattern, text, start, end)
            else:
                matches = list(pattern.finditer(text, start, end))
            for m in matches:
                actor = self._by_alias.get(m.group(0)) or self._by_folded.get(m.group(0).lower())
                if actor is not None:
                    found.append(ActorMatch(actor, m.group(0), m.start(), m.end()))
        found.sort(key=lambda a: (a.start, -(a.end - a.start)))
        kept: list[ActorMatch] = []
        for match in found:
            if kept and match.start < kept[-1].end:
                continue
            kept.append(match)
        return kept


class _PrefixGate:
    """Where an alias regex of ``_alternation`` may match: the word starts where one of its aliases'
    first ``PREFIX`` characters follow, found by one Aho-Corasick scan of the text (lower-cased for
    the case-insensitive aliases) instead of the regex entering its alternation at every character.
    ``finditer`` then tries the regex only there, which finds the same matches (``pattern.finditer``
    finds the leftmost match from where the last one ended, and each lies at such a place)."""

    #: how many of an alias's first characters are looked for
    PREFIX = 4

    def __init__(self, automaton: Any, fold: bool) -> None:
        self._automaton = automaton
        self._fold = fold

    @classmethod
    def of(cls, aliases: list[str], *, fold: bool) -> _PrefixGate | None:
        """The gate of ``aliases`` (``fold``: matched ignoring case); None without aliases, or when
        one of them, ignoring case, starts with a character that is not ASCII (a letter the regex
        engine folds otherwise than ``str.lower``)."""
        if not aliases or (fold and not all(a[: cls.PREFIX].isascii() for a in aliases)):
            return None
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for alias in aliases:
            prefix = alias[: cls.PREFIX].lower() if fold else alias[: cls.PREFIX]
            automaton.add_word(prefix, len(prefix))
        automaton.make_automaton()
        return cls(automaton, fold)

    def finditer(self, pattern: re.Pattern[str], text: str, start: int, end: int) -> list[re.Match[str]]:
        """``list(pattern.finditer(text, start, end))``, the regex tried only where an alias may start
        (for case-insensitive aliases only in ASCII text, where lower-casing is the engine's folding)."""
        segment = text[start:end]
        if start < 0 or end < start or (self._fold and not segment.isascii()):
            # the regex reads a negative position as 0, a slice from the end
            return list(pattern.finditer(text, start, end))
        if self._fold:
            segment = segment.lower()
        places = sorted({start + last - n + 1 for last, n in self._automaton.iter(segment)})
        out: list[re.Match[str]] = []
        resume = start
        match = pattern.match
        for i in places:
            if i < resume:
                continue
            if i > 0 and (text[i - 1].isalnum() or text[i - 1] in "_-"):
                continue  # not a word start: the regex's (?<![\w-]) fails here
            m = match(text, i, end)
            if m is not None:
                out.append(m)
                resume = m.end()
        return out


def _case_sensitive(alias: str) -> bool:
    return sum(ch.isupper() for ch in alias) >= 2


def _alternation(aliases: list[str], flags: int) -> re.Pattern[str] | None:
    """One pattern for all aliases (longest first), factored by first character: the engine then
    tests one character per group instead of one per alias (same matches, several times faster).
    Aliases of different first characters never match at the same place, so only the order within
    a group matters, and it is kept; under IGNORECASE that holds for ASCII first characters only."""
    if not aliases:
        return None
    fold = bool(flags & re.IGNORECASE)
    if fold and not all(a[0].isascii() for a in aliases):
        body = "|".join(re.escape(a) for a in aliases)
    else:
        groups: dict[str, list[str]] = {}
        for alias in aliases:
            groups.setdefault(alias[0].lower() if fold else alias[0], []).append(alias)
        body = "|".join(
            _head(group[0][0], fold) + "(?:" + "|".join(re.escape(a[1:]) for a in group) + ")"
            for group in groups.values()
        )
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)


def _head(first: str, fold: bool) -> str:
    """The first character of a group of aliases.  Under IGNORECASE an ASCII letter becomes the
    case-sensitive class of exactly what it matches (``[kK\u212a]``): the engine skips a group
    starting with a case-sensitive class without entering it."""
    if fold and first.isascii() and first.isalpha():
        return case_class(first)
    return re.escape(first)


@functools.cache
def _packaged_rows() -> tuple[tuple[Actor, list[str]], ...]:
    text = resources.files("geo.data").joinpath("actors.csv").read_text("utf-8")
    return tuple(_read_rows(text, "geo/data/actors.csv"))


@functools.cache
def _country_forms() -> tuple[dict[str, str], frozenset[str]]:
    data = _country_form_data()
    return dict(data["forms"]), frozenset(data["countries_with_the"])


@functools.cache
def _country_form_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("geo").joinpath("data/actor_country_forms.json").read_text("utf-8")
    )
    return data


@functools.cache
def _periods() -> dict[str, list[tuple[dt.date, str, str]]]:
    text = resources.files("geo.data").joinpath("actor_periods.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    out: dict[str, list[tuple[dt.date, str, str]]] = {}
    for row in rows:
        out.setdefault(row["name"], []).append(
            (dt.date.fromisoformat(row["from"]), row["actor"], row["inter"])
        )
    return {name: sorted(periods) for name, periods in out.items()}


@functools.cache
def _parents() -> dict[str, str]:
    text = resources.files("geo.data").joinpath("actor_affiliates.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    return {row["affiliate"]: row["parent"] for row in rows}


def affiliate_of(name: str, parent: str) -> bool:
    """Whether actor ``name`` is an affiliate of actor ``parent`` (``geo/data/actor_affiliates.csv``: JNIM
    is al-Qaeda's affiliate in the Sahel), so that a report of "al-Qaeda-linked militants" and the
    affiliate's own claim may tell one event."""
    return _parents().get(name) == parent


def as_of(name: str, inter: str, on: dt.date | None) -> tuple[str, str]:
    """The ACLED name and type of actor ``name`` for an event on date ``on`` (``geo/data/actor_periods.csv``:
    the Taliban are a rebel group until August 2021 and Afghanistan's state forces after). Unknown dates
    and actors without periods keep their list name and type."""
    if on is None:
        return name, inter
    for start, actor, actor_inter in reversed(_periods().get(name, [])):
        if on >= start:
            return actor, actor_inter
    return name, inter


def in_country(name: str, country: str) -> str:
    """ACLED's name for a generic actor at an event in ``country`` (``geo/data/actor_country_forms.json``):
    "Military Forces" in Pakistan -> "Military Forces of Pakistan", "Civilians" -> "Civilians (Pakistan)".
    Named actors, and any actor when the country is unknown, are returned unchanged."""
    forms, with_the = _country_forms()
    data = _country_form_data()
    country = data["acled_names"].get(country, country)  # "Palestinian Territory": ACLED's "Palestine"
    form = data["in_country"].get(country, {}).get(name) or forms.get(name)
    if form is None or not country:
        return name
    the_country = f"the {country}" if country in with_the else country
    return form.format(country=country, the_country=the_country)


def story_country(places: Iterable[Place | None]) -> str:
    """The country a story is about: the one its resolved places name most often (the first named on a
    tie), by name; "" when none is named. An event placed nowhere, or in a region of several countries
    ("the Sahel"), names its unnamed forces by it: "soldiers" in a Burkina Faso story are the Military
    Forces of Burkina Faso."""
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for p in places:
        if p is None or not p.country_code or not p.country_name:
            continue
        counts[p.country_code] = counts.get(p.country_code, 0) + 1
        names.setdefault(p.country_code, p.country_name)
    if not counts:
        return ""
    return names[max(counts, key=lambda cc: counts[cc])]  # max keeps the first of equals: the first named


def home_forces(name: str, country: str) -> bool:
    """True for a generic actor's country form at an event in its own ``country`` ("Military Forces of
    Pakistan" at a place in Pakistan, "Civilians (Pakistan)"): it names no particular group, so two
    reports of one event may differ there (geo.dedup)."""
    return any(name.casefold() == in_country(label, country).casefold() for label in _country_forms()[0])


def is_generic(name: str) -> bool:
    """True for a label that names no particular group ("Military Forces", "Unidentified Armed Group")."""
    return name in _country_forms()[0]
