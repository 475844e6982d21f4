"""Running extraction over inputs: every article is tried, one bad one never stops the batch."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from sitrep.model import ExtractedArticle
from sitrep.read.common import Limits


class BadOption(ValueError):
    """A command-line value the user gave is wrong (not an input's problem)."""


def extract_paths(
    paths: Iterable[str], published: str | None = None, on_error: Callable[[str], None] = print,
    language: str | None = None, limits: Limits | None = None,
) -> Iterator[ExtractedArticle | None]:
    """Extraction results in input order; ``None`` (after ``on_error`` got a one-line reason) for a failure.

    ``published`` overrides each input's own date: it is what the user says the date is. ``language`` is used
    where an input does not say its language (instead of detecting it: short texts are hard to tell apart).
    """
    from sitrep.pipeline import extract_article
    from sitrep.read import ReadError, parse_published, read_paths

    try:
        date = parse_published(published) if published else None
    except ValueError as exc:
        raise BadOption(f"--published: {exc}") from None
    try:
        items = read_paths(paths, language=language, limits=limits)
    except ReadError as exc:
        raise BadOption(str(exc)) from None
    for item in items:
        if isinstance(item, ReadError):
            on_error(str(item))
            yield None
            continue
        if date is not None:
            item.published = date
        try:
            yield extract_article(item)
        except Exception as exc:  # noqa: BLE001  (one article's failure is reported and the batch goes on)
            on_error(f"{item.path or item.id}: extraction failed: {type(exc).__name__}: {exc}")
            yield None
