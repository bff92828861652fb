"""The model speed-ups change no answer: one cue regex per label, the type model's table-driven
scores, memoised spelling variants, the link model's usable-places-first gate, and an
order-independent link probability."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from geo.dates import find_dates
from geo.event_types import (
    MIXED_EVENT_TYPES,
    EventRetyper,
    TypeModel,
    cue_labels,
    packaged_model,
    plain_cue_labels,
    prototype_examples,
    snippet_features,
)
from geo.events import EventExtractor
from geo.gazetteer import Gazetteer
from geo.link_model import (
    LinkModel,
    _bucket,
    _context_slots,
    _contexts,
    _plain_bucket,
    _weight_vector,
    _window_term,
    candidate_features,
    known_candidates,
    link_features,
    packaged_link_model,
    verb_word,
    with_unknown_names,
)
from geo.linking import _model_choice, _model_scores
from geo.names import plain_spelling_variants, spelling_variants
from geo.pipeline import Pipeline
from geo.records import Document, Event
from geo.resolve import _POP_REL, Resolver, Weights, _context_reach, _Focus
from geo.toponyms import MATCH_CODES, NON_PLACE, ToponymRecognizer

# Cue words, their near misses and the characters around a word start/end, for generated texts.
FRAGMENTS = [
    "floods ",
    "flooding",
    "shelling ",
    "shell",
    "-",
    "_",
    "x",
    "é",
    "2",
    " ",
    ", ",
    "ſ",
    "İ",
    "arrested ",
    "police said ",
    "heat wave ",
    "heatwave ",
    "gas leak ",
    "ROBBERY ",
    "kidnapped",
    "suicide bomber ",
    "clashes ",
    "the ",
    "in ",
    "killed ",
    "mob ",
    "United Nations ",
    "tornadoes ",
    "Sanctions ",
]
texts = st.lists(st.sampled_from(FRAGMENTS), max_size=16).map("".join)
LABELS = sorted({label for _, label in prototype_examples()})


@settings(max_examples=400, deadline=None)
@given(texts)
def test_cue_labels_equal_the_cue_by_cue_search(text: str) -> None:
    assert cue_labels(text) == plain_cue_labels(text)


def _light() -> TypeModel:
    """The packaged type model's TF-IDF part (its static vector's part is tested in test_static_vectors)."""
    model = packaged_model()
    return dataclasses.replace(model, embedding=(), embedding_scale=0.0) if model.embedding else model


def test_cue_labels_on_the_hand_written_examples() -> None:
    for text, _ in prototype_examples():
        assert cue_labels(text) == plain_cue_labels(text)
    assert cue_labels("Pre-floods and floods_x") == plain_cue_labels("Pre-floods and floods_x") == []


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from(LABELS), st.lists(st.sampled_from(LABELS), max_size=3))
def test_type_scores_are_the_plain_computations_floats(text: str, label: str, hits: list[str]) -> None:
    model = _light()
    feats = snippet_features(text, label, sorted(set(hits)))
    assert model.scores(feats) == model.plain_scores(feats)


def test_type_scores_on_the_hand_written_examples() -> None:
    model = _light()
    for text, label in prototype_examples():
        feats = snippet_features(text + " " + text, label, [label])
        assert model.scores(feats) == model.plain_scores(feats)


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from(LABELS), st.lists(st.sampled_from(LABELS), max_size=3))
def test_snippet_scores_are_the_scores_of_the_features(text: str, label: str, hits: list[str]) -> None:
    model = _light()
    hits = sorted(set(hits))
    feats = snippet_features(text, label, hits, mask=model.mask_names)
    assert model.snippet_scores(text, label, hits) == model.scores(feats)


def test_snippet_scores_on_the_hand_written_examples() -> None:
    """Repeated words and pieces (counts above 1), several sentences, word pairs, and no words at all."""
    model = _light()
    for text, label in [*prototype_examples(), ("", "NONE"), ("... !", "NONE")]:
        for said in (text, f"{text} {text}", f"{text}. Talks resumed later in the capital."):
            expected = model.scores(snippet_features(said, label, [label], mask=model.mask_names))
            assert model.snippet_scores(said, label, [label]) == expected


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(texts, st.sampled_from(LABELS), st.lists(st.sampled_from(LABELS), max_size=3)), max_size=6
    )
)
def test_snippet_scores_of_many_snippets_are_each_ones(snippets: list[tuple[str, str, list[str]]]) -> None:
    """Scored together (a document's events), each snippet gets the floats of its own features."""
    model = _light()
    snippets = [(text, label, sorted(set(hits))) for text, label, hits in snippets]
    expected = [model.scores(snippet_features(*snippet, mask=model.mask_names)) for snippet in snippets]
    assert model.snippet_scores_many(snippets) == expected


def test_snippet_scores_of_all_hand_written_examples_together() -> None:
    model = _light()
    snippets = [(t, label, [label]) for text, label in prototype_examples() for t in (text, f"{text} {text}")]
    snippets += [("", "NONE", []), ("... !", "NONE", [])]
    expected = [model.scores(snippet_features(*snippet, mask=model.mask_names)) for snippet in snippets]
    assert model.snippet_scores_many(snippets) == expected


def test_a_documents_events_are_those_retyped_one_by_one() -> None:
    """The extractor asks the retyper about all of a document's events at once; a retyper that
    answers one event at a time gives the same events."""
    retyper = EventRetyper()
    batched = EventExtractor(retyper=retyper)
    one_by_one = EventExtractor(retyper=lambda *request: retyper(*request))
    text = (
        "Gunmen stormed a village on Tuesday, killing 12 people and burning homes. "
        "The earthquake killed 30 people in the mountains. "
        "Police fired tear gas at protesters who threw stones, and troops recaptured the town from rebels. "
        "Militants launched rockets at the base, some of which were intercepted."
    )
    for doc in (Document(id="d", text=text, date=dt.date(2024, 5, 2)), Document(id="e", text="")):
        assert batched(doc).events == one_by_one(doc).events
    assert batched(Document(id="d", text=text)).events  # the text holds events


def _vocabulary_sample(block: str) -> list[str]:
    """A few features of ``block`` the packaged type model knows (and so has a row for)."""
    prefix = f"{block}:"
    return sorted(k[len(prefix) :] for k in packaged_model().idf if k.startswith(prefix))[:40]


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["w", "s", "c", "f", "h", "q"]),
        st.lists(st.tuples(st.integers(0, 39), st.integers(1, 4), st.booleans()), max_size=12),
    )
)
def test_type_scores_on_any_counts_of_known_and_unknown_features(
    blocks: dict[str, list[tuple[int, int, bool]]],
) -> None:
    """Blocks of counts 1 only, of higher counts, of features outside the vocabulary only, and empty."""
    model = _light()
    feats = {}
    for block, items in blocks.items():
        known = _vocabulary_sample(block)
        counts: Counter[str] = Counter()
        for k, count, unknown in items:
            feature = f"never-seen-{k}" if unknown or not known else known[k % len(known)]
            counts[feature] += count
        feats[block] = counts
    assert model.scores(feats) == model.plain_scores(feats)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_gate_window_term_is_the_plain_computations_float(text: str) -> None:
    import numpy as np

    from geo.static_vectors import packaged_vectors

    gate = packaged_link_model().gate
    assert gate is not None and gate.window > 0
    start = len(gate.dense) - packaged_vectors().dim
    vectors = packaged_vectors()
    ids = vectors.pieces(text)
    plain = 0.0
    if ids:
        total = vectors.vectors[ids].sum(axis=0, dtype=np.float64)
        norm = float(np.linalg.norm(total))
        plain = float(total @ np.array(gate.dense[start:])) / norm if norm > 0 else 0.0
    assert _window_term(text, _weight_vector(gate.dense, start)) == plain


def test_link_buckets_are_the_plain_ones() -> None:
    assert [_bucket(n) for n in range(200)] == [_plain_bucket(n) for n in range(200)]


def test_context_reach_is_the_plain_sum() -> None:
    weights = Weights.load().vector  # the shipped resolver's, every split into base and context weights
    for n_base in range(len(weights)):
        ctx_w = weights[n_base:]
        plain = sum(w for k, w in enumerate(ctx_w) if w > 0 and k != _POP_REL) + 1.0
        assert _context_reach(ctx_w) == plain


def _plain_retype(retyper: EventRetyper, sentence: str, rules: str, triggers: list[str]) -> str | None:
    feats = snippet_features(
        sentence,
        retyper.case[rules],
        sorted({retyper.case[t] for t in triggers}),
        mask=retyper.model.mask_names,
    )
    scores = retyper.model.plain_scores(feats, retyper.vector(sentence))
    top = max(scores)
    total = sum(math.exp(x - top) for x in scores)
    best = max(range(len(scores)), key=scores.__getitem__)
    label = retyper.model.labels[best]
    acled = retyper.acled.get(label)
    kind = retyper.event_type[rules]
    same = acled is not None and retyper.event_type[acled] == kind and kind not in MIXED_EVENT_TYPES
    if 1.0 / total < (retyper.same_type_min_probability if same else retyper.min_probability):
        return None
    return "" if label in retyper.not_conflict else acled


@settings(max_examples=200, deadline=None)
@given(texts)
def test_retyper_answers_as_with_the_softmax_always_computed(text: str) -> None:
    retyper = EventRetyper()
    for rules in ("Armed clash", "Shelling/artillery/missile attack", "Arrests"):
        if rules in retyper.case:
            assert retyper(text, rules, [rules]) == _plain_retype(retyper, text, rules, [rules])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["deir", "ezzor", "falluja", "al", "tartous", "raqqa", "x", "miskeen"]), max_size=3
    )
)
def test_memoised_spelling_variants(words: list[str]) -> None:
    key = " ".join(words)
    first = spelling_variants(key)
    assert first == plain_spelling_variants(key)
    first.append("mutated")  # a caller's list is its own: the memo is not changed
    assert spelling_variants(key) == plain_spelling_variants(key)


# ---------------------------------------------------------------- link model

SENTENCES = [
    "Gunmen killed three villagers in Kandahar on Monday, officials in Kabul said.",
    "Fighting broke out near Herat and in Farah province as Taliban fighters attacked a post.",
    "Police arrested two men in Baghdad after a car bomb exploded in Mosul.",
    "A suicide bomber struck a market in Peshawar, Pakistan, killing 12 people, Reuters reported.",
    "Shelling hit the town of Idlib while John Smith spoke in London about Aleppo.",
    "Protesters clashed with police in Nairobi and Mombasa.",
    "Syrian jets bombed Maarat al-Numan, Saraqeb and Ariha, killing five.",
]


def test_nearest_dots_of_all_candidates_are_each_ones(gazetteer: Gazetteer) -> None:
    recogniser, resolver = ToponymRecognizer(gazetteer), Resolver(gazetteer)
    text = " ".join(SENTENCES) + " Troops moved from Aleppo to Homs, Hama, Raqqa, Kandahar and Kabul."
    slots = resolver.score_document(text, recogniser.find(text))
    focus = _Focus.of(slots, resolver.weights)
    assert focus.dots and sum(len(d or []) for d in focus.dots) > 20
    for i, (slot, dots) in enumerate(zip(slots, focus.dots, strict=True)):
        assert dots is not None and len(dots) == len(slot.candidates)
        for cand, dot in zip(slot.candidates, dots, strict=True):
            assert dot == focus._best_dot(focus.group_of[i], cand.place.lat, cand.place.lon)
        for k, cand in enumerate(slot.candidates):
            assert focus.terms(i, cand.place, k) == focus.terms(i, cand.place)


def test_candidate_features_of_some_are_those_of_all() -> None:
    text = SENTENCES[1]
    verb = (text.index("attacked"), text.index("attacked") + len("attacked"))
    cands = with_unknown_names(text, verb, [])
    assert len(cands) >= 3
    full = candidate_features(text, verb, cands, [verb])
    for only in ({0}, {1, 2}, set(range(len(cands)))):
        part = candidate_features(text, verb, cands, [verb], only)
        assert [part[i] for i in sorted(only)] == [full[i] for i in sorted(only)]
        assert all(not part[i] for i in range(len(cands)) if i not in only)
    assert list(_context_slots(text, tuple(cands))) == list(_contexts(text, tuple(cands)))


def _plain_scores(doc: Document, event: Event, model: LinkModel) -> tuple | None:
    """Every candidate name's probability (the second stage's, which sees them all), or None where the
    record gate says the verb has no place: the full model, without the shortcut."""
    s, e = event.sentence_span
    sentence = doc.text[s:e]
    verb = (event.trigger[0] - s, event.trigger[1] - s)
    in_sentence = [rp for rp in doc.places if s <= rp.mention.start < e]
    names = [rp for rp in in_sentence if rp.mention.kind == "name"]
    by_span = {(rp.mention.start - s, rp.mention.end - s): rp for rp in names}
    cands = with_unknown_names(sentence, verb, known_candidates(in_sentence, s))
    verb = verb_word(sentence, verb, model)  # "drones struck": read by "struck", as the linker reads it
    feats = link_features(sentence, verb, cands, [])
    probs = model.scores(sentence, cands, feats)
    if not model.keeps_any(sentence, verb, feats, probs):
        return None
    return model, by_span, cands, probs


def test_link_gate_chooses_as_the_full_model(gazetteer: Gazetteer) -> None:
    pipeline = Pipeline.default(gazetteer.path)
    model = packaged_link_model()
    seen = gated_out = 0
    for i, text in enumerate(SENTENCES):
        doc = Document(f"d{i}", text, date=dt.date(2001, 11, 20))
        for _, component in pipeline.components[:-1]:
            doc = component(doc)
        for event in doc.events:
            for places in ([rp for rp in doc.places if rp.place is not None], [], list(doc.places)[:1]):
                gated = _model_scores(doc, event, [], model, places)
                full = _plain_scores(doc, event, model)
                plain = [] if full is None else _model_choice(doc, event, places, full, places)
                if gated is None:
                    gated_out += 1
                    assert plain == []
                else:
                    assert full is not None and gated[3] == full[3]
                    assert _model_choice(doc, event, places, gated, places) == plain
                seen += 1
    assert seen >= 15 and gated_out >= 1


def test_link_probability_does_not_depend_on_the_hash_seed() -> None:
    model = packaged_link_model()
    feats = {f for f in sorted(model.weights)[:40]}
    exact = model.bias + math.fsum(model.weights[f] for f in feats) / math.sqrt(len(feats))
    assert model.probability(feats) == 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, exact))))
    code = (
        "from geo.link_model import packaged_link_model as p; m = p(); "
        "print(repr(m.probability(set(sorted(m.weights)[:40]))))"
    )
    root = Path(__file__).resolve().parents[1]
    outs = set()
    for seed in ("1", "2", "3", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        run = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        outs.add(run.stdout)
    assert len(outs) == 1


def test_a_long_s_weekday_is_a_date() -> None:
    pub = dt.date(2001, 11, 20)  # a Tuesday
    found = find_dates("Shelling resumed on ſunday.", pub)
    assert [(g.date, g.date_end) for g in found] == [(dt.date(2001, 11, 18), dt.date(2001, 11, 18))]


def _plain_variant(recognizer: ToponymRecognizer, key: str) -> str | None:
    for variant in plain_spelling_variants(key):
        code = recognizer.index.code(variant)
        if 0 <= code < NON_PLACE and code != MATCH_CODES["demonym"]:
            return variant
    return None


def test_memoised_variant_names_are_the_plain_search(gazetteer: Gazetteer) -> None:
    recognizer = ToponymRecognizer(gazetteer)
    keys = ["deir ezzor", "falluja", "qamishli", "tartous", "raqqa", "miskeen", "zzzz", "deir", "hasakeh"]
    for _ in range(2):  # the second round answers from the memo
        assert [recognizer._variant_of(k) for k in keys] == [_plain_variant(recognizer, k) for k in keys]
    assert any(recognizer._variant_of(k) for k in keys)
    text = "Shelling hit Deir Ezzor and Falluja on Monday. Later Deir Ezzor was calm."
    fresh = ToponymRecognizer(gazetteer)
    assert recognizer.find(text) == fresh.find(text) == recognizer.find(text)


@settings(deadline=None)
@given(st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0", min_size=1, max_size=9), max_size=20))
def test_a_words_stem_row_is_its_five_letters_row(words: list[str]) -> None:
    """The ``s`` block's memo of a word's row (``_StemRows``) gives the row of its first five letters, 0
    outside the vocabulary, asked once or again."""
    model = _light()
    table = model._tables["s"]
    known = list(table)[:20]
    for word in [*words, *known, *(w + "xyz" for w in known)]:
        assert model._stem_rows[word] == table.get(word[:5], 0)
        assert model._stem_rows[word] == table.get(word[:5], 0)
