"""The sitrep TUI: a live situation report over a folder of articles.

Data flow, one way: a thread worker runs `engine.analyse(folder)` and posts `AnalysisProgress`
/ `AnalysisDone` / `AnalysisFailed`; an async worker watches the folder and posts
`FolderChanged`, which starts a new analysis (the engine cache re-parses only changed files).
Handlers on the app keep the current `Situation`, diff it against what was seen before
(`sitrep.changes`), narrow it to the actor filter (`view.make_view`) and hand the resulting
`View` down to every pane. Widgets never call the engine; workers never touch widgets.

`make_app` is the one factory used by the CLI and the tests.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar, Protocol

from textual import events, on, work
from textual.app import App, ComposeResult, SuspendNotSupported, SystemCommand
from textual.binding import Binding
from textual.containers import Grid
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer
from textual.worker import get_current_worker

from ..changes import Changes, LastSeenStore, Snapshot, diff
from ..config import Config
from ..gcpolicy import Collector
from ..model import Situation
from ..textsafe import clean
from ..watch import FolderChange, describe_change, watch_folder
from .actors_pane import ActorsPane
from .commands import ActorCommands, sitrep_commands
from .context_pane import ContextPane
from .disputes_pane import DisputesPane
from .evidence_view import EvidenceView, copy_summary, copy_text, evidence_file
from .export_screen import ExportScreen
from .filter_box import FilterBox
from .header import SitrepHeader
from .help_screen import HelpScreen
from .marks import clean_lines, use_palette
from .messages import (
    AnalysisDone,
    AnalysisFailed,
    AnalysisProgress,
    FilterRequested,
    FolderChanged,
    PaneChosen,
    ShowEvidence,
    WatchFailed,
    WatchNotice,
)
from .option_pane import FAILED, OptionPane
from .pager import article_path, pager_command, run_pager
from .pane_switcher import PaneSwitcher
from .sources_pane import SourcesPane
from .status_pane import StatusPane
from .table_pane import TablePane
from .themes import css_variables, rich_tones, unknown_theme
from .timeline_screen import TimelineScreen
from .ui_state import UiState, UiStateStore, starting_theme
from .view import View, make_view

log = logging.getLogger(__name__)

TICK_SECONDS = 30.0
"""How often "updated N minutes ago" is refreshed."""
GC_DELAY = 0.25
"""Seconds after a redraw that its garbage is collected (so the collection is a turn of its own)."""
HELP_SCREEN = "help"
"""The name the help screen is installed under."""
HAND_OUT_GAP = 1 / 60
"""Seconds between handing a new view to one pane and to the next (about one screen refresh)."""
COMPACT_WIDTH = 90
"""Columns below which one pane is shown at a time, with a pane switcher (80x24 showed six slivers)."""
COMPACT_HEIGHT = 28
"""Rows below which one pane is shown at a time."""
COMPACT_CLASSES = ("-tiny", "-cramped")
"""The screen classes (breakpoints) of a compact layout."""


class EngineLike(Protocol):
    """What the app needs of `sitrep.engine.Engine` (tests pass fakes)."""

    def analyse(self, folder: Path, progress: Callable[[Any], None] | None = None) -> Situation:
        """The situation for `folder`, reporting progress."""
        ...


class _Superseded(Exception):
    """Raised inside the engine's progress callback to abandon a run a newer one replaced."""


class SitrepApp(App[None]):
    """The live situation report."""

    CSS_PATH = "sitrep.tcss"
    TITLE = "sitrep"
    COMMANDS = App.COMMANDS | {ActorCommands}
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-tiny"), (COMPACT_WIDTH, "-narrow"),
                                                               (110, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-cramped"), (COMPACT_HEIGHT, "-short"),
                                                             (34, "-tall")]
    """Below `COMPACT_WIDTH` columns (-tiny) or `COMPACT_HEIGHT` rows (-cramped) the panes are shown one at a time."""

    PANES: ClassVar[list[tuple[str, str]]] = [
        ("status", "Status"),
        ("actors", "Actors"),
        ("disputes", "Disputed facts"),
        ("context", "Regional context"),
        ("sources", "Sources"),
    ]
    """Pane id and label, in the order of the number keys."""

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("slash", "filter", "Filter"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("r", "reload", "Reload"),
        Binding("z", "zoom", "Zoom"),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
        # After Quit: a narrow footer crops these first (the help lists them too).
        Binding("c", "copy", "Copy"),
        Binding("o", "open_article", "Open"),
        Binding("t", "timeline", "Timeline"),
        Binding("x", "export", "Export"),
        Binding("e", "focus_pane('evidence')", "Evidence", show=False),
        *[Binding(str(n), f"focus_pane('{pane}')", label, show=False)
          for n, (pane, label) in enumerate(PANES, start=1)],
    ]

    situation: var[Situation | None] = var(None)
    """The report on screen (partial while a first analysis is under way)."""
    filter_name: var[str | None] = var(None)
    """The actor filter as chosen or typed; survives reloads."""
    current_pane: var[str] = var("status")
    """The pane last focused: the one shown when the screen is too small for all five."""

    def __init__(
        self,
        folder: Path,
        engine: EngineLike,
        store: LastSeenStore,
        actor: str | None = None,
        clock: Callable[[], float] = time.time,
        watch: bool = True,
        close_engine: bool = False,
        max_actors: int = 40,
        theme: str | None = None,
        ui_state: UiStateStore | None = None,
        config_theme: str = "",
    ) -> None:
        super().__init__()
        self.ui_state = ui_state
        """Where the theme picked in the dashboard is remembered (None: nowhere)."""
        self.config_theme = config_theme
        """The config's `ui.theme`, remembered beside a picked theme (see `ui_state`)."""
        self._theme_shown: str | None = None
        """The theme the panes were last drawn in (a change after the first is remembered)."""
        if theme:
            self.theme = theme
        self.max_actors = max_actors
        """Actors listed at most in a Markdown export (config `report.max_actors`)."""
        self.folder = folder
        self.engine = engine
        self.store = store
        self.clock = clock
        self.watch_enabled = watch
        self._close_engine = close_engine
        self.changes = Changes()
        self.last_complete: Situation | None = None
        """The last situation a run finished with (partial ones excluded)."""
        self.analysing = False
        """Whether an analysis run is under way."""
        self.last_error: str | None = None
        self._generation = 0
        self._reason = "start"
        self._pending_change = FolderChange()
        """What changed in the folder before the run under way started (announced when it ends)."""
        self._queued_change: FolderChange | None = None
        """What changed while a run was under way: the next run starts when it ends."""
        self._baseline: Snapshot | None = None
        self._engine_lock = threading.Lock()
        self._stop_watching = asyncio.Event()
        self._view: View | None = None
        self._shutting_down = False
        """Set on exit: late messages from workers are dropped, the widgets may be gone."""
        self._collector = Collector()
        """When the garbage collector runs (`sitrep.gcpolicy`): held for the first load, then frozen."""
        self._drawing = False
        """Whether panes are still being handed a new view (see `_hand_out`)."""
        self._to_hand: list[Any] = []
        """The panes still to be given the current view."""
        self._hand_timer: Timer | None = None
        """The app's timer for the next pane of a hand-out (None between hand-outs)."""
        self._view_waiters: list[tuple[Callable[[View], bool], asyncio.Future[View]]] = []
        """Callers of `shown` waiting for every pane to show a view they want."""
        self._gc_timer: Timer | None = None
        """The pending collection after a redraw (see `_collect_later`)."""
        self.set_reactive(SitrepApp.filter_name, actor.strip() if actor and actor.strip() else None)

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        """Header, filter box (hidden), the five panes, the evidence view, the footer."""
        yield SitrepHeader(id="header")
        yield FilterBox(id="filter-box")
        yield PaneSwitcher(self.PANES, id="pane-switcher")
        with Grid(id="panes"):
            yield StatusPane(id="status")
            yield ActorsPane(id="actors")
            yield DisputesPane(id="disputes")
            yield ContextPane(id="context")
            yield SourcesPane(id="sources")
        yield EvidenceView(id="evidence")
        yield Footer()

    def on_mount(self) -> None:
        """Start the first analysis, the folder watcher and the freshness clock."""
        header = self.query_one(SitrepHeader)
        header.folder_name = self.folder.name
        header.now = self.clock()
        self.query_one(FilterBox).display = False
        self._baseline = self.store.load(self.folder)
        self.set_interval(TICK_SECONDS, self._tick)
        self.query_one(StatusPane).focus()
        self.watch_current_pane(self.current_pane)
        use_palette(rich_tones(self.current_theme))
        self._theme_shown = self.theme
        self._collector.hold()
        self.start_analysis("start")
        if self.watch_enabled:
            self._watch()

    @property
    def _stopping(self) -> bool:
        """Whether the app is on its way out (late worker messages are then dropped: widgets may be gone)."""
        return self._shutting_down or not self.is_running

    def get_css_variables(self) -> dict[str, str]:
        """Textual's theme variables plus the certainty tones ($certainty-stated, ...)."""
        variables = {**super().get_css_variables(), **css_variables(self.current_theme)}
        self.theme_variables = variables
        return variables

    def watch_theme(self, theme: str) -> None:
        """A new theme: the tones follow it, the panes are drawn again, and the choice is remembered."""
        if self._theme_shown is None or theme == self._theme_shown:
            return
        self._theme_shown = theme
        use_palette(rich_tones(self.current_theme))
        self.refresh_view()
        if self.ui_state is not None:
            self.ui_state.save(UiState(theme, self.config_theme))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's commands plus sitrep's own."""
        yield from super().get_system_commands(screen)
        yield from sitrep_commands(self)

    # ----------------------------------------------------------------- analysis

    def start_analysis(self, reason: str) -> None:
        """Run the engine again in a thread (a newer run supersedes an unfinished one)."""
        if self._queued_change is not None:  # this run reads the folder as it is now
            self._pending_change = self._pending_change.merge(self._queued_change)
            self._queued_change = None
        self._generation += 1
        self._reason = reason
        self.analysing = True
        self.query_one(SitrepHeader).progress = ("reading", 0, 0)
        self._analyse(self._generation)

    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False, description="analysing")
    def _analyse(self, generation: int) -> None:
        """Call the engine; post progress, the result or the error. Touches no widget."""
        worker = get_current_worker()

        def progress(p: Any) -> None:
            if worker.is_cancelled:
                raise _Superseded
            self.post_message(AnalysisProgress(generation, p.stage, p.done, p.total, p.situation))

        with self._engine_lock:  # the engine serves one run at a time; a superseded run ends early
            if worker.is_cancelled:
                return
            try:
                situation = self.engine.analyse(self.folder, progress=progress)
            except _Superseded:
                return
            except Exception as exc:  # any engine failure keeps the last good report on screen
                log.exception("analysis of %s failed", self.folder)
                self.post_message(AnalysisFailed(generation, _describe_error(exc)))
                return
        self.post_message(AnalysisDone(generation, situation))

    @on(AnalysisProgress)
    def _progress(self, message: AnalysisProgress) -> None:
        if message.generation != self._generation or self._stopping:
            return
        if message.stage in ("loading model", "analysing"):
            self._collector.release(freeze=False)  # articles to parse: a long run, collect as usual
        header = self.query_one(SitrepHeader)
        header.progress = None if message.stage == "done" else (message.stage, message.done, message.total)
        # A reload's cached part is only the report on screen minus the changed files: not shown.
        stale = message.stage == "cached" and self.last_complete is not None
        if message.situation is not None and message.stage != "done" and not stale:
            changes = diff(self._baseline, message.situation)
            self._show(message.situation, changes if changes else self.changes)

    @on(AnalysisDone)
    def _done(self, message: AnalysisDone) -> None:
        if message.generation != self._generation or self._stopping:
            return
        first = self.last_complete is None
        situation = message.situation
        changes = diff(self._baseline, situation)
        # Marks stay until something else changes: a reload that brings nothing keeps them.
        self._show(situation, changes if (changes or first) else self.changes)
        self.analysing = False
        self.last_complete = situation
        self.last_error = None
        header = self.query_one(SitrepHeader)
        header.progress = None
        header.problem = ""
        self._announce(changes, first)
        if first and self._view is not None and self._view.actor is not None:
            self._start_on_actor(self._view.actor.name)
        self._baseline = Snapshot.of(situation, now=self.clock())
        self.store.save(self.folder, self._baseline)
        if first:
            self._collector.release(freeze=True)
        self._run_queued()

    def _run_queued(self) -> None:
        """Start the run the folder's changes asked for while the last one was under way."""
        if self._queued_change is not None and not self.analysing and not self._stopping:
            self.start_analysis("change")

    def _start_on_actor(self, name: str) -> None:
        """Started with `--actor`: the cursor on that actor, and the Actors pane focused if nothing else is."""
        actors = self.query_one(ActorsPane)
        actors.select_key(name)
        if self.focused is None or isinstance(self.focused, StatusPane):
            actors.focus()

    @on(AnalysisFailed)
    def _failed(self, message: AnalysisFailed) -> None:
        if message.generation != self._generation or self._stopping:
            return
        self.analysing = False
        self.last_error = message.error
        header = self.query_one(SitrepHeader)
        header.progress = None
        error = _sentence(message.error)
        if self.situation is None:
            header.problem = f"Could not analyse {self.folder}: {error}\nPress r to retry."
        else:
            header.problem = f"Reload failed: {error}\nShowing the last good report; press r to retry."
        self._pending_change = FolderChange()
        self._collector.release(freeze=False)
        if self.situation is None:
            for pane in self.panes():
                pane.placeholder(FAILED)
        self.notify(clean_lines(error), title="Could not analyse" if self.situation is None else "Reload failed",
                    severity="error", timeout=8, markup=False)
        self._run_queued()

    def _announce(self, changes: Changes, first: bool) -> None:
        """The toast after a run: what changed in the folder and in the report."""
        pending, self._pending_change = self._pending_change, FolderChange()
        if first:
            if changes and self._baseline is not None:
                self.notify(f"Since you last looked: {changes.summary()}", title="What's new", timeout=8,
                            markup=False)
            if self.filter_name and self._view is not None and self._view.actor is None:
                self.notify(f"No actor is called {self.filter_name!r}; filtering on the words.",
                            severity="warning", markup=False)
            return
        if pending:
            self.notify(clean(f"{describe_change(pending)} · {changes.summary()}"), title="Folder changed",
                        markup=False)
        elif self._reason == "reload":
            self.notify(f"Reloaded · {changes.summary()}", markup=False)

    def _show(self, situation: Situation, changes: Changes) -> None:
        """Put a (possibly partial) report on screen."""
        self.changes = changes
        self.situation = situation
        self.refresh_view()

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
        self._hand_next()

    def _hand_next(self) -> None:
        """Give the current view to the next pane still without it, or finish the hand-out."""
        self._hand_timer = None
        if self._stopping or self._view is None:
            return
        if not self._to_hand:
            self._handed_out()
            return
        self._to_hand.pop(0).view = self._view
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
        focused = self.focused
        if isinstance(focused, (StatusPane, DisputesPane, ContextPane, ActorsPane, SourcesPane)):
            focused.show_evidence()
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
        thousands of objects a reload); a full collection that fell inside a redraw doubled its
        stall. One pending collection at a time: reloads in quick succession share it.
        """
        if self._gc_timer is None and not self._stopping:
            self._gc_timer = self.set_timer(GC_DELAY, self._collect_garbage)

    def _collect_garbage(self) -> None:
        self._gc_timer = None
        if not self._stopping:
            self._collector.collect()

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

    # ----------------------------------------------------------------- watching

    @work(exclusive=True, group="watch", exit_on_error=False, description="watching folder")
    async def _watch(self) -> None:
        """Post a `FolderChanged` per burst of changes in the folder."""
        try:
            async for change in watch_folder(self.folder, stop_event=self._stop_watching,
                                             on_notice=lambda text: self.post_message(WatchNotice(text))):
                self.post_message(FolderChanged(change))
        except Exception as exc:  # a vanished folder or a watcher limit turns live reload off
            log.exception("watching %s failed", self.folder)
            self.post_message(WatchFailed(_describe_error(exc)))

    @on(FolderChanged)
    def _folder_changed(self, message: FolderChanged) -> None:
        if self._stopping:
            return
        # Queued rather than superseding a run under way: files that change faster than a run
        # takes (a sync client, a scraper) would otherwise cancel every run, and the report
        # would never update. The run starts after the messages already posted: one burst, one run.
        queued = self._queued_change
        self._queued_change = (queued or FolderChange()).merge(message.change)
        if queued is None and not self.analysing:
            self.call_later(self._run_queued)

    @on(WatchFailed)
    def _watch_failed(self, message: WatchFailed) -> None:
        self.notify(clean(f"Live reload is off: {message.error}. Press r to reload by hand."),
                    title="Not watching the folder", severity="warning", timeout=10, markup=False)

    @on(WatchNotice)
    def _watch_notice(self, message: WatchNotice) -> None:
        self.notify(clean(message.text), title="Live reload", timeout=10, markup=False)

    def exit(self, *args: Any, **kwargs: Any) -> None:
        """Stop the watcher's thread promptly, then exit."""
        self._shutting_down = True
        self._stop_watching.set()
        super().exit(*args, **kwargs)

    def on_unmount(self) -> None:
        """Remember what was seen, stop watching, release the engine's cache if ours."""
        self._shutting_down = True
        self._stop_watching.set()
        self._collector.restore()
        if self.last_complete is not None:
            self.store.save(self.folder, Snapshot.of(self.last_complete, now=self.clock()))
        close = getattr(self.engine, "close", None)
        if self._close_engine and callable(close) and self._engine_lock.acquire(blocking=False):
            try:
                close()
            finally:
                self._engine_lock.release()

    def _tick(self) -> None:
        """Keep "updated N minutes ago" current."""
        if self._stopping:
            return
        self.query_one(SitrepHeader).now = self.clock()

    # ----------------------------------------------------------------- filter

    def watch_filter_name(self) -> None:
        """A new filter narrows every pane."""
        self.refresh_view()

    def set_filter(self, name: str | None) -> None:
        """Filter every pane on an actor name or alias (None clears)."""
        cleaned = name.strip() if name else ""
        self.filter_name = cleaned or None

    @on(FilterRequested)
    def _filter_requested(self, message: FilterRequested) -> None:
        message.stop()
        self.set_filter(message.actor)
        actors = self.query_one(ActorsPane)
        if self._view is not None and self._view.actor is not None:
            actors.select_key(self._view.actor.name)  # the cursor on the actor filtered on
        if isinstance(self.focused, Widget) and self.focused.id in ("filter-input", "filter-matches"):
            actors.focus()
        elif self.focused is None:
            actors.focus()

    @on(ShowEvidence)
    def _show_evidence(self, message: ShowEvidence) -> None:
        if self._stopping:
            return
        self.query_one(EvidenceView).show(message)

    # ----------------------------------------------------------------- actions

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

    def action_timeline(self) -> None:
        """Show the dated events of the current view, day by day, marked by certainty."""
        if self._view is None:
            self.notify("No report yet: the timeline opens once the articles are read.", severity="warning",
                        markup=False)
            return
        if not isinstance(self.screen, TimelineScreen):
            self.push_screen(TimelineScreen(self._view))

    def action_export(self) -> None:
        """Write what the panes show, in a format and to a path the user picks."""
        if self._view is None:
            self.notify("No report yet: export once the articles are read.", severity="warning", markup=False)
            return
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

    @on(PaneChosen)
    def _pane_chosen(self, message: PaneChosen) -> None:
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

    def action_open_article(self) -> None:
        """Open the selected row's article in `$PAGER` (default `less`), the app suspended meanwhile."""
        message = self.selected_evidence()
        file = evidence_file(message) if message is not None else None
        if file is None:
            self.notify("Nothing to open here: move to a row that comes from an article.", severity="warning",
                        markup=False)
            return
        path = article_path(self.folder, file)
        if path is None:
            self.notify(clean(f"{file} is no longer in {self.folder}."), title="Cannot open", severity="warning",
                        markup=False)
            return
        command = [*pager_command(os.environ), str(path)]
        try:
            with self.suspend():
                run_pager(command)
        except SuspendNotSupported:
            self.notify("This terminal cannot be handed to a pager.", title="Cannot open", severity="warning",
                        markup=False)
        except OSError as exc:
            self.notify(clean(f"Could not run {command[0]}: {exc.strerror or exc}. Set $PAGER to a pager you have."),
                        title="Cannot open", severity="error", markup=False)

    def action_sort_actors(self) -> None:
        """Sort the actors on the next column."""
        self.query_one(ActorsPane).action_cycle_sort()


def _describe_error(exc: BaseException) -> str:
    """An exception as readable text, every line of it (a missing model's message lists what was
    tried on lines of their own, then how to install one: cut to its first line it read "Tried:.")."""
    lines = [line.rstrip() for line in str(exc).strip().splitlines()]
    text = "\n".join(line for line in lines if line.strip())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _sentence(text: str) -> str:
    """`text` ending with a full stop (unless it ends with other punctuation already)."""
    return text if text.endswith((".", "!", "?", ":")) else text + "."


def make_app(
    folder: Path | str | None,
    config: Config,
    actor: str | None = None,
    engine: EngineLike | None = None,
    state_path: Path | None = None,
    *,
    clock: Callable[[], float] | None = None,
    watch: bool = True,
    theme: str | None = None,
    ui_state_path: Path | None = None,
) -> SitrepApp:
    """The sitrep app over `folder` (None: the config's seeds folder), used by the CLI and tests.

    `actor` starts filtered (names and aliases match); `engine` defaults to a real `Engine`;
    `state_path` is the last-seen file (default: `last_seen.json` beside the cache); `clock`
    replaces `time.time` for the "updated N minutes ago" text; `watch=False` turns live reload off.
    `theme` (`--theme`) overrides the theme; `ui_state_path` is where a theme picked in the
    dashboard is remembered (None, as in tests: nowhere), see `ui_state.starting_theme`.
    """
    path = Path(folder).expanduser() if folder else config.seeds_folder
    owned = engine is None
    if engine is None:
        from ..engine import Engine

        engine = Engine(config, isolated=True)  # spaCy parses in a worker process: never holds our GIL
    store = LastSeenStore(state_path or config.cache_path.with_name("last_seen.json"))
    ui_state = UiStateStore(ui_state_path) if ui_state_path is not None else None
    remembered = ui_state.load() if ui_state is not None else UiState()
    if remembered.theme and unknown_theme(remembered.theme):  # a theme this Textual no longer has
        remembered = UiState()
    start = starting_theme(theme, config.ui.theme, remembered)
    return SitrepApp(path.resolve(), engine, store, actor=actor, clock=clock or time.time, watch=watch,
                     close_engine=owned, max_actors=config.report.max_actors, theme=start, ui_state=ui_state,
                     config_theme=config.ui.theme)

