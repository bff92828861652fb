"""User corrections of resolved places: a corrected ``places.csv`` fed back into the pipeline.

``places.csv`` (``geo.tables.places_frame``) lists every mention with the place chosen for it,
so it doubles as an override file. A user edits a row and re-runs ``geo map ... --overrides
places.csv``; ``Overrides`` runs right after the ``Resolver`` and puts the user's choice in
place of the resolver's:

- another ``geonameid`` -> that gazetteer place;
- other ``lat``/``lon`` (geonameid unchanged or blank) -> the same place at the user's point
  (``point_source="user"``), or a bare user point when nothing was resolved;
- a row that only repeats what the resolver chose confirms it (nothing changes).

A row applies to the mention at ``doc_id``/``start``/``end`` whose text is ``text`` (if the
recogniser missed that span, the row adds it as a new mention). With ``scope`` = ``all`` it
applies to every mention of that name (folded) in every document; a row for one mention that
changes something beats a ``scope=all`` row (one that only repeats the resolver's choice does
not). Rows that match nothing are kept for ``unmatched()``, so they can be reported rather than
silently ignored. A malformed row raises ``InputError`` naming file and line.
"""

from __future__ import annotations

import csv
import math
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from geo.errors import InputError
from geo.gazetteer import Gazetteer
from geo.names import fold
from geo.records import Document, Mention, Place, ResolvedPlace

__all__ = ["MentionKey", "Override", "Overrides", "mention_key"]

#: Columns an override file must have (the rest of places.csv is ignored).
REQUIRED_COLUMNS = ("doc_id", "text", "start", "end", "geonameid", "lat", "lon")
SCOPES = ("", "mention", "all")
#: Coordinates closer than this (degrees) to the chosen place's point count as unchanged.
SAME_POINT_DEG = 1e-4
_REASON = re.compile(r"user override \(([^)]*):(\d+)\)")


#: What ``Overrides.unmatched`` needs of a resolved mention: document id, start, end, text, reason.
MentionKey = tuple[str, int, int, str, str]


def mention_key(doc_id: str, rp: ResolvedPlace) -> MentionKey:
    """The ``MentionKey`` of one resolved mention of document ``doc_id``."""
    return (doc_id, rp.mention.start, rp.mention.end, rp.mention.text, rp.reason)


@dataclass(frozen=True, slots=True)
class Override:
    """One row of an override file: which mention(s) it names and the place the user chose."""

    line: int
    doc_id: str
    text: str
    start: int | None
    end: int | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    scope: str
    name: str = ""

    @property
    def key(self) -> str:
        """The folded name (for ``scope=all`` rows)."""
        return fold(self.text)

    def describe(self, path: str) -> str:
        """One line for a report: where the row is and what it names."""
        where = "every document" if self.scope == "all" else f"{self.doc_id} [{self.start}:{self.end}]"
        return f"{path}:{self.line}: {self.text!r} in {where} matched no mention"


class Overrides:
    """``Document -> Document``: the user's corrections replace the resolver's choices."""

    def __init__(self, path: Path, gazetteer: Gazetteer, rows: list[Override]) -> None:
        self.path = Path(path)
        self.gazetteer = gazetteer
        self.rows = rows
        self._by_span: dict[tuple[str, int, int], Override] = {}
        self._by_name: dict[str, Override] = {}
        for row in rows:
            if row.scope == "all":
                self._by_name[row.key] = row
            else:
                assert row.start is not None and row.end is not None
                self._by_span[(row.doc_id, row.start, row.end)] = row
        self._used: set[int] = set()
        self._lock = threading.Lock()

    # -- reading -----------------------------------------------------------------------------
    @classmethod
    def load(cls, path: Path, gazetteer: Gazetteer) -> Overrides:
        """Read a corrected places.csv (header row; columns as ``places_frame`` writes them, plus an
        optional ``scope``). Raises ``InputError`` naming the file (and line) for a bad file or row."""
        path = Path(path)
        try:
            with path.open("r", encoding="utf-8-sig", newline="") as fh:
                reader = csv.DictReader(fh)
                header = reader.fieldnames or []
                missing = [c for c in REQUIRED_COLUMNS if c not in header]
                if missing:
                    raise InputError(
                        f"{path}: not an override file (a places.csv): missing column(s) {', '.join(missing)}"
                    )
                rows = []
                for raw in reader:
                    row = _parse_row(path, reader.line_num, raw, gazetteer)
                    if row is not None:
                        rows.append(row)
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: override file is not UTF-8 text ({exc.reason})") from exc
        except csv.Error as exc:
            raise InputError(f"{path}: malformed CSV ({exc})") from exc
        except OSError as exc:
            raise InputError(f"{path}: cannot read override file ({exc.strerror or exc})") from exc
        return cls(path, gazetteer, rows)

    # -- applying ------------------------------------------------------------------------------
    def __call__(self, doc: Document) -> Document:
        places = list(doc.places)
        seen: set[tuple[int, int]] = set()
        changed = False
        for k, rp in enumerate(places):
            m = rp.mention
            seen.add((m.start, m.end))
            row = self._by_span.get((doc.id, m.start, m.end))
            if row is not None and fold(row.text) != fold(m.text):
                row = None  # the text changed since places.csv was written: that row is stale
            new = rp
            if row is not None:
                self._mark(row)
                new = self._apply(row, rp)
            named = self._by_name.get(fold(m.text))
            if named is not None and new is rp:
                # A row that only confirms the resolver does not block a scope=all correction.
                self._mark(named)
                new = self._apply(named, rp)
            if new is not rp:
                places[k] = new
                changed = True
        added = self._add_missed(doc, places, seen)
        if not changed and not added:
            return doc
        places.sort(key=lambda p: (p.mention.start, p.mention.end))
        return replace(doc, mentions=tuple(p.mention for p in places), places=tuple(places))

    def _add_missed(self, doc: Document, places: list[ResolvedPlace], seen: set[tuple[int, int]]) -> bool:
        """Rows for spans the recogniser did not find become new mentions (when the text agrees)."""
        added = False
        for (doc_id, start, end), row in self._by_span.items():
            if doc_id != doc.id or (start, end) in seen:
                continue
            if fold(doc.text[start:end]) != fold(row.text) or not row.text:
                continue
            if any(p.mention.start < end and start < p.mention.end for p in places):
                continue
            mention = Mention(text=doc.text[start:end], start=start, end=end)
            base = ResolvedPlace(mention, None, 0.0, "added by the user", 0)
            new = self._apply(row, base)
            if new.place is None:
                continue
            self._mark(row)
            places.append(new)
            added = True
        return added

    def _apply(self, row: Override, rp: ResolvedPlace) -> ResolvedPlace:
        current = rp.place
        tag = f"user override ({self.path.name}:{row.line})"
        if row.geonameid is not None and (current is None or current.geonameid != row.geonameid):
            place = self.gazetteer.get(row.geonameid)
            if place is not None:
                return replace(rp, place=place, score=1.0, reason=tag)
        base = current
        if base is None and row.geonameid is not None:
            base = self.gazetteer.get(row.geonameid)
        if row.lat is None or row.lon is None:
            if base is not None and base is not current:
                return replace(rp, place=base, score=1.0, reason=tag)
            return rp
        if base is not None and _same_point(base, row.lat, row.lon):
            return rp if base is current else replace(rp, place=base, score=1.0, reason=tag)
        if base is not None:
            place = replace(base, lat=row.lat, lon=row.lon, point_source="user")
        else:
            place = self._bare_point(row, rp.mention)
        return replace(rp, place=place, score=1.0, reason=f"{tag}: user point")

    def _bare_point(self, row: Override, mention: Mention) -> Place:
        assert row.lat is not None and row.lon is not None
        country = self.gazetteer.country_at(row.lat, row.lon)
        return Place(
            geonameid=0,
            name=row.name or mention.text,
            lat=row.lat,
            lon=row.lon,
            feature_class="",
            feature_code="",
            country_code=country.country_code if country else "",
            country_name=country.name if country else "",
            point_source="user",
        )

    def _mark(self, row: Override) -> None:
        with self._lock:
            self._used.add(row.line)

    # -- reporting -----------------------------------------------------------------------------
    def unmatched(
        self,
        documents: Iterable[Document] | None = None,
        *,
        mentions: Iterable[MentionKey] | None = None,
    ) -> list[str]:
        """One line per row that matched no mention, e.g. ``places.csv:7: 'Quetta' in d1 [10:16]
        matched no mention``.

        Without ``documents`` this counts the rows this instance applied (one process); with the
        finished ``documents`` (any number of workers) a row counts as matched when some place
        carries its ``user override`` tag, or when the mention it names is there unchanged.
        ``mentions`` does the same from each place's ``mention_key`` (``geo parse``, whose workers
        send back text, not documents).
        """
        used = set(self._used)
        if documents is not None:
            mentions = [mention_key(doc.id, rp) for doc in documents for rp in doc.places]
        if mentions is not None:
            used |= self._used_in(mentions)
        return [r.describe(str(self.path)) for r in self.rows if r.line not in used]

    def _used_in(self, mentions: Iterable[MentionKey]) -> set[int]:
        used: set[int] = set()
        names = {row.key: row.line for row in self.rows if row.scope == "all"}
        for doc_id, start, end, text, reason in mentions:
            hit = _REASON.search(reason)
            if hit and hit.group(1) == self.path.name:
                used.add(int(hit.group(2)))
            row = self._by_span.get((doc_id, start, end))
            if row is not None and fold(row.text) == fold(text):
                used.add(row.line)
            elif fold(text) in names:
                used.add(names[fold(text)])
        return used

    def __len__(self) -> int:
        return len(self.rows)

    def __getstate__(self) -> dict[str, object]:
        return {"path": self.path, "gazetteer": self.gazetteer, "rows": self.rows}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(state["path"], state["gazetteer"], state["rows"])  # type: ignore[misc, arg-type]


def _same_point(place: Place, lat: float, lon: float) -> bool:
    return abs(place.lat - lat) <= SAME_POINT_DEG and abs(place.lon - lon) <= SAME_POINT_DEG


def _cell(raw: dict[str | None, str | list[str] | None], column: str) -> str:
    value = raw.get(column)
    return value.strip() if isinstance(value, str) else ""


def _parse_row(
    path: Path, line: int, raw: dict[str | None, str | list[str] | None], gazetteer: Gazetteer
) -> Override | None:
    """One CSV row as an ``Override`` (``None`` for a blank row); ``InputError`` when malformed."""

    def bad(problem: str) -> InputError:
        return InputError(f"{path}:{line}: {problem}")

    if raw.get(None):
        raise bad("more cells than header columns")
    if not any(_cell(raw, c) for c in REQUIRED_COLUMNS):
        return None
    scope = _cell(raw, "scope").lower()
    if scope not in SCOPES:
        raise bad(f"scope must be blank or 'all', not {scope!r}")
    scope = "all" if scope == "all" else ""
    text = _cell(raw, "text")
    if not text:
        raise bad("empty 'text' (the place name as written in the article)")
    start = end = None
    if scope != "all":
        doc_id = _cell(raw, "doc_id")
        if not doc_id:
            raise bad("empty 'doc_id' (or set scope=all to correct every mention of the name)")
        try:
            start, end = int(_cell(raw, "start")), int(_cell(raw, "end"))
        except ValueError:
            raise bad(
                f"start/end must be whole numbers, not {_cell(raw, 'start')!r}/{_cell(raw, 'end')!r}"
            ) from None
        if not 0 <= start < end:
            raise bad(f"start/end {start}/{end} do not make a span")
    gid_text = _cell(raw, "geonameid")
    geonameid: int | None = None
    if gid_text:
        try:
            geonameid = int(float(gid_text))
        except ValueError:
            raise bad(f"geonameid must be a number, not {gid_text!r}") from None
        if geonameid == 0:
            geonameid = None
    lat = _coordinate(bad, _cell(raw, "lat"), "lat", 90.0)
    lon = _coordinate(bad, _cell(raw, "lon"), "lon", 180.0)
    if (lat is None) != (lon is None):
        raise bad("give both lat and lon, or neither")
    if geonameid is None and lat is None:
        return None  # an unresolved row left as it was: no choice to apply
    if geonameid is not None and lat is None and gazetteer.get(geonameid) is None:
        raise bad(f"geonameid {geonameid} is not in the gazetteer ({gazetteer.path})")
    return Override(
        line, _cell(raw, "doc_id"), text, start, end, geonameid, lat, lon, scope, _cell(raw, "name")
    )


def _coordinate(bad: Callable[[str], InputError], value: str, column: str, limit: float) -> float | None:
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or abs(number) > limit:
        raise bad(f"{column} must be a number within ±{limit:g}, not {value!r}")
    return number
