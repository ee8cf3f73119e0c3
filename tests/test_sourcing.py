"""Independent sources: one wire story in several outlets, or one speaker quoted by many, is one."""

from pathlib import Path

from sitrep.model import sourcing_phrase
from sitrep.sourcing import Mention, count_sources

from extract_support import situation

OUTLETS = {"a.txt": "Daily Ledger", "b.txt": "Coastal Herald", "c.txt": "Meridian Wire"}


def test_the_same_wire_sentence_in_three_outlets_is_one_source() -> None:
    sentence = "Rebels seized the airport on Monday, officials said."
    mentions = [Mention("officials", sentence, f) for f in OUTLETS]
    assert count_sources(mentions, OUTLETS) == (1, 3)


def test_one_speaker_quoted_in_different_words_is_one_source() -> None:
    mentions = [Mention("Interior Minister Karl Brandt", "Brandt said the airport was retaken.", "a.txt"),
                Mention("Interior Minister Karl Brandt", "The airport is ours again, Brandt told reporters.",
                        "b.txt")]
    assert count_sources(mentions, OUTLETS) == (1, 2)


def test_one_speaker_named_with_and_without_a_first_name_is_one_source() -> None:
    mentions = [Mention("Karl Brandt", "Brandt said the airport was retaken.", "a.txt"),
                Mention("Heinrich Karl Brandt", "The airport is ours again, Brandt told reporters.", "b.txt")]
    assert count_sources(mentions, OUTLETS) == (1, 2)


def test_two_speakers_whose_names_share_only_a_last_word_are_two_sources() -> None:
    mentions = [Mention("the foreign ministry", "The ministry said the airport was retaken.", "a.txt"),
                Mention("the defence ministry", "The airport is ours again, the ministry said.", "b.txt")]
    assert count_sources(mentions, OUTLETS) == (2, 2)


def test_two_outlets_in_their_own_words_are_two_sources() -> None:
    mentions = [Mention("the article", "Rebels took the airport on Monday.", "a.txt"),
                Mention("the article", "The airport fell to the rebels on Monday night.", "c.txt")]
    assert count_sources(mentions, OUTLETS) == (2, 2)


def test_two_differently_described_unnamed_speakers_in_one_article_are_two_sources() -> None:
    mentions = [Mention("sources", "Eight soldiers were killed, sources say.", "a.txt"),
                Mention("an official from a charity in the area", "A charity official put the toll at eight.",
                        "a.txt")]
    assert count_sources(mentions, OUTLETS) == (2, 1)


def test_one_article_s_unnamed_sources_said_twice_are_one_source() -> None:
    mentions = [Mention("sources", "Eight soldiers were killed, sources say.", "a.txt"),
                Mention("unnamed sources", "The convoy was ambushed near the town.", "a.txt")]
    assert count_sources(mentions, OUTLETS) == (1, 1)


def test_the_phrase_never_passes_one_wire_story_for_corroboration() -> None:
    assert sourcing_phrase(1, 4) == "1 source, 4 articles"
    assert sourcing_phrase(3, 3) == "3 independent sources"
    assert sourcing_phrase(1, 1) == "1 source"


def test_a_status_line_counts_its_independent_sources(tmp_path: Path) -> None:
    wire = "Opposition leader Karl Brandt was arrested by police in the capital on Monday, AFP reported."
    found = situation({"a.txt": f"Title: Arrest\nDate: 2021-03-02\n\n{wire}",
                       "b.txt": f"Title: Brandt held\nDate: 2021-03-02\n\n{wire}"}, tmp_path)
    lines = [line for line in found.status if "Brandt" in line.text]
    assert lines and all(line.independent_sources == 1 and line.article_count == 2 for line in lines)
