"""Bubble-sheet exams as use cases: what the CLI and the app both call, and nothing else.

Each function takes the workspace and plain arguments, runs one transaction with its
audit entry, and returns a :class:`Done` — its result and the :class:`Changes` it made.
Every change to an exam's sheets or key brings its gradebook column up to date in the
same transaction with the one rule of :mod:`app.grading.exam_gradebook` (a score or
category the teacher set by hand is never overwritten; sheets in review give provisional
scores; the column keeps its category, term and due date).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.changes import Changes, Done
from app.core.i18n import N_, _
from app.grading import exam_review, exam_store
from app.grading.exam_gradebook import (
    GradebookStatus,
    Published,
    SyncReport,
    gradebook_status,
    publish_in,
    sync_scores,
)
from app.grading.exam_scan import ReadPage
from app.grading.exam_store import ExamError, apply_key, exam_in, store_page
from app.grading.keys import AnswerKey
from app.grading.template import Template
from app.store import Workspace, audit
from app.store.lookup import resolve_class
from app.store.models import Assignment, Enrollment, Section, Student
from app.store.models.exams import Exam, ExamScan

EXAM_CHANGES = Changes.EXAMS | Changes.GRADEBOOK


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Any = _Unchanged()
"""Default of :func:`update_exam`'s fields: leave this one as it is."""


def _actor(ws: Workspace, actor: str | None) -> str:
    return actor or ws.actor


def _changes(report: SyncReport) -> Changes:
    return EXAM_CHANGES if report.published else Changes.EXAMS


# -- the exam itself ------------------------------------------------------------------

def create_exam(ws: Workspace, section_id: int, title: str, **options: Any) -> Done[int]:
    """A new exam of a class (see :func:`app.grading.exam_store.create_exam` for options)."""
    return Done(exam_store.create_exam(ws, section_id, title, **options), Changes.EXAMS)


def update_exam(
    ws: Workspace,
    exam_id: int,
    *,
    title: str = UNCHANGED,
    category_id: int | None = UNCHANGED,
    exam_date: dt.date | None = UNCHANGED,
    actor: str | None = None,
) -> Done[None]:
    """Change what the teacher changed on the exam, and only that.

    Once the exam is published its category and date are the gradebook column's: a
    different value given here is the teacher's explicit choice and goes to the column
    too; the same value (or ``UNCHANGED``) touches nothing.
    """
    with ws.session() as s:
        exam = exam_in(s, exam_id)
        column = s.get(Assignment, exam.assignment_id) if exam.assignment_id is not None else None
        before: dict[str, object] = {}
        if title is not UNCHANGED and title.strip() and title.strip() != exam.title:
            before["title"] = exam.title
            if column is not None and column.title == exam.title:
                column.title = title.strip()  # renamed by the teacher in the gradebook: theirs
            exam.title = title.strip()
        current_cat = column.category_id if column is not None else exam.category_id
        if category_id is not UNCHANGED and category_id != current_cat:
            if category_id is not None and category_id not in {
                c.id for c in s.scalars(select(Section).where(Section.id == exam.section_id)).one().categories
            }:
                raise ExamError(_("That category is not one of this class's categories."))
            if column is not None and category_id is None and _has_categories(s, exam.section_id):
                raise ExamError(_("The exam's gradebook column needs a category: without one its scores would "
                                "not count in the class's weighted grade."))
            before["category_id"] = current_cat
            exam.category_id = category_id
            if column is not None:
                column.category_id = category_id
        current_date = column.due_date if column is not None else exam.exam_date
        if exam_date is not UNCHANGED and exam_date != current_date:
            before["exam_date"] = str(current_date)
            exam.exam_date = exam_date
            if column is not None and exam_date is not None:
                column.due_date = exam_date
        if before:
            audit.record(s, _actor(ws, actor), "exam.update", "exam", exam_id, title=exam.title,
                         before={k: str(v) for k, v in before.items()})
        changed = Changes.EXAMS | (Changes.GRADEBOOK if column is not None else Changes.NONE)
        return Done(None, changed if before else Changes.NONE)


def _has_categories(s: Session, section_id: int) -> bool:
    section = s.get(Section, section_id)
    return bool(section and section.categories)


def delete_exam(ws: Workspace, exam_id: int, actor: str | None = None) -> Done[None]:
    """Delete an exam with its scans; a published gradebook column stays with its scores."""
    exam_store.delete_exam(ws, exam_id, actor)
    return Done(None, Changes.EXAMS)


def set_template(ws: Workspace, exam_id: int, template: Template, actor: str | None = None) -> Done[None]:
    exam_store.set_template(ws, exam_id, template, actor)
    return Done(None, Changes.EXAMS)


# -- keys -----------------------------------------------------------------------------

def save_key(ws: Workspace, exam_id: int, key: AnswerKey, actor: str | None = None, *,
             note: str = "") -> Done[SyncReport]:
    """Store a new key, re-score every page and bring the gradebook column up to date."""
    with ws.session() as s:
        exam = exam_in(s, exam_id)
        apply_key(s, exam, key, _actor(ws, actor), note=note)
        report = sync_scores(s, exam)
        return Done(report, _changes(report))


def _key_of(ws: Workspace, exam_id: int) -> AnswerKey:
    with ws.read() as s:
        return AnswerKey.from_dict(exam_in(s, exam_id).key)


def rekey_question(ws: Workspace, exam_id: int, question: int, correct: list[str], version: str | None = None,
                   actor: str | None = None) -> Done[SyncReport]:
    key = _key_of(ws, exam_id)
    key.rekey(question, [c.upper() for c in correct], version)
    return save_key(ws, exam_id, key, actor, note=N_("re-key question {question} to {correct}").format(question=question, correct="".join(correct)))


def drop_question(ws: Workspace, exam_id: int, question: int, actor: str | None = None) -> Done[SyncReport]:
    key = _key_of(ws, exam_id)
    key.drop(question)
    return save_key(ws, exam_id, key, actor, note=N_("drop question {question}").format(question=question))


# -- scans ----------------------------------------------------------------------------

@dataclass
class AddedPages:
    page_ids: list[int] = field(default_factory=list)
    skipped: int = 0  # the very same scan was already stored
    report: SyncReport = field(default_factory=SyncReport)


def add_page(ws: Workspace, exam_id: int, page: ReadPage, *, sync: bool = True) -> Done[int]:
    """Store one read page; with ``sync`` (the default) the gradebook follows at once.

    A long batch may pass ``sync=False`` and call :func:`sync_gradebook` once at the end.
    """
    with ws.session() as s:
        exam = exam_in(s, exam_id)
        row = store_page(s, exam, page.result, page.image, source=page.source, image_format=page.image_format,
                         size=page.size)
        if not sync:
            return Done(row.id, Changes.EXAMS)
        return Done(row.id, _changes(sync_scores(s, exam)))


def add_pages(ws: Workspace, exam_id: int, pages: Sequence[ReadPage], *, skip_stored: bool = True,
              actor: str | None = None) -> Done[AddedPages]:
    """Store a batch of read pages in one transaction, then bring the gradebook up to date.

    With ``skip_stored`` a scan whose image is byte for byte one already stored (the same
    file graded again) is not stored twice, so grading a folder again adds only new sheets.
    """
    out = AddedPages()
    with ws.session() as s:
        exam = exam_in(s, exam_id)
        seen = _stored_images(s, exam_id, pages) if skip_stored else set()
        for page in pages:
            if page.image is not None and page.image in seen:
                out.skipped += 1
                continue
            if page.image is not None:
                seen.add(page.image)
            out.page_ids.append(store_page(s, exam, page.result, page.image, source=page.source,
                                           image_format=page.image_format, size=page.size).id)
        out.report = sync_scores(s, exam)
        audit.record(s, _actor(ws, actor), "exam.scan", "exam", exam_id, pages=len(out.page_ids),
                     skipped=out.skipped)
        return Done(out, _changes(out.report))


def _stored_images(s: Session, exam_id: int, pages: Sequence[ReadPage]) -> set[bytes]:
    sizes = {len(p.image) for p in pages if p.image is not None}
    if not sizes:
        return set()
    rows = s.scalars(select(ExamScan.image).where(ExamScan.exam_id == exam_id,
                                                  func.length(ExamScan.image).in_(sizes)))
    return set(rows)


def sync_gradebook(ws: Workspace, exam_id: int) -> Done[SyncReport]:
    """Bring the published scores up to date (after pages stored with ``sync=False``)."""
    with ws.session() as s:
        report = sync_scores(s, exam_in(s, exam_id))
        return Done(report, _changes(report))


# -- review decisions -----------------------------------------------------------------

def decide_answer(ws: Workspace, exam_id: int, page_id: int, question: int, marked: list[str],
                  actor: str | None = None) -> Done[SyncReport]:
    report = exam_review.decide_answer(ws, exam_id, page_id, question, marked, actor)
    return Done(report, _changes(report))


def decide_version(ws: Workspace, exam_id: int, page_id: int, version: str,
                   actor: str | None = None) -> Done[SyncReport]:
    report = exam_review.decide_version(ws, exam_id, page_id, version, actor)
    return Done(report, _changes(report))


def match_student(ws: Workspace, exam_id: int, page_id: int, student_id: int,
                  actor: str | None = None) -> Done[SyncReport]:
    report = exam_review.match_student(ws, exam_id, page_id, student_id, actor)
    return Done(report, _changes(report))


def discard_page(ws: Workspace, exam_id: int, page_id: int, actor: str | None = None) -> Done[SyncReport]:
    report = exam_review.discard_page(ws, exam_id, page_id, actor)
    return Done(report, _changes(report))


# -- the gradebook --------------------------------------------------------------------

def publish(
    ws: Workspace,
    exam_id: int,
    *,
    category_id: int | None = None,
    new_category: str | None = None,
    due_date: dt.date | None = None,
    actor: str | None = None,
) -> Done[Published]:
    """Put the exam's scores in the gradebook; from then on they follow every change.

    The first time creates the column in ``category_id`` (or a first category named
    ``new_category`` for a class that has none); a class with categories must get one.
    Publishing again changes neither category nor due date.
    """
    with ws.session() as s:
        exam = exam_in(s, exam_id)
        done = publish_in(s, exam, category_id=category_id, new_category=new_category, due_date=due_date)
        audit.record(s, _actor(ws, actor), "exam.publish", "exam", exam.id, assignment_id=done.assignment_id,
                     created=done.created, final=done.report.final, provisional=done.report.provisional,
                     kept=len(done.report.kept))
        return Done(done, EXAM_CHANGES)


@dataclass(frozen=True)
class CategoryChoice:
    id: int
    name: str
    weight: float


def categories(ws: Workspace, section_id: int) -> list[CategoryChoice]:
    """The class's gradebook categories, for choosing an exam column's category."""
    with ws.read() as s:
        section = s.get(Section, section_id)
        return [CategoryChoice(c.id, c.name, c.weight) for c in (section.categories if section else [])]


def status(ws: Workspace, exam_id: int) -> GradebookStatus:
    """What of the exam is in the gradebook, and what is pending."""
    return gradebook_status(ws, exam_id)


# -- the command line's `grade --assignment` -------------------------------------------

@dataclass
class GradedIntoGradebook:
    """What ``grade … --assignment NAME`` did, for its closing lines."""

    exam_id: int
    class_name: str
    title: str
    created_exam: bool
    rekeyed: bool
    added: AddedPages
    status: GradebookStatus
    unknown_ids: list[str] = field(default_factory=list)


def find_class_for(s: Session, cls: str | None, student_ids: Sequence[str]) -> Section:
    """The class named by ``cls``, else the class most of these (read) student IDs share."""
    if cls:
        return resolve_class(s, cls)
    wanted = {x.strip() for x in student_ids if x and x.strip()}
    rows = s.execute(select(Enrollment.section_id, Student.local_id).join(Student, Student.id == Enrollment.student_id)
                     .where(Student.local_id.in_(wanted))).all() if wanted else []
    votes = Counter(section_id for section_id, _local_id in rows)
    if not votes:
        raise ExamError(_("No graded student ID matches a student of any class."),
                        fix=_("Check the IDs, or name the class with --class."))
    section = s.get(Section, votes.most_common(1)[0][0])
    assert section is not None
    return section


def grade_into_gradebook(
    ws: Workspace,
    *,
    title: str,
    template: Template,
    pages: Sequence[ReadPage],
    key: AnswerKey | None = None,
    cls: str | None = None,
    category: str | None = None,
    actor: str | None = None,
) -> Done[GradedIntoGradebook]:
    """Store graded sheets as the exam ``title`` of a class and publish it: the CLI's path.

    The same exam is found again by its title in the class, so grading a folder again
    adds only new sheets, a changed key re-scores every sheet, and the gradebook column
    follows with the same rule as the app (hand edits stay; sheets in review give
    provisional scores; the column keeps its category, term and due date).
    """
    title = title.strip()
    if not title:
        raise ExamError(_("Give the assignment a name (e.g. --assignment 'Unit 3 Quiz')."))
    with ws.read() as s:
        section = find_class_for(s, cls, [p.result.student_id or "" for p in pages])
        section_id, class_name = section.id, section.name
        exam = _exam_titled(s, section_id, title)
        exam_id = exam.id if exam is not None else None
        title = exam.title if exam is not None else title  # as the teacher first wrote it
        if exam is not None and template.exam_id and exam.sheet_id and exam.sheet_id != template.exam_id:
            raise ExamError(_("The exam '{title}' of {class_name} uses other sheets (exam {sheet_id}, this template is {exam_id}).").format(title=exam.title, class_name=class_name, sheet_id=exam.sheet_id, exam_id=template.exam_id),
                            fix=_("Give another --assignment name for these sheets."))
        old_key = AnswerKey.from_dict(exam.key) if exam is not None else None
        if exam is not None or _old_column(s, section_id, title) is None:
            _check_category(section, exam, category)
        roster_ids = {st.local_id for st in s.scalars(
            select(Student).join(Enrollment, Enrollment.student_id == Student.id)
            .where(Enrollment.section_id == section_id))}
    created = exam_id is None
    if exam_id is None:
        if key is None:
            raise ExamError(_("A new exam needs its answer key."), fix=_("Give --key KEY.csv (or a scan of a key sheet)."))
        exam_id = _create_from_template(ws, section_id, title, template, key, actor)
    rekeyed = False
    if key is not None and old_key is not None and key.to_dict() != old_key.to_dict():
        save_key(ws, exam_id, key, actor, note=N_("new key from the command line"))
        rekeyed = True
    added = add_pages(ws, exam_id, pages, actor=actor).value
    with ws.read() as s:
        has_column = exam_in(s, exam_id).assignment_id is not None
    if not has_column and not _adopt_old_column(ws, exam_id, actor):
        with ws.read() as s:
            category_id, new_name = _category_named(s, section_id, category)
        publish(ws, exam_id, category_id=category_id, new_category=new_name, actor=actor)
    unknown = sorted({p.result.student_id for p in pages if p.result.student_id
                      and p.result.student_id not in roster_ids})
    result = GradedIntoGradebook(exam_id, class_name, title, created, rekeyed, added, status(ws, exam_id), unknown)
    return Done(result, EXAM_CHANGES)


def check_grade_into_gradebook(ws: Workspace, *, title: str, cls: str, category: str | None) -> None:
    """Before reading a batch: fail now if the class is unknown or a category must be named."""
    with ws.read() as s:
        section = resolve_class(s, cls)
        exam = _exam_titled(s, section.id, title.strip())
        if exam is not None or _old_column(s, section.id, title.strip()) is None:
            _check_category(section, exam, category)


def _check_category(section: Section, exam: Exam | None, category: str | None) -> None:
    if (exam is None or exam.assignment_id is None) and not category and len(section.categories) > 1:
        names = ", ".join(f"'{c.name}'" for c in section.categories)
        likely = next((c.name for c in section.categories
                       if any(w in c.name.casefold() for w in ("test", "exam", "quiz", "prueba", "examen"))),
                      section.categories[0].name)
        raise ExamError(_("{name} weighs its grade by category ({names}); its exams need one.").format(name=section.name, names=names),
                        fix=_("Name it with --category, e.g. --category '{likely}'.").format(likely=likely), exit_code=2)


def _adopt_old_column(ws: Workspace, exam_id: int, actor: str | None) -> bool:
    """Earlier versions of ``grade --assignment`` wrote an ``omr`` column with no exam behind
    it. Graded again, the exam takes that column over (its category, term and due date
    stay) instead of adding a second one; the scores already in it count as the teacher's."""
    with ws.session() as s:
        exam = exam_in(s, exam_id)
        old = _old_column(s, exam.section_id, exam.title)
        if old is None:
            return False
        exam.assignment_id, exam.published, exam.category_id = old.id, {}, old.category_id
        report = sync_scores(s, exam)
        audit.record(s, _actor(ws, actor), "exam.publish", "exam", exam.id, assignment_id=old.id, created=False,
                     adopted=True, final=report.final, provisional=report.provisional, kept=len(report.kept))
        return True


def _old_column(s: Session, section_id: int, title: str) -> Assignment | None:
    """An ``omr`` column of the class titled ``title`` that no exam stands behind."""
    linked = set(s.scalars(select(Exam.assignment_id).where(Exam.assignment_id.is_not(None))))
    columns = s.scalars(select(Assignment).where(Assignment.section_id == section_id, Assignment.origin == "omr")
                        .order_by(Assignment.id))
    return next((a for a in columns if a.id not in linked and a.title.casefold() == title.casefold()), None)


def _exam_titled(s: Session, section_id: int, title: str) -> Exam | None:
    exams = s.scalars(select(Exam).where(Exam.section_id == section_id).order_by(Exam.id)).all()
    return next((e for e in exams if e.title.casefold() == title.casefold()), None)


def _category_named(s: Session, section_id: int, name: str | None) -> tuple[int | None, str | None]:
    """(an existing category's id, or the name of a first one to create) for ``--category``."""
    section = s.get(Section, section_id)
    cats = list(section.categories) if section else []
    if not name:
        if len(cats) == 1:
            return cats[0].id, None  # the class's only category: nothing to choose
        return None, None  # publish says which categories there are to choose from
    same = [c for c in cats if c.name.casefold() == name.strip().casefold()]
    if same:
        return same[0].id, None
    return None, name


def _create_from_template(ws: Workspace, section_id: int, title: str, template: Template, key: AnswerKey,
                          actor: str | None) -> int:
    fields = template.questions()
    with ws.session() as s:
        if s.get(Section, section_id) is None:
            raise ExamError(_("That class no longer exists; choose another class."))
        exam = Exam(section_id=section_id, title=title, sheet_id=template.exam_id,
                    questions=template.question_count(), choices="".join(fields[0].choices) if fields else "ABCD",
                    versions=len(template.version_labels()), id_digits=template.id_digits(),
                    points=1.0, template=template.to_dict(), key=key.to_dict())
        s.add(exam)
        s.flush()
        audit.record(s, _actor(ws, actor), "exam.create", "exam", exam.id, title=title, section_id=section_id,
                     questions=exam.questions, versions=exam.versions, source="command line")
        return exam.id


__all__ = [
    "UNCHANGED", "AddedPages", "CategoryChoice", "Done", "GradebookStatus", "GradedIntoGradebook", "Published", "SyncReport",
    "add_page", "add_pages", "categories", "check_grade_into_gradebook", "create_exam", "decide_answer", "decide_version", "delete_exam", "discard_page",
    "drop_question", "find_class_for", "grade_into_gradebook", "match_student", "publish", "rekey_question",
    "save_key", "set_template", "status", "sync_gradebook", "update_exam",
]
