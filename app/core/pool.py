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
    total = len(items)
    outcome: PoolOutcome[R] = PoolOutcome([None] * total)
    done = 0

    def report(n_done: int) -> None:
        fraction = n_done / total if total else 1.0
        message = f"{n_done} of {total}"
        if progress is not None:
            progress(fraction, message)
        if events is not None:
            events(ProgressEvent(fraction, key, message,
                                 {"done": n_done, "total": total, "failed": len(outcome.failed)}))

    def finish(index: int, ok: bool, value: Any, crashed: bool = False) -> None:
        nonlocal done
        done += 1
        if ok:
            outcome.results[index] = value
            if on_result is not None:
                on_result(index, value)
        else:
            outcome.failed.append(FailedItem(index, str(value), crashed))
        report(done)

    report(0)
    workers = min(workers or default_workers(), max(total, 1))
    if workers <= 1 or total < max(in_process_below, 2):
        cpu0 = time.process_time()
        if initializer is not None:
            initializer(*initargs)
        for i, item in enumerate(items):
            if cancelled is not None and cancelled():
                outcome.cancelled = True
                break
            try:
                finish(i, True, work(item))
            except Exception as exc:
                finish(i, False, f"{type(exc).__name__}: {exc}")
        outcome.cpu_seconds = time.process_time() - cpu0
        return outcome

    ctx = start_context()
    if preload and ctx.get_start_method() == "forkserver":
        ctx.set_forkserver_preload(list(preload))
    queue: deque[list[int]] = deque(list(range(i, min(i + chunk, total))) for i in range(0, total, max(chunk, 1)))
    attempts = [0] * total
    pool: list[_Worker] = []
    next_chunk = 0

    def start_worker() -> _Worker:
        parent_end, child_end = ctx.Pipe(duplex=True)
        process = ctx.Process(target=_worker_main, daemon=True, name="teacherdesk-worker",
                              args=(child_end, os.getpid(), work, initializer, initargs, watchdog_interval))
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end)
        pool.append(worker)
        outcome.workers = max(outcome.workers, len(pool))
        return worker

    def hand_out(worker: _Worker) -> None:
        nonlocal next_chunk
        if queue and cancelled is not None and cancelled():
            outcome.cancelled = True
            queue.clear()
        if not queue:
            return
        indexes = queue.popleft()
        next_chunk += 1
        worker.chunk = (next_chunk, indexes)
        for i in indexes:
            attempts[i] += 1
        # If it died already, the loop below sees its sentinel.
        with contextlib.suppress(BrokenPipeError, OSError):
            worker.conn.send((next_chunk, [items[i] for i in indexes]))

    def retire(worker: _Worker) -> None:
        """A worker died: its items go back once, one at a time; then they fail."""
        outcome.cpu_seconds += worker.cpu
        pool.remove(worker)
        worker.conn.close()
        if worker.chunk is not None:
            for i in worker.chunk[1]:
                if attempts[i] < 2:
                    queue.appendleft([i])
                else:
                    finish(i, False, CRASHED, crashed=True)
            worker.chunk = None

    try:
        for _ in range(min(workers, len(queue))):
            hand_out(start_worker())
        while any(w.chunk is not None for w in pool):
            by_handle: dict[Any, _Worker] = {}
            for w in pool:
                by_handle[w.conn] = w
                by_handle[w.process.sentinel] = w
            ready = wait(list(by_handle), timeout=0.2)
            dead: list[_Worker] = []
            for handle in ready:
                w = by_handle[handle]
                if handle is w.conn and w in pool and w not in dead:
                    try:
                        chunk_id, results, w.cpu = w.conn.recv()
                    except (EOFError, OSError):
                        dead.append(w)
                        continue
                    assert w.chunk is not None and w.chunk[0] == chunk_id
                    for i, (ok, value) in zip(w.chunk[1], results, strict=True):
                        finish(i, ok, value)
                    w.chunk = None
                    hand_out(w)
                elif handle is not w.conn and w not in dead and not w.conn.poll():
                    dead.append(w)
            for w in dead:
                if w in pool:
                    w.process.join(timeout=1)
                    retire(w)
                    if queue and not (cancelled is not None and cancelled()):
                        outcome.restarts += 1
                        hand_out(start_worker())
            if cancelled is not None and cancelled():
                outcome.cancelled = True
                queue.clear()
            for w in pool:
                if w.chunk is None:
                    hand_out(w)
    finally:
        for w in pool:
            outcome.cpu_seconds += w.cpu
            with contextlib.suppress(BrokenPipeError, OSError):
                w.conn.send(None)
        deadline = time.monotonic() + 2.0
        for w in pool:
            w.process.join(timeout=max(0.0, deadline - time.monotonic()))
            if w.process.is_alive():
                w.process.kill()
                w.process.join(timeout=1)
            w.conn.close()
    return outcome
