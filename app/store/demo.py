"""A realistic demo workspace: a school year, classes, students, families, grades.

Used by ``teacherdesk demo`` and ``teacherdesk --demo``, by tests and by benchmarks. The
people are invented but their names are the real-world mix a US school has (José
Ramírez, Nguyễn Thị Lan, Zoë O'Brien, Siobhán Murphy, Mohammed Al-Sayed, Freja Ørsted),
so every screen and PDF is exercised with accents, diacritics and apostrophes.

Features add their own demo data (holidays, counselor events, exams...) with an
``extend_demo(session, rng, info)`` function passed in ``extensions``; it runs in the same
transaction. The store names no feature: the whole school's demo, with every feature's
extension, is :func:`app.scheduling.demo.build_demo`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.core.i18n import _
from app.paths import asset
from app.store.database import CreatedWorkspace, Workspace, create_workspace
from app.store.models import (
    Assignment,
    AssignmentCategory,
    AttendanceRecord,
    Course,
    Enrollment,
    Guardian,
    School,
    SchoolYear,
    Score,
    Section,
    SectionTeacher,
    Staff,
    Student,
    StudentGuardian,
    Term,
)

DemoExtension = Callable[[Session, random.Random, "DemoInfo"], Any]

SUBJECTS = [
    ("Mathematics", "MATH", "Math"),
    ("English Language Arts", "ELA", "English"),
    ("Science", "SCI", "Science"),
    ("Social Studies", "SS", "Social Studies"),
    ("Spanish", "SPAN", "Spanish I"),
]
CATEGORIES = [("Homework", 20.0, 1), ("Quizzes", 30.0, 0), ("Tests", 40.0, 0), ("Participation", 10.0, 0)]
# (category, title, points, weeks after term start)
PLAN = [
    ("Homework", "Homework 1", 10, 1), ("Homework", "Homework 2", 10, 2),
    ("Quizzes", "Quiz 1", 20, 3), ("Homework", "Homework 3", 10, 4),
    ("Tests", "Unit 1 Test", 100, 5), ("Homework", "Homework 4", 10, 6),
    ("Quizzes", "Quiz 2", 20, 7), ("Homework", "Homework 5", 10, 8),
    ("Participation", "Participation (Q1)", 10, 9), ("Homework", "Homework 6", 10, 10),
    ("Quizzes", "Quiz 3", 20, 11), ("Tests", "Unit 2 Test", 100, 12),
    ("Homework", "Homework 7", 10, 13), ("Tests", "Unit 3 Test", 100, 16),
]
NICKNAMES = {"Alejandro": "Alex", "Sebastián": "Sebas", "Nicolás": "Nico", "Benjamin": "Ben",
             "Abdirahman": "Abdi", "Valentina": "Vale", "Elijah": "Eli", "Alexander": "Xander"}
FEMALE_PRONOUNS, MALE_PRONOUNS, NEUTRAL_PRONOUNS = "she/her", "he/him", "they/them"


@dataclass
class DemoInfo:
    """What extensions may need to know about the demo just built."""

    school_id: int
    school_year_id: int
    term_ids: list[int]
    today: dt.date
    student_ids: list[int] = field(default_factory=list)
    staff_ids: list[int] = field(default_factory=list)
    section_ids: list[int] = field(default_factory=list)
    holidays: list[tuple[dt.date, dt.date, str]] = field(default_factory=list)


GUARDIAN_GIVEN = {
    "es": ["Rosa", "Miguel", "Alejandra", "Francisco", "Adriana", "Ricardo", "Marisol", "Arturo"],
    "vi": ["Thị Mai", "Văn Long", "Thị Thu", "Văn Tuấn", "Thị Hằng", "Minh Quân"],
    "ar": ["Huda", "Tariq", "Samira", "Bilal", "Rana", "Walid"],
    "ko": ["Soo-jin", "Jae-won", "Hye-jin", "Sung-min"],
    "zh": ["Jing", "Hao", "Yan", "Jun"],
    "so": ["Asha", "Abdullahi", "Sahra", "Mahad"],
    "pt": ["Ana Paula", "Rodrigo", "Fernanda", "Marcelo"],
    "en": ["Laura", "Kevin", "Megan", "Brian", "Nicole", "Chris", "Rachel", "Jason", "Erin", "Matt"],
}


def _split_guardian(family_name: str, full: str) -> tuple[str, str]:
    """(given, family) of a guardian's listed name, for name orders that differ."""
    parts = full.split(" ")
    if family_name in ("Kim", "Chen", "Yamamoto") or full.startswith(("Nguyễn ", "Trần ", "Lê ", "Zhang ")):
        return " ".join(parts[1:]), parts[0]  # family name first
    return " ".join(parts[:-1]), parts[-1]


def _pick_family(rng: random.Random, families: list[dict[str, Any]], used: set[tuple[str, str]]) -> dict[str, Any]:
    """A family template that still has unused first names (else any)."""
    for _attempt in range(40):
        fam = families[rng.randrange(len(families))]
        if any((n, fam["family"]) not in used for n in fam["given_f"] + fam["given_m"]):
            return fam
    return families[rng.randrange(len(families))]


def school_year_bounds(today: dt.date) -> tuple[int, dt.date, dt.date]:
    start_year = today.year if today.month >= 8 else today.year - 1
    start = _nth_weekday(start_year, 8, 0, 3)  # third Monday of August
    end = dt.date(start_year + 1, 6, 4)
    return start_year, start, end


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (n - 1))


def us_holidays(start_year: int) -> list[tuple[dt.date, dt.date, str]]:
    """The usual US school breaks of a school year (inclusive date ranges)."""
    y, y1 = start_year, start_year + 1
    thanksgiving = _nth_weekday(y, 11, 3, 4)
    spring = _nth_weekday(y1, 3, 0, 4)
    return [
        (_nth_weekday(y, 9, 0, 1),) * 2 + ("Labor Day",),
        (dt.date(y, 11, 11),) * 2 + ("Veterans Day",),
        (thanksgiving - dt.timedelta(days=1), thanksgiving + dt.timedelta(days=1), "Thanksgiving Break"),
        (dt.date(y, 12, 21), dt.date(y1, 1, 1), "Winter Break"),
        (_nth_weekday(y1, 1, 0, 3),) * 2 + ("Martin Luther King Jr. Day",),
        (_nth_weekday(y1, 2, 0, 3),) * 2 + ("Presidents' Day",),
        (spring, spring + dt.timedelta(days=4), "Spring Break"),
        (_last_weekday(y1, 5, 0),) * 2 + ("Memorial Day",),
    ]


def _last_weekday(year: int, month: int, weekday: int) -> dt.date:
    nxt = dt.date(year + (month // 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def school_days(start: dt.date, end: dt.date, holidays: list[tuple[dt.date, dt.date, str]]) -> list[dt.date]:
    off = set()
    for first, last, _name in holidays:
        d = first
        while d <= last:
            off.add(d)
            d += dt.timedelta(days=1)
    days = []
    d = start
    while d <= end:
        if d.weekday() < 5 and d not in off:
            days.append(d)
        d += dt.timedelta(days=1)
    return days


def build_demo(
    path: Path | str,
    *,
    students: int = 75,
    seed: int = 2026,
    today: dt.date | None = None,
    keyless: bool = False,
    passphrase: str | None = None,
    progress: Callable[[float, str], None] | None = None,
    extensions: Sequence[DemoExtension] = (),
) -> CreatedWorkspace:
    """Create a demo workspace at ``path`` and fill it; returns it open."""
    if students < 1:
        raise ValueError("a demo needs at least one student")
    report = progress or (lambda _f, _m: None)
    rng = random.Random(seed)
    today = today or dt.date.today()

    def populate(ws: Workspace) -> None:
        report(0.05, _("Creating the school year"))
        with ws.session() as s:
            info = _fill(s, rng, students, today, report)
            for extend in extensions:
                extend(s, rng, info)

    # Built under a temporary name and renamed when full: a killed demo leaves nothing behind.
    created = create_workspace(path, demo=True, keyless=keyless, passphrase=passphrase, populate=populate)
    report(1.0, _("Demo workspace ready"))
    return created


def _fill(
    s: Session, rng: random.Random, n_students: int, today: dt.date,
    report: Callable[[float, str], None],
) -> DemoInfo:
    names = json.loads(asset("demo", "names.json").read_text("utf-8"))
    start_year, year_start, year_end = school_year_bounds(today)
    holidays = us_holidays(start_year)
    school = School(
        name="Riverside Middle School", address="1200 River Road, Sacramento, CA 95814",
        phone="(916) 555-0142", timezone="America/Los_Angeles", source_id="demo-org-1",
    )
    s.add(school)
    s.flush()
    year = SchoolYear(school_id=school.id, name=f"{start_year}–{start_year + 1}",
                      start_date=year_start, end_date=year_end, source_id=f"demo-sy-{start_year}")
    fall_end = dt.date(start_year + 1, 1, 22)
    fall = Term(name="Fall Semester", kind="semester", start_date=year_start, end_date=fall_end,
                source_id="demo-term-fall")
    spring = Term(name="Spring Semester", kind="semester", start_date=dt.date(start_year + 1, 1, 25),
                  end_date=year_end, source_id="demo-term-spring")
    year.terms = [fall, spring]
    s.add(year)
    s.flush()

    # Cohorts of ~25-30 students take all five subjects together; a teacher takes three
    # cohorts of a subject, so no teacher is in two places in one period.
    n_cohorts = max(1, math.ceil(n_students / 28))
    staff_rows = list(names["staff"])
    teachers_by_subject: dict[str, list[Staff]] = {}
    staff_objs: list[Staff] = []
    extra_given = ["Hannah", "Ricardo", "Aisha", "Victor", "Ingrid", "Kwame", "Rosa", "Felix"]
    extra_family = ["Castillo", "Obi", "Lindgren", "Rossi", "Tanaka", "Mensah", "Ferreira", "Novak"]
    for subject, _code, _short in SUBJECTS:
        needed = max(2, math.ceil(n_cohorts / 3))
        listed = [r for r in staff_rows if r[3] == subject]
        while len(listed) < needed:
            i = len(staff_objs) + len(listed)
            listed.append([extra_given[i % 8], f"{extra_family[(i // 8) % 8]}", "teacher", subject])
        for given, family, role, _subj in listed[:needed]:
            teacher = Staff(given_name=given, family_name=family, role=role,
                            email=f"{given.lower()}.{family.lower()}@riverside.example.org".replace(" ", ""))
            teachers_by_subject.setdefault(subject, []).append(teacher)
            staff_objs.append(teacher)
    for given, family, role, _subj in staff_rows:
        if role != "teacher":
            staff_objs.append(Staff(given_name=given, family_name=family, role=role,
                                    email=f"{given.lower()}.{family.lower()}@riverside.example.org"))
    s.add_all(staff_objs)

    courses = {}
    for subject, code, _short in SUBJECTS:
        c = Course(school_id=school.id, title=subject, code=f"{code}7", subject=subject, grade_levels="6,7,8")
        courses[subject] = c
    s.add_all(courses.values())
    s.flush()

    sections: list[tuple[int, str, Section]] = []  # (cohort, subject, section)
    for cohort in range(n_cohorts):
        for si, (subject, code, short) in enumerate(SUBJECTS):
            period = (cohort + si) % 6 + 1
            teacher = teachers_by_subject[subject][cohort // 3 % len(teachers_by_subject[subject])]
            sec = Section(
                course_id=courses[subject].id, term_id=fall.id,
                name=f"{short} – Period {period}", code=f"{code}7-{cohort + 1:02d}",
                period=str(period), room=f"{(si + 1) * 100 + cohort // 3 + 1}",
                policy={"missing_counts_as_zero": True, "late_penalty_percent": 10},
            )
            sec.teachers = [SectionTeacher(staff=teacher, role="primary")]
            sections.append((cohort, subject, sec))
    s.add_all([x[2] for x in sections])
    s.flush()

    report(0.2, _("Adding students and families"))
    families = names["families"]
    by_family = {f["family"]: f for f in families}
    students: list[Student] = []
    guardians: list[Guardian] = []
    links: list[tuple[Student, Guardian]] = []
    used_names: set[tuple[str, str]] = set()
    template_uses: dict[str, int] = {}
    local_id = 100001
    household = 0
    # The first households are the ones the README and tests name, whatever the seed.
    showcase = [("Ramírez", "José", "es"), ("Nguyễn", "Thị Lan", "vi"), ("O'Brien", "Zoë", "en"),
                ("Murphy", "Siobhán", "en"), ("Al-Sayed", "Mohammed", "ar"), ("Ørsted", "Freja", "en")]
    while len(students) < n_students:
        household += 1
        forced = showcase[household - 1] if household <= len(showcase) else None
        fam = by_family[forced[0]] if forced else _pick_family(rng, families, used_names)
        uses = template_uses.get(fam["family"], 0)
        template_uses[fam["family"]] = uses + 1
        kids = 1 if forced else min(n_students - len(students), rng.choices([1, 2, 3], [0.78, 0.18, 0.04])[0])
        language = forced[2] if forced else (
            fam["language"] if rng.random() < fam["share_non_english"] else "en")
        fam_guardians = []
        listed = fam["guardians"][: rng.choice([1, 2]) if len(fam["guardians"]) > 1 else 1]
        for gi, gname in enumerate(listed):
            given, family = _split_guardian(fam["family"], gname)
            if uses:  # another household with the same family name: other parents' names
                pool = GUARDIAN_GIVEN.get(fam["language"], GUARDIAN_GIVEN["en"])
                given = pool[(uses * 2 + gi + rng.randrange(len(pool))) % len(pool)]
            g = Guardian(given_name=given, family_name=family,
                         email=f"family{household}@mail.example.com",
                         phone=f"(916) 555-{rng.randrange(1000, 9999)}",
                         preferred_language=language)
            fam_guardians.append(g)
        guardians.extend(fam_guardians)
        for _k in range(kids):
            female = rng.random() < 0.5
            pool = fam["given_f"] if female else fam["given_m"]
            fresh = [n for n in pool if (n, fam["family"]) not in used_names]
            if not fresh:
                female = not female
                pool = fam["given_f"] if female else fam["given_m"]
                fresh = [n for n in pool if (n, fam["family"]) not in used_names] or pool
            given = forced[1] if forced and _k == 0 else rng.choice(fresh)
            if forced:
                female = given in fam["given_f"]
            used_names.add((given, fam["family"]))
            pronouns = NEUTRAL_PRONOUNS if rng.random() < 0.03 else (FEMALE_PRONOUNS if female else MALE_PRONOUNS)
            st = Student(
                local_id=str(local_id), given_name=given, family_name=fam["family"],
                preferred_name=NICKNAMES.get(given, "") if rng.random() < 0.5 else "",
                pronouns=pronouns, grade_level="", source_id=f"demo-stu-{local_id}",
                birth_date=dt.date(start_year - 12, 1, 1) + dt.timedelta(days=rng.randrange(0, 1000)),
            )
            local_id += 1
            students.append(st)
            links.extend((st, g) for g in fam_guardians)
    rng.shuffle(students)
    for i, st in enumerate(students):
        st.grade_level = str(6 + (i // 28) % 3)
    s.add_all(students)
    s.add_all(guardians)
    s.flush()
    s.execute(insert(StudentGuardian), [
        {"student_id": st.id, "guardian_id": g.id, "relationship": "parent", "is_primary": True,
         "receives_reports": True} for st, g in links
    ])

    report(0.4, _("Enrolling students"))
    enroll_rows = []
    by_section_students: dict[int, list[int]] = {}
    for i, st in enumerate(students):
        cohort = min(i // 28, n_cohorts - 1)
        for section_cohort, _subject, sec in sections:
            if section_cohort == cohort:
                enroll_rows.append({"section_id": sec.id, "student_id": st.id,
                                    "start_date": year_start, "end_date": None, "source_id": None})
                by_section_students.setdefault(sec.id, []).append(st.id)
    s.execute(insert(Enrollment), enroll_rows)

    report(0.55, _("Entering grades"))
    ability = {st.id: rng.gauss(83, 9) for st in students}
    score_rows: list[dict[str, Any]] = []
    for _c, _subject, sec in sections:
        cats = {name: AssignmentCategory(section_id=sec.id, name=name, weight=w, drop_lowest=d)
                for name, w, d in CATEGORIES}
        s.add_all(cats.values())
        s.flush()
        for cat, title, points, week in PLAN:
            due = year_start + dt.timedelta(days=7 * week + 4)  # Fridays
            if due > fall_end:
                continue
            a = Assignment(section_id=sec.id, category_id=cats[cat].id, term_id=fall.id,
                           title=title, points_possible=float(points), due_date=due)
            s.add(a)
            s.flush()
            if due >= today:
                continue
            for sid in by_section_students.get(sec.id, []):
                roll = rng.random()
                row: dict[str, Any] = {"assignment_id": a.id, "student_id": sid, "points": None,
                                       "missing": False, "late": False, "excused": False,
                                       "incomplete": False, "comment": ""}
                if roll < 0.04 and cat != "Tests":
                    row["missing"] = True
                elif roll < 0.06:
                    row["excused"] = True
                else:
                    pct = max(0.0, min(1.04, rng.gauss(ability[sid], 8) / 100))
                    row["points"] = round(points * pct * 2) / 2
                    row["late"] = roll > 0.95
                score_rows.append(row)
    if score_rows:
        s.execute(insert(Score), score_rows)

    report(0.8, _("Taking attendance"))
    days = [d for d in school_days(year_start, min(today, year_end), holidays) if d < today]
    att_rows = []
    for st in students:
        absent_rate = rng.choice([0.01, 0.02, 0.03, 0.06, 0.12])
        for d in days:
            r = rng.random()
            status = ("absent" if r < absent_rate else "tardy" if r < absent_rate + 0.02
                      else "excused" if r < absent_rate + 0.025 else "present")
            att_rows.append({"student_id": st.id, "section_id": None, "date": d, "status": status, "note": ""})
    if att_rows:
        s.execute(insert(AttendanceRecord), att_rows)
    s.flush()
    return DemoInfo(
        school_id=school.id, school_year_id=year.id, term_ids=[fall.id, spring.id], today=today,
        student_ids=[st.id for st in students], staff_ids=[st.id for st in staff_objs],
        section_ids=[x[2].id for x in sections], holidays=holidays,
    )
