"""`OptionPane`: the base of the list panes (Status, Disputes, Context).

A pane is an `OptionList` fed a `View`; subclasses turn the view into `Row`s, lazily. Rebuilding on
a reload keeps the highlighted row (by key, not index) and the scroll position, and the row under
the cursor of the focused pane is always the one the evidence view shows.

A pane builds only its first `PAGE` rows, then a "… and N more" row; the next page is built when
the cursor or the scroll nears the end of what is built. A report of 2,000 articles has 19,051
disputes: building and measuring them all on every reload held the keyboard for seconds
(issue #12 row 13).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from .marks import empty_folder_text
from .messages import ShowEvidence
from .paging import Paged, chain_one
from .view import View

LOADING = "Reading the articles…"
"""What a pane says before the first report arrives."""
FAILED = "No report (see above)."
"""What a pane says when the first analysis failed."""
PAGE = 60
"""Rows a pane builds at first, and again each time the cursor or the scroll nears the last one
built: a few screens of rows, so a reload costs the same in a folder of 20 or 2,000 articles."""
NEAR_END = 10
"""How many rows before the last one built the cursor may come before the next page is built."""
MORE_KEY = "-more"
"""The key of the "… and N more" row."""


def more_text(left: int) -> Text:
    """The last row of a pane with rows not built yet: how many, and how to get at them."""
    return Text(f"… and {left:,} more (filter with / to narrow, or scroll on)", style="italic dim")


@dataclass
class Row:
    """One option: a stable key, what to draw, and the evidence behind it (None for a heading)."""

    key: str
    prompt: RenderableType
    evidence: ShowEvidence | None = None
    stamp: Hashable | None = None
    """What the prompt draws (None: unknown). When every row's key and stamp are as last drawn,
    the list keeps its options: measuring and wrapping them again was most of a reload's time."""


class OptionPane(Paged, OptionList, can_focus=True):
    """An option list over a `View` that keeps its place across reloads."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First row", show=False),
        Binding("G", "last", "Last row", show=False),
    ]

    view: var[View | None] = var(None)
    """The data to show; every assignment redraws."""

    EMPTY = "Nothing yet."
    EMPTY_FILTERED = "Nothing involving {name}."
    EXPLAINS_EMPTY_FOLDER = False
    """Whether the pane says why the folder gives nothing (what to drop in, or where the reasons are)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self._rows: dict[str, Row] = {}
        self._keys: list[str] = []
        self._drawn: list[tuple[str, Hashable, bool]] | None = None
        """(key, stamp, disabled) of every option drawn, when all rows had a stamp."""
        self._pending: Iterator[Row] | None = None
        """The rows of the view not built yet (None: all built)."""
        self._left = 0
        """How many selectable rows are not built yet."""

    def on_mount(self) -> None:
        """Say the report is on its way until the first one arrives."""
        if self.view is None:
            self.placeholder(LOADING)

    def placeholder(self, text: str) -> None:
        """Say `text` until the first report arrives (on its way, or why it did not come)."""
        if self.view is None:
            self.set_options([Option(Text(text, style="italic dim"), id="-loading", disabled=True)])

    def rows(self, view: View) -> Iterable[Row]:
        """The rows to show for `view`, in order (subclasses override, as a generator: only the rows
        shown are ever built)."""
        raise NotImplementedError

    def count(self, view: View) -> int:
        """How many selectable rows `view` has in all (subclasses count without building them)."""
        return sum(1 for row in self.rows(view) if row.evidence is not None)

    def subtitle(self, view: View, shown: int) -> str:
        """The border subtitle: a count, "n of m" when filtered."""
        return str(shown)

    def empty_text(self, view: View) -> str:
        """What the pane says with no rows: why (an empty folder says what to drop into it)."""
        if view.filtered:
            return self.EMPTY_FILTERED.format(name=view.shown_name)
        return (empty_folder_text(view.full) if self.EXPLAINS_EMPTY_FOLDER else None) or self.EMPTY

    def watch_view(self, view: View | None) -> None:
        """Redraw, keeping the highlighted key and the scroll offset."""
        if view is None:
            return
        previous_key = self.highlighted_key
        previous_index = self.highlighted
        scroll_y = self.scroll_y
        total = self.count(view)
        # Enough rows for the cursor's place and the scroll's to survive the reload (rows per line
        # as last drawn, to turn the scroll offset into rows).
        per_line = len(self._keys) / max(self.virtual_size.height, 1)
        seen = int((scroll_y + self.scrollable_content_region.height) * per_line)
        wanted = max(PAGE, (previous_index or 0) + NEAR_END, seen + NEAR_END)
        self._rows = {}
        self._keys = []
        self._pending = iter(self.rows(view))
        rows = self._build(wanted)
        self._left = max(total - sum(1 for r in rows if r.evidence is not None), 0)
        empty = self.empty_text(view) if not total else None
        drawn: list[tuple[str, Hashable, bool]] | None = None
        if all(row.stamp is not None for row in rows):
            drawn = [(key, row.stamp, row.evidence is None)
                     for key, row in zip(self._keys, rows, strict=True)]
            drawn.append(("-empty", empty, True))
            drawn.append((MORE_KEY, self._left if self._pending else 0, True))
        self.border_subtitle = self.subtitle(view, total)
        if drawn is not None and drawn == self._drawn:
            return  # the same options: only the evidence behind them is new
        self._drawn = drawn
        options = [Option(row.prompt, id=key, disabled=row.evidence is None)
                   for key, row in zip(self._keys, rows, strict=True)]
        if empty is not None:
            options.append(Option(Text(empty, style="italic dim"), id="-empty", disabled=True))
        if self._pending is not None:
            options.append(Option(more_text(self._left), id=MORE_KEY, disabled=True))
        self.set_options(options)
        self._restore(previous_key, previous_index)
        self.scroll_to(y=scroll_y, animate=False, immediate=True)

    def _build(self, count: int) -> list[Row]:
        """Build up to `count` more rows of the view (fewer at its end), keyed uniquely."""
        if self._pending is None:
            return []
        built = list(islice(self._pending, count + 1))
        if len(built) > count:  # one row too many: there is more; keep it for the next page
            self._pending = chain_one(built.pop(), self._pending)
        else:
            self._pending = None
        for row in built:
            key = _unique(row.key, self._rows)
            self._rows[key] = row
            self._keys.append(key)
        return built

    def show_more(self) -> None:
        """Build the next page of rows, in place of the "… and N more" row."""
        if self._pending is None:
            return
        start = len(self._keys)
        rows = self._build(PAGE)
        self._left = max(self._left - sum(1 for r in rows if r.evidence is not None), 0)
        highlighted, scroll_y = self.highlighted, self.scroll_y
        self._drawn = None  # the options no longer match a plain rebuild's
        self.remove_option(MORE_KEY)
        options = [Option(row.prompt, id=key, disabled=row.evidence is None)
                   for key, row in zip(self._keys[start:], rows, strict=True)]
        if self._pending is not None:
            options.append(Option(more_text(self._left), id=MORE_KEY, disabled=True))
        self.add_options(options)
        self.highlighted = highlighted
        self.scroll_to(y=scroll_y, animate=False, immediate=True)

    def _near_the_end(self) -> bool:
        """Whether the cursor or the scroll has come close to the last row built."""
        if self._pending is None:
            return False
        if self.highlighted is not None and self.highlighted >= len(self._keys) - NEAR_END:
            return True
        return self._scrolled_to_the_end()

    def watch_highlighted(self, highlighted: int | None) -> None:
        """Scroll to the highlighted row; near the last row built, build the next page."""
        super().watch_highlighted(highlighted)
        self._more_soon()


    def action_cursor_down(self) -> None:
        """Move down; from the last row built, build the next page first (never wrap past it)."""
        if self._pending is not None and self.highlighted is not None:
            enabled = [i for i, option in enumerate(self.options) if not option.disabled]
            if enabled and self.highlighted >= enabled[-1]:
                self.show_more()
        super().action_cursor_down()

    def _restore(self, key: str | None, index: int | None) -> None:
        """Highlight `key` again if it is still there, else the nearest enabled row."""
        enabled = [i for i, option in enumerate(self.options) if not option.disabled]
        if not enabled:
            return
        if key is not None and key in self._rows and self._rows[key].evidence is not None:
            self.highlighted = self.get_option_index(key)
        elif index is not None:
            self.highlighted = min(enabled, key=lambda i: (abs(i - index), i))
        else:
            self.highlighted = enabled[0]

    @property
    def highlighted_key(self) -> str | None:
        """The key of the highlighted row, if any."""
        option = self.highlighted_option
        return option.id if option is not None and option.id in self._rows else None

    @property
    def keys(self) -> list[str]:
        """The keys of every row shown, in order (headings included)."""
        return list(self._keys)

    def evidence_rows(self) -> list[Row]:
        """The selectable rows built so far, in order."""
        return [self._rows[k] for k in self._keys if self._rows[k].evidence is not None]

    def selected_evidence(self) -> ShowEvidence | None:
        """The evidence behind the highlighted row (None: no row, or a heading)."""
        key = self.highlighted_key
        return self._rows[key].evidence if key is not None else None

    def show_evidence(self) -> None:
        """Ask for the evidence of the highlighted row to be shown."""
        message = self.selected_evidence()
        if message is not None:
            self.post_message(message.copy())

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.has_focus:
            self.show_evidence()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.show_evidence()

    def on_focus(self) -> None:
        """Show the evidence of the row under the cursor when the pane gets focus."""
        self.show_evidence()



def _unique(key: str, taken: dict[str, Row]) -> str:
    """`key`, suffixed if another row already has it (option ids must be unique)."""
    if key not in taken:
        return key
    n = 2
    while f"{key}#{n}" in taken:
        n += 1
    return f"{key}#{n}"
