"""Timetables in the workspace, and the placed lessons other features read.

``lessons_for(workspace)`` is the stable way for other features (the counselor calendar
turns lessons into weekly events) to read a timetable: one :class:`Lesson` per placed
activity with day index, start/end times, subject, teachers, students and room.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.scheduling.timetable.model import Placement, Problem, hour_times
from app.store import Workspace, audit
from app.store.models.timetable import Timetable, TimetablePlacement


@dataclass
class TimetableRow:
    id: int
    name: str
    source: str
    status: str
    penalty: int | None
    n_activities: int
    n_placed: int
    updated: dt.datetime


@dataclass
class Lesson:
    """One placed lesson, ready for a calendar."""

    timetable_id: int
    activity_id: int
    day_index: int  # 0 = the timetable's first day (usually Monday)
    day_name: str
    start: dt.time | None  # None when the hour names carry no clock time
    end: dt.time | None
    hour_names: list[str]
    subject: str
    teachers: list[str]
    students: list[str]
    room: str


def save_timetable(
    ws: Workspace, problem: Problem, placements: list[Placement] | None = None, *,
    name: str | None = None, source: str = "", status: str | None = None, penalty: int | None = None,
    actor: str = "",
) -> int:
    """Store a new timetable; returns its id. With ``actor``, an audit entry in the same transaction."""
    with ws.session() as s:
        tt = Timetable(
            name=name or problem.name, source=source, problem_json=problem.to_json(),
            status=status or ("solved" if placements else "draft"), penalty=penalty,
        )
        tt.placements = [_row(pl) for pl in placements or []]
        s.add(tt)
        s.flush()
        if actor:
            audit.record(s, actor, "timetable.add", "timetable", tt.id, name=tt.name, source=source,
                         activities=len(problem.activities))
        return tt.id


def _row(pl: Placement) -> TimetablePlacement:
    return TimetablePlacement(activity_id=pl.activity_id, day=pl.day, hour=pl.hour, room=pl.room,
                              locked=pl.locked)


def update_timetable(
    ws: Workspace, timetable_id: int, *, problem: Problem | None = None,
    placements: list[Placement] | None = None, status: str | None = None, penalty: int | None = None,
    actor: str = "",
) -> None:
    """Replace a stored timetable's problem and/or placements (one transaction, audited with ``actor``)."""
    with ws.session() as s:
        tt = s.get(Timetable, timetable_id)
        if tt is None:
            raise KeyError(timetable_id)
        if problem is not None:
            tt.problem_json = problem.to_json()
        if placements is not None:
            tt.placements.clear()
            s.flush()
            tt.placements.extend(_row(pl) for pl in placements)
        if status is not None:
            tt.status = status
        if penalty is not None or status is not None:
            tt.penalty = penalty
        tt.updated_at = dt.datetime.now(dt.UTC)
        if actor:
            audit.record(s, actor, "timetable.save", "timetable", timetable_id, status=status or tt.status,
                         **({"lessons": len(placements)} if placements is not None else {}),
                         **({"penalty": penalty} if penalty is not None else {}))


def load_timetable(ws: Workspace, timetable_id: int) -> tuple[Problem, list[Placement]]:
    with ws.read() as s:
        tt = s.get(Timetable, timetable_id)
        if tt is None:
            raise KeyError(timetable_id)
        problem = Problem.from_json(tt.problem_json)
        placements = [Placement(r.activity_id, r.day, r.hour, r.room, r.locked) for r in tt.placements]
    return problem, placements


def list_timetables(ws: Workspace) -> list[TimetableRow]:
    with ws.read() as s:
        out = []
        for tt in s.scalars(select(Timetable).order_by(Timetable.updated_at.desc(), Timetable.id.desc())):
            problem = Problem.from_json(tt.problem_json)
            out.append(TimetableRow(tt.id, tt.name, tt.source, tt.status, tt.penalty,
                                    len(problem.active_activities()), len(tt.placements), tt.updated_at))
        return out


def delete_timetable(ws: Workspace, timetable_id: int, *, actor: str = "") -> None:
    with ws.session() as s:
        tt = s.get(Timetable, timetable_id)
        if tt is not None:
            s.delete(tt)
            if actor:
                audit.record(s, actor, "timetable.delete", "timetable", timetable_id, name=tt.name)


def lessons_for(ws: Workspace, timetable_id: int | None = None) -> list[Lesson]:
    """Placed lessons of one timetable (default: the most recently updated one)."""
    rows = list_timetables(ws)
    if timetable_id is None:
        if not rows:
            return []
        timetable_id = rows[0].id
    problem, placements = load_timetable(ws, timetable_id)
    acts = {a.id: a for a in problem.activities}
    out = []
    for pl in placements:
        a = acts.get(pl.activity_id)
        if a is None:
            continue
        names = problem.hours[pl.hour:pl.hour + a.duration]
        first, last = hour_times(names[0]) if names else None, hour_times(names[-1]) if names else None
        start = dt.time.fromisoformat(first[0]) if first else None
        end = dt.time.fromisoformat(last[1]) if last and last[1] else None
        out.append(Lesson(timetable_id, a.id, pl.day, problem.days[pl.day], start, end, list(names),
                          a.subject, list(a.teachers), list(a.students), pl.room))
    return sorted(out, key=lambda lesson: (lesson.day_index, lesson.hour_names, lesson.activity_id))
