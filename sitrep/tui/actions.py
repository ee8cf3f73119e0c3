"""The dashboard's keys: the actions they run, and moving between panes.

Every `action_*` here is bound in `SitrepApp.BINDINGS` or offered in the command palette. Opening
an article in a pager stays in `app.py`: it suspends the whole app.

`KeyActions` is a part of `SitrepApp` (`app.py`), which holds the state it uses.
"""

from __future__ import annotations

import time
from pathlib import Path

from textual import events

from .actors_pane import ActorsPane
from .evidence_view import EvidenceView, copy_summary, copy_text
from .filter_box import FilterBox
from .help_screen import HelpScreen, flat_help, help_width
from .messages import PaneChosen, ShowEvidence
from .option_pane import OptionPane
from .pane_switcher import PaneSwitcher
from .table_pane import TablePane

HELP_SCREEN = "help"
"""The name the help screen is installed under."""
HELP_AHEAD_DELAY = 1.0
"""Seconds after the first report is on screen that the help is laid out ahead (`_lay_out_help`)..."""
HELP_AHEAD_QUIET = 0.5
"""... once no key or click has come for this long."""
COMPACT_CLASSES = ("-tiny", "-cramped")
"""The screen classes (breakpoints) of a compact layout."""


class KeyActions:
    """The app's key actions and pane navigation (mixed into `SitrepApp`)."""

    def action_filter(self) -> None:
        """Open the filter box."""
        self.query_one(FilterBox).open(self.situation, self.filter_name)

    def action_clear_filter(self) -> None:
        """Clear the filter (esc)."""
        if self.screen.maximized is not None:
            self.screen.minimize()
            return
        self.set_filter(None)

    def action_reload(self) -> None:
        """Analyse the folder again now."""
        self.start_analysis("reload")

    def action_help(self) -> None:
        """Show the keys and the meaning of the marks.

        One help screen, installed on first use, so that opening it again neither composes nor
        styles nor measures it again (that took most of the 200 ms a keypress may take).
        """
        if not self.is_screen_installed(HELP_SCREEN):
            self.install_screen(HelpScreen(), name=HELP_SCREEN)
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HELP_SCREEN)

    def _lay_out_help(self) -> None:
        """Lay the help out for the screen's width ahead of its first opening (`flat_help` keeps
        it), once input has paused for `HELP_AHEAD_QUIET`: the first `?` then only shows it."""
        if self._stopping:
            return
        since_input = time.monotonic() - self._input_at
        if since_input < HELP_AHEAD_QUIET:
            self.set_timer(HELP_AHEAD_QUIET - since_input, self._lay_out_help)
            return
        flat_help(help_width(self.size.width))

    def action_timeline(self) -> None:
        """Show the dated events of the current view, day by day, marked by certainty."""
        if self._view is None:
            self.notify("No report yet: the timeline opens once the articles are read.", severity="warning",
                        markup=False)
            return
        from .timeline_screen import TimelineScreen  # here: the first paint does without it

        if not isinstance(self.screen, TimelineScreen):
            self.push_screen(TimelineScreen(self._view))

    def action_export(self) -> None:
        """Write what the panes show, in a format and to a path the user picks."""
        if self._view is None:
            self.notify("No report yet: export once the articles are read.", severity="warning", markup=False)
            return
        from .export_screen import ExportScreen  # here: the first paint does without it (and the writers)

        if not isinstance(self.screen, ExportScreen):
            self.push_screen(ExportScreen(self._view, self.folder, Path.cwd(), self.max_actors))

    def action_zoom(self) -> None:
        """Maximise the focused pane, or restore it."""
        if self.screen.maximized is not None:
            self.screen.minimize()
        elif self.focused is not None:
            target = self.focused
            if target.id in ("evidence-body",) and target.parent is not None:
                target = target.parent  # type: ignore[assignment]
            self.screen.maximize(target)

    def action_focus_pane(self, pane: str) -> None:
        """Focus a pane by id (and show it, on a screen that shows one at a time)."""
        if self.screen.maximized is not None:
            self.screen.minimize()
        if any(pane == pane_id for pane_id, _label in self.PANES):
            self.current_pane = pane
        self.query_one(f"#{pane}").focus()

    @property
    def compact(self) -> bool:
        """Whether the screen is too small for all five panes: one is shown at a time."""
        return any(self.screen.has_class(name) for name in COMPACT_CLASSES)

    def watch_current_pane(self, pane: str) -> None:
        """Mark the pane to show on a compact screen, and name it in the switcher."""
        for widget in self.panes():
            widget.set_class(widget.id == pane, "-current")
        self.query_one(PaneSwitcher).current = pane

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A pane that gets the focus (a click, tab) becomes the one shown on a compact screen."""
        widget = getattr(event, "widget", None) or event.control
        if widget is not None and widget.id in {pane for pane, _label in self.PANES}:
            self.current_pane = widget.id

    def on_pane_chosen(self, message: PaneChosen) -> None:
        """A pane picked in the switcher gets the focus."""
        self.action_focus_pane(message.pane)

    def action_focus_next(self) -> None:
        """Tab: on a compact screen, the next pane (then the evidence view); else the next widget."""
        if not self._cycle_panes(1):
            super().action_focus_next()

    def action_focus_previous(self) -> None:
        """Shift+tab: on a compact screen, the previous pane; else the previous widget."""
        if not self._cycle_panes(-1):
            super().action_focus_previous()

    def _cycle_panes(self, step: int) -> bool:
        """Move to the next or previous pane of a compact screen; whether it did."""
        order = [pane for pane, _label in self.PANES] + ["evidence"]
        focused = self.focused
        if not self.compact or self.screen is not self.screen_stack[0]:
            return False
        current = focused.id if focused is not None and focused.id in order else self.current_pane
        self.action_focus_pane(order[(order.index(current) + step) % len(order)])
        return True

    def selected_evidence(self) -> ShowEvidence | None:
        """The evidence behind the focused pane's row, else what the evidence view shows."""
        focused = self.focused
        if isinstance(focused, (OptionPane, TablePane)):
            return focused.selected_evidence()
        return self.query_one(EvidenceView).current

    def action_copy(self) -> None:
        """Copy the selected row's sentences with their files to the clipboard, and say what."""
        message = self.selected_evidence()
        if message is None:
            self.notify("Nothing to copy here: move to a row first.", severity="warning", markup=False)
            return
        text = copy_text(message)
        self.copy_to_clipboard(text)
        self.notify(copy_summary(text), title="Copied to the clipboard", markup=False)

    def action_sort_actors(self) -> None:
        """Sort the actors on the next column."""
        self.query_one(ActorsPane).action_cycle_sort()
