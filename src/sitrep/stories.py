"""Stories: events from many articles that describe one real event, merged.

**Linking.** Two events are *linked* when all of these hold:

- their types are of one family: the same type with equal modes (or one mode unknown), or a pair listed in
  ``sitrep/data/event_families.yaml`` (e.g. ASSAULT on a town ~ COERCE/seize of it). OTHER never links;
- their time intervals overlap, allowing ``TIME_SLACK_DAYS`` (1 day: "torsdag kveld" in one report and the night
  after in the next). An event's interval is its own time, else its article's publication date (a report does not
  describe an event dated after it was published... except predictions, which keep their own time). **An event
  with no time at all (no time in the text, no publication date) links to nothing**: there is no evidence that
  two undated reports are about the same occasion, and a wrong merge hides a real event;
- where: both have a point place (a town, not a country, province or region) within ``MAX_DISTANCE_KM`` (25 km,
  haversine) of each other; or neither has one, and they have the same actor (present) and the same target (both
  absent counts as same), and their places do not contradict each other (different countries, or two different
  places of one kind). A shared country alone therefore never links two events; and a town never links to a
  report without one, which would chain towns far apart into one story (Kunduz ~ "Nord-Afghanistan" ~ Taloqan,
  all taken by the Taliban).

**Stories are the connected components** of the linked-events graph; a story's id is a hash of its smallest
member event id. Both depend on the set of events only, never on the order they arrived in, so merging
incrementally (``update_stories``: only the components touched by new or removed events are recomputed) gives
exactly what a full rebuild (``rebuild_stories``) gives. Every event belongs to exactly one story (possibly alone).

**A story keeps** the best-supported value of each field (the value given by the most independent sources; ties:
higher confidence, then a stable order; for time, the narrowest interval that the most reports agree with), the
number of reports, articles, independent sources (copies of one wire story count once: ``sitrep/copies.py``) and
outlets, first and last report (publication dates), and a status across reports (``story_status``): a report that
denies it against one that asserts, reports, claims or confirms it makes the story ``disputed``, never silently
resolved. Each report keeps its own status in ``events``.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

import yaml
from sqlalchemy import and_, delete, or_, select
from sqlalchemy.engine import Connection

from sitrep.geo import distance_km
from sitrep.store.ids import story_id
from sitrep.store.records import match_key
from sitrep.store.schema import articles, events, sources, stories, story_events

MAX_DISTANCE_KM = 25.0
TIME_SLACK_DAYS = 1
COARSE_KINDS = frozenset({"country", "admin1", "region", "continent"})
DISPUTED = "disputed"
_CHUNK = 500

# ---- type families ------------------------------------------------------------------------------------------


def _parse(pattern: str) -> tuple[str, str | None]:
    type_, _, mode = pattern.partition("/")
    return type_.strip().upper(), (mode.strip() or None)


@dataclass(frozen=True)
class Families:
    """Which (type, mode) pairs may describe one real event."""

    pairs: tuple[tuple[tuple[str, str | None], tuple[str, str | None]], ...] = ()

    @staticmethod
    def _matches(pattern: tuple[str, str | None], type_: str, mode: str | None) -> bool:
        return pattern[0] == type_ and (pattern[1] is None or pattern[1] == mode)

    def compatible(self, type_a: str, mode_a: str | None, type_b: str, mode_b: str | None) -> bool:
        if type_a == "OTHER" or type_b == "OTHER":
            return False
        if type_a == type_b and (mode_a is None or mode_b is None or mode_a == mode_b):
            return True
        return any(
            (self._matches(p, type_a, mode_a) and self._matches(q, type_b, mode_b))
            or (self._matches(p, type_b, mode_b) and self._matches(q, type_a, mode_a))
            for p, q in self.pairs
        )

    @property
    def _groups(self) -> dict[str, frozenset[str]]:
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            parent.setdefault(x, x)
            while parent[x] != x:
                x = parent[x]
            return x

        for p, q in self.pairs:
            a, b = find(p[0]), find(q[0])
            if a != b:
                parent[max(a, b)] = min(a, b)
        members: dict[str, set[str]] = defaultdict(set)
        for t in list(parent):
            members[find(t)].add(t)
        return {t: frozenset(members[find(t)]) for t in parent}

    def group(self, type_: str) -> frozenset[str]:
        """Every type an event of ``type_`` may link to (itself included)."""
        return _group_cache(self).get(type_, frozenset({type_}))


@cache
def _group_cache(families: Families) -> dict[str, frozenset[str]]:
    return families._groups


@cache
def load_families() -> Families:
    path = resources.files("sitrep") / "data" / "event_families.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    pairs = []
    for entry in data.get("same_event", []):
        if not isinstance(entry, list) or len(entry) != 2:
            raise ValueError(f"{path}: each same_event entry must be a pair [A, B], got {entry!r}")
        pairs.append((_parse(entry[0]), _parse(entry[1])))
    return Families(tuple(pairs))


# ---- linking ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkInfo:
    """What linking needs to know of an event."""

    id: str
    type: str
    mode: str | None
    lat: float | None
    lon: float | None
    place_kind: str | None
    place_country: str | None
    place_key: str | None
    actor_key: str | None
    target_key: str | None
    start: date | None
    end: date | None  # None with a start: open-ended

    @property
    def point(self) -> bool:
        return self.lat is not None and self.lon is not None and self.place_kind not in COARSE_KINDS

    @property
    def has_place(self) -> bool:
        return self.place_key is not None


LINK_COLUMNS = (
    events.c.id,
    events.c.type,
    events.c.mode,
    events.c.place_lat,
    events.c.place_lon,
    events.c.place_kind,
    events.c.place_country,
    events.c.place_geonameid,
    events.c.place_name,
    events.c.actor_key,
    events.c.target_key,
    events.c.when_start,
    events.c.when_end,
)


def link_info(row: Any) -> LinkInfo:
    place_key = None
    if row.place_geonameid is not None:
        place_key = f"gn:{row.place_geonameid}"
    elif row.place_name:
        place_key = "name:" + (match_key(row.place_name) or "")
    return LinkInfo(
        id=row.id,
        type=row.type,
        mode=row.mode,
        lat=row.place_lat,
        lon=row.place_lon,
        place_kind=row.place_kind,
        place_country=row.place_country,
        place_key=place_key,
        actor_key=row.actor_key,
        target_key=row.target_key,
        start=row.when_start,
        end=row.when_end,
    )


def times_overlap(a: LinkInfo, b: LinkInfo, slack_days: int = TIME_SLACK_DAYS) -> bool:
    if a.start is None or b.start is None:
        return False
    slack = timedelta(days=slack_days)
    a_ok = a.end is None or b.start <= a.end + slack
    b_ok = b.end is None or a.start <= b.end + slack
    return a_ok and b_ok


def places_conflict(a: LinkInfo, b: LinkInfo) -> bool:
    if not (a.has_place and b.has_place):
        return False
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return True
    return a.place_kind == b.place_kind and a.place_key != b.place_key


def linked(a: LinkInfo, b: LinkInfo, families: Families | None = None) -> bool:
    """Whether two events are reports of one real event (see the module's documentation)."""
    families = families or load_families()
    if not families.compatible(a.type, a.mode, b.type, b.mode) or not times_overlap(a, b):
        return False
    if a.point or b.point:
        # a town links by distance only: linked by actor to a report without a town, it would chain towns far
        # apart into one story (Kunduz ~ "Nord-Afghanistan" ~ Taloqan, all taken by the Taliban)
        return a.point and b.point and distance_km((a.lat, a.lon), (b.lat, b.lon)) <= MAX_DISTANCE_KM
    if places_conflict(a, b):
        return False
    return a.actor_key is not None and a.actor_key == b.actor_key and a.target_key == b.target_key


# bounding boxes that contain every point within MAX_DISTANCE_KM (a little wider, never narrower)
_LAT_DEG = (MAX_DISTANCE_KM + 0.5) / 110.5


def _lon_deg(lat: float) -> float:
    cos = math.cos(math.radians(min(89.99, abs(lat) + _LAT_DEG)))
    return min(360.0, (MAX_DISTANCE_KM + 0.5) / (111.0 * max(cos, 1e-9)))


class _UnionFind:
    def __init__(self, items: Iterable[str] = ()):
        self.parent = {i: i for i in items}

    def add(self, x: str) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: str) -> str:
        self.add(x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for x in self.parent:
            out[self.find(x)].append(x)
        return sorted(sorted(g) for g in out.values())


_CELL = 0.25  # degrees; > 25 km of latitude


class _Bucket:
    """Events sorted by (start, id), so that those starting within an event's reach are a slice."""

    def __init__(self):
        self.items: list[LinkInfo] = []
        self.keys: list[tuple[date, str]] = []

    def add(self, info: LinkInfo) -> None:
        self.items.append(info)

    def seal(self) -> None:
        self.items.sort(key=lambda i: (i.start, i.id))
        self.keys = [(i.start, i.id) for i in self.items]

    def after(self, info: LinkInfo) -> list[LinkInfo]:
        """Events ordered after ``info`` that start early enough to overlap it."""
        lo = bisect.bisect_right(self.keys, (info.start, info.id))
        if info.end is None:
            return self.items[lo:]
        hi = bisect.bisect_right(self.keys, (info.end + timedelta(days=TIME_SLACK_DAYS), "\uffff"))
        return self.items[lo:hi]


def components(infos: Iterable[LinkInfo], families: Families | None = None) -> list[list[str]]:
    """The connected components of the linked relation over ``infos`` (in memory; used by full rebuilds).

    Candidates come from a grid of 0.25° cells (for point places) and from (actor, target) buckets, each sorted by
    start, so a pair is only looked at when the later one starts within the earlier one's reach."""
    families = families or load_families()
    infos = list(infos)
    uf = _UnionFind(i.id for i in infos)
    by_group: dict[frozenset[str], list[LinkInfo]] = defaultdict(list)
    for info in infos:
        if info.type != "OTHER" and info.start is not None:
            by_group[families.group(info.type)].append(info)
    n_lon_cells = round(360 / _CELL)
    for items in by_group.values():
        grid: dict[tuple[int, int], _Bucket] = defaultdict(_Bucket)
        by_actor: dict[tuple[str, str | None], _Bucket] = defaultdict(_Bucket)
        for it in items:
            if it.point:
                grid[(math.floor(it.lat / _CELL), math.floor(it.lon / _CELL) % n_lon_cells)].add(it)
            elif it.actor_key is not None:
                by_actor[(it.actor_key, it.target_key)].add(it)
        for bucket in (*grid.values(), *by_actor.values()):
            bucket.seal()
        for it in items:
            buckets: list[_Bucket] = []
            if it.point:
                row = math.floor(it.lat / _CELL)
                col = math.floor(it.lon / _CELL)
                reach = min(n_lon_cells // 2, math.ceil(_lon_deg(it.lat) / _CELL))
                cols = {(col + d) % n_lon_cells for d in range(-reach, reach + 1)}
                buckets.extend(grid[(r, c)] for r in (row - 1, row, row + 1) for c in cols if (r, c) in grid)
            elif it.actor_key is not None:
                buckets.append(by_actor[(it.actor_key, it.target_key)])
            for bucket in buckets:
                for other in bucket.after(it):
                    if uf.find(other.id) != uf.find(it.id) and linked(it, other, families):
                        uf.union(it.id, other.id)
    return uf.groups()


def _candidate_query(info: LinkInfo, families: Families):
    """Stored events that might link to ``info``: a superset of ``linked``, narrowed by indexed columns."""
    if info.type == "OTHER" or info.start is None:
        return None
    slack = timedelta(days=TIME_SLACK_DAYS)
    conds = [events.c.type.in_(sorted(families.group(info.type))), events.c.when_start.is_not(None)]
    if info.end is not None:
        conds.append(events.c.when_start <= info.end + slack)
    conds.append(or_(events.c.when_end.is_(None), events.c.when_end >= info.start - slack))
    where = []
    if info.point:
        box = [events.c.place_lat.between(info.lat - _LAT_DEG, info.lat + _LAT_DEG)]
        dlon = _lon_deg(info.lat)
        if abs(info.lon) + dlon < 180:
            box.append(events.c.place_lon.between(info.lon - dlon, info.lon + dlon))
        else:
            box.append(events.c.place_lon.is_not(None))
        where.append(and_(*box))
    elif info.actor_key is not None:
        where.append(
            and_(
                events.c.actor_key == info.actor_key,
                events.c.target_key.is_not_distinct_from(info.target_key),
            )
        )
    if not where:
        return None
    return select(*LINK_COLUMNS).where(and_(*conds, or_(*where)))


# ---- what a story says ----------------------------------------------------------------------------------------

_POSITIVE = ("confirmed", "asserted", "reported", "claimed")
_RANK = ("confirmed", "asserted", "reported", "claimed", "unconfirmed", "predicted", "conditional")


def story_status(statuses: Iterable[str]) -> str:
    """The status of a story across its reports' statuses (``denied`` for a negated report).

    Denied by one report and asserted, reported, claimed or confirmed by another: ``disputed``. Otherwise the
    strongest: confirmed > asserted > reported > claimed > unconfirmed > predicted > conditional (claimed by a
    party, then confirmed: confirmed)."""
    present = set(statuses)
    if "denied" in present:
        return DISPUTED if present & set(_POSITIVE) else "denied"
    for status in _RANK:
        if status in present:
            return status
    return min(present) if present else "asserted"


@dataclass
class Member:
    """One report of a story: an event with what the story needs of its article and sources."""

    row: Any
    source_group: str  # copies of one wire story share it
    outlet: str | None
    published: date | None
    attributed: list[str]

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def status(self) -> str:
        return "denied" if self.row.negated else self.row.status


def load_members(conn: Connection, event_ids: Iterable[str]) -> list[Member]:
    ids = sorted(set(event_ids))
    members: list[Member] = []
    for chunk in _chunks(ids):
        attributed: dict[str, list[str]] = defaultdict(list)
        for s in conn.execute(
            select(sources.c.event_id, sources.c.text, sources.c.canonical)
            .where(sources.c.event_id.in_(chunk))
            .order_by(sources.c.event_id, sources.c.idx)
        ):
            attributed[s.event_id].append(s.canonical or s.text)
        query = (
            select(events, articles.c.copy_of, articles.c.outlet, articles.c.published_start)
            .join(articles, articles.c.id == events.c.article_id)
            .where(events.c.id.in_(chunk))
        )
        for row in conn.execute(query):
            members.append(
                Member(
                    row, row.copy_of or row.article_id, row.outlet, row.published_start, attributed[row.id]
                )
            )
    return sorted(members, key=lambda m: m.id)


def _best(members: list[Member], value) -> tuple[Any, list[Member]]:
    """The value (``value(member)``, None = no value) given by the most independent sources; its members."""
    groups: dict[Any, list[Member]] = defaultdict(list)
    for m in members:
        v = value(m)
        if v is not None:
            groups[v].append(m)
    if not groups:
        return None, []

    def score(item):
        v, ms = item
        return (-len({m.source_group for m in ms}), -sum(m.row.confidence for m in ms), repr(v))

    v, ms = min(groups.items(), key=score)
    return v, ms


def _best_time(members: list[Member]) -> tuple[date | None, date | None, str | None]:
    """The narrowest interval that the most reports' intervals contain."""
    own = [m for m in members if m.row.time_start is not None]
    pool = own or [m for m in members if m.row.when_start is not None]
    if not pool:
        return None, None, None

    def interval(m: Member):
        if m.row.time_start is not None:
            return m.row.time_start, m.row.time_end, m.row.time_precision
        return m.row.when_start, m.row.when_end, None

    candidates = sorted({interval(m) for m in pool}, key=repr)

    def contains(outer, inner) -> bool:
        if outer[0] > inner[0]:
            return False
        return outer[1] is None or (inner[1] is not None and inner[1] <= outer[1])

    def score(c):
        support = len({m.source_group for m in pool if contains(interval(m), c)})
        length = (c[1] - c[0]).days if c[1] is not None else 10**9
        return (-support, length, c[0], repr(c))

    start, end, precision = min(candidates, key=score)
    if precision is None:
        precision = "day" if end == start else "range"
    return start, end, precision


def summarise(members: list[Member]) -> dict[str, Any]:
    """The ``stories`` row for a set of member events (order-independent)."""
    members = sorted(members, key=lambda m: m.id)
    type_, typed = _best(members, lambda m: m.row.type)
    mode, _ = _best(typed, lambda m: m.row.mode)

    def name(prefix: str):
        def value(m: Member):
            return getattr(m.row, f"{prefix}_key")

        key, holders = _best(members, value)
        if key is None:
            return None
        return min(
            (0, getattr(m.row, prefix)) if getattr(m.row, prefix) else (1, getattr(m.row, f"{prefix}_text"))
            for m in holders
        )[1]

    def place_key(m: Member):
        if m.row.place_geonameid is not None:
            return ("gn", m.row.place_geonameid)
        return ("name", match_key(m.row.place_name)) if m.row.place_name else None

    _, placed = _best(members, place_key)
    place = placed[0].row if placed else None
    acled, _ = _best(
        members,
        lambda m: (m.row.acled_event_type, m.row.acled_sub_event_type) if m.row.acled_event_type else None,
    )
    time_start, time_end, time_precision = _best_time(members)
    statuses = Counter(m.status for m in members)
    outlets = sorted({m.outlet for m in members if m.outlet})
    published = [m.published for m in members if m.published is not None]
    killed = [m.row.fatalities for m in members if m.row.fatalities is not None]
    return {
        "id": story_id(members[0].id),
        "type": type_,
        "mode": mode,
        "contexts": sorted({c for m in members for c in m.row.contexts or []}),
        "acled_event_type": acled[0] if acled else None,
        "acled_sub_event_type": acled[1] if acled else None,
        "actor": name("actor"),
        "target": name("target"),
        "place_name": place.place_name if place is not None else None,
        "place_geonameid": place.place_geonameid if place is not None else None,
        "place_lat": place.place_lat if place is not None else None,
        "place_lon": place.place_lon if place is not None else None,
        "place_admin1": place.place_admin1 if place is not None else None,
        "place_country": place.place_country if place is not None else None,
        "place_kind": place.place_kind if place is not None else None,
        "time_start": time_start,
        "time_end": time_end,
        "time_precision": time_precision,
        "status": story_status(statuses),
        "statuses": dict(sorted(statuses.items())),
        "n_reports": len(members),
        "n_articles": len({m.row.article_id for m in members}),
        "n_sources": len({m.source_group for m in members}),
        "n_outlets": len(outlets),
        "outlets": outlets,
        "sources": sorted({a for m in members for a in m.attributed}),
        "first_report": min(published) if published else None,
        "last_report": max(published) if published else None,
        "fatalities": min(killed) if killed else None,  # ACLED: the lowest reported figure
        "confidence": max(m.row.confidence for m in members),
    }


# ---- keeping the stories table up to date --------------------------------------------------------------------


def _chunks(items: list, size: int = _CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _write(conn: Connection, groups: list[list[str]]) -> int:
    story_rows, links = [], []
    for group in groups:
        members = load_members(conn, group)
        if not members:
            continue
        row = summarise(members)
        story_rows.append(row)
        links.extend({"event_id": m.id, "story_id": row["id"]} for m in members)
    if story_rows:
        conn.execute(stories.insert(), story_rows)
        conn.execute(story_events.insert(), links)
    return len(story_rows)


def _drop(conn: Connection, story_ids: Iterable[str]) -> None:
    ids = sorted(set(story_ids))
    for chunk in _chunks(ids):
        conn.execute(delete(story_events).where(story_events.c.story_id.in_(chunk)))
        conn.execute(delete(stories).where(stories.c.id.in_(chunk)))


def stories_of(conn: Connection, event_ids: Iterable[str]) -> set[str]:
    ids = sorted(set(event_ids))
    found: set[str] = set()
    for chunk in _chunks(ids):
        found.update(
            conn.execute(select(story_events.c.story_id).where(story_events.c.event_id.in_(chunk))).scalars()
        )
    return found


def stories_of_articles(conn: Connection, article_ids: Iterable[str]) -> set[str]:
    """The stories that events of these articles belong to."""
    ids = sorted(set(article_ids))
    found: set[str] = set()
    for chunk in _chunks(ids):
        found.update(
            conn.execute(
                select(story_events.c.story_id)
                .join(events, events.c.id == story_events.c.event_id)
                .where(events.c.article_id.in_(chunk))
            ).scalars()
        )
    return found


def update_stories(
    conn: Connection, new_event_ids: Iterable[str], broken_story_ids: Iterable[str] = ()
) -> int:
    """Bring stories up to date after events were added (``new_event_ids``) or removed (their former stories in
    ``broken_story_ids``), inside the caller's transaction. Returns the number of stories written.

    Only the components touched are recomputed: the new events, the surviving members of broken stories, and
    every story one of them links to (taken whole: an untouched story is a closed component)."""
    families = load_families()
    broken = sorted(set(broken_story_ids))
    survivors: set[str] = set()
    for chunk in _chunks(broken):
        survivors.update(
            conn.execute(select(story_events.c.event_id).where(story_events.c.story_id.in_(chunk))).scalars()
        )
    _drop(conn, broken)
    seeds = set(new_event_ids) | survivors
    if not seeds:
        return 0
    uf = _UnionFind(seeds)
    neighbours: set[str] = set()
    seed_infos = []
    for chunk in _chunks(sorted(seeds)):
        seed_infos.extend(
            link_info(r) for r in conn.execute(select(*LINK_COLUMNS).where(events.c.id.in_(chunk)))
        )
    for info in seed_infos:
        query = _candidate_query(info, families)
        if query is None:
            continue
        for row in conn.execute(query):
            if row.id == info.id:
                continue
            other = link_info(row)
            if linked(info, other, families):
                uf.union(info.id, other.id)
                if other.id not in seeds:
                    neighbours.add(other.id)
    touched = stories_of(conn, neighbours)
    members: dict[str, list[str]] = defaultdict(list)
    for chunk in _chunks(sorted(touched)):
        for row in conn.execute(
            select(story_events.c.story_id, story_events.c.event_id).where(story_events.c.story_id.in_(chunk))
        ):
            members[row.story_id].append(row.event_id)
    for ids in members.values():  # an untouched story joins whole
        for event_id in ids:
            uf.union(ids[0], event_id)
    _drop(conn, touched)
    return _write(conn, uf.groups())


def rebuild_stories(conn: Connection) -> int:
    """Recompute every story from scratch, inside the caller's transaction. Returns the number of stories."""
    conn.execute(delete(story_events))
    conn.execute(delete(stories))
    infos = [link_info(r) for r in conn.execute(select(*LINK_COLUMNS))]
    return _write(conn, components(infos))


def snapshot(conn: Connection) -> list[dict[str, Any]]:
    """Every story with its sorted member ids, sorted by id: for comparing two stores."""
    members: dict[str, list[str]] = defaultdict(list)
    for row in conn.execute(select(story_events.c.story_id, story_events.c.event_id)):
        members[row.story_id].append(row.event_id)
    out = []
    for row in conn.execute(select(stories).order_by(stories.c.id)):
        d = dict(row._mapping)
        d["members"] = sorted(members[row.id])
        out.append(d)
    return out
