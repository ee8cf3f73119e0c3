"""Pilot tests of the TUI over a real folder, with the real engine and live reload on.

One `Engine` (spaCy loaded once, a temporary cache) serves the whole module. Each test copies
the bundled seeds into its own folder, starts the app watching it, and changes files while the
app runs, as a user's editor or downloader would.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.worker import WorkerState

from sitrep.tui.actors_pane import ActorsPane
from sitrep.tui.app import SitrepApp, make_app
from sitrep.tui.context_pane import ContextPane
from sitrep.tui.disputes_pane import DisputesPane
from sitrep.tui.evidence_view import EvidenceView
from sitrep.tui.sources_pane import SourcesPane
from sitrep.tui.status_pane import StatusPane

from tui_fixtures import (
    BBC,
    BBC_TEXT,
    FIXED_MTIME,
    MALI,
    MARKUP_TEXT,
    copy_seeds,
    screen_text,
    settled,
    shared_engine,  # noqa: F401  (a fixture)
    shown,
    wait_for,
    write_article,
)

SIZE = (120, 40)


def live_app(tmp_path: Path, engine: Any, actor: str | None = None) -> SitrepApp:
    """The app watching a fresh copy of the seeds, over the shared engine."""
    folder = copy_seeds(tmp_path / "seeds")
    return make_app(folder, engine.config, actor=actor, engine=engine, state_path=tmp_path / "last_seen.json",
                    clock=lambda: FIXED_MTIME + 600)


def actor_keys(app: SitrepApp) -> list[str]:
    """The actors the Actors pane lists, in order."""
    return app.query_one(ActorsPane).keys


def source_keys(app: SitrepApp) -> list[str]:
    """The rows of the Sources pane: "article:PATH" and "bad:PATH"."""
    return app.query_one(SourcesPane).keys


async def watching(app: SitrepApp) -> None:
    """Wait until the folder watcher runs."""
    await wait_for(lambda: any(w.group == "watch" and w.state == WorkerState.RUNNING for w in app.workers),
                   description="the folder watcher to start")


async def change_until(change: Callable[[], None], condition: Callable[[], bool], description: str) -> None:
    """Make a change to the folder and wait for the app to show it.

    The watcher may still be setting up its watches just after it starts, so a change that
    is not seen in 3 s is made once more before failing: the test is that a change made
    while watching reaches the panes, not how fast the watcher starts.
    """
    change()
    try:
        await wait_for(condition, 3, description)
    except AssertionError:
        change()
        await wait_for(condition, 15, description)


def record_toasts(app: SitrepApp) -> list[str]:
    """Keep the text of every toast the app shows from now on."""
    shown: list[str] = []
    original = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        shown.append(message)
        original(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return shown


async def test_starts_on_a_seeds_folder_and_fills_every_pane(tmp_path: Path, shared_engine: Any) -> None:
    app = live_app(tmp_path, shared_engine)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert {"Abass Dembele", "Nema Sagara", "Moussa Mara"} <= set(actor_keys(app))
        assert app.query_one(StatusPane).evidence_rows()
        assert app.query_one(DisputesPane).evidence_rows()
        assert app.query_one(ContextPane).evidence_rows()
        assert source_keys(app) == [f"article:{MALI}"]


async def test_filtering_on_an_actor_narrows_the_other_panes(tmp_path: Path, shared_engine: Any) -> None:
    folder_app = live_app(tmp_path, shared_engine)
    write_article(tmp_path / "seeds", BBC, BBC_TEXT)
    async with folder_app.run_test(size=SIZE) as pilot:
        app = folder_app
        await settled(pilot)
        before = {pane.id: len(pane.evidence_rows()) for pane in (app.query_one(StatusPane),
                                                                   app.query_one(ContextPane))}
        await pilot.press("slash", *"sagara", "enter")
        # The enter key returns before the filtered view reaches every pane: wait for the hand-out.
        await shown(pilot, lambda view: view.filtered, description="the filtered panes")
        assert app.view is not None and app.view.actor is not None and app.view.actor.name == "Nema Sagara"
        assert actor_keys(app)[0] == "Nema Sagara" and "Ismael Sacko" not in actor_keys(app)
        assert len(actor_keys(app)) < len(app.situation.actors)  # type: ignore[union-attr]
        assert len(app.query_one(StatusPane).evidence_rows()) < before["status"]
        assert len(app.query_one(ContextPane).evidence_rows()) < before["context"]
        assert source_keys(app) == [f"article:{MALI}"]
        await pilot.press("escape")
        await shown(pilot, lambda view: not view.filtered, description="the panes unfiltered")
        assert f"article:{BBC}" in source_keys(app)


async def test_a_new_article_appears_while_running(tmp_path: Path, shared_engine: Any) -> None:
    app = live_app(tmp_path, shared_engine)
    toasts = record_toasts(app)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await watching(app)
        assert "Ismael Sacko" not in actor_keys(app)
        await change_until(lambda: write_article(tmp_path / "seeds", BBC, BBC_TEXT),
                           lambda: "Ismael Sacko" in actor_keys(app) and app.idle, "the new article's actors")
        assert f"article:{BBC}" in source_keys(app)
        await wait_for(lambda: any(f"+ {BBC}" in t for t in toasts), description="the toast")


async def test_only_the_changed_article_is_analysed_again(tmp_path: Path, shared_engine: Any) -> None:
    app = live_app(tmp_path, shared_engine)
    unique = BBC_TEXT + f"\nFiled from {tmp_path.name}.\n"  # never in the cache yet
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await watching(app)
        await change_until(lambda: write_article(tmp_path / "seeds", BBC, unique),
                           lambda: f"article:{BBC}" in source_keys(app) and app.idle, "the new article")
        assert shared_engine.parsed_last_run == 1


async def test_a_burst_of_new_files_is_one_update(tmp_path: Path, shared_engine: Any) -> None:
    app = live_app(tmp_path, shared_engine)
    toasts = record_toasts(app)
    names = ["burst_a.txt", "burst_b.txt", "burst_c.txt"]

    def write_all() -> None:
        for name in names:
            write_article(tmp_path / "seeds", name, BBC_TEXT.replace("Tuesday", name))

    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await watching(app)
        await change_until(write_all, lambda: all(f"article:{n}" in source_keys(app) for n in names)
                           and app.idle, "the three new articles")
        changed = [t for t in toasts if "burst_" in t]
        assert len(changed) == 1, changed
        assert changed[0].startswith("+ burst_a.txt, + burst_b.txt, + burst_c.txt")


async def test_deleting_an_article_removes_its_actors(tmp_path: Path, shared_engine: Any) -> None:
    app = live_app(tmp_path, shared_engine)
    path = write_article(tmp_path / "seeds", BBC, BBC_TEXT)
    toasts = record_toasts(app)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await watching(app)
        assert "Ismael Sacko" in actor_keys(app)
        await change_until(lambda: path.unlink(missing_ok=True),
                           lambda: "Ismael Sacko" not in actor_keys(app) and app.idle,
                           "the deleted article's actors to go")
        assert source_keys(app) == [f"article:{MALI}"]
        assert "Abass Dembele" in actor_keys(app)
        await wait_for(lambda: any(f"- {BBC}" in t for t in toasts), description="the toast")


async def test_a_renamed_article_is_not_parsed_again(tmp_path: Path, shared_engine: Any) -> None:
    app = live_app(tmp_path, shared_engine)
    path = write_article(tmp_path / "seeds", BBC, BBC_TEXT)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await watching(app)
        renamed = path.with_name("bbc_renamed.txt")
        await change_until(lambda: path.exists() and path.rename(renamed),
                           lambda: "article:bbc_renamed.txt" in source_keys(app) and app.idle,
                           "the renamed article")
        assert f"article:{BBC}" not in source_keys(app)
        assert shared_engine.parsed_last_run == 0
        assert "Ismael Sacko" in actor_keys(app)


async def test_filter_and_cursor_survive_a_live_reload(tmp_path: Path, shared_engine: Any) -> None:
    app = live_app(tmp_path, shared_engine, actor="Dembele")
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await watching(app)
        await pilot.press("5")
        sources = app.query_one(SourcesPane)
        assert sources.cursor_key == f"article:{MALI}"
        write_article(tmp_path / "seeds", BBC, BBC_TEXT)
        await change_until(lambda: os.utime(tmp_path / "seeds" / BBC),
                           lambda: f"article:{BBC}" in source_keys(app), "the new article")
        assert app.filter_name == "Dembele"
        assert "Ismael Sacko" not in actor_keys(app)
        assert sources.cursor_key == f"article:{MALI}" and app.focused is sources


async def test_a_file_with_markup_and_escape_sequences_renders_literally(tmp_path: Path,
                                                                          shared_engine: Any) -> None:
    app = live_app(tmp_path, shared_engine)
    write_article(tmp_path / "seeds", "markup.txt", MARKUP_TEXT)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        await pilot.press("5")
        await pilot.pause()
        text = screen_text(app)
        assert "Breaking: [red]Evil[/red]" in text
        assert "\x1b" not in text and "\x07" not in text and "pwned" not in text
        sources = app.query_one(SourcesPane)
        await pilot.press("home")
        while sources.cursor_key != "article:markup.txt" and sources.cursor_row < sources.row_count - 1:
            await pilot.press("down")
        assert sources.cursor_key == "article:markup.txt"
        evidence = app.query_one(EvidenceView).text
        assert "Breaking: [red]Evil[/red]" in evidence
        assert "\x1b" not in screen_text(app)


async def test_a_broken_file_shows_in_sources_with_its_reason(tmp_path: Path, shared_engine: Any) -> None:
    app = live_app(tmp_path, shared_engine)
    write_article(tmp_path / "seeds", "broken.txt", b"\x00\x01\x02\xff\xfe binary junk \x00\x00")
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert "bad:broken.txt" in source_keys(app)
        text = screen_text(app)
        assert "✕ unreadable broken.txt" in text
        shown = " ".join(str(app.query_one(SourcesPane).get_row("bad:broken.txt")[0]).split())
        assert shown == "✕ unreadable broken.txt binary file (contains NUL bytes)"
        assert "binary file (contains NUL" in text
        assert "1 unreadable" in str(app.query_one("#header-meta").render())


async def test_a_file_that_breaks_while_running_shows_its_reason(tmp_path: Path, shared_engine: Any) -> None:
    app = live_app(tmp_path, shared_engine)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await watching(app)
        await change_until(lambda: write_article(tmp_path / "seeds", "broken.txt", b"\x00\xff\x00 junk"),
                           lambda: "bad:broken.txt" in source_keys(app), "the broken file")
        assert "Abass Dembele" in actor_keys(app)
