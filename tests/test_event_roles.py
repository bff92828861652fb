"""Role features of the snippet typer (geo.event_roles): who does what to whom."""

from __future__ import annotations

import pytest

from geo.event_roles import protest_features, role_features, weapon_features
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


@pytest.mark.parametrize(
    ("text", "kind", "findings"),
    [
        # ACLED's order: the demonstrators' own violence first, then harm done to them, then intervention
        ("Striking dockers marched to the port with banners.", "PEACEFUL", set()),
        ("Police used tear gas to scatter a march of pensioners.", "INTERVENTION", {"intervention"}),
        (
            "Two students died when soldiers fired on a rally and dispersed it.",
            "FORCE",
            {"harm", "intervention"},
        ),
        (
            "Demonstrators hurled rocks at officers, who fired tear gas at the rally.",
            "VIOLENT",
            {"violence", "intervention"},
        ),
        ("Angry marchers blocked the ring road with burning tyres.", "VIOLENT", {"violence"}),
    ],
)
def test_protest_features_follow_the_codebook_order(text: str, kind: str, findings: set[str]) -> None:
    feats = protest_features(text)
    assert feats[f"PR={kind}"] == 1 and feats["PR:context"] == 1, dict(feats)
    assert {f[3:] for f in feats if f[3:] in {"violence", "harm", "intervention"}} == findings


def test_protest_features_need_a_demonstration() -> None:
    assert protest_features("Soldiers fired tear gas at a checkpoint and two men died.") == {}
    assert snippet_features("Police broke up the sit-in.", "NONE", [])["p"]["PR=INTERVENTION"] == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Engineers defused a bomb left beside the bridge.", {"WP:disrupted", "WP:only_disrupted"}),
        ("Customs officers seized rifles hidden in a fuel lorry.", {"WP:disrupted", "WP:only_disrupted"}),
        ("A bomb went off near the bridge, and two guards were injured.", {"WP:used"}),
        # found after it exploded: both, so not only disrupted
        ("Police found the remains of the bomb that exploded at the gate.", {"WP:disrupted", "WP:used"}),
        ("The council discussed the budget.", set()),
    ],
)
def test_weapon_features_tell_a_stopped_weapon_from_a_used_one(text: str, expected: set[str]) -> None:
    assert set(weapon_features(text)) == expected


def test_a_weapon_word_far_from_the_act_counts_for_nothing() -> None:
    far = "A grenade " + "was named in the long report on the history of the old quarter " * 2 + "found."
    assert weapon_features(far) == {}
    feats = snippet_features("Troops found a cache of mortar shells.", "NONE", [])
    assert feats["d"]["WP:only_disrupted"] == 1
