"""Calls: what a named side asks for ("called for an immediate ceasefire", "reiterated calls for
the publication of the advice"), whose call it is and how sure the article is it was made."""

from pathlib import Path

from extract_support import analyse, situation


def _calls(text: str, tmp_path: Path) -> list[tuple[str, str, str]]:
    return [(c.text, c.certainty, c.source) for c in analyse(text, tmp_path).calls]


def test_calling_for_something_is_a_call_by_the_subject(tmp_path: Path) -> None:
    assert _calls("The African Union called for an immediate ceasefire on Sunday.", tmp_path) == \
        [("an immediate ceasefire", "stated", "African Union")]


def test_repeated_calls_for_something_are_the_subject_s_call(tmp_path: Path) -> None:
    text = ("Opposition leader Maria Okafor reiterated calls for the publication of the full report into "
            "the shooting.")
    assert _calls(text, tmp_path) == \
        [("the publication of the full report into the shooting", "stated", "Maria Okafor")]


def test_a_call_for_a_thing_to_be_done_keeps_what_is_to_be_done(tmp_path: Path) -> None:
    text = "Senator Paul Mbeki renewed calls for the inquiry report to be published in full."
    assert _calls(text, tmp_path) == \
        [("the inquiry report to be published in full", "stated", "Paul Mbeki")]


def test_a_call_by_someone_the_minister_faced_is_theirs(tmp_path: Path) -> None:
    text = "The minister faced a call by opposition MP Jane Ode to publish the contract."
    assert _calls(text, tmp_path) == [("publish the contract", "stated", "Jane Ode")]


def test_calls_resisted_with_nobody_named_are_nobody_s(tmp_path: Path) -> None:
    assert _calls("The government has resisted calls to publish the contract.", tmp_path) == []


def test_calling_on_a_side_to_act_names_the_side_and_the_act(tmp_path: Path) -> None:
    assert _calls("The United Nations called on both sides to end the fighting.", tmp_path) == \
        [("both sides to end the fighting", "stated", "United Nations")]


def test_demanding_and_urging_are_calls(tmp_path: Path) -> None:
    assert _calls("Opposition leaders demanded the release of the detained journalists.", tmp_path) == \
        [("the release of the detained journalists", "stated", "Opposition leaders")]
    assert _calls("Washington urged both sides to show restraint.", tmp_path) == \
        [("both sides to show restraint", "stated", "Washington")]


def test_a_call_told_by_someone_else_is_their_report(tmp_path: Path) -> None:
    assert _calls("Witnesses said the police chief had called for calm.", tmp_path) == \
        [("calm", "reported", "police chief")]


def test_a_call_not_made_is_none(tmp_path: Path) -> None:
    assert _calls("The minister did not call for his resignation.", tmp_path) == []


def test_naming_something_is_no_call(tmp_path: Path) -> None:
    text = "Troops fired warning shots in what Beijing called the first exchange of fire for 45 years."
    assert _calls(text, tmp_path) == []
    assert _calls("He called the decision a mistake.", tmp_path) == []


def test_a_call_stops_before_an_aside(tmp_path: Path) -> None:
    text = "Western leaders called for an explanation from the Kremlin, which has denied any involvement."
    assert _calls(text, tmp_path) == [("an explanation from the Kremlin", "stated", "Western leaders")]


def test_a_quotation_cut_open_by_a_call_loses_its_mark(tmp_path: Path) -> None:
    text = "Gordon Brown called for an 'international and domestic response', he said."
    assert [c[0] for c in _calls(text, tmp_path)] == ["an international and domestic response"]


def test_the_newest_calls_are_one_status_line_with_whose_they_are(tmp_path: Path) -> None:
    sit = situation({
        "a.txt": "Title: Test article\nDate: 2031-04-08\n\nThe African Union called for an immediate "
                 "ceasefire.",
        "b.txt": "Title: Test article\nDate: 2031-04-10\n\nOpposition leaders demanded the release of the "
                 "detained journalists.",
    }, tmp_path)
    [line] = [s for s in sit.status if s.text.startswith("Called for:")]
    assert line.text == ("Called for: the release of the detained journalists (Opposition leaders); "
                         "an immediate ceasefire (African Union)")
    assert line.sources == ["Opposition leaders", "African Union"] and line.as_of == "2031-04-10"


def test_one_who_declared_himself_president_and_called_for_elections_makes_the_call(tmp_path: Path) -> None:
    text = ("Raising his right hand before a cheering crowd of supporters, Teodor Vasko declared himself "
            "interim president of Ruritania, called for new elections and put himself on a collision course "
            "with the country's leader.")
    assert [(what, who) for what, _how, who in _calls(text, tmp_path)] == [("new elections", "Teodor Vasko")]


def test_who_hung_on_a_place_calls_for_nothing_in_the_place_s_name(tmp_path: Path) -> None:
    text = ("The plant was blocked for days by followers of former president Teodor Vasko, exiled in "
            "Ruritania, who demand the immediate resignation of the interim president.")
    assert all(who != "Ruritania" for _what, _how, who in _calls(text, tmp_path))


def test_a_call_made_on_a_day_is_made_on_whom_it_names(tmp_path: Path) -> None:
    text = ('But on the day of the re-run, Teodor Vasko called on the country to "not participate in any '
            'way in the sham election".')
    assert [(what, who) for what, _how, who in _calls(text, tmp_path)] == \
        [('the country to "not participate in any way in the sham election"', "Teodor Vasko")]


def test_a_hyphen_inside_a_word_does_not_cut_the_call(tmp_path: Path) -> None:
    text = "Opposition leader Teodor Vasko called for non-violent demonstrations across the country."
    assert [what for what, _how, _who in _calls(text, tmp_path)] == \
        ["non-violent demonstrations across the country"]



def test_calling_upon_someone_is_calling_on_them(tmp_path: Path) -> None:
    text = ('"We call upon the international community to share the burden of providing support to the '
            'region," the Ruritanian government said in a statement.')
    assert [(what, who) for what, _how, who in _calls(text, tmp_path)] == \
        [("the international community to share the burden of providing support to the region",
          "Ruritanian government")]


def test_the_son_of_a_named_president_is_not_the_president(tmp_path: Path) -> None:
    # The parser hangs the name on "son"; it ends the "of" phrase, with no comma before it.
    text = ("The exiled son of the country’s former president Teodor Vasko called for revenge against the "
            "rebels that killed the leader after he switched sides in the civil war, state television "
            "reported on Tuesday.")
    [(_text, _certainty, source)] = _calls(text, tmp_path)
    assert source != "Teodor Vasko"
    assert "son" in source


def test_an_office_of_a_body_then_a_comma_and_a_name_is_that_person(tmp_path: Path) -> None:
    text = ("The prime minister of the government-in-exile, Teodor Vasko, called for an immediate "
            "ceasefire on Sunday.")
    assert _calls(text, tmp_path) == [("an immediate ceasefire", "stated", "Teodor Vasko")]


def test_where_a_speaker_after_the_verb_said_it_is_no_part_of_the_speaker(tmp_path: Path) -> None:
    text = '"We urge the rebels to surrender peacefully within 72 hours," said the Nobel laureate in a tweet.'
    [(_text, _certainty, source)] = _calls(text, tmp_path)
    assert source == "Nobel laureate"


def test_a_call_made_by_the_caller_himself_asks_for_the_thing_alone(tmp_path: Path) -> None:
    text = "The self-appointed prime minister, Teodor Vasko, reportedly called for the meeting himself."
    assert [c[0] for c in _calls(text, tmp_path)] == ["the meeting"]


def test_a_second_relative_clause_calling_for_something_is_its_antecedents_call(tmp_path: Path) -> None:
    result = analyse("At least six protesters have died in Ruritania, in the protests that add up to 14 "
                     "deaths since Sunday and that call for the resignation of President Teodor Vasko.",
                     tmp_path)
    assert [(call.source, call.text) for call in result.calls] == [
        ("protests", "the resignation of President Teodor Vasko")]
