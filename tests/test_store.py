"""The store: schema and migrations, one-transaction writes, idempotence, queries and full-text search.

Every test that takes ``store``/``make_store`` runs on SQLite and, with SITREP_TEST_POSTGRES set, on PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text

from sitrep.model import event_dict
from sitrep.store import Filters, SchemaTooNew, open_store, query_events, search, store_extracted
from sitrep.store import schema as t
from sitrep.store.db import database_url
from sitrep.store.ids import text_hash
from sitrep.store.migrations import LATEST_VERSION

DATA = Path(__file__).resolve().parent / "data"


def _count(store, table) -> int:
    with store.read() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_database_url(monkeypatch, tmp_path):
    monkeypatch.delenv("SITREP_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    assert database_url(None) == f"sqlite:///{tmp_path / 'sitrep.db'}"
    assert database_url("x/y.db") == f"sqlite:///{tmp_path / 'x' / 'y.db'}"
    monkeypatch.setenv("SITREP_DB", str(tmp_path / "env.db"))
    assert database_url(None) == f"sqlite:///{tmp_path / 'env.db'}"
    assert database_url("postgresql://u:p@h:5432/d") == "postgresql+psycopg://u:p@h:5432/d"
    assert database_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert database_url("sqlite:///abs.db") == "sqlite:///abs.db"


def test_new_database_has_the_newest_schema(store):
    assert store.version() == LATEST_VERSION
    with store.read() as conn:
        insp = inspect(conn)
        for table in t.metadata.sorted_tables:
            stored = {c["name"] for c in insp.get_columns(table.name)}
            declared = {c.name for c in table.columns}
            extra = {"text_tsv"} if (store.dialect == "postgresql" and table.name == "articles") else set()
            assert stored == declared | extra, table.name
        versions = [
            r.version for r in conn.execute(select(t.schema_version).order_by(t.schema_version.c.version))
        ]
    assert versions == list(range(1, LATEST_VERSION + 1))


def test_sqlite_runs_in_wal_mode_with_foreign_keys(store):
    if store.dialect != "sqlite":
        pytest.skip("SQLite only")
    with store.read() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_upgrade_from_schema_version_1(make_store):
    """A database made by the first release (schema 1) upgrades in place, its data kept and backfilled."""
    store = make_store(migrate=False)
    assert store.migrate(target=1) == [1]
    assert store.version() == 1
    now = datetime.now(UTC)
    with store.write() as conn:
        conn.execute(
            text(
                "INSERT INTO articles (id, text, language, outlet, ingested_at) "
                "VALUES ('old-1', 'Taliban har erobret Kandahar, melder NTB.', 'nb', 'NTB', :now)"
            ),
            {"now": now},
        )
        conn.execute(
            text(
                "INSERT INTO events (id, article_id, idx, type, mode, status, conditional, negated, confidence, "
                "pipeline_version, place_name, place_lat, place_lon, when_start, when_end) VALUES ('e-old', 'old-1', "
                "0, 'COERCE', 'seize', 'asserted', false, false, 0.5, 'sitrep 0.0.1', 'Kandahar', 31.6, 65.7, "
                ":d, :d)"
            ),
            {"d": date(2021, 8, 12)},
        )
        conn.execute(
            text(
                "INSERT INTO stories (id, type, status, n_reports, n_articles, n_sources, n_outlets) "
                "VALUES ('s-old', 'COERCE', 'asserted', 1, 1, 7, 1)"
            )
        )
        conn.execute(text("INSERT INTO story_events (event_id, story_id) VALUES ('e-old', 's-old')"))
    assert store.migrate() == list(range(2, LATEST_VERSION + 1))
    assert store.version() == LATEST_VERSION
    with store.read() as conn:
        assert conn.execute(select(t.articles.c.text_hash)).scalar_one() == text_hash(
            "Taliban har erobret Kandahar, melder NTB."
        )
        assert conn.execute(select(t.stories.c.n_sources)).scalar_one() == 1  # recounted by distinct texts
    assert [h.article_id for h in search(store, "erobret Kandahar")] == ["old-1"]
    # and the upgraded store takes new articles like a new one
    assert store.migrate() == []


def describe_schema(conn) -> dict:
    """A database's tables as its catalogue has them: columns (type, nullable, default, generated), primary and
    foreign keys, indexes and unique constraints; on SQLite also the triggers and virtual tables."""
    insp = inspect(conn)
    out = {}
    for name in insp.get_table_names():
        out[name] = {
            "columns": {
                c["name"]: (repr(c["type"]), c["nullable"], str(c.get("default")), bool(c.get("computed")))
                for c in insp.get_columns(name)
            },
            "primary key": insp.get_pk_constraint(name)["constrained_columns"],
            "foreign keys": sorted(
                (f["constrained_columns"], f["referred_table"], f["referred_columns"], str(f.get("options")))
                for f in insp.get_foreign_keys(name)
            ),
            "indexes": {i["name"]: (i["column_names"], bool(i["unique"])) for i in insp.get_indexes(name)},
            "unique": {u["name"]: u["column_names"] for u in insp.get_unique_constraints(name)},
        }
    if conn.dialect.name == "sqlite":
        out["sqlite_master"] = sorted(
            tuple(r)
            for r in conn.execute(text("SELECT type, name, tbl_name, sql FROM sqlite_master"))
            if r.type == "trigger" or (r.sql or "").startswith("CREATE VIRTUAL TABLE")
        )
    return out


def test_a_database_of_the_first_release_upgrades_to_the_schema_of_a_new_one(make_store):
    """Schema 1 exactly as the first release created it (frozen DDL), upgraded: the same tables, columns, types,
    keys, indexes and triggers as a database created now."""
    old = make_store(migrate=False)
    ddl = (DATA / f"store_v1.{old.dialect}.sql").read_text(encoding="utf-8")
    with old.write() as conn:
        for statement in ddl.split(";\n"):
            lines = [line for line in statement.splitlines() if not line.startswith("--")]
            if "".join(lines).strip():
                conn.execute(text("\n".join(lines)))
    assert old.version() == 1
    assert old.migrate() == list(range(2, LATEST_VERSION + 1))
    new = make_store()
    with old.read() as upgraded, new.read() as created:
        assert describe_schema(upgraded) == describe_schema(created)


def test_a_new_database_has_the_keys_and_indexes_of_schema_py(store):
    with store.read() as conn:
        stored = describe_schema(conn)
    for table in t.metadata.sorted_tables:
        columns = stored[table.name]["columns"]
        assert {c.name: c.nullable for c in table.columns} == {
            name: columns[name][1] for name in columns if name != "text_tsv"
        }, table.name
        assert stored[table.name]["primary key"] == [c.name for c in table.primary_key.columns], table.name
        declared = {i.name: ([c.name for c in i.columns], bool(i.unique)) for i in table.indexes}
        indexes = stored[table.name]["indexes"]
        assert {k: v for k, v in indexes.items() if k in declared} == declared, table.name
        assert set(indexes) - set(declared) <= {"ix_articles_text_tsv"} | set(stored[table.name]["unique"])


def test_a_newer_schema_is_refused(make_store_url):
    url = make_store_url()
    store = open_store(url)
    with store.write() as conn:
        conn.execute(
            t.schema_version.insert().values(
                version=LATEST_VERSION + 1, description="future", applied_at=datetime.now(UTC)
            )
        )
    store.close()
    with pytest.raises(SchemaTooNew):
        open_store(url)


def test_roundtrip_gives_back_the_extracted_events(store, nb_reports):
    for report in nb_reports:
        assert store_extracted(store, report, "test 1") == len(report.events)
    for report in nb_reports:
        records = query_events(store, Filters(article=report.article.id))
        assert [event_dict(r.event) for r in records] == [event_dict(e) for e in report.events]
        # spans and sources keep the exact words of the article
        for r in records:
            text_ = report.article.text
            assert text_[r.event.trigger.start : r.event.trigger.end] == r.event.trigger.text
            for s in r.event.sources:
                assert text_[s.span.start : s.span.end] == s.span.text
            assert r.pipeline_version == "test 1"
            assert r.outlet == report.article.outlet
            assert r.published == report.article.published
            assert r.story_id is not None


def test_storing_an_article_again_adds_nothing(store, nb_reports):
    report = nb_reports[0]
    assert store_extracted(store, report, "test 1") == 2
    counts = [_count(store, table) for table in (t.articles, t.events, t.spans, t.sources, t.stories)]
    assert store_extracted(store, report, "test 1") is None
    assert [_count(store, table) for table in (t.articles, t.events, t.spans, t.sources, t.stories)] == counts


def test_an_article_and_its_events_are_one_transaction(store, nb_reports, monkeypatch):
    """A failure after the events were written leaves nothing of the article behind."""
    from sitrep import stories

    store_extracted(store, nb_reports[0], "test 1")
    before = [_count(store, table) for table in (t.articles, t.events, t.spans, t.sources, t.story_events)]

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(stories, "update_stories", broken)
    with pytest.raises(RuntimeError):
        store_extracted(store, nb_reports[2], "test 1")
    assert [
        _count(store, table) for table in (t.articles, t.events, t.spans, t.sources, t.story_events)
    ] == before
    monkeypatch.undo()
    assert store_extracted(store, nb_reports[2], "test 1") == 1


def test_event_filters(store, nb_reports):
    for report in nb_reports:
        store_extracted(store, report, "test 1")

    def ids(**kwargs):
        return sorted(
            f"{r.article_id}:{r.event.trigger.start}" for r in query_events(store, Filters(**kwargs))
        )

    assert len(ids()) == sum(len(r.events) for r in nb_reports)
    assert ids(type="assault") == ["nrk-1:77"]
    assert ids(type="THREATEN", actor="eu") == ["nrk-2:52", "vg-2:7"]
    assert ids(target="taliban") == ["nrk-2:52", "vg-2:7"]
    assert ids(place="Lashkar") == ["nrk-2:16"]
    assert ids(place="1134720") == ["nrk-2:16"]  # Lashkar Gah's GeoNames id
    assert ids(country="af", type="THREATEN") == ["ap-2:8", "vg-2:45"]
    assert ids(status="denied") == ["dagbladet-1:35"]
    assert ids(source="innenriksdepartement") == ["nrk-1:55"]  # who says so
    assert ids(source="aftenposten") == ["aftenposten-1:127", "aftenposten-1:41"]  # the outlet
    assert ids(since=date(1994, 1, 1), until=date(1994, 12, 31)) == ["arkiv-1996:8"]
    assert ids(since=date(2021, 8, 14), type="COERCE") == ["dagbladet-1:35"]  # the month of August
    assert ids(since=date(2021, 8, 13), type="COERCE") == ["dagbladet-1:35", "nrk-1:55", "vg-1:25"]
    assert ids(mode="seize", place="Kandahar", until=date(2021, 8, 12)) == [
        "aftenposten-1:41",
        "arkiv-1996:8",
        "dagbladet-1:35",
        "nrk-1:55",
        "ntb-1:41",
    ]
    assert len(ids(limit=3)) == 3


def test_full_text_search(store, nb_reports, report_builder):
    for report in nb_reports:
        store_extracted(store, report, "test 1")
    store_extracted(
        store, report_builder("aal", "NRK", "2021-08-13", "Ålesund og Øygarden får æren.", []), "x"
    )

    def found(query):
        return sorted(h.article_id for h in search(store, query))

    assert found("Kandahar falt") == ["aftenposten-1", "dagbladet-1", "nrk-1", "ntb-1", "udatert"]
    assert found("falt torsdag kveld") == ["aftenposten-1", "ntb-1"]
    assert found("kandahar FALT") == found("Kandahar falt")
    assert found("erobr*") == ["vg-1"]
    assert found("lashkar gah") == ["nrk-2"]
    assert found("ålesund") == ["aal"]
    assert found("øygarden æren") == ["aal"]
    assert found("Mogadishu") == []
    assert found("   ") == []
    hits = search(store, "Taliban-talsmann")
    assert [h.article_id for h in hits] == ["vg-1"]
    assert "[" in hits[0].snippet and "]" in hits[0].snippet
