"""Conference data in the workspace: loading a plan, saving a schedule, manual moves,
moving a whole day (snow day), and creating requests from families' classes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.core.i18n import _
from app.scheduling.conferences import (
    Absence,
    Booking,
    ConferencePlan,
    DaySpec,
    InterpreterSpec,
    RequestSpec,
    ScheduleResult,
    TeacherSpec,
    check_move,
)
from app.store import audit
from app.store.enrolled import is_current
from app.store.models import (
    Enrollment,
    Guardian,
    Section,
    SectionTeacher,
    Staff,
    Student,
    StudentGuardian,
)
from app.store.models.calendar import (
    CalendarEvent,
    ConferenceBooking,
    ConferenceDay,
    ConferenceInterpreter,
    ConferenceRequest,
    ConferenceTeacher,
    SchoolDayOff,
)


def hhmm(value: str) -> dt.time:
    return dt.time.fromisoformat(value)


def day_spec(row: ConferenceDay) -> DaySpec:
    return DaySpec(
        id=row.id, date=row.date, start=hhmm(row.start_time), end=hhmm(row.end_time),
        slot_minutes=row.slot_minutes, passing_minutes=row.passing_minutes,
        breaks=tuple((hhmm(a), hhmm(b)) for a, b in row.breaks),
        max_consecutive=row.max_consecutive, walk_minutes=row.walk_minutes, label=row.label,
    )


def _absences(items: list[dict[str, str]]) -> tuple[Absence, ...]:
    return tuple(Absence(int(a["day_id"]), hhmm(a["start"]), hhmm(a["end"])) for a in items)


def teacher_room(session: Session, staff_id: int) -> str:
    row = session.get(ConferenceTeacher, staff_id)
    if row and row.room:
        return row.room
    room = session.scalars(
        select(Section.room).join(SectionTeacher, SectionTeacher.section_id == Section.id)
        .where(SectionTeacher.staff_id == staff_id, Section.room != "").order_by(Section.id)
    ).first()
    return room or ""


def _busy_absences(session: Session, staff_id: int, days: list[ConferenceDay]) -> list[Absence]:
    """A teacher's busy events (entered, or imported from an .ics) on conference days;
    repeating ones (a weekly staff meeting) are expanded, skipping their exceptions."""
    from app.scheduling.counselor import occurrences, to_cal_event
    from app.scheduling.school_calendar import load_days_off

    out: list[Absence] = []
    events = session.scalars(
        select(CalendarEvent).where(CalendarEvent.owner_staff_id == staff_id, CalendarEvent.busy.is_(True),
                                    CalendarEvent.all_day.is_(False))
    ).all()
    if not events or not days:
        return out
    off = {d for o in load_days_off(session) for d in o.dates()}
    cal_events = [to_cal_event(e, off_dates=off, name_student=lambda _sid: "", uid_domain="busy") for e in events]
    by_date = {d.date: d for d in days}
    first, last = min(by_date), max(by_date) + dt.timedelta(days=1)
    for occ in occurrences(cal_events, first, last):
        if not isinstance(occ.start, dt.datetime) or not isinstance(occ.end, dt.datetime):
            continue
        for day_date, day in by_date.items():
            if occ.start.date() <= day_date <= occ.end.date():
                start = occ.start.time() if occ.start.date() == day_date else dt.time(0)
                end = occ.end.time() if occ.end.date() == day_date else dt.time(23, 59)
                out.append(Absence(day.id, start, end))
    return out


def load_plan(session: Session) -> ConferencePlan:
    days = session.scalars(select(ConferenceDay).order_by(ConferenceDay.date, ConferenceDay.id)).all()
    requests = session.scalars(select(ConferenceRequest).order_by(ConferenceRequest.id)).all()
    staff_ids = sorted({r.staff_id for r in requests})
    teachers = []
    for sid in staff_ids:
        staff = session.get(Staff, sid)
        row = session.get(ConferenceTeacher, sid)
        absences = list(_absences(row.unavailable if row else [])) + _busy_absences(session, sid, list(days))
        teachers.append(TeacherSpec(sid, staff.display_name if staff else str(sid), teacher_room(session, sid),
                                    tuple(absences), languages=tuple(staff.languages or ()) if staff else ()))
    families = {g.id: g for g in session.scalars(select(Guardian)).all()}
    reqs = [
        RequestSpec(
            id=r.id, family_id=r.guardian_id,
            family_name=families[r.guardian_id].display_name if r.guardian_id in families else str(r.guardian_id),
            teacher_id=r.staff_id, student_ids=tuple(r.student_ids),
            earliest=hhmm(r.earliest) if r.earliest else None, latest=hhmm(r.latest) if r.latest else None,
            language=r.language, interpreter=r.interpreter_needed, day_id=r.day_id, priority=r.priority,
        )
        for r in requests
    ]
    interpreters = [
        InterpreterSpec(i.id, i.name, language_code(i.language) or i.language, _absences(i.unavailable))
        for i in session.scalars(select(ConferenceInterpreter).order_by(ConferenceInterpreter.id)).all()
    ]
    return ConferencePlan([day_spec(d) for d in days], teachers, reqs, interpreters)


def load_bookings(session: Session) -> list[Booking]:
    rows = session.scalars(select(ConferenceBooking).order_by(ConferenceBooking.id)).all()
    return [Booking(b.request_id, b.day_id, b.slot_index, b.interpreter_id, b.manual) for b in rows]


def save_result(session: Session, result: ScheduleResult, actor: str = "teacherdesk") -> None:
    """Replace the automatic bookings with ``result`` (manual ones are in it, kept)."""
    session.execute(delete(ConferenceBooking))
    session.add_all([
        ConferenceBooking(request_id=b.request_id, day_id=b.day_id, slot_index=b.slot,
                          interpreter_id=b.interpreter_id, manual=b.manual)
        for b in result.bookings
    ])
    audit.record(session, actor, "conferences.schedule", "conference_booking", "",
                 placed=result.placed, requests=result.requests, solver=result.solver, kept=result.kept)


def move_booking(
    session: Session, request_id: int, day_id: int, slot: int, *, force: bool = False,
    actor: str = "teacherdesk",
) -> list[str]:
    """Move (or place) one request by hand; returns the conflicts and moves only when
    there are none (or ``force``)."""
    plan = load_plan(session)
    bookings = load_bookings(session)
    conflicts = check_move(plan, bookings, request_id, day_id, slot)
    if conflicts and not force:
        return conflicts
    row = session.scalars(select(ConferenceBooking).where(ConferenceBooking.request_id == request_id)).first()
    if row is None:
        row = ConferenceBooking(request_id=request_id, day_id=day_id, slot_index=slot)
        session.add(row)
    row.day_id, row.slot_index, row.manual = day_id, slot, True
    audit.record(session, actor, "conferences.move", "conference_request", str(request_id),
                 day_id=day_id, slot=slot, conflicts=conflicts)
    return conflicts


def move_day(session: Session, day_id: int, new_date: dt.date, actor: str = "teacherdesk") -> ConferenceDay:
    """Move a conference day (a snow day): every booking keeps its slot on the new date."""
    day = session.get(ConferenceDay, day_id)
    if day is None:
        raise ValueError(_("There is no conference day {day_id}.").format(day_id=day_id))
    off = session.scalars(select(SchoolDayOff).where(
        SchoolDayOff.start_date <= new_date, SchoolDayOff.end_date >= new_date)).first()
    if off is not None:
        raise ValueError(_("{new_date} is a day off ({name}); choose another date.").format(new_date=new_date.isoformat(), name=off.name))
    old = day.date
    day.date = new_date
    audit.record(session, actor, "conferences.move_day", "conference_day", str(day_id),
                 old=old.isoformat(), new=new_date.isoformat())
    return day


@dataclass(frozen=True)
class Household:
    guardian_id: int
    student_ids: tuple[int, ...]
    language: str


def households(session: Session) -> list[Household]:
    """One contact per household: guardians sharing children are one family, the
    lowest-id guardian speaking for it."""
    links = session.execute(select(StudentGuardian.guardian_id, StudentGuardian.student_id)).all()
    kids: dict[int, set[int]] = {}
    for gid, sid in links:
        kids.setdefault(gid, set()).add(sid)
    seen: dict[frozenset[int], int] = {}
    for gid in sorted(kids):
        key = frozenset(kids[gid])
        seen.setdefault(key, gid)
    langs = dict(session.execute(select(Guardian.id, Guardian.preferred_language)).all())
    return [Household(gid, tuple(sorted(key)), langs.get(gid) or "en") for key, gid in sorted(seen.items(), key=lambda kv: kv[1])]


def requests_from_classes(
    session: Session, *, guardian_ids: list[int] | None = None, day_id: int | None = None,
) -> int:
    """Ask every teacher of each family's children (one request per teacher, covering
    all the family's children in that teacher's classes). Returns how many were added."""
    existing = {(r.guardian_id, r.staff_id) for r in session.scalars(select(ConferenceRequest)).all()}
    rows = session.execute(
        select(Enrollment.student_id, SectionTeacher.staff_id)
        .join(SectionTeacher, SectionTeacher.section_id == Enrollment.section_id)
        .join(Student, Student.id == Enrollment.student_id)
        .where(is_current())  # no meeting requests for departed students or dropped classes
    ).all()
    teachers_of: dict[int, set[int]] = {}
    for sid, staff_id in rows:
        teachers_of.setdefault(sid, set()).add(staff_id)
    added = 0
    for h in households(session):
        if guardian_ids is not None and h.guardian_id not in guardian_ids:
            continue
        per_teacher: dict[int, list[int]] = {}
        for sid in h.student_ids:
            for staff_id in teachers_of.get(sid, ()):
                per_teacher.setdefault(staff_id, []).append(sid)
        for staff_id, sids in sorted(per_teacher.items()):
            if (h.guardian_id, staff_id) in existing:
                continue
            session.add(ConferenceRequest(
                guardian_id=h.guardian_id, staff_id=staff_id, student_ids=sorted(sids), day_id=day_id,
                language=h.language, interpreter_needed=h.language.split("-")[0] != "en",
            ))
            added += 1
    session.flush()
    return added


def slot_times(day: ConferenceDay, slot: int) -> tuple[dt.datetime, dt.datetime]:
    slots = day_spec(day).slots()
    return slots[slot]


def student_names(session: Session, ids: list[int]) -> list[Student]:
    return [s for s in (session.get(Student, i) for i in ids) if s is not None]


def set_teacher_away(session: Session, staff_id: int, day_id: int, start: dt.time, end: dt.time) -> None:
    """Mark a teacher away on one conference day from ``start`` to ``end``."""
    if end <= start:
        raise ValueError(_("The absence must end after it starts."))
    row = session.get(ConferenceTeacher, staff_id)
    if row is None:
        row = ConferenceTeacher(staff_id=staff_id, room=teacher_room(session, staff_id), unavailable=[])
        session.add(row)
    row.unavailable = [*row.unavailable, {"day_id": day_id, "start": f"{start:%H:%M}", "end": f"{end:%H:%M}"}]


def set_teacher_room(session: Session, staff_id: int, room: str) -> None:
    row = session.get(ConferenceTeacher, staff_id)
    if row is None:
        session.add(ConferenceTeacher(staff_id=staff_id, room=room, unavailable=[]))
    else:
        row.room = room


def set_family_window(
    session: Session, guardian_id: int, earliest: dt.time | None, latest: dt.time | None,
) -> int:
    """The family's earliest arrival and latest end for all its requests; returns how many."""
    if earliest and latest and latest <= earliest:
        raise ValueError(_("The latest time must be after the earliest."))
    rows = session.scalars(select(ConferenceRequest).where(ConferenceRequest.guardian_id == guardian_id)).all()
    for r in rows:
        r.earliest = f"{earliest:%H:%M}" if earliest else ""
        r.latest = f"{latest:%H:%M}" if latest else ""
    return len(rows)


def language_code(text: str) -> str | None:
    """The stored code for a language typed or picked ("Spanish", "Español", "es-MX" -> "es"...)."""
    from app.store.roster.languages import language_tag

    return language_tag(text)


def add_interpreter(session: Session, name: str, language: str) -> ConferenceInterpreter:
    if not name.strip() or not language.strip():
        raise ValueError(_("An interpreter needs a name and a language."))
    code = language_code(language)
    if code is None:
        raise ValueError(_("'{language}' is not a language TeacherDesk knows; pick one from the list or type a name such as Spanish or a code such as es.").format(language=language.strip()))
    row = ConferenceInterpreter(name=name.strip(), language=code, unavailable=[])
    session.add(row)
    session.flush()
    return row
