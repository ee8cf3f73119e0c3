"""The map step for other engines (Ray, Spark...): file contents in, extracted rows out.

`sitrep extract` lists a folder, reads each file and parses it; an engine that spreads an archive
over a cluster hands each worker the files' contents instead. `parse_files` is that step for one
chunk: each `SourceFile` is read as sitrep reads a file (the same cleaning, the same refusals),
parsed by this process's pipeline, and returned as the `Line`s `sitrep extract` writes for it, so
that `sitrep report ROWS/` merges the rows of any engine. The pipeline loads on the first call in
a process and stays (`engine.parse_articles`): an engine keeps its worker processes, and never
ships the `nlp` object itself (pickling a pipeline is slow, spaCy issue #2757, and one passed
between processes breaks, #13506). `extracted.record_of` gives a line as the columns of a
Parquet row.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .config import Config, load_config
from .engine import MAX_TEXT_CHARS, parse_articles
from .extracted import Line, lines
from .model import Article, BadFile
from .reader import BadFileError, is_article_path, read_article, unforeseen
from .version import pipeline_version

log = logging.getLogger(__name__)

_ROOT = Path("/sitrep-archive")
"""Where the files are said to be: only their names relative to it are kept (nothing is read)."""


@dataclass(frozen=True)
class SourceFile:
    """One file of an archive, as an engine hands it over."""

    name: str
    """Its path relative to the archive's top folder, with `/` (the row's `file`)."""
    data: bytes
    mtime: float | None = None
    """Its modification time (seconds since the epoch); None: unknown, the time of the call (an
    undated article then counts as published on that day)."""


def parse_files(files: Iterable[SourceFile], folder: str, config: Config | None = None) -> list[Line]:
    """The extracted lines of `files` (the articles in the order given, then the files that could
    not be read), as `sitrep extract` writes them for the folder `folder`; `config` defaults to
    sitrep's defaults. A file the folder listing would not list (not `*.txt`, `*.md`, `*.html` or
    `*.htm`, hidden, a backup) is left out, as `sitrep extract` leaves it; one whose name is not a
    relative path inside the archive is refused."""
    config = config if config is not None else load_config(None)
    articles: list[Article] = []
    bad: list[BadFile] = []
    for source in files:
        name = PurePosixPath(source.name)
        if name.is_absolute() or ".." in name.parts or not name.parts:
            bad.append(BadFile(source.name, "not a path inside the archive"))
            continue
        if not is_article_path(name.as_posix()):
            continue
        mtime = source.mtime if source.mtime is not None else time.time()
        try:
            articles.append(read_article(_ROOT / name, _ROOT, max_chars=MAX_TEXT_CHARS,
                                         data=(source.data, mtime)))
        except BadFileError as exc:
            bad.append(BadFile(name.as_posix(), str(exc)))
        except Exception as exc:  # noqa: BLE001 - one odd file never stops the chunk, as in `sitrep extract`
            log.exception("unexpected error reading %s", name)
            bad.append(BadFile(name.as_posix(), unforeseen(exc)))
    return lines(folder, parse_articles(articles, config), bad, pipeline_version(config))
