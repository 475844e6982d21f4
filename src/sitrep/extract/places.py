"""Place names of one article resolved together, so each is ranked near the article's other places."""

from __future__ import annotations

from spacy.tokens import Doc

from sitrep import geo
from sitrep.extract.referents import PLACE_LABELS
from sitrep.model import Place, Span

_NO_SPAN = Span("", 0, 0)


class PlaceResolver:
    def __init__(self, doc: Doc, lang: str):
        names = sorted({ent.text for ent in doc.ents if ent.label_ in PLACE_LABELS})
        best = geo.resolve_many(names, lang=lang) if names else []
        self._places = {name: cand.to_place(_NO_SPAN) for name, cand in zip(names, best) if cand is not None}

    def lookup(self, text: str, label: str | None = None) -> Place | None:
        return self._places.get(text)
