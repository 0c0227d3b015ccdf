"""The shared school data every feature builds on: people, classes, grades, attendance."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.store.models.base import Base, utcnow


class School(Base):
    __tablename__ = "school"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    timezone: Mapped[str] = mapped_column(String(64), default="America/Los_Angeles")
    logo_png: Mapped[bytes | None] = mapped_column(default=None)


class SchoolYear(Base):
    __tablename__ = "school_year"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("school.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)

    terms: Mapped[list[Term]] = relationship(
        back_populates="school_year", order_by="Term.start_date", cascade="all, delete-orphan"
    )

    __table_args__ = (CheckConstraint("end_date >= start_date", name="dates"),)


class Term(Base):
    """A term, semester or grading period; ``parent_id`` nests periods in a term."""

    __tablename__ = "term"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    school_year_id: Mapped[int] = mapped_column(ForeignKey("school_year.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("term.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20), default="term")  # term|semester|gradingPeriod
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)

    school_year: Mapped[SchoolYear] = relationship(back_populates="terms")

    __table_args__ = (CheckConstraint("end_date >= start_date", name="dates"),)


class Staff(Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(30), default="teacher")  # roster_service.STAFF_ROLES
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Languages the person speaks with families, as BCP 47 codes ("es", "vi"); English is
    # assumed. A conference with a family speaking one of them needs no interpreter.
    languages: Mapped[list[Any]] = mapped_column(JSON, default=list, server_default="[]")

    @property
    def display_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class Course(Base):
    __tablename__ = "course"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("school.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(50), default="")
    subject: Mapped[str] = mapped_column(String(100), default="")
    grade_levels: Mapped[str] = mapped_column(String(100), default="")


class Section(Base):
    """A class: one course taught to a group of students in a term."""

    __tablename__ = "section"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    course_id: Mapped[int | None] = mapped_column(ForeignKey("course.id", ondelete="SET NULL"))
    term_id: Mapped[int | None] = mapped_column(ForeignKey("term.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(50), default="")
    period: Mapped[str] = mapped_column(String(50), default="")
    room: Mapped[str] = mapped_column(String(50), default="")
    # Grading policy (missing counts as zero, late penalty, scale...) — see app.reports.
    policy: Mapped[dict[str, Any]] = mapped_column(default=dict)

    course: Mapped[Course | None] = relationship()
    term: Mapped[Term | None] = relationship()
    teachers: Mapped[list[SectionTeacher]] = relationship(
        back_populates="section", cascade="all, delete-orphan"
    )
    enrollments: Mapped[list[Enrollment]] = relationship(
        back_populates="section", cascade="all, delete-orphan"
    )
    categories: Mapped[list[AssignmentCategory]] = relationship(
        back_populates="section", cascade="all, delete-orphan", order_by="AssignmentCategory.id"
    )
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="section", cascade="all, delete-orphan", order_by="Assignment.due_date"
    )


class SectionTeacher(Base):
    __tablename__ = "section_teacher"

    section_id: Mapped[int] = mapped_column(
        ForeignKey("section.id", ondelete="CASCADE"), primary_key=True
    )
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), default="primary")

    section: Mapped[Section] = relationship(back_populates="teachers")
    staff: Mapped[Staff] = relationship()


class Student(Base):
    __tablename__ = "student"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    local_id: Mapped[str] = mapped_column(String(50), unique=True)
    given_name: Mapped[str] = mapped_column(String(100))
    middle_name: Mapped[str] = mapped_column(String(100), default="")
    family_name: Mapped[str] = mapped_column(String(100))
    preferred_name: Mapped[str] = mapped_column(String(100), default="")
    pronouns: Mapped[str] = mapped_column(String(30), default="")  # e.g. "she/her"
    grade_level: Mapped[str] = mapped_column(String(10), default="")
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    email: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    guardians: Mapped[list[StudentGuardian]] = relationship(
        back_populates="student", cascade="all, delete-orphan"
    )
    enrollments: Mapped[list[Enrollment]] = relationship(
        back_populates="student", cascade="all, delete-orphan"
    )

    @property
    def first_name(self) -> str:
        return self.preferred_name or self.given_name

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.family_name}".strip()

    @property
    def sort_name(self) -> str:
        return f"{self.family_name}, {self.first_name}"


class Guardian(Base):
    __tablename__ = "guardian"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    # BCP 47 tag ("es", "en", "vi"): the language of everything we send this family.
    preferred_language: Mapped[str] = mapped_column(String(20), default="en")

    @property
    def display_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class StudentGuardian(Base):
    __tablename__ = "student_guardian"

    student_id: Mapped[int] = mapped_column(
        ForeignKey("student.id", ondelete="CASCADE"), primary_key=True
    )
    guardian_id: Mapped[int] = mapped_column(
        ForeignKey("guardian.id", ondelete="CASCADE"), primary_key=True
    )
    relationship_: Mapped[str] = mapped_column("relationship", String(30), default="guardian")
    is_primary: Mapped[bool] = mapped_column(Boolean, default=True)
    receives_reports: Mapped[bool] = mapped_column(Boolean, default=True)

    student: Mapped[Student] = relationship(back_populates="guardians")
    guardian: Mapped[Guardian] = relationship()


class Enrollment(Base):
    __tablename__ = "enrollment"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("section.id", ondelete="CASCADE"))
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"))
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    # False once the district's file no longer lists it (or marks it tobedeleted): the
    # student leaves the class list, gradebook entry and new exams; grades are kept.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")

    section: Mapped[Section] = relationship(back_populates="enrollments")
    student: Mapped[Student] = relationship(back_populates="enrollments")

    __table_args__ = (UniqueConstraint("section_id", "student_id", name="section_student"),)


class AssignmentCategory(Base):
    __tablename__ = "assignment_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("section.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    weight: Mapped[float] = mapped_column(Float, default=0.0)  # percent of the grade
    drop_lowest: Mapped[int] = mapped_column(Integer, default=0)

    section: Mapped[Section] = relationship(back_populates="categories")

    __table_args__ = (UniqueConstraint("section_id", "name", name="section_name"),)


class Assignment(Base):
    __tablename__ = "assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("section.id", ondelete="CASCADE"))
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("assignment_category.id", ondelete="SET NULL")
    )
    term_id: Mapped[int | None] = mapped_column(ForeignKey("term.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    points_possible: Mapped[float] = mapped_column(Float, default=100.0)
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    extra_credit: Mapped[bool] = mapped_column(Boolean, default=False)
    # Where it came from: "manual", "omr" (a graded bubble-sheet exam), "import".
    origin: Mapped[str] = mapped_column(String(20), default="manual")

    section: Mapped[Section] = relationship(back_populates="assignments")
    category: Mapped[AssignmentCategory | None] = relationship()
    scores: Mapped[list[Score]] = relationship(
        back_populates="assignment", cascade="all, delete-orphan"
    )


class Score(Base):
    __tablename__ = "score"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id", ondelete="CASCADE"))
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"))
    points: Mapped[float | None] = mapped_column(Float)
    missing: Mapped[bool] = mapped_column(Boolean, default=False)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    excused: Mapped[bool] = mapped_column(Boolean, default=False)
    incomplete: Mapped[bool] = mapped_column(Boolean, default=False)
    comment: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    assignment: Mapped[Assignment] = relationship(back_populates="scores")
    student: Mapped[Student] = relationship()

    __table_args__ = (UniqueConstraint("assignment_id", "student_id", name="assignment_student"),)


class AttendanceRecord(Base):
    __tablename__ = "attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("student.id", ondelete="CASCADE"))
    section_id: Mapped[int | None] = mapped_column(ForeignKey("section.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10))  # present|absent|tardy|excused
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        UniqueConstraint("student_id", "section_id", "date", name="student_section_date"),
        CheckConstraint("status IN ('present','absent','tardy','excused')", name="status"),
    )


class AuditEntry(Base):
    """Who did what, when: every override and every change a user could later question."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str] = mapped_column(String(60), default="")
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Setting(Base):
    """Workspace-wide settings (school preferences that travel with the data)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(default=dict)
