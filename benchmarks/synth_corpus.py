"""A synthetic corpus of news-length articles, assembled at benchmark time from the dev corpora's sentences.

The sentences come from ``../shared/data/events`` (event-location sentences and CASE 2021
snippets), read by path; the articles are written to a temporary folder (or ``--out``),
never into the repository.  The same seed gives the same corpus.

The pool holds about 8,200 distinct sentences, so a corpus of more than a few hundred articles
repeats them (each about 5 times in 2,000 articles).  That does not flatter a throughput figure:
the pipeline's memos of a sentence serve one document only (``geo.memo``); kept across articles
they had cut the instructions an article by 11.5% at the middle of a 2,000-article corpus
(callgrind, articles 1,000-1,049: 124.3 M instead of 140.5 M).

    python -m benchmarks.synth_corpus --articles 10000 --out /tmp/synth
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SENTENCES_JSONL = DATA / "events" / "event_location_dev.jsonl"
SNIPPETS_TSV = DATA / "events" / "case2021_task2_dev.tsv"


def dev_sentences(data: Path = DATA) -> list[str]:
    """The dev corpora's sentences, in file order (event-location sentences, then CASE snippets)."""
    jsonl = data / "events" / "event_location_dev.jsonl"
    tsv = data / "events" / "case2021_task2_dev.tsv"
    if not jsonl.is_file():
        raise FileNotFoundError(f"{jsonl}: dev corpus not found (benchmarks need ../shared/data)")
    out = []
    with jsonl.open(encoding="utf-8") as fh:
        for line in fh:
            text = " ".join(json.loads(line).get("text", "").split())
            if text:
                out.append(text)
    if tsv.is_file():
        csv.field_size_limit(1 << 24)
        with tsv.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                text = " ".join((row.get("EventSnippet") or "").split())
                if text:
                    out.append(text)
    return out


def articles(
    n: int, *, seed: int = 2001, min_sentences: int = 12, max_sentences: int = 28, data: Path = DATA
) -> Iterator[dict[str, str]]:
    """``n`` articles (id, title, date, text): 12-28 sentences (~300-700 words) in short paragraphs."""
    pool = dev_sentences(data)
    rng = random.Random(seed)
    start = dt.date(2001, 1, 1)
    for i in range(n):
        sentences = rng.sample(pool, rng.randint(min_sentences, max_sentences))
        paragraphs, k = [], 0
        while k < len(sentences):
            step = rng.randint(1, 3)
            paragraphs.append(" ".join(sentences[k : k + step]))
            k += step
        title = " ".join(sentences[0].split()[:8])
        yield {
            "id": f"synth-{i:06d}",
            "title": title,
            "date": (start + dt.timedelta(days=rng.randrange(3650))).isoformat(),
            "text": "\n\n".join(paragraphs),
        }


def write_jsonl(path: Path, n: int, *, seed: int = 2001) -> Path:
    """Write ``n`` synthetic articles to one JSON Lines file (the streaming case)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for art in articles(n, seed=seed):
            fh.write(json.dumps(art, ensure_ascii=False) + "\n")
    return path


def write_folder(folder: Path, n: int, *, seed: int = 2001) -> Path:
    """Write ``n`` synthetic articles as ``.txt`` files with ``.meta.json`` sidecars (the folder case)."""
    folder.mkdir(parents=True, exist_ok=True)
    for art in articles(n, seed=seed):
        (folder / f"{art['id']}.txt").write_text(f"{art['title']}\n\n{art['text']}\n", encoding="utf-8")
        (folder / f"{art['id']}.meta.json").write_text(json.dumps({"date": art["date"]}), encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True, help="a .jsonl file, or a folder for .txt files")
    parser.add_argument("--seed", type=int, default=2001)
    args = parser.parse_args(argv)
    if args.out.suffix == ".jsonl":
        write_jsonl(args.out, args.articles, seed=args.seed)
    else:
        write_folder(args.out, args.articles, seed=args.seed)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
