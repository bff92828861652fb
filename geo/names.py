"""Name normalisation: ``fold`` is the one key used by the gazetteer build, lookup and recognition.

Folding lowercases, strips diacritics from Latin letters (``Mazār`` -> ``mazar``), drops
periods and apostrophes (``U.S.`` -> ``us``, ``Côte d'Ivoire`` -> ``cote divoire``), turns any
other punctuation (hyphens included) into a space, collapses runs of space, and removes the
Persian/Dari izafe linker between two words, so ``Mazar-e-Sharif``, ``Mazar-i-Sharif``,
``Mazar-e Sharif`` and ``Mazār-e Sharīf`` share the key ``mazar sharif``.

Letters of other scripts (Arabic, Cyrillic, CJK ...) are kept as they are (lowercased): a
transliteration of them would invent Latin keys that collide with English words in news text.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from anyascii import anyascii

__all__ = ["IZAFE_LINKERS", "fold", "is_abbreviation"]

#: Single-token linkers dropped between two words ("Mazar-e-Sharif", "Qala-i-Naw", "Deh-ye Now").
IZAFE_LINKERS = frozenset({"e", "i", "ye", "yi"})

_DROP = str.maketrans("", "", ".'’‘ʼʻ`´")
_PUNCT = re.compile(r"[^\w\s]|_", re.UNICODE)
_SPACE = re.compile(r"\s+")
_ABBREV = re.compile(r"^[A-Z0-9]{2,4}$")


@functools.lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    """Fold one non-ASCII character: Latin letters lose their marks, other scripts stay."""
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if base.isascii():
        return base
    try:
        is_latin = "LATIN" in unicodedata.name(char)
    except ValueError:
        return " "
    return anyascii(char) if is_latin else base


def _drop_izafe(tokens: list[str]) -> list[str]:
    if len(tokens) < 3:
        return tokens
    middle = [t for t in tokens[1:-1] if t not in IZAFE_LINKERS]
    return [tokens[0], *middle, tokens[-1]]


@functools.lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """The normalised lookup key of a place name (see the module docstring for the rules).

    Memoised: recognition, resolution and lookup fold the same names many times per document.
    """
    text = name.lower() if name.isascii() else "".join(_fold_char(c) for c in name).lower()
    text = _PUNCT.sub(" ", text.translate(_DROP))
    tokens = _SPACE.split(text.strip())
    return " ".join(_drop_izafe(tokens))


def is_abbreviation(name: str, *, primary: str = "") -> bool:
    """True for short all-capital codes (``KDH``, ``ISB``, IATA codes) that are not the place's own name."""
    return bool(_ABBREV.match(name)) and name != primary
