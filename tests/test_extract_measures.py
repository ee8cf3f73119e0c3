"""Measures: what was done to the state of things ("suspended the constitution", "a curfew was
imposed", "talks took place in Chad"), with who says so."""

from pathlib import Path

from sitrep.model import StatusLine

from extract_support import analyse, situation


def _measures(text: str, tmp_path: Path) -> list[tuple[str, str, str]]:
    return [(m.text, m.certainty, m.source) for m in analyse(text, tmp_path).measures]


def test_a_junta_announcing_its_measures_is_its_own_word_for_each(tmp_path: Path) -> None:
    text = ("Mutinous soldiers said on national television they were suspending the country's constitution, "
            "dissolving its institutions and imposing a nationwide curfew.")
    assert _measures(text, tmp_path) == [("the country's constitution suspended", "reported", "soldiers"),
                                         ("institutions dissolved", "reported", "soldiers"),
                                         ("nationwide curfew imposed", "reported", "soldiers")]


def test_a_curfew_imposed_in_the_passive_is_the_writer_s_word(tmp_path: Path) -> None:
    assert _measures("A dusk-to-dawn curfew was imposed on the capital on Sunday.", tmp_path) == \
        [("dusk-to-dawn curfew imposed", "stated", "the article")]


def test_a_state_of_emergency_and_the_borders_closed_after_it_are_both_the_writer_s_word(
        tmp_path: Path) -> None:
    text = "The army declared a state of emergency and closed the borders on Monday."
    assert _measures(text, tmp_path) == [("state of emergency declared", "stated", "the article"),
                                         ("borders closed", "stated", "the article")]


def test_martial_law_is_a_measure_and_a_law_passed_is_none(tmp_path: Path) -> None:
    assert _measures("The president declared martial law in three provinces.", tmp_path) == \
        [("martial law declared", "stated", "the article")]
    assert _measures("Parliament passed a law on Tuesday.", tmp_path) == []


def test_talks_taking_place_somewhere_are_talks_held_there(tmp_path: Path) -> None:
    assert _measures("Another official said the talks took place in neighbouring Chad.", tmp_path) == \
        [("talks held in neighbouring Chad", "reported", "another official")]


def test_negotiations_there_have_been_are_negotiations_held(tmp_path: Path) -> None:
    text = "The government spokesman confirmed there had been direct negotiations this week."
    assert _measures(text, tmp_path) == [("direct negotiations held", "reported", "government spokesman")]


def test_talks_name_who_they_were_with(tmp_path: Path) -> None:
    text = "On Friday the foreign minister held talks with his Russian counterpart in Moscow."
    assert _measures(text, tmp_path) == \
        [("talks held with his Russian counterpart in Moscow", "stated", "the article")]


def test_talks_name_who_held_them(tmp_path: Path) -> None:
    text = "On Friday, Foreign Minister Karel Dvorak held talks with his Russian counterpart in Moscow."
    assert _measures(text, tmp_path) == \
        [("talks held by Karel Dvorak with his Russian counterpart in Moscow", "stated", "the article")]


def test_a_measure_refused_threatened_or_not_taken_is_none(tmp_path: Path) -> None:
    assert _measures("The junta refused to suspend the constitution.", tmp_path) == []
    assert _measures("The president could declare martial law, aides warned.", tmp_path) == []
    assert _measures("The government did not impose a curfew, police said.", tmp_path) == []


def test_talks_called_for_are_not_talks_held(tmp_path: Path) -> None:
    assert _measures("The opposition called for talks with the rebels.", tmp_path) == []


def test_a_measure_denied_is_none(tmp_path: Path) -> None:
    assert _measures("Rebel leaders denied that talks were held in Qatar.", tmp_path) == []


def test_a_measure_of_an_earlier_year_is_history(tmp_path: Path) -> None:
    text = ("Title: Test article\nDate: 2031-04-08\n\nThe governor grew so alarmed that in 2030 he "
            "declared a state of emergency in the north.")
    assert analyse(text, tmp_path, headline=False).measures == []


def _measures_line(curfew_day: str, tmp_path: Path) -> StatusLine:
    """The Measures line of a curfew imposed on `curfew_day` and soldiers suspending the
    constitution on 2031-04-10."""
    sit = situation({
        "a.txt": f"Title: Test article\nDate: {curfew_day}\n\nA nationwide curfew was imposed on Saturday.",
        "b.txt": "Title: Test article\nDate: 2031-04-10\n\nMutinous soldiers said on Monday they were "
                 "suspending the constitution.",
    }, tmp_path)
    [line] = [s for s in sit.status if s.text.startswith("Measures:")]
    return line


def test_the_newest_measures_are_one_status_line_as_sure_as_the_least_sure(tmp_path: Path) -> None:
    line = _measures_line("2031-04-08", tmp_path)
    assert line.text == "Measures: constitution suspended; nationwide curfew imposed"
    assert line.certainty == "reported" and line.as_of == "2031-04-10"


def test_measures_a_month_older_than_the_newest_news_are_left_out(tmp_path: Path) -> None:
    assert _measures_line("2031-01-08", tmp_path).text == "Measures: constitution suspended"


def test_they_opening_a_sentence_goes_on_with_the_group_that_was_the_subject(tmp_path: Path) -> None:
    text = ("Soldiers announced that they had seized control of the country after an uprising of Tuareg "
            "rebels in the north. They said on national television they were suspending the constitution.")
    assert _measures(text, tmp_path) == [("constitution suspended", "reported", "soldiers")]
