"""Keeping the report current: runs of the engine, and the folder watcher that asks for them.

A thread worker runs `engine.analyse(folder)` and posts `AnalysisProgress` / `AnalysisDone` /
`AnalysisFailed`; an async worker watches the folder and posts `FolderChanged`, which queues
the next run (the engine's cache re-parses only the changed files). The handlers put the
report on screen (`drawing.PaneDrawing`) and say what changed in a toast.

`LiveReload` is a part of `SitrepApp` (`app.py`), which holds the state it uses. Its handlers
are named for their messages (`on_analysis_done`): Textual registers `@on` handlers only on
classes of its own, not on a plain mixin.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from textual import work
from textual.worker import get_current_worker

from ..changes import Changes, Snapshot, diff
from ..model import Situation
from ..text import clean
from ..watch import FolderChange, describe_change, watch_folder
from .actors_pane import ActorsPane
from .header import SitrepHeader
from .marks import clean_lines
from .messages import (
    AnalysisDone,
    AnalysisFailed,
    AnalysisProgress,
    FolderChanged,
    WatchFailed,
    WatchNotice,
)
from .option_pane import FAILED
from .status_pane import StatusPane

log = logging.getLogger(__name__)


class EngineLike(Protocol):
    """What the app needs of `sitrep.engine.Engine` (tests pass fakes). An engine whose
    `accepts_touched` is true is also told, on a run a folder change asked for, the paths the
    watcher saw touched (`analyse(..., touched=...)`), so that it looks at those alone."""

    def analyse(self, folder: Path, progress: Callable[[Any], None] | None = None) -> Situation:
        """The situation for `folder`, reporting progress."""
        ...


class _Superseded(Exception):
    """Raised inside the engine's progress callback to abandon a run a newer one replaced."""


class LiveReload:
    """The app's analysis runs and folder watching (mixed into `SitrepApp`)."""

    def start_analysis(self, reason: str) -> None:
        """Run the engine again in a thread (a newer run supersedes an unfinished one)."""
        if self._queued_change is not None:  # this run reads the folder as it is now
            self._pending_change = self._pending_change.merge(self._queued_change)
            self._queued_change = None
        self._generation += 1
        self._reason = reason
        self.analysing = True
        self.query_one(SitrepHeader).progress = ("reading", 0, 0)
        # Every path touched since the last run that finished began (pending holds them until a run
        # is announced); none on a first run or a reload by hand, which list the folder whole.
        touched = self._pending_change.touched if reason == "change" else None
        self._analyse(self._generation, touched)

    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False, description="analysing")
    def _analyse(self, generation: int, touched: frozenset[str] | None = None) -> None:
        """Call the engine (telling it the `touched` paths, if any and if it takes them); post
        progress, the result or the error. Touches no widget."""
        worker = get_current_worker()

        def progress(p: Any) -> None:
            if worker.is_cancelled:
                raise _Superseded
            self.post_message(AnalysisProgress(generation, p.stage, p.done, p.total, p.situation))

        with self._engine_lock:  # the engine serves one run at a time; a superseded run ends early
            if worker.is_cancelled:
                return
            try:
                if touched is not None and getattr(self.engine, "accepts_touched", False):
                    situation = self.engine.analyse(self.folder, progress=progress, touched=touched)
                else:
                    situation = self.engine.analyse(self.folder, progress=progress)
            except _Superseded:
                return
            except Exception as exc:  # any engine failure keeps the last good report on screen
                log.exception("analysis of %s failed", self.folder)
                self.post_message(AnalysisFailed(generation, _describe_error(exc)))
                return
        self.post_message(AnalysisDone(generation, situation))

    def on_analysis_progress(self, message: AnalysisProgress) -> None:
        """A run's progress: the header's bar, and the partial report once there is one."""
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
            self._show(message.situation, changes if changes else self.changes,
                       previous=message.stage == "previous")

    def on_analysis_done(self, message: AnalysisDone) -> None:
        """A run finished: its report on screen, what changed announced, the last-seen snapshot saved."""
        if message.generation != self._generation or self._stopping:
            return
        first = self.last_complete is None
        situation = message.situation
        changes = diff(self._baseline, situation)
        if not self._confirm(situation):
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
        """Started with `--actor`: the cursor on that actor, and the Actors pane focused if no other is."""
        actors = self.query_one(ActorsPane)
        actors.select_key(name)
        if self.focused is None or isinstance(self.focused, StatusPane):
            actors.focus()

    def on_analysis_failed(self, message: AnalysisFailed) -> None:
        """A run failed: the last good report stays, the header and a toast say why."""
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
        self._pending_change = FolderChange()  # what was touched is unknown now: the next run lists whole
        self._collector.release(freeze=False)
        if self.situation is None:
            for pane in self.panes():
                pane.placeholder(FAILED)
        self.notify(clean_lines(error),
                    title="Could not analyse" if self.situation is None else "Reload failed",
                    severity="error", timeout=8, markup=False)
        self._run_queued()

    def _announce(self, changes: Changes, first: bool) -> None:
        """The toast after a run: what changed in the folder and in the report."""
        pending, self._pending_change = self._pending_change, FolderChange(touched=frozenset())
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

    def on_folder_changed(self, message: FolderChanged) -> None:
        if self._stopping:
            return
        # Queued rather than superseding a run under way: files that change faster than a run
        # takes (a sync client, a scraper) would otherwise cancel every run, and the report
        # would never update. The run starts after the messages already posted: one burst, one run.
        queued = self._queued_change
        self._queued_change = queued.merge(message.change) if queued is not None else message.change
        if queued is None and not self.analysing:
            self.call_later(self._run_queued)

    def on_watch_failed(self, message: WatchFailed) -> None:
        """The watcher stopped: say that live reload is off."""
        self.notify(clean(f"Live reload is off: {message.error}. Press r to reload by hand."),
                    title="Not watching the folder", severity="warning", timeout=10, markup=False)

    def on_watch_notice(self, message: WatchNotice) -> None:
        """Something the watcher wants the user to know."""
        self.notify(clean(message.text), title="Live reload", timeout=10, markup=False)


def _describe_error(exc: BaseException) -> str:
    """An exception as readable text, every line of it (a missing model's message lists what was
    tried on lines of their own, then how to install one: cut to its first line it read "Tried:.")."""
    lines = [line.rstrip() for line in str(exc).strip().splitlines()]
    text = "\n".join(line for line in lines if line.strip())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _sentence(text: str) -> str:
    """`text` ending with a full stop (unless it ends with other punctuation already)."""
    return text if text.endswith((".", "!", "?", ":")) else text + "."
