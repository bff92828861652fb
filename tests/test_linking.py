"""Linking events to places, on sentences written for these tests, through the real stages."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.events import EventExtractor
from geo.gazetteer import Gazetteer
from geo.link_model import LinkCandidate
from geo.linking import (
    EventLinker,
    _dateline_name,
    _finer_part,
    _told_places,
    attachment,
    is_speech_place,
    subject_of,
)
from geo.records import Document, LinkedEvent, Mention, ResolvedPlace
from geo.resolve import Resolver
from geo.text import distance_anchor
from geo.toponyms import ToponymRecognizer


class _Stages:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.recognizer = ToponymRecognizer(gazetteer)
        self.resolver = Resolver(gazetteer)
        self.extractor = EventExtractor()
        self.linker = EventLinker(gazetteer)

    def linked(self, text: str) -> tuple[LinkedEvent, ...]:
        doc = Document(id="t", text=text, date=dt.date(2024, 3, 14))
        doc = self.linker(self.extractor(self.resolver(self.recognizer(doc))))
        assert all(link.link_reason for link in doc.linked)  # every choice says why
        return doc.linked


@pytest.fixture(scope="module")
def stages(gazetteer: Gazetteer) -> _Stages:
    return _Stages(gazetteer)


def _rules_only(gazetteer: Gazetteer) -> _Stages:
    stages = _Stages(gazetteer)
    stages.linker = EventLinker(gazetteer, use_model=False)
    return stages


def _country_and_precision(link: LinkedEvent) -> tuple[str | None, int]:
    """The country of the place an event was linked to (None: no place) and its ACLED precision."""
    place = link.place.place if link.place is not None else None
    return (place.country_code if place is not None else None, link.geo_precision)


def _where(links: tuple[LinkedEvent, ...]) -> list[tuple[str | None, int]]:
    return [(link.place.mention.text if link.place else None, link.geo_precision) for link in links]


def _named_and_placed(links: tuple[LinkedEvent, ...]) -> list[tuple[str | None, str | None, int]]:
    """Each link's place as the text names it, the gazetteer place it is placed at, and its precision."""
    return [
        (
            link.place.mention.text if link.place else None,
            link.place.place.name if link.place and link.place.place else None,
            link.geo_precision,
        )
        for link in links
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen attacked a checkpoint in Herat on Monday.", [("Herat", 1)]),
        ("Rebels shelled positions at Jalalabad airport.", [("Jalalabad", 1)]),
        ("Fighters seized the town of Spin Boldak after a short battle.", [("Spin Boldak", 1)]),
        # near / outside: precision 2 at the named town
        ("A roadside bomb exploded near Ghazni, killing two soldiers.", [("Ghazni", 2)]),
        ("Militants ambushed a convoy outside Kunduz.", [("Kunduz", 2)]),
        ("Fighting raged for hours near the town of Spin Boldak.", [("Spin Boldak", 2)]),
        # at sea, a distance or "off" a coastal town: near it
        ("Gunmen attacked a fishing boat 30 nautical miles off the coastal town of Eyl.", [("Eyl", 2)]),
        ("Gunmen attacked a fishing boat off the coastal town of Eyl on Monday.", [("Eyl", 2)]),
        # a province named as the place: precision 3
        ("Gunmen kidnapped a trader in Kandahar province.", [("Kandahar", 3)]),
        # "X, Province" is one place, not two
        ("Rebels overran Gereshk, Helmand province.", [("Gereshk", 1)]),
    ],
)
def test_attached_places(stages: _Stages, text: str, expected: list[tuple[str, int]]) -> None:
    links = stages.linked(text)
    assert _where(links) == expected
    assert all("link model" in link.link_reason for link in links)  # the model has the last word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen attacked a checkpoint in Herat on Monday.", [("Herat", 1)]),
        ("A roadside bomb exploded near Ghazni, killing two soldiers.", [("Ghazni", 2)]),
        ("Gunmen kidnapped a trader in Kandahar province.", [("Kandahar", 3)]),
    ],
)
def test_attached_places_by_the_rules_alone(
    gazetteer: Gazetteer, text: str, expected: list[tuple[str, int]]
) -> None:
    rules_only = _Stages(gazetteer)
    rules_only.linker = EventLinker(gazetteer, use_model=False)
    links = rules_only.linked(text)
    assert _where(links) == expected
    assert all("attached to the event" in link.link_reason for link in links)


def test_where_the_attackers_came_from_is_not_the_event_place(stages: _Stages, gazetteer: Gazetteer) -> None:
    text = "Gunmen from Kandahar attacked a checkpoint in Spin Boldak."
    assert is_speech_place(text, text.index("Kandahar"), text.index("Kandahar") + len("Kandahar"))
    for linker in (stages, _rules_only(gazetteer)):
        links = linker.linked(text)
        assert [link.place.mention.text for link in links if link.place] == ["Spin Boldak"]
    # with no other place, the place of origin is still not the event's: up the hierarchy instead
    links = stages.linked("Militants from Kandahar burned a school.")
    assert all("Kandahar" not in link.link_reason or "province" in link.link_reason for link in links)
    assert all(link.geo_precision == 3 for link in links)
    # "men from the poor district of X": where they live, even named as a district
    text = "The protesters, mostly young men from the poor district of Ettadhamen, chanted slogans."
    start = text.index("Ettadhamen")
    assert is_speech_place(text, start, start + len("Ettadhamen"))


def test_the_place_that_saw_the_event_is_its_place(stages: _Stages, gazetteer: Gazetteer) -> None:
    for linker in (stages, _rules_only(gazetteer)):
        links = linker.linked("Herat saw heavy fighting on Sunday.")
        assert _where(links) == [("Herat", 1)]
        place = links[0].place.place if links[0].place else None
        assert place is not None and place.feature_code.startswith("PPL")  # the city, not the province
        assert "province" not in links[0].link_reason
    assert subject_of("Gardez came under fire", 6, 22) == "subject of came under"
    assert subject_of("Gardez officials met", 6, 20) == ""


def test_bombed_is_an_event_linked_to_its_place(stages: _Stages) -> None:
    text = "Insurgents bombed a police station in Gardez on Tuesday."
    links = stages.linked(text)
    assert len(links) == 1
    event = links[0].event
    assert text[event.trigger[0] : event.trigger[1]] == "bombed"
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert _where(links) == [("Gardez", 1)]


def test_the_pipeline_links_without_the_evaluation_package(gazetteer: Gazetteer) -> None:
    """The link model is a runtime module: linking a document loads nothing of ``geo.evaluation``."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = "\n".join(
        [
            "import sys",
            "from geo.events import EventExtractor",
            "from geo.gazetteer import Gazetteer",
            "from geo.linking import EventLinker",
            "from geo.records import Document",
            "from geo.resolve import Resolver",
            "from geo.toponyms import ToponymRecognizer",
            f"gaz = Gazetteer.open({str(gazetteer.path)!r})",
            "doc = Document(id='t', text='Gunmen ambushed a convoy in Kunduz.')",
            "for stage in (ToponymRecognizer(gaz), Resolver(gaz), EventExtractor(), EventLinker(gaz)):",
            "    doc = stage(doc)",
            "assert 'link model' in doc.linked[0].link_reason, doc.linked",
            "assert not [m for m in sys.modules if m.startswith('geo.evaluation')]",
        ]
    )
    root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env)
    assert done.returncode == 0, done.stderr


def test_place_of_speech_is_not_the_event_place(stages: _Stages) -> None:
    text = '"The roads are closed," a commander based in Quetta said after gunmen attacked a bus in Kandahar.'
    assert _where(stages.linked(text)) == [("Kandahar", 1)]
    only_speech = stages.linked("Officials in Kabul said militants had burned a school.")
    assert _where(only_speech) == [(None, 3)]
    assert only_speech[0].link_reason == "no place in the document fits"
    assert _where(
        stages.linked("Reports from villagers crossing into Pakistan say militants burned a school.")
    ) == [(None, 3)]


def test_two_places_give_two_records_with_fatalities_split(stages: _Stages) -> None:
    links = stages.linked("Clashes in Herat and Kunduz killed 9 soldiers.")
    assert [link.place.mention.text for link in links if link.place] == ["Herat", "Kunduz"]
    assert [link.fatalities for link in links] == [5, 4]
    assert {link.event.event_id for link in links} == {"t-e1"}
    assert sum(link.fatalities for link in links) == links[0].event.fatalities == 9


def test_a_town_and_the_province_holding_it_give_one_record(stages: _Stages) -> None:
    """ACLED codes the most specific place: "in Gereshk, in Helmand province" is one event at Gereshk."""
    links = stages.linked("Clashes in Gereshk, in the Helmand province of Afghanistan, killed 4 soldiers.")
    assert [(link.place.mention.text, link.fatalities) for link in links if link.place] == [("Gereshk", 4)]


def test_fallback_to_the_paragraph_lowers_precision(stages: _Stages) -> None:
    links = stages.linked("Traders in Kandahar city were nervous. Later that day gunmen abducted a doctor.")
    assert _where(links) == [("Kandahar", 2)]
    assert "last place named in the paragraph" in links[0].link_reason


def test_a_place_the_gazetteer_lacks_just_outside_a_town_is_near_it(stages: _Stages) -> None:
    """ "a market in Zingo, just outside Kandahar": Zingo is unknown, so near Kandahar city (precision 2),
    not somewhere in Kandahar province."""
    [link] = stages.linked("Gunmen attacked a market in Zingo, just outside Kandahar, killing three.")
    assert link.place is not None and link.place.place is not None
    assert (link.place.mention.text, link.place.place.feature_code, link.geo_precision) == ("Zingo", "PPL", 2)
    assert "it lies near 'Kandahar'" in link.link_reason


def test_the_prison_refers_back_to_the_town_it_was_named_with(stages: _Stages) -> None:
    """ "outside the prison", a paragraph after "the central prison in Herat" and a town named since: the
    prison's town, and "outside" it is still there (precision 1)."""
    links = stages.linked(
        "Inmates set fire to cells at the central prison in Herat on Monday, officials said.\n\n"
        "In Kandahar, traders closed their shops.\n\n"
        "Hundreds of relatives protested outside the prison on Tuesday."
    )
    protest = [link for link in links if link.event.event_type == "Protests"]
    assert _where(protest) == [("Herat", 1)]
    assert "'the prison' refers back to 'Herat'" in protest[0].link_reason


def test_where_people_fled_to_is_not_where_the_fighting_told_after_was(stages: _Stages) -> None:
    links = stages.linked(
        "Thousands of residents fled south toward Kandahar. The army said it had killed dozens of rebels."
    )
    assert _where(links) == [(None, 3)]


def test_a_demonym_is_no_place_to_fall_back_to(stages: _Stages) -> None:
    links = stages.linked(
        "Shops reopened in Lashkar Gah.\n\nThe militants withdrew after Pakistani troops arrived. At least "
        "ten insurgents were killed in the fighting, a military source said."
    )
    assert all(link.place is None or link.place.mention.kind != "demonym" for link in links)
    assert links and all(
        link.place is not None and link.place.mention.text == "Lashkar Gah" for link in links
    )


@pytest.mark.parametrize(
    ("text", "country"),
    [
        (
            "Russian warplanes struck a crowded market on Tuesday, killing 11 people. The Russian military "
            "did not comment. The war in Syria has killed more than 500,000 people.",
            "SY",
        ),
        (
            "An Israeli strike killed five people in a car on Tuesday, the Lebanese health ministry said.",
            "LB",
        ),
        # with no other country named, the troops' own country is the article's
        ("Malian troops killed 10 civilians on Tuesday, residents said.", "ML"),
    ],
)
def test_whose_forces_struck_is_no_country_to_fall_back_to(stages: _Stages, text: str, country: str) -> None:
    """Up the hierarchy, a demonym naming a side's forces ("Russian warplanes") says who struck, not
    where: the country the article names otherwise is the event's."""
    assert [_country_and_precision(link) for link in stages.linked(text)] == [(country, 3)]


def test_the_place_troops_withdrew_from_is_the_events(stages: _Stages) -> None:
    """ "withdrew its troops from Kidal": the town they left, not where troops came from."""
    assert _where(stages.linked("The army withdrew its troops from Kidal on Tuesday.")) == [("Kidal", 1)]


def test_fallback_up_the_hierarchy_to_the_province(stages: _Stages) -> None:
    links = stages.linked("Shops reopened in Lashkar Gah.\n\nGunmen abducted a doctor on Tuesday.")
    assert len(links) == 1 and links[0].place is not None and links[0].place.place is not None
    assert links[0].place.place.feature_code == "ADM1"
    assert links[0].place.place.admin1_name == "Helmand" or links[0].place.place.name == "Helmand"
    assert links[0].geo_precision == 3
    assert "province of 'Lashkar Gah'" in links[0].link_reason


def test_no_place_at_all_is_not_invented(stages: _Stages) -> None:
    links = stages.linked("Gunmen abducted a doctor.")
    assert _where(links) == [(None, 3)]


def test_cue_helpers() -> None:
    text = "a commander based in Quetta said the town of Chaman was calm"
    assert is_speech_place(text, text.index("Quetta"), text.index("Quetta") + 6)
    assert not is_speech_place(text, text.index("Chaman"), text.index("Chaman") + 6)
    assert attachment(text, text.index("Chaman"), 0) == "the town of"
    assert attachment("fighting near Chaman", 14, 0) == "near"


def test_without_attaching_words_the_link_model_decides(stages: _Stages, gazetteer: Gazetteer) -> None:
    text = "Rebel shelling of Kandahar continued overnight."
    links = stages.linked(text)
    assert _where(links) == [("Kandahar", 1)]
    assert "link model" in links[0].link_reason and "p=" in links[0].link_reason
    rules_only = _Stages(gazetteer)
    rules_only.linker = EventLinker(gazetteer, use_model=False)
    fallback = rules_only.linked(text)
    assert _where(fallback) == [("Kandahar", 1)]
    assert fallback[0].link_reason.startswith("nearest place in the sentence")


def test_a_journalist_arrested_somewhere_is_not_a_speaker_there(stages: _Stages) -> None:
    """ "journalists in X" may be who reported from X, but "arrested a journalist in X" happened in X."""
    links = stages.linked("Police arrested a journalist in Herat on Monday.")
    assert [link.place.mention.text for link in links if link.place] == ["Herat"]
    speech = stages.linked("Journalists in Herat said two soldiers were killed in Kunduz.")
    assert [link.place.mention.text for link in speech if link.place] == ["Kunduz"]


def test_places_of_speech_stay_excluded_when_the_model_is_used(stages: _Stages) -> None:
    links = stages.linked(
        "Two soldiers were killed Monday when rebels ambushed their convoy, Kabul officials said."
    )
    assert _where(links) == [(None, 3)]


def test_link_model_scores_the_names_of_a_sentence_on_its_own() -> None:
    """The runtime link model, without the pipeline: candidates are the given places plus any other
    capitalised name; the place of origin scores below the threshold, the attacked place above."""
    from dataclasses import replace

    from geo.link_model import LinkCandidate, link_features, packaged_link_model, with_unknown_names

    text = "Gunmen from Kandahar attacked a checkpoint in Spin Boldak on Monday."
    verb = (text.index("attacked"), text.index("attacked") + len("attacked"))
    places = [
        LinkCandidate((text.index(n), text.index(n) + len(n)), "town") for n in ("Kandahar", "Spin Boldak")
    ]
    cands = with_unknown_names(text, verb, places)
    assert [text[c.span[0] : c.span[1]] for c in cands] == ["Gunmen", "Kandahar", "Spin Boldak", "Monday"]
    assert [c.level for c in cands] == ["unk", "town", "town", "unk"]
    model = packaged_link_model()
    probs = [model.probability(f) for f in link_features(text, verb, cands, [])]
    assert [text[cands[i].span[0] : cands[i].span[1]] for i in model.choose(probs)] == ["Spin Boldak"]
    assert probs[1] < 0.2 < probs[2]  # Kandahar: where the gunmen came from
    # the best name is kept only from the threshold on (the packaged model may leave that to its record gate)
    assert model.choose([]) == [] and replace(model, threshold=0.3).choose([0.15, 0.1]) == []


def test_a_name_and_the_place_holding_it_are_a_part_and_a_whole() -> None:
    """'the Nahdha area in central Tikrit', 'Tikrit's Nahdha', 'Qaim, Anbar': the link model's features
    mark the part (the finer name) and the whole with the word joining them and both levels; a name
    further away or past another capitalised word is neither."""
    from geo.link_model import LinkCandidate, candidate_features

    def relations(text: str, names: list[tuple[str, str]]) -> list[set[str]]:
        cands = [LinkCandidate((text.index(n), text.index(n) + len(n)), lvl) for n, lvl in names]
        verb = (text.index("struck"), text.index("struck") + len("struck"))
        feats = candidate_features(text, verb, cands, [verb])
        return [{f for f in fs if f.startswith(("part=", "whole="))} for fs in feats]

    text = "A bomb struck the Nahdha area in central Tikrit on Monday, far from Samarra."
    nahdha, tikrit, samarra = relations(text, [("Nahdha", "unk"), ("Tikrit", "town"), ("Samarra", "town")])
    assert nahdha == {"part=in", "part=in_unk_town", "part=area_in"}  # with the word before "in"
    assert tikrit == {"whole=in", "whole=in_town_unk", "whole=area_in"}
    assert samarra == set()  # "on Monday, far from": a capitalised word between, no holding
    text = "A bomb struck Tikrit's Nahdha district."
    assert relations(text, [("Tikrit", "town"), ("Nahdha", "unk")]) == [
        {"whole='s", "whole='s_town_unk"},
        {"part='s", "part='s_unk_town"},
    ]
    text = "Jets struck Qaim, Anbar province."
    assert relations(text, [("Qaim", "town"), ("Anbar", "adm1")])[0] == {"part=,", "part=,_town_adm1"}
    text = "A drone struck the Zawiya district of Tikrit."  # the word before "of" too
    assert "whole=district_of" in relations(text, [("Zawiya", "unk"), ("Tikrit", "town")])[1]
    text = "A drone struck the Red Sea port of Mokha."  # the port named, not a part of the sea
    assert relations(text, [("Red Sea", "town"), ("Mokha", "town")]) == [set(), set()]


def test_a_name_closing_an_organisation_s_name_is_marked_as_such() -> None:
    """'the Liberation Front of Ogaden', 'the Council for Gode': a capitalised word and "of" or "for"
    before a name make it the end of a longer name, mostly an organisation's, rarely the event's place;
    the link model's features mark it with the joining word and the level. "the town of Gode" (no
    capitalised word before "of") is not marked."""
    from geo.link_model import LinkCandidate, candidate_features

    def joined(text: str, names: list[tuple[str, str]]) -> list[set[str]]:
        cands = [LinkCandidate((text.index(n), text.index(n) + len(n)), lvl) for n, lvl in names]
        verb = (text.index("attacked"), text.index("attacked") + len("attacked"))
        feats = candidate_features(text, verb, cands, [verb])
        return [{f for f in fs if f.startswith("capjoin=")} for fs in feats]

    text = "Gunmen of the Liberation Front of Ogaden attacked a convoy in the town of Gode."
    assert joined(text, [("Ogaden", "adm1"), ("Gode", "town")]) == [{"capjoin=of_adm1"}, set()]
    text = "Fighters loyal to the Council for the Gode Valley attacked a base."
    assert joined(text, [("Gode Valley", "unk")]) == [{"capjoin=for_unk"}]


def test_an_unknown_place_in_a_known_one_gives_that_place_once(stages: _Stages) -> None:
    """'raided Thangam Nagar in Erode', 'Balad Ruz, in Diyala province': a name no gazetteer entry holds
    lies in the known place after it ("X in Y", "X, in Y", as "the X neighbourhood of Y"); the event
    is named as the text names it (Thangam Nagar) and placed at Erode, once however many of the two names
    the model keeps. Which of the two the model keeps alone is a near tie (Thangam Nagar 0.49, Erode 0.54
    with the model retrained at links18; 0.50 / 0.50 before): either way the one event is at Erode."""
    from geo.linking import _holding

    text = "Police said gunmen raided Thangam Nagar in Erode on Friday."
    doc = stages.resolver(stages.recognizer(Document(id="t", text=text)))
    erode = next(rp for rp in doc.places if rp.mention.text == "Erode")
    start = text.index("Thangam Nagar")
    name = (start, start + len("Thangam Nagar"))
    named = [(LinkCandidate((erode.mention.start, erode.mention.end), "town"), erode)]
    assert _holding(text, name, named) is erode
    assert _holding(text.replace(" in Erode", " near Erode"), name, named) is None  # near: not in it
    links = stages.linked(text)
    assert _where(links) in ([("Thangam Nagar", 1)], [("Erode", 1)])
    assert links[0].place is not None and links[0].place.place == erode.place


def test_a_passive_subject_the_recogniser_passed_over_is_the_event_place(stages: _Stages) -> None:
    """'Kobane was shelled': the name before 'was' reads like a person's to the recogniser, but the
    gazetteer knows it in the country the article's other places lie in, and it is the subject of the
    event verb; the earlier sentence's last place (Deir ez-Zor) is not this event's place."""
    text = "Fighting was reported near Raqqa and Deir Ezzor. Kobane was shelled overnight."
    links = stages.linked(text)
    shelled = [link for link in links if "shelled" in link.event.sentence]
    assert len(shelled) == 1
    place = shelled[0].place
    assert place is not None and place.mention.text == "Kobane"
    assert place.place is not None and place.place.country_code == "SY"
    assert shelled[0].geo_precision == 1
    fighting = [link for link in links if "Fighting" in link.event.sentence]
    assert {link.place.mention.text for link in fighting if link.place} == {"Raqqa", "Deir Ezzor"}


def test_unrecognised_places_need_a_country_of_the_text(gazetteer: Gazetteer) -> None:
    """Only names the gazetteer places in a country the document's place names lie in, and never an
    ordinary word or a first name."""
    from geo.linking import unrecognised_places

    recognizer, resolver = ToponymRecognizer(gazetteer), Resolver(gazetteer)
    text = "Fighting was reported near Raqqa on Monday. Kobane was shelled overnight, Omar told reporters."
    doc = resolver(recognizer(Document(id="t", text=text)))
    rescued = unrecognised_places(text, 0, len(text), doc.places, gazetteer)
    assert [rp.mention.text for rp in rescued] == ["Kobane"]
    alone = "Kobane was shelled overnight."
    doc = resolver(recognizer(Document(id="t", text=alone)))
    assert unrecognised_places(alone, 0, len(alone), doc.places, gazetteer) == ()
    assert unrecognised_places(text, 0, len(text), doc.places, None) == ()


def test_the_attackers_of_the_paragraph_before_are_where_they_attacked(stages: _Stages) -> None:
    text = (
        "Gunmen killed three villagers in Kandahar on Monday.\n\n"
        "Security forces exchanged fire with the attackers for several hours."
    )
    assert _where(stages.linked(text)) == [("Kandahar", 1), ("Kandahar", 2)]
    # without the reference back, the second paragraph stays at the province the article names
    text = (
        "Gunmen killed three villagers in Kandahar on Monday.\n\n"
        "Security forces exchanged fire with militants in a separate operation."
    )
    assert _where(stages.linked(text))[1] != ("Kandahar", 2)


def test_one_event_told_twice_in_its_sentence_is_one_record(stages: _Stages) -> None:
    text = "Demonstrations took place peacefully in Herat and Mazar-e-Sharif, where crowds marched downtown."
    assert _where(stages.linked(text)) == [("Herat", 1), ("Mazar-e-Sharif", 1)]


def test_the_embassy_of_a_country_is_not_in_that_country(stages: _Stages) -> None:
    text = "Thousands rallied in Kabul on Sunday.\n\nOn Monday, some protesters attacked the French embassy."
    assert [name for name, _ in _where(stages.linked(text))] == ["Kabul", "Kabul"]


def test_a_countrys_capital_is_where_it_happened_and_the_mention_stays_the_country(
    stages: _Stages,
) -> None:
    for text in (
        "Heavy clashes broke out in the Libyan capital on Monday, killing 27 people.",
        "Thousands of protesters rallied in Libya's capital on Monday.",
    ):
        [link] = stages.linked(text)
        assert link.place is not None and link.place.place is not None
        assert (link.place.place.name, link.geo_precision) == ("Tripoli", 1)
    # the toponym itself is the country (as geoparsing gold data annotates it)
    doc = stages.resolver(stages.recognizer(Document(id="c", text="Thousands rallied in Libya's capital.")))
    assert [rp.place.name for rp in doc.places if rp.place] == ["Libya"]


def test_a_protest_and_a_riot_of_one_sentence_and_place_are_one_demonstration(stages: _Stages) -> None:
    text = "In Herat, police detained 79 people after protesters clashed with officers on Monday."
    links = stages.linked(text)
    assert [
        (link.event.sub_event_type, link.place.mention.text if link.place else None) for link in links
    ] == [("Violent demonstration", "Herat")]


def test_a_country_across_the_border_is_not_where_it_happened(stages: _Stages) -> None:
    """ "Near the border with Mali" in a story about Burkina Faso: this side of the border."""
    text = (
        "Jihadists attacked an army base in Djibo, Burkina Faso, on Saturday.\n\n"
        "On Sunday, the army carried out air strikes near the border with Mali."
    )
    links = stages.linked(text)
    strike = [link for link in links if link.event.sub_event_type == "Air/drone strike"]
    assert len(strike) == 1 and strike[0].place is not None and strike[0].place.place is not None
    assert (strike[0].place.place.name, strike[0].geo_precision) == ("Burkina Faso", 3)
    assert "border with 'Mali'" in strike[0].link_reason
    # with no other country in the story, the named one stays (nothing better is known)
    [alone] = stages.linked("The army carried out air strikes near the border with Mali.")
    assert alone.place is not None and alone.place.place is not None and alone.place.place.name == "Mali"


def test_between_two_towns_is_one_event_near_the_first(stages: _Stages) -> None:
    text = "Fighters ambushed a military convoy on the road between Mandalay and Lashio, killing nine men."
    links = stages.linked(text)
    assert _where(links) == [("Mandalay", 2)]
    assert links[0].fatalities == 9
    # coordinated places without "between" stay two records
    assert len(stages.linked("Clashes in Mandalay and Lashio killed 9 soldiers.")) == 2


_MOKHA = (
    "Houthi rebels fired three drones at an oil terminal in Yemen near the Red Sea port of Mokha, "
    "killing two guards."
)


def test_a_name_that_only_says_which_port_is_not_the_place(stages: _Stages) -> None:
    links = stages.linked(_MOKHA)
    assert len(links) == 1 and links[0].fatalities == 2
    assert links[0].place is not None and links[0].place.mention.text != "Red Sea"
    assert links[0].event.sub_event_type == "Air/drone strike"


@pytest.mark.xfail(
    strict=True,
    reason="the link model reads the trigger 'fired three drones' by its verb 'fired' (links18, as "
    "Halterman's sentences mark it) and keeps 'in Yemen' (0.79) over 'near ... Mokha' (0.25); it took "
    "Mokha while the trigger was a verb unknown to it",
)
def test_an_oil_terminal_in_a_country_near_a_port_is_at_the_port(stages: _Stages) -> None:
    links = stages.linked(_MOKHA)
    assert [link.place.mention.text if link.place else None for link in links] == ["Mokha"]


def test_the_village_of_a_name_is_no_reference_back(stages: _Stages) -> None:
    """ "the village of Wad al-Noura" names a village (unknown to the gazetteer): the event is in the state
    the sentence names, not at the town of the sentence before."""
    text = (
        "Fighting broke out in El Obeid on Friday. "
        "In Gezira state, gunmen stormed the village of Wad al-Noura, killing 30 people."
    )
    links = stages.linked(text)
    assert [link.place.place.name for link in links if link.place and link.place.place][-1] == "Al Jazīrah"


def test_a_site_named_after_something_is_not_the_place(stages: _Stages) -> None:
    text = "A car bomb exploded near the Lido beach in Mogadishu on Tuesday, killing six people."
    # "near" the beach, which is in the town: the town itself (precision 1)
    assert _where(stages.linked(text)) == [("Mogadishu", 1)]
    text = "A car bomb exploded near Afgoye on Tuesday, killing six people."
    assert _where(stages.linked(text)) == [("Afgoye", 2)]


def test_the_first_part_of_a_compound_name_is_no_place(stages: _Stages) -> None:
    text = "Gunmen raided a house in the Dasht-e-Barchi neighbourhood of Kabul, killing three men."
    assert _named_and_placed(stages.linked(text)) == [("Dasht-e-Barchi", "Kabul", 1)]


def test_a_named_region_is_no_reference_back(stages: _Stages) -> None:
    text = (
        "Fano fighters took control of Debre Markos in Amhara on Sunday.\n\n"
        "In the Oromia region, the Oromo Liberation Army abducted 20 students."
    )
    links = stages.linked(text)
    assert [(link.place.place.name if link.place and link.place.place else None) for link in links][
        -1
    ] == "Oromiya"
    assert links[-1].event.actor1 == "OLA: Oromo Liberation Army"


def test_an_unknown_village_is_near_the_last_town_and_a_neighbourhood_in_it(stages: _Stages) -> None:
    text = (
        "Insurgents beheaded four villagers near Macomia on Saturday. On Sunday, soldiers clashed with "
        "insurgents in the village of Chai."
    )
    links = stages.linked(text)
    assert _where(links) == [("Macomia", 2), ("Macomia", 2)]
    assert "'the village of Chai' is not in the gazetteer" in links[1].link_reason
    text = "A bomb killed 11 people in Kabul.\n\nPolice raided a house in the Dasht-e-Barchi neighbourhood."
    assert _where(stages.linked(text))[-1] == ("Kabul", 1)


def test_a_region_opening_the_sentence_sets_the_scene(stages: _Stages) -> None:
    text = "In Mindanao, a bomb exploded at a Mass in a gymnasium in Marawi City on Sunday, killing four."
    assert _where(stages.linked(text)) == [("Marawi City", 1)]
    # two places coordinated after the opening stay two
    assert len(stages.linked("In Homs and Aleppo, clashes killed 9 soldiers on Monday.")) == 2


def test_a_university_is_no_place(stages: _Stages) -> None:
    text = "In Austin, Texas, state troopers detained 79 protesters at the University of Texas on Monday."
    assert _where(stages.linked(text)) == [("Austin", 1)]


def test_an_embassy_is_a_site_not_a_speaker(stages: _Stages) -> None:
    """'outside the US embassy in Nairobi': the embassy is where the crowd stood, so Nairobi is the
    event place; an embassy that speaks is still a place of speech ('the embassy in X said')."""
    links = stages.linked("Hundreds of students protested outside the US embassy in Nairobi on Friday.")
    assert [link.place.mention.text for link in links if link.place] == ["Nairobi"]
    text = "The embassy in Kabul said two soldiers were killed in Kunduz."
    assert is_speech_place(text, text.index("Kabul"), text.index("Kabul") + 5)


def test_people_in_a_place_who_act_there_are_not_speakers(stages: _Stages) -> None:
    """'activists in X protested': the activists are the subject of the event's own verb, so X is where
    they protested; 'activists in X said' stays a place of speech."""
    links = stages.linked("Hundreds of activists in Mombasa protested on Tuesday against the arrests.")
    assert [link.place.mention.text for link in links if link.place] == ["Mombasa"]
    speech = stages.linked("Activists in Mombasa said soldiers had killed two fishermen in Lamu.")
    assert [link.place.mention.text for link in speech if link.place] == ["Lamu"]


def test_the_arabic_article_of_a_name_is_no_place_by_itself(stages: _Stages) -> None:
    """'Al-Taji', 'Al-Shabab': the article of a longer name, not the country coded AL (Albania)."""
    doc = stages.resolver(stages.recognizer(Document(id="t", text="Gunmen from Al-Shabab attacked Al-Taji.")))
    assert not [rp for rp in doc.places if rp.mention.text == "Al"]


def test_names_in_one_list_share_a_lower_bar() -> None:
    """'Kobane, Manbij and Mayadeen' is one list: a name of it is kept at ``list_extra`` when another
    is kept; commas alone ('Gereshk, Helmand') make no list."""
    from geo.link_model import LinkModel, coordinated_lists

    text = "Jets struck Kobane, Manbij and Mayadeen near Gereshk, Helmand."
    names = ["Kobane", "Manbij", "Mayadeen", "Gereshk", "Helmand"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    lists = coordinated_lists(text, spans)
    assert lists[0] == lists[1] == lists[2] and len({lists[0], lists[3], lists[4]}) == 3
    model = LinkModel({}, 0.0, threshold=0.3, extra=0.6, list_extra=0.15)
    probs = [0.9, 0.2, 0.1, 0.2, 0.05]
    assert model.choose(probs, lists) == [0, 1]  # Manbij rides on Kobane; Gereshk (not listed) does not
    assert model.choose(probs) == [0]  # without the lists, the ``extra`` bar alone
    assert LinkModel.from_json(model.to_json()).list_extra == 0.15


def test_a_list_may_hold_counts_feature_words_and_an_open_end() -> None:
    """'Harasta (twice), Douma and the nearby town of Saqba' is one list, as is 'Salwa, Dorma and other
    towns' (commas alone, then 'and other'); 'Gereshk, Helmand' (a place and its province) is still none."""
    from geo.link_model import coordinated_lists

    def lists(text: str, names: list[str]) -> tuple[int, ...]:
        return coordinated_lists(text, [(text.index(n), text.index(n) + len(n)) for n in names])

    text = "Gunners shelled Harasta (twice), Douma and the nearby town of Saqba on Sunday."
    assert lists(text, ["Harasta", "Douma", "Saqba"]) == (0, 0, 0)
    assert lists("Jets flew over Salwa, Dorma and other towns.", ["Salwa", "Dorma"]) == (0, 0)
    mine = "A mine killed two men in Gereshk, Helmand, and wounded one."
    assert lists(mine, ["Gereshk", "Helmand"]) == (0, 1)
    assert lists("Troops raided Salwa, a town of Dorma.", ["Salwa", "Dorma"]) == (0, 1)


def test_a_title_opening_a_place_name_stays_in_its_span() -> None:
    """'the Sheikh Maqsoud quarter': 'Sheikh' is never a toponym alone, but it opens this name, so the
    candidate is the whole name (recognised part widened, or unknown), while a lone 'Sheikh' and an
    opening 'The' are still trimmed."""
    from geo.link_model import LinkCandidate, with_unknown_names

    text = "Mortars hit the Sheikh Maqsoud quarter and The Nile Hotel, the Sheikh said."
    verb = (text.index("hit"), text.index("hit") + 3)
    names = [text[c.span[0] : c.span[1]] for c in with_unknown_names(text, verb, [])]
    assert names == ["Mortars", "Sheikh Maqsoud", "Nile Hotel", "Sheikh"]
    part = (text.index("Maqsoud"), text.index("Maqsoud") + len("Maqsoud"))
    (widened, *_) = [c for c in with_unknown_names(text, verb, [LinkCandidate(part, "town")]) if c.mention]
    assert text[widened.span[0] : widened.span[1]] == "Sheikh Maqsoud" and widened.mention == part


def test_the_whole_of_a_kept_part_needs_its_own_bar() -> None:
    """'the Karam neighbourhood of Salwa': with the part kept, the town holding it stays only at
    ``whole_extra``; a part beside its kept whole, and a name in no pair, need ``extra`` alone; names
    of one list make no pair ('Salwa, Dorma and Tilba')."""
    from functools import partial

    from geo.link_model import LinkModel, coordinated_lists, part_whole_pairs

    text = "Rebels shelled the Karam neighbourhood of Salwa and the port of Tilba."
    names = ["Karam", "Salwa", "Tilba"]
    spans = tuple((text.index(n), text.index(n) + len(n)) for n in names)
    pairs = partial(part_whole_pairs, text, spans)
    assert [(a, b) for a, b, _ in pairs()] == [(0, 1)]
    model = LinkModel({}, 0.0, threshold=0.3, extra=0.6, whole_extra=0.9)
    lists = coordinated_lists(text, list(spans))
    assert model.choose([0.8, 0.7, 0.65], lists, pairs) == [0, 2]  # Salwa (0.7) is Karam's whole
    assert model.choose([0.8, 0.95, 0.1], lists, pairs) == [0, 1]  # a whole above whole_extra stays
    assert model.choose([0.7, 0.8, 0.1], lists, pairs) == [0, 1]  # the best is kept, and its part
    assert model.choose([0.8, 0.7, 0.65], lists) == [0, 1, 2]  # without the pairs, ``extra`` alone
    assert LinkModel.from_json(model.to_json()).whole_extra == 0.9
    listed = "Jets struck Salwa, Dorma and Tilba."
    spans = tuple((listed.index(n), listed.index(n) + len(n)) for n in ("Salwa", "Dorma", "Tilba"))
    lists = coordinated_lists(listed, list(spans))
    assert model.choose([0.8, 0.7, 0.1], lists, partial(part_whole_pairs, listed, spans)) == [0, 1]


def test_a_demonym_is_a_candidate_of_its_own_level(stages: _Stages) -> None:
    """'Syrian jets': the demonym is a candidate of level 'dem' (it says whose, rarely where), not an
    unknown capitalised name that could be a village."""
    from geo.link_model import known_candidates, with_unknown_names

    text = "Syrian jets bombed Aleppo on Sunday."
    doc = stages.resolver(stages.recognizer(Document(id="t", text=text)))
    verb = (text.index("bombed"), text.index("bombed") + 6)
    cands = with_unknown_names(text, verb, known_candidates(doc.places))
    assert [(text[c.span[0] : c.span[1]], c.level) for c in cands] == [
        ("Syrian", "dem"),
        ("Aleppo", "town"),
        ("Sunday", "unk"),
    ]


def test_the_ends_of_a_road_are_not_where_it_happened(stages: _Stages) -> None:
    text = (
        "Israeli strikes hit villages in Lebanon on Thursday. An Israeli drone strike on a car on the "
        "Beirut-Damascus highway near the border crossing killed two people."
    )
    links = stages.linked(text)
    assert [name for name, _ in _where(links)][-1] == "Lebanon"


def test_a_sea_is_an_area_not_a_point(stages: _Stages) -> None:
    text = "Houthi rebels attacked a cargo ship with drones in the Red Sea on Wednesday."
    links = stages.linked(text)
    assert [(link.place.place.name if link.place and link.place.place else None) for link in links] == [
        "Red Sea"
    ]
    assert links[0].geo_precision == 3 and "(area)" in links[0].link_reason


def test_protests_in_three_cities_where_crowds_marched_make_one_record_a_city(stages: _Stages) -> None:
    links = stages.linked(
        "Protests also took place in Mombasa, Kisumu and Nakuru, where crowds marched peacefully."
    )
    assert sorted(link.place.mention.text for link in links if link.place) == ["Kisumu", "Mombasa", "Nakuru"]


def test_demonstrators_who_clashed_where_protests_took_place_riot_in_every_city_of_the_list(
    stages: _Stages,
) -> None:
    """The "where" clause's clash happened in all three cities, one record a city, each a riot."""
    links = stages.linked(
        "Protests also took place in Mombasa, Kisumu and Nakuru, where demonstrators clashed with police."
    )
    assert sorted((link.place.mention.text, link.event.sub_event_type) for link in links if link.place) == [
        ("Kisumu", "Violent demonstration"),
        ("Mombasa", "Violent demonstration"),
        ("Nakuru", "Violent demonstration"),
    ]
    # a "where" after one town: the event there, not at a place named earlier in the sentence
    (link,) = stages.linked(
        "Troops moved from Kismayo to Afgoye on Monday, where al-Shabaab fighters ambushed a convoy."
    )
    assert link.place is not None and link.place.mention.text == "Afgoye"


def test_the_dateline_does_not_give_an_unplaced_event_its_province(stages: _Stages) -> None:
    links = stages.linked(
        "OUAGADOUGOU (AFP) - Jihadists attacked an army base in northern Burkina Faso on Tuesday.\n\n"
        "The army's response, including air strikes, killed dozens of militants, the source added."
    )
    last = links[-1].place
    assert last is not None and last.place is not None and last.place.is_country


def test_a_ministry_bombed_in_a_city_is_no_speaker_there(stages: _Stages) -> None:
    links = stages.linked(
        "A suicide bomber killed six people at the entrance of a government ministry in Kabul on Monday."
    )
    assert _where(links) == [("Kabul", 1)]


def test_a_recognised_part_of_a_name_is_widened_to_the_whole_name(stages: _Stages) -> None:
    """'al-Bab', 'Abu Dashir': the recogniser matched a part ('Bab', 'Abu'); the link model's candidate
    is the whole name (the place's span), less edge weekdays, and the pipeline still maps it back to
    the recognised mention."""
    from geo.link_model import known_candidates, with_unknown_names

    text = "Jets bombed al-Bab in Syria on Monday, and a bomb exploded in Abu Dashir in Baghdad Tuesday."
    doc = stages.resolver(stages.recognizer(Document(id="t", text=text)))
    verb = (text.index("bombed"), text.index("bombed") + 6)
    cands = with_unknown_names(text, verb, known_candidates(doc.places))
    got = [(text[c.span[0] : c.span[1]], c.mention and text[c.mention[0] : c.mention[1]]) for c in cands]
    assert ("al-Bab", "Bab") in got and ("Abu Dashir", "Abu") in got
    assert ("Baghdad", None) in got and ("Syria", None) in got  # 'Tuesday' is no part of the name
    assert [c.key for c in cands if c.mention] == [c.mention for c in cands if c.mention]
    # a possessive joins two names in one capitalised run: the city, and the district in it (a name the
    # gazetteer lacks, recognised by its own feature word: level "none")
    text = "A bomb exploded in Mogadishu's Shibbis District on Monday."
    doc = stages.resolver(stages.recognizer(Document(id="t", text=text)))
    verb = (text.index("exploded"), text.index("exploded") + 8)
    cands = with_unknown_names(text, verb, known_candidates(doc.places))
    assert [(text[c.span[0] : c.span[1]], c.level) for c in cands][1:3] == [
        ("Mogadishu", "town"),
        ("Shibbis District", "none"),
    ]
    links = stages.linked("Jets bombed al-Bab in Syria on Monday.")
    assert [name for name, _ in _where(links)] == ["Bab"]


def test_transliterated_names_keep_their_ayn() -> None:
    """'Tal Al-‘Eiss', 'Mas ‘Idyah': the ‘ of transliterated Arabic does not cut a name in two."""
    from geo.link_model import capitalised_names

    text = "Shells hit Tal Al-‘Eiss and Mas ‘Idyah."
    assert [text[a:b] for a, b in capitalised_names(text)] == ["Shells", "Tal Al-‘Eiss", "Mas ‘Idyah"]


def test_a_longer_name_than_the_recognised_part_is_another_place(stages: _Stages) -> None:
    """'Balad Ruz' is not the town of Balad the recogniser matched; 'al-Bab' is Bab and 'Alexandria
    University' lies in Alexandria."""
    from geo.link_model import LinkCandidate
    from geo.linking import _names_another_place

    text = "in Balad Ruz, al-Bab and Alexandria University"
    for name, part, other in (("Balad Ruz", "Balad", True), ("al-Bab", "Bab", False)):
        a, b = text.index(name), text.index(name) + len(name)
        m = text.index(part, a)
        assert _names_another_place(text, LinkCandidate((a, b), "town", (m, m + len(part)))) is other
    a = text.index("Alexandria")
    cand = LinkCandidate((a, len(text)), "town", (a, a + len("Alexandria")))
    assert not _names_another_place(text, cand)
    links = stages.linked("Gunmen attacked a checkpoint in Balad Ruz, in Diyala province, late on Saturday.")
    assert "Balad" not in [name for name, _ in _where(links)]


def test_a_neighbourhood_the_gazetteer_lacks_is_in_the_town_holding_it(stages: _Stages) -> None:
    """The model ties the event to 'the Zafaraniyah neighbourhood of southern Baghdad', a name no
    gazetteer entry holds: the event is in Baghdad."""
    links = stages.linked(
        "A car bomb exploded in the Zafaraniyah neighbourhood of southern Baghdad on Sunday, killing five."
    )
    # the explosion and the killing, named as the text names the place and placed at Baghdad
    assert links and set(_named_and_placed(links)) == {("Zafaraniyah", "Baghdad", 1)}
    # (the recogniser finds "Zafaraniyah" by its noun; the gazetteer cannot place it, so Baghdad is chosen)
    assert "Baghdad" in links[0].link_reason


def test_a_neighbourhood_of_two_words_is_in_the_last_town(stages: _Stages) -> None:
    links = stages.linked(
        "Gunmen killed eight people in Guayaquil on Saturday.\n\n"
        "In the first attack, men on motorcycles opened fire outside a shop in the Socio Vivienda "
        "neighbourhood, killing five."
    )
    assert _where(links)[-1] == ("Guayaquil", 1)


def test_a_closed_record_gate_leaves_the_choice_to_the_rules(gazetteer: Gazetteer) -> None:
    """The link model's record gate says whether the verb has a place at all: one that never lets a verb
    have one leaves the model choosing nothing (the place comes from the fallbacks); one always open
    leaves the model's choice as it was."""
    from dataclasses import replace

    from geo.link_model import RecordGate, packaged_link_model

    text = "Rebel shelling of Kandahar continued overnight."
    closed = _Stages(gazetteer)
    closed.linker = EventLinker(
        gazetteer, link_model=replace(packaged_link_model(), gate=RecordGate({}, (0.0, 0.0, 0.0), -30.0, 0.5))
    )
    assert "link model ties" not in closed.linked(text)[0].link_reason
    opened = _Stages(gazetteer)
    opened.linker = EventLinker(
        gazetteer, link_model=replace(packaged_link_model(), gate=RecordGate({}, (0.0, 0.0, 0.0), 30.0, 0.5))
    )
    assert "link model ties" in opened.linked(text)[0].link_reason


def test_the_area_is_not_the_city_a_distance_was_measured_from(stages: _Stages) -> None:
    text = (
        "A roadside bomb hit an army patrol near the town of Muqdadiya, 80 km northeast of Baghdad, on "
        "Monday. Troops later launched an operation in the area and arrested four suspects."
    )
    assert [name for name, _ in _where(stages.linked(text))] == ["Muqdadiya", "Muqdadiya"]


def test_the_rebels_refer_back_to_the_town_not_the_province_that_holds_it(stages: _Stages) -> None:
    text = (
        "Communist rebels ambushed an army patrol in the central Philippines on Tuesday, killing three "
        "soldiers.\n\nThe guerrillas set off a landmine before firing on the soldiers in a village in "
        "Catarman town, Northern Samar province, an army spokesman said.\n\nTroops found two rifles after "
        "the rebels withdrew."
    )
    assert [name for name, _ in _where(stages.linked(text))][-1] == "Catarman"


def test_an_unknown_village_in_a_countrys_province_lies_in_the_province(stages: _Stages) -> None:
    text = (
        "Gunmen on motorcycles killed at least 30 villagers in an attack on the village of Kadawa in "
        "Nigeria's northwestern Zamfara state on Monday night, police said."
    )
    assert _named_and_placed(stages.linked(text)) == [("Kadawa", "Zamfara", 3)]


def test_an_unknown_place_no_words_hold_lies_in_the_province_of_its_clause(stages: _Stages) -> None:
    """'clashed with police in Zorwandi ..., the Kandahar province police chief said': no gazetteer entry
    holds Zorwandi and no words say where it lies, but the one province its clause names holds it: the
    event is named Zorwandi, placed at that province (precision 3, no point of its own)."""
    text = (
        "Militants clashed with police in Zorwandi late on Monday, leaving three militants dead, the "
        "Kandahar province police chief said."
    )
    assert _named_and_placed(stages.linked(text)) == [("Zorwandi", "Kandahar", 3)]
    # a further name the gazetteer lacks, picked with the first, lies where that one does: one place, so
    # one record there with all six dead (ACLED codes one event per location), not two at one point
    text = (
        "Militants attacked the villages of Zorwandi and Kharbul in Kandahar province on Monday, killing six."
    )
    links = stages.linked(text)
    assert _named_and_placed(links) == [("Zorwandi", "Kandahar", 3)]
    assert [link.fatalities for link in links] == [6]
    # a demonym is no place of its own ("the Indian capital")
    text = "Soldiers patrolled the streets of the Indian capital on Sunday."
    assert all(link.place is None or link.place.mention.text != "Indian" for link in stages.linked(text))


def test_the_people_an_event_met_in_a_place_are_not_speakers_there(gazetteer: Gazetteer) -> None:
    from geo.pipeline import Pipeline

    text = (
        "Three people were killed on Saturday when opposition supporters clashed with police and ruling "
        "party activists in the capital Dhaka, police said."
    )
    doc = Pipeline.default(gazetteer.path)(Document(id="d", text=text, date=dt.date(2023, 10, 29)))
    assert [le.place.mention.text for le in doc.linked if le.place is not None] == ["Dhaka"]


def test_where_marchers_tried_to_go_is_not_where_they_were_met(gazetteer: Gazetteer) -> None:
    from geo.pipeline import Pipeline

    text = (
        "Police fired tear gas at thousands of farmers trying to march to New Delhi from a border crossing "
        "in Punjab state on Wednesday."
    )
    doc = Pipeline.default(gazetteer.path)(Document(id="d", text=text, date=dt.date(2024, 2, 22)))
    assert "New Delhi" not in [le.place.mention.text for le in doc.linked if le.place is not None]


def test_the_strike_of_the_paragraph_before_is_where_what_it_followed_happened(stages: _Stages) -> None:
    # "the strike" refers back like "the attack": the ambush it followed was near that strike's place
    text = (
        "Jets bomb market in Afghanistan\n\n"
        "Government jets bombed a market in Kandahar province on Sunday, killing nine civilians.\n\n"
        "The strike came after Taliban fighters ambushed an army convoy nearby on Saturday.\n\n"
        "In Helmand province, police arrested two men on Friday."
    )
    assert _where(stages.linked(text))[1] == ("Kandahar", 3)  # not the country the article names


def test_the_troops_of_a_speaking_ministry_take_a_village_abroad(stages: _Stages) -> None:
    # "its troops": the speaking country's; a foreign state's forces taking a village overtake it (ACLED)
    text = (
        "Russia's defence ministry said on Monday its troops had taken control of the village of Urozhaine."
    )
    (link,) = stages.linked(text)
    assert (link.event.sub_event_type, link.event.actor1) == (
        "Non-state actor overtakes territory",
        "Military Forces of Russia",
    )


def test_a_listed_region_is_the_province_even_when_a_city_shares_its_name(stages: _Stages) -> None:
    text = (
        "Air defences shot down 24 drones over the Odesa and Mykolaiv regions on Monday, the air force said."
    )
    places = [(link.place.mention.text, link.geo_precision) for link in stages.linked(text) if link.place]
    assert ("Odesa", 3) in places


def test_a_town_the_gazetteer_lacks_lies_in_the_country_of_its_demonym(stages: _Stages) -> None:
    text = (
        "An Israeli drone strike on a car in the southern Lebanese town of Qarbathiyeh killed three people "
        "on Monday, security sources said."
    )
    (link,) = stages.linked(text)
    assert link.place is not None and link.place.place is not None
    assert (link.place.place.country_code, link.geo_precision) == ("LB", 3)


def test_a_clash_told_in_a_participle_is_where_the_opening_verb_attacked(stages: _Stages) -> None:
    # the clash types the event; "attacked the town of X" says where it happened
    text = (
        "Islamic State claims attack on Mozambique town\n\n"
        "MAPUTO, May 12 - Islamic State-linked insurgents attacked the town of Macomia in Mozambique's "
        "northern Cabo Delgado province on Friday, looting shops and clashing with soldiers for several "
        "hours, local sources said.\n\n"
        "The militants withdrew on Saturday morning after Rwandan troops arrived as reinforcements."
    )
    link = stages.linked(text)[0]
    assert (link.event.sub_event_type, link.place.mention.text if link.place else None) == (
        "Armed clash",
        "Macomia",
    )


def test_similar_protests_that_took_place_elsewhere_are_events_of_that_day(stages: _Stages) -> None:
    text = (
        "Students marched through Dhaka on Monday against job quotas.\n\n"
        "Similar protests took place in Chittagong and Rajshahi, where students blocked highways."
    )
    links = stages.linked(text)
    assert [link.place.mention.text for link in links if link.place] == ["Dhaka", "Chittagong", "Rajshahi"]
    assert {link.event.date for link in links} == {dt.date(2024, 3, 11)}


def test_strikes_that_kill_are_air_strikes_fired_by_the_country_named_before_them(stages: _Stages) -> None:
    """ "Israeli strikes killed", "killed in an Israeli strike": a strike that kills is an air strike
    (a strike by workers kills no one), and the demonym before it names who fired, in the passive too."""
    text = (
        "Israeli strikes killed 12 people in Deir al-Balah on Wednesday, medics said.\n\n"
        "Five people, including two children, were killed in an Israeli strike on a house in Khan Younis "
        "on Tuesday.\n\n"
        "Two civilians were wounded by Russian shelling in Nikopol on Monday."
    )
    coded = [
        (
            link.event.sub_event_type,
            link.event.actor1,
            link.fatalities,
            link.place.mention.text if link.place else None,
        )
        for link in stages.linked(text)
    ]
    assert coded == [
        ("Air/drone strike", "Military Forces of Israel", 12, "Deir al-Balah"),
        ("Air/drone strike", "Military Forces of Israel", 5, "Khan Younis"),
        ("Shelling/artillery/missile attack", "Military Forces of Russia", 0, "Nikopol"),
    ]


def test_a_strike_by_workers_is_no_air_strike(stages: _Stages) -> None:
    text = "Dock workers took part in the strike on Monday, and two were injured in the strike in Mombasa."
    assert all(link.event.sub_event_type != "Air/drone strike" for link in stages.linked(text))


def test_troops_that_came_under_fire_and_returned_it_fought_one_battle(stages: _Stages) -> None:
    text = (
        "Troops came under fire from militants in the West Bank city of Jenin on Wednesday and returned "
        "fire, killing two gunmen, the army said."
    )
    (link,) = stages.linked(text)
    assert (link.event.sub_event_type, link.event.actor2, link.fatalities) == (
        "Armed clash",
        "Unidentified Armed Group",
        2,
    )
    assert link.place is not None and link.place.mention.text == "Jenin"


def test_an_event_no_place_of_its_sentence_fits_is_in_the_country_its_sentence_names(stages: _Stages) -> None:
    """Not in the country the article names most, which is another story's."""
    text = (
        "Insurgents beheaded five villagers in Macomia district of Cabo Delgado province, Mozambique, "
        "last week.\n\n"
        "In Burkina Faso, jihadists killed 20 soldiers near the border with Niger on Tuesday.\n\n"
        "A rally on Wednesday backed the military government and its leader, a former officer from Kaya."
    )
    rally = stages.linked(text)[-1]
    assert rally.event.sub_event_type == "Peaceful protest"
    assert _country_and_precision(rally) == ("BF", 3)


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Residents of Ouagadougou held a rally on Wednesday in support of the military government.", "BF"),
        ("Hundreds of residents of Bobo-Dioulasso marched on Friday to demand better security.", "BF"),
    ],
)
def test_a_demonstration_of_the_residents_of_a_town_is_in_that_town(
    stages: _Stages, text: str, town: str
) -> None:
    """Not in their country: the crowd gathered where it lives (ACLED's most specific place)."""
    (rally,) = stages.linked(text)
    assert rally.event.event_type == "Protests"
    assert _country_and_precision(rally) == (town, 1)
    assert rally.place is not None and rally.place.place is not None
    assert rally.place.place.feature_code.startswith("PPL")


def test_a_strike_told_a_day_before_another_event_is_in_its_own_clause_and_day(stages: _Stages) -> None:
    text = (
        "Hezbollah fired more than 200 rockets at military positions in northern Israel on Wednesday, a "
        "day after an Israeli air strike killed one of its commanders in the southern Lebanese town of "
        "Jouaiya, the group said.\n\n"
        "The Israeli military said most of the projectiles were intercepted and that fires broke out near "
        "Kiryat Shmona."
    )
    rockets, strike = stages.linked(text)
    assert rockets.event.sub_event_type == "Shelling/artillery/missile attack"
    assert _country_and_precision(rockets)[0] == "IL"
    assert (strike.event.sub_event_type, strike.event.date) == ("Air/drone strike", dt.date(2024, 3, 12))
    assert _country_and_precision(strike) == ("LB", 3)


def test_federal_forces_are_the_states(stages: _Stages) -> None:
    text = "Fano fighters clashed with Ethiopian federal forces near Debre Tabor in Amhara on Monday."
    (link,) = stages.linked(text)
    assert (link.event.actor1, link.event.actor2) == ("Fano", "Military Forces of Ethiopia")


def test_shelling_by_a_countrys_government_and_the_reply_of_another_story(stages: _Stages) -> None:
    """ "Syrian government shelling": the country's forces fired it; the reply told after it is another
    event; and a story told in another place, with no day of its own, takes not the day of the one before."""
    text = (
        "Islamic State militants ambushed a bus of soldiers near Palmyra on Wednesday, killing nine.\n\n"
        "In Idlib province, Syrian government shelling hit the town of Sarmin, killing a woman and her two "
        "children, rescuers said. Hayat Tahrir al-Sham fighters responded by shelling government positions "
        "in Saraqeb."
    )
    ambush, sarmin, saraqeb = stages.linked(text)
    assert ambush.event.date == dt.date(2024, 3, 13)
    assert (sarmin.event.actor1, sarmin.fatalities) == ("Military Forces of Syria", 3)
    assert saraqeb.event.actor1 == "Hayat Tahrir al-Sham"
    assert [link.place.mention.text if link.place else None for link in (sarmin, saraqeb)] == [
        "Sarmin",
        "Saraqeb",
    ]
    assert sarmin.event.time_precision == saraqeb.event.time_precision == 2


@pytest.mark.parametrize(
    "text",
    [
        "Rebels attacked a cargo ship off the port of Hodeidah on Wednesday.",
        "Rebels attacked a cargo ship off Hodeidah on Wednesday.",
    ],
)
def test_a_ship_attacked_off_a_port_is_near_it(stages: _Stages, text: str) -> None:
    """At sea off a town: ACLED's precision 2 at the town, as "near" it."""
    assert _where(stages.linked(text)) == [("Hodeidah", 2)]


def test_a_district_the_gazetteer_has_only_as_its_town_is_at_district_precision(stages: _Stages) -> None:
    links = stages.linked(
        "Insurgents beheaded five villagers in the Macomia district of Mozambique last week."
    )
    assert _where(links) == [("Macomia", 2)]


def test_a_neighbourhood_of_a_city_is_one_place_not_two(stages: _Stages) -> None:
    links = stages.linked(
        "Gang members attacked the Delmas neighbourhood of Port-au-Prince overnight, killing 14 residents."
    )
    assert [(link.place.mention.text if link.place else None, link.fatalities) for link in links] == [
        ("Delmas", 14)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Heavy fighting was reported in Kassala on Sunday.",
        "Clashes between the army and the rebels were also reported in Kassala.",
    ],
)
def test_an_event_reported_in_a_town_happened_there(stages: _Stages, text: str) -> None:
    """ "was reported in X" is where the fighting was, not where someone spoke (unlike "reported from")."""
    assert _where(stages.linked(text)) == [("Kassala", 1)]


def test_a_town_in_apposition_to_a_capital_is_the_place(stages: _Stages) -> None:
    links = stages.linked(
        "Paramilitary fighters said they had beaten back an army assault on their positions in the "
        "Al-Jazira state capital, Wad Madani, killing dozens of soldiers."
    )
    assert _where(links) == [("Wad Madani", 1)]


def test_a_strike_near_the_city_named_before_is_not_the_next_clash_elsewhere(stages: _Stages) -> None:
    """The air strike "east of the city" is at the town named before; the artillery duel the next
    paragraph places in another town is another event, not the strike told again."""
    text = (
        "Paramilitary fighters shelled the city of Kassala on Monday, killing six civilians.\n\n"
        "The army said its jets bombed paramilitary positions east of the city.\n\n"
        "In Sennar, the army and the paramilitary fighters exchanged artillery fire on Tuesday."
    )
    links = stages.linked(text)
    assert [(link.event.sub_event_type, *_where((link,))[0]) for link in links] == [
        ("Shelling/artillery/missile attack", "Kassala", 1),
        ("Air/drone strike", "Kassala", 2),
        ("Armed clash", "Sennar", 1),
    ]


def test_an_affiliates_claim_of_an_attack_by_its_parents_kin_is_that_attack(stages: _Stages) -> None:
    """ "Al Qaeda-linked fighters" and JNIM (al Qaeda's branch in the Sahel, ``actor_affiliates.csv``)
    are one side: its claim tells the same ambush, now with its name; "in the Sahel" says which branch,
    not where anything happened."""
    text = (
        "Al Qaeda-linked fighters ambushed an army convoy near Djibo in northern Burkina Faso on Sunday, "
        "killing 25 soldiers, a security source said.\n\n"
        "JNIM, al Qaeda's branch in the Sahel, said in a statement that it had killed 25 soldiers."
    )
    links = stages.linked(text)
    assert [(link.event.actor1, link.fatalities, *_where((link,))[0]) for link in links] == [
        ("JNIM", 25, "Djibo", 2)
    ]


def test_an_event_at_places_the_gazetteer_lacks_is_not_at_another_events_province(stages: _Stages) -> None:
    """Its sentence names its own village and province (neither known): the country, not the province
    the article named for another attack."""
    text = (
        "Jihadists killed 20 villagers near the town of Kaya in Centre-Nord region on Saturday.\n\n"
        "Last month, suspected jihadists killed 11 people at a mosque in Tinakoff village in Oudalan "
        "province."
    )
    links = stages.linked(text)
    assert [
        (link.fatalities, link.place.place.name if link.place else None, link.geo_precision) for link in links
    ] == [
        (20, "Kaya", 2),
        (11, "Burkina Faso", 3),
    ]


def test_federal_troops_are_no_place(stages: _Stages) -> None:
    """ "Federal" names a town in Argentina and Brazil's Federal District, but "Federal troops" opening a
    sentence are a state's soldiers."""
    links = stages.linked("Federal troops killed 30 rebels in an operation last week.")
    assert [link.place for link in links] == [None]


def test_a_town_named_near_another_is_the_one_near_it(stages: _Stages) -> None:
    # the gazetteer has two villages called Burqa in the West Bank; the one near Ramallah is meant
    [link] = stages.linked(
        "Settlers set fire to cars and a house in the village of Burqa near Ramallah on Monday."
    )
    place = link.place.place if link.place is not None else None
    assert place is not None and place.name == "Burqah"
    assert abs(place.lat - 31.90) < 0.1 and abs(place.lon - 35.25) < 0.1


def test_a_place_the_gazetteer_lacks_lies_in_the_country_named_as_holding_it(stages: _Stages) -> None:
    [link] = stages.linked(
        "Turkish drones struck PKK targets in the Gara region of northern Iraq on Wednesday, killing 11 "
        "militants, the Turkish defence ministry said."
    )
    # not Gara, Hungary: the only Gara the gazetteer knows
    assert _country_and_precision(link) == ("IQ", 3)


def test_a_dateline_town_is_not_the_finer_place_of_a_province(stages: _Stages) -> None:
    [link] = stages.linked(
        "NARATHIWAT, Thailand, March 20 - A roadside bomb wounded four paramilitary rangers on patrol in "
        "Rangae district of Narathiwat province on Tuesday morning, police said."
    )
    assert link.place is not None and link.place.place is not None
    assert (link.place.place.feature_code, link.geo_precision) == ("ADM1", 3)


def test_the_capital_is_the_capital_of_the_country_named_before(stages: _Stages) -> None:
    links = stages.linked(
        "Rebels attacked an army post in the Ouham region of the Central African Republic on Tuesday. "
        "In the capital, police fired tear gas on Wednesday to disperse traders protesting new taxes."
    )
    protest = next(link for link in links if link.event.event_type == "Protests")
    assert protest.place is not None and protest.place.place is not None
    assert (protest.place.place.feature_code, protest.place.place.country_code, protest.geo_precision) == (
        "PPLC",
        "CF",
        1,
    )


def test_parliament_is_of_the_country_the_sentence_names_not_the_one_before(stages: _Stages) -> None:
    # a speaker's place in the sentence still says whose parliament: Uganda's, not Congo's (Kinshasa)
    links = stages.linked(
        "Suspected rebels killed 11 villagers near the border with Congo on Monday. Separately, police in "
        "the capital Kampala said they had arrested 23 people who tried to march on parliament on Tuesday."
    )
    arrest = next(link for link in links if "Kampala" in link.event.sentence)
    assert arrest.place is not None and arrest.place.place is not None
    assert (arrest.place.place.name, arrest.geo_precision) == ("Kampala", 1)


def test_intercepted_across_the_country_is_the_country_not_the_last_town(stages: _Stages) -> None:
    links = stages.linked(
        "A missile hit an apartment block in Dnipro overnight, killing three people. Air defences "
        "destroyed 40 drones across the country, the air force said."
    )
    assert [_country_and_precision(link) for link in links] == [("UA", 1), ("UA", 3)]
    codes = [link.place.place.feature_code for link in links if link.place and link.place.place]
    assert codes == ["PPL", "PCLI"]


def test_a_second_event_of_the_sentence_keeps_its_own_clauses_place(stages: _Stages) -> None:
    links = stages.linked(
        "Later on Tuesday, Israeli shelling hit the outskirts of the village of Marjayoun and a strike on a "
        "house in Bint Jbeil wounded two civilians, the state news agency said."
    )
    # the strike is Bint Jbeil's alone: Marjayoun is the shelling's
    assert [(link.event.sub_event_type, link.place.mention.text if link.place else "") for link in links] == [
        ("Shelling/artillery/missile attack", "Marjayoun"),
        ("Air/drone strike", "Bint Jbeil"),
    ]


def test_a_town_beside_a_countrys_border_is_not_that_countrys_namesake(stages: _Stages) -> None:
    # the gazetteer knows only the Kenyan El Wak; the one "near the Kenyan border" is across it, in Somalia
    links = stages.linked(
        "Somali troops clashed with militants in Baidoa on Sunday. On Monday, militants attacked a police "
        "station in El Wak, near the Kenyan border, killing three officers."
    )
    attack = links[-1]
    assert attack.place is not None and attack.place.place is not None
    assert (attack.place.place.country_code, attack.geo_precision) == ("SO", 3)


def test_a_county_of_a_country_whose_counties_are_its_provinces_is_the_province(stages: _Stages) -> None:
    # Kenya's counties are its first-level divisions (GeoNames ADM1); Lamu District is an older one
    [link] = stages.linked("A roadside bomb killed two soldiers in Lamu county on Tuesday, police said.")
    assert link.place is not None and link.place.place is not None
    assert (link.place.place.country_code, link.place.place.feature_code) == ("KE", "ADM1")


def test_the_part_of_a_named_whole_is_the_smaller_place_whichever_comes_first(gazetteer: Gazetteer) -> None:
    """ "the Delmas neighbourhood of Port-au-Prince" and "the Port-au-Prince neighbourhood of Delmas" name
    one place, Delmas: of two towns the smaller is the part; a name the gazetteer lacks is always the part."""

    def placed(name: str) -> ResolvedPlace:
        place = gazetteer.lookup(name, country_codes=["HT"], limit=1)[0].place
        return ResolvedPlace(Mention(name, 0, len(name)), place, 1.0, "")

    delmas, capital = placed("Delmas"), placed("Port-au-Prince")
    assert _finer_part(delmas, capital) and not _finer_part(capital, delmas)
    unknown = ResolvedPlace(Mention("Xyzville", 0, 8), None, 0.0, "")
    assert _finer_part(unknown, capital) and not _finer_part(capital, unknown)


def test_mediators_from_a_town_came_from_it() -> None:
    """'A truce brokered by elders from Zawiya took hold': the elders came from Zawiya; the truce was not
    made there."""
    text = "A ceasefire brokered by elders from Zawiya took hold in the capital on Wednesday."
    assert is_speech_place(text, text.index("Zawiya"), text.index("Zawiya") + 6)


def test_the_places_events_refer_back_to_are_found_once_per_document(stages: _Stages) -> None:
    """``_told_places`` (memoised for the last document): the placed names of a document, in order,
    without places of speech, datelines, distances' anchors and demonyms; another document gets its own."""
    texts = [
        "KABUL (AP) - Gunmen attacked a checkpoint in Herat. Officials in Kandahar said that 40 km from "
        "Ghazni Afghan troops fought the attackers.",
        "Rebels shelled Jalalabad on Monday. The army said fighting went on near Kunduz.",
    ]
    docs = [
        stages.extractor(
            stages.resolver(stages.recognizer(Document(id="t", text=t, date=dt.date(2024, 3, 14))))
        )
        for t in texts
    ]
    for doc in [*docs, docs[0], docs[0], docs[1]]:
        text = doc.text
        expected = [
            rp
            for rp in doc.places
            if rp.place is not None
            and not is_speech_place(text, rp.mention.start, rp.mention.end)
            and not _dateline_name(rp.mention.text)
            and not distance_anchor(text, rp.mention.start)
            and rp.mention.kind != "demonym"
        ]
        told = _told_places(doc)
        assert told == expected
        assert _told_places(doc) is told  # asked again for the same document: the memo
    assert {rp.mention.text for rp in _told_places(docs[0])} >= {"Herat"}


def test_the_parliament_a_crowd_stormed_is_in_the_capital(stages: _Stages) -> None:
    """With no place after it, the country's parliament is in its capital (precision 1)."""
    links = stages.linked(
        "Police fired tear gas at protesters in Mombasa, Kenya, on Tuesday.\n\n"
        "Last week, 23 people were killed when protesters stormed parliament."
    )
    assert _named_and_placed(links)[-1][1:] == ("Nairobi", 1)


def test_an_unknown_village_beside_its_province_is_placed_in_the_province(stages: _Stages) -> None:
    """ "in Kuriga, Kaduna state": the model picks the village the gazetteer lacks and not the province
    beside it; the village is then placed in that province (precision 3) rather than the event falling
    to the country, even though no known place of the sentence reached the model's bar on its own."""
    links = stages.linked("Bandits abducted 40 students from a school in Kuriga, Kaduna state, on Thursday.")
    assert _named_and_placed(links) == [("Kuriga", "Kaduna", 3)]
    assert "not in the gazetteer" in links[0].link_reason


@pytest.mark.parametrize(
    ("sentence", "held", "holder"),
    [
        (
            "LA PAZ, Bolivia - At least 29 inmates were killed on Friday at the Palmasola prison in the "
            "eastern city of Santa Cruz as rival gangs clashed, Bolivian officials said.",
            "Palmasola",
            "Santa Cruz de la Sierra",
        ),
        (
            "A roadside bomb killed two soldiers on Saturday in Mir Ali, a small town in the North "
            "Waziristan district of Pakistan.",
            "Mir Ali",
            "North Waziristan",
        ),
    ],
)
def test_a_place_the_gazetteer_lacks_lies_where_its_words_put_it(
    stages: _Stages, sentence: str, held: str, holder: str
) -> None:
    """ "the Palmasola prison in the eastern city of Santa Cruz", "Mir Ali, a small town in the North
    Waziristan district": the event is named by the place the gazetteer lacks and placed at the city or
    district the words say holds it ("the city of" a province's namesake is the city)."""
    [link] = stages.linked(sentence)
    assert link.place is not None and link.place.place is not None
    assert (link.place.mention.text, link.place.place.name) == (held, holder)


def test_the_town_a_place_is_said_to_be_near_is_no_second_place(stages: _Stages) -> None:
    """ "raided Burqa, near Ramallah, and arrested five men": Ramallah says where Burqa lies; the raid and
    its arrests are one event, at Burqa (no second record at Ramallah)."""
    links = stages.linked("Israeli troops raided Burqa, near Ramallah, on Monday and arrested five men.")
    assert [(link.event.sub_event_type, *_named_and_placed((link,))[0]) for link in links] == [
        ("Arrests", "Burqa", "Burqah", 1)
    ]


def test_outside_a_towns_own_site_is_in_the_town(stages: _Stages) -> None:
    """ "outside Istanbul's city hall": the hall is in the city (precision 1); "near Goma's outskirts" is
    near the town (2)."""
    links = stages.linked("Police fired tear gas at protesters outside Istanbul's city hall on Thursday.")
    assert _where(links) == [("Istanbul", 1)]
    links = stages.linked("Rebels shelled a camp near Goma's outskirts on Thursday, killing four people.")
    assert _where(links) == [("Goma", 2)]


def test_a_district_named_with_a_demonym_is_the_district(stages: _Stages) -> None:
    """ "in the Indian district of Poonch": the demonym qualifies no district (unlike "the Tajoura district of
    Tripoli"), so Poonch is the district, at its town with a district's precision."""
    links = stages.linked("Shelling killed 12 civilians in the Indian district of Poonch on Wednesday.")
    assert _where(links) == [("Poonch", 2)]


def test_the_one_province_whose_force_tells_of_an_event_is_its_place(stages: _Stages) -> None:
    """ "Bandits killed two herders on Thursday, the Zamfara state police command said": no place of the
    sentence is the event's, but the one province it names, holding every place named, is finer than
    its country (precision 3 both)."""
    links = stages.linked("Bandits killed two herders on Thursday, the Zamfara state police command said.")
    assert _named_and_placed(links) == [("Zamfara", "Zamfara", 3)]
