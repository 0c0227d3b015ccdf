"""Grade exports: Canvas and Google Classroom CSV, OneRoster 1.2 (lineItems + results).

Every text cell goes through ``safe_cell``: a cell that a spreadsheet would run as a
formula (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) gets a leading
apostrophe (OWASP's CSV-injection advice), while numbers — negative ones included —
are written as plain numbers so they stay numbers.

Scores are exported as the gradebook counts them (late penalty applied, missing as 0
when the class counts missing as zero); excused work is "EX" for Canvas and "exempt"
for OneRoster.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.reports.data import SectionData, load_sections
from app.reports.gradebook import Mark, count_score
from app.store.models import Assignment, AssignmentCategory, Score, Section, Student, Term

FORMATS = ("canvas", "classroom", "oneroster")
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")

LINEITEM_COLUMNS = [
    "sourcedId", "status", "dateLastModified", "title", "description", "assignDate", "dueDate",
    "classSourcedId", "categorySourcedId", "gradingPeriodSourcedId", "academicSessionSourcedId",
    "scoreScaleSourcedId", "resultValueMin", "resultValueMax",
]
RESULT_COLUMNS = [
    "sourcedId", "status", "dateLastModified", "lineItemSourcedId", "studentSourcedId",
    "classSourcedId", "scoreScaleSourcedId", "scoreStatus", "score", "textScore", "scoreDate",
    "comment", "inProgress", "incomplete", "late", "missing",
]
CATEGORY_COLUMNS = ["sourcedId", "status", "dateLastModified", "title", "weight"]


def safe_cell(value: object) -> str:
    """A CSV cell that no spreadsheet will execute; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return format_number(float(value))
    text = str(value)
    if _NUMBER.fullmatch(text):
        return text
    if text.startswith(_DANGEROUS):
        return "'" + text
    return text


def format_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.4f}".rstrip("0").rstrip(".")


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    # UTF-8 with BOM: Excel then opens Nguyễn and Ørsted correctly; Canvas and Sheets accept it.
    path.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
    return path


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


def _iso(day: dt.date | dt.datetime | None) -> str:
    if day is None:
        return ""
    if isinstance(day, dt.datetime):
        return day.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return day.isoformat()


def export_oneroster(session: Session, sections: list[SectionData], out: Path) -> list[Path]:
    """OneRoster 1.2 CSV gradebook: manifest.csv, categories.csv, lineItems.csv, results.csv."""
    out.mkdir(parents=True, exist_ok=True)
    now = _iso(dt.datetime.now(dt.UTC))
    ids = [sec.id for sec in sections]
    section_rows = {s.id: s for s in session.scalars(select(Section).where(Section.id.in_(ids)))}
    terms = {t.id: t for t in session.scalars(select(Term))}
    source = {a.id: a.source_id for a in session.scalars(select(Assignment).where(Assignment.section_id.in_(ids)))}
    updated = {
        (aid, sid): at for aid, sid, at in session.execute(
            select(Score.assignment_id, Score.student_id, Score.updated_at)
            .join(Assignment, Assignment.id == Score.assignment_id).where(Assignment.section_id.in_(ids))
        )
    }
    comments = {
        (aid, sid): c for aid, sid, c in session.execute(
            select(Score.assignment_id, Score.student_id, Score.comment)
            .join(Assignment, Assignment.id == Score.assignment_id).where(Assignment.section_id.in_(ids))
        )
    }
    cat_rows, item_rows, result_rows = [], [], []
    for cat in session.scalars(select(AssignmentCategory).where(AssignmentCategory.section_id.in_(ids))):
        cat_rows.append([f"td-category-{cat.id}", "active", now, cat.name, cat.weight / 100.0])
    for sec in sections:
        row = section_rows[sec.id]
        class_id = row.source_id or f"td-class-{sec.id}"
        students = _students(session, sec.student_ids)
        for a in sec.assignments:
            item_id = source.get(a.id) or f"td-lineitem-{a.id}"
            term = terms.get(a.term_id or sec.term_id or -1)
            term_id = (term.source_id or f"td-term-{term.id}") if term else ""
            item_rows.append([
                item_id, "active", now, a.title, "", _iso(a.due_date), _iso(a.due_date), class_id,
                f"td-category-{a.category_id}" if a.category_id else "",
                term_id if term and term.kind == "gradingPeriod" else "", term_id, "",
                0, a.points_possible,
            ])
            for sid, stu in students.items():
                mark = sec.marks.get(sid, {}).get(a.id)
                if mark is None or mark.is_blank:
                    continue
                counted = count_score(a, mark, sec.policy)
                status = ("exempt" if mark.excused else "not submitted" if mark.missing
                          else "partially graded" if mark.incomplete else "fully graded")
                at = updated.get((a.id, sid))
                result_rows.append([
                    f"td-result-{a.id}-{sid}", "active", _iso(at) or now, item_id,
                    stu.source_id or stu.local_id, class_id, "", status,
                    round(counted.earned, 2) if counted is not None else None, "",
                    _iso(at.date()) if at else "", comments.get((a.id, sid), ""),
                    "false", mark.incomplete, mark.late, mark.missing,
                ])
    manifest = [
        ["manifest.version", "1.0"], ["oneroster.version", "1.2"],
        ["file.academicSessions", "absent"], ["file.categories", "bulk"], ["file.classes", "absent"],
        ["file.classResources", "absent"], ["file.courses", "absent"], ["file.courseResources", "absent"],
        ["file.demographics", "absent"], ["file.enrollments", "absent"], ["file.lineItemLearningObjectiveIds", "absent"],
        ["file.lineItems", "bulk"], ["file.lineItemScoreScales", "absent"], ["file.orgs", "absent"],
        ["file.resources", "absent"], ["file.resultLearningObjectiveIds", "absent"], ["file.results", "bulk"],
        ["file.resultScoreScales", "absent"], ["file.roles", "absent"], ["file.scoreScales", "absent"],
        ["file.userProfiles", "absent"], ["file.userResources", "absent"], ["file.users", "absent"],
        ["source.systemName", "TeacherDesk"], ["source.systemCode", "teacherdesk"],
    ]
    return [
        write_csv(out / "manifest.csv", ["propertyName", "value"], manifest),
        write_csv(out / "categories.csv", CATEGORY_COLUMNS, cat_rows),
        write_csv(out / "lineItems.csv", LINEITEM_COLUMNS, item_rows),
        write_csv(out / "results.csv", RESULT_COLUMNS, result_rows),
    ]


def export_grades(
    session: Session, fmt: str, out: Path, *, section_ids: list[int] | None = None, term: Term | None = None
) -> list[Path]:
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    sections = load_sections(session, section_ids, term)
    if fmt == "canvas":
        return export_canvas(session, sections, out)
    if fmt == "classroom":
        return export_classroom(session, sections, out)
    return export_oneroster(session, sections, out)
