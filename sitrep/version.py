"""The pipeline version: what makes a cached result stale.

It changes when the code that shapes a cached result changes (the reader, the spaCy
components and the extractors are hashed, so an upgrade never serves stale results), when
the bundled or user patterns change, or when the configured models change version. It is
computed without importing spaCy so a warm run stays fast.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

from .config import Config

EXTRACTOR_VERSION = "2"
"""Bump when extraction logic changes in a way that alters results."""

PACKAGE = Path(__file__).parent
PATTERNS_DIR = PACKAGE / "nlp" / "patterns"
SOURCES = ("reader.py", "model.py", "names.py", "dates.py", "lexicon.py", "lexicon.json", "outlets.json", "nlp/*.py", "extract/*.py")
"""What per-article results are computed by; merge and the writers run after the cache."""


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
    for part in _model_versions(config.model.names):
        h.update(part.encode())
    files = sorted(path for pattern in SOURCES for path in PACKAGE.glob(pattern))
    files += sorted(PATTERNS_DIR.glob("*.jsonl"))
    user = config.patterns_path
    if user is not None and user.is_file():
        files.append(user)
    for path in files:
        h.update(path.relative_to(PACKAGE).as_posix().encode() if path.is_relative_to(PACKAGE) else path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]
