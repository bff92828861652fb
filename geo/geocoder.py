"""A geopy geocoder over the offline gazetteer: code written for Nominatim works without a network.

>>> from geo.geocoder import OfflineGeocoder
>>> geolocator = OfflineGeocoder()                     # the default gazetteer
>>> loc = geolocator.geocode("Quetta, Pakistan")       # doctest: +SKIP
>>> loc.latitude, loc.longitude, loc.raw["geonameid"]  # doctest: +SKIP

``geocode`` ranks like ``Gazetteer.lookup`` (the geoparser's prior), except that a city comes
before the province or district named after it ("Kandahar", "Herat", "New York": the city,
as Nominatim answers; ``featuretype="state"`` asks for the province); a trailing ", Country"
part of a query restricts the country. ``reverse`` returns the nearest populated places.
``Location.raw`` is our record as a dict (``geo.gazetteer.place_record``), like a provider's
JSON in geopy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from geo.gazetteer import Gazetteer, haversine_km, place_record
from geo.names import fold, spelling_variants
from geo.records import Candidate, Place

__all__ = ["OfflineGeocoder", "city_before_its_namesake_province", "lookup_any_spelling"]

_STRUCTURED_KEYS = ("city", "county", "state", "country")


class OfflineGeocoder(Geocoder):
    """``geopy.geocoders.base.Geocoder`` answering from a local gazetteer database; never goes online."""

    def __init__(
        self,
        gazetteer: Gazetteer | Path | str | None = None,
        *,
        build_if_missing: bool = False,
        user_agent: str = "geo-conflict-mapper-offline",
        timeout: Any = DEFAULT_SENTINEL,
    ) -> None:
        super().__init__(user_agent=user_agent, timeout=timeout)
        if isinstance(gazetteer, Gazetteer):
            self.gazetteer = gazetteer
        else:
            path = gazetteer
            if build_if_missing:
                from geo.gazetteer_build import ensure_gazetteer

                path = ensure_gazetteer(gazetteer, progress=False)
            self.gazetteer = Gazetteer.open(path)

    def geocode(
        self,
        query: str | Mapping[str, str],
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        limit: int | None = None,
        country_codes: str | Iterable[str] | None = None,
        featuretype: str | None = None,
        **_ignored: Any,
    ) -> Location | list[Location] | None:
        """Locations for a place name (or a structured dict), best first; ``None`` when nothing matches.

        ``featuretype`` follows Nominatim: ``country``, ``state``, ``county``, ``city``/``settlement``.
        """
        name, countries = self._parse_query(query, country_codes)
        wanted = 1 if exactly_one else limit
        found = city_before_its_namesake_province(lookup_any_spelling(self.gazetteer, name, countries))
        if featuretype:
            found = [c for c in found if _is_featuretype(c.place, featuretype)]
        found = found[:wanted] if wanted is not None else found
        locations = [_location(c.place, {"match": c.match, "matched_name": c.matched_name}) for c in found]
        return _answer(locations, exactly_one)

    def reverse(
        self,
        query: Point | str | tuple[float, float] | list[float],
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        limit: int = 5,
        feature_classes: str | None = "P",
        **_ignored: Any,
    ) -> Location | list[Location] | None:
        """The place(s) nearest to a point (``"lat, lon"``, a tuple or a ``Point``); populated places
        by default. ``raw`` adds ``distance_km`` and ``containing_country_code``: the country whose
        outline holds the point ("" at sea or where no outline is stored)."""
        point = query if isinstance(query, Point) else Point(query)
        k = 1 if exactly_one else limit
        lat, lon = point.latitude, point.longitude
        places = self.gazetteer.nearest(lat, lon, k, feature_classes=feature_classes)
        container = self.gazetteer.country_at(lat, lon) if places else None
        extra = {"containing_country_code": container.country_code if container else ""}
        locations = [
            _location(p, {"distance_km": round(haversine_km(lat, lon, p.lat, p.lon), 3), **extra})
            for p in places
        ]
        return _answer(locations, exactly_one)

    def _parse_query(
        self, query: str | Mapping[str, str], country_codes: str | Iterable[str] | None
    ) -> tuple[str, list[str] | None]:
        """The name to look up and the country filter (from ``country_codes`` or a ", Country" suffix)."""
        codes = [country_codes] if isinstance(country_codes, str) else list(country_codes or [])
        if isinstance(query, Mapping):
            parts = [str(query[k]) for k in _STRUCTURED_KEYS if query.get(k)]
        else:
            parts = [p.strip() for p in str(query).split(",") if p.strip()]
        if len(parts) > 1:
            country = self._country_of(parts[-1])
            if country is not None:
                codes.append(country.country_code)
                parts = parts[:-1]
        return (parts[0] if parts else ""), ([c.upper() for c in codes] or None)

    def _country_of(self, text: str) -> Place | None:
        if len(text) in (2, 3) and text.isalpha() and text.isupper():
            return self.gazetteer.country(text)
        top = self.gazetteer.lookup(text, limit=1)
        return top[0].place if top and top[0].place.is_country else None


NAMESAKE_CITY_SHARE = 0.1  # the city must hold this share of its province's people (or the province none)


def lookup_any_spelling(
    gazetteer: Gazetteer, name: str, countries: list[str] | None = None
) -> list[Candidate]:
    """``gazetteer.lookup``, or when nothing has the name as written, the places of the first other
    transliteration that has any ("Hodeidah" -> Al Hudaydah; ``geo.names.spelling_variants``)."""
    found = gazetteer.lookup(name, country_codes=countries)
    if found:
        return found
    for variant in spelling_variants(fold(name)):
        found = gazetteer.lookup(variant, country_codes=countries)
        if found:
            return found
    return []


def city_before_its_namesake_province(found: list[Candidate]) -> list[Candidate]:
    """Move a populated place ahead of a top-ranked province/district of the same name that contains it.

    Geocoder users asking for "Kandahar" mean the city, not Kandahar province; the geoparser
    decides from context instead, so this reordering lives here, not in the gazetteer prior.
    """
    if not found or found[0].place.admin_level not in (1, 2):
        return found
    area = found[0].place
    for i, cand in enumerate(found[1:], start=1):
        city = cand.place
        inside = city.country_code == area.country_code and city.admin1_code == area.admin1_code
        if area.is_admin2:
            inside = inside and city.admin2_code == area.admin2_code
        big_enough = area.population == 0 or city.population >= NAMESAKE_CITY_SHARE * area.population
        # "Gaza": the Strip's own name in news (``gazetteer_admin1_aliases.csv``), the city's only as an
        # alternate: the division stays first
        own_name = cand.match in ("primary", "ascii") or found[0].match not in ("primary", "ascii")
        if city.feature_class == "P" and inside and big_enough and own_name:
            return [cand, *found[:i], *found[i + 1 :]]
    return found


def _is_featuretype(place: Place, featuretype: str) -> bool:
    levels = {"country": 0, "state": 1, "county": 2}
    if featuretype in levels:
        return place.admin_level == levels[featuretype] and place.feature_class == "A"
    return place.feature_class == "P"


def _address(place: Place) -> str:
    parts = [place.name, place.admin2_name, place.admin1_name, place.country_name]
    out: list[str] = []
    for part in parts:
        if part and part not in out:
            out.append(part)
    return ", ".join(out)


def _location(place: Place, extra: dict[str, Any]) -> Location:
    raw = {**place_record(place), **extra}
    return Location(_address(place), (place.lat, place.lon), raw)


def _answer(locations: list[Location], exactly_one: bool) -> Location | list[Location] | None:
    if not locations:
        return None
    return locations[0] if exactly_one else locations


def candidate_location(candidate: Candidate) -> Location:
    """A geopy ``Location`` for one gazetteer candidate (used by code that already holds candidates)."""
    return _location(candidate.place, {"match": candidate.match, "matched_name": candidate.matched_name})
