"""Records a full (bulk) roster file no longer lists: departed students, staff and class
enrollments are marked inactive, never deleted, so their grades stay in reports.

Only records an earlier district import made are concerned (those with a ``source_id``);
typed-in and plain-CSV students are never deactivated by absence. A file that lists no
student at all (a staff-only export) deactivates no student; enrollments are only ended in
classes the file lists (a class missing from the file may be a past term's); students and
staff in classes of another school that another district file brought are that file's
business (two schools' exports imported one after the other). A delta file
deactivates only what it marks ``tobedeleted``. ``keep_absent`` counts them for the plan
and changes nothing.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import Course, Enrollment, School, Section, SectionTeacher, Staff, Student
from app.store.roster.dataset import Dataset
from app.store.roster.report import ImportReport

NAMES_SHOWN = 5  # names per kind in the plan's sentence; the count says the rest


def _note(report: ImportReport, kind: str, name: str) -> None:
    report.absent[kind] += 1
    names = report.absent_names.setdefault(kind, [])
    if len(names) < NAMES_SHOWN:
        names.append(name)


def deactivate_absent(session: Session, ds: Dataset, report: ImportReport) -> None:
    """Mark inactive what an earlier import made and this full file no longer lists."""
    session.flush()
    kinds = {u.kind for u in ds.users.values()}
    if ds.present_users is not None:
        elsewhere = _in_other_schools(session, ds)
        if "student" in kinds:
            _students(session, ds.present_users, report, elsewhere[0])
        if "staff" in kinds:
            _staff(session, ds.present_users, report, elsewhere[1])
    if ds.present_enrollments is not None:
        _enrollments(session, ds, ds.present_enrollments, report)
    session.flush()


def _in_other_schools(session: Session, ds: Dataset) -> tuple[set[str], set[str]]:
    """Source ids of the students and staff in classes of a school another district file
    brought (a school with a source id that this file does not list): that file lists them,
    not this one, so this file's silence about them says nothing."""
    listed = set(ds.orgs)
    other = select(Section.id).join(Course, Course.id == Section.course_id).join(School, School.id == Course.school_id) \
        .where(School.source_id.is_not(None), School.source_id.not_in(listed) if listed else School.source_id.is_not(None))
    students = set(session.scalars(
        select(Student.source_id).join(Enrollment, Enrollment.student_id == Student.id)
        .where(Enrollment.active.is_(True), Enrollment.section_id.in_(other), Student.source_id.is_not(None))))
    staff = set(session.scalars(
        select(Staff.source_id).join(SectionTeacher, SectionTeacher.staff_id == Staff.id)
        .where(SectionTeacher.section_id.in_(other), Staff.source_id.is_not(None))))
    if session.scalar(select(other.exists())):
        # Staff who teach no class (a counselor, a principal) could be either school's.
        teaching = select(SectionTeacher.staff_id)
        staff |= set(session.scalars(select(Staff.source_id).where(Staff.id.not_in(teaching),
                                                                    Staff.source_id.is_not(None))))
    return {s for s in students if s}, {s for s in staff if s}


def _students(session: Session, present: set[str], report: ImportReport, elsewhere: set[str]) -> None:
    query = select(Student).where(Student.active.is_(True), Student.source_id.is_not(None))
    for student in session.scalars(query.order_by(Student.family_name, Student.given_name)):
        if student.source_id in present or student.source_id in elsewhere:
            continue
        _note(report, "students", f"{student.display_name} ({student.local_id})")
        if not report.keep_absent:
            student.active = False


def _staff(session: Session, present: set[str], report: ImportReport, elsewhere: set[str]) -> None:
    query = select(Staff).where(Staff.active.is_(True), Staff.source_id.is_not(None))
    for staff in session.scalars(query.order_by(Staff.family_name, Staff.given_name)):
        if staff.source_id in present or staff.source_id in elsewhere:
            continue
        _note(report, "staff", staff.display_name)
        if not report.keep_absent:
            staff.active = False


def _enrollments(session: Session, ds: Dataset, present: set[tuple[str, str]], report: ImportReport) -> None:
    listed = {key for key, rec in ds.classes.items() if not rec.deleted}
    rows = session.execute(
        select(Enrollment, Section.source_id, Section.name, Student)
        .join(Section, Section.id == Enrollment.section_id)
        .join(Student, Student.id == Enrollment.student_id)
        .where(Enrollment.active.is_(True), Section.source_id.is_not(None), Student.source_id.is_not(None))
        .order_by(Section.name, Student.family_name)
    ).all()
    departed = ds.present_users
    for enrollment, class_key, class_name, student in rows:
        if class_key not in listed or (class_key, student.source_id) in present:
            continue
        if departed is not None and student.source_id not in departed:
            continue  # the student has left: said once, as a student
        _note(report, "enrollments", f"{student.display_name} in {class_name}")
        if not report.keep_absent:
            enrollment.active = False
