"""Roster, staff and school settings as use cases: what the CLI and the app both call.

Each function takes the workspace and plain arguments, runs one transaction with one
audit entry and returns a :class:`~app.core.changes.Done` — its result and what changed.
The checks (a student needs an ID and both names, IDs are unique, a time zone must exist)
live here once, so both faces refuse the same things with the same message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.changes import Changes, Done
from app.core.errors import UserFacingError
from app.core.i18n import _
from app.store import audit
from app.store.database import Workspace
from app.store.models import (
    Course,
    Enrollment,
    Guardian,
    School,
    Section,
    SectionTeacher,
    Staff,
    Student,
    StudentGuardian,
    Term,
)

# What the roster pages read (their public API, with the use cases below).
from app.store.roster_rows import LANGUAGE_NAMES as LANGUAGE_NAMES
from app.store.roster_rows import ClassRow as ClassRow
from app.store.roster_rows import StudentRow as StudentRow
from app.store.roster_rows import class_rows as class_rows
from app.store.roster_rows import student_rows as student_rows
from app.store.undo import DeleteSnapshot, delete_with_snapshot, restore_snapshot

STAFF_ROLES = ("teacher", "counselor", "administrator", "aide")
# Deleting a student or class takes their scores, attendance, bookings and events along.
DELETE_CHANGES = Changes.ROSTER | Changes.GRADEBOOK | Changes.EXAMS | Changes.CONFERENCES | Changes.CALENDAR


class RosterEditError(UserFacingError):
    """A roster, staff or school edit the workspace cannot take (missing name, ID in use)."""

    exit_code = 2


# --- students ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GuardianInput:
    given_name: str = ""
    family_name: str = ""
    email: str = ""
    phone: str = ""
    preferred_language: str = "en"


@dataclass(frozen=True)
class StudentInput:
    """A student as a form or a command gives it; blank optional fields stay blank."""

    local_id: str
    given_name: str
    family_name: str
    preferred_name: str = ""
    pronouns: str = ""
    grade_level: str = ""
    guardian: GuardianInput | None = None


def student_input(ws: Workspace, student_id: int) -> StudentInput:
    """The stored student as a :class:`StudentInput` (to fill an edit form or patch fields)."""
    with ws.read() as s:
        st = _get(s, Student, student_id, "student")
        guardian = None
        if st.guardians:
            g = st.guardians[0].guardian
            guardian = GuardianInput(g.given_name, g.family_name, g.email, g.phone, g.preferred_language)
        return StudentInput(st.local_id, st.given_name, st.family_name, st.preferred_name, st.pronouns,
                            st.grade_level, guardian)


def save_student(
    ws: Workspace, data: StudentInput, student_id: int | None = None, *, enroll_in: int | None = None,
) -> Done[int]:
    """Add a student (``student_id`` None) or change one; optionally enroll them in a class."""
    data = replace(data, local_id=data.local_id.strip(), given_name=data.given_name.strip(),
                   family_name=data.family_name.strip())
    if not (data.local_id and data.given_name and data.family_name):
        raise RosterEditError(_("A student needs an ID, a first name and a last name."))
    with ws.session() as s:
        clash = s.scalar(select(Student).where(Student.local_id == data.local_id))
        if clash is not None and clash.id != student_id:
            raise RosterEditError(_("Another student ({display_name}) already has the ID {local_id}.").format(display_name=clash.display_name, local_id=data.local_id),
                                  fix=_("Use a different student ID."))
        if student_id is None:
            st = Student(local_id=data.local_id, given_name=data.given_name, family_name=data.family_name)
        else:
            st = _get(s, Student, student_id, "student")
        st.local_id, st.given_name, st.family_name = data.local_id, data.given_name, data.family_name
        st.preferred_name = data.preferred_name.strip()
        st.pronouns = data.pronouns.strip()
        st.grade_level = data.grade_level.strip()
        s.add(st)
        s.flush()
        g_in = data.guardian
        if g_in is not None and (g_in.given_name.strip() or g_in.family_name.strip()):
            link = st.guardians[0] if st.guardians else None
            g = link.guardian if link else Guardian(given_name="", family_name="")
            g.given_name, g.family_name = g_in.given_name.strip(), g_in.family_name.strip()
            g.email, g.phone = g_in.email.strip(), g_in.phone.strip()
            g.preferred_language = g_in.preferred_language or "en"
            if link is None:
                s.add(g)
                s.flush()
                s.add(StudentGuardian(student_id=st.id, guardian_id=g.id))
        if enroll_in is not None:
            _get(s, Section, enroll_in, "class")
            already = s.scalar(select(Enrollment).where(Enrollment.section_id == enroll_in,
                                                        Enrollment.student_id == st.id))
            if already is None:
                s.add(Enrollment(section_id=enroll_in, student_id=st.id))
        audit.record(s, ws.actor, "add" if student_id is None else "edit", "student", st.id,
                     name=f"{data.given_name} {data.family_name}",
                     **({"class_id": enroll_in} if enroll_in is not None else {}))
        return Done(st.id, Changes.ROSTER)


def enroll_student(ws: Workspace, section_id: int, student_id: int) -> Done[bool]:
    """Put a student in a class; False when they were already in it."""
    with ws.session() as s:
        _get(s, Section, section_id, "class")
        _get(s, Student, student_id, "student")
        if s.scalar(select(Enrollment).where(Enrollment.section_id == section_id,
                                             Enrollment.student_id == student_id)) is not None:
            return Done(False, Changes.NONE)
        s.add(Enrollment(section_id=section_id, student_id=student_id))
        audit.record(s, ws.actor, "enroll", "student", student_id, class_id=section_id)
        return Done(True, Changes.ROSTER | Changes.GRADEBOOK)


# --- classes ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ClassInput:
    """A class (section). ``course`` is a course title; a new title creates the course."""

    name: str
    code: str = ""
    period: str = ""
    room: str = ""
    course: str = ""
    term_id: int | None = None
    teacher_id: int | None = None


def class_input(ws: Workspace, section_id: int) -> ClassInput:
    with ws.read() as s:
        sec = _get(s, Section, section_id, "class")
        course = s.get(Course, sec.course_id) if sec.course_id else None
        return ClassInput(sec.name, sec.code, sec.period, sec.room, course.title if course else "",
                          sec.term_id, sec.teachers[0].staff_id if sec.teachers else None)


def save_class(ws: Workspace, data: ClassInput, section_id: int | None = None) -> Done[int]:
    """Add a class (``section_id`` None) or change one."""
    name = data.name.strip()
    if not name:
        raise RosterEditError(_("A class needs a name."))
    with ws.session() as s:
        sec = Section(name=name) if section_id is None else _get(s, Section, section_id, "class")
        sec.name, sec.code = name, data.code.strip()
        sec.period, sec.room = data.period.strip(), data.room.strip()
        title = data.course.strip()
        if title:
            course = s.scalar(select(Course).where(Course.title == title))
            if course is None:
                course = Course(title=title)
                s.add(course)
                s.flush()
            sec.course_id = course.id
        else:
            sec.course_id = None
        if data.term_id is not None:
            _get(s, Term, data.term_id, "term")
        sec.term_id = data.term_id
        s.add(sec)
        s.flush()
        if data.teacher_id is not None:
            _get(s, Staff, data.teacher_id, "staff member")
        sec.teachers.clear()
        s.flush()
        if data.teacher_id is not None:
            sec.teachers.append(SectionTeacher(staff_id=data.teacher_id, role="primary"))
        audit.record(s, ws.actor, "add" if section_id is None else "edit", "section", sec.id, name=name)
        return Done(sec.id, Changes.ROSTER)


# --- delete and undo --------------------------------------------------------------------


def delete_student(ws: Workspace, student_id: int) -> Done[DeleteSnapshot]:
    """Delete a student with their grades, attendance and enrollments; the snapshot undoes it."""
    return _delete(ws, "student", Student, student_id)


def delete_class(ws: Workspace, section_id: int) -> Done[DeleteSnapshot]:
    """Delete a class with its assignments and grades (students stay); the snapshot undoes it."""
    return _delete(ws, "section", Section, section_id)


def _delete(ws: Workspace, table: str, model: type[Student] | type[Section], pk: int) -> Done[DeleteSnapshot]:
    with ws.session() as s:
        row = _get(s, model, pk, "student" if model is Student else "class")
        label = row.display_name if isinstance(row, Student) else row.name
        snap = delete_with_snapshot(s, table, pk, label)
        audit.record(s, ws.actor, "delete", table, pk, name=label, rows=snap.row_count)
    return Done(snap, DELETE_CHANGES)


def undo_delete(ws: Workspace, snapshot: DeleteSnapshot) -> Done[str]:
    """Put back everything one delete removed, in one transaction."""
    with ws.session() as s:
        restore_snapshot(s, snapshot)
        audit.record(s, ws.actor, "undo-delete", "roster", "", name=snapshot.label)
    return Done(snapshot.label, DELETE_CHANGES)


# --- staff ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffRow:
    id: int
    given_name: str
    family_name: str
    email: str
    role: str
    active: bool
    languages: tuple[str, ...] = ()

    @property
    def display_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


def _row(p: Staff) -> StaffRow:
    return StaffRow(p.id, p.given_name, p.family_name, p.email, p.role, p.active, tuple(p.languages or ()))


def language_codes(values: list[str] | tuple[str, ...] | str) -> list[str]:
    """Language names or codes ("Spanish", "Español", "es-MX", "vi") as stored codes, in
    the order given, without repeats and without English (everyone here speaks it)."""
    from app.store.roster.languages import language_tag

    items = values.replace(";", ",").split(",") if isinstance(values, str) else list(values)
    out: list[str] = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        tag = language_tag(item)
        if tag is None:
            raise RosterEditError(_("'{item}' is not a language TeacherDesk knows.").format(item=item),
                                  fix=_("Use a name such as Spanish or Vietnamese, or a code such as es or vi."))
        if tag.split("-")[0].lower() != "en" and tag not in out:
            out.append(tag)
    return out


def split_name(name: str) -> tuple[str, str]:
    """'Ana María López' -> ('Ana María', 'López'); one word is a family name alone."""
    parts = name.split()
    if not parts:
        raise RosterEditError(_("A staff member needs a name."))
    return " ".join(parts[:-1]), parts[-1]


def _check_role(role: str) -> str:
    role = role.strip().lower()
    if role not in STAFF_ROLES:
        raise RosterEditError(_("'{role}' is not a staff role.").format(role=role), fix=_("Use one of: {staff_roles}.").format(staff_roles=', '.join(STAFF_ROLES)))
    return role


def find_staff(ws: Workspace, text: str | int) -> int:
    """A staff member's id from an id or a name ('Ana Rivera', 'rivera'), case, accents and
    spacing ignored; the message lists the matches when several fit."""
    from app.store.lookup import normalized

    typed = str(text).strip()
    with ws.read() as s:
        people = list(s.scalars(select(Staff).order_by(Staff.family_name, Staff.given_name)))
    if typed.isdigit():
        if any(p.id == int(typed) for p in people):
            return int(typed)
        raise RosterEditError(_("There is no staff member with id {typed}.").format(typed=typed), fix=_("See 'teacherdesk staff list'."))
    want = normalized(typed)
    rules: tuple[Callable[[Staff], bool], ...] = (
        lambda p: normalized(p.display_name) == want, lambda p: normalized(p.family_name) == want,
        lambda p: normalized(p.given_name) == want, lambda p: bool(want) and want in normalized(p.display_name))
    for rule in rules:
        found = [p for p in people if rule(p)]
        if len(found) == 1:
            return found[0].id
        if len(found) > 1:
            names = "; ".join(f"{p.display_name} (id {p.id}, {p.role})" for p in found[:10])
            raise RosterEditError(_("Several staff members match '{typed}': {names}.").format(typed=typed, names=names), fix=_("Use the id."))
    raise RosterEditError(_("No staff member '{typed}'.").format(typed=typed), fix=_("See 'teacherdesk staff list'."))


def list_staff(ws: Workspace, *, role: str | None = None, include_inactive: bool = False) -> list[StaffRow]:
    with ws.read() as s:
        query = select(Staff).order_by(Staff.family_name, Staff.given_name)
        if role:
            query = query.where(Staff.role == _check_role(role))
        if not include_inactive:
            query = query.where(Staff.active.is_(True))
        return [_row(p) for p in s.scalars(query)]


def add_staff(ws: Workspace, *, given_name: str, family_name: str, role: str = "teacher",
              email: str = "", languages: list[str] | tuple[str, ...] | str = ()) -> Done[int]:
    if not (given_name.strip() or family_name.strip()):
        raise RosterEditError(_("A staff member needs a name."))
    role = _check_role(role)
    codes = language_codes(languages)
    with ws.session() as s:
        row = Staff(given_name=given_name.strip(), family_name=family_name.strip(), role=role,
                    email=email.strip(), active=True, languages=codes)
        s.add(row)
        s.flush()
        audit.record(s, ws.actor, "add", "staff", row.id, name=row.display_name, role=role,
                     **({"languages": codes} if codes else {}))
        return Done(row.id, Changes.ROSTER)


def edit_staff(ws: Workspace, staff_id: int, *, given_name: str | None = None, family_name: str | None = None,
               role: str | None = None, email: str | None = None, active: bool | None = None,
               languages: list[str] | tuple[str, ...] | str | None = None) -> Done[StaffRow]:
    """Change the given fields of one staff member (None leaves a field as it is)."""
    codes = None if languages is None else language_codes(languages)
    with ws.session() as s:
        row = _get(s, Staff, staff_id, "staff member")
        changed: dict[str, object] = {}
        for name, value in (("given_name", given_name), ("family_name", family_name), ("email", email)):
            if value is not None and value.strip() != getattr(row, name):
                setattr(row, name, value.strip())
                changed[name] = value.strip()
        if role is not None and _check_role(role) != row.role:
            row.role = changed["role"] = _check_role(role)
        if active is not None and active != row.active:
            row.active = changed["active"] = active
        if codes is not None and codes != list(row.languages or []):
            row.languages = codes
            changed["languages"] = codes
        if not (row.given_name or row.family_name):
            raise RosterEditError(_("A staff member needs a name."))
        if changed:
            audit.record(s, ws.actor, "edit", "staff", staff_id, name=row.display_name, **changed)
        result = _row(row)
    return Done(result, Changes.ROSTER if changed else Changes.NONE)


# --- school settings --------------------------------------------------------------------


@dataclass(frozen=True)
class SchoolSettings:
    name: str = ""
    address: str = ""
    phone: str = ""
    timezone: str = "America/Los_Angeles"

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


SCHOOL_FIELDS = tuple(f.name for f in fields(SchoolSettings))


def school_settings(ws: Workspace) -> SchoolSettings:
    with ws.read() as s:
        school = s.scalar(select(School).order_by(School.id).limit(1))
        if school is None:
            return SchoolSettings()
        return SchoolSettings(school.name, school.address, school.phone, school.timezone)


def check_timezone(zone: str) -> str:
    zone = zone.strip()
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise RosterEditError(_("{value} is not a time zone name.").format(value=zone or '(blank)'),
                              fix=_("Use a name such as America/Chicago or America/Los_Angeles.")) from None
    return zone


def save_school_settings(ws: Workspace, **values: str) -> Done[SchoolSettings]:
    """Change the school's name, address, phone or time zone (fields not given stay)."""
    unknown = sorted(set(values) - set(SCHOOL_FIELDS))
    if unknown:
        raise RosterEditError(_("Unknown school setting: {unknown}.").format(unknown=', '.join(unknown)),
                              fix=_("Settings are: {school_fields}.").format(school_fields=', '.join(SCHOOL_FIELDS)))
    if "timezone" in values:
        values["timezone"] = check_timezone(values["timezone"])
    with ws.session() as s:
        school = s.scalar(select(School).order_by(School.id).limit(1)) or School(name="")
        before = SchoolSettings(school.name, school.address or "", school.phone or "",
                                school.timezone or SchoolSettings.timezone)
        after = replace(before, **{k: v.strip() for k, v in values.items()})
        if after == before and school.id is not None:
            return Done(after, Changes.NONE)
        school.name, school.address, school.phone, school.timezone = (
            after.name, after.address, after.phone, after.timezone)
        s.add(school)
        s.flush()
        diff = {k: v for k, v in after.as_dict().items() if before.as_dict()[k] != v}
        audit.record(s, ws.actor, "edit", "school", school.id, **{"name": school.name, **diff})
    return Done(after, Changes.SCHOOL)


# --- helpers ----------------------------------------------------------------------------


M = TypeVar("M")


def _get(session: Session, model: type[M], pk: int, what: str) -> M:
    row = session.get(model, pk)
    if row is None:
        raise RosterEditError(_("There is no {what} with id {pk}.").format(what=what, pk=pk))
    return row

