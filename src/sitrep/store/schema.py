"""The store's tables (SQLAlchemy Core): the one definition that queries are written against and that
``migrations.py`` builds and upgrades databases from.

``tables(version)`` gives the schema as migration ``version`` left it: what a later migration added is tagged
``since(N, ...)`` and left out of older versions. Migration N creates what ``tables(N)`` has and
``tables(N - 1)`` has not (new tables, columns, indexes), then does its own data work; a test checks that an old
database upgrades to the same schema as a new one. The module-level tables are the newest version.

- ``articles``: one row per article (id = the reader's stable id), its text and metadata, the extracted entities,
  and the pipeline version that made its events. ``text_hash`` keys copies of one wire story.
- ``events``: one row per extracted event, flattened; ``when_start``/``when_end`` is the interval used for merging
  and time filters (the event's own time, else its article's publication date; NULL when neither is known).
  ``actor_key``/``target_key`` are casefolded canonical names (else the text) for matching.
- ``spans``: every piece of evidence of an event (trigger, sentence, actor, target, place, time, condition, ...),
  as character offsets into the article text, one row per role.
- ``sources``: who says so, per event.
- ``stories`` + ``story_events``: merged events; every event belongs to exactly one story.
- ``failures``: inputs that could not be read, extracted or stored, with the reason.
- ``schema_version``: the migrations applied (there from version 0: migrations are recorded in it).

Full-text search (migration 2: an FTS5 table on SQLite, a generated ``tsvector`` column on PostgreSQL) is
dialect-specific DDL and lives in ``migrations.py`` only.
"""

from __future__ import annotations

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
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.schema import SchemaItem

from sitrep.model import PLACE_FIELDS

Json = JSON().with_variant(JSONB(), "postgresql")

# ---- column groups shared by several tables -----------------------------------------------------------------


def _interval(prefix: str) -> tuple[Column, ...]:
    """A ``DateInterval``: ``<prefix>_start``, ``_end``, ``_precision``."""
    return (
        Column(f"{prefix}_start", Date),
        Column(f"{prefix}_end", Date),
        Column(f"{prefix}_precision", String(8)),
    )


def _what() -> tuple[Column, ...]:
    """The kind of event: PLOVER type, mode and contexts, and the ACLED category."""
    return (
        Column("type", String(32), nullable=False),
        Column("mode", String(32)),
        Column("contexts", Json),
        Column("acled_event_type", Text),
        Column("acled_sub_event_type", Text),
    )


def _party(role: str) -> tuple[Column, ...]:
    """An actor or target: canonical name, the words of the text, kind, country and the key it is matched by."""
    return (
        Column(role, Text),
        Column(f"{role}_text", Text),
        Column(f"{role}_kind", String(32)),
        Column(f"{role}_country", String(2)),
        Column(f"{role}_key", Text),
    )


def _place() -> tuple[Column, ...]:
    types = {
        "name": Text,
        "geonameid": BigInteger,
        "lat": Float,
        "lon": Float,
        "admin1": Text,
        "country": String(2),
        "kind": String(16),
    }
    return tuple(Column(f"place_{field}", types[field]) for field in PLACE_FIELDS)


def _event_fk(**kwargs) -> Column:
    return Column("event_id", String(32), ForeignKey("events.id", ondelete="CASCADE"), **kwargs)


# ---- the tables, per schema version --------------------------------------------------------------------------


def tables(version: int | None = None) -> MetaData:
    """The tables as schema ``version`` has them (default: the newest), in a new ``MetaData``."""

    def since(added: int, *items: SchemaItem) -> tuple[SchemaItem, ...]:
        return items if version is None or version >= added else ()

    md = MetaData()
    Table(
        "schema_version",
        md,
        Column("version", Integer, primary_key=True, autoincrement=False),
        Column("description", Text, nullable=False),
        Column("applied_at", DateTime(timezone=True), nullable=False),
    )
    if version is not None and version < 1:
        return md
    Table(
        "articles",
        md,
        Column("id", String(64), primary_key=True),
        Column("text", Text, nullable=False),
        Column("language", String(16)),
        *_interval("published"),
        Column("section", Text),
        Column("outlet", Text),
        Column("url", Text),
        Column("path", Text),
        Column("extra", Json),
        Column("entities", Json),
        Column("pipeline_version", Text),
        Column("ingested_at", DateTime(timezone=True), nullable=False),
        *since(3, Column("text_hash", String(32)), Index("ix_articles_text_hash", "text_hash")),
        *since(
            4,
            Column("minhash", LargeBinary),
            Column("shingle_count", Integer),
            Column("copy_of", String(64)),
            Index("ix_articles_copy_of", "copy_of"),
        ),
        Index("ix_articles_outlet", "outlet"),
        Index("ix_articles_published", "published_start"),
        Index("ix_articles_pipeline_version", "pipeline_version"),
    )
    if version is None or version >= 4:
        Table(
            "article_bands",
            md,
            Column(
                "article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
            ),
            Column("band", Integer, primary_key=True, autoincrement=False),
            Column("key", BigInteger, nullable=False),
            Index("ix_article_bands_key", "key"),
        )
    Table(
        "events",
        md,
        Column("id", String(32), primary_key=True),
        Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        Column("idx", Integer, nullable=False),
        *_what(),
        *_party("actor"),
        Column("co_actors", Json),
        *_party("target"),
        *since(
            6,
            *(Column(f"{r}_{f}", Text) for r in ("actor", "target") for f in ("role", "affiliation")),
        ),
        *_place(),
        Column("place_population", BigInteger),
        *_interval("time"),
        Column("time_anchor", String(16)),
        Column("when_start", Date),
        Column("when_end", Date),
        Column("status", String(16), nullable=False),
        Column("conditional", Boolean, nullable=False),
        Column("negated", Boolean, nullable=False),
        Column("confidence", Float, nullable=False),
        Column("quantities", Json),
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
        _event_fk(nullable=False),
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
        _event_fk(nullable=False),
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
        *_what(),
        Column("actor", Text),
        Column("target", Text),
        *_place(),
        *_interval("time"),
        Column("status", String(16), nullable=False),
        Column("statuses", Json),
        Column("n_reports", Integer, nullable=False),
        Column("n_articles", Integer, nullable=False),
        Column("n_sources", Integer, nullable=False),
        Column("n_outlets", Integer, nullable=False),
        Column("outlets", Json),
        Column("sources", Json),
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
        _event_fk(primary_key=True),
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
    return md


metadata = tables()

schema_version = metadata.tables["schema_version"]
articles = metadata.tables["articles"]
events = metadata.tables["events"]
spans = metadata.tables["spans"]
sources = metadata.tables["sources"]
stories = metadata.tables["stories"]
story_events = metadata.tables["story_events"]
failures = metadata.tables["failures"]
article_bands = metadata.tables["article_bands"]

DATA_TABLES = ("articles", "article_bands", "events", "spans", "sources", "stories", "story_events", "failures")
