"""Shared fixtures.

Store fixtures run every test that uses them against SQLite (a temporary file) and, when ``SITREP_TEST_POSTGRES``
holds a ``postgresql://`` URL (``.ci/postgres.sh`` prints one), against that PostgreSQL server too: each store is a
fresh schema of that database, dropped afterwards.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
import uuid
from datetime import date

import pytest

POSTGRES_ENV = "SITREP_TEST_POSTGRES"


def _backends():
    return [
        "sqlite",
        pytest.param(
            "postgresql",
            marks=pytest.mark.skipif(
                not os.environ.get(POSTGRES_ENV), reason=f"set {POSTGRES_ENV} to a postgresql:// URL to run"
            ),
        ),
    ]


@pytest.fixture(params=_backends())
def backend(request) -> str:
    return request.param


@pytest.fixture
def make_store_url(backend, tmp_path):
    """A factory of URLs of fresh, empty databases on the parametrised backend."""
    from sqlalchemy import create_engine, text

    from sitrep.store.db import database_url

    schemas: list[str] = []
    admin = None
    if backend == "postgresql":
        base = os.environ[POSTGRES_ENV]
        admin = create_engine(database_url(base), isolation_level="AUTOCOMMIT")

    def make() -> str:
        if backend == "sqlite":
            return str(tmp_path / f"store-{uuid.uuid4().hex[:8]}.db")
        schema = f"sitrep_test_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        schemas.append(schema)
        sep = "&" if "?" in base else "?"
        return f"{base}{sep}options=-csearch_path%3D{schema}"

    yield make
    if admin is not None:
        with admin.connect() as conn:
            for schema in schemas:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def make_store(make_store_url):
    """A factory of fresh stores (``make_store(migrate=False)`` for an empty, unmigrated database)."""
    from sitrep.store import open_store

    opened = []

    def make(migrate: bool = True):
        url = make_store_url()
        store = open_store(url, migrate=migrate)
        store.test_url = url  # the unredacted URL, for subprocesses and the CLI
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def store(make_store):
    return make_store()


# ---- hand-written Norwegian reports -------------------------------------------------------------------------
#
# Several outlets report the fall of Kandahar in August 2021 with differing certainty (anonymous sources, the
# Taliban's claim, the interior ministry's confirmation, the government's denial, a wire copy), next to events
# that must stay apart (Herat, Lashkar Gah, Kandahar in 1996, country-only threats by different actors).

PLACES = {
    "Kandahar": {
        "geonameid": 1138336,
        "lat": 31.61332,
        "lon": 65.71013,
        "admin1": "Kandahar",
        "country": "AF",
        "kind": "city",
    },
    "Kandahar flyplass": {
        "geonameid": 7668008,
        "lat": 31.50583,
        "lon": 65.84778,
        "admin1": "Kandahar",
        "country": "AF",
        "kind": "city",
    },
    "Herat": {
        "geonameid": 1140026,
        "lat": 34.34817,
        "lon": 62.19967,
        "admin1": "Herat",
        "country": "AF",
        "kind": "city",
    },
    "Ghazni": {
        "geonameid": 1141269,
        "lat": 33.55391,
        "lon": 68.42096,
        "admin1": "Ghazni",
        "country": "AF",
        "kind": "city",
    },
    "Kabul": {
        "geonameid": 1138958,
        "lat": 34.52813,
        "lon": 69.17233,
        "admin1": "Kabul",
        "country": "AF",
        "kind": "city",
    },
    "Lashkar Gah": {
        "geonameid": 1134720,
        "lat": 31.59382,
        "lon": 64.37161,
        "admin1": "Helmand",
        "country": "AF",
        "kind": "city",
    },
    "Afghanistan": {
        "geonameid": 1149361,
        "lat": 33.0,
        "lon": 66.0,
        "admin1": None,
        "country": "AF",
        "kind": "country",
    },
}

ACTORS = {
    "Taliban": {"canonical": "Taliban", "kind": "armed group", "country": "AF"},
    "Taliban-krigere": {"canonical": "Taliban", "kind": "armed group", "country": "AF"},
    "regjeringsstyrker": {"canonical": "Afghanistans regjering", "kind": "military", "country": "AF"},
    "EU": {"canonical": "EU", "kind": "igo", "country": None},
    "Russland": {"canonical": "Russland", "kind": "state", "country": "RU"},
    "USA": {"canonical": "USA", "kind": "state", "country": "US"},
}

SOURCES = {
    "Kilder": "anonymous sources",
    "Taliban": "Taliban",
    "en Taliban-talsmann": "Taliban",
    "Innenriksdepartementet": "Afghanistans innenriksdepartement",
    "Regjeringen": "Afghanistans regjering",
    "en blogger": None,
}

WIRE = (
    "Kilder sier til nyhetsbyrået at Kandahar falt torsdag kveld. Regjeringen har ennå ikke bekreftet byens fall. "
    "Tidligere torsdag falt Herat til Taliban."
)
WIRE_EVENTS = [  # as every outlet that runs the wire story reports it
    (
        "COERCE",
        "seize",
        "falt",
        {
            "place": "Kandahar",
            "time": ("torsdag kveld", "2021-08-12", "2021-08-12", "day"),
            "status": "reported",
            "sources": ["Kilder"],
            "confidence": 0.6,
        },
    ),
    (
        "COERCE",
        "seize",
        "falt@Tidligere torsdag",
        {
            "place": "Herat",
            "actor": "Taliban",
            "time": ("Tidligere torsdag", "2021-08-12", "2021-08-12", "day"),
            "status": "asserted",
            "confidence": 0.7,
        },
    ),
]

# (id, outlet, published, text, events); an event: (type, mode, trigger, fields)
REPORTS = [
    ("ntb-1", "NTB", "2021-08-13", WIRE, WIRE_EVENTS),
    (
        "aftenposten-1",
        "Aftenposten",
        "2021-08-13",
        WIRE,
        WIRE_EVENTS,
    ),  # the same wire story: one source, two outlets
    (
        "vg-1",
        "VG",
        "2021-08-13",
        "Taliban hevder at de har tatt over Kandahar. – Kandahar er fullstendig erobret, skriver en Taliban-talsmann.",
        [
            (
                "COERCE",
                "seize",
                "tatt over",
                {
                    "place": "Kandahar",
                    "actor": "Taliban",
                    "status": "claimed",
                    "sources": ["Taliban", "en Taliban-talsmann"],
                    "confidence": 0.8,
                },
            )
        ],
    ),
    (
        "nrk-1",
        "NRK",
        "2021-08-14",
        (
            "Innenriksdepartementet bekreftet fredag at Kandahar er falt. Taliban-krigere angrep flyplassen utenfor byen "
            "natt til fredag, og 12 regjeringssoldater ble drept."
        ),
        [
            (
                "COERCE",
                "seize",
                "falt",
                {
                    "place": "Kandahar",
                    "status": "confirmed",
                    "sources": ["Innenriksdepartementet"],
                    "time": ("fredag", "2021-08-12", "2021-08-13", "range"),
                    "confidence": 0.9,
                },
            ),
            (
                "ASSAULT",
                None,
                "angrep",
                {
                    "place": ("flyplassen", "Kandahar flyplass"),
                    "actor": "Taliban-krigere",
                    "time": ("natt til fredag", "2021-08-13", "2021-08-13", "day"),
                    "status": "asserted",
                    "killed": 12,
                    "confidence": 0.7,
                },
            ),
        ],
    ),
    (
        "dagbladet-1",
        "Dagbladet",
        "2021-08",
        "Regjeringen avviser at Kandahar er falt, og sier at regjeringsstyrker fortsatt kontrollerer byen.",
        [
            (
                "COERCE",
                "seize",
                "falt",
                {"place": "Kandahar", "status": "denied", "sources": ["Regjeringen"], "confidence": 0.7},
            )
        ],
    ),
    (
        "nrk-2",
        "NRK",
        "2021-08-12",
        "Taliban-krigere rykket inn i Lashkar Gah onsdag. EU truet torsdag Taliban med diplomatisk isolasjon.",
        [
            (
                "COERCE",
                "seize",
                "rykket inn",
                {
                    "place": "Lashkar Gah",
                    "actor": "Taliban-krigere",
                    "time": ("onsdag", "2021-08-11", "2021-08-11", "day"),
                    "status": "asserted",
                },
            ),
            (
                "THREATEN",
                "relations",
                "truet",
                {
                    "actor": "EU",
                    "target": "Taliban",
                    "place": None,
                    "time": ("torsdag", "2021-08-12", "2021-08-12", "day"),
                    "status": "asserted",
                },
            ),
        ],
    ),
    (
        "vg-2",
        "VG",
        "2021-08-13",
        "EU har truet Taliban med isolasjon. Russland truer med sanksjoner mot Afghanistan.",
        [
            ("THREATEN", "relations", "truet", {"actor": "EU", "target": "Taliban", "status": "asserted"}),
            (
                "THREATEN",
                None,
                "truer",
                {"actor": "Russland", "place": ("Afghanistan", "Afghanistan"), "status": "asserted"},
            ),
        ],
    ),
    (
        "ap-2",
        "AP",
        "2021-08-13",
        "Danmark stanser utsendelser til Afghanistan inntil videre.",
        [
            (
                "THREATEN",
                None,
                "stanser",
                {
                    "actor": ("Danmark", "Danmark", "state", "DK"),
                    "place": ("Afghanistan", "Afghanistan"),
                    "status": "asserted",
                },
            )
        ],
    ),
    (
        "arkiv-1996",
        "NTB",
        "1996-09",
        "Taliban tok Kandahar i 1994 og marsjerer nå mot Kabul.",
        [
            (
                "COERCE",
                "seize",
                "tok",
                {
                    "place": "Kandahar",
                    "actor": "Taliban",
                    "time": ("i 1994", "1994-01-01", "1994-12-31", "year"),
                    "status": "asserted",
                },
            )
        ],
    ),
    (
        "udatert",
        "Blogg",
        None,
        "Kandahar falt, skriver en blogger.",
        [("COERCE", "seize", "falt", {"place": "Kandahar", "status": "reported", "sources": ["en blogger"]})],
    ),
]


def _span(text: str, phrase: str, after: int = 0):
    from sitrep.model import Span

    start = text.index(phrase, after)
    return Span(phrase, start, start + len(phrase))


def _sentence(text: str, pos: int):
    from sitrep.model import Span

    start = max(text.rfind(". ", 0, pos) + 2, 0) if text.rfind(". ", 0, pos) >= 0 else 0
    end = text.find(". ", pos)
    end = len(text) if end < 0 else end + 1
    return Span(text[start:end], start, end)


def _published(value):
    from sitrep.model import DateInterval, Precision

    if value is None:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        d = date(*parts)
        return DateInterval(d, d, Precision.DAY)
    if len(parts) == 2:
        from calendar import monthrange

        return DateInterval(
            date(parts[0], parts[1], 1), date(parts[0], parts[1], monthrange(*parts)[1]), Precision.MONTH
        )
    return DateInterval(date(parts[0], 1, 1), date(parts[0], 12, 31), Precision.YEAR)


def build_report(id, outlet, published, text, specs, language="nb"):
    """An ``ExtractedArticle`` written by hand: spans are found in ``text`` by their words."""
    from sitrep.model import (
        Actor,
        Article,
        DateInterval,
        Event,
        ExtractedArticle,
        Mention,
        Place,
        Precision,
        Quantity,
        Source,
        Status,
        TimeSpan,
    )

    article = Article(
        id=id,
        text=text,
        language=language,
        published=_published(published),
        outlet=outlet,
        url=f"https://example.org/{id}",
        path=f"{id}.txt",
        section="utenriks",
    )
    events = []
    for type_, mode, trigger, f in specs:
        word, _, context = trigger.partition("@")  # "falt@Tidligere torsdag": the "falt" after those words
        trig = _span(text, word, text.index(context) if context else 0)
        actor = None
        if f.get("actor"):
            a = f["actor"]
            if isinstance(a, tuple):
                words, canonical, kind, country = a
            else:
                words, canonical, kind, country = (
                    a,
                    ACTORS[a]["canonical"],
                    ACTORS[a]["kind"],
                    ACTORS[a]["country"],
                )
            actor = Actor(_span(text, words), canonical, kind, country)
        target = None
        if f.get("target"):
            t = ACTORS[f["target"]]
            target = Actor(_span(text, f["target"], trig.end), t["canonical"], t["kind"], t["country"])
        place = None
        if f.get("place"):
            words, name = f["place"] if isinstance(f["place"], tuple) else (f["place"], f["place"])
            p = PLACES[name]
            place = Place(
                _span(text, words),
                name,
                p["geonameid"],
                p["lat"],
                p["lon"],
                p["admin1"],
                p["country"],
                p["kind"],
            )
        time = None
        if f.get("time"):
            words, start, end, precision = f["time"]
            time = TimeSpan(
                _span(text, words),
                DateInterval(date.fromisoformat(start), date.fromisoformat(end), Precision(precision)),
                "published",
            )
        elif article.published is not None:
            time = TimeSpan(None, article.published, "published")
        sources = [Source(_span(text, s), SOURCES[s]) for s in f.get("sources", [])]
        quantities = []
        if f.get("killed"):
            quantities.append(
                Quantity(
                    float(f["killed"]), "regjeringssoldat", "killed", False, _span(text, str(f["killed"]))
                )
            )
        acled = None
        if type_ == "COERCE" and mode == "seize":
            acled = {"event_type": "Battles", "sub_event_type": "Non-state actor overtakes territory"}
        elif type_ == "ASSAULT":
            acled = {"event_type": "Battles", "sub_event_type": "Armed clash"}
        events.append(
            Event(
                type=type_,
                trigger=trig,
                sentence=_sentence(text, trig.start),
                mode=mode,
                contexts=["military", "territory"] if type_ in ("COERCE", "ASSAULT") else ["diplomatic"],
                acled=acled,
                actor=actor,
                target=target,
                place=place,
                time=time,
                status=Status(f.get("status", "asserted")),
                sources=sources,
                quantities=quantities,
                confidence=f.get("confidence", 0.5),
                negated=False,
            )
        )
    entities = [Mention(_span(text, e.place.span.text), "GPE_LOC", e.place.name) for e in events if e.place]
    return ExtractedArticle(article, entities, events)


@pytest.fixture
def nb_reports():
    """The hand-written Norwegian reports (``ExtractedArticle``s), in a fixed order."""
    return [build_report(*r) for r in REPORTS]


@pytest.fixture
def report_builder():
    """``build_report(id, outlet, published, text, specs)``: an ExtractedArticle written by hand."""
    return build_report


# ---- a real HTTP server on loopback ----------------------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def http_root(tmp_path):
    """A real HTTP server on loopback serving the files of a folder."""
    root = tmp_path / "www"
    root.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
