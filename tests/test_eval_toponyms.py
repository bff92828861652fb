"""`geo eval toponyms` on small gold files written for these tests, one per format (default gazetteer).

Every fixture holds the same two articles: three gold toponyms in the first (the third annotated,
on purpose, as a namesake ~1,800 km away from the one the text means), one in the second, whose
"Pakistan" is not annotated (except in the GeoWebNews file, where it has no coordinates).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from geo.cli.main import cli
from geo.errors import GoldFormatError
from geo.evaluation.toponyms import GoldToponym, auc, detect_format, read_gold, snap_span
from geo.gazetteer import Gazetteer

FIXTURES = Path(__file__).parent / "fixtures" / "toponyms"
FILES = {
    "jsonl": FIXTURES / "mini.jsonl",
    "lgl": FIXTURES / "mini_lgl.xml",
    "trnews": FIXTURES / "mini_trnews.xml",
    "gwn": FIXTURES / "mini_gwn.xml",
    "geovirus": FIXTURES / "mini_geovirus.xml",
}


@pytest.fixture(scope="module")
def gaz_path(gazetteer: Gazetteer) -> Path:
    return Path(gazetteer.path)


REQUIRED = {"n", "acc161", "mean_km", "median_km", "auc", "exact_id", "precision", "recall", "f1"}


def _run(gazetteer: Path, *args: str) -> Any:
    result = CliRunner().invoke(
        cli, ["eval", "toponyms", *args, "--gazetteer", str(gazetteer), "--no-progress"]
    )
    return result


def _json(gazetteer: Path, *args: str) -> dict[str, Any]:
    result = _run(gazetteer, *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_detects_each_format(fmt: str) -> None:
    assert detect_format(FILES[fmt]) == fmt


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_end_to_end_metrics_in_every_format(gaz_path: Path, fmt: str) -> None:
    m = _json(gaz_path, str(FILES[fmt]))
    assert set(m) >= REQUIRED
    assert m["format"] == fmt and m["articles"] == 2
    assert m["n"] == 4 and m["acc161"] == 0.75
    # One error of ~1,800 km (Kandahar, Afghanistan vs its Indian namesake) over four toponyms.
    assert 430 < m["mean_km"] < 480
    assert m["median_km"] < 1.0
    assert 0 < m["auc"] < 0.25
    assert m["exact_id"] == (None if fmt == "geovirus" else 0.75)
    if fmt == "gwn":  # "Pakistan" is gold there (without a point), so every prediction is right
        assert (m["precision"], m["recall"], m["f1"], m["n_gold"]) == (1.0, 1.0, 1.0, 5)
    else:  # "Pakistan" is predicted but not gold: 4 of 5 predictions right, all 4 gold found
        assert (m["precision"], m["recall"]) == (0.8, 1.0)
        assert m["f1"] == pytest.approx(2 * 0.8 / 1.8)
    assert m["f1_overlap"] >= m["f1"]


def test_misplaced_spans_are_snapped_or_dropped_and_counted(gaz_path: Path) -> None:
    m = _json(gaz_path, str(FILES["lgl"]))
    assert (m["snapped"], m["dropped"]) == (1, 1)
    corpus = read_gold(FILES["lgl"])
    kabul = corpus.articles[0].toponyms[1]
    assert (kabul.start, kabul.end, kabul.text) == (24, 29, "Kabul")


def test_gold_spans_mode_scores_resolution_only(gaz_path: Path) -> None:
    m = _json(gaz_path, str(FILES["jsonl"]), "--gold-spans")
    assert m["gold_spans"] is True
    assert (m["n"], m["acc161"], m["exact_id"]) == (4, 0.75, 0.75)
    assert m["precision"] is None and m["f1"] is None


def test_table_output_and_error_map(gaz_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "errors.html"
    result = _run(gaz_path, str(FILES["lgl"]), "--map", str(out))
    assert result.exit_code == 0, result.output
    assert "accuracy@161 km" in result.output and "0.750" in result.output
    assert "gold spans snapped" in result.output
    html = out.read_text(encoding="utf-8")
    # The one error beyond 161 km: gold point, predicted point and a line between them.
    assert "18.87" in html and "77.19" in html
    assert "31.61332" in html and "65.71013" in html
    assert "L.polyline" in html and "Kandahar" in html


def test_bad_files_give_one_line_errors(gaz_path: Path, tmp_path: Path) -> None:
    cases = {
        "notes.txt": ("just words\n", "not a known gold format"),
        "broken.xml": ("<articles><article>", "malformed XML"),
        "other.xml": ("<root><item/></root>", "not a known gold format"),
        "bad.jsonl": (
            '{"text": "Kabul", "toponyms": [{"start": 0}]}\n',
            "bad.jsonl:1: toponym 1 has no 'end'",
        ),
        "span.jsonl": ('{"text": "Kabul", "toponyms": [{"start": 0, "end": 40}]}\n', "outside the text"),
    }
    for name, (content, message) in cases.items():
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        result = _run(gaz_path, str(path))
        assert result.exit_code == 2, name
        assert message in result.output and "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1
    missing = _run(gaz_path, str(tmp_path / "nope.xml"))
    assert missing.exit_code == 2 and "no such gold file" in missing.output


def test_wrong_forced_format_is_refused() -> None:
    with pytest.raises(GoldFormatError, match="no gold toponyms found for format lgl"):
        read_gold(FILES["geovirus"], format="lgl")


def test_auc_by_hand() -> None:
    assert auc([0.0, 20038.0]) == pytest.approx(0.5)
    assert auc([0.0, 0.0, 20038.0]) == pytest.approx(0.25)
    assert auc([20038.0, 20038.0]) == pytest.approx(1.0)
    assert math.isnan(auc([]))


def test_snap_span() -> None:
    text = "From Herat to Kabul and back to Herat."
    assert snap_span(text, GoldToponym(15, 20, "Kabul")) == GoldToponym(14, 19, "Kabul")
    # Two occurrences: the nearest to the given offset wins.
    assert snap_span(text, GoldToponym(30, 35, "Herat")) == GoldToponym(32, 37, "Herat")
    assert snap_span(text, GoldToponym(14, 19, "Kabul")) == GoldToponym(14, 19, "Kabul")
    assert snap_span(text, GoldToponym(0, 4, "Quetta")) is None


DEV_LGL = Path(__file__).resolve().parents[2] / "shared" / "data" / "geoparsing" / "lgl" / "lgl.xml"


def test_in_sample_flag_is_false_on_files_the_weights_never_saw(gaz_path: Path) -> None:
    assert _json(gaz_path, str(FILES["jsonl"]))["in_sample"] is False


@pytest.mark.skipif(not DEV_LGL.exists(), reason="the LGL dev corpus is not beside the checkout")
def test_in_sample_flag_recognises_the_training_corpus() -> None:
    from geo.cli.evaluate_toponyms import _trained_on

    assert _trained_on(DEV_LGL)  # the shipped weights were fitted on LGL + GeoVirus
