"""The app's one way to run a use case: call the service, then tell the pages what changed.

Pages never open a write transaction. They call a Qt-free service through
:func:`run_op` (short work, run on the UI thread, which is the app's single writer) or
:func:`run_long_op` (slow, read-only work such as a solver runs on the thread pool with a
progress bar and Cancel; its result is then saved by a service on the UI thread). Either
way the :class:`~app.core.changes.Changes` the service returns is emitted exactly once,
after the commit, and a :class:`~app.core.errors.UserFacingError` becomes a message box —
never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.changes import Changes, Done
from app.core.errors import UserFacingError
from app.ui.shell.context import AppContext

T = TypeVar("T")


def changes_of(result: object) -> Changes:
    """What a service's return value says changed (a :class:`Done`, or a bare flag set)."""
    if isinstance(result, Changes):
        return result
    found = getattr(result, "changes", None)
    return found if isinstance(found, Changes) else Changes.NONE


def run_op(
    ctx: AppContext,
    service: Callable[..., Done[T]],
    *args: Any,
    parent: QWidget | None = None,
    title: str = "",
    on_error: Callable[[str], None] | None = None,
    **kwargs: Any,
) -> Done[T] | None:
    """Run ``service(ctx.workspace, *args, **kwargs)`` and emit its changes once.

    Returns the service's :class:`Done`, or None when it refused with a
    :class:`UserFacingError` (shown to the user in a message box over ``parent``, or
    handed to ``on_error`` for a page that shows it in place).
    """
    try:
        done = service(ctx.workspace, *args, **kwargs)
    except UserFacingError as exc:
        if on_error is not None:
            on_error(str(exc))
        else:
            show_error(parent, title, str(exc))
        return None
    ctx.events.notify(changes_of(done))
    return done


def run_long_op(
    ctx: AppContext,
    work: Callable[..., T],
    *args: Any,
    save: Callable[..., Done[Any]] | None = None,
    on_done: Callable[[T, Done[Any] | None], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    parent: QWidget | None = None,
    title: str = "",
    **kwargs: Any,
) -> Any:
    """Run read-only ``work(ctx.workspace, *args, progress=, cancelled=)`` on the pool with a
    progress dialog; then ``save(ctx.workspace, result)`` on the UI thread (the writer) and
    emit its changes once. ``on_done(result, saved)`` follows. Returns the task."""
    from app.ui.shell.tasks import TaskDialog

    def finished(result: T) -> None:
        saved = None
        if save is not None:
            saved = run_op(ctx, save, result, parent=parent, title=title)
            if saved is None:
                return
        if on_done is not None:
            on_done(result, saved)

    def failed(message: str) -> None:
        if on_error is not None:
            on_error(message)
        else:
            show_error(parent, title, message)

    dialog = TaskDialog(title, parent)
    task = dialog.run(work, ctx.workspace, *args, on_done=finished, on_error=failed, **kwargs)
    dialog.show()
    return task


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.warning(parent, title or "TeacherDesk", message)
