"""The header: situation title, articles per day (a sparkline), articles and outlets, how fresh
the news is, and progress.

A second line appears only when something went wrong (a failed reload), saying that the
report on screen is the last good one.
"""

from __future__ import annotations

import datetime as dt

import humanize
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Label, ProgressBar

from ..model import Situation
from .articles_sparkline import ArticlesSparkline
from .marks import ARTICLE_PATTERNS, count_sources, safe, safe_lines, tone
from .stage_text import StageText

SHOW_AFTER = 0.5
"""Seconds a reload runs before the progress shows (a quick one never flashes it): showing and
hiding it lays the screen out again."""

STAGES = {
    "reading": "Reading articles…",
    "cached": "From cache…",
    "loading model": "Loading language model…",
    "analysing": "Analysing",
}


def freshness(newest: float | None, now: float) -> str:
    """ "updated 3 minutes ago" for the newest article's time (never "from now")."""
    if newest is None:
        return "no articles"
    delta = dt.timedelta(seconds=max(0.0, now - newest))
    return f"updated {humanize.naturaltime(delta)}"


class SitrepHeader(Vertical):
    """Title, counts and freshness on one line; progress while analysing; a problem line if any."""

    situation: reactive[Situation | None] = reactive(None, always_update=True)
    now: reactive[float] = reactive(0.0)
    folder_name: reactive[str] = reactive("")
    filter_label: reactive[str] = reactive("")
    progress: reactive[tuple[str, int, int] | None] = reactive(None)
    """(stage, done, total) while an analysis runs, else None."""
    problem: reactive[str] = reactive("")
    previous: reactive[bool] = reactive(False)
    """Whether the report shown is the folder's last stored one, from before the folder changed
    (shown while the current one is worked out)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._ready = False
        """Whether the children exist (`is_mounted` is still False inside `on_mount`)."""
        self._shown: dict[str, Text] = {}
        """What each label shows (see `_set`)."""
        self._show_timer: Timer | None = None
        """The pending showing of a reload's progress."""

    def compose(self) -> ComposeResult:
        """The title line and the (usually hidden) problem line."""
        with Horizontal(id="header-line"):
            yield Label(id="header-title", markup=False)
            yield Label(id="header-filter", markup=False)
            with Horizontal(id="header-progress"):
                yield StageText(id="header-stage")
                yield ProgressBar(id="header-bar", show_eta=False, show_percentage=False)
            yield ArticlesSparkline(id="header-spark")
            yield Label(id="header-meta", markup=False)
        yield Label(id="header-problem", markup=False)

    def on_mount(self) -> None:
        """Draw the initial state."""
        self._ready = True
        self._draw_title()
        self._draw_meta()
        self.watch_progress(self.progress)
        self.watch_problem(self.problem)
        self.watch_filter_label(self.filter_label)

    def watch_situation(self) -> None:
        """New report: new title, articles per day and counts."""
        self._draw_title()
        self._draw_meta()
        if self._ready and self.situation is not None:
            self.query_one(ArticlesSparkline).show(self.situation.articles)

    def watch_previous(self, previous: bool) -> None:
        """The report shown became (or stopped being) the folder's last one, from before it changed.

        When it comes, the progress line shown since the start gives way to it, as a reload's does,
        and comes back only if the run goes on (`SHOW_AFTER`): the run most often finds the folder
        unchanged a moment later, and the line would go again, laying the screen out once more."""
        self._draw_meta()
        line = self.query_one("#header-progress") if self._ready else None
        if previous and line is not None and line.display:
            line.display = False
            if self.progress is not None and self._show_timer is None:
                self._show_timer = self.set_timer(SHOW_AFTER, self._show_progress)

    def watch_now(self) -> None:
        """The clock ticked: refresh "updated N minutes ago"."""
        self._draw_meta()

    def watch_folder_name(self) -> None:
        """The title falls back to the folder name before a report exists."""
        self._draw_title()

    def _set(self, selector: str, text: Text) -> None:
        """Show `text` in a label, unless it shows it already (an update lays the screen out again:
        on every reload of a churning folder, for the same title)."""
        label = self.query_one(selector, Label)
        if self._shown.get(selector) != text:
            self._shown[selector] = text
            label.update(text)

    def _draw_title(self) -> None:
        if not self._ready:
            return
        title = self.situation.title if self.situation and self.situation.title else self.folder_name
        self._set("#header-title", safe(title or "sitrep", style="bold"))

    def _draw_meta(self) -> None:
        if not self._ready:
            return
        situation = self.situation
        if situation is None:
            text = Text("not analysed" if self.problem else "loading…", style="dim")
        elif not situation.articles and not situation.bad_files:
            text = Text(f"empty folder · drop {ARTICLE_PATTERNS} files into it", style="bold")
        else:
            text = Text.assemble(
                count_sources(situation), " · ",
                ("previous report", f"bold {tone('reported')}")
                if self.previous else (freshness(situation.newest_mtime, self.now), "bold"),
            )
            if situation.bad_files:
                text.append(f" · {len(situation.bad_files)} unreadable", style=tone("denied"))
        self._set("#header-meta", text)

    def watch_filter_label(self, label: str) -> None:
        """Show the active filter (or nothing)."""
        if not self._ready:
            return
        widget = self.query_one("#header-filter", Label)
        widget.display = bool(label)
        widget.update(Text.assemble(("filter: ", "bold"), safe(label), ("  esc clears", "dim")))

    def watch_progress(self, progress: tuple[str, int, int] | None) -> None:
        """Show or hide the progress bar and its stage: a reload's after `SHOW_AFTER`, and hidden
        only if no run follows at once (runs back to back, in a folder that churns, keep it on
        screen rather than hide and show it for each)."""
        if not self._ready:
            return
        bar = self.query_one("#header-bar", ProgressBar)
        if progress is None:
            self._stop_showing()
            self.call_later(self._hide_if_idle)
            bar.update(total=1, progress=1)  # an indeterminate bar redraws 15 times a second, even hidden
            return
        if not self.query_one("#header-progress").display and self._show_timer is None:
            if self.situation is None:  # the first analysis: at once
                self._show_progress()
            else:
                self._show_timer = self.set_timer(SHOW_AFTER, self._show_progress)
        stage, done, total = progress
        label = STAGES.get(stage, stage)
        if stage == "analysing" and total:
            label = f"Analysing {done}/{total}"
            bar.update(total=total, progress=done)
        elif stage == "loading model" and total:
            label = f"Loading language model… ({done}/{total} from cache)" if done else label
            bar.update(total=None)
        else:
            bar.update(total=None)
        self.query_one(StageText).text = Text(label, style="italic")

    def _show_progress(self) -> None:
        self._show_timer = None
        self.query_one("#header-progress").display = True

    def _hide_if_idle(self) -> None:
        if self.progress is None:
            self.query_one("#header-progress").display = False

    def _stop_showing(self) -> None:
        if self._show_timer is not None:
            self._show_timer.stop()
            self._show_timer = None

    def watch_problem(self, problem: str) -> None:
        """Show the problem line, or hide it."""
        if not self._ready:
            return
        self._draw_meta()
        widget = self.query_one("#header-problem", Label)
        widget.display = bool(problem)
        widget.update(Text.assemble(("⚠ ", f"bold {tone('denied')}"), safe_lines(problem)))
