"""Relative and explicit dates resolved against a publication date, with ACLED time precision."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.dates import find_dates, resolve

PUB = dt.date(2024, 3, 14)  # a Thursday


@pytest.mark.parametrize(
    ("sentence", "start", "end", "precision"),
    [
        ("Gunmen burned a market yesterday.", dt.date(2024, 3, 13), dt.date(2024, 3, 13), 1),
        ("Two shops were looted last night.", dt.date(2024, 3, 13), dt.date(2024, 3, 13), 1),
        ("The convoy was ambushed on Tuesday.", dt.date(2024, 3, 12), dt.date(2024, 3, 12), 1),
        ("A bridge was blown up on Thursday.", PUB, PUB, 1),
        ("Fighters seized the hill today.", PUB, PUB, 1),
        ("Earlier this week the rebels shelled the port.", dt.date(2024, 3, 11), dt.date(2024, 3, 13), 2),
        ("Last week soldiers raided the camp.", dt.date(2024, 3, 4), dt.date(2024, 3, 10), 2),
        ("Last month a drone hit the depot.", dt.date(2024, 2, 1), dt.date(2024, 2, 29), 3),
        ("The siege began on March 2.", dt.date(2024, 3, 2), dt.date(2024, 3, 2), 1),
        ("The siege began on 2 March 2023.", dt.date(2023, 3, 2), dt.date(2023, 3, 2), 1),
        ("The raid happened on December 30.", dt.date(2023, 12, 30), dt.date(2023, 12, 30), 1),
        ("Protests spread in early January.", dt.date(2024, 1, 1), dt.date(2024, 1, 31), 3),
        # a year alone: the whole year, at ACLED's coarsest precision
        ("Thousands were killed in the town in 2023.", dt.date(2023, 1, 1), dt.date(2023, 12, 31), 3),
        ("The camp was shelled last year.", dt.date(2023, 1, 1), dt.date(2023, 12, 31), 3),
        # a year naming an event ("the 1994 genocide")
        ("Thousands died in the 1994 genocide.", dt.date(1994, 1, 1), dt.date(1994, 12, 31), 3),
        ("Gunmen killed two guards three days ago.", dt.date(2024, 3, 11), dt.date(2024, 3, 11), 1),
        ("The depot burned 10 days ago.", dt.date(2024, 3, 4), dt.date(2024, 3, 4), 1),
        # the Saturday and Sunday before a Thursday's report
        ("Gangs attacked the suburb over the weekend.", dt.date(2024, 3, 9), dt.date(2024, 3, 10), 2),
        ("Two soldiers were killed at the weekend.", dt.date(2024, 3, 9), dt.date(2024, 3, 10), 2),
        # "last October": the latest October before the report; "last March" in a March paper, a year before
        ("The offensive began last October.", dt.date(2023, 10, 1), dt.date(2023, 10, 31), 3),
        ("The town fell last March.", dt.date(2023, 3, 1), dt.date(2023, 3, 31), 3),
        ("This past January the rebels withdrew.", dt.date(2024, 1, 1), dt.date(2024, 1, 31), 3),
    ],
)
def test_relative_and_explicit_dates(sentence: str, start: dt.date, end: dt.date, precision: int) -> None:
    guess = resolve(sentence, PUB)
    assert (guess.date, guess.date_end, guess.time_precision) == (start, end, precision)
    assert guess.cue  # the words that support the date are recorded


def test_no_publication_date_keeps_precision_but_no_date() -> None:
    assert resolve("Gunmen burned a market yesterday.", None).date is None
    assert resolve("Gunmen burned a market yesterday.", None).time_precision == 1
    week = resolve("Last week soldiers raided the camp.", None)
    assert (week.date, week.time_precision) == (None, 2)
    assert resolve("Last month a drone hit the depot.", None).time_precision == 3


def test_no_date_words_falls_back_to_the_week_before_publication() -> None:
    guess = resolve("Soldiers raided the camp.", PUB)
    assert (guess.date, guess.date_end, guess.time_precision) == (dt.date(2024, 3, 8), PUB, 2)
    assert resolve("Soldiers raided the camp.", None).date is None


def test_nearest_expression_to_the_trigger_wins() -> None:
    text = "On Monday talks opened, and yesterday militants stormed the village."
    anchor = text.index("stormed")
    assert resolve(text, PUB, anchor=anchor).date == dt.date(2024, 3, 13)
    assert resolve(text, PUB, anchor=text.index("talks")).date == dt.date(2024, 3, 11)


def test_find_dates_returns_spans_in_text_order() -> None:
    text = "Yesterday a mine exploded; on 3 March a second one was found."
    found = find_dates(text, PUB)
    assert [text[g.span[0] : g.span[1]] for g in found if g.span] == ["Yesterday", "3 March"]


@pytest.mark.parametrize(
    "dateline",
    [
        "KHARTOUM, May 14 - ",
        "KABUL, Afghanistan, Nov. 28 (AP) — ",
        "GAO, Mali, 3 March: ",
        "May 14 - ",
        "14 May - ",
    ],
)
def test_a_wire_dateline_is_when_the_story_was_filed_not_the_event(dateline: str) -> None:
    pub = dt.date(2024, 5, 14)
    text = dateline + "Gunmen attacked a convoy on Friday, officials said."
    assert resolve(text, pub, anchor=text.index("attacked")).date == dt.date(2024, 5, 10)
    undated = dateline + "Gunmen attacked a convoy, officials said."
    assert resolve(undated, pub, anchor=undated.index("attacked")).cue == "publication date"


def test_a_dateline_without_a_date_is_no_part_of_the_story() -> None:
    from geo.dates import dateline_end

    for dateline in (
        "BAGHDAD (Reuters) - ",
        "MOGADISHU, Somalia (AP) — ",
        "KABUL, Afghanistan — ",
        # a town in title case, with its agency
        "Maiduguri (Nigeria) (AFP) - ",
        "Kano, Nigeria (AFP) - ",
    ):
        assert dateline_end(dateline + "Two rockets were fired.") == len(dateline)
    assert dateline_end("The army said - after a pause - it won.") == 0
    assert dateline_end("Islamic State fighters - dozens of them - attacked.") == 0


def test_a_weekday_after_a_year_is_of_that_year() -> None:
    pub = dt.date(2024, 5, 2)
    found = find_dates("He planned the 2019 Easter Sunday bombings of churches.", pub)
    assert [(g.date, g.time_precision) for g in found] == [(dt.date(2019, 1, 1), 3)]


def test_next_weekday_is_the_one_to_come() -> None:
    pub = dt.date(2023, 3, 24)  # a Friday
    found = find_dates("Unions called protests for next Tuesday.", pub)
    assert [(g.date, g.cue) for g in found] == [(dt.date(2023, 3, 28), "next Tuesday")]
    assert find_dates("They will march next Friday.", pub)[0].date == dt.date(2023, 3, 31)
    assert find_dates("They marched on Tuesday.", pub)[0].date == dt.date(2023, 3, 21)


def test_overnight_after_a_day_named_is_that_days_night() -> None:
    pub = dt.date(2024, 7, 5)  # a Friday
    found = find_dates("Also on Tuesday, troops arrested 15 people in overnight raids.", pub)
    assert [(g.date, g.cue) for g in found] == [(dt.date(2024, 7, 2), "on Tuesday")]
    # alone, or before the day named, "overnight" is the night before publication
    found = find_dates("Drones attacked overnight, officials said on Friday.", pub)
    assert found[0].date == dt.date(2024, 7, 4)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Rebels killed 42 civilians overnight on Wednesday, local officials said.", dt.date(2024, 3, 13)),
        ("Drones struck the port overnight into Tuesday.", dt.date(2024, 3, 12)),
    ],
)
def test_overnight_before_the_day_it_names_is_that_days_night(text: str, day: dt.date) -> None:
    assert [g.date for g in find_dates(text, PUB)] == [day]


@pytest.mark.parametrize(
    ("text", "trigger", "day"),
    [
        # the day a command said it is not the day of the strike it names
        (
            "The command said on Wednesday that it had carried out a drone strike near the port on Tuesday.",
            "drone strike",
            dt.date(2024, 3, 12),
        ),
        (
            "A spokesman told reporters on Wednesday that gunmen attacked the convoy on Monday.",
            "attacked",
            dt.date(2024, 3, 11),
        ),
        # with no other day told, the day it was told is the best there is
        ("The army said on Wednesday that troops killed seven fighters.", "killed", dt.date(2024, 3, 13)),
    ],
)
def test_the_day_a_report_was_told_gives_way_to_the_day_of_the_event(
    text: str, trigger: str, day: dt.date
) -> None:
    guess = resolve(text, PUB, anchor=text.index(trigger))
    assert (guess.date, guess.time_precision) == (day, 1)


def test_the_previous_day_counts_back_from_the_day_of_telling() -> None:
    text = "The air force said on Wednesday that its jets had struck a camp in the hills the previous day."
    guess = resolve(text, PUB, anchor=text.index("struck"))
    assert (guess.date, guess.time_precision) == (dt.date(2024, 3, 12), 1)
