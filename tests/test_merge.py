"""Merging articles into one Situation: focus, cross-article disputes, wire copies."""

from pathlib import Path

import pytest

from extract_support import situation

WIRE = ("Initial reports said General Abass Dembele was detained in Bamako on Sunday.\n\n"
        "A source close to Dembele denied his arrest, saying he is in good health.")


def test_focus_counts_a_countrys_institutions_and_towns(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Sudan army retakes Omdurman\n\nSudan's army said it retook a district of "
                      "Omdurman. Egypt and the United Arab Emirates were accused of backing opposing sides."}
    assert situation(texts, tmp_path).focus == "Sudan"


def test_arrest_reported_in_one_article_and_denied_in_another_is_a_contradiction(tmp_path: Path) -> None:
    texts = {"afp.txt": "Title: Arrests in Mali\n\nInitial reports said General Abass Dembele was detained "
                        "in Bamako.",
             "bbc.txt": "Title: General denies arrest\n\nA source close to General Abass Dembele denied "
                        "his arrest."}
    found = situation(texts, tmp_path)
    [dispute] = [d for d in found.disputes if d.kind == "contradiction" and "Dembele" in d.subject]
    assert {c.article for c in dispute.claims} == {"afp.txt", "bbc.txt"}


def test_plans_to_do_different_things_do_not_contradict_each_other(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Concessions\n\nRussian-backed President Teodor Vasko, under pressure to quit "
                      "from mass demonstrations in the capital, promised a national unity government and "
                      "constitutional change to reduce his powers, as well as the presidential polls.",
             "b.txt": "Title: Interview\n\nIn a television interview which the station said was also "
                      "conducted in Ostburg, President Teodor Vasko said he would not resign or leave the "
                      "country, and called decisions by parliament illegal."}
    found = situation(texts, tmp_path)
    assert not [d for d in found.disputes if d.kind == "contradiction" and "plans" in d.subject]
    vasko = next(a for a in found.actors if a.name == "Teodor Vasko")
    assert "disputed" not in vasko.status


def test_a_plan_told_and_denied_is_a_contradiction(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Vote\n\nThe junta plans to hold elections in March, a spokesman said.",
             "b.txt": "Title: No vote\n\nThe junta denied it planned to hold elections in March."}
    found = situation(texts, tmp_path)
    assert [d for d in found.disputes if d.kind == "contradiction" and "plans" in d.subject]


def test_figures_from_two_articles_are_one_numeric_dispute(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Ambush\n\nOfficials said eight soldiers were killed in the ambush.",
             "b.txt": "Title: Ambush toll\n\nA local source said 10 soldiers were killed in the ambush."}
    [numeric] = [d for d in situation(texts, tmp_path).disputes if d.kind == "numeric"]
    assert {c.article for c in numeric.claims} == {"a.txt", "b.txt"}


def test_same_wire_copy_in_two_outlets_counts_its_mentions_once(tmp_path: Path) -> None:
    texts = {"a.txt": f"Title: Mali arrests\n\n{WIRE}", "b.txt": f"Title: Mali general held?\n\n{WIRE}"}
    found = situation(texts, tmp_path)
    dembele = next(a for a in found.actors if a.name == "Abass Dembele")
    assert dembele.mentions == 2  # two sentences, not four
    assert len(dembele.articles) == 2


def test_status_line_never_states_a_denied_arrest_as_fact(tmp_path: Path) -> None:
    found = situation({"a.txt": f"Title: Mali arrests\n\n{WIRE}"}, tmp_path)
    dembele = next(a for a in found.actors if a.name == "Abass Dembele")
    assert dembele.status.startswith(("reportedly", "reported"))
    assert "denied" in dembele.status
    lines = [s for s in found.status if "Dembele" in s.text]
    assert lines and all(line.certainty != "stated" for line in lines)


def test_a_plan_an_actor_rules_out_reads_as_no_plans_on_its_word(tmp_path: Path) -> None:
    found = situation({"a.txt": "Title: Ransom\n\nThe kidnappers demanded a ransom for the pupils. The "
                                "government said it would not pay any ransom."}, tmp_path)
    government = next(a for a in found.actors if a.name == "the government")
    assert government.status.startswith("no plans to pay any ransom")


def test_a_country_named_only_by_its_places_is_the_focus(tmp_path: Path) -> None:
    found = situation({"a.txt": "Title: Kidnap\n\nGunmen abducted 40 pupils from a school near Kaduna on "
                                "Thursday. The pupils were taken to a forest camp in Zamfara."}, tmp_path)
    assert not [a for a in found.actors if a.kind == "country"]
    assert found.focus == "Nigeria"


def test_a_leaders_country_by_his_title_counts_towards_the_focus(tmp_path: Path) -> None:
    found = situation({"a.txt": "Title: Attack\n\nRussian President Ilya Volkov vowed revenge in Moscow on "
                                "Saturday. Volkov said the gunmen had fled towards Ukraine. Volkov blamed "
                                "Ukraine, and Ukraine denied it."}, tmp_path)
    assert found.focus == "Russia"


def test_a_capital_that_speaks_for_its_government_is_no_place_of_the_story(tmp_path: Path) -> None:
    found = situation({"a.txt": "Title: Denial\n\nGunmen attacked a concert hall in Krasnogorsk on Friday. "
                                "Kyiv strongly denied any involvement."}, tmp_path)
    places = [item.text for item in found.context if item.kind == "place"]
    assert not [p for p in places if p.startswith("Kyiv")]


def test_merging_twice_leaves_the_inputs_as_extracted(tmp_path: Path) -> None:
    from sitrep.merge import merge

    from extract_support import analyse

    # Two outlets resting the same claim on different hedged sources: merged into one item.
    texts = {"a.txt": "Title: Arrests\n\nSources indicate that soldiers have been arrested in Mali.",
             "b.txt": "Title: More arrests\n\nThe AFP news agency claimed that soldiers were arrested in "
                      "Bamako."}
    results = [analyse(text, tmp_path, name) for name, text in texts.items()]
    before = [[(d.subject, len(d.claims), list(d.actors)) for d in r.disputes] for r in results]
    first = merge(results, [], tmp_path).to_dict()
    second = merge(results, [], tmp_path).to_dict()
    assert [[(d.subject, len(d.claims), list(d.actors)) for d in r.disputes] for r in results] == before
    assert first["disputes"] == second["disputes"]


def test_the_title_is_the_headline_the_others_share_not_the_last_modified_file(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Rebels seize airport in Varna\n\nRebel fighters seized the airport in Varna "
                      "on Monday.",
             "b.txt": "Title: Varna airport fighting spreads as rebels hold airport\n\nFighting spread "
                      "around the airport in Varna on Tuesday.",
             "c.txt": "Title: Floods hit farms in the south\n\nHeavy rain flooded farms in the south on "
                      "Tuesday."}
    found = situation(texts, tmp_path)  # c.txt, off the story, is written last: the newest file
    assert "airport" in found.title.lower() and "Floods" not in found.title


def test_a_title_is_never_made_from_a_file_name(tmp_path: Path) -> None:
    texts = {"dailymail_09_23_rebels_take_port.txt": ("Rebel fighters took control of the port of Varna on "
                                                      "Monday after a night of heavy shelling, residents "
                                                      "said.")}
    from sitrep.merge import merge

    from extract_support import analyse

    found = merge([analyse(text, tmp_path, name, headline=False) for name, text in texts.items()], [],
                  tmp_path)
    assert "dailymail" not in found.title.lower() and "Rebel fighters took control" in found.title


def test_at_least_eight_and_eight_are_no_dispute(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Ambush\nDate: 2021-03-01\n\nAt least eight soldiers were killed in the ambush, "
                      "sources said.",
             "b.txt": "Title: Ambush toll\nDate: 2021-03-01\n\nAn official said eight soldiers were killed "
                      "in the ambush."}
    assert not [d for d in situation(texts, tmp_path).disputes if d.kind == "numeric"]


def test_tolls_a_fortnight_apart_are_no_dispute(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Bomb\nDate: 2021-03-01\n\nPolice said 19 people were killed in the bombing.",
             "b.txt": "Title: Bomb\nDate: 2021-03-16\n\nPolice said 75 people were killed in the bombing."}
    assert not [d for d in situation(texts, tmp_path).disputes if d.kind == "numeric"]


def test_a_toll_from_an_old_attack_is_no_dispute(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Siege\nDate: 2021-03-01\n\nPolice said 40 people were killed in the siege. "
                      "The 2008 bombings shocked the country as gunmen left 12 people dead."}
    assert not [d for d in situation(texts, tmp_path).disputes if d.kind == "numeric"]


def test_counts_over_different_periods_are_no_dispute(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Offensive\nDate: 2021-03-08\n\nAt least 30 people have been killed since the "
                      "offensive began on Tuesday. More than 900 people have been killed so far this year."}
    assert not [d for d in situation(texts, tmp_path).disputes if d.kind == "numeric"]


def test_the_same_days_figures_that_cannot_both_hold_are_a_dispute(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Ambush\nDate: 2021-03-01\n\nOfficials said eight soldiers were killed in the "
                      "ambush.",
             "b.txt": "Title: Ambush toll\nDate: 2021-03-02\n\nA local source said 15 soldiers were killed "
                      "in the ambush."}
    [numeric] = [d for d in situation(texts, tmp_path).disputes if d.kind == "numeric"]
    assert {c.text for c in numeric.claims} == {"eight", "15"}


def test_transliteration_variants_of_one_name_are_one_person(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Talks\n\nForeign Minister Sergei Lavrov met his counterpart in Geneva.",
             "b.txt": "Title: Talks 2\n\nForeign Minister Sergey Lavrov said the talks were useful."}
    names = [a.name for a in situation(texts, tmp_path).actors if "Lavrov" in a.name]
    assert len(names) == 1


@pytest.mark.parametrize(("one", "other"), [("Aleksandr Petrenko", "Alexander Petrenko"),
                                              ("Yevgeny Karpenko", "Evgeny Karpenko"),
                                              ("Kassym-Zhomart Petrenko", "Kassym-Jomart Petrenko")])
def test_names_transliterated_with_ks_or_x_and_y_or_e_are_one_person(tmp_path: Path, one: str,
                                                                     other: str) -> None:
    texts = {"a.txt": f"Title: Talks\n\nPresident {one} met his counterpart in Minsk.",
             "b.txt": f"Title: Talks 2\n\nPresident {other} said the talks were useful."}
    names = [a.name for a in situation(texts, tmp_path).actors if "enko" in a.name]
    assert len(names) == 1


def test_a_name_in_family_first_order_is_the_same_person(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Talks\n\nPrime Minister Kenji Harada met his counterpart in Tokyo.",
             "b.txt": "Title: Talks 2\n\nPrime Minister Harada Kenji said the talks were useful."}
    names = [a.name for a in situation(texts, tmp_path).actors if "Harada" in a.name]
    assert len(names) == 1


def test_initials_and_a_surname_are_the_one_full_name_they_fit(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Takeover\n\nMajor General SB Moyo read a statement on state television.",
             "b.txt": "Title: Takeover 2\n\nMajor General Sibusiso Moyo said the president was safe."}
    names = [a.name for a in situation(texts, tmp_path).actors if "Moyo" in a.name]
    assert len(names) == 1


def test_initials_that_fit_two_full_names_join_neither(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Takeover\n\nMajor General SB Moyo read a statement on state television.",
             "b.txt": "Title: Takeover 2\n\nMajor General Sibusiso Moyo said the president was safe. "
                      "His cousin Simba Moyo, a lawyer, said nothing."}
    names = {a.name for a in situation(texts, tmp_path).actors if "Moyo" in a.name}
    assert "SB Moyo" in names


def test_a_name_read_as_a_body_in_one_article_joins_its_spelling_as_a_person(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Unrest\n\nKazakhstan President Kassym-Jomart Tokayev says his security forces "
                      "will shoot to kill without warning.",
             "b.txt": "Title: Unrest 2\n\nNow this department will be headed by the president himself, "
                      "Kassym-Zhomart Tokayev said in his address to the people."}
    actors = [a for a in situation(texts, tmp_path).actors if "Tokayev" in a.name]
    assert [a.kind for a in actors] == ["person"]


def test_a_surname_that_is_a_wife_in_one_article_and_her_husband_in_another_joins_neither(
        tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Attack\n\nPresident Jovan Petrovic was killed at his home on Wednesday. His "
                      "wife, Marta Petrovic, was shot several times. Petrovic was flown to Miami for "
                      "treatment of wounds to her arms.",
             "b.txt": "Title: Attack 2\n\nPresident Jovan Petrovic was assassinated on Wednesday. Petrovic "
                      "had ruled by decree for a year."}
    names = {a.name for a in situation(texts, tmp_path).actors if "Petrovic" in a.name}
    assert names == {"Jovan Petrovic", "Marta Petrovic"}


def test_relatives_sharing_a_surname_stay_apart(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Poison\n\nSergei Skripal and his daughter Yulia Skripal were found on a bench."}
    names = {a.name for a in situation(texts, tmp_path).actors if "Skripal" in a.name}
    assert names == {"Sergei Skripal", "Yulia Skripal"}


def test_a_name_and_its_longer_forms_with_particles_are_one_person(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Vote\n\nOpposition candidate Ilario Mendes da Silva claimed victory on Sunday.",
             "b.txt": "Title: Vote 2\n\nOpposition candidate Ilario Mendes de Silva said the count was "
                      "rigged.",
             "c.txt": "Title: Vote 3\n\nIlario Mendes said on Monday that he was safe."}
    names = [a.name for a in situation(texts, tmp_path).actors if "Mendes" in a.name]
    assert len(names) == 1


def test_a_full_name_with_and_without_its_particle_is_one_person(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Coup\n\nGeneral Hamid Rashid al-Tahir dissolved the cabinet on Monday.",
             "b.txt": "Title: Coup 2\n\nGeneral Hamid Rashid Tahir said the army would hold elections."}
    names = [a.name for a in situation(texts, tmp_path).actors if "Tahir" in a.name]
    assert len(names) == 1


def test_a_full_name_with_and_without_some_middle_names_is_one_person(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Coup\n\nDefence Minister Hamid Rashid Omar Ibn Tahir was sworn in on Friday.",
             "b.txt": "Title: Coup 2\n\nDefence Minister Hamid Ibn Tahir stepped down on Saturday."}
    names = [a.name for a in situation(texts, tmp_path).actors if "Tahir" in a.name]
    assert len(names) == 1


def test_a_name_without_its_first_word_named_first_is_the_full_name(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Purge\n\nPresident Emil Teodor Vasko vowed on Sunday to purge the army.",
             "b.txt": "Title: Purge 2\n\nPresident Emil Teodor Vasko said the plotters would pay.",
             "c.txt": "Title: Coup\n\nPresident Teodor Vasko said the coup attempt had failed."}
    sit = situation({"0.txt": texts["c.txt"], "1.txt": texts["a.txt"], "2.txt": texts["b.txt"]}, tmp_path)
    assert [a.name for a in sit.actors if "Vasko" in a.name] == ["Emil Teodor Vasko"]


def test_a_name_an_article_gives_a_son_of_the_shorter_name_stays_two_people(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Death\n\nPresident Teodor Vasko died on Sunday while visiting troops.",
             "b.txt": "Title: Son\n\nPresident Teodor Vasko died on Sunday. Details may come from his "
                      "37-year-old son General Emil Teodor Vasko, who has been named interim president.",
             "c.txt": "Title: Council\n\nGeneral Emil Teodor Vasko leads the military council."}
    names = {a.name for a in situation(texts, tmp_path).actors if "Vasko" in a.name}
    assert {"Teodor Vasko", "Emil Teodor Vasko"} <= names


def test_two_names_with_the_same_ends_and_other_middles_stay_apart(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Talks\n\nHamid Rashid Tahir and Hamid Omar Tahir met the envoy on Monday."}
    names = {a.name for a in situation(texts, tmp_path).actors if "Tahir" in a.name}
    assert {"Hamid Rashid Tahir", "Hamid Omar Tahir"} <= names


def test_two_longer_names_sharing_two_first_words_stay_apart(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Talks\n\nAbdul Karim Hassan and Abdul Karim Yusuf met the envoy on Monday. "
                      "Abdul Karim said nothing."}
    names = {a.name for a in situation(texts, tmp_path).actors if "Karim" in a.name}
    assert {"Abdul Karim Hassan", "Abdul Karim Yusuf"} <= names


def test_a_curly_and_a_straight_possessive_give_one_name_key() -> None:
    from sitrep.text import name_key
    assert name_key("Korvia\u2019s People\u2019s Army") == name_key("Korvia's People's Army")


def test_a_persons_word_under_a_shorter_name_is_still_their_own_account(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Purge\n\nPresident Emil Teodor Vasko said the plotters would pay.",
             "b.txt": "Title: Purge 2\n\nPresident Teodor Vasko vowed to purge the armed forces, Teodor "
                      "Vasko told a crowd in Ostburg."}
    [vasko] = [a for a in situation(texts, tmp_path).actors if "Vasko" in a.name]
    plans = [entry for entry in vasko.state if entry.family == "plans"]
    assert plans and all(entry.claimed_by == "Emil Teodor Vasko" for entry in plans)


def test_a_surname_spelt_with_another_second_letter_is_one_person(tmp_path: Path) -> None:
    texts = {"a.txt": "Title: Coup\n\nThe army ousted President Teodor Vasko on Wednesday.",
             "b.txt": "Title: Coup 2\n\nSupporters of President Teodor Vosko protested in Ostburg."}
    names = [a.name for a in situation(texts, tmp_path).actors if a.name.startswith("Teodor")]
    assert len(names) == 1
