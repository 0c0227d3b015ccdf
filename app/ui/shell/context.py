"""What a page of the main window is given: the open workspace and shared services.

Pages get this object instead of reaching for a global main window, so a page can be
built alone in a test with a real workspace.

Change notices are typed: every service returns a :class:`~app.core.changes.Changes`
flag set with its result; the operation runner (:mod:`app.ui.shell.operations`) emits it
once, after the commit, on ``events.changed``; a page subscribes with the flags it shows
(``ctx.events.subscribe(self, Changes.ROSTER | Changes.SCHOOL, self.refresh_on)``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from app.core.changes import Changes
from app.store import Workspace


class _Subscription(QObject):
    """Calls ``refresh`` when a notice overlaps ``depends_on``; a child of the page, so
    the connection ends with the page."""

    def __init__(self, owner: QObject, depends_on: Changes, refresh: Callable[[Changes], None]) -> None:
        super().__init__(owner)
        self.depends_on = depends_on
        self.refresh = refresh

    @Slot(object)
    def deliver(self, changes: object) -> None:
        if isinstance(changes, Changes) and changes & self.depends_on:
            self.refresh(changes)


class WorkspaceEvents(QObject):
    """The one channel for "this data changed": a :class:`Changes` flag set per operation."""

    changed = Signal(object)

    def notify(self, changes: Changes) -> None:
        """Tell every page; a no-op for ``Changes.NONE``."""
        if not isinstance(changes, Changes):
            raise TypeError(f"change notices are Changes flags, not {type(changes).__name__}")
        if changes:
            self.changed.emit(changes)

    def subscribe(self, owner: QObject, depends_on: Changes, refresh: Callable[[Changes], None]) -> None:
        """Call ``refresh(changes)`` whenever a notice touches ``depends_on``."""
        sub = _Subscription(owner, depends_on, refresh)
        self.changed.connect(sub.deliver)


@dataclass
class AppContext:
    workspace: Workspace
    events: WorkspaceEvents = field(default_factory=WorkspaceEvents)
    # Shows a short message in the main window's status bar (no-op in tests).
    status: Callable[[str], None] = field(default=lambda _msg: None)
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def actor(self) -> str:
        return self.workspace.actor
