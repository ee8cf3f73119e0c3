"""Putting a report on screen: the view handed to the panes, a pane at a time on a reload.

`refresh_view` narrows the current report to the filter (`view.make_view`) and hands the
resulting `View` to every pane: all at once the first time, then one pane per
`HAND_OUT_GAP` so that a reload's redraw comes in slices the event loop can breathe between.
The keyboard comes first: a step waits while another screen covers the dashboard (the panes are
not drawn then, and would all be drawn at once by the key that uncovers them) and, for at most
`INPUT_WAIT_MAX` from the start (or from the moment the dashboard is uncovered), until no key or
click has come for `INPUT_GRACE`: what the key did is drawn before a pane is rebuilt. When every
pane has it, the garbage of the redraw is collected in a turn of its own, and whoever waits in
`shown` (tests, benchmarks) is told.

`PaneDrawing` is a part of `SitrepApp` (`app.py`), which holds the state it uses.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from ..changes import Changes
from ..model import Situation
from .actions import HELP_AHEAD_DELAY
from .actors_pane import ActorsPane
from .context_pane import ContextPane
from .disputes_pane import DisputesPane
from .evidence_view import EvidenceView
from .header import SitrepHeader
from .sources_pane import SourcesPane
from .status_pane import StatusPane
from .view import View, make_view

GC_DELAY = 0.25
"""Seconds after a redraw that its garbage is collected (so the collection is a turn of its own)."""
HAND_OUT_GAP = 1 / 60
"""Seconds between handing a new view to one pane and to the next (about one screen refresh)."""
INPUT_GRACE = 0.15
"""Seconds after a key or click before the next pane of a hand-out is rebuilt..."""
INPUT_WAIT_MAX = 1.0
"""... unless the hand-out began (or was uncovered) this long ago: keys held down do not hold it
up for long."""


class PaneDrawing:
    """The app's hand-out of a view to its panes (mixed into `SitrepApp`)."""

    def _show(self, situation: Situation, changes: Changes, *, previous: bool = False) -> None:
        """Put a (possibly partial) report on screen; `previous`: the folder's last stored report,
        from before it changed (the header says so)."""
        self.changes = changes
        self.situation = situation
        self.showing_previous = previous
        self.refresh_view()

    def _confirm(self, situation: Situation) -> bool:
        """Whether `situation` is the very report on screen as the previous one (the analysis
        found the folder unchanged since it): then only the header stops saying "previous", and
        the panes, which already show it, are not built again."""
        if situation is not self.situation or not self.showing_previous or self._stopping:
            return False
        self.showing_previous = False
        self.query_one(SitrepHeader).previous = False
        return True

    def refresh_view(self) -> None:
        """Hand the current report, marks and filter down to every pane."""
        if self._stopping:
            return
        header = self.query_one(SitrepHeader)
        header.now = self.clock()
        if self.situation is None:
            header.filter_label = self.filter_name or ""
            return
        view = make_view(self.situation, self.changes, self.filter_name)
        self._view = view
        header.situation = self.situation
        header.previous = self.showing_previous
        if view.filter_name is None:
            header.filter_label = ""
        elif view.actor is not None:
            header.filter_label = view.actor.name
        else:
            header.filter_label = f"“{view.filter_name}” (no such actor; matching words)"
        if self.last_complete is None:
            self._hand_out_now(view)  # the first report: every pane at once, nothing to keep on screen
        else:
            self._hand_out(view)

    def _hand_out_now(self, view: View) -> None:
        """Give `view` to every pane in this turn."""
        self._stop_hand_out()
        for pane in self.panes():
            pane.view = view
        self._handed_out()

    def _hand_out(self, view: View) -> None:
        """Give `view` to the panes one at a time, the first now and each next one on the app's own
        timer, so a reload's redraw (and its rendering) comes in slices the event loop can breathe
        between. A newer view starts again from the first pane.

        The steps are the app's, not a screen's: `call_after_refresh` queues them on whichever
        screen is current, and a help screen popped before its next refresh dropped them, leaving
        panes on the old report (issue #12 row 17).
        """
        self._stop_hand_out()
        self._drawing = True
        self._to_hand = self.panes()
        self._hand_began = time.monotonic()
        self._hand_next()

    def _hand_next(self) -> None:
        """Give the current view to the next pane still without it, or finish the hand-out; or wait
        (see the module docstring)."""
        self._hand_timer = None
        if self._stopping or self._view is None:
            return
        if not self._to_hand:
            self._handed_out()
            return
        if self._covered():
            return  # `_uncovered` goes on
        now = time.monotonic()
        since_input, waited = now - self._input_at, now - self._hand_began
        if since_input < INPUT_GRACE and waited < INPUT_WAIT_MAX:
            wait = min(INPUT_GRACE - since_input, INPUT_WAIT_MAX - waited)
            self._hand_timer = self.set_timer(wait, self._hand_next, name="hand-out")
            return
        self._to_hand.pop(0).view = self._view
        self._hand_timer = self.set_timer(HAND_OUT_GAP, self._hand_next, name="hand-out")

    def _covered(self) -> bool:
        """Whether another screen (help, timeline, export, palette) is over the dashboard."""
        return len(self.screen_stack) > 1

    def _uncovered(self, _screen: Any = None) -> None:
        """The current screen changed: a hand-out that waited for the dashboard goes on, once the
        dashboard is drawn as it was."""
        if self._to_hand and self._hand_timer is None and not self._covered() and not self._stopping:
            self._hand_began = time.monotonic()  # the time covered does not count against the key's grace
            self._hand_timer = self.set_timer(HAND_OUT_GAP, self._hand_next, name="hand-out")

    def _stop_hand_out(self) -> None:
        """Forget the rest of a hand-out under way (a newer view replaces it)."""
        if self._hand_timer is not None:
            self._hand_timer.stop()
            self._hand_timer = None
        self._to_hand = []

    def _handed_out(self) -> None:
        """Every pane has the view: show the focused row's evidence, tell whoever waits for it
        (`shown`), then collect the garbage."""
        self._drawing = False
        if not self._help_ahead:  # the first report is on screen: the help can be made ready
            self._help_ahead = True
            self.set_timer(HELP_AHEAD_DELAY, self._lay_out_help)
        focused = self.focused
        if isinstance(focused, (StatusPane, DisputesPane, ContextPane, ActorsPane, SourcesPane)):
            # Shown now rather than by a message, which would land after the frame that draws the
            # panes and cost a frame (and a layout) of its own.
            evidence = focused.selected_evidence()
            if evidence is not None:
                self.query_one(EvidenceView).show(evidence.copy())
        view = self._view
        if view is not None and self._view_waiters:
            waiting, self._view_waiters = self._view_waiters, []
            for check, future in waiting:
                if future.done():
                    continue
                if check(view):
                    future.set_result(view)
                else:
                    self._view_waiters.append((check, future))
        self._collect_later()

    async def shown(self, check: Callable[[View], bool] | None = None) -> View:
        """The view on screen, once every pane shows it and it passes `check` (by default, any
        view): at once if that is already so, else when the hand-out of one that passes ends.

        For tests and benchmarks, which wait on it instead of sleeping.
        """
        wanted = check or (lambda _view: True)
        if self._view is not None and not self._drawing and wanted(self._view):
            return self._view
        future: asyncio.Future[View] = asyncio.get_running_loop().create_future()
        self._view_waiters.append((wanted, future))
        return await future

    def _collect_later(self) -> None:
        """Collect the garbage of a redraw in a turn of its own, a moment after it.

        A rebuilt table leaves reference cycles (Textual's rows, strips and their caches: tens of
        thousands of objects a reload); a collection that fell inside a redraw doubled its
        stall. One pending collection at a time: reloads in quick succession share it. What runs
        (the young generations, a full collection now and then) is `gcpolicy.Collector.collect`'s call.
        """
        if self._gc_timer is None and not self._stopping:
            self._gc_timer = self.set_timer(GC_DELAY, self._collect_garbage)

    def _collect_garbage(self) -> None:
        self._gc_timer = None
        if self._stopping or self._drawing:  # a hand-out under way collects when it ends
            return
        again = self._collector.collect()
        if again is not None:  # a full collection waits for the keyboard to be quiet
            self._gc_timer = self.set_timer(again, self._collect_garbage)

    @property
    def idle(self) -> bool:
        """No analysis under way and every pane showing the latest view."""
        return not self.analysing and not self._drawing

    def panes(self) -> list[Any]:
        """The five panes, in order."""
        return [self.query_one(f"#{pane}") for pane, _label in self.PANES]

    @property
    def view(self) -> View | None:
        """What the panes show now."""
        return self._view
