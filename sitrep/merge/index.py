"""Between merges: how the articles changed, and which articles hold each key."""

from __future__ import annotations

import operator
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterator
from dataclasses import dataclass
from itertools import compress, islice
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from datetime import date

    from .prep import ArticlePrep


@dataclass
class Changes:
    """How this merge's articles differ from the last merge's."""

    pos: dict[int, int]
    """Each article's place in folder order, by the id of its prep."""
    added: list[ArticlePrep]
    """New or changed articles (a changed article is a new prep), in folder order."""
    removed: list[ArticlePrep]
    """Articles gone or changed since the last merge."""
    restart: bool
    """The articles kept are no longer in the same order: every index starts again (then
    `added` holds every article and `removed` none)."""
    before_pos: dict[int, int] | None = None
    """The last merge's `pos`, when known: where to find a removed article in a list kept in the
    last merge's folder order without going through it."""
    in_place: bool = False
    """Each added article took the place of a removed one, the others kept theirs."""


REPLACED_MAX = 64
"""A merge whose articles are the last one's with at most this many replaced in place (a reload
of changed files) works out its changes from those places alone."""


def changes(before: list[ArticlePrep], now: list[ArticlePrep],
            before_pos: dict[int, int] | None = None, places: list[int] | None = None) -> Changes:
    """How `now` differs from `before` (two merges' articles in folder order, each prep once);
    `before_pos` is `before`'s `Changes.pos`, if known (it is never changed); `places`, where
    `now` differs from `before`, if known (a pass over every article saved)."""
    if before_pos is not None and len(now) == len(before):
        found = _replaced(before, now, before_pos, places)
        if found is not None:
            found.before_pos = before_pos
            return found
    # map, zip and filter: a reload runs this over every article
    ids, before_ids = list(map(id, now)), list(map(id, before))
    pos = dict(zip(ids, range(len(ids)), strict=True))
    if len(pos) != len(now):
        raise ValueError("each article needs a prep of its own")
    old = set(before_ids)
    if list(filter(pos.__contains__, before_ids)) != list(filter(old.__contains__, ids)):
        return Changes(pos, list(now), [], restart=True)
    # Set differences and `compress` keep the loops over every article out of the interpreter.
    added, removed = pos.keys() - old, old - pos.keys()
    return Changes(pos, list(compress(now, map(added.__contains__, ids))) if added else [],
                   list(compress(before, map(removed.__contains__, before_ids))) if removed else [],
                   restart=False, before_pos=before_pos)


def _replaced(before: list[ArticlePrep], now: list[ArticlePrep], before_pos: dict[int, int],
              places: list[int] | None = None) -> Changes | None:
    """The changes when `now` is `before` with a few articles replaced in place, worked out from
    those places (`changes` would find the same); None when it is not (articles came, went or
    moved, or too many changed)."""
    if places is None:
        places = list(islice(compress(range(len(now)), map(operator.is_not, now, before)), REPLACED_MAX + 1))
    if len(places) > REPLACED_MAX:
        return None
    if any(id(now[at]) in before_pos for at in places):
        return None  # an article of `before` moved: every index starts again (see `changes`)
    pos = dict(before_pos)
    for at in places:
        del pos[id(before[at])]
    for at in places:
        if id(now[at]) in pos:  # twice in `now`
            return None
        pos[id(now[at])] = at
    return Changes(pos, [now[at] for at in places], [before[at] for at in places], restart=False,
                   in_place=True)


K = TypeVar("K", bound=Hashable)

_UNIQUE = (dict, frozenset, set)
"""Collections whose keys are each there once."""


class Postings(Generic[K]):
    """Which articles hold each key, in folder order, kept between merges."""

    def __init__(self, keys_of: Callable[[ArticlePrep], Collection[K]]) -> None:
        self.keys_of = keys_of
        self.articles: dict[K, list[ArticlePrep]] = {}

    def update(self, change: Changes) -> set[K]:
        """Take in the articles that came, changed or went; the keys whose articles changed."""
        if change.restart:
            self.articles = {}
        dirty: set[K] = set()
        before = change.before_pos
        for prep in change.removed:
            for key in dict.fromkeys(self.keys_of(prep)):
                articles = self.articles[key]
                at = -1
                if before is not None:  # held in the last merge's folder order: no need to look at each
                    at = bisect_left(articles, before[id(prep)], key=lambda p: before.get(id(p), -1))
                if not 0 <= at < len(articles) or articles[at] is not prep:
                    at = next(i for i, p in enumerate(articles) if p is prep)
                del articles[at]
                if not articles:
                    del self.articles[key]
                dirty.add(key)
        pos = change.pos
        if not self.articles:  # nothing held (a first merge): every article in folder order
            held = self.articles
            for prep in change.added:
                keys = self.keys_of(prep)
                # Each key once: a dict's or set's keys are, and so are those of one key or none.
                for key in keys if len(keys) < 2 or isinstance(keys, _UNIQUE) else dict.fromkeys(keys):
                    found = held.get(key)
                    if found is None:
                        held[key] = [prep]
                    else:
                        found.append(prep)
            return dirty | set(held)
        for prep in change.added:
            for key in dict.fromkeys(self.keys_of(prep)):
                articles = self.articles.setdefault(key, [])
                at = pos[id(prep)]
                if not articles or pos[id(articles[-1])] < at:
                    articles.append(prep)  # in folder order: every article of a first merge
                else:
                    articles.insert(bisect_right(articles, at, key=lambda p: pos[id(p)]), prep)
                dirty.add(key)
        return dirty


def _dated(prep: ArticlePrep) -> tuple[str, str]:
    return prep.result.date or "", prep.result.path


class NewestFirst:
    """The articles by date and path, newest first, as `sorted(results, key=(date, path),
    reverse=True)` orders them (articles of one date and path in folder order), kept between
    merges: a changed article is taken out and put back in place instead of sorting all again."""

    REBUILD = 64
    """More added articles than this: sort them all again."""

    def __init__(self) -> None:
        self._order: list[ArticlePrep] = []
        """Oldest first; articles of one date and path in reverse folder order."""

    def update(self, change: Changes, preps: list[ArticlePrep]) -> Iterator[ArticlePrep]:
        """Take in the articles that came, changed or went; the articles, newest first."""
        if change.restart or len(change.added) > self.REBUILD:
            # A stable sort of the reversed list: ties in reverse folder order (which ruff cannot know).
            self._order = sorted(preps[::-1], key=_dated)  # noqa: C415
            return reversed(self._order)
        order, pos = self._order, change.pos
        for prep in change.removed:
            key = _dated(prep)
            at = bisect_left(order, key, key=_dated)
            while order[at] is not prep:
                at += 1
            del order[at]
        for prep in change.added:
            key = _dated(prep)
            at, end = bisect_left(order, key, key=_dated), bisect_right(order, key, key=_dated)
            while at < end and pos[id(order[at])] > pos[id(prep)]:
                at += 1
            order.insert(at, prep)
        return reversed(order)


class ArticleTotals:
    """What a merge needs of all the articles' dates, outlets, headlines, endings, measures and
    calls, kept between merges and updated only where articles came, changed or went: each was a
    pass over every article on every reload."""

    def __init__(self) -> None:
        self._starts: Counter[date] = Counter()
        self._ends: Counter[date] = Counter()
        self._outlets: Counter[str] = Counter()
        self._dated: Postings[str] = Postings(lambda prep: () if prep.day is None else (prep.path,))
        self._headed: Postings[str] = Postings(lambda prep: ("",) if prep.headline is not None else ())
        self._ending: Postings[str] = Postings(
            lambda prep: ("",) if prep.result.endings or prep.result.measures or prep.result.calls else ())
        self.days: dict[str, date] = {}
        """The last day each file's date may mean (`{path: day.end}` over the dated articles)."""

    def update(self, change: Changes) -> None:
        """Take in the articles that came, changed or went."""
        if change.restart:
            self._starts, self._ends, self._outlets, self.days = Counter(), Counter(), Counter(), {}
        for prep, sign in [*((p, -1) for p in change.removed), *((p, 1) for p in change.added)]:
            if prep.day is not None:
                _tally(self._starts, prep.day.start, sign)
                _tally(self._ends, prep.day.end, sign)
            if prep.result.outlet:
                _tally(self._outlets, prep.result.outlet, sign)
        for path in self._dated.update(change):
            holders = self._dated.articles.get(path)
            if holders:
                self.days[path] = holders[-1].day.end  # type: ignore[union-attr]  # dated, by the key
            else:
                self.days.pop(path, None)
        self._headed.update(change)
        self._ending.update(change)

    @property
    def first_start(self) -> date | None:
        """The earliest first day of any article's date."""
        return min(self._starts, default=None)

    @property
    def last_end(self) -> date | None:
        """The latest last day of any article's date."""
        return max(self._ends, default=None)

    @property
    def outlets(self) -> set[str]:
        """The articles' outlets (those that name one)."""
        return set(self._outlets)

    @property
    def headed(self) -> list[ArticlePrep]:
        """The articles with a real headline, in folder order."""
        return self._headed.articles.get("", [])

    @property
    def ending(self) -> list[ArticlePrep]:
        """The articles that tell of something ending, a measure taken or a call made, in folder order."""
        return self._ending.articles.get("", [])


def _tally(counter: Counter[K], key: K, sign: int) -> None:
    """Count `key` once more (`sign` 1) or once less (-1), dropping it at zero."""
    count = counter[key] + sign
    if count:
        counter[key] = count
    else:
        del counter[key]
