"""The extraction pipeline: ``extract_article(article) -> ExtractedArticle``.

read -> NLP (bundled spaCy pipeline) -> referents (actors, places, anaphora) -> event mentions -> merge.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from sitrep import lang as langdata
from sitrep.extract import places as place_resolution
from sitrep.extract.acled import acled_category
from sitrep.extract.actors import resolve_actor
from sitrep.extract.backrefs import apply_back_reports, find_back_reports
from sitrep.extract.events import EventBuilder, EventMention
from sitrep.extract.merge import merge_mentions
from sitrep.extract.referents import Referents
from sitrep.extract.syntax import syntax
from sitrep.extract.time import find_times
from sitrep.extract.triggers import lexicon
from sitrep.model import Actor, Article, Event, ExtractedArticle, Mention, Span, TimeSpan

NO_SPAN = Span("", 0, 0)


def _actor_lookup(lang: str):
    def lookup(text: str, lemma: str | None, label: str | None) -> Actor | None:
        info = resolve_actor(text, lang, lemma=lemma, label=label)
        return None if info is None else info.actor(NO_SPAN)

    return lookup


def _fill_continued_times(mentions: list[EventMention], times: list[TimeSpan]) -> None:
    """"senere ble det meldt ...": a continuation word takes the last closed time stated before it."""
    for mention in mentions:
        word = mention.continued_time
        if word is None or mention.event.time is not None:
            continue
        before = [t for t in times if t.span and t.span.end <= word.start and t.interval.end is not None
                  and (t.interval.days or 99) <= 35]
        if before:
            mention.event.time = replace(before[-1], span=word, anchor="text")


HEADING_MAX_WORDS = 10
SENTENCE_END = (".", "!", "?", ":", "»", '"', "”")


def _headings(text: str) -> list[tuple[int, int]]:
    """Character ranges of heading lines: short lines with no sentence-final punctuation. A heading sums up
    what the paragraphs under it tell: its events join theirs (``merge.merge_mentions``)."""
    out, start = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and len(stripped.split()) <= HEADING_MAX_WORDS and not stripped.endswith(SENTENCE_END):
            out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def _acled(event: Event) -> dict | None:
    actor_country = event.actor.country if event.actor else None
    place_country = event.place.country if event.place else None
    return acled_category(
        event.type, event.mode,
        event.actor.kind if event.actor else None,
        event.target.kind if event.target else None,
        event.contexts,
        sum(int(q.value) for q in event.quantities if q.kind == "killed") or None,
        # a state's forces outside their own country are foreign forces to ACLED
        actor_foreign=bool(actor_country and place_country and actor_country != place_country),
    )


def _entities(doc: Doc, refs: Referents) -> list[Mention]:
    out = []
    for ent in doc.ents:
        tok = ent.root
        canonical = None
        if ent.label_ in refs.syn.place_labels and (place := refs.place(tok)):
            canonical = place.name
        if canonical is None and ent.label_ in refs.syn.actor_labels and (actor := refs.actor(tok)):
            canonical = actor.canonical
        out.append(Mention(Span(ent.text, ent.start_char, ent.end_char), ent.label_, canonical))
    return out


def extract_doc(article: Article, doc: Doc, triggers: str = "both") -> ExtractedArticle:
    """Events of a parsed article; ``triggers`` is ``both`` (tagger and lexicon), ``tagger`` or ``lexicon``."""
    lang = langdata.pack_for(article.language) or article.language
    syn, lex = syntax(lang), lexicon(lang)
    places = place_resolution.PlaceResolver(doc, lang, syn, article.section)
    refs = Referents(doc, syn, lang, _actor_lookup(lang), places.lookup)
    times = find_times(article.text, lang, article.published)
    headings = _headings(article.text)
    builder = EventBuilder(doc, lang, syn, lex, refs, times, triggers)
    mentions = builder.build()
    for mention in mentions:
        mention.in_heading = any(a <= mention.event.trigger.start < b for a, b in headings)
    mentions = apply_back_reports(mentions, find_back_reports(doc, lang, syn, builder.attributor))
    _fill_continued_times(mentions, times)
    events = [m.event for m in merge_mentions(mentions)]
    for event in events:
        event.acled = _acled(event)
    return ExtractedArticle(article, _entities(doc, refs), events)


def extract_article(article: Article, nlp: Language | None = None, triggers: str = "both") -> ExtractedArticle:
    """Events of one article, read with the language pack for its language (``sitrep.lang.pack_for``). Raises
    ``UnsupportedLanguage`` for a language no pack reads."""
    pack = langdata.pack_for(article.language)
    if pack is None:
        raise langdata.UnsupportedLanguage(article.language)
    from sitrep.nlp import load, parse

    return extract_doc(article, parse(nlp or load(pack), article.text), triggers)
