"""Reading articles: `scan` a folder, or `read_article` one file, into clean `Article`s.

One file goes through every other module of the reader in turn: its bytes (`files`), decoded (`decoding`),
a web page's article taken out of its markup (`html`), cleaned (`cleaning`), its leading metadata
(`headers`) and trailing credits (`credits`) taken out, its Markdown read (`markdown`), a date and byline
at the top and the title found (`titles`), paragraphs stripped of boilerplate (`boilerplate`) and repeats
(`duplicates`), then its publication date (`published`) and outlet (`outlets`).
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Article, BadFile
from .boilerplate import clean_paragraphs, strip_dateline
from .cleaning import clean_text
from .credits import trailing_credit
from .decoding import decode_bytes
from .duplicates import clean_fingerprint, drop_repeats
from .errors import BadFileError, unforeseen
from .files import DEFAULT_MAX_BYTES, HTML_SUFFIXES, check_folder, human_size, read_bytes, walk_folder
from .headers import leading_metadata
from .html import html_to_markdown
from .markdown import group_paragraphs, markdown_lines
from .outlets import find_outlet
from .own_reports import OWN_REPORT, is_sitrep_report
from .published import publication_date
from .titles import choose_title, late_byline, remove_title, top_date_and_byline

log = logging.getLogger(__name__)

MAX_BYTES_PER_CHAR = 4
"""The most bytes one character takes in any encoding the reader decodes (UTF-8, -16, -32)."""


@dataclass
class ScanResult:
    """What `scan` found: the readable articles and the files it had to skip, with reasons."""

    articles: list[Article]
    bad_files: list[BadFile]


def scan(folder: Path, max_bytes: int = DEFAULT_MAX_BYTES, follow_outside_links: bool = False) -> ScanResult:
    """Read every article under `folder`; bad files are collected with a reason, never raised.

    Files of other types (see `files.skip_reason`) come last among the bad files, unopened.

    Raises `ReaderError` only when the folder itself is missing, not a folder or unreadable.
    """
    folder = Path(folder)
    check_folder(folder)
    articles: list[Article] = []
    bad: list[BadFile] = []
    listing = walk_folder(folder)
    for _relative_path, path in listing.articles:
        try:
            articles.append(read_article(path, folder, max_bytes, follow_outside_links=follow_outside_links))
        except BadFileError as exc:
            bad.append(BadFile(_relative(path, folder), str(exc)))
        except Exception as exc:  # noqa: BLE001 - one odd file must never stop the scan
            log.exception("unexpected error reading %s", path)
            bad.append(BadFile(_relative(path, folder), unforeseen(exc)))
    return ScanResult(articles, bad + listing.skipped_files())


def read_article(path: Path, folder: Path, max_bytes: int = DEFAULT_MAX_BYTES, *,
                 follow_outside_links: bool = False, max_chars: int | None = None,
                 data: tuple[bytes, float] | None = None) -> Article:
    """Read and clean one article file; raises `BadFileError(reason)` when it cannot be used.

    With `max_chars`, a text longer than that is refused as too long to analyse, before any
    cleaning (the costly part); a file with more bytes than such a text can take is not even
    decoded. A link resolving outside `folder` is refused unless `follow_outside_links`. `data`
    is the file's bytes and mtime when the caller has just read them with `read_bytes` (the
    engine hashes every file first), so no file is read twice.
    """
    path, folder = Path(path), Path(folder)
    raw, mtime = data if data is not None else read_bytes(path, folder, max_bytes, follow_outside_links)
    page = path.suffix.lower() in HTML_SUFFIXES
    try:
        # A web page's markup is not what the model reads: only the text taken out of it is measured.
        if max_chars is not None and not page and len(raw) > MAX_BYTES_PER_CHAR * max_chars:
            raise _too_long(human_size(len(raw)), max_chars)
        text = decode_bytes(raw)
        if max_chars is not None and not page and len(text) > max_chars:
            raise _too_long(f"{len(text):,} characters", max_chars)
        if not text.strip():
            raise BadFileError("empty file" if not raw.strip() else "empty file (only whitespace)")
        if is_sitrep_report(text):
            raise BadFileError(OWN_REPORT)
        if page:
            text = html_to_markdown(text)
        cleaned = clean_text(text)
        if not cleaned:
            raise BadFileError("empty file (only control or invisible characters)")
        parsed = _parse(cleaned, path.stem, text)
        article = Article(
            path=_relative(path, folder),
            title=parsed.title,
            outlet=find_outlet(parsed.metadata, path.stem),
            date=parsed.date,
            paragraphs=parsed.paragraphs,
            content_hash=hashlib.sha256(raw).hexdigest(),
            mtime=mtime,
            metadata=parsed.metadata,
            duplicates_removed=parsed.duplicates,
        )
        if max_chars is not None and len(article.text) > max_chars:
            raise _too_long(f"{len(article.text):,} characters", max_chars)
    except BadFileError as exc:
        exc.content_hash = hashlib.sha256(raw).hexdigest()
        raise
    return article


def _relative(path: Path, folder: Path) -> str:
    """`path` relative to `folder`, with forward slashes."""
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return Path(os.path.relpath(path, folder)).as_posix()


def _too_long(length: str, max_chars: int) -> BadFileError:
    return BadFileError(f"too long to analyse: {length} of text (the language model reads at most "
                        f"{max_chars:,} characters)")


@dataclass
class _Parsed:
    title: str
    date: str | None
    paragraphs: list[str]
    metadata: dict[str, str] = field(default_factory=dict)
    duplicates: int = 0


def _parse(text: str, stem: str, raw: str) -> _Parsed:
    """Split cleaned text into metadata, title and de-duplicated body paragraphs (`raw`, the text
    before cleaning, gives front matter the indentation cleaning trims)."""
    lines = text.split("\n")
    meta, start = leading_metadata(lines, raw.splitlines())
    body = trailing_credit(lines[start:], meta)
    if not any(line.strip() for line in body):
        raise BadFileError("no article text after the metadata")
    md = markdown_lines(body)
    top_date_and_byline(md, meta)
    late_byline(md, meta)
    title, title_index = choose_title(md, meta, stem)
    duplicates = remove_title(md, title, title_index)
    paragraphs = group_paragraphs(md)
    paragraphs, more = clean_paragraphs(paragraphs, clean_fingerprint(title))
    duplicates += more
    paragraphs = [strip_dateline(p, meta) for p in paragraphs]
    paragraphs, more = drop_repeats(paragraphs)
    duplicates += more
    if not paragraphs:
        raise BadFileError("no article text after the title and metadata")
    return _Parsed(title, publication_date(meta), paragraphs, meta, duplicates)
