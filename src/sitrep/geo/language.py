"""What a language adds to the gazetteer: its exonyms and the words it wraps place names in.

Read from ``lang/<code>/places.yaml`` (exonyms, suffixes meaning "province", genitive endings, compass
prefixes) and from pycountry's ISO 3166 translations for the language's locale. Everything is keyed by
``normalize``; nothing here names a word of any language.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
from functools import cache

import pycountry

from sitrep import lang as langdata
from sitrep.geo.admin1 import name_variants
from sitrep.geo.normalize import normalize


@dataclass(frozen=True)
class Target:
    kind: str  # country, admin1, city, region
    ref: str | int  # ISO code, GeoNames id or region key


@dataclass
class PlaceWords:
    names: dict[str, set[Target]] = field(default_factory=dict)  # normalised name -> what it names
    suffixes: list[tuple[str, str | None]] = field(default_factory=list)  # (normalised suffix, kind hint)
    genitive: tuple[str, ...] = ()
    parts: dict[str, str] = field(default_factory=dict)  # normalised compass prefix -> part (west, ...)
    home_country: str | None = None  # where the language's news mostly happens (ISO alpha-2)
    sections: dict[str, str] = field(default_factory=dict)  # section word -> "domestic" | "foreign"

    def section_reach(self, section: str | None) -> str | None:
        """Whether an article's section says it is domestic or foreign news (None: it does not say)."""
        for word in re.findall(r"\w+", (section or "").casefold()):
            if word in self.sections:
                return self.sections[word]
        return None

    def add(self, name: str, target: Target) -> None:
        for form in name_variants(name):
            key = normalize(form)
            if key:
                self.names.setdefault(key, set()).add(target)

    def stripped(self, key: str) -> list[tuple[str, str | None]]:
        """``(rest, kind hint)`` for each known suffix or genitive ending of a normalised name, longest first:
        "<name> <suffix meaning province>" -> ("<name>", "admin1")."""
        out = []
        for bare, ending_kind in [
            (key, None),
            *((key[: -len(g)], None) for g in self.genitive if key.endswith(g)),
        ]:
            for suffix, kind in self.suffixes:
                for joint in (" ", ""):
                    if bare.endswith(joint + suffix) and len(bare) - len(joint + suffix) >= 3:
                        out.append((bare[: -len(joint + suffix)].strip(), kind))
            if bare != key and len(bare) >= 3:
                out.append((bare, ending_kind))
        return out

    def part(self, raw: str) -> tuple[str, str] | None:
        """``(part, rest)`` for a compass-prefixed name: "<west>-Afghanistan" -> ("west", "Afghanistan")."""
        match = re.match(r"^\s*([^\W\d_]+)\s*[-‐‑–]\s*(\S.*)$", raw)
        if match and normalize(match.group(1)) in self.parts:
            return self.parts[normalize(match.group(1))], match.group(2)
        return None


def _translations(locale: str) -> list[tuple[str, Target]]:
    out = []
    try:
        countries = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale])
    except OSError:
        return out
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            english = getattr(country, attr, None)
            if english:  # gettext("") would be the catalogue header
                out.append((countries.gettext(english), Target("country", country.alpha_2)))
    try:
        divisions = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[locale])
    except OSError:
        return out
    for sub in pycountry.subdivisions:
        if sub.parent_code is None and divisions.gettext(sub.name) != sub.name:
            out.append((divisions.gettext(sub.name), Target("admin1", sub.code)))
    return out


@cache
def place_words(lang: str | None) -> PlaceWords:
    """The place words of a language; empty for ``None`` or a language without ``places.yaml``."""
    words = PlaceWords()
    if not lang:
        return words
    try:
        data = langdata.data(lang, "places") or {}
    except (langdata.UnsupportedLanguage, FileNotFoundError):
        return words
    if data.get("locale"):
        for name, target in _translations(data["locale"]):
            words.add(name, target)
    for section, kind in (
        ("countries", "country"),
        ("admin1", "admin1"),
        ("cities", "city"),
        ("regions", "region"),
    ):
        for name, ref in (data.get(section) or {}).items():
            words.add(str(name), Target(kind, ref))
    suffixes = [(normalize(s), kind) for s, kind in (data.get("suffixes") or {}).items()]
    words.suffixes = sorted(((s, k) for s, k in suffixes if s), key=lambda sk: -len(sk[0]))
    words.genitive = tuple(g for g in (normalize(str(g)) for g in data.get("genitive") or ()) if g)
    words.parts = {normalize(str(p)): part for p, part in (data.get("parts") or {}).items()}
    words.home_country = str(data["home_country"]).upper() if data.get("home_country") else None
    for reach in ("domestic", "foreign"):
        for word in data.get(f"{reach}_sections") or ():
            words.sections[str(word).casefold()] = reach
    return words
