"""Only the "cold analysis vs raw `nlp.pipe`, 1 process" pair of `python -m bench`, in CPU seconds:

    python -m bench.cold_vs_raw --size 1000 [--runs 3] [--seed 7] [--corpora bench/corpora]

It builds (or reuses) the same corpus as `python -m bench --sizes SIZE`, then runs the `raw` and
`cold` children `--runs` times each, alternating, each in its own process as the full bench
does. It prints every run's CPU and wall seconds with the load average before it, and the ratio
raw / cold of the least CPU of each (the issue's figure: other work on a shared machine slows
wall time far more than CPU time, and only ever slows a run).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import DEFAULT_CORPORA, DEFAULT_SOURCES
from bench.corpus import CorpusMaker, build_corpus, load_sources, sources_digest
from bench.run import run_child


def alternate(folder: Path, cache: Path, runs: int,
              say: Callable[[str], None]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """`runs` pairs of a `raw` child and a `cold` child (one process, into an empty `cache`),
    alternating; each run's CPU and wall seconds and the load before it told to `say`."""
    raws: list[dict[str, Any]] = []
    colds: list[dict[str, Any]] = []
    for run in range(runs):
        for kind in ("raw", "cold"):
            load = os.getloadavg()[0]
            if kind == "raw":
                result = run_child("raw", folder=str(folder))
                raws.append(result)
            else:
                result = run_child("cold", folder=str(folder), cache=str(cache), jobs=1)
                colds.append(result)
            say(f"run {run + 1} {kind:4}: {result['cpu']:6.2f} s CPU, {result['seconds']:6.2f} s wall, "
                f"load {load:.2f} before")
    return raws, colds


def main() -> None:
    """Alternate raw and cold children `--runs` times and print the CPU ratio."""
    parser = argparse.ArgumentParser(prog="python -m bench.cold_vs_raw", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    args = parser.parse_args()
    sources = load_sources([p for p in DEFAULT_SOURCES if p.is_dir()])
    work = args.corpora / "work"
    work.mkdir(parents=True, exist_ok=True)
    folder = build_corpus(args.size, args.corpora, CorpusMaker(sources, args.seed), sources_digest(sources))
    cache = work / f"cache-n{args.size}-cold-vs-raw.sqlite3"
    raws, colds = alternate(folder, cache, args.runs, lambda line: print(line, flush=True))
    raws, colds = [r["cpu"] for r in raws], [c["cpu"] for c in colds]
    print(f"{args.size} articles: raw nlp.pipe {min(raws):.2f} s CPU, cold analysis {min(colds):.2f} s CPU "
          f"(least of {args.runs} each): cold runs at {min(raws) / min(colds):.3f}x raw")


if __name__ == "__main__":
    main()
