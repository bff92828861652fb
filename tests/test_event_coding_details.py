"""Event coding details a coder would check first, on sentences written for these tests: a negated
toll, who did what in coordinated clauses, who a statement's "it" is, a denial of who did it."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.events import EventExtractor, fatalities, find_hits
from geo.gazetteer import Gazetteer
from geo.pipeline import Pipeline
from geo.records import Document, Event

PUB = dt.date(2024, 3, 14)  # a Thursday


@pytest.fixture(scope="module")
def extractor() -> EventExtractor:
    return EventExtractor()


def _events(extractor: EventExtractor, text: str, date: dt.date | None = PUB) -> tuple[Event, ...]:
    return extractor(Document(id="t", text=text, date=date)).events


@pytest.mark.parametrize(
    "clause",
    [
        "No one was killed in the attack.",
        "Not a single resident was killed in the attack.",
        "Not one soldier was killed, the army said.",
    ],
)
def test_a_negated_count_counts_no_one(clause: str) -> None:
    assert fatalities(clause, 0, len(clause), find_hits(clause)) == 0


def test_no_one_killed_after_an_attack_leaves_it_without_dead(extractor: EventExtractor) -> None:
    text = "Gunmen attacked a village in the district on Monday. No one was killed in the attack."
    assert [(e.sub_event_type, e.fatalities) for e in _events(extractor, text)] == [("Attack", 0)]


def test_one_killed_is_still_one() -> None:
    clause = "One soldier was killed in the attack."
    assert fatalities(clause, 0, len(clause), find_hits(clause)) == 1


@pytest.mark.parametrize(
    "verb",
    ["hunted down", "pursued", "fought"],
)
def test_the_subject_of_both_coordinated_verbs_is_named_before_the_first(
    extractor: EventExtractor, verb: str
) -> None:
    """ "Soldiers backed by militiamen hunted down jihadists and killed five of them": the jihadists are
    the first verb's object (whatever that verb: an event's own, one of ``object_verbs``, any past
    tense), the soldiers did both, and the dead are jihadists: a clash, not an attack on civilians."""
    text = f"Soldiers backed by local militiamen {verb} jihadists near the town and killed five of them."
    [event] = _events(extractor, text)
    assert (event.sub_event_type, event.actor1, event.actor2, event.fatalities) == (
        "Armed clash",
        "Military Forces",
        "Unidentified Armed Group",
        5,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Bandits stopped a bus on the highway on Monday. A driver who tried to resist was killed.",
        "Bandits stopped a bus on the highway on Monday. A passenger who refused to hand over his phone "
        "was shot dead.",
    ],
)
def test_a_hypothetical_cue_in_the_victims_relative_clause_keeps_the_killing(
    extractor: EventExtractor, text: str
) -> None:
    """ "resist", "refused to" make what follows them hypothetical, but not a passive verb after the relative
    clause they are in: the driver was killed."""
    assert [(e.sub_event_type, e.actor1, e.fatalities) for e in _events(extractor, text)] == [
        ("Attack", "Unidentified Armed Group", 1)
    ]


@pytest.mark.parametrize(
    "second",
    [
        "The kidnappers marched the captives into the forest.",
        "The gang then marched them to a camp in the hills.",
    ],
)
def test_marching_captives_away_is_no_protest(extractor: EventExtractor, second: str) -> None:
    """ "marched" with captives as its object tells how they were taken away, not a march of protest."""
    text = f"Gunmen abducted 20 villagers from a farming settlement on Monday. {second}"
    assert [e.sub_event_type for e in _events(extractor, text)] == ["Abduction/forced disappearance"]


def test_a_march_for_hostages_is_still_a_protest(extractor: EventExtractor) -> None:
    text = "Thousands of relatives marched for the hostages in the capital on Saturday."
    assert [e.sub_event_type for e in _events(extractor, text)] == ["Peaceful protest"]


@pytest.mark.parametrize(
    ("tail", "dead"),
    [
        ("but residents fought them off, leaving 4 gang members dead.", 4),
        ("killing two farmers, but villagers fought them off, killing three of the attackers.", 5),
    ],
)
def test_an_attack_fought_off_is_a_clash_with_the_dead_of_both(
    extractor: EventExtractor, tail: str, dead: int
) -> None:
    """People who fought the attackers off took up arms (a communal militia, actor 2); the attackers'
    dead in that fight are the event's too."""
    text = f"Gunmen raided a village in the district on Monday, {tail}"
    [event] = _events(extractor, text)
    assert (event.sub_event_type, event.actor1, event.actor2, event.fatalities) == (
        "Armed clash",
        "Unidentified Armed Group",
        "Communal Militia",
        dead,
    )


@pytest.mark.parametrize(
    ("second", "dead"),
    [
        ("In the fighting, 15 jihadists died, the army said.", 23),  # the other side's dead: all counted
        ("During the clashes, eight soldiers were killed.", 8),  # the same side's: one figure
    ],
)
def test_a_sentence_opening_on_the_fight_tells_the_attack_just_told(
    extractor: EventExtractor, second: str, dead: int
) -> None:
    text = f"Hundreds of jihadists attacked an army base on Monday, killing eight soldiers. {second}"
    [event] = _events(extractor, text)
    assert (event.sub_event_type, event.actor2, event.fatalities) == ("Armed clash", "Military Forces", dead)


def test_the_juntas_word_that_its_air_force_struck_is_the_strike_told(extractor: EventExtractor) -> None:
    """The army's own account ("its air force had struck ...") of the strike just told, with its own
    count of the dead, is that strike (which keeps the count told first)."""
    text = (
        "Burkina Faso's army carried out air strikes on jihadist positions in the north on Monday, killing "
        "dozens of fighters. The junta said in a statement that its air force had struck the positions, "
        "killing about 30 jihadists."
    )
    assert [(e.sub_event_type, e.inter1, e.fatalities) for e in _events(extractor, text)] == [
        ("Air/drone strike", "State forces", 12)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Traders staged a protest in the market town on Tuesday, demanding protection after their shops were "
        "attacked by gunmen in several districts.",
        "Hundreds of women marched through the town on Tuesday. The protesters demanded protection after "
        "homes were attacked in several districts.",
    ],
)
def test_what_a_crowd_demands_protection_from_is_no_event_of_its_own(
    extractor: EventExtractor, text: str
) -> None:
    assert [e.sub_event_type for e in _events(extractor, text)] == ["Peaceful protest"]


def test_the_first_side_named_after_between_is_actor_1(extractor: EventExtractor) -> None:
    """ "Fighting between the SDF and Arab tribal fighters": ACLED's actor 1 is the side named first,
    though words that describe the second ("Arab tribal") stand outside its name."""
    text = "Fighting between the SDF and Arab tribal fighters in the east killed 12 people on Monday."
    [event] = _events(extractor, text)
    assert (event.actor1, event.actor2) == ("Syrian Democratic Forces", "Unidentified Armed Group")


@pytest.mark.parametrize(
    ("first", "certainty"),
    [
        # who did it was never said: the denier only says it was not them
        ("A drone strike hit a market in the city on Monday, killing 10 civilians.", "reported"),
        # told as theirs: they deny it (tests/test_events.py, the OLA)
        ("RSF drones struck a market in the city on Monday, killing 10 civilians, activists said.", "denied"),
    ],
)
def test_a_denial_of_responsibility_denies_only_an_event_told_as_the_deniers(
    extractor: EventExtractor, first: str, certainty: str
) -> None:
    text = f"{first} The RSF denied responsibility for the strike."
    [event] = _events(extractor, text)
    assert (event.sub_event_type, event.certainty) == ("Air/drone strike", certainty)


def test_two_days_later_dates_the_reprisal_from_the_raid() -> None:
    """ "Two days later" counts from the Monday of the raid told before (a check: it was once undated)."""
    text = (
        "Gunmen raided a village in the district on Monday, killing five farmers.\n\n"
        "Two days later, soldiers attacked a gang camp in the area, killing seven bandits."
    )
    events = EventExtractor()(Document(id="t", text=text, date=PUB)).events
    assert [e.date for e in events] == [dt.date(2024, 3, 11), dt.date(2024, 3, 13)]


@pytest.mark.parametrize(
    "reply", ["Congolese troops pushed them back.", "Congolese soldiers drove the attackers out of the town."]
)
def test_the_defenders_pushing_the_attackers_back_is_the_attack_told(
    extractor: EventExtractor, reply: str
) -> None:
    text = f"M23 rebels attacked army positions near the town on Monday. {reply}"
    assert [(e.sub_event_type, e.actor1) for e in _events(extractor, text)] == [("Armed clash", "M23")]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # the sentence before sets the scene on Monday, though it tells no event of its own
        ("Bandits stopped a bus on the highway on Monday. A driver who tried to resist was killed.", 11),
        # another paragraph: not the scene; the week of publication stands
        ("The minister visited the region on Monday.\n\nGunmen killed a farmer in the north.", 8),
    ],
)
def test_an_undated_event_takes_the_day_the_sentence_before_set(
    extractor: EventExtractor, text: str, day: int
) -> None:
    [event] = _events(extractor, text)
    assert event.date == dt.date(2024, 3, day)


@pytest.mark.parametrize(
    ("clause", "dead"),
    [
        ("A mob beat a man to death in the market on Monday.", 1),
        ("A mob beat a suspected thief to death in the market on Monday.", 1),
        ("A mob beat a man in the market on Monday.", 0),
    ],
)
def test_beaten_to_death_counts_the_victims_between(clause: str, dead: int) -> None:
    assert fatalities(clause, 0, len(clause), find_hits(clause)) == dead


def test_the_town_the_wounded_were_taken_to_is_not_where_the_attack_was(gazetteer: Gazetteer) -> None:
    """ "Several people were wounded and taken to a hospital in Bankass": treated there, not attacked there
    (the attack's own village is not in the gazetteer, so the region the article names is its place)."""
    text = (
        "Gunmen kill 14 in central Mali\n\n"
        "Gunmen killed 14 civilians in an attack on a village in Mali's Mopti region on Wednesday, officials "
        "said. The attackers arrived on motorcycles early in the morning and shot villagers who tried to "
        "flee. Several people were wounded and taken to a hospital in Bankass."
    )
    doc = Pipeline.default(gazetteer.path)(Document(id="t", text=text, date=PUB))
    assert [(le.place.place.name if le.place and le.place.place else None) for le in doc.linked] == ["Mopti"]


@pytest.mark.parametrize(
    ("second", "dead"),
    [
        ("Four soldiers were killed.", 24),  # the other side's dead: all counted
        ("Four soldiers were also killed, the army said.", 24),  # more dead: all counted
        ("Twenty-two militants were killed, the army said later.", 20),  # the same side's: one figure
    ],
)
def test_a_bare_count_of_dead_after_a_battle_is_that_battles(
    extractor: EventExtractor, second: str, dead: int
) -> None:
    """A sentence that only counts dead, killed by no one it names, right after a battle with dead, is
    that battle's dead, not an attack or a clash of its own."""
    text = f"Soldiers repelled an attack near the town on Sunday, killing about 20 militants. {second}"
    [event] = _events(extractor, text)
    assert (event.sub_event_type, event.actor1, event.fatalities) == ("Armed clash", "Military Forces", dead)


def test_the_killers_own_losses_are_the_battles_dead(extractor: EventExtractor) -> None:
    """ "Four VDP members were killed" after the VDP's own kill: its count names no side, but its dead
    are of the side that did the killing, so both counts add up."""
    text = (
        "Volunteers for the Defence of the Homeland (VDP) repelled an attack near the town on Sunday, "
        "killing about 20 militants. Four VDP members were killed."
    )
    assert [(e.sub_event_type, e.fatalities) for e in _events(extractor, text)] == [("Armed clash", 24)]


@pytest.mark.parametrize("adverb", ["also", "all", "reportedly"])
def test_an_adverb_inside_the_passive_keeps_the_dead_the_victims(
    extractor: EventExtractor, adverb: str
) -> None:
    """ "Two soldiers were also killed": the soldiers suffered it (actor 2), with or without the adverb
    between "were" and the participle; they are not the killers of civilians."""
    [event] = _events(extractor, f"Two soldiers were {adverb} killed.")
    assert (event.actor1, event.actor2, event.civilian_targeting) == (
        "Unidentified Armed Group",
        "Military Forces",
        False,
    )


def test_a_claimant_named_in_apposition_is_the_events_actor(extractor: EventExtractor) -> None:
    """ "An Iran-backed group, the Islamic Resistance in Iraq, claimed responsibility": the group the
    apposition names claims the drone attack told before, whose doer was unknown."""
    text = (
        "A drone attacked an air base in the west of the country late on Monday, causing no casualties. "
        "An Iran-backed group, the Islamic Resistance in Iraq, claimed responsibility."
    )
    assert [(e.sub_event_type, e.actor1) for e in _events(extractor, text)] == [
        ("Air/drone strike", "Islamic Resistance in Iraq")
    ]


@pytest.mark.parametrize(
    "headline",
    ["Middle East round-up: drone hits base", "Africa round-up - drone hits base", "Weekly round-ups"],
)
def test_a_news_round_up_is_no_arrest(extractor: EventExtractor, headline: str) -> None:
    """A headline's "round-up" is the genre of the article, not police rounding people up."""
    assert all(e.sub_event_type != "Arrests" for e in _events(extractor, f"{headline}\n\nNothing else."))


def test_a_round_up_of_suspects_is_an_arrest(extractor: EventExtractor) -> None:
    text = "Security forces launched a mass round-up of suspected militants in the city on Monday."
    assert [e.sub_event_type for e in _events(extractor, text)] == ["Arrests"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The death toll from last week's siege of the hotel in the capital has risen to 32, officials said.",
        "The toll from Monday's bombing of the market climbed to 32 on Tuesday after more victims died.",
    ],
)
def test_a_toll_that_has_risen_counts_its_new_figure(sentence: str) -> None:
    """ "The death toll from ... has risen to 32": the figure after "risen to", however many words lie
    between the toll and its rise."""
    assert fatalities(sentence, 0, len(sentence), find_hits(sentence)) == 32


@pytest.mark.parametrize(
    ("sentence", "dead"),
    [
        ("Gunmen shot dead a polio worker and his police escort on Wednesday.", 2),
        ("Gunmen shot dead a journalist and his son outside their home.", 2),
        ("Gunmen killed a soldier and his wife was wounded.", 1),  # she survived
    ],
)
def test_a_victim_and_one_of_theirs_are_two_dead(sentence: str, dead: int) -> None:
    assert fatalities(sentence, 0, len(sentence), find_hits(sentence)) == dead


@pytest.mark.parametrize(
    ("sentence", "actor1"),
    [
        # a group the actor list lacks comes through as written
        (
            "Fighters of the Chinland Liberation Front captured an army outpost near the town on Tuesday.",
            "Chinland Liberation Front",
        ),
        (
            "The Chinland Liberation Front said its fighters had captured an army outpost on Tuesday.",
            "Chinland Liberation Front",
        ),
        (
            "Gunmen from the Zomi Revolutionary Army attacked a village near the town on Sunday.",
            "Zomi Revolutionary Army",
        ),
        # a state's army stays the state's; a group the list knows stays that group
        ("The Sudanese Army shelled the town on Sunday.", "Military Forces of Sudan"),
        (
            "Suspected Fulani gunmen attacked the village on Sunday, killing 12 civilians.",
            "Fulani Ethnic Militia",
        ),
    ],
)
def test_a_group_the_actor_list_lacks_is_named_as_written(
    extractor: EventExtractor, sentence: str, actor1: str
) -> None:
    """ "fighters of the X Front", "the X Front said its fighters", "gunmen from the X Army": the group the
    words name, not an unidentified armed group or some state's military."""
    [event] = _events(extractor, sentence)
    assert event.actor1 == actor1


@pytest.mark.parametrize(
    ("sentence", "sub_type"),
    [
        (
            "The army said it had pushed RSF fighters out of the Kafouri district on Monday.",
            "Government regains territory",
        ),
        (
            "Rebel fighters drove government troops from the town on Monday.",
            "Non-state actor overtakes territory",
        ),
        ("Troops pushed the attackers back after a two-hour gunfight on Monday.", "Armed clash"),
        (
            "Police drove protesters out of the city centre with tear gas on Monday.",
            "Protest with intervention",
        ),
    ],
)
def test_driving_a_side_out_of_a_place_takes_it(
    extractor: EventExtractor, sentence: str, sub_type: str
) -> None:
    """ "pushed RSF fighters out of the Kafouri district": the place changes hands (the state's forces
    regain it, a group overtakes it); pushing attackers back is a clash, and a crowd driven off no battle."""
    [event] = _events(extractor, sentence)
    assert event.sub_event_type == sub_type


def test_staff_driven_out_of_a_region_is_no_change_of_hands(extractor: EventExtractor) -> None:
    """ "a scare that has driven UN staffers out of the region": people who left, no armed side."""
    text = "A scare over attacks has driven UN staffers out of the affected region, officials said."
    assert all("territory" not in e.sub_event_type for e in _events(extractor, text))


@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        (
            "Shelling by the RSF on the city of El Fasher killed 15 civilians on Sunday, the Resistance "
            "Committees said. The shells hit the Abu Shouk camp north of El Fasher, the group said.",
            "reported",  # "the group" is the committees that told it
        ),
        (
            "Al-Shabaab fighters attacked an army base near Afgoye on Sunday, killing eight soldiers. The "
            "fighters overran the base near Afgoye, the group said.",
            "claimed",
        ),
    ],
)
def test_the_group_that_speaks_is_the_one_named_before(
    gazetteer: Gazetteer, text: str, certainty: str
) -> None:
    """ "..., the Resistance Committees said. ..., the group said": the group that tells the shelling is the
    committees named before, who report it; an armed group's own word is its claim."""
    doc = Pipeline.default(gazetteer.path)(Document(id="t", text=text, date=PUB))
    assert [le.event.certainty for le in doc.linked] == [certainty]
