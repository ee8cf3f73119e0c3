"""Walking an articles folder: one answer to "which files are articles", for the reader, the
engine and the watcher, at any depth.

`test_reader.py` covers which names are skipped; these tests cover that the watcher agrees with
the reader, and that a folder nested deeper than Python's recursion limit is walked, not crashed on.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep import watch
from sitrep.config import Config
from sitrep.engine import Engine
from sitrep.reader import list_article_files, scan

GOOD = "Soldiers Detained In Bamako\n\nGeneral Abass Dembele was detained in Bamako on Monday.\n"
DEPTH = 1_100
"""Deeper than Python's default recursion limit (1,000), well within PATH_MAX."""


def remove_deep(top: Path) -> None:
    """Delete a deeply nested tree bottom-up (`shutil.rmtree` recurses, like `os.walk`)."""
    chain = [top]
    while (chain[-1] / "d").is_dir():
        chain.append(chain[-1] / "d")
    for folder in reversed(chain):
        for entry in os.scandir(folder):
            if not entry.is_dir(follow_symlinks=False):
                os.unlink(entry.path)
        os.rmdir(folder)


@pytest.fixture
def deep_folder(tmp_path: Path) -> Iterator[Path]:
    """`good.txt` at the top and `deep.txt` 1,100 folders down (`d/d/.../d/deep.txt`)."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    bottom = folder
    for _ in range(DEPTH):
        bottom = bottom / "d"
        bottom.mkdir()
    (bottom / "deep.txt").write_text(GOOD, encoding="utf-8")
    yield folder
    remove_deep(folder / "d")


DEEP = "/".join(["d"] * DEPTH) + "/deep.txt"


def test_the_reader_lists_a_folder_nested_deeper_than_the_recursion_limit(deep_folder: Path) -> None:
    listed = [p.relative_to(deep_folder).as_posix() for p in list_article_files(deep_folder)]
    assert listed == [DEEP, "good.txt"]


def test_the_watcher_lists_a_folder_nested_deeper_than_the_recursion_limit(deep_folder: Path) -> None:
    assert sorted(watch.list_articles(deep_folder)) == [DEEP, "good.txt"]


def test_a_scan_reads_the_article_at_the_bottom_of_a_deep_folder(deep_folder: Path) -> None:
    result = scan(deep_folder)
    assert [a.path for a in result.articles] == [DEEP, "good.txt"] and result.bad_files == []


def test_the_engine_lists_a_deep_folder(deep_folder: Path) -> None:
    config = Config()
    config.cache.enabled = False
    engine = Engine(config)
    try:
        articles, bad = engine.read(deep_folder)
    finally:
        engine.close()
    assert [a.path for a in articles] == [DEEP, "good.txt"] and bad == []


@pytest.mark.parametrize("name", ["draft.tmp.txt", "notes.bak.md", "x.part.txt", "a.txt~", ".hidden.txt",
                                  "#a.txt#", ".md", "notes.docx"])
def test_the_watcher_ignores_what_the_reader_ignores(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(GOOD, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    assert list(watch.list_articles(tmp_path)) == ["good.txt"]
    assert list_article_files(tmp_path) == [tmp_path / "good.txt"]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_the_watcher_lists_the_files_the_reader_lists(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.md", "a/b/c.txt", "A.TXT", "folder.txt/inner.txt", ".git/x.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "a" / "up").symlink_to(tmp_path, target_is_directory=True)
    reader_listing = [p.relative_to(tmp_path).as_posix() for p in list_article_files(tmp_path)]
    assert sorted(watch.list_articles(tmp_path)) == reader_listing
    assert reader_listing == ["A.TXT", "a/b/c.txt", "a/z.md", "b.txt", "broken.txt", "folder.txt/inner.txt"]
