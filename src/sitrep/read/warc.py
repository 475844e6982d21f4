"""WARC archives (warcio; ``.warc`` or ``.warc.gz``): each HTML response -> an Article via the HTML reader.

Only successful (HTTP 2xx) ``response`` records, and ``resource`` records, whose content type is HTML are read;
requests, metadata, redirects, images and the like are skipped silently. The record's ``WARC-Target-URI`` is the
article url and its ``WARC-Date`` (when it was crawled, not published) goes to ``extra["crawled"]``. Errors name
``<file> [<uri>]``; a broken or truncated archive gives one error after the records read so far.
"""

from __future__ import annotations

import codecs
import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from sitrep.model import Article

from .common import NO_DEFAULTS, Defaults, check_size
from .errors import ReadError
from .html import html_article

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            name = value.strip("\"' ").lower()
            try:
                return codecs.lookup(name).name
            except LookupError:
                return None
    return None


def read_warc(path: str | Path, defaults: Defaults = NO_DEFAULTS) -> Iterator[Article | ReadError]:
    """A ``.warc`` / ``.warc.gz`` file -> one Article per HTML page."""
    name = str(path)
    try:
        check_size(Path(path).stat().st_size, name, defaults.limits)
        with open(path, "rb") as handle:
            yield from warc_articles(handle, name, defaults)
    except OSError as exc:
        yield ReadError(name, exc.strerror or exc)
    except ReadError as exc:
        yield exc


class _Tail:
    """A read-only stream that remembers its last bytes (a complete WARC ends with a blank line)."""

    def __init__(self, stream: BinaryIO):
        self.stream, self.tail = stream, b""

    def _keep(self, data: bytes) -> bytes:
        self.tail = (self.tail + data)[-4:]
        return data

    def read(self, size: int = -1) -> bytes:
        return self._keep(self.stream.read(size))

    def readline(self, size: int = -1) -> bytes:
        return self._keep(self.stream.readline(size))

    def tell(self) -> int:
        return self.stream.tell()


def warc_articles(stream: BinaryIO, name: str, defaults: Defaults) -> Iterator[Article | ReadError]:
    """Articles (and per-record ReadErrors) from a WARC stream (gzipped or not).

    warcio accepts a cut-off archive silently, so the cut is found here: gzip reports a truncated member, and a
    complete archive ends with its last record's blank line."""
    from warcio.archiveiterator import ArchiveIterator

    head = stream.read(4)
    if not head.strip():
        yield ReadError(name, "empty file")
        return
    stream.seek(0)
    if head.startswith(b"\x1f\x8b"):
        stream = gzip.GzipFile(fileobj=stream, mode="rb")  # multi-member; EOFError when cut off
    try:
        start = stream.read(5)
        stream.seek(0)
    except (OSError, EOFError, zlib.error) as exc:
        yield ReadError(name, f"not a WARC file (broken gzip data: {exc})")
        return
    if start != b"WARC/":
        yield ReadError(name, "not a WARC file (it does not start with a WARC/1.x record header)")
        return
    tail = _Tail(stream)
    count, last, reported = 0, None, False
    records = ArchiveIterator(tail)
    records.INC_RECORD = ""  # warcio prints a multi-line warning per bad record length; it is reported below
    try:
        for record in records:
            count, last, reported = count + 1, record, False
            try:
                item = _record(record, name, defaults)
            except Exception as exc:  # noqa: BLE001 - a record whose content cannot be decoded: that record only
                item = ReadError(_source(record, name), f"unreadable record ({type(exc).__name__}: {exc})")
            if item is not None:
                reported = isinstance(item, ReadError)
                yield item
    except Exception as exc:  # noqa: BLE001 - warcio and gzip raise several types for broken or cut-off input
        yield ReadError(
            name, f"broken or truncated WARC file after {count} records ({type(exc).__name__}: {exc})"
        )
        return
    if records.err_count:
        yield ReadError(name, f"{records.err_count} records not followed by a blank line (a wrong Content-Length?)")
    if last is not None and _missing(last):
        if not reported:
            yield ReadError(name, f"truncated WARC file: record {count} lacks {_missing(last)} bytes")
    elif not tail.tail.endswith((b"\r\n\r\n", b"\n\n")):
        yield ReadError(name, f"truncated WARC file: incomplete record after record {count}")


def _missing(record) -> int:
    """Bytes of the record's declared length that the file did not hold (0 for a complete record)."""
    return getattr(record.raw_stream, "limit", 0) or 0


def _source(record, name: str) -> str:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    return f"{name} [{uri}]" if uri else name


def _record(record, name: str, defaults: Defaults) -> Article | ReadError | None:
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    if not content_type.lower().startswith(_HTML_TYPES):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    source = _source(record, name)
    body = record.content_stream().read()
    if _missing(record):
        return ReadError(source, f"truncated record: {_missing(record)} bytes missing")
    data: bytes | str = body
    charset = _charset(content_type)
    if charset:
        try:
            data = body.decode(charset)
        except UnicodeDecodeError:
            data = body  # the header lies: let trafilatura detect the encoding
    crawled = record.rec_headers.get_header("WARC-Date")
    try:
        return html_article(
            data, source, defaults, url=uri, path=name, extra={"crawled": crawled} if crawled else {}
        )
    except ReadError as exc:
        return exc
