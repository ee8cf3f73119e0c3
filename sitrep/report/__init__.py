"""Report writers over a `Situation`: JSON for scripts, Markdown for people."""

from __future__ import annotations

from .json_report import to_json
from .markdown import to_markdown

__all__ = ["to_json", "to_markdown"]
