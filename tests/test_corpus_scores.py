"""The real corpus in ../shared/corpus, scored by ../shared/tools/score_report.py, as a ratchet.

Each set is analysed cold and scored against the careful reader's key; the test fails when a set
does worse than the numbers recorded in tests/corpus_ratchet.json (a lower score, or more
misstatements, false disputes or junk actors). `python tests/corpus_support.py --write` raises
the records after an improvement. Skipped cleanly when ../shared is absent (the articles are
copyrighted and not in this repository).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.config import Config
from sitrep.engine import Engine

from conftest import CORPUS_SCORE
from corpus_support import CORPUS, analyse_set, corpus_sets, load_ratchet, parse_scores, score_line, worse

SETS = corpus_sets()

pytestmark = pytest.mark.skipif(not SETS, reason="../shared/corpus is not available")


@pytest.fixture(scope="module")
def engine() -> Engine:
    config = Config()
    config.cache.enabled = False
    return Engine(config)


def test_every_corpus_set_has_a_record() -> None:
    assert sorted(load_ratchet()) == SETS, "run: python tests/corpus_support.py --write"


@pytest.mark.parametrize("name", SETS)
def test_corpus_situation_does_no_worse_than_its_record(engine: Engine, name: str, tmp_path: Path,
                                                         record_property) -> None:  # noqa: ANN001
    line = score_line(analyse_set(engine, name, tmp_path), CORPUS / name / "expected.json").splitlines()[-1]
    numbers = parse_scores(line)
    record = load_ratchet().get(name, {})
    record_property(CORPUS_SCORE, f"{name}: {line}  (record {record.get('score')})")
    assert not worse(numbers, record), f"{name} got worse: {worse(numbers, record)}"
