"""Grade exports: Canvas and Google Classroom CSV, OneRoster 1.2 (see oneroster_export).

Every text cell goes through ``safe_cell``: a cell that a spreadsheet would run as a
formula (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) gets a leading
apostrophe (OWASP's CSV-injection advice), while numbers — negative ones included —
are written as plain numbers so they stay numbers.

Scores are exported as the gradebook counts them (late penalty applied, missing as 0
when the class counts missing as zero); excused work is "EX" for Canvas and "exempt"
for OneRoster.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.reports.csv_cells import format_number, safe_cell, write_csv
from app.reports.data import SectionData, load_sections
from app.reports.gradebook import Mark, count_score
from app.reports.oneroster_export import export_oneroster
from app.store.models import Student, Term
from app.store.roster import spec

__all__ = ["CATEGORY_COLUMNS", "FORMATS", "LINEITEM_COLUMNS", "RESULT_COLUMNS", "export_canvas",
           "export_classroom", "export_grades", "format_number", "safe_cell", "write_csv"]

FORMATS = ("canvas", "classroom", "oneroster", "xlsx", "csv", "csv-excel")
LINEITEM_COLUMNS = list(spec.LINEITEMS_12.columns)
RESULT_COLUMNS = list(spec.RESULTS_12.columns)
CATEGORY_COLUMNS = list(spec.CATEGORIES_12.columns)


def _students(session: Session, ids: Iterable[int]) -> dict[int, Student]:
    wanted = list(set(ids))
    if not wanted:
        return {}
    return {s.id: s for s in session.scalars(select(Student).where(Student.id.in_(wanted)))}


def _exported_points(sec: SectionData, aid: int, mark: Mark | None) -> object:
    assignment = next(a for a in sec.assignments if a.id == aid)
    if mark is None or mark.is_blank:
        return None
    if mark.excused:
        return "EX"
    counted = count_score(assignment, mark, sec.policy)
    return None if counted is None else round(counted.earned, 2)


def export_canvas(session: Session, sections: list[SectionData], out: Path) -> list[Path]:
    """Canvas gradebook import: Student, ID, SIS User ID, SIS Login ID, Section, assignments."""
    paths = []
    for sec in sections:
        students = _students(session, sec.student_ids)
        header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] + [a.title for a in sec.assignments]
        rows: list[list[object]] = [["Points Possible", "", "", "", ""] + [a.points_possible for a in sec.assignments]]
        for stu in sorted(students.values(), key=lambda s: s.sort_name.casefold()):
            marks = sec.marks.get(stu.id, {})
            rows.append([stu.sort_name, "", stu.local_id, stu.email or stu.local_id, sec.name]
                        + [_exported_points(sec, a.id, marks.get(a.id)) for a in sec.assignments])
        paths.append(write_csv(_target(out, sec, len(sections), "canvas"), header, rows))
    return paths


def export_classroom(session: Session, sections: list[SectionData], out: Path) -> list[Path]:
    """Google Classroom grade import: Last Name, First Name, Email Address, one column per assignment."""
    paths = []
    for sec in sections:
        students = _students(session, sec.student_ids)
        header = ["Last Name", "First Name", "Email Address"] + [a.title for a in sec.assignments]
        rows = []
        for stu in sorted(students.values(), key=lambda s: s.sort_name.casefold()):
            marks = sec.marks.get(stu.id, {})
            values = [_exported_points(sec, a.id, marks.get(a.id)) for a in sec.assignments]
            rows.append([stu.family_name, stu.first_name, stu.email]
                        + [None if v == "EX" else v for v in values])
        paths.append(write_csv(_target(out, sec, len(sections), "classroom"), header, rows))
    return paths


def _target(out: Path, sec: SectionData, count: int, kind: str) -> Path:
    if count == 1 and out.suffix.lower() == ".csv":
        out.parent.mkdir(parents=True, exist_ok=True)
        return out
    out.mkdir(parents=True, exist_ok=True)
    from app.reports.batch import ascii_slug

    return out / f"{kind}-{ascii_slug(sec.code or sec.name)}.csv"


def export_grades(
    session: Session, fmt: str, out: Path, *, section_ids: list[int] | None = None, term: Term | None = None,
    mode: str = "bulk", since: dt.datetime | None = None, locale: str = "en_US",
) -> list[Path]:
    """Write ``sections``' grades as ``fmt``: canvas/classroom (upload CSVs), oneroster (a
    1.2 CSV set, ``mode`` bulk or delta), xlsx/csv/csv-excel (tables, see app.reports.tables)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    sections = load_sections(session, section_ids, term)
    if fmt == "canvas":
        return export_canvas(session, sections, out)
    if fmt == "classroom":
        return export_classroom(session, sections, out)
    if fmt in ("xlsx", "csv", "csv-excel"):
        from app.reports.tables import grades_tables, write_tables

        return write_tables(grades_tables(session, sections), out, fmt, locale=locale)
    return export_oneroster(session, sections, out, mode=mode, since=since)
