"""Roster sets in the formats other district systems hand a teacher, read into a Dataset.

* **Clever CSV** (the "Clever format" a district uploads to Clever, also accepted by School
  Data Sync): ``schools.csv``, ``students.csv``, ``teachers.csv``, ``sections.csv``,
  ``enrollments.csv``. A student row carries one contact (``Contact_name``,
  ``Contact_relationship``, ``Contact_email``, ``Contact_phone``); ``Contact_type`` says
  which contact it is (primary, emergency…), never who.
* **Microsoft School Data Sync v1** ("SDS format"): ``School.csv``, ``Section.csv``,
  ``Student.csv``, ``Teacher.csv``, ``StudentEnrollment.csv``, ``TeacherRoster.csv`` and,
  for families, ``User.csv`` + ``GuardianRelationship.csv``.
* **Microsoft School Data Sync v2.1**: OneRoster-like ``orgs.csv``, ``users.csv``,
  ``roles.csv``, ``classes.csv``, ``enrollments.csv``, ``academicSessions.csv``,
  ``courses.csv``, ``relationships.csv`` without status columns, dates often M/D/YYYY.

As with OneRoster, everything is checked first; a defective row is skipped (or imported
without the broken reference) and listed with file, line, reason and consequence; rows
that name a skipped record are counted on its defect, not reported again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container
from dataclasses import dataclass, field

from app.core.i18n import N_, _
from app.store.roster.csvfile import CsvRow, CsvTable, RosterSource
from app.store.roster.dataset import (
    ClassRec,
    CourseRec,
    Dataset,
    EnrollmentRec,
    OrgRec,
    Origin,
    SessionRec,
    UserRec,
)
from app.store.roster.languages import language_tag
from app.store.roster.plain import parse_date, split_name
from app.store.roster.report import CsvSyntaxError, ImportReport, RowIssue
from app.store.roster.spec import normalise_grade

CLEVER_FILES = ("students.csv", "teachers.csv", "sections.csv", "enrollments.csv")
SDS1_FILES = ("student.csv", "teacher.csv", "section.csv", "studentenrollment.csv")


def detect(source: RosterSource) -> str | None:
    """"clever", "sds-1" or "sds-2.1" for a set in one of these formats, else None."""
    if all(source.has(n) for n in ("students.csv", "sections.csv")):
        header = {h.lower() for h in _header(source, "students.csv")}
        if "student_id" in header:
            return "clever"
    if all(source.has(n) for n in ("student.csv", "section.csv")):
        return "sds-1"
    if source.has("roles.csv") and source.has("users.csv") and not source.has("manifest.csv"):
        header = {h.lower() for h in _header(source, "users.csv")}
        roles = {h.lower() for h in _header(source, "roles.csv")}
        if "enableduser" not in header and "roletype" not in roles:
            return "sds-2.1"
    return None


def _header(source: RosterSource, name: str) -> list[str]:
    try:
        return source.table(name).header
    except CsvSyntaxError:
        return []


@dataclass
class _Builder:
    """Shared bookkeeping: tables, defects with consequences, references, knock-ons."""

    source: RosterSource
    report: ImportReport
    fmt: str
    ds: Dataset = field(init=False)
    rejected: dict[tuple[str, str], RowIssue] = field(default_factory=dict)
    missing: dict[tuple[str, str], RowIssue] = field(default_factory=dict)
    seen: dict[str, dict[str, int]] = field(default_factory=dict)
    local_ids: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.ds = Dataset(format=self.fmt)
        self.report.format = self.fmt

    def table(self, name: str, required: tuple[str, ...], *, optional: bool = False) -> CsvTable | None:
        if not self.source.has(name):
            if not optional:
                self.report.error(name, 0, _("the set has no {name}; it is required").format(name=name))
            return None
        try:
            table = self.source.table(name)
        except CsvSyntaxError as exc:
            self.report.error(name, exc.line or 0, exc.reason)
            return None
        table.name = next((n for n in self.source.names() if n.lower() == name.lower()), name)
        for warning in table.warnings:
            self.report.warn(table.name, 0, warning)
        missing = [c for c in required if not table.has(c)]
        for column in missing:
            self.report.error(table.name, 1, _("missing required column {column!r}").format(column=column))
        return None if missing else table

    def first(self, table: CsvTable, row: CsvRow, key_column: str, *required: str) -> tuple[Origin, str] | None:
        """Common checks: the id, duplicates, required values; None if skipped."""
        origin = Origin(table.name, row.line)
        key = row.get(key_column)
        if not key:
            self.report.defect(origin.file, origin.line, _("{key_column} is empty; every row needs one").format(key_column=key_column))
            return None
        seen = self.seen.setdefault(table.name, {})
        if key in seen:
            self.report.defect(origin.file, origin.line, _("duplicate {key_column} {key!r} (also on line {seen})").format(key_column=key_column, key=key, seen=seen[key]))
            return None
        seen[key] = row.line
        for column in required:
            if not row.get(column):
                self.skip(origin, key, f"{column} is empty; it is required")
                return None
        return origin, key

    def skip(self, origin: Origin, key: str, message: str) -> None:
        self.rejected[(origin.file, key)] = self.report.defect(origin.file, origin.line, message)

    def ref(self, origin: Origin, column: str, key: str, pool: Container[str], target: str,
            consequence: str) -> bool:
        if not key or key in pool:
            return True
        effect = _("skipped too") if consequence == "skipped" else _("imported without it too")
        root = self.rejected.get((target, key))
        if root is not None:
            root.knock_on[_("row(s) of {file} that name it are {effect}").format(file=origin.file, effect=effect)] += 1
            return False
        first = self.missing.get((target, key))
        if first is not None:
            first.knock_on[_("more row(s) of {file} name it and are {effect}").format(file=origin.file, effect=effect)] += 1
            return False
        self.missing[(target, key)] = self.report.defect(
            origin.file, origin.line, _("{column} {key!r} is not in {target}").format(column=column, key=key, target=target), _(consequence))
        return False

    def date(self, origin: Origin, row: CsvRow, column: str) -> dt.date | None | bool:
        """The date (ISO or M/D/YYYY), None if blank, False if unreadable."""
        value = row.get(column)
        if not value:
            return None
        return parse_date(value) or False

    def student(self, origin: Origin, key: str, given: str, family: str, local_id: str,
                **extra: str) -> UserRec | None:
        if local_id in self.local_ids:
            self.skip(origin, key, f"student number {local_id!r} is also used by the student on "
                                   f"line {self.local_ids[local_id]}")
            return None
        self.local_ids[local_id] = origin.line
        grade = extra.pop("grade", "")
        rec = UserRec(key, key, "student", "", given, family, origin, local_id=local_id,
                      grade=normalise_grade(grade) if grade else "", **extra)  # type: ignore[arg-type]
        self.ds.users[key] = rec
        return rec

    def enroll(self, origin: Origin, class_key: str, user_key: str, role: str, *,
               class_file: str, user_file: str, primary: bool = False) -> None:
        if not self.ref(origin, "section", class_key, self.ds.classes, class_file, "skipped"):
            return
        if not self.ref(origin, "user", user_key, self.ds.users, user_file, "skipped"):
            return
        ekey = f"{class_key}|{role}|{user_key}"
        if ekey in self.ds.enrollments:
            self.report.warn(origin.file, origin.line, _("{user_key!r} is enrolled in {class_key!r} again; the rows are merged").format(user_key=user_key, class_key=class_key))
            return
        self.ds.enrollments[ekey] = EnrollmentRec(ekey, None, class_key, user_key, role, origin,
                                                  primary=primary)

    def term(self, origin: Origin, key: str, title: str, start: object, end: object) -> str:
        """A term from a section row (Clever, SDS v1): its key, or "" if its dates are bad."""
        if not key and not title:
            return ""
        key = key or f"{self.fmt}:term:{title.lower()}"
        if key in self.ds.sessions:
            return key
        if not isinstance(start, dt.date) or not isinstance(end, dt.date) or end < start:
            self.report.defect(origin.file, origin.line,
                               _("term {value!r} has no readable start and end date").format(value=title or key),
                               _("the class is imported without its term"))
            return ""
        self.ds.sessions[key] = SessionRec(key, title or key, "term", start, end, origin)
        return key


# -- Clever --------------------------------------------------------------------------------

def read_clever(source: RosterSource, report: ImportReport) -> Dataset:
    b = _Builder(source, report, "clever")
    if (schools := b.table("schools.csv", ("School_id", "School_name"), optional=True)) is not None:
        for row in schools.rows:
            if start := b.first(schools, row, "School_id", "School_name"):
                origin, key = start
                b.ds.orgs[key] = OrgRec(key, row.get("School_name"), "school", origin)
    if (teachers := b.table("teachers.csv", ("Teacher_id", "First_name", "Last_name"), optional=True)) is not None:
        for row in teachers.rows:
            if start := b.first(teachers, row, "Teacher_id", "Last_name"):
                origin, key = start
                b.ds.users[key] = UserRec(key, key, "staff", "teacher", row.get("First_name"),
                                          row.get("Last_name"), origin, middle=row.get("Middle_name"),
                                          local_id=row.get("Teacher_number"), email=row.get("Teacher_email"))
    students = b.table("students.csv", ("Student_id", "First_name", "Last_name"))
    for row in students.rows if students else []:
        start = b.first(students, row, "Student_id", "Last_name")  # type: ignore[arg-type]
        if not start:
            continue
        origin, key = start
        birth = b.date(origin, row, "DOB")
        if birth is False:
            report.defect(origin.file, origin.line, _("DOB {text!r} is not a date (MM/DD/YYYY or YYYY-MM-DD)").format(text=row.get('DOB')), _("imported without its birth date"))
        rec = b.student(origin, key, row.get("First_name"), row.get("Last_name"),
                        row.get("Student_number") or key, middle=row.get("Middle_name"),
                        email=row.get("Student_email"), grade=row.get("Grade"))
        if rec is None:
            continue
        rec.birth_date = birth if isinstance(birth, dt.date) else None
        _clever_contact(b, row, origin, rec)
    sections = b.table("sections.csv", ("Section_id", "Teacher_id"))
    for row in sections.rows if sections else []:
        start = b.first(sections, row, "Section_id")  # type: ignore[arg-type]
        if not start:
            continue
        origin, key = start
        course_name = row.get("Course_name") or row.get("Name") or key
        course_key = f"clever:course:{(row.get('Course_number') or course_name).lower()}"
        b.ds.courses.setdefault(course_key, CourseRec(course_key, course_name, origin,
                                                      code=row.get("Course_number"),
                                                      subjects=[s for s in [row.get("Subject")] if s]))
        term = b.term(origin, "", row.get("Term_name"), b.date(origin, row, "Term_start"),
                      b.date(origin, row, "Term_end"))
        period = row.get("Period")
        title = row.get("Name") or (f"{course_name} – Period {period}" if period else course_name)
        b.ds.classes[key] = ClassRec(key, title, origin, code=row.get("Section_number"),
                                     course_key=course_key, school_key="" if row.get("School_id") not in b.ds.orgs
                                     else row.get("School_id"), term_keys=[term] if term else [],
                                     periods=[period] if period else [])
        extra_cols = sections.columns if sections else {}
        teacher_cols = ["Teacher_id"] + [c for c in extra_cols if c.startswith("teacher_") and c.endswith("_id")
                                         and c != "teacher_id"]
        for n, col in enumerate(teacher_cols):
            tid = row.get(col)
            if not tid:
                continue
            if b.ref(origin, col, tid, b.ds.users, "teachers.csv", N_("imported without that teacher")):
                ekey = f"{key}|teacher|{tid}"
                b.ds.enrollments[ekey] = EnrollmentRec(ekey, None, key, tid, "teacher", origin, primary=n == 0)
    enrollments = b.table("enrollments.csv", ("Section_id", "Student_id"))
    for row in enrollments.rows if enrollments else []:
        origin = Origin(enrollments.name, row.line)  # type: ignore[union-attr]
        b.enroll(origin, row.get("Section_id"), row.get("Student_id"), "student",
                 class_file="sections.csv", user_file="students.csv")
    return b.ds


def _clever_contact(b: _Builder, row: CsvRow, origin: Origin, student: UserRec) -> None:
    """The contact on a Clever student row: its name is Contact_name (Contact_type only
    says primary/secondary/emergency), its relationship Contact_relationship."""
    name, email, phone = row.get("Contact_name"), row.get("Contact_email"), row.get("Contact_phone")
    if not (name or email or phone):
        return
    given, family = split_name(name) if name else ("", student.family)
    language = ""
    if row.get("Home_language"):
        tag = language_tag(row.get("Home_language"))
        if tag is None:
            b.report.warn(origin.file, origin.line, _("Home_language {text!r} is not recognised; the family keeps the default (English)").format(text=row.get('Home_language')))
        language = tag or ""
    ident = row.get("Contact_sis_id") or email.lower() or f"{student.local_id}:{name.lower()}"
    key = f"clever:contact:{ident}"
    if key not in b.ds.users:
        b.ds.users[key] = UserRec(key, key, "guardian", "guardian", given, family or student.family, origin,
                                  email=email, phone=phone, language=language)
    relationship = (row.get("Contact_relationship") or "guardian").lower()[:30]
    b.ds.add_link(student.key, key, relationship, origin)


# -- School Data Sync v1 -------------------------------------------------------------------

def read_sds1(source: RosterSource, report: ImportReport) -> Dataset:
    b = _Builder(source, report, "sds-1")
    if (schools := b.table("School.csv", ("SIS ID", "Name"), optional=True)) is not None:
        for row in schools.rows:
            if start := b.first(schools, row, "SIS ID", "Name"):
                origin, key = start
                b.ds.orgs[key] = OrgRec(key, row.get("Name"), "school", origin)
    students = b.table("Student.csv", ("SIS ID", "School SIS ID", "Username"))
    for row in students.rows if students else []:
        start = b.first(students, row, "SIS ID", "Last Name")  # type: ignore[arg-type]
        if not start or _inactive(row):
            continue
        origin, key = start
        rec = b.student(origin, key, row.get("First Name"), row.get("Last Name"),
                        row.get("Student Number") or key, middle=row.get("Middle Name"),
                        email=row.get("Secondary Email"), grade=row.get("Grade"))
        if rec is not None and row.get("Birthdate"):
            rec.birth_date = parse_date(row.get("Birthdate"))
            if rec.birth_date is None:
                report.defect(origin.file, origin.line, _("Birthdate {text!r} is not a date").format(text=row.get('Birthdate')),
                              _("imported without its birth date"))
    teachers = b.table("Teacher.csv", ("SIS ID", "School SIS ID", "Username"))
    for row in teachers.rows if teachers else []:
        start = b.first(teachers, row, "SIS ID", "Last Name")  # type: ignore[arg-type]
        if not start or _inactive(row):
            continue
        origin, key = start
        b.ds.users[key] = UserRec(key, key, "staff", "teacher", row.get("First Name"), row.get("Last Name"),
                                  origin, middle=row.get("Middle Name"), local_id=row.get("Teacher Number"),
                                  email=row.get("Secondary Email"))
    sections = b.table("Section.csv", ("SIS ID", "School SIS ID", "Section Name"))
    for row in sections.rows if sections else []:
        start = b.first(sections, row, "SIS ID", "Section Name")  # type: ignore[arg-type]
        if not start or _inactive(row):
            continue
        origin, key = start
        course_name = row.get("Course Name") or row.get("Section Name")
        course_key = row.get("Course SIS ID") or f"sds-1:course:{course_name.lower()}"
        b.ds.courses.setdefault(course_key, CourseRec(
            course_key, course_name, origin, code=row.get("Course Number"),
            subjects=[s for s in [row.get("Course Subject")] if s], org_key=_known(b, row.get("School SIS ID"))))
        term = b.term(origin, row.get("Term SIS ID"), row.get("Term Name"), b.date(origin, row, "Term StartDate"),
                      b.date(origin, row, "Term EndDate"))
        b.ds.classes[key] = ClassRec(key, row.get("Section Name"), origin, code=row.get("Section Number"),
                                     course_key=course_key, school_key=_known(b, row.get("School SIS ID")),
                                     term_keys=[term] if term else [], periods=_split(row.get("Periods")))
    for name, role, user_file in (("StudentEnrollment.csv", "student", "Student.csv"),
                                  ("TeacherRoster.csv", "teacher", "Teacher.csv")):
        table = b.table(name, ("Section SIS ID", "SIS ID"), optional=role == "teacher")
        for row in table.rows if table else []:
            origin = Origin(table.name, row.line)  # type: ignore[union-attr]
            b.enroll(origin, row.get("Section SIS ID"), row.get("SIS ID"), role,
                     class_file="Section.csv", user_file=user_file, primary=role == "teacher")
    _sds1_guardians(b)
    return b.ds


def _sds1_guardians(b: _Builder) -> None:
    users = b.table("User.csv", ("Email", "First Name", "Last Name"), optional=True)
    links = b.table("GuardianRelationship.csv", ("SIS ID", "Email", "Role"), optional=True)
    if users is None or links is None:
        return
    by_email: dict[str, str] = {}
    for row in users.rows:
        if start := b.first(users, row, "Email", "Last Name"):
            origin, email = start
            key = f"sds-1:guardian:{email.lower()}"
            by_email[email.lower()] = key
            b.ds.users[key] = UserRec(key, key, "guardian", "guardian", row.get("First Name"),
                                      row.get("Last Name"), origin, email=email, phone=row.get("Phone"))
    for row in links.rows:
        origin = Origin(links.name, row.line)
        student, email = row.get("SIS ID"), row.get("Email").lower()
        if not b.ref(origin, "SIS ID", student, b.ds.users, "Student.csv", "skipped"):
            continue
        if not b.ref(origin, "Email", email, by_email, "User.csv", "skipped"):
            continue
        b.ds.add_link(student, by_email[email], (row.get("Role") or "guardian").lower()[:30], origin)


def _inactive(row: CsvRow) -> bool:
    return row.get("Status").lower() in ("inactive", "deleted")


def _known(b: _Builder, org: str) -> str:
    return org if org in b.ds.orgs else ""


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.replace(";", ",").split(",") if v.strip()]


# -- School Data Sync v2.1 -----------------------------------------------------------------

_SDS_STAFF = {"counselor": "counselor", "principal": "administrator", "administrator": "administrator",
              "districtadministrator": "administrator", "siteadministrator": "administrator",
              "systemadministrator": "administrator", "aide": "aide", "paraprofessional": "aide",
              "proctor": "aide"}
_SDS_FAMILY = ("parent", "guardian", "relative", "mother", "father", "grandparent", "aunt", "uncle")


def read_sds2(source: RosterSource, report: ImportReport) -> Dataset:
    b = _Builder(source, report, "sds-2.1")
    if (orgs := b.table("orgs.csv", ("sourcedId", "name", "type"))) is not None:
        for row in orgs.rows:
            if start := b.first(orgs, row, "sourcedId", "name"):
                origin, key = start
                kind = row.get("type").lower()
                b.ds.orgs[key] = OrgRec(key, row.get("name"), "school" if kind == "school" else "district"
                                        if kind == "district" else "local", origin,
                                        parent_key=row.get("parentSourcedId"))
        for org in b.ds.orgs.values():
            if not b.ref(org.origin, "parentSourcedId", org.parent_key, b.ds.orgs, "orgs.csv",
                         N_("imported without its parent org")):
                org.parent_key = ""
    if (sessions := b.table("academicSessions.csv", ("sourcedId", "title", "type", "startDate", "endDate"),
                            optional=True)) is not None:
        for row in sessions.rows:
            if start := b.first(sessions, row, "sourcedId", "title"):
                origin, key = start
                begin, end = b.date(origin, row, "startDate"), b.date(origin, row, "endDate")
                if not isinstance(begin, dt.date) or not isinstance(end, dt.date) or end < begin:
                    b.skip(origin, key, f"startDate/endDate {row.get('startDate')!r}/{row.get('endDate')!r} "
                                        "are not a date range")
                    continue
                kind = {"schoolyear": "schoolYear", "semester": "semester", "gradingperiod": "gradingPeriod"}.get(
                    row.get("type").lower(), "term")
                year = row.get("schoolYear")
                b.ds.sessions[key] = SessionRec(key, row.get("title"), kind, begin, end, origin,
                                                school_year=year if year.isdigit() and len(year) == 4 else "")
    roles: dict[str, tuple[str, Origin]] = {}
    if (role_table := b.table("roles.csv", ("userSourcedId", "orgSourcedId", "role"))) is not None:
        for row in role_table.rows:
            uid, role = row.get("userSourcedId"), row.get("role").lower()
            if uid and role and (uid not in roles or row.get("isPrimary").lower() == "true"):
                roles[uid] = (role, Origin(role_table.name, row.line))
    family: set[str] = set()
    relations = b.table("relationships.csv", ("userSourcedId", "relationshipUserSourcedId", "relationshipRole"),
                        optional=True)
    for row in relations.rows if relations else []:
        family.add(row.get("relationshipUserSourcedId"))
    if (users := b.table("users.csv", ("sourcedId", "username", "givenName", "familyName"))) is not None:
        for row in users.rows:
            start = b.first(users, row, "sourcedId", "familyName")
            if not start:
                continue
            origin, key = start
            role = roles.get(key, ("", origin))[0]
            if role == "student":
                b.student(origin, key, row.get("givenName"), row.get("familyName"),
                          row.get("studentNumber") or row.get("identifier") or key, email=row.get("email"))
            elif role in _SDS_FAMILY or (not role and key in family):
                b.ds.users[key] = UserRec(key, key, "guardian", role or "guardian", row.get("givenName"),
                                          row.get("familyName"), origin, email=row.get("email"),
                                          phone=row.get("phone") or row.get("sms"))
            elif role:
                b.ds.users[key] = UserRec(key, key, "staff", _SDS_STAFF.get(role, "teacher"), row.get("givenName"),
                                          row.get("familyName"), origin, email=row.get("email"))
            else:
                b.skip(origin, key, f"user {key!r} has no role in roles.csv and is no one's relative")
    for row in relations.rows if relations else []:
        origin = Origin(relations.name, row.line)  # type: ignore[union-attr]
        student, guardian = row.get("userSourcedId"), row.get("relationshipUserSourcedId")
        if b.ref(origin, "userSourcedId", student, b.ds.users, "users.csv", "skipped") and \
                b.ref(origin, "relationshipUserSourcedId", guardian, b.ds.users, "users.csv", "skipped"):
            b.ds.add_link(student, guardian, (row.get("relationshipRole") or "guardian").lower()[:30], origin)
    if (courses := b.table("courses.csv", ("sourcedId", "title"), optional=True)) is not None:
        for row in courses.rows:
            if start := b.first(courses, row, "sourcedId", "title"):
                origin, key = start
                b.ds.courses[key] = CourseRec(key, row.get("title"), origin, code=row.get("code"),
                                              org_key=_known(b, row.get("orgSourcedId")))
    classes = b.table("classes.csv", ("sourcedId", "orgSourcedId", "title"), optional=True)
    for row in classes.rows if classes else []:
        start = b.first(classes, row, "sourcedId", "title")  # type: ignore[arg-type]
        if not start:
            continue
        origin, key = start
        rec = ClassRec(key, row.get("title"), origin, code=row.get("classCode") or row.get("code"),
                       course_key=row.get("courseSourcedId"), school_key=_known(b, row.get("orgSourcedId")))
        if rec.course_key and not b.ref(origin, "courseSourcedId", rec.course_key, b.ds.courses, "courses.csv",
                                        N_("imported with a course record named after its course id")):
            b.ds.courses.setdefault(rec.course_key, CourseRec(rec.course_key, rec.course_key, origin))
        for term in _split(row.get("sessionSourcedIds")):
            if b.ref(origin, "sessionSourcedIds", term, b.ds.sessions, "academicSessions.csv",
                     f"imported without session {term!r}"):
                rec.term_keys.append(term)
        b.ds.classes[key] = rec
    enrollments = b.table("enrollments.csv", ("classSourcedId", "userSourcedId", "role"), optional=classes is None)
    for row in enrollments.rows if enrollments else []:
        origin = Origin(enrollments.name, row.line)  # type: ignore[union-attr]
        role = row.get("role").lower()
        role = "student" if role == "student" else "aide" if _SDS_STAFF.get(role) == "aide" else "teacher"
        b.enroll(origin, row.get("classSourcedId"), row.get("userSourcedId"), role,
                 class_file="classes.csv", user_file="users.csv", primary=role == "teacher")
    return b.ds
