"""Exams of a class in the workspace: setup, keys, encrypted scans, page results, matching.

The engine (app.grading) reads pages; this module keeps what it read, with the scan,
in the encrypted workspace and ties each page to a student of the class roster:

* a page's student ID (from the QR code or the bubbled grid) is looked up among the
  ``Student.local_id`` of the students enrolled in the exam's class;
* an ID that is not in the class is ``unknown``, a second sheet of a student already
  graded is ``duplicate`` — both go to the review queue (exam_review.py).

Scans are stored as compressed image bytes in a table, never as files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import UserFacingError
from app.core.i18n import _
from app.core.stored_text import for_storage
from app.grading.keys import AnswerKey, KeyItem
from app.grading.results import ERROR, NOT_A_SHEET, OK, REVIEW, PageResult
from app.grading.score import score_page
from app.grading.template import Template
from app.store import Workspace, audit
from app.store.models import Assignment, Enrollment, Section, Student
from app.store.models.exams import Exam, ExamPage, ExamScan

# ExamPage.match values
MATCHED = "matched"
TEACHER = "teacher"  # matched (or confirmed) by the teacher
UNKNOWN = "unknown"  # an ID that is not in the class
DUPLICATE = "duplicate"  # a second sheet (same page) for a student already graded
MISSING = "missing"  # no ID read at all
NONE = "none"  # not a sheet / unreadable / discarded: nobody's
DISCARDED = "discarded"
RESOLVED_MATCHES = (MATCHED, TEACHER)


class ExamError(UserFacingError, ValueError):
    """A problem the teacher can fix; the message says how."""


@dataclass(frozen=True)
class RosterStudent:
    id: int
    local_id: str
    name: str  # display name
    sort_name: str


@dataclass
class ExamInfo:
    id: int
    section_id: int
    section_name: str
    title: str
    questions: int
    choices: list[str]
    versions: int
    id_digits: int
    points: float
    template: Template
    key: AnswerKey
    category_id: int | None
    assignment_id: int | None
    exam_date: dt.date | None

    @property
    def version_labels(self) -> list[str]:
        return sorted(self.key.versions) if self.key.versions else [""]

    def key_complete(self) -> bool:
        return all(item.correct or item.dropped for items in self.key.versions.values() for item in items.values())


@dataclass(frozen=True)
class ExamRow:
    id: int
    title: str
    questions: int
    versions: int
    exam_date: dt.date | None
    pages: int


@dataclass
class PageRow:
    id: int
    scan_id: int | None
    result: PageResult
    status: str
    match: str
    student_id: int | None
    student_name: str
    local_id: str
    read_student_id: str
    sheet_page: int | None
    source: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


# -- exams ----------------------------------------------------------------------------

def blank_key(questions: int, versions: int, points: float) -> AnswerKey:
    labels = [chr(ord("A") + i) for i in range(versions)] if versions else [""]
    return AnswerKey({v: {q: KeyItem(q, [], float(points)) for q in range(1, questions + 1)} for v in labels})


def create_exam(
    ws: Workspace,
    section_id: int,
    title: str,
    *,
    questions: int,
    choices: int | str = 4,
    versions: int = 0,
    id_digits: int = 6,
    points: float = 1.0,
    paper: str = "letter",
    category_id: int | None = None,
    exam_date: dt.date | None = None,
    actor: str | None = None,
) -> int:
    """A new exam of a class with its printed-sheet template and an empty key; its id."""
    from app.grading.layout import LayoutError, design_sheet

    title = title.strip()
    if not title:
        raise ExamError(_("Give the exam a title (e.g. 'Unit 3 Quiz')."))
    try:
        template = design_sheet(questions, choices, id_digits=id_digits, versions=versions, paper=paper, title=title)
    except LayoutError as exc:
        raise ExamError(str(exc)) from None
    labels = template.questions()[0].choices
    with ws.session() as s:
        if s.get(Section, section_id) is None:
            raise ExamError(_("That class no longer exists; choose another class."))
        exam = Exam(
            section_id=section_id, title=title, sheet_id=template.exam_id, questions=questions,
            choices="".join(labels), versions=versions, id_digits=id_digits, points=float(points),
            template=template.to_dict(), key=blank_key(questions, versions, points).to_dict(),
            category_id=category_id, exam_date=exam_date,
        )
        s.add(exam)
        s.flush()
        audit.record(s, actor or ws.actor, "exam.create", "exam", exam.id, title=title, section_id=section_id,
                     questions=questions, versions=versions)
        return exam.id


def delete_exam(ws: Workspace, exam_id: int, actor: str | None = None) -> None:
    """Delete an exam with its scans and results (a published gradebook column stays)."""
    with ws.session() as s:
        exam = exam_in(s, exam_id)
        audit.record(s, actor or ws.actor, "exam.delete", "exam", exam_id, title=exam.title)
        s.delete(exam)


def exam_in(s: Session, exam_id: int) -> Exam:
    exam = s.get(Exam, exam_id)
    if exam is None:
        raise ExamError(_("That exam no longer exists."))
    return exam


def info_from_row(exam: Exam, section_name: str = "", column: Assignment | None = None) -> ExamInfo:
    """The exam as plain data; once published, its category and date are the column's."""
    return ExamInfo(
        id=exam.id, section_id=exam.section_id, section_name=section_name, title=exam.title,
        questions=exam.questions, choices=list(exam.choices), versions=exam.versions, id_digits=exam.id_digits,
        points=exam.points, template=Template.from_dict(exam.template), key=AnswerKey.from_dict(exam.key),
        category_id=column.category_id if column is not None else exam.category_id,
        assignment_id=exam.assignment_id,
        exam_date=column.due_date if column is not None else exam.exam_date,
    )


def load_exam(ws: Workspace, exam_id: int) -> ExamInfo:
    with ws.read() as s:
        exam = exam_in(s, exam_id)
        section = s.get(Section, exam.section_id)
        column = s.get(Assignment, exam.assignment_id) if exam.assignment_id is not None else None
        return info_from_row(exam, section.name if section else "", column)


def exams_of_section(ws: Workspace, section_id: int) -> list[ExamRow]:
    from sqlalchemy import func

    with ws.read() as s:
        counts = dict(
            s.execute(
                select(ExamPage.exam_id, func.count(ExamPage.id)).group_by(ExamPage.exam_id)
            ).all()
        )
        rows = s.scalars(select(Exam).where(Exam.section_id == section_id).order_by(Exam.id)).all()
        return [ExamRow(e.id, e.title, e.questions, e.versions, e.exam_date, int(counts.get(e.id, 0))) for e in rows]


def roster(ws: Workspace, section_id: int) -> list[RosterStudent]:
    with ws.read() as s:
        return _roster(s, section_id)


def _roster(s: Session, section_id: int, *, current_only: bool = True) -> list[RosterStudent]:
    """The class's students: its current ones (those who left get no new sheets), or
    everyone ever enrolled (a sheet a departed student filled in still finds its owner)."""
    from app.store.enrolled import is_current

    query = (select(Student).join(Enrollment, Enrollment.student_id == Student.id)
             .where(Enrollment.section_id == section_id))
    students = s.scalars(query.where(is_current()) if current_only else query).all()
    out = [RosterStudent(st.id, st.local_id, st.display_name, st.sort_name) for st in students]
    return sorted(out, key=lambda r: r.sort_name.casefold())


# -- keys and templates ---------------------------------------------------------------

def apply_key(s: Session, exam: Exam, key: AnswerKey, actor: str, *, note: str = "") -> list[str]:
    """Store a new key and re-score every page with it; the changes, one line each."""
    old = AnswerKey.from_dict(exam.key)
    exam.key = key.to_dict()
    changed = _key_changes(old, key)
    audit.record(s, actor, "exam.key", "exam", exam.id, changes=changed[:200], note=note)
    rescore_pages(s, exam)
    return changed


def _key_changes(old: AnswerKey, new: AnswerKey) -> list[str]:
    out = []
    for label in sorted(set(old.versions) | set(new.versions)):
        a, b = old.versions.get(label, {}), new.versions.get(label, {})
        for q in sorted(set(a) | set(b)):
            x, y = a.get(q), b.get(q)
            if x != y:
                was = "-" if x is None else ("dropped" if x.dropped else "".join(x.correct) or "?")
                now = "-" if y is None else ("dropped" if y.dropped else "".join(y.correct) or "?")
                out.append(f"{label or '*'}{q}: {was} -> {now}")
    return out


def set_template(ws: Workspace, exam_id: int, template: Template, actor: str | None = None) -> None:
    """Use another template (e.g. one built for an existing district form) for this exam."""
    with ws.session() as s:
        exam = exam_in(s, exam_id)
        n = template.question_count()
        exam.template = template.to_dict()
        exam.sheet_id = template.exam_id
        exam.id_digits = template.id_digits()
        labels = template.version_labels()
        exam.versions = len(labels)
        if n != exam.questions or labels != sorted(AnswerKey.from_dict(exam.key).versions):
            exam.questions = n
            exam.key = blank_key(n, len(labels), exam.points).to_dict()
        fields = template.questions()
        if fields:
            exam.choices = "".join(fields[0].choices)
        audit.record(s, actor or ws.actor, "exam.template", "exam", exam_id, name=template.name, questions=n)


# -- scans and pages ------------------------------------------------------------------

# JPEG: ~0.01 s to encode a 200-dpi letter page (~200-350 KiB); WebP is 3x smaller but
# ~40x slower to encode, which would double the time a batch takes.
SCAN_FORMAT = "jpg"


def encode_image(image: np.ndarray, fmt: str = SCAN_FORMAT, quality: int = 80) -> bytes:
    """Compressed bytes of a greyscale page, for the workspace (never a file)."""
    import cv2

    if fmt == "png":
        ok, buf = cv2.imencode(".png", image, [cv2.IMWRITE_PNG_COMPRESSION, 6])
    elif fmt == "webp":
        ok, buf = cv2.imencode(".webp", image, [cv2.IMWRITE_WEBP_QUALITY, quality])
    else:
        ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise ExamError(_("could not compress the scan"))
    return buf.tobytes()


def decode_image(data: bytes) -> np.ndarray:
    import cv2

    img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    if img is None:
        raise ExamError(_("the stored scan is damaged"))
    return img


def scan_image(ws: Workspace, scan_id: int) -> np.ndarray:
    with ws.read() as s:
        scan = s.get(ExamScan, scan_id)
        if scan is None:
            raise ExamError(_("that scan is no longer in the workspace"))
        return decode_image(scan.image)


def store_page(
    s: Session,
    exam: Exam,
    result: PageResult,
    image: bytes | None,
    *,
    source: str = "",
    image_format: str = SCAN_FORMAT,
    size: tuple[int, int] | None = None,
) -> ExamPage:
    """Store one read page (and its scan): scored with the exam's key, matched to a student."""
    scan_id = None
    if image is not None:
        w, h = size or (result.image_size or (0, 0))
        scan = ExamScan(exam_id=exam.id, source=source[-300:], page_index=max(result.page - 1, 0),
                        image_format=image_format, image=image, width=int(w), height=int(h))
        s.add(scan)
        s.flush()
        scan_id = scan.id
    key = AnswerKey.from_dict(exam.key)
    if result.status in (OK, REVIEW):
        score_page(result, key)
    # Keep only the file's name: folders can name a student or a teacher.
    if source:
        result.file = source
    row = ExamPage(exam_id=exam.id, scan_id=scan_id, result=stored_result(result), status=result.status,
                   sheet_page=result.sheet_page, read_student_id=result.student_id or "")
    s.add(row)
    s.flush()
    _match(s, exam, row, _roster(s, exam.section_id, current_only=False))
    row.status = page_status(row, result, key)
    return row


def stored_sources(s: Session, exam_id: int) -> set[tuple[str, int]]:
    """(file name, page) of every page already stored for the exam (to skip a second read)."""
    rows = s.execute(select(ExamPage.result).where(ExamPage.exam_id == exam_id)).scalars().all()
    return {(str(r.get("file", "")), int(r.get("page", 1))) for r in rows}


def _match(s: Session, exam: Exam, row: ExamPage, roster_: list[RosterStudent]) -> None:
    """Match a page's read ID to a student of the class; flag unknown and duplicate."""
    if row.status in (NOT_A_SHEET, ERROR):
        row.match, row.student_id = NONE, None
        return
    sid = row.read_student_id.strip()
    if not sid:
        row.match, row.student_id = MISSING, None
        return
    by_id = {r.local_id: r for r in roster_}
    hit = by_id.get(sid) or next((r for r in roster_ if r.local_id.lstrip("0") == sid.lstrip("0")), None)
    if hit is None:
        row.match, row.student_id = UNKNOWN, None
        return
    row.student_id = hit.id
    taken = s.scalars(
        select(ExamPage.id).where(
            ExamPage.exam_id == exam.id, ExamPage.student_id == hit.id, ExamPage.id != row.id,
            ExamPage.match.in_(RESOLVED_MATCHES),
            ExamPage.sheet_page == row.sheet_page,
        )
    ).first()
    row.match = DUPLICATE if taken is not None else MATCHED


def page_status(row: ExamPage, result: PageResult, key: AnswerKey) -> str:
    """ok when nothing is left for the teacher; review otherwise; not_a_sheet / error."""
    if row.match == DISCARDED:
        return DISCARDED
    if result.status in (NOT_A_SHEET, ERROR):
        return result.status
    if open_issues(result, key) or row.match not in RESOLVED_MATCHES:
        return REVIEW
    return OK


def open_issues(result: PageResult, key: AnswerKey) -> list[str]:
    """What is still undecided on a page (answers and version; the student is separate)."""
    issues = [f"q{a.number}" for a in result.answers if a.status == REVIEW]
    if result.status in (OK, REVIEW) and result.answers and key.for_version(result.version) is None:
        issues.append("version")
    if result.status == REVIEW and not result.answers:
        issues.append("page")  # registered too poorly to read; rescan
    return issues


def stored_result(result: PageResult) -> dict[str, Any]:
    """The page's result as saved: its review reasons as catalog messages (the English key
    with its values, app.core.stored_text), so they show in whatever language reads them."""
    saved = PageResult.from_dict(result.to_dict())  # the caller's copy stays in the user's language
    saved.reason = for_storage(saved.reason)
    for f in [*saved.answers, *saved.id_digits, *([saved.version_field] if saved.version_field else [])]:
        f.reason = for_storage(f.reason)
    return saved.to_dict()


def rescore_pages(s: Session, exam: Exam) -> None:
    """Score every page again with the exam's key (reading is never repeated)."""
    key = AnswerKey.from_dict(exam.key)
    for row in s.scalars(select(ExamPage).where(ExamPage.exam_id == exam.id)).all():
        result = PageResult.from_dict(row.result)
        if result.status in (OK, REVIEW):
            score_page(result, key)
            row.result = stored_result(result)
        row.status = page_status(row, result, key)


def pages(ws: Workspace, exam_id: int) -> list[PageRow]:
    with ws.read() as s:
        return _pages(s, exam_id)


def _pages(s: Session, exam_id: int, page_id: int | None = None) -> list[PageRow]:
    where = [ExamPage.exam_id == exam_id] + ([ExamPage.id == page_id] if page_id is not None else [])
    names = {
        st.id: (st.display_name, st.local_id)
        for st in s.scalars(select(Student).join(ExamPage, ExamPage.student_id == Student.id).where(*where)).all()
    }
    sources = dict(s.execute(
        select(ExamScan.id, ExamScan.source).join(ExamPage, ExamPage.scan_id == ExamScan.id).where(*where)
    ).all())
    out = []
    for row in s.scalars(select(ExamPage).where(*where).order_by(ExamPage.id)).all():
        name, local = names.get(row.student_id, ("", "")) if row.student_id else ("", "")
        out.append(PageRow(row.id, row.scan_id, PageResult.from_dict(row.result), row.status, row.match,
                           row.student_id, name, local, row.read_student_id, row.sheet_page,
                           sources.get(row.scan_id, "") if row.scan_id else ""))
    return out


def page(ws: Workspace, page_id: int) -> PageRow:
    with ws.read() as s:
        row = s.get(ExamPage, page_id)
        if row is None:
            raise ExamError(_("that page is no longer in the workspace"))
        return _pages(s, row.exam_id, page_id)[0]
