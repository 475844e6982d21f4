"""The NorNE (NDT layout) converter, on hand-written sentences in ``tests/data/norne_sample.conllu``.

The sample is sitrep's own Norwegian text in NorNE's layout (no NorNE text is kept in the repository): three
sentences of one source, a paragraph break, one more sentence, then three sentences of a second source. It has
a multi-token entity, a stray ``I-`` tag, ``SpaceAfter=No`` before punctuation and after an opening quote,
``$``-lemmas of punctuation and a ``sent_id`` with extra spaces after ``=``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin
from spacy.training import Example

from sitrep.nlp.tokenizer import add_abbreviations
from sitrep.nlp.training import convert
from sitrep.nlp.training.norne import (
    CoNLLUError,
    Token,
    conllu_to_docs,
    entity_spans,
    group_sentences,
    morph,
    read_conllu,
    upos,
)

SAMPLE = Path(__file__).parent / "data" / "norne_sample.conllu"


def sample_texts() -> list[str]:
    """The ``# text`` lines of the sample, in order."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    return [line.partition("=")[2].strip() for line in lines if line.startswith("# text")]


@pytest.fixture(scope="module")
def docs():
    return conllu_to_docs(SAMPLE, spacy.blank("nb").vocab)


def test_read_conllu_sentences_ids_sources_and_paragraphs():
    sentences = list(read_conllu(SAMPLE))
    assert [s.sent_id for s in sentences] == ["s001", "s002", "s003", "s004", "s005", "s006", "s007"]
    assert [s.source for s in sentences] == ["ndt/nob/sitrep_a.conll"] * 4 + ["ndt/nob/sitrep_b.conll"] * 3
    assert [s.new_paragraph for s in sentences] == [False, False, False, True, False, False, False]
    first = sentences[0].tokens
    assert [t.form for t in first] == ["Statsminister", "Jonas", "Gahr", "Støre", "besøkte", "Tromsø", "mandag", "."]
    assert first[-1].lemma == "."  # NDT writes punctuation lemmas as "$."
    assert first[1].feats == ["prop"] and first[0].feats == ["appell", "mask", "ub", "ent"]
    assert [t.space_after for t in first] == [True] * 6 + [False, True]
    assert [t.head for t in first] == [2, 5, 2, 2, 0, 5, 5, 5]


def test_sentences_grouped_by_source_and_paragraph(docs):
    assert [len(list(doc.sents)) for doc in docs] == [3, 1, 3]
    groups = list(group_sentences(read_conllu(SAMPLE), max_sents=2))
    assert [[s.sent_id for s in g] for g in groups] == [["s001", "s002"], ["s003"], ["s004"], ["s005", "s006"], ["s007"]]
    assert len(conllu_to_docs(SAMPLE, spacy.blank("nb").vocab, max_sents=1)) == 7


def test_spacing_rebuilds_the_raw_text(docs):
    texts = sample_texts()
    assert [sent.text for doc in docs for sent in doc.sents] == texts
    assert [doc.text for doc in docs] == [" ".join(texts[:3]), texts[3], " ".join(texts[4:])]
    quote = docs[1]
    assert [(t.text, t.whitespace_) for t in quote[:3]] == [("«", ""), ("Vi", " "), ("trekker", " ")]
    assert quote.text == "«Vi trekker oss ut», sier talspersonen."


def test_heads_and_labels(docs):
    first = next(docs[0].sents)
    assert [(t.text, t.dep_, t.head.text) for t in first] == [
        ("Statsminister", "ATR", "Jonas"),
        ("Jonas", "SUBJ", "besøkte"),
        ("Gahr", "FLAT", "Jonas"),
        ("Støre", "FLAT", "Jonas"),
        ("besøkte", "FINV", "besøkte"),  # the root is its own head in spaCy
        ("Tromsø", "DOBJ", "besøkte"),
        ("mandag", "ADV", "besøkte"),
        (".", "IP", "besøkte"),
    ]
    # heads are offset into the document: the second sentence's tree stays inside it
    second = list(docs[0].sents)[1]
    assert second.root.text == "sa" and second.root.dep_ == "FINV"
    assert [(t.text, t.head.text) for t in second if t.dep_ in ("SBU", "INFV", "DOBJ")] == [
        ("at", "hadde"), ("hadde", "sa"), ("erobret", "hadde"), ("byen", "erobret"),
    ]
    assert all(t.head.sent == t.sent for doc in docs for t in doc)


def test_lemmas_tags_pos_and_morphology(docs):
    tokens = {t.text: t for doc in docs for t in doc}
    lemmas = {w: tokens[w].lemma_ for w in ("sa", "soldatene", "erobret", "falt", "soldater", ".", "«", "Tromsø")}
    assert lemmas == {
        "sa": "si", "soldatene": "soldat", "erobret": "erobre", "falt": "falle", "soldater": "soldat",
        ".": ".", "«": "«", "Tromsø": "Tromsø",
    }
    assert [tokens[w].tag_ for w in ("Jonas", "sa", "at", "«", ",", "2,5", "Ifølge")] == [
        "subst", "verb", "sbu", "<anf>", "<komma>", "det", "prep",
    ]
    assert [tokens[w].pos_ for w in ("Jonas", "byen", "sa", "at", "og", "2,5", ".", "Han", "ut")] == [
        "PROPN", "NOUN", "VERB", "SCONJ", "CCONJ", "NUM", "PUNCT", "PRON", "ADV",
    ]
    assert str(tokens["soldatene"].morph) == "Definite=Def|Gender=Masc|Number=Plur"
    assert str(tokens["sa"].morph) == "Tense=Past"
    assert str(tokens["erobret"].morph) == "VerbForm=Part"
    assert str(tokens["Han"].morph) == "Animacy=Hum|Case=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Prs"
    assert str(tokens["mio."].morph) == "Abbr=Yes"
    assert str(tokens["."].morph) == ""  # <punkt> has no UD-style counterpart


def test_entities_multi_token_and_stray_inside_tag(docs):
    assert [[(e.text, e.label_) for e in doc.ents] for doc in docs] == [
        [("Jonas Gahr Støre", "PER"), ("Tromsø", "GPE_LOC"), ("NTB", "ORG"), ("Kandahar", "GPE_LOC"),
         ("Taliban", "ORG")],
        [],
        [("Equinor", "ORG"), ("Universitetet i Bergen", "ORG"), ("Cold Response", "EVT"), ("Norge", "GPE_LOC"),
         ("USA", "GPE_LOC")],
    ]


def test_entity_spans_iob2_edge_cases():
    def tags(*iob):
        return [Token("x", "x", "subst", [], 0, "ATR", True, t) for t in iob]

    assert entity_spans(tags("O", "I-ORG", "O")) == [(1, 2, "ORG")]  # stray I- starts an entity
    assert entity_spans(tags("B-ORG", "I-GPE_LOC")) == [(0, 1, "ORG"), (1, 2, "GPE_LOC")]  # label change
    assert entity_spans(tags("B-PER", "B-PER", "I-PER")) == [(0, 1, "PER"), (1, 3, "PER")]
    assert entity_spans(tags("B-LOC", "I-LOC")) == [(0, 2, "LOC")]  # entity at the end of the sentence
    assert entity_spans(tags("O", "O")) == []


def test_feature_and_upos_mapping():
    assert morph(["appell", "nøyt", "ub", "fl", "samset"]) == "Compound=Yes|Definite=Ind|Gender=Neut|Number=Plur"
    assert morph(["<punkt>"]) == "" and morph([]) == ""
    assert upos("subst", ["prop"], "Oslo") == "PROPN"
    assert upos("det", ["fl", "kvant"], "tre") == "DET"
    assert upos("det", ["fl", "kvant"], "1500") == "NUM"
    assert upos("<strek>", [], "–") == "PUNCT"


def test_gold_tokens_align_with_the_abbreviation_tokenizer(docs):
    """The text rebuilt from the file tokenizes (with sitrep's abbreviations) into exactly the gold tokens."""
    nlp = spacy.blank("nb")
    add_abbreviations(nlp, "nb")
    for doc in docs:
        example = Example(nlp.make_doc(doc.text), doc)
        assert [t.text for t in example.predicted] == [t.text for t in doc]


def test_convert_writes_docbins_and_limits(tmp_path):
    data = tmp_path / "norne"
    data.mkdir()
    for split in ("train", "dev"):
        shutil.copy(SAMPLE, data / f"no_bokmaal-ndt-{split}.conllu")
    paths = convert(data, tmp_path / "corpus")
    assert set(paths) == {"train", "dev"} and all(p.exists() for p in paths.values())
    nlp = spacy.blank("nb")
    train = list(DocBin().from_disk(paths["train"]).get_docs(nlp.vocab))
    assert len(train) == 3
    assert [(e.text, e.label_) for e in train[2].ents][1] == ("Universitetet i Bergen", "ORG")
    assert [t.dep_ for t in train[0]][:5] == ["ATR", "SUBJ", "FLAT", "FLAT", "FINV"]
    assert train[0][1].lemma_ == "Jonas" and train[1][0].whitespace_ == ""
    limited = convert(data, tmp_path / "limited", limit=2)
    assert len(DocBin().from_disk(limited["dev"])) == 2


def test_convert_and_reader_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="github.com/ltgoslo/norne"):
        convert(tmp_path, tmp_path / "corpus")
    bad = tmp_path / "bad.conllu"
    bad.write_text("1\tOslo\tOslo\t_\tsubst\n", encoding="utf-8")
    with pytest.raises(CoNLLUError, match="bad.conllu:1: expected 10"):
        list(read_conllu(bad))
