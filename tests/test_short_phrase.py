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


def test_a_comma_in_a_list_of_one_nouns_adjectives_is_no_end() -> None:
    text = "The general vowed to hold free, transparent and credible elections after a transition, he said."
    assert _cut(text, 14).startswith("The general vowed to hold free, transparent and credible elections")


def test_a_comma_between_two_modifiers_of_one_noun_is_no_end() -> None:
    text = "The minister said it was a full, accurate summary of the talks, officials added."
    assert _cut(text, 14) == "The minister said it was a full, accurate summary of the talks"


def test_a_comma_after_a_noun_still_ends_the_phrase() -> None:
    text = "The suspects, three men and a woman, were held overnight in the capital."
    assert _cut(text, 14) == "The suspects"


def test_a_hyphen_inside_a_word_is_no_word_of_the_limit() -> None:
    text = "The suspected leader of the Kalma market-bombing may have trained abroad."
    assert _cut(text, 8) == "The suspected leader of the Kalma market-bombing"


def test_a_subject_whose_verb_was_cut_goes_with_the_ellipsis_before_it() -> None:
    text = "We have come to ask for better pay and to be treated well ... we will not go back to barracks."
    assert _cut(text, 14) == "We have come to ask for better pay and to be treated well"


def test_a_phrase_ends_without_the_sentences_full_stop() -> None:
    text = "The minister denied being pressed by the palace."
    assert _cut(text, 16) == "The minister denied being pressed by the palace"


def test_a_phrase_that_is_a_subject_keeps_its_noun() -> None:
    doc = pipeline()("As many as 130 people could have been involved in the attack.")
    people = next(t for t in doc if t.text == "people")
    assert short_phrase(doc[people.left_edge.i : people.i + 1], 5) == "As many as 130 people"


def test_a_phrase_ends_on_no_word_that_joins_what_was_cut_off() -> None:
    assert _cut("The fighters had ambushed the convoy and, witnesses said, fled north.", 20) == \
        "The fighters had ambushed the convoy"


def _up_to(text: str, word: str, words: int = 20) -> str:
    doc = pipeline()(text)
    end = next(t.i for t in doc if t.text == word)
    return short_phrase(doc[:end], words)


def test_a_clause_opened_at_the_end_whose_verb_follows_goes() -> None:
    text = "Shots were fired along the disputed border after Spain yesterday accused Moroccan troops."
    assert _up_to(text, "accused") == "Shots were fired along the disputed border"


def test_a_date_after_since_is_no_clause_left_open() -> None:
    text = "The junta in power since 2021 has promised elections."
    assert _up_to(text, "has") == "The junta in power since 2021"


def test_a_subject_followed_by_its_own_verb_keeps_its_modifier() -> None:
    assert _up_to("Those detained since the march have been released.", "have") == \
        "Those detained since the march"
    assert _up_to("The soldiers killed before the ceasefire were buried in the capital.", "were") == \
        "The soldiers killed before the ceasefire"


def test_a_second_verb_cut_from_its_object_goes_from_its_and() -> None:
    text = "Investigators believe they have found a silver car used by the gang and identified a house."
    assert _cut(text, 14) == "Investigators believe they have found a silver car used by the gang"


def test_a_clause_hung_on_a_preposition_cut_after_its_verb_goes_from_its_first_word() -> None:
    text = "Eight men were still being held under anti-terrorism laws as officers ‘seek to unmask the gang’."
    assert _cut(text, 13) == "Eight men were still being held under anti-terrorism laws"


def test_a_clause_the_parser_read_as_a_preposition_goes_when_its_verb_is_cut() -> None:
    """The parser may read "as" as a preposition, the clause's subject as its object and the
    clause's verb as a verb of its own with no subject (as it parsed a news sentence this way)."""
    from spacy.tokens import Doc

    words = ["Rebels", "vowed", "to", "exploit", "the", "chaos", "as", "senior", "army", "officials", "in",
             "the", "north", "were", "arrested", "by", "soldiers", "."]
    heads = [1, 1, 3, 1, 5, 3, 5, 9, 9, 6, 9, 12, 10, 14, 1, 14, 15, 1]
    deps = ["nsubj", "ROOT", "aux", "xcomp", "det", "dobj", "prep", "amod", "compound", "pobj", "prep", "det",
            "pobj", "auxpass", "conj", "agent", "pobj", "punct"]
    tags = ["NNS", "VBD", "TO", "VB", "DT", "NN", "IN", "JJ", "NN", "NNS", "IN", "DT", "NN", "VBD", "VBN",
            "IN", "NNS", "."]
    doc = Doc(pipeline().vocab, words=words, heads=heads, deps=deps, tags=tags)
    assert short_phrase(doc[2:], 10) == "to exploit the chaos"


def test_a_preposition_whose_object_was_cut_off_goes() -> None:
    text = "He urged his compatriots to unite around that “collective responsibility."
    assert _cut(text, 20) == "He urged his compatriots to unite"
