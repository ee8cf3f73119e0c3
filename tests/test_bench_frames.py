"""The first-paint benchmark's frame record (`bench.dashboard._Frames`): which frames changed the
picture, played back from what each one wrote."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from textual.app import App, ComposeResult
from textual.widgets import Static

from bench.dashboard import _Frames


class One(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("before", id="line")


async def _frame_after(frames: _Frames, change: Callable[[], object]) -> bool:
    """Whether the frame drawn after `change` changed the picture."""
    count = len(frames.times)
    change()
    deadline = time.monotonic() + 5
    while len(frames.times) == count and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    assert len(frames.times) > count, "no frame was drawn"
    return frames.changed()[-1]


async def test_a_frame_that_writes_the_cells_already_there_changes_nothing() -> None:
    app = One()
    frames = _Frames(app, time.perf_counter())
    async with app.run_test():
        await frames.settled()
        line = app.query_one("#line", Static)
        assert not await _frame_after(frames, lambda: line.refresh())
        assert await _frame_after(frames, lambda: line.update("after"))
    assert frames.changed()[0]  # the first frame draws everything


async def test_the_first_paint_is_the_last_frame_that_changed_the_picture() -> None:
    app = One()
    frames = _Frames(app, time.perf_counter())
    async with app.run_test():
        await frames.settled()
        line = app.query_one("#line", Static)
        await _frame_after(frames, lambda: line.update("after"))
        changed_at = frames.times[-1]
        await _frame_after(frames, lambda: line.refresh())
        assert frames.last_change(frames.times[-1]) == changed_at < frames.times[-1]


async def test_the_screen_settles_only_after_a_frame_drawn_since_the_moment_asked_for() -> None:
    """A report that reached the app long after its last frame is drawn by a frame still to come:
    that last frame, however long ago, is not the report's."""
    app = One()
    frames = _Frames(app, time.perf_counter())
    async with app.run_test():
        await frames.settled()
        await asyncio.sleep(0.2)  # longer than QUIET: the screen has been still since
        moment = time.perf_counter() - frames.started
        line = app.query_one("#line", Static)
        app.set_timer(0.05, lambda: line.update("after"))
        assert await frames.settled(after=moment) >= moment
        assert frames.changed()[-1]
