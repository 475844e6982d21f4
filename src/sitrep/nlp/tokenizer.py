"""Tokenizer fixes kept as language data (``lang/<code>/abbreviations.txt``)."""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.language import Language
from spacy.symbols import ORTH

from sitrep import lang as langdata


def add_abbreviations(nlp: Language, lang: str) -> None:
    """Keep listed abbreviations (``mio.``, ``bl.a.``) as one token, in lower and capitalised form."""
    for abbreviation in langdata.word_list(lang, "abbreviations"):
        for form in {abbreviation, abbreviation[0].upper() + abbreviation[1:]}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])


@spacy.registry.callbacks("sitrep.abbreviations.v1")
def abbreviations_callback(lang: str) -> Callable[[Language], Language]:
    def before_init(nlp: Language) -> Language:
        add_abbreviations(nlp, lang)
        return nlp

    return before_init
