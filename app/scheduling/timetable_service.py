"""Stored timetables as use cases for the app's Timetable page and the CLI.

Each function is one transaction of :mod:`app.scheduling.timetable.store` with its audit
entry, and returns a :class:`~app.core.changes.Done`. A timetable's lessons appear in
teachers' calendars, so every change also reports ``Changes.CALENDAR``: an open Calendar
page shows new lessons right after a solve.
"""

from __future__ import annotations

from app.core.changes import Changes, Done
from app.scheduling.timetable.model import Placement, Problem
from app.scheduling.timetable.store import delete_timetable, save_timetable, update_timetable
from app.scheduling.timetable.store import list_timetables as list_timetables
from app.scheduling.timetable.store import load_timetable as load_timetable
from app.store import Workspace

TIMETABLE_CHANGES = Changes.TIMETABLE | Changes.CALENDAR


def add_timetable(ws: Workspace, problem: Problem, *, name: str | None = None, source: str = "") -> Done[int]:
    """Store a new timetable (imported from FET, built from the classes, or a sample)."""
    tid = save_timetable(ws, problem, name=name or problem.name, source=source, actor=ws.actor)
    return Done(tid, TIMETABLE_CHANGES)


def save_placements(ws: Workspace, timetable_id: int, placements: list[Placement], *,
                    status: str | None = None, penalty: int | None = None) -> Done[int]:
    """Replace a timetable's lessons (a solve, a move or a lock by hand)."""
    update_timetable(ws, timetable_id, placements=placements, status=status, penalty=penalty, actor=ws.actor)
    return Done(timetable_id, TIMETABLE_CHANGES)


def remove_timetable(ws: Workspace, timetable_id: int) -> Done[int]:
    delete_timetable(ws, timetable_id, actor=ws.actor)
    return Done(timetable_id, TIMETABLE_CHANGES)


def prepare_solver() -> None:
    """Start loading the placement search (in a process of its own, about a second) so
    the next solve does not wait for it; nothing happens if it is loaded or turned off."""
    from app.scheduling.timetable.placement_worker import start_early

    start_early()
