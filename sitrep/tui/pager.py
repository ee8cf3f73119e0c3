"""Opening an article in the user's pager (`o`): which command, which file, and running it.

The app suspends itself around `run_pager` (`App.suspend`), so the pager gets the terminal. A
file is opened only if it lies inside the watched folder: the paths come from the report, and
the report's paths come from the folder.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Mapping
from pathlib import Path

DEFAULT_PAGER = "less"
"""The pager when `$PAGER` is unset or blank."""


def pager_command(environ: Mapping[str, str] = os.environ) -> list[str]:
    """`$PAGER` split as a shell would ("less -R" -> ["less", "-R"]), else `DEFAULT_PAGER`."""
    try:
        words = shlex.split(environ.get("PAGER", ""))
    except ValueError:  # an unbalanced quote: take it as one program name
        words = [environ.get("PAGER", "").strip()]
    return words if words and words[0] else [DEFAULT_PAGER]


def article_path(folder: Path, file: str) -> Path | None:
    """The file `file` (as the report names it, relative to `folder`) if it is still there and
    inside `folder`, else None."""
    path = (folder / file).resolve()
    try:
        path.relative_to(folder.resolve())
    except ValueError:
        return None
    return path if path.is_file() else None


def run_pager(command: list[str]) -> int:
    """Run the pager in the foreground; its exit code (raises `OSError` if it cannot start)."""
    return subprocess.run(command, check=False).returncode
