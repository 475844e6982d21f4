"""The ``sitrep`` command. Thin: parses options and calls the modules that do the work."""

from __future__ import annotations

import os
import sys
from enum import StrEnum

import typer

from sitrep.eval import cli as eval_cli
from sitrep.eval.corpus_cli import corpus_app
from sitrep.eval.places_cli import eval_places
from sitrep.read import options
from sitrep.store import cli as store_cli

EXIT_CODES = (
    "Exit codes: 0 every input read; 1 some inputs failed (each named on stderr, the rest were processed); "
    "2 a usage error (a bad option or argument); 3 an internal error (a bug in sitrep: please report it)."
)
app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Sourced, geocoded, time-resolved events from news.",
    epilog=EXIT_CODES,
)
INTERNAL_ERROR = 3
eval_app = typer.Typer(no_args_is_help=True, help="Score sitrep against gold files.")
app.add_typer(eval_app, name="eval")

# `sitrep eval ner`, `sitrep eval events`: the command functions live in sitrep.eval.cli
eval_app.command("ner")(eval_cli.eval_ner)
eval_app.command("events")(eval_cli.eval_events)
eval_app.command("places")(eval_places)
eval_app.add_typer(corpus_app, name="corpus")

# `sitrep ingest | events | stories | board | export | reextract | search`: bodies in sitrep.store.cli
store_cli.register(app)


class OutputFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="files, folders, globs, URLs or - (stdin)"),
    published: str | None = typer.Option(None, help="publication date YYYY[-MM[-DD]]; overrides the input's"),
    output_format: OutputFormat = typer.Option(OutputFormat.json, "--format", help="json, jsonl or table"),
    language: str | None = typer.Option(None, help="language code for inputs that do not state one, e.g. nb"),
    max_input_mb: options.MaxInputMb = options.DEFAULT_INPUT_MB,
    max_article_chars: options.MaxArticleChars = options.DEFAULT_ARTICLE_CHARS,
    max_feed_items: options.MaxFeedItems = options.DEFAULT_FEED_ITEMS,
) -> None:
    """Events of each article: who did what to whom, where, when, and who says so."""
    from rich.console import Console
    from rich.markup import escape

    from sitrep import render
    from sitrep.run import BadOption, extract_paths

    err = Console(stderr=True)
    results, failures = [], 0
    items = extract_paths(
        paths, published, on_error=lambda e: err.print(f"[red]error[/red] {escape(e)}", soft_wrap=True),
        language=language,
        limits=options.limits(max_input_mb, max_article_chars, max_feed_items),
    )
    try:
        for item in items:
            if item is None:
                failures += 1
            elif output_format == OutputFormat.jsonl:
                print(render.to_jsonl(item), flush=True)
            elif output_format == OutputFormat.table:
                render.print_table(item, Console())
            else:
                results.append(item)
    except BadOption as exc:
        err.print(f"[red]error[/red] {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from None
    if output_format == OutputFormat.json:
        sys.stdout.write(render.to_json(results) + "\n")
    raise typer.Exit(1 if failures else 0)


@app.command()
def geocode(
    name: str = typer.Argument(..., help="a place name, in any spelling (Kyiv, Kiev, Storbritannia)"),
    country: str | None = typer.Option(None, "--country", help="only places in this country (ISO alpha-2)"),
    as_json: bool = typer.Option(False, "--json", help="print JSON instead of a table"),
    limit: int = typer.Option(10, "--limit", help="how many candidates to show"),
) -> None:
    """Ranked gazetteer candidates for a place name."""
    from sitrep.geo.cli import geocode as run_geocode

    run_geocode(name, country, as_json, limit)


def main() -> None:
    try:
        app()
    except Exception as exc:  # what no command expected: one line and its own exit code
        reason = " ".join(str(exc).split())
        print(
            f"internal error: {type(exc).__name__}: {reason}\n"
            "This is a bug in sitrep; please report it with the command you ran (SITREP_TRACEBACK=1 shows where).",
            file=sys.stderr,
        )
        if os.environ.get("SITREP_TRACEBACK"):
            raise
        sys.exit(INTERNAL_ERROR)
