"""Reading and checking a OneRoster 1.1 or 1.2 CSV bulk (or delta) set into a Dataset.

Everything is checked before anything is written: required columns, required values,
enumerations, dates, duplicate ``sourcedId``s and every reference between files. Each
problem becomes one error naming the file, the line and the reason. References may also
point at records an earlier import put in the workspace (``known``), as delta files do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from typing import Literal

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
from app.store.roster.report import CsvSyntaxError, ImportReport, RosterError

# (kind, key) -> is there such a record in the workspace already?
Known = Callable[[str, str], bool]
Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]

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
            report.warn("manifest.csv", 0, f"oneroster.version {version!r} is not 1.1 or 1.2; reading it as 1.1")
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
        report.error("manifest.csv", 1, f"missing required column {missing[0]!r}")
        return {}
    manifest = {row.get("propertyName").lower(): row.get("value") for row in table.rows}
    for prop, value in manifest.items():
        if prop.startswith("file.") and value.lower() in ("bulk", "delta"):
            name = prop[5:] + ".csv"
            if not source.has(name):
                report.error("manifest.csv", 0, f"lists {name} as {value} but the set has no {name}")
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
    roles: dict[str, list[tuple[str, str, Origin]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.ds = Dataset(format=f"oneroster-{self.version}")

    # -- helpers ------------------------------------------------------------------------

    def err(self, origin: Origin | tuple[str, int], message: str) -> None:
        file, line = (origin.file, origin.line) if isinstance(origin, Origin) else origin
        self.report.error(file, line, message)

    def load(self, fs: spec.FileSpec, *, required: bool) -> CsvTable | None:
        if not self.source.has(fs.name):
            if required:
                self.report.error(fs.name, 0, f"the set has no {fs.name}; it is required")
                self.broken.add(fs.name)
            return None
        try:
            table = self.source.table(fs.name)
        except CsvSyntaxError as exc:
            self.report.error(fs.name, exc.line, exc.reason)
            self.broken.add(fs.name)
            return None
        table.name = fs.name
        for warning in table.warnings:
            self.report.warn(fs.name, 0, warning)
        if not table.header:
            self.report.error(fs.name, 1, "the file is empty; it needs a header row")
            self.broken.add(fs.name)
            return None
        missing = fs.missing(set(table.columns))
        for column in missing:
            self.report.error(fs.name, 1, f"missing required column {column!r}")
        if missing:
            self.broken.add(fs.name)
            return None
        unknown = [h for h in table.header if h and h.lower() not in {c.lower() for c in fs.columns}
                   and not h.lower().startswith("metadata.")]
        if unknown:
            self.report.warn(fs.name, 1, "ignored column(s) not in the OneRoster binding: " + ", ".join(unknown))
        return table

    def start_row(self, table: CsvTable, row: CsvRow, fs: spec.FileSpec) -> tuple[Origin, str, bool] | None:
        """Common checks of every row; None if the row is unusable."""
        origin = Origin(table.name, row.line)
        if row.extra and any(v.strip() for v in row.extra):
            self.err(origin, f"the row has {len(table.header) + len(row.extra)} values but the "
                             f"header has {len(table.header)} columns (a comma inside an unquoted value?)")
            return None
        key = row.get("sourcedId")
        if not key:
            self.err(origin, "sourcedId is empty; every row needs one")
            return None
        seen = self.seen.setdefault(table.name, {})
        if key in seen:
            self.err(origin, f"duplicate sourcedId {key!r} (also on line {seen[key]})")
            return None
        seen[key] = row.line
        status = row.get("status")
        deleted = False
        if status:
            canonical = spec.match_enum(status, spec.STATUS)
            if canonical is None:
                self.err(origin, f"status {status!r} is not one of: active, tobedeleted")
                return None
            deleted = canonical in ("tobedeleted", "inactive")
        modified = row.get("dateLastModified")
        if modified and _datetime(modified) is None:
            self.err(origin, f"dateLastModified {modified!r} is not an ISO 8601 date-time "
                             "(e.g. 2026-08-01T12:00:00.000Z)")
            return None
        if not deleted:
            for column in fs.required:
                if column not in spec.LENIENT_BLANK and not row.get(column):
                    self.err(origin, f"{column} is empty; it is required")
                    return None
        return origin, key, deleted

    def enum(self, origin: Origin, row: CsvRow, column: str, allowed: tuple[str, ...],
             default: str = "") -> str | None:
        value = row.get(column)
        if not value:
            return default
        canonical = spec.match_enum(value, allowed)
        if canonical is None:
            self.err(origin, f"{column} {value!r} is not one of: {', '.join(allowed)}")
        return canonical

    def date(self, origin: Origin, row: CsvRow, column: str) -> dt.date | None | Literal[False]:
        """The date, None if blank, False if malformed (already reported)."""
        value = row.get(column)
        if not value:
            return None
        try:
            if len(value) != 10:
                raise ValueError
            return dt.date.fromisoformat(value)
        except ValueError:
            self.err(origin, f"{column} {value!r} is not a date in the form YYYY-MM-DD")
            return False

    def boolean(self, origin: Origin, row: CsvRow, column: str) -> bool | None:
        value = row.get(column)
        if not value:
            return False
        canonical = spec.match_enum(value, spec.BOOLEANS)
        if canonical is None or canonical.startswith("ext:"):
            self.err(origin, f"{column} {value!r} must be true or false")
            return None
        return canonical == "true"

    def grades(self, origin: Origin, row: CsvRow) -> list[str]:
        values = _list(row.get("grades"))
        for g in values:
            if not spec.is_grade(g):
                self.report.warn(origin.file, origin.line,
                                 f"grade {g!r} is not a CEDS grade code (KG, 01..12...); kept as written")
        return [spec.normalise_grade(g) for g in values]

    def ref(self, origin: Origin, column: str, key: str, kind: str, pool: Container[str],
            target_file: str) -> bool:
        if not key or key in pool or self.known(kind, key):
            return True
        if target_file in self.broken or key in self.seen.get(target_file, {}):
            return True  # that file (or that row) has its own error already; say it once
        self.err(origin, f"{column} {key!r} is not a sourcedId in {target_file}")
        return False

    # -- files ---------------------------------------------------------------------------

    def read_orgs(self) -> None:
        table = self.load(spec.ORGS, required=True)
        for row in table.rows if table else []:
            start = self.start_row(table, row, spec.ORGS)  # type: ignore[arg-type]
            if not start:
                continue
            origin, key, deleted = start
            kind = self.enum(origin, row, "type", spec.ORG_TYPES, default="school")
            if kind is None:
                continue
            self.ds.orgs[key] = OrgRec(key, row.get("name"), kind, origin,
                                       parent_key=row.get("parentSourcedId"), deleted=deleted)
        for org in self.ds.orgs.values():
            if not org.deleted:
                self.ref(org.origin, "parentSourcedId", org.parent_key, "org", self.ds.orgs, "orgs.csv")

    def read_sessions(self) -> None:
        table = self.load(spec.ACADEMIC_SESSIONS, required=False)
        for row in table.rows if table else []:
            start = self.start_row(table, row, spec.ACADEMIC_SESSIONS)  # type: ignore[arg-type]
            if not start:
                continue
            origin, key, deleted = start
            kind = self.enum(origin, row, "type", spec.SESSION_TYPES, default="term")
            begin, end = self.date(origin, row, "startDate"), self.date(origin, row, "endDate")
            if kind is None or begin is False or end is False:
                continue
            if deleted and not (begin and end):
                begin = end = dt.date.min
            if isinstance(begin, dt.date) and isinstance(end, dt.date) and end < begin:
                self.err(origin, f"endDate {end} is before startDate {begin}")
                continue
            year = row.get("schoolYear")
            if year and not (year.isdigit() and len(year) == 4):
                self.err(origin, f"schoolYear {year!r} is not a four-digit year (e.g. 2026)")
                continue
            assert isinstance(begin, dt.date) and isinstance(end, dt.date)
            self.ds.sessions[key] = SessionRec(
                key, row.get("title"), kind, begin, end, origin,
                parent_key=row.get("parentSourcedId"), school_year=year, deleted=deleted,
            )
        for s in self.ds.sessions.values():
            if not s.deleted:
                self.ref(s.origin, "parentSourcedId", s.parent_key, "session", self.ds.sessions,
                         "academicSessions.csv")

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
                self.ref(origin, "orgSourcedId", rec.org_key, "org", self.ds.orgs, "orgs.csv")
                self.ref(origin, "schoolYearSourcedId", row.get("schoolYearSourcedId"), "session",
                         self.ds.sessions, "academicSessions.csv")
            self.ds.courses[key] = rec

    def read_classes(self) -> None:
        table = self.load(spec.CLASSES, required=False)
        for row in table.rows if table else []:
            start = self.start_row(table, row, spec.CLASSES)  # type: ignore[arg-type]
            if not start:
                continue
            origin, key, deleted = start
            if self.enum(origin, row, "classType", spec.CLASS_TYPES, default="scheduled") is None:
                continue
            rec = ClassRec(key, row.get("title"), origin, code=row.get("classCode"),
                           course_key=row.get("courseSourcedId"),
                           school_key=row.get("schoolSourcedId"),
                           term_keys=_list(row.get("termSourcedIds")),
                           periods=_list(row.get("periods")), location=row.get("location"),
                           deleted=deleted)
            if not deleted:
                ok = self.ref(origin, "courseSourcedId", rec.course_key, "course", self.ds.courses, "courses.csv")
                ok &= self.ref(origin, "schoolSourcedId", rec.school_key, "org", self.ds.orgs, "orgs.csv")
                for term in rec.term_keys:
                    ok &= self.ref(origin, "termSourcedIds", term, "session", self.ds.sessions,
                                   "academicSessions.csv")
                if not ok:
                    continue
            self.ds.classes[key] = rec

    def read_roles(self) -> None:
        """1.2: roles.csv carries each user's role(s); the primary one decides the record kind."""
        table = self.load(spec.ROLES_FILE, required=True)
        for row in table.rows if table else []:
            start = self.start_row(table, row, spec.ROLES_FILE)  # type: ignore[arg-type]
            if not start:
                continue
            origin, _key, deleted = start
            if deleted:
                continue
            role = self.enum(origin, row, "role", spec.ROLES_12)
            role_type = self.enum(origin, row, "roleType", spec.ROLE_TYPES, default="primary")
            begin, end = self.date(origin, row, "beginDate"), self.date(origin, row, "endDate")
            if role is None or role_type is None or begin is False or end is False:
                continue
            self.ref(origin, "orgSourcedId", row.get("orgSourcedId"), "org", self.ds.orgs, "orgs.csv")
            self.roles.setdefault(row.get("userSourcedId"), []).append((role, role_type, origin))

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
        local_ids: dict[str, int] = {}
        for row in table.rows:
            start = self.start_row(table, row, fs)
            if not start:
                continue
            origin, key, deleted = start
            role = self._user_role(origin, key, row)
            if role is None:
                continue
            kind, td_role = spec.ROLE_KIND.get(role.lower(), ("staff", "teacher"))
            if self.boolean(origin, row, "enabledUser") is None:
                continue
            language = ""
            for col in language_cols:
                if row.get(col):
                    tag = language_tag(row.get(col))
                    if tag is None:
                        self.report.warn(origin.file, origin.line,
                                         f"language {row.get(col)!r} is not recognised; left as it was")
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
            rec.grade = grades[0] if grades and kind == "student" else ""
            if kind == "student" and not deleted:
                if rec.local_id in local_ids:
                    self.err(origin, f"identifier {rec.local_id!r} is also used by the student "
                                     f"on line {local_ids[rec.local_id]}")
                    continue
                local_ids[rec.local_id] = row.line
            if not deleted:
                for org in _list(row.get("orgSourcedIds")) + _list(row.get("primaryOrgSourcedId")):
                    self.ref(origin, "orgSourcedIds", org, "org", self.ds.orgs, "orgs.csv")
            self.ds.users[key] = rec
        for user_key, entries in self.roles.items():
            if user_key not in self.ds.users and not self.known("user", user_key):
                for _role, _type, origin in entries:
                    self.err(origin, f"userSourcedId {user_key!r} is not a sourcedId in users.csv")
        self._links()

    def _user_role(self, origin: Origin, key: str, row: CsvRow) -> str | None:
        if self.version == "1.1":
            return self.enum(origin, row, "role", spec.ROLES_11) or None
        entries = self.roles.get(key, [])
        if not entries:
            if "roles.csv" not in self.broken:
                self.err(origin, f"user {key!r} has no role in roles.csv")
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
                    if not self.known("user", agent):
                        self.err(user.origin, f"agentSourcedIds {agent!r} is not a sourcedId in users.csv")
                    continue
                if user.kind == "student" and other.kind == "guardian":
                    student, guardian = user, other
                elif user.kind == "guardian" and other.kind == "student":
                    student, guardian = other, user
                else:
                    self.report.warn(user.origin.file, user.origin.line,
                                     f"agent {agent!r} ignored: only student–parent/guardian links are kept")
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
            role = self.enum(origin, row, "role", spec.ENROLLMENT_ROLES)
            primary = self.boolean(origin, row, "primary")
            begin, end = self.date(origin, row, "beginDate"), self.date(origin, row, "endDate")
            if role is None or primary is None or begin is False or end is False:
                continue
            if isinstance(begin, dt.date) and isinstance(end, dt.date) and end < begin:
                self.err(origin, f"endDate {end} is before beginDate {begin}")
                continue
            rec = EnrollmentRec(key, key, row.get("classSourcedId"), row.get("userSourcedId"),
                                role, origin, primary=primary,
                                begin=begin or None, end=end or None, deleted=deleted)
            if not deleted:
                ok = self.ref(origin, "classSourcedId", rec.class_key, "class", self.ds.classes, "classes.csv")
                ok &= self.ref(origin, "userSourcedId", rec.user_key, "user", self.ds.users, "users.csv")
                ok &= self.ref(origin, "schoolSourcedId", row.get("schoolSourcedId"), "org",
                               self.ds.orgs, "orgs.csv")
                if not ok:
                    continue
                user = self.ds.users.get(rec.user_key)
                if user is not None and not self._role_fits(origin, rec, user):
                    continue
                pair = (rec.class_key, rec.user_key)
                if pair in pairs:
                    self.report.warn(origin.file, origin.line,
                                     f"{rec.user_key!r} is enrolled in {rec.class_key!r} again "
                                     f"(also on line {pairs[pair]}); the rows are merged")
                pairs.setdefault(pair, row.line)
            self.ds.enrollments[key] = rec

    def _role_fits(self, origin: Origin, rec: EnrollmentRec, user: UserRec) -> bool:
        if user.kind == "guardian":
            self.report.warn(origin.file, origin.line,
                             f"enrollment of {user.role} {rec.user_key!r} skipped: families are "
                             "linked to students, not enrolled in classes")
            return False
        if (rec.role == "student") != (user.kind == "student"):
            what = "a student" if user.kind == "student" else f"a {user.role}"
            self.err(origin, f"role {rec.role!r} but user {rec.user_key!r} is {what} in users.csv")
            return False
        return True


def read_oneroster(
    source: RosterSource,
    report: ImportReport,
    known: Known | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Dataset:
    """Read and check every file of a OneRoster set; problems go to ``report.errors``."""
    if not is_oneroster(source):
        raise RosterError(f"{source.path.name} is not a OneRoster set: it has no users.csv.")
    version = detect_version(source, report)
    report.format = f"oneroster-{version}"
    reader = _Reader(source, report, version, known or (lambda _kind, _key: False))
    for name in source.names():
        if name.lower() in spec.IGNORED_FILES:
            report.warn(name, 0, "not used by TeacherDesk; ignored")
        elif name.lower() == "roles.csv" and version == "1.1":
            report.warn(name, 0, "roles.csv is a OneRoster 1.2 file; this set is 1.1, so it was ignored")
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
            from app.store.roster.report import ImportCancelled

            raise ImportCancelled()
        if progress:
            progress(i / len(steps), f"Checking {what}…")
        step()
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
