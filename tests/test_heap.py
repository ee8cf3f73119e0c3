"""What sitrep asks of glibc's malloc (`sitrep.heap`): a held mmap threshold gives large freed
blocks back to the system, and a trim hands back the heap's free memory. Each check runs in a
fresh process: the allocator's state is the whole process's and a held threshold cannot be undone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sitrep import heap

ROOT = Path(__file__).resolve().parents[1]

KEPT_AFTER_FREE = """
import sys
sys.path.insert(0, {root!r})
from sitrep import heap
if {hold}:
    assert heap.hold_mmap_threshold()
def rss_mb():
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * 4096 / 2**20
first = bytearray(16 << 20)  # mapped, then unmapped: glibc's dynamic threshold rises to its size
del first
before = rss_mb()
block = bytearray(8 << 20)  # under the risen threshold it comes from the heap, and stays there
del block
print(round(rss_mb() - before))
"""


def kept_after_free(hold: bool) -> int:
    """MB of RSS a freed 8 MB block leaves in a fresh process that first freed a 16 MB one."""
    done = subprocess.run([sys.executable, "-c", KEPT_AFTER_FREE.format(root=str(ROOT), hold=hold)],
                          capture_output=True, text=True, check=True, timeout=60)
    return int(done.stdout.strip())


glibc = pytest.mark.skipif(heap._libc() is None or not Path("/proc/self/statm").exists(),
                           reason="glibc on Linux only")


@glibc
def test_a_held_mmap_threshold_gives_a_large_freed_block_back() -> None:
    assert kept_after_free(hold=False) >= 7  # the dynamic threshold: the block stays in the process
    assert kept_after_free(hold=True) <= 1


@glibc
def test_a_trim_is_asked_of_glibc() -> None:
    assert isinstance(heap.trim(), bool)


def test_without_glibc_both_calls_do_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(heap, "_libc", lambda: None)
    assert heap.hold_mmap_threshold() is False
    assert heap.trim() is False
