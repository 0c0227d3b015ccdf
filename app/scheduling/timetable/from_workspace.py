"""Build a timetable problem from the workspace's own classes (sections).

Each section becomes an activity group of ``lessons_per_week`` single lessons taught by
its teachers in its room; its enrolled students become FET subgroups (by student id, not
name), so two sections that share a student never meet at the same time.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.scheduling.timetable.model import Activity, Constraint, Problem, Room, StudentsSet
from app.store import Workspace
from app.store.models import Enrollment, Section, SectionTeacher

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def period_names(count: int, start: str = "08:00", minutes: int = 50, passing: int = 5) -> list[str]:
    """``["08:00-08:50", "08:55-09:45", ...]``: FET hour names that carry clock times."""
    t = dt.datetime.combine(dt.date(2000, 1, 3), dt.time.fromisoformat(start))
    out = []
    for _ in range(count):
        end = t + dt.timedelta(minutes=minutes)
        out.append(f"{t:%H:%M}-{end:%H:%M}")
        t = end + dt.timedelta(minutes=passing)
    return out


def problem_from_workspace(
    ws: Workspace, *, lessons_per_week: int = 4, periods: int = 7, start: str = "08:00",
    minutes: int = 50, passing: int = 5, name: str = "Classes",
) -> Problem:
    p = Problem(name=name, days=list(WEEKDAYS), hours=period_names(periods, start, minutes, passing))
    with ws.read() as s:
        sections = s.scalars(
            select(Section).options(
                selectinload(Section.teachers).selectinload(SectionTeacher.staff),
                selectinload(Section.enrollments).selectinload(Enrollment.student),
                selectinload(Section.course),
            ).order_by(Section.id)
        ).all()
        teachers: dict[str, None] = {}
        subjects: dict[str, None] = {}
        rooms: dict[str, None] = {}
        used: set[str] = set()
        members: list[str] = []
        aid = 0
        for sec in sections:
            staff = [st.staff.display_name for st in sec.teachers if st.staff is not None]
            students = sorted(f"student {e.student.local_id}" for e in sec.enrollments if e.student.active)
            if not staff and not students:
                continue
            group = sec.code or sec.name
            if group in used:
                group = f"{group} ({sec.id})"
            used.add(group)
            members.append(group)
            p.groups.append(StudentsSet(group, "group", len(students), students))
            p.subgroups += [StudentsSet(st, "subgroup", 1) for st in students]
            subject = (sec.course.subject if sec.course and sec.course.subject else sec.name)
            subjects[subject] = None
            for t in staff:
                teachers[t] = None
            if sec.room:
                rooms[sec.room] = None
            first = aid + 1
            ids = []
            for _k in range(lessons_per_week):
                aid += 1
                ids.append(aid)
                p.activities.append(Activity(aid, staff, subject, [group], 1, first if lessons_per_week > 1 else 0,
                                             lessons_per_week, comments=sec.name))
                if sec.room:
                    p.constraints.append(Constraint("ActivityPreferredRoom", 100.0, space=True, params={
                        "Activity_Id": [str(aid)], "Room": [sec.room], "Permanently_Locked": ["false"]}))
            if len(ids) > 1:
                p.constraints.append(Constraint("MinDaysBetweenActivities",
                                                100.0 if len(ids) <= len(WEEKDAYS) else 95.0, params={
                    "Consecutive_If_Same_Day": ["true"], "Number_of_Activities": [str(len(ids))],
                    "Activity_Id": [str(i) for i in ids], "MinDays": ["1"]}))
    p.years = [StudentsSet("All classes", "year", 0, members)] if members else []
    p.teachers = list(teachers)
    p.subjects = list(subjects)
    p.rooms = [Room(r, 0) for r in rooms]
    p.constraints = [Constraint("BasicCompulsoryTime"), Constraint("BasicCompulsorySpace", space=True),
                     *p.constraints]
    return p
