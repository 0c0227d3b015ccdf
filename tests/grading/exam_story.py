"""A small class and read pages built in memory, for tests of the exam ↔ gradebook rule.

Pages are :class:`PageResult` objects as the reader returns them (no image), so a test
can run hundreds of exam operations in seconds; the reading itself is tested elsewhere
on real rendered sheets.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from sqlalchemy import select

from app.grading.exam_scan import ReadPage
from app.grading.results import OK, REVIEW, FieldRead, PageResult
from app.store import Workspace
from app.store.models import Assignment, AssignmentCategory, Enrollment, Score, Section, Student
from app.store.models.exams import Exam

CHOICES = "ABCD"
_serial = itertools.count(1)


@dataclass(frozen=True)
class Klass:
    section_id: int
    student_ids: list[int]
    local_ids: list[str]
    category_ids: list[int]


def make_class(ws: Workspace, students: int = 3, categories: tuple[str, ...] = ("Homework", "Tests")) -> Klass:
    """A new class with its own students and weighted categories (names unique per call)."""
    n = next(_serial)
    with ws.session() as s:
        sec = Section(name=f"Math {n}", code=f"M{n}")
        s.add(sec)
        s.flush()
        studs = [Student(local_id=f"{n:03d}{i:03d}", given_name=f"Kid{i}", family_name=f"Class{n}")
                 for i in range(students)]
        s.add_all(studs)
        s.flush()
        s.add_all(Enrollment(section_id=sec.id, student_id=st.id) for st in studs)
        cats = [AssignmentCategory(section_id=sec.id, name=name, weight=50.0) for name in categories]
        s.add_all(cats)
        s.flush()
        return Klass(sec.id, [st.id for st in studs], [st.local_id for st in studs], [c.id for c in cats])


def read_page(local_id: str, answers: str, doubtful: tuple[int, ...] = (), source: str = "scan.png") -> ReadPage:
    """The reader's result for one sheet: ``answers`` one letter per question ('-' blank),
    the questions in ``doubtful`` (1-based) read as faint (to review)."""
    fields = []
    for q, letter in enumerate(answers, start=1):
        marked = [] if letter == "-" else [letter]
        status = REVIEW if q in doubtful else (OK if marked else "blank")
        fields.append(FieldRead(f"q{q}", "question", q, marked, status, 0.4 if q in doubtful else 0.95,
                                reason="faint" if q in doubtful else ""))
    result = PageResult(source, 1, REVIEW if doubtful else OK, sheet_page=1, student_id=local_id,
                        student_id_source="qr", answers=fields)
    return ReadPage(result, None, source)


def column(ws: Workspace, exam_id: int) -> Assignment | None:
    with ws.read() as s:
        exam = s.get(Exam, exam_id)
        if exam is None or exam.assignment_id is None:
            return None
        a = s.get(Assignment, exam.assignment_id)
        if a is not None:
            s.expunge(a)
        return a


def scores(ws: Workspace, assignment_id: int) -> dict[int, tuple[float | None, bool, bool, bool]]:
    """student id -> (points, missing, excused, incomplete) of the column."""
    with ws.read() as s:
        rows = s.scalars(select(Score).where(Score.assignment_id == assignment_id))
        return {r.student_id: (r.points, r.missing, r.excused, r.incomplete) for r in rows}
