"""Command line: the dashboard (`sitrep [DIR]`), reports and exports (`sitrep report`), per-article
rows (`sitrep extract`), the config file in use (`sitrep config path`) and shell completion
(`sitrep completion SHELL`).

The dashboard takes an optional folder, so commands are picked by the first word rather than
by argparse subparsers (which would read a folder as an unknown command). The same argument
definitions also build a parser tree with subcommands, from which `sitrep completion`
generates completion scripts (with shtab), so completion cannot drift from the options.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Callable
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

from . import gcpolicy
from .config import Config, ConfigError, find_config, load_config
from .report.formats import FORMATS
from .text import clean

if TYPE_CHECKING:
    from contextlib import ExitStack

    from rich.progress import Progress as Bar, TaskID

    from .engine import Engine
    from .model import Situation
    from .progress import Progress

COMMANDS = ("report", "extract", "config", "completion")
SHELLS = ("bash", "zsh", "tcsh")
TABLE_NAMES = ("actors", "claims", "disputes", "sources")
"""The CSV tables (`sitrep.report.tables.TABLES`), named here so the parser imports no writer."""

EXIT_CODES = """\
exit codes:
  0    success
  1    no actor matches --actor; the output cannot be written
  2    usage, config, folder or model error
  130  interrupted (ctrl+c)"""

USAGE = """\
sitrep [-h] [-V] [--config FILE] [-v] [--jobs N] [DIR] [--actor NAME]
       sitrep report [DIR] [--format {md,json,csv,acled,geojson}] [--table NAME] [-o FILE|FOLDER|-]
                     [--actor NAME] [--no-cache] [--since DATE] [--until DATE] [--focus COUNTRY]
                     [--executor URL]
       sitrep extract [DIR] [-o FILE|FOLDER|-] [--format {jsonl,parquet}] [--no-cache] [--executor URL]
       sitrep config path
       sitrep completion {bash,zsh,tcsh}"""


def version() -> str:
    """sitrep's installed version ("0.1.0"), or "unknown" when not installed."""
    try:
        return metadata.version("sitrep")
    except metadata.PackageNotFoundError:
        return "unknown"


def _common(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options every command takes."""
    parser.add_argument("-V", "--version", action="version", version=f"sitrep {version()}")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="config.toml to use (default: $SITREP_CONFIG, else ./config.toml); must exist")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what the engine does to stderr")
    parser.add_argument("--jobs", type=_jobs, metavar="N",
                        help="analyse uncached articles in N worker processes (default: model.jobs)")
    return parser


def _new(prog: str, description: str, usage: str | None = None) -> argparse.ArgumentParser:
    return argparse.ArgumentParser(prog=prog, description=description, usage=usage, epilog=EXIT_CODES,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)


def _jobs(value: str) -> int:
    """`--jobs N`: a whole number from 1 to 64 (the range `model.jobs` accepts)."""
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if not 1 <= jobs <= 64:
        raise argparse.ArgumentTypeError(f"must be between 1 and 64, got {jobs}")
    return jobs


def _executor_url(value: str) -> str:
    """`--executor URL`: dask://HOST:PORT (checked here; connecting waits for the analysis)."""
    from .executors import ExecutorError, dask_address

    try:
        dask_address(value)
    except ExecutorError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


def _executor_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--executor", type=_executor_url, metavar="URL",
                        help="analyse uncached articles on a Dask cluster, dask://HOST:PORT (its scheduler); "
                             "each worker loads the model once; needs pip install 'sitrep[dask]'")


def _folder_argument(parser: argparse.ArgumentParser) -> None:
    action = parser.add_argument("folder", nargs="?", type=Path, metavar="DIR",
                                 help="folder of articles (default: [seeds] folder in config)")
    action.complete = {"bash": "_shtab_compgen_dirs", "zsh": "_files -/", "tcsh": "d"}  # type: ignore[attr-defined]


def _dashboard_parser() -> argparse.ArgumentParser:
    parser = _common(_new("sitrep", "A live situation report from a folder of news articles.\n\n"
                          "commands:\n"
                          "  sitrep [DIR]             the dashboard\n"
                          "  sitrep report [DIR]      a report or export (sitrep report -h)\n"
                          "  sitrep extract [DIR]     per-article rows as JSONL or Parquet\n"
                          "  sitrep config path       the config file in use\n"
                          "  sitrep completion SHELL  a shell completion script", USAGE))
    _folder_argument(parser)
    parser.add_argument("--actor", metavar="NAME", help="start filtered to this actor (any name or alias)")
    parser.add_argument("--theme", metavar="NAME",
                        help="a Textual theme, e.g. textual-light, nord, gruvbox (default: the one last "
                             "picked in the dashboard, else [ui] theme in config, else textual-dark)")
    return parser


def _add_report_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    _folder_argument(parser)
    parser.add_argument("--format", choices=FORMATS, default="md",
                        help="md (default), json, csv (tables: actors, claims, disputes, sources), "
                             "acled (one row per dated event) or geojson (one point per place)")
    parser.add_argument("--table", choices=TABLE_NAMES,
                        help="with --format csv: write this one table (to a file or standard output)")
    parser.add_argument("--actor", metavar="NAME",
                        help="keep only what involves this actor (any name, alias)")
    output = parser.add_argument(
        "-o", "--output", metavar="FILE|FOLDER|-",
        help="write to FILE, or into FOLDER (an existing folder or one ending in /; csv writes one file "
             "per table there), or to standard output with - (the default)")
    output.complete = {"bash": "_shtab_compgen_files", "zsh": "_files", "tcsh": "f"}  # type: ignore[attr-defined]
    parser.add_argument("--no-cache", action="store_true", help="parse every article, ignoring the cache")
    parser.add_argument("--since", type=_day, metavar="DATE",
                        help="with rows from sitrep extract: only articles published on or after DATE "
                             "(YYYY-MM-DD)")
    parser.add_argument("--until", type=_day, metavar="DATE",
                        help="with rows from sitrep extract: only articles published on or before DATE")
    parser.add_argument("--focus", metavar="COUNTRY",
                        help="with rows from sitrep extract: only articles that name COUNTRY, a place in "
                             "it or its people (any of its names: 'Myanmar' or 'Burma')")
    _executor_argument(parser)
    return parser


def _day(value: str) -> date:
    """`--since`/`--until DATE`: a calendar day, YYYY-MM-DD."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a day as YYYY-MM-DD, got {value!r}") from None


def _report_parser() -> argparse.ArgumentParser:
    parser = _common(_new("sitrep report", "Analyse a folder and write a report or export. DIR may also "
                          "be rows from\nsitrep extract (a .jsonl or .parquet file, or a folder of them): "
                          "they are merged into the same report."))
    return _add_report_arguments(parser)


def _add_extract_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    _folder_argument(parser)
    output = parser.add_argument(
        "-o", "--output", metavar="FILE|FOLDER|-",
        help="write to FILE, or into FOLDER as DIR's name + .jsonl or .parquet, or to standard output "
             "with - (the default, JSONL only)")
    output.complete = {"bash": "_shtab_compgen_files", "zsh": "_files", "tcsh": "f"}  # type: ignore[attr-defined]
    parser.add_argument("--format", choices=("jsonl", "parquet"),
                        help="jsonl (default) or parquet (default when FILE ends in .parquet; "
                             "needs pip install 'sitrep[parquet]')")
    parser.add_argument("--no-cache", action="store_true", help="parse every article, ignoring the cache")
    _executor_argument(parser)
    return parser


def _extract_parser() -> argparse.ArgumentParser:
    parser = _common(_new("sitrep extract", "Analyse a folder and write each article's result as a row "
                          "(the schema is in the README).\nsitrep report merges rows back into a report."))
    return _add_extract_arguments(parser)


def _config_parser() -> argparse.ArgumentParser:
    parser = _new("sitrep config", "The config file sitrep reads: --config FILE, else $SITREP_CONFIG, "
                  "else ./config.toml.")
    parser.add_argument("action", choices=["path"], help="path: print the config file in use")
    parser.add_argument("--config", type=Path, metavar="FILE", help="the config file to use")
    return parser


def _completion_parser() -> argparse.ArgumentParser:
    parser = _new("sitrep completion", "Print a shell completion script, e.g.\n"
                  "  sitrep completion bash > ~/.local/share/bash-completion/completions/sitrep\n"
                  "  sitrep completion zsh > \"${fpath[1]}/_sitrep\"")
    parser.add_argument("shell", choices=SHELLS)
    return parser


def completion_tree() -> argparse.ArgumentParser:
    """Every command and option as one parser tree with subcommands (what completion is made from)."""
    root = _common(_new("sitrep", "A live situation report from a folder of news articles."))
    root.add_argument("--actor", metavar="NAME", help="start filtered to this actor")
    commands = root.add_subparsers(dest="command")
    _add_report_arguments(_common(commands.add_parser("report", help="a report or export")))
    _add_extract_arguments(_common(commands.add_parser("extract", help="per-article rows")))
    config = commands.add_parser("config", help="the config file in use")
    config.add_argument("action", choices=["path"])
    config.add_argument("--config", type=Path, metavar="FILE")
    completion = commands.add_parser("completion", help="a shell completion script")
    completion.add_argument("shell", choices=SHELLS)
    return root


def _config_path(args: argparse.Namespace) -> tuple[Path | None, str]:
    """The config file to read and where it was named ("--config", "$SITREP_CONFIG" or "")."""
    if args.config:
        return args.config, "--config"
    if os.environ.get("SITREP_CONFIG"):
        return find_config(), "$SITREP_CONFIG"
    return find_config(), ""


def _config(args: argparse.Namespace) -> Config:
    """The config: a file named by --config or $SITREP_CONFIG must exist (no silent defaults)."""
    path, named_by = _config_path(args)
    if named_by and path is not None and not path.is_file():
        raise ConfigError(f"{path}: no such config file (named by {named_by})")
    config = load_config(path)
    if args.jobs is not None:
        config.model.jobs = args.jobs
    return config


class _CleanFormatter(logging.Formatter):
    """Log lines cleaned like every other line sitrep prints: the paths and keys in them are untrusted."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as usual, each line through `text.clean`."""
        return "\n".join(clean(line) for line in super().format(record).splitlines())



def _settings(args: argparse.Namespace) -> tuple[Config, Path] | int:
    """Logging on stderr, the config (`--config`, `--no-cache`) and the folder a command works
    on; an exit code instead when the config is broken."""
    handler = logging.StreamHandler()
    handler.setFormatter(_CleanFormatter("%(message)s"))
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, handlers=[handler])
    try:
        config = _config(args)
    except ConfigError as exc:
        return _fail(f"config error: {exc}")
    if args.no_cache:
        config.cache.enabled = False
    return config, args.folder or config.seeds_folder

def _fail(message: str, code: int = 2) -> int:
    """Print `message` on stderr, each line cleaned (it may name a file or a config key); `code`."""
    print("\n".join(f"sitrep: {clean(line)}" if n == 0 else clean(line)
                    for n, line in enumerate(message.splitlines() or [""])), file=sys.stderr)
    return code


def _write_stdout(data: bytes) -> None:
    """A report on stdout as UTF-8 bytes, whatever the locale's encoding (JSON must be UTF-8)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream, as in tests
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()


class ProgressBar:
    """An `Engine.analyse` progress callback that draws a transient rich bar on a terminal.

    It appears only once articles need parsing (a warm run, served from the cache, draws
    nothing) and is erased when the report is ready.
    """

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self._bar: Bar | None = None
        self._task: TaskID | None = None

    def __call__(self, progress: Progress) -> None:
        """Follow one step of the analysis."""
        if progress.stage == "done":
            self.close()
        elif progress.stage in ("loading model", "analysing"):
            if self._bar is None or self._task is None:
                from rich.console import Console
                from rich.progress import (
                    BarColumn,
                    MofNCompleteColumn,
                    Progress,
                    SpinnerColumn,
                    TextColumn,
                    TimeRemainingColumn,
                )

                self._bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                     MofNCompleteColumn(), _rate_column(), TimeRemainingColumn(),
                                     console=Console(file=self.stream), transient=True)
                self._bar.start()
                self._task = self._bar.add_task("Loading the language model", total=None)
            if progress.stage == "analysing":
                self._bar.update(self._task, description="Analysing articles", total=progress.total,
                                 completed=progress.done)

    def close(self) -> None:
        """Erase the bar, if one was drawn."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def _rate_column() -> Any:
    """A progress column with the articles parsed per second ("12.5 articles/s"), blank until known."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.speed
            return Text(f"{speed:.1f} articles/s" if speed else "", style="progress.data.speed")

    return Rate()


def progress_bar(stream: IO[str]) -> ProgressBar | None:
    """A bar for `stream` when it is a terminal, else None (no callback, so no cost)."""
    isatty = getattr(stream, "isatty", None)
    return ProgressBar(stream) if callable(isatty) and isatty() else None


def _is_folder(output: str) -> bool:
    """Whether `-o output` names a folder: one that exists, or a path ending in a separator."""
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def run_report(argv: list[str]) -> int:
    """`sitrep report`: analyse a folder and write a report or export (see `sitrep.report.formats`)."""
    parser = _report_parser()
    args = parser.parse_args(argv)
    if args.table and args.format != "csv":
        parser.error("--table goes with --format csv")
    to_folder = args.output not in (None, "-") and _is_folder(args.output)
    if args.format == "csv" and not args.table and not to_folder:
        parser.error(f"--format csv writes {len(TABLE_NAMES)} tables ({', '.join(TABLE_NAMES)}): "
                     "give -o FOLDER for all of them, or --table NAME for one")
    if args.executor and args.jobs:
        parser.error("--jobs and --executor are alternatives: the executor's workers do the parsing")
    settled = _settings(args)
    if isinstance(settled, int):
        return settled
    config, folder = settled
    from .extracted import ExtractError, is_extracted, read_extracted
    from .query import filter_situation
    from .report.formats import render

    if is_extracted(folder):
        focus = None
        if args.focus:
            from .focus import Focus

            focus = Focus.named(args.focus)
            if focus is None:
                parser.error(f"--focus: {clean(args.focus)!r} is not a country sitrep knows "
                             "(any of a country's names: 'Mali', 'Burma', 'UK', 'DRC')")
        try:
            extracted = read_extracted(folder, args.since, args.until, focus)
        except ExtractError as exc:
            return _fail(str(exc))
        if extracted.outside:
            kept = len(extracted.results)
            print(f"sitrep: merged {kept} article(s); left out {extracted.outside} outside "
                  f"--since/--until/--focus", file=sys.stderr)
        from .merge import merge

        situation = merge(extracted.results, extracted.bad_files, extracted.folder)
    elif args.since or args.until or args.focus:
        parser.error("--since, --until and --focus go with rows from sitrep extract (a .jsonl or .parquet "
                     "file, or a folder of them)")
    else:
        analysed = _analyse(folder, config, args.executor)
        if isinstance(analysed, int):
            return analysed
        situation = analysed
    for bad in situation.bad_files:
        print(f"sitrep: skipped {clean(bad.path)}: {clean(bad.reason)}", file=sys.stderr)
    if args.actor:
        narrowed, actor = filter_situation(situation, args.actor)
        if actor is None:
            names = ", ".join(a.name for a in situation.actors[:10])
            return _fail(f"no actor matches {args.actor!r}; known actors include: {names}", 1)
        situation = narrowed
    documents = render(situation, args.format, max_actors=config.report.max_actors, table=args.table)
    if args.output in (None, "-"):
        _write_stdout(documents[0].data(to_file=False))
        return 0
    from .report.save import save_report

    target = Path(args.output)
    try:
        if to_folder:
            target.mkdir(parents=True, exist_ok=True)
        for document in documents:
            target = Path(args.output) / document.name if to_folder else Path(args.output)
            save_report(target, document.data(to_file=True))
    except OSError as exc:
        return _fail(f"cannot write the report to {target}: {exc.strerror or exc}", 1)
    return 0


def _analyse(folder: Path, config: Config,
             executor_url: str | None = None) -> Situation | int:
    """The situation for `folder` (articles not cached parsed on the executor at `executor_url`
    when given), with a progress bar on a terminal; the exit code after printing why when the
    folder, the executor or the model fails."""
    from contextlib import ExitStack

    from .nlp.errors import PipelineError
    from .reader import ReaderError

    with ExitStack() as stack:
        opened = _open_engine(stack, config, executor_url, one_run=True)
        if isinstance(opened, int):
            return opened
        engine, bar = opened
        try:
            return engine.analyse(folder, bar)
        except (ReaderError, PipelineError) as exc:
            return _fail(str(exc))


def _open_engine(stack: ExitStack, config: Config, executor_url: str | None,
                 one_run: bool = False) -> tuple[Engine, ProgressBar | None] | int:
    """An engine parsing on the executor at `executor_url` (or its own), and a progress bar on a
    terminal, both closed when `stack` closes; the exit code after saying why an executor cannot
    be opened."""
    from .engine import Engine
    from .executors import ExecutorError, open_executor

    executor = None
    if executor_url:
        try:
            executor = stack.enter_context(open_executor(executor_url, config))
        except ExecutorError as exc:
            return _fail(str(exc))
    engine = Engine(config, executor=executor, one_run=one_run)
    stack.callback(engine.close)
    bar = progress_bar(sys.stderr)
    if bar is not None:
        stack.callback(bar.close)
    return engine, bar


def run_extract(argv: list[str]) -> int:
    """`sitrep extract`: analyse a folder and write its per-article rows (see `sitrep.extracted`).

    Rows are written as the articles are analysed, a block at a time, without merging them and
    without keeping them: memory does not grow with the archive. A file is written atomically
    (all of it, or the old file is left as it was); standard output gets the lines as they come.
    """
    parser = _extract_parser()
    args = parser.parse_args(argv)
    to_stdout = args.output in (None, "-")
    named_parquet = not to_stdout and args.output.lower().endswith(".parquet")
    fmt = args.format or ("parquet" if named_parquet else "jsonl")
    from .extracted import PARQUET_EXTRA

    if fmt == "parquet" and to_stdout:
        parser.error("--format parquet writes a file: give -o FILE or -o FOLDER")
    if args.executor and args.jobs:
        parser.error("--jobs and --executor are alternatives: the executor's workers do the parsing")
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401 - checked before the analysis, not after it
        except ImportError:
            return _fail(PARQUET_EXTRA)
    settled = _settings(args)
    if isinstance(settled, int):
        return settled
    config, folder = settled
    from .reader import ReaderError, check_folder

    try:
        check_folder(folder)  # a folder that cannot be read fails before any output is made
    except ReaderError as exc:
        return _fail(str(exc))
    if to_stdout:
        return _extract(folder, config, args.executor, fmt, None)
    target = Path(args.output)
    if _is_folder(args.output):
        target = target / f"{Path(folder).resolve().name or 'rows'}.{fmt}"
    return _extract(folder, config, args.executor, fmt, target)


def _extract(folder: Path, config: Config, executor_url: str | None, fmt: str, target: Path | None) -> int:
    """Stream the rows of `folder` into `target` (standard output when None) as `fmt`, parsing on
    the executor at `executor_url` when given; the exit code."""
    from contextlib import ExitStack

    from .extracted import JsonlWriter, ParquetWriter, line_of
    from .nlp.errors import PipelineError
    from .reader import ReaderError
    from .report.save import saving
    from .version import pipeline_version

    version = pipeline_version(config)
    with ExitStack() as stack:
        opened = _open_engine(stack, config, executor_url)
        if isinstance(opened, int):
            return opened
        engine, bar = opened
        try:
            with ExitStack() as output:
                if target is None:
                    sys.stdout.flush()
                    buffer = getattr(sys.stdout, "buffer", None)
                    output.callback(buffer.flush if buffer is not None else sys.stdout.flush)
                    writer: JsonlWriter | ParquetWriter = JsonlWriter(
                        buffer.write if buffer is not None else lambda data: sys.stdout.write(data.decode()))
                else:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    handle = output.enter_context(saving(target))
                    writer = ParquetWriter(handle) if fmt == "parquet" else JsonlWriter(handle.write)
                with writer:
                    for item in engine.stream(folder, bar):
                        writer.write(line_of(str(folder), item, version))
        except (ReaderError, PipelineError) as exc:
            return _fail(str(exc))
        except OSError as exc:  # the analysis reports unreadable articles as rows: this is the output
            return _fail(f"cannot write the rows to {target or 'standard output'}: {exc.strerror or exc}", 1)
    return 0


def run_config(argv: list[str]) -> int:
    """`sitrep config path`: print the config file sitrep reads (or would read, if created)."""
    args = _config_parser().parse_args(argv)
    path, named_by = _config_path(args)
    if named_by and path is not None and not path.is_file():
        return _fail(f"config error: {path}: no such config file (named by {named_by})")
    if path is None:
        print(clean(str(Path.cwd() / "config.toml")))
        print("sitrep: no config file yet: sitrep uses its defaults (create this file to change them)",
              file=sys.stderr)
        return 0
    print(clean(str(path.resolve())))
    return 0


def run_completion(argv: list[str]) -> int:
    """`sitrep completion SHELL`: a completion script made from the parser tree."""
    args = _completion_parser().parse_args(argv)
    import shtab

    print(shtab.complete(completion_tree(), shell=args.shell))
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
    from .engine_process import EngineProcess

    # The analysis process starts on the first report before Textual is even imported: on two
    # cores, the report is worked out while the dashboard builds its screen.
    engine = EngineProcess(config)
    engine.begin(Path(folder).expanduser().resolve())
    try:
        from .tui.themes import unknown_theme

        if args.theme and unknown_theme(args.theme):
            return _fail(f"--theme: {unknown_theme(args.theme)}")
        if config.ui.theme and unknown_theme(config.ui.theme):
            path, _named_by = _config_path(args)
            where = f"{clean(str(path))}: " if path is not None else ""
            return _fail(f"config error: {where}ui.theme: {unknown_theme(config.ui.theme)}")
        from .tui.app import make_app
        from .tui.ui_state import default_state_path

        app = make_app(folder, config, actor=args.actor, engine=engine, theme=args.theme,
                       ui_state_path=default_state_path())
        app.run()
        return int(app.return_code or 0)
    finally:
        engine.close()


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `sitrep` console script; ctrl+c exits with 130 and no traceback.

    Run as the command (no `argv`), `sitrep report` turns garbage collection off
    (`gcpolicy.one_shot`) and freezes what it leaves as it returns (`gcpolicy.before_exit`);
    called with `argv`, the caller's process is left as it was."""
    from_command_line = argv is None
    argv = list(sys.argv[1:] if argv is None else argv)
    commands = {"report": run_report, "extract": run_extract, "config": run_config,
                "completion": run_completion}
    one_shot = from_command_line and argv[:1] == ["report"]
    if one_shot:
        gcpolicy.one_shot()  # this process is the command: what it makes lives until it exits
    heard = _heard_interrupts() if from_command_line and argv[:1] in (["report"], ["extract"]) else None
    try:
        if argv and argv[0] in commands:
            code = commands[argv[0]](argv[1:])
            if heard is not None and heard():
                raise KeyboardInterrupt  # raised where Python could only print it (below)
            if one_shot:
                gcpolicy.before_exit()
            return code
        return run_dashboard(argv)
    except KeyboardInterrupt:
        print("sitrep: interrupted", file=sys.stderr)
        if from_command_line:
            _exit_interrupted()
        return 130


def _heard_interrupts() -> Callable[[], bool]:
    """Raise `KeyboardInterrupt` on ctrl+c as Python does, and remember that it came: a function
    that says whether it did.

    Python raises it in whatever code its main thread runs when the signal is handled; in a
    finalizer (`__del__`, a weakref or collector callback) or in compiled code that cannot pass an
    exception on (a Cython callback), it is printed as "Exception ignored" and the run goes on
    to exit 0, as if ctrl+c had never been pressed. Asked at the end, the command then still
    stops as interrupted. (Where SIGINT was ignored when sitrep started, as in a job a
    non-interactive shell put in the background, it stays ignored.)"""
    import signal

    heard: list[int] = []

    def interrupted(signum: int, frame: object) -> None:
        heard.append(signum)
        raise KeyboardInterrupt

    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when ignored or taken over
        signal.signal(signal.SIGINT, interrupted)
    return lambda: bool(heard)


def _exit_interrupted() -> NoReturn:
    """Leave the process now with 130 (ctrl+c), once the interrupt has been handled.

    CPython marks an interrupt as unhandled when it passes through code compiled from a string
    (`dataclasses` makes each class's `__init__` that way, so an interrupt during a lazy import
    does), even if it is caught afterwards; run as `python -m sitrep`, the interpreter then kills
    itself with SIGINT at exit instead of returning 130 (one run in a few dozen of the ctrl+c
    test). Every `finally` on the way here has already run, so nothing is left for the
    interpreter's finalization to clean up but the standard streams.
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a closed or broken pipe: nothing more to say
            stream.flush()
    os._exit(130)


if __name__ == "__main__":
    sys.exit(main())
