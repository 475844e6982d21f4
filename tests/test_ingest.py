"""Ingest: idempotent, one transaction per article, bad items recorded and skipped, crash-safe (SIGKILL), and the
``sitrep ingest`` / ``reextract`` commands on files and on feeds and pages served over loopback HTTP.

``fake_extract`` is a fast stand-in for the NLP pipeline (one event per article, from a regular expression), so
these tests need no model; subprocesses import it from this module.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from typer.testing import CliRunner

from sitrep.model import (
    Actor,
    Article,
    DateInterval,
    Event,
    ExtractedArticle,
    Place,
    Precision,
    Source,
    Span,
    Status,
    TimeSpan,
)
from sitrep.store import ingest, open_store
from sitrep.store import schema as t
from sitrep.store.write import reextract
from sitrep.stories import rebuild_stories, snapshot

TESTS = Path(__file__).resolve().parent

# ---- a fast fake extractor ----------------------------------------------------------------------------------

TOWNS = {  # name -> (lat, lon): far enough apart (> 25 km) never to merge with each other
    name: (30.0 + (i // 6) * 1.0, 60.0 + (i % 6) * 1.0)
    for i, name in enumerate(
        [
            "Almora",
            "Bakkeby",
            "Dalsvik",
            "Eikefjord",
            "Fjellstad",
            "Granvik",
            "Holmsund",
            "Innvik",
            "Jarlsberg",
            "Kvalnes",
            "Lundby",
            "Mosvik",
            "Nordvik",
            "Ormeli",
            "Porsvik",
            "Ramsund",
            "Solvang",
            "Tjeldnes",
            "Ulvik",
            "Vangsnes",
            "Ytterby",
            "Åsvang",
            "Ødegård",
            "Ækrevik",
        ]
    )
}
STATUS_WORDS = {
    "bekrefter": Status.CONFIRMED,
    "hevder": Status.CLAIMED,
    "avviser": Status.DENIED,
    "melder": Status.REPORTED,
}
_FALL = re.compile(r"(?P<actor>[A-ZÆØÅ][\w-]+) tok kontroll over (?P<town>[A-ZÆØÅ][\w-]+)")
_SAYS = re.compile(r"(?P<source>[A-ZÆØÅ][\w-]+) (?P<verb>bekrefter|hevder|avviser|melder)")


def _span(m: re.Match, group: str = 0) -> Span:
    return Span(m.group(group), m.start(group), m.end(group))


def fake_extract(article: Article) -> ExtractedArticle:
    """One COERCE/seize event per article that says "<X> tok kontroll over <Town>"; status from the verb."""
    if "EKSPLODER" in article.text:
        raise RuntimeError("the extractor choked on this article")
    events = []
    m = _FALL.search(article.text)
    if m:
        says = _SAYS.search(article.text)
        lat, lon = TOWNS.get(m.group("town"), (None, None))
        events.append(
            Event(
                type="COERCE",
                mode="seize",
                trigger=Span(
                    "tok kontroll over",
                    m.start() + len(m.group("actor")) + 1,
                    m.start() + len(m.group("actor")) + 1 + len("tok kontroll over"),
                ),
                sentence=_span(m),
                contexts=["territory"],
                acled={"event_type": "Battles", "sub_event_type": "Non-state actor overtakes territory"},
                actor=Actor(_span(m, "actor"), m.group("actor"), "armed group", None),
                place=Place(
                    _span(m, "town"), m.group("town"), None, lat, lon, None, "AF" if lat else None, "city"
                ),
                time=TimeSpan(None, article.published) if article.published else None,
                status=STATUS_WORDS[says.group("verb")] if says else Status.ASSERTED,
                sources=[Source(_span(says, "source"), says.group("source"))] if says else [],
                confidence=0.5,
            )
        )
    return ExtractedArticle(article, [], events)


def fake_extract_v2(article: Article) -> ExtractedArticle:
    """The "next model": the same events, more sure of themselves."""
    result = fake_extract(article)
    for e in result.events:
        e.confidence = 0.9
    return result


def generated_articles(n: int, start: int = 0):
    """``n`` short, distinct Norwegian articles about towns changing hands."""
    towns = sorted(TOWNS)
    outlets = ["NTB", "NRK", "VG", "Aftenposten", "Dagbladet"]
    verbs = sorted(STATUS_WORDS)
    for i in range(start, start + n):
        town = towns[i % len(towns)]
        day = date(2021, 1, 1) + timedelta(days=(i * 7) % 365)
        text_ = (
            f"Opprørerne tok kontroll over {town} natt til {day.isoformat()}. "
            f"Kilder {verbs[i % len(verbs)]} at byen er falt. Melding nummer {i}."
        )
        yield Article(
            id=f"gen-{i:05d}",
            text=text_,
            language="nb",
            published=DateInterval(day, day, Precision.DAY),
            outlet=outlets[i % len(outlets)],
            path=f"generated/{i}.txt",
        )


# ---- consistency --------------------------------------------------------------------------------------------


def assert_consistent(store) -> None:
    """No orphan rows, every event in exactly one story, stories equal to a full rebuild."""
    with store.read() as conn:

        def scalar(sql):
            return conn.execute(text(sql)).scalar_one()

        assert (
            scalar(
                "SELECT COUNT(*) FROM events e LEFT JOIN articles a ON a.id = e.article_id WHERE a.id IS NULL"
            )
            == 0
        )
        for table in ("spans", "sources", "story_events"):
            assert (
                scalar(
                    f"SELECT COUNT(*) FROM {table} x LEFT JOIN events e ON e.id = x.event_id WHERE e.id IS NULL"
                )
                == 0
            ), table
        assert (
            scalar(
                "SELECT COUNT(*) FROM story_events x LEFT JOIN stories s ON s.id = x.story_id WHERE s.id IS NULL"
            )
            == 0
        )
        assert (
            scalar(
                "SELECT COUNT(*) FROM events e LEFT JOIN story_events x ON x.event_id = e.id WHERE x.event_id IS NULL"
            )
            == 0
        )
        assert (
            scalar(
                "SELECT COUNT(*) FROM stories s LEFT JOIN story_events x ON x.story_id = s.id WHERE x.story_id IS NULL"
            )
            == 0
        )
        assert (
            scalar(
                "SELECT COUNT(*) FROM stories s WHERE n_reports <> (SELECT COUNT(*) FROM story_events x WHERE x.story_id = s.id)"
            )
            == 0
        )
        if store.dialect == "sqlite":
            assert scalar("SELECT COUNT(*) FROM article_fts") == scalar("SELECT COUNT(*) FROM articles")
            assert (
                scalar(
                    "SELECT COUNT(*) FROM article_fts f LEFT JOIN articles a ON a.id = f.article_id WHERE a.id IS NULL"
                )
                == 0
            )
        incremental = snapshot(conn)
        rebuild_stories(conn)
        assert snapshot(conn) == incremental
        conn.rollback()


def _count(store, table) -> int:
    with store.read() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


# ---- ingest() -----------------------------------------------------------------------------------------------


def test_ingest_counts_records_failures_and_goes_on(store):
    from sitrep.read import ReadError

    items = list(generated_articles(5))
    bad = Article(
        id="bad-1", text="Opprørerne tok kontroll over Almora. EKSPLODER.", language="nb", path="bad.txt"
    )
    items[2:2] = [ReadError("missing.txt", "no such file"), bad]
    seen = []
    summary = ingest(
        store, items, fake_extract, pipeline_version="fake 1", progress=lambda s, i: seen.append(s.read)
    )
    assert (summary.read, summary.new, summary.duplicate, summary.failed, summary.events) == (7, 5, 0, 2, 5)
    assert seen == list(range(1, 8))
    assert summary.failures == [
        ("missing.txt", "no such file"),
        ("bad.txt", "extraction failed: RuntimeError: the extractor choked on this article"),
    ]
    with store.read() as conn:
        rows = conn.execute(select(t.failures.c.input, t.failures.c.reason, t.failures.c.article_id)).all()
    assert [(r.input, r.article_id) for r in rows] == [("missing.txt", None), ("bad.txt", "bad-1")]
    assert _count(store, t.articles) == 5
    # again: nothing new, nothing lost
    again = ingest(store, generated_articles(5), fake_extract, pipeline_version="fake 1")
    assert (again.read, again.new, again.duplicate, again.failed, again.events) == (5, 0, 5, 0, 0)
    assert _count(store, t.articles) == 5 and _count(store, t.events) == 5
    assert_consistent(store)


def test_an_article_that_cannot_be_stored_is_recorded(store):
    def bad_span(article):
        result = fake_extract(article)
        result.events[0].trigger = None  # no trigger: the event cannot be stored
        return result

    articles = list(generated_articles(3))
    summary = ingest(store, articles[:1], bad_span, pipeline_version="fake 1")
    assert (summary.new, summary.failed) == (0, 1)
    assert summary.failures[0][1].startswith("could not store:")
    summary = ingest(store, articles, fake_extract, pipeline_version="fake 1")
    assert (summary.new, summary.failed) == (3, 0)
    assert_consistent(store)


# ---- crash safety -------------------------------------------------------------------------------------------

CHILD = f"""
import sys
sys.path.insert(0, {str(TESTS)!r})
from test_ingest import fake_extract, generated_articles
from sitrep.store import ingest, open_store
store = open_store(sys.argv[1])
start = int(sys.argv[3]) if len(sys.argv) > 3 else 0
summary = ingest(store, generated_articles(int(sys.argv[2]), start), fake_extract, pipeline_version="fake 1",
                 progress=lambda s, item: print(s.read, flush=True))
print("SUMMARY", summary.new, summary.duplicate, summary.failed, flush=True)
"""


def kill_midway(code: str, args: list[str], at: int) -> None:
    """Run ``code`` in a child that prints a count per item done, and SIGKILL it once the count reaches ``at``."""
    child = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, cwd=TESTS)
    try:
        for line in child.stdout:
            if line.strip().isdigit() and int(line) >= at:
                break
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=60)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL


def test_sigkill_halfway_then_rerun_stores_every_article_once(make_store_url):
    url = make_store_url()
    open_store(url).close()
    kill_midway(CHILD, [url, "1000"], 500)
    store = open_store(url)
    try:
        stored = _count(store, t.articles)
        assert 500 <= stored < 1000
        assert_consistent(store)  # the killed run left whole articles only
        rerun = subprocess.run(
            [sys.executable, "-c", CHILD, url, "1000"],
            check=False,
            capture_output=True,
            text=True,
            cwd=TESTS,
            timeout=600,
        )
        assert rerun.returncode == 0, rerun.stderr
        new, duplicate, failed = (int(x) for x in rerun.stdout.splitlines()[-1].split()[1:])
        assert (new, duplicate, failed) == (1000 - stored, stored, 0)
        with store.read() as conn:
            ids = list(conn.execute(select(t.articles.c.id)).scalars())
            per_article = conn.execute(
                select(t.events.c.article_id, func.count()).group_by(t.events.c.article_id)
            ).all()
        assert sorted(ids) == [f"gen-{i:05d}" for i in range(1000)]
        assert len(per_article) == 1000 and all(n == 1 for _, n in per_article)
        assert_consistent(store)
    finally:
        store.close()


def test_concurrent_ingests_queue_and_stay_consistent(make_store_url):
    """Two processes ingesting overlapping articles at once: each article stored once, stories as a rebuild."""
    url = make_store_url()
    open_store(url).close()
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, url, "300", str(start)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=TESTS,
        )
        for start in (0, 150)
    ]
    totals = []
    for child in children:
        out, _ = child.communicate(timeout=600)
        assert child.returncode == 0
        totals.append([int(x) for x in out.splitlines()[-1].split()[1:]])
    assert sum(t[0] for t in totals) == 450  # new
    assert sum(t[1] for t in totals) == 150  # duplicate
    store = open_store(url)
    try:
        assert _count(store, t.articles) == 450 and _count(store, t.events) == 450
        assert_consistent(store)
    finally:
        store.close()


# ---- the commands -------------------------------------------------------------------------------------------

SEED_LIKE = """ date 2021-08-13 utenriks

Taliban tok kontroll over Kandahar torsdag kveld, opplyser kilder til nyhetsbyrået. Kilder hevder at byen er falt.
Regjeringen har ennå ikke bekreftet at byen er tatt, og innbyggere forteller at regjeringsstyrkene har trukket seg
tilbake til et militæranlegg utenfor byen. Flere andre provinshovedsteder er beleiret og under angrep.
"""


def _invoke(*args):
    from sitrep.cli import app

    return CliRunner().invoke(app, [str(a) for a in args])


def test_the_same_file_ingested_twice_adds_nothing(store, tmp_path):
    seed = tmp_path / "seed.txt"
    seed.write_text(SEED_LIKE, encoding="utf-8")
    first = _invoke("ingest", seed, "--db", store.test_url, "--extractor", "test_ingest:fake_extract")
    assert first.exit_code == 0, first.output
    assert "read 1 · new 1 · duplicate 0 · failed 0 · events 1" in first.output
    counts = [_count(store, x) for x in (t.articles, t.events, t.spans, t.sources, t.stories, t.story_events)]
    second = _invoke("ingest", seed, "--db", store.test_url, "--extractor", "test_ingest:fake_extract")
    assert second.exit_code == 0, second.output
    assert "read 1 · new 0 · duplicate 1 · failed 0 · events 0" in second.output
    assert [
        _count(store, x) for x in (t.articles, t.events, t.spans, t.sources, t.stories, t.story_events)
    ] == counts
    events = _invoke("events", "--db", store.test_url, "--format", "json")
    assert events.exit_code == 0, events.output
    [event] = json.loads(events.stdout)
    assert (event["type"], event["place"]["name"], event["status"]) == ("COERCE", "Kandahar", "claimed")
    assert event["pipeline_version"].endswith("test_ingest:fake_extract")


def _bundled_model_missing() -> bool:
    from sitrep.nlp import model_path

    return not (model_path("nb") / "config.cfg").exists()


# the towns the seed says fell, by their GeoNames ids (``sitrep geocode``): Kandahar, Herat, Ghazni
SEED_TOWNS_TAKEN = {1138336: "Kandahar", 1140026: "Herat", 1141269: "Ghazni"}


@pytest.mark.skipif(
    _bundled_model_missing(),
    reason="the bundled nb model (sitrep/nlp/models/nb/config.cfg) is missing: train it with "
    "`python -m sitrep.nlp.training nb`",
)
def test_the_seed_through_the_real_pipeline_twice(tmp_path):
    """``sitrep ingest`` with its default extractor (the real pipeline and the bundled model) on the bundled seed:
    the second run adds nothing; the board shows the towns taken; the ACLED export has ACLED's columns."""
    from test_export import ACLED_HEADER

    import sitrep
    from sitrep.nlp import model_path
    from sitrep.read import example_path
    from sitrep.store.cli import DEFAULT_EXTRACTOR

    assert DEFAULT_EXTRACTOR == "sitrep.pipeline:extract_article"
    db = tmp_path / "seed.db"
    tables = (t.articles, t.events, t.spans, t.sources, t.stories, t.story_events)
    first = _invoke("ingest", example_path(), "--db", db)
    assert first.exit_code == 0, first.output
    assert "read 1 · new 1 · duplicate 0 · failed 0" in first.output
    with open_store(db) as store:
        counts = [_count(store, x) for x in tables]
        with store.read() as conn:
            versions = set(conn.execute(select(t.events.c.pipeline_version)).scalars())
    assert counts[0] == 1 and counts[1] > 10, counts
    meta = json.loads((model_path("nb") / "meta.json").read_text(encoding="utf-8"))
    assert versions == {f"sitrep {sitrep.__version__} / {meta['lang']}_{meta['name']} {meta['version']}"}

    second = _invoke("ingest", example_path(), "--db", db)
    assert second.exit_code == 0, second.output
    assert "read 1 · new 0 · duplicate 1 · failed 0 · events 0" in second.output
    with open_store(db) as store:
        assert [_count(store, x) for x in tables] == counts
        assert_consistent(store)

    board = _invoke("board", "--country", "AF", "--db", db, "--format", "json")
    assert board.exit_code == 0, board.output
    taken = {row["geonameid"]: row for row in json.loads(board.stdout)}
    missing = [name for geonameid, name in SEED_TOWNS_TAKEN.items() if geonameid not in taken]
    assert not missing, f"{missing} not on the board: {sorted((r['place'], g) for g, r in taken.items())}"
    assert all(row["changes"] for row in taken.values())

    acled = _invoke("export", "--format", "acled-csv", "--db", db)
    assert acled.exit_code == 0, acled.output
    assert acled.stdout.splitlines()[0] == ACLED_HEADER
    assert len(acled.stdout.splitlines()) == 1 + counts[1]


def test_bad_inputs_make_a_nonzero_exit_and_are_recorded(store, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(SEED_LIKE, encoding="utf-8")
    boom = tmp_path / "boom.txt"
    boom.write_text(SEED_LIKE.replace("Flere andre", "EKSPLODER. Flere andre"), encoding="utf-8")
    result = _invoke(
        "ingest",
        good,
        boom,
        tmp_path / "missing.txt",
        "--db",
        store.test_url,
        "--extractor",
        "test_ingest:fake_extract",
    )
    assert result.exit_code == 1
    assert "new 1" in result.output and "failed 2" in result.output
    assert "boom.txt" in result.output and "missing.txt" in result.output
    assert _count(store, t.failures) == 2 and _count(store, t.articles) == 1
    bad_arg = _invoke("ingest", good, "--db", store.test_url, "--published", "13. august")
    assert bad_arg.exit_code == 2


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Testbyrået</title><link>http://example.org/</link><language>nb</language>
<description>Nyheter</description>
<item><guid>feed-1</guid><title>Kandahar</title><pubDate>Fri, 13 Aug 2021 08:00:00 +0200</pubDate>
<description>Taliban tok kontroll over Kandahar torsdag kveld, opplyser kilder til nyhetsbyrået. Kilder hevder at byen
er falt, men regjeringen har ennå ikke bekreftet at byen er tatt av opprørerne.</description></item>
<item><guid>feed-2</guid><title>Herat</title><pubDate>Fri, 13 Aug 2021 09:00:00 +0200</pubDate>
<description>Taliban tok kontroll over Herat tidligere torsdag. Innenriksdepartementet bekrefter at byen, landets
tredje største, nå er i opprørernes hender etter flere uker med harde kamper.</description></item>
</channel></rss>
"""

PAGE = """<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Ghazni er falt</title></head>
<body><article><h1>Ghazni er falt</h1>
<p>Taliban tok kontroll over Ghazni torsdag, og innenriksdepartementet bekrefter at byen er falt. Ghazni ligger
strategisk til ved hovedveien mellom Kabul og Kandahar, 15 mil sør for hovedstaden.</p>
<p>Erobringen regnes som en av de viktigste i offensiven, som startet da USA og Nato innledet tilbaketrekningen i
mai. Flere andre provinshovedsteder er beleiret og under angrep.</p></article></body></html>
"""


def test_feeds_and_pages_over_http(store, http_root):
    root, base = http_root
    (root / "feed.xml").write_text(FEED, encoding="utf-8")
    (root / "ghazni.html").write_text(PAGE, encoding="utf-8")
    args = ["--db", store.test_url, "--extractor", "test_ingest:fake_extract", "--published", "2021-08-13"]
    result = _invoke("ingest", f"{base}/feed.xml", f"{base}/ghazni.html", f"{base}/missing.html", *args)
    assert result.exit_code == 1, result.output  # the missing page is a failure, the rest is stored
    assert "new 3" in result.output and "failed 1" in result.output
    with store.read() as conn:
        places = sorted(conn.execute(select(t.events.c.place_name)).scalars())
        outlets = sorted(filter(None, conn.execute(select(t.articles.c.outlet)).scalars()))
    assert places == ["Ghazni", "Herat", "Kandahar"]
    assert "Testbyrået" in outlets
    again = _invoke("ingest", f"{base}/feed.xml", f"{base}/ghazni.html", *args)
    assert again.exit_code == 0, again.output
    assert "new 0 · duplicate 3" in again.output
    assert_consistent(store)


def test_reextract_replaces_events_of_older_pipelines(store):
    ingest(store, generated_articles(30), fake_extract, pipeline_version="sitrep 0.0.1 / old")
    before = snapshot_ids(store)
    result = _invoke("reextract", "--db", store.test_url, "--extractor", "test_ingest:fake_extract_v2")
    assert result.exit_code == 0, result.output
    assert "re-extracted 30 articles" in result.output
    with store.read() as conn:
        versions = set(conn.execute(select(t.events.c.pipeline_version)).scalars())
        confidences = set(conn.execute(select(t.events.c.confidence)).scalars())
    assert versions == {"sitrep " + __import__("sitrep").__version__ + " / test_ingest:fake_extract_v2"}
    assert confidences == {0.9}
    assert snapshot_ids(store) == before  # the same events, so the same stories
    again = _invoke("reextract", "--db", store.test_url, "--extractor", "test_ingest:fake_extract_v2")
    assert "re-extracted 0 articles" in again.output
    everything = _invoke(
        "reextract", "--all", "--db", store.test_url, "--extractor", "test_ingest:fake_extract_v2"
    )
    assert "re-extracted 30 articles" in everything.output
    assert_consistent(store)


def snapshot_ids(store):
    with store.read() as conn:
        return [(s["id"], s["members"]) for s in snapshot(conn)]


def test_query_commands(store, nb_reports):
    from sitrep.store import store_extracted

    for report in nb_reports:
        store_extracted(store, report, "test 1")
    stories = _invoke("stories", "--db", store.test_url, "--status", "disputed", "--format", "json")
    assert stories.exit_code == 0, stories.output
    [story] = json.loads(stories.stdout)
    assert (story["place"]["name"], story["n_sources"], len(story["reports"])) == ("Kandahar", 4, 6)
    table = _invoke("stories", "--db", store.test_url, "--rebuild")
    assert table.exit_code == 0 and "rebuilt 8 stories" in table.output
    csv_ = _invoke("events", "--db", store.test_url, "--type", "COERCE", "--country", "AF", "--format", "csv")
    assert csv_.exit_code == 0
    lines = csv_.stdout.splitlines()
    assert lines[0].startswith("id,article_id,story_id") and len(lines) == 1 + 10
    board = _invoke("board", "--country", "AF", "--db", store.test_url, "--format", "json")
    assert board.exit_code == 0, board.output
    places = {row["place"]: row for row in json.loads(board.stdout)}
    assert set(places) == {"Kandahar", "Herat", "Lashkar Gah"}
    fall = next(c for c in places["Kandahar"]["changes"] if c["when"] and c["when"]["start"] == "2021-08-12")
    assert (fall["to"], fall["status"], fall["n_sources"]) == ("Taliban", "disputed", 4)
    assert "Afghanistans innenriksdepartement" in fall["according_to"]
    found = _invoke("search", "Taliban-talsmann", "--db", store.test_url, "--format", "json")
    assert [h["article_id"] for h in json.loads(found.stdout)] == ["vg-1"]
    bad = _invoke("events", "--db", store.test_url, "--since", "august")
    assert bad.exit_code == 2


@pytest.mark.parametrize(
    "args, says",
    [
        (["events", "--type", "BOGUS"], "AGREE, CONSULT"),
        (["stories", "--type", "COERCE", "--mode", "bogus"], "seize, restrict"),
        (["events", "--status", "rumoured"], "asserted, reported"),
        (["events", "--country", "XX"], "ISO 3166-1"),
        (["events", "--limit", "-1"], "positive"),
        (["stories", "--limit", "0"], "positive"),
    ],
)
def test_query_options_no_record_can_match_are_usage_errors(store, args, says):
    result = _invoke(*args, "--db", store.test_url)
    assert result.exit_code == 2, result.output
    assert says in " ".join(result.output.split())


REEXTRACT_CHILD = f"""
import sys
sys.path.insert(0, {str(TESTS)!r})
from test_ingest import fake_extract_v2
from sitrep.store import open_store
from sitrep.store.write import reextract
store = open_store(sys.argv[1])
summary = reextract(store, fake_extract_v2, pipeline_version="fake 2", progress=lambda s, aid: print(s.articles, flush=True))
print("SUMMARY", summary.articles, summary.failed, flush=True)
"""


def test_sigkill_during_reextract_then_rerun_equals_a_clean_reextract(make_store_url):
    """Each article's events are replaced in one transaction: a killed re-extraction leaves every article with
    either its old or its new events, and running it again finishes the rest."""
    url, clean_url = make_store_url(), make_store_url()
    for target in (url, clean_url):
        store = open_store(target)
        ingest(store, generated_articles(300), fake_extract, pipeline_version="fake 1")
        store.close()
    kill_midway(REEXTRACT_CHILD, [url], 100)
    store = open_store(url)
    try:
        with store.read() as conn:
            versions = Counter(conn.execute(select(t.events.c.pipeline_version)).scalars())
        assert set(versions) == {"fake 1", "fake 2"} and sum(versions.values()) == 300  # old or new, never both
        assert_consistent(store)
        rerun = subprocess.run([sys.executable, "-c", REEXTRACT_CHILD, url], capture_output=True, text=True,
                               cwd=TESTS, timeout=600, check=False)
        assert rerun.returncode == 0, rerun.stderr
        assert_consistent(store)
        clean = open_store(clean_url)
        try:
            reextract(clean, fake_extract_v2, pipeline_version="fake 2")
            assert snapshot_ids(store) == snapshot_ids(clean)
        finally:
            clean.close()
    finally:
        store.close()
