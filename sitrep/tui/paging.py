"""Building a long pane a page at a time: the part the option panes and the table panes share.

A pane builds its first page of rows and a "… and N more" row; when the cursor or the scroll
comes near the last row built, the next page is built (a 19,000-row pane froze the keyboard).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object

T = TypeVar("T")


class Paged(_Base):
    """Mixin for a scrolling pane: subclasses say whether the cursor is near the last row built
    (`_near_the_end`) and how to build the next page (`show_more`)."""

    def _near_the_end(self) -> bool:
        raise NotImplementedError

    def show_more(self) -> None:
        """Build the next page of rows."""
        raise NotImplementedError

    def _scrolled_to_the_end(self) -> bool:
        """Whether the scroll shows the last row built; only once laid out and taller than the
        pane, since before that every offset is "the end"."""
        return 0 < self.max_scroll_y <= self.scroll_y + self.scrollable_content_region.height

    def _more_soon(self) -> None:
        """Near the last row built: build the next page once this refresh is done."""
        if self._near_the_end():
            self.call_later(self._more_if_near_the_end)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Scroll; near the last row built, build the next page."""
        super().watch_scroll_y(old_value, new_value)
        self._more_soon()

    def _more_if_near_the_end(self) -> None:
        if self._near_the_end():
            self.show_more()


def chain_one(first: T, rest: Iterator[T]) -> Iterator[T]:
    """`first`, then the items of `rest`."""
    yield first
    yield from rest
