"""The status one mention gives its event: what the attribution, modality and negation around it say.

``merge`` combines the mentions of one event and decides "claimed" (a report by a party to the event).
"""

from __future__ import annotations

from sitrep.extract.attribution import Attribution
from sitrep.model import Actor, Event, Source, Status

# which PLOVER types are speech acts: saying it is doing it, so "X sier de vil ..." is the event itself
SPEECH_ACTS = {"THREATEN", "REQUEST", "REJECT", "ACCUSE", "AGREE", "SUPPORT", "CONCEDE"}


def _same_party(source: Source, actor: Actor) -> bool:
    name = (actor.canonical or actor.span.text).casefold()
    return (source.span.start == actor.span.start or (source.canonical or "").casefold() == name
            or source.span.text.casefold() == name)


def mention_status(event: Event, attribution: Attribution) -> Status:
    """The status one mention gives its event; ``merge`` combines mentions and decides "claimed"."""
    reports = [r for r in attribution.reports]
    speech_act = event.type in SPEECH_ACTS
    if speech_act and event.actor is not None:
        # "X sier de vil ikke anerkjenne": the statement is the act; only other people's reports count
        reports = [r for r in reports if not any(_same_party(s, event.actor) for s in r.sources)]
    if event.negated:
        return Status.DENIED  # "Russland hevder at de ikke angriper sivile": the text says it did not happen
    if any(r.kind == "deny" for r in reports):
        return Status.DENIED
    if attribution.predicted and not speech_act:
        return Status.PREDICTED  # "vil sende 1000 soldater, bekrefter X": a confirmed plan has not happened yet
    for r in reports:
        if r.kind == "confirm":
            return Status.UNCONFIRMED if r.negated else Status.CONFIRMED
    if reports or attribution.reportative:
        return Status.REPORTED
    if attribution.hedged:
        return Status.UNCONFIRMED
    return Status.ASSERTED
