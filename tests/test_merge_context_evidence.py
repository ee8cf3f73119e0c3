"""A context item told by many articles shows each piece of their evidence once, in folder order,
in a merge kept between reloads as in a merge made afresh: the incremental merge keeps each
article's evidence by key and puts it together, unless a piece may repeat across articles."""

from __future__ import annotations

from sitrep.merge.context import ContextIndex
from sitrep.merge.index import changes
from sitrep.merge.prep import prepare
from sitrep.model import ArticleResult, ContextItem, Evidence, Situation

from merge_support import merged_in_turn


def article(path: str, *sentences: str, read_in: str | None = None) -> ArticleResult:
    """An article whose one context item places Palmyra, with evidence read in `read_in`
    (by default the article itself)."""
    evidence = [Evidence(read_in or path, sentence) for sentence in sentences]
    item = ContextItem("place", "Palmyra (Syria)", [], evidence, [])
    return ArticleResult(path=path, title="Fighting near the ruins", outlet="Wire", date="2031-03-02",
                         content_hash=path + "".join(sentences), mtime=0.0, words=100, context=[item])


def palmyra_evidence(situation: Situation) -> list[tuple[str, str]]:
    """The file and sentence of each piece of evidence of the merged Palmyra item."""
    (item,) = [i for i in situation.context if i.text == "Palmyra (Syria)"]
    return [(e.file, e.sentence) for e in item.evidence]


FIRST = article("a.txt", "Palmyra fell.", "The ruins were shelled.")
THIRD = article("c.txt", "Palmyra was retaken.")
FIRSTS = [("a.txt", "Palmyra fell."), ("a.txt", "The ruins were shelled.")]
THIRDS = [("c.txt", "Palmyra was retaken.")]


def test_a_changed_articles_evidence_keeps_its_place_in_folder_order() -> None:
    situation = merged_in_turn([FIRST, article("b.txt", "Troops left Palmyra."), THIRD],
                               [FIRST, article("b.txt", "Troops entered Palmyra."), THIRD])
    assert palmyra_evidence(situation) == [*FIRSTS, ("b.txt", "Troops entered Palmyra."), *THIRDS]


def test_a_removed_articles_evidence_leaves_the_item() -> None:
    situation = merged_in_turn([FIRST, article("b.txt", "Troops left Palmyra."), THIRD], [FIRST, THIRD])
    assert palmyra_evidence(situation) == [*FIRSTS, *THIRDS]


def test_evidence_another_article_was_read_in_is_shown_once() -> None:
    copy = article("b.txt", "The ruins were shelled.", "Troops left Palmyra.", read_in="a.txt")
    situation = merged_in_turn([FIRST, THIRD], [FIRST, copy, THIRD])
    assert palmyra_evidence(situation) == [*FIRSTS, ("a.txt", "Troops left Palmyra."), *THIRDS]


def test_evidence_of_two_articles_under_one_path_is_shown_once() -> None:
    again = article("a.txt", "The ruins were shelled.", "Palmyra was retaken.")
    situation = merged_in_turn([FIRST, THIRD], [FIRST, again, THIRD])
    assert palmyra_evidence(situation) == [*FIRSTS, ("a.txt", "Palmyra was retaken."), *THIRDS]


def test_the_sentences_shown_as_history_follow_the_articles_that_tell_them() -> None:
    founded = "The town was founded in 1920."
    history = ContextItem("history", "The town was founded in 1920", [1920], [Evidence("h.txt", founded)], [])
    told = prepare(ArticleResult(path="h.txt", title="A town's past", outlet="Wire", date="2031-03-02",
                                 content_hash="h", mtime=0.0, words=100, context=[history]))
    other = prepare(THIRD)
    index = ContextIndex()
    first = changes([], [told, other])
    index.merge(first, None, {})
    assert founded in index.history_sentences
    index.merge(changes([told, other], [other], first.pos), None, {})
    assert founded not in index.history_sentences


def test_a_first_article_changed_with_the_same_evidence_gives_the_item_its_new_wording() -> None:
    # The same key (name keys fold case), the same evidence: the item is made again on it.
    reworded = ArticleResult(**{**vars(FIRST), "title": "Fighting near Palmyra"})
    reworded.context = [ContextItem("place", "PALMYRA (Syria)", [], list(FIRST.context[0].evidence), [])]
    situation = merged_in_turn([FIRST, THIRD], [reworded, THIRD])
    assert [i.text for i in situation.context if i.kind == "place"] == ["PALMYRA (Syria)"]
    assert palmyra_evidence_of(situation, "PALMYRA (Syria)") == [*FIRSTS, *THIRDS]


def palmyra_evidence_of(situation: Situation, text: str) -> list[tuple[str, str]]:
    """The file and sentence of each piece of evidence of the merged item with this text."""
    (item,) = [i for i in situation.context if i.text == text]
    return [(e.file, e.sentence) for e in item.evidence]


MIDDLE = article("b.txt", "Troops left Palmyra.", "Shelling resumed.")


def test_a_middle_article_changed_in_place_to_no_longer_give_an_item_leaves_its_evidence_out() -> None:
    unrelated = ArticleResult(**{**vars(MIDDLE), "context": [], "content_hash": "b2"})
    situation = merged_in_turn([FIRST, MIDDLE, THIRD], [FIRST, unrelated, THIRD])
    assert palmyra_evidence(situation) == [*FIRSTS, *THIRDS]


def test_a_middle_article_changed_in_place_to_give_an_item_puts_its_evidence_in_its_place() -> None:
    unrelated = ArticleResult(**{**vars(MIDDLE), "context": [], "content_hash": "b2"})
    situation = merged_in_turn([FIRST, unrelated, THIRD], [FIRST, MIDDLE, THIRD])
    assert palmyra_evidence(situation) == [*FIRSTS, ("b.txt", "Troops left Palmyra."),
                                           ("b.txt", "Shelling resumed."), *THIRDS]


def test_history_sentences_follow_an_article_changed_in_place() -> None:
    def told(sentence: str) -> ArticleResult:
        item = ContextItem("history", "The town was founded in 1920", [1920], [Evidence("h.txt", sentence)])
        return ArticleResult(path="h.txt", title="A town's past", outlet="Wire", date="2031-03-02",
                             content_hash=sentence, mtime=0.0, words=100, context=[item])

    preps = [prepare(FIRST), prepare(told("The town was founded in 1920.")), prepare(THIRD)]
    index = ContextIndex()
    first = changes([], preps)
    index.merge(first, None, {})
    changed = changes(preps, [preps[0], prepare(told("It was founded in 1920.")), preps[2]], first.pos)
    assert changed.in_place
    index.merge(changed, None, {})
    assert index.history_sentences == {"It was founded in 1920.": 1}
