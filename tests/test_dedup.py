"""geo.dedup: reports of one event from several articles merge; near-misses stay apart.

The articles are ours.  Their events are written as records (what the extractor and
linker produce), then turned into the real events table by ``geo.tables.events_frame``,
so de-duplication is tested on exactly the columns ``geo map`` gives it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.dedup import ADDED_COLUMNS, deduplicate, event_groups, haversine_km, per_article
from geo.records import Document, Event, LinkedEvent, Mention, Place, ResolvedPlace
from geo.tables import EVENT_COLUMNS, events_frame

KANDAHAR = Place(1138958, "Kandahar", 31.61332, 65.71013, "P", "PPLA", "AF", 391190)
# a village about 3.5 km from the city centre (made up for the test)
DEH_KHWAJA = Place(9000001, "Deh Khwaja", 31.6300, 65.7420, "P", "PPL", "AF")
SPIN_BOLDAK = Place(1127110, "Spin Boldak", 31.0041, 66.3997, "P", "PPL", "AF")
KANDAHAR_PROVINCE = Place(1138335, "Kandahar", 31.0, 65.5, "A", "ADM1", "AF")

_ids = itertools.count()


VAC = "Violence against civilians"


def article(doc_id: str, text: str, reports: list[dict[str, object]]) -> Document:
    """A document whose events are the given reports, each linked to its place in the text."""
    events, linked = [], []
    for rep in reports:
        place: Place | None = rep.get("place")  # type: ignore[assignment]
        sentence = str(rep["sentence"])
        start = text.index(sentence)
        ev = Event(
            event_id=f"{doc_id}-e{next(_ids)}",
            doc_id=doc_id,
            sentence=sentence,
            sentence_span=(start, start + len(sentence)),
            trigger=(start, start + 1),
            event_type=str(rep["type"]),
            sub_event_type=str(rep.get("sub", "")),
            actor1=str(rep.get("actor1", "")),
            actor2=str(rep.get("actor2", "")),
            fatalities=int(rep.get("fatalities", 0)),  # type: ignore[call-overload]
            date=rep.get("date"),  # type: ignore[arg-type]
            certainty=rep.get("certainty", "reported"),  # type: ignore[arg-type]
        )
        rp = None
        if place is not None:
            at = text.index(place.name, start)
            rp = ResolvedPlace(Mention(place.name, at, at + len(place.name)), place, 0.9, "test")
        events.append(ev)
        linked.append(LinkedEvent(ev, rp, int(rep.get("precision", 1)), "test", ev.fatalities))  # type: ignore[call-overload]
    return Document(id=doc_id, text=text, events=tuple(events), linked=tuple(linked), source=f"{doc_id}.txt")


NOV28 = dt.date(2001, 11, 28)

# One hanging, three wires.
WIRE_A = article(
    "wire-a",
    "Taliban officials hanged a man accused of spying in Kandahar on Wednesday.",
    [
        dict(
            sentence="Taliban officials hanged a man accused of spying in Kandahar on Wednesday.",
            type=VAC,
            sub="Attack",
            actor1="Taliban",
            fatalities=1,
            date=NOV28,
            place=KANDAHAR,
        )
    ],
)
WIRE_B = article(
    "wire-b",
    "An informer was executed by the Taliban in a square in Kandahar, people said.",
    [
        dict(
            sentence="An informer was executed by the Taliban in a square in Kandahar, people said.",
            type=VAC,
            sub="Attack",
            actor1="Taliban",
            actor2="Civilians (Afghanistan)",
            fatalities=1,
            date=NOV28,
            place=KANDAHAR,
        )
    ],
)
WIRE_C = article(
    "wire-c",
    "Two men were put to death near Deh Khwaja, a militia spokesman claimed.",
    [
        dict(
            sentence="Two men were put to death near Deh Khwaja, a militia spokesman claimed.",
            type=VAC,
            sub="Attack",
            fatalities=2,
            date=NOV28 + dt.timedelta(days=1),
            certainty="claimed",
            place=DEH_KHWAJA,
            precision=2,
        )
    ],
)
# Near-misses: each differs from the hanging in one way that matters.
NEAR_MISSES = article(
    "wire-d",
    "Gunmen killed a shopkeeper in Spin Boldak on Wednesday. "
    "Four days later, Taliban fighters shot a driver in Kandahar. "
    "Northern Alliance troops clashed with Taliban fighters in Kandahar on Wednesday. "
    "Northern Alliance guards shot a prisoner in Kandahar on Wednesday. "
    "Someone shot a farmer in Kandahar, date unknown. "
    "Taliban fighters shot a teacher, place unknown, on Wednesday.",
    [
        dict(
            sentence="Gunmen killed a shopkeeper in Spin Boldak on Wednesday.",
            type=VAC,
            sub="Attack",
            fatalities=1,
            date=NOV28,
            place=SPIN_BOLDAK,
        ),
        dict(
            sentence="Four days later, Taliban fighters shot a driver in Kandahar.",
            type=VAC,
            sub="Attack",
            actor1="Taliban",
            fatalities=1,
            date=NOV28 + dt.timedelta(days=4),
            place=KANDAHAR,
        ),
        dict(
            sentence="Northern Alliance troops clashed with Taliban fighters in Kandahar on Wednesday.",
            type="Battles",
            sub="Armed clash",
            actor1="Northern Alliance",
            actor2="Taliban",
            date=NOV28,
            place=KANDAHAR,
        ),
        dict(
            sentence="Northern Alliance guards shot a prisoner in Kandahar on Wednesday.",
            type=VAC,
            sub="Attack",
            actor1="Northern Alliance",
            fatalities=1,
            date=NOV28,
            place=KANDAHAR,
        ),
        dict(
            sentence="Someone shot a farmer in Kandahar, date unknown.",
            type=VAC,
            sub="Attack",
            date=None,
            place=KANDAHAR,
        ),
        dict(
            sentence="Taliban fighters shot a teacher, place unknown, on Wednesday.",
            type=VAC,
            sub="Attack",
            actor1="Taliban",
            date=NOV28,
            place=None,
        ),
    ],
)


def frame(*docs: Document) -> pd.DataFrame:
    return events_frame(list(docs))


def test_three_reports_of_one_hanging_become_one_event() -> None:
    merged = deduplicate(frame(WIRE_A, WIRE_B, WIRE_C))
    assert len(merged) == 1
    row = merged.iloc[0]
    assert row["source_count"] == 3
    assert row["sources"] == "wire-a;wire-b;wire-c"
    assert row["location"] == "Kandahar"  # the most precise report's place (precision 1 over 2)
    assert row["event_date"] == "2001-11-28"  # two of three reports say Wednesday
    assert (row["actor1"], row["actor2"]) == ("Taliban", "Civilians (Afghanistan)")  # the fullest pair
    assert row["fatalities"] == 1  # lowest figure stated as fact; not 1 + 1 + 2
    assert row["fatalities_reported"] == "1;2"
    assert row["event_ids"].count(";") == 2


def test_near_misses_do_not_merge() -> None:
    events = frame(WIRE_A, WIRE_B, NEAR_MISSES)
    merged = deduplicate(events)
    assert len(merged) == 1 + 6  # A+B merged; every near-miss stays its own event
    assert merged["source_count"].tolist() == [2, 1, 1, 1, 1, 1, 1]
    assert merged["sources"].tolist()[:2] == ["wire-a;wire-b", "wire-d"]
    assert merged["event_id"].tolist()[1:] == events["event_id"].tolist()[2:]  # input order kept


def test_two_events_one_article_tells_apart_never_merge() -> None:
    """An article that reports two killings in Kandahar on Wednesday has already said they are two;
    the same two sentences from two articles would merge."""
    text = "Gunmen shot a teacher in Kandahar on Wednesday. Later, gunmen shot a driver in Kandahar."
    reports: list[dict[str, object]] = [
        dict(sentence=s, type=VAC, sub="Attack", fatalities=1, date=NOV28, place=KANDAHAR)
        for s in (
            "Gunmen shot a teacher in Kandahar on Wednesday.",
            "Later, gunmen shot a driver in Kandahar.",
        )
    ]
    assert len(deduplicate(frame(article("one", text, reports)))) == 2
    split = [article("first", text, reports[:1]), article("second", text, reports[1:])]
    assert deduplicate(frame(*split))["source_count"].tolist() == [2]


def test_unplaced_and_undated_reports_never_merge_even_with_twins() -> None:
    twin = article(
        "wire-e",
        "Someone shot a farmer in Kandahar, date unknown. "
        "Taliban fighters shot a teacher, place unknown, on Wednesday.",
        [
            dict(
                sentence="Someone shot a farmer in Kandahar, date unknown.",
                type=VAC,
                sub="Attack",
                date=None,
                place=KANDAHAR,
            ),
            dict(
                sentence="Taliban fighters shot a teacher, place unknown, on Wednesday.",
                type=VAC,
                sub="Attack",
                actor1="Taliban",
                date=NOV28,
                place=None,
            ),
        ],
    )
    original = frame(NEAR_MISSES, twin)
    assert len(deduplicate(original)) == len(original)


def test_thresholds_are_options() -> None:
    events = frame(WIRE_A, WIRE_C)
    assert len(deduplicate(events)) == 1
    assert len(deduplicate(events, max_km=1.0)) == 2  # Deh Khwaja is ~3.5 km from Kandahar's centre
    assert len(deduplicate(events, max_days=0)) == 2  # wire C is a day later
    assert len(deduplicate(frame(WIRE_A, NEAR_MISSES), max_days=4)) == len(frame(WIRE_A, NEAR_MISSES)) - 1
    with pytest.raises(ValueError, match="thresholds must be >= 0"):
        deduplicate(events, max_km=-1)


def test_actor_matching_can_be_turned_off() -> None:
    events = frame(WIRE_A, NEAR_MISSES)
    strict = deduplicate(events)
    loose = deduplicate(events, match_actors=False)
    assert len(loose) == len(strict) - 1  # the Northern Alliance shooting joins the Taliban hanging


def test_no_chaining_across_days() -> None:
    days = [
        article(
            f"day{i}",
            f"Taliban fighters fired rockets at Kandahar on day {i}.",
            [
                dict(
                    sentence=f"Taliban fighters fired rockets at Kandahar on day {i}.",
                    type="Explosions/Remote violence",
                    sub="Shelling/artillery/missile attack",
                    actor1="Taliban",
                    date=NOV28 + dt.timedelta(days=i),
                    place=KANDAHAR,
                )
            ],
        )
        for i in range(3)
    ]
    groups = event_groups(frame(*days))
    assert groups == [[0, 1], [2]]  # day 2 is within a day of day 1, not of day 0


def test_same_place_by_id_even_when_points_differ() -> None:
    moved = Place(KANDAHAR.geonameid, "Kandahar", 31.9, 65.9, "P", "PPLA", "AF")  # another point, same entry
    b = article(
        "wire-f",
        "Taliban officials hanged a spy in Kandahar.",
        [
            dict(
                sentence="Taliban officials hanged a spy in Kandahar.",
                type=VAC,
                sub="Attack",
                actor1="Taliban",
                fatalities=1,
                date=NOV28,
                place=moved,
            )
        ],
    )
    assert haversine_km(KANDAHAR.lat, KANDAHAR.lon, moved.lat, moved.lon) > 30
    assert len(deduplicate(frame(WIRE_A, b))) == 1


def test_fatalities_lowest_stated_figure_ignoring_unstated() -> None:
    reports = [(0, "reported"), (12, "reported"), (9, "reported"), (3, "claimed")]
    docs = [
        article(
            f"f{i}",
            "Fighters clashed in Kandahar.",
            [
                dict(
                    sentence="Fighters clashed in Kandahar.",
                    type="Battles",
                    sub="Armed clash",
                    fatalities=n,
                    certainty=c,
                    date=NOV28,
                    place=KANDAHAR,
                )
            ],
        )
        for i, (n, c) in enumerate(reports)
    ]
    [row] = deduplicate(frame(*docs)).to_dict("records")
    assert row["fatalities"] == 9 and row["fatalities_reported"] == "3;9;12" and row["source_count"] == 4
    [claims_only] = deduplicate(frame(docs[3], docs[0])).to_dict("records")
    assert claims_only["fatalities"] == 3


def test_columns_dtypes_and_empty_input() -> None:
    events = frame(WIRE_A, NEAR_MISSES)
    merged = deduplicate(events)
    assert list(merged.columns) == [*EVENT_COLUMNS, *ADDED_COLUMNS]
    for col in EVENT_COLUMNS:
        assert merged[col].dtype == events[col].dtype, col
    empty = deduplicate(frame())
    assert empty.empty and list(empty.columns) == [*EVENT_COLUMNS, *ADDED_COLUMNS]


def _clash(doc_id: str, sentence: str, actor1: str, actor2: str, fatalities: int = 0) -> Document:
    return article(
        doc_id,
        sentence,
        [
            dict(
                sentence=sentence,
                type="Battles",
                sub="Armed clash",
                actor1=actor1,
                actor2=actor2,
                fatalities=fatalities,
                date=NOV28,
                place=SPIN_BOLDAK,
            )
        ],
    )


def test_generic_actor_labels_fit_any_named_actor() -> None:
    named = _clash("g1", "Taliban fighters fought US marines in Spin Boldak.", "Taliban",
                   "Military Forces of the United States", 3)  # fmt: skip
    vague = _clash(
        "g2", "Gunmen fought troops in Spin Boldak.", "Unidentified Armed Group", "Military Forces", 5
    )
    half = _clash(
        "g3",
        "Fighters clashed with the Taliban in Spin Boldak.",
        "Unidentified Armed Group (Afghanistan)",
        "Taliban",
    )
    other = _clash("g4", "Northern Alliance troops fought US marines in Spin Boldak.", "Northern Alliance",
                   "Military Forces of the United States")  # fmt: skip
    merged = deduplicate(frame(named, vague, half, other))
    assert merged["sources"].tolist() == ["g1;g2;g3", "g4"]  # Northern Alliance is not the Taliban
    first = merged.iloc[0]
    assert (first["actor1"], first["actor2"]) == ("Taliban", "Military Forces of the United States")
    assert first["fatalities"] == 3 and first["fatalities_reported"] == "3;5"


def test_per_article_keeps_rows_and_adds_the_same_columns() -> None:
    events = frame(WIRE_A, WIRE_B, WIRE_C)
    rows = per_article(events)
    assert list(rows.columns) == [*EVENT_COLUMNS, *ADDED_COLUMNS]
    assert len(rows) == len(events) == 3
    assert rows["source_count"].tolist() == [1, 1, 1]
    assert rows["sources"].tolist() == ["wire-a", "wire-b", "wire-c"]
    assert rows["event_ids"].tolist() == events["event_id"].tolist()
    assert rows["fatalities_reported"].tolist() == ["1", "1", "2"]
    pd.testing.assert_frame_equal(rows[list(EVENT_COLUMNS)], events)


def _brute_force_groups(events: pd.DataFrame, max_km: float, max_days: int) -> list[list[int]]:
    """The grouping rule stated plainly: in date order, join the first-formed group that fits every member."""
    from geo.dedup import _reports, same_event

    reports = _reports(events)
    groups: list[list[Any]] = []
    for r in sorted((r for r in reports if r.mergeable), key=lambda r: (r.date, r.row)):
        for g in groups:
            if all(same_event(r, m, max_km=max_km, max_days=max_days, match_actors=True) for m in g):
                g.append(r)
                break
        else:
            groups.append([r])
    out = [sorted(m.row for m in g) for g in groups] + [[r.row] for r in reports if not r.mergeable]
    return sorted(out, key=lambda rows: rows[0])


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["Battles", "Riots"]),
            st.integers(0, 6),  # day
            st.sampled_from([(31.61, 65.71, 1), (31.63, 65.74, 2), (31.0, 66.4, 3), (89.99, 10.0, 4),
                             (89.99, -170.0, 5), (0.0, 179.99, 6), (0.0, -179.99, 7), (31.61, 65.71, 2)]),
            st.sampled_from(["", "Taliban", "Northern Alliance", "Civilians"]),
        ),
        max_size=40,
    ),
    max_km=st.sampled_from([0.0, 5.0, 10.0, 50.0, 3000.0]),
    max_days=st.integers(0, 3),
)  # fmt: skip
def test_indexed_grouping_equals_the_plain_rule(
    rows: list[tuple[str, int, tuple[float, float, int], str]], max_km: float, max_days: int
) -> None:
    events = pd.DataFrame(
        [
            {
                "event_type": etype,
                "event_date": (NOV28 + dt.timedelta(days=day)).isoformat(),
                "latitude": lat,
                "longitude": lon,
                "geonameid": gid,
                "actor1": actor,
                "actor2": "",
            }
            for etype, day, (lat, lon, gid), actor in rows
        ],
        columns=["event_type", "event_date", "latitude", "longitude", "geonameid", "actor1", "actor2"],
    )
    assert event_groups(events, max_km=max_km, max_days=max_days) == _brute_force_groups(
        events, max_km, max_days
    )


def test_home_forces_fit_any_actor_but_foreign_forces_are_named() -> None:
    """At Spin Boldak "Military Forces of Afghanistan" is the default state actor, like a bare "troops";
    "Military Forces of Pakistan" there names someone, and is not the United States."""
    us = _clash("h1", "Taliban fighters fought US marines in Spin Boldak.", "Taliban",
                "Military Forces of the United States", 3)  # fmt: skip
    home = _clash("h2", "Taliban fighters fought Afghan troops in Spin Boldak.", "Taliban",
                  "Military Forces of Afghanistan", 4)  # fmt: skip
    foreign = _clash("h3", "Taliban fighters fought Pakistani troops in Spin Boldak.", "Taliban",
                     "Military Forces of Pakistan", 5)  # fmt: skip
    merged = deduplicate(frame(us, home, foreign))
    assert merged["sources"].tolist() == ["h1;h2", "h3"]
