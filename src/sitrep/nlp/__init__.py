"""The bundled NLP pipelines: ``load("nb")`` gives the trained Norwegian Bokmål spaCy pipeline.

Pipelines live in ``sitrep/nlp/models/<code>/`` inside the installed package; nothing is downloaded.
"""

from __future__ import annotations

import itertools
from functools import cache
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

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


CHUNK_CHARS = 20_000  # a longer text is parsed in chunks of about this size


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """``text`` cut into pieces of at most about ``size`` characters that join back into it: after a blank line
    where there is one, else after a line break, else after a space (a single 5 MB line is still cut)."""
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = next((window.rfind(sep) + len(sep) for sep in ("\n\n", "\n", " ") if window.rfind(sep) > 0), size)
        out.append(text[start : start + cut])
        start += cut
    out.append(text[start:])
    return [c for c in out if c]


def parse(nlp: Language, text: str) -> Doc:
    """The parsed text. A long one is parsed in paragraph-bounded chunks joined into one Doc of the same text, so
    parsing time grows linearly with length (the models read within sentences; document-level name consistency
    then holds within each chunk). The trigger spans of the chunks are joined with their scores."""
    if len(text) <= CHUNK_CHARS:
        return nlp(text)
    parts = list(nlp.pipe(chunks(text), batch_size=1))  # one chunk at a time: memory stays that of one chunk
    doc = Doc.from_docs(parts, ensure_whitespace=False)
    if doc.text != text:  # cannot happen with cuts after whitespace; parse it whole rather than shift offsets
        return nlp(text)
    offsets = list(itertools.accumulate((len(part) for part in parts[:-1]), initial=0))
    for key in {k for part in parts for k in part.spans}:
        spans, attrs = [], {}
        for part, offset in zip(parts, offsets, strict=True):
            group = part.spans.get(key, ())
            spans += [Span(doc, s.start + offset, s.end + offset, label=s.label_) for s in group]
            for name, values in getattr(group, "attrs", {}).items():
                attrs.setdefault(name, []).extend(values)
        doc.spans[key] = SpanGroup(doc, name=key, spans=spans, attrs=attrs)
    return doc
