"""Exporting someone's calendar from the workspace as an ``.ics`` file.

``export_calendar(ws, "teacher", 12)`` gathers what belongs on that calendar — weekly
lessons (skipping days off, ending with the term), days off, calendar events, conference
meetings — and writes it with ``ical_write``. Privacy by default: every export except a
counselor's own calendar shows students as initials and marks events CLASS:PRIVATE;
full names need ``full_names=True``.

UIDs are derived from stable database identities (a lesson's section, weekday and start;
an event's stored uid; a conference request's uid), so exporting again and re-importing
updates events instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import UserFacingError
from app.core.i18n import _
from app.scheduling.counselor import initials, to_cal_event
from app.scheduling.ical_write import CalEvent, write_calendar
from app.scheduling.school_calendar import (
    WeeklyLesson,
    day_off_event,
    lesson_event,
    load_days_off,
    weekly_lessons,
)
from app.store.models import Guardian, School, SchoolYear, Section, Staff, Student, StudentGuardian
from app.store.models.calendar import (
    CalendarEvent,
    ConferenceBooking,
    ConferenceDay,
    ConferenceInterpreter,
    ConferenceRequest,
)

KINDS = ("teacher", "counselor", "class", "room", "student", "family")


class ExportError(UserFacingError, ValueError):
    """The target of an export does not exist or is malformed; the message is for the user."""


@dataclass(frozen=True)
class Target:
    kind: str
    ident: str

    @classmethod
    def parse(cls, text: str) -> Target:
        kind, sep, ident = text.partition(":")
        kind = kind.strip().lower()
        if not sep or kind not in KINDS or not ident.strip():
            raise ExportError(_("'{text}' is not a calendar to export; use KIND:ID with KIND one of {kinds} (for example teacher:3 or room:204).").format(text=text, kinds=', '.join(KINDS)))
        return cls(kind, ident.strip())

    @property
    def id(self) -> int:
        try:
            return int(self.ident)
        except ValueError as exc:
            raise ExportError(_("{kind}:{ident} needs a number after the colon.").format(kind=self.kind, ident=self.ident)) from exc


@dataclass
class ExportResult:
    data: bytes
    events: int
    name: str
    full_names: bool
    timezone: str = ""  # the IANA zone every timed event is written in (the school's)


def school_tzid(session: Session) -> str:
    school = session.scalars(select(School).order_by(School.id)).first()
    return school.timezone if school and school.timezone else "America/Los_Angeles"


def _student_namer(session: Session, full: bool) -> Callable[[int], str]:
    cache: dict[int, str] = {}

    def name(sid: int) -> str:
        if sid not in cache:
            st = session.get(Student, sid)
            if st is None:
                cache[sid] = "?"
            else:
                cache[sid] = st.display_name if full else initials(st.first_name, st.family_name)
        return cache[sid]

    return name


def _year_bounds(session: Session) -> tuple[dt.date, dt.date]:
    year = session.scalars(select(SchoolYear).order_by(SchoolYear.start_date.desc())).first()
    if year:
        return year.start_date, year.end_date
    today = dt.date.today()
    return today, today + dt.timedelta(days=300)


def _overlaps(ev: CalEvent, start: dt.date | None, end: dt.date | None) -> bool:
    first = ev.start.date() if isinstance(ev.start, dt.datetime) else ev.start
    last = ev.until or (ev.end.date() if isinstance(ev.end, dt.datetime) else ev.end)
    if start and last < start:
        return False
    return not (end and first > end)


def _target_label(session: Session, target: Target) -> str:
    if target.kind in ("teacher", "counselor"):
        staff = session.get(Staff, target.id)
        if staff is None:
            raise ExportError(_("There is no staff member with id {id}.").format(id=target.id))
        return staff.display_name
    if target.kind == "class":
        sec = session.get(Section, target.id)
        if sec is None:
            raise ExportError(_("There is no class with id {id}.").format(id=target.id))
        return sec.name
    if target.kind == "student":
        st = session.get(Student, target.id)
        if st is None:
            raise ExportError(_("There is no student with id {id}.").format(id=target.id))
        return f"Student {st.local_id}"
    if target.kind == "family":
        g = session.get(Guardian, target.id)
        if g is None:
            raise ExportError(_("There is no family contact with id {id}.").format(id=target.id))
        return f"Family {g.family_name}"
    return f"Room {target.ident}"


def _lesson_matches(lesson: WeeklyLesson, target: Target, children: set[int]) -> bool:
    if target.kind == "teacher":
        return target.id in lesson.teacher_ids
    if target.kind == "class":
        return lesson.section_id == target.id
    if target.kind == "room":
        return lesson.room == target.ident
    if target.kind == "student":
        return target.id in lesson.student_ids
    if target.kind == "family":
        return bool(children & set(lesson.student_ids))
    return False


def collect_events(
    session: Session, target: Target, *, full_names: bool | None = None, uid_domain: str = "teacherdesk",
) -> tuple[list[CalEvent], bool]:
    """The events of ``target``'s calendar and whether full names were used."""
    self_export = target.kind == "counselor"
    full = self_export if full_names is None else full_names
    private = not self_export
    name_student = _student_namer(session, full)
    tzid = school_tzid(session)
    zone = ZoneInfo(tzid)
    days_off = load_days_off(session)
    off_dates = {d for off in days_off for d in off.dates()}
    year_start, year_end = _year_bounds(session)
    events: list[CalEvent] = [
        day_off_event(off, uid=f"dayoff-{off.uid}@{uid_domain}", private=private) for off in days_off
    ]
    children: set[int] = set()
    if target.kind == "family":
        children = set(session.scalars(
            select(StudentGuardian.student_id).where(StudentGuardian.guardian_id == target.id)).all())
    # Weekly lessons.
    if target.kind != "counselor":
        lessons, _source = weekly_lessons(session)
        for lesson in lessons:
            if not _lesson_matches(lesson, target, children):
                continue
            ev = lesson_event(
                lesson, tzid=tzid, term_start=year_start, term_end=year_end, off_dates=off_dates,
                uid=f"lesson-{lesson.section_id}-{lesson.weekday}-{lesson.start:%H%M}@{uid_domain}",
                private=private,
            )
            if ev is not None:
                events.append(ev)
    # Calendar events (counselor meetings, groups, test dates, deadlines, busy times).
    query = select(CalendarEvent).order_by(CalendarEvent.id)
    rows = list(session.scalars(query).all())
    for row in rows:
        if target.kind in ("teacher", "counselor"):
            wanted = row.owner_staff_id == target.id
        elif target.kind == "student":
            wanted = target.id in row.student_ids
        elif target.kind == "family":
            wanted = bool(children & set(row.student_ids)) and row.category in ("consultation",)
        elif target.kind == "room":
            wanted = row.location == target.ident
        else:
            wanted = False
        if wanted:
            events.append(to_cal_event(row, off_dates=off_dates, name_student=name_student,
                                       uid_domain=uid_domain, private=private))
    events.extend(_conference_events(session, target, children, zone, full, private, uid_domain))
    return events, full


def _conference_events(
    session: Session, target: Target, children: set[int], zone: ZoneInfo, full: bool,
    private: bool, uid_domain: str,
) -> list[CalEvent]:
    from app.scheduling.conferences_store import slot_times, teacher_room

    out: list[CalEvent] = []
    name_student = _student_namer(session, full)
    rows = session.execute(
        select(ConferenceBooking, ConferenceRequest, ConferenceDay)
        .join(ConferenceRequest, ConferenceRequest.id == ConferenceBooking.request_id)
        .join(ConferenceDay, ConferenceDay.id == ConferenceBooking.day_id)
    ).all()
    for booking, req, day in rows:
        room = teacher_room(session, req.staff_id)
        if target.kind == "teacher" and req.staff_id != target.id:
            continue
        if target.kind == "family" and req.guardian_id != target.id:
            continue
        if target.kind == "student" and target.id not in req.student_ids:
            continue
        if target.kind == "room" and room != target.ident:
            continue
        if target.kind in ("class", "counselor"):
            continue
        start, end = slot_times(day, booking.slot_index)
        teacher = session.get(Staff, req.staff_id)
        guardian = session.get(Guardian, req.guardian_id)
        kids = ", ".join(name_student(s) for s in req.student_ids)
        if target.kind == "family":
            summary = f"Conference with {teacher.display_name if teacher else 'teacher'}"
        else:
            family = (guardian.display_name if full else initials(guardian.given_name, guardian.family_name)) \
                if guardian else "family"
            summary = f"Conference: {family}" + (f" ({kids})" if kids else "")
        description = f"Students: {kids}" if kids else ""
        if booking.interpreter_id:
            interp = session.get(ConferenceInterpreter, booking.interpreter_id)
            if interp:
                description += f"\nInterpreter ({interp.language}): {interp.name}"
        out.append(CalEvent(
            uid=f"conference-{req.uid}@{uid_domain}", summary=summary,
            start=start.replace(tzinfo=zone), end=end.replace(tzinfo=zone),
            location=f"Room {room}" if room else "", description=description.strip(),
            categories=["Conference"], alarms_minutes=[30] if target.kind == "family" else [],
            private=private,
        ))
    return out


def export_calendar(
    session: Session, target: Target, *, start: dt.date | None = None, end: dt.date | None = None,
    full_names: bool | None = None, uid_domain: str = "teacherdesk", stamp: dt.datetime | None = None,
) -> ExportResult:
    label = _target_label(session, target)
    events, full = collect_events(session, target, full_names=full_names, uid_domain=uid_domain)
    events = [ev for ev in events if _overlaps(ev, start, end)]
    data = write_calendar(events, name=f"TeacherDesk – {label}", stamp=stamp)
    return ExportResult(data, len(events), label, full, school_tzid(session))
