"""The Status pane: the situation summary, each line marked with how sure the sources are and
the date it holds at ("as of 2 September 2020")."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from ..changes import status_key
from ..datefmt import as_of_label
from ..model import StatusLine
from .marks import BADGE_WIDTH, certainty_badge, new_mark, safe
from .messages import ShowEvidence
from .option_pane import OptionPane, Row
from .view import View


class StatusPane(OptionPane):
    """One option per status line: certainty badge, text, who says so and as of when."""

    EMPTY = "No status yet."
    EXPLAINS_EMPTY_FOLDER = True

    def on_mount(self) -> None:
        """Name the pane."""
        self.border_title = "Status"

    ROW_LINES = 2.0

    def entries(self, view: View) -> Sequence[StatusLine]:
        """One row per status line."""
        return view.situation.status

    def entry_key(self, view: View, entry: StatusLine) -> str:
        """The status line's key."""
        return status_key(entry)

    def row(self, view: View, entry: StatusLine) -> Row:
        """The line with its certainty, credit and date."""
        line = entry
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
        if line.as_of:
            notes.append(Text.assemble(("as of: ", "dim"), safe(as_of_label(line.as_of))))
        stamp = (line.text, tuple(line.sources), line.certainty, line.as_of, line.sourcing, new)
        return Row(key, prompt, ShowEvidence(title, list(line.evidence), names, notes), stamp)

    def count(self, view: View) -> int:
        """One row per status line."""
        return len(view.situation.status)

    def subtitle(self, view: View, shown: int) -> str:
        """Count, "n of m" when filtered."""
        return f"{shown} of {len(view.full.status)}" if view.filtered else str(shown)


def status_prompt(line: StatusLine, new: bool) -> Table:
    """ "◐ reported │ Dozens of soldiers ... — AFP, sources · as of 2 September 2020", with a
    "★ new" mark when new.

    A two-column grid, so a long line wraps under its text rather than under the badge.
    """
    text = safe(line.text)
    credit = credit_text(line)
    if credit.plain:
        text.append_text(Text.assemble(("  — ", "dim"), credit))
    if new:
        text = Text.assemble(new_mark(), " ", text)
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=BADGE_WIDTH, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(certainty_badge(line.certainty), text)
    return grid


def credit_text(line: StatusLine) -> Text:
    """The dim credit after a status line: "AFP, sources · 1 source, 3 articles · as of 2 September 2020".

    The article's own voice needs no credit; a line no source dates gets no "as of"; the count
    of independent sources says when several articles are one wire story.
    """
    sources = [s for s in line.sources if s != "the article"]
    parts: list[Text] = []
    if sources:
        parts.append(safe(", ".join(sources), style="dim italic"))
    if line.sourcing and (line.article_count > 1 or line.independent_sources > 1):
        parts.append(Text(line.sourcing, style="dim"))
    if line.as_of:
        parts.append(safe(f"as of {as_of_label(line.as_of)}", style="dim"))
    return Text(" · ", style="dim").join(parts)
