"""Gazetteer benchmark: build time, peak memory and size; lookup and reverse-geocoding latency.

Measures, writing ``benchmarks/results/gazetteer.json``:

* the embedded default build (``build_default``) and a build from a synthetic GeoNames dump
  (``benchmarks/synth_geonames.py``; full size 11M places + 1M alternate names = 12M names),
  each in its own child process: wall time, peak RSS (``wait4``), database size;
* on the synthetic store: ``Gazetteer.lookup`` p50/p99 for names as stored ("exact") and for
  folded variants (lower/upper case, marks stripped, ``-e-``/``-i-`` swapped), with and
  without ``limit=10``; ``nearest`` p50/p99 for points near places and for uniform points
  on the globe, all classes and populated places only.

The file keeps the last run of each scale (``by_scale``) and repeats the largest as ``largest``.
``GEO_BENCH_SCALE`` (a fraction, default 1.0) shrinks the synthetic dump for a quick run:
``GEO_BENCH_SCALE=0.01 python -m benchmarks gazetteer``. ``GEO_BENCH_SKIP_DEFAULT=1`` skips the
default build. The generated dump is cached under the temp directory (reused when complete);
databases are written there too, never into the repository.
"""

from __future__ import annotations

import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.synth_geonames import FULL_ALTERNATES, FULL_PLACES, SynthSpec, write_dump

RESULTS = Path(__file__).parent / "results" / "gazetteer.json"
N_QUERIES = 5000


def _child_build(code: str, *args: str) -> dict[str, Any]:
    """Run a build in a child process: wall time, CPU time (user + system: what the machine's load does
    not inflate) and peak RSS."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args])
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise RuntimeError(f"build child failed with status {status}: {args}")
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return {
        "seconds": round(seconds, 1),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_rss_mib": round(peak / 2**20, 1),
    }


def bench_default_build(work: Path) -> dict[str, Any]:
    out = work / "default.sqlite"
    code = (
        "import sys; from geo.gazetteer_build import build_default; "
        "build_default(sys.argv[1], progress=False)"
    )
    result = _child_build(code, str(out))
    result["db_mib"] = round(out.stat().st_size / 2**20, 1)
    from geo.gazetteer import Gazetteer

    with Gazetteer.open(out) as gaz:
        info = gaz.info()
    result.update(places=info["places"], names=info["names"])
    out.unlink()
    return result


def synthetic_dump(spec: SynthSpec) -> tuple[Path, dict[str, int], float | None]:
    """The cached dump for ``spec`` (written if missing): (folder, counts, seconds to write or None)."""
    folder = Path(tempfile.gettempdir()) / f"geo-bench-geonames-{spec.places}-{spec.alternates}-{spec.seed}"
    done = folder / "COMPLETE.json"
    if done.is_file():
        return folder, json.loads(done.read_text()), None
    shutil.rmtree(folder, ignore_errors=True)
    start = time.perf_counter()
    counts = write_dump(folder, spec)
    seconds = time.perf_counter() - start
    done.write_text(json.dumps(counts))
    return folder, counts, seconds


def bench_synthetic_build(folder: Path, out: Path) -> dict[str, Any]:
    code = (
        "import sys, json; from pathlib import Path; from geo.gazetteer_build import build_from_geonames; "
        "_, r = build_from_geonames(Path(sys.argv[1]), Path(sys.argv[2]), progress=False); "
        "open(sys.argv[3], 'w').write(json.dumps(r))"
    )
    report_file = out.with_suffix(".report.json")
    result = _child_build(code, str(folder), str(out), str(report_file))
    report = json.loads(report_file.read_text())
    result["db_mib"] = round(out.stat().st_size / 2**20, 1)
    result["dump_mib"] = round(sum(p.stat().st_size for p in folder.glob("*.txt")) / 2**20, 1)
    result["rows"] = {
        k: v for k, v in report["counts"].items() if k.startswith("rows_") or k == "alternate_names"
    }
    result["malformed"] = report["malformed"]
    return result


def _percentiles(samples_ns: list[int]) -> dict[str, float]:
    samples_ns.sort()
    return {
        "p50_us": round(samples_ns[len(samples_ns) // 2] / 1000, 1),
        "p99_us": round(samples_ns[min(len(samples_ns) - 1, int(len(samples_ns) * 0.99))] / 1000, 1),
        "mean_us": round(statistics.fmean(samples_ns) / 1000, 1),
        "n": len(samples_ns),
    }


def _time_calls(func: Callable[[Any], object], args: Sequence[Any]) -> dict[str, float]:
    for a in args[:200]:  # warm the page cache and statement cache
        func(a)
    samples = []
    for a in args:
        start = time.perf_counter_ns()
        func(a)
        samples.append(time.perf_counter_ns() - start)
    return _percentiles(samples)


def _strip_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _variant(name: str, rng: random.Random) -> str:
    """A spelling of ``name`` that only folding matches: case, marks, izafe linkers, hyphens."""
    text = _strip_marks(name)
    if "-e-" in text or "-i-" in text:
        text = text.replace("-e-", "-i-") if "-e-" in text else text.replace("-i-", "-e-")
    elif "-e " in text or "-ye " in text:
        text = text.replace("-ye ", "-i-").replace("-e ", "-i-")
    return text.upper() if rng.random() < 0.5 else text.lower()


def bench_queries(db: Path, *, seed: int = 7) -> dict[str, Any]:
    import sqlite3

    from geo.gazetteer import Gazetteer

    rng = random.Random(seed)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    (max_id,) = conn.execute("SELECT MAX(geonameid) FROM places").fetchone()
    rows: list[tuple[int, str, float, float]] = []
    while len(rows) < N_QUERIES:  # random places by id probing (ORDER BY random() would scan the table)
        row = conn.execute(
            "SELECT geonameid, name, lat, lon FROM places WHERE geonameid >= ? LIMIT 1",
            (rng.randint(1, max_id),),
        ).fetchone()
        if row:
            rows.append(row)
    conn.close()
    exact = [r[1] for r in rows]
    folded = [_variant(n, rng) for n in exact]
    near = [(lat + rng.gauss(0, 0.05), lon + rng.gauss(0, 0.05)) for _g, _n, lat, lon in rows]
    near = [(max(-90.0, min(90.0, a)), (b + 180.0) % 360.0 - 180.0) for a, b in near]
    globe = [(rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(N_QUERIES // 5)]
    with Gazetteer.open(db) as gaz:
        candidates = [len(gaz.lookup(n)) for n in exact[:1000]]
        found_folded = sum(
            1 for (gid, *_rest), v in zip(rows[:1000], folded[:1000], strict=True)
            if gid in {c.place.geonameid for c in gaz.lookup(v)}
        )  # fmt: skip
        return {
            "lookup_exact": _time_calls(gaz.lookup, exact),
            "lookup_folded": _time_calls(gaz.lookup, folded),
            "lookup_exact_limit10": _time_calls(lambda n: gaz.lookup(n, limit=10), exact),
            "lookup_folded_limit10": _time_calls(lambda n: gaz.lookup(n, limit=10), folded),
            "candidates_per_name": {
                "median": statistics.median(candidates),
                "p99": sorted(candidates)[int(len(candidates) * 0.99)],
            },
            "folded_variant_finds_the_place_pct": round(100 * found_folded / 1000, 1),
            "reverse_near_places": _time_calls(lambda p: gaz.nearest(p[0], p[1], 1), near),
            "reverse_near_places_populated": _time_calls(
                lambda p: gaz.nearest(p[0], p[1], 1, feature_classes="P"), near
            ),
            "reverse_near_places_k5": _time_calls(lambda p: gaz.nearest(p[0], p[1], 5), near),
            "reverse_uniform_globe": _time_calls(lambda p: gaz.nearest(p[0], p[1], 1), globe),
        }


def write_results(results: dict[str, Any]) -> None:
    """Store ``results`` under its scale in ``by_scale``, keeping the last run of every other scale;
    ``largest`` repeats the run of the largest scale (the headline figures)."""
    by_scale: dict[str, Any] = {}
    if RESULTS.is_file():
        old = json.loads(RESULTS.read_text(encoding="utf-8"))
        by_scale = old.get("by_scale") or ({str(old["scale"]): old} if "scale" in old else {})
    by_scale[str(results["scale"])] = results
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    ordered = dict(sorted(by_scale.items(), key=lambda kv: float(kv[0])))
    out = {"largest": ordered[max(ordered, key=float)], "by_scale": ordered}
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")


def main() -> int:
    scale = float(os.environ.get("GEO_BENCH_SCALE", "1.0"))
    spec = SynthSpec(
        places=max(100_000, int(FULL_PLACES * scale)), alternates=max(10_000, int(FULL_ALTERNATES * scale))
    )
    work = Path(tempfile.mkdtemp(prefix="geo-bench-gazetteer-"))
    results: dict[str, Any] = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
        },
        "scale": scale,
    }
    try:
        if os.environ.get("GEO_BENCH_SKIP_DEFAULT") != "1":
            print("gazetteer: building the embedded default", file=sys.stderr, flush=True)
            results["default_build"] = bench_default_build(work)
            print(f"gazetteer: default build {results['default_build']}", file=sys.stderr, flush=True)
        print(f"gazetteer: synthetic dump {spec}", file=sys.stderr, flush=True)
        folder, counts, gen_seconds = synthetic_dump(spec)
        results["synthetic_dump"] = {
            "spec": {"places": spec.places, "alternates": spec.alternates},
            "counts": counts,
            "generate_seconds": gen_seconds,
            "folder": str(folder),
        }
        db = work / "synthetic.sqlite"
        results["synthetic_build"] = bench_synthetic_build(folder, db)
        print(f"gazetteer: synthetic build {results['synthetic_build']}", file=sys.stderr, flush=True)
        results["synthetic_queries"] = bench_queries(db)
        results["load_avg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_results(results)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
