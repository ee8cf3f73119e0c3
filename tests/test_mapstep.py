"""The map step for other engines (`sitrep.mapstep`): file contents in, the lines `sitrep extract`
writes out, with the model loaded once per process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitrep import engine
from sitrep.cli import main
from sitrep.config import load_config
from sitrep.extracted import TEXT_COLUMNS, record_of, to_jsonl
from sitrep.mapstep import SourceFile, parse_files

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of `seeds/` with a file the reader refuses, and a config with no cache."""
    folder = tmp_path_factory.mktemp("mapstep") / "seeds"
    shutil.copytree(ROOT / "seeds", folder)
    (folder / "empty.txt").write_bytes(b"")
    return folder


def sources(folder: Path) -> list[SourceFile]:
    """The folder's files as an engine hands them over: names, bytes and modification times."""
    return [SourceFile(p.name, p.read_bytes(), p.stat().st_mtime) for p in sorted(folder.iterdir())]


def test_the_lines_are_those_sitrep_extract_writes_for_the_folder(seeds: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[cache]\nenabled = false\n", encoding="utf-8")
    target = tmp_path / "rows.jsonl"
    assert main(["extract", str(seeds), "-o", str(target), "--config", str(config)]) == 0
    made = parse_files(sources(seeds), str(seeds), load_config(config))
    assert to_jsonl(made) == target.read_bytes()


def test_a_name_outside_the_archive_is_refused_not_read(seeds: Path) -> None:
    data = (seeds / "empty.txt").read_bytes()
    made = parse_files([SourceFile("../up.txt", data), SourceFile("/etc/motd.txt", data)], "archive")
    assert [(line.file, line.skipped) for line in made] == [
        ("../up.txt", "not a path inside the archive"), ("/etc/motd.txt", "not a path inside the archive")]


def test_files_the_folder_listing_would_not_list_are_left_out(seeds: Path) -> None:
    seed = next(p for p in sorted(seeds.iterdir()) if p.name.startswith("mali_"))
    data = seed.read_bytes()
    made = parse_files([SourceFile("expected.json", data), SourceFile(".cache/copy.txt", data),
                        SourceFile("notes.txt~", data), SourceFile("sub/kept.txt", data)], "archive")
    assert [line.file for line in made] == ["sub/kept.txt"]


def test_the_pipeline_loads_once_in_a_process_for_all_its_calls(seeds: Path) -> None:
    parse_files(sources(seeds)[:1], "archive")
    loads = engine.worker_loads
    parse_files(sources(seeds)[:1], "archive")
    assert engine.worker_loads == loads


def test_a_line_becomes_a_parquet_row_of_the_extract_columns(seeds: Path) -> None:
    made = parse_files(sources(seeds), "archive")
    records = [record_of(line) for line in made]
    assert all(list(record) == ["schema_version", *TEXT_COLUMNS] for record in records)
    assert [r["skipped"] for r in records if r["row"] is None] == ["empty file"]


def test_a_chunk_with_no_article_loads_no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(_config: object) -> None:
        raise AssertionError("the pipeline was loaded")

    monkeypatch.setattr(engine, "_worker_pipeline", refuse)
    made = parse_files([SourceFile("notes.json", b"{}"), SourceFile("empty.txt", b"")], "archive")
    assert [(line.file, line.skipped) for line in made] == [("empty.txt", "empty file")]


def test_a_file_the_reader_fails_on_unexpectedly_is_listed_not_raised(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import sitrep.mapstep as mapstep

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(mapstep, "read_article", broken)
    made = parse_files([SourceFile("odd.txt", b"text")], "archive")
    assert [(line.file, line.skipped) for line in made] == [
        ("odd.txt", "could not be read (RuntimeError: a bug)")]
