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


def test_year_to_date_weights_the_terms(small_school) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from app.store.models import Assignment, AssignmentCategory, Score, Term

    ws = small_school.ws
    with ws.session() as s:
        fall = s.get(Term, small_school.term_id)
        spring = Term(school_year_id=fall.school_year_id, name="Spring 2027", kind="semester",
                      start_date=dt.date(2027, 1, 11), end_date=dt.date(2027, 6, 4))
        s.add(spring)
        s.flush()
        tests = s.scalars(select(AssignmentCategory).where(AssignmentCategory.name == "Tests")).one()
        quiz = Assignment(section_id=small_school.section_id, category_id=tests.id, term_id=spring.id,
                          title="Spring quiz", points_possible=10, due_date=dt.date(2027, 2, 1))
        s.add(quiz)
        s.flush()
        s.add(Score(assignment_id=quiz.id, student_id=small_school.jose_id, points=10))
    with ws.read() as s:
        found = load_reports(s, issued=dt.date(2027, 3, 1), language="en")  # no --term: year to date
    jose = next(r for r in found.reports if r.student_id == small_school.jose_id)
    cls = jose.classes[0]
    # Fall 64 % (see above); Spring: only Tests graded, 10/10 = 100 %.
    # Year = (64 + 100) / 2 = 82 % -> B-   (pooling the points would give a different answer).
    assert dict(cls.term_grades) == {"Fall 2026": pytest.approx(64.0), "Spring 2027": pytest.approx(100.0)}
    assert cls.percent == pytest.approx(82.0) and cls.letter == "B-"
    import io

    import pypdf

    from app.reports.progress_pdf import render_report

    text = pypdf.PdfReader(io.BytesIO(render_report(jose))).pages[0].extract_text()
    assert "Year grade from the terms: Fall 2026: 64.0% · Spring 2027: 100.0%" in text
    assert "Year to date" in text


def test_report_prints_the_class_grading_scale(small_school) -> None:  # type: ignore[no-untyped-def]
    import io

    import pypdf

    from app.reports.progress_pdf import render_report

    with small_school.ws.read() as s:
        found = load_reports(s, term="Fall 2026", issued=ISSUED)
    jose = next(r for r in found.reports if r.student_id == small_school.jose_id)
    text = pypdf.PdfReader(io.BytesIO(render_report(jose))).pages[0].extract_text().replace("\xa0", " ")
    assert "Escala de calificaciones (porcentaje): A+ ≥ 97 · A ≥ 93 · A- ≥ 90" in text


def test_a_one_class_report_lists_every_assignment_on_one_page(demo_workspace) -> None:  # type: ignore[no-untyped-def]
    import io

    import pypdf

    from app.reports.progress_pdf import render_report

    with demo_workspace.read() as s:
        found = load_reports(s, term="Fall Semester", cls="MATH7-01")
    for report in found.reports[:6]:
        reader = pypdf.PdfReader(io.BytesIO(render_report(report)))
        assert len(reader.pages) == 1, report.student_name
        text = reader.pages[0].extract_text()
        scored = report.classes[0].work
        assert scored and all(w.title in text for w in scored)
