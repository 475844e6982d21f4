"""Hostile input: every reader turns malformed bytes into articles or one-line errors, never a traceback, a hang
or a lost batch. The shipped corpus (``tests/data/hostile/``), inputs made here, and Hypothesis (seeded, a bounded
number of examples) over arbitrary bytes and byte-mutated valid files of every format."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sitrep.model import Article
from sitrep.read import read_bytes, read_paths
from sitrep.read.errors import ReadError

HOSTILE = Path(__file__).parent / "data" / "hostile"
FILES = sorted(p for p in HOSTILE.iterdir() if p.name != "README.md")
TESTS = Path(__file__).parent


def _check(items) -> list:
    items = list(items)
    for item in items:
        assert isinstance(item, (Article, ReadError)), item
        if isinstance(item, Article):
            assert isinstance(item.text, str) and item.text.strip() and "\x00" not in item.text
        else:
            assert "\n" not in str(item) and item.source
    return items


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_hostile_file_gives_articles_or_one_line_errors(path):
    items = _check(read_paths([path], check_language=False))
    assert items  # something to say about every input


@pytest.mark.parametrize(
    "name, data, says",
    [
        ("line.txt", b"Politiet arresterte en mann. " * 180_000, None),  # a 5 MB single line
        ("paragraphs.html", b"<html><body>" + b"<p>Ordet.</p>" * 200_000 + b"</body></html>", None),
        ("deep.json", b"[" * 100_000 + b"]" * 100_000, "nested too deep"),
    ],
)
def test_large_inputs_are_read_or_refused_in_one_line(tmp_path, name, data, says):
    path = tmp_path / name
    path.write_bytes(data)
    items = _check(read_paths([path], check_language=False))
    if says:
        assert any(isinstance(i, ReadError) and says in str(i) for i in items), items


def test_one_batch_of_every_hostile_file_reads_them_all_and_exits_1(tmp_path):
    """Through the real CLI: no traceback, every input accounted for, the good ones stored, exit code 1."""
    from sitrep.cli import app

    sys.path.insert(0, str(TESTS))
    args = ["ingest", str(HOSTILE), "--db", str(tmp_path / "h.db"), "--extractor", "test_ingest:fake_extract"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    summary = result.output.strip().splitlines()
    last = next(line for line in reversed(summary) if line.startswith("read "))
    numbers = dict(zip(last.replace("·", "").split()[::2], last.replace("·", "").split()[1::2], strict=False))
    assert int(numbers["read"]) == int(numbers["new"]) + int(numbers["duplicate"]) + int(numbers["failed"])
    assert int(numbers["new"]) >= 3 and int(numbers["failed"]) >= len(FILES) // 2


# ---- Hypothesis: arbitrary and mutated bytes -------------------------------------------------------------------

VALID = {
    "text": b"Politiet arresterte en mann i Oslo torsdag kveld.\n\nHan er siktet for ran.",
    "jsonl": b'{"text": "Politiet arresterte en mann i Oslo.", "published": "2021-08-12", "source": "NTB"}\n' * 3,
    "json": b'[{"text": "Politiet arresterte en mann i Oslo.", "id": "a"}, {"text": "Han er siktet.", "id": "b"}]',
    "html": b"<html><head><title>Mann arrestert</title></head><body><article><p>Politiet arresterte en mann i "
    b"Oslo torsdag kveld etter et ran.</p><p>Han er siktet.</p></article></body></html>",
    "feed": b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>Mann arrestert</title>'
    b"<description>Politiet arresterte en mann i Oslo torsdag kveld.</description>"
    b"<pubDate>Thu, 12 Aug 2021 20:00:00 GMT</pubDate><link>http://example.org/1</link></item></channel></rss>",
}


def _warc() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    record = writer.create_warc_record(
        "http://example.org/1",
        "response",
        payload=io.BytesIO(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + VALID["html"]),
        http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"),
        warc_headers_dict={"WARC-Date": "2021-08-12T00:00:00Z", "WARC-Record-ID": "<urn:uuid:1>"},
    )
    writer.write_record(record)
    return buf.getvalue()


VALID["warc"] = _warc()
FORMATS = sorted(VALID)
FUZZ = settings(max_examples=40, deadline=5000, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(fmt=st.sampled_from(FORMATS), data=st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(fmt, data):
    _check(read_bytes(data, f"fuzz.{fmt}", fmt))


@FUZZ
@given(
    fmt=st.sampled_from(FORMATS),
    flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=20),
    cut=st.one_of(st.none(), st.integers(min_value=0)),
)
def test_mutated_valid_files_never_raise(fmt, flips, cut):
    data = bytearray(VALID[fmt])
    for position, byte in flips:
        data[position % len(data)] = byte
    if cut is not None:
        data = data[: cut % (len(data) + 1)]
    _check(read_bytes(bytes(data), f"mutated.{fmt}", fmt))


def test_an_internal_error_is_one_line_and_exit_code_3():
    import subprocess

    code = (
        "import sys\n"
        "import sitrep.cli as c\n"
        "def boom(name: str): raise RuntimeError('disk on fire')\n"
        "c.app.registered_commands[:] = [x for x in c.app.registered_commands if x.name != 'geocode']\n"
        "c.app.command('geocode')(boom)\n"
        "sys.argv = ['sitrep', 'geocode', 'Oslo']\n"
        "c.main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 3
    assert done.stderr.splitlines()[0] == "internal error: RuntimeError: disk on fire"
    assert "Traceback" not in done.stderr


# ---- limits -----------------------------------------------------------------------------------------------------


def test_each_limit_is_one_error_naming_its_option(tmp_path):
    from sitrep.read.common import Limits

    long = tmp_path / "long.txt"
    long.write_text("Politiet arresterte en mann. " * 2000, encoding="utf-8")
    (item,) = read_paths([long], check_language=False, limits=Limits(max_article_chars=10_000))
    assert isinstance(item, ReadError) and "--max-article-chars" in str(item)

    big = tmp_path / "big.html"
    big.write_bytes(b"<p>x</p>" * 200_000)
    (item,) = read_paths([big], check_language=False, limits=Limits(max_input_bytes=1_000_000))
    assert isinstance(item, ReadError) and "--max-input-mb" in str(item)

    feed = tmp_path / "many.rss"
    entry = "<item><title>t{i}</title><description>Politiet arresterte mann nummer {i}.</description></item>"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                    + "".join(entry.format(i=i) for i in range(30)) + "</channel></rss>", encoding="utf-8")
    items = list(read_paths([feed], check_language=False, limits=Limits(max_feed_items=10)))
    assert [isinstance(i, Article) for i in items] == [True] * 10 + [False]
    assert "--max-feed-items" in str(items[-1])


def test_a_gzip_bomb_stops_at_the_decompression_limit(tmp_path):
    """A file and the same bytes on stdin (or from a URL)."""
    import gzip

    from sitrep.read.common import Defaults, Limits

    bomb = gzip.compress(b'{"text": "' + b"a" * 20_000_000 + b'"}\n')  # 20 MB from about 20 KB
    path = tmp_path / "bomb.jsonl.gz"
    path.write_bytes(bomb)
    limits = Limits(max_decompressed_bytes=1_000_000)
    from_file = list(read_paths([path], check_language=False, limits=limits))
    from_stdin = list(read_bytes(bomb, "<stdin>", None, Defaults(limits=limits)))
    for items in (from_file, from_stdin):
        assert len(items) == 1 and "expands to more than 1,000,000 bytes" in str(items[0])


def test_the_limits_are_command_options(tmp_path):
    from sitrep.cli import app

    path = tmp_path / "long.txt"
    path.write_text("Politiet arresterte en mann i Oslo. " * 500, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--max-article-chars", "1000"])
    assert result.exit_code == 1 and "--max-article-chars" in " ".join(result.output.split())


# ---- through the CLI: stdin and URLs ----------------------------------------------------------------------------

CLI_SAMPLE = [p for p in FILES if p.suffix in {".gz", ".jsonl", ".json", ".rss", ".txt", ".html"}][:14] + [
    p for p in FILES if p.suffix == ".warc"
][:3]


@pytest.mark.parametrize("path", CLI_SAMPLE, ids=lambda p: p.name)
def test_hostile_bytes_on_stdin_give_one_line_errors_or_events(path):
    from sitrep.cli import app

    result = CliRunner().invoke(app, ["extract", "-", "--language", "nb", "--format", "jsonl"], input=path.read_bytes())
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


def test_hostile_files_served_over_http_give_one_line_errors_or_events(http_root):
    from sitrep.cli import app

    root, base = http_root
    for path in CLI_SAMPLE:
        (root / path.name).write_bytes(path.read_bytes())
    urls = [f"{base}/{p.name}" for p in CLI_SAMPLE] + [f"{base}/missing.html"]
    result = CliRunner().invoke(app, ["extract", *urls, "--language", "nb", "--format", "jsonl"])
    assert result.exit_code == 1, result.output  # some fail (the missing page among them), the rest are read
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output and "missing.html" in result.output
