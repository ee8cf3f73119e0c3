"""A refactor proves itself: the JSON report of every corpus set is byte-identical to before.

Write the reports before the change and name their folder in `$SITREP_REPORTS_BASELINE`:

    python tests/corpus_support.py --reports /tmp/before
    # ... the refactor ...
    SITREP_REPORTS_BASELINE=/tmp/before python -m pytest tests/test_report_identity.py

(`python tests/corpus_support.py --compare /tmp/before` says the same without pytest.) The
reports are the JSON writer's, with the temp folder and the time written made fixed. Skipped
cleanly when ../shared/corpus is absent or no baseline is named: a change in behaviour is meant
to change the reports, so there is no recorded baseline in the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitrep.config import Config
from sitrep.engine import Engine

from corpus_support import REPORT_SUFFIX, comparable_report, corpus_sets

SETS = corpus_sets()
BASELINE = Path(os.environ["SITREP_REPORTS_BASELINE"]) if os.environ.get("SITREP_REPORTS_BASELINE") else None

pytestmark = [pytest.mark.skipif(not SETS, reason="../shared/corpus is not available"),
              pytest.mark.skipif(BASELINE is None, reason="no baseline folder in $SITREP_REPORTS_BASELINE")]


@pytest.fixture(scope="module")
def engine() -> Engine:
    config = Config()
    config.cache.enabled = False
    return Engine(config)


@pytest.mark.parametrize("name", SETS)
def test_corpus_report_is_byte_identical_to_the_baseline(engine: Engine, name: str, tmp_path: Path) -> None:
    assert BASELINE is not None
    recorded = BASELINE / f"{name}{REPORT_SUFFIX}"
    assert recorded.is_file(), f"no {recorded}: run python tests/corpus_support.py --reports DIR"
    assert comparable_report(engine, name, tmp_path) == recorded.read_text(encoding="utf-8")
