"""Time expressions: find them in an article and resolve them against its publication date.

The words and their order come from ``lang/<code>/time.yaml``: word lists (weekdays, months, units, ...) and
templates such as ``"for {n} {unit} siden"``, grouped by kind. What each kind means is fixed here:

- ``date``, ``month``, ``season``: calendar dates; without a year, the latest one on or before publication
  (news is told in the past tense), or the next one on or after it after a future modifier (``innen``).
- ``weekday``: the latest such day on or before publication (``torsdag`` in a Friday paper is yesterday);
  ``weekday_before`` / ``weekday_after``: strictly before / after it (``forrige``, ``neste``).
- ``relday``: days counted from publication (``i går``); ``period``: the publication week, month or year,
  shifted (``forrige uke``, ``i fjor``).
- ``ago`` / ``ahead``: a point ``n`` units back / on, as the day, ISO week, month or year it falls in;
  ``next_n`` / ``last_n``: the window from publication ``n`` units on / back (``innen 30 dager``).
- ``inner_only``: a bare month or year, a time only after a modifier (``i mai``, ``siden 2019``).
- modifiers, templates ending in ``{time}``: ``in`` (no change), ``since`` (open end), ``by`` (publication
  until the end of that time), ``earlier`` / ``later`` (the part before / after publication), ``night_before``
  (the day before as well), ``start_of`` / ``middle_of`` / ``end_of`` (a third of the time).

Vague amounts (``få``) count as the most the language file gives for them (3), and make the result a range.

A publication date known to the month only gives honest intervals: an expression is resolved against the first
and the last possible publication day and the result spans both (``torsdag`` in ``2021-08`` is 2021-07-29 ..
2021-08-26, precision range). Without a publication date only expressions that carry their own year are
resolved (anchor ``"absolute"``); relative ones are then left out, as they would have no interval at all.

Expressions anchored in other times of the text (``dagen etter``, ``tre dager senere``) are not found here:
event assembly decides what an event inherits.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from sitrep import lang as langdata
from sitrep.model import DateInterval, Precision, Span, TimeSpan

CALENDAR_KINDS = frozenset({"date", "month", "season", "inner_only"})
RELATIVE_KINDS = frozenset({"weekday", "weekday_before", "weekday_after", "relday", "period"})
COUNTED_KINDS = frozenset({"ago", "ahead", "next_n", "last_n"})
POINT_KINDS = CALENDAR_KINDS | RELATIVE_KINDS | COUNTED_KINDS
MODIFIER_KINDS = frozenset(
    {"in", "since", "by", "earlier", "later", "night_before", "start_of", "middle_of", "end_of"}
)
# {mon}: a month number; {relyear}: a relative period counted in years (i fjor); {time}: any expression
SLOTS = frozenset({"weekday", "month", "mon", "day", "year", "n", "unit", "part", "relday", "period"})
SLOTS |= {"relyear", "season", "time"}
UNITS = frozenset({"day", "hour", "week", "month", "year"})

_SLOT = re.compile(r"\{(\w+)\}")
_WORD_START = re.compile(r"\b\w")
_DIGITS = {"day": r"\d{1,2}", "mon": r"\d{1,2}", "year": r"(?:1[5-9]|20)\d\d(?!\d)"}


# ---- the grammar of one language ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Template:
    kind: str
    source: str
    regex: re.Pattern[str]  # for a modifier: its prefix, up to where {time} begins


@dataclass(frozen=True)
class _Grammar:
    words: dict[str, dict[str, object]]  # slot -> normalised word -> value
    templates: tuple[_Template, ...]


def _norm(words: str) -> str:
    return " ".join(words.lower().split())


def _literal(text: str) -> str:
    return "".join(r"\s+" if part.isspace() else re.escape(part) for part in re.split(r"(\s+)", text) if part)


def _alternatives(words) -> str:
    return "|".join(_literal(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@cache
def _grammar(lang: str) -> _Grammar:
    try:
        raw = langdata.data(lang, "time")
    except FileNotFoundError:
        raise LookupError(f"no time words for language {lang!r} (lang/{lang}/time.yaml)") from None

    def table(key: str) -> dict[str, object]:
        return {_norm(str(k)): v for k, v in (raw.get(key) or {}).items()}

    numbers = {k: (int(v), int(v)) for k, v in table("numbers").items()}
    numbers.update({k: (int(v[0]), int(v[1])) for k, v in table("vague_numbers").items()})
    relday = {
        k: (v, v) if isinstance(v, int) else (int(v[0]), int(v[1])) for k, v in table("relative_days").items()
    }
    periods = {k: (str(v[0]), int(v[1])) for k, v in table("relative_periods").items()}
    words: dict[str, dict[str, object]] = {
        "weekday": table("weekdays"),
        "month": table("months"),
        "n": numbers,
        "unit": table("units"),
        "part": {_norm(w): None for w in raw.get("parts_of_day") or []},
        "relday": relday,
        "period": periods,
        "relyear": {k: offset for k, (unit, offset) in periods.items() if unit == "year"},
        "season": {k: (int(v[0]), int(v[1])) for k, v in table("seasons").items()},
    }
    bad_units = ({*words["unit"].values()} | {unit for unit, _ in periods.values()}) - UNITS
    if bad_units:
        raise ValueError(f"lang/{lang}/time.yaml: unknown units {sorted(bad_units)} (known: {sorted(UNITS)})")

    def suffixes(key: str) -> str:
        found = raw.get(key) or []
        return f"(?:{_alternatives(found)})?" if found else ""

    slot_regex = {slot: f"(?:{_alternatives(known)})" for slot, known in words.items() if known}
    slot_regex["n"] = rf"(?:\d+|{_alternatives(numbers)})" if numbers else r"\d+"
    slot_regex.update(_DIGITS)
    # endings outside the slot's group, so the group holds the word itself: torsdag(ens), 12(th)
    slot_suffix = {"weekday": suffixes("weekday_suffixes"), "day": suffixes("day_suffixes")}
    if raw.get("quantity_words"):  # "i 2000 meters høyde" is a height, not a year
        slot_suffix["year"] = rf"(?!\s+(?:{_alternatives(raw['quantity_words'])})(?!\w))"

    templates = []
    for kind, sources in (raw.get("templates") or {}).items():
        if kind not in POINT_KINDS | MODIFIER_KINDS:
            raise ValueError(f"lang/{lang}/time.yaml: unknown template kind {kind!r}")
        for source in sources or []:
            templates.append(_Template(kind, source, _compile(lang, kind, source, slot_regex, slot_suffix)))
    return _Grammar(words, tuple(templates))


def _compile(
    lang: str, kind: str, source: str, slot_regex: dict[str, str], slot_suffix: dict[str, str]
) -> re.Pattern[str]:
    where = f"lang/{lang}/time.yaml, template {source!r}"
    parts = _SLOT.split(source)  # literal, slot, literal, slot, ...
    slots = parts[1::2]
    if kind in MODIFIER_KINDS:
        if not source.endswith("{time}") or slots.count("time") != 1:
            raise ValueError(f"{where}: a {kind} template ends in {{time}}")
        parts = parts[:-2]  # the prefix alone; the time after it is parsed on its own
    elif "time" in slots:
        raise ValueError(f"{where}: only modifier kinds take {{time}}")
    pattern = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            pattern.append(_literal(part))
        elif part not in SLOTS or part not in slot_regex:
            raise ValueError(f"{where}: unknown or empty slot {{{part}}}")
        else:
            pattern.append(f"(?P<{part}>{slot_regex[part]}){slot_suffix.get(part, '')}")
    if kind not in MODIFIER_KINDS:
        pattern.append(r"(?!\w)")
    return re.compile("".join(pattern), re.IGNORECASE)


# ---- finding ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimeExpression:
    """A parsed expression: its kind, slot values, the expression a modifier applies to, and its extent."""

    kind: str
    start: int
    end: int
    values: dict[str, object] = field(default_factory=dict)
    inner: TimeExpression | None = None


def find_expressions(text: str, lang: str) -> list[TimeExpression]:
    """Every time expression in ``text``, left to right, each the longest one starting at its first word."""
    grammar = _grammar(lang)
    found: list[TimeExpression] = []
    for word in _WORD_START.finditer(text):
        if found and word.start() < found[-1].end:
            continue
        expression = _parse_at(grammar, text, word.start(), inner=False)
        if expression is not None:
            found.append(expression)
    return found


def _parse_at(grammar: _Grammar, text: str, pos: int, inner: bool) -> TimeExpression | None:
    best = None
    for template in grammar.templates:
        if template.kind == "inner_only" and not inner:
            continue
        match = template.regex.match(text, pos)
        if not match:
            continue
        if template.kind in MODIFIER_KINDS:
            sub = _parse_at(grammar, text, match.end(), inner=True)
            found = None if sub is None else TimeExpression(template.kind, pos, sub.end, inner=sub)
        else:
            values = _values(grammar, match)
            found = None if values is None else TimeExpression(template.kind, pos, match.end(), values)
        if found is not None and (best is None or found.end > best.end):
            best = found
    return best


def _values(grammar: _Grammar, match: re.Match[str]) -> dict[str, object] | None:
    values: dict[str, object] = {}
    for slot, raw in match.groupdict().items():
        if raw is None:
            continue
        if slot in ("day", "mon", "year"):
            number = int(raw)
            if (slot == "day" and not 1 <= number <= 31) or (slot == "mon" and not 1 <= number <= 12):
                return None
            values["month" if slot == "mon" else slot] = number
        elif slot == "n" and raw.isdigit():
            values["n"] = (int(raw), int(raw))
        else:
            values[slot] = grammar.words[slot][_norm(raw)]
    return values


# ---- resolving -----------------------------------------------------------------------------------------------


def resolve(expression: TimeExpression, published: DateInterval | None) -> DateInterval | None:
    """The interval ``expression`` means in an article published in ``published``; None when it needs a
    publication date and has none, or names no real date (``31. februar``)."""
    if published is None:
        return _at(expression, None)
    first = _at(expression, published.start)
    last = _at(expression, published.end or published.start)
    if first is None or last is None:
        return None
    if first == last:
        return first
    # every resolution here moves forward with the publication day: the span of both ends covers them all
    end = None if first.end is None or last.end is None else last.end
    return _span(first.start, end)


def resolve_text(phrase: str, lang: str, published: DateInterval | None) -> DateInterval | None:
    """The interval of ``phrase`` when the whole of it is one time expression, else None."""
    phrase = phrase.strip()
    expression = _parse_at(_grammar(lang), phrase, 0, inner=False) if phrase else None
    if expression is None or expression.end != len(phrase):
        return None
    return resolve(expression, published)


def find_times(text: str, lang: str, published: DateInterval | None, offset: int = 0) -> list[TimeSpan]:
    """Every time expression in ``text`` that resolves, with its span (``offset`` + index into ``text``).

    Anchor ``"published"`` when the publication date was needed, ``"absolute"`` when the words name the date
    themselves (``12. august 2021``). Without a publication date, relative expressions are left out."""
    times = []
    for expression in find_expressions(text, lang):
        interval = resolve(expression, published)
        if interval is None:
            continue
        anchor = "absolute" if _at(expression, None) is not None else "published"
        span = Span(
            text[expression.start : expression.end], offset + expression.start, offset + expression.end
        )
        times.append(TimeSpan(span, interval, anchor))
    return times


def _at(e: TimeExpression, p: date | None, forward: bool = False) -> DateInterval | None:
    """The interval of ``e`` for one publication day ``p`` (None: unknown); ``forward`` after ``innen``."""
    v = e.values
    try:
        if e.kind in MODIFIER_KINDS:
            return _modify(e, p, forward)
        if e.kind == "date":
            year = _year(v, p, forward, v["month"], v["day"])
            return None if year is None else _day(date(year, v["month"], v["day"]))
        if e.kind in ("month", "inner_only") and "month" in v:
            year = _year(v, p, forward, v["month"])
            return None if year is None else _month(year, v["month"])
        if e.kind == "inner_only":  # a bare year
            return DateInterval(date(v["year"], 1, 1), date(v["year"], 12, 31), Precision.YEAR)
        if e.kind == "season":
            first, last = v["season"]
            year = _year(v, p, forward, first)
            return None if year is None else _span(_month(year, first).start, _month(year, last).end)
        if p is None:
            return None
        if e.kind in ("weekday", "weekday_before", "weekday_after"):
            weekday, today = v["weekday"], p.isoweekday()
            if e.kind == "weekday_after" or (e.kind == "weekday" and forward):
                ahead = (weekday - today) % 7
                return _day(p + timedelta(ahead or (7 if e.kind == "weekday_after" else 0)))
            back = (today - weekday) % 7
            return _day(p - timedelta(back or (7 if e.kind == "weekday_before" else 0)))
        if e.kind == "relday":
            first, last = v["relday"]
            return _span(p + timedelta(first), p + timedelta(last))
        if e.kind == "period":
            unit, shift = v["period"]
            return _unit_of(_shift(p, unit, shift), unit)
        least, most = v["n"]
        unit = v["unit"]
        if e.kind in ("ago", "ahead"):
            sign = -1 if e.kind == "ago" else 1
            far = _unit_of(_shift(p, unit, sign * most, outward=True), unit)
            near = _unit_of(_shift(p, unit, sign * least), unit)
            a, b = (far, near) if sign < 0 else (near, far)
            return a if a == b else _span(a.start, b.end)
        if e.kind == "next_n":
            return _span(p, _shift(p, unit, most, outward=True))
        if e.kind == "last_n":
            return _span(_shift(p, unit, -most, outward=True), p)
    except ValueError:  # no such day (31. februar, year 0)
        return None
    raise AssertionError(f"unhandled time expression kind {e.kind!r}")


def _modify(e: TimeExpression, p: date | None, forward: bool) -> DateInterval | None:
    inner = _at(e.inner, p, forward or e.kind == "by")
    if inner is None:
        return None
    if e.kind == "in":
        return inner
    if e.kind == "since":
        return _span(inner.start, None)
    if e.kind == "night_before":
        return _span(inner.start - timedelta(1), inner.end)
    if e.kind in ("start_of", "middle_of", "end_of"):
        if inner.end is None:
            return None
        if inner.days < 3:
            return inner
        third = inner.days // 3
        if e.kind == "start_of":
            return _span(inner.start, inner.start + timedelta(third - 1))
        if e.kind == "end_of":
            return _span(inner.end - timedelta(third - 1), inner.end)
        return _span(inner.start + timedelta(third), inner.end - timedelta(third))
    if p is None:
        return None if e.kind == "by" else inner
    within = inner.start <= p and (inner.end is None or p <= inner.end)
    if e.kind == "by":
        return _span(p, inner.end) if inner.end is not None and p <= inner.end else inner
    if e.kind == "earlier" and within:
        return _span(inner.start, p)
    if e.kind == "later" and within:
        return _span(p, inner.end)
    return inner


# ---- calendar helpers ------------------------------------------------------------------------------------------


def _year(v: dict, p: date | None, forward: bool, month: int, day: int | None = None) -> int | None:
    """The year of a date (or of a whole month, ``day`` None): given, relative (``i fjor``), or else the
    latest one that has begun by ``p`` (``forward``: the first that has not ended before ``p``)."""
    if "year" in v:
        return v["year"]
    if p is None:
        return None
    if "relyear" in v:
        return p.year + v["relyear"]
    if forward:
        return p.year if (month, day or 31) >= (p.month, p.day) else p.year + 1
    return p.year if (month, day or 1) <= (p.month, p.day) else p.year - 1


def _day(d: date) -> DateInterval:
    return DateInterval(d, d, Precision.DAY)


def _month(year: int, month: int) -> DateInterval:
    return DateInterval(
        date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), Precision.MONTH
    )


def _span(start: date, end: date | None) -> DateInterval:
    return _day(start) if start == end else DateInterval(start, end, Precision.RANGE)


def _add_months(d: date, months: int) -> date:
    year, month = divmod(d.month - 1 + months, 12)
    year += d.year
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def _shift(d: date, unit: str, n: int, outward: bool = False) -> date:
    """``d`` moved ``n`` units; hours move whole days, rounded outward for windows and toward ``d`` otherwise."""
    if unit == "hour":
        days = math.ceil(abs(n) / 24) if outward else abs(n) // 24
        return d + timedelta(days if n >= 0 else -days)
    if unit == "day":
        return d + timedelta(n)
    if unit == "week":
        return d + timedelta(7 * n)
    return _add_months(d, n if unit == "month" else 12 * n)


def _unit_of(d: date, unit: str) -> DateInterval:
    """The day, ISO week, month or year ``d`` lies in."""
    if unit in ("day", "hour"):
        return _day(d)
    if unit == "week":
        monday = d - timedelta(d.weekday())
        return DateInterval(monday, monday + timedelta(6), Precision.WEEK)
    if unit == "month":
        return _month(d.year, d.month)
    return DateInterval(date(d.year, 1, 1), date(d.year, 12, 31), Precision.YEAR)
