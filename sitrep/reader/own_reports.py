"""Whether a text is a report sitrep wrote, so that one saved among the articles is not read as one.

`sitrep report -o ARTICLES/report.md` puts a report where the next run looks for articles.
Read back, it would count as another article and cite itself as a source. The reader asks
`is_sitrep_report` and lists such a file as a bad file with `OWN_REPORT` as the reason: it is
skipped, and the user is told so rather than left wondering where it went.

A report is recognised by its shape, which every report sitrep ever wrote has: Markdown that
opens with `# SITREP: ` and holds the `## Status`, `## Actors` and `## Sources` sections; or a
JSON object with every top-level key of the JSON report. No news article looks like either,
and a report the user has edited a little is still recognised.

It lives in the reader, the lower of its two users: the Markdown writer imports `TITLE_PREFIX`
from here, so the reader never imports the report writers.
"""

from __future__ import annotations

import json
import re

TITLE_PREFIX = "# SITREP: "
"""How the Markdown report begins."""

MARKDOWN_SECTIONS = frozenset({"## Status", "## Actors", "## Sources"})
"""Sections every Markdown report has."""

JSON_KEYS = frozenset({"title", "folder", "focus", "status", "actors", "disputes", "context", "articles",
                       "bad_files"})
"""Top-level keys of every JSON report."""

OWN_REPORT = "a report written by sitrep, not an article (save reports outside the articles folder)"
"""The reason given for such a file."""

_SECTION = re.compile(r"^(## [^\r\n]*?)[ \t\r]*$", re.MULTILINE)
_LEADING = "\ufeff \t\r\n"


def is_sitrep_report(text: str) -> bool:
    """Whether `text` (a whole file, decoded) is a Markdown or JSON report sitrep wrote."""
    text = text.lstrip(_LEADING)
    if text.startswith(TITLE_PREFIX):
        return MARKDOWN_SECTIONS <= set(_SECTION.findall(text))
    if text.startswith("{") and text.rstrip(_LEADING).endswith("}"):
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            return False
        return isinstance(data, dict) and JSON_KEYS <= data.keys()
    return False
