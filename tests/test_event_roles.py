"""Role features of the snippet typer (geo.event_roles): who does what to whom."""

from __future__ import annotations

import pytest

from geo.event_roles import role_features
from geo.event_types import prototype_examples, snippet_features


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (
            "The army recaptured the town from the insurgents.",
            {"STATE>TAKE", "TAKE<NONSTATE"},
            {"NONSTATE>TAKE"},
        ),
        ("Rebel fighters seized the district capital.", {"NONSTATE>TAKE"}, {"STATE>TAKE"}),
        # passive: the class before the verb is its patient, the one after "by" its agent
        ("Militants were pushed back by the army.", {"STATE>TAKE", "TAKE>NONSTATE"}, {"NONSTATE>TAKE"}),
        (
            "Police fired tear gas at the protesters.",
            {"STATE>FORCE", "FORCE>PROTESTERS"},
            {"PROTESTERS>FORCE"},
        ),
        ("Protesters threw stones at the police.", {"PROTESTERS>RIOT"}, {"STATE>RIOT"}),
        ("Gunmen shot dead three villagers.", {"NONSTATE>FIRE", "FIRE>CIVILIANS"}, {"FIRE>STATE"}),
    ],
)
def test_acts_pair_with_their_agent_and_patient(text: str, present: set[str], absent: set[str]) -> None:
    feats = role_features(text)
    assert present <= set(feats), dict(feats)
    assert not absent & set(feats), dict(feats)


def test_an_actor_word_is_not_also_an_act() -> None:
    # "protesters" names the actors; it is no act of gathering by the police before it
    assert "STATE>GATHER" not in role_features("Police arrested the protesters.")


def test_first_sentence_roles_are_repeated_and_no_actor_gives_nothing() -> None:
    feats = role_features("Troops took control of the port. Later, rebels fled.")
    assert feats["1:STATE>TAKE"] == 1 and "1:NONSTATE>LEAVE" not in feats and feats["NONSTATE>LEAVE"] == 1
    assert feats["first=STATE"] == 1
    assert role_features("An earthquake shook the region.") == {}
    assert snippet_features("Troops took control of the port.", "NONE", [])["r"]["STATE>TAKE"] == 1


def test_the_prefilter_searches_only_regexes_that_can_match_and_changes_nothing() -> None:
    texts = [text for text, _ in prototype_examples()] + [
        "U.S.-backed forces took the x-army depot; re-seized arms were handed over by a militia.",
        "Anti-government protesters, pro-army crowds and ex-rebels gathered.",
        "",
    ]
    for text in texts:
        assert role_features(text) == role_features(text, prefilter=False), text
