"""What the export screen writes, and where: pure functions over the report writers (no Textual).

The documents come from `sitrep.report.formats` (the writers `sitrep report --format` uses) and
are saved whole or not at all by `sitrep.report.save`. sitrep never replaces a file it did not
create without the user's say-so: `needs_consent` names the existing files that are not
recognisably a sitrep export of the same kind (a Markdown or JSON report, by
`reader.own_reports`; a CSV by its header row, the one sitrep writes for that table).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..model import Situation
from ..reader.own_reports import is_sitrep_report
from ..report.formats import Document, render
from ..report.save import save_report
from ..text import clean

FORMAT_LABELS: dict[str, str] = {
    "md": "Markdown report",
    "json": "JSON report",
    "csv": "CSV tables (a folder: actors, claims, disputes, sources)",
    "acled": "ACLED-style event rows (CSV)",
    "geojson": "GeoJSON points, one per place",
}
"""format -> how the export screen names it (the keys are `formats.FORMATS`)."""

SUFFIXES: dict[str, str] = {"md": ".md", "json": ".json", "csv": "-tables/", "acled": "-events.csv",
                            "geojson": "-places.geojson"}
"""How a default export path ends, per format ("-tables/": CSV writes a folder)."""

MAX_CHECKED = 8 * 1024 * 1024
"""Bytes of an existing file read to recognise it as sitrep's; a larger one is never taken for one."""


@dataclass(frozen=True)
class Planned:
    """One file an export will write."""

    path: Path
    document: Document


def slug(text: str) -> str:
    """`text` as a file-name part: lower case, words joined by "-" ("Abass Dembele" -> "abass-dembele")."""
    return re.sub(r"[^\w]+", "-", clean(text).casefold()).strip("-_")[:40]


def default_path(folder: Path, fmt: str, filter_name: str | None = None) -> str:
    """A file name in the current folder: "sitrep-seeds.md", "sitrep-seeds-dembele-events.csv"."""
    parts = ["sitrep", slug(folder.name) or "report"]
    if filter_name and slug(filter_name):
        parts.append(slug(filter_name))
    return "-".join(parts) + SUFFIXES[fmt]


def target_path(typed: str, cwd: Path) -> Path:
    """The path the user typed, `~` expanded, relative to `cwd`."""
    path = Path(os.path.expanduser(typed.strip()))
    return path if path.is_absolute() else cwd / path


def plan(situation: Situation, fmt: str, target: Path, max_actors: int = 40) -> list[Planned]:
    """The files an export of `situation` writes: one document at `target`, or for CSV one per
    table in the folder `target`."""
    documents = render(situation, fmt, max_actors=max_actors)
    if fmt == "csv":
        return [Planned(target / d.name, d) for d in documents]
    return [Planned(target, documents[0])]


def is_own(path: Path, document: Document) -> bool:
    """Whether the existing file `path` is a sitrep export of the same kind as `document`."""
    try:
        if path.stat().st_size > MAX_CHECKED:
            return False
        text = path.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")
    except OSError:
        return False
    if document.name.endswith(".csv"):
        return text.partition("\n")[0].rstrip("\r") == document.text.partition("\n")[0].rstrip("\r")
    return is_sitrep_report(text)


def needs_consent(planned: list[Planned]) -> list[Path]:
    """The files an export would replace that sitrep did not recognisably write."""
    return [p.path for p in planned if os.path.lexists(p.path) and not is_own(p.path, p.document)]


def write(planned: list[Planned]) -> None:
    """Save each planned file whole (a CSV folder is created); raises `OSError`."""
    for item in planned:
        item.path.parent.mkdir(parents=True, exist_ok=True)
        save_report(item.path, item.document.data(to_file=True))
