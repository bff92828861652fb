"""The fine-tuned link scorer (geo.link_tuned): the shipped file, and linking with it (optional extra)."""

from __future__ import annotations

from importlib import resources

import pytest

from geo.event_types import embeddings_available
from geo.link_tuned import ADAPTED, TUNED_FILE, packaged_meta

needs_extra = pytest.mark.skipif(
    not embeddings_available(), reason="the optional embeddings extra is not installed"
)


def test_shipped_scorer_is_small_weights_only_and_says_what_it_was_trained_on() -> None:
    import numpy as np

    blob = resources.files("geo.data").joinpath(TUNED_FILE)
    with blob.open("rb") as fh:
        size = len(fh.read())
    assert size < 3_000_000
    with blob.open("rb") as fh, np.load(fh) as raw:  # no pickled objects: allow_pickle is off
        arrays = {key: raw[key] for key in raw.files}
    split = int(arrays["split"])
    adapters = [key for key in arrays if key.startswith(("A/", "B/"))]
    assert len(adapters) == 2 * len(ADAPTED) * (6 - split)
    assert all(arrays[key].dtype == np.float16 for key in adapters)
    assert arrays["A/5/attention.self.query"].shape[1] == 384  # [rank, in]
    meta = packaged_meta()
    assert len(meta["trained_on_sha256"]) == 64 and 0.5 < meta["cv"]["f1"] < 1.0
    threshold, extra = (float(x) for x in arrays["decode"])
    assert 0.0 < threshold < 1.0 and 0.0 < extra < 1.0


@needs_extra
def test_shipped_scorer_links_the_verb_to_its_own_place(gazetteer: object) -> None:
    from geo.evaluation.link_tuned import TunedLinkPredictor
    from geo.evaluation.links import StageLinkPredictor
    from geo.link_tuned import packaged_tuned_scorer

    scorer = packaged_tuned_scorer()
    predictor = TunedLinkPredictor(gazetteer, scorer=scorer)
    stage = StageLinkPredictor(gazetteer, use_model=True, link_head=scorer)
    text = "Gunmen attacked a checkpoint in Herat on Monday, officials in Kabul said."
    verb = (text.index("attacked"), text.index("attacked") + len("attacked"))
    assert [text[s:e] for s, e in predictor(text, verb)] == ["Herat"]
    assert [text[s:e] for s, e in stage(text, verb)] == ["Herat"]
    # two events, two places: each verb gets its own
    text = "Troops clashed with rebels near Sibi on Monday, while a bomb exploded in a market in Quetta."
    for word, place in (("clashed", "Sibi"), ("exploded", "Quetta")):
        verb = (text.index(word), text.index(word) + len(word))
        assert [text[s:e] for s, e in predictor(text, verb)] == [place]
    # where a speaker spoke is not where the shelling was; the speaking itself has no place
    text = "Speaking in Geneva, the envoy said that militants had shelled villages around Idlib."
    for word, places in (("shelled", ["Idlib"]), ("said", [])):
        verb = (text.index(word), text.index(word) + len(word))
        assert [text[s:e] for s, e in predictor(text, verb)] == places
