"""The ``sitrep eval ner`` and ``sitrep eval events`` commands (registered on ``eval_app`` in ``sitrep.cli``)."""

from __future__ import annotations

import calendar
import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sitrep.eval.events import EventScores, FieldResult, date_precision, score_events

if TYPE_CHECKING:
    from sitrep.eval.ner import NerScores


def _fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def _pct(value: float) -> str:
    return f"{100 * value:.1f}"


# ---- eval ner ---------------------------------------------------------------------------------------------


def load_pipeline(model: str):
    """A bundled pipeline by language code (``nb``) or a trained pipeline directory, with sitrep's rule components."""
    from sitrep import nlp as sitrep_nlp  # registers sitrep's spaCy callbacks before any load

    path = Path(model)
    if path.is_dir():
        try:
            return sitrep_nlp.load_dir(path)
        except (OSError, ValueError) as exc:
            _fail(f"cannot load spaCy pipeline {path}: {exc}")
    try:
        return sitrep_nlp.load(model)
    except sitrep_nlp.ModelNotFound as exc:
        _fail(str(exc))


def eval_ner(
    file: Annotated[Path, typer.Argument(help="NorNE-format CoNLL-U file (entities in name= of column 10).")],
    model: Annotated[
        str, typer.Option("--model", help="Bundled pipeline language code, or a spaCy pipeline directory.")
    ] = "nb",
    json_out: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    max_sents: Annotated[
        int, typer.Option("--max-sents", help="Sentences per document, as in training.")
    ] = 10,
) -> None:
    """Entity-level exact-match precision, recall and F1 (overall and per label) on a CoNLL-U file."""
    from sitrep.eval.ner import score_ner
    from sitrep.nlp.training.norne import CoNLLUError

    if not file.is_file():
        _fail(f"{file}: no such file")
    nlp = load_pipeline(model)
    console = Console(stderr=True)
    try:
        if json_out:
            scores = score_ner(file, nlp, max_sents=max_sents)
        else:
            with console.status(f"scoring {file.name} ..."):
                scores = score_ner(file, nlp, max_sents=max_sents)
    except (CoNLLUError, UnicodeDecodeError, OSError) as exc:
        _fail(f"{file}: {exc}")
    if json_out:
        typer.echo(json.dumps(scores.to_dict(), indent=1, ensure_ascii=False))
        return
    Console().print(ner_table(scores, title=f"NER on {file.name} ({scores.n_sentences} sentences)"))


def ner_table(scores: NerScores, title: str = "NER") -> Table:
    table = Table(title=title)
    for column in ("label", "P", "R", "F1", "support"):
        table.add_column(column, justify="left" if column == "label" else "right")
    for label, s in scores.per_label.items():
        table.add_row(label, _pct(s["precision"]), _pct(s["recall"]), _pct(s["f1"]), str(s["support"]))
    table.add_section()
    table.add_row(
        "all", _pct(scores.precision), _pct(scores.recall), _pct(scores.f1), str(scores.n_gold), style="bold"
    )
    table.caption = f"{scores.n_correct} right of {scores.n_pred} predicted, {scores.n_gold} gold"
    return table


# ---- eval events ------------------------------------------------------------------------------------------


def _read_json(path: Path, what: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        _fail(f"{what} {path}: no such file")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        _fail(f"{what} {path}: not readable JSON ({exc})")


def _same_article(article: dict, target: Path | None) -> bool:
    if target is None:
        return False
    path, ident = article.get("path"), str(article.get("id") or "")
    if path:
        try:
            if Path(path).resolve() == target.resolve() or Path(path).name == target.name:
                return True
        except OSError:
            pass
    return bool(ident) and (ident == target.stem or ident in target.stem.split("_"))


def select_article(data: Any, target: Path | None) -> dict:
    """The article of ``sitrep extract`` output that is ``target`` (by path or id), else the first one."""
    if isinstance(data, dict) and "articles" in data:
        articles = data["articles"]
    elif isinstance(data, list):
        articles = data
    elif isinstance(data, dict) and "events" in data:
        articles = [data]
    else:
        articles = []
    articles = [a for a in articles if isinstance(a, dict)]
    if not articles:
        _fail(
            'the predictions hold no article (expected {"articles": [...]}, the output of `sitrep extract`)'
        )
    return next((a for a in articles if _same_article(a, target)), articles[0])


def _published_interval(value: str):
    from sitrep.model import DateInterval, Precision

    precision = date_precision(value)
    parts = [int(p) for p in value.split("-")]
    if precision == "day":
        start = end = date(*parts[:3])
    elif precision == "month":
        start = date(parts[0], parts[1], 1)
        end = date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    else:
        start, end = date(parts[0], 1, 1), date(parts[0], 12, 31)
    return DateInterval(start, end, Precision(precision))


def extract_fresh(path: Path, published: str | None, triggers: str = "both") -> dict:
    """Read ``path`` and extract its events now, in the ``article_dict`` shape."""
    try:
        from sitrep.pipeline import extract_article
        from sitrep.read import read_path
    except ImportError as exc:
        _fail(f"fresh extraction is not available ({exc}); score saved output with --predictions")
    from sitrep.model import Article, article_dict, replace

    if not path.exists():
        _fail(f"article {path}: no such file")
    read = read_path(path)
    items = [read] if isinstance(read, Article) else list(read)  # Articles and ReadErrors
    articles = [a for a in items if isinstance(a, Article)]
    if not articles:
        problems = [str(e) for e in items if not isinstance(e, Article)]
        _fail(f"article {path}: " + (problems[0] if problems else "no article could be read"))
    article = articles[0]
    if published:
        article = replace(article, published=_published_interval(published))
    return article_dict(extract_article(article, triggers=triggers))


def eval_events(
    gold_file: Annotated[
        Path | None, typer.Argument(help="Gold file (format in examples/README.md); or give --corpus.")
    ] = None,
    article: Annotated[
        Path | None, typer.Option("--article", help="The article to extract (default: the gold file's doc).")
    ] = None,
    predictions: Annotated[
        Path | None, typer.Option("--predictions", help="Saved `sitrep extract` JSON to score instead.")
    ] = None,
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date YYYY[-MM[-DD]] overriding the article's."),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    corpus: Annotated[
        Path | None, typer.Option("--corpus", help="Score over an annotated event corpus (corpus/events-nb).")
    ] = None,
    norne: Annotated[
        Path, typer.Option("--norne", help="With --corpus: the NorNE folder the corpus texts are read from.")
    ] = Path("../shared/data/norne"),
    part: Annotated[str, typer.Option("--part", help="With --corpus: tune | test | all.")] = "tune",
    triggers: Annotated[
        str, typer.Option("--triggers", help="Trigger source: both (tagger and lexicon) | tagger | lexicon.")
    ] = "both",
) -> None:
    """Event precision/recall/F1 (all and required) and per-field accuracy against a gold file or a corpus."""
    from sitrep.extract.triggers import TRIGGER_SOURCES

    if triggers not in TRIGGER_SOURCES:
        _fail(f"--triggers {triggers!r}: one of {', '.join(TRIGGER_SOURCES)}")
    if corpus is not None:
        from sitrep.eval.corpus_render import eval_corpus

        parts = {"tune": ["tune"], "test": ["test"], "all": ["tune", "test"]}.get(part)
        if parts is None:
            _fail(f"--part {part!r}: one of tune, test, all")
        eval_corpus(corpus, norne, parts, triggers, json_out)
        return
    if gold_file is None:
        _fail("give a gold file or --corpus DIR")
    gold = _read_json(gold_file, "gold file")
    if not isinstance(gold, dict) or not isinstance(gold.get("events"), list):
        _fail(f"gold file {gold_file}: no 'events' list")
    if published:
        try:
            _published_interval(published)
        except ValueError as exc:
            _fail(f"--published {published!r}: {exc}")
    target = article or (gold_file.parent / gold["doc"] if gold.get("doc") else None)
    if predictions is not None:
        predicted = select_article(_read_json(predictions, "predictions"), target)
    else:
        if target is None:
            _fail(f"gold file {gold_file} names no doc: give --article or --predictions")
        predicted = extract_fresh(target, published, triggers)
    precision = published or (predicted.get("published") or {}).get("precision") or gold.get("published")
    try:
        scores = score_events(gold, predicted, precision)
    except ValueError as exc:
        _fail(str(exc))
    if json_out:
        typer.echo(json.dumps(scores.to_dict(), indent=1, ensure_ascii=False, default=str))
        return
    render_events(scores, Console(), title=f"events: {gold_file.name}")


def events_summary(scores: EventScores, title: str = "events") -> Table:
    table = Table(title=f"{title} (time rule: published {scores.published_precision})")
    for column in ("events", "P", "R", "F1", "matched", "extracted", "gold"):
        table.add_column(column, justify="left" if column == "events" else "right")
    for name, prf in (("all", scores.all), ("required", scores.required)):
        table.add_row(
            name,
            _pct(prf.precision),
            _pct(prf.recall),
            _pct(prf.f1),
            str(prf.matched),
            str(prf.n_pred),
            str(prf.n_gold),
        )
    return table


def fields_table(scores: EventScores) -> Table:
    table = Table(title="per field, over matched events")
    for column in ("field", "right", "scored", "accuracy"):
        table.add_column(column, justify="left" if column == "field" else "right")
    for name, s in scores.fields.items():
        table.add_row(name, str(s["right"]), str(s["scored"]), _pct(s["accuracy"]) if s["scored"] else "–")
    table.add_section()
    for name, s in scores.info.items():
        table.add_row(
            f"{name} (info)",
            str(s["agree"]),
            str(s["compared"]),
            _pct(s["rate"]) if s["compared"] else "–",
            style="dim",
        )
    return table


def types_table(scores: EventScores) -> Table:
    table = Table(title="by type (recall by gold type, precision by extracted type)")
    for column in ("type", "P", "R", "F1", "gold", "extracted"):
        table.add_column(column, justify="left" if column == "type" else "right")
    for name, s in scores.per_type.items():
        table.add_row(
            name, _pct(s["precision"]), _pct(s["recall"]), _pct(s["f1"]), str(s["n_gold"]), str(s["n_pred"])
        )
    return table


def _field_text(name: str, fr: FieldResult) -> Text:
    if fr.right is None:
        return Text(f"{name} –", style="dim")
    if fr.right:
        return Text(f"{name} ✓", style="green")
    return Text(f"{name} ✗ ({fr.reason})", style="red")


def render_events(scores: EventScores, console: Console, title: str = "events") -> None:
    console.print(events_summary(scores, title))
    console.print(fields_table(scores))
    console.print(types_table(scores))
    ents = scores.entities
    if ents.get("total"):
        missing = f" — missing: {', '.join(ents['missing'])}" if ents["missing"] else ""
        console.print(f"gold entities found with the right kind: {ents['found']}/{ents['total']}{missing}")
    for ev in scores.gold_events:
        head = Text()
        head.append(
            "✓ " if ev.matched is not None else "✗ ", style="green" if ev.matched is not None else "red"
        )
        head.append(f"{ev.id} ", style="bold")
        head.append(f"{ev.type}{' (required)' if ev.required else ''}")
        if ev.matched is None:
            head.append(f": {ev.reason}", style="red")
            console.print(head)
            continue
        head.append(f" → #{ev.matched} {ev.predicted_type} «{ev.trigger or ''}»")
        console.print(head)
        console.print(Text("    ").append(Text("  ").join(_field_text(n, fr) for n, fr in ev.fields.items())))
        if ev.info:
            info = Text("  ").join(
                Text(f"{n} {'✓' if fr.right else '✗'}", style="dim") for n, fr in ev.info.items()
            )
            console.print(Text("    info: ", style="dim").append(info))
    for outcome, label in (("false_positive", "✗ unmatched"), ("neutral", "· neutral, left out")):
        for p in (p for p in scores.predictions if p.outcome == outcome):
            line = Text(
                f"{label}: #{p.index} {p.type} «{p.trigger or ''}»",
                style="red" if outcome != "neutral" else "dim",
            )
            sentence = " ".join((p.sentence or "").split())
            line.append(f"  {sentence[:90]}{'…' if len(sentence) > 90 else ''}", style="dim")
            console.print(line)
    n_other = sum(p.outcome == "other" for p in scores.predictions)
    if n_other:
        console.print(Text(f"{n_other} extracted event(s) of type OTHER left out", style="dim"))
