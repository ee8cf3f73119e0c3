"""`TablePane`: the base of the table panes (Actors, Sources).

A `DataTable` with a row cursor fed a `View`; subclasses turn the view into `TableRow`s, lazily.
Cells are always `rich.text.Text` (a `str` cell would be read as markup). Rebuilding keeps the row
under the cursor (by key) and the scroll offsets, and the focused pane's cursor row is the one
the evidence view shows.

As in the option panes, only the first `PAGE` rows are built, then a "… and N more" row; the
next page is built when the cursor or the scroll nears it (issue #12 row 13).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.reactive import var
from textual.widgets import DataTable

from .marks import empty_folder_text
from .messages import ShowEvidence
from .option_pane import LOADING, MORE_KEY, NEAR_END, PAGE, more_text
from .paging import Paged, chain_one
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
    """A row-cursor table over a `View` that keeps its place across reloads."""

    BINDINGS = [
        Binding("home", "scroll_top", "First row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "scroll_top", "First row", show=False),
        Binding("G", "scroll_bottom", "Last row", show=False),
    ]

    view: var[View | None] = var(None)
    """The data to show; every assignment redraws."""

    EMPTY = "Nothing yet."
    EMPTY_FILTERED = "Nothing involving {name}."
    EXPLAINS_EMPTY_FOLDER = False
    """Whether the pane says why the folder gives nothing (what to drop in, or where the reasons are)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=False,
                         cursor_foreground_priority="renderable")
        self._rows: dict[str, TableRow] = {}
        self._drawn: list[Hashable] | None = None
        """What the table holds (columns, then each row's key, height and cells), to skip redrawing it."""
        self._pending: Iterator[TableRow] | None = None
        """The rows of the view not built yet (None: all built)."""
        self._left = 0
        """How many rows are not built yet."""

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

    def table_rows(self, view: View) -> Iterable[TableRow]:
        """The rows to show for `view`, in order (subclasses override, as a generator: only the rows
        shown are ever built)."""
        raise NotImplementedError

    def count(self, view: View) -> int:
        """How many rows `view` has in all (subclasses count without building them)."""
        return sum(1 for _row in self.table_rows(view))

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

    def watch_view(self, view: View | None) -> None:
        """Redraw, keeping the cursor row (by key) and the scroll offsets."""
        if view is None:
            return
        previous_key = self.cursor_key
        previous_row = self.cursor_row
        scroll_x, scroll_y = self.scroll_x, self.scroll_y
        specs = self.columns_for(self.content_width)
        total = self.count(view)
        # Enough rows for the cursor's place and the scroll's to survive the reload.
        per_line = len(self._rows) / max(self.virtual_size.height, 1)
        seen = int((scroll_y + self.scrollable_content_region.height) * per_line)
        wanted = max(PAGE, previous_row + NEAR_END, seen + NEAR_END)
        self._rows = {}
        self._pending = iter(self.table_rows(view))
        rows = self._build(wanted)
        self._left = max(total - len(rows), 0)
        empty = self.empty_text(view) if not total else None
        if empty is not None:  # one column the width of the pane: the note reads in full
            specs = [ColumnSpec("-empty", "", self.content_width - 2 * self.cell_padding)]
        drawn: list[Hashable] = [tuple(specs), empty, self._left if self._pending else 0]
        drawn += [(row.key, row.height, *map(_cell_stamp, row.cells)) for row in rows]
        self.border_subtitle = self.subtitle(view, total)
        if drawn == self._drawn:
            return  # a reload that changed nothing here: only the evidence behind the rows is new
        self._drawn = drawn
        self.show_header = empty is None
        self.clear(columns=True)
        for spec in specs:
            self.add_column(Text(spec.label), key=spec.key, width=spec.width)
        for row in rows:
            self.add_row(*row.cells, key=row.key, height=row.height)
        if empty is not None:
            self._add_note(Text(empty, style="italic dim"), "-empty")
        if self._pending is not None:
            self._add_note(more_text(self._left), MORE_KEY)
        if previous_key in self._rows:
            self.move_cursor(row=self.get_row_index(previous_key), scroll=False)
        elif self.row_count:
            self.move_cursor(row=min(previous_row, self.row_count - 1), scroll=False)
        self.scroll_to(x=scroll_x, y=scroll_y, animate=False, immediate=True)

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

    def _build(self, count: int) -> list[TableRow]:
        """Build up to `count` more rows of the view (fewer at its end); a repeated key is skipped."""
        built: list[TableRow] = []
        while self._pending is not None and len(built) < count:
            batch = list(islice(self._pending, count - len(built) + 1))
            if len(batch) > count - len(built):  # one too many: there is more; keep it for later
                self._pending = chain_one(batch.pop(), self._pending)
            else:
                self._pending = None
            for row in batch:
                if row.key not in self._rows:  # row keys must be unique
                    self._rows[row.key] = row
                    built.append(row)
        return built

    def show_more(self) -> None:
        """Build the next page of rows, in place of the "… and N more" row."""
        if self._pending is None:
            return
        rows = self._build(PAGE)
        self._left = max(self._left - len(rows), 0)
        self._drawn = None  # the table no longer matches a plain rebuild's
        cursor, scroll_y = self.cursor_coordinate, self.scroll_y
        self.remove_row(MORE_KEY)
        for row in rows:
            self.add_row(*row.cells, key=row.key, height=row.height)
        if self._pending is not None:
            self._add_note(more_text(self._left), MORE_KEY)
        self.move_cursor(row=cursor.row, scroll=False)
        self.scroll_to(y=scroll_y, animate=False, immediate=True)

    def _near_the_end(self) -> bool:
        """Whether the cursor or the scroll has come close to the last row built."""
        if self._pending is None:
            return False
        if self.cursor_row >= len(self._rows) - NEAR_END:
            return True
        return self._scrolled_to_the_end()

    def watch_cursor_coordinate(self, old_coordinate: Coordinate, new_coordinate: Coordinate) -> None:
        """Move the cursor; near the last row built, build the next page."""
        super().watch_cursor_coordinate(old_coordinate, new_coordinate)
        self._more_soon()


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
        """The keys of the rows shown, in order."""
        return [str(row.key.value) for row in self.ordered_rows if row.key.value in self._rows]

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
