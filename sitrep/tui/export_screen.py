"""The export screen (`x`): write the current view, filter included, in any export format.

The user picks a format and a path (by default a file named after the folder and the filter in
the current folder). The documents are rendered and saved in a thread worker that posts
`ExportDone`, `ExportFailed` or `ExportNeedsConsent`; a file sitrep did not write is replaced
only after the user presses enter a second time for the same format and path. The outcome is a
toast of cleaned plain text (paths come from the user and the folder name).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, RadioButton, RadioSet, Static

from ..report.formats import FORMATS
from ..text import clean
from .export import FORMAT_LABELS, default_path, needs_consent, plan, target_path, write
from .marks import plural
from .messages import ExportDone, ExportFailed, ExportNeedsConsent
from .view import View


class ExportScreen(ModalScreen[None]):
    """A modal to export the view: a format, a path, enter writes, esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Cancel export"),
    ]

    def __init__(self, view: View, folder: Path, cwd: Path, max_actors: int = 40) -> None:
        super().__init__()
        self.view = view
        self.folder = folder
        self.cwd = cwd
        self.max_actors = max_actors
        self.fmt = "md"
        self.writing = False
        """Whether an export is being written (enter is ignored meanwhile)."""
        self._consent: tuple[str, Path] | None = None
        """The format and path the user was asked about: enter again for them replaces the files."""

    def _default(self, fmt: str) -> str:
        return default_path(self.folder, fmt, self.view.shown_name if self.view.filtered else None)

    def compose(self) -> ComposeResult:
        """Format choices, the path, a line saying what will happen."""
        with Vertical(id="export-box") as box:
            box.border_title = "Export"
            box.border_subtitle = "enter writes · esc cancels"
            yield Static(self._scope(), id="export-scope")
            with RadioSet(id="export-format"):
                for fmt in FORMATS:
                    yield RadioButton(f"{FORMAT_LABELS[fmt]} ({fmt})", value=fmt == self.fmt, name=fmt)
            yield Static("Path (a file in the current folder unless you type another):", id="export-label")
            yield Input(self._default(self.fmt), id="export-path")
            yield Static("", id="export-note")

    def on_mount(self) -> None:
        """Start in the path box, the default name typed in."""
        self.query_one("#export-path", Input).focus()

    def _scope(self) -> Text:
        situation = self.view.situation
        what = f"{plural(len(situation.actors), 'actor')} from {plural(len(situation.articles), 'article')}"
        if self.view.filtered:
            return Text.assemble("Exports what the panes show: ", clean(what), " involving ",
                                 (clean(self.view.shown_name), "bold"))
        return Text("Exports what the panes show: " + clean(what) + " (no filter).")

    def _note(self, text: str | Text, error: bool = False) -> None:
        note = self.query_one("#export-note", Static)
        note.set_class(error, "-error")
        note.update(text if isinstance(text, Text) else Text(clean(text)))

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        fmt = event.pressed.name or "md"
        path = self.query_one("#export-path", Input)
        if path.value.strip() in ("", self._default(self.fmt)):  # only a name the user did not type
            path.value = self._default(fmt)
        self.fmt = fmt
        self._note("")

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        if self._consent is not None:
            self._consent = None
            self._note("")

    @on(Input.Submitted, "#export-path")
    def action_export(self) -> None:
        """Write the export (a second enter after a warning replaces the files named in it)."""
        if self.writing:
            return
        typed = self.query_one("#export-path", Input).value
        if not typed.strip():
            self._note("Type a path to write to.", error=True)
            return
        target = target_path(typed, self.cwd)
        consent = self._consent == (self.fmt, target)
        self.writing = True
        self._note(f"Writing {target}…")
        self._write(self.fmt, target, consent)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False, description="export")
    def _write(self, fmt: str, target: Path, consent: bool) -> None:
        """Render and save in a thread; post what happened. Touches no widget."""
        try:
            planned = plan(self.view.situation, fmt, target, self.max_actors)
            refused = [] if consent else needs_consent(planned)
            if refused:
                self.post_message(ExportNeedsConsent(fmt, target, refused))
                return
            write(planned)
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.post_message(ExportFailed(target, reason))
            return
        self.post_message(ExportDone(target, [p.path for p in planned]))

    @on(ExportNeedsConsent)
    def _ask(self, message: ExportNeedsConsent) -> None:
        self.writing = False
        self._consent = (message.fmt, message.target)
        names = ", ".join(str(p) for p in message.files[:3]) + (" …" if len(message.files) > 3 else "")
        self._note(f"{names} already exists and sitrep did not write it. Press enter again to replace it, "
                   "or type another path.", error=True)

    @on(ExportDone)
    def _done(self, message: ExportDone) -> None:
        self.writing = False
        written = str(message.target) if len(message.files) == 1 else (
            f"{plural(len(message.files), 'file')} in {message.target}")
        self.app.notify(clean(written), title="Exported", markup=False)
        self.dismiss()

    @on(ExportFailed)
    def _failed(self, message: ExportFailed) -> None:
        self.writing = False
        text = clean(f"Could not write {message.target}: {message.error}. Nothing was replaced.")
        self._note(text, error=True)
        self.app.notify(text, title="Export failed", severity="error", markup=False)
