"""The store's commands: ``sitrep ingest | events | stories | board | export | reextract | search``.

``register(app)`` adds them to the ``sitrep`` Typer app. Command bodies import the store (SQLAlchemy), the readers
and the NLP pipeline only when they run, so ``sitrep --help`` stays fast.
"""

from __future__ import annotations

import csv
import importlib
import json
import sys
from calendar import monthrange
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from sitrep.read import options

DEFAULT_EXTRACTOR = "sitrep.pipeline:extract_article"

DB_HELP = "database: a SQLite file or a postgresql:// URL [default: $SITREP_DB or ./sitrep.db]"


class QueryFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    acled_csv = "acled-csv"
    geojson = "geojson"
    plover_json = "plover-json"


class Level(StrEnum):
    events = "events"
    stories = "stories"


# ---- options shared by the commands -------------------------------------------------------------------------

DbOption = Annotated[str | None, typer.Option("--db", help=DB_HELP)]
TypeOption = Annotated[str | None, typer.Option("--type", help="PLOVER type, e.g. COERCE")]
ModeOption = Annotated[str | None, typer.Option("--mode", help="PLOVER mode, e.g. seize")]
ActorOption = Annotated[str | None, typer.Option("--actor", help="actor name contains")]
TargetOption = Annotated[str | None, typer.Option("--target", help="target name contains")]
PlaceOption = Annotated[str | None, typer.Option("--place", help="place name contains, or a GeoNames id")]
CountryOption = Annotated[
    str | None, typer.Option("--country", help="ISO 3166-1 alpha-2 country of the place")
]
SinceOption = Annotated[str | None, typer.Option("--since", help="from YYYY[-MM[-DD]]")]
UntilOption = Annotated[str | None, typer.Option("--until", help="until YYYY[-MM[-DD]]")]
SourceOption = Annotated[str | None, typer.Option("--source", help="who says so, or the outlet, contains")]
LimitOption = Annotated[int | None, typer.Option("--limit", help="at most this many")]
FormatOption = Annotated[QueryFormat, typer.Option("--format", help="table, json or csv")]
ExtractorOption = Annotated[str, typer.Option(hidden=True, help="module:function extracting an Article")]


# ---- shared pieces ------------------------------------------------------------------------------------------


def _err():
    from rich.console import Console

    return Console(stderr=True)


def _fail(message: str, code: int = 2) -> typer.Exit:
    _err().print(f"[red]error[/red] {message}", soft_wrap=True, highlight=False)
    return typer.Exit(code)


def _open(db: str | None):
    from sitrep.store import open_store
    from sitrep.store.db import redact

    try:
        return open_store(db)
    except Exception as exc:  # noqa: BLE001 - a clear one-line error instead of a traceback
        from sitrep.store.db import database_url

        raise _fail(
            f"cannot open the database {redact(database_url(db))}: {' '.join(str(exc).split())}"
        ) from None


def date_bound(value: str | None, end: bool) -> date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as the first (or, with ``end``, last) day it covers."""
    if not value:
        return None
    parts = value.strip().split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 1:
            return date(numbers[0], 12, 31) if end else date(numbers[0], 1, 1)
        if len(numbers) == 2:
            y, m = numbers
            return date(y, m, monthrange(y, m)[1]) if end else date(y, m, 1)
        if len(numbers) == 3:
            return date(*numbers)
    except ValueError:
        pass
    raise typer.BadParameter(f"{value!r} is not a date YYYY[-MM[-DD]]")


def _filters(options: dict[str, Any]):
    """The ``Filters`` a command was given: its parameters named like the fields of ``Filters`` (pass
    ``locals()`` first thing in the command), with ``since``/``until`` read as dates."""
    from dataclasses import fields

    from sitrep.store import Filters

    given = {f.name: options[f.name] for f in fields(Filters) if f.name in options}
    given["since"] = date_bound(given.get("since"), end=False)
    given["until"] = date_bound(given.get("until"), end=True)
    _check_filters(given)
    return Filters(**given)


def _one_of(option: str, value: str, allowed) -> None:
    raise typer.BadParameter(f"{value!r} is not one of: {', '.join(allowed)}", param_hint=option)


def _check_filters(given: dict[str, Any]) -> None:
    """Refuse values no stored record can have: an unknown type, mode, status or country, a limit below 1."""
    import pycountry

    from sitrep.ontology import MODES, STORY_STATUSES, TYPES, all_modes

    type_, mode = given.get("type"), given.get("mode")
    if type_ and type_.upper() not in TYPES:
        _one_of("--type", type_, TYPES)
    if mode:
        allowed = MODES.get(type_.upper(), ()) if type_ else all_modes()
        if mode not in allowed:
            _one_of("--mode", mode, allowed or ["(none for this type)"])
    status = given.get("status")
    if status and status.lower() not in STORY_STATUSES:
        _one_of("--status", status, STORY_STATUSES)
    country = given.get("country")
    if country and pycountry.countries.get(alpha_2=country.upper()) is None:
        raise typer.BadParameter(f"{country!r} is not an ISO 3166-1 alpha-2 country code", param_hint="--country")
    limit = given.get("limit")
    if limit is not None and limit < 1:
        raise typer.BadParameter(f"{limit} is not a positive number", param_hint="--limit")


def load_extractor(spec: str):
    """``module:function`` -> the function (an ``Article -> ExtractedArticle`` callable)."""
    module_name, _, attr = spec.partition(":")
    if not module_name or not attr:
        raise _fail(f"--extractor must be module:function, got {spec!r}")
    try:
        extract = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise _fail(f"cannot load the extractor {spec}: {exc}") from None
    if (
        spec == DEFAULT_EXTRACTOR
    ):  # load the bundled model now: a missing one is one error, not one per article
        try:
            from sitrep.nlp import load

            load("nb")
        except Exception as exc:  # noqa: BLE001
            raise _fail(f"cannot load the NLP model: {' '.join(str(exc).split())}") from None
    return extract


def current_pipeline_version(extractor: str = DEFAULT_EXTRACTOR, lang: str = "nb") -> str:
    """sitrep's version plus the bundled model's name and version (or the extractor's name, for another one)."""
    from sitrep.store.write import pipeline_version

    if extractor != DEFAULT_EXTRACTOR:
        return pipeline_version(extractor)
    from sitrep.nlp import model_path

    model = None
    try:
        meta = json.loads((model_path(lang) / "meta.json").read_text("utf-8"))
        model = f"{meta.get('lang', lang)}_{meta['name']} {meta['version']}"  # spaCy's package name
    except (OSError, KeyError, ValueError):
        pass
    return pipeline_version(model)


def _dump_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n")


def _write_csv(columns: list[str], rows: list[dict[str, Any]]) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})


def _output(
    output_format: QueryFormat, items: list, to_json, columns: list[str], to_csv, print_table
) -> None:
    """``items`` on stdout as JSON (``to_json`` each), CSV (``columns``, ``to_csv`` each) or a table."""
    if output_format == QueryFormat.json:
        _dump_json([to_json(item) for item in items])
    elif output_format == QueryFormat.csv:
        _write_csv(columns, [to_csv(item) for item in items])
    else:
        print_table(items)


def _print_failures(err, failures: list[tuple[str, str]], most: int = 50) -> None:
    for where, reason in failures[:most]:
        err.print(f"[red]failed[/red] {where}: {reason}", soft_wrap=True, highlight=False)
    if len(failures) > most:
        err.print(f"... and {len(failures) - most} more (see the failures table)")


def _when(start: date | None, end: date | None) -> str:
    if start is None:
        return "?"
    if end == start:
        return start.isoformat()
    return f"{start.isoformat()}..{end.isoformat() if end else ''}"


def _row(*cells: Any) -> list:
    """Table cells as plain text: words from articles are never read as Rich markup ("[Kunduz]")."""
    from rich.text import Text

    return [c if isinstance(c, Text) else Text(str(c)) for c in cells]


def _status_cell(status: str, detail: str):
    from rich.text import Text

    return Text.assemble(status, "\n", (detail, "dim"))


def _cut(text: str | None, width: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


# ---- ingest -------------------------------------------------------------------------------------------------


def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="files, folders, globs, URLs (pages, RSS/Atom feeds) or - (stdin)")
    ],
    db: DbOption = None,
    published: Annotated[
        str | None, typer.Option(help="publication date YYYY[-MM[-DD]] for inputs that give none")
    ] = None,
    extractor: ExtractorOption = DEFAULT_EXTRACTOR,
    max_input_mb: options.MaxInputMb = options.DEFAULT_INPUT_MB,
    max_article_chars: options.MaxArticleChars = options.DEFAULT_ARTICLE_CHARS,
    max_feed_items: options.MaxFeedItems = options.DEFAULT_FEED_ITEMS,
) -> None:
    """Read, extract and store articles with their events; merge them into stories. Idempotent."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from sitrep.read import ReadError, read_paths
    from sitrep.store import ingest as run_ingest

    err = _err()
    with _open(db) as store:
        extract = load_extractor(extractor)
        version = current_pipeline_version(extractor)
        columns = (
            SpinnerColumn(),
            TextColumn("[bold]ingest[/bold] {task.completed} read"),
            BarColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
        )
        try:
            with Progress(*columns, console=err, transient=False) as progress:
                task = progress.add_task("", total=None)

                def on_item(summary, _item) -> None:
                    progress.update(
                        task,
                        advance=1,
                        description=f"new {summary.new} · duplicate {summary.duplicate} · failed {summary.failed}",
                    )

                summary = run_ingest(
                    store,
                    read_paths(paths, published, limits=options.limits(max_input_mb, max_article_chars, max_feed_items)),
                    extract,
                    pipeline_version=version,
                    progress=on_item,
                )
        except ReadError as exc:  # the caller's own argument (e.g. --published) is bad
            raise _fail(str(exc)) from None
    _print_failures(err, summary.failures)
    err.print(
        f"read {summary.read} · new {summary.new} · duplicate {summary.duplicate} · failed {summary.failed} · "
        f"events {summary.events}",
        highlight=False,
    )
    raise typer.Exit(1 if summary.failed else 0)


# ---- events -------------------------------------------------------------------------------------------------

# CSV column -> store column, for the place of events and stories
_PLACE_CSV = {
    "place": "place_name",
    "geonameid": "place_geonameid",
    "lat": "place_lat",
    "lon": "place_lon",
    "admin1": "place_admin1",
    "country": "place_country",
}

EVENT_COLUMNS = [
    "id",
    "article_id",
    "story_id",
    "published",
    "outlet",
    "url",
    "type",
    "mode",
    "contexts",
    "acled_event_type",
    "acled_sub_event_type",
    "actor",
    "actor_text",
    "co_actors",
    "target",
    "target_text",
    *_PLACE_CSV,
    "place_kind",
    "time_start",
    "time_end",
    "time_precision",
    "time_text",
    "status",
    "conditional",
    "negated",
    "sources",
    "fatalities",
    "confidence",
    "trigger",
    "sentence",
    "pipeline_version",
]


# CSV columns that hold an event's stored column as it is
_EVENT_CSV_AS_STORED = (
    "type",
    "mode",
    "acled_event_type",
    "acled_sub_event_type",
    "actor",
    "actor_text",
    "target",
    "target_text",
    "place_kind",
    "time_start",
    "time_end",
    "time_precision",
    "status",
    "conditional",
    "negated",
)


def event_csv_row(record) -> dict[str, Any]:
    from sitrep.store.records import event_columns, fatalities

    e = record.event
    columns = event_columns(e)
    return {
        "id": record.id,
        "article_id": record.article_id,
        "story_id": record.story_id,
        "published": record.published.start if record.published else None,
        "outlet": record.outlet,
        "url": record.url,
        **{k: columns[k] for k in _EVENT_CSV_AS_STORED},
        **{k: columns[c] for k, c in _PLACE_CSV.items()},
        "contexts": "; ".join(e.contexts),
        "co_actors": "; ".join(a.canonical or a.span.text for a in e.co_actors),
        "time_text": e.time.span.text if e.time and e.time.span else None,
        "sources": "; ".join(s.canonical or s.span.text for s in e.sources),
        "fatalities": fatalities(e),  # the sum of the killed counts, as the store and the ACLED export have it
        "confidence": round(e.confidence, 3),
        "trigger": e.trigger.text,
        "sentence": e.sentence.text,
        "pipeline_version": record.pipeline_version,
    }


def _print_events(records) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, title=f"{len(records)} events")
    for name in ("when", "type", "actor", "target", "place", "status", "says who", "outlet", "sentence"):
        table.add_column(name, overflow="fold")
    for r in records:
        e = r.event
        interval = e.time.interval if e.time else r.published
        place = e.place
        table.add_row(
            *_row(
                _when(interval.start, interval.end) if interval else "?",
                e.type + (f"/{e.mode}" if e.mode else ""),
                (e.actor.canonical or e.actor.span.text) if e.actor else "",
                (e.target.canonical or e.target.span.text) if e.target else "",
                (f"{place.name} ({place.country})" if place.country else place.name) if place else "",
                ("denied" if e.negated else str(e.status)),
                ", ".join(s.canonical or s.span.text for s in e.sources),
                r.outlet or "",
                _cut(e.sentence.text),
            )
        )
    Console().print(table)


def events(
    db: DbOption = None,
    type: TypeOption = None,
    mode: ModeOption = None,
    actor: ActorOption = None,
    target: TargetOption = None,
    place: PlaceOption = None,
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    status: Annotated[
        str | None, typer.Option("--status", help="asserted, reported, claimed, confirmed, denied, ...")
    ] = None,
    source: SourceOption = None,
    article: Annotated[str | None, typer.Option("--article", help="only this article id")] = None,
    story: Annotated[str | None, typer.Option("--story", help="only the reports of this story id")] = None,
    limit: LimitOption = None,
    output_format: FormatOption = QueryFormat.table,
) -> None:
    """Stored events (one per report), filtered."""
    filters = _filters(locals())
    from sitrep.store import query_events

    with _open(db) as store:
        records = query_events(store, filters)
    _output(output_format, records, lambda r: r.to_dict(), EVENT_COLUMNS, event_csv_row, _print_events)


# ---- stories ------------------------------------------------------------------------------------------------

STORY_COLUMNS = [
    "id",
    "type",
    "mode",
    "actor",
    "target",
    *_PLACE_CSV,
    "time_start",
    "time_end",
    "time_precision",
    "status",
    "statuses",
    "n_reports",
    "n_articles",
    "n_sources",
    "n_outlets",
    "outlets",
    "sources",
    "first_report",
    "last_report",
    "fatalities",
    "acled_event_type",
    "acled_sub_event_type",
]


def story_csv_row(story) -> dict[str, Any]:
    r = story.row
    return {
        **{k: r.get(k) for k in STORY_COLUMNS if k in r},
        **{k: r[c] for k, c in _PLACE_CSV.items()},
        "statuses": "; ".join(f"{k}={v}" for k, v in (r["statuses"] or {}).items()),
        "outlets": "; ".join(r["outlets"] or []),
        "sources": "; ".join(r["sources"] or []),
    }


def _print_stories(records) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(records)} stories")
    for name in (
        "when",
        "type",
        "actor → target",
        "place",
        "status",
        "reports",
        "sources",
        "outlets (copies)",
        "reported",
    ):
        table.add_column(name, overflow="fold")
    for s in records:
        statuses = ", ".join(f"{k} {v}" for k, v in (s.statuses or {}).items())
        table.add_row(
            *_row(
                _when(s.time_start, s.time_end),
                s.type + (f"/{s.mode}" if s.mode else ""),
                f"{s.actor or '?'} → {s.target or '–'}",
                (f"{s.place_name} ({s.place_country})" if s.place_country else s.place_name)
                if s.place_name
                else "",
                _status_cell(s.status, statuses),
                str(s.n_reports),
                f"{s.n_sources}: {', '.join(s.sources or [])}",
                "; ".join(a.label() for a in s.independent),
                _when(s.first_report, s.last_report),
            )
        )
    Console().print(table)


def stories(
    db: DbOption = None,
    type: TypeOption = None,
    mode: ModeOption = None,
    actor: ActorOption = None,
    target: TargetOption = None,
    place: PlaceOption = None,
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    status: Annotated[
        str | None, typer.Option("--status", help="the story's status: confirmed, disputed, claimed, ...")
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="any report's source or outlet contains")
    ] = None,
    article: Annotated[
        str | None, typer.Option("--article", help="stories with a report from this article")
    ] = None,
    limit: LimitOption = None,
    min_sources: Annotated[
        int, typer.Option("--min-sources", help="only stories with at least this many sources")
    ] = 1,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="recompute every story from the events first")
    ] = False,
    output_format: FormatOption = QueryFormat.table,
) -> None:
    """Stories: the reports of one real event merged, with sources and the status across reports."""
    filters = _filters(locals())
    from sitrep.store import query_stories
    from sitrep.stories import rebuild_stories

    with _open(db) as store:
        if rebuild:
            with store.write() as conn:
                n = rebuild_stories(conn)
            _err().print(f"rebuilt {n} stories", highlight=False)
        records = [s for s in query_stories(store, filters) if s.n_sources >= min_sources]
    _output(output_format, records, lambda s: s.to_dict(), STORY_COLUMNS, story_csv_row, _print_stories)


# ---- board --------------------------------------------------------------------------------------------------

BOARD_COLUMNS = [
    "place",
    "geonameid",
    "lat",
    "lon",
    "admin1",
    "story_id",
    "when_start",
    "when_end",
    "to",
    "from",
    "status",
    "statuses",
    "n_sources",
    "according_to",
    "outlets",
    "first_report",
    "last_report",
]


def board(
    country: Annotated[str, typer.Option("--country", help="ISO 3166-1 alpha-2, e.g. AF")],
    type: Annotated[str, typer.Option("--type", help="PLOVER type of the change")] = "COERCE",
    mode: Annotated[
        str | None, typer.Option("--mode", help="PLOVER mode of the change ('' for any)")
    ] = "seize",
    db: DbOption = None,
    output_format: FormatOption = QueryFormat.table,
) -> None:
    """For each place: when it changed hands, to whom, according to whom, and how sure."""
    from rich.console import Console
    from rich.table import Table

    from sitrep.store import board as run_board

    with _open(db) as store:
        rows = run_board(store, country, type=type, mode=mode or None)
    if output_format == QueryFormat.json:
        _dump_json([r.to_dict() for r in rows])
        return
    flat = []
    for r in rows:
        for s in r.changes:
            flat.append(
                {
                    "place": r.place,
                    "geonameid": r.geonameid,
                    "lat": r.lat,
                    "lon": r.lon,
                    "admin1": r.admin1,
                    "story_id": s.id,
                    "when_start": s.time_start,
                    "when_end": s.time_end,
                    "to": s.actor,
                    "from": s.target,
                    "status": s.status,
                    "statuses": "; ".join(f"{k}={v}" for k, v in (s.statuses or {}).items()),
                    "n_sources": s.n_sources,
                    "according_to": "; ".join(s.sources or []),
                    "outlets": "; ".join(s.outlets or []),
                    "first_report": s.first_report,
                    "last_report": s.last_report,
                }
            )
    if output_format == QueryFormat.csv:
        _write_csv(BOARD_COLUMNS, flat)
        return
    table = Table(
        title=f"{country.upper()}: {type}{'/' + mode if mode else ''} by place ({len(rows)} places)"
    )
    for name in ("place", "when", "to", "from", "status", "sources", "according to", "outlets"):
        table.add_column(name, overflow="fold")
    for f in flat:
        table.add_row(
            *_row(
                str(f["place"]),
                _when(f["when_start"], f["when_end"]),
                f["to"] or "?",
                f["from"] or "",
                _status_cell(f["status"], f["statuses"]),
                str(f["n_sources"]),
                f["according_to"],
                f["outlets"],
            )
        )
    Console().print(table)


# ---- export -------------------------------------------------------------------------------------------------


def export(
    output_format: Annotated[
        ExportFormat, typer.Option("--format", help="jsonl, acled-csv, geojson or plover-json")
    ],
    out: Annotated[Path | None, typer.Option("--out", help="write here instead of stdout")] = None,
    level: Annotated[
        Level, typer.Option("--level", help="events (one row per report) or stories")
    ] = Level.events,
    db: DbOption = None,
    type: TypeOption = None,
    mode: ModeOption = None,
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    status: Annotated[str | None, typer.Option("--status", help="only this status")] = None,
    source: SourceOption = None,
) -> None:
    """Export events or stories as JSON Lines, ACLED CSV, GeoJSON or PLOVER JSON."""
    filters = _filters(locals())
    from sitrep.export import export as run_export

    with _open(db) as store:
        if out is None:
            n = run_export(store, str(output_format), sys.stdout, filters, str(level))
        else:
            out.parent.mkdir(parents=True, exist_ok=True)
            tmp = out.with_name(out.name + ".part")
            with tmp.open("w", encoding="utf-8", newline="") as fh:
                n = run_export(store, str(output_format), fh, filters, str(level))
            tmp.replace(out)
    _err().print(f"exported {n} {level}" + (f" to {out}" if out else ""), highlight=False)


# ---- reextract ----------------------------------------------------------------------------------------------


def reextract(
    db: DbOption = None,
    everything: Annotated[
        bool, typer.Option("--all", help="every article, not only those of older pipelines")
    ] = False,
    extractor: ExtractorOption = DEFAULT_EXTRACTOR,
) -> None:
    """Extract stored articles again after the model or language data changed; stories follow."""
    from rich.progress import Progress

    from sitrep.store import reextract as run_reextract

    err = _err()
    with _open(db) as store:
        extract = load_extractor(extractor)
        version = current_pipeline_version(extractor)
        with Progress(console=err) as progress:
            task = progress.add_task("reextract", total=None)
            summary = run_reextract(
                store,
                extract,
                pipeline_version=version,
                everything=everything,
                progress=lambda _s, _id: progress.update(task, advance=1),
            )
    _print_failures(err, summary.failures)
    err.print(
        f"re-extracted {summary.articles} articles · events {summary.events} · failed {summary.failed} "
        f"· pipeline {version}",
        highlight=False,
    )
    raise typer.Exit(1 if summary.failed else 0)


# ---- search -------------------------------------------------------------------------------------------------


def search(
    query: Annotated[str, typer.Argument(help="words that must all occur (a trailing * matches a prefix)")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", help="at most this many")] = 20,
    output_format: FormatOption = QueryFormat.table,
) -> None:
    """Full-text search over the stored articles' text."""
    from sitrep.store import search as run_search

    with _open(db) as store:
        hits = run_search(store, query, limit)
    rows = [{"article_id": h.article_id, "rank": round(h.rank, 4), "snippet": h.snippet} for h in hits]

    def print_table(rows: list[dict]) -> None:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"{len(rows)} articles")
        table.add_column("article")
        table.add_column("snippet", overflow="fold")
        for r in rows:
            table.add_row(*_row(r["article_id"], r["snippet"]))
        Console().print(table)

    _output(output_format, rows, dict, ["article_id", "rank", "snippet"], dict, print_table)


def register(app: typer.Typer) -> None:
    """Add the store's commands to the ``sitrep`` app."""
    app.command("ingest")(ingest)
    app.command("events")(events)
    app.command("stories")(stories)
    app.command("board")(board)
    app.command("export")(export)
    app.command("reextract")(reextract)
    app.command("search")(search)
