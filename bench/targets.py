"""`python -m bench.targets`: the scale targets of issue #15, each measured again in one run.

    python -m bench.targets [--size 10000] [--paint-size 1000] [--cold-size 1000] [--runs 2]
                            [--only one_change,warm,paint,cold] [--json FILE] [--pyperf FILE]

It needs the corpora and caches an earlier `python -m bench` run left under `bench/corpora/`
(`n{SIZE}-seed7` and `work/cache-n{SIZE}-jobs1.sqlite3`); each cache is brought up to date for
the current code first (`ensure-warm`: after a change to the reader, the extractors or the
pipeline, that re-parses the corpus). Every number comes from a fresh child process, runs of
the rows compared alternate, and the load average before each row is printed with it:

- **one changed file among SIZE, time beyond its parse**: `bench.one_change`'s child, fastest
  of `--runs`.
- **warm `sitrep report` of SIZE**: the `sitrep report` command in a whole process (wall time,
  peak RSS), over the folder unchanged since its stored report, and with its rows decoded and
  merged (`cache.keep_reports = false`, as after any change to the folder); `--runs` each,
  alternating.
- **first paint over PAINT-SIZE cached articles** (`--child tui-paint`): the stored report, the
  rows merged, and the folder changed since its report (the previous report painted first);
  `--runs` of each, alternating; met when the median is. The first paint is the last frame that
  changed the picture once the report was in every pane; the row also gives when the app
  stopped drawing (`bench.dashboard.child_tui_paint`).
- **cold analysis vs raw `nlp.pipe`, one process, CPU time, over COLD-SIZE articles**: `--runs`
  pairs of a raw run and a cold run into an empty cache, alternating; fastest against fastest.
  The cold run's cache gives the cache size per 1,000 articles, table by table.

`--pyperf FILE` also writes each quantity as a pyperf benchmark, one run per process: `python -m
pyperf compare_to BEFORE.json AFTER.json` then gives the mean and spread of each and whether two
commits differ significantly. The timing stays this module's: each value is a whole process of
seconds to minutes, where pyperf's calibrated loops and twenty worker processes fit
microbenchmarks.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench import DEFAULT_CORPORA
from bench.cold_vs_raw import alternate
from bench.run import (
    _log,
    _write_config_file,
    corpus_paths,
    ensure_warm,
    machine_info,
    report_process,
    run_child,
)

ROWS = ("one_change", "warm", "paint", "cold")

def _load() -> float:
    return round(os.getloadavg()[0], 2)


def one_change(corpora: Path, size: int, seed: int, runs: int) -> dict[str, Any]:
    """`bench.one_change`'s measurement, `runs` times (fastest overhead first)."""
    completed = subprocess.run([sys.executable, "-m", "bench.one_change", "--size", str(size),
                                "--seed", str(seed), "--runs", str(runs), "--corpora", str(corpora)],
                               capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"bench.one_change failed:\n{completed.stderr[-3000:]}")
    rows = [json.loads(line) for line in completed.stdout.splitlines() if line.startswith("{")]
    return {"overheads": sorted(r["overhead"] for r in rows), "runs": rows,
            "summary": completed.stdout.splitlines()[-1]}


def warm_reports(folder: Path, cache: Path, runs: int) -> dict[str, Any]:
    """Whole `sitrep report` processes: the stored report and the rows merged, alternating."""
    out: dict[str, list[dict[str, Any]]] = {"stored": [], "merged": []}
    with tempfile.TemporaryDirectory() as tmp:
        stored = _write_config_file(Path(tmp) / "stored.toml", cache)
        merged = _write_config_file(Path(tmp) / "merged.toml", cache, keep_reports=False)
        report_process(folder, stored)  # the folder's report stored for the current code
        for _ in range(runs):
            for name, config in (("stored", stored), ("merged", merged)):
                out[name].append(report_process(folder, config))
    return out


def first_paints(folder: Path, cache: Path, runs: int) -> dict[str, Any]:
    """`tui-paint` children: the stored report, the rows merged, the folder touched; alternating."""
    kinds = {"stored": {"keep_reports": True}, "merged": {"keep_reports": False},
             "changed": {"keep_reports": True, "touch": True}}
    out: dict[str, list[dict[str, Any]]] = {kind: [] for kind in kinds}
    run_child("tui-paint", folder=str(folder), cache=str(cache))  # the report stored for this code
    # A "changed" run stores the touched folder's report as it closes: the next "stored" run finds it.
    for _ in range(runs):
        for kind, options in kinds.items():
            out[kind].append(run_child("tui-paint", folder=str(folder), cache=str(cache), **options))
    return out


def cold_vs_raw(folder: Path, work: Path, runs: int) -> dict[str, Any]:
    """Raw `nlp.pipe` and a cold one-process analysis, alternating; the cold cache's size."""
    cache = work / f"cache-{folder.name}-targets-cold.sqlite3"
    raws, colds = alternate(folder, cache, runs, lambda line: _log(f"cold vs raw: {line}"))
    raw, cold = min(r["cpu"] for r in raws), min(c["cpu"] for c in colds)
    return {"raw_cpu": [r["cpu"] for r in raws], "cold_cpu": [c["cpu"] for c in colds],
            "ratio": raw / cold, "articles": colds[-1]["articles"],
            "cold_rss_mb": max(c["rss_mb"] for c in colds), "cache": cache_tables(cache),
            "cache_mb": colds[-1]["cache_mb"]}


def cache_tables(cache: Path) -> dict[str, float]:
    """MiB on disk per table, its indexes counted with it (SQLite's `dbstat`; empty without it)."""
    tables = {"results": "results", "results_used": "results", "results_key": "results",
              "sqlite_autoindex_results_1": "results",
              "files": "files", "files_seen": "files", "reports": "reports",
              "sqlite_autoindex_reports_1": "reports"}
    sizes: dict[str, float] = {}
    try:
        with sqlite3.connect(f"file:{cache}?mode=ro", uri=True) as db:
            for name, size in db.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"):
                table = tables.get(name, "other")
                sizes[table] = sizes.get(table, 0.0) + size / (1024 * 1024)
    except sqlite3.Error:
        return {}
    return sizes


def markdown(found: dict[str, Any], args: argparse.Namespace) -> str:
    """The measured rows as the README's table (what, now, target, met)."""
    lines = ["| What | Now | Target | Met |", "|---|---|---|:-:|"]

    def row(what: str, now: str, target: str, met: bool) -> None:
        lines.append(f"| {what} | {now} | {target} | {'yes' if met else 'no'} |")

    if "one_change" in found:
        o = found["one_change"]
        runs = " / ".join(f"{r['overhead']:.3f}" for r in o["runs"])
        own = " / ".join(f"{r['own_parse']:.3f}" for r in o["runs"])
        again = " / ".join(f"{r['own_parse_again']:.3f}" for r in o["runs"])
        row(f"one changed file among {args.size:,}: time beyond its parse (load {o['load']})",
            f"runs {runs} s (the article's own parse, by a fresh pipeline: {own} s; again by the "
            f"engine's: {again} s)", "< 0.1 s", min(o["overheads"]) < 0.1)
    if "warm" in found:
        w = found["warm"]
        for kind, what in (("stored", "folder unchanged since its last report"),
                           ("merged", "rows decoded and merged (the folder changed)")):
            walls = " / ".join(f"{r['wall']:.2f}" for r in w[kind])
            rss = max(r["rss_mb"] for r in w[kind])
            row(f"warm `sitrep report`, {args.size:,} articles, {what} (load {w['load']})",
                f"{walls} s, peak RSS {rss:.0f} MB", "< 1.5 s", min(r["wall"] for r in w[kind]) < 1.5)
        rss = max(r["rss_mb"] for kind in ("stored", "merged") for r in w[kind])
        row(f"peak RSS of a warm `sitrep report` at {args.size:,} articles", f"{rss:.0f} MB", "< 400 MB",
            rss < 400)
    if "paint" in found:
        p = found["paint"]
        for kind, what in (("stored", "its stored report"), ("merged", "rows merged"),
                           ("changed", "folder changed since its report")):
            paints = " / ".join(f"{r['first_paint']:.2f}" for r in p[kind])
            shown = " / ".join(f"{r['first_shown']:.2f}" for r in p[kind])
            last = " / ".join(f"{r['last_frame']:.2f}" for r in p[kind])
            row(f"first paint, {args.paint_size:,} cached articles, {what} (load {p['load']})",
                f"{paints} s (a first report reached the panes at {shown} s; the app stopped drawing "
                f"frames that change nothing at {last} s)", "< 0.5 s (median)",
                statistics.median(r["first_paint"] for r in p[kind]) < 0.5)
    warmed = found.get("ensure_warm", {})
    if warmed.get("parsed"):
        row(f"peak RSS of a cold analysis of {warmed['parsed']:,} articles in one process (the cache brought "
            f"up to date; load {warmed['load']})", f"{warmed['rss_mb']:.0f} MB ({warmed['seconds']:.0f} s)",
            "< 400 MB", warmed["rss_mb"] < 400)
    if "cold" in found:
        c = found["cold"]
        raws = " / ".join(f"{v:.1f}" for v in c["raw_cpu"])
        colds = " / ".join(f"{v:.1f}" for v in c["cold_cpu"])
        row(f"cold analysis vs raw `nlp.pipe`, 1 process, CPU, {c['articles']:,} articles (load {c['load']})",
            f"**{c['ratio']:.2f}x** (raw {raws} s, cold {colds} s; fastest against fastest)", ">= 0.95x",
            c["ratio"] >= 0.95)
        per = 1000 / c["articles"]
        tables = ", ".join(f"{name} {mib * per:.2f}" for name, mib in sorted(c["cache"].items()))
        rows_mib = c["cache"].get("results", c["cache_mb"]) * per
        row("cache per 1,000 articles (MiB)", f"{c['cache_mb'] * per:.2f} on disk, "
            f"{c['cache_mb'] * per * 1.048576:.2f} MB ({tables})", "< 1.5 MB",
            rows_mib * 1.048576 < 1.5 and c["cache_mb"] * per * 1.048576 < 1.5)
    return "\n".join(lines)


def pyperf_suite(found: dict[str, Any], args: argparse.Namespace, path: Path) -> None:
    """Write every measured quantity as a pyperf benchmark (one run per process, its value in
    seconds), so that `python -m pyperf compare_to BEFORE.json AFTER.json` gives each one's mean,
    spread and whether two commits differ significantly (pyperf: `pip install 'sitrep[bench]'`)."""
    import pyperf

    series: dict[str, list[float]] = {}
    if "one_change" in found:
        runs = found["one_change"]["runs"]
        series[f"one-changed-file-n{args.size}-beyond-parse"] = [r["overhead"] for r in runs]
    if "warm" in found:
        for kind in ("stored", "merged"):
            series[f"warm-report-n{args.size}-{kind}"] = [r["wall"] for r in found["warm"][kind]]
    if "paint" in found:
        for kind, runs in found["paint"].items():
            if kind != "load":
                series[f"first-paint-n{args.paint_size}-{kind}"] = [r["first_paint"] for r in runs]
    if "cold" in found:
        series[f"cold-cpu-n{args.cold_size}"] = found["cold"]["cold_cpu"]
        series[f"raw-nlp-pipe-cpu-n{args.cold_size}"] = found["cold"]["raw_cpu"]
    benchmarks = [pyperf.Benchmark([pyperf.Run([value], metadata={"name": name, "unit": "second"},
                                               collect_metadata=False) for value in values])
                  for name, values in series.items()]
    path.unlink(missing_ok=True)  # pyperf refuses to overwrite
    pyperf.BenchmarkSuite(benchmarks).dump(str(path))


def main() -> None:
    """Measure the rows asked for and print them as a Markdown table (and JSON with `--json`)."""
    parser = argparse.ArgumentParser(prog="python -m bench.targets", description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000, help="articles for the reload and warm rows")
    parser.add_argument("--paint-size", type=int, default=1_000, help="articles for the first paint")
    parser.add_argument("--cold-size", type=int, default=1_000, help="articles for cold vs raw")
    parser.add_argument("--runs", type=int, default=2, help="runs of each measurement (default 2)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--only", default=",".join(ROWS), help=f"rows to measure, of {','.join(ROWS)}")
    parser.add_argument("--json", type=Path, help="also write the raw numbers here")
    parser.add_argument("--pyperf", type=Path, metavar="FILE",
                        help="also write them as a pyperf suite (compare two with `python -m pyperf "
                             "compare_to A.json B.json`)")
    args = parser.parse_args()
    only = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(only) - set(ROWS))
    if unknown:
        parser.error(f"--only: no row {', '.join(unknown)} (rows: {', '.join(ROWS)})")
    found: dict[str, Any] = {"machine": machine_info()}
    if "one_change" in only or "warm" in only:
        folder, cache = corpus_paths(args.corpora, args.size, args.seed)
        _log(f"the cache of {args.size:,} brought up to date (a cold run in one process if the code changed)")
        load = _load()
        warmed = run_child("ensure-warm", folder=str(folder), cache=str(cache))
        found["ensure_warm"] = {**warmed, "load": load}
        if "one_change" in only:
            _log(f"one changed file among {args.size:,}")
            load = _load()
            found["one_change"] = {**one_change(args.corpora, args.size, args.seed, args.runs), "load": load}
        if "warm" in only:
            _log(f"warm reports of {args.size:,}")
            load = _load()
            found["warm"] = {**warm_reports(folder, cache, args.runs), "load": load}
    if "paint" in only:
        folder, cache = corpus_paths(args.corpora, args.paint_size, args.seed)
        ensure_warm(folder, cache)
        _log(f"first paints over {args.paint_size:,}")
        load = _load()
        found["paint"] = {**first_paints(folder, cache, args.runs), "load": load}
    if "cold" in only:
        folder, _cache = corpus_paths(args.corpora, args.cold_size, args.seed)
        load = _load()
        found["cold"] = {**cold_vs_raw(folder, args.corpora / "work", args.runs), "load": load}
    found["peak_rss_children_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    machine = ", ".join(f"{k} {v}" for k, v in found["machine"].items())
    print(f"Machine: {machine}\n")
    print(markdown(found, args))
    if args.json is not None:
        args.json.write_text(json.dumps(found, indent=1), encoding="utf-8")
    if args.pyperf is not None:
        pyperf_suite(found, args, args.pyperf)


if __name__ == "__main__":
    main()
