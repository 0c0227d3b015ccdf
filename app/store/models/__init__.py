"""Every table of a workspace. Feature modules add their own files here and are imported
below so that ``Base.metadata`` knows the whole schema."""

from app.store.models import calendar as calendar  # noqa: F401  (calendars, conferences)
from app.store.models import exams as exams  # noqa: F401  (bubble-sheet exams, scans, reviews)
from app.store.models import gradebook as gradebook  # noqa: F401  (comment bank, term comments)
from app.store.models import timetable as timetable  # noqa: F401  (timetables and placements)
from app.store.models.base import Base, utcnow
from app.store.models.school import (
    Assignment,
    AssignmentCategory,
    AttendanceRecord,
    AuditEntry,
    Course,
    Enrollment,
    Guardian,
    School,
    SchoolYear,
    Score,
    Section,
    SectionTeacher,
    Setting,
    Staff,
    Student,
    StudentGuardian,
    Term,
)

__all__ = [
    "Assignment",
    "AssignmentCategory",
    "AttendanceRecord",
    "AuditEntry",
    "Base",
    "Course",
    "Enrollment",
    "Guardian",
    "School",
    "SchoolYear",
    "Score",
    "Section",
    "SectionTeacher",
    "Setting",
    "Staff",
    "Student",
    "StudentGuardian",
    "Term",
    "utcnow",
]
