"""End to end on the bundled seeds: the report an analyst gets from `sitrep report seeds`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sitrep.config import Config
from sitrep.engine import Engine
from sitrep.model import Situation
from sitrep.report.markdown import to_markdown

SEEDS = Path(__file__).parent.parent / "seeds"


@pytest.fixture(scope="module")
def seeds_situation(tmp_path_factory: pytest.TempPathFactory) -> Situation:
    folder = tmp_path_factory.mktemp("seeds")
    for path in SEEDS.iterdir():
        shutil.copy(path, folder / path.name)
    config = Config()
    config.cache.enabled = False
    return Engine(config).analyse(folder)


def _actor(situation: Situation, name: str):
    return next(a for a in situation.actors if a.name == name)


@pytest.mark.parametrize("name", ["Asimi Goïta", "Abass Dembele", "Nema Sagara"])
def test_generals_are_persons_with_their_title(seeds_situation: Situation, name: str) -> None:
    actor = _actor(seeds_situation, name)
    assert actor.kind == "person"
    assert "General" in actor.roles


@pytest.mark.parametrize("name", ["Moussa Mara", "Choguel Maiga"])
def test_former_prime_ministers_both_get_the_title(seeds_situation: Situation, name: str) -> None:
    actor = _actor(seeds_situation, name)
    assert actor.kind == "person"
    assert "former Prime Minister" in actor.roles


@pytest.mark.parametrize("name", ["Mali", "Russia", "France"])
def test_countries_are_countries(seeds_situation: Situation, name: str) -> None:
    assert _actor(seeds_situation, name).kind == "country"


def test_afp_is_a_news_agency(seeds_situation: Situation) -> None:
    assert "news agency" in _actor(seeds_situation, "AFP").roles


def test_the_junta_is_a_collective_in_power_since_2021(seeds_situation: Situation) -> None:
    junta = _actor(seeds_situation, "the junta")
    assert junta.kind == "collective"
    assert "2021" in junta.status


def test_no_place_is_a_person_and_no_headline_is_an_organisation(seeds_situation: Situation) -> None:
    persons = {a.name for a in seeds_situation.actors if a.kind == "person"}
    assert not persons & {"Mali", "Bamako", "Russia", "France"}
    assert not any(len(a.name.split()) > 5 for a in seeds_situation.actors)


def test_repeated_paragraphs_do_not_double_mentions(seeds_situation: Situation) -> None:
    # Goïta is named once in the article, whose paragraphs are all printed twice.
    assert _actor(seeds_situation, "Asimi Goïta").mentions == 1
    assert seeds_situation.articles[0].duplicates_removed >= 1


def test_dembeles_arrest_is_disputed_not_stated(seeds_situation: Situation) -> None:
    dembele = _actor(seeds_situation, "Abass Dembele")
    assert "denied" in dembele.status
    assert "reportedly" in dembele.status
    assert any(d.kind == "contradiction" and "Dembele" in d.subject for d in seeds_situation.disputes)


def test_figures_that_can_all_hold_are_no_dispute(seeds_situation: Situation) -> None:
    """ "dozens", "scores" and "20 to 50" soldiers overlap: different wordings, one possible count;
    "multiple" is no figure at all."""
    assert not [d for d in seeds_situation.disputes if d.kind == "numeric"]
    thin = " ".join(c.sentence for d in seeds_situation.disputes if d.kind == "thin sourcing"
                    for c in d.claims)
    assert "dozens" in thin and "20 to 50" in thin


def test_official_silence_is_noted(seeds_situation: Situation) -> None:
    assert any(d.kind == "silence" and "authorities" in d.subject for d in seeds_situation.disputes)


def test_context_holds_history_alliances_and_neighbours(seeds_situation: Situation) -> None:
    years = {y for c in seeds_situation.context if c.kind == "history" for y in c.years}
    assert {2012, 2020, 2021} <= years
    assert any(c.kind == "alliance" and "Russia" in c.text for c in seeds_situation.context)
    assert any(c.kind == "rupture" and "France" in c.text for c in seeds_situation.context)
    [neighbours] = [c for c in seeds_situation.context if c.kind == "neighbour"]
    assert "Niger" in neighbours.text and "Burkina Faso" in neighbours.text


def test_history_is_sorted_by_year(seeds_situation: Situation) -> None:
    firsts = [c.years[0] for c in seeds_situation.context if c.kind == "history"]
    assert firsts == sorted(firsts)


DISPUTE_LINES = ("Disputed:", "Figures differ", "No official word")


def test_status_summary_has_three_to_six_lines_most_certain_first(seeds_situation: Situation) -> None:
    lines = [line for line in seeds_situation.status if not line.text.startswith(DISPUTE_LINES)]
    assert 3 <= len(lines) <= 6
    ranks = {"stated": 0, "reported": 1, "alleged": 2, "unclear": 3, "denied": 3}
    assert [ranks[line.certainty] for line in lines] == sorted(ranks[line.certainty] for line in lines)
    assert all(line.sources for line in seeds_situation.status)


def test_the_live_disputes_follow_the_status_lines(seeds_situation: Situation) -> None:
    kinds = [line.text.startswith(DISPUTE_LINES) for line in seeds_situation.status]
    assert any(kinds) and kinds == sorted(kinds)


def test_every_item_has_evidence_from_the_seed_file(seeds_situation: Situation) -> None:
    data = seeds_situation.to_dict()
    for actor in data["actors"]:
        assert actor["evidence"], actor["name"]
        assert all(e["file"].endswith(".txt") and e["sentence"] for e in actor["evidence"])
    for item in data["context"]:
        if item["kind"] != "neighbour":
            assert item["evidence"], item


def test_json_contract_has_the_promised_keys(seeds_situation: Situation) -> None:
    data = json.loads(json.dumps(seeds_situation.to_dict()))
    assert {"status", "actors", "disputes", "context", "articles"} <= set(data)
    for actor in data["actors"]:
        assert {"name", "aliases", "kind", "roles", "status", "mentions", "evidence"} <= set(actor)
    for dispute in data["disputes"]:
        assert {"subject", "kind", "claims"} <= set(dispute)
        for claim in dispute["claims"]:
            assert {"text", "source", "stance", "article"} <= set(claim)


def test_markdown_reads_as_a_sitrep(seeds_situation: Situation) -> None:
    text = to_markdown(seeds_situation)
    for heading in ("## Status", "## Actors", "## Disputed facts", "## Regional context", "## Sources"):
        assert heading in text
    assert "Abass Dembele" in text
