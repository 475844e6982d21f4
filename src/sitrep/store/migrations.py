"""Versioned schema migrations: plain numbered functions, applied in order, each in its own transaction.

``schema_version`` holds one row per applied migration. Every migration is written against the schema *as it was*
at that version (its own table definitions), never against ``schema.py``, so an old database upgrades the same
way tomorrow as today. To change the schema: add a function here, append it to ``MIGRATIONS``, and update
``schema.py`` to match (``tests/test_store.py`` checks that they agree).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    inspect,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Connection

from sitrep.store.ids import text_hash


class SchemaTooNew(RuntimeError):
    pass


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


# ---- 1: the initial schema ----------------------------------------------------------------------------------


def _v1_tables(md: MetaData) -> None:
    json = JSON().with_variant(JSONB(), "postgresql")
    Table(
        "articles",
        md,
        Column("id", String(64), primary_key=True),
        Column("text", Text, nullable=False),
        Column("language", String(16)),
        Column("published_start", Date),
        Column("published_end", Date),
        Column("published_precision", String(8)),
        Column("section", Text),
        Column("outlet", Text),
        Column("url", Text),
        Column("path", Text),
        Column("extra", json),
        Column("entities", json),
        Column("pipeline_version", Text),
        Column("ingested_at", DateTime(timezone=True), nullable=False),
        Index("ix_articles_outlet", "outlet"),
        Index("ix_articles_published", "published_start"),
        Index("ix_articles_pipeline_version", "pipeline_version"),
    )
    Table(
        "events",
        md,
        Column("id", String(32), primary_key=True),
        Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        Column("idx", Integer, nullable=False),
        Column("type", String(32), nullable=False),
        Column("mode", String(32)),
        Column("contexts", json),
        Column("acled_event_type", Text),
        Column("acled_sub_event_type", Text),
        Column("actor", Text),
        Column("actor_text", Text),
        Column("actor_kind", String(32)),
        Column("actor_country", String(2)),
        Column("actor_key", Text),
        Column("co_actors", json),
        Column("target", Text),
        Column("target_text", Text),
        Column("target_kind", String(32)),
        Column("target_country", String(2)),
        Column("target_key", Text),
        Column("place_name", Text),
        Column("place_geonameid", BigInteger),
        Column("place_lat", Float),
        Column("place_lon", Float),
        Column("place_admin1", Text),
        Column("place_country", String(2)),
        Column("place_kind", String(16)),
        Column("place_population", BigInteger),
        Column("time_start", Date),
        Column("time_end", Date),
        Column("time_precision", String(8)),
        Column("time_anchor", String(16)),
        Column("when_start", Date),
        Column("when_end", Date),
        Column("status", String(16), nullable=False),
        Column("conditional", Boolean, nullable=False),
        Column("negated", Boolean, nullable=False),
        Column("confidence", Float, nullable=False),
        Column("quantities", json),
        Column("fatalities", Integer),
        Column("pipeline_version", Text, nullable=False),
        Index("ix_events_article", "article_id"),
        Index("ix_events_type", "type", "mode"),
        Index("ix_events_actor_key", "actor_key", "target_key"),
        Index("ix_events_place", "place_lat", "place_lon"),
        Index("ix_events_country", "place_country"),
        Index("ix_events_when", "when_start"),
    )
    Table(
        "spans",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("event_id", String(32), ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        Column("role", String(32), nullable=False),
        Column("start_char", Integer, nullable=False),
        Column("end_char", Integer, nullable=False),
        Column("text", Text, nullable=False),
        UniqueConstraint("event_id", "role", name="uq_spans_event_role"),
    )
    Table(
        "sources",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("event_id", String(32), ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        Column("idx", Integer, nullable=False),
        Column("text", Text, nullable=False),
        Column("canonical", Text),
        Column("start_char", Integer, nullable=False),
        Column("end_char", Integer, nullable=False),
        UniqueConstraint("event_id", "idx", name="uq_sources_event_idx"),
        Index("ix_sources_canonical", "canonical"),
    )
    Table(
        "stories",
        md,
        Column("id", String(32), primary_key=True),
        Column("type", String(32), nullable=False),
        Column("mode", String(32)),
        Column("contexts", json),
        Column("acled_event_type", Text),
        Column("acled_sub_event_type", Text),
        Column("actor", Text),
        Column("target", Text),
        Column("place_name", Text),
        Column("place_geonameid", BigInteger),
        Column("place_lat", Float),
        Column("place_lon", Float),
        Column("place_admin1", Text),
        Column("place_country", String(2)),
        Column("place_kind", String(16)),
        Column("time_start", Date),
        Column("time_end", Date),
        Column("time_precision", String(8)),
        Column("status", String(16), nullable=False),
        Column("statuses", json),
        Column("n_reports", Integer, nullable=False),
        Column("n_articles", Integer, nullable=False),
        Column("n_sources", Integer, nullable=False),
        Column("n_outlets", Integer, nullable=False),
        Column("outlets", json),
        Column("sources", json),
        Column("first_report", Date),
        Column("last_report", Date),
        Column("fatalities", Integer),
        Column("confidence", Float),
        Index("ix_stories_type", "type", "mode"),
        Index("ix_stories_country", "place_country"),
    )
    Table(
        "story_events",
        md,
        Column("event_id", String(32), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
        Column("story_id", String(32), ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
        Index("ix_story_events_story", "story_id"),
    )
    Table(
        "failures",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("input", Text, nullable=False),
        Column("reason", Text, nullable=False),
        Column("article_id", String(64)),
        Column("at", DateTime(timezone=True), nullable=False),
    )


def m001_initial(conn: Connection) -> None:
    md = MetaData()
    _v1_tables(md)
    md.create_all(conn)


# ---- 2: full-text search over article text ------------------------------------------------------------------


def m002_fulltext(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(
            text(
                "ALTER TABLE articles ADD COLUMN text_tsv tsvector "
                "GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED"
            )
        )
        conn.execute(text("CREATE INDEX ix_articles_text_tsv ON articles USING gin (text_tsv)"))
        return
    # SQLite: an FTS5 table kept in step with ``articles`` by triggers (so no writer can forget it)
    conn.execute(
        text(
            "CREATE VIRTUAL TABLE article_fts USING fts5("
            "article_id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 0')"
        )
    )
    conn.execute(
        text(
            "CREATE TRIGGER article_fts_insert AFTER INSERT ON articles BEGIN "
            "INSERT INTO article_fts (article_id, text) VALUES (new.id, new.text); END"
        )
    )
    conn.execute(
        text(
            "CREATE TRIGGER article_fts_delete AFTER DELETE ON articles BEGIN "
            "DELETE FROM article_fts WHERE article_id = old.id; END"
        )
    )
    conn.execute(
        text(
            "CREATE TRIGGER article_fts_update AFTER UPDATE OF text ON articles BEGIN "
            "UPDATE article_fts SET text = new.text WHERE article_id = old.id; END"
        )
    )
    conn.execute(text("INSERT INTO article_fts (article_id, text) SELECT id, text FROM articles"))


# ---- 3: copies of one wire story count as one source ---------------------------------------------------------


def m003_text_hash(conn: Connection) -> None:
    conn.execute(text("ALTER TABLE articles ADD COLUMN text_hash VARCHAR(32)"))
    conn.execute(text("CREATE INDEX ix_articles_text_hash ON articles (text_hash)"))
    rows = conn.execute(text("SELECT id, text FROM articles")).all()
    for start in range(0, len(rows), 500):
        batch = [{"id": r.id, "h": text_hash(r.text)} for r in rows[start : start + 500]]
        conn.execute(text("UPDATE articles SET text_hash = :h WHERE id = :id"), batch)
    # stories counted every article as a source so far: count distinct texts instead
    conn.execute(
        text(
            "UPDATE stories SET n_sources = ("
            " SELECT COUNT(DISTINCT a.text_hash) FROM story_events se"
            " JOIN events e ON e.id = se.event_id JOIN articles a ON a.id = e.article_id"
            " WHERE se.story_id = stories.id)"
        )
    )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema: articles, events, spans, sources, stories, failures", m001_initial),
    Migration(2, "full-text search over article text (FTS5 / tsvector)", m002_fulltext),
    Migration(3, "articles.text_hash: copies of one wire story count as one source", m003_text_hash),
)
LATEST_VERSION = MIGRATIONS[-1].version

_version_table = Table(
    "schema_version",
    MetaData(),
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("description", Text, nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)


def current_version(conn: Connection) -> int:
    """The newest migration applied to this database (0 for an empty one)."""
    if not inspect(conn).has_table("schema_version"):
        return 0
    return conn.execute(text("SELECT COALESCE(MAX(version), 0) FROM schema_version")).scalar_one()


def upgrade(begin: Callable, target: int | None = None) -> list[int]:
    """Apply the missing migrations up to ``target`` (default: the newest); returns the versions applied.

    ``begin`` opens a write transaction (``Store.write``): each migration runs in its own, so a failed one
    leaves the database at the version before it."""
    target = LATEST_VERSION if target is None else target
    applied = []
    with begin() as conn:
        _version_table.create(conn, checkfirst=True)
    for migration in MIGRATIONS:
        with begin() as conn:
            version = current_version(conn)
            if version > LATEST_VERSION:
                raise SchemaTooNew(
                    f"the database is at schema version {version}, newer than this sitrep knows "
                    f"({LATEST_VERSION}); upgrade sitrep"
                )
            if migration.version <= version or migration.version > target:
                continue
            migration.apply(conn)
            conn.execute(
                _version_table.insert().values(
                    version=migration.version,
                    description=migration.description,
                    applied_at=datetime.now(UTC),
                )
            )
            applied.append(migration.version)
    return applied
