"""The OneRoster 1.2 grade export checked header by header and rule by rule against the
1EdTech "OneRoster: CSV Binding" 1.2.1 tables (https://www.imsglobal.org/spec/oneroster/v1p2/bind/csv),
transcribed here on their own (not imported from the code under test): for each file, every
column in order and the required ones. See app/store/roster/spec.py for the sources and
where published tables and drafts differ.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest

from app.reports.exports import export_grades

COMMON = ["sourcedId", "status", "dateLastModified"]
# file -> (columns in binding order, required columns)
BINDING_12: dict[str, tuple[list[str], set[str]]] = {
    "orgs.csv": (COMMON + ["name", "type", "identifier", "parentSourcedId"], {"sourcedId", "name", "type"}),
    "academicSessions.csv": (
        COMMON + ["title", "type", "startDate", "endDate", "parentSourcedId", "schoolYear"],
        {"sourcedId", "title", "type", "startDate", "endDate", "schoolYear"}),
    "courses.csv": (
        COMMON + ["schoolYearSourcedId", "title", "courseCode", "grades", "orgSourcedId", "subjects", "subjectCodes"],
        {"sourcedId", "title", "orgSourcedId"}),
    "classes.csv": (
        COMMON + ["title", "grades", "courseSourcedId", "classCode", "classType", "location", "schoolSourcedId",
                  "termSourcedIds", "subjects", "subjectCodes", "periods"],
        {"sourcedId", "title", "courseSourcedId", "classType", "schoolSourcedId", "termSourcedIds"}),
    "users.csv": (
        COMMON + ["enabledUser", "username", "userIds", "givenName", "familyName", "middleName", "identifier",
                  "email", "sms", "phone", "agentSourcedIds", "grades", "password", "userMasterIdentifier",
                  "preferredGivenName", "preferredMiddleName", "preferredFamilyName", "primaryOrgSourcedId",
                  "pronouns"],
        {"sourcedId", "enabledUser", "username", "givenName", "familyName"}),
    "roles.csv": (
        COMMON + ["userSourcedId", "roleType", "role", "beginDate", "endDate", "orgSourcedId",
                  "userProfileSourcedId"],
        {"sourcedId", "userSourcedId", "roleType", "role", "orgSourcedId"}),
    "categories.csv": (COMMON + ["title", "weight"], {"sourcedId", "title"}),
    "lineItems.csv": (
        COMMON + ["title", "description", "assignDate", "dueDate", "classSourcedId", "categorySourcedId",
                  "academicSessionSourcedId", "resultValueMin", "resultValueMax", "schoolSourcedId"],
        {"sourcedId", "title", "assignDate", "dueDate", "classSourcedId", "categorySourcedId",
         "academicSessionSourcedId", "schoolSourcedId"}),
    "results.csv": (
        COMMON + ["lineItemSourcedId", "studentSourcedId", "scoreStatus", "score", "scoreDate", "comment",
                  "textScore", "classSourcedId", "inProgress", "incomplete", "late", "missing"],
        {"sourcedId", "lineItemSourcedId", "studentSourcedId", "scoreStatus", "scoreDate"}),
    "enrollments.csv": (
        COMMON + ["classSourcedId", "schoolSourcedId", "userSourcedId", "role", "primary", "beginDate", "endDate"],
        {"sourcedId", "classSourcedId", "schoolSourcedId", "userSourcedId", "role"}),
    "demographics.csv": (
        COMMON + ["birthDate", "sex", "americanIndianOrAlaskaNative", "asian", "blackOrAfricanAmerican",
                  "nativeHawaiianOrOtherPacificIslander", "white", "demographicRaceTwoOrMoreRaces",
                  "hispanicOrLatinoEthnicity", "countryOfBirthCode", "stateOfBirthAbbreviation", "cityOfBirth",
                  "publicSchoolResidenceStatus"],
        {"sourcedId"}),
    "userProfiles.csv": (
        COMMON + ["userSourcedId", "profileType", "vendorId", "applicationId", "description", "credentialType",
                  "username", "password"],
        {"sourcedId", "userSourcedId", "profileType", "vendorId", "credentialType", "username"}),
    "resources.csv": (
        COMMON + ["vendorResourceId", "title", "roles", "importance", "vendorId", "applicationId"],
        {"sourcedId", "vendorResourceId"}),
    "classResources.csv": (COMMON + ["title", "classSourcedId", "resourceSourcedId"],
                           {"sourcedId", "classSourcedId", "resourceSourcedId"}),
    "courseResources.csv": (COMMON + ["title", "courseSourcedId", "resourceSourcedId"],
                            {"sourcedId", "courseSourcedId", "resourceSourcedId"}),
    "userResources.csv": (COMMON + ["userSourcedId", "orgSourcedId", "classSourcedId", "resourceSourcedId"],
                          {"sourcedId", "userSourcedId", "resourceSourcedId"}),
    "scoreScales.csv": (
        COMMON + ["title", "type", "orgSourcedId", "courseSourcedId", "classSourcedId", "scoreScaleValue"],
        {"sourcedId", "title", "type", "orgSourcedId", "courseSourcedId", "classSourcedId", "scoreScaleValue"}),
    "lineItemScoreScales.csv": (COMMON + ["title", "lineItemSourcedId", "scoreScaleSourcedId"],
                                {"sourcedId", "lineItemSourcedId", "scoreScaleSourcedId"}),
    "resultScoreScales.csv": (COMMON + ["title", "resultSourcedId", "scoreScaleSourcedId"],
                              {"sourcedId", "resultSourcedId", "scoreScaleSourcedId"}),
    "lineItemLearningObjectiveIds.csv": (COMMON + ["lineItemSourcedId", "source", "learningObjectiveId"],
                                         {"sourcedId", "lineItemSourcedId", "source", "learningObjectiveId"}),
    "resultLearningObjectiveIds.csv": (
        COMMON + ["resultSourcedId", "source", "learningObjectiveId", "score", "textScore"],
        {"sourcedId", "resultSourcedId", "source", "learningObjectiveId"}),
}
MANIFEST_FILES = [
    "academicSessions", "categories", "classes", "classResources", "courses", "courseResources", "demographics",
    "enrollments", "lineItemLearningObjectiveIds", "lineItems", "lineItemScoreScales", "orgs", "resources",
    "resultLearningObjectiveIds", "results", "resultScoreScales", "roles", "scoreScales", "userProfiles",
    "userResources", "users",
]
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$")
ENUMS = {
    ("orgs.csv", "type"): {"department", "school", "district", "local", "state", "national"},
    ("academicSessions.csv", "type"): {"gradingPeriod", "semester", "schoolYear", "term"},
    ("classes.csv", "classType"): {"homeroom", "scheduled"},
    ("roles.csv", "roleType"): {"primary", "secondary"},
    ("roles.csv", "role"): {"aide", "counselor", "districtAdministrator", "guardian", "parent", "principal",
                            "proctor", "relative", "siteAdministrator", "student", "systemAdministrator",
                            "teacher"},
    ("results.csv", "scoreStatus"): {"exempt", "fully graded", "not submitted", "partially graded", "submitted"},
}
BOOLEANS = {("users.csv", "enabledUser"), ("results.csv", "inProgress"), ("results.csv", "incomplete"),
            ("results.csv", "late"), ("results.csv", "missing")}
DATES = {("academicSessions.csv", "startDate"), ("academicSessions.csv", "endDate"), ("results.csv", "scoreDate"),
         ("roles.csv", "beginDate"), ("roles.csv", "endDate")}
DATETIMES = {("lineItems.csv", "assignDate"), ("lineItems.csv", "dueDate")}
NUMBERS = {("lineItems.csv", "resultValueMin"), ("lineItems.csv", "resultValueMax"), ("results.csv", "score"),
           ("categories.csv", "weight")}
# column -> the file whose sourcedIds it names
REFERENCES = {
    "parentSourcedId": None, "orgSourcedId": "orgs.csv", "schoolSourcedId": "orgs.csv",
    "primaryOrgSourcedId": "orgs.csv", "courseSourcedId": "courses.csv", "classSourcedId": "classes.csv",
    "termSourcedIds": "academicSessions.csv", "academicSessionSourcedId": "academicSessions.csv",
    "categorySourcedId": "categories.csv", "lineItemSourcedId": "lineItems.csv", "studentSourcedId": "users.csv",
    "userSourcedId": "users.csv",
}


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _export(small_school, out: Path, **kw) -> dict[str, tuple[list[str], list[dict[str, str]]]]:  # type: ignore[no-untyped-def]
    with small_school.ws.read() as s:
        paths = export_grades(s, "oneroster", out, **kw)
    return {p.name: _read(p) for p in paths}


@pytest.mark.parametrize("mode", ["bulk", "delta"])
def test_every_file_header_and_rule_follows_the_12_binding(small_school, tmp_path: Path, mode: str) -> None:  # type: ignore[no-untyped-def]
    files = _export(small_school, tmp_path / mode, mode=mode)
    # Manifest: the versions, every file of the binding listed once, and "bulk"/"delta"
    # exactly for the files shipped (nothing shipped is marked absent, nothing absent shipped).
    header, rows = files.pop("manifest.csv")
    assert header == ["propertyName", "value"]
    props = [r["propertyName"] for r in rows]
    assert len(props) == len(set(props))
    manifest = {r["propertyName"]: r["value"] for r in rows}
    assert manifest["manifest.version"] == "1.0" and manifest["oneroster.version"] == "1.2"
    assert sorted(p[5:] for p in props if p.startswith("file.")) == sorted(MANIFEST_FILES)
    for name in MANIFEST_FILES:
        shipped = f"{name}.csv" in files
        assert manifest[f"file.{name}"] == (mode if shipped else "absent"), name
    assert set(files) <= set(BINDING_12)
    ids = {name: {r["sourcedId"] for r in rows} for name, (_h, rows) in files.items()}
    for name, (header, rows) in files.items():
        columns, required = BINDING_12[name]
        assert header == columns, name  # every column, in the binding's order, nothing else
        assert rows, f"{name} is shipped empty"
        assert len(ids[name]) == len(rows), f"{name}: duplicate sourcedId"
        for row in rows:
            where = f"{name} {row['sourcedId']}"
            if mode == "bulk":
                assert row["status"] == "" and row["dateLastModified"] == "", where
            else:
                assert row["status"] == "active" and DATETIME.match(row["dateLastModified"]), where
            for column in required:
                assert row[column] != "", f"{where}: {column} is required"
            for (file, column), allowed in ENUMS.items():
                if file == name:
                    assert row[column] in allowed, f"{where}: {column}={row[column]!r}"
            for file, column in BOOLEANS:
                if file == name:
                    assert row[column] in ("true", "false"), f"{where}: {column}={row[column]!r}"
            for file, column in DATES:
                if file == name and row[column]:
                    assert DATE.match(row[column]), f"{where}: {column}={row[column]!r}"
            for file, column in DATETIMES:
                if file == name and row[column]:
                    assert DATETIME.match(row[column]), f"{where}: {column}={row[column]!r}"
            for file, column in NUMBERS:
                if file == name and row[column]:
                    float(row[column])
            for column, target in REFERENCES.items():
                if column not in row or not row[column]:
                    continue
                target = target or name
                for key in row[column].split(","):
                    assert key in ids.get(target, set()), f"{where}: {column} {key!r} is not in {target}"
    roles = {r["userSourcedId"]: r["role"] for r in files["roles.csv"][1]}
    assert all(roles[r["studentSourcedId"]] == "student" for r in files["results.csv"][1])


def test_the_export_reads_back_as_a_clean_oneroster_12_set(small_school, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Our own importer, which checks the binding, reads the export with no defect."""
    from app.store.roster import import_oneroster

    _export(small_school, tmp_path / "set")
    report = import_oneroster(small_school.ws, tmp_path / "set", dry_run=True)
    assert report.ok and report.format == "oneroster-1.2"
    assert report.defects == [] and report.errors == []
    assert [str(w) for w in report.warnings] == [
        "categories.csv: not used by TeacherDesk; ignored",
        "lineItems.csv: not used by TeacherDesk; ignored",
        "results.csv: not used by TeacherDesk; ignored",
    ]


def test_delta_carries_only_results_changed_since(small_school, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    future = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    files = _export(small_school, tmp_path / "delta", mode="delta", since=future)
    assert files["results.csv"][1] == [] and files["lineItems.csv"][1] == []
    past = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    files = _export(small_school, tmp_path / "delta2", mode="delta", since=past)
    assert len(files["results.csv"][1]) == 6


def test_the_importers_12_tables_are_the_binding() -> None:
    """The tables the import checks files against (and the export writes) are the binding's,
    file by file: every 1.2 data file, its columns in order and its required columns."""
    from app.store.roster import spec

    tables = [v for v in vars(spec).values() if isinstance(v, spec.FileSpec) and v.name in BINDING_12
              and v is not spec.USERS_11]
    by_name = {fs.name: fs for fs in tables}
    assert set(by_name) == set(BINDING_12)
    for name, (columns, required) in BINDING_12.items():
        assert list(by_name[name].columns) == columns, name
        assert set(by_name[name].required) == required, name
    assert sorted(f"{n}.csv" for n in MANIFEST_FILES) == sorted(BINDING_12)
    assert list(spec.MANIFEST_FILES_12) == MANIFEST_FILES
