"""Running an audit (``postguard audit run``): import archives, check their posts in partitions on local
worker processes or a Dask cluster, write each partition as it finishes, and resume after a crash.

The path of a run:

1. The policy packs are loaded and each archive is fingerprinted (its content); the output folder's
   manifest must hold the same settings, or none (:mod:`postguard.audit.store`).
2. When the progress bar is drawn (standard error is a terminal), a thread counts each archive's
   publications for its total while the run goes on; the counts are kept in the manifest.
3. Each archive is imported as a stream and cut into partitions (:mod:`postguard.audit.partition`). A
   partition already written by an earlier run is skipped. Of the others, only posts whose key has not
   been seen in the run go to a worker (:func:`postguard.audit.worker.check_partition`); a post whose
   identical twin came earlier is given that post's report when its partition is written.
4. At most two partitions per worker are out at once. Each result is written to
   ``partitions/<id>.jsonl`` atomically as soon as the partitions holding the reports it shares are
   written. The last partition of an archive is written before the next archive is opened (its photos,
   extracted into ``DIR/media``, are removed as each partition is written).
5. The outputs (``reports.jsonl``, ``findings.csv``, ``report.html``, ``skipped.jsonl``) are built from
   the partitions in order (:mod:`postguard.audit.outputs`), and the manifest says the run is complete.

Killing the run at any point and starting the same command again loses nothing and checks nothing twice
that was written: a partition file is whole or absent.

Workers: ``workers=N`` local processes (default: one per core; ``0`` checks in this process), or
``scheduler="tcp://host:8786"``: the same partition function on a Dask cluster's workers, which must
have this version of Postguard installed and see the same file system as this process (the output
folder, where photos are extracted, and any policy pack): on Slurm, a shared file system, with the
cluster started by dask-jobqueue (``docs/guide.md``).
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import datetime as dt
import hashlib
import json
import multiprocessing
import os
import signal
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, Protocol

from postguard import __version__
from postguard.audit.archive import DEFAULT_LIMITS, Limits
from postguard.audit.importing import ArchiveImport, import_archive, to_post
from postguard.audit.model import ImportedItem, ImportProblem
from postguard.audit.partition import Partition, dedup_key, file_sha256, partitions
from postguard.audit.progress import Progress, duration
from postguard.audit.store import Store
from postguard.audit.worker import Done, Task, cache_chunks_for, check_partition, init_worker, ready, warm
from postguard.errors import ArchiveError, UsageError
from postguard.types import AccountKind, Post

DEFAULT_PARTITION_SIZE = 256
IN_FLIGHT_PER_WORKER = 2
CACHE_REPORTS = 4_096  # reports of recent keys kept to give to identical posts; older ones are read back
DASK_TIMEOUT_S = 15


@dataclass(slots=True)
class AuditSummary:
    """What a run did. ``checked`` posts went through the engine in this run; ``shared`` were given the
    report of an identical post; ``resumed`` were in partitions an earlier run had written."""

    out: Path
    posts: int = 0
    checked: int = 0
    shared: int = 0
    resumed: int = 0
    partitions: int = 0
    skipped: int = 0
    errors: int = 0
    left_out: dict[str, int] = field(default_factory=dict)
    verdicts: dict[str, int] = field(default_factory=dict)
    findings: int = 0
    seconds: float = 0.0
    workers: str = ""

    def line(self) -> str:
        verdicts = ", ".join(f"{n:,} {v}" for v, n in sorted(self.verdicts.items())) or "none"
        earlier = f", {self.resumed:,} from an earlier run" if self.resumed else ""
        rate = (self.checked + self.shared) / self.seconds if self.seconds > 0 else 0.0
        parts = [
            f"audit: {self.posts:,} posts ({self.checked:,} checked, {self.shared:,} identical to another{earlier})",
            f"in {duration(self.seconds)} ({rate:.1f} posts/s, {self.workers})",
            f"verdicts: {verdicts}",
        ]
        if self.skipped:
            parts.append(f"{self.skipped:,} archive entries skipped (skipped.jsonl)")
        return "; ".join(parts) + f"; wrote {self.out / 'report.html'}"

    def to_json(self) -> dict[str, Any]:
        return {
            "posts": self.posts,
            "checked": self.checked,
            "shared": self.shared,
            "resumed": self.resumed,
            "partitions": self.partitions,
            "skipped": self.skipped,
            "errors": self.errors,
            "left_out": self.left_out,
            "verdicts": self.verdicts,
            "findings": self.findings,
            "seconds": round(self.seconds, 3),
            "workers": self.workers,
        }


class AuditSink(Protocol):
    """Somewhere else a finished audit is stored. The registry (the governance service's database, whose
    dashboard lists audits) implements this and is passed to :func:`run_audit` as a sink: it is called
    once, when the outputs are written, with the summary and the output folder (``reports.jsonl`` has one
    line per post; ``manifest.json`` the settings). Nothing in the library knows the registry."""

    def store_audit(self, summary: AuditSummary, out: Path, manifest: dict[str, Any]) -> None: ...


# ------------------------------------------------------------------------------------------------------
# where partitions are checked


class Backend(Protocol):
    slots: int
    describe: str

    def submit(self, task: Task) -> Any: ...

    def wait(self, pending: Collection[Any]) -> set[Any]: ...

    def close(self, *, cancel: bool = False) -> None: ...


class InlineBackend:
    """Checks each partition in this process when it is submitted (``workers=0``)."""

    slots = 1
    describe = "in this process"

    def __init__(self, cache_chunks: int) -> None:
        self.cache_chunks = cache_chunks

    def submit(self, task: Task) -> cf.Future[Done]:
        future: cf.Future[Done] = cf.Future()
        try:
            future.set_result(check_partition(task, self.cache_chunks))
        except Exception as exc:
            future.set_exception(exc)
        return future

    def wait(self, pending: Collection[Any]) -> set[Any]:
        return set(pending)

    def close(self, *, cancel: bool = False) -> None:
        pass


class LocalBackend:
    """``workers`` local processes (started fresh, not forked), each loading the engine once."""

    def __init__(self, workers: int, packs: Sequence[str], cache_chunks: int) -> None:
        self.slots = workers
        self.describe = f"{workers} local worker{'s' if workers != 1 else ''}"
        self.cache_chunks = cache_chunks
        self.executor = cf.ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_worker,
            initargs=(tuple(packs), cache_chunks),
        )
        # Start the workers now rather than at the first partitions: each loads the engine (some seconds)
        # while this process opens the archives. The pool starts a process for a task that finds no idle
        # one, so one task that does nothing per worker starts them all.
        with _sigint_blocked():
            for _ in range(workers):
                self.executor.submit(ready)

    def submit(self, task: Task) -> cf.Future[Done]:
        # A worker process is started by a submit. It is started with Ctrl-C blocked (the mask is inherited
        # across its exec), so that Ctrl-C, which a terminal sends to every process of the job, stops this
        # process alone (one line, exit 130) and never prints a worker's traceback; this process then
        # shuts the workers down. Blocked here for the moment of the submit, a Ctrl-C is delivered after it.
        with _sigint_blocked():
            return self.executor.submit(check_partition, task, self.cache_chunks)

    def wait(self, pending: Collection[Any]) -> set[Any]:
        return set(cf.wait(pending, return_when=cf.FIRST_COMPLETED).done)

    def close(self, *, cancel: bool = False) -> None:
        if cancel:  # interrupted: the partitions in the workers' hands are lost anyway, and checked again
            for process in list(getattr(self.executor, "_processes", {}).values()):
                with contextlib.suppress(OSError, AttributeError):
                    process.terminate()
        self.executor.shutdown(wait=not cancel, cancel_futures=cancel)


@contextlib.contextmanager
def _sigint_blocked() -> Iterator[None]:
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - not on Linux or macOS
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class DaskBackend:
    """The workers of the Dask cluster whose scheduler is at ``address``."""

    def __init__(self, address: str, packs: Sequence[str], cache_chunks: int) -> None:
        from distributed import Client

        self.cache_chunks = cache_chunks
        try:
            self.client = Client(address, timeout=f"{DASK_TIMEOUT_S}s", set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ArchiveError("PG542", member=address, reason=str(exc).splitlines()[0][:200]) from None
        threads = sum(self.client.nthreads().values())
        self.slots = max(1, threads)
        workers = len(self.client.nthreads())
        self.describe = f"Dask at {address}: {workers} worker{'s' if workers != 1 else ''}"
        # Each worker loads the engine now, while this process opens the archives, not on its first
        # partition; a worker that has one loaded from an earlier audit returns at once. Not waited for.
        self.warming = [
            self.client.submit(warm, packs, cache_chunks, workers=[worker], allow_other_workers=False, pure=False)
            for worker in self.client.nthreads()
        ]

    def submit(self, task: Task) -> Any:
        key = f"postguard-audit-{task.partition}-{os.urandom(4).hex()}"
        return self.client.submit(check_partition, task, self.cache_chunks, key=key, pure=False)

    def wait(self, pending: Collection[Any]) -> set[Any]:
        from distributed import wait

        with self.client.as_current():
            return set(wait(list(pending), return_when="FIRST_COMPLETED").done)

    def close(self, *, cancel: bool = False) -> None:
        self.client.close()


def backend_for(workers: int | None, scheduler: str | None, packs: Sequence[str], partition_size: int) -> Backend:
    cache_chunks = cache_chunks_for(partition_size)
    if scheduler:
        if not scheduler.startswith(("tcp://", "tls://", "inproc://", "ucx://")) or scheduler.endswith("://"):
            raise UsageError("PG230", value=scheduler)
        return DaskBackend(scheduler, packs, cache_chunks)
    if workers is None:
        workers = available_cores()
    if workers == 0:
        return InlineBackend(cache_chunks)
    return LocalBackend(workers, packs, cache_chunks)


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


# ------------------------------------------------------------------------------------------------------
# the run


@dataclass(frozen=True, slots=True)
class _Source:
    path: str
    fingerprint: str


def fingerprint(path: str) -> str:
    """sha256 of a file's content; of a folder, of its files' names, sizes and modification times."""
    if os.path.isdir(path):
        digest = hashlib.sha256(b"folder\x00")
        for root, dirs, files in os.walk(path):
            dirs.sort()
            for name in sorted(files):
                full = os.path.join(root, name)
                with contextlib.suppress(OSError):
                    st = os.lstat(full)
                    rel = os.path.relpath(full, path)
                    digest.update(f"{rel}\x00{st.st_size}\x00{st.st_mtime_ns}\x00".encode("utf-8", "surrogateescape"))
        return digest.hexdigest()
    try:
        return file_sha256(path)
    except FileNotFoundError:
        raise ArchiveError("PG501", member=path) from None
    except OSError as exc:
        raise ArchiveError("PG502", member=path, reason=exc.strerror or type(exc).__name__) from None


def count_posts(
    path: str, format: str | None, limits: Limits = DEFAULT_LIMITS, stop: threading.Event | None = None
) -> int | None:
    """The publications an archive's import yields (a pass without extracting photos); None when ``stop``
    is set before the pass ends."""
    count = 0
    with import_archive(path, format, limits=limits, extract_media=False, publications_only=True) as results:
        for result in results:
            if stop is not None and stop.is_set():
                return None
            count += isinstance(result, ImportedItem)
    return count


class _Counting(threading.Thread):
    """Counts the archives' posts for the progress bar while the run goes on (a pass over a large archive
    takes minutes, and the workers need not wait for it); sets the bar's total when done. A run whose
    progress nobody sees (standard error is not a terminal: a log, a batch job) does not count at all."""

    def __init__(self, sources: Sequence[_Source], format: str | None, limits: Limits, bar: Progress) -> None:
        super().__init__(name="postguard-audit-count", daemon=True)
        self.sources, self.format, self.limits, self.bar = sources, format, limits, bar
        self.stopping = threading.Event()
        self.counts: list[int] | None = None

    def run(self) -> None:
        counts = []
        for source in self.sources:
            try:
                found = count_posts(source.path, self.format, self.limits, self.stopping)
            except (ArchiveError, OSError):  # the run itself meets the same damage and reports it
                return
            if found is None:
                return
            counts.append(found)
        self.counts = counts
        self.bar.total = sum(counts)

    def stop(self) -> list[int] | None:
        """Stop counting (at once when the run ended first); the counts, if the pass ended. Waits a moment
        at most: a pass still opening a large archive is left to end with the process (a daemon thread)."""
        self.stopping.set()
        self.join(timeout=2)
        return self.counts


@dataclass(slots=True)
class _Out:
    """A partition on its way: submitted, or checked and waiting for the partitions whose reports its
    identical posts share."""

    serial: int
    partition: Partition
    importing: ArchiveImport
    fingerprint: str
    depends: set[int]
    first: set[int]  # the positions in the partition of posts whose key appears first here
    reports: dict[str, str] | None = None


class _Runner:
    def __init__(self, store: Store, backend: Backend, progress: Progress, packs: tuple[str, ...]) -> None:
        self.store = store
        self.backend = backend
        self.progress = progress
        self.packs = packs
        self.window = max(1, backend.slots * IN_FLIGHT_PER_WORKER)
        self.ids: list[str] = []  # every partition of the run, in order
        self.owner: dict[str, int] = {}  # key -> serial of the partition where it first appears
        self.written: set[int] = set()
        self.pending: dict[Any, _Out] = {}
        self.waiting: list[_Out] = []
        self.cache: OrderedDict[str, str] = OrderedDict()
        self.summary_checked = 0
        self.summary_shared = 0
        self.summary_resumed = 0

    def dispatch(self, partition: Partition, importing: ArchiveImport, fingerprint: str) -> None:
        serial = len(self.ids)
        self.ids.append(partition.id)
        depends: set[int] = set()
        first: set[int] = set()
        new: list[tuple[str, Post]] = []
        for i, entry in enumerate(partition.entries):
            owner = self.owner.get(entry.key)
            if owner is None:
                self.owner[entry.key] = serial
                first.add(i)
                new.append((entry.key, entry.post))
            elif owner != serial:
                depends.add(owner)
        if self.store.finished(partition.id, len(partition.entries)):
            self.written.add(serial)
            self.summary_resumed += len(partition.entries)
            self.progress.resumed(len(partition.entries))
            self._free(partition, importing)
            return
        while len(self.pending) + len(self.waiting) >= self.window:
            self._collect()
        out = _Out(serial, partition, importing, fingerprint, depends, first)
        if new:
            self.pending[self.backend.submit(Task(partition.id, tuple(new), self.packs))] = out
        else:  # every post is identical to an earlier one
            out.reports = {}
            self.waiting.append(out)
            self._write_ready()

    def drain(self) -> None:
        while self.pending or self.waiting:
            self._collect()

    def _collect(self) -> None:
        if self.pending:
            for future in self.backend.wait(self.pending.keys()):
                out = self.pending.pop(future)
                try:
                    done: Done = future.result()
                except (KeyboardInterrupt, ArchiveError):
                    raise
                except Exception as exc:  # a worker died or the engine failed: keep what is written
                    reason = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
                    raise ArchiveError("PG543", member=out.partition.id, reason=reason.rstrip(": ")) from exc
                out.reports = dict(done.reports)
                self.waiting.append(out)
        if not self._write_ready() and not self.pending and self.waiting:  # pragma: no cover - a bug
            raise RuntimeError("audit: partitions wait for reports that no partition will write")

    def _write_ready(self) -> bool:
        wrote = False
        progress = True
        while progress:
            progress = False
            for out in sorted(self.waiting, key=lambda o: o.serial):
                if out.depends <= self.written:
                    self.waiting.remove(out)
                    self._write(out)
                    wrote = progress = True
        return wrote

    def _write(self, out: _Out) -> None:
        reports = out.reports or {}
        lines = []
        for i, entry in enumerate(out.partition.entries):
            report = reports.get(entry.key)
            if report is None:
                report = self._report(entry.key)
            shared = i not in out.first
            lines.append(
                f'{{"position":{entry.position},"key":"{entry.key}","shared":{"true" if shared else "false"},'
                f'"post":{json.dumps(entry.meta, ensure_ascii=False, separators=(",", ":"))},"report":{report}}}'
            )
            if shared:
                self.summary_shared += 1
            else:
                self.summary_checked += 1
        header = {"archive": out.fingerprint, "start": out.partition.start}
        self.store.write_partition(out.partition.id, header, lines)
        self.written.add(out.serial)
        for key, report in reports.items():
            self._remember(key, report)
        self.progress.advance(len(out.partition.entries))
        self._free(out.partition, out.importing)

    def _remember(self, key: str, report: str) -> None:
        self.cache[key] = report
        self.cache.move_to_end(key)
        while len(self.cache) > CACHE_REPORTS:
            self.cache.popitem(last=False)

    def _report(self, key: str) -> str:
        """The report of a key checked in an earlier partition: remembered, or read back from its file."""
        found = self.cache.get(key)
        if found is not None:
            self.cache.move_to_end(key)
            return found
        wanted = None
        for line in self.store.read_partition(self.ids[self.owner[key]]):
            if not line.get("shared"):
                report = json.dumps(line["report"], ensure_ascii=False, separators=(",", ":"))
                self._remember(line["key"], report)  # its neighbours are likely to be asked for next
                if line["key"] == key:
                    wanted = report
        if wanted is None:  # pragma: no cover - the owner's file always holds the key
            raise RuntimeError(f"audit: no report for {key} in partition {self.ids[self.owner[key]]}")
        return wanted

    @staticmethod
    def _free(partition: Partition, importing: ArchiveImport) -> None:
        for entry in partition.entries:
            importing.done(entry.item)


def run_audit(
    archives: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    format: str | None = None,
    account: AccountKind | str = AccountKind.PERSONAL,
    bio: str = "",
    workers: int | None = None,
    scheduler: str | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    packs: Sequence[str] = (),
    progress: IO[str] | None = None,
    sinks: Sequence[AuditSink] = (),
) -> AuditSummary:
    """Audit ``archives`` into the folder ``out`` (module docstring); resumes a run of the same settings
    there. ``progress`` is the stream a progress bar is drawn on when it is a terminal. Local workers are
    started fresh (not forked), so a script that calls this must do so under
    ``if __name__ == "__main__":``."""
    from postguard.audit.outputs import write_outputs
    from postguard.policy.pack import load_pack
    from postguard.post_input import parse_account

    started = time.monotonic()
    kind = parse_account(account.value if isinstance(account, AccountKind) else account)
    if partition_size < 1:
        raise ValueError("partition_size must be at least 1")
    pack = load_pack(*packs)
    limits = replace(DEFAULT_LIMITS, max_text_chars=pack.max_text_chars)  # a longer text is skipped, named
    pack_paths = tuple(os.path.abspath(p) for p in packs)
    sources: list[_Source] = []
    for given in archives:
        path = os.path.abspath(os.fspath(given))
        source = _Source(path, fingerprint(path))
        for other in sources:
            if other.fingerprint == source.fingerprint:
                raise ArchiveError("PG544", member=os.fspath(given), other=other.path)
        sources.append(source)
    settings = {
        "archives": [{"path": s.path, "fingerprint": s.fingerprint} for s in sources],
        "format": format,
        "account": kind.value,
        "bio": bio,
        "partition_size": partition_size,
        "packs": [{"path": p, "sha256": file_sha256(p)} for p in pack_paths],
        "postguard": __version__,
    }
    store = Store(out)
    problems: list[ImportProblem] = []
    left_out: Counter[str] = Counter()

    def make_post(item: ImportedItem) -> Post:
        return to_post(item, account=kind, bio=bio)

    def key_of(post: Post) -> str:
        return dedup_key(post, pack, [file_sha256(p) for p in post.photos])

    cancelled = True
    bar: Progress | None = None
    backend: Backend | None = None
    counting: _Counting | None = None
    try:
        backend = backend_for(workers, scheduler, pack_paths, partition_size)  # local workers start loading now
        earlier = store.open(settings)
        counts = earlier.get("counts") if earlier else None
        if not isinstance(counts, list) or len(counts) != len(sources):
            counts = None
        manifest: dict[str, Any] = {
            "settings": settings,
            "counts": counts,
            "started_at": (earlier or {}).get("started_at") or _now(),
            "complete": False,
        }
        store.write_manifest(manifest)
        bar = Progress(sum(counts) if counts is not None else None, progress)
        if counts is None and bar.enabled:
            counting = _Counting(sources, format, limits, bar)
            counting.start()
        runner = _Runner(store, backend, bar, pack_paths)
        imported = [0] * len(sources)
        for index, source in enumerate(sources):
            with import_archive(
                source.path, format, limits=limits, extract_media=True, publications_only=True, media_dir=store.media
            ) as importing:
                for partition in partitions(
                    importing,
                    archive=index,
                    fingerprint=source.fingerprint,
                    size=partition_size,
                    make_post=make_post,
                    key_of=key_of,
                    on_problem=problems.append,
                ):
                    runner.dispatch(partition, importing, source.fingerprint)
                    imported[index] += len(partition.entries)
                runner.drain()  # the archive's photos are removed when its import closes
                left_out.update({kind.value: n for kind, n in importing.left_out.items()})
        cancelled = False
        counts = imported  # every post of every archive went through: the exact counts
        bar.total = sum(counts)
    finally:
        if counting is not None:
            counting.stop()
        if backend is not None:
            backend.close(cancel=cancelled)
        if bar is not None:
            bar.close()
        store.close()

    assert backend is not None  # made first in the try, which raised otherwise
    summary = AuditSummary(
        out=store.root,
        partitions=len(runner.ids),
        checked=runner.summary_checked,
        shared=runner.summary_shared,
        resumed=runner.summary_resumed,
        skipped=sum(1 for p in problems if not p.notice),
        left_out=dict(sorted(left_out.items())),
        workers=backend.describe,
    )
    summary.seconds = time.monotonic() - started
    write_outputs(store, runner.ids, problems, summary=summary, settings=settings)
    manifest.update(counts=counts, complete=True, finished_at=_now(), summary=summary.to_json())
    store.write_manifest(manifest)
    for sink in sinks:
        sink.store_audit(summary, store.root, manifest)
    return summary


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def iter_reports(out: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """The lines of a finished audit's ``reports.jsonl``."""
    with open(Path(out) / "reports.jsonl", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)
