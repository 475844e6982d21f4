"""Readers: every input format with small real files, the bad inputs, stable ids, feeds over real HTTP."""

from __future__ import annotations

import gzip
import io
import json
import threading
import time
import unicodedata
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitrep.lang import supported
from sitrep.model import Article, DateInterval, Precision
from sitrep.read import (
    EXAMPLE,
    ReadError,
    UnsupportedLanguageError,
    article_id,
    check_language,
    detect_format,
    detect_language,
    example_path,
    html_to_text,
    parse_published,
    read_bytes,
    read_one,
    read_path,
    read_paths,
    read_url,
    resolve_language,
)

# ---- small Norwegian texts ------------------------------------------------------------------------------------

NB_1 = (
    "Taliban har tatt kontroll over Kandahar, den nest største byen i Afghanistan, opplyser kilder til "
    "nyhetsbyrået AFP. Regjeringen i Kabul har ikke bekreftet at byen har falt.\n\n"
    "Innenriksdepartementet bekreftet torsdag at Ghazni er i opprørernes hender. USA sender 3.000 soldater "
    "for å hjelpe til med å evakuere ambassadepersonell fra hovedstaden."
)
NB_2 = (
    "Danmark har stanset alle tvangsreturer til Afghanistan på grunn av den forverrede sikkerhetssituasjonen, "
    "opplyser Utlendingsstyrelsen. Også Norge vurderer å stanse returene, sier statsråden til NTB.\n\n"
    "Flere tusen mennesker har flyktet fra nord i landet de siste ukene, ifølge FN."
)
NN_1 = (
    "Talibanrørsla har teke over fleire byar i Afghanistan dei siste dagane, og no er det uklart kor lenge "
    "regjeringa i Kabul kan halde stand. Mange av innbyggjarane har flykta frå heimane sine, og dei fortel "
    "at dei er redde for kva som vil skje vidare."
)
SV_1 = (
    "Talibanerna har tagit kontroll över flera städer i Afghanistan under den senaste veckan, och många "
    "invånare har flytt från sina hem. Regeringen i Kabul har inte bekräftat uppgifterna, skriver nyhetsbyrån."
)
EN_1 = (
    "The Taliban have taken control of Kandahar, the second largest city in Afghanistan, sources told the news "
    "agency. The government in Kabul has not confirmed that the city has fallen."
)


def articles(items) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def errors(items) -> list[ReadError]:
    return [i for i in items if isinstance(i, ReadError)]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8"))
    else:
        path.write_bytes(content)
    return path


def seed(published: str, section: str, body: str, lead: str = " ") -> str:
    return f"{lead}date {published} {section}\n\n{body}"


# ---- publication dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "start", "end", "precision"),
    [
        ("2021", date(2021, 1, 1), date(2021, 12, 31), Precision.YEAR),
        ("2021-08", date(2021, 8, 1), date(2021, 8, 31), Precision.MONTH),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), Precision.MONTH),
        ("2021-08-13", date(2021, 8, 13), date(2021, 8, 13), Precision.DAY),
        (" 2021-8-3 ", date(2021, 8, 3), date(2021, 8, 3), Precision.DAY),
        ("2021-08-13T00:30:00+02:00", date(2021, 8, 13), date(2021, 8, 13), Precision.DAY),
        ("2021-08-12T23:59:59Z", date(2021, 8, 12), date(2021, 8, 12), Precision.DAY),
        (date(2021, 8, 13), date(2021, 8, 13), date(2021, 8, 13), Precision.DAY),
        (
            {"start": "2021-08-01", "end": "2021-08-31", "precision": "month"},
            date(2021, 8, 1),
            date(2021, 8, 31),
            Precision.MONTH,
        ),
    ],
)
def test_parse_published(value, start, end, precision):
    assert parse_published(value) == DateInterval(start, end, precision)


@pytest.mark.parametrize(
    "value", ["2021-13", "2021-02-30", "13.08.2021", "august 2021", "", "21-08", 2021, None]
)
def test_parse_published_rejects(value):
    with pytest.raises(ValueError, match="bad published value"):
        parse_published(value)


# ---- seed format and plain text ------------------------------------------------------------------------------


def test_bundled_example_is_the_seed():
    path = example_path()
    assert path.name == EXAMPLE and path.is_file()
    article = read_one(path)
    assert article.language == "nb"
    assert article.section == "utenriks"
    assert article.published == DateInterval(date(2021, 8, 1), date(2021, 8, 31), Precision.MONTH)
    raw = path.read_text(encoding="utf-8")
    header, blank, _ = raw.split("\n", 2)
    assert header == " date 2021-08 utenriks" and blank == ""
    # the body is a verbatim slice of the file: offsets into Article.text are offsets into the file minus this
    assert raw[len(header) + 2 :] == article.text
    assert article.text.startswith("Kildene, som vil være anonyme")
    assert article.text.endswith("Josep Borrell.")
    assert article.path == str(path)
    assert len(article.id) == 16 and read_one(path).id == article.id


def test_bundled_gold_points_at_bundled_example():
    gold_path = example_path(EXAMPLE.replace(".txt", ".gold.json"))
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert gold["doc"] == EXAMPLE
    assert (gold_path.parent / gold["doc"]).is_file()
    text = read_one(example_path()).text
    evidence = [e for event in gold["events"] for e in event.get("evidence", [])]
    assert evidence and all(e in text for e in evidence)


@pytest.mark.parametrize("lead", ["", " ", "  ", "\t"])
def test_seed_header_with_or_without_leading_space(tmp_path, lead):
    path = write(tmp_path / "a.txt", seed("2021-08-13", "innenriks", NB_1, lead))
    article = read_one(path)
    assert article.text == NB_1
    assert article.section == "innenriks"
    assert article.published == DateInterval(date(2021, 8, 13), date(2021, 8, 13), Precision.DAY)


def test_seed_year_precision_and_no_section(tmp_path):
    article = read_one(write(tmp_path / "a.txt", f" date 2021\n\n{NB_1}\n"))
    assert article.published.precision == Precision.YEAR
    assert article.section is None
    assert article.text == NB_1


def test_seed_body_definition_is_stable(tmp_path):
    """CRLF line breaks, extra blank lines, trailing whitespace and a BOM do not change the body or its id."""
    plain = read_one(write(tmp_path / "a.txt", seed("2021-08", "utenriks", NB_1)))
    messy = seed("2021-08", "utenriks", "\n\n" + NB_1 + "\n\n   \n").replace("\n", "\r\n")
    other = read_one(write(tmp_path / "b.txt", "\ufeff" + messy))
    assert other.text == plain.text == NB_1
    assert other.id == plain.id


def test_seed_bad_date_and_empty_body(tmp_path):
    (bad,) = read_paths([write(tmp_path / "bad.txt", seed("2021-13", "utenriks", NB_1))])
    assert isinstance(bad, ReadError)
    assert str(bad).startswith(f"{tmp_path / 'bad.txt'}: bad published value '2021-13'")
    (empty,) = read_paths([write(tmp_path / "empty.txt", " date 2021-08 utenriks\n\n \n")])
    assert str(empty) == f"{tmp_path / 'empty.txt'}: no article text after the header line"


def test_plain_text_published_from_option(tmp_path):
    path = write(tmp_path / "plain.txt", "\n" + NB_2 + "\n")
    article = read_one(path)
    assert article.text == NB_2 and article.published is None and article.section is None
    dated = read_one(path, published="2021-08")
    assert dated.published == parse_published("2021-08")
    assert dated.id == article.id
    # the input's own date wins over the option
    seeded = read_one(write(tmp_path / "seed.txt", seed("2021-08-13", "utenriks", NB_2)), published="2020")
    assert seeded.published.precision == Precision.DAY


def test_bad_published_option_raises_at_once(tmp_path):
    path = write(tmp_path / "plain.txt", NB_2)
    with pytest.raises(ReadError, match=r"^--published: bad published value 'i går'"):
        read_paths([path], published="i går")  # raised at the call, before anything is read
    with pytest.raises(ReadError, match=r"^--language: bad language value"):
        read_paths([path], language="??")
    nynorsk = write(tmp_path / "nn.txt", NN_1)
    assert read_one(nynorsk, language="no", check_language=False).language == "nn"
    assert read_one(path, language="no").language == "nb"


# ---- ids ----------------------------------------------------------------------------------------------------


def test_ids_are_stable_and_normalised():
    nfd = unicodedata.normalize("NFD", NB_1)
    assert nfd != NB_1
    spaced = "  " + NB_1.replace(" ", "  \n ") + "\n"
    assert article_id(NB_1) == article_id(nfd) == article_id(spaced)
    assert article_id(NB_1) != article_id(NB_2)
    assert article_id(NB_1, "NTB") != article_id(NB_1, "NRK") != article_id(NB_1)
    assert len(article_id(NB_1)) == 16 and int(article_id(NB_1), 16) >= 0


def test_same_story_in_two_files_gets_same_id(tmp_path):
    one = read_one(write(tmp_path / "one.txt", NB_1))
    two = read_one(write(tmp_path / "sub" / "two.txt", NB_1.replace("\n", "\r\n") + "\n\n"))
    assert one.id == two.id == article_id(NB_1)


# ---- bad files ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\n\t\n", "empty file"),
        (
            "binary.txt",
            b"PK\x03\x04\x00\x00\x08\x00" + bytes(range(256)),
            "binary file (contains NUL bytes), not text",
        ),
        (
            "latin1.txt",
            "Første linje\nSå kom Kandahar.".encode("latin-1"),
            "not UTF-8 text (byte 0xf8 on line 1)",
        ),
        ("latin2.txt", "Første linje\nSå kom Kandahar.".encode()[:8] + "\nSå".encode("latin-1"), "line 2"),
        ("utf16.txt", NB_1.encode("utf-16"), "not UTF-8 text (UTF-16 byte order mark)"),
        ("empty.jsonl", b"\n\n", "empty file"),
        ("empty.html", b"", "empty file"),
        ("empty.warc", b"", "empty file"),
        ("empty.xml", b"", "empty file"),
    ],
)
def test_bad_files_give_one_line_errors(tmp_path, name, content, reason):
    path = write(tmp_path / name, content)
    items = list(read_paths([path]))
    assert len(items) == 1
    (error,) = items
    assert isinstance(error, ReadError)
    assert str(error).startswith(f"{path}: ")
    assert reason in error.reason
    assert "\n" not in str(error)
    assert error.source == str(path)


def test_read_error_is_one_line():
    error = ReadError("a.jsonl:3", "broken\nJSON:\n  oops")
    assert str(error) == "a.jsonl:3: broken JSON: oops"
    assert error == ReadError("a.jsonl:3", "broken JSON: oops")


def test_read_one_raises(tmp_path):
    with pytest.raises(ReadError, match="empty file"):
        read_one(write(tmp_path / "e.txt", b""))
    with pytest.raises(ReadError, match="holds 2 articles"):
        read_one(
            write(tmp_path / "two.jsonl", json.dumps({"text": NB_1}) + "\n" + json.dumps({"text": NB_2}))
        )


# ---- JSON Lines ---------------------------------------------------------------------------------------------


def test_jsonl_keys_extra_and_broken_lines(tmp_path):
    lines = [
        json.dumps(
            {
                "id": "ntb-1",
                "text": NB_1,
                "published": "2021-08-13",
                "section": "utenriks",
                "url": "https://example.no/1",
                "source": "NTB",
                "byline": "Kari Nordmann",
                "tags": ["a"],
            },
            ensure_ascii=False,
        ),
        '{"id": "ntb-2", "text": "Kandahar falt',  # broken
        "",
        json.dumps({"id": "ntb-3", "published": "2021-08"}),  # no text
        json.dumps({"text": NB_2, "published": "forrige uke"}, ensure_ascii=False),  # bad date
        json.dumps({"text": NB_2, "source": "NRK"}, ensure_ascii=False),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": 7, "text": NN_1, "language": "nn", "outlet": "Framtida"}, ensure_ascii=False),
        json.dumps({"text": 42}),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    items = list(read_paths([path], check_language=False))  # Nynorsk may not have a language pack yet
    got = articles(items)
    assert [a.id for a in got] == ["ntb-1", article_id(NB_2, "NRK"), "7"]
    first = got[0]
    assert first.text == NB_1 and first.outlet == "NTB" and first.section == "utenriks"
    assert first.url == "https://example.no/1" and first.path == str(path)
    assert first.published == parse_published("2021-08-13")
    assert first.extra == {"byline": "Kari Nordmann", "tags": ["a"]}
    assert first.language == "nb"
    assert got[2].language == "nn" and got[2].outlet == "Framtida"
    messages = [str(e) for e in errors(items)]
    assert messages[0].startswith(f"{path}:2: broken JSON: Unterminated string")
    assert messages[1] == f"{path}:4: missing 'text'"
    assert messages[2] == f"{path}:5: bad published value 'forrige uke': expected YYYY, YYYY-MM or YYYY-MM-DD"
    assert messages[3] == f"{path}:7: expected a JSON object, got list"
    assert messages[4] == f"{path}:9: 'text' must be a string, got int"
    assert len(items) == 8  # the blank line is skipped


def test_jsonl_line_not_utf8_and_gzip(tmp_path):
    good = json.dumps({"text": NB_1}, ensure_ascii=False).encode("utf-8")
    bad = json.dumps({"text": "Så"}, ensure_ascii=False).encode("latin-1")
    path = write(tmp_path / "mixed.ndjson", good + b"\n" + bad + b"\n" + good)
    items = list(read_paths([path]))
    assert len(articles(items)) == 2
    assert [str(e) for e in errors(items)] == [f"{path}:2: not UTF-8 text (byte 0xe5)"]
    gz = write(tmp_path / "batch.jsonl.gz", gzip.compress(good + b"\n"))
    assert articles(read_paths([gz]))[0].text == NB_1


def test_json_file_and_sitrep_own_published_shape(tmp_path):
    records = [
        {"text": NB_1, "published": {"start": "2021-08-01", "end": "2021-08-31", "precision": "month"}},
        {"title": "uten tekst"},
    ]
    path = write(tmp_path / "list.json", json.dumps(records, ensure_ascii=False, indent=2))
    first, second = read_paths([path])
    assert first.published.precision == Precision.MONTH
    assert str(second) == f"{path}[1]: missing 'text'"


# ---- languages ----------------------------------------------------------------------------------------------


def test_detect_language():
    assert detect_language(NB_1) == "nb"
    assert detect_language(NN_1) == "nn"
    assert detect_language(SV_1) == "sv"
    assert detect_language(EN_1) == "en"
    assert detect_language("Kabul") == "und"
    assert detect_language("12 345 678 -- 2021") == "und"


@pytest.mark.parametrize(
    "text, code",
    [
        # a short Bokmål sentence the detector alone calls Danish; its function words say Bokmål
        ("Ukrainske styrker har trukket seg ut av Avdijivka, bekrefter den øverstkommanderende.", "nb"),
        ("Ukrainske styrker har trukket sig ud af Avdijivka, bekræfter den øverstbefalende.", "da"),
        ("Danmark udviser to russiske diplomater, oplyser Udenrigsministeriet.", "da"),
        # a Swedish town and newspaper in a Bokmål sentence
        ("To personer ble skutt i Göteborg i natt, skriver Aftonbladet.", "nb"),
        ("Två personer sköts i Göteborg i natt, skriver Aftonbladet. Polisen vill inte kommentera.", "sv"),
    ],
)
def test_bokmal_is_told_from_its_neighbours_by_its_function_words(text, code):
    assert detect_language(text) == code


def test_declared_language_wins_and_no_is_resolved():
    assert resolve_language(NB_1, "nn") == "nn"
    assert resolve_language(NB_1, "nb-NO") == "nb"
    assert resolve_language(NB_1, "nob") == "nb"
    assert resolve_language(NN_1, "no") == "nn"
    assert resolve_language(NB_1, "no") == "nb"
    assert resolve_language(NB_1, None, "en") == "en"
    with pytest.raises(ValueError, match="bad language value"):
        resolve_language(NB_1, "12")


def test_unsupported_language_is_a_typed_error(tmp_path):
    path = write(tmp_path / "sv.jsonl", json.dumps({"id": "s1", "text": SV_1}, ensure_ascii=False))
    (item,) = read_paths([path])
    if "sv" in supported():  # pragma: no cover - once a Swedish pack exists
        assert isinstance(item, Article)
    else:
        assert isinstance(item, UnsupportedLanguageError)
        assert item.language == "sv"
        assert str(item) == f"{path}:1: language 'sv' not supported yet (supported: {', '.join(supported())})"
    (unchecked,) = read_paths([path], check_language=False)
    assert isinstance(unchecked, Article) and unchecked.language == "sv"


def test_check_language():
    article = read_one(example_path())
    assert check_language(article) is article
    swedish = Article(id="x", text=SV_1, language="sv", path="s.txt")
    if "sv" not in supported():
        with pytest.raises(UnsupportedLanguageError, match=r"^s\.txt: language 'sv' not supported yet"):
            check_language(swedish)


def test_undetectable_language(tmp_path):
    path = write(tmp_path / "short.txt", "Kabul 2021")
    (item,) = read_paths([path])
    assert isinstance(item, UnsupportedLanguageError)
    assert "language could not be detected" in str(item)
    assert read_one(path, language="nb").language == "nb"


def test_bad_declared_language(tmp_path):
    path = write(tmp_path / "l.jsonl", json.dumps({"text": NB_1, "language": 5}, ensure_ascii=False))
    (item,) = read_paths([path])
    assert str(item) == f"{path}:1: bad language value 5: expected a code such as 'nb' or 'en'"


# ---- HTML ---------------------------------------------------------------------------------------------------

PAGE = f"""<!DOCTYPE html>
<html lang="nb-NO"><head><meta charset="utf-8">
<title>Taliban tok Kandahar - Testavisa</title>
<meta property="og:site_name" content="Testavisa">
<meta property="og:title" content="Taliban tok Kandahar">
<meta property="article:published_time" content="2021-08-13T00:30:00+02:00">
<meta property="article:section" content="Utenriks">
<link rel="canonical" href="https://testavisa.no/utenriks/taliban-tok-kandahar">
</head><body>
<header><nav><a href="/">Forsiden</a> <a href="/sport">Sport</a> <a href="/kultur">Kultur</a></nav></header>
<main><article>
<h1>Taliban tok Kandahar</h1>
{"".join(f"<p>{p}</p>" for p in NB_1.split(chr(10) + chr(10)))}
<p>{NB_2.split(chr(10))[0]}</p>
</article>
<section class="comments"><h2>Kommentarer</h2><div class="comment"><p>Dette er en lesers kommentar som ikke
hører hjemme i artikkelteksten i det hele tatt.</p></div></section></main>
<footer>Testavisa AS · Kontakt oss · Personvern</footer>
</body></html>"""


def test_html_page(tmp_path):
    path = write(tmp_path / "side.html", PAGE)
    article = read_one(path)
    assert "Kandahar, den nest største byen i Afghanistan" in article.text
    assert "Innenriksdepartementet bekreftet torsdag" in article.text
    assert "Forsiden" not in article.text and "Kontakt oss" not in article.text
    assert "lesers kommentar" not in article.text
    assert "\n\n" in article.text
    assert article.published == parse_published("2021-08-13")
    assert article.outlet == "Testavisa"
    assert article.url == "https://testavisa.no/utenriks/taliban-tok-kandahar"
    assert article.extra["title"] == "Taliban tok Kandahar"
    assert article.language == "nb"
    assert article.path == str(path)
    assert article.id == article_id(article.text, "Testavisa")


def test_html_without_article_text(tmp_path):
    path = write(
        tmp_path / "tom.htm", "<html><head><title>Forside</title></head><body><nav>Meny</nav></body></html>"
    )
    (item,) = read_paths([path])
    assert str(item) == f"{path}: no article text found in the HTML page (only 4 characters of main text)"


def test_html_to_text_fragment():
    assert html_to_text("<p>Første  avsnitt.</p><p>Andre<br>linje &amp; mer.</p><script>x()</script>") == (
        "Første avsnitt.\n\nAndre\nlinje & mer."
    )
    assert html_to_text("Ren tekst\n\nmed  to avsnitt") == "Ren tekst\n\nmed to avsnitt"


# ---- feeds --------------------------------------------------------------------------------------------------


def rss(entries: str, language: str = "no") -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Testavisa - Utenriks</title><link>https://testavisa.no/</link>
<language>{language}</language>{entries}</channel></rss>"""


RSS_ENTRIES = f"""
<item><title>Taliban tok Kandahar</title><link>https://testavisa.no/a/1</link>
<guid isPermaLink="false">testavisa-1</guid><category>utenriks</category>
<pubDate>Fri, 13 Aug 2021 00:30:00 +0200</pubDate>
<description><![CDATA[{"".join(f"<p>{p}</p>" for p in NB_1.split(chr(10) + chr(10)))}]]></description></item>
<item><title>Bare en tittel</title><link>https://testavisa.no/a/2</link></item>
<item><title>Rar dato</title><guid>testavisa-4</guid><pubDate>i går kveld</pubDate>
<description>{NB_2}</description></item>
<item><title>Nynorsk sak</title><link>https://testavisa.no/a/3</link>
<pubDate>Sat, 14 Aug 2021 10:00:00 GMT</pubDate><description>{NN_1}</description></item>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nb"><title>Atomavisa</title>
<id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id><updated>2021-08-14T12:00:00Z</updated>
<entry><title>Danmark stanser returer</title><id>tag:atomavisa.no,2021:2</id>
<link href="https://atomavisa.no/2"/><published>2021-08-14T01:15:00+02:00</published>
<summary>Kort ingress.</summary>
<content type="html">{"".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in NB_2.split(chr(10) + chr(10)))}</content></entry>
</feed>"""


def test_rss_file(tmp_path):
    path = write(tmp_path / "feed.rss", rss(RSS_ENTRIES))
    items = list(read_paths([path], check_language=False))
    assert len(items) == 4
    first, missing, odd, third = items
    assert first.id == "testavisa-1"
    assert first.text == NB_1
    assert first.published == parse_published("2021-08-13")  # the date as written, not UTC (12th)
    assert first.section == "utenriks" and first.outlet == "Testavisa - Utenriks"
    assert first.url == "https://testavisa.no/a/1" and first.path == str(path)
    assert first.extra == {"title": "Taliban tok Kandahar"}
    assert first.language == "nb"  # <language>no</language>: Bokmål or Nynorsk by detection
    assert str(missing) == f"{path} entry 2: entry has no content or summary"
    assert odd.id == "testavisa-4" and odd.published is None and odd.extra["published_raw"] == "i går kveld"
    assert third.language == "nn" and third.published == parse_published("2021-08-14")
    assert third.id == article_id(NN_1, "Testavisa - Utenriks")  # no guid: the stable hash


def test_atom_file(tmp_path):
    path = write(tmp_path / "feed.atom", ATOM)
    (entry,) = read_paths([path])
    assert entry.text == NB_2  # the full content, not the short summary
    assert entry.id == "tag:atomavisa.no,2021:2"
    assert entry.published == parse_published("2021-08-14")
    assert entry.outlet == "Atomavisa" and entry.url == "https://atomavisa.no/2"
    assert entry.language == "nb"


def test_xml_that_is_not_a_feed(tmp_path):
    path = write(tmp_path / "data.xml", "<?xml version='1.0'?><sitemap><loc>x</loc>")
    (item,) = read_paths([path])
    assert str(item).startswith(f"{path}: not an RSS/Atom feed")
    empty_feed = write(tmp_path / "tom.rss", rss(""))
    assert str(next(read_paths([empty_feed]))) == f"{empty_feed}: feed has no entries"


# ---- WARC ---------------------------------------------------------------------------------------------------


def warc_bytes(gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)

    def response(uri: str, status: str, content_type: str, body: bytes):
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
        )

    writer.write_record(
        writer.create_warc_record(
            "https://testavisa.no/a/1",
            "request",
            payload=io.BytesIO(b"GET /a/1 HTTP/1.1\r\nHost: testavisa.no\r\n\r\n"),
        )
    )
    response("https://testavisa.no/a/1", "200 OK", "text/html; charset=utf-8", PAGE.encode("utf-8"))
    response("https://testavisa.no/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00")
    response(
        "https://testavisa.no/borte", "404 Not Found", "text/html", b"<html><body>Ikke funnet</body></html>"
    )
    response(
        "https://testavisa.no/forside", "200 OK", "text/html", b"<html><body><nav>Meny</nav></body></html>"
    )
    latin = PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').encode("latin-1")
    response("https://testavisa.no/a/latin", "200 OK", "text/html; charset=ISO-8859-1", latin)
    return out.getvalue()


@pytest.mark.parametrize("name", ["arkiv.warc", "arkiv.warc.gz"])
def test_warc(tmp_path, name):
    path = write(tmp_path / name, warc_bytes(name.endswith(".gz")))
    items = list(read_paths([path]))
    got = articles(items)
    assert [a.url for a in got] == ["https://testavisa.no/utenriks/taliban-tok-kandahar"] * 2
    assert got[0].text == got[1].text and "Kandahar, den nest største byen" in got[0].text
    assert got[0].id == got[1].id  # the same story, whatever its encoding on the wire
    assert got[0].path == str(path) and "crawled" in got[0].extra
    assert [str(e) for e in errors(items)] == [
        f"{path} [https://testavisa.no/forside]: no article text found in the HTML page (only 4 characters of main text)"
    ]


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc(tmp_path, gz):
    """A cut-off archive: what was read stays read, and the cut is reported once, wherever it falls."""
    data = warc_bytes(gz)
    complete = len(articles(read_paths([write(tmp_path / "hel.warc", data)])))
    for cut in range(200, len(data) - 1, 97):
        path = write(tmp_path / "kuttet.warc", data[:cut])
        items = list(read_paths([path]))
        assert len(articles(items)) <= complete
        bad = errors(items)
        assert bad and all(str(e).startswith(str(path)) for e in bad)
        assert any("truncated" in e.reason or "unreadable" in e.reason for e in bad), (cut, bad)


def test_not_a_warc(tmp_path):
    garbage = write(tmp_path / "tull.warc", "dette er ikke et arkiv\n")
    (item,) = read_paths([garbage])
    assert str(item).startswith(f"{garbage}: not a WARC file")


# ---- many inputs at once ------------------------------------------------------------------------------------


def test_read_paths_folders_globs_and_bad_items(tmp_path):
    root = tmp_path / "inn"
    write(root / "b.txt", seed("2021-08", "utenriks", NB_1))
    write(root / "a" / "c.jsonl", json.dumps({"id": "x1", "text": NB_2}, ensure_ascii=False) + "\n{oops\n")
    write(root / "a" / "d.html", PAGE)
    write(root / "a" / "e.txt", b"")
    write(root / ".skjult" / "f.txt", NB_1)  # hidden folder: skipped
    write(root / ".g.txt", NB_1)  # hidden file: skipped
    write(root / "notes.md", "ikke en artikkel")  # unknown extension: skipped in folders
    write(root / "gold.json", "{}")  # .json only when named
    other = write(tmp_path / "andre" / "h.rss", rss(RSS_ENTRIES))
    named = [
        root,
        tmp_path / "andre" / "*.rss",
        tmp_path / "mangler.txt",
        tmp_path / "*.nope",
        root / "b.txt",
    ]
    items = list(read_paths(named, check_language=False))
    summary = [(type(i).__name__, i.id if isinstance(i, Article) else i.source) for i in items]
    assert summary == [
        ("Article", "x1"),
        ("ReadError", f"{root}/a/c.jsonl:2"),
        ("Article", article_id(read_one(root / "a" / "d.html").text, "Testavisa")),
        ("ReadError", f"{root}/a/e.txt"),
        ("Article", article_id(NB_1)),
        ("Article", "testavisa-1"),
        ("ReadError", f"{other} entry 2"),
        ("Article", "testavisa-4"),
        ("Article", article_id(NN_1, "Testavisa - Utenriks")),
        ("ReadError", f"{tmp_path}/mangler.txt"),
        ("ReadError", f"{tmp_path}/*.nope"),
        # root / "b.txt" was already read through the folder: not read twice
    ]
    assert str(items[-2]) == f"{tmp_path}/mangler.txt: no such file or folder"
    assert str(items[-1]) == f"{tmp_path}/*.nope: no files match"
    assert next(iter(read_paths(tmp_path / "**" / "b.txt"))).id == article_id(NB_1)


def test_format_detection(tmp_path):
    assert detect_format("x.TXT") == "text" and detect_format("x.warc.gz") == "warc"
    assert detect_format("x.ndjson") == "jsonl" and detect_format("x.atom") == "feed"
    assert detect_format(write(tmp_path / "noext1", rss(RSS_ENTRIES))) == "feed"
    assert detect_format(write(tmp_path / "noext2", PAGE)) == "html"
    assert detect_format(write(tmp_path / "noext3", '{"text": "x"}\n')) == "jsonl"
    assert detect_format(write(tmp_path / "noext4", warc_bytes(True))) == "warc"
    assert detect_format(write(tmp_path / "noext5", NB_1)) == "text"
    assert read_one(tmp_path / "noext5").text == NB_1


def test_read_bytes_from_memory():
    (article,) = read_bytes(seed("2021-08", "utenriks", NB_1).encode(), "<stdin>")
    assert article.text == NB_1 and article.path == "<stdin>" and article.section == "utenriks"


# ---- URLs over a real HTTP server on loopback ---------------------------------------------------------------

ROUTES = {
    "/feed.xml": ("application/rss+xml; charset=utf-8", rss(RSS_ENTRIES).encode()),
    "/atom": ("application/atom+xml", ATOM.encode()),
    "/artikkel": ("text/html; charset=utf-8", PAGE.encode()),
    "/tekst": ("text/plain; charset=utf-8", NB_2.encode()),
    "/flyttet": None,  # redirect
    "/treg": None,  # slow
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/flyttet":
            self.send_response(301)
            self.send_header("Location", "/artikkel")
            self.end_headers()
            return
        if self.path == "/treg":
            time.sleep(1.5)
        route = ROUTES.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
            return
        content_type, body = route
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_feed_url(server):
    items = list(read_url(f"{server}/feed.xml", check_language=False))
    assert [type(i).__name__ for i in items] == ["Article", "ReadError", "Article", "Article"]
    assert items[0].text == NB_1 and items[0].path is None and items[0].url == "https://testavisa.no/a/1"
    assert str(items[1]) == f"{server}/feed.xml entry 2: entry has no content or summary"
    (atom,) = read_paths([f"{server}/atom"])
    assert atom.id == "tag:atomavisa.no,2021:2"


def test_page_and_text_urls(server):
    page = read_one(f"{server}/flyttet")
    assert page.outlet == "Testavisa" and "Kandahar" in page.text
    text = read_one(f"{server}/tekst", published="2021-08-14")
    assert text.text == NB_2 and text.published == parse_published("2021-08-14") and text.path is None


def test_failing_urls(server):
    (missing,) = read_paths([f"{server}/borte"])
    assert str(missing) == f"{server}/borte: HTTP 404 Not Found"
    (slow,) = read_paths([f"{server}/treg"], timeout=0.3)
    assert str(slow) == f"{server}/treg: fetch failed: no answer within 0.3 s"
    # a port nobody listens on: connection refused, reported for that URL only, and the batch goes on
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}/x"
    items = list(read_paths([closed, f"{server}/tekst"]))
    assert str(items[0]).startswith(f"{closed}: fetch failed: ConnectError")
    assert isinstance(items[1], Article)


def test_read_path_is_read_paths_of_one(tmp_path):
    path = write(tmp_path / "a.txt", NB_1)
    assert [a.id for a in read_path(path)] == [a.id for a in read_paths([path])]


def test_readers_never_read_shared():
    package = Path(__import__("sitrep.read").read.__file__).parent
    for source in package.glob("*.py"):
        assert "/work/shared" not in source.read_text(encoding="utf-8")
