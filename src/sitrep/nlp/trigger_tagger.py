"""The learned trigger tagger: marks event triggers with their PLOVER type, from counts learned on annotated news.

Its model is a table learned from the trigger annotation of the event corpus (``python -m
sitrep.nlp.training.triggers``): for each lemma, how often it occurred in the annotated sentences, how often it
was a trigger, and of which type. A token is tagged when its lemma — or, for an unseen compound, its longest known
head of at least ``min_head`` letters ("terrorangrep" -> "angrep") — was a trigger in at least ``threshold`` of its
occurrences, seen at least ``min_count`` times. The tag is the lemma's most frequent type; OTHER (a public act
outside PLOVER) is kept so extraction knows the word was seen as no PLOVER event. The spans go to
``doc.spans["triggers"]``, each with its rate in ``attrs["scores"]``.
"""

from __future__ import annotations

import json
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup
from spacy.util import ensure_path

SPANS_KEY = "triggers"
TAGGED_POS = {"NOUN", "VERB", "ADJ", "PROPN"}  # content words (participles are often ADJ)


@Language.factory(
    "sitrep_trigger_tagger", default_config={"threshold": 0.3, "min_count": 1, "min_head": 4}
)
def make_trigger_tagger(nlp: Language, name: str, threshold: float, min_count: int, min_head: int):
    return TriggerTagger(threshold, min_count, min_head)


class TriggerTagger:
    def __init__(self, threshold: float, min_count: int, min_head: int):
        self.threshold, self.min_count, self.min_head = threshold, min_count, min_head
        self.table: dict[str, tuple[str, int, int]] = {}  # lemma -> (most frequent type, as trigger, seen)

    def learn(self, sentences) -> None:
        """``sentences``: lists of (lemma, type or None) per token."""
        seen: dict[str, int] = {}
        types: dict[str, dict[str, int]] = {}
        for tokens in sentences:
            for lemma, kind in tokens:
                seen[lemma] = seen.get(lemma, 0) + 1
                if kind:
                    by_type = types.setdefault(lemma, {})
                    by_type[kind] = by_type.get(kind, 0) + 1
        self.table = {
            lemma: (max(sorted(by_type), key=by_type.get), sum(by_type.values()), seen[lemma])
            for lemma, by_type in sorted(types.items())
        }

    def lookup(self, lemma: str) -> tuple[str, float] | None:
        """(type, rate) for a lemma or its longest known compound head; None when it is no trigger often enough."""
        entry = self.table.get(lemma)
        if entry is None:
            for start in range(1, len(lemma) - self.min_head + 1):
                entry = self.table.get(lemma[start:])
                if entry is not None:
                    break
        if entry is None:
            return None
        kind, triggers, seen = entry
        rate = triggers / seen
        return (kind, rate) if rate >= self.threshold and seen >= self.min_count else None

    def __call__(self, doc: Doc) -> Doc:
        spans, scores = [], []
        for tok in doc:
            if tok.pos_ not in TAGGED_POS:
                continue
            found = self.lookup(tok.lemma_.lower())
            if found is not None:
                spans.append(Span(doc, tok.i, tok.i + 1, label=found[0]))
                scores.append(found[1])
        doc.spans[SPANS_KEY] = SpanGroup(doc, name=SPANS_KEY, spans=spans, attrs={"scores": scores})
        return doc

    def to_disk(self, path, exclude=()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        rows = {lemma: list(entry) for lemma, entry in self.table.items()}
        (path / "table.json").write_text(json.dumps(rows, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")

    def from_disk(self, path, exclude=()) -> TriggerTagger:
        rows = json.loads((Path(path) / "table.json").read_text(encoding="utf-8"))
        self.table = {lemma: (kind, int(n), int(seen)) for lemma, (kind, n, seen) in rows.items()}
        return self
