"""The pane switcher: on a small screen, one line naming the five panes, the one shown marked.

Below `SitrepApp`'s compact thresholds the panes are shown one at a time (six slivers of two
rows each were unreadable at 80x24); this line says which is shown and which number key shows
each of the others. A click on a name shows that pane.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.reactive import reactive
from textual.widgets import Static

from .messages import PaneChosen


class PaneSwitcher(Static):
    """ "1 Status  2 Actors  3 Disputed facts …", the current pane in reverse video."""

    current: reactive[str] = reactive("status")
    """The id of the pane shown."""

    def __init__(self, panes: list[tuple[str, str]], *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.panes = panes
        """Pane id and label, in the order of the number keys."""
        self._spans: list[tuple[int, int, str]] = []

    def render(self) -> Text:
        """Every pane's number and label, the current one highlighted."""
        text = Text()
        self._spans = []
        for number, (pane, label) in enumerate(self.panes, start=1):
            start = len(text)
            text.append(f" {number} ", style="bold")
            text.append(f"{label} ", style="bold reverse" if pane == self.current else "")
            self._spans.append((start, len(text), pane))
            text.append(" ")
        return text

    def on_click(self, event: events.Click) -> None:
        """Show the pane whose name was clicked."""
        for start, end, pane in self._spans:
            if start <= event.x < end:
                self.post_message(PaneChosen(pane))
