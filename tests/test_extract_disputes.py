"""Disputes found inside one article: figures, hedges, silence."""

from pathlib import Path

from extract_support import analyse, situation


def _numeric(result):
    return [d for d in result.disputes if d.kind == "numeric"]


def test_vague_quantity_and_range_are_figures_for_the_same_count(tmp_path: Path) -> None:
    text = ("The AFP news agency claimed that scores of soldiers, with numbers ranging from 20 to 50, were "
            "apprehended.")
    [dispute] = _numeric(analyse(text, tmp_path))
    values = {c.text.split(":")[0]: c.value for c in dispute.claims}
    assert values["20 to 50"] == (20.0, 50.0)
    assert "scores" in values
    assert dispute.subject == "number of soldiers detained"


def test_dozens_is_kept_as_a_range(tmp_path: Path) -> None:
    [dispute] = _numeric(analyse("Reports indicate that dozens of Malian soldiers have been detained.",
                                 tmp_path))
    low, high = dispute.claims[0].value
    assert low < high


def test_a_year_is_not_a_figure(tmp_path: Path) -> None:
    result = analyse("Soldiers were arrested in 2021 after the coup.", tmp_path)
    assert not _numeric(result)


def test_refraining_from_comment_is_official_silence(tmp_path: Path) -> None:
    result = analyse("The authorities have refrained from commenting on the specifics of the arrests.",
                     tmp_path)
    silence = [d for d in result.disputes if d.kind == "silence"]
    assert silence and silence[0].claims[0].source == "authorities"


def test_claim_on_one_hedged_source_is_thin_sourcing(tmp_path: Path) -> None:
    result = analyse("Initial reports suggested high-profile detainees, including General Abass Dembele.",
                     tmp_path)
    thin = [d for d in result.disputes if d.kind == "thin sourcing"]
    assert any("Dembele" in d.subject for d in thin)


def test_others_injured_are_not_counted_as_killed(tmp_path: Path) -> None:
    text = "At least eight Malian soldiers have been killed and 10 others injured in an attack, sources say."
    figures = [(d.subject, c.text.split(":")[0]) for d in _numeric(analyse(text, tmp_path)) for c in d.claims]
    assert ("number of soldiers killed", "10") not in figures


def test_unknown_toll_names_what_is_unknown(tmp_path: Path) -> None:
    text = ('A CMA leader told AFP the movement had "ambushed the army" and that "the death toll was not '
            'yet known".')
    silence = [d for d in analyse(text, tmp_path).disputes if d.kind == "silence"]
    assert silence and silence[0].subject.startswith("death toll")


def test_denial_names_the_claim_and_its_claimant(tmp_path: Path) -> None:
    text = ("The US military has denied claims by Iraq's government that a coalition air strike hit a mosque "
            "in Tal Afar.")
    [dispute] = [d for d in analyse(text, tmp_path).disputes if d.kind == "contradiction"]
    assert dispute.subject.startswith("a coalition air strike hit a mosque")
    assert [(c.stance, c.source) for c in dispute.claims] == [("asserts", "Iraq government"),
                                                              ("denies", "US army")]


def test_who_tells_of_claims_is_not_their_maker(tmp_path: Path) -> None:
    text = ("Opposition leaders say the minister must answer claims that the contract was signed before the "
            "tender closed. The ministry denied it.")
    [dispute] = [d for d in analyse(text, tmp_path).disputes if d.kind == "contradiction"]
    assert [(c.stance, c.source) for c in dispute.claims] == [("asserts", "unnamed sources"),
                                                              ("denies", "ministry")]


def test_the_claims_are_asserted_by_the_maker_a_later_denial_names(tmp_path: Path) -> None:
    text = ("Opposition leaders say the minister must answer claims that the contract was signed before the "
            "tender closed. The ministry has denied the claims, made in a documentary aired on Sunday.")
    [dispute] = [d for d in analyse(text, tmp_path).disputes if d.kind == "contradiction"]
    asserted = dispute.claims[0]
    assert (asserted.stance, asserted.source) == ("asserts", "a documentary")
    assert asserted.sentence.startswith("Opposition leaders say")  # where the claim itself is told


def test_allegations_published_by_a_paper_are_the_papers(tmp_path: Path) -> None:
    text = ("The ministry dismissed the allegations published by the Herald that the contract was signed "
            "early.")
    [dispute] = [d for d in analyse(text, tmp_path).disputes if d.kind == "contradiction"]
    assert [(c.stance, c.source) for c in dispute.claims] == [("asserts", "the Herald"),
                                                              ("denies", "ministry")]


def test_what_is_denied_ends_before_a_clause_of_its_own_and_the_paragraph_break(tmp_path: Path) -> None:
    text = ("The ministry spokesman Li Wen denied any knowledge of the raid when asked about it at a "
            "briefing on Monday.\n\nThe border has been quiet since.")
    [dispute] = [d for d in analyse(text, tmp_path).disputes if d.kind == "contradiction"]
    assert dispute.subject == "any knowledge of the raid"


def test_denying_it_after_a_claim_disputes_what_was_claimed(tmp_path: Path) -> None:
    text = "The army claimed rebel leader Omar Diallo had been killed, but the rebels denied it."
    [dispute] = [d for d in analyse(text, tmp_path).disputes if d.kind == "contradiction"]
    assert dispute.subject == "rebel leader Omar Diallo had been killed"
    assert [(c.stance, c.source) for c in dispute.claims] == [("asserts", "the army"), ("denies", "rebels")]


def test_denial_of_them_answers_the_claims_named_before(tmp_path: Path) -> None:
    text = ("The Tories say ministers must answer claims that the legal advice was drawn up at Number 10.\n\n"
            "Lord Goldsmith also denied them.")
    [dispute] = [d for d in analyse(text, tmp_path).disputes if d.kind == "contradiction"]
    assert dispute.subject == "the legal advice was drawn up at Number 10"
    assert dispute.claims[-1].source == "Lord Goldsmith"


def test_a_late_denial_of_the_claims_answers_the_claims_the_article_opened_with(tmp_path: Path) -> None:
    text = ("The opposition says ministers must answer claims that the peace deal was drafted by foreign "
            "advisers. The foreign ministry has denied the claims. The minister said he wrote every word "
            "himself. Opposition leader Karl Brandt repeated calls for the talks to be published. He said "
            "the country deserved the truth. The president's spokesman also rejected the claims, saying the "
            "minister had made it clear the words were his.")
    spokesman = [d for d in analyse(text, tmp_path).disputes
                 if d.kind == "contradiction" and d.claims[-1].source == "president's spokesman"]
    assert [d.subject for d in spokesman] == ["the peace deal was drafted by foreign advisers"]


def test_not_enough_is_not_a_denial(tmp_path: Path) -> None:
    text = "It suggests that even the fear of negative headlines is not enough to stop the squabbling."
    assert not [d for d in analyse(text, tmp_path).disputes if d.kind == "contradiction"]


def test_claim_tail_names_claimant_and_denier(tmp_path: Path) -> None:
    text = ("The opposition accused the government of using armed men against demonstrators, a claim "
            "officials rejected.")
    [dispute] = [d for d in analyse(text, tmp_path).disputes if d.kind == "contradiction"]
    assert dispute.subject.startswith("opposition accused the government of using armed men")
    assert [c.stance for c in dispute.claims] == ["asserts", "denies"]
    assert dispute.claims[1].source == "officials"


def test_charges_both_deny_names_the_accused_as_deniers(tmp_path: Path) -> None:
    text = (
        "Egypt and the United Arab Emirates have been accused of backing opposing sides, charges both deny."
    )
    [dispute] = [d for d in analyse(text, tmp_path).disputes if d.kind == "contradiction"]
    assert dispute.claims[1].source == "Egypt, United Arab Emirates"
    assert dispute.claims[0].source == "unnamed sources"


def test_rejecting_an_offer_is_a_refusal_not_a_contradiction(tmp_path: Path) -> None:
    result = analyse("General Abdel Fattah al-Burhan has rejected any negotiation with the RSF.", tmp_path)
    assert not [d for d in result.disputes if d.kind == "contradiction"]


def test_a_denial_of_nothing_but_punctuation_does_not_crash(tmp_path: Path) -> None:
    analyse("denied [/]", tmp_path)  # found by the hypothesis test: an object with no word after it


def _contradictions(result):
    return [d for d in result.disputes if d.kind == "contradiction"]


def test_a_disputed_border_is_no_denial(tmp_path: Path) -> None:
    result = analyse("Troops from both countries patrol the disputed border, which has been contested "
                     "since 1962.",
                     tmp_path)
    assert not _contradictions(result)


def test_a_denial_in_a_relative_clause_is_its_antecedents(tmp_path: Path) -> None:
    result = analyse("Germany demanded an explanation from Moscow, which has denied any involvement in the "
                     "attack.",
                     tmp_path)
    [dispute] = _contradictions(result)
    assert dispute.claims[0].source == "Moscow"


def test_one_sources_repeated_denial_is_one_dispute(tmp_path: Path) -> None:
    from extract_support import situation

    texts = {"a.txt": "Title: Poison\n\nThe Kremlin has denied any involvement.",
             "b.txt": "Title: Poison 2\n\nThe Kremlin has denied involvement in the poison plot.",
             "c.txt": "Title: Poison 3\n\nThe Kremlin again denied involvement and played down the findings."}
    found = situation(texts, tmp_path)
    kremlin = [d for d in found.disputes if d.kind == "contradiction" and d.claims[0].source == "Kremlin"]
    assert len(kremlin) == 1 and len(kremlin[0].claims) == 3


def test_a_charge_he_has_always_rejected_is_denied_by_him_not_by_he_has_always(tmp_path: Path) -> None:
    result = analyse("Residents blame Colonel Arvid Kessler for the shooting, a charge he has always "
                     "rejected.",
                     tmp_path)
    sources = [c.source for d in _contradictions(result) for c in d.claims if c.stance == "denies"]
    assert sources and not any("always" in s for s in sources)


def test_two_sides_accusing_each_other_are_a_blame_dispute(tmp_path: Path) -> None:
    from extract_support import situation

    found = situation({"a.txt": "Title: Border\nDate: 2021-03-02\n\nArmenia and Azerbaijan have accused each "
                                "other of firing first along the border."}, tmp_path)
    [blame] = [d for d in found.disputes if "blame each other" in d.subject]
    assert {c.source for c in blame.claims} == {"Armenia", "Azerbaijan"} and "firing first" in blame.subject


def test_one_sided_accusation_is_no_blame_dispute(tmp_path: Path) -> None:
    from extract_support import situation

    found = situation({"a.txt": "Title: Border\nDate: 2021-03-02\n\nArmenia has accused Azerbaijan of firing "
                                "first along the border."}, tmp_path)
    assert not [d for d in found.disputes if "blame each other" in d.subject]


def test_a_one_sided_accusation_shows_its_accuser_and_is_no_thin_sourcing(tmp_path: Path) -> None:
    from extract_support import situation

    found = situation({"a.txt": "Title: Border\nDate: 2021-03-02\n\nArmenia has accused Azerbaijan of "
                                "shelling a village near the border."}, tmp_path)
    [azerbaijan] = [a for a in found.actors if a.name == "Azerbaijan"]
    assert azerbaijan.status == "accused by Armenia of shelling a village near the border"
    assert not [d for d in found.disputes if d.kind == "thin sourcing"]


def test_a_blame_dispute_names_the_charges_its_sentence_trades(tmp_path: Path) -> None:
    from extract_support import situation

    found = situation({"a.txt": "Title: Border\nDate: 2021-03-02\n\nIn 1994 Azerbaijan accused Armenia of "
                                "arming the rebels.\n\nArmenia and Azerbaijan have accused each other of "
                                "firing first along the border."}, tmp_path)
    [blame] = [d for d in found.disputes if "blame each other" in d.subject]
    assert "firing first" in blame.subject
    assert all("firing first" in c.text for c in blame.claims)


def test_killed_and_alive_on_the_same_day_from_two_sources_is_a_dispute(tmp_path: Path) -> None:
    from extract_support import situation

    found = situation({
        "a.txt": "Title: Strike\nDate: 2021-03-02\n\nThe defence ministry said rebel commander Omar Faris "
                 "was killed in an air strike on Monday.",
        "b.txt": "Title: Denial\nDate: 2021-03-02\n\nThe rebels' spokesman said Omar Faris was alive and "
                 "well.",
    }, tmp_path)
    assert [d for d in found.disputes if "Faris" in d.subject and "alive" in d.subject]


def test_an_arrest_then_a_release_a_week_later_is_no_dispute(tmp_path: Path) -> None:
    from extract_support import situation

    found = situation({
        "a.txt": "Title: Arrest\nDate: 2021-03-01\n\nPolice arrested opposition leader Karl Brandt on "
                 "Monday.",
        "b.txt": "Title: Release\nDate: 2021-03-09\n\nOpposition leader Karl Brandt was released on "
                 "Tuesday.",
    }, tmp_path)
    assert not [d for d in found.disputes if "Brandt" in d.subject and " or " in d.subject]


def test_an_arrest_then_a_release_told_in_one_article_is_no_dispute(tmp_path: Path) -> None:
    from extract_support import situation

    found = situation({
        "a.txt": "Title: Coup\nDate: 2031-11-30\n\nGunfire was reported near the palace, and President "
                 "Ilario Ndaló was reportedly arrested while soldiers addressed the nation via state "
                 "television. There are doubts about the army's account, particularly as Ndaló was allowed "
                 "to leave for Lusenia shortly after.",
    }, tmp_path)
    assert not [d for d in found.disputes if "Ndaló" in d.subject and " or " in d.subject]


def test_a_repeated_denial_copied_by_several_outlets_is_shown_once(tmp_path: Path) -> None:
    from extract_support import situation

    wire = "Title: Poison\n\nThe Kremlin has denied any involvement in the poisoning."
    found = situation({"a.txt": wire, "b.txt": wire.replace("Poison", "Poison 2"),
                       "c.txt": "Title: Poison 3\n\nThe Kremlin denies involvement."}, tmp_path)
    [kremlin] = [d for d in found.disputes if d.kind == "contradiction" and d.claims[0].source == "Kremlin"]
    assert len({c.sentence for c in kremlin.claims}) == len(kremlin.claims) == 2


def test_two_named_sources_set_side_by_side_by_while_are_competing_accounts(tmp_path: Path) -> None:
    result = analyse("State television reported that about 400 civilians had been killed by the rebels, "
                     "while the Human Rights Watch said the rebels had killed up to 300 soldiers.", tmp_path)
    accounts = [d for d in result.disputes if d.subject.startswith("competing accounts")]
    assert accounts and len({c.source for c in accounts[0].claims}) == 2


def test_while_between_clauses_of_one_speaker_is_no_competing_account(tmp_path: Path) -> None:
    result = analyse("The minister said the army had retaken the airport, while he said the port was still "
                     "held.",
                     tmp_path)
    assert not [d for d in result.disputes if d.subject.startswith("competing accounts")]


def _contradictions(result):
    return [d for d in result.disputes if d.kind == "contradiction"]


def test_a_border_called_hazy_and_disputed_is_no_denial(tmp_path: Path) -> None:
    result = analyse("The ministry accused the rebels of building outposts along the hazy and disputed "
                     "Line of Separation, which serves as a frontier.", tmp_path)
    assert not _contradictions(result)


def test_land_a_state_never_contested_is_no_denial(tmp_path: Path) -> None:
    result = analyse("The army seized 40 square kilometres of farmland, including areas it had never "
                     "previously contested.", tmp_path)
    assert not _contradictions(result)


def test_saying_a_pact_is_not_an_alliance_is_no_denial(tmp_path: Path) -> None:
    result = analyse("The foreign minister was at pains to stress that the northern pact is not an alliance.",
                     tmp_path)
    assert not _contradictions(result)


def test_a_clause_resting_on_reportedly_is_thin_sourcing(tmp_path: Path) -> None:
    result = analyse("About 300 migrants were rescued by fishermen, after reportedly being turned away "
                     "twice by the navy.", tmp_path)
    [thin] = [d for d in result.disputes if d.kind == "thin sourcing"]
    assert thin.subject.startswith("turned away twice by the navy")


def test_a_hedged_claim_whose_content_follows_an_aside_in_dashes_is_about_it(tmp_path: Path) -> None:
    result = analyse("Alongside the photo, Tomas Vell posted a message mocking President Arno Brask and his "
                     "suggestion - made in a phone call with the French leader - that Vell could have "
                     "swallowed the poison himself.", tmp_path)
    [thin] = [d for d in result.disputes if d.kind == "thin sourcing"]
    assert thin.subject == "Vell could have swallowed the poison himself"


def test_a_claim_cut_at_a_relative_clause_leaves_none_of_it(tmp_path: Path) -> None:
    result = analyse("But his political allies now believe the toxin was slipped into a water bottle he "
                     "drank from at a hotel.", tmp_path)
    [thin] = [d for d in result.disputes if d.kind == "thin sourcing"]
    assert thin.subject == "the toxin was slipped into a water bottle"


def test_the_same_clause_without_a_hedge_is_not_thin_sourcing(tmp_path: Path) -> None:
    result = analyse("About 300 migrants were rescued by fishermen, after being turned away twice by the "
                     "navy.",
                     tmp_path)
    assert not [d for d in result.disputes if d.kind == "thin sourcing"]


def _silence_subject(text: str, tmp_path: Path) -> str:
    [silence] = [d for d in analyse(text, tmp_path).disputes if d.kind == "silence"]
    return silence.subject


def test_a_refusal_to_publish_names_what_is_withheld(tmp_path: Path) -> None:
    text = "The government has consistently refused to publish the attorney general's advice on the war."
    assert _silence_subject(text, tmp_path) == \
        "the government: refused to publish the attorney general's advice on the war"


def test_a_refusal_to_say_names_the_question_left_open(tmp_path: Path) -> None:
    assert _silence_subject("Police declined to say how many people had been arrested.", tmp_path) == \
        "police: declined to say how many people had been arrested"


def test_a_question_left_open_may_open_with_that(tmp_path: Path) -> None:
    text = "A ministry spokesman declined to say whether that would include air strikes, a paper reported."
    assert _silence_subject(text, tmp_path).endswith("declined to say whether that would include air strikes")


def test_official_silence_reads_as_one_sentence_in_status(tmp_path: Path) -> None:
    text = ("Title: Riot in the port\nDate: 2031-04-08\n\n"
            "Police declined to say how many people had been arrested.")
    sit = situation({"a.txt": text}, tmp_path)
    assert "No official word: police declined to say how many people had been arrested" in \
        [line.text for line in sit.status]


def test_what_is_unknown_is_the_subject_nearest_the_word(tmp_path: Path) -> None:
    text = ("At least 20 soldiers were killed and many injured in fighting with clubs and stones "
            "(the number of rebel casualties is unknown).")
    assert _silence_subject(text, tmp_path).startswith("number of rebel casualties")


def test_what_is_unknown_is_the_noun_right_before_the_verb_when_the_parse_joined_it_elsewhere(
        tmp_path: Path) -> None:
    text = ("The army was in control of the state broadcaster, there was a heavy military presence at the "
            "international airport and Teodor Vasko’s whereabouts were unknown for hours.")
    assert _silence_subject(text, tmp_path).startswith("Teodor Vasko’s whereabouts")


def test_a_refusal_to_comment_names_the_matter(tmp_path: Path) -> None:
    text = "The defence ministry refused to comment on the leaked casualty report."
    assert _silence_subject(text, tmp_path).endswith("refused to comment on the leaked casualty report")


def test_refusing_to_give_ground_is_no_silence(tmp_path: Path) -> None:
    result = analyse("The general seized power after the rival factions refused to give ground in the "
                     "struggle for the capital.", tmp_path)
    assert not [d for d in result.disputes if d.kind == "silence"]


def test_refusing_to_give_details_is_silence(tmp_path: Path) -> None:
    text = "The interior ministry refused to give details of the arrests in Ostburg."
    assert _silence_subject(text, tmp_path).startswith("interior ministry: refused to give")


def test_allegations_against_people_which_are_denied_are_denied_by_them(tmp_path: Path) -> None:
    result = analyse("The case against the men follows a hearing into fraud allegations made against two "
                     "other councillors in the ward, claims which are denied.", tmp_path)
    [dispute] = _contradictions(result)
    assert dispute.subject.startswith("fraud allegations made against two other councillors")
    assert [(c.stance, c.source) for c in dispute.claims] == [("asserts", "unnamed sources"),
                                                             ("denies", "two other councillors")]


def test_a_claims_tail_parsed_as_a_second_verb_names_no_claimant(tmp_path: Path) -> None:
    # The parser joins "claims" to "follows" as a conjunct here; it is still the tail's noun.
    result = analyse("The case against the two men follows a hearing into postal fraud allegations made "
                     "against three other Corvana councillors in the Eastgate Green ward, claims which are "
                     "denied.", tmp_path)
    [dispute] = _contradictions(result)
    assert [(c.stance, c.source) for c in dispute.claims] == [("asserts", "unnamed sources"),
                                                             ("denies", "three other Corvana councillors")]


def test_a_repeated_accusation_is_the_accusers_claim(tmp_path: Path) -> None:
    result = analyse("Interior Minister Anton Brund thanked the armed forces and repeated his accusation "
                     "that neighbouring Lusenia had sheltered the gunmen, a charge Lusenia denies.", tmp_path)
    [dispute] = _contradictions(result)
    assert [(c.stance, c.source) for c in dispute.claims] == [("asserts", "Anton Brund"),
                                                              ("denies", "Lusenia")]


def _thin_subjects(text: str, tmp_path: Path) -> list[str]:
    return [d.subject for d in analyse(text, tmp_path).disputes if d.kind == "thin sourcing"]


def test_a_believed_relative_clause_names_the_noun_it_is_about(tmp_path: Path) -> None:
    text = "The ministry said it had found three fishermen who were believed to have been seized by pirates."
    assert "fishermen were believed to have been seized by pirates" in _thin_subjects(text, tmp_path)


def test_an_unconfirmed_report_s_claim_reads_without_its_that(tmp_path: Path) -> None:
    text = "There have been unconfirmed reports that some of the hostages were moved across the river."
    assert "some of the hostages were moved across the river" in _thin_subjects(text, tmp_path)


def test_a_claim_opening_with_that_as_a_determiner_keeps_it(tmp_path: Path) -> None:
    text = "Doctors believe that patient may have been poisoned two weeks ago."
    assert [s for s in _thin_subjects(text, tmp_path) if s.startswith("that patient")]


def test_a_place_believed_to_be_something_says_what_is_believed_of_it(tmp_path: Path) -> None:
    text = "Hama, a river town of mills, is believed to be home to some 50,000 people, including refugees."
    assert "Hama is believed to be home to some 50,000 people" in _thin_subjects(text, tmp_path)


def test_suspects_under_arrest_are_no_thin_sourcing(tmp_path: Path) -> None:
    text = "Dozens of suspected arms smugglers have been arrested by border police since March."
    assert not _thin_subjects(text, tmp_path)


def test_alleged_members_under_arrest_are_no_thin_sourcing(tmp_path: Path) -> None:
    text = "Police and soldiers have arrested 329 alleged gang members since Tuesday, the army chief said."
    assert not _thin_subjects(text, tmp_path)


def test_people_charged_as_allegedly_involved_are_no_thin_sourcing(tmp_path: Path) -> None:
    text = ("The prosecutor said on Monday that it had filed charges against two guards allegedly "
            "involved in the escape.")
    assert not _thin_subjects(text, tmp_path)


def test_a_suspicion_on_the_dead_rests_on_whoever_tells_of_them(tmp_path: Path) -> None:
    text = "Jan Kowalski said six suspected gang members had been killed in gunfights during the raids."
    [thin] = [d for d in analyse(text, tmp_path).disputes if d.kind == "thin sourcing"]
    assert [c.source for c in thin.claims] == ["Jan Kowalski"]


def test_what_a_speaker_says_others_believe_is_no_thin_sourcing(tmp_path: Path) -> None:
    text = ('"These armed groups try to intimidate us and believe that we will give in to their demands," '
            "Jan Kowalski said in a video.")
    assert not _thin_subjects(text, tmp_path)


def test_an_attack_by_suspected_militants_rests_on_a_suspicion(tmp_path: Path) -> None:
    text = "The convoy was ambushed by suspected separatist fighters near the river crossing."
    assert [s for s in _thin_subjects(text, tmp_path) if "suspected separatist fighters" in s]


def test_a_hedged_noun_ends_where_the_words_hung_on_it_stop_being_its_own(tmp_path: Path) -> None:
    text = "This time the alleged feud is over who should take the credit for the government's aid plans."
    assert "alleged feud" in _thin_subjects(text, tmp_path)


def test_an_event_resting_on_unnamed_sources_names_what_happened_to_what(tmp_path: Path) -> None:
    text = "Activists, who requested anonymity, said rebels took full control of the city of Oru."
    assert "rebels: seized the city of Oru" in _thin_subjects(text, tmp_path)


def test_a_hedged_relative_clause_names_the_noun_it_is_about(tmp_path: Path) -> None:
    text = "Officials named three men who allegedly smuggled the weapons into the country."
    assert "three men smuggled the weapons into the country" in _thin_subjects(text, tmp_path)


def test_a_denial_of_a_claim_told_in_a_clause_before_names_its_claimant(tmp_path: Path) -> None:
    result = analyse("Prosecutors said they would seek a long sentence for Colonel Ossian Marek, who claimed "
                     "without evidence that the president had asked him to stage the revolt. The government "
                     "denied that claim.", tmp_path)
    [dispute] = [d for d in result.disputes if d.kind == "contradiction"]
    assert [(c.stance, c.source) for c in dispute.claims] == [("asserts", "Ossian Marek"),
                                                             ("denies", "the government")]
    assert "asked him to stage the revolt" in dispute.subject


def test_what_someone_contends_was_staged_is_their_denial(tmp_path: Path) -> None:
    result = analyse("However, Colonel Ossian Marek contends that the coup attempt was staged.", tmp_path)
    [dispute] = [d for d in result.disputes if d.subject.startswith("whether")]
    assert dispute.claims[-1].source == "Ossian Marek"


def test_not_saying_whether_a_ransom_was_paid_is_silence_on_it(tmp_path: Path) -> None:
    result = analyse("The state governor thanked the army but did not say whether a ransom was paid.",
                     tmp_path)
    [silence] = [d for d in result.disputes if d.kind == "silence"]
    assert "whether a ransom was paid" in silence.subject and silence.claims[0].stance == "silent"


def test_being_mum_on_a_matter_is_silence_on_it(tmp_path: Path) -> None:
    result = analyse("The governor was mum on how the pupils were freed.", tmp_path)
    [silence] = [d for d in result.disputes if d.kind == "silence"]
    assert "how the pupils were freed" in silence.subject


def test_not_saying_a_plain_thing_is_no_silence(tmp_path: Path) -> None:
    result = analyse("The governor did not say he was leaving office.", tmp_path)
    assert not [d for d in result.disputes if d.kind == "silence"]


def test_a_relative_pronoun_is_never_the_one_keeping_silent(tmp_path: Path) -> None:
    result = analyse("There were no official figures on the number of people killed or those that sustained "
                     "injuries as both the army and the state government were silent on that.", tmp_path)
    [silence] = [d for d in result.disputes if d.kind == "silence"]
    assert silence.claims[0].source not in ("that", "which", "who")


def test_people_of_a_place_are_counted_as_those_people(tmp_path: Path) -> None:
    [dispute] = _numeric(analyse("Over 90 villagers of Kelso in Orvana District were killed on Sunday night.",
                                 tmp_path))
    assert dispute.subject == "number of people killed"


def test_people_who_lost_their_lives_were_killed(tmp_path: Path) -> None:
    [dispute] = _numeric(analyse("Around 30 people lost their lives in the bombing on Sunday.", tmp_path))
    assert dispute.subject == "number of people killed"


def test_a_named_person_and_others_are_counted_together_and_a_part_is_not_a_count(tmp_path: Path) -> None:
    [dispute] = _numeric(analyse("Colonel Ossian Marek and 21 others, including two senior officers, were "
                                 "arrested on Saturday.", tmp_path))
    [claim] = dispute.claims
    assert dispute.subject == "number of people detained" and claim.value == (22.0, 22.0)


def test_every_part_of_an_including_list_is_a_part_not_a_count(tmp_path: Path) -> None:
    [dispute] = _numeric(analyse("So far 71 people have been arrested, including 45 serving military "
                                 "officers, seven serving police officers and 13 civilians.", tmp_path))
    assert [claim.value for claim in dispute.claims] == [(71.0, 71.0)]


def test_no_official_figures_is_silence_on_what_they_count(tmp_path: Path) -> None:
    result = analyse("There were no official figures on the number of people killed in the bombing.",
                     tmp_path)
    [silence] = [d for d in result.disputes if d.kind == "silence"]
    assert "number of people killed" in silence.subject


def test_more_than_a_figure_is_at_least_it(tmp_path: Path) -> None:
    [dispute] = _numeric(analyse("Activists said more than 300 people were killed in the unrest.", tmp_path))
    assert [(c.text, c.value[0]) for c in dispute.claims] == [("more than 300", 300.0)]
    assert dispute.claims[0].value[1] > 1e8


def test_its_allegations_are_the_body_that_made_them_in_the_sentence_before(tmp_path: Path) -> None:
    text = ("The military charged that there was massive voting fraud in the election, though it has failed "
            "to provide proof. The election commission last week rejected its allegations.")
    claims = [c for d in analyse(text, tmp_path).disputes for c in d.claims if c.stance == "asserts"]
    assert [c.source for c in claims] == ["the army"]


def test_refuted_claims_about_something_are_about_that(tmp_path: Path) -> None:
    text = ("Amid raging clashes between the two forces, the national army has refuted the claims made by "
            "the RSF about taking control of the presidential palace.")
    [dispute] = [d for d in analyse(text, tmp_path).disputes if d.kind == "contradiction"]
    assert dispute.subject == "taking control of the presidential palace"
    assert {c.stance: c.source for c in dispute.claims}["asserts"] == "Rapid Support Forces"


def test_denying_the_statement_denies_what_was_said_before_it(tmp_path: Path) -> None:
    text = ("The rebels said on Tuesday that they had seized the Kadro camp, a major camp of the army which "
            "has denied the statement.")
    [dispute] = [d for d in analyse(text, tmp_path).disputes if d.kind == "contradiction"]
    assert dispute.subject.startswith("they had seized the Kadro camp")


def test_more_killed_after_a_count_of_the_killed_adds_to_it_and_is_no_figure(tmp_path: Path) -> None:
    text = ("The families of dozens of people killed in the protests held funerals as a monitor said that at "
            "least 20 more people were killed in violence on Monday.")
    [dispute] = _numeric(analyse(text, tmp_path))
    assert [c.text for c in dispute.claims] == ["dozens"]


def test_more_of_another_count_is_a_figure_of_its_own(tmp_path: Path) -> None:
    text = "The attack has killed at least 62 people and injured over 170 more, officials said."
    subjects = {d.subject for d in _numeric(analyse(text, tmp_path))}
    assert "number of people injured" in subjects


def test_a_class_counted_among_the_dead_is_no_crowd_for_the_next_sentence(tmp_path: Path) -> None:
    text = ("Monitoring group says three children among 74 killed on Sunday, with 20 more deaths reported on "
            "Monday.\n\nThe families of dozens of people killed in the protests were preparing to hold "
            "funerals.")
    subjects = {d.subject for d in _numeric(analyse(text, tmp_path))}
    assert "number of people killed" in subjects


def test_denying_that_denies_what_the_sentence_before_said_and_who_said_it(tmp_path: Path) -> None:
    text = ("The government condemned his appointment, saying that it was engineered by Russia. Moscow "
            "denied that.")
    [dispute] = [d for d in analyse(text, tmp_path).disputes if d.kind == "contradiction"]
    assert dispute.subject == "it was engineered by Russia"
    assert {c.stance: c.source for c in dispute.claims} == {"asserts": "the government", "denies": "Moscow"}


def test_rejecting_a_statement_on_something_rejects_that_something_as_the_body_that_speaks(
        tmp_path: Path) -> None:
    text = ('"We strongly condemn and reject the statement of Jan Kowalski, dated September 28, on the '
            'alleged ethnic cleansing of the residents of the region," the Azerbaijani Foreign Ministry '
            'said.')
    [dispute] = [d for d in analyse(text, tmp_path).disputes if d.kind == "contradiction"]
    assert dispute.subject.startswith("alleged ethnic cleansing of the residents")
    assert [c.source for c in dispute.claims if c.stance == "denies"] == ["Azerbaijan foreign ministry"]


def test_someone_unknown_in_political_circles_is_no_silence(tmp_path: Path) -> None:
    text = "However he is unknown in political circles, and associates suggested he was duped by others."
    assert not [d for d in analyse(text, tmp_path).disputes if d.kind == "silence"]


def test_more_killed_taking_a_toll_to_a_total_adds_to_it_and_is_no_figure(tmp_path: Path) -> None:
    text = ("Troops killed four more people in demonstrations on Friday, taking the number of deaths to 328 "
            "in the crackdown.")
    [dispute] = _numeric(analyse(text, tmp_path))
    assert [c.text for c in dispute.claims] == ["328"]


def test_denying_someone_something_withholds_it_and_disputes_nothing(tmp_path: Path) -> None:
    for text in ("The former president denied his people freedom and prosperity for decades.",
                 "The authorities denied him access to a lawyer."):
        result = analyse(text, tmp_path)
        assert result.disputes == [], text
        assert not [e for e in result.events if e.event == "denies"], text


def test_a_spokesman_denying_after_an_opening_phrase_is_no_denied_tail(tmp_path: Path) -> None:
    result = analyse("In a televised statement early on Wednesday, an army spokesman denied that a military "
                     "takeover was underway.", tmp_path)
    [dispute] = result.disputes
    assert dispute.subject == "a military takeover was underway"
    assert [c.stance for c in dispute.claims] == ["denies"]


def test_believing_in_something_is_a_conviction_not_a_hedged_claim(tmp_path: Path) -> None:
    result = analyse("I never believed in a power higher than the power of the people.", tmp_path)
    assert result.disputes == []


def test_ones_own_belief_in_what_will_happen_is_a_forecast_not_a_hedged_claim(tmp_path: Path) -> None:
    result = analyse('"I certainly believe that the plotters will not succeed," the president told a '
                     "television channel.", tmp_path)
    assert result.disputes == []


def test_a_belief_about_what_happened_is_still_a_hedged_claim(tmp_path: Path) -> None:
    [dispute] = analyse("Officials believe the general was killed in the raid.", tmp_path).disputes
    assert dispute.kind == "thin sourcing"


def test_what_is_denied_keeps_an_infinitive_after_its_noun(tmp_path: Path) -> None:
    [dispute] = analyse("The government denied having anything to do with the journalist's disappearance.",
                        tmp_path).disputes
    assert dispute.subject.startswith("having anything to do with")


def test_a_claim_one_side_calls_baseless_is_disputed_by_that_side(tmp_path: Path) -> None:
    text = 'The government called the allegation it abducted or harmed the journalist "baseless."'
    [dispute] = analyse(text, tmp_path).disputes
    assert dispute.kind == "contradiction"
    assert dispute.subject == "it abducted or harmed the journalist"
    assert [(c.source, c.stance) for c in dispute.claims] == [("unnamed sources", "asserts"),
                                                               ("the government", "denies")]


def test_one_who_cannot_deny_something_admits_it(tmp_path: Path) -> None:
    result = analyse("The police chief said, \u201cWe can\u2019t deny that there were problems with our "
                     "protection.\u201d", tmp_path)
    assert not [d for d in result.disputes if d.kind == "contradiction"]


def test_it_opening_a_sentence_denies_for_the_body_the_sentence_before_told_of(tmp_path: Path) -> None:
    result = analyse("Ruritania's army declared martial law nationwide on Tuesday to restore order after six "
                     "months of street protests. But it denied that it was staging a military coup.",
                     tmp_path)
    [dispute] = _contradictions(result)
    [claim] = dispute.claims
    assert claim.source.endswith("army")


def test_it_after_a_sentence_opening_with_a_dateline_is_the_subject_not_the_place(tmp_path: Path) -> None:
    result = analyse("Ostburg – Ruritania's army declared martial law nationwide today to restore order. But "
                     "it denied that it was staging a military coup.", tmp_path)
    [dispute] = _contradictions(result)
    [claim] = dispute.claims
    assert claim.source.endswith("army")


def test_a_bare_number_wounded_after_a_death_toll_counts_the_wounded(tmp_path: Path) -> None:
    text = ("Officials said that at least 20 people had been killed and nearly 300 wounded in an explosion "
            "in Ostburg on Monday.")
    killed = [d for d in _numeric(analyse(text, tmp_path)) if d.subject == "number of people killed"]
    assert [c.text for d in killed for c in d.claims] == ["at least 20"]


def test_the_countries_a_bloc_represents_are_no_count_at_a_meeting(tmp_path: Path) -> None:
    text = ("The regional bloc, which met in Ostburg on Thursday, represents 15 member countries in the "
            "region.")
    assert not _numeric(analyse(text, tmp_path))


def test_celebrating_what_people_believed_to_be_a_coup_is_no_thin_sourcing(tmp_path: Path) -> None:
    result = analyse("After the announcement, many took to the streets of Ostburg to celebrate what they "
                     "believed to be a successful coup.", tmp_path)
    assert not [d for d in result.disputes if d.kind == "thin sourcing"]
