"""One denier's one-sided denials are joined among themselves, in a merge kept between reloads
as in a merge made afresh: the incremental dispute stage keeps each denier's joined denials
while its articles stay, and joins a refutation that no other article answers with them."""

from __future__ import annotations

from sitrep.model import ArticleResult, Claim, Dispute, Situation

from merge_support import merged_in_turn


def denial(path: str, source: str, subject: str, sentence: str) -> Dispute:
    """A one-sided denial as extraction gives it."""
    claim = Claim(text=subject, source=source, stance="denies", article=path, sentence=sentence)
    return Dispute(subject=subject, kind="contradiction", claims=[claim])


def article(path: str, *disputes: Dispute, title: str = "Talks resume in the capital") -> ArticleResult:
    """An article holding only these disputes."""
    return ArticleResult(path=path, title=title, outlet="Wire", date="2031-03-02", content_hash=path,
                         mtime=0.0, words=100, disputes=list(disputes))


KREMLIN = article("a.txt", denial("a.txt", "the Kremlin", "any involvement in the poison plot",
                                  "The Kremlin denied any involvement in the poison plot."))
MOSCOW = article("b.txt", denial("b.txt", "Moscow", "involvement in the poison plot",
                                 "Moscow has denied involvement in the poison plot."))
REFUTED = article("c.txt", denial("c.txt", "Russia", "whether the poisoning happened",
                                  "Russia said no poisoning had taken place."))
POISONING = article("b.txt", denial("b.txt", "the Kremlin", "that the poisoning happened",
                                    "The Kremlin denied that the poisoning happened."))
OTHER = article("d.txt", title="Ministers meet at the border")
OTHER_CHANGED = article("d.txt", title="Ministers meet again at the border")


def denials_of_russia(situation: Situation) -> list[list[str]]:
    """The sentences of each one-sided denial in the report."""
    return [[c.sentence for c in d.claims] for d in situation.disputes
            if d.kind == "contradiction" and all(c.stance == "denies" for c in d.claims)]


def test_one_deniers_denials_in_two_articles_are_one_dispute() -> None:
    situation = merged_in_turn([KREMLIN, OTHER], [KREMLIN, MOSCOW, OTHER])
    assert denials_of_russia(situation) == [["The Kremlin denied any involvement in the poison plot.",
                                             "Moscow has denied involvement in the poison plot."]]


def test_joined_denials_kept_while_another_article_changes_are_those_of_a_fresh_merge() -> None:
    situation = merged_in_turn([KREMLIN, MOSCOW, OTHER], [KREMLIN, MOSCOW, OTHER_CHANGED])
    assert len(denials_of_russia(situation)) == 1


def test_a_denial_gone_from_its_article_leaves_the_joined_denial() -> None:
    situation = merged_in_turn([KREMLIN, MOSCOW, OTHER], [article("a.txt"), MOSCOW, OTHER])
    assert denials_of_russia(situation) == [["Moscow has denied involvement in the poison plot."]]


def test_an_unanswered_refutation_is_joined_with_its_deniers_denial_of_the_same_thing() -> None:
    situation = merged_in_turn([POISONING, OTHER], [POISONING, REFUTED, OTHER])
    assert denials_of_russia(situation) == [["The Kremlin denied that the poisoning happened.",
                                             "Russia said no poisoning had taken place."]]
