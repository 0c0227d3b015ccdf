"""The OneRoster 1.1 and 1.2 CSV binding tables that an import checks files against and
the grade export writes to.

Sources, for each file its columns in order, the required ones and the enumerations:

- 1.1: 1EdTech "OneRoster: CSV Tables", Final Release v1.1.1 (22 August 2023),
  https://www.imsglobal.org/oneroster-v11-final-csv-tables
- 1.2: 1EdTech "OneRoster: CSV Binding", Final Release v1.2.1 (22 August 2023),
  https://www.imsglobal.org/spec/oneroster/v1p2/bind/csv . The 1.2 tables below were
  checked column by column against two independent public implementations of that binding
  (a strict TypeScript/zod validator of the whole 1.2 package and the ``meibo`` Ruby gem's
  1.2 Japan Profile reader). Where the earlier draft tables of this module differed, the
  published 1.2 tables win: ``lineItems.csv`` names its session column
  ``academicSessionSourcedId`` (1.1 said ``gradingPeriodSourcedId``) and ends with the
  required ``schoolSourcedId``; ``results.csv`` has ``textScore`` *before*
  ``classSourcedId``; ``users.csv`` has no ``resourceSourcedIds`` (a 1.2 candidate-draft
  column that one SIS tool still writes; user-resource links are ``userResources.csv``).
  The old names are still *read* without a warning (``legacy``), never written.

Column names are matched without regard to case (exports from some SIS write
``sourcedID``); extension columns (``metadata.*``) are allowed anywhere. ``status`` and
``dateLastModified`` are in every data file's header; in a bulk file both are empty, in a
delta file both are filled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class FileSpec:
    name: str
    columns: tuple[str, ...]  # every column of the binding, in order
    required: tuple[str, ...]  # must be in the header and (except on deletions) have a value
    legacy: tuple[str, ...] = ()  # read without a warning (older drafts' names); never written

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
     "userMasterIdentifier", "preferredGivenName", "preferredMiddleName",
     "preferredFamilyName", "primaryOrgSourcedId", "pronouns"),
    ("sourcedId", "enabledUser", "username", "givenName", "familyName"),
    legacy=("resourceSourcedIds",),
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
     "academicSessionSourcedId", "resultValueMin", "resultValueMax", "schoolSourcedId"),
    ("sourcedId", "title", "assignDate", "dueDate", "classSourcedId", "categorySourcedId",
     "academicSessionSourcedId", "schoolSourcedId"),
    legacy=("gradingPeriodSourcedId",),
)
RESULTS_12 = FileSpec(
    "results.csv",
    (*_COMMON, "lineItemSourcedId", "studentSourcedId", "scoreStatus", "score", "scoreDate", "comment",
     "textScore", "classSourcedId", "inProgress", "incomplete", "late", "missing"),
    ("sourcedId", "lineItemSourcedId", "studentSourcedId", "scoreStatus", "scoreDate"),
)
# The rest of the 1.2 binding: not written by TeacherDesk, listed so every file of a set can
# be checked against its table (and so the tests hold the whole binding).
DEMOGRAPHICS_12 = FileSpec(
    "demographics.csv",
    (*_COMMON, "birthDate", "sex", "americanIndianOrAlaskaNative", "asian", "blackOrAfricanAmerican",
     "nativeHawaiianOrOtherPacificIslander", "white", "demographicRaceTwoOrMoreRaces",
     "hispanicOrLatinoEthnicity", "countryOfBirthCode", "stateOfBirthAbbreviation", "cityOfBirth",
     "publicSchoolResidenceStatus"),
    ("sourcedId",),
)
USER_PROFILES_12 = FileSpec(
    "userProfiles.csv",
    (*_COMMON, "userSourcedId", "profileType", "vendorId", "applicationId", "description",
     "credentialType", "username", "password"),
    ("sourcedId", "userSourcedId", "profileType", "vendorId", "credentialType", "username"),
)
RESOURCES_12 = FileSpec(
    "resources.csv",
    (*_COMMON, "vendorResourceId", "title", "roles", "importance", "vendorId", "applicationId"),
    ("sourcedId", "vendorResourceId"),
)
CLASS_RESOURCES_12 = FileSpec(
    "classResources.csv", (*_COMMON, "title", "classSourcedId", "resourceSourcedId"),
    ("sourcedId", "classSourcedId", "resourceSourcedId"),
)
COURSE_RESOURCES_12 = FileSpec(
    "courseResources.csv", (*_COMMON, "title", "courseSourcedId", "resourceSourcedId"),
    ("sourcedId", "courseSourcedId", "resourceSourcedId"),
)
USER_RESOURCES_12 = FileSpec(
    "userResources.csv", (*_COMMON, "userSourcedId", "orgSourcedId", "classSourcedId", "resourceSourcedId"),
    ("sourcedId", "userSourcedId", "resourceSourcedId"),
)
SCORE_SCALES_12 = FileSpec(
    "scoreScales.csv",
    (*_COMMON, "title", "type", "orgSourcedId", "courseSourcedId", "classSourcedId", "scoreScaleValue"),
    ("sourcedId", "title", "type", "orgSourcedId", "courseSourcedId", "classSourcedId", "scoreScaleValue"),
)
LINEITEM_SCORE_SCALES_12 = FileSpec(
    "lineItemScoreScales.csv", (*_COMMON, "title", "lineItemSourcedId", "scoreScaleSourcedId"),
    ("sourcedId", "lineItemSourcedId", "scoreScaleSourcedId"),
)
RESULT_SCORE_SCALES_12 = FileSpec(
    "resultScoreScales.csv", (*_COMMON, "title", "resultSourcedId", "scoreScaleSourcedId"),
    ("sourcedId", "resultSourcedId", "scoreScaleSourcedId"),
)
LINEITEM_LEARNING_OBJECTIVE_IDS_12 = FileSpec(
    "lineItemLearningObjectiveIds.csv", (*_COMMON, "lineItemSourcedId", "source", "learningObjectiveId"),
    ("sourcedId", "lineItemSourcedId", "source", "learningObjectiveId"),
)
RESULT_LEARNING_OBJECTIVE_IDS_12 = FileSpec(
    "resultLearningObjectiveIds.csv",
    (*_COMMON, "resultSourcedId", "source", "learningObjectiveId", "score", "textScore"),
    ("sourcedId", "resultSourcedId", "source", "learningObjectiveId"),
)
# The data files a 1.2 manifest lists, each "absent", "bulk" or "delta".
MANIFEST_FILES_12 = (
    "academicSessions", "categories", "classes", "classResources", "courses", "courseResources",
    "demographics", "enrollments", "lineItemLearningObjectiveIds", "lineItems", "lineItemScoreScales",
    "orgs", "resources", "resultLearningObjectiveIds", "results", "resultScoreScales", "roles",
    "scoreScales", "userProfiles", "userResources", "users",
)
SCORE_STATUS_12 = ("exempt", "fully graded", "not submitted", "partially graded", "submitted")
