"""The event corpus: documents cut from NorNE-layout files, annotations taken in and checked, gold made from them,
scores over the corpus and agreement between two annotators. NorNE-layout files are written here, in tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.eval.agreement import agreement, pair
from sitrep.eval.corpus import (
    CorpusError,
    documents,
    gold_file,
    norne_sentences,
    read_layer,
    resolve_span,
    text_hash,
)
from sitrep.eval.corpus_score import score_corpus
from sitrep.nlp.training.norne import read_conllu, split_documents

runner = CliRunner()

# (file, sentence): headings have no closing punctuation; the second article starts at its heading
DEV = [
    ("ap001_0000", "Politiet arresterte to menn"),
    ("ap001_0000", "Politiet arresterte to menn i Oslo i går."),
    ("ap001_0000", "De to ble pågrepet etter et ran."),
    ("ap001_0000", "- Vi er fornøyde"),
    ("ap001_0000", "Det sier politiet."),
    ("ap001_0000", "Regjeringen kritiserer Russland"),
    ("ap001_0000", "Regjeringen kritiserte Russland for angrepet."),
    ("ap001_0000", "Foto:"),
    ("ap001_0000", "NTB"),
    ("ap001_0000", "Statsministeren sa at kritikken står ved lag."),
    ("ap001_0001", "Brann i Bergen"),
    ("ap001_0001", "Et hus brant ned i natt."),
    ("ap001_0001", "Ingen ble skadet."),
    ("ap001_0001", "Brannvesenet rykket ut."),
]
TRAIN = [
    ("bt001_0000", "Streiken er over"),
    ("bt001_0000", "Lærerne avsluttet streiken i går."),
    ("bt001_0000", "De fikk høyere lønn."),
]


def _conllu(rows: list[tuple[str, str]], first_id: int) -> str:
    out = []
    for k, (source, text) in enumerate(rows):
        words = text.replace(".", " .").replace(",", " ,").split()
        out += [f"# sent_id = {first_id + k:06d}", f"# text = {text}", f"# ndt_source = ndt/nob/{source}.conll#{k}"]
        for i, word in enumerate(words, 1):
            glued = i < len(words) and words[i] in (".", ",")
            misc = ("SpaceAfter=No|" if glued else "") + "name=O"
            out.append(f"{i}\t{word}\t{word.lower()}\t_\tsubst\t_\t{0 if i == 1 else 1}\t{'FINV' if i == 1 else 'ADV'}\t_\t{misc}")
        out.append("")
    return "\n".join(out) + "\n"


@pytest.fixture
def norne(tmp_path) -> Path:
    folder = tmp_path / "norne"
    folder.mkdir()
    (folder / "no_bokmaal-ndt-train.conllu").write_text(_conllu(TRAIN, 1), encoding="utf-8")
    (folder / "no_bokmaal-ndt-dev.conllu").write_text(_conllu(DEV, 100), encoding="utf-8")
    return folder


@pytest.fixture
def corpus(tmp_path, norne) -> Path:
    folder = tmp_path / "corpus"
    result = runner.invoke(app, ["eval", "corpus", "plan", "--norne", str(norne), "--corpus", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def _write(path: Path, lines: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    return path


def test_documents_start_at_headings_not_at_subheadings_or_captions(norne):
    docs = split_documents(read_conllu(norne / "no_bokmaal-ndt-dev.conllu"))
    assert [len(d.sentences) for d in docs] == [5, 5, 4]
    assert docs[0].sentences[3].is_subheading and not docs[1].sentences[2].is_subheading


def test_plan_puts_dev_documents_in_the_test_part(corpus):
    entries = [json.loads(line) for line in (corpus / "documents.jsonl").read_text().splitlines()]
    parts = {e["doc"]: e["part"] for e in entries}
    assert set(parts) == {"dev-ap001-01", "dev-ap001-02", "dev-ap001-03", "train-bt001-01"}
    assert parts["train-bt001-01"] == "triggers"  # three sentences: too short to annotate in full
    assert sorted(parts.values()).count("test") == 1  # a third of the fully annotated ones, from the dev split


def test_a_span_is_found_by_its_words_and_occurrence():
    assert resolve_span("to", "to og to", "x") == [0, 2]
    assert resolve_span("to#2", "to og to", "x") == [6, 8]
    with pytest.raises(CorpusError, match="'tre'"):
        resolve_span("tre", "to og to", "x")


def _arrest_annotation() -> list[dict]:
    event = {"id": "e1", "trigger": "arresterte", "type": "COERCE", "mode": "arrest", "actor": "Politiet",
             "target": "to menn", "status": "asserted"}
    return [
        {"sent_id": "000100", "events": [dict(event)]},
        {"sent_id": "000101", "events": [{**event, "id": "e2", "place": "Oslo", "time": "i går", "same_as": "e1"}]},
        {"sent_id": "000102", "events": [{"id": "e3", "trigger": "ran", "type": "OTHER"}]},
        {"sent_id": "000103", "events": []},
        {"sent_id": "000104", "events": []},
    ]


def test_import_checks_names_the_line_and_writes_offsets_by_document(corpus, norne, tmp_path):
    bad = _write(tmp_path / "bad.jsonl", [{"sent_id": "000100", "events": [{"id": "e1", "trigger": "arresterte",
                                                                             "type": "ARREST"}]}])
    result = runner.invoke(app, ["eval", "corpus", "import", str(bad), "--norne", str(norne), "--corpus", str(corpus),
                                 "--layer", "full"])
    assert result.exit_code == 1 and "bad.jsonl:1" in result.output and "'ARREST'" in result.output

    good = _write(tmp_path / "good.jsonl", _arrest_annotation())
    result = runner.invoke(app, ["eval", "corpus", "import", str(good), "--norne", str(norne), "--corpus", str(corpus),
                                 "--layer", "full"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in (corpus / "full" / "dev-ap001-01.jsonl").read_text().splitlines()]
    assert lines[1]["events"][0]["trigger"] == [9, 19] and lines[1]["events"][0]["place"] == [30, 34]
    assert lines[0]["sha"] == text_hash(DEV[0][1])
    assert "Politiet" not in (corpus / "full" / "dev-ap001-01.jsonl").read_text()  # no text of NorNE's is kept


def test_an_annotation_made_on_another_text_is_refused(corpus, norne, tmp_path):
    (corpus / "full").mkdir()
    _write(corpus / "full" / "dev-ap001-01.jsonl", [{"sent_id": "000100", "sha": "000000000000", "events": []}])
    document = next(d for d in documents(corpus, norne) if d.id == "dev-ap001-01")
    with pytest.raises(CorpusError, match="differs from the NorNE text"):
        read_layer(corpus, "full", document)


def test_linked_mentions_are_one_gold_event_and_other_is_neutral(corpus, norne, tmp_path):
    runner.invoke(app, ["eval", "corpus", "import", str(_write(tmp_path / "a.jsonl", _arrest_annotation())),
                        "--norne", str(norne), "--corpus", str(corpus), "--layer", "full"])
    document = next(d for d in documents(corpus, norne) if d.id == "dev-ap001-01")
    gold = gold_file(document, read_layer(corpus, "full", document))
    assert len(gold["events"]) == 1
    event = gold["events"][0]
    assert event["place"] == "Oslo" and event["time"]["text"] == "i går" and len(event["evidence"]) == 2
    assert gold["neutral"][0]["why"] == "an OTHER event"


def test_corpus_scores_count_matches_false_events_and_repeats(corpus, norne, tmp_path):
    runner.invoke(app, ["eval", "corpus", "import", str(_write(tmp_path / "a.jsonl", _arrest_annotation())),
                        "--norne", str(norne), "--corpus", str(corpus), "--layer", "full"])

    def extract(document):
        def event(type_, word, sentence_no):
            sentence = document.sentences[sentence_no]
            start = document.text.index(word, sentence.offset)
            return {"type": type_, "trigger": {"text": word, "start": start, "end": start + len(word)},
                    "sentence": {"text": sentence.text, "start": sentence.offset}, "actor": {"text": "Politiet"},
                    "status": "asserted"}
        if document.id != "dev-ap001-01":
            return {"events": []}
        return {"events": [event("COERCE", "arresterte", 0), event("COERCE", "arresterte", 1),
                           event("ASSAULT", "ran", 2), event("ACCUSE", "sier", 4)]}

    scores = score_corpus(corpus, norne, ["tune", "test"], extract, "both", errors=True)
    assert scores.overall["matched"] == 1 and scores.overall["n_gold"] == 1
    # the second arrest repeats the matched one; the ASSAULT on an OTHER trigger is neutral; ACCUSE is false
    assert scores.overall["n_pred"] == 3 and scores.duplicates == 1
    assert scores.fields["actor"]["right"] == 1 and scores.fields["time"]["scored"] == 1
    assert {f["type"] for f in scores.false_events} == {"COERCE", "ACCUSE"}


def test_agreement_pairs_overlapping_triggers_and_counts_what_differs(corpus, norne, tmp_path):
    runner.invoke(app, ["eval", "corpus", "import", str(_write(tmp_path / "a.jsonl", _arrest_annotation())),
                        "--norne", str(norne), "--corpus", str(corpus), "--layer", "full"])
    second = _arrest_annotation()
    second[1]["events"][0]["status"] = "reported"
    second[3]["events"] = [{"id": "e9", "trigger": "fornøyde", "type": "SUPPORT"}]
    runner.invoke(app, ["eval", "corpus", "import", str(_write(tmp_path / "b.jsonl", second)),
                        "--norne", str(norne), "--corpus", str(corpus), "--layer", "second"])
    result = agreement(corpus, norne)
    assert (result.first, result.second, result.paired) == (2, 3, 2)
    assert result.event_f1 == pytest.approx(0.8)
    assert result.same["status"]["agree"] == 2 and result.same["status"]["compared"] == 3
    assert pair([{"trigger": [0, 5]}], [{"trigger": [6, 9]}]) == []


def test_norne_files_must_be_there(tmp_path):
    with pytest.raises(CorpusError, match="NorNE file not found"):
        norne_sentences(tmp_path)
