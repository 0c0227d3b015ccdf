"""The OneRoster 1.1 and 1.2 CSV binding tables that an import checks files against.

From the 1EdTech (IMS Global) "OneRoster: CSV Binding" documents, v1.1 and v1.2: for each
file, its columns in order, which of them are required, and the permitted enumerations.
Column names are matched without regard to case (exports from some SIS write
``sourcedID``); extension columns (``metadata.*``) are allowed anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class FileSpec:
    name: str
    columns: tuple[str, ...]  # every column of the binding, in order
    required: tuple[str, ...]  # must be in the header and (except on deletions) have a value

    def missing(self, header_lower: set[str]) -> list[str]:
        return [c for c in self.required if c.lower() not in header_lower]


_COMMON = ("sourcedId", "status", "dateLastModified")

MANIFEST = FileSpec("manifest.csv", ("propertyName", "value"), ("propertyName", "value"))

ORGS = FileSpec(
    "orgs.csv",
    (*_COMMON, "name", "type", "identifier", "parentSourcedId"),
    ("sourcedId", "name", "type"),
)

ACADEMIC_SESSIONS = FileSpec(
    "academicSessions.csv",
    (*_COMMON, "title", "type", "startDate", "endDate", "parentSourcedId", "schoolYear"),
    ("sourcedId", "title", "type", "startDate", "endDate", "schoolYear"),
)

COURSES = FileSpec(
    "courses.csv",
    (*_COMMON, "schoolYearSourcedId", "title", "courseCode", "grades", "orgSourcedId",
     "subjects", "subjectCodes"),
    ("sourcedId", "title", "orgSourcedId"),
)

CLASSES = FileSpec(
    "classes.csv",
    (*_COMMON, "title", "grades", "courseSourcedId", "classCode", "classType", "location",
     "schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes", "periods"),
    ("sourcedId", "title", "courseSourcedId", "classType", "schoolSourcedId", "termSourcedIds"),
)

USERS_11 = FileSpec(
    "users.csv",
    (*_COMMON, "enabledUser", "orgSourcedIds", "role", "username", "userIds", "givenName",
     "familyName", "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds",
     "grades", "password"),
    ("sourcedId", "enabledUser", "orgSourcedIds", "role", "username", "givenName", "familyName"),
)

USERS_12 = FileSpec(
    "users.csv",
    (*_COMMON, "enabledUser", "username", "userIds", "givenName", "familyName", "middleName",
     "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password",
     "userMasterIdentifier", "resourceSourcedIds", "preferredGivenName", "preferredMiddleName",
     "preferredFamilyName", "primaryOrgSourcedId", "pronouns"),
    ("sourcedId", "enabledUser", "username", "givenName", "familyName"),
)

ROLES_FILE = FileSpec(
    "roles.csv",
    (*_COMMON, "userSourcedId", "roleType", "role", "beginDate", "endDate", "orgSourcedId",
     "userProfileSourcedId"),
    ("sourcedId", "userSourcedId", "roleType", "role", "orgSourcedId"),
)

ENROLLMENTS = FileSpec(
    "enrollments.csv",
    (*_COMMON, "classSourcedId", "schoolSourcedId", "userSourcedId", "role", "primary",
     "beginDate", "endDate"),
    ("sourcedId", "classSourcedId", "schoolSourcedId", "userSourcedId", "role"),
)

# Values a blank-free column may hold that carry no data for TeacherDesk.
LENIENT_BLANK = {"username", "enabledUser", "orgSourcedIds", "schoolYear", "classType",
                 "termSourcedIds", "schoolSourcedId", "orgSourcedId"}

STATUS = ("active", "tobedeleted", "inactive")
ORG_TYPES = ("department", "school", "district", "local", "state", "national")
SESSION_TYPES = ("gradingPeriod", "semester", "schoolYear", "term")
CLASS_TYPES = ("homeroom", "scheduled")
ROLES_11 = ("administrator", "aide", "guardian", "parent", "proctor", "relative", "student",
            "teacher")
ROLES_12 = ("aide", "counselor", "districtAdministrator", "guardian", "parent", "principal",
            "proctor", "relative", "siteAdministrator", "student", "systemAdministrator",
            "teacher")
ROLE_TYPES = ("primary", "secondary")
ENROLLMENT_ROLES = ("administrator", "proctor", "student", "teacher", "aide")
BOOLEANS = ("true", "false")
# CEDS "Entry Grade Level" codes used by OneRoster ``grades``.
GRADES = ("IT", "PR", "PK", "TK", "KG", *(f"{n:02d}" for n in range(1, 14)), "PS", "UG", "Other")

# OneRoster role -> (TeacherDesk record kind, its role there)
ROLE_KIND: dict[str, tuple[str, str]] = {
    "student": ("student", ""),
    "teacher": ("staff", "teacher"),
    "aide": ("staff", "aide"),
    "proctor": ("staff", "aide"),
    "counselor": ("staff", "counselor"),
    "administrator": ("staff", "administrator"),
    "principal": ("staff", "administrator"),
    "siteadministrator": ("staff", "administrator"),
    "districtadministrator": ("staff", "administrator"),
    "systemadministrator": ("staff", "administrator"),
    "parent": ("guardian", "parent"),
    "guardian": ("guardian", "guardian"),
    "relative": ("guardian", "relative"),
}

# Files of a bulk set that TeacherDesk does not use; noted, not read.
IGNORED_FILES = ("demographics.csv", "userprofiles.csv", "resources.csv", "classresources.csv",
                 "courseresources.csv", "categories.csv", "lineitems.csv", "results.csv",
                 "scoreScales.csv".lower(), "lineitemlearningobjectiveids.csv",
                 "resultlearningobjectiveids.csv", "userresources.csv")


def match_enum(value: str, allowed: tuple[str, ...]) -> str | None:
    """The canonical spelling of ``value`` among ``allowed`` (case-insensitive), else None.

    Extension values (``ext:...``) are allowed by the binding for every enumeration.
    """
    if value.lower().startswith("ext:") and len(value) > 4:
        return value
    for option in allowed:
        if option.lower() == value.lower():
            return option
    return None


def normalise_grade(value: str) -> str:
    """CEDS codes as a teacher writes them: "09" -> "9", "KG" -> "K"; others unchanged."""
    v = value.strip()
    if re.fullmatch(r"\d{1,2}", v):
        return str(int(v))
    return "K" if v.upper() in ("KG", "K") else v


def is_grade(value: str) -> bool:
    v = value.strip()
    return (
        match_enum(v, GRADES) is not None
        or (v.isascii() and v.isdigit() and 0 <= int(v) <= 13)  # "0¹".isdigit() is True
        or v.upper() == "K"
    )


# -- 1.2 files TeacherDesk writes (grade export) -------------------------------------------

ORGS_12 = ORGS
ACADEMIC_SESSIONS_12 = ACADEMIC_SESSIONS
COURSES_12 = COURSES
CLASSES_12 = CLASSES
CATEGORIES_12 = FileSpec(
    "categories.csv", (*_COMMON, "title", "weight"), ("sourcedId", "title"),
)
LINEITEMS_12 = FileSpec(
    "lineItems.csv",
    (*_COMMON, "title", "description", "assignDate", "dueDate", "classSourcedId", "categorySourcedId",
     "gradingPeriodSourcedId", "resultValueMin", "resultValueMax", "schoolSourcedId"),
    ("sourcedId", "title", "assignDate", "dueDate", "classSourcedId", "categorySourcedId",
     "gradingPeriodSourcedId", "resultValueMin", "resultValueMax"),
)
RESULTS_12 = FileSpec(
    "results.csv",
    (*_COMMON, "lineItemSourcedId", "studentSourcedId", "scoreStatus", "score", "scoreDate", "comment",
     "classSourcedId", "textScore", "inProgress", "incomplete", "late", "missing"),
    ("sourcedId", "lineItemSourcedId", "studentSourcedId", "scoreStatus", "scoreDate"),
)
# The data files a 1.2 manifest lists, each "absent", "bulk" or "delta".
MANIFEST_FILES_12 = (
    "academicSessions", "categories", "classes", "classResources", "courses", "courseResources",
    "demographics", "enrollments", "lineItemLearningObjectiveIds", "lineItems", "lineItemScoreScales",
    "orgs", "resources", "resultLearningObjectiveIds", "results", "resultScoreScales", "roles",
    "scoreScales", "userProfiles", "userResources", "users",
)
SCORE_STATUS_12 = ("exempt", "fully graded", "not submitted", "partially graded", "submitted")
