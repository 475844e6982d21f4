"""What the noun phrases of an article refer to: actors and places, with anaphora resolved to the nearest fitting
antecedent (``lang/<code>/anaphora.yaml``), keeping the anaphor's own span."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Doc, Token

from sitrep import lang as langdata
from sitrep.extract.actors import genitive_endings
from sitrep.extract.names import Name, article_names
from sitrep.extract.syntax import Syntax, span_of
from sitrep.model import Actor, Place, Span

ActorLookup = Callable[[str, str | None, str | None], Actor | None]  # (text, lemma, label) -> actor sans span
PlaceLookup = Callable[[str, str | None], Place | None]  # (text, label) -> place sans span


@dataclass(frozen=True)
class Anaphor:
    refers_to: str  # "place" | "actor"
    kinds: frozenset[str]
    plural_only: bool = False


@cache
def anaphors(lang: str) -> tuple[dict[str, Anaphor], dict[str, Anaphor]]:
    data = langdata.data(lang, "anaphora")

    def table(section: str) -> dict[str, Anaphor]:
        return {
            word: Anaphor(v["refers_to"], frozenset(v.get("kinds") or ()), v.get("number") == "plural")
            for word, v in (data.get(section) or {}).items()
        }

    return table("pronouns"), table("definite_nouns")


def _name(ent) -> Name:
    """A name entity, with its base form when the parser reads its last word as a genitive (UD ``Case=Gen``)."""
    last = ent[-1]
    base = None
    stem = len(last.lemma_)
    if "Gen" in last.morph.get("Case") and 0 < stem < len(last.text) and last.text.casefold().startswith(
        last.lemma_.casefold()
    ):
        base = ent.text[: len(ent.text) - len(last.text) + stem]  # the lemma, in the text's own case
    return Name(ent.text, ent.label_, base)


class Referents:
    """Resolves tokens of one parsed article to actors and places."""

    def __init__(self, doc: Doc, syn: Syntax, lang: str, actor_lookup: ActorLookup, place_lookup: PlaceLookup):
        self.doc, self.syn = doc, syn
        self.actor_lookup, self.place_lookup = actor_lookup, place_lookup
        self.pronouns, self.definite_nouns = anaphors(lang)
        self.entity_at: dict[int, tuple[int, int, str]] = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.entity_at[i] = (ent.start, ent.end, ent.label_)
        self.full_names = article_names(
            (_name(ent) for ent in doc.ents if ent.label_ in syn.actor_labels),
            syn.person_labels,
            genitive_endings(lang),
        )
        self.actor_data = langdata.data(lang, "actors")
        self.person_info = self._person_info()
        self._actor_cache: dict[int, Actor | None] = {}
        self._resolved: dict[int, Actor | None] = {}  # actor() with anaphora, asked for by several stages
        self.antecedent_of: dict[int, Token] = {}  # anaphor token -> the token it points back to
        self._place_cache: dict[int, Place | None] = {}
        self.sentence_starts = [s.start for s in doc.sents]  # once: walking doc.sents is a pass over the doc

    # --- direct readings ----------------------------------------------------------------------------------
    def entity_span(self, tok: Token) -> tuple[int, int, str] | None:
        return self.entity_at.get(tok.i)

    def phrase_span(self, tok: Token) -> tuple[int, int]:
        lo, hi = self.syn.phrase(tok)
        ent = self.entity_span(tok)
        if ent:
            lo, hi = min(lo, ent[0]), max(hi, ent[1])
        return lo, hi

    def anaphor(self, tok: Token) -> Anaphor | None:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "PRON" and lemma in self.pronouns:
            return self.pronouns[lemma]
        if tok.pos_ == "NOUN" and lemma in self.definite_nouns and "Def" in tok.morph.get("Definite"):
            return self.definite_nouns[lemma]
        return None

    def named_place(self, tok: Token) -> Place | None:
        """A place the token names: a place entity, or another non-person name the gazetteer knows well
        (the place resolver decides) that is not a known actor."""
        if tok.i not in self._place_cache:
            place = None
            ent = self.entity_span(tok)
            if ent is None and tok.pos_ == "PROPN":
                lo, hi = self.phrase_span(tok)
                ent = (lo, hi, "")
            # a person entity goes to the resolver too: it accepts only a lone name that is a big place
            if ent:
                text = self.doc[ent[0] : ent[1]].text
                found = self.place_lookup(text, ent[2])
                if found and ent[2] not in self.syn.place_labels:
                    # a known organisation is no place; a person label says nothing of that (any name is a person)
                    label = None if ent[2] in self.syn.person_labels else ent[2] or None
                    known = self.actor_lookup(text, None, label)
                    if known and known.kind != "state":
                        found = None
                if found:
                    place = replace(found, span=span_of(self.doc, ent[0], ent[1]))
            self._place_cache[tok.i] = place
        return self._place_cache[tok.i]

    def named_actor(self, tok: Token) -> Actor | None:
        if tok.i not in self._actor_cache:
            actor = None
            ent = self.entity_span(tok)
            lo, hi = self.phrase_span(tok)
            if ent and ent[2] in self.syn.actor_labels:
                text = self.doc[ent[0] : ent[1]].text
                actor = self.actor_lookup(self.full_names.get(text, text), None, ent[2])
                if actor and actor.canonical in self.person_info:
                    role, affiliation = self.person_info[actor.canonical]
                    actor = replace(actor, role=actor.role or role, affiliation=actor.affiliation or affiliation)
            if actor is None and tok.pos_ in {"NOUN", "PROPN"}:
                actor = self.actor_lookup(self.doc[lo:hi].text, tok.lemma_.lower(), None)
            span = span_of(self.doc, lo, hi)
            self._actor_cache[tok.i] = replace(actor, span=span) if actor else None
        return self._actor_cache[tok.i]

    def _person_info(self) -> dict[str, tuple[str | None, str | None]]:
        """What the article says a person is, wherever it says it: a title before the name ("statsminister
        Jonas Gahr Støre": role, and the title's owner as affiliation) or an organisation in brackets after it
        ("Trond Giske (Ap)"); the first statement of each holds for every mention of the person."""
        abbreviations = self.actor_data.get("bracketed_affiliations") or {}
        out: dict[str, tuple[str | None, str | None]] = {}
        for ent in self.doc.ents:
            if ent.label_ not in self.syn.person_labels:
                continue
            person = self.actor_lookup(self.full_names.get(ent.text, ent.text), None, ent.label_)
            if person is None or person.canonical is None:
                continue
            role, affiliation = None, None
            root = ent.root
            titles = [c for c in root.children if self.syn.is_(c, "apposition") and c.i < ent.start]
            if self.syn.is_(root, "apposition") and root.head.i < ent.start:
                titles.append(root.head)
            for title in titles:
                phrase = self.doc[min(title.left_edge.i, ent.start) : ent.end].text
                info = self.actor_lookup(phrase, None, ent.label_)
                if info is not None and info.canonical == person.canonical and info.role:
                    role, affiliation = info.role, info.affiliation
            for c in root.children:
                inside = [t.i for t in c.subtree if not t.is_punct]
                if not self.syn.is_(c, "attribute") or inside[0] == 0 or inside[-1] + 1 >= len(self.doc):
                    continue
                if self.doc[inside[0] - 1].text == "(" and self.doc[inside[-1] + 1].text == ")":
                    words = self.doc[inside[0] : inside[-1] + 1].text
                    org = abbreviations.get(words)
                    if org is None and (found := self.actor_lookup(words, None, None)) and found.kind != "person":
                        org = found.canonical
                    affiliation = org or affiliation
            if (role or affiliation) and person.canonical not in out:
                out[person.canonical] = (role, affiliation)
        return out

    # --- with anaphora ------------------------------------------------------------------------------------
    def place(self, tok: Token) -> Place | None:
        """The place a token names or points back to; an anaphor keeps its own span."""
        direct = self.named_place(tok)
        if direct:
            return direct
        ana = self.anaphor(tok)
        if ana and ana.refers_to == "place":
            antecedent = self._antecedent_place(tok, ana)
            if antecedent:
                lo, hi = self.phrase_span(tok) if tok.pos_ == "NOUN" else (tok.i, tok.i + 1)
                return replace(antecedent, span=span_of(self.doc, lo, hi))
        return None

    def actor(self, tok: Token) -> Actor | None:
        """The actor a token names or points back to; unknown phrases keep their words with no canonical."""
        if tok.i not in self._resolved:
            self._resolved[tok.i] = self._actor(tok)
        return self._resolved[tok.i]

    def _actor(self, tok: Token) -> Actor | None:
        if tok.is_space or tok.is_punct:
            return None
        tok = self.syn.partitive_object(tok) or tok
        lo, hi = self.phrase_span(tok)
        span = span_of(self.doc, lo, hi)
        ana = self.anaphor(tok)
        if ana and ana.refers_to == "actor":
            antecedent = self._antecedent_actor(tok, ana)
            if antecedent:
                # an antecedent with no canonical name lends its words: "de" -> "Utsendinger"
                return replace(antecedent, span=span, canonical=antecedent.canonical or antecedent.span.text)
        direct = self.named_actor(tok)
        if direct:
            return direct
        # a noun phrase the alias data does not know is still the actor, by its own words ("Opprørerne")
        if tok.pos_ in {"NOUN", "PROPN"} and not (ana and ana.refers_to == "place"):
            return Actor(span=span)
        return None

    def _antecedent_place(self, tok: Token, ana: Anaphor) -> Place | None:
        for prev in reversed(self.doc[: tok.i]):
            place = self.named_place(prev)
            if place and (not ana.kinds or place.kind in ana.kinds):
                return place
        return None

    def _salient(self, tok: Token) -> bool:
        """Subjects, and nouns heading a sentence the parser could not fit a verb above."""
        if tok.is_space:
            return False
        if self.syn.is_(tok, "subject"):
            return True
        is_noun = tok.pos_ in {"NOUN", "PROPN"}
        unlabelled_subject = self.syn.is_(tok, "unlabelled") and tok.i < tok.head.i and self.syn.is_verb(tok.head)
        return is_noun and (tok.head.i == tok.i or unlabelled_subject)

    def _antecedent_actor(self, tok: Token, ana: Anaphor) -> Actor | None:
        """Nearest preceding subject that is an actor (subjects are the salient antecedents) within the sentence
        and the two before it, else the nearest actor there."""
        fallback: Actor | None = None
        fallback_tok: Token | None = None
        here = bisect.bisect_right(self.sentence_starts, tok.i) - 1
        window_start = self.sentence_starts[max(0, here - 2)]
        for prev in reversed(self.doc[window_start : tok.i]):
            if prev.lemma_.lower() in self.syn.relative:
                continue
            is_subject = self._salient(prev)
            if not is_subject and fallback is not None:
                continue
            candidate = self.named_actor(prev)
            if candidate is None and is_subject:
                prev_ana = self.anaphor(prev)
                if prev_ana and prev_ana.refers_to == "actor":
                    candidate = self._antecedent_actor(prev, prev_ana)
                elif prev.pos_ in {"NOUN", "PROPN"}:
                    candidate = Actor(span=span_of(self.doc, *self.phrase_span(prev)))
            if candidate is None or (ana.kinds and candidate.kind not in ana.kinds):
                continue
            if ana.kinds and not candidate.canonical:
                continue
            if is_subject:
                self.antecedent_of[tok.i] = self.antecedent_of.get(prev.i, prev)
                return candidate
            if fallback is None:
                fallback, fallback_tok = candidate, prev
        if fallback_tok is not None:
            self.antecedent_of[tok.i] = self.antecedent_of.get(fallback_tok.i, fallback_tok)
        return fallback

    def is_place_like(self, tok: Token, place_nouns: set[str], stems: Callable[[str], list[str]] = lambda w: []
                      ) -> bool:
        """A named place, a place anaphor, or a noun that names a kind of place ("provinshovedsteder"); ``stems``
        gives lemma guesses for a form the lemmatizer left as it was."""
        if self.place(tok) is not None:
            return True
        lemma = tok.lemma_.lower()
        forms = [lemma, *(stems(lemma) if lemma == tok.text.lower() else [])]
        return any(f in place_nouns or any(f.endswith(n) for n in place_nouns if len(n) > 3) for f in forms)

    def span(self, tok: Token) -> Span:
        return span_of(self.doc, *self.phrase_span(tok))
