"""Dask distributed workers that parse for sitrep (the `dask` extra; see `sitrep.executors`).

A worker plugin loads the pipeline into each worker process when it joins, so every worker
loads the model once, and the engine's task function (`sitrep.engine._worker_parse`) finds it
there. Tasks carry articles and the config, never the `nlp` object.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from distributed import Client, WorkerPlugin

if TYPE_CHECKING:
    from distributed import Worker

    from .config import Config

PLUGIN_NAME = "sitrep-pipeline"


class PipelinePlugin(WorkerPlugin):
    """Loads sitrep's pipeline for one config into each worker, including workers that join later."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def setup(self, worker: Worker) -> None:
        """Load the pipeline in this worker's process (before its first task)."""
        from .engine import load_worker_pipeline

        load_worker_pipeline(self.config)


def connect(address: str, config: Config, *, timeout: float) -> Client:
    """A client of the scheduler at `address` whose workers have loaded the pipeline for `config`."""
    client = Client(address, timeout=timeout)
    try:
        client.register_plugin(PipelinePlugin(config), name=PLUGIN_NAME)
    except BaseException:
        client.close()
        raise
    return client
