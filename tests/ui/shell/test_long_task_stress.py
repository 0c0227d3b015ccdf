"""Start, cancel and finish every long task of the app again and again: no crash, no
dialog left behind, callbacks on the UI thread, task objects freed on the UI thread.

Run with ``PYTHONFAULTHANDLER=1`` so a segfault prints the thread's stack.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QThreadPool

from app.ui.shell.context import AppContext
from app.ui.shell.tasks import TaskDialog, run_task, running_tasks, stop_all_tasks

pytestmark = pytest.mark.gui

FET = Path(__file__).resolve().parents[2] / "scheduling" / "data" / "riverside-grade7.fet"


def _slow(n: int, progress, cancelled) -> int:  # type: ignore[no-untyped-def]
    for i in range(n):
        if cancelled():
            return -1
        progress(i / n, "")
        time.sleep(0.0005)
    return n


def test_callbacks_run_and_task_objects_die_on_the_ui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    main = threading.main_thread()
    seen: list[threading.Thread] = []
    destroyed_in: list[threading.Thread] = []
    for i in range(60):
        task = run_task(_slow, 40 + i % 7, on_done=lambda _r: seen.append(threading.current_thread()),
                        on_progress=lambda _f, _m: seen.append(threading.current_thread()),
                        on_cancelled=lambda: seen.append(threading.current_thread()))
        task.signals.destroyed.connect(lambda *_a: destroyed_in.append(threading.current_thread()),
                                       Qt.ConnectionType.DirectConnection)
        if i % 3 == 0:
            task.cancel()
    qtbot.waitUntil(lambda: not running_tasks(), timeout=30_000)
    QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.waitUntil(lambda: len(destroyed_in) == 60, timeout=10_000)
    assert seen and all(t is main for t in seen)
    assert all(t is main for t in destroyed_in)


def test_stop_all_tasks_cancels_and_waits(qtbot) -> None:  # type: ignore[no-untyped-def]
    done: list[int] = []
    for _ in range(4):
        run_task(_slow, 10_000_000, on_done=done.append, on_cancelled=lambda: done.append(-1))
    assert stop_all_tasks(20_000)
    qtbot.waitUntil(lambda: len(done) == 4, timeout=10_000)
    assert done == [-1] * 4 and not running_tasks()


def _visible_task_dialogs(parent) -> list[TaskDialog]:  # type: ignore[no-untyped-def]
    return [d for d in parent.findChildren(TaskDialog) if d.isVisible()]


def test_conference_scheduling_start_cancel_finish_loop(qtbot, demo_workspace) -> None:  # type: ignore[no-untyped-def]
    from app.ui.conferences.dialogs import DayForm
    from app.ui.conferences.page import ConferencesPage

    page = ConferencesPage(AppContext(workspace=demo_workspace))
    page.time_limit = 0.5
    qtbot.addWidget(page)
    page.show()
    page.save_day(DayForm(label="Fall", date=dt.date(2026, 11, 18)))
    page.invite_all()
    for round_ in range(6):
        task = page.run_schedule(start_over=round_ % 2 == 0)
        if round_ % 3 == 1:
            task.cancel()  # at once
        elif round_ % 3 == 2:
            qtbot.wait(150)
            task.cancel()  # while CP-SAT works
        qtbot.waitUntil(lambda task=task: task.done.is_set() and task not in running_tasks(), timeout=60_000)
        QCoreApplication.processEvents()
    qtbot.waitUntil(lambda: not _visible_task_dialogs(page), timeout=5_000)
    assert page.grid_model.cells  # the finished runs saved a schedule
    page.close()


def test_timetable_solve_start_cancel_finish_loop(qtbot, empty_workspace) -> None:  # type: ignore[no-untyped-def]
    from app.ui.timetable.page import TimetablePage

    page = TimetablePage(AppContext(empty_workspace))
    qtbot.addWidget(page)
    page.show()
    assert page.import_fet(FET) is not None
    page.time_limit.setValue(2)
    for round_ in range(5):
        page.solve()
        task = page.task
        assert task is not None
        if round_ % 2 == 0:
            qtbot.wait(50 * round_)
            page.cancel()
        qtbot.waitUntil(lambda: page.task is None, timeout=60_000)
        qtbot.waitUntil(lambda task=task: task.done.is_set(), timeout=10_000)
    assert not running_tasks()
    page.close()


def _copy_of(ws, tmp_path: Path):  # type: ignore[no-untyped-def]
    import shutil

    from app.store import open_workspace
    from app.store.keys import Sidecar

    dest = tmp_path / "other.tdw"
    with ws.read() as s:
        s.execute(__import__("sqlalchemy").text("PRAGMA wal_checkpoint(FULL)"))
    shutil.copyfile(ws.path, dest)
    shutil.copyfile(Sidecar.path_for(ws.path), Sidecar.path_for(dest))
    return open_workspace(dest, daily_backup=False)


def test_switching_workspace_while_conferences_schedule(qtbot, demo_workspace, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """File ▸ Open with recovery key… (a workspace switch) while the conference scheduler
    runs: the task is stopped first, its plan is never saved into the other workspace, and
    nothing touches the deleted page."""
    from PySide6.QtCore import QSettings
    from sqlalchemy import func, select

    from app.store.models.calendar import ConferenceBooking
    from app.ui.conferences.dialogs import DayForm
    from app.ui.shell.launch import configure_settings
    from app.ui.shell.main_window import MainWindow

    errors: list[str] = []
    monkeypatch.setattr("app.ui.shell.operations.show_error", lambda _p, _t, m: errors.append(m))
    configure_settings()
    window = MainWindow(AppContext(workspace=demo_workspace), QSettings())
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("conferences")
    page.save_day(DayForm(label="Fall", date=dt.date(2026, 11, 18)))
    page.invite_all()
    other = _copy_of(demo_workspace, tmp_path)
    with other.read() as s:
        before = s.scalar(select(func.count()).select_from(ConferenceBooking))
    for wait_ms in (0, 300):
        page = window.show_page("conferences")
        page.time_limit = 2.0
        task = page.run_schedule(start_over=True)
        qtbot.wait(wait_ms)
        target = other if window.ctx.workspace is demo_workspace else demo_workspace
        window.switch_workspace(target)
        assert task.done.is_set() and task not in running_tasks(), "stopped before the pages went away"
        QCoreApplication.processEvents()
    with other.read() as s:
        assert s.scalar(select(func.count()).select_from(ConferenceBooking)) == before
    assert not errors or all("nothing was saved" in e for e in errors)
    window.close()


def test_structured_events_arrive_on_the_ui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    main = threading.main_thread()
    got: list[tuple[object, threading.Thread]] = []

    def work(progress, cancelled, events) -> int:  # type: ignore[no-untyped-def]
        for i in range(5):
            events({"step": i})
        return 5

    task = run_task(work, on_event=lambda e: got.append((e, threading.current_thread())))
    qtbot.waitUntil(lambda: task.done.is_set() and len(got) == 5, timeout=10_000)
    assert [e for e, _t in got] == [{"step": i} for i in range(5)] and all(t is main for _e, t in got)
