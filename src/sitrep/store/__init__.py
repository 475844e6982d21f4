"""The event store: articles, events, spans, sources and stories in SQLite (default) or PostgreSQL.

    from sitrep.store import open_store, ingest, pipeline_version, query_events, Filters
    store = open_store("sitrep.db")            # or "postgresql://user:pw@host/db"; None: $SITREP_DB or sitrep.db
    summary = ingest(store, read_paths(["news/"]), extract_article, pipeline_version=pipeline_version("nb 1.0"))
    query_events(store, Filters(type="COERCE", country="AF"))

Names are imported lazily (``sitrep.store.cli`` must not pull in SQLAlchemy just to print ``--help``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "Store": "db",
    "database_url": "db",
    "open_store": "db",
    "IngestSummary": "write",
    "ReextractSummary": "write",
    "ingest": "write",
    "pipeline_version": "write",
    "record_failure": "write",
    "reextract": "write",
    "replace_events": "write",
    "store_extracted": "write",
    "LATEST_VERSION": "migrations",
    "MIGRATIONS": "migrations",
    "SchemaTooNew": "migrations",
    "BoardRow": "queries",
    "EventRecord": "queries",
    "Filters": "queries",
    "Report": "queries",
    "StoryRecord": "queries",
    "board": "queries",
    "query_events": "queries",
    "query_stories": "queries",
    "SearchHit": "fulltext",
    "search": "fulltext",
}

__all__ = [
    "LATEST_VERSION",
    "MIGRATIONS",
    "BoardRow",
    "EventRecord",
    "Filters",
    "IngestSummary",
    "ReextractSummary",
    "Report",
    "SchemaTooNew",
    "SearchHit",
    "Store",
    "StoryRecord",
    "board",
    "database_url",
    "ingest",
    "open_store",
    "pipeline_version",
    "query_events",
    "query_stories",
    "record_failure",
    "reextract",
    "replace_events",
    "search",
    "store_extracted",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'sitrep.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"sitrep.store.{module}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:  # pragma: no cover
    from sitrep.store.db import Store, database_url, open_store
    from sitrep.store.fulltext import SearchHit, search
    from sitrep.store.migrations import LATEST_VERSION, MIGRATIONS, SchemaTooNew
    from sitrep.store.queries import (
        BoardRow,
        EventRecord,
        Filters,
        Report,
        StoryRecord,
        board,
        query_events,
        query_stories,
    )
    from sitrep.store.write import (
        IngestSummary,
        ReextractSummary,
        ingest,
        pipeline_version,
        record_failure,
        reextract,
        replace_events,
        store_extracted,
    )
