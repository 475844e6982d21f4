"""RSS and Atom feeds (feedparser): each entry -> an Article from its content or summary.

``text``: the entry's full content when it has one, else its summary, as text (``html.html_to_text``); the entry
title goes to ``extra["title"]``. ``id``: the entry's own id (Atom ``<id>``, RSS ``<guid>``) when it has one, else
the stable hash. ``published``: the date of ``published`` (else ``updated``) as written, in the feed's own time
zone (an unreadable date is kept in ``extra["published_raw"]``). ``section``: the first category. ``outlet``: the feed title. ``language``: the entry's or the feed's
declared language, else detection. Errors name ``<feed> entry <n>`` (1-based).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

from sitrep.model import Article, DateInterval

from .common import NO_DEFAULTS, Defaults, check_bytes, clean_body, make_article, read_file
from .dates import parse_published
from .errors import ReadError
from .html import html_to_text


def _entry_date(entry) -> DateInterval | None:
    for key in ("published", "updated", "created"):
        raw = dict.get(entry, key)  # dict.get: no feedparser fallback from updated to published (deprecated)
        if raw:
            try:
                return parse_published(parsedate_to_datetime(raw))  # RFC 822 (RSS): the date as written
            except (TypeError, ValueError, IndexError):
                pass
            try:
                return parse_published(raw)  # RFC 3339 (Atom) or a bare date
            except ValueError:
                pass
        parsed = dict.get(entry, f"{key}_parsed")
        if parsed:  # feedparser's own reading of an odd format, in UTC
            return parse_published(date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday))
    return None


def _entry_text(entry) -> tuple[str, str | None]:
    """(text, declared language) from the longest of the entry's contents and its summary."""
    candidates = list(entry.get("content") or [])
    if entry.get("summary_detail"):
        candidates.append(entry["summary_detail"])
    elif entry.get("summary"):
        candidates.append({"value": entry["summary"], "type": "text/html"})
    best, language = "", None
    for item in candidates:
        value = item.get("value") or ""
        text = html_to_text(value) if "html" in (item.get("type") or "text/html") else value
        text = clean_body(text)
        if len(text) > len(best):
            best, language = text, item.get("language")
    return best, language


def _host(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def feed_articles(
    data: bytes, name: str, defaults: Defaults, url: str | None = None
) -> Iterator[Article | ReadError]:
    """Articles (and per-entry ReadErrors) from the bytes of an RSS/Atom document."""
    import feedparser

    try:
        check_bytes(data, name)
    except ReadError as exc:
        yield exc
        return
    # a stream, never bytes or str: feedparser would treat those as a file name or URL and open it itself
    parsed = feedparser.parse(io.BytesIO(data), response_headers={"content-location": url} if url else None)
    if not parsed.entries:
        if parsed.get("version"):
            yield ReadError(name, "feed has no entries")
        else:
            reason = parsed.get("bozo_exception") or "no RSS or Atom elements"
            yield ReadError(name, f"not an RSS/Atom feed ({reason})")
        return
    channel = parsed.feed
    outlet = channel.get("title") or _host(channel.get("link")) or _host(url)
    most = defaults.limits.max_feed_items
    for number, entry in enumerate(parsed.entries, 1):
        source = f"{name} entry {number}"
        if number > most:
            yield ReadError(name, f"{len(parsed.entries):,} entries, more than the limit of {most:,}: the rest were "
                            "not read (--max-feed-items)")
            return
        try:
            text, language = _entry_text(entry)
            if not text:
                raise ReadError(source, "entry has no content or summary")
            extra = {"title": entry["title"]} if entry.get("title") else {}
            published = _entry_date(entry)
            raw_date = dict.get(entry, "published") or dict.get(entry, "updated")
            if published is None and raw_date:  # a date nobody can read: kept as given, not guessed
                extra["published_raw"] = raw_date
            tags = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
            yield make_article(
                text,
                source=source,
                defaults=defaults,
                id=(entry.get("id") or "").strip() or None,
                published=published,
                language=language or channel.get("language"),
                section=tags[0] if tags else None,
                outlet=outlet,
                url=entry.get("link"),
                path=None if url else name,
                extra=extra,
            )
        except ReadError as exc:
            yield exc


def read_feed(path: str | Path, defaults: Defaults = NO_DEFAULTS) -> Iterator[Article | ReadError]:
    """An ``.xml`` / ``.rss`` / ``.atom`` file -> one Article per entry."""
    try:
        data = read_file(path, defaults.limits)
    except ReadError as exc:
        yield exc
        return
    yield from feed_articles(data, str(path), defaults)
