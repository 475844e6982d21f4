"""Finding event triggers: the learned trigger tagger's spans and lexicon entries (``lang/<code>/events.yaml``)
matched on lemmas.

A match is a candidate only; the event builder checks the entry's ``requires`` once roles are known. Where the
tagger marks a trigger, lexicon entries of its type lend their frames and checks, and an entry made from the
tagger's type and the word's part of speech is the last resort. ``source`` picks the triggers: ``both`` (default:
where the two disagree on a word the lexicon knows, the lexicon decides; a word only the tagger knows needs the
tuned ``tagger_alone_min_score``), ``tagger`` or ``lexicon``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Token

from sitrep import lang as langdata
from sitrep.extract.syntax import VERB_POS, Syntax

PARTICLE_WINDOW = 5  # how far after the verb a particle may stand ("tok i går over byen")


@dataclass(frozen=True)
class TriggerEntry:
    words: tuple[str, ...]
    pos: str
    type: str
    mode: str | None
    contexts: tuple[str, ...]
    frame: str
    requires: tuple = ()
    mode_from: tuple[str, ...] = ()
    compound: bool = False
    except_compounds: tuple[str, ...] = ()


@dataclass
class Lexicon:
    entries: list[TriggerEntry]
    frames: dict[str, dict[str, dict[str, str]]]
    light_verbs: set[str]
    light_verb_prepositions: set[str]
    sports_words: set[str]
    disaster_verbs: set[str]
    plan_verbs: set[str]
    plan_nouns: set[str]
    purpose_prepositions: set[str]
    purpose_done_types: set[str]
    irregular_forms: dict[str, str]  # past form -> infinitive (lang/<code>/verbs.yaml)
    verb_prefixes: tuple[str, ...]
    noun_classes: dict[str, set[str]]
    mode_classes: dict[str, dict[str, set[str]]]
    place_nouns: set[str]
    tagger_alone_min_score: float = 0.0  # a tagged trigger with no lexicon entry of its type needs this score
    tagger_override_min_score: float = 0.0  # ... and one whose lexicon entries of its type all fail their checks
    noun_endings: tuple[str, ...] = ()
    verb_endings: tuple[str, ...] = ()
    by_head: dict[str, list[TriggerEntry]] = field(default_factory=dict)
    _irregular_memo: dict[str, str | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for entry in self.entries:
            self.by_head.setdefault(entry.words[0], []).append(entry)
        for entries in self.by_head.values():
            # the longest multi-word entry is tried first, then entries that ask for a class of object or actor
            # ("utvise" diplomats: an expulsion, before "utvise" anyone: a deportation)
            entries.sort(key=lambda e: (-len(e.words), -sum(_is_class_requirement(r) for r in e.requires)))

    def noun_entries(self, lemma: str) -> list[TriggerEntry]:
        exact = [e for e in self.by_head.get(lemma, []) if e.pos == "noun" and "compound_only" not in e.requires]
        if exact:
            return exact
        return [e for e in self._compound_entries(lemma) if not lemma.startswith(e.except_compounds)]

    def excluded_compound(self, lemma: str) -> bool:
        """A compound the lexicon says is no event of its head's kind ("personangrep" is no attack)."""
        return any(e.except_compounds and lemma.startswith(e.except_compounds) for e in self._compound_entries(lemma))

    def _compound_entries(self, lemma: str):
        """Noun entries that take compounds, whose word closes ``lemma`` ("terrorangrep" -> "angrep")."""
        return (
            e
            for head, entries in self.by_head.items()
            if len(lemma) > len(head) + 2 and lemma.endswith(head)
            for e in entries
            if e.pos == "noun" and e.compound
        )

    def irregular(self, form: str) -> str | None:
        """The infinitive of an irregular past form, prefixed or not ("angrep" -> "angripe")."""
        if form not in self._irregular_memo:  # asked several times per verb token
            self._irregular_memo[form] = self._irregular(form)
        return self._irregular_memo[form]

    def _irregular(self, form: str) -> str | None:
        if form in self.irregular_forms:
            return self.irregular_forms[form]
        for prefix in self.verb_prefixes:
            rest = form[len(prefix):]
            if form.startswith(prefix) and rest in self.irregular_forms:
                return prefix + self.irregular_forms[rest]
        # a compound with a noun ("knivstukket"): only after a long form, which no other word ends in by chance
        for i in range(2, len(form) - COMPOUND_FORM_MIN + 1):
            if form[i:] in self.irregular_forms:
                return form[:i] + self.irregular_forms[form[i:]]
        return None

    def verb_lemma(self, tok: Token) -> str:
        """The token's lemma, or the infinitive of an irregular past form the lemmatizer left as it was."""
        lemma = tok.lemma_.lower()
        return (self.irregular(lemma) or lemma) if lemma == tok.lower_ else lemma

    def misread_verb(self, tok: Token, syn: Syntax) -> bool:
        """An irregular past form with a subject is a verb, whatever the tagger says ("inngikk partene")."""
        lemma = tok.lemma_.lower()
        return lemma == tok.lower_ and bool(self.irregular(lemma)) and any(syn.is_(c, "subject") for c in tok.children)

    def stems(self, form: str, verb: bool = False) -> list[str]:
        """Possible lemmas of an inflected noun (or verb) the lemmatizer did not know."""
        if verb and (infinitive := self.irregular(form)):
            return [infinitive]
        endings = self.verb_endings if verb else self.noun_endings
        stems = [form[: -len(e)] for e in endings if form.endswith(e) and len(form) > len(e) + 2]
        return list(dict.fromkeys(s for stem in stems for s in (stem, stem + "e")))

    def mode_for(self, type_: str, lemmas: list[str]) -> str | None:
        for mode, words in self.mode_classes.get(type_, {}).items():
            if any(lemma in words or any(lemma.endswith(w) for w in words if len(w) > 4) for lemma in lemmas):
                return mode
        return None


@cache
def lexicon(lang: str) -> Lexicon:
    data = langdata.data(lang, "events")
    verbs = langdata.data(lang, "verbs")
    entries = [
        TriggerEntry(
            words=tuple(t["words"]),
            pos=t["pos"],
            type=t["type"],
            mode=t.get("mode"),
            contexts=tuple(t.get("contexts") or ()),
            frame=t["frame"],
            requires=tuple(
                next(iter(r.items())) if isinstance(r, dict) else r for r in (t.get("requires") or ())
            ),
            mode_from=tuple(t.get("mode_from") or ()),
            compound=bool(t.get("compound")),
            except_compounds=tuple(t.get("except_compounds") or ()),
        )
        for t in data["triggers"]
    ]
    return Lexicon(
        entries=entries,
        frames=data["frames"],
        light_verbs=set(data["light_verbs"]),
        light_verb_prepositions=set(data.get("light_verb_prepositions", ())),
        sports_words=set(data.get("sports_words", ())),
        disaster_verbs=set(data.get("disaster_verbs", ())),
        plan_verbs=set(data.get("plan_verbs", ())),
        plan_nouns=set(data.get("plan_nouns", ())),
        purpose_prepositions=set(data.get("purpose_prepositions", ())),
        purpose_done_types=set(data.get("purpose_done_types", ())),
        irregular_forms={form: verb for verb, forms in verbs["forms"].items() for form in forms},
        # longest first: "tilbake" before "til"
        verb_prefixes=tuple(sorted(verbs["prefixes"], key=len, reverse=True)),
        noun_classes={k: set(v) for k, v in data["noun_classes"].items()},
        mode_classes={t: {m: set(w) for m, w in modes.items()} for t, modes in data["mode_classes"].items()},
        place_nouns=set(data["place_nouns"]),
        tagger_alone_min_score=float(data.get("tagger_alone_min_score", 0.0)),
        tagger_override_min_score=float(data.get("tagger_override_min_score", 0.0)),
        noun_endings=tuple(data.get("noun_endings") or ()),
        verb_endings=tuple(data.get("verb_endings") or ()),
    )


COMPOUND_FORM_MIN = 6  # letters of an irregular form that may close a compound verb ("stukket", not "tatt")


def _is_class_requirement(req) -> bool:
    return isinstance(req, tuple) and req[0] in ("object_class", "actor_kinds")


TRIGGER_SOURCES = ("both", "tagger", "lexicon")
TAGGER_SPANS = "triggers"  # the spans key the trigger tagger writes
NOT_AN_EVENT = "OTHER"  # a public act outside PLOVER: seen by the tagger, no event


@dataclass(frozen=True)
class Tagged:
    """A trigger the learned tagger marked: token range, type and the tagger's probability for it."""

    start: int
    end: int
    type: str
    score: float


@dataclass
class TriggerMatch:
    entry: TriggerEntry
    head: Token
    tokens: list[Token]  # the head and its particles
    tagged: Tagged | None = None  # what the tagger said of this word, when it marked it


def tagged_triggers(doc: Doc) -> list[Tagged]:
    """The tagger's spans (it keeps them apart: no overlaps), in text order."""
    if TAGGER_SPANS not in doc.spans:
        return []
    group = doc.spans[TAGGER_SPANS]
    scores = group.attrs.get("scores")
    return sorted(
        (Tagged(span.start, span.end, span.label_, float(scores[k]) if scores is not None else 1.0)
         for k, span in enumerate(group)),
        key=lambda t: (t.start, t.end),
    )


# what a lexicon entry asks of the sense of its word (not of where its roles stand in the sentence): an entry the
# tagger stands in for keeps these ("truer" needs a party doing it, "drept" no disaster, a noun a light verb) and
# drops the rest (a place as subject or object, a complement clause, an actor as object)
SENSE_GUARDS = frozenset({
    "no_disaster", "not_in_speech", "actor_role", "target_actor", "a_party", "actor_subject", "fighting",
    "not_negated", "negated", "not_actor_kinds", "not_target_kinds", "actor_kinds", "object_class", "light_verb",
    "passive", "plural", "compound_only",
})


def _guard_name(req) -> str:
    return req[0] if isinstance(req, tuple) else req


def _tagger_entry(head: Token, tagged: Tagged, syn: Syntax, like: list[TriggerMatch]) -> TriggerEntry:
    """An entry for a tagged trigger: its type, a frame by the word's part of speech (the builder reads the mode off
    the word's lemma class) and the sense guards of the lexicon entries of its type on the word (``like``)."""
    noun = head.pos_ in {"NOUN", "PROPN"} and not syn.is_participle(head)
    guards: list = []
    for req in (r for m in like for r in m.entry.requires if _guard_name(r) in SENSE_GUARDS):
        if req not in guards:
            guards.append(req)
    return TriggerEntry(
        words=(head.lemma_.lower(),), pos="noun" if noun else "verb", type=tagged.type, mode=None,
        contexts=(), frame="noun" if noun else "act_on", requires=tuple(guards),
    )


def _particles(verb: Token, words: tuple[str, ...]) -> list[Token] | None:
    """The tokens for the entry's further words: dependents of the verb, or close after it."""
    found: list[Token] = []
    # particles hang from the verb or its auxiliaries ("tok Taliban over byen"), never from its objects
    chain = [verb, *verb.ancestors][:3]
    pool = [c for v in chain for c in v.children if abs(c.i - verb.i) <= PARTICLE_WINDOW]
    for word in words:
        match = next((t for t in pool if t.lemma_.lower() == word and t not in found and t.i != verb.i), None)
        if match is None:
            return None
        found.append(match)
    return found


def find_triggers(doc: Doc, lex: Lexicon, syn: Syntax, source: str = "both") -> list[list[TriggerMatch]]:
    """For each trigger token, its candidate matches (most specific first), from the tagger and the lexicon."""
    lexical = lexicon_matches(doc, lex, syn)
    if source == "lexicon":
        return list(lexical.values())
    out: dict[int, list[TriggerMatch]] = {}
    covered: set[int] = set()
    for tagged in tagged_triggers(doc):
        span = doc[tagged.start:tagged.end]
        known = [c for i in range(tagged.start, tagged.end) for c in lexical.get(i, [])]
        same = [c for c in known if c.entry.type == tagged.type]
        if source == "both" and (known and not same or lex.excluded_compound(span.root.lemma_.lower())):
            continue  # the two disagree: the lexicon's entry (or its word against the compound), decides
        covered.update(range(tagged.start, tagged.end))
        if tagged.type == NOT_AN_EVENT:
            continue
        head = same[0].head if same else span.root
        # where the two agree, every lexicon entry on the word stays, in its order (a more specific sense of another
        # type wins when its checks pass: "angrep datasystemene" is a cyber operation)
        candidates = [TriggerMatch(c.entry, c.head, c.tokens, tagged if c in same else None) for c in known] \
            if same else []
        # beside the lexicon, the tagger's own entry (sense checks only) needs the tagger to be sure enough: where
        # the lexicon has the word as this type but its checks fail, and where the lexicon lacks it (both tuned)
        needed = lex.tagger_override_min_score if same else lex.tagger_alone_min_score
        if source == "tagger" or tagged.score >= needed:
            candidates.append(TriggerMatch(_tagger_entry(head, tagged, syn, same), head, [head], tagged))
        out[head.i] = candidates
    if source == "both":
        for i, candidates in lexical.items():
            if i not in covered and i not in out:
                out[i] = candidates
    return [out[i] for i in sorted(out)]


def lexicon_matches(doc: Doc, lex: Lexicon, syn: Syntax) -> dict[int, list[TriggerMatch]]:
    """Lexicon candidates by token index."""
    out: dict[int, list[TriggerMatch]] = {}
    for tok in doc:
        lemma = tok.lemma_.lower()
        candidates: list[TriggerMatch] = []
        # past participles tagged as adjectives ("er beleiret") still carry the verb's lemma; present
        # participles ("krevende") are adjectives
        if (tok.pos_ in VERB_POS or tok.tag_ == "verb" or syn.is_verb(tok) or syn.is_participle(tok)
                or lex.misread_verb(tok, syn)):
            lemmas = [lemma]
            inflected = "Past" in tok.morph.get("Tense") or syn.is_participle(tok) or lex.irregular(lemma)
            if not any(e.pos == "verb" for e in lex.by_head.get(lemma, [])):
                if inflected and lemma == tok.lower_:
                    lemmas = lex.stems(lemma, verb=True)  # the lemmatizer left a past form as it was
                elif infinitive := lex.irregular(tok.lower_):
                    lemmas = [infinitive]  # or guessed wrong ("knivstukket" -> "knivstukke")
            for entry in (e for form in lemmas for e in lex.by_head.get(form, [])):
                if entry.pos != "verb":
                    continue
                extra = _particles(tok, entry.words[1:])
                if extra is not None:
                    candidates.append(TriggerMatch(entry, tok, [tok, *extra]))
        elif tok.pos_ in {"NOUN", "PROPN"}:
            candidates = [TriggerMatch(e, tok, [tok]) for e in lex.noun_entries(lemma)]
            if not candidates and lemma == tok.text.lower():
                candidates = [TriggerMatch(e, tok, [tok]) for stem in lex.stems(lemma) for e in lex.noun_entries(stem)]
        if candidates:
            out[tok.i] = candidates
    return out
