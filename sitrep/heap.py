"""What sitrep asks of the C allocator (glibc's malloc): `trim`, once the one-shot `sitrep report`
has dropped the spaCy pipeline after its parse (`gcpolicy.release`), and after each chunk it
parses (`engine._Run._pack`).

glibc keeps what a process frees in its heap for later allocations; `malloc_trim(0)` hands the
free pages back to the system. After a cold parse of 2,000 articles, dropping the pipeline and
collecting, then trimming, took the process from 382 to 151 MB of RSS; the rows decoded next
reuse what is left free (2,000 of them grew it by 7 MB).

Trimmed after each chunk of the parse, the free pages between the model's per-batch arrays go
back too: at 2,000 articles the RSS between chunks went from about 375 to 233 MB and the peak
from 375 to 371 MB, at 10,000 the peak from 418 to 403 MB (222 MB between chunks; each time with
the docs' tensors dropped as well, `engine.parse_batch`). What is left of the peak is one
chunk's own working set (the model's per-batch arrays), which trimming does not touch. The
next chunk faults its pages in again once, not on every allocation as with the mmap threshold
below: at 1,000 articles 224-256 thousand page faults against 208-211 thousand untrimmed, and
the system CPU time within 0.4 s.

Not done, measured: holding glibc's mmap threshold at 128 KiB (`mallopt(M_MMAP_THRESHOLD)`, which
turns its dynamic threshold off) made spaCy's per-batch arrays go back to the system when freed
instead of leaving holes in the heap: the parse's peak at 2,000 articles went from 382 to 359 MB,
but the CPU from 123.5 to 146.6 s (5.7 million page faults instead of 0.12 million; transparent
huge pages for malloc, `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`, did not help).

Elsewhere than glibc (macOS, musl) `trim` does nothing.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ctypes


@cache
def _libc() -> ctypes.CDLL | None:
    """The C library, if it is glibc (the only one with `malloc_trim`); `ctypes` is imported here,
    on first use: most runs never trim, and it costs the analysis process's start 7 ms."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    if libc is None or not hasattr(libc, "gnu_get_libc_version"):
        return None
    return libc


def trim() -> bool:
    """Give the free memory of glibc's heap back to the system (`malloc_trim(0)`); whether any
    was given back (False where there is no glibc)."""
    libc = _libc()
    malloc_trim = getattr(libc, "malloc_trim", None) if libc is not None else None
    return bool(malloc_trim(0)) if malloc_trim is not None else False
