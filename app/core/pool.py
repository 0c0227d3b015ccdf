"""One process pool for CPU-heavy batches (reading scans, writing report PDFs).

:func:`run_pool` runs ``work(item)`` for every item on worker processes and returns
plain results in input order, with progress and Cancel. Its rules, the same for every
batch in the app:

* **One start method**: ``forkserver`` where the platform has it (a clean server process,
  so forking never copies a parent that runs Qt or OpenCV threads), else ``spawn``
  (Windows). Both need ``work``/``initializer`` importable at module level and items and
  results picklable: plain data only.
* **A crash costs only its own items**: a worker that dies (killed for memory, a crash in
  a C library) takes only the items it held; they are tried again once, one at a time,
  and then reported as failed items while the rest of the batch goes on. An exception
  raised by ``work`` is not retried (it would raise again): the item fails at once.
* **No orphans**: a worker exits when its parent goes away — a watchdog thread notices
  the parent's pid is gone, the task pipe reaches end-of-file, and on Linux the kernel
  sends SIGKILL on the parent's death (``PR_SET_PDEATHSIG``).
* **Cancel** stops handing out work, lets the chunks already running finish (so no file
  is left half-written), then stops the workers.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

from app.core.i18n import _
from app.core.progress import IsCancelled, Progress, ProgressEvent, ProgressSink

T = TypeVar("T")
R = TypeVar("R")

CRASHED = "the worker process stopped while working on it (out of memory?)"


@dataclass(frozen=True)
class FailedItem:
    index: int
    reason: str
    crashed: bool  # the worker died (retried once) rather than raised


@dataclass
class PoolOutcome(Generic[R]):
    """Results in input order (``None`` where an item failed or was never run)."""

    results: list[R | None]
    failed: list[FailedItem] = field(default_factory=list)
    cancelled: bool = False
    workers: int = 0  # processes used (0: ran in this process)
    restarts: int = 0  # workers started again after one died
    cpu_seconds: float = 0.0  # CPU time the work took, in the workers (or here)


def start_context() -> Any:
    """The one start method: forkserver where available (never plain fork), else spawn."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


# -- the worker side ------------------------------------------------------------------

def _die_with_parent() -> None:
    """Linux: ask the kernel to SIGKILL this process when its parent dies."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    except Exception:  # no prctl: the watchdog still works
        pass


def _parent_alive(parent_pid: int) -> bool:
    if sys.platform == "win32":
        parent = multiprocessing.parent_process()
        return parent is None or parent.is_alive()
    try:
        os.kill(parent_pid, 0)  # POSIX: signal 0 only checks the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _watchdog(parent_pid: int, interval: float) -> None:
    first_ppid = os.getppid()
    while True:
        time.sleep(interval)
        if not _parent_alive(parent_pid) or (sys.platform != "win32" and os.getppid() != first_ppid):
            os._exit(3)


def _worker_main(conn: Connection, parent_pid: int, work: Callable[[Any], Any],
                 initializer: Callable[..., None] | None, initargs: tuple[Any, ...], interval: float) -> None:
    _die_with_parent()
    threading.Thread(target=_watchdog, args=(parent_pid, interval), daemon=True, name="parent-watchdog").start()
    if initializer is not None:
        initializer(*initargs)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            os._exit(0)  # the parent is gone
        if message is None:
            return
        chunk_id, items = message
        out: list[tuple[bool, Any]] = []
        for item in items:
            try:
                out.append((True, work(item)))
            except Exception as exc:  # one item's error, not the batch's
                out.append((False, f"{type(exc).__name__}: {exc}"))
        conn.send((chunk_id, out, time.process_time()))


# -- the parent side ------------------------------------------------------------------

@dataclass
class _Worker:
    process: Any
    conn: Connection
    chunk: tuple[int, list[int]] | None = None  # (chunk id, item indexes) being worked on
    cpu: float = 0.0  # the worker's CPU seconds so far


@dataclass
class _Job(Generic[T, R]):
    """What one batch runs: the work, its items and what to call back."""

    work: Callable[[T], R]
    items: Sequence[T]
    initializer: Callable[..., None] | None
    initargs: tuple[Any, ...]
    progress: Progress | None
    events: ProgressSink | None
    key: str
    cancelled: IsCancelled | None
    on_result: Callable[[int, R], None] | None


class _Batch(Generic[T, R]):
    """The bookkeeping of one :func:`run_pool` call (results, progress, retries)."""

    def __init__(self, job: _Job[T, R]) -> None:
        self.job = job
        self.total = len(job.items)
        self.outcome: PoolOutcome[R] = PoolOutcome([None] * self.total)
        self.done = 0

    def is_cancelled(self) -> bool:
        return self.job.cancelled is not None and self.job.cancelled()

    def report(self) -> None:
        fraction = self.done / self.total if self.total else 1.0
        message = _("{done} of {total}").format(done=self.done, total=self.total)
        if self.job.progress is not None:
            self.job.progress(fraction, message)
        if self.job.events is not None:
            self.job.events(ProgressEvent(fraction, self.job.key, message, {
                "done": self.done, "total": self.total, "failed": len(self.outcome.failed)}))

    def finish(self, index: int, ok: bool, value: Any, crashed: bool = False) -> None:
        self.done += 1
        if ok:
            self.outcome.results[index] = value
            if self.job.on_result is not None:
                self.job.on_result(index, value)
        else:
            self.outcome.failed.append(FailedItem(index, str(value), crashed))
        self.report()

    def run_here(self) -> PoolOutcome[R]:
        """No processes: a small batch, or one worker."""
        cpu0 = time.process_time()
        if self.job.initializer is not None:
            self.job.initializer(*self.job.initargs)
        for i, item in enumerate(self.job.items):
            if self.is_cancelled():
                self.outcome.cancelled = True
                break
            try:
                self.finish(i, True, self.job.work(item))
            except Exception as exc:
                self.finish(i, False, f"{type(exc).__name__}: {exc}")
        self.outcome.cpu_seconds = time.process_time() - cpu0
        return self.outcome


class _Workers(Generic[T, R]):
    """The worker processes of one batch: start, hand out chunks, collect, replace the dead."""

    def __init__(self, batch: _Batch[T, R], chunk: int, preload: Sequence[str], interval: float) -> None:
        self.batch = batch
        self.ctx = start_context()
        if preload and self.ctx.get_start_method() == "forkserver":
            self.ctx.set_forkserver_preload(list(preload))
        total, step = batch.total, max(chunk, 1)
        self.queue: deque[list[int]] = deque(list(range(i, min(i + step, total))) for i in range(0, total, step))
        self.attempts = [0] * total
        self.pool: list[_Worker] = []
        self.next_chunk = 0
        self.interval = interval

    def start(self) -> _Worker:
        job = self.batch.job
        parent_end, child_end = self.ctx.Pipe(duplex=True)
        process = self.ctx.Process(
            target=_worker_main, daemon=True, name="teacherdesk-worker",
            args=(child_end, os.getpid(), job.work, job.initializer, job.initargs, self.interval))
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end)
        self.pool.append(worker)
        self.batch.outcome.workers = max(self.batch.outcome.workers, len(self.pool))
        return worker

    def hand_out(self, worker: _Worker) -> None:
        if self.queue and self.batch.is_cancelled():
            self.batch.outcome.cancelled = True
            self.queue.clear()
        if not self.queue:
            return
        indexes = self.queue.popleft()
        self.next_chunk += 1
        worker.chunk = (self.next_chunk, indexes)
        for i in indexes:
            self.attempts[i] += 1
        # If it died already, the loop sees its sentinel.
        with contextlib.suppress(BrokenPipeError, OSError):
            worker.conn.send((self.next_chunk, [self.batch.job.items[i] for i in indexes]))

    def retire(self, worker: _Worker) -> None:
        """A worker died: its items go back once, one at a time; then they fail."""
        worker.process.join(timeout=1)
        self.batch.outcome.cpu_seconds += worker.cpu
        self.pool.remove(worker)
        worker.conn.close()
        for i in worker.chunk[1] if worker.chunk is not None else []:
            if self.attempts[i] < 2:
                self.queue.appendleft([i])
            else:
                self.batch.finish(i, False, CRASHED, crashed=True)
        worker.chunk = None
        if self.queue and not self.batch.is_cancelled():
            self.batch.outcome.restarts += 1
            self.hand_out(self.start())

    def collect(self, worker: _Worker) -> bool:
        """Take a worker's finished chunk; False if it turned out dead."""
        try:
            chunk_id, results, worker.cpu = worker.conn.recv()
        except (EOFError, OSError):
            return False
        assert worker.chunk is not None and worker.chunk[0] == chunk_id
        for i, (ok, value) in zip(worker.chunk[1], results, strict=True):
            self.batch.finish(i, ok, value)
        worker.chunk = None
        self.hand_out(worker)
        return True

    def step(self) -> None:
        """Wait a moment for results or deaths, and act on them."""
        by_handle: dict[Any, _Worker] = {}
        for w in self.pool:
            by_handle[w.conn] = w
            by_handle[w.process.sentinel] = w
        dead: list[_Worker] = []
        for handle in wait(list(by_handle), timeout=0.2):
            w = by_handle[handle]
            if w in dead:
                continue
            if handle is w.conn:
                if not self.collect(w):
                    dead.append(w)
            elif not w.conn.poll():  # exited with nothing left to read
                dead.append(w)
        self.settle(dead)

    def settle(self, dead: list[_Worker]) -> None:
        """Replace the dead, stop handing out on Cancel, give idle workers their next chunk."""
        for w in dead:
            self.retire(w)
        if self.batch.is_cancelled():
            self.batch.outcome.cancelled = True
            self.queue.clear()
        for w in self.pool:
            if w.chunk is None:
                self.hand_out(w)

    def run(self, workers: int) -> PoolOutcome[R]:
        try:
            for _ in range(min(workers, len(self.queue))):
                self.hand_out(self.start())
            while any(w.chunk is not None for w in self.pool):
                self.step()
        finally:
            self.stop()
        return self.batch.outcome

    def stop(self) -> None:
        for w in self.pool:
            self.batch.outcome.cpu_seconds += w.cpu
            with contextlib.suppress(BrokenPipeError, OSError):
                w.conn.send(None)
        deadline = time.monotonic() + 2.0
        for w in self.pool:
            w.process.join(timeout=max(0.0, deadline - time.monotonic()))
            if w.process.is_alive():
                w.process.kill()
                w.process.join(timeout=1)
            w.conn.close()


def run_pool(
    work: Callable[[T], R],
    items: Sequence[T],
    *,
    workers: int | None = None,
    chunk: int = 1,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    in_process_below: int = 0,
    progress: Progress | None = None,
    events: ProgressSink | None = None,
    key: str = "pool.item",
    cancelled: IsCancelled | None = None,
    on_result: Callable[[int, R], None] | None = None,
    preload: Sequence[str] = (),
    watchdog_interval: float = 0.5,
) -> PoolOutcome[R]:
    """Run ``work`` on every item; see the module's docstring for the rules.

    ``on_result(index, result)`` is called in this process as each result arrives (in
    completion order). Fewer than ``in_process_below`` items, or one worker, run here
    without processes (starting workers would cost more than the work).
    """
    batch = _Batch(_Job(work, items, initializer, initargs, progress, events, key, cancelled, on_result))
    batch.report()
    workers = min(workers or default_workers(), max(batch.total, 1))
    if workers <= 1 or batch.total < max(in_process_below, 2):
        return batch.run_here()
    return _Workers(batch, chunk, preload, watchdog_interval).run(workers)
