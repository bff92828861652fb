"""Sentence splitting shared by event extraction and linking.

``sentences(text)`` returns (start, end) character spans, stripped of surrounding
whitespace, so every event can point back to the exact words it came from.
A full stop ends a sentence unless it closes a known abbreviation ("Rear Adm.",
"Gen.", "Jan."), an initial ("John F. Kennedy") or a dotted acronym ("U.S.")
that is not followed by a typical sentence opener.  Closing quotes and brackets
after the stop stay with the sentence they close; blank lines always end one
(headlines have no full stop).  The abbreviation lists live in
``geo/data/event_abbreviations.json``.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections.abc import Sequence
from importlib import resources
from typing import Any

from geo.dates import dateline_end

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")
_BLANK = re.compile(r"\n[ \t]*\n+|\r\n[ \t]*\r\n")
#: a headline line (no full stop at its end): with a dateline (``geo.dates.dateline_end``) right on the
#: next line, no blank line between ("... parliament set ablaze\nKATHMANDU, Sept 10 - "), it is a sentence
#: of its own
_HEADLINE_LINE = re.compile(r"\s*[^\n]{1,200}(?<![.!?:;,\s])[ \t]*\r?\n")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_NEXT_WORD = re.compile(r"\s+([\"'“‘(\[]*)([^\s]+)")
_ACRONYM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")


#: The words before a place named to say how far something was from it ("80 km northeast of Baghdad",
#: "70 nautical miles west of the port city of Hodeidah"): a landmark, not where anything happened (a
#: link may still use it, at "near" precision, when nothing else places the event).
DISTANCE_ANCHOR = re.compile(
    r"\b\d[\d,.]*\s*(?:km|kilometres|kilometers|miles|nautical\s+miles)\s+(?:\(\d+\s+(?:miles|km)\)\s+)?"
    r"(?:\w+\s+)?(?:of|from)\s+(?:the\s+)?(?:(?:port\s+|border\s+)?(?:city|town|village)\s+of\s+)?$",
    re.IGNORECASE,
)


#: the last places tuple ``places_in`` was asked about, its mentions' starts and whether they ascend
_PLACE_STARTS: tuple[tuple[Any, ...], list[int], bool] = ((), [], True)


def places_in(places: tuple[Any, ...], s: int, e: int) -> Sequence[Any]:
    """The resolved places of ``places`` (a document's) whose mention starts in [s, e), in their order:
    what ``[rp for rp in places if s <= rp.mention.start < e]`` gives, by bisection of their starts when
    they ascend (the recogniser's order). The extractor and the linker ask it of every event's sentence,
    so the starts are listed once per document (those of the last tuple asked about are kept)."""
    global _PLACE_STARTS
    known = _PLACE_STARTS
    if known[0] is not places:
        starts = [rp.mention.start for rp in places]
        ascending = starts == sorted(starts)
        known = _PLACE_STARTS = (places, starts, ascending)
    if not known[2]:
        return [rp for rp in places if s <= rp.mention.start < e]
    starts = known[1]
    return places[bisect.bisect_left(starts, s) : bisect.bisect_left(starts, e)]


def distance_anchor(text: str, start: int) -> bool:
    """Whether the place named at ``start`` is a distance's landmark (``DISTANCE_ANCHOR``)."""
    lo = start - 60 if start > 60 else 0  # max(0, start - 60), without the builtin's call
    # every match ends with "of", "from" or "the", and spaces: most names follow other words, and need
    # no search
    last = text[lo:start].rstrip()[-4:].lower()
    if not (last.endswith("of") or last.endswith("the") or last.endswith("from")):
        return False
    return DISTANCE_ANCHOR.search(text, lo, start) is not None


#: "the village of Burqa near Ramallah", "Tarmiyah, north of Baghdad": words that place the name before
#: them by the place after them (a landmark: the first lies close to it)
_NEAR_GAP = re.compile(
    r",?\s+(?:near|outside|close\s+to|next\s+to|(?:just\s+)?(?:north|south|east|west|north-?east|north-?west"
    r"|south-?east|south-?west)\s+of)\s+(?:the\s+)?(?:(?:city|town|village|capital)\s+of\s+)?",
    re.IGNORECASE,
)
#: How far from its landmark a place "near" it may lie.
NEAR_LANDMARK_KM = 100.0


def placed_near(text: str, end: int, start: int) -> bool:
    """Whether text[end:start], between two names, places the first near the second ("X near Y")."""
    return _NEAR_GAP.fullmatch(text, end, start) is not None


@functools.cache
def _lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """Abbreviations and sentence openers, read once from the package data."""
    raw = json.loads(resources.files("geo.data").joinpath("event_abbreviations.json").read_text("utf-8"))
    return frozenset(raw["titles"]), frozenset(raw["sentence_starters"])


def _is_boundary(text: str, stop: int, end: int) -> bool:
    """Whether the punctuation run text[stop:end] closes a sentence."""
    nxt = _NEXT_WORD.match(text, end)
    if nxt is None:
        return True
    quote, word = nxt.group(1), nxt.group(2)
    first = word[0]
    if text[stop] != ".":
        # "?" or "!" inside a quote followed by lower case continues: '"Why?" he asked.'
        return not first.islower()
    if first.islower() and not quote:
        return False
    # a bounded window (linear in the text): 64 characters back, max(0, stop - 64) without the builtin's call
    before = _WORD_BEFORE.search(text, (stop - 64 if stop > 64 else 0), stop)
    if before is None:
        return True
    token = before.group(1)
    titles, starters = _lexicon()
    if token.lower().rstrip(".") in titles:
        return False
    if len(token) == 1 and token.isupper():
        return False  # an initial: "John F. Kennedy"
    if _ACRONYM.match(token + "."):
        # "the U.S. military" continues; "in the U.S. The next day" starts anew
        return word.strip("\"'“‘,").lower() in starters
    return True


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        if _is_boundary(text, match.start(), match.end()):
            spans.append((cursor, match.end()))
            cursor = match.end()
    spans.append((cursor, end))
    return spans


def _strip(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` as (start, end) character offsets, in order, whitespace stripped."""
    blocks: list[tuple[int, int]] = []
    cursor = 0
    if "\n" in text:  # every blank line holds one (a sentence or a clause has none: no search)
        for match in _BLANK.finditer(text):
            blocks.append((cursor, match.start()))
            cursor = match.end()
    blocks.append((cursor, len(text)))
    start, end = blocks[0]
    headline = _HEADLINE_LINE.match(text, start, end) if "\n" in text else None
    if headline is not None and dateline_end(text, headline.end()) > headline.end():
        blocks[0:1] = [(start, headline.end()), (headline.end(), end)]
    spans: list[tuple[int, int]] = []
    for start, end in blocks:
        for span in _split_block(text, start, end):
            stripped = _strip(text, span)
            if stripped is not None:
                spans.append(stripped)
    return spans


def sentence_at(spans: list[tuple[int, int]], offset: int) -> int | None:
    """Index of the sentence span containing ``offset`` (None when it falls between sentences)."""
    for i, (start, end) in enumerate(spans):
        if start <= offset < end:
            return i
    return None
