"""The reading limits as command options (``sitrep extract``, ``sitrep ingest``): one definition for both."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import Limits

_DEFAULT = Limits()

MaxInputMb = Annotated[
    int,
    typer.Option("--max-input-mb", min=1, help="refuse a file, page or stdin larger than this many megabytes"),
]
MaxArticleChars = Annotated[
    int, typer.Option("--max-article-chars", min=1, help="refuse an article longer than this many characters")
]
MaxFeedItems = Annotated[int, typer.Option("--max-feed-items", min=1, help="read at most this many entries of a feed")]
DEFAULT_INPUT_MB = _DEFAULT.max_input_bytes // 1_000_000
DEFAULT_ARTICLE_CHARS = _DEFAULT.max_article_chars
DEFAULT_FEED_ITEMS = _DEFAULT.max_feed_items


def limits(max_input_mb: int, max_article_chars: int, max_feed_items: int) -> Limits:
    return Limits(
        max_input_bytes=max_input_mb * 1_000_000,
        max_article_chars=max_article_chars,
        max_feed_items=max_feed_items,
    )
