"""Memos that serve one document: caches keyed on a document's or a sentence's text.

Several stages memoise answers about a sentence (its trigger hits, the contexts of its candidate
places, its dates) because the extractor, the linker and the link model ask the same questions
of it, once per event and candidate. Those memos earn their keep within a document. Across
documents they only hit when the very same sentence comes again, which real news rarely does but
a corpus assembled from a fixed pool of sentences (``benchmarks.synth_corpus``) does all the time:
kept across documents they would make such a corpus look faster than news is, and hold text of
documents long done. ``document_memo`` registers such a memo; ``new_document()`` (called by
:class:`geo.pipeline.Pipeline` before each document) empties them all.

Memos of words and names (``geo.names.fold``, a name's link features) stay across documents: news
repeats its words and names, so those hits are real.  Emptying a memo never changes an answer (each
is a pure function of its key): another thread of the process in the middle of a document (a Dask
worker with several threads) only works out again what it asks next.
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar


class _Clearable(Protocol):
    def cache_clear(self) -> None: ...


M = TypeVar("M", bound=_Clearable)

_MEMOS: list[Any] = []


def document_memo(memo: M) -> M:
    """Register ``memo`` (a ``functools.lru_cache`` wrapper) as serving one document; returns it."""
    _MEMOS.append(memo)
    return memo


def new_document() -> None:
    """Empty every registered memo: what follows is another document."""
    for memo in _MEMOS:
        memo.cache_clear()


__all__ = ["document_memo", "new_document"]
