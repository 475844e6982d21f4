"""Place-name keys: ``normalize`` for exact lookup, ``fold`` for transliteration variants.

GeoNames spells one town many ways (Bandar Abbas, Bandar-e `Abbas, Bandar-i-Abbas) and news adds more (Bandar-e Abbas).
``normalize`` removes what writing systems add (case, diacritics, apostrophes, hyphens); ``fold`` also removes
what transliteration schemes disagree on (Persian/Arabic connectors, vowel quality, final -ah/-eh), so all
of those give one key. Both are language-neutral: language suffixes and exonyms live in ``lang/<code>/``.
"""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not decompose into a base letter plus a mark.
_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ŀ": "l"}
)
# Apostrophe-like marks (ayn, hamza, okina, backtick) are dropped: "Qal'ah" = "Qal`ah" = "Qalah".
_APOSTROPHES = re.compile(r"['’‘`´ʼʻʿʾ′ʹ]")
# Everything else that is not a letter or digit separates words: "Al-Hasakah" = "Al Hasakah".
_SEPARATORS = re.compile(r"[\W_]+")

# Connector words of Persian/Arabic transliteration (ezafe "-e-", "-i-", "-ye-"); dropped between words.
_CONNECTORS = frozenset({"e", "i", "y", "ye", "yi", "iy"})
_VOWELS = "aiu"


def normalize(name: str) -> str:
    """Casefolded, diacritic-free, punctuation-free form with single spaces: ``Mazār-e Sharīf`` ->
    ``mazar e sharif``."""
    text = unicodedata.normalize("NFKD", name.casefold().translate(_LETTERS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text)
    return _SEPARATORS.sub(" ", text).strip()


def is_latin(key: str) -> bool:
    """Whether a normalised key is in (ASCII) Latin script; other scripts are not indexed."""
    return bool(key) and key.isascii()


def _fold_word(word: str) -> str:
    head, rest = word[0], word[1:]
    # w after a vowel is a vowel (naw, now, nau), elsewhere v (Wardak = Vardak); q = k (Qunduz = Kunduz).
    rest = re.sub(r"(?<=[aeiouy])w", "u", rest)
    word = (head + rest).replace("w", "v").replace("q", "k").replace("ph", "f")
    # Vowel quality varies between schemes (Sheberghan = Shibirghan, Nimroz = Nimruz): three classes.
    head, rest = word[0], word[1:]
    rest = rest.translate(str.maketrans("eyo", "iiu"))
    word = (head.translate(str.maketrans("eo", "iu")) + rest).replace("au", "u")
    # Final -ah/-eh is one Persian letter written or not (Qalah = Qala), and final vowels are the ezafe
    # attached to the word (Qalai Naw = Qala-i Naw), so a word's final vowels are dropped.
    if len(word) > 3:
        word = re.sub(r"(?<=[aiu])h$", "", word)
        stripped = word.rstrip(_VOWELS)
        if len(stripped) >= 2:
            word = stripped
    return re.sub(r"(.)\1+", r"\1", word)


def fold(name: str) -> str:
    """A transliteration-tolerant key (no spaces): ``Bandar-e Abbas``, ``Bandar Abbas``, ``Bandar-i-Abbas`` all give
    ``kalnu``. Takes raw or normalised text."""
    words = normalize(name).split()
    if len(words) > 1:
        words = [words[0], *(w for w in words[1:] if w not in _CONNECTORS)]
    return "".join(_fold_word(w) for w in words if w)
