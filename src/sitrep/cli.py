"""The ``sitrep`` command. Thin: parses options and calls the modules that do the work."""

from __future__ import annotations

import typer

from sitrep.eval import cli as eval_cli

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Sourced, geocoded, time-resolved events from news.")
eval_app = typer.Typer(no_args_is_help=True, help="Score sitrep against gold files.")
app.add_typer(eval_app, name="eval")

# `sitrep eval ner`, `sitrep eval events`: the command functions live in sitrep.eval.cli
eval_app.command("ner")(eval_cli.eval_ner)
eval_app.command("events")(eval_cli.eval_events)


def main() -> None:
    app()
