"""Exports: JSON Lines, ACLED CSV, GeoJSON and PLOVER JSON, of events (one row per report) or of stories (one
row per merged real event).

- ``jsonl``: one JSON object per line, the shape of ``sitrep events --format json`` / ``sitrep stories``.
- ``acled-csv``: exactly the columns of ACLED's current export (``ACLED_COLUMNS``), filled where known. Dates per
  ACLED's codebook: an actual day is time precision 1; a period of up to a week is 2, dated at its middle; a longer
  period (up to a month, which is all ACLED itself records) is 3, dated at its middle (a month: the 15th). Longer or
  open-ended intervals, which ACLED would leave out, are kept with precision 3 at their middle (or start), and the
  full interval is in ``tags``. ``iso`` is the numeric ISO 3166 code; ``fatalities`` the reported killed (0 when
  none is reported, as ACLED does); ``notes`` the sentence the event was read from, with its status and who says so.
  ``region`` is ACLED's region of the country (``data/acled_regions.yaml``); ``admin2``, ``admin3`` and
  ``source_scale`` are left empty: sitrep does not know them.
- ``geojson``: a FeatureCollection of Points ([longitude, latitude]) with flat properties, which GIS tools open;
  events without coordinates are left out (the count is returned).
- ``plover-json``: PLOVER records (field names of the PLOVER manual, "JSON Data Fields", v0.7b1: ``id``, ``date``,
  ``enddate``, ``source``/``recipient`` actor lists, ``event``, ``mode``, ``context``, ``event_loc`` with GeoNames
  field names, ``event_text``, ``quad_code``, ``link``, ``cite_info``, ...), one per line as the manual suggests,
  with sitrep's ``status``, ``sources`` and ``confidence`` as extra named fields.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any, TextIO

import yaml

import sitrep
from sitrep.store.queries import EventRecord, Filters, StoryRecord, query_events, query_stories
from sitrep.store.records import fatalities, place_columns

FORMATS = ("jsonl", "acled-csv", "geojson", "plover-json")
LEVELS = ("events", "stories")

ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]

# ACLED's actor types ("inter" codes 1-8) as its current export names them; interactions: lower code first
INTER_TYPES = [
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
]
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
_QUAD = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT", "INVESTIGATE"), 2),
    **dict.fromkeys(("DEMAND", "REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}
_SECTOR = {
    "government": "GOV",
    "state": "GOV",
    "military": "MIL",
    "police": "COP",
    "armed group": "REB",
    "rebel group": "REB",
    "militia": "PRM",
    "media": "JRN",
    "person": "CVL",
    "civilians": "CVL",
}


@dataclass
class Party:
    name: str
    text: str | None = None
    kind: str | None = None
    country: str | None = None


@dataclass
class Item:
    """What every export format needs of an event or a story."""

    id: str
    level: str
    type: str
    mode: str | None
    contexts: list[str]
    acled_event_type: str | None
    acled_sub_event_type: str | None
    actor: Party | None
    co_actors: list[Party]
    target: Party | None
    place_name: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    admin1: str | None
    country: str | None
    place_kind: str | None
    time_start: date | None
    time_end: date | None
    time_precision: str | None
    status: str
    said_by: list[str]
    outlets: list[str]
    urls: list[str]
    sentence: str
    sentence_span: tuple[int, int] | None
    fatalities: int | None
    injured: int | None
    confidence: float | None
    story_id: str | None
    article_ids: list[str]
    n_sources: int
    language: str | None
    coder: str | None
    updated: datetime | None
    extra: dict[str, Any] = field(default_factory=dict)


def _party(actor) -> Party | None:
    if actor is None:
        return None
    return Party(actor.canonical or actor.span.text, actor.span.text, actor.kind, actor.country)


# Item field -> store column, for the place of events and stories
_PLACE_ITEM = {
    "place_name": "place_name",
    "geonameid": "place_geonameid",
    "lat": "place_lat",
    "lon": "place_lon",
    "admin1": "place_admin1",
    "country": "place_country",
    "place_kind": "place_kind",
}


def _place_fields(columns: dict[str, Any]) -> dict[str, Any]:
    return {field: columns[column] for field, column in _PLACE_ITEM.items()}


def item_from_event(r: EventRecord) -> Item:
    e = r.event
    time = e.time
    interval = time.interval if time else r.published
    injured = [q.value for q in e.quantities if q.kind == "injured"]
    status = "denied" if e.negated else str(e.status)
    return Item(
        id=r.id,
        level="event",
        type=e.type,
        mode=e.mode,
        contexts=list(e.contexts),
        acled_event_type=(e.acled or {}).get("event_type"),
        acled_sub_event_type=(e.acled or {}).get("sub_event_type"),
        actor=_party(e.actor),
        co_actors=[_party(a) for a in e.co_actors],
        target=_party(e.target),
        **_place_fields(place_columns(e.place)),
        time_start=interval.start if interval else None,
        time_end=interval.end if interval else None,
        time_precision=str(interval.precision) if interval else None,
        status=status,
        said_by=[s.canonical or s.span.text for s in e.sources],
        outlets=[r.outlet] if r.outlet else [],
        urls=[r.url] if r.url else [],
        sentence=e.sentence.text,
        sentence_span=(e.sentence.start, e.sentence.end),
        fatalities=fatalities(e),
        injured=round(sum(injured)) if injured else None,
        confidence=e.confidence,
        story_id=r.story_id,
        article_ids=[r.article_id],
        n_sources=1,
        language=r.language,
        coder=r.pipeline_version,
        updated=r.ingested_at,
        extra={"time_from_text": bool(time and time.span), "conditional": e.conditional},
    )


def item_from_story(s: StoryRecord) -> Item:
    row = s.row
    sentences = []
    for rep in s.reports:
        if rep.sentence and rep.sentence not in sentences:
            sentences.append(rep.sentence)
    return Item(
        id=row["id"],
        level="story",
        type=row["type"],
        mode=row["mode"],
        contexts=list(row["contexts"] or []),
        acled_event_type=row["acled_event_type"],
        acled_sub_event_type=row["acled_sub_event_type"],
        actor=Party(row["actor"]) if row["actor"] else None,
        co_actors=[],
        target=Party(row["target"]) if row["target"] else None,
        **_place_fields(row),
        time_start=row["time_start"],
        time_end=row["time_end"],
        time_precision=row["time_precision"],
        status=row["status"],
        said_by=list(row["sources"] or []),
        outlets=list(row["outlets"] or []),
        urls=sorted({rep.url for rep in s.reports if rep.url}),
        sentence=" | ".join(sentences),
        sentence_span=None,
        fatalities=row["fatalities"],
        injured=None,
        confidence=row["confidence"],
        story_id=row["id"],
        article_ids=sorted({rep.article_id for rep in s.reports}),
        n_sources=row["n_sources"],
        language=None,
        coder=None,
        updated=max((rep.ingested_at for rep in s.reports if rep.ingested_at), default=None),
        extra={"n_reports": row["n_reports"], "statuses": row["statuses"] or {}},
    )


# ---- helpers ------------------------------------------------------------------------------------------------


def _country(code: str | None):
    if not code:
        return None
    try:
        import pycountry
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return pycountry.countries.get(alpha_2=code.upper())


def _country_name(code: str | None) -> str:
    c = _country(code)
    return (getattr(c, "common_name", None) or c.name) if c else (code or "")


def acled_date(start: date | None, end: date | None) -> tuple[date | None, int | None]:
    """ACLED's event date and time precision for an interval (see the module's documentation)."""
    if start is None:
        return None, None
    if end is None:  # open-ended: only its start is known
        return start, 3
    days = (end - start).days + 1
    middle = start + timedelta(days=(days - 1) // 2)
    if days <= 1:
        return start, 1
    if days <= 7:
        return middle, 2
    return middle, 3


def _inter(party: Party | None, place_country: str | None) -> str:
    """ACLED's actor type for a sitrep actor kind (``sitrep/data/acled.yaml``); a state's forces abroad: external."""
    from sitrep.extract.acled import acled_inter

    if party is None or not party.kind:
        return ""
    foreign = bool(party.country and place_country and party.country != place_country)
    code = acled_inter(party.kind, foreign=foreign)
    return INTER_TYPES[code - 1] if code else ""


def _interaction(inter1: str, inter2: str, has_actor2: bool) -> str:
    if not inter1:
        return ""
    if not has_actor2:
        return f"{inter1} only"
    if not inter2:
        return ""
    a, b = sorted((inter1, inter2), key=INTER_TYPES.index)
    return f"{a}-{b}"


def _geo_precision(item: Item) -> str:
    if item.lat is None or item.lon is None:
        return ""
    if item.place_kind == "admin2":
        return "2"
    return "3" if item.place_kind in ("admin1", "region", "country") else "1"


def _disorder(event_type: str | None, sub_event_type: str | None) -> str:
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    return _DISORDER.get(event_type or "", "")


# ---- formats ------------------------------------------------------------------------------------------------


@cache
def _acled_regions() -> dict[str, str]:
    path = resources.files("sitrep") / "data" / "acled_regions.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {code: region for region, codes in data.items() for code in codes}


def acled_region(country: str | None) -> str:
    """ACLED's region for an ISO alpha-2 country code ("" when unknown)."""
    return _acled_regions().get((country or "").upper(), "")


def acled_row(item: Item) -> dict[str, str]:
    """One ACLED CSV row (all values as text)."""
    when, precision = acled_date(item.time_start, item.time_end)
    country = _country(item.country)
    inter1 = _inter(item.actor, item.country)
    inter2 = _inter(item.target, item.country)
    attribution = (
        f"[{item.status}" + (f"; according to: {', '.join(item.said_by)}" if item.said_by else "") + "]"
    )
    tags = [f"sitrep_{item.level}={item.id}", f"sitrep_status={item.status}"]
    if item.type:
        tags.append(f"plover={item.type}" + (f"/{item.mode}" if item.mode else ""))
    if item.time_start is not None:
        tags.append(
            f"sitrep_time={item.time_start.isoformat()}/{item.time_end.isoformat() if item.time_end else ''}"
        )
    if item.confidence is not None:
        tags.append(f"sitrep_confidence={item.confidence:.2f}")
    if item.level == "story":
        tags.append(f"sitrep_sources={item.n_sources}")
    return {
        "event_id_cnty": f"{country.alpha_3 if country else 'XXX'}{item.id}",
        "event_date": when.isoformat() if when else "",
        "year": str(when.year) if when else "",
        "time_precision": str(precision) if precision else "",
        "disorder_type": _disorder(item.acled_event_type, item.acled_sub_event_type),
        "event_type": item.acled_event_type or "",
        "sub_event_type": item.acled_sub_event_type or "",
        "actor1": item.actor.name if item.actor else "",
        "assoc_actor_1": "; ".join(p.name for p in item.co_actors),
        "inter1": inter1,
        "actor2": item.target.name if item.target else "",
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": _interaction(inter1, inter2, item.target is not None),
        "civilian_targeting": (
            "Civilian targeting"
            if item.acled_event_type == "Violence against civilians" or inter2 == "Civilians"
            else ""
        ),
        "iso": str(int(country.numeric)) if country else "",
        "region": acled_region(item.country),
        "country": _country_name(item.country),
        "admin1": item.admin1 or "",
        "admin2": "",
        "admin3": "",
        "location": item.place_name or "",
        "latitude": f"{item.lat:.4f}" if item.lat is not None else "",
        "longitude": f"{item.lon:.4f}" if item.lon is not None else "",
        "geo_precision": _geo_precision(item),
        "source": "; ".join(item.outlets or item.said_by),
        "source_scale": "",
        "notes": f"{item.sentence} {attribution}".strip(),
        "fatalities": str(item.fatalities or 0),
        "tags": "; ".join(tags),
        "timestamp": str(int(_utc(item.updated).timestamp())) if item.updated else "",
    }


def write_acled_csv(items: Iterable[Item], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for item in items:
        writer.writerow(acled_row(item))
        n += 1
    return n


def _properties(item: Item) -> dict[str, Any]:
    return {
        "id": item.id,
        "level": item.level,
        "type": item.type,
        "mode": item.mode,
        "contexts": "; ".join(item.contexts),
        "acled_event_type": item.acled_event_type,
        "acled_sub_event_type": item.acled_sub_event_type,
        "actor": item.actor.name if item.actor else None,
        "target": item.target.name if item.target else None,
        "place": item.place_name,
        "geonameid": item.geonameid,
        "admin1": item.admin1,
        "country": item.country,
        "place_kind": item.place_kind,
        "time_start": item.time_start.isoformat() if item.time_start else None,
        "time_end": item.time_end.isoformat() if item.time_end else None,
        "time_precision": item.time_precision,
        "status": item.status,
        "according_to": "; ".join(item.said_by),
        "outlets": "; ".join(item.outlets),
        "url": item.urls[0] if item.urls else None,
        "story_id": item.story_id,
        "articles": "; ".join(item.article_ids),
        "n_sources": item.n_sources,
        "fatalities": item.fatalities,
        "confidence": round(item.confidence, 3) if item.confidence is not None else None,
        "text": item.sentence,
    }


def geojson(items: Iterable[Item]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the items that have coordinates."""
    features = [
        {
            "type": "Feature",
            "id": item.id,
            "geometry": {"type": "Point", "coordinates": [item.lon, item.lat]},
            "properties": _properties(item),
        }
        for item in items
        if item.lat is not None and item.lon is not None
    ]
    return {"type": "FeatureCollection", "features": features}


def _plover_actor(party: Party) -> dict[str, Any]:
    country = _country(party.country)
    code = country.alpha_3 if country else ("IGO" if (party.kind or "").lower() == "igo" else None)
    actor = {"actor_text": party.text or party.name, "identifier_text": party.name}
    if code:
        actor["code"] = code
    sector = _SECTOR.get((party.kind or "").lower())
    if sector:
        actor["sector"] = sector
    return actor


def plover_record(item: Item) -> dict[str, Any]:
    """One event (or story) as a PLOVER record."""
    country = _country(item.country)
    record: dict[str, Any] = {
        "id": item.id,
        "has_event": True,
        "date": item.time_start.isoformat() if item.time_start else None,
    }
    if item.time_end and item.time_end != item.time_start:
        record["enddate"] = item.time_end.isoformat()
    record["source"] = [_plover_actor(p) for p in [item.actor, *item.co_actors] if p is not None]
    record["recipient"] = [_plover_actor(item.target)] if item.target else []
    record["event"] = [item.type]
    if item.type in _QUAD:
        record["quad_code"] = _QUAD[item.type]
    record["mode"] = [item.mode] if item.mode else []
    record["context"] = list(item.contexts)
    if item.place_name is not None:
        loc: dict[str, Any] = {"name": item.place_name}
        if item.geonameid is not None:
            loc["geonameid"] = item.geonameid
        if item.lat is not None and item.lon is not None:
            loc["latitude"], loc["longitude"] = item.lat, item.lon
        if item.country:
            loc["country code"] = item.country
        if country:
            loc["cc3"] = country.alpha_3
        if item.admin1:
            loc["admin1 code"] = item.admin1
        record["event_loc"] = loc
    if item.sentence:
        record["event_text"] = [item.sentence]
    if item.sentence_span:
        record["text_info"] = {"start": item.sentence_span[0], "end": item.sentence_span[1]}
    if item.story_id:
        record["link"] = item.story_id
    if item.fatalities is not None:
        record["dead"] = item.fatalities
    if item.injured is not None:
        record["injured"] = item.injured
    record["cite_info"] = {
        k: v
        for k, v in {
            "url": item.urls[0] if item.urls else None,
            "language": item.language,
            "publication": "; ".join(item.outlets) or None,
            "coder": item.coder or f"sitrep {sitrep.__version__}",
            "codebook": "plover-0.7b1",
        }.items()
        if v
    }
    record["coder"] = item.coder or f"sitrep {sitrep.__version__}"
    if item.updated:
        record["coded_date"] = _utc(item.updated).date().isoformat()
    record["status"] = item.status
    record["sources"] = list(item.said_by)
    if item.confidence is not None:
        record["confidence"] = round(item.confidence, 3)
    if item.time_precision:
        record["date_precision"] = item.time_precision
    return record


def _utc(value: datetime) -> datetime:
    """Stored times are UTC; SQLite gives them back without a zone."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def items(store, level: str = "events", filters: Filters | None = None) -> Iterator[Item]:
    if level == "stories":
        for s in query_stories(store, filters):
            yield item_from_story(s)
    else:
        for r in query_events(store, filters):
            yield item_from_event(r)


def export(store, fmt: str, out: TextIO, filters: Filters | None = None, level: str = "events") -> int:
    """Write the store's events (or stories) matching ``filters`` to ``out`` as ``fmt``; returns how many."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r} (choose from {', '.join(LEVELS)})")
    if fmt == "jsonl":
        records = query_stories(store, filters) if level == "stories" else query_events(store, filters)
        out.writelines(json.dumps(r.to_dict(), ensure_ascii=False, default=_jsonable) + "\n" for r in records)
        return len(records)
    if fmt == "acled-csv":
        return write_acled_csv(items(store, level, filters), out)
    if fmt == "geojson":
        collection = geojson(items(store, level, filters))
        json.dump(collection, out, ensure_ascii=False, indent=1, default=_jsonable)
        out.write("\n")
        return len(collection["features"])
    n = 0
    for item in items(store, level, filters):
        out.write(json.dumps(plover_record(item), ensure_ascii=False, default=_jsonable) + "\n")
        n += 1
    return n
