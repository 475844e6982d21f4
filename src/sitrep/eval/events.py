"""Scoring extracted events against a gold file, by the rules of ``examples/README.md``.

- Matching: an extracted event can match a gold event when its type is the gold type (or one of
  ``type_also_accepted``) and its sentence, or the sentence of one of its other mentions (``also_mentioned``),
  contains one of the gold ``evidence`` strings (whitespace-normalised, case-insensitive). Matching is
  one-to-one and is solved as an assignment: first as many matches as possible, then as many matched events as
  possible whose trigger lies inside an evidence string, then matches found in the event's own sentence rather
  than another mention's, then earlier extracted events. Deterministic.
- Extracted events of type OTHER are left out. An unmatched extracted event whose type is one of a ``neutral``
  entry's ``types`` and whose sentence contains that entry's ``evidence`` is left out of precision.
- Precision, recall and F1 over all gold events and over ``required`` ones. In the required-only view the gold
  events that are not required are neutral: extracted events matched to them count neither way.
- Accuracy per field (actor, target, place, time, status, sources) over matched events; mode, contexts, ACLED
  mapping and quantities agreement is reported as information only.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

FIELDS = ("actor", "target", "place", "time", "status", "sources")
INFO_FIELDS = ("mode", "contexts", "acled", "quantities")
PLACE_RADIUS_KM = 25.0
MONTH_RULE_MAX_DAYS = 35


# ---- results ----------------------------------------------------------------------------------------------


@dataclass
class FieldResult:
    """One field of one matched event: ``right`` is None when the field is not scored for this gold event."""

    right: bool | None
    predicted: Any
    gold: Any
    reason: str = ""


@dataclass
class GoldEventResult:
    id: str
    type: str
    required: bool
    matched: int | None  # index into the extracted article's ``events``
    predicted_type: str | None = None
    trigger: str | None = None
    fields: dict[str, FieldResult] = field(default_factory=dict)
    info: dict[str, FieldResult] = field(default_factory=dict)
    reason: str = ""  # why nothing matched


@dataclass
class PredictionResult:
    index: int  # into the extracted article's ``events``
    type: str
    trigger: str | None
    sentence: str | None
    outcome: str  # matched | neutral | false_positive | other
    gold_id: str | None = None
    neutral_evidence: str | None = None


@dataclass
class PRF:
    precision: float
    recall: float
    f1: float
    matched: int  # true positives
    n_pred: int  # extracted events counted for precision
    n_gold: int


@dataclass
class EventScores:
    all: PRF
    required: PRF
    fields: dict[str, dict[str, float]]  # field -> {right, scored, accuracy}
    info: dict[str, dict[str, float]]  # field -> {agree, compared, rate}
    per_type: dict[str, dict[str, float]]
    gold_events: list[GoldEventResult]
    predictions: list[PredictionResult]
    published_precision: str
    entities: dict[str, Any] = field(default_factory=dict)  # gold entities found with the right kind

    def to_dict(self) -> dict:
        return asdict(self)


# the gold's coarse kinds for the model's labels: GPE_LOC and GPE_ORG both count as GPE
ENTITY_KIND = {"GPE_LOC": "GPE", "GPE_ORG": "GPE", "GPE": "GPE", "LOC": "LOC", "ORG": "ORG", "PER": "PER"}


def score_entities(gold: dict, predicted_article: dict) -> dict[str, Any]:
    """How many of the gold's entities the article's entities contain, with the same text and kind."""
    found = {(norm(e.get("text")), ENTITY_KIND.get(e.get("label", ""))) for e in predicted_article.get("entities", [])}
    wanted = [(e["text"], e["kind"]) for e in gold.get("entities", [])]
    missing = [f"{text} ({kind})" for text, kind in wanted if (norm(text), kind) not in found]
    return {"found": len(wanted) - len(missing), "total": len(wanted), "missing": missing}


# ---- small helpers ----------------------------------------------------------------------------------------


def norm(text: str | None) -> str:
    """Whitespace-normalised, case-folded text."""
    return " ".join((text or "").split()).casefold()


def contain_one_another(a: str | None, b: str | None) -> bool:
    a, b = norm(a), norm(b)
    return bool(a and b) and (a in b or b in a)


def date_precision(value: str | None) -> str:
    """``day``/``month``/``year`` from a precision name or a ``YYYY[-MM[-DD]]`` date."""
    value = (value or "").strip()
    if value in ("day", "week", "month", "year", "range"):
        return value
    parts = value.split("-")
    if len(parts) >= 3:
        return "day"
    if len(parts) == 2:
        return "month"
    if len(parts) == 1 and value.isdigit():
        return "year"
    raise ValueError(f"not a date or precision: {value!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")


def _parse_date(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _prf(matched_pred: int, n_pred: int, matched_gold: int, n_gold: int) -> PRF:
    precision = matched_pred / n_pred if n_pred else 0.0
    recall = matched_gold / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1, matched_gold, n_pred, n_gold)


def _mentions(pred: dict) -> list[tuple[dict, dict, bool]]:
    """(sentence, trigger, is the event's own sentence) for the event and its other mentions."""
    out = [(pred.get("sentence") or {}, pred.get("trigger") or {}, True)]
    for other in pred.get("also_mentioned") or []:
        out.append((other.get("sentence") or {}, other.get("trigger") or {}, False))
    return out


def _trigger_inside(sentence: dict, trigger: dict, evidence: str) -> bool:
    """Whether the trigger lies inside an occurrence of ``evidence`` in the sentence (by offsets when known)."""
    text = sentence.get("text") or ""
    s_start, t_start, t_end = sentence.get("start"), trigger.get("start"), trigger.get("end")
    if isinstance(s_start, int) and isinstance(t_start, int) and isinstance(t_end, int) and s_start >= 0:
        index = text.find(evidence)
        found = index >= 0
        while index >= 0:
            if s_start + index <= t_start and t_end <= s_start + index + len(evidence):
                return True
            index = text.find(evidence, index + 1)
        if found:
            return False
    trig = norm(trigger.get("text"))
    return bool(trig) and trig in norm(evidence)


def _types(gold_event: dict) -> set[str]:
    return {
        str(t).upper() for t in [gold_event.get("type"), *(gold_event.get("type_also_accepted") or [])] if t
    }


def _candidate(gold_event: dict, pred: dict) -> tuple[bool, bool] | None:
    """None if ``pred`` cannot match ``gold_event``, else (trigger inside evidence, found in own sentence)."""
    if str(pred.get("type") or "").upper() not in _types(gold_event):
        return None
    return _evidence_hit(gold_event, pred)


def _overlaps(trigger: dict, spans: list) -> bool:
    start, end = trigger.get("start"), trigger.get("end")
    return isinstance(start, int) and isinstance(end, int) and any(start < b and end > a for a, b in spans)


def _evidence_hit(gold_event: dict, pred: dict) -> tuple[bool, bool] | None:
    """A gold event with ``triggers`` (character spans, as the corpus has) prefers a trigger on one of them."""
    evidence = [e for e in gold_event.get("evidence") or [] if norm(e)]
    gold_triggers = gold_event.get("triggers")
    inside = primary = hit = False
    for sentence, trigger, own in _mentions(pred):
        sentence_text = norm(sentence.get("text"))
        for ev in evidence:
            if norm(ev) in sentence_text:
                hit = True
                primary = primary or own
                on_trigger = _overlaps(trigger, gold_triggers) if gold_triggers else _trigger_inside(sentence, trigger, ev)
                inside = inside or on_trigger
    return (inside, primary) if hit else None


def _hungarian(cost: list[list[int]]) -> dict[int, int]:
    """Minimum-cost assignment of every row to a distinct column (rows <= columns): row -> column."""
    n, m = len(cost), len(cost[0])
    inf = float("inf")
    u, v, p, way = [0] * (n + 1), [0] * (m + 1), [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    return {p[j] - 1: j - 1 for j in range(1, m + 1) if p[j]}


def assign(weights: list[list[int]]) -> dict[int, int]:
    """Maximum-weight one-to-one assignment over positive weights (0 = no edge): row -> column."""
    if not weights or not weights[0]:
        return {}
    transpose = len(weights) > len(weights[0])
    matrix = [list(col) for col in zip(*weights, strict=True)] if transpose else weights
    top = max(max(row) for row in matrix)
    result = _hungarian([[top - w for w in row] for row in matrix])
    pairs = {(c, r) if transpose else (r, c) for r, c in result.items() if matrix[r][c] > 0}
    return dict(sorted(pairs))


def match_events(gold_events: list[dict], preds: list[dict], counted: list[int]) -> dict[int, int]:
    """One-to-one gold index -> prediction index (over the prediction indices in ``counted``)."""
    n_pred = len(preds)
    tie = n_pred + 1  # prefer earlier predictions, least of all
    pref_unit = tie * (len(gold_events) + 1)
    big = pref_unit * 4 * (len(gold_events) + 1)  # more matches beat any preference
    weights = [[0] * len(counted) for _ in gold_events]
    for g, gold_event in enumerate(gold_events):
        for c, p in enumerate(counted):
            hit = _candidate(gold_event, preds[p])
            if hit is not None:
                inside, primary = hit
                weights[g][c] = big + pref_unit * (2 * inside + primary) + (n_pred - p)
    return {g: counted[c] for g, c in assign(weights).items()}


# ---- fields -----------------------------------------------------------------------------------------------


def _actor_values(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [v for v in (value.get("text"), value.get("canonical"), value.get("name")) if v and norm(v)]
    return []


def _show(value: Any) -> Any:
    """A compact form of a predicted value for reports."""
    if isinstance(value, dict):
        keep = ("text", "canonical", "name", "country", "lat", "lon", "start", "end", "precision")
        return {k: value[k] for k in keep if value.get(k) is not None}
    return value


def score_party(gold_event: dict, pred: dict, role: str) -> FieldResult:
    """Actor or target: text or canonical name and a gold value contain one another, ignoring case."""
    gold_value = gold_event.get(role)
    accepted = [gold_value] if gold_value else []
    accepted += [a for a in gold_event.get(f"{role}_also_accepted") or [] if a]
    predicted = _actor_values(pred.get(role))
    gold_show = (
        gold_value
        if not gold_event.get(f"{role}_also_accepted")
        else {"value": gold_value, "also_accepted": gold_event.get(f"{role}_also_accepted")}
    )
    shown = _show(pred.get(role))
    if not predicted:
        if gold_value:
            return FieldResult(False, None, gold_show, f"empty; gold {gold_value!r}")
        return FieldResult(True, None, gold_show, "empty, as in gold")
    for value in predicted:
        for ok in accepted:
            if contain_one_another(value, ok):
                return FieldResult(True, shown, gold_show, f"{value!r} ~ {ok!r}")
    if not gold_value:
        return FieldResult(False, shown, gold_show, f"{predicted[0]!r} where gold names none")
    return FieldResult(False, shown, gold_show, f"{' / '.join(predicted)!r} vs gold {gold_value!r}")


def _gold_place(places: dict, name: str) -> dict | None:
    if name in places:
        return places[name]
    for key, ref in places.items():
        names = [key, *(ref.get("also_spelled") or [])]
        if any(norm(n) == norm(name) for n in names):
            return ref
    return None


def _place_against(pred: dict, name: str, places: dict) -> tuple[bool, str]:
    ref = _gold_place(places, name)
    p_country = (pred.get("country") or "").upper()
    if ref is None:
        names = [pred.get("text"), pred.get("name")]
        ok = any(contain_one_another(n, name) for n in names)
        return (
            ok,
            f"{name!r} has no reference coordinates: compared by name ({'same' if ok else 'different'})",
        )
    is_country = ref.get("kind") == "country" or ref.get("lat") is None or ref.get("lon") is None
    if is_country:
        gold_country = (ref.get("country") or "").upper()
        if not p_country:
            return False, f"no country; gold {name} ({gold_country})"
        ok = p_country == gold_country
        return ok, f"country {p_country} {'=' if ok else '≠'} {gold_country} ({name})"
    lat, lon = pred.get("lat"), pred.get("lon")
    if lat is None or lon is None:
        return False, f"no coordinates; gold {name}"
    from sitrep.geo import distance_km  # here: ``sitrep --help`` imports this module, not the gazetteer

    km = distance_km((float(lat), float(lon)), (float(ref["lat"]), float(ref["lon"])))
    ok = km <= PLACE_RADIUS_KM
    return ok, f"{km:.0f} km from {name}"


def score_place(gold_event: dict, pred: dict, places: dict) -> FieldResult:
    """Within 25 km of the gold place, or in the same country for a gold country."""
    gold_value = gold_event.get("place")
    also = [a for a in gold_event.get("place_also_accepted") or [] if a]
    gold_show = gold_value if not also else {"value": gold_value, "also_accepted": also}
    place = pred.get("place") or None
    if place and not (place.get("text") or place.get("name") or place.get("lat") is not None):
        place = None
    if place is None:
        if gold_value:
            return FieldResult(False, None, gold_show, f"empty; gold {gold_value!r}")
        return FieldResult(True, None, gold_show, "empty, as in gold")
    shown = _show(place)
    label = place.get("name") or place.get("text")
    reasons = []
    for name in ([gold_value] if gold_value else []) + also:
        ok, why = _place_against(place, name, places)
        if ok:
            return FieldResult(True, shown, gold_show, f"{label}: {why}")
        reasons.append(why)
    if not gold_value and not also:
        return FieldResult(False, shown, gold_show, f"{label} where gold names none")
    return FieldResult(False, shown, gold_show, f"{label}: " + "; ".join(reasons))


def score_time(gold_event: dict, pred: dict, published_precision: str) -> FieldResult:
    """The published-month rule, the day-precise rule, or equal interval ends; text-only gold is not scored."""
    gold_time = gold_event.get("time") or {}
    true_date = _parse_date(gold_time.get("true_date"))
    g_start, g_end = _parse_date(gold_time.get("start")), _parse_date(gold_time.get("end"))
    pt = pred.get("time") or {}
    p_start, p_end = _parse_date(pt.get("start")), _parse_date(pt.get("end"))
    shown = _show(pt) if pt else None
    gold_show = {k: v for k, v in gold_time.items()} or None
    if true_date is None and g_start is None:
        if gold_time.get("rule") == "text":  # the corpus: no publication date, so the words are compared
            words = pt.get("text") if pt else None
            ok = contain_one_another(words, gold_time.get("text"))
            return FieldResult(ok, shown, gold_show, f"{words!r} {'~' if ok else 'vs'} {gold_time.get('text')!r}")
        return FieldResult(None, shown, gold_show, "gold has no date: not scored")
    if p_start is None:
        return FieldResult(False, None, gold_show, "no time extracted")
    interval = f"{p_start}..{p_end or ''}"
    if true_date is not None:
        if published_precision == "day":
            ok = p_start == p_end == true_date
            return FieldResult(
                ok, shown, gold_show, f"{interval} {'=' if ok else '≠'} {true_date} (day rule)"
            )
        if p_end is None:
            return FieldResult(False, shown, gold_show, f"open-ended {interval} (month rule, {true_date})")
        days = (p_end - p_start).days + 1
        contains = p_start <= true_date <= p_end
        ok = contains and days <= MONTH_RULE_MAX_DAYS
        why = f"{interval} ({days} days) {'contains' if contains else 'misses'} {true_date}"
        if contains and not ok:
            why += f", longer than {MONTH_RULE_MAX_DAYS} days"
        return FieldResult(ok, shown, gold_show, why + " (month rule)")
    ok = p_start == g_start and (g_end is None or p_end == g_end)
    gold_interval = f"{g_start}..{g_end or ''}"
    return FieldResult(ok, shown, gold_show, f"{interval} {'=' if ok else '≠'} {gold_interval}")


def score_status(gold_event: dict, pred: dict) -> FieldResult:
    gold_status = gold_event.get("status")
    predicted = pred.get("status")
    if not gold_status:
        return FieldResult(None, predicted, None, "gold has no status: not scored")
    accepted = [gold_status, *(gold_event.get("status_also_accepted") or [])]
    if gold_event.get("conditional"):
        accepted += ["conditional", "asserted"]
    accepted = list(dict.fromkeys(str(a).lower() for a in accepted))
    ok = str(predicted or "").lower() in accepted
    return FieldResult(ok, predicted, accepted, f"{predicted} {'in' if ok else 'not in'} {accepted}")


def score_sources(gold_event: dict, pred: dict) -> FieldResult:
    gold_sources = [s for s in gold_event.get("sources") or [] if s]
    predicted = [v for s in pred.get("sources") or [] for v in _actor_values(s)]
    shown = [s.get("text") or s.get("canonical") for s in pred.get("sources") or [] if isinstance(s, dict)]
    if not gold_sources:
        return FieldResult(None, shown, None, "gold names no source: not scored")
    for value in predicted:
        for ok in gold_sources:
            if contain_one_another(value, ok):
                return FieldResult(True, shown, gold_sources, f"{value!r} ~ {ok!r}")
    return FieldResult(
        False, shown, gold_sources, "no source in common" if predicted else "no source extracted"
    )


def info_fields(gold_event: dict, pred: dict) -> dict[str, FieldResult]:
    """Mode, contexts, ACLED and quantities agreement: reported, not scored."""
    out: dict[str, FieldResult] = {}
    if gold_event.get("mode"):
        ok = pred.get("mode") == gold_event["mode"]
        out["mode"] = FieldResult(ok, pred.get("mode"), gold_event["mode"])
    if gold_event.get("contexts"):
        got = set(pred.get("contexts") or [])
        missing = [c for c in gold_event["contexts"] if c not in got]
        out["contexts"] = FieldResult(
            not missing, sorted(got), gold_event["contexts"], f"missing {missing}" if missing else ""
        )
    if gold_event.get("acled"):
        gold_acled = gold_event["acled"]
        acled = pred.get("acled") or {}
        ok = all(acled.get(k) == gold_acled.get(k) for k in ("event_type", "sub_event_type"))
        out["acled"] = FieldResult(ok, acled or None, gold_acled)
    if gold_event.get("quantities"):
        got = pred.get("quantities") or []
        missing = []
        for q in gold_event["quantities"]:
            if not any(
                _same_number(p.get("value"), q.get("value"))
                and (not q.get("kind") or p.get("kind") == q["kind"])
                for p in got
            ):
                missing.append(q)
        out["quantities"] = FieldResult(
            not missing, got, gold_event["quantities"], f"missing {missing}" if missing else ""
        )
    return out


def _same_number(a: Any, b: Any) -> bool:
    try:
        return a is not None and b is not None and math.isclose(float(a), float(b))
    except (TypeError, ValueError):
        return False


# ---- the score --------------------------------------------------------------------------------------------


def _neutral_entry(neutral: list[dict], pred: dict) -> dict | None:
    pred_type = str(pred.get("type") or "").upper()
    sentence = norm((pred.get("sentence") or {}).get("text"))
    for entry in neutral:
        types = {str(t).upper() for t in entry.get("types") or []}
        evidence = norm(entry.get("evidence"))
        on_trigger = not entry.get("trigger") or _overlaps(pred.get("trigger") or {}, [entry["trigger"]])
        if pred_type in types and evidence and evidence in sentence and on_trigger:
            return entry
    return None


def score_events(gold: dict, predicted_article: dict, published_precision: str | None = None) -> EventScores:
    """Score the events of one extracted article (``article_dict`` shape) against a gold file's dict.

    ``published_precision`` (``day``, ``month``, ``year`` or a date) selects the time rule: ``day`` means
    start = end = true date; anything else the published-month rule. Default: the gold ``published`` date's.
    """
    precision = date_precision(published_precision or gold.get("published") or "month")
    gold_events: list[dict] = list(gold.get("events") or [])
    preds: list[dict] = list(predicted_article.get("events") or [])
    places: dict = gold.get("places") or {}
    neutral: list[dict] = list(gold.get("neutral") or [])

    counted = [i for i, p in enumerate(preds) if str(p.get("type") or "OTHER").upper() != "OTHER"]
    matches = match_events(gold_events, preds, counted)
    gold_of = {p: g for g, p in matches.items()}

    predictions: list[PredictionResult] = []
    excluded: set[int] = set()
    for i, pred in enumerate(preds):
        trig = (pred.get("trigger") or {}).get("text")
        sent = (pred.get("sentence") or {}).get("text")
        result = PredictionResult(i, str(pred.get("type") or "OTHER"), trig, sent, "false_positive")
        if i not in counted:
            result.outcome = "other"
        elif i in gold_of:
            result.outcome, result.gold_id = "matched", _gold_id(gold_events, gold_of[i])
        elif (entry := _neutral_entry(neutral, pred)) is not None:
            result.outcome, result.neutral_evidence = "neutral", entry.get("evidence")
            excluded.add(i)
        predictions.append(result)
    scored_preds = [i for i in counted if i not in excluded]

    results: list[GoldEventResult] = []
    right, scored = Counter(), Counter()
    agree, compared = Counter(), Counter()
    for g, gold_event in enumerate(gold_events):
        result = GoldEventResult(
            id=_gold_id(gold_events, g),
            type=str(gold_event.get("type")),
            required=bool(gold_event.get("required")),
            matched=matches.get(g),
        )
        if result.matched is None:
            result.reason = _why_unmatched(gold_event, preds, counted, gold_of, gold_events)
        else:
            pred = preds[result.matched]
            result.predicted_type = pred.get("type")
            result.trigger = (pred.get("trigger") or {}).get("text")
            result.fields = {
                "actor": score_party(gold_event, pred, "actor"),
                "target": score_party(gold_event, pred, "target"),
                "place": score_place(gold_event, pred, places),
                "time": score_time(gold_event, pred, precision),
                "status": score_status(gold_event, pred),
                "sources": score_sources(gold_event, pred),
            }
            for name, fr in result.fields.items():
                if fr.right is not None:
                    scored[name] += 1
                    right[name] += fr.right
            result.info = info_fields(gold_event, pred)
            for name, fr in result.info.items():
                compared[name] += 1
                agree[name] += bool(fr.right)
        results.append(result)

    required = [g for g, ev in enumerate(gold_events) if ev.get("required")]
    matched_required = sum(1 for g in required if g in matches)
    matched_optional = len(matches) - matched_required
    all_prf = _prf(len(matches), len(scored_preds), len(matches), len(gold_events))
    req_prf = _prf(matched_required, len(scored_preds) - matched_optional, matched_required, len(required))

    per_type: dict[str, dict[str, float]] = {}
    gold_types = Counter(str(ev.get("type")).upper() for ev in gold_events)
    gold_types_matched = Counter(str(gold_events[g].get("type")).upper() for g in matches)
    pred_types = Counter(str(preds[i].get("type")).upper() for i in scored_preds)
    pred_types_matched = Counter(str(preds[i].get("type")).upper() for i in gold_of)
    for t in sorted(set(gold_types) | set(pred_types)):
        prf = _prf(pred_types_matched[t], pred_types[t], gold_types_matched[t], gold_types[t])
        per_type[t] = asdict(prf)

    return EventScores(
        entities=score_entities(gold, predicted_article),
        all=all_prf,
        required=req_prf,
        fields={
            f: {
                "right": right[f],
                "scored": scored[f],
                "accuracy": right[f] / scored[f] if scored[f] else 0.0,
            }
            for f in FIELDS
        },
        info={
            f: {
                "agree": agree[f],
                "compared": compared[f],
                "rate": agree[f] / compared[f] if compared[f] else 0.0,
            }
            for f in INFO_FIELDS
        },
        per_type=per_type,
        gold_events=results,
        predictions=predictions,
        published_precision=precision,
    )


def _gold_id(gold_events: list[dict], g: int) -> str:
    return str(gold_events[g].get("id") or f"gold-{g}")


def _why_unmatched(
    gold_event: dict, preds: list[dict], counted: list[int], gold_of: dict[int, int], gold_events: list[dict]
) -> str:
    taken, wrong_type = [], []
    for i in counted:
        if _evidence_hit(gold_event, preds[i]) is None:
            continue
        if _candidate(gold_event, preds[i]) is not None:
            taken.append(f"#{i} went to {_gold_id(gold_events, gold_of[i])}" if i in gold_of else f"#{i}")
        else:
            wrong_type.append(f"#{i} {preds[i].get('type')}")
    if taken:
        return "candidates taken by other gold events: " + ", ".join(taken)
    if wrong_type:
        return f"in an evidence sentence but type not in {sorted(_types(gold_event))}: " + ", ".join(
            wrong_type
        )
    return "no extracted event whose sentence contains an evidence string"
