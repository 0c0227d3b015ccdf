"""Roster, staff and school settings services: one transaction, one audit entry, Changes."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.changes import Changes
from app.store import audit
from app.store.models import AuditEntry, Enrollment, Score, Section, Staff, Student
from app.store.roster_service import (
    ClassInput,
    GuardianInput,
    RosterEditError,
    StudentInput,
    add_staff,
    class_input,
    delete_class,
    delete_student,
    edit_staff,
    find_staff,
    list_staff,
    save_class,
    save_school_settings,
    save_student,
    school_settings,
    student_input,
    undo_delete,
)


def _audit_count(ws) -> int:  # type: ignore[no-untyped-def]
    with ws.read() as s:
        return int(s.scalar(select(func.count(AuditEntry.id))) or 0)


def test_add_edit_student_with_guardian_and_class(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    with ws.read() as s:
        section_id = s.scalars(select(Section.id)).first()
    n = _audit_count(ws)
    done = save_student(ws, StudentInput(" S-77 ", "Luis", "Gómez", grade_level="7",
                                         guardian=GuardianInput("Rosa", "Gómez", preferred_language="es")),
                        enroll_in=section_id)
    assert done.changes == Changes.ROSTER and _audit_count(ws) == n + 1
    data = student_input(ws, done.value)
    assert data.local_id == "S-77" and data.guardian and data.guardian.preferred_language == "es"
    with ws.read() as s:
        assert s.scalar(select(Enrollment).where(Enrollment.student_id == done.value,
                                                 Enrollment.section_id == section_id)) is not None
    save_student(ws, StudentInput("S-77", "Luis", "Gómez Ruiz", grade_level="8"), done.value)
    assert student_input(ws, done.value).family_name == "Gómez Ruiz"
    with ws.read() as s:
        last = audit.entries(s, limit=1)[0]
    assert (last.action, last.entity, last.entity_id) == ("edit", "student", str(done.value))


def test_student_checks_are_one_set(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    with ws.read() as s:
        taken = s.scalars(select(Student)).first()
        assert taken is not None
        taken_id, taken_local = taken.id, taken.local_id
    n = _audit_count(ws)
    with pytest.raises(RosterEditError, match="needs an ID"):
        save_student(ws, StudentInput("", "A", "B"))
    with pytest.raises(RosterEditError, match=f"already has the ID {taken_local}"):
        save_student(ws, StudentInput(taken_local, "A", "B"))
    save_student(ws, StudentInput(taken_local, "Same", "Person"), taken_id)  # its own ID is fine
    assert _audit_count(ws) == n + 1


def test_delete_student_and_undo_restores_scores(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    with ws.read() as s:
        student_id = s.scalars(select(Score.student_id)).first()
        scores = s.scalar(select(func.count(Score.id)).where(Score.student_id == student_id))
    assert scores
    done = delete_student(ws, student_id)
    assert done.changes & Changes.GRADEBOOK and done.changes & Changes.ROSTER
    with ws.read() as s:
        assert s.get(Student, student_id) is None
    undo_delete(ws, done.value)
    with ws.read() as s:
        assert s.get(Student, student_id) is not None
        assert s.scalar(select(func.count(Score.id)).where(Score.student_id == student_id)) == scores


def test_class_add_edit_delete(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = demo_workspace
    teacher = add_staff(ws, given_name="Ana", family_name="Rivera").value
    done = save_class(ws, ClassInput("Math 7 P9", code="M7-9", course="Math 7 New", teacher_id=teacher))
    assert class_input(ws, done.value) == ClassInput("Math 7 P9", "M7-9", "", "", "Math 7 New", None, teacher)
    save_class(ws, ClassInput("Math 7 P9", code="M7-9", room="204", course="Math 7 New"), done.value)
    assert class_input(ws, done.value).room == "204" and class_input(ws, done.value).teacher_id is None
    with pytest.raises(RosterEditError, match="needs a name"):
        save_class(ws, ClassInput("  "))
    delete_class(ws, done.value)
    with ws.read() as s:
        assert s.get(Section, done.value) is None


def test_staff_add_find_edit_list(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    a = add_staff(ws, given_name="Ana María", family_name="Rivera", role="counselor").value
    b = add_staff(ws, given_name="Luis", family_name="Rivera").value
    assert find_staff(ws, "ana maria rivera") == a  # accents, case and spacing ignored
    assert find_staff(ws, str(b)) == b
    with pytest.raises(RosterEditError, match="Several staff members match 'rivera'.*Ana María Rivera"):
        find_staff(ws, "rivera")
    with pytest.raises(RosterEditError, match="not a staff role"):
        add_staff(ws, given_name="X", family_name="Y", role="janitor")
    assert [r.id for r in list_staff(ws, role="counselor")] == [a]
    done = edit_staff(ws, b, email=" luis@school.org ", active=False)
    assert done.changes == Changes.ROSTER and done.value.email == "luis@school.org"
    assert edit_staff(ws, b, email="luis@school.org").changes == Changes.NONE
    assert [r.id for r in list_staff(ws)] == [a]
    with ws.read() as s:
        assert s.get(Staff, b).active is False


def test_school_settings(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    done = save_school_settings(ws, name=" Riverside ", timezone="America/Chicago")
    assert done.changes == Changes.SCHOOL
    assert school_settings(ws).name == "Riverside" and school_settings(ws).timezone == "America/Chicago"
    assert save_school_settings(ws, name="Riverside").changes == Changes.NONE
    with pytest.raises(RosterEditError, match="Mars/Base is not a time zone"):
        save_school_settings(ws, timezone="Mars/Base")
    with pytest.raises(RosterEditError, match="Unknown school setting"):
        save_school_settings(ws, colour="red")
    assert school_settings(ws).timezone == "America/Chicago"
