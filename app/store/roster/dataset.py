"""A roster read from files, before it touches the workspace: plain records with origins.

Both readers (OneRoster and plain CSV) produce a :class:`Dataset`; one writer
(:mod:`app.store.roster.apply`) puts it in the workspace. ``key`` is how records refer to
each other inside the dataset (the OneRoster ``sourcedId``); ``source_id`` is what is
stored to recognise the record on the next import (``None`` where another natural key,
such as a student's local ID, does that job).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Origin:
    file: str
    line: int


@dataclass
class OrgRec:
    key: str
    name: str
    type: str  # school|district|department|local|state|national
    origin: Origin
    parent_key: str = ""
    deleted: bool = False


@dataclass
class SessionRec:
    key: str
    title: str
    type: str  # schoolYear|term|semester|gradingPeriod
    start: dt.date
    end: dt.date
    origin: Origin
    parent_key: str = ""
    school_year: str = ""  # e.g. "2026": the calendar year the school year ends in
    deleted: bool = False


@dataclass
class CourseRec:
    key: str
    title: str
    origin: Origin
    code: str = ""
    grades: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    org_key: str = ""
    deleted: bool = False


@dataclass
class ClassRec:
    key: str
    title: str
    origin: Origin
    code: str = ""
    course_key: str = ""
    school_key: str = ""
    term_keys: list[str] = field(default_factory=list)
    term_name: str = ""  # plain CSV: a term already in the workspace, by name
    periods: list[str] = field(default_factory=list)
    location: str = ""
    deleted: bool = False


@dataclass
class UserRec:
    key: str
    source_id: str | None
    kind: str  # student|staff|guardian
    role: str  # staff: teacher|administrator|aide|counselor; guardian: parent|guardian|relative
    given: str
    family: str
    origin: Origin
    middle: str = ""
    preferred: str = ""
    local_id: str = ""
    email: str = ""
    phone: str = ""
    grade: str = ""
    pronouns: str = ""
    birth_date: dt.date | None = None
    language: str = ""  # BCP 47, guardians only; "" leaves the workspace's value alone
    agent_keys: list[str] = field(default_factory=list)
    deleted: bool = False


@dataclass
class LinkRec:
    student_key: str
    guardian_key: str
    relationship: str
    is_primary: bool
    origin: Origin


@dataclass
class EnrollmentRec:
    key: str
    source_id: str | None
    class_key: str
    user_key: str
    role: str  # student|teacher|aide|administrator|proctor
    origin: Origin
    primary: bool = False
    begin: dt.date | None = None
    end: dt.date | None = None
    deleted: bool = False


@dataclass
class Dataset:
    format: str
    orgs: dict[str, OrgRec] = field(default_factory=dict)
    sessions: dict[str, SessionRec] = field(default_factory=dict)
    courses: dict[str, CourseRec] = field(default_factory=dict)
    classes: dict[str, ClassRec] = field(default_factory=dict)
    users: dict[str, UserRec] = field(default_factory=dict)
    links: list[LinkRec] = field(default_factory=list)
    enrollments: dict[str, EnrollmentRec] = field(default_factory=dict)
    # A bulk file lists everyone: what the workspace holds from earlier imports and the file
    # no longer lists has left (app.store.roster.absent). These hold every user key and
    # every (class key, user key) the file names, defective rows included; None where the
    # file is a delta, or absent, and absence means nothing.
    present_users: set[str] | None = None
    present_enrollments: set[tuple[str, str]] | None = None
    _link_pairs: set[tuple[str, str]] = field(default_factory=set, repr=False)
    _linked_students: set[str] = field(default_factory=set, repr=False)

    def add_link(self, student_key: str, guardian_key: str, relationship: str, origin: Origin) -> None:
        """Link once per pair; a student's first guardian is the primary one. (Sets, not
        scans of ``links``, so an export of 10,000 rows reads in linear time.)"""
        if (student_key, guardian_key) in self._link_pairs:
            return
        self._link_pairs.add((student_key, guardian_key))
        primary = student_key not in self._linked_students
        self._linked_students.add(student_key)
        self.links.append(LinkRec(student_key, guardian_key, relationship, primary, origin))

    def size(self) -> int:
        return (
            len(self.orgs) + len(self.sessions) + len(self.courses) + len(self.classes)
            + len(self.users) + len(self.links) + len(self.enrollments)
        )
