"""Train the trigger tagger (``sitrep.nlp.trigger_tagger``) from the event corpus and add it to the bundled pipeline.

``python -m sitrep.nlp.training.triggers --corpus corpus/events-nb --data ../shared/data/norne [--bundle]`` learns
the lemma table from the trigger annotation (part ``triggers``, NorNE train split, gold lemmas), with the settings
of ``nb-triggers.cfg``, and scores it on the triggers of the fully annotated tuning part (part ``tune``): precision,
recall and F1 of typed triggers, overall and per type. The test part is never read here. ``--bundle`` puts the
tagger at the end of the bundled nb pipeline and records its scores in the model's meta. Model card:
``docs/model-nb.md``.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import spacy
import typer
from confection import Config

from sitrep.eval.corpus import documents, norne_sentences, read_layer
from sitrep.nlp import model_path
from sitrep.nlp.training import DEFAULT_DATA, config_path
from sitrep.nlp.trigger_tagger import TriggerTagger

COMPONENT = "sitrep_trigger_tagger"


def _token_offsets(text: str, forms: list[str]) -> list[tuple[int, int]]:
    """Where each token of a NorNE sentence stands in its ``# text``."""
    out, cursor = [], 0
    for form in forms:
        start = text.find(form, cursor)
        start = cursor if start < 0 else start
        out.append((start, start + len(form)))
        cursor = start + len(form)
    return out


def labelled_sentences(corpus: Path, data: Path, layer: str, part: str, sentences=None):
    """(lemma, type or None) per token of every annotated sentence: a trigger's type on its first token."""
    sentences = sentences or norne_sentences(data)
    for document in documents(corpus, data, [part], sentences):
        for line in read_layer(corpus, layer, document) or []:
            parsed = sentences[line["sent_id"]]["sentence"]
            offsets = _token_offsets(parsed.text, [t.form for t in parsed.tokens])
            kinds: dict[int, str] = {}
            for event in line["events"]:
                start, end = event["trigger"]
                first = next((i for i, (a, b) in enumerate(offsets) if a < end and b > start), None)
                if first is not None:
                    kinds.setdefault(first, event["type"])
            yield [(t.lemma.lower(), kinds.get(i)) for i, t in enumerate(parsed.tokens)]


def settings(lang: str = "nb") -> dict:
    return dict(Config().from_disk(config_path(lang, "triggers"))["trigger_tagger"])


def score(tagger: TriggerTagger, sentences) -> dict:
    """Typed-trigger P/R/F1 over gold-lemma sentences (OTHER left out on both sides), overall and per type."""
    tp, pred, gold = Counter(), Counter(), Counter()
    for tokens in sentences:
        for lemma, kind in tokens:
            found = tagger.lookup(lemma)
            guess = found[0] if found and found[0] != "OTHER" else None
            kind = kind if kind != "OTHER" else None
            if guess:
                pred[guess] += 1
                pred["all"] += 1
            if kind:
                gold[kind] += 1
                gold["all"] += 1
            if guess and guess == kind:
                tp[kind] += 1
                tp["all"] += 1

    def prf(k: str) -> dict:
        p = tp[k] / pred[k] if pred[k] else 0.0
        r = tp[k] / gold[k] if gold[k] else 0.0
        return {"p": round(p, 3), "r": round(r, 3), "f": round(2 * p * r / (p + r), 3) if p + r else 0.0,
                "gold": gold[k]}

    return {k: prf(k) for k in ["all", *sorted(k for k in gold if k != "all")]}


def bundle(tagger: TriggerTagger, scores: dict, lang: str = "nb") -> Path:
    """The bundled pipeline with this tagger at its end (replacing an earlier one), its scores in the meta."""
    target = model_path(lang)
    nlp = spacy.load(target)
    if COMPONENT in nlp.pipe_names:
        nlp.remove_pipe(COMPONENT)
    component = nlp.add_pipe(COMPONENT, config=settings(lang))
    component.table = tagger.table
    nlp.meta.setdefault("performance", {})["triggers_tune"] = scores["all"]
    with tempfile.TemporaryDirectory() as tmp:
        nlp.to_disk(Path(tmp) / "model")
        shutil.rmtree(target)
        shutil.copytree(Path(tmp) / "model", target)
    return target


cli = typer.Typer(add_completion=False)


@cli.command()
def main(
    corpus: Path = typer.Option(Path("corpus/events-nb"), help="the annotated event corpus"),
    data: Path = typer.Option(DEFAULT_DATA, help="folder with NorNE's no_bokmaal-ndt-{train,dev}.conllu"),
    bundle_model: bool = typer.Option(False, "--bundle", help="add the trained tagger to the bundled pipeline"),
) -> None:
    sentences = norne_sentences(data)
    tagger = TriggerTagger(**settings())
    tagger.learn(labelled_sentences(corpus, data, "triggers", "triggers", sentences))
    scores = score(tagger, labelled_sentences(corpus, data, "full", "tune", sentences))
    typer.echo(f"{len(tagger.table)} trigger lemmas learned; tuning part: {json.dumps(scores, ensure_ascii=False)}")
    if bundle_model:
        typer.echo(f"bundled into {bundle(tagger, scores)}")


if __name__ == "__main__":
    cli()
