"""Command line: `sitrep [DIR] [--actor NAME]` (the dashboard) and `sitrep report [DIR] ...`."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .config import Config, ConfigError, find_config, load_config
from .textsafe import clean


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sitrep",
        description="A live situation report from a folder of news articles.",
        epilog="Commands: `sitrep [DIR]` opens the dashboard; `sitrep report [DIR] --format md|json` prints a report.",
    )
    parser.add_argument("--config", type=Path, help="config.toml to use (default: ./config.toml or $SITREP_CONFIG)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what the engine does to stderr")
    parser.add_argument("--jobs", type=_jobs, metavar="N",
                        help="analyse uncached articles in N worker processes (default: model.jobs in config)")
    return parser


def _jobs(value: str) -> int:
    """`--jobs N`: a whole number from 1 to 64 (the range `model.jobs` accepts)."""
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if not 1 <= jobs <= 64:
        raise argparse.ArgumentTypeError(f"must be between 1 and 64, got {jobs}")
    return jobs


def _dashboard_parser() -> argparse.ArgumentParser:
    parser = _parser()
    parser.add_argument("folder", nargs="?", type=Path, help="folder of articles (default: [seeds] folder in config)")
    parser.add_argument("--actor", help="start filtered to this actor (any name or alias)")
    return parser


def _report_parser() -> argparse.ArgumentParser:
    parser = _parser()
    parser.prog = "sitrep report"
    parser.add_argument("folder", nargs="?", type=Path, help="folder of articles (default: [seeds] folder in config)")
    parser.add_argument("--format", choices=["md", "json"], default="md", help="output format (default md)")
    parser.add_argument("--actor", help="keep only what involves this actor (any name or alias)")
    parser.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")
    parser.add_argument("--no-cache", action="store_true", help="parse every article, ignoring the cache")
    return parser


def _config(args: argparse.Namespace) -> Config:
    path = args.config if args.config else find_config()
    config = load_config(path)
    if args.jobs is not None:
        config.model.jobs = args.jobs
    return config


class _CleanFormatter(logging.Formatter):
    """Log lines cleaned like every other line sitrep prints: the paths and keys in them are untrusted."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as usual, each line through `textsafe.clean`."""
        return "\n".join(clean(line) for line in super().format(record).splitlines())


def _fail(message: str, code: int = 2) -> int:
    """Print `message` on stderr, each line cleaned (it may name a file or a config key); `code`."""
    print("\n".join(f"sitrep: {clean(line)}" if n == 0 else clean(line)
                    for n, line in enumerate(message.splitlines() or [""])), file=sys.stderr)
    return code


def _write_stdout(text: str) -> None:
    """The report on stdout as UTF-8, whatever the locale's encoding (JSON must be UTF-8)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream, as in tests
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def run_report(argv: list[str]) -> int:
    """`sitrep report`: analyse a folder and print a Markdown or JSON report."""
    args = _report_parser().parse_args(argv)
    handler = logging.StreamHandler()
    handler.setFormatter(_CleanFormatter("%(message)s"))
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, handlers=[handler])
    try:
        config = _config(args)
    except ConfigError as exc:
        return _fail(f"config error: {exc}")
    if args.no_cache:
        config.cache.enabled = False
    folder = args.folder or config.seeds_folder
    from .engine import Engine
    from .nlp.errors import PipelineError
    from .query import filter_situation, find_actor
    from .reader import ReaderError
    from .report import to_json, to_markdown

    engine = Engine(config)
    try:
        situation = engine.analyse(folder)
    except ReaderError as exc:
        return _fail(str(exc))
    except PipelineError as exc:
        return _fail(str(exc))
    finally:
        engine.close()
    for bad in situation.bad_files:
        print(f"sitrep: skipped {clean(bad.path)}: {clean(bad.reason)}", file=sys.stderr)
    if args.actor:
        actor = find_actor(situation, args.actor)
        if actor is None:
            names = ", ".join(a.name for a in situation.actors[:10])
            return _fail(f"no actor matches {args.actor!r}; known actors include: {names}", 1)
        situation = filter_situation(situation, actor)
    text = to_json(situation) if args.format == "json" else to_markdown(situation, config.report.max_actors)
    text += "\n" if args.format == "json" else ""
    if args.output:
        from .report.save import save_report

        try:
            save_report(args.output, text.encode("utf-8"))
        except OSError as exc:
            return _fail(f"cannot write the report to {args.output}: {exc.strerror or exc}", 1)
    else:
        _write_stdout(text)
    return 0


def run_dashboard(argv: list[str]) -> int:
    """`sitrep [DIR]`: the live dashboard."""
    args = _dashboard_parser().parse_args(argv)
    try:
        config = _config(args)
    except ConfigError as exc:
        return _fail(f"config error: {exc}")
    folder = args.folder or config.seeds_folder
    if not folder.is_dir():
        return _fail(f"{folder} is not a folder of articles (set [seeds] folder in config.toml or pass DIR)")
    from .tui.app import make_app

    app = make_app(folder, config, actor=args.actor)
    app.run()
    return int(app.return_code or 0)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `sitrep` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "report":
        return run_report(argv[1:])
    return run_dashboard(argv)


if __name__ == "__main__":
    sys.exit(main())
