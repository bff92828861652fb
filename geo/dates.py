"""Event dates from words, resolved against the publication date, with ACLED time precision.

ACLED's ``time_precision``: 1 the day is known, 2 only the week (or a few days), 3 only the
month.  A range is returned as ``date`` (its first day) and ``date_end`` (its last), so a
reader can see what the words allow.  Without a publication date, relative words cannot be
resolved: the date is ``None`` but the precision the words imply is still recorded.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from geo.memo import document_memo
from geo.prefixes import ASCII_FOLDING, guarded_pattern
from geo.records import built_by_slots

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_MONTH_RE = (
    r"(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY_RE = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR_RE = r"(?:,?\s+(\d{4}))?"
_WEEKDAY_RE = r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# Order matters: longer, more specific phrases first. The case-insensitive ones guarded
# (``guarded_pattern``: the same matches and groups; "weekday" or "last_month" in half the time).
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (
        kind,
        guarded_pattern(
            re.compile(pattern, re.IGNORECASE if kind not in {"month_day", "day_month", "month_only"} else 0)
        ),
    )
    for kind, pattern in (
        ("iso", r"\b(\d{4})-(\d{2})-(\d{2})\b"),
        ("month_day", rf"\b{_MONTH_RE}\s+{_DAY_RE}\b{_YEAR_RE}"),
        ("day_month", rf"\b{_DAY_RE}\s+{_MONTH_RE}{_YEAR_RE}\b"),
        ("day_before_yesterday", r"\bday before yesterday\b"),
        ("days_ago", r"\b(\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+days?\s+ago\b"),
        ("yesterday", r"\byesterday\b|\blast night\b|\bovernight\b"),
        # "09:15 GMT - A missile struck ...": a live page's entry tells of its own day
        (
            "today",
            r"\btoday\b|\bthis (?:morning|afternoon|evening)\b|\btonight\b"
            r"|\b\d{1,2}[:.]?\d{2}\s*(?:GMT|UTC)\s+[-–—]\s",
        ),
        ("weekend", r"\b(?:over|at|during|on) the weekend\b|\b(?:this|last|past) weekend\b"),
        ("last_week", r"\blast week\b|\bprevious week\b|\bweek before\b"),
        ("this_week", r"\b(?:earlier|late[r]?|early) this week\b|\bthis week\b|\bpast (?:few )?days\b"),
        ("last_month", r"\blast month\b|\bprevious month\b"),
        ("this_month", r"\b(?:earlier|late[r]?|early) this month\b|\bthis month\b|\bpast (?:few )?weeks\b"),
        ("weekday", rf"\b(?:last |on |early |late |next |this coming |coming )?{_WEEKDAY_RE}\b"),
        (
            "month_only",
            rf"\b(?:[Ii]n |[Ee]arly |[Ll]ate |[Mm]id-|[Ll]ast |[Tt]his past )"
            rf"(?:{_MONTH_RE})(?:\s+(\d{{4}}))?\b",
        ),
        # "A year after the army retook the town": what it tells came a year before the report
        ("last_year", r"\blast year\b|\bprevious year\b|\b(?:a|one) year (?:ago|after|since)\b"),
        # "had held Kidal since 2012", "executing civilians since 2022": from that year, history
        ("year_only", r"\b(?:in|during|throughout|early|late|mid-|the|since)\s*(\d{4})\b(?![-/]\d)"),
    )
)


#: What some pattern kinds cannot match without (a quick test per sentence skips those kinds):
#: a digit (four in a row for a bare year); an English month name, capitalised as those patterns
#: require; one of the words of the relative expressions (case-insensitive, as they are).  A kind
#: not listed is always tried.
_GATES: dict[str, re.Pattern[str]] = {
    "digit": re.compile(r"\d"),
    "month": re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"),
    "relative": re.compile(r"day|night|this|week|month", re.IGNORECASE),
    "year": re.compile(r"year", re.IGNORECASE),
    "four_digits": re.compile(r"\d{4}"),
}
_NEEDS: dict[str, tuple[str, ...]] = {
    "iso": ("digit",),
    "month_day": ("digit", "month"),
    "day_month": ("digit", "month"),
    "day_before_yesterday": ("relative",),
    "days_ago": ("relative",),
    "yesterday": ("relative",),
    "today": (),
    "weekend": ("relative",),
    "last_week": ("relative",),
    "this_week": ("relative",),
    "last_month": ("relative",),
    "this_month": ("relative",),
    "weekday": ("relative",),
    "month_only": ("month",),
    "last_year": ("year",),
    "year_only": ("four_digits",),
}
#: Finer: words (lower case) one of which every match of the kind contains.  Lower-casing folds case as
#: the patterns' IGNORECASE does for ASCII words, in any text without the few non-ASCII letters that fold
#: onto ASCII ones (``ASCII_FOLDING``); such text uses ``_GATES`` only.
_WORDS: dict[str, tuple[str, ...]] = {
    "iso": ("-",),
    "day_before_yesterday": ("yesterday",),
    "days_ago": ("ago",),
    "yesterday": ("yesterday", "last night", "overnight"),
    "today": ("today", "this morning", "this afternoon", "this evening", "tonight", "gmt", "utc"),
    "weekend": ("weekend",),
    "last_week": ("last week", "previous week", "week before"),
    "this_week": ("this week", "past days", "past few days"),
    "last_month": ("last month", "previous month"),
    "this_month": ("this month", "past weeks", "past few weeks"),
    "weekday": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "last_year": ("last year", "previous year", "year ago", "year after", "year since"),
}


@dataclass(frozen=True, slots=True)
class DateGuess:
    """A resolved date range and its ACLED time precision, with the words that support it."""

    date: dt.date | None
    date_end: dt.date | None
    time_precision: int
    span: tuple[int, int] | None = None
    cue: str = ""


built_by_slots(DateGuess)  # its constructor by slot setters when not compiled (geo.records)


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last)


def _past_year(pub: dt.date | None, month: int, day: int) -> int | None:
    """The year that puts month/day on or before the publication date (news reports the past)."""
    if pub is None:
        return None
    year = pub.year
    try:
        if dt.date(year, month, day) > pub + dt.timedelta(days=7):
            year -= 1
    except ValueError:
        return None
    return year


def _explicit(kind: str, m: re.Match[str], pub: dt.date | None) -> DateGuess | None:
    if kind == "iso":
        try:
            day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
        return DateGuess(day, day, 1)
    if kind == "month_day":
        month, dnum, year_s = _MONTHS[m.group(1).lower().rstrip(".")], int(m.group(2)), m.group(3)
    else:
        dnum, month, year_s = int(m.group(1)), _MONTHS[m.group(2).lower().rstrip(".")], m.group(3)
    year = int(year_s) if year_s else _past_year(pub, month, dnum)
    if year is None:
        return DateGuess(None, None, 1)
    try:
        day = dt.date(year, month, dnum)
    except ValueError:
        return None
    return DateGuess(day, day, 1)


def _weekday(name: str) -> int:
    """Monday = 0 for a weekday name as ``_WEEKDAY_RE`` matched it: IGNORECASE also lets through
    letters that ``lower()`` leaves alone ("ſunday" with a long s), so those fall back to the match."""
    day = _WEEKDAYS.get(name.lower())
    if day is None:
        day = next(i for d, i in _WEEKDAYS.items() if re.fullmatch(d, name, re.IGNORECASE))
    return day


_SMALL_NUMBERS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip


def _relative(kind: str, m: re.Match[str], pub: dt.date | None) -> DateGuess | None:
    precision = {
        "weekend": 2, "last_week": 2, "this_week": 2, "last_month": 3, "this_month": 3, "month_only": 3,
        "last_year": 3, "year_only": 3,
    }.get(kind, 1)  # fmt: skip
    if kind == "year_only":  # "in 2023": the whole year, at ACLED's coarsest precision
        whole = int(m.group(1))
        if not 1900 <= whole <= (pub.year if pub else 2100):
            return None
        last_day = dt.date(whole, 12, 31)
        return DateGuess(dt.date(whole, 1, 1), min(last_day, pub) if pub else last_day, 3)
    if pub is None:
        return DateGuess(None, None, precision)
    if kind == "last_year":
        return DateGuess(dt.date(pub.year - 1, 1, 1), dt.date(pub.year - 1, 12, 31), 3)
    if kind in {"yesterday", "today", "day_before_yesterday"}:
        day = pub - dt.timedelta(days={"yesterday": 1, "today": 0, "day_before_yesterday": 2}[kind])
        return DateGuess(day, day, 1)
    if kind == "days_ago":
        n = m.group(1).lower()
        back = int(n) if n.isdigit() else _SMALL_NUMBERS[n]
        day = pub - dt.timedelta(days=back)
        return DateGuess(day, day, 1)
    if kind == "weekday":
        wanted = _weekday(m.group(1))
        if m.group(0).lower().startswith(("next", "this coming", "coming")):
            # "protests called for next Tuesday": the one to come, not the one before
            day = pub + dt.timedelta(days=(wanted - pub.weekday() - 1) % 7 + 1)
            return DateGuess(day, day, 1)
        back = (pub.weekday() - wanted) % 7
        day = pub - dt.timedelta(days=back)
        return DateGuess(day, day, 1)
    if kind == "this_week":
        monday = pub - dt.timedelta(days=pub.weekday())
        end = pub - dt.timedelta(days=1) if "earlier" in m.group(0).lower() and pub > monday else pub
        return DateGuess(monday, end, 2)
    if kind == "weekend":
        # "over the weekend" in Monday's paper: the Saturday and Sunday before (up to the day of writing)
        saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
        if m.group(0).lower().startswith("last") and pub.weekday() >= 5:
            saturday -= dt.timedelta(days=7)
        return DateGuess(saturday, min(saturday + dt.timedelta(days=1), pub), 2)
    if kind == "last_week":
        monday = pub - dt.timedelta(days=pub.weekday() + 7)
        return DateGuess(monday, monday + dt.timedelta(days=6), 2)
    if kind == "last_month":
        first = pub.replace(day=1) - dt.timedelta(days=1)
        return DateGuess(*_month_range(first.year, first.month), 3)
    if kind == "this_month":
        return DateGuess(pub.replace(day=1), pub, 3)
    month = _MONTHS[m.group(1).lower().rstrip(".")]
    year = int(m.group(2)) if m.group(2) else _past_year(pub, month, 1)
    if year == pub.year and month == pub.month and m.group(0).lower().startswith(("last", "this past")):
        year -= 1  # "last June" in a June paper: a year before
    if year is None:
        return DateGuess(None, None, 3)
    start, end = _month_range(year, month)
    return DateGuess(start, min(end, pub) if end >= pub >= start else end, 3)


def find_dates(text: str, pub: dt.date | None) -> list[DateGuess]:
    """Every date expression in ``text``, resolved against ``pub``, in text order (no overlaps)."""
    return list(_find_dates(text, pub))


#: A wire dateline ("KHARTOUM, May 14 -", "KABUL, Afghanistan, Nov. 28 (AP) —", "BAMAKO/NIAMEY, Sept 6 -"
#: from two cities, or the date alone: "June 14 - "): its date is when the story was filed, not when the
#: event happened.
_DATELINE = re.compile(
    r"\s*(?:[A-Z][A-Z .'’/-]+,(?:\s*[A-Z][A-Za-z .]+,)?\s+(?=[A-Z0-9])|(?=[A-Z0-9][\w.]*\s+[\w.]+\s+[-–—]\s))"
    r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s+\d{4})?"
    r"\s*(?:\([^)]{1,20}\)\s*)?[-–—:]"
    # no date: "BAGHDAD (Reuters) -", "MOGADISHU, Somalia (AP) —", "KABUL, Afghanistan —"
    r"|\s*[A-Z][A-Z'’/-]{2,}(?:\s+[A-Z][A-Z'’/-]+)*(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)*)*"
    r"\s*(?:\([^)]{1,20}\)\s*)?\s[-–—]\s"
    # a town in title case needs its agency: "Maiduguri (Nigeria) (AFP) - ", "Kano, Nigeria (AFP) - "
    r"|\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,2}(?:,\s*[A-Z][\w.]+(?:\s+[A-Z][\w.]+)*|\s*\([A-Z][^)]{1,25}\))?"
    r"\s*\([A-Z][A-Za-z]{1,9}\)\s*[-–—]\s"
)


#: a year right before a weekday's name, with a word between at most ("the 2019 Easter Sunday")
_YEAR_THEN = re.compile(r"\b(?:19|20)\d{2}\s+(?:[\w'’-]+\s+)?$")


def dateline_end(text: str, start: int = 0) -> int:
    """Where a wire dateline opening ``text[start:]`` ends ("KHARTOUM, May 14 - "), else ``start``."""
    m = _DATELINE.match(text, start)
    return m.end() if m else start


@document_memo
@functools.lru_cache(maxsize=1024)
def _find_dates(text: str, pub: dt.date | None) -> tuple[DateGuess, ...]:
    """``find_dates``, memoised: every event of a sentence dates itself from the same expressions."""
    found: list[DateGuess] = []
    dateline = _DATELINE.match(text)
    taken: list[tuple[int, int]] = [dateline.span("date")] if dateline else []
    present: dict[str, bool] = {}
    lower = text.lower() if text.isascii() or ASCII_FOLDING.search(text) is None else None
    # which of the kinds' words the text holds, from one scan for them all
    held = None if lower is None else {word for _, word in _word_scan().iter(lower)}
    for kind, pattern in _PATTERNS:
        if not _may_match(kind, text, held, present):
            continue  # a word every match of this kind needs is missing
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if kind == "weekday" and _YEAR_THEN.search(text, max(0, m.start() - 24), m.start()):
                continue  # "the 2019 Easter Sunday bombings": a Sunday of that year, not of this week
            guess = (
                _explicit(kind, m, pub)
                if kind in {"iso", "month_day", "day_month"}
                else _relative(kind, m, pub)
            )
            if guess is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(
                DateGuess(guess.date, guess.date_end, guess.time_precision, (m.start(), m.end()), m.group(0))
            )
    nights = [g for g in found if g.cue.lower() == "overnight"]
    night = nights[0].span or (0, 0) if nights else (0, 0)
    if nights and any(
        g.time_precision == 1
        and g.cue.lower() != "overnight"
        and (
            (g.span or (0, 0)) < night
            or _NIGHT_OF.fullmatch(text, night[1], (g.span or (0, 0))[0]) is not None
        )
        for g in found
    ):
        # "On Tuesday, troops arrested 15 people in overnight raids": the night of the day named first;
        # "overnight on Wednesday", "overnight into Thursday": the night of the day named right after
        found = [g for g in found if g.cue.lower() != "overnight"]
    return tuple(sorted(found, key=lambda g: g.span or (0, 0)))


#: between "overnight" and the day whose night it was: "overnight on Wednesday", "overnight into Thursday"
_NIGHT_OF = re.compile(r"\s+(?:(?:on|into|of|from|between)\s+)?", re.IGNORECASE)


def _may_match(kind: str, text: str, held: set[str] | None, seen: dict[str, bool]) -> bool:
    """False when ``text`` lacks what every match of ``kind`` needs (``held``: the words of ``_WORDS``
    its lower-cased form holds, when lower-casing folds case as the patterns do (see ``_WORDS``),
    else None); ``seen`` keeps the gates already tested."""
    words = _WORDS.get(kind)
    if words is not None and held is not None:
        return not held.isdisjoint(words)
    return all(_present(gate, text, seen) for gate in _NEEDS.get(kind, ()))


@functools.cache
def _word_scan() -> Any:
    """An Aho-Corasick automaton of every word of ``_WORDS`` (each its own value): the words a
    lower-cased text holds, overlapping ones too, from one scan (one ``in`` per word and kind
    before)."""
    import ahocorasick

    automaton: Any = ahocorasick.Automaton()
    for words in _WORDS.values():
        for word in words:
            automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


def _present(gate: str, text: str, seen: dict[str, bool]) -> bool:
    """Whether ``_GATES[gate]`` occurs in ``text`` (asked once per text)."""
    hit = seen.get(gate)
    if hit is None:
        hit = seen[gate] = _GATES[gate].search(text) is not None
    return hit


#: A reporting verb right before a date ("The U.S. Africa Command said on Sunday that it had carried out
#: an air strike ... on Saturday", "residents said on Monday"): the day it was told, not the day it
#: happened (``geo.events`` asks the same of a sentence it folds into another).
REPORTED_ON = re.compile(
    r"\b(?:said|says|told(?:\s+[\w'’-]+){1,3}?|reported|announced|added|confirmed|claimed|stated)\s+"
    r"(?:in\s+a\s+statement\s+)?$",
    re.IGNORECASE,
)


#: The day before the day of telling, told after it.
_DAY_BEFORE_TELLING = re.compile(r"\bthe\s+(?:previous\s+day|day\s+before)\b(?!\s+(?:that|when|of)\b)")


def _day_of_telling(text: str, guess: DateGuess) -> bool:
    """Whether ``guess`` dates a reporting verb ("said on Sunday") rather than an event."""
    if guess.span is None:
        return False
    start = guess.span[0]
    return REPORTED_ON.search(text, max(0, start - 40), start) is not None


def own_dates(text: str, pub: dt.date | None) -> list[DateGuess]:
    """The date expressions of ``text`` that may date what it tells: not the day someone told it ("16
    officers were injured, the minister said on Friday" has no day of its own)."""
    return [g for g in find_dates(text, pub) if not _day_of_telling(text, g)]


def resolve(
    text: str, pub: dt.date | None, *, anchor: int | None = None, within: tuple[int, int] | None = None
) -> DateGuess:
    """The date of an event described in ``text``: the expression nearest ``anchor`` (a char offset),
    one inside ``within`` (the event's clause) first when there is one.

    With no date words the event is dated to the publication date at week precision
    (news reports what happened in the last few days), or ``None`` without a publication date.
    """
    guesses = find_dates(text, pub)
    if not guesses:
        if pub is None:
            return DateGuess(None, None, 2, None, "")
        return DateGuess(pub - dt.timedelta(days=6), pub, 2, None, "publication date")
    if anchor is None:
        return guesses[0]
    if within is not None:
        inside = [g for g in guesses if g.span and within[0] <= g.span[0] and g.span[1] <= within[1]]
        guesses = inside or guesses
    told = [g for g in guesses if not _day_of_telling(text, g)]
    if not told and len(guesses) == 1 and guesses[0].date is not None and guesses[0].time_precision == 1:
        before = _DAY_BEFORE_TELLING.search(text, (guesses[0].span or (0, 0))[1])
        if before is not None:
            # "The air force said on Monday its jets had struck a hideout the previous day": Sunday
            day = guesses[0].date - dt.timedelta(days=1)
            return DateGuess(day, day, 1, before.span(), before.group())
    guesses = told or guesses

    def distance(g: DateGuess) -> int:
        s, e = g.span or (0, 0)
        return 0 if s <= anchor < e else min(abs(anchor - s), abs(anchor - e))

    return min(guesses, key=distance)
