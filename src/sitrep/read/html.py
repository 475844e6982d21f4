"""HTML pages -> Article with trafilatura (main text, title, date, url, site name).

``Article.text`` is trafilatura's main text (comments left out) with its blocks (headline, paragraphs, list items)
separated by blank lines, as in the seed format; the page title is kept in ``extra["title"]``. ``published`` is the
page's own publication date from its metadata (no guessing from the body text); the language declared by
``<html lang>`` wins over detection (``no`` is settled between Bokmål and Nynorsk by detection).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from sitrep.model import Article

from .common import (
    NO_DEFAULTS,
    Defaults,
    check_bytes,
    clean_body,
    make_article,
    published_or_error,
    read_file,
)
from .errors import ReadError

_HTML_LANG = re.compile(
    rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)", re.IGNORECASE
)
MIN_TEXT = 80  # characters of main text below which a page is not taken for an article
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def html_article(
    data: bytes | str,
    source: str,
    defaults: Defaults,
    url: str | None = None,
    path: str | None = None,
    extra: dict | None = None,
) -> Article:
    """One Article from a whole HTML page. Raises ReadError."""
    import trafilatura

    raw = data.encode("utf-8") if isinstance(data, str) else data
    check_bytes(raw, source)
    try:
        doc = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, include_comments=False, date_extraction_params=_DATE_PARAMS
        )
    except Exception as exc:  # noqa: BLE001 - trafilatura/lxml failures on odd markup: this page only
        raise ReadError(source, f"HTML could not be parsed ({type(exc).__name__}: {exc})") from None
    text = clean_body(re.sub(r"\n+", "\n\n", doc.text)) if doc is not None and doc.text else ""
    if len(text) < MIN_TEXT:  # a front page, an error page, a menu: not an article
        found = f" (only {len(text)} character{'s' * (len(text) != 1)} of main text)" if text else ""
        raise ReadError(source, f"no article text found in the HTML page{found}")
    declared = _HTML_LANG.search(raw[:65536])
    page_url = doc.url or url
    info = {"title": doc.title} if doc.title else {}
    return make_article(
        text,
        source=source,
        defaults=defaults,
        published=published_or_error(doc.date, source),
        language=declared.group(1).decode("ascii") if declared else None,
        section=(doc.categories or [None])[0],
        outlet=doc.sitename or doc.hostname or _host(page_url),
        url=page_url,
        path=path,
        extra={**info, **(extra or {})},
    )


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def read_html(path: str | Path, defaults: Defaults = NO_DEFAULTS) -> Iterator[Article | ReadError]:
    """An ``.html`` / ``.htm`` file -> one Article (or one ReadError)."""
    source = str(path)
    try:
        yield html_article(read_file(path, defaults.limits), source, defaults, path=source)
    except ReadError as exc:
        yield exc


# ---- HTML fragments (feed summaries and content) -------------------------------------------------------------

_BLOCK = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "pre",
    "hr",
    "dd",
    "dt",
    "dl",
    "aside",
    "main",
}
_SKIP = {"script", "style", "noscript", "template"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skip = 0

    def flush(self):
        lines = ("".join(self.current)).split("\n")
        block = "\n".join(" ".join(line.split()) for line in lines).strip()
        if block:
            self.blocks.append(block)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        elif tag == "br":
            self.current.append("\n")
        elif tag in _BLOCK:
            self.flush()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in _SKIP:
            self.skip -= 1

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.flush()

    def handle_data(self, data):
        if not self.skip:
            self.current.append(data)


def html_to_text(fragment: str) -> str:
    """An HTML fragment -> text: block elements become paragraphs separated by blank lines, ``<br>`` a line
    break, other whitespace collapsed. Plain text (no tags) comes back with its paragraphs kept."""
    if "<" not in fragment:
        parts = re.split(r"\n\s*\n", fragment.replace("\r\n", "\n"))
        return "\n\n".join(" ".join(p.split()) for p in parts if p.strip())
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    parser.flush()
    return "\n\n".join(parser.blocks)
