"""Toponym recognition on texts written for these tests (tiny real gazetteer, and the default one)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.gazetteer import Gazetteer
from geo.records import Document, Place
from geo.toponyms import MENTION_FEATURES, MentionFilter, ToponymRecognizer, event_cue, qualifier_at, tokenize


@pytest.fixture(scope="module")
def tiny(tiny_gazetteer_path: Path) -> Iterator[ToponymRecognizer]:
    gaz = Gazetteer.open(tiny_gazetteer_path)
    yield ToponymRecognizer(gaz)
    gaz.close()


@pytest.fixture(scope="module")
def full(gazetteer: Gazetteer) -> ToponymRecognizer:
    return ToponymRecognizer(gazetteer)


def _texts(rec: ToponymRecognizer, text: str) -> list[str]:
    return [m.text for m in rec.find(text)]


def test_names_qualifiers_and_izafe_variants(tiny: ToponymRecognizer) -> None:
    text = "Fighters left Kandahar province for the town of Spin Boldak, then drove on to Mazar-i-Sharif."
    mentions = tiny.find(text)
    assert [(m.text, m.qualifier) for m in mentions] == [
        ("Kandahar", "province"),
        ("Spin Boldak", "town"),
        ("Mazar-i-Sharif", ""),
    ]
    for m in mentions:
        assert text[m.start : m.end] == m.text


def test_actors_that_look_like_places_are_not_places(tiny: ToponymRecognizer) -> None:
    text = "The Taliban and the Northern Alliance met near Quetta while the Pentagon watched."
    assert _texts(tiny, text) == ["Quetta"]


def test_demonym_is_a_mention_of_its_country(tiny: ToponymRecognizer) -> None:
    mentions = tiny.find("Pakistani traders crossed into Kabul on foot.")
    assert [(m.text, m.kind) for m in mentions] == [("Pakistani", "demonym"), ("Kabul", "name")]


def test_document_stage_fills_mentions(tiny: ToponymRecognizer) -> None:
    doc = tiny(Document(id="d", text="Snow closed the road to Quetta."))
    assert [m.text for m in doc.mentions] == ["Quetta"]
    assert tiny(Document(id="e", text="")).mentions == ()


def test_surnames_and_ordinary_words_are_filtered(full: ToponymRecognizer) -> None:
    text = (
        "Coach Harold Jones said the team would travel to Paris, Texas, next week. "
        "Jones added that buses leave from Tyler at noon."
    )
    found = _texts(full, text)
    assert "Jones" not in found
    assert {"Paris", "Texas", "Tyler"} <= set(found)


def test_a_compass_word_opening_a_longer_name_names_nothing_alone(full: ToponymRecognizer) -> None:
    """ "South Yorkshire Police": not Cameroon's South region; "East Jerusalem" and "North Kivu" stay."""
    text = "Rioters smashed windows in South Yorkshire and Sheffield, South Yorkshire Police said."
    found = _texts(full, text)
    assert "South" not in found and "Sheffield" in found  # (the word after it is tried alone: Yorkshire)
    assert _texts(full, "Police raided homes in East Jerusalem and North Kivu.") == [
        "East Jerusalem",
        "North Kivu",
    ]
    assert _texts(full, "Troops were sent to the South Region.") == ["South Region"]


def test_the_filter_removes_spans_the_raw_matcher_proposes(
    full: ToponymRecognizer, gazetteer: Gazetteer
) -> None:
    text = "Mr. Bell met Ms. Grant and Lincoln students in Denver, then flew to Chicago."
    raw = ToponymRecognizer(gazetteer, use_model=False)
    kept = set(_texts(full, text))
    proposed = set(_texts(raw, text))
    assert kept <= proposed
    assert {"Denver", "Chicago"} <= kept
    assert MentionFilter.load() is not None
    assert all(len(f) == len(MENTION_FEATURES) for _, f in full.candidates(text))


def test_state_abbreviations_after_a_town(full: ToponymRecognizer) -> None:
    text = "She grew up in Athens, Ga., studied in Morgantown, W.Va. and lives in Hartford, Conn. now."
    found = _texts(full, text)
    assert found == ["Athens", "Ga.", "Morgantown", "W.Va.", "Hartford", "Conn."]
    # Not after "Town, ": an abbreviation alone is not read as a state.
    assert "Miss." not in _texts(full, "Miss. Parker sang in Denver.")


def test_tokenize_keeps_abbreviation_dots() -> None:
    toks = tokenize("The U.S. envoy's car", period_abbreviations=frozenset())
    assert [t.text for t in toks] == ["The", "U.S.", "envoy", "car"]
    # a sentence's full stop is no part of the name before it (whatever the 3.11 release's regex engine)
    toks = tokenize("Rain fell on Kandahar. Then Herat's.", period_abbreviations=frozenset())
    assert [t.text for t in toks] == ["Rain", "fell", "on", "Kandahar", "Then", "Herat"]


def test_qualifier_at() -> None:
    text = "in the northern city of Mazar-e-Sharif and Helmand province"
    assert qualifier_at(text, text.index("Mazar"), text.index("Mazar") + 14) == "city"
    start = text.index("Helmand")
    assert qualifier_at(text, start, start + 7) == "province"


def test_a_plural_feature_word_after_a_list_qualifies_every_name_in_it() -> None:
    text = "Drones hit depots in the Bryansk and Kursk regions and in Bauchi, Yobe and Kano states, not Lagos"
    for name, word in (("Bryansk", "region"), ("Kursk", "region"), ("Bauchi", "state"), ("Yobe", "state")):
        start = text.index(name)
        assert qualifier_at(text, start, start + len(name)) == word, name
    start = text.index("Lagos")
    assert qualifier_at(text, start, start + 5) == ""
    # before "of" a plural names parts of a city, not districts
    text = "Shells hit several southern districts of Tripoli."
    assert qualifier_at(text, text.index("Tripoli"), text.index("Tripoli") + 7) == ""


CONFLICT_TEXT = (
    "Insurgents in Fallujah attacked a checkpoint.\n\n"
    "Fighters clashed near Raqqa and Deir Ezzor on Monday, and Kobane was shelled. "
    "Troops withdrew from Bosnia."
)


def test_conflict_zone_names_are_found_and_resolved(gazetteer: Gazetteer) -> None:
    """Transliterated names (alternate spellings, a spelling the gazetteer lacks), a place named by
    what befell it, and a country's short name are all places, in the right countries."""
    from geo.resolve import Resolver

    doc = Resolver(gazetteer)(ToponymRecognizer(gazetteer)(Document(id="c", text=CONFLICT_TEXT)))
    found = {p.mention.text: p.place.country_code for p in doc.places if p.place is not None}
    assert found == {"Fallujah": "IQ", "Raqqa": "SY", "Deir Ezzor": "SY", "Kobane": "SY", "Bosnia": "BA"}


def test_variant_spelling_is_proposed_only_for_known_places(full: ToponymRecognizer) -> None:
    text = "Shells fell on Qamishli and on Zzyzxabad overnight."
    assert _texts(full, text) == ["Qamishli"]
    assert full.gazetteer.lookup("Qamishli") == []  # found only through the article: "Al Qamishli"


def test_event_cues_before_and_after_a_name() -> None:
    text = "The siege of Homs went on while Kobane was shelled and Ms Brown was praised."
    spans = {name: text.index(name) for name in ("Homs", "Kobane", "Brown")}
    assert event_cue(text, spans["Homs"], spans["Homs"] + 4)
    assert event_cue(text, spans["Kobane"], spans["Kobane"] + 6)
    assert not event_cue(text, spans["Brown"], spans["Brown"] + 5)


def test_a_doubtful_name_listed_with_a_kept_place_is_kept(full: ToponymRecognizer) -> None:
    assert full.model is not None
    text = "Gunmen raided villages near Aleppo and Azaz."
    found = full.candidates(text)
    probs = {m.text: full.model.probability(f) for m, f in found}
    assert probs["Azaz"] < full.model.threshold <= probs["Aleppo"]
    assert _texts(full, text) == ["Aleppo", "Azaz"]
    assert _texts(full, "Gunmen raided villages near Aleppo; Azaz was quiet.") == ["Aleppo"]


def test_a_site_is_one_name_placed_at_the_town_it_is_named_after(gazetteer: Gazetteer) -> None:
    from geo.resolve import Resolver

    text = "Jets hit the Deir Ezzor Military Airport and a camp near Aleppo."
    doc = Resolver(gazetteer)(ToponymRecognizer(gazetteer)(Document(id="s", text=text)))
    found = [(p.mention.text, p.place.country_code if p.place else None) for p in doc.places]
    assert found == [("Deir Ezzor Military Airport", "SY"), ("Aleppo", "SY")]


def test_a_village_spelled_like_a_province_does_not_hide_it(gazetteer: Gazetteer) -> None:
    from geo.toponyms import LOOKUP_LIMIT, cached_lookup

    written = cached_lookup(gazetteer, "Kufra", LOOKUP_LIMIT)
    assert any(c.place.feature_code == "ADM1" and c.place.country_code == "LY" for c in written)
    assert not any(c.place.feature_code == "ADM1" for c in gazetteer.lookup("Kufra"))


def test_a_generic_first_word_starts_a_longer_name(full: ToponymRecognizer) -> None:
    text = "Troops advanced through Wadi Zzyzx and took Tal Al-Zzyzx by night."
    assert _texts(full.__class__(full.gazetteer, use_model=False), text) == ["Wadi Zzyzx", "Tal Al-Zzyzx"]


def test_a_rebuilt_gazetteer_leaves_no_stale_name_trie(tiny_gazetteer_path: Path, tmp_path: Path) -> None:
    import os
    import shutil

    from geo.toponyms import INDEX_VERSION, NameIndex

    db = tmp_path / "g.sqlite"
    shutil.copy(tiny_gazetteer_path, db)
    stale = tmp_path / "g.sqlite.names-v1-1-1.marisa"  # the trie of an earlier build of this file
    stale.write_bytes(b"old")
    other = tmp_path / "other.sqlite.names-v1-1-1.marisa"  # another database's trie stays
    other.write_bytes(b"keep")
    os.utime(db, ns=(1, 123_456_789))  # a (re)built file: a size and mtime no trie was made for
    with Gazetteer.open(db) as gaz:
        index = NameIndex.for_gazetteer(gaz)
        assert index.code("quetta") >= 0
    tries = sorted(p.name for p in tmp_path.glob("*.marisa"))
    assert tries == [f"g.sqlite.names-v{INDEX_VERSION}-{db.stat().st_size}-123456789.marisa", other.name]


def test_a_hyphenated_name_ending_in_a_title_word_is_one_place(full: ToponymRecognizer) -> None:
    """ "Prince" alone is a title, but inside the one hyphenated word "Port-au-Prince" it is the name."""
    assert _texts(full, "Police in Port-au-Prince detained two men after Prince Harry spoke.") == [
        "Port-au-Prince"
    ]


def test_a_transliteration_may_differ_in_its_first_vowel(full: ToponymRecognizer) -> None:
    """ "Irbil" is Erbil (a city of 1.6 million) written with another first vowel."""
    assert "Irbil" in _texts(full, "Rockets struck an office in Irbil on Monday.")


def test_a_town_spelled_as_its_alternate_name_is_kept_in_a_country_the_text_names(
    full: ToponymRecognizer,
) -> None:
    """ "Geneina" is GeoNames' alternate name of Al-Junaynah; the filter doubts it on its own, but a
    text that names Sudan makes "in Geneina" that town."""
    assert "Geneina" not in _texts(full, "Troops were deployed in Geneina on Monday.")
    assert _texts(full, "Sudanese troops were deployed in Geneina on Monday.") == ["Sudanese", "Geneina"]
    # a name without a place cue stays doubtful
    assert "Geneina" not in _texts(full, "Sudanese troops met Geneina on Monday.")


def test_an_event_cue_names_the_whole_name_not_its_first_word(full: ToponymRecognizer) -> None:
    """ "bombed Kan Su village": "Kan" alone is some other place; the cue is about "Kan Su"."""
    assert "Kan" not in _texts(full, "Jets bombed Kan Su village on Monday.")
    assert _texts(full, "Jets bombed Kandahar on Monday.") == ["Kandahar"]


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen of the Jalisco New Generation Cartel attacked a bar.",
        "The Sinaloa cartel denied it.",
        "The Tigray People's Liberation Front said it had withdrawn.",
        "Clashes with Fano militiamen continued.",
    ],
)
def test_a_place_name_that_begins_an_organisation_name_is_no_place(
    full: ToponymRecognizer, text: str
) -> None:
    assert _texts(full, text) == []


def test_a_place_before_other_words_is_still_a_place(full: ToponymRecognizer) -> None:
    # "Pakistan Army": a place's army (no word between); "front" in lower case is a battlefront
    assert _texts(full, "The Pakistan Army said so.") == ["Pakistan"]
    assert _texts(full, "Shelling went on along the Kharkiv front.") == ["Kharkiv"]
    assert _texts(full, "Gunmen attacked a bar in Jalisco on Monday.") == ["Jalisco"]


def test_a_name_that_goes_on_with_an_arabic_article_is_not_its_first_word(full: ToponymRecognizer) -> None:
    # the gazetteer knows some "Ain", not "Ain al-Asad"
    assert "Ain" not in _texts(full, "Rockets struck the Ain al-Asad air base on Saturday.")
    assert _texts(full, "Fighting went on in Deir ez-Zor on Saturday.") == ["Deir ez-Zor"]


def test_a_capitalised_adjective_before_a_noun_is_no_place(full: ToponymRecognizer) -> None:
    assert _texts(full, "Young people protested outside Western embassies on Saturday.") == []
    assert "Western" in " ".join(_texts(full, "Floods hit Western Province on Saturday."))


def test_a_name_written_with_a_hyphened_article_is_found_in_the_gazetteers_spelling(
    full: ToponymRecognizer,
) -> None:
    """ "Deir al-Balah", "Ras al-Ain", "Tell Abyad": GeoNames writes "Dayr al Balah", "Ra's al 'Ayn",
    "Tall Abyad"; the name is the whole span, not a town called "Ras" or "Ain"."""
    gaza = dict(_resolved(full, "Strikes hit Deir al-Balah and Rafah on Friday."))
    assert gaza["Deir al-Balah"] is not None and gaza["Deir al-Balah"].name == "Dayr al Balaḩ"
    syria = dict(
        _resolved(full, "Turkish troops shelled Ras al-Ain and Tell Abyad in northern Syria on Monday.")
    )
    assert syria["Ras al-Ain"] is not None and syria["Ras al-Ain"].country_code == "SY"
    assert syria["Tell Abyad"] is not None and syria["Tell Abyad"].name == "Tall Abyaḑ"


def test_the_end_of_a_name_the_gazetteer_lacks_is_no_place_of_its_own(full: ToponymRecognizer) -> None:
    """ "Sabaa al-Bour", "Hawsh al-Fara": not "Bour" (Burbank) or "Fara" (Farah, Afghanistan); an
    article after a lower-case word still begins a name ("in al-Bab")."""
    assert _texts(full, "Mortar shells hit homes in Sabaa al-Bour north of Baghdad.") == ["Baghdad"]
    # the whole name, which the words of conflict before it make a place, not "Fara"
    assert _texts(full, "Rebels shelled Hawsh al-Fara and Harasta.") == ["Hawsh al-Fara", "Harasta"]
    assert _texts(full, "Cars drove past Hawsh al-Fara and Harasta.") == ["Harasta"]
    assert "Bab" in " ".join(_texts(full, "Turkish troops fought in al-Bab on Sunday."))


def _resolved(rec: ToponymRecognizer, text: str) -> list[tuple[str, Place | None]]:
    from geo.resolve import Resolver

    doc = Resolver(rec.gazetteer)(rec(Document(id="t", text=text)))
    return [(p.mention.text, p.place) for p in doc.places]


@pytest.mark.parametrize(
    ("text", "absent", "kept"),
    [
        # an armed group's name holds a place that is no place of the story
        ("Turkish drones struck Kurdistan Workers' Party targets on Wednesday.", "Kurdistan", ["Turkish"]),
        ("The United Liberation Front of Assam denied the attack.", "Assam", []),
        ("Volunteers for the Defense of the Homeland killed three herders.", "Homeland", []),
        # a name that tells a country still tells it
        ("The US Army said two soldiers were wounded.", "", ["US"]),
        ("The South Sudan People's Defence Forces said it repelled the attack.", "", ["South Sudan"]),
    ],
)
def test_a_place_inside_an_armed_groups_name_is_no_place(
    full: ToponymRecognizer, text: str, absent: str, kept: list[str]
) -> None:
    found = _texts(full, text)
    assert absent not in found
    assert all(k in found for k in kept)


def test_a_name_opening_like_an_armed_groups_is_still_a_place(full: ToponymRecognizer) -> None:
    # "New" opens "New People's Army" (a non-place) and no gazetteer name: it is no match of its own
    assert "New Aleppo District" in _texts(full, "Jets struck the New Aleppo District on Saturday morning.")


def test_a_place_noun_makes_a_name_the_gazetteer_lacks_a_place(full: ToponymRecognizer) -> None:
    """ "the village of X", "X district", "the villages of A, B and C": conflict news names villages the
    gazetteer does not hold; the noun beside the name says it is one."""
    assert _texts(full, "Militants shelled the village of Qarwadi on Monday, residents said.") == ["Qarwadi"]
    assert _texts(full, "Two men were killed in Zemlaq district, a police officer said.") == ["Zemlaq"]
    text = "Troops stormed the villages of Umm Tarfa, Meskouta and Harbil at dawn."
    assert _texts(full, text) == ["Umm Tarfa", "Meskouta", "Harbil"]
    # the words alone, with no noun, are no place; nor an acronym before the noun, nor a title after "of"
    assert _texts(full, "Qarwadi said on Monday that Zemlaq had left.") == []
    assert _texts(full, "Aid reached the ISIS area.") == []
    assert _texts(full, "He met the envoy of President Qarwadi.") == []


def test_words_of_conflict_make_a_name_the_gazetteer_lacks_a_place(full: ToponymRecognizer) -> None:
    assert _texts(full, "Rebels stormed Qarwadi at dawn and shelled Umm Tarfa.") == ["Qarwadi", "Umm Tarfa"]
    assert _texts(full, "Qarwadi was shelled overnight.") == ["Qarwadi"]
    assert _texts(full, "Police captured Ahmed on Monday.") == []  # a given name, not a place


def test_a_names_own_place_words_make_it_a_place_the_gazetteer_lacks(full: ToponymRecognizer) -> None:
    """ "Tal Qarwadi" (a hill), "the strategic Zemlaq Dam": a generic first word after a locative word, or
    a feature word closing the name, says it is a place; not the start of a longer name, nor a name of
    common words ("the Zemlaq District Court")."""
    assert _texts(full, "Government troops advanced near Tal Qarwadi on Monday.") == ["Tal Qarwadi"]
    assert _texts(full, "Rebels seized the strategic Zemlaq Dam overnight.") == ["Zemlaq Dam"]
    assert _texts(full, "Mortars hit the army-held Meskouta District.") == ["Meskouta District"]
    assert _texts(full, "Tal Qarwadi said on Monday that he would run.") == []
    assert _texts(full, "She sued him in the Zemlaq District Court on Monday.") == []
    assert _texts(full, "Schools in the Zemlaq District School Board closed.") == []


def test_an_apposition_makes_a_name_the_gazetteer_lacks_a_place(full: ToponymRecognizer) -> None:
    """ "X, a village near Y", "X, a small farming town", "X, 70 km north of Y": the words after the comma say
    X is a place; not "X, a town councillor" nor "X, a lobbyist for the city"."""
    assert _texts(full, "Gunmen killed five people in Qarwadi, a village near Kabul.")[0] == "Qarwadi"
    assert _texts(full, "Aid reached Zemlaq, a small farming town, on Monday.") == ["Zemlaq"]
    assert (
        _texts(full, "A bomb exploded in Meskouta, 70 kilometres (40 miles) north of Kabul.")[0] == "Meskouta"
    )
    assert _texts(full, "Qarwadi, a town councillor, resigned.") == []
    assert _texts(full, "Zemlaq, a lobbyist for the city of Boston, resigned.") == ["Boston"]


def test_a_place_noun_after_the_end_of_a_longer_name_is_about_the_whole_name(full: ToponymRecognizer) -> None:
    """ "the Tennessee Zemlaq area": the noun is about the whole name, not its last word alone."""
    assert "Zemlaq" not in _texts(full, "Deputies stopped a car in the Tennessee Zemlaq area.")


def test_place_noun_context() -> None:
    from geo.toponyms import place_noun_context

    text = "Rebels took the strategic town of Qarwadi and the villages of Meskouta and Harbil, not Ms Zemlaq."
    for name, noun in (("Qarwadi", "town"), ("Meskouta", "villages"), ("Harbil", "villages"), ("Zemlaq", "")):
        start = text.index(name)
        assert place_noun_context(text, start, start + len(name)) == noun, name


def test_two_words_the_gazetteer_writes_as_one_are_one_name(full: ToponymRecognizer) -> None:
    """ "Buulo Barde" is the gazetteer's Buulobarde (a town of 17,000, of which "Buulo" alone is an
    alternate name) and "Beled Weyne" its Beledweyne: one mention each, not the first word alone."""
    text = "Militias retook the village of Buulo Barde on Sunday, and fighting reached Beled Weyne."
    assert [m.text for m in full.find(text)] == ["Buulo Barde", "Beled Weyne"]


def test_a_capitalised_word_before_a_place_noun_belongs_to_the_name(full: ToponymRecognizer) -> None:
    """ "Kin Oo village" is one name (the gazetteer lacks it), not "Kin" (Kingston's code) and "Oo"."""
    text = "The strike hit a monastery in Kin Oo village in the township on Monday."
    assert [m.text for m in full.find(text)] == ["Kin Oo"]


def test_a_locative_word_before_a_part_or_holder_of_the_place_still_cues_it(full: ToponymRecognizer) -> None:
    """ "in eastern Vogosca", "in rebel-held Vogosca": a word saying which part of the place, or whose it
    is, between the locative word and the name leaves the cue."""
    assert _texts(full, "Two soldiers were wounded in eastern Vogosca on Sunday.") == ["Vogosca"]
    assert _texts(full, "A car bomb went off in rebel-held Vogosca.") == ["Vogosca"]


def test_a_short_name_news_gives_a_country_counts_as_its_own_name(full: ToponymRecognizer) -> None:
    """ "Bosnia" (``country_aliases.csv``) is an alternate name in GeoNames, which the filter doubts as a
    rare spelling; it is the name news uses."""
    assert _texts(full, "Snipers fired on a patrol over Bosnia.") == ["Bosnia"]


def test_a_weekday_after_a_name_does_not_make_it_the_start_of_a_longer_name(full: ToponymRecognizer) -> None:
    """ "patrolled Goma Thursday": news gives the day right after the place; a capitalised word after a
    name is otherwise a sign that the name goes on ("Mary Goma said")."""
    assert _texts(full, "Police patrolled Goma Thursday.") == ["Goma"]


def test_a_names_own_place_words_make_a_known_name_a_place_too(full: ToponymRecognizer) -> None:
    """ "in Tal Afar": the gazetteer holds it only as an alternate name, which the filter doubts; its
    generic first word after a locative word says it is a place, as for a name the gazetteer lacks."""
    assert _texts(full, "Fighting went on in Tal Afar on Monday.") == ["Tal Afar"]


@pytest.mark.parametrize(
    "text",
    [
        # the gazetteer knows these small towns only by another spelling of their own name ("Miran Shah",
        # "Ma'rib") or by another name ("Kobane" for 'Ayn al 'Arab): a word of violence earlier in the
        # clause, or a locative word before a spelling of a town's own name, makes them places
        "Gunmen killed three traders in Miranshah on Friday.",
        "A roadside bomb wounded two soldiers outside Kobane.",
        "Tribal elders met in Maarib on Sunday to discuss the truce.",
    ],
)
def test_a_small_town_by_another_spelling_is_a_place_where_the_clause_says_so(
    full: ToponymRecognizer, text: str
) -> None:
    assert len(_texts(full, text)) == 1


def test_violence_in_another_sentence_makes_no_place(full: ToponymRecognizer) -> None:
    """The cue reads the words before the name in its own clause: a killing told in the sentence before,
    or after the name, says nothing of "Kobane" (a name the gazetteer knows only as another name of
    'Ayn al 'Arab, so no other cue makes it a place)."""
    assert _texts(full, "Two soldiers were killed on Monday. Aid workers arrived in Kobane on Tuesday.") == []
    assert _texts(full, "Aid workers who arrived in Kobane on Tuesday said two soldiers were killed.") == []
