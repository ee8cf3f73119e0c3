"""Every export format by name, as the documents it writes (`sitrep report --format NAME`).

A format writes one document (Markdown, JSON, ACLED rows, GeoJSON) or, for `csv`, one per
table. Each document has a default file name, used when `-o` names a folder.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Situation

FORMATS = ("md", "json", "csv", "acled", "geojson")
"""Format names, as `--format` takes them."""


@dataclass(frozen=True)
class Document:
    """One file's worth of a report."""

    name: str
    """Its file name in a folder ("sitrep.md", "actors.csv")."""
    text: str
    spreadsheet: bool = False
    """CSV for spreadsheets: written to a file with a UTF-8 byte-order mark (Excel needs it to read
    accents); never on standard output, where a pipe would get it as a character."""

    def data(self, to_file: bool) -> bytes:
        """The bytes to write: UTF-8, with the byte-order mark for a spreadsheet file."""
        mark = "\ufeff" if self.spreadsheet and to_file else ""
        return (mark + self.text).encode("utf-8")


def render(
    situation: Situation, fmt: str, *, max_actors: int = 40, table: str | None = None
) -> list[Document]:
    """The documents of `situation` in format `fmt`; `table` picks one CSV table (all when None).

    Raises `ValueError` for an unknown format or table.
    """
    if fmt == "md":
        from .markdown import to_markdown

        return [Document("sitrep.md", to_markdown(situation, max_actors))]
    if fmt == "json":
        from .json_report import to_json

        return [Document("sitrep.json", to_json(situation) + "\n")]
    if fmt == "csv":
        from .tables import TABLES

        if table is not None and table not in TABLES:
            raise ValueError(f"unknown table {table!r} (one of {', '.join(TABLES)})")
        names = [table] if table else list(TABLES)
        return [Document(f"{name}.csv", TABLES[name](situation), spreadsheet=True) for name in names]
    if fmt == "acled":
        from .acled import to_acled

        return [Document("events.csv", to_acled(situation), spreadsheet=True)]
    if fmt == "geojson":
        from .geojson_report import to_geojson

        return [Document("places.geojson", to_geojson(situation))]
    raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
