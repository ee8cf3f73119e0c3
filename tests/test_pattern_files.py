"""The pattern files: generated data equal to its generator's output, read by one validating loader.

`tools/make_patterns.py` writes `sitrep/nlp/patterns/*.jsonl`; a list edited there and not
regenerated (or a JSONL file edited by hand) fails here. `sitrep.nlp.pattern_files` is the one
loader, used by the pipeline, the extractors and the gazetteer alike.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from sitrep.nlp import pattern_files
from sitrep.nlp.errors import PatternError
from sitrep.nlp.pattern_files import PATTERNS_DIR, bundled_patterns, read_patterns

GENERATOR = Path(__file__).resolve().parents[1] / "tools" / "make_patterns.py"
BUNDLED = sorted(path.stem for path in PATTERNS_DIR.glob("*.jsonl"))


def generator() -> ModuleType:
    """tools/make_patterns.py, imported as a module."""
    spec = importlib.util.spec_from_file_location("make_patterns", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("patterns")
    generator().main(out, quiet=True)
    return out


def test_the_generator_writes_exactly_the_committed_pattern_files(generated: Path) -> None:
    assert sorted(path.stem for path in generated.glob("*.jsonl")) == BUNDLED


@pytest.mark.parametrize("name", BUNDLED)
def test_a_committed_pattern_file_equals_the_generators_output(generated: Path, name: str) -> None:
    committed = (PATTERNS_DIR / f"{name}.jsonl").read_bytes()
    assert committed == (generated / f"{name}.jsonl").read_bytes(), "run: python tools/make_patterns.py"


@pytest.mark.parametrize("name", BUNDLED)
def test_every_bundled_pattern_is_one_spacy_accepts(name: str) -> None:
    assert bundled_patterns(name)


def test_without_the_token_check_a_token_pattern_is_read_without_spacy(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('{"label": "TITLE_MOD", "pattern": [{"NOT_AN_ATTR": "x"}]}\n', encoding="utf-8")
    row = {"label": "TITLE_MOD", "pattern": [{"NOT_AN_ATTR": "x"}]}
    assert read_patterns(path, check_tokens=False) == [row]
    with pytest.raises(PatternError, match=r"p.jsonl:1: invalid token pattern"):
        read_patterns(path)


@pytest.mark.parametrize(("line", "problem"), [
    ('{"label": "ORG"}', 'a pattern needs "label" and "pattern" keys'),
    ('["ORG", "x"]', 'a pattern needs "label" and "pattern" keys'),
    ('{"label": "", "pattern": "x"}', '"label" must be a non-empty string'),
    ('{"label": "ORG", "pattern": "x", "id": 3}', '"id" must be a string'),
    ('{"label": "ORG", "pattern": "  "}', "pattern must not be empty"),
    ('{"label": "ORG", "pattern": 7}', "pattern must be a string or a list of token dicts"),
    ('{"label": "ORG", "pattern": "x"', "not JSON"),
])
def test_a_bad_row_is_a_pattern_error_naming_the_file_and_line(
    tmp_path: Path, line: str, problem: str
) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('{"label": "ORG", "pattern": "fine"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(PatternError) as info:
        read_patterns(path, check_tokens=False)
    assert str(info.value).startswith(f"{path}:2: {problem}")


def test_no_other_module_names_a_pattern_file_itself() -> None:
    package = Path(pattern_files.__file__).resolve().parents[1]
    file_name = re.compile(r"[\w/]\.jsonl\b")
    readers = [path.relative_to(package).as_posix() for path in package.rglob("*.py")
               if path.name != "pattern_files.py" and file_name.search(path.read_text(encoding="utf-8"))]
    assert readers == [], "read pattern files with sitrep.nlp.pattern_files.bundled_patterns"
