"""Names within one article: a surname, or a name in the genitive, stands for the full name the article gave.

News gives a person's full name once and the surname after ("Karl Ove Knausgård ... Knausgård sa"), and puts
names in the genitive ("Knausgårds roman"). Resolved one mention at a time these are four actors; read with the
article's other names they are one. ``article_names`` maps each name of an article to the name it stands for:

- a genitive (the parser says so, or the name minus a genitive ending is another name of the article) is its
  base form;
- a one-word person name that is the last word of exactly one longer person name of the article is that name
  (two Olsens in one article leave "Olsen" alone: the text does not say which).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Name:
    """A name entity of an article: its words, its label and, when the parser reads it as a genitive, its base."""

    text: str
    label: str
    genitive_base: str | None = None


def _base(name: Name, known: set[str], endings: tuple[str, ...]) -> str:
    if name.genitive_base:
        return name.genitive_base
    for ending in endings:
        stem = name.text[: -len(ending)]
        if name.text.endswith(ending) and len(stem) >= 2 and stem in known:
            return stem
    return name.text


def article_names(names: Iterable[Name], person_labels: set[str], genitive_endings: Iterable[str]) -> dict[str, str]:
    """What each name of an article stands for (only names that stand for another are in the result)."""
    names = list(names)
    endings = tuple(sorted(genitive_endings, key=len, reverse=True))
    known = {n.text for n in names}
    base = {n.text: _base(n, known, endings) for n in names}
    by_last: dict[str, set[str]] = defaultdict(set)
    for n in names:
        words = base[n.text].split()
        if n.label in person_labels and len(words) > 1:
            by_last[words[-1]].add(base[n.text])
    out = {}
    for n in names:
        full = base[n.text]
        if n.label in person_labels and " " not in full and len(by_last.get(full, ())) == 1:
            full = next(iter(by_last[full]))
        if full != n.text:
            out[n.text] = full
    return out
