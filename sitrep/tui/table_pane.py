"""`TablePane`: the base of the table panes (Actors, Sources).

A `DataTable` with a row cursor fed a `View`; subclasses turn the view into `TableRow`s. Cells
are always `rich.text.Text` (a `str` cell would be read as markup). Rebuilding keeps the row
under the cursor (by key) and the scroll offsets, and the focused pane's cursor row is the one
the evidence view shows.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.reactive import var
from textual.widgets import DataTable

from .messages import ShowEvidence
from .option_pane import LOADING
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


class TablePane(DataTable[Text]):
    """A row-cursor table over a `View` that keeps its place across reloads."""

    BINDINGS = [
        Binding("home", "scroll_top", "First row", show=False),
        Binding("end", "scroll_bottom", "Last row", show=False),
    ]

    view: var[View | None] = var(None)
    """The data to show; every assignment redraws."""

    EMPTY = "Nothing yet."
    EMPTY_FILTERED = "Nothing involving {name}."

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=False,
                         cursor_foreground_priority="renderable")
        self._rows: dict[str, TableRow] = {}
        self._drawn: list[Hashable] | None = None
        """What the table holds (columns, then each row's key, height and cells), to skip redrawing it."""

    @property
    def content_width(self) -> int:
        """Cells available to the columns (a floor of 20 before the first layout)."""
        return max(self.scrollable_content_region.width, 20)

    def on_mount(self) -> None:
        """Say the report is on its way until the first one arrives."""
        if self.view is None:
            self.show_header = False
            self.add_column(Text(""), key="-loading")
            self.add_row(Text(LOADING, style="italic dim"), key="-loading")

    def columns_for(self, width: int) -> list[ColumnSpec]:
        """The columns at this content width (subclasses override)."""
        raise NotImplementedError

    def table_rows(self, view: View) -> list[TableRow]:
        """The rows to show for `view` (subclasses override)."""
        raise NotImplementedError

    def subtitle(self, view: View, shown: int) -> str:
        """The border subtitle: a count."""
        return str(shown)

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
        rows = self.table_rows(view)
        unique: dict[str, TableRow] = {}
        for row in rows:
            unique.setdefault(row.key, row)  # row keys must be unique
        self._rows = unique
        empty = None
        if not rows:
            empty = self.EMPTY_FILTERED.format(name=view.shown_name) if view.filtered else self.EMPTY
        drawn: list[Hashable] = [tuple(specs), empty]
        drawn += [(row.key, row.height, *map(_cell_stamp, row.cells)) for row in unique.values()]
        self.border_subtitle = self.subtitle(view, len(self._rows))
        if drawn == self._drawn:
            return  # a reload that changed nothing here: only the evidence behind the rows is new
        self._drawn = drawn
        self.show_header = True
        self.clear(columns=True)
        for spec in specs:
            self.add_column(Text(spec.label), key=spec.key, width=spec.width)
        for row in unique.values():
            self.add_row(*row.cells, key=row.key, height=row.height)
        if empty is not None:
            cells = [Text("") for _ in specs]
            cells[min(1, len(cells) - 1)] = Text(empty, style="italic dim")
            self.add_row(*cells, key="-empty")
        if previous_key in self._rows:
            self.move_cursor(row=self.get_row_index(previous_key), scroll=False)
        elif self.row_count:
            self.move_cursor(row=min(previous_row, self.row_count - 1), scroll=False)
        self.scroll_to(x=scroll_x, y=scroll_y, animate=False, immediate=True)

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

    def show_evidence(self) -> None:
        """Ask for the evidence of the row under the cursor to be shown."""
        key = self.cursor_key
        message = self._rows[key].resolve_evidence() if key is not None else None
        if message is not None:
            self.post_message(ShowEvidence(message.title, message.evidence, message.names, message.notes))

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
