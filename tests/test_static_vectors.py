"""Static piece vectors (geo.static_vectors) and their build steps (geo.evaluation.static_vectors)."""

from __future__ import annotations

import dataclasses
import random
import string

import numpy as np
import pytest

from geo.evaluation.static_vectors import pca, quantize, ridge_to_sentences, write_npz, zipf_weights
from geo.event_types import STATIC_ENCODER, EventRetyper, SnippetTyper, TypeModel
from geo.static_vectors import StaticVectors, StaticVectorsError, basic_words, plain_basic_words

PIECES = ["[PAD]", "[UNK]", "the", "army", "shell", "##ed", "##ing", "village", "march", "##ers", ",", "e"]


def _vectors(dim: int = 4, seed: int = 0) -> StaticVectors:
    rng = np.random.default_rng(seed)
    return StaticVectors(PIECES, rng.normal(size=(len(PIECES), dim)))


def test_basic_words_split_punctuation_lower_case_and_strip_accents() -> None:
    assert basic_words("The Army's shelling, near Séléa!") == [
        "the", "army", "'", "s", "shelling", ",", "near", "selea", "!",
    ]  # fmt: skip
    assert basic_words("tab\tand\x0bjoined") == ["tab", "andjoined"]
    assert basic_words("“Quoted” 北京") == ["“", "quoted", "”", "北", "京"]


def test_regex_fast_paths_are_the_plain_tokenizer() -> None:
    """ASCII text, and text whose other characters are accents and typographic punctuation, go
    through regexes; anything else character by character: the same words."""
    rng = random.Random(7)
    alphabet = [chr(i) for i in range(128)] + list("éÈüñçß’‘“”–—…\u0301\u00a0\u200bİø中")
    for _ in range(5000):
        mixed = rng.random() < 0.5
        text = "".join(
            rng.choice(alphabet if mixed else string.ascii_letters + " .,-'’“”é")
            for _ in range(rng.randint(0, 30))
        )
        assert basic_words(text) == plain_basic_words(text), repr(text)


def test_word_pieces_take_the_longest_piece_first() -> None:
    vec = _vectors()
    assert [PIECES[i] for i in vec.pieces("The army shelled the village")] == [
        "the", "army", "shell", "##ed", "the", "village",
    ]  # fmt: skip
    assert [PIECES[i] for i in vec.pieces("marchers, marching")] == [
        "march", "##ers", ",", "march", "##ing",
    ]  # fmt: skip
    # a word that cannot be cut whole is left out, not cut in part
    assert list(vec.pieces("shellfish")) == []


def test_snippet_vector_is_the_unit_mean_of_its_pieces() -> None:
    vec = _vectors()
    expected = vec.vectors[[PIECES.index("army"), PIECES.index("shell"), PIECES.index("##ed")]].sum(axis=0)
    got = vec.vector("Army shelled")
    assert np.allclose(got, expected / np.linalg.norm(expected))
    assert vec("qwxz") == [0.0, 0.0, 0.0, 0.0]
    assert vec.many(["Army shelled", "village"])[0] == pytest.approx(list(got))


def test_pooled_vectors_are_unit_parts_times_their_weights() -> None:
    vec = _vectors()
    rows = vec.vectors[[PIECES.index(p) for p in ("the", "army", "shell", "##ed", "the", "village")]]
    first = vec.vectors[[PIECES.index(p) for p in ("the", "army", "shell", "##ed")]].sum(axis=0)
    text = "The army shelled. The village."
    got = np.array(vec.pooled(text, (("mean", 1.0), ("first", 0.5), ("max", 0.7), ("min", 2.0))))
    parts = got.reshape(4, vec.dim)
    unit = [rows.sum(axis=0), first, rows.max(axis=0), rows.min(axis=0)]
    for part, want, weight in zip(parts, unit, (1.0, 0.5, 0.7, 2.0), strict=True):
        assert np.allclose(part, weight * want / np.linalg.norm(want))
    # the mean alone is the snippet vector; one sentence is its own first sentence
    assert vec.pooled(text) == vec(text)
    one = vec.pooled("the army shelled the village", (("mean", 1.0), ("first", 1.0)))
    assert one[: vec.dim] == one[vec.dim :]
    assert vec.pooled("qwxz", (("mean", 1.0), ("max", 1.0))) == [0.0] * (2 * vec.dim)
    assert vec.pooled_many([text, "village"], (("max", 1.0),))[0] == pytest.approx(list(parts[2] / 0.7))
    with pytest.raises(ValueError):
        vec.pooled(text, (("median", 1.0),))


def test_a_pooled_model_takes_its_pooling_in_the_typer_and_the_retyper() -> None:
    """A model trained on pooled vectors reads them pooled the same way (the pooling in its file)."""
    vec = _vectors(dim=2, seed=1)
    pooling = (("mean", 1.0), ("max", 0.7))
    weights = ((0.0, 0.0),) * 2 + ((3.0, -3.0), (0.0, 0.0))  # the max's first dimension
    model = TypeModel(
        ("ATTACK", "PEACE_PROTEST"), (0.0, 0.0), {"w": 1.0}, {}, {}, weights, 1.0, STATIC_ENCODER, pooling
    )
    again = TypeModel.from_json(model.to_json())
    assert again.pooling == pooling and again.embedding == model.embedding
    texts = ["the army shelled the village", "marchers marching"]
    maxima = [vec.pooled(t, (("max", 1.0),))[0] for t in texts]
    want = ["ATTACK" if m > 0 else "PEACE_PROTEST" for m in maxima]
    assert SnippetTyper(model=model, vectors=vec).label_many(texts) == want
    assert EventRetyper(model, vectors=vec).vector(texts[0]) == vec.pooled(texts[0], pooling)
    with pytest.raises(ValueError):  # a model of two pooled parts needs vectors of half its width
        SnippetTyper(model=model, vectors=_vectors(dim=4))


def test_npz_round_trip_keeps_pieces_and_quantised_vectors(tmp_path) -> None:
    rng = np.random.default_rng(3)
    raw = rng.normal(size=(len(PIECES), 6))
    codes, scale = quantize(raw)
    assert codes.dtype == np.int8 and np.abs(codes).max() == 127
    assert np.abs(codes * scale - raw).max() <= scale.max() / 2 + 1e-9
    path = tmp_path / "v.npz"
    write_npz(path, PIECES, codes, scale, {"model": "made up", "dims": 6})
    vec = StaticVectors.from_npz(path.read_bytes())
    assert vec.provenance == {"model": "made up", "dims": 6}
    assert vec.index["village"] == PIECES.index("village")
    assert np.allclose(vec.vectors, codes.astype(np.float64) * scale.astype(np.float64))
    with pytest.raises(StaticVectorsError):
        StaticVectors.from_npz(b"not a file")


def test_zipf_weights_give_frequent_pieces_little_weight() -> None:
    w = zipf_weights(30000, 1e-4)
    assert w[0] < 0.05 < 0.9 < w[-1] < 1.0
    assert np.all(np.diff(w) > 0)


def test_pca_keeps_the_leading_axis() -> None:
    rng = np.random.default_rng(1)
    axis = np.array([3.0, 4.0, 0.0]) / 5.0
    x = rng.normal(size=(400, 1)) * 10 * axis + rng.normal(size=(400, 3)) * 0.1
    reduced = pca(x, 1)
    assert reduced.shape == (400, 1)
    centred = x - x.mean(axis=0)
    assert abs(np.corrcoef(reduced[:, 0], centred @ axis)[0, 1]) > 0.999


def test_ridge_to_sentences_is_the_closed_form_solution() -> None:
    rng = np.random.default_rng(5)
    texts = ["the army shelled the village", "marchers marching", "the village", "army marchers", "shelled"]
    prior = rng.normal(size=(len(PIECES), 3))
    targets = rng.normal(size=(len(texts), 3))
    ridge = 0.05
    got = ridge_to_sentences(PIECES, prior, texts, targets, ridge)
    # the same problem solved directly
    vec = StaticVectors(PIECES, np.zeros((len(PIECES), 1)))
    a = np.zeros((len(texts), len(PIECES)))
    for i, t in enumerate(texts):
        ids = list(vec.pieces(t))
        for j in ids:
            a[i, j] += 1.0 / len(ids)
    t = targets - targets.mean(axis=0)
    p = prior - prior.mean(axis=0)
    p *= np.linalg.norm(t, axis=1).mean() / np.linalg.norm(a @ p, axis=1).mean()
    want = np.linalg.solve(a.T @ a + ridge * np.eye(len(PIECES)), a.T @ t + ridge * p)
    assert np.allclose(got, want, atol=1e-6)


def _static_model(vec: StaticVectors) -> TypeModel:
    """A two-label model whose only input is the static vector's first dimension."""
    return TypeModel(
        ("ATTACK", "PEACE_PROTEST"),
        (0.0, 0.0),
        {"w": 1.0},
        {},
        {},
        ((4.0, -4.0),) + ((0.0, 0.0),) * (vec.dim - 1),
        1.0,
        STATIC_ENCODER,
    )


def test_a_static_model_reads_its_vectors_in_the_typer_and_the_retyper() -> None:
    pieces = ["[UNK]", "shell", "##ed", "march", "##ing"]
    vectors = np.array([[0.0, 1.0], [1.0, 0.0], [0.0, 0.1], [-1.0, 0.0], [0.0, 0.1]])
    vec = StaticVectors(pieces, vectors)
    model = _static_model(vec)
    typer = SnippetTyper(model=model, vectors=vec)
    assert typer.label_many(["Shelled", "Marching"]) == ["ATTACK", "PEACE_PROTEST"]
    assert TypeModel.from_json(model.to_json()).encoder == STATIC_ENCODER
    assert EventRetyper(model, vectors=vec).static is vec
    assert EventRetyper(TypeModel(("A", "B"), (0.0, 0.0), {"w": 1.0}, {}, {})).static is None
    with pytest.raises(ValueError):
        SnippetTyper(model=model, vectors=StaticVectors(pieces, np.zeros((5, 3))))


def test_packaged_snippet_vectors_are_the_plain_numpy_sum_and_norm_to_the_last_bit() -> None:
    """``vector`` (one take and one reduce, the norm as a square root of a dot product) gives the very
    floats of fancy indexing, ``sum(dtype=float64)`` and ``np.linalg.norm``."""
    from geo.static_vectors import packaged_vectors

    vec = packaged_vectors()
    for text in (
        "Soldiers shelled the hamlet at dawn, villagers said.",
        "Gunmen stormed a checkpoint near the river crossing, killing two guards.",
        "Protesters blocked the main road for a third day over fuel prices.",
    ):
        ids = vec.pieces(text)
        plain = vec.vectors[ids].sum(axis=0, dtype=np.float64)
        plain = plain / float(np.linalg.norm(plain))
        assert vec.vector(text).tolist() == plain.tolist()


def test_static_scores_of_many_snippets_are_the_plain_scores_with_the_vector() -> None:
    """The retyper's batched path (light scores, then the vector's) gives the floats of ``plain_scores``."""
    from geo.event_types import packaged_model, snippet_features
    from geo.static_vectors import packaged_vectors

    light = dataclasses.replace(packaged_model(), embedding=(), embedding_scale=0.0)
    vec = packaged_vectors()
    rng = np.random.default_rng(2)
    model = TypeModel(
        light.labels,
        light.bias,
        light.blocks,
        light.idf,
        light.weights,
        tuple(tuple(row) for row in rng.normal(size=(vec.dim, len(light.labels))).tolist()),
        1.0,
        STATIC_ENCODER,
    )
    snippets = [
        ("Soldiers shelled the hamlet at dawn, villagers said.", "ATTACK", ["ATTACK"]),
        ("Hundreds marched peacefully through the old town.", "PEACE_PROTEST", []),
        ("", "NONE", []),
    ]
    vectors = [vec(text) for text, _, _ in snippets]
    expected = [model.plain_scores(snippet_features(*s), v) for s, v in zip(snippets, vectors, strict=True)]
    assert model.snippet_scores_many(snippets, vectors) == expected
    # the retyper passes the numpy vectors themselves: the same floats
    assert model.snippet_scores_many(snippets, [vec.vector(text) for text, _, _ in snippets]) == expected
    assert expected[0] != light.plain_scores(snippet_features(*snippets[0]))
    with pytest.raises(ValueError):
        model.snippet_scores_many(snippets)


def test_packaged_vectors_put_related_words_closer_than_unrelated_ones() -> None:
    from geo.static_vectors import packaged_vectors

    vec = packaged_vectors()
    assert vec.provenance["model"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert vec.provenance["model_licence"] == "Apache-2.0"
    assert vec.dim == 128 and len(vec.index) > 29_000

    def cos(a: str, b: str) -> float:
        return float(vec.vector(a) @ vec.vector(b))

    assert cos("gunmen opened fire on the convoy", "militants shot at the trucks") > cos(
        "gunmen opened fire on the convoy", "the central bank raised interest rates"
    )
    assert cos("thousands of demonstrators marched", "a large crowd of protesters rallied") > cos(
        "thousands of demonstrators marched", "an airstrike hit the bridge"
    )
    assert cos("flooding", "floods") > cos("flooding", "election")
