"""Reports that point back at the sentence before: "Dette avvises av X.", "Det bekrefter politiet."

A reporting, confirming or denying verb with no clause of its own, whose object or passive subject is a word
standing for a statement (``statement_words`` in ``lang/<code>/anaphora.yaml``: "dette", "det",
"opplysningene"), is about what the previous sentence said: its sources join the events of that sentence and
its verb class sets their status (denied, confirmed; a plain report makes an unattributed event reported). The
verb is then no event of its own ("avvise" would otherwise be a REJECT).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from sitrep import lang as langdata
from sitrep.extract.attribution import Attributor
from sitrep.extract.events import EventMention
from sitrep.extract.merge import refers_back
from sitrep.extract.syntax import Syntax
from sitrep.model import Source, Status

NOMINAL = {"NOUN", "PROPN", "PRON"}


@dataclass
class BackReport:
    verb: Token
    kind: str  # report | confirm | deny
    sources: list[Source]
    negated: bool


def find_back_reports(doc, lang: str, syn: Syntax, attributor: Attributor) -> list[BackReport]:
    words = set(langdata.data(lang, "anaphora").get("statement_words", ()))
    out = []
    for verb in doc:
        lemma = verb.lemma_.lower()
        kind = attributor.data.verb_class.get(lemma)
        if kind not in ("report", "confirm", "deny") or not syn.is_verb(verb):
            continue
        if kind == "report" and lemma in attributor.data.needs_clause:
            continue
        args = [c for v in syn.chain_up(verb) for c in v.children if c.pos_ in NOMINAL or syn.is_(c, "prep_object")]
        statement = [a for a in args if _stands_for_statement(a, words)]
        if not statement or any(syn.is_verb(c) for c in verb.children if syn.is_(c, "object")):
            continue
        if syn.is_passive(verb):
            speakers = syn.pp_objects(verb, "agent")
        else:
            speakers = [a for a in args if a not in statement and a.pos_ in NOMINAL
                        and (syn.is_(a, "subject") or syn.is_(a, "object"))]
        negated = syn.negated(verb)
        if speakers and not (negated and kind != "confirm"):  # "Dette avvises ikke": no status to pass on
            out.append(BackReport(verb, kind, [attributor.source(speakers[0])], negated))
    return out


def _stands_for_statement(tok: Token, words: set[str]) -> bool:
    if tok.lower_ not in words and tok.lemma_.lower() not in words:
        return False
    return tok.pos_ != "NOUN" or tok.morph.get("Definite") == ["Def"]  # "opplysningene", not "en opplysning"


def apply_back_reports(mentions: list[EventMention], reports: list[BackReport]) -> list[EventMention]:
    """Give each back-pointing report to the events of the sentence before it; drop the reports' own events."""
    used = set()
    for report in reports:
        sentence = report.verb.sent
        # a mention that only names an event told before ("hevder at angrepet var rettet mot militære mål") is
        # not what is denied: the claim about it is
        before = [m for m in mentions if m.head.sent.end == sentence.start and not refers_back(m)]
        if not before:
            continue
        used.add(report.verb.i)
        for mention in before:
            _apply(mention, report)
    return [m for m in mentions if m.head.i not in used]


def _apply(mention: EventMention, report: BackReport) -> None:
    event = mention.event
    event.sources = [*event.sources, *report.sources]
    if report.kind == "deny":
        event.status = Status.DENIED
    elif report.kind == "confirm":
        event.status = Status.UNCONFIRMED if report.negated else Status.CONFIRMED
    elif event.status == Status.ASSERTED:
        event.status = Status.REPORTED
