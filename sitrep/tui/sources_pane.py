"""The Sources pane: each article with its outlet, date and length, and every unreadable file.

Dates are shown as everywhere in sitrep (`datefmt.article_when`): the publication date, "2
September 2020, 15:29". An article that gives no date of its own is placed by its file's
modification time, shown dim and italic and spelled "file time 2026-11-26 13:26", so nobody
takes it for a publication date.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from functools import partial

from rich.cells import cell_len
from rich.text import Text

from ..datefmt import article_sort_key, article_when
from ..model import ArticleInfo, BadFile, Evidence, Situation
from .marks import count_sources, plural, safe, tone
from .messages import ShowEvidence
from .table_pane import ColumnSpec, TablePane, TableRow, fit
from .view import View

WIDE = 86
"""Content width from which outlet and time get columns of their own (the title keeps 30)."""
TIME_WIDTH = len("file time 2026-11-26 13:26")
"""The widest time label: the time column's cap, and its width before the first report."""
FILE_TIME_STYLE = "dim italic"
"""How a file time (an article with no date of its own) is shown, besides the words "file time"."""
MAX_REASON_LINES = 3
"""Lines an unreadable file's reason may wrap onto when the pane is narrow."""


class SourcesPane(TablePane):
    """Articles newest first by publication date (by file time, marked so, when an article gives
    none), then the files that could not be read and why."""

    EMPTY = "No articles yet."
    EXPLAINS_EMPTY_FOLDER = True

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = "Sources"

    def columns_for(self, width: int) -> list[ColumnSpec]:
        """Article first, taking what is left; outlet, time and words beside it when they fit.

        Below `WIDE` cells the outlet and time go on a second line under the title, so the
        title keeps the width. The time column is as wide as the longest time of the whole report
        (so a filter does not move the columns).
        """
        words = 6
        if width < WIDE:
            article = max(width - (words + 2 * 2), 16)
            return [
                ColumnSpec("article", "Article · time · outlet", article),
                ColumnSpec("words", "Words", words),
            ]
        outlet = 16
        when = time_width(self.view.full.articles) if self.view is not None else TIME_WIDTH
        article = max(width - (outlet + when + words + 2 * 4), 16)
        return [
            ColumnSpec("article", "Article", article),
            ColumnSpec("outlet", "Outlet", outlet),
            ColumnSpec("time", "Time", when),
            ColumnSpec("words", "Words", words),
        ]

    def entries(self, view: View) -> Sequence[ArticleInfo | BadFile]:
        """Articles newest first (publication date, else file time), then bad files."""
        return [*newest_first(view.situation.articles), *view.situation.bad_files]

    def entry_key(self, view: View, entry: ArticleInfo | BadFile) -> str:
        """"article:" or "bad:", then the file."""
        return f"bad:{entry.path}" if isinstance(entry, BadFile) else f"article:{entry.path}"

    def row(self, view: View, entry: ArticleInfo | BadFile) -> TableRow:
        """An article, or an unreadable file and why."""
        widths = self.widths
        stacked = "outlet" not in widths
        if isinstance(entry, BadFile):
            bad = entry
            name = Text.assemble(("✕ unreadable ", f"bold {tone('denied')}"), safe(bad.path))
            reason = safe(bad.reason, style=tone("denied"))
            none = Text("—", style="dim", justify="right")
            if stacked:
                lines = wrap_lines(reason, widths["article"] or 16, MAX_REASON_LINES)
                cells = [Text("\n").join([fit(name, widths["article"]), *lines]), none]
            else:
                cells = [fit(Text.assemble(safe(bad.path), (" — ", "dim"), reason), widths["article"]),
                         Text("✕ unreadable", style=f"bold {tone('denied')}"), Text("—", style="dim"), none]
            height = str(cells[0]).count("\n") + 1
            return TableRow(f"bad:{bad.path}", cells, bad_file_evidence(bad), height=height)
        article = entry
        title = fit(safe(article.title or article.path), widths["article"])
        outlet = safe(article.outlet or "outlet unknown", style="" if article.outlet else "dim italic")
        count = Text(f"{article.words:,}", justify="right")
        if stacked:
            when = time_text(article)  # first: cut short, the outlet goes before the date
            when.stylize("dim")
            below = Text.assemble(when, (" · ", "dim"), outlet)
            cells = [Text.assemble(title, "\n", fit(below, widths["article"])), count]
        else:
            cells = [title, fit(outlet, widths["outlet"]), fit(time_text(article), widths["time"]), count]
        return TableRow(f"article:{article.path}", cells, partial(article_evidence, article, view),
                        height=2 if stacked else 1)

    def count(self, view: View) -> int:
        """One row per article and per unreadable file."""
        return len(view.situation.articles) + len(view.situation.bad_files)

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


def newest_first(articles: Iterable[ArticleInfo]) -> list[ArticleInfo]:
    """Articles newest first: by publication date, else by file time (`datefmt.article_sort_key`)."""
    return sorted(articles, key=article_sort_key, reverse=True)


def is_file_time(article: ArticleInfo) -> bool:
    """Whether the article is placed by its file time: it gives no date of its own."""
    return not article.date


def time_text(article: ArticleInfo) -> Text:
    """When the article was published ("2 September 2020, 15:29"), or its file time, dim and
    italic and spelled so ("file time 2026-11-26 13:26"). A date sitrep cannot read shows as
    written (made safe: it comes from the article)."""
    return safe(article_when(article), style=FILE_TIME_STYLE if is_file_time(article) else "")


def time_note(article: ArticleInfo) -> Text:
    """The evidence note on when: "published: 2 September 2020, 15:29", or "published: not
    given · placed by file time 2026-11-26 13:26"."""
    if is_file_time(article):
        return Text.assemble(("published: ", "dim"), ("not given", "italic"), (" · placed by ", "dim"),
                             time_text(article))
    return Text.assemble(("published: ", "dim"), time_text(article))


def time_width(articles: Iterable[ArticleInfo]) -> int:
    """Cells the time column needs for `articles`: the longest label, at most `TIME_WIDTH`."""
    longest = max((cell_len(time_text(a).plain) for a in articles), default=TIME_WIDTH)
    return max(min(longest, TIME_WIDTH), len("Time"))


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
                      f"{article.words:,}"),
        time_note(article),
    ]
    if article.duplicates_removed:
        notes.append(Text(f"{article.duplicates_removed} repeated headline(s) or paragraph(s) ignored",
                          style="dim"))
    names = tuple(view.actor.names()) if view.actor else ()
    return ShowEvidence(article.title or article.path, sentences_from(view.full, article.path), names, notes,
                        file=article.path)


def bad_file_evidence(bad: BadFile) -> ShowEvidence:
    """The evidence message for an unreadable file: its reason."""
    notes = [Text.assemble(("could not read: ", "dim"), safe(bad.reason, style=tone("denied")))]
    return ShowEvidence(bad.path, [], (), notes, file=bad.path)
