"""The learned trigger tagger: marks event triggers with their PLOVER type, by a classifier over each word's parse.

Every content word is classified by a multinomial logistic regression (trained by ``python -m
sitrep.nlp.training.triggers`` on the trigger annotation of the event corpus) into no trigger ("O"), a PLOVER
type, or OTHER (a public act outside PLOVER, kept so extraction knows the word was seen as no PLOVER event). Its
features are what the parse says of the word: lemma, part of speech, dependency label, the last letters of the
lemma (a compound's head: "terrorangrep" ends in "angrep"), morphology, its head, the labels of its dependents
and its neighbours. A word is tagged when its most probable type reaches ``threshold``; the spans go to
``doc.spans["triggers"]``, their probabilities to ``attrs["scores"]``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup, Token
from spacy.util import ensure_path

SPANS_KEY = "triggers"
NO_TRIGGER = "O"
TAGGED_POS = frozenset({"NOUN", "VERB", "ADJ", "PROPN"})  # content words (participles are often ADJ)
SUFFIXES = (3, 4, 5, 6, 7)  # compound heads
MORPH = ("VerbForm", "Tense", "Voice", "Mood", "Definite", "Number")


def token_features(tok: Token) -> list[str]:
    """The names of the features a word has (the classifier's input), from its parse."""
    lemma, pos = tok.lemma_.lower(), tok.pos_
    head = tok.head
    feats = [f"l={lemma}", f"p={pos}", f"lp={lemma}|{pos}", f"d={tok.dep_}", f"pd={pos}|{tok.dep_}",
             f"h={head.lemma_.lower() if head is not tok else '<root>'}", f"hp={head.pos_ if head is not tok else '-'}",
             f"ld={lemma}|{tok.dep_}"]
    feats += [f"s{n}={lemma[-n:]}" for n in SUFFIXES if len(lemma) > n + 2]
    feats += [f"m={key}={value}" for key in MORPH for value in tok.morph.get(key)]
    if tok.is_title and tok.i > tok.sent.start:
        feats.append("title")
    feats += [f"c={child.dep_}" for child in tok.children]
    doc = tok.doc
    feats.append(f"w-1={doc[tok.i - 1].lemma_.lower() if tok.i > tok.sent.start else '<s>'}")
    feats.append(f"w+1={doc[tok.i + 1].lemma_.lower() if tok.i + 1 < tok.sent.end else '</s>'}")
    if tok.sent.start == tok.i:
        feats.append("first")
    return feats


@Language.factory("sitrep_trigger_tagger", default_config={"threshold": 0.5})
def make_trigger_tagger(nlp: Language, name: str, threshold: float):
    return TriggerTagger(threshold)


class TriggerTagger:
    def __init__(self, threshold: float):
        self.threshold = threshold
        self.labels: list[str] = [NO_TRIGGER]
        self.features: dict[str, int] = {}  # feature name -> row of ``weights``
        self.weights = np.zeros((0, 1), dtype=np.float32)  # features x labels
        self.bias = np.zeros(1, dtype=np.float32)

    def set_model(self, labels: list[str], features: list[str], weights, bias) -> None:
        self.labels = list(labels)
        self.features = {name: row for row, name in enumerate(features)}
        self.weights = np.asarray(weights, dtype=np.float32).reshape(len(features), len(labels))
        self.bias = np.asarray(bias, dtype=np.float32)

    def probabilities(self, feats: Iterable[str]) -> np.ndarray:
        rows = [self.features[f] for f in feats if f in self.features]
        logits = self.bias + self.weights[rows].sum(axis=0) if rows else self.bias.copy()
        logits = np.exp(logits - logits.max())
        return logits / logits.sum()

    def predict(self, tok: Token) -> tuple[str, float] | None:
        """(type, probability) of the word's most probable type when it reaches the threshold, else None."""
        probs = self.probabilities(token_features(tok))
        best = max((k for k, label in enumerate(self.labels) if label != NO_TRIGGER), key=lambda k: probs[k],
                   default=None)
        if best is None or probs[best] < self.threshold:
            return None
        return self.labels[best], float(probs[best])

    def __call__(self, doc: Doc) -> Doc:
        spans, scores = [], []
        for tok in doc:
            if tok.pos_ in TAGGED_POS and (found := self.predict(tok)) is not None:
                spans.append(Span(doc, tok.i, tok.i + 1, label=found[0]))
                scores.append(found[1])
        doc.spans[SPANS_KEY] = SpanGroup(doc, name=SPANS_KEY, spans=spans, attrs={"scores": scores})
        return doc

    def to_disk(self, path, exclude=()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        names = sorted(self.features, key=self.features.get)
        (path / "model.json").write_text(
            json.dumps({"labels": self.labels, "features": names}, ensure_ascii=False), encoding="utf-8")
        np.save(path / "weights.npy", self.weights.astype(np.float16))  # half the size; scores change < 0.001
        np.save(path / "bias.npy", self.bias)

    def from_disk(self, path, exclude=()) -> TriggerTagger:
        path = Path(path)
        meta = json.loads((path / "model.json").read_text(encoding="utf-8"))
        self.set_model(meta["labels"], meta["features"], np.load(path / "weights.npy"), np.load(path / "bias.npy"))
        return self
