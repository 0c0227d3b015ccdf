"""Grades as a OneRoster 1.2 CSV set, written to the letter of the 1.2 CSV binding.

The set is self-contained: besides ``categories.csv``, ``lineItems.csv`` and
``results.csv`` it ships every file they point into (``classes.csv``, ``users.csv`` with
``roles.csv``, ``academicSessions.csv``, ``courses.csv``, ``orgs.csv``), and
``manifest.csv`` marks exactly the shipped files as bulk (or delta) and every other
file absent. Column names and order are the binding's (:mod:`app.store.roster.spec`).

Bulk vs delta, as the binding says: in a bulk file ``status`` and ``dateLastModified``
are empty; in a delta file every row has ``status`` (active) and ``dateLastModified``.
A delta export carries the results changed since a moment, and the rows they refer to.
Identifiers are the ``sourcedId``s the roster was imported with, so the district's SIS
recognises its classes, students and terms; records made in TeacherDesk get ``td-…`` ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.reports.data import SectionData
from app.reports.gradebook import AssignmentDef, count_score
from app.store.models import (
    Assignment,
    AssignmentCategory,
    Course,
    School,
    SchoolYear,
    Score,
    Section,
    SectionTeacher,
    Staff,
    Student,
    Term,
)
from app.store.roster import spec

MODES = ("bulk", "delta")


def iso_datetime(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _sid(obj: object, prefix: str) -> str:
    return getattr(obj, "source_id", None) or f"td-{prefix}-{getattr(obj, 'id')}"  # noqa: B009


@dataclass
class _Set:
    """Rows per file, keyed by sourcedId so a record referred to twice is written once."""

    mode: str
    now: str
    files: dict[str, dict[str, list[object]]] = field(default_factory=dict)
    modified: dict[tuple[str, str], str] = field(default_factory=dict)

    def add(self, fs: spec.FileSpec, key: str, values: Mapping[str, object], *, modified: str = "") -> None:
        rows = self.files.setdefault(fs.name, {})
        if key in rows:
            return
        if self.mode == "bulk":  # the binding: both empty in a bulk file
            status, stamp = "", ""
        else:
            status, stamp = "active", modified or self.now
        row: dict[str, object] = {"sourcedId": key, "status": status, "dateLastModified": stamp, **values}
        unknown = set(row) - set(fs.columns)
        assert not unknown, f"{fs.name}: {unknown} not in the binding"
        rows[key] = [row.get(c, "") for c in fs.columns]


def export_oneroster(
    session: Session, sections: list[SectionData], out: Path, *, mode: str = "bulk",
    since: dt.datetime | None = None,
) -> list[Path]:
    """Write the OneRoster 1.2 gradebook set for ``sections`` into the folder ``out``."""
    from app.reports.csv_cells import write_csv

    if mode not in MODES:
        raise ValueError(f"mode must be bulk or delta, not {mode!r}")
    out.mkdir(parents=True, exist_ok=True)
    now = iso_datetime(dt.datetime.now(dt.UTC))
    data = _Set(mode, now)
    for sec in sections:
        _section(session, data, sec, since)
    order = [spec.ORGS_12, spec.ACADEMIC_SESSIONS_12, spec.COURSES_12, spec.CLASSES_12, spec.USERS_12,
             spec.ROLES_FILE, spec.CATEGORIES_12, spec.LINEITEMS_12, spec.RESULTS_12]
    shipped = {fs.name for fs in order}
    manifest = [["manifest.version", "1.0"], ["oneroster.version", "1.2"]]
    for name in spec.MANIFEST_FILES_12:
        manifest.append([f"file.{name}", mode if f"{name}.csv" in shipped else "absent"])
    manifest += [["source.systemName", "TeacherDesk"], ["source.systemCode", "teacherdesk"]]
    paths = [write_csv(out / "manifest.csv", list(spec.MANIFEST.columns), manifest, bom=False)]
    for fs in order:
        rows: Sequence[Sequence[object]] = list(data.files.get(fs.name, {}).values())
        paths.append(write_csv(out / fs.name, list(fs.columns), rows, bom=False))
    return paths


def _class_rows(session: Session, data: _Set, row: Section,
                sec: SectionData) -> tuple[str, str, list[str], dict[int, Student]]:
    """The class with its school, course, terms, teachers and students:
    (school id, class id, term ids, students)."""
    school = _school(session, row)
    org_id = _sid(school, "org") if school else "td-org-school"
    data.add(spec.ORGS_12, org_id, {"name": school.name if school else "School", "type": "school"})
    term_ids = _sessions(session, data, row)
    course = session.get(Course, row.course_id) if row.course_id else None
    course_id = _sid(course, "course") if course else f"td-course-for-class-{row.id}"
    data.add(spec.COURSES_12, course_id, {
        "title": course.title if course else row.name, "courseCode": course.code if course else "",
        "orgSourcedId": org_id,
    })
    class_id = _sid(row, "class")
    data.add(spec.CLASSES_12, class_id, {
        "title": row.name, "courseSourcedId": course_id, "classCode": row.code, "classType": "scheduled",
        "location": row.room, "schoolSourcedId": org_id, "termSourcedIds": ",".join(term_ids),
        "periods": row.period,
    })
    for st in session.scalars(select(Staff).join(SectionTeacher).where(SectionTeacher.section_id == row.id)):
        _user(data, _sid(st, "staff"), st.given_name, st.family_name, st.email or _sid(st, "staff"),
              st.email, "", org_id, "teacher" if st.role not in ("aide", "counselor") else st.role)
    students = {s.id: s for s in session.scalars(select(Student).where(Student.id.in_(sec.student_ids)))}
    for stu in students.values():
        _user(data, _sid(stu, "student"), stu.given_name, stu.family_name, stu.email or stu.local_id,
              stu.email, stu.local_id, org_id, "student")
    return org_id, class_id, term_ids, students


def _section(session: Session, data: _Set, sec: SectionData, since: dt.datetime | None) -> None:
    row = session.get(Section, sec.id)
    assert row is not None
    org_id, class_id, term_ids, students = _class_rows(session, data, row, sec)
    cats = {c.id: c for c in session.scalars(select(AssignmentCategory)
                                             .where(AssignmentCategory.section_id == row.id))}
    for cat in cats.values():
        data.add(spec.CATEGORIES_12, f"td-category-{cat.id}", {"title": cat.name, "weight": cat.weight / 100.0})
    scores = {(s.assignment_id, s.student_id): s for s in session.scalars(
        select(Score).join(Assignment).where(Assignment.section_id == row.id))}
    grading_period = term_ids[0]
    for a in sec.assignments:
        assignment = session.get(Assignment, a.id)
        assert assignment is not None
        item_id = _sid(assignment, "lineitem")
        results = _results(sec, a, item_id, class_id, students, scores, since)
        if since is not None and not results:
            continue
        category_id = f"td-category-{assignment.category_id}" if assignment.category_id in cats else \
            f"td-category-none-{row.id}"
        if assignment.category_id not in cats:
            data.add(spec.CATEGORIES_12, category_id, {"title": "Uncategorized", "weight": ""})
        due = assignment.due_date
        day = dt.datetime.combine(due, dt.time(23, 59), dt.UTC) if due else None
        data.add(spec.LINEITEMS_12, item_id, {
            "title": a.title, "description": assignment.description,
            "assignDate": iso_datetime(day) if day else data.now, "dueDate": iso_datetime(day) if day else data.now,
            "classSourcedId": class_id, "categorySourcedId": category_id,
            "academicSessionSourcedId": _term_id_for(session, data, assignment, grading_period),
            "resultValueMin": 0, "resultValueMax": a.points_possible, "schoolSourcedId": org_id,
        })
        for key, values, modified in results:
            data.add(spec.RESULTS_12, key, values, modified=modified)


def _results(sec: SectionData, a: AssignmentDef, item_id: str, class_id: str, students: dict[int, Student],
             scores: Mapping[tuple[int, int], Score], since: dt.datetime | None) -> list[tuple[str, dict[str, object], str]]:
    """results.csv rows of one line item: (sourcedId, values, dateLastModified)."""
    results: list[tuple[str, dict[str, object], str]] = []
    for sid, stu in students.items():
        mark = sec.marks.get(sid, {}).get(a.id)
        score = scores.get((a.id, sid))
        if mark is None or mark.is_blank or score is None:
            continue
        if since is not None and _aware(score.updated_at) < _aware(since):
            continue
        counted = count_score(a, mark, sec.policy)
        status = ("exempt" if mark.excused else "not submitted" if mark.missing
                  else "partially graded" if mark.incomplete else "fully graded")
        results.append((f"td-result-{a.id}-{sid}", {
            "lineItemSourcedId": item_id, "studentSourcedId": _sid(stu, "student"), "scoreStatus": status,
            "score": round(counted.earned, 2) if counted is not None and not mark.excused else "",
            "scoreDate": _aware(score.updated_at).date().isoformat(), "comment": score.comment,
            "classSourcedId": class_id, "inProgress": False, "incomplete": mark.incomplete,
            "late": mark.late, "missing": mark.missing,
        }, iso_datetime(score.updated_at)))
    return results


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _school(session: Session, row: Section) -> School | None:
    if row.course_id and (course := session.get(Course, row.course_id)) and course.school_id:
        return session.get(School, course.school_id)
    if row.term_id and (term := session.get(Term, row.term_id)):
        return session.get(School, term.school_year.school_id)
    return session.scalars(select(School).order_by(School.id)).first()


def _sessions(session: Session, data: _Set, row: Section) -> list[str]:
    """The class's term (with its parents and school year); a class without a term gets the
    school year that holds today (classType and termSourcedIds are required)."""
    term = session.get(Term, row.term_id) if row.term_id else None
    if term is None:
        today = dt.date.today()
        year = session.scalars(select(SchoolYear).where(SchoolYear.start_date <= today,
                                                        SchoolYear.end_date >= today)).first()
        if year is None:
            start = dt.date(today.year if today.month >= 8 else today.year - 1, 8, 1)
            key = f"td-year-{start.year + 1}"
            data.add(spec.ACADEMIC_SESSIONS_12, key, {
                "title": f"{start.year}–{start.year + 1}", "type": "schoolYear", "startDate": start.isoformat(),
                "endDate": dt.date(start.year + 1, 7, 31).isoformat(), "schoolYear": str(start.year + 1)})
            return [key]
        return [_year(data, year)]
    return [_add_term(session, data, term)]


def _add_term(session: Session, data: _Set, term: Term) -> str:
    """The term, its parent terms and its school year in academicSessions.csv; its id."""
    chain = [term]
    while chain[-1].parent_id and (parent := session.get(Term, chain[-1].parent_id)):
        chain.append(parent)
    year_id = _year(data, term.school_year)
    for t in reversed(chain):
        parent = session.get(Term, t.parent_id) if t.parent_id else None
        data.add(spec.ACADEMIC_SESSIONS_12, _sid(t, "term"), {
            "title": t.name, "type": t.kind if t.kind in spec.SESSION_TYPES else "term",
            "startDate": t.start_date.isoformat(), "endDate": t.end_date.isoformat(),
            "parentSourcedId": _sid(parent, "term") if parent else year_id,
            "schoolYear": str(t.school_year.end_date.year)})
    return _sid(term, "term")


def _year(data: _Set, year: SchoolYear) -> str:
    key = _sid(year, "year")
    data.add(spec.ACADEMIC_SESSIONS_12, key, {
        "title": year.name, "type": "schoolYear", "startDate": year.start_date.isoformat(),
        "endDate": year.end_date.isoformat(), "schoolYear": str(year.end_date.year)})
    return key


def _term_id_for(session: Session, data: _Set, assignment: Assignment, fallback: str) -> str:
    if assignment.term_id and (term := session.get(Term, assignment.term_id)):
        return _add_term(session, data, term)
    return fallback


def _user(data: _Set, key: str, given: str, family: str, username: str, email: str, identifier: str,
          org_id: str, role: str) -> None:
    data.add(spec.USERS_12, key, {
        "enabledUser": True, "username": username, "givenName": given, "familyName": family,
        "identifier": identifier, "email": email, "primaryOrgSourcedId": org_id,
    })
    data.add(spec.ROLES_FILE, f"{key}-role", {
        "userSourcedId": key, "roleType": "primary", "role": role, "orgSourcedId": org_id,
    })
