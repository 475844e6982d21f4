"""Reading the store: events and stories with filters, and the board of places that changed hands."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import and_, exists, func, or_, select

from sitrep.model import PLACE_FIELDS, DateInterval, Event, event_dict, interval_dict
from sitrep.store import schema as t
from sitrep.store.db import Store
from sitrep.store.records import article_fields, event_from_rows, interval_from

_CHUNK = 500


@dataclass
class Filters:
    """Filters shared by events and stories; every one given must hold (AND). Text filters are case-insensitive
    substrings; ``country`` is ISO 3166-1 alpha-2; ``since``/``until`` keep what overlaps that range."""

    type: str | None = None
    mode: str | None = None
    actor: str | None = None
    target: str | None = None
    place: str | None = None  # a place name (substring) or a GeoNames id
    country: str | None = None
    since: date | None = None
    until: date | None = None
    status: str | None = None
    source: str | None = None  # an attributed source (who says so) or an outlet
    article: str | None = None
    story: str | None = None
    limit: int | None = None


def _like(column, value: str):
    return func.lower(column).contains(value.lower(), autoescape=True)


def _place_condition(table, value: str):
    if value.isdigit():
        return table.c.place_geonameid == int(value)
    return _like(table.c.place_name, value)


def _time_conditions(start_col, end_col, f: Filters) -> list:
    conds = []
    if f.since is not None:
        conds.append(or_(end_col >= f.since, and_(end_col.is_(None), start_col.is_not(None))))
    if f.until is not None:
        conds.append(start_col <= f.until)
    return conds


# ---- events -------------------------------------------------------------------------------------------------


@dataclass
class EventRecord:
    id: str
    article_id: str
    story_id: str | None
    pipeline_version: str
    event: Event
    outlet: str | None
    url: str | None
    path: str | None
    published: DateInterval | None
    section: str | None
    language: str | None
    text_hash: str | None
    ingested_at: Any = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "story_id": self.story_id,
            "pipeline_version": self.pipeline_version,
            "outlet": self.outlet,
            "url": self.url,
            "published": interval_dict(self.published),
            **event_dict(self.event),
        }


def _event_conditions(f: Filters) -> list:
    e = t.events
    conds = []
    if f.type:
        conds.append(e.c.type == f.type.upper())
    if f.mode:
        conds.append(e.c.mode == f.mode)
    if f.actor:
        conds.append(or_(_like(e.c.actor, f.actor), _like(e.c.actor_text, f.actor)))
    if f.target:
        conds.append(or_(_like(e.c.target, f.target), _like(e.c.target_text, f.target)))
    if f.place:
        conds.append(_place_condition(e, f.place))
    if f.country:
        conds.append(e.c.place_country == f.country.upper())
    if f.status:
        conds.append(e.c.status == f.status.lower())
    if f.source:
        s = t.sources
        conds.append(
            or_(
                _like(t.articles.c.outlet, f.source),
                exists().where(
                    and_(
                        s.c.event_id == e.c.id, or_(_like(s.c.canonical, f.source), _like(s.c.text, f.source))
                    )
                ),
            )
        )
    if f.article:
        conds.append(e.c.article_id == f.article)
    if f.story:
        conds.append(t.story_events.c.story_id == f.story)
    conds += _time_conditions(e.c.when_start, e.c.when_end, f)
    return conds


def _event_select():
    e, a = t.events, t.articles
    return (
        select(
            e,
            t.story_events.c.story_id,
            a.c.outlet,
            a.c.url,
            a.c.path,
            a.c.section,
            a.c.language,
            a.c.text_hash,
            a.c.ingested_at,
            a.c.published_start,
            a.c.published_end,
            a.c.published_precision,
        )
        .join(a, a.c.id == e.c.article_id)
        .outerjoin(t.story_events, t.story_events.c.event_id == e.c.id)
    )


def _records(conn, rows) -> list[EventRecord]:
    ids = [r.id for r in rows]
    spans: dict[str, list] = defaultdict(list)
    sources: dict[str, list] = defaultdict(list)
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i : i + _CHUNK]
        for s in conn.execute(select(t.spans).where(t.spans.c.event_id.in_(chunk))):
            spans[s.event_id].append(s)
        for s in conn.execute(select(t.sources).where(t.sources.c.event_id.in_(chunk))):
            sources[s.event_id].append(s)
    return [
        EventRecord(
            id=r.id,
            article_id=r.article_id,
            story_id=r.story_id,
            pipeline_version=r.pipeline_version,
            event=event_from_rows(r, spans[r.id], sources[r.id]),
            **article_fields(r),
            text_hash=r.text_hash,
            ingested_at=r.ingested_at,
        )
        for r in rows
    ]


def query_events(store: Store, filters: Filters | None = None) -> list[EventRecord]:
    """Stored events matching ``filters``, by time (undated last), then article and position."""
    f = filters or Filters()
    e = t.events
    query = (
        _event_select()
        .where(*_event_conditions(f))
        .order_by(e.c.when_start.is_(None), e.c.when_start, e.c.article_id, e.c.idx)
    )
    if f.limit:
        query = query.limit(f.limit)
    with store.read() as conn:
        return _records(conn, list(conn.execute(query)))


# ---- stories ------------------------------------------------------------------------------------------------


@dataclass
class Report:
    """One report of a story: an event, with its own status and who says so."""

    event_id: str
    article_id: str
    outlet: str | None
    url: str | None
    published: DateInterval | None
    status: str
    negated: bool
    sources: list[str]
    sentence: str
    confidence: float
    ingested_at: Any = None
    copy_of: str | None = None  # the original wire story this report's article copies

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "article_id": self.article_id,
            "copy_of": self.copy_of,
            "outlet": self.outlet,
            "url": self.url,
            "published": interval_dict(self.published),
            "status": self.status,
            "negated": self.negated,
            "sources": self.sources,
            "sentence": self.sentence,
            "confidence": round(self.confidence, 3),
        }


@dataclass
class SourceArticle:
    """An independent source of a story: an original article and the copies of it that report the story."""

    article_id: str
    outlet: str | None
    url: str | None
    copies: list[tuple[str, str | None, str | None]]  # (article id, outlet, url)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "outlet": self.outlet,
            "url": self.url,
            "copies": [{"article_id": a, "outlet": o, "url": u} for a, o, u in self.copies],
        }

    def label(self) -> str:
        name = self.outlet or self.article_id
        if not self.copies:
            return name
        return f"{name} (copied by {', '.join(o or a for a, o, _ in self.copies)})"


@dataclass
class StoryRecord:
    row: dict[str, Any]
    reports: list[Report] = field(default_factory=list)
    independent: list[SourceArticle] = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["row"][name]
        except KeyError:
            raise AttributeError(name) from None

    def to_dict(self, reports: bool = True) -> dict[str, Any]:
        r = self.row
        d = {
            "id": r["id"],
            "type": r["type"],
            "mode": r["mode"],
            "contexts": r["contexts"] or [],
            "acled": (
                {"event_type": r["acled_event_type"], "sub_event_type": r["acled_sub_event_type"]}
                if r["acled_event_type"]
                else None
            ),
            "actor": r["actor"],
            "target": r["target"],
            "place": ({k: r[f"place_{k}"] for k in PLACE_FIELDS} if r["place_name"] is not None else None),
            "time": (
                {
                    "start": r["time_start"].isoformat(),
                    "end": r["time_end"].isoformat() if r["time_end"] else None,
                    "precision": r["time_precision"],
                }
                if r["time_start"]
                else None
            ),
            "status": r["status"],
            "statuses": r["statuses"] or {},
            "n_reports": r["n_reports"],
            "n_articles": r["n_articles"],
            "n_sources": r["n_sources"],
            "n_outlets": r["n_outlets"],
            "outlets": r["outlets"] or [],
            "independent_sources": [a.to_dict() for a in self.independent],
            "sources": r["sources"] or [],
            "first_report": r["first_report"].isoformat() if r["first_report"] else None,
            "last_report": r["last_report"].isoformat() if r["last_report"] else None,
            "fatalities": r["fatalities"],
            "confidence": round(r["confidence"], 3) if r["confidence"] is not None else None,
        }
        if reports:
            d["reports"] = [rep.to_dict() for rep in self.reports]
        return d


def _story_conditions(f: Filters, member_type: bool = False) -> list:
    s = t.stories
    conds = []
    if f.type and not member_type:
        conds.append(s.c.type == f.type.upper())
    if f.mode and not member_type:
        conds.append(s.c.mode == f.mode)
    if member_type and (f.type or f.mode):  # any report of that type (the board: "changed hands")
        e = t.events
        member = [t.story_events.c.story_id == s.c.id, e.c.id == t.story_events.c.event_id]
        if f.type:
            member.append(e.c.type == f.type.upper())
        if f.mode:
            member.append(e.c.mode == f.mode)
        conds.append(exists().where(and_(*member)))
    if f.actor:
        conds.append(_like(s.c.actor, f.actor))
    if f.target:
        conds.append(_like(s.c.target, f.target))
    if f.place:
        conds.append(_place_condition(s, f.place))
    if f.country:
        conds.append(s.c.place_country == f.country.upper())
    if f.status:
        conds.append(s.c.status == f.status.lower())
    if f.story:
        conds.append(s.c.id == f.story)
    if f.source:
        e, src, a = t.events, t.sources, t.articles
        conds.append(
            exists().where(
                and_(
                    t.story_events.c.story_id == s.c.id,
                    e.c.id == t.story_events.c.event_id,
                    a.c.id == e.c.article_id,
                    or_(
                        _like(a.c.outlet, f.source),
                        exists().where(
                            and_(
                                src.c.event_id == e.c.id,
                                or_(_like(src.c.canonical, f.source), _like(src.c.text, f.source)),
                            )
                        ),
                    ),
                )
            )
        )
    if f.article:
        conds.append(
            exists().where(
                and_(
                    t.story_events.c.story_id == s.c.id,
                    t.events.c.id == t.story_events.c.event_id,
                    t.events.c.article_id == f.article,
                )
            )
        )
    conds += _time_conditions(s.c.time_start, s.c.time_end, f)
    return conds


def _story_reports(conn, story_ids: list[str]) -> dict[str, list[Report]]:
    e, a, se = t.events, t.articles, t.story_events
    out: dict[str, list[Report]] = defaultdict(list)
    for i in range(0, len(story_ids), _CHUNK):
        chunk = story_ids[i : i + _CHUNK]
        rows = list(
            conn.execute(
                select(
                    se.c.story_id,
                    e.c.id,
                    e.c.article_id,
                    e.c.status,
                    e.c.negated,
                    e.c.confidence,
                    a.c.outlet,
                    a.c.url,
                    a.c.published_start,
                    a.c.published_end,
                    a.c.published_precision,
                    a.c.ingested_at,
                    a.c.copy_of,
                )
                .join(e, e.c.id == se.c.event_id)
                .join(a, a.c.id == e.c.article_id)
                .where(se.c.story_id.in_(chunk))
            )
        )
        ids = [r.id for r in rows]
        said: dict[str, list[str]] = defaultdict(list)
        sentence: dict[str, str] = {}
        for s in conn.execute(
            select(t.sources.c.event_id, t.sources.c.text, t.sources.c.canonical)
            .where(t.sources.c.event_id.in_(ids))
            .order_by(t.sources.c.event_id, t.sources.c.idx)
        ):
            said[s.event_id].append(s.canonical or s.text)
        for s in conn.execute(
            select(t.spans.c.event_id, t.spans.c.text).where(
                t.spans.c.event_id.in_(ids), t.spans.c.role == "sentence"
            )
        ):
            sentence[s.event_id] = s.text
        for r in rows:
            out[r.story_id].append(
                Report(
                    event_id=r.id,
                    article_id=r.article_id,
                    outlet=r.outlet,
                    url=r.url,
                    published=interval_from(r.published_start, r.published_end, r.published_precision),
                    status=r.status,
                    negated=bool(r.negated),
                    sources=said[r.id],
                    sentence=sentence.get(r.id, ""),
                    confidence=r.confidence,
                    ingested_at=r.ingested_at,
                    copy_of=r.copy_of,
                )
            )
    for reports in out.values():
        reports.sort(key=lambda rep: (rep.published.start if rep.published else date.max, rep.event_id))
    return out


def query_stories(
    store: Store, filters: Filters | None = None, *, member_type: bool = False
) -> list[StoryRecord]:
    """Stories matching ``filters`` (on the story's own best-supported fields; ``source`` and ``article`` on any
    of its reports; with ``member_type``, ``type``/``mode`` on any of its reports), by time, with their reports."""
    f = filters or Filters()
    s = t.stories
    query = (
        select(s)
        .where(*_story_conditions(f, member_type))
        .order_by(s.c.time_start.is_(None), s.c.time_start, s.c.place_name, s.c.id)
    )
    if f.limit:
        query = query.limit(f.limit)
    with store.read() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
        reports = _story_reports(conn, [r["id"] for r in rows])
        originals = _articles(conn, {rep.copy_of for reps in reports.values() for rep in reps if rep.copy_of})
    return [
        StoryRecord(r, reports.get(r["id"], []), _independent(reports.get(r["id"], []), originals)) for r in rows
    ]


def _articles(conn, ids: set[str]) -> dict[str, tuple[str | None, str | None]]:
    """(outlet, url) of articles by id."""
    ids_ = sorted(ids)
    out = {}
    for i in range(0, len(ids_), _CHUNK):
        for r in conn.execute(
            select(t.articles.c.id, t.articles.c.outlet, t.articles.c.url).where(
                t.articles.c.id.in_(ids_[i : i + _CHUNK])
            )
        ):
            out[r.id] = (r.outlet, r.url)
    return out


def _independent(reports: list[Report], originals: dict[str, tuple[str | None, str | None]]) -> list[SourceArticle]:
    """A story's reports grouped by independent source: each original with the copies of it in the story."""
    seen: dict[str, tuple[str | None, str | None]] = {}
    groups: dict[str, set[str]] = defaultdict(set)
    for rep in reports:
        seen[rep.article_id] = (rep.outlet, rep.url)
        groups[rep.copy_of or rep.article_id].add(rep.article_id)
    out = []
    for root in sorted(groups):
        outlet, url = seen.get(root) or originals.get(root, (None, None))
        copies = [(a, *seen[a]) for a in sorted(groups[root] - {root})]
        out.append(SourceArticle(root, outlet, url, copies))
    return out


# ---- the board ----------------------------------------------------------------------------------------------


@dataclass
class BoardRow:
    """One place: when it changed hands, to whom, according to whom, how sure."""

    place: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    admin1: str | None
    changes: list[StoryRecord]

    def to_dict(self) -> dict[str, Any]:
        return {
            "place": self.place,
            "geonameid": self.geonameid,
            "lat": self.lat,
            "lon": self.lon,
            "admin1": self.admin1,
            "changes": [
                {
                    "story_id": s.id,
                    "when": s.to_dict(reports=False)["time"],
                    "to": s.actor,
                    "from": s.target,
                    "status": s.status,
                    "statuses": s.statuses or {},
                    "n_sources": s.n_sources,
                    "according_to": s.sources or [],
                    "outlets": s.outlets or [],
                    "first_report": s.first_report.isoformat() if s.first_report else None,
                    "last_report": s.last_report.isoformat() if s.last_report else None,
                    "reports": [r.to_dict() for r in s.reports],
                }
                for s in self.changes
            ],
        }


def board(store: Store, country: str, type: str = "COERCE", mode: str | None = "seize") -> list[BoardRow]:
    """For each place in ``country``: the stories in which it changed hands (any report of ``type``/``mode``)."""
    stories_found = query_stories(store, Filters(type=type, mode=mode, country=country), member_type=True)
    places: dict[Any, list[StoryRecord]] = defaultdict(list)
    for story in stories_found:
        if story.place_name is None or story.place_kind == "country":
            continue
        key = story.place_geonameid if story.place_geonameid is not None else story.place_name.casefold()
        places[key].append(story)
    rows = []
    for changes in places.values():
        first = changes[0]
        rows.append(
            BoardRow(
                first.place_name,
                first.place_geonameid,
                first.place_lat,
                first.place_lon,
                first.place_admin1,
                changes,
            )
        )
    rows.sort(key=lambda r: (min((c.time_start or date.max) for c in r.changes), r.place))
    return rows
