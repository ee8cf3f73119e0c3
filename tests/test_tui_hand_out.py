"""A reload's report reaches the panes one at a time, and the keyboard comes first
(`sitrep.tui.drawing`): the hand-out waits while another screen covers the dashboard, and gives
way for a moment to a key just pressed."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sitrep.tui import drawing
from sitrep.tui.help_screen import HelpScreen

from test_tui_app import fake_app
from tui_fixtures import FakeEngine, mali_situation, mali_update, settled, shown, wait_for


def on_old_report(app: Any, first: Any) -> list[str]:
    return [pane.id for pane in app.panes() if pane.view is first]


@asynccontextmanager
async def before_a_reload(tmp_path: Path) -> AsyncIterator[tuple[Any, Any, Any]]:
    """The dashboard on its first report, whose next run brings another: (app, pilot, first view)."""
    app = fake_app(tmp_path, engine=FakeEngine(mali_situation(), mali_update()))
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        yield app, pilot, app.view


async def test_a_report_that_comes_while_the_help_is_open_waits_for_the_dashboard(tmp_path: Path) -> None:
    """Drawn beneath the help, every pane would be drawn at once by the Esc that closes it (over
    2,000 articles, that Esc took 100-200 ms instead of 35)."""
    async with before_a_reload(tmp_path) as (app, pilot, first):
        await pilot.press("question_mark")
        await wait_for(lambda: isinstance(app.screen, HelpScreen), description="the help")
        app.start_analysis("reload")
        await wait_for(lambda: app.view is not first and not app.analysing, description="the new report")
        await pilot.pause(0.2)
        assert len(on_old_report(app, first)) == len(app.panes())
        await pilot.press("escape")
        await shown(pilot, lambda view: view is not first, description="the new report in every pane")
        assert on_old_report(app, first) == []


async def test_the_key_that_uncovers_the_dashboard_gets_its_grace_however_long_it_was_covered(
        tmp_path: Path) -> None:
    """The time a hand-out waits beneath another screen does not count towards `INPUT_WAIT_MAX`:
    the Esc that closes the help is drawn before the first pane is rebuilt."""
    async with before_a_reload(tmp_path) as (app, pilot, first):
        handed: list[float] = []
        app.watch(app.panes()[0], "view", lambda view: handed.append(time.monotonic()) if view is not first
                  else None, init=False)
        await pilot.press("question_mark")
        await wait_for(lambda: isinstance(app.screen, HelpScreen), description="the help")
        app.start_analysis("reload")
        await wait_for(lambda: app.view is not first and not app.analysing, description="the new report")
        await pilot.pause(drawing.INPUT_WAIT_MAX + 0.2)
        await pilot.press("escape")
        await shown(pilot, lambda view: view is not first, description="the new report in every pane")
        assert handed and handed[0] - app._input_at >= drawing.INPUT_GRACE


async def test_the_next_pane_waits_for_a_key_just_pressed(tmp_path: Path) -> None:
    async with before_a_reload(tmp_path) as (app, pilot, first):
        handed: dict[str, float] = {}
        pressed: list[float] = []

        def note(pane: Any) -> None:
            def handed_to(view: Any) -> None:
                if view is not first and pane.id not in handed:
                    handed[pane.id] = time.monotonic()
                    if not pressed:  # a key, as it comes, right after the first pane
                        pressed.append(time.monotonic())
                        app._input_at = pressed[0]
            app.watch(pane, "view", handed_to, init=False)

        for pane in app.panes():
            note(pane)
        app.start_analysis("reload")
        await shown(pilot, lambda view: view is not first, description="the new report in every pane")
        after = sorted(handed.values())
        assert len(after) == len(app.panes())
        assert after[1] - pressed[0] >= drawing.INPUT_GRACE


async def test_keys_held_down_hold_the_hand_out_up_for_a_second_at_most(tmp_path: Path) -> None:
    async with before_a_reload(tmp_path) as (app, pilot, first):
        app._input_at = float("inf")  # a key down all along: input never pauses
        began = time.monotonic()
        app.start_analysis("reload")
        await shown(pilot, lambda view: view is not first, timeout=10,
                    description="the new report in every pane")
        assert time.monotonic() - began >= drawing.INPUT_WAIT_MAX



def at_the_end_of_the_first_hand_out(app: Any) -> dict[str, Any]:
    """What the screen holds in the turn that hands the first report to the panes, before any
    other message is read or frame drawn: the evidence view's row, the Actors table's measured
    height and its rows (filled in once that turn ends)."""
    from sitrep.tui.actors_pane import ActorsPane
    from sitrep.tui.evidence_view import EvidenceView

    seen: dict[str, Any] = {}
    handed_out = app._handed_out

    def recorded() -> None:
        handed_out()
        if not seen:
            actors = app.query_one(ActorsPane)
            seen.update(evidence=app.query_one(EvidenceView).current,
                        table_height=actors.virtual_size.height, rows=actors.row_count)

    app._handed_out = recorded
    return seen


async def test_the_first_report_is_handed_out_with_the_evidence_of_the_focused_row(tmp_path: Path) -> None:
    """Shown by a message, the evidence came after the frame that drew the panes, with a layout
    and a frame of its own."""
    app = fake_app(tmp_path, mali_situation())
    seen = at_the_end_of_the_first_hand_out(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert seen["evidence"] is not None


async def test_the_first_report_is_handed_out_with_the_tables_measured(tmp_path: Path) -> None:
    """Textual measures a table's new rows once its message queue empties: the frame that first
    drew them had the table at its old size, without its scrollbar, and a layout followed."""
    app = fake_app(tmp_path, mali_situation())
    seen = at_the_end_of_the_first_hand_out(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert seen["rows"] > 0 and seen["table_height"] >= seen["rows"]


async def test_every_pane_and_the_evidence_view_have_a_scrollbar_before_any_report(tmp_path: Path) -> None:
    """A scrollbar that appears with the first report costs a layout and a frame after the
    report's; kept from the start, its track the pane's colour, it costs nothing."""
    from sitrep.tui.evidence_view import EvidenceView

    app = fake_app(tmp_path, engine=FakeEngine(error=OSError("the folder is gone")))
    async with app.run_test(size=(120, 40)):
        await wait_for(lambda: not app.analysing, description="the failed run")
        assert app.situation is None
        for widget in [*app.panes(), app.query_one(EvidenceView)]:
            assert widget.show_vertical_scrollbar, widget.id
