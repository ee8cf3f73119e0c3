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
from sitrep.config import Config, ConfigError, parse_config
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

    monkeypatch.setattr(reader.files.os, "open", hooked)


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


# --- symlinks that point outside the folder ----------------------------------------------------


def outside_link(tmp_path: Path, folder: Path, name: str = "notes.txt") -> Path:
    """A link in `folder` to a private article kept beside it, outside it."""
    private = tmp_path / "private_notes.txt"
    private.write_text("Confidential Source List\n\nColonel Ismael Wague told us the coup was planned.\n",
                       encoding="utf-8")
    link = folder / name
    link.symlink_to(private)
    return link


@posix_only
def test_a_file_link_pointing_outside_the_folder_is_a_bad_file(tmp_path: Path) -> None:
    folder = good_folder(tmp_path)
    outside_link(tmp_path, folder)
    result = scan(folder)
    assert [a.path for a in result.articles] == ["good.txt"]
    assert [(b.path, b.reason) for b in result.bad_files] == [("notes.txt", "points outside the folder")]


@posix_only
def test_a_link_to_a_system_file_is_a_bad_file(tmp_path: Path) -> None:
    folder = good_folder(tmp_path)
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    assert [(b.path, b.reason) for b in scan(folder).bad_files] == [
        ("passwd.txt", "points outside the folder")
    ]


@posix_only
def test_a_link_through_a_linked_folder_outside_is_a_bad_file(tmp_path: Path) -> None:
    folder = good_folder(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(GOOD, encoding="utf-8")
    (folder / "out").symlink_to(outside, target_is_directory=True)
    (folder / "secret.txt").symlink_to(Path("out") / "secret.txt")
    assert [(b.path, b.reason) for b in scan(folder).bad_files] == [
        ("secret.txt", "points outside the folder")
    ]


@posix_only
def test_a_file_link_inside_the_folder_is_read(tmp_path: Path) -> None:
    folder = good_folder(tmp_path)
    (folder / "sub").mkdir()
    (folder / "sub" / "alias.txt").symlink_to(Path("..") / "good.txt")
    result = scan(folder)
    assert [a.path for a in result.articles] == ["good.txt", "sub/alias.txt"] and result.bad_files == []


@posix_only
def test_links_inside_a_folder_reached_through_a_link_are_read(tmp_path: Path) -> None:
    real = good_folder(tmp_path)
    (real / "alias.txt").symlink_to("good.txt")
    folder = tmp_path / "linked"
    folder.symlink_to(real, target_is_directory=True)
    result = scan(folder)
    assert [a.path for a in result.articles] == ["alias.txt", "good.txt"] and result.bad_files == []


@posix_only
def test_seeds_follow_outside_links_lets_the_reader_follow_them(tmp_path: Path) -> None:
    folder = good_folder(tmp_path)
    outside_link(tmp_path, folder)
    result = scan(folder, follow_outside_links=True)
    assert [a.path for a in result.articles] == ["good.txt", "notes.txt"] and result.bad_files == []


def test_seeds_follow_outside_links_is_off_by_default_and_must_be_a_boolean() -> None:
    assert Config().seeds.follow_outside_links is False
    assert parse_config({"seeds": {"follow_outside_links": True}}).seeds.follow_outside_links is True
    with pytest.raises(ConfigError, match="seeds.follow_outside_links: expected bool"):
        parse_config({"seeds": {"follow_outside_links": "yes"}})


@posix_only
def test_the_engine_does_not_serve_a_cached_result_through_a_link_outside(tmp_path: Path) -> None:
    """Same bytes, same name as an article parsed before: the link is still refused, not a cache hit."""
    folder = good_folder(tmp_path)
    engine = Engine(engine_config(tmp_path))
    try:
        assert [a.path for a in engine.analyse(folder).articles] == ["good.txt"]
        (tmp_path / "kept.txt").write_text(GOOD, encoding="utf-8")
        (folder / "good.txt").unlink()
        (folder / "good.txt").symlink_to(tmp_path / "kept.txt")
        situation = engine.analyse(folder)
    finally:
        engine.close()
    assert situation.articles == []
    assert [(b.path, b.reason) for b in situation.bad_files] == [("good.txt", "points outside the folder")]


@posix_only
def test_the_engine_follows_links_outside_when_the_config_allows_it(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED, tmp_path / SEED.name)
    (folder / SEED.name).symlink_to(tmp_path / SEED.name)
    config = parse_config({"seeds": {"follow_outside_links": True}, "cache": {"enabled": False}})
    engine = Engine(config)
    try:
        situation = engine.analyse(folder)
    finally:
        engine.close()
    assert [a.path for a in situation.articles] == [SEED.name] and situation.bad_files == []


# --- files too long to analyse ---------------------------------------------------------------


def refuse_cleaning(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make cleaning fail loudly: a test that uses this proves a file was rejected before it."""
    def clean(_text: str) -> str:
        raise AssertionError("the file was cleaned before being rejected")

    monkeypatch.setattr(reader, "clean_text", clean)


@pytest.mark.parametrize(("text", "size"), [("a" * 4_001, "3.9 KB"), ("é" * 1_001, "1,001 characters")],
                         ids=["more bytes than any text of the limit", "more characters than the limit"])
def test_a_file_too_long_to_analyse_is_rejected_before_it_is_cleaned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, size: str
) -> None:
    refuse_cleaning(monkeypatch)
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    with pytest.raises(BadFileError, match=r"^too long to analyse: ") as caught:
        read_article(tmp_path / "long.txt", tmp_path, max_chars=1_000)
    assert size in str(caught.value) and "at most 1,000 characters" in str(caught.value)


def test_a_rejected_file_is_not_read_again_while_its_bytes_are_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sitrep import engine as engine_module

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "long.txt").write_text("Soldiers were arrested. " * 100, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    monkeypatch.setattr(engine_module, "MAX_TEXT_CHARS", 1_000)
    reads: list[str] = []
    real_read = engine_module.reader.read_article

    def counted(path: Path, *args: object, **kwargs: object) -> object:
        reads.append(path.name)
        return real_read(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine_module.reader, "read_article", counted)
    engine = Engine(engine_config(tmp_path))
    try:
        first = engine.analyse(folder)
        second = engine.analyse(folder)
        (folder / "long.txt").write_text("Changed. " * 200, encoding="utf-8")
        third = engine.analyse(folder)
    finally:
        engine.close()
    assert first.bad_files == second.bad_files
    assert [b.path for b in third.bad_files] == ["empty.txt", "long.txt"]
    assert "too long to analyse" in first.bad_files[1].reason
    assert sorted(reads) == ["empty.txt", "long.txt", "long.txt"]
