"""Fetching what the user names by URL (httpx, with a timeout). Nothing else is ever downloaded."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ReadError

DEFAULT_TIMEOUT = 20.0
MAX_BYTES = 50 * 1024 * 1024
USER_AGENT = "sitrep/0.1 (news event extraction)"


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content: bytes
    content_type: str


def is_url(value: object) -> bool:
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def fetch(url: str, timeout: float = DEFAULT_TIMEOUT) -> Fetched:
    """GET ``url`` (following redirects). Raises ReadError(url, reason) on any failure or HTTP error status."""
    import httpx

    try:
        client = httpx.Client(timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT})
        with client, client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise ReadError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_BYTES:
                    raise ReadError(url, f"response larger than {MAX_BYTES // (1024 * 1024)} MB")
                chunks.append(chunk)
            return Fetched(str(response.url), b"".join(chunks), response.headers.get("content-type", ""))
    except httpx.TimeoutException:
        raise ReadError(url, f"fetch failed: no answer within {timeout:g} s") from None
    except httpx.InvalidURL as exc:
        raise ReadError(url, f"bad URL ({exc})") from None
    except httpx.HTTPError as exc:
        raise ReadError(url, f"fetch failed: {type(exc).__name__}: {exc}") from None
