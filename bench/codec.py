"""The cache row codec: the compact msgspec rows of cache schema 2 against the JSON rows of schema 1.

    python bench/codec.py                  # seeds/ and every folder of ../shared/corpus
    python bench/codec.py --repeat 21 --corpus path/to/folders

The rows are those of real articles: every folder is analysed with the Engine (cache disabled,
so every article is parsed), and each article's `ArticleResult` is encoded and decoded by:

- `json (schema 1)`: `ArticleResult.to_dict` as JSON, zlib level 1; decoded by `json.loads` and
  the hand-written, type-checking `ArticleResult.from_dict` (the cache codec before schema 2);
- `msgspec (schema 2)`: the compact layout of `sitrep.rows` (each sentence once, referred to by
  index) as JSON, zlib level 1, decoded and type-checked by msgspec into typed structs, then
  built into the result (`sitrep.cache`; the same JSON is each `row` of `sitrep extract`);
- `msgspec MessagePack`: the same layout as MessagePack, zlib level 1: the binary alternative
  the cache could have used instead of JSON.

Each time is the fastest of `--repeat` passes over all rows, the passes of the codecs
interleaved, so a busy machine slows them alike. Memory is what the decoded results of one pass
hold (tracemalloc). A second table stores 1,000 rows (the real ones over again under new hashes)
in a `ResultCache` per codec: the file's size, and the time `get_many` reads them all back (it
pauses the cyclic collector while decoding; a line after it measures what that saves). Ratios
are old/new: above 1 means the new codec is smaller or faster. Both decoders go through the
cache's bounded inflate, and every row is checked to come back equal.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import tempfile
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import msgspec

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# After the sys.path line, so that this file also runs as a script.
import sitrep.cache as cache_module  # noqa: E402
from sitrep.cache import ResultCache, decode_result, encode_result, inflate  # noqa: E402
from sitrep.config import parse_config  # noqa: E402
from sitrep.engine import Engine  # noqa: E402
from sitrep.model import ArticleResult  # noqa: E402
from sitrep.rows import Row, from_row, to_row  # noqa: E402

Codec = tuple[Callable[[ArticleResult], bytes], Callable[[bytes, str], ArticleResult]]
"""Encode a result; decode a stored row given its content hash (the cache's key)."""


def old_encode(result: ArticleResult) -> bytes:
    """A row of cache schema 1: zlib JSON of `to_dict`."""
    return zlib.compress(json.dumps(result.to_dict()).encode(), 1)


def old_decode(data: bytes, content_hash: str) -> ArticleResult:
    """A row of cache schema 1 back as a result (it holds its own content hash)."""
    return ArticleResult.from_dict(json.loads(inflate(data)))


_msgpack_decoder = msgspec.msgpack.Decoder(Row)


def msgpack_encode(result: ArticleResult) -> bytes:
    """The compact layout as MessagePack, zlib level 1."""
    return zlib.compress(msgspec.msgpack.encode(to_row(result)), 1)


def msgpack_decode(data: bytes, content_hash: str) -> ArticleResult:
    """A compact MessagePack row back as a result (it holds its own content hash)."""
    return from_row(_msgpack_decoder.decode(inflate(data)))


CODECS: dict[str, Codec] = {
    "json (schema 1)": (old_encode, old_decode),
    "msgspec (schema 2)": (encode_result, decode_result),
    "msgspec MessagePack": (msgpack_encode, msgpack_decode),
}
OLD, NEW = "json (schema 1)", "msgspec (schema 2)"


def folders(corpus: Path | None) -> list[Path]:
    """seeds/ and every folder of the corpus (the corpus itself when its articles sit at the top)."""
    found = [ROOT / "seeds"]
    if corpus is not None and corpus.is_dir():
        inner = sorted(p for p in corpus.iterdir() if p.is_dir() and not p.name.startswith("."))
        found += inner or [corpus]
    return found


def analysed(paths: list[Path]) -> list[ArticleResult]:
    """Every article's result in `paths`, parsed by one engine with the cache disabled."""
    engine = Engine(parse_config({"cache": {"enabled": False}}))
    results: list[ArticleResult] = []
    try:
        for folder in paths:
            engine.analyse(folder, stored=False)  # its per-article results are wanted
            results += engine.results
    finally:
        engine.close()
    return results


def fastest(run: Callable[[], Any], timings: list[float]) -> Any:
    """Run once, adding the seconds it took to `timings`; its value."""
    gc.collect()
    start = time.perf_counter()
    value = run()
    timings.append(time.perf_counter() - start)
    return value


def held_bytes(decode: Callable[[bytes, str], ArticleResult], rows: list[bytes], hashes: list[str]) -> int:
    """Bytes the decoded results of `rows` hold (traced allocations that stay alive)."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = [decode(row, key) for row, key in zip(rows, hashes, strict=True)]
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    del kept
    return held


def _each(function: Callable[[Any], Any], items: list[Any]) -> list[Any]:
    return [function(item) for item in items]


def _each_keyed(decode: Callable[[bytes, str], Any], rows: list[bytes], hashes: list[str]) -> list[Any]:
    return [decode(row, key) for row, key in zip(rows, hashes, strict=True)]


def measure(results: list[ArticleResult], repeat: int) -> dict[str, dict[str, float]]:
    """Per codec: stored and raw bytes per row, encode and decode µs per row, decoded bytes per row."""
    encoded = {name: [encode(r) for r in results] for name, (encode, _decode) in CODECS.items()}
    hashes = [r.content_hash for r in results]
    for name, (_encode, decode) in CODECS.items():
        if name != OLD:  # schema 1 rounds a dispute's weight; the others are exact
            assert all(decode(row, r.content_hash) == r
                       for row, r in zip(encoded[name], results, strict=True)), name
    encode_times: dict[str, list[float]] = {name: [] for name in CODECS}
    decode_times: dict[str, list[float]] = {name: [] for name in CODECS}
    for _ in range(repeat):
        for name, (encode, decode) in CODECS.items():
            fastest(partial(_each, encode, results), encode_times[name])
            fastest(partial(_each_keyed, decode, encoded[name], hashes), decode_times[name])
    n = len(results)
    return {name: {
        "stored": sum(map(len, encoded[name])) / n,
        "raw": sum(len(zlib.decompress(row)) for row in encoded[name]) / n,
        "encode": min(encode_times[name]) / n * 1e6,
        "decode": min(decode_times[name]) / n * 1e6,
        "held": held_bytes(CODECS[name][1], encoded[name], hashes) / n,
    } for name in CODECS}


def lookups(results: list[ArticleResult], repeat: int, count: int = 1000) -> dict[str, dict[str, float]]:
    """Per codec, a SQLite cache of `count` rows (the real rows over again under new hashes): its
    size in MB on disk, and the seconds `ResultCache.get_many` takes to read them all back."""
    figures: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for number, (name, (encode, decode)) in enumerate(CODECS.items()):
            path = Path(folder) / f"{number}.sqlite3"
            keys = [f"{i:064x}" for i in range(count)]
            cache = ResultCache(path, "bench")
            cache.put_encoded((key, encode(results[i % len(results)])) for i, key in enumerate(keys))
            cache.close()
            size = sum(p.stat().st_size for p in Path(folder).glob(f"{number}.sqlite3*"))
            cache = ResultCache(path, "bench")
            times: list[float] = []
            with _decoding_with(decode):
                for _ in range(repeat):
                    assert len(fastest(partial(cache.get_many, keys), times)) == count
            cache.close()
            figures[name] = {"MB": size / 1e6, "get_many": min(times)}
    return figures


def collector(results: list[ArticleResult], repeat: int, count: int = 1000) -> tuple[float, float]:
    """Seconds to decode `count` schema 2 rows, keeping every result, with the cyclic collector
    running and paused (as `ResultCache.get_many` pauses it)."""
    stored = [encode_result(results[i % len(results)]) for i in range(count)]
    hashes = [results[i % len(results)].content_hash for i in range(count)]
    running: list[float] = []
    paused: list[float] = []
    for _ in range(repeat):
        fastest(partial(_each_keyed, decode_result, stored, hashes), running)
        gc.disable()
        try:
            fastest(partial(_each_keyed, decode_result, stored, hashes), paused)
        finally:
            gc.enable()
    return min(running), min(paused)


@contextmanager
def _decoding_with(decode: Callable[[bytes, str], ArticleResult]) -> Iterator[None]:
    """The cache decodes rows with `decode` inside the block."""
    saved = cache_module.decode_result
    cache_module.decode_result = decode  # type: ignore[assignment]
    try:
        yield
    finally:
        cache_module.decode_result = saved


def decode_steps(results: list[ArticleResult], repeat: int) -> dict[str, float]:
    """Where a schema 2 decode spends its time, µs per row: inflate, msgspec, building the result."""
    stored = [encode_result(r) for r in results]
    packed = [bytes(inflate(row)) for row in stored]
    decoder = msgspec.json.Decoder(Row)
    structs = [decoder.decode(p) for p in packed]
    steps: dict[str, list[float]] = {"inflate": [], "msgspec decode": [], "build result": []}
    for _ in range(repeat):
        fastest(lambda: [inflate(row) for row in stored], steps["inflate"])
        fastest(lambda: [decoder.decode(p) for p in packed], steps["msgspec decode"])
        fastest(lambda: [from_row(s) for s in structs], steps["build result"])
    return {step: min(times) / len(results) * 1e6 for step, times in steps.items()}


def sharing(results: list[ArticleResult]) -> tuple[int, int]:
    """(evidence sentences named, distinct ones) over all rows."""
    named = distinct = 0
    for r in results:
        sentences = ([e.sentence for a in r.actors for e in a.evidence]
                     + [e.evidence.sentence for e in r.events]
                     + [e.sentence for c in r.context for e in c.evidence]
                     + [lead.evidence.sentence for lead in r.leads]
                     + [c.sentence for d in r.disputes for c in d.claims])
        named += len(sentences)
        distinct += len(set(sentences))
    return named, distinct


def main(argv: list[str] | None = None) -> int:
    """Analyse, measure and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=11, help="passes per measure; the fastest counts")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus",
                        help="a folder of article folders (default ../shared/corpus)")
    args = parser.parse_args(argv)
    paths = folders(args.corpus)
    start = time.perf_counter()
    results = analysed(paths)
    named, distinct = sharing(results)
    print(f"{len(results)} articles from {len(paths)} folders, {sum(r.words for r in results):,} words, "
          f"analysed in {time.perf_counter() - start:.1f} s; evidence sentences named {named:,}, "
          f"distinct {distinct:,} ({named / max(distinct, 1):.1f}x)\n")
    figures = measure(results, args.repeat)
    columns = [("stored", "stored B/row"), ("raw", "uncompressed B/row"), ("encode", "encode µs/row"),
               ("decode", "decode µs/row"), ("held", "decoded B/row in memory")]
    print("| codec | " + " | ".join(title for _, title in columns) + " |")
    print("|---|" + "---:|" * len(columns))
    for name, row in figures.items():
        print(f"| {name} | " + " | ".join(f"{row[key]:,.0f}" for key, _ in columns) + " |")
    print(f"| old/new ({OLD} / {NEW}) | "
          + " | ".join(f"{figures[OLD][key] / figures[NEW][key]:.2f}x" for key, _ in columns) + " |")
    caches = lookups(results, max(3, args.repeat // 3))
    print("\n| codec | cache of 1,000 rows, MB | get_many of them, s |\n|---|---:|---:|")
    for name, row in caches.items():
        print(f"| {name} | {row['MB']:.2f} | {row['get_many']:.3f} |")
    print(f"| old/new | {caches[OLD]['MB'] / caches[NEW]['MB']:.2f}x "
          f"| {caches[OLD]['get_many'] / caches[NEW]['get_many']:.2f}x |")
    running, paused = collector(results, max(3, args.repeat // 3))
    print(f"\n{NEW} decode of 1,000 rows kept in memory: {running:.3f} s with the cyclic collector running, "
          f"{paused:.3f} s paused ({running / paused:.2f}x)")
    steps = decode_steps(results, args.repeat)
    print(f"\n{NEW} decode, µs/row: " + ", ".join(f"{step} {value:.0f}" for step, value in steps.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
