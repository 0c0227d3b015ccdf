"""A small hand-made school whose grades are worked out by hand in the tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest


@dataclass
class SmallSchool:
    ws: object
    section_id: int
    term_id: int
    jose_id: int
    zoe_id: int
    assignment_ids: list[int]


@pytest.fixture
def small_school(empty_workspace):  # type: ignore[no-untyped-def]
    """Algebra 1 (Fall 2026), weights Homework 40 % / Tests 60 %, missing = 0, late -10 %.

    José: HW1 8/10, HW2 missing, Test 1 45/50 (late) -> see test_report_data for the sums.
    Zoë:  HW1 10/10, HW2 excused, Test 1 50/50.
    """
    from app.store.models import (
        Assignment,
        AssignmentCategory,
        AttendanceRecord,
        Course,
        Enrollment,
        Guardian,
        SchoolYear,
        Score,
        Section,
        SectionTeacher,
        Staff,
        Student,
        StudentGuardian,
        Term,
    )
    from app.store.models.gradebook import StudentTermComment

    ws = empty_workspace
    with ws.session() as s:
        from sqlalchemy import select

        from app.store.models import School

        school = s.scalars(select(School)).one()
        school.address = "12 Calle Ñandú, Los Ángeles, CA"
        year = SchoolYear(school_id=school.id, name="2026–2027", start_date=dt.date(2026, 8, 17),
                          end_date=dt.date(2027, 6, 4))
        s.add(year)
        s.flush()
        term = Term(school_year_id=year.id, name="Fall 2026", kind="semester",
                    start_date=dt.date(2026, 8, 17), end_date=dt.date(2026, 12, 18))
        s.add(term)
        s.flush()
        course = Course(title="Algebra 1", code="ALG1")
        s.add(course)
        s.flush()
        sec = Section(course_id=course.id, term_id=term.id, name="Algebra 1 – P2", code="ALG1-02",
                      period="2", room="204",
                      policy={"missing": "zero", "late_penalty_percent": 10})
        teacher = Staff(given_name="Siobhán", family_name="Kelly")
        sec.teachers = [SectionTeacher(staff=teacher)]
        s.add(sec)
        s.flush()
        hw = AssignmentCategory(section_id=sec.id, name="Homework", weight=40)
        tests = AssignmentCategory(section_id=sec.id, name="Tests", weight=60)
        s.add_all([hw, tests])
        s.flush()
        a1 = Assignment(section_id=sec.id, category_id=hw.id, term_id=term.id, title="=HYPERLINK(\"x\")",
                        points_possible=10, due_date=dt.date(2026, 9, 4))
        a2 = Assignment(section_id=sec.id, category_id=hw.id, term_id=term.id, title="Homework 2",
                        points_possible=10, due_date=dt.date(2026, 9, 11))
        a3 = Assignment(section_id=sec.id, category_id=tests.id, term_id=term.id, title="Test 1",
                        points_possible=50, due_date=dt.date(2026, 9, 18), origin="omr")
        s.add_all([a1, a2, a3])
        jose = Student(local_id="1001", given_name="José", family_name="Álvarez Nguyễn", pronouns="he/him",
                       grade_level="9")
        zoe = Student(local_id="1002", given_name="Zoë", family_name="Ørsted", pronouns="she/her",
                      grade_level="9")
        s.add_all([jose, zoe])
        s.flush()
        mama = Guardian(given_name="María", family_name="Nguyễn", preferred_language="es")
        dad = Guardian(given_name="Siobhán", family_name="Ørsted", preferred_language="en")
        s.add_all([mama, dad])
        s.flush()
        s.add_all([
            StudentGuardian(student_id=jose.id, guardian_id=mama.id),
            StudentGuardian(student_id=zoe.id, guardian_id=dad.id),
            Enrollment(section_id=sec.id, student_id=jose.id),
            Enrollment(section_id=sec.id, student_id=zoe.id),
            Score(assignment_id=a1.id, student_id=jose.id, points=8),
            Score(assignment_id=a2.id, student_id=jose.id, missing=True),
            Score(assignment_id=a3.id, student_id=jose.id, points=45, late=True),
            Score(assignment_id=a1.id, student_id=zoe.id, points=10),
            Score(assignment_id=a2.id, student_id=zoe.id, excused=True),
            Score(assignment_id=a3.id, student_id=zoe.id, points=50),
            StudentTermComment(student_id=jose.id, section_id=sec.id, term_id=term.id,
                               text="José trabaja muy bien; keep it up!"),
        ])
        for day, status in [(dt.date(2026, 9, 1), "present"), (dt.date(2026, 9, 2), "absent"),
                            (dt.date(2026, 9, 3), "tardy"), (dt.date(2026, 9, 4), "present")]:
            s.add(AttendanceRecord(student_id=jose.id, date=day, status=status))
        ids = (sec.id, term.id, jose.id, zoe.id, [a1.id, a2.id, a3.id])
    return SmallSchool(ws, *ids)
