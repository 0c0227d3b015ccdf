"""Run core work off the UI thread with progress and Cancel.

Core functions take ``progress(fraction, message)`` and ``cancelled() -> bool`` callables
(see STYLE.md); ``run_task`` wraps such a function in a ``QRunnable`` on the global thread
pool and reports back through Qt signals, which Qt delivers on the UI thread. Widgets are
never touched from the worker.

``TaskDialog`` is the standard modal progress bar with a Cancel button.

Object lifetimes (the app once vanished while scheduling conferences):

* a task's signal object is a child of one long-lived QObject on the UI thread and is
  deleted there with ``deleteLater`` once its last signal was delivered. It is never
  freed by whichever thread happens to drop the last Python reference — a pool thread
  deleting a UI-thread QObject while the UI thread delivers its queued signals is the
  crash;
* :func:`stop_all_tasks` cancels and waits for every running task before the workspace
  is closed or the app quits, so no worker reads a closed database or runs while Python
  shuts down.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

_signals_owner: QObject | None = None


def _owner() -> QObject:
    """The UI-thread parent of every task's signals (so C++, not a pool thread's garbage
    collection, decides when they are deleted)."""
    global _signals_owner
    if _signals_owner is None:
        _signals_owner = QObject()
        app = QCoreApplication.instance()
        if app is not None:
            _signals_owner.moveToThread(app.thread())
    return _signals_owner


class TaskSignals(QObject):
    progress = Signal(float, str)
    structured = Signal(object)  # structured progress (ProgressEvent: a key and numbers)
    partial = Signal(object)  # intermediate results (e.g. one graded page)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class Task:
    """One call of ``fn(*args, progress=..., cancelled=..., **kwargs)`` on the pool.

    If ``fn`` accepts ``partial=`` (pass ``with_partial=True``) it may send results as
    they come; if it accepts ``events=`` (pass ``with_events=True``) it sends structured
    :class:`~app.core.progress.ProgressEvent`s, which the app turns into its own sentence.

    The task is handed to the pool as a plain callable, so Qt owns the runnable and frees
    it only after ``run`` has returned. (A Python ``QRunnable`` subclass can be freed by
    the UI thread while its pool thread is still leaving ``run`` — a crash.)
    """

    def __init__(
        self,
        fn: Callable[..., Any],
        *args: Any,
        with_partial: bool = False,
        with_events: bool = False,
        **kwargs: Any,
    ) -> None:
        self.fn = fn
        self.args = args
        self.kwargs = kwargs
        self.with_partial = with_partial
        self.with_events = with_events
        app = QCoreApplication.instance()
        if app is not None and QThread.currentThread() is not app.thread():
            raise RuntimeError("start tasks from the UI thread")
        self.signals = TaskSignals(_owner())
        self._cancel = threading.Event()
        self.done = threading.Event()  # set when ``run`` has returned (or never ran)

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            self._run()
        finally:
            self.done.set()

    def _run(self) -> None:
        kwargs = dict(self.kwargs)
        kwargs["progress"] = lambda f, m="": self.signals.progress.emit(float(f), str(m))
        kwargs["cancelled"] = self._cancel.is_set
        if self.with_partial:
            kwargs["partial"] = self.signals.partial.emit
        if self.with_events:
            kwargs["events"] = self.signals.structured.emit
        try:
            result = self.fn(*self.args, **kwargs)
        except Exception as exc:  # reported to the user, never swallowed silently
            if self._cancel.is_set():
                self.signals.cancelled.emit()
                return
            from app.commands import user_message

            message = user_message(exc) or f"{type(exc).__name__}: {exc}"
            traceback.print_exc()
            self.signals.failed.emit(message)
            return
        if self._cancel.is_set():
            self.signals.cancelled.emit()
        else:
            self.signals.finished.emit(result)


_running: set[Task] = set()
# Pool threads get Qt's small default stack; OR-Tools' CP-SAT (conferences, timetables)
# needs far more and crashes without it.
WORKER_STACK_BYTES = 64 * 1024 * 1024
_pool_ready = False


def _pool() -> QThreadPool:
    global _pool_ready
    pool = QThreadPool.globalInstance()
    if not _pool_ready:
        pool.setStackSize(WORKER_STACK_BYTES)
        _pool_ready = True
    return pool


def run_task(
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    on_progress: Callable[[float, str], None] | None = None,
    on_partial: Callable[[Any], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    on_event: Callable[[Any], None] | None = None,
    **kwargs: Any,
) -> Task:
    """Run ``fn`` on the pool; ``on_event`` (if given) receives its structured
    ``ProgressEvent``s (``fn`` must accept ``events=``), on the UI thread."""
    task = Task(fn, *args, with_partial=on_partial is not None, with_events=on_event is not None, **kwargs)
    _running.add(task)  # keep a Python reference while Qt runs it

    def _forget(*_a: Any) -> None:
        if task in _running:
            _running.discard(task)
            # Deleted on the UI thread after the events already queued for it.
            task.signals.deleteLater()

    if on_progress:
        task.signals.progress.connect(on_progress)
    if on_partial:
        task.signals.partial.connect(on_partial)
    if on_event:
        task.signals.structured.connect(on_event)
    if on_done:
        task.signals.finished.connect(on_done)
    if on_error:
        task.signals.failed.connect(on_error)
    if on_cancelled:
        task.signals.cancelled.connect(on_cancelled)
    for sig in (task.signals.finished, task.signals.failed, task.signals.cancelled):
        sig.connect(_forget)
    _pool().start(task.run)
    return task


def running_tasks() -> list[Task]:
    return list(_running)


def stop_all_tasks(timeout_ms: int = 30_000) -> bool:
    """Cancel every running task and wait for the pool to finish (before closing the
    workspace or quitting). True when all stopped in time."""
    for task in list(_running):
        task.cancel()
    finished = QThreadPool.globalInstance().waitForDone(timeout_ms)
    QCoreApplication.processEvents()  # deliver their last signals while the widgets exist
    return bool(finished)


class TaskDialog(QProgressDialog):
    """Modal progress bar with Cancel for one task.

    With ``with_events=True`` the label is the app's own translated sentence built from the
    task's structured progress (key and numbers); otherwise it shows the core's message."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, self.tr("Cancel"), 0, 1000, parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(300)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setValue(0)

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        on_partial: Callable[[Any], None] | None = None,
        with_events: bool = False,
        **kwargs: Any,
    ) -> Task:
        from app.ui.shell.progress_text import event_text

        def _progress(fraction: float, message: str) -> None:
            self.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
            if message and not with_events:
                self.setLabelText(message)

        def _event(event: Any) -> None:
            self.setValue(int(max(0.0, min(1.0, event.fraction)) * 1000))
            text = event_text(event)
            if text:
                self.setLabelText(text)

        def _done(result: Any) -> None:
            self._finish()
            if on_done:
                on_done(result)

        def _error(message: str) -> None:
            self._finish()
            if on_error:
                on_error(message)

        task = run_task(
            fn, *args, on_done=_done, on_error=_error, on_progress=_progress,
            on_partial=on_partial, on_cancelled=self._finish, on_event=_event if with_events else None, **kwargs,
        )
        self.canceled.connect(task.cancel)
        return task

    def _finish(self) -> None:
        """Close, and free the dialog once its task is over (one dialog per run)."""
        self.close()
        self.deleteLater()
