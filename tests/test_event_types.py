"""The snippet typer (geo.event_types) and its trainer: features, learning, the shipped models."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.cli import cli
from geo.errors import GoldFormatError, MissingExtraError
from geo.evaluation.type_training import (
    Distillation,
    SoftLabelled,
    TrainConfig,
    _sparse_fit,
    class_information,
    cross_validate,
    distil_targets,
    family_matrix,
    fit_softmax,
    teacher_probabilities,
    train_type_model,
)
from geo.evaluation.types import read_unlabelled, trained_on
from geo.event_types import (
    EMBEDDING_MODEL_FILE,
    LEAD_WORDS,
    MODEL_FILE,
    STATIC_ENCODER,
    EventRetyper,
    SentenceEncoder,
    SnippetTyper,
    TypeModel,
    cue_labels,
    embeddings_available,
    mask_names,
    packaged_model,
    plain_cue_labels,
    prototype_examples,
    snippet_features,
    static_text,
)
from geo.events import EventExtractor
from geo.records import Document
from geo.text import sentences

CASE_DEV = Path("/work/shared/data/events/case2021_task2_dev.tsv")
TYPES = Path(__file__).parent / "fixtures" / "events" / "types_mini.tsv"


def test_features_hold_words_stems_lexicon_and_cues() -> None:
    feats = snippet_features("A magnitude 6 earthquake shook 3 towns.", "NONE", ["ATTACK"])
    assert feats["w"]["earthquake"] == 1 and feats["w"]["0"] == 2  # numbers are one word
    assert feats["s"]["earth"] == 1
    assert set(feats["h"]) == {"L=NONE", "H=ATTACK"}
    assert "NATURAL_DISASTER" in feats["q"] and "ORG_CRIME" not in feats["q"]
    assert "ORG_CRIME" in snippet_features("Smugglers were caught with heroin.", "NONE", [])["q"]


@pytest.mark.parametrize(
    ("text", "label"),
    [  # ACLED: road-blocking with barricades or burning tyres makes a demonstration violent
        ("Farmers blocked the main highway with burning tyres.", "VIOL_DEMONSTR"),
        ("Police broke up the rally and detained dozens of students.", "PROTEST_WITH_INTER"),
        ("Several demonstrators were shot as police used excessive force.", "FORCE_AGAINST_PROTEST"),
    ],
)
def test_protest_cues_follow_acled_definitions(text: str, label: str) -> None:
    assert label in cue_labels(text) and label in plain_cue_labels(text)


def test_features_share_word_pieces_and_single_out_the_first_sentence() -> None:
    one = snippet_features("Rebels shelled the airport.", "NONE", [])
    two = snippet_features("The army was shelling rebel positions. Talks resumed later.", "NONE", [])
    assert {" she", "shel", "hell"} <= set(one["c"]) & set(two["c"])  # shelled / shelling
    assert one["c"][" reb"] == 1 and one["c"][" the"] == 1  # each distinct word once
    assert one["f"] == one["w"]  # one sentence: the first is the whole snippet
    assert "shelling" in two["f"] and "talks" not in two["f"] and "talks" in two["w"]


def test_the_lead_block_holds_the_first_words() -> None:
    text = "Government troops recaptured the hill town of Kandor on Monday after a week of fighting."
    lead = snippet_features(text, "NONE", [])["l"]
    assert LEAD_WORDS == 8 and sum(lead.values()) == LEAD_WORDS
    assert {"government", "troops", "recaptured", "kandor"} <= set(lead) and "fighting" not in lead


def test_label_families_come_from_the_data_file() -> None:
    labels = ["ARMED_CLASH", "GOV_REGAINS_TERIT", "NON_VIOL_TERRIT_TRANSFER", "PEACE_PROTEST"]
    m = family_matrix(labels)
    assert m.shape == (
        3,
        4,
    )  # the families with a member among them: Battles, Protests, Strategic developments
    assert sorted(m.sum(axis=1).tolist()) == [1.0, 1.0, 2.0]
    battles = m[m.sum(axis=1) == 2][0]
    assert battles.tolist() == [1.0, 1.0, 0.0, 0.0]


def test_family_members_share_weights() -> None:
    """Two labels of one family that share a feature get more alike weights than without the family,
    and a third label outside it is no nearer to them."""
    rng = np.random.default_rng(1)
    y = np.repeat(np.arange(3), 8)
    x = rng.normal(size=(24, 40)) * 0.3
    x[y < 2, 0] += 2.0  # the family's common feature
    x[np.arange(24), 1 + y] += 2.0  # each label's own
    fam = np.array([[1.0, 1.0, 0.0]])

    def cos(a: np.ndarray, b: np.ndarray) -> float:
        return float(a @ b / np.linalg.norm(a) / np.linalg.norm(b))

    plain, _ = fit_softmax(x, y, 3, l2=1.0, sample_weight=np.ones(24))
    shared, b = fit_softmax(x, y, 3, l2=1.0, sample_weight=np.ones(24), families=fam)
    assert ((x @ shared + b).argmax(axis=1) == y).mean() == 1.0
    assert cos(shared[:, 0], shared[:, 1]) > cos(plain[:, 0], plain[:, 1])
    assert shared[0, 0] > plain[0, 0] and shared[0, 1] > plain[0, 1]


def test_fit_softmax_separates_points_in_both_regimes() -> None:
    rng = np.random.default_rng(0)
    centres = np.eye(3) * 4
    y = np.repeat(np.arange(3), 10)
    for dims in (3, 60):  # fewer features than rows, and more (the row-space solution)
        x = rng.normal(size=(30, dims)) * 0.5
        x[:, :3] += centres[y]
        w, b = fit_softmax(x, y, 3, l2=0.1, sample_weight=np.ones(30))
        assert w.shape == (dims, 3)
        assert ((x @ w + b).argmax(axis=1) == y).mean() == 1.0


def _toy() -> tuple[list[str], list[str]]:
    texts = [
        "rebels shelled the town with mortars",
        "artillery shelled the village at dawn",
        "mortars and artillery hit the camp",
        "police arrested a man at the market",
        "police detained two men at a checkpoint",
        "officers arrested the driver and detained him",
    ]
    return texts, ["ART_MISS_ATTACK"] * 3 + ["ARREST"] * 3


def test_type_model_learns_and_round_trips() -> None:
    texts, labels = _toy()
    model = train_type_model(
        [snippet_features(t, "NONE", []) for t in texts], labels, config=TrainConfig(l2=0.1)
    )
    shelling = snippet_features("troops shelled a market with artillery", "NONE", [])
    arrest = snippet_features("police arrested a farmer", "NONE", [])
    assert model.predict(shelling) == "ART_MISS_ATTACK" and model.predict(arrest) == "ARREST"
    again = TypeModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.predict(arrest) == "ARREST"
    assert again.scores(arrest) == pytest.approx(model.scores(arrest), abs=1e-3)


def test_class_information_is_one_for_a_single_labels_feature_and_zero_for_an_even_one() -> None:
    y = np.array([0, 0, 1, 1, 2, 2])
    presence = np.zeros((6, 3))
    presence[y == 0, 0] = 1.0  # only label 0's snippets hold feature 0
    presence[:, 1] = 1.0  # every snippet holds feature 1
    presence[[0, 2], 2] = 1.0  # half of labels 0 and 1
    info = class_information(presence, y, 3, np.ones(6), smoothing=0.0)
    assert info[0] == pytest.approx(1.0) and info[1] == pytest.approx(0.0, abs=1e-12)
    assert 0.0 < info[2] < 1.0
    # a snippet counts with its weight: with label 2's snippets counted twice, feature 1 is not even
    assert class_information(presence, y, 3, np.array([1, 1, 1, 1, 2, 2.0]), 0.0)[1] > 0.0


def test_training_raises_the_idf_of_features_that_tell_labels_apart() -> None:
    texts, labels = _toy()
    samples = [snippet_features(t, "NONE", []) for t in texts]
    plain = train_type_model(samples, labels, config=TrainConfig(l2=0.1, keep=0.0))
    weighted = train_type_model(samples, labels, config=TrainConfig(l2=0.1, keep=0.0, class_information=20.0))
    # "police" is in two ARREST snippets only; "the" in five snippets of both labels
    gain = {key: weighted.idf[key] / plain.idf[key] for key in ("w:police", "w:the")}
    assert gain["w:police"] > 5.0 and 1.0 <= gain["w:the"] < 2.0
    assert weighted.predict(snippet_features("police detained a man", "NONE", [])) == "ARREST"


def test_type_model_with_embedding_needs_one() -> None:
    texts, labels = _toy()
    vectors = [[1.0, 0.0] if lab == "ARREST" else [0.0, 1.0] for lab in labels]
    model = train_type_model([snippet_features(t, "NONE", []) for t in texts], labels, vectors)
    feats = snippet_features("nothing in common", "NONE", [])
    assert model.predict(feats, [1.0, 0.0]) == "ARREST"
    assert model.predict(feats, [0.0, 1.0]) == "ART_MISS_ATTACK"
    with pytest.raises(ValueError, match="embedding"):
        model.predict(feats)


def test_cross_validation_holds_out_every_snippet_once() -> None:
    texts, labels = _toy()
    samples = [snippet_features(t, "NONE", []) for t in texts]
    predicted = cross_validate(samples, labels, folds=3)
    assert len(predicted) == 6 and set(predicted) <= set(labels)


def test_packaged_model_types_written_snippets() -> None:
    typer = SnippetTyper()
    assert typer("A suicide bomber blew himself up outside the ministry, killing nine.") == "SUIC_BOMB"
    assert typer("Police fired tear gas to disperse hundreds of marching students.") == "PROTEST_WITH_INTER"
    # a label outside ACLED's list, which the lexicon cannot give
    assert typer("A strong earthquake and aftershocks flattened houses in the hills.") == "NATURAL_DISASTER"
    assert typer.label_many(["Gunmen kidnapped a priest on the road."]) == ["ABDUCT_DISSAP"]


def test_rare_capitalised_names_are_masked_and_words_and_actors_kept() -> None:
    text = "Rebels shelled Qaryat Zubaydah, near Aleppo, on Monday; Houthi fighters denied it."
    # "Rebels" and "Monday" are words, "Aleppo" one piece of the encoder's vocabulary, Houthi an actor
    assert (
        mask_names(text) == "Rebels shelled xxname xxname, near Aleppo, on Monday; Houthi fighters denied it."
    )
    assert static_text(text) == "Rebels shelled  , near Aleppo, on Monday; Houthi fighters denied it."
    assert mask_names("Kfar Nabudah's market was hit.") == "xxname xxname market was hit."
    assert mask_names("troops shelled the hamlet") == "troops shelled the hamlet"
    masked = snippet_features("Troops shelled Kfar Nabudah at dawn.", "NONE", [], mask=True)
    assert masked["w"]["xxname"] == 2 and "kfar" not in masked["w"]
    assert "kfar" in snippet_features("Troops shelled Kfar Nabudah at dawn.", "NONE", [])["w"]


def test_the_packaged_typer_reads_two_unknown_places_alike() -> None:
    """CASE swapped its snippets' place names for others: the shipped model reads an unknown place
    as a name, not by its letters, in the typer and the retyper alike."""
    model = packaged_model()
    assert model.mask_names
    typer = SnippetTyper()
    one = "Troops shelled the village of Qaryat Zubaydah overnight, killing four civilians."
    two = "Troops shelled the village of Kfar Nabudah overnight, killing four civilians."
    vectors = typer.encoder([static_text(one), static_text(two)]) if typer.encoder else [None, None]
    assert typer.features(one) == typer.features(two)
    assert model.scores(typer.features(one), vectors[0]) == model.scores(typer.features(two), vectors[1])
    retyper = EventRetyper()
    assert retyper.vector(one) == retyper.vector(two)
    assert retyper.verdicts([(one, "Shelling/artillery/missile attack", [])]) == retyper.verdicts(
        [(two, "Shelling/artillery/missile attack", [])]
    )


def test_prototype_examples_cover_every_label_of_the_model() -> None:
    labels = {lab for _, lab in prototype_examples()}
    assert labels == set(packaged_model().labels)


def test_eval_types_command_scores_the_non_acled_label() -> None:
    result = CliRunner().invoke(cli, ["eval", "types", str(TYPES), "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output)
    assert metrics["per_label"]["NATURAL_DISASTER"]["recall"] == 1.0 and metrics["in_sample"] is False


@pytest.mark.skipif(embeddings_available(), reason="the embeddings extra is installed here")
def test_embeddings_without_the_extra_say_how_to_install_it() -> None:
    with pytest.raises(MissingExtraError, match="embeddings"):
        SentenceEncoder()
    result = CliRunner().invoke(cli, ["eval", "types", str(TYPES), "--embeddings"])
    assert result.exit_code != 0 and "pip install" in result.output


def test_embeddings_with_the_lexicon_method_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["eval", "types", str(TYPES), "--method", "lexicon", "--embeddings"])
    assert result.exit_code == 2 and "--embeddings" in result.output


@pytest.mark.skipif(not CASE_DEV.exists(), reason="the CASE dev file is not beside the checkout")
def test_shipped_models_know_their_training_corpus() -> None:
    assert trained_on(CASE_DEV, MODEL_FILE) and trained_on(CASE_DEV, EMBEDDING_MODEL_FILE)
    assert not trained_on(TYPES, MODEL_FILE)
    assert len(packaged_model(True).embedding) == 384 and packaged_model(True).encoder == "all-MiniLM-L6-v2"
    # the light model's embedding is the static piece vectors' (numpy only)
    assert len(packaged_model().embedding) == 128 and packaged_model().encoder == STATIC_ENCODER


@pytest.mark.skipif(not embeddings_available(), reason="the optional embeddings extra is not installed")
def test_embedding_typer_types_written_snippets() -> None:
    typer = SnippetTyper(embeddings=True)
    assert typer.label_many(
        ["Warplanes bombed a rebel-held town at dawn.", "Floods swept away a bridge after heavy rain."]
    ) == ["AIR_STRIKE", "NATURAL_DISASTER"]


def _types(extractor: EventExtractor, text: str) -> list[str]:
    doc = Document(id="x", text=text)
    return [ev.sub_event_type for s, e in sentences(text) for ev in extractor.sentence_events(doc, s, e)]


@pytest.mark.parametrize(
    ("text", "rules", "retyped"),
    [
        (
            "The rebels signed a ceasefire with the government after weeks of fighting.",
            "Armed clash",
            "Agreement",
        ),
        # (attacks "planned" are no event for the rules since this version: a suspicion of attacks done is)
        ("The army said it had arrested three men suspected of carrying out attacks.", "Attack", "Arrests"),
    ],
)
def test_the_classifier_overrules_the_trigger_rules_when_sure(text: str, rules: str, retyped: str) -> None:
    assert _types(EventExtractor(retyper=None), text) == [rules]
    assert _types(EventExtractor(), text) == [retyped]


def test_an_unsure_classifier_keeps_the_rules_type() -> None:
    text = "The rebels signed a ceasefire with the government after weeks of fighting."
    assert _types(EventExtractor(retyper=EventRetyper(min_probability=0.999)), text) == ["Armed clash"]


def test_a_sub_type_of_the_rules_event_type_needs_less_certainty_than_another_event_type() -> None:
    sentence = "Riot police fired tear gas and water cannon to disperse the protesters and detained ten."
    strict = EventRetyper(min_probability=0.999, same_type_min_probability=None)
    within = EventRetyper(min_probability=0.999, same_type_min_probability=0.0)
    assert strict.same_type_min_probability == 0.999 and within.same_type_min_probability == 0.0
    assert strict(sentence, "Peaceful protest", ["Peaceful protest"]) is None
    assert within(sentence, "Peaceful protest", ["Peaceful protest"]) == "Protest with intervention"
    # never another event type below min_probability: at most another sub-type of Battles
    verdict = within(sentence, "Armed clash", ["Armed clash"])
    assert verdict is None or within.event_type[verdict] == "Battles"
    # Strategic developments hold unrelated sub-types: seized men are no seized weapons unless sure
    seized = "Soldiers seized a rebel commander and two of his guards."
    assert within(seized, "Arrests", ["Arrests"]) in {None, "Arrests"}


def test_retyping_reads_the_sentence_of_one_event_and_the_clause_of_each_of_several() -> None:
    asked: list[str] = []

    def spy(sentence: str, sub: str, triggers: Sequence[str]) -> str | None:
        asked.append(sentence)
        return None if sub == "Peaceful protest" else "Armed clash"

    one = "Troops arrested a man in the village."
    two = "Rebels shelled the town on Monday, and two days later protesters marched in the capital."
    assert _types(EventExtractor(retyper=spy), one) == ["Armed clash"] and asked == [one]
    asked.clear()
    assert _types(EventExtractor(retyper=spy), two) == ["Armed clash", "Peaceful protest"]
    assert asked == ["Rebels shelled the town on Monday", "two days later protesters marched in the capital."]


@pytest.mark.parametrize(
    "text",
    [
        "The earthquake killed 30 people in the province on Monday.",
        "A fire at a garment factory killed 12 workers.",
    ],
)
def test_a_disaster_is_not_a_conflict_event(text: str) -> None:
    assert _types(EventExtractor(retyper=None), text) == ["Attack"]  # the rules see only 'killed'
    assert _types(EventExtractor(), text) == []


def test_a_killing_by_gunmen_stays_an_attack() -> None:
    assert _types(EventExtractor(), "Gunmen killed five villagers in an overnight raid.") == ["Attack"]


def _student_texts() -> tuple[list[str], list[str]]:
    """Unlabelled texts for distillation: words the gold toy snippets never use."""
    return [
        "howitzers pounded the hamlet overnight",
        "howitzers pounded a hamlet near the river",
        "constables handcuffed a smuggler downtown",
        "constables handcuffed two smugglers downtown",
    ], ["ART_MISS_ATTACK"] * 2 + ["ARREST"] * 2


def test_distilled_student_learns_the_teachers_labels_of_unlabelled_words() -> None:
    texts, labels = _toy()
    gold = [snippet_features(t, "NONE", []) for t in texts]
    pool_texts, teacher_says = _student_texts()
    pool = [snippet_features(t, "NONE", []) for t in pool_texts]
    names = sorted(set(labels))
    targets = np.array([[0.9, 0.1] if names[0] == lab else [0.1, 0.9] for lab in teacher_says])
    student = train_type_model(gold, labels, soft=SoftLabelled(pool, targets, 1.0))
    plain = train_type_model(gold, labels)
    # the pool's words joined the vocabulary, with the teacher's labels
    assert "w:howitzers" in student.idf and "w:howitzers" not in plain.idf
    assert student.predict(snippet_features("howitzers pounded it", "NONE", [])) == "ART_MISS_ATTACK"
    assert student.predict(snippet_features("constables handcuffed her", "NONE", [])) == "ARREST"
    # kept out of the vocabulary, the texts still weigh on the gold words they share
    narrow = train_type_model(gold, labels, soft=SoftLabelled(pool, targets, 1.0, vocabulary=False))
    assert "w:howitzers" not in narrow.idf
    with pytest.raises(ValueError, match="target distribution"):
        train_type_model(gold, labels, soft=SoftLabelled(pool, targets[:, :1], 1.0))


def test_sparse_soft_fit_is_the_dense_fit_for_one_hot_targets() -> None:
    rng = np.random.default_rng(0)
    x = rng.random((12, 40)) * (rng.random((12, 40)) < 0.2)
    y = np.arange(12) % 3
    weight = np.linspace(0.5, 1.5, 12)
    dense_w, dense_b = fit_softmax(x, y, 3, l2=0.05, sample_weight=weight, families=None)
    rows = [(np.flatnonzero(r), r[np.flatnonzero(r)]) for r in x]
    sparse_w, sparse_b = _sparse_fit(rows, 40, np.eye(3)[y], l2=0.05, sample_weight=weight, families=None)
    assert np.allclose(dense_w, sparse_w, atol=1e-8) and np.allclose(dense_b, sparse_b, atol=1e-8)


def test_distil_targets_takes_the_teachers_surest_texts() -> None:
    texts, labels = _toy()
    teacher = train_type_model([snippet_features(t, "NONE", []) for t in texts], labels)
    pool_texts = ["rebels shelled the camp with mortars", "police arrested a man", "a quiet day"]
    pool = [snippet_features(t, "NONE", []) for t in pool_texts]
    probs = teacher_probabilities(teacher, pool)
    assert np.allclose(probs.sum(axis=1), 1.0)
    assert [teacher.labels[k] for k in probs[:2].argmax(axis=1)] == ["ART_MISS_ATTACK", "ARREST"]
    sure = distil_targets(teacher, pool, None, Distillation(weight=0.2, min_confidence=0.0, cap=2))
    assert len(sure.samples) == 2 and sure.weight == 0.2 and probs[2].max() < probs[:2].max(axis=1).min()
    hard = distil_targets(teacher, pool, None, Distillation(min_confidence=0.0, cap=3, hard=True))
    assert set(hard.targets.ravel()) == {0.0, 1.0} and hard.targets.sum() == 3
    assert not distil_targets(teacher, pool, None, Distillation(min_confidence=1.01)).samples


def test_cross_validation_trains_students_on_each_folds_soft_texts() -> None:
    texts, labels = _toy()
    samples = [snippet_features(t, "NONE", []) for t in texts]
    pool_texts, teacher_says = _student_texts()
    pool = [snippet_features(t, "NONE", []) for t in pool_texts]
    seen: list[tuple[int, ...]] = []

    def soft(train: Sequence[int]) -> SoftLabelled:
        seen.append(tuple(sorted(train)))
        return SoftLabelled(pool, np.eye(2)[[sorted(set(labels)).index(x) for x in teacher_says]], 0.5)

    predicted = cross_validate(samples, labels, folds=3, soft=soft)
    assert len(predicted) == 6 and set(predicted) <= set(labels)
    assert len(seen) == 3 and all(len(train) == 4 for train in seen)


def test_read_unlabelled_reads_json_lines_and_xml_articles(tmp_path: Path) -> None:
    lines = tmp_path / "texts.jsonl"
    lines.write_text('{"text": "Rebels shelled the town."}\n\n{"text": "Rebels shelled the town."}\n')
    articles = tmp_path / "articles.xml"
    articles.write_text(
        "<articles><article><text>Police arrested a man. He was freed later.</text></article></articles>"
    )
    assert read_unlabelled([lines, articles]) == [
        "Rebels shelled the town.",
        "Police arrested a man.",
        "He was freed later.",
    ]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"words": 1}\n')
    with pytest.raises(GoldFormatError, match=r"bad\.jsonl:1"):
        read_unlabelled([bad])


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aZbY d'’-_1Éé Ḩñ.,Ωω'O", max_size=40))
def test_the_capital_word_scan_finds_the_same_capitalised_words(text: str) -> None:
    """``mask_names`` scans only words that do not open in lower-case ASCII: the same capitalised words
    (and spans) as every word of ``_NAME_WORD`` filtered by its first letter."""
    from geo.event_types import _CAPITAL_WORD, _NAME_WORD

    every = [m.span() for m in _NAME_WORD.finditer(text) if m.group()[0].isupper()]
    assert [m.span() for m in _CAPITAL_WORD.finditer(text) if m.group()[0].isupper()] == every
    # the pattern opening with its class finds what the one opening with its lookbehinds found
    written = re.compile(r"(?<![^\W\d_])(?<![^\W\d_]['’])[^\W\d_a-z][^\W\d_]*(?:['’][^\W\d_]+)*")
    for pos in (0, 1, 3):
        found = [m.span() for m in _CAPITAL_WORD.finditer(text, pos)]
        assert found == [m.span() for m in written.finditer(text, pos)]
