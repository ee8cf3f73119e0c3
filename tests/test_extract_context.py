"""Regional context: dated history, alliances and ruptures, places, patterns."""

from pathlib import Path

from extract_support import analyse

SEED = Path("seeds/mali_2025_coup_plot_soldiers_arrested.txt")


def _kinds(result, kind):
    return [c for c in result.context if c.kind == kind]


def test_coordinated_years_are_both_kept(tmp_path: Path) -> None:
    result = analyse("The military government came to power through a pair of coups in 2020 and 2021.",
                     tmp_path)
    [item] = _kinds(result, "history")
    assert item.years == [2020, 2021]


def test_since_year_dates_the_insurgency(tmp_path: Path) -> None:
    result = analyse("The jihadist threat is linked to the insurgency that has plagued Mali since 2012.",
                     tmp_path)
    [item] = _kinds(result, "history")
    assert item.years == [2012]
    assert "insurgency" in item.text


def test_alliance_and_rupture_are_told_apart(tmp_path: Path) -> None:
    result = analyse(SEED.read_text(encoding="utf-8"), tmp_path, headline=False)
    assert any("Russia" in c.text for c in _kinds(result, "alliance"))
    assert any("France" in c.text for c in _kinds(result, "rupture"))


def test_relations_with_a_country_are_no_alliance(tmp_path: Path) -> None:
    result = analyse("The minister said the border dispute had weighed on relations with Pakistan.", tmp_path)
    assert not _kinds(result, "alliance")


def test_ties_made_closer_are_an_alliance(tmp_path: Path) -> None:
    result = analyse("The junta has forged close ties with Russia since the coup.", tmp_path)
    assert any("Russia" in c.text for c in _kinds(result, "alliance"))


def test_alliance_takes_no_year_from_another_clause(tmp_path: Path) -> None:
    result = analyse(SEED.read_text(encoding="utf-8"), tmp_path, headline=False)
    [russia] = [c for c in _kinds(result, "alliance") if "Russia" in c.text]
    assert russia.years == []


def test_something_in_the_region_is_no_regional_pattern(tmp_path: Path) -> None:
    result = analyse("Beijing fears that a larger Indian presence in the region will cut off its trade "
                     "route.", tmp_path)
    assert not _kinds(result, "pattern")


def test_a_named_site_is_a_place(tmp_path: Path) -> None:
    result = analyse("The town is also home to the notorious Kelvar prison, where inmates were tortured.",
                     tmp_path)
    assert "Kelvar prison" in [c.text for c in _kinds(result, "place")]


def test_a_site_named_by_its_town_is_no_place_of_its_own(tmp_path: Path) -> None:
    result = analyse("The activist was flown to a Berlin hospital on Saturday.", tmp_path)
    assert "Berlin hospital" not in [c.text for c in _kinds(result, "place")]


def test_stated_regional_pattern_is_kept(tmp_path: Path) -> None:
    result = analyse("The situation echoes a regional struggle as neighboring countries also contend with "
                     "similar security dilemmas.", tmp_path)
    assert _kinds(result, "pattern")


def test_town_is_placed_in_its_country(tmp_path: Path) -> None:
    result = analyse("Fighting was reported near Gao on Monday.", tmp_path)
    assert any(c.text == "Gao (Mali)" for c in _kinds(result, "place"))


def test_a_place_name_the_model_cut_in_two_is_one_place(tmp_path: Path) -> None:
    result = analyse("About 400 refugees were rescued in the Strait of Malacca on Friday.", tmp_path)
    places = [c.text for c in _kinds(result, "place")]
    assert any(p.startswith("Strait of Malacca") for p in places) and "Strait of" not in places


def test_a_word_with_no_proper_noun_is_no_place(tmp_path: Path) -> None:
    result = analyse("'Starving and suffering'", tmp_path)
    assert not _kinds(result, "place")


def test_a_news_outlets_reporter_is_no_place(tmp_path: Path) -> None:
    result = analyse("Migrants on a boat are believed to be among those rescued, Al Jazeera's Step Vaessen "
                     "reported.", tmp_path)
    assert not [c for c in _kinds(result, "place") if "Vaessen" in c.text]


def test_organisation_is_described_by_its_apposition(tmp_path: Path) -> None:
    text = ("A Timbuktu-based source from MINUSMA, the United Nations peacekeeping mission in Mali, told AFP "
            "the rebels had waited in four vehicles.")
    items = [c.text for c in analyse(text, tmp_path).context if c.kind == "organisation"]
    assert items == ["MINUSMA: the United Nations peacekeeping mission in Mali"]


def test_a_past_sentence_about_an_old_year_is_history(tmp_path: Path) -> None:
    result = analyse("Title: Siege\nDate: 2031-03-10\n\nThe group was founded in 2012 by fishermen from "
                     "the coast.",
                     tmp_path, headline=False)
    assert any(c.kind == "history" and 2012 in c.years for c in result.context)


def test_a_recent_year_in_a_past_sentence_is_not_history(tmp_path: Path) -> None:
    result = analyse("Title: Siege\nDate: 2031-03-10\n\nThe group was founded in 2031 by fishermen from "
                     "the coast.",
                     tmp_path, headline=False)
    assert not any(c.kind == "history" for c in result.context)


def test_an_event_known_by_its_day_and_month_is_history(tmp_path: Path) -> None:
    result = analyse("Security at the airport has been tight since the 9/11 attacks.", tmp_path)
    assert ("history", "9/11 attacks") in [(c.kind, c.text) for c in result.context]


def test_a_fraction_in_a_figure_is_no_named_day(tmp_path: Path) -> None:
    result = analyse("The motion passed with 7/10 of the seats in the assembly.", tmp_path)
    assert not [c for c in result.context if c.kind == "history"]


def test_a_hashtag_campaign_is_background_and_no_actor(tmp_path: Path) -> None:
    result = analyse(
        "Their plight drew global attention, magnified by a #FreeTheFishermen Twitter campaign.", tmp_path
    )
    assert any(c.text.startswith("#FreeTheFishermen:") for c in result.context)
    assert not [a for a in result.actors if "FreeTheFishermen" in a.name]
