"""The process pool: order, failed items, a killed worker, cancel, and no orphans."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.core.pool import CRASHED, run_pool
from tests.core import pool_work

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses POSIX signals")


def test_results_come_back_in_input_order_with_progress() -> None:
    seen: list[tuple[float, str]] = []
    arrived: list[int] = []
    out = run_pool(pool_work.square, list(range(20)), workers=2, chunk=3, progress=lambda f, m: seen.append((f, m)),
                   on_result=lambda i, r: arrived.append(i))
    assert out.results == [x * x for x in range(20)] and out.failed == [] and out.workers == 2
    assert seen[0] == (0.0, "0 of 20") and seen[-1] == (1.0, "20 of 20")
    assert sorted(arrived) == list(range(20))


def test_an_initializer_prepares_every_worker() -> None:
    out = run_pool(pool_work.tagged, [1, 2, 3], workers=2, initializer=pool_work.setup, initargs=("p",))
    assert out.results == ["p1", "p2", "p3"]


def test_an_exception_fails_its_item_only() -> None:
    out = run_pool(pool_work.fails_on_three, list(range(6)), workers=2, chunk=2)
    assert out.results == [0, 1, 2, None, 4, 5]
    [failed] = out.failed
    assert failed.index == 3 and "three is not allowed" in failed.reason and not failed.crashed


def test_a_killed_worker_costs_only_its_own_item_after_one_retry() -> None:
    out = run_pool(pool_work.dies_on_five, list(range(12)), workers=2, chunk=4)
    assert [r for r in out.results if r is not None] == [x for x in range(12) if x != 5]
    [failed] = out.failed
    assert (failed.index, failed.reason, failed.crashed) == (5, CRASHED, True)
    # Item 5 failed only after its retry alone (a first failure puts it back in the queue).
    # The worker is replaced after the first death; after the second only if work is left,
    # which depends on how fast the other worker emptied the queue.
    assert out.restarts >= 1


def test_cancel_stops_handing_out_work() -> None:
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3

    started = time.monotonic()
    out = run_pool(pool_work.slow, list(range(40)), workers=2, cancelled=cancelled)
    assert out.cancelled and time.monotonic() - started < 8
    assert sum(r is not None for r in out.results) < 40


def test_in_process_for_small_batches() -> None:
    out = run_pool(pool_work.fails_on_three, [1, 2, 3], workers=2, in_process_below=10)
    assert out.workers == 0 and out.results == [1, 2, None] and len(out.failed) == 1


def test_workers_die_with_their_parent(tmp_path: Path) -> None:
    """Kill the parent (as a user killing the CLI would): its workers exit on their own."""
    pids = tmp_path / "pids"
    script = (
        "import multiprocessing, threading, time\n"
        "from app.core.pool import run_pool\n"
        "from tests.core import pool_work\n"
        "def note():\n"
        "    while True:\n"
        "        time.sleep(0.2)\n"
        f"        with open({str(pids)!r}, 'w') as fh:\n"
        "            fh.write(' '.join(str(p.pid) for p in multiprocessing.active_children()))\n"
        "threading.Thread(target=note, daemon=True).start()\n"
        "run_pool(pool_work.forever, [1, 2], workers=2, watchdog_interval=0.2)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=Path(__file__).resolve().parents[2])
    try:
        deadline = time.monotonic() + 30
        children: list[int] = []
        while time.monotonic() < deadline:
            time.sleep(0.5)
            children = [int(p) for p in pids.read_text().split()] if pids.exists() else []
            if len(children) >= 2 and all(_alive(p) for p in children):
                break
        assert children, "the workers never started"
        time.sleep(1.0)  # let them reach their work
    finally:
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in children):
        time.sleep(0.2)
    assert not any(_alive(p) for p in children), "orphaned workers"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie waiting for its (new) parent to reap it is not running
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False
