"""Instructions an article of the whole pipeline (and its JSON line), counted by callgrind: a figure
the load of a shared machine does not move, for before/after comparisons of speed work.

Runs the default pipeline in this process over the synthetic corpus (``benchmarks.synth_corpus``,
seed 2001, as ``bench_corpus``): the first ``--skip`` articles uninstrumented (caches warm as in a
long ``geo parse`` run), then instrumentation on (``callgrind_control``) for the next
``--articles``.  Divide callgrind's "Collected" count by ``--articles``:

    valgrind --tool=callgrind --instr-atstart=no python -m benchmarks.instructions --skip 1000 --articles 50
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50, help="articles counted")
    parser.add_argument("--skip", type=int, default=1000, help="articles run first, not counted")
    args = parser.parse_args(argv)

    from benchmarks.synth_corpus import articles
    from geo.documents import clean_text
    from geo.pipeline import Pipeline
    from geo.records import Document
    from geo.serialize import document_line

    pipeline = Pipeline.default()
    docs = [
        Document(a["id"], clean_text(a["text"]), date=dt.date.fromisoformat(a["date"]))
        for a in articles(args.skip + args.articles)
    ]
    for doc in docs[: args.skip]:
        document_line(pipeline(doc))

    def instrument(state: str) -> None:
        subprocess.run(["callgrind_control", "-i", state, str(os.getpid())], check=True, capture_output=True)

    instrument("on")
    for doc in docs[args.skip :]:
        document_line(pipeline(doc))
    instrument("off")
    return 0


if __name__ == "__main__":
    sys.exit(main())
