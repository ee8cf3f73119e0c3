"""The certainty mix bar in the Actors table: how sure the sources are of each actor's claims."""

from __future__ import annotations

from pathlib import Path

from sitrep.tui.actors_pane import ActorsPane
from sitrep.tui.marks import certainty_mix, certainty_style, mix_bar, mix_cells

from dated_fixtures import dated_situation
from test_tui_app import fake_app
from tui_fixtures import mali_situation, screen_text, settled


def test_each_claim_gets_a_cell_while_they_fit() -> None:
    assert mix_cells({"stated": 2, "reported": 1, "denied": 1}, 8) == {
        "stated": 2,
        "reported": 1,
        "denied": 1,
    }


def test_more_claims_than_cells_share_the_bar_in_proportion() -> None:
    assert mix_cells({"stated": 30, "reported": 10}, 8) == {"stated": 6, "reported": 2}


def test_a_rare_certainty_keeps_one_cell() -> None:
    cells = mix_cells({"stated": 98, "alleged": 1, "denied": 1}, 8)
    assert cells == {"stated": 6, "alleged": 1, "denied": 1}


def test_a_denial_counts_as_denied_whatever_its_certainty() -> None:
    protesters = dated_situation().actors[1]
    assert certainty_mix(protesters) == {"reported": 1, "denied": 1}


def test_the_bar_is_a_symbol_per_cell_in_its_certainty_colour() -> None:
    protesters = dated_situation().actors[1]
    bar = mix_bar(protesters, 8)
    assert bar.plain == "◐✕"
    assert [str(span.style) for span in bar.spans] == [certainty_style("reported"), certainty_style("denied")]


async def test_the_actors_table_shows_each_actors_mix_beside_its_status(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        pane = app.query_one(ActorsPane)
        mix = [str(column.key.value) for column in pane.ordered_columns].index("mix")
        assert str(pane.get_row("Abass Dembele")[mix]) == "◐✕"
        assert str(pane.get_row("the junta")[mix]) == ""  # no claims of its own: an empty bar
        lines = screen_text(app).splitlines()
    dembele = next(line for line in lines if "Abass Dembele" in line)
    assert "◐✕" in dembele.split("Abass Dembele", 1)[1]


async def test_the_mix_bar_makes_way_on_a_narrow_pane(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        assert all(c.key != "mix" for c in app.query_one(ActorsPane).columns_for(44))


async def test_the_evidence_of_an_actor_counts_its_claims_by_certainty(tmp_path: Path) -> None:
    app = fake_app(tmp_path, mali_situation())
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(pilot)
        await pilot.press("2")
        await pilot.pause()
        assert "certainty of its claims: ◐ 1 reported · ✕ 1 denied" in screen_text(app)
