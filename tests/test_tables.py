"""events_frame / places_frame on documents built by hand from the real records."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd

from geo.records import Document, Event, LinkedEvent, Mention, Place, ResolvedPlace
from geo.tables import events_frame, iso3, places_frame

KABUL = Place(
    geonameid=1138958,
    name="Kabul",
    lat=34.52813,
    lon=69.17233,
    feature_class="P",
    feature_code="PPLC",
    country_code="AF",
    admin1_name="Kabul",
    country_name="Afghanistan",
)
QUETTA = Place(
    geonameid=1167528,
    name="Quetta",
    lat=30.18414,
    lon=67.00141,
    feature_class="P",
    feature_code="PPLA",
    country_code="PK",
    admin1_name="Balochistan",
)

TEXT = "Gunmen attacked a checkpoint in Kabul on Monday. A spokesman in Quetta denied it. Nobody knows where."


def _span(text: str, word: str, start: int = 0) -> tuple[int, int]:
    i = text.index(word, start)
    return i, i + len(word)


def sample_document() -> Document:
    """Two sentences with events: one placed in its own sentence, one unplaced."""
    k0, k1 = _span(TEXT, "Kabul")
    q0, q1 = _span(TEXT, "Quetta")
    s1 = (0, TEXT.index(".") + 1)
    s3 = (TEXT.index("Nobody"), len(TEXT))
    kabul = ResolvedPlace(Mention("Kabul", k0, k1), KABUL, 0.93, "capital; context Afghanistan")
    quetta = ResolvedPlace(Mention("Quetta", q0, q1), QUETTA, 0.88, "only candidate")
    nowhere = ResolvedPlace(Mention("Atlantis", 0, 0), None, 0.0, "not in gazetteer")
    attack = Event(
        event_id="d1-e1",
        doc_id="d1",
        sentence=TEXT[s1[0] : s1[1]],
        sentence_span=s1,
        trigger=_span(TEXT, "attacked"),
        event_type="Violence against civilians",
        sub_event_type="Attack",
        disorder_type="Political violence",
        actor1="Unidentified Armed Group",
        fatalities=2,
        date=dt.date(2024, 3, 4),
        certainty="reported",
    )
    mystery = Event(
        event_id="d1-e2",
        doc_id="d1",
        sentence=TEXT[s3[0] : s3[1]],
        sentence_span=s3,
        trigger=_span(TEXT, "knows"),
        event_type="Strategic developments",
        sub_event_type="Other",
        certainty="claimed",
    )
    return Document(
        id="d1",
        text=TEXT,
        title="Checkpoint attack",
        date=dt.date(2024, 3, 5),
        url="https://example.org/a",
        source="wire.jsonl:1",
        places=(kabul, quetta, nowhere),
        events=(attack, mystery),
        linked=(
            LinkedEvent(attack, kabul, 1, "place named in the event's sentence", fatalities=2),
            LinkedEvent(mystery, None, 3, "no place in or near the sentence"),
        ),
    )


ACLED_ORDER = [
    "event_id",
    "event_date",
    "date_end",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor1",
    "inter1",
    "actor2",
    "inter2",
    "civilian_targeting",
    "country",
    "iso3",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "geonameid",
    "fatalities",
    "certainty",
    "source",
    "doc_id",
    "title",
    "url",
    "sentence",
    "trigger_start",
    "trigger_end",
    "place_start",
    "place_end",
    "link_reason",
    "notes",
]


def test_events_frame_has_acled_columns_in_order() -> None:
    frame = events_frame([sample_document()])
    assert list(frame.columns[: len(ACLED_ORDER)]) == ACLED_ORDER
    assert len(frame) == 2


def test_placed_event_row_carries_place_country_and_spans() -> None:
    row = events_frame([sample_document()]).iloc[0]
    assert (row["location"], row["admin1"], row["country"], row["iso3"]) == (
        "Kabul",
        "Kabul",
        "Afghanistan",
        "AFG",
    )
    assert (row["latitude"], row["longitude"], row["geonameid"]) == (34.52813, 69.17233, 1138958)
    assert row["geo_precision"] == 1
    assert row["event_date"] == "2024-03-04"
    assert row["fatalities"] == 2
    sentence = row["sentence"]
    assert sentence[row["trigger_start"] : row["trigger_end"]] == "attacked"
    assert sentence[row["place_start"] : row["place_end"]] == "Kabul"
    # sentence offsets plus sentence_start are document offsets
    assert TEXT[row["sentence_start"] + row["trigger_start"] :].startswith("attacked")
    assert (row["title"], row["url"], row["source"]) == (
        "Checkpoint attack",
        "https://example.org/a",
        "wire.jsonl:1",
    )


def test_unplaced_event_has_empty_coordinates() -> None:
    row = events_frame([sample_document()]).iloc[1]
    assert pd.isna(row["latitude"]) and pd.isna(row["longitude"])
    assert pd.isna(row["geo_precision"]) and pd.isna(row["geonameid"]) and pd.isna(row["place_start"])
    assert row["location"] == "" and row["certainty"] == "claimed"


def test_iso3_comes_from_country_data() -> None:
    assert (iso3("PK"), iso3("af"), iso3(""), iso3("ZZ")) == ("PAK", "AFG", "", "")


def test_country_name_filled_when_place_lacks_it() -> None:
    doc = sample_document()
    quetta = doc.places[1]
    ev = doc.events[0]
    linked = (LinkedEvent(ev, quetta, 2, "test"),)
    row = events_frame([Document(id="d2", text=TEXT, linked=linked)]).iloc[0]
    assert (row["country"], row["iso3"]) == ("Pakistan", "PAK")
    # Quetta is named in another sentence: no span inside this one
    assert pd.isna(row["place_start"])


def test_places_frame_one_row_per_resolved_place() -> None:
    frame = places_frame([sample_document()])
    assert list(frame.columns) == [
        "doc_id",
        "text",
        "start",
        "end",
        "name",
        "geonameid",
        "lat",
        "lon",
        "country_code",
        "feature_code",
        "admin1",
        "score",
        "reason",
    ]
    assert frame["text"].tolist() == ["Kabul", "Quetta", "Atlantis"]
    assert frame.loc[1, "geonameid"] == 1167528 and frame.loc[1, "admin1"] == "Balochistan"
    assert pd.isna(frame.loc[2, "geonameid"]) and frame.loc[2, "name"] == ""
    assert TEXT[frame.loc[0, "start"] : frame.loc[0, "end"]] == "Kabul"


def test_empty_input_gives_empty_frames_with_columns() -> None:
    assert list(events_frame([]).columns[:3]) == ["event_id", "event_date", "date_end"]
    assert events_frame([]).empty and places_frame([]).empty


def test_generic_actors_take_the_country_of_the_event_as_acled_names_them() -> None:
    doc = sample_document()
    kabul_row = events_frame([doc]).iloc[0]
    assert kabul_row["actor1"] == "Unidentified Armed Group (Afghanistan)"
    ev = replace(doc.events[0], actor1="Military Forces", actor2="Civilians")
    rows = events_frame([Document(id="d2", text=TEXT, linked=(LinkedEvent(ev, doc.places[1], 2, "t"),))])
    assert (rows.iloc[0]["actor1"], rows.iloc[0]["actor2"]) == (
        "Military Forces of Pakistan",
        "Civilians (Pakistan)",
    )
    unplaced = events_frame([Document(id="d3", text=TEXT, linked=(LinkedEvent(ev, None, 3, "t"),))])
    assert unplaced.iloc[0]["actor1"] == "Military Forces"  # no country to name


def test_country_forms_use_the_article_english_uses() -> None:
    from geo.actors import in_country

    assert in_country("Police Forces", "United States") == "Police Forces of the United States"
    assert in_country("Protesters", "United States") == "Protesters (United States)"
    assert in_country("Taliban", "Afghanistan") == "Taliban"


def test_an_actor_named_in_another_sentence_is_traceable() -> None:
    doc = sample_document()
    ev = replace(doc.events[0], actor1="Taliban", attribution="The Taliban claimed the attack.")
    row = events_frame([Document(id="d4", text=TEXT, linked=(LinkedEvent(ev, doc.places[0], 1, "t"),))]).iloc[
        0
    ]
    assert row["attribution"] == "The Taliban claimed the attack."
    assert row["notes"].endswith("Actor named by: The Taliban claimed the attack.")


SAHEL = Place(
    geonameid=990000001,
    name="Sahel",
    lat=15.0,
    lon=0.0,
    feature_class="L",
    feature_code="RGN",
    country_code="",
)


def test_unnamed_forces_placed_nowhere_or_in_no_country_are_the_storys_country() -> None:
    """ "Soldiers die in Sahel ambush" over a story placed in Afghanistan: the soldiers are Afghanistan's
    (the country its places name most), in the table and in `geo parse`'s records alike."""
    from geo.serialize import document_record

    doc = sample_document()
    ev = replace(doc.events[0], actor1="Unidentified Armed Group", actor2="Military Forces")
    sahel = ResolvedPlace(Mention("Sahel", 0, 5), SAHEL, 0.5, "region")
    for place in (None, sahel):
        story = replace(doc, linked=(LinkedEvent(ev, place, 3, "t"),))
        row = events_frame([story]).iloc[0]
        assert (row["actor1"], row["actor2"], row["country"]) == (
            "Unidentified Armed Group (Afghanistan)",
            "Military Forces of Afghanistan",
            "",
        )
        [record] = document_record(story)["events"]
        assert record["actor2"] == "Military Forces of Afghanistan"
