"""What the event coding makes of dev sentences, one JSON line each, to diff two versions' code.

``python -m benchmarks.event_diff halterman event_location_dev.jsonl OUT`` writes, for each distinct
sentence of Halterman's file (in file order), the extractor's events (sub-type, actor 1, associated
actor 1, actor 2, fatalities; publication date 2024-03-14). ``python -m benchmarks.event_diff case
case2021_task2_dev.tsv OUT`` writes each CASE snippet's gold label and the pipeline's (the packaged
models, in sample) and prints how many agree. Run it with ``PYTHONPATH`` on each version's ``geo``
(``git archive COMMIT geo | tar -x -C DIR``) and ``diff`` the two outputs; the texts stay out of them.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path


def halterman(gold: Path, out: Path) -> None:
    from geo.events import EventExtractor
    from geo.records import Document

    extractor = EventExtractor()
    seen: set[str] = set()
    with gold.open(encoding="utf-8") as fh, out.open("w", encoding="utf-8") as sink:
        for line in fh:
            text = json.loads(line)["text"]
            if text in seen:
                continue
            seen.add(text)
            doc = extractor(Document(id="s", text=text, date=dt.date(2024, 3, 14)))
            rows = [[e.sub_event_type, e.actor1, e.assoc_actor1, e.actor2, e.fatalities] for e in doc.events]
            sink.write(json.dumps(rows) + "\n")
    print(f"{len(seen)} sentences")


def case(gold: Path, out: Path) -> None:
    from geo.evaluation.types import pipeline_label, read_types_gold
    from geo.events import EventExtractor

    extractor = EventExtractor()
    snippets = read_types_gold(gold)
    right = 0
    with out.open("w", encoding="utf-8") as sink:
        for g in snippets:
            label = pipeline_label(extractor, g.text)
            right += label == g.label
            sink.write(f"{g.label}\t{label}\n")
    print(f"{right} of {len(snippets)} right ({right / len(snippets):.4f})")


def main(argv: list[str]) -> None:
    if len(argv) != 3 or argv[0] not in ("halterman", "case"):
        raise SystemExit(__doc__)
    (halterman if argv[0] == "halterman" else case)(Path(argv[1]), Path(argv[2]))


if __name__ == "__main__":
    main(sys.argv[1:])
