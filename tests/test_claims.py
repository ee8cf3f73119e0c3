"""Claims over time: event dates, background, party claims, the ledger and what holds now.

Every sentence here was written for the test; the dates come from each article's `Date:` header.
"""

from pathlib import Path

from extract_support import analyse, events_of, situation


def dated(day: str, title: str, body: str) -> str:
    return f"Title: {title}\nDate: {day}\n\n{body}"


def test_an_event_on_a_weekday_is_dated_the_latest_such_day_before_publication(tmp_path: Path) -> None:
    result = analyse(dated("2021-03-05", "Arrest", "Police arrested opposition leader Karl Brandt on "
                                                   "Wednesday."),
                     tmp_path, headline=False)
    [event] = events_of(result, "Brandt", "arrested")
    assert event.when == "2021-03-03" and event.article_date == "2021-03-05"


def test_an_event_dated_years_before_the_article_is_background(tmp_path: Path) -> None:
    result = analyse(dated("2021-03-05", "Profile",
                           "Karl Brandt was arrested in 2012 during a protest march."),
                     tmp_path, headline=False)
    [event] = events_of(result, "Brandt", "arrested")
    assert event.when == "2012" and event.background


def test_a_past_relative_clause_is_background(tmp_path: Path) -> None:
    result = analyse("Former minister Clara Vogt, who resigned from the cabinet over the war, "
                     "said the report was accurate.", tmp_path)
    assert all(e.background for e in events_of(result, "Vogt", "resigned"))


def test_an_undated_act_a_state_has_lasted_since_is_background(tmp_path: Path) -> None:
    result = analyse("Teodor Vasko has been leading the opposition since his ouster.", tmp_path)
    [event] = events_of(result, "Vasko", "ousted")
    assert event.background


def test_a_dated_act_a_state_has_lasted_since_goes_by_its_date(tmp_path: Path) -> None:
    result = analyse(dated("2021-03-05", "Protests", "Protests have raged since the arrest of Teodor "
                           "Vasko on Tuesday."), tmp_path, headline=False)
    [event] = events_of(result, "Vasko", "arrested")
    assert not event.background


def test_a_present_perfect_relative_clause_is_the_current_state(tmp_path: Path) -> None:
    result = analyse("The junta, which has ruled Ruritania since 2021, promised elections.", tmp_path)
    assert any(not e.background for e in events_of(result, "junta", "in power"))


def test_reported_past_perfect_is_news_not_background(tmp_path: Path) -> None:
    result = analyse("The defence ministry said an air strike had killed rebel commander Omar Faris.",
                     tmp_path)
    [event] = events_of(result, "Faris", "killed")
    assert not event.background


def test_an_accused_act_is_the_accusers_claim_never_a_fact(tmp_path: Path) -> None:
    result = analyse("Ruritania has accused Borduria of kidnapping five Ruritanian fishermen.", tmp_path)
    for event in result.events:
        if event.event == "abducted":
            assert event.certainty == "alleged" and event.source == "Ruritania"


def test_a_demanded_resignation_is_not_a_resignation(tmp_path: Path) -> None:
    result = analyse("Protesters demand that Prime Minister Hans Weber resign immediately.", tmp_path)
    assert not events_of(result, "Weber", "resigned")


def test_a_conditional_conviction_is_not_a_conviction(tmp_path: Path) -> None:
    result = analyse("General Otto Klein faces life in prison if convicted by the court.", tmp_path)
    assert not events_of(result, "Klein", "convicted")


def test_a_pronoun_with_two_fitting_people_gives_nobody_a_fact(tmp_path: Path) -> None:
    result = analyse("Interior minister Joseph Kamau told reporters that police were hunting the attackers. "
                     "A second suspect, identified as Ali Hassan, was questioned and released. "
                     "Sources said that he fled to the hills after his release.", tmp_path)
    assert not events_of(result, "Kamau", "fled")


def test_a_later_release_supersedes_an_earlier_arrest(tmp_path: Path) -> None:
    found = situation({
        "a.txt": dated("2021-03-01", "Arrest", "Opposition leader Karl Brandt was arrested by police on "
                                               "Monday."),
        "b.txt": dated("2021-03-20", "Release", "Opposition leader Karl Brandt was released from custody "
                                                "on Friday."),
    }, tmp_path)
    brandt = next(a for a in found.actors if "Brandt" in a.name)
    arrest = next(s for s in brandt.state if s.value.startswith("arrested"))
    release = next(s for s in brandt.state if s.value.startswith("released"))
    assert arrest.superseded_by.startswith("released") and not release.superseded_by
    assert brandt.status.startswith("released")
    assert not any("Brandt" in line.text and "arrested" in line.text.split(";")[0] for line in found.status)


def test_history_never_reaches_the_status_lines(tmp_path: Path) -> None:
    found = situation({"a.txt": dated("2021-03-05", "Vote", "Karl Brandt was arrested in 2012 and jailed for "
                                      "two years. Karl Brandt told a rally in the capital on Thursday that "
                                      "the election had been rigged.")}, tmp_path)
    brandt = next(a for a in found.actors if "Brandt" in a.name)
    assert all(s.history for s in brandt.state if s.slot == "liberty")
    assert not any(line.certainty == "stated" and "arrested" in line.text for line in found.status)


def test_an_actors_own_claim_is_never_stated(tmp_path: Path) -> None:
    found = situation({"a.txt": dated("2021-03-05", "Coup", "Mutinous soldiers announced that they had "
                                                            "seized "
                                      "power in the capital on Thursday.")}, tmp_path)
    for actor in found.actors:
        for entry in actor.state:
            if entry.value.startswith("seized power"):
                assert entry.certainty != "stated" and entry.claimed_by


def test_status_lines_carry_their_as_of_date_and_the_newest_lede_comes_first(tmp_path: Path) -> None:
    found = situation({
        "a.txt": dated("2021-03-01", "Clashes", "Fighting broke out between rival militias in the port "
                                                "city of Varna on Monday, residents said."),
        "b.txt": dated("2021-03-09", "Truce", "The rival militias in the port city of Varna agreed a truce "
                                              "on Tuesday after a week of fighting."),
    }, tmp_path)
    assert found.status[0].text.startswith("The rival militias") and found.status[0].as_of == "2021-03-09"
    assert any(line.as_of == "2021-03-01" and line.certainty == "reported" for line in found.status)


def _minister_denials(extra: dict[str, str], tmp_path: Path) -> list[str]:
    """The Status lines of a minister's denials: a week-old one, the newest, and `extra`."""
    old = ("The interior minister has denied that the election results were altered by officials in his "
           "ministry.")
    new = ("The interior minister has again denied that the election was rigged by his officials. Claims "
           "that the results were altered by his ministry were \"baseless\", he insisted on Monday.")
    found = situation({"a.txt": dated("2031-03-01", "Minister denies vote claims", old),
                       "b.txt": dated("2031-03-08", "Minister again denies", new), **extra}, tmp_path)
    return [line.text for line in found.status if line.certainty == "denied"]


def test_a_speakers_older_lede_that_retells_a_newer_one_is_left_out(tmp_path: Path) -> None:
    lines = _minister_denials({}, tmp_path)
    assert not any(line.startswith("The interior minister has denied that the election") for line in lines)
    assert any(line.startswith("The interior minister has again denied") for line in lines)


def test_a_speakers_older_lede_about_something_else_stays(tmp_path: Path) -> None:
    curfew = "The interior minister has denied that a curfew will be imposed on the capital."
    lines = _minister_denials({"c.txt": dated("2031-03-04", "Minister denies curfew", curfew)}, tmp_path)
    assert curfew in lines


def test_an_older_articles_lede_months_before_the_newest_is_left_out_of_status(tmp_path: Path) -> None:
    found = situation({
        "may.txt": dated("2031-05-05", "Rebels vow", "The rebel leader vowed on Monday to hold the captured "
                                                    "engineers until his demands are met."),
        "october.txt": dated("2031-10-17", "Truce", "The army said it had agreed a truce with the rebels "
                                                    "holding the engineers."),
    }, tmp_path)
    assert not any(line.text.startswith("The rebel leader vowed") for line in found.status)
    assert any(line.text.startswith("The army said it had agreed a truce") for line in found.status)


def test_a_plan_told_months_before_the_newest_article_is_no_status_line(tmp_path: Path) -> None:
    found = situation({
        "may.txt": dated("2031-05-05", "Vow", "Rebel leader Omar Diallo vowed to sell the captured "
                                              "engineers."),
        "october.txt": dated("2031-10-17", "Truce", "The army said it had agreed a truce with the rebels."),
    }, tmp_path)
    assert not any(line.text.startswith("Omar Diallo: plans") for line in found.status)


def _host_plan(newest: str, tmp_path: Path) -> list[str]:
    """Status after a plan to host talks on 29 May (told on 18 May) and a later article."""
    found = situation({
        "plan.txt": dated("2031-05-18", "Talks", "Korvia plans to host a conference on May 29 on the refugee "
                                                 "crisis."),
        "later.txt": dated(newest, "Camps", "Police found more graves near the border on Sunday."),
    }, tmp_path)
    return [line.text for line in found.status]


def test_a_plan_whose_day_has_come_is_no_status_line(tmp_path: Path) -> None:
    assert not any(line.startswith("Korvia: plans") for line in _host_plan("2031-05-29", tmp_path))


def test_a_plan_whose_day_is_still_ahead_is_a_status_line(tmp_path: Path) -> None:
    assert any(line.startswith("Korvia: plans to host a conference on May 29")
               for line in _host_plan("2031-05-25", tmp_path))


def test_a_repeated_past_detention_is_background(tmp_path: Path) -> None:
    result = analyse("The opposition leader Karl Brandt has been repeatedly detained by the authorities.",
                     tmp_path)
    assert all(e.background for e in events_of(result, "Brandt", "detained"))


def test_the_possessor_of_an_arrest_of_someone_made_the_arrest(tmp_path: Path) -> None:
    result = analyse("Ruritania's arrest of Karl Brandt drew protests in the capital.", tmp_path)
    assert events_of(result, "Brandt", "arrested") and not events_of(result, "Ruritania", "arrested")


def test_a_court_ruling_is_not_being_in_power(tmp_path: Path) -> None:
    result = analyse("The Supreme Court of Ruritania ruled that the election law was unconstitutional.",
                     tmp_path)
    assert not [e for e in result.events if e.event == "in power"]


def test_whom_a_speaker_tells_is_not_what_they_say(tmp_path: Path) -> None:
    result = analyse('President Ivan Petrov told his Bordurian counterpart: "The rebels staged the attack '
                     'themselves."', tmp_path)
    said = events_of(result, "Petrov", "says")
    assert said and all("counterpart" not in e.detail for e in said)


def test_a_quote_after_an_ambiguous_he_is_nobodys_statement(tmp_path: Path) -> None:
    result = analyse("President Ivan Petrov told reporters that opposition leader Karl Brandt was a traitor. "
                     "'Until recently,' he wrote, 'I could not walk or talk.'", tmp_path)
    assert not [e for e in events_of(result, "Petrov", "says") if "walk" in e.detail]


def test_leading_calls_for_help_is_no_office(tmp_path: Path) -> None:
    result = analyse(
        "Former Prime Minister Hans Weber leads calls for foreign governments to send aid.", tmp_path
    )
    assert not events_of(result, "Weber", "leads")


def test_leading_a_junta_is_an_office(tmp_path: Path) -> None:
    result = analyse("Colonel Ivan Petrov leads the junta that seized power in March.", tmp_path)
    assert events_of(result, "Petrov", "leads")


def test_dated_history_goes_to_context_history(tmp_path: Path) -> None:
    found = situation({"a.txt": dated("2021-03-05", "Vote", "Karl Brandt was arrested in 2012 during a "
                                                            "protest "
                                      "march. Karl Brandt told a rally in the capital on Thursday that the "
                                      "election had been rigged.")}, tmp_path)
    history = [c for c in found.context if c.kind == "history"]
    assert any("Brandt" in c.text and 2012 in c.years for c in history)


def test_they_after_a_plural_subject_and_a_later_group_gives_the_group_no_fact(tmp_path: Path) -> None:
    result = analyse("Refugees told reporters they had been turned back by the border guards twice. "
                     "The second time, they say they were held at gunpoint for a day.", tmp_path)
    assert not [e for e in result.events if "guards" in e.actor and e.event == "detained"]


def test_each_claim_names_how_its_source_stands_to_it() -> None:
    from sitrep.merge import source_relation

    outlets = {"AFP"}
    assert source_relation("Ruritania", "Ruritania", outlets) == "own account"
    assert source_relation("AFP", "Karl Brandt", outlets) == "outlet"
    assert source_relation("a source close to him", "Karl Brandt", outlets) == "anonymous"
    assert source_relation("Interior Ministry", "Karl Brandt", outlets) == "official"
    assert source_relation("Borduria", "Karl Brandt", outlets) == "party"
    assert source_relation("the article", "Karl Brandt", outlets) == "article"


def test_an_actors_own_claim_reads_claimed_by_in_its_status(tmp_path: Path) -> None:
    found = situation({"a.txt": dated("2021-03-05", "Coup", "The National Salvation Committee said it had "
                                      "seized power in the capital on Thursday.")}, tmp_path)
    committee = next(a for a in found.actors if "Committee" in a.name)
    assert "claimed by" in committee.status


def test_a_person_known_by_a_name_takes_what_happens_to_them(tmp_path: Path) -> None:
    result = analyse("The former soldier known as Tariq was killed on the last day of the siege.", tmp_path)
    assert events_of(result, "Tariq", "killed")


def test_a_groups_fighters_who_carried_out_an_attack_are_the_group(tmp_path: Path) -> None:
    found = situation({"a.txt": dated("2021-03-05", "Attack", "Police released pictures of the Red Hand "
                                      "Brigade gunmen who carried out the attack on the hotel.")}, tmp_path)
    brigade = next(a for a in found.actors if "Red Hand" in a.name)
    assert "carried out the attack" in brigade.status


def test_being_suspected_is_in_the_accused_family(tmp_path: Path) -> None:
    result = analyse("Police said Karl Brandt is suspected of planning the bombing.", tmp_path)
    assert events_of(result, "Brandt", "suspected")


def test_a_later_look_back_at_a_detention_does_not_undo_the_release(tmp_path: Path) -> None:
    found = situation({
        "a.txt": dated("2021-03-08", "Freed", "Soldiers released President Teodor Vasko on Monday."),
        "b.txt": dated("2021-03-10", "Interview", "President Teodor Vasko said he had been held in a room at "
                                                  "an army barracks for a week."),
    }, tmp_path)
    vasko = next(a for a in found.actors if "Vasko" in a.name)
    assert vasko.status.startswith("released")


def test_a_demanded_release_is_no_release(tmp_path: Path) -> None:
    result = analyse("Protesters called for the president's immediate release. Diplomats pressed for the "
                     "release of the detained ministers.", tmp_path)
    assert not [e for e in result.events if e.event == "released"]


def test_an_ordered_release_or_arrest_is_not_yet_one(tmp_path: Path) -> None:
    for text in ("The regional bloc ordered the immediate release of President Teodor Vasko.",
                 "A court ordered that President Teodor Vasko be released.",
                 "The junta ordered the arrest of President Teodor Vasko."):
        result = analyse(text, tmp_path)
        assert not events_of(result, "Vasko", "released") and not events_of(result, "Vasko", "arrested"), text


def test_a_country_is_never_the_one_released(tmp_path: Path) -> None:
    # "release" read as a noun with the country's possessive on it
    result = analyse("The bloc has also demanded that Guinea's military release Teodor Vasko, Barry said.",
                     tmp_path)
    assert not [e for e in result.events if e.event == "released"]


def test_a_promised_release_is_no_release(tmp_path: Path) -> None:
    result = analyse("A junta spokesman said President Teodor Vasko would be released when the situation "
                     "permits.", tmp_path)
    assert not events_of(result, "Vasko", "released")


def test_arrested_multiple_times_is_background(tmp_path: Path) -> None:
    result = analyse("He returned to Ruritania, where Karl Brandt has been arrested multiple times.",
                     tmp_path)
    assert all(e.background for e in events_of(result, "Brandt", "arrested"))


def test_released_from_hospital_is_a_discharge_not_a_release_from_custody(tmp_path: Path) -> None:
    result = analyse("Opposition leader Karl Brandt was released from a military hospital on Friday.",
                     tmp_path)
    assert events_of(result, "Brandt", "discharged") and not events_of(result, "Brandt", "released")


def test_released_after_weeks_of_treatment_is_a_discharge(tmp_path: Path) -> None:
    result = analyse("The clinic said opposition leader Karl Brandt had been released after 32 days of "
                     "treatment.", tmp_path)
    assert events_of(result, "Brandt", "discharged") and not events_of(result, "Brandt", "released")


def test_released_after_weeks_in_captivity_is_a_release_from_custody(tmp_path: Path) -> None:
    result = analyse("Karl Brandt was released on Monday after 32 days in captivity.", tmp_path)
    assert events_of(result, "Brandt", "released") and not events_of(result, "Brandt", "discharged")


def test_a_bare_release_of_someone_the_article_says_was_discharged_is_that_discharge(tmp_path: Path) -> None:
    result = analyse("Opposition leader Karl Brandt was discharged from a Berlin hospital on Tuesday.\n\n"
                     "The news that Brandt has been released comes five days after he last shared an update "
                     "on his condition.", tmp_path)
    assert len(events_of(result, "Brandt", "discharged")) == 2 and not events_of(result, "Brandt", "released")


def test_a_release_from_prison_stays_a_release_beside_a_discharge_from_hospital(tmp_path: Path) -> None:
    result = analyse("Opposition leader Karl Brandt was discharged from a Berlin hospital on Tuesday.\n\n"
                     "Brandt was released from prison in March after a pardon.", tmp_path)
    assert events_of(result, "Brandt", "discharged") and events_of(result, "Brandt", "released")


def test_saying_someone_was_behind_an_attack_accuses_them(tmp_path: Path) -> None:
    result = analyse("Opposition leader Karl Brandt has alleged that President Ivan Petrov was behind the "
                     "bombing.", tmp_path)
    [event] = events_of(result, "Petrov", "accused")
    assert event.certainty == "alleged" and "Brandt" in event.source


def test_a_counted_group_keeps_its_count(tmp_path: Path) -> None:
    result = analyse("Eight suspects are being held over the attack, the interior minister said.", tmp_path)
    [event] = [e for e in result.events if e.actor == "suspects"]
    assert event.detail == "(Eight)"


def test_a_counted_group_s_event_reads_with_its_count_first(tmp_path: Path) -> None:
    result = analyse("Eight suspects are being held over the attack, the interior minister said.", tmp_path)
    [event] = [e for e in result.events if e.actor == "suspects"]
    assert event.phrase == "reported eight detained (interior minister)"


def test_boats_holding_migrants_is_no_detention(tmp_path: Path) -> None:
    result = analyse("Boats holding more than 2,000 migrants landed in three countries this month.", tmp_path)
    assert not [e for e in result.events if e.event == "detained"]


def test_police_holding_suspects_is_a_detention(tmp_path: Path) -> None:
    result = analyse("Police are holding eight suspects over the attack.", tmp_path)
    assert [e for e in result.events if e.event == "detained" and e.actor == "suspects"]


def test_a_bare_release_with_no_detention_in_the_situation_is_no_status(tmp_path: Path) -> None:
    sit = situation({"a.txt": dated("2031-09-23", "Poisoned", "The news that opposition leader Ivan Sorel "
                                                              "has been "
                                    "released comes five days after he shared an update on his condition.")},
                    tmp_path)
    assert not [line for line in sit.status if "released" in line.text and line.text.startswith("Ivan Sorel")]


def test_a_release_after_a_detention_is_status(tmp_path: Path) -> None:
    sit = situation({"a.txt": dated("2031-09-20", "Arrest", "Police arrested opposition leader Ivan Sorel on "
                                    "Saturday."),
                     # the release told after the ledes, so that no lede shown tells it already
                     "b.txt": dated("2031-09-23", "Freed", "Crowds gathered outside the court in the capital."
                                                           " Lawyers spoke to reporters at the gates.\n\n"
                                                           "Opposition leader Ivan Sorel was released on "
                                                           "Tuesday.")},
                    tmp_path)
    assert any(line.text.startswith("Ivan Sorel: released") for line in sit.status)


def test_a_groups_incident_months_before_the_newest_article_is_not_a_status_line(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": "Title: Test article\nDate: 2031-06-16\n\nTwenty Lusenian soldiers were killed in a clash "
                 "on Monday, the army said.",
        "b.txt": "Title: Test article\nDate: 2031-09-09\n\nThe foreign ministers of Lusenia and Velmora "
                 "agreed to ease tensions on the border.",
    }, tmp_path)
    assert not any(line.text.startswith("soldiers:") for line in sit.status)


def test_a_groups_old_incident_retold_without_its_date_is_not_a_status_line(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": "Title: Test article\nDate: 2031-09-07\n\nAt least 20 Lusenian soldiers were killed in June "
                 "during a brawl at the border.",
        "b.txt": "Title: Test article\nDate: 2031-09-08\n\nAt least 20 Lusenian soldiers were killed in "
                 "hand-to-hand fighting with makeshift weapons.",
        "c.txt": "Title: Test article\nDate: 2031-09-09\n\nThe foreign ministers of Lusenia and Velmora "
                 "agreed to ease tensions on the border.",
    }, tmp_path)
    assert not any("soldiers:" in line.text and "killed" in line.text for line in sit.status)


def test_a_groups_new_incident_beside_an_old_one_is_a_status_line(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": "Title: Test article\nDate: 2031-09-07\n\nAt least 20 Lusenian soldiers were killed in June "
                 "during a brawl at the border.",
        # the incident told after the ledes, so that no lede shown tells it already
        "b.txt": "Title: Test article\nDate: 2031-09-09\n\nThe foreign ministers of Lusenia and Velmora "
                 "agreed on Tuesday to reopen talks on the border dispute. The talks will be held in Geneva "
                 "next month.\n\nThree Lusenian soldiers were killed on Monday in "
                 "a new clash at the border, the army said.",
    }, tmp_path)
    assert any("soldiers:" in line.text and "killed on Monday" in line.text for line in sit.status)


def test_a_persons_detention_months_ago_still_holds_in_status(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": "Title: Test article\nDate: 2031-06-16\n\nOpposition leader Marek Halvass was arrested on "
                 "Monday and taken to a prison outside the capital.",
        "b.txt": "Title: Test article\nDate: 2031-09-09\n\nThe foreign ministers of Lusenia and Velmora "
                 "agreed to ease tensions on the border.",
    }, tmp_path)
    assert any(line.text.startswith("Marek Halvass:") for line in sit.status)


def _status_of(found, name: str) -> str:  # noqa: ANN001 - a Situation
    return next(a for a in found.actors if name in a.name).status


def test_an_action_the_writer_tells_in_the_past_perfect_is_earlier_not_now(tmp_path: Path) -> None:
    found = situation({"a.txt": dated("2021-03-05", "Border", "Russia accused Ukraine of shelling a border "
                                      "village on Thursday. Russia had seized Crimea ten years before and "
                                      "accused Ukraine of stirring unrest.")}, tmp_path)
    status = _status_of(found, "Russia")
    assert "earlier: seized Crimea" in status and not status.startswith("seized")


def test_an_action_dated_before_the_story_is_earlier_with_its_date(tmp_path: Path) -> None:
    found = situation({"a.txt": dated("2021-03-05", "Border", "Russia, which seized Crimea in 2014, accused "
                                      "Ukraine of shelling a border village on Thursday.")}, tmp_path)
    assert "earlier: seized Crimea (2014)" in _status_of(found, "Russia")


def test_an_action_someone_tells_in_the_past_perfect_is_still_news(tmp_path: Path) -> None:
    found = situation({"a.txt": dated("2015-05-21", "Palmyra", "Activists said ISIL fighters had seized "
                                      "the town's prison on Wednesday night.")}, tmp_path)
    assert "earlier" not in _status_of(found, "ISIL")


def test_an_undated_action_in_a_relative_clause_is_still_news(tmp_path: Path) -> None:
    found = situation({"a.txt": dated("2013-09-24", "Siege", "Kenyan troops fought al-Shabab, which carried "
                                      "out the attack on the mall, for a fourth day on Tuesday.")}, tmp_path)
    status = _status_of(found, "Shabab")
    assert "carried out the attack" in status and "earlier" not in status


def test_an_accused_actors_status_line_carries_its_denial_of_the_charge(tmp_path: Path) -> None:
    text = ("The case against Jan Kowalski is being brought by local Green Party supporters. "
            "Mr Kowalski denies conspiring to commit election fraud.")
    found = situation({"a.txt": dated("2031-04-05", "Vote fraud trial", text)}, tmp_path)
    lines = [line.text for line in found.status]
    assert ("Jan Kowalski: accused by local Green Party supporters; denies conspiring to commit election "
            "fraud") in lines


def test_co_accused_whose_lines_tell_the_same_share_one_status_line(tmp_path: Path) -> None:
    text = ("The case against Jan Kowalski, Piotr Nowak and Adam Wisniewski is being brought by local Green "
            "Party supporters. Mr Kowalski, Mr Nowak and Mr Wisniewski deny conspiring to commit election "
            "fraud.")
    found = situation({"a.txt": dated("2031-04-05", "Vote fraud trial", text)}, tmp_path)
    [line] = [line for line in found.status if "; denies" in line.text]
    assert line.text.startswith("Adam Wisniewski, Jan Kowalski and Piotr Nowak: accused by local Green Party")
    assert set(line.actors) == {"Jan Kowalski", "Piotr Nowak", "Adam Wisniewski"}


def test_an_actor_line_told_only_by_two_ledes_shown_as_surely_is_left_out(tmp_path: Path) -> None:
    found = situation({
        "a.txt": dated("2031-03-09", "Coup", "Mutinous soldiers said they seized power in the capital on "
                                             "Thursday and ordered the airport shut, threatening renewed "
                                             "fighting."),
        "b.txt": dated("2031-03-10", "Coup", "Soldiers announced that they had seized power in an angry "
                                             "reaction to the government's handling of a rebellion in the "
                                             "north."),
    }, tmp_path)
    ledes = [line for line in found.status
             if line.text.startswith(("Mutinous soldiers said", "Soldiers announced"))]
    assert len(ledes) == 2
    assert not any(line.text.startswith("soldiers: seized power") for line in found.status)


def test_what_a_side_would_not_say_is_no_claim_of_theirs(tmp_path: Path) -> None:
    for text in ("The army did not say how many soldiers were killed in the ambush.",
                 "Police declined to say whether the suspect had been arrested."):
        assert analyse(text, tmp_path).events == []


def test_an_undated_retelling_of_a_death_dated_years_before_is_history(tmp_path: Path) -> None:
    found = situation({
        "a.txt": "Title: Crisis\nDate: 2031-03-12\n\nThe prime minister took over after the assassination of "
                 "President Ilario Ndaló in 2027.",
        "b.txt": "Title: Crisis 2\nDate: 2031-03-12\n\nPrime Minister Pol Varga announced his resignation. "
                 "He had governed the country following the assassination of President Ilario Ndaló.",
    }, tmp_path)
    assert not [line for line in found.status if line.text.startswith("Ilario Ndaló")]
    [ndalo] = [a for a in found.actors if "Ndaló" in a.name]
    assert ndalo.status == "earlier: killed (2027)"


def test_two_outlets_telling_the_same_news_in_their_words_are_one_line(tmp_path: Path) -> None:
    found = situation({
        "a.txt": "Title: Resigns\nDate: 2031-04-25\nOutlet: The Orvana Courier\n\nTarvonia's Prime Minister "
                 "Pol Varga resigned on Thursday as a new council was sworn in to lead the country gripped "
                 "by deadly gang violence.",
        "b.txt": "Title: Resigns 2\nDate: 2031-04-26\nOutlet: Kelso Daily\n\nIn a country plagued by deadly "
                 "gang violence, Tarvonia's Prime Minister Pol Varga resigned on Thursday as a new council "
                 "was sworn in to lead the nation.",
    }, tmp_path)
    ledes = [line for line in found.status if "sworn in" in line.text]
    assert len(ledes) == 1 and set(ledes[0].sources) == {"Kelso Daily", "The Orvana Courier"}


def test_no_official_figures_names_no_one_in_the_status(tmp_path: Path) -> None:
    found = situation({"a.txt": "Title: Strike\nDate: 2031-12-05\n\nAt least 40 villagers were killed in "
                                "a drone strike on Sunday, residents said. There were no official figures on "
                                "the number of people killed or those who were injured."}, tmp_path)
    [line] = [line for line in found.status if line.text.startswith("No official word")]
    assert line.text == "No official word: no official figures on the number of people killed"


def test_an_actor_line_told_only_by_one_lede_shown_as_surely_is_left_out(tmp_path: Path) -> None:
    found = situation({
        "a.txt": dated("2031-03-10", "Raid", "State television reported that about 40 civilians had been "
                                             "killed by the militia since Wednesday.\n\nCivilians fled the "
                                             "town on foot, residents said. Aid groups said civilians were "
                                             "sheltering in schools."),
    }, tmp_path)
    assert [line.text for line in found.status if line.text.startswith("State television reported")]
    assert not any(line.text.startswith("civilians: reported killed") for line in found.status)


def test_placed_under_house_arrest_holds_the_one_placed(tmp_path: Path) -> None:
    result = analyse("The military placed President Teodor Vasko under house arrest on Wednesday.", tmp_path)
    assert events_of(result, "Vasko", "arrested")
    assert not [e for e in result.events if e.event == "arrested" and "Vasko" not in e.actor]


def test_of_the_ways_out_of_office_told_the_latest_is_status(tmp_path: Path) -> None:
    found = situation({
        "a.txt": dated("2031-03-18", "Party", "Crowds filled the streets of the capital on Saturday. "
                                              "Shops stayed shut.\n\nThe ruling party ousted President "
                                              "Teodor Vasko as its leader on Saturday."),
        "b.txt": dated("2031-03-21", "Quits", "Parliament met in a joint session on Tuesday. Lawmakers "
                                              "cheered.\n\nPresident Teodor Vasko resigned on Tuesday."),
    }, tmp_path)
    lines = [line.text for line in found.status if line.text.startswith("Teodor Vasko:")]
    assert any("resigned" in line for line in lines), lines
    assert not any("ousted" in line for line in lines), lines


def test_who_the_authorities_say_died_is_the_one_who_died_on_their_word(tmp_path: Path) -> None:
    result = analyse("The president spoke at the funeral of Teodor Vasko, who the authorities say died from "
                     "wounds.", tmp_path)
    [death] = [e for e in result.events if e.event in ("dead", "killed")]
    assert "Vasko" in death.actor and death.source == "authorities" and death.certainty == "reported"


def test_declaring_someone_winner_reports_nothing_hung_on_it(tmp_path: Path) -> None:
    result = analyse("Teodor Vasko was declared winner with about 79 percent of the vote just before he was "
                     "killed.", tmp_path)
    [killed] = events_of(result, "Vasko", "killed")
    assert killed.source == "the article" and killed.certainty == "stated"


def test_a_death_the_news_came_a_week_after_is_not_dated_by_the_news(tmp_path: Path) -> None:
    result = analyse("Published: 2031-03-16\n\nThe military rulers named a civilian prime minister on "
                     "Monday, a week after President Teodor Vasko's battlefield death.", tmp_path)
    [death] = [e for e in result.events if e.event in ("dead", "killed")]
    assert death.when != "2031-03-15"


def test_a_death_a_week_before_a_dated_naming_is_dated_the_week_before(tmp_path: Path) -> None:
    result = analyse("Published: 2031-03-16\n\nThe military rulers named a civilian prime minister on "
                     "Monday, a week after President Teodor Vasko's battlefield death.", tmp_path)
    [death] = [e for e in result.events if e.event in ("dead", "killed")]
    assert death.when == "2031-03-03/2031-03-09"  # the week before Monday 10 March


def test_an_ousting_a_year_before_the_vote_it_leads_to_is_history(tmp_path: Path) -> None:
    result = analyse("Published: 2031-09-17\n\nThe vote is meant to mark a return to democracy a year after "
                     "protesters toppled President Teodor Vasko.", tmp_path)
    [ousted] = events_of(result, "Vasko", "ousted")
    assert ousted.background and ousted.when == "2030"


def test_an_ousting_years_before_is_history_with_no_date(tmp_path: Path) -> None:
    result = analyse("Published: 2031-09-17\n\nThe vote comes years after protesters toppled President "
                     "Teodor Vasko.", tmp_path)
    [ousted] = events_of(result, "Vasko", "ousted")
    assert ousted.background and not ousted.when


def test_an_ousting_two_months_before_is_dated_and_still_news(tmp_path: Path) -> None:
    result = analyse("Published: 2031-09-17\n\nThe vote comes two months after the ouster of President "
                     "Teodor Vasko.", tmp_path)
    [ousted] = events_of(result, "Vasko", "ousted")
    assert not ousted.background and ousted.when == "2031-07"


def test_an_accusation_with_no_one_making_it_is_not_accused_by_the_accusations(tmp_path: Path) -> None:
    text = "A rebel leader hit back at accusations that Lusenian separatists are to blame for the crash."
    found = situation({"a.txt": dated("2031-07-19", "Crash", text)}, tmp_path)
    status = _status_of(found, "rebels")
    assert "accused" in status and "accused by accusations" not in status


def test_what_was_done_rather_than_toppling_him_does_not_topple_him(tmp_path: Path) -> None:
    result = analyse("President Teodor Vasko addressed the nation on Monday. Rather than toppling him, the "
                     "attempted coup appears to have bolstered his grip on power.", tmp_path)
    assert not events_of(result, "Vasko", "ousted")


def test_her_after_a_woman_called_sheikh_is_that_woman(tmp_path: Path) -> None:
    result = analyse("Ravi Menon on Tuesday said that former Prime Minister Sheikh Amina Rahman sought "
                     "approval to come to India following her resignation on August 5.", tmp_path)
    assert events_of(result, "Rahman", "resigned")
    assert not events_of(result, "Menon", "resigned")


def test_what_a_side_did_not_specify_is_not_the_event_it_is_timed_against(tmp_path: Path) -> None:
    result = analyse("It did not specify the number of people killed in revenge attacks after Prime Minister "
                     "Teodor Vasko resigned on August 5.", tmp_path)
    [resigned] = events_of(result, "Vasko", "resigned")
    assert resigned.certainty == "stated"


def test_headed_to_a_place_is_going_there_not_leading_it(tmp_path: Path) -> None:
    result = analyse("Teodor Vasko left the capital in a military helicopter and may be headed to a safer "
                     "location in India.", tmp_path)
    assert not events_of(result, "Vasko", "leads")


def test_a_question_whether_something_happened_tells_nothing(tmp_path: Path) -> None:
    result = analyse("Teodor Vasko's fiancee waited outside for hours. Did they detain Teodor Vasko?",
                     tmp_path)
    assert not events_of(result, "Vasko", "detained")


def test_a_question_why_something_happened_takes_it_as_known(tmp_path: Path) -> None:
    assert events_of(analyse("Why was Teodor Vasko arrested?", tmp_path), "Vasko", "arrested")


def test_announcing_ones_own_resignation_is_resigning(tmp_path: Path) -> None:
    result = analyse("Prime Minister Teodor Vasko addressed the nation, announcing his resignation and "
                     "that of his government.", tmp_path)
    [resigned] = events_of(result, "Vasko", "resigned")
    assert resigned.certainty == "stated" and resigned.source == "the article"


def test_a_resignation_announced_as_others_tell_it_rests_on_them(tmp_path: Path) -> None:
    result = analyse("Officials said Teodor Vasko announced his resignation on Monday.", tmp_path)
    [resigned] = events_of(result, "Vasko", "resigned")
    assert resigned.certainty == "reported" and resigned.source == "officials"


def test_denying_ones_part_in_a_death_does_not_deny_the_death(tmp_path: Path) -> None:
    result = analyse("The Kremlin has denied being involved with Teodor Vasko's death.", tmp_path)
    assert not [e for e in result.events if "Vasko" in e.actor and e.polarity == "denied"]


def test_denying_the_death_itself_still_denies_it(tmp_path: Path) -> None:
    result = analyse("The Kremlin denied that Teodor Vasko had been killed.", tmp_path)
    [killed] = events_of(result, "Vasko", "killed")
    assert killed.polarity == "denied"


def test_a_groups_killed_and_injured_members_are_no_dispute(tmp_path: Path) -> None:
    found = situation({
        "a.txt": dated("2031-08-26", "Blast", "The president said all Americans were heartbroken by the "
                                              "deaths of the American soldiers."),
        "b.txt": dated("2031-08-26", "Blast", "A general said 15 American soldiers were also injured in the "
                                              "bombings."),
    }, tmp_path)
    assert not [d for d in found.disputes if "killed or injured" in d.subject]


def test_an_unnamed_officials_own_resignation_is_no_named_persons(tmp_path: Path) -> None:
    result = analyse("Deputy defence minister Ravi Perera said the death toll had been revised down to 253. "
                     "The country's top defence official meanwhile announced his resignation.", tmp_path)
    assert not events_of(result, "Perera", "resigned")


def test_a_release_an_official_announces_is_the_named_detainees(tmp_path: Path) -> None:
    result = analyse("Teodor Vasko was arrested on Monday. The minister announced his release on Friday.",
                     tmp_path)
    assert events_of(result, "Vasko", "released")
