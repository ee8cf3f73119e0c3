"""The Disputed facts pane: each fact the sources disagree on, its sides shown side by side."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..changes import dispute_key
from ..model import Claim, Dispute, Evidence, sourcing_phrase
from .marks import new_mark, safe, stance_badge, tone
from .messages import ShowEvidence
from .option_pane import OptionPane, Row
from .view import View

KINDS: dict[str, tuple[str, str]] = {
    "contradiction": ("⇄ contradiction", "denied"),
    "numeric": ("# figures differ", "reported"),
    "thin sourcing": ("◌ thin sourcing", "alleged"),
    "silence": ("… silence", "unclear"),
}
"""dispute kind -> (label, tone)."""

SIDES_PER_ROW = 3


class DisputesPane(OptionPane):
    """One option per dispute: its subject, then one column per side (source, stance, claim)."""

    EMPTY = "No disputed facts."

    def on_mount(self) -> None:
        """Name the pane."""
        self.border_title = "Disputed facts"

    ROW_LINES = 5.0

    def entries(self, view: View) -> Sequence[Dispute]:
        """One row per dispute, in the engine's order (weightiest first)."""
        return view.situation.disputes

    def entry_key(self, view: View, entry: Dispute) -> str:
        """The dispute's key."""
        return dispute_key(entry)

    def row(self, view: View, entry: Dispute) -> Row:
        """The dispute's subject and sides."""
        key = dispute_key(entry)
        names = view.names_of(entry.actors)
        if view.actor is not None:
            names = (*names, *view.actor.names())
        new = key in view.changes.new_disputes
        stamp = (entry.kind, entry.subject, new, entry.settled_by,
                 tuple(entry.independent_sources.items()),
                 tuple((c.source, c.stance, c.text, c.article) for c in entry.claims))
        return Row(key, dispute_prompt(entry, new), dispute_evidence(entry, names), stamp)

    def count(self, view: View) -> int:
        """One row per dispute."""
        return len(view.situation.disputes)

    def subtitle(self, view: View, shown: int) -> str:
        """Count, "n of m" when filtered."""
        return f"{shown} of {len(view.full.disputes)}" if view.filtered else str(shown)


def kind_label(kind: str) -> Text:
    """The dispute kind as a coloured label with a symbol."""
    label, key = KINDS.get(kind, (kind, "neutral"))
    colour = tone(key)
    return Text(label, style=f"bold {colour}")


def claim_cell(claim: Claim) -> Text:
    """One side: "AFP says" on top, then the claim, then its article."""
    return Text.assemble(
        safe(claim.source or "unnamed source", style="bold"), " ", stance_badge(claim.stance), "\n",
        safe(claim.text), "\n",
        safe(claim.article, style="dim"),
    )


def sides_sourcing(dispute: Dispute) -> str:
    """ "2 v 1 independent sources" (the sides in the order shown) for a dispute with sides, the
    one side's count ("1 source") otherwise; "" when not counted."""
    counts = [n for n in dispute.independent_sources.values() if n]
    if not counts:
        return ""
    if len(counts) == 1:
        return sourcing_phrase(counts[0], 0)
    return " v ".join(str(n) for n in counts) + " independent sources"


def dispute_prompt(dispute: Dispute, new: bool) -> Group:
    """The subject line, then the sides in columns (several rows of columns if many)."""
    heading = Text.assemble(kind_label(dispute.kind), "  ", safe(dispute.subject, style="bold"))
    counts = sides_sourcing(dispute)
    if counts:
        heading.append_text(Text.assemble(("  · ", "dim"), (counts, "dim")))
    if new:
        heading = Text.assemble(new_mark(), " ", heading)
    parts: list[Text | Table] = [heading]
    if dispute.settled_by:
        parts.append(settled_note(dispute))
    claims = dispute.claims
    for start in range(0, len(claims), SIDES_PER_ROW):
        chunk = claims[start : start + SIDES_PER_ROW]
        grid = Table.grid(padding=(0, 2), expand=True)
        for _ in chunk:
            grid.add_column(ratio=1)
        grid.add_row(*(claim_cell(c) for c in chunk))
        parts.append(grid)
    parts.append(Text(""))
    return Group(*parts)


def settled_note(dispute: Dispute) -> Text:
    """"✓ settled by a later claim: released, as of 6 March 2031 (AFP)"."""
    return Text.assemble(("✓ settled by a later claim: ", f"bold {tone('stated')}"),
                         safe(dispute.settled_by, style=tone("stated")))


def dispute_evidence(dispute: Dispute, names: tuple[str, ...]) -> ShowEvidence:
    """The evidence message: each side's claim, then the sentences it rests on."""
    notes = [Text.assemble(kind_label(dispute.kind))]
    if dispute.settled_by:
        notes.append(settled_note(dispute))
    if sides_sourcing(dispute):
        notes.append(Text(sides_sourcing(dispute), style="dim"))
    for claim in dispute.claims:
        notes.append(Text.assemble("  ", safe(claim.source or "unnamed source", style="bold"), " ",
                                   stance_badge(claim.stance), ": ", safe(claim.text)))
    evidence = [Evidence(c.article, c.sentence) for c in dispute.claims if c.sentence]
    return ShowEvidence(dispute.subject, evidence, names, notes)
