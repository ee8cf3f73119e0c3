"""What sitrep asks of glibc's malloc (`sitrep.heap`): a trim hands the heap's free memory back to
the system, and does nothing where there is no glibc."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sitrep import heap

ROOT = Path(__file__).resolve().parents[1]

glibc = pytest.mark.skipif(heap._libc() is None or not Path("/proc/self/statm").exists(),
                           reason="glibc on Linux only")


FREED_THEN_TRIMMED = """
import sys
sys.path.insert(0, {root!r})
from sitrep import heap
def rss_mb():
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * 4096 / 2**20
blocks = [bytearray(1024) for _ in range(60_000)]  # 60 MB from the heap (past pymalloc's 512 bytes)
last = bytearray(1024)  # in use after them: the heap cannot just shrink from its top
del blocks
before = rss_mb()
given_back = heap.trim()
print(given_back, round(before - rss_mb()))
"""


@glibc
def test_a_trim_gives_the_free_memory_inside_the_heap_back() -> None:
    done = subprocess.run([sys.executable, "-c", FREED_THEN_TRIMMED.format(root=str(ROOT))],
                          capture_output=True, text=True, check=True, timeout=60)
    given_back, released_mb = done.stdout.split()
    assert given_back == "True" and int(released_mb) >= 40


def test_without_glibc_a_trim_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(heap, "_libc", lambda: None)
    assert heap.trim() is False
