"""Looking names up in the gazetteer index and ranking what they may name.

A name is tried as written, then (only if nothing is found) without a language's suffix or genitive ending
(a "province" suffix, a possessive "s"), then without a compass prefix ("West-"), and last by fuzzy
match — kept only in a country the article is about ("Bærum" is no misspelt Boromo in Burkina Faso). Each form
is looked up by its normalised key (exact) and its folded key (transliteration variants).
"""

from __future__ import annotations

import math
import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from functools import cached_property
from pathlib import Path

from rapidfuzz import fuzz, process

from sitrep.geo.build import FUZZY_MIN_POPULATION, ensure_index
from sitrep.geo.language import PlaceWords, Target, place_words
from sitrep.geo.normalize import fold, normalize
from sitrep.geo.regions import REGIONS
from sitrep.model import PLACE_FIELDS, Place, Span

# How much each kind of match is worth. A gap of 1.0 outweighs 7 orders of magnitude of population, so an
# exact name always beats a folded one, and a folded one beats a fuzzy one.
MATCH_WEIGHT = {"exonym": 3.2, "name": 3.0, "alternate": 2.7, "folded name": 1.9, "folded": 1.8, "fuzzy": 1.0}
# A name that is a country's means the country (Georgia, Kuwait, Mexico); a town is preferred to the
# division named after it (Balkh town over Balkh province) unless the text says "province".
KIND_WEIGHT = {"country": 1.5, "region": 1.0, "city": 0.1, "admin2": 0.05, "admin1": 0.0}
HINT_WEIGHT = 0.6
# matches that are not a name of the place but a spelling near one: evidence only within a country the article
# is about (its other places, or the language's home country)
NEAR_SPELLINGS = frozenset({"fuzzy", "folded", "folded name"})
SURE_ALTERNATE_POPULATION = 20_000
LARGER_KINDS = frozenset({"country", "admin1", "admin2", "region"})
FUZZY_CUTOFF = 90  # rapidfuzz ratio on folded keys; below this, unrelated names start to match
FUZZY_MIN_LENGTH = 5
FOLDED_MIN_LENGTH = 4
FOLDED_MIN_SHARE = 0.6
NEAR_COUNTRY_WEIGHT = 0.25
HOME_COUNTRY_WEIGHT = 0.15  # the language's own country (places.yaml ``home_country``): weaker than the article's
# a name written with letters that folding changes ("Bø") is the place of that very spelling: Bø, not Bo (Sierra
# Leone), whose name only matches once the ø is folded away
SAME_SPELLING_WEIGHT = 0.3
NEAR_DISTANCE_WEIGHT = 1.0
NEAR_DISTANCE_KM = 200.0

Near = Sequence[tuple[float, float] | str]


@dataclass(frozen=True)
class Candidate:
    """A place a name may refer to, with the evidence for it."""

    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    admin1: str | None
    country: str | None
    kind: str  # city, admin1, country, region
    population: int | None
    score: float
    match: str  # exonym, name, alternate, folded, fuzzy
    matched: str  # the normalised form that matched
    code: str | None = None  # ISO 3166 code of a country or division
    coord_source: str | None = None  # for countries, divisions, regions: where lat/lon come from
    part: str | None = None  # compass part of the place (west, north, ...) when the text names one
    rank_population: int = 0
    layer: str = "global"  # where it was found: global, nordic (Nordic postal places), exonym (the language's list)

    def to_place(self, span: Span) -> Place:
        fields = {f: getattr(self, f) for f in PLACE_FIELDS}
        return Place(span=span, population=self.population, **fields)

    def to_dict(self) -> dict:
        out = asdict(self)
        out["score"] = round(self.score, 3)
        del out["rank_population"]
        return out


EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle (haversine) distance between two (lat, lon) points in degrees. sitrep's one distance: place
    ranking here, "the same place within 25 km" in stories and in evaluation."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


_COLUMNS = (
    "p.pid, p.geonameid, p.name, p.lat, p.lon, p.admin1, p.country, p.kind, p.population, p.rank_population,"
    " p.code, p.coord_source, p.layer"
)


class Gazetteer:
    """Read-only access to one index file (built on first use)."""

    def __init__(self, path: Path | None = None):
        self.path = ensure_index(path)
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        self._fuzzy_cache: dict[str, dict[int | str, Candidate]] = {}

    @property
    def db(self) -> sqlite3.Connection:
        # A connection must not cross a fork (Dask and multiprocessing workers): each process opens its own.
        if self._db is None or self._pid != os.getpid():
            self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._db

    # ---- lookup ------------------------------------------------------------------------------------------

    def _rows(self, where: str, args: tuple) -> list[tuple]:
        return self.db.execute(
            f"SELECT {_COLUMNS}, n.is_primary FROM names n JOIN places p USING (pid) WHERE {where}", args
        ).fetchall()

    def _found(self, row: tuple, match: str, matched: str) -> tuple[int, Candidate]:
        pid, gid, name, lat, lon, admin1, country, kind, pop, rank_pop, code, source, layer = row[:13]
        cand = Candidate(
            name,
            gid,
            lat,
            lon,
            admin1,
            country,
            kind,
            pop,
            0.0,
            match,
            matched,
            code,
            source,
            rank_population=rank_pop or 0,
            layer="exonym" if match == "exonym" else layer,
        )
        return pid, cand

    def _target(self, target: Target, key: str) -> list[tuple[int | str, Candidate]]:
        if target.kind == "region":
            if target.ref not in REGIONS:
                return []
            name, lat, lon = REGIONS[target.ref]
            cand = Candidate(
                name,
                None,
                lat,
                lon,
                None,
                None,
                "region",
                None,
                0.0,
                "exonym",
                key,
                coord_source="approximate centre",
                layer="exonym",
            )
            return [(f"region:{target.ref}", cand)]
        column = "p.geonameid" if target.kind == "city" else "p.code"
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM places p WHERE {column} = ? AND p.kind = ?", (target.ref, target.kind)
        ).fetchall()
        return [self._found(row, "exonym", key) for row in rows]

    def _exact(self, key: str, words: PlaceWords) -> dict[int | str, Candidate]:
        found: dict[int | str, Candidate] = {}

        def keep(pid, cand):
            old = found.get(pid)
            if old is None or MATCH_WEIGHT[cand.match] > MATCH_WEIGHT[old.match]:
                found[pid] = cand

        if not key:
            return found
        for target in words.names.get(key, ()):
            for pid, cand in self._target(target, key):
                keep(pid, cand)
        for row in self._rows("n.key = ?", (key,)):
            keep(*self._found(row, "name" if row[-1] else "alternate", key))
        folded = fold(key)
        if _folded_enough(key, folded):
            for row in self._rows("n.fold = ?", (folded,)):
                keep(*self._found(row, "folded name" if row[-1] else "folded", folded))
        return found

    @cached_property
    def _fuzzy_pool(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT fold FROM fuzzy")]

    def _fuzzy(self, key: str) -> dict[int | str, Candidate]:
        """Near spellings (rapidfuzz over every folded name: the slow path, so each key is done once)."""
        if key not in self._fuzzy_cache:
            self._fuzzy_cache[key] = self._fuzzy_uncached(key)
        return self._fuzzy_cache[key]

    def _fuzzy_uncached(self, key: str) -> dict[int | str, Candidate]:
        folded = fold(key)
        found: dict[int | str, Candidate] = {}
        if len(folded) < FUZZY_MIN_LENGTH:
            return found
        for other, similarity, _ in process.extract(
            folded, self._fuzzy_pool, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=10
        ):
            rows = self._rows(
                "n.fold = ? AND (p.rank_population >= ? OR p.kind != 'city')", (other, FUZZY_MIN_POPULATION)
            )
            for row in rows:
                pid, cand = self._found(row, "fuzzy", other)
                bonus = (similarity - FUZZY_CUTOFF) / (100 - FUZZY_CUTOFF) * 0.5
                found.setdefault(pid, replace(cand, score=bonus))
        return found

    def _lookup(self, name: str, words: PlaceWords) -> tuple[dict[int | str, Candidate], str | None]:
        """Candidates for the first form of ``name`` that finds any, and the kind that form hints at."""
        key = normalize(name)
        if _is_acronym(name):  # "EU", "UK": only the language's own list says which are places
            found = {}
            for target in words.names.get(key, ()):
                found.update(self._target(target, key))
            return found, None
        found = self._exact(key, words)
        if found:
            if any(c.kind in LARGER_KINDS for c in found.values()):
                return found, None
            # a genitive of a country or division beside a small place of that spelling: "Norges" is Norway's,
            # not Norges-la-Ville (ranking decides, by kind)
            larger = {pid: c for rest, _ in words.stripped(key) for pid, c in self._exact(rest, words).items()
                      if c.kind in LARGER_KINDS}
            return {**found, **larger}, None
        for rest, hint in words.stripped(key):
            found = self._exact(rest, words)
            if found:
                return found, hint
        split = words.part(name)
        if split:
            part, rest = split
            # "<north>-Darfur" is the division GeoNames calls "North Darfur", not the north of "Darfur"
            whole = self._exact(normalize(f"{part} {rest}"), words)
            if whole:
                return whole, None
            found, hint = self._lookup(rest, words)
            return {pid: _with_part(c, part) for pid, c in found.items()}, hint
        return self._fuzzy(key), None

    # ---- ranking -----------------------------------------------------------------------------------------

    def candidates(
        self,
        name: str,
        country: str | None = None,
        near: Near | None = None,
        lang: str | None = "nb",
        limit: int = 10,
        section: str | None = None,
    ) -> list[Candidate]:
        """Places ``name`` may refer to, best first. ``country`` (ISO alpha-2) keeps only that country's;
        ``near`` (the article's other places: ``(lat, lon)`` pairs or country codes) favours places close
        to them. ``lang`` selects the exonyms and name suffixes of ``lang/<code>/places.yaml``, and its home
        country: a weak prior, as strong as the article's own countries in a domestic ``section`` ("innenriks")
        and none in a foreign one ("utenriks")."""
        words = place_words(lang)
        found, hint = self._lookup(name, words)
        points = [p for p in near or () if not isinstance(p, str)]
        countries = {p.upper() for p in near or () if isinstance(p, str)}
        reach = words.section_reach(section)
        home = None if reach == "foreign" else words.home_country
        written = " ".join(name.split()).casefold()
        special = normalize(name) != written  # diacritics or letters such as ø, å, æ
        home_weight = NEAR_COUNTRY_WEIGHT if reach == "domestic" else HOME_COUNTRY_WEIGHT
        # a name or alias of some place outranks every near spelling: "Milano" is Milan, not Meulan
        named = any(c.match not in NEAR_SPELLINGS for c in found.values())
        ranked = []
        for cand in found.values():
            if country and cand.country != country.upper():
                continue
            if cand.match in NEAR_SPELLINGS and named:
                continue
            if not (_sure(cand) or country or cand.country in countries or cand.country == home):
                continue  # a near spelling (or a small town's alternate name) never jumps abroad
            score = cand.score + MATCH_WEIGHT[cand.match] + KIND_WEIGHT.get(cand.kind, 0.0)
            if special and cand.name.casefold() == written:
                score += SAME_SPELLING_WEIGHT
            score += math.log10(cand.rank_population + 1) / 7
            if hint and cand.kind == hint:
                score += HINT_WEIGHT
            if cand.country and cand.country in countries:
                score += NEAR_COUNTRY_WEIGHT
            elif cand.country and cand.country == home:
                score += home_weight
            if points and cand.lat is not None:
                closest = min(distance_km((cand.lat, cand.lon), p) for p in points)
                score += NEAR_DISTANCE_WEIGHT * math.exp(-closest / NEAR_DISTANCE_KM)
            ranked.append(replace(cand, score=score))
        ranked.sort(key=lambda c: (-c.score, -c.rank_population, c.geonameid or 0, c.name))
        return ranked[:limit] if limit else ranked

    def best(
        self,
        name: str,
        country: str | None = None,
        near: Near | None = None,
        lang: str | None = "nb",
        section: str | None = None,
    ) -> Candidate | None:
        found = self.candidates(name, country=country, near=near, lang=lang, limit=1, section=section)
        return found[0] if found else None

    def resolve_many(
        self, names: Iterable[str], country: str | None = None, lang: str | None = "nb", section: str | None = None
    ) -> list[Candidate | None]:
        """Resolve an article's place names together: each is ranked again near the others' first choices,
        so "Bergen" next to "Oslo" stays in Norway and "Kalat" next to "Quetta" stays in Pakistan."""
        names = list(names)
        first = [self.best(n, country=country, lang=lang, section=section) for n in names]
        out = []
        for i, name in enumerate(names):
            others = [
                c
                for j, c in enumerate(first)
                if j != i and c is not None and normalize(names[j]) != normalize(name) and _sure(c)
            ]
            near: list = [(c.lat, c.lon) for c in others if c.lat is not None and c.kind != "country"]
            near += [c.country for c in others if c.country]
            out.append(self.best(name, country=country, near=near, lang=lang, section=section) if others else first[i])
        return out


def _sure(cand: Candidate) -> bool:
    """Whether a first choice is sure enough to be context for the article's other names: not a near spelling,
    and not a small town found by one of its alternate names ("Etika" is an alternate name of Attica, Indiana:
    it must not pull the article's "Paris" to the United States)."""
    if cand.match in NEAR_SPELLINGS:
        return False
    return cand.match != "alternate" or cand.kind != "city" or cand.rank_population >= SURE_ALTERNATE_POPULATION


def _folded_enough(key: str, folded: str) -> bool:
    """A folded key says little when folding took away much of the name ("Rubaya" -> "rub" would match Rubio,
    Rubí and Raub): it must keep at least FOLDED_MIN_LENGTH letters and FOLDED_MIN_SHARE of the name's."""
    letters = len(key.replace(" ", ""))
    return len(folded) >= FOLDED_MIN_LENGTH and len(folded) >= FOLDED_MIN_SHARE * letters


def _is_acronym(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return 0 < len(letters) <= 3 and all(ch.isupper() for ch in letters)


def _with_part(cand: Candidate, part: str) -> Candidate:
    """The named part of a place ("West-Afghanistan" in a language's words): a region inside it. Only a town keeps its
    coordinates; for anything larger, its capital or centre says nothing about where the part is."""
    keep = cand.kind == "city"
    return replace(
        cand,
        name=f"{cand.name} ({part})",
        geonameid=None,
        kind="region",
        part=part,
        lat=cand.lat if keep else None,
        lon=cand.lon if keep else None,
        coord_source=cand.coord_source if keep else None,
    )
