"""geo.geocoder.OfflineGeocoder used the way geopy users use Nominatim, on the tiny real gazetteer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from geopy.distance import great_circle
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from geo.gazetteer import Gazetteer
from geo.geocoder import OfflineGeocoder


@pytest.fixture()
def geolocator(tiny_gazetteer_path: Path) -> Iterator[OfflineGeocoder]:
    geocoder = OfflineGeocoder(tiny_gazetteer_path)
    yield geocoder
    geocoder.gazetteer.close()


def test_is_a_geopy_geocoder(geolocator: OfflineGeocoder) -> None:
    assert isinstance(geolocator, Geocoder)


def test_geocode_exactly_one_returns_a_location(geolocator: OfflineGeocoder) -> None:
    location = geolocator.geocode("Quetta")
    assert isinstance(location, Location)
    assert (location.latitude, location.longitude) == (30.18414, 67.00141)
    assert isinstance(location.point, Point)
    assert great_circle(location.point, (30.18, 67.0)).km < 1
    assert location.address == "Quetta, Balochistan, Pakistan"
    assert location.raw["geonameid"] == 1167528
    assert location.raw["feature_class"] == "P" and location.raw["country_code"] == "PK"
    assert location.raw["match"] == "primary"
    address, (lat, lon) = location  # a geopy Location unpacks as (address, (lat, lon))
    assert (address, lat, lon) == ("Quetta, Balochistan, Pakistan", 30.18414, 67.00141)


def test_geocode_many_follows_the_lookup_ranking_but_names_the_city_first(
    geolocator: OfflineGeocoder, tiny_gazetteer: Gazetteer
) -> None:
    locations = geolocator.geocode("Kandahar", exactly_one=False)
    assert isinstance(locations, list) and all(isinstance(x, Location) for x in locations)
    ranked = [c.place.geonameid for c in tiny_gazetteer.lookup("Kandahar")]
    assert ranked[0] == 1138335  # the geoparser's prior: the province (context decides there)
    got = [x.raw["geonameid"] for x in locations]
    assert got[0] == 1138336  # a geocoder user asking for "Kandahar" means the city, as Nominatim answers
    assert sorted(got) == sorted(ranked) and [g for g in got if g != 1138336] == [
        g for g in ranked if g != 1138336
    ]
    assert geolocator.geocode("Quetta").raw["geonameid"] == 1167528  # type: ignore[union-attr]
    assert len(geolocator.geocode("Kandahar", exactly_one=False, limit=2)) == 2  # type: ignore[arg-type]


def test_geocode_country_codes_string_or_list(geolocator: OfflineGeocoder) -> None:
    assert geolocator.geocode("Kandahar", country_codes="in").raw["geonameid"] == 1268153  # type: ignore[union-attr]
    only_af = geolocator.geocode("Kandahar", exactly_one=False, country_codes=["AF"])
    assert {x.raw["country_code"] for x in only_af} == {"AF"}  # type: ignore[union-attr]
    assert geolocator.geocode("Quetta", country_codes=["AF"]) is None


def test_geocode_country_suffix_and_structured_query(geolocator: OfflineGeocoder) -> None:
    assert geolocator.geocode("Kandahar, India").raw["geonameid"] == 1268153  # type: ignore[union-attr]
    assert geolocator.geocode("Islamabad, PK").raw["country_code"] == "PK"  # type: ignore[union-attr]
    hit = geolocator.geocode({"city": "Kandahar", "country": "India"})
    assert hit.raw["geonameid"] == 1268153  # type: ignore[union-attr]


def test_geocode_featuretype(geolocator: OfflineGeocoder) -> None:
    assert geolocator.geocode("Kandahar", featuretype="city").raw["feature_class"] == "P"  # type: ignore[union-attr]
    assert geolocator.geocode("Kandahar", featuretype="state").raw["feature_code"] == "ADM1"  # type: ignore[union-attr]


def test_geocode_nothing_is_none(geolocator: OfflineGeocoder) -> None:
    assert geolocator.geocode("Atlantis") is None
    assert geolocator.geocode("Atlantis", exactly_one=False) is None
    assert geolocator.geocode("") is None


def test_reverse_from_a_lat_lon_string(geolocator: OfflineGeocoder) -> None:
    location = geolocator.reverse("31.60, 65.70")
    assert isinstance(location, Location)
    assert location.raw["geonameid"] == 1138336  # Kandahār city (populated places by default)
    assert location.address.startswith("Kandahār, ")
    assert location.raw["containing_country_code"] == "AF"
    at_sea = geolocator.reverse("0.0, -30.0")  # the nearest town is far away; no country holds the point
    assert at_sea is not None and at_sea.raw["containing_country_code"] == ""
    assert location.raw["distance_km"] == pytest.approx(
        great_circle((31.60, 65.70), location.point).km, abs=0.01
    )


def test_reverse_from_a_point_many(geolocator: OfflineGeocoder) -> None:
    here = Point(34.0, 70.0)
    found = geolocator.reverse(here, exactly_one=False, limit=3)
    assert isinstance(found, list) and len(found) == 3
    assert all(x.raw["feature_class"] == "P" for x in found)
    distances = [x.raw["distance_km"] for x in found]
    assert distances == sorted(distances)
    peak = geolocator.reverse(here, feature_classes="T")
    assert peak.raw["geonameid"] == 1131461  # type: ignore[union-attr]
    assert geolocator.reverse((30.2, 67.0)).raw["geonameid"] == 1167528  # type: ignore[union-attr]


def test_works_behind_geopys_rate_limiter(geolocator: OfflineGeocoder) -> None:
    geocode = RateLimiter(geolocator.geocode, min_delay_seconds=0)
    assert [geocode(q).raw["geonameid"] for q in ("Quetta", "Tora Bora")] == [1167528, 1131461]


def test_accepts_an_open_gazetteer(tiny_gazetteer: Gazetteer) -> None:
    geocoder = OfflineGeocoder(tiny_gazetteer)
    assert geocoder.gazetteer is tiny_gazetteer
    assert geocoder.geocode("Mazar-e-Sharif").raw["geonameid"] == 1133616  # type: ignore[union-attr]


def test_another_transliteration_is_found_when_the_spelling_is_not(gazetteer: Gazetteer) -> None:
    """News writes "Hodeidah"; GeoNames knows the port as Al Hudaydah and lacks that spelling."""
    assert gazetteer.lookup("Hodeidah") == []
    found = OfflineGeocoder(gazetteer).geocode("Hodeidah, Yemen")
    assert found is not None and found.raw["country_code"] == "YE" and found.raw["population"] > 100_000


def test_geocode_gaza_names_the_strip_first_and_kandahar_the_city(gazetteer: Gazetteer) -> None:
    """News gives "Gaza" to the Strip (``gazetteer_admin1_aliases.csv``: the city holds it only as an
    alternate name), so the Strip stays first; "Kandahar" is the city's own name too, and the city comes
    first."""
    from geo.geocoder import city_before_its_namesake_province, lookup_any_spelling

    gaza = city_before_its_namesake_province(lookup_any_spelling(gazetteer, "Gaza", None))
    assert gaza[0].place.name == "Gaza Strip"
    kandahar = city_before_its_namesake_province(lookup_any_spelling(gazetteer, "Kandahar", None))
    assert kandahar[0].place.feature_class == "P"
