"""Tests for `--focus COUNTRY` (`sitrep.focus`): which articles of an archive concern a country."""

from __future__ import annotations

import pytest

from sitrep.focus import Focus
from sitrep.model import ActorMention, ArticleResult, ContextItem


def article(*names: str, places: tuple[str, ...] = (), aliases: tuple[str, ...] = ()) -> ArticleResult:
    """An article whose actors are `names` (the first with `aliases`) and whose context has `places`."""
    actors = [ActorMention(name, "person", aliases=list(aliases) if i == 0 else [])
              for i, name in enumerate(names)]
    return ArticleResult("a.txt", "Title", "AFP", "2025-08-10", "h", 0.0, 100, actors=actors,
                         context=[ContextItem("place", place) for place in places])


@pytest.fixture(scope="module")
def chad() -> Focus:
    focus = Focus.named("chad")
    assert focus is not None
    return focus


def test_a_country_is_named_by_any_of_its_names_in_any_case() -> None:
    assert [f.country if f else None for f in (Focus.named("Burma"), Focus.named("  myanmar "))] == \
        ["Myanmar", "Myanmar"]


def test_a_name_that_is_no_country_names_no_focus() -> None:
    assert Focus.named("Atlantis") is None


def test_an_article_naming_the_country_concerns_it(chad: Focus) -> None:
    assert chad.concerns(article("the army", "Chad"))


def test_an_article_naming_a_town_in_the_country_concerns_it(chad: Focus) -> None:
    assert chad.concerns(article("N'Djamena"))


def test_an_article_naming_the_countrys_people_or_institutions_concerns_it(chad: Focus) -> None:
    assert chad.concerns(article("Chadian soldiers")) and chad.concerns(article("Chad's army"))


def test_an_alias_counts_as_a_name(chad: Focus) -> None:
    assert chad.concerns(article("the transitional council", aliases=("Chad",)))


def test_a_place_the_context_puts_in_the_country_concerns_it(chad: Focus) -> None:
    assert chad.concerns(article("the governor", places=("Abeche (Chad)",)))


def test_an_article_about_a_neighbour_alone_does_not_concern_the_country(chad: Focus) -> None:
    assert not chad.concerns(article("Niger", "Nigerien soldiers", "Niamey", places=("Agadez (Niger)",)))


def test_a_name_that_only_contains_the_country_midway_does_not_concern_it(chad: Focus) -> None:
    assert not chad.concerns(article("Lake Chad Basin Commission"))
