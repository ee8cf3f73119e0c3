"""The dashboard's first paint builds about a screen and a half of each pane's rows; the rest of
a long list is built as it always is, when the cursor nears the end of what is built (see
test_tui_app.py's large reports), and every later report builds whole pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sitrep.tui.actors_pane import ActorsPane
from sitrep.tui.app import make_app
from sitrep.tui.context_pane import ContextPane
from sitrep.tui.disputes_pane import DisputesPane
from sitrep.tui.sources_pane import SourcesPane

from tui_fixtures import (
    FakeEngine,
    large_situation,
    settled,
    temp_config,
    wait_for,
)


async def test_the_first_report_builds_fewer_rows_of_a_long_pane_than_a_reload_does(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    first, second = large_situation(2_000), large_situation(2_000)
    app = make_app(folder, temp_config(tmp_path), engine=FakeEngine(first, second),
                   state_path=tmp_path / "last_seen.json", watch=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        panes = [app.query_one(kind) for kind in (ActorsPane, DisputesPane, ContextPane, SourcesPane)]
        built = [pane.built for pane in panes]
        assert built == [pane.window.end for pane in panes]  # the first rows, nothing above them
        assert all(pane.window.below > 1_900 for pane in panes)  # the rest is counted, not built
        await pilot.press("r")
        await wait_for(lambda: app.last_complete is second, description="the reload")
        await settled(pilot)
        for pane, before in zip(panes, built, strict=True):
            assert pane.window.end - pane.window.start > before


def test_the_dashboard_starts_without_the_screens_and_readers_its_first_paint_does_without() -> None:
    """The export and timeline screens (and the report writers) come when asked for; the stored
    report's reader (SQLite, the snapshot codec) in `EngineProcess.begin`'s thread."""
    code = ("import sys, sitrep.engine_process, sitrep.tui.app; "
            "print(sorted(m for m in ('sitrep.tui.export_screen', 'sitrep.tui.timeline_screen', "
            "'sitrep.report.formats', 'sqlite3', 'sitrep.snapshot') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "[]"

