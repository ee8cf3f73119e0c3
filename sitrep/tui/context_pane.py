"""The Regional context pane: a dated timeline, alliances and ruptures, places, neighbours."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from ..changes import context_key
from ..model import ContextItem
from .marks import new_mark, safe, tone
from .messages import ShowEvidence
from .option_pane import OptionPane, Row
from .view import View

SECTIONS: list[tuple[str, tuple[str, ...]]] = [
    ("Timeline", ("history",)),
    ("Alliances and ruptures", ("alliance", "rupture", "organisation")),
    ("Places", ("place",)),
    ("Neighbours", ("neighbour",)),
    ("Background", ("pattern", "background")),
]
"""Section heading -> the context kinds listed under it, in display order."""

TAGS: dict[str, tuple[str, str]] = {
    "alliance": ("+ ally", "stated"),
    "rupture": ("✕ rupture", "denied"),
    "organisation": ("◇ body", "neutral"),
}
"""kind -> (tag, tone) for relations, so the kind is a word, not only a colour. An "organisation"
item is an international body or an inquiry with a part in the story ("the UN called for a
return to constitutional rule"): a body, not a membership."""

YEAR_WIDTH = 11


class ContextPane(OptionPane):
    """Context items grouped in sections; the timeline is sorted by year, undated items last."""

    EMPTY = "No regional context."

    def on_mount(self) -> None:
        """Name the pane."""
        self.border_title = "Regional context"

    ROW_LINES = 2.0

    def entries(self, view: View) -> Sequence[str | ContextItem]:
        """A heading (its text) per non-empty section, then its items."""
        listed: list[str | ContextItem] = []
        for heading, kinds in SECTIONS:
            items = [c for c in view.situation.context if c.kind in kinds]
            if heading == "Timeline":
                items.sort(key=lambda c: (not c.years, min(c.years, default=0), max(c.years, default=0)))
            if items:
                listed.append(heading)
                listed.extend(items)
        return listed

    def entry_key(self, view: View, entry: str | ContextItem) -> str:
        """The item's key, or the section's."""
        return f"-section-{entry}" if isinstance(entry, str) else context_key(entry)

    def row(self, view: View, entry: str | ContextItem) -> Row:
        """A section heading, or an item with its year or relation tag."""
        if isinstance(entry, str):
            return Row(f"-section-{entry}", Text(entry, style="bold underline"), stamp=entry)
        item = entry
        key = context_key(item)
        names = view.names_of(item.actors)
        if view.actor is not None:
            names = (*names, *view.actor.names())
        notes = [Text.assemble((item.kind + ": ", "dim"), safe(item.text))]
        new = key in view.changes.new_context
        evidence = ShowEvidence(item.text, list(item.evidence), names, notes)
        stamp = (item.kind, item.text, tuple(item.years), new)
        return Row(key, context_prompt(item, new), evidence, stamp)

    def count(self, view: View) -> int:
        """The items of every section."""
        shown = {kind for _heading, kinds in SECTIONS for kind in kinds}
        return sum(1 for item in view.situation.context if item.kind in shown)

    def subtitle(self, view: View, shown: int) -> str:
        """Count, "n of m" when filtered."""
        return f"{shown} of {len(view.full.context)}" if view.filtered else str(shown)


def years_label(years: list[int]) -> str:
    """ "2012", "2020–2021", "2020, 2021, 2023" or "" (kept short)."""
    if not years:
        return ""
    ordered = sorted(set(years))
    if len(ordered) == 1:
        return str(ordered[0])
    if len(ordered) == 2:
        return f"{ordered[0]}, {ordered[1]}"
    return f"{ordered[0]}–{ordered[-1]}"


def context_prompt(item: ContextItem, new: bool) -> Table:
    """The item as a grid: a year or relation tag on the left, its text wrapping on the right."""
    if item.kind in TAGS:
        tag, key = TAGS[item.kind]
        colour = tone(key)
        left = Text(tag, style=f"bold {colour}")
        if item.years:
            left.append(f" {years_label(item.years)}", style="dim")
    else:
        left = Text(years_label(item.years) or "·", style="bold")
    text = safe(item.text)
    if new:
        text = Text.assemble(new_mark(), " ", text)
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=YEAR_WIDTH, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(left, text)
    return grid
