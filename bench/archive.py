"""An archive: `python -m bench.archive --size 30000 [--jobs 2] [--cold] [--compare 1000]`.

Builds a dated corpus of `--size` articles under `bench/corpora/archive-n{size}-seed7` (the
benchmark's recombined articles, each opening with a line "Published: YYYY-MM-DD", the days
spread evenly over 2024), then measures, each as its own child process:

- `sitrep extract DIR -o ROWS.parquet --jobs N` with its cache under `bench/corpora/work`: the
  first run parses everything (cold), a rerun finds it all in the cache; `--cold` empties the
  cache first. Wall, CPU of the whole process tree (the extract and its workers, from `wait4`),
  the extracting process's own CPU, and the peak RSS of the tree (sampled every 0.5 s);
- `sitrep report ROWS.parquet --since D --until D -o /dev/null`, as Markdown and as JSON, for a
  week, a month, a quarter and the whole year: wall and peak RSS;
- with `--compare N` (default 1,000; 0 skips it): the first N articles extracted with
  `--no-cache`, `--jobs 2` against `--executor` on a fresh Dask `LocalCluster` of 2 worker
  processes of one thread, alternating twice; the fastest of each and their ratio.

It prints a Markdown report, with a projection to 1,000,000 articles from the measured costs per
article, and saves it with the raw numbers as `bench/corpora/archive-n{size}-{time}.md/.json`.
The projection's parsing CPU comes from the newest cold extract of this size when this run was
warm.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench import DEFAULT_CORPORA, DEFAULT_SOURCES, GENERATOR_VERSION, ROOT

YEAR = date(2024, 1, 1)
DAYS = 366
"""The archive's year (2024, a leap year) and its days: article i is published on day
`i * DAYS // size`."""
WINDOWS = (("week", date(2024, 6, 3), date(2024, 6, 9)),
           ("month", date(2024, 6, 1), date(2024, 6, 30)),
           ("quarter", date(2024, 4, 1), date(2024, 6, 30)),
           ("year", date(2024, 1, 1), date(2024, 12, 31)))
SAMPLE_SECONDS = 0.5
"""How often the RSS of the whole process tree is summed."""
POLL_SECONDS = 0.02
"""How often a child is checked for its end (the wall time's resolution) and its own peak RSS."""
TARGET = 1_000_000
SEED = 7


def published(index: int, size: int) -> date:
    """The publication day of article `index` of `size`: evenly over the year."""
    return YEAR + timedelta(days=index * DAYS // size)


def build_archive(size: int, corpora: Path, seed: int = SEED) -> Path:
    """The folder of `size` dated articles, written unless an identical one is there."""
    from bench.corpus import CorpusMaker, load_sources, sources_digest, write_once

    sources = load_sources(DEFAULT_SOURCES)
    wanted = {"size": size, "seed": seed, "generator": GENERATOR_VERSION, "sources": sources_digest(sources),
              "dated": f"Published: line, {YEAR.year}"}

    def dated() -> Iterator[tuple[str, str]]:
        for index, (name, text) in enumerate(CorpusMaker(sources, seed).articles(size)):
            yield name, f"Published: {published(index, size).isoformat()}\n{text}"

    return write_once(corpora / f"archive-n{size}-seed{seed}", wanted, dated)


def slice_of(folder: Path, count: int) -> Path:
    """A folder holding copies of the first `count` articles of `folder` (made once)."""
    target = folder.with_name(f"{folder.name}-first{count}")
    manifest = target / ".bench.json"
    wanted = (folder / ".bench.json").read_text()
    if manifest.exists() and manifest.read_text() == wanted:
        return target
    if target.exists():
        shutil.rmtree(target)
    target.mkdir()
    for path in sorted(p for p in folder.iterdir() if p.suffix == ".txt")[:count]:
        shutil.copy2(path, target / path.name)
    manifest.write_text(wanted)
    return target


def write_config(work: Path, size: int, jobs: int) -> tuple[Path, Path]:
    """A config whose cache is this archive's, under `work`; (config file, cache file)."""
    work.mkdir(parents=True, exist_ok=True)
    cache = work / f"cache-archive-n{size}.sqlite3"
    config = work / f"config-archive-n{size}.toml"
    config.write_text(f'[cache]\npath = "{cache}"\n\n[model]\njobs = {jobs}\n', encoding="utf-8")
    return config, cache


def remove_cache(cache: Path) -> None:
    """Delete the cache file and its write-ahead log."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(cache) + suffix).unlink(missing_ok=True)


def measure(command: Sequence[str | Path]) -> dict[str, Any]:
    """Run `command` as a child process: its wall time, the CPU seconds of it and of every
    descendant it waited for (`wait4`), its own CPU seconds, the peak RSS of its whole process
    tree (the sum over the tree every `SAMPLE_SECONDS`, and at least the process's own high-water
    mark, VmHWM, read every `POLL_SECONDS`), the load average before, its exit code and stderr's
    tail. (`wait4`'s own maxrss is no use here: Linux carries the forking parent's peak into it.)"""
    import psutil  # type: ignore[import-untyped]

    load = os.getloadavg()
    err_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-archive-{os.getpid()}.err"
    with open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen([str(part) for part in command], stdout=subprocess.DEVNULL, stderr=err,
                                cwd=ROOT)
        top = psutil.Process(proc.pid)
        tree_peak, own_peak, own_cpu, sampled = 0, 0, 0.0, -math.inf
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            try:
                times = top.cpu_times()
                own_cpu = times.user + times.system
                own_peak = max(own_peak, _high_water(proc.pid))
                due = time.perf_counter() - sampled >= SAMPLE_SECONDS
                family = [top, *top.children(recursive=True)] if due else []
            except psutil.NoSuchProcess:
                family = []
            if family:
                sampled = time.perf_counter()
                rss = 0
                for member in family:
                    try:
                        rss += member.memory_info().rss
                    except psutil.NoSuchProcess:
                        pass
                tree_peak = max(tree_peak, rss)
            time.sleep(POLL_SECONDS)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    tail = err_path.read_text(errors="replace")[-2000:]
    err_path.unlink(missing_ok=True)
    return {"command": " ".join(str(part) for part in command), "wall": wall,
            "cpu": usage.ru_utime + usage.ru_stime, "own_cpu": own_cpu,
            "peak_rss_mb": max(tree_peak, own_peak) / 2**20, "own_peak_rss_mb": own_peak / 2**20,
            "load": load[0], "code": proc.returncode, "stderr": tail}


def _high_water(pid: int) -> int:
    """The process's peak RSS so far in bytes (VmHWM of /proc/PID/status; 0 when gone)."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def sitrep(*args: str | Path) -> list[str | Path]:
    """The command line of `sitrep ARGS` with this interpreter."""
    return [sys.executable, "-m", "sitrep", *args]


def checked(result: dict[str, Any]) -> dict[str, Any]:
    """`result`, unless its command failed."""
    if result["code"] != 0:
        raise SystemExit(f"bench.archive: {result['command']} failed ({result['code']}):\n{result['stderr']}")
    return result


def in_window(size: int, since: date, until: date) -> int:
    """How many of the archive's articles are published from `since` to `until`."""
    return sum(1 for index in range(size) if since <= published(index, size) <= until)


@contextmanager
def local_cluster() -> Iterator[str]:
    """A fresh Dask `LocalCluster` of 2 worker processes of one thread: its `dask://` URL."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address.replace("tcp://", "dask://")


def whole_extract(folder: str, target: str, config_file: str) -> None:
    """What `sitrep extract` did before it streamed: one whole `Engine.analyse` (every result kept
    and merged), then all the lines built and written at once (for `--memory`)."""
    from sitrep.config import load_config
    from sitrep.engine import Engine
    from sitrep.extracted import lines, to_parquet
    from sitrep.report.save import save_report
    from sitrep.version import pipeline_version

    config = load_config(Path(config_file))
    engine = Engine(config)
    try:
        situation = engine.analyse(Path(folder), stored=False)  # its per-article results are wanted
        rows = lines(folder, engine.results, situation.bad_files, pipeline_version(config))
        save_report(Path(target), to_parquet(rows))
    finally:
        engine.close()


def memory(folder: Path, config: Path, work: Path, sizes: Sequence[int]) -> list[dict[str, Any]]:
    """Peak RSS of a cached extract of the first N articles, for each N: streamed (`sitrep
    extract`) against the whole analysis it replaced (`whole_extract`), with the same rows."""
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    out = []
    for size in sizes:
        part = slice_of(folder, size)
        streamed, whole = work / f"memory-{size}-stream.parquet", work / f"memory-{size}-whole.parquet"
        new = checked(measure(sitrep("extract", part, "-o", streamed, "--config", config)))
        old = checked(measure([sys.executable, "-c", "import sys; from bench.archive import whole_extract; "
                               "whole_extract(*sys.argv[1:])", part, whole, config]))
        same = pq.read_table(streamed).to_pylist() == pq.read_table(whole).to_pylist()
        out.append({"articles": size, "stream": new, "whole": old, "same_rows": same})
    return out


def compare(folder: Path, config: Path, work: Path, rounds: int = 2) -> dict[str, Any]:
    """`--no-cache` extracts of `folder` with `--jobs 2` and on a fresh two-worker Dask cluster,
    alternating `rounds` times: every wall time, the fastest of each, and whether both wrote the
    same rows."""
    import pyarrow.parquet as pq

    walls: dict[str, list[float]] = {"jobs": [], "dask": []}
    loads: list[float] = []
    outputs = {kind: work / f"compare-{kind}.parquet" for kind in walls}
    for _ in range(rounds):
        result = checked(measure(sitrep("extract", folder, "-o", outputs["jobs"], "--no-cache", "--jobs", "2",
                                        "--config", config)))
        walls["jobs"].append(result["wall"])
        loads.append(result["load"])
        with local_cluster() as url:
            result = checked(measure(sitrep("extract", folder, "-o", outputs["dask"], "--no-cache",
                                            "--executor", url, "--config", config)))
        walls["dask"].append(result["wall"])
        loads.append(result["load"])
    same = pq.read_table(outputs["jobs"]).to_pylist() == pq.read_table(outputs["dask"]).to_pylist()
    jobs, dask = min(walls["jobs"]), min(walls["dask"])
    articles = sum(1 for p in folder.iterdir() if p.suffix == ".txt")
    return {"articles": articles, "walls": walls, "loads": loads, "jobs": jobs, "dask": dask,
            "ratio": jobs / dask, "same_rows": same}


def projection(size: int, cold: dict[str, Any], rows_bytes: int,
               reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The measured costs per article, scaled to `TARGET` articles: parsing CPU-hours (and the
    share the extracting process itself spends, which a cluster does not spread), rows on disk,
    and each window's report from a least-squares fit of wall and peak RSS as a fixed cost, a
    cost per row read and a cost per article merged."""
    import numpy as np

    scale = TARGET / size
    per_article_cpu = cold["cpu"] / size
    out: dict[str, Any] = {
        "articles": TARGET,
        "cpu_per_article_s": per_article_cpu,
        "parse_cpu_hours": per_article_cpu * TARGET / 3600,
        "coordinator_cpu_per_article_s": cold["own_cpu"] / size,
        "coordinator_cpu_hours": cold["own_cpu"] / size * TARGET / 3600,
        "rows_bytes_per_article": rows_bytes / size,
        "rows_gb": rows_bytes / size * TARGET / 1e9,
    }
    points = [r for r in reports if r["format"] == "json"]
    design = np.array([[1.0, r["rows"], r["articles"]] for r in points])
    windows = []
    for name, since, until in WINDOWS:
        articles = in_window(TARGET, since, until)
        estimate = {"window": name, "articles": articles}
        for key in ("wall", "peak_rss_mb"):
            coef, *_ = np.linalg.lstsq(design, np.array([r[key] for r in points]), rcond=None)
            estimate[key] = float(coef @ [1.0, TARGET, articles])
            estimate[f"{key}_fit"] = [float(c) for c in coef]
        windows.append(estimate)
    out["windows"] = windows
    out["scale"] = scale
    return out


def run_reports(rows: Path, config: Path, size: int, slice_rows: Path | None,
                slice_size: int) -> list[dict[str, Any]]:
    """`sitrep report` of `rows` for each window, as Markdown and as JSON (and of the slice's rows
    whole, when given: the fit's point with few rows)."""
    results = []
    cases: list[tuple[str, date | None, date | None, Path, int]] = [
        (name, since, until, rows, size) for name, since, until in WINDOWS]
    if slice_rows is not None:
        cases.append(("slice, whole", None, None, slice_rows, slice_size))
    for name, since, until, source, total in cases:
        window = ["--since", since.isoformat(), "--until", until.isoformat()] if since and until else []
        for fmt in ("md", "json"):
            result = checked(measure(sitrep("report", source, *window, "--format", fmt, "-o", os.devnull,
                                            "--config", config)))
            articles = in_window(size, since, until) if since and until else total
            results.append({"window": name, "format": fmt, "rows": total, "articles": articles, **result})
    return results


def markdown(result: dict[str, Any]) -> str:
    """The report: machine, table, comparison and projection."""
    size = result["size"]
    lines = [f"# An archive of {size:,} articles", "", f"Machine: {result['machine']}", "",
             f"Corpus: `{result['folder']}` ({size:,} articles, {result['corpus_mb']:.0f} MB, published over "
             f"{YEAR.year}); rows `{result['rows']}` ({result['rows_bytes'] / 2**20:.1f} MB).", "",
             "| Step | Articles | Wall s | CPU s (tree) | Peak RSS MB (tree) | Load avg before |",
             "|---|---:|---:|---:|---:|---:|"]
    extract = result["extract"]
    lines.append(f"| `sitrep extract --jobs {result['jobs']}`, {result['cache']} cache | {size:,} | "
                 f"{extract['wall']:.1f} | {extract['cpu']:.1f} | {extract['peak_rss_mb']:.0f} | "
                 f"{extract['load']:.2f} |")
    for report in result["reports"]:
        lines.append(f"| `sitrep report` {report['window']} ({report['format']}) | {report['articles']:,} "
                     f"of {report['rows']:,} | {report['wall']:.2f} | {report['cpu']:.2f} | "
                     f"{report['peak_rss_mb']:.0f} | {report['load']:.2f} |")
    comparison = result.get("compare")
    if comparison:
        lines += ["", f"Same run, {comparison['articles']:,} articles, `--no-cache`, alternating twice, "
                  f"fastest of each: `--jobs 2` {comparison['jobs']:.1f} s, Dask `LocalCluster` (2 worker "
                  f"processes, "
                  f"1 thread each) {comparison['dask']:.1f} s: Dask at **{comparison['ratio']:.2f}x** the "
                  f"speed of `--jobs 2` (walls {comparison['walls']}; load {comparison['loads']}; same rows: "
                  f"{comparison['same_rows']})."]
    plan = result["projection"]
    lines += ["", f"Projection to {TARGET:,} articles (from the cold extract's costs per article"
              f"{'' if result['cache'] == 'cold' else ', measured ' + result['cold_from']}):", "",
              f"- parsing: {plan['cpu_per_article_s'] * 1000:.0f} ms CPU per article = "
              f"**{plan['parse_cpu_hours']:.0f} CPU-hours** (about {plan['parse_cpu_hours'] / 64:.1f} h on "
              f"64 worker cores); the extracting process's own share "
              f"{plan['coordinator_cpu_per_article_s'] * 1000:.1f} ms per article = "
              f"{plan['coordinator_cpu_hours']:.1f} h, serial, whatever the cluster;",
              f"- rows: {plan['rows_bytes_per_article'] / 1024:.1f} KB per article = "
              f"**{plan['rows_gb']:.1f} GB** of Parquet;"]
    for window in plan["windows"]:
        lines.append(f"- `sitrep report` of a {window['window']} ({window['articles']:,} articles of "
                     f"{TARGET:,}): about {window['wall']:.0f} s and {window['peak_rss_mb']:,.0f} MB;")
    wall_fit, rss_fit = plan["windows"][0]["wall_fit"], plan["windows"][0]["peak_rss_mb_fit"]
    lines.append(f"- (least squares over the JSON reports: wall = {wall_fit[0]:.2f} s "
                 f"+ {wall_fit[1] * 1e6:.0f} µs per row read "
                 f"+ {wall_fit[2] * 1e6:.0f} µs per article merged; "
                 f"peak RSS = {rss_fit[0]:.0f} MB + {rss_fit[1] * 1024:.2f} KB per row read "
                 f"+ {rss_fit[2] * 1024:.1f} KB per article merged)")
    return "\n".join(lines) + "\n"


def memory_markdown(found: list[dict[str, Any]]) -> str:
    """The `--memory` table."""
    rows = ["| Articles (cached) | streamed: wall s, peak RSS MB | whole analysis: wall s, peak RSS MB "
            "| same rows | load avg |", "|---:|---:|---:|---|---:|"]
    for m in found:
        new, old = m["stream"], m["whole"]
        rows.append(f"| {m['articles']:,} | {new['wall']:.1f}, {new['peak_rss_mb']:.0f} | {old['wall']:.1f}, "
                    f"{old['peak_rss_mb']:.0f} | {m['same_rows']} | {new['load']:.2f} |")
    return "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Build the archive, measure, print and save the report."""
    parser = argparse.ArgumentParser(prog="python -m bench.archive", description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=30_000, help="articles (default 30,000)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes of the extract (default 2)")
    parser.add_argument("--cold", action="store_true", help="empty the archive's cache first")
    parser.add_argument("--compare", type=int, default=1_000, metavar="N",
                        help="articles of the --jobs 2 vs Dask comparison (default 1,000; 0: none)")
    parser.add_argument("--memory", metavar="N,N", default="",
                        help="only compare the peak RSS of a cached extract of the first N articles, "
                             "streamed and as one whole analysis (needs the archive's cache warm for them)")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    args = parser.parse_args(argv)
    from bench.run import machine_info

    info = machine_info()
    size = args.size
    work = args.corpora / "work"
    folder = build_archive(size, args.corpora)
    config, cache = write_config(work, size, args.jobs)
    if args.memory:
        found = memory(folder, config, work, [int(n) for n in args.memory.split(",")])
        print(memory_markdown(found))
        saved = args.corpora / f"archive-memory-{time.strftime('%Y%m%d-%H%M%S')}.json"
        saved.write_text(json.dumps(found, indent=1), encoding="utf-8")
        return 0
    if args.cold:
        remove_cache(cache)
    state = "warm" if cache.exists() else "cold"
    rows = work / f"archive-n{size}.parquet"
    print(f"bench.archive: {size:,} articles in {folder}, extracting ({state} cache)...", file=sys.stderr)
    extract = checked(measure(sitrep("extract", folder, "-o", rows, "--jobs", str(args.jobs),
                                     "--config", config)))
    result: dict[str, Any] = {
        "size": size, "jobs": args.jobs, "cache": state, "folder": str(folder.relative_to(ROOT)),
        "rows": str(rows.relative_to(ROOT)), "rows_bytes": rows.stat().st_size,
        "corpus_mb": sum(p.stat().st_size for p in folder.iterdir()) / 2**20, "extract": extract,
        "machine": ", ".join(f"{key} {value}" for key, value in info.items()), "machine_info": info,
    }
    slice_rows = work / "compare-jobs.parquet"  # an earlier comparison's rows serve the fit when none is run
    if args.compare:
        print(f"bench.archive: --jobs 2 vs Dask on {args.compare:,} articles...", file=sys.stderr)
        part = slice_of(folder, args.compare)
        result["compare"] = compare(part, config, work)
    print("bench.archive: reports by window...", file=sys.stderr)
    if slice_rows.exists():
        import pyarrow.parquet as pq

        in_slice = pq.ParquetFile(slice_rows).metadata.num_rows
        result["reports"] = run_reports(rows, config, size, slice_rows, in_slice)
    else:
        result["reports"] = run_reports(rows, config, size, None, 0)
    cold = extract
    result["cold_from"] = "this run"
    if state == "warm":
        earlier = sorted(args.corpora.glob(f"archive-n{size}-*.json"))
        for path in reversed(earlier):
            data = json.loads(path.read_text())
            if data.get("cache") == "cold" and data.get("jobs") == args.jobs:
                cold, result["cold_from"] = data["extract"], f"in {path.name}"
                break
        else:
            result["cold_from"] = "nowhere (no cold run saved: the projection uses this warm run)"
    result["projection"] = projection(size, cold, result["rows_bytes"], result["reports"])
    text = markdown(result)
    print(text)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (args.corpora / f"archive-n{size}-{stamp}.md").write_text(text, encoding="utf-8")
    saved = args.corpora / f"archive-n{size}-{stamp}.json"
    saved.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
