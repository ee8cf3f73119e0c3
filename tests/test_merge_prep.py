"""`merge.prep.prepare`: what the merge reads from one article, worked out once per result."""

from __future__ import annotations

import pytest

from sitrep.merge.context import _headline_words, _real_headline
from sitrep.merge.prep import prepare
from sitrep.model import ActorMention, ArticleResult, Evidence


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
