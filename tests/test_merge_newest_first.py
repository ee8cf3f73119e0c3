"""The articles newest first, kept between merges, are in the order a fresh sort gives.

`index.NewestFirst` takes out and puts back only what changed; the summary reads the ledes of
the newest articles in that order. Hypothesis draws articles that share dates and even date and
path (a tie a fresh `sorted(..., reverse=True)` leaves in folder order) and changes them.
"""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from sitrep.merge.index import NewestFirst, changes
from sitrep.merge.prep import prepare
from sitrep.model import ArticleResult

DATES = ["", "2015-05-10", "2015-05-29", "2020-06-15"]
PATHS = ["a.txt", "b.txt", "c.txt"]


def article(date: int, path: int) -> ArticleResult:
    """A new result with only a date and a path (each call a new object)."""
    return ArticleResult(path=PATHS[path], title="", outlet="", date=DATES[date] or None,
                         content_hash="", mtime=0.0, words=0)


def newest_first_sorted(results: list[ArticleResult]) -> list[ArticleResult]:
    """What the summary sorted before `NewestFirst`."""
    return sorted(results, key=lambda r: (r.date or "", r.path), reverse=True)


FOLDER = st.lists(st.tuples(st.integers(0, len(DATES) - 1), st.integers(0, len(PATHS) - 1)), max_size=12)
STEP = st.tuples(st.sampled_from(["add", "remove", "change"]), st.integers(0, 20),
                 st.integers(0, len(DATES) - 1), st.integers(0, len(PATHS) - 1))


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(start=FOLDER, steps=st.lists(STEP, min_size=1, max_size=10))
def test_the_kept_order_equals_a_fresh_sort_after_every_change(
        start: list[tuple[int, int]], steps: list[tuple[str, int, int, int]]) -> None:
    preps = [prepare(article(d, p)) for d, p in start]
    order = NewestFirst()
    order.update(changes([], preps), preps)
    for what, at, date, path in steps:
        before = list(preps)
        if what == "add":
            preps.insert(at % (len(preps) + 1), prepare(article(date, path)))
        elif preps and what == "remove":
            del preps[at % len(preps)]
        elif preps:
            preps[at % len(preps)] = prepare(article(date, path))
        kept = [p.result for p in order.update(changes(before, preps), preps)]
        assert [id(r) for r in kept] == [id(r) for r in newest_first_sorted([p.result for p in preps])]


def test_many_added_articles_are_sorted_again() -> None:
    preps = [prepare(article(n % len(DATES), n % len(PATHS))) for n in range(NewestFirst.REBUILD + 5)]
    order = NewestFirst()
    kept = [p.result for p in order.update(changes([], preps), preps)]
    assert [id(r) for r in kept] == [id(r) for r in newest_first_sorted([p.result for p in preps])]
