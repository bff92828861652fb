"""geo.corpus: batch runs in one process, local workers and a real Dask LocalCluster; manifest; resume.

The pipeline here is made of small real components defined below (a word-list place
finder, a keyword event finder, a stage that fails on purpose), so the runner is tested
without waiting for the full geoparser; they are module-level so worker processes can
import them.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import gc
import gzip
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from geo.corpus import (
    YOUNG_COLLECTION_THRESHOLD,
    CorpusResult,
    DocumentTimeout,
    estimate_total,
    factory_key,
    process_corpus,
    settle_shared_heap,
    stream_corpus,
    time_limit,
)
from geo.documents import DocumentWarning, read_documents
from geo.errors import GeoError
from geo.pipeline import Pipeline
from geo.records import Document, DocumentStatus, Event, LinkedEvent, Mention, Place, ResolvedPlace

TESTS = Path(__file__).parent
ROOT = TESTS.parent

# --------------------------------------------------------------------------- a small real pipeline

KNOWN = {
    "Kandahar": Place(1138958, "Kandahar", 31.61, 65.71, "P", "PPLA", "AF"),
    "Quetta": Place(1167528, "Quetta", 30.19, 67.01, "P", "PPLA", "PK"),
    "Herat": Place(1139715, "Herat", 34.35, 62.2, "P", "PPLA", "AF"),
}
_NAME = re.compile(r"\b(" + "|".join(KNOWN) + r")\b")


def find_places(doc: Document) -> Document:
    """Mentions of the three known towns, each resolved to its record."""
    places = tuple(
        ResolvedPlace(Mention(m.group(0), m.start(), m.end()), KNOWN[m.group(0)], 1.0, "known town")
        for m in _NAME.finditer(doc.text)
    )
    return replace(doc, mentions=tuple(p.mention for p in places), places=places)


def find_events(doc: Document) -> Document:
    """One 'Battles' event per occurrence of the word 'clash'."""
    events = tuple(
        Event(
            f"{doc.id}-{i}", doc.id, "", (0, 0), (m.start(), m.end()), "Battles", "Armed clash", date=doc.date
        )
        for i, m in enumerate(re.finditer(r"\bclash", doc.text))
    )
    return replace(doc, events=events)


def link_events(doc: Document) -> Document:
    """Each event at the document's first place (or none): one row of events.csv each."""
    place = doc.places[0] if doc.places else None
    return replace(doc, linked=tuple(LinkedEvent(ev, place, 1, "first place") for ev in doc.events))


def fail_on_marker(doc: Document) -> Document:
    """A stage that breaks on one kind of document, as a real stage might."""
    if "EXPLODE" in doc.text:
        raise ValueError("component cannot handle\nthis document")
    return doc


def tiny_pipeline() -> Pipeline:
    return Pipeline(
        (("places", find_places), ("events", find_events), ("link", link_events), ("fail", fail_on_marker))
    )


def _sleep(delay: float, doc: Document) -> Document:
    time.sleep(delay)
    return doc


def slow_pipeline(delay: float) -> Pipeline:
    return Pipeline((*tiny_pipeline().components, ("sleep", functools.partial(_sleep, delay))))


def _stall_on_marker(doc: Document) -> Document:
    """A stage that never finishes on one document (as a pathological input might), in Python code."""
    if "STALL" in doc.text:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            pass
    return doc


def stalling_pipeline() -> Pipeline:
    return Pipeline((*tiny_pipeline().components, ("stall", _stall_on_marker)))


def broken_factory() -> Pipeline:
    raise GeoError("no gazetteer at /nowhere.sqlite; build it with `geo gazetteer build`")


# --------------------------------------------------------------------------- corpus fixtures


def write_corpus(folder: Path, n_txt: int = 20, n_rows: int = 30) -> Path:
    """A corpus of txt files, a JSONL, a gzip CSV and some bad inputs, all written here."""
    folder.mkdir(parents=True, exist_ok=True)
    towns = list(KNOWN)
    for i in range(n_txt):
        town = towns[i % 3]
        body = f"Report {i}\n\nA clash near {town} was reported on day {i}."
        if i == 7:
            body += " EXPLODE"
        (folder / f"art{i:03d}.txt").write_text(body, encoding="utf-8")
    rows = [
        json.dumps({"id": f"row{i}", "text": f"Row {i}: patrols in {towns[i % 3]}; clash."})
        for i in range(n_rows)
    ]
    rows.insert(5, "{broken json")
    (folder / "wire.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    csv_text = "id,text\n" + "".join(f'c{i},"Herat market, day {i}."\n' for i in range(10))
    (folder / "more.csv.gz").write_bytes(gzip.compress(csv_text.encode()))
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "junk.txt").write_bytes(b"\x00\x01\x02binary")
    return folder


def manifest(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


# --------------------------------------------------------------------------- tests


def test_in_process_run_accounts_for_every_document(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in")
    out = tmp_path / "out"
    result = process_corpus([corpus], out_dir=out, pipeline_factory=tiny_pipeline, quiet=True)
    read = list(read_documents([corpus]))
    assert len(result.statuses) == len(read) == 20 + 31 + 10 + 2
    rows = manifest(out / "manifest.csv")
    assert [r["doc_id"] for r in rows] == [st.doc_id for st in result.statuses]
    assert result.count("ok") + result.count("empty") + result.count("error") == len(read)
    assert (result.count("ok"), result.count("empty"), result.count("error")) == (20 - 1 + 30 + 10, 1, 3)
    by_id = {r["doc_id"]: r for r in rows}
    assert by_id["art003"] == {
        "doc_id": "art003",
        "source": str(corpus / "art003.txt"),
        "status": "ok",
        "reason": "",
        "title": "Report 3",
        "date": "",
        "n_places": "1",
        "n_events": "1",
    }
    assert by_id["art007"]["status"] == "error"
    assert by_id["art007"]["reason"] == (
        f"{corpus / 'art007.txt'}: pipeline failed (ValueError: component cannot handle this document)"
    )
    assert by_id["wire:6"]["status"] == "error" and "malformed JSON" in by_id["wire:6"]["reason"]
    assert by_id["junk"]["reason"].endswith("binary file (NUL bytes), not text")
    assert [d.id for d in result.documents] == [r["doc_id"] for r in rows if r["status"] == "ok"]
    assert not (out / ".geo-work").exists()  # the work folder goes once the manifest is written


def test_local_workers_give_byte_identical_results(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in")
    one = process_corpus([corpus], out_dir=tmp_path / "w1", pipeline_factory=tiny_pipeline, quiet=True)
    two = process_corpus(
        [corpus], out_dir=tmp_path / "w2", pipeline_factory=tiny_pipeline, workers=2, quiet=True, chunk_size=5
    )
    assert (tmp_path / "w1" / "manifest.csv").read_bytes() == (tmp_path / "w2" / "manifest.csv").read_bytes()
    assert one.documents == two.documents and one.statuses == two.statuses


@pytest.mark.parametrize("workers", [1, 2])
def test_a_stalled_document_is_given_up_and_the_run_goes_on(tmp_path: Path, workers: int) -> None:
    corpus = write_corpus(tmp_path / "in", n_txt=6, n_rows=0)
    (corpus / "art003.txt").write_text("Report 3\n\nA clash near Quetta. STALL", encoding="utf-8")
    started = time.monotonic()
    run = process_corpus(
        [corpus],
        out_dir=tmp_path / "out",
        pipeline_factory=stalling_pipeline,
        quiet=True,
        workers=workers,
        chunk_size=2,
        doc_timeout=1.0,
    )
    assert time.monotonic() - started < 30  # not the 60 s the stage would take
    _only_the_stalled_article_timed_out(run)
    rows = manifest(tmp_path / "out" / "manifest.csv")
    errors = sum(r["status"] == "error" for r in rows)
    assert len(rows) == len(run.statuses) and errors == 3  # it, junk.txt and a broken JSONL line


def test_settled_heap_changes_no_result_and_freezes_the_survivors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    corpus = write_corpus(tmp_path / "in")
    plain = process_corpus([corpus], out_dir=None, pipeline_factory=tiny_pipeline, quiet=True)
    monkeypatch.setattr("geo.corpus._SETTLED", False)  # as in a fresh process
    thresholds = gc.get_threshold()
    try:
        settled = process_corpus(
            [corpus], out_dir=None, pipeline_factory=tiny_pipeline, quiet=True, chunk_size=4, settle_heap=True
        )
        assert gc.get_freeze_count() > 0  # the chunks' survivors are out of the collector's sight
        assert gc.get_threshold()[0] == YOUNG_COLLECTION_THRESHOLD  # and young collections are rarer
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
    assert settled.documents == plain.documents and settled.statuses == plain.statuses


def render_where(doc: Document) -> tuple[int, str, int]:
    """A render that says where it ran: (process id, document id, events); fails on one document."""
    if doc.id == "row5":
        raise ValueError("cannot render this one")
    return os.getpid(), doc.id, len(doc.events)


@pytest.mark.parametrize("workers", [1, 2])
def test_render_runs_in_the_worker_and_its_values_come_in_input_order(tmp_path: Path, workers: int) -> None:
    corpus = write_corpus(tmp_path / "in", n_txt=6, n_rows=8)
    plain = process_corpus([corpus], out_dir=None, pipeline_factory=tiny_pipeline, quiet=True)
    run = stream_corpus(
        [corpus],
        pipeline_factory=tiny_pipeline,
        quiet=True,
        workers=workers,
        chunk_size=3,
        render=render_where,
    )
    pairs = list(run)
    statuses = [st for _, st in pairs]
    assert [st.doc_id for st in statuses] == [st.doc_id for st in plain.statuses]
    failed = {st.doc_id: st.reason for st in statuses if st.status == "error"}
    assert set(failed) == {st.doc_id for st in plain.statuses if st.status == "error"} | {"row5"}
    assert "cannot render this one" in failed["row5"]
    by_id = {d.id: d for d in plain.documents}
    values = [v for v, st in pairs if st.status == "ok"]
    assert [v[1] for v in values] == [d.id for d in plain.documents if d.id != "row5"]
    assert all(v[2] == len(by_id[v[1]].events) for v in values)
    assert all(v is None for v, st in pairs if st.status != "ok")
    pids = {v[0] for v in values}
    assert pids == {os.getpid()} if workers == 1 else os.getpid() not in pids


def test_settling_a_shared_heap_still_collects_cycles_that_die_while_frozen() -> None:
    import weakref

    class Node:
        pass

    try:
        a, b = Node(), Node()
        a.other, b.other = b, a  # type: ignore[attr-defined]  # a cycle, alive while the heap is frozen
        settle_shared_heap(every=1)  # a full collection, then the freeze
        gone = weakref.ref(a)
        del a, b
        gc.collect()
        settle_shared_heap(every=10**9)  # between two periodic collections: only the freeze
        assert gone() is not None  # dead but frozen: the collector does not see it yet
        settle_shared_heap(every=1)  # the periodic thaw and collection
        assert gone() is None
    finally:
        gc.unfreeze()


def test_pipeline_is_built_once_per_process(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", n_txt=10, n_rows=0)
    calls = tmp_path / "calls.log"
    factory = functools.partial(counting_pipeline, str(calls))
    process_corpus([corpus], out_dir=None, pipeline_factory=factory, quiet=True, chunk_size=2)
    assert calls.read_text().count("\n") == 1
    calls.unlink()
    process_corpus([corpus], out_dir=None, pipeline_factory=factory, workers=2, quiet=True, chunk_size=2)
    assert 1 <= calls.read_text().count("\n") <= 2  # at most once in each of the two processes


def counting_pipeline(log: str) -> Pipeline:
    with open(log, "a", encoding="utf-8") as fh:
        fh.write(f"{os.getpid()}\n")
    return tiny_pipeline()


def test_factory_failure_stops_the_run_with_its_own_error(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", n_txt=2, n_rows=0)
    with pytest.raises(GeoError, match=r"no gazetteer at /nowhere\.sqlite"):
        process_corpus([corpus], out_dir=tmp_path / "out", pipeline_factory=broken_factory, quiet=True)
    with pytest.raises(GeoError, match=r"no gazetteer at /nowhere\.sqlite"):
        process_corpus([corpus], out_dir=None, pipeline_factory=broken_factory, workers=2, quiet=True)


def test_factory_key_is_stable_and_names_the_arguments() -> None:
    key = factory_key(functools.partial(slow_pipeline, 0.5))
    assert key == "test_corpus.slow_pipeline(*['0.5'], **[])" or key.endswith("slow_pipeline(*['0.5'], **[])")
    assert "0x" not in factory_key(tiny_pipeline)
    assert factory_key(functools.partial(Pipeline.default, Path("/g.sqlite"))).startswith(
        "geo.pipeline.Pipeline.default(*['/g.sqlite']"
    )


def test_progress_bar_on_stderr_and_quiet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_corpus(tmp_path / "in", n_txt=5, n_rows=3)
    assert estimate_total([corpus]) == 5 + 4 + 10 + 2
    process_corpus([corpus], out_dir=None, pipeline_factory=tiny_pipeline)
    err = capsys.readouterr().err
    assert "geoparse" in err and "21/21" in err and "events=" in err
    process_corpus([corpus], out_dir=None, pipeline_factory=tiny_pipeline, quiet=True)
    assert capsys.readouterr().err == ""


def test_resume_after_kill_gives_the_uninterrupted_result(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", n_txt=40, n_rows=0)
    out = tmp_path / "out"
    script = (
        "import functools, sys\n"
        f"sys.path[:0] = [{str(TESTS)!r}, {str(ROOT)!r}]\n"
        "from geo.corpus import process_corpus\n"
        "from test_corpus import slow_pipeline\n"
        f"process_corpus([{str(corpus)!r}], out_dir={str(out)!r}, quiet=True, chunk_size=4,\n"
        "               pipeline_factory=functools.partial(slow_pipeline, 0.02))\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script])
    work = out / ".geo-work"
    deadline = time.monotonic() + 30
    while len(list(work.glob("chunk-*.pkl"))) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = len(list(work.glob("chunk-*.pkl")))
    assert 3 <= done < 11, "the run should have been killed part-way"
    assert not (out / "manifest.csv").exists()

    factory = functools.partial(slow_pipeline, 0.02)
    resumed = process_corpus([corpus], out_dir=out, pipeline_factory=factory, quiet=True, chunk_size=4)
    assert resumed.reused_chunks >= done - 1  # the chunk being written at the kill may be lost
    fresh = process_corpus(
        [corpus], out_dir=tmp_path / "fresh", pipeline_factory=factory, quiet=True, chunk_size=4
    )
    assert resumed.documents == fresh.documents and resumed.statuses == fresh.statuses
    assert (out / "manifest.csv").read_bytes() == (tmp_path / "fresh" / "manifest.csv").read_bytes()


def test_resume_ignores_checkpoints_of_other_inputs(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", n_txt=8, n_rows=0)
    out = tmp_path / "out"
    work = out / ".geo-work"
    process_corpus([corpus], out_dir=out, pipeline_factory=tiny_pipeline, quiet=True, chunk_size=3)
    assert not work.exists()
    # Plant checkpoints as a killed run would leave them (with results no real run gives) ...
    # ... and check a changed document is recomputed, not taken from a stale checkpoint.
    work.mkdir(parents=True)
    from geo.corpus import _Checkpoints, _chunks, code_fingerprint

    key = {
        "version": 1,
        "code": code_fingerprint(),
        "paths": [str(corpus.resolve())],
        "date": "None",
        "pipeline": factory_key(tiny_pipeline),
        "chunk_size": 3,
        "files": {},
        "doc_timeout": None,
    }
    cps = _Checkpoints.open(out, key, resume=True)
    for chunk in _chunks(read_documents([corpus]), 3):
        cps.save(chunk, [(None, DocumentStatus("stale", "stale", "error", "stale"))] * len(chunk.items))
    (corpus / "art000.txt").write_text("Report 0 changed\n\nA clash in Quetta and Herat.", encoding="utf-8")
    again = process_corpus([corpus], out_dir=out, pipeline_factory=tiny_pipeline, quiet=True, chunk_size=3)
    assert again.statuses[0].status == "ok" and again.documents[0].title == "Report 0 changed"
    assert len(again.statuses) == 8 + 1 + 10 + 2  # 7 chunks of 3; the first one changed
    assert again.reused_chunks == 6
    assert again.statuses[-1].doc_id == "stale"  # unchanged chunks were reused (here: planted ones)
    fresh = process_corpus([corpus], out_dir=out, pipeline_factory=tiny_pipeline, quiet=True, resume=False)
    assert all(st.doc_id != "stale" for st in fresh.statuses)


def tiny_pipeline_reading(path: Path) -> Pipeline:
    """A factory that names a file (as --overrides and --actors do); its content is part of the run."""
    return tiny_pipeline()


def test_resume_ignores_checkpoints_made_with_another_version_of_an_input_file(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", n_txt=8, n_rows=0)
    overrides = tmp_path / "places.csv"
    overrides.write_text("doc_id,name,geonameid\n", encoding="utf-8")
    factory = functools.partial(tiny_pipeline_reading, overrides)
    out = tmp_path / "out"
    from geo.corpus import _Checkpoints, _chunks, code_fingerprint, factory_files

    def plant(code: str = code_fingerprint()) -> None:
        key = {
            "version": 1,
            "code": code,
            "paths": [str(corpus.resolve())],
            "date": "None",
            "pipeline": factory_key(factory),
            "chunk_size": 3,
            "files": factory_files(factory),
            "doc_timeout": None,
        }
        cps = _Checkpoints.open(out, key, resume=True)
        for chunk in _chunks(read_documents([corpus]), 3):
            cps.save(chunk, [(None, DocumentStatus("stale", "stale", "error", "stale"))] * len(chunk.items))

    plant()
    same = process_corpus([corpus], out_dir=out, pipeline_factory=factory, quiet=True, chunk_size=3)
    assert same.reused_chunks == 7  # same file content: the planted chunks are taken
    plant()
    overrides.write_text("doc_id,name,geonameid\nx,Herat,1139027\n", encoding="utf-8")  # edited in place
    edited = process_corpus([corpus], out_dir=out, pipeline_factory=factory, quiet=True, chunk_size=3)
    assert edited.reused_chunks == 0
    assert all(st.doc_id != "stale" for st in edited.statuses)
    plant(code="the code of an older release")  # killed, upgraded, restarted: nothing old is reused
    upgraded = process_corpus([corpus], out_dir=out, pipeline_factory=factory, quiet=True, chunk_size=3)
    assert upgraded.reused_chunks == 0


def test_keep_text_false_drops_only_the_article_text(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", n_txt=6, n_rows=4)
    full = process_corpus([corpus], out_dir=tmp_path / "a", pipeline_factory=tiny_pipeline, quiet=True)
    lean = process_corpus(
        [corpus], out_dir=tmp_path / "b", pipeline_factory=tiny_pipeline, quiet=True, keep_text=False
    )
    assert all(d.text == "" for d in lean.documents) and any(d.text for d in full.documents)
    assert lean.documents == tuple(replace(d, text="") for d in full.documents)  # places, events kept
    assert (tmp_path / "a" / "manifest.csv").read_bytes() == (tmp_path / "b" / "manifest.csv").read_bytes()


def test_dates_flow_from_the_date_option(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", n_txt=2, n_rows=0)
    result = process_corpus(
        [corpus],
        out_dir=tmp_path / "o",
        date=dt.date(2001, 11, 29),
        pipeline_factory=tiny_pipeline,
        quiet=True,
    )
    assert {d.date for d in result.documents} == {dt.date(2001, 11, 29)}
    assert manifest(tmp_path / "o" / "manifest.csv")[0]["date"] == "2001-11-29"


def test_megabyte_documents_in_every_format(tmp_path: Path) -> None:
    big = "".join(f"A clash near Herat, report {i}. " + "word " * 40 + "\n" for i in range(4800))  # ~1 MB
    folder = tmp_path / "big"
    folder.mkdir()
    (folder / "a.txt").write_text(big, encoding="utf-8")
    (folder / "b.jsonl").write_text(json.dumps({"text": big}) + "\n", encoding="utf-8")
    (folder / "c.csv").write_text("text\n" + json.dumps(big.replace('"', "")) + "\n", encoding="utf-8")
    (folder / "d.txt").write_text("x" * 1_000_000, encoding="utf-8")  # one huge line
    start = time.monotonic()
    result = process_corpus([folder], out_dir=tmp_path / "o", pipeline_factory=tiny_pipeline, quiet=True)
    assert time.monotonic() - start < 20
    assert [st.status for st in result.statuses] == ["ok"] * 4
    assert len(result.documents[0].text) > 1_000_000
    assert all(len(d.places) == 4800 for d in result.documents[:3])


def test_dask_local_cluster_matches_local_run(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    corpus = write_corpus(tmp_path / "in", n_txt=30, n_rows=40)
    local = process_corpus([corpus], out_dir=tmp_path / "local", pipeline_factory=tiny_pipeline, quiet=True)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        dask = process_corpus(
            [corpus],
            out_dir=tmp_path / "dask",
            pipeline_factory=functools.partial(counting_pipeline, str(tmp_path / "built.log")),
            scheduler=cluster.scheduler_address,
            quiet=True,
            chunk_size=4,
        )
        with distributed.Client(cluster.scheduler_address) as client:
            frozen = client.run(gc.get_freeze_count)
        assert set(frozen.values()) == {0}  # the workers' heaps were settled, and thawed at the end
    assert (tmp_path / "dask" / "manifest.csv").read_bytes() == (
        tmp_path / "local" / "manifest.csv"
    ).read_bytes()
    assert dask.documents == local.documents and dask.statuses == local.statuses
    built_in = (tmp_path / "built.log").read_text().split()
    assert 1 <= len(built_in) <= 2 and len(set(built_in)) == len(built_in)  # once per worker process
    assert str(os.getpid()) not in built_in  # built on the workers, not here


def test_a_stalled_document_is_given_up_on_a_dask_worker_thread(tmp_path: Path) -> None:
    """Dask runs chunks in worker threads, where SIGALRM cannot reach: the limit still holds there."""
    distributed = pytest.importorskip("distributed")
    corpus = write_corpus(tmp_path / "in", n_txt=6, n_rows=0)
    (corpus / "art003.txt").write_text("Report 3\n\nA clash near Quetta. STALL", encoding="utf-8")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None
    ) as cluster:
        started = time.monotonic()
        run = process_corpus(
            [corpus],
            out_dir=tmp_path / "out",
            pipeline_factory=stalling_pipeline,
            scheduler=cluster.scheduler_address,
            quiet=True,
            chunk_size=2,
            doc_timeout=1.0,
        )
        assert time.monotonic() - started < 40  # not the 60 s the stage would take
    _only_the_stalled_article_timed_out(run)


def _only_the_stalled_article_timed_out(run: CorpusResult) -> None:
    """art003 (the one the stalling pipeline holds up) is an error for its time; the others are ok."""
    by_id = {st.doc_id: st for st in run.statuses}
    assert by_id["art003"].status == "error" and "took longer than 1 s" in by_id["art003"].reason
    assert all(by_id[f"art00{i}"].status == "ok" for i in (0, 1, 2, 4, 5))


def test_a_thread_time_limit_stops_only_what_runs_too_long() -> None:
    """In a thread: the slow block is stopped; a quick one is not, nor is anything after it."""
    outcome: dict[str, object] = {}

    def work() -> None:
        with time_limit(5.0):
            pass  # done in time: the timer must never fire later
        try:
            with time_limit(0.2):
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline:
                    pass
            outcome["slow"] = "finished"
        except DocumentTimeout as exc:
            outcome["slow"] = str(exc)
        deadline = time.monotonic() + 0.5  # a withdrawn or cancelled limit must not arrive here
        while time.monotonic() < deadline:
            pass
        outcome["after"] = "ok"

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(40)
    assert outcome == {"slow": "took longer than 0.2 s (--doc-timeout)", "after": "ok"}


def test_thread_time_limits_share_one_watchdog_thread() -> None:
    """Many limited blocks in threads start one watchdog thread, not a timer thread per block; each
    thread's limit stops only that thread's slow block."""
    outcome: dict[str, object] = {}
    counts: list[int] = []

    def work(name: str, slow: bool) -> None:
        for _ in range(50):
            with time_limit(5.0):
                counts.append(threading.active_count())
        try:
            with time_limit(0.2 if slow else 5.0):
                deadline = time.monotonic() + (30 if slow else 0.5)
                while time.monotonic() < deadline:
                    pass
            outcome[name] = "finished"
        except DocumentTimeout:
            outcome[name] = "stopped"

    before = threading.active_count()
    threads = [threading.Thread(target=work, args=(n, n == "slow")) for n in ("slow", "quick")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(40)
    assert outcome == {"slow": "stopped", "quick": "finished"}
    assert max(counts) <= before + 3  # the two workers and at most one watchdog


def test_unreachable_scheduler_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr("geo.corpus.DASK_CONNECT_TIMEOUT", "1s")
    corpus = write_corpus(tmp_path / "in", n_txt=1, n_rows=0)
    with pytest.raises(GeoError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"):
        process_corpus(
            [corpus], out_dir=None, pipeline_factory=tiny_pipeline, scheduler="tcp://127.0.0.1:9", quiet=True
        )


def test_the_manifest_names_a_document_that_does_not_look_english(tmp_path: Path) -> None:
    """It is read (``ok``) but its reason says why it may give no events."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "es.txt").write_text(
        "Ataque en el sur\n\nHombres armados atacaron el lunes una estación de policía en un pueblo del "
        "sur y mataron a dos agentes, según informaron las autoridades locales. El ataque duró varias "
        "horas y los vecinos se refugiaron en sus casas mientras llegaban refuerzos del ejército.",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    with pytest.warns(DocumentWarning, match="does not look like English"):
        process_corpus([corpus], out_dir=out, pipeline_factory=tiny_pipeline, quiet=True)
    (row,) = manifest(out / "manifest.csv")
    assert row["status"] == "ok"
    assert row["reason"].startswith(f"{corpus / 'es.txt'}: does not look like English")


def test_the_manifest_counts_the_rows_events_csv_gets(tmp_path: Path) -> None:
    """An event told at two places is two rows of events.csv; the manifest's n_events (and the progress
    bar) count them as the table does, so its column sums to the run's reports before de-duplication."""
    from geo.corpus import manifest_rows
    from geo.tables import events_frame

    doc = find_places(Document(id="d", text="A clash near Kandahar and Quetta.", source="d.txt"))
    doc = find_events(doc)
    doc = replace(doc, linked=tuple(LinkedEvent(doc.events[0], rp, 2, "both towns") for rp in doc.places))
    [row] = manifest_rows([DocumentStatus("d", "d.txt", "ok")], [doc])
    assert (len(doc.events), row[-1]) == (1, str(len(events_frame([doc]))))
