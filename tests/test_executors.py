"""`--executor` and the Engine's `executor`: parsing on workers other than the engine's own pool
gives exactly the in-process report, and each worker loads the model once.

The Dask tests start a `distributed.LocalCluster` (2 worker processes, one thread each) once for
the module and run `sitrep report --executor dask://...` in this process against it; they are
skipped when the `dask` extra is not installed (the `test` extra installs it, so CI runs them).
The folder of several articles is written here: short made-up reports, enough for several
chunks over both workers.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import sitrep
from sitrep import engine as engine_module
from sitrep.cli import main
from sitrep.config import Config, load_config
from sitrep.engine import Engine
from sitrep.executors import ExecutorError, dask_address, open_executor

if TYPE_CHECKING:
    from distributed import Client

ROOT = Path(__file__).resolve().parents[1]

needs_dask = pytest.mark.skipif(importlib.util.find_spec("distributed") is None,
                                reason="needs the dask extra: pip install 'sitrep[dask]'")

ARTICLES = {
    "harbour-strike.txt": """Dock workers strike in Port Verena as talks stall

PORT VERENA, 3 March 2025 (Coastal Wire) - Dock workers walked off the job at the harbour of
Port Verena on Monday after talks with the port authority broke down, union leaders said.

The Verena Dockers Union said 4,000 members had joined the strike. The port authority said
fewer than 1,500 workers had stayed away and that most berths were still working.

Police arrested six protesters outside the authority's offices, a spokesman for the police said.
""",
    "harbour-minister.txt": """Minister calls harbour strike illegal

PORT VERENA, 4 March 2025 (Daily Courier) - The transport minister, Alda Korin, said on Tuesday
that the strike at the harbour of Port Verena was illegal and urged workers to return.

Union leader Tomas Brel denied that the strike broke the law. "Our members gave notice weeks
ago," he told reporters. The union said 5,000 workers were now on strike.
""",
    "border-shelling.txt": """Shelling reported near northern border crossing

NORTH GATE, 5 March 2025 (Coastal Wire) - Artillery shells struck a village near the North Gate
border crossing overnight, killing three civilians, local officials said.

The army said it had not fired on the village and blamed an armed group operating across the
border. The group denied any involvement in a statement on Wednesday.
""",
    "aid-convoy.txt": """Aid convoy reaches flooded district

LOWER MARSH, 6 March 2025 (Daily Courier) - A convoy of 20 trucks carrying food and medicine
reached the flooded Lower Marsh district on Thursday, the Red Crescent said.

Officials said about 12,000 people had been displaced by the floods, while aid groups put the
figure at nearly 18,000.
""",
    "talks-resume.txt": """Port talks to resume on Friday

PORT VERENA, 7 March 2025 (Coastal Wire) - The port authority and the Verena Dockers Union agreed
to resume talks on Friday, the labour ministry said, as the strike entered its fifth day.

Alda Korin said the government would not pay striking workers for the days they missed.
""",
    "curfew.txt": """Curfew imposed in North Gate after clashes

NORTH GATE, 8 March 2025 (Daily Courier) - Authorities imposed a night curfew in North Gate on
Saturday after clashes between residents and soldiers, the regional governor said.

Residents said soldiers had fired into the air to disperse a crowd. The army said troops had
used only tear gas.
""",
}


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports written at a fixed time, so two of them compare equal."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary folder with a copy of `seeds/`, the articles above, and a config.toml."""
    tmp = tmp_path_factory.mktemp("executors")
    shutil.copytree(ROOT / "seeds", tmp / "seeds")
    (tmp / "articles").mkdir()
    for name, text in ARTICLES.items():
        (tmp / "articles" / name).write_text(text, encoding="utf-8")
    (tmp / "config.toml").write_text(f'[cache]\npath = "{tmp / "cache.sqlite3"}"\n', encoding="utf-8")
    return tmp


def json_report(workspace: Path, folder: str, *options: str) -> dict[str, Any]:
    """`sitrep report FOLDER --format json --no-cache` in this process, as parsed JSON."""
    out = workspace / "report.json"
    code = main(["report", str(workspace / folder), "--format", "json", "--no-cache", "-o", str(out),
                 "--config", str(workspace / "config.toml"), *options])
    assert code == 0
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cluster() -> Iterator[tuple[str, Client]]:
    """A local Dask cluster of 2 worker processes: its `dask://` URL and a client to inspect it."""
    from distributed import Client, LocalCluster

    with (LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as local,
          Client(local) as client):
        yield local.scheduler_address.replace("tcp://", "dask://"), client


def model_loads(client: Client) -> list[int]:
    """How many times each worker of the cluster has loaded the pipeline."""
    loads = client.run(lambda: __import__("sitrep.engine").engine.worker_loads)
    return sorted(loads.values())


@needs_dask
def test_each_dask_worker_loads_the_model_once(workspace: Path, cluster: tuple[str, Client]) -> None:
    """The worker plugin loads it as the executor opens, before any task; chunks (six here, over
    both workers) and later runs with the same config reuse it."""
    url, client = cluster
    config = load_config(workspace / "config.toml")
    config.cache.enabled = False  # as --no-cache sets it
    with open_executor(url, config):
        assert model_loads(client) == [1, 1]
    json_report(workspace, "articles", "--executor", url)
    json_report(workspace, "articles", "--executor", url)
    assert model_loads(client) == [1, 1]


@needs_dask
@pytest.mark.parametrize("folder", ["seeds", "articles"])
def test_a_dask_cluster_gives_the_in_process_report(workspace: Path, cluster: tuple[str, Client],
                                                     folder: str) -> None:
    url, _client = cluster
    assert json_report(workspace, folder, "--executor", url) == json_report(workspace, folder)


@needs_dask
def test_an_unreachable_scheduler_is_a_clear_error(workspace: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sitrep.executors.CONNECT_TIMEOUT", 1.0)
    code = main(["report", str(workspace / "seeds"), "--executor", "dask://127.0.0.1:9",
                 "--config", str(workspace / "config.toml")])
    assert code == 2
    assert "cannot reach the Dask scheduler at dask://127.0.0.1:9" in capsys.readouterr().err


def test_without_dask_the_executor_option_names_the_extra(workspace: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed raises ImportError
    monkeypatch.setitem(sys.modules, "sitrep.dask_workers", None)
    monkeypatch.delattr(sitrep, "dask_workers", raising=False)  # as if never imported
    out = workspace / "not-written.json"
    code = main(["report", str(workspace / "seeds"), "--executor", "dask://127.0.0.1:8786", "-o", str(out),
                 "--config", str(workspace / "config.toml")])
    assert code == 2
    assert "pip install 'sitrep[dask]'" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("url", ["ray://127.0.0.1:10001", "dask://127.0.0.1", "dask://host:8786/path",
                                 "127.0.0.1:8786"])
def test_an_executor_url_other_than_dask_host_port_is_a_usage_error(
        url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["report", "seeds", "--executor", url])
    assert exit_.value.code == 2
    assert "dask://HOST:PORT" in capsys.readouterr().err


def test_jobs_and_executor_together_are_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["extract", "seeds", "--jobs", "2", "--executor", "dask://127.0.0.1:8786"])
    assert exit_.value.code == 2
    assert "--jobs and --executor" in capsys.readouterr().err


def test_a_dask_url_names_the_scheduler_over_tcp() -> None:
    assert dask_address("dask://10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    assert dask_address("dask://[::1]:8786") == "tcp://[::1]:8786"
    with pytest.raises(ExecutorError):
        dask_address("dask://:8786")


def test_the_engine_parses_on_any_executor_it_is_given(workspace: Path) -> None:
    """A pool with no initializer (threads here) works: each task carries the config, and the
    worker side loads the pipeline for it on the first chunk."""
    config = Config(base_dir=ROOT)
    config.cache.enabled = False
    config.model.batch_size = 2
    reference = Engine(config).analyse(workspace / "articles")
    with ThreadPoolExecutor(max_workers=2) as pool:
        engine = Engine(config, executor=pool)
        situation = engine.analyse(workspace / "articles")
        engine.close()
        assert pool.submit(lambda: 1).result() == 1  # close leaves the caller's executor running
    assert not engine.model_loaded  # the executor's workers parsed, not the engine
    assert engine.parsed_last_run == len(ARTICLES)
    assert engine_module._worker_nlp is not None  # loaded on the worker side of this process
    assert situation.to_dict() == reference.to_dict()
