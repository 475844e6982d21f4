"""The bundled NLP pipelines: ``load("nb")`` gives the trained Norwegian Bokmål spaCy pipeline.

Pipelines live in ``sitrep/nlp/models/<code>/`` inside the installed package; nothing is downloaded.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitrep.lang import optional_data
from sitrep.nlp import consistency as _consistency  # noqa: F401  (registers sitrep's spaCy components)
from sitrep.nlp import tokenizer as _tokenizer  # noqa: F401
from sitrep.nlp import trigger_tagger as _trigger_tagger  # noqa: F401


class ModelNotFound(FileNotFoundError):
    pass


def model_path(lang: str) -> Path:
    return Path(str(resources.files(__package__) / "models" / lang))


@Language.component("sitrep_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headings and paragraphs never run into each other.

    The trained parser never saw line breaks (NorNE is sentence-split text) and respects boundaries set before it.
    """
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


@cache
def load(lang: str = "nb") -> Language:
    """The bundled pipeline for ``lang``, loaded once per process."""
    path = model_path(lang)
    if not (path / "config.cfg").exists():
        raise ModelNotFound(
            f"no bundled NLP model for {lang!r} at {path}; train one with `python -m sitrep.nlp.training {lang}`"
        )
    return load_dir(path)


def load_dir(path: Path) -> Language:
    """A trained pipeline folder with sitrep's rule components added, as ``load`` runs the bundled one."""
    nlp = spacy.load(path)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("sitrep_paragraph_breaks", before="parser")
    if "ner" in nlp.pipe_names and optional_data(nlp.lang, "names") is not None:
        nlp.add_pipe("sitrep_entity_consistency", after="ner", config={"lang": nlp.lang})
    return nlp
