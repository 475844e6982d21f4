"""Writing to the store: ingest (read -> extract -> store -> merge) and re-extraction.

Each article is stored with its events, their spans and sources, and the story updates they cause, in ONE
transaction: a crash (even SIGKILL) leaves either all of it or none of it. Re-ingesting an article id adds nothing
(``INSERT ... ON CONFLICT DO NOTHING`` on the id, inside the transaction). A bad item (a read error, an extraction
that raises, an article that cannot be stored) is recorded in ``failures`` with its reason and skipped; what was
stored before is never touched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, exists, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

import sitrep
from sitrep import copies
from sitrep import stories as story_merge
from sitrep.model import Article, ExtractedArticle, replace
from sitrep.store import schema as t
from sitrep.store.db import Store
from sitrep.store.ids import article_id, event_id, text_hash
from sitrep.store.records import article_from_row, event_rows, interval_columns, mention_dicts

Extractor = Callable[[Article], ExtractedArticle]
Progress = Callable[["IngestSummary", Any], None]


def pipeline_version(model: str | None = None) -> str:
    """What made an event: sitrep's version plus the NLP model's name and version (``sitrep 0.1.0 / nb_x 1.0``)."""
    return f"sitrep {sitrep.__version__}" + (f" / {model}" if model else "")


@dataclass
class IngestSummary:
    """Counts of one ingest run; ``read == new + duplicate + failed``."""

    read: int = 0
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    events: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (input, reason), this run's

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["failures"] = [{"input": i, "reason": r} for i, r in self.failures]
        return d


@dataclass
class ReextractSummary:
    articles: int = 0
    events: int = 0
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)


def _insert_ignore(conn: Connection, table, row: dict, key: str = "id") -> bool:
    """INSERT ... ON CONFLICT (key) DO NOTHING; whether the row was inserted."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(table).values(**row).on_conflict_do_nothing(index_elements=[key])
    return conn.execute(stmt.returning(table.c[key])).first() is not None


def _insert_events(conn: Connection, article: Article, result: ExtractedArticle, version: str) -> list[str]:
    event_list, span_list, source_list = [], [], []
    for index, event in enumerate(result.events):
        eid = event_id(article.id, index, event)
        row, spans, sources = event_rows(eid, article.id, index, event, version, article.published)
        event_list.append(row)
        span_list.extend(spans)
        source_list.extend(sources)
    if event_list:
        conn.execute(t.events.insert(), event_list)
    if span_list:
        conn.execute(t.spans.insert(), span_list)
    if source_list:
        conn.execute(t.sources.insert(), source_list)
    return [row["id"] for row in event_list]


def _article_row(
    article: Article, result: ExtractedArticle, version: str, fingerprint: copies.Fingerprint
) -> dict[str, Any]:
    return {
        "id": article.id,
        "text": article.text,
        "text_hash": text_hash(article.text),
        **copies.fingerprint_columns(fingerprint),
        "language": article.language,
        **interval_columns(article.published, "published"),
        "section": article.section,
        "outlet": article.outlet,
        "url": article.url,
        "path": article.path,
        "extra": dict(article.extra or {}),
        "entities": mention_dicts(result.entities),
        "pipeline_version": version,
        "ingested_at": datetime.now(UTC),
    }


def store_extracted(store: Store, result: ExtractedArticle, pipeline_version: str) -> int | None:
    """Store one extracted article with its events and update stories, in one transaction.

    Returns the number of events stored, or None when an article with that id was already there."""
    article = result.article
    if not article.id:
        article = replace(article, id=article_id(article))
    fingerprint = copies.fingerprint(article.text)
    with store.write() as conn:
        if not _insert_ignore(conn, t.articles, _article_row(article, result, pipeline_version, fingerprint)):
            return None
        regrouped = copies.add_article(conn, article.id, fingerprint)
        new_ids = _insert_events(conn, article, result, pipeline_version)
        story_merge.update_stories(conn, new_ids, story_merge.stories_of_articles(conn, regrouped))
        return len(new_ids)


def record_failure(store: Store, input: str, reason: str, article: str | None = None) -> None:
    with store.write() as conn:
        conn.execute(
            t.failures.insert().values(input=input, reason=reason, article_id=article, at=datetime.now(UTC))
        )


def has_article(store: Store, id: str) -> bool:
    with store.read() as conn:
        return conn.execute(select(exists().where(t.articles.c.id == id))).scalar_one()


def _describe(item: Any) -> str:
    if isinstance(item, Article):
        return item.path or item.url or item.id
    return str(getattr(item, "source", None) or getattr(item, "path", None) or item)


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def ingest(
    store: Store,
    items: Iterable[Article | Any],
    extract: Extractor,
    *,
    pipeline_version: str,
    progress: Progress | None = None,
) -> IngestSummary:
    """Extract and store every article of ``items``; record every read error and failure, and go on.

    ``items`` are what ``sitrep.read.read_paths`` yields: ``Article``s and ``ReadError``s (anything that is not an
    Article counts as a failed item; its ``source`` and ``reason`` are recorded). ``progress(summary, item)`` is
    called after each item."""
    summary = IngestSummary()
    for item in items:
        summary.read += 1
        if isinstance(item, Article):
            _ingest_one(store, item, extract, pipeline_version, summary)
        else:
            where = _describe(item)
            reason = str(getattr(item, "reason", None) or item)
            _fail(store, summary, where, reason)
        if progress is not None:
            progress(summary, item)
    return summary


def _fail(store: Store, summary: IngestSummary, where: str, reason: str, article: str | None = None) -> None:
    summary.failed += 1
    summary.failures.append((where, reason))
    record_failure(store, where, reason, article)


def _ingest_one(
    store: Store, article: Article, extract: Extractor, version: str, summary: IngestSummary
) -> None:
    aid = article_id(article)
    if aid != article.id:
        article = replace(article, id=aid)
    if has_article(store, aid):
        summary.duplicate += 1
        return
    try:
        result = extract(article)
    except Exception as exc:  # noqa: BLE001 - one bad article never stops a batch
        _fail(store, summary, _describe(article), f"extraction failed: {_reason(exc)}", aid)
        return
    if result.article.id != aid:
        result = replace(result, article=replace(result.article, id=aid))
    try:
        stored = store_extracted(store, result, version)
    except OperationalError:
        raise  # the database itself is unusable: nothing later would be stored either
    except Exception as exc:  # noqa: BLE001
        _fail(store, summary, _describe(article), f"could not store: {_reason(exc)}", aid)
        return
    if stored is None:
        summary.duplicate += 1
    else:
        summary.new += 1
        summary.events += stored


def _delete_events(conn: Connection, event_ids: list[str]) -> None:
    for i in range(0, len(event_ids), 500):
        chunk = event_ids[i : i + 500]
        for table in (t.story_events, t.spans, t.sources):
            conn.execute(delete(table).where(table.c.event_id.in_(chunk)))
        conn.execute(delete(t.events).where(t.events.c.id.in_(chunk)))


def replace_events(store: Store, result: ExtractedArticle, pipeline_version: str) -> int:
    """Replace a stored article's events with ``result``'s and update its stories, in one transaction."""
    article = result.article
    with store.write() as conn:
        old = list(conn.execute(select(t.events.c.id).where(t.events.c.article_id == article.id)).scalars())
        broken = story_merge.stories_of(conn, old)
        _delete_events(conn, old)
        new_ids = _insert_events(conn, article, result, pipeline_version)
        conn.execute(
            update(t.articles)
            .where(t.articles.c.id == article.id)
            .values(pipeline_version=pipeline_version, entities=mention_dicts(result.entities))
        )
        story_merge.update_stories(conn, new_ids, broken)
        return len(new_ids)


def reextract(
    store: Store,
    extract: Extractor,
    *,
    pipeline_version: str,
    everything: bool = False,
    progress: Callable[[ReextractSummary, str], None] | None = None,
) -> ReextractSummary:
    """Run ``extract`` again over stored articles made by another pipeline version (every article with
    ``everything``), replacing their events one article per transaction; stories follow."""
    query = select(t.articles.c.id).order_by(t.articles.c.id)
    if not everything:
        query = query.where(
            or_(t.articles.c.pipeline_version.is_(None), t.articles.c.pipeline_version != pipeline_version)
        )
    with store.read() as conn:
        ids = list(conn.execute(query).scalars())
    summary = ReextractSummary()
    for aid in ids:
        with store.read() as conn:
            row = conn.execute(select(t.articles).where(t.articles.c.id == aid)).one_or_none()
        if row is None:  # removed meanwhile
            continue
        article = article_from_row(row)
        try:
            result = extract(article)
            if result.article.id != aid:
                result = replace(result, article=replace(result.article, id=aid))
            summary.events += replace_events(store, result, pipeline_version)
            summary.articles += 1
        except OperationalError:
            raise
        except Exception as exc:  # noqa: BLE001 - the article keeps its old events
            reason = f"re-extraction failed: {_reason(exc)}"
            summary.failed += 1
            summary.failures.append((article.path or aid, reason))
            record_failure(store, article.path or aid, reason, aid)
        if progress is not None:
            progress(summary, aid)
    return summary
