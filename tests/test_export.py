"""Exports: JSON Lines, ACLED CSV (ACLED's exact header), GeoJSON a GIS opens, PLOVER JSON."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.export import ACLED_COLUMNS, acled_date, export
from sitrep.store import Filters, store_extracted

ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"
    "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
    "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
)


@pytest.fixture
def filled(store, nb_reports):
    for report in nb_reports:
        store_extracted(store, report, "test 1")
    return store


def _export(store, fmt, level="events", filters=None) -> str:
    out = io.StringIO()
    export(store, fmt, out, filters, level)
    return out.getvalue()


def test_acled_dates_follow_the_codebook():
    assert acled_date(date(2021, 8, 12), date(2021, 8, 12)) == (date(2021, 8, 12), 1)
    assert acled_date(date(2021, 8, 12), date(2021, 8, 13)) == (date(2021, 8, 12), 2)  # a weekend: its middle
    assert acled_date(date(2021, 8, 9), date(2021, 8, 15)) == (date(2021, 8, 12), 2)  # a week: Thursday
    assert acled_date(date(2021, 8, 1), date(2021, 8, 31)) == (date(2021, 8, 16), 3)  # a month: its middle
    assert acled_date(date(2021, 2, 1), date(2021, 2, 28)) == (date(2021, 2, 14), 3)
    assert acled_date(date(2020, 9, 1), None) == (date(2020, 9, 1), 3)
    assert acled_date(None, None) == (None, None)


def test_acled_csv_has_acleds_columns(filled, nb_reports):
    text = _export(filled, "acled-csv")
    assert text.splitlines()[0] == ACLED_HEADER
    assert ACLED_COLUMNS == ACLED_HEADER.split(",")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == sum(len(r.events) for r in nb_reports)
    assert all(list(r) == ACLED_COLUMNS for r in rows)
    by_note = {r["notes"]: r for r in rows}
    fall = next(r for n, r in by_note.items() if n.startswith("Taliban hevder"))
    assert fall["event_date"] == "2021-08-13" and fall["year"] == "2021" and fall["time_precision"] == "1"
    assert (fall["event_type"], fall["sub_event_type"]) == ("Battles", "Non-state actor overtakes territory")
    assert fall["disorder_type"] == "Political violence"
    assert (fall["actor1"], fall["inter1"], fall["interaction"]) == (
        "Taliban",
        "Rebel group",
        "Rebel group only",
    )
    assert (fall["iso"], fall["region"], fall["country"]) == ("4", "South Asia", "Afghanistan")
    assert fall["location"] == "Kandahar"
    assert (fall["latitude"], fall["longitude"], fall["geo_precision"]) == ("31.6133", "65.7101", "1")
    assert fall["source"] == "VG" and fall["fatalities"] == "0"
    assert "[claimed; according to: Taliban, Taliban]" in fall["notes"]
    assert "sitrep_status=claimed" in fall["tags"] and fall["event_id_cnty"].startswith("AFG")
    assert int(fall["timestamp"]) > 1_600_000_000
    attack = next(r for n, r in by_note.items() if n.startswith("Taliban-krigere angrep"))
    assert attack["fatalities"] == "12"
    ministry = next(r for n, r in by_note.items() if n.startswith("Innenriksdepartementet"))
    assert (ministry["event_date"], ministry["time_precision"]) == ("2021-08-12", "2")
    denial = next(r for n, r in by_note.items() if n.startswith("Regjeringen avviser"))
    assert (denial["event_date"], denial["time_precision"]) == ("2021-08-16", "3")  # published 2021-08
    denmark = next(r for n, r in by_note.items() if n.startswith("Danmark"))
    assert (denmark["geo_precision"], denmark["event_type"], denmark["actor1"]) == ("3", "", "Danmark")
    undated = next(r for n, r in by_note.items() if n.startswith("Kandahar falt, skriver"))
    assert undated["event_date"] == "" and undated["time_precision"] == ""


def test_acled_csv_of_stories(filled):
    rows = list(csv.DictReader(io.StringIO(_export(filled, "acled-csv", level="stories"))))
    assert len(rows) == 8
    kandahar = next(r for r in rows if r["location"] == "Kandahar" and r["year"] == "2021")
    assert kandahar["source"] == "Aftenposten; Dagbladet; NRK; NTB; VG"
    assert "sitrep_status=disputed" in kandahar["tags"] and "sitrep_sources=4" in kandahar["tags"]
    assert kandahar["fatalities"] == "12"


def test_geojson_is_a_feature_collection_of_points(filled, nb_reports):
    data = json.loads(_export(filled, "geojson"))
    assert data["type"] == "FeatureCollection"
    with_place = [e for r in nb_reports for e in r.events if e.place is not None]
    assert len(data["features"]) == len(with_place)
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert isinstance(lon, float) and isinstance(lat, float)
        props = feature["properties"]
        assert props["type"] and props["status"]
        assert all(not isinstance(v, dict | list) for v in props.values())  # flat, for GIS tools
    kandahar = [f for f in data["features"] if f["properties"]["place"] == "Kandahar"]
    assert kandahar[0]["geometry"]["coordinates"] == [65.71013, 31.61332]
    stories = json.loads(_export(filled, "geojson", level="stories"))
    assert stories["type"] == "FeatureCollection" and len(stories["features"]) == 7  # one story has no place


def test_plover_json(filled, nb_reports):
    lines = _export(filled, "plover-json").splitlines()
    assert len(lines) == sum(len(r.events) for r in nb_reports)
    records = [json.loads(line) for line in lines]
    for rec in records:
        assert rec["id"] and isinstance(rec["event"], list) and isinstance(rec["source"], list)
        assert isinstance(rec["mode"], list) and isinstance(rec["context"], list)
        assert rec["cite_info"]["codebook"].startswith("plover")
    claim = next(r for r in records if r["event_text"][0].startswith("Taliban hevder"))
    assert claim["event"] == ["COERCE"] and claim["mode"] == ["seize"] and claim["quad_code"] == 4
    assert claim["date"] == "2021-08-13" and "enddate" not in claim
    assert claim["source"] == [
        {"actor_text": "Taliban", "identifier_text": "Taliban", "code": "AFG", "sector": "REB"}
    ]
    loc = claim["event_loc"]
    assert loc["name"] == "Kandahar" and loc["geonameid"] == 1138336
    assert (loc["latitude"], loc["longitude"], loc["country code"], loc["cc3"]) == (
        31.61332,
        65.71013,
        "AF",
        "AFG",
    )
    assert claim["status"] == "claimed" and claim["link"]
    threat = next(r for r in records if r["event_text"][0].startswith("EU truet"))
    assert threat["recipient"][0]["identifier_text"] == "Taliban" and threat["quad_code"] == 3
    assert threat["source"] == [{"actor_text": "EU", "identifier_text": "EU", "code": "IGO"}]


def test_jsonl(filled, nb_reports):
    lines = _export(filled, "jsonl").splitlines()
    assert len(lines) == sum(len(r.events) for r in nb_reports)
    first = json.loads(lines[0])
    assert {"id", "article_id", "story_id", "type", "trigger", "sentence", "sources", "status"} <= set(first)
    stories = [json.loads(line) for line in _export(filled, "jsonl", level="stories").splitlines()]
    assert len(stories) == 8 and all(s["reports"] for s in stories)
    only = _export(filled, "jsonl", filters=Filters(status="denied")).splitlines()
    assert [json.loads(line)["article_id"] for line in only] == ["dagbladet-1"]


def test_export_command(filled, tmp_path):
    runner = CliRunner()
    out = tmp_path / "out" / "events.csv"
    result = runner.invoke(
        app, ["export", "--format", "acled-csv", "--out", str(out), "--db", filled.test_url]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines()[0] == ACLED_HEADER
    result = runner.invoke(
        app,
        ["export", "--format", "geojson", "--level", "stories", "--country", "AF", "--db", filled.test_url],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["type"] == "FeatureCollection"
