"""Stories: reports of one real event merged across articles, the same whatever the order, equal to a rebuild."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from sitrep.geo import distance_km
from sitrep.model import Status, replace
from sitrep.store import Filters, query_stories, replace_events, store_extracted
from sitrep.store.ids import event_id
from sitrep.stories import (
    DISPUTED,
    LinkInfo,
    components,
    linked,
    load_families,
    rebuild_stories,
    snapshot,
    story_status,
)

# ---- the rules, without a database --------------------------------------------------------------------------


def info(
    id,
    type="COERCE",
    mode="seize",
    lat=None,
    lon=None,
    kind="city",
    country="AF",
    place=None,
    actor=None,
    target=None,
    start=date(2021, 8, 12),
    end=date(2021, 8, 12),
):
    if place is None and lat is not None:
        place = f"name:{id}"
    return LinkInfo(
        id,
        type,
        mode,
        lat,
        lon,
        kind if place else None,
        country if place else None,
        place,
        actor,
        target,
        start,
        end,
    )


KANDAHAR = (31.61332, 65.71013)
AIRPORT = (31.50583, 65.84778)  # 17 km from the town
LASHKAR_GAH = (31.59382, 64.37161)  # 127 km


def test_type_families_come_from_data():
    families = load_families()
    assert families.compatible("ASSAULT", None, "COERCE", "seize")
    assert families.compatible("COERCE", "seize", "ASSAULT", "aerial")
    assert families.compatible("COERCE", "seize", "COERCE", None)
    assert families.compatible("ASSAULT", "aerial", "ASSAULT", "drone")
    assert not families.compatible("COERCE", "seize", "COERCE", "arrest")
    assert not families.compatible("ASSAULT", None, "COERCE", "arrest")
    assert not families.compatible("OTHER", None, "OTHER", None)
    assert {"ASSAULT", "COERCE"} <= families.group("ASSAULT")
    assert families.group("CONSULT") == {"CONSULT"}


def test_distance():
    assert 15 < distance_km(KANDAHAR, AIRPORT) < 20
    assert 120 < distance_km(KANDAHAR, LASHKAR_GAH) < 135


def test_same_place_within_25_km_links():
    town = info("a", lat=KANDAHAR[0], lon=KANDAHAR[1])
    airport = info("b", type="ASSAULT", mode=None, lat=AIRPORT[0], lon=AIRPORT[1], actor="taliban")
    far = info("c", lat=LASHKAR_GAH[0], lon=LASHKAR_GAH[1], actor="taliban")
    assert linked(town, airport)
    assert not linked(town, far)
    assert not linked(airport, far)


def test_time_must_overlap_and_undated_events_link_to_nothing():
    a = info("a", lat=KANDAHAR[0], lon=KANDAHAR[1])
    next_day = info("b", lat=KANDAHAR[0], lon=KANDAHAR[1], start=date(2021, 8, 13), end=date(2021, 8, 13))
    next_week = info("c", lat=KANDAHAR[0], lon=KANDAHAR[1], start=date(2021, 8, 19), end=date(2021, 8, 19))
    month = info("d", lat=KANDAHAR[0], lon=KANDAHAR[1], start=date(2021, 8, 1), end=date(2021, 8, 31))
    since = info("e", lat=KANDAHAR[0], lon=KANDAHAR[1], start=date(2020, 9, 1), end=None)
    undated = info("f", lat=KANDAHAR[0], lon=KANDAHAR[1], start=None, end=None)
    assert linked(a, next_day)  # one day of slack
    assert not linked(a, next_week)
    assert linked(a, month) and linked(next_week, month)
    assert linked(a, since)
    assert not linked(a, undated) and not linked(undated, undated)


def test_without_a_place_the_same_actor_and_target_link():
    eu = info("a", type="THREATEN", mode="relations", actor="eu", target="taliban")
    eu_again = info("b", type="THREATEN", mode=None, actor="eu", target="taliban")
    russia = info("c", type="THREATEN", mode=None, actor="russland", target="taliban")
    eu_other_target = info("d", type="THREATEN", mode=None, actor="eu", target="usa")
    nobody = info("e", type="THREATEN", mode=None)
    assert linked(eu, eu_again)
    assert not linked(eu, russia)
    assert not linked(eu, eu_other_target)
    assert not linked(nobody, nobody)


def test_a_shared_country_alone_never_links():
    afghanistan = {
        "type": "THREATEN",
        "mode": None,
        "lat": 33.0,
        "lon": 66.0,
        "kind": "country",
        "place": "gn:1149361",
    }
    a = info("a", **afghanistan, actor="russland")
    b = info("b", **afghanistan, actor="danmark")
    assert not linked(a, b)
    same_actor = info("c", **afghanistan, actor="russland")
    assert linked(a, same_actor)
    other_country = info(
        "d",
        type="THREATEN",
        mode=None,
        lat=60.0,
        lon=10.0,
        kind="country",
        place="gn:3144096",
        country="NO",
        actor="russland",
    )
    assert not linked(a, other_country)


def test_towns_far_apart_are_not_chained_through_a_report_without_a_town():
    """The seed: Herat and Kandahar taken by the Taliban, and the Taliban controlling "Vest-Afghanistan" (a region)
    and seizing something unnamed, all in August 2021: a town links to nothing but reports of a town within 25 km."""
    kandahar = info("kandahar", lat=KANDAHAR[0], lon=KANDAHAR[1], actor="taliban")
    herat = info("herat", lat=34.34817, lon=62.19967, actor="taliban")
    west = info("west", lat=33.0, lon=63.0, kind="region", place="region:west-af", actor="taliban")
    unnamed = info("unnamed", actor="taliban")
    assert not linked(herat, west) and not linked(kandahar, unnamed)
    assert linked(west, unnamed)  # neither names a town: the same actor and target
    assert components([kandahar, herat, west, unnamed]) == [["herat"], ["kandahar"], ["unnamed", "west"]]


def test_components_in_memory_chain_and_stay_apart():
    a = info("a", lat=KANDAHAR[0], lon=KANDAHAR[1])
    b = info("b", type="ASSAULT", mode=None, lat=AIRPORT[0], lon=AIRPORT[1])
    c = info("c", lat=LASHKAR_GAH[0], lon=LASHKAR_GAH[1])
    d = info("d", type="THREATEN", mode=None, actor="eu", target="taliban")
    e = info(
        "e",
        type="THREATEN",
        mode=None,
        actor="eu",
        target="taliban",
        start=date(2021, 8, 13),
        end=date(2021, 8, 13),
    )
    antimeridian = [info("x", lat=0.0, lon=179.99), info("y", lat=0.0, lon=-179.99)]
    assert components([a, b, c, d, e, *antimeridian]) == [["a", "b"], ["c"], ["d", "e"], ["x", "y"]]


def test_components_equal_all_pairs_on_random_events():
    """The pruned candidate search finds every link that comparing all pairs finds."""
    from sitrep.stories import _UnionFind

    rng = random.Random(7)
    infos = []
    for i in range(400):
        start = date(2021, 1, 1) + timedelta(days=rng.randrange(300))
        end = None if rng.random() < 0.05 else start + timedelta(days=rng.choice([0, 0, 0, 1, 6, 30]))
        point = rng.random() < 0.7
        infos.append(
            info(
                f"e{i:03d}",
                type=rng.choice(["COERCE", "ASSAULT", "THREATEN"]),
                mode=rng.choice(["seize", None]),
                lat=30.0 + rng.random() * 3 if point else None,
                lon=64.0 + rng.random() * 3 if point else None,
                actor=rng.choice(["taliban", "eu", None]),
                target=rng.choice(["taliban", None]),
                start=None if rng.random() < 0.03 else start,
                end=end,
            )
        )
    uf = _UnionFind(i.id for i in infos)
    for a in infos:
        for b in infos:
            if a.id < b.id and linked(a, b):
                uf.union(a.id, b.id)
    assert components(infos) == uf.groups()
    assert components(reversed(infos)) == uf.groups()


@pytest.mark.parametrize(
    "statuses, expected",
    [
        (["claimed", "confirmed"], "confirmed"),
        (["reported", "claimed"], "reported"),
        (["confirmed", "denied"], DISPUTED),
        (["claimed", "denied"], DISPUTED),
        (["denied", "denied"], "denied"),
        (["unconfirmed", "denied"], "denied"),
        (["predicted"], "predicted"),
        (["asserted", "unconfirmed"], "asserted"),
    ],
)
def test_story_status(statuses, expected):
    assert story_status(statuses) == expected
    assert story_status(reversed(statuses)) == expected


# ---- stories in the store -------------------------------------------------------------------------------------


def _eid(report, index):
    return event_id(report.article.id, index, report.events[index])


def _story_of(store, event):
    stories = {s.id: s for s in query_stories(store)}
    for s in stories.values():
        if event in {r.event_id for r in s.reports}:
            return s
    raise AssertionError(f"{event} is in no story")


def _ingest(store, reports):
    for report in reports:
        store_extracted(store, report, "test 1")


def _snap(store):
    with store.read() as conn:
        return snapshot(conn)


def test_reports_of_one_event_become_one_story(store, nb_reports):
    by_id = {r.article.id: r for r in nb_reports}
    kandahar = ["ntb-1", "aftenposten-1", "vg-1", "nrk-1"]
    _ingest(store, [by_id[i] for i in kandahar])
    story = _story_of(store, _eid(by_id["vg-1"], 0))
    # claimed by the Taliban, reported by anonymous sources, then confirmed by the ministry
    assert story.status == "confirmed"
    _ingest(store, [by_id["dagbladet-1"]])
    story = _story_of(store, _eid(by_id["vg-1"], 0))
    members = {r.event_id for r in story.reports}
    assert members == {
        _eid(by_id["ntb-1"], 0),
        _eid(by_id["aftenposten-1"], 0),
        _eid(by_id["vg-1"], 0),
        _eid(by_id["nrk-1"], 0),
        _eid(by_id["nrk-1"], 1),  # the attack on the airport, 17 km away: ASSAULT ~ COERCE/seize
        _eid(by_id["dagbladet-1"], 0),
    }
    assert story.status == DISPUTED  # confirmed by the ministry, denied by the government: never resolved
    assert story.statuses == {"asserted": 1, "claimed": 1, "confirmed": 1, "denied": 1, "reported": 2}
    assert story.n_reports == 6
    assert story.n_articles == 5
    assert story.n_sources == 4  # NTB's wire story and Aftenposten's copy of it count once
    assert story.n_outlets == 5
    assert story.outlets == ["Aftenposten", "Dagbladet", "NRK", "NTB", "VG"]
    assert story.sources == [
        "Afghanistans innenriksdepartement",
        "Afghanistans regjering",
        "Taliban",
        "anonymous sources",
    ]
    assert (story.type, story.mode, story.actor, story.target) == ("COERCE", "seize", "Taliban", None)
    assert (story.place_name, story.place_country) == ("Kandahar", "AF")
    assert (story.time_start, story.time_end, story.time_precision) == (
        date(2021, 8, 12),
        date(2021, 8, 12),
        "day",
    )
    assert (story.first_report, story.last_report) == (date(2021, 8, 1), date(2021, 8, 14))
    assert story.fatalities == 12
    # each report keeps its own status
    assert sorted(r.status for r in story.reports) == sorted(
        ["reported", "reported", "claimed", "confirmed", "asserted", "denied"]
    )


def test_unrelated_events_stay_apart(store, nb_reports):
    _ingest(store, nb_reports)
    by_id = {r.article.id: r for r in nb_reports}
    kandahar = _story_of(store, _eid(by_id["vg-1"], 0))
    herat = _story_of(store, _eid(by_id["ntb-1"], 1))
    assert herat.id != kandahar.id
    assert {r.event_id for r in herat.reports} == {_eid(by_id["ntb-1"], 1), _eid(by_id["aftenposten-1"], 1)}
    assert (herat.n_sources, herat.n_outlets, herat.status) == (1, 2, "asserted")
    lonely = [
        _eid(by_id["nrk-2"], 0),  # Lashkar Gah, 127 km away
        _eid(by_id["arkiv-1996"], 0),  # Kandahar, but in 1994
        _eid(by_id["udatert"], 0),  # Kandahar, but no date at all
        _eid(by_id["vg-2"], 1),  # Russia threatens over Afghanistan ...
        _eid(
            by_id["ap-2"], 0
        ),  # ... Denmark stops deportations to Afghanistan: a country alone links nothing
    ]
    for event in lonely:
        assert [r.event_id for r in _story_of(store, event).reports] == [event]
    eu = _story_of(store, _eid(by_id["nrk-2"], 1))
    assert {r.event_id for r in eu.reports} == {_eid(by_id["nrk-2"], 1), _eid(by_id["vg-2"], 0)}
    assert len(query_stories(store)) == 8
    assert [s.id for s in query_stories(store, Filters(status="disputed"))] == [kandahar.id]
    assert [s.id for s in query_stories(store, Filters(source="ministry"))] == []
    assert [s.id for s in query_stories(store, Filters(source="innenriksdep"))] == [kandahar.id]


def test_any_order_gives_the_same_stories_equal_to_a_rebuild(make_store, nb_reports):
    rng = random.Random(20210815)
    orders = [list(nb_reports), list(reversed(nb_reports))]
    for _ in range(3):
        order = list(nb_reports)
        rng.shuffle(order)
        orders.append(order)
    snapshots = []
    for order in orders:
        store = make_store()
        _ingest(store, order)
        snapshots.append(_snap(store))
        with store.write() as conn:
            rebuild_stories(conn)
        assert _snap(store) == snapshots[-1]
    assert all(s == snapshots[0] for s in snapshots[1:])
    assert len(snapshots[0]) == 8


def test_reextraction_splits_and_joins_stories_like_a_rebuild(store, nb_reports, report_builder):
    """Removing the event that bridged two reports splits their story; stories stay equal to a rebuild."""
    by_id = {r.article.id: r for r in nb_reports}
    _ingest(store, [by_id[i] for i in ("ntb-1", "nrk-1", "dagbladet-1")])
    # a report of fighting 17 km beyond the airport: linked to the airport attack only, so the chain
    # town - airport - beyond makes one story
    beyond = report_builder(
        "tolo-1",
        "TOLOnews",
        "2021-08-13",
        "Taliban angrep en kontrollpost øst for flyplassen fredag.",
        [
            (
                "ASSAULT",
                None,
                "angrep",
                {"place": ("kontrollpost", "Kandahar flyplass"), "actor": "Taliban", "status": "asserted"},
            )
        ],
    )
    beyond.events[0] = replace(
        beyond.events[0],
        place=replace(beyond.events[0].place, lat=31.44, lon=66.02, geonameid=None, name="Kontrollpost øst"),
    )
    _ingest(store, [beyond])
    chain = _story_of(store, _eid(beyond, 0))
    assert _eid(by_id["ntb-1"], 0) in {r.event_id for r in chain.reports}
    rebuilt = _rebuilt(store)
    assert _snap(store) == rebuilt

    # re-extraction drops the airport attack: the chain breaks in two
    nrk = by_id["nrk-1"]
    replace_events(store, replace(nrk, events=nrk.events[:1]), "test 2")
    assert _eid(beyond, 0) not in {r.event_id for r in _story_of(store, _eid(by_id["ntb-1"], 0)).reports}
    assert [r.event_id for r in _story_of(store, _eid(beyond, 0)).reports] == [_eid(beyond, 0)]
    assert _snap(store) == _rebuilt(store)

    # and the government's denial, re-read as a confirmation, ends the dispute
    assert _story_of(store, _eid(by_id["ntb-1"], 0)).status == DISPUTED
    dagbladet = by_id["dagbladet-1"]
    replace_events(
        store, replace(dagbladet, events=[replace(dagbladet.events[0], status=Status.CONFIRMED)]), "test 2"
    )
    assert _story_of(store, _eid(by_id["ntb-1"], 0)).status == "confirmed"
    assert _snap(store) == _rebuilt(store)


def _rebuilt(store):
    """The snapshot a full rebuild gives (rolled back: the store keeps its incremental stories)."""
    with store.engine.connect() as conn:
        trans = conn.begin()
        rebuild_stories(conn)
        result = snapshot(conn)
        trans.rollback()
    return result
