"""Batch runs over corpora: the same code path in one process, in local workers, or on Dask.

:func:`process_corpus` streams documents from :func:`geo.documents.read_documents`, cuts
them into fixed-size chunks in input order, runs the pipeline over each chunk, and
puts the results back in input order, so the output never depends on how many workers
ran it.  Where a chunk runs is the only thing that changes:

* ``workers=1``: in this process;
* ``workers=N``: ``N`` local processes (``concurrent.futures`` with the ``spawn`` start
  method, so no gazetteer connection is ever shared across a fork);
* ``scheduler=ADDRESS``: an existing Dask distributed cluster, one task per chunk, a few
  per worker thread in flight.

Each worker builds its pipeline once (per process; per thread on Dask, because a
SQLite connection belongs to the thread that opened it) from a picklable
``pipeline_factory``.  A document whose pipeline raises becomes an ``error`` status with
a one-line reason; nothing is dropped.  With ``out_dir`` set, every finished chunk is
checkpointed to ``out_dir/.geo-work/`` (pickles, written atomically, each with a
fingerprint of its input documents), so a killed run restarted with the same ``out_dir``
reuses them and gives the same result as an uninterrupted run; the work folder is
removed once ``manifest.csv`` (one row per input document) is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import gc
import hashlib
import io
import json
import multiprocessing
import os
import pickle
import shutil
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from geo.documents import language_note, read_documents
from geo.errors import GeoError, InputError
from geo.pipeline import Pipeline
from geo.records import Document, DocumentStatus

PipelineFactory = Callable[[], Pipeline]
#: What a run gives for each processed document in place of the ``Document`` (see ``stream_corpus``).
Render = Callable[[Document], Any]
ChunkResult = list[tuple[Any, DocumentStatus]]  # (Document, a _Rendered one, or None; status)

CHUNK_SIZE = 32  # documents per chunk: the unit of work, of checkpointing and of Dask partitions
WORK_DIR = ".geo-work"
MANIFEST = "manifest.csv"
MANIFEST_COLUMNS = ("doc_id", "source", "status", "reason", "title", "date", "n_places", "n_events")
CHECKPOINT_VERSION = 1
DASK_CONNECT_TIMEOUT = "20s"  # how long to wait for --scheduler before giving up


@dataclass(frozen=True, slots=True)
class CorpusResult:
    """What a batch run produced: processed documents and one status per input document, in input order."""

    documents: tuple[Document, ...]
    statuses: tuple[DocumentStatus, ...]
    manifest: Path | None = None
    reused_chunks: int = 0

    def count(self, status: str) -> int:
        """How many input documents ended with this status (``ok``, ``empty`` or ``error``)."""
        return sum(st.status == status for st in self.statuses)


@dataclass(frozen=True, slots=True)
class _Rendered:
    """What ``render`` made of a processed document where it was processed, and its event count
    (for the progress bar: its rows of events.csv, one per event and place)."""

    value: Any
    n_events: int

    def __reduce__(self) -> tuple[type[_Rendered], tuple[Any, int]]:
        return _Rendered, (self.value, self.n_events)


@dataclass(frozen=True, slots=True)
class _Chunk:
    index: int
    items: tuple[Document | DocumentStatus, ...]
    fingerprint: str


# --------------------------------------------------------------------------- per-worker pipeline

_LOCAL = threading.local()


HASHED_FILE_LIMIT = 64 * 1024 * 1024  # larger files (a gazetteer) are named by size and mtime instead


@functools.cache
def code_fingerprint() -> str:
    """SHA-256 of this ``geo`` package's code and data files: a run resumed after an upgrade (new
    lexicons, models, rules) must recompute its chunks, not reuse results of the old version."""
    import geo

    root = Path(geo.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".pyc"):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def factory_files(factory: PipelineFactory) -> dict[str, str]:
    """The content of every file a factory's arguments name (actors, overrides, gazetteer), for resume.

    A run resumed after the user edited ``--overrides`` or ``--actors`` in place must not reuse
    chunks computed with the old file: small files are keyed by SHA-256, big ones by size + mtime.
    """
    found: dict[str, str] = {}
    while isinstance(factory, functools.partial):
        for value in (*factory.args, *factory.keywords.values()):
            if isinstance(value, str | os.PathLike) and os.path.isfile(value):
                path = Path(value)
                stat = path.stat()
                if stat.st_size > HASHED_FILE_LIMIT:
                    found[str(path.resolve())] = f"size={stat.st_size} mtime_ns={stat.st_mtime_ns}"
                else:
                    found[str(path.resolve())] = hashlib.sha256(path.read_bytes()).hexdigest()
        factory = factory.func
    return found


def factory_key(factory: Callable[..., Any]) -> str:
    """A stable text naming a factory and its arguments (no memory addresses), for caches and resume."""
    if isinstance(factory, functools.partial):
        inner = factory_key(factory.func)
        kwargs = sorted(factory.keywords.items())
        return f"{inner}(*{[str(a) for a in factory.args]!r}, **{[(k, str(v)) for k, v in kwargs]!r})"
    owner = getattr(factory, "__self__", None)
    if owner is not None and isinstance(owner, type):
        return f"{owner.__module__}.{getattr(factory, '__qualname__', repr(factory))}"
    module = getattr(factory, "__module__", type(factory).__module__)
    name = getattr(factory, "__qualname__", type(factory).__qualname__)
    return f"{module}.{name}"


def worker_pipeline(factory: PipelineFactory) -> Pipeline:
    """The pipeline of this worker (process and thread), built on first use and kept."""
    cache: dict[str, Pipeline] | None = getattr(_LOCAL, "pipelines", None)
    if cache is None:
        cache = _LOCAL.pipelines = {}
    key = factory_key(factory)
    pipeline = cache.get(key)
    if pipeline is None:
        pipeline = cache[key] = factory()
    return pipeline


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if len(text) > 300:
        text = text[:297] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class DocumentTimeout(GeoError):
    """One document took longer than the run's per-document limit."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in this thread after ``seconds``; a no-op for ``None`` or 0.

    In the main thread of a process with ``setitimer`` (our own process, the local worker
    processes) by SIGALRM; in any other thread (a Dask worker's) by an exception a timer thread
    sets on it (:func:`_thread_time_limit`). Either way the exception arrives between two Python
    bytecodes: a single long call into C (one regex match) finishes first.
    """
    if not seconds:
        yield
        return
    if not (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()):
        with _thread_time_limit(seconds):
            yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise DocumentTimeout(f"took longer than {seconds:g} s (--doc-timeout)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(slots=True, eq=False)
class _Deadline:
    """One thread's armed limit (:class:`_Watchdog`): until when, and whether it fired."""

    ident: int
    at: float
    fired: bool = False


class _Watchdog:
    """One daemon thread per process that raises :class:`DocumentTimeout` (``PyThreadState_SetAsyncExc``)
    in each thread still inside its limited block when its deadline passes.

    It replaces a ``threading.Timer`` per document: on a Dask worker, starting and stopping a thread
    for every document cost about 5% of the worker's time; this thread sleeps until the next deadline
    and is woken early only by a block armed with an earlier deadline."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._armed: list[_Deadline] = []
        self._thread: threading.Thread | None = None
        self._wake_at: float | None = None  # when the watchdog wakes next (None: when notified)

    def arm(self, seconds: float) -> _Deadline:
        entry = _Deadline(threading.get_ident(), time.monotonic() + seconds)
        with self._cond:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="geo-doc-timeout", daemon=True)
                self._thread.start()
            self._armed.append(entry)
            if self._wake_at is None or entry.at < self._wake_at:
                self._cond.notify()  # else it is up before this deadline anyway: no thread switch
        return entry

    def disarm(self, entry: _Deadline) -> None:
        """Leave the block: the limit can no longer fire, and one set just as the block ended is
        withdrawn before it is raised outside it."""
        import ctypes

        with self._cond:
            if entry in self._armed:
                self._armed.remove(entry)
            if entry.fired:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(entry.ident), None)

    def _run(self) -> None:
        import ctypes

        with self._cond:
            while True:
                now = time.monotonic()
                for entry in [e for e in self._armed if e.at <= now]:
                    self._armed.remove(entry)
                    entry.fired = True
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(
                        ctypes.c_ulong(entry.ident), ctypes.py_object(DocumentTimeout)
                    )
                self._wake_at = min((e.at for e in self._armed), default=None)
                self._cond.wait(None if self._wake_at is None else max(0.0, self._wake_at - now))


_WATCHDOG: tuple[int, _Watchdog] | None = None


def _watchdog() -> _Watchdog:
    """This process's watchdog (a forked child makes its own: the parent's thread is not in it)."""
    global _WATCHDOG
    if _WATCHDOG is None or _WATCHDOG[0] != os.getpid():
        _WATCHDOG = (os.getpid(), _Watchdog())
    return _WATCHDOG[1]


@contextmanager
def _thread_time_limit(seconds: float) -> Iterator[None]:
    """``time_limit`` for a thread that is not a process's main thread: the process's watchdog thread
    raises :class:`DocumentTimeout` in it through ``PyThreadState_SetAsyncExc``; leaving the block in
    time disarms it, and an exception set just as the block ended is withdrawn before it fires."""
    watchdog = _watchdog()
    entry = watchdog.arm(seconds)
    try:
        yield
    except DocumentTimeout as exc:
        raise DocumentTimeout(f"took longer than {seconds:g} s (--doc-timeout)") from exc
    finally:
        watchdog.disarm(entry)


def run_chunk(
    factory: PipelineFactory,
    items: Sequence[Document | DocumentStatus],
    settle: bool = False,
    doc_timeout: float | None = None,
    render: Render | None = None,
) -> ChunkResult:
    """Run the worker's pipeline over a chunk; a failing document becomes an ``error`` status.

    Statuses from the reader pass through.  Building the pipeline is not guarded: if the
    gazetteer is missing the whole run must stop, not report every document as failed.
    ``settle`` (only in a process the run owns) calls :func:`settle_heap` after the chunk.
    ``doc_timeout`` stops a document that runs longer (an ``error``; see :func:`time_limit`).
    ``render`` turns each processed document into what the run yields for it, here (a failure in
    it is the document's ``error`` too).
    """
    out: ChunkResult = []
    pipeline: Pipeline | None = None
    for item in items:
        if isinstance(item, DocumentStatus):
            out.append((None, item))
            continue
        if pipeline is None:
            pipeline = worker_pipeline(factory)
        try:
            with time_limit(doc_timeout):
                doc = pipeline(item)
                value = doc if render is None else _Rendered(render(doc), len(doc.linked))
        except Exception as exc:  # any stage failing on one document must not stop the corpus
            reason = f"{item.source or item.id}: pipeline failed ({_one_line(exc)})"
            out.append((None, DocumentStatus(item.id, item.source, "error", reason)))
            continue
        note = language_note(item.text)  # read as English, but it may not be: say so in the manifest
        reason = f"{item.source or item.id}: {note}" if note else ""
        out.append((value, DocumentStatus(item.id, item.source, "ok", reason)))
    if settle:
        settle_heap()
    return out


def settle_heap() -> None:
    """Hide every object alive now from the garbage collector (``gc.freeze``), after one full
    collection the first time (the garbage of start-up).

    What survives a chunk is nearly all cache (gazetteer candidates, memoised cues and
    features) that lives as long as the worker; re-scanning it in every full collection cost
    about a tenth of the run.  The stages make no reference cycles (a test checks it), so
    nothing is left uncollected by not collecting again; frozen objects are still freed when
    their last reference goes.  Only for processes the run owns (its local workers, or the
    command line's own process): a cycle frozen while alive would never be collected.  The
    first call also makes young collections rarer (``YOUNG_COLLECTION_THRESHOLD``).
    """
    global _SETTLED
    if not _SETTLED:
        gc.collect()
        gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, *gc.get_threshold()[1:])
        _SETTLED = True
    gc.freeze()


_SETTLED = False
#: Net new container objects between two young-generation collections in a process the run owns
#: (Python's default: 700). A document makes tens of thousands of short-lived objects that die by
#: its end without cycles; collecting every 700 scanned the ones still in use again and again
#: (~2% of a worker's time on the synthetic corpus). The memory it can hold back is a few MB.
YOUNG_COLLECTION_THRESHOLD = 50_000
SHARED_COLLECT_EVERY = 32  # chunks between full collections on a shared worker (settle_shared_heap)
_SHARED_CALLS = 0


def run_chunk_shared(
    factory: PipelineFactory,
    items: Sequence[Document | DocumentStatus],
    render: Render | None = None,
    doc_timeout: float | None = None,
) -> ChunkResult:
    """:func:`run_chunk` on a worker the run does not own (Dask), then :func:`settle_shared_heap`."""
    out = run_chunk(factory, items, render=render, doc_timeout=doc_timeout)
    settle_shared_heap()
    return out


def settle_shared_heap(every: int = SHARED_COLLECT_EVERY) -> None:
    """:func:`settle_heap` for a process shared with others (a Dask worker), with a full collection
    of everything, frozen or not, every ``every`` calls.

    Our caches cost a Dask worker as much garbage-collector time as they cost our own workers
    (a tenth of the run) unless frozen; but there a cycle some other code made and that dies
    while frozen must not stay uncollected for good, so every ``every`` chunks the heap is thawed,
    collected and frozen again: at most that many chunks' worth of such cycles wait, for one full
    collection per a few thousand documents.  A finished run thaws every worker.
    """
    global _SHARED_CALLS
    if _SHARED_CALLS % every == 0:
        gc.unfreeze()
        gc.collect()
    _SHARED_CALLS += 1
    gc.freeze()


# --------------------------------------------------------------------------- chunks and checkpoints


def _fingerprint(items: Sequence[Document | DocumentStatus]) -> str:
    h = hashlib.sha256()
    for it in items:
        parts: tuple[str, ...]
        if isinstance(it, Document):
            parts = ("D", it.id, it.source, str(it.date), it.title, it.url, it.text)
        else:
            parts = ("S", it.doc_id, it.source, it.status, it.reason)
        for part in parts:
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
    return h.hexdigest()


def _chunks(items: Iterable[Document | DocumentStatus], size: int) -> Iterator[_Chunk]:
    batch: list[Document | DocumentStatus] = []
    index = 0
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield _Chunk(index, tuple(batch), _fingerprint(batch))
            index += 1
            batch = []
    if batch:
        yield _Chunk(index, tuple(batch), _fingerprint(batch))


@dataclass(slots=True)
class _Checkpoints:
    """Finished chunks on disk under ``out_dir/.geo-work``; ``None`` folder means no checkpointing."""

    folder: Path | None
    reused: int = 0

    @classmethod
    def open(cls, out_dir: Path | None, run_key: dict[str, Any], *, resume: bool) -> _Checkpoints:
        if out_dir is None:
            return cls(None)
        folder = out_dir / WORK_DIR
        stamp = folder / "run.json"
        wanted = json.dumps(run_key, sort_keys=True)
        if folder.exists():
            same = stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted
            if not (resume and same):
                shutil.rmtree(folder)
        folder.mkdir(parents=True, exist_ok=True)
        if not stamp.is_file():
            _atomic_write(stamp, wanted.encode("utf-8"))
        return cls(folder)

    def _path(self, index: int) -> Path:
        assert self.folder is not None
        return self.folder / f"chunk-{index:08d}.pkl"

    def load(self, chunk: _Chunk) -> ChunkResult | None:
        if self.folder is None:
            return None
        path = self._path(chunk.index)
        try:
            with path.open("rb") as fh:
                fingerprint, result = pickle.load(fh)
        except FileNotFoundError:
            return None
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
            return None  # a damaged checkpoint is recomputed, never trusted
        if fingerprint != chunk.fingerprint or len(result) != len(chunk.items):
            return None
        self.reused += 1
        return list(result)

    def save(self, chunk: _Chunk, result: ChunkResult) -> None:
        if self.folder is not None:
            data = pickle.dumps((chunk.fingerprint, result), protocol=pickle.HIGHEST_PROTOCOL)
            _atomic_write(self._path(chunk.index), data)

    def finish(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


# --------------------------------------------------------------------------- executors


class _Pending(Protocol):
    """A chunk's result to come: a ``concurrent.futures`` or a Dask future."""

    def done(self) -> bool: ...

    def result(self) -> ChunkResult: ...


def _done(result: ChunkResult) -> Future[ChunkResult]:
    fut: Future[ChunkResult] = Future()
    fut.set_result(result)
    return fut


def _in_order(
    chunks: Iterable[_Chunk],
    checkpoints: _Checkpoints,
    submit: Callable[[_Chunk], _Pending],
    *,
    in_flight: int,
) -> Iterator[tuple[_Chunk, ChunkResult]]:
    """Submit chunks (reusing checkpoints), keep at most ``in_flight`` running, yield in input order."""
    pending: deque[tuple[_Chunk, _Pending, bool]] = deque()
    for chunk in chunks:
        cached = checkpoints.load(chunk)
        pending.append((chunk, _done(cached) if cached is not None else submit(chunk), cached is None))
        while len(pending) > in_flight or (pending and pending[0][1].done()):
            yield _collect(pending.popleft(), checkpoints)
    while pending:
        yield _collect(pending.popleft(), checkpoints)


def _collect(entry: tuple[_Chunk, _Pending, bool], checkpoints: _Checkpoints) -> tuple[_Chunk, ChunkResult]:
    chunk, fut, fresh = entry
    result = fut.result()
    if fresh:
        checkpoints.save(chunk, result)
    return chunk, result


def _run_local(
    chunks: Iterable[_Chunk],
    checkpoints: _Checkpoints,
    factory: PipelineFactory,
    workers: int,
    *,
    settle: bool = False,
    doc_timeout: float | None = None,
    render: Render | None = None,
) -> Iterator[tuple[_Chunk, ChunkResult]]:
    """In this process (``settle``: it is the caller's to tune), or in ``workers`` spawned processes
    (always settled: they are the run's own)."""
    if workers <= 1:
        yield from _in_order(
            chunks,
            checkpoints,
            lambda c: _done(run_chunk(factory, c.items, settle, doc_timeout, render)),
            in_flight=0,
        )
        return
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        yield from _in_order(
            chunks,
            checkpoints,
            lambda c: pool.submit(run_chunk, factory, c.items, True, doc_timeout, render),
            in_flight=2 * workers,
        )
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # on Ctrl-C, do not run the queued chunks


def _run_dask(
    chunks: Iterable[_Chunk],
    checkpoints: _Checkpoints,
    factory: PipelineFactory,
    scheduler: str,
    render: Render | None = None,
    doc_timeout: float | None = None,
) -> Iterator[tuple[_Chunk, ChunkResult]]:
    """Each chunk one task on the cluster at ``scheduler``, a few per worker thread in flight, as locally.

    One future per chunk, fetched from the worker that ran it as soon as it is next in input
    order: no barrier waiting for the slowest chunk of a batch, no task gathering results on one
    worker before they reach us (what computing a whole ``dask.bag`` costs), no hashing of the
    documents for task names (``pure=False``: a chunk is run once, never looked up).
    """
    try:
        from distributed import Client
    except ImportError as exc:
        raise GeoError(f"--scheduler needs dask and distributed: pip install '.[dask]' ({exc})") from None
    try:
        client = Client(scheduler, timeout=DASK_CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise GeoError(f"cannot reach the Dask scheduler at {scheduler} ({_one_line(exc)})") from None
    with client:
        threads = max(1, sum(client.nthreads().values()))
        yield from _in_order(
            chunks,
            checkpoints,
            lambda c: client.submit(run_chunk_shared, factory, c.items, render, doc_timeout, pure=False),
            in_flight=2 * threads,
        )
        with suppress(Exception):  # the results are all in; a worker lost now must not fail the run
            client.run(gc.unfreeze)  # the run is over: the workers' heaps go back to their collector


# --------------------------------------------------------------------------- the runner


def default_factory(gazetteer_path: Path | str | None = None) -> PipelineFactory:
    """The picklable factory of the default pipeline over a gazetteer."""
    return functools.partial(Pipeline.default, gazetteer_path)


@dataclass(slots=True)
class CorpusRun:
    """A batch run being streamed: iterate it for ``(document or None, status)`` pairs in input order
    (the document's ``render`` in place of it when the run was given one).

    ``reused_chunks`` counts the chunks taken from an interrupted run's checkpoints (known
    once iteration has finished).  Iterating a second time is an error: the inputs are streams.
    """

    _pairs: Iterator[tuple[Any, DocumentStatus]]
    checkpoints: _Checkpoints

    @property
    def reused_chunks(self) -> int:
        return self.checkpoints.reused

    def __iter__(self) -> Iterator[tuple[Any, DocumentStatus]]:
        return self._pairs


def stream_corpus(
    paths: Sequence[str | Path],
    *,
    work_dir: Path | str | None = None,
    date: dt.date | None = None,
    gazetteer_path: Path | str | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    resume: bool = True,
    quiet: bool = False,
    progress: bool = True,
    pipeline_factory: PipelineFactory | None = None,
    chunk_size: int = CHUNK_SIZE,
    settle_heap: bool = False,
    doc_timeout: float | None = None,
    render: Render | None = None,
) -> CorpusRun:
    """Geoparse every document under ``paths`` lazily: ``(document, status)`` pairs in input order.

    The streaming form of :func:`process_corpus` (``geo parse`` prints each document as
    soon as its chunk is done, holding no more than the chunks in flight).  With
    ``work_dir``, finished chunks are checkpointed in ``work_dir/.geo-work`` and reused
    by a resumed run; the caller removes them with ``run.checkpoints.finish()``.
    ``settle_heap``: the caller owns this process (a command line run), so a single-worker run
    here may tune its garbage collector (:func:`settle_heap`); local worker processes always do.
    ``doc_timeout``: seconds after which a document is given up as an ``error`` (in this process,
    local workers and Dask worker threads; see :func:`time_limit`).
    ``render``: a picklable function applied to each processed document where it was processed (a
    worker); the run yields its value instead of the document.  ``geo parse`` renders JSON lines
    there, so what comes back to this process is one string per document, not hundreds of records
    to unpickle and serialise here, which kept this one process busy while the workers waited.
    """
    if workers < 1:
        raise InputError(f"workers must be at least 1, not {workers}")
    if chunk_size < 1:
        raise InputError(f"chunk size must be at least 1, not {chunk_size}")
    factory = pipeline_factory or default_factory(gazetteer_path)
    out = Path(work_dir) if work_dir is not None else None
    run_key = {
        "version": CHECKPOINT_VERSION,
        "code": code_fingerprint(),
        "paths": [str(p) if str(p) == "-" else str(Path(p).resolve()) for p in paths],
        "date": str(date),
        "pipeline": factory_key(factory),
        "chunk_size": chunk_size,
        "files": factory_files(factory),
        "doc_timeout": doc_timeout,
    }
    if render is not None:  # checkpoints then hold what it made
        run_key["render"] = factory_key(render)
    stdin = any(str(p) == "-" for p in paths)  # stdin cannot be read twice: never resume it
    checkpoints = _Checkpoints.open(out, run_key, resume=resume and not stdin)

    def pairs() -> Iterator[tuple[Any, DocumentStatus]]:
        chunks = _chunks(read_documents(paths, date=date), chunk_size)
        if scheduler:
            results = _run_dask(chunks, checkpoints, factory, scheduler, render, doc_timeout)
        else:
            results = _run_local(
                chunks,
                checkpoints,
                factory,
                workers,
                settle=settle_heap,
                doc_timeout=doc_timeout,
                render=render,
            )
        with _progress(paths, enabled=progress and not quiet) as bar:
            for _chunk, result in results:
                bar.advance(len(result), sum(_n_events(x) for x, _ in result))
                if render is None:
                    yield from result
                else:
                    for x, status in result:
                        yield (x.value if x is not None else None), status

    return CorpusRun(pairs(), checkpoints)


def _n_events(x: Document | _Rendered | None) -> int:
    """The rows a processed document gives events.csv before de-duplication (one per event and place), as
    the manifest's ``n_events`` and the run's summary count them."""
    if x is None:
        return 0
    return x.n_events if isinstance(x, _Rendered) else len(x.linked)


def process_corpus(
    paths: Sequence[str | Path],
    *,
    out_dir: Path | str | None,
    date: dt.date | None = None,
    gazetteer_path: Path | str | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    resume: bool = True,
    quiet: bool = False,
    progress: bool = True,
    pipeline_factory: PipelineFactory | None = None,
    chunk_size: int = CHUNK_SIZE,
    keep_text: bool = True,
    settle_heap: bool = False,
    doc_timeout: float | None = None,
) -> CorpusResult:
    """Geoparse every document under ``paths``; write ``out_dir/manifest.csv`` when ``out_dir`` is given.

    ``workers`` local processes, or the Dask cluster at ``scheduler``; ``resume`` reuses
    the checkpoints of an interrupted run into the same ``out_dir``; the progress bar
    (stderr) shows unless ``quiet`` or not ``progress``; ``settle_heap`` as in
    :func:`stream_corpus`.  Results are in input order and identical whatever ran them.
    ``keep_text=False`` drops each document's full text as it arrives (events keep their
    sentences, places their mentions): what ``geo map`` needs from a large corpus, in a
    fraction of the memory.
    """
    run = stream_corpus(
        paths,
        work_dir=out_dir,
        date=date,
        gazetteer_path=gazetteer_path,
        workers=workers,
        scheduler=scheduler,
        resume=resume,
        quiet=quiet,
        progress=progress,
        pipeline_factory=pipeline_factory,
        chunk_size=chunk_size,
        settle_heap=settle_heap,
        doc_timeout=doc_timeout,
    )
    documents: list[Document] = []
    statuses: list[DocumentStatus] = []
    for doc, status in run:
        statuses.append(status)
        if doc is not None:
            documents.append(doc if keep_text else replace(doc, text=""))
    manifest = None
    if out_dir is not None:
        manifest = write_manifest(Path(out_dir) / MANIFEST, statuses, documents)
        run.checkpoints.finish()
    return CorpusResult(tuple(documents), tuple(statuses), manifest, run.reused_chunks)


# --------------------------------------------------------------------------- manifest and progress


def manifest_rows(statuses: Sequence[DocumentStatus], documents: Sequence[Document]) -> Iterator[list[str]]:
    """One manifest row per input document, in input order."""
    by_id = {d.id: d for d in documents}
    for st in statuses:
        doc = by_id.get(st.doc_id) if st.status == "ok" else None
        n_places = sum(p.place is not None for p in doc.places) if doc else 0
        yield [
            st.doc_id,
            st.source,
            st.status,
            st.reason,
            doc.title if doc else "",
            doc.date.isoformat() if doc and doc.date else "",
            str(n_places),
            str(len(doc.linked) if doc else 0),  # its rows of events.csv (one per event and place)
        ]


def write_manifest(path: Path, statuses: Sequence[DocumentStatus], documents: Sequence[Document]) -> Path:
    """Write ``manifest.csv`` atomically: doc_id, source, status, reason, title, date, n_places, n_events."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(MANIFEST_COLUMNS)
    writer.writerows(manifest_rows(statuses, documents))
    _atomic_write(path, buf.getvalue().encode("utf-8"))
    return path


@dataclass
class _Progress:
    """A tqdm bar of documents with the running event count; does nothing when disabled."""

    bar: Any = None
    events: int = 0
    _closed: bool = field(default=False)

    def advance(self, n_docs: int, n_events: int) -> None:
        self.events += n_events
        if self.bar is not None:
            self.bar.update(n_docs)
            self.bar.set_postfix(events=self.events, refresh=False)

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


def _progress(paths: Sequence[str | Path], *, enabled: bool) -> _Progress:
    if not enabled:
        return _Progress()
    from tqdm import tqdm

    return _Progress(
        tqdm(total=estimate_total(paths), unit="doc", desc="geoparse", file=sys.stderr, dynamic_ncols=True)
    )


def estimate_total(paths: Sequence[str | Path]) -> int | None:
    """A quick count of the documents to come (files, and lines of JSONL/CSV), for the progress ETA.

    ``None`` when it cannot be known cheaply (stdin).  Only the bar uses it.
    """
    from geo.documents import file_kind, iter_files, open_binary

    total = 0
    for given in paths:
        if str(given) == "-":
            return None
        path = Path(given)
        files = list(iter_files(path)) if path.is_dir() else [path]
        for file in files:
            kind = file_kind(file)
            if kind == "text" or not file.is_file():
                total += 1
                continue
            try:
                with open_binary(file) as fh:
                    lines = sum(1 for line in fh if line.strip())
            except (OSError, EOFError, ValueError):
                lines = 1
            total += max(1, lines - (kind != "jsonl"))  # CSV/TSV have a header line
    return total


__all__ = [
    "CorpusResult",
    "CorpusRun",
    "DocumentTimeout",
    "code_fingerprint",
    "default_factory",
    "factory_files",
    "factory_key",
    "process_corpus",
    "run_chunk",
    "run_chunk_shared",
    "settle_heap",
    "settle_shared_heap",
    "stream_corpus",
    "time_limit",
    "worker_pipeline",
    "write_manifest",
]
