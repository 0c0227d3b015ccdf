"""What the grading tabs work on, as one typed object instead of a back-reference to the page.

The page owns one :class:`ExamSelection` and keeps its class and exam current; each tab
reads the workspace, the actor, the chosen class and exam from it and reports back
through its three callbacks. Tabs make every change with :meth:`ExamSelection.run`
(a use case of ``app.grading.service`` through the app's operation runner) and never
touch the page's internals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from PySide6.QtWidgets import QWidget

from app.core.changes import Done
from app.store import Workspace
from app.ui.shell.context import AppContext
from app.ui.shell.operations import run_op

T = TypeVar("T")


def _nothing(*_args: object) -> None:
    return None


@dataclass
class ExamSelection:
    ctx: AppContext
    section_id: int | None = None
    exam_id: int | None = None
    # Show this exam (None: a new one) in the page's exam list.
    select_exam: Callable[[int | None], None] = field(default=_nothing)
    # A batch of scans finished or a camera sheet was stored.
    after_scan: Callable[[], None] = field(default=_nothing)
    # The exam itself changed (template, key): load it again everywhere.
    reload_exam: Callable[[], None] = field(default=_nothing)

    @property
    def workspace(self) -> Workspace:
        return self.ctx.workspace

    @property
    def actor(self) -> str:
        return self.ctx.actor

    def status(self, message: str) -> None:
        self.ctx.status(message)

    def run(self, service: Callable[..., Done[T]], *args: Any, parent: QWidget | None = None, title: str = "",
            **kwargs: Any) -> Done[T] | None:
        """Run a grading use case through the app's operation runner: one transaction, its
        changes told to every page once, a refusal shown in a message box (then None)."""
        return run_op(self.ctx, service, *args, parent=parent, title=title, **kwargs)
