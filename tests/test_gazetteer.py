"""geo.gazetteer: lookup ranking, records, reverse geocoding and version checks on real SQLite files."""

from __future__ import annotations

import pickle
import shutil
import sqlite3
from pathlib import Path

import pytest
from geopy.distance import great_circle

from geo.errors import GazetteerError, GazetteerMissing
from geo.gazetteer import SCHEMA_VERSION, Gazetteer, default_path
from geo.gazetteer_build import built_fingerprint, default_fingerprint, ensure_gazetteer, prune_old_defaults

# --- the tiny gazetteer (GeoNames-format fixtures) -------------------------------------------


def ids(candidates: list) -> list[int]:
    return [c.place.geonameid for c in candidates]


def test_kandahar_offers_province_and_city_before_the_indian_town(tiny_gazetteer: Gazetteer) -> None:
    found = tiny_gazetteer.lookup("Kandahar")
    assert ids(found)[:2] == [1138335, 1138336]  # ADM1 first for equal names, then the city
    assert found[0].place.feature_code == "ADM1" and found[1].place.feature_class == "P"
    assert 1268153 in ids(found)  # the town in Maharashtra is offered, but later
    assert all(c.match == "primary" for c in found)


def test_primary_name_outranks_a_historic_alternate(tiny_gazetteer: Gazetteer) -> None:
    found = tiny_gazetteer.lookup("islamabad")
    assert [c.place.country_code for c in found[:2]] == ["PK", "PK"]
    anantnag = next(c for c in found if c.place.geonameid == 1278667)
    assert anantnag.match == "historic"
    assert ids(found).index(1278667) == len(found) - 1


def test_spelling_variants_and_feature_classes(tiny_gazetteer: Gazetteer) -> None:
    assert ids(tiny_gazetteer.lookup("Spin Buldak")) == [1123906]
    assert ids(tiny_gazetteer.lookup("Mazar-i-Sharif")) == [1133616]
    tora = tiny_gazetteer.lookup("Tora Bora")[0].place
    assert (tora.feature_class, tora.feature_code) == ("T", "MTS")
    bagram = tiny_gazetteer.lookup("bagram airfield")[0]
    assert bagram.place.feature_code == "AIRB" and bagram.match == "alternate"


def test_abbreviations_are_kept_and_marked(tiny_gazetteer: Gazetteer) -> None:
    (kdh,) = tiny_gazetteer.lookup("KDH")
    assert kdh.place.geonameid == 1138336 and kdh.match == "abbreviation"
    assert tiny_gazetteer.lookup("87300") == []  # postal codes are not names


def test_country_filter_and_limit(tiny_gazetteer: Gazetteer) -> None:
    assert ids(tiny_gazetteer.lookup("Kandahar", country_codes=["in"])) == [1268153]
    assert len(tiny_gazetteer.lookup("Kandahar", limit=1)) == 1
    assert tiny_gazetteer.lookup("") == []
    assert tiny_gazetteer.lookup("Atlantis") == []


def test_place_records_carry_admin_and_country_names(tiny_gazetteer: Gazetteer) -> None:
    city = tiny_gazetteer.get(1138336)
    assert city is not None
    assert (city.country_name, city.admin1_name, city.admin2_name) == (
        "Afghanistan",
        "Kandahar",
        "Kandahar District",
    )
    assert city.point_source == "geonames"
    assert tiny_gazetteer.get(999) is None


def test_code_accessors(tiny_gazetteer: Gazetteer) -> None:
    af = tiny_gazetteer.country("AF")
    assert af is not None and af.geonameid == 1149361 and af.is_country
    assert tiny_gazetteer.country("PAK").geonameid == 1168579  # type: ignore[union-attr]
    assert tiny_gazetteer.admin1("AF", "23").geonameid == 1138335  # type: ignore[union-attr]
    assert tiny_gazetteer.admin2("AF", "23", "2409").geonameid == 7053310  # type: ignore[union-attr]
    assert tiny_gazetteer.admin1("AF", "99") is None
    assert tiny_gazetteer.country("ZZ") is None


def test_demonyms(tiny_gazetteer: Gazetteer) -> None:
    assert tiny_gazetteer.demonym("Afghans").country_code == "AF"  # type: ignore[union-attr]
    assert tiny_gazetteer.demonym("pakistani").geonameid == 1168579  # type: ignore[union-attr]
    assert tiny_gazetteer.demonym("Martian") is None


def test_parents_follow_hierarchy_then_codes(tiny_gazetteer: Gazetteer) -> None:
    assert [p.geonameid for p in tiny_gazetteer.parents(1138336)] == [9653599, 1138335, 1149361]
    # no hierarchy rows for Quetta: its admin1 and country from its codes
    assert [p.geonameid for p in tiny_gazetteer.parents(1167528)] == [1183606, 1168579]


def test_iter_names_gives_each_key_once_with_its_best_match(tiny_gazetteer: Gazetteer) -> None:
    names = {key: rest for key, *rest in tiny_gazetteer.iter_names()}
    assert names["kandahar"][0] == "primary"
    assert names["kdh"][0] == "abbreviation"
    assert names["afghan"][0] == "demonym"
    assert names["spin buldak"] == ["alternate", "Spin Buldak"]


def test_nearest_is_sorted_by_true_distance(tiny_gazetteer: Gazetteer) -> None:
    here = (31.58, 65.75)
    found = tiny_gazetteer.nearest(*here, k=4)
    assert len(found) == 4
    dists = [great_circle(here, (p.lat, p.lon)).km for p in found]
    assert dists == sorted(dists)
    everything = tiny_gazetteer.nearest(*here, k=100)
    best = min(everything, key=lambda p: great_circle(here, (p.lat, p.lon)).km)
    assert found[0].geonameid == best.geonameid
    assert len(everything) == 21  # asking for more than exist returns them all


def test_nearest_with_feature_class_filter(tiny_gazetteer: Gazetteer) -> None:
    (town,) = tiny_gazetteer.nearest(34.0, 70.0, k=1, feature_classes="P")
    assert town.feature_class == "P"
    (peak,) = tiny_gazetteer.nearest(34.0, 70.0, k=1, feature_classes="T")
    assert peak.geonameid == 1131461


def test_country_at_uses_outlines(tiny_gazetteer: Gazetteer) -> None:
    assert tiny_gazetteer.country_at(31.6, 65.7).country_code == "AF"  # type: ignore[union-attr]
    assert tiny_gazetteer.country_at(30.2, 67.0).country_code == "PK"  # type: ignore[union-attr]
    assert tiny_gazetteer.country_at(0.0, -30.0) is None  # mid-Atlantic


def test_info_counts(tiny_gazetteer: Gazetteer, tiny_gazetteer_path: Path) -> None:
    info = tiny_gazetteer.info()
    assert info["places"] == 21
    assert info["by_feature_class"] == {"A": 10, "P": 8, "H": 1, "S": 1, "T": 1}
    assert info["schema_version"] == SCHEMA_VERSION
    assert info["size_bytes"] == tiny_gazetteer_path.stat().st_size
    assert info["built_at"].startswith("20")


def test_pickles_by_path(tiny_gazetteer: Gazetteer) -> None:
    copy = pickle.loads(pickle.dumps(tiny_gazetteer))
    assert ids(copy.lookup("Quetta")) == [1167528]
    copy.close()


def test_missing_and_foreign_files(tmp_path: Path) -> None:
    with pytest.raises(GazetteerMissing, match="geo gazetteer build"):
        Gazetteer.open(tmp_path / "nope.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(GazetteerError, match=r"junk\.sqlite"):
        Gazetteer.open(junk)


def test_other_schema_version_is_refused_with_rebuild_hint(tiny_gazetteer_path: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    shutil.copy(tiny_gazetteer_path, old)
    with sqlite3.connect(old) as conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    with pytest.raises(GazetteerError, match=r"schema v0.*rebuild with `geo gazetteer build"):
        Gazetteer.open(old)


def test_default_path_honours_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GEO_GAZETTEER", str(tmp_path / "g.sqlite"))
    assert default_path() == tmp_path / "g.sqlite"
    monkeypatch.delenv("GEO_GAZETTEER")
    assert default_path().name == f"gazetteer-v{SCHEMA_VERSION}.sqlite"


def test_default_build_records_what_it_was_built_from(gazetteer: Gazetteer) -> None:
    """The session's default gazetteer carries the fingerprint of this version's data, so it is reused."""
    assert built_fingerprint(gazetteer.path) == default_fingerprint()
    before = gazetteer.path.stat().st_mtime_ns
    assert ensure_gazetteer() == gazetteer.path
    assert gazetteer.path.stat().st_mtime_ns == before


def test_a_dump_build_is_never_taken_for_a_stale_default(tiny_gazetteer_path: Path) -> None:
    assert built_fingerprint(tiny_gazetteer_path) is None


def test_stale_default_gazetteer_is_rebuilt(
    tiny_gazetteer_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A default gazetteer built from other data (an older release) is rebuilt from this version's."""
    stale = tmp_path / "g.sqlite"
    shutil.copy(tiny_gazetteer_path, stale)
    with sqlite3.connect(stale) as conn:
        conn.execute("UPDATE meta SET value = 'embedded: an older release' WHERE key = 'source'")
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('data_fingerprint', 'older')")
    monkeypatch.setenv("GEO_GAZETTEER", str(stale))
    assert ensure_gazetteer(progress=True) == stale
    assert "rebuilding the default gazetteer" in capsys.readouterr().err
    assert built_fingerprint(stale) == default_fingerprint()
    with Gazetteer.open(stale) as gaz:
        assert gaz.lookup("Kandahar")  # the tiny fixture had no Afghan places: it really was rebuilt


def test_older_default_gazetteers_are_pruned(tmp_path: Path) -> None:
    current = tmp_path / f"gazetteer-v{SCHEMA_VERSION}.sqlite"
    keep = [current, tmp_path / f"{current.name}.names-v1-1-2.marisa", tmp_path / "mine.sqlite"]
    drop = [tmp_path / "gazetteer-v1.sqlite", tmp_path / "gazetteer-v2.sqlite.names-v1-1-2.marisa"]
    for f in keep + drop:
        f.write_bytes(b"x")
    assert sorted(prune_old_defaults(current, progress=False)) == sorted(drop)
    assert sorted(tmp_path.iterdir()) == sorted(keep)


# --- the default embedded gazetteer ---------------------------------------------------------


@pytest.mark.slow
def test_default_kandahar_city_and_province(gazetteer: Gazetteer) -> None:
    found = ids(gazetteer.lookup("Kandahar"))
    assert {1138336, 1138335} <= set(found[:3])
    assert gazetteer.lookup("Kandahar", limit=1)[0].place.country_code == "AF"
    province = gazetteer.admin1("AF", "23")
    city = gazetteer.get(1138336)
    assert province is not None and city is not None
    assert great_circle((province.lat, province.lon), (city.lat, city.lon)).km < 150


@pytest.mark.slow
def test_default_islamabad_primary_outranks_alternates(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Islamabad")
    matches = [c.match for c in found]
    first_alt = matches.index("alternate")
    assert all(m == "primary" for m in matches[:first_alt])
    assert 1176615 in ids(found[:first_alt])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "geonameid"),
    [("Spin Boldak", 1123906), ("Spin Buldak", 1123906), ("Quetta", 1167528), ("Mazar-e-Sharif", 1133616),
     ("Mazar-i-Sharif", 1133616), ("Pakistan", 1168579)],
)  # fmt: skip
def test_default_seed_places(gazetteer: Gazetteer, query: str, geonameid: int) -> None:
    assert geonameid in ids(gazetteer.lookup(query, limit=2))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("word", "cc"),
    [("Afghan", "AF"), ("Afghans", "AF"), ("Pakistani", "PK"), ("Syrian", "SY"), ("Turkish", "TR"),
     ("Iraqi", "IQ"), ("American", "US"), ("British", "GB"), ("Americans", "US")],
)  # fmt: skip
def test_default_demonyms(gazetteer: Gazetteer, word: str, cc: str) -> None:
    country = gazetteer.demonym(word)
    assert country is not None and country.country_code == cc and country.is_country


@pytest.mark.slow
@pytest.mark.parametrize(("alias", "cc"), [("U.S.", "US"), ("USA", "US"), ("America", "US"), ("UK", "GB"),
                                           ("Britain", "GB")])  # fmt: skip
def test_default_country_aliases(gazetteer: Gazetteer, alias: str, cc: str) -> None:
    top = gazetteer.lookup(alias, limit=1)[0].place
    assert top.is_country and top.country_code == cc


@pytest.mark.slow
def test_default_every_place_has_a_sourced_point(gazetteer: Gazetteer) -> None:
    conn = sqlite3.connect(f"file:{gazetteer.path}?mode=ro", uri=True)
    bad = conn.execute(
        "SELECT COUNT(*) FROM places WHERE point_source = '' OR lat NOT BETWEEN -90 AND 90 "
        "OR lon NOT BETWEEN -180 AND 180"
    ).fetchone()[0]
    assert bad == 0
    sources = dict(conn.execute("SELECT point_source, COUNT(*) FROM places GROUP BY 1").fetchall())
    conn.close()
    # countries off GeoNames' centre, thinly covered provinces, provinces whose package point lies
    # well inside their places' box
    assert sources["country_state_city"] > 2000
    assert sources["member-places-bbox-centre"] > 14000  # provinces and districts from their places
    assert sources["geonames"] >= 234_908 + 150  # places and most countries
    assert sources["curated"] >= 100  # regions, waters, landforms, historic provinces
    assert gazetteer.country("AF").point_source == "geonames"  # type: ignore[union-attr]
    assert gazetteer.country("CA").point_source == "country_state_city"  # type: ignore[union-attr]


@pytest.mark.slow
def test_default_reverse_and_containment(gazetteer: Gazetteer) -> None:
    (near,) = gazetteer.nearest(31.62, 65.71, k=1, feature_classes="P")
    assert near.geonameid == 1138336
    assert gazetteer.country_at(31.62, 65.71).country_code == "AF"  # type: ignore[union-attr]
    assert gazetteer.admin1_at(31.62, 65.71).geonameid == 1138335  # type: ignore[union-attr]


def test_news_spellings_of_sistan_and_baluchestan_find_the_province(gazetteer: Gazetteer) -> None:
    for name in ("Sistan-Baluchestan", "Sistan and Baluchistan"):
        found = gazetteer.lookup(name)
        assert any(c.place.feature_code == "ADM1" and c.place.country_code == "IR" for c in found), name


@pytest.mark.parametrize(
    ("name", "expected"),
    [("US", True), ("Philippines", True), ("Sudanese", True), ("Assam", False), ("Kurdistan", False)],
)
def test_a_country_is_named_by_its_names_and_its_people(
    gazetteer: Gazetteer, name: str, expected: bool
) -> None:
    assert gazetteer.names_a_country(name) is expected
