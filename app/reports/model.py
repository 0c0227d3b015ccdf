"""What one progress report says, as plain picklable data (built from the workspace by
``app.reports.data``, drawn by ``app.reports.progress_pdf``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class CategoryLine:
    name: str
    weight: float  # percent of the grade (0 in total-points mode)
    percent: float | None
    earned: float
    possible: float
    dropped: int = 0
    standards_mark: float | None = None
    counts: bool = True  # False: shown but left out of the grade (no weighted category)


@dataclass
class MissingWork:
    title: str
    due_date: dt.date | None
    points_possible: float


@dataclass
class WorkLine:
    """One assignment on a report: its score as it counts, and its flags."""

    title: str
    category: str
    due_date: dt.date | None
    points: float | None  # as entered (before a late penalty)
    possible: float
    counted_percent: float | None  # as it counts toward the grade; None = left out
    missing: bool = False
    late: bool = False
    excused: bool = False
    incomplete: bool = False
    extra_credit: bool = False
    dropped: bool = False


@dataclass
class ClassReport:
    section_id: int
    name: str  # course title or section name, as written
    teacher: str
    period: str = ""
    room: str = ""
    percent: float | None = None
    letter: str = ""
    standards_based: bool = False
    standards_mark: float | None = None
    mode: str = "weighted"
    categories: list[CategoryLine] = field(default_factory=list)
    trend: list[tuple[dt.date, float]] = field(default_factory=list)
    missing: list[MissingWork] = field(default_factory=list)
    comment: str = ""
    work: list[WorkLine] = field(default_factory=list)
    term_grades: list[tuple[str, float | None]] = field(default_factory=list)  # year reports
    scale: list[tuple[str, float]] = field(default_factory=list)  # letters and lowest percents


@dataclass
class AttendanceSummary:
    present: int = 0
    absent: int = 0
    tardy: int = 0
    excused: int = 0

    @property
    def days(self) -> int:
        return self.present + self.absent + self.tardy + self.excused

    @property
    def rate(self) -> float | None:
        """Share of recorded days the student was there (tardy counts as there)."""
        return (self.present + self.tardy) / self.days if self.days else None


@dataclass
class SchoolInfo:
    name: str
    address: str = ""
    phone: str = ""
    logo_png: bytes | None = None


@dataclass
class StudentReport:
    student_id: int
    student_name: str  # display name, as the school writes it
    sort_name: str
    local_id: str
    grade_level: str
    school: SchoolInfo
    period_name: str  # term name, or "to date"
    period_start: dt.date | None
    period_end: dt.date | None
    issued: dt.date
    language: str = "en"
    guardians: list[str] = field(default_factory=list)
    classes: list[ClassReport] = field(default_factory=list)
    attendance: AttendanceSummary = field(default_factory=AttendanceSummary)
    school_year: str = ""
