"""User overrides: a corrected places.csv replaces the resolver's choices (tiny real gazetteer)."""

from __future__ import annotations

import csv
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.errors import InputError
from geo.gazetteer import Gazetteer
from geo.overrides import Overrides
from geo.records import Document
from geo.resolve import Resolver
from geo.tables import places_frame
from geo.toponyms import ToponymRecognizer

# Texts written for these tests.
TEXT_A = "Traders drove from Quetta to Kandahar on Monday. Later they rested in Kandahar again."
TEXT_B = "A convoy reached Kandahar at dawn, far from Islamabad."

KANDAHAR_CITY, KANDAHAR_PROVINCE, KANDAHAR_INDIA = 1138336, 1138335, 1268153
QUETTA, ISLAMABAD_CITY = 1167528, 1176615


@pytest.fixture(scope="module")
def gaz(tiny_gazetteer_path: Path) -> Iterator[Gazetteer]:
    g = Gazetteer.open(tiny_gazetteer_path)
    yield g
    g.close()


@pytest.fixture(scope="module")
def parse(gaz: Gazetteer):  # type: ignore[no-untyped-def]
    recognizer, resolver = ToponymRecognizer(gaz), Resolver(gaz)

    def run(doc_id: str, text: str) -> Document:
        return resolver(recognizer(Document(id=doc_id, text=text)))

    return run


def _write_places(docs: list[Document], path: Path) -> list[dict[str, str]]:
    places_frame(docs).to_csv(path, index=False)
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _save(rows: list[dict[str, str]], path: Path) -> None:
    fields = list(rows[0])
    if "scope" not in fields:
        fields.append("scope")
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def _ids(doc: Document) -> list[tuple[str, int | None]]:
    return [(rp.mention.text, rp.place.geonameid if rp.place else None) for rp in doc.places]


def test_unedited_places_csv_changes_nothing(parse, gaz: Gazetteer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    docs = [parse("a", TEXT_A), parse("b", TEXT_B)]
    path = tmp_path / "places.csv"
    _write_places(docs, path)
    overrides = Overrides.load(path, gaz)
    assert [overrides(d) for d in docs] == docs
    assert overrides.unmatched() == []


def test_row_corrected_to_another_geonameid(parse, gaz: Gazetteer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = parse("a", TEXT_A)
    path = tmp_path / "places.csv"
    rows = _write_places([doc], path)
    first_kandahar = next(r for r in rows if r["text"] == "Kandahar")
    chosen = int(first_kandahar["geonameid"])
    other = KANDAHAR_PROVINCE if chosen == KANDAHAR_CITY else KANDAHAR_CITY
    first_kandahar["geonameid"] = str(other)
    _save(rows, path)
    out = Overrides.load(path, gaz)(doc)
    assert _ids(out) == [("Quetta", QUETTA), ("Kandahar", other), ("Kandahar", _ids(doc)[2][1])]
    assert "user override (places.csv:3)" in out.places[1].reason
    assert out.places[1].score == 1.0


def test_row_corrected_to_lat_lon_keeps_place_and_moves_point(parse, gaz: Gazetteer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = parse("a", TEXT_A)
    path = tmp_path / "places.csv"
    rows = _write_places([doc], path)
    rows[0]["lat"], rows[0]["lon"] = "30.25", "66.9"
    _save(rows, path)
    out = Overrides.load(path, gaz)(doc)
    quetta = out.places[0].place
    assert quetta is not None
    assert (quetta.geonameid, quetta.lat, quetta.lon, quetta.point_source) == (QUETTA, 30.25, 66.9, "user")
    assert out.places[1:] == doc.places[1:]


def test_scope_all_corrects_every_mention_in_every_document(parse, gaz: Gazetteer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    docs = [parse("a", TEXT_A), parse("b", TEXT_B)]
    path = tmp_path / "overrides.csv"
    path.write_text(
        "doc_id,text,start,end,name,geonameid,lat,lon,scope\n"
        f",kandahar,,,Kandahar (India),{KANDAHAR_INDIA},,,all\n",
        encoding="utf-8",
    )
    overrides = Overrides.load(path, gaz)
    out = [overrides(d) for d in docs]
    kandahars = [gid for d in out for text, gid in _ids(d) if text == "Kandahar"]
    assert kandahars == [KANDAHAR_INDIA] * 3
    assert ("Quetta", QUETTA) in _ids(out[0])
    assert overrides.unmatched() == []


def test_single_mention_row_beats_scope_all(parse, gaz: Gazetteer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = parse("b", TEXT_B)
    start = TEXT_B.index("Kandahar")
    chosen = _ids(doc)[0][1]
    other = KANDAHAR_PROVINCE if chosen == KANDAHAR_CITY else KANDAHAR_CITY
    path = tmp_path / "overrides.csv"
    path.write_text(
        "doc_id,text,start,end,geonameid,lat,lon,scope\n"
        f",Kandahar,,,{KANDAHAR_INDIA},,,all\n"
        f"b,Kandahar,{start},{start + 8},{other},,,\n",
        encoding="utf-8",
    )
    out = Overrides.load(path, gaz)(doc)
    assert _ids(out)[0] == ("Kandahar", other)


def test_unmatched_rows_are_reported(parse, gaz: Gazetteer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    docs = [parse("a", TEXT_A)]
    path = tmp_path / "overrides.csv"
    path.write_text(
        "doc_id,text,start,end,geonameid,lat,lon,scope\n"
        f"a,Quetta,19,25,{ISLAMABAD_CITY},,,\n"
        f"zz,Quetta,19,25,{ISLAMABAD_CITY},,,\n"
        "a,Anantnag,0,8,,34.0,75.0,\n"
        ",Balochistan,,,,29.0,66.0,all\n",
        encoding="utf-8",
    )
    overrides = Overrides.load(path, gaz)
    out = [overrides(d) for d in docs]
    assert _ids(out[0])[0] == ("Quetta", ISLAMABAD_CITY)
    lines = overrides.unmatched()
    assert [ln.split(":")[1] for ln in lines] == ["3", "4", "5"]
    assert "'Anantnag' in a [0:8] matched no mention" in lines[1]
    assert "every document" in lines[2]
    # A fresh instance (another worker) learns the same from the finished documents.
    assert Overrides.load(path, gaz).unmatched(out) == lines


def test_row_for_missed_span_adds_a_mention(gaz: Gazetteer, tmp_path: Path) -> None:
    text = "The shura met in Bagram village, north of Kabul."
    doc = Document(id="c", text=text)
    start = text.index("Bagram")
    path = tmp_path / "overrides.csv"
    path.write_text(
        f"doc_id,text,start,end,geonameid,lat,lon\nc,Bagram,{start},{start + 6},,35.0,69.2\n",
        encoding="utf-8",
    )
    out = Overrides.load(path, gaz)(doc)
    assert [(rp.mention.text, rp.place.lat if rp.place else None) for rp in out.places] == [("Bagram", 35.0)]
    assert out.mentions == (out.places[0].mention,)
    assert out.places[0].place is not None and out.places[0].place.country_code == "AF"


def test_overrides_survive_pickling(gaz: Gazetteer, tmp_path: Path) -> None:
    path = tmp_path / "overrides.csv"
    path.write_text(f"doc_id,text,start,end,geonameid,lat,lon\na,Quetta,0,6,{QUETTA},,\n", encoding="utf-8")
    clone = pickle.loads(pickle.dumps(Overrides.load(path, gaz)))
    assert len(clone) == 1 and clone.unmatched() == [f"{path}:2: 'Quetta' in a [0:6] matched no mention"]


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("a,Quetta,x,6,1167528,,,", "start/end must be whole numbers"),
        ("a,Quetta,0,6,abc,,,", "geonameid must be a number"),
        ("a,Quetta,0,6,,95,10,", "lat must be a number within ±90"),
        ("a,Quetta,0,6,,30,,", "give both lat and lon"),
        ("a,Quetta,0,6,1167528,,,some", "scope must be blank or 'all'"),
        ("a,Quetta,0,6,999999999,,,", "geonameid 999999999 is not in the gazetteer"),
        (",Quetta,0,6,1167528,,,", "empty 'doc_id'"),
        ("a,Quetta,0,6,1167528,,,,extra", "more cells than header columns"),
    ],
)
def test_malformed_row_names_file_and_line(gaz: Gazetteer, tmp_path: Path, row: str, problem: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        f"doc_id,text,start,end,geonameid,lat,lon,scope\na,Quetta,0,6,{QUETTA},,,\n{row}\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match=rf"bad\.csv:3: {problem}"):
        Overrides.load(path, gaz)


def test_file_without_place_columns_is_refused(gaz: Gazetteer, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("event_id,latitude,longitude\n1,30,60\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"events\.csv: not an override file .*missing column\(s\) doc_id"):
        Overrides.load(path, gaz)


def test_scope_all_edit_in_a_full_places_csv(parse, gaz: Gazetteer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The usual workflow: edit one row of the written places.csv and mark it scope=all; the other,
    unedited rows of that name must not block it."""
    doc = parse("a", TEXT_A)
    path = tmp_path / "places.csv"
    rows = _write_places([doc], path)
    first = next(r for r in rows if r["text"] == "Kandahar")
    first["geonameid"], first["scope"] = str(KANDAHAR_INDIA), "all"
    _save(rows, path)
    overrides = Overrides.load(path, gaz)
    out = overrides(doc)
    assert [gid for text, gid in _ids(out) if text == "Kandahar"] == [KANDAHAR_INDIA, KANDAHAR_INDIA]
    assert ("Quetta", QUETTA) in _ids(out)
    assert overrides.unmatched() == []
