"""An actor's files after a reload of changed files, worked out from the places that changed
(`ActorIndex._files_in_place`: each file kept with the place of its article), equal to those of
a merge made afresh: for an actor of several name keys too, and when two articles share a file
name (a place then does not tell a file, and the files are listed again)."""

from __future__ import annotations

from sitrep.model import ActorMention, ArticleResult, Evidence

from merge_support import merged_in_turn


def article(path: str, *names: str, aliases: tuple[str, ...] = (), title: str = "Talks") -> ArticleResult:
    """An article naming these actors (each person with these aliases)."""
    mentions = [ActorMention(name, "person", list(aliases),
                             evidence=[Evidence(path, f"{name} spoke in {path}.")]) for name in names]
    return ArticleResult(path=path, title=title, outlet="Wire", date="2031-04-02", content_hash=path + title,
                         mtime=0.0, words=100, actors=mentions)


def files_of(name: str, *folders: list[ArticleResult]) -> list[str]:
    """The files of the actor `name` after the folders are merged in turn."""
    return next(a.articles for a in merged_in_turn(*folders).actors if a.name == name)


FULL = "Teodor Halvass"


def test_an_actor_of_two_name_keys_loses_a_middle_file_and_takes_it_back_in_its_place() -> None:
    # "Halvass" alone is a name key of its own, joined to the full name by an alias.
    folder = [article(f"{n}.txt", FULL, aliases=("Halvass",)) for n in "ab"]
    folder += [article("c.txt", "Halvass"), article("d.txt", FULL), article("e.txt", "Halvass")]
    without = [*folder[:2], article("c.txt", "Ilse Varro"), *folder[3:]]
    assert files_of(FULL, folder, without) == ["a.txt", "b.txt", "d.txt", "e.txt"]
    assert files_of(FULL, folder, without, folder) == ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"]


def test_an_article_that_comes_under_a_file_name_the_actor_has_leaves_that_name_once() -> None:
    folder = [article("a.txt", FULL), article("b.txt", "Ilse Varro"), article("a.txt", "Ilse Varro")]
    named = [*folder[:2], article("a.txt", FULL, title="Talks again")]
    assert files_of(FULL, folder, named) == ["a.txt"]


def test_an_article_gone_from_an_actor_with_a_file_name_twice_leaves_the_other_s() -> None:
    folder = [article("a.txt", FULL), article("b.txt", FULL), article("a.txt", FULL, title="Talks again")]
    assert files_of(FULL, folder, [article("a.txt", "Ilse Varro"), *folder[1:]]) == ["b.txt", "a.txt"]
