"""The Sources pane: each article with its outlet, time and length, and every unreadable file."""

from __future__ import annotations

import textwrap
import time
from functools import partial

from rich.text import Text

from ..model import ArticleInfo, BadFile, Evidence, Situation
from .marks import count_sources, plural, safe
from .messages import ShowEvidence
from .table_pane import ColumnSpec, TablePane, TableRow, fit
from .view import View


WIDE = 76
"""Content width from which outlet and time get columns of their own."""
MAX_REASON_LINES = 3
"""Lines an unreadable file's reason may wrap onto when the pane is narrow."""


class SourcesPane(TablePane):
    """Articles newest first, then the files that could not be read and why."""

    EMPTY = "No articles yet."

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = "Sources"

    def columns_for(self, width: int) -> list[ColumnSpec]:
        """Article first, taking what is left; outlet, time and words beside it when they fit.

        Below `WIDE` cells the outlet and time go on a second line under the title, so the
        title keeps the width.
        """
        words = 6
        if width < WIDE:
            article = max(width - (words + 2 * 2), 16)
            return [
                ColumnSpec("article", "Article · outlet · time", article),
                ColumnSpec("words", "Words", words),
            ]
        outlet, when = 16, 16
        article = max(width - (outlet + when + words + 2 * 4), 16)
        return [
            ColumnSpec("article", "Article", article),
            ColumnSpec("outlet", "Outlet", outlet),
            ColumnSpec("time", "Time", when),
            ColumnSpec("words", "Words", words),
        ]

    def table_rows(self, view: View) -> list[TableRow]:
        """Articles newest first, then bad files."""
        widths = {c.key: c.width for c in self.columns_for(self.content_width)}
        stacked = "outlet" not in widths
        rows: list[TableRow] = []
        for article in sorted(view.situation.articles, key=lambda a: (-a.mtime, a.path)):
            title = fit(safe(article.title or article.path), widths["article"])
            outlet = safe(article.outlet or "outlet unknown", style="" if article.outlet else "dim italic")
            count = Text(f"{article.words:,}", justify="right")
            if stacked:
                below = Text.assemble(outlet, (" · ", "dim"), (article_time(article), "dim"))
                cells = [Text.assemble(title, "\n", fit(below, widths["article"])), count]
            else:
                cells = [title, fit(outlet, widths["outlet"]), Text(article_time(article)), count]
            rows.append(TableRow(f"article:{article.path}", cells, partial(article_evidence, article, view),
                                 height=2 if stacked else 1))
        for bad in view.situation.bad_files:
            name = Text.assemble(("✕ unreadable ", "bold red"), safe(bad.path))
            reason = safe(bad.reason, style="red")
            none = Text("—", style="dim", justify="right")
            if stacked:
                lines = wrap_lines(reason, widths["article"] or 16, MAX_REASON_LINES)
                cells = [Text("\n").join([fit(name, widths["article"]), *lines]), none]
            else:
                cells = [fit(Text.assemble(safe(bad.path), (" — ", "dim"), reason), widths["article"]),
                         Text("✕ unreadable", style="bold red"), Text("—", style="dim"), none]
            height = str(cells[0]).count("\n") + 1
            rows.append(TableRow(f"bad:{bad.path}", cells, bad_file_evidence(bad), height=height))
        return rows

    def subtitle(self, view: View, shown: int) -> str:
        """Articles, outlets, and unreadable files."""
        situation = view.situation
        text = count_sources(situation)
        if situation.bad_files:
            text += f" · {len(situation.bad_files)} unreadable"
        if view.filtered:
            text += f" (of {len(view.full.articles)})"
        if len(text) > self.content_width - 4:  # too long for the border: the header has the outlets
            text = plural(len(situation.articles), "article")
            text += f" · {len(situation.bad_files)} unreadable" if situation.bad_files else ""
            text += f" (of {len(view.full.articles)})" if view.filtered else ""
        return text


def wrap_lines(text: Text, width: int, limit: int) -> list[Text]:
    """`text` (one style) wrapped at word boundaries to `width`, at most `limit` lines, the last cut."""
    lines = textwrap.wrap(text.plain, width) or [""]
    if len(lines) > limit:
        lines = [*lines[: limit - 1], " ".join(lines[limit - 1 :])]
    return [fit(Text(line, style=text.style), width) for line in lines]


def article_time(article: ArticleInfo) -> str:
    """The article's own date when it has one, else when the file last changed (local time)."""
    if article.date:
        return safe(article.date).plain[:16]
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(article.mtime))


def sentences_from(situation: Situation, path: str) -> list[Evidence]:
    """Every sentence of the report that comes from the file `path`, in report order, once each."""
    found: dict[str, Evidence] = {}
    pools: list[list[Evidence]] = [s.evidence for s in situation.status]
    pools += [a.evidence for a in situation.actors]
    pools += [c.evidence for c in situation.context]
    pools += [[Evidence(c.article, c.sentence) for c in d.claims if c.sentence] for d in situation.disputes]
    for pool in pools:
        for evidence in pool:
            if evidence.file == path and evidence.sentence not in found:
                found[evidence.sentence] = evidence
    return list(found.values())


def article_evidence(article: ArticleInfo, view: View) -> ShowEvidence:
    """The evidence message for an article: its details, then the sentences the report uses."""
    notes = [
        Text.assemble(("file: ", "dim"), safe(article.path)),
        Text.assemble(("outlet: ", "dim"), safe(article.outlet or "unknown"), ("  words: ", "dim"),
                      f"{article.words:,}", ("  time: ", "dim"), article_time(article)),
    ]
    if article.duplicates_removed:
        notes.append(Text(f"{article.duplicates_removed} repeated headline(s) or paragraph(s) ignored",
                          style="dim"))
    names = tuple(view.actor.names()) if view.actor else ()
    return ShowEvidence(article.title or article.path, sentences_from(view.full, article.path), names, notes)


def bad_file_evidence(bad: BadFile) -> ShowEvidence:
    """The evidence message for an unreadable file: its reason."""
    notes = [Text.assemble(("could not read: ", "dim"), safe(bad.reason, style="red"))]
    return ShowEvidence(bad.path, [], (), notes)
