"""Building a long pane a window at a time: the part the option panes and the table panes share.

A pane holds the whole list of its entries for the view (the report's own objects: cheap) but
builds rows only for a window of them: a page around the cursor, with a "… N above" row before
it and a "… and N more" row after it. Moving or scrolling near either edge of the window builds
the next page that way; `g` and `G` build the first and the last page, so `G` reaches the true
last row without building the 2,000 before it. A reload builds again only the window around the
cursor. A report of 2,000 articles has 19,051 disputes: building and measuring them all on every
reload held the keyboard for seconds (issue #12 row 13), and building them all for `G` took 6 s.

`Window` is the arithmetic (pure, tested without an app); `Paged` is the mixin that asks a
scrolling pane to move its window when the cursor or the scroll nears one of its edges.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object

PAGE_SCREENS = 4
"""A page holds about this many screens of the pane's rows: with the cursor in its middle, more
than a screen each way, so that a rebuilt window is not near an edge at once."""
MIN_PAGE = 30
"""Rows a page holds at least: a list as short as most reports' is built whole, as it always was."""
MAX_PAGE = 100
"""Rows a page holds at most (a short row in a tall pane)."""
MAX_PAGES = 4
"""Pages a window keeps when it grows upwards (the far end is dropped: building a window again
costs what it holds). Growing downwards only appends, which costs just the new page."""
FALLBACK_LINES = 20
"""Lines a pane is taken to show before it is laid out (or while it is hidden)."""
FIRST_PAGE_SCREENS = 1.5
"""The first rows a pane ever builds (the dashboard's first paint) are about this many screens:
what it shows, and a little more for the cursor's first moves. Later pages are built as the
cursor or the scroll nears the window's end, as they always are."""
MIN_FIRST_PAGE = 8
"""Rows the first page holds at least."""


def is_first_page(built: int, total: int) -> bool:
    """Whether a pane that has built `built` rows so far builds a first page (`page_rows`'s
    `first`) for a list of `total` entries: only its first rows, and only of a list longer than
    `MIN_PAGE` (a list as short as most reports' is still built whole at once)."""
    return not built and total > MIN_PAGE


def page_rows(viewport_lines: int, lines_per_row: float, *, first: bool = False) -> int:
    """Rows in a page: about `PAGE_SCREENS` screens of `viewport_lines` lines, for rows of
    `lines_per_row` lines each, between `MIN_PAGE` and `MAX_PAGE`; the `first` page a pane builds,
    about `FIRST_PAGE_SCREENS` screens, at least `MIN_FIRST_PAGE` rows (and never more than a page)."""
    lines = viewport_lines if viewport_lines > 0 else FALLBACK_LINES

    def rows(screens: float) -> int:
        return math.ceil(screens * lines / max(lines_per_row, 1.0))

    page = max(MIN_PAGE, min(MAX_PAGE, rows(PAGE_SCREENS)))
    return min(page, max(MIN_FIRST_PAGE, rows(FIRST_PAGE_SCREENS))) if first else page


def kept_scroll(new: Window, old: Window, scroll_y: float) -> float | None:
    """The scroll a new view keeps: where it was when both windows start at the top (new rows
    above the cursor show, as they did), else None (the cursor's row stays on its line)."""
    return scroll_y if new.start == 0 and old.start == 0 else None


def near_rows(page: int) -> int:
    """How close (in rows) the cursor may come to an edge of the window before the next page is
    built that way: about a screen."""
    return max(2, page // PAGE_SCREENS)


@dataclass(frozen=True)
class Window:
    """Which entries of a list of `total` are built: `start` up to, not including, `end`."""

    start: int
    end: int
    total: int

    @classmethod
    def around(cls, index: int, total: int, page: int) -> Window:
        """A page of entries with `index` in its middle (or as near as the list's ends allow)."""
        if total <= 0:
            return cls(0, 0, 0)
        index = max(0, min(index, total - 1))
        start = max(0, index - page // 2)
        end = min(total, start + page)
        return cls(max(0, end - page), end, total)

    @classmethod
    def at(cls, index: int | None, total: int, page: int) -> Window:
        """The window a new view builds: around the entry at `index`, or the first page without one."""
        return cls.first(total, page) if index is None else cls.around(index, total, page)

    @classmethod
    def first(cls, total: int, page: int) -> Window:
        """The first page."""
        return cls(0, min(page, total), total)

    @classmethod
    def last(cls, total: int, page: int) -> Window:
        """The last page."""
        return cls(max(0, total - page), total, total)

    @property
    def above(self) -> int:
        """Entries before the window (not built)."""
        return self.start

    @property
    def below(self) -> int:
        """Entries after the window (not built)."""
        return self.total - self.end

    def __contains__(self, index: object) -> bool:
        return isinstance(index, int) and self.start <= index < self.end

    def down(self, page: int) -> Window:
        """The window with the next page below it added."""
        return Window(self.start, min(self.total, self.end + page), self.total)

    def up(self, page: int) -> Window:
        """The window with the page above it added, its far end dropped past `MAX_PAGES` pages."""
        start = max(0, self.start - page)
        return Window(start, min(self.end, start + MAX_PAGES * page), self.total)


class Paged(_Base):
    """Mixin for a scrolling pane over a window of its entries: subclasses say whether the cursor
    or the scroll is near the window's top (`_near_the_start`) or bottom (`_near_the_end`), and
    how to build the page above (`show_earlier`) and below (`show_more`)."""

    def _near_the_end(self) -> bool:
        raise NotImplementedError

    def _near_the_start(self) -> bool:
        raise NotImplementedError

    def show_more(self) -> None:
        """Build the page below the window."""
        raise NotImplementedError

    def show_earlier(self) -> None:
        """Build the page above the window."""
        raise NotImplementedError

    def _scrolled_to_the_end(self) -> bool:
        """Whether the scroll shows the last row built; only once laid out and taller than the
        pane, since before that every offset is "the end"."""
        return 0 < self.max_scroll_y <= self.scroll_y + self.scrollable_content_region.height

    def _scrolled_to_the_start(self) -> bool:
        """Whether the scroll shows the first row built (only once taller than the pane)."""
        return self.max_scroll_y > 0 and self.scroll_y <= 0

    _settling = False
    """Whether the window was just drawn again and the scroll has not caught up with the cursor
    yet (a jump to the last page scrolls once drawn: until then the top looked near)."""

    def _settle(self) -> None:
        """The window was drawn again: no page is added until the next refresh."""
        self._settling = True
        self.call_after_refresh(self._settled)

    def _settled(self) -> None:
        self._settling = False

    def _more_soon(self) -> None:
        """Near an edge of the window: build the next page that way once this refresh is done."""
        if self._settling:
            return
        if self._near_the_end() or self._near_the_start():
            self.call_later(self._more_if_near_an_edge)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Scroll; near an edge of the window, build the next page that way."""
        super().watch_scroll_y(old_value, new_value)
        self._more_soon()

    def _more_if_near_an_edge(self) -> None:
        if self._near_the_end():
            self.show_more()
        elif self._near_the_start():
            self.show_earlier()
