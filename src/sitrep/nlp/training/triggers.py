"""Train the trigger tagger: a span categoriser that marks event triggers with PLOVER type, mode and flags.

``python -m sitrep.nlp.training.triggers --corpus corpus/events-nb --data ../shared/data/norne [--bundle]`` reads
the trigger annotation (``triggers/``, train split) for training and the fully annotated tuning part (``full/``,
part ``tune``) for choosing the checkpoint; the test part is never read here. Each trigger span gets the labels
``TYPE``, ``TYPE/mode`` (when a mode is given), ``NEG`` (negated) and ``HYP`` (hypothetical): one multi-label
span categoriser learns all of them. ``--bundle`` adds the trained component (with its own tok2vec folded in)
to the bundled nb pipeline. Model card: ``docs/model-nb.md``.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import spacy
import typer
from spacy.tokens import Doc, DocBin, Span
from spacy.vocab import Vocab

from sitrep.eval.corpus import documents, norne_sentences, read_layer
from sitrep.nlp import model_path
from sitrep.nlp.training import DEFAULT_DATA, config_path

SPANS_KEY = "triggers"
COMPONENT = "trigger_tagger"
SENTENCES_PER_DOC = 10  # training docs: runs of up to ten sentences of one document


def event_label(event: dict) -> str:
    """The tagger learns the type; mode, negation and hypothesis are read off the parse by the rules."""
    return event["type"]


def _token_offsets(text: str, forms: list[str]) -> list[tuple[int, int]]:
    """Where each token of a NorNE sentence stands in its ``# text``."""
    out, cursor = [], 0
    for form in forms:
        start = text.find(form, cursor)
        if start < 0:  # a form not found verbatim: keep it at the cursor
            start = cursor
        out.append((start, start + len(form)))
        cursor = start + len(form)
    return out


def sentence_doc(vocab: Vocab, sentence, events: list[dict]) -> tuple[list[str], list[bool], list[tuple[int, int, str]]]:
    """Words, spaces and labelled token spans of one annotated sentence."""
    forms = [t.form for t in sentence.tokens]
    offsets = _token_offsets(sentence.text, forms)
    spans = []
    for event in events:
        start, end = event["trigger"]
        toks = [i for i, (a, b) in enumerate(offsets) if a < end and b > start]
        if toks:
            spans.append((toks[0], toks[-1] + 1, event_label(event)))
    spaces = [t.space_after for t in sentence.tokens]
    return forms, spaces, spans


def annotated_docs(corpus: Path, data: Path, layer: str, parts: tuple[str, ...], vocab: Vocab) -> list[Doc]:
    """Docs of up to ten annotated sentences with their trigger spans in ``doc.spans["triggers"]``."""
    sentences = norne_sentences(data)
    out: list[Doc] = []
    for document in documents(corpus, data, parts):
        lines = read_layer(corpus, layer, document)
        if lines is None:
            continue
        for i in range(0, len(lines), SENTENCES_PER_DOC):
            words, spaces, spans, offset = [], [], [], 0
            for line in lines[i:i + SENTENCES_PER_DOC]:
                w, s, sp = sentence_doc(vocab, sentences[line["sent_id"]]["sentence"], line["events"])
                s[-1] = True
                words += w
                spaces += s
                spans += [(a + offset, b + offset, label) for a, b, label in sp]
                offset += len(w)
            doc = Doc(vocab, words=words, spaces=spaces)
            # one label per span (a single-label categoriser): the first annotated event on it
            first = {}
            for a, b, label in spans:
                first.setdefault((a, b), label)
            doc.spans[SPANS_KEY] = [Span(doc, a, b, label=label) for (a, b), label in sorted(first.items())]
            out.append(doc)
    return out


def convert(corpus: Path, data: Path, out: Path) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    vocab = spacy.blank("nb").vocab
    paths = {}
    for split, layer, parts in (("train", "triggers", ("triggers",)), ("dev", "full", ("tune",))):
        docs = annotated_docs(corpus, data, layer, parts, vocab)
        if not docs:
            raise FileNotFoundError(f"{corpus}/{layer}: no annotated documents of part {', '.join(parts)}")
        paths[split] = out / f"{split}.spacy"
        DocBin(docs=docs, store_user_data=False).to_disk(paths[split])
        labels = Counter(s.label_ for d in docs for s in d.spans[SPANS_KEY])
        typer.echo(f"{split}: {len(docs)} docs, {sum(len(d) for d in docs)} tokens, {sum(labels.values())} triggers: "
                   + ", ".join(f"{label} {n}" for label, n in labels.most_common()))
    return paths


def train(corpus: Path, data: Path, output: Path, overrides: dict | None = None) -> Path:
    from spacy.cli.train import train as spacy_train

    paths = convert(corpus, data, output / "corpus")
    settings = {"paths.train": str(paths["train"]), "paths.dev": str(paths["dev"]), "paths.base": str(model_path("nb")),
                **(overrides or {})}
    spacy_train(config_path("nb", "triggers"), output, overrides=settings)
    return output / "model-best"


def bundle(trained_dir: Path, lang: str = "nb") -> Path:
    """Put the trained trigger tagger at the end of the bundled pipeline, listening to its tok2vec (the frozen one
    it was trained on)."""
    trained = spacy.load(trained_dir)
    target = model_path(lang)
    base = spacy.load(target)
    if COMPONENT in base.pipe_names:
        base.remove_pipe(COMPONENT)
    base.add_pipe(COMPONENT, source=trained)
    performance = json.loads((trained_dir / "meta.json").read_text()).get("performance", {})
    base.meta.setdefault("performance", {}).update(
        {k: v for k, v in performance.items() if k.startswith("spans_") and not isinstance(v, dict)}
    )
    with tempfile.TemporaryDirectory() as tmp:
        base.to_disk(Path(tmp) / "model")
        shutil.rmtree(target)
        shutil.copytree(Path(tmp) / "model", target)
    return target


cli = typer.Typer(add_completion=False)


@cli.command()
def main(
    corpus: Path = typer.Option(Path("corpus/events-nb"), help="the annotated event corpus"),
    data: Path = typer.Option(DEFAULT_DATA, help="folder with NorNE's no_bokmaal-ndt-{train,dev}.conllu"),
    output: Path = typer.Option(Path("training-runs/triggers"), help="where corpus and models are written"),
    bundle_model: bool = typer.Option(False, "--bundle", help="add the trained tagger to the bundled pipeline"),
) -> None:
    best = train(corpus, data, output)
    performance = json.loads((best / "meta.json").read_text()).get("performance", {})
    typer.echo({k: round(v, 4) for k, v in performance.items() if isinstance(v, float)})
    if bundle_model:
        typer.echo(f"bundled into {bundle(best)}")


if __name__ == "__main__":
    cli()
