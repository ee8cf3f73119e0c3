"""What the summary keeps between reloads (`SummaryMemo`) follows the ledgers it rests on: an
actor's current and superseded sentences are kept by the ledger kept under its key, so a lede
whose fact a new article supersedes leaves the summary as it leaves a merge made afresh."""

from __future__ import annotations

from sitrep.model import ActorMention, ArticleResult, Evidence, Lead, Situation, StatusEvent

from merge_support import merged_in_turn

DETAINED = "Soldiers detained President Teodor Halvass at the palace on 1 April."
FREED = "President Teodor Halvass was freed on 8 April."


def article(path: str, event: str, sentence: str, day: str) -> ArticleResult:
    """An article whose lede tells, in its own voice, that Halvass was `event` on `day`."""
    evidence = Evidence(path, sentence)
    told = StatusEvent("Teodor Halvass", event, "affirmed", "stated", "the article", evidence,
                       when=day, article_date=day)
    return ArticleResult(path=path, title=sentence, outlet="Wire", date=day, content_hash=path, mtime=0.0,
                         words=100, actors=[ActorMention("Teodor Halvass", "person", evidence=[evidence])],
                         events=[told], leads=[Lead(sentence, "stated", "the article", evidence)])


def summary(situation: Situation) -> list[str]:
    """The summary's lines."""
    return [line.text for line in situation.status]


def test_a_lede_a_new_article_supersedes_leaves_the_summary() -> None:
    held = article("a.txt", "detained", DETAINED, "2031-04-01")
    freed = article("b.txt", "released", FREED, "2031-04-08")
    assert DETAINED in summary(merged_in_turn([held]))
    assert DETAINED not in summary(merged_in_turn([held], [held, freed]))
