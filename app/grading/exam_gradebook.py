"""The one rule for an exam's scores in the gradebook, and its results as CSV.

Publishing (:func:`publish_in`) creates one ``Assignment`` (origin ``omr``) in the exam's
class, once, when the teacher asks. From then on every change — a review decision, a
re-key, a dropped question, one more scan — calls :func:`sync_scores` in the same
transaction, which follows these rules:

* a score the teacher entered, changed, cleared or flagged by hand is never written again;
* a student whose sheet still has something to review gets a *provisional* score: the
  ``incomplete`` flag set and a comment saying what is open;
* the column's category, term, due date and title are the teacher's: only creating the
  column sets them (an explicit change of the exam in the grading page is the teacher's
  own act and goes through the service, not through here);
* points possible follow the key (a dropped question) unless the teacher changed them.

Nothing here imports the review or service modules: the dependency runs one way
(``exam_store`` < ``exam_gradebook`` < ``exam_review`` < ``service``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.i18n import N_, _
from app.core.stored_text import for_storage
from app.grading.exam_store import RESOLVED_MATCHES, ExamError, open_issues
from app.grading.keys import AnswerKey
from app.grading.results import FieldRead, PageResult
from app.store import Workspace
from app.store.models import Assignment, AssignmentCategory, Score, Section, Student
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


def results_in(s: Session, exam: Exam) -> list[StudentResult]:
    """Each matched student's score from their sheet(s), with what is still open on them."""
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
            sr.flags.append(_("{n} to review").format(n=n))
        if "version" in issues:
            sr.flags.append(_("version?"))
    pages_needed = _pages_of(exam) or 1
    for sr in by_student.values():
        sr.score = round(sum(a.points or 0.0 for a in sr.answers.values()), 4)
        sr.max_score = round(sum(a.max_points or 0.0 for a in sr.answers.values()), 4) or key_max_points(key)
        if len(sr.page_ids) < pages_needed:
            sr.flags.append(_("{done} of {total} pages").format(done=len(sr.page_ids), total=pages_needed))
    return sorted(by_student.values(), key=lambda r: r.sort_name.casefold())


def _pages_of(exam: Exam) -> int:
    page = exam.template.get("page") or {}
    return int(page.get("count", 1))


def student_results(ws: Workspace, exam_id: int) -> list[StudentResult]:
    with ws.read() as s:
        exam = s.get(Exam, exam_id)
        return results_in(s, exam) if exam else []


# -- what the exam wrote last time ----------------------------------------------------

@dataclass
class Written:
    """What :func:`sync_scores` last wrote, read from ``Exam.published``."""

    scores: dict[int, tuple[float | None, bool | None]] = field(default_factory=dict)
    possible: float | None = None
    hand: set[int] = field(default_factory=set)

    @classmethod
    def of(cls, exam: Exam) -> Written:
        raw: dict[str, Any] = dict(exam.published or {})
        if "scores" not in raw:  # older workspaces: {student id: points}
            return cls({int(k): (v, None) for k, v in raw.items() if str(k).isdigit()})
        scores = {int(k): (v[0], v[1]) for k, v in dict(raw["scores"]).items()}
        return cls(scores, raw.get("possible"), {int(x) for x in raw.get("hand", [])})

    def store(self, exam: Exam) -> None:
        exam.published = {
            "scores": {str(k): [p, inc] for k, (p, inc) in sorted(self.scores.items())},
            "possible": self.possible,
            "hand": sorted(str(x) for x in self.hand),
        }

    def is_ours(self, sc: Score) -> bool:
        """Still exactly what the exam wrote? Otherwise the teacher changed it."""
        if sc.student_id in self.hand or sc.student_id not in self.scores:
            return False
        points, incomplete = self.scores[sc.student_id]
        if sc.points != points or sc.missing or sc.excused:
            return False
        return incomplete is None or sc.incomplete == incomplete


# Stored in English as the score's note, shown in the reader's language (app.core.stored_text).
PROVISIONAL = N_("Bubble sheet: provisional ({flags})")
FROM_SHEET = N_("Bubble sheet")


@dataclass
class SyncReport:
    """What one sync did, and the state of the column afterwards."""

    published: bool = False
    final: int = 0  # scores the exam keeps up to date, nothing left to review
    provisional: int = 0  # scores the exam keeps up to date, sheet still in review (incomplete)
    kept: list[int] = field(default_factory=list)  # student ids whose score is the teacher's
    written: int = 0  # scores created or changed by this sync
    removed: int = 0  # scores removed (sheet set aside or given to another student)


def sync_scores(s: Session, exam: Exam) -> SyncReport:
    """Bring a published exam's gradebook column up to date with its sheets (the one rule).

    A no-op for an exam that is not published. Writes scores and points possible only;
    never the column's category, term, due date or title, and never a score the teacher
    made their own.
    """
    report = SyncReport()
    a = _column(s, exam)
    if a is None:
        return report
    report.published = True
    state = Written.of(exam)
    possible = key_max_points(AnswerKey.from_dict(exam.key)) or a.points_possible
    if state.possible is None or a.points_possible == state.possible:  # else the teacher changed it
        a.points_possible = possible
        state.possible = possible
    results = {r.student_id: r for r in results_in(s, exam)}
    existing = {sc.student_id: sc for sc in s.scalars(select(Score).where(Score.assignment_id == a.id))}
    _take_in_teacher_changes(s, state, existing, results, report)
    for sid, r in results.items():
        found = existing.get(sid)
        if sid not in state.hand and (found is None or state.is_ours(found)):
            _write_score(s, a.id, found, r, state, report)
    report.kept = sorted(set(report.kept) | (state.hand & set(existing)))
    state.store(exam)
    return report


def _column(s: Session, exam: Exam) -> Assignment | None:
    if exam.assignment_id is None:
        return None
    a = s.get(Assignment, exam.assignment_id)
    if a is None:  # the teacher deleted the column: the exam is no longer published
        exam.assignment_id = None
        exam.published = {}
        return None
    s.flush()
    return a


def _take_in_teacher_changes(s: Session, state: Written, existing: dict[int, Score],
                             results: dict[int, StudentResult], report: SyncReport) -> None:
    """Scores changed or cleared by hand become the teacher's; ours without a sheet go."""
    for sid, sc in existing.items():
        if not state.is_ours(sc):
            report.kept.append(sid)
            if sid in state.scores:
                state.hand.add(sid)  # changed by hand: the teacher's from now on
        elif sid not in results:
            s.delete(sc)  # the sheet was set aside or matched to someone else
            state.scores.pop(sid, None)
            report.removed += 1
    for sid in set(state.scores) - set(existing):
        if sid in results:
            state.hand.add(sid)  # the teacher cleared a score the exam wrote: leave it cleared
        else:
            state.scores.pop(sid, None)


def _write_score(s: Session, assignment_id: int, found: Score | None, r: StudentResult, state: Written,
                 report: SyncReport) -> None:
    sc = found if found is not None else Score(assignment_id=assignment_id, student_id=r.student_id)
    if found is None:
        s.add(sc)
    # Stored in the catalog's English whatever the user's language (app.core.stored_text), so
    # a sync in another language does not count as a change, and the note reads in anyone's.
    comment = for_storage(PROVISIONAL.format(flags="; ".join(r.flags))) if r.flags else FROM_SHEET
    if (sc.points, sc.incomplete, sc.comment) != (r.score, not r.complete, comment):
        report.written += 1
    sc.points = r.score
    sc.missing = False
    sc.incomplete = not r.complete
    sc.comment = comment
    state.scores[r.student_id] = (r.score, not r.complete)
    if r.complete:
        report.final += 1
    else:
        report.provisional += 1


def _categories(s: Session, section_id: int) -> list[AssignmentCategory]:
    return list(s.scalars(select(AssignmentCategory).where(AssignmentCategory.section_id == section_id)
                          .order_by(AssignmentCategory.id)))


def choose_category(s: Session, exam: Exam, category_id: int | None, new_category: str | None) -> int | None:
    """The category of a new gradebook column; never None when the class has categories.

    Work without a category drops out of a weighted grade, so a class with categories
    needs one named. A class without any may get its first one (``new_category``), unless
    other work of the class has no category (it would drop out of the weighted grade).
    """
    cats = _categories(s, exam.section_id)
    if new_category and new_category.strip():
        name = new_category.strip()
        same = [c for c in cats if c.name.casefold() == name.casefold()]
        if same:
            return same[0].id
        if cats:
            raise ExamError(
                _("The class has no category '{name}'.").format(name=name),
                fix=_("Choose one of {names}, or add the category in the Gradebook first.").format(names=_names(cats)))
        other = s.scalars(select(Assignment.id).where(Assignment.section_id == exam.section_id,
                                                      Assignment.category_id.is_(None)).limit(1)).first()
        if other is not None:
            raise ExamError(
                _("Other work of this class has no category; a first category '{name}' would leave it out of weighted grades.").format(name=name),
                fix=_("Set up the class's categories in the Gradebook, then choose one."))
        cat = AssignmentCategory(section_id=exam.section_id, name=name, weight=100.0, drop_lowest=0)
        s.add(cat)
        s.flush()
        return cat.id
    chosen = category_id if category_id is not None else exam.category_id
    if chosen is not None:
        if chosen not in {c.id for c in cats}:
            raise ExamError(_("That category is not one of this class's categories."),
                            fix=_("Choose one of {names}.").format(names=_names(cats)) if cats else None)
        return chosen
    if cats:
        raise ExamError(
            _("Choose a category for the exam: without one its scores would not count in the class's "
            "weighted grade."), fix=_("The class has {names}.").format(names=_names(cats)))
    return None


def _names(cats: list[AssignmentCategory]) -> str:
    return ", ".join(f"'{c.name}'" for c in cats)


@dataclass
class Published:
    assignment_id: int
    created: bool
    report: SyncReport


def publish_in(
    s: Session,
    exam: Exam,
    *,
    category_id: int | None = None,
    new_category: str | None = None,
    due_date: dt.date | None = None,
) -> Published:
    """Create the exam's gradebook column (once) and bring its scores up to date.

    On an exam already published, category and due date are left as the column has them.
    """
    a = s.get(Assignment, exam.assignment_id) if exam.assignment_id is not None else None
    created = a is None
    if a is None:
        cat_id = choose_category(s, exam, category_id, new_category)
        section = s.get(Section, exam.section_id)
        exam.category_id = cat_id
        if due_date is not None:
            exam.exam_date = due_date
        a = Assignment(section_id=exam.section_id, title=exam.title, origin="omr",
                       term_id=section.term_id if section else None,
                       points_possible=key_max_points(AnswerKey.from_dict(exam.key)) or float(exam.questions),
                       category_id=cat_id, due_date=exam.exam_date or dt.date.today(),
                       description="Bubble-sheet exam graded in TeacherDesk")
        s.add(a)
        s.flush()
        exam.assignment_id = a.id
        exam.published = {}
    return Published(a.id, created, sync_scores(s, exam))


@dataclass(frozen=True)
class GradebookStatus:
    """What of an exam is in the gradebook and what is not yet (for both faces to show)."""

    published: bool
    assignment_id: int | None = None
    title: str = ""
    category: str = ""
    final: int = 0
    provisional: int = 0
    kept: int = 0
    pending: int = 0  # students with a score that is not in the gradebook (not published yet)
    unmatched: int = 0  # pages whose student is not known yet

    def summary(self) -> str:
        if not self.published:
            if not self.pending:
                return _("Not in the gradebook yet; no student has a score.")
            return _("Not in the gradebook yet: {pending} score(s) waiting to be put in.").format(pending=self.pending)
        parts = [_("{final} final").format(final=self.final)]
        if self.provisional:
            parts.append(_("{provisional} provisional (sheets in review)").format(provisional=self.provisional))
        if self.kept:
            parts.append(_("{kept} kept as you edited them").format(kept=self.kept))
        where = f"'{self.title}'" + (f" ({self.category})" if self.category else "")
        text = _("In the gradebook as {where}: {parts}; later changes follow on their own.").format(
            where=where, parts=", ".join(parts))
        if self.unmatched:
            text += " " + _("{unmatched} page(s) wait for their student.").format(unmatched=self.unmatched)
        return text


def status_in(s: Session, exam: Exam) -> GradebookStatus:
    from app.grading.exam_store import DISCARDED, NONE

    unmatched = len(s.scalars(select(ExamPage.id).where(
        ExamPage.exam_id == exam.id, ExamPage.match.not_in((*RESOLVED_MATCHES, DISCARDED, NONE)))).all())
    results = results_in(s, exam)
    a = s.get(Assignment, exam.assignment_id) if exam.assignment_id is not None else None
    if a is None:
        return GradebookStatus(False, pending=len(results), unmatched=unmatched)
    state = Written.of(exam)
    scores = list(s.scalars(select(Score).where(Score.assignment_id == a.id)))
    ours = [sc for sc in scores if state.is_ours(sc)]
    kept = len(scores) - len(ours) + sum(1 for sid in state.hand if sid not in {sc.student_id for sc in scores}
                                          and sid in {r.student_id for r in results})
    cat = s.get(AssignmentCategory, a.category_id) if a.category_id is not None else None
    return GradebookStatus(True, a.id, a.title, cat.name if cat else "",
                           final=sum(1 for sc in ours if not sc.incomplete),
                           provisional=sum(1 for sc in ours if sc.incomplete),
                           kept=kept, unmatched=unmatched)


def gradebook_status(ws: Workspace, exam_id: int) -> GradebookStatus:
    with ws.read() as s:
        exam = s.get(Exam, exam_id)
        return status_in(s, exam) if exam else GradebookStatus(False)


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
        results = results_in(s, exam)
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


__all__ = ["GradebookStatus", "Published", "StudentResult", "SyncReport", "choose_category", "csv_safe",
           "export_csv", "gradebook_status", "publish_in", "results_csv", "status_in", "student_results",
           "sync_scores"]
