"""The ``sitrep`` command. Thin: parses options and calls the modules that do the work."""

from __future__ import annotations

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Sourced, geocoded, time-resolved events from news.")
eval_app = typer.Typer(no_args_is_help=True, help="Score sitrep against gold files.")
app.add_typer(eval_app, name="eval")


def main() -> None:
    app()
