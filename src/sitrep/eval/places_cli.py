"""The ``sitrep eval places`` command: geocoding scored against the hand-checked place references."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

PARTS = {"tune": ("tune",), "test": ("test",), "all": ("tune", "test")}


def eval_places(
    reference: Annotated[
        Path, typer.Option("--reference", help="Reference file (corpus/places-nb/dev.tsv).")
    ] = Path("corpus/places-nb/dev.tsv"),
    norne: Annotated[
        Path | None,
        typer.Option("--norne", help="NorNE CoNLL-U file the references point into, to check every mention."),
    ] = None,
    part: Annotated[str, typer.Option("--part", help="tune | test | all.")] = "tune",
    json_out: Annotated[bool, typer.Option("--json", help="Print the scores (and every judgement) as JSON.")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="List every mention not placed right.")] = False,
) -> None:
    """Share of place mentions placed right (within 25 km, or the same country or division), put in the wrong
    country, or left unplaced, by kind of place."""
    from sitrep.eval.places import OUTCOMES, ReferenceFileError, check_mentions, read_references, score_places

    if part not in PARTS:
        typer.echo(f"error: --part {part!r}: one of {', '.join(PARTS)}", err=True)
        raise typer.Exit(2)
    try:
        refs = read_references(reference, PARTS[part])
        if norne is not None:
            check_mentions(refs, norne)
    except (OSError, ReferenceFileError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    scores = score_places(refs)
    summary = scores.to_dict()
    if json_out:
        summary["judged"] = [j.to_dict() for j in scores.judged]
        typer.echo(json.dumps(summary, indent=1, ensure_ascii=False))
        return
    table = Table(title=f"places: {reference} ({part}), {summary['scored']} scored mentions")
    table.add_column("reference kind")
    table.add_column("n", justify="right")
    for outcome in OUTCOMES:
        table.add_column(outcome, justify="right")
    for kind, row in summary["by_kind"].items():
        table.add_row(kind, str(row["n"]), *(str(row[o]) for o in OUTCOMES))
    table.add_row(
        "all scored",
        str(summary["scored"]),
        *(f"{summary[o.replace(' ', '_')]:.3f}" for o in OUTCOMES),
        style="bold",
    )
    console = Console()
    console.print(table)
    console.print(f"points (place, admin2, feature, poi) within 25 km: {summary['points_within_25_km']:.3f} "
                  f"of {summary['points']}")
    if errors:
        for j in scores.judged:
            if j.outcome != "right" and j.ref.kind != "none":
                got = "nothing" if j.cand is None else f"{j.cand.name} ({j.cand.kind}, {j.cand.country}, {j.cand.layer})"
                console.print(f"{j.ref.n:>4} {j.ref.mention!r}: {j.outcome}: {got}; reference {j.ref.name}")
