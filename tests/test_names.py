"""geo.names.fold: the one name key shared by build, lookup and recognition."""

from __future__ import annotations

import pytest

from geo.gazetteer import Gazetteer
from geo.names import fold, is_abbreviation, spelling_key, spelling_variants, strip_articles
from geo.pipeline import Pipeline
from geo.records import Document


@pytest.mark.parametrize(
    "variant", ["Mazar-e-Sharif", "Mazar-i-Sharif", "Mazar-e Sharif", "Mazār-e Sharīf", "MAZAR-I-SHARIF"]
)
def test_izafe_and_hyphen_variants_share_one_key(variant: str) -> None:
    assert fold(variant) == "mazar sharif"


def test_izafe_linker_is_only_dropped_between_words() -> None:
    assert fold("Qala-i-Naw") == fold("Qala-e Naw") == "qala naw"
    # a leading or trailing single letter is part of the name, not a linker
    assert fold("E Street") == "e street"
    assert fold("Route i") == "route i"


def test_case_diacritics_and_spacing() -> None:
    assert fold("  Spīn   Bōldak ") == "spin boldak"
    assert fold("São Paulo") == "sao paulo"
    assert fold("Łódź") == "lodz"
    assert fold("Straße") == "strasse"


def test_periods_and_apostrophes_are_dropped_other_punctuation_splits() -> None:
    assert fold("U.S.") == fold("US") == "us"
    assert fold("Côte d'Ivoire") == fold("Cote d’Ivoire") == "cote divoire"
    assert fold("Kandahar/Helmand") == "kandahar helmand"
    assert fold("St. Louis") == "st louis"


def test_other_scripts_are_kept_not_transliterated() -> None:
    # transliterating would invent Latin keys that collide with English words
    assert fold("Москва") == "москва"
    assert fold("کندهار") == "کندهار"


def test_empty_and_punctuation_only() -> None:
    assert fold("") == ""
    assert fold(" - , ") == ""


def test_abbreviations_are_short_capital_codes_other_than_the_name() -> None:
    assert is_abbreviation("KDH", primary="Kandahar")
    assert is_abbreviation("ISB")
    assert not is_abbreviation("Kabul")
    assert not is_abbreviation("Uet")
    assert not is_abbreviation("ROME", primary="ROME")
    assert not is_abbreviation("ABCDE")


@pytest.mark.parametrize(
    ("written", "gazetteer"),
    [
        ("Deir Ezzor", "Dayr az Zawr"),
        ("Deir ez-Zor", "Dayr az Zawr"),
        ("Falluja", "Al Fallūjah"),
        ("Irbil", "Erbil"),
    ],
)
def test_transliterations_share_a_spelling_key(written: str, gazetteer: str) -> None:
    assert spelling_key(fold(written)) == spelling_key(fold(gazetteer))


def test_spelling_key_keeps_different_names_apart() -> None:
    assert spelling_key(fold("Hilla")) != spelling_key(fold("Lille"))
    assert spelling_key(fold("Bosnia")) != spelling_key(fold("Basra"))


def test_spelling_variants_drop_add_and_split_the_article() -> None:
    assert "qaim" in spelling_variants(fold("al-Qaim"))
    assert spelling_variants(fold("Diwaniyah"))[0] == "ad diwaniyah"
    assert "ash shatrah" in spelling_variants(fold("Shatrah"))
    assert "deir ez zor" in spelling_variants(fold("Deir Ezzor"))
    assert "fallujah" in spelling_variants(fold("Falluja"))
    assert "tartus" in spelling_variants(fold("Tartous"))
    assert fold("Falluja") not in spelling_variants(fold("Falluja"))
    assert spelling_variants("") == []


def test_strip_articles_keeps_a_lone_word() -> None:
    assert strip_articles("ar raqqah") == "raqqah"
    assert strip_articles("dayr az zawr") == "dayr zawr"
    assert strip_articles("al") == "al"


def test_a_hyphenated_name_is_also_tried_as_one_word() -> None:
    assert "petionville" in spelling_variants(fold("Petion-Ville"))
    # one-letter or two-letter parts are not fused ("al", "el" are articles, handled above)
    assert "elfasher" not in spelling_variants(fold("El Fasher"))


def test_a_hyphenated_name_finds_the_gazetteers_one_word_spelling(gazetteer: Gazetteer) -> None:
    text = "A mob lynched three men in Petion-Ville, Haiti, on Sunday."
    doc = Pipeline.default(gazetteer.path)(Document(id="h", text=text))
    found = [rp.place.name for rp in doc.places if rp.place and rp.mention.text == "Petion-Ville"]
    assert found == ["Pétionville"]


def test_an_article_fused_to_the_front_of_a_name_is_split_off() -> None:
    assert "el bur" in spelling_variants(fold("Elbur"))
    assert "al qaim" in spelling_variants(fold("Alqaim"))
    assert not any(v.startswith("el ba") for v in spelling_variants(fold("Elba")))  # too short to be one


def test_modifier_letters_of_transliterations_are_dropped_like_apostrophes() -> None:
    """GeoNames' Latin names write ayn and hamza as modifier letters (ʿ ʾ), a soft sign as a prime (ʹ) and
    stress or length with ˈ ˌ ː: they fold like the apostrophes news writes, or none."""
    assert fold("Biʾr as-Sabʿ") == fold("Bi'r as-Sab'") == "bir as sab"
    assert fold("Bilʹbeys") == "bilbeys"
    assert fold("Kˌaokhsiong") == fold("Kaokhsiong")


def test_a_final_ey_is_also_tried_as_ay() -> None:
    """Somali and Persian names news ends in "-ey" GeoNames often ends in "-ay" ("Qoryoley", "Qoryolay")."""
    assert "qoryolay" in spelling_variants(fold("Qoryoley"))
    assert "bay" not in spelling_variants("bey")  # not a short word
