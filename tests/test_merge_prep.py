"""`merge.prep.prepare`: what the merge reads from one article, worked out once per result."""

from __future__ import annotations

import pytest

from sitrep.merge.context import _headline_words, _real_headline
from sitrep.merge.prep import prepare
from sitrep.model import ActorMention, ArticleResult, ContextItem, Evidence


def _article(path: str, title: str) -> ArticleResult:
    return ArticleResult(path=path, title=title, outlet="", date=None, content_hash="h" * 64, mtime=0.0,
                         words=10)


@pytest.mark.parametrize(("path", "title"), [
    ("seeds/mali_coup.txt", "Mali coup leader detained in Bamako"),
    ("seeds/mali_coup.txt", "Mali coup"),  # the file name made into a title
    ("seeds/mali-coup.v2.txt", "Mali coup v2"),
    ("seeds/.hidden", "hidden"),
    ("seeds/trailing.", "Trailing dot report filed"),
    ("seeds/2024 report.md", "2024 report"),  # numbers do not count as headline words
    ("a/b/Niger_Junta-Talks.html", "Niger junta talks"),
    ("plain", ""),
    ("plain", "Junta"),  # one word is no headline
    ("dir.d/file", "Troops move on the capital"),
])
def test_a_headline_is_read_as_the_context_merge_reads_one(path: str, title: str) -> None:
    expected = frozenset(_headline_words(title)) if _real_headline(_article(path, title)) else None
    assert prepare(_article(path, title)).headline == expected


def test_mentions_sharing_a_sentence_get_the_same_evidence_mark() -> None:
    shared = Evidence("a.txt", "General Dembele was detained on Tuesday, a source said.", "p1")
    other = Evidence("a.txt", "Dembele denied it.", "")
    result = _article("a.txt", "Mali general detained")
    result.actors = [ActorMention("Abass Dembele", "person", ["Dembele"], [], [shared, other]),
                     ActorMention("Mali", "country", [], [], [shared])]
    dembele, mali = prepare(result).mentions
    assert dembele[3][0] == mali[3][0] == "p1|general dembele was detained on tuesday a source said"
    assert dembele[3][1] == "a.txtDembele denied it."
    assert dembele[2] == ("abass dembele", "dembele")


def test_equal_evidence_in_separate_objects_gets_one_mark() -> None:
    first = Evidence("a.txt", "Dembele denied it.", "p2")
    again = Evidence("a.txt", "Dembele denied it.", "p2")  # equal, not the same object
    result = _article("a.txt", "Mali general detained")
    result.actors = [ActorMention("Abass Dembele", "person", [], [], [first]),
                     ActorMention("Dembele", "person", [], [], [again])]
    full, short = prepare(result).mentions
    assert full[3] == short[3] == ("p2|dembele denied it",)


def _with_context(*evidence: Evidence) -> ArticleResult:
    """An article on a.txt with one background item per piece of evidence, all of one text."""
    result = _article("a.txt", "Mali general detained")
    result.context = [ContextItem("background", "Mali has had three coups.", [], [e]) for e in evidence]
    return result


def test_context_items_of_one_key_repeating_equal_evidence_are_not_plain() -> None:
    here = Evidence("a.txt", "Mali has had three coups.", "p1")
    assert prepare(_with_context(here, Evidence("a.txt", "Mali had a coup in 2012.", "p2"))).context_plain
    assert not prepare(_with_context(here, Evidence("a.txt", here.sentence, "p1"))).context_plain


def test_context_evidence_read_in_another_file_is_not_plain() -> None:
    assert not prepare(_with_context(Evidence("b.txt", "Mali has had three coups.", "p1"))).context_plain


def test_a_prep_holds_its_articles_file() -> None:
    assert prepare(_article("seeds/mali_coup.txt", "Mali coup leader detained")).path == "seeds/mali_coup.txt"
