"""The event-to-place link model: which name of a sentence is where the sentence's event happened.

Runtime half of the learned linker (the pipeline's ``EventLinker`` and ``geo eval links`` use it):
candidate names of a sentence (recognised places plus other capitalised names), their features
relative to the event's verb, a logistic model scoring each candidate, a second stage rescoring each
from all the candidates' scores (``Reranker``) and a record gate (``RecordGate``), loaded from
``geo/data/event_link_model.json``.  Training lives in ``geo.evaluation.links``
(``python -m geo.evaluation.links GOLD.jsonl --out geo/data/event_link_model.json``).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import math
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

# at module level, not in the functions: a function's `from ... import` of a module (no package) costs
# a few microseconds a call (the import system looks for the module's __path__ and formats the error)
from geo.events import find_hits
from geo.linking import attachment, is_speech_place, names_the_next, overlaps_any, subject_of
from geo.memo import document_memo
from geo.names import fold
from geo.records import built_by_slots
from geo.toponyms import Lexicon

Span = tuple[int, int]
_TOK = re.compile(r"[\w'’]+|[^\w\s]")
#: a name's words may hold or open with the ‘ of transliterated Arabic ("Tal Al-‘Eiss", "Mas ‘Idyah")
_CAPITALISED = re.compile(
    r"(?<![\w'’‘-])(?:‘?[A-Z][\w'’‘-]*|al-‘?[A-Z][\w'’‘-]*)(?:\s+(?:al-|el-|de\s+|of\s+)?‘?[A-Z][\w'’‘-]*)*"
)
#: the default of a weight lookup: a feature without a weight adds an exact 0.0 to a ``math.fsum``
_ZEROS = itertools.repeat(0.0)
_SAID = re.compile(r"\b(?:said|says|told|according)\b")
_PUNCT = re.compile(r"[;:\"“”]")
LINK_MODEL_FILE = "event_link_model.json"
#: the model over the same features plus ``geo.link_syntax``'s, beneath the fine-tuned scorer
#: (``geo.link_tuned``): those features cost ~1 ms/article for +0.003 F1, worth it only on that path
LINK_MODEL_SYNTAX_FILE = "event_link_model_syntax.json"


def _plain_bucket(n: int) -> str:
    for b in (0, 1, 2, 3, 5, 8, 12, 20):
        if n <= b:
            return str(b)
    return "far"


#: ``_plain_bucket(n)`` for n in 0..20 (counts are never negative), looked up (asked ~10 times per candidate)
_BUCKETS = tuple(_plain_bucket(n) for n in range(21))


def _bucket(n: int) -> str:
    return _BUCKETS[n] if 0 <= n <= 20 else _plain_bucket(n)


@dataclass(frozen=True, slots=True)
class LinkCandidate:
    """A name in the sentence that could be the event's place: its span and gazetteer level."""

    span: Span
    #: "cty", "adm1", "adm2", "town" (resolved), "none" (recognised, unresolved), "dem" (a demonym),
    #: "unk" (capitalised only)
    level: str
    #: the recognised mention's span when ``span`` widens it to the whole name ("Houla" in "Al-Houla")
    mention: Span | None = None

    @property
    def key(self) -> Span:
        """The span of the recognised mention behind the candidate (``span`` for the others)."""
        return self.mention or self.span


built_by_slots(LinkCandidate)  # its constructor by slot setters when not compiled (geo.records)


def candidate_features(
    text: str,
    verb: Span,
    cands: list[LinkCandidate],
    triggers: list[Span],
    only: Collection[int] | None = None,
) -> list[set[str]]:
    """Features of each candidate relative to the verb: words around it, direction and distance,
    what lies between (commas, 'said', other names, other event triggers), attachment and speech cues.
    With ``only``, just those candidates' features (the others' sets are left empty): the same sets
    as computing them all, as each candidate's features depend on the others only through ``cands``."""
    vs, ve = verb
    spans = [c.span for c in cands]

    def nearness(sp: Span) -> int:
        before, after = abs(sp[0] - ve), abs(vs - sp[1])
        return after if after < before else before  # min(before, after), without the builtin's call

    order = sorted(spans, key=nearness)
    verb_f = f"verb={text[vs:ve].lower()}"
    stem = _stem(text[vs:ve])
    stem_f = f"stem={stem}"
    ncand_f = f"ncand={_bucket(len(cands))}"
    out: list[set[str]] = []
    frozen = tuple(cands)
    slots = _context_slots(text, frozen)
    for i, cand in enumerate(cands):
        if only is not None and i not in only:
            out.append(set())
            continue
        ctx = slots[i]
        if ctx is None:
            ctx = slots[i] = _context(text, frozen, i)
        s, e = cand.span
        lvl = cand.level
        side = "before" if e <= vs else "after"
        n_tok, gap_words, commas, said, punct = _gap(text, e, vs) if side == "before" else _gap(text, ve, s)
        dist = _bucket(n_tok)

        lo, hi = (e, vs) if side == "before" else (ve, s)  # what lies between the name and the verb
        # not the name itself (counted by a list, not a generator: asked for every candidate of every event)
        names_between = _bucket(len([1 for a, b in spans if lo <= a and b <= hi]))
        trig_between = len([1 for a, b in triggers if not (a < ve and vs < b) and lo <= a and b <= hi])
        f = {
            ctx.lvl,
            ctx.p1,
            ctx.p2,
            ctx.n1,
            ctx.p1n1,
            f"dir={side}",
            f"dist={dist}",
            f"dirdist={side}{dist}",
            f"dirp1={side}_{ctx.prev}",
            f"commas={_bucket(commas)}",
            f"cands_between={names_between}",
            f"trig_between={_bucket(trig_between)}",
            ctx.att,
            f"rank={_bucket(order.index(cand.span))}",
            ncand_f,
            verb_f,
            ctx.words,
            ctx.lvl_p1,
            f"lvl_dir_dist={lvl}{side}{dist}",
            f"siderank={side}{names_between}",
            f"siderank_att={side}{names_between}_{ctx.att}",
            f"verb_dir={stem}_{side}",
            f"verb_p1={stem}_{ctx.prev}",
            stem_f,
            # conjunctions of the strongest cues: the attaching word with the level, the verb and the distance
            f"att_lvl={ctx.att}_{lvl}",
            f"verb_att={stem}_{ctx.att}",
            f"dirdist_att={side}{dist}_{ctx.att}",
        }
        if len(gap_words) <= 3:
            f.add(f"gap={side}_{'_'.join(gap_words)}")
        else:
            f.add(f"gapfirst={side}_{gap_words[0]}")
            f.add(f"gaplast={side}_{gap_words[-1]}")
        f |= ctx.name
        f |= ctx.relations
        f |= ctx.role
        for first, second in ctx.neighbours:  # "Sousan in northern Aleppo": context names
            f |= {first, second}
        if side == "before" and (gap_words[:2] == (",", "where") or gap_words[:1] == ("where",)):
            f.add("where_clause")  # "in Nakuru, where crowds marched": the clause tells of the name's place
        if said:
            f.add("said_between")
        if punct:
            f.add("punct_between")
        if ctx.speech:
            f.add("speech")
        if ctx.subject:
            f.add(f"subject_{side}")
        if s == 0:
            f.add("initial")
        out.append(f)
    return out


@dataclass(frozen=True, slots=True)
class _Context:
    """The features of a candidate that do not depend on the verb (computed once per sentence)."""

    lvl: str
    p1: str
    p2: str
    n1: str
    p1n1: str
    att: str
    words: str
    lvl_p1: str
    prev: str  # the word before the name, lower-cased ("^" at the start)
    neighbours: tuple[tuple[str, str], ...]
    speech: bool
    subject: bool  # "Herat saw heavy fighting": the subject of what happened there
    name: frozenset[str]  # the words of the name itself: "hw=province", "fw=the", "caps"
    #: part-whole pairs with other names ("X in southern Y", "X, Y", "Y's X"): the word joining them
    #: and both levels, on the part and on the whole
    relations: frozenset[str] = frozenset()
    #: a role noun right after the name ("the Kabul police", "Syria's defence minister"): whose, not where
    role: frozenset[str] = frozenset()


built_by_slots(_Context)  # its constructor by slot setters when not compiled (geo.records)


def _contexts(text: str, cands: tuple[LinkCandidate, ...]) -> tuple[_Context, ...]:
    """Verb-independent features of each candidate (see :func:`_context`)."""
    return tuple(_context(text, cands, i) for i in range(len(cands)))


@document_memo
@functools.lru_cache(maxsize=4096)
def _context_slots(text: str, cands: tuple[LinkCandidate, ...]) -> list[_Context | None]:
    """The memo of a sentence's candidates' contexts, filled as they are asked for: every event of
    a sentence shares them, and the linker may need only a few."""
    return [None] * len(cands)


def _context(text: str, cands: tuple[LinkCandidate, ...], index: int) -> _Context:
    """The features of candidate ``index`` that do not depend on the verb."""
    few_tokens = _token_counter(text)
    cand = cands[index]
    s, e = cand.span
    lvl = cand.level
    p1, p2, n1 = _edge_tokens(text, s, e)
    att = attachment(text, s, 0)
    neighbours: list[tuple[str, str]] = []
    relations: set[str] = set()
    joined = _ORG_JOINT.search(text, s - 40 if s > 40 else 0, s)
    if joined:  # "the Revolutionary Armed Forces of X", "the Network for X": a name that holds the place
        relations.add(f"capjoin={joined.group(1)}_{lvl}")
    # one pass over the other names: the context names first, then the part-whole relations (the same
    # sets as a loop for each; ``_joint`` finds no joint across more than 60 characters, so a name
    # further off is not asked about)
    for other in cands:  # "Sousan in northern Aleppo", "X District of Y Province": context names
        o_start, o_end = other.span
        if o_end <= s:  # the other name first: this one is the part ("Y's X") or the whole
            if few_tokens(o_end, s):
                words = "_".join(_TOK.findall(text[o_end:s].lower()))
                neighbours.append((f"after_cand={words}", f"after_cand_lvl={words}_{other.level}_{lvl}"))
            if s - o_end > 60:
                continue
            joint, noun = _joint(text, o_end, s)
            role = "part" if joint == "'s" else "whole"
        elif o_start >= e:
            if few_tokens(e, o_start):
                words = "_".join(_TOK.findall(text[e:o_start].lower()))
                neighbours.append((f"before_cand={words}", f"before_cand_lvl={words}_{lvl}_{other.level}"))
            if o_start - e > 60:
                continue
            joint, noun = _joint(text, e, o_start)
            role = "whole" if joint == "'s" else "part"
        else:
            continue
        if joint:
            relations |= {f"{role}={joint}", f"{role}={joint}_{lvl}_{other.level}"}
            if joint not in (",", "'s"):
                relations.add(f"{role}={noun}_{joint}")  # "part=area_of", "whole=port_of", "part=_in"
    return _Context(
        lvl=f"lvl={lvl}",
        p1=f"p1={p1}",
        p2=f"p2={p2}_{p1}",
        n1=f"n1={n1}",
        p1n1=f"p1n1={p1}_{n1}",
        att=f"att={att.split()[0].lower() if att else 'none'}",
        words=f"words={_bucket(len(text[s:e].split()))}",
        lvl_p1=f"lvl_p1={lvl}_{p1}",
        prev=p1,
        neighbours=tuple(neighbours),
        speech=is_speech_place(text, s, e, 0),
        subject=bool(subject_of(text, e, len(text))),
        name=_name_features(text[s:e], lvl),
        relations=frozenset(relations),
        role=_role_after(text, s, e, lvl),
    )


@functools.cache
def _role_nouns() -> frozenset[str]:
    """Nouns of an actor's role or office ("police", "minister", "embassy"), folded:
    ``link_role_nouns.txt``."""
    lines = resources.files("geo.data").joinpath("link_role_nouns.txt").read_text("utf-8").splitlines()
    return frozenset(fold(ln.strip()) for ln in lines if ln.strip() and not ln.startswith("#"))


_POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’"})


def _role_after(text: str, s: int, e: int, level: str) -> frozenset[str]:
    """``role_after=<n|poss><distance>_<level>`` (and without the level) when one of the three words after
    the name ``text[s:e]`` is a role noun (``_role_nouns``): "the Kabul police" (n0), "Syria's defence
    minister" (poss1) name whose the actor is, mostly not where the event happened (of 2,632 dev names
    right before such a noun, 19 are an event's place; 5-fold CV F1 0.7936 -> 0.7940). Punctuation ends
    the search; nothing when no such noun."""
    # the first four tokens are all it reads (a possessive, then three words): not all 80 characters'
    tokens = [m.group() for m in itertools.islice(_TOK.finditer(text, e, e + 80), 4)]
    poss = text.endswith(("'s", "’s"), s, e)
    if tokens and tokens[0] in _POSSESSIVE_TOKENS:
        poss, tokens = True, tokens[1:]
    nouns = _role_nouns()
    for i, word in enumerate(tokens[:3]):
        if not word[0].isalnum():
            break
        if fold(word) in nouns:
            kind = f"{'poss' if poss else 'n'}{i}"
            return frozenset({f"role_after={kind}_{level}", f"role_after={kind}"})
    return frozenset()


#: a capitalised word and "of" or "for" right before a name: the name closes a longer one, mostly an
#: organisation's or an office's ("the Revolutionary Armed Forces of X", "the Union for X"), rarely the
#: event's place (5-fold CV: F1 0.7892 -> 0.7927, every fold gaining)
_ORG_JOINT = re.compile(r"[A-Z][\w'’-]*\s+(of|for)\s+(?:the\s+)?$")
#: what joins a part to the place holding it: lower-case words ("the Nahdha area in central Baghdad",
#: "Khrew in southern Pulwama district"), then "in", "of", "near", "outside" or a comma, then lower-case words
_PART_JOINT = re.compile(
    r"(?:\s+(?-i:[a-z])[\w-]*){0,2}(?:\s+(in|of|near|outside)|\s*(,))\s+(?:(?-i:[a-z])[\w-]*\s+){0,3}"
)
_WHOLE_JOINT = re.compile(r"['’]s\s+(?:(?-i:[a-z])[\w-]*\s+){0,2}")
_LOWER_WORD = re.compile(r"(?-i:[a-z])[\w-]*")


@document_memo
@functools.lru_cache(maxsize=16384)
def _joint(text: str, a: int, b: int) -> tuple[str, str]:
    """How the name ending at ``a`` and the one starting at ``b`` join as a part and its whole: the
    joining word ("in", "of", "near", "outside", ","), "'s" (the first name holds the second), or "";
    and the word before "in", "of" ...: "the Nahdha area of Baghdad" (a part of the city) reads
    otherwise than "the Zawiya district in Baghdad". Nothing where the words name the next name ("the
    Red Sea port of Mokha": the port named, not a part of the sea). Memoised: each pair of a sentence's
    names is asked about from both its names."""
    if b - a > 60:
        return "", ""
    if m := _PART_JOINT.fullmatch(text, a, b):
        if m.group(2):
            return ",", ""
        if names_the_next(text, a):
            return "", ""  # "the Red Sea port of Mokha": the port named, not a part of the sea
        words = _LOWER_WORD.findall(text, a, m.start(1))
        return m.group(1), words[-1] if words else ""
    return ("'s", "") if _WHOLE_JOINT.fullmatch(text, a, b) else ("", "")


_SUFFIX = re.compile(r"(?:ing|ed|es|s|e)$")
_POSSESSIVE_END = re.compile(r"['’]s?$")


def _stem(word: str) -> str:
    """A crude stem of the verb ("attacked", "attacking", "attacks" -> "attack"): verbs of other
    data come in other forms."""
    word = word.lower()
    stem = _SUFFIX.sub("", word) if len(word) > 4 else word
    return stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else stem


@functools.lru_cache(maxsize=16384)
def _name_features(name: str, level: str) -> frozenset[str]:
    """Features of the name's own words: its last and first word, all capitals (an acronym),
    possessive; the level is joined in, so that a gazetteer place and an unknown name differ
    (memoised: news repeats its names)."""
    words = _TOK.findall(name.lower())
    if not words:
        return frozenset()
    lex = Lexicon.load()
    out = set()
    if len(words) > 1:  # not a one-word name itself: that would learn the places of the training data
        out |= {f"hw={words[-1]}", f"fw={words[0]}", f"hw_lvl={words[-1]}_{level}"}
    first = fold(_POSSESSIVE_END.sub("", words[0]))  # "Sunday's" is the word "Sunday"
    if len(words) == 1 and (first in lex.stopwords or first in lex.common_words or first in lex.non_places):
        out.add(f"w={first}")  # an ordinary word ("Monday", "Police") or a known non-place ("Taliban")
        # and its kind, which carries over to words the training data lacks
        kind = "stop" if first in lex.stopwords else "common" if first in lex.common_words else "nonplace"
        out.add(f"wkind={kind}_{level}")
    if first in lex.first_names:
        out.add(f"first_name_{level}")
    if any(fold(w) in lex.first_names for w in words[1:]):
        out.add(f"inner_first_name_{level}")  # "Ruben Omar Romano": a person's full name
    last = fold(_POSSESSIVE_END.sub("", words[-1]))
    if level in ("unk", "none") and len(last) > 4:
        # the ending of a name no gazetteer knows ("-iyah", "-abad", "-son"): its language and kind,
        # which carry over to names the training data lacks
        out.add(f"suf={last[-3:]}_{level}")
    if first in lex.person_titles:
        out.add("title")  # "President Thieu", "Colonel X": a person
    if name.isupper() and len(name) > 1:
        out.add(f"caps_{level}")
    if words[-1] in {"'s", "’s", "s"}:
        out.add("possessive")
    return frozenset(out)


def _edge_tokens(text: str, s: int, e: int) -> tuple[str, str, str]:
    """The last and second-last tokens of ``text[s - 60 : s]`` and the first of ``text[e : e + 40]``,
    lower-cased ("^" and "$" where there are none): what ``_TOK.findall`` of those slices gives, found
    among the text's tokens (``_token_spans``), since a slice's tokens are the text's cut to it."""
    starts, ends = _token_spans(text)
    # (the max and min of two numbers written out: a call of the builtins costs several times more)
    lo, hi = (s - 60 if s - 60 > 0 else 0), e + 40
    k = bisect.bisect_left(starts, s) - 1  # the last token starting before s
    p1 = p2 = n1 = "^"
    if k >= 0 and ends[k] > lo:
        a, b = starts[k], ends[k]
        p1 = text[a if a > lo else lo : b if b < s else s].lower()
    if k >= 1 and ends[k - 1] > lo:
        a = starts[k - 1]
        p2 = text[a if a > lo else lo : ends[k - 1]].lower()
    k = bisect.bisect_right(ends, e)  # the first token ending after e
    if k < len(starts) and starts[k] < hi:
        a, b = starts[k], ends[k]
        n1 = text[a if a > e else e : b if b < hi else hi].lower()
    else:
        n1 = "$"
    return p1, p2, n1


@document_memo
@functools.lru_cache(maxsize=256)
def _token_spans(text: str) -> tuple[list[int], list[int]]:
    """Where each ``_TOK`` token of ``text`` starts, and where each ends (both ascending)."""
    tokens = [m.span() for m in _TOK.finditer(text)]
    return [t[0] for t in tokens], [t[1] for t in tokens]


@document_memo
@functools.lru_cache(maxsize=256)
def _token_counter(text: str) -> Callable[[int, int], bool]:
    """``few_tokens(a, b)``: whether ``_TOK.findall(text[a:b])`` has at most 3 tokens, from one
    tokenisation of ``text``: a token of a slice is a token of the text cut to it, so the count is
    the number of the text's tokens that overlap [a, b)."""
    starts, ends = _token_spans(text)

    def few_tokens(a: int, b: int) -> bool:
        if a >= b:
            return True
        return bisect.bisect_left(starts, b) - bisect.bisect_right(ends, a) <= 3

    return few_tokens


@document_memo
@functools.lru_cache(maxsize=16384)
def _gap(text: str, a: int, b: int) -> tuple[int, tuple[str, ...], int, bool, bool]:
    """What lies in text[a:b] between a name and the verb: its token count, lower-cased tokens,
    commas, and whether it holds a verb of speech or strong punctuation."""
    gap = text[a:b]
    words = tuple(_TOK.findall(gap.lower()))
    if gap.isascii():
        count = len(words)
    else:  # lower-casing may change the tokens ("İ" -> "i" + a dot): those of the text as written
        starts, ends = _token_spans(text)
        count = bisect.bisect_left(starts, b) - bisect.bisect_right(ends, a) if a < b else 0
    return (
        count,
        words,
        gap.count(","),
        _says(gap),
        bool(_PUNCT.search(gap)),
    )


def _says(gap: str) -> bool:
    """Whether ``_SAID`` finds a verb of speech in ``gap``: its words looked for first (the pattern is
    case-sensitive), as few gaps hold one."""
    if "said" in gap or "says" in gap or "told" in gap or "according" in gap:
        return _SAID.search(gap) is not None
    return False


_AND_OR = re.compile(r"\b(?:and|or|as well as)\b")


@functools.cache
def _list_cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What may stand between two names of a list, and what may follow the last of a comma-only list
    (``link_list_gap``, ``link_list_tail`` in ``geo/data/event_linking.json``)."""
    raw = json.loads(resources.files("geo.data").joinpath("event_linking.json").read_text("utf-8"))
    return re.compile(raw["link_list_gap"], re.I), re.compile(raw["link_list_tail"], re.I)


def coordinated_lists(text: str, spans: list[Span]) -> tuple[int, ...]:
    """For each candidate (spans in text order), the number of the list of names it belongs to: names
    joined by commas and a closing 'and'/'or' ("Kobane, Manbij and al-Mayadeen", "Harasta (twice) and
    the nearby town of Douma") share one, as do names joined by commas alone that 'and other ...'
    follows ("Washington, New York and other cities"); any other name is a list of its own. Commas
    alone do not make a list ("Gereshk, Helmand": a place and its province)."""
    gap_cue, tail_cue = _list_cues()
    groups = list(range(len(spans)))
    i = 0
    while i < len(spans):
        j = i
        joined_by_and = False
        while j + 1 < len(spans):
            gap = text[spans[j][1] : spans[j + 1][0]]
            if not gap_cue.fullmatch(gap):
                break
            joined_by_and = joined_by_and or bool(_AND_OR.search(gap))
            j += 1
        if j > i and (joined_by_and or tail_cue.match(text, spans[j][1])):
            for k in range(i, j + 1):
                groups[k] = i
        i = j + 1
    return tuple(groups)


_WORD = re.compile(r"[\w'’]+")


@functools.cache
def _hedges() -> frozenset[str]:
    """Words before the verb that make an event hypothetical, denied or planned ("could attack", "did not"):
    ``record_gate_hedges`` in ``geo/data/event_linking.json``."""
    raw = json.loads(resources.files("geo.data").joinpath("event_linking.json").read_text("utf-8"))
    return frozenset(raw["record_gate_hedges"])


#: the best candidate's features the record gate reads (its attachment, distance, level, rule pick, verb)
_GATE_PREFIXES = ("att=", "dirdist=", "lvl=", "p1=", "rule=", "gap=", "cands_between=", "stem=", "verb=")


def _logit(p: float) -> float:
    p = 1e-4 if p < 1e-4 else p  # min(max(p, 1e-4), 1.0 - 1e-4), without the builtins' calls
    p = 1.0 - 1e-4 if p > 1.0 - 1e-4 else p
    return math.log(p / (1.0 - p))


def verb_window(text: str, verb: Span, window: int) -> str:
    """The verb and up to ``window`` tokens either side of it, joined by spaces: what the event is about
    ("were killed in the clashes", "will attack"), read by the record gate as a static vector."""
    vs, ve = verb
    before = _TOK.findall(text[max(0, vs - 80) : vs])[-window:]
    after = _TOK.findall(text[ve : ve + 80])[:window]
    return " ".join([*before, *after])


def gate_inputs(
    text: str, verb: Span, feats: list[set[str]], probs: list[float], window: int = 0
) -> tuple[set[str], list[float]]:
    """The record gate's inputs for one verb: sparse record features (hedge words before the verb, the
    words next to it, sentence length, number of names, the best name's context) and dense ones (the
    log-odds of the two best candidates, log of the number of candidates; with ``window``, the static
    word-piece vector of the ``window`` tokens either side of the verb, ``geo.static_vectors``: the
    sense of the event and of its neighbourhood, which no single word feature carries)."""
    dense_words: list[float] = []
    if window > 0:
        dense_words = _vectors()(verb_window(text, verb, window))
    sparse, dense = _gate_inputs(text, verb, feats, probs)
    return sparse, dense + dense_words


def _gate_inputs(
    text: str, verb: Span, feats: list[set[str]], probs: list[float]
) -> tuple[set[str], list[float]]:
    """``gate_inputs`` without the static vector."""
    vs, ve = verb
    before = [w.lower() for w in _WORD.findall(text[vs - 40 if vs > 40 else 0 : vs])][-3:]
    after = [w.lower() for w in _WORD.findall(text[ve : ve + 30])][:2]
    hedges = _hedges()
    out = {f"vb={w}" for w in before if w in hedges}
    out.add(f"va1={after[0]}" if after else "va1=$")
    out.add(f"vb1={before[-1]}" if before else "vb1=^")
    out.add(f"len={_bucket(len(text.split()) // 5)}")
    out.add(f"ncand={_bucket(len(feats))}")
    if not probs:
        out.add("nocand")
        return out, [-9.2, -9.2, 0.0]
    order = sorted(range(len(probs)), key=lambda i: -probs[i])
    best, top = order[0], probs[order[0]]
    out |= {f"maxp={min(19, int(top * 20))}", f"maxp5={min(4, int(top * 5))}"}
    if len(order) > 1:
        out.add(f"p2={min(9, int(probs[order[1]] * 10))}")
    out |= {"b_" + f for f in feats[best] if f.startswith(_GATE_PREFIXES)}
    stem = next((f for f in feats[best] if f.startswith("stem=")), "stem=?")
    out.add(f"{stem}_maxp{min(4, int(top * 5))}")
    second = _logit(probs[order[1]]) if len(order) > 1 else -9.2
    return out, [_logit(top), second, math.log1p(len(probs))]


#: The gate's weights of the static vector as a numpy array, by the identity of the gate's ``dense``
#: weights (hashing that tuple of floats for a cache would cost more than the rest of the term).
_WEIGHT_VECTORS: dict[tuple[int, int], tuple[tuple[float, ...], Any]] = {}


def _weight_vector(dense: tuple[float, ...], start: int) -> Any:
    """``dense[start:]`` as a numpy array (made once per gate)."""
    key = (id(dense), start)
    hit = _WEIGHT_VECTORS.get(key)
    if hit is None or hit[0] is not dense:
        import numpy as np

        if len(_WEIGHT_VECTORS) > 16:
            _WEIGHT_VECTORS.clear()
        hit = _WEIGHT_VECTORS[key] = (dense, np.array(dense[start:]))
    return hit[1]


@functools.cache
def _vectors() -> Any:
    """``geo.static_vectors.packaged_vectors()``, imported on first use (it loads numpy) and found once:
    a function's own ``from ... import`` costs microseconds a call."""
    from geo.static_vectors import packaged_vectors

    return packaged_vectors()


def _window_term(words: str, weights: Any) -> float:
    """The gate's sum over the static vector of ``words`` (:func:`gate_inputs`' last inputs; ``weights``:
    the gate's weights of it, a numpy array): its pieces' vectors summed and the dot product divided by
    the sum's length, which is the dot product with the unit vector ``StaticVectors.vector`` gives,
    without making that vector a list (the gate is asked for every verb whose sentence has a usable
    place). The rows summed in order in float64 and the length as ``np.linalg.norm`` takes it (the
    square root of the dot product), as ``StaticVectors.vector`` does: the same floats as
    ``vectors[ids].sum(axis=0, dtype=np.float64)`` and its ``np.linalg.norm``, with fewer numpy calls."""
    import numpy as np

    vectors = _vectors()
    ids = vectors.pieces(words)
    if not ids:
        return 0.0
    total = np.add.reduce(vectors.vectors.take(ids, axis=0), axis=0, dtype=np.float64)
    norm = math.sqrt(total.dot(total))
    return float(total @ weights) / norm if norm > 0 else 0.0


@dataclass(frozen=True, slots=True)
class RecordGate:
    """Whether a verb has a place in its sentence at all: a logistic model over record-level signals
    (:func:`gate_inputs`) trained on held-out candidate scores; the link model keeps nothing for a verb
    whose gate probability is below ``bar`` (many verbs, "fighters killed", have no place)."""

    weights: dict[str, float]
    dense: tuple[float, ...]
    bias: float
    bar: float
    #: the tokens either side of the verb whose static vector joins the dense inputs (0: none)
    window: int = 0

    def probability(self, text: str, verb: Span, feats: list[set[str]], probs: list[float]) -> float:
        """The probability that the verb's best candidate is its place."""
        sparse, dense = _gate_inputs(text, verb, feats, probs)
        weights = self.weights
        z = self.bias + math.fsum(map(weights.get, sparse, _ZEROS))  # a missing feature adds 0.0
        z += math.fsum([w * x for w, x in zip(self.dense, dense, strict=False)])
        if self.window > 0:
            z += _window_term(verb_window(text, verb, self.window), _weight_vector(self.dense, len(dense)))
        z = z if z < 30.0 else 30.0  # max(-30.0, min(30.0, z)), without the builtins' calls
        return 1.0 / (1.0 + math.exp(-(z if z > -30.0 else -30.0)))

    def to_json(self) -> dict[str, Any]:
        raw: dict[str, Any] = {"bias": round(self.bias, 4), "bar": self.bar}
        if self.window:
            raw["window"] = self.window
        raw["dense"] = [round(w, 4) for w in self.dense]
        raw["weights"] = dict(sorted(self.weights.items()))
        return raw

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> RecordGate:
        return cls(
            {str(k): float(v) for k, v in raw["weights"].items()},
            tuple(float(w) for w in raw["dense"]),
            float(raw["bias"]),
            float(raw["bar"]),
            int(raw.get("window", 0)),
        )


@document_memo
@functools.lru_cache(maxsize=1024)
def part_whole_pairs(text: str, spans: tuple[Span, ...]) -> tuple[tuple[int, int, str], ...]:
    """Pairs of names (spans in text order) that words join as a part and the place holding it: the
    indices of the part and the whole and the joining word (``_joint``: "X in Y", "X, Y", "Y's X")."""
    pairs = []
    for a, (_, a_end) in enumerate(spans):
        for b in range(a + 1, len(spans)):
            if spans[b][0] - a_end > 60:
                break  # in text order: every later name is further still
            if spans[b][0] < a_end:
                continue
            joint, _ = _joint(text, a_end, spans[b][0])
            if joint:
                pairs.append((b, a, joint) if joint == "'s" else (a, b, joint))
    return tuple(pairs)


def rerank_features(
    probs: list[float], lists: tuple[int, ...], levels: list[str], pairs: tuple[tuple[int, int, str], ...]
) -> list[set[str]]:
    """The second stage's features of each candidate, from the first stage's probabilities of all the
    verb's candidates: its rank and margin over the best other name, how many others score high, whether
    it is listed with the best ("Homs, Hama and Idlib"), and for a part or a whole of another name
    ("Kufa town near Najaf"; ``pairs`` from ``part_whole_pairs``, less those within one list) whether
    that name scores higher, or best."""
    n = len(probs)
    order = sorted(range(n), key=lambda j: -probs[j])
    rank = [0] * n
    for r, j in enumerate(order):
        rank[j] = r
    high = sum(q >= 0.5 for q in probs)
    # the log-odds over the best other name's (the second best's for the best one)
    top = _logit(probs[order[0]]) if n else 0.0
    second = _logit(probs[order[1]]) if n > 1 else 0.0
    out: list[set[str]] = []
    for j, p in enumerate(probs):
        margin = 9.0 if n < 2 else _logit(p) - (second if j == order[0] else top)
        pb = min(4, int(p * 5))
        f = {
            f"rank={min(rank[j], 3)}",
            f"margin={max(-3, min(3, int(margin // 1.5)))}",
            f"rank_pb={min(rank[j], 2)}_{pb}",
            f"nhigh={min(3, high - (p >= 0.5))}_{pb}",
        }
        if rank[j] > 0 and lists[j] == lists[order[0]]:
            f.add(f"list_best_{pb}")
        out.append(f)
    for part, whole, joint in pairs:
        if lists[part] == lists[whole]:
            continue  # "Mombasa, Kisumu and Nakuru": a list, not a place and the place holding it
        for me, other, role in ((part, whole, "part"), (whole, part, "whole")):
            cmp = "best" if rank[other] == 0 else ("higher" if probs[other] > probs[me] else "lower")
            out[me] |= {
                f"{role}{joint}_{cmp}",
                f"{role}{joint}_{cmp}_{min(4, int(probs[other] * 5))}",
                f"{role}_{levels[me]}_{levels[other]}_{cmp}",
            }
    return out


#: the second stage's feature families of which a candidate has exactly one (and at most one list one)
_RERANK_SINGLE = ("rank=", "margin=", "rank_pb=", "nhigh=", "list_best_")


@dataclass(frozen=True, slots=True)
class Reranker:
    """The link model's second stage: a candidate's probability rescored from its first-stage log-odds
    (times ``scale``) and ``rerank_features``, which see the other candidates' scores (a name that is
    the whole of a higher-scoring part is rarely the place; a lone name that scores low is more often
    it). Trained on held-out first-stage scores (``geo.evaluation.links``)."""

    weights: dict[str, float]
    scale: float
    bias: float
    #: the most the features can add to a name of each first-stage bucket (``int(p * 5)``), and for
    #: each pair it is in (``Reranker.of`` works them out from the weights)
    bucket_bounds: tuple[float, ...]
    pair_bound: float

    @classmethod
    def of(cls, weights: dict[str, float], scale: float, bias: float) -> Reranker:
        """The second stage of these weights, with the bounds of what its features can add."""

        def most(names: Iterable[str]) -> float:
            return max([0.0, *(weights[f] for f in names)])

        free = most(f for f in weights if f.startswith("rank=")) + most(
            f for f in weights if f.startswith("margin=")
        )
        buckets = []
        for b in range(5):
            end = f"_{b}"
            buckets.append(
                free
                + most(f for f in weights if f.startswith("rank_pb=") and f.endswith(end))
                + most(f for f in weights if f.startswith("nhigh=") and f.endswith(end))
                + most(f for f in weights if f == f"list_best{end}")
            )
        paired = [f for f in weights if f.startswith(("part", "whole"))]
        levels = {f for f in paired if f.startswith(("part_", "whole_"))}  # "part_town_adm1_best"
        bucketed = {f for f in paired if f not in levels and f[-1].isdigit()}  # "partin_best_4"
        pair = (
            most(levels) + most(bucketed) + most(f for f in paired if f not in levels and f not in bucketed)
        )
        return cls(weights, scale, bias, tuple(buckets), pair)

    def probabilities(self, text: str, cands: list[LinkCandidate], probs: list[float]) -> list[float]:
        """The rescored probabilities of ``cands`` (first-stage ``probs``)."""
        spans = tuple(c.span for c in cands)
        feats = rerank_features(
            probs,
            coordinated_lists(text, list(spans)),
            [c.level for c in cands],
            part_whole_pairs(text, spans),
        )
        weights = self.weights
        out = []
        for p, f in zip(probs, feats, strict=True):
            z = self.scale * _logit(p) + self.bias + math.fsum(map(weights.get, f, _ZEROS))
            out.append(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))))
        return out

    def can_reach(self, p: float, bar: float, n_pairs: int) -> bool:
        """Whether a candidate of first-stage probability ``p`` in ``n_pairs`` part-whole pairs could
        reach ``bar`` after rescoring, whatever the other candidates score (the pipeline skips the other
        names' features when no usable place could)."""
        bound = self.bucket_bounds[min(4, int(p * 5))] + self.pair_bound * n_pairs
        z = self.scale * _logit(p) + self.bias + bound
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) >= bar

    def to_json(self) -> dict[str, Any]:
        return {
            "scale": round(self.scale, 4),
            "bias": round(self.bias, 4),
            "weights": dict(sorted(self.weights.items())),
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Reranker:
        return cls.of(
            {str(k): float(v) for k, v in raw["weights"].items()}, float(raw["scale"]), float(raw["bias"])
        )


@dataclass(frozen=True, slots=True)
class LinkModel:
    """Binary logistic regression over candidate features (scaled by 1/sqrt(#features)) and a threshold."""

    weights: dict[str, float]
    bias: float
    threshold: float
    extra: float = 0.5
    #: the bar for a name in one list with a kept name ("in Homs, Hama and Idlib"); 1.0: no such rule
    list_extra: float = 1.0
    #: the record-level decision whether the verb has a place at all (None: the threshold alone)
    gate: RecordGate | None = None
    #: the second stage rescoring each candidate from all the candidates' scores (None: none)
    rerank: Reranker | None = None
    #: the bar for a further name that is the whole of a kept part ("Baghdad" beside "the Zafaraniyah
    #: neighbourhood of Baghdad": the gold names the part alone twice as often as both); 0.0: no such rule
    whole_extra: float = 0.0

    def scores(self, text: str, cands: list[LinkCandidate], feats: list[set[str]]) -> list[float]:
        """The probability of each candidate (``feats``: its features) being the verb's place: the
        logistic model's, rescored by the second stage."""
        return self.rescored(text, cands, [self.probability(f) for f in feats])

    def rescored(self, text: str, cands: list[LinkCandidate], probs: list[float]) -> list[float]:
        """First-stage probabilities ``probs`` of ``cands`` rescored by the second stage (if any)."""
        return probs if self.rerank is None or not probs else self.rerank.probabilities(text, cands, probs)

    def keeps_any(self, text: str, verb: Span, feats: list[set[str]], probs: list[float]) -> bool:
        """Whether the gate lets the verb have a place (always, without a gate)."""
        return self.gate is None or self.gate.probability(text, verb, feats, probs) >= self.gate.bar

    def choose(
        self,
        probabilities: list[float],
        lists: tuple[int, ...] | None = None,
        pairs: Callable[[], tuple[tuple[int, int, str], ...]] | None = None,
    ) -> list[int]:
        """Indices kept: the most probable candidate if it reaches ``threshold``, and with it any other
        candidate reaching ``extra`` (several places of one event), and (given ``lists``, from
        :func:`coordinated_lists`) any candidate reaching ``list_extra`` listed with a kept one. Given
        ``pairs`` (:func:`part_whole_pairs` of the candidates, asked for only when two names are kept), a
        further name that is the whole of a kept part (not within one list) needs ``whole_extra``."""
        if not probabilities:
            return []
        best = max(range(len(probabilities)), key=probabilities.__getitem__)
        if probabilities[best] < self.threshold:
            return []
        kept = [i for i, p in enumerate(probabilities) if i == best or p >= self.extra]
        if lists is not None and self.list_extra < 1.0:
            listed = {lists[i] for i in kept}
            kept = [
                i
                for i, p in enumerate(probabilities)
                if i in kept or (lists[i] in listed and p >= self.list_extra)
            ]
        if pairs is None or len(kept) < 2 or all(probabilities[i] >= self.whole_extra for i in kept):
            return kept
        held = set(kept)
        wholes = {
            whole
            for part, whole, _ in pairs()
            if part in held and (lists is None or lists[part] != lists[whole])
        }
        return [i for i in kept if i == best or i not in wholes or probabilities[i] >= self.whole_extra]

    def probability(self, feats: set[str]) -> float:
        """The logistic probability of one candidate's features. The weights are summed exactly
        (``math.fsum``, correctly rounded): the sum must not depend on the set's iteration order,
        which follows the string hash seed (``PYTHONHASHSEED``)."""
        weights = self.weights
        # the lookups and the sum in C: a missing feature adds an exact 0.0, which leaves the sum as it is
        known = len(feats) - len(feats.difference(weights))
        z = self.bias + (math.fsum(map(weights.get, feats, _ZEROS)) / math.sqrt(known) if known else 0.0)
        # max(-30.0, min(30.0, z)) written out: the builtins' calls cost several times the comparisons
        z = z if z < 30.0 else 30.0
        return 1.0 / (1.0 + math.exp(-(z if z > -30.0 else -30.0)))

    def to_json(self) -> dict[str, Any]:
        raw: dict[str, Any] = {
            "bias": round(self.bias, 4),
            "threshold": self.threshold,
            "extra": self.extra,
            "list_extra": self.list_extra,
        }
        if self.gate is not None:
            raw["gate"] = self.gate.to_json()
        if self.rerank is not None:
            raw["rerank"] = self.rerank.to_json()
        if self.whole_extra > 0.0:
            raw["whole_extra"] = self.whole_extra
        raw["weights"] = dict(sorted(self.weights.items()))
        return raw

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> LinkModel:
        return cls(
            {str(k): float(v) for k, v in raw["weights"].items()},
            float(raw["bias"]),
            float(raw["threshold"]),
            float(raw.get("extra", 0.5)),
            float(raw.get("list_extra", 1.0)),
            RecordGate.from_json(raw["gate"]) if "gate" in raw else None,
            Reranker.from_json(raw["rerank"]) if "rerank" in raw else None,
            float(raw.get("whole_extra", 0.0)),
        )


@functools.cache
def packaged_link_model(syntax: bool = False) -> LinkModel:
    """The link model shipped in ``geo/data/event_link_model.json`` (``syntax``: the one over the
    shallow-syntax features too, ``event_link_model_syntax.json``)."""
    name = LINK_MODEL_SYNTAX_FILE if syntax else LINK_MODEL_FILE
    raw = json.loads(resources.files("geo.data").joinpath(name).read_text("utf-8"))
    return LinkModel.from_json(raw)


def level_of(place: Any) -> str:
    """A candidate's gazetteer level as the model sees it (``none``: recognised but unresolved)."""
    if place is None:
        return "none"
    return {0: "cty", 1: "adm1", 2: "adm2"}.get(place.admin_level, "town")


@document_memo
@functools.lru_cache(maxsize=1024)
def capitalised_names(text: str) -> tuple[Span, ...]:
    """The spans of capitalised names (one or several words, "al-" names) in ``text`` (memoised: the
    linker and the link model's candidates both ask for those of an event's sentence)."""
    return tuple(m.span() for m in _CAPITALISED.finditer(text))


def known_candidates(places: Any, offset: int = 0) -> list[LinkCandidate]:
    """The recognised mentions of ``places`` (``ResolvedPlace``s) as candidates, spans less ``offset``:
    names at their gazetteer level, demonyms ("Syrian", "Kurdish") at level ``dem`` (they say whose,
    rarely where: as capitalised words of no known kind they looked like unknown village names)."""
    return [
        LinkCandidate(
            (rp.mention.start - offset, rp.mention.end - offset),
            level_of(rp.place) if rp.mention.kind == "name" else "dem",
        )
        for rp in places
    ]


_EDGE_WORD = re.compile(r"[\w'’‘-]+")
_POSSESSIVE_S = re.compile(r"['’]s$")
#: where one capitalised run holds two names: a possessive ("Kabul's Shar-e Naw") or "of"
_NAME_JOINT = re.compile(r"['’]s\s+|\s+of\s+")
_POSSESSIVE_JOINT = re.compile(r"['’]s\s+")


@functools.cache
def _name_heads() -> frozenset[str]:
    """Titles that open a place's name ("Sheikh Maqsoud"), folded: ``link_name_heads.txt``."""
    lines = resources.files("geo.data").joinpath("link_name_heads.txt").read_text("utf-8").splitlines()
    return frozenset(fold(ln.strip()) for ln in lines if ln.strip() and not ln.startswith("#"))


@document_memo
@functools.lru_cache(maxsize=16384)
def _trimmed(text: str, span: Span) -> Span:
    """``span`` without function words, weekdays and months at its ends ("The", "Tuesday") or a
    possessive "'s": the words of a capitalised run that are not the name. A title that opens a
    place's name (``link_name_heads.txt``: "Sheikh Maqsoud") stays, unless it is the whole run
    (memoised: every event of a sentence asks about the same names)."""
    stop = Lexicon.load().stopwords
    heads = _name_heads()
    words = [m.span() for m in _EDGE_WORD.finditer(text, *span)]
    while words and (first := fold(text[words[0][0] : words[0][1]])) in stop:
        if first in heads and len(words) > 1:
            break
        words.pop(0)
    while words and fold(text[words[-1][0] : words[-1][1]]) in stop:
        words.pop()
    if not words:
        return span[0], span[0]
    start, end = words[0][0], words[-1][1]
    possessive = _POSSESSIVE_S.search(text, start, end)
    return start, possessive.start() if possessive and possessive.start() > start else end


def _widened(text: str, verb: Span, cand: LinkCandidate, known: list[LinkCandidate]) -> LinkCandidate:
    """A recognised name widened to the capitalised name it is part of ("Al-Houla", "Balad Ruz",
    "Alexandria University": the recogniser matched a part; the whole name is the place's span), less
    edge function words; unchanged for a demonym, or where the name holds the verb or another
    recognised name."""
    s, e = cand.span
    if cand.level == "dem":
        return cand
    for a, b in capitalised_names(text):
        if b <= s or a >= e:
            continue
        for cut in _NAME_JOINT.finditer(text, a, b):  # "Mogadishu's Shibbis District": two names
            if cut.end() <= s:
                a = cut.end()
            elif cut.start() >= e:
                b = cut.start()
                break
        a, b = _trimmed(text, (a, b))
        if not (a <= s and e <= b) or (a, b) == (s, e) or a <= verb[0] < b:
            return cand
        for o in known:  # another recognised name inside: as ``any``, without a generator
            if o is not cand and o.span[0] < b and a < o.span[1]:
                return cand
        return LinkCandidate((a, b), cand.level, cand.span)
    return cand


@document_memo
@functools.lru_cache(maxsize=1024)
def _name_parts(text: str) -> tuple[Span, ...]:
    """The capitalised names of ``text``, a possessive cutting one run in two ("Mogadishu's Shibbis
    District": the city, and the district in it; memoised per sentence, as ``capitalised_names``)."""
    parts: list[Span] = []
    for a, b in capitalised_names(text):
        for cut in _POSSESSIVE_JOINT.finditer(text, a, b):
            parts.append((a, cut.start() + 2))  # the possessive stays with its name, as a lone name's does
            a = cut.end()
        parts.append((a, b))
    return tuple(parts)


def with_unknown_names(text: str, verb: Span, known: list[LinkCandidate]) -> list[LinkCandidate]:
    """``known``, each widened to the whole capitalised name it lies in (``_widened``), plus every
    capitalised name that overlaps none of them (level ``unk``; less edge function words, weekdays and
    months, unless it is nothing else: "Tuesday"), in text order."""
    found = {w.span: w for w in (_widened(text, verb, c, known) for c in known)}
    for span in _name_parts(text):
        if span[0] <= verb[0] < span[1] or overlaps_any(span, found):
            continue
        trimmed = _trimmed(text, span)
        span = trimmed if trimmed[0] < trimmed[1] else span
        found[span] = LinkCandidate(span, "unk")
    return [found[span] for span in sorted(found)]


def verb_word(text: str, verb: Span, model: LinkModel) -> Span:
    """The one word of a trigger of several ("drones struck", "air force had struck", "fired tear gas")
    that ``model`` knows as an event's verb: the first word, not a function word, with a ``verb=`` weight;
    the trigger as it is when it is one word or the model knows none of its words. Halterman's
    sentences mark one word as the event's verb, so a trigger of several words is a verb the model has
    never seen: its verb features (and the gate's) weigh nothing, and every name of the sentence scores
    as for an unknown verb (Turkish "drones struck ... in the Metina region of northern Iraq" fell below
    the gate's bar)."""
    vs, ve = verb
    words = list(_WORD.finditer(text, vs, ve))
    if len(words) < 2:
        return verb
    stop = Lexicon.load().stopwords
    weights = model.weights
    for m in words:
        word = m.group().lower()
        if fold(word) not in stop and f"verb={word}" in weights:
            return m.span()
    return verb


def link_features(
    text: str,
    verb: Span,
    cands: list[LinkCandidate],
    rule_picks: list[Span],
    only: Collection[int] | None = None,
    *,
    syntax: bool = False,
) -> list[set[str]]:
    """The model's features of each candidate: ``candidate_features`` and whether the rules
    (``EventLinker`` without the model) pick it, with ``syntax`` also the shallow-syntax features of
    ``geo.link_syntax``; with ``only``, just those candidates' (the others' sets are empty)."""
    triggers = [(h.start, h.end) for h in find_hits(text)]
    feats = candidate_features(text, verb, cands, triggers, only)
    if syntax:
        from geo.link_syntax import syntax_features

        for f, extra in zip(feats, syntax_features(text, verb, [c.span for c in cands], only), strict=True):
            f |= extra
    for i, (cand, f) in enumerate(zip(cands, feats, strict=True)):
        if only is not None and i not in only:
            continue
        rule = "pick" if overlaps_any(cand.span, rule_picks) else "no"
        f.update(
            {f"rule={rule}", f"rule_lvl={rule}_{cand.level}", f"rule_n={rule}_{_bucket(len(rule_picks))}"}
        )
    return feats


__all__ = [
    "LINK_MODEL_FILE",
    "LINK_MODEL_SYNTAX_FILE",
    "LinkCandidate",
    "LinkModel",
    "RecordGate",
    "Reranker",
    "Span",
    "candidate_features",
    "capitalised_names",
    "coordinated_lists",
    "gate_inputs",
    "known_candidates",
    "level_of",
    "link_features",
    "packaged_link_model",
    "part_whole_pairs",
    "rerank_features",
    "verb_window",
    "verb_word",
    "with_unknown_names",
]
