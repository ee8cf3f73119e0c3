"""The header's sparkline: articles per day, by publication date.

Only articles that give their day of publication count: an article placed by its file time
("file time …" in Sources) or dated only to a month or a year is left out, and the tooltip says
how many were. Days without an article between the first and the last count as zero, so the
line reads as a calendar. A long span is summed into `MAX_WIDTH` cells.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

from textual.widgets import Sparkline

from ..dates import When
from ..model import ArticleInfo
from .marks import plural

MAX_WIDTH = 16
"""Cells the sparkline may take in the header; one cell per day while the span fits."""


@dataclass(frozen=True)
class DailyCounts:
    """Articles per calendar day from `first` on (one count per day), and how many were left out."""

    first: date | None = None
    counts: list[int] = field(default_factory=list)
    left_out: int = 0
    """Articles without a day of publication (file time, or only a month or year)."""

    @property
    def last(self) -> date | None:
        """The last day counted."""
        return self.first + timedelta(days=len(self.counts) - 1) if self.first and self.counts else None


def publication_day(article: ArticleInfo) -> date | None:
    """The day an article was published, if it gives one to the day."""
    when = When.from_iso(article.date) if article.date else None
    return when.start if when is not None and when.precision == "day" else None


def articles_per_day(articles: Iterable[ArticleInfo]) -> DailyCounts:
    """Count the articles of each day from the first publication day to the last."""
    days: Counter[date] = Counter()
    left_out = 0
    for article in articles:
        day = publication_day(article)
        if day is None:
            left_out += 1
        else:
            days[day] += 1
    if not days:
        return DailyCounts(left_out=left_out)
    first, last = min(days), max(days)
    counts = [days[first + timedelta(days=n)] for n in range((last - first).days + 1)]
    return DailyCounts(first, counts, left_out)


def cells(counts: list[int], width: int = MAX_WIDTH) -> list[int]:
    """`counts` summed into at most `width` cells of (nearly) equal spans of days."""
    if len(counts) <= width:
        return list(counts)
    bounds = [round(i * len(counts) / width) for i in range(width + 1)]
    return [sum(counts[a:b]) for a, b in pairwise(bounds)]


def describe(daily: DailyCounts) -> str:
    """The tooltip: what the line shows, its span, its busiest day, and what was left out."""
    if daily.first is None or daily.last is None:
        text = "Articles per day by publication date: no article gives its day."
    else:
        busiest = max(range(len(daily.counts)), key=lambda n: (daily.counts[n], -n))
        peak = daily.first + timedelta(days=busiest)
        per_cell = round(len(daily.counts) / MAX_WIDTH) if len(daily.counts) > MAX_WIDTH else 1
        text = (f"Articles per day by publication date, {_label(daily.first)} to {_label(daily.last)}"
                f"{f' (about {per_cell} days a cell)' if per_cell > 1 else ''}; "
                f"busiest {_label(peak)} ({daily.counts[busiest]}).")
    if daily.left_out:
        text += (f" {plural(daily.left_out, 'article')} without a day of publication (file time, or only a "
                 "month or year) left out.")
    return text


def _label(day: date) -> str:
    return When.day(day).label


class ArticlesSparkline(Sparkline):
    """One line of bars, one per day (or span of days); class `-empty` while fewer than two days are
    dated (the stylesheet hides it then, and on a narrow screen, where the title needs the room)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__([], summary_function=max, id=id, classes=classes)
        self.daily = DailyCounts()
        self.add_class("-empty")

    def show(self, articles: Iterable[ArticleInfo]) -> None:
        """Draw the articles' days (and say in the tooltip what is left out)."""
        daily = articles_per_day(articles)
        if daily == self.daily:
            return
        self.daily = daily
        data = cells(daily.counts)
        self.set_class(len(daily.counts) < 2, "-empty")
        self.styles.width = max(len(data), 2)
        self.data = data
        self.tooltip = describe(daily)
