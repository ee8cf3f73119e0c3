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

from sitrep.tui.flat_static import FlatStatic, flatten
from sitrep.tui.help_screen import HelpScreen, help_text

from test_tui_app import fake_app
from tui_fixtures import mali_situation


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
    """A renderable factory that counts how often it is asked."""

    def __init__(self) -> None:
        self.made = 0

    def __call__(self) -> Table:
        self.made += 1
        return two_columns()


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
def help_renders(monkeypatch: pytest.MonkeyPatch) -> list[int]:
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
    return calls


@pytest.mark.parametrize("size", [(160, 50), (80, 24), (200, 80)])
async def test_opening_the_help_lays_its_table_out_once(tmp_path: Path, help_renders: list[int],
                                                         size: tuple[int, int]) -> None:
    """Issue #12: Textual laid the help's table out again for each line it drew, and the first `?`
    over 2,000 articles took 0.25-0.5 s."""
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert len(help_renders) == 1


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
