"""Toponym recognition: find the spans of a text that name places.

Gazetteer-driven, with capitalisation and context cues and a small learned filter (no NER
model, so it is fast and needs no download):

1. The text is cut into word tokens; a token trie over every folded gazetteer name
   (``NameIndex``, a marisa-trie memory-mapped from a cache file beside the database) gives
   the longest name starting at each capitalised token, across spaces and hyphens, with the
   Dari izafe linker skipped (``Mazar-e-Sharif`` = ``Mazar-i-Sharif``).
2. Cues reject what is not a place: function words, months and titles
   (``toponym_stopwords.txt``); actors and organisations that look like places
   (``toponym_non_places.txt``: Taliban, Pentagon, Northern Alliance); people ("John
   Stufflebeem", "Mr. Lincoln": ``toponym_first_names.txt`` and the titles in
   ``toponym_features.json``); ordinary words at the start of a sentence or in a Title Case
   headline (``toponym_common_words.txt``).
3. Feature words extend or qualify a name: "Laurel County", "Main Street", "Highway 19" are
   names of their own; "Kandahar province" / "the city of Kandahar" keep the span on
   "Kandahar" and record the qualifier (``province`` / ``city``) for the resolver. State
   abbreviations after a town ("Athens, Ga.") are names (``toponym_state_abbreviations.csv``).
4. Demonyms ("Afghan", "Pakistanis") become mentions of their country (``kind="demonym"``).
5. ``MentionFilter``, a logistic model over ``MENTION_FEATURES`` (gazetteer prominence of the
   name, the words around it, surnames and lowercase uses elsewhere in the document ...),
   drops proposed spans that are unlikely places (surnames such as "Jones", "Energy",
   "Commerce"); its weights are in ``toponym_recognizer.json``, learned by
   ``geo.evaluation.toponym_training``. Demonyms and state abbreviations bypass it, and a name
   kept once is kept wherever it recurs in the document, and a doubtful one listed with a kept
   place ("Aleppo and Azaz"). The words around a name are read as news writes them: a locative word
   still cues a name after a word saying which part or whose it is ("in western Bosnia", "in
   Serb-held X"), a weekday after a name does not make it the start of a longer one ("marched in
   Warsaw Friday", ``times_after``), and a country's short name in ``country_aliases.csv``
   ("Bosnia") counts as its own name, not a rare alternate spelling.
6. Conflict news spells Arabic-script names many ways: a capitalised name the gazetteer lacks is
   tried in other transliterations (``geo.names.spelling_variants``: "Deir Ezzor" -> "Deir ez-Zor",
   "Diwaniyah" -> "Ad Diwaniyah"), and so is every lookup (``cached_lookup``); generic first words
   ("Wadi", "Jabal", "Kafr") start a longer name; the filter's cues of conflict reporting (a
   transliteration of a big place's name, "X was shelled", "the siege of X") carry hand-set
   priors, as the US local and virus news it learns from hardly contain them.
7. Conflict news names villages and quarters no gazetteer holds: a capitalised name that a place
   noun beside it makes a place ("the village of X", "the villages of A, B and C", "X district",
   ``place_nouns`` in ``toponym_features.json``) or that words of armed conflict make the place of
   an attack ("rebels stormed X") is a mention even so, and kept whatever the filter says; the
   resolver places it where the text says it lies ("the X district of Baghdad") or leaves it unplaced.
"""

from __future__ import annotations

import csv
import difflib
import functools
import glob
import io
import json
import math
import os
import re
import tempfile
import threading
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar, Literal, NamedTuple

import marisa_trie

from geo.errors import GazetteerError
from geo.gazetteer import Gazetteer, prior
from geo.names import ARABIC_ARTICLES, IZAFE_LINKERS, fold, spelling_key, spelling_variants, strip_articles
from geo.records import Candidate, Document, Mention, built_by_slots, replace
from geo.tail import tail_search

__all__ = [
    "MENTION_FEATURES",
    "Lexicon",
    "MentionFilter",
    "NameIndex",
    "ToponymRecognizer",
    "cached_lookup",
    "qualifier_at",
    "tokenize",
]

#: Values stored in the trie for each folded key: the best way the key names some place.
MATCH_CODES: dict[str, int] = {
    "primary": 0,
    "ascii": 1,
    "alternate": 2,
    "demonym": 3,
    "historic": 4,
    "abbreviation": 5,
}
NON_PLACE = 9
#: Candidates read per name (the resolver's ``max_candidates`` should match, to share lookups).
LOOKUP_LIMIT = 40
#: Longest name, in tokens, the recogniser tries.
MAX_TOKENS = 8
INDEX_VERSION = 1

#: (no possessive quantifiers: 3.11.7 reads ``\w++(?:[.'’]\w++)*+`` with the same matches and ~9% fewer
#: instructions a scan, but 3.11.2's engine, before its fix of possessive groups, took "Kandahar." with
#: its full stop as one token)
_TOKEN = re.compile(r"\w+(?:[.'’]\w+)*")
_WORD_AFTER = re.compile(r"[ \t]+([a-z]+)\b")
_LIST_STARTS = frozenset(", \t")
#: "Kankan, the country's second city,", "Zahedan, the provincial capital,": an apposition whose last
#: word is a feature word qualifies the name before it as "the city of Kankan" would
_APPOSED_QUALIFIER = re.compile(r",[ \t]+the[ \t]+(?:[\w'’-]+[ \t]+){0,3}?([a-z]+)(?=[ \t]*(?:[,.;:)]|$))")
#: between a name and the next in "the Tajoura district of Tripoli": the feature word is the first's
_QUALIFIER_OF = re.compile(r"[ \t]+([A-Za-z]+)[ \t]+of[ \t]+(?:the[ \t]+)?")
_LIST_END = re.compile(r"(?:,|[ \t](?:and|or))[ \t]+\Z")
_LISTED_NAME = r"[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2}"
_LISTED_QUALIFIER = re.compile(
    rf"(?:(?:,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or)[ \t]+){_LISTED_NAME}){{1,5}}[ \t]+([a-z]+s)\b"
)
_WORDS_BEFORE = re.compile(r"[A-Za-z'-]+")
_JOIN_SEP = re.compile(r"[ \t\u00a0]{1,2}|-|[ ]?[-–][ ]?")
#: Every text ``_JOIN_SEP`` matches whole, for a set lookup instead of a regex call per pair of words
_JOIN_SEPS = frozenset(
    [a + b for a in ("", " ", "\t", "\u00a0") for b in (" ", "\t", "\u00a0")]
    + [a + dash + b for a in ("", " ") for dash in "-–" for b in ("", " ")]
)
#: the gap a possessive leaves between two words ("Workers' Party", "People's Defence")
_POSSESSIVE_GAPS = frozenset({"' ", "’ ", "'s ", "’s "})
_SENTENCE_END = frozenset(".!?\"“”'‘:;\n|•*(")


# ----------------------------------------------------------------------------- data files


def _data_text(name: str) -> str:
    return resources.files("geo").joinpath(f"data/{name}").read_text(encoding="utf-8")


def _folded_lines(name: str) -> frozenset[str]:
    lines = (ln.strip() for ln in _data_text(name).splitlines())
    return frozenset(fold(ln) for ln in lines if ln and not ln.startswith("#"))


#: lower-case words an organisation's name may hold ("Armed Forces of the Philippines")
_NAME_JOINS = frozenset({"of", "the", "for", "in", "and", "de", "du", "des", "la", "le", "wal"})


@functools.cache
def _actor_names() -> tuple[str, ...]:
    """The names of several words in ``actors.csv`` that read as an organisation's proper name ("Kurdistan
    Workers' Party", "United Liberation Front of Assam"): the places in them are no places of the text
    (the recogniser keeps those naming a country: "US Army", "Sudanese Armed Forces" still say it)."""
    out = []
    for row in csv.DictReader(io.StringIO(_data_text("actors.csv"))):
        for alias in row["aliases"].split("|"):
            words = alias.split()
            if len(words) > 1 and all(
                w[0].isupper() or w[0].isdigit() or w in _NAME_JOINS or w.startswith(("al-", "("))
                for w in words
            ):
                out.append(alias)
    return tuple(out)


#: gazetteer path -> the keys of its actors' names that hold no country (``ToponymRecognizer.index``)
_ACTOR_NON_PLACES: dict[str, frozenset[str]] = {}


def _country_aliases() -> frozenset[str]:
    """The folded names of ``country_aliases.csv`` ("Bosnia", "Burma"): short names news uses for a country,
    which the gazetteer records as alternate names."""
    out: set[str] = set()
    for line in _data_text("country_aliases.csv").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("alias,"):
            continue
        out.add(fold(line.split(",")[0]))
    return frozenset(out)


def _state_abbreviations() -> dict[str, tuple[str, str]]:
    """``toponym_state_abbreviations.csv``: "W.Va." -> ("US", "WV")."""
    out: dict[str, tuple[str, str]] = {}
    for line in _data_text("toponym_state_abbreviations.csv").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("abbreviation,"):
            continue
        abbr, cc, a1 = (cell.strip() for cell in line.split(","))
        out[abbr] = (cc, a1)
    return out


@dataclass(frozen=True)
class Lexicon:
    """Word lists and feature words the recogniser (and resolver) use, read from ``geo/data``."""

    stopwords: frozenset[str]
    common_words: frozenset[str]
    non_places: frozenset[str]
    first_names: frozenset[str]
    qualifiers: dict[str, str]
    #: feature words that qualify a name only before it, in lower case ("the department of Arauca")
    before_only_qualifiers: dict[str, str]
    qualifier_gap_words: frozenset[str]
    listed_qualifiers: dict[str, str]
    name_suffixes: dict[str, str]
    name_prefixes: frozenset[str]
    numbered_roads: frozenset[str]
    context_before: frozenset[str]
    person_titles: frozenset[str]
    join_words: frozenset[str]
    period_abbreviations: frozenset[str]
    person_verbs: frozenset[str]
    state_abbreviations: dict[str, tuple[str, str]]
    contrast_qualifiers: frozenset[str]
    #: words ending an organisation's name ("Cartel", "Liberation Front"): see ``toponym_features.json``
    organisation_heads: dict[str, frozenset[str]]
    #: lower-case nouns that make the name next to them a place ("the village of X", "X district"):
    #: keys ``before_of``, ``plural_before_of`` and ``after`` of ``place_nouns`` in ``toponym_features.json``
    place_nouns: dict[str, frozenset[str]] = field(default_factory=dict)
    #: capitalised words that make the name they open or close a place (``place_words``, folded):
    #: keys ``first`` ("Tal Kroum") and ``last`` ("Tishreen Dam")
    place_words: dict[str, frozenset[str]] = field(default_factory=dict)
    #: ``place_appositions``: an apposition after a name that says it is a place ("X, a village near Y",
    #: "X, 70 km north of Y"), as one pattern (None: none)
    apposition: re.Pattern[str] | None = None
    #: capitalised words that begin no longer name right after one (``times_after``, folded: "Friday")
    times_after: frozenset[str] = frozenset()
    #: folded short names of countries that news uses (``country_aliases.csv``: "Bosnia", "Burma")
    country_aliases: frozenset[str] = frozenset()
    #: folded compass words that alone name no place before another capitalised word (``compass_words``)
    compass_words: frozenset[str] = frozenset()
    #: ``state_pattern``, memoised by hand: a mypyc-compiled class ignores functools.cached_property
    #: (and leaves an ``init=False`` field unset, hence ``__post_init__``)
    _state_pattern: re.Pattern[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_state_pattern", None)

    @classmethod
    @functools.cache
    def load(cls) -> Lexicon:
        """The lexicon shipped in ``geo/data`` (read once per process)."""
        features: dict[str, Any] = json.loads(_data_text("toponym_features.json"))
        return cls(
            stopwords=_folded_lines("toponym_stopwords.txt"),
            common_words=_folded_lines("toponym_common_words.txt"),
            non_places=_folded_lines("toponym_non_places.txt"),
            first_names=_folded_lines("toponym_first_names.txt"),
            qualifiers=dict(features["qualifiers"]),
            before_only_qualifiers=dict(features.get("before_only_qualifiers", {})),
            qualifier_gap_words=frozenset(features["qualifier_gap_words"]),
            listed_qualifiers=dict(features.get("listed_qualifiers", {})),
            name_suffixes={fold(k): v for k, v in features["name_suffixes"].items()},
            name_prefixes=frozenset(fold(w) for w in features["name_prefixes"]),
            numbered_roads=frozenset(fold(w) for w in features["numbered_roads"]),
            context_before=frozenset(features["context_before"]),
            person_titles=frozenset(fold(w) for w in features["person_titles"]),
            join_words=frozenset(features["join_words"]),
            period_abbreviations=frozenset(features["period_abbreviations"]),
            person_verbs=frozenset(fold(w) for w in features.get("person_verbs", ())),
            state_abbreviations=_state_abbreviations(),
            contrast_qualifiers=frozenset(features.get("contrast_qualifiers", ())),
            organisation_heads={
                k: frozenset(v) for k, v in features["organisation_heads"].items() if not k.startswith("_")
            },
            place_nouns={k: frozenset(v) for k, v in features.get("place_nouns", {}).items()},
            apposition=_apposition_pattern(features.get("place_appositions")),
            place_words={
                k: frozenset(fold(w) for w in v) for k, v in features.get("place_words", {}).items()
            },
            times_after=frozenset(fold(w) for w in features.get("times_after", ())),
            country_aliases=_country_aliases(),
            compass_words=frozenset(fold(w) for w in features.get("compass_words", ())),
        )

    @property
    def state_pattern(self) -> re.Pattern[str]:
        """Matches any state abbreviation at a position (longest first), then a word boundary."""
        if self._state_pattern is None:
            alts = sorted(self.state_abbreviations, key=len, reverse=True)
            pattern = re.compile("(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w.])")
            object.__setattr__(self, "_state_pattern", pattern)
            return pattern
        return self._state_pattern


# ----------------------------------------------------------------------------- name index


class NameIndex:
    """Every folded gazetteer name in a compact trie (marisa-trie), with the best match type of each.

    Each key maps to ``(match code, is_prefix)``: the code says how the key names a place
    (``MATCH_CODES``; ``NO_NAME`` for a key that is only the start of longer names, such as
    "bosnia and"), ``is_prefix`` whether longer names continue it. Building reads ~1M keys from
    SQLite (about two seconds); the trie (a few MB) is saved beside the database, or in the user
    cache directory if that is read-only, and memory-mapped in well under a millisecond after
    that. The cache file name carries the database's size and mtime, so a rebuilt gazetteer never
    reuses a stale index. Lexicon entries (non-places) are a small overlay, not cached.
    """

    _cache: ClassVar[dict[str, NameIndex]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self, trie: marisa_trie.RecordTrie, overlay: dict[str, tuple[int, bool]] | None = None
    ) -> None:
        self._trie = trie
        self._overlay = overlay or {}
        self._entries: dict[str, tuple[int, bool]] = {}

    def entry(self, key: str) -> tuple[int, bool]:
        """(match code or -1, whether longer names start with ``key``), memoised per key (the words
        of news recur; a dict is several times faster than the trie)."""
        found = self._entries.get(key)
        if found is None:
            if len(self._entries) >= _ENTRY_CACHE_SIZE:
                self._entries.clear()
            found = self._entries[key] = self._entry(key)
        return found

    def _entry(self, key: str) -> tuple[int, bool]:
        hit = self._overlay.get(key)
        found = self._trie.get(key)
        if found is None:
            return hit if hit is not None else (-1, False)
        code, more = found[0]
        code = code if code != NO_NAME else -1
        if hit is not None:  # a non-place phrase (or the start of one) over the gazetteer's entry
            return (hit[0] if hit[0] >= 0 else code, bool(more) or hit[1])
        return (code, bool(more))

    def code(self, key: str) -> int:
        """The match code of ``key`` (``MATCH_CODES``), ``NON_PLACE``, or -1 when it names nothing."""
        return self.entry(key)[0]

    def __len__(self) -> int:
        return len(self._trie)

    @classmethod
    def for_gazetteer(cls, gazetteer: Gazetteer, *, non_places: Iterable[str] = ()) -> NameIndex:
        """The index of ``gazetteer`` (memoised per database file, cached on disk)."""
        path = Path(gazetteer.path).resolve()
        stat = path.stat()
        token = f"{path}:{stat.st_size}:{stat.st_mtime_ns}"
        with cls._lock:
            base = cls._cache.get(token)
            if base is None:
                base = cls._cache[token] = cls(cls._load_or_build(gazetteer, path, stat))
        return cls(base._trie, _overlay(non_places))

    @classmethod
    def _load_or_build(cls, gazetteer: Gazetteer, path: Path, stat: os.stat_result) -> marisa_trie.RecordTrie:
        name = f"{path.name}.names-v{INDEX_VERSION}-{stat.st_size}-{stat.st_mtime_ns}.marisa"
        for folder in _cache_dirs(path):
            cached = folder / name
            if cached.is_file():
                try:
                    return marisa_trie.RecordTrie(_RECORD).mmap(str(cached))
                except (OSError, ValueError, RuntimeError):
                    continue
        trie = cls._build(gazetteer)
        _save(trie, [folder / name for folder in _cache_dirs(path)])
        return trie

    @staticmethod
    def _build(gazetteer: Gazetteer) -> marisa_trie.RecordTrie:
        codes: dict[str, int] = {}
        prefixes: set[str] = set()
        try:
            for row in gazetteer.iter_names():
                key, match = row[0], row[1]
                if not key:
                    continue
                codes[key] = MATCH_CODES.get(match, 2)
                _add_prefixes(key, prefixes)
        except Exception as exc:  # sqlite3 errors and malformed rows alike
            raise GazetteerError(f"{gazetteer.path}: cannot read names for the recogniser ({exc})") from exc
        items = [(k, (c, k in prefixes)) for k, c in codes.items()]
        items.extend((p, (NO_NAME, True)) for p in prefixes if p not in codes)
        return marisa_trie.RecordTrie(_RECORD, items)


_RECORD = "<B?"
NO_NAME = 255
_ENTRY_CACHE_SIZE = 200_000


def _add_prefixes(key: str, prefixes: set[str]) -> None:
    pos = key.find(" ")
    while pos != -1:
        prefixes.add(key[:pos])
        pos = key.find(" ", pos + 1)


def _overlay(phrases: Iterable[str]) -> dict[str, tuple[int, bool]]:
    """Trie overlay marking lexicon phrases (non-places) and their word prefixes."""
    out: dict[str, tuple[int, bool]] = {}
    prefixes: set[str] = set()
    for key in phrases:
        if key:
            out[key] = (NON_PLACE, False)
            _add_prefixes(key, prefixes)
    for p in prefixes:
        code, _ = out.get(p, (-1, False))
        out[p] = (code, True)
    return out


def _cache_dirs(db_path: Path) -> list[Path]:
    import platformdirs

    return [db_path.parent, Path(platformdirs.user_cache_dir("geo"))]


def _save(trie: marisa_trie.RecordTrie, targets: list[Path]) -> None:
    """Write the trie to the first writable target, atomically (temp file + rename)."""
    for target in targets:
        tmp = ""
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".names-", suffix=".tmp")
            os.close(fd)
            trie.save(tmp)
            os.replace(tmp, target)
            _remove_stale(target)
            return
        except OSError:
            if tmp:
                Path(tmp).unlink(missing_ok=True)
            continue


def _remove_stale(target: Path) -> None:
    """Delete the tries cached for earlier versions of the same database file (a rebuilt gazetteer
    gets a new size/mtime, so its old trie would otherwise stay on disk for ever). A process still
    using an old trie keeps its memory map: unlinking does not pull it away."""
    stem = target.name.split(".names-v", 1)[0]
    for old in target.parent.glob(f"{glob.escape(stem)}.names-v*.marisa"):
        if old != target:
            old.unlink(missing_ok=True)


# ----------------------------------------------------------------------------- shared lookups

_LOOKUPS: weakref.WeakKeyDictionary[Gazetteer, dict[tuple[str, int], list[Candidate]]] = (
    weakref.WeakKeyDictionary()
)
_LOOKUP_CACHE_SIZE = 100_000


def cached_lookup(gazetteer: Gazetteer, name: str, limit: int) -> list[Candidate]:
    """``gazetteer.lookup(name, limit=limit)``, memoised per gazetteer: the recogniser and the
    resolver ask about the same names, and news repeats them."""
    cache = _LOOKUPS.get(gazetteer)
    if cache is None:
        cache = _LOOKUPS[gazetteer] = {}
    key = (fold(name), limit)
    found = cache.get(key)
    if found is None:
        if len(cache) >= _LOOKUP_CACHE_SIZE:
            cache.clear()
        found = cache[key] = _with_variants(gazetteer, gazetteer.lookup(name, limit=limit), key[0], limit)
    return found


def _with_variants(gazetteer: Gazetteer, found: list[Candidate], key: str, limit: int) -> list[Candidate]:
    """``found``, or when it holds no sizeable place, also the sizeable places of the first other
    transliteration of the name that has any ("Deir Ezzor" -> "Deir ez-Zor", "Anbar" -> "Al Anbar"
    beside the village "Ambar"; ``geo.names.spelling_variants``)."""
    if any(_sizeable(c) for c in found):
        return found
    for variant in spelling_variants(key):
        more = gazetteer.lookup(variant, limit=limit)
        if not found:
            if more:
                return more
            continue
        ids = {c.place.geonameid for c in found}
        big = [c for c in more if _sizeable(c) and c.place.geonameid not in ids]
        if big:
            return (found + big)[:limit]
    return found


def _sizeable(c: Candidate) -> bool:
    return c.place.population >= VARIANT_POPULATION or c.place.feature_class == "A"


# ----------------------------------------------------------------------------- tokens


#: "... al-Asad", "Dasht-e-Barchi": a linking word then more name, so the match is only the first part
_ARTICLE_NEXT = re.compile(
    r"[ -](?:al|el|ad|ar|as|ash|at|az|ed|er|es|ez|an|en)-\w|-(?:e|i|ye|yi|ul|ud|ol)-\w"
)
_NAME_GAP = re.compile(r"(?:['’]s?)?\s")  # between two words of one name: "People's Liberation"
#: what ``_NAME_GAP`` matches before its one whitespace character
_NAME_GAP_HEADS = frozenset({"", "'", "’", "'s", "’s"})


#: Place nouns after a name ("Kin Oo village"): the capitalised words before them are one name
_PLACE_NOUNS_AFTER = frozenset(
    {
        "village",
        "town",
        "township",
        "district",
        "camp",
        "neighbourhood",
        "neighborhood",
        "hamlet",
        "settlement",
    }
)


def _is_name_gap(text: str, a: int, b: int) -> bool:
    """``_NAME_GAP.fullmatch(text, a, b) is not None`` without the regex engine (``\\s`` is what
    ``str.isspace`` says of one character)."""
    return 1 <= b - a <= 3 and text[b - 1].isspace() and text[a : b - 1] in _NAME_GAP_HEADS


class Token(NamedTuple):
    """A word of the text with its offsets; ``key`` is its folded form, ``is_cap`` whether it
    starts with a capital (a named tuple: tokenising is the recogniser's hottest loop)."""

    start: int
    end: int
    text: str
    key: str
    is_cap: bool


#: a word's token parts (``_word_info``): the word less its possessive ("" without one), its folded form,
#: whether it starts with a capital, the word with the full stop after it and that one's folded form ("",
#: "" where a full stop after it is the sentence's)
_WordInfo = tuple[str, str, bool, str, str]


#: What tokenising needs of each word seen, by the abbreviations that keep their full stop (tokenising
#: is the recogniser's hottest loop): see ``_word_info``.
_WORD_INFO: dict[frozenset[str], dict[str, _WordInfo]] = {}
#: ``Token`` from a tuple without the Python-level ``__new__`` of a named tuple (a C call per token).
_new_token = functools.partial(tuple.__new__, Token)


def _word_info(word: str, period_abbreviations: frozenset[str]) -> _WordInfo:
    """A word's token parts, worked out once per word: with a possessive ('s) the word without it and
    its folded form; else its folded form and, when a full stop after it is its own ("U.S.", "Gen."),
    the word with the stop and that one's folded form; and whether it starts with a capital."""
    if word[-1] == "s" and len(word) > 2 and word[-2] in "'’":
        cut = word[:-2]
        return cut, fold(cut), cut[0].isupper(), "", ""
    if "." in word or word in period_abbreviations:
        return "", fold(word), word[0].isupper(), word + ".", fold(word + ".")
    return "", fold(word), word[0].isupper(), "", ""


def _hyphenated(text: str, toks: list[Token], first: int, last: int) -> bool:
    """True when tokens ``first..last`` are written as one hyphenated word ("Port-au-Prince")."""
    return all(text[toks[k - 1].end : toks[k].start] == "-" for k in range(first + 1, last + 1))


def tokenize(text: str, *, period_abbreviations: frozenset[str] = frozenset()) -> list[Token]:
    """Word tokens with offsets: hyphens split words, possessive 's is cut, "U.S." keeps its dots."""
    tokens: list[Token] = []
    append = tokens.append
    infos = _WORD_INFO.get(period_abbreviations)
    if infos is None or len(infos) > 262_144:
        infos = _WORD_INFO[period_abbreviations] = {}
    new_token = _new_token
    n = len(text)
    for m in _TOKEN.finditer(text):
        word = m.group()
        info = infos.get(word)
        if info is None:
            info = infos[word] = _word_info(word, period_abbreviations)
        start, end = m.span()
        if info[0]:  # "Kano's": the name without its possessive
            append(new_token((start, end - 2, info[0], info[1], info[2])))
        elif info[3] and end < n and text[end] == ".":  # "U.S.", "Gen.": the full stop is the word's
            append(new_token((start, end + 1, info[3], info[4], info[2])))
        else:
            append(new_token((start, end, word, info[1], info[2])))
    return tokens


def _is_acronym(word: str) -> bool:
    """ "UK", "USA", "U.S.", "D.R.C." (two to four capitals, dots allowed)."""
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 4 and letters.isalpha() and letters.isupper()


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def qualifies_the_previous(text: str, previous: Mention, start: int, qualifier: str) -> bool:
    """Whether the feature word ``qualifier`` found before the name at ``start`` belongs to the name
    before it: "the Tajoura district of Tripoli" (the district is Tajoura, Tripoli the city it lies in); a
    demonym names no district ("the Indian district of Poonch" is Poonch)."""
    if not qualifier or previous.end > start or previous.kind == "demonym":
        return False
    gap = _QUALIFIER_OF.fullmatch(text, previous.end, start)
    return gap is not None and gap.group(1).lower() == qualifier


def qualifier_at(text: str, start: int, end: int, lexicon: Lexicon | None = None) -> str:
    """The feature word attached to the name at ``text[start:end]``, or ``""``.

    After the name: "Kandahar province" -> ``province``. Before it: "the city of Kandahar",
    "the northern town of Mazar-e-Sharif" -> ``city`` / ``town``.
    """
    lex = lexicon or Lexicon.load()
    after = _WORD_AFTER.match(text[end : end + 20])
    if after and after.group(1) in lex.qualifiers:
        return after.group(1)
    if (
        after
        and after.group(1) in lex.listed_qualifiers
        and _LIST_END.search(text, start - 6 if start > 6 else 0, start)
    ):
        return lex.listed_qualifiers[after.group(1)]  # the last of "the Bryansk and Kursk regions"
    if text[end : end + 1] in _LIST_STARTS:
        # "the Bryansk and Kursk regions", "Borno, Yobe and Adamawa states": the list's plural word
        listed = _LISTED_QUALIFIER.match(text, end, end + 120)
        if listed and listed.group(1) in lex.listed_qualifiers:
            return lex.listed_qualifiers[listed.group(1)]
    apposed = _APPOSED_QUALIFIER.match(text, end, end + 60) if text[end : end + 1] == "," else None
    if apposed and lex.qualifiers.get(apposed.group(1)) not in (None, "border", "country"):
        return apposed.group(1)
    window = text[start - 60 if start > 60 else 0 : start]  # max(0, start - 60), without the builtin's call
    if not ("of" in window or "Of" in window or "OF" in window or "oF" in window):
        return ""  # no "of" to end its words: most names, without a search
    before: list[str] = _WORDS_BEFORE.findall(window)
    if len(before) >= 2 and before[-1].lower() == "of":
        last_words: list[str] = before[:-1][-3:]  # (typed: mypyc fails on an Any loop here)
        for raw in reversed(last_words):
            word = raw.lower()
            if word in lex.qualifiers or (raw == word and word in lex.before_only_qualifiers):
                return word
            if word not in lex.qualifier_gap_words:
                break
    return ""


@functools.cache
def _event_cue_patterns() -> tuple[re.Pattern[str], re.Pattern[str], bool]:
    """Regexes of ``event_cues`` in ``toponym_features.json``: text right before a name, right after it;
    and whether every cue before a name starts with a letter or digit (see :func:`event_cue`)."""
    cues: dict[str, list[str]] = json.loads(_data_text("toponym_features.json"))["event_cues"]

    def alts(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    before = re.compile(
        rf"\b(?:(?:{alts(cues['before'])}) (?:{alts(cues['before_prepositions'])}) (?:the )?"
        rf"|(?:{alts(cues['before_verbs'])}) )$",
        re.I,
    )
    after = re.compile(
        rf"[ ,]+(?:was|were|is|are|being|has been|have been|had been) (?:\w+ly )?(?:{alts(cues['after'])})\b"
    )
    word_first = all(w[:1].isalnum() for k in ("before", "before_verbs") for w in cues[k])
    return before, after, word_first


@functools.cache
def _clause_cue() -> re.Pattern[str]:
    words: list[str] = json.loads(_data_text("toponym_features.json"))["event_cues"]["clause_words"]
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alts})\b[^.;!?]*$", re.I)


def violent_clause(text: str, start: int) -> bool:
    """True when words of violence (``clause_words`` in ``toponym_features.json``) come earlier in the
    clause that names a place at ``start`` (120 characters back, no sentence end between): "two men were
    killed in X", where X is the place of the killing, whatever the gazetteer ranks it."""
    lo = start - 120 if start > 120 else 0
    return _clause_cue().search(text, lo, start) is not None


def event_cue(text: str, start: int, end: int) -> bool:
    """True when words of armed conflict make the name at ``text[start:end]`` the place of an attack:
    "the siege of X", "an offensive on X", "X was shelled" (``event_cues`` in ``toponym_features.json``).

    The cue before the name ends right at it: ``tail_search`` on the 40 characters before it says
    "no" at once for most names. Cut out of the text, those characters can only gain a word start
    (``\\b``) at their first one, and only where a cue starting with a letter could not begin
    anyway, so its "no" is the search's; a "yes" is checked by the search in the text."""
    before, after, word_first = _event_cue_patterns()
    lo = start - 40 if start > 40 else 0  # max(0, start - 40), without the builtin's call
    if (not word_first or tail_search(before, text[lo:start])) and before.search(text, lo, start):
        # "bombed Kan Su village": the cue is about the whole name, not its first word
        return not _NAME_GOES_ON.match(text, end)
    return bool(after.match(text, end, end + 60))


_NAME_GOES_ON = re.compile(r" [A-Z][a-z]")
#: a capitalised word or a number right after a name: it goes on ("the Denver District Court")
_NAME_GOES_ON_OR_NUMBER = re.compile(r"[ \t]+[A-Z0-9]")

#: the lower-case word right before "of" and a name: "the village of X", "the towns of the X"
_NOUN_OF = re.compile(r"([a-z]+)[ \t]+of[ \t]+(?:the[ \t]+)?\Z")
_NOUN_OF_ENDS = ("of ", "of the ", "of\t", "of the\t")
#: a list of capitalised names after "<plural noun> of", up to a name: "the villages of A, B and "
_LIST_OF = re.compile(
    r"([a-z]+)[ \t]+of[ \t]+(?:the[ \t]+)?"
    r"(?:[A-Z][\w'’‘-]*(?:[ \t]+(?:(?:al|el)-)?[A-Z][\w'’‘-]*){0,3}"
    r"(?:,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)){1,8}\Z"
)
_LIST_ENDS = (", ", " and ", ",\t")


#: words that end the description before a place noun ("X, a lobbyist for the city of Y": not a place)
_APPOSITION_GAPS = "for|of|the|with|to|from|at|by|in|on|who|whose"


def _apposition_pattern(raw: dict[str, list[str]] | None) -> re.Pattern[str] | None:
    """The pattern of ``place_appositions`` (see ``toponym_features.json``): group 1 the noun of "X, a
    village ...", group 2 the unit of "X, 70 km ..."."""
    if not raw:
        return None

    def alts(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in words)

    return re.compile(
        rf",[ \t]+(?:an?[ \t]+(?:(?!(?:{_APPOSITION_GAPS})\b)[\w'’-]+[ \t]+){{0,3}}?({alts(raw['nouns'])})"
        rf"(?=[ \t]*[,.;:)]|[ \t]*$|[ \t]+(?:{alts(raw['noun_then'])}|\d)\b)"
        rf"|(?:about[ \t]+|some[ \t]+|around[ \t]+|nearly[ \t]+)?\d[\d,.]*[ \t]*({alts(raw['units'])})\b)"
    )


def place_noun_context(text: str, start: int, end: int, lexicon: Lexicon | None = None) -> str:
    """The lower-case place noun that makes ``text[start:end]`` a place whatever the gazetteer says
    ("the village of X", "the villages of A, B and X", "X district", "the X area"), or ``""``
    (``place_nouns`` in ``toponym_features.json``). Conflict news names villages and quarters the
    gazetteer lacks, and the learned filter, trained on US local and virus news, doubts them."""
    lex = lexicon or Lexicon.load()
    nouns = lex.place_nouns
    if not nouns:
        return ""
    after = _WORD_AFTER.match(text, end, end + 30)
    if after is not None and after.group(1) in nouns["after"]:
        return after.group(1)
    if lex.apposition is not None and text.startswith(",", end):
        app = lex.apposition.match(text, end, end + 80)
        if app is not None:
            return app.group(1) or app.group(2)
    before = text[(start - 200 if start > 200 else 0) : start]
    if before.endswith(_NOUN_OF_ENDS):
        m = _NOUN_OF.search(before, (len(before) - 40 if len(before) > 40 else 0))
        if m is not None and (m.group(1) in nouns["before_of"] or m.group(1) in nouns["plural_before_of"]):
            return m.group(1)
    elif before.endswith(_LIST_ENDS):
        m = _LIST_OF.search(before)
        if m is not None and m.group(1) in nouns["plural_before_of"]:
            return m.group(1)
    return ""


# ----------------------------------------------------------------------------- learned filter

#: What the learned filter knows about a proposed span, in the order of its weights.
MENTION_FEATURES: tuple[str, ...] = (
    "bias",
    "n_tokens",
    "demonym",
    "code_weight",
    "log_pop",
    "log_candidates",
    "country_or_province",
    "primary_name",
    "alternate_name",
    "abbreviation",
    "after_place_word",
    "after_capital",
    "before_capital",
    "sentence_initial",
    "title_case",
    "first_name",
    "common_word",
    "before_comma_capital",
    "after_comma_capital",
    "before_person_verb",
    "surname_in_doc",
    "lowercase_in_doc",
    "all_caps",
    "possessive",
    "after_the",
    "feature_suffix",
    "repeated",
    "state_abbreviation",
    *("locative_cue", "qualified", "spelling_variant", "alternate_admin", "event_cue"),
)
#: Population from which a place is well known by several spellings.
BIG_PLACE = 20_000
#: ... and from which, after a locative word ("in Miranshah"), a spelling of its name like its own is one
SMALL_PLACE = 2_000
#: Population from which a place found only by another spelling of its name is proposed.
VARIANT_POPULATION = 20_000
#: Least filter probability of a name kept because it is listed with a kept place.
COORDINATION_FLOOR = 0.1
_LIST_GAP = re.compile(r",? (?:and|or) |, |/")
#: Least filter probability of a cued name kept because its town lies in a country the document names.
COUNTRY_RESCUE_FLOOR = 0.15
#: Index of the feature that makes a span bypass the filter ("Athens, Ga.").
_STATE_FEATURE = MENTION_FEATURES.index("state_abbreviation")
_ALT, _BIG = (MENTION_FEATURES.index(f) for f in ("alternate_name", "country_or_province"))
_FIRST, _POSS = (MENTION_FEATURES.index(f) for f in ("first_name", "possessive"))
_LOCATIVE, _QUALIFIED, _EVENT_CUE = (
    MENTION_FEATURES.index(f) for f in ("locative_cue", "qualified", "event_cue")
)
_SURNAME, _FIRST_NAME, _AFTER_CAPITAL, _CANDIDATES, _AFTER_PLACE_WORD = (
    MENTION_FEATURES.index(f)
    for f in ("surname_in_doc", "first_name", "after_capital", "log_candidates", "after_place_word")
)
_VOWELS = frozenset("aeiou")
#: Words right before a name that say "a place" in conflict reporting ("clashed near X").
LOCATIVE_CUES = frozenset(
    {"in", "near", "outside", "around", "across", "from", "to", "into", "toward", "towards", "inside", "at"}
)


@dataclass(frozen=True, slots=True)
class MentionFilter:
    """A logistic model over ``MENTION_FEATURES``: keeps a span when P(place) >= ``threshold``.

    Weights live in ``geo/data/toponym_recognizer.json`` and are learned by
    ``geo.evaluation.toponym_training --recognizer`` (cross-validated by article).
    """

    weights: tuple[float, ...]
    threshold: float

    def probability(self, features: list[float]) -> float:
        z = 0.0  # the sum from left to right, as sum() adds (without a generator); 0.0 + x == 0 + x
        for w, x in zip(self.weights, features, strict=True):
            z += w * x
        z = z if z < 30.0 else 30.0  # max(-30.0, min(30.0, z)), without the builtins' calls
        return 1.0 / (1.0 + math.exp(-(z if z > -30.0 else -30.0)))

    def keep(self, features: list[float]) -> bool:
        return self.probability(features) >= self.threshold

    @classmethod
    @functools.cache
    def load(cls) -> MentionFilter | None:
        """The shipped model, or ``None`` when the data file has no weights."""
        data: dict[str, Any] = json.loads(_data_text("toponym_recognizer.json"))
        weights = data.get("weights") or {}
        if not weights:
            return None
        return cls(tuple(float(weights.get(n, 0.0)) for n in MENTION_FEATURES), float(data["threshold"]))


@dataclass(frozen=True, slots=True)
class _DocContext:
    """Document-wide cues: words seen lowercase, words seen right after a non-place capitalised word
    (surnames: "Tom Jones" ... "Jones"), and how often each capitalised word occurs."""

    lowercase: frozenset[str]
    after_name: frozenset[str]
    counts: dict[str, int]

    @classmethod
    def of(cls, text: str, toks: list[Token], rec: ToponymRecognizer) -> _DocContext:
        lower: set[str] = set()
        after: set[str] = set()
        counts: dict[str, int] = {}  # filled with the proposed names by the caller
        lex = rec.lexicon
        code = rec.index.code
        prev: Token | None = None
        for tok in toks:
            if tok.is_cap:
                if (
                    prev is not None
                    and prev.is_cap
                    and text[prev.end : tok.start] == " "
                    and (
                        prev.key in lex.first_names
                        or prev.key.rstrip(".") in lex.person_titles
                        or code(prev.key) < 0
                    )
                    and prev.key not in lex.stopwords
                    and code(f"{prev.key} {tok.key}") < 0
                ):
                    after.add(tok.key)
            elif tok.text.islower():
                lower.add(tok.key)
            prev = tok
        return cls(frozenset(lower), frozenset(after), counts)


# ----------------------------------------------------------------------------- recogniser


@dataclass(frozen=True, slots=True)
class _Span:
    first: int
    last: int
    kind: str = "name"
    end: int = -1


built_by_slots(_Span)  # its constructor by slot setters when not compiled (geo.records)


class ToponymRecognizer:
    """``Document -> Document`` filling ``mentions`` with the place names found in the text."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        demonyms: bool = True,
        lexicon: Lexicon | None = None,
        use_model: bool = True,
    ) -> None:
        """``use_model=False`` keeps every span the gazetteer and the cues propose (no learned filter)."""
        self.gazetteer = gazetteer
        self.lexicon = lexicon or Lexicon.load()
        self.demonyms = demonyms
        self._demonym_cache: dict[str, bool] = {}
        self._abbrev_cache: dict[str, bool] = {}
        self._info_cache: dict[str, tuple[float, float, float, float]] = {}
        self._variant_cache: dict[str, str | None] = {}
        self._translit_cache: dict[tuple[str, int], bool] = {}
        self.model: MentionFilter | None = MentionFilter.load() if use_model else None
        self._index: NameIndex | None = None

    @property
    def index(self) -> NameIndex:
        """The gazetteer's name trie, loaded on first use (so constructing a recogniser is cheap).

        Memoised by hand: a mypyc-compiled class ignores functools.cached_property."""
        if self._index is None:
            memo = str(self.gazetteer.path)
            keys = _ACTOR_NON_PLACES.get(memo)
            if keys is None:
                plain = NameIndex.for_gazetteer(self.gazetteer, non_places=self.lexicon.non_places)
                # keyed as the recogniser reads the words ("People's" is the word "People")
                keys = _ACTOR_NON_PLACES[memo] = frozenset(
                    " ".join(t.key for t in tokenize(n))
                    for n in _actor_names()
                    if not self._names_a_country(n, plain)
                )
            self._index = NameIndex.for_gazetteer(self.gazetteer, non_places=self.lexicon.non_places | keys)
        return self._index

    def _names_a_country(self, name: str, index: NameIndex) -> bool:
        """Whether a word or a few of ``name`` name a country or its people ("US Army", "Armed Forces of the
        Philippines", "Sudanese Armed Forces"): such an actor's name still tells its country (the gazetteer
        is asked only about the words ``index`` knows as names)."""
        toks = tokenize(name)
        gaz = self.gazetteer
        for k in range(len(toks)):
            for n in (1, 2, 3):
                span = toks[k : k + n]
                code = index.code(" ".join(t.key for t in span)) if len(span) == n else -1
                if code < 0 or code == NON_PLACE:
                    continue
                if gaz.names_a_country(" ".join(t.text for t in span)):
                    return True
        return False

    def __call__(self, doc: Document) -> Document:
        return replace(doc, mentions=tuple(self.find(doc.text)))

    def find(self, text: str) -> list[Mention]:
        """The mentions in ``text``, in order, non-overlapping."""
        found = self.candidates(text)
        if self.model is None:
            return [m for m, _ in found]
        # Demonyms and state abbreviations are explicit; the filter judges the rest. One sense per
        # document: a name kept once is kept wherever it recurs.
        keep = [
            m.kind == "demonym" or feats[_STATE_FEATURE] > 0 or self.model.keep(feats) for m, feats in found
        ]
        keep = self._with_place_nouns(text, found, keep)
        keep = self._coordinated(text, found, keep)
        keep = self._in_named_country(found, keep)
        kept_names = {fold(m.text) for (m, _), k in zip(found, keep, strict=True) if k}
        return [m for (m, _), k in zip(found, keep, strict=True) if k or fold(m.text) in kept_names]

    def _with_place_nouns(
        self, text: str, found: list[tuple[Mention, list[float]]], keep: list[bool]
    ) -> list[bool]:
        """Also keep a name that a place noun next to it makes a place ("the village of X", "X district";
        ``place_noun_context``), unless the document uses it as a surname or it is a given name that
        only a noun after it qualifies ("the Jackson camp"); and a name no gazetteer holds that words of
        armed conflict make the place of an attack ("rebels stormed X", ``event_cue``)."""
        keep = list(keep)
        for k, (m, feats) in enumerate(found):
            if keep[k] or m.kind != "name" or feats[_SURNAME] > 0 or feats[_AFTER_CAPITAL] > 0:
                continue  # "the Tennessee Zemlaq area": the noun is about the whole name
            unknown_cued = feats[_CANDIDATES] == 0 and feats[_EVENT_CUE] > 0
            if unknown_cued or self._place_by_its_words(text, m, feats):
                # a name no gazetteer holds, proposed for the words of conflict around it; or any name its
                # own words make a place ("in Tal Afar", which the gazetteer holds as an alternate name)
                keep[k] = True
                continue
            noun = place_noun_context(text, m.start, m.end, self.lexicon)
            if noun and (feats[_FIRST_NAME] == 0 or noun in self.lexicon.place_nouns["before_of"]):
                keep[k] = True
        return keep

    def _place_by_its_words(self, text: str, m: Mention, feats: list[float]) -> bool:
        """Whether a name of two words or more is a place by its own words (``place_words``): a generic
        first word ("Tal Kroum", "Kafr Nabuda") after a locative word or a place word ("at Tal Kroum"), or
        a feature word closing it ("Tishreen Dam", "Al-Manishiyah District") when no other word of the
        name is a common word, a stop word or a given name ("School District", "David Camp"); never the
        start of a longer name ("the Denver District Court", "Edwardsville District 7")."""
        words = self.lexicon.place_words
        if not words or _NAME_GOES_ON_OR_NUMBER.match(text, m.end):
            return False
        keys = [t.key for t in tokenize(m.text)]
        if len(keys) < 2:
            return False
        if keys[0] in words["first"]:
            return feats[_LOCATIVE] > 0 or feats[_AFTER_PLACE_WORD] > 0
        lex = self.lexicon
        return keys[-1] in words["last"] and not any(
            w in lex.common_words or w in lex.stopwords or w in lex.first_names for w in keys[:-1]
        )

    def _coordinated(
        self, text: str, found: list[tuple[Mention, list[float]]], keep: list[bool]
    ) -> list[bool]:
        """Also keep a doubtful name listed with a kept place ("Mardes and Maharada", "X, Y and Z"):
        a span the filter gives at least ``COORDINATION_FLOOR`` right next to a kept one, with only a
        comma, "and" or "or" between them."""
        assert self.model is not None
        keep = list(keep)
        for _ in range(2):
            for k, (m, feats) in enumerate(found):
                if keep[k] or m.kind == "demonym" or self.model.probability(feats) < COORDINATION_FLOOR:
                    continue
                before = k > 0 and keep[k - 1] and _LIST_GAP.fullmatch(text[found[k - 1][0].end : m.start])
                after = (
                    k + 1 < len(found)
                    and keep[k + 1]
                    and _LIST_GAP.fullmatch(text[m.end : found[k + 1][0].start])
                )
                keep[k] = bool(before or after)
        return keep

    def _in_named_country(self, found: list[tuple[Mention, list[float]]], keep: list[bool]) -> list[bool]:
        """Also keep a doubtful name with a place cue ("in X", "the town of X", "X was shelled") when the
        gazetteer has a town or division of that name in a country the document names ("Sudan",
        "Sudanese"). The filter learned US and virus news, where an alternate spelling is a weak sign;
        in conflict news the English spelling of a town is often GeoNames' alternate name
        ("Geneina", "Marawi", "Tal Afar")."""
        assert self.model is not None
        doubtful = [
            k
            for k, (m, feats) in enumerate(found)
            if not keep[k]
            and m.kind == "name"
            and (feats[_LOCATIVE] or feats[_QUALIFIED] or feats[_EVENT_CUE])
            and self.model.probability(feats) >= COUNTRY_RESCUE_FLOOR
        ]
        if not doubtful:
            return keep
        countries = self._named_countries(m for (m, _), k in zip(found, keep, strict=True) if k)
        if not countries:
            return keep
        keep = list(keep)
        for k in doubtful:
            keep[k] = any(
                c.place.country_code in countries and c.place.feature_class in ("P", "A")
                for c in cached_lookup(self.gazetteer, found[k][0].text, LOOKUP_LIMIT)
            )
        return keep

    def _named_countries(self, mentions: Iterable[Mention]) -> frozenset[str]:
        """The countries among kept mentions: country names ("Sudan") and demonyms ("Sudanese")."""
        codes: set[str] = set()
        for m in mentions:
            if m.kind == "demonym":
                place = self.gazetteer.demonym(m.text)
                if place is not None:
                    codes.add(place.country_code)
                continue
            codes.update(
                c.place.country_code
                for c in cached_lookup(self.gazetteer, m.text, LOOKUP_LIMIT)[:1]
                if c.place.feature_class == "A" and c.place.admin_level == 0
            )
        return frozenset(codes)

    def candidates(self, text: str) -> list[tuple[Mention, list[float]]]:
        """Every span the gazetteer and the cues propose, with its ``MENTION_FEATURES`` (what the
        learned filter reads, and what its training reads)."""
        lex = self.lexicon
        toks = tokenize(text, period_abbreviations=lex.period_abbreviations)
        spans: list[_Span] = []
        i, n = 0, len(toks)
        while i < n:
            tok = toks[i]
            if not tok.is_cap:
                i += 1
                continue
            span = self._match_at(text, toks, i)
            if span is None:
                span = self._context_name(text, toks, i)
            if span is None:
                i += 1
                continue
            if span.kind != "skip":
                spans.append(span)
            i = span.last + 1
        if not spans:
            return []
        ctx = _DocContext.of(text, toks, self)
        names = [fold(text[toks[sp.first].start : toks[sp.last].end]) for sp in spans]
        for key in names:
            ctx.counts[key] = ctx.counts.get(key, 0) + 1
        out = []
        for sp in spans:
            mention = self._mention(text, toks, sp)
            feats = self._features(text, toks, sp, ctx)
            out.append((mention, feats + self._cue_features(text, toks, sp, mention, feats)))
        return out

    # -- mention features ------------------------------------------------------------------------
    def name_info(self, name: str) -> tuple[float, float, float, float]:
        """(best feature-code weight, log10 of the largest population, log of 1 + candidates, whether
        a country or first-level division has the name), memoised per folded name."""
        key = fold(name)
        hit = self._info_cache.get(key)
        if hit is None:
            cands = cached_lookup(self.gazetteer, name, LOOKUP_LIMIT)
            hit = (
                max((prior(c.place.feature_class, c.place.feature_code, 0, "-") for c in cands), default=0.0),
                max((math.log10(c.place.population + 1) for c in cands), default=0.0),
                math.log1p(len(cands)),
                float(any(c.place.admin_level <= 1 for c in cands)),
            )
            if len(self._info_cache) > 100_000:
                self._info_cache.clear()
            self._info_cache[key] = hit
        return hit

    def _features(self, text: str, toks: list[Token], span: _Span, ctx: _DocContext) -> list[float]:
        lex = self.lexicon
        first, last = toks[span.first], toks[span.last]
        n_tok = span.last - span.first + 1
        name = text[first.start : last.end]
        demonym = span.kind == "demonym"
        if demonym:
            code_w, log_pop, n_cands, big = 8.0, 7.0, 0.0, 1.0
        elif span.kind == "state":
            code_w, log_pop, n_cands, big = 5.0, 6.0, 0.0, 1.0
        else:
            code_w, log_pop, n_cands, big = self.name_info(name)
        prev = toks[span.first - 1] if span.first > 0 else None
        nxt = toks[span.last + 1] if span.last + 1 < len(toks) else None
        gap_after = text[last.end : nxt.start] if nxt is not None else ""
        gap_before = text[prev.end : first.start] if prev is not None else ""
        prev_cap = prev is not None and prev.is_cap and gap_before == " " and prev.key not in lex.stopwords
        next_cap = nxt is not None and nxt.is_cap and gap_after == " " and nxt.key not in lex.times_after
        key = fold(name)
        code = self.index.code(key)
        if code == MATCH_CODES["alternate"] and key in lex.country_aliases:
            code = MATCH_CODES["primary"]  # "Bosnia": the name news gives the country, not a rare spelling
        after = text[last.end : last.end + 12].lstrip(" ")
        before = self._word_before(text, toks, span.first)
        return [
            1.0,
            float(n_tok),
            float(demonym),
            code_w,
            log_pop,
            n_cands,
            big,
            float(code == MATCH_CODES["primary"] or code == MATCH_CODES["ascii"]),
            float(code == MATCH_CODES["alternate"] or code == MATCH_CODES["historic"]),
            float(code == MATCH_CODES["abbreviation"] or _is_acronym(first.text)),
            float(before >= 0 and toks[before].text in lex.context_before),
            float(prev_cap),
            float(next_cap),
            float(_sentence_initial(text, first.start)),
            float(self._title_case(toks, span.first)),
            float(n_tok == 1 and first.key in lex.first_names),
            float(n_tok == 1 and first.key in lex.common_words),
            float(gap_after.startswith(",") and nxt is not None and nxt.is_cap),
            float(gap_before.strip() == "," and prev is not None and prev.is_cap),
            float(nxt is not None and nxt.key in lex.person_verbs and gap_after == " "),
            float(n_tok == 1 and first.key in ctx.after_name),
            float(n_tok == 1 and first.key in ctx.lowercase),
            float(first.text.isupper() and len(first.text) > 1),
            float(after.startswith(("'s", "’s"))),
            float(prev is not None and prev.key == "the"),
            float(bool(span.kind == "name" and self.lexicon.name_suffixes.get(last.key))),
            float(ctx.counts.get(fold(name), 0) > 1),
            float(span.kind == "state"),
        ]

    def _cue_features(
        self, text: str, toks: list[Token], span: _Span, mention: Mention, feats: list[float]
    ) -> list[float]:
        """Cues that hold beyond US local news: a locative word before the name ("fighting near X"),
        a feature word qualifying it ("the city of X", "X province"), another transliteration of a
        place's name (found only as a variant spelling, or an alternate name spelled like the place's
        own: "Falluja", "Raqqa"; after a locative word, of a small town's too: "in Miranshah"), an alternate
        name of a country or province, and words of armed conflict ("X was shelled", or "killed two people
        in X": ``violent_clause``)."""
        alternate = feats[_ALT] > 0
        k = self._word_before(text, toks, span.first)
        locative = k >= 0 and toks[k].text.lower() in LOCATIVE_CUES
        at = mention.start
        person = feats[_FIRST] > 0 or feats[_POSS] > 0  # "shot at Joseph's Tomb", "sat in Blake's car"
        variant = span.kind == "variant" or (
            alternate and self._transliteration(mention.text, SMALL_PLACE if locative else BIG_PLACE)
        )
        return [
            float(locative),
            float(bool(mention.qualifier)),
            float(variant),
            feats[_BIG] if alternate else 0.0,
            float(event_cue(text, at, mention.end) or (locative and not person and violent_clause(text, at))),
        ]

    def _word_before(self, text: str, toks: list[Token], first: int) -> int:
        """The index of the word that governs the name at token ``first``: the one right before it, or the
        one before words that only say which part or whose the place is ("in western Bosnia", "in the
        restive X", "in Serb-held X": ``qualifier_gap_words`` and "<word>-held"); -1 at the start."""
        k = first - 1
        if k < 0:
            return k
        word = toks[k].text.lower()
        if word == "held" and k > 0 and text[toks[k - 1].end : toks[k].start] == "-":
            k -= 1  # "Serb-held", "rebel-held"
        elif word not in self.lexicon.qualifier_gap_words or toks[k].is_cap:
            return k
        k -= 1
        if k >= 0 and toks[k].key == "the":
            k -= 1
        return k

    def _transliteration(self, name: str, big: int = BIG_PLACE) -> bool:
        """True when the most populous place named ``name`` is big (a city of ``big`` people or more, a
        province or a country) and its own name has the same consonant skeleton (``geo.names.spelling_key``):
        "Raqqa" / "Ar Raqqah"; "Drug", the alternate name of a town whose own is "Durg", is not. Memoised
        by name (it reads only the gazetteer)."""
        key = (name, big)
        hit = self._translit_cache.get(key)
        if hit is None:
            hit = self._translit_cache[key] = self._spelled_like_its_own(name, big)
        return hit

    def _spelled_like_its_own(self, name: str, big: int) -> bool:
        """``_transliteration``'s answer, worked out."""
        cands = cached_lookup(self.gazetteer, name, LOOKUP_LIMIT)
        if not cands:
            return False
        top = max(cands, key=lambda c: c.place.population)
        if top.place.population < big and top.place.admin_level > 1:
            return False
        own, written = strip_articles(fold(top.place.name)), strip_articles(fold(name))
        skeleton = spelling_key(written)
        return (
            len(skeleton) >= 2
            and (own[:1] == written[:1] or (own[:1] in _VOWELS and written[:1] in _VOWELS))  # Irbil, Erbil
            and skeleton == spelling_key(own)
            and difflib.SequenceMatcher(None, own, written).ratio() >= 0.6
        )

    def _known_place(self, key: str) -> bool:
        """True when a place of ``VARIANT_POPULATION`` people or more, or a division, has the name ``key``."""
        return any(
            c.place.population >= VARIANT_POPULATION or c.place.feature_class == "A"
            for c in cached_lookup(self.gazetteer, key, LOOKUP_LIMIT)
        )

    def _variant_name(self, text: str, toks: list[Token], i: int) -> _Span | None:
        """A name the gazetteer has only in another transliteration ("Deir Ezzor", "Qamishli"): one
        to three capitalised words whose ``spelling_variants`` key is a gazetteer name."""
        lex = self.lexicon
        first = toks[i]
        if first.key in lex.stopwords or first.key in lex.person_titles or first.key in lex.first_names:
            return None
        if first.key in lex.non_places:
            return None
        if len(first.key) < 3 or _is_acronym(first.text):
            return None
        last, words = i, 1
        while words < 3 and self._joined(text, toks, last):
            if toks[last + 1].is_cap:
                last += 1
            elif self._article_then_name(text, toks, last + 1):
                last += 2  # "Deir al-Balah": the gazetteer writes "Dayr al Balah"
            else:
                break
            words += 1
        for j in range(last, i - 1, -1):
            if (j > i and toks[j].key in ARABIC_ARTICLES) or (j == i and not self._variant_word(first)):
                continue  # one word alone needs four letters and not to be a common word ("Tell")
            key = " ".join(t.key for t in toks[i : j + 1])
            variant = self._variant_of(key)
            if variant is not None:
                code = self.index.code(variant)
                if not self._accept(text, toks, i, j, code) or not self._known_place(variant):
                    return None
                return _Span(i, j, "variant")
        return None

    def _variant_word(self, tok: Token) -> bool:
        """True when ``tok`` alone may be a name in another transliteration (not "Tell", "Ras")."""
        return len(tok.key) >= 4 and tok.key not in self.lexicon.common_words

    @staticmethod
    def _article_then_name(text: str, toks: list[Token], k: int) -> bool:
        """True when token ``k`` is a lower-case Arabic article hyphened to a capital word ("al-Balah")."""
        if k >= len(toks):
            return False
        tok = toks[k]
        return (
            tok.key in ARABIC_ARTICLES
            and not tok.is_cap
            and k + 1 < len(toks)
            and toks[k + 1].is_cap
            and text[tok.end : toks[k + 1].start] == "-"
        )

    def _variant_of(self, key: str) -> str | None:
        """The first ``spelling_variants`` of ``key`` that the gazetteer has as a place name (not a
        demonym), memoised per key: news repeats the names the gazetteer lacks as written."""
        if key in self._variant_cache:
            return self._variant_cache[key]
        found = None
        for variant in spelling_variants(key):
            code = self.index.code(variant)
            if 0 <= code < NON_PLACE and code != MATCH_CODES["demonym"]:
                found = variant
                break
        if len(self._variant_cache) > 100_000:
            self._variant_cache.clear()
        self._variant_cache[key] = found
        return found

    # -- matching ----------------------------------------------------------------------------
    def _match_at(self, text: str, toks: list[Token], i: int) -> _Span | None:
        """The place name starting at token ``i`` (``kind="skip"``: jump past a non-place)."""
        state = self._state_abbreviation(text, toks, i)
        if state is not None:
            return state
        last, code = self._longest(text, toks, i)
        if code == NON_PLACE:
            return _Span(i, last, "skip")
        if last < 0:
            return (
                self._pattern_name(text, toks, i)
                or self._demonym(toks, i)
                or self._variant_name(text, toks, i)
            )
        if last == i and self._joined(text, toks, i) and toks[i + 1].is_cap:
            joined = self._joined_name(text, toks, i)
            if joined is not None:
                return joined
        if self._article_then_name(text, toks, last + 1):
            longer = self._variant_name(text, toks, i)  # "Ras al-Ain": not the town "Ras"
            if longer is not None and longer.last > last:
                return longer
        last = self._extend_prefix(text, toks, i, last)
        last = self._extend_suffix(text, toks, last)
        last = self._extend_over_unknown(text, toks, last)
        if last == i and self._compass_before_name(text, toks, i):
            return _Span(i, i, "skip")  # "South Yorkshire Police": not Cameroon's South region
        accepted = self._accept(text, toks, i, last, code)
        organisation = self._organisation_end(text, toks, last) if accepted else None
        if organisation is not None:  # "the Santa Rosa de Lima Cartel": no place in it
            return _Span(i, organisation, "skip")
        if not accepted:
            if last == i and self._is_demonym(toks[i]):
                return _Span(i, i, "demonym")
            return (
                _Span(i, last, "skip")
                if last > i and code != NON_PLACE and self._is_person(text, toks, i)
                else None
            )
        if last == i and code == MATCH_CODES["demonym"]:
            return self._demonym(toks, i)
        if last == i and self._is_demonym(toks[i]) and code != MATCH_CODES["primary"]:
            return _Span(i, i, "demonym")
        return _Span(i, last)

    def _organisation_end(self, text: str, toks: list[Token], last: int) -> int | None:
        """The last token of an organisation's name that the place name ending at ``last`` begins
        ("Jalisco New Generation Cartel", "Kurdistan Workers' Party"), or None."""
        heads = self.lexicon.organisation_heads
        j = last + 1
        while j < len(toks) and j <= last + 5 and _is_name_gap(text, toks[j - 1].end, toks[j].start):
            tok = toks[j]
            if tok.text in heads["any_case"] and j == last + 1:
                return j
            if tok.is_cap and (
                tok.text in heads["direct"] or (tok.text in heads["after_words"] and j > last + 1)
            ):
                return j
            if not tok.is_cap and tok.key not in self.lexicon.join_words:
                return None
            j += 1
        return None

    def _state_abbreviation(self, text: str, toks: list[Token], i: int) -> _Span | None:
        """ "Athens, Ga." / "Charleston, W. Va.": a state abbreviation right after "Town, "."""
        if i == 0 or text[toks[i - 1].end : toks[i].start] != ", " or not toks[i - 1].is_cap:
            return None
        m = self.lexicon.state_pattern.match(text, toks[i].start)
        if m is None:
            return None
        j = i
        while j + 1 < len(toks) and toks[j + 1].start < m.end():
            j += 1
        return _Span(i, j, "state", m.end())

    def _joined_name(self, text: str, toks: list[Token], i: int) -> _Span | None:
        """ "Buulo Barde", "Beled Weyne": two capitalised words the gazetteer writes as one word
        ("Buulobarde"), when that is a well-known place or the place the first word alone names."""
        key = toks[i].key + toks[i + 1].key
        code = self.index.code(key)
        if not 0 <= code < NON_PLACE or code == MATCH_CODES["demonym"]:
            return None
        if not self._accept(text, toks, i, i + 1, code):
            return None
        whole = {c.place.geonameid for c in cached_lookup(self.gazetteer, key, LOOKUP_LIMIT)}
        alone = {c.place.geonameid for c in cached_lookup(self.gazetteer, toks[i].key, LOOKUP_LIMIT)}
        if whole & alone or self._known_place(key):
            return _Span(i, i + 1, "variant")
        return None

    def _longest(self, text: str, toks: list[Token], i: int) -> tuple[int, int]:
        """(last token index, match code) of the longest gazetteer name at ``i``; (-1, -1) if none."""
        entry = self.index.entry
        key = toks[i].key
        if not key:
            return -1, -1
        code, more = entry(key)
        best = i if code >= 0 else -1
        j, n = i + 1, len(toks)
        possessive = False  # "Kurdistan Workers' Party", "People's": only an organisation's name goes on
        while more and j < n and j - i < MAX_TOKENS:
            gap = text[toks[j - 1].end : toks[j].start]
            if gap not in _JOIN_SEPS:
                if gap not in _POSSESSIVE_GAPS:
                    break
                possessive = True
            tk = toks[j].key
            if tk in IZAFE_LINKERS and j + 1 < n and not toks[j].is_cap:
                j += 1
                continue
            key = f"{key} {tk}"
            c, more = entry(key)
            # a non-place phrase may go on in lower case ("Wagner mercenaries"); a place name may not
            if c >= 0 and (toks[j].is_cap or toks[j].text[:1].isdigit() or c == NON_PLACE):
                if possessive and c != NON_PLACE:
                    break
                best, code = j, c
            j += 1
        return best, (code if best >= 0 else -1)

    def _compass_before_name(self, text: str, toks: list[Token], i: int) -> bool:
        """Whether token ``i`` is a compass word ("South", "West") opening a longer name the gazetteer
        lacks ("South Yorkshire", "West Midlands"): alone it names nothing there (the word after it is
        tried on its own: "East Jerusalem")."""
        return (
            toks[i].key in self.lexicon.compass_words
            and self._joined(text, toks, i)
            and toks[i + 1].is_cap
            and toks[i + 1].key not in self.lexicon.stopwords
        )

    def _extend_prefix(self, text: str, toks: list[Token], i: int, last: int) -> int:
        """Grow a one-word match that is a generic first word ("Wadi", "Jabal", "Kafr", "Lake") over the
        capitalised word after it (and an article: "Tal Al-Eiss"): "Wadi Barada" is one name, not the
        place called "Wadi"."""
        lex = self.lexicon
        if last != i or toks[i].key not in lex.name_prefixes or not self._joined(text, toks, i):
            return last
        nxt = toks[i + 1]
        if not nxt.is_cap or nxt.key in lex.stopwords or _is_acronym(nxt.text):
            return last
        if nxt.key in ARABIC_ARTICLES and self._joined(text, toks, i + 1) and toks[i + 2].is_cap:
            return i + 2  # "Tal Al-Eiss"
        return i + 1

    def _extend_over_unknown(self, text: str, toks: list[Token], last: int) -> int:
        """Grow a name over the capitalised word after it when a place noun follows that word: "Kin Oo
        village" is one name (which the gazetteer lacks), not Kin (Kingston's code) and a word after it."""
        j = last + 1
        if j + 1 >= len(toks) or not self._joined(text, toks, last) or not self._joined(text, toks, j):
            return last
        if not toks[j].is_cap or toks[j + 1].is_cap or toks[j + 1].key not in _PLACE_NOUNS_AFTER:
            return last
        if toks[j].key in self.lexicon.stopwords or toks[j].key in self.lexicon.common_words:
            return last
        return j

    def _extend_suffix(self, text: str, toks: list[Token], last: int) -> int:
        """Grow a name over a capitalised feature word: "Laurel" + "County", "Spin Boldak" + "Road"."""
        j = last + 1
        if (
            j < len(toks)
            and toks[j].is_cap
            and toks[j].key in self.lexicon.name_suffixes
            and text[toks[last].end : toks[j].start] in _JOIN_SEPS
        ):
            return j
        return last

    def _pattern_name(self, text: str, toks: list[Token], i: int) -> _Span | None:
        """Names the gazetteer lacks but the words make plain: "Wichita Drive", "Highway 19", "Lake Erie"."""
        lex = self.lexicon
        n = len(toks)
        key = toks[i].key
        if self._joined(text, toks, i) and key in lex.numbered_roads and toks[i + 1].text.isdigit():
            return _Span(i, i + 1)
        if key in lex.stopwords or key in lex.person_titles:
            return None
        j = i
        while j + 1 < n and j - i < 3 and toks[j + 1].is_cap:
            if text[toks[j].end : toks[j + 1].start] not in _JOIN_SEPS:
                break
            j += 1
            if toks[j].key in lex.name_suffixes:
                if self._is_person(text, toks, i):
                    return None
                return _Span(i, j)
        if self._joined(text, toks, i) and key in lex.name_prefixes and toks[i + 1].is_cap:
            return _Span(i, i + 1)
        return None

    def _context_name(self, text: str, toks: list[Token], i: int) -> _Span | None:
        """A name the gazetteer lacks (in no spelling) that a place noun next to it makes a place: one to
        four capitalised words, "al-" articles between them ("the village of Hajar al-Aswad",
        "Al-Reyhan district"), with ``place_noun_context``; not a title, a given name before another
        word, an acronym ("the ISIS area") or a listed non-place."""
        lex = self.lexicon
        tok = toks[i]
        if (
            tok.key in lex.stopwords
            or tok.key in lex.person_titles
            or tok.key in lex.non_places
            or len(tok.key) < 2
            or _is_acronym(tok.text)
            or self._is_person(text, toks, i)
        ):
            return None
        if (
            i > 0
            and toks[i - 1].is_cap
            and text[toks[i - 1].end : tok.start] == " "
            and toks[i - 1].key not in lex.stopwords
        ):
            return None  # the end of a longer name ("the Tennessee Zemlaq area")
        last, n = i, len(toks)
        while last - i < 3 and self._joined(text, toks, last):
            nxt = toks[last + 1]
            if nxt.is_cap and nxt.key not in lex.stopwords and not _is_acronym(nxt.text):
                last += 1
            elif self._article_then_name(text, toks, last + 1) and last + 2 < n:
                last += 2
            else:
                break
        if tok.key in ARABIC_ARTICLES and last == i:
            return None
        noun = place_noun_context(text, tok.start, toks[last].end, lex)
        if not noun:
            # "rebels stormed X", "the siege of X", "X was shelled": words of conflict (not a given name)
            cued = (last > i or tok.key not in lex.first_names) and event_cue(text, tok.start, toks[last].end)
            return _Span(i, last, "context") if cued else None
        if (
            last == i
            and (tok.key in lex.common_words or tok.key in lex.first_names)
            and noun in lex.place_nouns["after"]
        ):
            return None  # "the Police area", "the Omar camp": a word or a person before the noun
        return _Span(i, last, "context")

    @staticmethod
    def _joined(text: str, toks: list[Token], i: int) -> bool:
        """True when token ``i + 1`` exists and continues a name begun at ``i`` (space or hyphen between)."""
        return i + 1 < len(toks) and text[toks[i].end : toks[i + 1].start] in _JOIN_SEPS

    # -- cues ---------------------------------------------------------------------------------
    def _accept(self, text: str, toks: list[Token], i: int, last: int, code: int) -> bool:
        lex = self.lexicon
        tok = toks[i]
        if last == i:
            if tok.key in ARABIC_ARTICLES and self._joined(text, toks, i) and toks[i + 1].is_cap:
                return False  # "Al-Taji", "Al-Shabab": the article of a longer name, not "AL" (Albania)
            if _is_acronym(tok.text):
                return self._abbreviation_ok(tok)
            if tok.key in lex.stopwords or len(tok.key) < 2:
                return False
            if code == MATCH_CODES["abbreviation"] and not self._abbreviation_ok(tok):
                return False
            if tok.key in lex.common_words and not self._place_context(text, toks, i):
                return False
            if tok.key in lex.common_words and self._adjective(text, toks, i):
                return False  # "outside Western embassies": an adjective, not the province
        elif (
            toks[last].key in lex.stopwords
            and toks[last].key not in lex.name_suffixes
            and not _hyphenated(text, toks, i, last)  # "Port-au-Prince" is one word, not "... Prince"
        ):
            return False
        if self._is_person(text, toks, i):
            return False
        if _ARTICLE_NEXT.match(text, toks[last].end):
            return False  # "Ain al-Asad": the name goes on, and the gazetteer does not know all of it
        if (
            i >= 2
            and toks[i - 2].is_cap
            and self._article_then_name(text, toks, i - 1)
            and self._joined(text, toks, i - 2)
        ):
            return False  # "Tal al-Sultan": the end of a name the gazetteer does not know, not "Sultan"
        if last == i and tok.key in lex.first_names and self._followed_by_name(text, toks, last):
            return False
        return not (last == i and _sentence_initial(text, tok.start) and tok.key in lex.common_words)

    def _place_context(self, text: str, toks: list[Token], i: int) -> bool:
        """True when the words around token ``i`` say "place": "in X", "X, Texas", "X County"."""
        lex = self.lexicon
        if _sentence_initial(text, toks[i].start) or self._title_case(toks, i):
            return False
        if i > 0 and toks[i - 1].text in lex.context_before:
            return True
        nxt = text[toks[i].end : toks[i].end + 3]
        return nxt.startswith(",") and i + 1 < len(toks) and toks[i + 1].is_cap

    def _adjective(self, text: str, toks: list[Token], i: int) -> bool:
        """True when token ``i`` modifies the lower-case noun right after it ("Western embassies")."""
        j = i + 1
        if j >= len(toks) or text[toks[i].end : toks[j].start] != " ":
            return False
        nxt = toks[j]
        return not nxt.is_cap and nxt.text.isalpha() and nxt.key not in self.lexicon.qualifiers

    @staticmethod
    def _title_case(toks: list[Token], i: int) -> bool:
        """True in a Title Case stretch (a headline): most long words around ``i`` are capitalised."""
        window = [t for t in toks[i - 4 if i > 4 else 0 : i + 5] if len(t.text) > 3]
        # (the capitalised ones counted by a list, not by ``sum`` over a generator: the same count)
        return len(window) >= 4 and len([t for t in window if t.is_cap]) >= 0.75 * len(window)

    def _is_person(self, text: str, toks: list[Token], i: int) -> bool:
        """True when the name at ``i`` follows a given name or a title ("John Stufflebeem", "Gen. Lee")."""
        if i == 0:
            return False
        prev = toks[i - 1]
        sep = text[prev.end : toks[i].start]
        if sep not in (" ", ". ", "  ") or not prev.is_cap:
            return False
        lex = self.lexicon
        key = prev.key.rstrip(".")
        return key in lex.first_names or key in lex.person_titles

    def _followed_by_name(self, text: str, toks: list[Token], last: int) -> bool:
        """True when a capitalised word that is not a feature word follows (a surname: "Jackson Pollock")."""
        j = last + 1
        if j >= len(toks) or not toks[j].is_cap or text[toks[last].end : toks[j].start] != " ":
            return False
        return toks[j].key not in self.lexicon.name_suffixes and self.index.code(toks[j].key) < 0

    def _abbreviation_ok(self, tok: Token) -> bool:
        """Acronyms and abbreviations count only when written as such ("U.S.", "UK", "Ga.") and their
        best gazetteer entry is a country or province ("IT" or "AM" are not)."""
        if not (tok.text.isupper() or "." in tok.text):
            return False
        ok = self._abbrev_cache.get(tok.text)
        if ok is None:
            cands = self.gazetteer.lookup(tok.text, limit=3)
            ok = bool(cands) and cands[0].place.admin_level <= 1 and cands[0].match != "primary"
            self._abbrev_cache[tok.text] = ok
        return ok

    def _is_demonym(self, tok: Token) -> bool:
        if not self.demonyms or not tok.key:
            return False
        hit = self._demonym_cache.get(tok.key)
        if hit is None:
            hit = self._demonym_cache[tok.key] = self.gazetteer.demonym(tok.text) is not None
        return hit

    def _demonym(self, toks: list[Token], i: int) -> _Span | None:
        return _Span(i, i, "demonym") if self._is_demonym(toks[i]) else None

    def _mention(self, text: str, toks: list[Token], span: _Span) -> Mention:
        start, end = toks[span.first].start, toks[span.last].end
        if span.end > 0:
            end = span.end
        # a name the gazetteer knows only as a demonym ("South African", "Sri Lankan") is one too
        demonym = span.kind == "demonym" or (
            span.kind == "name" and self.index.code(fold(text[start:end])) == MATCH_CODES["demonym"]
        )
        kind: Literal["name", "demonym"] = "demonym" if demonym else "name"
        qualifier = "" if kind == "demonym" else qualifier_at(text, start, end, self.lexicon)
        return Mention(text=text[start:end], start=start, end=end, kind=kind, qualifier=qualifier)
