"""Geocoding against hand-checked references: every place mention (GPE_LOC, LOC) of NorNE documents, resolved the
way an article resolves its places (all of a document's place names together, each ranked near the others).

The references (``corpus/places-nb/``) give each mention what it refers to in its context: a kind, a name, a
country and, for a point-like place, coordinates. A resolution is judged by the reference's kind:

- a point (``place``, ``admin2``, ``feature``, ``poi``): **right** within ``MAX_KM`` of the reference point;
- an ``admin1`` (a county, a state): right within ``MAX_KM``, or a first-level division of that country within
  ``AREA_KM`` (a division's representative point is a matter of convention);
- a ``country``: right when it is that country (a town in it is not);
- a ``region`` (Europa, Vestlandet): right when it is a region or continent;
- ``none`` (not a place in its context): not scored; how many got coordinates is reported.

Anything else placed is **wrong country** (a country given and not the reference's) or **off** (the right
country, the wrong place); a mention given nothing is **unplaced**.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep import geo
from sitrep.geo.gazetteer import Candidate

PLACE_LABELS = ("GPE_LOC", "LOC")
MAX_KM = 25.0
AREA_KM = 150.0
POINT_KINDS = ("place", "admin2", "feature", "poi")
KINDS = (*POINT_KINDS, "admin1", "country", "region", "none")
OUTCOMES = ("right", "wrong country", "off", "unplaced")
_REGION_KINDS = {"region", "continent"}


class ReferenceFileError(ValueError):
    """A reference file or the NorNE file it points into is not what it should be."""


@dataclass(frozen=True)
class Reference:
    n: int
    doc: str
    part: str
    sent_id: str
    mention: str
    kind: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    check: str

    @property
    def point(self) -> tuple[float, float] | None:
        return (self.lat, self.lon) if self.lat is not None and self.lon is not None else None


def read_references(path: Path, parts: tuple[str, ...] | None = None) -> list[Reference]:
    """The references of ``path`` (of ``parts`` only, when given: ``tune``, ``test``)."""
    out = []
    with open(path, encoding="utf-8", newline="") as handle:
        for line_no, row in enumerate(csv.DictReader(handle, delimiter="\t"), 2):
            where = f"{path}:{line_no}"
            if row.get("ref_kind") not in KINDS:
                raise ReferenceFileError(f"{where}: ref_kind must be one of {', '.join(KINDS)}, got {row.get('ref_kind')!r}")
            try:
                lat = float(row["lat"]) if row["lat"] else None
                lon = float(row["lon"]) if row["lon"] else None
            except ValueError as exc:
                raise ReferenceFileError(f"{where}: lat/lon must be decimal degrees ({exc})") from None
            out.append(
                Reference(
                    int(row["n"]),
                    row["doc"],
                    row["part"],
                    row["sent_id"],
                    row["mention"],
                    row["ref_kind"],
                    row["ref_name"],
                    row["country"] or None,
                    lat,
                    lon,
                    row["check"],
                )
            )
    return [r for r in out if parts is None or r.part in parts]


def check_mentions(references: list[Reference], norne_file: Path) -> None:
    """Every reference's mention must be a place entity of its sentence in the NorNE file given."""
    from sitrep.nlp.training.norne import entity_spans, read_conllu

    wanted = {r.sent_id for r in references}
    found: dict[str, Counter] = {}
    for sentence in read_conllu(norne_file):
        if sentence.sent_id not in wanted:
            continue
        found[sentence.sent_id] = Counter(
            " ".join(t.form for t in sentence.tokens[start:end])
            for start, end, label in entity_spans(sentence.tokens)
            if label in PLACE_LABELS
        )
    for r in references:
        if r.sent_id not in found:
            raise ReferenceFileError(f"{norne_file}: sentence {r.sent_id} of reference {r.n} is not in this file")
        if not any(_same_words(r.mention, name) for name in found[r.sent_id]):
            raise ReferenceFileError(
                f"{norne_file}: reference {r.n} ({r.mention!r}) is not a place entity of sentence {r.sent_id}"
            )


def _same_words(a: str, b: str) -> bool:
    return a.replace(" ", "") == b.replace(" ", "")


def judge(ref: Reference, cand: Candidate | None) -> str:
    if cand is None:
        return "unplaced"
    near = (
        ref.point is not None
        and cand.lat is not None
        and geo.distance_km((cand.lat, cand.lon), ref.point)
    )
    if ref.kind in POINT_KINDS and near is not False and near <= MAX_KM:
        return "right"
    if ref.kind == "admin1" and near is not False and (
        near <= MAX_KM or (cand.kind == "admin1" and cand.country == ref.country and near <= AREA_KM)
    ):
        return "right"
    if ref.kind == "country" and cand.kind == "country" and cand.country == ref.country:
        return "right"
    if ref.kind == "region" and cand.kind in _REGION_KINDS:
        return "right"
    if ref.country and cand.country and cand.country != ref.country:
        return "wrong country"
    return "off"


@dataclass
class Judged:
    ref: Reference
    cand: Candidate | None
    outcome: str

    def to_dict(self) -> dict[str, Any]:
        c = self.cand
        return {
            "n": self.ref.n,
            "doc": self.ref.doc,
            "mention": self.ref.mention,
            "reference": {"kind": self.ref.kind, "name": self.ref.name, "country": self.ref.country},
            "resolved": None
            if c is None
            else {"name": c.name, "kind": c.kind, "country": c.country, "lat": c.lat, "lon": c.lon, "layer": c.layer},
            "outcome": self.outcome,
        }


@dataclass
class PlaceScores:
    judged: list[Judged] = field(default_factory=list)

    def counts(self, kinds: tuple[str, ...] | None = None) -> Counter:
        return Counter(j.outcome for j in self.judged if kinds is None or j.ref.kind in kinds)

    @property
    def scored(self) -> list[Judged]:
        return [j for j in self.judged if j.ref.kind != "none"]

    def share(self, outcome: str, kinds: tuple[str, ...] | None = None) -> float:
        pool = [j for j in self.scored if kinds is None or j.ref.kind in kinds]
        return sum(j.outcome == outcome for j in pool) / len(pool) if pool else 0.0

    def to_dict(self) -> dict[str, Any]:
        by_kind = {}
        for kind in KINDS:
            rows = [j for j in self.judged if j.ref.kind == kind]
            if rows:
                by_kind[kind] = {"n": len(rows), **{o: sum(j.outcome == o for j in rows) for o in OUTCOMES}}
        n = len(self.scored)
        return {
            "mentions": len(self.judged),
            "scored": n,
            "right": self.share("right"),
            "wrong_country": self.share("wrong country"),
            "off": self.share("off"),
            "unplaced": self.share("unplaced"),
            "points_within_25_km": self.share("right", POINT_KINDS),
            "points": sum(1 for j in self.scored if j.ref.kind in POINT_KINDS),
            "by_kind": by_kind,
        }


def score_places(references: list[Reference], lang: str = "nb") -> PlaceScores:
    """Resolve each document's mentions together (as ``PlaceResolver`` does) and judge each one."""
    by_doc: dict[str, list[Reference]] = defaultdict(list)
    for ref in references:
        by_doc[ref.doc].append(ref)
    scores = PlaceScores()
    for doc in sorted(by_doc):
        names = sorted({r.mention for r in by_doc[doc]})
        best = dict(zip(names, geo.resolve_many(names, lang=lang)))
        for ref in by_doc[doc]:
            scores.judged.append(Judged(ref, best[ref.mention], judge(ref, best[ref.mention])))
    scores.judged.sort(key=lambda j: j.ref.n)
    return scores
