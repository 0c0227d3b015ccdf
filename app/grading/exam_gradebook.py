"""An exam's results per student, in the gradebook and as CSV.

Publishing creates one ``Assignment`` (origin ``omr``) in the exam's class with a
``Score`` per matched student. From then on every change — a review decision, a re-key,
a dropped question, a new scan — updates those scores in the same transaction. A student
whose sheet still has answers to review gets a provisional score marked ``incomplete``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.grading.keys import AnswerKey
from app.grading.results import FieldRead, PageResult
from app.store import Workspace, audit
from app.store.models import Assignment, Score, Section, Student
from app.store.models.exams import Exam, ExamPage


@dataclass
class StudentResult:
    student_id: int
    local_id: str
    name: str
    sort_name: str
    version: str
    score: float
    max_score: float
    flags: list[str] = field(default_factory=list)
    page_ids: list[int] = field(default_factory=list)
    answers: dict[int, FieldRead] = field(default_factory=dict)

    @property
    def percent(self) -> float | None:
        return round(100.0 * self.score / self.max_score, 1) if self.max_score else None

    @property
    def complete(self) -> bool:
        return not self.flags


def key_max_points(key: AnswerKey) -> float:
    totals = [sum(i.points for i in items.values() if not i.dropped) for items in key.versions.values()]
    return round(max(totals, default=0.0), 4)


def _results(s: Session, exam: Exam) -> list[StudentResult]:
    from app.grading.exam_store import RESOLVED_MATCHES, open_issues

    key = AnswerKey.from_dict(exam.key)
    rows = s.scalars(
        select(ExamPage).where(ExamPage.exam_id == exam.id, ExamPage.match.in_(RESOLVED_MATCHES))
        .order_by(ExamPage.id)
    ).all()
    students = {st.id: st for st in s.scalars(select(Student).where(Student.id.in_({r.student_id for r in rows})))}
    by_student: dict[int, StudentResult] = {}
    for row in rows:
        if row.student_id is None or row.student_id not in students:
            continue
        st = students[row.student_id]
        res = PageResult.from_dict(row.result)
        sr = by_student.setdefault(
            st.id, StudentResult(st.id, st.local_id, st.display_name, st.sort_name, res.version or "", 0.0, 0.0)
        )
        sr.page_ids.append(row.id)
        sr.version = sr.version or res.version or ""
        for a in res.answers:
            sr.answers[a.number] = a
        issues = open_issues(res, key)
        n = sum(1 for i in issues if i.startswith("q"))
        if n:
            sr.flags.append(f"{n} to review")
        if "version" in issues:
            sr.flags.append("version?")
    for sr in by_student.values():
        sr.score = round(sum(a.points or 0.0 for a in sr.answers.values()), 4)
        sr.max_score = round(sum(a.max_points or 0.0 for a in sr.answers.values()), 4) or key_max_points(key)
        pages_needed = _pages_of(exam) or 1
        if len(sr.page_ids) < pages_needed:
            sr.flags.append(f"{len(sr.page_ids)} of {pages_needed} pages")
    return sorted(by_student.values(), key=lambda r: r.sort_name.casefold())


def _pages_of(exam: Exam) -> int:
    page = exam.template.get("page") or {}
    return int(page.get("count", 1))


def student_results(ws: Workspace, exam_id: int) -> list[StudentResult]:
    with ws.read() as s:
        exam = s.get(Exam, exam_id)
        return _results(s, exam) if exam else []


def publish(
    ws: Workspace,
    exam_id: int,
    *,
    category_id: int | None = None,
    due_date: dt.date | None = None,
    actor: str | None = None,
) -> int:
    """Put the exam in the gradebook (or update it); returns the assignment id."""
    with ws.session() as s:
        exam = s.get(Exam, exam_id)
        if exam is None:
            raise ValueError("That exam no longer exists.")
        if category_id is not None:
            exam.category_id = category_id
        if due_date is not None:
            exam.exam_date = due_date
        created = exam.assignment_id is None or s.get(Assignment, exam.assignment_id) is None
        if created:
            section = s.get(Section, exam.section_id)
            a = Assignment(section_id=exam.section_id, title=exam.title, origin="omr",
                           term_id=section.term_id if section else None,
                           points_possible=key_max_points(AnswerKey.from_dict(exam.key)) or float(exam.questions),
                           category_id=exam.category_id, due_date=exam.exam_date or dt.date.today(),
                           description="Bubble-sheet exam graded in TeacherDesk")
            s.add(a)
            s.flush()
            exam.assignment_id = a.id
        n = republish(s, exam)
        audit.record(s, actor or ws.actor, "exam.publish", "exam", exam.id, assignment_id=exam.assignment_id,
                     scores=n, created=created)
        assert exam.assignment_id is not None
        return exam.assignment_id


def republish(s: Session, exam: Exam) -> int:
    """Bring the published assignment's scores up to date (no-op if not published)."""
    if exam.assignment_id is None:
        return 0
    a = s.get(Assignment, exam.assignment_id)
    if a is None:
        exam.assignment_id = None
        return 0
    s.flush()
    a.title = exam.title
    a.category_id = exam.category_id
    if exam.exam_date:
        a.due_date = exam.exam_date
    a.points_possible = key_max_points(AnswerKey.from_dict(exam.key)) or a.points_possible
    results = {r.student_id: r for r in _results(s, exam)}
    existing = {sc.student_id: sc for sc in s.scalars(select(Score).where(Score.assignment_id == a.id))}
    before = dict(exam.published or {})
    published: dict[str, float | None] = {}

    def ours(sc: Score) -> bool:
        # Still what we wrote last time? Otherwise the teacher changed it in the gradebook.
        return str(sc.student_id) in before and before[str(sc.student_id)] == sc.points

    for sid, old in existing.items():
        if sid not in results and ours(old):
            s.delete(old)  # the sheet was set aside or re-matched to someone else
    for sid, r in results.items():
        sc = existing.get(sid)
        if sc is not None and not ours(sc):
            continue  # a score the teacher entered or changed by hand stays as it is
        if sc is None:
            sc = Score(assignment_id=a.id, student_id=sid)
            s.add(sc)
        sc.points = r.score
        sc.missing = False
        sc.incomplete = not r.complete
        sc.comment = "Bubble sheet" + (f": provisional ({', '.join(r.flags)})" if r.flags else "")
        published[str(sid)] = r.score
    exam.published = published
    return len(results)


# -- CSV ------------------------------------------------------------------------------

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_DANGEROUS) else text


def results_csv(ws: Workspace, exam_id: int) -> str:
    with ws.read() as s:
        exam = s.get(Exam, exam_id)
        if exam is None:
            return ""
        results = _results(s, exam)
        questions = exam.questions
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["student_id", "name", "version", "score", "max_score", "percent", "flags"]
               + [f"q{q}" for q in range(1, questions + 1)])
    for r in results:
        answers = []
        for q in range(1, questions + 1):
            a = r.answers.get(q)
            answers.append("" if a is None else ("?" if a.status == "review" else "".join(a.marked)))
        w.writerow([csv_safe(x) for x in [r.local_id, r.name, r.version, f"{r.score:g}", f"{r.max_score:g}",
                                           "" if r.percent is None else f"{r.percent:g}", "; ".join(r.flags),
                                           *answers]])
    return buf.getvalue()


def export_csv(ws: Workspace, exam_id: int, path: Path | str) -> int:
    """Write the results CSV (UTF-8 with BOM so spreadsheets show names right); rows written."""
    text = results_csv(ws, exam_id)
    Path(path).write_text(text, encoding="utf-8-sig", newline="")
    return max(text.count("\r\n") - 1, 0)


__all__ = ["StudentResult", "csv_safe", "export_csv", "publish", "republish", "results_csv",
           "student_results"]
