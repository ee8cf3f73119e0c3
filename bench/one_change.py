"""Only the "one changed file" measurement of `python -m bench`, for one corpus size:

    python -m bench.one_change --size 1000 [--runs 3] [--corpora bench/corpora]

It needs the corpus and its warm cache from an earlier `python -m bench` run
(`CORPORA/n{SIZE}-seed{SEED}` and `CORPORA/work/cache-n{SIZE}-jobs1.sqlite3`); the cache is
brought up to date first (`ensure-warm`), then each run works on a copy of the folder and cache
and rewrites the same article as `bench.run.bench_size` does, in its own `changed` child. It
prints each run's seconds beyond the article's own parse and the fastest of them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

from bench import DEFAULT_SOURCES
from bench.corpus import CorpusMaker, load_sources
from bench.run import ensure_warm, run_child, sized_corpus


def main() -> None:
    """Measure one changed file in a warm folder `--runs` times."""
    parser = argparse.ArgumentParser(prog="python -m bench.one_change", description=__doc__)
    args, folder, cache = sized_corpus(parser, size=1000, runs=3)
    ensure_warm(folder, cache)
    maker = CorpusMaker(load_sources([p for p in DEFAULT_SOURCES if p.is_dir()]), args.seed)
    index = args.size // 2
    name = sorted(p.name for p in folder.glob("*.txt"))[index]
    _new_name, text = maker.article(index, variant=1_000)
    rows = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory(dir=cache.parent) as tmp:
            copy = Path(tmp) / "articles"
            shutil.copytree(folder, copy)
            cache_copy = Path(tmp) / "cache.sqlite3"
            shutil.copyfile(cache, cache_copy)
            rows.append(run_child("changed", folder=str(copy), cache=str(cache_copy), name=name, text=text))
        shown = ("overhead", "own_parse", "own_parse_again", "total", "parsed", "reflected", "collections",
                 "collections_s")
        print(json.dumps({k: rows[-1][k] for k in shown}), flush=True)
    best = min(rows, key=lambda r: r["overhead"])
    timings = ", ".join(f"{stage} {seconds:.3f}" for stage, seconds in best["timings"].items())
    print(f"{args.size} articles: one changed file: {best['overhead']:.3f} s beyond its own parse "
          f"(fastest of {args.runs}; engine timings, s: {timings}; garbage collections: "
          f"{best['collections']}, {best['collections_s'] * 1000:.1f} ms)")


if __name__ == "__main__":
    main()
