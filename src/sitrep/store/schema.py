"""The store's tables (SQLAlchemy Core), as the newest migration leaves them.

``migrations.py`` builds and upgrades databases; this module is what queries are written against. A test checks
that a freshly migrated database has exactly these columns.

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
- ``schema_version``: the migrations applied.
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
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData()

Json = JSON().with_variant(JSONB(), "postgresql")

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("description", Text, nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

articles = Table(
    "articles",
    metadata,
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
    Column("extra", Json),
    Column("entities", Json),
    Column("pipeline_version", Text),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("text_hash", String(32)),  # migration 3
)
Index("ix_articles_outlet", articles.c.outlet)
Index("ix_articles_published", articles.c.published_start)
Index("ix_articles_pipeline_version", articles.c.pipeline_version)
Index("ix_articles_text_hash", articles.c.text_hash)

events = Table(
    "events",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("type", String(32), nullable=False),
    Column("mode", String(32)),
    Column("contexts", Json),
    Column("acled_event_type", Text),
    Column("acled_sub_event_type", Text),
    Column("actor", Text),
    Column("actor_text", Text),
    Column("actor_kind", String(32)),
    Column("actor_country", String(2)),
    Column("actor_key", Text),
    Column("co_actors", Json),
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
    Column("quantities", Json),
    Column("fatalities", Integer),
    Column("pipeline_version", Text, nullable=False),
)
Index("ix_events_article", events.c.article_id)
Index("ix_events_type", events.c.type, events.c.mode)
Index("ix_events_actor_key", events.c.actor_key, events.c.target_key)
Index("ix_events_place", events.c.place_lat, events.c.place_lon)
Index("ix_events_country", events.c.place_country)
Index("ix_events_when", events.c.when_start)

spans = Table(
    "spans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(32), ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("role", String(32), nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False),
    UniqueConstraint("event_id", "role", name="uq_spans_event_role"),
)

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(32), ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("canonical", Text),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    UniqueConstraint("event_id", "idx", name="uq_sources_event_idx"),
)
Index("ix_sources_canonical", sources.c.canonical)

stories = Table(
    "stories",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("type", String(32), nullable=False),
    Column("mode", String(32)),
    Column("contexts", Json),
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
)
Index("ix_stories_type", stories.c.type, stories.c.mode)
Index("ix_stories_country", stories.c.place_country)

story_events = Table(
    "story_events",
    metadata,
    Column("event_id", String(32), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", String(32), ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
)
Index("ix_story_events_story", story_events.c.story_id)

failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("input", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("article_id", String(64)),
    Column("at", DateTime(timezone=True), nullable=False),
)

DATA_TABLES = ("articles", "events", "spans", "sources", "stories", "story_events", "failures")
