"""Train the trigger tagger (``sitrep.nlp.trigger_tagger``) from the event corpus and add it to the bundled pipeline.

``python -m sitrep.nlp.training.triggers --corpus corpus/events-nb --data ../shared/data/norne [--bundle]`` parses
the documents of the trigger annotation (part ``triggers``, NorNE train split) with the bundled pipeline, labels
each content word with the type of the trigger it heads, fits a multinomial logistic regression (scikit-learn) with
the settings of ``nb-triggers.cfg`` and scores it on the triggers of the fully annotated tuning part (part
``tune``): precision, recall and F1 of typed triggers, overall and per type. ``--sweep`` scores a grid of settings
on the tuning part instead. The test part is never read here. ``--bundle`` puts the tagger at the end of the
bundled nb pipeline and records its scores in the model's meta. Model card: ``docs/model-nb.md``.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np
import spacy
import typer
from spacy.language import Language
from spacy.tokens import Doc, Token

from sitrep.eval.corpus import documents, norne_sentences, read_layer
from sitrep.nlp import load_dir, model_path
from sitrep.nlp.training import DEFAULT_DATA, config_path
from sitrep.nlp.trigger_tagger import NO_TRIGGER, TAGGED_POS, TriggerTagger, token_features

COMPONENT = "sitrep_trigger_tagger"
Example = tuple[Token, str]  # a content word and its gold label (a type, OTHER or NO_TRIGGER)


def _trigger_token(doc: Doc, start: int, end: int) -> Token | None:
    """The content word a trigger's characters stand for: the head of its span ("vil ikke oppgi" -> "oppgi")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    if span.root.pos_ in TAGGED_POS:
        return span.root
    return next((t for t in span if t.pos_ in TAGGED_POS), None)


def parser(lang: str = "nb") -> Language:
    """The bundled pipeline as extraction runs it, without the tagger being trained."""
    nlp = load_dir(model_path(lang))
    if COMPONENT in nlp.pipe_names:
        nlp.remove_pipe(COMPONENT)
    return nlp


def labelled_words(corpus: Path, data: Path, layer: str, part: str, sentences=None,
                   nlp: Language | None = None) -> list[Example]:
    """Every content word of the annotated documents of ``part``, parsed as extraction parses them, with its label.
    A trigger no content word stands for is reported on stderr, not learned from."""
    sentences = sentences or norne_sentences(data)
    nlp = nlp or parser()
    out: list[Example] = []
    for document in documents(corpus, data, [part], sentences):
        lines = read_layer(corpus, layer, document)
        if not lines:
            continue
        doc = nlp(document.text)
        where = {s.sent_id: s.offset for s in document.sentences}
        labels: dict[int, str] = {}
        for line in lines:
            for event in line["events"]:
                start, end = (where[line["sent_id"]] + k for k in event["trigger"])
                tok = _trigger_token(doc, start, end)
                if tok is None:
                    typer.echo(f"{document.id} sentence {line['sent_id']}: trigger {event['trigger']} has no content "
                               "word in the parse; left out", err=True)
                else:
                    labels.setdefault(tok.i, event["type"])
        out += [(tok, labels.get(tok.i, NO_TRIGGER)) for tok in doc if tok.pos_ in TAGGED_POS]
    return out


def settings(lang: str = "nb") -> dict:
    return dict(spacy.util.load_config(config_path(lang, "triggers"))["trigger_tagger"])


def fit(examples: list[Example], threshold: float, C: float, min_count: int) -> TriggerTagger:
    """A tagger fitted on ``examples``: features seen fewer than ``min_count`` times are left out."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [token_features(tok) for tok, _ in examples]
    counts = Counter(f for feats in rows for f in set(feats))
    vectorizer = DictVectorizer()
    X = vectorizer.fit_transform({f: 1 for f in feats if counts[f] >= min_count} for feats in rows)
    model = LogisticRegression(C=C, max_iter=2000)
    model.fit(X, [label for _, label in examples])
    coef, bias = model.coef_, model.intercept_
    if len(model.classes_) == 2:  # one logit for the second class: the first class's is zero
        coef, bias = np.vstack([np.zeros_like(coef), coef]), np.concatenate([np.zeros_like(bias), bias])
    tagger = TriggerTagger(threshold)
    tagger.set_model(list(model.classes_), list(vectorizer.get_feature_names_out()), coef.T, bias)
    return tagger


def score(tagger: TriggerTagger, examples: list[Example]) -> dict:
    """Typed-trigger P/R/F1 (OTHER left out on both sides), overall and per type."""
    tp, pred, gold = Counter(), Counter(), Counter()
    for tok, kind in examples:
        found = tagger.predict(tok)
        guess = found[0] if found and found[0] != "OTHER" else None
        kind = kind if kind not in ("OTHER", NO_TRIGGER) else None
        for name, counter in ((guess, pred), (kind, gold)):
            if name:
                counter[name] += 1
                counter["all"] += 1
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
    component = nlp.add_pipe(COMPONENT, config={"threshold": tagger.threshold})
    component.set_model(tagger.labels, sorted(tagger.features, key=tagger.features.get), tagger.weights, tagger.bias)
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
    sweep: bool = typer.Option(False, help="score a grid of C, min_count and threshold on the tuning part"),
) -> None:
    sentences = norne_sentences(data)
    nlp = parser()
    train = labelled_words(corpus, data, "triggers", "triggers", sentences, nlp)
    tune = labelled_words(corpus, data, "full", "tune", sentences, nlp)
    typer.echo(f"{len(train)} words to learn from ({sum(k != NO_TRIGGER for _, k in train)} triggers)")
    if sweep:
        for C in (1.0, 3.0, 10.0, 30.0):
            for min_count in (1, 2):
                tagger = fit(train, 0.5, C, min_count)
                for threshold in (0.1, 0.2, 0.3, 0.5):
                    tagger.threshold = threshold
                    typer.echo(f"C={C} min_count={min_count} threshold={threshold}: {score(tagger, tune)['all']}")
        return
    tagger = fit(train, **settings())
    scores = score(tagger, tune)
    typer.echo(f"{len(tagger.features)} features; tuning part: {json.dumps(scores, ensure_ascii=False)}")
    if bundle_model:
        typer.echo(f"bundled into {bundle(tagger, scores)}")


if __name__ == "__main__":
    cli()
