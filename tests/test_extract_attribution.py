"""Attribution: who says so, and how sure, read from the parse."""

from pathlib import Path

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


def test_pronoun_subject_prefers_the_subject_of_its_own_sentence(tmp_path: Path) -> None:
    text = ("Tony Blair spoke on Monday.\n\nFresh claims say Mr Brown was still seething that he had been "
            "excluded from election planning.")
    result = analyse(text, tmp_path)
    assert events_of(result, "Brown", "excluded")
    assert not events_of(result, "Blair", "excluded")
