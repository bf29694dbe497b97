"""The work an audit hands to a worker: check the distinct posts of one partition.

The same function runs in a local worker process (``ProcessPoolExecutor``, which loads the engine in its
initializer) and on a Dask worker (which loads it on its first task): each process keeps one engine per
policy, in a module global, for every partition it is given. A worker is one core: the encoder runs on one
thread, and a Dask worker with several threads checks one partition at a time.

This module imports nothing heavy at import time, so that a worker process can set the thread counts of
the numerical libraries before they load.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from postguard.types import Post

if TYPE_CHECKING:
    from postguard.engine import Engine

# One thread per worker for the libraries that would otherwise start one per core (what Dask's nanny sets
# for its workers too). Set before numpy and onnxruntime load in a local worker process.
SINGLE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
# The Dask settings docs/guide.md gives for audit workers (as ``DASK_...`` variables for ``dask worker``,
# or ``dask.config.set`` before a LocalCluster). A partition keeps its worker's one core busy for a second
# or two; Dask's defaults spend some of that core on watching: a statistical profiler that samples the
# running task every 10 ms, an event-loop health tick every 20 ms and a system monitor every 0.5 s, each
# waking the worker's event loop, which must then take the interpreter lock from the task. Measured by
# bench/audit.py: on 2 cores a two-worker LocalCluster with these settings checks some 5% more posts a
# second than with the defaults. Nothing else changes: the dashboard still works, with no profile page.
DASK_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
}
# Results the encoder keeps per process. An audit never checks the same text twice (identical posts share
# a key), so the encoder's cache need only hold one partition's chunks (the semantic and abuse analyzers
# read each chunk's one pass); its default (20,000 chunks, some 100 MB) would only grow a worker's memory.
CHUNKS_PER_POST = 8
MIN_CACHE_CHUNKS = 2_000


@dataclass(frozen=True, slots=True)
class Task:
    """A partition's distinct posts, each with its key; the policy packs (paths every worker can read)."""

    partition: str
    posts: tuple[tuple[str, Post], ...]
    packs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Done:
    """Each key's report (its JSON without the post's id: posts that share the key each get their own)."""

    partition: str
    reports: tuple[tuple[str, str], ...]
    seconds: float
    worker: int


_engines: dict[tuple[str, ...], Engine] = {}
_lock = threading.Lock()


def init_worker(packs: Sequence[str] = (), cache_chunks: int = MIN_CACHE_CHUNKS) -> None:
    """The initializer of a local worker process: one thread, then the engine, loaded once."""
    for name, value in SINGLE_THREAD.items():
        os.environ[name] = value
    engine(tuple(packs), cache_chunks)


def engine(packs: tuple[str, ...], cache_chunks: int = MIN_CACHE_CHUNKS) -> Engine:
    """This process's engine for ``packs``, made and loaded on first use."""
    found = _engines.get(packs)
    if found is not None:
        return found
    from postguard.analyzers import embeddings
    from postguard.engine import Engine
    from postguard.policy.pack import load_pack

    made = Engine(load_pack(*packs))
    for analyzer in made.registry.text():
        encoder = getattr(analyzer, "encoder", None)
        if isinstance(encoder, embeddings.Encoder):
            encoder.threads = 1
    embeddings.CACHE_CHUNKS = min(embeddings.CACHE_CHUNKS, max(MIN_CACHE_CHUNKS, cache_chunks))
    for text in made.registry.text():  # the photo models load when a post with photos first comes
        text.load()
    _engines[packs] = made
    return made


def ready() -> None:
    """A task that does nothing: submitted first, so that the local workers start (and load the engine in
    their initializer) before any partition is ready."""


def warm(packs: Sequence[str] = (), cache_chunks: int = MIN_CACHE_CHUNKS) -> None:
    """Load this (Dask) worker's engine ahead of its first partition."""
    with _lock:
        engine(tuple(packs), cache_chunks)


def cache_chunks_for(partition_size: int) -> int:
    return max(MIN_CACHE_CHUNKS, CHUNKS_PER_POST * partition_size)


def check_partition(task: Task, cache_chunks: int = MIN_CACHE_CHUNKS) -> Done:
    """Check the task's posts in one batch; each report's JSON, by key."""
    from postguard.report.model import report_json

    with _lock:  # one partition at a time per process: the engine is not shared between threads
        started = time.perf_counter()
        checker = engine(task.packs, cache_chunks)
        reports = checker.check_many([post for _, post in task.posts])
        out = []
        for (key, _), report in zip(task.posts, reports, strict=True):
            data = report_json(report)
            data.pop("id", None)
            out.append((key, json.dumps(data, ensure_ascii=False, separators=(",", ":"))))
        return Done(task.partition, tuple(out), time.perf_counter() - started, os.getpid())
