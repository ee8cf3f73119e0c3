"""The sitrep TUI: a live situation report over a folder of articles.

Data flow, one way: a thread worker runs `engine.analyse(folder)` and posts `AnalysisProgress`
/ `AnalysisDone` / `AnalysisFailed`; an async worker watches the folder and posts
`FolderChanged`, which starts a new analysis (the engine cache re-parses only changed files).
Handlers on the app keep the current `Situation`, diff it against what was seen before
(`sitrep.changes`), narrow it to the actor filter (`view.make_view`) and hand the resulting
`View` down to every pane. Widgets never call the engine; workers never touch widgets.

`SitrepApp` holds the state and the layout; its parts live beside it, one concern each:
`reload.py` (the analysis runs and the folder watcher), `drawing.py` (handing a view to the
panes) and `actions.py` (the keys and moving between panes).

`make_app` is the one factory used by the CLI and the tests.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar

from textual import events, on
from textual.app import App, ComposeResult, SuspendNotSupported, SystemCommand
from textual.binding import Binding
from textual.containers import Grid
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget

from ..changes import Changes, LastSeenStore, Snapshot
from ..config import Config
from ..gcpolicy import Collector
from ..model import Situation
from ..text import clean
from ..watch import FolderChange
from .actions import KeyActions
from .actors_pane import ActorsPane
from .commands import ActorCommands, sitrep_commands
from .context_pane import ContextPane
from .disputes_pane import DisputesPane
from .drawing import PaneDrawing
from .evidence_view import EvidenceView, evidence_file
from .filter_box import FilterBox
from .footer import SitrepFooter
from .header import SitrepHeader
from .marks import use_palette
from .messages import FilterRequested, ShowEvidence
from .pager import article_path, pager_command, run_pager
from .pane_switcher import PaneSwitcher
from .reload import EngineLike, LiveReload
from .sources_pane import SourcesPane
from .status_pane import StatusPane
from .themes import css_variables, rich_tones, unknown_theme
from .ui_state import UiState, UiStateStore, starting_theme
from .view import View

TICK_SECONDS = 30.0
"""How often "updated N minutes ago" is refreshed."""
COMPACT_WIDTH = 90
"""Columns below which one pane is shown at a time, with a pane switcher (80x24 showed six slivers)."""
COMPACT_HEIGHT = 28
"""Rows below which one pane is shown at a time."""


class SitrepApp(KeyActions, LiveReload, PaneDrawing, App[None]):
    """The live situation report."""

    CSS_PATH = "sitrep.tcss"
    TITLE = "sitrep"
    AUTO_FOCUS = "#status"
    """The pane the dashboard starts on (Textual's default, the first focusable widget, is the
    evidence view: focus then moved twice, each move restyling the screen and its footer)."""
    COMMANDS = App.COMMANDS | {ActorCommands}
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-tiny"), (COMPACT_WIDTH, "-narrow"),
                                                               (110, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-cramped"), (COMPACT_HEIGHT, "-short"),
                                                             (34, "-tall")]
    """Below `COMPACT_WIDTH` columns (-tiny) or `COMPACT_HEIGHT` rows (-cramped): one pane at a time."""

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

    situation: var[Situation | None] = var(None, always_update=True)
    """The report on screen (partial while a first analysis is under way). Never compared with the
    last one (`always_update`): reports come unpickled from the analysis process, sharing no object
    with the last, so an equality test would walk both whole (a tenth of a second at 2,000 articles)."""
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
        self.showing_previous = False
        """Whether the report on screen is the folder's last stored one, from before it changed."""
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
        """The app's timer for the next pane of a hand-out (None between hand-outs, and while the
        dashboard is covered)."""
        self._hand_began = 0.0
        """When the hand-out under way began (`time.monotonic`)."""
        self._help_ahead = False
        """Whether the help has been scheduled to be laid out ahead (`_lay_out_help`)."""
        self._input_at = float("-inf")
        """When the last key or click came (`time.monotonic`)."""
        self._view_waiters: list[tuple[Callable[[View], bool], asyncio.Future[View]]] = []
        """Callers of `shown` waiting for every pane to show a view they want."""
        self._gc_timer: Timer | None = None
        """The pending collection after a redraw (see `_collect_later`)."""
        self.set_reactive(SitrepApp.filter_name, actor.strip() if actor and actor.strip() else None)

    # ----------------------------------------------------------------- layout

    def compose(self) -> ComposeResult:
        """Header, filter box (hidden), the five panes, the evidence view, the footer."""
        # The collector's pause (see `on_mount`) begins here: building the screen allocates enough
        # to set off a full collection of everything imported (13 ms, before the first report).
        self._collector.hold()
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
        yield SitrepFooter()

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
        self.screen_change_signal.subscribe(self, self._uncovered)
        self.start_analysis("start")
        if self.watch_enabled:
            self._watch()

    async def on_event(self, event: events.Event) -> None:
        """Textual's handling of every event; a key or click also tells the garbage collector's
        policy that the user is there (its full collections wait for a quiet moment), as it comes
        and again once the screen shows what it did (under load, that can take longer than the
        quiet moment)."""
        if isinstance(event, events.InputEvent) and not event.is_forwarded:  # a key comes back forwarded
            self._input_at = time.monotonic()
            self._collector.note_input()
            self.call_after_refresh(self._collector.note_input)
        await super().on_event(event)

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

    # ----------------------------------------------------------------- shutting down

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

    # ----------------------------------------------------------------- the pager (the other keys: actions.py)

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
            self.notify(clean(f"{file} is no longer in {self.folder}."), title="Cannot open",
                        severity="warning", markup=False)
            return
        command = [*pager_command(os.environ), str(path)]
        try:
            with self.suspend():
                run_pager(command)
        except SuspendNotSupported:
            self.notify("This terminal cannot be handed to a pager.", title="Cannot open", severity="warning",
                        markup=False)
        except OSError as exc:
            self.notify(clean(f"Could not run {command[0]}: {exc.strerror or exc}. Set $PAGER to a pager "
                              "you have."),
                        title="Cannot open", severity="error", markup=False)


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
        from ..engine_process import EngineProcess

        # The whole analysis in a process of its own: hashing, cache reads and merges never hold
        # our GIL. The first run starts now, while the app builds its screen.
        engine = EngineProcess(config)
        engine.begin(path.resolve())
    store = LastSeenStore(state_path or config.cache_path.with_name("last_seen.json"))
    ui_state = UiStateStore(ui_state_path) if ui_state_path is not None else None
    remembered = ui_state.load() if ui_state is not None else UiState()
    if remembered.theme and unknown_theme(remembered.theme):  # a theme this Textual no longer has
        remembered = UiState()
    start = starting_theme(theme, config.ui.theme, remembered)
    return SitrepApp(path.resolve(), engine, store, actor=actor, clock=clock or time.time, watch=watch,
                     close_engine=owned, max_actors=config.report.max_actors, theme=start, ui_state=ui_state,
                     config_theme=config.ui.theme)

