"""Reading input articles: files, folders, JSON Lines, CSV, gzip and stdin, streamed.

``read_documents(paths, date=...)`` yields one :class:`~geo.records.Document` per
article, or a :class:`~geo.records.DocumentStatus` (``"error"`` or ``"empty"``, with a
one-line reason naming the file and line) for every input that cannot give one.  Bad
input never stops the stream: the other documents are still produced.

Formats (``.gz`` variants of each are read transparently):

* ``.txt`` (and any file named explicitly that is not JSONL/CSV): one article.  The
  title is the first non-empty line; the text keeps that line, so offsets are offsets
  into ``Document.text`` as cleaned by :func:`clean_text`.  A sidecar ``X.meta.json``
  next to ``X.txt`` may give ``date``, ``title``, ``url`` and ``id``.  A first paragraph made only
  of header lines (``Title: ...``, ``Date: ...``, ``URL: ...``; see :func:`split_header`) gives
  them too and is not part of the text (the sidecar wins where both give a field).
* ``.jsonl`` / ``.ndjson``: one JSON object per line with ``text`` and optional
  ``title``, ``date``, ``url``, ``id``.  ``.csv`` / ``.tsv``: a header row with the same
  columns.  Rows are streamed, never loaded whole; ``source`` is ``file:line``.
* a folder: every ``.txt``/``.jsonl``/``.ndjson``/``.csv``/``.tsv`` file under it (and
  their ``.gz`` forms), recursively, in sorted order; hidden files, ``*.meta.json``
  sidecars and other extensions are not articles and are skipped.
* ``-``: standard input, as JSON Lines when its first line is a JSON object, else as
  one text article.

Encoding: each line is decoded as UTF-8 (a leading BOM is dropped); a line that is not
valid UTF-8 is decoded as cp1252 (legacy Windows text, common in scraped news; this
also reads files that mix the two), but only when cp1252 defines every byte of it.  A
line valid in neither is an error for its document.  Files with a UTF-32 or UTF-16 BOM are
read as UTF-32 or UTF-16 (the UTF-32 BOMs first: the little-endian one begins with UTF-16's).
A file whose first 8 KiB hold a NUL byte is binary and is reported as such.

Document ids are stable and unique within one call: the file stem (for files found in
a folder, their path relative to it without the suffix), a row's ``id``, or
``stem:line``; a repeated id gets ``~2``, ``~3``... in input order.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import gzip
import io
import json
import re
import sys
import unicodedata
import warnings
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from geo.records import Document, DocumentStatus

DEBRIS_PATH = Path(__file__).parent / "data" / "document_debris.txt"
FOLDER_NOTES_PATH = Path(__file__).parent / "data" / "document_folder_notes.txt"
LANGUAGE_PATH = Path(__file__).parent / "data" / "document_language.json"
TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv", ".tsv"})
FOLDER_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES
SNIFF_BYTES = 8192
MAX_DEBRIS_LINE = 200  # longer lines are article prose, never page furniture
MIN_REPEATED_LINE = 20  # shorter lines ("Yes.", a dateline) may legitimately repeat
META_FIELDS = ("date", "title", "url", "id")

Item = Document | DocumentStatus


class DocumentWarning(UserWarning):
    """Something in an input was ignored (a bad date, an unreadable sidecar) but the document kept."""


# --------------------------------------------------------------------------- cleaning

# Controls, BOM, zero-width space, soft hyphen, and the bidi embeddings, overrides and isolates
# (U+202A-202E, U+2066-2069): these reorder the text after them, so an actor's name could make
# the map's popup read backwards ("Trojan source"). The weak marks RLM/LRM stay.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u200b\u00ad\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)
_BLANKS = re.compile(r"\n{3,}")
#: Header lines a pasted or exported article may start with, and the field each gives.
HEADER_KEYS = {
    "title": "title",
    "headline": "title",
    "date": "date",
    "published": "date",
    "publication date": "date",
    "load-date": "date",
    "url": "url",
    "link": "url",
}
_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z -]{1,20}?)\s*:\s*(\S.*)")


@functools.cache
def debris_patterns(path: Path = DEBRIS_PATH) -> tuple[re.Pattern[str], ...]:
    """The page-debris line patterns from ``geo/data/document_debris.txt``."""
    patterns = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            patterns.append(re.compile(line, re.IGNORECASE))
    return tuple(patterns)


def is_debris(line: str) -> bool:
    """True when a whole (trimmed) line is page furniture such as "READ MORE" or a cookie notice."""
    line = line.strip()
    if not line or len(line) > MAX_DEBRIS_LINE:
        return False
    return any(p.fullmatch(line) for p in debris_patterns())


def clean_text(text: str) -> str:
    """Normalise an article's text and drop page debris.

    NFC Unicode; BOM, zero-width spaces, soft hyphens, control characters and bidi overrides removed;
    line ends unified; runs of spaces/tabs collapsed to one space; lines that are page
    furniture (``geo/data/document_debris.txt``) dropped; a line repeating an earlier
    line of the article (scrapers often duplicate the lead paragraph) dropped; at most
    one blank line between paragraphs; no leading or trailing whitespace.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text)
    seen: set[str] = set()
    kept: list[str] = []
    for raw in text.split("\n"):
        line = " ".join(raw.split())  # runs of spaces/tabs as one space, trimmed: what _SPACES did
        if line and (is_debris(line) or (len(line) >= MIN_REPEATED_LINE and line in seen)):
            continue
        seen.add(line)
        kept.append(line)
    return _BLANKS.sub("\n\n", "\n".join(kept)).strip()


def split_header(text: str) -> tuple[dict[str, str], str]:
    """A cleaned text's header fields and the text after them.

    The header is the first paragraph when every line of it is ``Key: value`` with a known key
    (``HEADER_KEYS``: Title/Headline, Date/Published, URL/Link; any case) and a paragraph follows:
    ``{"title": ..., "date": ...}`` and the rest, which starts with the title line when there is one
    (the headline is part of an article's text).  Otherwise ``({}, text)``.
    """
    head, sep, rest = text.partition("\n\n")
    if not sep or not rest.strip():
        return {}, text
    fields: dict[str, str] = {}
    for line in head.split("\n"):
        m = _HEADER_LINE.fullmatch(line)
        key = HEADER_KEYS.get(m.group(1).strip().lower()) if m else None
        if m is None or key is None:
            return {}, text
        fields.setdefault(key, m.group(2).strip())
    if "title" in fields:  # the headline stays the text's first line, as in a plain article
        rest = f"{fields['title']}\n\n{rest}"
    return fields, rest


def first_line(text: str) -> str:
    """The first non-empty line of a text: the title of a plain-text article."""
    for line in text.split("\n"):
        if line.strip():
            return line.strip()
    return ""


# --------------------------------------------------------------------------- decoding


class _Undecodable(ValueError):
    """A line is valid in none of the encodings we accept."""


def decode_line(raw: bytes) -> str:
    """UTF-8, else cp1252 when it defines every byte, else :class:`_Undecodable`."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            raise _Undecodable(f"byte 0x{raw[exc.start]:02x} at column {exc.start + 1}") from None


#: Byte-order marks and their codecs, UTF-32's first: its little-endian BOM (FF FE 00 00) begins with
#: UTF-16's (FF FE), so a UTF-32 file tested for UTF-16 first decodes to text full of NULs.
_BOMS = (
    ((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE), "utf-32"),
    ((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE), "utf-16"),
)


def _bom_codec(data: bytes) -> str | None:
    """The codec a leading UTF-32 or UTF-16 byte-order mark names, else None."""
    return next((codec for boms, codec in _BOMS if data.startswith(boms)), None)


def decode_bytes(data: bytes) -> str:
    """Decode a whole file's bytes (UTF-32 or UTF-16 by BOM, else UTF-8 with per-line cp1252
    fallback)."""
    codec = _bom_codec(data)
    if codec is not None:
        return data.decode(codec)
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    out = []
    for n, raw in enumerate(lines, 1):
        try:
            out.append(decode_line(raw))
        except _Undecodable as exc:
            raise _Undecodable(f"line {n} is neither UTF-8 nor cp1252 ({exc})") from None
    return "\n".join(out)


def _is_binary(head: bytes) -> bool:
    if _bom_codec(head) is not None:
        return False
    return b"\x00" in head


# --------------------------------------------------------------------------- metadata


#: ``10/02/2024``, ``10.02.24``: numbers only, the order of day and month unsaid.
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})")
#: Two defaults that differ in every part: a date that takes any part from them lacks it.
_DEFAULTS = (dt.datetime(1900, 1, 1), dt.datetime(1904, 2, 2))


def parse_date(value: Any) -> dt.date | None:
    """A publication date from ISO text (``2001-11-29``, ``2001-11-29T10:00Z``) or common forms.

    Guesses none: a numeric date whose first two numbers could each be the month
    (``10/02/2024``) and a date without a day, month or year (``June 13``) are errors, since
    every relative date of the article ("on Monday") is counted from it.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    from dateutil import parser as date_parser  # pandas' dependency; only for non-ISO forms

    numeric = _NUMERIC_DATE.fullmatch(text)
    if numeric and numeric[1] != numeric[2] and int(numeric[1]) <= 12 and int(numeric[2]) <= 12:
        raise ValueError(f"{text!r} is ambiguous: day/month or month/day? Write it as YYYY-MM-DD")
    try:
        first, second = (date_parser.parse(text, default=default).date() for default in _DEFAULTS)
    except (ValueError, OverflowError):
        raise ValueError(f"{text[:40]!r} is not a date") from None
    if first != second:
        raise ValueError(f"{text[:40]!r} is not a whole date (day, month and year)")
    return first


def _str_field(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _sidecar_path(path: Path) -> Path:
    name = path.name.removesuffix(".gz")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return path.with_name(f"{stem}.meta.json")


def read_sidecar(path: Path) -> dict[str, Any]:
    """The ``X.meta.json`` next to ``X.txt`` (or ``X.jsonl``...): its date/title/url/id, or ``{}``."""
    meta_path = _sidecar_path(path)
    if not meta_path.is_file():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        warnings.warn(f"{meta_path}: ignored, not readable JSON ({exc})", DocumentWarning, stacklevel=2)
        return {}
    if not isinstance(meta, dict):
        warnings.warn(f"{meta_path}: ignored, not a JSON object", DocumentWarning, stacklevel=2)
        return {}
    return {k: meta[k] for k in META_FIELDS if meta.get(k) not in (None, "")}


# --------------------------------------------------------------------------- the reader


@dataclass(slots=True)
class _Ids:
    """Hands out unique document ids in input order (``x``, ``x~2``, ``x~3``...)."""

    seen: dict[str, int]

    def unique(self, doc_id: str) -> str:
        doc_id = doc_id or "doc"
        n = self.seen.get(doc_id, 0) + 1
        self.seen[doc_id] = n
        if n == 1:
            return doc_id
        candidate = f"{doc_id}~{n}"
        while candidate in self.seen:
            n += 1
            candidate = f"{doc_id}~{n}"
        self.seen[doc_id] = n
        self.seen[candidate] = 1
        return candidate


def _stem(path: Path) -> str:
    name = path.name.removesuffix(".gz")
    return name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name


def file_kind(path: Path) -> str:
    """``text``, ``jsonl``, ``csv`` or ``tsv``, from the name (a ``.gz`` suffix is looked through)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    if last in JSONL_SUFFIXES:
        return "jsonl"
    if last in CSV_SUFFIXES:
        return "tsv" if last == ".tsv" else "csv"
    return "text"


def _in_folder(path: Path) -> bool:
    name = path.name.lower()
    if name.startswith(".") or name.endswith(".meta.json"):
        return False
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return bool(suffixes) and suffixes[-1] in FOLDER_SUFFIXES


@functools.cache
def folder_note_names(path: Path = FOLDER_NOTES_PATH) -> frozenset[str]:
    """Names of a folder's notes (README, LICENSE, ...) from ``geo/data/document_folder_notes.txt``."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line.casefold() for line in lines if line and not line.startswith("#"))


def _unread_worth_naming(path: Path) -> bool:
    """A file a folder holds that is not read and is not a sidecar or a note (README, LICENSE)."""
    name = path.name.lower()
    if name.endswith(".meta.json"):
        return False
    return name.split(".", 1)[0] not in folder_note_names()


def iter_files(
    folder: Path, _seen: set[Path] | None = None, *, unread: list[Path] | None = None
) -> Iterator[Path]:
    """Article files under a folder, recursively, in a stable (sorted, depth-first) order.

    Symbolic links to folders are followed once: a link back to an ancestor is not a loop.
    Other files (not hidden, not sidecars or notes) are appended to ``unread`` when given.
    """
    seen = _seen if _seen is not None else set()
    try:
        real = folder.resolve()
        if real in seen:
            return
        seen.add(real)
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except (OSError, RuntimeError):
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from iter_files(entry, seen, unread=unread)
        elif entry.is_file() and _in_folder(entry):
            yield entry
        elif unread is not None and entry.is_file() and _unread_worth_naming(entry):
            unread.append(entry)


# --------------------------------------------------------------------------- language

_WORD = re.compile(r"[^\W\d_]+")
_LANGUAGE_SAMPLE = 20_000  # characters read to judge a document's language


@functools.cache
def _english_words(path: Path = LANGUAGE_PATH) -> tuple[frozenset[str], int, float]:
    """Common English function words, the fewest words to judge by and the lowest English share
    (``geo/data/document_language.json``)."""
    cfg = json.loads(path.read_text(encoding="utf-8"))
    return frozenset(cfg["english_words"]), int(cfg["min_words"]), float(cfg["min_share"])


def language_note(text: str) -> str:
    """Why ``text`` looks like no English (``""`` when it reads as English or is too short to tell).

    geo's lexicons and models are English only: an article in another language gives few or no
    events, so it is named, not dropped. The test is the share of its words that are common English
    function words (English news: about a third)."""
    return _sample_language_note(text[:_LANGUAGE_SAMPLE])


#: ``geo parse`` asks about each document twice, on reading it and in its chunk's manifest (32
#: documents apart): a memo of the last two chunks' samples spares the second scan of its words
@functools.lru_cache(maxsize=2 * 32)
def _sample_language_note(sample: str) -> str:
    """``language_note`` of a text's first ``_LANGUAGE_SAMPLE`` characters."""
    words, min_words, min_share = _english_words()
    found = _WORD.findall(sample)
    if len(found) < min_words:
        return ""
    share = sum(w.lower() in words for w in found) / len(found)
    if share >= min_share:
        return ""
    return (
        f"does not look like English ({share:.0%} of its words are common English words, about a third "
        "in English news); geo reads English only, so expect few or no events"
    )


def read_documents(paths: Sequence[str | Path], *, date: dt.date | None = None) -> Iterator[Item]:
    """Stream documents (or statuses explaining why not) from files, folders and ``-`` (stdin).

    ``date`` is the publication date of inputs that carry none (no ``date`` field, no
    sidecar).  Every path named gives at least one item, so nothing disappears silently.
    A document that does not look like English is named in a :class:`DocumentWarning`
    (:func:`language_note`) and still yielded.
    """
    for item in _read_all(paths, date):
        if isinstance(item, Document):
            note = language_note(item.text)
            if note:
                warnings.warn(f"{item.source or item.id}: {note}", DocumentWarning, stacklevel=2)
        yield item


def _read_all(paths: Sequence[str | Path], date: dt.date | None) -> Iterator[Item]:
    ids = _Ids({})
    for given in paths:
        if str(given) == "-":
            yield from _read_stdin(ids, date)
            continue
        path = Path(given)
        if path.is_dir():
            unread: list[Path] = []
            files = list(iter_files(path, unread=unread))
            if unread:
                shown = ", ".join(f.relative_to(path).as_posix() for f in unread[:10])
                more = f" and {len(unread) - 10} more" if len(unread) > 10 else ""
                kinds = ", ".join(sorted(FOLDER_SUFFIXES))
                warnings.warn(
                    f"{path}: {len(unread)} file{'s' if len(unread) > 1 else ''} not read "
                    f"(geo reads {kinds}, gzip too): {shown}{more}",
                    DocumentWarning,
                    stacklevel=2,
                )
            if not files:
                yield DocumentStatus(
                    ids.unique(path.name or str(path)),
                    str(path),
                    "empty",
                    f"{path}: no article files in folder",
                )
            for file in files:
                rel = file.relative_to(path)
                doc_id = (rel.parent / _stem(file)).as_posix()
                yield from _read_file(file, ids, date, doc_id=doc_id)
        elif not path.exists():
            yield DocumentStatus(
                ids.unique(_stem(path)), str(path), "error", f"{path}: no such file or folder"
            )
        else:
            yield from _read_file(path, ids, date, doc_id=_stem(path))


def open_binary(path: Path) -> IO[bytes]:
    """The file's bytes, decompressed when the name ends in ``.gz``."""
    if path.name.lower().endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def _peek(fh: IO[bytes]) -> bytes:
    """The first bytes of a buffered stream without consuming them."""
    peek = getattr(fh, "peek", None)
    return bytes(peek(SNIFF_BYTES)[:SNIFF_BYTES]) if peek is not None else b""


_READ_ERRORS = (OSError, EOFError, zlib.error)


def _read_file(path: Path, ids: _Ids, date: dt.date | None, *, doc_id: str) -> Iterator[Item]:
    kind = file_kind(path)
    try:
        fh = open_binary(path)
    except OSError as exc:
        yield DocumentStatus(ids.unique(doc_id), str(path), "error", f"{path}: cannot open ({_why(exc)})")
        return
    with fh:
        try:
            head = _peek(fh)
        except _READ_ERRORS as exc:
            yield DocumentStatus(ids.unique(doc_id), str(path), "error", f"{path}: cannot read ({_why(exc)})")
            return
        if _is_binary(head):
            yield DocumentStatus(
                ids.unique(doc_id), str(path), "error", f"{path}: binary file (NUL bytes), not text"
            )
            return
        meta = read_sidecar(path)
        if kind == "text":
            yield _text_document(fh, path, ids, meta, date, doc_id=doc_id)
        else:
            default_date = _meta_date(meta, path, date)
            rows = _jsonl_rows(fh, path) if kind == "jsonl" else _csv_rows(fh, path, kind)
            yield from _row_documents(rows, path, ids, default_date, doc_id=doc_id)


def _why(exc: BaseException) -> str:
    """A short one-line description of an exception."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _meta_date(
    meta: dict[str, Any], path: Path, date: dt.date | None, *, where: Path | None = None
) -> dt.date | None:
    """The date ``meta`` gives (else ``date``); a bad one is ignored with a warning naming ``where``
    (default: the sidecar file of ``path``)."""
    if "date" not in meta:
        return date
    try:
        return parse_date(meta["date"]) or date
    except ValueError as exc:
        warnings.warn(f"{where or _sidecar_path(path)}: date ignored ({exc})", DocumentWarning, stacklevel=2)
        return date


def _text_document(
    fh: IO[bytes], path: Path, ids: _Ids, meta: dict[str, Any], date: dt.date | None, *, doc_id: str
) -> Item:
    source = str(path)
    doc_id = ids.unique(_str_field(meta.get("id")) or doc_id)
    try:
        data = fh.read()
    except _READ_ERRORS as exc:
        return DocumentStatus(doc_id, source, "error", f"{path}: cannot read ({_why(exc)})")
    if not data.strip():
        return DocumentStatus(doc_id, source, "empty", f"{path}: empty file")
    try:
        text = clean_text(decode_bytes(data))
    except (_Undecodable, UnicodeDecodeError) as exc:
        return DocumentStatus(doc_id, source, "error", f"{path}: undecodable text, {exc}")
    if not text:
        return DocumentStatus(doc_id, source, "empty", f"{path}: no text left after cleaning")
    header, text = split_header(text)  # the sidecar file, where there is one, is the more deliberate source
    if "date" in meta:
        date = _meta_date(meta, path, date)
    elif "date" in header:
        date = _meta_date(header, path, date, where=path)
    return Document(
        id=doc_id,
        text=text,
        title=clean_text(_str_field(meta.get("title") or header.get("title"))) or first_line(text),
        date=date,
        url=_str_field(meta.get("url") or header.get("url")),
        source=source,
    )


def _read_stdin(ids: _Ids, date: dt.date | None) -> Iterator[Item]:
    raw_stdin: Any = sys.stdin.buffer
    stream: IO[bytes] = raw_stdin if hasattr(raw_stdin, "peek") else io.BufferedReader(raw_stdin)
    head = _peek(stream)
    if _is_binary(head):
        yield DocumentStatus(
            ids.unique("stdin"), "-", "error", "-: binary input on stdin (NUL bytes), not text"
        )
        return
    first = head.split(b"\n", 1)[0].strip().removeprefix(codecs.BOM_UTF8)
    if first.startswith(b"{"):
        try:
            is_jsonl = isinstance(json.loads(first), dict)
        except (ValueError, UnicodeDecodeError):
            is_jsonl = False
        if is_jsonl:
            yield from _row_documents(_jsonl_rows(stream, Path("-")), Path("-"), ids, date, doc_id="stdin")
            return
    yield _text_document(stream, Path("-"), ids, {}, date, doc_id="stdin")


# --------------------------------------------------------------------------- rows


@dataclass(frozen=True, slots=True)
class _Row:
    """One JSONL/CSV record: its first line number and its fields, or why it could not be read."""

    line: int
    fields: dict[str, Any] | None
    error: str = ""


def _binary_lines(fh: IO[bytes], path: Path) -> Iterator[tuple[int, bytes | None, str]]:
    """(line number, raw bytes, "") per line, or (n, None, reason) once if the stream breaks."""
    n = 0
    try:
        for n, raw in enumerate(fh, 1):
            yield n, raw, ""
    except _READ_ERRORS as exc:
        yield n + 1, None, f"{path}: unreadable after line {n} ({_why(exc)})"


def _jsonl_rows(fh: IO[bytes], path: Path) -> Iterator[_Row]:
    for n, raw, broken in _binary_lines(fh, path):
        if raw is None:
            yield _Row(n, None, broken)
            return
        if n == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if not raw.strip():
            continue
        try:
            line = decode_line(raw)
        except _Undecodable as exc:
            yield _Row(n, None, f"{path}:{n}: line is neither UTF-8 nor cp1252 ({exc})")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _Row(n, None, f"{path}:{n}: malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        except RecursionError:
            yield _Row(n, None, f"{path}:{n}: malformed JSON (nested too deeply)")
            continue
        if not isinstance(obj, dict):
            yield _Row(n, None, f"{path}:{n}: not a JSON object but {type(obj).__name__}")
            continue
        yield _Row(n, obj)


def _decoded_lines(fh: IO[bytes], path: Path, bad: dict[int, str]) -> Iterator[str]:
    """Decoded lines for the csv module; undecodable lines are blanked and recorded in ``bad``."""
    for n, raw, broken in _binary_lines(fh, path):
        if raw is None:
            bad[n] = broken
            return
        if n == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        try:
            yield decode_line(raw)
        except _Undecodable as exc:
            bad[n] = f"{path}:{n}: line is neither UTF-8 nor cp1252 ({exc})"
            yield "\ufffd\n"


def _own_table(columns: list[str]) -> str:
    """Which of geo map's own tables a CSV header is ("the events table (events.csv)"), or ""."""
    if "doc_id" not in columns:
        return ""
    from geo.tables import EVENT_COLUMNS, PLACE_COLUMNS

    for name, own in (("events", EVENT_COLUMNS), ("places", PLACE_COLUMNS)):
        if set(own) <= set(columns):
            return f"the {name} table ({name}.csv)"
    return ""


def _csv_rows(fh: IO[bytes], path: Path, kind: str) -> Iterator[_Row]:
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))  # whole articles live in one field
    bad: dict[int, str] = {}
    quotes = [0]  # quote characters read since the last record ended

    def lines() -> Iterator[str]:
        for line in _decoded_lines(fh, path, bad):
            quotes[0] += line.count('"')
            yield line

    reader = csv.reader(lines(), delimiter="\t" if kind == "tsv" else ",")
    try:
        header = next(reader)
    except StopIteration:
        if bad:
            yield _Row(1, None, next(iter(bad.values())))
        return
    except csv.Error as exc:
        yield _Row(1, None, f"{path}:1: unreadable header ({exc})")
        return
    columns = [c.strip().lower() for c in header]
    table = _own_table(columns)
    if table:
        # a folder that holds an earlier run's output: places.csv has a 'text' column (one place name a row)
        yield _Row(1, None, f"{path}: {table} written by geo map, not articles: not read")
        return
    if "text" not in columns:
        shown = ", ".join(c for c in columns[:8] if c) or "none"
        yield _Row(1, None, f"{path}: no 'text' column in the header (columns: {shown})")
        return
    last = reader.line_num
    while True:
        start = last + 1
        quotes[0] = 0
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            last = reader.line_num
            yield _Row(start, None, f"{path}:{start}: malformed CSV row ({exc})")
            continue
        last = reader.line_num
        if last > start and quotes[0] % 2:
            # a quote never closed: the csv module reads the rest of the file as one field
            why = f"a quote opened on this row is never closed: lines {start}-{last} would be one field"
            yield _Row(start, None, f"{path}:{start}: malformed CSV row ({why})")
            continue
        broken = [bad[k] for k in range(start, last + 1) if k in bad]
        if broken:
            yield _Row(start, None, broken[0])
            continue
        if not any(field.strip() for field in record):
            continue
        yield _Row(start, dict(zip(columns, record, strict=False)))
    for n in sorted(k for k in bad if k > last):  # a stream that broke after the last record
        yield _Row(n, None, bad[n])


def _row_documents(
    rows: Iterable[_Row], path: Path, ids: _Ids, date: dt.date | None, *, doc_id: str
) -> Iterator[Item]:
    any_row = False
    for row in rows:
        any_row = True
        yield _row_item(row, path, ids, date, stem=doc_id)
    if not any_row:
        yield DocumentStatus(ids.unique(doc_id), str(path), "empty", f"{path}: no records")


def _row_item(row: _Row, path: Path, ids: _Ids, date: dt.date | None, *, stem: str) -> Item:
    source = f"{path}:{row.line}"
    fields = row.fields
    row_id = _str_field(fields.get("id")) if fields else ""
    doc_id = ids.unique(row_id or f"{stem}:{row.line}")
    if fields is None:
        return DocumentStatus(doc_id, source, "error", row.error)
    raw_text = fields.get("text")
    if raw_text is None:
        return DocumentStatus(doc_id, source, "error", f"{source}: no 'text' field")
    if not isinstance(raw_text, str):
        return DocumentStatus(
            doc_id, source, "error", f"{source}: 'text' is {type(raw_text).__name__}, not text"
        )
    text = clean_text(raw_text)
    if not text:
        return DocumentStatus(doc_id, source, "empty", f"{source}: no text")
    row_date = date
    if fields.get("date") not in (None, ""):
        try:
            row_date = parse_date(fields["date"]) or date
        except ValueError as exc:
            warnings.warn(f"{source}: date ignored ({exc})", DocumentWarning, stacklevel=2)
    return Document(
        id=doc_id,
        text=text,
        title=clean_text(_str_field(fields.get("title"))),
        date=row_date,
        url=_str_field(fields.get("url")),
        source=source,
    )


__all__ = [
    "DocumentWarning",
    "clean_text",
    "decode_bytes",
    "is_debris",
    "language_note",
    "parse_date",
    "read_documents",
    "split_header",
]
