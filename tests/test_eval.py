"""sitrep.eval: NER scores on CoNLL-U, event scores against a gold file, and the ``sitrep eval`` commands."""

from __future__ import annotations

import copy
import json
import sys
import types
from datetime import date
from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.eval import score_events, score_ner
from sitrep.eval.events import assign, score_party, score_place
from sitrep.eval.ner import gold_documents
from sitrep.model import (
    Actor,
    Article,
    DateInterval,
    Event,
    ExtractedArticle,
    OtherMention,
    Place,
    Precision,
    Quantity,
    Source,
    Span,
    Status,
    TimeSpan,
    article_dict,
)

DATA = Path(__file__).parent / "data"
CONLLU = DATA / "eval_ner.conllu"
GOLD_PATH = DATA / "eval_gold.json"
ARTICLE_PATH = DATA / "eval_article.txt"
runner = CliRunner()


# ---- NER --------------------------------------------------------------------------------------------------


def tiny_pipeline():
    """Gold: Erna Solberg/PER, Bergen/GPE_LOC, Equinor/ORG. Predicted: 2 right, Bergen mislabelled, Hun extra."""
    nlp = spacy.blank("nb")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PER", "pattern": "Erna Solberg"},
            {"label": "LOC", "pattern": "Bergen"},
            {"label": "ORG", "pattern": "Equinor"},
            {"label": "PER", "pattern": "Hun"},
        ]
    )
    return nlp


def test_gold_documents_rebuild_text_and_spans():
    [(text, ents)] = gold_documents(CONLLU)
    assert text == "Erna Solberg reiste til Bergen. Hun møtte Equinor i går."
    assert [(text[s:e], label) for s, e, label in ents] == [
        ("Erna Solberg", "PER"),
        ("Bergen", "GPE_LOC"),
        ("Equinor", "ORG"),
    ]


def test_score_ner_known_answer():
    scores = score_ner(CONLLU, tiny_pipeline())
    assert (scores.n_gold, scores.n_pred, scores.n_correct) == (3, 4, 2)
    assert scores.precision == pytest.approx(0.5)
    assert scores.recall == pytest.approx(2 / 3)
    assert scores.f1 == pytest.approx(4 / 7)
    assert scores.per_label["PER"] == {
        "precision": 0.5,
        "recall": 1.0,
        "f1": pytest.approx(2 / 3),
        "support": 1,
    }
    assert scores.per_label["ORG"]["f1"] == 1.0
    assert scores.per_label["GPE_LOC"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}
    assert scores.per_label["LOC"]["support"] == 0


def test_score_ner_perfect_and_empty():
    nlp = spacy.blank("nb")
    nlp.add_pipe("entity_ruler").add_patterns(
        [
            {"label": "PER", "pattern": "Erna Solberg"},
            {"label": "GPE_LOC", "pattern": "Bergen"},
            {"label": "ORG", "pattern": "Equinor"},
        ]
    )
    assert score_ner(CONLLU, nlp).f1 == 1.0
    empty = score_ner(CONLLU, spacy.blank("nb"))
    assert (empty.precision, empty.recall, empty.f1, empty.n_pred) == (0.0, 0.0, 0.0, 0)


def test_cli_eval_ner_json_with_model_directory(tmp_path):
    model_dir = tmp_path / "model"
    tiny_pipeline().to_disk(model_dir)
    result = runner.invoke(app, ["eval", "ner", str(CONLLU), "--model", str(model_dir), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["precision"] == pytest.approx(0.5)
    assert data["recall"] == pytest.approx(2 / 3)
    assert data["f1"] == pytest.approx(4 / 7)
    assert set(data["per_label"]) == {"PER", "LOC", "GPE_LOC", "ORG"}


def test_cli_eval_ner_table_with_bundled_model(monkeypatch):
    import sitrep.nlp

    monkeypatch.setattr(sitrep.nlp, "load", lambda lang="nb": tiny_pipeline())
    result = runner.invoke(app, ["eval", "ner", str(CONLLU)])
    assert result.exit_code == 0, result.output
    assert "GPE_LOC" in result.stdout and "57.1" in result.stdout  # F1 4/7


def test_cli_eval_ner_errors(tmp_path):
    missing = runner.invoke(app, ["eval", "ner", str(tmp_path / "nope.conllu"), "--model", str(tmp_path)])
    assert missing.exit_code == 2 and "no such file" in missing.output
    no_model = runner.invoke(app, ["eval", "ner", str(CONLLU), "--model", "xx"])
    assert no_model.exit_code == 2 and "no bundled NLP model" in no_model.output
    bad = tmp_path / "bad.conllu"
    bad.write_text("1\tonly\tthree\n", encoding="utf-8")
    broken = runner.invoke(app, ["eval", "ner", str(bad), "--model", str(_saved(tmp_path))])
    assert broken.exit_code == 2 and "expected 10 tab-separated columns" in broken.output


def _saved(tmp_path: Path) -> Path:
    path = tmp_path / "blank"
    spacy.blank("nb").to_disk(path)
    return path


# ---- events: building predictions from the gold file ------------------------------------------------------


def load_gold() -> dict:
    return json.loads(GOLD_PATH.read_text(encoding="utf-8"))


def body() -> str:
    return ARTICLE_PATH.read_text(encoding="utf-8").split("\n", 1)[1]


def span_of(text: str, needle: str, start: int = 0) -> Span:
    index = text.index(needle, start)
    return Span(needle, index, index + len(needle))


def sentence_of(text: str, span: Span) -> Span:
    start = max(text.rfind(". ", 0, span.start) + 2, text.rfind("\n", 0, span.start) + 1, 0)
    end = min(i for i in (text.find(". ", span.end), text.find(".\n", span.end), len(text) - 1) if i >= 0) + 1
    return Span(text[start:end], start, end)


def make_event(text: str, gold_event: dict, places: dict, trigger: str | None = None, **changes) -> Event:
    """A prediction equal to the gold event (first evidence string; trigger: the given word in it)."""
    evidence = span_of(text, gold_event["evidence"][0])
    trig = span_of(text, trigger, evidence.start) if trigger else evidence
    place = None
    if gold_event.get("place"):
        ref = places[gold_event["place"]]
        place = Place(
            span_of(text, gold_event["place"]),
            gold_event["place"],
            None,
            ref.get("lat"),
            ref.get("lon"),
            None,
            ref["country"],
            ref.get("kind", "city"),
        )
    time = None
    gt = gold_event.get("time") or {}
    if gt.get("true_date"):
        day = date.fromisoformat(gt["true_date"])
        time = TimeSpan(span_of(text, gt["text"]), DateInterval(day, day, Precision.DAY))
    elif gt.get("start"):
        end = date.fromisoformat(gt["end"]) if gt.get("end") else None
        time = TimeSpan(
            span_of(text, gt["text"]), DateInterval(date.fromisoformat(gt["start"]), end, Precision.RANGE)
        )
    fields = {
        "type": gold_event["type"],
        "trigger": trig,
        "sentence": sentence_of(text, evidence),
        "mode": gold_event.get("mode"),
        "contexts": list(gold_event.get("contexts") or []),
        "acled": gold_event.get("acled"),
        "actor": Actor(span_of(text, gold_event["actor"])) if gold_event.get("actor") else None,
        "target": Actor(span_of(text, gold_event["target"])) if gold_event.get("target") else None,
        "place": place,
        "time": time,
        "status": Status(gold_event["status"]),
        "conditional": bool(gold_event.get("conditional")),
        "sources": [Source(span_of(text, s)) for s in gold_event.get("sources") or []],
        "quantities": [
            Quantity(q["value"], q["unit"], q["kind"]) for q in gold_event.get("quantities") or []
        ],
    }
    fields.update(changes)
    return Event(**fields)


def prediction(events: list[Event], published: str = "2021-08", path: str | None = None) -> dict:
    start = date(2021, 8, 1) if published == "2021-08" else date.fromisoformat(published)
    end = date(2021, 8, 31) if published == "2021-08" else start
    precision = Precision.MONTH if published == "2021-08" else Precision.DAY
    article = Article(
        id="eval-article",
        text=body(),
        language="nb",
        published=DateInterval(start, end, precision),
        path=path or str(ARTICLE_PATH),
    )
    return article_dict(ExtractedArticle(article, [], events))


def perfect_events() -> list[Event]:
    gold, text = load_gold(), body()
    return [make_event(text, ev, gold["places"]) for ev in gold["events"]]


def by_id(scores) -> dict:
    return {ev.id: ev for ev in scores.gold_events}


# ---- events: the scorer -----------------------------------------------------------------------------------


def test_perfect_prediction_scores_one():
    scores = score_events(load_gold(), prediction(perfect_events()), "month")
    assert (scores.all.precision, scores.all.recall, scores.all.f1) == (1.0, 1.0, 1.0)
    assert (scores.required.precision, scores.required.recall, scores.required.f1) == (1.0, 1.0, 1.0)
    assert scores.required.n_gold == 3 and scores.all.n_gold == 4
    for name, field in scores.fields.items():
        assert field["accuracy"] == 1.0, (name, field)
    assert scores.fields["time"]["scored"] == 2  # true_date and interval; text-only gold time is not scored
    assert scores.fields["sources"]["scored"] == 2
    assert all(info["rate"] == 1.0 for info in scores.info.values() if info["compared"])
    assert [ev.matched for ev in scores.gold_events] == [0, 1, 2, 3]


def test_day_precise_publication_needs_exact_day():
    gold, text = load_gold(), body()
    events = perfect_events()
    month = DateInterval(date(2021, 8, 1), date(2021, 8, 31), Precision.MONTH)
    events[0] = make_event(text, gold["events"][0], gold["places"], time=TimeSpan(None, month))
    on_month = by_id(score_events(gold, prediction(events), "2021-08"))["tromso-falls"].fields["time"]
    assert on_month.right is True  # the month contains 2021-08-12 and is <= 35 days
    on_day = by_id(score_events(gold, prediction(events), "2021-08-12"))["tromso-falls"].fields["time"]
    assert on_day.right is False and "day rule" in on_day.reason
    # a perfect day-precise answer is right under both rules
    perfect = score_events(gold, prediction(perfect_events(), published="2021-08-12"), "day")
    assert perfect.fields["time"]["accuracy"] == 1.0


def test_wrong_place_time_status_counted_wrong():
    gold, text = load_gold(), body()
    places = gold["places"]
    narvik = Place(span_of(text, "Narvik"), "Narvik", None, 68.438, 17.427, None, "NO", "city")
    wrong_day = DateInterval(date(2021, 8, 5), date(2021, 8, 5), Precision.DAY)
    too_long = DateInterval(date(2021, 7, 1), date(2021, 8, 31), Precision.RANGE)
    events = perfect_events()
    events[0] = make_event(
        text, gold["events"][0], places, place=narvik, time=TimeSpan(None, wrong_day), status=Status.ASSERTED
    )
    events[2] = make_event(text, gold["events"][2], places, time=TimeSpan(None, too_long))
    events[3] = make_event(text, gold["events"][3], places, status=Status.PREDICTED)
    scores = score_events(gold, prediction(events), "month")
    assert scores.all.f1 == 1.0  # still matched
    result = by_id(scores)
    tromso = result["tromso-falls"].fields
    assert tromso["place"].right is False and "km from Tromsø" in tromso["place"].reason
    assert tromso["time"].right is False and "misses" in tromso["time"].reason
    assert tromso["status"].right is False
    assert result["denmark-withdraws"].fields["time"].right is False
    assert result["eu-threatens"].fields["status"].right is False
    assert scores.fields["place"] == {"right": 3, "scored": 4, "accuracy": 0.75}
    assert scores.fields["time"] == {"right": 0, "scored": 2, "accuracy": 0.0}
    assert scores.fields["status"] == {"right": 2, "scored": 4, "accuracy": 0.5}


def test_status_also_accepted_and_conditional():
    gold, text = load_gold(), body()
    events = perfect_events()
    events[0] = make_event(text, gold["events"][0], gold["places"], status=Status.UNCONFIRMED)
    events[3] = make_event(text, gold["events"][3], gold["places"], status=Status.CONDITIONAL)
    assert score_events(gold, prediction(events), "month").fields["status"]["accuracy"] == 1.0


def test_neutral_exclusion_and_false_positives():
    gold, text = load_gold(), body()
    events = perfect_events()
    tromso_again = span_of(text, "Tromsø er fullstendig erobret")
    condition = span_of(text, "Hvis angrepene fortsetter")
    elsewhere = span_of(text, "Regjeringen har ikke bekreftet erobringen")
    events += [
        # second mention of the capture: COERCE, matches no gold event (one-to-one), neutral -> left out
        Event(type="COERCE", trigger=span_of(text, "erobret"), sentence=sentence_of(text, tromso_again)),
        # the condition of the threat: neutral for ASSAULT
        Event(type="ASSAULT", trigger=span_of(text, "angrepene"), sentence=sentence_of(text, condition)),
        # OTHER is ignored altogether
        Event(type="OTHER", trigger=span_of(text, "bekreftet"), sentence=sentence_of(text, elsewhere)),
    ]
    scores = score_events(gold, prediction(events), "month")
    assert (scores.all.precision, scores.all.recall) == (1.0, 1.0)
    assert [p.outcome for p in scores.predictions[4:]] == ["neutral", "neutral", "other"]
    # a neutral sentence does not excuse a type the entry does not list
    events.append(
        Event(type="PROTEST", trigger=span_of(text, "erobret"), sentence=sentence_of(text, tromso_again))
    )
    scores = score_events(gold, prediction(events), "month")
    assert scores.all.precision == pytest.approx(4 / 5)
    assert scores.predictions[-1].outcome == "false_positive"


def test_one_to_one_prefers_trigger_inside_evidence():
    gold, text = load_gold(), body()
    events = perfect_events()
    # two COERCE events in the first sentence: the first's trigger ("melder") is outside the evidence
    outside = make_event(text, gold["events"][0], gold["places"], trigger="melder", status=Status.ASSERTED)
    inside = make_event(text, gold["events"][0], gold["places"], trigger="inntok")
    events = [outside, inside, *events[1:]]
    scores = score_events(gold, prediction(events), "month")
    tromso = by_id(scores)["tromso-falls"]
    assert tromso.matched == 1 and tromso.fields["status"].right
    assert scores.predictions[0].outcome == "false_positive"
    assert scores.all.precision == pytest.approx(4 / 5) and scores.all.recall == 1.0


def test_matching_is_an_assignment_not_greedy():
    # P0 could match G1 (trigger inside) or G2; P1 only G1. Greedy would give G1 <- P0 and leave G2 unmatched.
    gold = {
        "published": "2021-08",
        "events": [
            {"id": "g1", "type": "COERCE", "evidence": ["tok byen"], "required": True},
            {"id": "g2", "type": "COERCE", "evidence": ["rykket inn"], "required": True},
        ],
    }
    s0 = {"text": "De tok byen og rykket inn.", "start": 0, "end": 26}
    s1 = {"text": "Så tok byen fyr.", "start": 27, "end": 43}
    preds = {
        "events": [
            {"type": "COERCE", "trigger": {"text": "tok", "start": 3, "end": 6}, "sentence": s0},
            {"type": "COERCE", "trigger": {"text": "tok", "start": 30, "end": 33}, "sentence": s1},
        ]
    }
    scores = score_events(gold, preds, "month")
    assert [ev.matched for ev in scores.gold_events] == [1, 0]
    assert scores.all.f1 == 1.0


def test_also_mentioned_sentence_can_match_and_type_also_accepted():
    gold, text = load_gold(), body()
    events = perfect_events()
    eu = make_event(text, gold["events"][3], gold["places"], type="SANCTION")
    first = events[1]
    # the MOBILIZE event is extracted from elsewhere, its other mention holds the evidence
    moved = Event(
        type="MOBILIZE",
        trigger=span_of(text, "trakk"),
        sentence=sentence_of(text, span_of(text, "I mai")),
        actor=first.actor,
        place=first.place,
        status=first.status,
        quantities=first.quantities,
        also_mentioned=[OtherMention(first.trigger, first.sentence)],
    )
    scores = score_events(gold, prediction([events[0], moved, events[2], eu]), "month")
    assert scores.all.f1 == 1.0
    assert by_id(scores)["eu-threatens"].predicted_type == "SANCTION"


def test_unmatched_reasons_and_required_scores():
    gold, text = load_gold(), body()
    events = perfect_events()
    wrong_type = make_event(text, gold["events"][1], gold["places"], type="AID")
    scores = score_events(gold, prediction([events[0], wrong_type, events[2], events[3]]), "month")
    sweden = by_id(scores)["sweden-troops"]
    assert sweden.matched is None and "type not in ['MOBILIZE']" in sweden.reason
    assert scores.all.recall == pytest.approx(3 / 4) and scores.all.precision == pytest.approx(3 / 4)
    assert scores.required.recall == pytest.approx(2 / 3)
    # the match to the optional gold event is neutral in the required-only view
    assert scores.required.n_pred == 3 and scores.required.precision == pytest.approx(2 / 3)
    none = score_events(gold, prediction([]), "month")
    assert none.all.f1 == 0.0 and "no extracted event" in none.gold_events[0].reason


def test_party_rules():
    gold_null = {"actor": None, "actor_also_accepted": ["Taliban"]}
    assert score_party(gold_null, {"actor": None}, "actor").right is True
    assert score_party(gold_null, {"actor": {"text": "Talibans styrker"}}, "actor").right is True
    assert score_party(gold_null, {"actor": {"text": "regjeringen"}}, "actor").right is False
    gold = {"actor": "Utsendinger fra USA, Kina og Russland"}
    assert score_party(gold, {"actor": {"text": "utsendinger"}}, "actor").right is True
    assert score_party(gold, {"actor": {"text": "de", "canonical": "Russland"}}, "actor").right is True
    assert score_party(gold, {"actor": {"text": "EU"}}, "actor").right is False
    assert score_party(gold, {"actor": None}, "actor").right is False


def test_place_rules():
    places = load_gold()["places"]
    oslo = {"text": "Oslo", "name": "Oslo", "lat": 59.913, "lon": 10.739, "country": "NO"}
    assert score_place({"place": "Norge"}, {"place": oslo}, places).right is True  # same country
    assert score_place({"place": "Norge"}, {"place": {**oslo, "country": "SE"}}, places).right is False
    near = {"text": "Tromsøya", "lat": 69.68, "lon": 18.93, "country": "NO"}  # ~4 km
    assert score_place({"place": "Tromsø"}, {"place": near}, places).right is True
    assert score_place({"place": "Tromsø"}, {"place": oslo}, places).right is False
    assert (
        score_place({"place": "Tromsø"}, {"place": {"text": "Tromsø"}}, places).right is False
    )  # no coordinates
    narvik = {"text": "Narviik", "lat": 68.44, "lon": 17.43, "country": "NO"}
    assert score_place({"place": "Narviik"}, {"place": narvik}, places).right is True  # also_spelled
    gold_null = {"place": None, "place_also_accepted": ["Norge"]}
    assert score_place(gold_null, {"place": None}, places).right is True
    assert score_place(gold_null, {"place": oslo}, places).right is True
    assert score_place({"place": None}, {"place": oslo}, places).right is False


def test_assign_rectangular():
    assert assign([[0, 5], [3, 4], [0, 0]]) == {0: 1, 1: 0}
    assert assign([[1, 0, 2]]) == {0: 2}
    assert assign([]) == {}


def test_scores_are_deterministic_and_input_untouched():
    gold = load_gold()
    before = copy.deepcopy(gold)
    pred = prediction(perfect_events())
    assert score_events(gold, pred, "month").to_dict() == score_events(gold, pred, "month").to_dict()
    assert gold == before


# ---- events: the command ----------------------------------------------------------------------------------


def write_predictions(tmp_path: Path, *articles: dict) -> Path:
    path = tmp_path / "pred.json"
    path.write_text(json.dumps({"articles": list(articles)}, ensure_ascii=False), encoding="utf-8")
    return path


def test_cli_eval_events_json(tmp_path):
    pred = write_predictions(tmp_path, prediction(perfect_events()))
    result = runner.invoke(app, ["eval", "events", str(GOLD_PATH), "--predictions", str(pred), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["all"]["f1"] == 1.0 and data["required"]["recall"] == 1.0
    assert data["fields"]["place"]["accuracy"] == 1.0
    assert data["published_precision"] == "month"
    assert [ev["matched"] for ev in data["gold_events"]] == [0, 1, 2, 3]


def test_cli_eval_events_picks_matching_article_and_published_override(tmp_path):
    gold, text = load_gold(), body()
    month = DateInterval(date(2021, 8, 1), date(2021, 8, 31), Precision.MONTH)
    events = perfect_events()
    events[0] = make_event(text, gold["events"][0], gold["places"], time=TimeSpan(None, month))
    other = prediction([], path="/elsewhere/other.txt")
    pred = write_predictions(tmp_path, other, prediction(events))
    result = runner.invoke(app, ["eval", "events", str(GOLD_PATH), "--predictions", str(pred), "--json"])
    data = json.loads(result.stdout)
    assert data["all"]["f1"] == 1.0 and data["fields"]["time"]["accuracy"] == 1.0
    result = runner.invoke(
        app,
        ["eval", "events", str(GOLD_PATH), "--predictions", str(pred), "--published", "2021-08-12", "--json"],
    )
    data = json.loads(result.stdout)
    assert data["published_precision"] == "day" and data["fields"]["time"]["right"] == 1


def test_cli_eval_events_human_output(tmp_path):
    gold, text = load_gold(), body()
    events = perfect_events()
    events[1] = make_event(text, gold["events"][1], gold["places"], type="AID")
    pred = write_predictions(tmp_path, prediction(events))
    result = runner.invoke(app, ["eval", "events", str(GOLD_PATH), "--predictions", str(pred)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "required" in out and "accuracy" in out
    assert "✓ tromso-falls" in out and "✗ sweden-troops" in out
    assert "unmatched: #1 AID" in out


def test_cli_eval_events_errors(tmp_path, monkeypatch):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    result = runner.invoke(app, ["eval", "events", str(bad), "--predictions", str(bad)])
    assert result.exit_code == 2 and "not readable JSON" in result.output
    result = runner.invoke(app, ["eval", "events", str(GOLD_PATH), "--predictions", str(bad)])
    assert result.exit_code == 2 and "predictions" in result.output
    result = runner.invoke(app, ["eval", "events", str(GOLD_PATH), "--published", "August"])
    assert result.exit_code == 2 and "--published" in result.output
    monkeypatch.setitem(sys.modules, "sitrep.pipeline", None)  # fresh extraction not available
    result = runner.invoke(app, ["eval", "events", str(GOLD_PATH)])
    assert result.exit_code == 2 and "--predictions" in result.output


def test_cli_eval_events_fresh_extraction(monkeypatch):
    """Wiring of a fresh run: the gold's doc is read, the date overridden, the result scored."""
    seen = {}

    def read_path(path):
        seen["path"] = Path(path)
        return iter([Article(id="eval-article", text=body(), language="nb", path=str(path))])

    def extract_article(article, triggers="both"):
        seen["published"] = article.published
        return ExtractedArticle(article, [], perfect_events())

    monkeypatch.setitem(sys.modules, "sitrep.read", types.SimpleNamespace(read_path=read_path))
    monkeypatch.setitem(
        sys.modules, "sitrep.pipeline", types.SimpleNamespace(extract_article=extract_article)
    )
    result = runner.invoke(app, ["eval", "events", str(GOLD_PATH), "--published", "2021-08-12", "--json"])
    assert result.exit_code == 0, result.output
    assert seen["path"].resolve() == ARTICLE_PATH.resolve()
    assert seen["published"] == DateInterval(date(2021, 8, 12), date(2021, 8, 12), Precision.DAY)
    data = json.loads(result.stdout)
    assert data["all"]["f1"] == 1.0 and data["published_precision"] == "day"


def test_cli_eval_events_fresh_extraction_read_error(monkeypatch):
    def read_path(path):
        yield ValueError(f"{path}: empty body")

    monkeypatch.setitem(sys.modules, "sitrep.read", types.SimpleNamespace(read_path=read_path))
    monkeypatch.setitem(sys.modules, "sitrep.pipeline", types.SimpleNamespace(extract_article=None))
    result = runner.invoke(app, ["eval", "events", str(GOLD_PATH)])
    assert result.exit_code == 2 and "empty body" in result.output


def test_cli_eval_events_fresh_extraction_with_the_real_reader(monkeypatch):
    """The seed-format fixture read by sitrep.read; only the extraction is stubbed."""
    pytest.importorskip("sitrep.read")
    seen = {}

    def extract_article(article, triggers="both"):
        seen["article"] = article
        return ExtractedArticle(article, [], perfect_events())

    monkeypatch.setitem(
        sys.modules, "sitrep.pipeline", types.SimpleNamespace(extract_article=extract_article)
    )
    result = runner.invoke(app, ["eval", "events", str(GOLD_PATH), "--json"])
    assert result.exit_code == 0, result.output
    assert seen["article"].text.strip() == body().strip()
    assert seen["article"].published.precision == Precision.MONTH
    assert json.loads(result.stdout)["all"]["f1"] == 1.0
