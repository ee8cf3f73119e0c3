"""An `Engine` in a process of its own: the dashboard's analysis never competes for its GIL.

The dashboard must answer a keypress while the folder churns. An engine in its process, even one
that parses in a worker, still hashes the files, decodes cache rows and merges in a thread that
takes the interpreter from the event loop for most of each reload. `EngineProcess` runs the whole
`Engine` in a child process instead; the dashboard's thread only waits on a pipe and rebuilds
the `Situation` (and the partial ones) it is sent, a slice at a time (`sitrep.transfer`), so
that the event loop gets the interpreter between two slices.

The protocol over one duplex pipe, a tuple per message:
- parent -> child: `("analyse", folder, listening, touched, previous)` (`touched`: the paths the
  watcher saw touched, as a tuple, or None; `previous`: whether the child tells the folder's
  last stored report when the folder changed since; see `Engine.analyse`), `("peeking",)` and
  `("resend",)` (below), `("cancel",)`, `("close",)`;
- child -> parent: `("progress", Progress, SlicedReport | None)` while a run goes on (only when
  listening; a partial report travels sliced beside its `Progress`),
  `("log", level, logger name, text)`, then one of `("done", SlicedReport, done, total, Stats)`
  (the engine's last progress, stage "done", is made here from it: its report is sent once),
  `("stored", digest, done, total, Stats)` (below), `("cancelled", Stats)` or
  `("error", exception, Stats)`.

The folder's stored report, peeked at. The first run (`begin`) is usually the folder's stored
report (`sitrep.snapshot`). Over 1,000 articles the child has it before the dashboard has built
its screen, even on an idle machine; over a large folder (hashing 10,000 files, decoding a
report of 20 MB) it can come seconds after. So when `analyse` takes the begun run over and the
child has not answered yet (every message it sent read, none its answer), the dashboard tells
it `("peeking",)` and reads the folder's stored report itself, from the cache file opened
read-only (`_read_stored`), and tells it as `Progress("previous")`: the folder's last report,
which the run may yet replace, exactly as when the folder changed since. A child told so before
it answers does not send that report again: a stored report it serves is named by the digest
of its stored form (`("stored", digest, ...)`), and its own "previous" progress travels without
its report. Equal digests make the copy read here the current report; different ones (or no
copy) make the dashboard ask for the report (`("resend",)`, answered by `"done"`). A child that
answered first sends its report as always: reading and decoding it here costs more CPU than
taking it from the pipe (about 0.1 s against 0.03 s at 1,000 articles).

The run `begin` asks for does not look for the folder's previous report at all when the
dashboard reads reports itself (`previous` false). When the folder changed, reading, decoding
and sending that report in the child came before the merge, and put the current report 40-90
ms later over 1,000 articles; the dashboard reads it itself when it catches up with the child.

A progress callback that raises (the dashboard abandoning a superseded run) sends `cancel`; the
child ends its run at its next progress call, and the exception is raised in the caller once the
child has answered, so the next run never reads the last one's messages. A child that dies is
reported as `EngineProcessError`, and the next `analyse` starts a new one (its results come from
the SQLite cache). The child's standard streams go to /dev/null: the terminal is the dashboard's.
Its log records and warnings come back over the pipe and are logged here.

After each run (once its report is sent) the child collects and freezes its heap
(`gcpolicy.settle`), so no later collection rescans the results it keeps; no collection starts
by itself there (`gcpolicy.collect_only_when_settling`).

When a run showed the folder's stored report (`Engine.served_stored`: nothing was decoded or
merged), the child primes its engine (`Engine.prime`) once the dashboard has had `PRIME_DELAY`
to draw it, so that the first reload is as incremental as the later ones; a request that arrives
meanwhile stops the priming at its next progress call and is served at once.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import os
import pickle
import threading
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import gcpolicy
from .config import Config
from .model import Situation
from .progress import Progress
from .transfer import SlicedReport, join_report, slice_report

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from .progress import ProgressCallback

log = logging.getLogger(__name__)

CLOSE_TIMEOUT = 5.0
"""Seconds `close` waits for the child to finish before stopping it."""


class EngineProcessError(RuntimeError):
    """The analysis process could not start or stopped in the middle of a run."""


@dataclass(frozen=True)
class Peeked:
    """A folder's stored report as read from the cache file, and the digest of its stored form."""

    digest: str
    situation: Situation


@dataclass(frozen=True)
class Stats:
    """What the child's engine knows after a run, mirrored on `EngineProcess`."""

    model_loaded: bool = False
    parsed_last_run: int = 0
    timings: dict[str, float] = field(default_factory=dict)


class EngineProcess:
    """`Engine.analyse` run in a child process (spawned on first use; one run at a time)."""

    accepts_touched = True
    """`analyse` takes the paths the watcher saw touched (see `Engine.analyse`)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._stats = Stats()
        self._closed = False
        self._begun: str | None = None
        """The folder of a run `begin` asked for whose messages nobody has read yet."""
        self._lock = threading.Lock()

    @property
    def model_loaded(self) -> bool:
        """Whether the child has loaded spaCy (never this process: it is not imported here)."""
        return self._stats.model_loaded

    @property
    def parsed_last_run(self) -> int:
        """How many articles the last run had to parse."""
        return self._stats.parsed_last_run

    @property
    def timings(self) -> dict[str, float]:
        """Seconds the last run spent reading, looking up, parsing and merging (in the child)."""
        return dict(self._stats.timings)

    @property
    def pid(self) -> int | None:
        """The child's process id, once started."""
        return self._process.pid if self._process is not None else None

    @property
    def _peeks(self) -> bool:
        """Whether the dashboard reads the folder's stored report itself while the begun run goes
        on (see the module docstring): only from a cache that keeps reports."""
        return self.config.cache.enabled and self.config.cache.keep_reports

    def begin(self, folder: Path) -> None:
        """Start analysing `folder` now; the next `analyse(folder, progress)` takes this run over
        (with its progress from the start). The dashboard calls this before it builds its screen,
        so the first report is worked out meanwhile, on another core (and its stored report may be
        read here meanwhile: see the module docstring)."""
        with self._lock:
            conn = self._ensure_child()
            self._drop_begun(conn)
            try:
                conn.send(("analyse", str(folder), True, None, not self._peeks))
            except OSError:
                return  # the run that follows finds the child gone and says so
            self._begun = str(folder)

    def _drop_begun(self, conn: Connection) -> None:
        """Cancel a begun run nobody took over, and read its messages to the end."""
        if self._begun is None:
            return
        self._begun = None
        try:
            conn.send(("cancel",))
            while (message := conn.recv())[0] in ("progress", "log"):
                if message[0] == "log":
                    _relog(message)
        except (EOFError, OSError, pickle.UnpicklingError):
            self._stop_child()

    def _ensure_child(self) -> Connection:
        if self._closed:
            raise EngineProcessError("the analysis process was closed")
        if self._process is not None and self._conn is not None and self._process.is_alive():
            return self._conn
        self._stop_child()
        self._begun = None
        import multiprocessing

        # Spawned, not forked: the dashboard has threads, and a forked copy of their locks can deadlock.
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe(duplex=True)
        process = context.Process(target=serve, args=(theirs, self.config), name="sitrep-engine")
        try:
            process.start()
        except OSError as exc:
            ours.close()
            theirs.close()
            raise EngineProcessError(f"could not start the analysis process: {exc}") from exc
        theirs.close()
        self._process, self._conn = process, ours
        # Registered after multiprocessing's own exit hook, so it runs before it: that hook joins
        # every child still alive, and ours waits for a request that would never come.
        atexit.unregister(self.close)
        atexit.register(self.close)
        return ours

    def analyse(self, folder: Path, progress: ProgressCallback | None = None, *,
                touched: Collection[str] | None = None) -> Situation:
        """The situation for `folder`, as `Engine.analyse` gives it (`touched` too), computed in
        the child.

        Whatever `progress` raises is raised here once the child has stopped the run.
        """
        with self._lock:
            conn = self._ensure_child()
            peek = False
            if self._begun is not None and self._begun == str(folder) and progress is not None:
                self._begun = None  # that run is this one (it lists the folder whole)
                peek = self._peeks
            else:
                self._drop_begun(conn)
                conn = self._ensure_child()
                try:
                    conn.send(("analyse", str(folder), progress is not None,
                               tuple(touched) if touched is not None else None, progress is not None))
                except OSError as exc:
                    raise self._died(f"could not be reached ({exc})") from exc
            abandoned: BaseException | None = None
            peeked: Peeked | None = None
            message: tuple[Any, ...]  # the child's messages (see the module docstring), or a report read here
            while True:
                try:
                    if peek and not conn.poll():  # every message read, and the child still at work
                        peek = False
                        conn.send(("peeking",))
                        peeked = _read_stored(self.config.cache_path, os.path.abspath(folder))
                        if peeked is None:
                            continue
                        message = ("progress", Progress("previous", 0, 0), _Whole(peeked.situation))
                    else:  # a report comes as slices of bytes: rebuilt below, piece by piece
                        message = conn.recv()
                except (EOFError, OSError, pickle.UnpicklingError) as exc:
                    raise self._died("stopped in the middle of a run") from exc
                kind = message[0]
                if kind == "progress":
                    if message[2] is not None and not isinstance(message[2], _Whole):
                        peek = False  # the child sends the folder's reports itself
                    if abandoned is None and progress is not None:
                        try:
                            progress(_progress(message[1], message[2]))
                        except BaseException as exc:  # noqa: BLE001 - raised again once the child has stopped
                            abandoned = exc
                            conn.send(("cancel",))
                elif kind == "log":
                    _relog(message)
                else:
                    self._stats = message[-1]
                    if abandoned is not None:
                        raise abandoned
                    if kind == "stored":
                        if peeked is None or peeked.digest != message[1]:
                            peek = False  # too late to read it here: the child sends it
                            conn.send(("resend",))
                            continue
                        if message[2] is not None and progress is not None:
                            progress(Progress("done", message[2], message[3], peeked.situation))
                        return peeked.situation
                    if kind == "done":
                        situation = join_report(message[1])
                        if message[2] is not None and progress is not None:
                            progress(Progress("done", message[2], message[3], situation))
                        return situation
                    if kind == "error":
                        raise message[1]
                    raise EngineProcessError("the analysis process stopped a run nobody cancelled")

    def _died(self, what: str) -> EngineProcessError:
        """The error for a child that is gone; the next run starts a new one."""
        process = self._process
        if process is not None:
            process.join(timeout=1.0)
        code = process.exitcode if process is not None else None
        how = f" (killed by signal {-code})" if code is not None and code < 0 else (
            f" (exit code {code})" if code else "")
        self._stop_child()
        return EngineProcessError(f"the analysis process {what}{how}; the next run starts a new one")

    def close(self) -> None:
        """Ask the child to close its engine and end, and wait a little for it; stop it otherwise."""
        self._closed = True
        conn = self._conn
        if conn is not None:
            try:
                conn.send(("close",))
            except OSError:
                pass
        process = self._process
        if process is not None:
            process.join(timeout=CLOSE_TIMEOUT)
        self._stop_child()
        atexit.unregister(self.close)

    def _stop_child(self) -> None:
        """Stop the child if it still runs and drop the pipe."""
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if process is not None and process.is_alive():
            process.terminate()
            process.join(timeout=CLOSE_TIMEOUT)
            if process.is_alive():
                process.kill()
                process.join()
        if conn is not None:
            conn.close()


def _relog(message: tuple[Any, ...]) -> None:
    """Log here a `("log", level, logger name, text)` record the child sent."""
    _, level, name, text = message
    logging.getLogger(name).log(level, "%s", text)


# ---------------------------------------------------------------------------------------- child side


class _Cancelled(Exception):
    """Raised in the child's progress callback when the parent cancels (or closes) mid-run."""

    def __init__(self, closing: bool) -> None:
        super().__init__("closing" if closing else "cancelled")
        self.closing = closing


class _PipeLogHandler(logging.Handler):
    """Sends the child's log records to the parent, which logs them (the child has no terminal)."""

    def __init__(self, send: Any) -> None:
        super().__init__()
        self.send = send

    def emit(self, record: logging.LogRecord) -> None:
        """The record as `("log", level, name, text)`, traceback included."""
        try:
            self.send(("log", record.levelno, record.name, self.format(record)))
        except Exception:  # noqa: BLE001 - a log line must never end a run
            self.handleError(record)


def serve(conn: Connection, config: Config) -> None:
    """The child's loop: run `Engine.analyse` for each request until `close` or the pipe ends."""
    _quiet_streams()
    gcpolicy.collect_only_when_settling()  # `settle` collects after each run
    sending = threading.Lock()

    def send(message: tuple[Any, ...]) -> None:
        with sending:
            conn.send(message)

    handler = _PipeLogHandler(send)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)
    logging.captureWarnings(True)
    from .engine import Engine

    engine = Engine(config)
    named: tuple[Situation, int | None, int | None] | None = None
    """The report, done and total of the last run whose stored report was only named (see `_run`)."""
    folder: Path | None = None
    try:
        while True:
            try:
                request = conn.recv()
            except (EOFError, OSError):
                return
            if request[0] == "close":
                return
            if request[0] == "analyse":
                folder = Path(request[1])
                closing, named = _run(engine, conn, send, folder, bool(request[2]), request[3],
                                      bool(request[4]))
                if closing:
                    return
            elif request[0] == "resend" and named is not None:
                situation, done, total = named  # the parent's copy was not this report: send it
                send(("done", slice_report(situation), done, total, _stats(engine)))
            # else: a cancel, or a peeking notice, that came after its run had finished
            if engine.served_stored and folder is not None and not conn.poll(PRIME_DELAY):
                named = None
                _prime(engine, conn, folder)
            gcpolicy.settle()  # the report is sent: nothing waits on this
    finally:
        engine.close()


def _run(engine: Any, conn: Connection, send: Any, folder: Path, listening: bool,
         touched: tuple[str, ...] | None,
         previous: bool) -> tuple[bool, tuple[Situation, int | None, int | None] | None]:
    """One run, its outcome sent to the parent (`previous`: see the module docstring's protocol):
    whether the parent asked to close meanwhile, and, when the parent was peeking (see the module
    docstring) and the run showed the folder's stored report, that report with its done and total
    (sent if the parent asks for it)."""
    finished: list[Progress] = []
    peeking = False

    def heard() -> None:
        """Read what the parent sent meanwhile: a cancel or close ends the run."""
        nonlocal peeking
        while conn.poll():
            kind = conn.recv()[0]
            if kind in ("cancel", "close"):
                raise _Cancelled(closing=kind == "close")
            peeking = peeking or kind == "peeking"

    def progress(p: Progress) -> None:
        heard()
        if p.stage == "done":
            finished.append(p)  # its report goes once, in the "done" message, not pickled twice
        elif p.stage == "previous" and peeking:
            send(("progress", replace(p, situation=None), None))  # the parent has read it itself
        else:
            send(("progress", replace(p, situation=None),
                  slice_report(p.situation) if p.situation is not None else None))

    try:
        situation = engine.analyse(folder, progress if listening else None, touched=touched,
                                   previous=listening and previous)
    except _Cancelled as stop:
        send(("cancelled", _stats(engine)))
        return stop.closing, None
    except Exception as exc:  # noqa: BLE001 - every failure goes to the parent, which reports it
        logging.getLogger("sitrep.engine").debug("analysis of %s failed", folder, exc_info=True)
        send(("error", _portable(exc), _stats(engine)))
        return False, None
    last = finished[-1] if finished else None
    done, total = (last.done, last.total) if last else (None, None)
    try:
        heard()
    except _Cancelled as stop:  # too late to cancel: the run is over, and its answer goes
        if stop.closing:
            send(("done", slice_report(situation), done, total, _stats(engine)))
            return True, None
    if peeking and engine.served_stored:
        send(("stored", engine.stored_digest, done, total, _stats(engine)))
        return False, (situation, done, total)
    send(("done", slice_report(situation), done, total, _stats(engine)))
    return False, None


PRIME_DELAY = 1.0
"""Seconds the child waits after showing a stored report before priming: the dashboard draws the
report meanwhile, and priming would compete with it for a core."""


class _Preempted(Exception):
    """Raised in the priming's progress callback when a request is waiting."""


def _prime(engine: Any, conn: Connection, folder: Path) -> None:
    """Prime the engine after a stored report (see the module docstring), unless a request comes."""
    def progress(_p: Progress) -> None:
        if conn.poll():
            raise _Preempted  # the request stays in the pipe for the loop

    try:
        engine.prime(folder, progress)
    except _Preempted:
        pass
    except Exception:  # noqa: BLE001 - the next run meets the same problem and reports it
        logging.getLogger("sitrep.engine").debug("priming %s failed", folder, exc_info=True)


def _read_stored(cache_path: Path, folder: str) -> Peeked | None:
    """The stored report of the absolute path `folder` in the cache at `cache_path`, and the digest
    of its stored form; None when there is none, or no cache of sitrep's, or it cannot be read
    (`cache.peek_last_report`: the file is never created, changed or converted)."""
    from .cache import peek_last_report
    from .snapshot import decode_report

    data = peek_last_report(cache_path, folder)
    if data is None:
        return None
    try:
        return Peeked(hashlib.sha256(data).hexdigest(), decode_report(data))
    except ValueError:
        return None


@dataclass(frozen=True)
class _Whole:
    """A report read here, in the place of a progress message's sliced one."""

    situation: Situation


def _progress(progress: Progress, sliced: SlicedReport | _Whole | None) -> Progress:
    """A progress message as sent (its partial report, if any, beside it) made whole again."""
    if isinstance(sliced, _Whole):
        return replace(progress, situation=sliced.situation)
    return replace(progress, situation=join_report(sliced)) if sliced is not None else progress


def _stats(engine: Any) -> Stats:
    return Stats(engine.model_loaded, engine.parsed_last_run, dict(engine.timings))


def _portable(exc: Exception) -> Exception:
    """`exc` if it survives pickling both ways, else an `EngineProcessError` with its type and text."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001 - any exception type may refuse to be rebuilt
        return EngineProcessError(f"{type(exc).__name__}: {exc}")


def _quiet_streams() -> None:
    """Point the child's standard streams at /dev/null: the terminal belongs to the dashboard."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        try:
            os.dup2(devnull, fd)
        except OSError:
            pass
    os.close(devnull)
