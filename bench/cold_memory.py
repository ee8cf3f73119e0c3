"""`python -m bench.cold_memory`: the memory of a cold `sitrep report` in one process, step by step.

    python -m bench.cold_memory [--size 2000] [--seed 7] [--runs 1] [--format md]
                                [--corpora bench/corpora] [--json FILE]

Each run is the `sitrep report` command as the console script runs it (`sitrep.cli.main()`, so
with `gcpolicy.one_shot`), in a child process, over the benchmark
corpus `n{SIZE}-seed{SEED}` (which `python -m bench --sizes SIZE` builds), `-o /dev/null` in
`--format` (md by default, as the warm `sitrep report` of `bench.targets`), with the model in
that process (`model.jobs = 1`) and a fresh cache in a temporary folder (never one of
`bench/corpora/work`, which another schema's code would empty). The child notes its RSS and its
peak RSS so far (`ru_maxrss`) when the model is loaded, as the model is released after the parse
and just after (`Engine.release_model`; a run that parses nothing releases nothing), once the
analysis returns (`merged`: the results read back and merged) and at the end (the report
written); its CPU and wall seconds; and the load average before it. The peak up to the release
is the parse's (the model and the parse's own arrays), the rest is the decode, the merge and the
report's.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import DEFAULT_CORPORA, RESULT_MARK, ROOT
from bench.run import _result_line, _write_config_file

CHILD = """
import json, os, resource, sys, time
marks = {{}}
def note(name):
    with open("/proc/self/statm") as handle:
        rss = int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    marks[name] = {{"rss_mb": round(rss, 1), "peak_mb": round(peak, 1),
                   "seconds": round(time.perf_counter() - start, 1)}}
start = time.perf_counter()
import sitrep.engine
nlp = sitrep.engine.Engine.nlp
release = getattr(sitrep.engine.Engine, "release_model", None)  # None: a commit from before it
def noted_nlp(self):
    loaded = self.model_loaded
    result = nlp(self)
    if not loaded:
        note("model loaded")
    return result
def noted_release(self):
    if self.model_loaded:
        note("before release")
    release(self)
    note("released")
analyse = sitrep.engine.Engine.analyse
def noted_analyse(self, *args, **kwargs):
    situation = analyse(self, *args, **kwargs)
    note("merged")
    return situation
sitrep.engine.Engine.nlp = noted_nlp
sitrep.engine.Engine.analyse = noted_analyse
if release is not None:
    sitrep.engine.Engine.release_model = noted_release
from sitrep.cli import main
folder, config, fmt = sys.argv[1:4]
sys.argv = ["sitrep", "report", folder, "--config", config, "--format", fmt, "-o", os.devnull]
code = main()  # as the `sitrep` command calls it
note("end")
print({mark!r} + json.dumps({{"code": code, "marks": marks, "cpu": time.process_time(),
                             "wall": time.perf_counter() - start, "peak_mb": marks["end"]["peak_mb"]}}))
"""


def cold_report(folder: Path, fmt: str = "md") -> dict[str, Any]:
    """One cold `sitrep report` of `folder` in a child process (fresh cache), with its marks."""
    with tempfile.TemporaryDirectory(prefix="sitrep-cold-memory-") as tmp:
        config = _write_config_file(Path(tmp) / "config.toml", Path(tmp) / "cache.sqlite3")
        load = round(os.getloadavg()[0], 2)
        proc = subprocess.run([sys.executable, "-c", CHILD.format(mark=RESULT_MARK), str(folder),
                               str(config), fmt], capture_output=True, text=True, check=False, cwd=ROOT)
    result = _result_line(proc)
    if result.get("code") != 0:
        raise RuntimeError(f"sitrep report failed: {proc.stderr[-2000:]}")
    return {**result, "load": load}


def describe(result: dict[str, Any]) -> str:
    """One run as lines: each mark's RSS and peak so far, then CPU, wall and load."""
    lines = [f"  {name:15} {mark['seconds']:7.1f} s  RSS {mark['rss_mb']:6.0f} MB  peak so far "
             f"{mark['peak_mb']:6.0f} MB" for name, mark in result["marks"].items()]
    lines.append(f"  peak RSS {result['peak_mb']:.0f} MB; CPU {result['cpu']:.1f} s, "
                 f"wall {result['wall']:.1f} s, load {result['load']} before")
    return "\n".join(lines)


def main() -> None:
    """Run `--runs` cold reports of the corpus and print each one's marks."""
    parser = argparse.ArgumentParser(prog="python -m bench.cold_memory", description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--format", default="md", help="the report's format (md, json...)")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--json", type=Path, help="also write the raw numbers here")
    args = parser.parse_args()
    folder = args.corpora / f"n{args.size}-seed{args.seed}"
    if not folder.is_dir():
        raise SystemExit(f"run `python -m bench --sizes {args.size}` first: {folder} is missing")
    results = []
    for run in range(args.runs):
        print(f"[{time.strftime('%H:%M:%S')}] cold `sitrep report` of {folder.name}, run {run + 1}",
              file=sys.stderr, flush=True)
        results.append(cold_report(folder, args.format))
        print(f"run {run + 1}:\n{describe(results[-1])}", flush=True)
    if args.json is not None:
        args.json.write_text(json.dumps({"size": args.size, "runs": results}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
