"""Bubble-sheet exams of a class: the exam and its key, scans, page results, review decisions.

Scans are stored as compressed image bytes inside the (encrypted) workspace, never as
files, so a teacher's decision can be checked later against the sheet itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, Float, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models.base import Base, utcnow


class Exam(Base):
    """One bubble-sheet exam given to one class (section)."""

    __tablename__ = "exam"

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("section.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    # The sheet's exam id (printed in the QR code); matches Template.exam_id.
    sheet_id: Mapped[str] = mapped_column(String(40), default="")
    questions: Mapped[int] = mapped_column(Integer, default=20)
    choices: Mapped[str] = mapped_column(String(20), default="ABCD")  # the choice labels
    versions: Mapped[int] = mapped_column(Integer, default=0)
    id_digits: Mapped[int] = mapped_column(Integer, default=6)
    points: Mapped[float] = mapped_column(Float, default=1.0)  # default points per question
    template: Mapped[dict[str, Any]] = mapped_column(default=dict)  # Template.to_dict()
    key: Mapped[dict[str, Any]] = mapped_column(default=dict)  # AnswerKey.to_dict()
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("assignment_category.id", ondelete="SET NULL")
    )
    assignment_id: Mapped[int | None] = mapped_column(ForeignKey("assignment.id", ondelete="SET NULL"))
    # What the exam last wrote to its gradebook column (see app.grading.exam_gradebook):
    # {"scores": {student id: [points, incomplete]}, "possible": points possible,
    #  "hand": [student ids the teacher edited by hand]}. Older workspaces hold a flat
    # {student id: points}. A score that differs from what was written, or that the
    # teacher touched, is the teacher's and is never written again.
    published: Mapped[dict[str, Any]] = mapped_column(default=dict)
    exam_date: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    def note_hand_edit(self, student_id: int) -> None:
        """The teacher edited this student's score in the exam's gradebook column: from now
        on it is theirs, even if they typed the very number the exam had written."""
        state = dict(self.published or {})
        if "scores" not in state:  # the older flat form
            state = {"scores": {k: [v, None] for k, v in state.items()}}
        hand = {str(x) for x in state.get("hand", [])}
        hand.add(str(student_id))
        state["hand"] = sorted(hand)
        self.published = state


class ExamScan(Base):
    """One scanned or photographed page, as compressed image bytes (JPEG; PNG/WebP readable too)."""

    __tablename__ = "exam_scan"

    id: Mapped[int] = mapped_column(primary_key=True)
    exam_id: Mapped[int] = mapped_column(ForeignKey("exam.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(300), default="")  # file name (no folder) or "camera"
    page_index: Mapped[int] = mapped_column(Integer, default=0)
    image_format: Mapped[str] = mapped_column(String(10), default="jpg")
    image: Mapped[bytes] = mapped_column(LargeBinary)
    width: Mapped[int] = mapped_column(Integer, default=0)
    height: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ExamPage(Base):
    """What the engine read on one scan (PageResult.to_dict()), and whose sheet it is."""

    __tablename__ = "exam_page"

    id: Mapped[int] = mapped_column(primary_key=True)
    exam_id: Mapped[int] = mapped_column(ForeignKey("exam.id", ondelete="CASCADE"))
    scan_id: Mapped[int | None] = mapped_column(ForeignKey("exam_scan.id", ondelete="SET NULL"))
    result: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(20), default="review")
    sheet_page: Mapped[int | None] = mapped_column(Integer)
    read_student_id: Mapped[str] = mapped_column(String(50), default="")  # as read (QR/grid)
    student_id: Mapped[int | None] = mapped_column(ForeignKey("student.id", ondelete="SET NULL"))
    # matched / unknown / duplicate / missing / teacher (matched by hand) / none (not a sheet)
    match: Mapped[str] = mapped_column(String(20), default="missing")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ExamReview(Base):
    """A teacher's decision on a flagged answer, version or student match."""

    __tablename__ = "exam_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    exam_id: Mapped[int] = mapped_column(ForeignKey("exam.id", ondelete="CASCADE"))
    page_id: Mapped[int | None] = mapped_column(ForeignKey("exam_page.id", ondelete="CASCADE"))
    target: Mapped[str] = mapped_column(String(30))  # q12 / version / student / key q12
    engine_value: Mapped[dict[str, Any]] = mapped_column(default=dict)
    chosen_value: Mapped[dict[str, Any]] = mapped_column(default=dict)
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")
