"""CSV as spreadsheets read it: every text cell cleaned and unable to run as a formula.

A cell is text from articles, so it is cleaned like every other string sitrep lets out
(`text.clean`: no controls, escapes or line breaks). A text cell that a spreadsheet would
take for a formula (it begins with `=`, `+`, `-` or `@`) gets a leading apostrophe, the usual
defence against CSV injection: a headline such as `=HYPERLINK("http://evil", "click")` shows
as text. Numbers are written as numbers; an empty value as an empty cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from ..text import clean

FORMULA_STARTS = ("=", "+", "-", "@")
"""First characters that make a spreadsheet read a cell as a formula."""

Cell = str | int | float | bool | None


def cell(value: Cell) -> str | int | float:
    """One value as a safe CSV cell (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return value
    text = clean(value).strip()
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def joined(values: Iterable[str], sep: str = "; ") -> str:
    """Several values in one cell, in order, each once, empty ones left out."""
    return sep.join(dict.fromkeys(v for v in values if v))


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """A CSV document (RFC 4180: comma, double quotes, CRLF) with `header` and `rows`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return buffer.getvalue()
