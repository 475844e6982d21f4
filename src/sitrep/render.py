"""Rendering extraction results for the terminal: JSON, JSON Lines and a readable table."""

from __future__ import annotations

import json
from collections.abc import Iterable

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from sitrep.model import ExtractedArticle, article_dict


def to_json(results: Iterable[ExtractedArticle]) -> str:
    return json.dumps({"articles": [article_dict(r) for r in results]}, ensure_ascii=False, indent=1)


def to_jsonl(result: ExtractedArticle) -> str:
    return json.dumps(article_dict(result), ensure_ascii=False)


def _when(event) -> str:
    if event.time is None or event.time.interval is None:
        return ""
    i = event.time.interval
    end = i.end.isoformat() if i.end else "…"
    dates = i.start.isoformat() if i.end == i.start else f"{i.start.isoformat()}–{end}"
    return f"{dates} ({event.time.span.text})" if event.time.span else dates


EVIDENCE_CHARS = 70


def _evidence(event) -> str:
    """The words around the trigger, the trigger in bold: enough to check the event against the text."""
    sentence, trigger = event.sentence, event.trigger
    at = trigger.start - sentence.start
    lo = max(0, at - EVIDENCE_CHARS // 2)
    hi = min(len(sentence.text), at + len(trigger.text) + EVIDENCE_CHARS // 2)
    before, after = sentence.text[lo:at], sentence.text[at + len(trigger.text):hi]
    return f"{'…' if lo else ''}{escape(before)}[bold]{escape(trigger.text)}[/bold]{escape(after)}{'…' if hi < len(sentence.text) else ''}"


def print_table(result: ExtractedArticle, console: Console) -> None:
    article = result.article
    table = Table(title=f"{article.path or article.id} — {len(result.events)} events", show_lines=True)
    for column in ("type/mode", "actor", "target", "place", "when", "status", "sources", "evidence"):
        table.add_column(column, overflow="fold")
    for e in result.events:
        table.add_row(
            f"{e.type}/{e.mode}" if e.mode else e.type,
            (e.actor.canonical or e.actor.span.text) if e.actor else "",
            (e.target.canonical or e.target.span.text) if e.target else "",
            f"{e.place.name} ({e.place.country})" if e.place else "",
            _when(e),
            f"{e.status}{' (if)' if e.conditional else ''}",
            "; ".join(s.span.text for s in e.sources),
            _evidence(e),
        )
    console.print(table)
