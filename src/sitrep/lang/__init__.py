"""Language data packs: one folder per language code (``nb``, ...), holding only data files.

Code looks words up here by language code; it never names the words itself.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


class UnsupportedLanguage(LookupError):
    def __init__(self, lang: str):
        super().__init__(f"language {lang!r} is not supported yet (supported: {', '.join(supported())})")
        self.lang = lang


# what extraction needs of a language; a pack missing any of these is still being written (e.g. English)
REQUIRED_DATA = ("events", "syntax", "attribution", "anaphora", "actors", "time", "places", "quantities")


@cache
def _packs() -> tuple[str, ...]:
    root = resources.files(__package__)
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_")))


@cache
def supported() -> tuple[str, ...]:
    """Languages with a complete pack: articles in these can be extracted."""
    root = resources.files(__package__)
    return tuple(
        lang for lang in _packs() if all((root / lang / f"{name}.yaml").is_file() for name in REQUIRED_DATA)
    )


@cache
def pack_for(lang: str) -> str | None:
    """The language pack (and bundled model) that reads articles in ``lang``: its own when it has one, else a
    supported pack that says in its ``reads.yaml`` that it also reads ``lang`` (Bokmål reads Nynorsk), else None."""
    if lang in supported():
        return lang
    for code in supported():
        if lang in ((optional_data(code, "reads") or {}).get("also") or ()):
            return code
    return None


def _path(lang: str, name: str):
    if lang not in _packs():
        raise UnsupportedLanguage(lang)
    return resources.files(__package__) / lang / name


@cache
def word_list(lang: str, name: str) -> tuple[str, ...]:
    """Lines of ``<lang>/<name>.txt`` without comments and blanks."""
    text = _path(lang, f"{name}.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def optional_data(lang: str, name: str) -> Any:
    """``data(lang, name)``, or None when there is no such pack or the pack has no such file."""
    if lang not in _packs() or not _path(lang, f"{name}.yaml").is_file():
        return None
    return data(lang, name)


@cache
def data(lang: str, name: str) -> Any:
    """The parsed ``<lang>/<name>.yaml`` (cached: language data is read once per process)."""
    return yaml.safe_load(_path(lang, f"{name}.yaml").read_text(encoding="utf-8"))
