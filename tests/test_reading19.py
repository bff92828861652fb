"""Rules found reading reader19's articles as an ACLED coder (a Sahel round-up, Algeria, Nepal, Serbia,
Guatemala, Chile, Burundi, Bangladesh's hill districts ...), each on a sentence written for it, through the
real pipeline and gazetteer."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.gazetteer import Gazetteer
from geo.pipeline import Pipeline
from geo.records import Document, LinkedEvent


@pytest.fixture(scope="module")
def pipeline(gazetteer: Gazetteer) -> Pipeline:
    return Pipeline.default(gazetteer.path)


def _linked(pipeline: Pipeline, text: str, date: str) -> tuple[LinkedEvent, ...]:
    return pipeline(Document(id="t", text=text, date=dt.date.fromisoformat(date))).linked


def test_two_dozen_counts_twenty_four(pipeline: Pipeline) -> None:
    text = "Gunmen killed two dozen villagers and half a dozen herders near Bandiagara on Sunday."
    links = _linked(pipeline, text, "2024-05-06")
    assert [(link.event.sub_event_type, link.fatalities) for link in links] == [("Attack", 30)]


def test_people_called_armed_are_an_armed_group_not_civilians(pipeline: Pipeline) -> None:
    text = "Troops killed five armed Islamists in the mountains near Chlef on Sunday, the ministry said."
    links = _linked(pipeline, text, "2024-05-06")
    assert [(link.event.sub_event_type, link.event.inter2) for link in links] == [
        ("Armed clash", "Political militia")
    ]


def test_a_crowd_outside_a_police_headquarters_met_no_police(pipeline: Pipeline) -> None:
    text = (
        "Relatives of the dead officers gathered outside the police headquarters in Villa Nueva on Monday "
        "to demand better protection."
    )
    links = _linked(pipeline, text, "2024-05-06")
    assert [(link.event.sub_event_type, link.event.actor1, link.event.actor2) for link in links] == [
        ("Peaceful protest", "Protesters", "")
    ]


def test_the_dead_a_demand_is_over_are_no_dead_of_the_riot(pipeline: Pipeline) -> None:
    text = (
        "Protesters threw stones at the city hall in Novi Sad on Tuesday, demanding the resignation of "
        "officials over the collapse of a roof that killed 14 people last week."
    )
    links = _linked(pipeline, text, "2024-11-06")
    assert [(link.event.sub_event_type, link.fatalities) for link in links] == [("Violent demonstration", 0)]


def test_what_rioters_looted_after_stoning_police_is_their_riot(pipeline: Pipeline) -> None:
    text = (
        "Some of them threw stones at police, set fire to a party office and looted a shopping mall in "
        "Kathmandu on Friday, police said."
    )
    links = _linked(pipeline, text, "2024-03-29")
    assert [link.event.sub_event_type for link in links] == ["Violent demonstration"]


def test_a_counter_rally_is_a_protest(pipeline: Pipeline) -> None:
    text = "Several hundred supporters of the republic held a counter-rally in Kathmandu on Thursday."
    links = _linked(pipeline, text, "2024-03-29")
    assert [(link.event.sub_event_type, link.event.date) for link in links] == [
        ("Peaceful protest", dt.date(2024, 3, 28))
    ]


def test_the_imbonerakure_are_a_political_militia(pipeline: Pipeline) -> None:
    text = (
        "Members of the Imbonerakure, the youth wing of the ruling CNDD-FDD party, killed an opposition "
        "official with a machete in Ngozi province on Sunday."
    )
    links = _linked(pipeline, text, "2024-10-09")
    assert [(link.event.actor1, link.event.inter1) for link in links] == [
        ("Imbonerakure", "Political militia")
    ]


def test_a_fight_across_a_region_before_the_round_up_is_its_summary(pipeline: Pipeline) -> None:
    text = (
        "Armed groups and government forces fought across the central Sahel last week.\n\n"
        "Gunmen killed three soldiers near Tillia on Saturday.\n\n"
        "Gunmen killed two civilians near Dori on Sunday."
    )
    links = _linked(pipeline, text, "2024-09-16")
    assert [link.event.sentence[:6] for link in links] == ["Gunmen", "Gunmen"]


def test_about_twenty_attackers_neutralised_add_to_the_toll(pipeline: Pipeline) -> None:
    text = (
        "Islamic State fighters attacked an army position at Tillia on Sunday, killing six soldiers, the "
        "defence ministry said, adding that about 20 assailants were neutralised."
    )
    links = _linked(pipeline, text, "2024-09-16")
    assert [link.fatalities for link in links] == [26]


def test_between_a_town_and_one_the_gazetteer_lacks_is_near_the_town(pipeline: Pipeline) -> None:
    text = (
        "Gunmen ambushed a convoy escorted by soldiers on the road between Dori and Seytenga on Saturday, "
        "killing eleven soldiers."
    )
    links = _linked(pipeline, text, "2024-09-16")
    assert [(link.place.place.name if link.place else "", link.geo_precision) for link in links] == [
        ("Dori", 2)
    ]


def test_a_count_opening_a_crowd_is_no_name_of_its_group(pipeline: Pipeline) -> None:
    text = "Dozens of Mapuche community members marched through central Temuco on Monday."
    links = _linked(pipeline, text, "2024-04-29")
    assert [link.event.assoc_actor1 for link in links] == ["Mapuche"]


def test_a_bare_toll_after_a_riot_is_the_riots_dead(pipeline: Pipeline) -> None:
    text = "On Friday, students clashed with police in Rangamati. One man was killed, police said."
    links = _linked(pipeline, text, "2024-09-21")
    assert [(link.event.sub_event_type, link.fatalities) for link in links] == [("Violent demonstration", 1)]


def test_a_crowd_that_had_gathered_is_the_riot_told_before(pipeline: Pipeline) -> None:
    text = (
        "Police opened fire on royalist protesters who had torched buildings in Kathmandu on Friday, killing "
        "two people. Thousands of protesters demanding the return of the king had gathered in the Tinkune "
        "area."
    )
    links = _linked(pipeline, text, "2024-03-29")
    assert [(link.event.sub_event_type, link.fatalities) for link in links] == [("Violent demonstration", 2)]


def test_the_soldiers_dead_after_killing_armed_men_add_up(pipeline: Pipeline) -> None:
    text = (
        "Algerian troops killed five armed Islamists in the mountains of Ain Defla province on Sunday. Two "
        "soldiers were killed in the exchange of fire, the ministry said."
    )
    links = _linked(pipeline, text, "2024-02-20")
    assert [(link.event.sub_event_type, link.fatalities) for link in links] == [("Armed clash", 7)]


def test_rifles_the_troops_recovered_after_the_fight_are_part_of_it(pipeline: Pipeline) -> None:
    text = "Troops killed five militants near Chlef on Sunday. Troops recovered three rifles and ammunition."
    links = _linked(pipeline, text, "2024-02-20")
    assert [link.event.sub_event_type for link in links] == ["Armed clash"]


def test_what_a_day_after_tells_does_not_type_the_event(pipeline: Pipeline) -> None:
    text = (
        "Three men from indigenous hill communities were shot dead in Khagrachhari town on Thursday night, "
        "a day after a Bengali man accused of theft was beaten to death by a crowd there, officials said."
    )
    links = _linked(pipeline, text, "2024-09-21")
    assert [(link.event.sub_event_type, link.fatalities) for link in links][:1] == [("Attack", 3)]
