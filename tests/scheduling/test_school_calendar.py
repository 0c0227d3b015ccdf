"""School calendar: weekly lessons become RRULEs that skip days off and end with the term."""

from __future__ import annotations

import datetime as dt

import icalendar
import recurring_ical_events

from app.scheduling.ical_write import write_calendar
from app.scheduling.school_calendar import (
    WeeklyLesson,
    lesson_event,
    lessons_from_placements,
    lessons_from_sections,
)


def test_lesson_series_runs_first_to_last_weekday_of_the_term_skipping_days_off() -> None:
    lesson = WeeklyLesson(weekday=2, start=dt.time(9, 52), end=dt.time(10, 42), title="Science")
    off = {dt.date(2026, 11, 11), dt.date(2026, 11, 25), dt.date(2026, 11, 26)}
    ev = lesson_event(lesson, tzid="America/Chicago", term_start=dt.date(2026, 8, 17),
                      term_end=dt.date(2027, 1, 22), off_dates=off, uid="x@test")
    assert ev is not None
    assert ev.start.date() == dt.date(2026, 8, 19)  # first Wednesday of the term
    assert ev.until == dt.date(2027, 1, 20)  # last Wednesday of the term
    assert ev.exdates == [dt.date(2026, 11, 11), dt.date(2026, 11, 25)]  # Thursday 26th is not a Wednesday
    cal = icalendar.Calendar.from_ical(write_calendar([ev]))
    days = [o.decoded("dtstart").date() for o in recurring_ical_events.of(cal).between(
        dt.date(2026, 8, 1), dt.date(2027, 2, 1))]
    assert days[0] == dt.date(2026, 8, 19) and days[-1] == dt.date(2027, 1, 20)
    assert dt.date(2026, 11, 11) not in days and len(days) == 23 - 2


def test_term_without_that_weekday_gives_no_event() -> None:
    lesson = WeeklyLesson(weekday=0, start=dt.time(8), end=dt.time(9), title="x")
    assert lesson_event(lesson, tzid="America/New_York", term_start=dt.date(2026, 9, 1),
                        term_end=dt.date(2026, 9, 4), off_dates=set(), uid="u") is None


def test_lessons_from_sections_of_the_demo(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    with demo_workspace.read() as s:
        lessons = lessons_from_sections(s)
    assert lessons and {lesson.weekday for lesson in lessons} == {0, 1, 2, 3, 4}
    assert all(lesson.teacher_ids and lesson.student_ids and lesson.term_end for lesson in lessons)


def test_lessons_from_timetable_placements() -> None:
    from app.scheduling.timetable.model import Activity, Placement, Problem

    problem = Problem(days=["Monday", "Tuesday"], hours=["08:00-08:50", "08:55-09:45"],
                      teachers=["Murphy"], activities=[Activity(1, ["Murphy"], "Math", ["7A"], duration=2)])
    (lesson,) = lessons_from_placements(problem, [Placement(1, day=1, hour=0, room="204")],
                                        teacher_ids={"Murphy": 5}, section_ids={1: 9})
    assert (lesson.weekday, lesson.start, lesson.end) == (1, dt.time(8), dt.time(9, 45))
    assert lesson.teacher_ids == (5,) and lesson.section_id == 9 and lesson.room == "204"



def test_departed_students_have_no_lessons_and_no_conference_requests(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    """A roster re-import keeps a departed student's enrollment inactive (grades kept): the
    calendar and conference requests follow who is in the class now."""
    from sqlalchemy import select

    from app.scheduling.conferences_store import requests_from_classes
    from app.store.enrolled import is_current
    from app.store.models import Enrollment, Student, StudentGuardian
    from app.store.models.calendar import ConferenceRequest

    with demo_workspace.session() as s:
        section_id, student_id = s.execute(select(Enrollment.section_id, Enrollment.student_id).limit(1)).one()
        dropped = s.scalars(select(Enrollment).where(Enrollment.section_id == section_id,
                                                     Enrollment.student_id == student_id)).one()
        dropped.active = False
        other = s.scalars(select(Enrollment).where(Enrollment.student_id != student_id)).first()
        assert other is not None
        departed_id = other.student_id
        departed = s.get(Student, departed_id)
        assert departed is not None
        departed.active = False
        s.execute(ConferenceRequest.__table__.delete())
    with demo_workspace.session() as s:
        lessons = lessons_from_sections(s)
        assert requests_from_classes(s) > 0
        asked = {r.guardian_id for r in s.scalars(select(ConferenceRequest))}
        current_families = set(s.scalars(
            select(StudentGuardian.guardian_id).join(Enrollment, Enrollment.student_id == StudentGuardian.student_id)
            .join(Student, Student.id == Enrollment.student_id).where(is_current())))
    in_class = [lesson for lesson in lessons if lesson.section_id == section_id]
    assert in_class and all(student_id not in lesson.student_ids for lesson in in_class)
    assert all(departed_id not in lesson.student_ids for lesson in lessons)
    assert asked <= current_families
