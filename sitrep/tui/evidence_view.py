"""The evidence view: the sentences behind the selected row, each with its file, names highlighted."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..model import Evidence
from ..text import clean, fold_chars
from .marks import safe, tone
from .messages import ShowEvidence
from .view import names_pattern

HIGHLIGHT = "bold black on yellow"
PLACEHOLDER = "Move to a row in any pane to see the sentences behind it."
COPY_SUMMARY_WIDTH = 100
"""Characters of the copied text a toast repeats."""


class EvidenceView(VerticalScroll, can_focus=True):
    """A scrollable panel showing one `ShowEvidence` at a time."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = "Evidence"
        self.current: ShowEvidence | None = None

    def compose(self) -> ComposeResult:
        """A single static body."""
        yield Static(Text(PLACEHOLDER, style="italic dim"), id="evidence-body")

    def show(self, message: ShowEvidence) -> None:
        """Show the sentences behind a row (from the top); the same again (a reload that did not
        change the row) is left as it is, scrolled where it was."""
        if message == self.current:
            return
        self.current = message
        self.query_one("#evidence-body", Static).update(render_evidence(message))
        self.border_subtitle = _count(len(message.evidence))
        self.scroll_home(animate=False, immediate=True)  # deferred, it undid a scroll made meanwhile

    def clear(self) -> None:
        """Back to the placeholder."""
        self.current = None
        self.query_one("#evidence-body", Static).update(Text(PLACEHOLDER, style="italic dim"))
        self.border_subtitle = ""

    @property
    def text(self) -> str:
        """What is shown, as plain text (for tests)."""
        if self.current is None:
            return PLACEHOLDER
        return render_plain(self.current)


def _count(n: int) -> str:
    return f"{n} sentence{'s' if n != 1 else ''}"


def highlight(sentence: str, names: tuple[str, ...]) -> Text:
    """The sentence as literal text with every whole-word occurrence of `names` highlighted
    (whatever the case or accents: "Goita" in a sentence is "Goïta" in a name)."""
    text = safe(sentence)
    pattern = names_pattern(tuple(dict.fromkeys(names)))
    if pattern is not None:
        for match in pattern.finditer(fold_chars(text.plain)):
            text.stylize(HIGHLIGHT, match.start(), match.end())
    return text


def render_evidence(message: ShowEvidence) -> RenderableType:
    """Title, notes, then the sentences grouped by file."""
    parts: list[RenderableType] = [safe(message.title, style="bold")]
    parts.extend(message.notes)
    if not message.evidence:
        if not message.notes:
            parts.append(Text("No sentences recorded for this item.", style="italic dim"))
        return Group(*parts)
    by_file: dict[str, list[Evidence]] = {}
    for evidence in message.evidence:
        by_file.setdefault(evidence.file, []).append(evidence)
    seen: set[tuple[str, str]] = set()
    for file, items in by_file.items():
        parts.append(Text(""))
        parts.append(Text.assemble(("▌ ", tone("neutral")), safe(file, style=f"bold {tone('neutral')}")))
        for evidence in items:
            if (file, evidence.sentence) in seen:
                continue
            seen.add((file, evidence.sentence))
            quote = Text("“")
            quote.append_text(highlight(evidence.sentence, message.names))
            quote.append("”")
            line = Table.grid()
            line.add_column(width=2, no_wrap=True)
            line.add_column(ratio=1)
            line.add_row("", quote)
            parts.append(line)
    return Group(*parts)


def evidence_file(message: ShowEvidence) -> str | None:
    """The file a row is about: its own (a Sources row), else its first sentence's."""
    if message.file:
        return message.file
    return message.evidence[0].file if message.evidence else None


def copy_text(message: ShowEvidence) -> str:
    """What `c` copies: each sentence behind the row in quotes with its file, one a line; a row
    without sentences gives its title and file. Cleaned (`text.clean`): the text came from
    articles and goes to a terminal."""
    lines: list[str] = []
    for evidence in message.evidence:
        line = f"“{clean(evidence.sentence).strip()}” ({clean(evidence.file)})"
        if line not in lines:
            lines.append(line)
    if not lines:
        file = evidence_file(message)
        lines.append(clean(message.title) + (f" ({clean(file)})" if file and file != message.title else ""))
    return "\n".join(lines)


def copy_summary(text: str, width: int = COPY_SUMMARY_WIDTH) -> str:
    """The toast after a copy: the first line copied, shortened, and how many more there are."""
    first, *rest = text.split("\n")
    if len(first) > width:
        first = first[: width - 1].rstrip() + "…"
    if rest:
        first += f" (and {len(rest)} more sentence{'s' if len(rest) != 1 else ''})"
    return first


def render_plain(message: ShowEvidence) -> str:
    """The evidence as plain text (what a test or a copy would see)."""
    lines = [safe(message.title).plain, *(n.plain for n in message.notes)]
    lines += [f"{e.file}: {safe(e.sentence).plain}" for e in message.evidence]
    return "\n".join(lines)
