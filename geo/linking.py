"""Tie each event to the place where it happened, with ACLED geo precision and the reason why.

``EventLinker`` is a pipeline stage (``Document -> Document``) filling ``Document.linked``.
For each event, in order of preference:

1. a resolved place in the event's sentence that the words attach to the event
   ("in X", "at X", "near X", "the town of X", "entered X", "X saw fighting") and that belongs
   to this event's clause rather than another event's; coordinated places ("in Homs and Aleppo") give one
   record each, fatalities split between them;
2. otherwise the nearest resolved place of the sentence;

   with the link model (``geo.link_model``, the default) the picks of 1-2 are one of its features
   and the model has the last word among the sentence's names: it may pick another place, or none
   (then the places words attach to the event are kept, if any);
3. otherwise a place that "the town" / "the city" refers back to, or one named just before
   in the same paragraph (precision lowered by one step);
4. otherwise up the hierarchy: the province (``gazetteer.admin1``) or country
   (``gazetteer.country``) the document's places share, at precision 3; without a gazetteer,
   a province or country the document names.  Nothing is invented: if nothing fits, the
   event keeps ``place=None``.

The candidates of a sentence are the document's places there plus the capitalised names the recogniser
passed over that the gazetteer knows as a town or an administrative area of a country the document
names, where words attach them to what happened ("Kobane was shelled": ``unrecognised_places``).

Places of speech or origin ("a commander based in X said", "reports from people crossing
into X", "X officials said", "gunmen from X") are never event places.  Precision: 1 a town named as the
place, 2 near a town ("near X", "close to X", "outside X") or a district, 3 a province or
country.  Cues live in ``geo/data/event_linking.json``.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Protocol

from geo.events import clause_bounds, load_lexicon, site_after
from geo.gazetteer import haversine_km
from geo.memo import document_memo
from geo.names import fold
from geo.prefixes import guarded_pattern, required_gate
from geo.records import Document, Event, LinkedEvent, Mention, Place, ResolvedPlace, built_by_slots, replace
from geo.tail import tail_search
from geo.text import NEAR_LANDMARK_KM, distance_anchor, placed_near, places_in, sentences
from geo.toponyms import MATCH_CODES, Lexicon, NameIndex, qualifies_the_previous


class _Hierarchy(Protocol):
    def admin1(self, cc: str, code: str) -> Place | None: ...

    def capital(self, cc: str) -> Place | None: ...

    def country(self, cc: str) -> Place | None: ...


_COMMA_GAP = re.compile(r",\s*")
#: "the Red Sea port of Mokha": the first name only says which port; the event is at the second
_NAMES_THE_NEXT = re.compile(r"\s+(?:port|town|city|village|border town|enclave|suburb)\s+of\s+[A-Z]")


def names_the_next(text: str, end: int) -> bool:
    """Whether the words after a name ending at ``end`` make it only say which place the next name is
    ("the Red Sea port of Mokha", "the Iraqi city of Mosul")."""
    return bool(_NAMES_THE_NEXT.match(text, end))


#: "near the Lido beach in Mogadishu", "the Cano Limon pipeline in Arauca": a name that only names a site
_SITE_AFTER = re.compile(
    # "the Cano Limon-Covenas oil pipeline"
    r"(?:-[\w'’]+)*(?:\s+(?:oil|gas|main|central|national|international|military|naval|air))?"
    r"\s+(?:beach|hotel|restaurant|mosque|church|cathedral|temple|market|hospital|clinic|school|college|"
    r"university|street|road|highway|motorway|avenue|boulevard|square|bridge|stadium|pipeline|oil field|"
    r"oilfield|gas field|power plant|plant|factory|prison|penitentiary|refinery|mall|dam|checkpoint|"
    r"crossing)s?\b"
    r"(?:\s+(?:\w+\s+){0,3}?(?:in|of|near|outside|at)\s+(?:the\s+)?)?",
    re.IGNORECASE,
)


def _names_a_site_in(text: str, rp: ResolvedPlace, candidates: list[ResolvedPlace]) -> bool:
    """Whether ``rp`` names a site ("the Lido beach") placed by the next words in another candidate
    ("... in Mogadishu"): the event is at that other place."""
    end, start = rp.mention.end, rp.mention.start
    second_end = _ROAD_START.search(text, (start - 40 if start > 40 else 0), start) and _ROAD_AFTER.match(
        text, end
    )
    if _ROAD_END.match(text, end) or second_end:
        return True  # "on the Beirut-Damascus highway": the road's ends, not where it happened
    site = _SITE_AFTER.match(text, rp.mention.end)
    return site is not None and any(
        site.end() <= other.mention.start <= site.end() + 12  # "in the city of Mogadishu"
        for other in candidates
        if other is not rp
    )


_ROAD = r"\s+(?:highway|motorway|road|expressway|railway|rail line|pipeline)s?\b"
#: the first end of "X-Y highway" (after the name) and the second (before it)
_ROAD_END = re.compile(r"-(?-i:[A-Z])[\w'’]+(?:\s+(?-i:[A-Z])[\w'’]+)?" + _ROAD, re.IGNORECASE)
_ROAD_START = re.compile(r"(?-i:[A-Z])[\w'’]+-$")
_ROAD_AFTER = re.compile(_ROAD, re.IGNORECASE)


_BORDER_WITH = re.compile(r"\bborders?\s+(?:with|of)\s+(?:the\s+)?$", re.IGNORECASE)
_CAPITAL_AFTER = re.compile(r"(?:['’]s)?\s+capital\b")
_SPEECH_WORD = guarded_pattern(re.compile(r"\b(?:said|says|say|told|added|reported)\b|[,;:]", re.IGNORECASE))


@functools.cache
def _cues() -> dict[str, Any]:
    """The linker's cues (``geo/data/event_linking.json``), their regexes' case-insensitive word lists
    guarded (``guarded_pattern``: the same matches, found sooner)."""
    return {name: _guarded(value) for name, value in _plain_cues().items()}


@functools.cache
def _cue_gate(name: str) -> Callable[[str], bool] | None:
    """A quick "no" for the cue ``name`` (``geo.prefixes.required_gate``: none of the words every match
    holds is in the text), or None when no word is required."""
    return required_gate(_cues()[name])


def _guarded(value: Any) -> Any:
    if isinstance(value, re.Pattern):
        return guarded_pattern(value)
    if isinstance(value, list) and all(isinstance(v, re.Pattern) for v in value):
        return [guarded_pattern(v) for v in value]
    return value


def _plain_cues() -> dict[str, Any]:
    raw = json.loads(resources.files("geo.data").joinpath("event_linking.json").read_text("utf-8"))
    return {
        "attach": re.compile(raw["attach"], re.IGNORECASE),
        # the same cue after the non-word character before it (each of its matches starts a word):
        # opening with one character class, the engine's search skips at once to such characters
        "attach_after": re.compile(rf"\W(?:{raw['attach']})", re.IGNORECASE),
        "coordinated": re.compile(raw["coordinated"], re.IGNORECASE),
        "near": re.compile(raw["near"], re.IGNORECASE),
        "the_capital": re.compile(raw["the_capital"], re.IGNORECASE),
        "the_country": re.compile(raw["the_country"], re.IGNORECASE),
        "speech_before": [re.compile(p, re.IGNORECASE) for p in raw["speech_before"]],
        # the same cues as one pattern (a match of any of them is a match of the alternation)
        "speech_before_any": re.compile("|".join(f"(?:{p})" for p in raw["speech_before"]), re.IGNORECASE),
        "speech_after": re.compile(raw["speech_after"], re.IGNORECASE),
        "street_after": re.compile(raw["street_after"]),
        "victim_not_speaker": re.compile(raw["victim_not_speaker"], re.IGNORECASE),
        "subject_after": re.compile(raw["subject_after"], re.IGNORECASE),
        "people_of": re.compile(raw["people_of"], re.IGNORECASE),
        "force_after": re.compile(raw["force_after"], re.IGNORECASE),
        "site_of_after_near": re.compile(raw["site_of_after_near"], re.IGNORECASE),
        "anaphor": re.compile(
            # "the same town", "the northern region"; not "the Oromia region" (a name)
            r"\b(?:the|this|that)\s+(?:(?-i:[a-z])\w*\s+"
            # "the Dasht-e-Barchi neighbourhood": a part of the town named before
            r"|(?:(?-i:[A-Z])[\w'’-]*\s+){1,3}(?=(?:neighbou?rhoods?|suburbs?)\b))?"
            r"(" + "|".join(raw["anaphors"]) + r")\b"
            # "the village of Chai": a place the gazetteer lacks, near the last one of its kind
            r"(\s+of\s+(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*)*)?",
            re.IGNORECASE,
        ),
        "anaphor_levels": raw["anaphors"],
        "facility_anaphors": frozenset(raw["facility_anaphors"]),
        "area_words": frozenset(raw["area_words"]),
        "back_reference": re.compile(
            r"\bthe\s+(?:" + "|".join(raw["back_references"]) + r")\b", re.IGNORECASE
        ),
    }


@dataclass(frozen=True, slots=True)
class Choice:
    """One place chosen for an event, with its precision and the reason."""

    place: ResolvedPlace
    precision: int
    reason: str


built_by_slots(Choice)  # its constructor by slot setters when not compiled (geo.records)


def overlaps_any(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    """Whether ``span`` overlaps one of ``spans``: ``any(s < span[1] and span[0] < e for s, e in spans)``,
    without a generator (asked for every name of every event)."""
    start, end = span
    found = False
    for s, e in spans:
        if s < end and start < e:
            found = True
            break
    return found


@document_memo
@functools.lru_cache(maxsize=65536)
def is_speech_place(text: str, start: int, end: int, lo: int = 0) -> bool:
    """Whether the name at text[start:end] is where someone spoke or came from, not where it happened
    (memoised by position: the linker asks about every earlier name for each event)."""
    a = start - 80  # max(lo, start - 80), without the builtin's call (asked ~100 times an article)
    return _speech_context(text[a if a > lo else lo : start], text[end : end + 40])


@document_memo
@functools.lru_cache(maxsize=65536)
def _speech_context(before: str, after: str) -> bool:
    """The cue test of ``is_speech_place`` on the text around a name (memoised: the linker asks
    about the same mention once per candidate event, hundreds of times per article)."""
    cues = _cues()
    if tail_search(cues["speech_before_any"], before) and not tail_search(  # its .search(before), faster
        cues["victim_not_speaker"], before
    ):  # "officials in X" speak from X; "arrested a journalist in X" happened in X
        return True
    return bool(cues["speech_after"].match(after))


_THE_PART = re.compile(r"\bthe\s+$", re.IGNORECASE)  # "the south of the city": a part of it
_IN_AT_BEFORE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE)
_SUBJECT_GAP = re.compile(r"\s+(?:[a-z][\w'’-]*\s+){0,2}")


def _acts_there(text: str, start: int, end: int, trigger: int) -> bool:
    """'Kurdish activists in Germany protested': the people in X (a cue of speech, 'officials in X',
    'activists in X') are the subject of the event's own verb, which follows at once (at most two
    lower-case words between, no punctuation), so X is where they did it, not where they spoke from.
    Only 'in'/'at' X: 'gunmen from X attacked' still came from X."""
    if trigger < end or not _IN_AT_BEFORE.search(text, max(0, start - 12), start):
        return False
    return _SUBJECT_GAP.fullmatch(text, end, trigger) is not None


_PEOPLE_IN = re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)
#: what ends the event's own clause before a name: a comma or semicolon, or a word of speech
_CLAUSE_OR_SPEECH = re.compile(r"[,;:]|\b(?:said|says|told|according|quoted|reported)\b", re.IGNORECASE)


def _met_there(text: str, start: int, trigger_end: int) -> bool:
    """ "supporters clashed with police and ruling party activists in the capital Dhaka": the people
    "in X" whom the event's own verb met, in its clause (no comma or word of speech between), are where it
    happened, not a source speaking from X ("..., activists in Idlib said")."""
    return (
        trigger_end <= start
        and start - trigger_end <= 100
        and _PEOPLE_IN.search(text, max(trigger_end, start - 40), start) is not None
        and not _CLAUSE_OR_SPEECH.search(text, trigger_end, start)
    )


@document_memo
@functools.lru_cache(maxsize=65536)
def attachment(text: str, start: int, lo: int) -> str:
    """The words that attach a place name to what happened there ("in the town of"), or ''
    (memoised: asked for each candidate place of each event of a sentence)."""
    a = start - 80  # max(lo, start - 80), without the builtin's call
    return _attachment_before(text[a if a > lo else lo : start])


@document_memo
@functools.lru_cache(maxsize=65536)
def _attachment_before(before: str) -> str:
    """``attachment`` of the text before a name (memoised by that text: the linker, on the document,
    and the link model's features, on the sentence alone, ask about the same words)."""
    if not tail_search(_cues()["attach"], before):  # the cue is end-anchored: a quick "no" first
        return ""
    m = _attach_search(before, 0)
    # not across a verb of speech or a comma ("in Quetta said the town of"), save the comma of an
    # apposition right before the name ("in the provincial capital, Jalalabad")
    while m is not None and _SPEECH_WORD.search(m[1].rstrip(", ")):
        m = _attach_search(before, m[0] + 1)
    return " ".join(m[1].split()) if m else ""


def _attach_search(before: str, pos: int) -> tuple[int, str] | None:
    """The start and text of ``_cues()["attach"].search(before, pos)``, or None: a match past the
    text's start comes after a non-word character (the cue opens with ``\\b`` and a word), so it is
    searched as that character and the cue (``attach_after``), which the engine skips to at once."""
    cues = _cues()
    if pos == 0:
        m = cues["attach"].match(before)
        if m is not None:
            return 0, m.group(0)
        pos = 1
    m = cues["attach_after"].search(before, pos - 1)
    return (m.start() + 1, m.group(0)[1:]) if m is not None else None


@document_memo
@functools.lru_cache(maxsize=65536)
def subject_of(text: str, end: int, hi: int) -> str:
    """The words after a place name that make it the subject of what happened there ("Herat saw
    heavy fighting", "Gardez came under fire"), or '' (cues: ``subject_after``)."""
    b = end + 80  # min(hi, end + 80), without the builtin's call
    m = _cues()["subject_after"].match(text[end : b if b < hi else hi])
    return "subject of " + " ".join(m.group(0).split()) if m else ""


def base_precision(place: Place) -> int:
    """ACLED precision of a place named as the location itself: town 1, district 2, province/country 3,
    and 3 for a sea, a region or a mountain range ("in the Red Sea"): an area, not a point."""
    if place.feature_class in _AREA_CLASSES:
        return 3
    return {0: 3, 1: 3, 2: 2}.get(place.admin_level, 1)


#: GeoNames feature classes of areas that are no administrative unit: water, regions, terrain
_AREA_CLASSES = frozenset({"H", "L", "T"})


#: what a name the recogniser passed over must be in the gazetteer to become a candidate place:
#: a populated place or an administrative area, named by its own or an alternate name
_RESCUE_CLASSES = frozenset({"P", "A"})
_RESCUE_MATCHES = frozenset({"primary", "ascii", "alternate"})
_POSSESSIVE = re.compile(r"['’]s$")


@functools.lru_cache(maxsize=4)
def _name_index(gazetteer: Any) -> Any:
    """The name index (``geo.toponyms.NameIndex``) of a database gazetteer, or ``None`` for another kind."""
    from geo.gazetteer import Gazetteer

    return NameIndex.for_gazetteer(gazetteer) if isinstance(gazetteer, Gazetteer) else None


def unrecognised_places(
    text: str,
    lo: int,
    hi: int,
    places: Sequence[ResolvedPlace],
    gazetteer: Any,
    countries: tuple[str, ...] | None = None,
) -> tuple[ResolvedPlace, ...]:
    """Capitalised names of text[lo:hi] that the recogniser passed over but the gazetteer knows as a
    town or an administrative area of a country the document's place names lie in ("Kobane was
    shelled": a name before "was" reads like a person's), where words attach it to what happened
    ("in X", "the town of X", "X was shelled").  They are candidates only: the linker takes one
    where the words or the link model tie it to an event.  Nothing without a gazetteer that looks
    names up, or without a placed name in the document to give the ``countries`` (default: those
    of ``places``)."""
    capitalised_names = _link_model().capitalised_names
    if countries is None:
        countries = place_countries(places)
    if not countries or not callable(getattr(gazetteer, "lookup", None)):
        return ()
    out = []
    taken: list[tuple[int, int]] | None = None
    for start, end in capitalised_names(text[lo:hi]):
        start, end = start + lo, end + lo
        name = text[start:end]
        if _ordinary_name(name):
            continue
        if taken is None:
            taken = [
                (rp.mention.start, rp.mention.end)
                for rp in places
                if rp.mention.end > lo and rp.mention.start < hi
            ]
        if overlaps_any((start, end), taken):
            continue
        bare = _POSSESSIVE.sub("", name)
        if not _may_name_a_place(gazetteer, bare):
            continue
        if not (attachment(text, start, lo) or subject_of(text, end, hi)):
            continue  # only where the words put something there: "in X", "the town of X", "X was shelled"
        place = _gazetteer_place(gazetteer, bare, countries, _landmark(text, end, places))
        if place is not None:
            reason = f"not recognised as a place; the gazetteer's {place.name!r} in a country the text names"
            out.append(ResolvedPlace(Mention(name, start, end), place, 0.0, reason))
    return tuple(out)


def place_countries(places: Sequence[ResolvedPlace]) -> tuple[str, ...]:
    """The countries of the placed names (not demonyms) of ``places``, sorted."""
    codes = {
        rp.place.country_code
        for rp in places
        if rp.place is not None and rp.place.country_code and rp.mention.kind == "name"
    }
    return tuple(sorted(codes))


@functools.lru_cache(maxsize=16384)
def _ordinary_name(name: str) -> bool:
    """An ordinary word, a first name or a title ("Monday", "Police", "Omar", "Colonel X"): never a
    place the recogniser missed (memoised: news repeats its names)."""
    words = [fold(w) for w in _POSSESSIVE.sub("", name).split()]
    lex = Lexicon.load()
    if not words or any(w in lex.first_names or w in lex.person_titles for w in words):
        return True
    if " ".join(words) in lex.non_places:  # "the University of Texas", "Kataib Hezbollah"
        return True
    return len(words) == 1 and (words[0] in lex.stopwords or words[0] in lex.common_words)


@functools.lru_cache(maxsize=16384)
def _may_name_a_place(gazetteer: Any, name: str) -> bool:
    """Whether ``name`` is some place's own or alternate name, by the gazetteer's name index (no
    query); ``True`` for a gazetteer without one (memoised: news repeats its names)."""
    index = _name_index(gazetteer)
    if index is None:
        return True
    return index.code(fold(name)) in {MATCH_CODES[m] for m in _RESCUE_MATCHES}


@functools.lru_cache(maxsize=8192)
def _gazetteer_place(
    gazetteer: Any, name: str, countries: tuple[str, ...], landmark: Place | None = None
) -> Place | None:
    """The best town or administrative area named ``name`` in one of ``countries``, or ``None``; of
    those the text placed by a ``landmark`` ("Burqa near Ramallah"), the nearest to it, if close."""
    found = [
        cand.place
        for cand in gazetteer.lookup(name, country_codes=countries, limit=10 if landmark else 3)
        if cand.place.feature_class in _RESCUE_CLASSES and cand.match in _RESCUE_MATCHES
    ]
    if landmark is not None:
        lat, lon = landmark.lat, landmark.lon
        near = min(found, key=lambda p: haversine_km(p.lat, p.lon, lat, lon), default=None)
        if near is not None and haversine_km(near.lat, near.lon, lat, lon) <= NEAR_LANDMARK_KM:
            return near
    return found[0] if found else None


def _landmark(text: str, end: int, places: Sequence[ResolvedPlace]) -> Place | None:
    """The town the name ending at ``end`` is placed near ("Burqa near Ramallah"), or ``None``."""
    for rp in places:
        if rp.mention.start >= end:
            p = rp.place
            if p is not None and p.admin_level == 3 and placed_near(text, end, rp.mention.start):
                return p
            if rp.mention.start > end + 40:
                break
    return None


def _with_recovered_places(doc: Document) -> Document:
    """``doc`` with the places the linker recovered from names the recogniser passed over ("captured
    Spin Buldak") added to ``places`` and their mentions to ``mentions``, in text order: every linked
    place is a place of the document, and the tables list what the map shows."""
    known = set(doc.mentions)
    extra: dict[Mention, ResolvedPlace] = {}
    for le in doc.linked:
        if le.place is not None and le.place.mention not in known:
            extra.setdefault(le.place.mention, le.place)
    if not extra:
        return doc
    places = sorted((*doc.places, *extra.values()), key=lambda rp: (rp.mention.start, rp.mention.end))
    return replace(doc, places=tuple(places), mentions=tuple(rp.mention for rp in places))


def unplaced_by_container(doc: Document) -> Document:
    """``doc`` with the names the resolver placed only at the place the text gives for them ("the X
    district of Baghdad": ``geo.resolve.placed_by_container``) unplaced again, as the linker sees them:
    it places their events itself, at that place and with the precision an unknown village or quarter
    in it deserves (the tables keep the resolver's place)."""
    from geo.resolve import INSIDE_REASON

    if not any(rp.place is not None and rp.reason.startswith(INSIDE_REASON) for rp in doc.places):
        return doc
    places = tuple(
        ResolvedPlace(rp.mention, None, 0.0, f"no gazetteer entry for {rp.mention.text!r}", 0)
        if rp.place is not None and rp.reason.startswith(INSIDE_REASON)
        else rp
        for rp in doc.places
    )
    return replace(doc, places=places)


class EventLinker:
    """Pipeline stage filling ``Document.linked``; ``gazetteer`` (optional) gives provinces and countries."""

    def __init__(
        self,
        gazetteer: _Hierarchy | None = None,
        *,
        use_model: bool = True,
        link_model: Any = None,
        link_head: Any = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.use_model = use_model
        self.link_model = link_model  # None: the packaged one (geo/data/event_link_model.json)
        #: opt-in: a ``geo.link_tuned.TunedLinkScorer`` (any object with ``probabilities_for`` and
        #: ``choose``) deciding over the model's scores (needs the 'embeddings' extra); None: the model alone
        self.link_head = link_head
        self._hierarchy_memo: tuple[Document, Choice | None] | None = None
        self._sentence_memo: (
            tuple[Document, tuple[str, ...], dict[tuple[int, int], list[ResolvedPlace]]] | None
        ) = None

    def __call__(self, doc: Document) -> Document:
        placed = doc
        doc = unplaced_by_container(doc)
        linked: list[LinkedEvent] = []
        told: dict[tuple[Any, ...], int] = {}  # -> index in ``linked``
        for event in doc.events:
            chosen = _finest(self.choose(doc, event))
            choices = _without_frame(doc.text, event, _between(doc.text, _without_whole(doc.text, chosen)))
            if not choices:
                linked.append(LinkedEvent(event, None, 3, "no place in the document fits", event.fatalities))
                continue
            # "Demonstrations took place in Mombasa and Kisumu, where crowds marched": the same event
            # of one sentence, at a place it already has, is told twice there, not two events; the
            # record keeps the sub-type ACLED ranks first ("police fired tear gas at students protesting")
            keys = [_told_key(event, c) for c in choices]
            for k in keys:
                if k in told:
                    linked[told[k]] = _ranked_first(linked[told[k]], event)
            # "Protests took place in Mombasa, Kisumu and Nakuru, where crowds marched": only the places
            # not told yet make records of their own
            new = [(c, k) for c, k in zip(choices, keys, strict=True) if k not in told]
            # "attacked villages in the Apa and Agatu areas of Benue state": two names the gazetteer lacks,
            # both placed at the province that holds them, are one record there, with all the dead
            new = [(c, k) for i, (c, k) in enumerate(new) if k not in {k2 for _, k2 in new[:i]}]
            if not new:
                continue
            choices, keys = [c for c, _ in new], [k for _, k in new]
            told.update((k, len(linked) + i) for i, k in enumerate(keys))
            shares = _split(event.fatalities, len(choices))
            for choice, share in zip(choices, shares, strict=True):
                linked.append(LinkedEvent(event, choice.place, choice.precision, choice.reason, share))
        return _with_recovered_places(replace(placed, linked=tuple(linked)))

    def choose(self, doc: Document, event: Event) -> list[Choice]:
        """The place(s) of one event, best first (several only for coordinated places)."""
        where = self._where_refers_back(doc, event)
        if where:
            return where
        in_sentence = self.in_sentence(doc, event)
        if in_sentence:
            in_sentence = [_off_the_coast(doc, event, c) for c in in_sentence]
            in_sentence = self._placed_by_detail(doc, event, in_sentence)
            return [self._this_side_of_border(doc, c) for c in in_sentence]
        home = self._crowds_home(doc, event)
        if home is not None:
            return [home]
        unknown = _unknown_town_in(doc, event)
        siblings = [ev for ev in doc.events if _same_sentence(ev, event) and ev is not event]
        s, e = event.sentence_span
        if (
            unknown is not None
            and siblings
            and _owner(doc.text, s, e, unknown.place, event, siblings) is event
        ):
            # "..., a day after an air strike killed a commander in the southern Lebanese town of X"
            return [unknown]
        if siblings:
            # "Gunmen killed 30 villagers and abducted dozens in Kadawa": a place the sentence gave
            # another of its events, when this one's own clause names none
            shared = self.in_sentence(doc, event, others=[])
            if shared:
                why = "; the place of the sentence's other event"
                return [replace(c, reason=c.reason + why) for c in shared]
        if unknown is not None:
            return [unknown]
        capital = self._the_capital_or_country(doc, event)
        if capital is not None:
            return [capital]
        earlier = _earlier(doc, event)
        if earlier is not None:
            return [earlier]
        own = self._own_sentence_country(doc, event)
        if own is not None:
            return [own]
        fallback = self._hierarchy_of(doc)
        if fallback is not None and _names_an_unknown_place(doc, event):
            # "killed 15 people at a church in Essakane village in Oudalan province": the sentence names its
            # own places, which the gazetteer lacks; the province another event's sentence named is not theirs
            fallback = self._country_level(fallback)
        return [fallback] if fallback is not None else []

    def _the_capital_or_country(self, doc: Document, event: Event) -> Choice | None:
        """ "In the capital, police fired tear gas": the capital city of the country of the last place
        named before the sentence (the dateline's too), not the last town named; "across the country": that
        country (precision 3); None without either."""
        s, e = event.sentence_span
        if self.gazetteer is None:
            return None
        # each cue searched only in a sentence holding one of the words all its matches hold (most hold
        # none: the search would try its alternations at every word)
        sentence = doc.text[s:e]
        capital_gate, country_gate = _cue_gate("the_capital"), _cue_gate("the_country")
        capital_words = (
            _cues()["the_capital"].search(doc.text, s, e)
            if capital_gate is None or capital_gate(sentence)
            else None
        )
        country_words = (
            _cues()["the_country"].search(doc.text, s, e)
            if capital_words is None and (country_gate is None or country_gate(sentence))
            else None
        )
        if capital_words is None and country_words is None:
            return None
        words_at = (capital_words or country_words).start()  # type: ignore[union-attr]
        before = [
            rp
            for rp in doc.places
            if rp.place is not None
            and rp.mention.end <= s
            and rp.place.country_code
            and not is_speech_place(doc.text, rp.mention.start, rp.mention.end)
        ]
        # "police in the capital Kampala said they had arrested 23 people who tried to march on parliament":
        # the sentence's own place before the words, a speaker's too, says whose parliament, not the story's
        # other country named in the sentence before (Congo's)
        own = [
            rp
            for rp in doc.places
            if rp.place is not None
            and s <= rp.mention.start
            and rp.mention.end <= words_at
            and rp.place.country_code
        ]
        before += own
        if not before:
            return None
        last = before[-1]
        assert last.place is not None
        if country_words is not None:
            country = self.gazetteer.country(last.place.country_code)
            if country is None:
                return None
            rp = ResolvedPlace(last.mention, country, last.score, f"country of {last.mention.text!r}", 1)
            return Choice(rp, 3, f"{country_words.group(0)!r}: the country named before, {country.name}")
        capital = self.gazetteer.capital(last.place.country_code)
        if capital is None:
            return None
        # the capital's own mention when it was named (the dateline's "N'DJAMENA"), else the last place's
        named = [rp for rp in before if rp.place is not None and rp.place.geonameid == capital.geonameid]
        mention = named[-1].mention if named else last.mention
        rp = ResolvedPlace(mention, capital, last.score, f"the capital of {capital.country_code}", 1)
        words = " ".join(capital_words.group(0).split()) if capital_words is not None else "the capital"
        return Choice(rp, 1, f"{words!r}: the capital of the country named before, {capital.name}")

    def _country_level(self, choice: Choice) -> Choice | None:
        """``choice`` lifted to its country (precision 3), or None when the country is unknown."""
        rp = choice.place
        if rp.place is None or rp.place.is_country:
            return choice
        country = self.gazetteer.country(rp.place.country_code) if self.gazetteer is not None else None
        if country is None:
            return None
        lifted = ResolvedPlace(rp.mention, country, rp.score, f"country of {rp.mention.text!r}")
        why = (
            f"its own places are not in the gazetteer: in {country.name}, the country of the article's places"
        )
        return Choice(lifted, 3, why)

    def _placed_by_detail(self, doc: Document, event: Event, choices: list[Choice]) -> list[Choice]:
        """ "Gunmen opened fire at a party in Guanajuato state ... The attack took place in the city of
        Celaya": an event told with a later sentence that places it (``geo.events.fold_place_details``)
        is at the finer place that sentence attaches, when it lies in the place chosen from the first."""
        s, e = event.sentence_span
        t1 = event.trigger[1]
        if not _SENTENCE_END.search(doc.text, t1, e):
            return choices  # one sentence: nothing told after it
        first_end = next((s + b for a, b in sentences(doc.text[s:e]) if s + b > t1), e)
        finer = [
            rp
            for rp in self._sentence_places(doc, first_end, e)
            if rp.place is not None
            and attachment(doc.text, rp.mention.start, first_end)
            # "A spokesman told reporters in Bamako that the strikes had targeted ...": where he spoke
            and not is_speech_place(doc.text, rp.mention.start, rp.mention.end, first_end)
            and any(_contains(c.place, rp) for c in choices)
        ]
        if not finer:
            return choices
        rp = max(finer, key=_level)
        reason = f"the next sentence places it: {rp.mention.text!r} ({_kind(rp)})"
        return [Choice(rp, _precision(rp, doc.text, first_end, doc.places), reason)]

    def _where_refers_back(self, doc: Document, event: Event) -> list[Choice]:
        """ "Protests also took place in Mombasa, Kisumu and Nakuru, where demonstrators clashed with
        police": an event told in a "where" clause happened at the place (or the list of places) named
        right before the "where", every one of them."""
        s, e = event.sentence_span
        text = doc.text
        t0 = event.trigger[0]
        m = _WHERE_BEFORE.search(text, (t0 - 60 if t0 > s + 60 else s), t0)
        if m is None:
            return []
        places = [rp for rp in self._sentence_places(doc, s, e) if rp.mention.end <= m.start()]
        if not places or places[-1].mention.end != m.start():
            return []
        listed = [places[-1]]
        for rp in reversed(places[:-1]):  # "Mombasa, Kisumu and Nakuru": the names joined before it
            if not _cues()["coordinated"].match(text[rp.mention.end : listed[-1].mention.start]):
                break
            listed.append(rp)
        names = ", ".join(repr(rp.mention.text) for rp in reversed(listed))
        return [
            Choice(rp, _precision(rp, text, s, doc.places), f"'where' refers back to {names} ({_kind(rp)})")
            for rp in reversed(listed)
            if rp.place is not None
        ]

    def _crowds_home(self, doc: Document, event: Event) -> Choice | None:
        """ "Residents of Ouagadougou held a rally": a protest or riot whose own clause names no place is
        where its crowd lives, a place named in "residents of X" (cue ``people_of``) as the subject
        right before the trigger (no comma or word of speech between)."""
        if event.event_type not in _DEMONSTRATIONS:
            return None
        s, e = event.sentence_span
        t0 = event.trigger[0]
        text = doc.text
        for rp in self._sentence_places(doc, s, e):
            start, end = rp.mention.start, rp.mention.end
            if (
                rp.place is not None
                and end <= t0
                and tail_search(_cues()["people_of"], text[max(s, start - 40) : start])
                and not _CLAUSE_OR_SPEECH.search(text, end, t0)
            ):
                reason = f"the crowd are people of {rp.mention.text!r} ({_kind(rp)})"
                return Choice(rp, _precision(rp, text, s, doc.places), reason)
        return None

    def _own_sentence_country(self, doc: Document, event: Event) -> Choice | None:
        """ "Villagers in Yatenga said a rally was held": when no place of the sentence is the event's and no
        earlier one of its paragraph is, the one country its named places lie in (precision 3), rather than
        the country the whole article names most (which may be another story's); or the one province it
        names, when that holds them all ("..., the Zamfara state police command said")."""
        s, e = event.sentence_span
        named = [
            rp.place
            for rp in places_in(doc.places, s, e)
            if rp.place is not None
            and rp.mention.kind == "name"
            and rp.place.country_code
            and not is_speech_place(doc.text, rp.mention.start, rp.mention.end, s)
        ]
        codes = {p.country_code for p in named}
        if len(codes) != 1 or self.gazetteer is None:
            return None
        provinces = [p for p in named if p.is_admin1]
        if len({p.geonameid for p in provinces}) == 1 and all(
            p.admin1_code == provinces[0].admin1_code for p in named
        ):
            # "Bandits killed two herders, the Zamfara state police command said": the one province named,
            # whose force tells of it, holding every place named, is finer than its country (ACLED: the
            # province, precision 3)
            source = next(rp for rp in doc.places if rp.place is provinces[0])
            why = f"no place in the sentence is the event's; the one province named, {source.mention.text!r}"
            return Choice(source, 3, why)
        country = self.gazetteer.country(codes.pop())
        if country is None:
            return None
        source = next(rp for rp in doc.places if rp.place is named[0])
        rp = ResolvedPlace(source.mention, country, source.score, f"country of {source.mention.text!r}")
        return Choice(rp, 3, f"no place in the sentence is the event's; country of {source.mention.text!r}")

    def _hierarchy_of(self, doc: Document) -> Choice | None:
        """``_hierarchy(doc)``, computed once for all the events of a document (it reads nothing else)."""
        memo = self._hierarchy_memo
        if memo is None or memo[0] is not doc:
            memo = self._hierarchy_memo = (doc, self._hierarchy(doc))
        return memo[1]

    # -- step 1 and 2: the event's own sentence

    def in_sentence(
        self,
        doc: Document,
        event: Event,
        *,
        others: list[Event] | None = None,
        resolved_only: bool = True,
        words_fallback: bool = True,
        holders: bool | None = None,
    ) -> list[Choice]:
        """Steps 1-2: the place(s) of the event's own sentence attached to (or nearest) its trigger.

        ``others`` are the other events of the sentence (default: those of ``doc.events``);
        ``resolved_only=False`` also considers mentions the gazetteer could not place (scoring
        spans only, as ``geo eval links`` does).  With the model, its choice wins; if it picks
        nothing, ``words_fallback`` keeps the places the words attach to the event (a map wants a
        place of the sentence rather than one up the hierarchy; scoring turns it off, as Halterman's
        "no location here" is the model's to say). ``holders`` (default: ``words_fallback``): an unknown
        name the model picks is the event's place, placed at the known place words say holds it.
        """
        text = doc.text
        s, e = event.sentence_span
        places = self._sentence_places(doc, s, e)
        candidates = [
            rp
            for rp in places
            if (rp.place is not None or not resolved_only)
            and (
                not is_speech_place(text, rp.mention.start, rp.mention.end, s)
                or _acts_there(text, rp.mention.start, rp.mention.end, event.trigger[0])
                or _met_there(text, rp.mention.start, event.trigger[1])
            )
            and not _apposition_of_excluded(doc, rp, s)
            and not _adjective_of_a_country(rp)
            and not _NAMES_THE_NEXT.match(text, rp.mention.end)
        ]
        candidates = [rp for rp in candidates if not _names_a_site_in(text, rp, candidates)]
        if not candidates:
            return []
        if others is None:
            # (one told on in the next sentence, "The attack took place in X", still starts in this one)
            others = [ev for ev in doc.events if _same_sentence(ev, event) and ev is not event]
        owned = [rp for rp in candidates if _owner(text, s, e, rp, event, others) is event]
        attached = [
            (rp, attachment(text, rp.mention.start, s) or subject_of(text, rp.mention.end, e)) for rp in owned
        ]
        attached = _with_coordinated(text, attached)
        hits = [(rp, words) for rp, words in attached if words]
        if hits:
            rules = _pick_attached(text, hits, doc.places)
        else:
            rules = []
            if owned:
                trigger = event.trigger[0]
                rp = min(owned, key=lambda r: (abs(r.mention.start - trigger), -_level(r)))
                reason = f"nearest place in the sentence: {rp.mention.text!r} ({_kind(rp)})"
                rules = [Choice(rp, _precision(rp, text, s, doc.places), reason)]
        if not self.use_model:
            return rules
        # the model has the last word (the rules' picks are among its features): on Halterman's
        # sentences it beats "attached by words first" (5-fold CV, see geo.evaluation.links)
        scores: _Scores | None
        holds = words_fallback if holders is None else holders
        if self.link_head is not None:
            scores = _head_scores(doc, event, rules, self.link_model, self.link_head, places)
        else:
            # an unknown name the model picks may be placed where a known place holds it ("in Kuriga,
            # Kaduna state"), so the scores are wanted even when no known place of the sentence is picked
            unknown_placeable = holds and any(rp.place is not None for rp in owned)
            scores = _model_scores(doc, event, rules, self.link_model, candidates, places, unknown_placeable)
        chosen = (
            _model_choice(
                doc,
                event,
                candidates,
                scores,
                owned,
                holders=holds,
                parent=functools.partial(self._sentence_region, owned),
            )
            if scores is not None
            else []
        )
        if chosen or not hits or not words_fallback:
            return chosen
        if scores is not None:  # not a part of a longer name the model took for another place ("Balad Ruz")
            others_named = _other_places_picked(text[s:e], scores)
            rules = [
                c
                for c in rules
                if not any(
                    a <= c.place.mention.start - s and c.place.mention.end - s <= b for a, b in others_named
                )
            ]
        return [replace(c, reason=c.reason + "; the link model doubts it") for c in rules]

    def _sentence_region(self, owned: list[ResolvedPlace], name: Mention) -> ResolvedPlace | None:
        """The one province, else the one country, that holds every place of the event's own clause
        (``owned``) but the unknown ``name`` and the places its words hold, named or the gazetteer's; a
        demonym's country counts ("the southern Lebanese town of X"). ``None`` when they lie in several
        countries or none is placed, or when ``name`` is a demonym ("the Indian capital")."""
        demonym = getattr(self.gazetteer, "demonym", None)
        if demonym is not None and demonym(name.text) is not None:
            return None
        placed = [
            rp
            for rp in owned
            if rp.place is not None and not (rp.mention.start < name.end and name.start < rp.mention.end)
        ]
        codes = {rp.place.country_code for rp in placed if rp.place is not None}
        placed = [rp for rp in placed if rp.mention.kind == "name"]
        if len(codes) != 1 or "" in codes or not placed:
            return None
        cc = codes.pop()
        admin1s = {rp.place.admin1_code if rp.place.admin_level >= 1 else "" for rp in placed if rp.place}
        if len(admin1s) == 1 and "" not in admin1s:
            code = admin1s.pop()
            named = next((rp for rp in placed if rp.place is not None and rp.place.is_admin1), None)
            if named is not None:
                return named
            province = self.gazetteer.admin1(cc, code) if self.gazetteer is not None else None
            if province is not None:
                return ResolvedPlace(placed[0].mention, province, placed[0].score, f"province of {cc}")
        named = next((rp for rp in placed if rp.place is not None and rp.place.is_country), None)
        if named is not None:
            return named
        country = self.gazetteer.country(cc) if self.gazetteer is not None else None
        if country is None:
            return None
        return ResolvedPlace(placed[0].mention, country, placed[0].score, f"country {cc}")

    def _sentence_places(self, doc: Document, s: int, e: int) -> list[ResolvedPlace]:
        """The places named in text[s:e]: the document's, and the names the recogniser passed over that
        the gazetteer places in the document's countries (``unrecognised_places``); once per sentence."""
        memo = self._sentence_memo
        if memo is None or memo[0] is not doc:
            memo = self._sentence_memo = (doc, place_countries(doc.places), {})
        found = memo[2].get((s, e))
        if found is None:
            street = _cues()["street_after"]
            named = [
                self._capital(doc.text, rp)
                for rp in places_in(doc.places, s, e)
                # "marched along Reforma avenue": a street, not the town Reforma
                if not street.match(doc.text, rp.mention.end)
            ]
            extra = unrecognised_places(doc.text, s, e, doc.places, self.gazetteer, memo[1])
            found = memo[2][(s, e)] = sorted([*named, *extra], key=lambda rp: rp.mention.start)
        return found

    def _this_side_of_border(self, doc: Document, choice: Choice) -> Choice:
        """ "Air strikes near the border with Mali" in an article about Burkina Faso happened in Burkina
        Faso, not in Mali: a country named after "border with" is the other side.  The event takes the
        country the article names most (precision 3); with no other country it keeps the one named."""
        rp = choice.place
        if rp.place is None or not rp.place.is_country or self.gazetteer is None:
            return choice
        if not _BORDER_WITH.search(doc.text, max(0, rp.mention.start - 30), rp.mention.start):
            return choice
        countries = Counter(
            other.place.country_code
            for other in doc.places
            if other.place is not None
            and other.place.country_code
            and other.place.country_code != rp.place.country_code
            and not is_speech_place(doc.text, other.mention.start, other.mention.end)
        )
        if not countries:
            return choice
        country = self.gazetteer.country(countries.most_common(1)[0][0])
        if country is None:
            return choice
        side = ResolvedPlace(rp.mention, country, rp.score, f"this side of the border with {rp.place.name}")
        why = f"near the border with {rp.mention.text!r}: in {country.name}, the article's country"
        return Choice(side, 3, why)

    def _capital(self, text: str, rp: ResolvedPlace) -> ResolvedPlace:
        """``rp``, or the capital city of its country when the words say so ("in Niger's capital",
        "the Libyan capital"): the mention names the country, the event happened in its capital."""
        if rp.place is None or not rp.place.is_country or self.gazetteer is None:
            return rp
        if not _CAPITAL_AFTER.match(text, rp.mention.end):
            return rp
        capital = self.gazetteer.capital(rp.place.country_code)
        if capital is None:
            return rp
        return ResolvedPlace(
            rp.mention, capital, rp.score, f"the capital of {rp.place.name}", rp.n_candidates
        )

    # -- step 4: up the hierarchy

    def _hierarchy(self, doc: Document) -> Choice | None:
        usable = [
            rp
            for rp in doc.places
            if rp.place is not None and not is_speech_place(doc.text, rp.mention.start, rp.mention.end)
        ]
        # "OUAGADOUGOU (AFP) -": where the story was filed says nothing of where things happened, unless
        # nothing else is named
        usable = [rp for rp in usable if not _dateline_name(rp.mention.text)] or usable
        # "Russian warplanes struck a market ... The war in Syria": whose planes is no place of the article
        # when it names another country (cue ``force_after``)
        force_after = _cues()["force_after"]
        usable = [
            rp
            for rp in usable
            if not (rp.mention.kind == "demonym" and force_after.match(doc.text, rp.mention.end))
        ] or usable
        if not usable:
            return None
        countries = Counter(rp.place.country_code for rp in usable if rp.place and rp.place.country_code)
        if not countries:
            return None
        cc = countries.most_common(1)[0][0]
        in_cc = [rp for rp in usable if rp.place and rp.place.country_code == cc]
        admin1s = {
            rp.place.admin1_code
            for rp in in_cc
            if rp.place and rp.place.admin1_code and rp.place.admin_level >= 1
        }
        if len(admin1s) == 1:
            code = next(iter(admin1s))
            named = next(
                (rp for rp in in_cc if rp.place and rp.place.is_admin1 and rp.place.admin1_code == code), None
            )
            source = next(rp for rp in in_cc if rp.place and rp.place.admin1_code == code)
            if named is not None:
                return Choice(
                    named,
                    3,
                    f"no place in the sentence; the province the article names: {named.mention.text!r}",
                )
            if self.gazetteer is not None:
                province = self.gazetteer.admin1(cc, code)
                if province is not None:
                    rp = ResolvedPlace(
                        source.mention, province, source.score, f"province of {source.mention.text!r}"
                    )
                    return Choice(rp, 3, f"no place in the sentence; province of {source.mention.text!r}")
        named_country = next((rp for rp in in_cc if rp.place and rp.place.is_country), None)
        if named_country is not None:
            return Choice(
                named_country,
                3,
                f"no place in the sentence; the country the article names: {named_country.mention.text!r}",
            )
        if self.gazetteer is not None:
            country = self.gazetteer.country(cc)
            if country is not None:
                source = in_cc[0]
                rp = ResolvedPlace(
                    source.mention, country, source.score, f"country of {source.mention.text!r}"
                )
                return Choice(rp, 3, f"no place in the sentence; country of {source.mention.text!r}")
        return None


_Scores = tuple[Any, dict[tuple[int, int], ResolvedPlace], list[Any], list[float]]


def _model_scores(
    doc: Document,
    event: Event,
    picks: list[Choice],
    link_model: Any,
    usable: list[ResolvedPlace],
    places: list[ResolvedPlace] | None = None,
    unknown_placeable: bool = False,
) -> _Scores | None:
    """The link model's probability for every name of the event's sentence (``places``: those the
    linker knows, by default the document's in the sentence; spans relative to the sentence);
    ``None`` when it picks none of the ``usable`` places for sure and (``unknown_placeable``) no name
    the gazetteer lacks may be picked and placed at a known place holding it.

    The model keeps a name only if its probability reaches ``threshold`` (the best), ``extra``
    (the others) or ``list_extra`` (listed with a kept one), so when no usable place reaches the lowest
    of the three, nothing usable is chosen
    whatever the other names score: their features (most of the work) are then not computed.
    ``None`` too when the model's record gate says the verb has no place in the sentence at all."""
    lm = _link_model()
    s, e = event.sentence_span
    sentence = doc.text[s:e]
    verb = (event.trigger[0] - s, event.trigger[1] - s)
    if places is None:
        places = list(places_in(doc.places, s, e))
    in_sentence = [rp for rp in places if rp.mention.kind == "name"]
    by_span = {(rp.mention.start - s, rp.mention.end - s): rp for rp in in_sentence}
    cands = lm.with_unknown_names(sentence, verb, lm.known_candidates(places, s))
    rule_picks = [(c.place.mention.start - s, c.place.mention.end - s) for c in picks]
    model = link_model or lm.packaged_link_model()
    verb = lm.verb_word(sentence, verb, model)  # "drones struck": the word the model knows as a verb
    floor = min(model.threshold, model.extra, model.list_extra)
    wanted = {i for i, c in enumerate(cands) if (rp := by_span.get(c.key)) is not None and rp in usable}
    if len(wanted) == len(cands):
        feats = lm.link_features(sentence, verb, cands, rule_picks)
        probs = [model.probability(f) for f in feats]
    else:
        feats = lm.link_features(sentence, verb, cands, rule_picks, wanted)
        probs = [model.probability(f) if i in wanted else 0.0 for i, f in enumerate(feats)]
        # no usable place reaches the floor, not even with the most the second stage can add (unless an
        # unknown name may be picked and placed at a known place that holds it)
        if not unknown_placeable and (
            all(probs[i] < floor for i in wanted)
            if model.rerank is None
            else not any(
                model.rerank.can_reach(probs[i], floor, n) for i, n in _pair_counts(sentence, cands, wanted)
            )
        ):
            return None
        rest = set(range(len(cands))) - wanted
        for i, f in enumerate(lm.link_features(sentence, verb, cands, rule_picks, rest)):
            if i in rest:
                feats[i] = f
                probs[i] = model.probability(f)
    probs = model.rescored(sentence, cands, probs)
    if not model.keeps_any(sentence, verb, feats, probs):
        return None  # the record gate: this verb has no place in its sentence
    return model, by_span, cands, probs


def _pair_counts(sentence: str, cands: list[Any], wanted: set[int]) -> list[tuple[int, int]]:
    """Each wanted candidate's index and the number of part-whole pairs it is in (the second stage's
    features of each pair can raise its score)."""
    pairs = _link_model().part_whole_pairs(sentence, tuple(c.span for c in cands))
    return [(i, sum(i in (a, b) for a, b, _ in pairs)) for i in sorted(wanted)]


def _head_scores(
    doc: Document,
    event: Event,
    picks: list[Choice],
    link_model: Any,
    link_head: Any,
    places: list[ResolvedPlace],
) -> _Scores:
    """``_model_scores`` with the fine-tuned scorer (``geo.link_tuned``) rescoring every name of the
    sentence from the model's probabilities (by default the model over the shallow-syntax features
    too, which the scorer was trained on) and its reading of the sentence with the trigger marked."""
    from geo.link_model import known_candidates, link_features, packaged_link_model, with_unknown_names

    s, e = event.sentence_span
    sentence = doc.text[s:e]
    verb = (event.trigger[0] - s, event.trigger[1] - s)
    by_span = {(rp.mention.start - s, rp.mention.end - s): rp for rp in places if rp.mention.kind == "name"}
    cands = with_unknown_names(sentence, verb, known_candidates(places, s))
    rule_picks = [(c.place.mention.start - s, c.place.mention.end - s) for c in picks]
    model = link_model or packaged_link_model(syntax=True)
    base = [model.probability(f) for f in link_features(sentence, verb, cands, rule_picks, syntax=True)]
    probs = link_head.probabilities_for(sentence, verb, [c.span for c in cands], base) if cands else []
    return link_head, by_span, cands, probs


def _model_choice(
    doc: Document,
    event: Event,
    usable: list[ResolvedPlace],
    scores: _Scores,
    owned: list[ResolvedPlace],
    *,
    holders: bool = True,
    parent: Callable[[Mention], ResolvedPlace | None] | None = None,
) -> list[Choice]:
    """The link model (``geo/data/event_link_model.json``, trained on Halterman's sentences) judges
    which name(s) of the sentence, if any, are where the event happened; names it picks that are not
    usable places (unknown to the gazetteer, or places of speech) are passed over, and a second place
    must lie in the event's own clause (not in another event's: "the massacre in X and the shooting
    near Y"). With ``holders``, an unknown name the model picks is the event's place, named as the text
    names it and placed at the known place words say holds it, else at the region ``parent`` gives for
    it (the one province or country of the event's clause's places; not a given name or a demonym): ACLED
    codes such a village at its district or province, and the name is no point of its own."""
    _, by_span, cands, probs = scores
    choices: list[tuple[Choice, ResolvedPlace | None]] = []  # (with the place holding a name it lacks)
    s, e = event.sentence_span
    sentence = doc.text[s:e]
    picked = _parts_over_wholes(sentence, scores, _picked(sentence, scores), usable, holders)
    picked = _without_landmarks(sentence, picked, cands, by_span, usable)
    if len(picked) > 1 and len(owned) < len(usable):
        # "shelling hit X and a strike on a house in Y wounded two": of the picks, the ones in the event's own
        # clause, when there are some (X is the shelling's)
        own = [i for i in picked if by_span.get(cands[i].key) in owned]
        if own:
            picked = own
    order = sorted(picked, key=lambda i: -probs[i])
    if holders and len(order) > 1:
        order = _held_part_first(sentence, order, cands, by_span)
    for rank, i in enumerate(order):
        rp = by_span.get(cands[i].key)
        if rp is not None and _names_another_place(sentence, cands[i]):
            rp = None  # "Balad Ruz": the recogniser placed "Balad", another town
        held = ""
        if (rp is None or rp.place is None) and rank == 0 and holders:
            # "the Zafaraniyah neighbourhood of Baghdad", "Baghdad's Zafaraniyah": a place the
            # gazetteer lacks, in one it knows
            holder = _holding(sentence, cands[i].span, [(c, by_span.get(c.key)) for c in cands])
            if holder is not None:
                rp, held = holder, sentence[cands[i].span[0] : cands[i].span[1]]
            elif parent is not None and not _ordinary_name(sentence[cands[i].span[0] : cands[i].span[1]]):
                # "militants clashed with police in X, ... said the Kandahar province police chief": no
                # words hold X, but the one province (else country) of its clause's places does
                a, b = cands[i].span
                name = sentence[a:b]
                region = parent(Mention(name, s + a, s + b))
                if region is not None and region.place is not None:
                    why = (
                        f"the link model ties {name!r} to the event, p={probs[i]:.2f}; not in the gazetteer, "
                        f"in {region.place.name} ({_kind(region)}), which holds its clause's places"
                    )
                    named = ResolvedPlace(Mention(name, s + a, s + b), region.place, region.score, why)
                    choices.append((Choice(named, max(2, base_precision(region.place)), why), region))
                    continue
        elif (rp is None or rp.place is None) and holders and choices and choices[0][1] is not None:
            # "the villages of X, Y and Z": a further name the gazetteer lacks, picked with the first one
            # the gazetteer lacks, lies where that one does
            first, holding = choices[0]
            a, b = cands[i].span
            name = sentence[a:b]
            if holding is not None and holding.place is not None and not _ordinary_name(name):
                why = (
                    f"the link model ties {name!r} to the event with {first.place.mention.text!r}, "
                    f"p={probs[i]:.2f}; not in the gazetteer, in {holding.place.name} ({_kind(holding)}) too"
                )
                named = ResolvedPlace(Mention(name, s + a, s + b), holding.place, holding.score, why)
                choices.append((Choice(named, first.precision, why), holding))
            continue
        if rp is None or rp not in usable or (rank > 0 and rp not in owned):
            continue
        if any(c.place is rp or h is rp for c, h in choices):
            continue  # "X in Y" with both picked: Y once, as the place holding X
        precision = _precision(rp, doc.text, event.sentence_span[0], doc.places)
        reason = f"the link model ties {rp.mention.text!r} ({_kind(rp)}) to the event, p={probs[i]:.2f}"
        if held:
            by = "near" if precision == 2 and rp.place is not None and base_precision(rp.place) == 1 else "in"
            reason = (
                f"the link model ties {held!r} to the event, p={probs[i]:.2f}; not in the gazetteer, "
                f"it lies {by} {rp.mention.text!r} ({_kind(rp)})"
            )
            # the event is named by its own place, placed at the one holding it (no point of its own)
            a, b = cands[i].span
            named = ResolvedPlace(Mention(held, s + a, s + b), rp.place, rp.score, reason, rp.n_candidates)
            choices.append((Choice(named, precision, reason), rp))
            continue
        choices.append((Choice(rp, precision, reason), None))
    if choices and all(_dateline_name(c.place.mention.text) for c, _ in choices):
        choices = _past_the_dateline(doc, event, choices, scores, usable, owned)
    out = [c for c, _ in choices]
    if len(out) == 1:
        out = [_finer_of_a_tie(doc, event, out[0], scores, usable, owned)]
    return sorted(out, key=lambda c: c.place.mention.start)


def _past_the_dateline(
    doc: Document,
    event: Event,
    choices: list[tuple[Choice, ResolvedPlace | None]],
    scores: _Scores,
    usable: list[ResolvedPlace],
    owned: list[ResolvedPlace],
) -> list[tuple[Choice, ResolvedPlace | None]]:
    """ "LA PAZ, Nov 2 - Police used tear gas to clear a blockade ... near Cochabamba": the dateline, where
    the story was filed, picked over a town of the event's own clause that the model scored lower, gives
    way to that town (the best scored of the clause's towns and provinces, else of the sentence's; never a
    country)."""
    _, by_span, cands, probs = scores
    filed = {c.place.place.country_code for c, _ in choices if c.place.place is not None}
    others: list[tuple[bool, float, ResolvedPlace]] = []
    for i, c in enumerate(cands):
        rp = by_span.get(c.key)
        if rp is None or rp not in usable or rp.place is None or rp.place.is_country:
            continue
        # (the event's own clause's first; past it, only a place in the dateline's country: "supporters of
        # Evo Morales" is no town of Colombia's)
        if not _dateline_name(rp.mention.text) and (rp in owned or rp.place.country_code in filed):
            others.append((rp in owned, probs[i], rp))
    if not others:
        return choices
    _, p, rp = max(others, key=lambda x: (x[0], x[1]))
    why = (
        f"the link model ties {rp.mention.text!r} ({_kind(rp)}) to the event, p={p:.2f}, below the "
        "dateline's town, where the story was filed"
    )
    return [(Choice(rp, _precision(rp, doc.text, event.sentence_span[0], doc.places), why), None)]


def _held_part_first(
    sentence: str, order: list[int], cands: list[Any], by_span: dict[tuple[int, int], ResolvedPlace]
) -> list[int]:
    """ "struck a convoy near Sinjat in northern Iraq", "the Mir Ali area of North Waziristan": where the
    model keeps a name the gazetteer lacks and the place that words say holds it, the name goes first,
    whichever scores higher, so that the event is named by it and placed at its holder (once); the holder
    first dropped it. Where the model keeps both of such a pair ("X in Y", "the X area of Y") and scores
    the whole higher, Halterman's gold marks the part 10 times in 12 (5-fold CV of the link model)."""
    named = [(c, by_span.get(c.key)) for c in cands]
    kept = [by_span.get(cands[i].key) for i in order]
    for i in order[1:]:
        rp = by_span.get(cands[i].key)
        if rp is not None and rp.place is not None:
            continue
        holder = _holding(sentence, cands[i].span, named)
        if holder is not None and any(holder is k for k in kept):
            return [i, *(j for j in order if j != i)]
    return order


def _parts_over_wholes(
    sentence: str, scores: _Scores, picked: list[int], usable: list[ResolvedPlace], holders: bool
) -> list[int]:
    """ "attacked the Delmas neighbourhood of Port-au-Prince", "struck targets in the Gara region of
    northern Iraq": where the model keeps the whole and not the part named with it (``_PART_OF_WHOLE``),
    the part, if the model gives it at least its threshold and it is the finer place (``_finer_part``).
    The whole only says where the part lies: ACLED codes the most specific location, and Halterman's
    annotators mark the part (the model, seeing levels only, cannot tell "the Homs neighbourhood of
    Baba Amr", whose part comes second, from "the Delmas neighbourhood of Port-au-Prince")."""
    model, by_span, cands, probs = scores
    # (the fine-tuned scorer of the embeddings extra keeps its decoding, threshold included, in ``decode``)
    threshold = model.decode.threshold if hasattr(model, "decode") else model.threshold
    out = list(picked)
    for k, i in enumerate(picked):
        whole = by_span.get(cands[i].key)
        for j, cand in enumerate(cands):
            if j in out or probs[j] < threshold or cand.span[1] > cands[i].span[0]:
                continue
            if not _PART_OF_WHOLE.fullmatch(sentence, cand.span[1], cands[i].span[0]):
                continue
            part = by_span.get(cand.key)
            placeable = part in usable or (holders and (part is None or part.place is None))
            if placeable and _finer_part(part, whole):
                out[k] = j
                break
    return out


def _without_landmarks(
    sentence: str,
    picked: list[int],
    cands: list[Any],
    by_span: dict[tuple[int, int], ResolvedPlace],
    usable: list[ResolvedPlace],
) -> list[int]:
    """ "raided Burqa, near Ramallah": of two names picked, the town a usable other town is placed near
    only says where that one lies; it is no second place of the event ("in Yemen near Mokha" is no town
    near a town)."""
    if len(picked) < 2:
        return picked
    towns = [i for i in picked if _usable_town(by_span.get(cands[i].key), usable)]
    landmarks = {
        j
        for i in towns
        for j in picked
        if j != i and placed_near(sentence, cands[i].span[1], cands[j].span[0])
    }
    return [i for i in picked if i not in landmarks] if landmarks else picked


def _usable_town(rp: ResolvedPlace | None, usable: list[ResolvedPlace]) -> bool:
    return rp is not None and rp.place is not None and rp.place.feature_class == "P" and rp in usable


def _finer_part(part: ResolvedPlace | None, whole: ResolvedPlace | None) -> bool:
    """Whether ``part`` (named as a part of ``whole``) is the finer place: a name the gazetteer does not
    place, or a place of a finer level, or of a town's level with fewer people ("the Homs neighbourhood of
    Baba Amr" names the city first: the city is not Baba Amr's part)."""
    if part is None or part.place is None:
        return True
    if whole is None or whole.place is None:
        return False
    a, b = part.place, whole.place
    if a.feature_code == "RGN" and b.is_admin1 and a.country_code == b.country_code:
        return True  # "the Kurram district of Khyber Pakhtunkhwa": a region named as the province's part
    if a.admin_level != b.admin_level:
        return a.admin_level > b.admin_level
    return a.admin_level == 3 and a.population < b.population


#: How close another name's link probability must come to the pick's for the finer of them to win.
NEAR_TIE = 0.02


def _finer_of_a_tie(
    doc: Document,
    event: Event,
    choice: Choice,
    scores: _Scores,
    usable: list[ResolvedPlace],
    owned: list[ResolvedPlace],
) -> Choice:
    """ "launched an offensive in northwestern Syria and captured villages west of Aleppo": when the
    model's pick is a country or province and a place inside it, in the event's own clause, scores all
    but as high (within ``NEAR_TIE``), the finer place (ACLED codes the most specific location)."""
    picked = choice.place
    if picked.place is None or picked.place.admin_level > 1:
        return choice
    _, by_span, cands, probs = scores
    top = max((probs[i] for i, c in enumerate(cands) if by_span.get(c.key) is picked), default=None)
    if top is None:
        return choice
    best: tuple[float, ResolvedPlace] | None = None
    for i, c in enumerate(cands):
        rp = by_span.get(c.key)
        if rp is None or rp is picked or rp not in usable or rp not in owned or probs[i] < top - NEAR_TIE:
            continue
        if _dateline_name(rp.mention.text):
            continue  # "NARATHIWAT, Thailand - A bomb ... in Rangae district of Narathiwat province": filed
        if _contains(picked, rp) and (best is None or probs[i] > best[0]):
            best = (probs[i], rp)
    if best is None:
        return choice
    p, rp = best
    why = f"the link model ties {rp.mention.text!r} ({_kind(rp)}) to the event all but as surely (p={p:.2f})"
    why += f" as {picked.mention.text!r}, which holds it: the finer place"
    return Choice(rp, _precision(rp, doc.text, event.sentence_span[0], doc.places), why)


def _other_places_picked(sentence: str, scores: _Scores) -> list[tuple[int, int]]:
    """The spans (in the sentence) of the names the link model picks that name another place than the
    part of them the recogniser matched ("Balad Ruz", not Balad: ``_names_another_place``)."""
    _, _, cands, _ = scores
    return [cands[i].span for i in _picked(sentence, scores) if _names_another_place(sentence, cands[i])]


def _picked(sentence: str, scores: _Scores) -> list[int]:
    """The indices of the names the model's decoding keeps (``LinkModel.choose``, given the lists and,
    if two names are kept, the part-whole pairs of the sentence's names)."""
    lm = _link_model()
    model, _, cands, probs = scores
    spans = tuple(c.span for c in cands)
    return model.choose(  # type: ignore[no-any-return]
        probs,
        lm.coordinated_lists(sentence, list(spans)),
        functools.partial(lm.part_whole_pairs, sentence, spans),
    )


@functools.cache
def _link_model() -> Any:
    """The module ``geo.link_model`` (it imports this module first, so it cannot be imported at the top;
    found once here: a function's own ``from geo.link_model import ...`` costs microseconds a call)."""
    import geo.link_model

    return geo.link_model


#: what lies between a part of a place and the place: "X neighbourhood of southern Y", "X, in Y", "Y's X"
_PART_OF = re.compile(
    r"(?:\s+(?-i:[a-z])[\w-]*){0,2}(?:\s+of|,?\s+in)\s+(?:the\s+)?(?:(?-i:[a-z])[\w-]*\s+)?"
    # "Palmasola prison in the eastern city of Santa Cruz"
    r"(?:(?:city|town|province|region|district|state|governorate|county)\s+of\s+)?"
    # "Mir Ali, a major town in the North Waziristan tribal region": an apposition that says where it lies
    r"|,\s+an?\s+(?:(?-i:[a-z])[\w-]*\s+){0,2}?"
    r"(?:town|village|city|community|district|suburb|neighbou?rhood|settlement|hamlet|area|camp|base|locality)"
    r"\s+in\s+(?:the\s+)?(?:(?-i:[a-z])[\w-]*\s+)?"
    # "a camp in Lushagala on the outskirts of Goma": the town it lies by (at "near" precision)
    r"|,?\s+(?:on\s+the\s+outskirts\s+of|(?:just\s+)?outside|near|close\s+to)\s+(?:the\s+)?"
    r"(?:(?:city|town|village|capital)\s+of\s+)?"
)
_HOLDER_OF = re.compile(r"['’]s\s+(?:(?-i:[a-z])[\w-]*\s+)?")
#: articles of Arabic names and the words a name may add to a place's ("Alexandria University")
_NAME_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "an", "at", "az", "ash", "the"})
#: words naming a part or a kind of a place ("North Caucasus", "West Berlin", "Aleppo International Airport")
_PART_WORDS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper"}
    | {"lower", "greater", "international", "military", "national", "main", "old"}
)


def _names_another_place(text: str, cand: Any) -> bool:
    """Whether a candidate widened from a recognised mention (``LinkCandidate.mention``) names another
    place than the mention's: a word other than an article or a part ("North") before it ("Tal Abu Ali"
    is not Abu), or a name after it that is no ordinary word, site or kind of area ("Balad Ruz" is not
    Balad; "al-Bab" is Bab, "West Berlin", "Alexandria University", "Hama Military Airport" and "Raqqa
    Governorate" lie in theirs)."""
    if cand.mention is None:
        return False
    before = [fold(w) for w in re.findall(r"[^\W\d_]+", text[cand.span[0] : cand.mention[0]])]
    if any(w not in _NAME_ARTICLES and w not in _PART_WORDS for w in before):
        return True
    after = [fold(w) for w in re.findall(r"[^\W\d_]+", text[cand.mention[1] : cand.span[1]])]
    after = [w for w in after if w not in _PART_WORDS]  # "Hama Military Airport"
    if not after or _SITE_AFTER.match(text, cand.mention[1]):
        return False
    return after[0] not in Lexicon.load().common_words and after[0] not in _cues()["area_words"]


def _holding(
    text: str, span: tuple[int, int], named: list[tuple[Any, ResolvedPlace | None]]
) -> ResolvedPlace | None:
    """The recognised place that words say holds the name at ``span`` ("the X neighbourhood of Y",
    "X, in Y", "Y's X"), or ``None``."""
    for cand, rp in named:
        if rp is None:
            continue
        a, b = cand.span
        if a >= span[1] and _PART_OF.fullmatch(text, span[1], a):
            return _possessed(text, b, named) or rp
        if b <= span[0] and _HOLDER_OF.fullmatch(text, b, span[0]):
            return rp
    return None


def _possessed(text: str, end: int, named: list[tuple[Any, ResolvedPlace | None]]) -> ResolvedPlace | None:
    """The place a possessive after ``end`` names ("Kadawa in Nigeria's northwestern Zamfara state": not
    Nigeria but Zamfara holds Kadawa), or ``None``."""
    for cand, rp in named:
        if rp is not None and cand.span[0] >= end and _HOLDER_OF.fullmatch(text, end, cand.span[0]):
            return rp
    return None


def _level(rp: ResolvedPlace) -> int:
    """Admin level of the place; an unresolved mention (scoring only) counts as a town."""
    return rp.place.admin_level if rp.place else 3


def _kind(rp: ResolvedPlace) -> str:
    if rp.place is not None and rp.place.feature_class in _AREA_CLASSES:
        return "area"
    return {0: "country", 1: "province", 2: "district"}.get(_level(rp), "town")


def _precision(rp: ResolvedPlace, text: str, lo: int, places: Sequence[ResolvedPlace] = ()) -> int:
    """ACLED's precision of the place ``rp`` as the text names it (``places``: the document's, to tell a
    district of a province from a quarter of a city)."""
    base = base_precision(rp.place) if rp.place is not None else 1
    before = text[max(lo, rp.mention.start - 60) : rp.mention.start]
    if base != 1:
        return base
    if _division_at_its_town(rp, text, places):
        # "in the Macomia district": a division the gazetteer has only as its town, at the town
        return _DIVISION_WORDS[rp.mention.qualifier]
    window = before[-40:]
    near = [
        m.end()
        for m in _cues()["near"].finditer(window)
        # "in the north of Rio de Janeiro": a part of the town, in it (but "north of Rio de Janeiro" is near)
        if not (_COMPASS_OF.match(window, m.start()) and _THE_PART.search(window, 0, m.start()))
    ]
    if (
        near
        and not _IN_AFTER_NEAR.search(window, near[-1])
        # "outside the town hall of Pantelho": the site's, in the town
        and not _cues()["site_of_after_near"].match(window, near[-1])
        and not _its_site(text, rp)
    ):
        return 2
    return base


_COMPASS_OF = re.compile(r"(?:north|south|east|west)", re.IGNORECASE)


def _its_site(text: str, rp: ResolvedPlace) -> bool:
    """Whether a town's possessive names a site of it right after it: "outside Istanbul's city hall" is in
    the town (but "near Goma's outskirts" is near it)."""
    return site_after(text, rp.mention.end) not in (None, "outskirts", "suburb", "suburbs")


#: feature words of divisions and the ACLED precision of a division placed at its namesake town
_DIVISION_WORDS = {
    "district": 2,
    "county": 2,
    "territory": 2,
    "municipality": 2,
    "township": 2,
    "province": 3,
    "governorate": 3,
}


def _division_at_its_town(rp: ResolvedPlace, text: str, places: Sequence[ResolvedPlace]) -> bool:
    """Whether ``rp`` names a division ("the Macomia district") that the gazetteer has only as its town."""
    return (
        rp.mention.qualifier in _DIVISION_WORDS
        and not _quarter_of_a_city(rp, text, places)
        and not _qualifies_another(rp, text, places)
    )


def _qualifies_another(rp: ResolvedPlace, text: str, places: Sequence[ResolvedPlace]) -> bool:
    """Whether ``rp``'s feature word is the name's before it ("the Tajoura district of Tripoli")."""
    before = [p for p in places if p.mention.end <= rp.mention.start]
    return bool(before) and qualifies_the_previous(
        text, max(before, key=lambda p: p.mention.end).mention, rp.mention.start, rp.mention.qualifier
    )


_DISTRICT_OF = re.compile(r"\s+district\s+of\s+(?:the\s+)?(?:city\s+of\s+)?", re.IGNORECASE)


def _quarter_of_a_city(rp: ResolvedPlace, text: str, places: Sequence[ResolvedPlace]) -> bool:
    """ "the Tajoura district of Tripoli": a quarter of the town named after "district of" (the place
    itself, precision 1), not "the Macomia district of Cabo Delgado province"."""
    m = _DISTRICT_OF.match(text, rp.mention.end)
    if m is None:
        return False
    city = next((p for p in places if p.mention.start == m.end()), None)
    return city is not None and city.place is not None and city.place.feature_class == "P"


#: "near a restaurant in Mogadishu": "near" is about the restaurant, which is in the town (precision 1)
_IN_AFTER_NEAR = re.compile(r"\s(?:[\w'’-]+\s+){1,3}(?:in|inside)\s+(?:the\s+)?(?:(?-i:[a-z])[\w-]*\s+)?$")


def _owner(text: str, s: int, e: int, rp: ResolvedPlace, event: Event, others: list[Event]) -> Event:
    """The event of the sentence a place belongs to: the one whose clause holds it, else the nearest."""
    everyone = [event, *others]
    pos = rp.mention.start
    holders = [ev for ev in everyone if _in_clause(text, s, e, ev, pos)]
    # of the events whose clause holds it (a clause may run on: "fired rockets at northern Israel, a day
    # after an air strike killed ..."), the nearest; the event asking first when as near
    return min(holders or everyone, key=lambda ev: min(abs(pos - ev.trigger[0]), abs(pos - ev.trigger[1])))


def _same_sentence(a: Event, b: Event) -> bool:
    return a.sentence_span[0] == b.sentence_span[0]


def _in_clause(text: str, s: int, e: int, ev: Event, pos: int) -> bool:
    c_start, c_end = clause_bounds(text, s, e, ev.trigger[0], ev.trigger[1])
    return c_start <= pos < c_end


def _with_coordinated(
    text: str, attached: list[tuple[ResolvedPlace, str]]
) -> list[tuple[ResolvedPlace, str]]:
    """A place joined by 'and'/',' to an attached place shares its attachment ("in Homs and Aleppo")."""
    ordered = sorted(attached, key=lambda a: a[0].mention.start)
    out: list[tuple[ResolvedPlace, str]] = []
    for rp, words in ordered:
        if out and out[-1][1]:
            gap = text[out[-1][0].mention.end : rp.mention.start]
            if _cues()["coordinated"].match(gap) and not _contains(rp, out[-1][0]):
                words = "and " + out[-1][1].removeprefix("and ")
        out.append((rp, words))
    return out


def _contains(outer: ResolvedPlace, inner: ResolvedPlace) -> bool:
    """'Gereshk, Helmand province': the second name is the province (or district) or country holding the
    first."""
    big, small = outer.place, inner.place
    if big is None or small is None or big.country_code != small.country_code:
        return False
    if big.is_country:
        return True
    if big.is_admin2:  # "Catarman town, Northern Samar province" (a province of the second level)
        # (a town's district is often unknown: its province's region must then match)
        same = big.admin1_code == small.admin1_code and small.admin2_code in ("", big.admin2_code)
        return small.admin_level > 2 and bool(big.admin2_code) and same
    return big.is_admin1 and small.admin_level > 1 and big.admin1_code == small.admin1_code


#: the text between the place(s) a "where" clause refers back to and its event's trigger
_WHERE_BEFORE = re.compile(r",\s+where\s+(?:[\w'’-]+\s+){0,4}$")
#: A sentence's end followed by another's start.
_SENTENCE_END = re.compile(r"[.!?][\"'’”]?\s+\S")

_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(?:(?:towns?|cities|villages)\s+of\s+)?$", re.IGNORECASE)


#: "... and Seytenga": the second name of a "between" pair
_AND_NAME = re.compile(r"\s+and\s+(?:the\s+)?(?-i:[A-Z])")


def _between(text: str, choices: list[Choice]) -> list[Choice]:
    """ "Ambushed a convoy on the road between Mandalay and Lashio": one event somewhere between the two
    places, not one in each: it stays at the first, near it (precision 2), also when the gazetteer lacks
    the second ("between Dori and Seytenga")."""
    if len(choices) == 1:
        only = choices[0].place.mention
        if _BETWEEN.search(text, max(0, only.start - 40), only.start) and _AND_NAME.match(text, only.end):
            why = f"between {only.text!r} and a place the gazetteer lacks: near the first"
            return [replace(choices[0], precision=max(choices[0].precision, 2), reason=why)]
    if len(choices) < 2:
        return choices
    first, second = sorted(choices[:2], key=lambda c: c.place.mention.start)
    a, b = first.place.mention, second.place.mention
    if not (_BETWEEN.search(text, max(0, a.start - 40), a.start) and text[a.end : b.start].strip() == "and"):
        return choices
    rest = [c for c in choices if c is not first and c is not second]
    why = f"between {a.text!r} and {b.text!r}: near the first"
    return [replace(first, precision=max(first.precision, 2), reason=why), *rest]


def _without_frame(text: str, event: Event, choices: list[Choice]) -> list[Choice]:
    """ "In Mindanao, a bomb exploded at a gymnasium in Marawi City": the name that opens the sentence
    ("In X, ...") sets the scene; when the sentence places the event again further on, it is there."""
    if len(choices) < 2:
        return choices
    s = event.sentence_span[0]
    frame = [
        c
        for c in choices
        if text[s : c.place.mention.start].strip() in ("In", "in")
        and text.startswith(",", c.place.mention.end)
    ]
    if len(frame) != 1 or not any(c.place.mention.start > frame[0].place.mention.end for c in choices):
        return choices
    return [c for c in choices if c is not frame[0]]


def _finest(choices: list[Choice]) -> list[Choice]:
    """The choices without those that hold another choice: "clashed in Huddur, in the Bakool region"
    is one event at Huddur (ACLED codes the most specific place), not a second one in Bakool."""
    if len(choices) < 2:
        return choices
    return [c for c in choices if not any(_contains(c.place, o.place) for o in choices if o is not c)]


#: "the Delmas neighbourhood of Port-au-Prince": the words between a part and the whole it is named in
_PART_OF_WHOLE = re.compile(
    r"\s+(?:neighbou?rhood|district|suburb|quarter|area|region|commune|section|part)\s+of\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+)?"
    r"(?:(?:city|capital|town)\s+of\s+)?",
    re.IGNORECASE,
)


#: "in Bukidnon province on the southern island of Mindanao", "the town of Kenscoff, in the hills above
#: Port-au-Prince": the island or the city only says where the first place lies
_LOCATED_BY = re.compile(
    r"(?:\s+(?:province|state|district|region|county|town|city))?,?\s+(?:on|in)\s+the\s+"
    r"(?:(?-i:[a-z-]+)\s+){0,2}(?:island|hills|mountains|highlands|foothills)\s+"
    r"(?:of|above|around|near|outside|overlooking|east of|west of|north of|south of)\s+",
    re.IGNORECASE,
)


#: "in the Red Sea off the port of Hodeidah": the town a ship was off
_OFF_THE = re.compile(
    r"\s*,?\s+off\s+(?:the\s+)?(?:(?:coast|port|city|town|shores?|island)\s+of\s+)?(?:(?-i:[A-Z])[\w'’-]*\s+)?$",
    re.IGNORECASE,
)
_WATER_CODES = frozenset({"SEA", "GULF", "OCN", "BAY", "STRT", "SD", "LK", "CHN"})


def _off_the_coast(doc: Document, event: Event, choice: Choice) -> Choice:
    """ "fired missiles at a cargo ship in the Red Sea off the port of Hodeidah": a sea, with the town it
    was off named right after, is near that town (precision 2), as ACLED codes attacks at sea."""
    water = choice.place.place
    if water is None or water.feature_code not in _WATER_CODES:
        return choice
    e = event.sentence_span[1]
    end = choice.place.mention.end
    for rp in doc.places:
        p = rp.place
        if p is None or p.feature_code in _WATER_CODES or not (end < rp.mention.start < min(e, end + 60)):
            continue
        if _OFF_THE.search(doc.text, end, rp.mention.start) is not None:
            return Choice(rp, 2, f"off {rp.mention.text} in the {choice.place.mention.text}: near the town")
    return choice


def _without_whole(text: str, choices: list[Choice]) -> list[Choice]:
    """The choices without a city named as the whole of another ("attacked the Delmas neighbourhood of
    Port-au-Prince": one event at Delmas, not a second in Port-au-Prince with half the dead), or an island
    named as where a province lies ("in Bukidnon province on the southern island of Mindanao")."""
    if len(choices) < 2:
        return choices
    wholes = {
        o.place.mention.start
        for c in choices
        for o in choices
        if o is not c
        and c.place.place is not None  # a part the gazetteer lacks is placed at its whole
        and (
            _PART_OF_WHOLE.fullmatch(text, c.place.mention.end, o.place.mention.start)
            or _LOCATED_BY.fullmatch(text, c.place.mention.end, o.place.mention.start)
        )
    }
    return [c for c in choices if c.place.mention.start not in wholes] if wholes else choices


def _pick_attached(
    text: str, hits: list[tuple[ResolvedPlace, str]], places: Sequence[ResolvedPlace]
) -> list[Choice]:
    """The finest attached place, with every place coordinated with it ("in Homs and Aleppo": both); near
    a town's own site is in the town ("outside Istanbul's city hall"); a division the gazetteer has only as
    its town is at the town with the division's precision ("in the Indian district of Poonch")."""
    finest = max(_level(rp) for rp, _ in hits)
    primary = next(i for i, (rp, _) in enumerate(hits) if _level(rp) == finest)
    first = primary
    while first > 0 and hits[first][1].startswith("and "):
        first -= 1
    last = primary
    while last + 1 < len(hits) and hits[last + 1][1].startswith("and "):
        last += 1
    choices = []
    for rp, words in hits[first : last + 1]:
        precision = base_precision(rp.place) if rp.place is not None else 1
        near = bool(_cues()["near"].search(words)) and not _its_site(text, rp)
        if precision == 1 and near:
            precision = 2
        elif precision == 1 and _division_at_its_town(rp, text, places):
            precision = _DIVISION_WORDS[rp.mention.qualifier]
        how = "near" if near else "at"
        choices.append(
            Choice(rp, precision, f"attached to the event ({words!r} {rp.mention.text}): {how} a {_kind(rp)}")
        )
    return choices


def _apposition_of_excluded(doc: Document, rp: ResolvedPlace, lo: int) -> bool:
    """'Quetta, Pakistan' after a place of speech: the country is part of that excluded name."""
    text = doc.text
    start = rp.mention.start
    other = _comma_before(doc).get(start)
    if other is not None:
        return is_speech_place(text, other.mention.start, other.mention.end, lo)
    return False


_COMMA_MEMO: list[tuple[Document, dict[int, ResolvedPlace]]] = []


def _comma_before(doc: Document) -> dict[int, ResolvedPlace]:
    """For each offset a name may start at, the first place of ``doc.places`` that ends just before it
    with only a comma and spaces between (``_COMMA_GAP`` filling the gap); built once per document
    instead of scanning every place for every candidate."""
    memo = _COMMA_MEMO[-1] if _COMMA_MEMO else None
    if memo is not None and memo[0] is doc:
        return memo[1]
    text = doc.text
    out: dict[int, ResolvedPlace] = {}
    for other in doc.places:
        end = other.mention.end
        if text.startswith(",", end):
            gap = _COMMA_GAP.match(text, end)
            assert gap is not None
            for start in range(end + 1, gap.end() + 1):  # every end of the gap that ``\s*`` allows
                out.setdefault(start, other)
    _COMMA_MEMO[:] = [(doc, out)]
    return out


#: "the southern Lebanese town of": a country's demonym naming where a place lies
_DEMONYM_TOWN_OF = re.compile(
    r"\s+(?:(?:northern|southern|eastern|western|central|north\w*|south\w*|border|coastal|frontier|restive)"
    r"\s+)?(?:town|village|city|port|hamlet|camp|district|region|province|area)\s+of\s+[A-Z]"
)


#: "in Essakane village", "in Oudalan province", "in the Kidal region": a name with its feature word
_NAMED_PLACE = re.compile(
    r"\b(?:in|at|near|outside)\s+(?:the\s+)?((?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+){0,2})\s+"
    r"(?:village|town|province|district|region|commune|department|county|municipality)\b",
    re.IGNORECASE,
)


def _names_an_unknown_place(doc: Document, event: Event) -> bool:
    """Whether the event's sentence attaches a place by name and feature word ("in Essakane village") that
    is no place of the document (the gazetteer lacks it)."""
    s, e = event.sentence_span
    for m in _NAMED_PLACE.finditer(doc.text, s, e):
        a, b = m.span(1)
        if not any(rp.mention.start < b and a < rp.mention.end and rp.place is not None for rp in doc.places):
            return True  # (a mention the gazetteer cannot place names an unknown place too)
    return False


_LOCATIVE = re.compile(r"\b(?:in|at|near|outside)\s+(?:the\s+)?$", re.IGNORECASE)


def _attaches_an_unplaced_name(doc: Document, event: Event) -> bool:
    """Whether the event's sentence says it happened "in X" of a name the recogniser found and could not
    place ("stormed a base in El Wak, near the Kenyan border", where the gazetteer has only Kenya's El
    Wak): the event is at X, not at the last town the paragraph named."""
    s, e = event.sentence_span
    return any(
        rp.place is None
        and rp.mention.kind == "name"
        and _LOCATIVE.search(doc.text, max(s, rp.mention.start - 12), rp.mention.start) is not None
        for rp in places_in(doc.places, s, e)
    )


def _unknown_town_in(doc: Document, event: Event) -> Choice | None:
    """ "An Israeli drone strike on a car in the southern Lebanese town of Jouaiya": the town is not in the
    gazetteer, and its sentence places no event elsewhere; the demonym says its country (precision 3)."""
    s, e = event.sentence_span
    for rp in places_in(doc.places, s, e):
        if rp.mention.kind != "demonym" or rp.place is None:
            continue
        if rp.place.is_country and _DEMONYM_TOWN_OF.match(doc.text, rp.mention.end):
            return Choice(rp, 3, f"a {rp.mention.text} place the gazetteer lacks: in {rp.place.name}")
    return None


#: "the police station there", "gathered there on Sunday": a place told before (not "there were")
_THERE = re.compile(r"\bthere\b(?=\s*[,.;]|\s+(?:on|in|at|late|early|overnight|after|since|as|when)\b)")
#: "fled towards X", "returned to X": where people went, a place a later "there" may point back to
_WENT_TO = re.compile(
    r"\b(?:fled|fleeing|went|gone|headed|moved|returned|travell?ed|arrived|marched)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:to|towards?|into|in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


#: the last document's places an event may refer back to (``_told_places``), with the document
_TOLD_MEMO: list[tuple[Document, list[ResolvedPlace]]] = []


def _told_places(doc: Document) -> list[ResolvedPlace]:
    """The document's placed names an event may refer back to, in order: none a place of speech, a
    dateline, a distance's anchor or a demonym. Nothing here depends on the event, so they are found
    once per document (``_earlier`` asks for every event its sentence gives no place)."""
    memo = _TOLD_MEMO[0] if _TOLD_MEMO else None
    if memo is not None and memo[0] is doc:
        return memo[1]
    text = doc.text
    told = [
        rp
        for rp in doc.places
        if rp.place is not None
        and not is_speech_place(text, rp.mention.start, rp.mention.end)
        and not _dateline_name(rp.mention.text)  # "BAMAKO, Mali (AP) —": where it was filed
        and not distance_anchor(text, rp.mention.start)  # "80 km northeast of Baghdad": not where
        and rp.mention.kind != "demonym"  # "after Rwandan troops arrived": whose troops, not a place told
    ]
    _TOLD_MEMO[:] = [(doc, told)]
    return told


def _earlier(doc: Document, event: Event) -> Choice | None:
    """A place named before the event's sentence, in the same paragraph, that the event refers back to."""
    text = doc.text
    s, e = event.sentence_span
    para_start = max(text.rfind("\n\n", 0, s), 0)
    before = [rp for rp in _told_places(doc) if rp.mention.end <= s]
    anaphor = _cues()["anaphor"].search(text, s, e)
    if anaphor is not None:
        wanted = _cues()["anaphor_levels"][anaphor.group(1).lower()]
        # "A spokesman in Kandahar said ... near the city": the speaker's city, named in this sentence
        spoken_here = [
            rp
            for rp in doc.places
            if rp.place is not None
            and s <= rp.mention.start
            and rp.mention.end <= anaphor.start()
            and rp.mention.kind == "name"
            and is_speech_place(text, rp.mention.start, rp.mention.end)
        ]
        noun = anaphor.group(1).lower()
        same_kind = [
            rp
            for rp in before + spoken_here
            if _level(rp) == wanted or (rp.mention.qualifier.lower() == noun)
        ]
        site = noun in _cues()["facility_anaphors"] and not anaphor.group(2)
        if site:
            # "gathered outside the prison": the place the prison was named with ("the women's prison in
            # Tamara"), not the last town named since
            named_with = [rp for rp in same_kind if _named_with(text, rp, noun)]
            same_kind = named_with or same_kind
        if same_kind:
            rp = same_kind[-1]
            precision = (
                _precision(rp, text, 0) if wanted == 3 else base_precision(rp.place) if rp.place else 3
            )
            if anaphor.group(2):  # "the village of Chai": another place, near that one
                why = (
                    f"{anaphor.group(0)!r} is not in the gazetteer: near {rp.mention.text!r}, the last named"
                )
                return Choice(rp, max(precision, 2), why)
            near = _cues()["near"].search(text, max(s, anaphor.start() - 12), anaphor.start())
            if (
                near is not None
                and not site  # "outside the prison": still at the prison's town
                and not _THE_PART.search(text, max(s, near.start() - 5), near.start())
            ):
                precision = max(precision, 2)  # "a village near the city" (but "in the south of the city")
            return Choice(rp, precision, f"{anaphor.group(0)!r} refers back to {rp.mention.text!r}")
    there = _THERE.search(text, s, e)
    if there is not None:
        # "Hundreds fled towards Petion-Ville. On Sunday, dozens of them protested outside the police station
        # there": the last town named before, even one people went to (not one someone spoke from)
        went = [
            rp
            for rp in doc.places
            if rp.place is not None
            and s - 400 <= rp.mention.start
            and rp.mention.end <= s
            and rp.mention.kind == "name"
            and not rp.place.is_country
            and (rp in before or _WENT_TO.search(text, max(0, rp.mention.start - 60), rp.mention.start))
        ]
        if went:
            rp = went[-1]
            assert rp.place is not None
            return Choice(
                rp, base_precision(rp.place), f"{there.group(0)!r} refers back to {rp.mention.text!r}"
            )
    if _attaches_an_unplaced_name(doc, event):
        return None
    recent = [rp for rp in before if rp.mention.start >= para_start]
    if recent:
        rp = recent[-1]
        assert rp.place is not None
        precision = min(base_precision(rp.place) + 1, 3)
        return Choice(
            rp, precision, f"no place in the sentence; last place named in the paragraph: {rp.mention.text!r}"
        )
    # "Security forces exchanged fire with the attackers": the attack told in the paragraph before
    back = _cues()["back_reference"].search(text, s, e)
    told = [
        rp for rp in before if not _dateline_name(rp.mention.text) and rp.place and not rp.place.is_country
    ]
    if back is not None and told:
        rp = _not_the_container(text, told)
        assert rp.place is not None
        precision = min(base_precision(rp.place) + 1, 3)
        return Choice(rp, precision, f"{back.group(0)!r} refers back to what happened at {rp.mention.text!r}")
    return None


def _named_with(text: str, rp: ResolvedPlace, noun: str) -> bool:
    """Whether the site ``noun`` is named right around the place ``rp`` ("the women's prison in Tamara",
    "Tamara prison", "a camp near Goma")."""
    window = text[max(0, rp.mention.start - 40) : rp.mention.end + 20].lower()
    return re.search(rf"\b{noun}s?\b", window) is not None


def _not_the_container(text: str, told: list[ResolvedPlace]) -> ResolvedPlace:
    """The last place named, or the one before it when the last only says where that one lies
    ("in a village in Catarman town, Northern Samar province": Catarman; "Kenscoff, in the hills above
    Port-au-Prince": Kenscoff)."""
    last = told[-1]
    if len(told) > 1 and _contains(last, told[-2]) and last.mention.start - told[-2].mention.end <= 12:
        return told[-2]
    if len(told) > 1 and _LOCATED_BY.fullmatch(text, told[-2].mention.end, last.mention.start):
        return told[-2]  # "the town of Kenscoff, in the hills above Port-au-Prince": Kenscoff
    return last


def _dateline_name(name: str) -> bool:
    """A name in capitals ("IMPHAL, June 10 -") is where the story was filed, not where anything happened."""
    return len(name) > 3 and name.isupper()


def _told_key(event: Event, choice: Choice) -> tuple[Any, ...]:
    """What makes two events of one sentence the same event: the sub-type and first actor (for a
    demonstration, any protest or riot: ACLED codes one per place and day) and the place."""
    place = choice.place.place
    where = place.geonameid if place is not None else choice.place.mention.start
    if event.event_type in _DEMONSTRATIONS:  # one crowd, whether the words call it protesters or rioters
        return (event.sentence_span, "demonstration", "", where)
    return (event.sentence_span, event.sub_event_type, event.actor1, where)


_DEMONSTRATIONS = frozenset({"Protests", "Riots"})


def _ranked_first(record: LinkedEvent, event: Event) -> LinkedEvent:
    """``record``, with ``event`` in its place when ACLED ranks ``event``'s sub-type first."""
    sub_types = load_lexicon().sub_types
    if sub_types[event.sub_event_type].priority >= sub_types[record.event.sub_event_type].priority:
        return record
    return replace(record, event=event, fatalities=max(record.fatalities, event.fatalities))


def _adjective_of_a_country(rp: ResolvedPlace) -> bool:
    """A demonym naming a country ("the French embassy", "Israeli strikes"), or none the gazetteer
    knows, says whose, not where: it is no event place of its sentence (the country may still be the
    article's, up the hierarchy); "the Libyan capital" names a city (``EventLinker._capital``)."""
    return rp.mention.kind == "demonym" and (rp.place is None or rp.place.is_country)


def _split(total: int, n: int) -> list[int]:
    """Fatalities split across n places: equal shares, the remainder to the first."""
    share, rest = divmod(total, n)
    return [share + (1 if i < rest else 0) for i in range(n)]


__all__ = [
    "Choice",
    "EventLinker",
    "attachment",
    "base_precision",
    "is_speech_place",
    "place_countries",
    "subject_of",
    "unrecognised_places",
]
