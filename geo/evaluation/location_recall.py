"""Recall of event places by the toponym stages, on Halterman's sentence/verb/location records.

The event-location data (``geo.evaluation.links``) marks, per sentence and event verb, the spans
that name the event's place. Whatever the linker does later, it can only pick a place the
recogniser found, so this measures the ceiling the toponym stages set: the share of gold
``LOCATION`` spans that a recognised mention overlaps (shares a word with), and that a resolved
place overlaps. A sentence repeated for several verbs counts each distinct span once.

Missed spans are split by whether the gazetteer knows the span's text (a lookup hit: the
recogniser or its filter dropped a known name) or not ("the city", "a market", names the
gazetteer lacks). Run::

    python -m geo.evaluation.location_recall event_location_dev.jsonl [--top 40] [--json]

The most frequent missed strings are printed for study; they are the publishers' words, so they
belong in a terminal, not in the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.evaluation.links import Span, read_links_gold
from geo.gazetteer import Gazetteer
from geo.records import Document
from geo.resolve import Resolver
from geo.toponyms import LOOKUP_LIMIT, ToponymRecognizer, cached_lookup

__all__ = ["RecallReport", "gold_sentences", "location_recall", "main"]

_DETERMINERS = ("the ", "The ")


@dataclass
class RecallReport:
    """Counts of gold spans found, and the strings of those missed."""

    spans: int = 0
    sentences: int = 0
    recognised: int = 0
    resolved: int = 0
    missed_known: Counter[str] = field(default_factory=Counter)
    missed_unknown: Counter[str] = field(default_factory=Counter)
    unresolved: Counter[str] = field(default_factory=Counter)

    def as_dict(self, top: int) -> dict[str, Any]:
        n = self.spans or 1
        missed = self.spans - self.recognised
        known = sum(self.missed_known.values())
        return {
            "sentences": self.sentences,
            "gold_spans": self.spans,
            "recognised": round(self.recognised / n, 4),
            "resolved": round(self.resolved / n, 4),
            "missed": missed,
            "missed_in_gazetteer": round(known / missed, 4) if missed else 0.0,
            "top_missed_in_gazetteer": self.missed_known.most_common(top),
            "top_missed_not_in_gazetteer": self.missed_unknown.most_common(top),
            "top_recognised_unresolved": self.unresolved.most_common(top),
        }


def gold_sentences(path: Path | str) -> dict[str, set[Span]]:
    """Each distinct sentence with the union of its gold location spans (over its verbs)."""
    records, _ = read_links_gold(path)
    out: dict[str, set[Span]] = {}
    for rec in records:
        out.setdefault(rec.text, set()).update(rec.locations)
    return out


def _overlaps(span: Span, others: list[Span]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in others)


def in_gazetteer(gazetteer: Gazetteer, name: str) -> bool:
    """True when the gazetteer knows ``name`` (or it without a leading "the")."""
    if cached_lookup(gazetteer, name, LOOKUP_LIMIT):
        return True
    return name.startswith(_DETERMINERS) and bool(cached_lookup(gazetteer, name[4:], LOOKUP_LIMIT))


def location_recall(
    gazetteer: Gazetteer, sentences: dict[str, set[Span]], *, recognizer: ToponymRecognizer | None = None
) -> RecallReport:
    """Run the recogniser and resolver on every sentence with gold spans and count what they cover."""
    rec = recognizer or ToponymRecognizer(gazetteer)
    resolver = Resolver(gazetteer)
    report = RecallReport()
    for text, spans in sentences.items():
        if not spans:
            continue
        report.sentences += 1
        doc = resolver(rec(Document(id="s", text=text)))
        mentions = [(m.start, m.end) for m in doc.mentions]
        places = [(p.mention.start, p.mention.end) for p in doc.places if p.place is not None]
        for span in sorted(spans):
            report.spans += 1
            name = text[span[0] : span[1]]
            if _overlaps(span, places):
                report.resolved += 1
                report.recognised += 1
            elif _overlaps(span, mentions):
                report.recognised += 1
                report.unresolved[name] += 1
            elif in_gazetteer(gazetteer, name):
                report.missed_known[name] += 1
            else:
                report.missed_unknown[name] += 1
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="Halterman event-location JSON Lines")
    parser.add_argument("--top", type=int, default=30, help="how many missed strings to list")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    report = location_recall(Gazetteer.open(), gold_sentences(args.gold)).as_dict(args.top)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return 0
    for key in ("sentences", "gold_spans", "recognised", "resolved", "missed", "missed_in_gazetteer"):
        print(f"{key:>22}: {report[key]}")
    for key in ("top_missed_in_gazetteer", "top_missed_not_in_gazetteer", "top_recognised_unresolved"):
        print(f"\n{key}:")
        print("  " + ", ".join(f"{name} ({n})" for name, n in report[key]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
