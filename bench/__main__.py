"""`python -m bench`: the command line, and the entry point of every child process (`--child KIND JSON`)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import bench
from bench import DEFAULT_CORPORA, DEFAULT_SIZES, DEFAULT_SOURCES, RESULT_MARK
from bench.children import child_changed, child_cold, child_ensure_warm, child_raw, child_warm_breakdown
from bench.dashboard import child_soak, child_tui_bare, child_tui_filter, child_tui_paint
from bench.report import long_article_markdown, markdown
from bench.run import _log, long_article_bench, run, soak

CHILDREN: dict[str, Callable[..., dict[str, Any]]] = {
    "raw": child_raw,
    "cold": child_cold,
    "warm-breakdown": child_warm_breakdown,
    "ensure-warm": child_ensure_warm,
    "changed": child_changed,
    "tui-paint": child_tui_paint,
    "tui-bare": child_tui_bare,
    "tui-filter": child_tui_filter,
    "soak": child_soak,
}


def _parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench",
                                     description=(bench.__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="comma-separated corpus sizes (default 100,1000,10000)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the parallel cold run "
                                                            "(default 2)")
    parser.add_argument("--seed", type=int, default=7, help="RNG seed of the generated corpora (default 7)")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="where corpora and caches go")
    parser.add_argument("--source", dest="sources", type=Path, action="append",
                        help="folder of real articles to recombine (repeatable; default seeds/ and "
                             "../shared/corpus)")
    parser.add_argument("--repeats", type=int, default=0,
                        help="raw and cold 1-process runs per size, fastest kept (default 2 up to 1,000, "
                             "then 1)")
    parser.add_argument("--no-tui", action="store_true", help="skip the dashboard measurements")
    parser.add_argument("--soak", type=float, metavar="SECONDS", help="run the dashboard soak instead")
    parser.add_argument("--soak-size", type=lambda v: int(v.replace("_", "")), default=100, metavar="N",
                        help="articles in the soak's folder (default 100)")
    parser.add_argument("--long-article", type=lambda v: int(v.replace("_", "")), metavar="CHARS",
                        help="instead, time one made-up article of CHARS characters and one of twice that "
                             "against raw nlp.pipe (--repeats runs each, default 2)")
    parser.add_argument("--json", type=Path, help="also write the raw numbers here")
    parser.add_argument("--reuse", type=Path, metavar="JSON",
                        help="keep the raw and cold numbers of a saved run (its caches must still be "
                             "there) and measure the rest again: for re-timing warm paths after a change "
                             "that leaves parsing alone")
    parser.add_argument("--render", type=Path, metavar="JSON", help="print the Markdown of a saved run and "
                                                                    "stop")
    args = parser.parse_args(argv)
    args.sizes = [int(s.replace("_", "")) for s in str(args.sizes).split(",") if s.strip()]
    args.sources = args.sources or [p for p in DEFAULT_SOURCES if p.is_dir()]
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python -m bench`."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) == 3 and argv[0] == "--child":
        result = CHILDREN[argv[1]](**json.loads(argv[2]))
        print(RESULT_MARK + json.dumps(result), flush=True)
        return 0
    args = _parse_args(argv)
    if args.render:
        saved = json.loads(args.render.read_text())
        print(long_article_markdown(saved) if "chars" in saved["rows"][0] else markdown(saved))
        return 0
    if args.soak:
        print(soak(args))
        return 0
    if args.long_article:
        report = long_article_bench(args)
        if args.json:
            args.json.write_text(json.dumps(report, indent=1))
        print(long_article_markdown(report))
        return 0
    stamp = time.strftime("%Y%m%d-%H%M%S")
    out = Path(args.json) if args.json else Path(args.corpora) / f"results-{stamp}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    report = run(args, out)
    text = markdown(report)
    (out.with_suffix(".md")).write_text(text + "\n")
    print(text)
    _log(f"raw numbers in {out}, table in {out.with_suffix('.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
