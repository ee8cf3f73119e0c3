"""Saved web pages (`*.html`, `*.htm`): the article in them, through trafilatura.

A page is mostly navigation, share bars, related links and footers around one article; telling
them apart is trafilatura's whole job (main-content extraction scored on news pages, with
htmldate for the publication date), and no rule of ours would do it as well. It is an optional
extra, `pip install 'sitrep[html]'`: without it a page is a bad file whose reason names the extra.

The page becomes Markdown with YAML front matter (title, author, url, sitename, date), which the
rest of the reader takes like any Markdown article, so a page and a saved `.md` of the same story
read alike.
"""

from __future__ import annotations

import logging

from .errors import BadFileError

log = logging.getLogger(__name__)

HTML_EXTRA = "pip install 'sitrep[html]'"
"""The command that installs what reading a web page needs."""

NEEDS_EXTRA = f"a web page: reading it needs the optional html extra ({HTML_EXTRA})"
"""The reason given for a page when trafilatura is not installed."""


def html_to_markdown(page: str) -> str:
    """The article in an HTML page as Markdown with YAML front matter; `BadFileError` when
    trafilatura is not installed or finds no article text in the page."""
    try:
        import trafilatura
    except ImportError:
        raise BadFileError(NEEDS_EXTRA) from None
    text = trafilatura.extract(page, output_format="markdown", with_metadata=True, include_comments=False,
                               include_tables=True, include_images=False, include_links=False)
    if not text or not _body(text).strip():
        raise BadFileError("no article text found in the web page")
    return _without_repeated_title(text)


def _body(text: str) -> str:
    """The text after the front matter trafilatura writes first (all of it when there is none)."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[end + 5:]
    return text


def _without_repeated_title(text: str) -> str:
    """The text without the `# Heading` trafilatura puts above the body when the front matter
    has a title: the front matter's title is the headline, so the heading is no repeat inside
    the article (nor counted as one)."""
    body = _body(text)
    head = text[: len(text) - len(body)]
    first, _newline, rest = body.partition("\n")
    if first.startswith("# ") and "\ntitle: " in head:
        return head + rest.lstrip("\n")
    return text
