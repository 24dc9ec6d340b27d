"""Where ``report`` runs its per-file and per-story work: here, or on a Dask cluster.

An engine maps a picklable function over a list of items and yields the results in the
items' order, as each becomes available, so a report streams out in a stable order
whatever the engine. Work goes out in batches (a task per batch of items, never per
pair: scheduling one small task per pair costs more than the work).

``local`` runs in this process (``jobs`` 1) or in a pool of ``jobs`` processes.
``dask`` submits the batches to a Dask distributed scheduler: an existing cluster at
``scheduler`` (``tcp://host:8786``; its workers need rewritelint installed), or a
``LocalCluster`` of ``jobs`` worker processes started for the run. Dask is an optional
extra (``pip install 'rewritelint[dask]'``) imported only by this engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial
from typing import Any, TypeVar

from rewritelint.errors import EngineError

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local", "dask")
"""What ``report --engine`` accepts."""
BATCHES_PER_WORKER = 8
"""Batches per worker: enough to even out uneven stories, few enough to keep the
scheduling overhead negligible."""


def _run_batch(function: Callable[[T], R], batch: Sequence[T]) -> list[R]:
    return [function(item) for item in batch]


def batches(items: Sequence[T], workers: int) -> list[Sequence[T]]:
    """``items`` cut into consecutive batches, about ``BATCHES_PER_WORKER`` per worker."""
    size = max(1, -(-len(items) // (max(1, workers) * BATCHES_PER_WORKER)))
    return [items[i : i + size] for i in range(0, len(items), size)]


class LocalEngine:
    """This process, or a pool of ``jobs`` processes."""

    def __init__(self, jobs: int = 1) -> None:
        self.jobs = max(1, jobs)
        self._pool: Any = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        # terminate, not join: on Ctrl-C the stories in flight are not waited for.
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def map(self, function: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        if self.jobs == 1 or len(items) < 2:
            for item in items:
                yield function(item)
            return
        if self._pool is None:
            from multiprocessing import Pool

            self._pool = Pool(self.jobs)
        for batch in self._pool.imap(partial(_run_batch, function), batches(items, self.jobs)):
            yield from batch


class DaskEngine:
    """A Dask distributed cluster: ``scheduler`` names a running one, else a
    ``LocalCluster`` of ``jobs`` single-threaded worker processes is started."""

    def __init__(self, scheduler: str | None = None, jobs: int = 1) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise EngineError(
                "the dask engine needs Dask: pip install 'rewritelint[dask]'"
            ) from None
        self._cluster: Any = None
        try:
            if scheduler:
                self._client = Client(scheduler, timeout="10s", set_as_default=False)
            else:
                self._cluster = LocalCluster(
                    n_workers=max(1, jobs),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                )
                self._client = Client(self._cluster, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            self.close()
            where = scheduler or "a local cluster"
            raise EngineError(f"cannot reach the Dask scheduler at {where}: {exc}") from None
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})) or jobs)

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        client = getattr(self, "_client", None)
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def map(self, function: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
        if not items:
            return
        chunks = batches(items, self.workers)
        submitted = [
            self._client.submit(_run_batch, function, chunk, pure=False) for chunk in chunks
        ]
        try:
            for future in submitted:  # in order: results stream as the head finishes
                yield from future.result()
        finally:
            for future in submitted:
                future.cancel()


def make_engine(name: str, jobs: int, scheduler: str | None = None) -> LocalEngine | DaskEngine:
    """The engine ``report --engine NAME`` asks for."""
    if name == "dask" or scheduler:
        return DaskEngine(scheduler, jobs)
    return LocalEngine(jobs)
