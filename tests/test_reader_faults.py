"""Faults in a folder of articles: every bad file is listed with a reason and the rest is still read.

`test_reader.py` covers the reasons `read_article` gives for one file; these tests cover what a
whole scan (and the engine) does when good and bad files sit side by side, including files that
change between being listed and being read.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sitrep import reader
from sitrep.config import Config, parse_config
from sitrep.engine import Engine
from sitrep.reader import BadFileError, read_article, scan

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "mali_2025_coup_plot_soldiers_arrested.txt"
GOOD = "Soldiers Detained In Bamako\n\nGeneral Abass Dembele was detained in Bamako on Monday.\n"

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX files")


def good_folder(tmp_path: Path) -> Path:
    """A folder holding one good article, `good.txt`."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


def unreadable(path: Path) -> None:
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)


def fifo(path: Path) -> None:
    os.mkfifo(path)


# (case id, how to make `x.txt`, words the reason must contain)
FAULTS: list[tuple[str, Callable[[Path], object], str]] = [
    ("empty", lambda p: p.write_bytes(b""), "empty file"),
    ("binary", lambda p: p.write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4), "binary file"),
    ("no encoding fits", lambda p: p.write_bytes(bytes(range(0x80, 0x100)) * 3), "no other encoding fits"),
    ("symlink loop", lambda p: p.symlink_to(p), "symlink loop"),
    ("broken symlink", lambda p: p.symlink_to(p.parent / "missing.txt"), "broken symlink"),
    ("named pipe", fifo, "not a regular file (a named pipe)"),
]


@posix_only
@pytest.mark.parametrize(("make", "words"), [f[1:] for f in FAULTS], ids=[f[0] for f in FAULTS])
def test_a_bad_file_is_listed_with_its_reason_and_the_good_one_is_still_read(
    tmp_path: Path, make: Callable[[Path], object], words: str
) -> None:
    folder = good_folder(tmp_path)
    make(folder / "x.txt")
    result = scan(folder)
    assert [a.path for a in result.articles] == ["good.txt"]
    assert [b.path for b in result.bad_files] == ["x.txt"]
    assert words in result.bad_files[0].reason and "\n" not in result.bad_files[0].reason


@posix_only
def test_an_unreadable_file_is_listed_and_the_rest_is_read(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read a mode-000 file")
    folder = good_folder(tmp_path)
    unreadable(folder / "x.txt")
    try:
        result = scan(folder)
    finally:
        (folder / "x.txt").chmod(0o644)
    assert [a.path for a in result.articles] == ["good.txt"]
    assert [(b.path, b.reason) for b in result.bad_files] == [("x.txt", "unreadable: permission denied")]


def test_a_directory_named_like_an_article_is_neither_an_article_nor_a_bad_file(tmp_path: Path) -> None:
    folder = good_folder(tmp_path)
    (folder / "x.txt").mkdir()
    result = scan(folder)
    assert ([a.path for a in result.articles], result.bad_files) == (["good.txt"], [])


def test_a_directory_passed_as_an_article_is_not_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "x.txt").mkdir()
    with pytest.raises(BadFileError, match=r"not a regular file \(a directory\)"):
        read_article(tmp_path / "x.txt", tmp_path)


def test_a_utf16_file_with_a_bom_is_read_as_an_article_beside_the_others(tmp_path: Path) -> None:
    folder = good_folder(tmp_path)
    text = "Coup À Bamako\n\nGeneral Asimi Goïta spoke on Monday.\n"
    (folder / "x.txt").write_bytes(text.encode("utf-16"))
    result = scan(folder)
    assert [a.path for a in result.articles] == ["good.txt", "x.txt"] and result.bad_files == []
    assert result.articles[1].paragraphs == ["General Asimi Goïta spoke on Monday."]


# --- files that change between listing and reading -------------------------------------------


def open_hook(monkeypatch: pytest.MonkeyPatch, name: str, action: Callable[[Path], object]) -> None:
    """Run `action` on the file called `name` just before the reader opens it (after its stat)."""
    real_open = os.open

    def hooked(path: os.PathLike[str] | str, flags: int, *args: int) -> int:
        if Path(path).name == name:
            action(Path(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(reader.os, "open", hooked)


def test_a_file_deleted_after_listing_is_listed_as_vanished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = good_folder(tmp_path)
    (folder / "x.txt").write_text(GOOD, encoding="utf-8")
    open_hook(monkeypatch, "x.txt", lambda p: p.unlink())
    result = scan(folder)
    assert [a.path for a in result.articles] == ["good.txt"]
    assert [(b.path, b.reason) for b in result.bad_files] == [("x.txt", "vanished while reading")]


@posix_only
def test_a_file_swapped_for_a_named_pipe_after_listing_does_not_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = good_folder(tmp_path)
    (folder / "x.txt").write_text(GOOD, encoding="utf-8")

    def swap(path: Path) -> None:
        path.unlink()
        os.mkfifo(path)

    open_hook(monkeypatch, "x.txt", swap)
    result = scan(folder)
    assert [a.path for a in result.articles] == ["good.txt"]
    assert [b.path for b in result.bad_files] == ["x.txt"]
    assert "not a regular file" in result.bad_files[0].reason


def test_a_file_that_grows_past_the_limit_after_listing_is_too_large(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = good_folder(tmp_path)
    (folder / "x.txt").write_text(GOOD, encoding="utf-8")
    open_hook(monkeypatch, "x.txt", lambda p: p.write_text(GOOD * 100, encoding="utf-8"))
    result = scan(folder, max_bytes=2048)
    assert [a.path for a in result.articles] == ["good.txt"]
    assert "too large" in result.bad_files[0].reason and "seeds.max_file_mb" in result.bad_files[0].reason


def test_an_unexpected_error_in_one_file_is_a_reason_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = good_folder(tmp_path)
    (folder / "x.txt").write_text(GOOD, encoding="utf-8")

    def explode(path: Path) -> None:
        raise RuntimeError("disk on fire")

    open_hook(monkeypatch, "x.txt", explode)
    result = scan(folder)
    assert [a.path for a in result.articles] == ["good.txt"]
    assert result.bad_files[0].reason == "could not be read (RuntimeError: disk on fire)"


# --- the engine ------------------------------------------------------------------------------


def engine_config(tmp_path: Path, **seeds: float) -> Config:
    """Settings with the cache in `tmp_path` and the given [seeds] values."""
    return parse_config({"seeds": dict(seeds), "cache": {"path": str(tmp_path / "cache.sqlite3")}})


def test_the_size_limit_comes_from_seeds_max_file_mb(tmp_path: Path) -> None:
    folder = good_folder(tmp_path)
    shutil.copy(SEED, folder / "seed.txt")  # about 5 KB
    engine = Engine(engine_config(tmp_path, max_file_mb=0.001))
    articles, bad = engine.read(folder)
    assert [a.path for a in articles] == ["good.txt"]
    assert [b.path for b in bad] == ["seed.txt"]
    assert "1.0 KB limit" in bad[0].reason and "seeds.max_file_mb" in bad[0].reason


@posix_only
def test_the_engine_reports_bad_files_and_analyses_the_good_article(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "latin1.txt").write_bytes("Coup d'état".encode("latin-1"))
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "dir.txt").mkdir()
    engine = Engine(engine_config(tmp_path))
    try:
        situation = engine.analyse(folder)
    finally:
        engine.close()
    assert [b.path for b in situation.bad_files] == ["empty.txt", "image.txt", "latin1.txt", "loop.txt"]
    assert all(b.reason for b in situation.bad_files)
    assert [a.path for a in situation.articles] == [SEED.name]
    assert "Abass Dembele" in [a.name for a in situation.actors]
