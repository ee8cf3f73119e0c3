"""The dashboard's garbage collection (`sitrep.gcpolicy.Collector` as `SitrepApp` drives it): a
cheap collection after each redraw, full ones only in quiet moments, and a heap that does not
grow over reloads."""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path

import pytest
from textual import events

from sitrep import gcpolicy
from sitrep.tui.app import SitrepApp, make_app

from tui_fixtures import (
    FakeEngine,
    large_situation,
    mali_situation,
    mali_update,
    settled,
    temp_config,
    wait_for,
)

SIZE = (120, 40)


def fake_app(tmp_path: Path, engine: FakeEngine) -> SitrepApp:
    """The app over a fake engine, with its last-seen state under `tmp_path` and live reload off."""
    folder = tmp_path / "seeds"
    folder.mkdir(exist_ok=True)
    return make_app(folder, temp_config(tmp_path), engine=engine, state_path=tmp_path / "last_seen.json",
                    watch=False)


async def reload(app: SitrepApp, engine: FakeEngine) -> None:
    """A reload as the folder watcher starts one (no key pressed), waited for until its redraw's
    collection has run."""
    runs = engine.calls + 1
    app.start_analysis("change")
    await wait_for(lambda: engine.calls == runs and not app.analysing and app.idle,
                   description=f"reload {runs}")
    await wait_for(lambda: app._gc_timer is None, description="the collection after the redraw")


def counted_collections(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The generation of each `gc.collect` from now on (none of them runs)."""
    runs: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: runs.append(generation) or 0)
    return runs


async def test_each_redraw_is_followed_by_a_young_collection_and_the_thresholds_come_back_on_exit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the first report the collector starts no full collection by itself."""
    before = gc.get_threshold()
    monkeypatch.setattr(gcpolicy, "FULL_FLOOR", 10**9, raising=False)  # no full collection due
    runs = counted_collections(monkeypatch)
    engine = FakeEngine(mali_situation(), mali_update())
    app = fake_app(tmp_path, engine)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert gc.get_threshold()[2] == gcpolicy.FULL_GC_NEVER
        await wait_for(lambda: app._gc_timer is None, description="the collection after the first redraw")
        before_reload = len(runs)
        await pilot.press("r")
        await wait_for(lambda: engine.calls == 2 and app.idle, description="the reload")
        await wait_for(lambda: len(runs) == before_reload + 1,
                       description="the collection after the reload's redraw")
        assert set(runs) == {1}
    assert gc.get_threshold() == before


async def test_a_keypress_holds_a_due_full_collection_back_until_input_is_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gcpolicy, "FULL_FLOOR", 0, raising=False)  # a full collection due after every redraw
    monkeypatch.setattr(gcpolicy, "FULL_GROWTH", 0.0, raising=False)
    monkeypatch.setattr(gcpolicy, "QUIET", 1.0, raising=False)
    runs = counted_collections(monkeypatch)
    engine = FakeEngine(mali_situation(), mali_update())
    app = fake_app(tmp_path, engine)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await wait_for(lambda: 2 in runs, description="the full collection after the first report")
        runs.clear()
        app.start_analysis("change")
        for _ in range(15):  # typing, 0.1 s apart, through the reload and the collection after it
            await pilot.press("down")
            await asyncio.sleep(0.1)
        assert engine.calls == 2 and app.idle
        assert runs and 2 not in runs  # young collections only
        await wait_for(lambda: 2 in runs, timeout=5, description="the full collection once typing stopped")


async def test_the_collector_hears_of_a_key_as_it_comes_and_again_once_the_screen_shows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = fake_app(tmp_path, FakeEngine(mali_situation()))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        heard: list[str] = []
        monkeypatch.setattr(app._collector, "note_input", lambda: heard.append("input"))
        key = events.Key("down", None)
        key.set_sender(app)
        app.post_message(key)  # as the terminal driver does
        await pilot.pause()
        await app.screen.wait_for_refresh()
        await pilot.pause()
        assert heard == ["input", "input"]


@pytest.mark.slow
async def test_the_heap_does_not_grow_over_many_reloads(tmp_path: Path) -> None:
    """Each redraw leaves Textual's cycles (rows, strips and their caches) that outlive the young
    generations; the full collections must still come often enough to free them."""
    engine = FakeEngine(*([large_situation(300), large_situation(320)] * 20))
    app = fake_app(tmp_path, engine)
    unfrozen: list[int] = []
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        for _ in range(30):
            await reload(app, engine)
            unfrozen.append(len(gc.get_objects()))
    assert max(unfrozen[20:]) <= max(unfrozen[:10]) + 2_000
