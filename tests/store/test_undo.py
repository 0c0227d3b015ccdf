from __future__ import annotations

from sqlalchemy import func, select

from app.store.models import AttendanceRecord, Enrollment, Score, Section, Student, StudentGuardian
from app.store.undo import delete_with_snapshot, restore_snapshot


def _counts(s, student_id: int) -> tuple[int, ...]:  # type: ignore[no-untyped-def]
    return tuple(
        s.scalar(select(func.count()).select_from(m).where(m.student_id == student_id))
        for m in (Score, Enrollment, AttendanceRecord, StudentGuardian)
    )


def test_deleting_a_student_and_undoing_brings_everything_back(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    with demo_workspace.session() as s:
        student = s.scalars(select(Student).order_by(Student.id)).first()
        sid, given = student.id, student.given_name
        before = _counts(s, sid)
        assert all(before)
        snap = delete_with_snapshot(s, "student", sid, student.display_name)
    with demo_workspace.read() as s:
        assert s.get(Student, sid) is None
        assert _counts(s, sid) == (0, 0, 0, 0)
    with demo_workspace.session() as s:
        restore_snapshot(s, snap)
    with demo_workspace.read() as s:
        assert s.get(Student, sid).given_name == given
        assert _counts(s, sid) == before


def test_deleting_a_class_keeps_students(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    with demo_workspace.session() as s:
        section = s.scalars(select(Section)).first()
        section_id = section.id
        students = s.scalar(select(func.count()).select_from(Student))
        enrolled = s.scalar(select(func.count()).select_from(Enrollment).where(Enrollment.section_id == section_id))
        snap = delete_with_snapshot(s, "section", section_id, section.name)
    with demo_workspace.read() as s:
        assert s.scalar(select(func.count()).select_from(Student)) == students
        assert s.get(Section, section_id) is None
    with demo_workspace.session() as s:
        restore_snapshot(s, snap)
    with demo_workspace.read() as s:
        assert s.get(Section, section_id) is not None
        assert s.scalar(select(func.count()).select_from(Enrollment)
                        .where(Enrollment.section_id == section_id)) == enrolled
