"""Plain text and the seed format.

Seed format (``seeds/*.txt``)::

     date 2021-08 utenriks        <- header: optional leading blanks, "date", YYYY[-MM[-DD]], section (optional)
                                  <- a blank line
    Kildene, som vil være ...     <- the body

``Article.text`` is defined exactly as: the file decoded as UTF-8 (a leading BOM dropped), line breaks turned
into ``\\n``, NFC; for a seed, the header line and its line break removed; then leading blank lines and trailing
whitespace removed (``common.clean_body``). For a UTF-8 NFC file with ``\\n`` line breaks the body is therefore
a verbatim slice of the file, and span offsets never depend on how the file ended.

A file whose first line is not a header is plain text: the whole text is the body and ``published`` comes from
the caller (``--published``) when given.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from sitrep.model import Article

from .common import (
    NO_DEFAULTS,
    Defaults,
    check_bytes,
    clean_body,
    decode_utf8,
    make_article,
    published_or_error,
    read_file,
)
from .errors import ReadError

SEED_HEADER = re.compile(r"[ \t]*date[ \t]+(\d\S*)(?:[ \t]+(\S.*?))?[ \t]*")


def split_seed(content: str) -> tuple[str, str | None, str] | None:
    """``(date, section, rest)`` when the first line of ``content`` is a seed header, else None."""
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    first, _, rest = content.partition("\n")
    match = SEED_HEADER.fullmatch(first)
    if not match:
        return None
    return match.group(1), match.group(2), rest


def text_article(content: str, source: str, defaults: Defaults, path: str | None = None) -> Article:
    """One Article from decoded text (seed or plain). Raises ReadError."""
    content = content.removeprefix("\ufeff")
    if not content.strip():
        raise ReadError(source, "empty file")
    seed = split_seed(content)
    if seed is None:
        return make_article(clean_body(content), source=source, defaults=defaults, path=path)
    value, section, rest = seed
    published = published_or_error(value, source)
    body = clean_body(rest)
    if not body:
        raise ReadError(source, "no article text after the header line")
    return make_article(
        body, source=source, defaults=defaults, published=published, section=section, path=path
    )


def read_text(path: str | Path, defaults: Defaults = NO_DEFAULTS) -> Iterator[Article | ReadError]:
    """A seed or plain-text file -> one Article (or one ReadError)."""
    source = str(path)
    try:
        data = read_file(path, defaults.limits)
        check_bytes(data, source)
        yield text_article(decode_utf8(data, source), source, defaults, path=source)
    except ReadError as exc:
        yield exc
