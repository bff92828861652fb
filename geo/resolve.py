"""Toponym resolution: choose the gazetteer entry each mention names, from context.

Every candidate the gazetteer offers gets a score, the weighted sum of named features
(``FEATURES``): what the place is (feature code, population, country / province / capital /
town), how the name matched (a primary name beats an alternate or historic one), and context:

- an explicit qualifier: "Kandahar province" -> the province, "the town of X" -> a town; a bare
  name the writer set apart from a same-named province ("Kandahar province" ... "in Kandahar")
  or wrote elsewhere as "the town of X" is the town;
- a container right after the name: "Quetta, Pakistan", "Athens, Ga.";
- the document's focus: the countries and provinces its other mentions lean to (weighted by
  their probabilities), and whether the candidate's province or country is itself named;
- spatial minimality: nearness to the places the other mentions chose;
- one sense per document: every mention of a name (with the same qualifier level) gets the
  place with the largest total probability.

Scoring runs in passes (alone, then with the focus of the previous pass). The weights live in
``geo/data/toponym_resolver.json``; they are learned by ``geo.evaluation.toponym_training`` (a
conditional logit over candidates, cross-validated by article and across corpora), except the
explicit cues, set by hand. Every ``ResolvedPlace`` carries a ``reason`` naming the cues that
moved it and a ``score`` (the chosen candidate's probability); a mention with no candidate gets
``place=None`` and says so.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from geo.dates import dateline_end
from geo.gazetteer import Gazetteer, haversine_km, prior
from geo.names import fold
from geo.records import Candidate, Document, Mention, Place, ResolvedPlace, replace
from geo.text import NEAR_LANDMARK_KM, placed_near
from geo.toponyms import Lexicon, cached_lookup, qualifier_at, qualifies_the_previous

__all__ = ["FEATURES", "Resolver", "Weights"]

_CONTAINER_SEP = re.compile(r",\s*|\s*\(\s*")


#: The features of a (mention, candidate) pair, in the order of ``Weights.vector``.
FEATURES: tuple[str, ...] = (
    "code_weight",
    "log_pop",
    "is_country",
    "is_admin1",
    "is_admin2",
    "is_capital",
    "is_town",
    "is_other",
    "match_primary",
    "match_alternate",
    "match_historic",
    "match_abbreviation",
    "match_demonym",
    "rank",
    "namesake_town",
    "qualifier_fit",
    "qualifier_mismatch",
    "alternate_beside_primary",
    "container",
    "focus_country",
    "focus_admin1",
    "proximity",
    "country_focus_town",
    "pop_rel",
    "admin1_named",
    "country_named",
)


@dataclass(frozen=True, slots=True)
class Weights:
    """The score weights, read from ``geo/data/toponym_resolver.json`` (see its ``_doc``).

    ``features`` maps each name in ``FEATURES`` to its weight; a candidate's score is the weighted
    sum of its features (``geo.evaluation.toponym_training`` learns the weights).
    """

    max_candidates: int
    proximity_km: float
    focus_weight_country: float
    focus_weight_admin1: float
    focus_weight_other: float
    passes: int
    features: dict[str, float]
    suffix_levels: dict[str, frozenset[str]]
    frozen: frozenset[str] = frozenset()

    @property
    def vector(self) -> tuple[float, ...]:
        return tuple(float(self.features.get(name, 0.0)) for name in FEATURES)

    @classmethod
    @functools.cache
    def load(cls) -> Weights:
        """The shipped weights (read once per process)."""
        text = resources.files("geo").joinpath("data/toponym_resolver.json").read_text(encoding="utf-8")
        return cls.from_dict(json.loads(text))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Weights:
        data = {k: v for k, v in data.items() if not k.startswith("_")}
        data["suffix_levels"] = {k: frozenset(v) for k, v in data["suffix_levels"].items()}
        data["features"] = {k: float(v) for k, v in data["features"].items()}
        data["frozen"] = frozenset(data.get("frozen", ()))
        return cls(**data)


@dataclass(slots=True)
class _Slot:
    """Working state of one mention while its document is resolved."""

    mention: Mention
    candidates: list[Candidate]
    base: list[list[float]]
    level: str = ""
    container: int = -1
    features: list[list[float]] | None = None
    base_scores: list[float] | None = None
    scores: list[float] | None = None
    probs: list[float] | None = None
    choice: int = -1


class Resolver:
    """``Document -> Document`` filling ``places``: one ``ResolvedPlace`` per mention, same order."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        weights: Weights | None = None,
        lexicon: Lexicon | None = None,
        keep_features: bool = False,
    ) -> None:
        """``keep_features`` computes every feature even where it cannot change the choice (training)."""
        self.keep_features = keep_features
        self.gazetteer = gazetteer
        self.weights = weights or Weights.load()
        self.lexicon = lexicon or Lexicon.load()
        self._cands: dict[tuple[str, str], list[Candidate]] = {}
        #: Per (name, kind, level): candidates, their document-independent features and base scores.
        self._bases: dict[
            tuple[str, str, str], tuple[list[Candidate], list[list[float]], list[float], str]
        ] = {}

    def __call__(self, doc: Document) -> Document:
        return replace(doc, places=tuple(self.resolve(doc.text, doc.mentions)))

    # -- candidates ---------------------------------------------------------------------------
    def candidates(self, mention: Mention) -> list[Candidate]:
        """Gazetteer candidates for a mention (demonyms -> their country; "X County" falls back to X)."""
        key = (mention.text, mention.kind)
        found = self._cands.get(key)
        if found is None:
            found = self._candidates(mention)
            if len(self._cands) > 200_000:
                self._cands.clear()
            self._cands[key] = found
        return found

    def _candidates(self, mention: Mention) -> list[Candidate]:
        gaz, limit = self.gazetteer, self.weights.max_candidates
        state = self.lexicon.state_abbreviations.get(mention.text)
        if state is not None and mention.kind == "name":
            place = gaz.admin1(*state)
            if place is not None:
                return [Candidate(place, "abbreviation", mention.text)]
        country = gaz.demonym(mention.text)
        demonym = [Candidate(country, "demonym", mention.text)] if country is not None else []
        if mention.kind == "demonym":
            return demonym
        found = _without_lesser_aliases(cached_lookup(gaz, mention.text, limit))
        if not found:
            found = self._suffix_fallback(mention.text)
        ids = {c.place.geonameid for c in found}
        return found + [c for c in demonym if c.place.geonameid not in ids]

    def _suffix_fallback(self, text: str) -> list[Candidate]:
        """ "Laurel County" / "Helmand Province" when the gazetteer only knows "Laurel" / "Helmand"."""
        words = text.split()
        if len(words) < 2:
            return []
        level = self.lexicon.name_suffixes.get(fold(words[-1]))
        if level == "site":
            return self._site_fallback(words[:-1])
        codes = self.weights.suffix_levels.get(level or "")
        if not codes:
            return []
        found = cached_lookup(self.gazetteer, " ".join(words[:-1]), self.weights.max_candidates)
        return [c for c in found if c.place.feature_code in codes]

    def _site_fallback(self, words: list[str]) -> list[Candidate]:
        """ "Kuweires Military Airport", "Handarat Refugee Camp": a site the gazetteer lacks is placed
        at the longest leading name it knows ("Kuweires"), a town next to it."""
        for k in range(len(words), 0, -1):
            if len(words[0]) < 3:
                break
            found = cached_lookup(self.gazetteer, " ".join(words[:k]), self.weights.max_candidates)
            if found:
                return found
        return []

    # -- resolution ---------------------------------------------------------------------------
    def resolve(self, text: str, mentions: Sequence[Mention]) -> list[ResolvedPlace]:
        """Resolve every mention of one document, jointly."""
        slots = self.score_document(text, mentions)
        vector = self.weights.vector  # built once, not per mention
        moved = _near_anchors(text, slots)
        _datelines_are_cities(text, slots)
        seats = _district_seats(slots)
        results = [_body_of_water(text, s, self._result(s, vector)) for s in slots]
        for k in seats:
            rp = results[k]
            results[k] = replace(rp, reason=f"{rp.reason}; the town its district is named after")
        for k, anchor in moved.items():
            rp = results[k]
            results[k] = replace(rp, reason=f"{rp.reason}; the one near {anchor!r}")
        _at_their_landmark(text, slots, results)
        results = self._in_the_owning_country(text, slots, results)
        respelled = frozenset(k for k, s in enumerate(slots) if _respelled(s))
        renamed = frozenset(k for k, s in enumerate(slots) if _by_another_name(s))
        homes = _home_namesakes(slots, results, self._home_lookup)
        placed = drop_stray_namesakes(text, homes, respelled, renamed)
        placed = placed_by_container(text, placed, self.lexicon)
        return this_side_of_the_border(text, placed)

    def _home_lookup(self, name: str, country_code: str) -> list[Candidate]:
        """The places of one country named ``name`` (best first; few)."""
        return self.gazetteer.lookup(name, country_codes=(country_code,), limit=10)

    def _in_the_owning_country(
        self, text: str, slots: list[_Slot], results: list[ResolvedPlace]
    ) -> list[ResolvedPlace]:
        """ "Chad's Lake province", "Russia's southern Rostov region": a province or town a country's
        possessive names lies in that country. Its best candidate there is chosen; with none, it is
        unplaced (its event falls back to the places around it) rather than put in another country
        (Lake County, United States). Only a name with its feature word: "Israel's Gaza offensive" is
        no claim on where Gaza lies."""
        out = results
        for i in range(1, len(results)):
            owner, rp = results[i - 1], results[i]
            if owner.place is None or not owner.place.is_country or rp.place is None:
                continue
            cc = owner.place.country_code
            if rp.place.country_code == cc or not _OWNED_BY.fullmatch(
                text, owner.mention.end, rp.mention.start
            ):
                continue
            if not self._qualifier(text, rp.mention):
                continue
            slot = slots[i]
            inside = [k for k, c in enumerate(slot.candidates) if c.place.country_code == cc]
            if out is results:
                out = list(results)
            if inside and slot.probs is not None:
                k = max(inside, key=lambda k: slot.probs[k] if slot.probs else 0.0)
                cand = slot.candidates[k]
                why = f"{cand.match} name, {cand.place.feature_code}; in {owner.mention.text}, said to own it"
                out[i] = ResolvedPlace(rp.mention, cand.place, round(slot.probs[k], 4), why, rp.n_candidates)
            else:
                why = f"; left unplaced: said to be {owner.mention.text}'s, and no place of that name is"
                out[i] = replace(rp, place=None, reason=rp.reason + why)
        return out

    def score_document(self, text: str, mentions: Sequence[Mention]) -> list[_Slot]:
        """Candidates, features, scores and choices of every mention (also what training reads).

        Pass 0 scores each mention alone; every further pass adds the document's focus (the
        countries, provinces and points the other mentions lean to), then one sense per document.
        """
        quals = [self._qualifier(text, m) for m in mentions]
        for k in range(1, len(mentions)):  # "the Tajoura district of Tripoli": the word is Tajoura's
            if qualifies_the_previous(text, mentions[k - 1], mentions[k].start, quals[k]):
                quals[k] = ""
        levels = [self._level(m, q) for m, q in zip(mentions, quals, strict=True)]
        # One sense per document: a bare name also written as "the town of X" is that town, and so
        # is one the writer set apart from a province or district of the same name ("Kandahar
        # province" ... "in Kandahar") when a town of that name lies in it.
        towns = {fold(m.text) for m, lv in zip(mentions, levels, strict=True) if lv == "town"}
        contrast = self.lexicon.contrast_qualifiers
        admins = {fold(m.text) for m, q in zip(mentions, quals, strict=True) if q in contrast}
        levels = [
            lv or ("town" if fold(m.text) in towns else _CONTRAST if fold(m.text) in admins else "")
            for m, lv in zip(mentions, levels, strict=True)
        ]
        slots = [self._slot(m, lv) for m, lv in zip(mentions, levels, strict=True)]
        self._link_containers(text, slots)
        vector = self.weights.vector
        focus: _Focus | None = None
        passes = 1 + max(0, self.weights.passes)
        for n in range(passes):
            last = n + 1 == passes or self.keep_features  # only the last pass's feature rows are read
            for i, slot in enumerate(slots):
                self._score(i, slot, slots, focus, vector, last)
            self._one_sense(slots)
            if n + 1 < passes:  # no pass reads the focus of the last one
                focus = _Focus.of(slots, self.weights)
        return slots

    def _qualifier(self, text: str, mention: Mention) -> str:
        return mention.qualifier or qualifier_at(text, mention.start, mention.end, self.lexicon)

    def _level(self, mention: Mention, qualifier: str) -> str:
        """The level a feature word gives the mention: "X province" -> admin1, "X County" -> admin2."""
        lex = self.lexicon
        level = lex.qualifiers.get(qualifier) or lex.before_only_qualifiers.get(qualifier, "")
        words = mention.text.split()
        if len(words) > 1 and fold(words[-1]) in self.lexicon.name_suffixes:
            level = self.lexicon.name_suffixes[fold(words[-1])]
        return level

    def _slot(self, mention: Mention, level: str) -> _Slot:
        key = (mention.text, mention.kind, level)
        hit = self._bases.get(key)
        if hit is None:
            cands = self.candidates(mention)
            namesake = _namesake_towns(cands) if level not in ("admin", "admin1", "admin2") else set()
            if level == _CONTRAST:
                level = "town" if namesake else ""
            if level == "town" and any(c.place.is_country and c.match in ("primary", "ascii") for c in cands):
                level = ""  # "Insurgents attack Mozambique town": the country's town, not a town "Mozambique"
            primary = any(c.match in ("primary", "ascii") for c in cands)
            base = [self._base(k, c, level, k in namesake) for k, c in enumerate(cands)]
            for k, (c, row) in enumerate(zip(cands, base, strict=True)):
                renamed = k in namesake and c.match == "alternate"
                row.append(float(primary and c.match in ("alternate", "historic") and not renamed))
            n_base = len(base[0]) if base else 0
            weights = self.weights.vector[:n_base]
            scores = [sum(w * x for w, x in zip(weights, row, strict=True)) for row in base]
            hit = (cands, base, scores, level)
            if len(self._bases) > 100_000:
                self._bases.clear()
            self._bases[key] = hit
        cands, base, scores, level = hit
        return _Slot(mention, cands, base, level=level, base_scores=scores)

    def _base(self, rank: int, cand: Candidate, level: str, namesake: bool) -> list[float]:
        """The features that do not depend on the rest of the document."""
        p = cand.place
        # a renamed city under its old name, the name its province kept ("Chittagong"): as if primary
        m = "primary" if namesake and cand.match == "alternate" else cand.match
        fit = self._qualifier_fit(level, p)
        return [
            prior(p.feature_class, p.feature_code, 0, "-"),
            math.log10(max(p.population, 0) + 1),
            float(p.is_country),
            float(p.is_admin1),
            float(p.is_admin2),
            float(p.feature_code == "PPLC"),
            float(p.feature_class == "P"),
            float(p.feature_class not in ("A", "P")),
            float(m in ("primary", "ascii")),
            float(m == "alternate"),
            float(m == "historic"),
            float(m == "abbreviation"),
            float(m == "demonym"),
            math.log1p(rank),
            float(namesake),
            float(fit > 0),
            float(fit < 0),
        ]

    def _qualifier_fit(self, level: str, place: Place) -> int:
        """+1 when the candidate's level fits the feature word, -1 when it does not, 0 without one."""
        if not level or level == "border":
            return 0
        if level == "country":
            return 1 if place.is_country else -1
        codes = self.weights.suffix_levels.get(level)
        if codes is None:
            return 0
        return 1 if place.feature_code in codes else -1

    def _link_containers(self, text: str, slots: list[_Slot]) -> None:
        """Mark "X, Y" / "X (Y)" pairs where Y is a country or province that can contain X."""
        for k, (a, b) in enumerate(itertools.pairwise(slots)):
            gap = text[a.mention.end : b.mention.start]
            if _CONTAINER_SEP.fullmatch(gap) and any(c.place.admin_level <= 1 for c in b.candidates):
                a.container = k + 1

    def _score(
        self,
        i: int,
        slot: _Slot,
        slots: list[_Slot],
        focus: _Focus | None,
        vector: tuple[float, ...],
        rows: bool = True,
    ) -> None:
        """The scores, probabilities and choice of one mention; with ``rows`` its feature rows too
        (what the reasons and training read: the passes before the last need only the scores)."""
        container = slots[slot.container] if slot.container >= 0 else None
        feats, scores = [], []
        n_base = len(slot.base[0]) if slot.base else 0
        base_w, ctx_w = vector[:n_base], vector[n_base:]
        if slot.base_scores is None:
            slot.base_scores = [sum(w * x for w, x in zip(base_w, b, strict=True)) for b in slot.base]
        if len(slot.candidates) == 1 and not self.keep_features:
            # Nothing to choose between: the context cannot change the choice.
            slot.features, slot.scores = slot.base, list(slot.base_scores)
            slot.probs, slot.choice = [1.0], 0
            return
        top_pop = 0.0  # max((b[1] for b in slot.base), default=0.0), without a generator
        for k, b in enumerate(slot.base):
            if k == 0 or b[1] > top_pop:
                top_pop = b[1]
        # Context can add at most the sum of its positive weights (each context feature is <= 1):
        # a candidate further than that behind the best base score cannot win; skip its context.
        reach = _context_reach(ctx_w)
        floor = max(slot.base_scores, default=0.0) - 2 * reach
        for k, (cand, base, base_score) in enumerate(
            zip(slot.candidates, slot.base, slot.base_scores, strict=True)
        ):
            place = cand.place
            if base_score < floor:
                ctx = [0.0, 0.0, 0.0, 0.0, 0.0, base[1] - top_pop, 0.0, 0.0]
                if rows:
                    feats.append(base + ctx)
                scores.append(base_score + ctx_w[_POP_REL] * ctx[_POP_REL])
                continue
            inside = float(container is not None and _inside(place, container))
            fc, fa, near, a1n, ccn = focus.terms(i, place, k) if focus is not None else _NO_FOCUS
            ctx = [inside, fc, fa, near, fc * float(place.feature_class == "P"), base[1] - top_pop, a1n, ccn]
            if rows:
                feats.append(base + ctx)
            scores.append(base_score + _dot(ctx_w, ctx))
        slot.features, slot.scores = feats, scores
        if scores:
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            slot.probs = [e / total for e in exps]
            slot.choice = scores.index(top)
        else:
            slot.probs, slot.choice = [], -1

    def _one_sense(self, slots: list[_Slot]) -> None:
        """Every mention of the same name (and qualifier level) gets the place with the best total score."""
        groups: dict[tuple[str, str], list[_Slot]] = defaultdict(list)
        for slot in slots:
            if slot.candidates and slot.container < 0:
                groups[(fold(slot.mention.text), slot.level)].append(slot)
        for group in groups.values():
            if len(group) < 2:
                continue
            totals: defaultdict[int, float] = defaultdict(float)
            for slot in group:
                assert slot.probs is not None
                for cand, pr in zip(slot.candidates, slot.probs, strict=True):
                    totals[cand.place.geonameid] += pr
            best_id = max(totals, key=totals.__getitem__)
            for slot in group:
                for k, cand in enumerate(slot.candidates):
                    if cand.place.geonameid == best_id:
                        slot.choice = k

    def _result(self, slot: _Slot, vector: tuple[float, ...] | None = None) -> ResolvedPlace:
        m = slot.mention
        if not slot.candidates or slot.probs is None or slot.choice < 0:
            return ResolvedPlace(m, None, 0.0, f"no gazetteer entry for {m.text!r}", 0)
        k = slot.choice
        cand = slot.candidates[k]
        cues = _cues(slot.features[k] if slot.features else [], vector or self.weights.vector)
        reason = f"{cand.match} name, {cand.place.feature_code}" + (f"; {cues}" if cues else "")
        reason += f"; best of {len(slot.candidates)}"
        return ResolvedPlace(m, cand.place, round(slot.probs[k], 4), reason, len(slot.candidates))


#: A town smaller than this, alone in a country the article otherwise never mentions, gives way to
#: a namesake in the article's own country.
LONE_TOWN_POPULATION = 200_000
#: Places (mentions) of one country that make it the article's own.
HOME_MENTIONS = 3


def _home_namesakes(
    slots: list[_Slot],
    results: list[ResolvedPlace],
    home_lookup: Callable[[str, str], list[Candidate]] | None = None,
) -> list[ResolvedPlace]:
    """ "The junta's jets bombed ... the Kani township" in an article about Myanmar is Myanmar's Kani,
    not Kani, Japan: a modest town that is the only mention of its country gives way to a town or
    division of the same name in the country most of the article's places are in (at least
    ``HOME_MENTIONS`` of them). A big city (Paris, Cairo) abroad stays where it is. A qualifier picks
    the kind ("the city of Santa Cruz": the town, not the province), looked up in the home country
    (``home_lookup(name, country_code)``) when the mention's own candidates hold none of that kind."""
    counts: dict[str, int] = defaultdict(int)
    for rp in results:
        if rp.place is not None and rp.place.country_code:
            counts[rp.place.country_code] += 1
    if not counts:
        return results
    home, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    if n < HOME_MENTIONS:
        return results
    out = []
    for slot, rp in zip(slots, results, strict=True):
        p = rp.place
        if (
            p is None
            or p.country_code == home
            or counts[p.country_code] > 1
            or p.feature_class != "P"
            # "the village of Bangi" in an Afghan story is no capital abroad, however large
            or (p.population >= LONE_TOWN_POPULATION and rp.mention.qualifier not in _VILLAGE_WORDS)
        ):
            out.append(rp)
            continue
        homes = [
            c for c in slot.candidates if c.place.country_code == home and c.place.feature_class in ("P", "A")
        ]
        # "the eastern city of Santa Cruz": the home city, not the home province of that name
        kind = (
            "A"
            if rp.mention.qualifier in _DIVISION_WORDS
            else "P"
            if rp.mention.qualifier in _TOWN_WORDS
            else ""
        )
        local = next((c for c in homes if c.place.feature_class == kind), None)
        if local is None and kind and home_lookup is not None:
            local = next(
                (c for c in home_lookup(rp.mention.text, home) if c.place.feature_class == kind), None
            )
        if local is None and homes:
            local = homes[0]
        if local is None:
            if (
                rp.mention.qualifier in _DIVISION_WORDS | _VILLAGE_WORDS
            ):  # "the Kani township": no town abroad
                why = f"; left unplaced: a {rp.mention.qualifier} abroad, in an article about {home}"
                out.append(replace(rp, place=None, reason=rp.reason + why))
            else:
                out.append(rp)
            continue
        why = f"; the article's places are in {home}: its namesake, not {p.name} ({p.country_code})"
        out.append(
            replace(rp, place=local.place, reason=f"{local.match} name, {local.place.feature_code}{why}")
        )
    return out


#: Qualifiers that say a division, not a town ("the Kani township", "Zamfara state").
_DIVISION_WORDS = frozenset(
    {"township", "district", "province", "state", "region", "county", "governorate", "municipality"}
)


#: Qualifiers that say a small place: a village abroad that the gazetteer lacks at home is left unplaced.
_VILLAGE_WORDS = frozenset({"village", "hamlet"})
#: Qualifiers that say a town, not a division of the same name ("the city of Santa Cruz").
_TOWN_WORDS = _VILLAGE_WORDS | {"city", "town", "capital"}


#: Feature codes of seas and oceans: "the Pacific", "the Atlantic", "the Mediterranean".
_WATER_CODES = frozenset({"OCN", "SEA", "GULF", "BAY", "STRT", "CHN", "SD"})
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


#: how far a district's seat may lie from the district's point to be the town it is named after (km)
_SEAT_KM = 40.0


def _district_seats(slots: list[_Slot]) -> list[int]:
    """ "A market in Ariha": a bare name chosen as a district (GeoNames' "Ariha District") is the town the
    district is named after and lies around, when that town is a candidate too. News writes the district's
    name for its seat; a feature word ("Ariha district") keeps the district. Moves each such slot's
    choice to the town; returns the indexes moved."""
    moved: list[int] = []
    for i, slot in enumerate(slots):
        if slot.level or slot.choice < 0 or not slot.candidates:
            continue
        district = slot.candidates[slot.choice].place
        if not district.is_admin2:
            continue
        for k, cand in enumerate(slot.candidates):
            town = cand.place
            if (
                town.feature_class == "P"
                and cand.match in ("primary", "ascii")
                and town.country_code == district.country_code
                and town.admin1_code == district.admin1_code
                and town.admin2_code in ("", district.admin2_code)
                and haversine_km(town.lat, town.lon, district.lat, district.lon) <= _SEAT_KM
            ):
                slot.choice = k
                moved.append(i)
                break
    return moved


def _body_of_water(text: str, slot: _Slot, rp: ResolvedPlace) -> ResolvedPlace:
    """ "the Pacific" is the ocean, not Pacific, Missouri: a town chosen for a name written after "the"
    gives way to a sea or ocean of that name among the candidates (towns are not "the X")."""
    p = rp.place
    if (
        p is None
        or p.feature_class != "P"
        or not _THE_BEFORE.search(
            text, (rp.mention.start - 5 if rp.mention.start > 5 else 0), rp.mention.start
        )
    ):
        return rp
    for cand in slot.candidates:
        if cand.place.feature_class == "H" and cand.place.feature_code in _WATER_CODES:
            why = f"; 'the {rp.mention.text}' names a body of water, not the town {p.name} ({p.country_code})"
            return replace(rp, place=cand.place, reason=f"{cand.match} name, {cand.place.feature_code}{why}")
    return rp


#: A town this small in a country the article never names, far from the country a sentence says things
#: happened in, is more likely a namesake of a place the gazetteer lacks than the place meant.
STRAY_TOWN_POPULATION = 100_000
STRAY_TOWN_KM = 1000.0
#: How many other placed mentions, all far away, make a small town alone in its country a stray
STRAY_TOWN_COMPANY = 4
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ed|er|es|la|le|les|los|las|the)[ -]")
#: How alike (difflib's ratio) a name found and the place's own must be to be forms of one name
#: ("fallujah" / "fallujah", "kharkov" / "kharkiv" 0.86), not another name ("boni" / "bonn" 0.75)
_SAME_NAME_RATIO = 0.8
#: A town found only under another of its names ("Boni" for Bonn), alone in its country and far from this
#: many other placed mentions, is more likely a place the gazetteer lacks, unless it is this big
RENAMED_TOWN_POPULATION = 1_000_000
RENAMED_TOWN_COMPANY = 1
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|inside|across|neighbou?ring)\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE
)


def _respelled(slot: _Slot) -> bool:
    """Whether the chosen place was found only under another spelling of the name as written
    (``geo.names.spelling_variants``: "Bolan" -> Bulan), not under the name itself or its start
    ("Helmand Province" -> Helmand)."""
    if slot.choice < 0 or not slot.candidates:
        return False
    written, matched = fold(slot.mention.text), fold(slot.candidates[slot.choice].matched_name)
    return written != matched and not written.startswith(matched + " ")


def _by_another_name(slot: _Slot) -> bool:
    """Whether the chosen place was found under another of its names, one of GeoNames' alternate names
    that is no form of its own ("Boni" for Bonn), not under its name."""
    if slot.choice < 0 or not slot.candidates:
        return False
    chosen = slot.candidates[slot.choice]
    if chosen.match != "alternate" or " " in chosen.matched_name.strip():
        return False  # "Guantanamo Bay": a name of many words names its place, whatever GeoNames calls it
    own, matched = _ARTICLE.sub("", fold(chosen.place.name)), _ARTICLE.sub("", fold(chosen.matched_name))
    # "Fallujah" for Al Fallūjah, "Kharkov" for Kharkiv: forms of its own name
    return own[:3] != matched[:3] or difflib.SequenceMatcher(None, own, matched).ratio() < _SAME_NAME_RATIO


#: "El Wak, near the Kenyan border": between the town and the country named, and after it
_NEAR_THE = re.compile(r"\s*,?\s+(?:near|on|along|close\s+to|by|at)\s+the\s+", re.IGNORECASE)
_NEAR_THE_BORDER_WITH = re.compile(
    r"\s*,?\s+(?:near|on|along|close\s+to|by|at)\s+the\s+borders?\s+(?:with|of)\s+", re.IGNORECASE
)
_BORDER_AFTER = re.compile(r"\s+borders?\b|-\w+\s+borders?\b", re.IGNORECASE)


def this_side_of_the_border(text: str, results: list[ResolvedPlace]) -> list[ResolvedPlace]:
    """Unplace a town placed in the very country its own words set it beside: "attacked a base in El Wak,
    near the Kenyan border" is Somalia's El Wak, not the Kenyan town of that name the gazetteer holds
    (a town near a country's border lies in another country). Unplaced, its event falls back to the
    article's places instead of a point across the border."""
    out = list(results)
    for i, (rp, nxt) in enumerate(itertools.pairwise(results)):
        p, country = rp.place, nxt.place
        if p is None or country is None or p.is_country or not country.is_country:
            continue
        if p.country_code != country.country_code:
            continue
        gap_start, gap_end = rp.mention.end, nxt.mention.start
        demonym_side = _NEAR_THE.fullmatch(text, gap_start, gap_end) is not None and bool(
            _BORDER_AFTER.match(text, nxt.mention.end)
        )
        if not demonym_side and _NEAR_THE_BORDER_WITH.fullmatch(text, gap_start, gap_end) is None:
            continue
        why = f"; left unplaced: the words set it beside the border of {country.name}, so not in it"
        out[i] = replace(rp, place=None, reason=rp.reason + why)
    return out


def drop_stray_namesakes(
    text: str,
    results: list[ResolvedPlace],
    respelled: frozenset[int] = frozenset(),
    renamed: frozenset[int] = frozenset(),
) -> list[ResolvedPlace]:
    """Unplace a small town chosen far away in a country the document never names when its own sentence
    says where things happened ("In neighbouring Mali, soldiers executed men in the village of Moura":
    not Moura, Portugal; the gazetteer lacks Mali's Moura). Unplaced, its event falls back to the
    country the sentence names instead of a point on the wrong continent. A town with company in its
    country (another mention placed there) or near the named country is kept."""
    from geo.text import sentence_at, sentences

    by_country: dict[str, int] = defaultdict(int)
    named_in: dict[str, int] = defaultdict(int)  # by names only: "Turkish warplanes" is no place in Turkey
    for rp in results:
        if rp.place is not None:
            by_country[rp.place.country_code] += 1
            if rp.mention.kind == "name":
                named_in[rp.place.country_code] += 1
    spans: list[tuple[int, int]] | None = None
    out = []
    for i, rp in enumerate(results):
        p = rp.place
        if (
            p is not None
            and i in renamed
            and p.feature_class == "P"
            and p.population < RENAMED_TOWN_POPULATION
            and by_country[p.country_code] == 1
            and _far_from_the_rest(rp, results, at_least=RENAMED_TOWN_COMPANY)
        ):
            # "a Malian army camp in the central town of Boni": not Bonn, whose old name it is
            why = "; left unplaced: a town found only under another of its names, alone and far from the rest"
            out.append(replace(rp, place=None, reason=rp.reason + why))
            continue
        if p is None or p.feature_class != "P" or p.population >= STRAY_TOWN_POPULATION:
            out.append(rp)
            continue
        outside = _outside_its_province(text, rp, results[i + 1] if i + 1 < len(results) else None)
        if outside is not None and named_in[outside.country_code] >= named_in[p.country_code]:
            # "arrived in Welingara, in the Mopti region": not Welingara, Gambia (the gazetteer lacks Mali's);
            # even with company in its country when the province's has as much ("Ain al-Asad air base in
            # Anbar province" is not the Israeli village of that name in a story that names Israel too); a
            # demonym is no company ("Turkish drones struck the Zap region of northern Iraq": not Andaç)
            why = (
                f"; left unplaced: a small town outside {outside.name}, named right after it as its province"
            )
            out.append(replace(rp, place=None, reason=rp.reason + why))
            continue
        if by_country[p.country_code] > 1:
            out.append(rp)
            continue
        if i in respelled and _far_from_the_rest(rp, results):
            why = "; left unplaced: a small town found only under another spelling, far from the other places"
            out.append(replace(rp, place=None, reason=rp.reason + why))
            continue
        if _far_from_the_rest(rp, results, at_least=STRAY_TOWN_COMPANY):
            # "burned shelters in the Lala camp" in a story of three DRC places: not Lāla, India
            why = f"; left unplaced: a small town alone in its country, far from {len(results) - 1} others"
            out.append(replace(rp, place=None, reason=rp.reason + why))
            continue
        spans = spans if spans is not None else sentences(text)
        k = sentence_at(spans, rp.mention.start)
        s, e = spans[k] if k is not None else (0, 0)
        where = [
            q.place
            for q in results
            if q.place is not None
            and q.place.is_country
            and s <= q.mention.start < e
            and _LOCATIVE_BEFORE.search(text, max(s, q.mention.start - 40), q.mention.start)
        ]
        if not where or any(haversine_km(p.lat, p.lon, c.lat, c.lon) < STRAY_TOWN_KM for c in where):
            out.append(rp)
            continue
        names = ", ".join(sorted({c.name for c in where}))
        why = f"; left unplaced: a small town far from {names}, where its sentence says things happened"
        out.append(replace(rp, place=None, reason=rp.reason + why))
    return out


#: between a name the gazetteer lacks and the place it lies in: "X district of Y", "X, in the Y region",
#: "X near Y", "X, Y"; or between two names of a list ("X and Y")
_CONTAINER_GAP = re.compile(
    r"(?:[ \t]+(?P<noun>(?!located\b)[a-z]+))?"
    r"(?:(?P<link>[ \t]+of|,?[ \t]+(?:in|near|outside|located[ \t]+in)|,)[ \t]+"
    r"(?:the[ \t]+)?(?P<words>(?:[a-z-]+[ \t]+){0,3})|(?P<list>,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+))"
)
#: "X, a suburb located east of Y", "X, a small village near Y": an apposition saying the name before it
#: is a place (its noun: a place noun) in or near the place named at its end (no distance: a figure may
#: put it far)
_APPOSED_IN = re.compile(
    r",[ \t]+an?[ \t]+(?:(?!(?:for|of|the|with|to|from|at|by|in|on|who|whose)\b)[\w'’-]+[ \t]+){0,3}?"
    r"(?P<noun>[a-z]+)[ \t]+(?:(?:located|situated)[ \t]+)?(?:just[ \t]+)?"
    r"(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)[ \t]+of|near|outside|in)[ \t]+"
    r"(?:the[ \t]+)?(?:(?:city|town|capital|province|district|region)[ \t]+of[ \t]+)?"
)
#: the start of the reason of a place given by ``placed_by_container``
INSIDE_REASON = "not in the gazetteer; placed at "


def placed_by_container(text: str, results: list[ResolvedPlace], lexicon: Lexicon) -> list[ResolvedPlace]:
    """A name the gazetteer lacks (no candidate at all) takes the place named right after it as where it
    lies: "the Zemlaq district of Kabul", "the hamlet of X, in Y province", "X near Y",
    "X, Y"; and the first names of a list whose last one was placed so ("the villages of A and B in Y").
    Conflict news names villages and quarters no gazetteer holds; their events then fall back on the
    nearest place the writer gives for them, as ACLED codes them, and no point is invented."""
    nouns = lexicon.place_nouns
    if not nouns:
        return results
    out = list(results)
    for i in range(len(out) - 2, -1, -1):
        rp, nxt = out[i], out[i + 1]
        if rp.place is not None or rp.n_candidates or rp.mention.kind != "name":
            continue
        if nxt.place is None or nxt.mention.kind != "name":
            continue
        apposed = _APPOSED_IN.fullmatch(text, rp.mention.end, nxt.mention.start)
        if apposed is not None and (
            apposed["noun"] in nouns["after"] or apposed["noun"] in nouns["before_of"]
        ):
            why = f"{INSIDE_REASON}{nxt.place.name!r}, said in an apposition to be in or near it"
            out[i] = ResolvedPlace(rp.mention, nxt.place, nxt.score, why, 0)
            continue
        gap = _CONTAINER_GAP.fullmatch(text, rp.mention.end, nxt.mention.start)
        if gap is None:
            continue
        if gap.group("list") is not None:
            if nxt.place.admin_level == 0:
                continue  # "X and Syria": a list of places, not one inside another
        else:
            noun = gap.group("noun")
            if noun is not None and noun not in nouns["after"] and noun not in nouns["plural_before_of"]:
                continue
            if gap.group("link").strip() == "of" and noun is None:
                continue  # "X of Y" with no noun between is not said of a place in a place
            words = gap.group("words").split()
            if any(
                w not in lexicon.qualifier_gap_words
                and w not in nouns["before_of"]
                and w not in nouns["plural_before_of"]
                and w not in lexicon.qualifiers
                and w != "of"
                for w in words
            ):
                continue
            if words and words[-1] != "of" and words[-1] not in lexicon.qualifier_gap_words:
                continue
        how = "listed with it" if gap.group("list") is not None else "named right after it as where it lies"
        why = f"{INSIDE_REASON}{nxt.place.name!r}, {how}"
        out[i] = ResolvedPlace(rp.mention, nxt.place, nxt.score, why, 0)
    for i in range(1, len(out)):  # "the villages of Aleppo and X": X lies by the town listed before it
        rp, prev = out[i], out[i - 1]
        if rp.place is not None or rp.n_candidates or rp.mention.kind != "name":
            continue
        if prev.place is None or prev.mention.kind != "name" or prev.place.admin_level == 0:
            continue
        gap = _CONTAINER_GAP.fullmatch(text, prev.mention.end, rp.mention.start)
        if gap is None or gap.group("list") is None:
            continue
        why = f"{INSIDE_REASON}{prev.place.name!r}, listed with it"
        out[i] = ResolvedPlace(rp.mention, prev.place, prev.score, why, 0)
    return out


#: What lies between a country and a name it owns: "Chad's Lake province", "Russia's southern Rostov region"
_OWNED_BY = re.compile(r"['’]s\s+(?:(?-i:[a-z]+)\s+){0,2}")

#: "Welingara, in the Mopti region", "the Gara region of northern Iraq", "X air base in Y province": what
#: lies between a place and the province or country it is said to lie in
_IN_PROVINCE_GAP = re.compile(
    r",?\s+(?:(?!(?:and|or|but)\s)(?-i:[a-z]+)\s+){0,2}(?:in|of)\s+(?:the\s+)?(?:\w+\s+)?", re.IGNORECASE
)


def _outside_its_province(text: str, rp: ResolvedPlace, nxt: ResolvedPlace | None) -> Place | None:
    """The province or country named right after ``rp`` as where it lies ("Welingara, in the Mopti
    region", "the Gara region of northern Iraq"), when ``rp``'s place is in another country; else None."""
    p, q = rp.place, nxt.place if nxt is not None else None
    if p is None or q is None or nxt is None or q.country_code == p.country_code or q.admin_level > 1:
        return None
    if not _IN_PROVINCE_GAP.fullmatch(text, rp.mention.end, nxt.mention.start):
        return None
    return q


def _far_from_the_rest(rp: ResolvedPlace, results: list[ResolvedPlace], at_least: int = 1) -> bool:
    """Whether every other place the article names (``at_least`` of them) lies far from ``rp``'s: a
    small town found by respelling its name, alone in its country, so far away is a guess too far
    ("militants set fire to vehicles in Bolan" in an article about Pakistan is not in the Philippines);
    so is any such town when the article names enough other places, all far from it."""
    p = rp.place
    assert p is not None
    others = [q.place for q in results if q.place is not None and q is not rp]
    return len(others) >= at_least and all(
        haversine_km(p.lat, p.lon, o.lat, o.lon) > STRAY_TOWN_KM for o in others
    )


def _near_anchors(text: str, slots: list[_Slot]) -> dict[int, str]:
    """Move each mention the writer placed by a town ("Burqa near Ramallah") to its candidate nearest to
    that town's chosen place, if close (every mention of the same name with it); the indexes moved, with
    their landmark's name."""
    moved: dict[int, str] = {}
    for a, b in itertools.pairwise(slots):
        if a.choice < 0 or b.choice < 0 or a.scores is None or len(a.candidates) < 2:
            continue
        if not placed_near(text, a.mention.end, b.mention.start):
            continue
        anchor = b.candidates[b.choice].place
        if anchor.admin_level < 3:
            continue  # "near the border with Pakistan", "outside Kandahar province": no point to be near
        if _contains(a.candidates[a.choice].place, anchor):
            continue  # "southern Gaza near Rafah": the Strip holds Rafah; it is not the city of Gaza
        lat, lon = anchor.lat, anchor.lon
        km = [
            haversine_km(c.place.lat, c.place.lon, lat, lon) if c.place.admin_level == 3 else 1e9
            for c in a.candidates
        ]
        nearest = min(range(len(km)), key=km.__getitem__)
        if nearest == a.choice or km[nearest] > NEAR_LANDMARK_KM:
            continue
        best = a.candidates[nearest].place.geonameid
        name = fold(a.mention.text)
        for i, slot in enumerate(slots):
            if slot is a or (fold(slot.mention.text) == name and slot.level == a.level):
                for j, c in enumerate(slot.candidates):
                    if c.place.geonameid == best:
                        slot.choice = j
                        moved[i] = b.mention.text
    return moved


#: Least population of the city a dateline names over the province or state of its name
DATELINE_CITY_POPULATION = 100_000


def _datelines_are_cities(text: str, slots: list[_Slot]) -> None:
    """ "NEW YORK, May 1 - ": a dateline names the city the story was filed from, not the state of its
    name; the city (of ``DATELINE_CITY_POPULATION`` or more) is chosen for it and for every bare mention
    of the same name ("New York police officers"; not "New York state"). In place, on ``slots``."""
    for slot in slots:
        m = slot.mention
        if slot.choice < 0 or not m.text.isupper() or slot.candidates[slot.choice].place.feature_class == "P":
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        if text[line_start : m.start].strip() or dateline_end(text, line_start) <= m.end:
            continue  # an upper-case name opening a line's dateline ("NEW YORK, May 1 - ") only
        cities = [
            k
            for k, c in enumerate(slot.candidates)
            if c.place.feature_class == "P" and c.place.population >= DATELINE_CITY_POPULATION
        ]
        if not cities:
            continue
        city = max(cities, key=lambda k: slot.candidates[k].place.population)
        best = slot.candidates[city].place.geonameid
        name = fold(m.text)
        for other in slots:
            if other is slot or (fold(other.mention.text) == name and not other.mention.qualifier):
                for k, c in enumerate(other.candidates):
                    if c.place.geonameid == best:
                        other.choice = k


#: No namesake this far from the town a writer places a name near ("Kili, near Goma") is that name: the
#: name is a village the gazetteer lacks, and lies at the town
FAR_FROM_LANDMARK_KM = 500.0


def _at_their_landmark(text: str, slots: list[_Slot], results: list[ResolvedPlace]) -> None:
    """Place at its landmark town each name the writer placed near it ("the village of Kili, near Goma")
    whose every namesake in the gazetteer lies far from that town (Kiliya, Ukraine): the gazetteer lacks
    the village, which lies by the town, as ``placed_by_container`` places a name with no namesake at all
    (every mention of the same name with it). In place, on ``results``."""
    for i in range(len(slots) - 1):
        a, b = slots[i], slots[i + 1]
        if a.choice < 0 or b.choice < 0 or not placed_near(text, a.mention.end, b.mention.start):
            continue
        anchor, chosen = b.candidates[b.choice].place, a.candidates[a.choice].place
        if anchor.feature_class != "P" or chosen.feature_class != "P":
            continue  # a town near a town: "Yemen near the Red Sea port of Mokha" is no village by a sea
        lat, lon = anchor.lat, anchor.lon
        far = FAR_FROM_LANDMARK_KM
        if any(haversine_km(c.place.lat, c.place.lon, lat, lon) <= far for c in a.candidates):
            continue
        why = (
            f"{INSIDE_REASON}{anchor.name!r}, named right after it as near it: no place of its name lies "
            f"within {FAR_FROM_LANDMARK_KM:.0f} km of it"
        )
        name = fold(a.mention.text)
        for k, slot in enumerate(slots):
            same = fold(slot.mention.text) == name and slot.choice >= 0
            if slot is a or (same and slot.candidates[slot.choice].place.geonameid == chosen.geonameid):
                rp = results[k]
                results[k] = ResolvedPlace(rp.mention, anchor, results[i + 1].score, why, rp.n_candidates)


def _contains(area: Place, place: Place) -> bool:
    """Whether ``area``, a province or district, holds ``place`` (by its admin codes)."""
    if area.admin_level not in (1, 2) or area.feature_class != "A" or area.country_code != place.country_code:
        return False
    same_a1 = bool(area.admin1_code) and area.admin1_code == place.admin1_code
    return same_a1 and (area.admin_level == 1 or area.admin2_code == place.admin2_code)


#: Features named in a ``ResolvedPlace.reason`` when they moved the score.
_CUE_NAMES = {
    "namesake_town": "town in its namesake province",
    "qualifier_fit": "qualifier fits",
    "qualifier_mismatch": "qualifier does not fit",
    "container": "inside the place named after it",
    "focus_country": "focus country",
    "focus_admin1": "focus province",
    "proximity": "near other places",
}


def _cues(row: list[float], vector: tuple[float, ...]) -> str:
    out = []
    n, m = len(vector), len(row)
    n = m if m < n else n  # min(n, m), as zip() stops (without the builtin's call)
    for k, label in _CUE_INDEX:  # only the features that have a label, in FEATURES order
        if k >= n:
            break
        w, x = vector[k], row[k]
        if x and abs(w * x) >= 0.05:
            out.append(f"{label} {w * x:+.2f}")
    return ", ".join(out)


#: (index in FEATURES, label) of the features a reason may name.
_CUE_INDEX = tuple((k, _CUE_NAMES[name]) for k, name in enumerate(FEATURES) if _CUE_NAMES.get(name))


@functools.lru_cache(maxsize=64)
def _context_reach(ctx_w: tuple[float, ...]) -> float:
    """The most the context features can add to a score (each is <= 1): the sum of their positive
    weights but the relative population's, plus 1 (memoised: the weights are the same for every
    mention of every document)."""
    return sum(w for k, w in enumerate(ctx_w) if w > 0 and k != _POP_REL) + 1.0


def _dot(weights: Sequence[float], values: Sequence[float]) -> float:
    """``sum(w * x for w, x in zip(weights, values))``: the same additions in the same order, without a
    generator (starting from 0.0 rather than sum()'s integer 0 adds the same; mypyc needs a float)."""
    total = 0.0
    for w, x in zip(weights, values, strict=True):
        total += w * x
    return total


def _inside(place: Place, container: _Slot) -> bool:
    """True when some candidate of the container (a country or province) contains ``place``."""
    for cand in container.candidates:
        box = cand.place
        if box.geonameid == place.geonameid or box.admin_level > 1:
            continue
        if box.country_code == place.country_code and (
            box.is_country or (box.admin1_code and box.admin1_code == place.admin1_code)
        ):
            return True
    return False


#: a town this large is known by its alternate names too ("Chittagong", "Bombay"): one the news still uses
_RENAMED_CITY_POPULATION = 500_000

#: a city this large owns its name in its country: a smaller town there that bears the name only as an
#: alternate ("Durban" for Durbanville, D'Urban once) is not what the news means by it
_NAME_OWNER_POPULATION = 1_000_000


def _without_lesser_aliases(cands: list[Candidate]) -> list[Candidate]:
    """The candidates less the towns that bear the name only as an alternate in a country where a city
    of a million or more (ten times larger) bears it as its own: "police fired rubber bullets in
    Durban" is the port of 3 million, never Durbanville, even in a story of Cape Town."""
    owners: dict[str, int] = {}
    for c in cands:
        p = c.place
        if (
            c.match in ("primary", "ascii")
            and p.feature_class == "P"
            and p.population >= _NAME_OWNER_POPULATION
        ):
            owners[p.country_code] = max(owners.get(p.country_code, 0), p.population)
    if not owners:
        return cands
    return [
        c
        for c in cands
        if not (
            c.match in ("alternate", "historic")
            and c.place.feature_class == "P"
            and c.place.population * 10 < owners.get(c.place.country_code, 0)
        )
    ]


def _namesake_towns(cands: list[Candidate]) -> set[int]:
    """Indexes of towns that share their name with a province or district they lie in.

    News writes "in Kandahar" for the city and "Kandahar province" for the province, so a bare
    name shared by both leans to the town; a qualifier ("province") turns this off.
    """
    admins = [c.place for c in cands if c.place.admin_level in (1, 2)]
    out: set[int] = set()
    if not admins:
        return out
    for k, cand in enumerate(cands):
        town = cand.place
        if town.feature_class != "P":
            continue
        # a city renamed since ("Chittagong", now Chattogram, in Chittagong Division) keeps its old name
        # in its province's
        renamed = (
            cand.match == "alternate"
            and town.population >= _RENAMED_CITY_POPULATION
            and not set(fold(cand.matched_name).split()) & set(fold(town.name).split())  # not "New York"
        )
        if cand.match not in ("primary", "ascii") and not renamed:
            continue
        for admin in admins:
            same = town.country_code == admin.country_code and town.admin1_code == admin.admin1_code
            if cand.match == "alternate" and not admin.is_admin1:
                continue
            inside = same and (admin.is_admin1 or town.admin2_code in ("", admin.admin2_code))
            # a capital that is a district of its own beside the province it is named after ("Buenos
            # Aires", the federal capital, outside Buenos Aires province): news means the capital
            beside = (
                town.feature_code == "PPLC" and admin.is_admin1 and town.country_code == admin.country_code
            )
            if inside or beside:
                out.add(k)
    return out


@dataclass(frozen=True, slots=True)
class _Focus:
    """What a document is about: probability-weighted shares of countries and provinces over its
    mentions, and the points they chose (each mention's own share is left out of its terms)."""

    countries: dict[str, float]
    admin1: dict[tuple[str, str], float]
    own_countries: list[dict[str, float]]
    own_admin1: list[dict[tuple[str, str], float]]
    own_weight: list[float]
    points: dict[tuple[int, int], list[tuple[int, float, float, float]]]
    flat_points: tuple[tuple[int, float, float, float], ...]
    n_points: int
    total: float
    weights: Weights
    named_admin1: dict[tuple[str, str], frozenset[int]]
    named_countries: dict[str, frozenset[int]]
    group_of: tuple[int, ...]
    #: per mention, the largest dot product of each candidate's unit vector with the chosen points of
    #: the other groups (``_best_dot``), computed for all of them at once; None where not computed
    dots: tuple[list[float] | None, ...] = ()

    @classmethod
    def of(cls, slots: list[_Slot], w: Weights) -> _Focus:
        """The focus of the current choices. Mentions of one name form a group that neither votes
        for itself nor counts as its own neighbour (a repeated name must not confirm itself)."""
        countries: defaultdict[str, float] = defaultdict(float)
        admin1: defaultdict[tuple[str, str], float] = defaultdict(float)
        groups: dict[str, int] = {}
        group_of = [groups.setdefault(fold(s.mention.text), len(groups)) for s in slots]
        own_c: list[defaultdict[str, float]] = [defaultdict(float) for _ in groups]
        own_a: list[defaultdict[tuple[str, str], float]] = [defaultdict(float) for _ in groups]
        own_w = [0.0] * len(groups)
        points: defaultdict[tuple[int, int], set[tuple[int, float, float, float]]] = defaultdict(set)
        total = 0.0
        named_a1: defaultdict[tuple[str, str], set[int]] = defaultdict(set)
        named_cc: defaultdict[str, set[int]] = defaultdict(set)
        for slot, g in zip(slots, group_of, strict=True):
            if slot.choice < 0 or not slot.probs:
                continue
            for cand, pr in zip(slot.candidates, slot.probs, strict=True):
                if pr < 0.01:
                    continue
                place = cand.place
                country = place.is_country  # a property: read once
                wt = (
                    w.focus_weight_country
                    if country
                    else w.focus_weight_admin1
                    if place.is_admin1
                    else w.focus_weight_other
                ) * pr
                cc = place.country_code
                countries[cc] += wt
                own_c[g][cc] += wt
                if place.admin1_code and not country:
                    key = (cc, place.admin1_code)
                    admin1[key] += wt
                    own_a[g][key] += wt
                own_w[g] += wt
                total += wt
            chosen = slot.candidates[slot.choice].place
            if not chosen.is_country:
                points[_cell(chosen.lat, chosen.lon)].add((g, *_unit(chosen.lat, chosen.lon)))
            if chosen.is_admin1:
                named_a1[(chosen.country_code, chosen.admin1_code)].add(g)
            elif chosen.is_country:
                named_cc[chosen.country_code].add(g)
        return cls(
            dict(countries),
            dict(admin1),
            [dict(c) for c in own_c],
            [dict(a) for a in own_a],
            own_w,
            {cell: sorted(pts) for cell, pts in points.items()},
            tuple(p for pts in points.values() for p in pts),
            sum(len(pts) for pts in points.values()),
            total,
            w,
            {k: frozenset(v) for k, v in named_a1.items()},
            {k: frozenset(v) for k, v in named_cc.items()},
            tuple(group_of),
            _nearest_dots(slots, group_of, points),
        )

    def terms(self, idx: int, place: Place, k: int = -1) -> tuple[float, float, float, float, float]:
        """(country share, province share, nearness, province named, country named) of ``place``
        among the other mentions (``place``: candidate ``k`` of mention ``idx``, or another with
        ``k = -1``)."""
        dots = self.dots[idx] if k >= 0 and idx < len(self.dots) else None
        idx = self.group_of[idx]
        total = self.total - self.own_weight[idx]
        if total <= 1e-9:
            return _NO_FOCUS
        cc = place.country_code
        share = (self.countries.get(cc, 0.0) - self.own_countries[idx].get(cc, 0.0)) / total
        a1_share = near = a1_named = ccn = 0.0
        if place.is_country:  # a property: read once; a country has no province, point or country named
            return (share if share > 0.0 else 0.0), a1_share, near, a1_named, ccn
        if place.admin1_code:
            key = (cc, place.admin1_code)
            a1_share = (self.admin1.get(key, 0.0) - self.own_admin1[idx].get(key, 0.0)) / total
        if self.points:
            # Nearest other point by the largest dot product of unit vectors (no trigonometry per pair).
            dot = dots[k] if dots is not None else self._best_dot(idx, place.lat, place.lon)
            if dot > -2.0:
                dot = dot if dot < 1.0 else 1.0  # min(1.0, dot), max(-1.0, ...), without two builtin calls
                km = EARTH_KM * math.acos(dot if dot > -1.0 else -1.0)
                near = math.exp(-km / self.weights.proximity_km)
        if not place.is_admin1:
            a1_named = float(_has_other(self.named_admin1.get((cc, place.admin1_code)), idx))
        ccn = float(_has_other(self.named_countries.get(cc), idx))
        return (share if share > 0.0 else 0.0), (a1_share if a1_share > 0.0 else 0.0), near, a1_named, ccn

    def _best_dot(self, group: int, lat: float, lon: float) -> float:
        """The largest dot product of the unit vector of (lat, lon) with the chosen points of the other
        groups, -2.0 without any (what ``max(..., default=-2.0)`` gives, without a generator)."""
        x, y, z = _unit(lat, lon)
        best = -2.0
        for g, px, py, pz in self._around(lat, lon):
            if g != group:
                dot = x * px + y * py + z * pz
                if dot > best:
                    best = dot
        return best

    def _around(self, lat: float, lon: float) -> Iterable[tuple[int, float, float, float]]:
        """The chosen points to compare with (lat, lon): all of them in a short document; in a long
        one only those in the grid cells around it, within ~1,100 km (where nearness has decayed to
        almost nothing), so long documents do not compare all pairs."""
        if self.n_points <= SMALL_DOCUMENT_POINTS:
            return self.flat_points
        return self._in_cells(lat, lon)

    def _in_cells(self, lat: float, lon: float) -> Iterator[tuple[int, float, float, float]]:
        ci, cj = _cell(lat, lon)
        span = min(18, math.ceil(1.0 / max(0.05, math.cos(math.radians(min(89.0, abs(lat) + GRID_DEG))))))
        for di in (-1, 0, 1):
            for dj in range(-span, span + 1):
                yield from self.points.get((ci + di, (cj + dj) % _LON_CELLS), ())


_NO_FOCUS = (0.0, 0.0, 0.0, 0.0, 0.0)


def _has_other(groups: frozenset[int] | None, idx: int) -> bool:
    """Whether ``groups`` holds a group other than ``idx`` (``bool(groups - {idx})``, without a new set)."""
    if not groups:
        return False
    return len(groups) > 1 or idx not in groups


def _nearest_dots(
    slots: list[_Slot],
    group_of: list[int],
    points: Mapping[tuple[int, int], Iterable[tuple[int, float, float, float]]],
) -> tuple[list[float] | None, ...]:
    """For each mention, ``_Focus._best_dot`` of each of its candidates, all in one numpy computation:
    the same floats (each dot product ``x * px + y * py + z * pz`` by the same multiplications and
    additions, in the same order, elementwise; the largest of them and -2.0). Only where every
    chosen point is compared (``SMALL_DOCUMENT_POINTS``): the Python loop of ``_best_dot`` per
    candidate was the resolver's costliest part; empty otherwise."""
    flat = [p for pts in points.values() for p in pts]
    if not flat or len(flat) > SMALL_DOCUMENT_POINTS:
        return ()
    import numpy as np

    sizes = [len(slot.candidates) for slot in slots]
    units = [_unit(c.place.lat, c.place.lon) for slot in slots for c in slot.candidates]
    if not units:
        return ()
    cx, cy, cz = (np.array(column, dtype=np.float64)[:, None] for column in zip(*units, strict=True))
    pg, px, py, pz = (np.array(column)[None, :] for column in zip(*flat, strict=True))
    dots = cx * px
    dots += cy * py
    dots += cz * pz
    cg = np.repeat(np.array(group_of, dtype=np.intp), sizes)[:, None]
    best: list[float] = np.where(cg == pg, -2.0, dots).max(axis=1).tolist()
    out: list[list[float] | None] = []
    lo = 0
    for size in sizes:
        out.append(best[lo : lo + size])
        lo += size
    return tuple(out)


#: Up to this many chosen points, nearness compares every pair (cheaper than the grid).
SMALL_DOCUMENT_POINTS = 200
#: Grid cell size (degrees) for the nearness search.
GRID_DEG = 10.0
_LON_CELLS = int(360 / GRID_DEG)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / GRID_DEG), math.floor((lon + 180.0) / GRID_DEG) % _LON_CELLS


#: Index of ``pop_rel`` among the context features (the only one that is never positive).
_POP_REL = 5
EARTH_KM = 6371.0088


@functools.lru_cache(maxsize=65536)
def _unit(lat: float, lon: float) -> tuple[float, float, float]:
    """The point on the unit sphere (for fast great-circle comparisons)."""
    p, q = math.radians(lat), math.radians(lon)
    c = math.cos(p)
    return c * math.cos(q), c * math.sin(q), math.sin(p)


#: Level of a bare name set apart from a province of the same name: the town, if one lies in it.
_CONTRAST = "town-if-namesake"
