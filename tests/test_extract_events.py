"""Status events: arrests, deaths, power, from subjects, objects, passives and coordination."""

from pathlib import Path

import pytest

from extract_support import analyse, events_of, pipeline


def test_passive_arrest_happens_to_the_subject(tmp_path: Path) -> None:
    result = analyse("General Abass Dembele was arrested in Bamako on Sunday.", tmp_path)
    assert events_of(result, "Dembele", "arrested")


def test_coordinated_objects_are_all_detained(tmp_path: Path) -> None:
    result = analyse("The junta detained former Prime Ministers Moussa Mara and Choguel Maiga last week.",
                     tmp_path)
    assert events_of(result, "Mara", "detained")
    assert events_of(result, "Maiga", "detained")


def test_denied_arrest_has_denied_polarity_and_names_the_source(tmp_path: Path) -> None:
    result = analyse("Initial reports said General Abass Dembele was detained. However, a source close to "
                     "Dembele has denied his arrest, stating he is in good health.", tmp_path)
    denied = [e for e in events_of(result, "Dembele") if e.polarity == "denied"]
    assert denied
    assert "close to Dembele" in denied[0].source


def test_leading_the_junta_is_a_stated_role_event(tmp_path: Path) -> None:
    result = analyse("The military government led by General Asimi Goïta came to power through a pair of "
                     "coups in 2020 and 2021.", tmp_path)
    assert events_of(result, "Goïta", "leads")


def test_an_intended_act_is_not_an_event(tmp_path: Path) -> None:
    result = analyse("Soldiers were accused of conspiring to overthrow President Assimi Keita.", tmp_path)
    assert not events_of(result, "Keita", "ousted")


def test_an_accusation_is_the_accusers_claim_with_its_charge(tmp_path: Path) -> None:
    result = analyse("Anna Zielinska, counsel for the petitioners, accused Jan Kowalski of being deeply "
                     "involved in illegal practices.", tmp_path)
    [event] = events_of(result, "Kowalski", "accused")
    assert (event.source, event.certainty) == ("Anna Zielinska", "alleged")
    assert event.detail == "of being deeply involved in illegal practices"


def test_an_accusers_own_second_act_is_no_part_of_the_charge(tmp_path: Path) -> None:
    # The parser hangs "cut off" on "mounting"; a bare verb is no second gerund of the charge.
    result = analyse("But Vasko accused Ruritanian President Teodor Marek of mounting a coup and cut off "
                     "diplomatic ties with Ostburg in response.", tmp_path)
    [event] = events_of(result, "Marek", "accused")
    assert event.detail == "of mounting a coup"


def test_two_gerunds_are_both_the_charge(tmp_path: Path) -> None:
    result = analyse("Vasko accused Teodor Marek of rigging the vote and silencing the press.", tmp_path)
    [event] = events_of(result, "Marek", "accused")
    assert event.detail == "of rigging the vote and silencing the press"


def test_a_passive_accusation_is_its_agents_claim(tmp_path: Path) -> None:
    result = analyse("Jan Kowalski was accused of fraud by the opposition.", tmp_path)
    [event] = events_of(result, "Kowalski", "accused")
    assert (event.source, event.certainty, event.detail) == ("the opposition", "alleged", "of fraud")


def test_an_accuser_named_by_a_common_noun_opening_the_sentence_is_lower_case(tmp_path: Path) -> None:
    result = analyse("Prosecutors accused Jan Kowalski of fraud.", tmp_path)
    [event] = events_of(result, "Kowalski", "accused")
    assert (event.source, event.detail) == ("prosecutors", "of fraud")


def test_an_accusation_with_no_accuser_stays_the_articles(tmp_path: Path) -> None:
    result = analyse("Jan Kowalski is accused of fraud.", tmp_path)
    [event] = events_of(result, "Kowalski", "accused")
    assert (event.source, event.certainty) == ("the article", "stated")


def test_a_case_against_someone_is_the_claim_of_whoever_brings_it(tmp_path: Path) -> None:
    result = analyse("The case against Jan Kowalski is being brought by local Green party supporters.",
                     tmp_path)
    [event] = events_of(result, "Kowalski", "accused")
    assert (event.source, event.certainty) == ("local Green party supporters", "alleged")


def test_a_case_against_someone_with_no_one_bringing_it_is_the_articles(tmp_path: Path) -> None:
    result = analyse("The case against Jan Kowalski opened on Monday.", tmp_path)
    [event] = events_of(result, "Kowalski", "accused")
    assert (event.source, event.certainty) == ("the article", "stated")


def test_a_denial_joined_to_a_claim_is_the_deniers_not_part_of_the_claim(tmp_path: Path) -> None:
    result = analyse("Opposition aides say only the state could have done it, but the Kremlin denies any "
                     "involvement.", tmp_path)
    [event] = events_of(result, "Kremlin", "denies")
    assert (event.source, event.certainty) == ("the article", "stated")


def test_a_second_clause_joined_to_a_report_by_and_is_still_the_report(tmp_path: Path) -> None:
    result = analyse("Police said the rebels fled and two soldiers were injured.", tmp_path)
    [event] = events_of(result, "soldiers", "injured")
    assert (event.source, event.certainty) == ("police", "reported")


def test_what_a_claim_tells_is_denied_by_the_clause_that_denies_it(tmp_path: Path) -> None:
    result = analyse("The army claimed rebel leader Omar Diallo had been killed, but the rebels denied it.",
                     tmp_path)
    told = {(e.polarity, e.source) for e in events_of(result, "Diallo", "killed")}
    assert told == {("affirmed", "the army"), ("denied", "rebels")}


def test_issuing_denials_denies_what_the_claim_before_told(tmp_path: Path) -> None:
    result = analyse("The army has twice claimed rebel leader Omar Diallo had been killed, but the rebels "
                     "later issued video denials.", tmp_path)
    assert ("denied", "rebels") in {(e.polarity, e.source) for e in events_of(result, "Diallo", "killed")}


def test_a_state_in_a_condition_is_no_event(tmp_path: Path) -> None:
    result = analyse("Relatives feared that if the hostages weren't already dead, they soon would be.",
                     tmp_path)
    assert not events_of(result, "hostages", "killed")


def test_stopping_short_of_an_accusation_is_no_accusation(tmp_path: Path) -> None:
    result = analyse("The prime minister stopped short of accusing Jan Kowalski of fraud.", tmp_path)
    assert not events_of(result, "Kowalski", "accused")


def test_condemning_without_accusing_anyone_accuses_no_one(tmp_path: Path) -> None:
    result = analyse("The council condemned the fraud without accusing Jan Kowalski.", tmp_path)
    assert not events_of(result, "Kowalski", "accused")


def test_a_warning_that_someone_would_be_responsible_is_no_charge(tmp_path: Path) -> None:
    result = analyse("The ministry warned that Jan Kowalski would be responsible if the talks collapsed.",
                     tmp_path)
    assert not events_of(result, "Kowalski", "accused")


def test_a_warning_quoted_before_its_speaker_keeps_the_speakers_words_in_marks(tmp_path: Path) -> None:
    result = analyse('"Whatever the council decides, the roads stay shut: be ready," Jan Kowalski warned.',
                     tmp_path)
    [warning] = events_of(result, "Kowalski", "warned")
    assert warning.detail == '"Whatever the council decides, the roads stay shut: be ready"'


def test_a_long_quoted_warning_is_cut_and_marked_as_cut(tmp_path: Path) -> None:
    result = analyse('"Whatever the council decides on Monday, every road into the capital will stay shut '
                     'until the last of our demands is met," Jan Kowalski warned.', tmp_path)
    [warning] = events_of(result, "Kowalski", "warned")
    assert warning.detail.startswith('"Whatever the council decides') and warning.detail.endswith('..."')


def test_a_resignation_demanded_further_down_a_list_is_no_resignation(tmp_path: Path) -> None:
    result = analyse("Protesters are demanding Kowalski's freedom, the resignation of President Anna Nowak "
                     "and the immediate scheduling of general elections.", tmp_path)
    assert not events_of(result, "Nowak", "resigned")


def test_an_office_of_a_country_with_its_holder_named_beside_it_is_the_holder(tmp_path: Path) -> None:
    result = analyse("The president of Paraguay, Jan Kowalski, was arrested on Wednesday.", tmp_path)
    assert events_of(result, "Kowalski", "arrested")
    assert not events_of(result, "Paraguay", "arrested")


def test_he_in_a_clause_on_the_person_just_named_carries_to_the_next_sentence(tmp_path: Path) -> None:
    result = analyse("Piotr Zielinski, a mechanic from Gdansk, spent the morning in his garage. The protests "
                     "followed the dismissal of former mayor Jan Kowalski after he tried to close the "
                     "council. He was arrested on Friday.", tmp_path)
    assert events_of(result, "Kowalski", "arrested")
    assert not events_of(result, "Zielinski", "arrested")


def test_the_clause_that_frames_a_quotation_is_not_what_the_quotation_rejects(tmp_path: Path) -> None:
    result = analyse("The Canadian ambassador, Jan Kowalski, responded quickly, writing on Twitter: "
                     "\u201cCanada categorically rejects any unconstitutional act by the council.\u201d",
                     tmp_path)
    [rejection] = events_of(result, "Canada", "rejects")
    assert "ambassador" not in rejection.detail


def test_a_claim_told_before_its_speaker_without_marks_is_what_is_claimed(tmp_path: Path) -> None:
    result = analyse("The situation in the country poses a threat to peace in the region, the government of "
                     "Canada has claimed.", tmp_path)
    [claim] = events_of(result, "Canada", "claims")
    assert claim.detail.startswith("The situation in the country poses a threat")


@pytest.mark.parametrize("sentence", [
    "Jan Kowalski, who was held for a week after the protest, is now free to travel, his lawyer said.",
    "Jan Kowalski walked free from court on Monday.",
    "Jan Kowalski was set free on Monday.",
])
def test_being_set_free_is_a_release(tmp_path: Path, sentence: str) -> None:
    assert events_of(analyse(sentence, tmp_path), "Kowalski", "released")


def test_being_free_to_do_something_is_no_release(tmp_path: Path) -> None:
    result = analyse("Jan Kowalski is free to campaign across the country, the electoral board said.",
                     tmp_path)
    assert not events_of(result, "Kowalski", "released")


def test_him_after_a_doer_led_by_someone_is_the_person_named_before(tmp_path: Path) -> None:
    result = analyse("After the re-election of Jan Kowalski was announced, the army, led by General Piotr "
                     "Zielinski, overthrew him.", tmp_path)
    assert events_of(result, "Kowalski", "ousted")
    assert not events_of(result, "Zielinski", "ousted")


def test_him_after_critics_of_someone_is_that_someone(tmp_path: Path) -> None:
    result = analyse("Critics of Jan Kowalski accuse him of fabricating coup attempts.", tmp_path)
    assert events_of(result, "Kowalski", "accused")


def test_he_after_an_unnamed_officer_spoke_is_not_a_person_named_before(tmp_path: Path) -> None:
    result = analyse('He was first elected in 2009 following the death of his father, Piotr Kowalski, who '
                     'had ruled the country for 41 years.\n\n"Today, the country is going through a serious '
                     'institutional, political and social crisis," the officer said on television.\n\nHe '
                     'said the recent election "did not meet the conditions for a transparent, credible and '
                     'inclusive ballot so much hoped for by the people."', tmp_path)
    assert not events_of(result, "Kowalski", "says")


@pytest.mark.parametrize("sentence", [
    "Piotr Kowalski ruled the country from 1967 until his death in 2009.",
    "Piotr Kowalski died in 2009.",
    "Piotr Kowalski was found dead in his home.",
])
def test_a_death_with_no_killing_told_is_a_death_not_a_killing(tmp_path: Path, sentence: str) -> None:
    events = events_of(analyse(sentence, tmp_path), "Piotr Kowalski")
    deaths = [e.event for e in events if e.event != "in power"]
    assert deaths == ["dead"]


def test_a_killing_stays_a_killing(tmp_path: Path) -> None:
    assert events_of(analyse("Gunmen killed Piotr Kowalski in his home.", tmp_path), "Kowalski", "killed")


def test_a_weekday_after_said_is_not_part_of_what_was_said(tmp_path: Path) -> None:
    result = analyse("Jan Kowalski said Tuesday the armed group was ready to hand over its heavy weapons.",
                     tmp_path)
    [statement] = events_of(result, "Kowalski", "says")
    assert statement.detail == '"the armed group was ready to hand over its heavy weapons"'


def test_them_as_the_object_of_a_groups_verb_is_not_that_group(tmp_path: Path) -> None:
    result = analyse("Masked gunmen briefly took over the television station on Tuesday, before police "
                     "arrested them and freed the staff.", tmp_path)
    assert not events_of(result, "police", "arrested")


@pytest.mark.parametrize("sentence", [
    "The army seized power, citing fraud in the election held last November.",
    "The army arrested Jan Kowalski and seized power claiming fraud in last November's election.",
])
def test_a_date_that_belongs_to_the_reason_given_does_not_date_the_event(tmp_path: Path,
                                                                         sentence: str) -> None:
    result = analyse(f"Title: Coup\nDate: 2031-03-16\n\n{sentence}", tmp_path)
    [seizure] = events_of(result, "army", "seized power")
    assert (seizure.when, seizure.background) == ("", False)


def test_a_dated_subject_still_dates_the_event(tmp_path: Path) -> None:
    result = analyse("Title: Clashes\nDate: 2031-03-16\n\nThe monitor said Wednesday's fighting killed at "
                     "least 28 government troops.", tmp_path)
    [killing] = [e for e in result.events if e.event == "killed"]
    assert killing.when == "2031-03-12"


def test_a_killing_in_an_after_clause_of_a_dated_clause_is_no_later_than_that_date(tmp_path: Path) -> None:
    result = analyse("Title: Vote\nDate: 2031-07-20\n\nThat has happened only once before, when then-prime "
                     "minister Jan Kowalski was chosen by parliament uncontested in 1993 after former "
                     "president Piotr Zielinski, father of the current opposition leader, was assassinated.",
                     tmp_path)
    [killing] = events_of(result, "Zielinski", "killed")
    assert (killing.when, killing.background) == ("1993", True)


def test_a_when_clause_on_a_dated_clause_takes_its_date(tmp_path: Path) -> None:
    result = analyse("Title: Coup\nDate: 2031-09-30\n\nThe captain took over the country on 24 January 2031, "
                     "when he overthrew President Jan Kowalski.", tmp_path)
    [ouster] = events_of(result, "Kowalski", "ousted")
    assert (ouster.when, ouster.background) == ("2031-01-24", True)


def test_a_relative_clause_on_the_person_does_not_date_the_event(tmp_path: Path) -> None:
    result = analyse("Title: Coup\nDate: 2031-09-30\n\nMedia reported that Jan Kowalski, the leader of an "
                     "interim government who himself came to power through a coup in January, was ousted by "
                     "a group of soldiers.", tmp_path)
    [ouster] = events_of(result, "Kowalski", "ousted")
    assert (ouster.when, ouster.background) == ("", False)


def test_seats_captured_in_an_election_are_no_seizure(tmp_path: Path) -> None:
    result = analyse("Jan Kowalski captured 396 out of 476 seats in the two houses of parliament.", tmp_path)
    assert not events_of(result, "Kowalski", "seized")


@pytest.mark.parametrize("sentence", [
    "Truce efforts have failed since fighting broke out between the army led by General Jan Kowalski and "
    "the paramilitary RSF commanded by his rival, Piotr Zielinski.",
    "The medical union put the blame for the rising number of casualties on the ongoing fighting between "
    "the Sudanese army, headed by General Jan Kowalski and the Rapid Support Forces (RSF), headed by his "
    "rival General Mohamed Salah Dagher, also known as 'Hemedti'.",
])
def test_the_other_side_of_a_war_between_two_forces_does_not_lead_the_first(tmp_path: Path,
                                                                            sentence: str) -> None:
    result = analyse(sentence, tmp_path)
    leads = {(e.actor, e.detail) for e in result.events if e.event == "leads"}
    assert leads and leads <= {("Jan Kowalski", "Sudanese army"), ("Jan Kowalski", "the army")}


def test_two_countries_leading_a_coalition_both_lead_it(tmp_path: Path) -> None:
    result = analyse("The coalition, led by Saudi Arabia and the United Arab Emirates, launched air strikes.",
                     tmp_path)
    assert {e.actor for e in result.events if e.event == "leads"} == {"Saudi Arabia", "United Arab Emirates"}


def test_an_accusation_in_a_sentence_others_report_is_the_accusers_claim(tmp_path: Path) -> None:
    result = analyse("The military government accused Jan Kowalski on Thursday of accepting illegal "
                     "payments, while eight people were killed when troops fired on protesters, witnesses "
                     "said.", tmp_path)
    [accusation] = events_of(result, "Kowalski", "accused")
    assert accusation.certainty == "alleged" and accusation.source != "witnesses"


def test_his_opening_a_sentence_is_not_a_man_named_in_passing_before(tmp_path: Path) -> None:
    result = analyse("Jan Kowalski, a close ally of the founding president Piotr Zielinski, was sacked from "
                     "his post this week. His detention came as the spokesman said Zielinski was in the "
                     "capital.", tmp_path)
    assert not events_of(result, "Zielinski", "detained")


def test_he_after_an_unnamed_associate_spoke_is_not_the_man_the_associate_spoke_of(tmp_path: Path) -> None:
    result = analyse("The associate said the plan was for Jan Kowalski to be arrested, not killed. He said "
                     "Piotr Zielinski would not have taken part if he knew the plan.", tmp_path)
    assert not events_of(result, "Kowalski", "says")


def test_an_event_told_as_known_inside_a_hedged_clause_is_no_hedged_event(tmp_path: Path) -> None:
    result = analyse("Associates suggested he was duped by those really behind the assassination of "
                     "President Jan Kowalski in an attack last week.", tmp_path)
    [killing] = events_of(result, "Kowalski", "killed")
    assert (killing.certainty, killing.source) == ("stated", "the article")


def test_an_alleged_killing_stays_alleged(tmp_path: Path) -> None:
    result = analyse("Police said the alleged killing of Jan Kowalski was under investigation.", tmp_path)
    [killing] = events_of(result, "Kowalski", "killed")
    assert killing.certainty == "alleged"


def test_a_resignation_effective_later_is_a_resignation_to_come(tmp_path: Path) -> None:
    result = analyse("Jan Kowalski, the embattled prime minister, announced his resignation late on Monday, "
                     "effective after the appointment of a transition team.", tmp_path)
    assert not events_of(result, "Kowalski", "resigned")
    [plan] = events_of(result, "Kowalski", "plans")
    assert plan.detail.startswith("to resign effective after the appointment")


def test_an_announced_resignation_with_no_later_date_is_a_resignation(tmp_path: Path) -> None:
    assert events_of(analyse("Jan Kowalski announced his resignation on Monday.", tmp_path), "Kowalski",
                     "resigned")


def test_accusations_a_speaker_protests_are_no_charge_of_the_speakers(tmp_path: Path) -> None:
    result = analyse("The foreign ministry said it had protested unfounded accusations against Jan "
                     "Kowalski.", tmp_path)
    assert not events_of(result, "Kowalski", "accused")


def test_a_possessors_accusations_are_the_possessors_claim(tmp_path: Path) -> None:
    result = analyse("Anna Zielinska's accusations against Jan Kowalski angered the council.", tmp_path)
    [event] = events_of(result, "Kowalski", "accused")
    assert (event.source, event.certainty) == ("Anna Zielinska", "alleged")
    assert not events_of(result, "Zielinska", "accused")


def test_who_makes_allegations_is_the_accuser(tmp_path: Path) -> None:
    result = analyse("The opposition made allegations against Jan Kowalski on Monday.", tmp_path)
    [event] = events_of(result, "Kowalski", "accused")
    assert (event.source, event.certainty) == ("the opposition", "alleged")


def test_a_demand_joined_to_what_the_speaker_reports_in_another_tense_is_the_speakers(
        tmp_path: Path) -> None:
    result = analyse("The army said that the rebels were violating the truce and demanded that they "
                     "withdraw.", tmp_path)
    assert [e.actor for e in result.events if e.event == "demands"] == ["the army"]


def test_what_sides_agreed_is_the_clause_they_agreed_on_not_a_name_in_it(tmp_path: Path) -> None:
    result = analyse("Peru and Chile have agreed that their troops should 'quickly disengage' troops from "
                     "the disputed ridge.", tmp_path)
    [event] = events_of(result, "Peru", "agreed")
    assert event.detail.startswith("that their troops should")


def test_what_someone_said_cut_before_its_verb_is_not_their_statement(tmp_path: Path) -> None:
    result = analyse("Robin Ashdown said the minister's admission that his answer was not a summary of the "
                     "advice suggested Parliament had been misled.", tmp_path)
    assert not [e for e in events_of(result, "Ashdown", "says") if "admission" in e.detail]


def test_a_possessive_mark_opens_no_quotation() -> None:
    from sitrep.extract.events import _quoted

    doc = pipeline()("The Organisation for the Prohibition of Chemical Weapons' (OPCW's) team had "
                     "'independently collected samples from the patient', the director said.")
    assert _quoted(doc[:]) == "independently collected samples from the patient"


_RETOLD = ("Title: Schoolgirls\nDate: 2031-10-17\n\nThe army said on Friday it had agreed a truce with "
           "the rebels.\n\nSome 200 girls were seized from their school in the town of Oru on the night "
           "of April 14.\n\n")


def test_a_vow_told_as_later_than_a_dated_past_is_backstory(tmp_path: Path) -> None:
    result = analyse(_RETOLD + "Forty escaped and rebel leader Ivan Drago later vowed to sell the rest.",
                     tmp_path)
    [event] = events_of(result, "Drago", "plans")
    assert event.prior and event.background


def test_a_vow_told_in_the_past_perfect_is_backstory(tmp_path: Path) -> None:
    result = analyse("Title: Talks\nDate: 2031-10-17\n\nRebel leader Ivan Drago had vowed to sell the "
                     "hostages.", tmp_path)
    [event] = events_of(result, "Drago", "plans")
    assert event.prior and event.background


def test_later_after_no_old_date_is_the_storys_own(tmp_path: Path) -> None:
    text = ("Title: Talks\nDate: 2031-10-17\n\nThe talks opened on Thursday.\n\n"
            "Rebel leader Ivan Drago later vowed to free the hostages.")
    [event] = events_of(analyse(text, tmp_path), "Drago", "plans")
    assert not event.prior and not event.background


def test_a_captions_reduced_passive_is_done_to_its_subject(tmp_path: Path) -> None:
    result = analyse("Jan Kowalski surrounded by rebels in the hills - the trader was with friends before "
                     "the attack", tmp_path)
    assert not events_of(result, "Kowalski", "surrounded")
    assert events_of(result, "rebels", "surrounded")


def test_a_captions_reduced_passive_detains_its_subject(tmp_path: Path) -> None:
    result = analyse("Jan Kowalski detained by police in Warsaw - the trader was with friends before the "
                     "raid", tmp_path)
    assert events_of(result, "Kowalski", "detained")


def test_negation_in_the_writers_voice_is_a_plain_not(tmp_path: Path) -> None:
    result = analyse("The rebels had not yet threatened the regional capitals of Kidal, Timbuktu and Gao.",
                     tmp_path)
    [event] = events_of(result, "rebels", "threatened")
    assert event.polarity == "denied"
    assert event.source == "the article"


def test_statement_keeps_what_was_said(tmp_path: Path) -> None:
    result = analyse('Tony Blair said his statement had been a "fair summary" of the advice.', tmp_path)
    [said] = events_of(result, "Blair", "says")
    assert "fair summary" in said.detail


def test_not_saying_is_not_a_statement(tmp_path: Path) -> None:
    result = analyse("President Macky Sall has not said whether he will seek a third term.", tmp_path)
    assert not events_of(result, "Sall", "says")


def test_under_arrest_is_detention_of_the_subject(tmp_path: Path) -> None:
    result = analyse("His lawyer said Ousmane Sonko was under arrest at his home in Dakar.", tmp_path)
    [event] = events_of(result, "Sonko", "arrested")
    assert event.certainty == "reported"


def test_son_of_a_president_is_not_the_president(tmp_path: Path) -> None:
    result = analyse("The junta has detained the son of ousted President Mohamed Bazoum.", tmp_path)
    assert not events_of(result, "Bazoum", "detained")


def test_the_movement_refers_to_the_armed_group_named_before(tmp_path: Path) -> None:
    text = ('The ambush was blamed on the Coordination of Azawad Movements (CMA). A CMA leader told AFP '
            'the rebel movement had "ambushed the Malian military".')
    assert events_of(analyse(text, tmp_path), "CMA", "attacked")


def test_insisting_on_a_past_event_reports_it(tmp_path: Path) -> None:
    result = analyse("The interior minister insisted that Colonel Idris Makeba had been arrested on Sunday.",
                     tmp_path)
    arrests = events_of(result, "Makeba", "arrested")
    assert arrests and arrests[0].certainty == "reported"


def test_insisting_that_someone_be_released_is_a_demand(tmp_path: Path) -> None:
    result = analyse("The opposition insisted that Colonel Idris Makeba be released at once.", tmp_path)
    assert not events_of(result, "Makeba", "released")


def test_a_speaker_after_the_speech_verb_owns_the_claim(tmp_path: Path) -> None:
    result = analyse("Colonel Idris Makeba had been arrested at his home on Sunday, insisted a senior "
                     "diplomat in the capital on Monday.", tmp_path)
    arrests = events_of(result, "Makeba", "arrested")
    assert arrests and arrests[0].source == "a senior diplomat"


def test_holding_a_place_is_control_not_detention(tmp_path: Path) -> None:
    result = analyse("The army said it still holds the airport.", tmp_path)
    assert [e.event for e in result.events if e.actor == "the army"] == ["controls"]


def test_remaining_the_head_of_a_body_is_leading_it(tmp_path: Path) -> None:
    result = analyse("Colonel Idris Makeba said he remained the head of the army.", tmp_path)
    [lead] = events_of(result, "Makeba", "leads")
    assert lead.detail == "the army"


def test_a_groups_members_killed_are_not_the_group_killed(tmp_path: Path) -> None:
    result = analyse("Eight soldiers and 107 Kalar Front militants have been killed in fighting in the "
                     "north, the defence ministry said.", tmp_path)
    [killed] = events_of(result, "Kalar Front", "killed")
    assert killed.fact == "107 of its militants killed"


def test_the_group_that_abducted_people_kidnapped_them(tmp_path: Path) -> None:
    result = analyse("Kalar Front militants abducted more than 200 schoolgirls from their school in April.",
                     tmp_path)
    [kidnap] = events_of(result, "Kalar Front", "kidnapped")
    assert kidnap.detail.startswith("more than 200 schoolgirls")


def test_a_country_said_to_abduct_is_not_a_kidnapper_group(tmp_path: Path) -> None:
    result = analyse("Officials said Belarus abducted two Lithuanian border guards on Monday.", tmp_path)
    assert not events_of(result, "Belarus", "kidnapped")


def test_taking_control_of_a_city_is_seizing_it_not_power(tmp_path: Path) -> None:
    result = analyse("The rebels took full control of the city of Kalma on Thursday.", tmp_path)
    assert [e.event for e in result.events if e.actor == "rebels"] == ["seized"]


def test_taking_control_of_a_country_is_taking_power(tmp_path: Path) -> None:
    result = analyse("Mutinous soldiers said they had seized control of Mali on Thursday.", tmp_path)
    assert "seized power" in [e.event for e in result.events]


def test_vowing_to_act_is_a_plan_of_the_one_who_vows(tmp_path: Path) -> None:
    result = analyse("Rebel leader Idris Makeba vowed to sell the captured trucks.", tmp_path)
    [plan] = events_of(result, "Makeba", "plans")
    assert plan.detail == "to sell the captured trucks"


@pytest.mark.parametrize(("text", "actor", "event", "detail"), [
    # never on a word that carries no meaning ("captured by")
    ("Rebel leader Idris Makeba said he would 'sell on the market' more than 270 young female prisoners "
     "captured by his fighters last month.",
     "Makeba", "plans", "to sell on the market more than 270 young female prisoners captured"),
    # never inside a clause it cannot finish, which goes from its first word ("even as")
    ("Rebel leader Idris Makeba vowed yesterday to take control of the capital as senior officers and "
     "ministers of the old government fled across the border.",
     "Makeba", "plans", "to take control of the capital"),
    ("Army spokesman Karl Brandt said that Ruritania had provoked the incident with the border patrol even "
     "as ground commanders were holding talks.",
     "Brandt", "says", '"that Ruritania had provoked the incident with the border patrol"'),
    # nor on a clause's verb whose object was cut off ("as officers seek")
    ("Interior minister Karl Brandt said that eight men were still being held under anti-terrorism laws as "
     "officers seek the other attackers.",
     "Brandt", "says", '"that eight men were still being held under anti-terrorism laws"'),
])
def test_a_detail_cut_at_its_word_limit_ends_on_whole_words_of_sense(tmp_path: Path, text: str, actor: str,
                                                                      event: str, detail: str) -> None:
    [found] = events_of(analyse(text, tmp_path), actor, event)
    assert found.detail == detail


def test_a_quotation_inside_a_statement_takes_single_marks(tmp_path: Path) -> None:
    result = analyse('Antiquities chief Mamoun Karim said that the attack on the museum was "revenge on the '
                     'whole nation".', tmp_path)
    [says] = events_of(result, "Karim", "says")
    assert says.detail == "\"that the attack on the museum was 'revenge on the whole nation'\""


@pytest.mark.parametrize("text", [
    'Opposition leader Karl Brandt said: "When the police arrived there, in the middle of the night, they '
    'found nothing."',  # a subordinate clause without its main one
    'Judge Anna Petrova said: "What you are saying is, these men were running a forgery."',  # hanging on "is"
    'Foreign minister Anna Petrova said: "The West often says, without proof, that we did it."',  # on "says"
])
def test_words_cut_from_a_quotation_that_say_nothing_alone_are_no_statement(tmp_path: Path,
                                                                           text: str) -> None:
    assert not [e for e in analyse(text, tmp_path).events if e.event == "says"]


def test_a_whole_quotation_is_still_a_statement(tmp_path: Path) -> None:
    result = analyse('Opposition leader Karl Brandt said: "The police found nothing at the house."', tmp_path)
    [says] = events_of(result, "Brandt", "says")
    assert says.detail == '"The police found nothing at the house"'


def test_plans_from_the_government_forces_are_the_armys(tmp_path: Path) -> None:
    result = analyse("The governor confirmed that there were plans from the government forces to launch a "
                     "counterattack.", tmp_path)
    [plan] = [e for e in result.events if e.event == "plans"]
    assert plan.actor == "the army" and plan.source == "governor"


def test_not_planning_to_resign_is_no_plan(tmp_path: Path) -> None:
    result = analyse("President Idris Makeba did not plan to resign.", tmp_path)
    assert not events_of(result, "Makeba", "plans")


def test_a_statement_saying_they_would_act_is_the_issuers_plan(tmp_path: Path) -> None:
    result = analyse("The governments of Malaysia and Indonesia issued a statement saying they would offer "
                     "the migrants temporary shelter.", tmp_path)
    plans = {e.actor: e for e in result.events if e.event == "plans"}
    assert set(plans) == {"Malaysia", "Indonesia"}
    assert plans["Malaysia"].detail.startswith("to offer the migrants temporary shelter")


def test_a_past_act_joined_to_a_pledge_is_no_part_of_the_plan(tmp_path: Path) -> None:
    result = analyse("President Teodor Vasko stated that he will continue to protect the constitution and "
                     "urged his compatriots to unite around that responsibility.", tmp_path)
    details = [e.detail for e in events_of(result, "Vasko", "plans")]
    assert not [d for d in details if "urge" in d]


def test_a_statement_that_did_not_say_so_is_no_plan(tmp_path: Path) -> None:
    result = analyse("The statement did not say that Thailand would join the rescue of the migrants.",
                     tmp_path)
    assert not [e for e in result.events if e.event == "plans"]


def test_saying_it_would_be_difficult_is_no_plan(tmp_path: Path) -> None:
    result = analyse("The Thai foreign minister said the talks would be difficult.", tmp_path)
    assert not [e for e in result.events if e.event == "plans"]


def test_on_the_run_is_where_someone_is(tmp_path: Path) -> None:
    result = analyse("General Abass Dembele remains on the run, officials said.", tmp_path)
    [run] = events_of(result, "Dembele", "on the run")
    assert run.certainty == "reported"


def test_the_run_up_to_an_election_is_no_flight(tmp_path: Path) -> None:
    result = analyse("General Abass Dembele said prices rose in the run-up to the election.", tmp_path)
    assert not events_of(result, "Dembele", "on the run")


def test_many_of_them_still_unaccounted_for_are_missing(tmp_path: Path) -> None:
    result = analyse("As many as 30 hostages were taken by the gunmen, with many of them still unaccounted "
                     "for.",
                     tmp_path)
    assert events_of(result, "hostages", "missing")


def test_them_with_two_groups_before_it_is_nobody(tmp_path: Path) -> None:
    result = analyse("Thirty hostages and ten soldiers were taken by the gunmen, with many of them still "
                     "unaccounted for.", tmp_path)
    assert not [e for e in result.events if e.event == "missing"]


def test_a_conference_to_be_hosted_by_a_country_is_its_plan(tmp_path: Path) -> None:
    result = analyse("Myanmar may attend a conference to be hosted by Thailand on May 29.", tmp_path)
    [plan] = events_of(result, "Thailand", "plans")
    assert plan.detail.startswith("to host a conference")


def test_saying_everyone_would_welcome_something_is_no_plan(tmp_path: Path) -> None:
    result = analyse("Kremlin spokesman Dmitry Peskov said that everyone would welcome the opposition "
                     "leader's recovery.", tmp_path)
    assert not [e for e in result.events if e.event == "plans"]


def test_each_group_in_a_list_keeps_its_own_count(tmp_path: Path) -> None:
    result = analyse("The monitor said the fighting killed at least 28 government troops and about 20 "
                     "Kalar Front fighters.", tmp_path)
    [army] = events_of(result, "the army", "killed")
    assert army.detail == "(at least 28)"


def test_a_vow_in_the_writers_voice_is_still_the_vowers_own_claim(tmp_path: Path) -> None:
    result = analyse("Rebel leader Idris Makeba vowed to sell the captured trucks.", tmp_path)
    [plan] = events_of(result, "Makeba", "plans")
    assert plan.certainty == "reported" and plan.source == "Idris Makeba"


def test_a_plans_future_date_is_not_last_years_history(tmp_path: Path) -> None:
    result = analyse("Title: Talks\nDate: 2031-05-18\n\nMyanmar may attend a conference to be hosted by "
                     "Thailand on May 29.", tmp_path, headline=False)
    [plan] = events_of(result, "Thailand", "plans")
    assert plan.when == "" and not plan.background and "May 29" in plan.detail


def test_a_pledge_to_help_them_names_who_they_are(tmp_path: Path) -> None:
    result = analyse("The governments of Chad and Niger issued a statement saying they would continue to "
                     "provide assistance to those 7,000 migrants still at sea and offer them temporary "
                     "shelter.", tmp_path)
    [plan] = events_of(result, "Chad", "plans")
    assert plan.detail == "to offer the migrants temporary shelter"


def test_being_sworn_in_is_taking_office_as_what_the_oath_names(tmp_path: Path) -> None:
    result = analyse("Colonel Arvid Moresco was sworn in as transitional head of state on Wednesday.",
                     tmp_path)
    [event] = events_of(result, "Moresco", "sworn in")
    assert event.detail == "as transitional head of state"


def test_swearing_by_god_in_a_threat_is_no_oath_of_office(tmp_path: Path) -> None:
    result = analyse("'I swear to almighty God, you will not see them again,' rebel leader Tomas Vell said.",
                     tmp_path)
    assert not [e for e in result.events if e.event == "sworn in"]


_PRESIDENT_BRANDT = "President Karl Brandt opened the summit in Lusk on Monday.\n\n"


def test_the_office_one_named_person_holds_is_that_person(tmp_path: Path) -> None:
    text = _PRESIDENT_BRANDT + "The president was sworn in for a second term on Tuesday."
    assert events_of(analyse(text, tmp_path), "Brandt", "sworn in")


def test_another_countrys_office_is_not_the_named_holder_of_the_plain_one(tmp_path: Path) -> None:
    text = _PRESIDENT_BRANDT + "The Ruritanian president was sworn in for a second term on Tuesday."
    assert not events_of(analyse(text, tmp_path), "Brandt")


def test_the_former_holder_of_an_office_is_not_its_holder_now(tmp_path: Path) -> None:
    text = _PRESIDENT_BRANDT + "The former president was arrested in Lusk on Tuesday."
    assert not events_of(analyse(text, tmp_path), "Brandt")


def test_the_office_is_not_a_person_named_only_as_its_former_holder(tmp_path: Path) -> None:
    text = ("Former President Karl Brandt opened the summit in Lusk on Monday.\n\n"
            "The president was arrested in Lusk on Tuesday.")
    assert not events_of(analyse(text, tmp_path), "Brandt", "arrested")


def test_a_named_office_holders_wife_is_not_the_office_holder(tmp_path: Path) -> None:
    text = _PRESIDENT_BRANDT + "The president's wife was arrested in Lusk on Tuesday."
    assert not events_of(analyse(text, tmp_path), "Brandt")


def test_a_phrase_that_names_its_person_is_that_person_whatever_its_office(tmp_path: Path) -> None:
    text = "The former governor Ousmane Diallo was arrested at the airport on Friday."
    assert events_of(analyse(text, tmp_path), "Diallo", "arrested")


def test_the_office_of_an_unnamed_body_is_still_the_office(tmp_path: Path) -> None:
    text = ("The group is led by its leader Musa Idris, who appeared in the video.\n\n"
            "'You will not see them again,' the leader of the rebel movement threatened.")
    assert events_of(analyse(text, tmp_path), "Idris", "threatened")


def test_a_name_before_a_noun_is_no_person_the_noun_stands_for(tmp_path: Path) -> None:
    text = ("Opposition leader Karl Brandt was jailed last year.\n\n"
            "The Brandt case threatens to cause fresh tensions at the court.")
    assert not [e for e in events_of(analyse(text, tmp_path), "Brandt") if e.event != "jailed"]


def test_an_office_described_by_a_relative_clause_is_still_the_office(tmp_path: Path) -> None:
    text = ("Governor Kashim Yusuf visited Chibok on Monday.\n\n"
            "The governor of the region, who visited the town today, said that parents had been ignored.")
    assert events_of(analyse(text, tmp_path), "Yusuf", "says")


def test_what_a_group_seized_is_told_with_where(tmp_path: Path) -> None:
    result = analyse("Elsewhere in the country, the rebels have seized more territory in the northern "
                     "province of Varnas, activists say.", tmp_path)
    [event] = events_of(result, "rebels", "seized")
    assert event.detail == "more territory in the northern province of Varnas"


def test_an_event_on_two_named_people_names_both(tmp_path: Path) -> None:
    events = analyse("The book says Lord Oskar Vell met then Defence Minister Tavo Rennik and palace adviser "
                     "Baroness Ulla Merrow on 3 May.", tmp_path).events
    met = [e for e in events if e.event == "met"]
    assert met and "Tavo Rennik" in met[0].detail and "Ulla Merrow" in met[0].detail


def test_a_detainee_allowed_to_leave_is_released(tmp_path: Path) -> None:
    events = analyse("The deposed president Ilario Ndaló was allowed to leave for Lusenia on Friday.",
                     tmp_path).events
    [freed] = [e for e in events if e.event == "released"]
    assert "Ndaló" in freed.actor and freed.polarity == "affirmed" and "leave for Lusenia" in freed.detail


def test_letting_others_leave_or_refusing_leave_frees_nobody(tmp_path: Path) -> None:
    events = analyse("The army allowed journalists to leave the building. General Tavo Rennik was not "
                     "allowed to leave the country.", tmp_path).events
    assert not [e for e in events if e.event == "released"]


def test_a_he_in_an_opening_clause_is_the_person_named_after_it(tmp_path: Path) -> None:
    result = analyse("Interior minister Pol Varga spoke to reporters on Monday. As he was being detained "
                     "Colonel Ossian Marek told reporters that the president had betrayed him.", tmp_path)
    assert events_of(result, "Marek", "detained")
    assert not events_of(result, "Varga", "detained")


def test_a_he_in_an_opening_clause_is_not_a_person_named_as_an_object(tmp_path: Path) -> None:
    result = analyse("Interior minister Pol Varga spoke to reporters on Monday. When he arrived, the police "
                     "detained Colonel Ossian Marek.", tmp_path)
    assert not events_of(result, "Varga", "detained")


def test_a_he_in_an_opening_clause_without_a_comma_is_the_person_after_it(tmp_path: Path) -> None:
    result = analyse("General Ossian Marek led the revolt on Wednesday. Defence minister Pol Varga later "
                     "told a news conference the army was under control. As he was being arrested Marek "
                     "alleged – without providing evidence – that he was acting on the president's orders.",
                     tmp_path)
    assert events_of(result, "Marek", "arrested")
    assert not events_of(result, "Varga", "arrested")


def test_a_phrase_set_off_by_a_comma_after_a_verb_is_not_its_object() -> None:
    # The parse the small model gave a long opening phrase: "... State kidnapped recently, the
    # Defence Headquarters, on Thursday, vowed ...", the subject of "vowed" read as the object.
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from sitrep.extract.events import _set_apart

    words = ["State", "kidnapped", "recently", ",", "the", "Headquarters", ",", "vowed", "."]
    heads = [1, 1, 1, 1, 5, 1, 1, 1, 1]
    deps = ["nsubj", "ROOT", "advmod", "punct", "det", "dobj", "punct", "conj", "punct"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps)
    assert _set_apart(doc[1], doc[5])
    plain = Doc(Vocab(), words=["Gunmen", "kidnapped", "the", "students", "."], heads=[1, 1, 3, 1, 1],
                deps=["nsubj", "ROOT", "det", "dobj", "punct"])
    assert not _set_apart(plain[1], plain[3])


def test_an_outcome_told_in_reported_past_perfect_is_the_articles_news(tmp_path: Path) -> None:
    events = analyse("The army said Colonel Ossian Marek had been freed.", tmp_path).events
    [freed] = [e for e in events if e.event == "released"]
    assert not freed.prior


def test_a_state_told_in_reported_past_perfect_is_still_before_the_article(tmp_path: Path) -> None:
    events = analyse("Colonel Ossian Marek said he had been detained for a week.", tmp_path).events
    [held] = [e for e in events if e.event == "detained"]
    assert held.prior


def test_an_outcome_claimed_repeatedly_before_is_not_the_articles_news(tmp_path: Path) -> None:
    events = analyse("The army has twice claimed that Colonel Ossian Marek had been killed.", tmp_path).events
    [killed] = [e for e in events if e.event == "killed"]
    assert killed.prior


def test_facing_charges_is_being_charged_with_them(tmp_path: Path) -> None:
    result = analyse("General Ossian Marek led the revolt on Wednesday. Marek and two senior officers now "
                     "face charges of terrorism and armed rebellion.", tmp_path)
    [charged] = events_of(result, "Marek", "charged")
    assert charged.detail == "with terrorism and armed rebellion"


def test_being_in_charge_is_no_charge(tmp_path: Path) -> None:
    assert not events_of(analyse("Colonel Tavo Rennik was in charge of the operation.", tmp_path),
                         "Rennik", "charged")


def test_the_killing_of_a_member_of_a_party_is_no_killing_of_the_party(tmp_path: Path) -> None:
    result = analyse("Residents mourned the killing of a teacher and a Hamas official in the strike.",
                     tmp_path)
    [killed] = events_of(result, "Hamas", "killed")
    assert killed.detail == "one of its officials"


def test_a_denial_in_a_relative_clause_on_claims_is_the_deniers_own(tmp_path: Path) -> None:
    result = analyse("Opposition candidates have accused the ruling Hamas movement of rigging the poll, "
                     "allegations that Hamas denies.", tmp_path)
    [denial] = events_of(result, "Hamas", "denies")
    assert denial.certainty == "stated" and denial.detail == "the allegations"


def test_a_place_a_where_clause_tells_of_is_no_one_who_acts(tmp_path: Path) -> None:
    result = analyse('"They were travelling towards Ukraine, where, according to early data, a window was '
                     'prepared for them on the Ukrainian side to cross the border," the president added.',
                     tmp_path)
    assert not events_of(result, "Ukraine", "plans")


def test_an_i_in_a_quotation_is_its_speaker(tmp_path: Path) -> None:
    result = analyse('President Ilario Ndaló was seen at the palace. "I have been deposed," Ndaló told '
                     'French television.', tmp_path)
    [ousted] = events_of(result, "Ndaló", "ousted")
    assert ousted.source == "Ilario Ndaló"  # his own account


def test_an_i_quoted_from_no_named_person_is_no_one(tmp_path: Path) -> None:
    result = analyse('"I was never arrested," the general said.', tmp_path)
    assert not [e for e in result.events if e.event == "arrested"]


def test_a_reinstated_president_returned_to_power(tmp_path: Path) -> None:
    result = analyse("Interim President Teodor Vasko has been formally reinstated a week after the "
                     "military takeover.", tmp_path)
    assert events_of(result, "Vasko", "returned to power")


def test_resuming_power_is_returning_to_power(tmp_path: Path) -> None:
    result = analyse("Interim President Teodor Vasko resumed power on Wednesday.", tmp_path)
    assert events_of(result, "Vasko", "returned to power")


def test_a_reinstatement_a_deadline_demands_has_not_happened(tmp_path: Path) -> None:
    result = analyse("With two days left before a deadline set by the regional bloc to release and reinstate "
                     "President Teodor Vasko, the junta fired several ambassadors.", tmp_path)
    assert not events_of(result, "Vasko", "returned to power")
    assert not events_of(result, "Vasko", "released")


def test_the_second_of_two_acts_urged_is_as_undone_as_the_first(tmp_path: Path) -> None:
    result = analyse("The bloc urged the junta to free and reinstate President Teodor Vasko.", tmp_path)
    assert not events_of(result, "Vasko")


def test_regaining_control_of_the_army_is_not_returning_to_power(tmp_path: Path) -> None:
    result = analyse('Defence Minister Teodor Vasko said the government had regained "total control" over '
                     "its military.", tmp_path)
    assert not [e for e in result.events if e.event == "returned to power"]


def test_a_bare_verb_after_to_x_and_is_unreal_wherever_the_parse_hangs_it() -> None:
    """The parse of "a deadline to release and reinstate President Vasko" in a long sentence hung
    "reinstate" on the sentence's first word: the words around it still say it is an infinitive."""
    from spacy.tokens import Doc

    from sitrep.extract.events import _irrealis

    words = ["With", "a", "deadline", "to", "release", "and", "reinstate", "Vasko", ",", "they", "left", "."]
    heads = [10, 2, 0, 4, 2, 0, 0, 6, 10, 10, 10, 10]
    deps = ["prep", "det", "pobj", "aux", "acl", "cc", "conj", "dobj", "punct", "nsubj", "ROOT", "punct"]
    tags = ["IN", "DT", "NN", "TO", "NN", "CC", "VB", "NNP", ",", "PRP", "VBD", "."]
    pos = ["ADP", "DET", "NOUN", "PART", "NOUN", "CCONJ", "VERB", "PROPN", "PUNCT", "PRON", "VERB", "PUNCT"]
    doc = Doc(pipeline().vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos)
    assert _irrealis(doc[6])


def test_one_who_accepts_a_resignation_is_not_the_one_resigning(tmp_path: Path) -> None:
    result = analyse("Prime Minister Teodor Vasko met President Ivan Petrov on Monday. Petrov accepted his "
                     "resignation.", tmp_path)
    assert events_of(result, "Vasko", "resigned") and not events_of(result, "Petrov", "resigned")


def test_one_who_has_yet_to_accept_a_resignation_did_not_resign(tmp_path: Path) -> None:
    result = analyse("Prime Minister Teodor Vasko has offered to step down. However, President Ivan Petrov "
                     "has yet to formally accept his resignation.", tmp_path)
    assert not events_of(result, "Petrov", "resigned")


def test_a_detention_rumours_tell_of_is_no_fact(tmp_path: Path) -> None:
    result = analyse("Hours after the statement, Prime Minister Teodor Vasko took to Twitter in an apparent "
                     "bid to quell rumours of his detention.", tmp_path)
    assert all(e.certainty != "stated" for e in events_of(result, "Vasko", "detained"))


def test_one_who_asks_another_to_postpone_a_resignation_is_not_the_one_resigning(tmp_path: Path) -> None:
    result = analyse("Prime Minister Teodor Vasko said on Wednesday he had accepted a request from President "
                     "Ivan Petrov to postpone his resignation pending talks.", tmp_path)
    assert not events_of(result, "Petrov", "resigned")


def test_an_act_denied_only_as_to_its_day_is_not_denied(tmp_path: Path) -> None:
    result = analyse("Teodor Vasko was killed on Monday. “He was not killed today but in fact he was killed "
                     "yesterday,” said Brigadier Emil Marek.", tmp_path)
    assert events_of(result, "Vasko", "killed")
    assert not [e for e in events_of(result, "Vasko", "killed") if e.polarity == "denied"]


def test_an_act_denied_of_one_and_told_of_another_is_denied_of_the_first(tmp_path: Path) -> None:
    result = analyse("Police did not arrest Jan Kowalski but arrested his deputy.", tmp_path)
    assert [e.polarity for e in events_of(result, "Kowalski", "arrested")] == ["denied"]


def test_an_act_named_by_a_noun_that_will_happen_has_not_happened(tmp_path: Path) -> None:
    result = analyse("The presidency said that the resignation of Teodor Vasko will occur before April 28.",
                     tmp_path)
    assert not events_of(result, "Vasko", "resigned")


def test_an_act_denied_only_as_to_its_moment_is_not_denied(tmp_path: Path) -> None:
    result = analyse("Teodor Vasko was killed on Monday. “The video is evidence that he was not killed in "
                     "that moment but at another time,” said Brigadier Emil Marek.", tmp_path)
    assert not [e for e in events_of(result, "Vasko", "killed") if e.polarity == "denied"]


def test_being_made_to_look_like_fleeing_is_no_flight(tmp_path: Path) -> None:
    result = analyse("It was a fabricated attempt to make Teodor Vasko look like he was fleeing.", tmp_path)
    assert not events_of(result, "Vasko", "fled")


def test_he_in_a_clause_on_an_unnamed_subject_is_that_subject_not_the_last_name(tmp_path: Path) -> None:
    result = analyse("Teodor Vasko ruled the country for thirty years. The head of the military council "
                     "stepped down on Friday a day after he led a coup to depose long-time leader Teodor "
                     "Vasko.", tmp_path)
    assert not events_of(result, "Vasko", "leads")


def test_what_is_claimed_of_a_thing_in_a_relative_clause_names_the_thing(tmp_path: Path) -> None:
    result = analyse("Teodor Vasko has been leading the opposition since his ouster, which he claimed was "
                     "part of a plot by the government.", tmp_path)
    [event] = events_of(result, "Vasko", "claims")
    assert event.detail == "his ouster was part of a plot by the government"


def test_according_to_local_time_names_no_source(tmp_path: Path) -> None:
    result = analyse("The speaker tried to reach Parliament at 3:00 am, according to local time, and hours "
                     "after President Teodor Vasko dismissed Prime Minister Emil Marek.", tmp_path)
    [event] = events_of(result, "Marek", "dismissed")
    assert event.source != "local time"


def test_a_date_opening_the_sentence_is_lower_case_in_the_detail(tmp_path: Path) -> None:
    result = analyse("On the same day, Teodor Vasko was detained by the security service.", tmp_path)
    [event] = events_of(result, "Vasko", "detained")
    assert event.detail == "on the same day"


def test_dismissing_someone_as_something_is_calling_them_it_not_removing_them(tmp_path: Path) -> None:
    result = analyse("Teodor Vasko has dismissed the opposition leader Emil Marek as a Western stooge and "
                     "rejected demands for a new vote.", tmp_path)
    assert not events_of(result, "Marek", "dismissed")


def test_dismissed_as_prime_minister_is_removed_from_office(tmp_path: Path) -> None:
    result = analyse("Emil Marek was dismissed as prime minister on Monday.", tmp_path)
    assert events_of(result, "Marek", "dismissed")


def test_a_crowd_holding_someone_aloft_carries_them_and_does_not_detain_them(tmp_path: Path) -> None:
    result = analyse("This video grab shows soldiers holding General Teodor Vasko aloft in Ostburg.",
                     tmp_path)
    assert not events_of(result, "Vasko", "detained")


def test_soldiers_holding_someone_on_their_shoulders_do_not_detain_him(tmp_path: Path) -> None:
    result = analyse("Soldiers held Colonel Emil Marek on their shoulders in Ostburg.", tmp_path)
    assert not events_of(result, "Marek", "detained")


def test_soldiers_holding_someone_at_a_camp_still_detain_him(tmp_path: Path) -> None:
    result = analyse("Soldiers held Colonel Emil Marek at a military camp in Ostburg.", tmp_path)
    assert events_of(result, "Marek", "detained")


def test_he_in_a_question_joined_to_a_named_person_is_that_person(tmp_path: Path) -> None:
    result = analyse("Soldiers detained President Emil Marek on Sunday. \u201cWe will entrust politics to "
                     "the people,\u201d Colonel Teodor Vasko said, without mentioning Marek by name or where "
                     "he was being held.", tmp_path)
    assert not events_of(result, "Vasko", "detained")


def test_whoever_owns_an_accusation_makes_it_and_is_not_accused(tmp_path: Path) -> None:
    result = analyse("Former president Teodor Vasko flew to Ostburg on Tuesday. He repeated his accusation "
                     "that his rivals had ousted him in a coup.", tmp_path)
    assert not events_of(result, "Vasko", "accused")


def test_allegations_against_someone_still_accuse_him(tmp_path: Path) -> None:
    result = analyse("Prosecutors in Ostburg made new allegations against Emil Marek on Monday.", tmp_path)
    assert events_of(result, "Marek", "accused")


def test_what_a_deal_includes_doing_has_not_happened(tmp_path: Path) -> None:
    result = analyse("The deal agreed in Ostburg includes releasing Teodor Vasko.", tmp_path)
    assert not events_of(result, "Vasko", "released")


def test_not_saying_whether_a_demand_includes_reinstating_someone_is_no_return(tmp_path: Path) -> None:
    result = analyse("Soldiers detained President Emil Marek on Sunday. The junta called for a return to "
                     "constitutional order. He didn\u2019t say whether that included reinstating Marek.",
                     tmp_path)
    assert not events_of(result, "Marek", "returned to power")


def test_a_title_whose_apposition_is_the_name_is_that_person(tmp_path: Path) -> None:
    result = analyse("Ostland's President Emil Marek died while visiting troops on Sunday.", tmp_path)
    assert events_of(result, "Marek", "dead")


def test_a_while_clause_dates_the_event_it_is_hung_on(tmp_path: Path) -> None:
    result = analyse("Title: Death\nDate: 2031-04-21\n\nPresident Teodor Vasko died while visiting troops "
                     "in the north on Sunday.", tmp_path)
    [death] = events_of(result, "Vasko", "dead")
    assert death.when == "2031-04-20"


def test_what_a_relative_clause_without_a_relative_word_tells_is_background(tmp_path: Path) -> None:
    result = analyse("President Teodor Vasko chose to be with his soldiers rather than attend a ceremony "
                     "celebrating his sixth term in the office he seized in a rebellion.", tmp_path)
    [seizure] = events_of(result, "Vasko", "seized")
    assert seizure.background


def test_leading_troops_at_the_moment_of_another_event_is_no_office(tmp_path: Path) -> None:
    result = analyse("The army said President Teodor Vasko had died from injuries sustained as he led his "
                     "troops against rebels last week.", tmp_path)
    assert not events_of(result, "Vasko", "leads")


def test_taking_control_of_operations_is_taking_charge_not_seizing(tmp_path: Path) -> None:
    result = analyse("President Teodor Vasko took control of operations during the combat against the rebels "
                     "from Ostland.", tmp_path)
    assert not [e for e in result.events if e.actor == "Teodor Vasko" and e.event.startswith("seized")]


def test_wounded_and_then_dead_is_one_death_not_a_wounding(tmp_path: Path) -> None:
    result = analyse("President Teodor Vasko visited the front on Monday. \u201cHe was wounded during the "
                     "fighting and died once repatriated to Ostburg,\u201d the army spokesman said.",
                     tmp_path)
    assert events_of(result, "Vasko", "dead")
    assert not events_of(result, "Vasko", "injured")


def test_his_in_a_phrase_before_the_main_clause_is_the_person_it_names_next(tmp_path: Path) -> None:
    result = analyse("Interim Prime Minister Emil Marek confirmed that Colonel Teodor Vasko was taken alive. "
                     "After his death, Vasko\u2019s body was transferred to a mosque in the city.", tmp_path)
    assert events_of(result, "Vasko", "dead")
    assert not events_of(result, "Marek", "dead")


def test_what_a_sentence_tells_citing_eyewitness_reports_rests_on_them(tmp_path: Path) -> None:
    result = analyse("Witnesses fled the town, and at least 21 soldiers have been killed, citing eyewitness "
                     "reports.", tmp_path)
    killed = [e for e in result.events if e.event == "killed"]
    assert killed and all(e.certainty == "reported" and e.source == "eyewitness reports" for e in killed)


def test_a_reason_cited_is_no_source(tmp_path: Path) -> None:
    result = analyse("General Teodor Vasko seized power on Monday, citing fraud in the vote.", tmp_path)
    assert [e.certainty for e in events_of(result, "Vasko", "seized power")] == ["stated"]


def test_a_verb_joined_to_a_saying_after_a_passive_told_goes_on_with_its_subject(tmp_path: Path) -> None:
    result = analyse("Interim Prime Minister Emil Marek confirmed that Colonel Teodor Vasko was taken alive, "
                     "but died of a bullet wound to his head before reaching hospital.", tmp_path)
    assert events_of(result, "Vasko", "dead")
    assert not events_of(result, "Marek", "dead")
    assert not events_of(result, "Vasko", "alive")


def test_alive_when_captured_says_nothing_of_now(tmp_path: Path) -> None:
    result = analyse("Colonel Teodor Vasko was still alive when he was captured outside Ostburg.", tmp_path)
    assert not events_of(result, "Vasko", "alive")


def test_alive_now_is_still_alive(tmp_path: Path) -> None:
    result = analyse("Colonel Teodor Vasko is alive and well in Ostburg, his party said.", tmp_path)
    assert events_of(result, "Vasko", "alive")


def test_his_death_dating_what_someone_did_is_the_doers_death(tmp_path: Path) -> None:
    result = analyse("Emil Marek had appointed Teodor Vasko prime minister two days before his death, but "
                     "Vasko had not been sworn in at the time of Marek\u2019s assassination.", tmp_path)
    assert events_of(result, "Marek", "dead")
    assert not events_of(result, "Vasko", "dead")


def test_him_in_a_whose_clause_is_the_noun_it_is_hung_on(tmp_path: Path) -> None:
    result = analyse("President Teodor Vasko resigned yesterday, leaving power in the hands of a nationalist "
                     "rival whose supporters freed him from jail last week.", tmp_path)
    assert not events_of(result, "Vasko", "released")


def test_he_that_the_unnamed_president_says_is_the_president(tmp_path: Path) -> None:
    result = analyse("Protesters freed former president Teodor Vasko on Tuesday. The president, however, "
                     "said he remains in control with no plans to relinquish power.", tmp_path)
    assert not events_of(result, "Vasko", "in power")


def test_he_that_a_spokesman_says_is_still_the_one_he_speaks_for(tmp_path: Path) -> None:
    result = analyse("General Teodor Vasko was reported detained. His spokesman said he had not been "
                     "arrested.", tmp_path)
    assert [e for e in events_of(result, "Vasko") if e.polarity == "denied"]


def test_his_in_a_quote_going_on_from_the_speakers_words_is_not_the_speaker(tmp_path: Path) -> None:
    result = analyse("Tokayev fired security chief Teodor Vasko on Wednesday. \u201cThe public announcement "
                     "of Vasko\u2019s arrest suggests that Tokayev is moving boldly,\u201d analyst Ben "
                     "Goodwin said.\n\n\u201cHis arrest is a sign that the allies of the old guard are "
                     "being moved out of power.\u201d", tmp_path)
    assert not events_of(result, "Goodwin", "arrested")


def test_she_said_after_a_quote_going_on_from_her_words_is_still_her(tmp_path: Path) -> None:
    result = analyse("Reporter Anna Lis said police had found food at the camps. \u201cPolice found one body "
                     "and believe that person died weeks ago,\u201d she said.", tmp_path)
    assert len(events_of(result, "Lis", "says")) == 2
