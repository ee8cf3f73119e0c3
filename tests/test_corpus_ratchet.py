"""The ratchet's arithmetic: what counts as worse, and how a record is raised (no corpus needed)."""

from __future__ import annotations

from corpus_support import better, parse_scores, worse

LINE = ("actors 9/10 status 7/9 disputes 2/2 context 5/6 summary 2/3 misstated 1 false_disputes 0 "
        "dispute_noise 0 junk 0 reported_actors 14 score 0.71")


def test_the_scorer_line_is_read_into_numbers() -> None:
    numbers = parse_scores(LINE)
    assert numbers["score"] == 0.71 and numbers["misstated"] == 1 and numbers["summary_found"] == 2


def test_a_lower_score_is_worse() -> None:
    assert worse({"score": 0.70}, {"score": 0.71}) == ["score 0.71 -> 0.7"]


def test_more_misstatements_are_worse_even_with_a_higher_score() -> None:
    assert worse({"score": 0.9, "misstated": 1}, {"score": 0.8, "misstated": 0}) == ["misstated 0 -> 1"]


def test_equal_numbers_are_not_worse() -> None:
    assert worse(parse_scores(LINE), parse_scores(LINE)) == []


def test_a_record_only_moves_in_the_better_direction() -> None:
    record = {"score": 0.8, "misstated": 1, "false_disputes": 0, "junk": 0}
    raised = better({"score": 0.75, "misstated": 0, "false_disputes": 1, "junk": 0}, record)
    assert raised == {"score": 0.8, "misstated": 0, "false_disputes": 0, "junk": 0}
