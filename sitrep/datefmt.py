"""Dates as the report and the dashboard show them: one format, and the file time marked.

An article's date is its publication date from its own text or metadata. An article with none
is placed by its file's modification time, which is shown as "file time" so nobody takes it
for a publication date.
"""

from __future__ import annotations

from datetime import datetime

from .dates import When
from .model import ArticleInfo, StateEntry


def as_of_label(iso: str) -> str:
    """An ISO date, month, year or range in plain English ("2 September 2020"); unknown text as is."""
    when = When.from_iso(iso) if iso else None
    return when.label if when is not None else iso


def article_when(article: ArticleInfo) -> str:
    """When an article was published, in one format: "2 September 2020, 15:29" or "2012", else
    "file time 2026-11-26 13:26" from its modification time."""
    if article.date:
        when = When.from_iso(article.date)
        if when is not None:
            clock = article.date[11:16] if len(article.date) >= 16 and article.date[10] in "T " else ""
            return when.label + (f", {clock}" if clock else "")
        return article.date
    return "file time " + datetime.fromtimestamp(article.mtime).strftime("%Y-%m-%d %H:%M")


def article_sort_key(article: ArticleInfo) -> tuple[str, str]:
    """Oldest first: by publication date, else by file time (both as sortable ISO text)."""
    if article.date and When.from_iso(article.date) is not None:
        return (article.date, article.path)
    return (datetime.fromtimestamp(article.mtime).isoformat(timespec="minutes"), article.path)


def claims_in_time_order(state: list[StateEntry]) -> list[StateEntry]:
    """An actor's claim ledger oldest first (by the dates each claim held at), undated claims
    last; claims of one date keep the ledger's order (by slot)."""

    def held(entry: StateEntry) -> tuple[int, str, str]:
        when = When.from_iso(entry.as_of) if entry.as_of else None
        if when is None:
            return (1, "", "")
        return (0, when.start.isoformat(), when.end.isoformat())

    return sorted(state, key=held)
