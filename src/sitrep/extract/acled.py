"""ACLED codes for sitrep events: event type / sub-event type from PLOVER, and actor "inter" codes.

The table is data (``sitrep/data/acled.yaml``: ACLED's six event types and 25 sub-event types, actor groups,
inter codes and ordered rules); this module only evaluates it.

- ``acled_category(event_type, mode, actor_kind, target_kind, contexts, fatalities)`` -> ``{"event_type",
  "sub_event_type"}`` or None (outside ACLED's scope: statements, diplomacy, sanctions, ...).
- ``acled_inter(kind, foreign=False)`` -> ACLED's inter code 1-8 for a sitrep actor kind, or None.
- ``acled_interaction(inter1, inter2)`` -> ACLED's two-digit interaction code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

_WHEN_KEYS = frozenset(
    {
        "type",
        "mode",
        "actor",
        "target",
        "actor_not",
        "target_not",
        "party",
        "contexts_any",
        "contexts_none",
        "fatalities_min",
        "actor_foreign",
    }
)


class AcledTableError(ValueError):
    """``data/acled.yaml`` does not hold together (an unknown key, type or sub-event type)."""


def _norm(kind: str | None) -> str | None:
    if kind is None:
        return None
    text = " ".join(str(kind).lower().replace("_", " ").replace("-", " ").split())
    return text or None


def _as_list(value: Any) -> list:
    return list(value) if isinstance(value, list | tuple) else [value]


@dataclass(frozen=True)
class _Rule:
    when: dict[str, Any]
    acled: tuple[str, str] | None


@dataclass(frozen=True)
class _Table:
    event_types: dict[str, tuple[str, ...]]
    groups: dict[str, frozenset[str]]
    inter: dict[str, int]
    inter_names: dict[int, str]
    foreign_state_code: int | None
    rules: tuple[_Rule, ...]


def _expand(names: Iterable[Any], groups: dict[str, list], seen: frozenset[str] = frozenset()) -> frozenset:
    """Group names (recursively) and kinds, normalised; None stays None ("no actor")."""
    out: set[str | None] = set()
    for name in names:
        if name is None:
            out.add(None)
            continue
        key = str(name)
        if key in groups and key not in seen:
            out |= _expand(groups[key], groups, seen | {key})
        else:
            out.add(_norm(key))
    return frozenset(out)


@cache
def _table() -> _Table:
    path = resources.files("sitrep").joinpath("data", "acled.yaml")
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    event_types = {str(t): tuple(str(s) for s in subs) for t, subs in raw["event_types"].items()}
    raw_groups = {str(g): list(kinds or ()) for g, kinds in (raw.get("actor_groups") or {}).items()}
    groups = {g: _expand(kinds, raw_groups, frozenset({g})) for g, kinds in raw_groups.items()}

    inter: dict[str, int] = {}
    names: dict[int, str] = {}
    for code, spec in (raw.get("inter_codes") or {}).items():
        names[int(code)] = str(spec["name"])
        for kind in spec.get("kinds") or ():
            if _norm(kind) in inter:
                raise AcledTableError(f"data/acled.yaml: actor kind {kind!r} has two inter codes")
            inter[_norm(kind)] = int(code)

    rules = []
    for number, rule in enumerate(raw.get("rules") or (), 1):
        when = dict(rule.get("when") or {})
        unknown = set(when) - _WHEN_KEYS
        if unknown:
            raise AcledTableError(f"data/acled.yaml rule {number}: unknown condition(s) {sorted(unknown)}")
        acled = rule.get("acled")
        if acled is not None:
            acled = (str(acled[0]), str(acled[1]))
            if acled[1] not in event_types.get(acled[0], ()):
                raise AcledTableError(
                    f"data/acled.yaml rule {number}: {acled} is not an ACLED sub-event type"
                )
        compiled: dict[str, Any] = {}
        for key, value in when.items():
            if key in ("actor", "target", "actor_not", "target_not", "party"):
                compiled[key] = _expand(_as_list(value), raw_groups)
            elif key in ("type", "mode", "contexts_any", "contexts_none"):
                compiled[key] = frozenset(None if v is None else str(v) for v in _as_list(value))
            elif key == "fatalities_min":
                compiled[key] = int(value)
            else:
                compiled[key] = bool(value)
        rules.append(_Rule(compiled, acled))
    foreign = raw.get("foreign_state_code")
    return _Table(event_types, groups, inter, names, None if foreign is None else int(foreign), tuple(rules))


def _holds(
    when: dict[str, Any],
    event_type: str,
    mode: str | None,
    actor: str | None,
    target: str | None,
    contexts: frozenset[str],
    fatalities: int | None,
    actor_foreign: bool | None,
) -> bool:
    for key, value in when.items():
        if key == "type":
            ok = event_type in value
        elif key == "mode":
            ok = mode in value
        elif key == "actor":
            ok = actor in value
        elif key == "target":
            ok = target in value
        elif key == "actor_not":
            ok = actor is None or actor not in value
        elif key == "target_not":
            ok = target is None or target not in value
        elif key == "party":
            ok = (actor is not None and actor in value) or (target is not None and target in value)
        elif key == "contexts_any":
            ok = bool(contexts & value)
        elif key == "contexts_none":
            ok = not contexts & value
        elif key == "fatalities_min":
            ok = fatalities is not None and fatalities >= value
        elif key == "actor_foreign":
            ok = actor_foreign is value
        else:  # pragma: no cover - rejected when the table is read
            ok = False
        if not ok:
            return False
    return True


def acled_category(
    event_type: str,
    mode: str | None,
    actor_kind: str | None,
    target_kind: str | None,
    contexts: Iterable[str] = (),
    fatalities: int | None = None,
    *,
    actor_foreign: bool | None = None,
) -> dict[str, str] | None:
    """ACLED's ``{"event_type", "sub_event_type"}`` for a PLOVER event, or None when ACLED does not code it.

    ``actor_kind`` / ``target_kind`` are sitrep actor kinds (``Actor.kind``: "state", "armed group", "military",
    "civilians", ...); ``fatalities`` the reported number killed (a ``killed`` quantity); ``actor_foreign``
    whether the actor's country differs from the place's (a foreign army taking a town is "Non-state actor
    overtakes territory" in ACLED's codebook).
    """
    table = _table()
    facts = (
        str(event_type).upper(),
        None if mode is None else str(mode),
        _norm(actor_kind),
        _norm(target_kind),
        frozenset(str(c) for c in contexts or ()),
        fatalities,
        actor_foreign,
    )
    for rule in table.rules:
        if _holds(rule.when, *facts):
            if rule.acled is None:
                return None
            return {"event_type": rule.acled[0], "sub_event_type": rule.acled[1]}
    return None


def acled_inter(kind: str | None, foreign: bool = False) -> int | None:
    """ACLED's inter code (1 State forces ... 8 External/Other forces) for an actor kind, or None.

    ``foreign``: the actor is a state's forces active outside their own country, which ACLED codes 8.
    """
    table = _table()
    code = table.inter.get(_norm(kind)) if kind is not None else None
    if code == 1 and foreign and table.foreign_state_code is not None:
        return table.foreign_state_code
    return code


def acled_interaction(inter1: int | None, inter2: int | None = None) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first (12, 27); one actor alone gives 10, 20, ..."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


def inter_names() -> dict[int, str]:
    """ACLED's inter codes and their names, as in the codebook."""
    return dict(_table().inter_names)


def event_types() -> dict[str, tuple[str, ...]]:
    """ACLED's event types and their sub-event types."""
    return dict(_table().event_types)


def actor_group(kind: str | None) -> list[str]:
    """The groups of ``data/acled.yaml`` an actor kind belongs to (``state``, ``armed``, ``civilians``, ...)."""
    norm = _norm(kind)
    return sorted(g for g, kinds in _table().groups.items() if norm is not None and norm in kinds)
