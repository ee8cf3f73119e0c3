"""Snapshot tests of the TUI on the bundled seeds (pytest-textual-snapshot).

Deterministic by construction: a temporary copy of `seeds/` with a fixed file time, a frozen
clock for "updated N minutes ago", local time set to UTC, a fresh cache and last-seen state,
live reload off. The report comes from the real engine, so a change to what the backend
extracts from the seeds changes these pictures too: review them with
`pytest tests/test_tui_snapshots.py --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from sitrep.tui.app import SitrepApp, make_app

from dated_fixtures import dated_situation
from tui_fixtures import (
    FIXED_MTIME,
    FakeEngine,
    copy_seeds,
    frozen_timezone,  # noqa: F401  (a fixture)
    settled,
    shared_engine,  # noqa: F401  (a fixture)
    temp_config,
    wait_for,
)


def seeds_app(tmp_path: Path, engine: Any, actor: str | None = None) -> SitrepApp:
    """The app over a fixed-time copy of the bundled seeds, 10 minutes after the article."""
    folder = copy_seeds(tmp_path / "seeds")
    return make_app(folder, engine.config, actor=actor, engine=engine, state_path=tmp_path / "last_seen.json",
                    clock=lambda: FIXED_MTIME + 600, watch=False)


async def loaded(pilot: Pilot[Any]) -> None:
    """Wait for the report to be on screen."""
    await settled(pilot)


def test_main_screen(tmp_path: Path, shared_engine: Any, frozen_timezone: None, snap_compare: Any) -> None:
    """The whole situation at 120x40: header, five panes, evidence for the first status line."""
    assert snap_compare(seeds_app(tmp_path, shared_engine), terminal_size=(120, 40), run_before=loaded)


def test_filtered_screen(tmp_path: Path, shared_engine: Any, frozen_timezone: None,
                         snap_compare: Any) -> None:
    """Started with `--actor Dembele`: every pane narrowed to Abass Dembele."""
    app = seeds_app(tmp_path, shared_engine, actor="Dembele")
    assert snap_compare(app, terminal_size=(120, 40), run_before=loaded)


def test_narrow_screen(tmp_path: Path, shared_engine: Any, frozen_timezone: None, snap_compare: Any) -> None:
    """At 90x32 the panes reflow into two columns and Sources spans the bottom."""
    assert snap_compare(seeds_app(tmp_path, shared_engine), terminal_size=(90, 32), run_before=loaded)


def test_small_screen(tmp_path: Path, shared_engine: Any, frozen_timezone: None, snap_compare: Any) -> None:
    """At 80x24 one pane at a time (Status), the pane switcher above it, the evidence below."""
    assert snap_compare(seeds_app(tmp_path, shared_engine), terminal_size=(80, 24), run_before=loaded)


def velmora_app(tmp_path: Path) -> SitrepApp:
    """The app over the made-up Velmora situation (dated events), ten minutes after its last article."""
    folder = tmp_path / "velmora"
    folder.mkdir()
    situation = dated_situation()
    newest = max(a.mtime for a in situation.articles)
    return make_app(folder, temp_config(tmp_path), engine=FakeEngine(situation),
                    state_path=tmp_path / "last_seen.json", clock=lambda: newest + 600, watch=False)


async def timeline_open(pilot: Pilot[Any]) -> None:
    """Wait for the report, press t, wait for the timeline's events."""
    await settled(pilot)
    await pilot.press("t")
    await wait_for(lambda: getattr(pilot.app.screen, "ready", False), description="the timeline's events")
    await pilot.pause()


def test_timeline_screen(tmp_path: Path, frozen_timezone: None, snap_compare: Any) -> None:
    """t at 100x30: five dated events over April 2031, one row per date, marked by certainty."""
    assert snap_compare(velmora_app(tmp_path), terminal_size=(100, 30), run_before=timeline_open)


async def export_open(pilot: Pilot[Any]) -> None:
    """Wait for the report, press x."""
    await settled(pilot)
    await pilot.press("x")
    await pilot.pause()


def test_export_screen(tmp_path: Path, frozen_timezone: None, snap_compare: Any) -> None:
    """x at 80x24: the formats, the default path (named after the folder), enter writes."""
    assert snap_compare(velmora_app(tmp_path), terminal_size=(80, 24), run_before=export_open)
