"""The typed records that flow through the pipeline, one way.

``text -> Document -> Mention -> ResolvedPlace -> Event -> LinkedEvent``

Every record is a frozen, slotted dataclass: stages never mutate what they are
given, they return new records (``dataclasses.replace``).  Offsets are always
character offsets into ``Document.text`` so every output can be traced back to
the words that support it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
import types
from dataclasses import dataclass, fields
from typing import Any, Literal, TypeVar

MatchType = Literal["primary", "ascii", "alternate", "historic", "abbreviation", "demonym"]
Certainty = Literal["reported", "claimed", "denied", "disputed"]
DocStatus = Literal["ok", "empty", "error"]

_R = TypeVar("_R")
_T = TypeVar("_T", bound=type)


def _record_class(cls: type[_R]) -> type[_R]:
    """Pickle ``cls`` as a call of its constructor with its field values, and build it cheaply.

    Batch runs send every processed document from the worker that made it back to the
    reader, hundreds of records each: the ``__getstate__``/``__setstate__`` pair that
    ``dataclass`` gives a frozen slotted class walks ``fields()`` for every object, which made
    pickling cost a fifth of the pipeline. Same records out, three times faster.

    The constructor ``dataclass`` writes for a frozen class sets each field by
    ``object.__setattr__`` (a generic attribute lookup per field); this one calls each slot's own
    setter, the same values in the same slots, in about half the time (see :func:`built_by_slots`). And
    :func:`replace` copies a record's values in one C call (``operator.attrgetter``) where
    ``dataclasses.replace`` walks ``fields()``.
    """
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    get = operator.attrgetter(*names)

    def __reduce__(self: _R) -> tuple[type[_R], tuple[object, ...]]:
        return cls, get(self)

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    if built_by_slots(cls) is not cls:
        raise TypeError(f"{cls.__name__}: a record must be a frozen slotted dataclass of plain fields")
    _FIELD_VALUES[cls] = (get, {name: k for k, name in enumerate(names)})
    return cls


#: Per record class: its field values getter and each field's position (for :func:`replace`).
_FIELD_VALUES: dict[type, tuple[Any, dict[str, int]]] = {}


def built_by_slots(cls: _T) -> _T:
    """``cls`` with an ``__init__`` that stores each argument by its slot's setter
    (``cls.__dict__[name].__set__``) instead of ``object.__setattr__``, when ``cls`` is a frozen
    slotted dataclass whose fields all take plain values (no factories) and whose ``__init__`` is the
    Python function ``dataclass`` wrote: same signature, defaults and annotations, same values in the
    same slots, about half the instructions (a frozen class's own ``__setattr__`` refuses, and the
    slot setter is what ``object.__setattr__`` ends up calling after looking the name up in the
    class). Any other class comes back as it is: one compiled by mypyc (``setup.py``'s HOT_MODULES)
    keeps its native constructor, so the hot modules call this after their dataclasses, not as a
    decorator (which would make mypyc compile the class as a Python class)."""
    made = cls.__dict__.get("__init__")
    params = getattr(cls, "__dataclass_params__", None)
    if not isinstance(made, types.FunctionType) or params is None or not params.frozen:
        return cls
    lines, defaults, scope = [], [], {}
    for k, f in enumerate(fields(cls)):  # type: ignore[arg-type]
        slot = cls.__dict__.get(f.name)
        if f.default_factory is not dataclasses.MISSING or not f.init:
            return cls
        if not isinstance(slot, types.MemberDescriptorType):
            return cls
        if f.default is dataclasses.MISSING:
            defaults.append(f.name)
        else:
            scope[f"_default_{k}"] = f.default
            defaults.append(f"{f.name}=_default_{k}")
        scope[f"_set_{k}"] = slot.__set__
        lines.append(f"    _set_{k}(self, {f.name})")
    source = f"def __init__(self, {', '.join(defaults)}):\n" + "\n".join(lines or ["    pass"]) + "\n"
    exec(source, scope)  # the dataclass module writes its __init__ the same way
    init = scope["__init__"]
    init.__qualname__ = made.__qualname__
    init.__module__ = made.__module__
    init.__annotations__ = dict(made.__annotations__)
    init.__doc__ = made.__doc__
    cls.__init__ = init  # type: ignore[misc]
    return cls


def replace(obj: _R, /, **changes: Any) -> _R:
    """``dataclasses.replace`` (a copy of ``obj`` with ``changes``), the same record, in one C call
    for the values of a record of this module; any other dataclass goes to ``dataclasses.replace``."""
    known = _FIELD_VALUES.get(type(obj))
    if known is None:
        return dataclasses.replace(obj, **changes)  # type: ignore[type-var]
    get, position = known
    values = list(get(obj))
    for name, value in changes.items():
        k = position.get(name)
        if k is None:
            raise TypeError(f"{type(obj).__name__}.__init__() got an unexpected keyword argument {name!r}")
        values[k] = value
    return type(obj)(*values)


@_record_class
@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry (a GeoNames record, or one derived from the code tables).

    ``point_source`` says where the coordinates come from (``geonames``,
    ``country_state_city``, ``countryinfo``, ``member-places-bbox-centre``, ``member-places-mean`` ...),
    so a reader can judge how far to trust the point.
    """

    geonameid: int
    name: str
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str
    population: int = 0
    admin1_code: str = ""
    admin2_code: str = ""
    admin1_name: str = ""
    admin2_name: str = ""
    country_name: str = ""
    point_source: str = "geonames"

    @property
    def is_country(self) -> bool:
        return self.feature_code.startswith("PCL")

    @property
    def is_admin1(self) -> bool:
        return self.feature_code == "ADM1"

    @property
    def is_admin2(self) -> bool:
        return self.feature_code == "ADM2"

    @property
    def admin_level(self) -> int:
        """0 country, 1 province, 2 district, 3 anything smaller (towns, sites)."""
        if self.is_country or self.feature_code in {"CONT", "RGN"}:
            return 0
        if self.is_admin1:
            return 1
        if self.is_admin2:
            return 2
        return 3


@_record_class
@dataclass(frozen=True, slots=True)
class Candidate:
    """A gazetteer entry offered for a name, with how the name matched it."""

    place: Place
    match: MatchType
    matched_name: str


@_record_class
@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text that names a place.

    ``qualifier`` records a feature word attached to the name ("province",
    "town", "city", "district", "border") and ``kind`` how it was found: a
    proper ``name`` or a ``demonym`` ("Afghan" -> Afghanistan).
    """

    text: str
    start: int
    end: int
    kind: Literal["name", "demonym"] = "name"
    qualifier: str = ""


@_record_class
@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    """A mention with the gazetteer entry chosen for it (or ``None``), its score and why."""

    mention: Mention
    place: Place | None
    score: float
    reason: str
    n_candidates: int = 0


@_record_class
@dataclass(frozen=True, slots=True)
class Event:
    """A conflict event found in one sentence, before it is placed.

    ``trigger`` is the (start, end) span of the word that signals the event;
    ``sentence_span`` locates the sentence in the document.
    """

    event_id: str
    doc_id: str
    sentence: str
    sentence_span: tuple[int, int]
    trigger: tuple[int, int]
    event_type: str
    sub_event_type: str
    disorder_type: str = ""
    actor1: str = ""
    assoc_actor1: str = ""
    actor2: str = ""
    inter1: str = ""
    inter2: str = ""
    civilian_targeting: bool = False
    fatalities: int = 0
    date: dt.date | None = None
    date_end: dt.date | None = None
    time_precision: int = 1
    certainty: Certainty = "reported"
    source: str = ""
    #: The sentence that names ``actor1`` when another sentence does ("The Taliban claimed
    #: responsibility for the attack"), so the actor stays traceable to its words; else "".
    attribution: str = ""


@_record_class
@dataclass(frozen=True, slots=True)
class LinkedEvent:
    """An event tied to the place where it happened.

    ``geo_precision`` follows ACLED: 1 the town itself, 2 near a town or part
    of a region, 3 a province-level (or coarser) location.  ``place`` is
    ``None`` only when nothing in the document could honestly place it.
    """

    event: Event
    place: ResolvedPlace | None
    geo_precision: int
    link_reason: str
    fatalities: int = 0


@_record_class
@dataclass(frozen=True, slots=True)
class Document:
    """One input article and everything the pipeline found in it.

    Stages fill ``mentions``, ``places``, ``events`` and ``linked`` in turn and
    return a new ``Document``; ``source`` names the file (and line) it came from.
    """

    id: str
    text: str
    title: str = ""
    date: dt.date | None = None
    url: str = ""
    source: str = ""
    mentions: tuple[Mention, ...] = ()
    places: tuple[ResolvedPlace, ...] = ()
    events: tuple[Event, ...] = ()
    linked: tuple[LinkedEvent, ...] = ()


@_record_class
@dataclass(frozen=True, slots=True)
class DocumentStatus:
    """The manifest row of one input document: processed, empty, or failed and why."""

    doc_id: str
    source: str
    status: DocStatus
    reason: str = ""
