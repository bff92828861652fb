"""Static word-piece vectors distilled from all-MiniLM-L6-v2: a snippet's vector without the encoder.

The Model2Vec recipe (``python -m geo.evaluation.static_vectors`` builds the file, with the optional
``embeddings`` extra): every word piece of the encoder's uncased vocabulary is run through the
sentence model alone, the outputs reduced by PCA and weighted by the piece's Zipf rank (SIF), so
frequent pieces weigh little. A text's vector is the mean of its pieces' vectors, unit length.
At run time this needs numpy and the packaged file only (``geo/data/static_vectors.npz``: pieces,
int8 vectors and one scale per dimension).

The text is cut into pieces as the encoder's own tokenizer does (BERT uncased: lower case, accents
stripped, punctuation split off, then the longest vocabulary piece first, "##" marking a word's
continuation); a word that cannot be cut is left out.
"""

from __future__ import annotations

import functools
import io
import math
import re
import unicodedata
from collections.abc import Sequence
from importlib import resources
from itertools import chain
from typing import Any

import numpy as np

from geo.errors import GeoError

VECTORS_FILE = "static_vectors.npz"
#: How a snippet's piece vectors are pooled (``StaticVectors.pooled``): each kind of pooling and the
#: weight of its unit vector. ``mean``: the mean of all pieces' vectors (the snippet vector);
#: ``first``: the mean of the first sentence's (the whole text's when it has one sentence: a report
#: names its event first, as the classifier's ``f`` block of first-sentence words says); ``max`` and
#: ``min``: each dimension's largest and smallest value over the pieces (a piece far out on an axis,
#: "airstrike", "tear", is not averaged away by the snippet's other words).
MEAN_POOLING: tuple[tuple[str, float], ...] = (("mean", 1.0),)
POOLINGS = frozenset({"mean", "first", "max", "min"})
#: Longest word the tokenizer cuts into pieces (the encoder's own limit); longer ones are unknown.
_MAX_WORD_CHARS = 100


class StaticVectorsError(GeoError, ValueError):
    """A static vectors file that cannot be read."""


def _is_punctuation(ch: str) -> bool:
    """BERT's punctuation: ASCII symbols as well as Unicode's P categories."""
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


#: ASCII control characters other than tab and line ends: BERT drops them (the rest is joined)
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: an ASCII word of letters and digits, or one ASCII punctuation mark (BERT's: every printable
#: character that is no letter, digit or space)
_ASCII_WORD = re.compile(r"[a-z0-9]+|[!-/:-@\[-`{-~]")


#: news text's usual non-ASCII characters once decomposed: combining accents (stripped) and
#: typographic punctuation (each a word, as ASCII punctuation)
_NEWS_PUNCTUATION = "\u2018\u2019\u201c\u201d\u2013\u2014\u2026"
_NOT_NEWS_CHARACTER = re.compile(f"[^\\x00-\\x7f\\u0300-\\u036f{_NEWS_PUNCTUATION}]")
_ACCENT = re.compile("[\u0300-\u036f]")
_NEWS_WORD = re.compile(f"[a-z0-9]+|[!-/:-@\\[-`{{-~{_NEWS_PUNCTUATION}]")


def basic_words(text: str) -> list[str]:
    """The words BERT's uncased basic tokenizer makes of a text: control characters dropped, lower
    case, accents stripped, each punctuation mark and CJK character a word of its own (an ASCII
    text, or one whose only other characters are accents and typographic quotes and dashes, by
    regexes: the same words as :func:`plain_basic_words`)."""
    if text.isascii():
        return _ASCII_WORD.findall(_ASCII_CONTROL.sub("", text.lower()))
    folded = unicodedata.normalize("NFD", text.lower())
    if _NOT_NEWS_CHARACTER.search(folded) is None:
        return _NEWS_WORD.findall(_ASCII_CONTROL.sub("", _ACCENT.sub("", folded)))
    return plain_basic_words(text)


def plain_basic_words(text: str) -> list[str]:
    """:func:`basic_words` character by character (any text)."""
    out: list[str] = []
    word: list[str] = []

    def close() -> None:
        if word:
            out.append("".join(word))
            word.clear()

    text = unicodedata.normalize("NFD", text.lower())
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD:
            continue
        cat = unicodedata.category(ch)
        if ch in " \t\n\r" or cat == "Zs":
            close()
        elif cat in ("Cc", "Cf"):
            continue
        elif cat == "Mn":
            continue  # an accent, stripped
        elif _is_punctuation(ch) or _is_cjk(cp):
            close()
            out.append(ch)
        else:
            word.append(ch)
    close()
    return out


class StaticVectors:
    """Word-piece vectors and the snippet vector made of them (see the module's docstring)."""

    def __init__(self, pieces: Sequence[str], vectors: np.ndarray, provenance: dict[str, Any] | None = None):
        if vectors.ndim != 2 or vectors.shape[0] != len(pieces):
            raise StaticVectorsError("one vector per piece is needed")
        self.index = {p: i for i, p in enumerate(pieces)}
        self.vectors = np.asarray(vectors, dtype=np.float32)  # float32: half the memory, sums in float64
        self.dim = int(vectors.shape[1])
        self.provenance = dict(provenance or {})
        self._word_cache: dict[str, tuple[int, ...]] = {}

    @classmethod
    def from_npz(cls, raw: bytes) -> StaticVectors:
        """Read the packaged format: ``pieces`` (newline-joined), int8 ``codes``, float ``scale`` per
        dimension (a vector is ``codes * scale``) and ``provenance`` (JSON)."""
        import json

        try:
            with np.load(io.BytesIO(raw), allow_pickle=False) as z:
                pieces = str(z["pieces"]).split("\n")
                vectors = z["codes"].astype(np.float32) * z["scale"].astype(np.float32)
                provenance = json.loads(str(z["provenance"]))
        except (OSError, KeyError, ValueError) as exc:
            raise StaticVectorsError(f"not a static vectors file ({exc})") from None
        return cls(pieces, vectors, provenance)

    def word_pieces(self, word: str) -> tuple[int, ...]:
        """The vocabulary indices of a (basic) word's pieces, longest first; () when it cannot be cut."""
        hit = self._word_cache.get(word)
        if hit is not None:
            return hit
        ids: list[int] = []
        if len(word) <= _MAX_WORD_CHARS:
            start = 0
            while start < len(word):
                end = len(word)
                found = -1
                while start < end:
                    piece = word[start:end] if start == 0 else "##" + word[start:end]
                    j = self.index.get(piece)
                    if j is not None:
                        found = j
                        break
                    end -= 1
                if found < 0:
                    ids = []
                    break
                ids.append(found)
                start = end
        out = tuple(ids)
        if len(self._word_cache) < 200_000:
            self._word_cache[word] = out
        return out

    def pieces(self, text: str) -> list[int]:
        """The vocabulary indices of a text's pieces."""
        cache, cut = self._word_cache, self.word_pieces
        return list(chain.from_iterable([cache[w] if w in cache else cut(w) for w in basic_words(text)]))

    def vector(self, text: str) -> np.ndarray:
        """The text's vector: the mean of its pieces' vectors, unit length (zeros when none is known)."""
        ids = self.pieces(text)
        if not ids:
            return np.zeros(self.dim)
        # the rows summed in order in float64 and the norm as ``np.linalg.norm`` takes it (the square
        # root of the dot product): the same floats as ``vectors[ids].sum(...)``, with fewer numpy calls
        v = np.add.reduce(self.vectors.take(ids, axis=0), axis=0, dtype=np.float64)
        norm = math.sqrt(v.dot(v))
        return v / norm if norm > 0 else v

    def __call__(self, text: str) -> list[float]:
        """:meth:`vector` as a list (what ``TypeModel.scores`` takes)."""
        out: list[float] = self.vector(text).tolist()
        return out

    def many(self, texts: Sequence[str]) -> list[list[float]]:
        """The vectors of many texts."""
        return [self(t) for t in texts]

    def pooled(self, text: str, pooling: Sequence[tuple[str, float]] = MEAN_POOLING) -> list[float]:
        """The text's pooled vectors (see ``POOLINGS``) one after another, each of unit length (zeros
        when no piece is known) times its weight: ``dim * len(pooling)`` numbers. ``MEAN_POOLING``
        gives :meth:`__call__`'s vector."""
        ids = self.pieces(text)
        parts: list[np.ndarray] = []
        if ids:
            rows = self.vectors[ids]
            total = rows.sum(axis=0, dtype=np.float64)
        for kind, weight in pooling:
            if not ids:
                parts.append(np.zeros(self.dim))
                continue
            if kind == "mean":
                v = total
            elif kind == "first":
                v = self._first_sentence_sum(text, total)
            elif kind == "max":
                v = rows.max(axis=0).astype(np.float64)
            elif kind == "min":
                v = rows.min(axis=0).astype(np.float64)
            else:
                raise ValueError(f"unknown pooling {kind!r} (one of {', '.join(sorted(POOLINGS))})")
            norm = float(np.linalg.norm(v))
            parts.append(v * (weight / norm) if norm > 0 else v)
        if len(parts) == 1:
            out: list[float] = parts[0].tolist()
            return out
        joined: list[float] = np.concatenate(parts).tolist()
        return joined

    def _first_sentence_sum(self, text: str, total: np.ndarray) -> np.ndarray:
        """The sum of the first sentence's piece vectors (``total``, the whole text's, for one sentence)."""
        from geo.text import sentences

        spans = sentences(text)
        if len(spans) < 2:
            return total
        ids = self.pieces(text[spans[0][0] : spans[0][1]])
        return self.vectors[ids].sum(axis=0, dtype=np.float64) if ids else np.zeros(self.dim)

    def pooled_many(
        self, texts: Sequence[str], pooling: Sequence[tuple[str, float]] = MEAN_POOLING
    ) -> list[list[float]]:
        """:meth:`pooled` of many texts."""
        return [self.pooled(t, pooling) for t in texts]


@functools.cache
def packaged_vectors() -> StaticVectors:
    """The vectors shipped in ``geo/data`` (read once per process)."""
    return StaticVectors.from_npz(resources.files("geo.data").joinpath(VECTORS_FILE).read_bytes())


__all__ = [
    "MEAN_POOLING",
    "POOLINGS",
    "VECTORS_FILE",
    "StaticVectors",
    "StaticVectorsError",
    "basic_words",
    "packaged_vectors",
    "plain_basic_words",
]
