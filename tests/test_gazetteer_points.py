"""Points of countries, provinces and districts in the embedded default gazetteer (geo/gazetteer_build.py).

The rule tests use made-up shapes and places; the last tests read the real default database
(the ``gazetteer`` fixture) for facts of geography that a wrong join would break.
"""

from __future__ import annotations

import csv
from importlib import resources

import pytest
import shapely

from geo.gazetteer import Gazetteer, haversine_km
from geo.gazetteer_build import (
    PointRules,
    admin2_points,
    admin_terms,
    bbox_centre,
    central_point,
    country_point_plausible,
    country_points,
    curated_places,
    drop_outliers,
    find_admin_dir,
    inside_interior,
    load_point_rules,
    mean_point,
    near_outline,
    province_point,
    strip_admin_terms,
)

RULES = PointRules(
    admin1_min_members_for_bbox=4,
    bbox_trim_min_members=50,
    bbox_trim_fraction=0.01,
    outline_tolerance_km=25.0,
    max_km_from_members=500.0,
    country_max_km_from_nearest_place=100.0,
)
# a made-up square country from 30N to 36N and 60E to 70E
SQUARE = shapely.box(60.0, 30.0, 70.0, 36.0)


def test_bbox_centre_is_the_midpoint_of_the_extremes_not_the_mean() -> None:
    points = [(31.0, 61.0), (31.1, 61.2), (31.2, 61.1), (35.0, 69.0)]
    assert bbox_centre(points, RULES) == pytest.approx((33.0, 65.0))
    assert mean_point(points) == pytest.approx((32.075, 63.075))


def test_bbox_centre_ignores_a_stray_member_when_there_are_many() -> None:
    grid = [(10.0 + i % 10 / 10, 20.0 + i // 10) for i in range(100)]  # 10.0-10.9 N x 20-29 E
    stray = [(10.5, 120.0)]
    lat, lon = bbox_centre(grid + stray, RULES)
    assert lat == pytest.approx(10.45)
    assert lon == pytest.approx(24.5)  # the stray at 120E is trimmed; untrimmed the centre is at 70E


def test_drop_outliers_removes_members_with_a_wrong_code_far_away() -> None:
    """A province in the east whose member list has a few villages 2,000 km west (a wrong code)."""
    province = [(38.0 + i % 6 * 0.3, 114.0 + i // 6 * 0.3) for i in range(60)]
    wrong = [(31.9, 90.8), (30.9, 95.2)]
    kept = drop_outliers(province + wrong, RULES)
    assert kept == province
    lat, lon = bbox_centre(province + wrong, RULES)
    assert (lat, lon) == pytest.approx(bbox_centre(province, RULES))
    assert 114.0 < lon < 117.0
    assert drop_outliers(wrong + province[:3], RULES) == wrong + province[:3]  # too few to judge


def test_centres_straddling_the_antimeridian_stay_there() -> None:
    points = [(-17.0, 178.0), (-18.0, 179.5), (-16.5, -179.0)]
    lat, lon = bbox_centre(points, RULES)
    assert lat == pytest.approx(-17.25)
    assert lon == pytest.approx(179.5)
    _lat, lon = mean_point(points)
    assert abs(lon) > 179.0  # not near 0 (Greenwich), where a naive mean of 178, 179.5, -179 lands


def test_near_outline() -> None:
    assert near_outline(33.0, 65.0, SQUARE, 25.0)
    assert near_outline(36.1, 65.0, SQUARE, 25.0)  # about 11 km outside: tolerated
    assert not near_outline(39.3, -76.6, SQUARE, 25.0)
    assert near_outline(39.3, -76.6, None, 25.0)  # nothing to check against


def test_province_point_rejects_a_package_point_outside_the_country() -> None:
    """The Helmand bug: a package's province point on another continent is not used."""
    members = [(31.5, 64.3), (31.0, 64.0), (30.9, 64.5)]
    lat, lon, source = province_point((39.3, -76.6), members, SQUARE, RULES)  # type: ignore[misc]
    assert source == "member-places-mean"
    assert (lat, lon) == pytest.approx(mean_point(members))
    assert province_point((39.3, -76.6), [], SQUARE, RULES) is None


def test_province_point_rejects_a_package_point_far_from_the_members() -> None:
    members = [(31.5, 61.3), (31.0, 61.0)]  # the west end of the country
    point = province_point((35.5, 69.5), members, SQUARE, RULES)  # inside, but ~800 km away
    assert point is not None and point[2] == "member-places-mean"


def test_province_point_prefers_the_members_box_then_the_package_point() -> None:
    few = [(31.5, 64.3), (31.0, 64.0)]
    assert province_point((31.3, 64.2), few, SQUARE, RULES) == (31.3, 64.2, "country_state_city")
    assert province_point((31.3, 64.2), [], SQUARE, RULES) == (31.3, 64.2, "country_state_city")
    many = [(31.0, 61.0), (31.1, 61.5), (31.2, 62.0), (33.0, 63.0)]
    lat, lon, source = province_point((31.3, 64.2), many, SQUARE, RULES)  # type: ignore[misc]
    assert source == "member-places-bbox-centre"
    assert (lat, lon) == pytest.approx((32.0, 62.0))


def test_province_point_ignores_a_members_box_centre_outside_the_country() -> None:
    """A crescent-shaped province: the middle of its members' box lies outside the country."""
    crescent = shapely.Polygon([(0, 0), (10, 0), (10, 2), (2, 2), (2, 8), (10, 8), (10, 10), (0, 10)])
    members = [(1.0, 9.0), (1.0, 5.0), (5.0, 1.0), (9.0, 1.0), (9.0, 5.0), (9.0, 9.0)]
    point = province_point(None, members, crescent, RULES)
    assert point is not None and point[2] == "member-places-mean"


def test_country_point_plausible() -> None:
    places = [(33.0, 65.0), (34.0, 68.0)]
    assert country_point_plausible(33.5, 66.0, SQUARE, places, RULES)
    assert not country_point_plausible(29.5, 45.75, SQUARE, places, RULES)
    # outside a simplified outline but beside one of its places (a small island)
    island = [(25.0, 50.0)]
    assert country_point_plausible(25.3, 50.2, SQUARE, [*places, *island], RULES)
    assert country_point_plausible(29.5, 45.75, SQUARE, [], RULES)  # nothing to check it by


def test_point_rules_load_from_data() -> None:
    rules = load_point_rules()
    assert rules.admin1_min_members_for_bbox >= 1
    assert "US" in rules.same_name_town_countries_excluded


def test_admin2_points_name_known_districts() -> None:
    codes = {
        line.split("\t", 1)[0]
        for line in (find_admin_dir() / "admin2Codes.txt").read_text(encoding="utf-8").splitlines()
    }
    points = admin2_points()
    assert len(points) > 10_000
    assert set(points) <= codes
    text = resources.files("geo").joinpath("data/gazetteer_admin2_points.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(ln for ln in text.splitlines() if not ln.startswith("#")))
    assert all(int(r["members"]) >= 1 for r in rows)


# -- the real default database -------------------------------------------------------------

HELMAND = 1140043
ALLOWED_SOURCES = {
    "geonames",
    "country_state_city",
    "countryinfo",
    "member-places-bbox-centre",
    "curated",
    "member-places-mean",
    "same-name-town-in-admin1",
}


def test_helmand_lies_in_afghanistan(gazetteer: Gazetteer) -> None:
    helmand = gazetteer.get(HELMAND)
    assert helmand is not None and helmand.name == "Helmand"
    country = gazetteer.country_at(helmand.lat, helmand.lon)
    assert country is not None and country.country_code == "AF"


def test_provinces_lie_in_their_country_or_beside_its_places(gazetteer: Gazetteer) -> None:
    """No province point on another continent: each lies within its country's outline (25 km
    tolerance, the outlines are coarse) or within 250 km of a populated place of its own country
    (islands that the outlines leave out: the Azores; the middle of an archipelago: Riau)."""
    from shapely import wkb

    conn = gazetteer._conn
    outlines = {cc: wkb.loads(blob) for cc, blob in conn.execute("SELECT cc, wkb FROM shapes")}
    rows = conn.execute(
        "SELECT name, lat, lon, country_code, point_source FROM places WHERE feature_code = 'ADM1'"
    ).fetchall()
    assert len(rows) > 3000
    stray = []
    for name, lat, lon, cc, source in rows:
        assert source in ALLOWED_SOURCES
        if near_outline(lat, lon, outlines.get(cc), 25.0):
            continue
        near = conn.execute(
            "SELECT p.lat, p.lon FROM places_rtree r JOIN places p ON p.geonameid = r.id "
            "WHERE r.min_lat BETWEEN ? AND ? AND r.min_lon BETWEEN ? AND ? "
            "AND p.country_code = ? AND p.feature_class = 'P'",
            (lat - 3, lat + 3, lon - 4, lon + 4, cc),
        ).fetchall()
        if not any(haversine_km(lat, lon, a, b) <= 250 for a, b in near):
            stray.append((name, cc, source, lat, lon))
    assert stray == []


def test_us_counties_sit_in_their_own_county_area(gazetteer: Gazetteer) -> None:
    lamar_tx = gazetteer.admin2("US", "TX", "277")  # Lamar County, Texas: Paris, on the Red River
    assert lamar_tx is not None and lamar_tx.name == "Lamar County"
    assert 33.3 < lamar_tx.lat < 34.0 and -96.0 < lamar_tx.lon < -95.0
    counties = gazetteer._conn.execute(
        "SELECT COUNT(*), SUM(point_source = 'same-name-town-in-admin1') FROM places "
        "WHERE country_code = 'US' AND feature_code = 'ADM2'"
    ).fetchone()
    assert counties[0] > 3000
    assert counties[1] == 0


def test_a_state_is_not_placed_on_its_largest_city(gazetteer: Gazetteer) -> None:
    state = gazetteer.admin1("US", "NY")
    city = gazetteer.get(5128581)  # New York City
    assert state is not None and city is not None
    assert haversine_km(state.lat, state.lon, city.lat, city.lon) > 150


def test_central_point_takes_the_published_point_nearest_the_main_landmass() -> None:
    """A country of a big square mainland and a small far island: of two published points, the
    one in the middle of the mainland wins; without an outline the first one does."""
    mainland = shapely.box(60.0, 30.0, 70.0, 36.0)
    island = shapely.box(90.0, 10.0, 91.0, 11.0)
    country = shapely.union_all([mainland, island])
    edge = (35.5, 69.5, "geonames")
    middle = (33.0, 65.2, "country_state_city")
    assert central_point([edge, middle], country) == middle
    assert central_point([edge, middle], None) == edge
    assert central_point([edge], country) == edge
    assert central_point([], country) is None


def test_province_point_takes_the_package_point_only_well_inside_the_members_box() -> None:
    """A province populated along its southern edge: its members' box centre sits in the south, the
    package's centre point lies well inside the box and is taken; a package point on the box's edge
    (a capital on the coast) is not."""
    rules = PointRules(admin1_min_members_for_bbox=4, admin1_package_min_edge_fraction=0.1)
    members = [(30.5 + i % 3 * 0.2, 60.5 + i) for i in range(9)] + [(35.5, 64.0)]  # south row + one in north
    box = (30.5, 35.5, 60.5, 68.5)
    assert inside_interior(33.0, 64.0, box, 0.1)
    assert not inside_interior(30.6, 68.4, box, 0.1)
    assert province_point((33.0, 64.0), members, SQUARE, rules) == (33.0, 64.0, "country_state_city")
    lat, lon, source = province_point((30.6, 68.4), members, SQUARE, rules)  # type: ignore[misc]
    assert source == "member-places-bbox-centre"
    assert (lat, lon) == pytest.approx((33.0, 64.5))
    # switched off (the default), the box centre is used
    off = PointRules(admin1_min_members_for_bbox=4)
    assert province_point((33.0, 64.0), members, SQUARE, off)[2] == "member-places-bbox-centre"  # type: ignore[index]


def test_inside_interior_across_the_antimeridian() -> None:
    box = (-20.0, -15.0, 175.0, 185.0)  # 175E to 175W
    assert inside_interior(-17.5, 179.9, box, 0.1)
    assert inside_interior(-17.5, -179.5, box, 0.1)
    assert not inside_interior(-17.5, -175.1, box, 0.1)


def test_country_points_file_is_complete_and_in_range() -> None:
    points = country_points()
    assert len(points) > 190
    assert points["US"] == pytest.approx((39.76, -98.5))
    for cc, (lat, lon) in points.items():
        assert len(cc) == 2 and cc.isupper()
        assert -90 <= lat <= 90 and -180 <= lon <= 180


def test_curated_places_are_regions_waters_and_landforms() -> None:
    places = curated_places()
    assert len(places) >= 100
    assert len({p.geonameid for p in places}) == len(places)
    assert {p.feature_class for p in places} <= {"L", "H", "T", "A"}
    assert {p.feature_code for p in places if p.feature_class == "A"} == {"ADM1H"}  # historic divisions only
    names = {p.name for p in places}
    assert {"Darfur", "Indian Ocean", "Persian Gulf", "Caucasus", "Balkans", "European Union"} <= names
    by_name = {p.name: p for p in places}
    assert by_name["Middle East"].population > 100_000_000  # a prominence prior, not a village's 2,000
    assert by_name["Indian Ocean"].population == 0


def test_country_points_sit_in_the_middle_of_their_country(gazetteer: Gazetteer) -> None:
    """The US on GeoNames' point in Kansas (not country_state_city's 235 km off); Canada in the middle
    of its mainland, not on GeoNames' point in Alberta."""
    us = gazetteer.country("US")
    canada = gazetteer.country("CA")
    assert us is not None and canada is not None
    assert haversine_km(us.lat, us.lon, 39.76, -98.5) < 5
    assert us.point_source == "geonames"
    assert -105.0 < canada.lon < -90.0


@pytest.mark.parametrize(
    ("name", "code", "cc", "near"),
    [
        ("Darfur", "RGN", "SD", (13.0, 24.5)),
        ("Indian Ocean", "OCN", "", (-20.0, 80.0)),
        ("Persian Gulf", "GULF", "", (26.5, 52.0)),
        ("Arabian Gulf", "GULF", "", (26.5, 52.0)),
        ("South Ossetia", "RGN", "GE", (42.3, 44.0)),
    ],
)
def test_curated_places_are_in_the_default_gazetteer(
    gazetteer: Gazetteer, name: str, code: str, cc: str, near: tuple[float, float]
) -> None:
    found = [c.place for c in gazetteer.lookup(name) if c.place.feature_code == code]
    assert found, name
    place = found[0]
    assert place.country_code == cc and place.point_source == "curated"
    assert haversine_km(place.lat, place.lon, *near) < 50


def test_province_abbreviations_name_their_province(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("NSW")
    assert found and found[0].place.name == "New South Wales" and found[0].match == "abbreviation"
    monufia = [c.place for c in gazetteer.lookup("Menoufia") if c.place.is_admin1]
    assert monufia and monufia[0].country_code == "EG" and monufia[0].admin1_code == "09"


def test_a_division_owns_the_short_name_news_gives_it(gazetteer: Gazetteer) -> None:
    """ "Gaza" is the Strip (an alias of match primary); the city and the governorate keep "Gaza" only as
    an alternate, and "Gaza City" is still the city."""
    gaza = [c for c in gazetteer.lookup("Gaza") if c.place.country_code == "PS"]
    assert gaza[0].place.name == "Gaza Strip" and gaza[0].match == "primary"
    assert all(c.match == "alternate" for c in gaza[1:]), [(c.place.name, c.match) for c in gaza]
    city = gazetteer.lookup("Gaza City")
    assert city and city[0].place.feature_class == "P" and city[0].place.country_code == "PS"
    mozambique = [c for c in gazetteer.lookup("Gaza") if c.place.country_code == "MZ"]
    assert mozambique and mozambique[0].match == "primary"  # only names inside the Strip give way


def test_historic_provinces_are_found_in_their_country(gazetteer: Gazetteer) -> None:
    """Provinces news archives name after they were abolished (Kenya before 2013, Norway 2019)."""
    for name, cc in (("Nyanza Province", "KE"), ("Rift Valley Province", "KE"), ("Telemark", "NO")):
        found = [c.place for c in gazetteer.lookup(name) if c.place.feature_code == "ADM1H"]
        assert found and found[0].country_code == cc, name
        country = gazetteer.country_at(found[0].lat, found[0].lon)
        assert country is not None and country.country_code == cc, name


def test_a_division_named_with_its_kind_and_a_preposition_answers_to_its_bare_name(
    gazetteer: Gazetteer,
) -> None:
    """GeoNames names some divisions "Departamento de Arauca", "Province de la Kossi": news says "Arauca
    province", "Kossi province" (a capitalised article stays: "Provincia de Las Palmas" is Las Palmas)."""
    for name, code, cc in (("Arauca", "ADM1", "CO"), ("Kossi", "ADM2", "BF"), ("Las Palmas", "ADM2", "ES")):
        found = [c.place for c in gazetteer.lookup(name) if c.place.feature_code == code]
        assert found and found[0].country_code == cc, name
    terms = admin_terms()
    assert strip_admin_terms("Province du Bam", terms) == "bam"
    assert strip_admin_terms("Santiago de Cuba", terms) == "santiago de cuba"  # no division word before "de"
