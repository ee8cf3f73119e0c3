"""The merged events after a reload of changed files, as a merge made afresh gives them: a fact
told in many articles is read only until its first telling of each actor it is told of is found
(`EventIndex._tellers` counts who each fact is told of), and the tellings of the facts that did
not change keep their places, the changed ones put among them."""

from __future__ import annotations

import dataclasses

from sitrep.model import ActorMention, ArticleResult, Evidence, Situation, StatusEvent

from merge_support import merged_in_turn

BOTH = "Soldiers detained Teodor Halvass and Ilse Varro at the palace on 1 April."


def detained(path: str, actor: str, sentence: str) -> StatusEvent:
    """The article's own word that the actor was detained, in this sentence."""
    return StatusEvent(actor, "detained", "affirmed", "stated", "the article", Evidence(path, sentence),
                       when="2031-04-01", article_date="2031-04-02")


def article(path: str, *actors: str, sentence: str = BOTH, title: str = "Detained") -> ArticleResult:
    """An article telling in one sentence that these actors were detained."""
    mentions = [ActorMention(a, "person", evidence=[Evidence(path, sentence)]) for a in actors]
    events = [detained(path, a, sentence) for a in actors]
    return ArticleResult(path=path, title=title, outlet="Wire", date="2031-04-02", content_hash=path + title,
                         mtime=0.0, words=100, actors=mentions, events=events)


def tellings(situation: Situation) -> list[tuple[str, str]]:
    """Each merged event: whom it is told of and the file it was read in."""
    return [(e.actor, e.evidence.file) for a in situation.actors for e in a.events]


def test_a_fact_told_in_many_articles_keeps_its_first_telling_of_each_actor() -> None:
    # Halvass in every article, Varro first in the fourth: the fact is read until Varro is found.
    folder = [article(f"{n}.txt", "Teodor Halvass") for n in "abc"] + [article("d.txt", "Teodor Halvass",
                                                                              "Ilse Varro")]
    changed = [folder[0], dataclasses.replace(folder[1], title="Detained again"), *folder[2:]]
    assert sorted(tellings(merged_in_turn(folder, changed))) == [("Ilse Varro", "d.txt"),
                                                                 ("Teodor Halvass", "a.txt")]


def test_a_changed_article_s_tellings_take_its_place_among_the_others() -> None:
    folder = [article(f"{n}.txt", "Teodor Halvass", sentence=f"Soldiers detained Teodor Halvass, {n} says.")
              for n in "abc"]
    changed = [folder[0], article("b.txt", "Teodor Halvass", sentence="Halvass was detained, b says."),
               folder[2]]
    assert [file for _actor, file in tellings(merged_in_turn(folder, changed, folder))] == ["a.txt", "b.txt",
                                                                                           "c.txt"]
