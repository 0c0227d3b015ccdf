"""What a page of the main window is given: the open workspace and shared services.

Pages get this object instead of reaching for a global main window, so a page can be
built alone in a test with a real workspace.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.store import Workspace


class WorkspaceEvents(QObject):
    """Signals pages use to tell each other that shared data changed."""

    # e.g. "roster", "gradebook", "calendar", "timetable"; pages refresh what they show.
    changed = Signal(str)


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
