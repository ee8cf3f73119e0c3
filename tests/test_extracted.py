"""Tests for `sitrep extract` and `sitrep report` on its rows (`sitrep.extracted`): the rows of a
folder merge into the very report of that folder, as JSONL or Parquet, one file or a folder of
them, whole or by a date window; and rows sitrep did not write are a clear error.

The end-to-end tests run the command line in this process on `seeds/` (the model is loaded once
per module: the first extract fills a cache in the test's folder, the reports after it read it).
"""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sitrep.cli import main
from sitrep.extracted import ExtractError, lines, read_extracted, to_jsonl
from sitrep.focus import Focus
from sitrep.model import ActorMention, ArticleResult, BadFile, Evidence, StatusEvent
from sitrep.rows import ROW_SCHEMA

ROOT = Path(__file__).resolve().parents[1]
SEED_NAME = "mali_2025_coup_plot_soldiers_arrested.txt"


@dataclass
class Workspace:
    """A copy of `seeds/` with one file that cannot be read, and a config whose cache is beside it."""

    folder: Path
    config: Path
    tmp: Path


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """The seeds and a config with the cache in the module's temporary folder."""
    tmp = tmp_path_factory.mktemp("extract")
    folder = tmp / "seeds"
    shutil.copytree(ROOT / "seeds", folder)
    (folder / "empty.txt").write_bytes(b"")  # refused by the reader: listed among the bad files
    config = tmp / "config.toml"
    config.write_text(f'[cache]\npath = "{tmp / "cache.sqlite3"}"\n', encoding="utf-8")
    return Workspace(folder, config, tmp)


def run(workspace: Workspace, *args: str | Path) -> int:
    """`sitrep ARGS` in this process with the workspace's config and a fixed report time."""
    return main([*map(str, args), "--config", str(workspace.config)])


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports written at a fixed time, so two of them compare equal."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture(scope="module")
def jsonl(workspace: Workspace) -> Path:
    """`sitrep extract` of the seeds to a JSONL file."""
    target = workspace.tmp / "rows" / "seeds.jsonl"
    assert main(["extract", str(workspace.folder), "-o", str(target), "--config", str(workspace.config)]) == 0
    return target


def json_report(workspace: Workspace, source: Path, *options: str) -> dict[str, Any]:
    """The JSON report `sitrep report SOURCE` writes."""
    out = workspace.tmp / "report.json"
    assert run(workspace, "report", source, "--format", "json", "-o", out, *options) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_the_json_report_from_extracted_rows_equals_the_report_of_the_folder(
    workspace: Workspace, jsonl: Path
) -> None:
    from_folder = json_report(workspace, workspace.folder)
    assert from_folder["articles"] and from_folder["bad_files"] and from_folder["actors"]
    assert json_report(workspace, jsonl) == from_folder


def test_the_report_from_a_parquet_extract_equals_the_report_of_the_folder(workspace: Workspace) -> None:
    pytest.importorskip("pyarrow")
    target = workspace.tmp / "parquet" / "seeds.parquet"
    assert run(workspace, "extract", workspace.folder, "-o", target) == 0
    assert target.read_bytes()[:4] == b"PAR1"
    assert json_report(workspace, target) == json_report(workspace, workspace.folder)


def test_the_parquet_columns_filter_without_decoding_rows(workspace: Workspace) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    target = workspace.tmp / "columns.parquet"
    assert run(workspace, "extract", workspace.folder, "-o", target) == 0
    table = pq.read_table(target).to_pylist()
    assert [(r["file"], r["skipped"] is None) for r in table] == [(SEED_NAME, True), ("empty.txt", False)]
    assert table[0]["title"].startswith("Mali") and json.loads(table[0]["row"])["path"] == SEED_NAME


def test_a_folder_of_extracts_is_merged_like_the_file(workspace: Workspace, jsonl: Path) -> None:
    assert json_report(workspace, jsonl.parent) == json_report(workspace, jsonl)


def test_each_line_names_its_schema_file_content_hash_and_pipeline_version(jsonl: Path) -> None:
    first, second = (json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines())
    assert first["schema_version"] == ROW_SCHEMA and first["file"] == SEED_NAME
    assert len(first["content_hash"]) == 64 and first["content_hash"] == first["row"]["content_hash"]
    assert first["pipeline_version"] and first["folder"].endswith("seeds")
    assert second["file"] == "empty.txt" and second["skipped"] and "row" not in second


def test_extract_writes_jsonl_on_standard_output_by_default(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(workspace, "extract", workspace.folder) == 0
    written = [json.loads(line)["file"] for line in capsys.readouterr().out.splitlines()]
    assert written == [SEED_NAME, "empty.txt"]


def test_extract_into_a_folder_names_the_file_after_the_articles_folder(workspace: Workspace) -> None:
    target = workspace.tmp / "archive"
    target.mkdir()
    assert run(workspace, "extract", workspace.folder, "-o", target) == 0
    assert [p.name for p in target.iterdir()] == ["seeds.jsonl"]


def test_rows_that_cannot_be_written_are_a_clear_error(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = workspace.tmp / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    assert run(workspace, "extract", workspace.folder, "-o", blocker / "rows.jsonl") == 1
    assert "cannot write the rows to" in capsys.readouterr().err
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"


def test_parquet_without_pyarrow_is_a_clear_error(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow raises ImportError
    assert run(workspace, "extract", workspace.folder, "-o", workspace.tmp / "x.parquet") == 2
    assert "pip install 'sitrep[parquet]'" in capsys.readouterr().err
    assert not (workspace.tmp / "x.parquet").exists()


def test_since_and_until_on_a_folder_of_articles_are_a_usage_error(workspace: Workspace) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(workspace, "report", workspace.folder, "--since", "2025-01-01")
    assert exit_.value.code == 2


def test_focus_on_a_folder_of_articles_is_a_usage_error(workspace: Workspace) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(workspace, "report", workspace.folder, "--focus", "Mali")
    assert exit_.value.code == 2


def test_focus_on_a_name_that_is_no_country_is_a_usage_error_naming_it(
    workspace: Workspace, jsonl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(workspace, "report", jsonl, "--focus", "Atlantis")
    assert exit_.value.code == 2 and "'Atlantis' is not a country" in capsys.readouterr().err


def test_focus_keeps_the_seed_for_its_country_and_leaves_it_out_for_another(
    workspace: Workspace, jsonl: Path
) -> None:
    assert [a["path"] for a in json_report(workspace, jsonl, "--focus", "mali")["articles"]] == [SEED_NAME]
    assert json_report(workspace, jsonl, "--focus", "Japan")["articles"] == []


def test_articles_left_out_by_the_focus_are_counted_on_stderr(
    workspace: Workspace, jsonl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    json_report(workspace, jsonl, "--focus", "Japan")
    assert "merged 0 article(s); left out 1 outside --since/--until/--focus" in capsys.readouterr().err


def test_a_line_sitrep_did_not_write_is_a_clear_error(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = workspace.tmp / "bad.jsonl"
    line = {"schema_version": ROW_SCHEMA, "folder": "x", "file": "a.txt", "row": {"path": 3}}
    bad.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert run(workspace, "report", bad) == 2
    assert "bad.jsonl line 1" in capsys.readouterr().err


# --- reading rows back, without the model ----------------------------------------------------


def result(path: str, day: str | None, mtime: float = 1_700_000_000.0) -> ArticleResult:
    """A one-event result for `path` published on `day`."""
    evidence = Evidence(path, f"Soldiers were arrested, {path} reported.", "p")
    return ArticleResult(path, "Title", "AFP", day, path * 4, mtime, 9,
                         events=[StatusEvent("soldiers", "arrested", "affirmed", "reported", "AFP",
                                             evidence)])


def extract_file(folder: Path, name: str, source: str, results: list[ArticleResult],
                 bad: list[BadFile] | None = None) -> Path:
    """Rows of `results` as `sitrep extract` writes them for the folder `source`."""
    target = folder / name
    target.write_bytes(to_jsonl(lines(source, results, bad or [], "v1")))
    return target


def test_rows_come_back_as_the_results_and_bad_files_they_were_made_from(tmp_path: Path) -> None:
    results = [result("a.txt", "2025-08-10"), result("b.txt", None)]
    bad = [BadFile("c.pdf", "not text")]
    extracted = read_extracted(extract_file(tmp_path, "r.jsonl", "news", results, bad))
    assert (extracted.folder, extracted.results, extracted.bad_files) == ("news", results, bad)


def test_since_and_until_keep_the_articles_published_in_the_window(tmp_path: Path) -> None:
    rows = extract_file(tmp_path, "r.jsonl", "news", [
        result("before.txt", "2025-07-31T23:00:00+00:00"), result("first.txt", "2025-08-01"),
        result("month.txt", "2025-08"), result("last.txt", "2025-08-10T09:30"),
        result("after.txt", "2025-08-11"),
        result("undated.txt", None, mtime=1_754_800_000.0),  # 2025-08-10 UTC, its file's day
    ])
    extracted = read_extracted(rows, since=date(2025, 8, 1), until=date(2025, 8, 10))
    assert [r.path for r in extracted.results] == ["first.txt", "month.txt", "last.txt", "undated.txt"]
    assert extracted.outside == 2


def test_focus_keeps_only_the_articles_that_name_the_country(tmp_path: Path) -> None:
    about_chad, about_niger = result("chad.txt", "2025-08-10"), result("niger.txt", "2025-08-10")
    about_chad.actors = [ActorMention("Chadian soldiers", "collective")]
    about_niger.actors = [ActorMention("Niamey", "place")]
    rows = extract_file(tmp_path, "r.jsonl", "news", [about_chad, about_niger])
    extracted = read_extracted(rows, focus=Focus.named("Chad"))
    assert [r.path for r in extracted.results] == ["chad.txt"] and extracted.outside == 1


def test_rows_of_two_folders_are_told_apart_by_the_folder_name(tmp_path: Path) -> None:
    extract_file(tmp_path, "1.jsonl", "/data/mali", [result("a.txt", "2025-08-10")])
    extract_file(tmp_path, "2.jsonl", "/data/niger", [result("a.txt", "2025-08-11")],
                 [BadFile("x.pdf", "pdf")])
    extracted = read_extracted(tmp_path)
    assert [r.path for r in extracted.results] == ["mali/a.txt", "niger/a.txt"]
    assert extracted.results[1].events[0].evidence.file == "niger/a.txt"
    assert extracted.bad_files == [BadFile("niger/x.pdf", "pdf")] and extracted.folder == str(tmp_path)


def test_a_file_in_two_extracts_of_one_folder_is_merged_once(tmp_path: Path) -> None:
    extract_file(tmp_path, "1.jsonl", "news", [result("a.txt", "2025-08-10")])
    extract_file(tmp_path, "2.jsonl", "news", [result("a.txt", "2025-08-10"), result("b.txt", "2025-08-10")])
    assert [r.path for r in read_extracted(tmp_path).results] == ["a.txt", "b.txt"]


def test_rows_of_another_schema_version_are_refused(tmp_path: Path) -> None:
    rows = extract_file(tmp_path, "r.jsonl", "news", [result("a.txt", None)])
    data = json.loads(rows.read_text(encoding="utf-8"))
    rows.write_text(json.dumps({**data, "schema_version": ROW_SCHEMA + 1}) + "\n", encoding="utf-8")
    with pytest.raises(ExtractError, match="schema_version"):
        read_extracted(rows)


def test_an_index_past_its_table_names_the_line(tmp_path: Path) -> None:
    rows = extract_file(tmp_path, "r.jsonl", "news", [result("a.txt", None)])
    data = json.loads(rows.read_text(encoding="utf-8"))
    data["row"]["events"][0]["evidence"] = 5
    rows.write_text("\n" + json.dumps(data) + "\n", encoding="utf-8")
    with pytest.raises(ExtractError, match=r"r\.jsonl line 2: .*an index past its table"):
        read_extracted(rows)


def test_a_row_outside_the_window_is_not_decoded_past_its_date(tmp_path: Path) -> None:
    rows = extract_file(tmp_path, "r.jsonl", "news",
                        [result("old.txt", "2020-01-01"), result("new.txt", "2025-08-10")])
    first, second = (json.loads(line) for line in rows.read_text(encoding="utf-8").splitlines())
    first["row"]["actors"] = "not a list of actors"
    rows.write_text(json.dumps(first) + "\n" + json.dumps(second) + "\n", encoding="utf-8")
    assert [r.path for r in read_extracted(rows, since=date(2025, 1, 1)).results] == ["new.txt"]
    with pytest.raises(ExtractError, match="line 1"):
        read_extracted(rows)
