"""The data model: the contract between sitrep's stages.

Every field an extractor fills carries the span of text it came from (character offsets into ``Article.text``,
the article body). Plain dataclasses: ``to_dict`` gives the JSON shape of ``sitrep extract``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class Precision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"


class Status(StrEnum):
    ASSERTED = "asserted"  # the writer's own statement
    REPORTED = "reported"  # attributed to a source that is not a party
    CLAIMED = "claimed"  # attributed to a party to the event
    CONFIRMED = "confirmed"
    DENIED = "denied"
    UNCONFIRMED = "unconfirmed"
    PREDICTED = "predicted"
    CONDITIONAL = "conditional"


@dataclass(frozen=True)
class Span:
    """A piece of the article body: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class DateInterval:
    """A date known to lie in [start, end]; ``end`` None means open-ended (``siden september i fjor``)."""

    start: date
    end: date | None
    precision: Precision

    @property
    def days(self) -> int | None:
        return None if self.end is None else (self.end - self.start).days + 1


@dataclass(frozen=True)
class TimeSpan:
    span: Span | None  # the words that say when; None when inherited from the publication date alone
    interval: DateInterval
    anchor: str = "published"  # what it was resolved against: "published" or "text"


@dataclass
class Article:
    id: str
    text: str
    language: str
    published: DateInterval | None = None
    section: str | None = None
    outlet: str | None = None
    url: str | None = None
    path: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # unknown input keys, kept as given


@dataclass(frozen=True)
class Actor:
    """A canonical actor (from the alias data) or, when unknown, just the words of the text."""

    span: Span
    canonical: str | None = None
    kind: str | None = None  # state, armed group, government, military, igo, media, person, ...
    country: str | None = None  # ISO 3166-1 alpha-2
    role: str | None = None  # the title or role the text gives ("prime minister"), canonical
    affiliation: str | None = None  # the canonical actor it belongs to or speaks for ("Labour Party (Norway)")


@dataclass(frozen=True)
class Place:
    span: Span
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    admin1: str | None
    country: str | None
    kind: str  # city, admin2 (a municipality), admin1, country, region
    population: int | None = None


PLACE_FIELDS = ("name", "geonameid", "lat", "lon", "admin1", "country", "kind")
"""What a place is in JSON output, and in the store's ``place_<field>`` columns of events and stories."""


@dataclass(frozen=True)
class Mention:
    """A named entity in the article, with what it resolves to."""

    span: Span
    label: str  # PER, ORG, GPE_LOC, GPE_ORG, LOC, PROD, EVT, DRV, MISC
    canonical: str | None = None


@dataclass(frozen=True)
class Source:
    """Who says so: a span and, when known, the canonical actor (``anonymous sources`` when unnamed)."""

    span: Span
    canonical: str | None = None


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # lemma of the counted noun
    kind: str  # killed, injured, troops, people, money, other
    approximate: bool = False
    span: Span | None = None


@dataclass(frozen=True)
class OtherMention:
    trigger: Span
    sentence: Span


@dataclass
class Event:
    type: str  # PLOVER type, or OTHER
    trigger: Span
    sentence: Span
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    acled: dict[str, str] | None = None  # {"event_type", "sub_event_type"}
    actor: Actor | None = None
    co_actors: list[Actor] = field(default_factory=list)
    target: Actor | None = None
    place: Place | None = None
    time: TimeSpan | None = None
    status: Status = Status.ASSERTED
    conditional: bool = False
    condition: Span | None = None
    sources: list[Source] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    also_mentioned: list[OtherMention] = field(default_factory=list)
    confidence: float = 0.5
    negated: bool = False


@dataclass
class ExtractedArticle:
    article: Article
    entities: list[Mention]
    events: list[Event]


# ---- JSON shape -------------------------------------------------------------------------------------------


def _span(span: Span | None) -> dict | None:
    return None if span is None else {"text": span.text, "start": span.start, "end": span.end}


def interval_dict(interval: DateInterval | None) -> dict | None:
    if interval is None:
        return None
    return {
        "start": interval.start.isoformat(),
        "end": interval.end.isoformat() if interval.end else None,
        "precision": str(interval.precision),
    }


def actor_dict(actor: Actor | None) -> dict | None:
    if actor is None:
        return None
    return {
        **_span(actor.span),
        "canonical": actor.canonical,
        "kind": actor.kind,
        "country": actor.country,
        "role": actor.role,
        "affiliation": actor.affiliation,
    }


def mention_dict(mention: Mention) -> dict:
    return {**_span(mention.span), "label": mention.label, "canonical": mention.canonical}


def place_dict(place: Place | None) -> dict | None:
    if place is None:
        return None
    return {**_span(place.span), **{f: getattr(place, f) for f in PLACE_FIELDS}}


def time_dict(time: TimeSpan | None) -> dict | None:
    if time is None:
        return None
    span = time.span or Span("", -1, -1)
    return {
        "text": span.text or None,
        "start": time.interval.start.isoformat(),
        "end": time.interval.end.isoformat() if time.interval.end else None,
        "precision": str(time.interval.precision),
        "span_start": span.start if time.span else None,
        "span_end": span.end if time.span else None,
        "anchor": time.anchor,
    }


def event_dict(event: Event) -> dict:
    return {
        "type": event.type,
        "mode": event.mode,
        "contexts": list(event.contexts),
        "acled": dict(event.acled) if event.acled else None,
        "actor": actor_dict(event.actor),
        "co_actors": [actor_dict(a) for a in event.co_actors],
        "target": actor_dict(event.target),
        "place": place_dict(event.place),
        "time": time_dict(event.time),
        "status": str(event.status),
        "conditional": event.conditional,
        "condition": _span(event.condition),
        "sources": [{**_span(s.span), "canonical": s.canonical} for s in event.sources],
        "quantities": [
            {"value": q.value, "unit": q.unit, "kind": q.kind, "approximate": q.approximate}
            for q in event.quantities
        ],
        "trigger": _span(event.trigger),
        "sentence": _span(event.sentence),
        "also_mentioned": [
            {"trigger": _span(m.trigger), "sentence": _span(m.sentence)} for m in event.also_mentioned
        ],
        "negated": event.negated,
        "confidence": round(event.confidence, 3),
    }


def article_dict(result: ExtractedArticle) -> dict:
    article = result.article
    return {
        "id": article.id,
        "path": article.path,
        "language": article.language,
        "published": interval_dict(article.published),
        "section": article.section,
        "outlet": article.outlet,
        "url": article.url,
        "text": article.text,
        **({"extra": article.extra} if article.extra else {}),
        "entities": [mention_dict(m) for m in result.entities],
        "events": [event_dict(e) for e in result.events],
    }


def replace(obj, **changes):
    """``dataclasses.replace`` re-exported: stages return new values rather than mutating shared ones."""
    return dataclasses.replace(obj, **changes)
