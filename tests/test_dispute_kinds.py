"""The kinds of dispute the sides of a story give: did it happen, whose version, who holds a role.

Each kind has a positive case and a near miss. Every sentence was written for the test.
"""

from pathlib import Path

from sitrep.model import Dispute

from extract_support import analyse, situation


def _happened(disputes: list[Dispute]) -> list[Dispute]:
    return [d for d in disputes if d.subject.startswith("whether the ")]


def dated(day: str, body: str) -> str:
    return f"Title: Test article\nDate: {day}\n\n{body}"


# Did it happen


def test_calling_a_poisoning_a_provocation_disputes_that_it_happened(tmp_path: Path) -> None:
    result = analyse("German doctors said the opposition leader was the victim of a poisoning. "
                     "The Kremlin spokesman called the poisoning a Western provocation.", tmp_path)
    [dispute] = _happened(result.disputes)
    assert dispute.subject == "whether the poisoning happened"
    assert [(c.stance, c.source) for c in dispute.claims] == [("asserts", "German doctors"),
                                                             ("denies", "Kremlin spokesman")]


def test_an_attack_said_to_be_staged_is_disputed(tmp_path: Path) -> None:
    result = analyse("The rebel spokesman said the attack on the convoy was staged by the army.", tmp_path)
    [dispute] = _happened(result.disputes)
    assert dispute.subject == "whether the attack on the convoy happened"
    assert dispute.claims[-1].source == "rebel spokesman" and dispute.claims[-1].stance == "denies"


def test_talk_of_a_coup_dismissed_as_a_joke_is_disputed(tmp_path: Path) -> None:
    result = analyse("Soldiers seized the state broadcaster on Tuesday in what officers called a coup. "
                     'The defence minister dismissed talk of a coup as "a joke".', tmp_path)
    [dispute] = _happened(result.disputes)
    assert dispute.subject == "whether the coup happened"
    assert {c.stance for c in dispute.claims} == {"asserts", "denies"}


def test_a_coup_said_to_have_failed_disputes_its_success(tmp_path: Path) -> None:
    result = analyse("The army said the coup attempt had failed and its leaders were in custody.", tmp_path)
    [dispute] = _happened(result.disputes)
    assert dispute.subject == "whether the coup attempt succeeded"


def test_what_holds_of_every_coup_of_a_kind_disputes_no_coup(tmp_path: Path) -> None:
    result = analyse("In past coups, royal approval came almost at once, and all coup attempts that did "
                     "not receive royal endorsements have failed.", tmp_path)
    assert not _happened(result.disputes)


def test_an_attack_that_never_took_place_is_disputed(tmp_path: Path) -> None:
    result = analyse("Officials insisted that no attack had taken place near the dam.", tmp_path)
    assert _happened(result.disputes)


def test_a_suspicion_that_a_coup_was_staged_is_its_holders_denial(tmp_path: Path) -> None:
    result = analyse("Soldiers seized the state broadcaster on Tuesday in what officers called a coup. "
                     "The president was later allowed to fly abroad, raising suspicions among opposition "
                     "leaders that the coup was staged.", tmp_path)
    [dispute] = _happened(result.disputes)
    assert dispute.claims[-1].stance == "denies" and dispute.claims[-1].source == "opposition leaders"


def test_a_sentence_doubting_a_coup_never_asserts_it(tmp_path: Path) -> None:
    result = analyse("The president was allowed to fly abroad, raising suspicions among opposition leaders "
                     "that the coup was staged. Critics accuse the president of fabricating the coup to "
                     "crush dissent.", tmp_path)
    for dispute in _happened(result.disputes):
        assert "asserts" not in {c.stance for c in dispute.claims}


def test_history_of_coups_does_not_assert_the_attempts_doubted_now(tmp_path: Path) -> None:
    result = analyse(dated("2025-11-30", "Ruritania has endured at least five coups since 1961. Critics "
                           "accuse the president of fabricating coup attempts to crush dissent."), tmp_path)
    for dispute in _happened(result.disputes):
        assert "asserts" not in {c.stance for c in dispute.claims}


def test_calling_an_attack_a_tragedy_does_not_dispute_it(tmp_path: Path) -> None:
    result = analyse("Officials called the attack on the market a tragedy for the whole nation.", tmp_path)
    assert not _happened(result.disputes)


def test_denying_a_role_in_an_attack_is_blame_not_whether_it_happened(tmp_path: Path) -> None:
    result = analyse("The militia denied any role in the attack on the market.", tmp_path)
    assert not _happened(result.disputes)


def test_a_refutation_is_answered_by_another_articles_lede(tmp_path: Path) -> None:
    sit = situation({
        "doctors.txt": dated("2031-03-02", "German doctors said the opposition leader Ivan Sorel had been "
                                           "poisoned with a nerve agent."),
        "kremlin.txt": dated("2031-03-04", "The Kremlin spokesman on Wednesday called the poisoning a "
                                           "Western provocation."),
    }, tmp_path)
    [dispute] = _happened(sit.disputes)
    assert [(c.stance, c.article) for c in dispute.claims] == [("asserts", "doctors.txt"),
                                                               ("denies", "kremlin.txt")]


def test_a_refutation_is_not_answered_by_the_refuters_own_words(tmp_path: Path) -> None:
    sit = situation({
        "one.txt": dated("2031-03-02",
                         "The Kremlin spokesman said reports of a poisoning were being studied."),
        "two.txt": dated("2031-03-04", "The Kremlin spokesman on Wednesday called the poisoning a Western "
                                       "provocation."),
    }, tmp_path)
    [dispute] = _happened(sit.disputes)
    assert all(c.stance == "denies" for c in dispute.claims)


# One hedged happening


def _hedged_poisonings(disputes: list[Dispute]) -> list[Dispute]:
    return [d for d in disputes if d.kind == "thin sourcing" and "poisoning" in d.subject]


def test_one_hedged_happening_told_three_ways_is_one_item(tmp_path: Path) -> None:
    sit = situation({
        "watchdog.txt": dated("2031-03-02", "Berlin asked the watchdog for help over Ivan Sorel's alleged "
                                            "poisoning, the agency said."),
        "protest.txt": dated("2031-03-04", "Moscow lodged a protest on Monday over the alleged poisoning of "
                                           "the opposition leader. Ministers called for those behind the "
                                           "suspected poisoning to be found."),
    }, tmp_path)
    [item] = _hedged_poisonings(sit.disputes)
    assert item.subject == "Ivan Sorel's alleged poisoning"  # the wording that says whose
    assert len({c.sentence for c in item.claims}) == 3


def test_the_alleged_poisonings_of_two_named_people_are_two_items(tmp_path: Path) -> None:
    sit = situation({
        "sorel.txt": dated("2031-03-02", "Berlin asked the watchdog for help over Ivan Sorel's alleged "
                                         "poisoning, the agency said."),
        "markov.txt": dated("2031-03-04", "London asked the watchdog for help over Pavel Markov's alleged "
                                          "poisoning, officials said."),
    }, tmp_path)
    assert len(_hedged_poisonings(sit.disputes)) == 2


def test_an_alleged_coup_and_an_alleged_coup_attempt_somewhere_are_one_item(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-03-02", "Police arrested 50 people after the alleged coup, officials said."),
        "b.txt": dated("2031-03-04", "More than 50 people have been arrested after an alleged coup attempt "
                                     "in a northern region, an opposition party says."),
    }, tmp_path)
    coups = [d for d in sit.disputes if d.kind == "thin sourcing" and "coup" in d.subject]
    assert len(coups) == 1


def _silences(disputes: list[Dispute]) -> list[Dispute]:
    return [d for d in disputes if d.kind == "silence"]


def test_two_refusals_to_say_the_same_thing_are_one_item_with_both(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-03-02", "The army detained Anna Marek on Friday. An officer, who declined to "
                                     "say where Anna Marek was being held, spoke on condition of anonymity."),
        "b.txt": dated("2031-03-03", "The army detained Anna Marek on Friday. The spokesman declined to say "
                                     "where Anna Marek was being held."),
    }, tmp_path)
    [silence] = _silences(sit.disputes)
    assert len(silence.claims) == 2


def test_two_who_did_not_respond_are_two_items(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-03-02", "The army detained Anna Marek on Friday. The embassy did not respond."),
        "b.txt": dated("2031-03-03", "The army detained Anna Marek on Friday. The ministry did not respond."),
    }, tmp_path)
    assert len(_silences(sit.disputes)) == 2


# Whose version


def _versions(disputes: list[Dispute]) -> list[Dispute]:
    return [d for d in disputes if d.subject.startswith("competing versions")]


def test_two_sides_versions_told_together_compete(tmp_path: Path) -> None:
    result = analyse("Troops clashed on the ridge on Monday. In Korvia\u2019s telling, it was Aldanian "
                     "troops who crossed the line. In Aldania\u2019s version, it was Korvian troops who "
                     "fired the warning shots.",
                     tmp_path)
    [dispute] = _versions(result.disputes)
    assert [c.source for c in dispute.claims] == ["Korvia", "Aldania"]
    assert dispute.claims[1].text == "It was Korvian troops who fired the warning shots."


def test_one_sides_version_alone_is_its_claim_not_a_fact(tmp_path: Path) -> None:
    result = analyse("In the army's account, Colonel Idris Makeba was arrested near the bridge.", tmp_path)
    assert not _versions(result.disputes)
    [arrest] = [e for e in result.events if e.event == "arrested"]
    assert arrest.certainty == "alleged" and "army" in arrest.source


def test_one_sides_two_versions_do_not_compete(tmp_path: Path) -> None:
    result = analyse("In Korvia\u2019s telling, Aldanian troops crossed the line. In Korvia\u2019s "
                     "account, they also fired first.", tmp_path)
    assert not _versions(result.disputes)


# Who holds a role or a place


def _who(disputes: list[Dispute]) -> list[Dispute]:
    return [d for d in disputes if d.subject.startswith("who ")]


def test_two_men_each_said_to_lead_the_army_compete(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-03-02", "General Abass Dembele now leads the army, the junta said."),
        "b.txt": dated("2031-03-03", "Colonel Idris Makeba said he remained the head of the army."),
    }, tmp_path)
    [dispute] = _who(sit.disputes)
    assert dispute.subject == "who leads the army?"
    assert {c.source for c in dispute.claims} == {"the junta", "Idris Makeba"}


def test_leaders_of_the_army_months_apart_succeed_each_other(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-01-02", "General Abass Dembele now leads the army, the junta said."),
        "b.txt": dated("2031-05-03", "Colonel Idris Makeba said he was now the head of the army."),
    }, tmp_path)
    assert not _who(sit.disputes)


def test_a_captured_airport_the_other_side_says_it_holds_is_disputed(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-03-02", "Rebels said they had seized the airport."),
        "b.txt": dated("2031-03-03", "The army said it still controlled the airport and the state "
                                     "broadcaster."),
    }, tmp_path)
    [dispute] = _who(sit.disputes)
    assert dispute.subject == "who holds the airport?"
    assert len(dispute.claims) == 2


def test_two_accounts_of_one_capture_are_no_dispute(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-03-02", "Rebels said they had seized the airport."),
        "b.txt": dated("2031-03-03", "Tuareg fighters captured the airport, a local official said."),
    }, tmp_path)
    assert not _who(sit.disputes)


# Figures


def test_a_rough_figure_is_its_own_number_at_its_lowest(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-03-02", "Officials said around 30 villagers were killed in the bombing."),
        "b.txt": dated("2031-03-03", "A local source said 150 villagers were killed in the bombing."),
    }, tmp_path)
    [numeric] = [d for d in sit.disputes if d.kind == "numeric"]
    assert "lowest 30" in numeric.subject


def test_a_status_line_rests_only_on_the_tellings_of_its_count(tmp_path: Path) -> None:
    sit = situation({
        # the counts told after the ledes, so that no lede shown tells them already
        "a.txt": dated("2031-03-03", "Parliament opened an inquiry into the strike on Monday. It will "
                                     "report next month.\n\nA drone strike on Sunday night killed over 100 "
                                     "civilians in Kelso."),
        "b.txt": dated("2031-03-03", "The government declared three days of mourning on Monday. Flags "
                                     "flew at half mast.\n\nThe army said at least 85 civilians were killed "
                                     "in the drone strike on Sunday night."),
    }, tmp_path)
    lines = [line for line in sit.status if line.text.startswith("civilians: over 100 killed")]
    assert lines and "the army" not in lines[0].sources


def test_differing_figures_show_their_range_the_lowest_and_the_latest(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-03-02", "Officials said dozens of soldiers were killed in the ambush."),
        "b.txt": dated("2031-03-03", "A local source said 150 soldiers were killed in the ambush."),
    }, tmp_path)
    [numeric] = [d for d in sit.disputes if d.kind == "numeric"]
    assert "lowest 12" in numeric.subject  # ACLED's conservative reading of "dozens"
    assert "12 to 150" in numeric.subject
    assert "latest: 150 (A local source)" in numeric.subject


# Settled and ranked


def test_a_later_plain_statement_settles_a_disputed_arrest(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-03-02", "Colonel Idris Makeba was arrested in the capital on Sunday, a military "
                                     "source said. A source close to Makeba denied his arrest."),
        "b.txt": dated("2031-03-06", "Colonel Idris Makeba was released on Thursday and returned home."),
    }, tmp_path)
    [dispute] = [d for d in sit.disputes if d.subject == "Idris Makeba: detained?"]
    assert dispute.settled_by.startswith("released")
    assert not any("detained?" in line.text for line in sit.status)


def test_a_disputed_arrest_with_nothing_later_stays_live(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-03-02", "Colonel Idris Makeba was arrested in the capital on Sunday, a military "
                                     "source said. A source close to Makeba denied his arrest."),
    }, tmp_path)
    [dispute] = [d for d in sit.disputes if d.subject == "Idris Makeba: detained?"]
    assert not dispute.settled_by


def test_a_toll_given_days_later_settles_the_days_differing_figures(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-03-02", "Officials said eight soldiers were killed in the ambush. A local "
                                     "source said 15 soldiers were killed."),
        "b.txt": dated("2031-03-09", "The army said 21 soldiers were killed in the ambush."),
    }, tmp_path)
    [numeric] = [d for d in sit.disputes if d.kind == "numeric"]
    assert numeric.settled_by.startswith("a later figure: 21")


def test_a_settled_dispute_ranks_below_a_live_one(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-03-02", "Colonel Idris Makeba was arrested in the capital on Sunday, a military "
                                     "source said. A source close to Makeba denied his arrest."),
        "b.txt": dated("2031-03-06", "Colonel Idris Makeba was released on Thursday and returned home. "
                                     "The defence minister dismissed talk of a coup as a joke."),
    }, tmp_path)
    subjects = [d.subject for d in sit.disputes if d.kind == "contradiction"]
    assert subjects.index("whether the coup happened") < subjects.index("Idris Makeba: detained?")


def test_figures_for_two_nations_soldiers_are_not_compared(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-03-02", "Eight Cameroonian soldiers were killed in the fighting, the ministry "
                                     "said. Nine Nigerian soldiers were killed, a local source said."),
    }, tmp_path)
    assert not [d for d in sit.disputes if d.kind == "numeric"]


def test_figures_for_one_nations_soldiers_named_two_ways_are_compared(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-03-02", "Eight Cameroonian soldiers were killed in the fighting, the ministry "
                                     "said."),
        "b.txt": dated("2031-03-02", "Fifteen Cameroon soldiers were killed, a local source said."),
    }, tmp_path)
    assert [d for d in sit.disputes if d.kind == "numeric"]


# Counts and the latest figures


def _figures(result) -> dict[str, list[str]]:  # noqa: ANN001 - an ArticleResult
    return {d.subject: [c.text for c in d.claims] for d in result.disputes if d.kind == "numeric"}


def test_people_still_at_sea_are_counted_as_stranded(tmp_path: Path) -> None:
    result = analyse("More than 900 migrants have landed on the coast, while the agency estimates there are "
                     "1,200 more still trapped at sea.", tmp_path)
    assert _figures(result) == {"number of migrants stranded": ["1,200"]}


def test_room_for_people_is_no_count_of_people(tmp_path: Path) -> None:
    result = analyse("Police found a camp big enough to hold 300 people.", tmp_path)
    assert not _figures(result)


def test_people_who_do_the_holding_are_not_held(tmp_path: Path) -> None:
    result = analyse("Two dozen soldiers with rifles on their backs can be seen holding spears.", tmp_path)
    assert not _figures(result)


def test_a_conjoined_clause_keeps_its_own_event(tmp_path: Path) -> None:
    result = analyse("Fifty-three girls managed to escape and 276 remain missing, police say.", tmp_path)
    assert _figures(result) == {"number of girls escaped": ["Fifty-three"],
                                "number of girls missing": ["276"]}


def test_a_toll_in_a_relative_clause_about_a_past_year_is_another_story(tmp_path: Path) -> None:
    result = analyse(
        dated(
            "2031-09-23",
            "The siege echoes the attack carried out in Mumbai in 2008, which "
            "left over 160 dead and injured more than 600 people.",
        ),
        tmp_path,
        headline=False,
    )
    assert not _figures(result)


def test_the_latest_figures_are_a_status_line(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-05-20", "Officials said 7,000 migrants were still at sea."),
        "b.txt": dated("2031-05-29", "The agency estimates that 2,500 migrants are still stranded at sea."),
    }, tmp_path)
    [line] = [s for s in sit.status if s.text.startswith("Latest figures")]
    assert "2,500 migrants stranded (agency, as of 29 May 2031)" in line.text and "7,000" not in line.text
    assert line.certainty == "reported"


def test_the_toll_of_a_months_old_clash_is_not_a_latest_figure(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-09-09", "Relations have hit a low since a brawl on the frontier left 20 "
                                     "soldiers dead in June."),
    }, tmp_path)
    assert not [s for s in sit.status if s.text.startswith("Latest figures")]


def test_a_toll_given_again_weeks_later_is_the_old_toll_not_a_latest_figure(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-06-16", "Officials said 20 soldiers were killed in the clash on the ridge."),
        "b.txt": dated("2031-09-09", "The army has said 20 soldiers were killed."),
    }, tmp_path)
    assert not [s for s in sit.status if s.text.startswith("Latest figures")]


def test_a_groups_incident_retold_weeks_later_without_a_date_is_no_status_line(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-06-16", "Officials said soldiers were killed in the clash on the ridge."),
        "b.txt": dated("2031-09-09", "The army has said soldiers were killed. Talks resumed on Tuesday."),
    }, tmp_path)
    assert not [s for s in sit.status if s.text.startswith("soldiers:")]


def test_a_new_toll_weeks_after_an_old_one_is_a_latest_figure(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-06-16", "Officials said 20 soldiers were killed in the clash on the ridge."),
        "b.txt": dated("2031-09-09", "The army has said 12 soldiers were killed."),
    }, tmp_path)
    [line] = [s for s in sit.status if s.text.startswith("Latest figures")]
    assert "12 soldiers killed" in line.text


def test_a_stock_of_stranded_people_revised_far_down_is_a_dispute_the_latest_figure_settles(
    tmp_path: Path,
) -> None:
    sit = situation({
        "a.txt": dated("2031-05-10", "An aid worker estimated that 6,000 migrants are stranded at sea."),
        "b.txt": dated("2031-05-18", "Officials said 5,500 migrants remain stranded at sea."),
        "c.txt": dated("2031-05-26", "The refugee agency said 2,000 migrants remain stranded at sea."),
    }, tmp_path)
    [numeric] = [d for d in sit.disputes if d.kind == "numeric"]
    assert [c.text for c in numeric.claims] == ["6,000", "5,500", "2,000"]
    assert numeric.settled_by.startswith("a later figure: 2,000")


def test_a_stock_that_drifts_day_by_day_is_no_dispute(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-05-10", "An aid worker estimated that 6,000 migrants are stranded at sea."),
        "b.txt": dated("2031-05-18", "Officials said 5,000 migrants remain stranded at sea."),
    }, tmp_path)
    assert not [d for d in sit.disputes if d.kind == "numeric"]


def test_people_stranded_are_counted_whatever_a_plan_does_about_them(tmp_path: Path) -> None:
    result = analyse("The two governments pledged to help those 4,000 migrants still stranded at sea.",
                     tmp_path)
    assert _figures(result) == {"number of migrants stranded": ["4,000"]}


def test_a_statement_speaks_for_whoever_issued_it(tmp_path: Path) -> None:
    result = analyse("Officials from Velmora issued a statement saying 4,000 migrants were stranded at sea.",
                     tmp_path)
    [claim] = [c for d in result.disputes if d.kind == "numeric" for c in d.claims]
    assert claim.source != "unnamed sources"


def test_a_denial_the_denier_keeps_up_is_the_deniers(tmp_path: Path) -> None:
    result = analyse("The Kremlin continues to deny involvement in the poisoning.", tmp_path)
    [denial] = [c for d in result.disputes for c in d.claims if c.stance == "denies"]
    assert denial.source == "Kremlin"


# Blame answered in one sentence


def test_a_charge_and_its_denial_in_one_sentence_are_two_sides(tmp_path: Path) -> None:
    result = analyse("Opposition leaders blamed the army for the massacre, but the defence ministry denied "
                     "the accusation.", tmp_path)
    [dispute] = [d for d in result.disputes if d.kind == "contradiction"]
    assert [(c.stance, c.source) for c in dispute.claims] == [("asserts", "Opposition leaders"),
                                                             ("denies", "defence ministry")]


def test_a_denial_after_a_clause_that_claims_nothing_has_no_asserting_side(tmp_path: Path) -> None:
    result = analyse("The minister met the envoy on Monday, but the Kremlin denied the reports.", tmp_path)
    assert all(c.stance != "asserts" for d in result.disputes for c in d.claims)


# Thin sourcing says what is claimed


def test_a_claim_resting_on_unnamed_claims_is_named_by_what_is_claimed(tmp_path: Path) -> None:
    result = analyse("The police and the army are at odds amid claims that agents had warned of the attacks.",
                     tmp_path)
    [thin] = [d for d in result.disputes if d.kind == "thin sourcing"]
    assert thin.subject == "agents had warned of the attacks"


def test_a_routine_meeting_told_by_officials_is_not_thin_sourcing(tmp_path: Path) -> None:
    result = analyse("The foreign minister met his counterpart from Lusenia on Sunday, officials said.",
                     tmp_path)
    assert not [d for d in result.disputes if d.kind == "thin sourcing"]


def test_an_arrest_told_by_officials_alone_is_thin_sourcing(tmp_path: Path) -> None:
    result = analyse("Colonel Idris Makeba was arrested on Sunday, officials said.", tmp_path)
    assert [d for d in result.disputes if d.kind == "thin sourcing"]


def _thin(disputes: list[Dispute], subject: str) -> list[Dispute]:
    return [d for d in disputes if d.kind == "thin sourcing" and d.subject.startswith(subject)]


def test_a_hedged_death_that_other_articles_state_is_no_thin_sourcing(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-03-02", "Fighting went on in Ostburg on Tuesday. Officials say rebels shelled "
                                     "the port. Former president Teodor Vasko was killed on Monday, "
                                     "officials said."),
        "b.txt": dated("2031-03-03", "Former president Teodor Vasko was killed on Monday in Ostburg."),
        "c.txt": dated("2031-03-03", "Former president Teodor Vasko was killed on Monday, his party said. "
                                     "Former president Teodor Vasko was killed as he fled the capital."),
    }, tmp_path)
    assert not _thin(sit.disputes, "Teodor Vasko: killed")


def test_a_hedged_detention_other_articles_state_as_an_arrest_is_no_thin_sourcing(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-03-02", "Fighting went on in Ostburg on Tuesday. Officials say rebels shelled "
                                     "the port. Former president Teodor Vasko was detained on Monday, "
                                     "officials said."),
        "b.txt": dated("2031-03-03", "Soldiers arrested former president Teodor Vasko on Monday in Ostburg."),
        "c.txt": dated("2031-03-03", "Soldiers arrested former president Teodor Vasko on Monday as he fled "
                                     "the capital."),
    }, tmp_path)
    assert not _thin(sit.disputes, "Teodor Vasko: detained")


def test_a_hedged_arrest_only_its_own_article_tells_stays_thin_sourcing(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-03-02", "Sources indicate that multiple soldiers have been arrested in "
                                     "Ruritania. The AFP news agency claimed that scores of soldiers were "
                                     "apprehended."),
    }, tmp_path)
    assert _thin(sit.disputes, "soldiers: arrested")


# One government's denials


def test_a_government_s_denials_under_its_capital_and_its_seat_are_one(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-03-02", "Germany demanded an explanation from Moscow, which has denied any "
                                     "involvement."),
        "b.txt": dated("2031-03-09", "The Kremlin continues to deny involvement in the poison plot."),
    }, tmp_path)
    denials = [d for d in sit.disputes if d.kind == "contradiction"]
    assert len(denials) == 1
    assert denials[0].subject == "involvement in the poison plot"
    assert {c.source for c in denials[0].claims} == {"Moscow", "Kremlin"}


def test_a_denial_about_another_affair_stays_apart(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-03-02", "The Kremlin continues to deny involvement in the poison plot."),
        "b.txt": dated("2031-03-09", "Russia also denies involvement in the Castellan plot."),
    }, tmp_path)
    assert len([d for d in sit.disputes if d.kind == "contradiction"]) == 2


def test_denying_it_after_an_accusation_answers_that_accusation(tmp_path: Path) -> None:
    result = analyse("The council has accused the Presidential Guard of shelling the Kasimir Heights "
                     "district on Wednesday. The Guard's commander, General Oren Baltazar, denied it.",
                     tmp_path)
    [dispute] = [d for d in result.disputes if d.kind == "contradiction"]
    assert [c.stance for c in dispute.claims] == ["asserts", "denies"]
    assert dispute.claims[0].source == "council"
    assert "shelling the Kasimir Heights district" in dispute.subject


def test_denying_it_after_a_meeting_answers_no_accusation(tmp_path: Path) -> None:
    result = analyse("The council met the Presidential Guard on Wednesday. The Guard's commander, General "
                     "Oren Baltazar, denied it.", tmp_path)
    assert all(c.stance != "asserts" for d in result.disputes for c in d.claims)


def test_contradicting_a_claim_disputes_it(tmp_path: Path) -> None:
    result = analyse("Dravik remained in the hands of loyal troops on Thursday, its governor said, "
                     "contradicting the claim by the military council that it controls the whole country.",
                     tmp_path)
    [dispute] = [d for d in result.disputes if d.kind == "contradiction"]
    assert [(c.stance, c.source) for c in dispute.claims] == [("asserts", "military council"),
                                                              ("denies", "governor")]


def test_a_blamed_man_who_rejects_the_charge_is_the_denier(tmp_path: Path) -> None:
    result = analyse("Governor Aurel Kost spoke on Monday. Many in the city still blame Colonel Arvid "
                     "Moresco for the shooting, a charge he has always rejected.", tmp_path)
    [dispute] = [d for d in result.disputes if d.kind == "contradiction"]
    assert dispute.claims[-1].source == "Arvid Moresco"


def test_a_dispute_over_an_old_affair_is_dated_by_it_and_kept_out_of_status(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-04-08", "Dravik was the scene of the worst violence during the 2019 coup, "
                                     "when the army fired on a crowd. Many in the city still blame Colonel "
                                     "Arvid Moresco for that shooting, a charge he has always rejected."),
    }, tmp_path)
    [dispute] = [d for d in sit.disputes if d.kind == "contradiction"]
    assert {c.when for c in dispute.claims} == {"2019"}
    assert not any(line.text.startswith("Disputed:") for line in sit.status)


def test_an_accusation_the_accused_denies_in_a_relative_clause_has_two_sides(tmp_path: Path) -> None:
    result = analyse("The council has accused the Presidential Guard of shelling the capital's Kasimir "
                     "Heights district on Wednesday, which the Guard denies.", tmp_path)
    [dispute] = [d for d in result.disputes if d.kind == "contradiction"]
    assert [(c.stance, c.source) for c in dispute.claims] == [("asserts", "council"), ("denies", "Guard")]


def test_a_claim_denied_in_the_next_sentence_is_a_status_dispute_with_both_sides(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-03-02", "Local officials claimed that government troops had shelled the "
                                     "market on Monday. The defence ministry denied the claims."),
    }, tmp_path)
    [line] = [s for s in sit.status if s.text.startswith("Disputed:")]
    assert line.text == ("Disputed: government troops had shelled the market on Monday "
                         "(asserted by local officials; denied by defence ministry)")


def test_a_disputed_arrest_told_on_its_actors_line_is_not_repeated(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-03-02", "Colonel Idris Makeba was arrested in the capital on Sunday, a military "
                                     "source said. A source close to Makeba denied his arrest."),
    }, tmp_path)
    told = [s.text for s in sit.status if "Makeba" in s.text and "disputed" in s.text.lower()]
    assert len(told) == 1


def test_casting_doubt_on_a_statement_disputes_it(tmp_path: Path) -> None:
    result = analyse("Six employees remain unaccounted for after troops retook the terminal, the company "
                     "said on Monday, casting doubt on the army's statement that all the hostages had been "
                     "freed.", tmp_path)
    [dispute] = [d for d in result.disputes if d.kind == "contradiction"]
    assert dispute.subject == "all the hostages had been freed"
    assert [c.stance for c in dispute.claims] == ["asserts", "denies"]


def test_casting_doubt_on_something_that_is_no_claim_is_no_dispute(tmp_path: Path) -> None:
    result = analyse("The storm cast doubt on the future of the talks, officials said.", tmp_path)
    assert not [d for d in result.disputes if d.kind == "contradiction"]


def test_a_toll_of_people_right_after_a_toll_of_protesters_counts_the_protesters(tmp_path: Path) -> None:
    result = analyse("Police said eight protesters had been killed. Officials at the city hospital said "
                     "they had received the bodies of 15 people.", tmp_path)
    assert _figures(result) == {"number of protesters killed": ["eight", "15"]}


def test_a_wider_toll_of_people_after_a_toll_of_protesters_is_kept_apart(tmp_path: Path) -> None:
    result = analyse("Police said eight protesters had been killed. Officials said 41 people had been "
                     "killed in two days of fighting across the country.", tmp_path)
    assert _figures(result) == {"number of protesters killed": ["eight"], "number of people killed": ["41"]}


def test_an_accusation_is_named_without_its_asides(tmp_path: Path) -> None:
    result = analyse("The council accused the Presidential Guard, the elite unit that protects the head of "
                     "state, of shelling the district on Tuesday. The Guard's commander denied it.", tmp_path)
    [dispute] = [d for d in result.disputes if d.kind == "contradiction"]
    assert dispute.subject == "council accused the Presidential Guard of shelling the district on Tuesday"


def test_a_claim_said_to_be_contradicted_by_no_one_named_is_no_dispute(tmp_path: Path) -> None:
    result = analyse("The council said it held the port. That claim was again contradicted in the north, "
                     "where the governor said his city was loyal.", tmp_path)
    assert not any(c.source == "unnamed sources" and c.stance == "denies" for d in result.disputes
                   for c in d.claims)


def test_a_guess_about_what_happened_is_thin_sourcing(tmp_path: Path) -> None:
    result = analyse("She survived the terror attack, which according to Kenyan sources, could have been "
                     "carried out by up to 15 gunmen, including three possible American citizens.", tmp_path)
    [thin] = [d for d in result.disputes if d.kind == "thin sourcing"]
    assert thin.subject.startswith("terror attack could have been carried out by up to 15 gunmen")
    assert thin.claims[0].source == "kenyan sources"


def test_a_forecast_is_not_a_guess_about_what_happened(tmp_path: Path) -> None:
    result = analyse("The fighting could end within days, diplomats said.", tmp_path)
    assert not [d for d in result.disputes if d.kind == "thin sourcing"]


def test_attackers_killed_are_counted_as_attackers(tmp_path: Path) -> None:
    result = analyse("At least five attackers were also killed, police said.", tmp_path)
    assert _figures(result) == {"number of attackers killed": ["At least five"]}


def test_a_belief_about_what_ought_to_be_is_no_thin_claim(tmp_path: Path) -> None:
    result = analyse("'A good theory. I believe it deserves a most thorough examination,' the opposition "
                     "leader wrote.", tmp_path)
    assert not [d for d in result.disputes if d.kind == "thin sourcing"]


def test_a_belief_about_what_happened_is_a_thin_claim(tmp_path: Path) -> None:
    result = analyse("His allies believe the poison was slipped into a bottle of water in his hotel room.",
                     tmp_path)
    assert [d for d in result.disputes if d.kind == "thin sourcing"]


def test_the_countries_at_a_meeting_counted_differently_are_a_dispute_the_latest_settles(
        tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-05-10", "Lusenia will host a conference on May 29 that is to include 15 nations "
                                     "affected by the crisis."),
        "b.txt": dated("2031-05-29", "Representatives from 17 nations are meeting in the capital for talks "
                                     "on the crisis."),
    }, tmp_path)
    [numeric] = [d for d in sit.disputes if d.kind == "numeric"]
    assert numeric.subject.startswith("number of nations at the meeting")
    assert numeric.settled_by.startswith("a later figure: 17")


def test_countries_counted_outside_a_meeting_are_no_meeting_count(tmp_path: Path) -> None:
    result = analyse("The disease has spread to 15 nations in the region, health officials said.", tmp_path)
    assert not _figures(result)


def test_a_latest_figure_that_opened_its_sentence_reads_in_lower_case(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-05-29", "At least 40 people were killed when the dam burst on Friday, "
                                     "officials said."),
    }, tmp_path)
    [line] = [s for s in sit.status if s.text.startswith("Latest figures")]
    assert line.text.startswith("Latest figures: at least 40 people killed")


# An office as a source


def _office_denial(second: str, tmp_path: Path) -> Dispute:
    """The denial the prime minister makes in `second`, after an article that names her office."""
    sit = situation({
        "title.txt": dated("2031-03-02", "Prime Minister Anna Berg opened the session on Monday."),
        "denial.txt": dated("2031-03-03", second),
    }, tmp_path)
    [dispute] = [d for d in sit.disputes if d.kind == "contradiction"]
    return dispute


def test_an_office_that_one_person_of_the_situation_holds_is_that_person(tmp_path: Path) -> None:
    dispute = _office_denial("Anna Berg met union leaders on Tuesday. The prime minister has denied "
                             "claims that the budget was rewritten by her advisers.", tmp_path)
    assert [c.source for c in dispute.claims if c.stance == "denies"] == ["Anna Berg"]


def test_an_office_in_an_article_that_does_not_name_its_holder_stays_the_office(tmp_path: Path) -> None:
    dispute = _office_denial("The prime minister has denied claims that the budget was rewritten by her "
                             "advisers.", tmp_path)
    assert [c.source for c in dispute.claims if c.stance == "denies"] == ["prime minister"]


def test_an_office_two_people_of_the_situation_hold_stays_the_office(tmp_path: Path) -> None:
    met = "Prime Minister Anna Berg met Prime Minister Omar Haddad on Monday."
    denial = ("Anna Berg and Omar Haddad met again on Tuesday. The prime minister has denied claims that the "
              "budget was rewritten by her advisers.")
    sit = situation({"title.txt": dated("2031-03-02", met), "denial.txt": dated("2031-03-03", denial)},
                    tmp_path)
    [dispute] = [d for d in sit.disputes if d.kind == "contradiction"]
    assert [c.source for c in dispute.claims if c.stance == "denies"] == ["prime minister"]


def test_a_lede_an_office_speaks_is_sourced_to_its_holder(tmp_path: Path) -> None:
    sit = situation({
        "title.txt": dated("2031-03-02", "Attorney General Lord Grey spoke to peers on Monday."),
        "lede.txt": dated("2031-03-03", "The attorney general has denied being pressured by ministers over "
                                        "the ruling. Lord Grey told peers the claims were baseless."),
    }, tmp_path)
    [line] = [s for s in sit.status if s.text.startswith("The attorney general has denied")]
    assert line.sources == ["Lord Grey"]


def test_soldiers_who_staged_a_mutiny_carried_it_out(tmp_path: Path) -> None:
    result = analyse("Soldiers who staged a mutiny last week now face a deadline set by the regional "
                     "bloc, whose envoys arrived on Thursday.", tmp_path)
    assert not _happened(result.disputes)


def test_fighters_who_staged_attacks_carried_them_out(tmp_path: Path) -> None:
    result = analyse("Rebel fighters staged attacks on two army posts near the border, the governor said.",
                     tmp_path)
    assert not _happened(result.disputes)


def test_a_side_saying_the_other_staged_the_attack_still_denies_it(tmp_path: Path) -> None:
    result = analyse("Government troops shelled the market on Monday, witnesses said. The defence "
                     "ministry said the rebels staged the attack to discredit the army.", tmp_path)
    [dispute] = _happened(result.disputes)
    assert dispute.claims[-1].stance == "denies"


def test_one_pair_of_incompatible_values_told_by_three_sources_is_one_question(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": dated("2031-03-02", "Colonel Teodor Vasko was killed in Ostburg on Monday, the army "
                                     "said."),
        "b.txt": dated("2031-03-02", "Colonel Teodor Vasko was wounded in Ostburg on Monday, his party "
                                     "said."),
        "c.txt": dated("2031-03-03", "Colonel Teodor Vasko died in hospital in Ostburg on Tuesday."),
    }, tmp_path)
    questions = [d for d in sit.disputes
                 if d.kind == "contradiction" and d.subject.startswith("Teodor Vasko:")]
    assert len(questions) == 1 and len(questions[0].claims) == 3
