"""Where an event happened: the place search of one trigger, from its own roles outwards.

First the frame's place role (or a named place under a kind-of-place noun); then 1. a locative phrase on the
trigger or its clause (or the clause an infinitive completes), 2. a named place under the trigger, a locative one
first, 3. where the actor is said to be, 4. a named place elsewhere in the clause that is no party to it. A named
locative the gazetteer does not know stops the search before 3: no place rather than a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Token

from sitrep.extract.referents import Referents
from sitrep.extract.syntax import Syntax
from sitrep.model import Place

if TYPE_CHECKING:
    from sitrep.extract.events import Roles


def clause_verbs(syn: Syntax, noun: Token) -> list[Token]:
    """The verbs of the clause a noun stands in (through prepositions)."""
    tok = noun
    while not syn.is_verb(tok) and tok.head.i != tok.i:
        tok = tok.head
    return syn.chain_up(tok) if syn.is_verb(tok) else []


class PlaceFinder:
    def __init__(self, syn: Syntax, refs: Referents, is_condition_clause: Callable[[Token], bool]):
        self.syn, self.refs, self.is_condition_clause = syn, refs, is_condition_clause

    def find(self, head: Token, roles: Roles, excluded: list[Token]) -> tuple[Place | None, bool]:
        """The event's place and whether it came through an anaphor. ``excluded``: the actor's and the sources'
        tokens, which are no place of the event."""
        if roles.place is not None:
            place = self.refs.place(roles.place)
            if place:
                return place, self.refs.anaphor(roles.place) is not None
            # a kind of place with no name ("provinshovedsteder"): look for the name under it
            for tok in roles.place.subtree:
                if tok.i != roles.place.i and (p := self.refs.place(tok)):
                    return p, False
        verbs = self.syn.chain_up(head) if self.syn.is_verb(head) else [head, *clause_verbs(self.syn, head)]
        governor = self.syn.governing_verb(head) if self.syn.is_verb(head) else None
        if governor is not None:
            # "samlet seg i Oslo for å protestere": an infinitive happens where the verb it completes does
            verbs = verbs + self.syn.chain_up(governor)
        # 1. a locative phrase on the trigger or, for a noun, on its clause ("i Doha", "utenfor byen")
        unplaced = False  # the text names where, but the gazetteer does not know it ("i Rødehavet")
        for v in verbs:
            for tok in self.syn.pp_objects(v, "location") + self.syn.pp_objects(v, "recipient"):
                if (p := self.refs.place(tok)) is not None:
                    return p, self.refs.anaphor(tok) is not None
                # "på Grünerløkka i Oslo": the town the unknown place lies in
                inside = (self.refs.named_place(t) for t in tok.subtree if t.i != tok.i and self.syn.in_locative(t))
                if (p := next((p for p in inside if p is not None), None)) is not None:
                    return p, False
                unplaced = unplaced or (tok.ent_type_ in self.syn.place_labels and self.syn.in_locative(tok))
        condition_heads = [c for v in verbs for c in v.children
                           if self.syn.is_verb(c) and self.is_condition_clause(c)]
        about = [c for v in verbs for c in v.children if c.lemma_.lower() in self.syn.preps.get("about", ())]
        skip = excluded + condition_heads + about
        # 2. a named place under the trigger, one in a locative phrase first ("møtte Ukrainas president i Kyiv");
        # a possessor is a party, not a place
        under = [t for t in self.syn.subtree_without(head, skip) if t.i != head.i and not self.syn.is_genitive(t)]
        for tok in sorted(under, key=lambda t: (not self.syn.in_locative(t), t.i)):
            if (p := self.refs.named_place(tok)) is not None:
                return p, False
            unplaced = unplaced or (tok.ent_type_ in self.syn.place_labels and self.syn.in_locative(tok))
        if unplaced:
            return None, False  # rather no place than the actor's home or another name in the clause
        # 3. where the actor is said to be ("utsendinger ... som er samlet i Qatar")
        actor_tok = roles.actor
        if actor_tok is not None:
            located = self._located(actor_tok)
            if located:
                return located, False
        # 4. a named place elsewhere in the clause, outside other clauses it coordinates
        top = verbs[-1]
        coordinated = [c for c in top.children if self.syn.is_(c, "coordinated") and self.syn.is_verb(c)]
        for tok in sorted(self.syn.subtree_without(top, skip + coordinated), key=lambda t: t.i):
            # a clause's subject or object is a party to it, not where it happened ("Iran fordømmer angrepene")
            if (self.syn.is_(tok, "subject") or self.syn.is_(tok, "object") or self._is_demonym_like(tok)
                    or self.syn.is_genitive(tok)):
                continue
            if (p := self.refs.named_place(tok)) is not None:
                return p, False
        return None, False

    def _located(self, actor_tok: Token) -> Place | None:
        """A place the actor phrase itself locates ("som er samlet i Qatar"); follows anaphors back."""
        if self.refs.anaphor(actor_tok) is not None:
            self.refs.actor(actor_tok)  # resolves it, recording the antecedent
        target = self.refs.antecedent_of.get(actor_tok.i, actor_tok)
        preps = self.syn.preps.get("location", set())
        # "israelske soldater på Vestbredden"
        for obj in self.syn.pp_objects(target, "location"):
            if (p := self.refs.named_place(obj)) is not None:
                return p
        for verb in (t for t in target.subtree if t.i != target.i and self.syn.is_verb(t)):
            for prep in verb.children:
                if prep.lemma_.lower() in preps:
                    for obj in self.syn.children(prep, "prep_object"):
                        if (p := self.refs.named_place(obj)) is not None:
                            return p
        return None

    @staticmethod
    def _is_demonym_like(tok: Token) -> bool:
        return tok.pos_ == "ADJ"
