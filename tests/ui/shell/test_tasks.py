"""Background tasks: results, progress, errors and Cancel, many times over without crashing."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QThreadPool

from app.ui.shell.tasks import run_task

pytestmark = pytest.mark.gui


def _work(n: int, progress, cancelled, fail: bool = False) -> int:  # type: ignore[no-untyped-def]
    total = 0
    for i in range(n):
        if cancelled():
            return -1
        total += i
        progress((i + 1) / n, f"step {i + 1}")
        time.sleep(0.001)
    if fail:
        raise ValueError("the file is broken")
    return total


def test_results_progress_and_errors_arrive_on_the_ui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    results: list[int] = []
    steps: list[float] = []
    errors: list[str] = []
    run_task(_work, 20, on_done=results.append, on_progress=lambda f, _m: steps.append(f))
    qtbot.waitUntil(lambda: results == [sum(range(20))], timeout=10_000)
    assert steps[-1] == 1.0
    run_task(_work, 5, fail=True, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert errors == ["ValueError: the file is broken"]


def test_cancel_stops_the_work(qtbot) -> None:  # type: ignore[no-untyped-def]
    cancelled: list[bool] = []
    task = run_task(_work, 100_000, on_cancelled=lambda: cancelled.append(True))
    task.cancel()
    qtbot.waitUntil(lambda: cancelled == [True], timeout=10_000)


def test_hundreds_of_short_tasks_do_not_crash(qtbot) -> None:  # type: ignore[no-untyped-def]
    done: list[int] = []
    for i in range(300):
        run_task(lambda i=i, progress=None, cancelled=None: i, on_done=done.append)
    qtbot.waitUntil(lambda: len(done) == 300, timeout=20_000)
    QThreadPool.globalInstance().waitForDone(5000)
    assert sorted(done) == list(range(300))


def test_cp_sat_runs_on_a_worker_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    """CP-SAT needs a big stack; pool threads get one."""

    def solve(progress, cancelled) -> str:  # type: ignore[no-untyped-def]
        from ortools.sat.python import cp_model

        model = cp_model.CpModel()
        xs = [model.new_int_var(0, 20, f"x{i}") for i in range(30)]
        model.add_all_different(xs)
        model.maximize(sum(xs))
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 2
        solver.parameters.max_time_in_seconds = 5
        return solver.status_name(solver.solve(model))

    results: list[str] = []
    run_task(solve, on_done=results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=30_000)
    assert results[0] in ("OPTIMAL", "FEASIBLE", "INFEASIBLE")
