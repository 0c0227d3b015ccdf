"""Counselor calendar events in the workspace: add, agenda, ASCA report, demo data."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.scheduling.counselor import AscaReport, Occurrence, asca_report, occurrences, to_cal_event
from app.scheduling.school_calendar import load_days_off
from app.store.models import Staff
from app.store.models.calendar import CalendarEvent, ConferenceDay, SchoolDayOff


def add_event(
    session: Session, *, title: str, start: dt.datetime, end: dt.datetime, owner_staff_id: int | None,
    category: str = "other", tzid: str = "America/Los_Angeles", all_day: bool = False,
    rrule: str = "", repeat_until: dt.date | None = None, alarms_minutes: list[int] | None = None,
    student_ids: list[int] | None = None, location: str = "", description: str = "",
    skip_days_off: bool = True, exdates: list[dt.date] | None = None,
) -> CalendarEvent:
    """Store one event or series; ``start``/``end`` are local wall-clock (naive) times."""
    if end < start:
        raise ValueError(f"'{title}' ends before it starts.")
    row = CalendarEvent(
        title=title, start_local=start, end_local=end, owner_staff_id=owner_staff_id, category=category,
        tzid=tzid, all_day=all_day, rrule=rrule, repeat_until=repeat_until,
        alarms_minutes=list(alarms_minutes or []), student_ids=list(student_ids or []),
        location=location, description=description, skip_days_off=skip_days_off,
        exdates=[d.isoformat() for d in (exdates or [])],
    )
    session.add(row)
    session.flush()
    return row


def agenda(
    session: Session, staff_id: int | None, start: dt.date, end: dt.date, *, full_names: bool = True,
) -> list[Occurrence]:
    """Occurrences of a person's events (``staff_id`` None: events without an owner)."""
    from app.scheduling.counselor import initials
    from app.store.models import Student

    off = {d for o in load_days_off(session) for d in o.dates()}
    rows = session.scalars(select(CalendarEvent).where(CalendarEvent.owner_staff_id == staff_id)
                           if staff_id is not None else select(CalendarEvent)).all()

    def namer(sid: int) -> str:
        st = session.get(Student, sid)
        if st is None:
            return "?"
        return st.display_name if full_names else initials(st.first_name, st.family_name)

    events = [to_cal_event(r, off_dates=off, name_student=namer, uid_domain="local") for r in rows]
    ids = {f"{r.uid}@local": r.id for r in rows}
    cats = {f"{r.uid}@local": r.category for r in rows}
    if staff_id is not None:
        # The person's parent-teacher conferences appear on their calendar too.
        from zoneinfo import ZoneInfo

        from app.scheduling.ical_export import Target, _conference_events, school_tzid

        conf = _conference_events(session, Target("teacher", str(staff_id)), set(), ZoneInfo(school_tzid(session)),
                                  full_names, False, "local")
        events.extend(conf)
        cats.update({c.uid: "consultation" for c in conf})
        # ...and their weekly lessons (skipping days off, ending with the term).
        from app.scheduling.ical_export import _year_bounds
        from app.scheduling.school_calendar import lesson_event, weekly_lessons

        year_start, year_end = _year_bounds(session)
        lessons, _source = weekly_lessons(session)
        for lesson in lessons:
            if staff_id not in lesson.teacher_ids:
                continue
            ev = lesson_event(lesson, tzid=school_tzid(session), term_start=year_start, term_end=year_end,
                              off_dates=off, uid=f"lesson-{lesson.section_id}-{lesson.weekday}@local")
            if ev is not None:
                events.append(ev)
                cats[ev.uid] = "class"
    return occurrences(events, start, end, ids=ids, categories=cats)


def counselor_report(session: Session, staff_id: int, start: dt.date, end: dt.date) -> AscaReport:
    return asca_report(agenda(session, staff_id, start, end), start, end)


def extend_demo(session: Session, rng: random.Random, info: Any) -> None:
    """Demo data: the year's holidays, a counselor's month, a conference evening."""
    for first, last, name in info.holidays:
        session.add(SchoolDayOff(name=name, start_date=first, end_date=last, kind="holiday", source="demo"))
    counselor = session.scalars(select(Staff).where(Staff.role == "counselor")).first()
    today = info.today
    monday = today - dt.timedelta(days=today.weekday())
    off = {first + dt.timedelta(days=n) for first, last, _name in info.holidays
           for n in range((last - first).days + 1)}
    school_days = [d for d in (monday + dt.timedelta(days=n) for n in range(35))
                   if d.weekday() < 5 and d not in off]
    if counselor is not None:
        sids = list(info.student_ids)
        y = monday.year if monday.month >= 8 else monday.year - 1
        add_event(session, title="Lunch group: study skills", category="group", owner_staff_id=counselor.id,
                  start=dt.datetime.combine(monday + dt.timedelta(days=1), dt.time(12, 0)),
                  end=dt.datetime.combine(monday + dt.timedelta(days=1), dt.time(12, 40)),
                  rrule="FREQ=WEEKLY;BYDAY=TU", repeat_until=dt.date(y + 1, 5, 26), alarms_minutes=[10],
                  student_ids=sids[:4], location="Counseling office")
        for i, sid in enumerate(sids[4:14]):
            day = school_days[(i * 2) % len(school_days)]
            add_event(session, title="Individual planning", category="individual_planning",
                      owner_staff_id=counselor.id, student_ids=[sid], location="Counseling office",
                      start=dt.datetime.combine(day, dt.time(9 + i % 5, 0)),
                      end=dt.datetime.combine(day, dt.time(9 + i % 5, 30)))
        add_event(session, title="College visit: UC Davis", category="college_visit", owner_staff_id=counselor.id,
                  start=dt.datetime.combine(school_days[3], dt.time(13, 30)),
                  end=dt.datetime.combine(school_days[3], dt.time(14, 30)), location="Library")
        add_event(session, title="PSAT/NMSQT", category="test_date", owner_staff_id=counselor.id, all_day=True,
                  start=dt.datetime.combine(dt.date(y, 10, 15), dt.time()),
                  end=dt.datetime.combine(dt.date(y, 10, 16), dt.time()), alarms_minutes=[7 * 24 * 60])
        add_event(session, title="FAFSA priority deadline", category="deadline", owner_staff_id=counselor.id,
                  all_day=True, start=dt.datetime.combine(dt.date(y + 1, 3, 2), dt.time()),
                  end=dt.datetime.combine(dt.date(y + 1, 3, 3), dt.time()),
                  alarms_minutes=[14 * 24 * 60, 2 * 24 * 60])
        add_event(session, title="Staff meeting", category="duty", owner_staff_id=counselor.id,
                  start=dt.datetime.combine(monday + dt.timedelta(days=2), dt.time(15, 15)),
                  end=dt.datetime.combine(monday + dt.timedelta(days=2), dt.time(16, 15)),
                  rrule="FREQ=WEEKLY;BYDAY=WE", repeat_until=dt.date(y + 1, 5, 27))
    conf_day = school_days[min(12, len(school_days) - 1)]
    session.add(ConferenceDay(label="Fall conferences", date=conf_day, start_time="15:30", end_time="19:30",
                              slot_minutes=15, passing_minutes=5, breaks=[["17:30", "17:50"]],
                              max_consecutive=5, walk_minutes=3))
