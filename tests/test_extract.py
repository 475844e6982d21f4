"""Event extraction on real Norwegian sentences, the seed article end to end, and bad inputs.

These tests run the bundled Norwegian pipeline (no mocks): they assert what an analyst would read off the output.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.model import Article, Status
from sitrep.nlp import model_path
from sitrep.read import example_path, parse_published

pytestmark = pytest.mark.skipif(
    not (model_path("nb") / "config.cfg").exists(), reason="the bundled nb model is not in the package"
)

runner = CliRunner()


def extract(text: str, published: str = "2021-08-13"):
    from sitrep.pipeline import extract_article

    article = Article(id="t", text=text, language="nb", published=parse_published(published))
    return extract_article(article).events


def only(events, type_: str):
    found = [e for e in events if e.type == type_]
    assert found, f"no {type_} event in {[(e.type, e.trigger.text) for e in events]}"
    return found[0]


# --- roles -------------------------------------------------------------------------------------------------


def test_capture_with_agent_and_place():
    event = only(extract("Opprørerne erobret byen Gao i Mali tirsdag, melder Reuters."), "COERCE")
    assert event.mode == "seize"
    assert event.actor is not None and "Opprørerne" in event.actor.span.text
    assert event.place is not None and event.place.country == "ML"
    assert event.time is not None and event.time.interval.start == date(2021, 8, 10)


def test_town_falls_to_a_group_is_change_of_control_with_no_target():
    event = only(extract("Provinshovedstaden Herat falt torsdag til Taliban etter flere dager med harde kamper."), "COERCE")
    assert event.actor.canonical == "Taliban"
    assert event.target is None
    assert event.place.name.startswith("Her")
    assert event.acled == {"event_type": "Battles", "sub_event_type": "Non-state actor overtakes territory"}


def test_prices_falling_is_not_an_event():
    assert not [e for e in extract("Prisene falt kraftig i juli.") if e.type == "COERCE"]


def test_troops_sent_with_quantity_and_destination():
    event = only(extract("Tyskland sender 500 soldater til Litauen."), "MOBILIZE")
    assert event.actor.canonical == "Germany"
    assert event.place.country == "LT"
    assert [(q.value, q.unit, q.kind) for q in event.quantities] == [(500, "soldat", "troops")]


def test_coordinated_actors_are_co_actors():
    event = only(extract("USA og Storbritannia truet Iran med nye sanksjoner mandag."), "THREATEN")
    assert event.actor.canonical == "United States"
    assert [a.canonical for a in event.co_actors] == ["United Kingdom"]
    assert event.target.canonical == "Iran"


# --- attribution and status ----------------------------------------------------------------------------------


def test_claim_by_a_party_is_claimed():
    events = extract("Kilder sier at Kunduz falt onsdag. Taliban hevder at de har tatt over byen.")
    event = only(events, "COERCE")
    assert event.status == Status.CLAIMED
    assert event.actor.canonical == "Taliban"
    assert len(event.also_mentioned) == 1, "the claim is a second mention of the same capture"


def test_confirmation_and_denial():
    assert only(extract("Forsvarsdepartementet bekreftet at Kunduz var falt."), "COERCE").status == Status.CONFIRMED
    denied = only(extract("Regjeringen avviser at Kunduz har falt."), "COERCE")
    assert denied.status == Status.DENIED


def test_according_to_is_reported_with_its_source():
    event = only(extract("Ifølge AFP har opprørerne angrepet flyplassen i Kabul."), "ASSAULT")
    assert event.status == Status.REPORTED
    assert [s.span.text for s in event.sources] == ["AFP"]


def test_modal_is_predicted_and_condition_is_kept():
    event = only(extract("Hvis forhandlingene bryter sammen, kan opprørerne angripe hovedstaden."), "ASSAULT")
    assert event.status == Status.PREDICTED
    assert event.conditional and event.condition.text.startswith("Hvis")


def test_the_condition_of_a_threat_is_not_an_event():
    events = extract("EU truet Russland med sanksjoner om de angriper Ukraina.")
    assert [e.type for e in events] == ["THREATEN"]
    assert events[0].conditional


# --- time ----------------------------------------------------------------------------------------------------


def test_month_precise_publication_gives_an_honest_interval():
    event = only(extract("Kilder sier at Kunduz falt til Taliban torsdag kveld.", published="2021-08"), "COERCE")
    interval = event.time.interval
    assert interval.start <= date(2021, 8, 12) <= interval.end
    assert interval.days <= 35


def test_event_without_a_time_word_inherits_only_through_later():
    events = extract("Tidligere torsdag falt Herat. Senere ble det meldt at Ghazni er falt.")
    ghazni = next(e for e in events if e.place and e.place.name.startswith("Ghazn"))
    assert ghazni.time.interval.start == date(2021, 8, 12)
    assert ghazni.time.span.text.lower() == "senere"


# --- the seed article, end to end ----------------------------------------------------------------------------


@pytest.mark.parametrize("published", ["2021-08", "2021-08-13"])
def test_seed_against_gold(published):
    gold = example_path("000_7f168b0418e6a139.gold.json")
    result = runner.invoke(app, ["eval", "events", str(gold), "--published", published, "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    required = scores["required"]
    missed = [g["id"] for g in scores["gold_events"] if g["required"] and g["matched"] is None]
    assert required["recall"] == 1.0, missed
    assert scores["all"]["precision"] >= 0.85
    for field in ("place", "time", "status"):
        assert scores["fields"][field]["accuracy"] >= 0.9, (field, scores["fields"][field])


# --- bad input -----------------------------------------------------------------------------------------------


def test_bad_inputs_get_one_line_errors_and_the_rest_is_processed(tmp_path):
    good = tmp_path / "good.txt"
    body = "Opprørerne erobret byen Kunduz torsdag kveld, og regjeringen har ikke kommentert saken."
    good.write_text(f" date 2021-08-13 utenriks\n\n{body}\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03binary\x00")
    (tmp_path / "latin1.txt").write_bytes("Blåbærsyltetøy på Ålesund".encode("latin-1"))
    lines = [
        json.dumps({"id": "a1", "text": "Opprørerne angrep Goma mandag.", "published": "2021-08-13"}),
        "{broken json",
        json.dumps({"id": "a2", "text": "Rebels attacked the town of Goma on Monday, officials said.",
                    "published": "2021-08-13", "language": "sw"}),
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 1, "a failure anywhere sets the exit status"
    out = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert sorted(a["id"] for a in out if a["id"] == "a1") == ["a1"]
    assert any(a["path"].endswith("good.txt") for a in out)
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    for name in ("empty.txt", "binary.txt", "latin1.txt", "batch.jsonl:2", "batch.jsonl:3"):
        assert any(name in line for line in errors), (name, errors)
    assert len(errors) == 5


@pytest.mark.parametrize(
    "text",
    [
        "Valgkampen startet for alvor i august, og Høyre leder på målingene.",
        "Det var en krevende kamp for Rosenborg, som tapte 2-1 på Lerkendal søndag.",
    ],
)
def test_everyday_words_that_look_like_triggers_are_not_events(text):
    assert extract(text) == []


def test_a_compound_the_lexicon_excludes_is_no_event_of_its_head():
    # reacting to it may be an event (objecting is criticism), but a personal attack is no assault
    text = "Statsministeren reagerte på det hun kalte et personangrep fra opposisjonen."
    assert "ASSAULT" not in {e.type for e in extract(text)}


def test_a_bad_option_is_one_line_and_exit_2():
    result = runner.invoke(app, ["extract", str(example_path()), "--published", "2021-13"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == ["error --published: bad published value '2021-13': month must be in 1..12"]


def test_killing_in_an_airstrike_is_one_event_by_the_country_named_in_the_adjective():
    events = extract("Minst 15 mennesker ble drept i et israelsk luftangrep mot en skole i Gaza by natt til onsdag.")
    assert len(events) == 1
    event = events[0]
    assert (event.type, event.mode) == ("ASSAULT", "aerial")
    assert event.actor.canonical == "Israel"
    assert [(q.value, q.kind) for q in event.quantities] == [(15, "killed")]
    assert event.acled == {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}


def test_coordinated_verbs_share_their_subject_and_a_subject_is_no_place():
    events = extract("Iran fordømmer angrepene og truer med gjengjeldelse.")
    threat = only(events, "THREATEN")
    assert threat.actor.canonical == "Iran"
    assert all(e.place is None for e in events)


def test_a_bomb_and_its_dead_in_one_sentence_are_one_event():
    events = extract("En bilbombe eksploderte utenfor en moské i Kabul fredag, og minst ti mennesker ble drept.")
    assert len(events) == 1
    event = events[0]
    assert (event.type, event.mode) == ("ASSAULT", "explosives")
    assert event.place.country == "AF"
    assert event.time.interval.start == date(2021, 8, 13)
    assert [(q.value, q.kind) for q in event.quantities] == [(10, "killed")]


def test_a_denial_pointing_back_denies_the_claim_before_it():
    events = extract("Russiske styrker angrep byen Kharkiv natt til tirsdag, hevder ukrainske myndigheter. "
                     "Dette avvises av Russlands forsvarsdepartement.", "2024-03-05")
    assert [e.type for e in events] == ["ASSAULT"]  # "avvises" is no REJECT event of its own
    attack = events[0]
    assert attack.status == Status.DENIED
    assert [s.span.text for s in attack.sources] == ["ukrainske myndigheter", "Russlands forsvarsdepartement"]
    assert attack.target.span.text == "Kharkiv"  # "natt til tirsdag" is a time, not part of the target


def test_a_confirmation_pointing_back_confirms_the_sentence_before():
    events = extract("En mann ble drept i Bergen søndag. Det bekrefter politiet overfor NRK.", "2024-03-05")
    killing = only(events, "ASSAULT")
    assert killing.status == Status.CONFIRMED
    assert "politiet" in [s.span.text for s in killing.sources]


def test_a_rejection_with_nothing_before_it_stays_an_event():
    events = extract("Regjeringen i Oslo avviser kravet fra opposisjonen.", "2024-03-05")
    assert only(events, "REJECT").status == Status.ASSERTED


def test_a_meeting_place_is_the_locative_not_a_possessor():
    events = extract("Statsminister Jonas Gahr Støre møtte Ukrainas president Volodymyr Zelenskyj i Kyiv onsdag.",
                     "2024-05-15")
    meeting = only(events, "CONSULT")
    assert meeting.place.name == "Kyiv" and meeting.place.country == "UA"


def test_an_unknown_town_stays_unplaced_rather_than_matched_to_a_lookalike():
    events = extract("Opprørsgruppen M23 har tatt kontroll over byen Rubaya, melder Reuters.", "2024-05-15")
    seized = only(events, "COERCE")
    assert seized.place is None or seized.place.country == "CD"


def test_an_accusation_reports_the_accused_act():
    events = extract("Sudans hær anklager RSF-militsen for å ha angrepet en flyktningleir i Nord-Darfur i helgen.",
                     "2024-05-14")
    accuse = only(events, "ACCUSE")
    assert (accuse.actor.span.text, accuse.target.span.text) == ("Sudans hær", "RSF-militsen")
    attack = only(events, "ASSAULT")
    assert attack.actor.span.text == "RSF-militsen"  # the accused does what the infinitive says
    assert attack.status == Status.REPORTED and [s.span.text for s in attack.sources] == ["Sudans hær"]
    assert attack.place.name == "North Darfur" and attack.place.kind == "admin1"


def test_agreeing_is_an_agree_event():
    events = extract("Ukraina og Russland har blitt enige om å utveksle 200 krigsfanger, opplyser Tyrkias "
                     "utenriksdepartement.", "2024-05-14")
    agree = only(events, "AGREE")
    assert agree.actor.span.text == "Ukraina" and [a.span.text for a in agree.co_actors] == ["Russland"]
    assert agree.status == Status.REPORTED


def test_an_event_noun_after_a_preposition_does_not_take_the_clause_subject():
    events = extract("EU innfører nye sanksjoner mot Iran etter droneangrepene mot Israel.", "2024-05-14")
    assert only(events, "SANCTION").actor.span.text == "EU"
    assert only(events, "ASSAULT").actor is None  # the attacks are not the EU's


def test_a_killing_during_a_bombing_is_one_event_reported_by_the_sentence_source():
    events = extract("Minst 12 mennesker ble drept da israelske fly bombet en skole i Gaza by tirsdag, ifølge "
                     "helsemyndighetene i Gaza.", "2024-05-14")
    [attack] = [e for e in events if e.type == "ASSAULT"]
    assert attack.actor.span.text == "israelske fly" and attack.place.country == "PS"
    assert [(q.value, q.kind) for q in attack.quantities] == [(12, "killed")]
    assert attack.status == Status.REPORTED and attack.time.interval.start == date(2024, 5, 14)


def test_an_infinitive_happens_where_the_verb_it_completes_does():
    events = extract("Tusenvis av demonstranter samlet seg foran Stortinget i Oslo mandag for å protestere mot "
                     "regjeringens klimapolitikk.", "2024-05-14")
    assert only(events, "PROTEST").place.name == "Oslo"


def test_shot_and_killed_by_soldiers_shares_the_agent_the_count_and_the_report():
    events = extract("Tre palestinere ble skutt og drept av israelske soldater på Vestbredden onsdag, opplyser det "
                     "palestinske helsedepartementet.", "2024-06-03")
    [attack] = [e for e in events if e.type == "ASSAULT"]
    assert (attack.actor.span.text, attack.target.span.text) == ("israelske soldater", "Tre palestinere")
    assert [(q.value, q.kind) for q in attack.quantities] == [(3, "killed")]
    assert attack.status == Status.REPORTED and attack.place.name == "West Bank"


def test_a_confirmed_plan_is_still_predicted():
    events = extract("Norge vil sende ytterligere 1000 soldater til Litauen, bekrefter forsvarsministeren.",
                     "2024-06-03")
    assert only(events, "MOBILIZE").status == Status.PREDICTED


def test_a_charge_reports_the_act_without_making_the_accused_its_source():
    events = extract("Han er siktet for å ha organisert ulovlige demonstrasjoner.", "2024-06-03")
    protest = only(events, "PROTEST")
    assert protest.status == Status.REPORTED and protest.sources == []


def test_parties_that_are_agreed_agree():
    events = extract("Israel og Hamas er enige om en seks uker lang våpenhvile.", "2024-06-03")
    agree = only(events, "AGREE")
    assert agree.actor.span.text == "Israel" and [a.span.text for a in agree.co_actors] == ["Hamas"]


def test_shots_fired_at_a_patrol_are_an_attack_on_it():
    events = extract("Det ble avfyrt skudd mot en politipatrulje i Malmö søndag kveld.", "2024-09-10")
    attack = only(events, "ASSAULT")
    assert (attack.mode, attack.target.span.text, attack.place.country) == ("firearms", "en politipatrulje", "SE")


def test_a_stabbing_is_an_attack():
    events = extract("En mann er pågrepet etter en knivstikking i Bergen sentrum natt til tirsdag.", "2024-09-10")
    assert only(events, "ASSAULT").mode == "stabbing"
    assert only(events, "COERCE").mode == "arrest"


def test_the_strike_told_again_adds_its_place():
    events = extract("Flere tusen lærere streiket onsdag for høyere lønn. Streiken rammer over 200 skoler i Oslo.",
                     "2024-09-10")
    [strike] = [e for e in events if e.type == "PROTEST"]
    assert strike.place.name == "Oslo" and strike.time.interval.start == date(2024, 9, 4)


def test_a_warning_about_a_danger_is_no_threat():
    assert [e.type for e in extract("FN advarer om hungersnød i Sudan.", "2024-09-10")] == []


def test_the_dead_in_the_next_sentence_are_the_attacks_and_a_denied_claim_about_it_does_not_deny_it():
    events = extract(
        "Russland angrep natt til lørdag Ukrainas nest største by Kharkiv med missiler og droner. Minst 30 "
        "mennesker ble drept og over 100 såret, opplyser byens ordfører.\n\nRusslands forsvarsdepartement hevder "
        "at angrepet var rettet mot militære mål. Det avvises av Ukrainas president, som kaller angrepet en "
        "krigsforbrytelse.", "2024-05-26")
    [attack] = [e for e in events if e.type == "ASSAULT"]
    assert (attack.actor.span.text, attack.place.name) == ("Russland", "Kharkiv")
    assert (30, "killed") in [(q.value, q.kind) for q in attack.quantities]
    assert attack.status != Status.DENIED


@pytest.mark.parametrize(
    "text",
    [
        "Bergenserne angrep fra start, og Bård Finne scoret to mål.",  # a match
        "Høyre angriper regjeringen for å ha sviktet bøndene.",  # a party attacks in words
    ],
)
def test_attacks_in_sport_and_politics_are_not_events(text):
    assert [e.type for e in extract(text, "2024-09-10") if e.type == "ASSAULT"] == []


def test_irregular_past_forms_the_lemmatizer_missed_still_trigger():
    # "angrep" left as the noun's lemma, "inngikk" tagged a noun: both are past forms of listed verbs
    attack = only(extract("Den 5. mars angrep opprørere en militærbase nord for Goma.", "2024-03-15"), "ASSAULT")
    assert attack.actor.span.text == "opprørere" and attack.time.interval.start == date(2024, 3, 5)
    agree = only(extract("I januar 2023 inngikk partene en fredsavtale i Doha.", "2024-03-15"), "AGREE")
    assert agree.place.name == "Doha"


def test_irregular_verb_forms_with_prefixes():
    from sitrep.extract.triggers import lexicon

    lex = lexicon("nb")
    assert [lex.irregular(f) for f in ("angrep", "inngikk", "løslot", "tilbaketok", "tok", "huset")] == [
        "angripe", "inngå", "løslate", "tilbaketa", "ta", None]


@pytest.mark.parametrize(
    "text",
    [
        "En mann i 50-årene omkom i en trafikkulykke på E6 ved Hamar mandag kveld.",
        "Over 1000 mennesker er drept i jordskjelvet i Marokko, ifølge myndighetene.",
        "Tre soldater omkom da et helikopter styrtet i Nord-Irak tirsdag.",
    ],
)
def test_deaths_in_accidents_and_disasters_are_not_attacks(text):
    assert [e.type for e in extract(text, "2024-09-10")] == []


def test_deaths_in_an_airstrike_still_are():
    assert only(extract("Tre soldater ble drept i et luftangrep i Nord-Irak tirsdag.", "2024-09-10"), "ASSAULT")


@pytest.mark.parametrize(
    "text",
    [
        "Kari er enig.",  # one person agreeing is an opinion, not an agreement
        "Trærne skyter opp langs veien.",  # grow
        "La meg skyte inn at møtet var kort.",  # interject
        "Du kan se kampene i mye større detalj i det nye spillet.",  # matches in a game
        "Bandet sto for en maktdemonstrasjon på scenen.",  # a show of strength
        "Ministeren angriper kritikerne i et intervju med avisen.",  # words
        "Havnivået truer den gamle byen.",  # no one threatens
        "Hun ble såret av kommentarene.",  # feelings
    ],
)
def test_figurative_and_everyday_uses_are_not_events(text):
    assert [e.type for e in extract(text, "2024-09-10")] == []


def test_clashes_between_named_sides_and_threats_to_officers_are_events():
    assert only(extract("Det kom til sammenstøt mellom demonstranter og politi i Paris.", "2024-09-10"), "ASSAULT")
    threat = only(extract("Mannen truet betjentene med kniv.", "2024-09-10"), "THREATEN")
    assert threat.target.canonical == "police officers"


def test_a_threatened_attack_is_a_threat_not_an_attack():
    events = extract("Iran har tidligere truet med å angripe Israel.", "2024-09-10")
    assert [e.type for e in events] == ["THREATEN"] and events[0].actor.canonical == "Iran"


def test_bli_makes_a_passive_whatever_the_tagger_says():
    attack = only(extract("I natt ble en politistasjon i Oslo angrepet med brannbomber.", "2024-09-10"), "ASSAULT")
    assert attack.actor is None and attack.target.span.text == "en politistasjon"


def test_a_release_with_a_prefixed_irregular_participle():
    release = only(extract("Hamas har frigitt fire gisler, bekrefter Israels statsministerkontor.", "2024-09-10"),
                   "RETREAT")
    assert (release.mode, release.actor.span.text, release.status) == ("release", "Hamas", Status.CONFIRMED)


def test_a_place_the_gazetteer_does_not_know_leaves_the_place_empty_not_the_actors_home():
    attack = only(extract("Houthi-opprørerne i Jemen har angrepet et lasteskip ved Fjellheimen med droner.",
                          "2024-09-10"), "ASSAULT")
    assert attack.place is None


def test_a_sea_is_a_place():
    attack = only(extract("Houthi-opprørerne har angrepet et lasteskip i Rødehavet.", "2024-09-10"), "ASSAULT")
    assert attack.place.name == "Red Sea" and attack.place.kind == "region"


def test_missiles_fired_at_a_country_are_an_attack_on_it():
    attack = only(extract("Iran avfyrte tirsdag kveld rundt 180 ballistiske missiler mot Israel.", "2024-10-02"),
                  "ASSAULT")
    assert (attack.actor.canonical, attack.target.canonical, attack.mode) == ("Iran", "Israel", "heavy-weapons")


def test_the_more_specific_sense_wins():
    expel = only(extract("Norge utviser to russiske diplomater, melder UD.", "2024-10-02"), "SANCTION")
    assert expel.mode == "expel"
    hack = only(extract("En gruppe hackere har angrepet datasystemene til Stortinget.", "2024-10-02"), "COERCE")
    assert hack.mode == "cyber"


def test_storming_and_opening_fire():
    riot = only(extract("Demonstranter stormet parlamentet i Nairobi onsdag.", "2024-10-02"), "PROTEST")
    assert riot.mode == "riot"
    fire = only(extract("Politiet åpnet ild mot folkemengden.", "2024-10-02"), "ASSAULT")
    assert (fire.mode, fire.actor.canonical) == ("firearms", "police")


def test_the_attack_told_again_may_be_a_cyber_attack():
    events = extract("En gruppe hackere har angrepet datasystemene til Stortinget. Angrepet ble oppdaget mandag.",
                     "2024-10-02")
    assert [(e.type, e.mode) for e in events] == [("COERCE", "cyber")]


def test_the_sides_of_a_fight_and_a_planned_attack():
    fight = only(extract("Minst 20 mennesker ble drept i kamper mellom hæren og RSF i Khartoum søndag.", "2024-10-02"),
                 "ASSAULT")
    assert fight.actor.span.text == "hæren" and [a.span.text for a in fight.co_actors] == ["RSF"]
    events = extract("Politiet har pågrepet en mann som er mistenkt for å ha planlagt et terrorangrep.", "2024-10-02")
    assert [e.type for e in events] == ["COERCE"]


def test_the_speaker_after_a_parenthetical_verb_is_the_source():
    retreat = only(extract("Ukrainske styrker har trukket seg ut av Avdijivka, bekrefter den øverstkommanderende.",
                           "2024-10-02"), "RETREAT")
    assert [s.span.text for s in retreat.sources] == ["den øverstkommanderende"]


@pytest.mark.parametrize(
    "text",
    [
        "I brevet forteller lederen om sine planer om å sprenge Kreml.",
        "Gruppen planlegger å angripe flyplassen.",
    ],
)
def test_plans_are_not_events(text):
    assert [e.type for e in extract(text, "2024-10-02")] == []


def test_a_purpose_is_not_done_yet():
    events = extract("Gruppen angrep flyplassen for å ta kontroll.", "2024-10-02")
    assert [e.type for e in events] == ["ASSAULT"]


def test_riots_and_protests_as_nouns():
    riot = only(extract("Regjeringen erklærte unntakstilstand etter voldelige opptøyer i Dakar i helgen.", "2024-10-02"),
                "PROTEST")
    assert riot.mode == "riot"
    assert only(extract("Protestene i Teheran fortsatte natt til søndag.", "2024-10-02"), "PROTEST").mode == "demo"


def test_a_stabbing_with_a_compound_participle_and_a_murder():
    stab = only(extract("En 17 år gammel gutt ble knivstukket i Tromsø sentrum natt til lørdag.", "2024-10-02"),
                "ASSAULT")
    assert (stab.mode, stab.place.name) == ("stabbing", "Tromsø")
    assert stab.quantities == []  # an age is no count of the event
    murder = only(extract("En mann er siktet for drap etter at en kvinne ble funnet død i Oslo.", "2024-10-02"), "ASSAULT")
    assert murder.place.name == "Oslo"


def test_an_unknown_neighbourhood_is_placed_in_its_town():
    shooting = only(extract("Det var en skyteepisode på Grünerløkka i Oslo i natt.", "2024-10-02"), "ASSAULT")
    assert shooting.place.name == "Oslo"


def test_a_missile_launched_into_the_sea_is_no_attack():
    events = extract("Nord-Korea avfyrte torsdag en ballistisk rakett som landet i Japanhavet.", "2024-05-14")
    assert [e.type for e in events if e.type == "ASSAULT"] == []


def test_a_whole_article_written_for_the_tests():
    """A wire-style article (written for sitrep) on another war: the fall of a town, a retreat, the dead, a claim
    and its denial, a condemnation and a request."""
    from pathlib import Path

    text = (Path(__file__).parent / "data" / "nb_article_sudan.txt").read_text(encoding="utf-8")
    events = extract(text, "2024-10-27")
    by_type = {}
    for e in events:
        by_type.setdefault(e.type, []).append(e)
    seized, claimed = by_type["COERCE"]
    assert (seized.place.name, seized.status, [s.span.text for s in seized.sources]) == (
        "El Fasher", Status.REPORTED, ["AFP"])
    assert claimed.status == Status.DENIED and "Sudans hær" in [s.span.text for s in claimed.sources]
    [retreat] = by_type["RETREAT"]
    assert (retreat.actor.span.text, retreat.place.name) == ("regjeringsstyrkene", "El Fasher")
    assert retreat.time.interval.start == date(2024, 10, 26)
    [fighting] = by_type["ASSAULT"]
    assert (150, "killed") in [(q.value, q.kind) for q in fighting.quantities]
    assert {"ACCUSE", "REQUEST"} <= set(by_type)


def test_a_nynorsk_article_is_read_with_the_bokmal_pack():
    from sitrep.lang import pack_for
    from sitrep.pipeline import extract_article

    assert (pack_for("nb"), pack_for("nn"), pack_for("sv")) == ("nb", "nb", None)
    article = Article(id="nn1", text="Politiet har arrestert ein mann i Bergen.", language="nn",
                      published=parse_published("2024-10-02"))
    result = extract_article(article)
    assert result.article.language == "nn"  # the article keeps its own language
    assert [(e.type, e.place.name) for e in result.events] == [("COERCE", "Bergen")]


def test_the_other_side_of_talks_and_joint_work_is_the_target():
    talks = only(extract("Regjeringen vil forhandle med fagforeningene om lønn."), "CONSULT")
    assert talks.actor.span.text == "Regjeringen" and talks.target.span.text == "fagforeningene"
    work = only(extract("Norge samarbeider med Sverige om grensekontrollen."), "COOPERATE")
    assert work.target.span.text == "Sverige"


def test_a_threatened_attack_is_no_attack():
    assert [e.type for e in extract("Israel truet Hamas med nye angrep.")] == ["THREATEN"]


def test_a_heading_joins_the_event_told_under_it_or_stands_alone():
    told = extract("Politiet arresterte to menn\n\nPolitiet arresterte mandag to menn i Bergen etter ranet.",
                   "2024-10-02")
    arrests = [e for e in told if e.type == "COERCE"]
    assert len(arrests) == 1 and arrests[0].sentence.text.startswith("Politiet arresterte mandag")
    assert [m.sentence.text for m in arrests[0].also_mentioned] == ["Politiet arresterte to menn"]
    alone = extract("Regjeringen kritiserer Russland\n\nUtenriksministeren var i Brussel mandag.", "2024-10-02")
    assert [e.type for e in alone] == ["ACCUSE"]


@pytest.mark.parametrize(
    ("text", "actor"),
    [("Forsvareren krevde frifinnelse.", "defence counsel"), ("Forbundet krevde høyere lønn.", "union"),
     ("Kommunen krever svar fra staten.", "municipality"), ("En mann krevde pengene tilbake.", "man")],
)
def test_domestic_institutions_and_unnamed_people_are_actors(text, actor):
    assert [(e.type, e.actor.canonical) for e in extract(text)] == [("REQUEST", actor)]
