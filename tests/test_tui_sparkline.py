"""The header's sparkline of articles per day: counted without an app, then shown in one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from rich.console import Console

from sitrep.model import ArticleInfo
from sitrep.tui.app import make_app
from sitrep.tui.articles_sparkline import MAX_WIDTH, ArticlesSparkline, articles_per_day, cells, describe
from sitrep.tui.help_screen import help_text

from tui_fixtures import FIXED_MTIME, FakeEngine, mali_situation, settled, temp_config


def article(name: str, published: str | None) -> ArticleInfo:
    """An article published on `published` (None: only a file time)."""
    return ArticleInfo(name, name, "AFP", published, FIXED_MTIME, 100)


def test_days_are_counted_from_the_first_publication_day_to_the_last_with_empty_days_as_zero() -> None:
    daily = articles_per_day([article("a", "2025-08-11"), article("b", "2025-08-13T09:30"),
                              article("c", "2025-08-13")])
    assert daily.first == date(2025, 8, 11)
    assert daily.counts == [1, 0, 2]
    assert daily.last == date(2025, 8, 13)
    assert daily.left_out == 0


def test_articles_without_a_day_of_publication_are_left_out_and_counted() -> None:
    daily = articles_per_day([article("a", "2025-08-11"), article("b", None), article("c", "2025-08"),
                              article("d", "2012"), article("e", "not a date")])
    assert daily.counts == [1]
    assert daily.left_out == 4


def test_a_long_span_is_summed_into_the_cells_the_header_has() -> None:
    counts = [1] * 100
    summed = cells(counts)
    assert len(summed) == MAX_WIDTH
    assert sum(summed) == 100
    assert cells([3, 0, 1]) == [3, 0, 1], "a short span keeps a cell per day"


def test_the_tooltip_gives_the_span_the_busiest_day_and_what_was_left_out() -> None:
    text = describe(articles_per_day([article("a", "2025-08-11"), article("b", "2025-08-12"),
                                      article("c", "2025-08-12"), article("d", None)]))
    assert text == ("Articles per day by publication date, 11 August 2025 to 12 August 2025; busiest "
                    "12 August 2025 (2). 1 article without a day of publication (file time, or only a month "
                    "or year) left out.")
    assert describe(articles_per_day([article("d", None)])).startswith(
        "Articles per day by publication date: no article gives its day.")


async def test_the_header_shows_articles_per_day_when_two_days_or_more_are_dated(tmp_path: Path) -> None:
    situation = mali_situation()
    dated = replace(situation, articles=[*situation.articles, article("x.txt", "2025-08-10"),
                                         article("y.txt", "2025-08-12"), article("z.txt", "2025-08-12")])
    folder = tmp_path / "seeds"
    folder.mkdir()
    app = make_app(folder, temp_config(tmp_path), engine=FakeEngine(dated), state_path=tmp_path / "seen.json",
                   watch=False, clock=lambda: FIXED_MTIME)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        spark = app.query_one(ArticlesSparkline)
        assert spark.display and spark.region.height == 1
        assert list(spark.data or []) == [1, 0, 2]
        assert "1 article without a day of publication" in str(spark.tooltip)


async def test_the_header_has_no_sparkline_when_no_two_days_are_dated(tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    app = make_app(folder, temp_config(tmp_path), engine=FakeEngine(mali_situation()),
                   state_path=tmp_path / "seen.json", watch=False, clock=lambda: FIXED_MTIME)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert not app.query_one(ArticlesSparkline).display


async def test_a_narrow_header_leaves_the_room_to_the_title(tmp_path: Path) -> None:
    situation = mali_situation()
    dated = replace(situation, articles=[article("x.txt", "2025-08-10"), article("y.txt", "2025-08-12")])
    folder = tmp_path / "seeds"
    folder.mkdir()
    app = make_app(folder, temp_config(tmp_path), engine=FakeEngine(dated), state_path=tmp_path / "seen.json",
                   watch=False, clock=lambda: FIXED_MTIME)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        assert not app.query_one(ArticlesSparkline).display
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.query_one(ArticlesSparkline).display


def test_the_help_says_what_the_sparkline_leaves_out() -> None:
    console = Console(width=200, record=True)
    console.print(help_text())
    text = " ".join(console.export_text().split())
    assert "articles per day by publication date" in text and "(file time) are left out" in text
