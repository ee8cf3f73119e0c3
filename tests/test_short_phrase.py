"""`short_phrase` cut at its word limit: it ends on whole words of sense, never half a noun
phrase or half a relative clause."""

from __future__ import annotations

from sitrep.extract.base import short_phrase

from extract_support import pipeline


def _cut(text: str, words: int) -> str:
    return short_phrase(pipeline()(text)[:], words)


def test_a_possessor_cut_from_its_noun_is_finished_when_the_noun_is_near() -> None:
    text = "The raids are thought to have been carried out by Sudan's rapid support forces, known as RSF."
    assert _cut(text, 12) == "The raids are thought to have been carried out by Sudan's rapid support forces"


def test_a_possessor_whose_noun_is_far_goes_with_its_preposition() -> None:
    text = "The raids are thought to have been carried out by Sudan's feared and heavily armed rapid forces."
    assert _cut(text, 12) == "The raids are thought to have been carried out"


def test_a_relative_clause_cut_before_its_verb_goes() -> None:
    text = ("Officials said the information came from the headmaster of the school where the pupils were "
            "taken.")
    assert _cut(text, 14) == "Officials said the information came from the headmaster of the school"


def test_a_question_cut_before_its_verb_stays() -> None:
    text = "We do not know when the final assault on the old quarter of the city will begin, he said."
    assert _cut(text, 12).startswith("We do not know when the final assault")


def test_a_comma_between_two_modifiers_of_one_noun_is_no_end() -> None:
    text = "The minister said it was a full, accurate summary of the talks, officials added."
    assert _cut(text, 14) == "The minister said it was a full, accurate summary of the talks"


def test_a_comma_after_a_noun_still_ends_the_phrase() -> None:
    text = "The suspects, three men and a woman, were held overnight in the capital."
    assert _cut(text, 14) == "The suspects"
