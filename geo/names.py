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
    return _DOUBLE.sub(r"\1", head + _VOWELS.sub("", text[len(head) :]))


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
#: Spelling rewrites between common transliterations (English, French and GeoNames habits).
_SPELLINGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=[a-z]{2})(iy|y|i)?(a|eh)\b"), r"\1ah"),  # Falluja, Diwaniyeh -> Fallujah, Diwaniyah
    (re.compile(r"ou"), "u"),  # Tartous -> Tartus
    (re.compile(r"ee"), "i"),  # Miskeen -> Miskin
    (re.compile(r"\bdeir\b|\bdair\b"), "dayr"),  # Deir -> Dayr
    (re.compile(r"\btell?\b(?= )"), "tall"),  # Tell Abyad -> Tall Abyad
    (re.compile(r"\bain\b"), "ayn"),  # Ras al-Ain -> Ras al Ayn
    (re.compile(r"(?<=[a-z])ei(?=[a-z])"), "ay"),  # Hodeidah -> Hodaydah, Beidawa -> Baydawa
    (re.compile(r"(?<=^[bdfhjklmnqrstz])o(?=[bdfhjklmnqrstz])"), "u"),  # Hodeidah -> Hudaydah
)


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
    ("falluja" -> "fallujah", "tartous" -> "tartus"); last, two words written as one ("petion ville" ->
    "petionville", from "Petion-Ville"). Meant for names the gazetteer lacks as written."""
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
        for pattern, repl in _SPELLINGS:
            forms += [f for f in (pattern.sub(repl, x) for x in forms) if f not in forms]
        out += [f for f in forms if f != key and f not in out]
    if len(tokens) == 2 and min(map(len, tokens)) >= 3:
        out.append("".join(tokens))  # "Petion-Ville" -> "petionville" (the gazetteer's "Pétionville")
    return out
