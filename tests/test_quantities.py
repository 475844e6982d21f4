"""sitrep.extract.quantities on real Norwegian (and a little English) text, with blank spaCy pipelines."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from sitrep.extract.quantities import find_quantities
from sitrep.model import Quantity


@pytest.fixture(scope="module")
def nb():
    return spacy.blank("nb")


@pytest.fixture(scope="module")
def en():
    return spacy.blank("en")


def quantities(nlp, text: str, lang: str = "nb") -> list[Quantity]:
    doc = nlp(text)
    found = find_quantities(list(doc), lang)
    for q in found:  # spans are offsets into the document text
        assert q.span is not None and doc.text[q.span.start : q.span.end] == q.span.text
    return found


def simple(found: list[Quantity]) -> list[tuple]:
    return [(q.value, q.unit, q.kind, q.approximate) for q in found]


# ---- the seed article's sentences ----------------------------------------------------------------------------


def test_us_troops(nb):
    [q] = quantities(
        nb, "USA har besluttet å sende 3.000 soldater til Kabul for å bistå evakueringen av ambassaden der"
    )
    assert (q.value, q.unit, q.kind, q.approximate) == (3000, "soldat", "troops", False)
    assert q.span.text == "3.000 soldater"


def test_uk_troops_approximate(nb):
    [q] = quantities(nb, "Storbritannia vil sende rundt 600 soldater for å hjelpe britiske statsborgere")
    assert simple([q]) == [(600, "soldat", "troops", True)]
    assert q.span.text == "600 soldater"  # number .. noun; the approximator only sets `approximate`


def test_asylum_seekers_past_an_adjective(nb):
    [q] = quantities(
        nb, "i Danmark har tvangsutsendelser av 45 afghanske asylsøkere blitt stanset inntil videre"
    )
    assert simple([q]) == [(45, "asylsøker", "people", False)]
    assert q.span.text == "45 afghanske asylsøkere"


def test_seed_counts(nb):
    found = quantities(nb, "Tolv hovedsteder er falt på bare en uke, tretten om Kandahar faktisk er inntatt.")
    # "en uke": an article, not a number; "tretten om Kandahar": counts nothing named
    assert simple(found) == [(12, "hovedsted", "other", False)]


def test_distances_and_durations_are_other(nb):
    found = quantities(nb, "Ghazni ligger 15 mil sør for Kabul, som kan havne under press innen 30 dager.")
    assert simple(found) == [(15, "mil", "other", False), (30, "dag", "other", False)]


# ---- casualties ------------------------------------------------------------------------------------------------


def test_killed_and_injured(nb):
    found = quantities(nb, "Minst 12 mennesker ble drept og 30 såret i angrepet.")
    assert simple(found) == [(12, "menneske", "killed", True), (30, "menneske", "injured", False)]
    assert [q.span.text for q in found] == ["12 mennesker", "30 såret"]


def test_soldiers_died(nb):
    assert simple(quantities(nb, "to soldater omkom")) == [(2, "soldat", "killed", False)]


def test_at_least_twenty_killed(nb):
    assert simple(quantities(nb, "minst 20 mennesker ble drept")) == [(20, "menneske", "killed", True)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Angrepet drepte minst 20 sivile.", (20, "sivil", "killed", True)),
        ("Det omkom 30 personer i ulykken.", (30, "person", "killed", False)),
        ("Fire soldater mistet livet i kampene.", (4, "soldat", "killed", False)),
        ("20 sårede sivile ble fraktet til sykehus.", (20, "sivil", "injured", False)),
        ("Over 100 døde soldater ble funnet.", (100, "soldat", "killed", True)),
        ("Tolv personer ble skadet i eksplosjonen.", (12, "person", "injured", False)),
    ],
)
def test_casualty_words(nb, text, expected):
    assert simple(quantities(nb, text)) == [expected]


def test_coordinated_counts_share_the_verb(nb):
    found = quantities(nb, "5 soldater og 3 sivile ble drept.")
    assert simple(found) == [(5, "soldat", "killed", False), (3, "sivil", "killed", False)]


def test_damage_is_not_injury(nb):
    # "skadet" is also said of things: only people are injured
    assert simple(quantities(nb, "30 hus ble skadet.")) == [(30, "hus", "other", False)]


def test_casualty_without_a_noun_alone(nb):
    assert simple(quantities(nb, "I går ble det meldt om 12 drepte.")) == [(12, "person", "killed", False)]


# ---- numbers ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hjelpen er på 12,5 millioner kroner.", (12_500_000, "krone", "money", False)),
        ("Det kostet 5 mill. kroner.", (5_000_000, "krone", "money", False)),
        ("Budsjettet er 1,5 mrd. kr i år.", (1_500_000_000, "krone", "money", False)),
        ("USA gir 300.000 dollar.", (300_000, "dollar", "money", False)),
        ("Norge gir en million kroner.", (1_000_000, "krone", "money", False)),
        ("Rundt 3 000 mennesker demonstrerte.", (3000, "menneske", "people", True)),
        ("Rundt 3\u00a0000 mennesker demonstrerte.", (3000, "menneske", "people", True)),
        ("Tretten soldater ble sendt.", (13, "soldat", "troops", False)),
        ("femogtjue soldater", (25, "soldat", "troops", False)),
        ("tjuefem flyktninger", (25, "flyktning", "people", False)),
        ("to tusen innbyggere", (2000, "innbygger", "people", False)),
        ("hundre og femti fanger", (150, "fange", "people", False)),
        ("tolv statsborgere", (12, "statsborger", "people", False)),
        ("1500 soldater", (1500, "soldat", "troops", False)),
        ("hundrevis av sivile", (100, "sivil", "people", True)),
        ("flere hundre soldater", (100, "soldat", "troops", True)),
        ("tusenvis av flyktninger", (1000, "flyktning", "people", True)),
        ("200-300 soldater", (200, "soldat", "troops", True)),
        ("mellom 200 og 300 soldater", (200, "soldat", "troops", True)),
        ("10 til 15 millioner kroner", (10_000_000, "krone", "money", True)),
        ("40 prosent av befolkningen", (40, "prosent", "other", False)),
        ("40 % av befolkningen", (40, "prosent", "other", False)),
        ("3.000 Taliban-krigere", (3000, "taliban-kriger", "troops", False)),
        ("200 regjeringssoldater", (200, "regjeringssoldat", "troops", False)),
        ("en styrke på 300 mann", (300, "mann", "troops", False)),
        ("300 mann demonstrerte", (300, "mann", "people", False)),
    ],
)
def test_values_units_kinds(nb, text, expected):
    assert simple(quantities(nb, text)) == [expected]


@pytest.mark.parametrize(
    "approximator",
    [
        "rundt",
        "cirka",
        "ca.",
        "omkring",
        "om lag",
        "nesten",
        "drøyt",
        "over",
        "minst",
        "i underkant av",
        "flere enn",
    ],
)
def test_approximators(nb, approximator):
    [q] = quantities(nb, f"De sendte {approximator} 200 soldater.")
    assert (q.value, q.unit, q.approximate) == (200, "soldat", True)


def test_exact_without_approximator(nb):
    [q] = quantities(nb, "De sendte 200 soldater.")
    assert q.approximate is False


# ---- what is not a count -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Offensiven startet i 2021.",
        "Kandahar falt 12. august.",
        "Kandahar falt 12 august 2021.",
        "Møtet startet klokken 20.25.",
        "Møtet startet kl. 20.",
        "Han kjempet i 2. verdenskrig.",
        "Det står i resolusjon 2231.",
        "Det skjedde i mai 2020.",
        "Kandahar falt torsdag kveld.",
        "Han ble nummer 3.",
        "Det tok bare en uke.",
    ],
)
def test_not_quantities(nb, text):
    assert quantities(nb, text) == []


def test_several_in_one_sentence(nb):
    found = quantities(
        nb, "Ifølge FN er 200 sivile drept, 300 såret og 12 000 på flukt etter at 5.000 soldater kom."
    )
    assert simple(found)[:2] == [(200, "sivil", "killed", False), (300, "sivil", "injured", False)]
    assert (5000, "soldat", "troops", False) in simple(found)


def test_order_and_deduplication(nb):
    doc = nb("Storbritannia vil sende rundt 600 soldater og USA 3.000 soldater.")
    tokens = list(doc)
    forward = find_quantities(tokens, "nb")
    assert [q.value for q in forward] == [600, 3000]
    # a subtree handed over out of order and with repeats gives the same result
    assert find_quantities(list(reversed(tokens)) + tokens, "nb") == forward


def test_span_offsets_in_a_longer_document(nb):
    text = "Kabul kan falle.\n\nUSA har besluttet å sende 3.000 soldater til Kabul."
    doc = nb(text)
    [q] = find_quantities(doc[5:], "nb")  # a Span works like a token list
    assert text[q.span.start : q.span.end] == "3.000 soldater"


def test_non_contiguous_tokens(nb):
    doc = nb("Storbritannia vil sende rundt 600 soldater til Afghanistan.")
    # a clause that skips "rundt": the number is not approximate then, and still found
    picked = [t for t in doc if t.text != "rundt"]
    [q] = find_quantities(picked, "nb")
    assert (q.value, q.unit, q.approximate) == (600, "soldat", False)


def test_empty_input():
    assert find_quantities([], "nb") == []


# ---- with tags, lemmas and a parse (as the trained pipeline gives them) -------------------------------------


def test_parsed_tokens(nb):
    words = ["Minst", "12", "mennesker", "ble", "drept", "og", "30", "sivile", "såret", "i", "angrepet", "."]
    pos = ["ADV", "NUM", "NOUN", "AUX", "VERB", "CCONJ", "NUM", "ADJ", "VERB", "ADP", "NOUN", "PUNCT"]
    lemmas = ["minst", "12", "menneske", "bli", "drepe", "og", "30", "sivil", "såre", "i", "angrep", "."]
    heads = [1, 2, 3, 3, 3, 8, 7, 8, 3, 8, 9, 3]
    deps = ["ADV", "DET", "SUBJ", "ROOT", "INFV", "KONJ", "DET", "SUBJ", "KOORD", "ADV", "PUTFYLL", "IP"]
    doc = Doc(nb.vocab, words=words, pos=pos, lemmas=lemmas, heads=heads, deps=deps)
    found = find_quantities(doc, "nb")
    assert simple(found) == [(12, "menneske", "killed", True), (30, "sivil", "injured", False)]


def test_lemma_from_the_pipeline_wins(nb):
    words = ["De", "sendte", "200", "nye", "marinesoldater"]
    doc = Doc(
        nb.vocab,
        words=words,
        pos=["PRON", "VERB", "NUM", "ADJ", "NOUN"],
        lemmas=["de", "sende", "200", "ny", "marinesoldat"],
    )
    assert simple(find_quantities(doc, "nb")) == [(200, "marinesoldat", "troops", False)]


# ---- English ---------------------------------------------------------------------------------------------------


def test_english(en):
    found = quantities(en, "At least 12 people were killed and 30 wounded in the attack.", "en")
    assert simple(found) == [(12, "person", "killed", True), (30, "person", "injured", False)]
    found = quantities(en, "The US will send about 3,000 troops and $5 million in aid.", "en")
    assert simple(found) == [(3000, "troop", "troops", True), (5_000_000, "dollar", "money", False)]
    assert found[1].span.text == "$5 million"
    assert quantities(en, "It happened on 12 August 2021.", "en") == []


def test_mistagged_tokens(nb):
    # a half-trained tagger: numbers tagged PUNCT, nouns ADJ; the words still decide
    words = ["5", "soldater", "og", "3", "sivile", "ble", "drept", "."]
    pos = ["NOUN", "ADJ", "NUM", "PUNCT", "NOUN", "NOUN", "NOUN", "PUNCT"]
    doc = Doc(nb.vocab, words=words, pos=pos)
    assert simple(find_quantities(doc, "nb")) == [
        (5, "soldat", "killed", False),
        (3, "sivil", "killed", False),
    ]
