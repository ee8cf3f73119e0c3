"""Each file is read once: the engine hashes every file to look it up, and a file it must parse is
cleaned from those same bytes, not opened again (issue #13, one files module)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import sitrep.engine
import sitrep.reader.article
from sitrep.config import Config
from sitrep.engine import Engine

ARTICLES = {
    "a.txt": "Title: Soldiers arrested\n\nGeneral Abass Dembele was arrested in Bamako on Sunday, AFP "
             "said.\n",
    "b.txt": "Title: Junta denies arrest\n\nA source close to Dembele denied his arrest on Monday.\n",
}


def test_a_cold_run_opens_each_article_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    opened: Counter[str] = Counter()
    real = sitrep.engine.read_bytes

    def counting(path: Path, *args: object, **kwargs: object) -> tuple[bytes, float]:
        opened[Path(path).name] += 1
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sitrep.engine, "read_bytes", counting)
    monkeypatch.setattr(sitrep.reader.article, "read_bytes", counting)
    config = Config()
    config.cache.enabled = False
    situation = Engine(config).analyse(tmp_path)
    assert sorted(a.path for a in situation.articles) == ["a.txt", "b.txt"]
    assert opened == {"a.txt": 1, "b.txt": 1}
