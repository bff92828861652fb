"""`geo eval links` / `geo eval types`: gold readers, scores computed by hand, and the commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geo.cli import cli
from geo.errors import GoldFormatError
from geo.evaluation.links import LinkGold, read_links_gold, score_links
from geo.evaluation.types import read_types_gold, score_types

FIXTURES = Path(__file__).parent / "fixtures" / "events"
LINKS = FIXTURES / "links_mini.jsonl"
TYPES = FIXTURES / "types_mini.tsv"


# -- links


def test_links_reader_skips_broken_offsets() -> None:
    gold, skipped = read_links_gold(LINKS)
    assert skipped == 1 and len(gold) == 5
    first = gold[0]
    assert first.text[first.verb[0] : first.verb[1]] == "attacked"
    assert [first.text[s:e] for s, e in first.locations] == ["Herat"]


def test_link_scores_by_hand() -> None:
    text = "Troops fought in North Valley and near Lake Town yesterday."
    north, lake = (
        (text.index("North Valley"), text.index("North Valley") + 12),
        (text.index("Lake Town"), text.index("Lake Town") + 9),
    )
    verb = (text.index("fought"), text.index("fought") + 6)
    gold = [
        LinkGold("a", text, verb, (north, lake)),
        LinkGold("b", "Nothing happened here.", (0, 7), ()),
        LinkGold("c", "Nothing happened there.", (0, 7), ()),
    ]
    valley = (north[0] + 6, north[1])  # "Valley": overlaps the gold span, not exact
    metrics = score_links(gold, [[valley], [], [(8, 16)]])
    # spans: 2 predicted, 1 overlapping gold; 2 gold, 1 found
    assert (metrics["precision"], metrics["recall"], metrics["f1"]) == (0.5, 0.5, 0.5)
    assert metrics["exact_f1"] == 0.0
    # tokens: predicted {Valley, happened}, gold {North, Valley, Lake, Town}
    assert (metrics["token_precision"], metrics["token_recall"]) == (0.5, 0.25)
    assert (metrics["no_location_n"], metrics["no_location_accuracy"]) == (2, 0.5)
    assert metrics["n"] == 3


def test_annotator_agreement_scores_a_second_annotation_against_the_first(tmp_path: Path) -> None:
    from geo.evaluation.links import annotator_agreement

    def record(text: str, verb: str, places: list[str]) -> str:
        def span(word: str, label: str) -> dict[str, object]:
            return {"start": text.index(word), "end": text.index(word) + len(word), "label": label}

        spans = [span(verb, "VERB"), *(span(p, "LOCATION") for p in places)]
        return json.dumps({"text": text, "spans": spans})

    one = "Rebels shelled  Port Elm on Monday."  # the second copy spaces it otherwise
    two = "Police detained the lorry drivers after the march."
    lines = [
        record(one, "shelled", ["Port Elm"]),
        record(two, "detained", []),
        record(" Rebels shelled Port Elm on Monday.", "shelled", ["Port Elm"]),  # agrees
        record(two, "detained", ["lorry"]),  # a place where the first annotation has none
        record("Troops marched into Vale.", "marched", ["Vale"]),  # annotated once: not scored
    ]
    path = tmp_path / "twice.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    gold, _ = read_links_gold(path)
    agreement = annotator_agreement(gold)
    assert agreement["n"] == 2
    assert (agreement["precision"], agreement["recall"]) == (0.5, 1.0)
    assert agreement["no_location_accuracy"] == 0.0
    assert annotator_agreement(gold[:2]) == {"n": 0}


def test_bad_link_gold_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x"}\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"bad\.jsonl:1: not a Halterman record"):
        read_links_gold(bad)
    with pytest.raises(GoldFormatError, match="no such gold file"):
        read_links_gold(tmp_path / "missing.jsonl")


def test_eval_links_command(gazetteer: object) -> None:
    result = CliRunner().invoke(cli, ["eval", "links", str(LINKS), "--json", "--method", "rules"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output)
    assert {"n", "precision", "recall", "f1", "exact_f1", "no_location_accuracy"} <= set(metrics)
    assert metrics["n"] == 5 and metrics["skipped"] == 1 and metrics["in_sample"] is False
    assert metrics["f1"] == 1.0  # the five records are easy: in / near / speech place / two places / none
    assert metrics["no_location_accuracy"] == 1.0
    table = CliRunner().invoke(cli, ["eval", "links", str(LINKS)])
    assert table.exit_code == 0 and "no-location accuracy" in table.output and "method model" in table.output
    model = json.loads(CliRunner().invoke(cli, ["eval", "links", str(LINKS), "--json"]).output)
    assert model["recall"] == 1.0  # the learned model finds every gold place of these records


def test_learned_link_model_round_trips() -> None:
    from geo.evaluation.links import train_link_model
    from geo.link_model import LinkModel

    samples = [
        ({"p1=in", "dir=after"}, True),
        ({"p1=in", "dir=before"}, True),
        ({"p1=said", "dir=after"}, False),
    ] * 5
    model = train_link_model(samples, iterations=300, step=0.1, keep=0.0)
    assert (
        model.probability({"p1=in", "dir=after"})
        > model.threshold
        > model.probability({"p1=said", "dir=after"})
    )
    again = LinkModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.probability({"p1=in"}) == pytest.approx(model.probability({"p1=in"}), abs=1e-3)


# -- types


def test_type_scores_by_hand() -> None:
    gold = ["A", "A", "B", "C"]
    pred = ["A", "B", "B", "NONE"]
    metrics = score_types(gold, pred)
    # F1: A = 2/3 (P 1, R .5), B = 2/3 (P .5, R 1), C = 0
    assert metrics["accuracy"] == 0.5
    assert metrics["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 0) / 3, abs=1e-3)
    assert metrics["weighted_f1"] == pytest.approx((2 * 2 / 3 + 2 / 3) / 4, abs=1e-3)
    assert metrics["confusion"]["A\tB"] == 1 and metrics["confusion"]["C\tNONE"] == 1


def test_types_reader_errors(tmp_path: Path) -> None:
    assert [g.label for g in read_types_gold(TYPES)][:2] == ["SUIC_BOMB", "PEACE_PROTEST"]
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\tText\tLabel\n1\tx\tY\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="not a CASE 2021 task 2 TSV"):
        read_types_gold(bad)


def test_eval_types_command_lexicon() -> None:
    result = CliRunner().invoke(cli, ["eval", "types", str(TYPES), "--json", "--method", "lexicon"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output)
    assert {"n", "accuracy", "weighted_f1", "macro_f1"} <= set(metrics)
    # the lexicon types the five ACLED snippets; the flood is not an ACLED event (an error for us)
    assert metrics["n"] == 6 and metrics["accuracy"] == pytest.approx(5 / 6, abs=1e-3)
    table = CliRunner().invoke(cli, ["eval", "types", str(TYPES), "--method", "lexicon"])
    assert "confusion" in table.output and "NATURAL_DISASTER" in table.output


def test_eval_types_command_model_runs() -> None:
    result = CliRunner().invoke(cli, ["eval", "types", str(TYPES), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["n"] == 6


def test_link_decoding_is_chosen_on_the_training_data() -> None:
    """``fit_link_model`` picks its threshold on inner folds of the data it is given: when only one
    record in five with a name has that name as its place, a candidate scored ~0.2 must still be kept
    (keeping all gives F1 1/3, keeping none 0), so the threshold goes down to 0.2 or below."""
    from geo.evaluation.links import LinkGold, fit_link_model
    from geo.link_model import LinkCandidate

    gold, rows = [], []
    for i in range(200):
        text = f"Shelling hit Town{i:03d} overnight."
        span = (13, 20)
        located = i % 5 == 0
        gold.append(LinkGold(str(i), text, (0, 8), (span,) if located else ()))
        rows.append(([LinkCandidate(span, "town")], [{"lvl=town", "dir=after"}], [located]))
    model = fit_link_model(gold, rows)
    assert model.threshold <= 0.2
    assert model.choose([0.21]) == [0]


def test_link_decoding_takes_the_middle_of_a_high_plateau() -> None:
    """The decoding's settings are chosen by the mean F1 of each setting's neighbours in the grid: a lone
    top between low settings loses to the middle of a plateau a little lower (a retrain's noise moves a
    lone top, not a plateau); on a tie the first setting in grid order wins."""
    from geo.evaluation.links import _steadiest

    line = {(0,): 0.70, (1,): 0.79, (2,): 0.70, (3,): 0.77, (4,): 0.78, (5,): 0.77, (6,): 0.60}
    assert max(line, key=line.__getitem__) == (1,) and _steadiest(line) == (4,)
    grid = {(a, b): 0.7 for a in range(3) for b in range(3)}
    grid[(0, 0)] = 0.8  # a corner top: its neighbourhood is four points, three of them low
    grid |= {(2, 1): 0.76, (2, 2): 0.76, (1, 2): 0.76}
    assert _steadiest(grid) == (2, 2)
    assert _steadiest({(0,): 0.5, (1,): 0.5}) == (0,)


def test_link_embeddings_with_another_method_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["eval", "links", str(LINKS), "--method", "rules", "--embeddings"])
    assert result.exit_code == 2 and "--embeddings" in result.output


def test_link_embeddings_without_the_extra_say_how_to_install_it() -> None:
    from geo.event_types import embeddings_available

    if embeddings_available():
        pytest.skip("the embeddings extra is installed here")
    result = CliRunner().invoke(cli, ["eval", "links", str(LINKS), "--embeddings"])
    assert result.exit_code != 0 and "pip install" in result.output


def test_link_embeddings_command_and_pipeline_head(gazetteer: object) -> None:
    from geo.event_types import embeddings_available

    if not embeddings_available():
        pytest.skip("the optional embeddings extra is not installed")
    result = CliRunner().invoke(cli, ["eval", "links", str(LINKS), "--json", "--embeddings"])
    assert result.exit_code == 0, result.output
    # (the model's loader may print progress lines)
    metrics = json.loads(result.output[result.output.index("{") :])
    assert metrics["method"] == "model+embeddings" and metrics["recall"] == 1.0

    from geo.evaluation.links import StageLinkPredictor
    from geo.link_tuned import packaged_tuned_scorer

    stage = StageLinkPredictor(gazetteer, use_model=True, link_head=packaged_tuned_scorer())
    text = "Gunmen attacked a checkpoint in Herat on Monday, officials in Kabul said."
    verb = (text.index("attacked"), text.index("attacked") + 8)
    assert [text[s:e] for s, e in stage(text, verb)] == ["Herat"]


def test_a_record_gate_learns_which_verbs_have_no_place() -> None:
    """Half the records say 'could attack' (never a place), half 'did attack' (the name is the place),
    with the same candidate features: the candidate model cannot tell them apart, the record gate
    (hedge words before the verb) can, so ``fit_link_model`` keeps it and it drops the hedged verbs."""
    from geo.evaluation.links import LinkGold, fit_link_model
    from geo.link_model import LinkCandidate, LinkModel

    gold, rows = [], []
    for i in range(300):
        aux = "could" if i % 2 else "did"
        text = f"Rebels {aux} attack Town{i:03d} today."
        verb = (text.index("attack"), text.index("attack") + 6)
        span = (text.index("Town"), text.index("Town") + 7)
        located = aux == "did"
        gold.append(LinkGold(str(i), text, verb, (span,) if located else ()))
        rows.append(([LinkCandidate(span, "town")], [{"lvl=town", "dir=after"}], [located]))
    model = fit_link_model(gold, rows)
    assert model.gate is not None
    feats, probs = rows[0][1], [model.probability(rows[0][1][0])]
    assert model.keeps_any(gold[0].text, gold[0].verb, feats, probs)  # "did attack"
    assert not model.keeps_any(gold[1].text, gold[1].verb, feats, probs)  # "could attack"
    again = LinkModel.from_json(model.to_json())
    assert again.gate is not None and again.gate.bar == model.gate.bar
    assert again.keeps_any(gold[0].text, gold[0].verb, feats, probs)
    without = fit_link_model(gold, rows, gate=False)
    assert without.gate is None and without.keeps_any(gold[1].text, gold[1].verb, feats, probs)


def test_a_second_stage_learns_that_the_whole_of_the_picked_part_is_not_the_place() -> None:
    """A town named alone is the place, a quarter named alone is not, and in 'the quarter in the town'
    the quarter is: each name's own features are the same alone and paired, so the first stage scores
    town and quarter alike; the second stage sees the pair, and which of the two scores higher."""
    from geo.evaluation.links import LinkGold, fit_link_model
    from geo.link_model import LinkCandidate, LinkModel, coordinated_lists

    gold, rows = [], []
    texts = {
        "pair": "Shelling hit Qarya{0} in Town{0} overnight.",
        "quarter": "Shelling hit Qarya{0} overnight.",
        "town": "Shelling hit Town{0} overnight.",
    }
    for i in range(300):
        kind = ("pair", "quarter", "town")[i % 3]
        text = texts[kind].format(f"{i:03d}")
        names = [n for n in (f"Qarya{i:03d}", f"Town{i:03d}") if n in text]
        levels = ["unk" if n.startswith("Qarya") else "town" for n in names]
        cands = [
            LinkCandidate((text.index(n), text.index(n) + len(n)), lvl)
            for n, lvl in zip(names, levels, strict=True)
        ]
        place = None if kind == "quarter" else cands[0].span
        gold.append(LinkGold(str(i), text, (0, 8), (place,) if place else ()))
        feats = [{f"lvl={c.level}", "dir=after"} for c in cands]
        rows.append((cands, feats, [c.span == place for c in cands]))

    def picks(model: LinkModel, k: int) -> list[tuple[int, int]]:
        g, (cands, feats, _) = gold[k], rows[k]
        probs = model.scores(g.text, cands, feats)
        if not model.keeps_any(g.text, g.verb, feats, probs):
            return []
        lists = coordinated_lists(g.text, [c.span for c in cands])
        return [cands[j].span for j in model.choose(probs, lists)]

    model = fit_link_model(gold, rows)
    for again in (model, LinkModel.from_json(model.to_json())):
        assert again.rerank is not None
        assert [picks(again, k) for k in range(3)] == [list(g.locations) for g in gold[:3]]
    without = fit_link_model(gold, rows, rerank=False)
    quarter, town = without.scores(gold[0].text, rows[0][0], rows[0][1])
    assert without.rerank is None and abs(quarter - town) < 0.1  # alike, alone
    paired = model.scores(gold[0].text, rows[0][0], rows[0][1])
    assert paired[0] - paired[1] > 0.3


def test_the_second_stage_floor_bounds_what_it_can_raise() -> None:
    """``Reranker.can_reach``: a first-stage score it says cannot reach the bar never does after
    rescoring, whatever the other names score (the pipeline skips the other names' features on that
    promise)."""
    import random

    from geo.link_model import LinkCandidate, Reranker, part_whole_pairs, rerank_features

    text = "Shelling hit the Qarya quarter in Town, near Hill and Vale, and Ridge's Point overnight."
    names = ["Qarya", "Town", "Hill", "Vale", "Ridge", "Point"]
    cands = [LinkCandidate((text.index(n), text.index(n) + len(n)), "unk") for n in names]
    pairs = part_whole_pairs(text, tuple(c.span for c in cands))
    assert (0, 1, "in") in pairs and (5, 4, "'s") in pairs  # "Qarya quarter in Town", "Ridge's Point"
    counts = [sum(i in (a, b) for a, b, _ in pairs) for i in range(len(cands))]
    rng = random.Random(7)
    seen = [
        rerank_features([rng.random() for _ in cands], tuple(range(6)), ["unk"] * 6, pairs) for _ in range(50)
    ]
    vocab = sorted({f for feats in seen for fs in feats for f in fs})
    reranker = Reranker.of({f: rng.uniform(-1, 1) for f in vocab}, 0.8, -0.2)
    for _ in range(300):
        probs = [rng.random() ** 3 for _ in cands]
        for i, p in enumerate(reranker.probabilities(text, cands, probs)):
            if p >= 0.3:
                assert reranker.can_reach(probs[i], 0.3, counts[i])
    assert reranker.can_reach(0.3, 0.3, 0) and not reranker.can_reach(0.0001, 0.3, 0)


def test_names_of_one_list_are_no_part_and_whole_to_the_second_stage() -> None:
    """'Mombasa, Kisumu and Nakuru' is a list, 'Gereshk, Helmand' a town and its province: only the
    second gives the second stage part and whole features."""
    from geo.link_model import coordinated_lists, part_whole_pairs, rerank_features

    for text, names, paired in (
        ("Crowds marched in Mombasa, Kisumu and Nakuru.", ["Mombasa", "Kisumu", "Nakuru"], False),
        ("Gunmen attacked a checkpoint in Gereshk, Helmand.", ["Gereshk", "Helmand"], True),
    ):
        spans = [(text.index(n), text.index(n) + len(n)) for n in names]
        feats = rerank_features(
            [0.9, 0.5, 0.2][: len(spans)],
            coordinated_lists(text, spans),
            ["town"] * len(spans),
            part_whole_pairs(text, tuple(spans)),
        )
        assert part_whole_pairs(text, tuple(spans))  # the comma joins them either way
        assert any(f.startswith(("part", "whole")) for fs in feats for f in fs) is paired


def test_the_record_gate_reads_the_words_around_the_verb_as_a_static_vector() -> None:
    """Half the records attack an army base (the name is the place), half a website (no place): the
    candidate's features, the words next to the verb and the hedges are the same, only words further
    from the verb differ. The gate over the static vector of the verb's window tells them apart; without
    it (``gate_window=0``) the gate cannot."""
    from geo.evaluation.links import LinkGold, fit_link_model
    from geo.link_model import LinkCandidate, LinkModel

    gold, rows = [], []
    for i in range(300):
        target = "army base" if i % 2 == 0 else "rival website"
        text = f"In Town{i:03d} rebels reportedly attacked the {target} today."
        verb = (text.index("attacked"), text.index("attacked") + 8)
        span = (3, 10)
        located = i % 2 == 0
        gold.append(LinkGold(str(i), text, verb, (span,) if located else ()))
        rows.append(([LinkCandidate(span, "town")], [{"lvl=town", "dir=before"}], [located]))

    def kept(model: LinkModel) -> list[bool]:
        out = []
        for g, (_, feats, _) in zip(gold[:20], rows[:20], strict=True):
            out.append(model.keeps_any(g.text, g.verb, feats, [model.probability(feats[0])]))
        return out

    model = fit_link_model(gold, rows, rerank=False, gate_window=6)
    assert model.gate is not None and model.gate.window == 6 and len(model.gate.dense) == 3 + 128
    assert kept(model) == [i % 2 == 0 for i in range(20)]
    again = LinkModel.from_json(model.to_json())
    assert again.gate is not None and again.gate.window == 6 and kept(again) == kept(model)
    without = fit_link_model(gold, rows, rerank=False, gate_window=0)
    assert without.gate is not None and without.gate.window == 0
    assert len(set(kept(without))) == 1  # all kept or all dropped: the words that differ are out of its sight
