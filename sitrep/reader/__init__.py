"""The reader: a folder of scraped news articles in, clean `Article`s and `BadFile`s out.

It is the first stage of the pipeline and the last chance to keep scraper junk away from NER:
leading `Key: value` headers and YAML front matter become `Article.metadata`, trailing credit
lines and link lists become `metadata["credit"]`, the headline is taken out of the body, mojibake
and terminal escapes are repaired or removed, hard-wrapped lines are joined, photo-caption labels
are stripped and repeated paragraphs inside one article are counted once.

Every rule is about the shape of the text, never about a name in it. A file that cannot be read
is a `BadFile` with a one-line reason; `scan` never raises for one file.

One module per topic, in the order a file goes through them:

- `files`: which files are articles (and which are listed as skipped), the folder walk, reading
  one file's bytes safely;
- `decoding`: bytes to text (UTF-8, UTF-16/32, legacy 8-bit), binary files refused;
- `html`: a saved web page's article, through trafilatura (the optional `html` extra);
- `cleaning`: mojibake, HTML entities, terminal escapes and invisible characters;
- `headers`: front matter (YAML `---`, read with PyYAML; Hugo TOML `+++`, with tomllib) and
  `Key: value` lines at the top;
- `credits`: credit lines and link sections at the end;
- `markdown`: block Markdown line by line, inline markup read with markdown-it-py, lines
  grouped into paragraphs;
- `sentences`: the shape of a line (ends a sentence, starts one, reads like a headline);
- `titles`: the date line and byline at the top, the headline chosen and removed;
- `boilerplate`: share bars, caption labels, wire datelines;
- `duplicates`: paragraph fingerprints and repeated paragraphs;
- `published`: the publication date from metadata, provenance notes and URLs;
- `outlets`: the outlet, from metadata, credits, the file name or the dateline;
- `article`: `read_article` and `scan`, which run a file through all of the above;
- `own_reports`: a report sitrep wrote, recognised so it is never read as an article;
- `errors`: `ReaderError`, `BadFileError`, and `unforeseen` (the reason for an unexpected failure).

Everything other modules use is importable from `sitrep.reader` itself.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import BadFileError, ReaderError, unforeseen
from .files import (
    ARTICLE_SUFFIXES,
    DEFAULT_MAX_BYTES,
    FolderListing,
    check_folder,
    is_article_path,
    list_article_files,
    read_bytes,
    walk_folder,
)

if TYPE_CHECKING:
    from .article import MAX_BYTES_PER_CHAR, ScanResult, read_article, scan
    from .cleaning import clean_text
    from .duplicates import fingerprint

_LAZY = {"MAX_BYTES_PER_CHAR": "article", "ScanResult": "article", "read_article": "article",
         "scan": "article", "clean_text": "cleaning", "fingerprint": "duplicates"}
"""Names imported on first use: reading and cleaning pull in ftfy and the boilerplate tables,
which the dashboard's process (it only lists and watches the folder) never needs."""


def __getattr__(name: str) -> Any:
    """The lazily imported names of `_LAZY` (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "ARTICLE_SUFFIXES",
    "DEFAULT_MAX_BYTES",
    "MAX_BYTES_PER_CHAR",
    "BadFileError",
    "FolderListing",
    "ReaderError",
    "ScanResult",
    "check_folder",
    "clean_text",
    "fingerprint",
    "is_article_path",
    "list_article_files",
    "read_article",
    "read_bytes",
    "scan",
    "unforeseen",
    "walk_folder",
]
