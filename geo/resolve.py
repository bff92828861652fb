"""Toponym resolution: choose the gazetteer entry each mention names, from context.

Each candidate the gazetteer offers gets a score: the gazetteer's prior (feature code, so a
country or capital beats a village; population; match type, so a primary name beats an old or
alternate one) plus context:

- an explicit qualifier: "Kandahar province" -> the province, "the town of X" -> a town;
- a container right after the name: "Quetta, Pakistan", "Athens, Ga.";
- the document's focus: the countries and provinces its other mentions resolve to;
- spatial minimality: nearness to the document's other places;
- one sense per document: every mention of a name (with the same qualifier level) gets the
  place with the best total score.

Weights are in ``geo/data/toponym_resolver.json``. Every ``ResolvedPlace`` carries a
``reason`` naming the cues that decided it; a mention with no candidate gets ``place=None``
and says so.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

from geo.gazetteer import Gazetteer, haversine_km, prior
from geo.names import fold
from geo.records import Candidate, Document, Mention, Place, ResolvedPlace
from geo.toponyms import Lexicon, qualifier_at

__all__ = ["Resolver", "Weights"]

_CONTAINER_SEP = re.compile(r",\s*|\s*\(\s*")


@dataclass(frozen=True, slots=True)
class Weights:
    """The score weights, read from ``geo/data/toponym_resolver.json`` (see its ``_doc``)."""

    max_candidates: int
    prior: float
    qualifier: float
    qualifier_mismatch: float
    container: float
    focus_country: float
    focus_admin1: float
    proximity: float
    proximity_km: float
    focus_weight_country: float
    focus_weight_admin1: float
    focus_weight_other: float
    demonym_score: float
    suffix_levels: dict[str, frozenset[str]]

    @classmethod
    @functools.cache
    def load(cls) -> Weights:
        """The shipped weights (read once per process)."""
        text = resources.files("geo").joinpath("data/toponym_resolver.json").read_text(encoding="utf-8")
        data: dict[str, Any] = json.loads(text)
        data.pop("_doc", None)
        data["suffix_levels"] = {k: frozenset(v) for k, v in data["suffix_levels"].items()}
        return cls(**data)


@dataclass(slots=True)
class _Slot:
    """Working state of one mention while its document is resolved."""

    mention: Mention
    candidates: list[Candidate]
    priors: list[float]
    level: str = ""
    container: int = -1
    scores: list[float] | None = None
    reasons: list[list[str]] | None = None
    choice: int = -1


class Resolver:
    """``Document -> Document`` filling ``places``: one ``ResolvedPlace`` per mention, same order."""

    def __init__(
        self, gazetteer: Gazetteer, *, weights: Weights | None = None, lexicon: Lexicon | None = None
    ) -> None:
        self.gazetteer = gazetteer
        self.weights = weights or Weights.load()
        self.lexicon = lexicon or Lexicon.load()
        self._cands: dict[tuple[str, str], list[Candidate]] = {}

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
        country = gaz.demonym(mention.text)
        demonym = [Candidate(country, "demonym", mention.text)] if country is not None else []
        if mention.kind == "demonym":
            return demonym
        found = gaz.lookup(mention.text, limit=limit)
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
        codes = self.weights.suffix_levels.get(level or "")
        if not codes:
            return []
        found = self.gazetteer.lookup(" ".join(words[:-1]), limit=self.weights.max_candidates)
        return [c for c in found if c.place.feature_code in codes]

    # -- resolution ---------------------------------------------------------------------------
    def resolve(self, text: str, mentions: Sequence[Mention]) -> list[ResolvedPlace]:
        """Resolve every mention of one document, jointly."""
        slots = [self._slot(text, m) for m in mentions]
        self._link_containers(text, slots)
        for i, slot in enumerate(slots):
            self._score(i, slot, slots, focus=None)
        focus = _Focus.of(slots, self.weights)
        for i, slot in enumerate(slots):
            self._score(i, slot, slots, focus=focus)
        self._one_sense(slots)
        return [self._result(s) for s in slots]

    def _slot(self, text: str, mention: Mention) -> _Slot:
        cands = self.candidates(mention)
        priors = [
            prior(c.place.feature_class, c.place.feature_code, c.place.population, c.match) for c in cands
        ]
        qualifier = mention.qualifier or qualifier_at(text, mention.start, mention.end, self.lexicon)
        level = self.lexicon.qualifiers.get(qualifier, "")
        words = mention.text.split()
        if len(words) > 1 and fold(words[-1]) in self.lexicon.name_suffixes:
            level = self.lexicon.name_suffixes[fold(words[-1])]
        if level not in ("admin1", "admin2"):
            _prefer_namesake_towns(cands, priors)
        return _Slot(mention, cands, priors, level=level)

    def _link_containers(self, text: str, slots: list[_Slot]) -> None:
        """Mark "X, Y" / "X (Y)" pairs where Y is a country or province that can contain X."""
        for a, b in itertools.pairwise(slots):
            gap = text[a.mention.end : b.mention.start]
            if _CONTAINER_SEP.fullmatch(gap) and any(c.place.admin_level <= 1 for c in b.candidates):
                a.container = slots.index(b)

    def _score(self, i: int, slot: _Slot, slots: list[_Slot], *, focus: _Focus | None) -> None:
        w = self.weights
        scores, reasons = [], []
        container = slots[slot.container] if slot.container >= 0 else None
        for cand, pr in zip(slot.candidates, slot.priors, strict=True):
            why: list[str] = []
            s = w.prior * pr
            s += self._qualifier_term(slot.level, cand.place, why)
            if container is not None:
                s += self._container_term(cand.place, container, why)
            if focus is not None:
                s += focus.term(i, cand.place, why)
            scores.append(s)
            reasons.append(why)
        slot.scores, slot.reasons = scores, reasons
        slot.choice = max(range(len(scores)), key=scores.__getitem__) if scores else -1

    def _qualifier_term(self, level: str, place: Place, why: list[str]) -> float:
        if not level or level == "border":
            return 0.0
        codes = self.weights.suffix_levels.get(level)
        if level == "country":
            fits = place.is_country
        elif codes is not None:
            fits = place.feature_code in codes
        else:
            return 0.0
        if fits:
            why.append(f"qualifier:{level}")
            return self.weights.qualifier
        return self.weights.qualifier_mismatch

    def _container_term(self, place: Place, container: _Slot, why: list[str]) -> float:
        for cand in container.candidates:
            box = cand.place
            if box.geonameid == place.geonameid or box.admin_level > 1:
                continue
            inside = box.country_code == place.country_code and (
                box.is_country or (box.admin1_code and box.admin1_code == place.admin1_code)
            )
            if inside:
                why.append(f"in:{box.name}")
                return self.weights.container
        return 0.0

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
                assert slot.scores is not None
                for cand, score in zip(slot.candidates, slot.scores, strict=True):
                    totals[cand.place.geonameid] += score
            best_id = max(totals, key=totals.__getitem__)
            for slot in group:
                for k, cand in enumerate(slot.candidates):
                    if cand.place.geonameid == best_id:
                        slot.choice = k

    def _result(self, slot: _Slot) -> ResolvedPlace:
        m = slot.mention
        if not slot.candidates or slot.scores is None or slot.choice < 0:
            return ResolvedPlace(m, None, 0.0, f"no gazetteer entry for {m.text!r}", 0)
        k = slot.choice
        cand = slot.candidates[k]
        top = max(slot.scores)
        confidence = 1.0 / sum(math.exp(s - slot.scores[k]) for s in slot.scores) if top > -math.inf else 0.0
        cues = ", ".join(slot.reasons[k]) if slot.reasons else ""
        reason = f"{cand.match} name, {cand.place.feature_code}" + (f"; {cues}" if cues else "")
        reason += f"; best of {len(slot.candidates)}"
        return ResolvedPlace(m, cand.place, round(confidence, 4), reason, len(slot.candidates))


def _prefer_namesake_towns(cands: list[Candidate], priors: list[float]) -> None:
    """A bare name shared by a province (or district) and a town inside it means the town.

    News writes "in Kandahar" for the city and "Kandahar province" for the province, so the
    town takes the province's prior plus a little; a qualifier ("province") undoes this.
    """
    admins = [(c.place, pr) for c, pr in zip(cands, priors, strict=True) if c.place.admin_level in (1, 2)]
    if not admins:
        return
    for k, cand in enumerate(cands):
        town = cand.place
        if town.feature_class != "P" or cand.match not in ("primary", "ascii"):
            continue
        for admin, pr in admins:
            same = town.country_code == admin.country_code and town.admin1_code == admin.admin1_code
            if same and (admin.is_admin1 or town.admin2_code in ("", admin.admin2_code)):
                priors[k] = max(priors[k], pr + 0.5)


@dataclass(frozen=True, slots=True)
class _Focus:
    """What a document is about: weighted shares of countries and provinces, and its chosen points."""

    countries: dict[str, float]
    admin1: dict[tuple[str, str], float]
    own: dict[int, tuple[str, tuple[str, str], float, float]]
    points: tuple[tuple[int, float, float], ...]
    total: float
    weights: Weights

    @classmethod
    def of(cls, slots: list[_Slot], w: Weights) -> _Focus:
        countries: defaultdict[str, float] = defaultdict(float)
        admin1: defaultdict[tuple[str, str], float] = defaultdict(float)
        own: dict[int, tuple[str, tuple[str, str], float, float]] = {}
        points = []
        total = 0.0
        for i, slot in enumerate(slots):
            if slot.choice < 0:
                continue
            place = slot.candidates[slot.choice].place
            weight = (
                w.focus_weight_country
                if place.is_country
                else w.focus_weight_admin1
                if place.is_admin1
                else w.focus_weight_other
            )
            a1 = (place.country_code, place.admin1_code)
            a1_weight = weight if place.admin1_code and not place.is_country else 0.0
            countries[place.country_code] += weight
            admin1[a1] += a1_weight
            own[i] = (place.country_code, a1, weight, a1_weight)
            total += weight
            if not place.is_country:
                points.append((i, place.lat, place.lon))
        return cls(dict(countries), dict(admin1), own, tuple(points), total, w)

    def term(self, idx: int, place: Place, why: list[str]) -> float:
        """The focus and proximity bonus of ``place`` for mention ``idx`` (its own first choice left out,
        so a name cannot vote for itself)."""
        w = self.weights
        cc, a1, weight, a1_weight = self.own.get(idx, ("", ("", ""), 0.0, 0.0))
        total = self.total - weight
        if total <= 0:
            return 0.0
        bonus = 0.0
        share = (
            self.countries.get(place.country_code, 0.0) - (weight if cc == place.country_code else 0.0)
        ) / total
        if share > 0:
            bonus += w.focus_country * share
            why.append(f"focus:{place.country_code}={share:.2f}")
        if place.admin1_code and not place.is_country:
            key = (place.country_code, place.admin1_code)
            a1_share = (self.admin1.get(key, 0.0) - (a1_weight if a1 == key else 0.0)) / total
            if a1_share > 0:
                bonus += w.focus_admin1 * a1_share
                why.append(f"focus:{place.country_code}.{place.admin1_code}={a1_share:.2f}")
        if not place.is_country and self.points:
            near = max(
                (
                    math.exp(-haversine_km(place.lat, place.lon, lat, lon) / w.proximity_km)
                    for i, lat, lon in self.points
                    if i != idx
                ),
                default=0.0,
            )
            if near > 0.05:
                bonus += w.proximity * near
                why.append(f"near:{near:.2f}")
        return bonus
