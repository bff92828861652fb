"""Throughput of `geo parse` on a synthetic corpus: 1 and 2 local workers, and a 2-worker Dask LocalCluster.

The corpus (default 10,000 news-length articles, one JSON Lines file) is assembled at run
time from the dev corpora's sentences by :mod:`benchmarks.synth_corpus` into a temporary
folder; nothing is written into the repository but the result JSON.

Each configuration runs the real CLI (`geo parse CORPUS -q [--workers N | --scheduler A]`)
on the default gazetteer, output to a file.  Reported: wall time, articles/s, articles/s
per worker, and the peak resident memory of every process that did the work (sampled every
0.1 s with psutil).  A short in-process profile gives the seconds per article spent in
each pipeline stage, to show where the time goes.  Goal (issue 8): >= 100 articles/s per
core and near-linear scaling with workers.

    python -m benchmarks corpus                      # all of it
    python -m benchmarks.bench_corpus --articles 2000 --configs w1 w2
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psutil

from benchmarks.synth_corpus import articles, write_jsonl

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "corpus.json"
GOAL_PER_CORE = 100.0
PROFILE_ARTICLES = 300


class PeakMemory:
    """Samples the resident memory of this process's descendants until stopped (peak per process)."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peaks: dict[int, dict[str, Any]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        for proc in psutil.Process().children(recursive=True):
            try:
                rss = proc.memory_info().rss
                cpu = sum(proc.cpu_times()[:2])
                entry = self.peaks.setdefault(
                    proc.pid,
                    {"ppid": proc.ppid(), "cmd": " ".join(proc.cmdline()[1:6]), "rss": 0, "cpu": 0.0},
                )
            except psutil.Error:
                continue
            entry["rss"] = max(entry["rss"], rss)
            entry["cpu"] = max(entry["cpu"], cpu)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def processes(self) -> list[dict[str, Any]]:
        """Each sampled process with its role (the ``geo parse`` CLI, its local workers, or Dask's), its
        peak memory and its CPU seconds as last sampled (up to 0.1 s short): the CLI's own CPU is the
        serial work (reading, writing) that caps how far workers can scale."""
        cli = {pid for pid, e in self.peaks.items() if " geo parse" in f" {e['cmd']}"}
        out = []
        for pid, e in sorted(self.peaks.items()):
            if "resource_tracker" in e["cmd"]:
                continue
            if pid in cli:
                role = "cli (reader, writer; the worker when --workers 1)"
            elif e["ppid"] in cli:
                role = "local worker"
            else:
                role = "dask nanny or worker"
            out.append({"pid": pid, "role": role, "peak_rss_mb": _mb(e["rss"]), "cpu_s": round(e["cpu"], 2)})
        return out


def _mb(n: int) -> float:
    return round(n / 2**20, 1)


def run_parse(corpus: Path, out: Path, gazetteer: Path, extra: list[str], n: int) -> dict[str, Any]:
    """One timed `geo parse` run; checks every article came out."""
    cmd = [sys.executable, "-m", "geo", "parse", str(corpus), "-q", "--gazetteer", str(gazetteer), *extra]
    load_before = os.getloadavg()[0]
    with PeakMemory() as mem, out.open("wb") as fh:
        start = time.perf_counter()
        proc = subprocess.run(cmd, stdout=fh, stderr=subprocess.PIPE, cwd=ROOT, check=False)
        seconds = time.perf_counter() - start
    # the 1-minute load average: on a shared machine, a load above the core count slows every run
    load = {"before": round(load_before, 2), "after": round(os.getloadavg()[0], 2)}
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {proc.stderr.decode(errors='replace')[-2000:]}")
    with out.open("rb") as fh:
        lines = sum(1 for _ in fh)
    if lines != n:
        raise RuntimeError(f"{' '.join(cmd)}: {lines} documents out of {n}")
    return {
        "seconds": round(seconds, 2),
        "articles_per_s": round(n / seconds, 1),
        "processes": mem.processes(),
        "load_average_1min": load,
    }


@contextmanager
def local_cluster(n_workers: int) -> Iterator[str]:
    """A Dask LocalCluster of ``n_workers`` single-threaded worker processes; yields its address."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c.scheduler_address


def stage_profile(gazetteer: Path, n: int = PROFILE_ARTICLES) -> dict[str, Any]:
    """Seconds per article in each pipeline stage, in this process, over ``n`` synthetic articles."""
    from geo.documents import clean_text
    from geo.memo import new_document
    from geo.pipeline import Pipeline
    from geo.records import Document
    from geo.serialize import document_line

    start = time.perf_counter()
    pipeline = Pipeline.default(gazetteer)
    build = time.perf_counter() - start
    docs = [
        Document(a["id"], clean_text(a["text"]), date=dt.date.fromisoformat(a["date"]))
        for a in articles(n, seed=7)
    ]
    pipeline(docs[0])  # warm caches
    totals = dict.fromkeys([name for name, _ in pipeline.components] + ["render"], 0.0)
    for doc in docs:
        new_document()  # as Pipeline.__call__ does: no memo of one article's sentences serves another
        for name, component in pipeline.components:
            t = time.perf_counter()
            doc = component(doc)
            totals[name] += time.perf_counter() - t
        t = time.perf_counter()
        document_line(doc)  # the JSON line `geo parse` prints, made on the worker
        totals["render"] += time.perf_counter() - t
    per_article = {k: round(v / n * 1000, 3) for k, v in totals.items()}
    total = sum(totals.values())
    return {
        "articles": n,
        "pipeline_build_s": round(build, 2),
        "ms_per_article": per_article,
        "ms_per_article_total": round(total / n * 1000, 3),
        "share": {k: round(v / total, 3) for k, v in totals.items()},
        "single_core_ceiling_articles_per_s": round(n / total, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--configs", nargs="+", default=["w1", "w2", "dask2"], choices=["w1", "w2", "dask2"])
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    from geo.gazetteer_build import ensure_gazetteer

    gazetteer = ensure_gazetteer(None, progress=True)
    n = args.articles
    result: dict[str, Any] = {
        "benchmark": "corpus",
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "articles": n,
        "goal_articles_per_s_per_core": GOAL_PER_CORE,
        "runs": {},
    }
    with tempfile.TemporaryDirectory(prefix="geo-bench-corpus-") as tmp:
        corpus = write_jsonl(Path(tmp) / "synth.jsonl", n)
        result["corpus_mb"] = _mb(corpus.stat().st_size)
        print(f"corpus: {n} articles, {result['corpus_mb']} MB", flush=True)
        result["profile"] = stage_profile(gazetteer)
        print(f"profile: {result['profile']['ms_per_article']} ms/article", flush=True)
        for config in args.configs:
            out = Path(tmp) / f"{config}.jsonl"
            if config == "dask2":
                with local_cluster(2) as address:
                    run = run_parse(corpus, out, gazetteer, ["--scheduler", address], n)
                n_workers = 2
            else:
                n_workers = int(config[1:])
                run = run_parse(corpus, out, gazetteer, ["--workers", str(n_workers)], n)
            run["workers"] = n_workers
            run["articles_per_s_per_worker"] = round(run["articles_per_s"] / n_workers, 1)
            result["runs"][config] = run
            print(
                f"{config}: {run['seconds']} s, {run['articles_per_s']} articles/s "
                f"({run['articles_per_s_per_worker']} per worker); load {run['load_average_1min']}; "
                + ", ".join(
                    f"{p['role']} {p['peak_rss_mb']} MB {p['cpu_s']} s CPU" for p in run["processes"]
                ),
                flush=True,
            )
    runs = result["runs"]
    if "w1" in runs and "w2" in runs:
        result["scaling_w2_over_w1"] = round(runs["w2"]["articles_per_s"] / runs["w1"]["articles_per_s"], 2)
    best = max((r["articles_per_s_per_worker"] for r in runs.values()), default=0.0)
    result["meets_goal"] = best >= GOAL_PER_CORE
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"results: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
