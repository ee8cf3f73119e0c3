"""Tests for the dashboard's "Folder changed" toast: file names reach it cleaned.

The toast is the one place the dashboard prints file names outside the panes, which all use
`marks.safe`. A file created with an OSC 52 sequence in its name once wrote the clipboard.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.worker import WorkerState

from sitrep.tui.app import SitrepApp, make_app
from sitrep.watch import FolderChange, describe_change

from tui_fixtures import (
    BBC_TEXT,
    FIXED_MTIME,
    copy_seeds,
    settled,
    shared_engine,  # noqa: F401  (a fixture)
    wait_for,
    write_article,
)

OSC52 = "\x1b]52;c;Q0xJUEJPQVJE\x1b\\b.txt"
TITLE = "\x1b]2;TOASTTITLE\x07toast.txt"


def test_a_change_is_described_with_every_name_cleaned() -> None:
    change = FolderChange(added=(OSC52,), modified=(TITLE,), removed=("\u202eevil\u202c.txt",))
    assert describe_change(change) == "+ b.txt, ~ toast.txt, - evil.txt"


def test_a_name_that_is_not_utf8_is_described_with_replacement_characters() -> None:
    assert describe_change(FolderChange(added=("bad\udcff.txt",))) == "+ bad\ufffd.txt"


def record_toasts(app: SitrepApp) -> list[str]:
    """Keep the text of every toast the app shows from now on."""
    shown: list[str] = []
    original = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        shown.append(message)
        original(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return shown


async def test_the_folder_changed_toast_shows_a_hostile_name_cleaned(
    tmp_path: Path, shared_engine: Any
) -> None:
    folder = copy_seeds(tmp_path / "seeds")
    app = make_app(folder, shared_engine.config, engine=shared_engine, state_path=tmp_path / "last_seen.json",
                   clock=lambda: FIXED_MTIME + 600)
    toasts = record_toasts(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await wait_for(lambda: any(w.group == "watch" and w.state == WorkerState.RUNNING
                                   for w in app.workers),
                       description="the folder watcher to start")
        write_article(folder, OSC52, BBC_TEXT)
        try:
            await wait_for(lambda: any("b.txt" in t for t in toasts), 3, "the toast")
        except AssertionError:  # the watcher may still be setting up its watches: once more
            write_article(folder, OSC52, BBC_TEXT + "\n")
            await wait_for(lambda: any("b.txt" in t for t in toasts), 15, "the toast")
    [toast] = [t for t in toasts if "b.txt" in t]
    assert toast.startswith("+ b.txt · ")
    assert "\x1b" not in "".join(toasts) and "52;" not in "".join(toasts)
