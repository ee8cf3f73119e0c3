"""Endings: a happening said to be over ("the siege drew to a close"), with who says so."""

from pathlib import Path

from extract_support import analyse, situation


def _endings(text: str, tmp_path: Path) -> list[tuple[str, str, str]]:
    return [(e.text, e.certainty, e.source) for e in analyse(text, tmp_path).endings]


def test_a_siege_drawing_to_a_close_is_over(tmp_path: Path) -> None:
    assert _endings("The three-day siege of the embassy drew to a close on Sunday, a police spokesman said.",
                    tmp_path) == [("three-day siege", "reported", "a police spokesman")]


def test_a_siege_ending_as_the_scene_of_a_report_is_the_writer_s_word(tmp_path: Path) -> None:
    text = ("As the standoff at the embassy came to an end on Sunday, a resident said soldiers had fired "
            "shots.")
    assert _endings(text, tmp_path) == [("standoff", "stated", "the article")]


def test_ending_a_siege_is_the_speaker_s_word_told_as_an_aside(tmp_path: Path) -> None:
    text = (
        "Special forces stormed the terminal on Friday and, the army said, freed all the hostages, ending a "
        "four-day siege."
    )
    assert _endings(text, tmp_path) == [("four-day siege", "reported", "the army")]


def test_an_operation_declared_over_is_over(tmp_path: Path) -> None:
    assert _endings("The army declared the operation over on Sunday.", tmp_path) == \
        [("operation", "stated", "the article")]


def test_a_siege_not_yet_over_is_not_over(tmp_path: Path) -> None:
    assert _endings("The siege is not over yet, police warned.", tmp_path) == []


def test_fighting_that_could_end_has_not_ended(tmp_path: Path) -> None:
    assert _endings("The fighting could end within days, diplomats said.", tmp_path) == []


def test_a_siege_of_years_ago_is_history(tmp_path: Path) -> None:
    text = "Title: Test article\nDate: 2031-04-08\n\nThe 2019 siege of the port ended after three weeks."
    assert analyse(text, tmp_path, headline=False).endings == []


def test_the_newest_ending_is_a_status_line(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": "Title: Test article\nDate: 2031-04-08\n\nGunmen stormed the Harbour mall on Saturday and "
                 "took dozens of shoppers hostage.",
        "b.txt": "Title: Test article\nDate: 2031-04-11\n\nThe four-day siege at the Harbour mall is over, "
                 "the interior minister said on Tuesday.",
    }, tmp_path)
    [line] = [s for s in sit.status if s.text.startswith("Over:")]
    assert line.text == "Over: four-day siege" and line.sources == ["interior minister"]
    assert line.certainty == "reported" and line.as_of == "2031-04-11"


def test_a_standoff_over_land_is_not_over(tmp_path: Path) -> None:
    assert _endings("The current standoff is over portions of a pristine landscape.", tmp_path) == []


def test_agreeing_to_end_a_standoff_has_not_ended_it(tmp_path: Path) -> None:
    assert _endings("Both sides agreed to end the standoff on the border, officials said.", tmp_path) == []
