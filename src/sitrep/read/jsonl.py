"""JSON Lines: one article per line.

Keys: ``id``, ``text`` (required), ``published`` (``YYYY[-MM[-DD]]``, a timestamp, or sitrep's own
``{"start", "end", "precision"}``), ``section``, ``url``, ``source`` (-> ``outlet``; ``outlet`` is accepted too),
``language`` (wins over detection). Every other key is kept in ``Article.extra``. A broken line gives a ReadError
naming ``file:line``; the other lines are still read. Blank lines are skipped. ``.gz`` files are read through gzip.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sitrep.model import Article

from .common import NO_DEFAULTS, Defaults, check_size, clean_body, make_article, published_or_error, read_file
from .errors import ReadError

KNOWN = ("id", "text", "published", "section", "url", "source", "outlet", "language")


def record_article(record: Any, source: str, defaults: Defaults, path: str | None = None) -> Article:
    """One decoded JSON value -> Article. Raises ReadError."""
    if not isinstance(record, dict):
        raise ReadError(source, f"expected a JSON object, got {type(record).__name__}")
    if "text" not in record or record["text"] is None:
        raise ReadError(source, "missing 'text'")
    text = record["text"]
    if not isinstance(text, str):
        raise ReadError(source, f"'text' must be a string, got {type(text).__name__}")
    body = clean_body(text)
    if not body:
        raise ReadError(source, "empty 'text'")
    ident = record.get("id")
    if isinstance(ident, bool) or not isinstance(ident, str | int | type(None)):
        raise ReadError(source, f"'id' must be a string or an integer, got {type(ident).__name__}")
    ident = str(ident).strip() if ident is not None else None
    for key in ("section", "url", "source", "outlet"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise ReadError(source, f"{key!r} must be a string, got {type(record[key]).__name__}")
    return make_article(
        body,
        source=source,
        defaults=defaults,
        id=ident or None,
        published=published_or_error(record.get("published"), source),
        language=record.get("language"),
        section=record.get("section"),
        outlet=record.get("source") if record.get("source") is not None else record.get("outlet"),
        url=record.get("url"),
        path=path,
        extra={k: v for k, v in record.items() if k not in KNOWN},
    )


def read_lines(lines: Iterable[bytes], name: str, defaults: Defaults, path: str | None = None):
    """Articles and ReadErrors from raw JSON Lines (``name`` is used in ``name:line`` sources)."""
    seen = False
    for number, raw in enumerate(lines, 1):
        source = f"{name}:{number}"
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
            if b"\x00" in raw:
                yield ReadError(name, "binary file (contains NUL bytes), not JSON Lines")
                return
        if not raw.strip():
            continue
        seen = True
        try:
            line = raw.rstrip(b"\r\n").decode("utf-8")
        except UnicodeDecodeError as exc:
            yield ReadError(source, f"not UTF-8 text (byte 0x{raw[exc.start : exc.start + 1].hex()})")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(source, f"broken JSON: {exc.msg} (column {exc.colno})")
            continue
        except (ValueError, RecursionError) as exc:  # a number of thousands of digits; nesting too deep
            yield ReadError(source, f"JSON beyond limits: {_limit_reason(exc)}")
            continue
        try:
            yield record_article(record, source, defaults, path)
        except ReadError as exc:
            yield exc
    if not seen:
        yield ReadError(name, "empty file")


def _bounded(lines, name: str, most: int):
    """The lines of a (decompressed) stream, ending in a ReadError once they pass ``most`` bytes."""
    seen = 0
    for line in lines:
        seen += len(line)
        if seen > most:
            raise ReadError(name, f"expands to more than {most:,} bytes (the limit for a compressed file)")
        yield line


def _limit_reason(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deep"
    return "a number too long" if "digits" in str(exc) else " ".join(str(exc).split())


def read_jsonl(path: str | Path, defaults: Defaults = NO_DEFAULTS) -> Iterator[Article | ReadError]:
    """A ``.jsonl`` / ``.ndjson`` file (optionally gzipped), streamed line by line."""
    name = str(path)
    limits = defaults.limits
    try:
        check_size(Path(path).stat().st_size, name, limits)
        with open(path, "rb") as handle:
            gz = handle.read(2) == b"\x1f\x8b"
        opener = gzip.open if gz else open
        with opener(path, "rb") as handle:
            yield from read_lines(_bounded(handle, name, limits.max_decompressed_bytes), name, defaults, name)
    except (OSError, EOFError, zlib.error) as exc:  # unreadable, or a truncated/broken gzip stream
        yield ReadError(name, getattr(exc, "strerror", None) or f"broken gzip data ({exc})")
    except ReadError as exc:  # a limit
        yield exc


def read_json(path: str | Path, defaults: Defaults = NO_DEFAULTS) -> Iterator[Article | ReadError]:
    """A ``.json`` file: one object, or a list of objects (``file[i]`` in errors); falls back to JSON Lines."""
    try:
        data = read_file(path, defaults.limits)
    except ReadError as exc:
        yield exc
        return
    yield from json_articles(data, str(path), defaults, str(path))


def json_articles(data: bytes, name: str, defaults: Defaults, path: str | None = None):
    """Articles from a JSON document in memory (an object or a list of objects), else read as JSON Lines."""
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        yield from read_lines(data.splitlines(), name, defaults, path)
        return
    except (ValueError, RecursionError) as exc:
        yield ReadError(name, f"JSON beyond limits: {_limit_reason(exc)}")
        return
    records = value if isinstance(value, list) else [value]
    for index, record in enumerate(records):
        source = f"{name}[{index}]" if isinstance(value, list) else name
        try:
            yield record_article(record, source, defaults, path)
        except ReadError as exc:
            yield exc
