"""Event coding on sentences written for these tests: types, actors, fatalities, dates, certainty."""

from __future__ import annotations

import csv
import datetime as dt
import re
from importlib import resources
from pathlib import Path
from typing import Literal

import pytest

from geo.errors import InputError
from geo.events import EventExtractor, load_lexicon, read_triggers
from geo.gazetteer import Gazetteer
from geo.pipeline import Pipeline
from geo.records import Document, Event

PUB = dt.date(2024, 3, 14)  # a Thursday
#: before 15 August 2021, when ACLED codes the Taliban as a rebel group (geo/data/actor_periods.csv)
TALIBAN_ERA = dt.date(2001, 11, 15)


@pytest.fixture(scope="module")
def extractor() -> EventExtractor:
    return EventExtractor()


def _events(extractor: EventExtractor, text: str, date: dt.date | None = PUB) -> tuple[Event, ...]:
    return extractor(Document(id="t", text=text, date=date)).events


def _one(extractor: EventExtractor, text: str, date: dt.date | None = PUB) -> Event:
    events = _events(extractor, text, date)
    assert len(events) == 1, [(e.sub_event_type, e.sentence) for e in events]
    return events[0]


# -- fatalities


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        # the lowest figure reported
        (
            "At least 12 people were killed when gunmen attacked the market, "
            "though a hospital later put the toll at 15.",
            12,
        ),
        ("Officials said 7 villagers were killed in the raid, while residents said 11 died.", 7),
        # vague counts as ACLED codes them
        ("Several villagers were killed when militiamen raided the hamlet.", 10),
        ("A few soldiers were killed in an ambush on the convoy.", 3),
        ("Dozens of fighters were killed in clashes between the army and the rebels.", 12),
        ("Hundreds of people were killed when soldiers fired on the crowd.", 100),
        # an article passed over hides no count after it; the dead "including" some are all of them
        ("In a separate incident, two soldiers were killed when rebels ambushed their patrol.", 2),
        ("At least 12 people, including 3 children, were killed when gunmen attacked the village.", 12),
        # a victim of a named group and more of them; a count in quotes; the wounded a shooting left
        (
            "A drone strike hit a car, killing a senior commander of Kataib Hezbollah and two of his guards.",
            3,
        ),
        ('The army said its aircraft struck rebel positions overnight, killing "dozens" of fighters.', 12),
        ("A shooting outside a bar left one person injured, police said.", 0),
        (
            "Clashes between two armed groups in the capital killed at least nine people and wounded dozens.",
            9,
        ),
        # injuries and "casualties" are not deaths
        ("Rebels shelled the town on Monday, wounding nine people.", 0),
        ("The blast caused casualties among the guards.", 0),
        # one named victim
        ("Yesterday, militia leaders hanged a suspected informer in the square.", 1),
        ("A suicide bomber blew himself up at a checkpoint, killing four soldiers.", 4),
        # one victim and N more, but not N more wounded
        ("Gunmen killed a village elder and two of his sons overnight.", 3),
        ("A roadside bomb killed a soldier and two civilians on the road.", 3),
        ("The blast killed one soldier and injured 12 people.", 1),
        # the pupils taken are not the dead of the participle after them, whose victim is its own
        ("Gunmen abducted 20 pupils from a school on Monday, killing the school's vice principal.", 1),
        ("Gunmen abducted 20 pupils from a school on Monday, killing the headmaster and two guards.", 3),
        ("Gunmen abducted 20 pupils from a school on Monday, killing the school's bursar.", 0),
    ],
)
def test_fatalities(extractor: EventExtractor, text: str, fatalities: int) -> None:
    assert _one(extractor, text).fatalities == fatalities


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        # a number that names a thing counts no one (``label_nouns``)
        ("Article 3 bans killing civilians, the rebels were told before they raided the village.", 0),
        ("Gunmen attacked Camp 22, killing civilians, on Monday.", 0),
        ("Gunmen attacked Camp No. 22, killing civilians, on Monday.", 0),
        ("Militants attacked Post #7, killing two soldiers.", 2),
        ("Brigade 55 soldiers killed militants near the border on Monday.", 0),
        ("Gunmen opened fire on a bus on Route 60 on Monday, killing two passengers.", 2),
        ("Militants ambushed a convoy on Highway 1, killing 4 soldiers.", 4),
        ("Under Chapter Seven the mission may use force; its troops killed five rebels on Monday.", 5),
        # lower-case, a counted noun after it: a count ("on the road 12 people were killed")
        ("Gunmen attacked travellers on Monday, and on the road 12 people were killed.", 12),
    ],
)
def test_a_number_that_labels_a_thing_is_no_toll(
    extractor: EventExtractor, text: str, fatalities: int
) -> None:
    assert max(e.fatalities for e in _events(extractor, text)) == fatalities


def test_a_labelled_number_names_no_sides_dead(extractor: EventExtractor) -> None:
    """ "Brigade 55 soldiers" counts no soldiers' dead: the insurgents' dead and the soldiers' of the next
    sentence are the two sides', added up (read as both sides' counts, the lowest of the two was kept)."""
    text = (
        "Brigade 55 soldiers clashed with insurgents near Kidal on Tuesday, killing three insurgents. "
        "Two soldiers were killed in the fighting, the army said."
    )
    assert [e.fatalities for e in _events(extractor, text)] == [5]


@pytest.mark.parametrize(("count", "dead"), [("several", 10), ("dozens of", 12), ("a few", 3)])
def test_a_vague_count_names_its_sides_dead(extractor: EventExtractor, count: str, dead: int) -> None:
    """ "killing several insurgents" (ACLED: 10) and "two soldiers were killed" are the dead of the two
    sides of one fight, added up; the vague count read as no side's made it a second report (lowest: 2)."""
    text = (
        f"Soldiers clashed with insurgents near Kidal on Tuesday, killing {count} insurgents. "
        "Two soldiers were killed in the fighting, the army said."
    )
    assert [e.fatalities for e in _events(extractor, text)] == [dead + 2]


def test_killed_prisoners_are_civilians(extractor: EventExtractor) -> None:
    event = _one(extractor, "Militia fighters executed 30 prisoners at the camp.")
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")
    assert (event.actor2, event.inter2, event.civilian_targeting, event.fatalities) == (
        "Civilians",
        "Civilians",
        True,
        30,
    )
    shot = _one(extractor, "Soldiers shot dead four captured rebels.")
    assert (shot.sub_event_type, shot.inter1, shot.inter2, shot.fatalities) == (
        "Attack",
        "State forces",
        "Civilians",
        4,
    )


def test_fighters_killing_fighters_is_a_battle(extractor: EventExtractor) -> None:
    event = _one(extractor, "Troops killed a few insurgents near the dam.")
    assert (event.event_type, event.sub_event_type, event.inter1) == (
        "Battles",
        "Armed clash",
        "State forces",
    )
    assert not event.civilian_targeting


# -- types in ACLED priority order


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("A suicide bomber blew himself up at a checkpoint, killing four soldiers.", "Suicide bomb"),
        ("Gunmen abducted two aid workers on the highway.", "Abduction/forced disappearance"),
        ("Protesters marched peacefully through the capital.", "Peaceful protest"),
        ("Police fired tear gas to disperse the demonstrators.", "Protest with intervention"),
        ("Rebels claimed to have seized the dam.", "Non-state actor overtakes territory"),
        # the weapon decides: an attack made with a drone is a drone strike, an arrest near one is not
        ("Rebels attacked a cargo ship with an explosive-laden drone.", "Air/drone strike"),
        ("Militants used a drone to attack an army base.", "Air/drone strike"),
        ("Police arrested a man with a drone near the airport.", "Arrests"),
    ],
)
def test_sub_event_types(extractor: EventExtractor, text: str, sub_event_type: str) -> None:
    assert _one(extractor, text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [  # the trigger rules' wordings of these events beyond their first ones
        ("The air force destroyed three rebel pickup trucks near the border.", "Air/drone strike"),
        ("Warplanes destroyed an insurgent weapons depot outside the town.", "Air/drone strike"),
        ("Army units freed two villages from the insurgents on Tuesday.", "Government regains territory"),
        (
            "Soldiers established control over the whole district after the rebels fled.",
            "Government regains territory",
        ),
        ("Police discovered a large quantity of ammunition in a farmhouse.", "Disrupted weapons use"),
        ("Hundreds of troops were dispatched to the northern province.", "Change to group/activity"),
        (
            "Two observation posts were set up by the army near the frontier.",
            "Headquarters or base established",
        ),
        (
            "Rebel fighters will advance on the capital after seizing the town of Kidal from the army.",
            "Non-state actor overtakes territory",
        ),
        (
            "Insurgents have gained ground in the east of the town, the army said.",
            "Non-state actor overtakes territory",
        ),
        (
            "Dozens of shops have been burned in a wave of xenophobic violence, police said.",
            "Looting/property destruction",
        ),
        (
            "Government forces regained lost ground north of the city on Tuesday.",
            "Government regains territory",
        ),
    ],
)
def test_more_trigger_wordings(extractor: EventExtractor, text: str, sub_event_type: str) -> None:
    assert _one(extractor, text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "After a counterattack by the army, significant ground was regained on Tuesday.",
            "Government regains territory",
        ),
        ("The insurgents suffered heavy losses in raids by the army's choppers.", "Air/drone strike"),
    ],
)
def test_more_trigger_wordings_rules_alone(text: str, sub_event_type: str) -> None:
    assert _one(EventExtractor(retyper=None), text).sub_event_type == sub_event_type


def test_raids_by_aircraft_are_the_aircrafts_side() -> None:
    event = _one(
        EventExtractor(retyper=None), "The insurgents suffered heavy losses in raids by the army's choppers."
    )
    assert (event.sub_event_type, event.inter1, event.inter2) == (
        "Air/drone strike",
        "State forces",
        "Political militia",
    )


@pytest.mark.parametrize(
    "text",
    [  # not the event kinds those wordings add
        "Ambulances were dispatched to the scene of the crash.",
        "The court freed two journalists on bail.",
        "Dozens of homes were burnt by a bushfire near the town.",
    ],
)
def test_wordings_that_are_no_event(extractor: EventExtractor, text: str) -> None:
    assert not _events(extractor, text)


def test_two_clauses_give_two_events(extractor: EventExtractor) -> None:
    events = _events(
        extractor, "Rebels shelled the town and soldiers later raided a village, killing three farmers."
    )
    assert [(e.sub_event_type, e.fatalities) for e in events] == [
        ("Shelling/artillery/missile attack", 0),
        ("Attack", 3),
    ]
    assert events[0].event_id != events[1].event_id


# -- dates


def test_dates_are_resolved_against_the_publication_date(extractor: EventExtractor) -> None:
    event = _one(extractor, "Yesterday, militia leaders hanged a suspected informer in the square.")
    assert (event.date, event.date_end, event.time_precision) == (
        dt.date(2024, 3, 13),
        dt.date(2024, 3, 13),
        1,
    )
    week = _one(extractor, "Earlier this week, rebels seized the dam.")
    assert (week.date, week.date_end, week.time_precision) == (dt.date(2024, 3, 11), dt.date(2024, 3, 13), 2)
    undated = _one(extractor, "Yesterday, militia leaders hanged a suspected informer in the square.", None)
    assert (undated.date, undated.time_precision) == (None, 1)


# -- certainty


@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        ("The army denied reports that its soldiers had executed 40 detainees.", "denied"),
        ("Rebels claimed to have seized the dam.", "claimed"),
        ("Gunmen abducted two aid workers on the highway.", "reported"),
    ],
)
def test_certainty(extractor: EventExtractor, text: str, certainty: str) -> None:
    assert _one(extractor, text).certainty == certainty


def test_denied_events_are_kept_with_their_figures(extractor: EventExtractor) -> None:
    event = _one(extractor, "The army denied reports that its soldiers had executed 40 detainees.")
    assert (event.sub_event_type, event.fatalities, event.inter2) == ("Attack", 40, "Civilians")


# -- hypothetical, headline, traceability


def test_threats_and_plans_are_not_events(extractor: EventExtractor) -> None:
    assert _events(extractor, "The commander vowed to attack the airport.") == ()
    assert _events(extractor, "Elders urged them to surrender peacefully.") == ()
    # attacks planned, plotted or to be stopped have not happened
    assert _events(extractor, "The minister said troops were sent to the area to stop revenge attacks.") == ()
    # talks to end the fighting are no fighting
    assert _events(extractor, "Clan leaders began talks on Monday aimed at ending months of fighting.") == ()
    planned = _events(extractor, "Police arrested two men on Monday who were plotting attacks on churches.")
    assert [ev.sub_event_type for ev in planned] == ["Arrests"]
    # demonstrations the police expect have not happened
    expected = _events(
        extractor, "Police deployed hundreds of officers in the old city in anticipation of angry protests."
    )
    assert [ev.sub_event_type for ev in expected] == ["Change to group/activity"]
    planned = _events(extractor, "Soldiers shot dead two men on Monday who were planning attacks on a camp.")
    assert [ev.sub_event_type for ev in planned] == ["Attack"]


def test_headline_repeated_in_the_body_is_one_event(extractor: EventExtractor) -> None:
    text = "Rebels seize border post\n\nRebels seized a border post on Friday."
    events = _events(extractor, text)
    assert len(events) == 1
    assert events[0].sentence == "Rebels seized a border post on Friday."
    assert events[0].date == dt.date(2024, 3, 8)


def test_repeated_paragraph_is_one_event(extractor: EventExtractor) -> None:
    para = "Gunmen abducted two aid workers on the highway."
    assert len(_events(extractor, f"{para}\n\n{para}")) == 1


def test_trigger_and_sentence_point_into_the_text(extractor: EventExtractor) -> None:
    text = "Calm returned.\n\nGunmen abducted two aid workers on the highway."
    event = _one(extractor, text)
    s, e = event.sentence_span
    assert text[s:e] == event.sentence
    assert text[event.trigger[0] : event.trigger[1]] == "abducted"
    assert event.event_id == "t-e1" and event.doc_id == "t"


# -- actors


def test_known_and_unknown_actors(extractor: EventExtractor) -> None:
    event = _one(extractor, "Taliban fighters ambushed a convoy of US marines.", TALIBAN_ERA)
    assert (event.actor1, event.inter1) == ("Taliban", "Rebel group")
    assert (event.actor2, event.inter2) == ("Military Forces of the United States", "External/Other forces")
    assert event.sub_event_type == "Armed clash"


def test_user_actor_file_extends_the_list(tmp_path: Path) -> None:
    path = tmp_path / "actors.csv"
    path.write_text(
        "name,aliases,inter\nRed Valley Brigade,Red Valley Brigade,Political militia\n", encoding="utf-8"
    )
    text = "The Red Valley Brigade kidnapped a teacher."
    default = _one(EventExtractor(), text)
    extended = _one(EventExtractor(actors_path=path), text)
    assert (default.actor1, default.inter1) == ("Red Valley Brigade", "")  # unknown: the words, no type
    assert (extended.actor1, extended.inter1) == ("Red Valley Brigade", "Political militia")
    assert extended.sub_event_type == "Abduction/forced disappearance"


# -- headline versus body, with real places (default gazetteer)


@pytest.fixture(scope="module")
def placed(gazetteer: Gazetteer) -> Pipeline:
    return Pipeline.default(gazetteer.path)


@pytest.mark.parametrize(
    ("text", "n"),
    [
        # the same type in the body but another town: two events
        ("Rebels seized border post in Kunduz\n\nRebels seized a border post near Spin Boldak on Friday.", 2),
        # the headline names the country, the body the town in it: one event
        (
            "Rebels seized border post in Afghanistan\n\nRebels seized a border post near Spin Boldak.",
            1,
        ),
        # the same town in both: one event
        (
            "Rebels seized border post in Spin Boldak\n\nRebels seized a border post in Spin Boldak.",
            1,
        ),
        # the headline's fighting is the body's capture (both ACLED Battles), in the same province
        ("Fighting rages in Kandahar province\n\nTaliban fighters seized a post near Spin Boldak.", 1),
    ],
)
def test_a_headline_event_is_the_body_event_only_at_a_compatible_place(
    placed: Pipeline, text: str, n: int
) -> None:
    doc = placed(Document(id="h", text=text, title=text.split("\n")[0], date=PUB))
    assert len(doc.events) == n, [(e.sub_event_type, e.sentence) for e in doc.events]


@pytest.mark.parametrize(
    ("headline", "sub_type"),
    [
        ("Rebels seize border post", "Non-state actor overtakes territory"),
        ("Taliban capture Kunduz", "Non-state actor overtakes territory"),
        ("Army retakes town from rebels", "Government regains territory"),
    ],
)
def test_headlines_in_the_present_tense_report_events(
    extractor: EventExtractor, headline: str, sub_type: str
) -> None:
    assert [e.sub_event_type for e in _events(extractor, f"{headline}\n\nCalm returned.")] == [sub_type]


def test_a_plan_to_seize_is_not_an_event(extractor: EventExtractor) -> None:
    assert _events(extractor, "The rebels vowed to capture the city. They plan to seize the airport.") == ()


@pytest.mark.parametrize("retyper", [None, "packaged"])
@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        # people captured are detained, not territory taken: by state forces an arrest ...
        ("Troops captured a rebel commander near Kandahar.", "Arrests"),
        ("Soldiers seized a Taliban commander and two of his guards in Helmand.", "Arrests"),
        ("Police captured a suspected smuggler near the border.", "Arrests"),
        # ... by anyone else an abduction
        ("Taliban fighters captured two soldiers near Ghazni.", "Abduction/forced disappearance"),
        # places and positions are still territory
        ("Government troops captured the town of Kunduz on Monday.", "Government regains territory"),
        ("The army captured rebel positions near Kunduz.", "Government regains territory"),
        ("Rebels captured the militants' base.", "Non-state actor overtakes territory"),
        ("Insurgents seized the police headquarters in Kunduz.", "Non-state actor overtakes territory"),
    ],
)
def test_a_capture_of_people_is_a_detention_not_territory(
    retyper: Literal["packaged"] | None, text: str, sub_type: str
) -> None:
    assert [e.sub_event_type for e in _events(EventExtractor(retyper=retyper), text)] == [sub_type]


@pytest.mark.parametrize(
    ("text", "sub_type", "actor1"),
    [
        # the helpers named after the leading actor joined its act: the army led it
        (
            "The Syrian army and allied fighters captured a district of the eastern province on Monday.",
            "Government regains territory",
            "Military Forces of Syria",
        ),
        ("Soldiers backed by allied fighters recaptured three villages.", "Government regains territory", ""),
        (
            "Government troops, backed by tribal fighters, retook the town.",
            "Government regains territory",
            "",
        ),
        # ... and a rebel group backed by others is still a rebel group
        (
            "Militants backed by foreign fighters captured the town.",
            "Non-state actor overtakes territory",
            "",
        ),
    ],
)
def test_the_actor_named_first_leads_its_helpers(text: str, sub_type: str, actor1: str) -> None:
    (event,) = _events(EventExtractor(retyper=None), text)
    assert event.sub_event_type == sub_type
    assert not actor1 or event.actor1 == actor1


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        # the weapon is what was disrupted, not used (ACLED: Disrupted weapons use)
        ("Soldiers defused a roadside bomb planted near the market.", "Disrupted weapons use"),
        ("Air defences intercepted two rockets fired at the city.", "Disrupted weapons use"),
        ("A roadside bomb killed two soldiers near the market.", "Remote explosive/landmine/IED"),
    ],
)
def test_a_disrupted_weapon_is_not_its_use(text: str, sub_type: str) -> None:
    assert [e.sub_event_type for e in _events(EventExtractor(retyper=None), text)] == [sub_type]


# -- claims of responsibility


def test_a_claim_of_responsibility_names_the_actor_of_the_earlier_attack(placed: Pipeline) -> None:
    text = (
        "Gunmen ambushed a police patrol near Spin Boldak on Monday, killing four officers. "
        "The Taliban claimed responsibility for the deadly ambush in a message to reporters."
    )
    doc = placed(Document(id="c", text=text, date=TALIBAN_ERA))
    [event] = doc.events
    assert event.actor1 == "Taliban" and event.fatalities == 4
    assert event.attribution.startswith("The Taliban claimed responsibility")
    [linked] = doc.linked
    assert linked.place is not None and linked.place.mention.text == "Spin Boldak"


def test_a_claim_with_nothing_earlier_to_claim_stays_an_event(placed: Pipeline) -> None:
    doc = placed(
        Document(
            id="c", text="The Taliban claimed responsibility for the attack on Monday.", date=TALIBAN_ERA
        )
    )
    assert [e.actor1 for e in doc.events] == ["Taliban"]


def test_a_claim_does_not_replace_a_known_actor(placed: Pipeline) -> None:
    text = (
        "Army troops shelled rebel positions near Kunduz on Monday. "
        "A second group claimed responsibility for the attack, officials said."
    )
    doc = placed(Document(id="c", text=text, date=PUB))
    assert len(doc.events) == 1 and doc.events[0].attribution == ""


def test_people_who_protest_are_protesters(extractor: EventExtractor) -> None:
    event = _one(extractor, "Hundreds of people protested in the capital against fuel prices.")
    assert (event.sub_event_type, event.actor1, event.inter1) == (
        "Peaceful protest",
        "Protesters",
        "Protesters",
    )


@pytest.mark.parametrize(
    ("after", "sub_type", "actor2"),
    [
        ("Police fired tear gas to disperse the crowd.", "Protest with intervention", "Police Forces"),
        (
            "Police used batons and live rounds against the crowd.",
            "Excessive force against protesters",
            "Police Forces",
        ),
        ("Troops dispersed the crowd by the evening.", "Protest with intervention", "Military Forces"),
        ("Officials said fuel prices would rise again.", "Peaceful protest", ""),
    ],
)
def test_the_next_sentence_tells_how_a_protest_was_met(
    extractor: EventExtractor, after: str, sub_type: str, actor2: str
) -> None:
    event = _one(
        extractor, f"Hundreds of people protested in the capital on Monday against fuel prices. {after}"
    )
    assert (event.sub_event_type, event.actor2) == (sub_type, actor2)


@pytest.mark.parametrize(
    ("after", "sub_type", "fatalities"),
    [
        ("Police arrested dozens of demonstrators.", "Protest with intervention", 0),
        ("Security forces shot dead two protesters.", "Excessive force against protesters", 2),
    ],
)
def test_one_demonstration_told_in_two_sentences_is_one_event(
    extractor: EventExtractor, after: str, sub_type: str, fatalities: int
) -> None:
    event = _one(
        extractor, f"Hundreds of people protested in the capital on Monday against fuel prices. {after}"
    )
    assert (event.sub_event_type, event.actor1, event.actor2, event.fatalities) == (
        sub_type,
        "Protesters",
        "Police Forces",
        fatalities,
    )


def test_protests_on_other_days_or_places_stay_apart(placed: Pipeline) -> None:
    text = (
        "Hundreds protested in Kandahar on Monday against the curfew. "
        "Thousands protested in Kabul on Tuesday against the curfew."
    )
    assert len(placed(Document(id="p", text=text, date=PUB)).events) == 2


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        ("Police shot dead three protesters outside the parliament.", "Excessive force against protesters"),
        ("Riot police fired tear gas to disperse students.", "Protest with intervention"),
        ("Rioters torched cars and shops overnight.", "Violent demonstration"),
    ],
)
def test_state_force_against_a_demonstration_is_a_protest_event(
    extractor: EventExtractor, text: str, sub_type: str
) -> None:
    """ "Riot police" is a police unit, not a riot; demonstrators are actor 1 of a protest event."""
    event = _one(extractor, text)
    assert event.sub_event_type == sub_type
    if event.event_type == "Protests":
        assert (event.actor1, event.actor2) == ("Protesters", "Police Forces")


@pytest.mark.parametrize(
    ("text", "actor1", "assoc"),
    [
        ("Al-Qaeda fighters attacked a police post.", "al-Qaeda", ""),  # the name, not "fighters"
        (
            "Wagner mercenaries and Malian soldiers executed dozens of men.",
            "Military Forces of Mali",
            "Wagner Group",
        ),
        ("Soldiers and police raided the village.", "Police Forces", "Military Forces"),
        ("Two days earlier, a drone strike hit a market.", "Unidentified Armed Group", ""),  # "Two" is no one
    ],
)
def test_who_did_it_and_with_whom(extractor: EventExtractor, text: str, actor1: str, assoc: str) -> None:
    event = _one(extractor, text)
    assert (event.actor1, event.assoc_actor1) == (actor1, assoc)


def test_a_demonym_names_the_country_of_a_generic_force(placed: Pipeline) -> None:
    """ "Pakistani soldiers" in Afghanistan are Pakistan's forces, not the Military Forces of Afghanistan."""
    text = "Pakistani soldiers shelled a village near Spin Boldak on Monday, killing three civilians."
    [event] = placed(Document(id="n", text=text, date=PUB)).events
    assert event.actor1 == "Military Forces of Pakistan"


def test_wagner_mercenaries_are_not_a_town(gazetteer: Gazetteer) -> None:
    """A non-place phrase may go on in lower case: "Wagner mercenaries" is not Wagner, Brazil."""
    from geo.toponyms import ToponymRecognizer

    found = [m.text for m in ToponymRecognizer(gazetteer).find("Wagner mercenaries patrolled Menaka.")]
    assert "Wagner" not in found


def test_doubt_after_the_trigger_makes_the_event_disputed(extractor: EventExtractor) -> None:
    text = "The army said it killed about 20 assailants, but the figure could not be verified."
    assert _one(extractor, text).certainty == "disputed"
    assert _one(extractor, "Troops killed five militants, officials said.").certainty == "reported"
    # one side's count that the other side denied
    text = "The army said it had killed 40 rebels near the town on Sunday, a figure the rebels denied."
    assert _one(extractor, text).certainty == "disputed"
    text = "The army said it killed 40 rebels near the town, a claim rejected by the rebel movement."
    assert _one(extractor, text).certainty == "disputed"


@pytest.mark.parametrize(
    ("text", "tolls"),
    [
        (
            "Rebels seized the village after heavy clashes. At least 14 fighters were killed on both sides.",
            [14],
        ),
        ("Rebels attacked an army post on Monday. Two soldiers were killed.", [2]),
        # a toll in someone's words is still the toll ("the counter-attack" is the same fight)
        ("Gunmen ambushed a convoy. The army said 20 assailants were killed in the counter-attack.", [20]),
        ("Warplanes struck rebel targets. The rebels said five of their fighters were killed.", [5]),
        # a country that only speaks or names a nationality is no other place
        (
            "Rebels seized the town after heavy fighting with the army and UN peacekeepers. "
            "Three South African peacekeepers were killed in the fighting, South Africa's army said.",
            [3],
        ),
        # the first event gave its own toll: the second sentence is another event
        ("Rebels attacked an army post, killing three. Two soldiers were killed later.", [3, 2]),
        # a weapon of its own makes it another event
        ("Rebels attacked a checkpoint. Two soldiers were killed by a roadside bomb.", [0, 2]),
        # the wounded of the event before are no event (and no toll: ACLED counts the dead)
        ("Gang members attacked a police station on Friday. Two officers were wounded.", [0]),
        # a longer subject, and a place inside the first event's
        (
            "Government troops repelled a rebel attack in Marib governorate on Monday. He said 11 rebel "
            "fighters and four soldiers were killed in the clashes east of Marib city.",
            [15],
        ),
    ],
)
def test_a_toll_sentence_belongs_to_the_event_before_it(
    placed: Pipeline, text: str, tolls: list[int]
) -> None:
    assert [e.fatalities for e in placed(Document(id="t", text=text, date=PUB)).events] == tolls


def test_a_march_for_detainees_is_a_protest_not_an_arrest(extractor: EventExtractor) -> None:
    event = _one(extractor, "Hundreds of residents took to the streets to demand the release of detainees.")
    assert (event.sub_event_type, event.actor1) == ("Peaceful protest", "Protesters")


def test_a_country_as_subject_is_its_military_and_a_speaker_is_no_target(placed: Pipeline) -> None:
    text = "Pakistan shelled positions near Spin Boldak overnight, the Afghan army said."
    [event] = placed(Document(id="s", text=text, date=PUB)).events
    assert (event.actor1, event.actor2) == ("Military Forces of Pakistan", "")
    assert (event.date, event.time_precision) == (PUB - dt.timedelta(days=1), 1)  # overnight: last night


def test_two_countries_forces_together(placed: Pipeline) -> None:
    """Two countries' forces of one act: the first named is actor 1, the other its associated actor."""
    text = "Russian and Syrian warplanes bombed villages near Kunduz on Monday, killing four people."
    [event] = placed(Document(id="r", text=text, date=PUB)).events
    assert (event.actor1, event.assoc_actor1) == ("Military Forces of Russia", "Military Forces of Syria")
    text = "Mozambican and Rwandan troops clashed with insurgents near Mocimboa da Praia on Monday."
    [event] = placed(Document(id="m", text=text, date=PUB)).events
    assert (event.actor1, event.assoc_actor1) == (
        "Military Forces of Mozambique",
        "Military Forces of Rwanda",
    )


def test_two_countries_forces_that_fought_with_no_third_side_fought_each_other(placed: Pipeline) -> None:
    """ "Border guards from Kyrgyzstan and Tajikistan exchanged fire": the two sides of one clash, the first
    named actor 1; with a third side ("with militants") they stay allies."""
    text = "Border guards of Kyrgyzstan and Tajikistan exchanged fire near Vorukh on Tuesday, killing two."
    [event] = placed(Document(id="k", text=text, date=PUB)).events
    assert (event.actor1, event.assoc_actor1, event.actor2) == (
        "Military Forces of Kyrgyzstan",
        "",
        "Military Forces of Tajikistan",
    )
    text = "Armenian and Azerbaijani forces clashed near Sotk on Tuesday, killing two soldiers."
    [event] = placed(Document(id="a", text=text, date=PUB)).events
    assert (event.actor1, event.actor2) == ("Military Forces of Armenia", "Military Forces of Azerbaijan")
    text = "Indian and Pakistani troops exchanged fire with militants near Poonch on Monday."
    [event] = placed(Document(id="i", text=text, date=PUB)).events
    assert (event.actor1, event.assoc_actor1) == ("Military Forces of India", "Military Forces of Pakistan")


def test_the_assailants_are_the_group_of_the_attack_told_two_paragraphs_up(placed: Pipeline) -> None:
    """ "pursued the assailants": the ADF named in the report of the raid, a long paragraph before."""
    text = (
        "Suspected fighters of the Allied Democratic Forces (ADF) killed nine farmers with machetes in a raid"
        " on a village in Beni territory, local officials said on Monday.\n\n"
        "The attackers burned several homes and took four people with them before crossing the river into"
        " the forest, a civil society leader said. Hundreds of families have left their fields in the area"
        " since the start of the year, and many now sleep in schools and churches in the nearest town.\n\n"
        "Congolese troops pursued the assailants and killed two of them in a firefight near Oicha on Tuesday."
    )
    events = placed(Document(id="a", text=text, date=PUB)).events
    assert [(e.sub_event_type, e.actor2) for e in events if "pursued" in e.sentence] == [
        ("Armed clash", "Allied Democratic Forces")
    ]


def test_the_side_driven_out_is_named_inside_the_trigger(placed: Pipeline) -> None:
    """ "drove al-Shabaab militants out of the town": al-Shabaab lost it (actor 2)."""
    text = "The army drove al-Shabaab militants out of the town of Buulobarde on Friday."
    [event] = placed(Document(id="d", text=text, date=PUB)).events
    assert (event.sub_event_type, event.actor2) == ("Government regains territory", "al-Shabaab")


def test_how_the_dead_of_an_attack_died_is_that_attack(placed: Pipeline) -> None:
    """ "others died when the attackers set fire to their cells": how the attack's dead died, no riot of
    its own, and its vague "others" takes nothing from the attack's count."""
    text = (
        "At least 12 inmates were killed on Sunday when gunmen stormed a wing of the central prison in Herat,"
        " officials said. Some of the victims were shot, while others died when the attackers set fire to"
        " their cells, a spokesman said."
    )
    events = placed(Document(id="p", text=text, date=PUB)).events
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Attack", 12)]


def test_members_of_a_group_in_a_when_clause_did_it(placed: Pipeline) -> None:
    """ "were killed when members of al-Shabaab stormed a base": al-Shabaab attacked (not the side hit);
    named gangs are political militias (ACLED), Central America's among them."""
    text = "At least 18 soldiers were killed on Sunday when members of al-Shabaab stormed a base at Kismayo."
    [event] = placed(Document(id="m", text=text, date=PUB)).events
    assert (event.actor1, event.inter2, event.fatalities) == ("al-Shabaab", "State forces", 18)
    text = "Nine inmates were killed on Monday when members of the Barrio 18 gang stormed cells in Herat."
    [event] = placed(Document(id="g", text=text, date=PUB)).events
    assert (event.sub_event_type, event.actor1, event.inter1, event.inter2) == (
        "Attack",
        "Barrio 18",
        "Political militia",
        "Civilians",
    )


def test_a_news_agency_is_no_actor(placed: Pipeline) -> None:
    """ "Konduga (Nigeria) (AFP) - A suicide bomber ...": the agency filed the story; nor is "told AFP"
    anyone's act."""
    for text in (
        "Konduga (Nigeria) (AFP) - A female suicide bomber blew herself up at a market, killing nine people.",
        "Gunmen killed nine people at a market in Konduga on Saturday, a militia leader told AFP.",
    ):
        [event] = placed(Document(id="n", text=text, date=PUB)).events
        assert event.actor1 == "Unidentified Armed Group", text


def test_a_nationwide_tally_after_the_demonstrations_is_no_event_of_its_own(placed: Pipeline) -> None:
    """ "149 police officers were injured and 172 people were arrested nationwide": the tally of a country's
    day of protests told before, no clash by unknown men nor one arrest at the country's point; and a
    day of protests called for next Tuesday has not happened."""
    text = (
        "Riot police fired tear gas at protesters who smashed shop windows in Lyon on Thursday, as"
        " thousands marched across France.\n\nThe interior ministry said 149 police officers were injured"
        " and 172 people were arrested nationwide.\n\nUnions called a new day of strikes and protests"
        " for next Tuesday."
    )
    events = placed(Document(id="f", text=text, date=PUB)).events
    assert [e.sub_event_type for e in events] == ["Violent demonstration"]


def test_destruction_by_no_one_named_after_a_riot_is_more_of_it(placed: Pipeline) -> None:
    """ "Masked men smashed windows", right after a riot at the hotel: the riot's crowd, not an armed
    group's looting."""
    text = (
        "Hundreds of rioters threw bricks at police and set fire to a hotel in Rotherham on Sunday.\n\n"
        "Masked men smashed windows and tried to force their way into the building while staff hid inside."
    )
    events = placed(Document(id="r", text=text, date=PUB)).events
    assert [e.sub_event_type for e in events] == ["Violent demonstration"]


def test_an_attack_told_again_near_a_border_with_the_attackers_dead_is_one_battle(placed: Pipeline) -> None:
    """ "... attacked the post at X, near the border with Burkina Faso and Mali. It said 43 "terrorists"
    were killed in the army's response": the attack told again (the border names neighbours, no place
    of it: no record in Mali) and the attackers' dead, all in one battle (15 + 43, as ACLED counts);
    "a civilian vehicle struck a landmine": the civilians suffered it."""
    text = (
        "NIAMEY, Dec 11 - Suspected jihadists killed 15 soldiers in an attack on an army post in the"
        " Tillaberi region of western Niger on Sunday, the defence ministry said.\n\n"
        "Hundreds of assailants on motorcycles attacked the post at Chatoumane, near the border with"
        ' Burkina Faso and Mali, the ministry said. It said 43 "terrorists" were killed in the army\'s'
        " response.\n\n"
        "In a separate incident on Tuesday, a civilian vehicle struck a landmine near the town of Makalondi,"
        " killing four passengers."
    )
    doc = placed(Document(id="n", text=text, date=dt.date(2024, 12, 11)))
    rows = [
        (link.event.sub_event_type, link.fatalities, link.place.place.country_code if link.place else None)
        for link in doc.linked
    ]
    assert rows == [("Armed clash", 58, "NE"), ("Remote explosive/landmine/IED", 4, "NE")]
    assert (doc.events[1].actor1, doc.events[1].inter2) == ("Unidentified Armed Group", "Civilians")


def test_a_list_of_whence_the_dead_came_is_no_place_and_no_clause(placed: Pipeline) -> None:
    """ "Thirteen peacekeepers from South Africa, Malawi and Uruguay were killed": 13 dead (the "and" of the
    list starts no clause), and the countries they came from are no places of the fighting."""
    text = (
        "Thirteen peacekeepers from South Africa, Malawi and Uruguay were killed in the fighting near Sake."
    )
    links = placed(Document(id="p", text=text, date=PUB)).linked
    assert [(link.place.mention.text if link.place else None, link.fatalities) for link in links] == [
        ("Sake", 13)
    ]


def test_a_force_that_says_it_struck_fighters_claims_no_strike_on_civilians(placed: Pipeline) -> None:
    """ "Bombs fell on a camp for displaced people ... The army said its warplanes had struck rebel
    positions": the army's own strike, not its claim of the bombing of the camp."""
    text = (
        "Bombs fell on a camp for displaced people in Lushagala on the outskirts of Goma late on Thursday,"
        " killing five people, a camp official said.\n\nCongo's army said its warplanes had struck rebel"
        " positions near Minova."
    )
    events = placed(Document(id="g", text=text, date=PUB)).events
    assert (events[0].actor1, events[0].inter2) == ("Unidentified Armed Group", "Civilians")
    assert [e.sub_event_type for e in events][1:] == ["Air/drone strike"]


def test_a_lynching_told_again_with_its_day_and_town_is_one_mob_violence(placed: Pipeline) -> None:
    """ "A mob beat a man to death and set his body on fire ..., police said Sunday. The attack happened
    Saturday night in Jaranwala ... three policemen were injured": one mob violence, on Saturday, in the town
    (not an attack by unknown men, a riot of its own, nor a clash with the police)."""
    text = (
        "A mob beat a man to death and set his body on fire after accusing him of blasphemy in a village in"
        " Punjab province, police said Sunday.\n\nThe attack happened Saturday night in Jaranwala, after a"
        " crowd gathered outside the man's home. Officers who tried to rescue him were pelted with stones and"
        " three policemen were injured."
    )
    doc = placed(Document(id="m", text=text, date=dt.date(2024, 6, 16)))
    rows = [
        (link.event.sub_event_type, link.event.date, link.place.mention.text if link.place else None)
        for link in doc.linked
    ]
    assert rows == [("Mob violence", dt.date(2024, 6, 15), "Jaranwala")]


def test_a_verdict_on_bombings_years_ago_gives_no_event(placed: Pipeline) -> None:
    """ "sentenced five men to death for helping to plan the 2019 Easter Sunday bombings": the bombings
    were in 2019 (not last Sunday), history for a story of this week."""
    text = (
        "A court on Thursday sentenced five men to death for helping to plan the 2019 Easter Sunday bombings"
        " of churches and hotels in Colombo that killed 269 people, prosecutors said."
    )
    assert placed(Document(id="c", text=text, date=dt.date(2024, 5, 2))).events == ()


def test_the_line_of_control_is_no_place(placed: Pipeline) -> None:
    """ "across the Line of Control" names a frontier, not the Chinese village of Line: the clash falls to
    the country the article names, never to a point in China."""
    text = "Troops exchanged fire across the Line of Control on Monday, the Indian army said."
    [event] = placed(Document(id="l", text=text, date=PUB)).linked
    assert event.place is not None and event.place.place.country_code == "IN"


def test_a_recapture_by_foreign_forces_named_with_the_host_states_is_the_governments(
    placed: Pipeline,
) -> None:
    """ "Rwandan and Mozambican forces recaptured" a town in Mozambique: Rwanda's forces are actor 1 (named
    first), and with Mozambique's beside them the government regains it (no foreign overtaking)."""
    text = "Rwandan and Mozambican forces recaptured the town of Mocimboa da Praia on Sunday."
    [event] = placed(Document(id="m", text=text, date=PUB)).events
    assert (event.sub_event_type, event.actor1, event.assoc_actor1) == (
        "Government regains territory",
        "Military Forces of Rwanda",
        "Military Forces of Mozambique",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Thai rangers clashed with insurgents in Narathiwat on Monday.",
        "Insurgents ambushed a ranger patrol in Pattani province on Monday, killing two rangers.",
        "A roadside bomb wounded four paramilitary rangers on patrol in Yala province on Monday.",
    ],
)
def test_thai_paramilitary_rangers_are_the_military(placed: Pipeline, text: str) -> None:
    """Thailand's paramilitary rangers (Thahan Phran) are under army command: ACLED's Military Forces of
    Thailand (they read as no one, or as the police who spoke)."""
    [event] = placed(Document(id="t", text=text, date=PUB)).events
    forces = {event.actor1, event.actor2} & {"Military Forces", "Military Forces of Thailand"}
    assert forces and event.event_type != "Violence against civilians"


def test_forest_rangers_are_civilians_not_the_military(extractor: EventExtractor) -> None:
    """ "rangers" are paramilitary forces; unarmed forest rangers are civilians."""
    event = _one(extractor, "Gunmen shot dead seven hunters and forest rangers in a wooded area on Monday.")
    assert (event.sub_event_type, event.actor2) == ("Attack", "Civilians")


def test_shooting_dead_a_states_forces_is_no_violence_against_civilians(extractor: EventExtractor) -> None:
    """The retyper's "Attack" (on civilians) does not stand over the rules' clash when the target is a
    state's forces."""
    event = _one(extractor, "Gunmen shot dead two rangers in Yala province on Monday.")
    assert (event.sub_event_type, event.inter2) == ("Armed clash", "State forces")


@pytest.mark.parametrize(
    ("text", "actor1", "actor2", "assoc"),
    [
        # two sides of one verb: the first named is actor 1, the other actor 2
        (
            "Afghan soldiers and Taliban fighters clashed near Kandahar on Monday.",
            "Military Forces of Afghanistan",
            "Taliban",
            "",
        ),
        # allies joined by "with" or two state forces stay partners
        (
            # ACLED: the state's forces are actor 1, those fighting beside them associated
            "Malian soldiers and Wagner mercenaries clashed with jihadists near Gao.",
            "Military Forces of Mali",
            "Unidentified Armed Group",
            "Wagner Group",
        ),
        # two sides of an exchange of fire, though the clause starts at the "and"
        (
            "In Omdurman, the army and the RSF exchanged artillery fire on Thursday.",
            "Military Forces",
            "Rapid Support Forces",
            "",
        ),
        (
            "Police and gang members exchanged gunfire in Port-au-Prince.",
            "Police Forces",
            "Unidentified Gang",
            "",
        ),
        # "army warplanes": the first word says whose force it is
        ("Pakistani army warplanes struck a camp near Spin Boldak.", "Military Forces of Pakistan", "", ""),
        # a possessive names the force's country, as a demonym does
        ("Pakistan's army shelled a village near Spin Boldak.", "Military Forces of Pakistan", "", ""),
    ],
)
def test_sides_of_a_clash_and_allies(
    placed: Pipeline, text: str, actor1: str, actor2: str, assoc: str
) -> None:
    [event] = placed(Document(id="c", text=text, date=TALIBAN_ERA)).events
    assert (event.actor1, event.actor2, event.assoc_actor1) == (actor1, actor2, assoc)


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        # a state's armed forces bomb from the air; anyone else plants bombs
        ("Pakistani troops bombed a militant hideout near Spin Boldak.", "Air/drone strike"),
        ("Militants bombed a market in Kandahar, killing three people.", "Remote explosive/landmine/IED"),
    ],
)
def test_who_bombed_decides_air_strike_or_explosive(placed: Pipeline, text: str, sub_type: str) -> None:
    [event] = placed(Document(id="b", text=text, date=PUB)).events
    assert event.sub_event_type == sub_type


def test_a_passive_victim_is_not_named_as_the_attacker(extractor: EventExtractor) -> None:
    """ "Residents of Tarnak said they were attacked": Tarnak suffered the attack, it did not make it."""
    event = _one(extractor, "Residents of Tarnak said they were attacked at night.")
    assert "Tarnak" not in event.actor1


@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        # the dead civilians are the target when no other is named
        ("Rebels shelled parts of the city on Monday, killing at least 27 civilians.", "Civilians"),
        ("Gunmen attacked a bus on the highway, killing five passengers.", "Civilians"),
        # soldiers killed are not civilians
        ("Rebels shelled the town on Monday, killing three soldiers.", "Military Forces"),
    ],
)
def test_civilian_dead_are_the_target(extractor: EventExtractor, text: str, actor2: str) -> None:
    assert _one(extractor, text).actor2 == actor2


@pytest.mark.parametrize(
    ("text", "sub_types"),
    [
        # demonstrators who attack make a violent demonstration
        ("Protesters attacked several embassies in the capital on Tuesday.", ["Violent demonstration"]),
        # arrests right after a protest are how it was met, not an event of their own
        (
            "Hundreds protested in the capital on Monday. Police detained 20 demonstrators.",
            ["Protest with intervention"],
        ),
        # an arrest somewhere else is its own event
        (
            "Hundreds protested in Kandahar on Monday. Police arrested a journalist in Herat.",
            ["Peaceful protest", "Arrests"],
        ),
        # an air-dropped bomb is an air strike
        ("A glide bomb killed two civilians in the town on Friday.", ["Air/drone strike"]),
    ],
)
def test_crowds_and_how_they_were_met(placed: Pipeline, text: str, sub_types: list[str]) -> None:
    doc = placed(Document(id="p", text=text, date=PUB))
    assert [e.sub_event_type for e in doc.events] == sub_types


@pytest.mark.parametrize(
    ("text", "sub_types"),
    [
        # weapons seized or found, in the passive voice of police reports: disrupted weapons use
        (
            "Rifles and boxes of ammunition were seized at a farm near Kandahar on Monday.",
            ["Disrupted weapons use"],
        ),
        (
            "Two caches of explosives have been discovered by soldiers near Kandahar.",
            ["Disrupted weapons use"],
        ),
        # seizing weapons takes no territory ...
        ("Soldiers seized a large stash of explosives in Kandahar on Monday.", ["Disrupted weapons use"]),
        # ... but taking a weapons factory does
        (
            "Rebels captured the weapons factory in Kandahar on Monday.",
            ["Non-state actor overtakes territory"],
        ),
        # a body part is no weapon
        ("His arms were found to be bruised when he was released in Kandahar.", []),
    ],
)
def test_weapons_seized_are_no_territory(placed: Pipeline, text: str, sub_types: list[str]) -> None:
    doc = placed(Document(id="w", text=text, date=PUB))
    assert [e.sub_event_type for e in doc.events] == sub_types


def test_sides_named_after_between(placed: Pipeline) -> None:
    text = "Clashes broke out between Taliban fighters and Afghan soldiers near Kandahar."
    [event] = placed(Document(id="b", text=text, date=TALIBAN_ERA)).events
    assert (event.actor1, event.actor2) == ("Taliban", "Military Forces of Afghanistan")


def test_a_dateline_is_neither_a_count_nor_an_actor(placed: Pipeline) -> None:
    text = "KANDAHAR, March 9 - Gunmen killed at least 30 villagers near Spin Boldak on Monday."
    [event] = placed(Document(id="d", text=text, date=PUB)).events
    assert (event.fatalities, event.date) == (30, dt.date(2024, 3, 11))


def test_a_second_verb_keeps_the_first_verbs_subject(placed: Pipeline) -> None:
    """ "killed villagers and abducted dozens more": the villagers did not abduct anyone; and the
    place the sentence gives the abduction is the killing's too."""
    text = "Gunmen killed at least 30 villagers and abducted dozens more in Kandahar province on Monday."
    doc = placed(Document(id="k", text=text, date=PUB))
    assert [(e.sub_event_type, e.actor1) for e in doc.events] == [
        ("Attack", "Unidentified Armed Group"),
        ("Abduction/forced disappearance", "Unidentified Armed Group"),
    ]
    assert {link.place.place.name for link in doc.linked if link.place and link.place.place} == {"Kandahar"}


def test_a_captured_post_is_the_forces_not_captives(extractor: EventExtractor) -> None:
    event = _one(extractor, "Rebels captured a police outpost near the border.")
    assert (event.sub_event_type, event.actor2) == ("Non-state actor overtakes territory", "Police Forces")


@pytest.mark.parametrize(
    ("text", "n"),
    [
        # the second sentence tells the first strike again
        ("An air strike on a village near Kandahar killed 17 people on Monday. Jets bombed the village.", 1),
        # "also", a date or another place of its own make it another strike
        ("An air strike near Kandahar killed 17 people on Monday. Jets also bombed a market.", 2),
        ("An air strike near Kandahar killed 17 people on Monday. Jets bombed a market on Tuesday.", 2),
        ("An air strike near Kandahar killed 17 people on Monday. Jets bombed a market in Herat.", 2),
    ],
)
def test_a_retelling_in_the_next_sentence_is_one_event(placed: Pipeline, text: str, n: int) -> None:
    assert len(placed(Document(id="r", text=text, date=PUB)).events) == n


def test_the_rebels_are_the_group_named_before(placed: Pipeline) -> None:
    text = (
        "Fighting between the Taliban and Afghan troops went on near Kandahar, "
        "where the rebels said they captured a police post."
    )
    events = placed(Document(id="a", text=text, date=TALIBAN_ERA)).events
    captures = [e for e in events if e.sub_event_type == "Non-state actor overtakes territory"]
    assert [e.actor1 for e in captures] == ["Taliban"]


@pytest.mark.parametrize(
    "text",
    [
        # a word that ends like a hedge ("Americ-an" ~ "can", "Gran Gr-if" ~ "if") hedges nothing
        "American troops killed four militants near the border.",
        "Members of the Gran Grif gang killed at least 70 people on Thursday.",
        "African Union troops clashed with al-Shabaab fighters.",
    ],
)
def test_words_ending_like_a_hedge_do_not_make_an_event_hypothetical(
    extractor: EventExtractor, text: str
) -> None:
    assert len(_events(extractor, text)) == 1


def test_the_hedges_themselves_still_do(extractor: EventExtractor) -> None:
    assert _events(extractor, "The rebels did not attack the town.") == ()
    assert _events(extractor, "The army can strike the camp at any time.") == ()


def test_in_an_attack_restates_the_killing(extractor: EventExtractor) -> None:
    [event] = _events(extractor, "Gunmen killed at least 70 people in an attack on the town on Thursday.")
    assert (event.sub_event_type, event.fatalities) == ("Attack", 70)


def test_a_second_verb_after_an_object_keeps_the_subject(extractor: EventExtractor) -> None:
    text = "Gunmen killed two soldiers near the border and attacked a police post in the town."
    assert [e.actor1 for e in _events(extractor, text)] == ["Unidentified Armed Group"] * 2


def test_a_trigger_word_inside_an_actor_name_is_no_event(extractor: EventExtractor) -> None:
    # "Liberation" names the group; the bombing is the event
    [event] = _events(extractor, "Fighters of the National Liberation Army bombed a bridge on Tuesday.")
    assert (event.sub_event_type, event.actor1) == ("Remote explosive/landmine/IED", "ELN")
    # the same word as a common noun still is one
    [freed] = _events(extractor, "The army announced the liberation of the town on Tuesday.")
    assert freed.sub_event_type == "Government regains territory"


def test_a_victim_and_her_children_are_all_counted(extractor: EventExtractor) -> None:
    text = "Soldiers shelled a village on Monday, killing a woman and her two children."
    assert _one(extractor, text).fatalities == 3
    assert _one(extractor, "Soldiers shelled a village on Monday, killing a woman.").fatalities == 1


def test_without_a_shot_is_no_shooting(extractor: EventExtractor) -> None:
    text = (
        "Earlier in the week, soldiers arrested a local cartel leader in the city without a shot being fired."
    )
    [event] = _events(extractor, text)
    assert event.sub_event_type == "Arrests"


def test_homes_burned_in_an_attack_are_that_attack(extractor: EventExtractor) -> None:
    text = "Four people were killed and several houses were torched when armed men attacked a village."
    [event] = _events(extractor, text)
    assert (event.event_type, event.fatalities) == ("Violence against civilians", 4)
    # a crowd named as the burners is a riot of its own
    text = "Gunmen killed four people on Monday, and an angry mob later torched their houses."
    assert {e.event_type for e in _events(extractor, text)} == {"Violence against civilians", "Riots"}


def test_a_mob_is_rioters_and_the_police_who_meet_it_are_actor_two(extractor: EventExtractor) -> None:
    text = "A mob tried to storm a police station on Monday and police fired tear gas to disperse them."
    [event] = _events(extractor, text)
    assert (event.sub_event_type, event.actor1, event.inter1) == ("Mob violence", "Rioters", "Rioters")
    assert event.actor2 == "Police Forces"


def test_opponents_between_are_not_partners(extractor: EventExtractor) -> None:
    text = "Fighting between the army and Fano militiamen spread after the militia took control of the town."
    captures = [
        e for e in _events(extractor, text) if e.sub_event_type == "Non-state actor overtakes territory"
    ]
    assert [(e.actor1, e.assoc_actor1) for e in captures] == [("Fano", "")]


def test_blaming_an_attack_on_someone_is_not_a_second_attack(extractor: EventExtractor) -> None:
    text = (
        "Gunmen opened fire inside a bar on Saturday, killing nine people. "
        "Authorities blamed the attack on a feud between two cartels."
    )
    [event] = _events(extractor, text)
    assert (event.sub_event_type, event.fatalities) == ("Attack", 9)


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        # the dead of both sides add up; each side's lowest figure
        ("Rebels attacked a base on Monday, killing at least 17 soldiers and dozens of militants.", 29),
        ("Rebels attacked a base on Monday, killing at least 17 soldiers and wounding 30 others.", 17),
        # a count of groups is not a count of the dead
        (
            "Clashes between two armed groups broke out in the city on Monday, killing at least 27 people.",
            27,
        ),
    ],
)
def test_counts_of_several_groups(extractor: EventExtractor, text: str, fatalities: int) -> None:
    assert _one(extractor, text).fatalities == fatalities


def test_similar_attacks_in_the_past_are_no_event(extractor: EventExtractor) -> None:
    assert _events(extractor, "The group has carried out similar attacks in the region.") == ()
    assert len(_events(extractor, "The group has carried out attacks in the region.")) == 1


def test_those_who_tell_of_the_shelling_did_not_shell(extractor: EventExtractor) -> None:
    event = _one(extractor, "Residents said shells hit homes in the southern districts on Monday.")
    assert event.actor1 == "Unidentified Armed Group"
    # a speaker who says they did it did it
    event = _one(extractor, "The rebels said they captured a police post on Monday.")
    assert event.actor1 == "Unidentified Armed Group" and event.inter1 == "Political militia"


def test_gunmen_who_round_up_men_abduct_them(extractor: EventExtractor) -> None:
    assert _one(extractor, "Gunmen arrested five men in the village on Monday.").sub_event_type == (
        "Abduction/forced disappearance"
    )
    assert _one(extractor, "Police arrested five men in the village on Monday.").sub_event_type == "Arrests"


def test_a_claim_naming_who_backed_the_group_is_still_a_claim(placed: Pipeline) -> None:
    text = (
        "Rockets struck an air base in Anbar province on Saturday. "
        "The Islamic Resistance in Iraq, an umbrella group of Iran-backed militias, claimed responsibility "
        "for the attack."
    )
    events = placed(Document(id="c", text=text, date=PUB)).events
    assert [(e.sub_event_type, e.actor1) for e in events] == [
        ("Shelling/artillery/missile attack", "Islamic Resistance in Iraq")
    ]


def test_a_headline_blast_is_the_body_bombing(placed: Pipeline) -> None:
    text = (
        "Blast at Kabul mosque kills worshippers\n\n"
        "A bomb exploded inside a mosque in Kabul during Friday prayers, killing at least seven worshippers."
    )
    events = placed(Document(id="h", text=text, date=PUB)).events
    assert [e.sub_event_type for e in events] == ["Remote explosive/landmine/IED"]


def test_who_killed_follows_as_or_when_in_the_passive(extractor: EventExtractor) -> None:
    event = _one(extractor, "Five people were killed on Monday as soldiers opened fire on a market.")
    assert (event.actor1, event.actor2, event.fatalities) == ("Military Forces", "Civilians", 5)
    # without the clause naming who, nobody is made up
    event = _one(extractor, "Five people were killed on Monday.")
    assert event.actor1 in ("", "Unidentified Armed Group")


def test_a_state_force_that_speaks_of_an_interception_made_it(extractor: EventExtractor) -> None:
    event = _one(extractor, "The army said most of the rockets were intercepted.")
    assert event.actor1 == "Military Forces"


@pytest.mark.parametrize(
    "text",
    [
        # running totals and the calendar of a war are no events (ACLED codes each event, never a tally)
        "The war between the army and the rebels has killed more than 15,000 people since it began.",
        "Militants have killed 30 soldiers in the province since March.",
        "The war enters its second year on Monday.",
        "Peace talks in the capital collapsed in December.",
    ],
)
def test_tallies_and_anniversaries_are_no_events(extractor: EventExtractor, text: str) -> None:
    assert _events(extractor, text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Militants have killed 30 soldiers in an ambush on Monday.",
        "The fighting has killed at least 12 people, medics said on Monday.",
        "Troops entered the town on Monday.",
    ],
)
def test_the_same_verbs_of_one_event_still_are(extractor: EventExtractor, text: str) -> None:
    assert len(_events(extractor, text)) == 1


def test_a_capitalised_trigger_inside_a_name_is_none(extractor: EventExtractor) -> None:
    # the group is not in the actor list; its name still liberates nothing
    text = "The banned Kandahar Liberation Army claimed responsibility for the killings."
    assert [text[slice(*e.trigger)] for e in _events(extractor, text)] in ([], ["killings"])
    # a headline in title case keeps its capitalised verbs
    assert _events(extractor, "Rebels Attack Army Base Near Border")


def test_armed_men_burning_vehicles_destroy_property(extractor: EventExtractor) -> None:
    event = _one(extractor, "Militants set fire to 10 vehicles on the highway on Monday.")
    assert (event.sub_event_type, event.actor1) == (
        "Looting/property destruction",
        "Unidentified Armed Group",
    )
    event = _one(extractor, "Rioters set fire to 10 vehicles on the highway on Monday.")
    assert event.event_type == "Riots"


def test_seizing_power_is_no_territory(extractor: EventExtractor) -> None:
    assert _events(extractor, "Officers who seized power in a coup on Monday addressed the nation.") == ()
    assert _one(extractor, "Rebels seized the town on Monday.").sub_event_type == (
        "Non-state actor overtakes territory"
    )


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        # a people's or a group's plural name before "and" counts its dead too
        ("Troops repelled an attack on their posts. He said 11 Houthis and four soldiers were killed.", 15),
        ("Soldiers clashed with gunmen near the border. Six Palestinians and a soldier were killed.", 7),
        ("Soldiers clashed with gunmen near the border. Nine Afghans and two soldiers were killed.", 11),
    ],
)
def test_a_named_peoples_dead_before_and_count_too(
    extractor: EventExtractor, text: str, fatalities: int
) -> None:
    assert sum(ev.fatalities for ev in _events(extractor, text)) == fatalities


def test_the_dead_of_two_sides_named_together(extractor: EventExtractor) -> None:
    text = "Three soldiers and two rebels were killed in a clash near the border on Friday."
    event = _one(extractor, text)
    assert (event.fatalities, event.actor1, event.actor2) == (
        5,
        "Military Forces",
        "Unidentified Armed Group",
    )
    # a dateline's day is not a count
    text = "KABUL, Oct 5 - Three soldiers and two rebels were killed in a clash near the border on Friday."
    assert _one(extractor, text).fatalities == 5


def test_a_police_operation_is_the_polices(extractor: EventExtractor) -> None:
    event = _one(
        extractor, "At least 10 people were killed on Tuesday during a police operation in the slum."
    )
    assert event.actor1 == "Police Forces"


def test_a_country_that_launched_missiles_is_their_force(placed: Pipeline) -> None:
    doc = Document(id="r", text="Russia launched more than 60 missiles at Ukraine overnight.", date=PUB)
    [event] = placed(doc).events
    assert event.actor1 == "Military Forces of Russia"


def test_repelled_attacks_are_a_clash(extractor: EventExtractor) -> None:
    event = _one(extractor, "Troops repelled 14 attacks near the town on Monday.")
    assert event.sub_event_type == "Armed clash"


def test_hedges_that_refer_to_other_events_stay_next_to_the_noun(extractor: EventExtractor) -> None:
    # "such as" lists examples; "without warning" tells how it happened
    assert len(_events(extractor, "Militants attacked the village without warning on Monday.")) == 1
    assert len(_events(extractor, "Jets bombed cities such as Aleppo on Monday.")) == 1


def test_reports_about_an_event_told_before_are_that_event(extractor: EventExtractor) -> None:
    text = (
        "Gunmen abducted 40 villagers in a night raid on Monday. Police confirmed the attack. "
        '"They came on motorcycles, shooting everywhere," said a resident.'
    )
    assert [e.sub_event_type for e in _events(extractor, text)] == ["Abduction/forced disappearance"]
    # told first, the same words are the event
    assert (
        len(_events(extractor, "Police confirmed the attack on a checkpoint that killed two officers.")) == 1
    )


def test_a_time_phrase_is_nobodys_name(extractor: EventExtractor) -> None:
    event = _one(extractor, "On Monday, a car bomb exploded in the town, killing six people.")
    assert event.actor1 == "Unidentified Armed Group"


def test_arrests_told_in_the_passive_are_the_polices(extractor: EventExtractor) -> None:
    event = _one(extractor, "At least 10 people were arrested in the city on Monday.")
    assert (event.sub_event_type, event.actor1, event.inter1) == ("Arrests", "Police Forces", "State forces")


def test_a_riot_counts_its_dead_and_its_crowd_are_rioters(extractor: EventExtractor) -> None:
    text = (
        "Protesters set fire to a police station on Monday and security forces responded with live "
        "ammunition, killing two."
    )
    event = _one(extractor, text)
    assert (event.event_type, event.actor1, event.fatalities) == ("Riots", "Rioters", 2)


def test_a_capitalised_first_word_is_no_name(extractor: EventExtractor) -> None:
    event = _one(extractor, "Smaller rallies took place peacefully in the north on Monday.")
    assert event.actor1 == "Protesters"


def test_police_who_meet_rioters_are_actor_two(extractor: EventExtractor) -> None:
    event = _one(extractor, "Police detained 79 people after protesters clashed with officers on Monday.")
    assert (event.event_type, event.actor1, event.actor2) == ("Riots", "Rioters", "Police Forces")


def test_an_event_after_august_2021_codes_the_taliban_as_the_state(extractor: EventExtractor) -> None:
    text = "Taliban fighters clashed with Islamic State militants near the border on Sunday."
    assert _one(extractor, text, dt.date(2024, 9, 24)).inter1 == "State forces"
    assert _one(extractor, text, dt.date(2001, 11, 28)).inter1 == "Rebel group"


@pytest.mark.parametrize(
    "text",
    [
        # the cause in the next sentence
        "An explosion at a fuel station in Aden killed five people on Saturday. Police said it was caused "
        "by a gas leak.",
        "A fire broke out at a crowded market on Monday, killing 12 traders. Officials blamed it on an "
        "electrical fault.",
        # a reference to the blast told before (which was no conflict event either)
        "A blast at a chemical factory killed nine workers in an industrial accident on Monday. The cause "
        "of the blast was being investigated.",
    ],
)
def test_an_accident_is_no_conflict_event(placed: Pipeline, text: str) -> None:
    assert placed(Document(id="a", text=text, date=PUB)).events == ()


def test_an_explosion_with_a_bomb_stays_an_event(placed: Pipeline) -> None:
    text = (
        "An explosion at a market in Aden killed five people on Saturday. Police said they were "
        "investigating what caused it."
    )
    assert [e.fatalities for e in placed(Document(id="a", text=text, date=PUB)).events] == [5]


def test_the_strike_answered_is_another_event_with_its_own_actor(placed: Pipeline) -> None:
    text = (
        "Hezbollah said it fired dozens of rockets at an army base in response to an Israeli drone strike "
        "that killed a commander in southern Lebanon."
    )
    events = placed(Document(id="h", text=text, date=PUB)).events
    assert [(e.sub_event_type, e.actor1, e.fatalities) for e in events] == [
        ("Shelling/artillery/missile attack", "Hezbollah", 0),
        ("Air/drone strike", "Military Forces of Israel", 1),
    ]


def test_who_took_the_town_decides_the_territory_type(extractor: EventExtractor) -> None:
    assert _one(extractor, "The Arakan Army captured the town of Maungdaw.").sub_event_type == (
        "Non-state actor overtakes territory"
    )
    event = _one(extractor, "The Arakan Army captured a military battalion headquarters in Maungdaw.")
    assert (event.sub_event_type, event.actor2) == ("Non-state actor overtakes territory", "Military Forces")
    event = _one(extractor, "Government troops recaptured the town from the rebels.")
    assert event.sub_event_type == "Government regains territory"


def test_a_force_that_only_describes_a_person_is_no_side(extractor: EventExtractor) -> None:
    text = (
        'The Viv Ansanm gang coalition, led by former police officer Jimmy "Barbecue" Cherizier, also '
        "attacked a police station in Delmas, police said."
    )
    event = _one(extractor, text)
    assert (event.actor1, event.actor2) == ("Viv Ansanm", "Police Forces")


def test_lynching_counts_its_dead(extractor: EventExtractor) -> None:
    event = _one(extractor, "A mob lynched three suspected thieves in the market on Sunday.")
    assert (event.sub_event_type, event.fatalities) == ("Mob violence", 3)


def test_drones_fired_are_a_drone_strike(extractor: EventExtractor) -> None:
    text = "Rebel forces fired three drones at an oil terminal on Sunday, killing two guards."
    event = _one(extractor, text)
    assert (event.sub_event_type, event.fatalities) == ("Air/drone strike", 2)


def test_a_group_blamed_for_past_deaths_is_no_event(extractor: EventExtractor) -> None:
    text = "The ADF, which has pledged allegiance to the Islamic State, is blamed for thousands of deaths."
    assert _events(extractor, text) == ()


def test_the_attackers_loot_is_part_of_their_attack(placed: Pipeline) -> None:
    text = (
        "Suspected jihadists attacked an army base in the town of Djibo on Saturday, killing 30 soldiers. "
        "The attackers, believed to belong to JNIM, arrived on motorbikes and looted weapons before "
        "withdrawing."
    )
    [event] = placed(Document(id="d", text=text, date=PUB)).events
    assert (event.sub_event_type, event.actor1, event.fatalities) == ("Armed clash", "JNIM", 30)
    # what they "also" did is part of the attack too
    text = "Gunmen killed four people in Bali on Sunday. The gunmen also set fire to a school and a clinic."
    assert len(placed(Document(id="c", text=text, date=PUB)).events) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Mexico has recorded more than 450,000 murders since 2006.",
        "The group has fought for more than 15 years to topple the government.",
    ],
)
def test_a_tally_or_a_long_war_is_no_event(extractor: EventExtractor, text: str) -> None:
    assert _events(extractor, text) == ()


def test_a_name_in_an_aside_is_not_the_subject(extractor: EventExtractor) -> None:
    event = _one(extractor, "Al-Shabaab, which is linked to al-Qaeda, attacked a military base on Tuesday.")
    assert (event.actor1, event.actor2) == ("al-Shabaab", "Military Forces")


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        (
            "Gunmen attacked a police station in Jamundi on Monday. The attack was blamed on the Central "
            "General Staff, the largest dissident group.",
            "FARC dissidents",
        ),
        (
            "Gunmen stopped a bus near Musakhel and shot dead 23 passengers on Monday. The Balochistan "
            "Liberation Army said its fighters had carried out the attack.",
            "Balochistan Liberation Army",
        ),
    ],
)
def test_an_attack_blamed_on_or_owned_by_a_group_is_theirs(placed: Pipeline, text: str, actor: str) -> None:
    [event] = placed(Document(id="c", text=text, date=PUB)).events
    assert event.actor1 == actor


def test_aircraft_that_bomb_are_a_states(extractor: EventExtractor) -> None:
    event = _one(extractor, "Warplanes bombed militant hideouts near the town on Monday.")
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Air/drone strike",
        "Military Forces",
        "Unidentified Armed Group",
    )


def test_villagers_who_fight_the_police_riot(extractor: EventExtractor) -> None:
    text = (
        "Villagers clashed with police over the destruction of their fields on Wednesday, leaving two dead."
    )
    event = _one(extractor, text)
    assert (event.sub_event_type, event.actor1, event.actor2, event.fatalities) == (
        "Violent demonstration",
        "Rioters",
        "Police Forces",
        2,
    )


def test_a_rally_where_someone_was_killed_is_the_setting_of_an_attack(extractor: EventExtractor) -> None:
    text = "A mayoral candidate, Jose Alfredo Cabrera, was shot dead at a campaign rally last month."
    event = _one(extractor, text)
    assert (event.sub_event_type, event.fatalities) == ("Attack", 1)
    # a state force firing at a rally is still force against the demonstration
    event = _one(extractor, "Police opened fire at a rally on Monday, killing three protesters.")
    assert (event.sub_event_type, event.fatalities) == ("Excessive force against protesters", 3)


def test_protesters_killed_and_people_arrested_are_how_the_protest_was_met(placed: Pipeline) -> None:
    text = (
        "Police fired tear gas at demonstrators in Nairobi on Thursday. One protester was shot dead in "
        "Nairobi, a rights group said.\n\nIn Mombasa, hundreds marched peacefully on Thursday.\n\n"
        "Police arrested 105 people in Nairobi on Thursday."
    )
    events = placed(Document(id="k", text=text, date=PUB)).events
    assert [(e.sub_event_type, e.fatalities) for e in events] == [
        ("Excessive force against protesters", 1),
        ("Peaceful protest", 0),
    ]


def test_each_sides_account_of_one_battle_is_that_battle(placed: Pipeline) -> None:
    text = (
        "Al-Shabaab militants attacked a military base in the town of Elbur early on Tuesday, triggering "
        "hours of fighting, officials said. Somalia's army said it killed 47 militants in the fighting and "
        "lost five soldiers. Al-Shabaab, in a statement, claimed it had killed 30 soldiers."
    )
    [event] = placed(Document(id="s", text=text, date=PUB)).events
    # ACLED takes the lowest figure reported
    assert (event.sub_event_type, event.actor1, event.fatalities) == ("Armed clash", "al-Shabaab", 30)


def test_dissidents_of_the_former_group_are_the_dissidents(extractor: EventExtractor) -> None:
    event = _one(extractor, "Dissidents of the former FARC rebel group attacked a police station on Monday.")
    assert (event.actor1, event.actor2) == ("FARC dissidents", "Police Forces")


def test_an_is_hideout_is_the_islamic_states(extractor: EventExtractor) -> None:
    text = (
        "Security forces raided an IS hideout in the Dasht-e-Barchi neighbourhood, killing three militants."
    )
    event = _one(extractor, text)
    assert (event.sub_event_type, event.actor2, event.fatalities) == ("Armed clash", "Islamic State", 3)


@pytest.mark.parametrize(
    "text",
    [
        # a tally of claims
        "The Islamic Resistance in Iraq has claimed dozens of attacks on U.S. forces since October.",
        # deaths from hunger
        "Aid groups warned of famine in the camp, where 13 children died of malnutrition last week.",
        # a game
        'Shaheen Shah Afridi took five wickets as Afghanistan collapsed. "We attacked from the first '
        'ball," said the captain.',
        "The final will be played in Lahore against New Zealand, who beat Pakistan in the group stage.",
        # a denial of what was told elsewhere
        "The army said it had carried out an operation in the area and denied killing civilians.",
        # history recalled (more than a year before the report)
        "Rwanda on Sunday began commemorations marking 30 years since the 1994 genocide in which about "
        "800,000 people were killed.",
        "The killings began on April 7, 1994, a day after a plane carrying the president was shot down.",
        # a tally whose first word is another trigger
        "Fighting between rival communities over cattle and grazing land has killed hundreds in the area "
        "this year.",
        # people evacuated, and weapons destroyed before use, are no transfer of territory or missile attack
        "The crew was evacuated by a passing warship.",
        "The command said its forces destroyed two drone boats and a missile launcher on Tuesday.",
    ],
)
def test_no_event_in_news_of_other_things(extractor: EventExtractor, text: str) -> None:
    assert _events(extractor, text) == ()


def test_an_agency_in_the_dateline_is_no_actor(extractor: EventExtractor) -> None:
    text = "BAGHDAD (Reuters) - Two rockets were fired at an air base in Anbar province on Monday night."
    assert _one(extractor, text).actor1 == "Unidentified Armed Group"


def test_men_rounded_up_and_shot_are_one_attack(placed: Pipeline) -> None:
    text = (
        "Malian soldiers and Russian mercenaries killed at least 24 civilians in a raid on a village in the "
        "Mopti region on Sunday. Witnesses said the soldiers rounded up men at the market and shot them."
    )
    [event] = placed(Document(id="m", text=text, date=PUB)).events
    assert (event.sub_event_type, event.assoc_actor1, event.fatalities) == ("Attack", "Wagner Group", 24)


def test_deaths_in_a_clause_about_something_else_are_no_force_against_a_protest(placed: Pipeline) -> None:
    text = (
        "Tens of thousands of people marched through Belgrade on Saturday, demanding accountability for the "
        "collapse of a station canopy that killed 15 people in November. The protest was largely peaceful, "
        "but police used pepper spray against a group of demonstrators late in the evening, and 22 people "
        "were detained."
    )
    [event] = placed(Document(id="b", text=text, date=PUB)).events
    assert (event.sub_event_type, event.actor2, event.fatalities) == (
        "Protest with intervention",
        "Police Forces",
        0,
    )


def test_counter_protesters_who_attack_riot(extractor: EventExtractor) -> None:
    text = "Counter-protesters attacked a pro-Palestinian encampment with sticks and fireworks overnight."
    assert _one(extractor, text).sub_event_type == "Violent demonstration"


def test_looting_in_a_story_of_riots_is_the_rioters(extractor: EventExtractor) -> None:
    text = "Rioters torched cars in several cities overnight. In Lyon and Marseille, shops were looted."
    events = _events(extractor, text)
    assert [(e.sub_event_type, e.actor1) for e in events][-1] == ("Violent demonstration", "Rioters")
    # without riots, the looters are unknown armed men, never no one
    assert _one(extractor, "Shops were looted in the market on Monday.").actor1 == "Unidentified Armed Group"


def test_what_happened_before_after_is_another_event_dated_by_its_own_clause(
    extractor: EventExtractor,
) -> None:
    text = (
        "Rioters torched cars in several cities overnight after a police officer shot dead a 17-year-old "
        "driver during a traffic stop on Tuesday."
    )
    events = _events(extractor, text)
    assert [(e.sub_event_type, e.actor1) for e in events] == [
        ("Violent demonstration", "Rioters"),
        ("Attack", "Police Forces"),
    ]
    assert events[1].date == dt.date(2024, 3, 12)  # Tuesday, not "overnight"


def test_a_group_that_says_its_fighters_did_it_did_it(extractor: EventExtractor) -> None:
    text = "Hezbollah said its fighters clashed with Israeli troops trying to advance into a border village."
    assert _one(extractor, text).actor1 == "Hezbollah"


def test_a_claim_naming_no_event_gives_its_claimant_to_the_event_before(placed: Pipeline) -> None:
    text = (
        "A bomb exploded at a Catholic Mass in a gymnasium in Marawi City on Sunday, killing four people. "
        "The Islamic State group claimed responsibility."
    )
    [event] = placed(Document(id="m", text=text, date=PUB)).events
    assert (event.actor1, event.fatalities) == ("Islamic State", 4)


def test_a_leader_calling_the_shooting_inexcusable_is_no_event(placed: Pipeline) -> None:
    text = (
        "A police officer shot dead a driver in Nanterre on Tuesday. President Emmanuel Macron called the "
        'shooting "inexplicable and inexcusable".'
    )
    assert len(placed(Document(id="f", text=text, date=PUB)).events) == 1


def test_a_force_that_fires_on_a_protest_where_people_die_uses_excessive_force(
    extractor: EventExtractor,
) -> None:
    text = (
        "Police fired rubber bullets and tear gas at students protesting in Dhaka on Tuesday, and at least "
        "six people were killed, officials said."
    )
    event = _one(extractor, text)
    assert (event.sub_event_type, event.actor2, event.fatalities) == (
        "Excessive force against protesters",
        "Police Forces",
        6,
    )


def test_excessive_force_from_the_retyper_counts_the_sentences_dead() -> None:
    """The retyper may read "Police fired rubber bullets" as excessive force before the rules see the
    deaths in the next clause: the event still counts them, as the rules' own upgrade does."""
    text = (
        "Police fired rubber bullets and tear gas at students protesting in Dhaka on Tuesday, and at least "
        "six people were killed, officials said."
    )
    excessive = EventExtractor(retyper=lambda *request: "Excessive force against protesters")
    event = _one(excessive, text)
    assert (event.sub_event_type, event.fatalities) == ("Excessive force against protesters", 6)


def test_a_toll_told_first_belongs_to_the_clash_after_it(extractor: EventExtractor) -> None:
    text = (
        "Three of the dead were in Chittagong, where protesters clashed with supporters of the ruling party."
    )
    event = _one(extractor, text)
    assert (event.sub_event_type, event.fatalities) == ("Violent demonstration", 3)


def test_the_next_sentence_that_places_the_attack_places_it(placed: Pipeline) -> None:
    text = (
        "Gunmen opened fire on a family party in the central Mexican state of Guanajuato late on Sunday, "
        "killing eight people. The attack happened in the municipality of Salvatierra."
    )
    doc = placed(Document(id="g", text=text, date=PUB))
    [event] = doc.events
    assert (event.sub_event_type, event.fatalities) == ("Attack", 8)
    assert [link.place.mention.text for link in doc.linked if link.place] == ["Salvatierra"]


def test_a_later_sentence_that_places_the_attack_in_a_town_of_the_state_places_it_there(
    placed: Pipeline,
) -> None:
    text = (
        "Gunmen opened fire at a birthday party in the central Mexican state of Guanajuato late on Sunday, "
        "killing six people. The attack took place in the city of Celaya, where two cartels have been "
        "fighting for control of fuel theft."
    )
    doc = placed(Document(id="g", text=text, date=PUB))
    [event] = doc.events  # the cartels' rivalry is background, not a battle of its own
    assert (event.sub_event_type, event.fatalities) == ("Attack", 6)
    [link] = doc.linked
    assert link.place is not None and link.place.mention.text == "Celaya"
    assert (link.geo_precision, "next sentence") == (1, link.link_reason[4:17])


@pytest.mark.parametrize(
    "text",
    [
        "About 150 people displaced by fighting had been sheltering at the monastery.",
        "Thousands of families fleeing the fighting reached the camp on Monday.",
        "The army denies targeting civilians and says it is fighting terrorists.",
    ],
)
def test_fighting_named_as_a_cause_or_a_stance_is_no_battle(extractor: EventExtractor, text: str) -> None:
    assert "Armed clash" not in [ev.sub_event_type for ev in _events(extractor, text)]


def test_the_defenders_reply_is_part_of_the_attack_and_its_dead_add_up(extractor: EventExtractor) -> None:
    text = (
        "Militants attacked a security checkpoint near Bannu on Wednesday, killing seven soldiers. "
        "Troops returned fire and killed six of the attackers. "
        "The Pakistani Taliban, or TTP, claimed responsibility."
    )
    event = _one(extractor, text)
    assert (event.sub_event_type, event.actor1, event.fatalities) == (
        "Armed clash",
        "Tehrik-i-Taliban Pakistan",
        13,
    )
    assert event.inter2 == "State forces"


def test_the_blast_told_next_is_the_bombing_again(extractor: EventExtractor) -> None:
    text = (
        "A suicide bomber blew himself up at a cafe in Mogadishu on Sunday evening, killing nine people. "
        "The blast hit the cafe near a busy junction, a police officer said. "
        "Al-Shabaab claimed responsibility for the attack."
    )
    event = _one(extractor, text)
    assert (event.sub_event_type, event.actor1, event.fatalities) == ("Suicide bomb", "al-Shabaab", 9)


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "The Kachin Independence Army said its fighters captured a military base near Hpakant.",
            "Kachin Independence Army",
        ),
        ("Members of the Gran Grif gang attacked a police station, killing two officers.", "Gran Grif"),
        ("Supporters of former Prime Minister Imran Khan clashed with police in Islamabad.", "Rioters"),
    ],
)
def test_actors_of_todays_conflicts_are_known(extractor: EventExtractor, text: str, actor1: str) -> None:
    assert _one(extractor, text).actor1 == actor1


@pytest.mark.parametrize(
    "text",
    [
        "A military air strike on a Buddhist monastery in the Sagaing region killed at least 17 people, "
        "including four children, residents said.",
        "Missiles struck an industrial area of Kharkiv early on Tuesday, killing three workers.",
    ],
)
def test_the_dead_named_as_civilians_far_from_the_trigger_are_its_target(
    extractor: EventExtractor, text: str
) -> None:
    event = _one(extractor, text)
    assert (event.actor2, event.civilian_targeting) == ("Civilians", True)


def test_the_weapon_an_attack_was_made_with_types_it_and_the_name_after_the_verb_was_hit(
    extractor: EventExtractor,
) -> None:
    text = (
        "Hezbollah said in a statement that it had targeted an Israeli military position in Metula with "
        "guided missiles."
    )
    event = _one(extractor, text)
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Shelling/artillery/missile attack",
        "Hezbollah",
        "Military Forces of Israel",
    )
    ship = _one(extractor, "Houthi rebels attacked a cargo ship in the Red Sea with drones and missiles.")
    assert (ship.sub_event_type, ship.actor1, ship.actor2, ship.civilian_targeting) == (
        "Shelling/artillery/missile attack",
        "Houthis",
        "Civilians",
        True,
    )


def test_an_event_dated_only_by_a_year_is_recalled_not_reported(extractor: EventExtractor) -> None:
    text = "In El Geneina last year, paramilitary fighters killed thousands of civilians, investigators said."
    assert not _events(extractor, text)
    march = _one(extractor, "In March, rebels attacked a police station in Morales, wounding four officers.")
    assert (march.date, march.time_precision) == (dt.date(2024, 3, 1), 3)


def test_police_deployed_to_restore_calm_is_no_event(extractor: EventExtractor) -> None:
    text = "A police spokesman said officers had been deployed to the area to restore calm."
    assert "Change to group/activity" not in [ev.sub_event_type for ev in _events(extractor, text)]


def test_rockets_partly_intercepted_and_the_wounded_told_next_are_one_attack(
    extractor: EventExtractor,
) -> None:
    text = (
        "Hezbollah launched about 40 rockets at northern Israel on Saturday, some of which were intercepted. "
        "Two Israeli soldiers were lightly wounded, the military said."
    )
    event = _one(extractor, text)
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Shelling/artillery/missile attack",
        "Hezbollah",
        "Military Forces of Israel",
    )


def test_an_attack_named_after_its_killing_verb_is_the_same_event(placed: Pipeline) -> None:
    text = (
        "Jihadists killed dozens of soldiers in an attack on an army base in northern Burkina Faso on "
        "Tuesday. The attack targeted the base in Mansila, near the border with Niger, one source said. "
        "The al-Qaeda-linked JNIM group claimed the attack."
    )
    [event] = placed(Document(id="b", text=text, date=PUB)).events
    assert (event.sub_event_type, event.actor1, event.fatalities) == ("Armed clash", "JNIM", 12)


def test_a_claim_with_an_aside_and_a_channel_names_the_attacker(extractor: EventExtractor) -> None:
    text = (
        "A drone attack targeted an air base hosting US troops in western Iraq on Monday. "
        "The Islamic Resistance in Iraq, an umbrella group of militias, claimed responsibility in a "
        "statement on Telegram."
    )
    assert _one(extractor, text).actor1 == "Islamic Resistance in Iraq"


def test_a_riot_met_by_deadly_force_is_one_riot_with_its_dead(extractor: EventExtractor) -> None:
    text = (
        "Protesters set fire to part of the parliament building after breaking through police lines, and "
        "police opened fire, killing at least five people."
    )
    event = _one(extractor, text)
    assert (event.event_type, event.actor2, event.fatalities) == ("Riots", "Police Forces", 5)


def test_crowds_of_two_communities_fighting_is_mob_violence(extractor: EventExtractor) -> None:
    text = "Clashes between Hindu and Muslim groups during a religious procession left three people dead."
    event = _one(extractor, text)
    assert (event.sub_event_type, event.actor1, event.fatalities) == ("Mob violence", "Rioters", 3)
    stones = _one(extractor, "Mobs threw stones at each other and set fire to shops and vehicles.")
    assert stones.event_type == "Riots"


def test_the_dead_counted_seven_words_before_the_verb(extractor: EventExtractor) -> None:
    text = (
        "Two members of the Iraqi security forces were killed when an improvised explosive device hit "
        "their vehicle near Tarmiyah."
    )
    assert _one(extractor, text).fatalities == 2


def test_a_groups_supporters_who_rally_are_protesters_associated_with_it(extractor: EventExtractor) -> None:
    event = _one(extractor, "Thousands of Houthi supporters rallied in Sanaa to denounce the strikes.")
    assert (event.sub_event_type, event.actor1, event.assoc_actor1) == (
        "Peaceful protest",
        "Protesters",
        "Houthis",
    )


def test_a_drone_that_dropped_explosives_is_a_drone_strike_on_the_woman_it_killed(
    extractor: EventExtractor,
) -> None:
    event = _one(extractor, "In Kherson, a drone dropped explosives on a bus stop, killing one woman.")
    assert (event.sub_event_type, event.actor2, event.fatalities) == ("Air/drone strike", "Civilians", 1)


def test_an_accusation_of_killing_is_no_event(extractor: EventExtractor) -> None:
    text = "Rights groups accuse both the army and the Russians of killing civilians during operations."
    assert not _events(extractor, text)


def test_a_dateline_month_is_no_modal_and_fighting_told_beside_is_another_event(placed: Pipeline) -> None:
    text = (
        "CAIRO, May 20 (Reuters) - Israeli air strikes killed at least 30 people across the Gaza Strip on "
        "Monday, the health ministry said, as fighting raged in the north.\n\n"
        "In Jabalia, an air strike on a house killed 11 members of one family, medics said."
    )
    doc = placed(Document(id="g", text=text, date=dt.date(2024, 5, 21)))
    assert [(ev.sub_event_type, ev.actor1, ev.fatalities) for ev in doc.events] == [
        ("Air/drone strike", "Military Forces of Israel", 30),
        ("Armed clash", "Unidentified Armed Group", 0),
        ("Air/drone strike", "Military Forces of Israel", 11),  # the story's air force
    ]


@pytest.mark.parametrize(
    ("text", "sub_type", "actor1", "dead"),
    [
        (
            "Three more were shot dead an hour later at a football pitch.",
            "Attack",
            "Unidentified Armed Group",
            3,
        ),
        (
            'The army said it had "neutralised" five separatist fighters in Bui.',
            "Armed clash",
            "Military Forces",
            5,
        ),
        (
            "Troops neutralised two roadside bombs near the town.",
            "Disrupted weapons use",
            "Military Forces",
            0,
        ),
        (
            "Separatists enforced a lockdown, burning a school bus in Bamenda.",
            "Looting/property destruction",
            "Unidentified Armed Group",
            0,
        ),
        (
            "Anglophone separatist fighters killed two gendarmes at a checkpoint.",
            "Armed clash",
            "Ambazonian separatists",
            2,
        ),
        ("Clashes between the 444 Brigade and Radaa killed 27 people.", "Armed clash", "444 Brigade", 27),
    ],
)
def test_counts_verbs_and_actors_of_a_fifth_read(
    extractor: EventExtractor, text: str, sub_type: str, actor1: str, dead: int
) -> None:
    event = _one(extractor, text)
    assert (event.sub_event_type, event.actor1, event.fatalities) == (sub_type, actor1, dead)


def test_a_person_handed_over_is_no_territory(extractor: EventExtractor) -> None:
    text = "The commander was handed over to a neutral party on Tuesday."
    assert "Non-violent transfer of territory" not in [ev.sub_event_type for ev in _events(extractor, text)]


def test_what_came_a_day_before_the_attack_is_another_event(placed: Pipeline) -> None:
    text = (
        "Separatist fighters killed two gendarmes at a checkpoint near Ndop on Thursday. "
        'The attack came a day after the army said it had "neutralised" five separatist fighters in Bui.'
    )
    doc = placed(Document(id="c", text=text, date=PUB))
    assert [(ev.actor1, ev.fatalities) for ev in doc.events] == [
        ("Unidentified Armed Group", 2),
        ("Military Forces", 5),
    ]


def test_a_claim_after_the_armys_scare_quoted_reply_names_the_attackers(placed: Pipeline) -> None:
    text = (
        "Suspected jihadists killed 31 soldiers in an ambush on an army convoy near Namsiguia on Monday. "
        'Some 20 assailants were "neutralised" in the counter-attack, the army said. '
        "The JNIM group claimed responsibility for the attack."
    )
    doc = placed(Document(id="b", text=text, date=PUB))
    # the assailants the army says it "neutralised" in its reply died in the same battle: their dead add up
    assert [(ev.actor1, ev.fatalities) for ev in doc.events] == [("JNIM", 51)]


def test_attacked_burning_and_killing_is_one_attack(extractor: EventExtractor) -> None:
    text = (
        "Armed gangs attacked two neighbourhoods on Friday, burning homes and killing at least 12 residents."
    )
    assert _one(extractor, text).fatalities == 12


def test_the_accused_sides_account_with_a_denial_is_no_new_event(placed: Pipeline) -> None:
    text = (
        "Soldiers killed at least 24 civilians in a raid on a village in Mopti on Sunday, a rights "
        "group said. The army said it had neutralised several terrorists during an operation in the area "
        "and denied killing civilians."
    )
    doc = placed(Document(id="m", text=text, date=PUB))
    assert [(ev.sub_event_type, ev.fatalities) for ev in doc.events] == [("Attack", 24)]


def test_what_a_commemoration_remembers_is_no_event(extractor: EventExtractor) -> None:
    text = "Survivors gathered at the churches where thousands were massacred, to mark the anniversary."
    assert not _events(extractor, text)
    attack = _one(
        extractor, "Gunmen opened fire at a funeral where mourners had gathered, killing 12 people."
    )
    assert attack.fatalities == 12


def test_a_currency_that_fell_to_a_record_low_took_no_town(extractor: EventExtractor) -> None:
    text = "Kenya's shilling fell to a record low against the dollar on Tuesday, traders said."
    assert not _events(extractor, text)
    assert _one(extractor, "The town fell to the rebels on Sunday.").sub_event_type == (
        "Non-state actor overtakes territory"
    )


def test_fans_who_clash_with_security_staff_are_a_mob(extractor: EventExtractor) -> None:
    event = _one(extractor, "Fans clashed briefly with security staff outside the stadium after the match.")
    assert (event.sub_event_type, event.actor1) == ("Mob violence", "Rioters")


def test_a_crowd_that_gathered_to_protest_protested(extractor: EventExtractor) -> None:
    event = _one(
        extractor, "Hundreds of traders gathered in the main square on Tuesday to protest against new taxes."
    )
    assert (event.sub_event_type, event.actor1, event.date) == (
        "Peaceful protest",
        "Protesters",
        dt.date(2024, 3, 12),
    )
    # an intention to gather is no protest, nor is armed men's gathering to attack
    assert not _events(extractor, "Opposition leaders plan to gather in the capital on Friday to protest.")
    assert not _events(extractor, "The union called on workers to gather outside the ministry to protest.")
    assert not _events(extractor, "Militants gathered near the village to attack it.")


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        ("Rebels raided a village overnight, hacking to death at least nine farmers with machetes.", 9),
        ("A mob beat to death two men accused of stealing a goat.", 2),
        ("Gunmen stabbed to death three traders near the market.", 3),
    ],
)
def test_a_count_after_hacked_to_death(extractor: EventExtractor, text: str, fatalities: int) -> None:
    assert _one(extractor, text).fatalities == fatalities


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        # the verb takes its own count of the dead: the count before it is the killers', or markup's
        ("Two gunmen on a motorbike shot dead five people outside a mosque.", 5),
        ("The 3 attackers opened fire on the bus, killing 7 passengers.", 7),
        ("<script>alert(3)</script> Gunmen killed 7 people at the market.", 7),
        ("Gunmen <img src=x onerror=alert(3)> attacked a market, killing 7 people.", 7),
        # a time after the verb is no count: the count before it stays
        ("Two soldiers were killed two days ago when rebels ambushed their patrol.", 2),
    ],
)
def test_a_count_after_the_verb_wins_over_the_subject(
    extractor: EventExtractor, text: str, fatalities: int
) -> None:
    assert _one(extractor, text).fatalities == fatalities


def test_the_attackers_killed_after_an_attack_are_its_dead(placed: Pipeline) -> None:
    text = (
        "Militants stormed a police post before dawn on Thursday, killing four policemen. "
        "Two attackers were also killed when reinforcements arrived, an official said. "
        "The Pakistani Taliban claimed responsibility for the assault in a message to reporters."
    )
    doc = placed(Document(id="p", text=text, date=PUB))
    assert [(ev.actor1, ev.fatalities) for ev in doc.events] == [("Tehrik-i-Taliban Pakistan", 6)]
    siege = (
        "Gunmen stormed a hotel on Friday night, killing at least 20 guests. Security forces ended the siege "
        "on Saturday morning, killing all five attackers."
    )
    assert [ev.fatalities for ev in placed(Document(id="s", text=siege, date=PUB)).events] == [25]
    # a week later is another event
    later = (
        "Gunmen stormed a hotel on March 1, killing 20 guests. Soldiers killed five attackers in a raid on "
        "March 9."
    )
    assert len(placed(Document(id="l", text=later, date=PUB)).events) == 2


def test_the_shelling_told_past_a_sentence_of_background_is_the_same_shelling(
    extractor: EventExtractor,
) -> None:
    text = (
        "Paramilitary fighters shelled a camp for displaced people on Monday, killing at least 23. "
        "The two sides have been at war for more than a year. "
        "The shelling hit the crowded market of the camp, home to families who fled earlier fighting."
    )
    assert [ev.fatalities for ev in _events(extractor, text)] == [23]


def test_the_weapons_an_interception_stopped_are_no_attack_of_their_own(extractor: EventExtractor) -> None:
    text = "The air force said it shot down 40 of the 52 drones and 9 of the 11 missiles launched overnight."
    assert [ev.sub_event_type for ev in _events(extractor, text)] == ["Disrupted weapons use"]
    both = "Air defences intercepted two drones over the capital, and a missile hit a school, killing three."
    assert [ev.sub_event_type for ev in _events(extractor, both)] == [
        "Disrupted weapons use",
        "Shelling/artillery/missile attack",
    ]


def test_what_a_country_launched_reaches_past_a_noun_list(placed: Pipeline) -> None:
    text = "Russia launched a large drone and missile attack overnight, killing at least seven people."
    doc = placed(Document(id="r", text=text, date=PUB))
    assert [ev.actor1 for ev in doc.events] == ["Military Forces of Russia"]


def test_a_foreign_force_that_takes_a_town_overtakes_it(placed: Pipeline) -> None:
    """ACLED: a government regains territory; a foreign state's forces (or a non-state actor) overtake it."""
    cases = {
        "Russia's Defense Ministry said its forces had captured the village of Novoselivka in the Donetsk "
        "region.": ("Non-state actor overtakes territory", "Military Forces of Russia"),
        "Turkish forces captured the town of Afrin in northern Syria.": (
            "Non-state actor overtakes territory",
            "Military Forces of Turkey",
        ),
        "Malian troops recaptured the town of Kidal from the rebels.": (
            "Government regains territory",
            "Military Forces of Mali",
        ),
    }
    for text, expected in cases.items():
        doc = placed(Document(id="t", text=text, date=PUB))
        assert [(ev.sub_event_type, ev.actor1) for ev in doc.events] == [expected], text


def test_an_attack_placed_again_by_the_base_it_hit_and_not_typed_by_what_came_before(
    placed: Pipeline,
) -> None:
    text = (
        "Guerrillas attacked an army base in the country's east with explosives-laden drones on "
        "Tuesday, killing two soldiers. The attack on the base in the municipality of Tame, in Arauca "
        "province, came days after the government suspended peace talks with the group."
    )
    doc = placed(Document(id="c", text=text, date=PUB))
    assert [(ev.sub_event_type, ev.fatalities) for ev in doc.events] == [("Air/drone strike", 2)]
    assert [link.place.place.name for link in doc.linked if link.place and link.place.place] == ["Tame"]


def test_its_forces_are_the_speaking_countrys(placed: Pipeline) -> None:
    text = "Myanmar's military said its forces had retaken the town of Lashio from the rebels."
    doc = placed(Document(id="i", text=text, date=PUB))
    assert [(ev.sub_event_type, ev.actor1) for ev in doc.events] == [
        ("Government regains territory", "Military Forces of Myanmar")
    ]


def test_what_the_attackers_also_did_is_part_of_their_attack(extractor: EventExtractor) -> None:
    text = (
        "Gunmen abducted at least 30 worshippers from a church on Sunday. The attackers, who came on "
        "motorcycles, also killed two men who tried to run away."
    )
    events = _events(extractor, text)
    # one event; an abduction with dead is an attack (ACLED codes an abduction alone only when no one died)
    assert [(ev.sub_event_type, ev.fatalities) for ev in events] == [("Attack", 2)]


def test_the_actors_own_account_of_its_strike_is_that_strike(placed: Pipeline) -> None:
    text = (
        "Israeli air strikes killed at least 15 people in the camp on Wednesday, medics said. The Israeli "
        "military said it had struck Hamas militants operating from a command centre in the area."
    )
    events = placed(Document(id="g", text=text, date=PUB)).events
    # who the military says it struck is its account; the dead were people
    assert [(ev.sub_event_type, ev.fatalities, ev.actor2) for ev in events] == [
        ("Air/drone strike", 15, "Civilians")
    ]


def test_an_event_named_after_among_or_in_connection_with_is_the_one_told(extractor: EventExtractor) -> None:
    text = (
        "Gunmen killed nine people at a bar on Saturday. Two women were among the dead. Police sent "
        "reinforcements to the town after the attack."
    )
    assert [ev.sub_event_type for ev in _events(extractor, text)] == ["Attack", "Change to group/activity"]
    arrests = (
        "Gunmen killed nine people at a bar on Saturday. On Sunday, soldiers arrested four suspects in "
        "connection with the attack."
    )
    assert [ev.sub_event_type for ev in _events(extractor, arrests)] == ["Attack", "Arrests"]
    # a word between the article and the verb: "after the militia took control" tells a new event
    took = "Fighting spread after the militia took control of the town."
    assert "Non-state actor overtakes territory" in [ev.sub_event_type for ev in _events(extractor, took)]


def test_kidnapped_people_rescued_are_no_new_abduction(extractor: EventExtractor) -> None:
    text = "Troops rescued 16 kidnapped students on Saturday after a gunfight with bandits, the army said."
    event = _one(extractor, text)
    assert (event.sub_event_type, event.actor2) == ("Armed clash", "Unidentified Armed Group")


def test_a_gang_named_next_is_the_gang_that_attacked(extractor: EventExtractor) -> None:
    text = (
        "Gang members attacked a farming town before dawn on Thursday, killing at least 50 people. "
        "The Gran Grif gang opened fire on residents with automatic weapons."
    )
    event = _one(extractor, text)
    assert (event.actor1, event.fatalities) == ("Gran Grif", 50)


def test_killings_placed_and_dated_by_the_next_sentence_and_the_clashes_before_them(placed: Pipeline) -> None:
    text = (
        "Government troops killed more than 30 civilians in the Amhara region last week, residents said, "
        "accusing soldiers of revenge killings after clashes with Fano militiamen. The killings took place "
        "in Merawi on Friday after soldiers fought Fano fighters for several hours. Soldiers then went "
        "house to house, shooting men, a resident said."
    )
    doc = placed(Document(id="e", text=text, date=PUB))
    assert [(ev.sub_event_type, ev.actor2, ev.fatalities, ev.date) for ev in doc.events] == [
        ("Attack", "Civilians", 30, dt.date(2024, 3, 8)),
        ("Armed clash", "Fano", 0, dt.date(2024, 3, 8)),
    ]
    places = [(link.event.sub_event_type, link.place.mention.text) for link in doc.linked if link.place]
    assert places == [("Attack", "Merawi"), ("Armed clash", "Merawi")]


def test_a_precise_toll_told_next_replaces_a_vague_count(placed: Pipeline) -> None:
    text = (
        "Jihadists killed dozens of soldiers in an attack on an army post in northern Burkina Faso on "
        "Saturday. At least 40 soldiers and auxiliaries were killed, a source said."
    )
    doc = placed(Document(id="b", text=text, date=PUB))
    assert [(ev.sub_event_type, ev.fatalities) for ev in doc.events] == [("Armed clash", 40)]
    # each count of a list its own; a count before "and" counts the dead of the whole subject
    assert (
        _one(
            extractor=EventExtractor(), text="Three soldiers and two rebels were killed in the clash."
        ).fatalities
        == 5
    )


def test_rockets_some_of_which_were_intercepted_told_next_are_one_attack(extractor: EventExtractor) -> None:
    text = (
        "The militia fired dozens of rockets at army positions on Wednesday. The army said some of the "
        "rockets were intercepted and others fell in open areas."
    )
    assert [ev.sub_event_type for ev in _events(extractor, text)] == ["Shelling/artillery/missile attack"]


def test_the_group_the_sources_blame_is_the_actor(extractor: EventExtractor) -> None:
    text = (
        "A roadside bomb killed three soldiers on Monday, security sources said, blaming Islamic State "
        "militants for the attack."
    )
    assert _one(extractor, text).actor1 == "Islamic State"


def test_clashes_between_police_and_protesters_are_a_riot_and_a_towns_arson_its_own(placed: Pipeline) -> None:
    text = (
        "Clashes between police and student protesters left at least 32 people dead across Bangladesh on "
        "Thursday. Protesters set fire to the offices of the state broadcaster in Dhaka."
    )
    doc = placed(Document(id="d", text=text, date=PUB))
    assert [(ev.sub_event_type, ev.actor2, ev.fatalities) for ev in doc.events] == [
        ("Violent demonstration", "Police Forces", 32),
        ("Violent demonstration", "", 0),
    ]


def test_a_demonstration_that_turned_violent_is_one_violent_demonstration(placed: Pipeline) -> None:
    text = (
        "Police shot dead at least five protesters in Nairobi on Tuesday as thousands stormed parliament. "
        "Protesters set part of the parliament building on fire before police fired live bullets."
    )
    doc = placed(Document(id="k", text=text, date=PUB))
    assert [(ev.sub_event_type, ev.actor1, ev.fatalities) for ev in doc.events] == [
        ("Violent demonstration", "Rioters", 5)
    ]


def test_demonstrations_where_police_used_tear_gas_are_met_by_the_police(placed: Pipeline) -> None:
    text = (
        "Demonstrations took place in Mombasa, Kisumu and Nakuru, where police used tear gas against crowds."
    )
    doc = placed(Document(id="m", text=text, date=PUB))
    assert [ev.sub_event_type for ev in doc.events] == ["Protest with intervention"]
    assert sorted(link.place.mention.text for link in doc.linked if link.place) == [
        "Kisumu",
        "Mombasa",
        "Nakuru",
    ]


def test_an_undated_event_continuing_the_story_happened_on_its_day(extractor: EventExtractor) -> None:
    text = (
        "Gunmen attacked a police post in the north on Tuesday, killing two officers. A bomb exploded at "
        "a market in the same town, wounding five people.\n\nSeparately, gunmen killed two farmers near "
        "the border. Soldiers later raided a village and arrested ten men."
    )
    events = _events(extractor, text)
    tuesday, week = dt.date(2024, 3, 12), PUB - dt.timedelta(days=6)
    assert [(ev.sub_event_type, ev.date, ev.time_precision) for ev in events] == [
        ("Armed clash", tuesday, 1),
        ("Remote explosive/landmine/IED", tuesday, 1),
        ("Attack", week, 2),
        ("Arrests", week, 2),
    ]


def test_reported_speech_and_durations_do_not_set_a_sentence_at_another_time(
    extractor: EventExtractor,
) -> None:
    # "said ... had" is the tense of reported speech and "hour-long" a duration: neither moves the
    # sentence off the day its paragraph told ("had" alone still does: "had neutralised")
    text = (
        "Drones attacked a fuel depot near the border on Tuesday, starting a fire. The governor said air "
        "defences had shot down nine drones over the area.\n\nGunmen attacked an army post in the hills "
        "on Tuesday, killing two soldiers. Troops arrested four suspects after an hour-long gunbattle."
    )
    events = _events(extractor, text)
    tuesday = dt.date(2024, 3, 12)
    assert [(ev.sub_event_type, ev.date, ev.time_precision) for ev in events] == [
        ("Air/drone strike", tuesday, 1),
        ("Disrupted weapons use", tuesday, 1),
        ("Armed clash", tuesday, 1),
        ("Arrests", tuesday, 1),
    ]


def test_the_armys_own_account_keeps_the_count_told_first(placed: Pipeline) -> None:
    text = (
        "Soldiers killed at least 20 civilians in a village in central Mali last week, residents said. "
        'Mali\'s army said in a statement that it had "neutralised" several terrorists during an operation '
        "in the area."
    )
    doc = placed(Document(id="m", text=text, date=PUB))
    assert [(ev.sub_event_type, ev.fatalities) for ev in doc.events] == [("Attack", 20)]


def test_the_same_group_against_the_same_side_told_next_is_that_event(placed: Pipeline) -> None:
    text = (
        "Communist rebels ambushed an army patrol on Tuesday, killing three soldiers. The New People's Army "
        "guerrillas detonated a landmine before opening fire on the soldiers in a village in Catarman town."
    )
    doc = placed(Document(id="n", text=text, date=PUB))
    assert [(ev.sub_event_type, ev.actor1, ev.fatalities) for ev in doc.events] == [
        ("Armed clash", "New People's Army", 3)
    ]
    assert [link.place.mention.text for link in doc.linked if link.place] == ["Catarman"]


def test_the_weapon_told_next_types_the_attack_and_a_claim_naming_it_is_no_new_event(
    placed: Pipeline,
) -> None:
    text = (
        "Houthi rebels attacked a cargo ship in the Red Sea on Wednesday, setting it ablaze. The ship was "
        "hit by three projectiles about 70 nautical miles west of the port city of Hodeidah. A Houthi "
        "spokesman claimed the attack in a televised statement, saying the rebels had used missiles "
        "and drones."
    )
    doc = placed(Document(id="y", text=text, date=PUB))
    assert [(ev.sub_event_type, ev.actor1) for ev in doc.events] == [
        ("Shelling/artillery/missile attack", "Houthis")
    ]


def test_islamic_state_linked_insurgents_are_the_islamic_state(extractor: EventExtractor) -> None:
    text = "Islamic State-linked insurgents beheaded at least 11 civilians in attacks on several villages."
    assert _one(extractor, text).actor1 == "Islamic State"


def test_a_tally_over_the_past_day_across_a_list_of_countries_is_no_event(extractor: EventExtractor) -> None:
    text = (
        "The defence ministry said its forces had neutralised 12 militants in northern Syria and Iraq in the "
        "past 24 hours."
    )
    assert not _events(extractor, text)


def test_the_news_a_group_reports_has_its_own_subject(placed: Pipeline) -> None:
    text = "The SDF said Turkish artillery shelled villages near Tal Tamr on Monday, damaging several houses."
    doc = placed(Document(id="s", text=text, date=PUB))
    assert [(ev.sub_event_type, ev.actor1) for ev in doc.events] == [
        ("Shelling/artillery/missile attack", "Military Forces of Turkey")
    ]


def test_supporters_chanting_slogans_dispersed_by_police(extractor: EventExtractor) -> None:
    text = (
        "Hundreds of supporters gathered outside the police station, chanting slogans against the "
        "government, before police dispersed them with batons."
    )
    event = _one(extractor, text)
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Protest with intervention",
        "Protesters",
        "Police Forces",
    )


def test_an_event_its_actor_denies_is_kept_and_marked_denied(extractor: EventExtractor) -> None:
    text = (
        "Fighters of the Rapid Support Forces raped dozens of women during an attack on a town last month, a "
        "rights group said. The fighters also looted homes and abducted at least 30 men. The RSF denied the "
        "allegations."
    )
    events = _events(extractor, text)
    assert [(ev.sub_event_type, ev.actor1, ev.certainty) for ev in events] == [
        ("Sexual violence", "Rapid Support Forces", "denied")
    ]


def test_a_count_and_one_more_victim(extractor: EventExtractor) -> None:
    text = "Rebels blew up a vehicle carrying police officers, killing eight officers and a driver."
    assert _one(extractor, text).fatalities == 9


def test_a_police_raid_whose_fight_is_told_next_is_a_clash(placed: Pipeline) -> None:
    text = (
        "Police killed at least 10 people during a raid against drug traffickers in a Rio de Janeiro favela "
        "on Thursday. Residents said officers entered the community before dawn and exchanged fire with gang "
        "members for several hours."
    )
    doc = placed(Document(id="b", text=text, date=PUB))
    assert [(ev.sub_event_type, ev.actor2, ev.fatalities) for ev in doc.events] == [
        ("Armed clash", "Unidentified Gang", 10)
    ]


def test_an_announced_offensive_and_the_share_of_the_dead_are_no_events(extractor: EventExtractor) -> None:
    text = (
        "Gunmen killed 12 people at a bar on Saturday. Most of the dead were civilians. The attack came a "
        "day after the government announced a new offensive against armed groups."
    )
    assert [(ev.sub_event_type, ev.fatalities) for ev in _events(extractor, text)] == [("Attack", 12)]


def test_the_detentions_after_the_attack_are_arrests(extractor: EventExtractor) -> None:
    text = (
        "Dozens of settlers attacked a Palestinian village on Sunday night, setting fire to cars.\n\nOne man "
        "was shot dead during the rampage, it was not clear by whom.\n\nIsraeli soldiers arrived in the "
        "village after the attack and detained several settlers, the military said."
    )
    assert [ev.sub_event_type for ev in _events(extractor, text)] == ["Attack", "Arrests"]


def test_two_named_groups_fights_of_one_kind_stay_two_events(extractor: EventExtractor) -> None:
    text = (
        "The Viv Ansanm gang coalition attacked a police station in Delmas, police said. Kenyan police "
        "officers of the Multinational Security Support mission exchanged fire with gang members near the "
        "airport on Saturday."
    )
    assert len(_events(extractor, text)) == 2


@pytest.mark.parametrize(
    ("text", "sub_types"),
    [
        # "two of the grenades" are grenades, not a share of a toll told before
        ("Three men hurled two of the grenades at soldiers guarding the school, killing five.", ["Grenade"]),
        # the other side's withdrawal right after a capture tells how it was taken: one event (ACLED)
        (
            "Militants seized a border post on Thursday. The group is now in control of the whole "
            "crossing between the two countries, following the withdrawal of government forces from that "
            "border point.",
            ["Non-state actor overtakes territory"],
        ),
        # but a withdrawal elsewhere is news of its own
        (
            "Militants seized a border post on Thursday. In the north, government forces withdrew from "
            "the town of Kidal.",
            ["Non-state actor overtakes territory", "Non-violent transfer of territory"],
        ),
        # "since Wednesday evening" is no running total
        ("Police have arrested at least 200 opposition activists since Wednesday evening.", ["Arrests"]),
    ],
)
def test_references_back_and_tallies_are_not_overread(
    extractor: EventExtractor, text: str, sub_types: list[str]
) -> None:
    assert [ev.sub_event_type for ev in _events(extractor, text)] == sub_types


def test_a_denial_of_targeting_civilians_marks_no_capture(extractor: EventExtractor) -> None:
    text = (
        "Separately, RSF fighters seized the town of Mellit after clashes with army-allied militias, a "
        "monitor said. The RSF denied targeting civilians."
    )
    assert [ev.certainty for ev in _events(extractor, text)] == ["reported"]


def test_an_event_told_the_same_day_or_hours_later_happened_on_the_day_told_before(
    extractor: EventExtractor,
) -> None:
    text = (
        "Militants ambushed a police patrol on Tuesday, killing three officers.\n\n"
        "Hours later, a drone strike killed two militants in a car near the border.\n\n"
        "Separately, gunmen shot dead a trader in the market on the same day."
    )
    tuesday = dt.date(2024, 3, 12)
    assert [(ev.date, ev.time_precision) for ev in _events(extractor, text)] == [(tuesday, 1)] * 3


def test_a_retelling_with_the_day_before_its_source_spoke_dates_the_event(extractor: EventExtractor) -> None:
    text = (
        "An army airstrike killed at least nine people in a village in the hills, residents said on "
        "Wednesday. The jets bombed the village on Tuesday evening while people gathered for a wedding."
    )
    ev = _one(extractor, text)
    assert (ev.sub_event_type, ev.fatalities, ev.date, ev.time_precision) == (
        "Air/drone strike",
        9,
        dt.date(2024, 3, 12),
        1,
    )


def test_a_groups_account_of_what_its_fighters_did_is_its_battle(extractor: EventExtractor) -> None:
    text = (
        "Al-Shabaab militants attacked an army base on Tuesday, setting off a gun battle that lasted hours. "
        "The army said it repelled the assault and killed 15 militants. Al-Shabaab said its fighters had "
        "killed 20 soldiers and overrun the base."
    )
    assert [(ev.sub_event_type, ev.actor1, ev.fatalities) for ev in _events(extractor, text)] == [
        ("Armed clash", "al-Shabaab", 15)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Students staged a brief march against the government, dispersing before security forces arrived.",
        "Hundreds of students marched through the capital against the government, dispersing before security "
        "forces arrived.",
    ],
)
def test_protesters_who_leave_before_the_police_come_protested_peacefully(
    extractor: EventExtractor, text: str
) -> None:
    assert _one(extractor, text).sub_event_type == "Peaceful protest"


def test_the_gunmen_told_next_retell_the_raid_with_its_day_place_and_dead(extractor: EventExtractor) -> None:
    text = (
        "Bandits abducted at least 30 villagers in a raid in the northwest, residents said on Thursday. "
        "The gunmen stormed the village late on Tuesday and shot dead two men who tried to resist. "
        "Police confirmed the attack but said 20 people were abducted. Soldiers had been deployed to the "
        "area to rescue the victims, police said."
    )
    ev = _one(extractor, text)
    # an abduction with dead is an attack (ACLED)
    assert (ev.sub_event_type, ev.fatalities, ev.date, ev.time_precision) == (
        "Attack",
        2,
        dt.date(2024, 3, 12),
        1,
    )


def test_a_battles_unnamed_side_is_the_group_that_tells_what_it_did(extractor: EventExtractor) -> None:
    text = (
        "Taliban fighters clashed with anti-Taliban resistance forces in the mountains on Wednesday. The "
        "National Resistance Front said it killed 12 Taliban fighters. A Taliban spokesman said on Twitter "
        "that the group's forces had killed five resistance fighters."
    )
    ev = _one(extractor, text)
    assert (ev.sub_event_type, ev.actor1, ev.actor2, ev.fatalities) == (
        "Armed clash",
        "Military Forces of Afghanistan (2021-)",
        "National Resistance Front",
        12,
    )


def test_a_round_up_in_another_part_of_the_country_is_not_of_the_day_told_before(
    extractor: EventExtractor,
) -> None:
    text = (
        "A missile struck a residential building in the city on Tuesday, killing four people.\n\n"
        "In the east, troops captured a village after heavy fighting, the defence ministry said."
    )
    events = _events(extractor, text)
    assert [(ev.time_precision, ev.date) for ev in events] == [
        (1, dt.date(2024, 3, 12)),
        (2, PUB - dt.timedelta(days=6)),
    ]


def test_nationals_and_their_driver_are_counted_together(extractor: EventExtractor) -> None:
    text = "A suicide bomber rammed a car into a convoy, killing four foreign nationals and their driver."
    assert _one(extractor, text).fatalities == 5


@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        (
            "Armed men from the Gran Grif gang attacked a village on Monday, killing nine people. Police "
            "later deployed to the village and exchanged fire with the gang, killing two of its members.",
            "Gran Grif",
        ),
        (
            "CODECO militiamen attacked a camp for displaced people, killing 12. Soldiers later fought the "
            "attackers for several hours outside the camp.",
            "CODECO",
        ),
    ],
)
def test_the_gang_or_the_attackers_fought_next_are_the_group_named_before(
    extractor: EventExtractor, text: str, actor2: str
) -> None:
    assert _events(extractor, text)[-1].actor2 == actor2


def test_tear_gas_and_live_rounds_that_kill_protesters_are_one_demonstration_met_by_force(
    extractor: EventExtractor,
) -> None:
    text = (
        "Police fired tear gas and live rounds at protesters who stormed the ministry on Tuesday, killing at "
        "least three people, a rights group said.\n\nDemonstrators also clashed with police in two other "
        "cities. A doctors' union said 40 people were wounded in the capital."
    )
    assert [(ev.sub_event_type, ev.fatalities) for ev in _events(extractor, text)] == [
        ("Excessive force against protesters", 3),
        ("Violent demonstration", 0),
    ]


def test_soldiers_who_arrived_and_executed_men_last_week_did_it_on_that_weeks_day(
    extractor: EventExtractor,
) -> None:
    text = (
        "Malian soldiers and fighters from Russia's Africa Corps killed at least 20 civilians in a village "
        "last week, residents said. The troops arrived by helicopter on Tuesday morning and rounded up men "
        "in the market before executing them."
    )
    ev = _one(extractor, text)  # PUB is a Thursday: last week's Tuesday was 5 March
    assert (ev.sub_event_type, ev.actor1, ev.assoc_actor1, ev.fatalities, ev.date, ev.time_precision) == (
        "Attack",
        "Military Forces of Mali",
        "Wagner Group",
        20,
        dt.date(2024, 3, 5),
        1,
    )


def test_a_group_whose_compound_was_struck_did_not_strike(placed: Pipeline) -> None:
    text = "Israeli aircraft carried out a strike on a Hamas compound in the town, killing five militants."
    doc = placed(Document(id="h", text=text, date=PUB))
    assert [ev.actor1 for ev in doc.events] == ["Military Forces of Israel"]


def test_a_ship_attacked_with_a_drone_boat_and_missiles_was_hit_by_missiles_not_a_drone_strike(
    extractor: EventExtractor,
) -> None:
    text = (
        "Houthi rebels said on Wednesday they had attacked a bulk carrier in the Red Sea with a drone boat "
        "and missiles, the British military's maritime agency said."
    )
    ev = _one(extractor, text)
    assert (ev.sub_event_type, ev.actor1, ev.actor2) == (
        "Shelling/artillery/missile attack",
        "Houthis",
        "Civilians",
    )


def test_kuki_militants_are_the_kuki_ethnic_militia(extractor: EventExtractor) -> None:
    ev = _one(extractor, "Suspected Kuki militants set fire to dozens of houses in the district on Saturday.")
    assert (ev.actor1, ev.inter1) == ("Kuki Ethnic Militia", "Identity militia")


def test_the_attack_placed_before_what_it_came_after_is_placed_there(placed: Pipeline) -> None:
    text = (
        "Two soldiers were killed when ELN rebels attacked a military base in Arauca province on Sunday. "
        "The attack on the base, in the municipality of Tame, came hours after talks resumed in Caracas."
    )
    doc = placed(Document(id="c", text=text, date=PUB))
    places = [link.place.mention.text for link in doc.linked if link.place and link.event.actor1 == "ELN"]
    assert places == ["Tame"]


def test_a_region_that_has_been_the_scene_of_fighting_since_a_month_is_background(
    extractor: EventExtractor,
) -> None:
    text = "The region has been the scene of fighting between the army and militiamen since August."
    assert not _events(extractor, text)


def test_an_offensive_that_captured_villages_is_one_takeover_where_they_were_taken(placed: Pipeline) -> None:
    text = (
        "Rebels launched a major offensive against government forces in northwestern Syria on Wednesday and "
        "captured at least a dozen villages west of Aleppo, a war monitor said."
    )
    doc = placed(Document(id="s", text=text, date=PUB))
    assert [(ev.sub_event_type, ev.actor2) for ev in doc.events] == [
        ("Non-state actor overtakes territory", "Military Forces")
    ]
    assert [(link.place.mention.text, link.geo_precision) for link in doc.linked if link.place] == [
        ("Aleppo", 2)
    ]


def test_people_killed_when_rival_supporters_clashed_are_the_clashs_dead(extractor: EventExtractor) -> None:
    text = (
        "Three people were killed and more than 50 wounded when supporters of the ruling party and the "
        "opposition clashed with sticks and machetes in the port city on Sunday, police said."
    )
    ev = _one(extractor, text)
    assert (ev.event_type, ev.fatalities) == ("Riots", 3)


def test_a_launch_pad_used_in_the_attack_and_a_us_official_retelling_it_are_no_new_events(
    placed: Pipeline,
) -> None:
    text = (
        "Two rockets struck an air base in Iraq's western Anbar province late on Monday, causing no "
        "casualties, security sources said. A US defence official said the base had been targeted by "
        "multiple rockets. Security forces later found the launch pad used in the attack in a truck."
    )
    doc = placed(Document(id="r", text=text, date=PUB))
    assert [ev.sub_event_type for ev in doc.events] == ["Shelling/artillery/missile attack"]


def test_a_toll_across_several_countries_told_before_its_attacks_is_their_sum(placed: Pipeline) -> None:
    text = (
        "Attacks by militants killed at least 40 people across Burkina Faso, Mali and Niger over the "
        "weekend. In Burkina Faso, gunmen killed 20 villagers on Saturday. In Mali, gunmen ambushed a convoy "
        "on Sunday, killing 12 drivers."
    )
    assert [ev.fatalities for ev in placed(Document(id="s", text=text, date=PUB)).events] == [20, 12]


def test_american_bombers_and_us_planes_are_the_us_military(placed: Pipeline) -> None:
    text = (
        "Northern Alliance fighters pushed toward Kunduz on Tuesday after American B-52 bombers pounded "
        "Taliban front lines east of the city. At least 40 Taliban fighters were killed in the bombing, "
        "commanders said.\n\nA Taliban spokesman in Kandahar said 11 civilians were killed when US planes "
        "bombed a village near the city last night."
    )
    doc = placed(Document(id="b", text=text, date=TALIBAN_ERA))
    assert [(ev.sub_event_type, ev.actor1, ev.fatalities) for ev in doc.events] == [
        ("Air/drone strike", "Military Forces of the United States", 40),
        ("Air/drone strike", "Military Forces of the United States", 11),
    ]
    last = [link for link in doc.linked if link.event.fatalities == 11]
    assert [(link.place.mention.text, link.geo_precision) for link in last if link.place] == [("Kandahar", 2)]


def test_a_police_station_stormed_and_retaken_is_one_clash_with_the_attackers_dead(placed: Pipeline) -> None:
    text = (
        "Militants armed with guns and grenades stormed a police station in the northwest early on Tuesday, "
        "killing six officers before security forces regained control after a four-hour gunbattle, police "
        "said. Three attackers were killed, said a police official in Dera Ismail Khan district, where the "
        "attack took place."
    )
    doc = placed(Document(id="p", text=text, date=PUB))
    assert [(ev.sub_event_type, ev.fatalities) for ev in doc.events] == [("Armed clash", 9)]


def test_an_air_force_that_carried_out_strikes_struck_from_the_air(extractor: EventExtractor) -> None:
    text = "The army's air force carried out several strikes on rebel positions east of the city on Monday."
    assert _one(extractor, text).sub_event_type == "Air/drone strike"


def test_a_group_that_praised_an_attack_without_claiming_it_did_not_carry_it_out(
    extractor: EventExtractor,
) -> None:
    text = (
        "A gunman opened fire at a border crossing on Sunday, killing three civilians. Hamas praised the "
        "attack but did not claim it."
    )
    assert [ev.actor1 for ev in _events(extractor, text)] == ["Unidentified Armed Group"]


def test_explosives_dropped_from_drones_by_dissidents_are_their_drone_strike(
    extractor: EventExtractor,
) -> None:
    text = (
        "A police officer was killed and two others wounded when dissidents of the former FARC attacked a "
        "police station with explosives dropped from drones on Saturday night."
    )
    ev = _one(extractor, text)
    assert (ev.sub_event_type, ev.actor1, ev.fatalities) == ("Air/drone strike", "FARC dissidents", 1)


def test_a_raid_where_troops_exchanged_fire_is_one_clash(extractor: EventExtractor) -> None:
    text = (
        "Troops raided a refugee camp near the city on Sunday, where they exchanged fire with gunmen. One "
        "man was killed."
    )
    assert [(ev.sub_event_type, ev.fatalities) for ev in _events(extractor, text)] == [("Armed clash", 1)]


def test_the_blast_that_struck_and_a_groups_word_of_what_its_fighters_targeted_are_the_bombing(
    placed: Pipeline,
) -> None:
    text = (
        "A car bomb exploded near a busy restaurant in Mogadishu on Friday evening, killing at least 10 "
        "people. The blast, which was followed by gunfire, struck near a popular beach. Al Shabaab said in a "
        "statement that its fighters had targeted a gathering of government officials."
    )
    doc = placed(Document(id="m", text=text, date=PUB))
    assert [(ev.sub_event_type, ev.actor1, ev.fatalities) for ev in doc.events] == [
        ("Remote explosive/landmine/IED", "al-Shabaab", 10)
    ]


def test_a_confession_said_to_be_tortured_out_of_a_convict_is_no_attack(extractor: EventExtractor) -> None:
    assert not _events(extractor, "Rights groups said the man had been tortured into confessing.")


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        (
            "A gunman opened fire at a checkpoint on Sunday, killing three civilians before he was shot dead "
            "by police.",
            4,
        ),
        (
            "Jihadists attacked an army patrol on Sunday, killing 12 soldiers, the ministry said, adding "
            "that 20 attackers were neutralised.",
            32,
        ),
    ],
)
def test_the_attackers_dead_told_later_in_the_sentence_add_up(
    extractor: EventExtractor, text: str, fatalities: int
) -> None:
    assert _one(extractor, text).fatalities == fatalities


def test_air_defences_that_destroyed_drones_disrupted_them(placed: Pipeline) -> None:
    text = (
        "Russia's defence ministry said its air defences had destroyed 20 Ukrainian drones over two border "
        "regions overnight."
    )
    doc = placed(Document(id="d", text=text, date=PUB))
    assert [(ev.sub_event_type, ev.actor1) for ev in doc.events] == [
        ("Disrupted weapons use", "Military Forces of Russia")
    ]


# -- stop 18: a read of six more articles as an ACLED coder


def test_volunteers_fighting_alongside_the_army_fight_no_battle_of_theirs(
    extractor: EventExtractor,
) -> None:
    text = "Insurgents killed 14 soldiers and volunteers fighting alongside the army in an attack on Tuesday."
    ev = _one(extractor, text)
    assert (ev.sub_event_type, ev.actor2) == ("Armed clash", "Military Forces")


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked a military post near Djibo on Tuesday.",
        "Dozens of gunmen on motorbikes stormed the post at Diapaga on Tuesday.",
        "Militants raided an isolated outpost on the border on Tuesday.",
    ],
)
def test_a_post_or_base_attacked_is_held_by_armed_men(extractor: EventExtractor, text: str) -> None:
    ev = _one(extractor, text)
    assert (ev.sub_event_type, ev.actor2, ev.civilian_targeting) == ("Armed clash", "Military Forces", False)


def test_a_military_post_set_up_is_still_a_base_established(extractor: EventExtractor) -> None:
    ev = _one(extractor, "The army set up a new military post near the border on Tuesday.")
    assert ev.sub_event_type == "Headquarters or base established"


def test_a_lead_dated_by_its_report_takes_the_day_told_next_in_the_week(
    extractor: EventExtractor,
) -> None:
    text = (
        "Militants killed 20 soldiers in an attack on an army base, security sources said on Wednesday. "
        "Dozens of gunmen stormed the base at Kelbo on Sunday."
    )
    ev = _one(extractor, text)
    assert (ev.sub_event_type, ev.fatalities, ev.date) == ("Armed clash", 20, dt.date(2024, 3, 10))


def test_an_air_force_that_had_struck_the_retreating_attackers(extractor: EventExtractor) -> None:
    text = (
        "JNIM fighters ambushed an army convoy near Dori on Monday. The army said its air force had struck "
        "the retreating attackers, neutralising about 20 terrorists."
    )
    events = _events(extractor, text)
    strike = [ev for ev in events if ev.sub_event_type == "Air/drone strike"]
    assert len(events) == 2 and len(strike) == 1
    assert (strike[0].actor1, strike[0].actor2, strike[0].fatalities) == ("Military Forces", "JNIM", 20)


def test_an_air_force_striking_alone_is_a_state_force(extractor: EventExtractor) -> None:
    ev = _one(extractor, "The air force struck rebel positions near Dori on Monday.")
    assert (ev.sub_event_type, ev.actor1) == ("Air/drone strike", "Military Forces")


def test_the_entry_and_the_withdrawal_tell_how_a_town_was_taken(extractor: EventExtractor) -> None:
    text = (
        "M23 rebels have seized the town of Kitshanga, residents said on Wednesday. The rebels entered the "
        "town on Monday night after government soldiers withdrew. Fighting continued on Wednesday near "
        "Mweso, residents said."
    )
    taken, fight = _events(extractor, text)
    assert (taken.sub_event_type, taken.actor1, taken.actor2, taken.date) == (
        "Non-state actor overtakes territory",
        "M23",
        "Military Forces",
        dt.date(2024, 3, 11),
    )
    assert (fight.sub_event_type, fight.actor1, fight.actor2) == ("Armed clash", "M23", "Military Forces")


def test_reinforcements_sent_to_the_area_are_a_response_not_an_event(extractor: EventExtractor) -> None:
    text = (
        "Gunmen killed 12 villagers in Kaya on Tuesday. Police said they had sent reinforcements to the area."
    )
    assert _one(extractor, text).sub_event_type == "Attack"


def test_a_claim_joined_to_the_report_names_the_attacker(extractor: EventExtractor) -> None:
    text = (
        "A roadside bomb struck a minibus near Baidoa on Tuesday, killing six passengers, officials said, "
        "and the militant group al Shabaab claimed responsibility."
    )
    assert _one(extractor, text).actor1 == "al-Shabaab"


def test_wounded_people_carried_to_hospital_are_no_attack_of_their_own(extractor: EventExtractor) -> None:
    text = (
        "A car bomb exploded outside a hotel in Mogadishu on Tuesday, killing five people. "
        "Ambulances carried 14 wounded people to hospitals in the city."
    )
    assert _one(extractor, text).sub_event_type == "Remote explosive/landmine/IED"


def test_people_killed_in_a_strike_on_a_market_are_civilians(extractor: EventExtractor) -> None:
    ev = _one(extractor, "A drone struck a crowded market in Mellit on Tuesday, killing 11 people.")
    assert (ev.actor2, ev.civilian_targeting) == ("Civilians", True)


def test_protesters_who_then_set_a_building_on_fire_riot_once(extractor: EventExtractor) -> None:
    text = "Some protesters broke into the governor's office and set part of the building on fire on Tuesday."
    assert _one(extractor, text).sub_event_type == "Violent demonstration"


@pytest.mark.parametrize(
    "text",
    [
        "Protesters stormed the governor's office in Kisumu on Tuesday and set it on fire. Police opened "
        "fire, killing three people.",
        "Protesters tried to storm the governor's office in Kisumu on Tuesday. Some of them set a car on "
        "fire. Police opened fire, killing three people.",
    ],
)
def test_police_fire_that_kills_at_a_riot_is_the_riots_toll(extractor: EventExtractor, text: str) -> None:
    ev = _one(extractor, text)
    assert (ev.sub_event_type, ev.actor2, ev.fatalities) == ("Violent demonstration", "Police Forces", 3)


def test_protests_that_also_took_place_are_of_the_same_day(placed: Pipeline) -> None:
    text = (
        "Police fired tear gas at protesters in Nairobi on Tuesday.\n\nThe finance bill raises taxes on "
        "bread and fuel.\n\nProtests also took place in Mombasa and Kisumu."
    )
    later = placed(Document(id="d", text=text, date=PUB)).events[-1]
    assert (later.sub_event_type, later.date, later.time_precision) == (
        "Peaceful protest",
        dt.date(2024, 3, 12),
        1,
    )


def test_fighters_of_a_group_described_before_its_name(extractor: EventExtractor) -> None:
    text = "Turkish drones killed four fighters of the Kurdish-led Syrian Democratic Forces on Tuesday."
    assert _one(extractor, text).actor2 == "Syrian Democratic Forces"


def test_turkish_backed_factions_are_the_syrian_opposition_army(extractor: EventExtractor) -> None:
    ev = _one(extractor, "Clashes broke out between SDF fighters and Turkish-backed factions on Monday.")
    assert (ev.actor1, ev.actor2) == ("Syrian Democratic Forces", "Free Syrian Army")


def test_an_explosion_a_ship_reported_after_a_missile_attack_is_that_attack(
    extractor: EventExtractor,
) -> None:
    text = (
        "The Houthis said they had fired missiles at an oil tanker in the Red Sea on Tuesday. The UK "
        "Maritime Trade Operations agency said a vessel reported an explosion close to its port side."
    )
    ev = _one(extractor, text)
    assert (ev.sub_event_type, ev.actor1) == ("Shelling/artillery/missile attack", "Houthis")


def test_troops_that_killed_attackers_of_a_checkpost_add_their_dead(extractor: EventExtractor) -> None:
    text = (
        "Militants attacked a security checkpost near Bannu on Friday, killing five soldiers, the military "
        "said, adding that troops killed three of the attackers in the exchange of fire."
    )
    ev = _one(extractor, text)
    assert (ev.sub_event_type, ev.actor2, ev.fatalities) == ("Armed clash", "Military Forces", 8)


@pytest.mark.parametrize(
    "text",
    [
        "FARC dissidents fired explosives from drones at a police station in Jamundi on Sunday.",
        "In a separate attack on Sunday, ELN fighters fired explosives from drones at an army base in Tame.",
    ],
)
def test_explosives_fired_from_drones_are_a_drone_strike(extractor: EventExtractor, text: str) -> None:
    ev = _one(extractor, text)
    assert ev.sub_event_type == "Air/drone strike" and ev.actor1 != "Unidentified Armed Group"


def test_forces_that_carried_out_strikes_on_targets(extractor: EventExtractor) -> None:
    ev = _one(extractor, "U.S. forces carried out strikes on militia targets in Iraq on Friday.")
    assert (ev.sub_event_type, ev.actor1) == ("Air/drone strike", "Military Forces of the United States")
    raid = _one(extractor, "Israeli forces carried out raids in Jenin on Monday, arresting 12 people.")
    assert raid.sub_event_type != "Air/drone strike"


def test_throughout_the_day_is_the_day_the_story_told(extractor: EventExtractor) -> None:
    text = (
        "Hundreds of Taliban fighters fled Kunduz on Thursday, commanders said.\n\nU.S. bombers pounded "
        "Taliban positions near Khanabad throughout the day, witnesses said."
    )
    ev = _one(extractor, text, TALIBAN_ERA)
    assert (ev.sub_event_type, ev.date, ev.time_precision) == ("Air/drone strike", TALIBAN_ERA, 1)


def test_an_alliance_commander_speaks_for_the_northern_alliance(extractor: EventExtractor) -> None:
    text = "Alliance commander Mohammad Daud said his forces had captured the village of Bangi."
    assert _one(extractor, text, TALIBAN_ERA).actor1 == "Northern Alliance"


def test_men_who_opened_fire_are_armed_men(extractor: EventExtractor) -> None:
    ev = _one(extractor, "Men on motorcycles opened fire on a group of people outside a shop, killing five.")
    assert (ev.actor1, ev.actor2, ev.fatalities) == ("Unidentified Armed Group", "Civilians", 5)


def test_a_day_to_mourn_the_dead_is_no_attack(extractor: EventExtractor) -> None:
    text = "Police shot dead two farmers in Punjab on Wednesday. Unions called a black day to mourn the dead."
    assert len(_events(extractor, text)) == 1


def test_a_headline_clash_is_the_body_riot_with_its_toll(extractor: EventExtractor) -> None:
    text = (
        "Clashes between rival parties kill three in Bangladesh\n\nAt least three people were killed on "
        "Saturday when opposition supporters clashed with police and ruling party activists."
    )
    assert [ev.sub_event_type for ev in _events(extractor, text)] == ["Violent demonstration"]


def test_the_side_a_crowd_clashed_with_is_actor_2_not_the_dead(extractor: EventExtractor) -> None:
    text = "At least three people were killed on Saturday when opposition supporters clashed with police."
    ev = _one(extractor, text)
    assert (ev.sub_event_type, ev.actor2, ev.fatalities) == ("Violent demonstration", "Police Forces", 3)


def test_a_detained_commander_keeps_his_group_as_actor_2(extractor: EventExtractor) -> None:
    # the captive cue is for people harmed once held; the detention that takes them is not one
    text = (
        "The Deterrence Force detained the 444 Brigade's commander at a checkpoint on Monday, witnesses said."
    )
    ev = _one(extractor, text)
    assert (ev.sub_event_type, ev.actor2) == ("Arrests", "444 Brigade")


def test_a_takeover_meets_the_side_it_clashed_with_later_in_the_sentence(extractor: EventExtractor) -> None:
    text = (
        "Fano fighters briefly seized Debre Tabor on Monday before withdrawing after clashes with "
        "government troops."
    )
    ev = _one(extractor, text)
    assert (ev.sub_event_type, ev.actor1, ev.actor2) == (
        "Non-state actor overtakes territory",
        "Fano",
        "Military Forces",
    )


def test_suspended_talks_are_no_agreement_and_the_group_is_the_kidnapper(extractor: EventExtractor) -> None:
    text = "Bogota suspended peace talks with the ELN after the group kidnapped a mayor's brother in Arauca."
    ev = _one(extractor, text)
    assert (ev.sub_event_type, ev.actor1, ev.actor2) == ("Abduction/forced disappearance", "ELN", "Civilians")


def test_two_days_earlier_counts_back_from_the_day_told_before(extractor: EventExtractor) -> None:
    text = (
        "Gunmen attacked a police post in Galkayo on Monday, killing four officers.\n\n"
        "Two days earlier, a roadside bomb hit a bus on the road to Hobyo, killing three passengers."
    )
    bomb = _events(extractor, text)[-1]
    assert (bomb.date, bomb.time_precision) == (dt.date(2024, 3, 9), 1)  # Monday the 11th, less two


def test_a_group_telling_on_its_website_what_it_did_tells_its_attack_again(extractor: EventExtractor) -> None:
    text = (
        "Al Shabaab fighters attacked an army base near Baidoa on Tuesday, killing six soldiers. "
        "Al Shabaab said in a statement on its website that it had killed 30 soldiers."
    )
    ev = _one(extractor, text)
    assert (ev.actor1, ev.fatalities) == ("al-Shabaab", 6)  # one attack, the lowest count


def test_people_killed_including_a_monk_are_civilians(extractor: EventExtractor) -> None:
    text = (
        "A military jet dropped bombs on a village in the north on Sunday, killing at least 12 people "
        "including a monk, a rebel group said."
    )
    assert _one(extractor, text).actor2 == "Civilians"


def test_a_captured_battalion_headquarters_was_held_by_soldiers(extractor: EventExtractor) -> None:
    text = "The Arakan Army said on Sunday it had captured a battalion headquarters after weeks of fighting."
    assert _one(extractor, text).actor2 == "Military Forces"
    # a broadcaster's headquarters set on fire is no garrison
    text = "Protesters set fire to the headquarters of the state broadcaster on Sunday."
    assert _one(extractor, text).actor2 != "Military Forces"


def test_a_since_clause_of_months_ago_is_background_but_last_week_is_news(extractor: EventExtractor) -> None:
    text = (
        "The junta has lost control of large parts of the north since rebel groups launched an offensive "
        "last October."
    )
    assert _events(extractor, text) == ()
    text = "Fighting has spread across the region since the militia took control of Gondar last week."
    assert "Non-state actor overtakes territory" in [ev.sub_event_type for ev in _events(extractor, text)]


def test_arrests_told_in_the_sentence_of_a_dispersed_march_are_its_intervention(
    extractor: EventExtractor,
) -> None:
    text = (
        "Police fired tear gas on Sunday to disperse hundreds of opposition supporters who tried to march "
        "on the capital, and arrested dozens."
    )
    assert [ev.sub_event_type for ev in _events(extractor, text)] == ["Protest with intervention"]


def test_the_police_count_of_an_attack_it_confirms_is_the_lowest(extractor: EventExtractor) -> None:
    text = (
        "Gunmen on motorcycles killed 20 villagers in an attack on Kadawa on Saturday, residents said. "
        "A police spokesman confirmed the attack but said 12 people were killed."
    )
    assert _one(extractor, text).fatalities == 12
    # some of the dead are no other count of them
    text = "Gunmen killed 20 villagers in an attack on Kadawa on Saturday. Three women were among the dead."
    assert _one(extractor, text).fatalities == 20


def test_what_has_become_common_is_no_event(extractor: EventExtractor) -> None:
    text = "Kidnappings for ransom have become common across the northwest, where gangs hide in forests."
    assert _events(extractor, text) == ()


def test_al_qaeda_linked_militants_are_al_qaeda_and_their_dead_add_up(extractor: EventExtractor) -> None:
    text = (
        "Al Qaeda-linked militants attacked an army camp in Boni on Sunday, the army said, adding that "
        'eight soldiers were killed and dozens of assailants "neutralised".'
    )
    ev = _one(extractor, text)
    assert (ev.actor1, ev.fatalities) == ("al-Qaeda", 8 + 12)  # "dozens": 12 (ACLED)


def test_a_group_described_in_an_aside_as_an_affiliate_is_itself(extractor: EventExtractor) -> None:
    text = "JNIM, al Qaeda's affiliate in the Sahel, said on Monday that it had killed 30 soldiers near Boni."
    assert _one(extractor, text).actor1 == "JNIM"


def test_an_aircraft_that_struck_is_no_militant_named_in_the_clause_before(extractor: EventExtractor) -> None:
    text = (
        "The military said troops came under fire on Monday, killing two militants, and that an aircraft "
        "struck a group of gunmen who had thrown explosives at soldiers."
    )
    strike = next(ev for ev in _events(extractor, text) if ev.sub_event_type == "Air/drone strike")
    assert strike.inter1 == "State forces"


def test_armed_men_who_kill_and_burn_houses_attack_rather_than_loot(extractor: EventExtractor) -> None:
    text = (
        "Suspected militants shot dead three villagers and set fire to more than 20 houses on Saturday night."
    )
    ev = _one(extractor, text)
    assert (ev.sub_event_type, ev.fatalities) == ("Attack", 3)


def test_a_road_blocked_to_protest_against_killings_is_a_peaceful_protest() -> None:
    # the killings protested are no event of the sentence, and protesters blocking a highway met no one
    rules = EventExtractor(retyper=None)
    text = "Hundreds of women blocked a highway on Monday to protest against the killings."
    assert [ev.sub_event_type for ev in _events(rules, text)] == ["Peaceful protest"]


def test_a_crowd_met_with_tear_gas_that_threw_stones_is_one_riot(extractor: EventExtractor) -> None:
    text = (
        "Police fired tear gas and water cannon at thousands of protesters in central Nairobi on Tuesday. "
        "Protesters threw stones at police and set fire to tyres. At least 200 people were arrested."
    )
    ev = _one(extractor, text)
    assert (ev.sub_event_type, ev.actor1) == ("Violent demonstration", "Rioters")


def test_a_crowd_that_stormed_an_embassy_and_set_it_on_fire_is_one_riot(extractor: EventExtractor) -> None:
    text = "On Sunday hundreds of protesters stormed the Swedish embassy in Baghdad and set it on fire."
    assert [ev.sub_event_type for ev in _events(extractor, text)] == ["Violent demonstration"]


def test_insurgents_raiding_and_clashing_with_troops_fight_a_battle(extractor: EventExtractor) -> None:
    text = (
        "Insurgents raided the town of Macomia on Friday, looting food from shops and clashing with "
        "Mozambican and Rwandan troops for several hours."
    )
    ev = _one(extractor, text)
    assert (ev.sub_event_type, ev.actor2) == ("Armed clash", "Military Forces")


def test_an_air_force_that_said_it_had_destroyed_a_base_struck_it(extractor: EventExtractor) -> None:
    text = "The air force said it had destroyed a militant base near Djibo on Sunday, killing 30 fighters."
    ev = _one(extractor, text)
    assert (ev.sub_event_type, ev.inter1) == ("Air/drone strike", "State forces")


def test_people_killed_by_a_bomb_on_a_minibus_are_civilians(extractor: EventExtractor) -> None:
    text = "A bomb attached to a minibus exploded in western Kabul on Sunday, killing at least four people."
    assert _one(extractor, text).actor2 == "Civilians"


def test_those_who_fled_since_the_attack_tell_no_attack(extractor: EventExtractor) -> None:
    text = (
        "Insurgents raided the town of Macomia on Friday, looting food from shops and clashing with troops "
        "for several hours.\n\nThe insurgents withdrew on Saturday morning, residents said.\n\n"
        "Thousands of people have fled the district since the attack, the United Nations said."
    )
    kinds = [ev.sub_event_type for ev in _events(extractor, text)]
    assert kinds[0] == "Armed clash" and "Attack" not in kinds


def test_the_united_states_africa_command_is_the_us_military(extractor: EventExtractor) -> None:
    text = "The United States Africa Command said it had conducted an air strike near Jilib on Saturday."
    assert _one(extractor, text).actor1 == "Military Forces of the United States"


def test_a_headline_clash_without_a_toll_is_the_body_s_riot(extractor: EventExtractor) -> None:
    text = (
        "Students clash with ruling party activists\n\n"
        "Hundreds of students protesting against job quotas clashed with activists of the ruling party at "
        "Dhaka University on Monday, leaving more than 100 people injured, police said."
    )
    assert len(_events(extractor, text)) == 1


def test_a_town_recaptured_from_a_group_has_it_as_actor_2(extractor: EventExtractor) -> None:
    text = (
        "The army said on Monday it had recaptured the town of Singa, the capital of Sennar state, from the "
        "paramilitary Rapid Support Forces."
    )
    assert _one(extractor, text).actor2 == "Rapid Support Forces"


def test_a_withdrawal_that_let_a_capture_happen_is_part_of_the_capture(extractor: EventExtractor) -> None:
    text = (
        "Rebels captured the town of Kanyabayonga on Saturday after government troops and allied militias "
        "withdrew, residents said."
    )
    assert _one(extractor, text).sub_event_type == "Non-state actor overtakes territory"
    # told apart, the withdrawal the day before is an event of its own
    text = "Government troops withdrew from the town on Friday. Rebels captured it on Saturday."
    assert [e.sub_event_type for e in _events(extractor, text)] == [
        "Non-violent transfer of territory",
        "Non-state actor overtakes territory",
    ]


def test_a_by_phrase_of_another_participle_names_no_side_of_the_event(extractor: EventExtractor) -> None:
    text = (
        "Hundreds of women protested in the city on Monday to demand the release of their relatives "
        "kidnapped by bandits."
    )
    event = _one(extractor, text)
    assert (event.sub_event_type, event.actor1, event.assoc_actor1) == ("Peaceful protest", "Protesters", "")
    # the trigger's own "by": who did it
    event = _one(extractor, "Five villagers were shot dead in the market on Monday by gunmen.")
    assert (event.actor1, event.actor2) == ("Unidentified Armed Group", "Civilians")


def test_one_soldier_or_policeman_is_a_state_force(extractor: EventExtractor) -> None:
    event = _one(extractor, "Guerrillas kidnapped a soldier near the town on Friday, the army said.")
    assert (event.sub_event_type, event.actor2) == ("Abduction/forced disappearance", "Military Forces")
    assert _one(extractor, "Gunmen abducted a policeman near the town on Friday.").actor2 == "Police Forces"


def test_a_road_blocked_to_demand_something_is_a_protest() -> None:
    rules = EventExtractor(retyper=None)
    text = "Students blocked roads in the capital on Monday to demand an end to quotas in government jobs."
    event = _one(rules, text)
    assert (event.sub_event_type, event.actor1) == ("Peaceful protest", "Protesters")
    # armed men who block a road do not protest
    text = "Gunmen blocked the road near the town and abducted 20 travellers on Monday."
    assert [e.sub_event_type for e in _events(rules, text)] == ["Abduction/forced disappearance"]


def test_a_groups_branch_claims_for_the_group(extractor: EventExtractor) -> None:
    text = (
        "A suicide bomber blew himself up near a ministry building in the capital on Thursday, killing six "
        "people. The Islamic State group's local affiliate claimed responsibility."
    )
    assert _one(extractor, text).actor1 == "Islamic State"


def test_a_blockade_without_words_of_violence_stays_a_peaceful_protest(extractor: EventExtractor) -> None:
    """The retyper may not make a riot of a road blocked in protest when no word tells violence."""
    text = (
        "Farmers blocked highways in the region on Wednesday in protest against a new mining law. There "
        "were no reports of violence."
    )
    assert _one(extractor, text).sub_event_type == "Peaceful protest"


def test_the_armys_counter_offensive_after_an_ambush_is_the_same_battle(extractor: EventExtractor) -> None:
    text = (
        "Separatist fighters ambushed a military patrol near the town on Saturday, killing two soldiers, a "
        "military source said. The army said it killed three separatists in a counter-offensive."
    )
    event = _one(extractor, text)
    assert (event.sub_event_type, event.fatalities) == ("Armed clash", 5)


def test_a_side_blamed_at_the_end_of_the_sentence_did_it(extractor: EventExtractor) -> None:
    text = (
        "A sniper killed a child in the besieged city on Monday, a local official said, blaming the Houthis."
    )
    assert _one(extractor, text).actor1 == "Houthis"


def test_the_force_that_met_a_protest_is_its_second_actor(extractor: EventExtractor) -> None:
    text = (
        "Security forces fired live ammunition at opposition supporters protesting election results in the "
        "capital on Friday, killing at least two, rights groups said."
    )
    event = _one(extractor, text)
    assert (event.sub_event_type, event.actor1, event.actor2, event.fatalities) == (
        "Excessive force against protesters",
        "Protesters",
        "Police Forces",
        2,
    )


@pytest.mark.parametrize(
    ("text", "sub_type", "actor1", "actor2"),
    [
        # a named state's forces blamed
        (
            "A drone strike on a market in the town killed 15 civilians on Sunday, activists said, "
            "blaming the Sudanese army.",
            "Air/drone strike",
            "Military Forces of Sudan",
            "Civilians",
        ),
        # "after taking control of the city": the capture
        (
            "RSF fighters paraded through Singa on Saturday after taking control of the city.",
            "Non-state actor overtakes territory",
            "Rapid Support Forces",
            "",
        ),
        # a villager killed as a "police informer" is a civilian, not the police
        (
            "Maoist rebels killed a villager they accused of being a police informer on Sunday, police said.",
            "Attack",
            "CPI (Maoist)",
            "Civilians",
        ),
        # the force deployed, not the protesters named before it
        (
            "Clashes between police and protesters went on as the government imposed a curfew and deployed "
            "the army on Friday.",
            "Change to group/activity",
            "Military Forces",
            "",
        ),
    ],
)
def test_who_was_blamed_took_control_was_killed_or_deployed(
    extractor: EventExtractor, text: str, sub_type: str, actor1: str, actor2: str
) -> None:
    events = [e for e in _events(extractor, text) if e.sub_event_type == sub_type]
    assert [(e.actor1, e.actor2) for e in events] == [(actor1, actor2)]


def test_the_other_side_denying_a_claim_makes_it_disputed(extractor: EventExtractor) -> None:
    text = (
        "Rebels said they shot down a military helicopter near the town on Sunday, killing all four crew "
        "members. The junta denied the claim, saying the helicopter crashed due to bad weather."
    )
    assert _one(extractor, text).certainty == "disputed"


def test_fighting_between_two_clan_militias_has_a_militia_on_each_side(extractor: EventExtractor) -> None:
    text = "Fighting between two clan militias over grazing land near the town killed 11 people on Thursday."
    event = _one(extractor, text)
    assert (event.sub_event_type, event.actor1, event.actor2, event.fatalities) == (
        "Armed clash",
        "Communal Militia",
        "Communal Militia",
        11,
    )


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        ("Two soldiers and a civilian were killed when gunmen ambushed a convoy on Thursday.", 3),
        (
            "Three Indian army soldiers and a police officer were killed when militants attacked a "
            "checkpoint on Thursday.",
            4,
        ),
        ("A soldier and a police officer were killed when gunmen ambushed a convoy on Thursday.", 2),
        # the wounded are no dead, and a group killed apart from a wounded one counts alone
        ("Two soldiers and a civilian were wounded when gunmen ambushed a convoy on Thursday.", 0),
        ("Two soldiers were killed and a civilian was wounded when gunmen ambushed a convoy.", 2),
    ],
)
def test_a_group_and_one_more_killed_count_together(
    extractor: EventExtractor, text: str, fatalities: int
) -> None:
    assert _one(extractor, text).fatalities == fatalities


@pytest.mark.parametrize(
    "second",
    [
        "Security forces killed the attackers after a siege that lasted six hours, police said.",
        "The government said the attackers had been neutralised.",
    ],
)
def test_the_attackers_killed_uncounted_after_an_attack_are_part_of_it(placed: Pipeline, second: str) -> None:
    text = "Gunmen stormed a hotel in the capital on Friday, killing four guards. " + second
    events = placed(Document(id="u", text=text, date=PUB)).events
    # one event of that day: the end of the attackers adds no dead and no undated second clash
    assert [(ev.sub_event_type, ev.fatalities, ev.date) for ev in events] == [
        ("Attack", 4, dt.date(2024, 3, 8))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "A Russian missile strike on the city killed five people on Friday.",
        "A rocket strike on the market killed five people on Friday.",
        "An artillery strike killed four soldiers near the front line on Friday.",
    ],
)
def test_a_strike_named_by_its_missile_or_shell_is_shelling(extractor: EventExtractor, text: str) -> None:
    """A strike that kills is an air strike only when no ground-fired weapon names it."""
    assert _one(extractor, text).sub_event_type == "Shelling/artillery/missile attack"


def test_the_strikes_toll_told_after_a_verb_of_speech_is_the_strikes(extractor: EventExtractor) -> None:
    text = (
        "US and British warplanes struck Houthi targets in Hodeidah and Sanaa on Thursday, the Houthis' "
        "Al-Masirah television said, adding that the strikes killed 16 people."
    )
    event = _one(extractor, text)
    assert (event.sub_event_type, event.actor2, event.fatalities) == ("Air/drone strike", "Houthis", 16)


def test_a_countrys_forces_are_its_military(placed: Pipeline) -> None:
    text = "British forces raided a militant hideout near the port on Thursday."
    [event] = placed(Document(id="b", text=text, date=PUB)).events
    assert event.actor1 == "Military Forces of the United Kingdom"


def test_an_abduction_with_dead_is_an_attack(extractor: EventExtractor) -> None:
    """ACLED codes an abduction alone only when no one was killed."""
    text = "Bandits killed 23 villagers and abducted dozens of others in a raid on a village on Wednesday."
    event = _one(extractor, text)
    assert (event.sub_event_type, event.fatalities) == ("Attack", 23)
    text = "Bandits abducted dozens of villagers in a raid on a village on Wednesday."
    assert _one(extractor, text).sub_event_type == "Abduction/forced disappearance"


def test_a_battle_at_another_town_after_a_capture_is_its_own(placed: Pipeline) -> None:
    """The demonym of the first sentence ("Congolese troops") says whose troops, not where: Sake is not
    Kanyabayonga, so the army's repelled attack there is another battle with its own dead."""
    text = (
        "M23 rebels seized the town of Kanyabayonga after Congolese troops withdrew, residents said on "
        "Thursday.\n\nThe Congolese army said it had repelled an M23 attack near Sake, killing five rebels."
    )
    events = placed(Document(id="k", text=text, date=PUB)).events
    assert [(ev.sub_event_type, ev.fatalities) for ev in events] == [
        ("Non-state actor overtakes territory", 0),
        ("Armed clash", 5),
    ]


def test_an_event_told_later_than_the_days_events_in_that_days_report_is_that_day(
    extractor: EventExtractor,
) -> None:
    text = (
        "Militants fired rockets at army positions on Thursday, a day after an air strike killed one of "
        "their commanders.\n\nWarplanes later struck militant targets in two villages, officials said."
    )
    events = _events(extractor, text)
    assert [(ev.date, ev.time_precision) for ev in events] == [
        (PUB, 1),
        (PUB - dt.timedelta(days=1), 1),
        (PUB, 1),  # after the latest day told, in a report of that day
    ]
    # published five days on, "later" may be any day since: the week, as before
    late = _events(extractor, text, PUB + dt.timedelta(days=5))
    assert [ev.date for ev in late[:2]] == [PUB, PUB - dt.timedelta(days=1)]
    assert late[-1].time_precision == 2


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        # one kind of actor on both sides, the plural named once
        (
            "Fighting broke out overnight between two armed groups in the capital, killing nine people.",
            "Unidentified Armed Group",
            "Unidentified Armed Group",
        ),
        # the positions shelled are the government's forces
        (
            "Hayat Tahrir al-Sham fighters responded by shelling government positions near the town.",
            "Hayat Tahrir al-Sham",
            "Military Forces",
        ),
        # people who fought herders as a side are a communal militia too, not civilians
        (
            "Herders and farmers clashed near the town on Thursday, leaving seven people dead.",
            "Communal Militia",
            "Communal Militia",
        ),
        # the dead of a missile strike on an apartment block are civilians
        (
            "Army missiles struck an apartment block in the city late on Friday, killing three people.",
            "Military Forces",
            "Civilians",
        ),
        (
            "Ethnic Karenni rebels shot down a military helicopter on Sunday.",
            "Karenni Nationalities Defense Force",
            "Military Forces",
        ),
    ],
)
def test_sides_named_by_a_plural_a_position_or_a_fight(
    extractor: EventExtractor, text: str, actor1: str, actor2: str
) -> None:
    event = _one(extractor, text)
    assert (event.actor1, event.actor2) == (actor1, actor2)


@pytest.mark.parametrize(
    ("text", "certainty"),
    [
        ("The Arakan Army said on Friday it had seized the town after weeks of fighting.", "claimed"),
        (
            "Islamic State fighters beheaded five Christians last week, the group said in a statement.",
            "claimed",
        ),
        (
            "The RSF said it had repelled an army attack on its positions, killing dozens of soldiers.",
            "claimed",
        ),
        # a state's word on its own operation is what the reports rest on, no claim
        ("The army said it had killed 40 rebels near the town.", "reported"),
    ],
)
def test_an_armed_groups_own_word_for_its_act_is_a_claim(
    extractor: EventExtractor, text: str, certainty: str
) -> None:
    assert _one(extractor, text).certainty == certainty


def test_a_named_force_that_backed_the_actor_is_its_associate(extractor: EventExtractor) -> None:
    text = (
        "Police officers backed by Kenyan personnel of the Multinational Security Support mission exchanged "
        "fire with gang members near the national palace on Friday."
    )
    event = _one(extractor, text)
    assert (event.actor1, event.assoc_actor1) == (
        "Police Forces",
        "MSS: Multinational Security Support Mission in Haiti",
    )


def test_the_night_of_an_overnight_raid_is_the_one_the_detail_names(extractor: EventExtractor) -> None:
    """ "overnight" counts from the report; the next sentence names the night: one raid, that day."""
    text = (
        "Bandits killed 23 villagers in an overnight raid on a village, police said on Thursday.\n\n"
        "The gunmen stormed the village late on Tuesday and opened fire on residents."
    )
    event = _one(extractor, text)
    assert (event.fatalities, event.date) == (23, dt.date(2024, 3, 12))


def test_an_armed_group_named_as_the_source_claims_its_act(extractor: EventExtractor) -> None:
    text = (
        "People's Defence Force fighters ambushed a military convoy on Wednesday, killing eight soldiers, "
        "the local PDF said."
    )
    assert _one(extractor, text).certainty == "claimed"


def test_arrests_during_a_march_are_a_protest_met_by_force(extractor: EventExtractor) -> None:
    text = (
        "Police arrested 45 opposition supporters in the capital on Monday during a march against corruption."
    )
    event = _one(extractor, text)
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Protest with intervention",
        "Protesters",
        "Police Forces",
    )
    # the month is no march
    assert _events(extractor, "Elections are due in March in the capital.") == ()


@pytest.mark.parametrize(
    "text",
    [
        "Soldiers and rebels exchanged artillery fire near the border on Tuesday.",
        "Soldiers and rebels exchanged heavy artillery fire near the border on Tuesday.",
        "Soldiers and rebels were exchanging sporadic mortar fire near the border on Tuesday.",
    ],
)
def test_an_exchange_of_artillery_fire_is_a_clash(extractor: EventExtractor, text: str) -> None:
    """Both sides fire: a battle (ACLED), not one side's shelling."""
    assert _one(extractor, text).sub_event_type == "Armed clash"


def test_the_side_that_withdrew_before_a_capture_lost_the_town(extractor: EventExtractor) -> None:
    text = (
        "M23 rebels captured the town of Goma in North Kivu province on Saturday after government troops "
        "and allied militias withdrew, residents said."
    )
    event = _one(extractor, text)
    assert (event.actor1, event.inter2) == ("M23", "State forces")


def test_a_count_of_the_word_a_named_group_was_called_by_is_that_group(extractor: EventExtractor) -> None:
    text = (
        "M23 rebels captured a hill town on Saturday.\n\n"
        "The army said it had killed 40 rebels in fighting near the town on Sunday."
    )
    clash = [e for e in _events(extractor, text) if e.sub_event_type == "Armed clash"]
    assert [(e.actor2, e.inter2) for e in clash] == [("M23", "Rebel group")]
    # without a group called "rebels" before, forty rebels are nobody in particular
    alone = _one(extractor, "The army said it had killed 40 rebels in fighting near the town on Sunday.")
    assert alone.actor2 == "Unidentified Armed Group"


def test_a_headlines_participle_tells_who_suffered_it(extractor: EventExtractor) -> None:
    """ "Nine soldiers killed in ambush ...": headline style, the soldiers were killed (no "were"); the
    headline and the body tell one ambush."""
    text = (
        "Nine soldiers killed in ambush near Niger border\n\n"
        "Nine soldiers were killed when militants ambushed a patrol near Menaka on Tuesday, the army said."
    )
    event = _one(extractor, text)
    assert (event.sub_event_type, event.inter2, event.fatalities) == ("Armed clash", "State forces", 9)


@pytest.mark.parametrize("fight", ["a firefight", "a gun battle", "a shootout"])
def test_the_dead_of_both_sides_of_a_firefight_are_its_sides(extractor: EventExtractor, fight: str) -> None:
    event = _one(extractor, f"Four soldiers and three rebels were killed in {fight} near Kidal on Tuesday.")
    assert (event.inter1, event.fatalities) == ("State forces", 7)


def test_soldiers_and_police_killed_in_a_gunfight_with_militants_are_one_side(
    extractor: EventExtractor,
) -> None:
    """The other side is named after "with": the dead are of one side (not two state forces fighting)."""
    event = _one(
        extractor, "Two soldiers and a police officer were killed in a gunfight with militants on Monday."
    )
    assert (event.inter1, event.inter2) != ("State forces", "State forces")
    assert event.fatalities == 3


def test_a_place_phrase_opening_the_sentence_is_no_actor(extractor: EventExtractor) -> None:
    text = "In Lanao del Sur, a grenade thrown at a bus terminal wounded six people on Monday, police said."
    assert _one(extractor, text).actor1 == "Unidentified Armed Group"


def test_the_clashes_which_began_the_night_before_are_the_same_clashes(extractor: EventExtractor) -> None:
    text = (
        "Fighting between two rival armed groups in a western town killed at least seven people on Sunday, "
        "the health ministry said.\n\n"
        "The clashes, which erupted on Saturday night, forced dozens of families to flee, residents said."
    )
    event = _one(extractor, text)
    assert (event.fatalities, event.date) == (7, dt.date(2024, 3, 10))


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        ("Gunmen stormed a village on Monday and abducted 20 people.", "Abduction/forced disappearance"),
        (
            "Gunmen stormed the offices of a state company on Monday and briefly detained its director.",
            "Abduction/forced disappearance",
        ),
        ("Police raided a house on Monday and arrested three suspects.", "Arrests"),
    ],
)
def test_storming_a_place_to_seize_people_is_one_event(
    extractor: EventExtractor, text: str, sub_type: str
) -> None:
    """How they got in, then what they did there: one abduction (or arrest), not an attack besides."""
    assert _one(extractor, text).sub_event_type == sub_type


def test_a_count_of_armed_groups_is_no_count_of_the_dead(extractor: EventExtractor) -> None:
    text = "Fighting between two rival armed groups in a western town killed at least seven people on Sunday."
    assert _one(extractor, text).fatalities == 7
    # people in villages are people
    assert _one(extractor, "Five people in villages near the town were killed on Sunday.").fatalities == 5


def test_the_force_that_fired_on_a_riot_is_its_second_side(extractor: EventExtractor) -> None:
    text = (
        "Two people were killed in a northern city on Tuesday when security forces opened fire on protesters "
        "who had blocked roads and burned tyres, a rights group said."
    )
    event = _one(extractor, text)
    assert (event.event_type, event.inter2, event.fatalities) == ("Riots", "State forces", 2)


def test_arrests_across_the_country_are_not_how_one_march_was_met(extractor: EventExtractor) -> None:
    text = (
        "Thousands of opposition supporters marched peacefully in the capital on Wednesday.\n\n"
        "Police detained more than 700 people across the country, the attorney general said."
    )
    march = [e for e in _events(extractor, text) if e.event_type == "Protests"]
    assert [(e.sub_event_type, e.actor2) for e in march] == [("Peaceful protest", "")]


def test_a_blockade_against_the_violence_is_no_violence_of_its_own(extractor: EventExtractor) -> None:
    text = (
        "Hundreds of residents blocked a highway in the state capital on Monday to protest against the "
        "violence."
    )
    assert _one(extractor, text).sub_event_type == "Peaceful protest"


def test_an_armed_group_that_denies_involvement_denies_the_attack(extractor: EventExtractor) -> None:
    text = (
        "Fighters of the Oromo Liberation Army stopped a bus near a western town on Saturday, killing nine "
        "passengers, local officials said. The OLA denied involvement."
    )
    assert _one(extractor, text).certainty == "denied"


# -- a ninth read: sentences of our own


def test_police_who_disperse_a_counted_crowd_intervene_in_its_protest(extractor: EventExtractor) -> None:
    event = _one(
        extractor,
        "Police dispersed about 300 teachers who tried to march to the education ministry on Tuesday, "
        "detaining eight of them.",
    )
    assert (event.sub_event_type, event.actor1) == ("Protest with intervention", "Protesters")
    # the dispersal tells it, not the detentions that ended it
    assert event.sentence[event.trigger[0] : event.trigger[1]] == "dispersed about 300 teachers"


def test_tear_gas_on_a_crowd_that_did_no_violence_is_no_riot(extractor: EventExtractor) -> None:
    event = _one(
        extractor,
        "Police fired tear gas at hundreds of students who tried to block a bridge in protest against the "
        "violence.",
    )
    assert event.sub_event_type == "Protest with intervention"


def test_the_side_the_dead_fought_is_the_other_actor(extractor: EventExtractor) -> None:
    event = _one(
        extractor, "Three soldiers were killed in a clash with Kurdistan Workers' Party militants on Friday."
    )
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Armed clash",
        "Kurdistan Workers' Party",
        "Military Forces",
    )


def test_a_countrys_forces_that_opened_fire_killed_those_told_before(placed: Pipeline) -> None:
    text = "Two Armenian soldiers were killed on Monday when Azerbaijani forces opened fire on their posts."
    [event] = placed(Document(id="a", text=text, date=PUB)).events
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        "Armed clash",
        "Military Forces of Azerbaijan",
        "Military Forces of Armenia",
    )


def test_the_dead_of_each_side_of_one_fight_add_up(extractor: EventExtractor) -> None:
    text = (
        "Rebels ambushed an army convoy near the river crossing on Thursday, killing four soldiers. The "
        "attackers fled after a long gunfight, an army spokesman said, adding that three rebels were killed."
    )
    [event] = _events(extractor, text)
    assert (event.sub_event_type, event.fatalities) == ("Armed clash", 7)


def test_a_groups_word_that_it_carried_out_the_attack_is_that_attack(extractor: EventExtractor) -> None:
    text = (
        "Rebel fighters shot dead two soldiers guarding a mine on Sunday, the army said. Rebel spokesman "
        "John Doe said the group had carried out the attack and warned that more would follow."
    )
    [event] = _events(extractor, text)
    assert (event.sub_event_type, event.fatalities) == ("Armed clash", 2)


def test_the_shots_that_started_a_shootout_are_that_shootout(extractor: EventExtractor) -> None:
    event = _one(
        extractor,
        "Police shot dead three suspected gang members in a shootout on Friday after the men fired on a "
        "patrol.",
    )
    assert (event.sub_event_type, event.actor1, event.fatalities) == ("Armed clash", "Police Forces", 3)


def test_soldiers_who_repelled_an_attack_on_their_post_did_not_fight_themselves(
    extractor: EventExtractor,
) -> None:
    event = _one(extractor, "Soldiers repelled an attack on a post near the border overnight.")
    assert (event.actor1, event.actor2) == ("Military Forces", "")


def test_fire_on_positions_is_a_battle(extractor: EventExtractor) -> None:
    event = _one(extractor, "Armenian troops fired on its positions near the border on Monday.")
    assert event.sub_event_type == "Armed clash"


def test_an_account_the_other_side_denied_is_disputed(extractor: EventExtractor) -> None:
    event = _one(
        extractor,
        "The border service said rebels fired on its positions on Monday, an account the rebels denied.",
    )
    assert event.certainty == "disputed"


def test_a_headline_of_torched_houses_is_the_bodys_burning(placed: Pipeline) -> None:
    text = (
        "Houses torched as violence flares in Nigeria's Plateau state\n\n"
        "Armed men set fire to at least 20 houses in a village in Bokkos on Sunday, police said."
    )
    events = placed(Document(id="h", text=text, date=PUB)).events
    assert [e.sub_event_type for e in events] == ["Looting/property destruction"]


def test_one_of_the_strikes_is_no_detail_of_a_battle(placed: Pipeline) -> None:
    text = (
        "Jets struck rebel camps in the hills on Wednesday. Two soldiers were killed in a clash with "
        "rebels on Thursday. A local official in Mangu said one of the strikes hit a farm, wounding a "
        "shepherd."
    )
    events = placed(Document(id="s", text=text, date=PUB)).events
    clash = next(e for e in events if e.sub_event_type == "Armed clash")
    assert "Mangu" not in clash.sentence


def test_a_count_of_dead_in_a_new_fight_on_another_day_is_no_toll_of_the_strike(
    extractor: EventExtractor,
) -> None:
    text = (
        "Jets struck rebel camps in the hills on Wednesday. Two soldiers were killed in a clash with rebels "
        "on Thursday."
    )
    events = _events(extractor, text)
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Air/drone strike", 0), ("Armed clash", 2)]


def test_an_unknown_region_of_a_named_country_places_its_event_there(placed: Pipeline) -> None:
    text = (
        "ANKARA, March 14 - Turkish drones struck PKK targets in the Gara region of northern Iraq on "
        "Wednesday, killing 11 militants, the Turkish defence ministry said."
    )
    [link] = placed(Document(id="g", text=text, date=PUB)).linked
    assert link.place is not None and link.place.place is not None
    assert (link.place.place.country_code, link.geo_precision) == ("IQ", 3)
    assert "'Gara'" in link.link_reason and "it lies in 'Iraq'" in link.link_reason


def test_a_group_named_with_its_abbreviation_in_brackets_is_that_group(extractor: EventExtractor) -> None:
    event = _one(
        extractor,
        "Islamic State West Africa Province (ISWAP) fighters attacked an army base on Wednesday, killing "
        "four soldiers.",
    )
    assert (event.actor1, event.inter1) == ("Islamic State West Africa Province", "Rebel group")


def test_a_claim_by_a_group_named_with_its_abbreviation_names_the_attacker(extractor: EventExtractor) -> None:
    text = (
        "Gunmen stopped a bus on a highway on Monday and shot dead 12 passengers. The outlawed Baloch "
        "Liberation Army (BLA) claimed responsibility, saying it had targeted soldiers."
    )
    [event] = _events(extractor, text)
    assert (event.sub_event_type, event.actor1, event.fatalities) == (
        "Attack",
        "Balochistan Liberation Army",
        12,
    )


def test_the_retypers_type_is_told_by_its_own_word(extractor: EventExtractor) -> None:
    event = _one(
        extractor,
        "In Wau, police arrested two reporters on Friday over a story on the raid, their paper said.",
    )
    assert event.sub_event_type == "Arrests"
    assert event.sentence[
        event.trigger[0] - event.sentence_span[0] : event.trigger[1] - event.sentence_span[0]
    ] == ("arrested")


def test_the_attackers_loot_told_after_a_sentence_of_something_else_is_part_of_their_attack(
    extractor: EventExtractor,
) -> None:
    text = (
        "Insurgents attacked an army camp near the lake on Tuesday night, killing 12 soldiers. The regional "
        "governor visited the area on Wednesday and vowed to hunt down those responsible. The insurgents "
        "seized weapons and burned two trucks before withdrawing into the forest."
    )
    events = _events(extractor, text)
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Armed clash", 12)]


def test_bodies_found_dumped_are_an_attack_and_the_fighting_they_are_not_linked_to_is_none(
    extractor: EventExtractor,
) -> None:
    event = _one(
        extractor,
        "Police said four bodies were found dumped in a ditch outside the town on Wednesday, without "
        "linking them to the fighting.",
    )
    assert (event.sub_event_type, event.fatalities) == ("Attack", 4)


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # one victim and a relative clause before the verb
        ("Gunmen abducted 30 villagers on Wednesday. One farmer who tried to stop them was shot dead.", 1),
        # the second count with "about" after "and": both counts are the dead
        ("Five policemen and about 15 gunmen were killed in the fighting on Wednesday, officials said.", 20),
    ],
)
def test_counts_told_before_the_verb(extractor: EventExtractor, text: str, dead: int) -> None:
    assert [e.fatalities for e in _events(extractor, text)] == [dead]


def test_a_groups_claim_after_a_suicide_bombing_that_opened_an_assault_is_that_assault(
    extractor: EventExtractor,
) -> None:
    text = (
        "On Monday, militants stormed an army base after a suicide car bomb blew up at its gate. Four "
        "soldiers and about 10 militants were killed, an officer said. Al Shabaab said it had killed 25 "
        "soldiers."
    )
    [event] = _events(extractor, text)
    assert (event.sub_event_type, event.actor1, event.fatalities) == ("Suicide bomb", "al-Shabaab", 14)


def test_a_countrys_forces_named_before_the_militia_with_them_are_actor_1(placed: Pipeline) -> None:
    text = (
        "MOGADISHU, March 14 - Somali soldiers and local clan militias recaptured a village in Hiiraan "
        "region on Wednesday."
    )
    [event] = placed(Document(id="s", text=text, date=PUB)).events
    assert (event.sub_event_type, event.actor1, event.assoc_actor1) == (
        "Government regains territory",
        "Military Forces of Somalia",
        "Communal Militia",
    )


def test_forces_that_have_taken_the_village_of_a_name_took_territory(placed: Pipeline) -> None:
    text = (
        "KYIV, March 14 - Russia's defence ministry said on Wednesday its troops had taken the village of "
        "Krynky."
    )
    [event] = placed(Document(id="r", text=text, date=PUB)).events
    assert (event.event_type, event.actor1) == ("Battles", "Military Forces of Russia")
    assert event.sub_event_type != "Armed clash"


def test_an_explosives_laden_vehicle_is_a_bomb(extractor: EventExtractor) -> None:
    event = _one(
        extractor,
        "Attackers rammed an explosives-laden truck into the gate of a police station on Monday, wounding "
        "11 officers.",
    )
    # (rammed into the gate, the retyper reads a suicide bomb: both are ACLED's explosions)
    assert event.event_type == "Explosions/Remote violence"


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen tried to storm an army compound on Monday, killing six soldiers.",
        "Gunmen rammed a truck into the wall of an army compound on Monday, killing six soldiers.",
    ],
)
def test_the_force_whose_compound_was_attacked_is_not_the_attacker(
    extractor: EventExtractor, text: str
) -> None:
    event = _one(extractor, text)
    assert event.inter1 != "State forces"
    assert (event.inter2, event.fatalities) == ("State forces", 6)


def test_aircraft_that_later_struck_are_an_air_strike(extractor: EventExtractor) -> None:
    event = _one(
        extractor,
        "Jordanian aircraft later struck hideouts used by the smugglers near the border, the army said.",
    )
    assert (event.sub_event_type, event.inter1) == ("Air/drone strike", "State forces")


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # "left a crater": no one's death
        (
            "Rebels blew up a truck on Monday, killing six guards. The blast left a crater on the road.",
            6,
        ),
        # a possessive before one named victim, and more after "and"
        ("A gunman killed Somalia's deputy minister and three other people at a hotel on Monday.", 4),
        ("Rebels ambushed a convoy on Monday, killing seven commandos and their driver.", 8),
    ],
)
def test_who_the_dead_are(extractor: EventExtractor, text: str, dead: int) -> None:
    assert [e.fatalities for e in _events(extractor, text)] == [dead]


def test_another_sources_toll_of_the_same_dead_is_the_lowest(extractor: EventExtractor) -> None:
    text = (
        "Mortar shells hit a bus station in the city on Tuesday, killing at least 30 people, medics said. "
        "The interior ministry put the toll at 19."
    )
    [event] = _events(extractor, text)
    assert (event.sub_event_type, event.fatalities) == ("Shelling/artillery/missile attack", 19)


def test_whoever_fired_the_shells_is_actor_1(extractor: EventExtractor) -> None:
    event = _one(extractor, "Rockets fired by Hezbollah hit a farm on Tuesday, wounding two workers.")
    assert (event.sub_event_type, event.actor1) == ("Shelling/artillery/missile attack", "Hezbollah")


def test_an_attack_fought_off_is_a_battle_and_what_burned_during_it_is_part_of_it(
    extractor: EventExtractor,
) -> None:
    text = (
        "Gang members attacked the town of Kenscoff on Monday, and residents joined police to fight them "
        "off, leaving 11 gang members dead. Several cars were set on fire during the assault."
    )
    events = _events(extractor, text)
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Armed clash", 11)]


def test_taliban_forces_firing_on_protesters_after_2021_are_the_state_that_met_them(
    extractor: EventExtractor,
) -> None:
    text = (
        "Taliban forces fired on farmers protesting the seizure of their land on Monday, killing three. "
        "A Taliban spokesman denied anyone had been killed."
    )
    [event] = _events(extractor, text, dt.date(2023, 5, 10))
    assert (event.sub_event_type, event.actor1, event.inter2, event.certainty) == (
        "Excessive force against protesters",
        "Protesters",
        "State forces",
        "denied",
    )


def test_a_toll_with_a_long_name_for_the_dead_is_the_attacks(extractor: EventExtractor) -> None:
    text = (
        "Insurgents attacked the army base in the town on Sunday. At least 14 soldiers and militiamen "
        "fighting alongside the army were killed, one source said."
    )
    assert [(e.sub_event_type, e.fatalities) for e in _events(extractor, text)] == [("Armed clash", 14)]


def test_the_reply_told_at_a_town_of_the_province_is_the_same_battle(placed: Pipeline) -> None:
    # the town has no district in the gazetteer, the Philippine province is a district (ADM2): the town
    # lies in it, so the troops' reply is the battle told first, with both sides' dead
    text = (
        "Two soldiers were killed when guerrillas opened fire on troops in a village in Northern Samar "
        "province on Tuesday. Troops returned fire and killed five rebels in the hour-long gunbattle near "
        "the town of Las Navas, the army said."
    )
    doc = placed(Document(id="ph", text=text, date=PUB))
    assert [(ev.sub_event_type, ev.fatalities) for ev in doc.events] == [("Armed clash", 7)]


def test_an_island_named_as_where_a_province_lies_is_no_second_place(placed: Pipeline) -> None:
    text = "Rebels burned two trucks in Bukidnon province on the southern island of Mindanao on Wednesday."
    doc = placed(Document(id="ph2", text=text, date=PUB))
    assert [link.place.mention.text for link in doc.linked if link.place] == ["Bukidnon"]


@pytest.mark.parametrize(
    "text",
    [
        "Government troops backed by foreign instructors pursued the attackers and killed five of them in a "
        "clash east of the town.",
        "Police chased the gunmen and killed two of them in a shootout near the market.",
    ],
)
def test_the_object_of_a_first_verb_is_not_the_subject_of_the_second(
    extractor: EventExtractor, text: str
) -> None:
    (event,) = _events(extractor, text)
    assert (event.sub_event_type, event.inter1, event.actor2) == (
        "Armed clash",
        "State forces",
        "Unidentified Armed Group",
    )


def test_a_groups_own_higher_count_is_its_account_of_the_attack(extractor: EventExtractor) -> None:
    # "more than 20" is a count, not a word of more events: the group's own account folds into the attack
    text = (
        "Al Shabaab fighters stormed a hotel in the capital on Friday, killing at least nine people, police "
        "said. The group said in a statement that its fighters had killed more than 20 people."
    )
    assert [(ev.sub_event_type, ev.fatalities) for ev in _events(extractor, text)] == [("Attack", 9)]


def test_more_abducted_in_the_same_raid_is_part_of_it(extractor: EventExtractor) -> None:
    text = (
        "Armed youths raided cattle camps near the town on Monday, killing 23 people. A local official said "
        "14 women and children had also been abducted."
    )
    assert [(ev.sub_event_type, ev.fatalities) for ev in _events(extractor, text)] == [("Attack", 23)]


def test_the_militants_loot_told_by_a_source_is_part_of_their_attack(extractor: EventExtractor) -> None:
    text = (
        "Militants attacked an army base on an island late on Sunday, killing about 40 soldiers. The "
        "president ordered an operation to pursue them. Security sources said the militants had seized "
        "weapons and set vehicles on fire before withdrawing."
    )
    assert [(ev.sub_event_type, ev.fatalities) for ev in _events(extractor, text)] == [("Armed clash", 40)]


def test_arms_recovered_after_a_gunfight_are_part_of_it(extractor: EventExtractor) -> None:
    text = (
        "Security forces killed 10 rebels in a gunfight in a forest on Thursday, police said. The operation "
        "followed a tip that commanders had gathered in the area, the police chief said. Automatic rifles "
        "and explosives were recovered."
    )
    assert [(ev.sub_event_type, ev.fatalities) for ev in _events(extractor, text)] == [("Armed clash", 10)]
    # a cache seized on its own is Disrupted weapons use
    alone = _events(extractor, "Police said on Thursday that rifles were recovered from a house.")
    assert [ev.sub_event_type for ev in alone] == ["Disrupted weapons use"]


def test_a_groups_name_with_what_it_is_is_one_actor(extractor: EventExtractor) -> None:
    text = "Fighters of the SPLM-N rebel group and the army clashed near the town on Thursday."
    (event,) = _events(extractor, text)
    assert {event.actor1, event.actor2} == {"SPLM-N", "Military Forces"}


def test_a_town_located_by_a_city_is_one_place_and_the_police_reply_is_theirs(placed: Pipeline) -> None:
    # "in the hills above X" only says where the town lies; "pushed the gunmen back" is a fight, led by
    # the police the foreign officers backed, on the day told before ("lasted several hours" is a duration)
    text = (
        "Gangs attacked the town of Kenscoff, in the hills above Port-au-Prince, on Saturday, killing at "
        "least 12 residents.\n\nHaitian police, backed by Kenyan officers of the security mission, pushed "
        "the gunmen back after a fight that lasted several hours, a spokesman said. He said four gang "
        "members were killed."
    )
    doc = placed(Document(id="ht", text=text, date=PUB))
    rows = [
        (link.event.sub_event_type, link.place.mention.text if link.place else "", link.fatalities)
        for link in doc.linked
    ]
    assert rows == [("Attack", "Kenscoff", 12), ("Armed clash", "Kenscoff", 4)]
    clash = doc.linked[1].event
    assert (clash.actor1, clash.assoc_actor1) == ("Police Forces of Haiti", "Police Forces of Kenya")
    assert (clash.date, clash.time_precision) == (dt.date(2024, 3, 9), 1)


def test_a_speakers_news_has_its_own_subject(placed: Pipeline) -> None:
    # the group's spokesman told it; the shells named after "said" were the neighbour's
    text = "A Taliban spokesman in Kabul said Pakistani shells had killed two civilians in a border village."
    (event,) = placed(Document(id="pk", text=text, date=PUB)).events
    assert (event.actor1, event.fatalities) == ("Military Forces of Pakistan", 2)


def test_a_district_named_as_a_part_of_its_province_is_the_place(placed: Pipeline) -> None:
    text = "In the Kurram district of Khyber Pakhtunkhwa, tribal clashes killed at least 18 people."
    doc = placed(Document(id="kr", text=text, date=PUB))
    assert [link.place.mention.text for link in doc.linked if link.place] == ["Kurram"]


def test_there_points_back_to_the_town_people_went_to(placed: Pipeline) -> None:
    text = (
        "Gangs attacked Kenscoff on Saturday, killing 12 residents. Hundreds of residents fled towards "
        "Petion-Ville. On Sunday, dozens of them protested outside the police station there."
    )
    doc = placed(Document(id="pv", text=text, date=PUB))
    protest = next(link for link in doc.linked if link.event.sub_event_type == "Peaceful protest")
    assert protest.place is not None and protest.place.mention.text == "Petion-Ville"


def test_the_detail_that_places_a_strike_gives_its_day_over_the_day_it_was_told(placed: Pipeline) -> None:
    text = (
        "A military air strike on a monastery in the Sagaing region killed at least 17 people, residents "
        "said on Wednesday. The strike hit the monastery in Kin Oo village on Tuesday afternoon."
    )
    doc = placed(Document(id="mm", text=text, date=PUB))
    assert [(ev.sub_event_type, ev.fatalities, ev.date) for ev in doc.events] == [
        ("Air/drone strike", 17, dt.date(2024, 3, 12))
    ]


def test_a_drone_that_had_also_hit_is_a_drone_strike(extractor: EventExtractor) -> None:
    text = "Officials said a drone had also hit a car near the town on Sunday, killing a civilian."
    events = _events(extractor, text)
    assert [(ev.sub_event_type, ev.fatalities) for ev in events] == [("Air/drone strike", 1)]


def test_the_dead_of_a_demonstration_told_in_its_sentence_are_its_toll(placed: Pipeline) -> None:
    text = (
        "Police fired tear gas and live rounds at protesters in Nairobi on Tuesday as thousands marched on "
        "parliament, and at least five people were shot dead, rights groups said."
    )
    doc = placed(Document(id="ke", text=text, date=PUB))
    assert [(ev.event_type, ev.fatalities) for ev in doc.events] == [("Protests", 5)]


def test_arrests_in_one_town_of_a_protest_in_several_do_not_change_the_others(placed: Pipeline) -> None:
    text = (
        "Demonstrations took place in Mombasa, Kisumu and Nakuru on Tuesday, where crowds blocked roads. "
        "Police in Kisumu arrested 20 people, a police commander said."
    )
    doc = placed(Document(id="ke2", text=text, date=PUB))
    kinds = {(link.event.sub_event_type, link.place.mention.text) for link in doc.linked if link.place}
    assert ("Peaceful protest", "Mombasa") in kinds and ("Peaceful protest", "Nakuru") in kinds


def test_a_ship_attacked_at_sea_off_a_port_is_near_the_port(placed: Pipeline) -> None:
    text = "The Houthis said they had fired missiles at a cargo ship in the Red Sea off the port of Hodeidah."
    doc = placed(Document(id="ye", text=text, date=PUB))
    assert [(link.place.mention.text, link.geo_precision) for link in doc.linked if link.place] == [
        ("Hodeidah", 2)
    ]


def test_a_sides_denial_with_its_own_version_disputes_the_event(extractor: EventExtractor) -> None:
    text = (
        "Two farmers were killed when Taliban forces opened fire on villagers protesting against the "
        "destruction of their fields on Tuesday, residents said. A Taliban spokesman denied that anyone had "
        "been killed and said the farmers had attacked the eradication team with stones."
    )
    events = _events(extractor, text)
    assert [(ev.event_type, ev.fatalities, ev.certainty) for ev in events] == [("Protests", 2, "denied")]


@pytest.mark.parametrize(
    "text",
    [
        "Article 3 of the new security law bans killing civilians during police operations.",
        "Section 12 forbids the torture of detainees.",
        "The Geneva Conventions prohibit attacking hospitals.",
        "The rule forbids shooting at ambulances.",
    ],
)
def test_what_a_law_forbids_is_no_event(extractor: EventExtractor, text: str) -> None:
    assert _events(extractor, text) == ()


def test_a_banned_group_still_attacks(extractor: EventExtractor) -> None:
    text = "Members of the banned group attacked a police post on Sunday, killing two officers."
    event = _one(extractor, text)
    assert (event.sub_event_type, event.fatalities) == ("Armed clash", 2)


@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        (
            "Gang members attacked the suburb on Sunday, and residents joined police to repel them, "
            "an official said.",
            "Police Forces",
        ),
        (
            "Gang members attacked the town on Monday, and residents joined soldiers to fight them off.",
            "Military Forces",
        ),
    ],
)
def test_the_force_that_repelled_an_attack_is_its_other_side(
    extractor: EventExtractor, text: str, actor2: str
) -> None:
    event = _one(extractor, text)
    assert (event.sub_event_type, event.actor2) == ("Armed clash", actor2)


@pytest.mark.parametrize(
    ("text", "sub_type", "actor2"),
    [
        ("Soldiers die in Sahel ambush", "Armed clash", "Military Forces"),
        ("Eleven soldiers died in an ambush in the north on Monday.", "Armed clash", "Military Forces"),
        ("Two policemen died in an attack on a checkpoint on Monday.", "Armed clash", "Police Forces"),
        ("Thirteen people died in a bomb attack on a market.", "Remote explosive/landmine/IED", "Civilians"),
    ],
)
def test_who_died_in_an_attack_suffered_it(
    extractor: EventExtractor, text: str, sub_type: str, actor2: str
) -> None:
    event = _one(extractor, text)
    assert (event.sub_event_type, event.actor1, event.actor2) == (
        sub_type,
        "Unidentified Armed Group",
        actor2,
    )


def test_a_bombing_after_a_determiner_is_another_event_not_a_participle(extractor: EventExtractor) -> None:
    text = (
        "Two were killed in a car bomb attack in the city of Kandahar while another four civilians lost "
        "their lives in a near simultaneous bombing in Spin Boldak."
    )
    assert [e.fatalities for e in _events(extractor, text)] == [2, 4]


def test_a_crowd_of_attackers_is_no_count_of_their_dead(extractor: EventExtractor) -> None:
    """ "Hundreds of jihadists attacked" counts the attackers, not their dead: the soldiers' dead and the
    jihadists' dead told next are the two sides' and add up (the lowest of two reports of one side's
    dead was taken)."""
    text = (
        "Hundreds of jihadists attacked an army base in the town on Sunday, killing 20 soldiers. Troops said "
        "15 jihadists were killed in the clashes."
    )
    assert [(e.sub_event_type, e.fatalities) for e in _events(extractor, text)] == [("Armed clash", 35)]


@pytest.mark.parametrize(
    "account",
    [
        "The police said they had killed dozens of attackers and that the station had held.",
        "The army said it had neutralised dozens of assailants.",
    ],
)
def test_the_attacked_sides_account_of_the_attackers_dead_is_the_same_attack(
    extractor: EventExtractor, account: str
) -> None:
    text = (
        "Hundreds of gunmen attacked a police station in the town on Monday. At least nine officers were "
        f"killed, a source said. {account}"
    )
    [event] = _events(extractor, text)
    assert (event.sub_event_type, event.actor1, event.fatalities) == (
        "Armed clash",
        "Unidentified Armed Group",
        21,
    )


@pytest.mark.parametrize(
    "between",
    ["", "A witness said the kidnappers came on motorcycles. "],
)
def test_an_abduction_with_a_man_killed_resisting_is_one_attack(
    extractor: EventExtractor, between: str
) -> None:
    """ACLED codes an abduction alone only when no one was killed: with the man shot for resisting it, it
    is one attack with his death (one event, not an abduction and an attack)."""
    text = (
        "Armed men kidnapped 15 farmers from their fields in the district on Tuesday, residents said. "
        f"{between}A farmer who tried to stop them was shot dead."
    )
    [event] = _events(extractor, text)
    assert (event.sub_event_type, event.fatalities) == ("Attack", 1)


@pytest.mark.parametrize(
    "title",
    ["Burkina Faso attack", "Attack in the Sahel", "Soldiers die in Sahel ambush"],
)
def test_a_violent_headline_tells_the_bodys_lead(placed: Pipeline, title: str) -> None:
    """A headline over a body whose lead sentence names no place, or over a region of no one country, is
    the lead event told short, not an attack of its own (as "Burkina Faso attack" was, by the country's
    military on civilians)."""
    text = (
        f"{title}\n\nGunmen killed eight soldiers at a checkpoint in Burkina Faso on Tuesday, the army said. "
        "Police later arrested two suspects."
    )
    doc = placed(Document(id="t", text=text, title=title, date=PUB))
    assert [(e.sub_event_type, e.actor2, e.fatalities) for e in doc.events] == [
        ("Armed clash", "Military Forces", 8),
        ("Arrests", "", 0),
    ]


def test_a_country_headline_over_an_unplaced_lead_is_that_lead(placed: Pipeline) -> None:
    title = "Burkina Faso attack"
    text = f"{title}\n\nSoldiers were killed in an attack on Tuesday, the army said."
    doc = placed(Document(id="t", text=text, title=title, date=PUB))
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in doc.events] == [
        ("Armed clash", "Unidentified Armed Group", "Military Forces")
    ]


def test_the_dead_of_the_event_an_attack_came_after_are_not_its_own(extractor: EventExtractor) -> None:
    text = (
        "Soldiers were killed in an attack on the base on Tuesday, the army said. The attack came a week "
        "after jihadists killed 20 civilians in a nearby village."
    )
    assert [(e.sub_event_type, e.fatalities) for e in _events(extractor, text)] == [("Armed clash", 0)]


def test_arrests_over_an_abduction_are_arrests_not_an_abduction_by_the_police(
    extractor: EventExtractor,
) -> None:
    event = _one(extractor, "Police arrested 12 suspects over the kidnapping of a schoolteacher in the town.")
    assert (event.sub_event_type, event.actor1) == ("Arrests", "Police Forces")


def test_a_headline_riot_over_the_bodys_protest_at_that_town_is_one_demonstration(placed: Pipeline) -> None:
    """A headline's clash of protesters and the body's tear gas at the same town tell one demonstration,
    though the first reads as a riot and the second as a protest met by the police."""
    title = "Protesters clash with police in Gusau"
    text = f"{title}\n\nPolice fired tear gas at hundreds of protesters in Gusau on Tuesday."
    doc = placed(Document(id="t", text=text, title=title, date=PUB))
    assert [(e.sub_event_type, e.actor1) for e in doc.events] == [("Protest with intervention", "Protesters")]


def test_youths_who_block_a_road_demanding_security_are_protesters_with_no_group(
    extractor: EventExtractor,
) -> None:
    event = _one(
        extractor, "Hundreds of youths blocked the highway in Gusau on Wednesday, demanding more security."
    )
    assert (event.sub_event_type, event.actor1, event.assoc_actor1) == ("Peaceful protest", "Protesters", "")


def test_killing_and_kidnapping_in_one_chain_of_participles_is_one_attack(extractor: EventExtractor) -> None:
    """ "killing at least 16 people and kidnapping dozens": the participles tell one raid; with its dead
    the abduction is an Attack (ACLED), not a second event."""
    events = _events(
        extractor,
        "Bandits stormed the village on Monday, killing at least 16 people and kidnapping dozens, residents "
        "said.",
    )
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Attack", 16)]


def test_terrorist_groups_a_state_names_are_an_unidentified_armed_group(extractor: EventExtractor) -> None:
    event = _one(extractor, 'The army said it had repelled an attack by "terrorist groups" on its positions.')
    assert {event.actor1, event.actor2} == {"Unidentified Armed Group", "Military Forces"}


def test_a_round_up_of_demonstrations_keeps_the_leads_day_past_a_paragraph_of_detail(
    placed: Pipeline,
) -> None:
    """The lead's Tuesday carries to a march two paragraphs on when the paragraph between tells no day."""
    text = (
        "Kenya protests\n\nPolice fired tear gas at thousands of protesters in Nairobi on Tuesday.\n\n"
        "In the city centre, protesters lit bonfires and looted shops, police said.\n\n"
        "In the western city of Kisumu, thousands marched peacefully, chanting slogans."
    )
    doc = placed(Document(id="t", text=text, title="Kenya protests", date=dt.date(2024, 7, 3)))
    march = [e for e in doc.events if e.sub_event_type == "Peaceful protest"]
    assert [(e.date, e.time_precision) for e in march] == [(dt.date(2024, 7, 2), 1)]


def test_people_shot_dead_after_a_riot_in_one_town_are_the_riots_dead(placed: Pipeline) -> None:
    """A toll of "people", no killer named, a sentence of detail after the riot at one town: the riot's
    dead (ACLED), not an attack by an unidentified group."""
    text = (
        "Kenya protests\n\nPolice fired tear gas at thousands of protesters in Nairobi on Tuesday.\n\n"
        "In the city centre, protesters lit bonfires and looted shops, police said. At least two people "
        "were shot dead in the capital, a rights group said."
    )
    doc = placed(Document(id="t", text=text, title="Kenya protests", date=dt.date(2024, 7, 3)))
    assert [(e.sub_event_type, e.fatalities) for e in doc.events] == [("Violent demonstration", 2)]


@pytest.mark.parametrize(
    "text",
    ["The president has since withdrawn the finance bill.", "The government withdrew the tax increases."],
)
def test_withdrawing_a_bill_is_no_transfer_of_territory(extractor: EventExtractor, text: str) -> None:
    assert _events(extractor, text) == ()


def test_one_countrys_toll_of_the_day_told_before_its_strikes_is_no_event(placed: Pipeline) -> None:
    """A toll "across Ukraine" told before the deadly strikes that add up to it is their sum, not an
    attack of its own; a guided bomb told without who dropped it, after Russia's shelling in the paragraph
    before, is Russia's."""
    text = (
        "Strikes kill five\n\nRussian attacks killed at least five civilians across Ukraine over the past "
        "day, officials said on Tuesday.\n\nIn the southern city of Kherson, Russian shelling killed two men "
        "on Monday evening, the governor said.\n\nA guided aerial bomb struck a residential building in "
        "Kharkiv overnight, killing three people, the regional governor said."
    )
    doc = placed(Document(id="t", text=text, title="Strikes kill five", date=dt.date(2024, 10, 8)))
    assert [(e.sub_event_type, e.actor1, e.fatalities) for e in doc.events] == [
        ("Shelling/artillery/missile attack", "Military Forces of Russia", 2),
        ("Air/drone strike", "Military Forces of Russia", 3),
    ]


def test_a_claimed_capture_the_other_side_denies_is_disputed(extractor: EventExtractor) -> None:
    events = _events(
        extractor,
        "The RSF claimed on Tuesday to have captured the town. The army denied the claim, saying its troops "
        "still held the town.",
    )
    assert [(e.sub_event_type, e.certainty) for e in events] == [
        ("Non-state actor overtakes territory", "disputed")
    ]


def test_a_helicopter_shot_down_by_rebels_is_the_militarys(extractor: EventExtractor) -> None:
    event = _one(extractor, "Rebels said they shot down a helicopter near the town on Monday.")
    assert (event.sub_event_type, event.actor2) == ("Armed clash", "Military Forces")


@pytest.mark.parametrize(
    "text",
    [
        "The separatist rebels had held the town since 2012, when they drove out government troops and let "
        "jihadists seize much of the north.",
        "Rights groups have accused the army of executing dozens of civilians in the region since 2022.",
        "A year after the army retook the desert town from the rebels, life has returned to the market.",
    ],
)
def test_history_since_a_year_or_a_year_after_is_no_event_of_the_report(
    extractor: EventExtractor, text: str
) -> None:
    """What happened "since 2012" or "a year after" the army retook a town is history, told to set the
    scene (dated before the report's weeks, so no event is coded from it)."""
    assert _events(extractor, text, dt.date(2024, 12, 3)) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen seized 20 students from a school on Tuesday.", [("Abduction/forced disappearance", 0)]),
        # the kidnappers' release of students taken last month is no new abduction
        ("Kidnappers on Tuesday released 20 students abducted last month from a school.", []),
    ],
)
def test_students_seized_are_abducted_and_kidnappers_who_release_them_abduct_no_one(
    extractor: EventExtractor, text: str, expected: list[tuple[str, int]]
) -> None:
    assert [(e.sub_event_type, e.fatalities) for e in _events(extractor, text)] == expected


@pytest.mark.parametrize(
    ("text", "inter1"),
    [
        (
            "Nine people have been confirmed dead by the police after gunmen attacked a village in Benue.",
            "Political militia",
        ),
        ("Two men were pronounced dead by doctors after soldiers opened fire.", "State forces"),
    ],
)
def test_who_tells_the_dead_did_not_kill_them(extractor: EventExtractor, text: str, inter1: str) -> None:
    # "confirmed dead by the police": the police tell the toll; who killed them is told after "after"
    event = _one(extractor, text)
    assert (event.sub_event_type, event.inter1, event.inter2) == ("Attack", inter1, "Civilians")


def test_who_killed_those_reported_killed_by_them_is_told(extractor: EventExtractor) -> None:
    # "killed" takes its agent: only "dead" is told by whoever comes after "by"
    event = _one(extractor, "Three villagers were reported killed by soldiers near the market.")
    assert (event.inter1, event.inter2) == ("State forces", "Civilians")


def test_every_packaged_trigger_row_reads_back_whole() -> None:
    """Each line of ``event_triggers.csv`` is one rule of the lexicon, its whole pattern the rule's regex
    (a pattern with an unquoted comma would have split into the next columns)."""
    text = resources.files("geo.data").joinpath("event_triggers.csv").read_text("utf-8")
    lines = [line for line in text.splitlines()[1:] if line.strip()]
    triggers = load_lexicon().triggers
    assert len(lines) == len(triggers) > 50
    for line, trigger in zip(lines, triggers, strict=True):
        [row] = csv.reader([line])
        assert len(row) == 5 and trigger.sub_type == row[0]
        assert trigger.pattern.pattern == rf"(?<![\w-])(?:{row[1]})(?![\w-])"


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("Attack,killed (?:\\w+ ){0,3}civilians,,,", "6 fields, not 5"),
        ("Attak,killed,,,", "unknown sub-event type 'Attak'"),
        ("Attack,killed,sideways,,", "unknown resolve kind 'sideways'"),
        ("Attack,killed (civilians,,,", "the regex does not compile"),
    ],
)
def test_a_malformed_trigger_row_is_an_error_naming_its_line(row: str, problem: str) -> None:
    text = "sub_event_type,pattern,resolve,not_before,not_after\nArrests,arrested,,,\n" + row + "\n"
    with pytest.raises(InputError, match=rf"^my_triggers\.csv line 3: {re.escape(problem)}"):
        read_triggers(text, load_lexicon().sub_types, "my_triggers.csv")


def test_a_shell_that_hit_is_a_shelling(extractor: EventExtractor) -> None:
    """ "A shell hit a bus stop": one shell, told by what it did, is a shelling (the plural and the verb
    were; "Shell", the company, is not: the word must be lower case)."""
    assert _one(
        extractor, "A shell hit a bus stop in Kharkiv on Thursday, killing two people."
    ).sub_event_type == ("Shelling/artillery/missile attack")
    assert _events(extractor, "Shell hit record profits in Lagos this year.") == ()


def test_a_deal_struck_is_no_attack(extractor: EventExtractor) -> None:
    text = "The government struck a deal with the rebels in Kano on Tuesday, and gunmen struck a village."
    assert [e.sub_event_type for e in _events(extractor, text)] == ["Attack"]
    assert _events(extractor, "Shell struck a preliminary deal with Nigeria's government on Monday.") == ()


def test_a_toll_over_days_of_unrest_or_a_count_over_cities_is_no_event(extractor: EventExtractor) -> None:
    """A party's toll "in three days of unrest since Wednesday's election" sums many events: no event of its
    own; nor is a minister's count of people "detained during protests in nine cities", told after the
    protest it sums."""
    text = (
        "The opposition said 300 people had been killed in three days of unrest since Wednesday's election."
    )
    assert _events(extractor, text) == ()
    text = (
        "Police fired tear gas at protesters in Istanbul on Thursday. "
        "The minister said 53 people had been detained during protests in nine cities."
    )
    assert [e.sub_event_type for e in _events(extractor, text)] == ["Protest with intervention"]
    # one day's killing at one place stays an event
    assert len(_events(extractor, "Police shot dead three protesters in Mwanza on Wednesday.")) == 1


def test_what_the_crowd_did_told_on_the_day_of_telling_is_the_same_demonstration(
    extractor: EventExtractor,
) -> None:
    """ "..., the minister said on Friday": the day it was told is no day of its own, so the stones thrown
    are the demonstration told before (turned violent), not a riot of Friday."""
    text = (
        "Police fired tear gas at thousands of protesters in Istanbul late on Thursday. "
        "Some demonstrators threw stones and bottles at riot police, the interior minister said on Friday."
    )
    [event] = _events(extractor, text)
    assert (event.sub_event_type, event.date) == ("Violent demonstration", dt.date(2024, 3, 14))


def test_police_shooting_at_protesters_described_after_is_force_against_them(
    extractor: EventExtractor,
) -> None:
    """ "Police shot at protesters who had gathered ...": what the protesters had done, told after them, does
    not make the shooting a peaceful protest."""
    text = (
        "Police shot at protesters who had gathered outside the electoral commission in Mwanza on Thursday."
    )
    assert _one(extractor, text).sub_event_type == "Excessive force against protesters"


def test_a_country_that_says_it_struck_is_its_forces(placed: Pipeline) -> None:
    """ "India said it carried out missile strikes": the speaking country's military forces struck, as
    "Russia's Defense Ministry said its forces" do (not an unidentified armed group)."""
    doc = placed(
        Document(
            id="t",
            text="India said it carried out missile strikes on nine sites in Pakistan early on Wednesday.",
            date=PUB,
        )
    )
    assert [e.actor1 for e in doc.events] == ["Military Forces of India"]


def test_a_seized_train_or_ship_is_no_territory(extractor: EventExtractor) -> None:
    for text in (
        "Separatists said they had seized the Jaffar Express near Sibi.",
        "Houthi fighters seized a cargo ship in the Red Sea on Sunday.",
    ):
        assert "Non-state actor overtakes territory" not in [
            e.sub_event_type for e in _events(extractor, text)
        ]
    assert _one(extractor, "Rebels seized the town of Rubaya on Tuesday.").sub_event_type == (
        "Non-state actor overtakes territory"
    )
