"""Reproduce sitrep's bundled pipelines from their training data.

``python -m sitrep.nlp.training nb --data ../shared/data/norne`` converts NorNE (NDT layer), builds the name-list
feature table, trains with the committed ``nb-ner.cfg`` and ``nb-syntax.cfg`` and joins the two parts; with
``--bundle`` it copies the joined model into the package when its dev entity F1 beats the bundled one.
"""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from sitrep.nlp import model_path
from sitrep.nlp.tokenizer import add_abbreviations
from sitrep.nlp.training.norne import conllu_to_docs

DEFAULT_DATA = Path("../shared/data/norne")


PARTS = ("ner", "syntax")  # trained side by side, one per core, then joined into one pipeline


def config_path(lang: str, part: str) -> Path:
    return Path(str(resources.files(__package__) / f"{lang}-{part}.cfg"))


def convert(data: Path, out: Path, lang: str = "nb", limit: int = 0) -> dict[str, Path]:
    """NorNE NDT train/dev -> DocBin files in ``out``; ``limit`` keeps the first N docs (smoke tests)."""
    out.mkdir(parents=True, exist_ok=True)
    vocab = spacy.blank(lang).vocab
    paths = {}
    for split in ("train", "dev"):
        source = data / f"no_bokmaal-ndt-{split}.conllu"
        if not source.exists():
            raise FileNotFoundError(f"{source}: NorNE file not found (get NorNE from https://github.com/ltgoslo/norne)")
        docs = conllu_to_docs(source, vocab)
        if limit:
            docs = docs[:limit]
        paths[split] = out / f"{split}.spacy"
        DocBin(docs=docs, store_user_data=False).to_disk(paths[split])
    return paths


def build_vectors(out: Path, lang: str = "nb") -> Path:
    """A blank pipeline holding only the name-feature table, for ``[initialize] vectors``."""
    from sitrep.nlp.training.name_features import add_to_vocab, build_table

    # names are tokenized in a throwaway pipeline: its vocab fills up with every name form and its parts
    scratch = spacy.blank(lang)
    add_abbreviations(scratch, lang)
    keys, rows = build_table(lambda text: [t.text for t in scratch.make_doc(text)], lang)
    nlp = spacy.blank(lang)
    add_abbreviations(nlp, lang)
    add_to_vocab(nlp.vocab, keys, rows)
    nlp.to_disk(out)
    return out


def _train_part(config: Path, output: Path, overrides: dict) -> None:
    from spacy.cli.train import train as spacy_train

    import sitrep.nlp.tokenizer  # noqa: F401  (registers the tokenizer callback in this process)

    spacy_train(config, output, overrides=overrides)


def train(
    lang: str = "nb",
    data: Path = DEFAULT_DATA,
    output: Path = Path("training-runs/nb"),
    limit: int = 0,
    overrides: dict | None = None,
    name_features: bool = True,
) -> Path:
    """Train the NER part and the syntax part (tagger, morphologizer, parser, lemmatizer) in parallel and join
    them; returns the joined model directory. ``overrides`` apply to both configs (smoke tests).

    ``name_features=False`` skips the name-list table (which needs names-dataset, ~30 s and several GB of RAM
    to build) and trains the NER tok2vec without static vectors: for smoke tests, not for a model to ship."""
    import multiprocessing

    corpus = convert(data, output / "corpus", lang, limit)
    shared = {"paths.train": str(corpus["train"]), "paths.dev": str(corpus["dev"])}
    # only the NER part reads the name table; the syntax part would just carry its keys in its vocab
    ner = {"paths.vectors": str(build_vectors(output / "vectors", lang))} if name_features else {
        "components.tok2vec.model.embed.include_static_vectors": False
    }
    settings = {"ner": {**shared, **ner, **(overrides or {})}, "syntax": {**shared, **(overrides or {})}}
    ctx = multiprocessing.get_context("spawn")
    jobs = [
        ctx.Process(target=_train_part, args=(config_path(lang, part), output / part, settings[part])) for part in PARTS
    ]
    for job in jobs:
        job.start()
    for job in jobs:
        job.join()
    failed = [part for part, job in zip(PARTS, jobs) if job.exitcode != 0]
    if failed:
        raise RuntimeError(f"training of the {', '.join(failed)} part failed (see the log above)")
    return assemble(output / "ner" / "model-best", output / "syntax" / "model-best", output / "model")


def assemble(ner_dir: Path, syntax_dir: Path, out: Path) -> Path:
    """One pipeline: the syntax components (sharing their tok2vec) and NER with its own tok2vec and name features."""
    nlp = spacy.load(ner_dir)
    nlp.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
    nlp.remove_pipe("tok2vec")
    syntax_nlp = spacy.load(syntax_dir)
    for name in syntax_nlp.pipe_names:
        nlp.add_pipe(name, source=syntax_nlp, before="ner")
    scores = {**dev_scores(syntax_dir), **dev_scores(ner_dir)}
    nlp.meta.update({"name": "sitrep", "version": "0.1.0", "performance": scores})
    nlp.meta["sources"] = [{"name": "NorNE (NDT layer)", "url": "https://github.com/ltgoslo/norne", "license": "CC0 1.0"}]
    nlp.to_disk(out)
    return out


def dev_scores(model_dir: Path) -> dict:
    meta = json.loads((model_dir / "meta.json").read_text())
    return meta.get("performance", {})


def bundle(model_dir: Path, lang: str = "nb", force: bool = False) -> bool:
    """Copy a trained model into the package when its dev entity F1 is better than the bundled one."""
    target = model_path(lang)
    new = dev_scores(model_dir).get("ents_f") or 0.0
    old = (dev_scores(target).get("ents_f") or 0.0) if (target / "meta.json").exists() else 0.0
    if new <= old and not force:
        return False
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(model_dir, target)
    return True
