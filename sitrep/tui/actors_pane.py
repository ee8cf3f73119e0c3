"""The Actors pane: who is involved, their role and status, sortable, minor actors last.

The evidence of an actor lists its claims over time (the claim ledger, oldest first: when,
how sure, what, who says so, and whether a later value overturned it) before its sentences.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widgets import DataTable

from ..datefmt import as_of_label, claims_in_time_order
from ..model import Actor, StateEntry
from .marks import (
    actor_certainty,
    certainty_badge,
    changed_mark,
    mix_bar,
    mix_summary,
    new_mark,
    no_mark,
    safe,
    tone,
)
from .messages import FilterRequested, ShowEvidence
from .table_pane import ColumnSpec, TablePane, TableRow, fit
from .view import View

SORTS: dict[str, tuple[str, Callable[[Actor], Any]]] = {
    "rank": ("rank", lambda a: -a.score),
    "name": ("name", lambda a: a.name.casefold()),
    "kind": ("kind", lambda a: (a.kind, -a.score)),
    "status": ("status", lambda a: (a.status == "", a.status.casefold())),
    "mentions": ("mentions", lambda a: (-a.mentions, -a.score)),
}
"""sort key -> (label, key function); column keys double as sort keys."""


ROOMY = 130
"""Content width from which kind and role get a column each."""
WIDE = 90
"""Content width from which the change mark and the mentions header are spelled out."""
MIN_STATUS = 24
"""The kind column is dropped before the status column gets narrower than this."""
COMPACT_STATUS = 36
"""Below this status width the certainty shows as its symbol alone."""
MIX_WIDTH = 8
"""Cells of the certainty mix bar from `WIDE` content width (5 below it)."""
MIN_MIX_STATUS = 20
"""The mix bar is left out rather than leave the status narrower than this."""


class ActorsPane(TablePane):
    """Actors as a table: mark, name, kind, role, certainty mix, status, mentions.

    Enter filters on the actor.
    """

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
        """Mark, name, kind, role, certainty mix, status, mentions, fitted so the status keeps room.

        From `ROOMY` cells kind and role get a column each; below it they share one
        ("person · General"), and below `WIDE` that one goes first and the mark shrinks to
        its symbol. The mix bar (8 cells, 5 below `WIDE`) comes before the kind and goes
        when the status would be narrower than `MIN_MIX_STATUS`.
        """
        wide = width >= WIDE
        mark = 9 if wide else 1
        mentions = 8 if wide else 3
        name = max(10, min(22, width // 3))
        used = mark + name + mentions + 2 * 3  # one cell of padding each side of a column
        specs = [ColumnSpec("mark", "", mark), ColumnSpec("name", self._label("name", "Name"), name)]
        mix = MIX_WIDTH if wide else 5
        show_mix = width - used - (mix + 2) - 2 >= MIN_MIX_STATUS
        if show_mix:  # before kind: the kind and role are in the evidence view's title too
            used += mix + 2
        if width >= ROOMY:
            kind, role = 12, 18
            specs += [ColumnSpec("kind", self._label("kind", "Kind"), kind), ColumnSpec("role", "Role", role)]
            used += kind + role + 2 * 2
        else:
            kind = max(12, min(20, width // 5))
            if width - used - (kind + 2) >= MIN_STATUS:
                specs.append(ColumnSpec("kind", self._label("kind", "Kind · role"), kind))
                used += kind + 2
        if show_mix:
            specs.append(ColumnSpec("mix", "Claims" if mix >= len("Claims") else "Mix", mix))
        status = max(width - used - 2, 8)
        specs.append(ColumnSpec("status", self._label("status", "Status"), status))
        specs.append(ColumnSpec("mentions", self._label("mentions", "Mentions" if wide else "#"), mentions))
        return specs

    def _label(self, key: str, label: str) -> str:
        """A header label with the sort arrow when the table is sorted on it."""
        if self.sort_key != key:
            return label
        return f"{label} {'↑' if self.sort_reverse else '↓'}"

    def sorted_actors(self, actors: list[Actor], pinned: Actor | None = None) -> list[Actor]:
        """Actors in the chosen order, minor ones after the main ones, `pinned` (the filter) first."""
        _label, key = SORTS[self.sort_key]
        rest = [a for a in actors if pinned is None or a.name != pinned.name]
        main = sorted((a for a in rest if not a.minor), key=key, reverse=self.sort_reverse)
        minor = sorted((a for a in rest if a.minor), key=key, reverse=self.sort_reverse)
        top = [a for a in actors if pinned is not None and a.name == pinned.name]
        return [*top, *main, *minor]

    def entries(self, view: View) -> Sequence[Actor]:
        """The actors in the chosen order, the one filtered on first."""
        return self.sorted_actors(view.situation.actors, view.actor)

    def entry_key(self, view: View, entry: Actor) -> str:
        """The actor's name."""
        return entry.name

    def row(self, view: View, entry: Actor) -> TableRow:
        """One row per actor."""
        actor, widths = entry, self.widths
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
        if "role" in widths:
            cells.append(safe(actor.kind, style=style))
            cells.append(fit(safe(", ".join(actor.roles), style=style), widths["role"]))
        elif "kind" in widths:
            kind = " · ".join([actor.kind, *actor.roles[:1]])
            cells.append(fit(safe(kind, style=style), widths["kind"]))
        if "mix" in widths:
            cells.append(mix_bar(actor, widths["mix"] or 0))
        # Beside the mix bar the status's certainty needs only its symbol.
        compact = "mix" in widths or (widths["status"] or 0) < COMPACT_STATUS
        cells.append(fit(status_text(actor, compact=compact), widths["status"]))
        cells.append(Text(str(actor.mentions), style=style, justify="right"))
        return TableRow(actor.name, cells, partial(actor_evidence, actor, view))

    def count(self, view: View) -> int:
        """One row per actor."""
        return len(view.situation.actors)

    def subtitle(self, view: View, shown: int) -> str:
        """Count, what the marks stand for when there are any, and sort order."""
        order = "" if self.sort_key == "rank" and not self.sort_reverse else f" · by {self.sort_key}"
        names = {a.name for a in view.situation.actors}
        new = sum(1 for name in names if view.changes.is_new_actor(name))
        changed = sum(1 for name in names if name in view.changes.changed_status)
        marks = (f" · ★ {new} new" if new else "") + (f" · ▲ {changed} changed" if changed else "")
        if view.filtered:
            return f"{shown} linked of {len(view.full.actors)}{marks}{order}"
        return f"{shown}{marks}{order}"

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


def status_text(actor: Actor, compact: bool = False) -> Text:
    """The actor's status with its certainty marked: "⇄ contested reported detained; ...".

    `compact` marks the certainty with its symbol alone ("⇄ reported detained").
    """
    status = actor.status or "; ".join(e.phrase for e in actor.events)
    certainty = actor_certainty(actor)
    if not status:
        return Text("—", style="dim")
    if certainty is None:
        return safe(status)
    badge = certainty_badge(certainty, width=0)
    if compact:
        badge = Text(badge.plain.split(" ", 1)[0], style=badge.style)
    return Text.assemble(badge, " ", safe(status))


def actor_evidence(actor: Actor, view: View) -> ShowEvidence:
    """The evidence message for an actor row: status events, then every sentence naming it."""
    notes: list[Text] = []
    kind = " · ".join(x for x in [actor.kind, ", ".join(actor.roles)] if x)
    if actor.aliases:
        notes.append(Text.assemble(("also: ", "dim"), safe(", ".join(actor.aliases))))
    if actor.status:
        notes.append(Text.assemble(("status: ", "dim"), status_text(actor)))
    if actor.events:
        notes.append(Text.assemble(("certainty of its claims: ", "dim"), mix_summary(actor)))
    if actor.state:
        notes.append(Text("claims over time:", style="dim"))
        notes.extend(claim_line(entry) for entry in claims_in_time_order(actor.state))
    else:  # no ledger (an older report): the status events as the articles give them
        for event in actor.events:
            notes.append(Text.assemble("  ", certainty_badge(event.certainty if event.polarity == "affirmed"
                                                             else "denied"),
                                       safe(event.phrase), (f"  [{event.evidence.file}]", "dim")))
    old = view.changes.changed_status.get(actor.name)
    if old is not None:
        notes.append(Text.assemble(("was: ", "dim"), safe(old or "(no status)")))
    title = Text.assemble(safe(actor.name, style="bold"), ("  " + kind if kind else "", "dim"))
    names = view.names_of([actor.name])
    return ShowEvidence(title.plain, list(actor.evidence), names, notes)


DATE_WIDTH = len("23 September 2020")
"""The date column of a claim line: a day label fits, a longer range pushes the rest along."""


def claim_line(entry: StateEntry) -> Text:
    """One claim as a line: "  2 September 2020  ● stated    liberty: detained — the article ·
    superseded by released, 2020-09-23 · history".

    A superseded value is dimmed; the marks say what overturned it, whose own claim it is, and
    whether it is background from well before the situation. Values, sources and parties come
    from the articles, so they go through `safe`.
    """
    when = as_of_label(entry.as_of) if entry.as_of else "undated"
    faded = "dim" if entry.superseded_by or entry.history else ""
    line = Text.assemble(
        "  ",
        safe(when.ljust(DATE_WIDTH), style="dim" if not entry.as_of else ""),
        " ",
        certainty_badge(entry.certainty),
        " ",
        safe(f"{entry.slot}: ", style="dim"),
        safe(entry.value, style=faded),
    )
    if entry.sources:
        line.append_text(Text.assemble((" — ", "dim"), safe(", ".join(entry.sources), style="italic")))
    marks: list[Text] = []
    if entry.superseded_by:
        marks.append(Text.assemble(("superseded by ", tone("neutral")),
                                   safe(entry.superseded_by, style=tone("neutral"))))
    if entry.claimed_by:
        marks.append(Text.assemble(("claimed by ", tone("alleged")),
                                   safe(entry.claimed_by, style=tone("alleged"))))
    if entry.history:
        marks.append(Text("history", style="dim italic"))
    if marks:
        line.append_text(Text.assemble((" · ", "dim"), Text(" · ", style="dim").join(marks)))
    return line
