"""`OptionPane`: the base of the list panes (Status, Disputes, Context).

A pane is an `OptionList` fed a `View`; subclasses list the view's entries (cheap: the report's
own objects) and turn one entry into a `Row` (dear: what to draw). Rebuilding on a reload keeps
the highlighted row (by key, not index) and its place on screen, and the row under the cursor of
the focused pane is always the one the evidence view shows.

A pane builds rows only for a window of its entries (`paging.Window`): a page around the cursor,
then "… N above" and "… and N more" rows. Moving or scrolling near an edge builds the next page
that way; `g`/`G` (and Home/End) build the first or the last page (issue #14). Each row's height
is measured once per width (`MeasuredVisual`): measuring a dispute renders it, and the option
list measures every option again whenever one is added or removed.
"""

from __future__ import annotations

from collections.abc import Container, Hashable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.visual import RichVisual
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from .marks import empty_folder_text, palette_key
from .messages import ShowEvidence
from .paging import Paged, Window, is_first_page, kept_scroll, near_rows, page_rows
from .view import View

if TYPE_CHECKING:
    from textual.css.styles import RulesMap
    from textual.strip import Strip
    from textual.style import Style
    from textual.visual import RenderOptions

LOADING = "Reading the articles…"
"""What a pane says before the first report arrives."""
FAILED = "No report (see above)."
"""What a pane says when the first analysis failed."""
MORE_KEY = "-more"
"""The key of the "… and N more" row."""
ABOVE_KEY = "-above"
"""The key of the "… N above" row."""
SEARCH_RADIUS = 240
"""How far from its old place a reload looks for the highlighted row's entry (bounded: a key
that vanished must not cost a key per entry of a 19,000-entry list on every reload)."""


def more_text(left: int) -> Text:
    """The last row of a pane with rows not built yet: how many, and how to get at them."""
    return Text(f"… and {left:,} more (G for the last; filter with / to narrow, or scroll on)",
                style="italic dim")


def above_text(hidden: int) -> Text:
    """The first row of a pane whose window starts further down: how many rows are above."""
    return Text(f"… {hidden:,} above (g for the first, or scroll up)", style="italic dim")


@dataclass
class Row:
    """One option: a stable key, what to draw, and the evidence behind it (None for a heading)."""

    key: str
    prompt: RenderableType
    evidence: ShowEvidence | None = None
    stamp: Hashable | None = None
    """What the prompt draws (None: unknown). When every row's key and stamp are as last drawn,
    the list keeps its options: measuring and wrapping them again was most of a reload's time."""


class MeasuredVisual(RichVisual):
    """A Rich renderable measured and rendered once per width and style: Textual renders it whole
    to measure it whenever the option list changes, and again to draw it after every rebuild,
    though a row unchanged by a reload keeps its visual (`OptionPane._show`)."""

    def __init__(self, widget: Widget, renderable: RenderableType) -> None:
        super().__init__(widget, renderable)
        self._heights: dict[int, int] = {}
        self._strips: dict[tuple[int, int | None, Style], list[Strip]] = {}

    def get_height(self, rules: RulesMap, width: int) -> int:
        """The renderable's height at `width`, measured once."""
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().get_height(rules, width)
        return height

    def render_strips(self, width: int, height: int | None, style: Style,
                      options: RenderOptions) -> list[Strip]:
        """The renderable's lines, rendered once per width, height and style (not while text is
        being selected)."""
        if options.selection is not None:
            return super().render_strips(width, height, style, options)
        key = (width, height, style)
        strips = self._strips.get(key)
        if strips is None:
            strips = self._strips[key] = super().render_strips(width, height, style, options)
        return list(strips)


class OptionPane(Paged, OptionList, can_focus=True):
    """An option list over a window of a `View`'s entries that keeps its place across reloads."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First row", show=False),
        Binding("G", "last", "Last row", show=False),
    ]

    view: var[View | None] = var(None, always_update=True)
    """The data to show; every assignment redraws (`always_update`: views are never compared, see
    `SitrepApp.situation`)."""

    EMPTY = "Nothing yet."
    EMPTY_FILTERED = "Nothing involving {name}."
    EXPLAINS_EMPTY_FOLDER = False
    """Whether the pane says why the folder gives nothing (what to drop in, or where the reasons are)."""
    ROW_LINES: ClassVar[float] = 1.0
    """Lines a row takes, as a guess before any is drawn (to size the first page)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self._entries: Sequence[Any] = ()
        """Every entry of the view, built or not."""
        self._window = Window(0, 0, 0)
        """Which entries have rows."""
        self._rows: dict[str, Row] = {}
        self._keys: list[str] = []
        """The keys of the window's rows, in order (the row of entry `i` is `_keys[i - start]`)."""
        self._made: dict[tuple[str, Hashable, Hashable], Option] = {}
        """The options drawn, by key and stamp: an unchanged row keeps its option (and its measure)."""
        self._drawn: list[Hashable] | None = None
        """What the list holds, when every row had a stamp (to skip drawing it again)."""
        self._empty: str | None = None
        """What the pane says for a view with no rows (None: it has rows)."""
        self.built = 0
        """Rows built since the pane was made (what a large view costs, for tests)."""

    def on_mount(self) -> None:
        """Say the report is on its way until the first one arrives."""
        if self.view is None:
            self.placeholder(LOADING)

    def placeholder(self, text: str) -> None:
        """Say `text` until the first report arrives (on its way, or why it did not come)."""
        if self.view is None:
            self.set_options([Option(Text(text, style="italic dim"), id="-loading", disabled=True)])

    def entries(self, view: View) -> Sequence[Any]:
        """Everything the pane lists for `view`, in order (subclasses override; cheap, the rows are
        built from it only for the window shown)."""
        raise NotImplementedError

    def row(self, view: View, entry: Any) -> Row:
        """The row of one entry (subclasses override)."""
        raise NotImplementedError

    def entry_key(self, view: View, entry: Any) -> str:
        """The key of an entry's row, without building the row (subclasses override if cheaper)."""
        return self.row(view, entry).key

    def count(self, view: View) -> int:
        """How many selectable rows `view` has in all (subclasses count without building them)."""
        return sum(1 for entry in self.entries(view) if self.row(view, entry).evidence is not None)

    def subtitle(self, view: View, shown: int) -> str:
        """The border subtitle: a count, "n of m" when filtered."""
        return str(shown)

    def empty_text(self, view: View) -> str:
        """What the pane says with no rows: why (an empty folder says what to drop into it)."""
        if view.filtered:
            return self.EMPTY_FILTERED.format(name=view.shown_name)
        return (empty_folder_text(view.full) if self.EXPLAINS_EMPTY_FOLDER else None) or self.EMPTY

    # ----------------------------------------------------------------- the window

    def _page(self, *, first: bool = False) -> int:
        """Rows in a page at the pane's height, for rows as tall as those drawn (or `ROW_LINES`);
        `first`: the first page the pane builds (`paging.page_rows`)."""
        lines = self.virtual_size.height
        per_row = lines / len(self.options) if self._keys and self.options and lines else self.ROW_LINES
        return page_rows(self.scrollable_content_region.height, per_row, first=first)

    def _option_index(self, entry: int) -> int | None:
        """The option showing entry `entry` (None: not in the window)."""
        if entry not in self._window:
            return None
        return entry - self._window.start + (1 if self._window.start else 0)

    def _entry_index(self, option: int | None) -> int | None:
        """The entry an option shows (None: a note, or no option)."""
        if option is None:
            return None
        entry = option - (1 if self._window.start else 0) + self._window.start
        return entry if entry in self._window else None

    def _line_of(self, option: int | None) -> int | None:
        """The first line of an option in the list (None: not laid out yet)."""
        if option is None or not self.scrollable_content_region:
            return None
        return self._index_to_line.get(option)

    def _place(self) -> tuple[int | None, int]:
        """The highlighted entry and how many lines below the top of the pane it is shown."""
        entry = self._entry_index(self.highlighted)
        line = self._line_of(self.highlighted)
        return entry, (line - round(self.scroll_y)) if line is not None else 0

    def watch_view(self, view: View | None) -> None:
        """Redraw, keeping the highlighted key and where on screen it is."""
        if view is None:
            return
        entry, offset = self._place()
        key = self.highlighted_key
        self._entries = self.entries(view)
        total = self.count(view)
        self._empty = self.empty_text(view) if not total else None
        self.border_subtitle = self.subtitle(view, total)
        if entry is not None and key is not None:
            entry = self._find(view, {key, _base_key(key)}, entry)
        total = len(self._entries)
        window = Window.at(entry, total, self._page(first=is_first_page(self.built, total)))
        self._show(view, window, entry, offset, new_view=True,
                   scroll_y=kept_scroll(window, self._window, self.scroll_y))

    def _find(self, view: View, keys: set[str | None], near: int) -> int:
        """The entry whose key is one of `keys`, looked for outwards from `near` (where it was); `near`
        (within the list) if it is not that close."""
        entries = self._entries
        last = len(entries) - 1
        for step in range(SEARCH_RADIUS + 1):
            for index in {near - step, near + step}:
                if 0 <= index <= last and self.entry_key(view, entries[index]) in keys:
                    return index
        return max(0, min(near, last))

    def _show(self, view: View, window: Window, cursor: int | None, offset: int | None,
              new_view: bool = False, scroll_y: float | None = None) -> None:
        """Draw the rows of `window`: the cursor on entry `cursor` (or the nearest selectable row),
        `offset` lines below the top of the pane (None: as the cursor's move scrolls).

        Rows already built for this view are kept; on a new view they are built again, and a row
        that draws the same (same key and stamp) keeps its option and its measured height.
        """
        self._settle()
        old = range(self._window.start, self._window.end)
        kept = {} if new_view else {i: self._rows[k] for i, k in zip(old, self._keys, strict=True)}
        self._window = window
        self._rows, self._keys = {}, []
        rows: list[Row] = []
        for index in range(window.start, window.end):
            if index in kept:
                row = kept[index]
            else:
                row = self.row(view, self._entries[index])
                self.built += 1
            key = _unique(row.key, self._rows)
            self._rows[key] = row
            self._keys.append(key)
            rows.append(row)
        drawn: list[Hashable] | None = None
        palette = palette_key()  # the prompts are coloured in the theme they were built in
        if all(row.stamp is not None for row in rows):
            drawn = [palette, window.start, window.below, self._empty]
            drawn += [(key, row.stamp, row.evidence is None)
                      for key, row in zip(self._keys, rows, strict=True)]
        if drawn is not None and drawn == self._drawn:
            return  # the same options: only the evidence behind them is new
        self._drawn = drawn
        options: list[Option] = []
        if window.start:
            options.append(Option(above_text(window.start), id=ABOVE_KEY, disabled=True))
        drawn_options: dict[tuple[str, Hashable, Hashable], Option] = {}
        for key, row in zip(self._keys, rows, strict=True):
            option = self._made.get((key, row.stamp, palette)) if row.stamp is not None else None
            if option is None:
                prompt = row.prompt if isinstance(row.prompt, Text) else MeasuredVisual(self, row.prompt)
                option = Option(prompt, id=key, disabled=row.evidence is None)
            drawn_options[(key, row.stamp, palette)] = option
            options.append(option)
        self._made = drawn_options
        if self._empty is not None:
            options.append(Option(Text(self._empty, style="italic dim"), id="-empty", disabled=True))
        if window.below:
            options.append(Option(more_text(window.below), id=MORE_KEY, disabled=True))
        self.set_options(options)
        self._highlight(cursor)
        line = self._line_of(self.highlighted)
        if scroll_y is not None:
            self.scroll_to(y=scroll_y, animate=False, immediate=True)
        elif offset is not None and line is not None:
            self.scroll_to(y=max(line - offset, 0), animate=False, immediate=True)

    def _highlight(self, entry: int | None) -> None:
        """Highlight the row of `entry`, else the nearest selectable row (the first if None)."""
        enabled = [i for i, option in enumerate(self.options) if not option.disabled]
        if not enabled:
            return
        index = self._option_index(entry) if entry is not None else None
        if index is not None and not self.options[index].disabled:
            self.highlighted = index
        elif entry is not None:
            target = entry - self._window.start + (1 if self._window.start else 0)
            self.highlighted = min(enabled, key=lambda i: (abs(i - target), i))
        else:
            self.highlighted = enabled[0]

    def show_more(self) -> None:
        """Build the page below the window."""
        if self.view is None or not self._window.below:
            return
        entry, offset = self._top()
        self._show(self.view, self._window.down(self._page()), self._entry_index(self.highlighted), None)
        self._scroll_back(entry, offset)

    def show_earlier(self) -> None:
        """Build the page above the window (dropping its far end if it grows past a few pages)."""
        if self.view is None or not self._window.start:
            return
        entry, offset = self._top()
        self._show(self.view, self._window.up(self._page()), self._entry_index(self.highlighted), None)
        self._scroll_back(entry, offset)

    def _top(self) -> tuple[int | None, int]:
        """The entry shown at the top of the pane and how many lines of it are scrolled past."""
        if not self.scrollable_content_region or not self.options:
            return None, 0
        lines = self._lines
        y = round(self.scroll_y)
        if not 0 <= y < len(lines):
            return None, 0
        option, line = lines[y]
        entry = self._entry_index(option)
        if entry is None and option == 0 and self._window.start:  # the "above" row: the next one
            return self._window.start, -1
        return entry, line

    def _scroll_back(self, entry: int | None, offset: int) -> None:
        """Scroll so that entry `entry` is at the top again, `offset` lines of it scrolled past (what
        was on screen stays put while rows are added above or below it)."""
        line = self._line_of(self._option_index(entry)) if entry is not None else None
        if line is not None:
            self.scroll_to(y=max(line + offset, 0), animate=False, immediate=True)

    def _near_the_end(self) -> bool:
        """Whether the cursor or the scroll has come close to the last row built."""
        if not self._window.below:
            return False
        last = len(self.options) - 1
        if self.highlighted is not None and self.highlighted >= last - near_rows(self._page()):
            return True
        return self._scrolled_to_the_end()

    def _near_the_start(self) -> bool:
        """Whether the cursor or the scroll has come close to the first row built."""
        if not self._window.start:
            return False
        if self.highlighted is not None and self.highlighted <= near_rows(self._page()):
            return True
        return self._scrolled_to_the_start()

    def watch_highlighted(self, highlighted: int | None) -> None:
        """Scroll to the highlighted row; near an edge of the window, build the next page that way."""
        super().watch_highlighted(highlighted)
        self._more_soon()

    def _at_enabled_edge(self, direction: int) -> bool:
        """Whether the highlighted row is the last (1) or first (-1) selectable one built."""
        enabled = [i for i, option in enumerate(self.options) if not option.disabled]
        if not enabled or self.highlighted is None:
            return False
        return self.highlighted >= enabled[-1] if direction > 0 else self.highlighted <= enabled[0]

    def action_cursor_down(self) -> None:
        """Move down; from the last row built, build the next page first (never wrap past it)."""
        if self._window.below and self._at_enabled_edge(1):
            self.show_more()
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        """Move up; from the first row built, build the page above first (never wrap past it)."""
        if self._window.start and self._at_enabled_edge(-1):
            self.show_earlier()
        super().action_cursor_up()

    def action_first(self) -> None:
        """The first row of the whole list (its page built if need be)."""
        if self.view is not None and self._window.start:
            self._show(self.view, Window.first(len(self._entries), self._page()), None, None)
        super().action_first()
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_last(self) -> None:
        """The last row of the whole list: its page is built, not every row before it."""
        if self.view is not None and self._window.below:
            self._show(self.view, Window.last(len(self._entries), self._page()), len(self._entries) - 1, None)
        super().action_last()

    @property
    def highlighted_key(self) -> str | None:
        """The key of the highlighted row, if any."""
        option = self.highlighted_option
        return option.id if option is not None and option.id in self._rows else None

    @property
    def keys(self) -> list[str]:
        """The keys of the rows built, in order (headings included)."""
        return list(self._keys)

    @property
    def window(self) -> Window:
        """Which of the view's entries have rows."""
        return self._window

    def evidence_rows(self) -> list[Row]:
        """The selectable rows built, in order."""
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


def _base_key(key: str | None) -> str | None:
    """A row's key without the suffix that kept it unique (`_unique`)."""
    if key is None or "#" not in key:
        return key
    base, _hash, number = key.rpartition("#")
    return base if number.isdigit() else key


def _unique(key: str, taken: Container[str]) -> str:
    """`key`, suffixed if another row already has it (option ids must be unique)."""
    if key not in taken:
        return key
    n = 2
    while f"{key}#{n}" in taken:
        n += 1
    return f"{key}#{n}"
