"""Rules found reading wire copy as an ACLED coder (the article corpus's fifteenth read), each on a
sentence written for it, through the real pipeline and gazetteer."""

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


def _rows(links: tuple[LinkedEvent, ...]) -> list[tuple[str, str, str, int]]:
    return [
        (
            link.event.sub_event_type,
            link.place.place.name if link.place and link.place.place else "",
            link.event.date.isoformat() if link.event.date else "",
            link.geo_precision,
        )
        for link in links
    ]


def test_a_dateline_from_two_cities_is_when_the_story_was_filed(pipeline: Pipeline) -> None:
    text = (
        "LAGOS/ABUJA, March 8 - Gunmen ambushed a police patrol near the town of Zaria on Tuesday, "
        "killing four officers, police said."
    )
    assert [link.event.date for link in _linked(pipeline, text, "2024-03-08")] == [dt.date(2024, 3, 5)]


def test_where_a_spokesman_spoke_does_not_place_the_strikes_told_before(pipeline: Pipeline) -> None:
    text = (
        "Army drones struck the village of Kolimbine in eastern Mali on Sunday, killing 14 herders, "
        "residents said. A government spokesman told reporters in Bamako that the strikes had hit "
        "a militant base."
    )
    places = [row[1] for row in _rows(_linked(pipeline, text, "2024-03-08"))]
    assert places and "Bamako" not in places


def test_a_rate_per_year_is_no_event(pipeline: Pipeline) -> None:
    text = (
        "Gunmen shot dead three men at a bar in Celaya on Friday. More than 2,000 people are killed "
        "in Guanajuato state each year, according to official figures."
    )
    rows = _rows(_linked(pipeline, text, "2024-03-09"))
    assert [(sub, place) for sub, place, _, _ in rows] == [("Attack", "Celaya")]


def test_condemning_violence_against_protesters_is_no_protest(pipeline: Pipeline) -> None:
    text = (
        "Riot police fired tear gas at protesters outside parliament in Yerevan on Tuesday. "
        "The European Union, in a statement issued in Brussels, condemned the violence against "
        "protesters."
    )
    rows = _rows(_linked(pipeline, text, "2024-03-08"))
    assert [(sub, place) for sub, place, _, _ in rows] == [("Protest with intervention", "Yerevan")]


def test_the_following_day_counts_on_from_the_day_told(pipeline: Pipeline) -> None:
    text = (
        "Militiamen seized the town of Dessie on Monday after a day of fighting with federal troops. "
        "The following day soldiers went from house to house in Dessie, killing 12 civilians, "
        "residents said."
    )
    dates = {sub: day for sub, _, day, _ in _rows(_linked(pipeline, text, "2024-03-08"))}
    assert dates.get("Attack") == "2024-03-05"


def test_that_day_is_the_day_told_before(pipeline: Pipeline) -> None:
    text = (
        "A mob attacked a police station in Bogura on Monday, killing two officers. Crowds also set "
        "fire to a ruling party office in Bogura that day, police said."
    )
    rows = _rows(_linked(pipeline, text, "2024-03-08"))
    assert rows and all(day == "2024-03-04" for _, _, day, _ in rows), rows


def test_arrests_at_a_towns_airport_are_their_own_event(pipeline: Pipeline) -> None:
    text = (
        "Hundreds of teachers rallied peacefully in Khulna on Thursday to demand higher pay.\n\n"
        "Police detained a former minister at Dhaka's main airport on Tuesday as he tried to leave "
        "the country."
    )
    rows = _rows(_linked(pipeline, text, "2024-03-08"))
    assert [(sub, place) for sub, place, _, _ in rows] == [
        ("Peaceful protest", "Khulna"),
        ("Arrests", "Dhaka"),
    ]
