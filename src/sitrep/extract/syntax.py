"""Reading a dependency tree through the language's label data (``lang/<code>/syntax.yaml``).

Everything here asks "is this the subject / the agent / a negation" by looking the label or lemma up in the
language data, so the same code serves any treebank scheme a bundled model was trained on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from spacy.tokens import Doc, Token

from sitrep import lang as langdata
from sitrep.model import Span

VERB_POS = {"VERB", "AUX"}


class Syntax:
    def __init__(self, lang: str):
        data = langdata.data(lang, "syntax")
        self.labels: dict[str, set[str]] = {k: set(v) for k, v in data["labels"].items()}
        self.preps: dict[str, set[str]] = {k: set(v) for k, v in data["prepositions"].items()}
        self.passive_aux = set(data["passive_auxiliaries"])
        self.passive_only_aux = set(data.get("passive_only_auxiliaries", ()))
        self.participle_aux = set(data.get("participle_auxiliaries", ()))
        self.passive_feats = data["passive_features"]
        self.participle_feats = data["participle_features"]
        self.inf_marker = set(data["infinitive_marker"])
        self.relative = set(data["relative_pronouns"])
        self.reflexive = set(data["reflexive_pronouns"])
        self.negations = set(data["negations"])
        labels = data["entity_labels"]
        self.place_labels, self.actor_labels = set(labels["place"]), set(labels["actor"])
        self.person_labels = set(labels["person"])
        self.partitive_heads = set(data.get("partitive_heads", ()))
        self.partitive_preps = set(data.get("partitive_prepositions", ()))
        self.object_control = set(data.get("object_control_verbs", ()))
        self.simultaneous = set(data.get("simultaneous_subordinators", ()))
        self.origin_after_particle = set(data.get("origin_after_particle", ()))

    # --- labels -------------------------------------------------------------------------------------------
    def is_(self, tok: Token, role: str) -> bool:
        return tok.dep_ in self.labels.get(role, ())

    def children(self, tok: Token, role: str) -> list[Token]:
        return [c for c in tok.children if self.is_(c, role)]

    # --- verbs and clauses --------------------------------------------------------------------------------
    def is_verb(self, tok: Token) -> bool:
        """A verb by part of speech, by tag, or by its place in a verb chain (taggers err; trees agree)."""
        return tok.pos_ in VERB_POS or tok.tag_ == "verb" or self.is_(tok, "verb_chain")

    def is_participle(self, tok: Token) -> bool:
        return all(tok.morph.get(k) == [v] for k, v in self.participle_feats.items())

    def chain_up(self, tok: Token) -> list[Token]:
        """The trigger and the verbs above it in its own clause: participle -> auxiliaries -> finite verb.

        Infinitive markers in between are crossed ("besluttet å sende" stops at "å": another clause).
        """
        chain = [tok]
        while tok.head.i != tok.i and self.is_verb(tok.head) and (
            self.is_(tok, "verb_chain")
            # "er beleiret": a participle as the predicative of a passive auxiliary
            or (self.is_(tok, "predicative") and self.is_participle(tok) and tok.head.lemma_ in self.passive_aux)
        ):
            tok = tok.head
            chain.append(tok)
        return chain

    def clause_head(self, tok: Token) -> Token:
        return self.chain_up(tok)[-1]

    def governing_verb(self, tok: Token) -> Token | None:
        """For an infinitive clause ("å sende"), the verb it completes ("besluttet")."""
        head = self.clause_head(tok)
        marker = head.head if head.head.i != head.i else None
        if marker is not None and marker.lemma_.lower() in self.inf_marker:
            up = marker.head
            while up.i != marker.i and not self.is_verb(up) and up.head.i != up.i:
                up = up.head  # "til å", "om å": a preposition between the verb and the marker
            return up if self.is_verb(up) and up.i != marker.i else None
        return None

    def subordinator(self, verb: Token) -> Token | None:
        for c in self.clause_head(verb).children:
            if self.is_(c, "subordinator"):
                return c
        return None

    def while_clause_of(self, tok: Token) -> Token | None:
        """The verb a "da"-clause holding ``tok`` tells the circumstances of ("ble drept da flyene bombet"):
        both clauses tell one happening."""
        top = self.clause_head(tok)
        sub = self.subordinator(top)
        if sub is None or sub.lemma_.lower() not in self.simultaneous or top.head.i == top.i:
            return None
        parent = top.head
        return parent if self.is_verb(parent) else None

    def subject(self, verb: Token) -> Token | None:
        """The subject of the verb's clause; for an infinitive, the subject of the verb it completes."""
        chain = self.chain_up(verb)
        for v in chain:
            subjects = [c for c in v.children if self.is_(c, "subject")]
            if subjects:
                return subjects[0]
        top = chain[-1]
        for c in top.children:
            if self.is_(c, "unlabelled") and c.i < top.i and c.pos_ in {"NOUN", "PROPN", "PRON"}:
                return c
        # "Iran har tidligere truet ...": a name before the finite verb that the parser made an adverbial
        for v in chain:
            for c in v.children:
                if self.is_(c, "adverbial") and c.i < top.i and (c.pos_ == "PROPN" or c.ent_type_):
                    return c
        if (fronted := self._fronted_object(top)) is not None:
            return fronted
        if self.is_(top, "coordinated") and self.is_verb(top.head) and top.head.i < top.i:
            return self.subject(top.head)  # "Iran fordømmer X og truer med Y": one subject for both verbs
        governor = self.governing_verb(verb)
        if governor is None:
            return None
        # "anklager X for å ha angrepet", "ber X om å trekke seg": the governor's object does the infinitive
        controller = self.objects(governor) if governor.lemma_.lower() in self.object_control else []
        return controller[0] if controller else self.subject(governor)

    def objects(self, tok: Token) -> list[Token]:
        fronted = self._fronted_object(self.clause_head(tok))
        return [c for v in self.chain_up(tok) for c in v.children if self.is_(c, "object") and c != fronted]

    def _fronted_object(self, top: Token) -> Token | None:
        """A clause with no subject and two objects, one before the verb and one after ("Sudans hær anklager
        RSF-militsen ..."): the parser lost the subject, and the one before the verb is it."""
        if any(self.is_(c, "subject") for c in top.children):
            return None
        objects = [c for c in top.children if self.is_(c, "object")]
        before = [o for o in objects if o.i < top.i]
        return before[0] if before and any(o.i > top.i for o in objects) else None

    def is_passive(self, verb: Token) -> bool:
        if all(verb.morph.get(k) == [v] for k, v in self.passive_feats.items()):
            return True
        if self.is_(verb, "verb_chain") and verb.head.lemma_.lower() in self.passive_only_aux:
            return True
        if not self.is_participle(verb):
            return False
        if any(v.lemma_ in self.passive_aux for v in self.chain_up(verb)[1:]):
            return True
        # "ble skutt og drept": a participle coordinated with a passive one shares its auxiliary
        head = verb.head
        return self.is_(verb, "coordinated") and head.i < verb.i and self.is_verb(head) and self.is_passive(head)

    def misread_participle(self, tok: Token) -> bool:
        """A participle in a verb chain under a verb that takes no participle: a noun the tagger misread."""
        return (self.is_participle(tok) and self.is_(tok, "verb_chain") and tok.head.i != tok.i
                and tok.head.lemma_.lower() not in self.participle_aux)

    def conjuncts(self, verb: Token) -> list[Token]:
        """Verbs coordinated with this one ("skutt og drept"), either way round."""
        out = [c for c in verb.children if self.is_(c, "coordinated") and self.is_verb(c)]
        if self.is_(verb, "coordinated") and self.is_verb(verb.head):
            out.append(verb.head)
        return out

    def negated(self, tok: Token) -> bool:
        return any(c.lemma_.lower() in self.negations for v in self.chain_up(tok) for c in v.children)

    # --- prepositional phrases ----------------------------------------------------------------------------
    def pp_objects(self, tok: Token, role: str, extra: list[Token] = ()) -> list[Token]:
        """Objects of the role's prepositions attached to the token (or, for verbs, to its chain), or to the
        ``extra`` heads (a particle verb's particles: "trakk seg tilbake til X")."""
        heads = [*(self.chain_up(tok) if self.is_verb(tok) else [tok]), *extra]
        preps = self.preps.get(role, set())
        return [
            obj
            for h in heads
            for c in h.children
            if c.lemma_.lower() in preps or c.text.lower() in preps
            for obj in c.children
            if self.is_(obj, "prep_object")
        ]

    def partitive_object(self, tok: Token) -> Token | None:
        """"tusenvis av demonstranter" -> demonstranter."""
        if tok.lemma_.lower() not in self.partitive_heads and tok.pos_ != "NUM":
            return None
        for prep in tok.children:
            if prep.lemma_.lower() in self.partitive_preps:
                for obj in prep.children:
                    if self.is_(obj, "prep_object"):
                        return obj
        return None

    def coordinated(self, tok: Token) -> list[Token]:
        """Further conjuncts of a coordination ("USA og Nato" -> [Nato])."""
        out: list[Token] = []
        for c in tok.children:
            if self.is_(c, "coordinated") and c.pos_ not in VERB_POS:
                out.append(c)
                out.extend(self.coordinated(c))
        return out

    def genitives(self, noun: Token) -> list[Token]:
        return [c for c in noun.children if self.is_genitive(c)]

    def is_genitive(self, tok: Token) -> bool:
        """A possessor ("Ukrainas president"): a party to what its noun does, not where it happens."""
        return self.is_(tok, "determiner") and "Gen" in tok.morph.get("Case")

    def in_locative(self, tok: Token) -> bool:
        """The object of a location preposition ("i Kyiv")."""
        return self.is_(tok, "prep_object") and tok.head.lemma_.lower() in self.preps.get("location", ())

    # --- spans --------------------------------------------------------------------------------------------
    def phrase(self, tok: Token, entity: Span | None = None) -> tuple[int, int]:
        """Token index range of a noun phrase without its clauses and prepositional phrases.

        Keeps determiners, adjectives and name parts: "de lokale styresmaktene", "en Taliban-talsmann".
        """
        keep = {"determiner", "attribute", "name_part"}
        lo, hi = tok.i, tok.i

        def grow(t: Token) -> None:
            nonlocal lo, hi
            for c in t.children:
                if any(self.is_(c, r) for r in keep) and c.pos_ not in VERB_POS and c.pos_ != "ADP":
                    if self.is_(c, "attribute") and c.i > tok.i:
                        continue  # right-hand attributes are clauses and PPs
                    lo, hi = min(lo, c.i), max(hi, c.i)
                    grow(c)

        grow(tok)
        return lo, hi + 1

    @staticmethod
    def subtree_without(tok: Token, excluded: Iterable[Token]) -> Iterator[Token]:
        """Tokens under ``tok``, skipping the subtrees of ``excluded`` tokens."""
        skip = {t.i for t in excluded}
        stack = [tok]
        while stack:
            t = stack.pop()
            if t.i in skip and t.i != tok.i:
                continue
            yield t
            stack.extend(t.children)


def span_of(doc: Doc, start: int, end: int) -> Span:
    """Character span of tokens [start, end)."""
    s = doc[start:end]
    return Span(s.text, s.start_char, s.end_char)


@cache
def syntax(lang: str) -> Syntax:
    return Syntax(lang)
