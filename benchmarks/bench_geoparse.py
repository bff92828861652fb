"""End-to-end geoparsing speed (recognition + resolution) on LGL, beside its accuracy.

Reads the LGL corpus by path (``../shared/data/geoparsing/lgl/lgl.xml``), runs
``ToponymRecognizer`` then ``Resolver`` over every article in one process, and reports words per
second of CPU time (per core), articles per second and peak memory (max RSS), twice: ``cold``
(fresh stages, empty per-name caches; the name trie already memory-mapped) and ``warm`` (the same
stages again). Accuracy of the same run (acc@161, recognition F1) goes beside the speed. Goal:
>= 100,000 words/s per core. Result: ``benchmarks/results/geoparse.json``.

    python -m benchmarks geoparse [--gold FILE] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import time
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
LGL = DATA / "geoparsing" / "lgl" / "lgl.xml"
RESULTS = Path(__file__).parent / "results" / "geoparse.json"
GOAL_WORDS_PER_S = 100_000


def _pass(articles: list[Any], recognizer: Any, resolver: Any) -> tuple[dict[str, float], list[Any]]:
    from geo.evaluation.toponyms import gold_document

    docs = [gold_document(a, with_mentions=False) for a in articles]
    words = sum(len(d.text.split()) for d in docs)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    out = [resolver(recognizer(d)) for d in docs]
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    return {
        "articles": len(docs),
        "words": words,
        "cpu_s": round(cpu, 3),
        "wall_s": round(wall, 3),
        "words_per_s_per_core": round(words / cpu, 1) if cpu else float("inf"),
        "articles_per_s": round(len(docs) / wall, 1) if wall else float("inf"),
        "mentions": sum(len(d.places) for d in out),
    }, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="End-to-end geoparsing speed on LGL.")
    parser.add_argument("--gold", type=Path, default=LGL, help="gold corpus to time (any geo eval format)")
    parser.add_argument("--repeat", type=int, default=3, help="warm passes (the best is reported)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if not args.gold.is_file():
        print(
            f"bench_geoparse: {args.gold}: no such file (the dev data lives in ../shared/data)",
            file=sys.stderr,
        )
        return 1

    from geo.evaluation.toponyms import read_gold, score
    from geo.gazetteer import Gazetteer
    from geo.gazetteer_build import ensure_gazetteer
    from geo.resolve import Resolver
    from geo.toponyms import ToponymRecognizer

    corpus = read_gold(args.gold)
    articles = list(corpus.articles)
    gazetteer = Gazetteer.open(ensure_gazetteer())
    t0 = time.perf_counter()
    ToponymRecognizer(gazetteer).index  # noqa: B018 - load (or build) the name trie outside the timing
    load_s = time.perf_counter() - t0

    recognizer, resolver = ToponymRecognizer(gazetteer), Resolver(gazetteer)
    cold, docs = _pass(articles, recognizer, resolver)
    warm = max(
        (_pass(articles, recognizer, resolver)[0] for _ in range(max(1, args.repeat))),
        key=lambda r: r["words_per_s_per_core"],
    )
    metrics = score(zip(articles, docs, strict=True)).metrics
    result = {
        "benchmark": "geoparse",
        "corpus": str(args.gold),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "index_load_s": round(load_s, 3),
        "cold": cold,
        "warm": warm,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "goal_words_per_s_per_core": GOAL_WORDS_PER_S,
        "meets_goal": cold["words_per_s_per_core"] >= GOAL_WORDS_PER_S,
        "accuracy": {k: metrics[k] for k in ("n", "acc161", "median_km", "precision", "recall", "f1")},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
