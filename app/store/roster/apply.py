"""Writing a checked Dataset into the workspace, in the caller's one transaction.

Records are recognised by ``source_id`` (the SIS's ``sourcedId``) so a second import
updates rather than duplicates; students also by their local ID, so a roster typed in by
hand or imported from a plain CSV is adopted by a later OneRoster import. Deletions
(``status=tobedeleted``) never destroy grades: students and staff are deactivated, and a
class with assignments is kept (with a warning).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.i18n import _
from app.core.progress import IsCancelled, Progress
from app.store.models import (
    Assignment,
    Course,
    Enrollment,
    Guardian,
    School,
    SchoolYear,
    Section,
    SectionTeacher,
    Staff,
    Student,
    StudentGuardian,
    Term,
)
from app.store.roster.absent import deactivate_absent
from app.store.roster.bulk import BulkTable, assign_ids
from app.store.roster.dataset import ClassRec, Dataset, EnrollmentRec, SessionRec, UserRec
from app.store.roster.report import ImportCancelled, ImportReport, RowIssue

T = TypeVar("T")


def known_keys(session: Session) -> Callable[[str, str], bool]:
    """What the workspace already holds, by kind, for references from delta files."""
    sets: dict[str, set[str]] = {}

    def ids(*models: Any) -> set[str]:
        out: set[str] = set()
        for model in models:
            out.update(s for s in session.scalars(select(model.source_id)) if s)
        return out

    sets["org"] = ids(School)
    sets["session"] = ids(SchoolYear, Term)
    sets["course"] = ids(Course)
    sets["class"] = ids(Section)
    sets["user"] = ids(Student, Staff, Guardian)
    return lambda kind, key: key in sets.get(kind, set())


def _assign(obj: object, **values: Any) -> bool:
    """Set attributes that differ; True if anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _by_source(session: Session, model: type[T]) -> dict[str, T]:
    rows = session.scalars(select(model).where(model.source_id.is_not(None)))  # type: ignore[attr-defined]
    return {r.source_id: r for r in rows}  # type: ignore[attr-defined]


class Writer:
    def __init__(self, session: Session, ds: Dataset, report: ImportReport,
                 progress: Progress | None, cancelled: IsCancelled | None) -> None:
        self.s = session
        self.ds = ds
        self.report = report
        self.progress = progress
        self.cancelled = cancelled
        self.schools: dict[str, School] = {}
        self.years: dict[str, SchoolYear] = {}
        self.terms: dict[str, Term] = {}
        self.courses: dict[str, Course] = {}
        self.sections: dict[str, Section] = {}
        self.staff: dict[str, Staff] = {}
        # Database ids by record key: students and guardians are written in bulk.
        self.students: dict[str, int] = {}
        self.guardians: dict[str, int] = {}
        self._done = 0
        self._total = max(1, ds.size())

    # -- bookkeeping ---------------------------------------------------------------------

    def tick(self, n: int = 1) -> None:
        self._done += n
        if self.cancelled and self.cancelled():
            raise ImportCancelled()
        if self.progress and self._done % 50 == 0:
            self.progress(min(1.0, self._done / self._total), _("Writing the roster…"))

    def count(self, kind: str, created: bool, changed: bool) -> None:
        if created:
            self.report.created[kind] += 1
        elif changed:
            self.report.updated[kind] += 1
        else:
            self.report.unchanged[kind] += 1

    def upsert(self, kind: str, model: type[T], found: T | None, values: dict[str, Any],
               **create_only: Any) -> T:
        """Create the row (with ``create_only`` fields such as its source id) or update the
        one found with ``values``; counts it under ``kind`` either way."""
        if found is None:
            row = model(**create_only, **values)
            self.s.add(row)
            self.count(kind, True, True)
            return row
        self.count(kind, False, _assign(found, **values))
        return found

    # -- the whole write -----------------------------------------------------------------

    def run(self) -> None:
        self.check_local_ids()
        if not self.report.ok:
            return
        self.write_schools()
        self.write_sessions()
        self.write_courses()
        self.write_sections()
        self.write_people()
        self.write_links()
        self.write_enrollments()
        deactivate_absent(self.s, self.ds, self.report)
        self.delete_marked()
        self.s.flush()

    def check_local_ids(self) -> None:
        """A student's local ID may not already belong to a different student: such a row is
        skipped (with its enrollments and family links), the rest of the roster goes in."""
        existing = {
            local: (sid, sdb_id)
            for local, sid, sdb_id in self.s.execute(select(Student.local_id, Student.source_id, Student.id))
        }
        by_source = {sid: local for local, (sid, _id) in existing.items() if sid}
        for key, user in list(self.ds.users.items()):
            if user.kind != "student" or user.deleted:
                continue
            owner = existing.get(user.local_id)
            if owner is None or user.source_id is None:
                continue
            owner_source, _ = owner
            if owner_source not in (None, user.source_id):
                message = (f"local ID {user.local_id!r} already belongs to another student "
                           f"in the workspace (source {owner_source!r})")
            elif owner_source is None and user.source_id in by_source:
                message = (f"local ID {user.local_id!r} belongs to a different student than "
                           f"sourcedId {user.source_id!r}")
            else:
                continue
            issue = self.report.defect(user.origin.file, user.origin.line, message)
            self._drop_user(key, user, issue)

    def _drop_user(self, key: str, user: UserRec, issue: RowIssue) -> None:
        del self.ds.users[key]
        for ekey, enr in list(self.ds.enrollments.items()):
            if enr.user_key == user.key and (enr.role == "student") == (user.kind == "student"):
                del self.ds.enrollments[ekey]
                issue.knock_on[_("row(s) of {file} that name it are skipped too").format(file=enr.origin.file)] += 1
        self.ds.links = [link for link in self.ds.links if link.student_key != user.key]

    # -- schools and sessions ------------------------------------------------------------

    def write_schools(self) -> None:
        existing = _by_source(self.s, School)
        school_orgs = [o for o in self.ds.orgs.values() if o.type == "school" or self._used_as_school(o.key)]
        unsourced = list(self.s.scalars(select(School).where(School.source_id.is_(None))))
        total_schools = self.s.scalar(select(func.count()).select_from(School)) or 0
        for org in school_orgs:
            self.tick()
            if org.deleted:
                if org.key in existing:
                    self.report.warn(org.origin.file, org.origin.line,
                                     _("school {value!r} is marked tobedeleted; schools are kept").format(value=org.name or org.key))
                continue
            school = existing.get(org.key)
            created = False
            if school is None and len(school_orgs) == 1 and len(unsourced) == 1 and total_schools == 1:
                # The school the workspace was created with is this one.
                school = unsourced[0]
                school.source_id = org.key
            if school is None:
                school = School(source_id=org.key, name=org.name)
                self.s.add(school)
                created = True
            changed = _assign(school, name=org.name or school.name)
            self.schools[org.key] = school
            self.count("schools", created, changed)
        for key, school in existing.items():
            self.schools.setdefault(key, school)
        self.s.flush()

    def _used_as_school(self, key: str) -> bool:
        return any(c.school_key == key for c in self.ds.classes.values())

    def school_for(self, org_key: str) -> School | None:
        seen: set[str] = set()
        while org_key and org_key not in seen:
            seen.add(org_key)
            if org_key in self.schools:
                return self.schools[org_key]
            org = self.ds.orgs.get(org_key)
            org_key = org.parent_key if org else ""
        return None

    def default_school(self) -> School:
        if self.schools:
            return next(iter(self.schools.values()))
        first = self.s.scalars(select(School).order_by(School.id)).first()
        if first is None:
            name = next((o.name for o in self.ds.orgs.values() if o.name), "School")
            first = School(name=name)
            self.s.add(first)
            self.s.flush()
            self.report.created["schools"] += 1
        self.schools[""] = first
        return first

    def _year_key(self, rec: SessionRec) -> str | None:
        seen: set[str] = set()
        cur: SessionRec | None = rec
        while cur is not None and cur.key not in seen:
            seen.add(cur.key)
            if cur.type == "schoolYear":
                return cur.key
            cur = self.ds.sessions.get(cur.parent_key)
        return None

    def write_sessions(self) -> None:
        years_db = _by_source(self.s, SchoolYear)
        terms_db = _by_source(self.s, Term)
        sessions = [s for s in self.ds.sessions.values() if not s.deleted]
        # Which school each year belongs to: the school of the classes taught in its terms.
        year_school: dict[str, School] = {}
        for cls in self.ds.classes.values():
            for term_key in cls.term_keys:
                term = self.ds.sessions.get(term_key)
                year_key = self._year_key(term) if term else None
                owner = self.school_for(cls.school_key)
                if year_key and owner is not None:
                    year_school.setdefault(year_key, owner)
        for rec in sessions:
            if rec.type != "schoolYear":
                continue
            self.tick()
            year = years_db.get(rec.key)
            created = year is None
            school = year_school.get(rec.key)
            if year is None:
                school = school or self.default_school()
                year = SchoolYear(source_id=rec.key, school_id=school.id, name=rec.title,
                                  start_date=rec.start, end_date=rec.end)
                self.s.add(year)
                changed = True
            else:
                changed = _assign(year, name=rec.title, start_date=rec.start, end_date=rec.end)
                if school is not None:
                    changed |= _assign(year, school_id=school.id)
            self.years[rec.key] = year
            self.count("school years", created, changed)
        for key, known_year in years_db.items():
            self.years.setdefault(key, known_year)
        self.s.flush()

        pending = [s for s in sessions if s.type != "schoolYear"]
        # Parents before children.
        depth = {s.key: self._depth(s) for s in pending}
        pending.sort(key=lambda s: depth[s.key])
        for rec in pending:
            self.tick()
            term_year = self._year_for(rec, terms_db)
            parent = self.terms.get(rec.parent_key) or terms_db.get(rec.parent_key)
            kind = rec.type if not rec.type.startswith("ext:") else "term"
            values: dict[str, Any] = dict(
                name=rec.title, kind=kind, start_date=rec.start, end_date=rec.end,
                school_year_id=term_year.id, parent_id=parent.id if parent else None,
            )
            term_row = self.upsert("terms", Term, terms_db.get(rec.key), values, source_id=rec.key)
            self.s.flush()
            self.terms[rec.key] = term_row
        for key, known_term in terms_db.items():
            self.terms.setdefault(key, known_term)

    def _depth(self, rec: SessionRec) -> int:
        depth, cur, seen = 0, rec, set()
        while cur.parent_key in self.ds.sessions and cur.key not in seen:
            seen.add(cur.key)
            cur = self.ds.sessions[cur.parent_key]
            depth += 1
        return depth

    def _year_for(self, rec: SessionRec, terms_db: dict[str, Term]) -> SchoolYear:
        key = self._year_key(rec)
        if key and key in self.years:
            return self.years[key]
        parent_term = terms_db.get(rec.parent_key)
        if parent_term is not None:
            return parent_term.school_year
        if rec.parent_key in self.years:  # a year already in the workspace
            return self.years[rec.parent_key]
        # No schoolYear session above it: the year whose dates hold it, or one made from
        # the ``schoolYear`` column ("2026" is the 2025–2026 year).
        for year in self.years.values():
            if year.start_date <= rec.start and rec.end <= year.end_date:
                return year
        label = rec.school_year or str(rec.end.year if rec.end.month < 8 else rec.end.year + 1)
        synthetic = f"oneroster-schoolYear-{label}"
        if synthetic not in self.years:
            found = self.s.scalars(select(SchoolYear).where(SchoolYear.source_id == synthetic)).first()
            siblings = [s for s in self.ds.sessions.values()
                        if s.type != "schoolYear" and (s.school_year or label) == label and not s.deleted]
            start = min(s.start for s in siblings)
            end = max(s.end for s in siblings)
            created = found is None
            if found is None:
                found = SchoolYear(source_id=synthetic, school_id=self.default_school().id,
                                   name=f"{int(label) - 1}–{label}" if label.isdigit() else label,
                                   start_date=start, end_date=end)
                self.s.add(found)
                changed = True
            else:
                changed = _assign(found, start_date=min(start, found.start_date),
                                  end_date=max(end, found.end_date))
            self.s.flush()
            self.years[synthetic] = found
            self.count("school years", created, changed)
        return self.years[synthetic]

    # -- courses and classes -------------------------------------------------------------

    def write_courses(self) -> None:
        existing = _by_source(self.s, Course)
        for rec in self.ds.courses.values():
            self.tick()
            if rec.deleted:
                continue
            school = self.school_for(rec.org_key)
            values = dict(title=rec.title, code=rec.code, subject=", ".join(rec.subjects),
                          grade_levels=",".join(rec.grades),
                          school_id=school.id if school else None)
            course = existing.get(rec.key)
            if course is not None and school is None:
                values.pop("school_id")  # an unknown org must not detach a known course
            self.courses[rec.key] = self.upsert("courses", Course, course, values, source_id=rec.key)
        for key, course in existing.items():
            self.courses.setdefault(key, course)
        self.s.flush()

    def _term_for(self, rec: ClassRec) -> Term | None:
        if rec.term_name:
            term = self.s.scalars(
                select(Term).where(func.lower(Term.name) == rec.term_name.lower())
                .order_by(Term.start_date.desc())
            ).first()
            if term is None:
                self.report.warn(rec.origin.file, rec.origin.line,
                                 _("term {term_name!r} is not in the workspace; the class has no term").format(term_name=rec.term_name))
            return term
        terms = [self.terms[k] for k in rec.term_keys if k in self.terms]
        if not terms:
            return None
        if len(terms) > 1:
            parents = {t.parent_id for t in terms}
            if len(parents) == 1 and None not in parents:
                return self.s.get(Term, parents.pop())
            terms.sort(key=lambda t: t.start_date)
            self.report.warn(rec.origin.file, rec.origin.line,
                             _("class {title!r} spans {count} terms; it is filed under {name!r}").format(title=rec.title, count=len(terms), name=terms[0].name))
        return terms[0]

    def write_sections(self) -> None:
        existing = _by_source(self.s, Section)
        for rec in self.ds.classes.values():
            self.tick()
            if rec.deleted:
                continue
            course = self.courses.get(rec.course_key)
            term = self._term_for(rec)
            values = dict(name=rec.title, code=rec.code, period=", ".join(rec.periods),
                          room=rec.location, course_id=course.id if course else None,
                          term_id=term.id if term else None)
            self.sections[rec.key] = self.upsert("classes", Section, existing.get(rec.key), values,
                                                 source_id=rec.key)
        for key, section in existing.items():
            self.sections.setdefault(key, section)
        self.s.flush()

    # -- people --------------------------------------------------------------------------

    def write_people(self) -> None:
        """Staff (a few dozen) as ORM rows; students and guardians (one per line of a big
        file) as plain rows written in bulk."""
        staff_db = _by_source(self.s, Staff)
        people = _People(self.s)
        for rec in self.ds.users.values():
            self.tick()
            if rec.kind == "staff":
                self._staff(rec, staff_db)
            elif rec.kind == "student":
                self._student(rec, people)
            else:
                self._guardian(rec, people)
        for key, st in staff_db.items():
            self.staff.setdefault(key, st)
        self.s.flush()
        self.students, self.guardians = people.write(self.s)

    def _staff(self, rec: UserRec, existing: dict[str, Staff]) -> None:
        staff = existing.get(rec.source_id or rec.key)
        if rec.deleted:
            if staff is not None and staff.active:
                staff.active = False
                self.report.deleted["staff"] += 1
            return
        if staff is not None and not staff.active:
            self.report.reactivated["staff"] += 1
        values = dict(given_name=rec.given, family_name=rec.family, role=rec.role, active=True)
        if rec.email:
            values["email"] = rec.email
        self.staff[rec.key] = self.upsert("staff", Staff, staff, values, source_id=rec.source_id)

    def _student(self, rec: UserRec, people: _People) -> None:
        row = people.student_by_source.get(rec.source_id) if rec.source_id else None
        if row is None:
            row = people.student_by_local.get(rec.local_id)
        if rec.deleted:
            if row is not None and row["active"]:
                people.students.assign(row, {"active": False})
                self.report.deleted["students"] += 1
            return
        if row is not None and not row["active"]:
            self.report.reactivated["students"] += 1
        values = _student_values(rec)
        if row is None:
            row = people.students.add(values)
            people.student_by_local[rec.local_id] = row
            self.count("students", True, True)
        else:
            old_local = row["local_id"]
            self.count("students", False, people.students.assign(row, values))
            if old_local != row["local_id"]:
                people.student_by_local.pop(old_local, None)
                people.student_by_local[row["local_id"]] = row
        people.student_rows[rec.key] = row

    def _guardian(self, rec: UserRec, people: _People) -> None:
        source_id = rec.source_id or rec.key
        row = people.guardian_by_source.get(source_id)
        if rec.deleted:
            if row is not None:
                people.guardians.remove(row)
                del people.guardian_by_source[source_id]
                self.report.deleted["guardians"] += 1
            return
        values: dict[str, Any] = dict(given_name=rec.given, family_name=rec.family)
        for name, value in (("email", rec.email), ("phone", rec.phone),
                            ("preferred_language", rec.language)):
            if value:
                values[name] = value
        if row is None:
            row = people.guardians.add({"source_id": source_id, **values})
            people.guardian_by_source[source_id] = row
            self.count("guardians", True, True)
        else:
            self.count("guardians", False, people.guardians.assign(row, values))
        people.guardian_rows[rec.key] = row

    def _student_id(self, key: str) -> int | None:
        found = self.students.get(key)
        return found if found is not None else self.s.scalar(select(Student.id).where(Student.source_id == key))

    def _guardian_id(self, key: str) -> int | None:
        found = self.guardians.get(key)
        return found if found is not None else self.s.scalar(select(Guardian.id).where(Guardian.source_id == key))

    def write_links(self) -> None:
        links = BulkTable(self.s, StudentGuardian, ("student_id", "guardian_id"), ("relationship_",))
        existing = {links.key(r): r for r in links.rows}
        for link in self.ds.links:
            self.tick()
            student_id = self._student_id(link.student_key)
            guardian_id = self._guardian_id(link.guardian_key)
            if student_id is None or guardian_id is None:
                continue
            row = existing.get((student_id, guardian_id))
            if row is None:
                existing[(student_id, guardian_id)] = links.add(dict(
                    student_id=student_id, guardian_id=guardian_id,
                    relationship_=link.relationship, is_primary=link.is_primary))
                self.count("guardian links", True, True)
            else:
                self.count("guardian links", False, links.assign(row, {"relationship_": link.relationship}))
        links.write(self.s)

    def _lookup(self, model: type[T], key: str) -> T | None:
        return self.s.scalars(select(model).where(model.source_id == key)).first()  # type: ignore[attr-defined]

    # -- enrollments ---------------------------------------------------------------------

    def write_enrollments(self) -> None:
        self.s.flush()
        enrollments = _Enrollments(self.s)
        teachers = {(t.section_id, t.staff_id): t for t in self.s.scalars(select(SectionTeacher))}
        primary_classes = {e.class_key for e in self.ds.enrollments.values()
                           if e.role == "teacher" and e.primary and not e.deleted}
        for rec in self.ds.enrollments.values():
            self.tick()
            section = self.sections.get(rec.class_key) or self._lookup(Section, rec.class_key)
            if section is None:
                continue
            if rec.role == "student":
                self._student_enrollment(rec, section.id, enrollments)
            else:
                self._class_teacher(rec, section, teachers, primary_classes)
        enrollments.table.write(self.s)

    def _student_enrollment(self, rec: EnrollmentRec, section_id: int, enr: _Enrollments) -> None:
        student_id = self._student_id(rec.user_key)
        if student_id is None:
            return
        pair = (section_id, student_id)
        row = (enr.by_source.get(rec.source_id) if rec.source_id else None) or enr.by_pair.get(pair)
        if rec.deleted:  # inactive, not deleted: the class's grades keep their student
            if row is not None and row["active"]:
                enr.table.assign(row, {"active": False})
                self.report.deleted["enrollments"] += 1
            return
        values: dict[str, Any] = dict(section_id=section_id, student_id=student_id,
                                      start_date=rec.begin, end_date=rec.end, active=True)
        if rec.source_id:
            values["source_id"] = rec.source_id
        if row is None:
            row = enr.table.add(values)
            self.count("enrollments", True, True)
        else:
            enr.forget(row)
            self.report.reactivated["enrollments"] += not row["active"]
            self.count("enrollments", False, enr.table.assign(row, values))
        enr.remember(row)

    def _class_teacher(self, rec: EnrollmentRec, section: Section,
                       teachers: dict[tuple[int, int], SectionTeacher], primary_classes: set[str]) -> None:
        staff = self.staff.get(rec.user_key) or self._lookup(Staff, rec.user_key)
        if staff is None:
            return
        pair = (section.id, staff.id)
        teacher = teachers.get(pair)
        if rec.deleted:
            if teacher is not None:
                self.s.delete(teacher)
                del teachers[pair]
                self.report.deleted["class teachers"] += 1
            return
        if rec.role == "teacher":
            role = "primary" if rec.primary or rec.class_key not in primary_classes else "secondary"
        else:
            role = "aide" if rec.role in ("aide", "proctor") else rec.role
        if teacher is None:
            teacher = SectionTeacher(section_id=section.id, staff_id=staff.id, role=role)
            self.s.add(teacher)
            teachers[pair] = teacher
            self.count("class teachers", True, True)
        else:
            self.count("class teachers", False, _assign(teacher, role=role))

    # -- deletions -----------------------------------------------------------------------

    def delete_marked(self) -> None:
        self.s.flush()
        for cls in self.ds.classes.values():
            if not cls.deleted:
                continue
            section = self._lookup(Section, cls.key)
            if section is None:
                continue
            has_work = self.s.scalar(select(func.count()).select_from(Assignment)
                                     .where(Assignment.section_id == section.id))
            if has_work:
                self.report.warn(cls.origin.file, cls.origin.line,
                                 _("class {name!r} is marked tobedeleted but has {has_work} assignment(s); it was kept").format(name=section.name, has_work=has_work))
                continue
            self.s.delete(section)
            self.report.deleted["classes"] += 1
        self.s.flush()
        for crs in self.ds.courses.values():
            if crs.deleted and (course := self._lookup(Course, crs.key)) is not None:
                self.s.delete(course)
                self.report.deleted["courses"] += 1
        self._delete_marked_sessions()

    def _delete_marked_sessions(self) -> None:
        """Terms first, then school years; one still used by classes is kept with a note."""
        sessions = sorted((s for s in self.ds.sessions.values() if s.deleted),
                          key=lambda s: s.type == "schoolYear")
        for rec in sessions:
            model: type[Term] | type[SchoolYear] = SchoolYear if rec.type == "schoolYear" else Term
            obj = self._lookup(model, rec.key)
            if obj is None:
                continue
            if isinstance(obj, Term):
                used = self.s.scalar(select(func.count()).select_from(Section).where(Section.term_id == obj.id))
            else:
                used = self.s.scalar(select(func.count()).select_from(Section).join(Term)
                                     .where(Term.school_year_id == obj.id))
            if used:
                self.report.warn(rec.origin.file, rec.origin.line,
                                 _("{value!r} is marked tobedeleted but {used} class(es) still use it; it was kept").format(value=rec.title or rec.key, used=used))
                continue
            self.s.delete(obj)
            self.report.deleted["school years" if isinstance(obj, SchoolYear) else "terms"] += 1
            self.s.flush()


_STUDENT_FIELDS = ("source_id", "local_id", "given_name", "middle_name", "family_name",
                   "preferred_name", "pronouns", "grade_level", "birth_date", "email", "active")
_STUDENT_DEFAULTS: dict[str, Any] = dict(source_id=None, middle_name="", preferred_name="", pronouns="",
                                         grade_level="", birth_date=None, email="", active=True)
_GUARDIAN_FIELDS = ("source_id", "given_name", "family_name", "email", "phone", "preferred_language")
_GUARDIAN_DEFAULTS: dict[str, Any] = dict(email="", phone="", preferred_language="en")


def _student_values(rec: UserRec) -> dict[str, Any]:
    values: dict[str, Any] = dict(
        local_id=rec.local_id, given_name=rec.given, family_name=rec.family, active=True,
    )
    # Optional fields only overwrite when the file has a value: a plain CSV without a
    # grade column must not wipe grades typed in the app.
    for name, value in (("middle_name", rec.middle), ("preferred_name", rec.preferred),
                        ("grade_level", rec.grade), ("email", rec.email),
                        ("pronouns", rec.pronouns), ("birth_date", rec.birth_date)):
        if value:
            values[name] = value
    if rec.source_id:
        values["source_id"] = rec.source_id
    return values


class _People:
    """The workspace's students and guardians as plain rows, indexed the ways an import
    finds them, and the rows each record of the file became."""

    def __init__(self, session: Session) -> None:
        self.students = BulkTable(session, Student, ("id",), _STUDENT_FIELDS, _STUDENT_DEFAULTS)
        self.guardians = BulkTable(session, Guardian, ("id",), _GUARDIAN_FIELDS, _GUARDIAN_DEFAULTS)
        self.student_by_source = {r["source_id"]: r for r in self.students.rows if r["source_id"]}
        self.student_by_local = {r["local_id"]: r for r in self.students.rows}
        self.guardian_by_source = {r["source_id"]: r for r in self.guardians.rows if r["source_id"]}
        self.student_rows: dict[str, dict[str, Any]] = {}
        self.guardian_rows: dict[str, dict[str, Any]] = {}

    def write(self, session: Session) -> tuple[dict[str, int], dict[str, int]]:
        """Write both tables; the database id of every student and guardian by record key
        (this file's keys, and every source id already in the workspace)."""
        assign_ids(session, Student, "local_id", self.students.write(session))
        assign_ids(session, Guardian, "source_id", self.guardians.write(session))
        students = {key: row["id"] for key, row in self.student_rows.items()}
        guardians = {key: row["id"] for key, row in self.guardian_rows.items()}
        for source_id, row in self.student_by_source.items():
            students.setdefault(source_id, row["id"])
        for source_id, row in self.guardian_by_source.items():
            guardians.setdefault(source_id, row["id"])
        return students, guardians


class _Enrollments:
    """The workspace's student enrollments as plain rows, by source id and by class+student."""

    def __init__(self, session: Session) -> None:
        fields = ("source_id", "section_id", "student_id", "start_date", "end_date", "active")
        self.table = BulkTable(session, Enrollment, ("id",), fields, {"source_id": None, "active": True})
        self.by_source = {r["source_id"]: r for r in self.table.rows if r["source_id"]}
        self.by_pair = {(r["section_id"], r["student_id"]): r for r in self.table.rows}

    def forget(self, row: dict[str, Any]) -> None:
        self.by_pair.pop((row["section_id"], row["student_id"]), None)
        if row.get("source_id"):
            self.by_source.pop(row["source_id"], None)

    def remember(self, row: dict[str, Any]) -> None:
        self.by_pair[(row["section_id"], row["student_id"])] = row
        if row.get("source_id"):
            self.by_source[row["source_id"]] = row


def write_dataset(
    session: Session,
    ds: Dataset,
    report: ImportReport,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> None:
    """Apply ``ds``; a row that conflicts with the workspace becomes a defect and is skipped.

    The caller owns the transaction and must roll it back unless ``report.ok``.
    """
    Writer(session, ds, report, progress, cancelled).run()

