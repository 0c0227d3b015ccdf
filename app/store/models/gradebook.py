"""Gradebook tables beyond the shared school schema: the comment bank, term comments and score notes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models.base import Base, utcnow


class CommentBankEntry(Base):
    """A reusable phrase with placeholders ({name}, {they}, {them}, {their}, ...).

    ``language`` is the language it is written in ("en", "es"); phrases that say the same
    thing in different languages share a ``phrase_key`` (app.reports.comments).
    """

    __tablename__ = "comment_bank"

    id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[str] = mapped_column(String(60), default="")
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    language: Mapped[str] = mapped_column(String(16), default="en", server_default="en")
    phrase_key: Mapped[str | None] = mapped_column(String(60), default=None)


class StudentTermComment(Base):
    """The teacher's free comment for one student in one class and term (printed as written)."""

    __tablename__ = "student_term_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"))
    section_id: Mapped[int] = mapped_column(ForeignKey("section.id", ondelete="CASCADE"))
    term_id: Mapped[int | None] = mapped_column(ForeignKey("term.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __table_args__ = (
        UniqueConstraint("student_id", "section_id", "term_id", name="student_section_term"),
    )


class ScoreNote(Base):
    """The teacher's note on one student's score for one assignment ("redo after tutoring").

    Kept apart from ``score`` so a note survives the score being cleared or rewritten by
    an exam; it goes when the assignment or the student goes.
    """

    __tablename__ = "score_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id", ondelete="CASCADE"))
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __table_args__ = (UniqueConstraint("assignment_id", "student_id", name="score_note_assignment_student"),)
