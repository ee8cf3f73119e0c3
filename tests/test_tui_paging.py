"""The arithmetic of a pane's window over a long list (`sitrep.tui.paging`), without an app."""

from __future__ import annotations

from sitrep.tui.paging import (
    MAX_PAGE,
    MAX_PAGES,
    MIN_FIRST_PAGE,
    MIN_PAGE,
    Window,
    is_first_page,
    kept_scroll,
    near_rows,
    page_rows,
)


def test_a_page_covers_a_few_screens_of_rows_of_the_height_drawn() -> None:
    assert page_rows(15, 1.0) == 60
    assert page_rows(40, 5.0) == 32
    assert page_rows(15, 5.0) == MIN_PAGE
    assert page_rows(40, 1.0) == MAX_PAGE


def test_a_pane_not_laid_out_yet_still_gets_a_page() -> None:
    assert MIN_PAGE <= page_rows(0, 1.0) <= MAX_PAGE


def test_the_first_page_a_pane_builds_is_about_a_screen_and_a_half_and_never_more_than_a_page() -> None:
    assert page_rows(20, 1.0, first=True) == 30
    assert page_rows(20, 5.0, first=True) == MIN_FIRST_PAGE
    assert page_rows(0, 1.0, first=True) < page_rows(0, 1.0)
    assert page_rows(100, 1.0, first=True) == page_rows(100, 1.0) == MAX_PAGE


def test_only_a_pane_s_first_rows_of_a_list_longer_than_a_page_are_a_first_page() -> None:
    assert is_first_page(0, MIN_PAGE + 1)
    assert not is_first_page(0, MIN_PAGE)  # a short list is built whole
    assert not is_first_page(1, 2_000)  # the pane has built rows before: a whole page


def test_the_next_page_comes_about_a_screen_before_an_edge() -> None:
    assert near_rows(60) == 15
    assert near_rows(MIN_PAGE) >= 2


def test_a_window_around_an_entry_holds_it_in_its_middle() -> None:
    window = Window.around(1_000, 2_000, 20)
    assert (window.start, window.end) == (990, 1_010)
    assert 1_000 in window and 1_010 not in window


def test_a_window_around_an_entry_near_an_end_is_a_whole_page() -> None:
    assert Window.around(3, 2_000, 20) == Window(0, 20, 2_000)
    assert Window.around(1_998, 2_000, 20) == Window(1_980, 2_000, 2_000)
    assert Window.around(5, 7, 20) == Window(0, 7, 7)


def test_the_last_page_ends_at_the_last_entry_and_says_what_is_above() -> None:
    window = Window.last(2_000, 20)
    assert window == Window(1_980, 2_000, 2_000)
    assert window.above == 1_980 and window.below == 0


def test_the_first_page_starts_at_the_first_entry() -> None:
    window = Window.first(2_000, 20)
    assert window.above == 0 and window.below == 1_980


def test_growing_down_keeps_the_rows_built_and_stops_at_the_end() -> None:
    assert Window(0, 20, 30).down(20) == Window(0, 30, 30)


def test_growing_up_drops_the_far_end_past_a_few_pages() -> None:
    grown = Window(100, 100 + MAX_PAGES * 20, 2_000).up(20)
    assert grown.start == 80 and grown.end - grown.start == MAX_PAGES * 20
    assert Window(10, 30, 2_000).up(20) == Window(0, 30, 2_000)


def test_an_empty_list_has_an_empty_window() -> None:
    assert Window.around(0, 0, 20) == Window(0, 0, 0)


def test_a_new_view_builds_the_window_around_its_entry_or_the_first_page() -> None:
    assert Window.at(None, 500, 40) == Window.first(500, 40)
    assert Window.at(300, 500, 40) == Window.around(300, 500, 40)


def test_a_new_view_keeps_the_scroll_only_when_both_windows_start_at_the_top() -> None:
    top, lower = Window.first(500, 40), Window.around(300, 500, 40)
    assert kept_scroll(top, top, 12.0) == 12.0
    assert kept_scroll(lower, top, 12.0) is None and kept_scroll(top, lower, 12.0) is None
