"""The reader: a folder of scraped news articles in, clean `Article`s and `BadFile`s out.

It is the first stage of the pipeline and the last chance to keep scraper junk away from NER:
leading `Key: value` headers and YAML front matter become `Article.metadata`, trailing credit
lines and link lists become `metadata["credit"]`, the headline is taken out of the body, mojibake
and terminal escapes are repaired or removed, hard-wrapped lines are joined, photo-caption labels
are stripped and repeated paragraphs inside one article are counted once.

Every rule is about the shape of the text, never about a name in it. A file that cannot be read
is a `BadFile` with a one-line reason; `scan` never raises for one file.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import re
import stat
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from email.utils import parsedate_to_datetime
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import ftfy

from .dates import MONTHS, resolve, resolve_all
from .model import Article, BadFile
from .report.own import OWN_REPORT, is_sitrep_report
from .textsafe import strip_escapes

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
ARTICLE_SUFFIXES = (".txt", ".md")
MAX_BYTES_PER_CHAR = 4
"""The most bytes one character takes in any encoding the reader decodes (UTF-8, -16, -32)."""

__all__ = [
    "DEFAULT_MAX_BYTES",
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
    "walk_folder",
]


class ReaderError(Exception):
    """The folder itself cannot be scanned (missing, not a folder, unreadable)."""


class BadFileError(Exception):
    """One file cannot be used as an article; `str(error)` is the one-line reason."""

    content_hash: str | None = None
    """The SHA-256 of the bytes read when the reason lies in them alone (empty, binary, too
    long...): the same bytes always give the same reason. None when it lies elsewhere."""


@dataclass
class ScanResult:
    """What `scan` found: the readable articles and the files it had to skip, with reasons."""

    articles: list[Article]
    bad_files: list[BadFile]


# --------------------------------------------------------------------------------------------
# Listing

_BACKUP_SUFFIXES = {".swp", ".swo", ".swx", ".bak", ".tmp", ".temp", ".orig", ".rej", ".part", ".crdownload"}


def _is_candidate_name(name: str) -> bool:
    """Whether a file name looks like an article and not a hidden, swap, backup or temp file."""
    lower = name.lower()
    if not lower.endswith(ARTICLE_SUFFIXES) or lower in ARTICLE_SUFFIXES:
        return False
    if name.startswith((".", "#", "~")) or name.endswith(("~", "#")):
        return False
    return not any(s.lower() in _BACKUP_SUFFIXES for s in Path(name).suffixes[:-1])


def is_article_path(relative: str | Path) -> bool:
    """Whether a path relative to the folder is an article file's: no hidden folder on the way and
    an article's name (`*.txt`, `*.md`; not hidden, swap, backup or temp). The listing's rule."""
    parts = Path(relative).parts
    if not parts or any(part.startswith(".") for part in parts[:-1]):
        return False
    return _is_candidate_name(parts[-1])


@dataclass(frozen=True)
class FolderListing:
    """One walk of a folder: its article files and the folders walked to find them."""

    articles: list[tuple[str, Path]]
    """(path relative to the folder with `/`, path) per article file, sorted by relative path.
    Subfolders that cannot be listed are here too, so that reading them says why."""
    folders: list[Path]
    """The folder and every subfolder listed: never a hidden or linked one."""


def walk_folder(folder: Path) -> FolderListing:
    """Every article file under `folder`, at any depth, and the folders walked (see `FolderListing`).

    The walk keeps its own stack rather than recursing, so no nesting is too deep for it. Hidden
    folders and symlinked folders are not entered (so no loops, and nothing outside through a
    link); symlinked files are listed even when broken or looping, for `scan` to say why.
    """
    folder = Path(folder)
    found: list[tuple[str, Path]] = []
    walked: list[Path] = []
    stack: list[tuple[str, str]] = [(os.fspath(folder), "")]
    while stack:
        path, prefix = stack.pop()
        try:
            with os.scandir(path) as listing:
                entries = list(listing)
        except OSError as exc:
            log.debug("cannot list %s: %s", path, exc)
            if prefix and os.path.isdir(path):
                # Listed like a file so that reading it reports the folder (see `read_bytes`).
                found.append((prefix[:-1], Path(path)))
            continue
        walked.append(Path(path))
        for entry in entries:
            try:
                is_dir = entry.is_dir()
                enter = is_dir and not entry.is_symlink() and not entry.name.startswith(".")
            except OSError:
                is_dir = enter = False
            if enter:
                stack.append((entry.path, f"{prefix}{entry.name}/"))
            elif not is_dir and _is_candidate_name(entry.name):
                found.append((prefix + entry.name, Path(entry.path)))
    found.sort(key=lambda item: item[0])
    return FolderListing(found, walked)


def list_article_files(folder: Path) -> list[Path]:
    """Every `*.txt` and `*.md` file under `folder`, at any depth, sorted by relative path.

    Hidden files and folders, editor swap/backup/temp files and directories named like
    articles are skipped; symlinked directories are not followed (so no loops). Symlinked
    files are listed even when broken or looping, and subfolders that cannot be listed are
    listed themselves, so that `scan` can say why they are bad.
    """
    return [path for _relative_path, path in walk_folder(folder).articles]


# --------------------------------------------------------------------------------------------
# Scanning and reading


def check_folder(folder: Path) -> None:
    """Raise `ReaderError` when `folder` is missing, not a folder or cannot be listed."""
    folder = Path(folder)
    try:
        st = folder.stat()
    except FileNotFoundError:
        raise ReaderError(f"folder not found: {folder}") from None
    except OSError as exc:
        raise ReaderError(f"cannot open folder {folder}: {exc.strerror or exc}") from None
    if not stat.S_ISDIR(st.st_mode):
        raise ReaderError(f"not a folder: {folder}")
    try:
        with os.scandir(folder):
            pass
    except PermissionError:
        raise ReaderError(f"cannot read folder {folder}: permission denied") from None
    except OSError as exc:
        raise ReaderError(f"cannot read folder {folder}: {exc.strerror or exc}") from None


def scan(folder: Path, max_bytes: int = DEFAULT_MAX_BYTES, follow_outside_links: bool = False) -> ScanResult:
    """Read every article under `folder`; bad files are collected with a reason, never raised.

    Raises `ReaderError` only when the folder itself is missing, not a folder or unreadable.
    """
    folder = Path(folder)
    check_folder(folder)
    articles: list[Article] = []
    bad: list[BadFile] = []
    for path in list_article_files(folder):
        try:
            articles.append(read_article(path, folder, max_bytes, follow_outside_links=follow_outside_links))
        except BadFileError as exc:
            bad.append(BadFile(_relative(path, folder), str(exc)))
        except Exception as exc:  # noqa: BLE001 - one odd file must never stop the scan
            log.exception("unexpected error reading %s", path)
            bad.append(BadFile(_relative(path, folder), f"could not be read ({type(exc).__name__}: {exc})"))
    return ScanResult(articles, bad)


def read_article(path: Path, folder: Path, max_bytes: int = DEFAULT_MAX_BYTES, *,
                 follow_outside_links: bool = False, max_chars: int | None = None) -> Article:
    """Read and clean one article file; raises `BadFileError(reason)` when it cannot be used.

    With `max_chars`, a text longer than that is refused as too long to analyse, before any
    cleaning (the costly part); a file with more bytes than such a text can take is not even
    decoded. A link resolving outside `folder` is refused unless `follow_outside_links`.
    """
    path, folder = Path(path), Path(folder)
    raw, mtime = read_bytes(path, folder, max_bytes, follow_outside_links)
    try:
        if max_chars is not None and len(raw) > MAX_BYTES_PER_CHAR * max_chars:
            raise _too_long(_size(len(raw)), max_chars)
        text = _decode(raw)
        if max_chars is not None and len(text) > max_chars:
            raise _too_long(f"{len(text):,} characters", max_chars)
        if not text.strip():
            raise BadFileError("empty file" if not raw.strip() else "empty file (only whitespace)")
        if is_sitrep_report(text):
            raise BadFileError(OWN_REPORT)
        cleaned = clean_text(text)
        if not cleaned:
            raise BadFileError("empty file (only control or invisible characters)")
        parsed = _parse(cleaned, path.stem)
        article = Article(
            path=_relative(path, folder),
            title=parsed.title,
            outlet=_find_outlet(parsed.metadata, path.stem),
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


def _size(n: float) -> str:
    """A byte count for people: "512 bytes", "3.2 KB", "25.0 MB"."""
    if n < 1024:
        return f"{int(n)} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def _too_long(length: str, max_chars: int) -> BadFileError:
    return BadFileError(f"too long to analyse: {length} of text (the language model reads at most {max_chars:,} "
                        "characters)")


def _too_large(size: int, max_bytes: int) -> BadFileError:
    return BadFileError(
        f"too large: {_size(size)} is over the {_size(max_bytes)} limit (raise seeds.max_file_mb to read it)"
    )


_KIND_NAMES = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFDIR: "a directory",
}


def read_bytes(path: Path, folder: Path, max_bytes: int = DEFAULT_MAX_BYTES,
               follow_outside_links: bool = False) -> tuple[bytes, float]:
    """The raw bytes and mtime of the regular file `path` in `folder`, or `BadFileError` saying
    why not: not a regular file, over `max_bytes`, or (unless `follow_outside_links`) a link that
    resolves outside `folder`."""
    if not follow_outside_links and _points_outside(path, folder):
        raise BadFileError("points outside the folder")
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise BadFileError("broken symlink (its target does not exist)") from None
        raise BadFileError("vanished while reading") from None
    except PermissionError:
        raise BadFileError("unreadable: permission denied") from None
    except OSError as exc:
        raise _os_error(exc) from None
    if stat.S_ISDIR(st.st_mode):
        try:
            with os.scandir(path):
                pass
        except OSError as exc:
            raise BadFileError(f"folder unreadable ({exc.strerror or exc}): the articles in it are not read") from None
    if not stat.S_ISREG(st.st_mode):
        kind = _KIND_NAMES.get(stat.S_IFMT(st.st_mode), "a special file")
        raise BadFileError(f"not a regular file ({kind})")
    if st.st_size > max_bytes:
        raise _too_large(st.st_size, max_bytes)
    try:
        # O_NONBLOCK: if the file was swapped for a pipe since the stat, open must not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise BadFileError("vanished while reading") from None
    except PermissionError:
        raise BadFileError("unreadable: permission denied") from None
    except OSError as exc:
        raise _os_error(exc) from None
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(handle.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise BadFileError("not a regular file")
        try:
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise _os_error(exc) from None
    if len(data) > max_bytes:
        raise _too_large(max(len(data), st.st_size), max_bytes)
    return data, st.st_mtime


def _points_outside(path: Path, folder: Path) -> bool:
    """Whether `path` is a symlink whose target (followed to the end) is not inside `folder`.

    Only the last component is checked: the listing never enters a linked folder, so the
    folders between `folder` and a listed file are real ones.
    """
    if not os.path.islink(path):
        return False
    root = os.path.realpath(folder)
    target = os.path.realpath(path)
    try:
        return os.path.commonpath([root, target]) != root
    except ValueError:  # another drive (Windows)
        return True


def _os_error(exc: OSError) -> BadFileError:
    """A one-line reason for an OS error while opening or reading a file."""
    if exc.errno == errno.ELOOP:
        return BadFileError("symlink loop (the link points back to itself)")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return BadFileError("unreadable: permission denied")
    if exc.errno == errno.ENOENT:
        return BadFileError("vanished while reading")
    if exc.errno == errno.EISDIR:
        return BadFileError("not a regular file (a directory)")
    return BadFileError(f"unreadable: {exc.strerror or exc}")


_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_NON_TEXT_CHARS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f\ue000-\uf8ff\ufffd]")


def _decode(raw: bytes) -> str:
    """Bytes to text: UTF-8 (BOM optional) or UTF-16/32 with a BOM; else `BadFileError`."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        text = _decode_with(raw, "utf-32", "UTF-32")
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _decode_with(raw, "utf-16", "UTF-16")
    else:
        if b"\x00" in raw:
            raise BadFileError("binary file (contains NUL bytes)")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            sample = raw[:65536]
            if sample and len(_BINARY_BYTES.findall(sample)) > 0.1 * len(sample):
                raise BadFileError("binary file (mostly non-text bytes)") from None
            legacy = _decode_legacy(raw)
            if legacy is None:
                bad = raw[exc.start]
                raise BadFileError(f"not UTF-8 text (invalid byte 0x{bad:02x} at offset {exc.start}) "
                                   "and no other encoding fits") from None
            text = legacy
    if "\x00" in text:
        raise BadFileError("binary file (contains NUL characters)")
    if text:
        junk = len(text) - len(_NON_TEXT_CHARS.sub("", text))
        if junk > 0.3 * len(text):
            raise BadFileError("binary file (mostly non-text characters)")
    return text


def _decode_legacy(raw: bytes) -> str | None:
    """Text saved in a legacy 8-bit encoding, or None when no encoding reads it cleanly.

    Windows-1252 first: it is what most non-UTF-8 English and French news text is in, and
    it reads such text with only a few accented letters among plain ASCII ones. Otherwise
    charset-normalizer's best guess (Windows-1251 Cyrillic, 1256 Arabic...) when it finds
    the result orderly. Short samples fool detectors into near-identical Latin code pages
    (1250 for 1252 turns "à" into "ŕ"), hence the 1252 rule first.
    """
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        letters = [c for c in text if c.isalpha()]
        foreign = sum(1 for c in letters if not c.isascii())
        if letters and foreign <= 0.2 * len(letters):
            log.info("read as Windows-1252 (not UTF-8)")
            return text
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None or best.percent_chaos > 10:
        return None
    log.info("read as %s (not UTF-8)", best.encoding)
    return str(best)


def _decode_with(raw: bytes, codec: str, label: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        raise BadFileError(f"not valid {label} text (bad data at offset {exc.start})") from None


# --------------------------------------------------------------------------------------------
# Cleaning

# A lone "Â" before a space is the UTF-8 no-break space read as Latin-1 with its second byte
# already turned into a plain space; ftfy leaves that case alone.
_LONE_A_CIRC = re.compile(r"(?<![A-ZÀ-Þ])Â(?=[ \u00a0\n]|$)")
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    "\ufeff\ufff9-\ufffb\ufffd\ufffe\uffff\ud800-\udfff\ue000-\uf8ff]"
)
_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_MULTI_SPACE = re.compile(r" {2,}")
_EDGE_SPACE = re.compile(r" *\n *")
_FTFY = ftfy.TextFixerConfig(unescape_html=True, uncurl_quotes=False, explain=False)


def _repair(text: str) -> str:
    """Fix mojibake and HTML entities (ftfy, plus the lone "Â " it leaves)."""
    if text.isascii() and "&" not in text:
        return text
    text = ftfy.fix_text(text, _FTFY)
    return _LONE_A_CIRC.sub("", text) if "Â" in text else text


def clean_text(text: str) -> str:
    """Repair and normalise scraped text, keeping its line structure.

    Fixes mojibake ("GoÃ¯ta" -> "Goïta") and HTML entities ("pr&#233;cis" -> "précis");
    removes terminal escape sequences, control characters (tabs become spaces), zero-width
    and bidi-override characters; NFC-normalises; collapses runs of spaces and trims lines.
    Letters of any script are kept, and so is text that only looks like markup ("[red]").
    Cleaning is idempotent: removing a control character can expose more mojibake, so the
    steps repeat (at most a few times) until nothing changes.
    """
    for _ in range(4):
        cleaned = _clean_once(text)
        if cleaned == text:
            break
        text = cleaned
    return text


def _clean_once(text: str) -> str:
    text = _LINE_BREAKS.sub("\n", text)
    text = strip_escapes(text)
    text = _repair(text)
    text = _LINE_BREAKS.sub("\n", text)  # ftfy may produce U+2028 and friends
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _MULTI_SPACE.sub(" ", text)
    text = _EDGE_SPACE.sub("\n", text)
    return text.strip()


_NOT_WORD = re.compile(r"[\W_]+")


@cache
def _combining_marks() -> dict[int, None]:
    """A `str.translate` table deleting every combining mark (all of them sit below U+30000)."""
    return {cp: None for cp in range(0x300, 0x30000) if unicodedata.combining(chr(cp))}


def _fold(text: str, repaired: bool = False) -> str:
    """Case- and accent-folded text with only letters and digits, single-spaced."""
    text = (text if repaired else _repair(text)).casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).translate(_combining_marks())
    return _NOT_WORD.sub(" ", text).strip()


def fingerprint(paragraph: str) -> str:
    """A short stable hash of a paragraph, equal for near-identical copies.

    The text is repaired (mojibake, entities), case- and accent-folded, reduced to letters and
    digits and single-spaced before hashing, so case, punctuation, whitespace and mojibake
    differences do not matter. Used to count the same wire copy in two outlets as one source.
    """
    return _hash(_fold(paragraph))


def _hash(folded: str) -> str:
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=8).hexdigest()


def _clean_fingerprint(text: str) -> str:
    """`fingerprint` of text that `clean_text` already repaired (ftfy is idempotent, so equal)."""
    return _hash(_fold(text, repaired=True))


# --------------------------------------------------------------------------------------------
# Leading metadata: YAML front matter and `Key: value` header lines

_KNOWN_KEYS = {
    "source", "sources", "src", "title", "headline", "subtitle", "date", "published", "published_at",
    "publish_date", "pubdate", "updated", "modified", "created", "author", "authors", "byline", "by",
    "writer", "category", "categories", "tags", "tag", "keywords", "slug", "url", "link", "original",
    "original_url", "canonical", "permalink", "outlet", "publisher", "publication", "site", "site_name",
    "newspaper", "language", "lang", "id", "description", "summary", "excerpt", "section", "location",
    "dateline", "credit", "credits", "via", "copyright", "type", "layout", "status", "draft", "image",
    "thumbnail", "lead",
}
_HEADER = re.compile(
    r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+){0,2})[ \t]*:(?!//)[ \t]*(?P<value>.*)$"
)
_YAML_ITEM = re.compile(r"^\s*-\s+(.*)$")
_DATE_KEYS = ("date", "published", "published_at", "publish_date", "pubdate", "created", "updated", "modified")


def _norm_key(key: str) -> str:
    return re.sub(r"[\s-]+", "_", key.strip().lower())


def _header_line(line: str) -> tuple[str, str] | None:
    """`(key, value)` when a line has the shape of a metadata header, else None."""
    m = _HEADER.match(line.strip())
    if m is None or len(m["key"]) > 30:
        return None
    return m["key"], m["value"].strip()


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    if value.startswith("[") and value.endswith("]"):
        return ", ".join(_unquote(v) for v in value[1:-1].split(",") if v.strip())
    return value


def _front_matter(lines: list[str], start: int, meta: dict[str, str]) -> int | None:
    """Parse YAML front matter opening at `start`; the index after it, or None if it is not one."""
    for end in range(start + 1, min(len(lines), start + 200)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return None
    last_key = ""
    for line in lines[start + 1 : end]:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _YAML_ITEM.match(line)
        if item and last_key:
            value = _unquote(item[1])
            meta[last_key] = f"{meta[last_key]}, {value}" if meta.get(last_key) else value
            continue
        header = _header_line(line)
        if header is None:
            if line[:1].isspace() and last_key:  # folded continuation of the previous value
                meta[last_key] = f"{meta[last_key]} {line.strip()}".strip()
                continue
            return None
        last_key = _norm_key(header[0])
        meta.setdefault(last_key, _unquote(header[1]))
    return end + 1


def _leading_metadata(lines: list[str]) -> tuple[dict[str, str], int]:
    """Metadata at the top of the file and the index of the first body line.

    Header lines come in groups separated by blank lines. A known key ("Title", "Src", ...)
    is always metadata; an unknown capitalised key only inside a run of two or more header
    lines, so a first line like "Goldsmith: 'I was not leant on'" stays a headline.
    """
    meta: dict[str, str] = {}
    i, n = 0, len(lines)
    front_done = False
    while True:
        while i < n and not lines[i].strip():
            i += 1
        if i >= n:
            return meta, n
        if not front_done and lines[i].strip() == "---":
            front_done = True
            after = _front_matter(lines, i, meta)
            if after is None:
                return meta, i
            i = after
            continue
        run: list[tuple[str, str]] = []
        j = i
        while j < n and lines[j].strip() and (header := _header_line(lines[j])) is not None:
            run.append(header)
            j += 1
        accepted = 0
        for key, value in run:
            known = _norm_key(key) in _KNOWN_KEYS
            if not (known or (len(run) >= 2 and key[0].isupper())):
                break
            meta.setdefault(_norm_key(key), value)
            accepted += 1
        if accepted == 0:
            return meta, i
        i += accepted
        if accepted < len(run) or (i < n and lines[i].strip()):
            return meta, i


# --------------------------------------------------------------------------------------------
# Trailing credit lines and link sections

_CREDIT_LINE = re.compile(
    r"^(?:#{1,6}\s*)?(?:\*\*|__)?(?:sources?|credits?|via|copyright)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(?P<v>\S.*)$",
    re.IGNORECASE,
)
_CREDIT_HEADING = re.compile(
    r"^(?:#{1,6}\s*)?(?:\*\*|__)?(?:sources?|credits?|via)(?:\*\*|__)?\s*:?\s*(?:\*\*|__)?$", re.IGNORECASE
)
_RELATED_HEADING = re.compile(
    r"^(?:#{1,6}\s*)?(?:\*\*|__)?(?:related(?: articles| stories| coverage| links| content)?|see also|"
    r"read more|more on this story|further reading|references|links)(?:\*\*|__)?\s*:?\s*(?:\*\*|__)?$",
    re.IGNORECASE,
)
_LIST_MARK = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\n]*)\)")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'\]]*[^\s<>\"'.,;:!?)\]]")
_URL_HOST = re.compile(r"(?:https?://|(?<![\w.])(?=www\.))([A-Za-z0-9.-]+\.[A-Za-z]{2,})")


def _link_section_lines(lines: list[str]) -> bool:
    """Whether every non-blank line is a list item, a markdown link or a bare URL."""
    body = [ln.strip() for ln in lines if ln.strip()]
    if not body or len(body) > 40:
        return False
    for line in body:
        rest = _LIST_MARK.sub("", line)
        if _MD_LINK.fullmatch(rest) or _URL.fullmatch(rest.strip("<>")):
            continue
        if _LIST_MARK.match(line) and len(rest.split()) <= 8:
            continue
        return False
    return True


def _trailing_credit(lines: list[str], meta: dict[str, str]) -> list[str]:
    """Remove trailing credit lines and link sections, storing them in `meta`."""
    credits: list[str] = []
    urls: list[str] = []
    for _ in range(6):
        end = len(lines)
        while end and not lines[end - 1].strip():
            end -= 1
        lines = lines[:end]
        if not lines:
            break
        last = lines[-1].strip()
        m = _CREDIT_LINE.match(last)
        if m and not _CREDIT_HEADING.match(last):
            value = _inline_markdown(m["v"], set()).strip()
            words = value.split()
            if value and len(words) <= 8 and not (value.endswith((".", "!", "?")) and len(words) > 3):
                credits.insert(0, value.rstrip("."))
                urls[:0] = _URL.findall(m["v"])
                lines = lines[:-1]
                continue
        start = max(0, len(lines) - 42)
        for k in range(len(lines) - 2, start - 1, -1):
            head = lines[k].strip()
            credit = _CREDIT_HEADING.match(head)
            if credit or _RELATED_HEADING.match(head):
                section = lines[k + 1 :]
                if not _link_section_lines(section):
                    break
                if credit:
                    for line in section:
                        rest = _LIST_MARK.sub("", line.strip())
                        urls.extend(_URL.findall(rest))
                        text = _inline_markdown(rest, set()).strip()
                        if text:
                            credits.append(text)
                lines = lines[:k]
                break
        else:
            break
        if len(lines) == end:
            break
    if credits:
        meta["credit"] = ", ".join(dict.fromkeys(credits))
    if urls:
        meta["credit_urls"] = " ".join(dict.fromkeys(urls))
    return lines


# --------------------------------------------------------------------------------------------
# Markdown

_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:[ \t]+|(?=\[))(.*?)(?:[ \t]+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_HR = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_REF_DEF = re.compile(r"^\s{0,3}\[([^\]\n]+)\]:\s*\S+")
_BLOCKQUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")
_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_TABLE_RULE = re.compile(r"^[\s|:-]*$")
_HIGHLIGHT = re.compile(r"^\s*@highlight\s*$", re.IGNORECASE)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_REF_LINK = re.compile(r"\[([^\]\n]+)\]\[([^\]\n]*)\]")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>\s]*>")
_HTML_COMMENT = re.compile(r"<!--.*?-->")
_HTML_TAG = re.compile(
    r"</?(?:a|abbr|b|blockquote|br|cite|code|div|em|figcaption|figure|font|h[1-6]|hr|i|img|li|ol|p|"
    r"picture|pre|q|s|small|source|span|strong|sub|sup|table|tbody|td|th|thead|tr|u|ul)\b[^<>]{0,500}>",
    re.IGNORECASE,
)
_STRONG = re.compile(r"(\*\*|__)(?=\S)([^\n]+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_EM_UNDER = re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)([^~\n]+?)(?<=\S)~~")
_CODE = re.compile(r"`([^`\n]+)`")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")
_SPACE_BEFORE_PUNCT = re.compile(r" +([.,;:!?])(?=\s|$)")


def _inline_markdown(text: str, refs: set[str]) -> str:
    """Markdown and stray HTML inline markup removed: links become their text, images and URLs go."""
    if "<" in text:
        text = _HTML_COMMENT.sub("", text)
        text = _AUTOLINK.sub("", text)
        text = _HTML_TAG.sub(" ", text)
    if "[" in text:
        text = _IMAGE.sub("", text)
        text = _MD_LINK.sub(r"\1", text)
        if refs:
            text = _REF_LINK.sub(lambda m: m[1] if (m[2] or m[1]).lower() in refs else m[0], text)
    if "://" in text or "www." in text:
        text = _SPACE_BEFORE_PUNCT.sub(r"\1", _URL.sub("", text))
    if "*" in text or "_" in text:
        text = _STRONG.sub(r"\2", text)
        text = _EM_STAR.sub(r"\1", text)
        text = _EM_UNDER.sub(r"\1", text)
    if "~~" in text:
        text = _STRIKE.sub(r"\1", text)
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    if "(" in text or "[" in text:
        text = _EMPTY_BRACKETS.sub("", text)
    return _MULTI_SPACE.sub(" ", text).strip()


@dataclass
class _Line:
    """One body line after markdown handling."""

    text: str
    kind: str = "text"
    """"text" (joins its neighbours), "item" (starts a paragraph), "single" (a paragraph alone), "blank"."""
    level: int = 0
    """Markdown heading level, 0 for a non-heading."""


def _markdown_lines(lines: list[str]) -> list[_Line]:
    """Body lines with markdown block syntax interpreted and inline markup removed."""
    refs = {m[1].lower() for line in lines if (m := _REF_DEF.match(line))}
    out: list[_Line] = []
    in_list = False
    for raw in lines:
        if not raw.strip():
            in_list = False
        if not raw.strip() or _FENCE.match(raw) or _HIGHLIGHT.match(raw) or _REF_DEF.match(raw):
            out.append(_Line("", "blank"))
            continue
        setext = _SETEXT.match(raw)
        if setext and out and out[-1].kind == "text" and len(out[-1].text.split()) <= 25:
            out[-1].kind, out[-1].level = "single", 1 if setext[1][0] == "=" else 2
            continue
        if _HR.match(raw):
            out.append(_Line("", "blank"))
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
        elif _LIST_MARK.match(line) and (in_list or not out or out[-1].kind != "text"
                                         or _ends_sentence(out[-1].text) or out[-1].text.endswith(":")):
            # A "- " inside running prose is a dash that a hard wrap put first, not a list item.
            kind, line = "item", _LIST_MARK.sub("", line)
        in_list = kind == "item" or (in_list and kind == "text")
        text = _inline_markdown(line, refs)
        out.append(_Line(text, kind, level) if text else _Line("", "blank"))
    return out


# --------------------------------------------------------------------------------------------
# Sentence shape

_SENTENCE_END = re.compile(r"[.!?…؟。！？][\"'”’»)\]]*$")
_OPENERS = "\"'“‘«(["
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "capt", "cpt", "sgt", "maj", "gov", "sen", "rep",
    "st", "mt", "jr", "sr", "no", "vs", "etc", "u.s", "u.k", "u.n", "inc", "ltd", "co", "corp", "fig", "approx",
}
_FUNCTION_WORDS = {
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "but", "by", "with", "from", "as",
    "that", "which", "who", "whose", "its", "his", "her", "their", "our", "my", "this", "these", "those",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "not", "into", "than", "mr", "mrs",
    "ms", "dr", "if", "so", "because", "while", "when", "where", "said", "says",
}
_SMALL_WORDS = {
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "as", "by", "with", "from",
    "vs", "amid", "over", "into", "after", "before", "via", "per", "is", "be", "are", "was", "nor", "up",
}
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def _ends_sentence(text: str) -> bool:
    """Whether a line ends like a sentence (. ! ? or a closing quote after one), not an abbreviation."""
    if not _SENTENCE_END.search(text):
        return False
    last = text.rstrip("\"'”’»)]").rstrip(".!?…").rsplit(None, 1)[-1:] or [""]
    word = last[0].lower().lstrip(_OPENERS)
    return not (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()))


def _starts_new(text: str) -> bool:
    """Whether a line starts like a new sentence: capital (or uncased letter), digit or quote."""
    first = text[:1]
    return bool(first) and (first in _OPENERS[:5] or first.isdigit() or (first.isalpha() and not first.islower()))


def _title_case(text: str) -> bool:
    """Whether most significant words are capitalised ("Soldiers Arrested Amid Coup Fears")."""
    words = [w for w in _WORD.findall(text) if w.lower() not in _SMALL_WORDS]
    if len(words) < 2:
        return False
    return sum(1 for w in words if w[0].isupper()) >= 0.75 * len(words)


def _headline_like(text: str) -> bool:
    """Short, starts like a sentence, and not shaped like a sentence or a wrapped fragment."""
    words = text.split()
    if not 2 <= len(words) <= 25 or not _starts_new(text) or text[-1] in ",;:-–—(":
        return False
    return not (_SENTENCE_END.search(text) and not _title_case(text))


# --------------------------------------------------------------------------------------------
# Dates

# `Article.date` is an ISO 8601 string whose length is its precision: "2020-09-02T15:29+01:00" or
# "2020-09-02T15:29" (a time, with the offset when the source gave a zone), "2020-09-02" (a day),
# "2012-03" (only the month is known) or "2012" (only the year). `dates.publication_day` reads it.

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_LABEL = r"(?:(?:first\s+)?(?:published|posted|updated|last\s+updated|modified)(?:\s+(?:on|at))?\s*:?\s*)?"
_CLOCK = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2}(?:\.\d+)?)?\s*(?P<ampm>[ap]\.?m\b\.?)?"
_TIME = rf"(?:(?:,|\s+at)?[\sT]+{_CLOCK})?"
_ZONE = r"(?:\s*\(?(?P<zone>(?-i:Z|[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)|[+-]\d{2}:?\d{2})\)?)?"
_DAY_MONTH_YEAR = rf"{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})"
_MONTH_DAY_YEAR = rf"{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"
_DATE_FORMS = [
    re.compile(rf"{_LABEL}{date_part}{_TIME}{_ZONE}", re.IGNORECASE)
    for date_part in (r"(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})",
                      r"(?P<year>\d{4})/(?P<mon>\d{1,2})/(?P<day>\d{1,2})",
                      _DAY_MONTH_YEAR, _MONTH_DAY_YEAR)
] + [
    # "06:28 EST, 29 September 2013": the time and zone before the date, as in a byline block
    re.compile(rf"{_LABEL}{_CLOCK}{_ZONE},?\s+{date_part}", re.IGNORECASE)
    for date_part in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR)
] + [
    # "2020-09-07-14-20-08": a date-time joined by dashes, as some static-site generators write it
    re.compile(r"(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})-(?P<hour>\d{2})-(?P<minute>\d{2})(?:-\d{2})?"),
]
_PARTIAL_FORMS = [  # only the month or the year: for metadata values, never for a body line
    re.compile(r"(?P<year>\d{4})-(?P<mon>\d{2})"),
    re.compile(rf"{_MONTH},?\s+(?P<year>\d{{4}})", re.IGNORECASE),
    re.compile(r"(?P<year>(?:19|20)\d{2})"),
]
_ZONE_OFFSETS = {
    "Z": 0, "UTC": 0, "GMT": 0, "UT": 0, "WET": 0, "BST": 60, "IST": 60, "WEST": 60, "CET": 60, "WAT": 60,
    "CEST": 120, "EET": 120, "SAST": 120, "CAT": 120, "EEST": 180, "EAT": 180, "MSK": 180,
    "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
    "HKT": 480, "SGT": 480, "JST": 540, "KST": 540, "AEST": 600, "AEDT": 660,
}
"""Minutes east of UTC. "IST" is taken as Irish Summer Time, as in British and Irish bylines."""
_OFFSET = re.compile(r"(?P<name>[A-Z]{1,5})?(?:(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?)?")


def _zone_offset(zone: str | None) -> str | None:
    """ "+01:00" for "BST", "+0100", "GMT+1" or "UTC+01:00"; None for no zone or an unknown name."""
    if not zone:
        return None
    m = _OFFSET.fullmatch(zone)
    if m is None:
        return None
    minutes = 0
    if m["name"]:
        if m["name"] not in _ZONE_OFFSETS:
            return None
        minutes = _ZONE_OFFSETS[m["name"]]
    if m["sign"]:
        delta = int(m["h"]) * 60 + int(m["m"] or 0)
        minutes += delta if m["sign"] == "+" else -delta
    if abs(minutes) >= 24 * 60:
        return None
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _hour(hour: int, ampm: str | None) -> int:
    """The 24-hour hour: "2 p.m." is 14, "12 a.m." is 0; a 24-hour time ignores a stray am/pm."""
    if not ampm or not 1 <= hour <= 12:
        return hour
    pm = ampm[0].lower() == "p"
    return (hour % 12) + (12 if pm else 0)


def _month_number(groups: dict[str, str | None]) -> int | None:
    if groups.get("mon"):
        return int(groups["mon"] or 0)
    return MONTHS.get((groups.get("month") or "").rstrip(".").lower())


def _parse_date(text: str, partial: bool = False) -> str | None:
    """The ISO date of `text` when the whole text is one date, else None.

    "2015-05-14", "2015-05-14T09:21" or, with a known zone, "2015-05-14T09:21+01:00". With
    `partial`, a month or a year alone also reads ("2012-03", "2012"): fine for a metadata
    value, too loose for a body line.
    """
    text = text.strip().strip("()[]").strip()
    if not text or len(text) > 60:
        return None
    for form in _DATE_FORMS:
        m = form.fullmatch(text)
        if m is None:
            continue
        groups = m.groupdict()
        month = _month_number(groups)
        if month is None:
            continue
        try:
            day = date(int(groups["year"] or 0), month, int(groups["day"] or 0))
            if not groups.get("hour"):
                return day.isoformat()
            when = datetime.combine(day, time(_hour(int(groups["hour"] or 0), groups.get("ampm")),
                                              int(groups["minute"] or 0)))
        except ValueError:
            continue
        return when.isoformat(timespec="minutes") + (_zone_offset(groups.get("zone")) or "")
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed.isoformat(timespec="minutes")
    return _parse_partial_date(text) if partial else None


def _parse_partial_date(text: str) -> str | None:
    """ "2012-03" for "2012-03" or "March 2012"; "2012" for a year alone."""
    for form in _PARTIAL_FORMS:
        m = form.fullmatch(text)
        if m is None:
            continue
        groups = m.groupdict()
        if "mon" not in groups and "month" not in groups:
            return groups["year"]
        month = _month_number(groups)
        if month is not None and 1 <= month <= 12:
            return f"{groups['year']}-{month:02d}"
    return None


_PUBLISHED = re.compile(r"\b(?:first\s+)?published\b(?:\s+(?:on|at))?\s*:?\s*", re.IGNORECASE)
_TOO_VAGUE_DAYS = 7
"""A span of days in a note ("September 23rd-24th 2013") gives its first day up to this length."""


def _note_date(note: str) -> str | None:
    """The publication date a provenance note states, or None.

    A date right after "published" wins; otherwise the first day in the note (or the first day
    of a span of a few days), else the first month ("2012-03"), else the first year ("2012").
    A span of years ("2004-2005") is too vague to be a publication date.
    """
    note = _URL.sub(" ", note)
    for m in _PUBLISHED.finditer(note):
        when = resolve(note[m.end():], None)
        if when is not None and when.precision == "day":
            return when.iso
    found = [w for w in resolve_all(note, None)
             if w.precision != "range" or (w.end - w.start).days < _TOO_VAGUE_DAYS]
    for precision in ("day", "range", "month", "year"):
        for when in found:
            if when.precision == precision:
                return when.start.isoformat() if precision == "range" else when.iso
    return None


def _source_note(source: str) -> str:
    """The note of a provenance header ("<where it came from>; <a note>"), or ""."""
    _, sep, note = source.partition(";")
    return note if sep else ""


_URL_DATE = re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<month>\d{1,2})/(?:(?P<day>\d{1,2})(?:/|$|[?#]))?")
_URL_KEYS = ("original", "original_url", "canonical", "url", "link", "permalink", "src", "source", "sources", "via")


def _url_date(meta: dict[str, str]) -> str | None:
    """The date in the path of a metadata URL ("/2015/05/14/" or, month precision, "/2015/05/")."""
    keys = [k for k in _URL_KEYS if k in meta] + [k for k in meta if k not in _URL_KEYS]
    for key in keys:
        for url in _URL.finditer(meta[key]):
            m = _URL_DATE.search(urlsplit(url[0] if "://" in url[0] else "http://" + url[0]).path)
            if m is None:
                continue
            try:
                if m["day"]:
                    return date(int(m["year"]), int(m["month"]), int(m["day"])).isoformat()
                return date(int(m["year"]), int(m["month"]), 1).isoformat()[:7]
            except ValueError:
                continue
    return None


def _publication_date(meta: dict[str, str]) -> str | None:
    """The article date: a date key, else the provenance note of `Source:`, else a dated URL.

    Text under a date key that does not read as a date stays in the metadata only.
    """
    for key in _DATE_KEYS:
        if meta.get(key):
            parsed = _parse_date(meta[key], partial=True)
            if parsed:
                return parsed
    note = _source_note(meta.get("source", ""))
    return (_note_date(note) if note else None) or _url_date(meta)


# --------------------------------------------------------------------------------------------
# Outlets


@dataclass(frozen=True)
class _Outlets:
    """The outlet table from `outlets.json`, compiled for lookups."""

    names: re.Pattern[str] | None
    by_name: dict[str, str]
    domains: dict[str, str]
    tokens: dict[str, str]


@cache
def _outlets() -> _Outlets:
    """Load `outlets.json` once (an empty table, with a warning, if it is missing or broken)."""
    try:
        data = json.loads(resources.files(__package__).joinpath("outlets.json").read_text("utf-8"))
        entries = data["outlets"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("outlet table unavailable: %s", exc)
        entries = []
    by_name: dict[str, str] = {}
    domains: dict[str, str] = {}
    tokens: dict[str, str] = {}
    for entry in entries:
        for name in entry.get("names", []):
            by_name.setdefault(name, entry["name"])
        for domain in entry.get("domains", []):
            domains.setdefault(domain.lower(), entry["name"])
        for token in entry.get("tokens", []):
            tokens.setdefault(token.lower(), entry["name"])
    names = None
    if by_name:
        alternatives = "|".join(re.escape(n) for n in sorted(by_name, key=len, reverse=True))
        names = re.compile(rf"(?<![\w&])(?:{alternatives})(?![\w&])")
    return _Outlets(names, by_name, domains, tokens)


def _outlet_from_host(host: str) -> str | None:
    table = _outlets()
    host = host.lower().rstrip(".")
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = table.domains.get(".".join(parts[i:]))
        if name:
            return name
    return None


def _outlet_from_hosts(text: str) -> str | None:
    for m in _URL_HOST.finditer(text):
        name = _outlet_from_host(m[1])
        if name:
            return name
    return None


def _outlet_from_names(text: str) -> str | None:
    """The outlet named earliest in prose (URLs and path-like tokens ignored)."""
    table = _outlets()
    if table.names is None:
        return None
    prose = " ".join(t for t in _URL.sub(" ", text).split() if "/" not in t and "\\" not in t)
    m = table.names.search(prose)
    return table.by_name[m[0]] if m else None


def _outlet_from_tokens(text: str) -> str | None:
    """An outlet whose token is a word (or two joined words) of `text`: "bbc_politics_251"."""
    table = _outlets()
    words = [w for w in re.split(r"[^a-z0-9]+", text.lower()) if w]
    for i, word in enumerate(words):
        for candidate in (word, word + words[i + 1] if i + 1 < len(words) else ""):
            if candidate in table.tokens:
                return table.tokens[candidate]
    return None


_OUTLET_KEYS = ("outlet", "publisher", "publication", "site_name", "site", "newspaper")
_SOURCE_KEYS = ("original", "original_url", "canonical", "url", "link", "src", "source", "sources", "via",
                "permalink", "copyright", "tags", "tag", "category", "categories")
_IGNORED_HOSTS = ("github.com", "githubusercontent.com", "gitlab.com", "bitbucket.org", "archive.org",
                  "archive.ph", "archive.today", "google.com", "t.co", "bit.ly")


def _find_outlet(meta: dict[str, str], stem: str) -> str:
    """The outlet: from metadata, else the credit line, else the file name, else ""."""
    for key in _OUTLET_KEYS:
        value = meta.get(key, "")
        if value:
            found = _outlet_from_hosts(value) or _outlet_from_names(value) or _outlet_from_tokens(value)
            if found:
                return found
            if len(value.split()) <= 6 and not _URL.search(value):
                return value
    source_values = [meta[k] for k in _SOURCE_KEYS if meta.get(k)]
    for value in source_values:
        for m in _URL_HOST.finditer(value):
            host = m[1].lower()
            if not any(host == h or host.endswith("." + h) for h in _IGNORED_HOSTS):
                found = _outlet_from_host(host)
                if found:
                    return found
    for value in source_values:
        found = _outlet_from_names(value)
        if found:
            return found
    for key in ("tags", "tag", "category", "categories"):
        found = _outlet_from_tokens(meta.get(key, ""))
        if found:
            return found
    credit = meta.get("credit", "")
    if credit:
        found = (_outlet_from_names(credit) or _outlet_from_hosts(meta.get("credit_urls", ""))
                 or _outlet_from_tokens(credit))
        if found:
            return found
        if len(credit.split()) <= 4:
            return credit
    found = _outlet_from_tokens(stem)
    if found:
        return found
    agency = meta.get("dateline_agency", "")
    if agency:  # "NIAMEY (AP) —": the wire the story comes from
        return _outlet_from_names(agency) or _outlet_from_tokens(agency) or agency
    # "Source: Example Wire": an outlet the table does not know is still the outlet.
    for value in source_values:
        plain = value.strip()
        if plain and len(plain.split()) <= 5 and not _URL.search(plain) and "/" not in plain and "\\" not in plain:
            return plain
    return ""


# --------------------------------------------------------------------------------------------
# Title, paragraphs and repeats

_BYLINE = re.compile(r"^By\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von|al|el)){0,6}(?:,.*)?$")
_CAPTION = re.compile(r"^(?P<label>[^\W\d_][\w'’&-]*(?: [\w'’&-]+){0,2}):[ ]*(?=[\"'“‘«A-Z])")
_SPEECH_WORDS = {
    "said", "says", "say", "told", "tells", "tell", "added", "adds", "asked", "asks", "wrote", "writes",
    "stated", "states", "explained", "warned", "warns", "insisted", "insists", "declared", "replied",
    "continued", "concluded", "announced", "claimed", "claims", "noted", "argued", "according", "tweeted",
    "posted", "commented", "responded", "answered", "recalled", "joked", "quipped", "urged", "explains",
}
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor"}
_BOILERPLATE = {
    "advertisement", "advertising", "share this article", "share this", "share", "continue reading",
    "read more", "click to expand", "scroll to continue", "story continues below advertisement",
}
# Scraper furniture that is never story text: credits, share bars, "Related:" teasers, copyright.
_NOISE_LINE = re.compile(
    r"^(?:(?:photograph|photo|image|picture|video|credit|source image)s?\s*:\s*\S.{0,80}"
    r"|(?:related|read more|see also|more on this story|watch)\s*:.{0,160}"
    r"|share (?:on|via) \w+(?: share (?:on|via) \w+)*"
    r"|(?:copyright|©|\(c\))\s*(?:\d{4}\s*)?.{0,120}(?:all rights reserved\.?)?)$",
    re.I,
)
_MAX_TITLE_WORDS = 25
_CONTAINMENT = 0.85
_EXTENSION = (0.9, 0.8)
"""An earlier paragraph >= 90% inside a longer later one that is >= 80% made of it: a caption
that repeats the body and adds a few words."""
_MIN_CONTAINED_WORDS = 8


@dataclass
class _Parsed:
    title: str
    date: str | None
    paragraphs: list[str]
    metadata: dict[str, str] = field(default_factory=dict)
    duplicates: int = 0


def _parse(text: str, stem: str) -> _Parsed:
    """Split cleaned text into metadata, title and de-duplicated body paragraphs."""
    lines = text.split("\n")
    meta, start = _leading_metadata(lines)
    body = _trailing_credit(lines[start:], meta)
    if not any(line.strip() for line in body):
        raise BadFileError("no article text after the metadata")
    md = _markdown_lines(body)
    _top_date_and_byline(md, meta)
    title, title_index = _choose_title(md, meta, stem)
    duplicates = _remove_title(md, title, title_index)
    paragraphs = _paragraphs(md)
    paragraphs, more = _clean_paragraphs(paragraphs, _clean_fingerprint(title))
    duplicates += more
    paragraphs = [_strip_dateline(p, meta) for p in paragraphs]
    paragraphs, more = _drop_repeats(paragraphs)
    duplicates += more
    if not paragraphs:
        raise BadFileError("no article text after the title and metadata")
    return _Parsed(title, _publication_date(meta), paragraphs, meta, duplicates)


def _first_lines(md: list[_Line], count: int) -> list[int]:
    """Indices of the first `count` non-blank lines."""
    return [i for i, line in enumerate(md) if line.kind != "blank"][:count]


_DATE_LABEL = re.compile(
    r"^(?P<label>(?:first\s+)?(?:published|posted)|(?:last\s+)?updated|modified)(?:\s+(?:on|at))?\s*:?\s*"
    r"(?P<rest>.*)$", re.IGNORECASE)
_BLOCK_SEPARATOR = re.compile(r"^[|•·]$")
_TOP_LINES = 3
_BYLINE_BLOCK_LINES = 10


def _date_line(text: str) -> tuple[str, str] | None:
    """`(key, date text)` for a line that is only a date, maybe labelled ("UPDATED: 02:34 EST, ...")."""
    label = _DATE_LABEL.match(text)
    if label and label["rest"] and _parse_date(label["rest"]):
        key = "updated" if label["label"].lower().endswith(("updated", "modified")) else "published"
        return key, label["rest"]
    return ("date", text) if _parse_date(text) else None


def _top_date_and_byline(md: list[_Line], meta: dict[str, str]) -> None:
    """Take date lines and a byline among the first lines into metadata.

    A byline block ("PUBLISHED:" and "UPDATED:" labels, each over its date line, "|" between
    them) is followed beyond the first three lines for as long as each of its lines is taken;
    a labelled date goes under "published" or "updated", a bare one under "date".
    """
    label: tuple[int, str] | None = None  # a "PUBLISHED:" line waiting for its date line
    taken = True
    for n, i in enumerate(_first_lines(md, _BYLINE_BLOCK_LINES)):
        if n >= _TOP_LINES and not taken:
            break
        line = md[i].text.strip()
        taken = True
        dated = _date_line(line)
        heading = _DATE_LABEL.match(line)
        if dated is not None:
            key, value = dated
            if label is not None and key == "date":
                key = label[1]
                md[label[0]] = _Line("", "blank")
            meta.setdefault(key, value)
            label = None
        elif heading is not None and not heading["rest"]:
            is_update = heading["label"].lower().endswith(("updated", "modified"))
            label = (i, "updated" if is_update else "published")
            continue  # blanked only when its date line follows
        elif _BLOCK_SEPARATOR.match(line) and ("published" in meta or "updated" in meta):
            pass
        elif n < _TOP_LINES and _BYLINE.match(line) and len(line.split()) <= 10:
            meta.setdefault("author", line[3:].strip())
        else:
            taken = False
            continue
        md[i] = _Line("", "blank")


def _choose_title(md: list[_Line], meta: dict[str, str], stem: str) -> tuple[str, int | None]:
    """The title and the index of the body line it was taken from (None if not from the body)."""
    given = _inline_markdown(meta.get("title") or meta.get("headline") or "", set())
    if given:
        return _strip_outlet_suffix(given), None
    for i in _first_lines(md, 10):
        line = md[i]
        if line.level != 1 or _date_line(line.text) is not None:
            continue
        words = line.text.split()
        if len(words) <= _MAX_TITLE_WORDS * 2 and not (len(words) > _MAX_TITLE_WORDS and _ends_sentence(line.text)):
            return _strip_outlet_suffix(line.text), i
        # A long H1 is a summary; "Topic: summary sentence" still gives a short title.
        head, sep, tail = line.text.partition(":")
        if sep and 2 <= len(head.split()) <= 12 and len(tail.split()) >= 3:
            md[i] = _Line(tail.strip(), "single")
            return head.strip(), None
        break
    for n, i in enumerate(_first_lines(md, 5)):
        line = md[i]
        # After body text has begun, only a Title Case line is taken for the headline: a
        # sentence-case line there is more likely a caption or a subheading.
        if (_is_standalone_headline(md, i) and (n == 0 or _title_case(line.text))
                and _date_line(line.text) is None):
            return _strip_outlet_suffix(line.text), i
    readable = re.sub(r"[_\-.\s]+", " ", stem).strip() or "Untitled"
    return readable[:1].upper() + readable[1:], None


def _is_standalone_headline(md: list[_Line], i: int) -> bool:
    """Whether line `i` is a headline on its own line, not a fragment of a wrapped sentence."""
    line = md[i]
    if not _headline_like(line.text) or (line.kind == "single" and line.level == 0):
        return False
    if line.kind == "single":
        return True
    prev = md[i - 1] if i > 0 else None
    if prev is not None and prev.kind == "text" and not _ends_sentence(prev.text):
        return False
    nxt = md[i + 1] if i + 1 < len(md) else None
    if nxt is None or nxt.kind != "text":
        return True
    if line.text.split()[-1].lower() in _FUNCTION_WORDS:
        return False  # "...complained that the" + "civilian government...": a wrapped sentence
    # Hard-wrapped lines have similar lengths; a headline is much shorter than the text after it.
    return _starts_new(nxt.text) and (_title_case(line.text) or len(line.text) <= 0.6 * len(nxt.text))


def _strip_outlet_suffix(title: str) -> str:
    """ "Soldiers arrested | Al Jazeera" -> "Soldiers arrested" (only for a known outlet name)."""
    head, sep, tail = title.rpartition(" | ")
    if not sep:
        head, sep, tail = title.rpartition(" - ")
    table = _outlets()
    if sep and head.strip() and table.names is not None and table.names.fullmatch(tail.strip()):
        return head.strip()
    return title.strip()


def _remove_title(md: list[_Line], title: str, title_index: int | None) -> int:
    """Blank the title line and every repeat of it; the number of repeats."""
    target = _clean_fingerprint(title)
    repeats = 0
    for i, line in enumerate(md):
        if line.kind != "blank" and len(line.text) <= 4 * len(title) + 40 and _clean_fingerprint(line.text) == target:
            md[i] = _Line("", "blank")
            if i != title_index:
                repeats += 1
    return repeats


def _paragraphs(md: list[_Line]) -> list[tuple[str, bool]]:
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
            if line.kind == "item" or (current and _ends_sentence(current[-1]) and _starts_new(line.text)):
                flush()
            if not current:
                prose = line.kind == "text"
            current.append(line.text)
    flush()
    return paragraphs


def _strip_caption_label(paragraph: str) -> str:
    """ "Take over: Soldiers announced..." -> "Soldiers announced..."; "Mr Sukul said: ..." untouched."""
    m = _CAPTION.match(paragraph)
    if m is None:
        return paragraph
    words = m["label"].lower().split()
    rest = paragraph[m.end() :]
    if words[0].rstrip(".") in _HONORIFICS or any(w in _SPEECH_WORDS for w in words) or len(rest.split()) < 3:
        return paragraph
    return rest


def _clean_paragraphs(paragraphs: list[tuple[str, bool]], title_fp: str) -> tuple[list[str], int]:
    """Caption labels stripped, empty and boilerplate paragraphs dropped, title repeats counted."""
    out: list[str] = []
    repeats = 0
    for paragraph, prose in paragraphs:
        paragraph = _MULTI_SPACE.sub(" ", paragraph).strip()
        if not any(c.isalnum() for c in paragraph):
            continue
        if paragraph.lower().rstrip(".:!") in _BOILERPLATE or _NOISE_LINE.match(paragraph):
            continue
        if _clean_fingerprint(paragraph) == title_fp:
            repeats += 1
            continue
        out.append(_strip_caption_label(paragraph) if prose else paragraph)
    return out, repeats


# "KHARTOUM, March 12 (Reuters) - ", "BAMAKO, Mali (AP) — ": the wire dateline before the story.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3})(?:, (?:[A-Z][a-z]+\.?)(?: \d{1,2})?)?(?:, \d{4})?"
    r"(?: ?\((?P<agency>[^)]{2,40})\))? ?[-–—:]+ (?=\S)"
)


def _strip_dateline(paragraph: str, meta: dict[str, str]) -> str:
    """The paragraph without a wire dateline (kept in the metadata as "dateline" and "agency")."""
    match = _DATELINE.match(paragraph)
    if not match or len(match["place"]) < 3:
        return paragraph
    meta.setdefault("dateline", match["place"].title())
    if match["agency"]:
        meta.setdefault("dateline_agency", match["agency"])
    return paragraph[match.end():]


def _drop_repeats(paragraphs: list[str]) -> tuple[list[str], int]:
    """Drop exact repeats and paragraphs mostly contained in an earlier one (caption copies).

    Containment is checked only against earlier paragraphs sharing one of the new paragraph's
    rarest words, through an inverted index, so a huge file stays near linear.
    """
    folded = [_fold(p, repaired=True) for p in paragraphs]
    word_sets = [frozenset(f.split()) for f in folded]
    frequency: Counter[str] = Counter()
    for words in word_sets:
        frequency.update(words)
    kept: list[str] = []
    kept_sets: list[frozenset[str]] = []
    index: defaultdict[str, list[int]] = defaultdict(list)
    seen: set[str] = set()
    removed = 0
    for paragraph, flat, words in zip(paragraphs, folded, word_sets, strict=True):
        fp = _hash(flat)
        if fp in seen or (len(words) >= _MIN_CONTAINED_WORDS and _contained(words, kept_sets, index, frequency)):
            removed += 1
            continue
        seen.add(fp)
        for word in words:
            index[word].append(len(kept))
        kept.append(paragraph)
        kept_sets.append(words)
    return kept, removed


def _contained(
    words: frozenset[str],
    kept_sets: list[frozenset[str]],
    index: dict[str, list[int]],
    frequency: Counter[str],
) -> bool:
    """Whether an earlier kept paragraph repeats `words`: a longer one holding >= 85% of them,
    or a shorter one that `words` only extends a little. A paragraph with a number the earlier
    one lacks is never a repeat ("three killed" against "five killed" matters).
    """
    rare = sorted(words, key=lambda w: (frequency[w], w))[:8]
    hits: Counter[int] = Counter()
    for word in rare:
        hits.update(index.get(word, ())[-200:])
    numbers = {w for w in words if any(c.isdigit() for c in w)}
    for k, _ in hits.most_common(32):
        earlier = kept_sets[k]
        if not numbers <= earlier:
            continue
        shared = len(words & earlier)
        if shared >= _CONTAINMENT * len(words) and (len(earlier) > len(words) or shared == len(words)):
            return True
        if (len(words) > len(earlier) and shared >= _EXTENSION[0] * len(earlier)
                and shared >= _EXTENSION[1] * len(words)):
            return True
    return False
