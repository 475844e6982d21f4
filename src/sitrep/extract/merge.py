"""One real event is one event per article: fold the mentions of the same event together.

Mentions merge when they have the same type and the same place (or, with no place on either side, the same
actor and target, or the same trigger word with no party against it), compatible times and the same modality (a
prediction is not the event it predicts).
"""

from __future__ import annotations

from sitrep.extract.events import EventMention
from sitrep.model import Event, OtherMention, Quantity, Status
from sitrep.stories import load_families

# how much a mention's status says about the event: the strongest evidence in the article wins
STATUS_STRENGTH = [
    Status.CONFIRMED, Status.DENIED, Status.ASSERTED, Status.CLAIMED, Status.REPORTED,
    Status.UNCONFIRMED, Status.PREDICTED, Status.CONDITIONAL,
]


def _place_key(event: Event) -> object:
    p = event.place
    if p is None:
        return None
    return p.geonameid or p.name.casefold()


def _party_key(event: Event) -> tuple:
    def key(actor):
        if actor is None:
            return None
        return actor.canonical or actor.span.text.casefold()

    return key(event.actor), key(event.target)


def _times_overlap(a: Event, b: Event) -> bool:
    if a.time is None or b.time is None or a.time.interval is None or b.time.interval is None:
        return True
    ia, ib = a.time.interval, b.time.interval
    a_end, b_end = ia.end or ib.start.max, ib.end or ia.start.max
    return ia.start <= b_end and ib.start <= a_end


def _nested(a: EventMention, b: EventMention) -> bool:
    """An event noun inside the other trigger's phrase: "ble drept i et luftangrep" tells one event (two verbs
    are two clauses: "oppfordrer X ..., og de ber Y ..." are two requests)."""
    if "NOUN" not in (a.head.pos_, b.head.pos_):
        return False
    return a.head.is_ancestor(b.head) or b.head.is_ancestor(a.head)


def _during(a: EventMention, b: EventMention) -> bool:
    """One trigger in a "da"-clause on the other's verb: "ble drept da flyene bombet skolen"."""
    return any(v.i == b.head.i for v in a.during) or any(v.i == a.head.i for v in b.during)


def same_event(a: EventMention, b: EventMention) -> bool:
    ea, eb = a.event, b.event
    if ea.type != eb.type or ea.negated != eb.negated:
        return False
    if _nested(a, b) or _during(a, b):
        return True
    if (ea.status == Status.PREDICTED) != (eb.status == Status.PREDICTED):
        return False
    if not _times_overlap(ea, eb):
        return False
    pa, pb = _place_key(ea), _place_key(eb)
    parties_agree = _parties_agree(ea, eb)
    if (pa is None) != (pb is None) and ea.sentence == eb.sentence:
        # "En bilbombe eksploderte i Kabul, og ti mennesker ble drept": one sentence, one place, one event
        return parties_agree
    if pa is not None and pb is not None:
        if pa != pb:
            return False
        # same place; different named actors (or targets) are different events
        return parties_agree
    if pa is None and pb is None:
        parties_a, parties_b = _party_key(ea), _party_key(eb)
        # the same parties, or the same word again with no party against it ("ble dømt ... Dommen ... dømt")
        return (parties_a == parties_b and any(parties_a)) or (parties_agree and _same_word(a, b))
    return False


def _same_word(a: EventMention, b: EventMention) -> bool:
    return a.head.lemma_.lower() == b.head.lemma_.lower()


def merge_mentions(mentions: list[EventMention]) -> list[EventMention]:
    """Greedy, in text order: each mention joins the first earlier event it matches; then each heading's mention
    joins the first event of its type told after it whose parties do not differ, or stands as an event of its own
    (a heading may tell what the text under it does not say again)."""
    groups = _merge_body([m for m in mentions if not m.in_heading])
    for mention in (m for m in mentions if m.in_heading):
        later = [g for g in groups if g[0].head.i > mention.head.i and _heads_the_same(mention, g[0])]
        if later:
            min(later, key=lambda g: g[0].head.i).append(mention)
        else:
            groups.append([mention])
    groups.sort(key=lambda g: g[0].head.i)
    return [_fold(group) for group in groups]


def _heads_the_same(heading: EventMention, told: EventMention) -> bool:
    a, b = heading.event, told.event
    return a.type == b.type and a.negated == b.negated and _parties_agree(a, b)


def _parties_agree(a: Event, b: Event) -> bool:
    """No party named on both sides differs."""
    return all(x is None or y is None or x == y for x, y in zip(_party_key(a), _party_key(b)))


def _merge_body(mentions: list[EventMention]) -> list[list[EventMention]]:
    groups: list[list[EventMention]] = []
    families = load_families()  # "angrepet" may name a cyber attack told before
    for mention in mentions:
        if refers_back(mention):
            ev = mention.event
            earlier = [g for g in groups if families.compatible(g[0].event.type, g[0].event.mode, ev.type, ev.mode)]
            if earlier and _place_fits(earlier[-1][0].event, mention.event):
                earlier[-1].append(mention)
                continue
        if _casualties_only(mention) and groups and _just_told(groups[-1], mention):
            # "X angrep byen. Minst 30 mennesker ble drept": the dead of the attack just told
            groups[-1].append(mention)
            continue
        for group in groups:
            if any(same_event(mention, other) for other in group):
                group.append(mention)
                break
        else:
            groups.append([mention])
    return groups


def refers_back(mention: EventMention) -> bool:
    """"angrepet", "Streiken rammer 200 skoler i Oslo": a definite event noun with no parties of its own names an
    event already told."""
    head, event = mention.head, mention.event
    return (
        head.pos_ == "NOUN"
        and "Def" in head.morph.get("Definite")
        and event.actor is None and event.target is None
    )


CASUALTY_KINDS = ("killed", "injured")


def _casualties_only(mention: EventMention) -> bool:
    """A count of dead or wounded with no one doing it and no place of its own."""
    event = mention.event
    return (event.actor is None and event.place is None and not event.co_actors
            and any(q.kind in CASUALTY_KINDS for q in event.quantities))


def _just_told(group: list[EventMention], mention: EventMention) -> bool:
    """The group's event is of the same type and was told in this sentence or the one before."""
    last = group[-1]
    if group[0].event.type != mention.event.type or not _times_overlap(group[0].event, mention.event):
        return False
    sentence = mention.head.sent
    previous = sentence.doc[sentence.start - 1].sent if sentence.start > 0 else sentence
    return last.head.sent.start in (sentence.start, previous.start)


def _place_fits(told: Event, again: Event) -> bool:
    """The place a reference back adds is new, or the one already told."""
    return again.place is None or told.place is None or _place_key(told) == _place_key(again)


def _fold(group: list[EventMention]) -> EventMention:
    """The first mention carries the event; the others lend the fields it lacks and their evidence."""
    first = group[0]
    event = first.event
    for other in group[1:]:
        o = other.event
        event.actor = event.actor if event.actor and event.actor.canonical else (o.actor or event.actor)
        event.co_actors = event.co_actors or o.co_actors
        event.mode = event.mode or o.mode
        event.target = event.target or o.target
        if event.place is None or (first.place_from_anaphor and o.place and not other.place_from_anaphor):
            event.place = o.place or event.place
        if not first.own_time and other.own_time:
            event.time = o.time
            first.own_time = True
        elif event.time is None:
            event.time = o.time
        event.sources = event.sources + [s for s in o.sources if s not in event.sources]
        event.quantities = _merge_quantities(event.quantities, o.quantities)
        event.conditional = event.conditional and o.conditional
        event.also_mentioned.append(OtherMention(o.trigger, o.sentence))
    # a mention that only names the event again ("fordømmer angrepet"), or a heading over the text that tells it,
    # says nothing of its status
    statuses = [m.event.status for m in group
                if not (refers_back(m) and m.event.status == Status.ASSERTED) and not (m.in_heading and m is not first)]
    statuses = statuses or [m.event.status for m in group]
    event.status = min(statuses, key=STATUS_STRENGTH.index)
    if event.status == Status.REPORTED and _reported_by_party(event):
        event.status = Status.CLAIMED
    event.confidence = _confidence(event, len(group))
    return first


VAGUE_KINDS = ("other", "people")


def _merge_quantities(ours: list[Quantity], theirs: list[Quantity]) -> list[Quantity]:
    """Our counts, each made specific where the other mention says what the same number counts ("tre ble skutt
    og drept": the three are killed)."""
    if not ours:
        return list(theirs)
    specific = {(q.value, q.unit): q for q in theirs if q.kind not in VAGUE_KINDS}
    return [specific.get((q.value, q.unit), q) if q.kind in VAGUE_KINDS else q for q in ours]


def _reported_by_party(event: Event) -> bool:
    parties = {a.canonical for a in (event.actor, event.target, *event.co_actors) if a and a.canonical}
    return any(s.canonical in parties for s in event.sources)


def _confidence(event: Event, mentions: int) -> float:
    """A rough, deterministic score: more filled roles and more mentions, more confidence."""
    filled = sum(x is not None for x in (event.actor, event.place, event.time)) + bool(event.sources)
    return min(0.95, 0.4 + 0.1 * filled + 0.05 * (mentions - 1))
