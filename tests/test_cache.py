"""Tests for `sitrep.cache`: results by content hash and pipeline version, and a cache that is never fatal.

The last section runs the real `Engine` over a temporary copy of `seeds/` with the cache in a
temporary folder: a warm run parses nothing and a changed file re-parses only itself.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
import zlib
from pathlib import Path

import pytest

from sitrep.cache import SCHEMA_VERSION, NullCache, ResultCache, open_cache
from sitrep.config import Config, parse_config
from sitrep.engine import Engine
from sitrep.model import (
    ActorMention,
    ArticleResult,
    Claim,
    ContextItem,
    Dispute,
    Evidence,
    StatusEvent,
)
from sitrep.version import pipeline_version

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_NAME = "mali_2025_coup_plot_soldiers_arrested.txt"
SECOND_ARTICLE = (
    "Soldiers Detained In Bamako\n\n"
    "General Abass Dembele was detained in Bamako on Monday, AFP reported.\n\n"
    "The junta did not comment on the arrests.\n"
)


def make_result(content_hash: str = "a" * 64, path: str = "a.txt") -> ArticleResult:
    """An `ArticleResult` using every kind of nested record, so a round trip checks them all."""
    evidence = Evidence(path, "General Abass Dembele was arrested, AFP said.", "f00d")
    return ArticleResult(
        path=path,
        title="Soldiers arrested",
        outlet="AFP",
        date="2025-08-10",
        content_hash=content_hash,
        mtime=1754800000.5,
        words=120,
        actors=[
            ActorMention(
                "Abass Dembele", "person", aliases=["Dembele"], roles=["General"], evidence=[evidence]
            ),
            ActorMention("AFP", "organisation", evidence=[evidence], cited_as_source=True),
        ],
        events=[StatusEvent("Abass Dembele", "arrested", "denied", "reported", "a friend", evidence)],
        disputes=[
            Dispute(
                "soldiers arrested",
                "numeric",
                [Claim("20 to 50 soldiers", "AFP", "figure", path, evidence.sentence, (20.0, 50.0))],
                actors=["AFP"],
                weight=0.5,
            )
        ],
        context=[ContextItem("history", "coups in 2020 and 2021", years=[2020, 2021], evidence=[evidence])],
        sentences=9,
        duplicates_removed=5,
    )


def corrupt_files(folder: Path) -> list[str]:
    """Names of the files set aside as `*.corrupt` in `folder`."""
    return sorted(p.name for p in folder.glob("*.corrupt"))


# --- round trip ------------------------------------------------------------------------------


def test_a_result_comes_back_unchanged_by_its_content_hash(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    result = make_result()
    cache.put_many([result])
    assert cache.get_many([result.content_hash]) == {result.content_hash: result}
    assert cache.problem is None


def test_a_second_open_finds_the_stored_result(tmp_path: Path) -> None:
    first = ResultCache(tmp_path / "c.sqlite3", "v1")
    first.put_many([make_result()])
    first.close()
    second = ResultCache(tmp_path / "c.sqlite3", "v1")
    assert second.get_many(["a" * 64]) == {"a" * 64: make_result()}


def test_a_different_pipeline_version_misses(tmp_path: Path) -> None:
    ResultCache(tmp_path / "c.sqlite3", "v1").put_many([make_result()])
    assert ResultCache(tmp_path / "c.sqlite3", "v2").get_many(["a" * 64]) == {}


def test_unknown_hashes_are_left_out(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    cache.put_many([make_result()])
    assert set(cache.get_many(["a" * 64, "b" * 64, "a" * 64])) == {"a" * 64}
    assert cache.get_many([]) == {}


def test_many_hashes_are_looked_up_in_one_call(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    results = [make_result(f"{i:064x}", f"{i}.txt") for i in range(1200)]
    cache.put_many(results)
    found = cache.get_many(r.content_hash for r in results)
    assert len(found) == 1200 and found[f"{7:064x}"].path == "7.txt"


def test_storing_the_same_hash_again_replaces_it(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    cache.put_many([make_result(path="old.txt")])
    cache.put_many([make_result(path="new.txt")])
    assert cache.get_many(["a" * 64])["a" * 64].path == "new.txt"


def test_the_cache_folder_is_created(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "deep" / "er" / "c.sqlite3", "v1")
    cache.put_many([make_result()])
    assert (tmp_path / "deep" / "er" / "c.sqlite3").is_file() and cache.problem is None


# --- bad cache files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        random.Random(7).randbytes(8192),
        b"this is a text file, not a database\n" * 20,
        b"SQLite format 3\x00" + random.Random(8).randbytes(4080),
    ],
    ids=["random bytes", "text", "sqlite header then garbage"],
)
def test_a_corrupt_cache_file_is_set_aside_and_rebuilt(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(content)
    cache = ResultCache(path, "v1")
    assert cache.problem is not None and "rebuilt" in cache.problem
    assert (tmp_path / "c.sqlite3.corrupt").read_bytes() == content
    cache.put_many([make_result()])
    assert cache.get_many(["a" * 64]) == {"a" * 64: make_result()}


def test_a_foreign_sqlite_database_is_set_aside_untouched_and_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE users (name TEXT)")
    other.execute("INSERT INTO users VALUES ('alice')")
    other.commit()
    other.close()
    cache = ResultCache(path, "v1")
    cache.put_many([make_result()])
    assert cache.problem is not None and "a" * 64 in cache.get_many(["a" * 64])
    kept = sqlite3.connect(tmp_path / "c.sqlite3.corrupt")
    assert kept.execute("SELECT name FROM users").fetchall() == [("alice",)]
    assert kept.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # not switched to WAL
    kept.close()


def test_a_database_of_another_application_with_a_results_table_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE results (hash TEXT, version TEXT, data BLOB, used REAL)")
    other.execute("PRAGMA application_id = 1234")
    other.commit()
    other.close()
    cache = ResultCache(path, "v1")
    cache.put_many([make_result()])
    assert cache.problem is not None and corrupt_files(tmp_path) == ["c.sqlite3.corrupt"]
    assert "a" * 64 in cache.get_many(["a" * 64])


def test_an_old_schema_of_our_own_is_replaced_without_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    ours = ResultCache(path, "v1")
    ours.close()
    old = sqlite3.connect(path)
    old.execute("DROP TABLE results")
    old.execute("CREATE TABLE results (hash TEXT PRIMARY KEY, blob BLOB)")
    old.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    old.commit()
    old.close()
    cache = ResultCache(path, "v1")
    cache.put_many([make_result()])
    assert cache.problem is None and "a" * 64 in cache.get_many(["a" * 64])


def test_an_empty_file_is_used_as_a_new_cache(tmp_path: Path) -> None:
    (tmp_path / "c.sqlite3").write_bytes(b"")
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    cache.put_many([make_result()])
    assert cache.problem is None and corrupt_files(tmp_path) == []
    assert "a" * 64 in cache.get_many(["a" * 64])


def test_an_unreadable_entry_is_a_miss_not_an_error(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite3", "v1")
    cache.put_many([make_result("a" * 64), make_result("b" * 64)])
    cache.close()
    db = sqlite3.connect(tmp_path / "c.sqlite3")
    db.execute("UPDATE results SET data = ? WHERE hash = ?", (b"not zlib", "a" * 64))
    db.execute("UPDATE results SET data = ? WHERE hash = ?", (zlib.compress(b'{"path": 3}'), "b" * 64))
    db.commit()
    db.close()
    assert ResultCache(tmp_path / "c.sqlite3", "v1").get_many(["a" * 64, "b" * 64]) == {}


def test_a_cache_that_cannot_be_created_runs_without_a_cache(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    cache = ResultCache(tmp_path / "file" / "c.sqlite3", "v1")
    cache.put_many([make_result()])
    assert cache.get_many(["a" * 64]) == {}
    assert cache.problem is not None and "without a cache" in cache.problem


def test_a_cache_file_corrupted_while_open_is_rebuilt_on_the_next_write(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    cache = ResultCache(path, "v1")
    cache.put_many([make_result("a" * 64)])
    cache.close()
    cache = ResultCache(path, "v1")
    for name in ("c.sqlite3", "c.sqlite3-wal", "c.sqlite3-shm"):
        if (tmp_path / name).exists():
            (tmp_path / name).write_bytes(random.Random(name).randbytes(8192))
    cache.get_many(["a" * 64])
    cache.put_many([make_result("b" * 64)])
    assert "b" * 64 in cache.get_many(["b" * 64])
    assert cache.problem is not None


# --- two processes ---------------------------------------------------------------------------

_WORKER = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from test_cache import make_result
    from sitrep.cache import ResultCache

    path, me, other = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    cache = ResultCache(path, "v1")
    seen_other = 0
    for i in range(60):
        mine = make_result(f"{{me}}{{i:063x}}", f"{{me}}/{{i}}.txt")
        cache.put_many([mine])
        assert cache.get_many([mine.content_hash]) == {{mine.content_hash: mine}}, i
        found = cache.get_many(f"{{other}}{{j:063x}}" for j in range(60))
        assert all(r.path.startswith(other + "/") for r in found.values())
        seen_other = max(seen_other, len(found))
    print(json.dumps({{"problem": cache.problem, "seen_other": seen_other}}))
    """
).format(tests=str(Path(__file__).parent))


def run_workers(script: str, argument_lists: list[list[str]]) -> list[str]:
    """Run `script` in one Python process per argument list, all at once; their outputs."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", script, *arguments],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        for arguments in argument_lists
    ]
    outputs = [w.communicate(timeout=60) for w in workers]
    for worker, (_, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err
    return [out for out, _ in outputs]


def test_two_processes_write_and_read_one_cache_file_at_once(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    outputs = run_workers(_WORKER, [[str(path), "a", "b"], [str(path), "b", "a"]])
    assert [json.loads(out)["problem"] for out in outputs] == [None, None]
    assert corrupt_files(tmp_path) == []
    everything = ResultCache(path, "v1").get_many(f"{me}{i:063x}" for me in "ab" for i in range(60))
    assert len(everything) == 120


_OPENER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from sitrep.cache import ResultCache

    folder, start, rounds = Path(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    for r in range(rounds):
        while time.time() < start + r * 0.03:  # every process opens file r at the same moment
            pass
        cache = ResultCache(folder / f"{r}.sqlite3", "v1")
        print(cache.problem)
        cache.close()
    """
)


def test_processes_opening_a_new_cache_at_the_same_moment_never_set_it_aside(tmp_path: Path) -> None:
    start = f"{time.time() + 1.0:.3f}"
    outputs = run_workers(_OPENER, [[str(tmp_path), start, "15"] for _ in range(4)])
    problems = {line for out in outputs for line in out.splitlines()}
    assert problems == {"None"}
    assert corrupt_files(tmp_path) == []


# --- NullCache and open_cache ----------------------------------------------------------------


def test_null_cache_holds_nothing() -> None:
    cache = NullCache()
    cache.put_many([make_result()])
    assert cache.get_many(["a" * 64]) == {}
    cache.close()


def test_open_cache_uses_the_configured_path_and_pipeline_version(tmp_path: Path) -> None:
    config = parse_config({"cache": {"path": "sub/c.sqlite3"}}, base_dir=tmp_path)
    cache = open_cache(config)
    assert cache.path == tmp_path / "sub" / "c.sqlite3"
    assert cache.version == pipeline_version(config)
    cache.close()


def test_changing_the_user_patterns_changes_the_pipeline_version(tmp_path: Path) -> None:
    patterns = tmp_path / "p.jsonl"
    config = parse_config({"model": {"patterns": str(patterns)}})
    patterns.write_text('{"label": "ORG", "pattern": "Zorblax"}\n', encoding="utf-8")
    before = pipeline_version(config)
    patterns.write_text('{"label": "ORG", "pattern": "Zorblax Monitor"}\n', encoding="utf-8")
    assert pipeline_version(config) != before != pipeline_version(Config())


# --- the engine with a cache -----------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A temporary copy of `seeds/` plus one short second article."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    (target / "second.txt").write_text(SECOND_ARTICLE, encoding="utf-8")
    return target


@pytest.fixture
def config(tmp_path: Path) -> Config:
    """Settings with the cache in the test's temporary folder."""
    return parse_config({"cache": {"path": str(tmp_path / "cache" / "c.sqlite3")}})


def analyse(config: Config, folder: Path) -> tuple[int, dict, bool]:
    """Run a fresh engine: (articles parsed, the report as a dict, whether spaCy was loaded)."""
    engine = Engine(config)
    try:
        situation = engine.analyse(folder)
        return engine.parsed_last_run, situation.to_dict(), engine.model_loaded
    finally:
        engine.close()


def test_a_warm_run_parses_nothing_loads_no_model_and_gives_the_same_report(
    config: Config, folder: Path
) -> None:
    parsed, cold, _ = analyse(config, folder)
    assert parsed == 2
    parsed, warm, loaded = analyse(config, folder)
    assert (parsed, loaded) == (0, False)
    assert warm == cold


def test_a_changed_file_re_parses_only_itself(config: Config, folder: Path) -> None:
    engine = Engine(config)
    engine.analyse(folder)
    with (folder / "second.txt").open("a", encoding="utf-8") as f:
        f.write("\nGeneral Nema Sagara was also detained, the source said.\n")
    situation = engine.analyse(folder)
    engine.close()
    assert engine.parsed_last_run == 1
    assert {a.path for a in situation.articles} == {SEED_NAME, "second.txt"}


def test_a_renamed_file_is_not_re_parsed_and_its_evidence_names_the_new_file(
    config: Config, folder: Path
) -> None:
    analyse(config, folder)
    (folder / "second.txt").rename(folder / "renamed.txt")
    parsed, report, _ = analyse(config, folder)
    assert parsed == 0
    files = {e["file"] for actor in report["actors"] for e in actor["evidence"]}
    assert "renamed.txt" in files and "second.txt" not in files


def test_with_the_cache_disabled_every_run_parses_everything(folder: Path, tmp_path: Path) -> None:
    config = parse_config({"cache": {"enabled": False, "path": str(tmp_path / "c.sqlite3")}})
    Engine(config).analyse(folder)
    engine = Engine(config)  # a restart: nothing on disk to reuse
    engine.analyse(folder)
    engine.close()
    assert engine.parsed_last_run == 2
    assert not (tmp_path / "c.sqlite3").exists()


def test_a_corrupt_cache_file_does_not_stop_the_engine(config: Config, folder: Path) -> None:
    config.cache_path.parent.mkdir(parents=True)
    config.cache_path.write_bytes(random.Random(1).randbytes(4096))
    parsed, report, _ = analyse(config, folder)
    assert parsed == 2 and len(report["articles"]) == 2
    assert analyse(config, folder)[0] == 0
