"""Wire copies: near-duplicate articles grouped under their original, on real stores and the real pipeline."""

from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, update
from typer.testing import CliRunner

from sitrep import copies
from sitrep.model import Article, DateInterval, ExtractedArticle, Precision
from sitrep.store import Filters, query_stories
from sitrep.store import schema as t
from sitrep.store.write import store_extracted

WIRE = Path(__file__).parent / "data" / "wire_copies.jsonl"
ROWS = [json.loads(line) for line in WIRE.read_text(encoding="utf-8").splitlines()]
TEXTS = {r["id"]: r["text"] for r in ROWS}
COPIES = ["vg-brann", "dagbladet-brann", "dt-brann", "aftenposten-brann", "nettavisen-brann"]


def test_edited_copies_are_copies_and_an_independent_report_is_not():
    fps = {aid: copies.fingerprint(text) for aid, text in TEXTS.items()}
    for copy in COPIES:  # new headings, a cut paragraph, a local sentence, a byline
        assert copies.is_copy(fps["ntb-brann"], fps[copy]), copy
        assert not copies.is_copy(fps["nrk-brann"], fps[copy]), copy
    assert copies.containment(fps["ntb-brann"], fps["nrk-brann"]) < 0.1


def test_fingerprints_are_deterministic_and_survive_storage():
    a, b = copies.fingerprint(TEXTS["ntb-brann"]), copies.fingerprint(TEXTS["ntb-brann"])
    assert (a.signature == b.signature).all() and a.bands == b.bands
    back = copies.Fingerprint.from_stored(a.to_bytes(), a.size)
    assert (back.signature == a.signature).all() and back.bands == a.bands


def test_a_text_shorter_than_a_shingle_is_one_shingle():
    assert copies.shingles("To ble drept.") == {"to ble drept"}
    assert copies.shingles("  ") == set()


def _article(aid: str, text: str, outlet: str, published: date | None) -> ExtractedArticle:
    when = DateInterval(published, published, Precision.DAY) if published else None
    return ExtractedArticle(Article(id=aid, text=text, language="nb", outlet=outlet, published=when), [], [])


def _groups(store) -> dict[str, str | None]:
    with store.read() as conn:
        return dict(conn.execute(select(t.articles.c.id, t.articles.c.copy_of)).all())


# A (the story's first six parts) and C (its last five) are no copies of each other; B, the whole story, is of
# both, so it makes the three one group whichever comes first
PARAS = TEXTS["ntb-brann"].split("\n\n")
BRIDGE = {
    "a": ("\n\n".join(PARAS[:6]), "Budstikka", date(2026, 3, 15)),
    "b": ("\n\n".join(PARAS), "Avisa", date(2026, 3, 14)),
    "c": ("\n\n".join(PARAS[3:]), "Byavisa", None),
    "d": (TEXTS["nrk-brann"], "NRK", date(2026, 3, 13)),
}


def test_groups_and_originals_do_not_depend_on_order(make_store):
    fps = {k: copies.fingerprint(v[0]) for k, v in BRIDGE.items()}
    assert not copies.is_copy(fps["a"], fps["c"]) and copies.is_copy(fps["a"], fps["b"])
    results = []
    for order in itertools.permutations(BRIDGE):
        store = make_store()
        for aid in order:
            store_extracted(store, _article(aid, *BRIDGE[aid]), "test 1")
        results.append(_groups(store))
        if len(results) == 6:
            break
    assert all(r == results[0] for r in results)
    # the earliest published of the group is its original; the independent report stands alone
    assert results[0] == {"a": "b", "b": None, "c": "b", "d": None}


def test_rebuild_gives_what_incremental_grouping_gave(store):
    for aid in ("c", "a", "d", "b"):
        store_extracted(store, _article(aid, *BRIDGE[aid]), "test 1")
    incremental = _groups(store)
    with store.write() as conn:
        conn.execute(update(t.articles).values(copy_of="x"))
        assert copies.rebuild_copies(conn) == 1
    assert _groups(store) == incremental


def test_a_news_agency_text_is_the_original_of_same_day_copies(store):
    for aid in ("aaa", "zzz"):
        outlet = "NTB" if aid == "zzz" else "Amta"
        store_extracted(store, _article(aid, TEXTS["ntb-brann"], outlet, date(2026, 3, 14)), "test 1")
    assert _groups(store) == {"aaa": "zzz", "zzz": None}


def test_five_copies_and_an_independent_report_are_one_story_with_two_sources(store):
    """The real pipeline over a wire story run by six outlets (five edited copies) and one outlet's own report."""
    from sitrep.cli import app

    result = CliRunner().invoke(app, ["ingest", str(WIRE), "--db", store.test_url])
    assert result.exit_code == 0, result.output
    # the independent report's arrest: other sentences of the copies ("er pågrepet og siktet") may add more
    arrests = query_stories(store, Filters(type="COERCE", mode="arrest", article="nrk-brann"))
    assert len(arrests) == 1, [(s.id, s.n_articles) for s in arrests]
    story = arrests[0]
    assert story.n_articles == 7
    assert story.n_sources == 2
    assert story.n_outlets == 7
    listed = {s.article_id: [c[0] for c in s.copies] for s in story.independent}
    assert listed == {"ntb-brann": sorted(COPIES), "nrk-brann": []}
    as_json = story.to_dict()["independent_sources"]
    assert [(s["outlet"], len(s["copies"])) for s in as_json] == [("NRK", 0), ("NTB", 5)]
    assert {r.copy_of for r in story.reports if r.article_id in COPIES} == {"ntb-brann"}


@pytest.mark.parametrize("aid", COPIES)
def test_each_copy_alone_joins_its_original(store, aid):
    store_extracted(store, _article("ntb-brann", TEXTS["ntb-brann"], "NTB", date(2026, 3, 14)), "test 1")
    store_extracted(store, _article(aid, TEXTS[aid], "X", date(2026, 3, 14)), "test 1")
    assert _groups(store)[aid] == "ntb-brann"
