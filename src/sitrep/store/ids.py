"""Stable identifiers and the text key that tells copies of one wire story apart from independent reports."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from sitrep.model import Article, Event

_SPACE = re.compile(r"\s+")


def _digest(key: str, length: int = 16) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:length]


def normalise_text(text: str) -> str:
    """NFC, casefolded, every run of whitespace one space: copies of one wire story normalise to the same string."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


def text_hash(text: str) -> str:
    """The key of an article's normalised text; articles sharing it count as one source in a story."""
    return _digest("text\n" + normalise_text(text), 32)


def article_id(article: Article) -> str:
    """The article's own id, or (when it has none) a stable hash of outlet + normalised text."""
    if article.id:
        return article.id
    body = _SPACE.sub(" ", unicodedata.normalize("NFC", article.text)).strip()
    return _digest(f"{(article.outlet or '').strip()}\n{body}")


def event_id(article_id: str, index: int, event: Event) -> str:
    """Deterministic: the same article extracted the same way gives the same event ids."""
    return _digest(f"event\n{article_id}\n{index}\n{event.trigger.start}\n{event.type}")


def story_id(smallest_event_id: str) -> str:
    """A story is named after its smallest member event id: its id depends on its members only, never on order."""
    return _digest("story\n" + smallest_event_id)
