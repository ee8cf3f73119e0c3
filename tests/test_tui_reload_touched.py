"""The dashboard tells an engine that takes them (`accepts_touched`) the paths the watcher saw
touched since the last finished run, on the runs folder changes ask for; never on a first run, a
reload by hand, or after a failed run (the engine then lists the folder whole)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sitrep.model import Situation
from sitrep.tui.app import SitrepApp, make_app
from sitrep.tui.messages import FolderChanged
from sitrep.watch import FolderChange

from tui_fixtures import FakeEngine, mali_situation, mali_update, settled, temp_config, wait_for

SIZE = (120, 40)


class TouchedEngine(FakeEngine):
    """A fake engine that takes the touched paths and records them per call; it fails the calls
    whose numbers are in `failing`."""

    accepts_touched = True

    def __init__(self, *situations: Situation, failing: tuple[int, ...] = ()) -> None:
        super().__init__(*situations)
        self.told: list[frozenset[str] | None] = []
        self.failing = failing

    def analyse(self, folder: Path, progress: Callable[[Any], None] | None = None, *,
                touched: frozenset[str] | None = None) -> Situation:
        """Record `touched`, then play the next situation back (or fail)."""
        self.told.append(touched)
        if len(self.told) in self.failing:
            self.calls += 1
            raise RuntimeError("the disk went away")
        return super().analyse(folder, progress)


def app_over(tmp_path: Path, engine: FakeEngine) -> SitrepApp:
    folder = tmp_path / "seeds"
    folder.mkdir(exist_ok=True)
    return make_app(folder, temp_config(tmp_path), engine=engine, state_path=tmp_path / "last_seen.json",
                    watch=False)


def changed(*paths: str) -> FolderChanged:
    return FolderChanged(FolderChange(modified=tuple(p.rsplit("/", 1)[-1] for p in paths),
                                      touched=frozenset(paths)))


async def test_a_run_a_folder_change_asked_for_is_told_the_touched_paths(tmp_path: Path) -> None:
    engine = TouchedEngine(mali_situation(), mali_update())
    app = app_over(tmp_path, engine)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        app.post_message(changed("/seeds/a.txt"))
        await wait_for(lambda: engine.calls == 2 and app.idle, description="the reload")
        app.post_message(changed("/seeds/b.txt", "/seeds/c.pdf"))
        await wait_for(lambda: engine.calls == 3 and app.idle, description="the next reload")
    assert engine.told == [None, {"/seeds/a.txt"}, {"/seeds/b.txt", "/seeds/c.pdf"}]


async def test_a_reload_by_hand_is_told_nothing(tmp_path: Path) -> None:
    engine = TouchedEngine(mali_situation(), mali_update())
    app = app_over(tmp_path, engine)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("r")
        await wait_for(lambda: engine.calls == 2 and app.idle, description="the reload")
    assert engine.told == [None, None]


async def test_a_change_whose_touched_paths_are_unknown_is_told_nothing(tmp_path: Path) -> None:
    engine = TouchedEngine(mali_situation(), mali_update())
    app = app_over(tmp_path, engine)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        app.post_message(FolderChanged(FolderChange(added=("a.txt",))))
        await wait_for(lambda: engine.calls == 2 and app.idle, description="the reload")
    assert engine.told == [None, None]


async def test_the_run_after_a_failed_one_is_told_nothing(tmp_path: Path) -> None:
    engine = TouchedEngine(mali_situation(), mali_update(), failing=(2,))
    app = app_over(tmp_path, engine)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        app.post_message(changed("/seeds/a.txt"))
        await wait_for(lambda: engine.calls == 2 and app.idle and not app.analysing,
                       description="the failure")
        app.post_message(changed("/seeds/b.txt"))
        await wait_for(lambda: engine.calls == 3 and app.idle, description="the next reload")
    assert engine.told == [None, {"/seeds/a.txt"}, None]


async def test_an_engine_that_does_not_take_touched_paths_is_called_as_before(tmp_path: Path) -> None:
    engine = FakeEngine(mali_situation(), mali_update())
    app = app_over(tmp_path, engine)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        app.post_message(changed("/seeds/a.txt"))
        await wait_for(lambda: engine.calls == 2 and app.idle, description="the reload")
        assert app.last_error is None
