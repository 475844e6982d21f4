"""Who says so and how sure: reporting verbs, "ifølge X", hedges, negation, modality and conditions.

Walks up the dependency tree from a trigger: a reporting verb above it (or hung under its clause as a
parenthetical: "..., tvitrer en talsmann") makes it a report by that verb's subject.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Token

from sitrep import lang as langdata
from sitrep.extract.referents import Referents
from sitrep.extract.syntax import Syntax, span_of
from sitrep.model import Source, Span


@dataclass(frozen=True)
class AttributionData:
    verb_class: dict[str, str]  # lemma -> report | confirm | deny | believe
    needs_clause: frozenset[str]
    receive_verbs: frozenset[str]
    receive_participles: frozenset[str]
    source_preps: frozenset[str]
    anonymous: frozenset[str]
    anonymous_canonical: str
    hedge_words: frozenset[str]
    hedge_verbs: frozenset[str]
    reportative_modal: frozenset[str]
    perfect_aux: frozenset[str]
    predictive_modals: frozenset[str]
    future_phrases: tuple[tuple[str, ...], ...]
    condition_subordinators: frozenset[str]
    time_continuation: frozenset[str]
    negations: frozenset[str]


@cache
def attribution_data(lang: str) -> AttributionData:
    d = langdata.data(lang, "attribution")
    return AttributionData(
        verb_class={lemma: cls for cls, lemmas in d["reporting_verbs"].items() for lemma in lemmas},
        needs_clause=frozenset(d["needs_clause"]),
        receive_verbs=frozenset(d["receive_verbs"]),
        receive_participles=frozenset(d["receive_participles"]),
        source_preps=frozenset(d["source_prepositions"]),
        anonymous=frozenset(d["anonymous_sources"]),
        anonymous_canonical=d["anonymous_canonical"],
        hedge_words=frozenset(d["hedge_words"]),
        hedge_verbs=frozenset(d["hedge_verbs"]),
        reportative_modal=frozenset(d["reportative_modal"]),
        perfect_aux=frozenset(d["perfect_auxiliary"]),
        predictive_modals=frozenset(d["predictive_modals"]),
        future_phrases=tuple(tuple(p) for p in d["future_phrases"]),
        condition_subordinators=frozenset(d["condition_subordinators"]),
        time_continuation=frozenset(d["time_continuation"]),
        negations=frozenset(d["negations"]),
    )


@dataclass
class Report:
    verb: Token | None
    kind: str  # report | confirm | deny | believe | according
    sources: list[Source]
    negated: bool = False


@dataclass
class Attribution:
    reports: list[Report] = field(default_factory=list)
    hedged: bool = False
    reportative: bool = False  # "skal ha": the writer passes on what others say
    predicted: bool = False
    condition: Span | None = None
    in_condition: bool = False  # the trigger itself sits in a condition clause ("hvis de tar makten")
    scope: list[Token] = field(default_factory=list)  # verbs from the trigger up: where its time may hang


class Attributor:
    CROSSABLE = frozenset({"ADP", "PART", "SCONJ"})  # function words between a clause and the verb it completes

    def __init__(self, lang: str, syn: Syntax, refs: Referents):
        self.data = attribution_data(lang)
        self.syn, self.refs = syn, refs

    def _sources_of(self, verb: Token) -> list[Source]:
        if self.syn.is_passive(verb):
            # "det ble opplyst av politiet", "han er siktet for ...": the agent speaks, not the subject
            return [self.source(t) for t in self.syn.pp_objects(verb, "agent")]
        out = []
        # its own subject, else the speaker after it ("..., bekrefter den øverstkommanderende": the parser may
        # coordinate the verb with the clause it reports), else a subject it shares
        own = self.syn.children(verb, "subject")
        if own:
            subject = own[0]
        elif self._is_parenthetical(verb, verb.head):
            subject = self._speaker_fallback(verb) or self.syn.subject(verb)
        else:
            subject = self.syn.subject(verb) or self._speaker_fallback(verb)
        if subject is not None and subject.lemma_.lower() not in self.syn.relative:
            out.append(self.source(subject))
        # "sier til nyhetsbyrået": the one told passes it on, and is a source too
        for obj in self.syn.pp_objects(verb, "recipient"):
            out.append(self.source(obj))
        return out

    def _speaker_fallback(self, verb: Token) -> Token | None:
        """When the parse gives a reporting verb no subject: "..., tvitrer en talsmann" (the noun after it),
        or the noun a parenthetical "sier" hangs from."""
        for c in verb.children:
            # a noun, or an adjective used as one ("den øverstkommanderende")
            nominal = c.pos_ in {"NOUN", "PROPN"} or (c.pos_ == "ADJ" and self.syn.children(c, "determiner"))
            if c.i > verb.i and self.syn.is_(c, "object") and nominal:
                return c
        if self.syn.is_(verb, "parenthetical") and verb.head.pos_ in {"NOUN", "PROPN"}:
            return verb.head
        return None

    def source(self, tok: Token) -> Source:
        actor = self.refs.actor(tok)
        span = actor.span if actor else self.refs.span(tok)
        canonical = actor.canonical if actor else None
        if canonical is None and tok.lemma_.lower() in self.data.anonymous:
            canonical = self.data.anonymous_canonical
        return Source(span=span, canonical=canonical)

    def is_condition_clause(self, verb: Token) -> bool:
        sub = self.syn.subordinator(verb)
        return sub is not None and sub.lemma_.lower() in self.data.condition_subordinators

    def _is_source_prep(self, tok: Token) -> bool:
        return tok.lemma_.lower() in self.data.source_preps or tok.text.lower() in self.data.source_preps

    def _according(self, prep: Token) -> Report | None:
        objs = [o for o in prep.children if self.syn.is_(o, "prep_object")]
        return Report(None, "according", [self.source(o) for o in objs]) if objs else None

    def _according_to(self, verb: Token) -> list[Report]:
        preps = [c for v in self.syn.chain_up(verb) for c in v.children if self._is_source_prep(c)]
        return [r for p in preps if (r := self._according(p)) is not None]

    def _sentence_according(self, trigger: Token) -> list[Report]:
        """"ifølge X" hung anywhere on the sentence's verbs speaks for the whole sentence ("12 ble drept da flyene
        bombet skolen, ifølge X": the parser may hang it on either verb)."""
        preps = [t for t in trigger.sent if self._is_source_prep(t) and self.syn.is_verb(t.head)]
        return [r for p in preps if (r := self._according(p)) is not None]

    def _is_parenthetical(self, c: Token, head: Token) -> bool:
        """"..., sier X": a parenthetical, or (as parsers often have it) a clause coordinated after a comma with
        no conjunction."""
        if self.syn.is_(c, "parenthetical"):
            return True
        return (
            self.syn.is_(c, "coordinated") and c.i > head.i and c.i > 0 and c.doc[c.i - 1].is_punct
            and not any(self.syn.is_(g, "conjunction") for g in c.children)
        )

    def _parenthetical_reports(self, verb: Token, scope: list[Token] | None = None) -> list[Report]:
        out = []
        for v in self.syn.chain_up(verb):
            for c in v.children:
                if c.lemma_.lower() in self.data.verb_class and self._is_parenthetical(c, v):
                    out.append(Report(c, self.data.verb_class[c.lemma_.lower()], self._sources_of(c),
                                      self.syn.negated(c)))
                    if scope is not None:
                        scope.append(c)  # "..., bekrefter X onsdag": the report's time dates the event
        return out

    def _report_verb(self, verb: Token, via_clause: bool) -> Report | None:
        lemma = verb.lemma_.lower()
        cls = self.data.verb_class.get(lemma)
        if cls is None or (lemma in self.data.needs_clause and not via_clause):
            return None
        sources = self._sources_of(verb)
        # "AP får opplyst at ...": the receiver of the information is the source
        up = self.syn.chain_up(verb)
        if lemma in self.data.receive_participles and any(v.lemma_ in self.data.receive_verbs for v in up[1:]):
            cls = "report"
        return Report(verb, cls, sources, self.syn.negated(verb))

    def attribute(self, trigger: Token) -> Attribution:
        result = Attribution()
        verb = trigger
        # a nominal trigger takes the attribution of the clause it sits in
        while not self.syn.is_verb(verb) and verb.head.i != verb.i:
            verb = verb.head
        chain = self.syn.chain_up(verb)
        result.scope.extend(chain)
        self._modality(trigger, chain, result)
        if self.is_condition_clause(verb):
            result.in_condition = True
        result.reports.extend(self._according_to(verb))
        result.reports.extend(self._parenthetical_reports(verb, result.scope))
        if verb.i != trigger.i:
            # "Russland har ikke bekreftet angrepet": the event noun is what the verb confirms or denies
            report = self._report_verb(verb, via_clause=True)
            if report is not None and report.kind in ("confirm", "deny"):
                result.reports.append(report)
        result.condition = self._condition(chain)
        # climb clause by clause
        clause_top = chain[-1]
        while clause_top.head.i != clause_top.i:
            parent = clause_top.head
            via_clause = (self.syn.is_(clause_top, "object") or self.syn.subordinator(clause_top) is not None
                          or self._perfect_infinitive(clause_top))
            while parent.pos_ in self.CROSSABLE and parent.head.i != parent.i:
                parent = parent.head  # through "å" and prepositions up to the verb the clause completes
            if not self.syn.is_verb(parent):
                break  # a clause inside a noun phrase (a relative clause) is not what the verb above reports
            up = self.syn.chain_up(parent)
            if self.is_condition_clause(clause_top):
                result.in_condition = True
            if self.syn.is_(clause_top, "coordinated"):
                # "X hevder ..., og Y forteller ...": a clause coordinated with another is not reported by it,
                # only by what governs both; verbs sharing one subject ("ble skutt og drept, opplyser X") are
                # one clause and share its parenthetical reports
                if not any(self.syn.is_(c, "subject") for c in clause_top.children):
                    result.reports.extend(self._parenthetical_reports(parent, result.scope))
                    result.reports.extend(self._according_to(parent))
                result.scope.extend(up)
                clause_top = up[-1]
                continue
            report = self._report_verb(parent, via_clause)
            if report:
                result.reports.append(report)
            elif any(v.lemma_.lower() in self.data.hedge_verbs for v in up):
                result.hedged = True
            result.reports.extend(self._according_to(parent))
            result.reports.extend(self._parenthetical_reports(parent, result.scope))
            result.scope.extend(up)
            clause_top = up[-1]
        if not any(r.kind == "according" for r in result.reports):
            result.reports.extend(self._sentence_according(trigger))
        return result

    def _perfect_infinitive(self, clause_top: Token) -> bool:
        """"(anklager X for) å ha angrepet", "(hevder) å ha skutt ned": a past act the verb above reports."""
        marker = clause_top.head
        return (clause_top.lemma_.lower() in self.data.perfect_aux and marker.lemma_.lower() in self.syn.inf_marker
                and any(self.syn.is_(c, "verb_chain") for c in clause_top.children))

    def _modality(self, trigger: Token, chain: list[Token], result: Attribution) -> None:
        lemmas = [v.lemma_.lower() for v in chain[1:]]
        words = {c.lemma_.lower() for v in chain for c in v.children}
        if words & self.data.hedge_words:
            result.hedged = True
        if any(m in self.data.reportative_modal for m in lemmas) and any(a in self.data.perfect_aux for a in lemmas):
            result.reportative = True
        elif any(m in self.data.predictive_modals for m in lemmas):
            result.predicted = True
        # "kommer til å" / "ser ut til å": a clause above the infinitive
        governor = self.syn.governing_verb(trigger)
        if governor is not None:
            glemma = governor.lemma_.lower()
            if any(phrase[0] == glemma for phrase in self.data.future_phrases):
                result.predicted = True
            if glemma in self.data.hedge_verbs:
                result.hedged = True
            elif glemma in self.data.predictive_modals:
                result.predicted = True

    def _condition(self, chain: list[Token]) -> Span | None:
        """A condition clause of the trigger's clause, attached to its verbs or to their noun phrases
        ("truet X med sanksjoner om de angriper")."""
        in_chain = {v.i for v in chain}
        for tok in chain[-1].subtree:
            if tok.i in in_chain or not self.syn.is_verb(tok) or not self.is_condition_clause(tok):
                continue
            up = tok.head
            while up.i not in in_chain and not self.syn.is_verb(up) and up.head.i != up.i:
                up = up.head
            if up.i in in_chain:
                toks = list(tok.subtree)
                return span_of(tok.doc, toks[0].i, toks[-1].i + 1)
        return None

    def continues_time(self, tokens: list[Token]) -> Token | None:
        """A word like "senere" in the trigger's clause: the time carries on from what came before."""
        for v in tokens:
            for c in v.children:
                if c.lemma_.lower() in self.data.time_continuation or c.text.lower() in self.data.time_continuation:
                    return c
        return None
