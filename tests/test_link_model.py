"""The link model's reading of an event's verb (``geo.link_model.verb_word``) and what the linker makes of
the names it keeps, on sentences of our own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from geo.events import EventExtractor
from geo.gazetteer import Gazetteer
from geo.link_model import LinkCandidate, candidate_features, packaged_link_model, verb_word
from geo.linking import EventLinker
from geo.records import Document, LinkedEvent
from geo.resolve import Resolver
from geo.toponyms import ToponymRecognizer


def _span(text: str, words: str, length: int | None = None) -> tuple[int, int]:
    """Where ``words`` start in ``text``, and their end (or ``length`` characters on)."""
    start = text.index(words)
    return start, start + (len(words) if length is None else length)


def test_a_trigger_of_several_words_is_read_by_the_word_the_model_knows_as_a_verb() -> None:
    """Halterman's sentences mark one word as the event's verb, so the model knows no verb of several
    words: "drones struck" is read as "struck", "the air force had struck" as "struck" (not the function
    word "had"), "fired tear gas" as "fired"; one word, or words the model knows none of, stay as they are."""
    model = packaged_link_model()
    text = "Turkish drones struck rebel hideouts in the Avashin region, and the air force had struck twice."
    assert verb_word(text, _span(text, "drones struck"), model) == _span(text, "struck")
    assert verb_word(text, _span(text, "air force had struck"), model) == _span(text, "struck twice", 6)
    text = "Police fired tear gas at the crowd."
    assert verb_word(text, _span(text, "fired tear gas"), model) == _span(text, "fired")
    assert verb_word(text, _span(text, "fired"), model) == _span(text, "fired")
    text = "A zzqx wrrbl hit the town."
    assert verb_word(text, _span(text, "zzqx wrrbl"), model) == _span(text, "zzqx wrrbl")


@pytest.fixture(scope="module")
def linked(gazetteer: Gazetteer) -> Callable[[str], tuple[LinkedEvent, ...]]:
    """The pipeline's stages up to the linker, as a function of a text."""
    recognizer, resolver = ToponymRecognizer(gazetteer), Resolver(gazetteer)
    extractor, linker = EventExtractor(), EventLinker(gazetteer)

    def run(text: str) -> tuple[LinkedEvent, ...]:
        doc = Document(id="t", text=text, date=dt.date(2024, 8, 12))
        return linker(extractor(resolver(recognizer(doc)))).linked

    return run


def test_a_strike_by_drones_in_a_region_the_gazetteer_lacks_is_named_by_it(
    linked: Callable[[str], tuple[LinkedEvent, ...]],
) -> None:
    """ "Turkish drones struck ... in the Avashin region of northern Iraq": the region (which the gazetteer
    lacks) is where, placed in Iraq."""
    text = (
        "Turkish drones struck rebel hideouts in the Avashin region of northern Iraq on Sunday, the defence "
        "ministry in Ankara said."
    )
    links = [link for link in linked(text) if link.place is not None]
    assert [(link.place.mention.text, link.place.place.country_code) for link in links] == [("Avashin", "IQ")]


def test_a_place_the_gazetteer_lacks_kept_with_its_holder_names_the_event(
    linked: Callable[[str], tuple[LinkedEvent, ...]],
) -> None:
    """ "the Mir Ali area of North Waziristan", "near Sinjat in northern Iraq": the model keeps both names,
    the holder scoring higher; the event is named by the part and placed at the holder, once (the holder
    alone before: Halterman's gold marks the part 10 times in 12 where the model keeps both)."""
    text = "Gunmen attacked a checkpoint in the Mir Ali area of North Waziristan on Monday."
    links = linked(text)
    assert [(link.place.mention.text, link.place.place.name) for link in links if link.place] == [
        ("Mir Ali", "North Waziristan")
    ]
    text = "Gunmen attacked a convoy near Sinjat in northern Iraq on Sunday."
    links = linked(text)
    assert [(link.place.mention.text, link.place.place.country_code) for link in links if link.place] == [
        ("Sinjat", "IQ")
    ]


def test_a_role_noun_after_a_name_is_a_feature_of_it() -> None:
    """ "the Herat police", "Mali's defence minister": a role noun within three words after a name says
    whose the actor is (``role_after``, with the noun's distance and the name's level, and without the
    level); a name with no such noun after it, or one cut off by punctuation, has none."""
    text = "Gunmen shot a driver near Tarin Kot, the Herat police and Mali's defence minister said."
    verb = _span(text, "shot")
    cands = [
        LinkCandidate(_span(text, "Tarin Kot"), "town"),
        LinkCandidate(_span(text, "Herat"), "town"),
        LinkCandidate(_span(text, "Mali"), "cty"),
    ]
    tarin, herat, mali = (
        {f for f in fs if f.startswith("role_after")} for fs in candidate_features(text, verb, cands, [verb])
    )
    assert tarin == set()
    assert herat == {"role_after=n0_town", "role_after=n0"}
    assert mali == {"role_after=poss1_cty", "role_after=poss1"}


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Unknown attackers burned a church, the Ghana defence minister said.", "GH"),
        ("Unknown attackers burned a church in a village, the Burkina Faso security minister said.", "BF"),
    ],
)
def test_a_country_named_before_a_minister_is_whose_not_where(
    linked: Callable[[str], tuple[LinkedEvent, ...]], text: str, country: str
) -> None:
    """ "the Ghana defence minister said": the country says whose the minister is; the link model does not
    take it as the event's place (the event is placed in that country only as the country of the
    sentence's names, the fallback when no name is the event's)."""
    (event,) = linked(text)
    assert event.place is not None
    assert event.place.place is not None and event.place.place.country_code == country
    assert event.link_reason.startswith("no place in the sentence is the event's"), event.link_reason
