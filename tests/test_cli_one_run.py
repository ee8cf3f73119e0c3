"""`sitrep report` analyses with an engine that serves one run (`Engine.one_run`: the model released
before the merge), and, run as the command, holds glibc's mmap threshold (`sitrep.heap`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sitrep.cli import main
from sitrep.reader import ReaderError

ROOT = Path(__file__).resolve().parents[1]


def test_sitrep_report_analyses_with_an_engine_that_serves_one_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sitrep.engine

    seen: list[bool] = []

    def analyse(self: sitrep.engine.Engine, *args: Any, **kwargs: Any) -> Any:
        seen.append(self.one_run)
        raise ReaderError("stopped here")

    monkeypatch.setattr(sitrep.engine.Engine, "analyse", analyse)
    (tmp_path / "config.toml").write_text('[cache]\nenabled = false\n', encoding="utf-8")
    code = main(["report", str(tmp_path), "--config", str(tmp_path / "config.toml")])
    assert (code, seen) == (2, [True])


HELD = """
import sys
sys.path.insert(0, {root!r})
from sitrep import heap
held = []
heap.hold_mmap_threshold = lambda: held.append(True) or True
from sitrep.cli import main
sys.argv = ["sitrep", *{argv!r}]
main({call})
print(len(held))
"""


@pytest.mark.parametrize(("argv", "as_command", "held"), [
    (["report", "/nonexistent-folder"], True, 1),
    (["report", "/nonexistent-folder"], False, 0),
    (["config", "path"], True, 0),
])
def test_only_the_report_command_holds_the_mmap_threshold(argv: list[str], as_command: bool,
                                                          held: int) -> None:
    """Run as the command only (`main()`): a caller of `main(argv)` keeps its process as it was."""
    script = HELD.format(root=str(ROOT), argv=argv, call="" if as_command else repr(argv))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == str(held), done.stderr
