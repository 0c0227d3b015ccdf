"""Hand-made report data (no database) for PDF tests."""

from __future__ import annotations

import datetime as dt

from app.reports.model import (
    AttendanceSummary,
    CategoryLine,
    ClassReport,
    MissingWork,
    SchoolInfo,
    StudentReport,
)

NAMES = ["José Álvarez", "Nguyễn Thị Lan", "Zoë Brontë", "Siobhán Ó Briain", "Ørsted Ødegård"]


def sample_report(name: str = "José Álvarez", language: str = "en", classes: int = 4) -> StudentReport:
    start = dt.date(2026, 8, 17)
    titles = ["Mathematics 7", "English Language Arts 7", "Science 7", "World History", "Art", "Physical Education",
              "Spanish I", "Music", "Computer Science", "Health"]
    teachers = ["Ms. Siobhán Kelly", "Mr. Nguyễn Văn Minh", "Dr. Zoë Ørsted", "Mr. José Pérez"]
    out = []
    for i in range(classes):
        trend = [(start + dt.timedelta(days=7 * w + i), 70 + (w * 3 + i * 5) % 25) for w in range(9)]
        out.append(ClassReport(
            section_id=i + 1,
            name=titles[i % len(titles)],
            teacher=teachers[i % len(teachers)],
            period=str(i + 1),
            room=f"{100 + i}",
            percent=trend[-1][1] + 0.25,
            letter=["B+", "A-", "C", "B"][i % 4],
            categories=[
                CategoryLine("Homework", 30, 88.5, 177, 200, dropped=1 if i == 0 else 0),
                CategoryLine("Quizzes", 30, 81.25, 65, 80),
                CategoryLine("Tests", 40, 84.0, 84, 100),
            ],
            trend=trend,
            missing=[MissingWork("Fractions worksheet 3", start + dt.timedelta(days=30), 10)] if i in (0, 2) else [],
            comment=("José works hard and asks good questions. Keep practising fractions!" if i == 0 else
                     "Excelente participación en clase." if i == 1 else ""),
        ))
    return StudentReport(
        student_id=1, student_name=name, sort_name=name, local_id="S00042", grade_level="7",
        school=SchoolInfo("Roosevelt Middle School", "1200 Ocean Ave, Santa Mónica, CA 90401", "(310) 555-0100"),
        period_name="Fall Term 2026", period_start=start, period_end=dt.date(2026, 12, 18),
        issued=dt.date(2026, 10, 23), language=language, guardians=["María Álvarez"],
        classes=out, attendance=AttendanceSummary(present=44, absent=2, tardy=3, excused=1),
        school_year="2026–2027",
    )
