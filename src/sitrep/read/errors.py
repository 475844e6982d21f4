"""Typed errors for bad input: one line naming the input and the reason."""

from __future__ import annotations


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


class ReadError(Exception):
    """An input (file, ``file:line``, feed entry, WARC record or URL) that gave no article.

    ``str(error)`` is one line: ``"<source>: <reason>"``. Readers *yield* these next to the articles they read,
    so one bad item never stops a batch; the caller reports them.
    """

    def __init__(self, source: object, reason: object):
        self.source = _one_line(str(source))
        self.reason = _one_line(str(reason)) or "unreadable"
        super().__init__(self.source, self.reason)

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.source!r}, {self.reason!r})"

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and (self.source, self.reason) == (other.source, other.reason)

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.source, self.reason))


class UnsupportedLanguageError(ReadError):
    """An article was read, but its language has no language pack yet (see ``sitrep.lang.supported()``)."""

    def __init__(self, source: object, language: str, supported: list[str] | tuple[str, ...]):
        self.language = language
        self.supported = tuple(supported)
        if language == "und":
            reason = "language could not be detected (text too short?); give it explicitly"
        else:
            reason = (
                f"language {language!r} not supported yet (supported: {', '.join(self.supported) or 'none'})"
            )
        super().__init__(source, reason)
