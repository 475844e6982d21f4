"""sitrep.nlp: the abbreviation tokenizer fix, a training smoke test and the bundled Norwegian pipeline.

The bundled-model tests skip (with the reason) until a trained pipeline has been bundled into
``sitrep/nlp/models/nb``; they never read the training data.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner

import sitrep.nlp
from sitrep.nlp.tokenizer import add_abbreviations

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "norne_sample.conllu"
NORNE_LABELS = {"PER", "ORG", "LOC", "GPE_LOC", "GPE_ORG", "PROD", "EVT", "DRV", "MISC"}
SYNTAX = ("tagger", "morphologizer", "parser", "trainable_lemmatizer")


# ---- tokenizer ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def blank_nb():
    nlp = spacy.blank("nb")
    add_abbreviations(nlp, "nb")
    return nlp


@pytest.mark.parametrize(
    "text, token",
    [
        ("Budsjettet økte med 2,5 mio. kroner i fjor.", "mio."),
        ("Han møtte bl.a. forsvarsministeren.", "bl.a."),
        ("Kl. 14 startet angrepet.", "Kl."),
        ("Angrepet startet kl. 14 i går.", "kl."),
        ("Bl.a. Nato har reagert.", "Bl.a."),
        ("Skadene beløper seg til 3 mrd. kroner.", "mrd."),
    ],
)
def test_abbreviations_stay_one_token(blank_nb, text, token):
    words = [t.text for t in blank_nb(text)]
    assert token in words, words
    assert words[-1] == "."  # the sentence-final full stop is still split off


def test_spacy_nb_rules_alone_split_the_abbreviations():
    """What the fix is for: spaCy's own nb rules cut these."""
    nlp = spacy.blank("nb")
    assert "mio." not in [t.text for t in nlp("Budsjettet økte med 2,5 mio. kroner.")]
    assert "Kl." not in [t.text for t in nlp("Kl. 14 startet angrepet.")]


def test_load_without_a_bundled_model_says_how_to_train_one():
    with pytest.raises(sitrep.nlp.ModelNotFound, match="python -m sitrep.nlp.training xx"):
        sitrep.nlp.load("xx")


# ---- training smoke test ------------------------------------------------------------------------------------


def test_train_smoke_two_steps_on_the_sample(tmp_path):
    """Both parts train two steps on the hand-written sample and are joined into one pipeline that loads."""
    from sitrep.nlp.training import dev_scores, train

    data = tmp_path / "norne"
    data.mkdir()
    # The parser prunes actions seen fewer than 30 times (min_action_freq); on one copy of the sample that leaves
    # it no gold transition (E1031), so the train file holds the sample five times. The dev file holds it once.
    (data / "no_bokmaal-ndt-train.conllu").write_text(SAMPLE.read_text(encoding="utf-8") * 5, encoding="utf-8")
    shutil.copy(SAMPLE, data / "no_bokmaal-ndt-dev.conllu")
    model_dir = train(
        "nb",
        data,
        tmp_path / "run",
        limit=15,
        overrides={"training.max_steps": 2, "training.eval_frequency": 1},
        name_features=False,
    )
    assert model_dir == tmp_path / "run" / "model"
    assert not (tmp_path / "run" / "vectors").exists()  # no name-list table without name features
    nlp = spacy.load(model_dir)
    assert set(nlp.pipe_names) == {"tok2vec", "ner", *SYNTAX}
    assert nlp.pipe_names[-1] == "ner"  # NER runs last, on its own tok2vec
    # NER carries its own copy of its tok2vec; the shared tok2vec feeds only the syntax components
    assert "tok2vec-listener" not in {layer.name for layer in nlp.get_pipe("ner").model.walk()}
    assert nlp.get_pipe("tok2vec").listening_components == list(SYNTAX)
    with nlp.select_pipes(enable=["ner"]):
        nlp("Jonas Gahr Støre besøkte Tromsø.")
    assert NORNE_LABELS - {"LOC", "GPE_ORG", "PROD", "DRV", "MISC"} <= set(nlp.get_pipe("ner").labels)
    assert {"subst", "verb", "prep"} <= set(nlp.get_pipe("tagger").labels)
    assert nlp.meta["name"] == "sitrep"
    scores = dev_scores(model_dir)
    assert "ents_f" in scores and "dep_las" in scores and "tag_acc" in scores
    doc = nlp("Statsminister Jonas Gahr Støre besøkte Tromsø mandag.")
    assert len(doc) == 8 and all(t.tag_ for t in doc) and all(t.dep_ for t in doc)
    assert [t.text for t in nlp("Prisen steg med 2,5 mio. kroner.")][4] == "mio."  # tokenizer fix kept


# ---- the bundled pipeline -----------------------------------------------------------------------------------

bundled = pytest.mark.skipif(
    not (sitrep.nlp.model_path("nb") / "config.cfg").exists(),
    reason="no bundled nb model in sitrep/nlp/models/nb yet (train and bundle: python -m sitrep.nlp.training nb "
    "--bundle)",
)


@pytest.fixture(scope="module")
def nb():
    return sitrep.nlp.load("nb")


@bundled
def test_bundled_model_loads_from_the_package_once(nb):
    path = sitrep.nlp.model_path("nb")
    assert path.is_dir() and path.parent.parent == Path(sitrep.nlp.__file__).parent
    assert sitrep.nlp.load("nb") is nb  # loaded once per process
    assert {"tok2vec", "ner", *SYNTAX} <= set(nb.pipe_names)
    assert NORNE_LABELS - {"MISC"} <= set(nb.get_pipe("ner").labels)
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    assert size <= 40 * 2**20, f"bundled model is {size / 2**20:.1f} MB (limit 40 MB)"
    # a plain spacy.load of the package folder works too (no download, no registered package name)
    plain = spacy.load(path)
    assert set(plain.pipe_names) == {"tok2vec", "ner", "sitrep_trigger_tagger", *SYNTAX}
    assert [t.text for t in plain("Kl. 14 i dag.")] == [t.text for t in nb("Kl. 14 i dag.")]


@bundled
def test_bundled_model_keeps_the_tokenizer_fix(nb):
    words = [t.text for t in nb("Kl. 14 økte budsjettet med 2,5 mio. kroner, bl.a. til forsvaret.")]
    assert {"Kl.", "mio.", "bl.a."} <= set(words)


@bundled
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Statsminister Jonas Gahr Støre møtte Nato-sjef Mark Rutte i Oslo tirsdag.",
            {("Jonas Gahr Støre", "PER"), ("Mark Rutte", "PER"), ("Oslo", "GPE_LOC")},
        ),
        (
            "Russiske styrker har angrepet Kharkiv, opplyser Ukrainas forsvarsdepartement.",
            {("Kharkiv", "GPE_LOC")},
        ),
        (
            # the bundled model runs "Statkraft la fram" into one ORG here (a boundary error; see the model card)
            "Equinor og Statkraft la fram nye tall i Stavanger torsdag.",
            {("Equinor", "ORG"), ("Stavanger", "GPE_LOC")},
        ),
        (
            "Erna Solberg sa til NRK at regjeringen må gjøre mer.",
            {("Erna Solberg", "PER"), ("NRK", "ORG")},
        ),
    ],
)
def test_bundled_model_finds_entities(nb, text, expected):
    found = {(e.text, e.label_) for e in nb(text).ents}
    assert expected <= found, found
    assert {label for _, label in found} <= NORNE_LABELS


@bundled
@pytest.mark.parametrize(
    "text, word, lemma",
    [
        ("Byen falt etter tre uker med harde kamper.", "falt", "falle"),
        ("Opprørerne erobret flyplassen natt til søndag.", "erobret", "erobre"),
        ("Styrkene beleiret byen i flere måneder.", "beleiret", "beleire"),
        ("Tre soldater ble drept i angrepet.", "soldater", "soldat"),
        ("Taliban tok kontroll over Kandahar i går.", "tok", "ta"),
        ("Forsvarsministeren sa at situasjonen er alvorlig.", "sa", "si"),
    ],
)
def test_bundled_model_lemmas_extraction_relies_on(nb, text, word, lemma):
    [token] = [t for t in nb(text) if t.text == word]
    assert token.lemma_ == lemma


@bundled
def test_bundled_model_tags_and_parses(nb):
    doc = nb("Soldatene tok byen i går.")
    assert [t.tag_ for t in doc][:3] == ["subst", "verb", "subst"]
    # spaCy's parser labels every root "ROOT" (the gold NDT root labels are FINV, FRAG or INTERJ)
    assert doc[1].dep_ == "ROOT" and doc[1].head.i == 1
    assert [(t.dep_, t.head.text) for t in (doc[0], doc[2])] == [("SUBJ", "tok"), ("DOBJ", "tok")]
    assert doc[0].pos_ == "NOUN" and "Number=Plur" in str(doc[0].morph)


@bundled
def test_bundled_model_eval_ner(nb):
    """``sitrep eval ner`` with the bundled model on a tiny file whose entities a working model gets right."""
    from sitrep.cli import app
    from sitrep.eval import score_ner

    path = DATA / "norne_eval_easy.conllu"
    scores = score_ner(path, nb)
    assert (scores.n_gold, scores.n_docs, scores.n_sentences) == (6, 1, 3)
    assert scores.f1 == 1.0, scores.per_label
    result = CliRunner().invoke(app, ["eval", "ner", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["precision"], data["recall"], data["f1"]) == (1.0, 1.0, 1.0)
    assert {label: v["support"] for label, v in data["per_label"].items()} == {"PER": 3, "GPE_LOC": 2, "ORG": 1}


def test_name_feature_rows_are_found_by_token_without_storing_the_forms():
    import numpy

    from sitrep.nlp.training.name_features import add_to_vocab

    nlp = spacy.blank("nb")
    before = len(nlp.vocab.strings)
    rows = numpy.asarray([[1.0, 0.0], [0.0, 1.0]], dtype="float32")
    add_to_vocab(nlp.vocab, ["Kari", "ADV"], rows)  # "ADV" is one of spaCy's symbols: its id is not a hash
    assert len(nlp.vocab.strings) == before
    doc = nlp.make_doc("Kari ADV kari")
    assert [nlp.vocab.vectors.find(key=t.orth) for t in doc] == [0, 1, -1]


def test_chunks_join_back_into_the_text():
    line = "Politiet arresterte en mann. " * 10_000  # one 290 KB line: cut after spaces
    parts = sitrep.nlp.chunks(line, 20_000)
    assert "".join(parts) == line and max(map(len, parts)) <= 20_000 and len(parts) > 10
    text = ("Et avsnitt.\n\n" * 3000).rstrip()
    assert all(p.endswith("\n\n") for p in sitrep.nlp.chunks(text, 1000)[:-1])


def test_a_long_text_parsed_in_chunks_is_parsed_as_a_whole():
    from sitrep.read import example_path, read_one

    nlp = sitrep.nlp.load("nb")
    text = "\n\n".join([read_one(example_path()).text] * 8)  # about 26,000 characters: two chunks
    assert len(sitrep.nlp.chunks(text)) == 2
    whole, chunked = nlp(text), sitrep.nlp.parse(nlp, text)
    assert chunked.text == text
    assert [(t.idx, t.dep_, t.head.i, t.lemma_) for t in chunked] == [(t.idx, t.dep_, t.head.i, t.lemma_) for t in whole]
    assert [(e.start_char, e.label_) for e in chunked.ents] == [(e.start_char, e.label_) for e in whole.ents]
    triggers = [(s.start_char, s.label_) for s in chunked.spans["triggers"]]
    assert triggers == [(s.start_char, s.label_) for s in whole.spans["triggers"]]
    assert chunked.spans["triggers"].attrs["scores"] == whole.spans["triggers"].attrs["scores"]
