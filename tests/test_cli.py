"""Tests for `sitrep report`: the JSON contract, the `--actor` filter, Markdown output and clear errors.

Reports are made by calling `main()` in-process against a temporary copy of `seeds/` with the
cache in a temporary folder, so only the first report of the module loads spaCy. Failures that
must not print a traceback run `python -m sitrep` in a subprocess.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from sitrep.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_NAME = "mali_2025_coup_plot_soldiers_arrested.txt"
ACTOR_KEYS = {"name", "aliases", "kind", "roles", "status", "mentions", "evidence"}


@dataclass
class Run:
    """What one `sitrep` command did."""

    code: int
    out: str
    err: str

    def json(self) -> dict[str, Any]:
        """Standard output read as a JSON report."""
        return json.loads(self.out)


@dataclass
class Workspace:
    """A copy of `seeds/` and a config whose cache lives next to it."""

    seeds: Path
    config: Path


def sitrep(*args: str | Path) -> Run:
    """Run `sitrep ARGS` in-process, capturing its output."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([str(a) for a in args])
    return Run(code, out.getvalue(), err.getvalue())


def sitrep_process(*args: str | Path, config: Path | None = None, cwd: Path | None = None) -> Run:
    """Run `python -m sitrep ARGS` in a subprocess, with `$SITREP_CONFIG` set to `config`."""
    env = {k: v for k, v in os.environ.items() if k != "SITREP_CONFIG"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    if config is not None:
        env["SITREP_CONFIG"] = str(config)
    done = subprocess.run(
        [sys.executable, "-m", "sitrep", *map(str, args)],
        capture_output=True, text=True, env=env, cwd=cwd or ROOT, timeout=60,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def write_config(folder: Path, text: str) -> Path:
    """A `config.toml` with `text` in `folder`."""
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """A temporary copy of `seeds/` and a config with the cache beside it."""
    root = tmp_path_factory.mktemp("cli")
    shutil.copytree(SEEDS, root / "seeds")
    return Workspace(root / "seeds", write_config(root, '[cache]\npath = "cache.sqlite3"\n'))


def report(workspace: Workspace, *args: str | Path) -> Run:
    """`sitrep report SEEDS ARGS` with the workspace's config."""
    return sitrep("report", workspace.seeds, "--config", workspace.config, *args)


@pytest.fixture(scope="module")
def full(workspace: Workspace) -> dict[str, Any]:
    """The JSON report of the whole seeds folder (the one cold run of the module)."""
    run = report(workspace, "--format", "json")
    assert (run.code, run.err) == (0, "")
    return run.json()


def dembele_report(workspace: Workspace, query: str) -> Run:
    return report(workspace, "--format", "json", "--actor", query)


def without_clock(data: dict[str, Any]) -> dict[str, Any]:
    """A JSON report without `generated_at`, the one field that depends on when it ran."""
    return {k: v for k, v in data.items() if k != "generated_at"}


# --- the JSON contract -----------------------------------------------------------------------


def test_json_report_has_the_documented_top_level_keys(full: dict[str, Any]) -> None:
    assert {"status", "actors", "disputes", "context", "articles"} <= set(full)
    assert [a["path"] for a in full["articles"]] == [SEED_NAME]


def test_every_actor_has_the_documented_fields(full: dict[str, Any]) -> None:
    assert full["actors"]
    for actor in full["actors"]:
        assert ACTOR_KEYS <= set(actor), actor["name"]
        assert isinstance(actor["name"], str) and actor["name"]
        assert isinstance(actor["aliases"], list) and isinstance(actor["roles"], list)
        assert isinstance(actor["kind"], str) and isinstance(actor["status"], str)
        assert isinstance(actor["mentions"], int) and actor["mentions"] >= 1


def test_evidence_is_a_list_of_file_and_sentence(full: dict[str, Any]) -> None:
    seed_text = " ".join((SEEDS / SEED_NAME).read_text(encoding="utf-8").split())
    for actor in full["actors"]:
        assert actor["evidence"], actor["name"]
        for evidence in actor["evidence"]:
            assert set(evidence) == {"file", "sentence"}
            assert evidence["file"] == SEED_NAME
            assert evidence["sentence"] in seed_text


def test_the_seed_actors_are_reported_with_their_kinds(full: dict[str, Any]) -> None:
    kinds = {a["name"]: a["kind"] for a in full["actors"]}
    assert kinds["Abass Dembele"] == "person"
    assert kinds["Asimi Goïta"] == "person"
    assert kinds["Mali"] == "country"
    assert kinds["AFP"] == "organisation"


# --- --actor ---------------------------------------------------------------------------------


def test_actor_filter_keeps_that_actor_first_and_those_named_with_it(workspace: Workspace) -> None:
    run = dembele_report(workspace, "Dembele")
    assert run.code == 0
    actors = run.json()["actors"]
    assert actors[0]["name"] == "Abass Dembele" and "Dembele" in actors[0]["aliases"]
    sentences = {e["sentence"] for e in actors[0]["evidence"]}
    assert all(any(e["sentence"] in sentences for e in a["evidence"]) for a in actors[1:])


def test_actor_filter_keeps_only_items_that_involve_the_actor(
    workspace: Workspace, full: dict[str, Any]
) -> None:
    filtered = dembele_report(workspace, "Dembele").json()
    assert filtered["status"] and filtered["disputes"]
    for section in ("status", "disputes", "context"):
        for item in filtered[section]:
            assert "dembele" in json.dumps(item, ensure_ascii=False).lower(), (section, item)
        assert len(filtered[section]) <= len(full[section])
    assert len(filtered["status"]) < len(full["status"])
    assert [a["path"] for a in filtered["articles"]] == [SEED_NAME]


@pytest.mark.parametrize("query", ["Abass Dembele", "dembele", "DEMBELE", "Dembélé"])
def test_actor_filter_matches_any_alias_in_any_case(workspace: Workspace, query: str) -> None:
    # generated_at is the clock's, and two runs may straddle a second
    assert without_clock(dembele_report(workspace, query).json()) == without_clock(
        dembele_report(workspace, "Dembele").json())


def test_actor_filter_ignores_accents(workspace: Workspace) -> None:
    actors = report(workspace, "--format", "json", "--actor", "goita").json()["actors"]
    assert actors[0]["name"] == "Asimi Goïta"


def test_an_unknown_actor_is_a_clear_error(workspace: Workspace) -> None:
    run = report(workspace, "--actor", "Nobody Atall")
    assert run.code == 1 and run.out == ""
    assert "no actor matches 'Nobody Atall'" in run.err
    assert "known actors include: Abass Dembele" in run.err


# --- Markdown --------------------------------------------------------------------------------


def test_markdown_is_the_default_format_and_is_a_sitrep(workspace: Workspace) -> None:
    run = report(workspace)
    assert run.code == 0
    assert run.out.startswith("# SITREP: Mali's Military Faces Internal Turmoil")
    for heading in ("## Status", "## Actors"):
        assert f"\n{heading}" in run.out
    assert "| Abass Dembele (also: Dembele) | person |" in run.out


def test_markdown_with_an_actor_lists_only_that_actor(workspace: Workspace) -> None:
    run = report(workspace, "--format", "md", "--actor", "Dembele")
    assert "| Abass Dembele" in run.out and "| Asimi Goïta" not in run.out


def test_output_option_writes_the_report_to_a_file(workspace: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "sitrep.md"
    run = report(workspace, "--format", "md", "-o", target)
    assert (run.code, run.out) == (0, "")
    assert target.read_text(encoding="utf-8").startswith("# SITREP:")


# --- errors ----------------------------------------------------------------------------------


def test_a_broken_config_names_the_key_and_prints_no_traceback(tmp_path: Path) -> None:
    config = write_config(tmp_path, "[model]\nbatchsize = 8\n")
    run = sitrep_process("report", SEEDS, "--format", "json", config=config)
    assert run.code != 0 and run.out == ""
    assert "model.batchsize" in run.err and str(config) in run.err
    assert "Traceback" not in run.err


def test_invalid_toml_in_the_config_names_the_file_and_prints_no_traceback(tmp_path: Path) -> None:
    config = write_config(tmp_path, "[model\n")
    run = sitrep_process("report", SEEDS, config=config)
    assert run.code != 0 and f"{config}: not valid TOML" in run.err
    assert "Traceback" not in run.err


def test_the_config_option_wins_over_sitrep_config(tmp_path: Path) -> None:
    broken = write_config(tmp_path, "[model]\nbatchsize = 8\n")
    good = tmp_path / "good.toml"
    good.write_text('[report]\nmax_actors = "many"\n', encoding="utf-8")
    run = sitrep_process("report", SEEDS, "--config", good, config=broken)
    assert "report.max_actors" in run.err and "model.batchsize" not in run.err


def test_a_missing_folder_is_a_clear_error(workspace: Workspace, tmp_path: Path) -> None:
    run = sitrep("report", tmp_path / "nope", "--config", workspace.config)
    assert run.code == 2 and "folder not found" in run.err


def test_no_loadable_model_is_a_clear_error(tmp_path: Path) -> None:
    config = write_config(tmp_path, '[model]\nnames = ["no_such_model_xyz"]\n[cache]\nenabled = false\n')
    run = sitrep("report", SEEDS, "--config", config)
    assert run.code == 2 and "no_such_model_xyz" in run.err and "model.names" in run.err


def test_a_malformed_patterns_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "p.jsonl").write_text('{"label": "ORG", "pattern": [{"LOWR": "x"}]}\n', encoding="utf-8")
    config = write_config(tmp_path, '[model]\npatterns = "p.jsonl"\n[cache]\nenabled = false\n')
    run = sitrep("report", SEEDS, "--config", config)
    assert run.code == 2 and f"{tmp_path / 'p.jsonl'}:1:" in run.err


def test_bad_files_are_named_on_stderr_and_the_report_still_made(
    workspace: Workspace, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(workspace.seeds, folder)
    (folder / "empty.txt").write_bytes(b"")
    run = sitrep("report", folder, "--config", workspace.config, "--format", "json")
    assert run.code == 0
    assert "sitrep: skipped empty.txt: empty file" in run.err
    assert run.json()["bad_files"] == [{"path": "empty.txt", "reason": "empty file"}]


def test_no_cache_option_leaves_no_cache_file(tmp_path: Path) -> None:
    config = write_config(tmp_path, '[cache]\npath = "c.sqlite3"\n')
    run = sitrep("report", SEEDS, "--config", config, "--no-cache", "--format", "json")
    assert run.code == 0 and not (tmp_path / "c.sqlite3").exists()


def test_an_output_file_that_cannot_be_written_is_a_clear_error(
    workspace: Workspace, full: dict[str, Any], tmp_path: Path
) -> None:
    target = tmp_path / "missing" / "x.md"
    run = sitrep_process("report", workspace.seeds, "--config", workspace.config, "-o", target)
    assert run.code != 0 and "missing/x.md" in run.err
    assert "Traceback" not in run.err


# --- hostile file names and the output file ----------------------------------------------------


def articles_with(workspace: Workspace, tmp_path: Path, name: str | bytes, data: bytes = b"") -> Path:
    """A copy of the seeds with one more file called `name` (bytes for a name that is not UTF-8)."""
    folder = tmp_path / "articles"
    shutil.copytree(workspace.seeds, folder)
    path = os.path.join(os.fsencode(folder), name) if isinstance(name, bytes) else folder / name
    with open(path, "wb") as handle:
        handle.write(data)
    return folder


def test_skipped_lines_on_stderr_carry_no_escape_sequence(workspace: Workspace, tmp_path: Path) -> None:
    folder = articles_with(workspace, tmp_path, "\x1b]0;PWNED-TITLE\x07empty.txt")
    run = sitrep("report", folder, "--config", workspace.config)
    assert run.code == 0
    assert "sitrep: skipped empty.txt: empty file" in run.err
    assert "\x1b" not in run.err and "PWNED" not in run.err


def test_the_markdown_on_stdout_carries_no_escape_sequence_from_a_name(
    workspace: Workspace, tmp_path: Path
) -> None:
    folder = articles_with(workspace, tmp_path, "\x1b]52;c;UFdORUQ=\x07osc52.txt")
    run = sitrep("report", folder, "--config", workspace.config)
    assert run.code == 0 and "`osc52.txt`: NOT READ: empty file" in run.out
    assert "\x1b" not in run.out and "52;" not in run.out


def test_a_name_that_is_not_utf8_does_not_break_the_output_file(workspace: Workspace, tmp_path: Path) -> None:
    folder = articles_with(workspace, tmp_path, b"bad\xff\xfename.txt")
    target = tmp_path / "old_report.md"
    target.write_text("the previous report\n", encoding="utf-8")
    for fmt in ("md", "json"):
        run = sitrep("report", folder, "--config", workspace.config, "--format", fmt, "-o", target)
        assert (run.code, run.out) == (0, "")
        assert "bad\ufffd\ufffdname.txt" in target.read_bytes().decode("utf-8")


def test_the_json_report_on_a_strict_utf8_stdout_is_valid_utf8(workspace: Workspace, tmp_path: Path) -> None:
    folder = articles_with(workspace, tmp_path, b"bad\xff\xfename.txt")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "PYTHONPATH": str(ROOT)}
    env.pop("SITREP_CONFIG", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sitrep",
            "report",
            str(folder),
            "--config",
            str(workspace.config),
            "--format",
            "json",
        ],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    report = json.loads(done.stdout.decode("utf-8"))
    assert report["bad_files"] == [{"path": "bad\ufffd\ufffdname.txt", "reason": "empty file"}]
    assert "bad\ufffd\ufffdname.txt" in done.stderr.decode("utf-8")


def test_a_write_that_fails_half_way_leaves_the_old_report_whole(
    workspace: Workspace, full: dict[str, Any], tmp_path: Path
) -> None:
    import resource

    out = tmp_path / "out"
    out.mkdir()
    target = out / "report.json"
    old = b"the previous report\n" * 500  # 10 KB, over the 4 KB the write may use
    target.write_bytes(old)
    cache = tmp_path / "cache.sqlite3"
    shutil.copy(workspace.config.parent / "cache.sqlite3", cache)
    config = write_config(tmp_path, f'[cache]\npath = "{cache}"\n')
    env = {k: v for k, v in os.environ.items() if k != "SITREP_CONFIG"}
    env.update(PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1")

    def disk_nearly_full() -> None:  # a file may not grow past 4 KB: the write fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    done = subprocess.run([sys.executable, "-m", "sitrep", "report", str(workspace.seeds), "--config",
                           str(config), "--format", "json", "-o", str(target)],
                          capture_output=True, text=True, env=env, timeout=120, preexec_fn=disk_nearly_full)
    assert done.returncode == 1 and "cannot write the report" in done.stderr
    assert "Traceback" not in done.stderr
    assert target.read_bytes() == old
    assert sorted(p.name for p in out.iterdir()) == ["report.json"]


def test_the_output_file_keeps_its_permissions(workspace: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "shared.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    run = report(workspace, "-o", target)
    assert run.code == 0 and target.read_text(encoding="utf-8").startswith("# SITREP:")
    assert target.stat().st_mode & 0o777 == 0o640


def test_an_output_path_through_a_symlink_writes_the_file_it_points_at(
    workspace: Workspace, tmp_path: Path
) -> None:
    real = tmp_path / "real.md"
    real.write_text("old\n", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(real)
    run = report(workspace, "-o", tmp_path / "link.md")
    assert run.code == 0 and (tmp_path / "link.md").is_symlink()
    assert real.read_text(encoding="utf-8").startswith("# SITREP:")


def test_an_output_that_is_not_a_regular_file_is_written_in_place(workspace: Workspace) -> None:
    run = report(workspace, "-o", os.devnull)
    assert run.code == 0 and Path(os.devnull).is_char_device()


@pytest.mark.parametrize(("fmt", "name"), [("md", "report.md"), ("json", "report.txt")])
def test_a_report_written_into_the_articles_folder_is_not_read_back(
    workspace: Workspace, tmp_path: Path, fmt: str, name: str
) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(workspace.seeds, folder)
    assert report(workspace, "--format", fmt, "-o", folder / name).code == 0
    run = sitrep("report", folder, "--config", workspace.config, "--format", "json")
    assert run.code == 0
    assert [a["path"] for a in run.json()["articles"]] == [SEED_NAME]
    [bad] = run.json()["bad_files"]
    assert bad["path"] == name and "report written by sitrep" in bad["reason"]
    assert f"sitrep: skipped {name}: a report written by sitrep" in run.err


def test_a_config_key_reaches_stderr_without_escape_sequences(tmp_path: Path) -> None:
    config = write_config(tmp_path, '["\\u001b]2;CFG-TITLE\\u0007"]\nx = '
                                    '1\n[model]\n"\\u001b]2;KEY\\u0007" = 1\n')
    run = sitrep("report", SEEDS, "--config", config)
    assert run.code == 2 and "config error" in run.err
    assert "\x1b" not in run.err and "\x07" not in run.err
    assert "\\x1b]2;CFG-TITLE\\x07" in run.err  # shown, escaped, so the key can be found


def test_a_folder_name_in_an_error_carries_no_escape_sequence(workspace: Workspace, tmp_path: Path) -> None:
    run = sitrep("report", tmp_path / "\x1b]0;T\x07nope", "--config", workspace.config)
    assert run.code == 2 and "folder not found" in run.err and "\x1b" not in run.err


def test_a_log_line_naming_a_file_reaches_stderr_cleaned(workspace: Workspace, full: dict[str, Any]) -> None:
    code = (
        "import logging, sys\n"
        "import sitrep.engine\n"
        "from sitrep.cli import main\n"
        "analyse = sitrep.engine.Engine.analyse\n"
        "def logged(self, *args, **kwargs):\n"
        "    logging.getLogger('sitrep.engine').warning('cannot read %s', '\\x1b]0;LOGTITLE\\x07x.txt')\n"
        "    return analyse(self, *args, **kwargs)\n"
        "sitrep.engine.Engine.analyse = logged\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "SITREP_CONFIG"}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run([sys.executable, "-c", code, "report", str(workspace.seeds), "--config",
                           str(workspace.config)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0 and "cannot read x.txt" in done.stderr
    assert "\x1b" not in done.stderr and "LOGTITLE" not in done.stderr


# --- exports -------------------------------------------------------------------------------------


def test_dash_output_writes_the_report_to_standard_output(workspace: Workspace) -> None:
    run = report(workspace, "--format", "md", "-o", "-")
    assert run.code == 0 and run.out.startswith("# SITREP:")
    assert not Path("-").exists()


def test_csv_into_a_folder_writes_one_file_per_table(workspace: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "tables"
    run = report(workspace, "--format", "csv", "-o", f"{target}/")
    assert (run.code, run.out) == (0, "")
    assert sorted(p.name for p in target.iterdir()) == ["actors.csv", "claims.csv", "disputes.csv",
                                                        "sources.csv"]
    with open(target / "actors.csv", encoding="utf-8-sig", newline="") as handle:
        names = [row["name"] for row in csv.DictReader(handle)]
    assert "Abass Dembele" in names


def test_csv_of_one_table_goes_to_standard_output(workspace: Workspace) -> None:
    run = report(workspace, "--format", "csv", "--table", "sources")
    rows = list(csv.DictReader(io.StringIO(run.out, newline="")))
    assert run.code == 0 and [r["path"] for r in rows] == [SEED_NAME]


def test_csv_of_every_table_to_one_stream_is_a_usage_error(workspace: Workspace) -> None:
    run = sitrep_process("report", workspace.seeds, "--config", workspace.config, "--format", "csv")
    assert run.code == 2 and "-o FOLDER" in run.err and "--table NAME" in run.err and run.out == ""


def test_a_single_document_into_a_folder_takes_its_default_name(workspace: Workspace, tmp_path: Path) -> None:
    run = report(workspace, "--format", "geojson", "-o", tmp_path)
    assert run.code == 0
    assert (
        json.loads((tmp_path / "places.geojson").read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    )


def test_the_json_report_names_its_schema_and_generator(workspace: Workspace) -> None:
    data = report(workspace, "--format", "json").json()
    assert data["schema_version"] == 2 and data["generator"].startswith("sitrep ")
    assert {"generated_at", "status", "actors", "disputes", "context"} <= set(data)


WRITTEN = """\
Title: Soldiers detain General Musa Kabiru in Bamako
Date: 2025-08-11
Author: Jane Doe
URL: https://example.org/mali/kabiru

BAMAKO (AFP) - Soldiers arrested General Musa Kabiru in Bamako on Sunday, the army said.

Jihadists killed eight soldiers near Timbuktu on Saturday, a military source said.
"""


@pytest.fixture(scope="module")
def written(workspace: Workspace, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with one article written for these tests: an arrest and a killing, both dated."""
    folder = tmp_path_factory.mktemp("written")
    (folder / "afp_kabiru.txt").write_text(WRITTEN, encoding="utf-8")
    return folder


def test_acled_rows_of_a_written_article_carry_every_column_with_sane_values(
    workspace: Workspace, written: Path
) -> None:
    from sitrep.report.acled import COLUMNS

    run = sitrep("report", written, "--config", workspace.config, "--format", "acled")
    rows = list(csv.DictReader(io.StringIO(run.out, newline="")))
    assert run.code == 0 and rows and list(rows[0]) == list(COLUMNS)
    arrest = next(r for r in rows if r["sub_event_type"] == "Arrests")
    assert (arrest["event_date"], arrest["time_precision"]) == ("2025-08-10", "1")
    assert (arrest["event_type"], arrest["actor2"]) == ("Strategic developments", "Musa Kabiru")
    assert (arrest["location"], arrest["country"], arrest["geo_precision"]) == ("Bamako", "Mali", "1")
    assert -90 <= float(arrest["latitude"]) <= 90 and -180 <= float(arrest["longitude"]) <= 180
    assert arrest["source"] == "AFP" and arrest["certainty"] in ("stated", "reported")
    assert int(arrest["independent_sources"]) >= 1 and "afp_kabiru.txt: " in arrest["evidence"]
    for row in rows:
        assert row["event_date"] <= "2025-08-11" and row["time_precision"] in ("1", "2", "3")
        assert int(row["fatalities"]) >= 0 and row["notes"].startswith("On ")


def test_provenance_reaches_the_json_and_markdown_sources(workspace: Workspace, written: Path) -> None:
    data = sitrep("report", written, "--config", workspace.config, "--format", "json").json()
    assert data["articles"][0]["provenance"] == {"url": "https://example.org/mali/kabiru",
                                                 "author": "Jane Doe", "dateline": "Bamako", "agency": "AFP"}
    markdown = sitrep("report", written, "--config", workspace.config).out
    assert "by Jane Doe; dateline Bamako (AFP); `https://example.org/mali/kabiru`" in markdown


# --- CLI habits ----------------------------------------------------------------------------------


def test_version_prints_the_version() -> None:
    run = sitrep_process("--version")
    assert run.code == 0 and run.out.startswith("sitrep ")


def test_the_main_usage_line_shows_the_commands_and_help_lists_exit_codes() -> None:
    run = sitrep_process("--help")
    usage = run.out.split("\n\n")[0]
    for command in ("sitrep report", "sitrep config path", "sitrep completion"):
        assert command in usage
    assert "exit codes:" in run.out and "130" in run.out
    assert "exit codes:" in sitrep_process("report", "--help").out


def test_a_missing_config_file_is_an_error_not_the_defaults(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    run = sitrep("report", SEEDS, "--config", missing)
    assert run.code == 2 and f"{missing}: no such config file (named by --config)" in run.err
    run = sitrep_process("report", SEEDS, config=missing)
    assert run.code == 2 and "named by $SITREP_CONFIG" in run.err


def test_config_path_prints_the_file_in_use(tmp_path: Path) -> None:
    config = write_config(tmp_path, "")
    assert sitrep_process("config", "path", config=config).out.strip() == str(config.resolve())
    assert sitrep_process("config", "path", cwd=tmp_path).out.strip() == str(config.resolve())
    elsewhere = tmp_path / "empty"
    elsewhere.mkdir()
    run = sitrep_process("config", "path", cwd=elsewhere)
    assert run.code == 0 and run.out.strip() == str(elsewhere / "config.toml") and "defaults" in run.err


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_completion_is_generated_from_the_parser(shell: str) -> None:
    run = sitrep_process("completion", shell)
    assert run.code == 0
    for word in ("report", "--format", "geojson", "acled", "--table", "--actor", "completion"):
        assert word in run.out


def interruptible() -> None:
    """In a child about to run sitrep: ctrl+c as a terminal's foreground job gets it. A job a
    non-interactive shell started in the background (`sh -c 'bash .ci/run &'`) inherits SIGINT
    ignored, and Python then leaves it ignored, as the shell meant."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_exits_with_130_and_no_traceback(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SITREP_CONFIG"}
    env["PYTHONPATH"] = str(ROOT)
    config = write_config(tmp_path, "[cache]\nenabled = false\n")
    folder = tmp_path / "many"
    folder.mkdir()
    seed = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    for n in range(40):  # enough parsing that the signal lands inside the analysis, however fast the machine
        (folder / f"copy{n}.txt").write_text(f"{seed}\n\nCopy number {n} of the seed article.\n",
                                             encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "sitrep", "report", str(folder), "--config",
                                str(config), "-v"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                               preexec_fn=interruptible)
    assert process.stderr is not None
    seen = []
    for line in process.stderr:  # wait for the model to be loaded: the analysis is under way
        seen.append(line)
        if "loaded pipeline" in line:
            break
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    err = "".join(seen) + err
    assert process.returncode == 130 and "Traceback" not in err and "interrupted" in err, err


def run_as_sitrep(tmp_path: Path, source: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run `source` (which ends by calling `cli.main()`) as `python -m sitrep` runs: as a module
    of its own, with -m (CPython consults an interrupt's mark when such a module has exited)."""
    env = {k: v for k, v in os.environ.items() if k != "SITREP_CONFIG"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(tmp_path)])
    (tmp_path / "as_sitrep.py").write_text(
        f"import os, signal, sys\nfrom sitrep import cli\n{source}"
        "sys.argv = ['sitrep', 'report']\nsys.exit(cli.main())\n", encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "as_sitrep"], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=120, check=False, **kwargs)


def test_an_interrupt_that_passed_through_compiled_code_still_exits_with_130(tmp_path: Path) -> None:
    # An interrupt inside code compiled from a string (as a dataclass's __init__ is made during a lazy
    # import) is marked unhandled by CPython even once caught, which made the process die by SIGINT.
    run = run_as_sitrep(tmp_path, "cli.run_report = lambda argv: exec('raise KeyboardInterrupt')\n")
    assert run.returncode == 130 and run.stderr == "sitrep: interrupted\n"


def test_an_interrupt_python_could_only_print_still_exits_with_130(tmp_path: Path) -> None:
    # Ctrl+c handled while a finalizer runs raises there, where Python prints it as "Exception
    # ignored" and goes on: the run ended with 0, as if ctrl+c had never been pressed.
    run = run_as_sitrep(tmp_path, (
        "class Finalized:\n"
        "    def __del__(self):\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "        sum(range(1000))  # the signal is handled here, inside the finalizer\n"
        "def run_report(argv):\n"
        "    Finalized()\n"
        "    return 0\n"
        "cli.run_report = run_report\n"), preexec_fn=interruptible)
    assert "Exception ignored" in run.stderr  # the interrupt was indeed swallowed where it was raised
    assert run.returncode == 130 and run.stderr.endswith("sitrep: interrupted\n")


def test_the_readme_alias_example_finds_the_actor(workspace: Workspace) -> None:
    run = dembele_report(workspace, "General Abass Dembele")
    assert run.code == 0 and run.json()["actors"][0]["name"] == "Abass Dembele"


def test_a_typo_finds_the_actor_as_in_the_dashboard(workspace: Workspace) -> None:
    actors = report(workspace, "--format", "json", "--actor", "Asimi Goitaa").json()["actors"]
    assert actors[0]["name"] == "Asimi Goïta"


def test_the_report_and_the_dashboard_narrow_with_one_filter() -> None:
    import sitrep.query
    import sitrep.tui.view

    assert sitrep.tui.view.filter_situation is sitrep.query.filter_situation


def test_the_report_and_the_dashboard_ask_one_matcher() -> None:
    import sitrep.query
    import sitrep.tui.view

    assert sitrep.tui.view.find_actor is sitrep.query.find_actor
    assert sitrep.tui.view.ActorIndex is sitrep.query.ActorIndex


class _Terminal(io.StringIO):
    """A text stream that says it is a terminal, as stderr in a shell does."""

    def isatty(self) -> bool:
        return True


def test_the_progress_bar_on_a_terminal_shows_articles_per_second_and_time_left(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sitrep.cli import progress_bar
    from sitrep.engine import Progress

    clock = iter(float(t) for t in range(100))
    monkeypatch.setattr("time.monotonic", lambda: next(clock))
    stream = _Terminal()
    bar = progress_bar(stream)
    assert bar is not None
    for done in (0, 10, 20, 30):
        bar(Progress("analysing", done, 100))
    assert bar._bar is not None
    bar._bar.refresh()
    drawn = stream.getvalue()
    bar(Progress("done", 100, 100))
    assert "articles/s" in drawn and "30/100" in drawn and re.search(r"\d:\d\d:\d\d", drawn)


def test_no_progress_bar_is_drawn_when_stderr_is_not_a_terminal() -> None:
    from sitrep.cli import progress_bar

    assert progress_bar(io.StringIO()) is None
