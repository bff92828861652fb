"""geo.names.fold: the one name key shared by build, lookup and recognition."""

from __future__ import annotations

import pytest

from geo.names import fold, is_abbreviation


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
