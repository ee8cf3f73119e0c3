"""`TablePane`: the base of the table panes (Actors, Sources).

A `DataTable` with a row cursor fed a `View`; subclasses list the view's entries and turn one into
a `TableRow`. Cells are always `rich.text.Text` (a `str` cell would be read as markup). Rebuilding
keeps the row under the cursor (by key) and where on screen it is, and the focused pane's cursor
row is the one the evidence view shows.

As in the option panes, rows are built only for a window of the entries (`paging.Window`), with
"… N above" and "… and N more" rows; `g`/`G` (and Home/End) build the first or the last page.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.reactive import var
from textual.widgets import DataTable

from .marks import empty_folder_text
from .messages import ShowEvidence
from .option_pane import ABOVE_KEY, LOADING, MORE_KEY, SEARCH_RADIUS, _unique, above_text, more_text
from .paging import Paged, Window, is_first_page, kept_scroll, near_rows, page_rows
from .view import View


@dataclass
class TableRow:
    """One row: a stable key, its cells, and the evidence behind it."""

    key: str
    cells: list[Text]
    evidence: ShowEvidence | Callable[[], ShowEvidence] | None = None
    """The evidence, or how to build it: only the row under the cursor ever needs it, and building
    it for every row (the sentences of each of 1,000 articles) cost more than drawing the table."""
    height: int = 1
    """Lines the row takes (cells may hold several lines)."""

    def resolve_evidence(self) -> ShowEvidence | None:
        """The evidence behind the row (built now if it was deferred)."""
        evidence = self.evidence
        return evidence() if callable(evidence) else evidence


@dataclass(frozen=True)
class ColumnSpec:
    """A column: key, header label, and fixed width (None: fit the content)."""

    key: str
    label: str
    width: int | None = None


class TablePane(Paged, DataTable[Text]):
    """A row-cursor table over a window of a `View`'s entries that keeps its place across reloads."""

    BINDINGS = [
        Binding("home", "first", "First row", show=False),
        Binding("end", "last", "Last row", show=False),
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

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=False,
                         cursor_foreground_priority="renderable")
        self._entries: Sequence[Any] = ()
        """Every entry of the view, built or not."""
        self._window = Window(0, 0, 0)
        """Which entries have rows."""
        self._rows: dict[str, TableRow] = {}
        self._keys: list[str] = []
        """The keys of the window's rows, in order."""
        self._specs: list[ColumnSpec] = []
        self._widths: dict[str, int | None] = {}
        self._empty: str | None = None
        self._drawn: list[Hashable] | None = None
        """What the table holds (columns, window, each row's key, height and cells): to skip redrawing it."""
        self.built = 0
        """Rows built since the pane was made (what a large view costs, for tests)."""

    @property
    def content_width(self) -> int:
        """Cells available to the columns (a floor of 20 before the first layout)."""
        return max(self.scrollable_content_region.width, 20)

    def on_mount(self) -> None:
        """Say the report is on its way until the first one arrives."""
        self.placeholder(LOADING)

    def placeholder(self, text: str) -> None:
        """Say `text` until the first report arrives (on its way, or why it did not come)."""
        if self.view is None:
            self.show_header = False
            self.clear(columns=True)
            self.add_column(Text(""), key="-loading")
            self.add_row(Text(text, style="italic dim"), key="-loading")

    def columns_for(self, width: int) -> list[ColumnSpec]:
        """The columns at this content width (subclasses override)."""
        raise NotImplementedError

    def entries(self, view: View) -> Sequence[Any]:
        """Everything the table lists for `view`, in order (subclasses override; cheap, rows are
        built only for the window shown)."""
        raise NotImplementedError

    def row(self, view: View, entry: Any) -> TableRow:
        """The row of one entry, its cells fitted to `widths` (subclasses override)."""
        raise NotImplementedError

    def entry_key(self, view: View, entry: Any) -> str:
        """The key of an entry's row, without building the row (subclasses override if cheaper)."""
        return self.row(view, entry).key

    def count(self, view: View) -> int:
        """How many rows `view` has in all."""
        return len(self.entries(view))

    def subtitle(self, view: View, shown: int) -> str:
        """The border subtitle: a count."""
        return str(shown)

    def empty_text(self, view: View) -> str:
        """What the pane says with no rows: why (an empty folder says what to drop into it)."""
        if view.filtered:
            return self.EMPTY_FILTERED.format(name=view.shown_name)
        return (empty_folder_text(view.full) if self.EXPLAINS_EMPTY_FOLDER else None) or self.EMPTY

    def on_resize(self) -> None:
        """Recompute column widths for the new size."""
        if self.view is not None:
            self.watch_view(self.view)

    # ----------------------------------------------------------------- the window

    def _page(self, *, first: bool = False) -> int:
        """Rows in a page at the pane's height, for rows as tall as those built; `first`: the first
        page the pane builds (`paging.page_rows`)."""
        heights = [row.height for row in self._rows.values()]
        per_row = sum(heights) / len(heights) if heights else 1.0
        return page_rows(self.scrollable_content_region.height - int(self.show_header), per_row, first=first)

    def _table_index(self, entry: int) -> int | None:
        """The table row showing entry `entry` (None: not in the window)."""
        if entry not in self._window:
            return None
        return entry - self._window.start + (1 if self._window.start else 0)

    def _entry_index(self, row: int) -> int | None:
        """The entry a table row shows; the "above" row stands for the entry just before the window,
        the "more" row for the one just after it (None: no such entry)."""
        if not self.row_count or not self._window.total:
            return None
        entry = row - (1 if self._window.start else 0) + self._window.start
        return max(0, min(entry, self._window.total - 1))

    def _line_of(self, row: int) -> int:
        """The first line of table row `row`."""
        return sum(r.height for r in self.ordered_rows[:row])

    def _place(self) -> tuple[int | None, int]:
        """The cursor's entry and how many lines below the top of the pane its row is shown."""
        entry = self._entry_index(self.cursor_row)
        return entry, (self._line_of(self.cursor_row) - round(self.scroll_y)) if entry is not None else 0

    def watch_view(self, view: View | None) -> None:
        """Redraw, keeping the cursor row (by key) and where on screen it is."""
        if view is None:
            return
        entry, offset = self._place()
        key = self.cursor_key
        scroll_x = self.scroll_x
        self._specs = self.columns_for(self.content_width)
        self._widths = {spec.key: spec.width for spec in self._specs}
        self._entries = self.entries(view)
        total = self.count(view)
        self._empty = self.empty_text(view) if not total else None
        self.border_subtitle = self.subtitle(view, total)
        if entry is not None and key is not None:
            entry = self._find(view, key, entry)
        total = len(self._entries)
        window = Window.at(entry, total, self._page(first=is_first_page(self.built, total)))
        self._show(view, window, entry, offset, new_view=True,
                   scroll_y=kept_scroll(window, self._window, self.scroll_y))
        self.scroll_to(x=scroll_x, animate=False, immediate=True)

    def _find(self, view: View, key: str, near: int) -> int:
        """The entry whose key is `key`, looked for outwards from `near`; `near` if not that close."""
        entries = self._entries
        last = len(entries) - 1
        for step in range(SEARCH_RADIUS + 1):
            for index in {near - step, near + step}:
                if 0 <= index <= last and self.entry_key(view, entries[index]) == key:
                    return index
        return max(0, min(near, last))

    def _build(self, view: View, window: Window, kept: dict[int, TableRow]) -> list[TableRow]:
        """The rows of `window` (those in `kept` as they are), keyed uniquely."""
        self._window = window
        self._rows, self._keys = {}, []
        rows: list[TableRow] = []
        for index in range(window.start, window.end):
            row = kept.get(index)
            if row is None:
                row = self.row(view, self._entries[index])
                self.built += 1
            key = _unique(row.key, self._rows)
            row.key = key
            self._rows[key] = row
            self._keys.append(key)
            rows.append(row)
        return rows

    def _kept(self) -> dict[int, TableRow]:
        """The rows built for the view on screen, by entry."""
        old = range(self._window.start, self._window.end)
        return {i: self._rows[k] for i, k in zip(old, self._keys, strict=True)}

    def _show(self, view: View, window: Window, cursor: int | None, offset: int | None,
              new_view: bool = False, scroll_y: float | None = None) -> None:
        """Draw the rows of `window`: the cursor on entry `cursor` (None: the first row), its row
        `offset` lines below the top of the pane (None: as the cursor's move scrolls)."""
        self._settle()
        rows = self._build(view, window, {} if new_view else self._kept())
        specs = self._specs
        if self._empty is not None:  # one column the width of the pane: the note reads in full
            specs = [ColumnSpec("-empty", "", self.content_width - 2 * self.cell_padding)]
        drawn: list[Hashable] = [tuple(specs), self._empty, window.start, window.below]
        drawn += [(row.key, row.height, *map(_cell_stamp, row.cells)) for row in rows]
        if drawn == self._drawn:
            return  # a reload that changed nothing here: only the evidence behind the rows is new
        self._drawn = drawn
        self.show_header = self._empty is None
        self.clear(columns=True)
        for spec in specs:
            self.add_column(Text(spec.label), key=spec.key, width=spec.width)
        if window.start:
            self._add_note(above_text(window.start), ABOVE_KEY)
        for row in rows:
            self.add_row(*row.cells, key=row.key, height=row.height)
        if self._empty is not None:
            self._add_note(Text(self._empty, style="italic dim"), "-empty")
        if window.below:
            self._add_note(more_text(window.below), MORE_KEY)
        self._measure_now()
        index = self._table_index(cursor) if cursor is not None else None
        if index is None:
            index = 1 if window.start else 0
        if self.row_count:
            self.move_cursor(row=min(index, self.row_count - 1), scroll=offset is None and scroll_y is None)
        if scroll_y is not None:
            self.scroll_to(y=scroll_y, animate=False, immediate=True)
        elif offset is not None:
            self.scroll_to(y=max(self._line_of(self.cursor_row) - offset, 0), animate=False, immediate=True)

    def _measure_now(self) -> None:
        """Work out the size of the rows just added, as `DataTable` does when its message queue
        next empties (`_on_idle`): that came after the frame that drew them, which showed the
        table without its scrollbar, and a layout and a frame more followed. Measured now, the
        layout that draws the rows sizes the table."""
        # `DataTable`'s own state, as its `_on_idle` reads it; a Textual without it measures on idle.
        if getattr(self, "_require_update_dimensions", False) and hasattr(self, "_update_dimensions"):
            self._require_update_dimensions = False
            new_rows = self._new_rows.copy()
            self._new_rows.clear()
            self._update_dimensions(new_rows)

    def _add_note(self, note: Text, key: str) -> None:
        """A row of empty cells with `note` in the widest column, wrapped to it (never clipped:
        in the second column, "No articles yet." read "No art")."""
        columns = list(self.columns.values())
        fixed = sum(column.width + 2 * self.cell_padding for column in columns if not column.auto_width)
        widths = [column.width if not column.auto_width else self.content_width - fixed for column in columns]
        widest = max(range(len(columns)), key=lambda i: (widths[i], -i))
        lines = wrap_text(note, max(widths[widest], 8))
        cells = [Text("") for _ in columns]
        cells[widest] = Text("\n").join(lines)
        self.add_row(*cells, key=key, height=len(lines))

    def show_more(self) -> None:
        """Build the page below the window, in place of the "… and N more" row."""
        if self.view is None or not self._window.below:
            return
        start = self._window.end
        rows = self._build(self.view, self._window.down(self._page()), self._kept())
        self._drawn = None  # the table no longer matches a plain rebuild's
        cursor, scroll_y = self.cursor_coordinate, self.scroll_y
        self.remove_row(MORE_KEY)
        for row in rows[start - self._window.start:]:
            self.add_row(*row.cells, key=row.key, height=row.height)
        if self._window.below:
            self._add_note(more_text(self._window.below), MORE_KEY)
        self.move_cursor(row=cursor.row, scroll=False)
        self.scroll_to(y=scroll_y, animate=False, immediate=True)

    def show_earlier(self) -> None:
        """Build the page above the window (dropping its far end past a few pages); what was on
        screen stays put."""
        if self.view is None or not self._window.start:
            return
        entry, offset = self._place()
        self._show(self.view, self._window.up(self._page()), entry, offset)

    def _near_the_end(self) -> bool:
        """Whether the cursor or the scroll has come close to the last row built."""
        if not self._window.below:
            return False
        if self.cursor_row >= self.row_count - 1 - near_rows(self._page()):
            return True
        return self._scrolled_to_the_end()

    def _near_the_start(self) -> bool:
        """Whether the cursor or the scroll has come close to the first row built."""
        if not self._window.start:
            return False
        if self.cursor_row <= near_rows(self._page()):
            return True
        return self._scrolled_to_the_start()

    def watch_cursor_coordinate(self, old_coordinate: Coordinate, new_coordinate: Coordinate) -> None:
        """Move the cursor; near an edge of the window, build the next page that way."""
        super().watch_cursor_coordinate(old_coordinate, new_coordinate)
        self._more_soon()

    def action_cursor_down(self) -> None:
        """Move down; from the last row built, build the next page first."""
        if self._window.below and self.cursor_row >= self.row_count - 2:
            self.show_more()
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        """Move up; from the first row built, build the page above first."""
        if self._window.start and self.cursor_row <= 1:
            self.show_earlier()
        super().action_cursor_up()

    def action_first(self) -> None:
        """The first row of the whole table (its page built if need be)."""
        if self.view is not None and self._window.start:
            self._show(self.view, Window.first(len(self._entries), self._page()), 0, None)
        self.action_scroll_top()

    def action_last(self) -> None:
        """The last row of the whole table: its page is built, not every row before it."""
        if self.view is not None and self._window.below:
            self._show(self.view, Window.last(len(self._entries), self._page()), len(self._entries) - 1, None)
        if self.row_count:
            last = self._table_index(len(self._entries) - 1)
            self.move_cursor(row=last if last is not None else self.row_count - 1)

    @property
    def widths(self) -> dict[str, int | None]:
        """Column key -> width, for the view being drawn (subclasses fit their cells to it)."""
        if not self._widths:
            self._widths = {spec.key: spec.width for spec in self.columns_for(self.content_width)}
        return self._widths

    @property
    def window(self) -> Window:
        """Which of the view's entries have rows."""
        return self._window

    @property
    def cursor_key(self) -> str | None:
        """The key of the row under the cursor, if any."""
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:  # the cursor can sit past the rows for a moment while they are rebuilt
            return None
        return key if key in self._rows else None

    @property
    def keys(self) -> list[str]:
        """The keys of the rows built, in order."""
        return list(self._keys)

    def select_key(self, key: str) -> None:
        """Put the cursor on the row with `key`, if it is shown."""
        if key in self._rows:
            self.move_cursor(row=self.get_row_index(key))

    def selected_evidence(self) -> ShowEvidence | None:
        """The evidence behind the row under the cursor (None: no row)."""
        key = self.cursor_key
        return self._rows[key].resolve_evidence() if key is not None else None

    def show_evidence(self) -> None:
        """Ask for the evidence of the row under the cursor to be shown."""
        message = self.selected_evidence()
        if message is not None:
            self.post_message(message.copy())

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if self.has_focus:
            self.show_evidence()

    def on_focus(self) -> None:
        """Show the evidence of the cursor row when the pane gets focus."""
        self.show_evidence()


def _cell_stamp(text: Text) -> Hashable:
    """What a cell draws (`Text` equality ignores the base style and justification)."""
    return text.plain, str(text.style), text.justify, tuple(text.spans)


def wrap_text(text: Text, width: int) -> list[Text]:
    """`text` (one style) wrapped at word boundaries to lines of at most `width` cells."""
    lines = textwrap.wrap(text.plain, width) or [""]
    return [Text(line, style=text.style) for line in lines]


def fit(text: Text, width: int | None, ellipsis: bool = True) -> Text:
    """`text` cut to `width` cells, with an ellipsis unless told not to (DataTable crops without one).

    Each line of a multi-line cell is cut on its own.
    """
    if width is None or all(cell_len(line) <= width for line in text.plain.split("\n")):
        return text
    lines = text.split("\n", allow_blank=True)
    for line in lines:
        line.truncate(width, overflow="ellipsis" if ellipsis else "crop")
    return Text("\n").join(lines)
