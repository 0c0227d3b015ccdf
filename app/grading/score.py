"""Scoring read pages with a key, and combining an exam's pages per student.

Answers that need review earn nothing *yet*: the page keeps status ``review`` and its
score is provisional until a teacher decides. Rescoring (after a drop or a re-key) is
just scoring again — reading is never repeated.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.i18n import _
from app.grading.keys import AnswerKey, KeyItem
from app.grading.results import BLANK, MULTIPLE, OK, REVIEW, FieldRead, PageResult


def score_answer(a: FieldRead, item: KeyItem | None) -> None:
    if item is None:
        a.points, a.max_points, a.correct = None, None, None
        return
    a.dropped = item.dropped
    if item.dropped:
        a.points, a.max_points, a.correct = 0.0, 0.0, None
        return
    a.max_points = item.points
    if a.status == REVIEW:
        a.points, a.correct = None, None
        return
    marked = set(a.marked)
    fraction = 0.0
    if a.status == BLANK or not marked:
        fraction = 0.0
    elif item.rule == "all":
        fraction = 1.0 if marked == set(item.correct) else 0.0
    elif marked <= set(item.correct):
        fraction = 1.0
    elif a.status == OK and len(marked) == 1:
        fraction = item.partial.get(next(iter(marked)), 0.0)
    a.points = round(item.points * fraction, 4)
    a.correct = fraction >= 1.0


def score_page(page: PageResult, key: AnswerKey) -> PageResult:
    """Score ``page`` in place (and return it). Pages not read are left unscored."""
    if page.status not in (OK, REVIEW) or not page.answers:
        return page
    items = key.for_version(page.version)
    if items is None:
        page.score = page.max_score = None
        problem = (
            _("no key for version {version}").format(version=page.version) if page.version else _("version unknown; cannot choose a key")
        )
        page.status = REVIEW
        if problem not in page.reason:
            page.reason = "; ".join(filter(None, [page.reason, problem]))
        for a in page.answers:
            a.points = a.max_points = a.correct = None
        return page
    for a in page.answers:
        score_answer(a, items.get(a.number))
    page.score = round(sum(a.points or 0.0 for a in page.answers), 4)
    page.max_score = round(sum(a.max_points or 0.0 for a in page.answers), 4)
    return page


def rescore(pages: list[PageResult], key: AnswerKey) -> list[PageResult]:
    """Score every page again (after dropping or re-keying questions)."""
    for p in pages:
        score_page(p, key)
    return pages


@dataclass
class StudentExam:
    """All pages of one student's exam combined."""

    student_id: str
    version: str | None
    score: float
    max_score: float
    answers: dict[int, FieldRead] = field(default_factory=dict)
    pages: list[PageResult] = field(default_factory=list)
    needs_review: bool = False
    problems: list[str] = field(default_factory=list)


def combine_by_student(pages: list[PageResult]) -> tuple[list[StudentExam], list[PageResult]]:
    """(exams per student ID, pages without a student ID). Read pages only."""
    exams: dict[str, StudentExam] = {}
    orphans: list[PageResult] = []
    for p in pages:
        if p.status not in (OK, REVIEW):
            continue
        if not p.student_id:
            orphans.append(p)
            continue
        ex = exams.setdefault(p.student_id, StudentExam(p.student_id, p.version, 0.0, 0.0))
        if any(q.sheet_page == p.sheet_page for q in ex.pages):
            ex.problems.append(f"page {p.sheet_page} scanned twice ({p.file} page {p.page})")
            ex.needs_review = True
            continue
        ex.pages.append(p)
        ex.version = ex.version or p.version
        ex.needs_review = ex.needs_review or p.status == REVIEW or p.score is None
        for a in p.answers:
            ex.answers[a.number] = a
    for ex in exams.values():
        ex.score = round(sum(a.points or 0.0 for a in ex.answers.values()), 4)
        ex.max_score = round(sum(a.max_points or 0.0 for a in ex.answers.values()), 4)
    return sorted(exams.values(), key=lambda e: e.student_id), orphans


__all__ = ["MULTIPLE", "StudentExam", "combine_by_student", "rescore", "score_answer", "score_page"]
