"""Tests for `sitrep.dates`: `When`, `publication_day` and `resolve` on clauses of news English.

Every sentence here is written for the test; the anchor is a Wednesday unless a test says so.
"""

from __future__ import annotations

import time
from datetime import date

import pytest
from hypothesis import given, strategies as st

from sitrep.dates import When, publication_day, resolve, resolve_all, years_in

WEDNESDAY = date(2020, 9, 2)


def iso(text: str, anchor: date | None = WEDNESDAY) -> str | None:
    """The ISO form of what `resolve` gives, or None."""
    when = resolve(text, anchor)
    return when.iso if when is not None else None


# --- When -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("when", "text", "label"), [
    (When.day(date(2020, 9, 2)), "2020-09-02", "2 September 2020"),
    (When.month(2020, 9), "2020-09", "September 2020"),
    (When.year(2020), "2020", "2020"),
    (When(date(2012, 1, 1), date(2014, 12, 31), "range"), "2012/2014", "2012-2014"),
    (When(date(2020, 9, 1), date(2020, 9, 7), "range"), "2020-09-01/2020-09-07", "1-7 September 2020"),
    (When(date(2020, 3, 1), date(2020, 5, 31), "range"), "2020-03/2020-05", "March-May 2020"),
    (When(date(2019, 12, 28), date(2020, 1, 3), "range"), "2019-12-28/2020-01-03",
     "28 December 2019-3 January 2020"),
])
def test_when_has_an_iso_form_and_a_label_for_each_precision(when: When, text: str, label: str) -> None:
    assert (when.iso, when.label) == (text, label)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
       st.integers(min_value=0, max_value=4000),
       st.sampled_from(["day", "month", "year", "range"]))
def test_from_iso_is_the_inverse_of_iso(start: date, days: int, precision: str) -> None:
    if precision == "day":
        when = When.day(start)
    elif precision == "month":
        when = When.month(start.year, start.month)
    elif precision == "year":
        when = When.year(start.year)
    else:
        when = When(start, date.fromordinal(min(start.toordinal() + days, date(2099, 12, 31).toordinal())),
                    "range")
    assert When.from_iso(when.iso) == when


@pytest.mark.parametrize(("text", "expected"), [
    ("2015-05-14T09:21", When.day(date(2015, 5, 14))),
    ("2015-05-14T09:21+01:00", When.day(date(2015, 5, 14))),
    ("2015-05-14T09:21:30Z", When.day(date(2015, 5, 14))),
    ("2015-02-30", None),
    ("May 2015", None),
    ("2014/2012", None),
])
def test_from_iso_reads_date_times_and_rejects_what_is_not_iso(text: str, expected: When | None) -> None:
    assert When.from_iso(text) == expected


def test_whens_order_by_start() -> None:
    earliest = sorted([When.year(2020), When.day(date(2019, 5, 1)), When.month(2020, 1)])[0]
    assert earliest == When.day(date(2019, 5, 1))


# --- publication_day ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("2020-09-02", date(2020, 9, 2)),
    ("2020-09-02T15:29", date(2020, 9, 2)),
    ("2020-09-02T23:29-05:00", date(2020, 9, 2)),
    ("2012-03", None),
    ("2012", None),
    ("sometime in autumn", None),
    ("", None),
    (None, None),
])
def test_publication_day_is_the_written_calendar_day_of_an_article_date(text: str | None,
                                                                         expected: date | None) -> None:
    assert publication_day(text) == expected


# --- resolve: explicit dates ------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("The ceasefire was signed on 22 August 2020 in the capital.", "2020-08-22"),
    ("The ceasefire was signed on August 22, 2020, officials said.", "2020-08-22"),
    ("Talks collapsed on March 12th 2014 after a walkout.", "2014-03-12"),
    ("A report dated 2015-05-14 was leaked.", "2015-05-14"),
    ("Rebels entered the town on Friday, 12 March 2021.", "2021-03-12"),
    ("Rebels entered the town on the 12th of March 2021.", "2021-03-12"),
])
def test_an_explicit_day_resolves_with_or_without_an_anchor(text: str, expected: str) -> None:
    assert iso(text) == expected
    assert iso(text, None) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The convoy left on March 12 under escort.", "2020-03-12"),
    ("The convoy left on 12 December under escort.", "2019-12-12"),
    ("The convoy left on September 2 under escort.", "2020-09-02"),
])
def test_a_day_without_a_year_takes_the_anchor_year_unless_that_is_after_the_anchor(text: str,
                                                                                    expected: str) -> None:
    assert iso(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Fighting resumed in February.", "2020-02"),
    ("Fighting resumed in September.", "2020-09"),
    ("Fighting resumed in November.", "2019-11"),
    ("Fighting resumed last September.", "2019-09"),
])
def test_a_month_alone_is_the_latest_such_month_on_or_before_the_anchor(text: str, expected: str) -> None:
    when = resolve(text, WEDNESDAY)
    assert when is not None and (when.iso, when.precision) == (expected, "month")


@pytest.mark.parametrize(("text", "expected"), [
    ("He was ousted in a vote in February last year.", "2019-02"),
    ("He was ousted in February of last year.", "2019-02"),
    ("The vote is due in March next year.", "2021-03"),
    ("The talks began in November this year.", "2020-11"),
])
def test_a_month_of_last_this_or_next_year_is_in_that_year(text: str, expected: str) -> None:
    when = resolve(text, WEDNESDAY)
    assert when is not None and (when.iso, when.precision) == (expected, "month")


@pytest.mark.parametrize(("text", "expected", "precision"), [
    ("The mine was seized in February 2019.", "2019-02", "month"),
    ("The mine was seized in 2009.", "2009", "year"),
    ("The mine was seized in mid-2009.", "2009", "year"),
    ("The mine changed hands between 2012 and 2014.", "2012/2014", "range"),
    ("The mine changed hands from 2012 to 2014.", "2012/2014", "range"),
    ("The mine changed hands in 2012 and 2014.", "2012/2014", "range"),
    ("The mine was built in the 1990s.", "1990/1999", "range"),
])
def test_months_years_and_spans_keep_their_precision(text: str, expected: str, precision: str) -> None:
    when = resolve(text, None)
    assert when is not None and (when.iso, when.precision) == (expected, precision)


@pytest.mark.parametrize("text", [
    "Officials say the rebels may attack the base.",
    "Theresa May's government fell.",
    "A total of 2000 soldiers were deployed.",
    "The March organisers were arrested.",
])
def test_words_that_only_look_like_dates_are_not_dates(text: str) -> None:
    assert resolve(text, WEDNESDAY) is None


def test_a_date_that_does_not_exist_is_skipped_for_the_next_one() -> None:
    assert iso("It was dated 31 February 2020, a forgery made in 2009.", None) == "2009"


# --- resolve: weekdays and relative phrases ---------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Troops withdrew on Wednesday.", "2020-09-02"),
    ("Troops withdrew on Monday.", "2020-08-31"),
    ("Wednesday's attack killed six.", "2020-09-02"),
    ("Troops withdrew last Saturday.", "2020-08-29"),
    ("Troops withdrew last Wednesday.", "2020-08-26"),
    ("The blast came on Monday night.", "2020-08-31"),
    ("The army Thursday retracted its claim.", "2020-08-27"),
])
def test_a_weekday_is_the_latest_such_day_on_or_before_the_anchor_or_strictly_before_for_last(
        text: str, expected: str) -> None:
    assert iso(text) == expected


@pytest.mark.parametrize("text", ["Troops withdrew on Wednesday.", "It happened yesterday.",
                                  "Talks began two weeks ago.", "Fighting resumed in February."])
def test_relative_dates_do_not_resolve_without_an_anchor(text: str) -> None:
    assert resolve(text, None) is None


@pytest.mark.parametrize(("text", "expected", "precision"), [
    ("The minister resigned yesterday.", "2020-09-01", "day"),
    ("The minister resigned today.", "2020-09-02", "day"),
    ("Shots were heard last night.", "2020-09-01", "day"),
    ("Talks are due this week.", "2020-08-31/2020-09-06", "range"),
    ("Talks stalled last week.", "2020-08-24/2020-08-30", "range"),
    ("Talks stalled last month.", "2020-08", "month"),
    ("Talks stalled this month.", "2020-09", "month"),
    ("Talks stalled last year.", "2019", "year"),
    ("Talks began two weeks ago.", "2020-08-17/2020-08-23", "range"),
    ("Talks began three days ago.", "2020-08-30", "day"),
    ("Talks began a month ago.", "2020-08", "month"),
    ("The girls were taken over six months ago.", "2020-03", "month"),
    ("Talks began earlier this year.", "2020-01-01/2020-09-02", "range"),
])
def test_relative_phrases_resolve_against_the_anchor_with_their_precision(text: str, expected: str,
                                                                          precision: str) -> None:
    when = resolve(text, WEDNESDAY)
    assert when is not None and (when.iso, when.precision) == (expected, precision)


def test_less_than_a_year_ago_is_no_date_and_leaves_the_next_expression_to_win() -> None:
    assert iso("He took over less than a year ago.") is None
    assert iso("He took over less than a year ago, on 24 January 2020.") == "2020-01-24"


def test_since_a_year_runs_to_the_anchor_or_is_the_year_without_one() -> None:
    assert iso("The region has been lawless since 2012.") == "2012-01-01/2020-09-02"
    assert iso("The region has been lawless since 2012.", None) == "2012"


def test_since_a_month_runs_from_that_month_to_the_anchor() -> None:
    assert iso("He has been held since May.") == "2020-05-01/2020-09-02"


# --- resolve: which expression, determinism, speed --------------------------------------------


def test_the_first_expression_in_the_text_wins() -> None:
    assert iso("Yesterday the court upheld a ruling from 2009.") == "2020-09-01"
    assert iso("A ruling from 2009 was upheld in March 2020 after an appeal in 2015.", None) == "2020-03"


def test_resolve_all_gives_every_expression_in_order() -> None:
    found = [w.iso for w in resolve_all("Fighting in 2009, a truce on 3 May 2012, talks last week.",
                                        WEDNESDAY)]
    assert found == ["2009", "2012-05-03", "2020-08-24/2020-08-30"]


def test_the_same_text_and_anchor_always_give_the_same_answer() -> None:
    text = "Rebels attacked the town on Monday, a week after talks ended last month."
    assert len({resolve(text, WEDNESDAY) for _ in range(50)}) == 1


def test_a_sentence_with_no_date_words_is_resolved_quickly() -> None:
    sentence = ("The soldiers were detained by the security services after a tip-off, a spokesman for the "
                "ruling junta said, adding that an investigation was under way.")
    start = time.process_time()
    for _ in range(2000):
        assert resolve(sentence, WEDNESDAY) is None
    assert (time.process_time() - start) / 2000 < 50e-6


def test_years_in_lists_four_digit_years_in_order() -> None:
    assert years_in("From 1998 to 2004, then 2,019 people in 2019 and 3100.") == [1998, 2004, 2019]
