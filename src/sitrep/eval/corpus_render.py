"""``sitrep eval events --corpus``: extract every corpus document afresh and print the scores (tables or JSON).

Misses and false events are listed for the tuning part only: the test part is never read to write rules from.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from sitrep.eval.corpus import CorpusDocument, CorpusError
from sitrep.eval.corpus_score import CorpusScores, score_corpus


def _pct(value: float) -> str:
    return f"{100 * value:.1f}"


def extractor(triggers: str):
    from sitrep.model import Article, article_dict
    from sitrep.nlp import load
    from sitrep.pipeline import extract_article

    nlp = load("nb")

    def extract(document: CorpusDocument) -> dict:
        return article_dict(extract_article(Article(document.id, document.text, "nb"), nlp, triggers))

    return extract


def prf_table(title: str, rows: dict, key: str) -> Table:
    table = Table(title=title)
    for column in (key, "P", "R", "F1", "gold", "extracted", "matched"):
        table.add_column(column, justify="left" if column == key else "right")
    for name, s in rows.items():
        table.add_row(name, _pct(s["precision"]), _pct(s["recall"]), _pct(s["f1"]), str(s["n_gold"]),
                      str(s["n_pred"]), str(s["matched"]))
    return table


def render(scores: CorpusScores, console: Console) -> None:
    o = scores.overall
    console.print(prf_table(
        f"events, corpus part {'+'.join(scores.parts)} ({scores.documents} documents, {scores.sentences} sentences), "
        f"triggers: {scores.triggers}", {"all": o}, "events"))
    console.print(f"false events that repeat a matched event: {scores.duplicates}")
    console.print(prf_table("by type (recall by gold type, precision by extracted type)", scores.per_type, "type"))
    statuses = Table(title="by gold status: events found, and with the right status")
    for column in ("status", "gold", "found", "recall", "status right", "accuracy"):
        statuses.add_column(column, justify="left" if column == "status" else "right")
    for name, s in scores.per_status.items():
        statuses.add_row(name, str(s["gold"]), str(s["found"]), _pct(s["recall"]), str(s["status_right"]),
                         _pct(s["status_accuracy"]) if s["found"] else "–")
    console.print(statuses)
    fields = Table(title="per field, over matched events")
    for column in ("field", "right", "scored", "accuracy"):
        fields.add_column(column, justify="left" if column == "field" else "right")
    for name, s in scores.fields.items():
        fields.add_row(name, str(s["right"]), str(s["scored"]), _pct(s["accuracy"]) if s["scored"] else "–")
    console.print(fields)
    predicted = sorted({t for row in scores.confusion.values() for t in row})
    confusion = Table(title="type confusion: gold type (rows) -> type extracted on its trigger (columns)")
    confusion.add_column("gold")
    for t in predicted:
        confusion.add_column(t[:8], justify="right")
    for gold, row in scores.confusion.items():
        confusion.add_row(gold, *[str(row.get(t, "")) for t in predicted])
    console.print(confusion)
    for miss in scores.misses:
        console.print(f"[red]missed[/red] {miss['doc']} {miss['type']}/{miss['mode'] or '-'} ({miss['status']}) "
                      f"«{' / '.join(miss['trigger'])}»  [dim]{miss['sentence'][:110]}[/dim]")
    for false in scores.false_events:
        tag = " (repeats a matched event)" if false["duplicate"] else ""
        console.print(f"[yellow]false[/yellow] {false['doc']} {false['type']} ({false['status']}) "
                      f"«{false['trigger']}»{tag}  [dim]{(false['sentence'] or '')[:110]}[/dim]")


def eval_corpus(corpus: Path, norne: Path, parts: list[str], triggers: str, json_out: bool) -> None:
    extract = extractor(triggers)
    console = Console(stderr=json_out)
    try:
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("extracting corpus documents", total=None)
            scores = score_corpus(corpus, norne, parts, extract, triggers, errors="test" not in parts,
                                  progress=lambda _doc: progress.advance(task))
    except CorpusError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if json_out:
        typer.echo(json.dumps(scores.to_dict(), indent=1, ensure_ascii=False))
        return
    render(scores, console)
