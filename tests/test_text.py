"""Sentence spans shared by event extraction and linking."""

from __future__ import annotations

from geo.gazetteer import Gazetteer
from geo.pipeline import Pipeline
from geo.records import Document, ResolvedPlace
from geo.text import places_in, sentence_at, sentences


def _texts(text: str) -> list[str]:
    return [text[s:e] for s, e in sentences(text)]


def test_splits_on_full_stops_and_keeps_offsets() -> None:
    text = "Militia fighters burned a granary. Farmers fled the valley!  Was anyone hurt?"
    assert _texts(text) == [
        "Militia fighters burned a granary.",
        "Farmers fled the valley!",
        "Was anyone hurt?",
    ]


def test_titles_initials_and_acronyms_do_not_end_a_sentence() -> None:
    text = "Gen. Amir Q. Dostam met U.N. envoys in the capital. The talks failed."
    assert _texts(text) == ["Gen. Amir Q. Dostam met U.N. envoys in the capital.", "The talks failed."]


def test_acronym_followed_by_a_sentence_opener_ends_the_sentence() -> None:
    text = "The drones were built in the U.S. The next day they were grounded."
    assert _texts(text) == ["The drones were built in the U.S.", "The next day they were grounded."]


def test_headline_without_full_stop_is_its_own_sentence() -> None:
    text = "Rebels seize border post\n\nRebels seized a border post on Friday."
    assert _texts(text) == ["Rebels seize border post", "Rebels seized a border post on Friday."]


def test_a_headline_right_above_its_dateline_is_its_own_sentence() -> None:
    """Pasted copy often has no blank line between the headline and the dateline; a hard-wrapped line
    that goes on in the next one is no headline."""
    text = "Rebels seize border post\nLAGOS/ABUJA, May 3 - Rebels seized a border post on Friday."
    assert _texts(text) == [
        "Rebels seize border post",
        "LAGOS/ABUJA, May 3 - Rebels seized a border post on Friday.",
    ]
    text = "Blast kills three\nKYIV (Reuters) - A blast killed three people."
    assert _texts(text)[0] == "Blast kills three"
    text = "Soldiers fired on protesters outside the\nUN compound on Friday."
    assert _texts(text) == ["Soldiers fired on protesters outside the\nUN compound on Friday."]


def test_closing_quote_stays_with_its_sentence() -> None:
    text = '"We will hold the bridge." The captain left.'
    assert _texts(text) == ['"We will hold the bridge."', "The captain left."]


def test_sentence_at_finds_the_span_holding_an_offset() -> None:
    text = "One. Two."
    spans = sentences(text)
    assert sentence_at(spans, text.index("Two")) == 1
    assert sentence_at(spans, 4) is None  # the space between the sentences
    assert sentences("   ") == []


def test_places_in_gives_the_places_a_filter_of_their_starts_gives(gazetteer: Gazetteer) -> None:
    """The bisection over a document's place starts answers as the filter of every place does, for each
    sentence and for spans cutting through names, and for a document whose places are out of order."""
    text = (
        "Gunmen attacked a market in Kano on Monday. Police in Abuja said troops were sent to Maiduguri. "
        "Residents of Jos and Kaduna fled."
    )
    doc = Pipeline.default(gazetteer.path)(Document("d", text))
    assert len(doc.places) >= 4

    def filtered(places: tuple[ResolvedPlace, ...], s: int, e: int) -> list[ResolvedPlace]:
        return [rp for rp in places if s <= rp.mention.start < e]

    spans = [*sentences(text), (0, len(text)), (30, 31), (29, 90), (len(text), len(text))]
    for places in (doc.places, tuple(reversed(doc.places)), ()):
        for s, e in spans:
            assert list(places_in(places, s, e)) == filtered(places, s, e)
