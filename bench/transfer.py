"""How long a report's arrival holds the dashboard's event loop back: whole pickle against slices.

    python -m bench.transfer --size 2000 [--runs 5]

The report is the one the dashboard would get for `bench/corpora/n{SIZE}-seed7` from its cache
(`bench/corpora/work/cache-n{SIZE}-jobs1.sqlite3`, left by `python -m bench` or `--soak`; its
stored report, else merged). It is rebuilt from its bytes in a thread, as the dashboard's thread
rebuilds it, while another thread ticks every millisecond as an event loop would: the longest gap
between two ticks is how long a keypress could wait. The two ways alternate, and each figure is
the least of `--runs` (a busy machine only ever lengthens a gap). The garbage collector runs as in
the dashboard (everything alive frozen first, then young collections only).
"""

from __future__ import annotations

import argparse
import gc
import pickle
import threading
import time
from collections.abc import Callable
from typing import Any

from bench.children import _config
from bench.run import sized_corpus


def longest_gap(work: Callable[[], Any]) -> tuple[float, float]:
    """(the longest gap between two ticks of a 1 ms ticker while `work` runs, `work`'s seconds)."""
    gaps: list[float] = []
    done = threading.Event()

    def tick() -> None:
        last = time.perf_counter()
        while not done.is_set():
            time.sleep(0.001)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    ticker = threading.Thread(target=tick)
    ticker.start()
    time.sleep(0.05)
    result: list[float] = []

    def timed() -> None:
        start = time.perf_counter()
        work()
        result.append(time.perf_counter() - start)

    worker = threading.Thread(target=timed)
    worker.start()
    worker.join()
    time.sleep(0.02)
    done.set()
    ticker.join()
    return max(gaps), result[0]


def main() -> None:
    """Measure both ways of receiving the report of one corpus size."""
    from sitrep.engine import Engine
    from sitrep.transfer import join_report, slice_report

    parser = argparse.ArgumentParser(prog="python -m bench.transfer", description=__doc__)
    args, folder, cache = sized_corpus(parser, size=2000, runs=5)
    engine = Engine(_config(cache))
    situation = engine.analyse(folder)
    engine.close()
    whole, sliced = pickle.dumps(situation, pickle.HIGHEST_PROTOCOL), slice_report(situation)
    del situation, engine
    gc.collect()
    # As the dashboard after its first report (`gcpolicy.Collector.release`): everything alive
    # frozen, young collections as usual, no full collection started by the allocations.
    from sitrep.gcpolicy import FULL_GC_NEVER

    gc.freeze()
    young, middle, _old = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_GC_NEVER)
    ways: dict[str, Callable[[], Any]] = {"whole pickle": lambda: pickle.loads(whole),
                                          "slices (sitrep.transfer)": lambda: join_report(sliced)}
    best: dict[str, tuple[float, float]] = {}
    for _ in range(args.runs):
        for name, work in ways.items():
            gap, took = longest_gap(work)
            old = best.get(name, (float("inf"), float("inf")))
            best[name] = (min(gap, old[0]), min(took, old[1]))
    size = {"whole pickle": len(whole),
            "slices (sitrep.transfer)": len(sliced.head) + sum(len(p) for _n, ps in sliced.lists for p in ps)}
    print(f"{args.size:,} articles, least of {args.runs} runs each:")
    print("| way | bytes | rebuilt in (ms) | longest wait of the ticking thread (ms) |")
    print("|---|---:|---:|---:|")
    for name, (gap, took) in best.items():
        print(f"| {name} | {size[name]:,} | {took * 1000:.1f} | {gap * 1000:.1f} |")


if __name__ == "__main__":
    main()
