"""Place names of one article resolved together, so each is ranked near the article's other places.

Names come from the place entities of the NER and, because taggers miss or mislabel rare foreign towns, from other
non-person entities and untagged proper nouns too; those must match the gazetteer well to count as places.
"""

from __future__ import annotations

from spacy.tokens import Doc

from sitrep import geo
from sitrep.extract.syntax import Syntax
from sitrep.model import Place, Span

_NO_SPAN = Span("", 0, 0)
STRONG_MATCHES = {"exonym", "name", "alternate", "folded name"}
MIN_POPULATION = 5000  # a town this small must be tagged as a place to count as one
# a one-word "person" who is no one's name in the article is a place when it names a city this big, a country
# or a province (a rare foreign town the tagger called a person)
LONE_NAME_MIN_POPULATION = 100_000


def proper_noun_names(doc: Doc, name_part_labels: set[str]) -> list[tuple[int, int]]:
    """Token ranges of untagged proper nouns with their name parts ("Sidi Bouzid")."""
    out = []
    for tok in doc:
        if tok.pos_ == "PROPN" and tok.ent_iob_ == "O" and not any(c.dep_ in name_part_labels and c.i < tok.i
                                                                    for c in tok.children):
            parts = [c.i for c in tok.children if c.dep_ in name_part_labels and c.pos_ == "PROPN"]
            out.append((tok.i, max([tok.i, *parts]) + 1))
    return out


class PlaceResolver:
    def __init__(self, doc: Doc, lang: str, syn: Syntax, section: str | None = None):
        self.tagged = {ent.text for ent in doc.ents if ent.label_ in syn.place_labels}
        self.lone = lone_person_names(doc, syn.person_labels)
        names = {ent.text for ent in doc.ents if ent.label_ not in syn.person_labels} | self.lone
        names |= {doc[a:b].text for a, b in proper_noun_names(doc, syn.labels["name_part"])}
        ordered = sorted(names)
        best = geo.resolve_many(ordered, lang=lang, section=section) if ordered else []
        self._candidates = {name: cand for name, cand in zip(ordered, best) if cand is not None}

    def lookup(self, text: str, label: str | None = None) -> Place | None:
        cand = self._candidates.get(text)
        if cand is None:
            return None
        if text not in self.tagged and (
            cand.match not in STRONG_MATCHES or (cand.kind == "city" and (cand.population or 0) < MIN_POPULATION)
        ):
            return None
        if text in self.lone and text not in self.tagged and cand.kind == "city" and (
                cand.population or 0) < LONE_NAME_MIN_POPULATION:
            return None
        return cand.to_place(_NO_SPAN)


def lone_person_names(doc: Doc, person_labels: set[str]) -> set[str]:
    """One-word person entities that are not part of any longer person name in the document."""
    parts = {t.text for e in doc.ents if e.label_ in person_labels and len(e) > 1 for t in e}
    return {e.text for e in doc.ents if e.label_ in person_labels and len(e) == 1 and e.text not in parts}
