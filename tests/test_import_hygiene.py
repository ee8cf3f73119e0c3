"""The layers, checked from the source: who may import what (harlequin's `test_import_hygiene.py`).

Every `import` in the package is read with `ast` (also those inside functions and under
`TYPE_CHECKING`), so a rule breaks here when it is written, not when it first runs:
- the backend (everything but `tui/` and `cli.py`) never imports Textual or Rich, so it runs
  and is tested without a terminal;
- the dashboard (`tui/`) never imports the NLP pipeline or the extractors: it shows a
  `Situation` the engine made, and never loads spaCy itself;
- the reader imports nothing above it: only its own modules and the ground floor, so reading
  articles never pulls in the extractors, the merge or the report writers.

Plus the spaCy side of the same idea: every sitrep component declares what it `assigns` and
`requires`, so `nlp.analyze_pipes()` checks that the pipeline runs them in a workable order.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

import sitrep

PACKAGE = Path(sitrep.__file__).parent

FRONT_ENDS = ("tui/", "cli.py")
"""The modules that may talk to a terminal."""
READER_MAY_IMPORT = {"sitrep.reader", "sitrep.model", "sitrep.dates", "sitrep.text"}
"""The reader's own modules and the ground floor it stands on (data classes, date words, text safety)."""


def module_name(path: Path) -> str:
    """ "sitrep.reader.files" for sitrep/reader/files.py ("sitrep.reader" for its __init__)."""
    parts = ["sitrep", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def imports(path: Path) -> frozenset[str]:
    """Every module a file imports, as absolute dotted names (relative imports resolved)."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)  # "from . import events"
    return frozenset(found)


def files(*, under: str = "", skip: tuple[str, ...] = ()) -> list[Path]:
    """The package's Python files under a folder (relative to the package), less `skip`."""
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith(under) and not relative.startswith(skip):
            out.append(path)
    return out


def importing(paths: list[Path], *forbidden: str) -> dict[str, list[str]]:
    """For each file importing one of `forbidden` (a module or anything inside it), what it imports."""
    def hit(name: str) -> bool:
        return any(name == f or name.startswith(f + ".") for f in forbidden)

    found = {path.relative_to(PACKAGE).as_posix(): sorted(filter(hit, imports(path))) for path in paths}
    return {name: names for name, names in found.items() if names}


def test_the_backend_never_imports_textual_or_rich() -> None:
    assert importing(files(skip=FRONT_ENDS), "textual", "rich") == {}


def test_the_dashboard_never_imports_the_pipeline_or_the_extractors() -> None:
    assert importing(files(under="tui/"), "sitrep.nlp", "sitrep.extract", "spacy") == {}


def test_the_reader_imports_nothing_above_it() -> None:
    def above(name: str) -> bool:
        allowed = any(name == ok or name.startswith(ok + ".") for ok in READER_MAY_IMPORT)
        return name.startswith("sitrep.") and not allowed

    found = {path.relative_to(PACKAGE).as_posix(): sorted(filter(above, imports(path)))
             for path in files(under="reader/")}
    assert {name: names for name, names in found.items() if names} == {}


def test_the_ground_floor_the_reader_stands_on_imports_no_other_sitrep_module() -> None:
    found = {}
    for name in READER_MAY_IMPORT - {"sitrep.reader"}:
        short = name.split(".")[1]
        paths = files(under=f"{short}/") or [PACKAGE / f"{short}.py"]  # a package's files, or the module
        for path, names in importing(paths, "sitrep").items():
            # its own modules are fine
            others = [n for n in names if n != name and not n.startswith(name + ".")]
            if others:
                found[path] = others
    assert found == {}


def test_the_import_reader_sees_a_forbidden_import_written_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check itself: an import inside a function, or relative from a subpackage, is seen."""
    fake = tmp_path / "sitrep"
    (fake / "reader").mkdir(parents=True)
    late = fake / "reader" / "late.py"
    late.write_text("def f():\n    from ..extract import base\n    import textual.app\n", encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.PACKAGE", fake)
    assert imports(late) >= {"sitrep.extract", "sitrep.extract.base", "textual.app"}


# --- spaCy: the components' declared order ---------------------------------------------------


def test_the_sitrep_pipeline_runs_every_component_after_what_it_requires() -> None:
    from sitrep.config import Config
    from sitrep.nlp.pipeline import load_pipeline

    nlp = load_pipeline(Config())
    problems = nlp.analyze_pipes(pretty=False)["problems"]
    assert {name: missing for name, missing in problems.items() if missing} == {}


def test_the_entity_fixes_before_the_ner_and_the_title_spans_is_an_order_problem() -> None:
    import spacy

    from sitrep.nlp import components  # noqa: F401  (registers the factories)

    nlp = spacy.blank("en")
    nlp.add_pipe("sitrep_entity_fixes")
    problems = nlp.analyze_pipes(pretty=False)["problems"]
    assert problems == {"sitrep_entity_fixes": ["doc.ents", "doc.spans", "token.pos"]}
