"""The actor list: packaged names and aliases with ACLED actor types, extensible by a user file."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.actors import INTER_TYPES, ActorList, in_country
from geo.errors import InputError


@pytest.fixture(scope="module")
def packaged() -> ActorList:
    return ActorList.load()


@pytest.mark.parametrize(
    ("text", "name", "inter"),
    [
        ("Taliban fighters held the ridge.", "Taliban", "Rebel group"),
        ("Northern Alliance forces moved south.", "Northern Alliance", "Rebel group"),
        ("US marines landed at dawn.", "Military Forces of the United States", "External/Other forces"),
        ("A cell linked to al-Qaeda was dismantled.", "al-Qaeda", "Rebel group"),
        ("Pashtun militias blocked the road.", "Pashtun Ethnic Militia", "Identity militia"),
    ],
)
def test_packaged_actors_have_acled_types(packaged: ActorList, text: str, name: str, inter: str) -> None:
    found = packaged.find(text)
    assert [(m.actor.name, m.actor.inter) for m in found] == [(name, inter)]
    assert text[found[0].start : found[0].end] == found[0].text


def test_every_packaged_type_is_one_of_acleds_eight() -> None:
    path = Path(__file__).parents[1] / "geo" / "data" / "actors.csv"
    rows = list(csv.DictReader(path.read_text("utf-8").splitlines()))
    assert len(rows) > 40
    assert {row["inter"] for row in rows} <= set(INTER_TYPES)
    names = {row["name"] for row in rows}
    assert {"Taliban", "Northern Alliance", "al-Qaeda", "Military Forces of the United States"} <= names


def test_acronyms_match_case_sensitively(packaged: ActorList) -> None:
    assert [m.actor.name for m in packaged.find("The TTP claimed the raid.")] == ["Tehrik-i-Taliban Pakistan"]
    assert packaged.find("The ttp of the drum.") == []


def test_longest_alias_wins(packaged: ActorList) -> None:
    found = packaged.find("Northern Alliance fighters advanced.")
    assert [m.text for m in found] == ["Northern Alliance fighters"]


def test_user_file_adds_and_overrides_actors(tmp_path: Path) -> None:
    extra = tmp_path / "actors.csv"
    extra.write_text(
        "name,aliases,inter\n"
        "Red Valley Brigade,Red Valley Brigade|the Brigade,Political militia\n"
        "Taliban,Taliban,State forces\n",
        encoding="utf-8",
    )
    actors = ActorList.load(extra)
    found = actors.find("The Red Valley Brigade and the Taliban met.")
    assert [(m.actor.name, m.actor.inter) for m in found] == [
        ("Red Valley Brigade", "Political militia"),
        ("Taliban", "State forces"),
    ]
    assert ActorList.load().find("Red Valley Brigade") == []  # the packaged list is unchanged


def test_bad_user_files_raise_one_line_errors(tmp_path: Path) -> None:
    bad_type = tmp_path / "bad.csv"
    bad_type.write_text("name,aliases,inter\nX Corps,X Corps,Warlords\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.csv:2: unknown actor type 'Warlords'"):
        ActorList.load(bad_type)
    no_column = tmp_path / "cols.csv"
    no_column.write_text("name,kind\nX,Y\n", encoding="utf-8")
    with pytest.raises(InputError, match="lacks column"):
        ActorList.load(no_column)
    with pytest.raises(InputError, match="cannot read actor file"):
        ActorList.load(tmp_path / "missing.csv")


def test_the_taliban_are_a_rebel_group_before_august_2021_and_the_state_after() -> None:
    import datetime as dt

    from geo.actors import as_of

    assert as_of("Taliban", "Rebel group", dt.date(2001, 11, 28)) == ("Taliban", "Rebel group")
    assert as_of("Taliban", "Rebel group", dt.date(2024, 9, 21)) == (
        "Military Forces of Afghanistan (2021-)",
        "State forces",
    )
    assert as_of("Taliban", "Rebel group", None) == ("Taliban", "Rebel group")
    assert as_of("Hamas", "Political militia", dt.date(2024, 9, 21)) == ("Hamas", "Political militia")


def test_a_generic_force_takes_acled_s_name_in_the_country_of_its_event() -> None:
    assert in_country("Military Forces", "Pakistan") == "Military Forces of Pakistan"
    assert in_country("Unidentified Armed Group", "Philippines") == "Unidentified Armed Group (Philippines)"
    # troops in the West Bank and Gaza are Israel's; GeoNames' "Palestinian Territory" is ACLED's Palestine
    assert in_country("Military Forces", "Palestinian Territory") == "Military Forces of Israel"
    assert in_country("Civilians", "Palestinian Territory") == "Civilians (Palestine)"
    assert in_country("Hamas", "Palestinian Territory") == "Hamas"  # a named group keeps its name


# Aliases, their near misses, and the characters around a word start or end, for generated texts.
_ALIAS_FRAGMENTS = [
    "Taliban", "taliban", "TALIBAN", "Talibans", "Taliban fighters", "US forces", "U.S. forces", "us forces",
    "US Marines", "marines", "Marines", "al-Qaeda", "al Qaeda", "alQaeda", "Al-Qaida", "police", "Police",
    "policemen", "protesters", "Northern Alliance", "alliance forces", "Alliance", "militants", "gunmen",
    "troops", "army", "Army", " ", "  ", "-", "_", "x", "2", "é", "İ", "\u212a", "ſ", ".", ",", "\n", "'s",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_ALIAS_FRAGMENTS), max_size=14).map("".join),
    st.integers(0, 40),
    st.integers(0, 40),
)
def test_prefix_gate_finds_what_the_alias_regexes_find(text: str, cut_start: int, cut_end: int) -> None:
    """Tried only where an alias may start, the alias regexes find the same actors as scanning every
    character: in the whole text and in any range of it (a range's first word may be cut)."""
    packaged = ActorList.load()
    start = min(cut_start, len(text))
    end = max(start, len(text) - cut_end)
    assert packaged.find(text) == packaged.find(text, prefilter=False)
    assert packaged.find(text, start, end) == packaged.find(text, start, end, prefilter=False)
    assert packaged.find(text, -start, end) == packaged.find(text, -start, end, prefilter=False)


def test_prefix_gate_of_aliases_that_start_with_other_letters(tmp_path: Path) -> None:
    """A user's case-insensitive alias that starts with a letter other than ASCII leaves the regex alone."""
    path = tmp_path / "extra.csv"
    path.write_text("name,aliases,inter\nÉlite unit,élite unit,State forces\n", encoding="utf-8")
    actors = ActorList.load(path)
    assert actors._loose_gate is None and actors._strict_gate is not None
    text = "An Élite Unit and Taliban fighters met the élite unit."
    assert [m.text for m in actors.find(text)] == ["Élite Unit", "Taliban fighters", "élite unit"]
