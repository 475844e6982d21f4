"""Shared pieces of the readers: ids, text normalisation, decoding with clear errors, building Articles."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.model import Article, DateInterval

from .dates import parse_published
from .errors import ReadError, UnsupportedLanguageError
from .language import resolve_language

_SPACE = re.compile(r"\s+")
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t\f\v]*\n)+")


@dataclass(frozen=True)
class Limits:
    """How much one input may make sitrep read: beyond a limit the input (or the rest of a feed) is one error
    naming the limit and its option, so a hostile or broken file costs bounded time and memory."""

    max_input_bytes: int = 200_000_000  # a file, a fetched page or stdin (--max-input-mb)
    max_decompressed_bytes: int = 1_000_000_000  # what a gzip file may expand to
    max_article_chars: int = 2_000_000  # about 300,000 words (--max-article-chars)
    max_feed_items: int = 10_000  # entries read from one feed (--max-feed-items)


@dataclass(frozen=True)
class Defaults:
    """What the caller supplies for inputs that do not say it themselves (``--published``, ``--language``), the
    languages accepted (``supported``; None accepts any), and the limits of reading."""

    published: DateInterval | None = None
    language: str | None = None
    supported: tuple[str, ...] | None = None
    limits: Limits = Limits()


NO_DEFAULTS = Defaults()


def normalise_for_id(text: str) -> str:
    """NFC, every run of whitespace collapsed to one space, stripped."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def article_id(text: str, outlet: str | None = None) -> str:
    """A stable id: the first 16 hex digits of sha256 over ``outlet + "\\n" + normalised text``.

    The same story re-read (other line endings, spacing, Unicode composition) gets the same id."""
    key = f"{(outlet or '').strip()}\n{normalise_for_id(text)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


# control characters other than tab and line feed: no text holds them, and a database refuses NUL
_CONTROL = dict.fromkeys((c for c in range(32) if c not in (9, 10, 13)), " ")


def clean_body(text: str) -> str:
    """The body as sitrep stores it: NFC, line breaks as ``\\n``, control characters (NUL, ...) as spaces,
    leading blank lines and trailing whitespace removed. Offsets of every span refer to this string."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROL)
    text = unicodedata.normalize("NFC", text)
    return _LEADING_BLANK_LINES.sub("", text).rstrip()


def read_file(path: str | Path, limits: Limits = Limits()) -> bytes:
    """The bytes of a file; a file that cannot be read, or is larger than the limit, is a ReadError naming it."""
    try:
        check_size(Path(path).stat().st_size, str(path), limits)
        return Path(path).read_bytes()
    except OSError as exc:
        raise ReadError(str(path), exc.strerror or exc) from None


def check_size(size: int, source: str, limits: Limits) -> None:
    if size > limits.max_input_bytes:
        raise ReadError(
            source, f"{size:,} bytes, more than the limit of {limits.max_input_bytes:,} (--max-input-mb)"
        )


def check_bytes(data: bytes, source: str) -> None:
    """Raise ReadError for an empty or binary input."""
    if not data.strip():
        raise ReadError(source, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(source, "not UTF-8 text (UTF-16 byte order mark); convert it to UTF-8")
    if b"\x00" in data[:65536]:
        raise ReadError(source, "binary file (contains NUL bytes), not text")


def decode_utf8(data: bytes, source: str) -> str:
    """UTF-8 bytes -> str (a leading BOM dropped), or ReadError naming the line of the first bad byte."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start : exc.start + 1].hex()
        raise ReadError(
            source, f"not UTF-8 text (byte 0x{byte} on line {line}); convert it to UTF-8"
        ) from None


def published_or_error(value: Any, source: str) -> DateInterval | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return parse_published(value)
    except ValueError as exc:
        raise ReadError(source, str(exc)) from None


def make_article(
    text: str,
    *,
    source: str,
    defaults: Defaults,
    id: str | None = None,
    published: DateInterval | None = None,
    language: Any = None,
    section: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    path: str | None = None,
    extra: dict[str, Any] | None = None,
) -> Article:
    """An Article from a body already cleaned (``clean_body``). Raises ReadError when there is no text or the
    declared language is not a code, UnsupportedLanguageError when ``defaults.supported`` excludes it."""
    if not text.strip():
        raise ReadError(source, "no article text")
    if len(text) > defaults.limits.max_article_chars:
        raise ReadError(
            source,
            f"an article of {len(text):,} characters, more than the limit of {defaults.limits.max_article_chars:,} "
            "(--max-article-chars)",
        )
    try:
        lang = resolve_language(text, language, defaults.language)
    except ValueError as exc:
        raise ReadError(source, str(exc)) from None
    if defaults.supported is not None and lang not in defaults.supported:
        raise UnsupportedLanguageError(source, lang, defaults.supported)
    return Article(
        id=id or article_id(text, outlet),
        text=text,
        language=lang,
        published=published if published is not None else defaults.published,
        section=_str_or_none(section),
        outlet=_str_or_none(outlet),
        url=_str_or_none(url),
        path=path,
        extra=dict(extra or {}),
    )


def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None
