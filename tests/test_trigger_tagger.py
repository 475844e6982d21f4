"""The learned trigger tagger: what it learns from counts, compounds by their head, saving, and its use in extraction."""

from __future__ import annotations

import pytest

from sitrep.nlp import model_path
from sitrep.nlp.trigger_tagger import SPANS_KEY, TriggerTagger


def _tagger(threshold=0.5, min_count=1) -> TriggerTagger:
    tagger = TriggerTagger(threshold, min_count, min_head=4)
    # "angrep" is a trigger 2 of 2 times, "krav" 1 of 4, "møte" 1 of 1 as CONSULT and never otherwise
    tagger.learn([
        [("politi", None), ("angrep", "ASSAULT")],
        [("angrep", "ASSAULT"), ("krav", "REQUEST")],
        [("krav", None), ("krav", None), ("krav", None), ("møte", "CONSULT")],
    ])
    return tagger


def test_a_lemma_is_tagged_when_it_was_a_trigger_often_enough():
    tagger = _tagger()
    assert tagger.lookup("angrep") == ("ASSAULT", 1.0)
    assert tagger.lookup("krav") is None  # a trigger in 1 of 4 occurrences
    assert _tagger(threshold=0.25).lookup("krav") == ("REQUEST", 0.25)
    assert _tagger(min_count=2).lookup("møte") is None  # seen once
    assert tagger.lookup("politi") is None


def test_an_unseen_compound_takes_its_longest_known_head():
    tagger = _tagger()
    assert tagger.lookup("terrorangrep") == ("ASSAULT", 1.0)
    assert tagger.lookup("grep") is None  # a head of under four letters is no head


def test_the_table_survives_saving(tmp_path):
    tagger = _tagger()
    tagger.to_disk(tmp_path / "t")
    again = TriggerTagger(0.5, 1, 4).from_disk(tmp_path / "t")
    assert again.table == tagger.table


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

    # "melde" (to report someone: ACCUSE) is in the learned table, not in the lexicon
    article = Article("t", "Naboene meldte mannen til politiet etter innbruddet.", "nb")
    found = {source: {e.type for e in extract_article(article, triggers=source).events}
             for source in ("lexicon", "tagger")}
    assert "ACCUSE" in found["tagger"] and "ACCUSE" not in found["lexicon"]
