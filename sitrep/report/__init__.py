"""Report writers over a `Situation`: JSON for scripts, Markdown for people.

The two writers are imported on first use: the dashboard imports `report.events` at its start
and needs neither until an export (importing them took 35-40 ms of that start).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .json_report import to_json
    from .markdown import to_markdown

__all__ = ["to_json", "to_markdown"]


def __getattr__(name: str) -> object:
    """`to_json` and `to_markdown`, imported when first asked for."""
    if name == "to_json":
        from .json_report import to_json

        return to_json
    if name == "to_markdown":
        from .markdown import to_markdown

        return to_markdown
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
