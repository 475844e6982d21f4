"""The event ontology: PLOVER's types and modes (openeventdata/PLOVER) and the statuses of a claim — what
extraction produces, what the corpus is annotated with and what queries accept."""

from __future__ import annotations

from sitrep.model import Status

TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "REJECT", "ACCUSE",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "OTHER",
)  # fmt: skip
MODES = {
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": (
        "seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold", "misinformation",
        "cyber",
    ),
    "ASSAULT": (
        "abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms", "explosives",
        "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control", "unconventional", "arson", "stabbing",
    ),
}  # fmt: skip
STATUSES = tuple(str(s) for s in Status)
STORY_STATUSES = (*STATUSES, "disputed")  # a story denied by one report and asserted by another


def all_modes() -> tuple[str, ...]:
    return tuple(sorted({m for modes in MODES.values() for m in modes}))
