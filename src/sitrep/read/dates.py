"""Publication dates as given by an input: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` (or a timestamp) -> DateInterval.

Deliberately small: relative expressions in the article text belong to the time resolver (``extract/``).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from sitrep.model import DateInterval, Precision

_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
# a date followed by a time of day (ISO 8601 / RFC 3339, with or without zone): the date as written is kept
_TIMESTAMP = re.compile(
    r"(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?", re.IGNORECASE
)


def parse_published(value: object) -> DateInterval:
    """A publication date -> the interval it covers, keeping its precision.

    ``"2021"`` -> 2021-01-01..2021-12-31 (year); ``"2021-08"`` -> 2021-08-01..2021-08-31 (month);
    ``"2021-08-13"`` or a timestamp ``"2021-08-13T00:30:00+02:00"`` -> that day (the local date as written, not
    converted to UTC). Also accepts ``date``/``datetime`` objects, a ``DateInterval`` (returned as is) and a
    ``{"start", "end", "precision"}`` dict (sitrep's own JSON). Raises ``ValueError`` with a one-line reason.
    """
    if isinstance(value, DateInterval):
        return value
    if isinstance(value, datetime):
        return _day(value.date())
    if isinstance(value, date):
        return _day(value)
    if isinstance(value, dict):
        return _from_dict(value)
    if not isinstance(value, str):  # ValueError like every other bad value: callers catch one type
        raise ValueError(f"bad published value {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")  # noqa: TRY004
    text = value.strip()
    match = _TIMESTAMP.fullmatch(text)
    if match:
        text = match.group(1)
    match = _DATE.fullmatch(text)
    if not match:
        raise ValueError(f"bad published value {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return DateInterval(date(year, 1, 1), date(year, 12, 31), Precision.YEAR)
        if day is None:
            if not 1 <= month <= 12:
                raise ValueError("month must be in 1..12")
            last = calendar.monthrange(year, month)[1]
            return DateInterval(date(year, month, 1), date(year, month, last), Precision.MONTH)
        return _day(date(year, month, day))
    except ValueError as exc:
        raise ValueError(f"bad published value {value!r}: {exc}") from None


def _day(day: date) -> DateInterval:
    return DateInterval(day, day, Precision.DAY)


def _from_dict(value: dict) -> DateInterval:
    try:
        start = date.fromisoformat(value["start"])
        end = date.fromisoformat(value["end"]) if value.get("end") else None
        precision = Precision(value.get("precision", "day"))
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"bad published value {value!r}: {exc}") from None
    if end is not None and end < start:
        raise ValueError(f"bad published value {value!r}: end before start")
    return DateInterval(start, end, precision)
