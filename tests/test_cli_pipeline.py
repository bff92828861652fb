"""`geo map` and `geo parse` through the real CLI, on the tiny real gazetteer and articles we wrote.

Bad input, the manifest, worker counts (1, 2 and a real Dask LocalCluster), resume after a
kill, and cross-article de-duplication as a user sees them in the output files.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from geo.cli.main import cli

ROOT = Path(__file__).resolve().parents[1]
SPIN_BOLDAK = "Spīn Bōldak"  # the tiny gazetteer's name for the town (and for its district)
KABUL = "Kabul"

# --------------------------------------------------------------------------- helpers


def run(*args: str | Path, gazetteer: Path, stdin: str | None = None) -> Result:
    """`geo ARGS --gazetteer G --quiet` in this process, stdout and stderr kept apart."""
    argv = [str(a) for a in args] + ["--gazetteer", str(gazetteer), "--quiet"]
    return CliRunner().invoke(cli, argv, input=stdin, catch_exceptions=False)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def jsonl(rows: list[dict[str, object]]) -> str:
    return "".join(json.dumps(r) + "\n" for r in rows)


TOWNS = ["Kabul", "Spin Boldak", "Quetta", "Kandahar", "Islamabad"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def article(i: int) -> str:
    """A short made-up wire story; every fifth one has no violent event."""
    town = TOWNS[i % len(TOWNS)]
    if i % 5 == 4:
        return f"Market day {i}\n\nTraders in {town} reopened their shops on Monday after the holiday."
    return (
        f"Report {i} from {town}\n\n"
        f"Taliban fighters clashed with Northern Alliance troops in {town} on {DAYS[i % 7]}, "
        f"killing {i % 7 + 1} people, officials said.\n\n"
        f"Residents of {town} said the roads to the south were closed."
    )


def write_corpus(folder: Path, n: int = 24) -> Path:
    """Text files, a JSONL file, a gzip CSV, and every kind of bad input."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"art{i:03d}.txt").write_text(article(i), encoding="utf-8")
    rows: list[dict[str, object]] = [{"id": f"j{i}", "text": article(100 + i)} for i in range(6)]
    lines = jsonl(rows).splitlines()
    lines.insert(2, '{"id": "broken", "text": "no closing brace"')
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    csv_text = "id,title,text\n" + "".join(f'c{i},Brief {i},"{article(200 + i)}"\n' for i in range(4))
    (folder / "briefs.csv.gz").write_bytes(gzip.compress(csv_text.encode()))
    return folder


def bad_inputs(folder: Path) -> dict[str, Path]:
    """One file per kind of bad input named in issue 3, written into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "empty": folder / "empty.txt",
        "binary": folder / "photo.txt",
        "undecodable": folder / "latin.txt",
        "jsonl": folder / "rows.jsonl",
        "csv": folder / "nocol.csv",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    files["undecodable"].write_bytes(b"Title\nKabul caf\xe9 \x81\x8d\n")  # 0x81: no character in cp1252
    files["jsonl"].write_text(
        jsonl([{"id": "ok-row", "text": article(1)}]) + "{not json\n" + jsonl([{"title": "no text"}]),
        encoding="utf-8",
    )
    files["csv"].write_text("id,body\n1,Fighting in Kabul.\n", encoding="utf-8")
    return files


# --------------------------------------------------------------------------- bad input


def test_bad_inputs_are_one_line_each_and_the_rest_is_mapped(
    tmp_path: Path, tiny_gazetteer_path: Path
) -> None:
    bad = bad_inputs(tmp_path / "in")
    good = tmp_path / "in" / "good.txt"
    good.write_text(article(0), encoding="utf-8")
    missing = tmp_path / "nowhere.txt"
    out = tmp_path / "out"
    result = run("map", tmp_path / "in", missing, "--out", out, gazetteer=tiny_gazetteer_path)
    assert result.exit_code == 0, result.stderr
    err = result.stderr.splitlines()
    expected = {
        f"{bad['empty']}: empty file",
        f"{bad['binary']}: binary file (NUL bytes), not text",
        f"{bad['undecodable']}: undecodable text, line 2 is neither UTF-8 nor cp1252"
        " (byte 0xe9 at column 10)",
        f"{bad['jsonl']}:3: no 'text' field",
        f"{bad['csv']}: no 'text' column in the header (columns: id, body)",
        f"{missing}: no such file or folder",
    }
    skipped = {line.removeprefix("geo: skipped: ") for line in err if line.startswith("geo: skipped: ")}
    assert expected <= skipped
    malformed = [s for s in skipped if s.startswith(f"{bad['jsonl']}:2: malformed JSON")]
    assert len(malformed) == 1 and len(skipped) == len(expected) + 1
    assert not any("Traceback" in line for line in err)

    rows = read_csv(out / "manifest.csv")
    assert len(rows) == 9  # 5 bad files (the JSONL has 3 rows) + good.txt + the missing path
    counts = {k: sum(r["status"] == k for r in rows) for k in ("ok", "empty", "error")}
    assert counts == {"ok": 2, "empty": 1, "error": 6} and sum(counts.values()) == len(rows)
    assert {r["source"] for r in rows if r["status"] == "ok"} == {str(good), f"{bad['jsonl']}:1"}
    assert all(r["reason"] and "\n" not in r["reason"] for r in rows if r["status"] != "ok")
    assert f"{len(rows)} documents (2 ok, 1 empty, 6 error)" in result.stderr
    events = read_csv(out / "events.csv")
    assert {e["doc_id"] for e in events} == {"good", "ok-row"}
    assert (out / "map.html").stat().st_size > 0


def test_nothing_readable_fails_with_one_line_and_still_writes_the_manifest(
    tmp_path: Path, tiny_gazetteer_path: Path
) -> None:
    bad = bad_inputs(tmp_path / "in")
    bad["jsonl"].unlink()
    result = run("map", tmp_path / "in", "--out", tmp_path / "out", gazetteer=tiny_gazetteer_path)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith("geo: error: no readable document in")
    assert [r["status"] for r in read_csv(tmp_path / "out" / "manifest.csv")] == [
        "empty",  # empty.txt, then latin.txt, nocol.csv, photo.txt in name order
        "error",
        "error",
        "error",
    ]
    parsed = run("parse", bad["binary"], gazetteer=tiny_gazetteer_path)
    assert parsed.exit_code == 2 and parsed.stdout == ""
    assert f"geo: skipped: {bad['binary']}: binary file (NUL bytes), not text" in parsed.stderr


def test_an_output_folder_that_cannot_be_made_is_a_one_line_error(
    tmp_path: Path, tiny_gazetteer_path: Path
) -> None:
    src = tmp_path / "a.txt"
    src.write_text(article(0), encoding="utf-8")
    (tmp_path / "afile").write_text("", encoding="utf-8")
    out = tmp_path / "afile" / "maps"
    result = CliRunner().invoke(
        cli, ["map", str(src), "--out", str(out), "--gazetteer", str(tiny_gazetteer_path), "--quiet"]
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"geo: error: {out}: cannot create the output folder (Not a directory)"
    ]


def test_bad_row_date_is_a_one_line_warning(tmp_path: Path, tiny_gazetteer_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text(jsonl([{"id": "x", "date": "the other day", "text": article(0)}]), encoding="utf-8")
    result = run("parse", path, "--date", "2001-11-29", gazetteer=tiny_gazetteer_path)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"geo: warning: {path}:1: date ignored ('the other day' is not a date)"
    ]
    assert json.loads(result.stdout)["date"] == "2001-11-29"


def test_an_ambiguous_row_date_is_named_not_guessed(tmp_path: Path, tiny_gazetteer_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(f'id,date,text\nx,10/02/2001,"{article(0)}"\n', encoding="utf-8")
    result = run("parse", path, "--date", "2001-11-29", gazetteer=tiny_gazetteer_path)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"geo: warning: {path}:2: date ignored ('10/02/2001' is ambiguous: day/month or month/day? "
        "Write it as YYYY-MM-DD)"
    ]
    assert json.loads(result.stdout)["date"] == "2001-11-29"


# --------------------------------------------------------------------------- geo parse


PLACE_KEYS = {
    "text",
    "start",
    "end",
    "name",
    "geonameid",
    "lat",
    "lon",
    "country_code",
    "feature_code",
    "score",
}
EVENT_KEYS = {
    "event_type", "sub_event_type", "actor1", "actor2", "fatalities", "date", "location", "geonameid",
    "lat", "lon", "geo_precision", "sentence", "link_reason",
}  # fmt: skip


def test_parse_prints_one_json_object_per_document_in_input_order(
    tmp_path: Path, tiny_gazetteer_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "in", n=6)
    result = run("parse", corpus, "--date", "2001-11-29", gazetteer=tiny_gazetteer_path)
    assert result.exit_code == 0
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    manifest_ok = 6 + 6 + 4  # txt files, good JSONL rows, CSV rows
    assert len(docs) == manifest_ok
    assert [d["id"] for d in docs][:7] == ["art000", "art001", "art002", "art003", "art004", "art005", "c0"]
    assert result.stderr.count("geo: skipped:") == 1 and "wire.jsonl:3: malformed JSON" in result.stderr
    for doc in docs:
        assert {"id", "title", "date", "places", "events"} <= doc.keys()
        assert doc["date"] == "2001-11-29"
        for place in doc["places"]:
            assert place.keys() >= PLACE_KEYS
        for event in doc["events"]:
            assert event.keys() >= EVENT_KEYS
    first = docs[0]
    assert first["title"] == "Report 0 from Kabul"
    kabul = [p for p in first["places"] if p["text"] == "Kabul"]
    assert kabul and {p["name"] for p in kabul} == {KABUL} and all(p["geonameid"] for p in kabul)
    assert any(e["event_type"] == "Battles" and e["location"] == KABUL for e in first["events"])
    assert all(d["events"] == [] for d in docs if d["title"].startswith("Market day"))


def test_parse_reads_stdin_as_text_and_as_json_lines(tiny_gazetteer_path: Path) -> None:
    text = run("parse", "-", "--date", "2001-11-29", gazetteer=tiny_gazetteer_path, stdin=article(1))
    [doc] = [json.loads(line) for line in text.stdout.splitlines()]
    assert (doc["id"], doc["title"], doc["date"]) == ("stdin", "Report 1 from Spin Boldak", "2001-11-29")
    assert any(e["location"] == SPIN_BOLDAK for e in doc["events"])
    rows = jsonl([{"id": "a", "text": article(2), "date": "2001-12-03"}, {"id": "b", "text": "  "}])
    lines = run("parse", "-", gazetteer=tiny_gazetteer_path, stdin=rows)
    [doc] = [json.loads(line) for line in lines.stdout.splitlines()]
    assert (doc["id"], doc["date"]) == ("a", "2001-12-03")
    assert "geo: skipped: -:2: no text" in lines.stderr


# --------------------------------------------------------------------------- workers, Dask, resume


OUTPUTS = ("events.csv", "places.csv", "manifest.csv", "events.geojson")


def test_outputs_are_byte_identical_for_one_two_workers_and_dask(
    tmp_path: Path, tiny_gazetteer_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    corpus = write_corpus(tmp_path / "in", n=30)
    bad_inputs(corpus / "bad")
    common = ("--date", "2001-11-29", "--chunk-size", "3")
    outs = {name: tmp_path / name for name in ("w1", "w2", "dask")}
    r1 = run("map", corpus, "--out", outs["w1"], *common, gazetteer=tiny_gazetteer_path)
    r2 = run("map", corpus, "--out", outs["w2"], "--workers", "2", *common, gazetteer=tiny_gazetteer_path)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        rd = run(
            "map", corpus, "--out", outs["dask"], "--scheduler", cluster.scheduler_address, *common,
            gazetteer=tiny_gazetteer_path,
        )  # fmt: skip
        pd = run(
            "parse", corpus, "--scheduler", cluster.scheduler_address, *common, gazetteer=tiny_gazetteer_path
        )
    p1 = run("parse", corpus, *common, gazetteer=tiny_gazetteer_path)
    p2 = run("parse", corpus, "--workers", "2", *common, gazetteer=tiny_gazetteer_path)
    for r in (r1, r2, rd, p1, p2, pd):
        assert r.exit_code == 0, r.stderr
    assert p1.stdout == p2.stdout == pd.stdout and len(p1.stdout.splitlines()) == 30 + 6 + 4 + 1
    skipped = [[line for line in r.stderr.splitlines() if "skipped" in line] for r in (r1, r2, rd)]
    assert len(skipped[0]) == 7 and skipped[0] == skipped[1] == skipped[2]
    for name in OUTPUTS:
        reference = (outs["w1"] / name).read_bytes()
        assert (outs["w2"] / name).read_bytes() == reference, name
        assert (outs["dask"] / name).read_bytes() == reference, name
    rows = read_csv(outs["w1"] / "manifest.csv")
    assert len(rows) == 30 + 7 + 4 + 7 and sum(r["status"] == "ok" for r in rows) == 30 + 6 + 4 + 1
    assert len(read_csv(outs["w1"] / "events.csv")) > 10


def test_killed_map_resumes_to_the_uninterrupted_result(tmp_path: Path, tiny_gazetteer_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    # one long JSONL so the run takes long enough to be killed part-way
    rows = [{"id": f"r{i:04d}", "text": article(i) + "\n\n" + article(i + 1) * 3} for i in range(400)]
    (corpus / "wire.jsonl").write_text(jsonl(rows), encoding="utf-8")
    out = tmp_path / "out"
    argv = [sys.executable, "-m", "geo", "map", str(corpus), "--out", str(out), "--chunk-size", "4"]
    argv += ["--date", "2001-11-29", "--gazetteer", str(tiny_gazetteer_path), "--quiet"]
    log = tmp_path / "killed.log"
    with log.open("wb") as err:
        proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
        work = out / ".geo-work"
        deadline = time.monotonic() + 60
        while len(list(work.glob("chunk-*.pkl"))) < 5 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.005)
        assert proc.poll() is None, f"the run ended before it could be killed: {log.read_text()[-2000:]}"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    done = len(list(work.glob("chunk-*.pkl")))
    assert 5 <= done < 100, f"the run should have been killed part-way ({done} of 100 chunks done)"
    assert not (out / "manifest.csv").exists() and not (out / "events.csv").exists()

    resumed = run("map", corpus, "--out", out, "--chunk-size", "4", "--date", "2001-11-29",
                  gazetteer=tiny_gazetteer_path)  # fmt: skip
    assert resumed.exit_code == 0, resumed.stderr
    reused = int(resumed.stderr.split("geo: resumed: ")[1].split()[0])
    assert done - 1 <= reused <= done  # the chunk being written at the kill may be lost
    assert not work.exists()
    fresh = run("map", corpus, "--out", tmp_path / "fresh", "--chunk-size", "4", "--date", "2001-11-29",
                gazetteer=tiny_gazetteer_path)  # fmt: skip
    assert fresh.exit_code == 0 and "resumed" not in fresh.stderr
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name
    assert len(read_csv(out / "manifest.csv")) == 400


def test_fresh_ignores_checkpoints(tmp_path: Path, tiny_gazetteer_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", n=4)
    out = tmp_path / "out"
    work = out / ".geo-work"
    work.mkdir(parents=True)
    (work / "run.json").write_text("{}", encoding="utf-8")  # a stale work folder of some other run
    (work / "chunk-00000000.pkl").write_bytes(b"not a pickle")
    result = run("map", corpus, "--out", out, "--fresh", gazetteer=tiny_gazetteer_path)
    assert result.exit_code == 0 and "resumed" not in result.stderr and not work.exists()
    assert len(read_csv(out / "manifest.csv")) == 4 + 7 + 4


# --------------------------------------------------------------------------- de-duplication

# Four wires describe one clash in Spin Boldak on Tuesday 27 November 2001 in different words, with
# different figures (one gives none); a fifth reports a clash there three days earlier; two more
# describe a clash in Kabul and one at Bagram Air Base, ~47 km apart.  All written for this test.
WIRES = [
    {"id": "wire-a", "date": "2001-11-29", "text": "Taliban fighters clashed with Northern Alliance troops "
     "in Spin Boldak on Tuesday, killing four people, officials said."},
    {"id": "wire-b", "date": "2001-11-28", "text": "Northern Alliance forces fought Taliban fighters in "
     "Spin Boldak yesterday, leaving seven people dead."},
    {"id": "wire-c", "date": "2001-11-28", "text": "Twelve people died when Northern Alliance troops "
     "clashed with the Taliban in Spin Boldak on Tuesday, a Taliban spokesman claimed."},
    {"id": "wire-d", "date": "2001-11-28", "text": "Northern Alliance fighters clashed with the Taliban "
     "in Spin Boldak on Tuesday."},
    {"id": "wire-e", "date": "2001-11-28", "text": "Northern Alliance troops clashed with Taliban fighters "
     "in Spin Boldak on Saturday."},
    {"id": "wire-f", "date": "2001-11-28", "text": "Taliban fighters clashed with Northern Alliance troops "
     "at Bagram Air Base on Tuesday, killing two people."},
    {"id": "wire-g", "date": "2001-11-28", "text": "Taliban fighters clashed with Northern Alliance troops "
     "in Kabul on Tuesday, killing two people."},
]  # fmt: skip


@pytest.fixture(scope="module")
def wires(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("wires") / "wires.jsonl"
    path.write_text(jsonl(list(WIRES)), encoding="utf-8")  # type: ignore[arg-type]
    return path


def map_events(wires: Path, out: Path, gazetteer: Path, *options: str) -> list[dict[str, str]]:
    result = run("map", wires, "--out", out, *options, gazetteer=gazetteer)
    assert result.exit_code == 0, result.stderr
    return read_csv(out / "events.csv")


def test_no_dedup_keeps_one_row_per_article(wires: Path, tmp_path: Path, tiny_gazetteer_path: Path) -> None:
    rows = map_events(wires, tmp_path / "o", tiny_gazetteer_path, "--no-dedup")
    battles = [r for r in rows if r["event_type"] == "Battles"]
    assert [r["doc_id"] for r in battles] == [w["id"] for w in WIRES]
    assert all(r["source_count"] == "1" and r["sources"] == r["doc_id"] for r in rows)
    by_doc = {r["doc_id"]: r for r in battles}
    assert [by_doc[d]["fatalities"] for d in ("wire-a", "wire-b", "wire-c", "wire-d")] == [
        "4",
        "7",
        "12",
        "0",
    ]
    assert {by_doc[d]["event_date"] for d in ("wire-a", "wire-b", "wire-c", "wire-d")} == {"2001-11-27"}
    assert by_doc["wire-e"]["event_date"] == "2001-11-24"


def test_one_clash_told_four_ways_becomes_one_event(
    wires: Path, tmp_path: Path, tiny_gazetteer_path: Path
) -> None:
    rows = map_events(wires, tmp_path / "o", tiny_gazetteer_path)
    battles = [r for r in rows if r["event_type"] == "Battles"]
    assert [r["sources"] for r in battles] == ["wire-a;wire-b;wire-c;wire-d", "wire-e", "wire-f", "wire-g"]
    clash = battles[0]
    assert clash["source_count"] == "4"
    assert clash["fatalities"] == "4"  # the lowest figure given, not 4 + 7 + 12; wire-d gives none
    assert clash["fatalities_reported"] == "4;7;12"
    assert (clash["location"], clash["event_date"]) == (SPIN_BOLDAK, "2001-11-27")
    assert {clash["actor1"], clash["actor2"]} == {"Taliban", "Northern Alliance"}
    geojson = json.loads((tmp_path / "o" / "events.geojson").read_text(encoding="utf-8"))
    assert [f["properties"]["source_count"] for f in geojson["features"]][: len(rows)] == [
        int(r["source_count"]) for r in rows
    ]


def test_dedup_thresholds_are_options(wires: Path, tmp_path: Path, tiny_gazetteer_path: Path) -> None:
    days = map_events(wires, tmp_path / "days", tiny_gazetteer_path, "--dedup-days", "3")
    assert (
        next(r["sources"] for r in days if r["event_type"] == "Battles")
        == "wire-a;wire-b;wire-c;wire-d;wire-e"
    )
    strict = map_events(wires, tmp_path / "strict", tiny_gazetteer_path, "--dedup-days", "0")
    assert next(r["sources"] for r in strict if r["event_type"] == "Battles") == "wire-a;wire-b;wire-c;wire-d"
    km = map_events(wires, tmp_path / "km", tiny_gazetteer_path, "--dedup-km", "60")
    assert [r["sources"] for r in km if r["event_type"] == "Battles"][-1] == "wire-f;wire-g"
    bad = run("map", wires, "--out", tmp_path / "bad", "--dedup-km", "-1", gazetteer=tiny_gazetteer_path)
    assert bad.exit_code == 2 and "--dedup-km" in bad.stderr


def test_parse_output_is_identical_with_two_workers(tmp_path: Path, tiny_gazetteer_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", n=12)
    one = run("parse", corpus, "--date", "2001-11-29", "--chunk-size", "2", gazetteer=tiny_gazetteer_path)
    two = run("parse", corpus, "--date", "2001-11-29", "--chunk-size", "2", "--workers", "2",
              gazetteer=tiny_gazetteer_path)  # fmt: skip
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and one.stdout.count("\n") == 12 + 6 + 4


# --------------------------------------------------------------------------- user overrides


def test_map_applies_a_corrected_places_csv_and_reports_rows_that_match_nothing(
    tiny_gazetteer_path: Path, tmp_path: Path
) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Clash in Quetta\n\nGunmen attacked a police post in Quetta on Monday, killing two.\n")
    first = run(
        "map", story, "--out", tmp_path / "first", "--date", "2021-05-05", gazetteer=tiny_gazetteer_path
    )
    assert first.exit_code == 0, first.stderr
    rows = read_csv(tmp_path / "first" / "places.csv")
    quetta = [r for r in rows if r["text"] == "Quetta"]
    assert quetta and all(r["name"] == "Quetta" for r in quetta)

    # The analyst moves every "Quetta" to Islamabad's entry and adds a row that names no mention.
    fixed = tmp_path / "fixed.csv"
    fields = [*rows[0].keys(), "scope"]
    with fixed.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerow(
            {**quetta[0], "geonameid": "1176615", "name": "", "lat": "", "lon": "", "scope": "all"}
        )
        writer.writerow({**quetta[0], "text": "Nowhere", "start": "0", "end": "7", "scope": ""})
    second = run(
        "map",
        story,
        "--out",
        tmp_path / "second",
        "--date",
        "2021-05-05",
        "--overrides",
        fixed,
        gazetteer=tiny_gazetteer_path,
    )
    assert second.exit_code == 0, second.stderr
    moved = [r for r in read_csv(tmp_path / "second" / "places.csv") if r["text"] == "Quetta"]
    assert moved and all(r["geonameid"] == "1176615" for r in moved)
    events = read_csv(tmp_path / "second" / "events.csv")
    assert events and all(e["geonameid"] != quetta[0]["geonameid"] for e in events)
    warnings = [line for line in second.stderr.splitlines() if line.startswith("geo: warning:")]
    assert len(warnings) == 1 and "fixed.csv" in warnings[0] and "Nowhere" in warnings[0]


def test_parse_reports_the_warnings_map_reports(tiny_gazetteer_path: Path, tmp_path: Path) -> None:
    """`geo parse` named no undated article and no override row that matched nothing: `geo map` did."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(article(0), encoding="utf-8")
    (folder / "b.txt").write_text("Date: 2024-03-14\n\n" + article(1), encoding="utf-8")
    fixed = tmp_path / "fixed.csv"
    fixed.write_text(
        "doc_id,text,start,end,geonameid,lat,lon,scope\n"
        "a,Kabul,0,0,1176615,,,all\n"
        "a,Nowhere,0,7,1176615,,,\n",
        encoding="utf-8",
    )

    def warnings_of(*args: str | Path) -> list[str]:
        result = run(*args, "--overrides", fixed, gazetteer=tiny_gazetteer_path)
        assert result.exit_code == 0, result.stderr
        return [line for line in result.stderr.splitlines() if line.startswith("geo: ")]

    mapped = warnings_of("map", folder, "--out", tmp_path / "o")
    parsed = warnings_of("parse", folder)
    assert parsed == mapped
    assert any("no publication date for 1 document" in line for line in parsed)
    assert any("'Nowhere' in a [0:7] matched no mention" in line for line in parsed)
    assert "geo: overrides: 1 of 2 rows applied" in parsed
    # several local workers send back the same
    assert warnings_of("parse", folder, "--workers", "2") == mapped


def test_malformed_overrides_file_is_one_clear_error(tiny_gazetteer_path: Path, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Clash in Quetta\n\nGunmen attacked a police post in Quetta on Monday.\n")
    bad = tmp_path / "bad.csv"
    bad.write_text("doc_id,text,start,end,geonameid\nstory,Quetta,notanumber,6,1176615\n", encoding="utf-8")
    result = run("map", story, "--out", tmp_path / "o", "--overrides", bad, gazetteer=tiny_gazetteer_path)
    assert result.exit_code != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "bad.csv" in lines[0]


def test_embeddings_flag_without_the_extra_is_one_line_before_any_work(
    tiny_gazetteer_path: Path, tmp_path: Path
) -> None:
    from geo.event_types import embeddings_available

    if embeddings_available():
        pytest.skip("the embeddings extra is installed here")
    story = tmp_path / "story.txt"
    story.write_text("Clash in Quetta\n\nGunmen attacked a police post in Quetta on Monday.\n")
    for command in ("map", "parse"):
        extra = ["--out", tmp_path / "o"] if command == "map" else []
        result = run(command, story, *extra, "--embeddings", gazetteer=tiny_gazetteer_path)
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert result.exit_code != 0 and lines == [
            "geo: error: --embeddings needs the optional extra: pip install 'geo-conflict-mapper[embeddings]'"
        ]
    assert not (tmp_path / "o" / "map.html").exists()


def test_embeddings_flag_maps_with_the_link_head(tiny_gazetteer_path: Path, tmp_path: Path) -> None:
    from geo.event_types import embeddings_available

    if not embeddings_available():
        pytest.skip("the optional embeddings extra is not installed")
    story = tmp_path / "story.txt"
    story.write_text("Clash in Quetta\n\nGunmen attacked a police post in Quetta on Monday.\n")
    result = run("map", story, "--out", tmp_path / "o", "--embeddings", gazetteer=tiny_gazetteer_path)
    assert result.exit_code == 0, result.stderr
    [row] = read_csv(tmp_path / "o" / "events.csv")
    assert row["location"] == "Quetta"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("", "empty actor file"),
        (
            "name;aliases;inter\nRed Brigade;Red Brigade;Political militia\n",
            "lacks column(s) aliases, inter, name",
        ),
        (b"name,aliases,inter\nBrigade \xff\xfe,Brigade,Rebel group\n", "not UTF-8 text"),
        (
            "name,aliases,inter\nX Corps,X Corps,Warlords\n",
            "unknown actor type 'Warlords' (ACLED's types: State",
        ),
    ],
)
def test_a_bad_actors_file_is_one_line_before_any_work(
    tiny_gazetteer_path: Path, tmp_path: Path, content: str | bytes, says: str
) -> None:
    """Named in one line that says what the file needs, before any article is read (a folder's
    warnings came first, then the error); `geo parse` alike."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.txt").write_text(
        "Clash in Quetta\n\nGunmen attacked a police post in Quetta on Monday.\n"
    )
    (folder / "page.html").write_text("<p>not an article</p>\n")
    actors = tmp_path / "actors.csv"
    actors.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    for command in ("map", "parse"):
        extra = ["--out", tmp_path / "o"] if command == "map" else []
        result = run(command, folder, *extra, "--actors", actors, gazetteer=tiny_gazetteer_path)
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert result.exit_code != 0 and len(lines) == 1, lines
        assert lines[0].startswith(f"geo: error: {actors}:") and says in lines[0]
    assert not (tmp_path / "o" / "map.html").exists()


def test_command_lists_in_help_are_whole_sentences_not_cut_off() -> None:
    """`geo --help` listed 'map  Geoparse articles and draw the map: PATH is a...': each command's
    one-line help must fit the listing whole."""
    for group in ([], ["eval"], ["gazetteer"]):
        result = CliRunner().invoke(cli, [*group, "--help"], terminal_width=80)
        assert result.exit_code == 0
        listing = result.output.split("Commands:", 1)[1]
        lines = [line for line in listing.splitlines() if line.strip()]
        assert lines and all(not line.rstrip().endswith("...") for line in lines), lines


def test_undated_articles_are_named_once_with_how_to_date_them(
    tiny_gazetteer_path: Path, tmp_path: Path
) -> None:
    """Without a publication date "on Monday" gives no date: the map's events were silently undated."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(article(0), encoding="utf-8")
    (folder / "b.txt").write_text("Date: 2024-03-14\n\n" + article(1), encoding="utf-8")
    result = run("map", folder, "--out", tmp_path / "o", gazetteer=tiny_gazetteer_path)
    assert result.exit_code == 0, result.stderr
    warned = [line for line in result.stderr.splitlines() if "no publication date" in line]
    assert warned == [
        f"geo: warning: no publication date for 1 document, so 1 event is undated: {folder / 'a.txt'} "
        "(give --date YYYY-MM-DD, a 'Date:' first line, a .meta.json beside each file or a 'date' field of "
        "each row)"
    ]
    # an undated event has no time precision either (it said 1, "the day is known")
    rows = read_csv(tmp_path / "o" / "events.csv")
    precision = {r["doc_id"]: (r["event_date"], r["time_precision"]) for r in rows}
    assert precision["a"] == ("", "") and precision["b"][1] == "1"
    dated = run(
        "map", folder, "--out", tmp_path / "o2", "--date", "2024-03-14", gazetteer=tiny_gazetteer_path
    )
    assert "no publication date" not in dated.stderr
