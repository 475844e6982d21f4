"""Readers: inputs -> ``Article``s, with one-line errors.

Formats (chosen by extension, else by sniffing the content): seed / plain text (``.txt``), JSON Lines
(``.jsonl``, ``.ndjson``, optionally ``.gz``), JSON (``.json``), HTML (``.html``, ``.htm``), RSS/Atom feeds
(``.xml``, ``.rss``, ``.atom``), WARC (``.warc``, ``.warc.gz``), and ``http(s)://`` URLs (fetched with httpx).

Every reader yields ``Article`` or ``ReadError`` items, never raises for bad input, so one bad file, line, entry or
record never stops a batch. ``str(ReadError)`` is one line: ``"<path | path:line | url>: <reason>"``.
"""

from __future__ import annotations

import glob
import io
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from sitrep.model import Article, DateInterval

from .common import (
    NO_DEFAULTS,
    Defaults,
    Limits,
    article_id,
    check_bytes,
    check_size,
    clean_body,
    decode_utf8,
    normalise_for_id,
)
from .dates import parse_published
from .errors import ReadError, UnsupportedLanguageError
from .feed import feed_articles, read_feed
from .fetch import DEFAULT_TIMEOUT, fetch, is_url
from .html import html_article, html_to_text, read_html
from .jsonl import json_articles, read_json, read_jsonl, read_lines
from .language import UNDETERMINED, detect_language, normalise_code, resolve_language
from .text import read_text, text_article
from .warc import read_warc, warc_articles

__all__ = [
    "EXAMPLE",
    "FORMATS",
    "UNDETERMINED",
    "ReadError",
    "UnsupportedLanguageError",
    "article_id",
    "check_language",
    "clean_body",
    "detect_format",
    "detect_language",
    "example_path",
    "expand",
    "html_to_text",
    "normalise_for_id",
    "parse_published",
    "read_bytes",
    "read_one",
    "read_path",
    "read_paths",
    "read_url",
    "resolve_language",
]

EXAMPLE = "000_7f168b0418e6a139.txt"

# extension -> format; folders are expanded to the files with these extensions (``.json`` only when named)
FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
    ".warc.gz": "warc",
}
_NAMED_ONLY = {".json": "json"}
_READERS = {
    "text": read_text,
    "jsonl": read_jsonl,
    "json": read_json,
    "html": read_html,
    "feed": read_feed,
    "warc": read_warc,
}


def example_path(name: str = EXAMPLE) -> Path:
    """The path of a bundled example article (``sitrep/examples/``)."""
    return Path(str(resources.files("sitrep") / "examples" / name))


def _suffix(path: str | Path) -> str:
    name = Path(path).name.lower()
    for suffix in sorted({**FORMATS, **_NAMED_ONLY}, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return ""


def sniff(head: bytes) -> str:
    """The format of content whose name says nothing, from its first bytes."""
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"\x1f\x8b"):
        try:
            inner = zlib.decompressobj(wbits=31).decompress(head, 64)  # works on a truncated stream
        except zlib.error:
            inner = b""
        return "warc" if inner.startswith(b"WARC/") else "jsonl"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048].lower()
    if start.startswith(b"<"):
        if b"<rss" in start or b"<feed" in start or b"<rdf:rdf" in start:
            return "feed"
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    return "text"


def detect_format(path: str | Path) -> str:
    """``text``, ``jsonl``, ``json``, ``html``, ``feed`` or ``warc``: by extension, else by content."""
    suffix = _suffix(path)
    if suffix:
        return {**FORMATS, **_NAMED_ONLY}[suffix]
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return "text"  # the reader reports the error
    return sniff(head)


def expand(paths: Iterable[str | os.PathLike] | str | os.PathLike) -> Iterator[str | ReadError]:
    """Files (and URLs, and ``-`` for stdin) named by ``paths``: folders expanded recursively to the files with
    a known extension (hidden files and folders skipped), globs expanded (``**`` recursive), sorted, each file
    once. A name that matches nothing gives a ReadError."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    seen: set[str] = set()

    def once(path: str) -> Iterator[str]:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            yield path

    def folder(root: str) -> Iterator[str]:
        found = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            found += [
                os.path.join(dirpath, f) for f in filenames if not f.startswith(".") and _suffix(f) in FORMATS
            ]
        for path in sorted(found):
            yield from once(path)

    for item in paths:
        name = os.fspath(item)
        if name == "-" or is_url(name):
            yield name
        elif os.path.isdir(name):
            yield from folder(name)
        elif os.path.exists(name):
            yield from once(name)
        elif glob.has_magic(name):
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                yield ReadError(name, "no files match")
            for match in matches:
                yield from (folder(match) if os.path.isdir(match) else once(match))
        else:
            yield ReadError(name, "no such file or folder")


def _defaults(published, language, check: bool, limits: Limits | None = None) -> Defaults:
    if published is not None and not isinstance(published, DateInterval):
        try:
            published = parse_published(published)
        except ValueError as exc:
            raise ReadError("--published", str(exc)) from None
    if language is not None:
        try:
            language = normalise_code(language)  # "no" stays "no": settled per article
        except ValueError as exc:
            raise ReadError("--language", str(exc)) from None
    return Defaults(published, language, _supported() if check else None, limits or Limits())


def _supported() -> tuple[str, ...]:
    from sitrep.lang import supported

    return tuple(supported())


def check_language(article: Article, source: str | None = None) -> Article:
    """``article`` when a language pack reads its language (``sitrep.lang.pack_for``), else raise
    ``UnsupportedLanguageError`` (also for an undetermined language). The readers do this themselves unless
    called with ``check_language=False``."""
    from sitrep.lang import pack_for

    if pack_for(article.language) is None:
        where = source or article.path or article.url or article.id
        raise UnsupportedLanguageError(where, article.language, _supported())
    return article


def gunzip(data: bytes, name: str, most: int) -> bytes:
    """The content of gzip data (every member), or a ReadError when it is broken, cut off or expands past ``most``."""
    out = bytearray()
    while data:
        inflate = zlib.decompressobj(wbits=31)
        try:
            out += inflate.decompress(data, most + 1 - len(out))
        except zlib.error as exc:
            raise ReadError(name, f"broken gzip data ({exc})") from None
        if len(out) > most or inflate.unconsumed_tail:
            raise ReadError(name, f"expands to more than {most:,} bytes (the limit for a compressed file)")
        if not inflate.eof:
            raise ReadError(name, "broken gzip data (cut off)")
        data = inflate.unused_data.lstrip(b"\x00")
    return bytes(out)


def read_bytes(
    data: bytes, name: str, fmt: str | None = None, defaults: Defaults = NO_DEFAULTS, url: str | None = None
) -> Iterator[Article | ReadError]:
    """Articles from content in memory (stdin, a fetched URL); ``fmt`` as ``detect_format`` gives, else sniffed.
    ``name`` names the input in errors; ``url`` is where it came from (``Article.path`` stays None then)."""
    fmt = fmt or sniff(data[:4096])
    path = None if url else name
    try:
        check_size(len(data), name, defaults.limits)
    except ReadError as exc:
        yield exc
        return
    if fmt in ("jsonl", "json"):
        if data.startswith(b"\x1f\x8b"):
            try:
                data = gunzip(data, name, defaults.limits.max_decompressed_bytes)
            except ReadError as exc:
                yield exc
                return
        if fmt == "jsonl":
            yield from read_lines(data.splitlines(), name, defaults, path)
        else:
            yield from json_articles(data, name, defaults, path)
    elif fmt == "html":
        try:
            yield html_article(data, name, defaults, url=url, path=path)
        except ReadError as exc:
            yield exc
    elif fmt == "feed":
        yield from feed_articles(data, name, defaults, url=url)
    elif fmt == "warc":
        yield from warc_articles(io.BytesIO(data), name, defaults)
    else:
        try:
            check_bytes(data, name)
            yield text_article(decode_utf8(data, name), name, defaults, path=path)
        except ReadError as exc:
            yield exc


def _url_format(fetched) -> str:
    content_type = fetched.content_type.split(";")[0].strip().lower()
    sniffed = sniff(fetched.content[:4096])
    if "rss" in content_type or "atom" in content_type or sniffed == "feed":
        return "feed"
    if "html" in content_type:
        return "html"
    if content_type in ("application/x-ndjson", "application/jsonl", "application/json-lines"):
        return "jsonl"
    if content_type == "application/json":
        return "json"
    if "warc" in content_type:
        return "warc"
    return sniffed


def read_url(
    url: str,
    published: str | DateInterval | None = None,
    *,
    language: str | None = None,
    check_language: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[Article | ReadError]:
    """Fetch ``url`` (httpx, ``timeout`` seconds) and read it by its content type: a feed gives its entries, a
    page one article. A failed fetch gives one ReadError naming the URL."""
    return _url_items(url, _defaults(published, language, check_language), timeout)


def _url_items(url: str, defaults: Defaults, timeout: float) -> Iterator[Article | ReadError]:
    try:
        fetched = fetch(url, timeout)
    except ReadError as exc:
        yield exc
        return
    yield from read_bytes(fetched.content, url, _url_format(fetched), defaults, url=fetched.url)


def read_path(
    path: str | os.PathLike,
    published: str | DateInterval | None = None,
    *,
    language: str | None = None,
    check_language: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
) -> Iterator[Article | ReadError]:
    """One file, URL or ``-`` (stdin), by its format."""
    return read_paths([path], published, language=language, check_language=check_language, timeout=timeout)


def read_paths(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    published: str | DateInterval | None = None,
    *,
    language: str | None = None,
    check_language: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
    limits: Limits | None = None,
) -> Iterator[Article | ReadError]:
    """Articles and ReadErrors from files, folders, globs, URLs and ``-`` (stdin), in a stable order.

    ``published`` (``YYYY[-MM[-DD]]`` or a DateInterval) and ``language`` (a code) are defaults for inputs that
    do not state them (the input's own value wins). With ``check_language`` (the default) an article whose
    language has no language pack yet becomes an ``UnsupportedLanguageError``. A bad ``published`` or
    ``language`` argument raises ReadError at once, before anything is read (it is the caller's, not an
    input's). ``limits`` bound what one input may make sitrep read (``Limits``' defaults otherwise)."""
    return _items(paths, _defaults(published, language, check_language, limits), timeout)


def _items(paths, defaults: Defaults, timeout: float) -> Iterator[Article | ReadError]:
    for item in expand(paths):
        if isinstance(item, ReadError):
            yield item
        elif item == "-":
            yield from guarded("<stdin>", read_bytes(sys.stdin.buffer.read(), "<stdin>", None, defaults))
        elif is_url(item):
            yield from guarded(item, _url_items(item, defaults, timeout))
        else:
            yield from guarded(item, _READERS[detect_format(item)](item, defaults))


def guarded(source: str, items: Iterator[Article | ReadError]) -> Iterator[Article | ReadError]:
    """The items of one input; whatever its reader raises ends that input with one ReadError naming it, so one
    bad input never stops a batch (the readers catch what they know; this catches what they do not)."""
    try:
        yield from items
    except ReadError as exc:
        yield exc
    except RecursionError:
        yield ReadError(source, "nested too deep to read")
    except MemoryError:
        yield ReadError(source, "too large to read in memory")
    except Exception as exc:  # noqa: BLE001 - an unforeseen failure of a reader: this input only
        yield ReadError(source, f"could not be read ({type(exc).__name__}: {exc})")


def read_one(
    source: str | os.PathLike,
    published: str | DateInterval | None = None,
    *,
    language: str | None = None,
    check_language: bool = True,
    timeout: float = DEFAULT_TIMEOUT,
) -> Article:
    """The single article of a file or URL; raises the ReadError instead of yielding it (the first one when
    a file holds several items)."""
    items = list(
        read_path(source, published, language=language, check_language=check_language, timeout=timeout)
    )
    for item in items:
        if isinstance(item, ReadError):
            raise item
    if len(items) != 1:
        raise ReadError(os.fspath(source), f"holds {len(items)} articles, expected one")
    return items[0]
