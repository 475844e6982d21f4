"""Reproduce sitrep's bundled pipelines from their training data.

``python -m sitrep.nlp.training nb --data ../shared/data/norne`` converts NorNE (NDT layer), builds the name-list
feature table, trains with the committed ``nb.cfg`` and, with ``--bundle``, copies the best model into the package
when its dev entity F1 beats the bundled one.
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


def config_path(lang: str) -> Path:
    return Path(str(resources.files(__package__) / f"{lang}.cfg"))


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

    nlp = spacy.blank(lang)
    add_abbreviations(nlp, lang)
    keys, rows = build_table(lambda text: [t.text for t in nlp.make_doc(text)])
    add_to_vocab(nlp.vocab, keys, rows)
    nlp.to_disk(out)
    return out


def train(
    lang: str = "nb",
    data: Path = DEFAULT_DATA,
    output: Path = Path("training-runs/nb"),
    name_features: bool = True,
    limit: int = 0,
    overrides: dict | None = None,
) -> Path:
    """Train the pipeline; returns the ``model-best`` directory."""
    from spacy.cli.train import train as spacy_train

    corpus = convert(data, output / "corpus", lang, limit)
    settings = {"paths.train": str(corpus["train"]), "paths.dev": str(corpus["dev"])}
    if name_features:
        settings["paths.vectors"] = str(build_vectors(output / "vectors", lang))
    else:
        settings["components.tok2vec.model.embed.include_static_vectors"] = False
    settings.update(overrides or {})
    spacy_train(config_path(lang), output / "model", overrides=settings)
    return output / "model" / "model-best"


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
