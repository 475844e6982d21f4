"""``sitrep geocode``: print the ranked candidates for a place name."""

from __future__ import annotations

import json

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from sitrep import geo
from sitrep.geo import build

# column: (right-aligned, minimum width). Scores and match kinds are in --json.
_COLUMNS = {
    "name": (False, 12),
    "geonameid": (True, 9),
    "lat": (True, 7),
    "lon": (True, 8),
    "admin1": (False, 10),
    "country": (False, 7),
    "kind": (False, 6),
    "population": (True, 10),
}


def geocode(name: str, country: str | None = None, as_json: bool = False, limit: int = 10) -> None:
    """Print candidates for ``name`` as a table (or JSON); exit status 1 when there are none."""
    err = Console(stderr=True)
    if not build.index_path().exists():
        with err.status("Building the gazetteer index (once; about half a minute)..."):
            geo.gazetteer()
    found = geo.candidates(name, country=country, limit=limit)
    if as_json:
        print(json.dumps([c.to_dict() for c in found], ensure_ascii=False, indent=2))
    elif found:
        table = Table(title=f"Places named {name!r}", box=box.SIMPLE_HEAD, pad_edge=False, padding=0)
        for column, (numeric, width) in _COLUMNS.items():
            table.add_column(column, justify="right" if numeric else "left", min_width=width, no_wrap=numeric)
        for c in found:
            table.add_row(*("" if v is None else str(v) for v in _row(c)))
        out = Console()
        (out if out.is_terminal else Console(width=160)).print(table)  # pipes get whole rows
    if not found:
        hint = "" if country else " (a near spelling of a foreign place counts only with --country)"
        err.print(f"No place found for {name!r}" + (f" in {country}" if country else hint))
        raise typer.Exit(1)


def _row(c: geo.Candidate) -> tuple:
    coords = (None, None) if c.lat is None else (f"{c.lat:.3f}", f"{c.lon:.3f}")
    return (c.name, c.geonameid, *coords, c.admin1, c.country, c.kind, c.population)
