"""Extracted rows: what `sitrep extract` writes, and what `sitrep report` merges back.

One line (JSONL) or table row (Parquet) per article, in folder order:

- `schema_version`: `ROW_SCHEMA` of `sitrep.rows` (raised when a field changes meaning or goes away);
- `folder`: the folder as it was given to `sitrep extract` (the report's `folder`);
- `file`: the article's path relative to that folder, with `/`;
- `content_hash`: SHA-256 of the file's bytes; `pipeline_version`: `sitrep.version.pipeline_version`,
  which together key the row, as they key the cache;
- `row`: the article's result in the compact layout of `sitrep.rows` (JSON; in Parquet a JSON text);

and one per file that could not be read, with `skipped` (the reason) instead of a row. Parquet
adds the columns `date` (the row's publication date, null when the article gives none), `title`
and `outlet`, for readers that filter without decoding rows.

Merging the rows of one extract gives the very report of the folder it was made from.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, BinaryIO

import msgspec

from .dates import When
from .focus import Focus
from .model import ArticleResult, BadFile
from .rows import ROW_SCHEMA, Row, escape_name, from_row, repointed, to_row, unescape_name

log = logging.getLogger(__name__)

SUFFIXES = (".jsonl", ".parquet")
"""File names `sitrep report` reads as extracted rows."""
PARQUET_EXTRA = "Parquet needs pyarrow: pip install 'sitrep[parquet]'"


class ExtractError(Exception):
    """Extracted rows that cannot be read (the message names the file and line), or a missing extra."""


class Line(msgspec.Struct, omit_defaults=True):
    """One article (or one file that could not be read) of `sitrep extract` output."""

    schema_version: int
    folder: str
    file: str
    content_hash: str = ""
    pipeline_version: str = ""
    row: Row | None = None
    skipped: str = ""


def lines(folder: str, results: Iterable[ArticleResult], bad_files: Iterable[BadFile],
          pipeline_version: str) -> list[Line]:
    """The lines of an extract: the articles in folder order, then the files that could not be read."""
    items: list[ArticleResult | BadFile] = [*results, *bad_files]
    return [line_of(folder, item, pipeline_version) for item in items]


def line_of(folder: str, item: ArticleResult | BadFile, pipeline_version: str) -> Line:
    """The line of one article's result, or of one file that could not be read."""
    folder = escape_name(folder)  # a name that is not UTF-8 is kept in base64 (see rows.escape_name)
    if isinstance(item, BadFile):
        return Line(ROW_SCHEMA, folder, escape_name(item.path), skipped=item.reason)
    return Line(ROW_SCHEMA, folder, escape_name(item.path), item.content_hash, pipeline_version, to_row(item))


def to_jsonl(rows: Iterable[Line]) -> bytes:
    """The lines as JSON Lines (UTF-8, one object a line)."""
    buffer = bytearray()
    writer = JsonlWriter(buffer.extend)
    for line in rows:
        writer.write(line)
    return bytes(buffer)


def to_parquet(rows: Iterable[Line]) -> bytes:
    """The lines as one Parquet file (needs pyarrow; `ExtractError` without it)."""
    import io

    sink = io.BytesIO()
    with ParquetWriter(sink) as writer:
        for line in rows:
            writer.write(line)
    return sink.getvalue()


class JsonlWriter:
    """Writes lines as JSON Lines as they come (`write` is given each line's bytes)."""

    def __init__(self, write: Callable[[bytes], object]) -> None:
        self._write = write
        self._encoder = msgspec.json.Encoder()
        self._buffer = bytearray()

    def write(self, line: Line) -> None:
        """Write one line."""
        self._encoder.encode_into(line, self._buffer)
        self._buffer += b"\n"
        self._write(bytes(self._buffer))

    def __enter__(self) -> JsonlWriter:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None


TEXT_COLUMNS = ("folder", "file", "content_hash", "pipeline_version", "date", "title", "outlet", "row",
                "skipped")
"""The Parquet columns after `schema_version` (an int32), all of them text (null where a line has none)."""
_record_encoder = msgspec.json.Encoder()


def record_of(line: Line) -> dict[str, object]:
    """A line as one Parquet row: `schema_version` and `TEXT_COLUMNS` (for engines that write the
    Parquet themselves: see `sitrep.mapstep`)."""
    row = line.row
    return {
        "schema_version": line.schema_version, "folder": line.folder, "file": line.file,
        "content_hash": line.content_hash, "pipeline_version": line.pipeline_version,
        "date": row.date if row else None, "title": row.title if row else None,
        "outlet": row.outlet if row else None,
        "row": _record_encoder.encode(row).decode() if row else None,
        "skipped": line.skipped or None}


ROW_GROUP = 1000
"""Lines per Parquet row group: what `ParquetWriter` holds before writing them out."""


class ParquetWriter:
    """Writes lines into one Parquet file a row group at a time, so memory holds one group
    (`group` lines, `ROW_GROUP` unless given; needs pyarrow, `ExtractError` without it). The file
    is complete once the writer is closed (or its `with` block ends without error)."""

    def __init__(self, sink: BinaryIO, group: int | None = None) -> None:
        try:
            import pyarrow as pa  # type: ignore[import-untyped]
            import pyarrow.parquet as pq  # type: ignore[import-untyped]
        except ImportError:
            raise ExtractError(PARQUET_EXTRA) from None
        self._pa = pa
        columns = [("schema_version", pa.int32()), *((name, pa.string()) for name in TEXT_COLUMNS)]
        self._schema = pa.schema(columns)
        self._writer = pq.ParquetWriter(sink, self._schema, compression="zstd")
        self._group = max(1, group or ROW_GROUP)
        self._records: list[dict[str, object]] = []

    def write(self, line: Line) -> None:
        """Add one line (written out with its row group)."""
        self._records.append(record_of(line))
        if len(self._records) >= self._group:
            self._flush()

    def _flush(self) -> None:
        if self._records:
            self._writer.write_table(self._pa.Table.from_pylist(self._records, schema=self._schema))
            self._records = []

    def close(self) -> None:
        """Write the last row group and the file's footer."""
        self._flush()
        self._writer.close()

    def __enter__(self) -> ParquetWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_exc: object) -> None:
        if kind is None:
            self.close()
        else:
            self._writer.close()  # the file is thrown away: only pyarrow's handle is released


def is_extracted(path: Path) -> bool:
    """Whether `path` is extracted rows: a `*.jsonl` or `*.parquet` file, or a folder holding such
    files at its top and no article anywhere (a folder of articles is analysed, never read as rows)."""
    if path.is_file():
        return path.suffix.lower() in SUFFIXES
    if not path.is_dir():
        return False
    from .reader import list_article_files

    return bool(_row_files(path)) and not list_article_files(path)


def _row_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.suffix.lower() in SUFFIXES and p.is_file() and not p.name.startswith("."))


@dataclass
class Extracted:
    """Rows read back: what the merge needs, and what to tell the user about them."""

    folder: str
    results: list[ArticleResult] = field(default_factory=list)
    bad_files: list[BadFile] = field(default_factory=list)
    pipeline_versions: set[str] = field(default_factory=set)
    outside: int = 0
    """Articles left out by the date window or the focus."""


def read_extracted(path: Path, since: date | None = None, until: date | None = None,
                   focus: Focus | None = None) -> Extracted:
    """The rows in `path` (a file, or every `*.jsonl`/`*.parquet` file in a folder, by name), in
    order, keeping only articles published from `since` to `until` (both days included; an
    undated article by its file's modification day, as the report places it; a month-only date
    when its month overlaps the window) and, given a `focus`, only those about its country.

    Rows extracted from one folder keep their paths, and the report names that folder. Rows from
    several folders are told apart by each folder's name before their paths ("mali/a.txt"), and
    the report names `path`. A file seen twice (the same folder and path in two extracts) is
    merged once, from the first. A file or line sitrep did not write raises `ExtractError`.
    """
    files = _row_files(path) if path.is_dir() else [path]
    read: list[tuple[str, _Stored]] = []
    seen: set[tuple[str, str]] = set()
    in_order: dict[str, None] = {}  # the folders, in the order their first rows come
    outside = 0
    for file in files:
        for where, line in _read(file):
            if line.schema_version != ROW_SCHEMA:
                raise ExtractError(f"{where}: schema_version {line.schema_version}, "
                                   f"this sitrep reads {ROW_SCHEMA}")
            if (line.folder, line.file) in seen:
                log.warning("%s: %s of %s is also in an earlier extract; merged once",
                            where, line.file, line.folder)
                continue
            seen.add((line.folder, line.file))
            in_order[line.folder] = None
            # Rows outside the window are dropped as they are read, never decoded past their date
            # and mtime: memory holds the window's rows, not the archive's.
            if (since or until) and line.row and bytes(line.row) != b"null":
                try:
                    if not _within(_dated.decode(line.row), since, until):
                        outside += 1
                        continue
                except ValueError as exc:  # msgspec's errors too
                    raise ExtractError(f"{where}: not a row of sitrep extract ({exc})") from None
            read.append((where, line))
    folders = list(in_order)
    found = Extracted(unescape_name(folders[0]) if len(folders) == 1 else str(path), outside=outside)
    names = {folder: Path(unescape_name(folder)).name or unescape_name(folder) for folder in folders}
    if len(set(names.values())) < len(names):
        names = {folder: unescape_name(folder) for folder in folders}
    for where, line in read:
        prefix = f"{names[line.folder]}/" if len(folders) > 1 else ""
        if not line.row or bytes(line.row) == b"null":
            found.bad_files.append(BadFile(prefix + unescape_name(line.file), line.skipped or "no row"))
            continue
        try:
            row = _row.decode(line.row)
            if prefix:
                row = repointed(row, prefix.__add__)  # "mali/" + "a.txt"
            result = from_row(row)
            if focus and not focus.concerns(result):
                found.outside += 1
                continue
            found.results.append(result)
        except ValueError as exc:  # msgspec's errors too
            raise ExtractError(f"{where}: not a row of sitrep extract ({exc})") from None
        found.pipeline_versions.add(line.pipeline_version)
    if len(found.pipeline_versions) > 1:
        log.warning("%s: rows of %d pipeline versions merged (extracted by different sitrep versions or "
                    "configs)", path, len(found.pipeline_versions))
    return found


class _Stored(msgspec.Struct):
    """A `Line` as read back, its row still undecoded."""

    schema_version: int
    folder: str
    file: str
    content_hash: str = ""
    pipeline_version: str = ""
    row: msgspec.Raw = msgspec.field(default_factory=msgspec.Raw)
    skipped: str = ""


class _Dated(msgspec.Struct):
    """The two fields of a row that place it in time."""

    date: str | None
    mtime: float


_dated = msgspec.json.Decoder(_Dated)
_row = msgspec.json.Decoder(Row)


def _read(file: Path) -> Iterator[tuple[str, _Stored]]:
    """(where, line) for every line of one file of extracted rows."""
    if file.suffix.lower() == ".parquet":
        yield from _read_parquet(file)
        return
    decoder = msgspec.json.Decoder(_Stored)
    try:
        with open(file, "rb") as handle:
            for number, text in enumerate(handle, 1):
                if text.strip():
                    try:
                        yield f"{file} line {number}", decoder.decode(text)
                    except msgspec.DecodeError as exc:
                        raise ExtractError(f"{file} line {number}: not a row of sitrep extract ({exc})") \
                            from None
    except OSError as exc:
        raise ExtractError(f"cannot read {file}: {exc.strerror or exc}") from None


def _read_parquet(file: Path) -> Iterator[tuple[str, _Stored]]:
    try:
        import pyarrow.parquet as pq  # type: ignore[import-untyped]
    except ImportError:
        raise ExtractError(f"{file}: {PARQUET_EXTRA}") from None
    for number, record in enumerate(_parquet_records(file, pq), 1):
        row = record.pop("row")
        record = {key: value for key, value in record.items() if value is not None}
        try:
            line = msgspec.convert(record, _Stored)
        except msgspec.ValidationError as exc:
            raise ExtractError(f"{file} row {number}: not a row of sitrep extract ({exc})") from None
        if row is not None:
            line.row = msgspec.Raw(row.encode())
        yield f"{file} row {number}", line


def _parquet_records(file: Path, pq: Any) -> Iterator[dict[str, Any]]:
    """The records of a Parquet extract, one row group's worth in memory at a time."""
    columns = ["schema_version", "folder", "file", "content_hash", "pipeline_version", "row", "skipped"]
    try:
        for batch in pq.ParquetFile(file).iter_batches(batch_size=ROW_GROUP, columns=columns):
            yield from batch.to_pylist()
    except Exception as exc:  # noqa: BLE001 - pyarrow raises many kinds for a file it cannot read
        raise ExtractError(f"{file}: not a Parquet file of sitrep extract ({exc})") from None


def _within(dated: _Dated, since: date | None, until: date | None) -> bool:
    """Whether the article's days overlap the window: its publication date (a month-only date is
    the whole month), else its file's modification day, as the report places it."""
    when = When.from_iso(dated.date) if dated.date else None
    if when is None:
        when = When.day(datetime.fromtimestamp(dated.mtime, UTC).date())
    return (since is None or since <= when.end) and (until is None or when.start <= until)
