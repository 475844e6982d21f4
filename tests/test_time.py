"""Time expressions found in news text and resolved against day- and month-precise publication dates."""

from datetime import date

import pytest

from sitrep.extract.time import find_times, resolve_text
from sitrep.model import DateInterval, Precision
from sitrep.read import parse_published

FRIDAY = parse_published("2021-08-13")  # the seed's day for resolution tests: a Friday
AUGUST = parse_published("2021-08")  # the seed's own, month-precise date
D = date.fromisoformat


def times(text, published=FRIDAY, lang="nb"):
    return [(t.span.text, t.interval) for t in find_times(text, lang, published)]


def day(iso):
    return DateInterval(D(iso), D(iso), Precision.DAY)


def interval(start, end, precision=Precision.RANGE):
    return DateInterval(D(start), D(end) if end else None, precision)


# the seed article's own phrases, in its own sentences
SEED = (
    "Kildene sier til nyhetsbyrået at Kandahar falt torsdag kveld. Tidligere torsdag falt Herat. "
    "Og senere ble det meldt at Qale-e Naw er falt. Offensiven startet da USA og Nato innledet "
    "tilbaketrekningen i mai. Kabul kan havne under press fra opprørerne innen 30 dager. Taliban kan ha "
    "full kontroll innen få måneder. Maktdeling har vært tema for fredssamtalene i Doha siden september i "
    "fjor. EU og verdenssamfunnet truet torsdag Taliban med isolasjon."
)


def test_seed_phrases_with_a_day_precise_publication_date():
    assert times(SEED) == [
        ("torsdag kveld", day("2021-08-12")),
        ("Tidligere torsdag", day("2021-08-12")),  # one expression, the whole span
        ("i mai", interval("2021-05-01", "2021-05-31", Precision.MONTH)),
        ("innen 30 dager", interval("2021-08-13", "2021-09-12")),
        ("innen få måneder", interval("2021-08-13", "2021-11-13")),  # "få" counts as 3
        ("siden september i fjor", interval("2020-09-01", None)),
        ("torsdag", day("2021-08-12")),
    ]


def test_seed_phrases_with_a_month_precise_publication_date():
    found = dict(times(SEED, AUGUST))
    thursday = interval("2021-07-29", "2021-08-26")  # latest Thursday before Aug 1 .. before Aug 31
    assert found["torsdag kveld"] == found["Tidligere torsdag"] == found["torsdag"] == thursday
    assert thursday.start <= D("2021-08-12") <= thursday.end and thursday.days <= 35
    assert found["i mai"] == interval("2021-05-01", "2021-05-31", Precision.MONTH)
    assert found["siden september i fjor"] == interval("2020-09-01", None)
    assert found["innen 30 dager"] == interval("2021-08-01", "2021-09-30")
    assert resolve_text("i går", "nb", AUGUST) == interval("2021-07-31", "2021-08-30")


def test_spans_are_offsets_into_the_body():
    text = "Angrepet skjedde i går, ifølge politiet."
    [found] = find_times(text, "nb", FRIDAY, offset=100)
    assert (found.span.text, found.span.start, found.span.end) == ("i går", 117, 122)
    assert text[found.span.start - 100 : found.span.end - 100] == found.span.text
    assert found.anchor == "published"


@pytest.mark.parametrize(
    "text",
    [
        "Dermed har gruppen fått kontroll over nesten hele Vest-Afghanistan.",
        "Og senere ble det meldt at byen er falt.",  # "senere" alone says no date
        "Ghani har nå invitert Taliban til å bli med en samlingsregjering.",
        "Kandahar var tidligere Taliban-bevegelsens hovedsete.",
        "Tolv hovedsteder er falt på bare en uke.",  # a duration, not a time
        "USA sender 3.000 soldater, og 2019 soldater blir igjen.",  # counts are not years
        "Dersom dagens utvikling fortsetter, faller Kabul.",
        "Flyet gikk ned i 2000 meters høyde.",
        "Siden han var syk, ble møtet avlyst.",  # "siden" as "because"
    ],
)
def test_words_that_are_not_time_expressions(text):
    assert times(text) == []


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("12. august", day("2021-08-12")),
        ("12. august 2021", day("2021-08-12")),
        ("12.08.2021", day("2021-08-12")),
        ("2021-08-12", day("2021-08-12")),
        ("fredag 13. august", day("2021-08-13")),
        ("14. august", day("2020-08-14")),  # not yet come: last year's (news is past tense)
        ("august 2021", interval("2021-08-01", "2021-08-31", Precision.MONTH)),
        ("i 2019", interval("2019-01-01", "2019-12-31", Precision.YEAR)),
        ("siden 2019", interval("2019-01-01", None)),
        ("i september", interval("2020-09-01", "2020-09-30", Precision.MONTH)),  # after August: last year
        ("i august", interval("2021-08-01", "2021-08-31", Precision.MONTH)),
        ("i mai i fjor", interval("2020-05-01", "2020-05-31", Precision.MONTH)),
        ("sommeren 2019", interval("2019-06-01", "2019-08-31")),
        ("31. februar 2021", None),  # no such day
    ],
)
def test_calendar_dates(phrase, expected):
    assert resolve_text(phrase, "nb", FRIDAY) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("i går", day("2021-08-12")),
        ("i går kveld", day("2021-08-12")),
        ("i dag", day("2021-08-13")),
        ("i natt", interval("2021-08-12", "2021-08-13")),
        ("fredag", day("2021-08-13")),  # on or before: the publication day itself
        ("lørdag", day("2021-08-07")),
        ("torsdagens", day("2021-08-12")),
        ("forrige fredag", day("2021-08-06")),
        ("neste mandag", day("2021-08-16")),
        ("natt til torsdag", interval("2021-08-11", "2021-08-12")),
        ("for tre dager siden", day("2021-08-10")),
        ("for to uker siden", interval("2021-07-26", "2021-08-01", Precision.WEEK)),
        ("for et år siden", interval("2020-01-01", "2020-12-31", Precision.YEAR)),
        ("de siste 24 timene", interval("2021-08-12", "2021-08-13")),
        ("de siste to ukene", interval("2021-07-30", "2021-08-13")),
        ("forrige uke", interval("2021-08-02", "2021-08-08", Precision.WEEK)),
        ("i fjor", interval("2020-01-01", "2020-12-31", Precision.YEAR)),
        ("tidligere i år", interval("2021-01-01", "2021-08-13")),
        ("senere i år", interval("2021-08-13", "2021-12-31")),
        ("i slutten av mai", interval("2021-05-22", "2021-05-31")),
        ("innen 1. september", interval("2021-08-13", "2021-09-01")),  # "innen" looks ahead
        ("innen utgangen av året", None),  # "året" alone is no time
    ],
)
def test_relative_expressions(phrase, expected):
    assert resolve_text(phrase, "nb", FRIDAY) == expected


def test_a_year_precise_publication_date_spans_the_possible_days():
    assert resolve_text("torsdag", "nb", parse_published("2021")) == interval("2020-12-31", "2021-12-30")


def test_without_a_publication_date_only_dates_with_a_year_are_kept():
    text = "Angrepet 12. august 2021 kom etter at Taliban torsdag tok byen, og etter valget i 2019."
    found = find_times(text, "nb", None)
    assert [(t.span.text, t.anchor) for t in found] == [
        ("12. august 2021", "absolute"),
        ("i 2019", "absolute"),
    ]


def test_english_words_give_the_same_meanings():
    text = (
        "The Taliban took Kandahar on Thursday night, a day after Herat fell yesterday. Talks in Doha have "
        "run since September last year; the US withdrawal began in May. Kabul could fall within 30 days, "
        "officials said on August 12, 2021. Elections were held last year."
    )
    assert times(text, lang="en") == [
        ("on Thursday night", day("2021-08-12")),
        ("yesterday", day("2021-08-12")),
        ("since September last year", interval("2020-09-01", None)),
        ("in May", interval("2021-05-01", "2021-05-31", Precision.MONTH)),
        ("within 30 days", interval("2021-08-13", "2021-09-12")),
        ("on August 12, 2021", day("2021-08-12")),
        ("last year", interval("2020-01-01", "2020-12-31", Precision.YEAR)),
    ]
    assert resolve_text("Monday", "en", AUGUST) == interval("2021-07-26", "2021-08-30")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021", interval("2021-01-01", "2021-12-31", Precision.YEAR)),
        ("2021-08", interval("2021-08-01", "2021-08-31", Precision.MONTH)),
        ("2021-02", interval("2021-02-01", "2021-02-28", Precision.MONTH)),
        ("2021-08-13", day("2021-08-13")),
        ("2021-08-13T09:30:00+02:00", day("2021-08-13")),
    ],
)
def test_parse_published(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["13.08.2021", "2021-13", "2021-02-30", "", "august", "2021-08-13 kl 9"])
def test_parse_published_names_the_bad_value(value):
    with pytest.raises(ValueError, match=repr(value)):
        parse_published(value)
