"""Who is in a class *now*: the rule every class list, gradebook entry and new exam uses.

A student is current in a class while both the student and the enrollment are active. A
roster re-import marks departed students and dropped enrollments inactive instead of
deleting them (app.store.roster.absent), so their grades stay in reports and history, but
they no longer appear where a teacher takes attendance, types grades or prints sheets.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from app.store.models import Enrollment, Student


def is_current() -> ColumnElement[bool]:
    """SQL: the joined Student and Enrollment are both active."""
    return and_(Enrollment.active.is_(True), Student.active.is_(True))


def current_student_ids(session: Session, section_id: int) -> set[int]:
    return set(session.scalars(
        select(Student.id).join(Enrollment, Enrollment.student_id == Student.id)
        .where(Enrollment.section_id == section_id, is_current())
    ))
