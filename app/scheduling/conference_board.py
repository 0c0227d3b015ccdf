"""One conference day as the Conferences page and ``teacherdesk conferences show`` see it.

A read-only use case: the day's slots, the teachers with requests (and their rooms), who is
booked when, and every request left out with the reason. The page and the CLI both call
:func:`day_board`, so they cannot disagree on what is booked or why a family is left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.scheduling.conferences_store import day_spec, load_bookings, load_plan, teacher_room
from app.store import Workspace


@dataclass(frozen=True)
class BoardTeacher:
    staff_id: int
    name: str
    room: str


@dataclass(frozen=True)
class BoardMeeting:
    request_id: int
    family: str
    students: str  # the children's names, comma-separated
    interpreter: str  # the interpreter's name, or ""
    manual: bool  # moved by hand: the scheduler keeps it
    language: str = ""


@dataclass(frozen=True)
class LeftOut:
    request_id: int
    family: str
    teacher: str
    reason: str | None  # None: never scheduled (no reason to give yet)


@dataclass(frozen=True)
class DayBoard:
    requests: int  # every request, on any day
    booked: int
    day_found: bool = False  # False: no such day (none chosen, or deleted meanwhile)
    slots: list[tuple[dt.datetime, dt.datetime]] = field(default_factory=list)  # local start, end
    teachers: list[BoardTeacher] = field(default_factory=list)
    meetings: dict[tuple[int, int], BoardMeeting] = field(default_factory=dict)  # (slot, staff id)
    left_out: list[LeftOut] = field(default_factory=list)
    reasons: dict[int, str] = field(default_factory=dict)  # request id -> why it is out

    @property
    def never_scheduled(self) -> bool:
        """Nothing has been booked yet, and no earlier run explained anything."""
        return self.booked == 0 and not self.reasons


def day_board(ws: Workspace, day_id: int | None, reasons: Mapping[int, str] | None = None) -> DayBoard:
    """The board of day ``day_id``. ``reasons``: why requests are out, from an earlier call
    (the page keeps them until something changes); worked out afresh when missing and some
    requests are out after a scheduling run (explaining takes a moment on a large school)."""
    from app.store.models import Guardian, Staff, Student
    from app.store.models.calendar import (
        ConferenceBooking,
        ConferenceDay,
        ConferenceInterpreter,
        ConferenceRequest,
    )

    with ws.read() as s:
        n_requests = int(s.scalar(select(func.count()).select_from(ConferenceRequest)) or 0)
        n_booked = int(s.scalar(select(func.count()).select_from(ConferenceBooking)) or 0)
        day = s.get(ConferenceDay, day_id) if day_id is not None else None
        if day is None:
            return DayBoard(n_requests, n_booked)
        known = dict(reasons or {})
        if n_requests > n_booked and n_booked and not known:
            from app.scheduling.conferences import explain_all

            known = {u.request_id: u.reason for u in explain_all(load_plan(s), load_bookings(s))}
        teachers = []
        for sid in sorted(set(s.scalars(select(ConferenceRequest.staff_id)))):
            staff = s.get(Staff, sid)
            teachers.append(BoardTeacher(sid, staff.display_name if staff else str(sid), teacher_room(s, sid)))
        meetings: dict[tuple[int, int], BoardMeeting] = {}
        rows = s.execute(select(ConferenceBooking, ConferenceRequest)
                         .join(ConferenceRequest, ConferenceRequest.id == ConferenceBooking.request_id)
                         .where(ConferenceBooking.day_id == day.id)).all()
        for booking, req in rows:
            family = s.get(Guardian, req.guardian_id)
            kids = ", ".join(st.display_name for st in (s.get(Student, i) for i in req.student_ids) if st)
            interp = s.get(ConferenceInterpreter, booking.interpreter_id) if booking.interpreter_id else None
            meetings[(booking.slot_index, req.staff_id)] = BoardMeeting(
                req.id, family.display_name if family else "", kids, interp.name if interp else "",
                booking.manual, req.language)
        booked = set(s.scalars(select(ConferenceBooking.request_id)))
        left: list[LeftOut] = []
        if n_booked or known:
            for req in s.scalars(select(ConferenceRequest).order_by(ConferenceRequest.id)):
                if req.id in booked:
                    continue
                family, staff = s.get(Guardian, req.guardian_id), s.get(Staff, req.staff_id)
                left.append(LeftOut(req.id, family.display_name if family else "",
                                    staff.display_name if staff else "", known.get(req.id)))
        return DayBoard(n_requests, n_booked, True, day_spec(day).slots(), teachers, meetings, left, known)
