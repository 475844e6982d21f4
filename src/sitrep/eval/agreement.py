"""Agreement between two independent full annotations of the same sentences (``full/`` and ``second/``).

Mentions are paired one-to-one within a sentence by overlapping triggers (longest overlap first). Reported, as
ACE/ERE corpora report theirs: event (trigger) F1 between the annotators — with OTHER and without it —, and over
paired mentions the share with the same type, the same mode, the same status, the same flags and overlapping
actor, target and place spans.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from sitrep.eval.corpus import documents, read_layer


@dataclass
class Agreement:
    documents: int = 0
    sentences: int = 0
    first: int = 0  # mentions of the first annotation (without OTHER)
    second: int = 0
    paired: int = 0
    event_f1: float = 0.0
    event_f1_with_other: float = 0.0
    same: dict[str, dict[str, int | float]] = field(default_factory=dict)  # field -> agree, compared, rate
    disagreements: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def _overlap(a: list[int] | None, b: list[int] | None) -> int:
    if not a or not b:
        return 0
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def pair(first: list[dict], second: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs of mentions whose triggers overlap, the longest overlaps first."""
    candidates = sorted(
        ((_overlap(a["trigger"], b["trigger"]), i, j) for i, a in enumerate(first) for j, b in enumerate(second)),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    used_i: set[int] = set()
    used_j: set[int] = set()
    pairs = []
    for size, i, j in candidates:
        if size and i not in used_i and j not in used_j:
            pairs.append((i, j))
            used_i.add(i)
            used_j.add(j)
    return sorted(pairs)


def _span_agrees(a: dict, b: dict, name: str) -> bool:
    if not a.get(name) and not b.get(name):
        return True
    return _overlap(a.get(name), b.get(name)) > 0


COMPARED = ("type", "mode", "status", "flags", "actor", "target", "place")


def _same(a: dict, b: dict, name: str) -> bool:
    if name == "flags":
        return (a.get("negated"), a.get("hypothetical")) == (b.get("negated"), b.get("hypothetical"))
    if name in ("type", "mode", "status"):
        return (a.get(name) or None) == (b.get(name) or None)
    return _span_agrees(a, b, name)


def agreement(corpus: Path, norne: Path) -> Agreement:
    out = Agreement()
    agree = dict.fromkeys(COMPARED, 0)
    compared = dict.fromkeys(COMPARED, 0)
    with_other = [0, 0, 0]  # first, second, paired
    for document in documents(corpus, norne):
        second = read_layer(corpus, "second", document)
        first = read_layer(corpus, "full", document)
        if second is None or first is None:
            continue
        out.documents += 1
        by_sid = {line["sent_id"]: line["events"] for line in first}
        for line in second:
            if line["sent_id"] not in by_sid:
                continue
            out.sentences += 1
            a_all, b_all = by_sid[line["sent_id"]], line["events"]
            text = document.sentence(line["sent_id"]).text
            pairs = pair(a_all, b_all)
            with_other[0] += len(a_all)
            with_other[1] += len(b_all)
            with_other[2] += len(pairs)
            a_events = [e for e in a_all if e["type"] != "OTHER"]
            b_events = [e for e in b_all if e["type"] != "OTHER"]
            out.first += len(a_events)
            out.second += len(b_events)
            out.paired += len(pair(a_events, b_events))
            for i, j in pairs:
                a, b = a_all[i], b_all[j]
                for name in COMPARED:
                    compared[name] += 1
                    ok = _same(a, b, name)
                    agree[name] += ok
                    if not ok and name in ("type", "status"):
                        out.disagreements.append({"sent_id": line["sent_id"], "field": name,
                                                  "trigger": text[a["trigger"][0]:a["trigger"][1]],
                                                  "first": a.get(name), "second": b.get(name)})
            paired_i = {i for i, _ in pairs}
            paired_j = {j for _, j in pairs}
            for who, events, paired in (("first", a_all, paired_i), ("second", b_all, paired_j)):
                for k, e in enumerate(events):
                    if k not in paired:
                        out.disagreements.append({"sent_id": line["sent_id"], "field": f"only {who}",
                                                  "trigger": text[e["trigger"][0]:e["trigger"][1]],
                                                  "first": e["type"] if who == "first" else None,
                                                  "second": e["type"] if who == "second" else None})
    n = out.first + out.second
    out.event_f1 = 2 * out.paired / n if n else 0.0
    m = with_other[0] + with_other[1]
    out.event_f1_with_other = 2 * with_other[2] / m if m else 0.0
    out.same = {k: {"agree": agree[k], "compared": compared[k], "rate": agree[k] / compared[k] if compared[k] else 0.0}
                for k in COMPARED}
    return out
