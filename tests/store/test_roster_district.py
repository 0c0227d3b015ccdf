"""Real-world-shaped district exports: OneRoster 1.1/1.2 sets with the defects district
systems produce, Clever CSV, and Microsoft School Data Sync v1 and v2.1.

Each set imports its good part; the defects (file, line, reason, consequence) and the
notes are asserted exactly, and the workspace is checked for what went in.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.store.models import Course, Guardian, Section, Staff, Student, Term
from app.store.roster import detect_format, import_roster
from tests.store.data.roster_sets import table_counts

SETS = Path(__file__).parent / "data" / "district"
DATE_NOTE = ("dateLastModified '1/05/2023' is not an ISO 8601 date-time (e.g. 2026-08-01T12:00:00.000Z)")


def _defects(report) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(d) for d in report.defects]


def _notes(report) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(w) for w in report.warnings]


@pytest.mark.parametrize(("name", "fmt"), [
    ("or11_clean", "oneroster"), ("or11_school_without_district", "oneroster"), ("or11_orphans", "oneroster"),
    ("or12_roles_disagree", "oneroster"), ("or12_knock_on.zip", "oneroster"), ("or12_everything", "oneroster"),
    ("clever", "clever"), ("sds_v1", "sds-1"), ("sds_v21", "sds-2.1"),
])
def test_every_set_is_recognised_imports_and_reimports_without_duplicates(empty_workspace, name: str, fmt: str) -> None:  # type: ignore[no-untyped-def]
    assert detect_format(SETS / name) == fmt
    report = import_roster(empty_workspace, SETS / name)
    assert report.ok and report.applied and not report.errors, report.summary()
    after = table_counts(empty_workspace)
    again = import_roster(empty_workspace, SETS / name)
    assert again.applied and not again.created, again.summary()
    assert {k: v for k, v in table_counts(empty_workspace).items() if k != "audit_log"} == \
        {k: v for k, v in after.items() if k != "audit_log"}


def test_clean_oneroster_11_set_has_no_defects(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    report = import_roster(empty_workspace, SETS / "or11_clean")
    assert report.defects == [] and report.warnings == []
    assert report.created["students"] == 2 and report.created["enrollments"] == 2


def test_school_without_its_district_and_dates_as_m_dd_yyyy(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    report = import_roster(empty_workspace, SETS / "or11_school_without_district")
    assert _defects(report) == [
        "orgs.csv, line 2: parentSourcedId 'md-1' is not a sourcedId in orgs.csv → imported without its parent district",
    ]
    # One note per file for the unused date column, not one per row; never an error.
    assert _notes(report) == [
        f"orgs.csv, line 2: {DATE_NOTE}; not used, so the row is imported",
        f"academicSessions.csv, line 2: {DATE_NOTE}; not used, so the row is imported",
        f"courses.csv, line 2: {DATE_NOTE}; not used, so the row is imported",
        f"classes.csv, line 2: {DATE_NOTE}; not used, so the row is imported",
        f"users.csv, line 2: {DATE_NOTE} (and 3 more rows of this file); not used, so the rows are imported",
        f"enrollments.csv, line 2: {DATE_NOTE} (and 2 more rows of this file); not used, so the rows are imported",
    ]
    with empty_workspace.read() as s:
        assert {st.local_id for st in s.scalars(select(Student))} == {"M2001", "M2002"}
        assert [g.given_name for g in s.scalars(select(Guardian))] == ["Rosa"]


def test_terms_without_their_year_and_a_class_without_its_course(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    report = import_roster(empty_workspace, SETS / "or11_orphans")
    assert _defects(report) == [
        "academicSessions.csv, line 2: parentSourcedId 'py-2025' is not a sourcedId in academicSessions.csv "
        "→ imported without its parent; its school year is found from its dates; "
        "1 more row(s) of academicSessions.csv name it and are imported without it too",
        "classes.csv, line 3: courseSourcedId 'pc-chem' is not a sourcedId in courses.csv "
        "→ imported with a course record named after its course id",
    ]
    assert _notes(report) == [
        "courses.csv, line 2: schoolYearSourcedId 'py-2025' is not a sourcedId in academicSessions.csv; "
        "not used, so the row is imported",
    ]
    with empty_workspace.read() as s:
        chem = s.scalars(select(Section).where(Section.source_id == "pk-chem-3")).one()
        assert chem.course.title == "pc-chem" and chem.term.name == "Semester 2"
        assert {t.school_year.name for t in s.scalars(select(Term))} == {"2024–2025"}


def test_the_enrollment_role_wins_over_users_csv(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    report = import_roster(empty_workspace, SETS / "or12_roles_disagree")
    assert report.defects == []
    assert _notes(report) == [
        "users.csv, line 2: user 'cu-t1' is a teacher in users.csv and also enrolled as a student "
        "(enrollments.csv line 3); imported as both",
        "users.csv, line 3: user 'cu-t2' is a teacher in users.csv but enrolled as a student "
        "(enrollments.csv line 4); the enrollment wins: imported as a student",
    ]
    with empty_workspace.read() as s:
        assert [st.source_id for st in s.scalars(select(Staff))] == ["cu-t1"]
        geo = s.scalars(select(Section).where(Section.source_id == "ck-geo-5")).one()
        assert sorted(e.student.source_id for e in geo.enrollments) == ["cu-s2", "cu-t1", "cu-t2"]


def test_each_root_cause_is_reported_once_with_its_knock_on(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    report = import_roster(empty_workspace, SETS / "or12_knock_on.zip")
    assert _defects(report) == [
        "roles.csv, line 5: role 'learner' is not one of: aide, counselor, districtAdministrator, guardian, "
        "parent, principal, proctor, relative, siteAdministrator, student, systemAdministrator, teacher "
        "→ skipped; 2 row(s) of enrollments.csv that name it are skipped too; "
        "1 row(s) of users.csv that need it are skipped too",
        "users.csv, line 4: identifier 'B5001' is also used by the student on line 3 → skipped; "
        "2 row(s) of enrollments.csv that name it are skipped too",
        "enrollments.csv, line 9: beginDate '13/01/2025' is not a date in the form YYYY-MM-DD "
        "→ imported without its beginDate",
    ]
    assert _notes(report) == [
        "roles.csv, line 3: beginDate '8/12/2024' is not a date in the form YYYY-MM-DD; not used, so the row is imported",
    ]
    with empty_workspace.read() as s:
        assert {st.source_id for st in s.scalars(select(Student))} == {"bu-s1", "bu-s4"}
        jo = s.scalars(select(Student).where(Student.source_id == "bu-s4")).one()
        assert [(e.section.source_id, e.start_date) for e in jo.enrollments] == [("bk-sci-2", None)]


def test_every_defect_of_the_issue_in_one_set(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    before = table_counts(empty_workspace)
    strict = import_roster(empty_workspace, SETS / "or12_everything", strict=True)
    assert not strict.ok and not strict.applied and table_counts(empty_workspace) == before
    report = import_roster(empty_workspace, SETS / "or12_everything")
    assert _defects(report) == _defects(strict) == [
        "orgs.csv, line 2: parentSourcedId 'od-9' is not a sourcedId in orgs.csv → imported without its parent district",
        "academicSessions.csv, line 2: parentSourcedId 'oy-2024' is not a sourcedId in academicSessions.csv "
        "→ imported without its parent; its school year is found from its dates",
        "classes.csv, line 3: courseSourcedId 'oc-music' is not a sourcedId in courses.csv "
        "→ imported with a course record named after its course id",
        "enrollments.csv, line 6: classSourcedId 'ok-drama-4' is not a sourcedId in classes.csv → skipped; "
        "1 more row(s) of enrollments.csv name it and are skipped too",
    ]
    assert ("users.csv, line 3: user 'ou-t2' is a teacher in users.csv but enrolled as a student "
            "(enrollments.csv line 3); the enrollment wins: imported as a student") in _notes(report)
    assert not any("not a sourcedId in users.csv" in n for n in _notes(report) + _defects(report))
    assert report.created["students"] == 3 and report.created["enrollments"] == 3


def test_clever_set(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    report = import_roster(empty_workspace, SETS / "clever")
    assert _defects(report) == [
        "students.csv, line 4: DOB '13/02/2015' is not a date (MM/DD/YYYY or YYYY-MM-DD) → imported without its birth date",
        "students.csv, line 5: student number '2001' is also used by the student on line 2 → skipped; "
        "1 row(s) of enrollments.csv that name it are skipped too",
        "sections.csv, line 3: Teacher_id 'ct-9' is not in teachers.csv → imported without that teacher",
        "enrollments.csv, line 6: section 'csec-9' is not in sections.csv → skipped",
    ]
    with empty_workspace.read() as s:
        diego = s.scalars(select(Student).where(Student.local_id == "2001")).one()
        # The guardian's name comes from Contact_name, never from Contact_type ("primary").
        (mother,) = [link.guardian for link in diego.guardians]
        assert (mother.given_name, mother.family_name, mother.preferred_language) == ("Luisa", "Hernández", "es")
        joon = s.scalars(select(Student).where(Student.local_id == "2002")).one()
        assert [(g.guardian.given_name, g.guardian.family_name) for g in joon.guardians] == [("Sung", "Park")]
        assert str(diego.birth_date) == "2016-04-09"
        homeroom = s.scalars(select(Section).where(Section.source_id == "csec-1")).one()
        assert sorted(t.staff.family_name for t in homeroom.teachers) == ["Flores", "Green"]
        assert homeroom.term.name == "2024-25"


def test_school_data_sync_v1_set(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    report = import_roster(empty_workspace, SETS / "sds_v1")
    assert _defects(report) == [
        "StudentEnrollment.csv, line 5: user '13087' is not in Student.csv → skipped",
        "StudentEnrollment.csv, line 6: section '11022' is not in Section.csv → skipped; "
        "1 more row(s) of StudentEnrollment.csv name it and are skipped too",
    ]
    with empty_workspace.read() as s:
        algebra = s.scalars(select(Section).where(Section.source_id == "11001")).one()
        assert sorted(e.student.given_name for e in algebra.enrollments) == ["Beulah", "Ora"]
        assert algebra.course.title == "Math 202" and str(algebra.term.start_date) == "2024-09-03"
        ora = s.scalars(select(Student).where(Student.local_id == "13001")).one()
        assert [g.guardian.email for g in ora.guardians] == ["pklein@example.com"]


def test_school_data_sync_v21_set(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    report = import_roster(empty_workspace, SETS / "sds_v21")
    assert _defects(report) == [
        "users.csv, line 6: user '114009' has no role in roles.csv and is no one's relative → skipped",
        "classes.csv, line 3: courseSourcedId 'SH' is not in courses.csv → imported with a course record "
        "named after its course id",
        "enrollments.csv, line 6: user '114099' is not in users.csv → skipped",
    ]
    with empty_workspace.read() as s:
        jack = s.scalars(select(Student).where(Student.source_id == "114001")).one()
        assert [g.guardian.given_name for g in jack.guardians] == ["Jean"]
        assert sorted(e.section.name for e in jack.enrollments) == ["Life Science 7 - P3", "Study Hall"]
        assert s.scalars(select(Course).where(Course.source_id == "SH")).one().title == "SH"
        assert [st.family_name for st in s.scalars(select(Staff))] == ["Fein"]


SIS = Path(__file__).parent / "data" / "sis"


@pytest.mark.parametrize(("name", "expected"), [
    ("powerschool_class_list.csv", {"student_id": "Student_Number", "full_name": "LastFirst", "grade": "Grade_Level",
                                    "birth_date": "DOB", "course": "Course_Name", "course_code": "Course_Number",
                                    "section": "Section_Number", "period": "Expression", "teacher": "Teacher",
                                    "room": "Room", "guardian_name": "Mother", "guardian_email": "Guardianemail",
                                    "guardian_phone": "Home_Phone"}),
    ("infinite_campus_roster.csv", {"student_id": "Student Number", "last_name": "Last Name",
                                    "first_name": "First Name", "grade": "Grade", "course_code": "Course Number",
                                    "course": "Course Name", "section": "Section Number", "period": "Period",
                                    "term": "Term", "room": "Room", "guardian_name": "Guardian Name",
                                    "guardian_email": "Guardian Email", "language": "Home Language",
                                    "teacher": "Teacher Display"}),
    ("skyward_class_roster.csv", {"student_id": "Other ID", "full_name": "Name", "grade": "Grd", "section": "Crs-Sec",
                                  "period": "Per", "teacher": "Teacher Name", "course": "Course Description",
                                  "guardian_name": "Primary Guardian Name",
                                  "guardian_email": "Primary Guardian Email"}),
    ("aeries_class_list.csv", {"student_id": "Student ID", "last_name": "Last Name", "first_name": "First Name",
                               "grade": "Gr", "birth_date": "Birthdate", "period": "Period", "course": "Course Title",
                               "teacher": "Teacher Name", "room": "Room", "guardian_name": "Parent/Guardian Name",
                               "guardian_phone": "Home Phone", "language": "Correspondence Language",
                               "guardian_email": "Parent Email Address"}),
])
def test_sis_class_lists_are_mapped_from_their_published_columns(name: str, expected: dict[str, str]) -> None:
    from app.store.roster import guess_mapping, preview

    assert guess_mapping(preview(SIS / name, n=0).headers) == expected


def test_sis_class_lists_import(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    reports = {p.name: import_roster(empty_workspace, p) for p in sorted(SIS.glob("*.csv"))}
    assert all(r.applied for r in reports.values())
    assert _defects(reports["aeries_class_list.csv"]) == [
        "aeries_class_list.csv, line 3: birth date '31/02/2015' is not a date (use YYYY-MM-DD or MM/DD/YYYY) "
        "→ imported without its birth date"]
    assert _defects(reports["infinite_campus_roster.csv"]) == [
        "infinite_campus_roster.csv, line 4: student '220013' has no last name → skipped"]
    assert _defects(reports["powerschool_class_list.csv"]) == _defects(reports["skyward_class_roster.csv"]) == []
    with empty_workspace.read() as s:
        bao = s.scalars(select(Student).where(Student.local_id == "100234")).one()
        assert (bao.given_name, bao.family_name) == ("Bao", "Nguyen") and len(bao.enrollments) == 2
        assert {e.section.period for e in bao.enrollments} == {"2(A)", "4(A)"}
        mateo = s.scalars(select(Student).where(Student.local_id == "30551")).one()
        assert [g.guardian.email for g in mateo.guardians] == ["ana.lopez@example.com"]
        omar = s.scalars(select(Student).where(Student.local_id == "220011")).one()
        assert omar.guardians[0].guardian.preferred_language == "ar"


def test_a_clever_students_csv_alone_never_takes_the_guardian_name_from_contact_type() -> None:
    from app.store.roster import guess_mapping, preview

    assert guess_mapping(["Student_id", "Last_name", "First_name", "Contact_type", "Contact_relationship"]) == {
        "student_id": "Student_id", "last_name": "Last_name", "first_name": "First_name",
        "guardian_relationship": "Contact_relationship"}
    mapping = guess_mapping(preview(SETS / "clever" / "students.csv", n=0).headers)
    assert mapping["guardian_name"] == "Contact_name" and "Contact_type" not in mapping.values()
    assert guess_mapping(["ID", "Name", "Mother"])["guardian_name"] == "Mother"
    assert guess_mapping(["ID", "Name", "Parent 1"])["guardian_name"] == "Parent 1"
