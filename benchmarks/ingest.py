"""Ingest speed (articles/s) and database size per 1,000 articles, on SQLite and PostgreSQL.

    python benchmarks/ingest.py                       # 1,000 generated articles, fake extractor, SQLite
    python benchmarks/ingest.py --postgres postgresql://sitrep:sitrep@127.0.0.1:5432/sitrep_test
    python benchmarks/ingest.py --real 50             # also the real NLP pipeline on 50 articles, when bundled

The fake extractor (``tests/test_ingest.py``: one event per article from a regular expression) measures the store
alone: the write of an article with its events, spans and sources in one transaction, and the story update it
causes. ``--real N`` runs the bundled spaCy pipeline too (``sitrep.pipeline.extract_article``), which dominates.
A second pass over the same articles measures duplicate detection. Timings are wall-clock on this machine; the
benchmark asserts nothing. ``SITREP_TEST_POSTGRES`` works as ``--postgres``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_ingest import fake_extract, generated_articles

from sitrep.store import ingest, open_store, pipeline_version


def _size_bytes(store) -> int:
    from sqlalchemy import text

    with store.engine.connect() as conn:
        if store.dialect == "sqlite":
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            pages = conn.execute(text("PRAGMA page_count")).scalar()
            size = conn.execute(text("PRAGMA page_size")).scalar()
            return int(pages * size)
        return int(
            conn.execute(
                text(
                    "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                    "JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')"
                )
            ).scalar()
        )


def run(url: str, backend: str, articles: list, extract, label: str) -> dict:
    store = open_store(url)
    try:
        start = time.perf_counter()
        first = ingest(store, articles, extract, pipeline_version=pipeline_version(label))
        elapsed = time.perf_counter() - start
        start = time.perf_counter()
        again = ingest(store, articles, extract, pipeline_version=pipeline_version(label))
        elapsed_again = time.perf_counter() - start
        size = _size_bytes(store)
    finally:
        store.close()
    n = len(articles)
    return {
        "backend": backend,
        "extractor": label,
        "articles": n,
        "events": first.events,
        "failed": first.failed,
        "seconds": round(elapsed, 2),
        "articles_per_s": round(n / elapsed, 1),
        "duplicates_per_s": round(again.duplicate / elapsed_again, 1),
        "mb_per_1000_articles": round(size / n * 1000 / 1e6, 2),
    }


def _postgres_url(base: str) -> tuple[str, str]:
    from sqlalchemy import create_engine, text

    from sitrep.store.db import database_url

    schema = f"sitrep_bench_{uuid.uuid4().hex[:8]}"
    engine = create_engine(database_url(base), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}", schema


def _drop_schema(base: str, schema: str) -> None:
    from sqlalchemy import create_engine, text

    from sitrep.store.db import database_url

    engine = create_engine(database_url(base), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="generated articles for the fake extractor")
    parser.add_argument(
        "--postgres", default=os.environ.get("SITREP_TEST_POSTGRES"), help="a postgresql:// URL"
    )
    parser.add_argument(
        "--real", type=int, default=0, help="also run the real pipeline on this many articles"
    )
    parser.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    args = parser.parse_args(argv)

    runs = [("fake", fake_extract, list(generated_articles(args.n)))]
    if args.real:
        from sitrep.nlp import model_path

        if (model_path("nb") / "config.cfg").exists():
            from sitrep.pipeline import extract_article

            runs.append(("nb pipeline", extract_article, list(generated_articles(args.real, start=10**6))))
        else:
            print("no bundled model: skipping --real", file=sys.stderr)

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, extract, articles in runs:
            results.append(run(str(Path(tmp) / f"{uuid.uuid4().hex}.db"), "sqlite", articles, extract, label))
            if args.postgres:
                url, schema = _postgres_url(args.postgres)
                try:
                    results.append(run(url, "postgresql", articles, extract, label))
                finally:
                    _drop_schema(args.postgres, schema)
    if args.json:
        for r in results:
            print(json.dumps(r))
        return
    columns = [
        "backend",
        "extractor",
        "articles",
        "events",
        "seconds",
        "articles_per_s",
        "duplicates_per_s",
        "mb_per_1000_articles",
    ]
    print(" | ".join(columns))
    for r in results:
        print(" | ".join(str(r[c]) for c in columns))


if __name__ == "__main__":
    main()
