"""Suite-wide hooks: the corpus scores are printed in the terminal summary, even under -q.

A corpus test records its score line as a user property of its report; pytest-xdist carries the
report from the worker that ran the test to the controller, which writes the summary.
"""

from __future__ import annotations

import pytest

CORPUS_SCORE = "corpus_score"
"""The user property under which a corpus test records its score line."""

_score_lines: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Keep the score line a corpus test recorded (reports from xdist workers arrive here too)."""
    if report.when == "call":
        _score_lines.extend(str(value) for key, value in report.user_properties if key == CORPUS_SCORE)


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:  # noqa: ANN001
    """Print the score line of every corpus situation scored in this run, in set order."""
    if _score_lines:
        terminalreporter.section("corpus scores (../shared/tools/score_report.py)")
        for line in sorted(_score_lines):
            terminalreporter.write_line(line)
