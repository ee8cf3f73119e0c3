"""The Status pane: the situation summary, each line marked with how sure the sources are."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from ..changes import status_key
from ..model import StatusLine
from .marks import BADGE_WIDTH, certainty_badge, new_mark, safe
from .messages import ShowEvidence
from .option_pane import OptionPane, Row
from .view import View


class StatusPane(OptionPane):
    """One option per status line: certainty badge, text, and who says so."""

    EMPTY = "No status yet."

    def on_mount(self) -> None:
        """Name the pane."""
        self.border_title = "Status"

    def rows(self, view: View) -> list[Row]:
        """One row per status line."""
        rows: list[Row] = []
        for line in view.situation.status:
            key = status_key(line)
            new = key in view.changes.new_status
            prompt = status_prompt(line, new)
            names = view.names_of(line.actors)
            if view.actor is not None:
                names = (*names, *view.actor.names())
            title = line.text
            notes = [Text.assemble(certainty_badge(line.certainty), safe(line.text))]
            if line.sources:
                notes.append(Text.assemble(("according to: ", "dim"), safe(", ".join(line.sources))))
            stamp = (line.text, tuple(line.sources), line.certainty, new)
            rows.append(Row(key, prompt, ShowEvidence(title, list(line.evidence), names, notes), stamp))
        return rows

    def subtitle(self, view: View, shown: int) -> str:
        """Count, "n of m" when filtered."""
        return f"{shown} of {len(view.full.status)}" if view.filtered else str(shown)


def status_prompt(line: StatusLine, new: bool) -> Table:
    """ "◐ reported │ Dozens of soldiers ... — AFP, sources" with a "★ new" mark when new.

    A two-column grid, so a long line wraps under its text rather than under the badge.
    """
    text = safe(line.text)
    sources = [s for s in line.sources if s != "the article"]  # the article's own voice needs no credit
    if sources:
        text.append_text(Text.assemble(("  — ", "dim"), safe(", ".join(sources), style="dim italic")))
    if new:
        text = Text.assemble(new_mark(), " ", text)
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=BADGE_WIDTH, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(certainty_badge(line.certainty), text)
    return grid
