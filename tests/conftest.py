"""Suite-wide hooks: the corpus scores are printed in the terminal summary, even under -q."""

from __future__ import annotations

import pytest

CORPUS_SCORES = pytest.StashKey[list[str]]()


def pytest_configure(config: pytest.Config) -> None:
    """Give every run an empty list of corpus score lines."""
    config.stash[CORPUS_SCORES] = []


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:  # noqa: ANN001
    """Print the score line of every corpus situation scored in this run."""
    lines = config.stash.get(CORPUS_SCORES, [])
    if lines:
        terminalreporter.section("corpus scores (../shared/tools/score_report.py)")
        for line in lines:
            terminalreporter.write_line(line)
