"""The merge's indexes of which articles hold each key (`merge.index.Postings`) and of the
headlines naming each country (`merge.context.FocusVotes`)."""

from __future__ import annotations

from sitrep.merge.context import FocusVotes
from sitrep.merge.index import Postings, changes
from sitrep.merge.prep import ArticlePrep, prepare
from sitrep.model import ArticleResult


def _preps(*titles: str) -> list[ArticlePrep]:
    return [prepare(ArticleResult(path=f"{n}.txt", title=title, outlet="", date=None, content_hash="h" * 64,
                                  mtime=0.0, words=10)) for n, title in enumerate(titles)]


def test_an_article_giving_a_key_twice_is_listed_once_under_it() -> None:
    preps = _preps("Mali coup", "Niger talks")
    keys = {id(preps[0]): ["a", "b", "a"], id(preps[1]): ["b"]}
    postings: Postings[str] = Postings(lambda prep: keys[id(prep)])
    assert postings.update(changes([], preps)) == {"a", "b"}
    assert postings.articles == {"a": [preps[0]], "b": preps}


def test_keys_given_as_a_dict_or_a_set_are_listed_in_their_order() -> None:
    preps = _preps("Mali coup", "Niger talks")
    keys = {id(preps[0]): {"b": 0, "a": 1}, id(preps[1]): frozenset({"a"})}
    postings: Postings[str] = Postings(lambda prep: keys[id(prep)])
    postings.update(changes([], preps))
    assert list(postings.articles) == ["b", "a"] and postings.articles["a"] == preps


def test_headlines_counted_together_equal_each_counted_alone() -> None:
    preps = _preps("Mali junta frees Niger envoy", "Mali coup leader detained", "Talks in Niamey", "")
    together = FocusVotes()
    together.count_headlines(["mali", "niger", "chad", "mali"], preps)
    counted = [together.headlines(key, preps) for key in ("mali", "niger", "chad")]
    assert counted == [FocusVotes().headlines(key, preps) for key in ("mali", "niger", "chad")] == [2, 1, 0]
