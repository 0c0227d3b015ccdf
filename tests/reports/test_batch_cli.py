"""Building class sets: files per student and language, the combined PDF, the CLI, Cancel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pypdf
import pytest

from app.reports.batch import COMBINED_NAME, ascii_slug, build_reports, file_name
from app.reports.data import load_reports


def _text(path: Path) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(path).pages)


def test_class_set_in_each_family_language(small_school, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with small_school.ws.read() as s:
        found = load_reports(s, term="Fall 2026", issued=dt.date(2026, 10, 1))
    result = build_reports(found.reports, tmp_path)
    names = sorted(p.name for p in result.files)
    assert names == ["Alvarez-Nguyen_Jose_1001_es.pdf", "Orsted_Zoe_1002_en.pdf"]
    jose = _text(tmp_path / names[0])
    # Hand computation in test_report_data: 64 % -> D; Spanish decimal comma.
    assert "José Álvarez Nguyễn" in jose and "64,0%" in jose and "Calificaciones" in jose
    assert "Homework 2" in jose and "1 trabajo no se ha entregado." in jose
    assert "José trabaja muy bien; keep it up!" in jose
    assert "Página 1 de 1" in jose and "1 de octubre de 2026" in jose
    # One class: every assignment is listed. Test 1 was 45/50 late: counts as 40/50 = 80 %.
    assert "Trabajos de Algebra 1" in jose
    assert "45 / 50" in jose and "80%" in jose and "Tarde" in jose and "No entregado" in jose
    zoe = _text(tmp_path / names[1])
    assert "Zoë Ørsted" in zoe and "100.0%" in zoe and "A+" in zoe and "No missing work" in zoe
    combined = pypdf.PdfReader(result.combined)
    assert result.combined == tmp_path / COMBINED_NAME
    assert len(combined.pages) == 2
    assert "José Álvarez Nguyễn" in combined.pages[0].extract_text()
    assert "Zoë Ørsted" in combined.pages[1].extract_text()


def test_ascii_file_names() -> None:
    assert ascii_slug("Nguyễn Thị Lan") == "Nguyen-Thi-Lan"
    assert ascii_slug("Ørsted") == "Orsted" and ascii_slug("O'Brien") == "O-Brien"
    assert ascii_slug("李") == "student"


def test_parallel_build_and_cancel(demo_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with demo_workspace.read() as s:
        reports = load_reports(s, term="Fall Semester").reports
    assert len(reports) >= 75
    some = reports[:8]
    done = build_reports(some, tmp_path / "all", workers=2, min_parallel=0, combined=True)
    assert done.count == 8 and not done.cancelled
    assert [p.name for p in done.files] == [file_name(r) for r in some]  # in input order
    # Typical students (five classes) fit one page each.
    assert all(len(pypdf.PdfReader(p).pages) == 1 for p in done.files)
    assert len(pypdf.PdfReader(done.combined).pages) == 8
    first = pypdf.PdfReader(done.combined).pages[0].extract_text()
    assert some[0].student_name in first
    seen: list[float] = []

    def cancel_after_first() -> bool:
        return any(f > 0 for f in seen)  # once the first report is written

    stopped = build_reports(reports[:12], tmp_path / "cancelled", workers=2, min_parallel=0,
                            progress=lambda f, _m: seen.append(f), cancelled=cancel_after_first)
    assert stopped.cancelled
    assert 0 < stopped.count < 12 and stopped.combined is None
    assert not (tmp_path / "cancelled" / COMBINED_NAME).exists()


def test_cli_build_and_export(small_school, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    from app.cli import main

    ws_path = str(small_school.ws.path)
    out = tmp_path / "reports"
    code = main(["reports", "build", "--workspace", ws_path, "--class", "ALG1-02", "--term", "Fall 2026",
                 "--language", "es", "--as-of", "2026-10-01", "--out", str(out)])
    assert code == 0
    printed = capsys.readouterr().out
    assert "2 reports (2 es)" in printed
    assert {p.name for p in out.iterdir()} == {
        "Alvarez-Nguyen_Jose_1001_es.pdf", "Orsted_Zoe_1002_es.pdf", COMBINED_NAME}
    assert "Informe de progreso" in _text(out / "Orsted_Zoe_1002_es.pdf")

    assert main(["reports", "build", "--workspace", ws_path, "--term", "Winter", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "no term named 'Winter'" in err and "Fall 2026" in err and "Traceback" not in err
    assert main(["reports", "build", "--workspace", ws_path, "--language", "klingon", "--out", str(out)]) == 2
    assert "reports.po" in capsys.readouterr().err

    csv_path = tmp_path / "canvas.csv"
    assert main(["grades", "export", "--workspace", ws_path, "--format", "canvas", "--class", "ALG1-02",
                 "--out", str(csv_path)]) == 0
    assert csv_path.read_text("utf-8-sig").startswith("Student,ID,SIS User ID,SIS Login ID,Section,")


def test_cli_sets_a_score_and_an_assignments_category(small_school, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    """`grades set` and `grades assignment`: the Gradebook's edits for scripts, same service and audit."""
    from sqlalchemy import select

    from app.cli import main
    from app.store import audit, open_workspace
    from app.store.models import Assignment, AssignmentCategory, Enrollment, Score, Section, Student

    path = small_school.ws.path
    with small_school.ws.read() as s:
        section = s.scalars(select(Section).where(Section.code == "ALG1-02")).one()
        a = s.scalars(select(Assignment).where(Assignment.section_id == section.id).order_by(Assignment.id)).first()
        cats = s.scalars(select(AssignmentCategory).where(AssignmentCategory.section_id == section.id)).all()
        st = s.scalars(select(Student).join(Enrollment).where(Enrollment.section_id == section.id)).first()
        title, local_id, student_id, assignment_id = a.title, st.local_id, st.id, a.id
        other = next(c for c in cats if c.id != a.category_id)
    small_school.ws.close()
    where = ["--workspace", str(path), "--class", "alg1-02", "--assignment", title.upper()]
    assert main(["grades", "set", *where, "--student", local_id, "7,5 L"]) == 0
    assert main(["grades", "assignment", *where, "--category", other.name.lower()]) == 0
    assert main(["grades", "set", *where, "--student", "nobody", "3"]) == 2
    assert "No student 'nobody'" in capsys.readouterr().err
    assert main(["grades", "assignment", *where]) == 2
    with open_workspace(path, daily_backup=False) as ws, ws.read() as s:
        sc = s.scalars(select(Score).where(Score.assignment_id == assignment_id, Score.student_id == student_id)).one()
        assert (sc.points, sc.late) == (7.5, True)
        assert s.get(Assignment, assignment_id).category_id == other.id
        assert audit.entries(s, entity="score")[0].action == "grade.set"
