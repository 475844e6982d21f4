"""Canonical actors: who a phrase of an article names.

``resolve_actor("Taliban", "nb")`` gives Taliban (armed group, AF); ``resolve_actor("USAs", "nb")`` the United
States (a genitive); ``resolve_actor("afghanske regjeringsstyrker", "nb")`` government forces of Afghanistan;
``resolve_actor("EUs utenrikssjef Kaja Kallas", "nb")`` the person Kaja Kallas, foreign policy chief of the
European Union; ``resolve_actor("en Taliban-talsmann", "nb")`` an unnamed spokesperson of the Taliban.

All words live in ``sitrep/lang/<code>/actors.yaml`` (schema at the top of ``lang/nb/actors.yaml``); countries
come from pycountry (ISO 3166-1) with the language's translations. Canonical names are English and the same in
every language, so actors from articles in different languages compare equal. The lexicon of a language is
built once per process; resolving is dictionary look-ups (rapidfuzz only as a last resort for misspelt names).

How a phrase is read (Norwegian and English noun phrases are head-final):

1. the whole phrase as a name (organisation, country, person), also genitive (``USAs``, ``Hamas'``);
2. a title before a name (``president Ashraf Ghani``, ``Foreign Minister Sergei Lavrov``): a person;
3. an owner after a preposition (``utsendinger fra USA, Kina og Russland``, ``talsmann for Taliban``);
4. the head: a name at the end, a role noun on its lemma (``regjeringsstyrkene``, also as the end of a
   compound), a hyphen compound with a known actor before the hyphen (``Taliban-talsmann``), or a people noun
   (``amerikanerne`` is the United States, ``afghanere`` are Afghan nationals). Owners of a role come from a
   demonym, genitive or name before it (``amerikansk etterretning``, ``Russlands president``).

A coordination (``USA og Nato``) is not one actor: ``resolve_actor`` gives None and ``resolve_actors`` the parts.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import pycountry
from rapidfuzz import fuzz, process

from sitrep import lang as langdata
from sitrep.model import Actor, Span

KINDS = frozenset(
    {
        "state",
        "government",
        "military",
        "police",
        "intelligence",
        "armed group",
        "rebels",
        "international organisation",
        "international community",
        "ngo",
        "media",
        "person",
        "civilians",
        "protesters",
        "diplomats",
        "legislature",
        "judiciary",
        "political party",
        "source",
        "other",
    }
)
# kinds whose members do not speak or act for the actor that owns them ("britiske statsborgere")
_NOT_REPRESENTING = frozenset({"civilians", "protesters", "source", "other"})

FUZZY_CUTOFF = 90.0  # rapidfuzz ratio for a misspelt name
FUZZY_MIN_LENGTH = 6


@dataclass(frozen=True)
class ActorInfo:
    """What a phrase names.

    ``canonical`` is the English canonical name (``Taliban``, ``United States``, ``Kaja Kallas``); for a role
    without a name it is the role with its owner (``government forces (Afghanistan)``, ``spokesperson
    (Taliban)``). ``affiliation`` is the canonical name of the actor the role or person belongs to, ``role`` the
    canonical role or title, ``members`` the owners when a role has several (``envoys from the US, China and
    Russia``). ``how`` says what matched: alias, fuzzy, title, role, hyphen, people or label.
    """

    canonical: str
    kind: str
    country: str | None = None
    affiliation: str | None = None
    role: str | None = None
    members: tuple[str, ...] = ()
    how: str = "alias"
    genitive: bool = False
    score: float = 100.0

    @property
    def generic(self) -> bool:
        """A role noun without a name (``regjeringen``, ``en Taliban-talsmann``)."""
        return self.how in ("role", "hyphen", "people") and self.role is not None

    @property
    def party(self) -> str:
        """The actor this one acts or speaks for: the affiliation of a spokesperson or of government forces,
        else itself (civilians do not speak for their country)."""
        if self.affiliation and self.kind not in _NOT_REPRESENTING:
            return self.affiliation
        return self.canonical

    def actor(self, span: Span) -> Actor:
        return Actor(
            span=span,
            canonical=self.canonical,
            kind=self.kind,
            country=self.country,
            role=self.role if self.how == "title" else None,  # a role noun alone is its canonical already
            affiliation=self.affiliation,
        )


# ---- data ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Named:
    canonical: str
    kind: str
    country: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True)
class _Role:
    canonical: str
    kind: str
    title: bool = False
    self_: bool = False
    standalone: bool = True
    compound: bool = True


_HYPHENS = {ord(c): "-" for c in "\u2010\u2011\u2012\u2043\ufe63\uff0d"}
_HYPHENS.update({ord("\u00ad"): None})
_APOSTROPHES = {ord(c): "'" for c in "\u2019\u02bc\u2018`\u00b4"}
_EDGE = ' \t\r\n"«»“”„‹›()[]{}.,:;!?–—…*'
_DIGITS = re.compile(r"^[\d.,:/%+-]+$")


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_HYPHENS).translate(_APOSTROPHES)
    text = " ".join(text.split()).strip(_EDGE).lstrip("'")
    return text


def _key(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").split())


def _fold(key: str) -> str:
    decomposed = unicodedata.normalize("NFKD", key)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _case_ok(surface: str, alias: str) -> bool:
    """Proper names keep their capital: ``Man`` is not ``man``, ``US`` is not ``us``, ``IS`` is not ``is``."""
    if not surface or not alias:
        return False
    if alias.isupper() and " " not in alias and len(alias) <= 5:
        return surface == surface.upper()
    if alias[0].isupper():
        return surface[0].isupper()
    return True


def _country_canonical(code: str) -> str:
    english = (langdata.data("en", "actors") or {}).get("countries") or {}
    entry = english.get(code) or {}
    if entry.get("canonical"):
        return entry["canonical"]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        raise ValueError(f"unknown ISO 3166-1 country code {code!r} in actor data")
    return getattr(country, "common_name", None) or country.name


@cache
def _states() -> dict[str, _Named]:
    return {c.alpha_2: _Named(_country_canonical(c.alpha_2), "state", c.alpha_2) for c in pycountry.countries}


def country_name(code: str) -> str | None:
    """The canonical (English) name of an ISO 3166-1 alpha-2 country code, or None."""
    named = _states().get(code.upper())
    return named.canonical if named else None


def _short_forms(names: list[str]) -> list[str]:
    """``Iran, Islamic Republic of`` -> ``Iran``; ``Eswatini (tidligere Swasiland)`` -> ``Eswatini``: the part
    before a comma or parenthesis, when it is not shared by two countries (``Korea``, ``Jomfruøyene``)."""
    return [re.split(r",|\s\(", name)[0].strip() for name in names]


class _Lexicon:
    def __init__(self, lang: str) -> None:
        data = langdata.data(lang, "actors") or {}
        grammar = data.get("grammar") or {}
        fold = str.casefold
        self.lang = lang
        self.lead = frozenset(
            fold(w) for w in grammar.get("determiners", []) + grammar.get("quantifiers", [])
        )
        self.genitive: tuple[str, ...] = tuple(grammar.get("genitive", []))
        self.noun_endings: tuple[str, ...] = tuple(fold(e) for e in grammar.get("noun_endings", []))
        adjective_endings = [fold(e) for e in grammar.get("adjective_endings", [])]
        as_state = grammar.get("people_as_state") or {}
        self.state_endings = frozenset(fold(e) for e in as_state.get("endings", []))
        self.state_determiners = frozenset(fold(e) for e in as_state.get("determiners", []))
        self.conjunctions = frozenset(fold(w) for w in grammar.get("conjunctions", []))
        self.prepositions = frozenset(fold(w) for w in grammar.get("prepositions", []))
        self.particles = frozenset(fold(w) for w in grammar.get("name_particles", []))
        self.compound_min = int(grammar.get("compound_min", 4))
        self.compounds = bool(grammar.get("compounds", True))
        self.linking: tuple[str, ...] = tuple(grammar.get("compound_linking", []))

        self.names: dict[str, list[tuple[str, _Named]]] = {}
        self.folded: dict[str, list[tuple[str, _Named]]] = {}
        states = _states()

        for person in data.get("persons") or []:
            named = _Named(person["canonical"], "person", person.get("country"), person.get("affiliation"))
            for alias in [person["canonical"], *person.get("aliases", [])]:
                self._add(alias, named)
        for org in data.get("organisations") or []:
            named = _Named(org["canonical"], org["kind"], org.get("country"))
            for alias in [org["canonical"], *org.get("aliases", [])]:
                self._add(alias, named)

        countries = data.get("countries") or {}
        self.adjectives: dict[str, str] = {}
        self.people_nouns: dict[str, str] = {}
        for code, entry in countries.items():
            named = states[code]
            for name in entry.get("names", []):
                self._add(name, named)
            for adjective in entry.get("adjectives", []):
                for ending in ["", *adjective_endings]:
                    self.adjectives.setdefault(fold(adjective) + ending, code)
            for noun in entry.get("people", []):
                self.people_nouns.setdefault(fold(noun), code)

        settings = data.get("pycountry") or {}
        exclude = {fold(n) for n in settings.get("exclude", [])}
        sources: list[dict[str, list[str]]] = []
        if settings.get("locale"):
            translation = gettext.translation(
                "iso3166-1", pycountry.LOCALES_DIR, languages=[settings["locale"]], fallback=True
            )
            sources.append({c.alpha_2: [translation.gettext(c.name)] for c in pycountry.countries})
        if settings.get("english", True):
            sources.append(
                {
                    c.alpha_2: [
                        n
                        for n in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None))
                        if n
                    ]
                    for c in pycountry.countries
                }
            )
        for source in sources:
            shorts: dict[str, set[str]] = {}
            for code, names in source.items():
                for short in _short_forms(names):
                    shorts.setdefault(_key(short), set()).add(code)
            for code, names in source.items():
                candidates = names + [s for s in _short_forms(names) if len(shorts[_key(s)]) == 1]
                for name in candidates:
                    key = _key(name)
                    if key not in exclude and key not in self.names:
                        self._add(name, states[code])

        self.roles: dict[str, _Role] = {}
        self.compound_roles: dict[str, _Role] = {}
        for entry in data.get("roles") or []:
            role = _Role(
                entry["canonical"],
                entry["kind"],
                title=bool(entry.get("title", False)),
                self_=bool(entry.get("self", False)),
                standalone=bool(entry.get("standalone", True)),
                compound=bool(entry.get("compound", True)),
            )
            keys = [
                _key(f) for f in ([entry["lemma"]] if entry.get("lemma") else []) + entry.get("forms", [])
            ]
            for key in keys:
                self.roles.setdefault(key, role)
                if self.compounds and role.compound and " " not in key and len(key) >= self.compound_min:
                    self.compound_roles.setdefault(key, role)

        self.fuzzy_choices: dict[str, tuple[str, _Named]] = {}
        for key, entries in self.folded.items():
            if len(key) >= FUZZY_MIN_LENGTH:
                self.fuzzy_choices.setdefault(key, entries[0])
        self.fuzzy_keys = list(self.fuzzy_choices)

    def _add(self, alias: str, named: _Named) -> None:
        alias = _clean(alias)
        key = _key(alias)
        if not key:
            return
        self.names.setdefault(key, []).append((alias, named))
        self.folded.setdefault(_fold(key), []).append((alias, named))

    # ---- words ---------------------------------------------------------------------------------------------

    def exact_name(self, surface: str) -> _Named | None:
        key = _key(surface)
        for table, k in ((self.names, key), (self.folded, _fold(key))):
            for alias, named in table.get(k, ()):
                if _case_ok(surface, alias):
                    return named
        return None

    def name(self, surface: str) -> tuple[_Named, bool] | None:
        """A known name, or a genitive of one: (entry, genitive)."""
        named = self.exact_name(surface)
        if named:
            return named, False
        for suffix in self.genitive:
            base = surface[: -len(suffix)]
            if surface.endswith(suffix) and len(base) >= 2:
                named = self.exact_name(base)
                if named:
                    return named, True
        return None

    def fuzzy_name(self, surface: str) -> tuple[_Named, float] | None:
        key = _fold(_key(surface))
        if len(key) < FUZZY_MIN_LENGTH or not surface[:1].isupper() or any(c.isdigit() for c in key):
            return None
        best = process.extractOne(key, self.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best is None:
            return None
        alias, named = self.fuzzy_choices[best[0]]
        if not _case_ok(surface, alias):
            return None
        return named, float(best[1])

    def _noun_candidates(self, key: str) -> list[tuple[str, str, bool]]:
        """(candidate lemma, ending stripped, genitive) for a noun key."""
        bases = [(key, False)]
        for suffix in self.genitive:
            if key.endswith(suffix) and len(key) > len(suffix) + 2:
                bases.append((key[: -len(suffix)], True))
        out = [(b, "", g) for b, g in bases]
        for base, genitive in bases:
            for ending in self.noun_endings:
                if base.endswith(ending) and len(base) - len(ending) >= 2:
                    out.append((base[: -len(ending)], ending, genitive))
        return out

    def role(self, surface: str, lemma: str | None = None) -> tuple[_Role, str | None, bool] | None:
        """A role noun: (role, compound prefix as written or None, genitive)."""
        key = _key(surface)
        candidates = self._noun_candidates(key)
        if lemma:
            candidates.insert(0, (_key(lemma), "", False))
        for candidate, _ending, genitive in candidates:
            if candidate in self.roles:
                return self.roles[candidate], None, genitive
        if " " in key:
            return None
        for candidate, _ending, genitive in candidates:
            for i in range(3, len(candidate) - self.compound_min + 1):
                role = self.compound_roles.get(candidate[i:])
                if role:
                    prefix = surface[:i] if key.startswith(candidate[:i]) else None
                    return role, prefix, genitive
        return None

    def people(self, surface: str) -> tuple[str, bool] | None:
        """A people noun: (country code, definite plural)."""
        key = _key(surface)
        candidates = self._noun_candidates(key)
        for candidate, ending, _genitive in candidates[1:] + candidates[:1]:
            code = self.people_nouns.get(candidate)
            if code:
                return code, ending in self.state_endings
        return None

    def adjective(self, surface: str) -> str | None:
        return self.adjectives.get(_key(surface))

    # ---- phrases -------------------------------------------------------------------------------------------

    def strip_lead(self, tokens: list[str]) -> tuple[list[str], list[str]]:
        i = 0
        while i < len(tokens) - 1 and (tokens[i].casefold() in self.lead or _DIGITS.match(tokens[i])):
            i += 1
        return tokens[:i], tokens[i:]

    def owners(self, tokens: list[str]) -> list[_Named]:
        """Actors named before a head: genitives and names (``EUs``, ``US``) and demonyms (``amerikansk``)."""
        found: list[_Named] = []
        i = 0
        while i < len(tokens):
            for j in range(min(len(tokens), i + 4), i, -1):
                hit = self.name(" ".join(tokens[i:j]))
                if hit:
                    found.append(hit[0])
                    i = j
                    break
            else:
                code = self.adjective(tokens[i])
                if code:
                    found.append(_states()[code])
                i += 1
        return found

    def coordinated(self, tokens: list[str]) -> list[list[str]]:
        parts: list[list[str]] = [[]]
        for token in tokens:
            bare = token.rstrip(",")
            if token.casefold() in self.conjunctions:
                parts.append([])
                continue
            if bare:
                parts[-1].append(bare)
            if token.endswith(","):
                parts.append([])
        return [p for p in parts if p]

    def pp_owners(self, tokens: list[str]) -> list[_Named]:
        found = []
        for part in self.coordinated(tokens):
            _, body = self.strip_lead(part)
            hit = self.name(" ".join(body))
            if hit:
                found.append(hit[0])
        return found

    def compound_owner(self, prefix: str) -> _Named | None:
        """A known name as the first part of a compound without hyphen, also before a linking letter."""
        for link in ("", *self.linking):
            base = prefix[: -len(link)] if link else prefix
            hit = self.name(base) if base and prefix.endswith(link) else None
            if hit:
                return hit[0]
        return None

    def namelike(self, token: str) -> bool:
        return token[:1].isupper() or token.split("-")[0].casefold() in self.particles

    def title(self, tokens: list[str]) -> tuple[_Role, _Named | None] | None:
        surface = " ".join(tokens)
        hit = self.role(surface)
        if hit and hit[0].title:
            return hit[0], self.compound_owner(hit[1]) if hit[1] else None
        if len(tokens) == 1 and "-" in surface.strip("-"):
            prefix, _, suffix = surface.rpartition("-")
            owner = self.name(prefix)
            hit = self.role(suffix) if owner else None
            if owner and hit and hit[0].title:
                return hit[0], owner[0]
        return None


@cache
def _lexicon(lang: str) -> _Lexicon:
    return _Lexicon(lang)


# ---- resolving -------------------------------------------------------------------------------------------


def _named_info(named: _Named, how: str = "alias", genitive: bool = False, score: float = 100.0) -> ActorInfo:
    return ActorInfo(
        canonical=named.canonical,
        kind=named.kind,
        country=named.country,
        affiliation=named.affiliation,
        how=how,
        genitive=genitive,
        score=score,
    )


def _role_info(
    role: _Role,
    owners: list[_Named],
    how: str = "role",
    genitive: bool = False,
    members: tuple[_Named, ...] = (),
) -> ActorInfo | None:
    owner = owners[-1] if owners else None
    if owner is None and len(members) == 1:
        owner = members[0]
    many = tuple(dict.fromkeys(m.canonical for m in members)) if len(members) > 1 else ()
    if role.self_ and owner is not None:
        return _named_info(owner, how=how, genitive=genitive)
    if owner is None and not many and not role.standalone:
        return None
    if owner is not None:
        canonical, country, affiliation = (
            f"{role.canonical} ({owner.canonical})",
            owner.country,
            owner.canonical,
        )
    elif many:
        countries = {m.country for m in members}
        canonical, affiliation = f"{role.canonical} ({', '.join(many)})", None
        country = countries.pop() if len(countries) == 1 else None
    else:
        canonical, country, affiliation = role.canonical, None, None
    return ActorInfo(
        canonical=canonical,
        kind=role.kind,
        country=country,
        affiliation=affiliation,
        role=role.canonical,
        members=many,
        how=how,
        genitive=genitive,
    )


def _title_name(lex: _Lexicon, body: list[str], person_only: bool) -> ActorInfo | None:
    """``[EUs] utenrikssjef Kaja Kallas``: a title, then only name words."""
    for j in range(len(body) - 1):
        for k in range(min(4, len(body) - 1 - j), 0, -1):
            rest = body[j + k :]
            if not all(lex.namelike(t) for t in rest) or not any(t[:1].isupper() for t in rest):
                continue
            hit = lex.title(body[j : j + k])
            if hit is None:
                continue
            role, prefix_owner = hit
            owners = lex.owners(body[:j]) + ([prefix_owner] if prefix_owner else [])
            owner = owners[-1] if owners else None
            name = " ".join(rest)
            known = lex.name(name)
            if known and known[0].kind != "person" and not person_only:
                # "talsmann Hamas": the title holder of a named organisation
                return _role_info(role, [known[0]], how="title", genitive=known[1])
            person = known[0] if known and known[0].kind == "person" else None
            return ActorInfo(
                canonical=person.canonical if person else name,
                kind="person",
                country=(owner.country if owner else None) or (person.country if person else None),
                affiliation=(owner.canonical if owner else None) or (person.affiliation if person else None),
                role=role.canonical,
                how="title",
                genitive=bool(known and known[1]),
            )
    return None


def _head(
    lex: _Lexicon, np: list[str], lead: list[str], lemma: str | None, pp: list[_Named], person_only: bool
) -> ActorInfo | None:
    n = len(np)
    for i in range(n):
        hit = lex.name(" ".join(np[i:]))
        if hit and (not person_only or hit[0].kind == "person"):
            return _named_info(hit[0], genitive=hit[1])
    if person_only:
        return None
    for i in range(max(0, n - 3), n):
        hit = lex.role(" ".join(np[i:]), lemma if i == n - 1 else None)
        if hit is None:
            continue
        role, prefix, genitive = hit
        owners = lex.owners(np[:i])
        named = lex.compound_owner(prefix) if prefix else None
        if named:
            owners.append(named)
        if len(pp) == 1:
            owners.append(pp[0])
        return _role_info(role, owners, genitive=genitive, members=tuple(pp) if len(pp) > 1 else ())
    last = np[-1]
    if "-" in last.strip("-"):
        prefix, _, suffix = last.rpartition("-")
        owner = lex.name(prefix)
        if owner:
            suffix_lemma = lemma.rpartition("-")[2] if lemma else None
            hit = lex.role(suffix, suffix_lemma)
            if hit:
                return _role_info(hit[0], [owner[0]], how="hyphen", genitive=hit[2])
    # a capitalised word after another is part of a name ("Ola Nordmann"), not a people noun
    people = None if n > 1 and last[:1].isupper() and np[-2][:1].isupper() else lex.people(last)
    if people:
        code, definite = people
        state = _states()[code]
        if definite or any(t.casefold() in lex.state_determiners for t in lead):
            return _named_info(state, how="people")
        return ActorInfo(
            canonical=f"nationals ({state.canonical})",
            kind="civilians",
            country=code,
            affiliation=state.canonical,
            role="nationals",
            how="people",
        )
    return None


def resolve_actor(
    text: str, lang: str, lemma: str | None = None, label: str | None = None
) -> ActorInfo | None:
    """The actor a noun phrase names, or None.

    ``lemma`` is the lemma of the phrase's head word when the caller has one (spaCy), ``label`` its entity label
    (``PER`` keeps it to persons: an unknown ``PER`` is a person named by its own words).
    """
    lex = _lexicon(lang)
    text = _clean(text)
    if not text:
        return None
    person_only = label == "PER"
    tokens = text.split()
    lead, body = lex.strip_lead(tokens)
    for phrase in dict.fromkeys((" ".join(tokens), " ".join(body))):
        hit = lex.name(phrase)
        if hit and (not person_only or hit[0].kind == "person"):
            return _named_info(hit[0], genitive=hit[1])
    info = _title_name(lex, body, person_only)
    if info:
        return info
    cut = next((i for i, t in enumerate(body) if i > 0 and t.casefold() in lex.prepositions), len(body))
    for i in range(cut):  # a role with a preposition in it: "Ministry of Defence"
        hit = lex.role(" ".join(body[i:])) if cut < len(body) and not person_only else None
        if hit:
            return _role_info(hit[0], lex.owners(body[:i]), genitive=hit[2])
    np, pp = body[:cut], lex.pp_owners(body[cut + 1 :])
    if len(lex.coordinated(np)) > 1:
        return None
    np = [t.rstrip(",") for t in np]
    info = _head(lex, np, lead, lemma, pp, person_only)
    if info:
        return info
    fuzzy = lex.fuzzy_name(" ".join(np))
    if fuzzy and (not person_only or fuzzy[0].kind == "person"):
        return _named_info(fuzzy[0], how="fuzzy", score=fuzzy[1])
    if person_only and all(lex.namelike(t) for t in np):
        return ActorInfo(canonical=" ".join(np), kind="person", how="label")
    return None


def genitive_endings(lang: str) -> tuple[str, ...]:
    """The endings that make a name genitive in ``lang`` (``actors.yaml`` grammar)."""
    return _lexicon(lang).genitive


def resolve_actors(text: str, lang: str, label: str | None = None) -> list[ActorInfo]:
    """All actors of a phrase: one, or each part of a coordination (``USA og Nato``, ``EU og verdenssamfunnet``).
    Parts that name no known actor are left out."""
    whole = resolve_actor(text, lang, label=label)
    if whole is not None:
        return [whole]
    lex = _lexicon(lang)
    parts = lex.coordinated(_clean(text).split())
    if len(parts) < 2:
        return []
    found = (resolve_actor(" ".join(part), lang, label=label) for part in parts)
    return [info for info in found if info is not None]


def to_actor(span: Span, lang: str, lemma: str | None = None, label: str | None = None) -> Actor:
    """The model's ``Actor`` for a span: resolved when known, else just the words."""
    info = resolve_actor(span.text, lang, lemma=lemma, label=label)
    return info.actor(span) if info else Actor(span=span)


def prefix_actor(word: str, lang: str) -> ActorInfo | None:
    """The known actor before the hyphen of a compound (``Taliban-offensiven`` -> Taliban), or None."""
    word = _clean(word)
    if "-" not in word.strip("-"):
        return None
    lex = _lexicon(lang)
    parts = word.split("-")
    for i in range(len(parts) - 1, 0, -1):
        hit = lex.name("-".join(parts[:i]))
        if hit:
            return _named_info(hit[0], how="hyphen")
    return None


def demonym_country(word: str, lang: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a demonym: an adjective (``afghanske``) or a people noun (``britene``)."""
    word = _clean(word)
    if not word:
        return None
    lex = _lexicon(lang)
    code = lex.adjective(word)
    if code:
        return code
    people = lex.people(word)
    return people[0] if people else None


def country_code(name: str, lang: str) -> str | None:
    """The ISO code of a country name in ``lang``, also genitive (``Russlands`` -> RU), or None."""
    name = _clean(name)
    hit = _lexicon(lang).name(name) if name else None
    return hit[0].country if hit and hit[0].kind == "state" else None
