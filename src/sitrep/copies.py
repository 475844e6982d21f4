"""Wire copies: articles that are one story republished (a new heading, a cut paragraph, a local sentence added)
are grouped under their original, so a story counts them as one independent source.

**What a copy is.** Each article's text is cut into word shingles (``SHINGLE`` consecutive casefolded words) and
summarised by a MinHash signature (``datasketch``, a fixed seed: the same text always gives the same signature).
Two articles are copies when the estimated share of the smaller one's shingles that the other also has is at least
``MIN_CONTAINMENT``: a copy with a paragraph cut is still contained in its original, and a local sentence added
barely changes it, while two reporters writing about one event share almost no five-word run.

**Finding them.** Signatures are cut into LSH bands (``datasketch.MinHashLSH``'s choice for a Jaccard threshold of
``LSH_THRESHOLD``: an edited copy — Jaccard 0.7 and more — shares a band with its original with probability 0.98
and more; an excerpt of less than half its original is found less surely, and short texts that share only
boilerplate rarely become candidates, which keeps ingest fast); the bands are stored (``article_bands``), so a new
article is compared only with the stored articles that share a band with it, in SQL, on SQLite and PostgreSQL.

**Groups.** Copies are the connected components of the copy relation; a group's *original* is its earliest
member from a news agency (``sitrep/data/wire_agencies.yaml``), else its earliest published (undated members
last), then the smallest id; every other member's ``articles.copy_of`` names it. The relation depends on the two texts only, so the groups and their originals are the same whatever
order the articles arrived in, incrementally (``add_article``) or rebuilt (``rebuild_copies``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, cached_property
from importlib import resources

import numpy as np
import yaml
from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from sitrep.store.schema import article_bands, articles

SHINGLE = 5  # words
NUM_PERM = 128
SEED = 1
LSH_THRESHOLD = 0.5
MIN_CONTAINMENT = 0.7
_WORD = re.compile(r"\w+")
_CHUNK = 500


@dataclass(frozen=True)
class Fingerprint:
    """An article's MinHash signature and the number of distinct shingles it was made from."""

    signature: np.ndarray  # uint32, NUM_PERM
    size: int

    @cached_property
    def bands(self) -> tuple[int, ...]:
        """Its LSH band keys (computed when asked: stored fingerprints are mostly only compared)."""
        return _band_keys(self.signature)

    def to_bytes(self) -> bytes:
        return self.signature.astype("<u4").tobytes()

    @classmethod
    def from_stored(cls, data: bytes, size: int) -> Fingerprint:
        return cls(np.frombuffer(data, dtype="<u4").astype(np.uint32), size)


def shingles(text: str) -> set[str]:
    """The article's distinct runs of ``SHINGLE`` casefolded words (the whole text as one when it is shorter)."""
    words = _WORD.findall(unicodedata.normalize("NFC", text).casefold())
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


@cache
def _hashranges() -> tuple[tuple[int, int], ...]:
    from datasketch import (
        MinHashLSH,  # not at import: datasketch loads scipy, and every store opening imports us
    )

    return tuple(MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM).hashranges)


def _band_keys(signature: np.ndarray) -> tuple[int, ...]:
    keys = []
    for index, (start, end) in enumerate(_hashranges()):
        digest = hashlib.blake2b(signature[start:end].astype("<u4").tobytes(), digest_size=8, person=b"band%d" % index)
        keys.append(int.from_bytes(digest.digest(), "little", signed=True))
    return tuple(keys)


def fingerprint(text: str) -> Fingerprint:
    grams = shingles(text)
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch([g.encode("utf-8") for g in sorted(grams)])
    return Fingerprint(minhash.hashvalues.astype(np.uint32), len(grams))


def containment(a: Fingerprint, b: Fingerprint) -> float:
    """The estimated share of the smaller text's shingles that the other has (from the estimated Jaccard J and
    the two sizes: |A ∩ B| = J (|A| + |B|) / (1 + J))."""
    if a.size == 0 or b.size == 0:
        return 0.0
    jaccard = float(np.mean(a.signature == b.signature))
    shared = jaccard * (a.size + b.size) / (1 + jaccard)
    return min(1.0, shared / min(a.size, b.size))


def is_copy(a: Fingerprint, b: Fingerprint) -> bool:
    return containment(a, b) >= MIN_CONTAINMENT


@cache
def wire_agencies() -> frozenset[str]:
    path = resources.files("sitrep") / "data" / "wire_agencies.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return frozenset(name.casefold() for name in data.get("agencies", []))


@dataclass(frozen=True)
class Stored:
    """What grouping needs of a stored article."""

    fingerprint: Fingerprint
    published: date | None
    outlet: str | None
    copy_of: str | None


def original(members: dict[str, Stored]) -> str:
    """The original of a group of copies: a news agency's, else the earliest published, then the smallest id."""

    def key(item: tuple[str, Stored]):
        aid, m = item
        agency = (m.outlet or "").strip().casefold() in wire_agencies()
        return (not agency, m.published is None, m.published or date.min, aid)

    return min(members.items(), key=key)[0]


# ---- in the store -------------------------------------------------------------------------------------------


def fingerprint_columns(fp: Fingerprint) -> dict:
    """The ``articles`` columns that hold a fingerprint (written with the article's row)."""
    return {"minhash": fp.to_bytes(), "shingle_count": fp.size}


def _store_bands(conn: Connection, article_id: str, fp: Fingerprint) -> None:
    conn.execute(
        article_bands.insert(),
        [{"article_id": article_id, "band": i, "key": key} for i, key in enumerate(fp.bands)],
    )


def _stored(conn: Connection, ids: Iterable[str]) -> dict[str, Stored]:
    """The fingerprinted articles among ``ids``."""
    out = {}
    ids = sorted(set(ids))
    for i in range(0, len(ids), _CHUNK):
        rows = conn.execute(
            select(
                articles.c.id,
                articles.c.minhash,
                articles.c.shingle_count,
                articles.c.published_start,
                articles.c.outlet,
                articles.c.copy_of,
            ).where(articles.c.id.in_(ids[i : i + _CHUNK]), articles.c.minhash.is_not(None))
        )
        for r in rows:
            fp = Fingerprint.from_stored(r.minhash, r.shingle_count)
            out[r.id] = Stored(fp, r.published_start, r.outlet, r.copy_of)
    return out


def _copies_of(conn: Connection, article_id: str, fp: Fingerprint) -> list[str]:
    """Stored articles that are copies of ``fp`` (sharing an LSH band, then checked)."""
    # band keys are hashed with their band's index, so a key alone names one band of one signature slice
    candidates = set(
        conn.execute(select(article_bands.c.article_id).where(article_bands.c.key.in_(fp.bands)).distinct()).scalars()
    )
    candidates.discard(article_id)
    stored = _stored(conn, candidates)
    return sorted(a for a, other in stored.items() if is_copy(fp, other.fingerprint))


def _group_members(conn: Connection, roots: Iterable[str]) -> set[str]:
    """Every article of the groups whose originals are ``roots``."""
    roots = sorted(set(roots))
    members = set(roots)
    for i in range(0, len(roots), _CHUNK):
        members.update(
            conn.execute(select(articles.c.id).where(articles.c.copy_of.in_(roots[i : i + _CHUNK]))).scalars()
        )
    return members


def _assign(conn: Connection, group: dict[str, Stored]) -> set[str]:
    """Point every member of ``group`` at its original; the ids whose ``copy_of`` changed."""
    root = original(group)
    changed = set()
    for member in sorted(group):
        want = None if member == root else root
        if group[member].copy_of != want:
            conn.execute(update(articles).where(articles.c.id == member).values(copy_of=want))
            changed.add(member)
    return changed


def add_article(conn: Connection, article_id: str, fp: Fingerprint) -> set[str]:
    """Join a newly stored article (its row holding ``fingerprint_columns(fp)``) to the copies already stored,
    inside the caller's transaction. Returns the ids of the other articles whose group changed (their stories'
    source counts may)."""
    _store_bands(conn, article_id, fp)
    matches = _copies_of(conn, article_id, fp)
    if not matches:
        return set()
    roots = {m.copy_of or a for a, m in _stored(conn, matches).items()}
    if len(roots) == 1:  # joins one group: only a new original changes the others
        pair = _stored(conn, {article_id, *roots})
        if original(pair) != article_id:
            conn.execute(update(articles).where(articles.c.id == article_id).values(copy_of=next(iter(roots))))
            return set()
    group = _stored(conn, _group_members(conn, roots) | {article_id})
    return _assign(conn, group) - {article_id}


def rebuild_copies(conn: Connection) -> int:
    """Fingerprint every article that has none and recompute every group from scratch (migrations, repairs).
    Returns the number of groups with more than one article."""
    missing = list(conn.execute(select(articles.c.id, articles.c.text).where(articles.c.minhash.is_(None))))
    for row in missing:
        fp = fingerprint(row.text)
        conn.execute(update(articles).where(articles.c.id == row.id).values(**fingerprint_columns(fp)))
        _store_bands(conn, row.id, fp)
    conn.execute(update(articles).where(articles.c.copy_of.is_not(None)).values(copy_of=None))
    stored = _stored(conn, conn.execute(select(articles.c.id)).scalars())
    parent = {a: a for a in stored}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_band: dict[tuple[int, int], list[str]] = {}
    for a in sorted(stored):
        for band in enumerate(stored[a].fingerprint.bands):
            by_band.setdefault(band, []).append(a)
    for ids in by_band.values():
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                if find(a) != find(b) and is_copy(stored[a].fingerprint, stored[b].fingerprint):
                    parent[max(find(a), find(b))] = min(find(a), find(b))
    groups: dict[str, dict[str, Stored]] = {}
    for a, m in stored.items():
        groups.setdefault(find(a), {})[a] = replace(m, copy_of=None)
    for group in groups.values():
        if len(group) > 1:
            _assign(conn, group)
    return sum(1 for g in groups.values() if len(g) > 1)
