"""`StageText`: the header's progress stage ("Analysing 12/2,000"), redrawn without a layout.

A `Label` lays the whole screen out again on every update (its width follows its text); the
stage changes with every batch of a reload, which in a churning folder is all the time. This one
has a fixed width (`sitrep.tcss`) and only repaints.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class StageText(Widget):
    """One line of text of a fixed width, cut with an ellipsis, that only repaints when it changes."""

    text: reactive[Text] = reactive(Text(""), layout=False)
    """What to show."""

    def render(self) -> Text:
        """The text on one line."""
        line = self.text.copy()
        line.no_wrap = True
        line.overflow = "ellipsis"
        return line
