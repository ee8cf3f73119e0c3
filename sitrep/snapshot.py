"""A folder's last report, kept in the cache, so that a fresh process over an unchanged folder
shows it without decoding every cached row and merging them again.

A report is stored under a key made of everything it is made from (`report_key`): the code of
the whole package, the pipeline version (models, patterns, extraction code), the reader's
settings, the folder, and each file in folder order with its content hash and mtime, and the
files the listing or the reader refused. A merge is a function of exactly these, so the report
found under a key is the report a merge of the same inputs would make; any change to any of
them is another key, and a miss (the report is made as before).

Stored reports are read like the cache's rows, as untrusted bytes: decompressed a piece at a time
up to `MAX_REPORT_BYTES`, then decoded into the model's types (msgspec checks every field's type
and every closed vocabulary). Anything wrong is `ValueError`, and the caller merges instead.
msgspec's typed JSON decodes the report of 2,000 articles in about 35 ms, a tenth of what
decoding its rows takes and a fortieth of merging them.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Iterator
from functools import cache

import msgspec
import zstandard

from .cache import inflate
from .model import BadFile, Situation
from .rows import COMPRESSION_DICTIONARY

SNAPSHOT_FORMAT = "2"
"""Bump when the stored form changes in a way the key would not show. 2: zstd; 1: zlib against the
rows' preset dictionary (still read, so the previous report of an older cache can be shown)."""
MAX_REPORT_BYTES = 1 << 30
"""A stored report that inflates past this is refused unread (the report of 10,000 articles is
about 20 MB of JSON)."""
_PARAMETERS = zstandard.ZstdCompressionParameters.from_level(12, window_log=21, hash_log=19, chain_log=19)
"""zstd's settings. A report repeats its evidence sentences across actors, events and disputes, far
beyond zlib's 32 KB window: zstd's window finds them. At 10,000 articles (15 MB of JSON) level 3
wrote 0.79 MB in 14 ms, where zlib's level 1 wrote 1.26 MB; these write 0.63 MB in 110 ms, once,
when the engine closes; at 1,000 articles, 0.15 MB in 20 ms (level 3: 0.19 MB, a ninth of the
cache). Level 12 with level 6's window and tables: level 9 as it comes wrote as much but took
11 MB of tables (these: 3 MB; level 3: 1.3 MB), at the peak of a cold `sitrep report`'s memory.
Reading it back is no slower (zstd inflates every level alike)."""
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_FEED = 1024
"""Compressed bytes given to zstd at a time: one call can then make at most some 50 MB (a zstd
block of 3 bytes can stand for 128 KB), so the bound is checked before a bomb inflates far."""

_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(Situation)


@cache
def code_version() -> str:
    """A hash of every source and data file of the package: a report made by other code never
    matches (hashing them all is simpler than following what the merge imports, and costs a few
    milliseconds once per process)."""
    from .version import PACKAGE  # here: sitrep.version imports importlib.metadata, 25 ms at start

    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".json", ".jsonl", ".toml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def report_key(pipeline: str, reader: tuple[object, ...], folder: str,
               files: Iterable[tuple[str, str, float]], bad_files: Iterable[BadFile]) -> str:
    """The key of the report of `folder` (as the report names it) whose articles are `files`, each
    (relative path, content hash, mtime) in folder order, and which refused `bad_files`; made by
    this code, with results of `pipeline` and the reader's settings `reader`."""
    digest = hashlib.sha256()
    for part in (SNAPSHOT_FORMAT, code_version(), pipeline, repr(reader), folder):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    for path, content_hash, mtime in files:
        digest.update(f"{path}\0{content_hash}\0{mtime!r}\n".encode("utf-8", "surrogatepass"))
    digest.update(b"\1")
    for bad in bad_files:
        digest.update(f"{bad.path}\0{bad.reason}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def encode_report(situation: Situation) -> bytes:
    """The stored form of a report: its JSON, compressed with zstd (a compressor per call: one
    is not safe to share between threads).

    The JSON is made and compressed a piece at a time (`_json_pieces`): whole, it is 14 MB at
    10,000 articles, and msgspec's growing buffer held some 30 MB at once, at the end of a cold
    `sitrep report`, where its memory peaked. The pieces are made twice, first only to count
    their bytes: the frame then states its size, and is read back in one call (`_unzstd`)."""
    size = sum(map(len, _json_pieces(situation)))
    compressor = zstandard.ZstdCompressor(compression_params=_PARAMETERS).compressobj(size=size)
    out = [compressor.compress(piece) for piece in _json_pieces(situation)]
    out.append(compressor.flush())
    return b"".join(out)


def _json_pieces(situation: Situation) -> Iterator[bytes]:
    """The report's JSON (`msgspec.json.encode(situation)`, byte for byte) in pieces: each field
    in turn, a list's items one at a time (at 10,000 articles the largest, a context item with
    its evidence, is some 400 KB)."""
    yield b"{"
    for n, field in enumerate(dataclasses.fields(situation)):
        yield (b"," if n else b"") + _encoder.encode(field.name) + b":"
        value = getattr(situation, field.name)
        if not isinstance(value, list):
            yield _encoder.encode(value)
            continue
        yield b"["
        encode = _encoder.encode
        for at, item in enumerate(value):
            yield b"," + encode(item) if at else encode(item)
        yield b"]"
    yield b"}"


def decode_report(data: bytes) -> Situation:
    """A stored report back (zstd, or an older cache's zlib); `ValueError` unless
    `encode_report` could have made it."""
    try:
        if data[:4] == _ZSTD_MAGIC:
            text = _unzstd(data, MAX_REPORT_BYTES)
        else:
            text = inflate(data, MAX_REPORT_BYTES, zdict=COMPRESSION_DICTIONARY)
        return _decoder.decode(text)
    except (msgspec.DecodeError, RecursionError) as exc:
        raise ValueError(f"not a stored report: {exc}") from None


def _unzstd(data: bytes, limit: int) -> bytes | bytearray:
    """`data` decompressed; `ValueError` when it is not one zstd frame, is cut short or makes more
    than `limit` bytes.

    A frame that states its size (as `encode_report` writes it) within `limit` is inflated in one
    call. Piece by piece, each call gave Python's lock up and waited for it again: with the
    dashboard drawing meanwhile, reading the report of 1,000 articles took 75-125 ms instead of
    4. Any other frame, or one that fails so, is inflated a piece at a time, so that a bomb is
    never inflated whole, and the error says what is wrong."""
    try:
        size = zstandard.frame_content_size(data)
    except zstandard.ZstdError:
        size = -1
    if size > limit:
        raise ValueError(f"inflates past {limit:,} bytes")
    if size >= 0:
        try:
            return zstandard.ZstdDecompressor().decompress(data, allow_extra_data=False)
        except zstandard.ZstdError:
            pass  # told apart below
    return _unzstd_pieces(data, limit)


def _unzstd_pieces(data: bytes, limit: int) -> bytearray:
    """`data` decompressed a piece at a time (see `_unzstd`)."""
    inflater = zstandard.ZstdDecompressor().decompressobj()
    text = bytearray()
    view = memoryview(data)
    fed = 0
    try:
        while fed < len(view) and not inflater.eof:
            text += inflater.decompress(view[fed:fed + _FEED])
            fed += _FEED
            if len(text) > limit:
                raise ValueError(f"inflates past {limit:,} bytes")
    except zstandard.ZstdError as exc:
        raise ValueError(f"not zstd: {exc}") from None
    if not inflater.eof:
        raise ValueError("truncated")
    if inflater.unused_data or fed < len(view):
        raise ValueError("data after the end of the report")
    return text
