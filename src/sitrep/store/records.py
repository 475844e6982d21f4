"""Model objects <-> table rows. ``event_from_rows(event_rows(e))`` gives ``e`` back (``tests/test_store.py``)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from sitrep.model import (
    PLACE_FIELDS,
    Actor,
    Article,
    DateInterval,
    Event,
    Mention,
    OtherMention,
    Place,
    Precision,
    Quantity,
    Source,
    Span,
    Status,
    TimeSpan,
    actor_dict,
    mention_dict,
)

_SPACE = re.compile(r"\s+")
_PLACE_COLUMNS = (*PLACE_FIELDS, "population")  # the Place fields events keep (stories: PLACE_FIELDS)


_ACCENT_MARKS = dict.fromkeys(map(ord, "´`'’ʼ‘¨"))


def match_key(value: str | None) -> str | None:
    """What actor and target names are compared by: casefolded, whitespace-collapsed, without diacritics or
    accent marks, so one name spelt with and without them is one actor ("Micheál Martin", "Michea´l Martin")."""
    if not value:
        return None
    text = unicodedata.normalize("NFKD", value.translate(_ACCENT_MARKS))  # before NFKD: "´" is " " + a mark
    key = _SPACE.sub(" ", "".join(c for c in text if not unicodedata.combining(c))).strip().casefold()
    return key or None


def actor_key(actor: Actor | None) -> str | None:
    return None if actor is None else match_key(actor.canonical or actor.span.text)


# ---- articles -----------------------------------------------------------------------------------------------


def interval_columns(interval: DateInterval | None, prefix: str) -> dict[str, Any]:
    if interval is None:
        return {f"{prefix}_start": None, f"{prefix}_end": None, f"{prefix}_precision": None}
    return {
        f"{prefix}_start": interval.start,
        f"{prefix}_end": interval.end,
        f"{prefix}_precision": str(interval.precision),
    }


def interval_from(start: date | None, end: date | None, precision: str | None) -> DateInterval | None:
    if start is None:
        return None
    return DateInterval(start, end, Precision(precision or "range"))


def mention_dicts(mentions: list[Mention]) -> list[dict]:
    return [mention_dict(m) for m in mentions]


def mentions_from(data: list[dict] | None) -> list[Mention]:
    return [
        Mention(Span(m["text"], m["start"], m["end"]), m["label"], m.get("canonical")) for m in data or []
    ]


def article_fields(row: Any) -> dict[str, Any]:
    """An ``Article``'s metadata from a row with the ``articles`` columns (or a join that selects them)."""
    return {
        "language": row.language,
        "published": interval_from(row.published_start, row.published_end, row.published_precision),
        "section": row.section,
        "outlet": row.outlet,
        "url": row.url,
        "path": row.path,
    }


def article_from_row(row: Any) -> Article:
    return Article(id=row.id, text=row.text, **article_fields(row), extra=dict(row.extra or {}))


# ---- events -------------------------------------------------------------------------------------------------


def _actor_from_json(d: dict) -> Actor:
    return Actor(
        Span(d["text"], d["start"], d["end"]),
        d.get("canonical"),
        d.get("kind"),
        d.get("country"),
        d.get("role"),
        d.get("affiliation"),
    )


def _span_row(event_id: str, role: str, span: Span | None) -> list[dict]:
    if span is None:
        return []
    return [
        {
            "event_id": event_id,
            "role": role,
            "start_char": span.start,
            "end_char": span.end,
            "text": span.text,
        }
    ]


def fatalities(event: Event) -> int | None:
    killed = [q.value for q in event.quantities if q.kind == "killed"]
    return round(sum(killed)) if killed else None


def party_columns(actor: Actor | None, role: str) -> dict[str, Any]:
    """An actor or target as the ``<role>``, ``<role>_text``, ``_kind``, ``_country`` and ``_key`` columns."""
    return {
        role: actor.canonical if actor else None,
        f"{role}_text": actor.span.text if actor else None,
        f"{role}_kind": actor.kind if actor else None,
        f"{role}_country": actor.country if actor else None,
        f"{role}_key": actor_key(actor),
        f"{role}_role": actor.role if actor else None,
        f"{role}_affiliation": actor.affiliation if actor else None,
    }


def place_columns(place: Place | None) -> dict[str, Any]:
    """A place as the ``place_<field>`` columns of events (``population`` included)."""
    return {f"place_{f}": getattr(place, f) if place else None for f in _PLACE_COLUMNS}


def event_columns(event: Event) -> dict[str, Any]:
    """An event's own fields as ``events`` columns (without its ids, the interval it is merged by, or the
    pipeline version)."""
    time = event.time
    return {
        "type": event.type,
        "mode": event.mode,
        "contexts": list(event.contexts),
        "acled_event_type": (event.acled or {}).get("event_type"),
        "acled_sub_event_type": (event.acled or {}).get("sub_event_type"),
        **party_columns(event.actor, "actor"),
        "co_actors": [actor_dict(a) for a in event.co_actors],
        **party_columns(event.target, "target"),
        **place_columns(event.place),
        **interval_columns(time.interval if time else None, "time"),
        "time_anchor": time.anchor if time else None,
        "status": str(event.status),
        "conditional": bool(event.conditional),
        "negated": bool(event.negated),
        "confidence": float(event.confidence),
        "quantities": [
            {
                "value": q.value,
                "unit": q.unit,
                "kind": q.kind,
                "approximate": q.approximate,
                "span": None if q.span is None else [q.span.text, q.span.start, q.span.end],
            }
            for q in event.quantities
        ],
        "fatalities": fatalities(event),
    }


def event_rows(
    event_id: str,
    article_id: str,
    index: int,
    event: Event,
    pipeline_version: str,
    published: DateInterval | None,
) -> tuple[dict, list[dict], list[dict]]:
    """The ``events`` row, the ``spans`` rows and the ``sources`` rows of one event."""
    if not isinstance(event.trigger, Span) or not isinstance(event.sentence, Span):
        raise TypeError(f"a {event.type} event without its trigger or sentence span cannot be stored")
    actor, target, place, time = event.actor, event.target, event.place, event.time
    when = time.interval if time is not None else published
    row = {
        "id": event_id,
        "article_id": article_id,
        "idx": index,
        **event_columns(event),
        "when_start": when.start if when else None,
        "when_end": when.end if when else None,
        "pipeline_version": pipeline_version,
    }
    spans = [
        *_span_row(event_id, "trigger", event.trigger),
        *_span_row(event_id, "sentence", event.sentence),
        *_span_row(event_id, "actor", actor.span if actor else None),
        *_span_row(event_id, "target", target.span if target else None),
        *_span_row(event_id, "place", place.span if place else None),
        *_span_row(event_id, "time", time.span if time else None),
        *_span_row(event_id, "condition", event.condition),
    ]
    for i, other in enumerate(event.also_mentioned):
        spans += _span_row(event_id, f"also.{i}.trigger", other.trigger)
        spans += _span_row(event_id, f"also.{i}.sentence", other.sentence)
    sources = [
        {
            "event_id": event_id,
            "idx": i,
            "text": s.span.text,
            "canonical": s.canonical,
            "start_char": s.span.start,
            "end_char": s.span.end,
        }
        for i, s in enumerate(event.sources)
    ]
    return row, spans, sources


def event_from_rows(row: Any, spans: list[Any], sources: list[Any]) -> Event:
    """The ``Event`` a stored row (with its spans and sources) was made from."""
    by_role = {s.role: Span(s.text, s.start_char, s.end_char) for s in spans}

    def actor(prefix: str) -> Actor | None:
        text_value = getattr(row, f"{prefix}_text")
        if text_value is None:
            return None
        span = by_role.get(prefix) or Span(text_value, -1, -1)
        return Actor(
            span,
            getattr(row, prefix),
            getattr(row, f"{prefix}_kind"),
            getattr(row, f"{prefix}_country"),
            getattr(row, f"{prefix}_role"),
            getattr(row, f"{prefix}_affiliation"),
        )

    place = None
    if row.place_name is not None:
        place = Place(
            span=by_role.get("place") or Span(row.place_name, -1, -1),
            **{f: getattr(row, f"place_{f}") for f in _PLACE_COLUMNS},
        )
    interval = interval_from(row.time_start, row.time_end, row.time_precision)
    time = (
        None if interval is None else TimeSpan(by_role.get("time"), interval, row.time_anchor or "published")
    )
    also = []
    i = 0
    while f"also.{i}.trigger" in by_role:
        also.append(OtherMention(by_role[f"also.{i}.trigger"], by_role[f"also.{i}.sentence"]))
        i += 1
    acled = None
    if row.acled_event_type or row.acled_sub_event_type:
        acled = {"event_type": row.acled_event_type, "sub_event_type": row.acled_sub_event_type}
    return Event(
        type=row.type,
        trigger=by_role["trigger"],
        sentence=by_role["sentence"],
        mode=row.mode,
        contexts=list(row.contexts or []),
        acled=acled,
        actor=actor("actor"),
        co_actors=[_actor_from_json(d) for d in row.co_actors or []],
        target=actor("target"),
        place=place,
        time=time,
        status=Status(row.status),
        conditional=bool(row.conditional),
        condition=by_role.get("condition"),
        sources=[
            Source(Span(s.text, s.start_char, s.end_char), s.canonical)
            for s in sorted(sources, key=lambda s: s.idx)
        ],
        quantities=[
            Quantity(
                q["value"],
                q["unit"],
                q["kind"],
                bool(q.get("approximate")),
                None if q.get("span") is None else Span(*q["span"]),
            )
            for q in row.quantities or []
        ],
        also_mentioned=also,
        confidence=row.confidence,
        negated=bool(row.negated),
    )
