"""The learned trigger tagger: its features, what it learns, saving, and its use in extraction."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from sitrep.nlp import model_path
from sitrep.nlp.trigger_tagger import NO_TRIGGER, SPANS_KEY, TriggerTagger, token_features


def _doc(words, lemmas, pos, heads, deps) -> Doc:
    return Doc(spacy.blank("nb").vocab, words=words, lemmas=lemmas, pos=pos, heads=heads, deps=deps)


def _attack_doc() -> Doc:
    # "Politiet avverget terrorangrepet mot byen"
    return _doc(["Politiet", "avverget", "terrorangrepet", "mot", "byen"],
                ["politi", "avverge", "terrorangrep", "mot", "by"],
                ["NOUN", "VERB", "NOUN", "ADP", "NOUN"], [1, 1, 1, 4, 2],
                ["nsubj", "ROOT", "obj", "case", "nmod"])


def test_features_say_what_the_parse_says_of_a_word():
    feats = token_features(_attack_doc()[2])
    assert {"l=terrorangrep", "p=NOUN", "d=obj", "h=avverge", "s6=angrep", "w-1=avverge", "w+1=mot"} <= set(feats)
    assert "c=case" in token_features(_attack_doc()[4])  # a noun's preposition, by its label


def _tagger(threshold=0.5) -> TriggerTagger:
    tagger = TriggerTagger(threshold)
    # a compound ending in "angrep" leans to ASSAULT; everything else to no trigger
    tagger.set_model([NO_TRIGGER, "ASSAULT"], ["s6=angrep", "p=NOUN"], [[0.0, 4.0], [0.5, 0.0]], [1.0, -1.0])
    return tagger


def test_a_word_is_tagged_with_its_most_probable_type_above_the_threshold():
    doc = _tagger()(_attack_doc())
    assert [(s.text, s.label_) for s in doc.spans[SPANS_KEY]] == [("terrorangrepet", "ASSAULT")]
    score = doc.spans[SPANS_KEY].attrs["scores"][0]
    assert 0.8 < score < 0.9  # logits 3.0 against 1.5
    assert not _tagger(threshold=0.99)(_attack_doc()).spans[SPANS_KEY]


def test_the_model_survives_saving(tmp_path):
    tagger = _tagger()
    tagger.to_disk(tmp_path / "t")
    again = TriggerTagger(0.5).from_disk(tmp_path / "t")
    tok = _attack_doc()[2]
    assert again.predict(tok) == tagger.predict(tok)
    assert again.labels == tagger.labels


def test_training_learns_a_trigger_from_examples():
    from sitrep.nlp.training.triggers import fit

    doc = _attack_doc()
    other = _doc(["Byen", "fikk", "nytt", "bygg"], ["by", "få", "ny", "bygg"], ["NOUN", "VERB", "ADJ", "NOUN"],
                 [1, 1, 3, 1], ["nsubj", "ROOT", "amod", "obj"])
    examples = [(doc[0], NO_TRIGGER), (doc[2], "ASSAULT"), (doc[4], NO_TRIGGER)] * 5
    examples += [(t, NO_TRIGGER) for t in other] * 5
    tagger = fit(examples, threshold=0.5, C=10.0, min_count=1)
    assert tagger.predict(doc[2])[0] == "ASSAULT"
    assert tagger.predict(other[3]) is None


bundled = pytest.mark.skipif(not (model_path("nb") / "config.cfg").exists(), reason="no bundled nb model")


@bundled
def test_the_bundled_pipeline_tags_triggers():
    from sitrep.nlp import load

    doc = load("nb")("Regjeringen fikk kritikk for kravet om nye forhandlinger.")
    tagged = {s.text: s.label_ for s in doc.spans[SPANS_KEY]}
    assert tagged.get("kritikk") == "ACCUSE"
    assert len(doc.spans[SPANS_KEY].attrs["scores"]) == len(doc.spans[SPANS_KEY])


@bundled
def test_the_tagger_finds_what_the_lexicon_lacks():
    from sitrep.model import Article
    from sitrep.pipeline import extract_article

    # "varsle" (to report someone to an authority: ACCUSE) is learned from the corpus, not in the lexicon
    article = Article("t", "Legen varslet politiet om mishandlingen.", "nb")
    found = {source: {(e.type, e.trigger.text) for e in extract_article(article, triggers=source).events}
             for source in ("lexicon", "tagger", "both")}
    assert ("ACCUSE", "varslet") in found["tagger"] and ("ACCUSE", "varslet") not in found["lexicon"]
    assert ("ACCUSE", "varslet") in found["both"]
