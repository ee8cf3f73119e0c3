"""How far an analysis has got: what the engine tells whoever listens (the dashboard, the CLI's bar).

Its own module, beside the engine, so that a process which only receives progress (the
dashboard's, from `engine_process`) unpickles it without importing the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .model import Situation

Stage = Literal["reading", "previous", "cached", "loading model", "analysing", "done"]
""""previous": the folder's last stored report, made before the folder changed, shown while the
run works out the current one (`Engine.analyse(previous=True)`); never the state now."""


@dataclass(frozen=True)
class Progress:
    """How far an analysis has got; `situation` is a partial report when one is ready."""

    stage: Stage
    done: int
    total: int
    situation: Situation | None = None


ProgressCallback = Callable[[Progress], None]
