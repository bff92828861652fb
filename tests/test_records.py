"""geo.records: records cross process boundaries (local workers, Dask) by pickle, cheaply and intact."""

from __future__ import annotations

import copy
import datetime as dt
import pickle

from geo.records import (
    Candidate,
    Document,
    DocumentStatus,
    Event,
    LinkedEvent,
    Mention,
    Place,
    ResolvedPlace,
)


def _document() -> Document:
    herat = Place(
        1139715, "Herat", 34.35, 62.2, "P", "PPLA", "AF", 272806, "11", "", "Herat", "", "Afghanistan"
    )
    first, second = Mention("Herat", 20, 25), Mention("Herat", 60, 65, qualifier="city")
    places = (ResolvedPlace(first, herat, 0.9, "primary name"), ResolvedPlace(second, herat, 0.9, "same"))
    event = Event(
        "d-e1", "d", "Clashes near Herat.", (0, 19), (0, 7), "Battles", "Armed clash",
        date=dt.date(2001, 11, 29), civilian_targeting=True, fatalities=3,
    )  # fmt: skip
    linked = (LinkedEvent(event, places[0], 1, "in the sentence", 3),)
    text = "Clashes near Herat. " * 4
    return Document("d", text, "A title", dt.date(2001, 11, 30), "", "f.txt:1", (first, second), places,
                    (event,), linked)  # fmt: skip


def test_records_pickle_as_their_constructor_call_and_come_back_equal() -> None:
    doc = _document()
    for protocol in (2, pickle.HIGHEST_PROTOCOL):
        back = pickle.loads(pickle.dumps(doc, protocol=protocol))
        assert back == doc
        assert back.places[0].place is back.places[1].place  # a shared record stays shared
        assert back.linked[0].place is back.places[0]
    assert doc.places[0].place.__reduce__() == (Place, tuple(getattr(doc.places[0].place, f) for f in (
        "geonameid", "name", "lat", "lon", "feature_class", "feature_code", "country_code", "population",
        "admin1_code", "admin2_code", "admin1_name", "admin2_name", "country_name", "point_source",
    )))  # fmt: skip
    cand = Candidate(doc.places[0].place, "primary", "Herat")
    status = DocumentStatus("d", "f.txt:1", "error", "why")
    assert pickle.loads(pickle.dumps([cand, status])) == [cand, status]
    assert copy.deepcopy(doc) == doc and copy.copy(doc) == doc


def test_records_are_built_by_slot_setters_like_the_dataclass_constructor() -> None:
    """Each record's constructor (slot setters, ``geo.records._slot_init``) keeps the signature of the one
    ``dataclass`` writes, fills the same fields, and the records stay frozen."""
    import dataclasses
    import inspect

    import pytest

    from geo import records

    for cls in (Place, Candidate, Mention, ResolvedPlace, Event, LinkedEvent, Document, DocumentStatus):
        params = inspect.signature(cls).parameters
        assert list(params) == [f.name for f in dataclasses.fields(cls)]
        for f in dataclasses.fields(cls):
            default = inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default
            assert params[f.name].default == default
    doc = _document()
    event = doc.events[0]
    assert event.fatalities == 3 and event.date == dt.date(2001, 11, 29) and event.certainty == "reported"
    assert Mention(text="Herat", end=25, start=20) == Mention("Herat", 20, 25, "name", "")
    with pytest.raises(TypeError):
        Mention("Herat", 20)  # type: ignore[call-arg]
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.fatalities = 4  # type: ignore[misc]
    # replace: the record dataclasses.replace gives, and its refusal of an unknown field
    for rec, changes in (
        (event, {"fatalities": 7, "actor1": "Taliban"}),
        (doc, {"events": ()}),
        (doc.places[0], {"place": None, "reason": "dropped"}),
        (doc.mentions[1], {}),
    ):
        assert records.replace(rec, **changes) == dataclasses.replace(rec, **changes)  # type: ignore[type-var]
    with pytest.raises(TypeError, match="no_such_field"):
        records.replace(event, no_such_field=1)


def test_built_by_slots_takes_only_frozen_slotted_dataclasses_of_plain_fields() -> None:
    """``built_by_slots`` gives a frozen slotted dataclass the slot-setter constructor and leaves any other
    class as it was (a list default, a mutable dataclass, a plain class)."""
    import dataclasses

    from geo.records import built_by_slots

    @dataclasses.dataclass(frozen=True, slots=True)
    class Plain:
        a: int
        b: str = "x"

    @dataclasses.dataclass(frozen=True, slots=True)
    class Listed:
        a: list[int] = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(slots=True)
    class Mutable:
        a: int

    class Other:
        def __init__(self, a: int) -> None:
            self.a = a

    made = {cls: cls.__init__ for cls in (Plain, Listed, Mutable, Other)}
    for cls in made:
        assert built_by_slots(cls) is cls
    assert Plain.__init__ is not made[Plain] and Plain(1) == Plain(a=1, b="x") and Plain(2, "y").b == "y"
    assert all(cls.__init__ is made[cls] for cls in (Listed, Mutable, Other))
    assert Listed().a == [] and Mutable(3).a == 3
