"""Markdown: block syntax read into typed lines, inline markup and stray HTML removed, lines into paragraphs.

Blocks are read a line at a time: scraped text is hard-wrapped prose with the odd heading, list
or table, and grouping its lines into paragraphs takes rules about prose (`sentences`) that no
Markdown parser has. Inline markup inside a line (emphasis, code, links, images, HTML tags) is
read with markdown-it-py, CommonMark's reference parser in Python.

Also the link and URL shapes the credits, dates and outlets look for.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .cleaning import collapse_spaces
from .sentences import ends_sentence, starts_new

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

LIST_MARK = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")


MD_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\n]*)\)")


URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'\]]*[^\s<>\"'.,;:!?)\]]")


URL_HOST = re.compile(r"(?:https?://|(?<![\w.])(?=www\.))([A-Za-z0-9.-]+\.[A-Za-z]{2,})")


_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:[ \t]+|(?=\[))(.*?)(?:[ \t]+#+)?\s*$")


_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")


_HR = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")


_REF_DEF = re.compile(r"^\s{0,3}\[([^\]\n]+)\]:\s*\S+")


_BLOCKQUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")


_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")


_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")


_TABLE_RULE = re.compile(r"^[\s|:-]*$")


_HIGHLIGHT = re.compile(r"^\s*@highlight\s*$", re.IGNORECASE)


_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


_HTML_TAG = re.compile(
    r"</?(?:a|abbr|b|blockquote|br|cite|code|div|em|figcaption|figure|font|h[1-6]|hr|i|img|li|ol|p|"
    r"picture|pre|q|s|small|source|span|strong|sub|sup|table|tbody|td|th|thead|tr|u|ul)\b[^<>]{0,500}>",
    re.IGNORECASE,
)


_MARKUP = re.compile(r"[*_`\[\]<\\~]")
"""A character that may start inline markup: a line without one is plain text already."""


_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")


_SPACE_BEFORE_PUNCT = re.compile(r" +([.,;:!?])(?=\s|$)")


@functools.cache
def _parser() -> MarkdownIt:
    """CommonMark with ~~strikethrough~~, accepting every link target as it is: the reader keeps
    a link's text and never follows it, so a `javascript:` link is only text to keep, not a link
    to refuse (and no time goes on normalising addresses). Entities are left alone: `cleaning`
    decoded them once already, and a second pass would turn a written "&amp;" into "&"."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("strikethrough").disable("entity")
    parser.validateLink = lambda _url: True
    parser.normalizeLink = lambda url: url
    return parser


def _plain(tokens: list[Token]) -> str:
    """The text of inline tokens: emphasis, code and link marks dropped, a link's text kept;
    images, autolinks, HTML comments and known HTML tags dropped (other `<...>` is text)."""
    out: list[str] = []
    in_autolink = False
    for token in tokens:
        kind = token.type
        if kind == "link_open" and token.markup in ("autolink", "linkify"):
            in_autolink = True
        elif kind == "link_close" and in_autolink:
            in_autolink = False
        elif in_autolink:
            continue
        elif kind in ("text", "code_inline"):
            out.append(token.content)
        elif kind in ("softbreak", "hardbreak"):
            out.append(" ")
        elif kind == "html_inline":
            if _HTML_TAG.fullmatch(token.content):
                out.append(" ")
            elif not _HTML_COMMENT.fullmatch(token.content):
                out.append(token.content)
    return "".join(out)


def inline_markdown(text: str, refs: set[str]) -> str:
    """Markdown and stray HTML inline markup removed, read with markdown-it-py: emphasis, code
    and links become their text; images, bare URLs and HTML tags go. `refs` are the reference
    labels defined in the file, so `[text][label]` is a link only when its label is one."""
    if _MARKUP.search(text):
        from markdown_it.common.utils import normalizeReference

        env = {"references": {normalizeReference(ref): {"href": "", "title": ""} for ref in refs}}
        text = _plain(_parser().parseInline(text, env)[0].children or [])
    if "://" in text or "www." in text:
        text = _SPACE_BEFORE_PUNCT.sub(r"\1", URL.sub("", text))
    if "(" in text or "[" in text:
        text = _EMPTY_BRACKETS.sub("", text)
    return collapse_spaces(text).strip()


def markdown_text(text: str) -> str:
    """A one-line value (a `Title:` header) as plain text: a heading's `#` marks and inline markup
    removed (see `inline_markdown`)."""
    if text.lstrip().startswith("#"):
        tokens = _parser().parse(text)
        if len(tokens) > 1 and tokens[0].type == "heading_open":
            text = tokens[1].content
    return inline_markdown(text, set())


@dataclass
class Line:
    """One body line after markdown handling."""

    text: str
    kind: str = "text"
    """"text" (joins its neighbours), "item" (starts a paragraph), "single" (a paragraph alone), "blank"."""
    level: int = 0
    """Markdown heading level, 0 for a non-heading."""


def markdown_lines(lines: list[str]) -> list[Line]:
    """Body lines with markdown block syntax interpreted and inline markup removed."""
    refs = {m[1].lower() for line in lines if (m := _REF_DEF.match(line))}
    out: list[Line] = []
    in_list = False
    for raw in lines:
        if not raw.strip():
            in_list = False
        if not raw.strip() or _FENCE.match(raw) or _HIGHLIGHT.match(raw) or _REF_DEF.match(raw):
            out.append(Line("", "blank"))
            continue
        setext = _SETEXT.match(raw)
        if setext and out and out[-1].kind == "text" and len(out[-1].text.split()) <= 25:
            out[-1].kind, out[-1].level = "single", 1 if setext[1][0] == "=" else 2
            continue
        if _HR.match(raw):
            out.append(Line("", "blank"))
            continue
        line = _BLOCKQUOTE.sub("", raw)
        kind, level = "text", 0
        heading = _HEADING.match(line)
        row = _TABLE_ROW.match(line)
        if heading:
            kind, level, line = "single", len(heading[1]), heading[2]
        elif row:
            if _TABLE_RULE.match(row[1]):
                continue
            kind, line = "single", "; ".join(c.strip() for c in row[1].split("|") if c.strip())
        elif LIST_MARK.match(line) and (in_list or not out or out[-1].kind != "text"
                                         or ends_sentence(out[-1].text) or out[-1].text.endswith(":")):
            # A "- " inside running prose is a dash that a hard wrap put first, not a list item.
            kind, line = "item", LIST_MARK.sub("", line)
        in_list = kind == "item" or (in_list and kind == "text")
        text = inline_markdown(line, refs)
        out.append(Line(text, kind, level) if text else Line("", "blank"))
    return out


def group_paragraphs(md: list[Line]) -> list[tuple[str, bool]]:
    """Group lines into `(paragraph, is_prose)`: blank lines separate, wrapped lines are joined.

    Inside a block, a line ending a sentence followed by one starting a sentence begins a new
    paragraph (files with one paragraph per line and no blank lines). Headings, list items and
    table rows are not prose (no caption labels to strip there).
    """
    paragraphs: list[tuple[str, bool]] = []
    current: list[str] = []
    prose = True

    def flush() -> None:
        if current:
            paragraphs.append((" ".join(current), prose))
            current.clear()

    for line in md:
        if line.kind == "blank":
            flush()
        elif line.kind == "single":
            flush()
            paragraphs.append((line.text, False))
        else:
            if line.kind == "item" or (current and ends_sentence(current[-1]) and starts_new(line.text)):
                flush()
            if not current:
                prose = line.kind == "text"
            current.append(line.text)
    flush()
    return paragraphs
