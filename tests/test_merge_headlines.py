"""The situation's title after many reloads that change headlines is the title a merge made
afresh gives: the headline index keeps each headline's score as a base and each word's drift,
and settles them from time to time (`HeadlineIndex.DRIFT_MAX`)."""

from __future__ import annotations

import random

from sitrep.merge import IncrementalMerge, merge
from sitrep.merge.context import HeadlineIndex
from sitrep.model import ArticleResult

WORDS = ["army", "rebels", "capital", "talks", "ceasefire", "border", "airport", "election", "protest",
         "strike", "port", "bridge", "convoy", "refugees"]


def article(n: int, rng: random.Random) -> ArticleResult:
    """Article `n` under a headline of four words drawn from a few, on one of a few days."""
    title = " ".join(w.capitalize() for w in rng.sample(WORDS, 4))
    return ArticleResult(path=f"{n:03}.txt", title=title, outlet="Wire", date=f"2031-03-0{rng.randint(1, 3)}",
                         content_hash=f"{n}-{title}", mtime=0.0, words=100)


def test_the_title_after_many_changed_headlines_is_that_of_a_fresh_merge() -> None:
    rng = random.Random(7)
    folder = [article(n, rng) for n in range(40)]
    merger = IncrementalMerge()
    # Each reload moves the counts of about six words: the bases are settled a few times on the way.
    for _step in range(HeadlineIndex.DRIFT_MAX):
        at = rng.randrange(len(folder))
        folder[at] = article(at, rng)
        assert merger.merge(list(folder), [], "folder").title == merge(list(folder), [], "folder").title
