"""Report data read from a real encrypted workspace, checked against hand computation."""

from __future__ import annotations

import datetime as dt

import pytest

from app.reports.data import ReportSelectionError, load_reports

ISSUED = dt.date(2026, 10, 1)


def test_small_school_grades_attendance_language(small_school) -> None:  # type: ignore[no-untyped-def]
    with small_school.ws.read() as s:
        found = load_reports(s, term="Fall 2026", issued=ISSUED)
    by_name = {r.student_name: r for r in found.reports}
    jose = by_name["José Álvarez Nguyễn"]
    zoe = by_name["Zoë Ørsted"]
    assert jose.language == "es" and zoe.language == "en"
    assert jose.guardians == ["María Nguyễn"]
    cls = jose.classes[0]
    # José — Homework: 8/10 + missing 0/10 = 8/20 = 40 %.
    # Tests: 45/50 late, -10 % of 50 = -5 -> 40/50 = 80 %.
    # 0.4 * 40 + 0.6 * 80 = 16 + 48 = 64 % -> D (63 <= 64 < 67).
    assert cls.percent == pytest.approx(64.0)
    assert cls.letter == "D"
    assert [m.title for m in cls.missing] == ["Homework 2"]
    assert cls.teacher == "Siobhán Kelly" and cls.name == "Algebra 1"
    assert cls.comment == "José trabaja muy bien; keep it up!"
    # Trend: after 4 Sep only HW1 (80 %); 11 Sep HW 8/20 = 40 %; 18 Sep 64 %.
    assert [round(p, 2) for _d, p in cls.trend] == [80.0, 40.0, 64.0]
    # Zoë — Homework 10/10 (HW2 excused) = 100 %, Tests 50/50 = 100 % -> A+.
    assert zoe.classes[0].percent == pytest.approx(100.0) and zoe.classes[0].letter == "A+"
    assert zoe.classes[0].missing == []
    att = jose.attendance
    assert (att.present, att.absent, att.tardy, att.excused) == (2, 1, 1, 0)
    assert att.rate == pytest.approx(0.75)  # 3 of 4 days there (tardy counts as there)


def test_forced_language_and_bad_selection(small_school) -> None:  # type: ignore[no-untyped-def]
    with small_school.ws.read() as s:
        found = load_reports(s, term="Fall 2026", language="es", issued=ISSUED)
        assert {r.language for r in found.reports} == {"es"}
        with pytest.raises(ReportSelectionError, match="Fall 2026"):
            load_reports(s, term="Spring 2031")
        with pytest.raises(ReportSelectionError, match="ALG1-02"):
            load_reports(s, cls="Chemistry")


def test_demo_every_spanish_family_gets_spanish(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from app.store.models import Guardian, StudentGuardian

    with demo_workspace.read() as s:
        found = load_reports(s, term="Fall Semester")
        spanish_students = set(s.scalars(
            select(StudentGuardian.student_id).join(Guardian, Guardian.id == StudentGuardian.guardian_id)
            .where(Guardian.preferred_language.like("es%"), StudentGuardian.receives_reports.is_(True))
        ))
    got_spanish = {r.student_id for r in found.reports if r.language == "es"}
    assert spanish_students and got_spanish == spanish_students
    names = {r.student_name for r in found.reports}
    assert "José Ramírez" in names
    assert all(r.classes for r in found.reports)
