"""The timeline screen (`t`): dated events per day, marked by certainty, narrowed by the filter."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sitrep.changes import Changes
from sitrep.model import Situation
from sitrep.report.events import dated_events
from sitrep.tui.app import SitrepApp, make_app
from sitrep.tui.marks import certainty_style
from sitrep.tui.timeline import gap_text, group_days, markers, timeline_events
from sitrep.tui.timeline_screen import TimelineScreen
from sitrep.tui.view import make_view

from dated_fixtures import dated_situation
from tui_fixtures import FakeEngine, screen_text, settled, temp_config, wait_for


def velmora_app(tmp_path: Path, situation: Situation | None = None, actor: str | None = None) -> SitrepApp:
    """The app over the made-up Velmora situation, live reload off."""
    folder = tmp_path / "velmora"
    folder.mkdir(exist_ok=True)
    return make_app(folder, temp_config(tmp_path), actor=actor,
                    engine=FakeEngine(situation or dated_situation()),
                    state_path=tmp_path / "last_seen.json", watch=False)


async def open_timeline(pilot: Any) -> TimelineScreen:
    """Press t once the report is on screen; the timeline once its events are shown."""
    await settled(pilot)
    await pilot.press("t")
    screen = pilot.app.screen
    assert isinstance(screen, TimelineScreen)
    await wait_for(lambda: screen.ready, description="the timeline's events")
    await pilot.pause()
    return screen


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_t_shows_each_dated_event_under_its_date(tmp_path: Path, size: tuple[int, int]) -> None:
    app = velmora_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await open_timeline(pilot)
        lines = screen_text(app).splitlines()
    detained = next(n for n, line in enumerate(lines) if "Teodor Halvass detained" in line)
    assert "2031-04-01" in lines[detained - 1]
    assert "● stated" in lines[detained]
    killed = next(n for n, line in enumerate(lines) if "protesters killed" in line)
    assert "2031-04-06" in lines[killed - 1] and "◐ reported" in lines[killed]
    assert any("2031-04-10~" in line for line in lines)  # dated by its article only
    assert any(line.strip("│ ").startswith("2031-04 ") for line in lines)  # known to the month


async def test_escape_closes_the_timeline(tmp_path: Path) -> None:
    app = velmora_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_timeline(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TimelineScreen)
        assert app.filter_name is None  # escape closed the timeline, it did not reach the filter


async def test_the_timeline_shows_only_events_involving_the_filtered_actor(tmp_path: Path) -> None:
    app = velmora_app(tmp_path, actor="Halvass")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_timeline(pilot)
        text = screen_text(app)
    assert "Teodor Halvass detained" in text and "Teodor Halvass released" in text
    assert "protesters killed" not in text and "Ilse Varro" not in text
    assert "2 dated events on 2 dates" in text and "involving Teodor Halvass" in text


async def test_the_timeline_of_a_situation_without_dates_says_what_an_event_needs(tmp_path: Path) -> None:
    bare = dated_situation()
    for actor in bare.actors:
        for event in actor.events:
            event.when = event.article_date = ""
    app = velmora_app(tmp_path, bare)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_timeline(pilot)
        assert "No dated events: an event needs a date in its sentence or its article's day." in screen_text(
            app
        )


async def test_j_scrolls_a_timeline_longer_than_the_screen(tmp_path: Path) -> None:
    long = dated_situation()
    template = long.actors[0].events[0]
    long.actors[0].events = [
        type(template)(**{**template.__dict__, "when": f"2031-05-{day:02d}"}) for day in range(1, 29)
    ]
    app = velmora_app(tmp_path, long)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_timeline(pilot)
        box = app.screen.query_one("#timeline-box")
        assert box.scroll_y == 0
        await pilot.press("j", "j")
        await pilot.pause()
        assert box.scroll_y == 2
        await pilot.press("G")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y > 2


def test_a_days_markers_are_one_symbol_per_event_in_its_certainty_colour() -> None:
    events = [e for e in dated_events(dated_situation()) if e.certainty in ("stated", "reported")]
    text = markers(events)
    assert text.plain == "●◐◐ 3 events"  # surest first
    styles = [str(span.style) for span in text.spans]
    assert styles[:3] == [certainty_style("stated"), certainty_style("reported"), certainty_style("reported")]


def test_the_filter_keeps_events_whose_sentence_names_the_actor() -> None:
    situation = dated_situation()
    view = make_view(situation, Changes(), "army")
    kept = {(e.actor.name, e.event) for e in timeline_events(view)}
    # The army's own seizure, and the killing whose sentence names its soldiers.
    assert kept == {("the army", "seized"), ("protesters", "killed"), ("Teodor Halvass", "detained")}


def test_events_on_one_date_share_a_row_and_months_come_after_the_days_they_contain() -> None:
    days = group_days(dated_events(dated_situation()))
    assert [d.label for d in days] == ["2031-04-01 ", "2031-04-06 ", "2031-04-08 ", "2031-04-10~", "2031-04"]


def test_the_time_between_dates_far_apart_is_said_in_the_largest_sensible_unit() -> None:
    assert gap_text(date(2031, 4, 1), date(2031, 4, 6)) == "5 days"
    assert gap_text(date(2031, 4, 1), date(2031, 9, 1)) == "5 months"
    assert gap_text(date(2012, 3, 22), date(2015, 5, 11)) == "3 years"
