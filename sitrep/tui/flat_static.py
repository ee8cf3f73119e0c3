"""`FlatStatic`: a `Static` that lays out a Rich renderable once per width, as plain lines.

Textual draws a Rich renderable (a `rich.table.Table`, say) again for every line it asks of it:
the help's table of some 60 rows was laid out several hundred times when the help first opened
(0.3 s of a 0.5 s keypress over 2,000 articles). This widget renders the renderable once at
its width into `Text` lines, which Textual draws and measures on its own, and renders again only
when the width changes or it is told to (`redraw`, e.g. after a theme change). What it shows
comes from a function of the width, so that its owner can keep layouts made ahead of time.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console, RenderableType
from rich.text import Text
from textual import events
from textual.widgets import Static


def flatten(renderable: RenderableType, width: int) -> Text:
    """`renderable` laid out at `width` cells, as one `Text` of lines no wider than `width`."""
    console = Console(width=width, color_system="truecolor", force_terminal=True, legacy_windows=False)
    lines = console.render_lines(renderable, console.options.update_width(width), pad=False)
    flat = Text(end="", no_wrap=True, overflow="crop")
    for number, line in enumerate(lines):
        if number:
            flat.append("\n")
        for segment in line:
            if not segment.control:
                flat.append(segment.text, segment.style)
    return flat


class FlatStatic(Static):
    """Shows what `lay_out(width)` returns (`flatten` of a renderable, or a kept copy of it),
    laid out again only when the width changes (see the module docstring)."""

    def __init__(self, lay_out: Callable[[int], Text], width: int, *, id: str | None = None) -> None:
        self._lay_out = lay_out
        self._width = max(width, 1)
        super().__init__(lay_out(self._width), id=id)

    def redraw(self) -> None:
        """Lay the text out again (what it shows has changed, or its colours)."""
        self.update(self._lay_out(self._width))

    def on_resize(self, event: events.Resize) -> None:
        """Laid out again at a new width (a guess at first; a scrollbar takes a column)."""
        width = event.size.width
        if width > 0 and width != self._width:
            self._width = width
            self.redraw()
