"""Executors other than the engine's own process pool: `--executor dask://HOST:PORT`.

The engine accepts any `concurrent.futures.Executor` and sends it chunks of articles (see
`sitrep.engine`). This module names the ones the command line can open and how wide an executor
is. Dask is an optional extra (`pip install 'sitrep[dask]'`): nothing here imports it until an
executor URL asks for it, and `sitrep.dask_workers` holds everything that does.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from .config import Config

DASK_EXTRA = "--executor dask://... needs Dask distributed: pip install 'sitrep[dask]'"
CONNECT_TIMEOUT = 10.0
"""Seconds to wait for a Dask scheduler before giving up."""


class ExecutorError(Exception):
    """An executor URL that cannot be used: a bad URL, a missing extra, an unreachable cluster."""


def dask_address(url: str) -> str:
    """The scheduler address (`tcp://HOST:PORT`) that `dask://HOST:PORT` names.

    Raises `ExecutorError` for any other form (another scheme, no port, a path).
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise ExecutorError(f"not an executor URL: {url!r} ({exc})") from None
    if parts.scheme != "dask":
        raise ExecutorError(f"unknown executor {url!r}: expected dask://HOST:PORT")
    if not parts.hostname or port is None or parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ExecutorError(f"expected dask://HOST:PORT, got {url!r}")
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"tcp://{host}:{port}"


@contextmanager
def open_executor(url: str, config: Config) -> Iterator[Executor]:
    """An executor for `url` (`dask://HOST:PORT`) whose workers each load the pipeline for
    `config` once; the connection is closed on leaving (the cluster keeps running).

    Raises `ExecutorError` when the URL is bad, Dask is not installed or the scheduler cannot be
    reached.
    """
    address = dask_address(url)
    try:
        from . import dask_workers
    except ImportError:
        raise ExecutorError(DASK_EXTRA) from None
    try:
        client = dask_workers.connect(address, config, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise ExecutorError(f"cannot reach the Dask scheduler at {url}: {exc}") from None
    try:
        yield client.get_executor(pure=False)
    finally:
        client.close()


def executor_width(executor: Executor, default: int) -> int:
    """How many tasks `executor` runs at once (the engine keeps about three per slot in flight):
    the workers of a standard-library pool, the threads of a Dask cluster, else `default`."""
    client = getattr(executor, "_client", None)  # distributed's ClientExecutor
    if client is not None and callable(getattr(client, "nthreads", None)):
        threads = sum(client.nthreads().values())
        return max(1, threads)
    workers = getattr(executor, "_max_workers", None)  # ProcessPoolExecutor, ThreadPoolExecutor
    return workers if isinstance(workers, int) and workers > 0 else max(1, default)
