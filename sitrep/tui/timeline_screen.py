"""The timeline screen (`t`): dated events per day, marked by certainty, for the current filter.

The events are worked out in a thread (`sitrep.report.events` walks every actor's events) and
posted back as a `TimelineReady`; the content itself is built by `timeline.py`. The screen
shows the view it was opened on; esc, t or q closes it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from .messages import TimelineReady
from .timeline import timeline, timeline_events
from .view import View


class TimelineScreen(ModalScreen[None]):
    """A modal with the timeline of the view it was opened on."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,t,q", "dismiss", "Close timeline"),
        Binding("j,down", "scroll('down')", "Down", show=False),
        Binding("k,up", "scroll('up')", "Up", show=False),
        Binding("g,home", "scroll('home')", "Top", show=False),
        Binding("G,end", "scroll('end')", "Bottom", show=False),
        Binding("pagedown,space", "scroll('page_down')", "Page down", show=False),
        Binding("pageup", "scroll('page_up')", "Page up", show=False),
    ]

    def __init__(self, view: View) -> None:
        super().__init__()
        self.view = view
        self.ready = False
        """Whether the events are on screen (tests wait on it)."""

    def compose(self) -> ComposeResult:
        """The timeline in a scrollable box, "Reading the dates…" until the events are worked out."""
        with VerticalScroll(id="timeline-box") as box:
            box.border_title = "Timeline"
            box.border_subtitle = "esc closes · j/k scroll"
            yield Static(Text("Reading the dates…", style="dim"), id="timeline-body")

    def on_mount(self) -> None:
        """Work out the events in a thread."""
        self._events()

    @work(thread=True, exclusive=True, group="timeline", exit_on_error=False, description="timeline")
    def _events(self) -> None:
        self.post_message(TimelineReady(timeline_events(self.view)))

    @on(TimelineReady)
    def _ready(self, message: TimelineReady) -> None:
        self.query_one("#timeline-body", Static).update(timeline(self.view, message.events))
        self.ready = True

    def action_scroll(self, where: str) -> None:
        """Scroll the timeline: down, up, home, end, page_down, page_up."""
        box = self.query_one("#timeline-box", VerticalScroll)
        getattr(box, f"scroll_{where}")(animate=False)
