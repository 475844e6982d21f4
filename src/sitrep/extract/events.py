"""From a parsed article to event mentions: trigger -> roles -> place -> attribution -> time -> quantities.

One mention per trigger; ``merge.py`` then folds mentions of the same real event together.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from sitrep import lang as langdata
from sitrep.extract.actors import country_name, demonym_country
from sitrep.extract.attribution import Attribution, Attributor
from sitrep.extract.placement import PlaceFinder
from sitrep.extract.quantities import find_quantities
from sitrep.extract.referents import Referents
from sitrep.extract.status import mention_status
from sitrep.extract.syntax import Syntax, span_of
from sitrep.extract.triggers import Lexicon, TriggerMatch, find_triggers
from sitrep.model import Actor, Event, Quantity, Span, TimeSpan

# acts whose infinitive complement has not happened: "oppfordrer X til å stanse", "truet med å angripe"
UNREALISED = {"REQUEST", "THREATEN"}
# a target that is a place becomes the event's place; for a change of control it is not also the target
PLACE_TARGET_MOVES = {"COERCE"}
PLACE_TARGET_COPIES = {"ASSAULT"}


@dataclass
class EventMention:
    event: Event
    head: Token
    attribution: Attribution
    own_time: bool = False
    place_from_anaphor: bool = False
    # what this mention says did not (yet) happen: the halted action ("tvangsutsendelser ... stanset"), the
    # requested one ("oppfordrer X til å innlede forhandlinger"); triggers there are not events of their own
    consumed: list[Token] = field(default_factory=list)
    continued_time: Span | None = None  # "senere": the time carries on from the last one stated before
    during: list[Token] = field(default_factory=list)  # the verbs of the clause a "da"-clause trigger hangs on
    in_heading: bool = False  # told in a heading, which sums up the paragraphs under it


@dataclass
class Roles:
    actor: Token | None = None
    co_actors: list[Token] = field(default_factory=list)
    target: Token | None = None
    place: Token | None = None
    theme: Token | None = None


class EventBuilder:
    def __init__(self, doc: Doc, lang: str, syn: Syntax, lex: Lexicon, refs: Referents,
                 times: list[TimeSpan], triggers: str = "both"):
        self.doc, self.lang, self.syn, self.lex, self.refs = doc, lang, syn, lex, refs
        self.trigger_source = triggers
        quantities = langdata.data(lang, "quantities")
        self.number_words = set(quantities.get("number_words") or ())
        self.event_ignores = set(quantities.get("event_ignores") or ())
        self.approximators = {str(a).lower() for a in quantities.get("approximators") or () if " " not in str(a)}
        self.attributor = Attributor(lang, syn, refs)
        self.places = PlaceFinder(syn, refs, self.attributor.is_condition_clause)
        self.times = times
        self._time_heads = [(t, self._attachment(t)) for t in times if t.span]
        spans = sorted((t.span.start, t.span.end) for t, _ in self._time_heads)
        self._time_starts = [a for a, _ in spans]
        self._time_reach = list(itertools.accumulate((b for _, b in spans), max))  # furthest end so far

    # --- roles --------------------------------------------------------------------------------------------
    def _relations(self, m: TriggerMatch) -> dict[str, list[Token]]:
        raw = self._raw_relations(m)
        rel = {role: self._outside_times(toks) for role, toks in raw.items()}
        if raw.get("subject") and not rel["subject"] and rel.get("object"):
            # "Den 5. mars angrep opprørere en base": the parser took the fronted date for the subject and the
            # subject after the verb for an object (and the real object for the subject's)
            first = rel["object"][0]
            rel["subject"] = [first]
            rel["object"] = rel["object"][1:] + self.syn.children(first, "object")
        return rel

    def _in_time(self, tok: Token) -> bool:
        # inside a time expression when one starting at or before the word reaches past it: a look-up, not a scan
        k = bisect.bisect_right(self._time_starts, tok.idx) - 1
        return k >= 0 and tok.idx < self._time_reach[k]

    def _outside_times(self, toks: list[Token]) -> list[Token]:
        """A time expression fills no role. When the parser made one the head of a noun phrase ("angrep byen
        Kharkiv natt til tirsdag" with "Kharkiv" under "natt"), the nouns it governs take its place."""
        out = []
        for tok in toks:
            if not self._in_time(tok):
                out.append(tok)
                continue
            out.extend(c for c in tok.children if c.pos_ in {"NOUN", "PROPN"} and not self._in_time(c))
        return out

    def _raw_relations(self, m: TriggerMatch) -> dict[str, list[Token]]:
        head, syn = m.head, self.syn
        particles = {t.i for t in m.tokens[1:]}
        if m.entry.pos == "noun":
            rel = {
                "genitive": syn.genitives(head),
                # "et israelsk luftangrep": a country adjective says whose
                "demonym": [c for c in head.children if c.pos_ == "ADJ" and c.i < head.i
                            and demonym_country(c.text, self.lang)],
                "origin": syn.pp_objects(head, "origin"),
                "between": syn.pp_objects(head, "between"),
                "target": syn.pp_objects(head, "target"),
                "theme": [t for t in syn.pp_objects(head, "theme") if t.i not in particles],
                "with": [],
            }
            governor = head.head
            if syn.is_(head, "prep_object") and governor.lemma_.lower() in syn.preps.get("undergo", ()):
                # "byene er under angrep": the clause's subject is attacked
                verb = governor.head
                subject = syn.subject(verb) if syn.is_verb(verb) else None
                rel["target"] = rel["target"] or ([subject] if subject is not None else [])
            light = self._light_verb(head)
            if light is not None and not rel["genitive"] and not rel["origin"]:
                subject = syn.subject(light)
                rel["origin"] = [subject] if subject is not None else []
            if light is not None and not rel["target"]:
                rel["target"] = syn.pp_objects(light, "target")  # "avfyrte skudd mot en patrulje"
            return rel
        objects = [o for o in syn.objects(head) if o.i not in particles and o.lemma_ not in syn.reflexive]
        # "avfyrte rundt 180 missiler": the parser takes the approximator for a preposition and the object for its
        objects += [o for c in head.children if c.lower_ in self.approximators for o in c.children
                    if syn.is_(o, "prep_object") and o.pos_ == "NOUN" and any(self._is_number(n) for n in c.children)]
        # a particle that is also a preposition governs the object: "tatt over byen"
        objects += [o for p in m.tokens[1:] for o in p.children if syn.is_(o, "prep_object")]
        subject = syn.subject(head)
        extra = m.tokens[1:]
        return {
            "subject": [subject] if subject is not None else [],
            "object": objects,
            "indirect_object": [c for v in syn.chain_up(head) for c in syn.children(v, "indirect_object")],
            # "ble skutt og drept av soldater": coordinated participles share their agent
            "agent": syn.pp_objects(head, "agent", extra)
            or [a for v in syn.conjuncts(head) if syn.is_participle(v) for a in syn.pp_objects(v, "agent")],
            "recipient": syn.pp_objects(head, "recipient", extra),
            "origin": syn.pp_objects(head, "origin", extra)
            + [o for p in extra for c in p.children if c.lemma_.lower() in syn.origin_after_particle
               for o in syn.children(c, "prep_object")],
            # "avfyrte missiler mot Israel": the target may follow the object
            "target": syn.pp_objects(head, "target", extra) or [t for o in objects for t in syn.pp_objects(o, "target")],
            "partner": syn.pp_objects(head, "partner", extra),
        }

    def _actor(self, tok: Token | None) -> Actor | None:
        """The actor a role token names; a country adjective ("israelsk") stands for its state."""
        if tok is None:
            return None
        if tok.pos_ == "ADJ" and (code := demonym_country(tok.text, self.lang)):
            return Actor(span=Span(tok.text, tok.idx, tok.idx + len(tok)), canonical=country_name(code),
                         kind="state", country=code)
        return self.refs.actor(tok)

    def _light_verb(self, noun: Token) -> Token | None:
        verb = noun.head
        if verb.i == noun.i:
            return None
        if self.syn.is_(noun, "prep_object"):
            if verb.lemma_.lower() not in self.lex.light_verb_prepositions:
                return None  # "innfører sanksjoner etter angrepene": the attacks are not the EU's
            verb = verb.head  # "gikk til angrep", "har byen under kontroll"
        if self._is_light(verb):
            return verb
        # "gjorde ferdig erobringen": the noun may hang under a particle of the light verb
        if not self.syn.is_verb(verb) and self._is_light(verb.head):
            return verb.head
        return None

    def _is_light(self, verb: Token) -> bool:
        return ((self.syn.is_verb(verb) or self.lex.misread_verb(verb, self.syn))
                and self.lex.verb_lemma(verb) in self.lex.light_verbs)

    def _roles(self, m: TriggerMatch, rel: dict[str, list[Token]]) -> Roles:
        frame = self.lex.frames[m.entry.frame]
        if m.entry.pos == "noun":
            mapping = frame["noun"]
        else:
            passive = self.syn.is_passive(m.head)
            mapping = frame.get("passive" if passive else "active") or frame["active"]
        roles = Roles()
        for relation, role in mapping.items():
            for tok in rel.get(relation, []):
                if role == "actor" and roles.actor is None:
                    roles.actor = tok
                elif role == "target" and roles.target is None:
                    roles.target = tok
                elif role == "place" and roles.place is None and self._place_like(tok):
                    roles.place = tok
                elif role == "theme" and roles.theme is None:
                    roles.theme = tok
        if roles.actor is not None:
            roles.co_actors = self.syn.coordinated(roles.actor)
        return roles

    def _requirements_met(self, m: TriggerMatch, rel: dict[str, list[Token]], roles: Roles,
                          negated: bool) -> bool:
        return all(self._requirement(req, m, rel, roles, negated) for req in m.entry.requires)

    def _requirement(self, req, m: TriggerMatch, rel: dict[str, list[Token]], roles: Roles, negated: bool) -> bool:
        """One ``requires`` entry of the lexicon (see the top of ``lang/<code>/events.yaml``)."""
        objects, subjects = rel.get("object", []), rel.get("subject", [])
        if isinstance(req, tuple) and req[0] in ("not_actor_kinds", "not_target_kinds"):
            # "Høyre angriper regjeringen", "angrepet på Høyre": a party attacks and is attacked in words only
            who = self._actor(roles.actor if req[0] == "not_actor_kinds" else roles.target)
            return who is None or who.kind not in req[1]
        if isinstance(req, tuple) and req[0] == "actor_kinds":
            actor = self._actor(roles.actor)
            return actor is not None and actor.kind in req[1]
        if isinstance(req, tuple) and req[0] == "no_particles":
            return not any(c.lemma_.lower() in req[1] for c in m.head.children if c.i > m.head.i)
        if isinstance(req, tuple):  # ("object_class", name)
            words = self.lex.noun_classes.get(req[1], set())
            candidates = objects + (subjects if self.syn.is_passive(m.head) else [])
            return any(_in_class(o.lemma_.lower(), words) for o in candidates)
        checks = {
            "place_subject": lambda: bool(subjects) and self._place_like(subjects[0]),
            "place_object": lambda: any(self._place_like(o) for o in objects),
            "negated": lambda: negated,
            "not_negated": lambda: not negated,
            "plural": lambda: "Plur" in m.head.morph.get("Number"),
            "passive": lambda: self.syn.is_passive(m.head),
            "light_verb": lambda: self._light_verb(m.head) is not None,
            "complement": lambda: bool(self._complement(m.head)),
            "actor_object": lambda: any((a := self.refs.actor(o)) is not None and a.canonical for o in objects),
            "actor_subject": lambda: any((a := self.refs.actor(s)) is not None and a.canonical for s in subjects),
            "object_not_clause": lambda: not any(self.syn.is_verb(o) for o in objects),
            "compound_only": lambda: True,  # applied when nouns are looked up
            "no_disaster": lambda: not self._disaster(m.head),
            "actor_role": lambda: self._known(roles.actor),
            "target_actor": lambda: self._known(roles.target),
            "a_party": lambda: self._known(roles.actor) or self._known(roles.target),
            "has_target": lambda: roles.target is not None,
            "plural_subject": lambda: any("Plur" in s.morph.get("Number") or self.syn.coordinated(s) for s in subjects),
            "fighting": lambda: self._fighting(m.head),
            "not_in_speech": lambda: not self._in_class_pp(m.head, "speech_settings"),
        }
        return checks[req]()

    def _place_like(self, tok: Token) -> bool:
        return self.refs.is_place_like(tok, self.lex.place_nouns, self.lex.stems)

    def _complement(self, verb: Token) -> list[Token]:
        """Infinitives completing the verb: "oppfordrer X til å stanse" -> [stanse]."""
        out = []
        for t in verb.subtree:
            if t.i != verb.i and self.syn.is_verb(t) and getattr(self.syn.governing_verb(t), "i", -1) == verb.i:
                out.append(t)
        return out

    def _mode(self, m: TriggerMatch, rel: dict[str, list[Token]]) -> str | None:
        entry = m.entry
        lemmas = [m.head.lemma_.lower()]
        for source in entry.mode_from:
            if source == "object":
                lemmas += [o.lemma_.lower() for o in rel.get("object", [])]
            elif source == "complement":
                for c in self._complement(m.head):
                    lemmas += [c.lemma_.lower(), *(o.lemma_.lower() for o in self.syn.objects(c))]
            elif source == "instrument":
                lemmas += [o.lemma_.lower() for o in self.syn.pp_objects(m.head, "instrument")]
                lemmas += [o.lemma_.lower() for v in self.syn.chain_up(m.head) for c in v.children
                           if c.pos_ == "ADP" for o in c.children]
        return self.lex.mode_for(entry.type, lemmas) or entry.mode

    # --- time ---------------------------------------------------------------------------------------------
    def _attachment(self, time: TimeSpan) -> Token | None:
        """The token a time expression hangs from: climb from its head to the first verb or noun outside it."""
        span = self.doc.char_span(time.span.start, time.span.end, alignment_mode="expand")
        if span is None:
            return None
        tok = span.root
        while (tok.i >= span.start and tok.i < span.end) and tok.head.i != tok.i:
            tok = tok.head
        return tok

    def _time(self, m: TriggerMatch, attribution: Attribution) -> tuple[TimeSpan | None, bool]:
        scope = [m.head, *attribution.scope]
        if m.entry.pos == "noun":
            light = self._light_verb(m.head)
            if light is not None:
                scope.insert(1, light)
        for tok in scope:
            for time, attached in self._time_heads:
                if attached is not None and attached.i == tok.i:
                    return time, True
        return None, False

    # --- the whole mention --------------------------------------------------------------------------------
    def build(self) -> list[EventMention]:
        mentions: list[EventMention] = []
        for candidates in find_triggers(self.doc, self.lex, self.syn, self.trigger_source):
            mention = self._build_one(candidates)
            if mention is not None:
                mentions.append(mention)
        consumed = {t.i for m in mentions for t in m.consumed}
        return [m for m in mentions if m.head.i not in consumed]

    def _known(self, tok: Token | None) -> bool:
        actor = self._actor(tok)
        return actor is not None and actor.canonical is not None

    def _pp_nouns(self, tok: Token) -> list[Token]:
        """Objects of the prepositions on the token (a noun) or on its verb chain."""
        heads = self.syn.chain_up(tok) if self.syn.is_verb(tok) else [tok]
        return [o for h in heads for c in h.children if c.pos_ == "ADP" for o in c.children
                if self.syn.is_(o, "prep_object")]

    def _in_class_pp(self, tok: Token, name: str) -> bool:
        """A prepositional phrase in the sentence whose noun is in the class ("i et intervju")."""
        words = self.lex.noun_classes.get(name, set())
        return any(self.syn.is_(t, "prep_object") and _in_class(t.lemma_.lower(), words) for t in tok.sent)

    def _fighting(self, noun: Token) -> bool:
        """"harde kamper", "kampene om byen", "sammenstøt mellom demonstranter og politi"; not "se kampene"."""
        adjectives = self.lex.noun_classes.get("fighting_adjectives", set())
        if any(c.pos_ == "ADJ" and c.lemma_.lower() in adjectives for c in noun.children):
            return True
        return any(self.refs.place(o) is not None or self._known(o) for o in self._pp_nouns(noun))

    def _disaster(self, verb: Token) -> bool:
        """Deaths or injuries in an accident or a disaster: "omkom i en trafikkulykke", "omkom da et helikopter
        styrtet"."""
        chain = self.syn.chain_up(verb)
        words = self.lex.noun_classes.get("disasters", set())
        if any(_in_class(n.lemma_.lower(), words) or _in_class(n.lower_, words) for n in self._pp_nouns(verb)):
            return True
        clauses = [c for v in chain for c in v.children if self.syn.is_verb(c) and self.syn.subordinator(c) is not None]
        return any(self.lex.verb_lemma(c) in self.lex.disaster_verbs for c in clauses)

    def _planned(self, trigger: Token) -> bool:
        """"planla et terrorangrep", "planlegger å angripe", "planer om å sprenge Kreml": it has not happened."""
        if self.syn.is_verb(trigger):
            tok = self.syn.clause_head(trigger)
            # up through the infinitive marker and a preposition to the word the infinitive completes
            for _ in range(3):
                if tok.head.i == tok.i:
                    return False
                tok = tok.head
                if self.lex.verb_lemma(tok) in self.lex.plan_verbs or tok.lemma_.lower() in self.lex.plan_nouns:
                    return True
                # "angrep flyplassen for å ta kontroll": a purpose, not yet done (a perfect "for å ha tatt" is;
                # and "samlet seg for å protestere" did protest: `purpose_done_types`)
                if tok.lemma_.lower() in self.lex.purpose_prepositions and not self.syn.is_participle(trigger):
                    return True
                if self.syn.is_verb(tok) or tok.pos_ == "NOUN":
                    return False
            return False
        light = self._light_verb(trigger)
        if light is not None and light.i != trigger.i:
            return self._planned(light)  # "for å ta kontroll over": the light verb's clause says
        verb = trigger.head
        return (self.syn.is_(trigger, "object") and self.syn.is_verb(verb)
                and self.lex.verb_lemma(verb) in self.lex.plan_verbs)

    def _sports(self, tok: Token) -> bool:
        """A sentence about a match: its attacks and victories are sport."""
        return any(t.lower_ in self.lex.sports_words or t.lemma_.lower() in self.lex.sports_words for t in tok.sent)

    def _build_one(self, candidates: list[TriggerMatch]) -> EventMention | None:
        if candidates and self._sports(candidates[0].head):
            return None
        for m in candidates:
            if m.entry.pos == "verb" and self.syn.misread_participle(m.head):
                return None  # "kaller angrepet en krigsforbrytelse": "the attack", told before
            if self._planned(m.head) and m.entry.type not in self.lex.purpose_done_types:
                return None
            rel = self._relations(m)
            roles = self._roles(m, rel)
            negated = self.syn.negated(m.head) if self.syn.is_verb(m.head) else False
            if not self._requirements_met(m, rel, roles, negated):
                continue
            if self._is_aggregate(roles):
                return None  # "Tolv hovedsteder er falt": a count of events told elsewhere, not one event
            attribution = self.attributor.attribute(m.head)
            if m.entry.pos == "noun" and self._light_verb(m.head) is None:
                # "vil svare på angrepet": the clause's modal is about the answer, not the attack
                attribution.predicted = False
            if attribution.in_condition:
                return None  # "hvis de tar makten": the condition of another event, not an event
            return self._assemble(m, rel, roles, attribution, negated)
        return None

    def _assemble(self, m: TriggerMatch, rel, roles: Roles, attribution: Attribution, negated: bool
                  ) -> EventMention:
        entry, doc = m.entry, self.doc
        actor = self._actor(roles.actor)
        target = self.refs.actor(roles.target) if roles.target is not None else None
        place_tok = None
        if (roles.target is not None and roles.place is None
                and entry.type in PLACE_TARGET_MOVES | PLACE_TARGET_COPIES
                and self._place_like(roles.target)):
            place_tok = roles.target
            if entry.type in PLACE_TARGET_MOVES or self.refs.place(roles.target) is None:
                target = None
        roles.place = roles.place or place_tok
        source_toks = [t for r in attribution.reports for s in r.sources for t in doc.char_span(
            s.span.start, s.span.end, alignment_mode="expand") or []]
        excluded = [t for t in (roles.actor, *roles.co_actors) if t is not None] + source_toks
        place, via_anaphor = self.places.find(m.head, roles, excluded)
        time, own_time = self._time(m, attribution)
        cont = self.attributor.continues_time(attribution.scope) if time is None else None
        continued = Span(cont.text, cont.idx, cont.idx + len(cont)) if cont is not None else None
        sentence = m.head.sent
        while len(sentence) > 1 and sentence[-1].is_space:
            sentence = sentence[:-1]
        trigger_tokens = sorted(m.tokens, key=lambda t: t.i)
        trigger = span_of(doc, trigger_tokens[0].i, trigger_tokens[-1].i + 1) if len(trigger_tokens) <= 3 and \
            trigger_tokens[-1].i - trigger_tokens[0].i < 6 else span_of(doc, m.head.i, m.head.i + 1)
        quantities = self._quantities(m, roles)
        event = Event(
            type=entry.type,
            mode=self._mode(m, rel),
            contexts=list(entry.contexts),
            trigger=trigger,
            sentence=Span(sentence.text, sentence.start_char, sentence.end_char),
            actor=actor,
            co_actors=[a for t in roles.co_actors if (a := self.refs.actor(t)) is not None],
            target=target,
            place=place,
            time=time,
            conditional=attribution.condition is not None,
            condition=attribution.condition,
            sources=[s for r in attribution.reports for s in r.sources],
            quantities=quantities,
            negated=negated and "negated" not in entry.requires,
        )
        event.status = mention_status(event, attribution)
        during = self.syn.while_clause_of(m.head)
        return EventMention(event, m.head, attribution, own_time, via_anaphor, self._consumed(m, rel), continued,
                            self.syn.chain_up(during) if during is not None else [])

    def _is_number(self, tok: Token) -> bool:
        return tok.like_num or tok.pos_ == "NUM" or tok.text.lower() in self.number_words

    def _is_aggregate(self, roles: Roles) -> bool:
        """The place or target is a bare number ("tretten") or a counted kind of place ("tolv hovedsteder")."""
        for tok in (roles.place, roles.target):
            if tok is None or self.refs.place(tok) is not None:
                continue
            if self._is_number(tok):
                return True
            counted = any(self._is_number(c) for c in tok.children if c.i < tok.i)
            # "tolv hovedsteder": a plural; "en flyktningleir" is one place, not a count
            if counted and self._place_like(tok) and "Sing" not in tok.morph.get("Number"):
                return True
        return False

    def _consumed(self, m: TriggerMatch, rel: dict[str, list[Token]]) -> list[Token]:
        if m.entry.frame == "halt":
            return rel.get("object", []) + (rel.get("subject", []) if self.syn.is_passive(m.head) else [])
        if m.entry.type in UNREALISED:
            # what is threatened or asked for has not happened: "truet med å angripe", "truet med nye angrep",
            # "ba om hjelp"
            wanted = self._complement(m.head) + self.syn.pp_objects(m.head, "partner") + self.syn.pp_objects(
                m.head, "about")
            return [t for c in wanted for t in c.subtree]
        return []

    def _quantities(self, m: TriggerMatch, roles: Roles) -> list[Quantity]:
        toks: list[Token] = []
        for tok in (roles.theme, roles.target, *([m.head] if m.entry.pos == "noun" else [])):
            if tok is not None:
                toks.extend(tok.subtree)
        if self.syn.is_verb(m.head):
            toks.extend(t for o in self.syn.objects(m.head) for t in o.subtree)
            # the verbs say what the count is: "56 mennesker ble drept" counts the killed
            toks.extend(self.syn.chain_up(m.head))
            toks.extend(self.syn.conjuncts(m.head))  # "ble skutt og drept"
            subject = self.syn.subject(m.head)
            if subject is not None:
                toks.extend(subject.subtree)
        unique = sorted({t.i: t for t in toks}.values(), key=lambda t: t.i)
        found = find_quantities(unique, self.lang) if unique else []
        return [q for q in found if q.unit not in self.event_ignores]


def _in_class(lemma: str, words: set[str]) -> bool:
    return lemma in words or any(lemma.endswith(w) for w in words if len(w) > 4)
