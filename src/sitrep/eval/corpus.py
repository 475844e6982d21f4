"""The annotated event corpus: whole NorNE newspaper documents with events, kept by sentence id and text hash.

The NDT texts may not be republished on their own, so the corpus (``corpus/events-nb/``) holds only sentence
ids, a hash of each sentence's text and character offsets; the texts are read back from the NorNE files given
on the command line. Layout (see ``docs/annotation.md`` for what is annotated):

- ``documents.jsonl``: one line per document: ``doc``, ``split`` (NorNE dev or train), ``part`` (``tune``,
  ``test``: fully annotated; ``triggers``: trigger annotation only) and its ``sentences`` (sent ids, in order);
- ``full/DOC.jsonl``, ``second/DOC.jsonl`` (an independent second annotation), ``triggers/DOC.jsonl``: one line
  per sentence: ``sent_id``, ``sha`` and ``events`` whose spans are ``[start, end]`` offsets into the sentence.

Annotators write spans as the words themselves (``"to menn"``, or ``"han#2"`` for the second occurrence);
``import_annotation`` checks them against the sentence and turns them into offsets.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.ontology import MODES, STATUSES, TYPES

NEWS_COLLECTIONS = ("ap", "bt", "db", "st", "vg")  # Aftenposten, Bergens Tidende, Dagbladet, Stavanger Aftenblad, VG
SPLIT_FILES = {"train": "no_bokmaal-ndt-train.conllu", "dev": "no_bokmaal-ndt-dev.conllu"}
FULL_PARTS = ("tune", "test")
SPAN_FIELDS = ("actor", "target", "place", "time", "source")
NAME_FIELDS = ("actor_name", "target_name")


class CorpusError(ValueError):
    """A corpus file or an annotation that does not fit the NorNE texts or the guidelines."""


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


# ---- documents ----------------------------------------------------------------------------------------------


@dataclass
class CorpusSentence:
    sent_id: str
    text: str
    offset: int  # where the sentence starts in the document text


@dataclass
class CorpusDocument:
    id: str
    split: str
    part: str
    sentences: list[CorpusSentence]
    text: str

    def sentence(self, sent_id: str) -> CorpusSentence:
        for sentence in self.sentences:
            if sentence.sent_id == sent_id:
                return sentence
        raise KeyError(sent_id)


def norne_sentences(norne_dir: Path) -> dict[str, dict[str, Any]]:
    """Every NorNE sentence by sent id: its split and the parsed sentence."""
    from sitrep.nlp.training.norne import read_conllu

    out: dict[str, dict[str, Any]] = {}
    for split, name in SPLIT_FILES.items():
        path = Path(norne_dir) / name
        if not path.exists():
            raise CorpusError(f"{path}: NorNE file not found (give the folder that holds {name})")
        for sentence in read_conllu(path):
            out[sentence.sent_id] = {"split": split, "sentence": sentence}
    return out


def plan_documents(norne_dir: Path, min_full: int = 66, min_full_sentences: int = 880,
                   min_trigger_sentences: int = 12000, min_test_sentences: int = 450) -> list[dict]:
    """Choose the corpus documents, deterministically, from whole newspaper documents of NorNE.

    Fully annotated: every newspaper document of 4–25 sentences of the dev split, then train documents of that size
    in hash order until there are ``min_full`` documents and ``min_full_sentences`` sentences; a third of them is
    the test part (dev documents first, by hash), and dev documents of 26–70 sentences join it (by hash) until it
    has ``min_test_sentences``. Trigger annotation: the other train newspaper documents in hash order.
    """
    from sitrep.nlp.training.norne import read_conllu, split_documents

    def news(split: str):
        docs = split_documents(read_conllu(Path(norne_dir) / SPLIT_FILES[split]))
        return [d for d in docs if d.collection.startswith(NEWS_COLLECTIONS)]

    by_hash = lambda d: hashlib.sha1(d.id.encode()).hexdigest()
    fits = lambda d: 4 <= len(d.sentences) <= 25
    full = [("dev", d) for d in news("dev") if fits(d)]
    train = sorted(news("train"), key=by_hash)
    rest = []
    for doc in train:
        enough = len(full) >= min_full and sum(len(d.sentences) for _, d in full) >= min_full_sentences
        if fits(doc) and not enough:
            full.append(("train", doc))
        else:
            rest.append(doc)
    # the test part from the dev split first: the bundled model was trained on the train split, so its parses of
    # train documents are better than of news it has never seen
    ranked = sorted(full, key=lambda sd: (sd[0] != "dev", by_hash(sd[1])))
    test = {(split, d.id) for split, d in ranked[: len(ranked) // 3]}
    # short documents are mostly soft news: longer dev documents join the test part until it is large enough
    longer = sorted((d for d in news("dev") if 25 < len(d.sentences) <= 70), key=by_hash)
    for doc in longer:
        if sum(len(d.sentences) for split, d in full if (split, d.id) in test) >= min_test_sentences:
            break
        full.append(("dev", doc))
        test.add(("dev", doc.id))
    # a collection's files are spread over both splits, so a document is named with its split
    plan = [
        {"doc": f"{split}-{d.id}", "split": split, "part": "test" if (split, d.id) in test else "tune",
         "sentences": [s.sent_id for s in d.sentences]}
        for split, d in full
    ]
    count = 0
    for doc in rest:
        if count >= min_trigger_sentences:
            break
        plan.append({"doc": f"train-{doc.id}", "split": "train", "part": "triggers", "sentences": [s.sent_id for s in doc.sentences]})
        count += len(doc.sentences)
    return plan


def read_manifest(corpus_dir: Path) -> list[dict]:
    path = Path(corpus_dir) / "documents.jsonl"
    if not path.exists():
        raise CorpusError(f"{path}: no corpus manifest here (is {corpus_dir} a sitrep event corpus?)")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def build_document(entry: dict, sentences: dict[str, dict[str, Any]]) -> CorpusDocument:
    """The document's text from NorNE, laid out as the article it was (headings on lines of their own)."""
    from sitrep.nlp.training.norne import Document, document_text

    try:
        parsed = [sentences[sid]["sentence"] for sid in entry["sentences"]]
    except KeyError as err:
        raise CorpusError(f"document {entry['doc']}: sentence {err} is not in the NorNE files given") from None
    text, offsets = document_text(Document(entry["doc"], parsed))
    return CorpusDocument(
        entry["doc"], entry["split"], entry["part"],
        [CorpusSentence(s.sent_id, s.text, o) for s, o in zip(parsed, offsets, strict=True)], text,
    )


def documents(corpus_dir: Path, norne_dir: Path, parts: Iterable[str] | None = None,
              sentences: dict[str, dict[str, Any]] | None = None) -> Iterator[CorpusDocument]:
    """The corpus documents of ``parts`` (all when None); ``sentences``: NorNE already read (``norne_sentences``)."""
    wanted = set(parts) if parts else None
    sentences = sentences or norne_sentences(norne_dir)
    for entry in read_manifest(corpus_dir):
        if wanted is None or entry["part"] in wanted:
            yield build_document(entry, sentences)


# ---- annotations --------------------------------------------------------------------------------------------


def resolve_span(words: str, sentence: str, where: str) -> list[int]:
    """``"to menn"`` or ``"han#2"`` (second occurrence) -> [start, end] in the sentence."""
    nth = 1
    base, sep, tail = words.rpartition("#")
    if sep and tail.isdigit() and base:
        words, nth = base, int(tail)
    start = -1
    for _ in range(nth):
        start = sentence.find(words, start + 1)
        if start < 0:
            break
    if start < 0 or not words.strip():
        raise CorpusError(f"{where}: {words!r} (occurrence {nth}) is not in the sentence {sentence!r}")
    return [start, start + len(words)]


def _check_type(event: dict, where: str) -> None:
    kind = event.get("type")
    if kind not in TYPES:
        raise CorpusError(f"{where}: type {kind!r} is not one of {', '.join(TYPES)}")
    mode = event.get("mode") or None
    if mode and mode not in MODES.get(kind, ()):
        allowed = ", ".join(MODES.get(kind, ())) or "none"
        raise CorpusError(f"{where}: mode {mode!r} is not a mode of {kind} (modes: {allowed})")
    for flag in ("negated", "hypothetical"):
        if not isinstance(event.get(flag, False), bool):
            raise CorpusError(f"{where}: {flag} must be true or false")


def convert_event(event: dict, sentence: str, where: str, full: bool) -> dict:
    """An annotator's event (words) -> the corpus form (offsets), checked against the guidelines."""
    _check_type(event, where)
    if not isinstance(event.get("trigger"), str):
        raise CorpusError(f"{where}: every event needs its trigger words")
    out: dict[str, Any] = {
        "trigger": resolve_span(event["trigger"], sentence, f"{where} trigger"),
        "type": event["type"], "mode": event.get("mode") or None,
        "negated": bool(event.get("negated", False)), "hypothetical": bool(event.get("hypothetical", False)),
    }
    if not full:
        return out
    if not event.get("id"):
        raise CorpusError(f"{where}: a fully annotated event needs an id")
    out["id"] = str(event["id"])
    for name in SPAN_FIELDS:
        value = event.get(name)
        out[name] = resolve_span(value, sentence, f"{where} {name}") if value else None
    for name in NAME_FIELDS:
        out[name] = event.get(name) or None
    status = event.get("status") or "asserted"
    if status not in STATUSES:
        raise CorpusError(f"{where}: status {status!r} is not one of {', '.join(STATUSES)}")
    out["status"] = status
    out["same_as"] = event.get("same_as") or None
    return out


def import_annotation(lines: Iterable[dict], sentences: dict[str, dict[str, Any]], full: bool,
                      source: str) -> dict[str, dict]:
    """An annotator's file -> corpus lines by sent id; raises CorpusError naming the first problem."""
    out: dict[str, dict] = {}
    for n, line in enumerate(lines, 1):
        sid = str(line.get("sent_id", ""))
        where = f"{source}:{n} (sent {sid})"
        if sid not in sentences:
            raise CorpusError(f"{where}: no NorNE sentence has this id")
        text = sentences[sid]["sentence"].text
        events = [convert_event(ev, text, f"{where} event {i + 1}", full) for i, ev in enumerate(line.get("events") or [])]
        out[sid] = {"sent_id": sid, "sha": text_hash(text), "events": events}
    return out


def check_same_as(doc_lines: list[dict], doc_id: str) -> None:
    seen: set[str] = set()
    for line in doc_lines:
        for event in line["events"]:
            target = event.get("same_as")
            if target and target not in seen:
                raise CorpusError(f"document {doc_id}: same_as {target!r} names no earlier event (sent {line['sent_id']})")
            if event["id"] in seen:
                raise CorpusError(f"document {doc_id}: event id {event['id']!r} is used twice")
            seen.add(event["id"])


def read_layer(corpus_dir: Path, layer: str, document: CorpusDocument) -> list[dict] | None:
    """A document's annotation lines of one layer (``full``, ``second``, ``triggers``), checked against NorNE."""
    path = Path(corpus_dir) / layer / f"{document.id}.jsonl"
    if not path.exists():
        return None
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = {s.sent_id: s.text for s in document.sentences}
    for line in lines:
        sid = line["sent_id"]
        if sid not in texts:
            raise CorpusError(f"{path}: sentence {sid} is not part of document {document.id}")
        if text_hash(texts[sid]) != line["sha"]:
            raise CorpusError(f"{path}: sentence {sid} differs from the NorNE text the annotation was made on")
    return lines


# ---- gold for the scorer ------------------------------------------------------------------------------------


@dataclass
class GoldMention:
    id: str
    sentence: CorpusSentence
    event: dict

    def span(self, name: str) -> tuple[int, int] | None:
        value = self.event.get(name)
        return None if not value else (self.sentence.offset + value[0], self.sentence.offset + value[1])

    def words(self, name: str) -> str | None:
        value = self.event.get(name)
        return None if not value else self.sentence.text[value[0]:value[1]]


@dataclass
class GoldEvent:
    """One real event: its first mention and the mentions linked to it by ``same_as``."""

    mentions: list[GoldMention] = field(default_factory=list)

    def status(self) -> tuple[str, list[str]]:
        first = self.mentions[0].event
        status = first.get("status") or "asserted"
        also = []
        if first.get("negated"):
            also.append("denied")
        if first.get("hypothetical"):
            also += ["predicted", "conditional"]
        return status, [s for s in also if s != status]

    def to_gold(self) -> dict:
        """The event in the gold-file form of ``examples/README.md`` (evidence: the sentences it is told in)."""
        first = self.mentions[0]

        def value(name: str) -> tuple[str | None, list[str]]:
            words = next((m.words(name) for m in self.mentions if m.event.get(name)), None)
            named = next((m.event.get(f"{name}_name") for m in self.mentions if m.event.get(f"{name}_name")), None)
            if words is None:
                return named, []
            return words, [named] if named else []

        actor, actor_also = value("actor")
        target, target_also = value("target")
        status, status_also = self.status()
        time_words = next((m.words("time") for m in self.mentions if m.event.get("time")), None)
        sources = [m.words("source") for m in self.mentions if m.event.get("source")]
        return {
            "id": first.id, "type": first.event["type"], "mode": first.event.get("mode"),
            "actor": actor, "actor_also_accepted": actor_also, "target": target, "target_also_accepted": target_also,
            "place": next((m.words("place") for m in self.mentions if m.event.get("place")), None),
            "time": {"text": time_words, "rule": "text"} if time_words else None,
            "status": status, "status_also_accepted": status_also, "sources": sources,
            "evidence": list(dict.fromkeys(m.sentence.text for m in self.mentions)),
            "triggers": [list(m.span("trigger")) for m in self.mentions],
            "negated": bool(first.event.get("negated")), "hypothetical": bool(first.event.get("hypothetical")),
        }


def gold_events(document: CorpusDocument, lines: list[dict]) -> list[GoldEvent]:
    """Mentions grouped into real events by ``same_as`` (a chain of links is one event)."""
    by_id: dict[str, GoldEvent] = {}
    events: list[GoldEvent] = []
    for line in lines:
        sentence = document.sentence(line["sent_id"])
        for event in line["events"]:
            mention = GoldMention(f"{document.id}:{event['id']}", sentence, event)
            linked = by_id.get(event.get("same_as") or "")
            if linked is None:
                linked = GoldEvent()
                events.append(linked)
            linked.mentions.append(mention)
            by_id[event["id"]] = linked
    return events


def gold_file(document: CorpusDocument, lines: list[dict]) -> dict:
    """A gold dict for ``sitrep.eval.events.score_events``: OTHER events are neutral, not scored."""
    events = gold_events(document, lines)
    scored = [e.to_gold() for e in events if e.mentions[0].event["type"] != "OTHER"]
    neutral = [
        {"types": [t for t in TYPES if t != "OTHER"], "evidence": e.mentions[0].sentence.text,
         "trigger": list(e.mentions[0].span("trigger")), "why": "an OTHER event"}
        for e in events if e.mentions[0].event["type"] == "OTHER"
    ]
    return {"doc": document.id, "events": scored, "neutral": neutral, "places": {}}
