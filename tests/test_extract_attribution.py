"""Attribution: who says so, and how sure, read from the parse."""

from pathlib import Path

import pytest

from extract_support import analyse, events_of

SEED = "seeds/mali_2025_coup_plot_soldiers_arrested.txt"


def test_agency_claim_is_alleged_and_attributed_to_the_agency(tmp_path: Path) -> None:
    result = analyse("The AFP news agency claimed that scores of soldiers were apprehended in Bamako.",
                     tmp_path)
    [event] = events_of(result, "soldiers", "arrested")
    assert event.certainty == "alleged"
    assert event.source == "AFP"


def test_sources_indicate_is_an_anonymous_hedge(tmp_path: Path) -> None:
    result = analyse("In recent developments, sources indicate that multiple soldiers have been arrested "
                     "in Mali.",
                     tmp_path)
    [event] = events_of(result, "soldiers", "arrested")
    assert event.certainty == "alleged"
    assert event.source == "sources"


def test_plain_statement_is_in_the_articles_voice(tmp_path: Path) -> None:
    result = analyse("Police arrested the opposition leader Ousmane Diallo on Monday in Bamako.", tmp_path)
    [event] = events_of(result, "Diallo", "arrested")
    assert (event.certainty, event.polarity, event.source) == ("stated", "affirmed", "the article")


def test_named_ministry_saying_is_reported_with_the_ministry_as_source(tmp_path: Path) -> None:
    result = analyse("Iraq's defence ministry said an air strike had killed Abu Alaa al-Afari in Tal Afar.",
                     tmp_path)
    [event] = events_of(result, "Afari", "killed")
    assert event.certainty == "reported"
    assert event.source == "Iraq defence ministry"


def test_no_information_to_corroborate_claims_is_an_unconfirmed_denial(tmp_path: Path) -> None:
    result = analyse("Abu Alaa al-Afari leads the group. US officials said they had no information to "
                     "corroborate claims Afari had been killed.", tmp_path)
    [event] = events_of(result, "Afari", "killed")
    assert event.polarity == "denied"
    assert event.certainty == "unclear"


def test_relative_clause_is_background_in_the_writers_voice(tmp_path: Path) -> None:
    result = analyse("Sources indicate that soldiers plotted against the military junta that has ruled "
                     "since 2021.",
                     tmp_path)
    [event] = events_of(result, "junta", "in power")
    assert event.certainty == "stated"
    assert "2021" in event.detail


def test_indefinite_source_is_kept_as_an_anonymous_description(tmp_path: Path) -> None:
    result = analyse("A Malian officer in the northern town of Kidal said rebels had occupied the military "
                     "camp in Anefis.", tmp_path)
    [event] = events_of(result, "rebels", "occupied")
    assert event.source.startswith("A Malian officer")
    assert event.certainty == "reported"


def test_seed_article_never_shows_dembeles_arrest_as_a_fact(tmp_path: Path) -> None:
    result = analyse(Path(SEED).read_text(encoding="utf-8"), tmp_path, headline=False)
    arrests = [e for e in events_of(result, "Dembele") if e.event in ("arrested", "detained")]
    assert arrests
    assert all(e.certainty != "stated" or e.polarity == "denied" for e in arrests)


def test_quotation_after_said_colon_belongs_to_the_speaker(tmp_path: Path) -> None:
    text = ('In a statement, Lord Goldsmith said: "I stand by my answer." "The answer was never drafted '
            'at Number 10 and I was not leaned on."')
    result = analyse(text, tmp_path)
    denials = [d for d in result.disputes if d.kind == "contradiction"]
    assert denials and denials[0].claims[-1].source == "Lord Goldsmith"


def test_what_a_speaker_says_a_finding_suggests_is_the_speakers_inference(tmp_path: Path) -> None:
    text = ("The opposition leader Maria Lind said the minister's admission that the figures were estimates "
            "suggested the budget may have been inflated.")
    [item] = [d for d in analyse(text, tmp_path).disputes if d.kind == "thin sourcing"]
    assert [(c.stance, c.source) for c in item.claims] == [("hedges", "Maria Lind")]


def test_pronoun_subject_prefers_the_subject_of_its_own_sentence(tmp_path: Path) -> None:
    text = ("Tony Blair spoke on Monday.\n\nFresh claims say Mr Brown was still seething that he had been "
            "excluded from election planning.")
    result = analyse(text, tmp_path)
    assert events_of(result, "Brown", "excluded")
    assert not events_of(result, "Blair", "excluded")


def test_he_after_a_sentence_whose_doer_is_named_in_a_by_phrase_is_that_doer(tmp_path: Path) -> None:
    text = ("Tory MP John Carter told the BBC that the rule was not absolute. The claims about the minister "
            "were made in a book published this week by Peter Marsh, a lawyer. He also says the minister "
            "warned the premier on 7 March.")
    speakers = [e.actor for e in analyse(text, tmp_path).events if e.event == "says"]
    assert speakers == ["John Carter", "Peter Marsh"]


# "The attorney general has denied ... he insisted": a pronoun that finds no name speaks for the
# person the sentence before made its subject by office alone.
_ARREST = "The army had arrested dozens of protesters in the capital"
_ARREST_HE = f"{_ARREST}, he said."


def _arrest_by(text: str, tmp_path: Path):  # noqa: ANN202 - a StatusEvent
    """The one arrest of protesters `text` tells, with its source and certainty."""
    [event] = events_of(analyse(text, tmp_path), "protesters", "arrested")
    return event


def test_pronoun_speaker_with_no_name_before_is_the_office_of_the_last_subject(tmp_path: Path) -> None:
    text = ("The attorney general of Corvana has denied being pressured by the palace to approve the decree."
            "\n\nClaims that the decree was drafted at the palace were \"wholly unfounded\", he insisted "
            "during a stormy session of the senate.")
    result = analyse(text, tmp_path)
    assert [lead.source for lead in result.leads] == ["attorney general of Corvana"] * 2


def test_pronoun_speaker_may_mean_an_office_described_without_a_title(tmp_path: Path) -> None:
    text = ("The country's top law officer spoke to reporters in Lusk on Monday. The army had arrested "
            "dozens of protesters in the capital, she said.")
    event = _arrest_by(text, tmp_path)
    assert (event.source, event.certainty) == ("country's top law officer", "reported")


def test_pronoun_speaker_for_an_office_one_named_person_holds_is_that_person(tmp_path: Path) -> None:
    text = ("The attorney general denied the report. The army had arrested dozens of protesters in the "
            "capital, she said.\n\nAttorney General Marta Voss resigned on Friday.")
    assert _arrest_by(text, tmp_path).source == "Marta Voss"


def test_pronoun_speaker_after_an_organisation_subject_stays_unnamed(tmp_path: Path) -> None:
    text = f"The defence ministry of Corvana denied the report on Monday.\n\n{_ARREST_HE}"
    assert _arrest_by(text, tmp_path).source == "unnamed sources"


def test_pronoun_speaker_two_paragraphs_after_the_office_stays_unnamed(tmp_path: Path) -> None:
    text = ("The attorney general of Corvana spoke in the senate on Monday.\n\nAmid jeers from the benches "
            f"and a walkout by the opposition.\n\n{_ARREST_HE}")
    assert _arrest_by(text, tmp_path).source == "unnamed sources"


def test_pronoun_speaker_after_another_subject_took_over_stays_unnamed(tmp_path: Path) -> None:
    text = ("The attorney general of Corvana spoke in the senate on Monday. The vote was delayed until "
            f"Friday. {_ARREST_HE}")
    assert _arrest_by(text, tmp_path).source == "unnamed sources"


def test_pronoun_speaker_of_the_wrong_gender_for_the_office_stays_unnamed(tmp_path: Path) -> None:
    text = ("The palace spokesman spoke to reporters in Lusk on Monday. The army had arrested dozens of "
            "protesters in the capital, she said.")
    assert _arrest_by(text, tmp_path).source == "unnamed sources"


def test_singular_pronoun_speaker_after_a_plural_subject_stays_unnamed(tmp_path: Path) -> None:
    text = f"The judges of the supreme court spoke on Monday. {_ARREST_HE}"
    assert _arrest_by(text, tmp_path).source == "unnamed sources"


def test_it_has_emerged_makes_an_event_a_report_from_unnamed_sources(tmp_path: Path) -> None:
    result = analyse("The former governor Ousmane Diallo was arrested at the airport on Friday, "
                     "it has emerged.", tmp_path)
    [event] = events_of(result, "Diallo", "arrested")
    assert (event.certainty, event.source) == ("reported", "unnamed sources")


def test_it_emerged_that_makes_an_event_a_report_from_unnamed_sources(tmp_path: Path) -> None:
    result = analyse("It emerged yesterday that police had arrested the opposition leader Ousmane Diallo.",
                     tmp_path)
    [event] = events_of(result, "Diallo", "arrested")
    assert (event.certainty, event.source) == ("reported", "unnamed sources")


def test_an_office_one_named_person_holds_speaks_as_that_person(tmp_path: Path) -> None:
    text = ("Prime Minister Karl Brandt opened the summit in Lusk on Monday.\n\n"
            f"{_ARREST}, the prime minister said.")
    assert _arrest_by(text, tmp_path).source == "Karl Brandt"


def test_a_foreign_office_is_not_the_named_holder_of_the_plain_one(tmp_path: Path) -> None:
    text = ("President Karl Brandt opened the summit in Lusk on Monday.\n\n"
            f"{_ARREST}, the Corvanian president said.")
    assert _arrest_by(text, tmp_path).source != "Karl Brandt"


def test_a_pronoun_after_an_unnamed_person_took_over_the_story_is_not_the_named_one_before(
        tmp_path: Path) -> None:
    text = ("Lieutenant Colonel Harsh Pande, a spokesman for the army, spoke to reporters on Monday.\n\n"
            "Separately, a member of a special forces unit who was wounded in a mine blast last week was "
            "flown to the capital.\n\nHe was killed in a second blast on Tuesday, the army said.")
    assert not events_of(analyse(text, tmp_path), "Pande", "killed")


def test_a_pronoun_after_a_person_named_in_apposition_to_an_indefinite_subject_is_that_person(
        tmp_path: Path) -> None:
    text = ("Parents were hoping to identify their daughters, said a town leader, Pogu Bitrus.\n\n"
            f"{_ARREST}, he told reporters by telephone.")
    assert _arrest_by(text, tmp_path).source == "Pogu Bitrus"


def _death_of_idris(text: str, tmp_path: Path):  # noqa: ANN202 - a StatusEvent
    """The one event that tells of his death: "killed", or "dead" when no killing is told."""
    [event] = [e for e in events_of(analyse(text, tmp_path), "Idris") if e.event in ("killed", "dead")]
    return event


_NOBODY = ("alleged", "unnamed sources")


@pytest.mark.parametrize(("sentence", "attribution"), [
    pytest.param("The rebel commander Musa Idris is feared dead after the raid.", _NOBODY, id="feared dead"),
    pytest.param("The rebel commander Musa Idris is presumed dead.", _NOBODY, id="presumed dead"),
    pytest.param("The rebel commander Musa Idris was reported killed in the raid.", _NOBODY,
                 id="reported killed"),
    pytest.param("The rebel commander Musa Idris is thought to have been killed in the raid.", _NOBODY,
                 id="thought to have been killed"),
    pytest.param("Police said the rebel commander Musa Idris was feared dead.", ("alleged", "police"),
                 id="feared dead, by a named speaker"),
])
def test_a_death_nobody_vouches_for_is_alleged_by_whoever_fears_it(
        sentence: str, attribution: tuple[str, str], tmp_path: Path) -> None:
    event = _death_of_idris(sentence, tmp_path)
    assert (event.certainty, event.source) == attribution


def test_confirmed_dead_stays_a_finding(tmp_path: Path) -> None:
    event = _death_of_idris("The rebel commander Musa Idris was confirmed dead on Monday.", tmp_path)
    assert event.certainty == "stated"


def test_asked_to_resign_is_no_resignation(tmp_path: Path) -> None:
    assert not events_of(analyse("The minister Musa Idris was asked to resign on Monday.", tmp_path),
                         "Idris", "resigned")


def test_a_source_close_to_a_long_described_name_keeps_the_name(tmp_path: Path) -> None:
    text = "A source close to the rebel commander Musa Idris said he had not been arrested."
    [event] = events_of(analyse(text, tmp_path), "Idris", "arrested")
    assert (event.polarity, event.source) == ("denied", "A source close to the rebel commander Musa Idris")


@pytest.mark.parametrize(("text", "actor", "source"), [
    ("Opposition leader Daniel Korvan was arrested at the airport in the capital on Sunday, his lawyer said.",
     "Korvan", "Daniel Korvan's lawyer"),
    ("Journalist Anna Petrov was arrested in the capital on Monday, her family said.",
     "Petrov", "Anna Petrov's family"),
    # nobody named for "his"; "their" may stand for a phrase ("the barracks"): no owner either way
    ("Dozens of soldiers were arrested at the barracks in the capital on Sunday, his lawyer said.",
     "soldiers", "lawyer"),
    ("Dozens of soldiers were arrested at the barracks in the capital on Sunday, their lawyer said.",
     "soldiers", "lawyer"),
])
def test_his_or_her_before_a_source_names_the_person_it_stands_for(tmp_path: Path, text: str, actor: str,
                                                                    source: str) -> None:
    [event] = events_of(analyse(text, tmp_path), actor, "arrested")
    assert (event.certainty, event.source) == ("reported", source)


def test_he_is_never_a_woman_the_article_named_as_a_daughter(tmp_path: Path) -> None:
    result = analyse("Steven Dang said his daughter Elaine Dang was hurt in the attack. Elaine Dang had "
                     "moved to the city in 2012 to work for a charity. She taught children at a local "
                     "school. Asked how he felt, Dang's father said he had cried. He said he was afraid for "
                     "her.", tmp_path)
    assert [e.actor for e in result.events if e.event == "says" and "afraid" in e.detail] == ["Steven Dang"]


def test_she_with_no_woman_named_stands_for_nobody(tmp_path: Path) -> None:
    result = analyse("Mr Karl Brandt was arrested at his home on Monday. She said he had done nothing wrong.",
                     tmp_path)
    assert not [e for e in result.events if e.event == "says"]


def test_it_said_after_a_bodys_own_news_names_that_body(tmp_path: Path) -> None:
    result = analyse("The army has arrested Jan Kowalski in the capital, it said on Monday.", tmp_path)
    [arrest] = events_of(result, "Kowalski", "arrested")
    assert arrest.source == "the army"


def test_it_said_after_a_person_was_arrested_names_no_one(tmp_path: Path) -> None:
    result = analyse("Jan Kowalski has been arrested in the capital, it said on Monday.", tmp_path)
    [arrest] = events_of(result, "Kowalski", "arrested")
    assert arrest.source == "unnamed sources"


def test_a_clause_beside_a_passive_report_is_told_by_whoever_reports_both(tmp_path: Path) -> None:
    result = analyse("Schools have been shuttered, explosions were reported in several cities, and some "
                     "police officers were killed in the port, Reuters reports, while more than 100 guards "
                     "are being held hostage.", tmp_path)
    [killing] = events_of(result, "police", "killed")
    assert (killing.certainty, killing.source) == ("reported", "Reuters")


def test_a_day_that_claimed_lives_claims_no_words(tmp_path: Path) -> None:
    """"the day after the worst violence claimed dozens of lives": the parse may take the day for
    who "claimed" the clause before it."""
    result = analyse("Teodor Vasko fled the capital Friday, the day after the worst violence in the "
                     "history of the country claimed dozens of lives, including at least 20 protesters "
                     "killed by snipers.", tmp_path)
    assert result.events and all("day" not in e.source for e in result.events)


def test_we_in_a_quotation_is_whoever_the_sentence_says_spoke(tmp_path: Path) -> None:
    result = analyse('Opposition leader Teodor Vasko accused the army of killing 40 civilians. "We strongly '
                     'reject these accusations of killing civilians," the army said on Monday.', tmp_path)
    denials = [c for d in result.disputes for c in d.claims if c.stance == "denies"]
    assert denials and all(c.source in ("army", "the army") for c in denials)


def test_the_statement_is_the_one_told_of_just_before(tmp_path: Path) -> None:
    result = analyse('The ministry rejected the accusations of ethnic cleansing in the north, the Ruritanian '
                     'Foreign Ministry said in a statement. "We strongly condemn and reject the statement of '
                     'Teodor Vasko on the alleged ethnic cleansing of residents from the north," the '
                     'statement said.', tmp_path)
    denials = [c for d in result.disputes for c in d.claims if c.stance == "denies"]
    assert denials and all(c.source != "unnamed sources" for c in denials)
