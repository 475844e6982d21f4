"""Full-text search over article text: SQLite FTS5 or PostgreSQL ``to_tsvector('simple', text)``, one interface.

A query is words (letters and digits); every word must occur in the article (AND), case-insensitively, and a
word ending in ``*`` matches as a prefix (``erobr*``). No stemming on either backend, so both give the same hits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text

from sitrep.store.db import Store

_TERM = re.compile(r"(\w+)(\*?)")


@dataclass(frozen=True)
class SearchHit:
    article_id: str
    snippet: str
    rank: float  # larger is better


def _terms(query: str) -> list[tuple[str, bool]]:
    return [(word.lower(), bool(star)) for word, star in _TERM.findall(query)]


def search(store: Store, query: str, limit: int = 20) -> list[SearchHit]:
    """Articles whose text holds every word of ``query``, best first."""
    terms = _terms(query)
    if not terms:
        return []
    with store.read() as conn:
        if store.dialect == "postgresql":
            tsquery = " & ".join(f"{w}:*" if star else w for w, star in terms)
            rows = conn.execute(
                text(
                    "SELECT id, ts_rank(text_tsv, q) AS rank, "
                    "ts_headline('simple', text, q, 'StartSel=[,StopSel=],MaxWords=24,MinWords=8') AS snippet "
                    "FROM articles, to_tsquery('simple', :q) AS q WHERE text_tsv @@ q "
                    "ORDER BY rank DESC, id LIMIT :limit"
                ),
                {"q": tsquery, "limit": limit},
            )
            return [SearchHit(r.id, r.snippet, float(r.rank)) for r in rows]
        match = " ".join('"' + w.replace('"', '""') + '"' + ("*" if star else "") for w, star in terms)
        rows = conn.execute(
            text(
                "SELECT article_id, bm25(article_fts) AS rank, "
                "snippet(article_fts, 1, '[', ']', '…', 16) AS snippet "
                "FROM article_fts WHERE article_fts MATCH :q ORDER BY rank, article_id LIMIT :limit"
            ),
            {"q": match, "limit": limit},
        )
        return [SearchHit(r.article_id, r.snippet, -float(r.rank)) for r in rows]
