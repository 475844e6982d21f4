"""sitrep.extract.acled: PLOVER type/mode + actor kinds -> ACLED event / sub-event type, and inter codes."""

from __future__ import annotations

import pytest
import yaml

from sitrep.extract import acled as acled_module
from sitrep.extract.acled import (
    AcledTableError,
    acled_category,
    acled_inter,
    acled_interaction,
    actor_group,
    event_types,
    inter_names,
)


def cat(*args, **kwargs) -> tuple[str, str] | None:
    found = acled_category(*args, **kwargs)
    return None if found is None else (found["event_type"], found["sub_event_type"])


# ---- the taxonomy -------------------------------------------------------------------------------------------


def test_six_types_25_sub_types():
    types = event_types()
    assert list(types) == [
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    ]
    assert sum(len(subs) for subs in types.values()) == 25
    assert "Air/drone strike" in types["Explosions/Remote violence"]  # the codebook's spelling


def test_every_sub_type_is_reachable_or_documented():
    """Each of the 25 sub-event types is the result of at least one rule."""
    table = acled_module._table()
    produced = {rule.acled for rule in table.rules if rule.acled}
    expected = {(t, s) for t, subs in event_types().items() for s in subs}
    assert produced == expected


# ---- the seed article's events (gold acled fields) -----------------------------------------------------------


def test_town_falls_to_taliban():
    # kandahar-falls / herat-falls: COERCE/seize by an armed group
    assert cat("COERCE", "seize", "armed group", None, ["territory", "military"]) == (
        "Battles",
        "Non-state actor overtakes territory",
    )


def test_town_falls_actor_unnamed():
    # ghazni-falls / qala-i-naw-falls: "Ghazni var falt", no actor in the text
    assert cat("COERCE", "seize", None, None, ["territory", "military"]) == (
        "Battles",
        "Non-state actor overtakes territory",
    )


def test_siege_is_armed_clash():
    # mazar-siege: "beleiret og under angrep", ASSAULT without mode, military context, no actor
    assert cat("ASSAULT", None, None, None, ["military"]) == ("Battles", "Armed clash")
    assert cat("ASSAULT", None, "armed group", "military", []) == ("Battles", "Armed clash")


@pytest.mark.parametrize(
    "plover",
    [
        ("THREATEN", "relations", "igo", "armed group", []),  # EU threatens isolation
        ("REQUEST", "yield", "state", "armed group", []),  # envoys demand a stop
        ("REQUEST", "meet", "state", None, []),
        ("CONSULT", "multilateral", "state", None, ["diplomatic"]),  # talks in Qatar / Doha
        ("REJECT", None, "state", "government", ["diplomatic"]),
        ("SUPPORT", None, "state", "government", []),
        ("ACCUSE", "disapprove", "state", "state", []),
        ("SANCTION", None, "igo", "state", ["economic"]),
        ("AID", None, "state", None, ["humanitarian"]),
        ("RETREAT", None, None, None, ["asylum"]),  # Denmark halts deportations
        ("COERCE", "deport", "state", None, ["migration"]),
        ("PROTEST", "strike", None, None, []),
        ("PROTEST", "hunger", None, None, []),
    ],
)
def test_outside_acled(plover):
    assert acled_category(*plover) is None


# ---- the rules, by PLOVER type -------------------------------------------------------------------------------


def test_government_regains_territory():
    assert cat("COERCE", "seize", "military", "armed group", ["territory"]) == (
        "Battles",
        "Government regains territory",
    )


def test_foreign_state_overtakes_territory():
    # the codebook: a foreign state actor capturing territory is coded as "Non-state actor overtakes territory"
    assert cat("COERCE", "seize", "state", None, ["territory"], actor_foreign=True) == (
        "Battles",
        "Non-state actor overtakes territory",
    )


@pytest.mark.parametrize(
    "mode, expected",
    [
        ("aerial", ("Explosions/Remote violence", "Air/drone strike")),
        ("drone", ("Explosions/Remote violence", "Air/drone strike")),
        ("explosives", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("suicide-attack", ("Explosions/Remote violence", "Suicide bomb")),
        ("heavy-weapons", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        ("unconventional", ("Explosions/Remote violence", "Chemical weapon")),
        ("abduct", ("Violence against civilians", "Abduction/forced disappearance")),
        ("sexual", ("Violence against civilians", "Sexual violence")),
        ("torture", ("Violence against civilians", "Attack")),
        ("destroy", ("Strategic developments", "Looting/property destruction")),
    ],
)
def test_assault_modes(mode, expected):
    assert cat("ASSAULT", mode, "armed group", None, []) == expected


def test_remote_violence_against_civilians_stays_remote_violence():
    assert cat("ASSAULT", "aerial", "military", "civilians", []) == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )


def test_assault_on_civilians():
    assert cat("ASSAULT", "firearms", "armed group", "civilians", []) == (
        "Violence against civilians",
        "Attack",
    )
    assert cat("ASSAULT", None, "military", "civilian", []) == ("Violence against civilians", "Attack")


def test_grenade_by_context():
    assert cat("ASSAULT", "explosives", None, None, ["grenade"]) == ("Explosions/Remote violence", "Grenade")


def test_abduction_with_fatalities_is_an_attack():
    assert cat("ASSAULT", "abduct", "armed group", "civilians", [], fatalities=2) == (
        "Violence against civilians",
        "Attack",
    )
    assert cat("ASSAULT", "abduct", "armed group", "civilians", [], fatalities=0) == (
        "Violence against civilians",
        "Abduction/forced disappearance",
    )


def test_assault_without_anything_to_go_on():
    assert acled_category("ASSAULT", None, None, None, []) is None
    assert acled_category("ASSAULT", "firearms", "person", "person", []) is None


def test_protests():
    assert cat("PROTEST", "demo", "protesters", None, []) == ("Protests", "Peaceful protest")
    assert cat("PROTEST", "demo", "protesters", None, [], fatalities=3) == (
        "Protests",
        "Excessive force against protesters",
    )
    assert cat("PROTEST", "riot", "rioters", None, []) == ("Riots", "Violent demonstration")
    assert cat("PROTEST", "obstruct", "protesters", None, []) == ("Riots", "Violent demonstration")


def test_force_against_protesters():
    assert cat("ASSAULT", "crowd-control", "police", "protesters", []) == (
        "Protests",
        "Protest with intervention",
    )
    assert cat("ASSAULT", "firearms", "police", "protesters", [], fatalities=4) == (
        "Protests",
        "Excessive force against protesters",
    )
    assert cat("COERCE", "arrest", "police", "protesters", []) == ("Protests", "Protest with intervention")


def test_mob_violence():
    assert cat("ASSAULT", "beat", "mob", "civilians", []) == ("Riots", "Mob violence")


def test_arrests():
    assert cat("COERCE", "arrest", "police", "person", ["legal"]) == ("Strategic developments", "Arrests")
    assert cat("COERCE", "arrest", None, None, []) == ("Strategic developments", "Arrests")
    # arrests by a non-state group are abductions in the codebook
    assert cat("COERCE", "arrest", "armed group", "person", []) == (
        "Violence against civilians",
        "Abduction/forced disappearance",
    )


def test_strategic_developments():
    assert cat("AGREE", None, "government", "armed group", ["diplomatic"]) == (
        "Strategic developments",
        "Agreement",
    )
    assert cat("RETREAT", "ceasefire", "armed group", None, ["military"]) == (
        "Strategic developments",
        "Agreement",
    )
    assert cat("MOBILIZE", "troops", "state", None, ["military"]) == (
        "Strategic developments",
        "Change to group/activity",
    )
    assert cat("MOBILIZE", "troops", "armed group", None, ["base"]) == (
        "Strategic developments",
        "Headquarters or base established",
    )
    assert cat("RETREAT", "withdraw", "military", None, ["military"]) == (
        "Strategic developments",
        "Change to group/activity",
    )
    assert cat("COERCE", "seize", "armed group", None, ["weapons"]) == (
        "Strategic developments",
        "Disrupted weapons use",
    )
    assert cat("CONCEDE", None, "military", "armed group", ["territory"]) == (
        "Strategic developments",
        "Non-violent transfer of territory",
    )
    assert cat("COERCE", "seize", "military", None, ["coup"]) == ("Strategic developments", "Other")


def test_agreements_need_an_armed_party():
    assert acled_category("AGREE", None, "person", "political party", []) is None
    assert acled_category("AGREE", None, "state", "state", ["economic"]) is None  # a trade deal


def test_retreat_of_officials_is_not_coded():
    # kandahar-officials-flee: local authorities (government, not forces) flee - no military context
    assert acled_category("RETREAT", "withdraw", "government", None, []) is None


def test_kinds_are_normalised():
    assert cat("COERCE", "seize", "Armed_Group", None, ["territory"]) == cat(
        "COERCE", "seize", "armed group", None, ["territory"]
    )
    assert cat("assault", "aerial", None, None, []) == ("Explosions/Remote violence", "Air/drone strike")


# ---- inter codes -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind, code",
    [
        ("state", 1),
        ("military", 1),
        ("government", 1),
        ("police", 1),
        ("armed group", 2),
        ("rebels", 2),
        ("political militia", 3),
        ("identity militia", 4),
        ("rioters", 5),
        ("protesters", 6),
        ("civilians", 7),
        ("journalists", 7),
        ("media", 7),
        ("ngo", 7),
        ("intelligence", 1),
        ("judiciary", 1),
        ("international community", None),
        ("source", None),
        ("international organisation", 8),
        ("igo", 8),
        ("person", None),
        ("political party", None),
        (None, None),
        ("", None),
    ],
)
def test_inter_codes(kind, code):
    assert acled_inter(kind) == code


def test_foreign_state_forces_are_external():
    assert acled_inter("military", foreign=True) == 8
    assert acled_inter("armed group", foreign=True) == 2


def test_inter_names():
    names = inter_names()
    assert names[1] == "State forces" and names[8] == "External/Other forces" and len(names) == 8


def test_interaction():
    assert acled_interaction(2, 1) == 12
    assert acled_interaction(1, 7) == 17
    assert acled_interaction(6) == 60
    assert acled_interaction(None, None) is None


def test_actor_groups():
    assert actor_group("military") == ["combatants", "state"]
    assert actor_group("civilians") == ["civilians"]
    assert actor_group(None) == []


# ---- the table is checked when read ------------------------------------------------------------------------


def _with_table(monkeypatch, tmp_path, mutate):
    from importlib import resources

    raw = yaml.safe_load(resources.files("sitrep").joinpath("data", "acled.yaml").read_text(encoding="utf-8"))
    mutate(raw)
    path = tmp_path / "acled.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")

    class Root:
        def joinpath(self, *parts):
            return path

    monkeypatch.setattr(acled_module.resources, "files", lambda package: Root())
    acled_module._table.cache_clear()


def test_unknown_sub_type_is_rejected(monkeypatch, tmp_path):
    _with_table(
        monkeypatch,
        tmp_path,
        lambda raw: raw["rules"].append(
            {"when": {"type": "ASSAULT"}, "acled": ["Battles", "Air or drone strike"]}
        ),
    )
    try:
        with pytest.raises(AcledTableError, match="not an ACLED sub-event type"):
            acled_category("ASSAULT", None, None, None, [])
    finally:
        monkeypatch.undo()
        acled_module._table.cache_clear()


def test_unknown_condition_is_rejected(monkeypatch, tmp_path):
    _with_table(
        monkeypatch,
        tmp_path,
        lambda raw: raw["rules"].insert(0, {"when": {"type": "ASSAULT", "weapon": "knife"}, "acled": None}),
    )
    try:
        with pytest.raises(AcledTableError, match="unknown condition"):
            acled_category("ASSAULT", None, None, None, [])
    finally:
        monkeypatch.undo()
        acled_module._table.cache_clear()
