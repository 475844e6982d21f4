"""Counts in a sentence or clause: "3.000 soldater", "rundt 600 soldater", "Minst 12 mennesker ble drept".

``find_quantities(tokens, lang)`` reads a sequence of spaCy tokens (``list(sent)``, a trigger's subtree, a
``Doc`` or ``Span``) and returns one :class:`~sitrep.model.Quantity` per count of things it finds:

- ``value``: digits with the language's separators ("3.000", "3 000", "12,5 millioner"), number words
  ("tolv", "tjuefem", "to tusen", "en million"), vague counts ("hundrevis av": a lower bound) and ranges
  ("200-300", "mellom 200 og 300": the lower bound, ACLED's convention for fatalities);
- ``unit``: the lemma of the counted noun ("soldat", "asylsøker", "krone"): the token's lemma when the
  pipeline gives one, otherwise one derived from the surface form with the language's suffix rules;
- ``kind``: killed / injured when a casualty word goes with the count ("ble drept", "omkom", "30 såret",
  "drepte minst 20"), otherwise the kind of the unit in the lexicon (troops, people, money), else other;
- ``approximate``: an approximator before the number ("rundt", "om lag", "minst"), a vague count or a range;
- ``span``: the words from the number (or a currency sign before it) to the counted noun, as offsets into
  the document text.

Not counted: years ("i 2021": a plain four-digit number whose noun is not a unit of people, troops or money),
dates ("12. august", "august 2021"), times ("klokken 20.25"), ordinals ("2. verdenskrig"), identifiers
("nr. 5", "resolusjon 2231") and numbers with no counted noun ("tretten om Mosul"). Percentages are kept
as kind ``other`` with unit ``prosent`` / ``percent`` (the caller decides whether a share is worth keeping).
A casualty count that names no noun ("og 30 såret") takes the unit of the count before it in the same
sequence ("12 mennesker ... og 30 såret": menneske), else the language's ``default_person_unit``.

The function uses part-of-speech tags, lemmas and heads when the tokens have them and falls back to
surface heuristics (the next noun-like token within ``noun_window`` tokens) on a blank pipeline. All words
come from ``lang/<code>/quantities.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from sitrep import lang as langdata
from sitrep.model import Quantity, Span

KINDS = ("killed", "injured", "troops", "people", "money", "other")
PERSON_KINDS = frozenset({"troops", "people"})
_CONTEXTUAL = "\0contextual"

Phrase = tuple[str, ...]


# ---- language data ------------------------------------------------------------------------------------------


def _phrases(items: Iterable[Any] | None) -> tuple[Phrase, ...]:
    """Phrases as token tuples, longest first (so "i underkant av" wins over "av")."""
    found = {tuple(str(item).lower().split()) for item in items or ()}
    return tuple(sorted((p for p in found if p), key=lambda p: (-len(p), p)))


@dataclass(frozen=True)
class _Data:
    number_re: re.Pattern
    group_re: re.Pattern
    small_re: re.Pattern
    decimal: str
    thousands_in_token: str
    thousands_between: frozenset[str]
    number_words: dict[str, float]
    connectors: frozenset[str]
    articles: frozenset[str]
    multipliers: dict[str, float]
    vague: dict[str, float]
    partitive: frozenset[str]
    vague_before_scale: tuple[Phrase, ...]
    approximators: tuple[Phrase, ...]
    dashes: tuple[str, ...]
    joiners: frozenset[str]
    between: frozenset[str]
    between_joiners: frozenset[str]
    range_not_after: frozenset[str]
    skip_after: tuple[Phrase, ...]
    months: frozenset[str]
    year_range: tuple[int, int]
    noun_window: int
    stop_words: frozenset[str]
    adjective_suffixes: tuple[str, ...]
    adjective_exceptions: tuple[str, ...]
    verb_suffixes: tuple[str, ...]
    skip_pos: frozenset[str]
    noun_pos: frozenset[str]
    unit_aliases: dict[str, str]
    prefix_units: frozenset[str]
    unit_kind: dict[str, str]
    compound_units: tuple[tuple[str, str], ...]
    contextual: dict[str, tuple[str, frozenset[str], str]]
    casualties: tuple[tuple[Phrase, str, bool], ...]
    window_after: int
    window_before: int
    coordinators: frozenset[str]
    bridge: frozenset[str]
    default_person_unit: str
    irregular: dict[str, str]
    suffixes: tuple[tuple[str, str, bool], ...]  # ending, replacement, only when the result is known
    min_stem: int


def _lower_set(items: Iterable[Any] | None) -> frozenset[str]:
    return frozenset(str(item).lower() for item in items or ())


@cache
def _data(lang: str) -> _Data:
    raw = langdata.data(lang, "quantities")
    decimal = str(raw.get("decimal_separator", "."))
    thousands = [str(s) for s in raw.get("thousands_separators", [])]
    in_token = "".join(s for s in thousands if not s.isspace())
    group = f"[{re.escape(in_token)}]" if in_token else None
    integer = rf"(?:\d{{1,3}}(?:{group}\d{{3}})+|\d+)" if group else r"\d+"
    number_re = re.compile(rf"{integer}(?:{re.escape(decimal)}\d+)?")
    group_re = re.compile(rf"\d{{3}}(?:{re.escape(decimal)}\d+)?")

    units: dict[str, str] = {}
    for kind, lemmas in (raw.get("units") or {}).items():
        if kind not in KINDS:
            raise ValueError(f"lang/{lang}/quantities.yaml: unknown unit kind {kind!r} (one of {KINDS})")
        for lemma in lemmas or ():
            units.setdefault(str(lemma).lower(), kind)
    contextual = {
        str(lemma).lower(): (
            str(spec["kind"]),
            _lower_set(spec.get("context")),
            str(spec.get("otherwise", "other")),
        )
        for lemma, spec in (raw.get("contextual_units") or {}).items()
    }
    compound = tuple(
        sorted(((u, k) for u, k in units.items() if len(u) >= 4), key=lambda uk: (-len(uk[0]), uk[0]))
    )

    casualties: list[tuple[Phrase, str, bool]] = []
    for kind, spec in (raw.get("casualties") or {}).items():
        if kind not in ("killed", "injured"):
            raise ValueError(
                f"lang/{lang}/quantities.yaml: casualty kind must be killed or injured, not {kind!r}"
            )
        casualties += [(p, kind, False) for p in _phrases(spec.get("words"))]
        casualties += [(p, kind, True) for p in _phrases(spec.get("person_only"))]
    casualties.sort(key=lambda c: -len(c[0]))

    rng = raw.get("range") or {}
    lemma = raw.get("lemma") or {}
    year_range = raw.get("year_range") or [1000, 2100]
    return _Data(
        number_re=number_re,
        group_re=group_re,
        small_re=re.compile(r"\d{1,3}"),
        decimal=decimal,
        thousands_in_token=in_token,
        thousands_between=frozenset(s for s in thousands if s.isspace()),
        number_words={str(k).lower(): float(v) for k, v in (raw.get("number_words") or {}).items()},
        connectors=_lower_set(raw.get("number_connectors")),
        articles=_lower_set(raw.get("articles")),
        multipliers={str(k).lower(): float(v) for k, v in (raw.get("multipliers") or {}).items()},
        vague={str(k).lower(): float(v) for k, v in (raw.get("vague_numbers") or {}).items()},
        partitive=_lower_set(raw.get("partitive")),
        vague_before_scale=_phrases(raw.get("vague_before_scale")),
        approximators=_phrases(raw.get("approximators")),
        dashes=tuple(str(d) for d in rng.get("dashes", ())),
        joiners=_lower_set(rng.get("joiners")),
        between=_lower_set(rng.get("between")),
        between_joiners=_lower_set(rng.get("between_joiners")),
        range_not_after=_lower_set(rng.get("not_after")),
        skip_after=_phrases(raw.get("skip_after")),
        months=_lower_set(raw.get("months")),
        year_range=(int(year_range[0]), int(year_range[1])),
        noun_window=int(raw.get("noun_window", 3)),
        stop_words=_lower_set(raw.get("stop_words")),
        adjective_suffixes=tuple(str(s) for s in raw.get("adjective_suffixes", ())),
        adjective_exceptions=tuple(str(s) for s in raw.get("adjective_suffix_exceptions", ())),
        verb_suffixes=tuple(str(s) for s in raw.get("verb_suffixes", ())),
        skip_pos=frozenset(raw.get("skip_pos", ("ADJ", "ADV"))),
        noun_pos=frozenset(raw.get("noun_pos", ("NOUN",))),
        unit_aliases={str(k).lower(): str(v).lower() for k, v in (raw.get("unit_aliases") or {}).items()},
        prefix_units=_lower_set(raw.get("prefix_units")),
        unit_kind=units,
        compound_units=compound,
        contextual=contextual,
        casualties=tuple(casualties),
        window_after=int(raw.get("casualty_window_after", 4)),
        window_before=int(raw.get("casualty_window_before", 3)),
        coordinators=_lower_set(raw.get("coordinators")),
        bridge=_lower_set(raw.get("casualty_bridge")),
        default_person_unit=str(raw.get("default_person_unit", "person")),
        irregular={str(k).lower(): str(v).lower() for k, v in (lemma.get("irregular") or {}).items()},
        suffixes=tuple(
            (str(rule[0]), str(rule[1]), len(rule) > 2 and str(rule[2]) == "known")
            for rule in lemma.get("suffixes", ())
        ),
        min_stem=int(lemma.get("min_stem", 2)),
    )


# ---- the token sequence -------------------------------------------------------------------------------------


class _Seq:
    """The tokens with what the rules look at, computed once."""

    def __init__(self, tokens: Iterable[Any]):
        seen: dict[int, Any] = {}
        for token in tokens:
            seen.setdefault(token.i, token)
        self.toks = [seen[i] for i in sorted(seen)]
        self.low = [t.text.lower() for t in self.toks]
        self.lemma = [(t.lemma_ or "").lower() for t in self.toks]
        self.pos = [t.pos_ or "" for t in self.toks]
        self.n = len(self.toks)
        self.doc = self.toks[0].doc if self.toks else None
        self.has_pos = any(self.pos)
        self.has_dep = self.doc is not None and self.doc.has_annotation("DEP")
        self.index = {t.i: k for k, t in enumerate(self.toks)}

    def adjacent(self, k: int) -> bool:
        """Whether token k directly follows token k-1 in the document."""
        return 0 < k < self.n and self.toks[k].i == self.toks[k - 1].i + 1

    def is_punct(self, k: int) -> bool:
        # the token's characters, not the tagger's guess: a mistagged "30" stays a number
        return self.toks[k].is_punct

    def forms(self, k: int) -> tuple[str, ...]:
        return (self.low[k], self.lemma[k]) if self.lemma[k] else (self.low[k],)


def _phrase_at(seq: _Seq, k: int, phrase: Phrase) -> bool:
    if k < 0 or k + len(phrase) > seq.n:
        return False
    return all(word in seq.forms(k + j) for j, word in enumerate(phrase)) and all(
        seq.adjacent(k + j) for j in range(1, len(phrase))
    )


def _phrase_before(seq: _Seq, k: int, phrases: tuple[Phrase, ...]) -> int | None:
    """Start of the longest phrase that ends right before token k."""
    if not seq.adjacent(k):
        return None
    for phrase in phrases:
        start = k - len(phrase)
        if start >= 0 and _phrase_at(seq, start, phrase):
            return start
    return None


# ---- numbers ------------------------------------------------------------------------------------------------


def _digits(text: str, d: _Data) -> float | None:
    text = text.replace("\u00a0", "").replace("\u202f", "")
    if not d.number_re.fullmatch(text):
        return None
    for sep in d.thousands_in_token:
        text = text.replace(sep, "")
    return float(text.replace(d.decimal, "."))


def _valid_compound(parts: tuple[float | None, ...]) -> bool:
    """Whether number-word parts in one token make a number: tjue+fem, fem+og+tjue, to+hundre, hundre+og+fem."""
    if parts[0] is None or parts[-1] is None:
        return False
    for i in range(1, len(parts)):
        a, b = parts[i - 1], parts[i]
        if a is None or b is None:
            continue
        if not (b >= 100 or (20 <= a < 100 and a % 10 == 0 and b < 10) or (a >= 100 and b < a)):
            return False
    for i in range(1, len(parts) - 1):
        if parts[i] is None:
            a, b = parts[i - 1], parts[i + 1]
            if a is None or b is None or not ((a < 10 and 20 <= b < 100) or (a >= 100 and b < a)):
                return False
    return True


@cache
def _split_word(word: str, lang: str) -> tuple[float, ...] | None:
    """A number word, possibly compounded ("tjuefem", "femogtjue", "tohundre"), as its parts' values."""
    d = _data(lang)
    if not word or not word.isalpha():
        return None
    if word in d.number_words:
        return (d.number_words[word],)
    pieces = sorted(
        [(w, d.number_words[w]) for w in d.number_words] + [(c, None) for c in d.connectors],
        key=lambda wc: -len(wc[0]),
    )

    def parses(rest: str) -> list[tuple[float | None, ...]]:
        if not rest:
            return [()]
        out = []
        for prefix, value in pieces:
            if rest.startswith(prefix):
                out += [(value, *tail) for tail in parses(rest[len(prefix) :])]
        return out

    for parts in parses(word):
        if len(parts) > 1 and _valid_compound(parts):
            return tuple(p for p in parts if p is not None)
    return None


def _combine(parts: Iterable[float]) -> float:
    """Values of number words in order to one number: to hundre og femti tusen -> 250000."""
    total = current = 0.0
    for value in parts:
        if value == 100:
            current = (current or 1) * 100
        elif value >= 1000:
            total += (current or 1) * value
            current = 0
        else:
            current += value
    return total + current


@dataclass
class _Number:
    start: int
    end: int  # exclusive, after multipliers and a range's second number
    value: float
    approximate: bool = False
    year_like: bool = False
    skip: bool = False  # an ordinal or a date: consumed, not a quantity


def _word_number(seq: _Seq, k: int, lang: str) -> tuple[float, int, bool] | None:
    """(value, end, is_scale_only) of number words starting at k: "tolv", "to tusen", "hundre og femti"."""
    d = _data(lang)
    if seq.low[k] in d.articles and seq.low[k] not in d.multipliers:
        nxt = k + 1
        if nxt < seq.n and seq.adjacent(nxt) and seq.low[nxt] in d.multipliers:
            return 1.0, nxt, False
        return None
    parts = _split_word(seq.low[k], lang)
    if parts is None:
        return None
    values = list(parts)
    end = k + 1
    while end < seq.n and seq.adjacent(end):
        word = seq.low[end]
        nxt = _split_word(word, lang)
        last_scale = max(values[-1:] or [0]) >= 100
        if nxt is not None and (max(nxt) >= 100 or (last_scale and max(nxt) < values[-1])):
            values += nxt
            end += 1
        elif (
            word in d.connectors
            and last_scale
            and end + 1 < seq.n
            and seq.adjacent(end + 1)
            and (after := _split_word(seq.low[end + 1], lang)) is not None
            and max(after) < values[-1]
        ):
            values += after
            end += 2
        else:
            break
    scale_only = len(values) == 1 and values[0] >= 100
    return _combine(values), end, scale_only


def _base_number(seq: _Seq, k: int, lang: str) -> _Number | None:
    """A number at token k without multipliers or ranges, or None."""
    d = _data(lang)
    low = seq.low[k]
    if low in d.vague:
        end = k + 1
        if end < seq.n and seq.adjacent(end) and seq.low[end] in d.partitive:
            end += 1
        return _Number(k, end, d.vague[low], approximate=True)
    text = seq.toks[k].text
    value = _digits(text, d)
    if value is None and text.endswith(".") and (value := _digits(text[:-1], d)) is not None:
        nxt = k + 1
        if nxt < seq.n and seq.adjacent(nxt):
            following = seq.toks[nxt].text
            if seq.low[nxt] in d.months or (following[:1].isalpha() and following[:1].islower()):
                return _Number(k, nxt, value, skip=True)  # "12. august", "2. verdenskrig"
    if value is None:
        for dash in d.dashes:
            left, sep, right = text.partition(dash)
            if sep and (low_v := _digits(left, d)) is not None and _digits(right, d) is not None:
                return _Number(k, k + 1, low_v, approximate=True)
    if value is not None:
        end = k + 1
        plain = text.replace("\u00a0", "")
        # "3 000", "12 500 000": groups of three digits as separate tokens
        if d.thousands_between and d.small_re.fullmatch(plain):
            digits, j = plain, k
            while True:
                gap, nxt = seq.toks[j].whitespace_, j + 1
                if not gap and nxt < seq.n and seq.adjacent(nxt) and seq.toks[nxt].is_space:
                    gap, nxt = seq.toks[nxt].text, nxt + 1
                if not (
                    gap in d.thousands_between
                    and nxt < seq.n
                    and seq.adjacent(nxt)
                    and d.group_re.fullmatch(seq.toks[nxt].text)
                ):
                    break
                digits += seq.toks[nxt].text
                j, end = nxt, nxt + 1
                if d.decimal in seq.toks[nxt].text:
                    break
            value = float(digits.replace(d.decimal, "."))
        lo, hi = d.year_range
        year_like = bool(re.fullmatch(r"\d{4}", plain)) and lo <= value <= hi
        return _Number(k, end, value, year_like=year_like)
    words = _word_number(seq, k, lang)
    if words is None:
        return None
    value, end, scale_only = words
    number = _Number(k, end, value)
    if scale_only and _phrase_before(seq, k, d.vague_before_scale) is not None:
        number.approximate = True  # "flere hundre": at least a hundred
    return number


def _multiply(seq: _Seq, number: _Number, lang: str) -> float:
    """Apply multipliers after the number ("12,5 millioner", "3 mill. kroner"); returns the factor."""
    d = _data(lang)
    factor = 1.0
    while number.end < seq.n and seq.adjacent(number.end):
        word = seq.low[number.end]
        if word in d.multipliers:
            factor *= d.multipliers[word]
            number.end += 1
            nxt = number.end
            if nxt < seq.n and seq.adjacent(nxt) and seq.low[nxt] == "." and f"{word}." in d.multipliers:
                number.end += 1
        else:
            break
    number.value *= factor
    return factor


def _number(seq: _Seq, k: int, lang: str) -> _Number | None:
    d = _data(lang)
    number = _base_number(seq, k, lang)
    if number is None or number.skip:
        return number
    factor = _multiply(seq, number, lang)
    # ranges: "200 til 300", "mellom 200 og 300", "10 til 15 millioner": the lower bound, approximate
    j = number.end
    if j + 1 < seq.n and seq.adjacent(j) and seq.adjacent(j + 1):
        before = seq.low[k - 1] if seq.adjacent(k) else ""
        joiner = seq.low[j]
        is_range = (joiner in d.joiners and before not in d.range_not_after) or (
            joiner in d.between_joiners and before in d.between
        )
        if is_range and (second := _base_number(seq, j + 1, lang)) is not None and not second.skip:
            second_factor = _multiply(seq, second, lang)
            low = number.value * (second_factor if factor == 1 else 1)
            if second.value >= low:
                number.value, number.end, number.approximate = low, second.end, True
                number.year_like = number.year_like and second.year_like
    return number


# ---- units --------------------------------------------------------------------------------------------------


def _kind_of(candidate: str, d: _Data) -> str | None:
    if candidate in d.contextual:
        return _CONTEXTUAL
    if candidate in d.unit_kind:
        return d.unit_kind[candidate]
    for unit, kind in d.compound_units:
        if candidate.endswith(unit) and len(candidate) - len(unit) >= 2:
            return kind
    return None


def _lemma_candidates(form: str, d: _Data, for_lookup: bool = True) -> list[str]:
    """Possible lemmas of a surface form, the likeliest first. ``for_lookup=False`` (deriving the lemma of a
    noun the lexicon does not know) leaves out the rules that may only give a known unit."""
    out = [d.irregular[form], form] if form in d.irregular else [form]
    for word, lemma in d.irregular.items():
        if form != word and form.endswith(word) and len(form) - len(word) >= 3:
            out.append(form[: len(form) - len(word)] + lemma)
    for suffix, replacement, if_known in d.suffixes:
        if form.endswith(suffix) and len(form) - len(suffix) >= d.min_stem and (for_lookup or not if_known):
            out.append(form[: len(form) - len(suffix)] + replacement)
    return out


def _unit(seq: _Seq, k: int, d: _Data) -> tuple[str, str | None]:
    """(lemma, kind) of token k as a counted noun; kind None when the lexicon does not know it."""
    low = seq.low[k]
    if low in d.unit_aliases:
        lemma = d.unit_aliases[low]
        return lemma, _kind_of(lemma, d) or "other"
    forms = [low]
    if "-" in low.strip("-"):
        forms.append(low.rsplit("-", 1)[1])
    candidates: list[str] = []
    if seq.lemma[k]:
        candidates.append(seq.lemma[k])
        if "-" in seq.lemma[k].strip("-"):
            candidates.append(seq.lemma[k].rsplit("-", 1)[1])
    for form in forms:
        candidates += _lemma_candidates(form, d)
    for candidate in candidates:
        kind = _kind_of(candidate, d)
        if kind is not None:
            return candidate, kind
    if seq.lemma[k]:
        return seq.lemma[k], None
    if low in d.irregular:
        return d.irregular[low], None
    derived = _lemma_candidates(low, d, for_lookup=False)
    return (derived[1] if len(derived) > 1 else low), None


def _looks_adjective(word: str, d: _Data) -> bool:
    return any(word.endswith(s) for s in d.adjective_suffixes) and not any(
        word.endswith(e) for e in d.adjective_exceptions
    )


def _casualty_at(seq: _Seq, k: int, d: _Data) -> tuple[str, bool, int] | None:
    """(kind, person_only, end) of a casualty word or phrase starting at token k."""
    for phrase, kind, person_only in d.casualties:
        if _phrase_at(seq, k, phrase):
            return kind, person_only, k + len(phrase)
    return None


def _is_number_token(seq: _Seq, k: int, lang: str) -> bool:
    d = _data(lang)
    return (
        seq.toks[k].like_num
        or _digits(seq.toks[k].text, d) is not None
        or (seq.low[k] not in d.articles and _split_word(seq.low[k], lang) is not None)
    )


@dataclass
class _Found:
    start: int  # first token of the quantity (number or currency sign)
    qstart: int  # first token including an approximator
    end: int  # exclusive
    value: float
    approximate: bool
    unit: str | None
    unit_kind: str | None
    casualty: str | None = None
    casualty_source: str | None = None  # "noun" (the counted word), "after", "before", "parse"


def _find_noun(seq: _Seq, number: _Number, lang: str) -> tuple[int | None, tuple[str, bool, int] | None, int]:
    """(noun index, casualty in the noun slot, last index) after the number."""
    d = _data(lang)
    if seq.has_dep:
        for k in range(number.start, number.end):
            head = seq.toks[k].head
            p = seq.index.get(head.i)
            in_window = p is not None and number.end <= p < number.end + d.noun_window
            if in_window and (seq.pos[p] in d.noun_pos or _unit(seq, p, d)[1] is not None):
                return p, None, p
    # first a known unit anywhere in the window ("45 afghanske asylsøkere", "3.000 Taliban-krigere"), then
    # the first noun-like token
    for lexicon_only in (True, False):
        casualty = None
        last = number.end - 1
        for j in _window(seq, number.end, d.noun_window):
            if j < last + 1:
                continue  # inside a casualty phrase
            low = seq.low[j]
            if low in d.unit_aliases:
                return j, casualty, j
            if seq.is_punct(j) or _is_number_token(seq, j, lang):
                break
            found = _casualty_at(seq, j, d)
            if found is not None:
                casualty, last = found, found[2] - 1
                continue
            if low in d.stop_words:
                break
            if _unit(seq, j, d)[1] is not None:
                return j, casualty, j
            if lexicon_only:
                continue
            if seq.has_pos:
                if seq.pos[j] in d.noun_pos:
                    return j, casualty, j
                if seq.pos[j] in d.skip_pos:
                    continue
                break
            if seq.toks[j].text[:1].isupper() and not seq.toks[j].is_sent_start:
                break  # a name, not a counted noun
            if _looks_adjective(low, d):
                continue
            if any(low.endswith(s) for s in d.verb_suffixes):
                break  # a verb form: "de to arbeidet"
            return j, casualty, j
    return None, casualty, last


def _window(seq: _Seq, start: int, size: int) -> Iterable[int]:
    """Up to ``size`` adjacent non-space token indices from ``start``."""
    j, counted = start, 0
    while j < seq.n and counted < size and seq.adjacent(j):
        if not seq.toks[j].is_space:
            counted += 1
            yield j
        j += 1


def _casualty_near(
    seq: _Seq, found: _Found, noun: int | None, d: _Data, lang: str
) -> tuple[str, bool, str] | None:
    """A casualty word after the noun, through the parse, or before the number."""
    after = (noun if noun is not None else found.end - 1) + 1
    j = after
    while j < seq.n and j < after + d.window_after and seq.adjacent(j):
        if seq.is_punct(j) or seq.low[j] in d.coordinators or _is_number_token(seq, j, lang):
            break
        hit = _casualty_at(seq, j, d)
        if hit is not None:
            return hit[0], hit[1], "after"
        j += 1
    if seq.has_dep and noun is not None:
        # the verb the noun is the subject of ("mennesker [...] ble drept"), and verbs chained right after it
        head = seq.toks[noun].head
        chain = [head, *(c for c in head.children if c.pos_ in ("VERB", "AUX") and 0 < c.i - head.i <= 2)]
        # and the verbs coordinated with those ("ble skutt og drept")
        chain += [g for c in chain[1:] for g in c.children if g.pos_ == "VERB" and 0 < g.i - c.i <= 2]
        for token in chain:
            p = seq.index.get(token.i)
            if p is not None and p > noun and (hit := _casualty_at(seq, p, d)) is not None:
                return hit[0], hit[1], "parse"
    j = found.qstart - 1
    while j >= 0 and j >= found.qstart - d.window_before and seq.adjacent(j + 1):
        if seq.is_punct(j) or seq.low[j] in d.coordinators or _is_number_token(seq, j, lang):
            break
        if seq.low[j] in d.stop_words and seq.low[j] not in d.bridge and _casualty_at(seq, j, d) is None:
            break  # "døde for to år siden": the casualty word belongs to another phrase
        for phrase, kind, person_only in d.casualties:
            if _phrase_at(seq, j - len(phrase) + 1, phrase):
                return kind, person_only, "before"
        j -= 1
    return None


def _context_kind(seq: _Seq, unit: str, d: _Data) -> str:
    kind, context, otherwise = d.contextual[unit]
    for k in range(seq.n):
        words = {seq.low[k], seq.lemma[k], _unit(seq, k, d)[0]}
        if words & context:
            return kind
    return otherwise


def _applies(casualty: tuple[str, bool, str], unit_kind: str | None) -> bool:
    """Whether a casualty word makes the count killed / injured: a count of people or troops, no noun at all,
    or a noun the lexicon does not know (unless the word is also said of things: "skadet")."""
    _kind, person_only, _source = casualty
    return unit_kind in PERSON_KINDS or (unit_kind is None and not person_only)


def find_quantities(tokens: Iterable[Any], lang: str) -> list[Quantity]:
    """The counts of things in ``tokens`` (spaCy tokens of one document, in any order), in text order."""
    d = _data(lang)
    seq = _Seq(tokens)
    found: list[_Found] = []
    k = 0
    while k < seq.n:
        number = None if seq.toks[k].is_space or seq.is_punct(k) else _number(seq, k, lang)
        if number is None:
            k += 1
            continue
        if number.skip:
            k = number.end
            continue
        start = number.start
        unit = unit_kind = None
        if start > 0 and seq.adjacent(start) and seq.low[start - 1] in d.prefix_units:
            start -= 1
            unit = d.unit_aliases.get(seq.low[start], seq.low[start])
            unit_kind = _kind_of(unit, d) or "money"
        qstart = start
        approx_at = _phrase_before(seq, start, d.approximators)
        if approx_at is not None:
            qstart = approx_at
        if _phrase_before(seq, start, d.skip_after) is not None or (
            (start > 0 and seq.adjacent(start) and seq.low[start - 1] in d.months)
            or (number.end < seq.n and seq.adjacent(number.end) and seq.low[number.end] in d.months)
        ):
            k = number.end
            continue
        item = _Found(
            start=start,
            qstart=qstart,
            end=number.end,
            value=number.value,
            approximate=number.approximate or approx_at is not None or qstart < start,
            unit=unit,
            unit_kind=unit_kind,
        )
        noun, slot, last = (None, None, number.end - 1) if unit else _find_noun(seq, number, lang)
        if noun is not None:
            item.unit, item.unit_kind = _unit(seq, noun, d)
            if item.unit_kind == _CONTEXTUAL:
                item.unit_kind = _context_kind(seq, item.unit, d)
        item.end = max(number.end, last + 1)
        casualty = (slot[0], slot[1], "noun") if slot else None
        if casualty is None and item.unit_kind != "money":
            casualty = _casualty_near(seq, item, noun, d, lang)
        if casualty is not None and _applies(casualty, item.unit_kind if noun is not None else None):
            item.casualty, item.casualty_source = casualty[0], casualty[2]
        k = item.end
        if item.unit is None and item.casualty is None:
            continue  # a number that counts nothing named: "tretten om Mosul"
        if number.year_like and item.unit_kind not in ("troops", "people", "money"):
            continue  # "i 2021"
        found.append(item)
    _coordinate(seq, found, d)
    return [_quantity(seq, item) for item in found]


def _coordinate(seq: _Seq, found: list[_Found], d: _Data) -> None:
    """Share casualty kinds and units between counts joined by "og": "5 soldater og 3 sivile ble drept",
    "12 mennesker ble drept og 30 såret"."""
    for i in range(len(found) - 1, 0, -1):
        a, b = found[i - 1], found[i]
        between = range(a.end, b.qstart)
        joined = all(seq.low[j] in d.coordinators for j in between) and len(between) > 0
        if (
            joined
            and a.casualty is None
            and b.casualty_source in ("after", "parse")
            and a.unit_kind in PERSON_KINDS
        ):
            a.casualty, a.casualty_source = b.casualty, "coordinated"
    previous: _Found | None = None
    for item in found:
        if item.unit is None:
            near = previous is not None and _close(seq, previous, item, d)
            if near and previous.unit and previous.unit_kind in PERSON_KINDS:
                item.unit, item.unit_kind = previous.unit, previous.unit_kind
            else:
                item.unit, item.unit_kind = d.default_person_unit, "people"
        previous = item


def _close(seq: _Seq, a: _Found, b: _Found, d: _Data) -> bool:
    """Whether count b continues count a: few tokens apart, no full stop or clause break between them."""
    between = range(a.end, b.qstart)
    if len(between) > d.window_after + 1:
        return False
    return all(seq.adjacent(j + 1) and (not seq.is_punct(j) or seq.low[j] in d.coordinators) for j in between)


def _quantity(seq: _Seq, item: _Found) -> Quantity:
    first, last = seq.toks[item.start], seq.toks[item.end - 1]
    start, end = first.idx, last.idx + len(last.text)
    value = item.value
    return Quantity(
        value=float(value),
        unit=item.unit or "",
        kind=item.casualty or item.unit_kind or "other",
        approximate=item.approximate,
        span=Span(first.doc[first.i : last.i + 1].text, start, end),  # not doc.text: it joins the whole doc
    )
