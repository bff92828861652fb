"""Toponym resolution on texts written for these tests (tiny real gazetteer, and the default one)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.gazetteer import Gazetteer, haversine_km
from geo.records import Document, Mention
from geo.resolve import FEATURES, Resolver, Weights
from geo.toponyms import ToponymRecognizer

KANDAHAR_CITY, KANDAHAR_PROVINCE = 1138336, 1138335
SPIN_BOLDAK_TOWN, SPIN_BOLDAK_DISTRICT = 1123906, 7053310
QUETTA, PAKISTAN, AFGHANISTAN = 1167528, 1168579, 1149361


@pytest.fixture(scope="module")
def tiny(tiny_gazetteer_path: Path) -> Iterator[tuple[ToponymRecognizer, Resolver]]:
    gaz = Gazetteer.open(tiny_gazetteer_path)
    yield ToponymRecognizer(gaz), Resolver(gaz)
    gaz.close()


@pytest.fixture(scope="module")
def full(gazetteer: Gazetteer) -> tuple[ToponymRecognizer, Resolver]:
    return ToponymRecognizer(gazetteer), Resolver(gazetteer)


def _run(stages: tuple[ToponymRecognizer, Resolver], text: str) -> Document:
    rec, res = stages
    return res(rec(Document(id="t", text=text)))


def _ids(doc: Document) -> list[tuple[str, int | None]]:
    return [(rp.mention.text, rp.place.geonameid if rp.place else None) for rp in doc.places]


def test_qualifier_picks_province_or_city(tiny: tuple[ToponymRecognizer, Resolver]) -> None:
    doc = _run(tiny, "Elders from Kandahar province gathered in Kandahar, near Quetta, Pakistan.")
    assert _ids(doc) == [
        ("Kandahar", KANDAHAR_PROVINCE),
        ("Kandahar", KANDAHAR_CITY),
        ("Quetta", QUETTA),
        ("Pakistan", PAKISTAN),
    ]
    assert "qualifier fits" in doc.places[0].reason


def test_town_qualifier_carries_to_bare_mentions(tiny: tuple[ToponymRecognizer, Resolver]) -> None:
    doc = _run(tiny, "Trucks queued at the border town of Spin Boldak. By night Spin Boldak was quiet.")
    assert _ids(doc) == [("Spin Boldak", SPIN_BOLDAK_TOWN), ("Spin Boldak", SPIN_BOLDAK_TOWN)]
    # Written only as a district, the same name is the district.
    district = _run(tiny, "Elders met in Spin Boldak district on Friday.")
    assert _ids(district) == [("Spin Boldak", SPIN_BOLDAK_DISTRICT)]


def test_demonym_and_unknown_name(tiny: tuple[ToponymRecognizer, Resolver]) -> None:
    _, res = tiny
    text = "Afghan farmers met in Zorbistan."
    places = res.resolve(text, [Mention("Afghan", 0, 6, kind="demonym"), Mention("Zorbistan", 22, 31)])
    assert places[0].place is not None and places[0].place.geonameid == AFGHANISTAN
    assert places[1].place is None and "no gazetteer entry" in places[1].reason
    assert 0.0 <= places[0].score <= 1.0


def test_container_after_a_comma(full: tuple[ToponymRecognizer, Resolver]) -> None:
    us = _run(full, "The band played in Athens, Ga. last spring.")
    greece = _run(full, "The band played in Athens, Greece last spring.")
    athens_us, athens_gr = us.places[0].place, greece.places[0].place
    assert athens_us is not None and (athens_us.country_code, athens_us.admin1_code) == ("US", "GA")
    assert athens_gr is not None and athens_gr.country_code == "GR"
    assert us.places[1].place is not None and us.places[1].place.feature_code == "ADM1"


def test_document_focus_picks_the_local_namesake(full: tuple[ToponymRecognizer, Resolver]) -> None:
    text = (
        "Storms hit northeast Texas on Tuesday. Roads between Sulphur Springs, Mount Pleasant and "
        "Clarksville were closed, and the hospital in Paris took in the injured."
    )
    doc = _run(full, text)
    paris = next(rp.place for rp in doc.places if rp.mention.text == "Paris")
    assert paris is not None and (paris.country_code, paris.admin1_code) == ("US", "TX")
    alone = _run(full, "The hospital in Paris took in the injured.")
    assert alone.places[0].place is not None and alone.places[0].place.country_code == "FR"


def test_one_sense_per_document(full: tuple[ToponymRecognizer, Resolver]) -> None:
    text = "Floods reached Columbus, Georgia, on Monday. By Tuesday Columbus had reopened its schools."
    doc = _run(full, text)
    columbus = [rp.place for rp in doc.places if rp.mention.text == "Columbus"]
    assert len(columbus) == 2 and columbus[0] == columbus[1]
    assert columbus[0] is not None and columbus[0].admin1_code == "GA"


def test_shipped_weights_cover_every_feature() -> None:
    weights = Weights.load()
    assert set(weights.features) == set(FEATURES)
    assert len(weights.vector) == len(FEATURES)
    assert weights.frozen <= set(FEATURES)


def test_grid_nearness_agrees_with_all_pairs(
    full: tuple[ToponymRecognizer, Resolver], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Long documents search nearness in grid cells instead of all pairs; the choices must not change."""
    towns = ["Tyler", "Longview", "Marshall", "Paris", "Sherman", "Denison", "Athens", "Palestine", "Lufkin"]
    towns += [
        "Nacogdoches",
        "Kilgore",
        "Henderson",
        "Carthage",
        "Jacksonville",
        "Corsicana",
        "Waco",
        "Temple",
    ]
    text = " ".join(f"Crews cleared roads near {t} on Monday." for t in towns) + " The storm crossed Texas."
    rec, res = full
    doc = rec(Document(id="g", text=text))
    flat = res(doc)
    monkeypatch.setattr("geo.resolve.SMALL_DOCUMENT_POINTS", 0)
    grid = Resolver(res.gazetteer)(doc)
    assert _ids(grid) == _ids(flat)
    paris = next(rp.place for rp in grid.places if rp.mention.text == "Paris")
    assert paris is not None and paris.admin1_code == "TX"


def test_regions_and_seas_resolve_to_the_area_not_a_namesake_village(
    full: tuple[ToponymRecognizer, Resolver],
) -> None:
    """Curated regions outrank US villages of the same name (Middle East, Maryland; Darfur has none)."""
    doc = _run(full, "Aid agencies in the Middle East warned that fighting in Darfur had spread.")
    found = {rp.mention.text: rp.place for rp in doc.places}
    assert found["Middle East"] is not None and found["Middle East"].feature_code == "RGN"
    assert found["Darfur"] is not None and found["Darfur"].country_code == "SD"
    doc = _run(full, "Ships crossed the Persian Gulf and the Indian Ocean before reaching Mombasa.")
    codes = {rp.mention.text: rp.place.feature_code for rp in doc.places if rp.place is not None}
    assert codes.get("Persian Gulf") == "GULF" and codes.get("Indian Ocean") == "OCN"


def test_bare_gaza_is_the_strip_and_gaza_city_the_city(full: tuple[ToponymRecognizer, Resolver]) -> None:
    """News writes "Gaza" (and "central Gaza") for the Strip and "Gaza City" for the city; the city is no
    namesake town of the Strip as Kandahar is of its province."""
    doc = _run(full, "Israeli tanks advanced in central Gaza while shells fell on Gaza City and Khan Younis.")
    found = {rp.mention.text: rp.place for rp in doc.places}
    assert found["Gaza"] is not None and found["Gaza"].feature_code == "ADM1"
    assert found["Gaza"].name == "Gaza Strip"
    assert found["Gaza City"] is not None and found["Gaza City"].feature_class == "P"
    doc = _run(full, "Militants fired rockets from Gaza at Israeli towns on Tuesday.")
    gaza = next(rp.place for rp in doc.places if rp.mention.text == "Gaza")
    assert gaza is not None and gaza.name == "Gaza Strip"


def test_a_province_a_country_owns_lies_in_that_country(full: tuple[ToponymRecognizer, Resolver]) -> None:
    """ "Chad's Lake province" is Lac (its English name, an alias of this project's), never Lake County in
    the United States; a name the owner has no place of is left unplaced rather than put abroad."""
    doc = _run(full, "Fighters attacked an army base on an island in Chad's Lake province on Sunday.")
    lake = next(rp.place for rp in doc.places if rp.mention.text == "Lake")
    assert lake is not None and (lake.country_code, lake.name) == ("TD", "Lac")
    doc = _run(full, "Troops were sent to Chad's Durango province on Sunday.")
    durango = next(rp for rp in doc.places if rp.mention.text == "Durango")
    assert durango.place is None or durango.place.country_code == "TD"
    # no feature word, no claim on where the place lies: Israel's offensive in Gaza
    doc = _run(full, "Israel's Gaza offensive went on as strikes hit Rafah.")
    assert next(rp.place.country_code for rp in doc.places if rp.mention.text == "Gaza" and rp.place) == "PS"


def test_a_small_namesake_abroad_is_left_unplaced(gazetteer: Gazetteer) -> None:
    """The gazetteer lacks Mali's Moura: Moura, Portugal is not where "in Mali ... Moura" happened."""
    from geo.pipeline import Pipeline

    pipe = Pipeline.default(gazetteer.path)
    doc = pipe(
        Document(id="m", text="In neighbouring Mali, soldiers killed dozens of men in the village of Moura.")
    )
    moura = next(rp for rp in doc.places if rp.mention.text == "Moura")
    assert moura.place is None and "left unplaced" in moura.reason
    [linked] = doc.linked
    assert linked.place is not None and linked.place.place.name == "Mali"
    # with its country named, the town stands
    doc = pipe(Document(id="p", text="In Portugal, a storm flooded the town of Moura."))
    assert next(rp for rp in doc.places if rp.mention.text == "Moura").place is not None


def test_the_pacific_is_the_ocean_but_pacific_missouri_a_town(
    full: tuple[ToponymRecognizer, Resolver],
) -> None:
    doc = _run(full, "The tanker sank in the Pacific. The crew came from Pacific, Missouri.")
    ocean, town = (rp.place for rp in doc.places if rp.mention.text == "Pacific")
    assert ocean is not None and ocean.feature_code == "OCN"
    assert town is not None and (town.feature_class, town.country_code) == ("P", "US")


def test_a_lone_foreign_town_gives_way_to_its_namesake_in_the_articles_country(
    full: tuple[ToponymRecognizer, Resolver],
) -> None:
    """In an article about Mali, "Koula" is Mali's, not Kula in Turkey; "the Kani township" in an
    article about Myanmar is not Kani, Japan (the gazetteer has no Kani in Myanmar: left unplaced)."""
    alone = _run(full, "Fighting was reported near Koula.").places[-1].place
    assert alone is not None and alone.country_code != "ML"  # on its own, another namesake
    text = "Troops from Bamako, Gao and Mopti arrived. Fighting was reported near Koula."
    koula = next(rp for rp in _run(full, text).places if rp.mention.text == "Koula")
    assert koula.place is not None and koula.place.country_code == "ML" and "namesake" in koula.reason
    text = "Troops from Yangon moved into Sagaing and Mandalay in Myanmar. Jets bombed the Kani township."
    kani = next(rp for rp in _run(full, text).places if rp.mention.text == "Kani")
    assert kani.place is None and "township abroad" in kani.reason
    # a big city abroad stays where it is
    paris = _run(full, "Officials in Kabul, Kandahar and Herat met envoys from Paris.").places[-1]
    assert paris.place is not None and paris.place.country_code == "FR"


def test_a_region_news_spells_otherwise_than_geonames(gazetteer: Gazetteer) -> None:
    from geo.pipeline import Pipeline

    # GeoNames spells Myanmar's division "Sagain"; news writes "Sagaing Region"
    doc = Pipeline.default(gazetteer.path)(Document(id="s", text="Fighting spread across Sagaing Region."))
    [rp] = doc.places
    assert rp.place is not None and (rp.place.feature_code, rp.place.country_code) == ("ADM1", "MM")


def test_a_small_town_found_only_under_another_spelling_far_away_is_left_unplaced(
    gazetteer: Gazetteer,
) -> None:
    from geo.pipeline import Pipeline

    text = "Gunmen attacked a bus in Balochistan, Pakistan. Separately, militants burned trucks in Bolan."
    doc = Pipeline.default(gazetteer.path)(Document(id="b", text=text))
    bolan = next(rp for rp in doc.places if rp.mention.text == "Bolan")
    assert bolan.place is None or bolan.place.country_code == "PK"


def test_a_territory_is_a_district_not_a_province(gazetteer: Gazetteer) -> None:
    from geo.pipeline import Pipeline

    text = "Rebels killed 11 civilians in a village in Beni territory, in Congo's North Kivu province."
    doc = Pipeline.default(gazetteer.path)(Document(id="t", text=text))
    beni = next(rp for rp in doc.places if rp.mention.text == "Beni")
    assert beni.place is not None and beni.place.country_code == "CD"


def test_names_listed_before_a_plural_feature_word_are_provinces(gazetteer: Gazetteer) -> None:
    from geo.pipeline import Pipeline

    text = "Drones struck depots in the Bryansk and Kursk regions. Gunmen raided Bauchi, Yobe and Kano states"
    doc = Pipeline.default(gazetteer.path)(Document(id="r", text=text))
    places = {rp.mention.text: rp.place for rp in doc.places if rp.place is not None}
    for name in ("Bryansk", "Kursk", "Kano"):
        assert places[name].is_admin1, (name, places[name])


def test_a_small_town_alone_far_from_all_the_other_places_is_left_unplaced(gazetteer: Gazetteer) -> None:
    from geo.pipeline import Pipeline

    text = (
        "Militiamen killed 42 people in an attack on a camp in Djugu territory in Ituri province near Bunia. "
        "The attackers burned dozens of shelters in the Lala camp. Survivors fled to Fataki and Bunia."
    )
    doc = Pipeline.default(gazetteer.path)(Document(id="l", text=text))
    lala = [rp for rp in doc.places if rp.mention.text == "Lala"]
    assert lala and all(rp.place is None for rp in lala)
    assert "alone in its country" in lala[0].reason


def test_a_country_named_before_town_is_the_country(full: tuple[ToponymRecognizer, Resolver]) -> None:
    recognizer, resolver = full
    text = (
        "Insurgents attack Mozambique town. Fighters attacked Macomia in Mozambique's Cabo Delgado province."
    )
    doc = resolver(recognizer(Document(id="m", text=text)))
    places = {rp.mention.text: rp.place for rp in doc.places if rp.place is not None}
    assert places["Mozambique"].is_country


def test_a_small_town_outside_the_province_named_after_it_is_left_unplaced(
    full: tuple[ToponymRecognizer, Resolver],
) -> None:
    """The gazetteer knows only a Gambian Welingara; the text puts its own in Mali's Mopti region."""
    doc = _run(full, "The soldiers arrived in Welingara, in the Mopti region, on Wednesday.")
    found = {rp.mention.text: rp.place.country_code if rp.place else None for rp in doc.places}
    assert found == {"Welingara": None, "Mopti": "ML"}
    # a town inside the province named after it keeps its place
    doc = _run(full, "The soldiers arrived in Douentza, in the Mopti region, on Wednesday.")
    assert {rp.mention.text: rp.place.country_code if rp.place else None for rp in doc.places} == {
        "Douentza": "ML",
        "Mopti": "ML",
    }


def test_a_small_town_outside_its_province_is_unplaced_even_with_company_in_its_country(
    full: tuple[ToponymRecognizer, Resolver],
) -> None:
    """The gazetteer knows only an Israeli village by the name of Iraq's Ain al-Asad air base; the text
    puts the base in Anbar province, and names Iraq as often as Israel, so the village is no answer."""
    text = (
        "Hezbollah fired rockets at Metula in northern Israel on Tuesday. In Iraq, a drone attacked Ain "
        "al-Asad air base in Anbar province, west of Baghdad, on Monday."
    )
    found = {rp.mention.text: rp.place.country_code if rp.place else None for rp in _run(full, text).places}
    assert found["Ain al-Asad"] is None
    assert (found["Metula"], found["Anbar"]) == ("IL", "IQ")


def test_a_village_abroad_in_a_story_about_another_country_is_left_unplaced(
    full: tuple[ToponymRecognizer, Resolver],
) -> None:
    text = (
        "Fighting raged in Kunduz and Takhar in northern Afghanistan. Taliban fighters were killed near the "
        "village of Bangi, commanders in Kabul said."
    )
    doc = _run(full, text)
    bangi = [rp for rp in doc.places if rp.mention.text == "Bangi"]
    assert bangi and bangi[0].place is None  # not Bangui, the Central African capital


def test_a_town_found_only_under_another_of_its_names_far_from_the_story_is_left_unplaced(
    full: tuple[ToponymRecognizer, Resolver],
) -> None:
    """GeoNames lists "Boni" among Bonn's names; the gazetteer lacks Mali's Boni."""
    text = (
        "Militants attacked an army camp in the town of Boni on Sunday, officials in Bamako said. "
        "Fighting also spread to Mopti and Douentza."
    )
    found = {rp.mention.text: rp.place.country_code if rp.place else None for rp in _run(full, text).places}
    assert found["Boni"] is None and found["Bamako"] == "ML"
    # a town named by its own name stays, however far
    text = "Officials in Bamako, Mopti and Douentza said a delegation had flown to Bonn."
    found = {rp.mention.text: rp.place.country_code if rp.place else None for rp in _run(full, text).places}
    assert found["Bonn"] == "DE"


def test_the_department_of_a_name_is_a_division(full: tuple[ToponymRecognizer, Resolver]) -> None:
    """Lower case and before the name, "department" names a first- or second-level division (Colombia's
    departments are ADM1); capitalised it is an office, and after a name a fire or police department."""
    doc = _run(full, "Guerrillas attacked a base in the department of Arauca on Thursday.")
    [(text, place)] = [(rp.mention.text, rp.place) for rp in doc.places]
    assert text == "Arauca" and place is not None and place.feature_code == "ADM1"
    doc = _run(full, "A spokesman for the Department of Homeland Security said.")
    assert [rp.mention.text for rp in doc.places] == []


def test_the_district_of_a_city_is_the_first_names(full: tuple[ToponymRecognizer, Resolver]) -> None:
    """ "the Tajoura district of Tripoli": Tajoura is the district; Tripoli is no district (not Lebanon's
    Tripoli District), even in an article that names no Libya but Tajoura."""
    doc = _run(
        full,
        "Kenyan police opened fire on protesters in Nairobi on Tuesday. Protests also took place in Mombasa, "
        "Kisumu and Nakuru.\n\nIn Libya, fighting broke out overnight between two armed groups in the "
        "Tajoura district of Tripoli.",
    )
    tripoli = next(rp for rp in doc.places if rp.mention.text == "Tripoli")
    assert tripoli.place is not None and (tripoli.place.country_code, tripoli.place.feature_code) == (
        "LY",
        "PPLC",
    )


def test_a_renamed_city_under_the_old_name_its_province_kept_is_the_city(
    full: tuple[ToponymRecognizer, Resolver],
) -> None:
    """ "Chittagong" is both Chittagong Division's name and the old name of its capital (now Chattogram):
    news of an event "in Chittagong" means the city, as "in Kandahar" does."""
    doc = _run(full, "Police fired tear gas at students who blocked a highway in Chittagong on Monday.")
    assert [(rp.mention.text, rp.place.name if rp.place else None) for rp in doc.places] == [
        ("Chittagong", "Chattogram")
    ]
    # the province, when the words say so
    doc = _run(full, "Floods hit several villages in Chittagong province on Monday.")
    assert [rp.place.feature_code for rp in doc.places if rp.place] == ["ADM1"]


@pytest.mark.parametrize(
    ("text", "name", "landmark"),
    [
        # many towns are called Buenos Aires: the writer says which, by the city it lies near
        ("Gunmen attacked a police post in Buenos Aires near Uruapan on Monday.", "Buenos Aires", "Uruapan"),
        ("Soldiers clashed with rebels in Suárez, south of Ibagué.", "Suárez", "Ibagué"),
    ],
)
def test_a_town_placed_near_another_is_its_namesake_nearby(
    full: tuple[ToponymRecognizer, Resolver], text: str, name: str, landmark: str
) -> None:
    doc = _run(full, text)
    places = {rp.mention.text: rp for rp in doc.places}
    town, near = places[name].place, places[landmark].place
    assert town is not None and near is not None
    assert haversine_km(town.lat, town.lon, near.lat, near.lon) < 60
    assert f"the one near {landmark!r}" in places[name].reason


def test_a_small_town_abroad_is_no_place_in_the_country_named_as_holding_it(
    full: tuple[ToponymRecognizer, Resolver],
) -> None:
    # the gazetteer knows no Gara in Iraq, only a village in Hungary
    doc = _run(full, "Turkish drones struck targets in the Gara region of northern Iraq on Wednesday.")
    gara = next(rp for rp in doc.places if rp.mention.text == "Gara")
    assert gara.place is None


def test_a_name_the_gazetteer_lacks_takes_the_place_named_as_where_it_lies(gazetteer: Gazetteer) -> None:
    """ "the Zemlaq district of Kabul", "the villages of A and B near Aleppo", "the hamlet of X, in Y
    province": the village is not in the gazetteer, the place the writer gives for it is; with none
    given it stays unplaced (no point is invented)."""
    rec, res = ToponymRecognizer(gazetteer), Resolver(gazetteer)

    def placed(text: str) -> list[tuple[str, str | None]]:
        doc = res(rec(Document(id="x", text=text)))
        return [(p.mention.text, p.place.name if p.place else None) for p in doc.places]

    assert placed("A car bomb exploded in the Zemlaq district of Kabul, killing four.") == [
        ("Zemlaq", "Kabul"),
        ("Kabul", "Kabul"),
    ]
    assert placed("Rebels seized the villages of Meskouta and Harbil near Aleppo.") == [
        ("Meskouta", "Aleppo"),
        ("Harbil", "Aleppo"),
        ("Aleppo", "Aleppo"),
    ]
    assert placed("Gunmen attacked the hamlet of Tal Qusaybah, in Deir ez-Zor province.")[0] == (
        "Tal Qusaybah",
        "Deir ez-Zor",
    )
    assert placed("Militants shelled the village of Qarwadi on Monday.") == [("Qarwadi", None)]
    # a list names places side by side: a country listed with it is not where the village lies
    assert placed("Aid went to Syria and the village of Qarwadi.")[-1] == ("Qarwadi", None)
    # an apposition: "X, a suburb east of Y" lies by Y; a figure may put it far, so no distance is read
    assert placed("Police fired tear gas in Zemlaq, a suburb located east of Kabul, on Monday.")[0] == (
        "Zemlaq",
        "Kabul",
    )
    assert placed("Gunmen raided Qarwadi, 300 km north of Kabul, on Monday.")[0] == ("Qarwadi", None)


def test_a_division_that_holds_its_landmark_stays_the_division(
    full: tuple[ToponymRecognizer, Resolver],
) -> None:
    """ "southern Gaza near Rafah": the Strip holds Rafah, so the landmark does not move "Gaza" to the city
    of Gaza (the one point of that name near it)."""
    doc = _run(full, "Israeli air strikes killed 12 people in southern Gaza near Rafah on Sunday.")
    gaza = next(rp.place for rp in doc.places if rp.mention.text == "Gaza")
    assert gaza is not None and gaza.name == "Gaza Strip"


def test_a_bare_district_name_is_the_town_it_is_named_after(full: tuple[ToponymRecognizer, Resolver]) -> None:
    """GeoNames has both Ariha District and the town of Arīḩā at its seat; "a market in Ariha" is the town,
    "Ariha district" the district."""
    town = _run(full, "Warplanes struck a market in Ariha in Idlib province.").places[0]
    district = _run(full, "Fighting spread across Ariha district in Idlib province.").places[0]
    assert town.place is not None and (town.place.feature_class, town.place.name) == ("P", "Arīḩā")
    assert "the town its district is named after" in town.reason
    assert district.place is not None and district.place.feature_code == "ADM2"


def test_a_name_whose_every_namesake_lies_far_from_its_landmark_lies_at_the_landmark(
    full: tuple[ToponymRecognizer, Resolver],
) -> None:
    """ "the village of Kili, near Goma": the gazetteer's namesakes of Kili lie in Ukraine; the writer puts
    the village by Goma, so it is a village the gazetteer lacks, at Goma (as a name with no namesake at
    all would be), and every later mention of it with it."""
    doc = _run(full, "Rebels burned the village of Kili, near Goma, on Monday. Residents of Kili fled.")
    kili = [rp for rp in doc.places if rp.mention.text == "Kili"]
    assert len(kili) == 2
    assert all(rp.place is not None and rp.place.name == "Goma" for rp in kili)
    assert all("no place of its name lies within 500 km" in rp.reason for rp in kili)


def test_a_demonym_is_no_company_for_a_town_abroad(full: tuple[ToponymRecognizer, Resolver]) -> None:
    """ "Turkish warplanes bombed ... the Zap region of northern Iraq": the gazetteer's Zap is a Turkish
    village; "Turkish" names who struck, not a place in Turkey, so Iraq, named as holding it, wins."""
    doc = _run(full, "Turkish warplanes bombed rebel camps in the Zap region of northern Iraq on Tuesday.")
    zap = next(rp for rp in doc.places if rp.mention.text == "Zap")
    assert zap.place is None


def test_a_university_named_after_another_place_is_no_place(full: tuple[ToponymRecognizer, Resolver]) -> None:
    doc = _run(full, "Police detained 40 students at Columbia University's campus in New York on Tuesday.")
    assert [rp.mention.text for rp in doc.places] == ["New York"]


def test_a_town_and_a_country_listed_together_are_not_one_inside_the_other(
    full: tuple[ToponymRecognizer, Resolver],
) -> None:
    """ "in Evian and in Switzerland": two places side by side; Switzerland is not named as Evian's
    country (as it would be in "Evian, in Switzerland"), so the French town stays placed."""
    doc = _run(full, "Protesters clashed with police near the summit in Evian and in Switzerland on Sunday.")
    evian = next(rp for rp in doc.places if rp.mention.text == "Evian")
    assert evian.place is not None and evian.place.country_code == "FR"


def test_a_dateline_names_the_city_it_was_filed_from(full: tuple[ToponymRecognizer, Resolver]) -> None:
    """ "NEW YORK, May 1 - ": the city, not the state of its name (the gazetteer's first "New York"), and so
    is a later bare "New York"; "New York state" stays the state."""
    text = (
        "NEW YORK, May 1 - Hundreds of New York police officers cleared a protest camp on Tuesday. "
        "Officials in New York state condemned the raid."
    )
    places = [
        (rp.mention.text, rp.place.feature_class if rp.place else None) for rp in _run(full, text).places
    ]
    assert places == [("NEW YORK", "P"), ("New York", "P"), ("New York", "A")]
