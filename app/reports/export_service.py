"""Export use cases, called by the CLI (``teacherdesk export …``) and the app's Export
buttons alike: read in one read transaction, write the files, return their paths."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.core.i18n import _
from app.reports.tables import Table, write_tables
from app.store import Workspace

TABLE_FORMATS = ("xlsx", "csv-excel", "csv")
GRADE_FORMATS = (*TABLE_FORMATS, "canvas", "classroom", "oneroster")


def export_class_grades(ws: Workspace, section_ids: list[int] | None, term_id: int | None, fmt: str, out: Path,
                        *, locale: str = "en_US", mode: str = "bulk") -> list[Path]:
    """Grades of the classes (all when None) for a term (the whole year when None)."""
    from app.reports.exports import export_grades
    from app.store.models import Term

    with ws.read() as session:
        term = session.get(Term, term_id) if term_id else None
        return export_grades(session, fmt, out, section_ids=section_ids, term=term, locale=locale, mode=mode)


def attendance_tables(ws: Workspace, section_ids: list[int | None], start: dt.date, end: dt.date) -> list[Table]:
    from app.reports.tables import attendance_table

    with ws.read() as session:
        return [attendance_table(session, sid, start, end) for sid in section_ids]


def export_attendance(ws: Workspace, section_ids: list[int | None], start: dt.date, end: dt.date, fmt: str,
                      out: Path, *, locale: str = "en_US") -> list[Path]:
    return write_tables(attendance_tables(ws, section_ids, start, end), out, fmt, locale=locale)


def exam_tables(ws: Workspace, exam_id: int) -> list[Table]:
    """The exam's results (one row per sheet) and, when there are any, its item analysis."""
    from app.core.errors import UserFacingError
    from app.grading.exam_analysis import exam_analysis
    from app.grading.exam_gradebook import student_results
    from app.reports.tables import exam_results_table, item_analysis_table
    from app.store.models.exams import Exam

    with ws.read() as session:
        exam = session.get(Exam, exam_id)
        if exam is None:
            raise UserFacingError(_("There is no exam {exam_id} in this workspace.").format(exam_id=exam_id), exit_code=2)
        title, questions = exam.title, exam.questions
    tables = [exam_results_table(title, student_results(ws, exam_id), questions)]
    if tables[0].rows:
        tables.append(item_analysis_table(f"{title} items", exam_analysis(ws, exam_id).analysis))
    return tables


def export_exam(ws: Workspace, exam_id: int, fmt: str, out: Path, *, locale: str = "en_US") -> list[Path]:
    return write_tables(exam_tables(ws, exam_id), out, fmt, locale=locale)


def term_range(ws: Workspace, term_id: int | None) -> tuple[dt.date, dt.date]:
    """A term's dates; for the whole year, the school year holding today (else the last year)."""
    from sqlalchemy import select

    from app.store.models import SchoolYear, Term

    today = dt.date.today()
    with ws.read() as session:
        if term_id and (term := session.get(Term, term_id)):
            return term.start_date, term.end_date
        years = list(session.scalars(select(SchoolYear).order_by(SchoolYear.start_date)))
    for year in years:
        if year.start_date <= today <= year.end_date:
            return year.start_date, year.end_date
    if years:
        return years[-1].start_date, years[-1].end_date
    return today - dt.timedelta(days=365), today
