"""The export screen (`x`): the current view, filter included, in any format, to a typed path."""

from __future__ import annotations

import csv
import json
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, RadioButton

from sitrep.reader.own_reports import is_sitrep_report
from sitrep.tui import export_screen
from sitrep.tui.app import SitrepApp, make_app
from sitrep.tui.export import default_path
from sitrep.tui.export_screen import ExportScreen

from dated_fixtures import dated_situation
from test_tui_app import record_toasts
from tui_fixtures import FakeEngine, settled, temp_config, wait_for

FOREIGN = "my own notes, not a report\n"


def velmora_app(tmp_path: Path, actor: str | None = None) -> SitrepApp:
    """The app over the made-up Velmora situation, live reload off."""
    folder = tmp_path / "velmora"
    folder.mkdir(exist_ok=True)
    return make_app(folder, temp_config(tmp_path), actor=actor, engine=FakeEngine(dated_situation()),
                    state_path=tmp_path / "last_seen.json", watch=False)


async def open_export(pilot: Any) -> ExportScreen:
    """Press x once the report is on screen; the export screen."""
    await settled(pilot)
    await pilot.press("x")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ExportScreen)
    return screen


async def export(pilot: Any, path: Path | None = None, fmt: str | None = None) -> None:
    """Pick `fmt`, type `path` (else keep the default), press enter and wait for the writer."""
    screen = pilot.app.screen
    if fmt is not None:
        button = next(b for b in screen.query(RadioButton) if b.name == fmt)
        await pilot.click(button)
        await pilot.pause()
    box = screen.query_one("#export-path", Input)
    if path is not None:
        box.value = str(path)
    box.focus()
    await pilot.press("enter")
    await wait_for(lambda: not getattr(screen, "writing", False), description="the export to be written")
    await pilot.pause()


def note(app: SitrepApp) -> str:
    """The export screen's note line."""
    return str(app.screen.query_one("#export-note").render())


async def test_enter_writes_a_markdown_report_named_after_the_folder_in_the_current_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = velmora_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        toasts = record_toasts(app)
        await open_export(pilot)
        assert app.screen.query_one("#export-path", Input).value == "sitrep-velmora.md"
        await export(pilot)
        assert not isinstance(app.screen, ExportScreen)
    written = tmp_path / "sitrep-velmora.md"
    assert is_sitrep_report(written.read_text(encoding="utf-8"))
    assert toasts == [f"Exported: {written}"]


async def test_picking_a_format_renames_the_default_file_and_writes_that_format(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = velmora_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_export(pilot)
        await export(pilot, fmt="json")
    report = json.loads((tmp_path / "sitrep-velmora.json").read_text(encoding="utf-8"))
    assert [a["name"] for a in report["actors"]] == ["Teodor Halvass", "protesters", "the army", "Ilse Varro"]


async def test_the_export_holds_only_what_the_filter_shows(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = velmora_app(tmp_path, actor="Halvass")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_export(pilot)
        await export(pilot, fmt="csv")
    folder = tmp_path / "sitrep-velmora-teodor-halvass-tables"
    with (folder / "actors.csv").open(encoding="utf-8-sig", newline="") as handle:
        names = [row["name"] for row in csv.DictReader(handle)]
    assert names[0] == "Teodor Halvass"
    assert "protesters" not in names and "Ilse Varro" not in names
    assert {p.name for p in folder.iterdir()} == {"actors.csv", "claims.csv", "disputes.csv", "sources.csv"}


async def test_a_file_sitrep_did_not_write_is_replaced_only_after_a_second_enter(tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    target.write_text(FOREIGN, encoding="utf-8")
    app = velmora_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_export(pilot)
        await export(pilot, target)
        assert isinstance(app.screen, ExportScreen)
        assert target.read_text(encoding="utf-8") == FOREIGN
        assert "already exists and sitrep did not write it" in note(app)
        await export(pilot)
        assert not isinstance(app.screen, ExportScreen)
    assert is_sitrep_report(target.read_text(encoding="utf-8"))


async def test_a_report_sitrep_wrote_is_replaced_without_asking(tmp_path: Path) -> None:
    target = tmp_path / "old.md"
    app = velmora_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_export(pilot)
        await export(pilot, target)
        target.write_text(target.read_text(encoding="utf-8") + "\nedited by hand\n", encoding="utf-8")
        await pilot.press("x")
        await pilot.pause()
        await export(pilot, target)
        assert not isinstance(app.screen, ExportScreen)
    assert "edited by hand" not in target.read_text(encoding="utf-8")


async def test_a_csv_file_of_someone_else_is_not_taken_for_a_sitrep_table(tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    target.write_text("date,what\n2031-04-01,something\n", encoding="utf-8")
    app = velmora_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_export(pilot)
        await export(pilot, target, fmt="acled")
        assert "already exists" in note(app)
    assert target.read_text(encoding="utf-8").startswith("date,what")


async def test_a_failed_export_says_why_in_inert_text_and_writes_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "x\x1b[31m[red]"
    blocker.write_text(FOREIGN, encoding="utf-8")  # a file where the export wants a folder
    app = velmora_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        toasts = record_toasts(app)
        await open_export(pilot)
        await export(pilot, blocker / "out.md")
        assert isinstance(app.screen, ExportScreen)
    assert len(toasts) == 1 and toasts[0].startswith("Export failed: Could not write")
    assert "x[red]/out.md" in toasts[0] and "\x1b" not in toasts[0]
    assert "Nothing was replaced" in toasts[0]
    assert blocker.read_text(encoding="utf-8") == FOREIGN


async def test_the_export_is_written_off_the_event_loop(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[threading.Thread] = []
    real_write = export_screen.write
    monkeypatch.setattr(export_screen, "write", lambda planned: (threads.append(threading.current_thread()),
                                                                  real_write(planned)))
    app = velmora_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_export(pilot)
        await export(pilot, tmp_path / "out.md")
    assert threads and threads[0] is not threading.main_thread()
    assert (tmp_path / "out.md").exists()


async def test_escape_closes_the_export_screen_without_writing(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = velmora_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_export(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    assert not (tmp_path / "sitrep-velmora.md").exists()


def test_default_names_say_the_folder_the_filter_and_the_format() -> None:
    assert default_path(Path("/news/Mali 2025"), "md") == "sitrep-mali-2025.md"
    assert (
        default_path(Path("seeds"), "acled", "General Abass Dembele")
        == "sitrep-seeds-general-abass-dembele-events.csv"
    )
    assert default_path(Path("seeds"), "csv") == "sitrep-seeds-tables/"
    assert default_path(Path("seeds"), "geojson", "../[x]") == "sitrep-seeds-x-places.geojson"
