"""Every message the sitrep TUI posts, as small dataclasses.

Workers (analysis in a thread, folder watching in an async task) only post these; handlers on
the app touch the widgets. `generation` tags each analysis run so that a superseded run's late
messages are dropped rather than shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rich.text import Text
from textual.message import Message

from ..model import Evidence, Situation
from ..report.events import DatedEvent
from ..watch import FolderChange


@dataclass
class AnalysisProgress(Message):
    """An analysis run moved on a stage, maybe with a partial situation to show."""

    generation: int
    stage: str
    done: int
    total: int
    situation: Situation | None = None

    def can_replace(self, message: Message) -> bool:
        """A newer count for the same run and stage replaces an unhandled older one."""
        return (
            isinstance(message, AnalysisProgress)
            and message.generation == self.generation
            and message.stage == self.stage
            and message.situation is None
        )


@dataclass
class AnalysisDone(Message):
    """An analysis run finished with a complete situation."""

    generation: int
    situation: Situation


@dataclass
class AnalysisFailed(Message):
    """An analysis run raised; the last good report stays on screen."""

    generation: int
    error: str


@dataclass
class FolderChanged(Message):
    """Articles were added, modified or removed in the watched folder."""

    change: FolderChange


@dataclass
class WatchFailed(Message):
    """The folder watcher stopped with an error (live reload is off until restart)."""

    error: str


@dataclass
class WatchNotice(Message):
    """Something the user should know about live reload, which goes on (the folder was replaced...)."""

    text: str


@dataclass
class ShowEvidence(Message):
    """Show the sentences behind a row in the evidence view."""

    title: str
    evidence: list[Evidence]
    names: tuple[str, ...] = ()
    """Actor names and aliases to highlight in the sentences."""
    notes: list[Text] = field(default_factory=list)
    """Lines shown above the sentences (the claims of a dispute, a bad file's reason...)."""
    file: str | None = None
    """The file the row is about (a Sources row), else None: the first sentence's file is used."""

    def copy(self) -> ShowEvidence:
        """A fresh message with the same content (a message is posted once)."""
        return ShowEvidence(self.title, self.evidence, self.names, self.notes, self.file)


@dataclass
class PaneChosen(Message):
    """Show and focus a pane (by id), as its number key does."""

    pane: str


@dataclass
class FilterRequested(Message):
    """Filter every pane on an actor (a name or alias), or clear the filter with None."""

    actor: str | None


@dataclass
class TimelineReady(Message):
    """The timeline's events, worked out in a thread from the view the screen was opened on."""

    events: list[DatedEvent]


@dataclass
class ExportNeedsConsent(Message):
    """An export would replace files sitrep did not write: nothing was written, the user is asked."""

    fmt: str
    target: Path
    files: list[Path]


@dataclass
class ExportDone(Message):
    """An export was written."""

    target: Path
    files: list[Path]


@dataclass
class ExportFailed(Message):
    """An export could not be written (nothing was replaced)."""

    target: Path
    error: str
