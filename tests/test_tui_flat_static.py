"""`FlatStatic` (`sitrep.tui.flat_static`): a Rich renderable laid out once per width, and the help
screen that uses it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult

from sitrep.tui import actions
from sitrep.tui.flat_static import FlatStatic, flatten
from sitrep.tui.help_screen import HelpScreen, help_text

from test_tui_app import fake_app
from tui_fixtures import mali_situation, settled, wait_for


def two_columns() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    table.add_row("enter", "on an actor: filter on it; elsewhere: show its evidence, sentence by sentence")
    table.add_row(Text("x", style="red"), "export what the panes show")
    return table


def test_flatten_lays_a_table_out_as_the_console_would_at_that_width() -> None:
    console = Console(width=40, record=True, force_terminal=True)
    console.print(two_columns())
    expected = [line.rstrip() for line in console.export_text().splitlines()]
    assert [line.rstrip() for line in flatten(two_columns(), 40).plain.split("\n")] == expected


def test_flatten_keeps_every_line_within_the_width_and_the_styles() -> None:
    flat = flatten(two_columns(), 30)
    assert all(len(line) <= 30 for line in flat.plain.split("\n"))
    red = [span for span in flat.spans if "red" in str(span.style)]
    assert [flat.plain[span.start:span.end].strip() for span in red] == ["x"]


def test_flatten_takes_no_markup_from_the_text_it_lays_out() -> None:
    table = Table.grid()
    table.add_column()
    table.add_row(Text("[bold]not markup[/bold]"))
    assert flatten(table, 40).plain.strip() == "[bold]not markup[/bold]"


class Counted:
    """A lay-out of the two columns that counts how often it is asked, and at which widths."""

    def __init__(self) -> None:
        self.made = 0
        self.widths: list[int] = []

    def __call__(self, width: int) -> Text:
        self.made += 1
        self.widths.append(width)
        return flatten(two_columns(), width)


class OneFlat(App[None]):
    def __init__(self, make: Counted, width: int) -> None:
        super().__init__()
        self.make, self.width = make, width

    def compose(self) -> ComposeResult:
        yield FlatStatic(self.make, self.width, id="flat")


async def test_a_flat_static_given_its_width_lays_out_once() -> None:
    make = Counted()
    app = OneFlat(make, 50)
    async with app.run_test(size=(50, 10)) as pilot:
        await pilot.pause()
        assert app.query_one(FlatStatic).size.width == 50
        assert make.made == 1


async def test_a_flat_static_lays_out_again_at_a_new_width() -> None:
    make = Counted()
    app = OneFlat(make, 50)
    async with app.run_test(size=(50, 10)) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(34, 10)
        await pilot.pause()
        await pilot.pause()
        flat = app.query_one(FlatStatic)
        assert make.made == 2
        assert all(len(line) <= 34 for line in flat.render().plain.split("\n"))  # type: ignore[union-attr]


@pytest.fixture
def help_renders(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many times the help's table is laid out (each render is one call of `__rich_console__`)."""
    import sitrep.tui.help_screen as help_screen

    calls: list[int] = []
    original_help, original_render = help_screen.help_text, Table.__rich_console__

    def tagged() -> Table:
        table = original_help()
        table.help = True  # type: ignore[attr-defined]
        return table

    def counted(self: Table, *args: Any) -> Iterator[Any]:
        if getattr(self, "help", False):
            calls.append(1)
        return original_render(self, *args)

    monkeypatch.setattr(help_screen, "help_text", tagged)
    monkeypatch.setattr(Table, "__rich_console__", counted)
    help_screen._flat_help.cache_clear()  # no layout kept from another test
    yield calls
    help_screen._flat_help.cache_clear()  # none made with the tagged table either


@pytest.mark.parametrize("size", [(160, 50), (80, 24), (200, 80)])
async def test_opening_the_help_lays_its_table_out_once(tmp_path: Path, help_renders: list[int],
                                                         size: tuple[int, int]) -> None:
    """Issue #12: Textual laid the help's table out again for each line it drew, and the first `?`
    over 2,000 articles took 0.25-0.5 s. Once in all: ahead of time, or when it opens."""
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert len(help_renders) == 1


async def test_the_help_is_laid_out_ahead_once_the_first_report_is_shown_and_input_pauses(
        tmp_path: Path, help_renders: list[int]) -> None:
    """Laying its table out was the largest part of the first `?` (36-66 ms of 136-246 ms over
    2,000 articles): the app does it while the user is idle, and the first `?` only shows it."""
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=(160, 50)) as pilot:
        await settled(pilot)
        await wait_for(lambda: len(help_renders) == 1,
                       timeout=actions.HELP_AHEAD_DELAY + actions.HELP_AHEAD_QUIET + 5,
                       description="the help laid out ahead")
        await pilot.press("question_mark")
        await wait_for(lambda: isinstance(app.screen, HelpScreen), description="the help")
        await pilot.pause()
        assert len(help_renders) == 1


async def test_keys_put_off_laying_the_help_out_ahead(tmp_path: Path, help_renders: list[int]) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=(160, 50)) as pilot:
        await settled(pilot)
        app._input_at = float("inf")  # a key down all along
        await pilot.pause(actions.HELP_AHEAD_DELAY + actions.HELP_AHEAD_QUIET + 0.5)
        assert help_renders == []


async def test_the_help_shows_every_line_of_its_table(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        flat = app.screen.query_one(FlatStatic)
        shown = flat.render().plain  # type: ignore[union-attr]
        assert shown == flatten(help_text(), flat.size.width).plain
        assert "filter by actor" in shown and "The folder is watched" in shown
