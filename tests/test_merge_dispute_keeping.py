"""What the dispute stage keeps between reloads gives what a merge made afresh gives: a count's
figure disputes (and the summary's latest figures, `SummaryMemo.figure_parts`) are kept while its
list of figures stands (`DisputeStage._update` makes a new one when an article giving the count
changes), and the sentence key of each claim a merge makes is kept by its sentence
(`DisputeStage._sentence_keys`)."""

from __future__ import annotations

import dataclasses

from sitrep.model import ArticleResult, Claim, Dispute, Evidence, Situation, StatusEvent

from merge_support import merged_in_turn

KILLED = "number of protesters killed"


def toll(path: str, figure: str, low: float) -> ArticleResult:
    """An article giving the protesters' toll on 6 April."""
    sentence = f"{figure} protesters were killed in Brevna on 6 April."
    claim = Claim(text=figure, source="the article", stance="asserts", article=path, sentence=sentence,
                  value=(low, low), when="2031-04-06")
    dispute = Dispute(subject=KILLED, kind="numeric", claims=[claim])
    return ArticleResult(path=path, title="Protests", outlet="Wire", date="2031-04-07",
                         content_hash=path + figure, mtime=0.0, words=100, disputes=[dispute])


def figure_disputes(situation: Situation) -> list[list[str]]:
    """The figures of each numeric dispute in the report."""
    return [[c.text for c in d.claims] for d in situation.disputes if d.kind == "numeric"]


def test_a_count_s_figures_changed_in_one_article_are_weighed_again() -> None:
    folder = [toll("a.txt", "12", 12), toll("b.txt", "40", 40)]
    assert figure_disputes(merged_in_turn(folder)) == [["12", "40"]]
    assert figure_disputes(merged_in_turn(folder, [folder[0], toll("b.txt", "twelve", 12)])) == []


def told(path: str, actor: str, polarity: str, sentence: str) -> StatusEvent:
    """The article's own word that the actor was (or was not) detained."""
    return StatusEvent(actor, "detained", polarity, "stated", "the article", Evidence(path, sentence),  # type: ignore[arg-type]
                       when="2031-04-01", article_date="2031-04-02")


def held(path: str, actor: str) -> ArticleResult:
    """An article telling that the actor was detained and that the junta denies it."""
    events = [told(path, actor, "affirmed", f"{actor} was detained on 1 April, {path} says."),
              told(path, actor, "denied", f"The junta denied that {actor} was detained, {path} says.")]
    return ArticleResult(path=path, title="Detained", outlet="Wire", date="2031-04-02",
                         content_hash=path + actor, mtime=0.0, words=100, events=events)


def contradictions(situation: Situation) -> list[str]:
    """The subjects of the contradictions in the report."""
    return [d.subject for d in situation.disputes if d.kind == "contradiction"]


def test_contradictions_made_afresh_on_a_reload_are_told_apart_by_their_own_sentences() -> None:
    first = [held("a.txt", "Teodor Halvass"), held("b.txt", "Ilse Varro")]
    later = [first[0], dataclasses.replace(held("b.txt", "Ilse Varro"), title="Detained again")]
    later += [held("c.txt", "Mira Solt")]
    assert sorted(contradictions(merged_in_turn(first, later))) == [
        "Ilse Varro: detained?", "Mira Solt: detained?", "Teodor Halvass: detained?"]
