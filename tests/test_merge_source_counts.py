"""Source counts kept between reloads: each sentence's list of files (`IncrementalMerge._count`)
stands for those files and their outlets, and the ledgers and counts resting on it are reused
while it stands. A changed article that still reads a sentence leaves its list as it was; a file
that moves to another outlet gives every sentence read in it a new list, so nothing counted
under the old outlet is reused. (The counts take an event's files of one outlet as one mention,
`MemoCounter._count_events`: the outlet test fails when they take all its files as one.)"""

from __future__ import annotations

import dataclasses

from sitrep.merge import IncrementalMerge, merge
from sitrep.model import ActorMention, ArticleResult, Evidence, Lead, StateEntry, StatusEvent

from merge_support import report

DETAINED = "Soldiers detained President Teodor Halvass at the palace on 1 April."
HELD = "President Teodor Halvass was detained at the palace on 1 April, a guard said."


def article(path: str, outlet: str, *sentences: str, title: str = "Halvass detained",
            actor: str = "Teodor Halvass") -> ArticleResult:
    """An article telling, in its own voice, that the actor was detained, in each of these sentences."""
    events = [StatusEvent(actor, "detained", "affirmed", "stated", "the article",
                          Evidence(path, s), when="2031-04-01", article_date="2031-04-02") for s in sentences]
    mention = ActorMention(actor, "person", evidence=[Evidence(path, s) for s in sentences])
    return ArticleResult(path=path, title=title, outlet=outlet, date="2031-04-02", content_hash=path + outlet,
                         mtime=0.0, words=100, actors=[mention], events=events)


def detained_sources(merger: IncrementalMerge, folder: list[ArticleResult]) -> tuple[int, StateEntry]:
    """Merge the folder (checked against a fresh merge); the independent sources of Halvass's
    detention, and its ledger entry."""
    situation = merger.merge(folder, [], "folder")
    assert report(situation) == report(merge(folder, [], "folder"))
    entry = next(e for a in situation.actors if a.name == "Teodor Halvass" for e in a.state)
    return entry.independent_sources, entry


def test_a_changed_article_still_reading_a_sentence_leaves_the_ledger_resting_on_it_as_it_was() -> None:
    wire, copy = article("a.txt", "Meridian Wire", DETAINED), article("b.txt", "Herald", DETAINED)
    merger = IncrementalMerge()
    _count, entry = detained_sources(merger, [wire, copy])
    _count, again = detained_sources(merger, [wire, dataclasses.replace(copy, title="Halvass held")])
    assert again is entry  # the sentence's files are the same: its list, and the ledger, are kept


def test_a_wire_copy_moved_to_another_outlet_is_counted_under_the_new_one() -> None:
    # The copy shares an outlet with the third article, whose own voice is then one source with it.
    wire, copy = article("a.txt", "Meridian Wire", DETAINED), article("b.txt", "Herald", DETAINED)
    third = article("c.txt", "Herald", HELD)
    merger = IncrementalMerge()
    assert detained_sources(merger, [wire, copy, third])[0] == 1
    moved = dataclasses.replace(copy, outlet="Courier")
    assert detained_sources(merger, [wire, moved, third])[0] == 2


def test_a_lede_counted_again_when_a_changed_article_comes_to_open_with_it() -> None:
    lede = Lead(DETAINED, "stated", "the article", Evidence("a.txt", DETAINED))
    opening = dataclasses.replace(article("a.txt", "Meridian Wire"), leads=[lede])
    other = article("b.txt", "Herald", HELD)
    merger = IncrementalMerge()
    for folder in ([opening, other], [opening, dataclasses.replace(other, title="Halvass held")]):
        situation = merger.merge(folder, [], "folder")
        assert report(situation) == report(merge(folder, [], "folder"))
    copy = dataclasses.replace(other, leads=[dataclasses.replace(lede, evidence=Evidence("b.txt", DETAINED))])
    situation = merger.merge([opening, copy], [], "folder")
    assert report(situation) == report(merge([opening, copy], [], "folder"))
    assert next(line.article_count for line in situation.status if line.text == DETAINED) == 2


def test_a_changed_article_that_no_longer_reads_a_sentence_is_no_longer_counted_for_it() -> None:
    wire, copy = article("a.txt", "Meridian Wire", DETAINED), article("b.txt", "Herald", DETAINED)
    merger = IncrementalMerge()
    assert detained_sources(merger, [wire, copy])[1].article_count == 2
    other = article("b.txt", "Herald", "Ilse Varro was detained on 1 April.", actor="Ilse Varro")
    assert detained_sources(merger, [wire, other])[1].article_count == 1


def test_of_two_files_changed_at_once_the_one_that_stops_reading_a_sentence_is_no_longer_counted() -> None:
    folder = [article(name, "Meridian Wire", DETAINED) for name in ("a.txt", "b.txt", "c.txt")]
    merger = IncrementalMerge()
    detained_sources(merger, folder)
    still = dataclasses.replace(folder[1], title="Halvass held")
    other = article("c.txt", "Meridian Wire", "Ilse Varro was detained on 1 April.", actor="Ilse Varro")
    assert detained_sources(merger, [folder[0], still, other])[1].article_count == 2


def test_a_lede_with_two_speakers_names_both_on_its_status_line() -> None:
    sentence = "State television reported that 200 prisoners escaped, while residents said guards freed them."
    lede = Lead(sentence, "reported", "State television", Evidence("a.txt", sentence), also=["residents"])
    opening = dataclasses.replace(article("a.txt", "Meridian Wire", DETAINED), leads=[lede])
    situation = merge([opening], [], "folder")
    line = next(line for line in situation.status if line.text == sentence)
    assert line.sources == ["State television", "residents"]
