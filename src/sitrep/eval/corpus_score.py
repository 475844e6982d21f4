"""Scoring sitrep over the annotated event corpus: every document extracted afresh and scored by the gold-file rules.

Each document's full annotation becomes a gold file (``corpus.gold_file``): a real event is its mentions linked by
``same_as``, its evidence the sentences it is told in, and a prediction whose trigger lies on a gold trigger is
preferred when several could match. OTHER events are neutral. An extracted event that repeats a matched event
(the same type told in one of its sentences) is a false event, counted as a ``duplicate``. Time is compared by
its words (the corpus has no publication dates).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sitrep.eval.corpus import CorpusDocument, documents, gold_file, read_layer
from sitrep.eval.events import FIELDS, _candidate, _overlaps, _prf, score_events

NONE = "(none)"


@dataclass
class CorpusScores:
    parts: list[str]
    triggers: str
    documents: int = 0
    sentences: int = 0
    overall: dict = field(default_factory=dict)
    per_type: dict = field(default_factory=dict)
    per_status: dict = field(default_factory=dict)  # by gold status: recall, and how often the status was right
    fields: dict = field(default_factory=dict)
    confusion: dict = field(default_factory=dict)  # gold type -> predicted type (on its trigger) -> count
    duplicates: int = 0
    misses: list[dict] = field(default_factory=list)
    false_events: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def _status(gold_event: dict) -> str:
    return str(gold_event.get("status") or "asserted")


def _table(matched: Counter, n_pred: Counter, found: Counter, n_gold: Counter) -> dict:
    return {k: asdict(_prf(matched[k], n_pred[k], found[k], n_gold[k])) for k in sorted(set(n_pred) | set(n_gold))}


def score_corpus(
    corpus: Path, norne: Path, parts: Iterable[str], extract: Callable[[CorpusDocument], dict], triggers: str,
    errors: bool = False, progress: Callable[[CorpusDocument], None] | None = None,
) -> CorpusScores:
    """Extract and score every fully annotated document of ``parts``; ``errors`` lists misses and false events."""
    parts = list(parts)
    out = CorpusScores(parts=parts, triggers=triggers)
    tp = Counter()
    n_pred = n_gold = 0
    type_m, type_p, type_f, type_g = Counter(), Counter(), Counter(), Counter()
    stat_f, stat_g, stat_right = Counter(), Counter(), Counter()
    right, scored = Counter(), Counter()
    confusion: dict[str, Counter] = {}
    for document in documents(corpus, norne, parts):
        lines = read_layer(corpus, "full", document)
        if lines is None:
            continue
        out.documents += 1
        out.sentences += len(lines)
        gold = gold_file(document, lines)
        predicted = extract(document)
        scores = score_events(gold, predicted)
        preds = predicted.get("events") or []
        gold_events = gold["events"]
        tp["matched"] += scores.all.matched
        n_pred += scores.all.n_pred
        n_gold += scores.all.n_gold
        matched_gold = {}
        for result, g in zip(scores.gold_events, gold_events, strict=True):
            kind, status = g["type"], _status(g)
            type_g[kind] += 1
            stat_g[status] += 1
            if result.matched is not None:
                matched_gold[result.matched] = g
                type_f[kind] += 1
                stat_f[status] += 1
                stat_right[status] += bool(result.fields["status"].right)
                for name, fr in result.fields.items():
                    if fr.right is not None:
                        scored[name] += 1
                        right[name] += bool(fr.right)
            on_trigger = [p for p in preds if _overlaps(p.get("trigger") or {}, g["triggers"])
                          and str(p.get("type")) != "OTHER"]
            row = confusion.setdefault(kind, Counter())
            row[str(on_trigger[0]["type"]) if on_trigger else NONE] += 1
            if result.matched is None and errors:
                out.misses.append({"doc": document.id, "type": kind, "mode": g.get("mode"), "status": status,
                                   "trigger": [document.text[a:b] for a, b in g["triggers"]],
                                   "sentence": g["evidence"][0], "why": result.reason})
        for p in scores.predictions:
            if p.outcome not in ("matched", "false_positive"):
                continue
            pred = preds[p.index]
            type_p[p.type] += 1
            if p.outcome == "matched":
                type_m[p.type] += 1
                continue
            duplicate = any(_candidate(g, pred) is not None for g in matched_gold.values())
            out.duplicates += duplicate
            if not any(_overlaps(pred.get("trigger") or {}, g["triggers"]) for g in gold_events):
                confusion.setdefault(NONE, Counter())[p.type] += 1
            if errors:
                out.false_events.append({"doc": document.id, "type": p.type, "status": pred.get("status"),
                                         "trigger": p.trigger, "sentence": p.sentence, "duplicate": duplicate})
        if progress is not None:
            progress(document)
    out.overall = asdict(_prf(tp["matched"], n_pred, tp["matched"], n_gold))
    out.per_type = _table(type_m, type_p, type_f, type_g)
    out.per_status = {
        k: {"gold": stat_g[k], "found": stat_f[k], "recall": stat_f[k] / stat_g[k], "status_right": stat_right[k],
            "status_accuracy": stat_right[k] / stat_f[k] if stat_f[k] else 0.0}
        for k in sorted(stat_g)
    }
    out.fields = {f: {"right": right[f], "scored": scored[f], "accuracy": right[f] / scored[f] if scored[f] else 0.0}
                  for f in FIELDS}
    out.confusion = {k: dict(v) for k, v in sorted(confusion.items())}
    return out
