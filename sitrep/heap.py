"""What sitrep asks of the C allocator (glibc's malloc) in the one-shot `sitrep report` command.

spaCy's parse allocates large arrays for each batch (about 120 MB for 32 articles: the parser's
precomputed features, the tok2vec output) and frees them when the batch is done. glibc serves
blocks that large with `mmap` and unmaps them when freed, but after the first such free it raises
its mmap threshold to that block's size (its "dynamic threshold"), and from then on serves them
from the heap, where freed memory stays in the process, interleaved with what lives on. A cold
run of 1,000 articles in one process grew from 209 to 357 MB of RSS by its 544th article that
way; with the threshold held at 128 KiB (glibc's own default), 217 MB, its peak 340 MB instead of
375 MB (`bench/cold_memory.py`).

Elsewhere than glibc (macOS, musl) these do nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Callable
from functools import cache

M_MMAP_THRESHOLD = -3
"""glibc's `mallopt` parameter (malloc.h)."""
MMAP_THRESHOLD = 128 * 1024
"""Blocks at least this large are mapped, and unmapped when freed (glibc's starting value)."""


@cache
def _libc() -> ctypes.CDLL | None:
    """The C library, if it is glibc (the only one whose malloc these calls tune)."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    if libc is None or not hasattr(libc, "gnu_get_libc_version"):
        return None
    return libc


def _call(function: str) -> Callable[..., int] | None:
    libc = _libc()
    return getattr(libc, function, None) if libc is not None else None


def hold_mmap_threshold() -> bool:
    """Keep glibc's mmap threshold at `MMAP_THRESHOLD` for the rest of the process (setting it
    turns the dynamic threshold off), so large blocks go back to the system when freed; whether
    the allocator took it."""
    mallopt = _call("mallopt")
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) if mallopt is not None else False


def trim() -> bool:
    """Give the free memory of glibc's heap back to the system (`malloc_trim(0)`); whether any
    was given back."""
    malloc_trim = _call("malloc_trim")
    return bool(malloc_trim(0)) if malloc_trim is not None else False
