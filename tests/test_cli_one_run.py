"""`sitrep report` analyses with an engine that serves one run (`Engine.one_run`: the model released
before the merge)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sitrep.cli import main
from sitrep.reader import ReaderError


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
