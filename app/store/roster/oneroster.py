"""Reading and checking a OneRoster 1.1 or 1.2 CSV bulk (or delta) set into a Dataset.

Everything is checked before anything is written: required columns, required values,
enumerations, dates, duplicate ``sourcedId``s and every reference between files. A problem
that makes a file unreadable is an error (nothing can be imported); a defective row is a
defect naming the file, the line, the reason and its consequence (the row is skipped, or
imported without the broken reference), so the good part can still be imported. Each root
cause is reported once: rows that name a skipped record are counted on its defect.
Problems in columns TeacherDesk does not use (``dateLastModified``, ``classType``…) are
warnings. References may also point at records an earlier import put in the workspace
(``known``), as delta files do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from typing import Literal

from app.core.i18n import N_, _, ngettext
from app.core.progress import IsCancelled, Progress
from app.store.roster import spec
from app.store.roster.csvfile import CsvRow, CsvTable, RosterSource
from app.store.roster.dataset import (
    ClassRec,
    CourseRec,
    Dataset,
    EnrollmentRec,
    LinkRec,
    OrgRec,
    Origin,
    SessionRec,
    UserRec,
)
from app.store.roster.languages import language_tag
from app.store.roster.report import (
    CsvSyntaxError,
    ImportCancelled,
    ImportReport,
    RosterError,
    RowIssue,
)

# (kind, key) -> is there such a record in the workspace already?
Known = Callable[[str, str], bool]

DATA_FILES = ("orgs.csv", "academicSessions.csv", "courses.csv", "classes.csv", "users.csv",
              "roles.csv", "enrollments.csv")


def is_oneroster(source: RosterSource) -> bool:
    return not source.is_single_file and (source.has("users.csv") or source.has("manifest.csv"))


def detect_version(source: RosterSource, report: ImportReport) -> str:
    """"1.1" or "1.2", from manifest.csv if there is one, else from the files' shape."""
    if source.has("manifest.csv"):
        manifest = read_manifest(source, report)
        version = manifest.get("oneroster.version", "")
        if version.startswith("1.2"):
            return "1.2"
        if version.startswith("1.1") or version.startswith("1.0"):
            return "1.1"
        if version:
            report.warn("manifest.csv", 0, _("oneroster.version {version!r} is not 1.1 or 1.2; reading it as 1.1").format(version=version))
    if source.has("roles.csv"):
        return "1.2"
    if source.has("users.csv"):
        header = {h.lower() for h in source.table("users.csv").header}
        if header and "role" not in header:  # 1.1 requires users.role; 1.2 moved it to roles.csv
            return "1.2"
    return "1.1"


def read_manifest(source: RosterSource, report: ImportReport) -> dict[str, str]:
    table = source.table("manifest.csv")
    missing = spec.MANIFEST.missing(set(table.columns))
    if missing:
        report.error("manifest.csv", 1, _("missing required column {missing!r}").format(missing=missing[0]))
        return {}
    manifest = {row.get("propertyName").lower(): row.get("value") for row in table.rows}
    for prop, value in manifest.items():
        if prop.startswith("file.") and value.lower() in ("bulk", "delta"):
            name = prop[5:] + ".csv"
            if not source.has(name):
                report.error("manifest.csv", 0, _("lists {name} as {value} but the set has no {name}").format(name=name, value=value))
    return manifest


@dataclass
class _Reader:
    source: RosterSource
    report: ImportReport
    version: str
    known: Known
    ds: Dataset = field(init=False)
    broken: set[str] = field(default_factory=set)  # files whose header is unusable
    seen: dict[str, dict[str, int]] = field(default_factory=dict)  # file -> sourcedId -> line
    # (file, sourcedId) -> the root issue of a row that was skipped (its own defect, or the
    # defect that took it along); rows naming it are counted there, not reported again.
    rejected: dict[tuple[str, str], RowIssue] = field(default_factory=dict)
    # (file, sourcedId) -> the first defect about a reference to an id that is not there.
    missing: dict[tuple[str, str], RowIssue] = field(default_factory=dict)
    roles: dict[str, list[tuple[str, str, Origin]]] = field(default_factory=dict)
    local_ids: dict[str, int] = field(default_factory=dict)  # student identifier -> line
    # (file, column) -> [first issue, rows]: a problem in a column TeacherDesk does not use
    # is noted once per file and column, with how many rows have it.
    unused: dict[tuple[str, str], list[object]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.ds = Dataset(format=f"oneroster-{self.version}")

    # -- helpers ------------------------------------------------------------------------

    def skip(self, origin: Origin, key: str, message: str) -> None:
        """A defective row that is not imported; rows naming it are its knock-on."""
        self.rejected[(origin.file, key)] = self.report.defect(origin.file, origin.line, message)

    def partly(self, origin: Origin, message: str, consequence: str) -> None:
        """A defective row that is imported without the broken part."""
        self.report.defect(origin.file, origin.line, message, consequence)

    def warn(self, origin: Origin, message: str) -> None:
        self.report.warn(origin.file, origin.line, message)

    def note_unused(self, origin: Origin, column: str, message: str) -> None:
        """A bad value in a column TeacherDesk does not use: one note per file and column."""
        entry = self.unused.get((origin.file, column))
        if entry is None:
            self.unused[(origin.file, column)] = [RowIssue(origin.file, origin.line, message), 1]
        else:
            entry[1] = int(entry[1]) + 1  # type: ignore[call-overload]

    def flush_unused(self) -> None:
        for issue, rows in self.unused.values():
            assert isinstance(issue, RowIssue)
            n = int(rows)  # type: ignore[call-overload]
            self.report.warnings.append(RowIssue(issue.file, issue.line,
                                                 (ngettext("{message} (and {n} more row of this file); not used, so the rows are imported",
                                                           "{message} (and {n} more rows of this file); not used, so the rows are imported", n - 1)
                                                  if n > 1 else _("{message}; not used, so the row is imported")).format(message=issue.message, n=n - 1)))

    def load(self, fs: spec.FileSpec, *, required: bool) -> CsvTable | None:
        if not self.source.has(fs.name):
            if required:
                self.report.error(fs.name, 0, _("the set has no {name}; it is required").format(name=fs.name))
                self.broken.add(fs.name)
            return None
        try:
            table = self.source.table(fs.name)
        except CsvSyntaxError as exc:
            self.report.error(fs.name, exc.line or 0, exc.reason)
            self.broken.add(fs.name)
            return None
        table.name = fs.name
        for warning in table.warnings:
            self.report.warn(fs.name, 0, warning)
        if not table.header:
            self.report.error(fs.name, 1, _("the file is empty; it needs a header row"))
            self.broken.add(fs.name)
            return None
        missing = fs.missing(set(table.columns))
        for column in missing:
            self.report.error(fs.name, 1, _("missing required column {column!r}").format(column=column))
        if missing:
            self.broken.add(fs.name)
            return None
        unknown = [h for h in table.header if h and h.lower() not in {c.lower() for c in fs.columns}
                   and not h.lower().startswith("metadata.")]
        if unknown:
            self.report.warn(fs.name, 1, "ignored column(s) not in the OneRoster binding: " + ", ".join(unknown))
        return table

    def start_row(self, table: CsvTable, row: CsvRow, fs: spec.FileSpec) -> tuple[Origin, str, bool] | None:
        """Common checks of every row; None if the row is skipped (already reported)."""
        origin = Origin(table.name, row.line)
        if row.extra and any(v.strip() for v in row.extra):
            self.report.defect(origin.file, origin.line,
                               _("the row has {count} values but the header has {count2} columns (a comma inside an unquoted value?)").format(count=len(table.header) + len(row.extra), count2=len(table.header)))
            return None
        key = row.get("sourcedId")
        if not key:
            self.report.defect(origin.file, origin.line, _("sourcedId is empty; every row needs one"))
            return None
        seen = self.seen.setdefault(table.name, {})
        if key in seen:
            # The first row of that id is imported; this one is not, and it is no root cause.
            self.report.defect(origin.file, origin.line,
                               _("duplicate sourcedId {key!r} (also on line {seen})").format(key=key, seen=seen[key]))
            return None
        seen[key] = row.line
        status = row.get("status")
        deleted = False
        if status:
            canonical = spec.match_enum(status, spec.STATUS)
            if canonical is None:
                self.skip(origin, key, f"status {status!r} is not one of: active, tobedeleted")
                return None
            deleted = canonical in ("tobedeleted", "inactive")
        modified = row.get("dateLastModified")
        if modified and _datetime(modified) is None:
            # TeacherDesk does not use dateLastModified: a note, not a reason to drop the row.
            self.note_unused(origin, "dateLastModified", _("dateLastModified {modified!r} is not an ISO 8601 date-time (e.g. 2026-08-01T12:00:00.000Z)").format(modified=modified))
        if not deleted:
            for column in fs.required:
                if column not in spec.LENIENT_BLANK and not row.get(column):
                    self.skip(origin, key, f"{column} is empty; it is required")
                    return None
        return origin, key, deleted

    def enum(self, origin: Origin, key: str, row: CsvRow, column: str, allowed: tuple[str, ...],
             default: str = "", *, used: bool = True) -> str | None:
        """The canonical value; a bad value skips the row (``used``) or is a warning."""
        value = row.get(column)
        if not value:
            return default
        canonical = spec.match_enum(value, allowed)
        if canonical is None:
            message = f"{column} {value!r} is not one of: {', '.join(allowed)}"
            if used:
                self.skip(origin, key, message)
            else:
                self.note_unused(origin, column, message)
                return default
        return canonical

    def date(self, origin: Origin, row: CsvRow, column: str) -> dt.date | None | Literal[False]:
        """The date, None if blank, False if malformed (the caller reports it)."""
        value = row.get(column)
        if not value:
            return None
        try:
            if len(value) != 10:
                raise ValueError
            return dt.date.fromisoformat(value)
        except ValueError:
            return False

    def bad_date(self, row: CsvRow, column: str) -> str:
        return f"{column} {row.get(column)!r} is not a date in the form YYYY-MM-DD"

    def unused_dates(self, origin: Origin, row: CsvRow, *columns: str) -> None:
        for column in columns:
            if self.date(origin, row, column) is False:
                self.note_unused(origin, column, self.bad_date(row, column))

    def boolean(self, row: CsvRow, column: str) -> bool | None:
        """True/False; None if the value is not a boolean (the caller decides)."""
        value = row.get(column)
        if not value:
            return False
        canonical = spec.match_enum(value, spec.BOOLEANS)
        if canonical is None or canonical.startswith("ext:"):
            return None
        return canonical == "true"

    def grades(self, origin: Origin, row: CsvRow) -> list[str]:
        values = _list(row.get("grades"))
        for g in values:
            if not spec.is_grade(g):
                self.warn(origin, _("grade {g!r} is not a CEDS grade code (KG, 01..12...); kept as written").format(g=g))
        return [spec.normalise_grade(g) for g in values]

    def ref(self, origin: Origin, column: str, key: str, kind: str, pool: Container[str],
            target_file: str, consequence: str, *, used: bool = True) -> bool:
        """Does ``key`` name a record (in this set or the workspace)?

        If not, the first row naming it carries the defect (with ``consequence``), later
        rows and rows naming a skipped record are counted there, not reported again.
        A reference in a column TeacherDesk does not use is a warning.
        """
        if not key or key in pool or self.known(kind, key):
            return True
        effect = _("skipped too") if consequence == "skipped" else _("imported without it too")
        root = self.rejected.get((target_file, key))
        if root is None and (target_file in self.broken or key in self.seen.get(target_file, {})):
            return False  # that file (or that row) has its own error already; say it once
        if root is not None:
            root.knock_on[_("row(s) of {file} that name it are {effect}").format(file=origin.file, effect=effect)] += 1
            return False
        if not used:
            self.note_unused(origin, column, _("{column} {key!r} is not a sourcedId in {target_file}").format(column=column, key=key, target_file=target_file))
            return False
        first = self.missing.get((target_file, key))
        if first is not None:
            first.knock_on[_("more row(s) of {file} name it and are {effect}").format(file=origin.file, effect=effect)] += 1
            return False
        issue = self.report.defect(origin.file, origin.line,
                                   _("{column} {key!r} is not a sourcedId in {target_file}").format(column=column, key=key, target_file=target_file), _(consequence))
        self.missing[(target_file, key)] = issue
        return False

    def knock_on(self, origin: Origin, key: str, target_file: str, target_key: str) -> None:
        """Skip a row because the record it depends on was skipped, without a new message."""
        root = self.rejected.get((target_file, target_key)) or self.missing.get((target_file, target_key))
        if root is not None:
            self.rejected[(origin.file, key)] = root

    # -- files ---------------------------------------------------------------------------

    def read_orgs(self) -> None:
        table = self.load(spec.ORGS, required=True)
        for row in table.rows if table else []:
            start = self.start_row(table, row, spec.ORGS)  # type: ignore[arg-type]
            if not start:
                continue
            origin, key, deleted = start
            kind = self.enum(origin, key, row, "type", spec.ORG_TYPES, default="school")
            if kind is None:
                continue
            self.ds.orgs[key] = OrgRec(key, row.get("name"), kind, origin,
                                       parent_key=row.get("parentSourcedId"), deleted=deleted)
        for org in self.ds.orgs.values():
            if not org.deleted and not self.ref(
                org.origin, "parentSourcedId", org.parent_key, "org", self.ds.orgs, "orgs.csv",
                f"imported without its parent {'district' if org.type == 'school' else 'org'}",
            ):
                org.parent_key = ""

    def read_sessions(self) -> None:
        table = self.load(spec.ACADEMIC_SESSIONS, required=False)
        for row in table.rows if table else []:
            start = self.start_row(table, row, spec.ACADEMIC_SESSIONS)  # type: ignore[arg-type]
            if not start:
                continue
            origin, key, deleted = start
            kind = self.enum(origin, key, row, "type", spec.SESSION_TYPES, default="term")
            if kind is None:
                continue
            begin, end = self.date(origin, row, "startDate"), self.date(origin, row, "endDate")
            if begin is False or end is False:
                self.skip(origin, key, self.bad_date(row, "startDate" if begin is False else "endDate"))
                continue
            if deleted and not (begin and end):
                begin = end = dt.date.min
            if isinstance(begin, dt.date) and isinstance(end, dt.date) and end < begin:
                self.skip(origin, key, f"endDate {end} is before startDate {begin}")
                continue
            year = row.get("schoolYear")
            if year and not (year.isdigit() and len(year) == 4):
                if kind == "schoolYear" or not isinstance(end, dt.date):
                    self.skip(origin, key, f"schoolYear {year!r} is not a four-digit year (e.g. 2026)")
                    continue
                self.partly(origin, f"schoolYear {year!r} is not a four-digit year (e.g. 2026)",
                            "imported; its school year is found from its dates")
                year = ""
            assert isinstance(begin, dt.date) and isinstance(end, dt.date)
            self.ds.sessions[key] = SessionRec(
                key, row.get("title"), kind, begin, end, origin,
                parent_key=row.get("parentSourcedId"), school_year=year, deleted=deleted,
            )
        for s in self.ds.sessions.values():
            if not s.deleted and not self.ref(
                s.origin, "parentSourcedId", s.parent_key, "session", self.ds.sessions,
                "academicSessions.csv",
                "imported without its parent; its school year is found from its dates",
            ):
                s.parent_key = ""

    def read_courses(self) -> None:
        table = self.load(spec.COURSES, required=False)
        for row in table.rows if table else []:
            start = self.start_row(table, row, spec.COURSES)  # type: ignore[arg-type]
            if not start:
                continue
            origin, key, deleted = start
            rec = CourseRec(key, row.get("title"), origin, code=row.get("courseCode"),
                            grades=self.grades(origin, row), subjects=_list(row.get("subjects")),
                            org_key=row.get("orgSourcedId"), deleted=deleted)
            if not deleted:
                if not self.ref(origin, "orgSourcedId", rec.org_key, "org", self.ds.orgs, "orgs.csv",
                                N_("imported without its school")):
                    rec.org_key = ""
                self.ref(origin, "schoolYearSourcedId", row.get("schoolYearSourcedId"), "session",
                         self.ds.sessions, "academicSessions.csv", "", used=False)
            self.ds.courses[key] = rec

    def read_classes(self) -> None:
        table = self.load(spec.CLASSES, required=False)
        for row in table.rows if table else []:
            start = self.start_row(table, row, spec.CLASSES)  # type: ignore[arg-type]
            if not start:
                continue
            origin, key, deleted = start
            self.enum(origin, key, row, "classType", spec.CLASS_TYPES, used=False)
            rec = ClassRec(key, row.get("title"), origin, code=row.get("classCode"),
                           course_key=row.get("courseSourcedId"),
                           school_key=row.get("schoolSourcedId"),
                           term_keys=_list(row.get("termSourcedIds")),
                           periods=_list(row.get("periods")), location=row.get("location"),
                           deleted=deleted)
            if not deleted:
                self._class_refs(origin, rec)
            self.ds.classes[key] = rec

    def _class_refs(self, origin: Origin, rec: ClassRec) -> None:
        # A class whose course is missing keeps it: a course record named after the id,
        # which the next import with a courses.csv row of that id fills in.
        if not self.ref(origin, "courseSourcedId", rec.course_key, "course", self.ds.courses,
                        "courses.csv", N_("imported with a course record named after its course id")) \
                and rec.course_key not in self.ds.courses:
            self.ds.courses[rec.course_key] = CourseRec(rec.course_key, rec.course_key, origin)
        if not self.ref(origin, "schoolSourcedId", rec.school_key, "org", self.ds.orgs, "orgs.csv",
                        N_("imported without its school")):
            rec.school_key = ""
        terms = []
        for term in rec.term_keys:
            if self.ref(origin, "termSourcedIds", term, "session", self.ds.sessions,
                        "academicSessions.csv", f"imported without term {term!r}"):
                terms.append(term)
        rec.term_keys = terms

    def read_roles(self) -> None:
        """1.2: roles.csv carries each user's role(s); the primary one decides the record kind."""
        table = self.load(spec.ROLES_FILE, required=True)
        for row in table.rows if table else []:
            start = self.start_row(table, row, spec.ROLES_FILE)  # type: ignore[arg-type]
            if not start:
                continue
            origin, key, deleted = start
            if deleted:
                continue
            role = self.enum(origin, key, row, "role", spec.ROLES_12)
            if role is None:
                self.rejected[("users.csv", row.get("userSourcedId"))] = self.rejected[(origin.file, key)]
                continue
            role_type = self.enum(origin, key, row, "roleType", spec.ROLE_TYPES, default="primary",
                                  used=False)
            self.unused_dates(origin, row, "beginDate", "endDate")
            self.ref(origin, "orgSourcedId", row.get("orgSourcedId"), "org", self.ds.orgs, "orgs.csv",
                     "", used=False)
            self.roles.setdefault(row.get("userSourcedId"), []).append((role, role_type or "primary", origin))

    def read_users(self) -> None:
        fs = spec.USERS_12 if self.version == "1.2" else spec.USERS_11
        table = self.load(fs, required=True)
        if self.version == "1.2" and "roles.csv" in self.broken:
            self.broken.add("users.csv")  # without roles no user can be read; say so once
        if not table:
            return
        language_cols = [c for c in table.columns if c.startswith("metadata.") and "language" in c]
        preferred_cols = [c for c in ("preferredgivenname", "metadata.preferredname",
                                      "metadata.preferredgivenname", "metadata.nickname")
                          if c in table.columns]
        for row in table.rows:
            start = self.start_row(table, row, fs)
            if not start:
                continue
            origin, key, deleted = start
            role = self._user_role(origin, key, row)
            if role is None:
                continue
            kind, td_role = spec.ROLE_KIND.get(role.lower(), ("staff", "teacher"))
            if self.boolean(row, "enabledUser") is None:
                self.note_unused(origin, "enabledUser",
                                 _("enabledUser {text!r} must be true or false").format(text=row.get('enabledUser')))
            language = ""
            for col in language_cols:
                if row.get(col):
                    tag = language_tag(row.get(col))
                    if tag is None:
                        self.warn(origin, _("language {text!r} is not recognised; left as it was").format(text=row.get(col)))
                    else:
                        language = tag
                    break
            preferred = next((row.get(c) for c in preferred_cols if row.get(c)), "")
            rec = UserRec(
                key, key, kind, td_role, row.get("givenName"), row.get("familyName"), origin,
                middle=row.get("middleName"), preferred=preferred,
                local_id=row.get("identifier") or key, email=row.get("email"),
                phone=row.get("phone") or row.get("sms"), pronouns=row.get("pronouns"),
                language=language if kind == "guardian" else "",
                agent_keys=_list(row.get("agentSourcedIds")), deleted=deleted,
            )
            grades = self.grades(origin, row)
            rec.grade = grades[0] if grades else ""
            if kind == "student" and not deleted and not self._claim_local_id(origin, key, rec):
                continue
            if not deleted:
                for org in _list(row.get("orgSourcedIds")) + _list(row.get("primaryOrgSourcedId")):
                    self.ref(origin, "orgSourcedIds", org, "org", self.ds.orgs, "orgs.csv", "", used=False)
            self.ds.users[key] = rec
        for user_key, entries in self.roles.items():
            if user_key not in self.ds.users and not self.known("user", user_key) \
                    and user_key not in self.seen.get("users.csv", {}):
                for _role, _type, origin in entries:
                    self.report.defect(origin.file, origin.line,
                                       _("userSourcedId {user_key!r} is not a sourcedId in users.csv").format(user_key=user_key))
        self._links()

    def _claim_local_id(self, origin: Origin, key: str, rec: UserRec) -> bool:
        """A student's identifier is its local ID: two students may not share one."""
        if rec.local_id in self.local_ids:
            self.skip(origin, key, f"identifier {rec.local_id!r} is also used by the student "
                                   f"on line {self.local_ids[rec.local_id]}")
            return False
        self.local_ids[rec.local_id] = origin.line
        return True

    def _user_role(self, origin: Origin, key: str, row: CsvRow) -> str | None:
        if self.version == "1.1":
            return self.enum(origin, key, row, "role", spec.ROLES_11) or None
        entries = self.roles.get(key, [])
        if not entries:
            if ("users.csv", key) in self.rejected:  # its role row was skipped: said there
                self.rejected[("users.csv", key)].knock_on[_("row(s) of users.csv that need it are skipped too")] += 1
            elif "roles.csv" not in self.broken:
                self.skip(origin, key, f"user {key!r} has no role in roles.csv")
            return None
        primary = [e for e in entries if e[1] == "primary"] or entries
        return primary[0][0]

    def _links(self) -> None:
        users = self.ds.users
        pairs: set[tuple[str, str]] = set()
        has_primary: set[str] = set()
        for user in users.values():
            if user.deleted:
                continue
            for agent in user.agent_keys:
                other = users.get(agent)
                if other is None:
                    self.ref(user.origin, "agentSourcedIds", agent, "user", users, "users.csv",
                             N_("imported without that family link"))
                    continue
                if user.kind == "student" and other.kind == "guardian":
                    student, guardian = user, other
                elif user.kind == "guardian" and other.kind == "student":
                    student, guardian = other, user
                else:
                    self.warn(user.origin, _("agent {agent!r} ignored: only student–parent/guardian links are kept").format(agent=agent))
                    continue
                if other.deleted or (student.key, guardian.key) in pairs:
                    continue
                pairs.add((student.key, guardian.key))
                primary = student.key not in has_primary
                has_primary.add(student.key)
                self.ds.links.append(LinkRec(student.key, guardian.key, guardian.role, primary,
                                             user.origin))

    def read_enrollments(self) -> None:
        table = self.load(spec.ENROLLMENTS, required=False)
        pairs: dict[tuple[str, str], int] = {}
        for row in table.rows if table else []:
            start = self.start_row(table, row, spec.ENROLLMENTS)  # type: ignore[arg-type]
            if not start:
                continue
            origin, key, deleted = start
            role = self.enum(origin, key, row, "role", spec.ENROLLMENT_ROLES)
            if role is None:
                continue
            rec = EnrollmentRec(key, key, row.get("classSourcedId"), row.get("userSourcedId"),
                                role, origin, deleted=deleted)
            if not deleted:
                if not self.ref(origin, "classSourcedId", rec.class_key, "class", self.ds.classes,
                                "classes.csv", "skipped"):
                    self.knock_on(origin, key, "classes.csv", rec.class_key)
                    continue
                if not self.ref(origin, "userSourcedId", rec.user_key, "user", self.ds.users,
                                "users.csv", "skipped"):
                    self.knock_on(origin, key, "users.csv", rec.user_key)
                    continue
                self.ref(origin, "schoolSourcedId", row.get("schoolSourcedId"), "org", self.ds.orgs,
                         "orgs.csv", "", used=False)
                self._enrollment_details(origin, row, rec)
                pair = (rec.class_key, rec.user_key)
                if pair in pairs:
                    self.warn(origin, _("{user_key!r} is enrolled in {class_key!r} again (also on line {pairs}); the rows are merged").format(user_key=rec.user_key, class_key=rec.class_key, pairs=pairs[pair]))
                pairs.setdefault(pair, row.line)
            self.ds.enrollments[key] = rec
        self._enrollment_roles_win()

    def _enrollment_details(self, origin: Origin, row: CsvRow, rec: EnrollmentRec) -> None:
        primary = self.boolean(row, "primary")
        if primary is None:
            self.partly(origin, f"primary {row.get('primary')!r} must be true or false",
                        "imported as not primary")
        rec.primary = bool(primary)
        begin, end = self.date(origin, row, "beginDate"), self.date(origin, row, "endDate")
        for column, value in (("beginDate", begin), ("endDate", end)):
            if value is False:
                self.partly(origin, self.bad_date(row, column), f"imported without its {column}")
        rec.begin = begin or None
        rec.end = end or None
        if rec.begin and rec.end and rec.end < rec.begin:
            self.partly(origin, f"endDate {rec.end} is before beginDate {rec.begin}",
                        "imported without its dates")
            rec.begin = rec.end = None

    def _enrollment_roles_win(self) -> None:
        """Where users.csv and enrollments.csv disagree on who is a student, the enrollment
        (what the person does in that class) wins; a user enrolled both ways gets both records."""
        by_user: dict[str, dict[str, list[EnrollmentRec]]] = {}
        for rec in self.ds.enrollments.values():
            if rec.deleted:
                continue
            kind = "student" if rec.role == "student" else "staff"
            by_user.setdefault(rec.user_key, {}).setdefault(kind, []).append(rec)
        for user_key, kinds in by_user.items():
            user = self.ds.users.get(user_key)
            if user is None or user.deleted:
                continue
            if user.kind == "guardian":
                for recs in kinds.values():
                    for rec in recs:
                        self.warn(rec.origin, _("enrollment of {role} {user_key!r} skipped: families are linked to students, not enrolled in classes").format(role=user.role, user_key=user_key))
                        del self.ds.enrollments[rec.key]
                continue
            other = "staff" if user.kind == "student" else "student"
            if other not in kinds:
                continue
            recs = kinds[other]
            first = recs[0]
            was = "a student" if user.kind == "student" else f"a {user.role}"
            now = "a student" if other == "student" else f"a {first.role}"
            lines = ", ".join(str(r.origin.line) for r in recs[:5]) + (", …" if len(recs) > 5 else "")
            if user.kind not in kinds:
                if other == "student" and not self._claim_local_id(user.origin, user_key, user):
                    for rec in recs:
                        self.knock_on(rec.origin, rec.key, "users.csv", user_key)
                        del self.ds.enrollments[rec.key]
                    continue
                self.warn(user.origin, _("user {user_key!r} is {was} in users.csv but enrolled as {now} (enrollments.csv line {lines}); the enrollment wins: imported as {now}").format(user_key=user_key, was=was, now=now, lines=lines))
                self._become(user, other, first.role)
            else:
                twin = UserRec(**{**user.__dict__, "agent_keys": [], "origin": user.origin})
                if other == "student" and not self._claim_local_id(user.origin, user_key, twin):
                    for rec in recs:
                        del self.ds.enrollments[rec.key]
                    continue
                self._become(twin, other, first.role)
                self.ds.users[f"{user_key}\x1f{other}"] = twin
                self.warn(user.origin, _("user {user_key!r} is {was} in users.csv and also enrolled as {now} (enrollments.csv line {lines}); imported as both").format(user_key=user_key, was=was, now=now, lines=lines))

    @staticmethod
    def _become(user: UserRec, kind: str, enrollment_role: str) -> None:
        user.kind = kind
        if kind == "student":
            user.role = ""
        else:
            user.role = {"proctor": "aide"}.get(enrollment_role, enrollment_role)
            user.grade = ""


def read_oneroster(
    source: RosterSource,
    report: ImportReport,
    known: Known | None = None,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> Dataset:
    """Read and check every file of a OneRoster set; problems go to ``report.errors``
    (nothing can be imported), ``report.defects`` (rows skipped or imported in part) and
    ``report.warnings``."""
    if not is_oneroster(source):
        raise RosterError(_("{name} is not a OneRoster set: it has no users.csv.").format(name=source.path.name))
    version = detect_version(source, report)
    report.format = f"oneroster-{version}"
    reader = _Reader(source, report, version, known or (lambda _kind, _key: False))
    for name in source.names():
        if name.lower() in spec.IGNORED_FILES:
            report.warn(name, 0, _("not used by TeacherDesk; ignored"))
        elif name.lower() == "roles.csv" and version == "1.1":
            report.warn(name, 0, _("roles.csv is a OneRoster 1.2 file; this set is 1.1, so it was ignored"))
    steps: list[tuple[str, Callable[[], None]]] = [
        ("orgs", reader.read_orgs),
        ("academic sessions", reader.read_sessions),
        ("courses", reader.read_courses),
        ("classes", reader.read_classes),
    ]
    if version == "1.2":
        steps.append(("roles", reader.read_roles))
    steps += [("users", reader.read_users), ("enrollments", reader.read_enrollments)]
    for i, (what, step) in enumerate(steps):
        if cancelled and cancelled():
            raise ImportCancelled()
        if progress:
            progress(i / len(steps), _("Checking {what}…").format(what=what))
        step()
    reader.flush_unused()
    return reader.ds


def _list(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()] if value else []


def _datetime(value: str) -> dt.datetime | dt.date | None:
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None
