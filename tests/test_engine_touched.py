"""A reload told which paths were touched (`Engine.analyse(..., touched=...)`, what the dashboard's
watcher knows) looks at those paths alone, and its report is the one a full listing gives.

Every file here counts as settled at once (`RACY_SECONDS` = 0): otherwise each file written by a
test would be hashed again on the next run anyway, and the hint would not be put to the test. The
reference report comes from an engine with no cache and no memory of the folder, so nothing the
hinted engine kept can leak into it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import sitrep.engine as engine_module
from sitrep.config import Config
from sitrep.engine import TOUCHED_MAX, Engine
from sitrep.progress import Progress

ROOT = Path(__file__).resolve().parents[1]

ARMY = "The army said on Monday that it had arrested two officers in the capital Bamako.\n"
POLICE = "The police in Niamey said on Tuesday that they had detained six protesters.\n"
MINISTER = "Interior minister Oumar Diarra said the curfew in Bamako would be lifted on Friday.\n"

HOSTILE = ["line\nbreak.txt", "back`tick`.txt", "pi|pe.txt", "\u202eevil\u202c.txt", "bad\udcff.txt"]
"""File names a stranger may choose: a newline, backticks, a pipe, bidi overrides, and bytes that
are not UTF-8 (carried by Python as surrogate escapes)."""


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, Engine]]:
    """The engine under test (with a cache) and the reference one (no cache); each test gives
    them a folder of its own, so each test's first run lists it whole."""
    base = tmp_path_factory.mktemp("touched")
    hinted_config = Config(base_dir=ROOT)
    hinted_config.cache.path = str(base / "cache.sqlite3")
    reference_config = Config(base_dir=ROOT)
    reference_config.cache.enabled = False
    hinted, reference = Engine(hinted_config), Engine(reference_config)
    try:
        yield hinted, reference
    finally:
        hinted.close()
        reference.close()


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_module, "RACY_SECONDS", 0.0)


@pytest.fixture
def looked_at(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files whose stat signature the engine takes."""
    names: list[str] = []
    real = engine_module._signature

    def counting(path: Path) -> object:
        names.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(engine_module, "_signature", counting)
    return names


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "articles"
    (target / "sub").mkdir(parents=True)
    (target / "a.txt").write_text(ARMY, encoding="utf-8")
    (target / "b.txt").write_text(POLICE, encoding="utf-8")
    (target / "sub" / "c.md").write_text(MINISTER, encoding="utf-8")
    (target / "notes.pdf").write_bytes(b"%PDF-1.4")
    return target


def create(folder: Path) -> list[Path]:
    (folder / "new.txt").write_text(MINISTER, encoding="utf-8")
    return [folder / "new.txt"]


def change(folder: Path) -> list[Path]:
    (folder / "a.txt").write_text(ARMY + POLICE, encoding="utf-8")
    return [folder / "a.txt"]


def change_at_the_same_size(folder: Path) -> list[Path]:
    before = os.stat(folder / "a.txt")
    (folder / "a.txt").write_text(ARMY.replace("army", "navy"), encoding="utf-8")
    os.utime(folder / "a.txt", ns=(before.st_atime_ns, before.st_mtime_ns))
    return [folder / "a.txt"]


def delete(folder: Path) -> list[Path]:
    (folder / "b.txt").unlink()
    return [folder / "b.txt"]


def rename(folder: Path) -> list[Path]:
    os.rename(folder / "a.txt", folder / "renamed.txt")
    return [folder / "a.txt", folder / "renamed.txt"]


def atomic_save(folder: Path) -> list[Path]:
    """An editor's save: a temporary file written, then moved over the article (a new inode)."""
    temporary = folder / "a.txt.tmp"
    temporary.write_text(MINISTER, encoding="utf-8")
    os.replace(temporary, folder / "a.txt")
    return [temporary, folder / "a.txt"]


def in_a_subfolder(folder: Path) -> list[Path]:
    (folder / "sub" / "c.md").write_text(MINISTER + ARMY, encoding="utf-8")
    (folder / "sub" / "d.txt").write_text(POLICE, encoding="utf-8")
    return [folder / "sub" / "c.md", folder / "sub" / "d.txt"]


def skipped_files(folder: Path) -> list[Path]:
    """Files the report lists as skipped come and go too."""
    (folder / "notes.pdf").unlink()
    (folder / "table.csv").write_text("a,b\n", encoding="utf-8")
    return [folder / "notes.pdf", folder / "table.csv"]


def hostile_names(folder: Path) -> list[Path]:
    paths = [Path(os.fsdecode(folder)) / name for name in HOSTILE]
    for path in paths:
        path.write_text(POLICE, encoding="utf-8")
    return paths


CHANGES: dict[str, Callable[[Path], list[Path]]] = {
    "create": create,
    "change": change,
    "change at the same size, mtime restored": change_at_the_same_size,
    "delete": delete,
    "rename": rename,
    "atomic save": atomic_save,
    "in a subfolder": in_a_subfolder,
    "skipped files": skipped_files,
    "hostile names": hostile_names,
}


def reports_agree(engines: tuple[Engine, Engine], folder: Path, touched: list[Path]) -> None:
    hinted, reference = engines
    report = hinted.analyse(folder, touched=[os.fspath(path) for path in touched])
    assert report.to_dict() == reference.analyse(folder).to_dict()


@pytest.mark.parametrize("name", list(CHANGES))
def test_a_reload_told_the_touched_paths_reports_what_a_full_listing_reports(
    name: str, engines: tuple[Engine, Engine], folder: Path, settled: None
) -> None:
    engines[0].analyse(folder)
    reports_agree(engines, folder, CHANGES[name](folder))


def test_files_with_hostile_names_renamed_then_deleted_are_reported_as_a_full_listing_does(
    engines: tuple[Engine, Engine], folder: Path, settled: None
) -> None:
    engines[0].analyse(folder)
    reports_agree(engines, folder, hostile_names(folder))
    renamed = []
    for path in [Path(os.fsdecode(folder)) / name for name in HOSTILE]:
        target = path.with_name("moved " + path.name)
        os.rename(path, target)
        renamed += [path, target]
    reports_agree(engines, folder, renamed)
    for path in renamed[1::2]:
        path.unlink()
    reports_agree(engines, folder, renamed[1::2])


def test_a_reload_told_of_one_touched_file_looks_at_that_file_alone(
    engines: tuple[Engine, Engine], folder: Path, settled: None, looked_at: list[str]
) -> None:
    engines[0].analyse(folder)
    looked_at.clear()
    reports_agree(engines, folder, change(folder))
    assert looked_at.count("a.txt") == 2  # the hinted engine's one look, and the reference's
    assert looked_at.count("b.txt") == 1  # the reference's alone


def test_a_touched_file_is_read_again_even_when_its_signature_did_not_change(
    engines: tuple[Engine, Engine], folder: Path, settled: None
) -> None:
    engines[0].analyse(folder)
    stat = os.stat(folder / "a.txt")
    (folder / "a.txt").write_text(ARMY.replace("army", "navy"), encoding="utf-8")
    os.utime(folder / "a.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    signature = engine_module._signature(folder / "a.txt")
    assert signature is not None
    # A rewrite within one tick of the file system's clock leaves the whole signature as it was.
    key = f"{os.path.abspath(folder)}/a.txt"
    engines[0]._signed[key] = (signature, *engines[0]._signed[key][1:])
    reports_agree(engines, folder, [folder / "a.txt"])


def unusable_hints(folder: Path, outside: Path) -> dict[str, list[Path]]:
    """Hints the engine cannot use, each after a real change the hint does not name."""
    return {
        "a folder touched": [folder / "sub"],
        "a path outside the folder": [outside / "x.txt"],
        "a path in a folder the last run did not list": [folder / "later" / "x.txt"],
        "too many paths": [folder / f"{index}.txt" for index in range(TOUCHED_MAX + 1)],
    }


@pytest.mark.parametrize("case", list(unusable_hints(Path("."), Path("."))))
def test_a_hint_the_engine_cannot_use_makes_it_list_the_folder_whole(
    case: str, engines: tuple[Engine, Engine], folder: Path, tmp_path: Path, settled: None
) -> None:
    engines[0].analyse(folder)
    (folder / "later").mkdir()
    (folder / "later" / "x.txt").write_text(POLICE, encoding="utf-8")
    (folder / "b.txt").unlink()  # named by no hint: only a full listing finds it gone
    reports_agree(engines, folder, unusable_hints(folder, tmp_path)[case])


def test_a_hint_after_a_failed_run_makes_the_next_run_list_the_folder_whole(
    engines: tuple[Engine, Engine], folder: Path, settled: None
) -> None:
    engines[0].analyse(folder)

    def fail(progress: Progress) -> None:
        if progress.stage == "done":  # the last moment: everything else of the run is kept
            raise RuntimeError("superseded")

    (folder / "b.txt").unlink()
    with pytest.raises(RuntimeError):
        engines[0].analyse(folder, fail)
    (folder / "sub" / "c.md").unlink()  # named by no hint: only a full listing finds it gone
    reports_agree(engines, folder, [folder / "a.txt"])


def test_a_hint_after_the_folder_was_replaced_makes_the_engine_list_the_new_folder_whole(
    engines: tuple[Engine, Engine], folder: Path, tmp_path: Path, settled: None
) -> None:
    engines[0].analyse(folder)
    shutil.copytree(folder, tmp_path / "copy")
    (tmp_path / "copy" / "b.txt").unlink()
    shutil.rmtree(folder)
    os.rename(tmp_path / "copy", folder)
    reports_agree(engines, folder, [folder / "a.txt"])


def test_a_hint_about_another_folder_s_last_run_is_not_used(
    engines: tuple[Engine, Engine], folder: Path, tmp_path: Path, settled: None
) -> None:
    other = tmp_path / "other"
    shutil.copytree(folder, other)
    engines[0].analyse(other)
    (folder / "b.txt").unlink()
    reports_agree(engines, folder, [folder / "a.txt"])


def test_a_file_changed_too_recently_to_trust_is_hashed_again_though_not_touched(
    engines: tuple[Engine, Engine], folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "RACY_SECONDS", 3600.0)  # every file here changed "just now"
    engines[0].analyse(folder)
    (folder / "b.txt").write_text(POLICE + MINISTER, encoding="utf-8")  # named by no hint
    reports_agree(engines, folder, change(folder))
