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
from textual.widgets import Label, ProgressBar

from ..model import Situation
from .articles_sparkline import ArticlesSparkline
from .marks import ARTICLE_PATTERNS, count_sources, safe, safe_lines, tone

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

    situation: reactive[Situation | None] = reactive(None)
    now: reactive[float] = reactive(0.0)
    folder_name: reactive[str] = reactive("")
    filter_label: reactive[str] = reactive("")
    progress: reactive[tuple[str, int, int] | None] = reactive(None)
    """(stage, done, total) while an analysis runs, else None."""
    problem: reactive[str] = reactive("")

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._ready = False
        """Whether the children exist (`is_mounted` is still False inside `on_mount`)."""

    def compose(self) -> ComposeResult:
        """The title line and the (usually hidden) problem line."""
        with Horizontal(id="header-line"):
            yield Label(id="header-title", markup=False)
            yield Label(id="header-filter", markup=False)
            with Horizontal(id="header-progress"):
                yield Label(id="header-stage", markup=False)
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

    def watch_now(self) -> None:
        """The clock ticked: refresh "updated N minutes ago"."""
        self._draw_meta()

    def watch_folder_name(self) -> None:
        """The title falls back to the folder name before a report exists."""
        self._draw_title()

    def _draw_title(self) -> None:
        if not self._ready:
            return
        title = self.situation.title if self.situation and self.situation.title else self.folder_name
        self.query_one("#header-title", Label).update(safe(title or "sitrep", style="bold"))

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
                (freshness(situation.newest_mtime, self.now), "bold"),
            )
            if situation.bad_files:
                text.append(f" · {len(situation.bad_files)} unreadable", style=tone("denied"))
        self.query_one("#header-meta", Label).update(text)

    def watch_filter_label(self, label: str) -> None:
        """Show the active filter (or nothing)."""
        if not self._ready:
            return
        widget = self.query_one("#header-filter", Label)
        widget.display = bool(label)
        widget.update(Text.assemble(("filter: ", "bold"), safe(label), ("  esc clears", "dim")))

    def watch_progress(self, progress: tuple[str, int, int] | None) -> None:
        """Show or hide the progress bar and its stage."""
        if not self._ready:
            return
        box = self.query_one("#header-progress")
        box.display = progress is not None
        bar = self.query_one("#header-bar", ProgressBar)
        if progress is None:
            bar.update(total=1, progress=1)  # an indeterminate bar redraws 15 times a second, even hidden
            return
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
        self.query_one("#header-stage", Label).update(Text(label, style="italic"))

    def watch_problem(self, problem: str) -> None:
        """Show the problem line, or hide it."""
        if not self._ready:
            return
        self._draw_meta()
        widget = self.query_one("#header-problem", Label)
        widget.display = bool(problem)
        widget.update(Text.assemble(("⚠ ", f"bold {tone('denied')}"), safe_lines(problem)))
