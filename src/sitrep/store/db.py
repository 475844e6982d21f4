"""Opening a store: SQLite by default (one file, WAL mode), PostgreSQL for a ``postgresql://`` URL.

Same code for both (SQLAlchemy Core). Every write goes through ``Store.write()``: one transaction that holds the
database's write lock from its first statement (SQLite ``BEGIN IMMEDIATE``; a PostgreSQL advisory lock), so
concurrent ingests queue instead of interleaving their story updates.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine, make_url

from sitrep.store import migrations

DEFAULT_PATH = "sitrep.db"
ENV_VAR = "SITREP_DB"
_PG_WRITE_LOCK = 0x5173_7265  # "sitrep": one advisory lock serialises writers on a PostgreSQL database


def database_url(url_or_path: str | os.PathLike | None = None) -> str:
    """The SQLAlchemy URL for a path, a URL, ``$SITREP_DB`` or ``sitrep.db`` (in that order)."""
    value = url_or_path if url_or_path not in (None, "") else os.environ.get(ENV_VAR) or DEFAULT_PATH
    value = os.fspath(value)
    for prefix in ("postgresql://", "postgres://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix) :]
    if "://" in value:  # sqlite:///..., postgresql+psycopg://..., or another SQLAlchemy URL
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a path, not a URL
        return url


class Store:
    """A database holding articles, events and stories. Use ``open_store``; close it (or use ``with``)."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.dialect = engine.dialect.name
        self.url = engine.url.render_as_string(hide_password=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction: committed when the block ends, rolled back if it raises."""
        with self.engine.connect().execution_options(sitrep_write=True) as conn, conn.begin():
            if self.dialect == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_WRITE_LOCK})
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only transaction (one consistent snapshot)."""
        with self.engine.connect() as conn:
            yield conn  # the first statement begins the transaction; closing the connection rolls it back

    def version(self) -> int:
        with self.read() as conn:
            return migrations.current_version(conn)

    def migrate(self, target: int | None = None) -> list[int]:
        """Bring the schema up to ``target`` (default: newest); returns the migrations applied.

        An up-to-date database is only read (no write lock is taken), so opening a store for a query neither
        waits for a running ingest nor needs write permission."""
        version = self.version()
        migrations.check_known(version)
        if version >= (migrations.LATEST_VERSION if target is None else target):
            return []
        return migrations.upgrade(self.write, target)


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # let SQLAlchemy, not the sqlite3 module, decide when transactions begin (see ``_on_begin``)
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")  # in WAL mode: durable across process crashes
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 60000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql(
            "BEGIN IMMEDIATE" if conn.get_execution_options().get("sitrep_write") else "BEGIN"
        )

    return engine


def open_store(url_or_path: str | os.PathLike | None = None, *, migrate: bool = True) -> Store:
    """Open (and, with ``migrate``, create or upgrade) the store at a path or URL.

    ``None`` means ``$SITREP_DB`` or ``./sitrep.db``. ``postgresql://user:pw@host/db`` uses psycopg 3."""
    url = database_url(url_or_path)
    if make_url(url).get_backend_name() == "sqlite":
        engine = _sqlite_engine(url)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    store = Store(engine)
    if migrate:
        try:
            store.migrate()
        except Exception:
            store.close()
            raise
    return store
