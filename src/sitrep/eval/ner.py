"""Entity-level NER scores on a NorNE-format CoNLL-U file.

The raw text is rebuilt from the file (``SpaceAfter=No`` kept) in the groups the training data uses (consecutive
sentences of one source, cut at paragraph breaks or after ``max_sents``; see ``norne.group_sentences``), the
pipeline runs over that text with ``nlp.pipe``, and predicted entities count as right only when their character
span and label both equal a gold entity's (exact match, CoNLL style).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sitrep.nlp.training.norne import Sentence, entity_spans, group_sentences, read_conllu

if TYPE_CHECKING:
    from spacy.language import Language

EntityKey = tuple[int, int, int, str]  # (document index, start char, end char, label)


@dataclass
class NerScores:
    precision: float
    recall: float
    f1: float
    per_label: dict[str, dict[str, float]] = field(
        default_factory=dict
    )  # label -> precision/recall/f1/support
    n_gold: int = 0
    n_pred: int = 0
    n_correct: int = 0
    n_docs: int = 0
    n_sentences: int = 0

    def to_dict(self) -> dict:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "per_label": self.per_label,
            "n_gold": self.n_gold,
            "n_pred": self.n_pred,
            "n_correct": self.n_correct,
            "n_docs": self.n_docs,
            "n_sentences": self.n_sentences,
        }


def prf(correct: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (0.0 where undefined)."""
    precision = correct / n_pred if n_pred else 0.0
    recall = correct / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def group_text(group: list[Sentence]) -> tuple[str, list[tuple[int, int, str]]]:
    """The raw text of consecutive sentences and their gold entities as (start char, end char, label).

    Spacing as in ``norne.sentences_to_doc``: a space after each token unless ``SpaceAfter=No``, always one
    between sentences, none at the end.
    """
    parts: list[str] = []
    ents: list[tuple[int, int, str]] = []
    offset = 0
    for s_index, sentence in enumerate(group):
        toks = sentence.tokens
        starts: list[int] = []
        ends: list[int] = []
        for i, tok in enumerate(toks):
            starts.append(offset)
            parts.append(tok.form)
            offset += len(tok.form)
            ends.append(offset)
            last = s_index == len(group) - 1 and i == len(toks) - 1
            if not last and (tok.space_after or i == len(toks) - 1):
                parts.append(" ")
                offset += 1
        ents.extend((starts[s], ends[e - 1], label) for s, e, label in entity_spans(toks))
    return "".join(parts), ents


def gold_documents(path: Path, max_sents: int = 10) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """(text, gold entities) for each group of sentences in a NorNE CoNLL-U file."""
    return [group_text(group) for group in group_sentences(read_conllu(Path(path)), max_sents)]


def score_spans(gold: Iterable[EntityKey], pred: Iterable[EntityKey]) -> NerScores:
    """Exact-match scores of predicted entity keys against gold ones."""
    gold_set, pred_set = set(gold), set(pred)
    correct = gold_set & pred_set
    p, r, f = prf(len(correct), len(pred_set), len(gold_set))
    gold_by = Counter(k[3] for k in gold_set)
    pred_by = Counter(k[3] for k in pred_set)
    correct_by = Counter(k[3] for k in correct)
    per_label: dict[str, dict[str, float]] = {}
    for label in sorted(set(gold_by) | set(pred_by)):
        lp, lr, lf = prf(correct_by[label], pred_by[label], gold_by[label])
        per_label[label] = {"precision": lp, "recall": lr, "f1": lf, "support": gold_by[label]}
    return NerScores(
        precision=p,
        recall=r,
        f1=f,
        per_label=per_label,
        n_gold=len(gold_set),
        n_pred=len(pred_set),
        n_correct=len(correct),
    )


def score_ner(path: str | Path, nlp: Language, max_sents: int = 10, batch_size: int = 32) -> NerScores:
    """Entity-level exact-match precision/recall/F1, overall and per label, of ``nlp`` on a CoNLL-U file."""
    path = Path(path)
    groups = list(group_sentences(read_conllu(path), max_sents))
    documents = [group_text(group) for group in groups]
    gold: list[EntityKey] = []
    pred: list[EntityKey] = []
    for index, (text, ents) in enumerate(documents):
        gold.extend((index, start, end, label) for start, end, label in ents)
    texts = (text for text, _ in documents)
    for index, doc in enumerate(nlp.pipe(texts, batch_size=batch_size)):
        pred.extend((index, ent.start_char, ent.end_char, ent.label_) for ent in doc.ents)
    scores = score_spans(gold, pred)
    scores.n_docs = len(documents)
    scores.n_sentences = sum(len(group) for group in groups)
    return scores
