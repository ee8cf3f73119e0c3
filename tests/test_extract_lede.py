"""The lede: the opening sentence that gives an article's news, with its speaker and certainty."""

from pathlib import Path

from extract_support import analyse


def lede(text: str, tmp_path: Path):  # noqa: ANN201 - a Lead
    leads = analyse(text, tmp_path).leads
    assert leads
    return leads[0]


def test_a_plain_opening_sentence_is_the_writers_statement(tmp_path: Path) -> None:
    lead = lede("Rebel fighters captured the northern town of Kalma on Tuesday after two days of clashes.",
                tmp_path)
    assert lead.certainty == "stated" and lead.source == "the article"
    assert "captured the northern town" in lead.text


def test_a_reporting_verb_makes_the_lede_its_speakers_report(tmp_path: Path) -> None:
    lead = lede("The Ruritanian government said on Monday that its troops had retaken the airport.", tmp_path)
    assert lead.certainty == "reported"
    assert "government" in lead.source.lower()


def test_a_trailing_sources_say_makes_the_lede_reported(tmp_path: Path) -> None:
    lead = lede("At least twelve police officers were killed in an ambush near the border, sources say.",
                tmp_path)
    assert lead.certainty == "reported" and lead.source == "sources"


def test_an_accusation_in_the_lede_is_alleged_and_names_the_accuser(tmp_path: Path) -> None:
    lead = lede("Ruritania has accused its neighbour of shelling three villages along the frontier.",
                tmp_path)
    assert lead.certainty == "alleged" and lead.source == "Ruritania"


def test_it_was_claimed_makes_the_lede_an_unnamed_claim(tmp_path: Path) -> None:
    lead = lede("The commander of the militia may have trained in a foreign camp, it was claimed yesterday.",
                tmp_path)
    assert lead.certainty in ("alleged", "unclear")


def test_a_denial_in_the_lede_is_denied(tmp_path: Path) -> None:
    lead = lede("The defence minister has denied that the army fired on the protesters in the capital.",
                tmp_path)
    assert lead.certainty == "denied"


def test_what_a_court_has_heard_is_a_partys_case(tmp_path: Path) -> None:
    lead = lede(
        "Two local officials ran a scheme to buy votes in the council election, a tribunal has heard.",
        tmp_path,
    )
    assert lead.certainty == "alleged"


def test_a_byline_is_never_the_lede(tmp_path: Path) -> None:
    lead = lede("By Jane Reporter and John Writer\n\nFloods have forced more than 4,000 families from their "
                "homes in the delta region this week.", tmp_path)
    assert lead.text.startswith("Floods have forced")


def test_a_sentence_opening_with_but_is_never_the_lede(tmp_path: Path) -> None:
    lead = lede("But the talks collapsed again last night amid a row over the prisoners.\n\n"
                "The government and the rebels agreed a three-day truce on Sunday to allow aid convoys "
                "through.",
                tmp_path)
    assert lead.text.startswith("The government and the rebels agreed")


def test_the_news_sentence_after_the_lede_is_kept_too(tmp_path: Path) -> None:
    leads = analyse("Rebel fighters captured the northern town of Kalma on Tuesday after two days of "
                    "clashes. The army said it had withdrawn its troops to the regional capital to protect "
                    "civilians.",
                    tmp_path).leads
    assert len(leads) == 2 and leads[1].text.startswith("The army said")
    assert leads[1].certainty == "reported"


def test_a_toll_after_the_lede_is_news(tmp_path: Path) -> None:
    leads = analyse("Survivors of the hotel siege described hours of hiding in locked storerooms. "
                    "The assault on the hotel, the worst in the city for a decade, left 41 people dead.",
                    tmp_path).leads
    assert len(leads) == 2 and "41 people dead" in leads[1].text


def test_a_speaker_after_the_speech_verb_makes_the_lede_reported(tmp_path: Path) -> None:
    lead = lede("The ceasefire talks had collapsed because the army refused to withdraw, insisted a senior "
                "diplomat in the capital on Monday.", tmp_path)
    assert lead.certainty == "reported" and lead.source == "a senior diplomat"


def test_a_quotation_answered_by_an_unusual_speech_verb_is_the_speakers(tmp_path: Path) -> None:
    lead = lede("The northern command's conduct was \u201cthe act of a gambler with nothing left\u201d, "
                "thundered the Coastal Herald, a state-run newspaper, on Friday.", tmp_path)
    assert lead.certainty == "reported" and "Coastal Herald" in lead.source


def test_a_participle_after_the_clause_is_no_speaker(tmp_path: Path) -> None:
    lead = lede("Rebel fighters seized the airport at dawn on Tuesday, killing two guards.", tmp_path)
    assert lead.certainty == "stated"


def test_claims_called_unfounded_are_a_denial(tmp_path: Path) -> None:
    lead = lede('Claims that the report was rewritten by the ministry were "entirely unfounded," '
                'the minister insisted on Tuesday.', tmp_path)
    assert lead.certainty == "denied"


def test_commentary_after_the_lede_is_not_news(tmp_path: Path) -> None:
    leads = analyse(
        "Rebel fighters captured the northern town of Kalma on Tuesday after two days of "
        "clashes. The volatile situation is made worse by a long drought in the region.",
        tmp_path,
    ).leads
    assert len(leads) == 1


def test_a_hedge_on_the_subject_makes_the_lede_alleged(tmp_path: Path) -> None:
    lead = lede("The alleged plot was uncovered by border guards near the northern crossing last month.",
                tmp_path)
    assert lead.certainty == "alleged"


def test_a_hedge_deep_in_the_object_leaves_the_lede_stated(tmp_path: Path) -> None:
    lead = lede("The army retracted a report that girls kidnapped by suspected militants had been freed.",
                tmp_path)
    assert lead.certainty == "stated"


def test_it_has_emerged_makes_the_lede_a_report_from_unnamed_sources(tmp_path: Path) -> None:
    lead = lede("Three aid workers were held for a week by the militia before their release, it has emerged.",
                tmp_path)
    assert (lead.certainty, lead.source) == ("reported", "unnamed sources")


def test_it_emerged_that_makes_the_lede_a_report_from_unnamed_sources(tmp_path: Path) -> None:
    lead = lede("It emerged last night that the envoy had met the rebel leaders twice in secret.", tmp_path)
    assert (lead.certainty, lead.source) == ("reported", "unnamed sources")


def test_fighters_who_emerge_from_a_forest_are_no_report(tmp_path: Path) -> None:
    lead = lede("Rebel fighters emerged from the forest and captured the town of Kalma on Tuesday.", tmp_path)
    assert (lead.certainty, lead.source) == ("stated", "the article")


def test_a_second_speaker_after_while_is_named_beside_the_first(tmp_path: Path) -> None:
    lead = lede("State television reported that about 200 prisoners had escaped from the jail overnight, "
                "while residents said guards opened the gates for them.", tmp_path)
    assert (lead.certainty, lead.source, lead.also) == ("reported", "State television", ["residents"])


def test_a_second_speaker_who_claims_makes_the_lede_alleged(tmp_path: Path) -> None:
    lead = lede("The interior ministry said the convoy was hit by a roadside bomb, but the rebels claimed "
                "they had ambushed it.", tmp_path)
    assert (lead.certainty, lead.also) == ("alleged", ["rebels"])


def test_a_second_speaker_who_denies_makes_the_lede_unclear(tmp_path: Path) -> None:
    lead = lede("The governor said the convoy had been attacked by bandits, while the rebels denied any "
                "part in the attack.", tmp_path)
    assert (lead.certainty, lead.also) == ("unclear", ["rebels"])


def test_a_second_verb_of_the_same_speaker_names_nobody_else(tmp_path: Path) -> None:
    lead = lede("Police said they detained two men in the port city, and added that a third suspect was "
                "still at large.", tmp_path)
    assert (lead.certainty, lead.also) == ("reported", [])


def test_a_clause_inside_what_is_said_names_nobody_else(tmp_path: Path) -> None:
    assert lede("Police said they arrested two men while they were fleeing the scene of the robbery.",
                tmp_path).also == []
    assert lede("Police said a witness said she saw the gunman leave the building before the blast.",
                tmp_path).also == []


def test_two_named_subjects_both_speak_the_lede(tmp_path: Path) -> None:
    lead = lede("Pakistan and Afghanistan have accused each other of firing shots along the tense disputed "
                "border in the mountains.", tmp_path)
    assert (lead.certainty, lead.source) == ("alleged", "Pakistan and Afghanistan")


def test_what_was_heard_names_nobody_as_its_source(tmp_path: Path) -> None:
    lead = lede("Gunfire was heard near the presidential palace in Orvana on Wednesday afternoon.", tmp_path)
    assert lead.certainty == "reported" and lead.source == "unnamed sources"


def test_a_speaker_opening_a_quotation_is_the_ledes_source(tmp_path: Path) -> None:
    lead = lede('Explaining this decision, Brigadier General Tomas Vell, head of the officers, announced on '
                'television on 26 May: "The move to take over power is to respond to a plan to destabilise '
                'the country."', tmp_path)
    assert lead.certainty == "reported" and "Vell" in lead.source


def test_what_a_government_discloses_is_its_report(tmp_path: Path) -> None:
    lead = lede("The Tarvonia State Government has disclosed that no ransom was paid for the freedom of the "
                "40 pupils abducted last month.", tmp_path)
    assert lead.certainty == "reported" and "Government" in lead.source


def test_an_operation_that_went_wrong_is_no_denial(tmp_path: Path) -> None:
    lead = lede("A military drone operation targeting insurgents went terribly wrong on Sunday night, "
                "killing dozens of villagers in the north.", tmp_path)
    assert lead.certainty != "denied"


def test_a_reporting_verb_over_no_content_is_no_news(tmp_path: Path) -> None:
    leads = analyse("Gunmen freed 40 pupils in Kelso on Sunday after a week in captivity, officials said. "
                    "The minister of information, Pol Varga, disclosed the information while briefing the "
                    "press.", tmp_path).leads
    assert not [lead for lead in leads if "disclosed the information" in lead.text]


def test_it_said_after_the_lede_names_the_body_the_lede_is_about(tmp_path: Path) -> None:
    result = analyse("Title: Inquiry opened\n\nRuritania's national prosecutor's office has begun "
                     "investigating Governor Jan Kowalski for fraud, it said, after weeks of protests in the "
                     "capital.", tmp_path, headline=False)
    [lead] = result.leads
    assert (lead.certainty, lead.source) == ("reported", "Ruritania's national prosecutor's office")


def test_declaring_a_state_of_emergency_is_an_act_the_writer_states(tmp_path: Path) -> None:
    result = analyse("Title: Emergency declared\n\nThe acting president of Ruritania on Monday declared a "
                     "state of emergency that gives him broad authority amid growing protests.", tmp_path,
                     headline=False)
    [lead] = result.leads
    assert (lead.certainty, lead.source) == ("stated", "the article")


def test_declaring_that_something_is_so_is_still_a_report(tmp_path: Path) -> None:
    result = analyse("Title: Protests banned\n\nThe acting president declared on Monday that the protests "
                     "were illegal and would be broken up by the army.", tmp_path, headline=False)
    [lead] = result.leads
    assert lead.certainty == "reported"


def test_declaring_war_on_gangs_is_an_act_the_writer_states(tmp_path: Path) -> None:
    result = analyse("Title: War on gangs\n\nRuritania's president has declared war on drugs gangs holding "
                     "scores of prison guards hostage in a wave of violence.", tmp_path, headline=False)
    [lead] = result.leads
    assert (lead.certainty, lead.source) == ("stated", "the article")


def test_a_caption_placing_a_person_in_the_picture_is_no_lede(tmp_path: Path) -> None:
    result = analyse("Published: 2031-11-14\n\nTeodor Vasko (C) wears the presidential sash after "
                     "proclaiming himself interim president in Ostburg, Ruritania, on Nov. 12, 2031. "
                     "Ruritania's interim president named a new cabinet on Wednesday.", tmp_path)
    first = [lead.text for lead in result.leads][:1]
    assert first == ["Ruritania's interim president named a new cabinet on Wednesday."]


def test_the_dash_a_caption_leaves_before_the_news_is_no_part_of_the_lede(tmp_path: Path) -> None:
    result = analyse("Published: 2031-11-14\n\nPeople line up at a bus stop in Ostburg, on November 12, "
                     "2031. \u2013 Ruritania announced sanctions against the state oil company on "
                     "Monday.", tmp_path)
    assert result.leads and result.leads[0].text.startswith("Ruritania announced sanctions")


def test_a_person_pictured_is_a_caption(tmp_path: Path) -> None:
    result = analyse("Published: 2031-11-14\n\nFormer minister Teodor Vasko is pictured at a meeting in "
                     "Ostburg on June 23, 2030. Teodor Vasko was arrested on his return to Ruritania on "
                     "Saturday.", tmp_path)
    assert result.leads and result.leads[0].text.startswith("Teodor Vasko was arrested")


def test_a_photo_of_someone_placed_somewhere_is_a_caption(tmp_path: Path) -> None:
    result = analyse("Published: 2031-11-14\n\nA photo of Anna Marek is placed among candles at a "
                     "vigil organised by students. Protests over her death spread to twenty cities on "
                     "Friday.", tmp_path)
    assert result.leads and result.leads[0].text.startswith("Protests over her death")


def test_a_sentence_opening_with_he_goes_on_a_story_and_is_no_lede(tmp_path: Path) -> None:
    result = analyse("Published: 2031-11-14\n\nFormer minister Teodor Vasko is pictured at a meeting in "
                     "Ostburg on June 23, 2030. He was arrested on Saturday as part of a probe of the "
                     "riots. Police in Ruritania detained forty rioters on Friday.", tmp_path)
    assert not [lead for lead in result.leads if lead.text.startswith("He ")]


def test_a_sentence_whose_subject_is_it_goes_on_a_story_and_is_no_lede(tmp_path: Path) -> None:
    result = analyse("It did not specify the number of people killed in revenge attacks after Prime "
                     "Minister Teodor Vasko resigned on August 5. The United Nations said about 400 people "
                     "were killed in the protests.", tmp_path)
    assert result.leads and result.leads[0].text.startswith("The United Nations said")


def test_it_has_emerged_that_is_news(tmp_path: Path) -> None:
    result = analyse("It has emerged that Teodor Vasko was arrested in Ostburg on Friday night.", tmp_path)
    assert result.leads and result.leads[0].text.startswith("It has emerged")


def test_a_scene_told_in_the_present_at_a_day_gone_by_is_a_caption(tmp_path: Path) -> None:
    result = analyse("Published: 2031-11-14\n\nPolice guard a government building in Ostburg, Ruritania, on "
                     "Tuesday after protesters gathered to oppose a ceasefire agreement. Ruritania's prime "
                     "minister signed a deal to end the war.", tmp_path)
    assert result.leads and result.leads[0].text.startswith("Ruritania's prime minister signed")


def test_a_past_gathering_on_a_day_is_news_not_a_caption(tmp_path: Path) -> None:
    result = analyse("Published: 2031-11-14\n\nThousands of protesters gathered in Ostburg on Friday to "
                     "demand the president's return.", tmp_path)
    assert result.leads and result.leads[0].text.startswith("Thousands of protesters gathered")


def test_a_state_told_in_the_present_is_news_not_a_caption(tmp_path: Path) -> None:
    result = analyse("Published: 2031-11-14\n\nThe army remains in control of the capital on Friday, "
                     "witnesses say.", tmp_path)
    assert result.leads and result.leads[0].text.startswith("The army remains")


def test_news_that_follows_a_day_gone_by_is_no_caption(tmp_path: Path) -> None:
    result = analyse("Published: 2031-08-31\n\nThe move follows a coup in the troubled state on July 26 that "
                     "toppled a close ally, President Teodor Vasko.", tmp_path)
    assert result.leads and result.leads[0].text.startswith("The move follows a coup")
