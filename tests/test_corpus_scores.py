"""The real corpus in ../shared/corpus, scored by ../shared/tools/score_report.py.

Each situation's articles (everything but the key files) are copied to a temp folder, analysed
cold, written as a JSON report and scored against the careful reader's key. The scores are
printed; the test fails below actor recall 0.9, overall 0.9, or with any junk actor. Skipped
cleanly when ../shared is absent (the articles are copyrighted and not in this repository).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.config import Config
from sitrep.engine import Engine

from conftest import CORPUS_SCORES

SHARED = Path(os.environ.get("SITREP_SHARED", Path(__file__).resolve().parents[2] / "shared"))
CORPUS = SHARED / "corpus"
SCORER = SHARED / "tools" / "score_report.py"
KEY_FILES = {"EXPECTED.md", "expected.json"}
SETS = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.json").is_file()) if CORPUS.is_dir() else []

pytestmark = pytest.mark.skipif(not SETS or not SCORER.is_file(), reason="../shared/corpus is not available")


@pytest.fixture(scope="module")
def engine() -> Engine:
    config = Config()
    config.cache.enabled = False
    return Engine(config)


def _score(engine: Engine, name: str, tmp_path: Path, lines: list[str]) -> dict[str, float]:
    articles = tmp_path / name
    articles.mkdir()
    for path in (CORPUS / name).iterdir():
        if path.is_file() and path.name not in KEY_FILES:
            shutil.copy(path, articles / path.name)
    report = tmp_path / f"{name}.json"
    report.write_text(json.dumps(engine.analyse(articles).to_dict()), encoding="utf-8")
    out = subprocess.run([sys.executable, str(SCORER), str(report), str(CORPUS / name / "expected.json")],
                         capture_output=True, text=True, check=True).stdout
    lines.append(f"{name}: {out.strip()}")
    line = out.strip().splitlines()[-1]
    found, wanted = map(int, re.search(r"actors (\d+)/(\d+)", line).groups())
    return {"actor_recall": found / wanted if wanted else 1.0,
            "junk": int(re.search(r"junk (\d+)", line).group(1)),
            "score": float(re.search(r"score (-?[\d.]+)", line).group(1))}


@pytest.mark.parametrize("name", SETS)
def test_corpus_situation_scores_at_least_0_9_with_no_junk(engine: Engine, name: str, tmp_path: Path,
                                                          request: pytest.FixtureRequest) -> None:
    result = _score(engine, name, tmp_path, request.config.stash[CORPUS_SCORES])
    assert result["junk"] == 0, result
    assert result["actor_recall"] >= 0.9, result
    assert result["score"] >= 0.9, result
