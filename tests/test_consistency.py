"""sitrep_entity_consistency: document-level name rules after NER, on hand-made docs (no model needed)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

import sitrep.nlp  # noqa: F401  (registers the component)


@pytest.fixture(scope="module")
def consistency():
    nlp = spacy.blank("nb")
    return nlp, nlp.add_pipe("sitrep_entity_consistency", config={"lang": "nb"})


def _run(consistency, text, ents):
    """``ents``: (first word index, end word index, label) as the NER model might have left them."""
    nlp, component = consistency
    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    return {(e.text, e.label_) for e in component(doc).ents}


def test_a_surname_after_the_full_name_is_the_person(consistency):
    text = "Statsminister Kari Nordmann besøkte Bergen . Nordmann sa at Nordmanns plan står ."
    found = _run(consistency, text, [(1, 3, "PER"), (4, 5, "GPE_LOC"), (6, 7, "ORG")])
    # mistagged as ORG -> PER; the untagged genitive is added
    assert found == {("Kari Nordmann", "PER"), ("Bergen", "GPE_LOC"), ("Nordmann", "PER"), ("Nordmanns", "PER")}


def test_a_surname_needs_a_full_name_in_the_same_document(consistency):
    text = "Nordmann sa at planen står ."
    assert _run(consistency, text, [(0, 1, "ORG")]) == {("Nordmann", "ORG")}


def test_lowercase_words_never_become_names(consistency):
    # the last word of a person span is lowercase here (a tagging error); it must not spread
    text = "Kari hansen kom . Så kom hansen igjen ."
    assert _run(consistency, text, [(0, 2, "PER")]) == {("Kari hansen", "PER")}


def test_one_sense_per_name_by_majority(consistency):
    text = "Telenor vokser . Telenor kjøper . Telenor selger ."
    found = _run(consistency, text, [(0, 1, "ORG"), (3, 4, "ORG"), (6, 7, "PROD")])
    assert found == {("Telenor", "ORG")}


def test_a_country_may_be_a_place_and_an_actor_in_one_document(consistency):
    text = "Norge protesterer . Han bor i Norge . Norge krever svar ."
    ents = [(0, 1, "GPE_ORG"), (7, 8, "GPE_LOC"), (9, 10, "GPE_ORG")]
    nlp, component = consistency
    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    assert [e.label_ for e in component(doc).ents] == ["GPE_ORG", "GPE_LOC", "GPE_ORG"]


def test_a_tie_keeps_each_label(consistency):
    text = "Apollo landet . Apollo vant ."
    nlp, component = consistency
    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, 0, 1, label="PROD"), Span(doc, 3, 4, label="ORG")]
    assert [e.label_ for e in component(doc).ents] == ["PROD", "ORG"]


def test_a_genitive_of_a_mentioned_name_is_that_name(consistency):
    text = "Chile stemmer . Chiles regjering går av . Santos kom ."
    # "Chiles" mistagged as a person: it is the genitive of the country mentioned before
    found = _run(consistency, text, [(0, 1, "GPE_LOC"), (3, 4, "PER"), (8, 9, "PER")])
    assert found == {("Chile", "GPE_LOC"), ("Chiles", "GPE_LOC"), ("Santos", "PER")}


def test_a_genitive_keeps_a_label_of_the_same_kind(consistency):
    text = "Chile stemmer . Chiles regjering går av ."
    assert _run(consistency, text, [(0, 1, "GPE_LOC"), (3, 4, "GPE_ORG")]) == {("Chile", "GPE_LOC"), ("Chiles", "GPE_ORG")}
