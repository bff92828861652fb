"""Cross-article de-duplication: the same event reported by several articles becomes one row.

Two event rows (from :func:`geo.tables.events_frame`) are reports of one event when

* they come from different documents (an article that tells two events apart, "shelled on
  Monday" and "warplanes struck on Sunday", has already merged what it repeats);
* they have the same ``event_type`` (sub-event types may differ: one wire says "clash",
  another "attack");
* both are placed, and at the same ``geonameid`` or at most ``max_km`` apart;
* both are dated, at most ``max_days`` apart;
* their actors are compatible: the named actors of one report (``actor1``, ``actor2``,
  either side, case-insensitive) are all among those of the other, so "Taliban" fits
  "Taliban v. Northern Alliance" but "Taliban v. US forces" does not.  Generic labels
  (``geo/data/dedup_generic_actors.txt``: "Unidentified Armed Group", "Military Forces",
  "Civilians"...) fit any actor, because one wire's "gunmen" is another's named group.

Rows without coordinates, date or type never merge.  A group is formed greedily in date
order and a row joins a group only if it is compatible with *every* member, so chains
of near-misses (day 1 ~ day 2 ~ day 3) do not snowball into one event.

The merged row is the most precisely placed report (lowest ``geo_precision``, then
earliest in input order), with the most common date, the most complete actor pair, and
ACLED's rule for fatalities: the lowest figure, not the sum, taken from reports stated
as fact (``certainty == "reported"``) when there are any, ignoring reports that give no
figure.  New columns: ``source_count`` (distinct documents), ``sources`` (their ids,
``;``-separated, in input order), ``event_ids`` (the merged rows' ids) and
``fatalities_reported`` (the distinct non-zero figures, ``;``-separated).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from geo.actors import home_forces

MAX_KM = 10.0  # a town and its outskirts; reports of one event rarely name places further apart
MAX_DAYS = 1  # "yesterday" in one wire is "on Tuesday" in another: allow a day of slack
EARTH_KM = 6371.0088
ADDED_COLUMNS = ("source_count", "sources", "event_ids", "fatalities_reported")
SEP = ";"
GENERIC_ACTORS_PATH = Path(__file__).parent / "data" / "dedup_generic_actors.txt"
_COUNTRY_SUFFIX = re.compile(r"\s*\([^()]*\)$")


@functools.cache
def generic_actors(path: Path = GENERIC_ACTORS_PATH) -> frozenset[str]:
    """The casefolded generic actor labels (see ``geo/data/dedup_generic_actors.txt``)."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line.casefold() for line in lines if line and not line.startswith("#"))


def _named_actor(label: str, country: str = "") -> str:
    """The casefolded actor, or ``""`` when it is empty or a generic label that fits any actor (also in
    its country form at an event in that country: "Military Forces of Pakistan" in Pakistan)."""
    folded = label.casefold()
    if not folded or _COUNTRY_SUFFIX.sub("", folded) in generic_actors() or home_forces(label, country):
        return ""
    return folded


@dataclass(frozen=True, slots=True)
class _Report:
    """The parts of one event row that decide whether it can merge."""

    row: int
    event_type: str
    date: dt.date | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    actors: frozenset[str]
    doc: str = ""

    @property
    def mergeable(self) -> bool:
        return (
            bool(self.event_type) and self.date is not None and self.lat is not None and self.lon is not None
        )


@dataclass(slots=True)
class _Group:
    """Reports merged so far; ``last_date`` is the latest member's date (members arrive in date order)."""

    number: int
    members: list[_Report]
    last_date: dt.date


def _cell(lat: float, lon: float, size_km: float) -> tuple[int, int, int]:
    """The cube of side ``size_km`` holding the point on a sphere of the Earth's radius.

    Points within ``size_km`` along the surface are within ``size_km`` in a straight line
    (a chord is never longer than its arc), so they sit in the same or a neighbouring cube.
    """
    p, q = math.radians(lat), math.radians(lon)
    x, y, z = math.cos(p) * math.cos(q), math.cos(p) * math.sin(q), math.sin(p)
    return (
        math.floor(EARTH_KM * x / size_km),
        math.floor(EARTH_KM * y / size_km),
        math.floor(EARTH_KM * z / size_km),
    )


_NEIGHBOURS = [(a, b, c) for a in (-1, 0, 1) for b in (-1, 0, 1) for c in (-1, 0, 1)]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return " ".join(str(value).split())


def _float(value: Any) -> float | None:
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(out) else out


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _int(value: Any) -> int | None:
    f = _float(value)
    return int(f) if f is not None else None


def _reports(events: pd.DataFrame) -> list[_Report]:
    def col(name: str) -> Sequence[Any]:
        return events[name].tolist() if name in events.columns else [None] * len(events)

    rows = zip(
        col("event_type"), col("event_date"), col("latitude"), col("longitude"), col("geonameid"),
        col("actor1"), col("actor2"), col("country"), col("doc_id"), strict=True,
    )  # fmt: skip
    return [
        _Report(
            i,
            _text(etype),
            _date(date),
            _float(lat),
            _float(lon),
            _int(gid),
            frozenset(
                n for n in (_named_actor(_text(a1), _text(cc)), _named_actor(_text(a2), _text(cc))) if n
            ),
            _text(doc),
        )
        for i, (etype, date, lat, lon, gid, a1, a2, cc, doc) in enumerate(rows)
    ]


def same_event(a: _Report, b: _Report, *, max_km: float, max_days: int, match_actors: bool) -> bool:
    """Whether two reports can be the same event (see the module docstring)."""
    if not (a.mergeable and b.mergeable) or a.event_type != b.event_type:
        return False
    if a.doc and a.doc == b.doc:
        return False
    assert a.date is not None and b.date is not None
    if abs((a.date - b.date).days) > max_days:
        return False
    if match_actors and not (a.actors <= b.actors or b.actors <= a.actors):
        return False
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= max_km


def event_groups(
    events: pd.DataFrame, *, max_km: float = MAX_KM, max_days: int = MAX_DAYS, match_actors: bool = True
) -> list[list[int]]:
    """Row positions of ``events`` grouped into events, each group in input order, groups by first row.

    Reports are taken in date order; each joins the earliest-formed open group it fits
    (compatible with every member), else starts one.  Groups are indexed by event type and
    by the cell and gazetteer id of their first report, so a report is only compared with
    groups that could take it: the cost grows with the corpus, not with its square.
    """
    reports = _reports(events)
    size = max(max_km, 1e-6)
    groups: list[_Group] = []
    index: dict[tuple[str, object], list[_Group]] = {}
    order = sorted(
        (r for r in reports if r.mergeable),
        key=lambda r: (r.date, r.row),  # type: ignore[arg-type, return-value]
    )
    for report in order:
        assert report.date is not None and report.lat is not None and report.lon is not None
        cx, cy, cz = _cell(report.lat, report.lon, size)
        keys: list[object] = [("cell", cx + a, cy + b, cz + c) for a, b, c in _NEIGHBOURS]
        if report.geonameid is not None:
            keys.append(("id", report.geonameid))
        candidates: dict[int, _Group] = {}
        for key in keys:
            bucket = index.get((report.event_type, key))
            if not bucket:
                continue
            # reports come in date order: a group too old for this one is too old for all later ones
            bucket[:] = [g for g in bucket if (report.date - g.last_date).days <= max_days]
            for g in bucket:
                candidates.setdefault(g.number, g)
        for _, group in sorted(candidates.items()):
            if all(same_event(report, m, max_km=max_km, max_days=max_days, match_actors=match_actors)
                   for m in group.members):  # fmt: skip
                group.members.append(report)
                group.last_date = max(group.last_date, report.date)
                break
        else:
            group = _Group(len(groups), [report], report.date)
            groups.append(group)
            index.setdefault((report.event_type, ("cell", cx, cy, cz)), []).append(group)
            if report.geonameid is not None:
                index.setdefault((report.event_type, ("id", report.geonameid)), []).append(group)
    out = [sorted(m.row for m in g.members) for g in groups]
    out.extend([r.row] for r in reports if not r.mergeable)
    return sorted(out, key=lambda rows: rows[0])


def _merged_row(all_records: list[dict[str, Any]], rows: list[int]) -> dict[str, Any]:
    records = [all_records[i] for i in rows]
    precision = [_int(r.get("geo_precision")) for r in records]
    best = min(range(len(records)), key=lambda i: (precision[i] if precision[i] is not None else 9, i))
    merged = dict(records[best])
    doc_ids = list(dict.fromkeys(_text(r.get("doc_id")) for r in records))
    dates = Counter(_text(r.get("event_date")) for r in records if _text(r.get("event_date")))
    if dates:
        merged["event_date"] = min(dates, key=lambda d: (-dates[d], d))
    most_actors = max(range(len(records)), key=lambda i: (_actor_count(records[i]), -abs(i - best), -i))
    for key in ("actor1", "assoc_actor1", "inter1", "actor2", "inter2"):
        if key in merged:
            merged[key] = records[most_actors].get(key, merged[key])
    figures, lowest = _fatalities(records)
    if "fatalities" in merged:
        merged["fatalities"] = lowest
    merged["source_count"] = len([d for d in doc_ids if d]) or 1
    merged["sources"] = SEP.join(doc_ids)
    merged["event_ids"] = SEP.join(dict.fromkeys(_text(r.get("event_id")) for r in records))
    merged["fatalities_reported"] = SEP.join(str(f) for f in figures)
    return merged


def _actor_count(record: dict[str, Any]) -> int:
    """How much a report says about who was involved: a named actor counts 2, a generic label 1."""
    labels = [_text(record.get(k)) for k in ("actor1", "actor2")]
    country = _text(record.get("country"))
    return sum(2 if _named_actor(a, country) else 1 for a in labels if a)


def _fatalities(records: list[dict[str, Any]]) -> tuple[list[int], int]:
    """The distinct non-zero figures, and the lowest one from reports stated as fact (if any)."""
    stated = [(_int(r.get("fatalities")) or 0, _text(r.get("certainty")) or "reported") for r in records]
    figures = sorted({f for f, _ in stated if f > 0})
    reported = [f for f, c in stated if f > 0 and c == "reported"]
    pool = reported or figures
    return figures, min(pool) if pool else 0


def deduplicate(
    events: pd.DataFrame, *, max_km: float = MAX_KM, max_days: int = MAX_DAYS, match_actors: bool = True
) -> pd.DataFrame:
    """Merge reports of the same event across articles; add ``source_count``, ``sources`` and friends.

    ``max_km``: how far apart two reported places may be; ``max_days``: how many days
    apart two reported dates may be; ``match_actors``: require compatible actors.  Rows
    keep the input's columns and order (a merged event sits where its first report was).
    """
    if max_km < 0 or max_days < 0:
        raise ValueError(f"dedup thresholds must be >= 0, not max_km={max_km}, max_days={max_days}")
    columns = [*events.columns, *(c for c in ADDED_COLUMNS if c not in events.columns)]
    groups = event_groups(events, max_km=max_km, max_days=max_days, match_actors=match_actors)
    records: list[dict[str, Any]] = [{str(k): v for k, v in r.items()} for r in events.to_dict("records")]
    out = pd.DataFrame([_merged_row(records, g) for g in groups], columns=columns)
    for col in events.columns:
        # a column whose merged values no longer fit the old dtype keeps the inferred one
        with contextlib.suppress(TypeError, ValueError):
            out[col] = out[col].astype(events[col].dtype)
    out["source_count"] = out["source_count"].astype("int64")
    return out.reset_index(drop=True)


def per_article(events: pd.DataFrame) -> pd.DataFrame:
    """The per-article rows unmerged (``--no-dedup``), with the columns :func:`deduplicate` adds.

    Each row is its own event: ``source_count`` 1, ``sources`` its document, so tables
    made with and without de-duplication have the same columns.
    """
    out = events.copy()
    doc_ids = [_text(v) for v in out["doc_id"]] if "doc_id" in out.columns else [""] * len(out)
    event_ids = [_text(v) for v in out["event_id"]] if "event_id" in out.columns else [""] * len(out)
    fatalities = out["fatalities"].tolist() if "fatalities" in out.columns else [0] * len(out)
    out["source_count"] = pd.Series([1] * len(out), index=out.index, dtype="int64")
    out["sources"] = doc_ids
    out["event_ids"] = event_ids
    out["fatalities_reported"] = [str(f) if (_int(f) or 0) > 0 else "" for f in fatalities]
    return out.reset_index(drop=True)


__all__ = [
    "MAX_DAYS",
    "MAX_KM",
    "deduplicate",
    "event_groups",
    "generic_actors",
    "haversine_km",
    "per_article",
    "same_event",
]
