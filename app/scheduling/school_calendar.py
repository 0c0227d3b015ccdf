"""The school calendar: terms, holidays and non-school days, and weekly lessons as
recurring events that skip days off and end with the term.

Timetables arrive as plain :class:`WeeklyLesson` rows, whoever produced them (the
timetable solver in ``app.scheduling.timetable`` when it has placed lessons, or
:func:`lessons_from_sections`, which reads ``Section.period`` and a bell schedule).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.i18n import _
from app.scheduling.ical_write import CalEvent
from app.store.models import Section, SectionTeacher, Term
from app.store.models.calendar import SchoolDayOff

WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

# A plain middle-school bell schedule used when no timetable says otherwise:
# period -> (start, end) local time.
DEFAULT_BELLS: dict[str, tuple[dt.time, dt.time]] = {
    "1": (dt.time(8, 0), dt.time(8, 50)),
    "2": (dt.time(8, 56), dt.time(9, 46)),
    "3": (dt.time(9, 52), dt.time(10, 42)),
    "4": (dt.time(10, 48), dt.time(11, 38)),
    "5": (dt.time(12, 18), dt.time(13, 8)),
    "6": (dt.time(13, 14), dt.time(14, 4)),
    "7": (dt.time(14, 10), dt.time(15, 0)),
}


@dataclass(frozen=True)
class WeeklyLesson:
    """A lesson that happens every week at the same local time during a term."""

    weekday: int  # 0 = Monday
    start: dt.time
    end: dt.time
    title: str
    teacher_ids: tuple[int, ...] = ()
    section_id: int | None = None
    room: str = ""
    student_ids: tuple[int, ...] = ()
    term_start: dt.date | None = None
    term_end: dt.date | None = None


@dataclass(frozen=True)
class DayOff:
    name: str
    start: dt.date
    end: dt.date  # inclusive
    kind: str = "holiday"
    uid: str = ""

    def dates(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range((self.end - self.start).days + 1)]


@dataclass
class SchoolCalendar:
    tzid: str
    days_off: list[DayOff] = field(default_factory=list)

    def off_dates(self) -> set[dt.date]:
        return {d for off in self.days_off for d in off.dates()}

    def is_school_day(self, day: dt.date) -> bool:
        return day.weekday() < 5 and day not in self.off_dates()


def load_days_off(session: Session) -> list[DayOff]:
    rows = session.scalars(select(SchoolDayOff).order_by(SchoolDayOff.start_date)).all()
    return [DayOff(r.name, r.start_date, r.end_date, r.kind, r.uid) for r in rows]


def add_day_off(
    session: Session, name: str, start: dt.date, end: dt.date | None = None,
    kind: str = "holiday", source: str = "manual",
) -> SchoolDayOff:
    end = end or start
    if end < start:
        raise ValueError(_("'{name}' ends ({end}) before it starts ({start}).").format(name=name, end=end, start=start))
    row = SchoolDayOff(name=name, start_date=start, end_date=end, kind=kind, source=source)
    session.add(row)
    session.flush()
    return row


def first_on_or_after(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def last_on_or_before(day: dt.date, weekday: int) -> dt.date:
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def lesson_event(
    lesson: WeeklyLesson, *, tzid: str, term_start: dt.date, term_end: dt.date,
    off_dates: set[dt.date], uid: str, summary: str | None = None,
    description: str = "", private: bool = False,
) -> CalEvent | None:
    """One weekly RRULE for ``lesson`` from the term's first to last matching weekday,
    with an EXDATE for each day off it would fall on. None if the term has no such day."""
    start_day = first_on_or_after(lesson.term_start or term_start, lesson.weekday)
    last_day = last_on_or_before(lesson.term_end or term_end, lesson.weekday)
    if last_day < start_day:
        return None
    zone = ZoneInfo(tzid)
    exdates = sorted(
        d for d in off_dates if start_day <= d <= last_day and d.weekday() == lesson.weekday
    )
    return CalEvent(
        uid=uid,
        summary=summary or lesson.title,
        start=dt.datetime.combine(start_day, lesson.start, tzinfo=zone),
        end=dt.datetime.combine(start_day, lesson.end, tzinfo=zone),
        location=lesson.room,
        description=description,
        categories=["Class"],
        rrule=f"FREQ=WEEKLY;BYDAY={WEEKDAY_CODES[lesson.weekday]}",
        until=last_day,
        exdates=exdates,
        private=private,
    )


def day_off_event(off: DayOff, *, uid: str, private: bool = False) -> CalEvent:
    return CalEvent(
        uid=uid, summary=off.name, start=off.start, end=off.end + dt.timedelta(days=1),
        categories=["School closed" if off.kind != "non_school_day" else "No school"],
        transparent=True, private=private,
    )


BELLS_KEY = "bell_times"  # Setting holding the school's own bell times


def load_bells(session: Session) -> dict[str, tuple[dt.time, dt.time]] | None:
    """The school's bell times (period -> start, end), or None when never set."""
    from app.store.models import Setting

    row = session.get(Setting, BELLS_KEY)
    if row is None or not row.value.get("periods"):
        return None
    return {str(p): (dt.time.fromisoformat(a), dt.time.fromisoformat(b)) for p, a, b in row.value["periods"]}


def lessons_from_sections(
    session: Session, *, bells: dict[str, tuple[dt.time, dt.time]] | None = None,
    weekdays: Iterable[int] = range(5),
) -> list[WeeklyLesson]:
    """Weekly lessons from ``Section.period`` and a bell schedule (every school day).

    Used when no placed timetable exists: a section in period "3" meets at period 3's
    bell times Monday to Friday, in its room, with its teachers and enrolled students.
    """
    bells = bells or load_bells(session) or DEFAULT_BELLS
    lessons: list[WeeklyLesson] = []
    sections = session.scalars(select(Section).order_by(Section.id)).all()
    teacher_rows = session.execute(select(SectionTeacher.section_id, SectionTeacher.staff_id)).all()
    teachers: dict[int, list[int]] = {}
    for section_id, staff_id in teacher_rows:
        teachers.setdefault(section_id, []).append(staff_id)
    for sec in sections:
        times = bells.get(sec.period.strip())
        if times is None:
            continue
        term: Term | None = sec.term
        students = _current(sec)
        for weekday in weekdays:
            lessons.append(WeeklyLesson(
                weekday=weekday, start=times[0], end=times[1], title=sec.name,
                teacher_ids=tuple(sorted(teachers.get(sec.id, []))), section_id=sec.id,
                room=sec.room, student_ids=students,
                term_start=term.start_date if term else None,
                term_end=term.end_date if term else None,
            ))
    return lessons


def weekly_lessons(session: Session) -> tuple[list[WeeklyLesson], str]:
    """The workspace's weekly lessons and where they came from ("timetable"/"sections")."""
    placed = lessons_from_timetable(session)
    if placed:
        return placed, "timetable"
    return lessons_from_sections(session), "sections"


SAMPLE_SOURCE = "sample"  # Timetable.source of "New sample school" on the Timetable page


def lessons_from_timetable(session: Session) -> list[WeeklyLesson]:
    """Placed lessons of the newest solved timetable in the workspace, if there is one.

    Teachers are matched to staff by name and activities to classes by their student
    group (a timetable built from the workspace's classes names each group after its
    class code), so the calendar events carry the class, its students and its term.

    Sample data never replaces the school's own: a "New sample school" timetable, or
    one whose lessons match none of the workspace's classes or staff (another school's
    file tried out), is skipped while the workspace has classes of its own.
    """
    from app.scheduling.timetable.model import Placement, Problem
    from app.store.models import Staff
    from app.store.models.timetable import Timetable

    staff_ids = {st.display_name: st.id for st in session.scalars(select(Staff))}
    sections = {sec.id: sec for sec in session.scalars(select(Section))}
    for tt in session.scalars(
        select(Timetable).where(Timetable.status == "solved", Timetable.source != SAMPLE_SOURCE)
        .order_by(Timetable.updated_at.desc(), Timetable.id.desc())
    ):
        if not tt.placements:
            continue
        problem = Problem.from_json(tt.problem_json)
        placements = [Placement(r.activity_id, r.day, r.hour, r.room, r.locked) for r in tt.placements]
        lessons = _timetable_lessons(problem, placements, staff_ids, sections)
        ours = any(lesson.section_id is not None or lesson.teacher_ids for lesson in lessons)
        if ours or not sections:
            return lessons
    return []


def _timetable_lessons(problem: Any, placements: list[Any], staff_ids: dict[str, int],
                       sections: dict[int, Section]) -> list[WeeklyLesson]:
    import dataclasses

    by_group: dict[str, int] = {}
    for section in sections.values():
        by_group.setdefault(section.name, section.id)
        by_group[section.code or section.name] = section.id
        by_group[f"{section.code or section.name} ({section.id})"] = section.id
    section_ids = {a.id: by_group[a.students[0]] for a in problem.activities
                   if a.students and a.students[0] in by_group}
    lessons = lessons_from_placements(problem, placements, teacher_ids=staff_ids, section_ids=section_ids)
    out = []
    for lesson in lessons:
        sec: Section | None = sections.get(lesson.section_id) if lesson.section_id is not None else None
        if sec is not None:
            lesson = dataclasses.replace(
                lesson, title=sec.name, room=lesson.room or sec.room,
                student_ids=_current(sec),
                term_start=sec.term.start_date if sec.term else None,
                term_end=sec.term.end_date if sec.term else None,
            )
        out.append(lesson)
    return out


_DAY_NAMES = {
    "mo": 0, "mon": 0, "monday": 0, "lunes": 0, "tu": 1, "tue": 1, "tuesday": 1, "martes": 1,
    "we": 2, "wed": 2, "wednesday": 2, "miercoles": 2, "miércoles": 2, "th": 3, "thu": 3, "thursday": 3,
    "jueves": 3, "fr": 4, "fri": 4, "friday": 4, "viernes": 4, "sa": 5, "sat": 5, "saturday": 5,
    "su": 6, "sun": 6, "sunday": 6,
}


def lessons_from_placements(
    problem: object, placements: Iterable[object], *, teacher_ids: dict[str, int] | None = None,
    section_ids: dict[int, int] | None = None, lesson_minutes: int = 50,
) -> list[WeeklyLesson]:
    """Weekly lessons from a solved timetable (``app.scheduling.timetable``'s ``Problem``
    and ``Placement`` rows): day names give the weekday, hour names like "08:00-08:50"
    the times (else 08:00 + ``lesson_minutes`` per hour), ``teacher_ids`` maps the
    timetable's teacher names to staff ids and ``section_ids`` activity ids to sections."""
    from app.scheduling.timetable.model import Problem, hour_times

    assert isinstance(problem, Problem)
    teacher_ids = teacher_ids or {}
    section_ids = section_ids or {}
    activities = {a.id: a for a in problem.activities}
    lessons: list[WeeklyLesson] = []
    for p in placements:
        act = activities.get(p.activity_id)  # type: ignore[attr-defined]
        if act is None:
            continue
        day_name = problem.days[p.day].strip().lower()  # type: ignore[attr-defined]
        index: int = p.day  # type: ignore[attr-defined]
        weekday = _DAY_NAMES.get(day_name, _DAY_NAMES.get(day_name[:3], index))
        hour: int = p.hour  # type: ignore[attr-defined]
        first = hour_times(problem.hours[hour]) if hour < len(problem.hours) else None
        last_index = min(hour + act.duration - 1, len(problem.hours) - 1)
        last = hour_times(problem.hours[last_index]) if problem.hours else None
        if first and first[0]:
            start = dt.time.fromisoformat(first[0])
        else:
            start = (dt.datetime(2000, 1, 1, 8) + dt.timedelta(minutes=lesson_minutes * hour)).time()
        if last and last[1]:
            end = dt.time.fromisoformat(last[1])
        else:
            end = (dt.datetime.combine(dt.date(2000, 1, 1), start)
                   + dt.timedelta(minutes=lesson_minutes * act.duration)).time()
        lessons.append(WeeklyLesson(
            weekday=weekday, start=start, end=end,
            title=f"{act.subject} – {', '.join(act.students)}" if act.students else act.subject,
            teacher_ids=tuple(sorted(teacher_ids[t] for t in act.teachers if t in teacher_ids)),
            section_id=section_ids.get(act.id), room=p.room,  # type: ignore[attr-defined]
        ))
    return lessons


def _current(sec: Section) -> tuple[int, ...]:
    """The class's students now: a departed student or a dropped enrollment (kept inactive
    by a roster re-import, app.store.enrolled) has no lessons."""
    from sqlalchemy.orm import object_session

    from app.store.enrolled import current_student_ids

    session = object_session(sec)
    if session is None:  # a detached section: its loaded enrollments are all we have
        return tuple(sorted(e.student_id for e in sec.enrollments if e.active))
    return tuple(sorted(current_student_ids(session, sec.id)))
