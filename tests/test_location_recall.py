"""geo.evaluation.location_recall and the recogniser filter's fixed priors, on records written here."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from geo.evaluation.location_recall import gold_sentences, location_recall, main
from geo.evaluation.toponym_training import fit_logistic
from geo.gazetteer import Gazetteer
from geo.toponyms import MENTION_FEATURES


def _record(text: str, verb: str, places: list[str]) -> dict[str, object]:
    spans = [{"start": text.index(verb), "end": text.index(verb) + len(verb), "label": "VERB", "text": verb}]
    for place in places:
        spans.append({"start": text.index(place), "end": text.index(place) + len(place), "label": "LOCATION"})
    return {"_id": verb, "text": text, "spans": spans}


def _write(path: Path) -> Path:
    one = "Shells hit Fallujah and Zzyzxabad on Sunday, and a pharmacy burned."
    rows = [
        _record(one, "hit", ["Fallujah", "Zzyzxabad"]),
        _record(one, "burned", ["a pharmacy"]),
        _record("Nobody was hurt, the police said.", "hurt", []),
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_recall_counts_each_distinct_span_once(gazetteer: Gazetteer, tmp_path: Path) -> None:
    sentences = gold_sentences(_write(tmp_path / "gold.jsonl"))
    assert sorted(len(s) for s in sentences.values()) == [0, 3]
    report = location_recall(gazetteer, sentences)
    assert (report.sentences, report.spans, report.recognised, report.resolved) == (1, 3, 1, 1)
    assert dict(report.missed_unknown) == {"Zzyzxabad": 1, "a pharmacy": 1}
    summary = report.as_dict(5)
    assert summary["recognised"] == round(1 / 3, 4)
    assert summary["missed_in_gazetteer"] == 0.0


def test_cli_prints_json(gazetteer: Gazetteer, tmp_path: Path, capsys: object) -> None:
    assert main([str(_write(tmp_path / "gold.jsonl")), "--json", "--top", "1"]) == 0
    out = json.loads(capsys.readouterr().out)  # type: ignore[attr-defined]
    assert out["gold_spans"] == 3 and len(out["top_missed_not_in_gazetteer"]) == 1


def test_fixed_priors_keep_their_weight() -> None:
    rng = np.random.default_rng(0)
    x = rng.integers(0, 2, size=(200, len(MENTION_FEATURES))).astype(float)
    x[:, 0] = 1.0
    y = x[:, 1] > 0
    w = fit_logistic(x, y, steps=200, priors={"event_cue": 2.0})
    assert w[MENTION_FEATURES.index("event_cue")] == 2.0
    assert w[1] > 1.0  # the informative feature is still learned
