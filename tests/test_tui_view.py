"""Unit tests of the TUI's pure parts: filtering and matching, safe text, counts, column layout."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from rich.console import Console
from rich.text import Text

from sitrep.changes import Changes
from sitrep.model import ArticleInfo
from sitrep.text import clean
from sitrep.tui.actors_pane import ActorsPane, status_text
from sitrep.tui.commands import plain_letters
from sitrep.tui.evidence_view import HIGHLIGHT, highlight
from sitrep.tui.header import freshness
from sitrep.tui.help_screen import help_text
from sitrep.tui.marks import count_sources, safe
from sitrep.tui.sources_pane import TIME_WIDTH, SourcesPane, time_text, time_width
from sitrep.tui.view import filter_situation, find_actor, make_view, suggest_actors

from tui_fixtures import FIXED_MTIME, MALI, S_INITIAL, mali_situation, mali_update

# ---------------------------------------------------------------- matching


@pytest.mark.parametrize("typed", ["goita", "Goïta", "asimi goita", "ASIMI"])
def test_suggestions_ignore_case_and_accents(typed: str) -> None:
    situation = mali_situation()
    situation.actors[2].aliases = []  # only the accented canonical name is left to match
    assert suggest_actors(situation, typed)[0][0].name == "Asimi Goïta"


def test_suggestions_say_which_alias_matched() -> None:
    actor, matched = suggest_actors(mali_situation(), "general nema")[0]
    assert (actor.name, matched) == ("Nema Sagara", "General Nema Sagara")


def test_an_empty_query_suggests_the_main_actors_in_report_order() -> None:
    names = [a.name for a, _ in suggest_actors(mali_situation(), "", limit=20)]
    assert names[0] == "Abass Dembele" and "Russia" not in names


def test_a_typo_still_finds_the_actor() -> None:
    found = find_actor(mali_situation(), "Moussa Marra")
    assert found is not None and found.name == "Moussa Mara"


def test_an_unrelated_word_finds_no_actor() -> None:
    assert find_actor(mali_situation(), "Zorglub") is None


# ---------------------------------------------------------------- filtering


def test_filter_keeps_the_actor_and_those_named_with_it() -> None:
    narrowed, actor = filter_situation(mali_situation(), "Sagara")
    assert actor is not None and actor.name == "Nema Sagara"
    assert [a.name for a in narrowed.actors] == ["Nema Sagara", "Abass Dembele"]


def test_filter_drops_items_that_do_not_involve_the_actor() -> None:
    narrowed, _actor = filter_situation(mali_situation(), "Moussa Mara")
    assert [s.text for s in narrowed.status] == [
        "Former prime ministers Moussa Mara and Choguel Maiga detained after criticising the junta"]
    assert narrowed.disputes == [] and narrowed.context == []


def test_filter_keeps_only_articles_the_actor_appears_in() -> None:
    narrowed, _actor = filter_situation(mali_update(), "Souleymane Dembele")
    assert [a.path for a in narrowed.articles] == ["bbc_mali_update.txt"]
    assert narrowed.bad_files == []


def test_an_unknown_name_filters_on_the_words() -> None:
    situation = mali_situation()
    situation.status[4].text = "Zorglub says the authorities have not commented"
    narrowed, actor = filter_situation(situation, "Zorglub")
    assert actor is None and [s.text for s in narrowed.status] == [situation.status[4].text]


def test_a_view_without_a_filter_is_the_whole_situation() -> None:
    situation = mali_situation()
    view = make_view(situation, Changes(), None)
    assert view.situation is situation and not view.filtered


# ---------------------------------------------------------------- untrusted text


@pytest.mark.parametrize("raw, shown", [
    ("\x1b[31mred\x1b[0m", "red"),
    ("title\x1b]0;pwned\x07 here", "title here"),
    ("bell\x07 and \x9b31m C1", "bell and  C1"),
    ("\x9d0;C1TITLE\x07name", "name"),
    ("spoof\u202etxt.exe\u200b", "spooftxt.exe"),
    ("line\nbreak\ttab", "line break tab"),
    ("[red]markup[/red] [link=http://x]y[/link]", "[red]markup[/red] [link=http://x]y[/link]"),
])
def test_clean_removes_escapes_and_keeps_words(raw: str, shown: str) -> None:
    assert clean(raw) == shown


def test_safe_text_is_never_read_as_markup() -> None:
    text = safe("[bold red]alarm[/] [link=http://evil]x[/link]")
    assert text.plain == "[bold red]alarm[/] [link=http://evil]x[/link]" and not text.spans


def test_highlight_marks_every_name_as_a_whole_word() -> None:
    text = highlight(S_INITIAL, ("Abass Dembele", "Dembele"))
    marked = [text.plain[s.start:s.end] for s in text.spans if s.style == HIGHLIGHT]
    assert marked == ["Abass Dembele"]


def test_highlight_ignores_accents_either_way() -> None:
    text = highlight("General Asimi Goita met Goïta's aides and Mr Dembélé.",
                     ("Asimi Goïta", "Goita", "Dembele"))
    marked = [text.plain[s.start:s.end] for s in text.spans if s.style == HIGHLIGHT]
    assert marked == ["Asimi Goita", "Goïta", "Dembélé"]


def test_highlight_keeps_markup_in_the_sentence_literal() -> None:
    text = highlight("[red]Mara[/red] was held", ("Mara",))
    assert text.plain == "[red]Mara[/red] was held"
    assert [text.plain[s.start:s.end] for s in text.spans] == ["Mara"]


def test_plain_letters_keeps_the_length() -> None:
    assert plain_letters("Goïta Çë") == "Goita Ce"


# ---------------------------------------------------------------- counts and times


def test_count_one_article_of_unknown_outlet() -> None:
    assert count_sources(mali_situation()) == "1 article · outlet unknown"


def test_count_named_outlets_and_unknown_ones() -> None:
    assert count_sources(mali_update()) == "2 articles · 1 outlet + 1 unknown"


def test_count_articles_all_from_named_outlets() -> None:
    situation = mali_update()
    situation.articles[0] = replace(situation.articles[0], outlet="AFP")
    assert count_sources(situation) == "2 articles · 2 outlets"


def test_count_several_articles_of_unknown_outlets() -> None:
    situation = mali_situation()
    situation.articles.append(ArticleInfo("b.txt", "B", "", None, FIXED_MTIME, 10))
    assert count_sources(situation) == "2 articles · outlets unknown"


def test_freshness_in_words() -> None:
    assert freshness(FIXED_MTIME, FIXED_MTIME + 3 * 60) == "updated 3 minutes ago"


def test_freshness_of_a_file_dated_in_the_future_is_now() -> None:
    assert freshness(FIXED_MTIME + 60, FIXED_MTIME) == "updated now"


# ---------------------------------------------------------------- rendering helpers


def test_actor_status_carries_its_certainty_word() -> None:
    assert status_text(mali_situation().actors[0]).plain.startswith("⇄ contested reported detained")


def test_compact_actor_status_keeps_the_symbol() -> None:
    assert status_text(mali_situation().actors[0], compact=True).plain.startswith("⇄ reported detained")


@pytest.mark.parametrize("width", [20, 36, 46, 60, 78, 89, 90, 105, 129, 130, 180])
def test_actor_columns_fit_the_pane(width: int) -> None:
    specs = ActorsPane().columns_for(width)
    assert sum(s.width or 0 for s in specs) + 2 * len(specs) <= max(width, 33)
    assert [s.key for s in specs][:2] == ["mark", "name"] and specs[-2].key == "status"


@pytest.mark.parametrize("width", [30, 36, 50, 75, 76, 100, 150])
def test_source_columns_fit_the_pane_and_the_title_comes_first(width: int) -> None:
    specs = SourcesPane().columns_for(width)
    assert sum(s.width or 0 for s in specs) + 2 * len(specs) <= width
    assert specs[0].key == "article" and specs[0].width == max(s.width or 0 for s in specs)


def test_an_article_title_keeps_markup_literal_in_sources() -> None:
    situation = mali_situation()
    situation.articles[0].title = "[red]Title[/red]"
    view = make_view(situation, Changes(), None)
    pane = SourcesPane()
    row = pane.row(view, pane.entries(view)[0])
    assert str(row.cells[0]).startswith("[red]Title[/red]")
    assert isinstance(row.cells[0], Text)
    assert row.key == f"article:{MALI}"


def test_time_column_is_as_wide_as_the_longest_publication_date() -> None:
    articles = [ArticleInfo("a.txt", "A", "", "2020-09-23T09:25", FIXED_MTIME, 10),
                ArticleInfo("b.txt", "B", "", "2020-08-22", FIXED_MTIME, 10)]
    assert time_width(articles) == len("23 September 2020, 09:25")


def test_time_column_never_grows_past_a_file_time() -> None:
    articles = [ArticleInfo("a.txt", "A", "", "sometime in the long-ago reign of someone", FIXED_MTIME, 10),
                ArticleInfo("b.txt", "B", "", None, FIXED_MTIME, 10)]
    assert time_width(articles) == TIME_WIDTH == len(time_text(articles[1]).plain)


def test_a_date_sitrep_cannot_read_shows_literally() -> None:
    article = ArticleInfo("a.txt", "A", "", "[red]soon[/red]\x1b[31m", FIXED_MTIME, 10)
    assert time_text(article).plain == "[red]soon[/red]" and not time_text(article).spans


def test_help_says_what_a_file_time_is() -> None:
    console = Console(width=120, record=True, file=io.StringIO())
    console.print(help_text())
    line = next(line for line in console.export_text().splitlines() if line.startswith("file time"))
    assert "an article that gives no date" in line


def test_a_disputes_sides_show_their_independent_sources() -> None:
    from sitrep.model import Claim, Dispute
    from sitrep.tui.disputes_pane import sides_sourcing

    dispute = Dispute("X: detained?", "contradiction",
                      [Claim("detained", "AFP", "asserts", "a.txt"),
                       Claim("denied", "his lawyer", "denies", "b.txt")],
                      independent_sources={"asserts": 2, "denies": 1})
    assert sides_sourcing(dispute) == "2 v 1 independent sources"
    assert (
        sides_sourcing(Dispute("thin", "thin sourcing", [], independent_sources={"hedges": 1})) == "1 source"
    )
