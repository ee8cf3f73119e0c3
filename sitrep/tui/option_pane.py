"""`OptionPane`: the base of the list panes (Status, Disputes, Context).

A pane is an `OptionList` fed a `View`; subclasses turn the view into `Row`s. Rebuilding on a
reload keeps the highlighted row (by key, not index) and the scroll position, and the row under
the cursor of the focused pane is always the one the evidence view shows.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.reactive import var
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from .messages import ShowEvidence
from .view import View


LOADING = "Reading the articles…"
"""What a pane says before the first report arrives."""


@dataclass
class Row:
    """One option: a stable key, what to draw, and the evidence behind it (None for a heading)."""

    key: str
    prompt: RenderableType
    evidence: ShowEvidence | None = None
    stamp: Hashable | None = None
    """What the prompt draws (None: unknown). When every row's key and stamp are as last drawn,
    the list keeps its options: measuring and wrapping them again was most of a reload's time."""


class OptionPane(OptionList, can_focus=True):
    """An option list over a `View` that keeps its place across reloads."""

    view: var[View | None] = var(None)
    """The data to show; every assignment redraws."""

    EMPTY = "Nothing yet."
    EMPTY_FILTERED = "Nothing involving {name}."

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self._rows: dict[str, Row] = {}
        self._keys: list[str] = []
        self._drawn: list[tuple[str, Hashable, bool]] | None = None
        """(key, stamp, disabled) of every option drawn, when all rows had a stamp."""

    def on_mount(self) -> None:
        """Say the report is on its way until the first one arrives."""
        if self.view is None:
            self.set_options([Option(Text(LOADING, style="italic dim"), id="-loading", disabled=True)])

    def rows(self, view: View) -> list[Row]:
        """The rows to show for `view` (subclasses override)."""
        raise NotImplementedError

    def subtitle(self, view: View, shown: int) -> str:
        """The border subtitle: a count, "n of m" when filtered."""
        return str(shown)

    def watch_view(self, view: View | None) -> None:
        """Redraw, keeping the highlighted key and the scroll offset."""
        if view is None:
            return
        previous_key = self.highlighted_key
        previous_index = self.highlighted
        scroll_y = self.scroll_y
        rows = self.rows(view)
        self._rows = {}
        self._keys = []
        for row in rows:
            key = _unique(row.key, self._rows)
            self._rows[key] = row
            self._keys.append(key)
        empty = None
        if not any(r.evidence for r in rows):
            empty = self.EMPTY_FILTERED.format(name=view.shown_name) if view.filtered else self.EMPTY
        drawn: list[tuple[str, Hashable, bool]] | None = None
        if all(row.stamp is not None for row in rows):
            drawn = [(key, row.stamp, row.evidence is None) for key, row in zip(self._keys, rows)]
            drawn.append(("-empty", empty, True))
        self.border_subtitle = self.subtitle(view, sum(1 for r in rows if r.evidence))
        if drawn is not None and drawn == self._drawn:
            return  # the same options: only the evidence behind them is new
        self._drawn = drawn
        options = [Option(row.prompt, id=key, disabled=row.evidence is None)
                   for key, row in zip(self._keys, rows)]
        if empty is not None:
            options.append(Option(Text(empty, style="italic dim"), id="-empty", disabled=True))
        self.set_options(options)
        self._restore(previous_key, previous_index)
        self.scroll_to(y=scroll_y, animate=False, immediate=True)

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
        """The selectable rows shown, in order."""
        return [self._rows[k] for k in self._keys if self._rows[k].evidence is not None]

    def show_evidence(self) -> None:
        """Ask for the evidence of the highlighted row to be shown."""
        key = self.highlighted_key
        if key is None:
            return
        message = self._rows[key].evidence
        if message is not None:
            self.post_message(ShowEvidence(message.title, message.evidence, message.names, message.notes))

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
