"""Versioned schema migrations: plain numbered functions, applied in order, each in its own transaction.

``schema_version`` holds one row per applied migration. The tables come from one definition, ``schema.tables``:
a migration first creates what ``schema.tables(N)`` adds to ``schema.tables(N - 1)`` (``add_new``: new tables,
columns and indexes, nothing else), then does what no table definition says (dialect-specific DDL, backfills).
To change the schema: tag the new columns or indexes in ``schema.py`` with ``since(N, ...)``, add a function here
and append it to ``MIGRATIONS``. A change to an existing column is a migration of its own, written by hand.
``tests/test_store.py`` checks that a database made by the first release upgrades to the same schema as a new
one, and that both match ``schema.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Column, UniqueConstraint, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.schema import CreateColumn

from sitrep.copies import rebuild_copies
from sitrep.store import schema
from sitrep.store.ids import text_hash
from sitrep.store.records import match_key


class SchemaTooNew(RuntimeError):
    pass


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


def add_column(conn: Connection, column: Column) -> None:
    """``ALTER TABLE ... ADD COLUMN`` for a column of a table definition (as ``CREATE TABLE`` would declare it)."""
    if column.primary_key or column.foreign_keys or (not column.nullable and column.server_default is None):
        raise ValueError(f"{column.table.name}.{column.name}: only a nullable plain column can be added")
    table = conn.dialect.identifier_preparer.format_table(column.table)
    spec = CreateColumn(column).compile(dialect=conn.dialect)
    conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {spec}"))


def add_new(conn: Connection, version: int) -> None:
    """Create the tables, columns and indexes that schema ``version`` has and the version before it has not."""
    before, after = schema.tables(version - 1).tables, schema.tables(version)
    for table in after.sorted_tables:
        old = before.get(table.name)
        if old is None:
            table.create(conn)
            continue
        unique = {c.name for c in table.constraints if isinstance(c, UniqueConstraint)}
        if unique - {c.name for c in old.constraints}:
            raise ValueError(
                f"{table.name}: a constraint on an existing table is a migration written by hand"
            )
        for column in table.columns:
            if column.name not in old.columns:
                add_column(conn, column)
        old_indexes = {index.name for index in old.indexes}
        for index in sorted(table.indexes, key=lambda i: i.name):
            if index.name not in old_indexes:
                index.create(conn)


# ---- 1: the initial schema ----------------------------------------------------------------------------------


def m001_initial(conn: Connection) -> None:
    add_new(conn, 1)


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
    add_new(conn, 3)
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


# ---- 4: near-duplicate copies of one wire story count as one source ---------------------------------------


def m004_copies(conn: Connection) -> None:
    add_new(conn, 4)
    rebuild_copies(conn)
    conn.execute(
        text(
            "UPDATE stories SET n_sources = ("
            " SELECT COUNT(DISTINCT COALESCE(a.copy_of, a.id)) FROM story_events se"
            " JOIN events e ON e.id = se.event_id JOIN articles a ON a.id = e.article_id"
            " WHERE se.story_id = stories.id)"
        )
    )


# ---- 5: actor keys without diacritics or accent marks --------------------------------------------------------


def m005_actor_keys(conn: Connection) -> None:
    rows = conn.execute(text("SELECT id, actor, actor_text, target, target_text FROM events")).all()
    for start in range(0, len(rows), 500):
        batch = [
            {"id": r.id, "a": match_key(r.actor or r.actor_text), "t": match_key(r.target or r.target_text)}
            for r in rows[start : start + 500]
        ]
        if batch:
            conn.execute(text("UPDATE events SET actor_key = :a, target_key = :t WHERE id = :id"), batch)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema: articles, events, spans, sources, stories, failures", m001_initial),
    Migration(2, "full-text search over article text (FTS5 / tsvector)", m002_fulltext),
    Migration(3, "articles.text_hash: copies of one wire story count as one source", m003_text_hash),
    Migration(4, "articles.copy_of: near-duplicate copies of one wire story (MinHash/LSH)", m004_copies),
    Migration(5, "events.actor_key/target_key: names compared without diacritics or accent marks", m005_actor_keys),
    Migration(6, "events: the role and affiliation of actor and target", lambda conn: add_new(conn, 6)),
)
LATEST_VERSION = MIGRATIONS[-1].version


def check_known(version: int) -> None:
    """Refuse a database that a newer sitrep has migrated further than this one knows."""
    if version > LATEST_VERSION:
        raise SchemaTooNew(
            f"the database is at schema version {version}, newer than this sitrep knows "
            f"({LATEST_VERSION}); upgrade sitrep"
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
        schema.schema_version.create(conn, checkfirst=True)
    for migration in MIGRATIONS:
        with begin() as conn:
            version = current_version(conn)
            check_known(version)
            if migration.version <= version or migration.version > target:
                continue
            migration.apply(conn)
            conn.execute(
                schema.schema_version.insert().values(
                    version=migration.version,
                    description=migration.description,
                    applied_at=datetime.now(UTC),
                )
            )
            applied.append(migration.version)
    return applied
