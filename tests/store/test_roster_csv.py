"""Plain CSV exports from any SIS: column guessing, preview, import, errors, re-import."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from app.store.models import Course, Guardian, Section, Staff, Student
from app.store.roster import (
    detect_format,
    guess_mapping,
    import_oneroster,
    import_plain_csv,
    import_roster,
    preview,
)
from app.store.roster.languages import language_tag
from tests.store.data.roster_sets import DATA, ONEROSTER11, table_counts

EXPORT = DATA / "sis_export.csv"
EXPORT_ES = DATA / "sis_export_es.csv"


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Student ID", "student_id"), ("Perm ID", "student_id"), ("Student #", "student_id"),
        ("Número de estudiante", "student_id"), ("Last Name", "last_name"),
        ("Apellido", "last_name"), ("Apellidos", "last_name"), ("First", "first_name"),
        ("Nombre", "first_name"), ("Grade", "grade"), ("Gr", "grade"), ("Grado", "grade"),
        ("Parent Email", "guardian_email"), ("Correo del padre", "guardian_email"),
        ("Guardian 1 Email", "guardian_email"), ("Home Language", "language"),
        ("Idioma del hogar", "language"), ("Course", "course"), ("Curso", "course"),
        ("Section", "section"), ("Sección", "section"), ("Period", "period"),
        ("Período", "period"), ("Teacher", "teacher"), ("Maestra", "teacher"),
        ("DOB", "birth_date"), ("Student Name", "full_name"),
    ],
)
def test_guess_mapping_recognises_common_headers(header: str, field: str) -> None:
    assert guess_mapping([header]) == {field: header}


def test_guess_mapping_uses_each_column_once_and_prefers_exact_names() -> None:
    headers = ["Perm ID", "Student Name", "Last Name", "First Name", "Parent Name", "Parent Phone",
               "Teacher Email", "Teacher", "Notes"]
    assert guess_mapping(headers) == {
        "student_id": "Perm ID", "last_name": "Last Name", "first_name": "First Name",
        "guardian_name": "Parent Name", "guardian_phone": "Parent Phone",
        "teacher_email": "Teacher Email", "teacher": "Teacher",
    }  # "Student Name" dropped: first/last name columns are there


@pytest.mark.parametrize(
    ("name", "tag"),
    [("Spanish", "es"), ("Español", "es"), ("espanol", "es"), ("es-MX", "es-MX"),
     ("Vietnamese", "vi"), ("Vietnamita", "vi"), ("Arabic", "ar"), ("Inglés", "en"),
     ("Haitian Creole", "ht"), ("Spanish (Mexico)", "es"), ("Klingon", None), ("", None)],
)
def test_language_names_become_bcp47(name: str, tag: str | None) -> None:
    assert language_tag(name) == tag


def test_preview_shows_header_and_first_rows() -> None:
    p = preview(EXPORT, n=3)
    assert p.headers[:3] == ["Perm ID", "Last Name", "First Name"]
    assert p.total_rows == 7 and len(p.rows) == 3
    assert p.rows[0][:3] == ["1001", "Ramírez", "José"]
    assert p.rows[0][12] == "García, Elena"  # quoted comma stays in its column
    es = preview(EXPORT_ES, n=10)  # semicolons and a BOM
    assert es.headers[0] == "Número de estudiante" and es.rows[1][1] == "Nguyễn"


def test_plain_csv_import_creates_students_families_classes(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    assert detect_format(EXPORT) == "csv"
    mapping = guess_mapping(preview(EXPORT).headers)
    report = import_plain_csv(ws, EXPORT, mapping)
    assert report.ok, report.summary()
    assert report.created["students"] == 5
    assert report.created["guardians"] == 4
    assert report.created["courses"] == 3
    assert report.created["classes"] == 3
    assert report.created["staff"] == 2
    assert report.created["enrollments"] == 7
    assert report.created["class teachers"] == 3
    with ws.read() as s:
        jose = s.scalars(select(Student).where(Student.local_id == "1001")).one()
        assert (jose.given_name, jose.family_name, jose.grade_level) == ("José", "Ramírez", "7")
        assert jose.birth_date == dt.date(2013, 4, 11)
        assert {e.section.name for e in jose.enrollments} == {"Math 7 – Period 1", "English 7 – Period 2"}
        (link,) = jose.guardians
        assert link.guardian.display_name == "María Ramírez"
        assert link.guardian.preferred_language == "es" and link.guardian.phone == "555-0101"
        langs = {g.email: g.preferred_language for g in s.scalars(select(Guardian))}
        assert langs == {"maria.ramirez@example.com": "es", "hoa.nguyen@example.com": "vi",
                         "maeve.obrien@example.com": "en", "fatima.alsayed@example.com": "ar"}
        siobhan = s.scalars(select(Student).where(Student.local_id == "1004")).one()
        assert siobhan.guardians == []
        garcia = s.scalars(select(Staff).where(Staff.family_name == "García")).one()
        assert garcia.given_name == "Elena" and garcia.role == "teacher"
        science = s.scalars(select(Section).where(Section.name == "Science 8 – Period 3")).one()
        assert (science.period, science.room, science.code) == ("3", "Lab 2", "03")
        assert [t.staff.display_name for t in science.teachers] == ["Elena García"]
        assert {c.title for c in s.scalars(select(Course))} == {"Math 7", "English 7", "Science 8"}


def test_plain_csv_reimport_does_not_duplicate(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    assert import_roster(ws, EXPORT).ok  # mapping guessed
    before = table_counts(ws)
    again = import_roster(ws, EXPORT)
    assert again.ok and not again.created and not again.updated
    assert table_counts(ws) == {**before, "audit_log": before["audit_log"] + 1}


def test_spanish_semicolon_export(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    report = import_roster(empty_workspace, EXPORT_ES)
    assert report.ok, report.summary()
    with empty_workspace.read() as s:
        langs = {g.display_name: g.preferred_language for g in s.scalars(select(Guardian))}
        assert langs == {"María Ramírez": "es", "Hoa Nguyễn": "vi", "Maeve O'Brien": "en"}
        kim = s.scalars(select(Staff).where(Staff.family_name == "Kim")).one()
        assert kim.display_name == "Sr. David Kim"
        assert {sec.name for sec in s.scalars(select(Section))} == {
            "Matemáticas 7 – Period 1", "Ciencias 8 – Period 3"}


def test_windows_1252_export_is_read_with_a_warning(empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    legacy = tmp_path / "legacy.csv"
    text = "Student ID,Last Name,First Name,Home Language,Parent Name\n3001,Muñoz,Inés,Español,Rosa Muñoz\n"
    legacy.write_bytes(text.encode("cp1252"))
    report = import_roster(empty_workspace, legacy)
    assert report.ok, report.summary()
    assert any("not UTF-8" in str(w) for w in report.warnings)
    with empty_workspace.read() as s:
        ines = s.scalars(select(Student)).one()
        assert (ines.given_name, ines.family_name) == ("Inés", "Muñoz")
        assert s.scalars(select(Guardian)).one().preferred_language == "es"


def test_bad_rows_are_reported_and_the_rest_imported(empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    bad = tmp_path / "bad.csv"
    shutil.copyfile(EXPORT, bad)
    with bad.open("a", encoding="utf-8") as f:
        f.write(",NoId,Nobody,07,,,,,,Math 7,01,1,\"García, Elena\",101\n")  # line 9
        f.write("1006,,Finn,07,,,,,,Math 7,01,1,\"García, Elena\",101\n")  # line 10
        f.write("1007,Ørsted,Freja,07,31/12/2013,,,,,Math 7,01,1,\"García, Elena\",101\n")  # line 11
    before = table_counts(ws)
    expected = [
        "bad.csv, line 9: Perm ID is empty; every row needs a student ID → skipped",
        "bad.csv, line 10: student '1006' has no last name → skipped",
        "bad.csv, line 11: birth date '31/12/2013' is not a date (use YYYY-MM-DD or MM/DD/YYYY) "
        "→ imported without its birth date",
    ]
    strict = import_plain_csv(ws, bad, guess_mapping(preview(bad).headers), strict=True)
    assert [str(e) for e in strict.defects] == expected
    assert not strict.applied and table_counts(ws) == before
    report = import_plain_csv(ws, bad, guess_mapping(preview(bad).headers))
    assert [str(e) for e in report.defects] == expected and report.applied
    assert table_counts(ws)["student"] == before["student"] + 6


def test_bad_mapping_is_reported(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    report = import_plain_csv(empty_workspace, EXPORT, {"student_id": "Student Number",
                                                        "first_name": "First Name", "colour": "Gr"})
    assert [str(e) for e in report.errors] == [
        "sis_export.csv, line 1: the mapping uses column 'Student Number' for student_id, but "
        "the file has no such column",
        "sis_export.csv: the mapping has an unknown field 'colour'; fields are: "
        + ", ".join(__import__("app.store.roster", fromlist=["FIELDS"]).FIELDS),
        "sis_export.csv, line 1: map first_name and last_name (or full_name) to the name columns",
    ]
    assert table_counts(empty_workspace)["student"] == 0


def test_oneroster_adopts_students_from_a_plain_csv(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    """Typed in or imported from a CSV first, then OneRoster: one student per local ID."""
    ws = empty_workspace
    assert import_roster(ws, EXPORT).ok
    report = import_oneroster(ws, ONEROSTER11)
    assert report.ok, report.summary()
    assert report.created["students"] == 0 and report.updated["students"] == 5
    with ws.read() as s:
        students = list(s.scalars(select(Student).order_by(Student.local_id)))
        assert [(st.local_id, st.source_id) for st in students] == [
            ("1001", "stu-1001"), ("1002", "stu-1002"), ("1003", "stu-1003"),
            ("1004", "stu-1004"), ("1005", "stu-1005")]
        assert students[0].birth_date == dt.date(2013, 4, 11)  # OneRoster has none: kept
