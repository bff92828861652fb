"""geo.documents: every input format, cleaning, and every kind of bad input, on texts we wrote."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import sys
import warnings
from pathlib import Path

import pytest

from geo.documents import (
    DocumentWarning,
    clean_text,
    decode_bytes,
    is_debris,
    language_note,
    parse_date,
    read_documents,
)
from geo.records import Document, DocumentStatus

FIXTURES = Path(__file__).parent / "fixtures" / "documents"
FOLDER = FIXTURES / "folder"


def read_all(
    paths: list[str | Path], *, date: dt.date | None = None, warns: bool = False
) -> list[Document | DocumentStatus]:
    """Every item read; ``warns`` says a DocumentWarning is expected (otherwise none may be raised)."""
    with pytest.warns(DocumentWarning) if warns else warnings.catch_warnings():
        if not warns:
            warnings.simplefilter("error", DocumentWarning)
        return list(read_documents(paths, date=date))


def by_id(items: list[Document | DocumentStatus]) -> dict[str, Document | DocumentStatus]:
    return {(it.id if isinstance(it, Document) else it.doc_id): it for it in items}


# --------------------------------------------------------------------------- cleaning


def test_clean_text_drops_repeated_paragraph_and_debris_lines() -> None:
    raw = (
        "Title of the piece\n\nThe council met in the old town hall on Monday.\n\nREAD MORE\n\n"
        "The council met in the old town hall on Monday.\n\nAdvertisement\n\nClick here to subscribe\n\n"
        "We use cookies to improve your experience.\n\nIt voted to rebuild the school."
    )
    assert clean_text(raw) == (
        "Title of the piece\n\nThe council met in the old town hall on Monday.\n\n"
        "It voted to rebuild the school."
    )


def test_clean_text_keeps_short_repeats_and_prose_that_mentions_debris_words() -> None:
    raw = "Yes.\n\nYes.\n\nHe said readers should click here to see the photos of the parade, not elsewhere."
    assert clean_text(raw) == raw  # "Yes." is too short to be scraper duplication; prose is not debris


def test_clean_text_normalises_unicode_whitespace_and_controls() -> None:
    raw = "\ufeffKabul\u00a0\u00a0 city\r\nCafe\u0301 owner\x07 said\t\tso.\r\rEnd\u200b."
    assert clean_text(raw) == "Kabul city\nCafé owner said so.\n\nEnd."


def test_clean_text_drops_bidi_overrides_that_would_reorder_what_the_map_shows() -> None:
    """A right-to-left override in an actor's name turned the popup's "Militia A vs Police" into
    "Militia eciloP sv ..." (text written backwards after it reads forwards: a spoof)."""
    raw = "Militia \u202eA yb deyortsed\u202c and \u2067isolated\u2069 \u202bembedded\u202c text\u200f."
    assert clean_text(raw) == "Militia A yb deyortsed and isolated embedded text\u200f."  # the RLM mark stays


def test_is_debris_only_for_whole_short_lines() -> None:
    assert is_debris("  READ MORE ")
    assert is_debris("Share this article")
    # a correction notice, a caption and a wire trailer are no part of the story: their places and
    # words ("said the attack happened in X") would make events of their own
    assert is_debris("CORRECTION: An earlier version of this story misspelt the town of the raid.")
    assert is_debris("An earlier version of this article gave the wrong date for the bombing.")
    assert is_debris("Photo caption: Soldiers on patrol in a market town in 2023.")
    assert is_debris("(Reporting by A. Writer in a capital; Editing by An Editor)")
    assert not is_debris("The correction of the border line was agreed on Monday, officials said.")
    assert not is_debris("Read more about the election in our report from Herat tomorrow, officials said.")
    assert not is_debris("advertisement " * 30)


def test_parse_date_forms() -> None:
    assert parse_date("2001-11-29") == dt.date(2001, 11, 29)
    assert parse_date("2001-11-29T23:10:00Z") == dt.date(2001, 11, 29)
    assert parse_date("29 November 2001") == dt.date(2001, 11, 29)
    assert parse_date("") is None
    with pytest.raises(ValueError, match="not a date"):
        parse_date("sometime soon")


def test_parse_date_refuses_to_guess_a_day_month_order_or_a_missing_part() -> None:
    """'10/02/2024' is 10 February in most of the world and October 2 in the US: guessing either
    shifts every relative date of the article; 'June 13' has no year (it became 1900-06-13)."""
    assert parse_date("13/02/2024") == dt.date(2024, 2, 13)  # only one reading
    assert parse_date("02/13/2024") == dt.date(2024, 2, 13)
    assert parse_date("1/1/2024") == dt.date(2024, 1, 1)
    assert parse_date("Thu, 13 Jun 2024 10:00:00 GMT") == dt.date(2024, 6, 13)
    for text in ("10/02/2024", "10.02.2024", "3-4-24"):
        with pytest.raises(ValueError, match="ambiguous"):
            parse_date(text)
    for text in ("June 13", "June 2024", "2024"):
        with pytest.raises(ValueError, match="not a whole date"):
            parse_date(text)


# --------------------------------------------------------------------------- formats


def test_folder_is_read_recursively_in_sorted_order_with_sidecar_and_rows() -> None:
    items = read_all([FOLDER], date=dt.date(2003, 1, 1), warns=True)
    ids = [it.id if isinstance(it, Document) else it.doc_id for it in items]
    assert ids == [
        "market-fire",
        "brief-1",
        "sub/briefs:2",
        "brief-3",
        "sub/briefs:5",
        "brief-5",
        "w1",
        "w2",
        "w3",
    ]
    docs = by_id(items)
    fire = docs["market-fire"]
    assert isinstance(fire, Document)
    assert fire.title == "Fire at the river market"
    assert fire.date == dt.date(2003, 5, 6)  # from the sidecar, not the --date default
    assert fire.url == "https://example.org/market-fire"
    assert fire.text.count("A fire broke out") == 1
    assert "Advertisement" not in fire.text and "Share this" not in fire.text
    assert fire.text.startswith("Fire at the river market\n\n")  # the title stays in the text
    assert fire.source == str(FOLDER / "market-fire.txt")


def test_jsonl_rows_fields_defaults_and_errors() -> None:
    path = FOLDER / "sub" / "briefs.jsonl"
    docs = by_id(read_all([path], date=dt.date(2003, 1, 1), warns=True))
    b1 = docs["brief-1"]
    assert isinstance(b1, Document)
    assert (b1.title, b1.date, b1.source) == ("Convoy stopped", dt.date(2003, 5, 7), f"{path}:1")
    b2 = docs["briefs:2"]
    assert isinstance(b2, Document)
    assert (
        b2.date == dt.date(2003, 1, 1)
        and b2.url == "https://example.org/bridge"
        and b2.title == "Bridge reopened"
    )
    assert docs["brief-3"] == DocumentStatus("brief-3", f"{path}:4", "empty", f"{path}:4: no text")
    bad = docs["briefs:5"]
    assert isinstance(bad, DocumentStatus) and bad.status == "error"
    assert bad.reason.startswith(f"{path}:5: malformed JSON") and "\n" not in bad.reason
    b5 = docs["brief-5"]  # an unreadable date falls back to the default, with a warning
    assert isinstance(b5, Document) and b5.date == dt.date(2003, 1, 1)


def test_csv_rows_with_multiline_field_keep_their_first_line_number() -> None:
    path = FOLDER / "sub" / "wire.csv"
    items = read_all([path])
    docs = by_id(items)
    w2 = docs["w2"]
    assert isinstance(w2, Document)
    assert w2.text == "Shops in Herat closed early.\nResidents said they feared more protests."
    assert w2.source == f"{path}:3"
    w3 = docs["w3"]
    assert isinstance(w3, DocumentStatus) and w3.status == "empty" and w3.source == f"{path}:5"


def test_csv_quote_never_closed_is_an_error_not_a_row_that_swallows_the_rest(tmp_path: Path) -> None:
    """An unclosed quote made the rest of the file one article: the rows after it vanished unsaid."""
    path = tmp_path / "rows.csv"
    path.write_text(
        'id,text\nr1,Shelling hit Aleppo.\nr2,"Rain in Quetta, police said.\n'
        "r3,Protest in Kabul.\nr4,More.\n",
        encoding="utf-8",
    )
    items = list(read_documents([path]))
    assert [getattr(i, "id", getattr(i, "doc_id", "")) for i in items] == ["r1", "rows:3"]
    assert isinstance(items[0], Document)
    bad = items[1]
    assert isinstance(bad, DocumentStatus) and bad.status == "error"
    assert bad.reason == (
        f"{path}:3: malformed CSV row (a quote opened on this row is never closed: "
        "lines 3-5 would be one field)"
    )
    # a quoted field over several lines, closed, is still one good row
    path.write_text('id,text\nr1,"Line one,\nline two in Kabul."\nr2,Next.\n', encoding="utf-8")
    assert [type(i).__name__ for i in read_documents([path])] == ["Document", "Document"]


def test_files_a_folder_holds_but_geo_does_not_read_are_named(tmp_path: Path) -> None:
    """Articles saved as .html or .pdf in a folder of .txt files were left out without a word."""
    (tmp_path / "a.txt").write_text("Clash\n\nTroops clashed in Kabul.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>Troops clashed in Herat.</p>", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "a.meta.json").write_text("{}", encoding="utf-8")  # a sidecar: read with a.txt
    (tmp_path / "README.md").write_text("About these articles.", encoding="utf-8")  # notes, not articles
    (tmp_path / ".hidden.html").write_text("x", encoding="utf-8")
    with pytest.warns(DocumentWarning) as caught:
        items = list(read_documents([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Document"]
    assert [str(w.message) for w in caught] == [
        f"{tmp_path}: 2 files not read (geo reads .csv, .jsonl, .ndjson, .text, .tsv, .txt, "
        "gzip too): b.html, sub/c.pdf"
    ]


def test_csv_without_text_column_is_one_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "nocol.csv"
    path.write_text("id,body\n1,Some words here.\n", encoding="utf-8")
    [status] = read_all([path])
    assert isinstance(status, DocumentStatus) and status.status == "error"
    assert status.reason == f"{path}: no 'text' column in the header (columns: id, body)"


def test_tsv_and_header_case(tmp_path: Path) -> None:
    path = tmp_path / "rows.tsv"
    path.write_text("ID\tText\nr1\tPatrols resumed in Kunduz.\n", encoding="utf-8")
    [doc] = read_all([path])
    assert isinstance(doc, Document) and doc.id == "r1" and doc.text == "Patrols resumed in Kunduz."


def test_gzip_variants(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(b"Headline\n\nBody of the article."))
    rows = [{"id": "j1", "text": "Rows can be compressed."}, {"id": "j2", "text": "Second row."}]
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress("\n".join(map(json.dumps, rows)).encode()))
    (tmp_path / "c.csv.gz").write_bytes(gzip.compress(b'text\n"A csv row, compressed."\n'))
    items = read_all([tmp_path])
    assert [(it.id, it.text) for it in items if isinstance(it, Document)] == [
        ("a", "Headline\n\nBody of the article."),
        ("j1", "Rows can be compressed."),
        ("j2", "Second row."),
        ("c:2", "A csv row, compressed."),
    ]
    assert items[0].title == "Headline"  # type: ignore[union-attr]


def test_corrupt_gzip_is_an_error_not_a_crash(tmp_path: Path) -> None:
    good = gzip.compress(b'{"text": "one"}\n' * 2000)
    (tmp_path / "trunc.jsonl.gz").write_bytes(good[: len(good) // 2])
    (tmp_path / "fake.txt.gz").write_bytes(b"this was never gzip")
    items = read_all([tmp_path / "fake.txt.gz", tmp_path / "trunc.jsonl.gz"])
    assert isinstance(items[0], DocumentStatus) and items[0].status == "error"
    assert items[0].reason.startswith(f"{tmp_path / 'fake.txt.gz'}: cannot read")
    assert isinstance(items[-1], DocumentStatus) and items[-1].status == "error"
    assert "unreadable after line" in items[-1].reason
    assert all(isinstance(it, Document) for it in items[1:-1])


def test_stdin_text_and_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Piped title\nPiped body.\n")))
    [doc] = read_all(["-"], date=dt.date(2001, 11, 29))
    assert isinstance(doc, Document)
    assert (doc.id, doc.title, doc.source, doc.date) == ("stdin", "Piped title", "-", dt.date(2001, 11, 29))
    monkeypatch.setattr(
        sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"id": "p1", "text": "Row one."}\n{"x": 1}\n'))
    )
    items = read_all(["-"])
    assert isinstance(items[0], Document) and items[0].id == "p1"
    assert items[1] == DocumentStatus("stdin:2", "-:2", "error", "-:2: no 'text' field")


# --------------------------------------------------------------------------- bad input


def test_bad_inputs_each_give_one_status_and_the_rest_still_read(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Good title\n\nA readable article about Kandahar.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\t\n", encoding="utf-8")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    undecodable = tmp_path / "latin.txt"
    undecodable.write_bytes(b"Title\n" + b"caf\xe9 \x81\x8d\n")  # 0x81 is undefined in cp1252
    debris_only = tmp_path / "debris.txt"
    debris_only.write_text("READ MORE\nAdvertisement\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    items = read_all([missing, empty, blank, binary, undecodable, debris_only, good])
    statuses = {s.doc_id: s for s in items if isinstance(s, DocumentStatus)}
    assert statuses["missing"] == DocumentStatus(
        "missing", str(missing), "error", f"{missing}: no such file or folder"
    )
    assert statuses["empty"] == DocumentStatus("empty", str(empty), "empty", f"{empty}: empty file")
    assert statuses["blank"].status == "empty"
    assert statuses["photo"] == DocumentStatus(
        "photo", str(binary), "error", f"{binary}: binary file (NUL bytes), not text"
    )
    assert statuses["latin"].status == "error"
    assert statuses["latin"].reason == (
        f"{undecodable}: undecodable text, line 2 is neither UTF-8 nor cp1252 (byte 0xe9 at column 4)"
    )
    assert statuses["debris"].status == "empty"
    assert [it.id for it in items if isinstance(it, Document)] == ["good"]
    assert all("\n" not in s.reason and s.reason for s in statuses.values())


def test_encodings_cp1252_utf8_bom_utf16_and_mixed_lines(tmp_path: Path) -> None:
    (tmp_path / "a_cp1252.txt").write_bytes("Caf\u00e9 \u201cquoted\u201d \u2013 news".encode("cp1252"))
    (tmp_path / "b_bom.txt").write_bytes(b"\xef\xbb\xbfBOM title\nText.")
    (tmp_path / "c_utf16.txt").write_bytes("Ba\u011flan title\nText.".encode("utf-16"))
    mixed = "Herat caf\u00e9 (utf-8)\n".encode() + "Kunduz caf\u00e9 (cp1252)\n".encode("cp1252")
    (tmp_path / "d_mixed.txt").write_bytes(mixed)
    docs = [d for d in read_all([tmp_path]) if isinstance(d, Document)]
    assert [d.text for d in docs] == [
        "Caf\u00e9 \u201cquoted\u201d \u2013 news",
        "BOM title\nText.",
        "Ba\u011flan title\nText.",
        "Herat caf\u00e9 (utf-8)\nKunduz caf\u00e9 (cp1252)",
    ]
    assert docs[1].title == "BOM title"


def test_decode_bytes_prefers_utf8() -> None:
    assert decode_bytes("Mazār-e Sharīf".encode()) == "Mazār-e Sharīf"


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_files_with_a_bom_are_read_as_utf32(tmp_path: Path, codec: str) -> None:
    """UTF-32's little-endian BOM (FF FE 00 00) begins with UTF-16's: tested for UTF-16 first, the file
    read as UTF-16 (a character beyond the BMP came out as two others, reported ok); the big-endian one
    read as binary."""
    text = "Shelling hit Bamenda\u2019s market on Tuesday \U0001f4f0."
    bom = {"utf-32-le": "\ufeff", "utf-32-be": "\ufeff"}.get(codec, "")
    (tmp_path / "a.txt").write_bytes((bom + text).encode(codec))
    [doc] = read_all([tmp_path / "a.txt"])
    assert isinstance(doc, Document)
    assert doc.text == text


def test_jsonl_oddities(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_bytes(
        b'["a", "list"]\n'
        b'{"id": 7, "text": 12}\n'
        b'{"id": 7, "text": "Numeric ids become strings."}\n'
        b'{"id": 7, "text": "A repeated id gets a suffix."}\n'
        + b'{"text": "'
        + "caf\u00e9".encode("cp1252")
        + b'"}\n'
        + b"[" * 100000
        + b"\n"
    )
    items = read_all([path])
    assert [(type(it).__name__, it.id if isinstance(it, Document) else it.doc_id) for it in items] == [
        ("DocumentStatus", "odd:1"),
        ("DocumentStatus", "7"),
        ("Document", "7~2"),
        ("Document", "7~3"),
        ("Document", "odd:5"),
        ("DocumentStatus", "odd:6"),
    ]
    assert items[0].reason == f"{path}:1: not a JSON object but list"  # type: ignore[union-attr]
    assert items[1].reason == f"{path}:2: 'text' is int, not text"  # type: ignore[union-attr]
    assert items[4].text == "caf\u00e9"  # type: ignore[union-attr]
    assert items[5].reason.startswith(f"{path}:6: malformed JSON")  # type: ignore[union-attr]


def test_empty_inputs_are_reported(tmp_path: Path) -> None:
    (tmp_path / "none.jsonl").write_text("\n\n", encoding="utf-8")
    (tmp_path / "hdr.csv").write_text("text\n", encoding="utf-8")
    (tmp_path / "dir").mkdir()
    items = read_all([tmp_path / "none.jsonl", tmp_path / "hdr.csv", tmp_path / "dir"])
    assert [(s.status, s.reason) for s in items if isinstance(s, DocumentStatus)] == [
        ("empty", f"{tmp_path / 'none.jsonl'}: no records"),
        ("empty", f"{tmp_path / 'hdr.csv'}: no records"),
        ("empty", f"{tmp_path / 'dir'}: no article files in folder"),
    ]


def test_ids_unique_across_folders_and_repeated_paths(tmp_path: Path) -> None:
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text(f"Story from {sub}", encoding="utf-8")
    items = read_all([tmp_path / "x" / "same.txt", tmp_path / "y" / "same.txt", tmp_path])
    assert [it.id for it in items if isinstance(it, Document)] == ["same", "same~2", "x/same", "y/same"]


def test_malformed_sidecar_keeps_the_document(tmp_path: Path) -> None:
    (tmp_path / "art.txt").write_text("Title\nBody.", encoding="utf-8")
    (tmp_path / "art.meta.json").write_text("{not json", encoding="utf-8")
    with pytest.warns(DocumentWarning, match=r"art\.meta\.json: ignored"):
        [doc] = list(read_documents([tmp_path / "art.txt"], date=dt.date(2001, 11, 29)))
    assert isinstance(doc, Document) and doc.date == dt.date(2001, 11, 29)


def test_seed_article_is_cleaned_and_dated() -> None:
    seed = Path(__file__).parents[1] / "seeds" / "kandahar-2001-11.txt"
    if not seed.exists():
        pytest.skip("seed article not in this checkout")
    [doc] = read_all([seed])
    assert isinstance(doc, Document)
    assert doc.date == dt.date(2001, 11, 29)
    assert doc.title == "Afghan forces enter southern province"
    assert doc.text.count("Northern Alliance fighters have entered Kandahar province") == 1
    assert "READ MORE" not in doc.text


def test_folder_symlink_loop_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "story.txt").write_text("A story\n\nBody text.", encoding="utf-8")
    (tmp_path / "sub" / "back").symlink_to(tmp_path, target_is_directory=True)  # a loop
    (tmp_path / "again").symlink_to(tmp_path / "sub", target_is_directory=True)  # the same folder twice
    items = read_all([tmp_path])
    assert [it.id for it in items if isinstance(it, Document)] == ["again/story"]


def test_header_lines_give_title_date_and_url(tmp_path: Path) -> None:
    """A pasted article's "Title:/Date:/URL:" paragraph is metadata; the headline stays the first line."""
    (tmp_path / "a.txt").write_text(
        "Title: Rebels shell market town\nDATE: 20 November 2026\nurl: https://example.org/a\n\n"
        "Rebels shelled the town on Wednesday.\n",
        encoding="utf-8",
    )
    [doc] = read_all([tmp_path / "a.txt"])
    assert isinstance(doc, Document)
    assert (doc.title, doc.date, doc.url) == (
        "Rebels shell market town",
        dt.date(2026, 11, 20),
        "https://example.org/a",
    )
    assert doc.text == "Rebels shell market town\n\nRebels shelled the town on Wednesday."


def test_a_first_paragraph_that_is_not_all_header_is_text(tmp_path: Path) -> None:
    body = "Date: unknown to the reporter\nRebels shelled the town.\n\nSecond paragraph."
    (tmp_path / "a.txt").write_text(body, encoding="utf-8")
    [doc] = read_all([tmp_path / "a.txt"])
    assert isinstance(doc, Document) and doc.text == body and doc.date is None


def test_sidecar_wins_over_header_and_a_bad_header_date_is_named(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title: From the header\nDate: someday\n\nBody text.", encoding="utf-8")
    with pytest.warns(DocumentWarning, match=r"a\.txt: date ignored"):
        [doc] = list(read_documents([tmp_path / "a.txt"], date=dt.date(2001, 11, 29)))
    assert isinstance(doc, Document) and doc.date == dt.date(2001, 11, 29) and doc.title == "From the header"
    (tmp_path / "a.meta.json").write_text(
        '{"title": "From the sidecar", "date": "2002-01-02"}', encoding="utf-8"
    )
    [doc] = read_all([tmp_path / "a.txt"])
    assert isinstance(doc, Document) and doc.date == dt.date(2002, 1, 2) and doc.title == "From the sidecar"


# Written for these tests: the same made-up report in French and in English.
FRENCH = (
    "Des combats ont éclaté lundi matin entre l'armée et des rebelles près d'une petite ville de "
    "l'est du pays. Selon un responsable local, au moins sept personnes ont été tuées et plusieurs "
    "maisons ont été incendiées. Les habitants ont fui vers le centre pendant que les soldats "
    "renforçaient leurs positions autour de l'aéroport."
)
ENGLISH = (
    "Fighting broke out on Monday morning between the army and rebels near a small town in the east "
    "of the country. According to a local official, at least seven people were killed and several "
    "houses were set on fire. Residents fled towards the centre while the soldiers reinforced their "
    "positions around the airport."
)


def test_a_document_that_does_not_look_english_is_named_and_kept(tmp_path: Path) -> None:
    """geo reads English only: an article in another language gives no events, so the reader says so
    in one line naming the file, and still passes the document on."""
    (tmp_path / "fr.txt").write_text("Combats dans l'est\n\n" + FRENCH, encoding="utf-8")
    (tmp_path / "en.txt").write_text("Fighting in the east\n\n" + ENGLISH, encoding="utf-8")
    (tmp_path / "short.txt").write_text("Combats à Goma\n\nDes combats ont éclaté lundi.", encoding="utf-8")
    with pytest.warns(DocumentWarning) as caught:
        items = list(read_documents([tmp_path]))
    assert [it.id for it in items if isinstance(it, Document)] == ["en", "fr", "short"]
    lines = [str(w.message) for w in caught]
    assert len(lines) == 1, lines  # not the English one, nor one too short to tell
    assert lines[0].startswith(f"{tmp_path / 'fr.txt'}: does not look like English")
    assert "English only" in lines[0]
    assert language_note(ENGLISH) == "" and language_note(FRENCH) != ""


def test_a_folder_holding_an_earlier_runs_tables_does_not_read_them_as_articles(tmp_path: Path) -> None:
    """places.csv has a 'text' column (one place name a row): read as articles it gave a document per
    place mention. geo map's own tables are named once each and not read."""
    from geo.tables import EVENT_COLUMNS, PLACE_COLUMNS

    (tmp_path / "article.txt").write_text("Fighting in the east\n\n" + ENGLISH, encoding="utf-8")
    out = tmp_path / "output"
    out.mkdir()
    for name, columns in (("places", PLACE_COLUMNS), ("events", EVENT_COLUMNS)):
        row = ["x"] * len(columns)
        (out / f"{name}.csv").write_text(",".join(columns) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    items = read_all([tmp_path])
    assert [it.id for it in items if isinstance(it, Document)] == ["article"]
    reasons = sorted(it.reason for it in items if isinstance(it, DocumentStatus))
    assert reasons == [
        f"{out / 'events.csv'}: the events table (events.csv) written by geo map, not articles: not read",
        f"{out / 'places.csv'}: the places table (places.csv) written by geo map, not articles: not read",
    ]
