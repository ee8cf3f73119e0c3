"""What the dashboard's start leaves for later: work that only a search or a parse needs."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

PROBE = """
import json, sys
import sitrep.engine_process, sitrep.tui.app
import sitrep.dates
print(json.dumps({"modules": sorted(sys.modules), "grammar": sitrep.dates._grammar.cache_info().currsize}))
"""


@pytest.fixture(scope="module")
def started() -> dict[str, Any]:
    """What a fresh process holds once it has imported the dashboard, as `sitrep` does."""
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def test_the_dashboard_imports_no_fuzzy_matcher_before_a_search(started: dict[str, Any]) -> None:
    assert not [name for name in started["modules"] if name.split(".")[0] == "rapidfuzz"]


def test_the_dashboard_compiles_no_date_grammar_it_only_reads_iso_dates_with(started: dict[str, Any]) -> None:
    assert started["grammar"] == 0


def test_the_dashboard_imports_no_language_model(started: dict[str, Any]) -> None:
    assert "spacy" not in started["modules"]
