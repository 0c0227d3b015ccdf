"""The review queue of an exam and the teacher's decisions on it.

The queue holds every answer the engine was not sure of, every page whose version is
unknown, every sheet whose student is unknown, missing or already graded, and every page
that could not be read. Each decision is stored (``ExamReview``: who, when, what the
engine read, what the teacher chose) and written to the audit log, then the page is
scored again and the gradebook updated, all in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.code_labels import mark_status_label, page_status_label
from app.core.i18n import _
from app.core.stored_text import for_storage, localized
from app.grading.exam_gradebook import SyncReport, sync_scores
from app.grading.exam_store import (
    DISCARDED,
    DUPLICATE,
    MISSING,
    RESOLVED_MATCHES,
    TEACHER,
    UNKNOWN,
    ExamError,
    PageRow,
    _pages,
    _roster,
    open_issues,
    page_status,
    stored_result,
)
from app.grading.keys import AnswerKey
from app.grading.results import (
    BLANK,
    ERROR,
    MULTIPLE,
    NOT_A_SHEET,
    OK,
    REVIEW,
    FieldRead,
    PageResult,
)
from app.grading.score import score_page
from app.store import Workspace, audit
from app.store.models import Student
from app.store.models.exams import Exam, ExamPage, ExamReview

ANSWER = "answer"
VERSION = "version"
STUDENT = "student"
PAGE = "page"


@dataclass(frozen=True)
class ReviewItem:
    page_id: int
    kind: str  # answer / version / student / page
    question: int | None
    reason: str
    engine: tuple[str, ...]  # what the engine read (letters, version, or student ID)
    student_name: str
    read_student_id: str
    match: str
    scan_id: int | None

    @property
    def key(self) -> tuple[int, str, int | None]:
        return (self.page_id, self.kind, self.question)


def queue_from_pages(rows: list[PageRow], key: AnswerKey) -> list[ReviewItem]:
    items: list[ReviewItem] = []
    for p in rows:
        r = p.result

        def item(kind: str, question: int | None, reason: str, engine: tuple[str, ...], p: PageRow = p) -> ReviewItem:
            return ReviewItem(p.id, kind, question, reason, engine, p.student_name, p.read_student_id, p.match,
                              p.scan_id)

        if p.match == DISCARDED:
            continue
        if p.status in (NOT_A_SHEET, ERROR):
            items.append(item(PAGE, None, localized(r.reason) or page_status_label(p.status), ()))
            continue
        if p.match not in RESOLVED_MATCHES:
            reason = {
                UNKNOWN: _("ID {id} is not in this class").format(id=p.read_student_id),
                DUPLICATE: _("a second sheet for {who}").format(who=p.student_name or p.read_student_id),
                MISSING: _("no student ID could be read ({reason})").format(reason=localized(r.reason)) if r.reason
                else _("no student ID could be read"),
            }.get(p.match, p.match)
            items.append(item(STUDENT, None, reason, (p.read_student_id,) if p.read_student_id else ()))
        issues = open_issues(r, key)
        if "page" in issues:
            items.append(item(PAGE, None, localized(r.reason) or _("page could not be read"), ()))
        if "version" in issues:
            items.append(item(VERSION, None, _("version {version} has no key").format(version=r.version) if r.version else _("version not read"),
                              (r.version,) if r.version else ()))
        for a in r.answers:
            if a.status == REVIEW:
                items.append(item(ANSWER, a.number, localized(a.reason) or _("unsure"), tuple(a.marked)))
    return items


def review_queue(ws: Workspace, exam_id: int) -> list[ReviewItem]:
    with ws.read() as s:
        exam = s.get(Exam, exam_id)
        if exam is None:
            return []
        return queue_from_pages(_pages(s, exam_id), AnswerKey.from_dict(exam.key))


def _load(s: Session, exam_id: int, page_id: int) -> tuple[Exam, ExamPage, PageResult, AnswerKey]:
    exam = s.get(Exam, exam_id)
    row = s.get(ExamPage, page_id)
    if exam is None or row is None or row.exam_id != exam_id:
        raise ExamError(_("That page is no longer part of this exam."))
    return exam, row, PageResult.from_dict(row.result), AnswerKey.from_dict(exam.key)


def _finish(s: Session, exam: Exam, row: ExamPage, result: PageResult, key: AnswerKey) -> SyncReport:
    if result.status in (OK, REVIEW):
        score_page(result, key)
        if not open_issues(result, key):
            result.status = OK
    row.result = stored_result(result)
    row.status = page_status(row, result, key)
    return sync_scores(s, exam)


def _record(s: Session, exam: Exam, row: ExamPage, target: str, engine: dict[str, Any],
            chosen: dict[str, Any], actor: str, action: str) -> None:
    s.add(ExamReview(exam_id=exam.id, page_id=row.id, target=target, engine_value=engine, chosen_value=chosen,
                     actor=actor))
    audit.record(s, actor, action, "exam_page", row.id, exam_id=exam.id, exam=exam.title, target=target,
                 engine=engine, chosen=chosen, student_id=row.student_id)


def decide_answer(ws: Workspace, exam_id: int, page_id: int, question: int, marked: list[str],
                  actor: str | None = None) -> SyncReport:
    """The teacher's reading of one question (``[]`` = blank; several letters = multiple)."""
    actor = actor or ws.actor
    with ws.session() as s:
        exam, row, result, key = _load(s, exam_id, page_id)
        a: FieldRead | None = next((x for x in result.answers if x.number == question), None)
        if a is None:
            raise ExamError(_("Question {question} is not on this page.").format(question=question))
        valid = set(exam.choices)
        chosen = sorted({m.upper() for m in marked})
        if any(m not in valid for m in chosen):
            raise ExamError(_("Question {question} has choices {choices} only.").format(question=question, choices=', '.join(exam.choices)))
        engine: dict[str, Any] = {"marked": a.marked, "status": a.status, "reason": for_storage(a.reason), "confidence": a.confidence}
        a.marked = chosen
        a.status = BLANK if not chosen else (OK if len(chosen) == 1 else MULTIPLE)
        a.confidence = 1.0
        a.reason = "teacher"
        _record(s, exam, row, f"q{question}", engine, {"marked": chosen}, actor, "omr.review.answer")
        return _finish(s, exam, row, result, key)


def decide_version(ws: Workspace, exam_id: int, page_id: int, version: str, actor: str | None = None) -> SyncReport:
    actor = actor or ws.actor
    with ws.session() as s:
        exam, row, result, key = _load(s, exam_id, page_id)
        if version not in key.versions:
            raise ExamError(_("Version {version} has no key; choose one of {labels}.").format(version=version, labels=', '.join(key.labels())))
        engine: dict[str, Any] = {"version": result.version}
        result.version = version
        if result.version_field is not None:
            result.version_field.marked = [version]
            result.version_field.status = OK
            result.version_field.reason = "teacher"
        version_words = ("version", _("version not bubbled"), _("version: {reason}").split("{")[0])
        result.reason = "; ".join(p for p in result.reason.split("; ") if not any(w in p for w in version_words))
        _record(s, exam, row, "version", engine, {"version": version}, actor, "omr.review.version")
        return _finish(s, exam, row, result, key)


def match_student(ws: Workspace, exam_id: int, page_id: int, student_id: int, actor: str | None = None) -> SyncReport:
    """Say whose sheet this is (a student of the class); replaces a duplicate's older sheet."""
    actor = actor or ws.actor
    with ws.session() as s:
        exam, row, result, key = _load(s, exam_id, page_id)
        if student_id not in {r.id for r in _roster(s, exam.section_id)}:
            raise ExamError(_("That student is not in this class."))
        st = s.get(Student, student_id)
        assert st is not None
        engine: dict[str, Any] = {"read_id": row.read_student_id, "match": row.match, "student_id": row.student_id}
        # Another sheet of this student for the same page: this one replaces it.
        others = s.scalars(select(ExamPage).where(
            ExamPage.exam_id == exam_id, ExamPage.student_id == student_id, ExamPage.id != row.id,
            ExamPage.match.in_(RESOLVED_MATCHES), ExamPage.sheet_page == row.sheet_page)).all()
        for other in others:
            other.match = DISCARDED
            other.status = DISCARDED
        row.student_id = student_id
        row.match = TEACHER
        result.student_id = st.local_id
        _record(s, exam, row, "student", engine, {"student_id": student_id, "local_id": st.local_id,
                                                   "replaced_pages": [o.id for o in others]},
                actor, "omr.review.student")
        return _finish(s, exam, row, result, key)


def discard_page(ws: Workspace, exam_id: int, page_id: int, actor: str | None = None) -> SyncReport:
    """Set a page aside (not a sheet, a blank, a rescan of the same page); kept for the record."""
    actor = actor or ws.actor
    with ws.session() as s:
        exam, row, result, key = _load(s, exam_id, page_id)
        engine: dict[str, Any] = {"status": row.status, "match": row.match, "student_id": row.student_id}
        row.match = DISCARDED
        row.status = DISCARDED
        _record(s, exam, row, "page", engine, {"discarded": True}, actor, "omr.review.discard")
        return sync_scores(s, exam)


def decisions(ws: Workspace, exam_id: int, page_ids: list[int] | None = None) -> list[ExamReview]:
    """The teacher's decisions on an exam (or on some of its pages), oldest first."""
    with ws.read() as s:
        q = select(ExamReview).where(ExamReview.exam_id == exam_id)
        if page_ids is not None:
            q = q.where(ExamReview.page_id.in_(page_ids))
        return list(s.scalars(q.order_by(ExamReview.id)))


def describe(d: ExamReview) -> str:
    """One line for a decision: what was read, what the teacher chose, who and when."""
    e, c = d.engine_value, d.chosen_value
    if d.target.startswith("q"):
        was = "".join(e.get("marked", [])) or "–"
        now = "".join(c.get("marked", [])) or _("blank")
        what = _("Q{number}: read {was} ({reason}) → {now}").format(
            number=d.target[1:], was=was, reason=localized(e.get("reason")) or mark_status_label(e.get("status", "")), now=now)
    elif d.target == "version":
        what = _("version: {was} → {now}").format(was=e.get("version") or "?", now=c.get("version"))
    elif d.target == "student":
        what = _("student: ID {was} → {now}").format(was=e.get("read_id") or "–", now=c.get("local_id"))
    else:
        what = _("page set aside")
    return f"{what} — {d.actor}, {d.at:%Y-%m-%d %H:%M} UTC"
