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
from collections.abc import Callable
from typing import Any

from anyascii import anyascii

__all__ = [
    "ARABIC_ARTICLES",
    "IZAFE_LINKERS",
    "fold",
    "is_abbreviation",
    "plain_spelling_variants",
    "spelling_key",
    "spelling_variants",
    "strip_articles",
]

#: Single-token linkers dropped between two words ("Mazar-e-Sharif", "Qala-i-Naw", "Deh-ye Now").
IZAFE_LINKERS = frozenset({"e", "i", "ye", "yi"})

#: periods, apostrophes and the modifier letters transliterations use as apostrophes or marks: ayn and
#: hamza (ʿ ʾ: "Biʾr as-Sabʿ"), the prime of a soft sign (ʹ), stress and length marks (ˈ ˌ ː)
_DROP = str.maketrans("", "", ".'’‘ʼʻ`´ʿʾʹˈˌː")
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


#: The Arabic article as transliterations write it, assimilated or not ("Ar Raqqah", "Deir ez-Zor").
ARABIC_ARTICLES = frozenset(
    {
        "al",
        "el",
        "ul",
        "ad",
        "adh",
        "ar",
        "as",
        "ash",
        "at",
        "ath",
        "az",
        "an",
        "ed",
        "er",
        "es",
        "et",
        "ez",
        "en",
    }
)
_VOWELS = re.compile(r"[aeiouyhw]+")
_FINAL_EY = re.compile(r"(?<=[a-z]{3})ey\b")
_DOUBLE = re.compile(r"(.)\1+")


def strip_articles(key: str) -> str:
    """A folded key without Arabic article tokens before a word: "ar raqqah" -> "raqqah",
    "dayr az zawr" -> "dayr zawr" (a single word is kept as it is)."""
    tokens = key.split()
    if len(tokens) < 2:
        return key
    kept = [t for i, t in enumerate(tokens) if not (t in ARABIC_ARTICLES and i + 1 < len(tokens))]
    return " ".join(kept) or key


def spelling_key(key: str) -> str:
    """A coarse consonant skeleton of a folded key, equal across common transliterations of one name:
    articles, vowels, ``h``/``w``/``y`` (but a first one), spaces and doubled letters go ("Deir Ezzor",
    "Deir ez-Zor" and "Dayr az Zawr" -> ``drzr``; "Falluja" and "Al Fallujah" -> ``flj``)."""
    text = strip_articles(key).replace(" ", "")
    head = text[:1] if text[:1] in ("h", "w", "y") else ""
    return _DOUBLE.sub(_first_group, head + _VOWELS.sub("", text[len(head) :]))


def _first_group(match: re.Match[str]) -> str:
    """The replacement of a match by its first group: as the template ``\\1``, but a plain function call
    (``re.sub`` with a backslash template goes back into Python's ``re`` to parse it on every call)."""
    return match.group(1) or ""


#: The article as written before a word starting with each letter (sun letters assimilate it).
_SUN_ARTICLE = {
    "d": "ad",
    "n": "an",
    "r": "ar",
    "s": "as",
    "t": "at",
    "z": "az",
    "sh": "ash",
    "th": "ath",
    "dh": "adh",
}
_FUSED_ARTICLE = re.compile(r"^[ae]([dnrstz])\1(?=[a-z]{2})")
#: "Elbur", "Alqaim": an article fused to the front of a name ("el bur", "al qaim")
_FUSED_FIRST = re.compile(r"^(el|al)(?=[bcdfghjklmnpqrstvwxz][a-z]{2})")


def _ah_ending(match: re.Match[str]) -> str:
    """The template ``\\1ah`` as a function (a missing group is empty, as in a template)."""
    return f"{match.group(1) or ''}ah"


#: Spelling rewrites between common transliterations (English, French and GeoNames habits).
#: Each is (a substring every match holds, pattern, replacement); ``_respell`` skips the pattern when
#: the substring is absent and uses ``str.replace`` when the pattern is that substring itself.
_SPELLINGS: tuple[tuple[str, re.Pattern[str] | None, str | Callable[[re.Match[str]], str]], ...] = (
    ("", re.compile(r"(?<=[a-z]{2})(iy|y|i)?(a|eh)\b"), _ah_ending),  # Falluja, Diwaniyeh -> -ah
    ("ou", None, "u"),  # Tartous -> Tartus
    ("ee", None, "i"),  # Miskeen -> Miskin
    ("ir", re.compile(r"\bdeir\b|\bdair\b"), "dayr"),  # Deir -> Dayr
    ("tel", re.compile(r"\btell?\b(?= )"), "tall"),  # Tell Abyad -> Tall Abyad
    ("ain", re.compile(r"\bain\b"), "ayn"),  # Ras al-Ain -> Ras al Ayn
    ("ei", re.compile(r"(?<=[a-z])ei(?=[a-z])"), "ay"),  # Hodeidah -> Hodaydah, Beidawa -> Baydawa
    ("o", re.compile(r"(?<=^[bdfhjklmnqrstz])o(?=[bdfhjklmnqrstz])"), "u"),  # Hodeidah -> Hudaydah
)


def _respell(text: str, needle: str, pattern: re.Pattern[str] | None, repl: Any) -> str:
    """``text`` with one rule of ``_SPELLINGS`` applied (the same result as ``pattern.sub(repl, text)``)."""
    if needle not in text:
        return text
    if pattern is None:
        return text.replace(needle, repl)
    return pattern.sub(repl, text)


def spelling_variants(key: str) -> list[str]:
    """Other folded spellings of a key (see :func:`plain_spelling_variants`), memoised: the
    recogniser asks for every capitalised word it cannot place, and news repeats its names."""
    return list(_cached_variants(key))


@functools.lru_cache(maxsize=1 << 16)
def _cached_variants(key: str) -> tuple[str, ...]:
    return tuple(plain_spelling_variants(key))


def plain_spelling_variants(key: str) -> list[str]:
    """Other folded spellings of a key that transliterations of one Arabic-script name use, most
    likely first, without ``key`` itself: the article dropped, added ("diwaniyah" -> "ad diwaniyah")
    or split from the word it was fused to ("deir ezzor" -> "deir ez zor"), and a few vowel habits
    ("falluja" -> "fallujah", "tartous" -> "tartus"); late, two words written as one ("petion ville" ->
    "petionville", from "Petion-Ville"), and a final "-ey" as GeoNames writes it, "-ay" ("qoryoley" ->
    "qoryolay"). Meant for names the gazetteer lacks as written."""
    tokens = key.split()
    if not tokens or not key.isascii():
        return []
    bases = [key]
    split = [
        _FUSED_ARTICLE.sub(lambda m: m.group(0)[:2] + " " + m.group(1), t) if i else t
        for i, t in enumerate(tokens)
    ]
    if split != tokens:
        bases.append(" ".join(split))
    fused = _FUSED_FIRST.match(tokens[0])
    if fused is not None:
        bases.append(" ".join([fused.group(1), tokens[0][2:], *tokens[1:]]))
    if len(tokens) > 1 and tokens[0] in ARABIC_ARTICLES:
        bases.append(" ".join(tokens[1:]))
    elif len(tokens[0]) > 3 and len(tokens) < 3:
        article = _SUN_ARTICLE.get(tokens[0][:2]) or _SUN_ARTICLE.get(tokens[0][0], "al")
        bases += [f"{article} {key}", f"al {key}"] if article != "al" else [f"al {key}"]
    out: list[str] = []
    for base in bases:
        forms = [base]
        for needle, pattern, repl in _SPELLINGS:
            forms += [f for f in (_respell(x, needle, pattern, repl) for x in forms) if f not in forms]
        out += [f for f in forms if f != key and f not in out]
    if len(tokens) == 2 and min(map(len, tokens)) >= 3:
        out.append("".join(tokens))  # "Petion-Ville" -> "petionville" (the gazetteer's "Pétionville")
    ay = _FINAL_EY.sub("ay", key) if "ey" in key else key
    if ay != key and ay not in out:
        out.append(ay)  # a final "-ey" as GeoNames writes it, "-ay": "Qoryoley" -> "qoryolay"
    return out
