"""The Actors pane: who is involved, their role and status, sortable, minor actors last."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widgets import DataTable

from ..model import Actor
from .marks import actor_certainty, certainty_badge, changed_mark, new_mark, no_mark, safe
from .messages import FilterRequested, ShowEvidence
from .table_pane import ColumnSpec, TablePane, TableRow, fit
from .view import View, actor_names_in

SORTS: dict[str, tuple[str, Callable[[Actor], Any]]] = {
    "rank": ("rank", lambda a: -a.score),
    "name": ("name", lambda a: a.name.casefold()),
    "kind": ("kind", lambda a: (a.kind, -a.score)),
    "status": ("status", lambda a: (a.status == "", a.status.casefold())),
    "mentions": ("mentions", lambda a: (-a.mentions, -a.score)),
}
"""sort key -> (label, key function); column keys double as sort keys."""


WIDE = 80
"""Content width from which marks and headers are spelled out in full."""
MIN_STATUS = 24
"""Kind and role are dropped before the status column gets narrower than this."""


class ActorsPane(TablePane):
    """Actors as a table: mark, name, kind, role, status, mentions. Enter filters on the actor."""

    BINDINGS = [
        Binding("enter", "filter_actor", "Filter on actor"),
        Binding("s", "cycle_sort", "Sort"),
        Binding("S", "reverse_sort", "Reverse sort", show=False),
    ]

    EMPTY = "No actors yet."

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.sort_key = "rank"
        self.sort_reverse = False
        self.border_title = "Actors"

    def columns_for(self, width: int) -> list[ColumnSpec]:
        """Mark, name, kind, role, status, mentions; status keeps room, role then kind go first.

        Below `WIDE` cells the mark shrinks to its symbol and the mentions header to "#".
        """
        wide = width >= WIDE
        mark = 9 if wide else 1
        mentions = 8 if wide else 3
        name = max(14, min(22, width // 4))
        used = 2 * 4 + mark + name + mentions  # four columns with one cell of padding each side
        kind = 12 if width - used - 14 >= MIN_STATUS else 0
        used += kind + 2 if kind else 0
        role = 18 if width - used - 20 >= MIN_STATUS else 0
        used += role + 2 if role else 0
        status = max(width - used, 12)
        specs = [
            ColumnSpec("mark", "", mark),
            ColumnSpec("name", self._label("name", "Name"), name),
        ]
        if kind:
            specs.append(ColumnSpec("kind", self._label("kind", "Kind"), kind))
        if role:
            specs.append(ColumnSpec("role", "Role", role))
        specs.append(ColumnSpec("status", self._label("status", "Status"), status))
        specs.append(ColumnSpec("mentions", self._label("mentions", "Mentions" if wide else "#"), mentions))
        return specs

    def _label(self, key: str, label: str) -> str:
        """A header label with the sort arrow when the table is sorted on it."""
        if self.sort_key != key:
            return label
        return f"{label} {'↑' if self.sort_reverse else '↓'}"

    def sorted_actors(self, actors: list[Actor]) -> list[Actor]:
        """Actors in the chosen order, minor ones always after the main ones."""
        _label, key = SORTS[self.sort_key]
        main = sorted((a for a in actors if not a.minor), key=key, reverse=self.sort_reverse)
        minor = sorted((a for a in actors if a.minor), key=key, reverse=self.sort_reverse)
        return [*main, *minor]

    def table_rows(self, view: View) -> list[TableRow]:
        """One row per actor."""
        widths = {c.key: c.width for c in self.columns_for(max(self.scrollable_content_region.width, 40))}
        rows: list[TableRow] = []
        for actor in self.sorted_actors(view.situation.actors):
            style = "dim" if actor.minor else ""
            if view.changes.is_new_actor(actor.name):
                mark = new_mark()
            elif actor.name in view.changes.changed_status:
                mark = changed_mark()
            else:
                mark = no_mark()
            mark = fit(mark, widths["mark"], ellipsis=False)
            name = safe(actor.name, style=("bold " + style) if view.actor and view.actor.name == actor.name
                        else style)
            cells = [mark, fit(name, widths["name"])]
            if "kind" in widths:
                cells.append(safe(actor.kind, style=style))
            if "role" in widths:
                cells.append(fit(safe(", ".join(actor.roles), style=style), widths["role"]))
            cells.append(fit(status_text(actor), widths["status"]))
            cells.append(Text(str(actor.mentions), style=style, justify="right"))
            rows.append(TableRow(actor.name, cells, actor_evidence(actor, view)))
        return rows

    def subtitle(self, view: View, shown: int) -> str:
        """Count and sort order."""
        order = "" if self.sort_key == "rank" and not self.sort_reverse else f" · by {self.sort_key}"
        if view.filtered:
            return f"{shown} linked of {len(view.full.actors)}{order}"
        return f"{shown}{order}"

    def set_sort(self, key: str, reverse: bool | None = None) -> None:
        """Sort on `key` (a column key or "rank"); the same key again flips the order."""
        if key not in SORTS:
            return
        if reverse is None:
            reverse = not self.sort_reverse if key == self.sort_key else False
        self.sort_key, self.sort_reverse = key, reverse
        if self.view is not None:
            self.watch_view(self.view)

    def action_cycle_sort(self) -> None:
        """Sort on the next column."""
        order = list(SORTS)
        self.set_sort(order[(order.index(self.sort_key) + 1) % len(order)], reverse=False)

    def action_reverse_sort(self) -> None:
        """Flip the sort order."""
        self.set_sort(self.sort_key, reverse=not self.sort_reverse)

    def action_filter_actor(self) -> None:
        """Filter every pane on the actor under the cursor."""
        key = self.cursor_key
        if key is not None:
            self.post_message(FilterRequested(key))

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.set_sort(str(event.column_key.value) if event.column_key.value != "mark" else "rank")

    @on(DataTable.RowSelected)
    def _clicked(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.show_evidence()


def status_text(actor: Actor) -> Text:
    """The actor's status with its certainty marked: "⇄ contested  reported detained; ..."."""
    status = actor.status or "; ".join(e.phrase for e in actor.events)
    certainty = actor_certainty(actor)
    if not status:
        return Text("—", style="dim")
    if certainty is None:
        return safe(status)
    return Text.assemble(certainty_badge(certainty, width=0), " ", safe(status))


def actor_evidence(actor: Actor, view: View) -> ShowEvidence:
    """The evidence message for an actor row: status events, then every sentence naming it."""
    notes: list[Text] = []
    kind = " · ".join(x for x in [actor.kind, ", ".join(actor.roles)] if x)
    if actor.aliases:
        notes.append(Text.assemble(("also: ", "dim"), safe(", ".join(actor.aliases))))
    if actor.status:
        notes.append(Text.assemble(("status: ", "dim"), status_text(actor)))
    for event in actor.events:
        notes.append(Text.assemble("  ", certainty_badge(event.certainty if event.polarity == "affirmed"
                                                         else "denied"),
                                   safe(event.phrase), (f"  [{event.evidence.file}]", "dim")))
    old = view.changes.changed_status.get(actor.name)
    if old is not None:
        notes.append(Text.assemble(("was: ", "dim"), safe(old or "(no status)")))
    title = Text.assemble(safe(actor.name, style="bold"), ("  " + kind if kind else "", "dim"))
    names = actor_names_in(view.full, [actor.name])
    return ShowEvidence(title.plain, list(actor.evidence), names, notes)
