"""One name, one referent per document: a pipeline component that runs after NER.

The NER model sees a few tokens either side of a word and nothing of the rest of the document, so it can tag
"Jens Stoltenberg" as a person and "Stoltenberg" two sentences later as an organisation, or miss it. Two
document-level rules, the language's labels and endings from ``lang/<code>/names.yaml``:

- a surname: a single capitalised word (or its genitive) that ends a multi-word person name in the same document
  is that person, whether the model tagged it otherwise or not at all;
- one sense per name: an exact name the model tagged with different labels takes the label most of its mentions
  got, except between labels that depend on the mention (a country as a place or as an actor);
- a genitive ("Chiles") of a one-word name mentioned in the same document ("Chile") is that name: when the model
  gave it a label of another kind, it takes the name's label.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.language import Language
from spacy.tokens import Doc, Span

from sitrep.lang import data


@Language.factory("sitrep_entity_consistency", default_config={"lang": "nb"})
def make_entity_consistency(nlp: Language, name: str, lang: str):
    names = data(lang, "names")
    return EntityConsistency(names["person_label"], names["genitive_suffixes"], names["mention_dependent_labels"])


class EntityConsistency:
    def __init__(self, person: str, genitive_suffixes: list[str], mention_dependent: list[str]):
        self.person = person
        self.genitive_suffixes = genitive_suffixes
        # labels in one group never overrule each other in the vote
        self.group = {label: mention_dependent[0] for label in mention_dependent}

    def __call__(self, doc: Doc) -> Doc:
        labels = self._one_sense([(e.start, e.end, e.label_) for e in doc.ents], doc)
        labels = self._genitives(labels, doc)
        labels = self._surnames(labels, doc)
        doc.ents = [Span(doc, start, end, label=label) for start, end, label in sorted(labels)]
        return doc

    def _kind(self, label: str) -> str:
        return self.group.get(label, label)

    def _one_sense(self, ents: list[tuple[int, int, str]], doc: Doc) -> list[tuple[int, int, str]]:
        votes: dict[str, Counter] = defaultdict(Counter)
        for start, end, label in ents:
            votes[doc[start:end].text][label] += 1
        out = []
        for start, end, label in ents:
            counts = votes[doc[start:end].text]
            by_kind = Counter()
            for other, n in counts.items():
                by_kind[self._kind(other)] += n
            best_kind, n = by_kind.most_common(1)[0]
            if n > by_kind[self._kind(label)]:  # a strict majority of another kind; a tie keeps the label
                # the most frequent label of that kind (ties: the first tagged)
                label = max((lab for lab in counts if self._kind(lab) == best_kind), key=counts.__getitem__)
            out.append((start, end, label))
        return out

    def _genitives(self, ents: list[tuple[int, int, str]], doc: Doc) -> list[tuple[int, int, str]]:
        named: dict[str, str] = {}
        for start, end, label in ents:
            if end - start == 1:
                named.setdefault(doc[start].text, label)
        out = []
        for start, end, label in ents:
            text = doc[start].text
            for suffix in self.genitive_suffixes if end - start == 1 else ():
                base = named.get(text[: -len(suffix)]) if text.endswith(suffix) else None
                if base and self._kind(base) != self._kind(label):
                    label = base
            out.append((start, end, label))
        return out

    def _surnames(self, ents: list[tuple[int, int, str]], doc: Doc) -> list[tuple[int, int, str]]:
        surnames = {doc[end - 1].text for start, end, label in ents if label == self.person and end - start > 1}
        surnames = {s for s in surnames if s[:1].isupper()}
        forms = surnames | {s + suffix for s in surnames for suffix in self.genitive_suffixes}
        out = [(start, end, self.person if end - start == 1 and doc[start].text in forms else label)
               for start, end, label in ents]
        tagged = {i for start, end, _ in out for i in range(start, end)}
        out += [(tok.i, tok.i + 1, self.person) for tok in doc if tok.text in forms and tok.i not in tagged]
        return out
