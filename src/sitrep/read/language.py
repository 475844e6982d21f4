"""Which language an article is in: an explicit declaration wins, else lingua detection.

The detector is restricted to a set of languages a Norwegian/European news archive holds (more languages mean
more confusions: Bokmål vs Danish, Nynorsk vs Bokmål) and is built once per process, lazily.
"""

from __future__ import annotations

import re
from functools import cache

UNDETERMINED = "und"

# lingua names of the languages detection chooses among
DETECTED = (
    "BOKMAL",
    "NYNORSK",
    "ENGLISH",
    "SWEDISH",
    "DANISH",
    "GERMAN",
    "FRENCH",
    "SPANISH",
    "DUTCH",
    "FINNISH",
    "ITALIAN",
    "PORTUGUESE",
    "POLISH",
    "RUSSIAN",
    "UKRAINIAN",
    "ARABIC",
    "PERSIAN",
    "TURKISH",
    "ICELANDIC",
)
MIN_LETTERS = 20  # below this many letters detection is a guess: the language stays undetermined
_SAMPLE = 4000  # characters looked at (the start of the article is enough and keeps detection fast)

# three-letter and legacy codes -> the two-letter code sitrep uses
_ALIASES = {
    "nob": "nb",
    "nno": "nn",
    "nor": "no",
    "eng": "en",
    "swe": "sv",
    "dan": "da",
    "deu": "de",
    "ger": "de",
    "fra": "fr",
    "fre": "fr",
    "spa": "es",
    "nld": "nl",
    "dut": "nl",
    "fin": "fi",
    "ita": "it",
    "por": "pt",
    "pol": "pl",
    "rus": "ru",
    "ukr": "uk",
    "ara": "ar",
    "fas": "fa",
    "per": "fa",
    "tur": "tr",
    "isl": "is",
    "ice": "is",
    "nynorsk": "nn",
    "bokmål": "nb",
    "bokmal": "nb",
    "norwegian": "no",
    "english": "en",
}
_CODE = re.compile(r"[a-zæøå]{2,8}")


@cache
def _detector(names: tuple[str, ...]):
    from lingua import Language, LanguageDetectorBuilder

    # low-accuracy mode (trigram models): ~75 MB instead of ~400 MB once English-like text is seen, and as good
    # on article-length text (all sentences of the bundled example come out Bokmål; high accuracy said Danish once)
    languages = (getattr(Language, n) for n in names)
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text[:_SAMPLE])


def detect_language(text: str, among: tuple[str, ...] = DETECTED) -> str:
    """The ISO 639-1 code (``nb``, ``nn``, ``en``, ``sv``, ``da``, ...) of ``text``, or ``"und"`` when the text
    is too short or detection finds nothing."""
    if _letters(text) < MIN_LETTERS:
        return UNDETERMINED
    language = _detector(among).detect_language_of(text[:_SAMPLE])
    return UNDETERMINED if language is None else _settle_confusion(text, language.iso_code_639_1.name.lower())


_WORD = re.compile(r"\w+")


def _settle_confusion(text: str, detected: str) -> str:
    """A supported language the detector mistook for a close neighbour ("trukket seg ut av" read as Danish) wins
    back the text by its own function words (``lang/<code>/detection.yaml``)."""
    from sitrep import lang

    words = [w.lower() for w in _WORD.findall(text[:_SAMPLE])]
    for code in lang.supported():
        pair = ((lang.optional_data(code, "detection") or {}).get("confused_with") or {}).get(detected)
        if pair:
            ours, theirs = set(pair["ours"]), set(pair["theirs"])
            own, other = sum(w in ours for w in words), sum(w in theirs for w in words)
            if own and own >= other:
                return code
    return detected


def normalise_code(value: object) -> str:
    """A declared language (``"nb"``, ``"nb-NO"``, ``"nob"``, ``"NO"``, ``"en_US"``) -> a lower-case code.

    ``"no"`` (Norwegian, either written standard) is returned as ``"no"``; ``resolve_language`` settles it.
    Raises ``ValueError`` for something that is not a language code."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"bad language value {value!r}: expected a code such as 'nb' or 'en'")
    code = value.strip().lower()
    code = _ALIASES.get(code, code)
    primary = re.split(r"[-_]", code, maxsplit=1)[0]
    primary = _ALIASES.get(primary, primary)
    if not _CODE.fullmatch(primary):
        raise ValueError(f"bad language value {value!r}: expected a code such as 'nb' or 'en'")
    return primary


def resolve_language(text: str, declared: object = None, default: str | None = None) -> str:
    """The language of an article: ``declared`` (the input's own, e.g. a JSON ``language`` key or a feed's
    ``<language>``) wins, then ``default`` (the caller's, e.g. ``--language``), then detection.

    A bare ``"no"`` (Norwegian) is settled by detection between Bokmål and Nynorsk (Bokmål when unsure).
    Raises ``ValueError`` for a declared value that is not a language code."""
    for given in (declared, default):
        if given is None or (isinstance(given, str) and not given.strip()):
            continue
        code = normalise_code(given)
        if code == "no":
            found = detect_language(text, ("BOKMAL", "NYNORSK"))
            return found if found in ("nb", "nn") else "nb"
        return code
    return detect_language(text)
