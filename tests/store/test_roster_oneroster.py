"""OneRoster 1.1 and 1.2 CSV import into a real encrypted workspace.

The fixture sets under tests/store/data/ are written from the 1EdTech CSV binding tables
(column order, required columns, enumerations, date formats).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from app.store import audit
from app.store.models import (
    Course,
    Enrollment,
    Guardian,
    School,
    SchoolYear,
    Section,
    Staff,
    Student,
    StudentGuardian,
    Term,
)
from app.store.roster import ImportCancelled, detect_format, import_oneroster, import_roster, spec
from tests.store.data.roster_sets import (
    ONEROSTER11,
    ONEROSTER12,
    append,
    copy_set,
    drop_column,
    edit,
    table_counts,
    zip_set,
)


def _student(s, local_id: str) -> Student:  # type: ignore[no-untyped-def]
    return s.scalars(select(Student).where(Student.local_id == local_id)).one()


def _by_source(s, model, source_id: str):  # type: ignore[no-untyped-def]
    return s.scalars(select(model).where(model.source_id == source_id)).one()


# -- the spec tables themselves ----------------------------------------------------------


def test_fixture_headers_follow_the_binding_column_order() -> None:
    """Our fixture files list exactly the binding's columns, in its order (plus metadata.*)."""
    files = {
        ONEROSTER11: [spec.ORGS, spec.ACADEMIC_SESSIONS, spec.COURSES, spec.CLASSES,
                      spec.USERS_11, spec.ENROLLMENTS],
        ONEROSTER12: [spec.ORGS, spec.ACADEMIC_SESSIONS, spec.COURSES, spec.CLASSES,
                      spec.USERS_12, spec.ROLES_FILE, spec.ENROLLMENTS],
    }
    for folder, specs in files.items():
        for fs in specs:
            header = (folder / fs.name).read_text(encoding="utf-8").splitlines()[0].split(",")
            core = [h for h in header if not h.startswith("metadata.")]
            assert core == list(fs.columns), (folder.name, fs.name)
            assert set(fs.required) <= set(fs.columns)


# -- 1.1 ---------------------------------------------------------------------------------


def test_oneroster_11_import_maps_every_kind(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    assert detect_format(ONEROSTER11) == "oneroster"
    report = import_roster(ws, ONEROSTER11)
    assert report.ok, report.summary()
    assert report.applied and report.format == "oneroster-1.1"
    assert report.created["students"] == 5
    assert report.created["staff"] == 4
    assert report.created["guardians"] == 4
    assert report.created["enrollments"] == 8
    assert report.created["class teachers"] == 4
    assert any("demographics.csv" in str(w) and "ignored" in str(w) for w in report.warnings)

    with ws.read() as s:
        # The workspace's own school is the district's school now (not a second school).
        schools = list(s.scalars(select(School)))
        assert [(sc.name, sc.source_id) for sc in schools] == [("Riverside Middle School", "org-school-1")]

        jose = _student(s, "1001")
        assert (jose.given_name, jose.middle_name, jose.family_name) == ("José", "Luis", "Ramírez")
        assert jose.source_id == "stu-1001" and jose.grade_level == "7"
        assert jose.email == "jose.ramirez@students.riverside.example"
        lan = _student(s, "1002")
        assert (lan.family_name, lan.middle_name, lan.given_name) == ("Nguyễn", "Thị", "Lan")
        zoe = _student(s, "1003")
        assert zoe.display_name == "Zoë O'Brien" and zoe.grade_level == "8"

        links = {(g.guardian.display_name, g.relationship_, g.is_primary) for g in zoe.guardians}
        assert links == {("Maeve O'Brien", "parent", True), ("Seán O'Brien", "relative", False)}
        maria = _by_source(s, Guardian, "par-2001")
        assert maria.preferred_language == "es" and maria.phone == "+15555550101"
        assert _by_source(s, Guardian, "par-2002").preferred_language == "vi"
        assert _by_source(s, Guardian, "par-2004").preferred_language == "en"  # blank: default

        roles = {st.source_id: st.role for st in s.scalars(select(Staff))}
        assert roles == {"tch-301": "teacher", "tch-302": "teacher", "adm-401": "administrator",
                         "aide-501": "aide"}

        year = _by_source(s, SchoolYear, "as-2026")
        assert (year.name, year.start_date, year.end_date) == ("2025-2026", dt.date(2025, 8, 18), dt.date(2026, 6, 5))
        q1 = _by_source(s, Term, "as-2026-q1")
        fall = _by_source(s, Term, "as-2026-s1")
        assert q1.kind == "gradingPeriod" and q1.parent_id == fall.id and q1.school_year_id == year.id
        assert fall.kind == "semester" and fall.parent_id is None

        math = _by_source(s, Section, "cls-math7-p1")
        assert (math.name, math.code, math.period, math.room) == ("Math 7 – Period 1", "MATH7-01", "1", "Room 101")
        assert math.term_id == fall.id
        assert math.course is not None and math.course.title == "Math 7" and math.course.grade_levels == "7"
        teachers = {(t.staff.family_name, t.role) for t in math.teachers}
        assert teachers == {("García", "primary"), ("Lee", "secondary")}
        assert {e.student.local_id for e in math.enrollments} == {"1001", "1002", "1005"}
        assert _by_source(s, Section, "cls-sci8-p3").period == "3, 4"
        mo = _by_source(s, Enrollment, "enr-1005-m")
        assert (mo.start_date, mo.end_date) == (dt.date(2025, 9, 2), dt.date(2026, 1, 16))

        entries = audit.entries(s, entity="roster")
        assert entries and entries[0].action == "roster.import"
        assert entries[0].details["counts"]["students"]["created"] == 5


def test_reimport_never_duplicates(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    assert import_oneroster(ws, ONEROSTER11).ok
    before = table_counts(ws)
    again = import_oneroster(ws, ONEROSTER11)
    assert again.ok and again.applied
    after = table_counts(ws)
    assert after == {**before, "audit_log": before["audit_log"] + 1}
    assert not again.created and not again.updated and not again.deleted
    assert again.unchanged["students"] == 5 and again.unchanged["enrollments"] == 8


def test_reimport_updates_and_deletes_by_sourced_id(empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    assert import_oneroster(ws, ONEROSTER11).ok
    changed = copy_set(ONEROSTER11, tmp_path / "changed")
    # Zoë moves up a grade and changes her email; Siobhán leaves (tobedeleted);
    # José drops Math; the Science class moves to a new room.
    edit(changed, "users.csv", "zoe.obrien@students.riverside.example,,,\"par-2003,par-2004\",08",
         "zoe.ob@students.riverside.example,,,\"par-2003,par-2004\",09")
    edit(changed, "users.csv", "stu-1004,,,true", "stu-1004,tobedeleted,2026-01-20T09:30:00.000Z,true")
    edit(changed, "enrollments.csv", "enr-1001-m,,,", "enr-1001-m,tobedeleted,2026-01-20T09:30:00Z,")
    edit(changed, "classes.csv", "Lab 2", "Lab 5")
    before = table_counts(ws)
    report = import_oneroster(ws, changed)
    assert report.ok, report.summary()
    assert report.updated["students"] == 1 and report.deleted["students"] == 1
    assert report.deleted["enrollments"] == 1 and report.updated["classes"] == 1
    after = table_counts(ws)
    assert after["student"] == before["student"]  # deactivated, never deleted
    assert after["enrollment"] == before["enrollment"]  # inactive, never deleted: grades keep their class
    with ws.read() as s:
        zoe = _student(s, "1003")
        assert (zoe.grade_level, zoe.email) == ("9", "zoe.ob@students.riverside.example")
        assert _student(s, "1004").active is False
        assert {e.section.source_id for e in _student(s, "1001").enrollments if e.active} == {"cls-ela7-p2"}
        assert _by_source(s, Section, "cls-sci8-p3").room == "Lab 5"


# -- 1.2 ---------------------------------------------------------------------------------


def test_oneroster_12_roles_preferred_names_and_languages(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    report = import_oneroster(ws, ONEROSTER12)
    assert report.ok, report.summary()
    assert report.format == "oneroster-1.2"
    assert any("userProfiles.csv" in str(w) for w in report.warnings)
    with ws.read() as s:
        jose = _student(s, "5003")
        assert (jose.given_name, jose.preferred_name, jose.pronouns, jose.grade_level) == ("José", "Pepe", "he/him", "10")
        assert jose.display_name == "Pepe Ramírez"
        mo = _student(s, "5005")
        assert mo.active is True and mo.preferred_name == "Mo"  # enabledUser=false: still enrolled
        freja = _student(s, "5004")
        assert freja.family_name == "Ørsted" and freja.preferred_name == ""
        langs = {g.source_id: g.preferred_language for g in s.scalars(select(Guardian))}
        assert langs == {"g-7001": "vi", "g-7002": "en", "g-7003": "es-MX", "g-7004": "es"}
        rel = {(sg.student.local_id, sg.guardian.source_id): sg.relationship_
               for sg in s.scalars(select(StudentGuardian))}
        assert rel == {("5001", "g-7001"): "parent", ("5002", "g-7002"): "guardian",
                       ("5003", "g-7003"): "parent", ("5003", "g-7004"): "relative"}
        roles = {st.source_id: st.role for st in s.scalars(select(Staff))}
        assert roles == {"u-6001": "teacher", "u-6002": "teacher", "u-6003": "counselor"}
        gp = _by_source(s, Term, "gp-2027-1a")
        assert gp.kind == "gradingPeriod" and gp.parent_id == _by_source(s, Term, "t-2027-1").id
        assert _by_source(s, Course, "c-alg1").grade_levels == "9,10"
        assert {t.staff.family_name for t in _by_source(s, Section, "k-span2-6").teachers} == {"Mensah"}
        assert s.scalars(select(School)).one().name == "Lakeview High School"


def test_12_without_roles_csv_is_rejected(empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = copy_set(ONEROSTER12, tmp_path / "bad")
    (bad / "roles.csv").unlink()
    edit(bad, "manifest.csv", "file.roles,bulk", "file.roles,absent")
    before = table_counts(empty_workspace)
    report = import_oneroster(empty_workspace, bad)
    assert not report.ok and not report.applied
    assert [str(e) for e in report.errors] == ["roles.csv: the set has no roles.csv; it is required"]
    assert table_counts(empty_workspace) == before


def test_both_versions_in_one_workspace(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    assert import_oneroster(empty_workspace, ONEROSTER11).ok
    report = import_oneroster(empty_workspace, ONEROSTER12)
    assert report.ok, report.summary()
    counts = table_counts(empty_workspace)
    assert counts["school"] == 2 and counts["student"] == 10


# -- encodings and containers ------------------------------------------------------------


def test_bom_and_no_bom_give_the_same_roster(empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bom = copy_set(ONEROSTER11, tmp_path / "bom")
    for path in bom.iterdir():
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert (bom / "users.csv").read_bytes().startswith(b"\xef\xbb\xbfsourcedId")
    report = import_oneroster(empty_workspace, bom)
    assert report.ok, report.summary()
    assert report.created["students"] == 5
    # The same set without the BOM and with Unix line ends is the same roster.
    plain = import_oneroster(empty_workspace, ONEROSTER11)
    assert plain.ok and not plain.created and not plain.updated
    with empty_workspace.read() as s:
        assert _student(s, "1003").family_name == "O'Brien"


def test_zip_and_folder_give_the_same_roster(empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    archive = zip_set(ONEROSTER12, tmp_path / "lakeview.zip", subfolder="export-2026-08-01")
    assert detect_format(archive) == "oneroster"
    zipped = import_roster(empty_workspace, archive)
    assert zipped.ok, zipped.summary()
    from_folder = import_roster(empty_workspace, ONEROSTER12)
    assert from_folder.ok and not from_folder.created and not from_folder.updated
    assert sum(from_folder.unchanged.values()) == sum(zipped.created.values()) + 1  # +1: adopted school


# -- bad sets: row-level messages, nothing written --------------------------------------


@pytest.mark.parametrize(
    ("file", "column"),
    [(fs.name, col) for fs in (spec.ORGS, spec.ACADEMIC_SESSIONS, spec.COURSES, spec.CLASSES,
                               spec.USERS_11, spec.ENROLLMENTS) for col in fs.required],
)
def test_each_missing_required_column_is_one_error(empty_workspace, tmp_path: Path, file: str, column: str) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    bad = copy_set(ONEROSTER11, tmp_path / "bad")
    drop_column(bad, file, column)
    before = table_counts(ws)
    report = import_oneroster(ws, bad)
    assert [str(e) for e in report.errors] == [f"{file}, line 1: missing required column {column!r}"]
    assert not report.applied and table_counts(ws) == before


def test_unknown_references_bad_dates_and_enums_are_reported_per_row(empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    assert import_oneroster(ws, ONEROSTER11).ok
    before = table_counts(ws)
    bad = copy_set(ONEROSTER11, tmp_path / "bad")
    enr = append(bad, "enrollments.csv", "enr-x-1,,,cls-nope,org-school-1,stu-1001,student,false,,")
    enr2 = append(bad, "enrollments.csv", "enr-x-2,,,cls-math7-p1,org-school-1,stu-404,student,false,,")
    enr3 = append(bad, "enrollments.csv", "enr-x-3,,,cls-math7-p1,org-school-1,stu-1004,learner,false,,")
    date1 = append(bad, "academicSessions.csv", "as-bad-1,,,Winter,term,2025-13-01,2026-02-01,as-2026,2026")
    date2 = append(bad, "academicSessions.csv", "as-bad-2,,,Summer,term,06/15/2026,2026-07-31,as-2026,2026")
    date3 = append(bad, "academicSessions.csv", "as-bad-3,,,Backwards,term,2026-03-01,2026-02-01,as-2026,2026")
    org = append(bad, "orgs.csv", "org-x,,,Annex,skool,,org-district-1")
    dup = append(bad, "users.csv", "stu-1002,,,true,org-school-1,student,dup,,Dup,Licate,,9999,,,,,07,,")
    mod = append(bad, "courses.csv", "crs-x,active,yesterday,as-2026,Art,ART,07,org-school-1,Art,")
    agent = append(bad, "users.csv", "stu-1006,,,true,org-school-1,student,fmurphy,,Finn,Murphy,,1006,,,,par-9999,07,,")
    expected = [
        f"orgs.csv, line {org}: type 'skool' is not one of: department, school, district, local, state, national → skipped",
        f"academicSessions.csv, line {date1}: startDate '2025-13-01' is not a date in the form YYYY-MM-DD → skipped",
        f"academicSessions.csv, line {date2}: startDate '06/15/2026' is not a date in the form YYYY-MM-DD → skipped",
        f"academicSessions.csv, line {date3}: endDate 2026-02-01 is before startDate 2026-03-01 → skipped",
        f"users.csv, line {dup}: duplicate sourcedId 'stu-1002' (also on line 3) → skipped",
        f"users.csv, line {agent}: agentSourcedIds 'par-9999' is not a sourcedId in users.csv → imported without that family link",
        f"enrollments.csv, line {enr}: classSourcedId 'cls-nope' is not a sourcedId in classes.csv → skipped",
        f"enrollments.csv, line {enr2}: userSourcedId 'stu-404' is not a sourcedId in users.csv → skipped",
        f"enrollments.csv, line {enr3}: role 'learner' is not one of: administrator, proctor, student, teacher, aide → skipped",
    ]
    # --strict: all or nothing, as before.
    strict = import_oneroster(ws, bad, strict=True)
    assert [str(e) for e in strict.defects] == expected and not strict.errors
    assert not strict.ok and not strict.applied
    assert table_counts(ws) == before
    assert "nothing was imported (--strict)" in strict.summary()
    # By default the good part goes in: the new course (whose only flaw is a date in a
    # field TeacherDesk does not use) and the new student, without the broken link.
    report = import_oneroster(ws, bad)
    assert [str(e) for e in report.defects] == expected
    assert report.ok and report.applied
    assert report.created["courses"] == 1 and report.created["students"] == 1
    assert [str(w) for w in report.warnings if "dateLastModified" in str(w)] == [
        f"courses.csv, line {mod}: dateLastModified 'yesterday' is not an ISO 8601 date-time "
        "(e.g. 2026-08-01T12:00:00.000Z); not used, so the row is imported"
    ]
    assert "Imported the good part of bad" in report.summary()
    with ws.read() as s:
        assert _student(s, "1006").guardians == []
        assert s.scalars(select(Term).where(Term.name.in_(["Winter", "Summer", "Backwards"]))).all() == []


def test_teacher_enrolled_as_student_the_enrollment_wins(empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = copy_set(ONEROSTER11, tmp_path / "bad")
    edit(bad, "enrollments.csv", "enr-t-2,,,cls-ela7-p2,org-school-1,tch-302,teacher,true",
         "enr-t-2,,,cls-ela7-p2,org-school-1,tch-302,student,true")
    edit(bad, "enrollments.csv", "enr-t-3,,,cls-sci8-p3,org-school-1,tch-301,teacher,true",
         "enr-t-3,,,cls-sci8-p3,org-school-1,tch-301,student,true")
    edit(bad, "users.csv", "stu-1005,,,true,", "stu-1005,,,yes,")
    report = import_oneroster(empty_workspace, bad)
    assert report.ok and report.applied and report.defects == []
    notes = [str(w) for w in report.warnings]
    assert "users.csv, line 6: enabledUser 'yes' must be true or false; not used, so the row is imported" in notes
    # tch-302 is only enrolled as a student: a student. tch-301 teaches Math and is
    # enrolled in Science as a student: both a teacher and a student.
    assert ("users.csv, line 8: user 'tch-302' is a teacher in users.csv but enrolled as a student "
            "(enrollments.csv line 3); the enrollment wins: imported as a student") in notes
    assert ("users.csv, line 7: user 'tch-301' is a teacher in users.csv and also enrolled as a "
            "student (enrollments.csv line 4); imported as both") in notes
    with empty_workspace.read() as s:
        kim = _student(s, "T302")
        assert [e.section.source_id for e in kim.enrollments] == ["cls-ela7-p2"]
        garcia = _student(s, "T301")
        assert [e.section.source_id for e in garcia.enrollments] == ["cls-sci8-p3"]
        assert {st.source_id for st in s.scalars(select(Staff))} >= {"tch-301"}
        assert "tch-302" not in {st.source_id for st in s.scalars(select(Staff))}
        assert _student(s, "1005").given_name == "Mohammed"


def test_row_with_too_many_values(empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = copy_set(ONEROSTER11, tmp_path / "bad")
    line = append(bad, "courses.csv", "crs-y,,,as-2026,Art, Music,ART,07,org-school-1,Art,ART1")
    report = import_oneroster(empty_workspace, bad)
    assert [str(e) for e in report.defects] == [
        f"courses.csv, line {line}: the row has 11 values but the header has 10 columns "
        "(a comma inside an unquoted value?) → skipped"
    ]
    assert report.applied and report.created["courses"] == 3


def test_local_id_clash_with_the_workspace_skips_that_student(empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    assert import_oneroster(ws, ONEROSTER11).ok
    before = table_counts(ws)
    other = copy_set(ONEROSTER11, tmp_path / "other")
    line = append(other, "users.csv", "stu-9001,,,true,org-school-1,student,x,,Ana,Ruiz,,1001,,,,,07,,")
    edit(other, "users.csv", "stu-1001,,,true,org-school-1,student,jramirez,{SIS:1001},José,Ramírez,Luis,1001",
         "stu-1001,,,true,org-school-1,student,jramirez,{SIS:1001},José,Ramírez,Luis,1001-R")
    append(other, "enrollments.csv", "enr-9001-m,,,cls-math7-p1,org-school-1,stu-9001,student,false,,")
    expected = [
        f"users.csv, line {line}: local ID '1001' already belongs to another student in the "
        "workspace (source 'stu-1001') → skipped; 1 row(s) of enrollments.csv that name it are skipped too"
    ]
    strict = import_oneroster(ws, other, strict=True)
    assert [str(e) for e in strict.defects] == expected
    assert table_counts(ws) == before
    report = import_oneroster(ws, other)
    assert [str(e) for e in report.defects] == expected and report.applied
    with ws.read() as s:
        assert _student(s, "1001-R").given_name == "José"
        assert {st.local_id for st in s.scalars(select(Student))} == {"1001-R", "1002", "1003", "1004", "1005"}


# -- dry run, progress, cancel -----------------------------------------------------------


def test_dry_run_counts_but_writes_nothing(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    before = table_counts(empty_workspace)
    report = import_oneroster(empty_workspace, ONEROSTER12, dry_run=True)
    assert report.ok and not report.applied and report.created["students"] == 5
    assert "Would import" in report.summary()
    assert table_counts(empty_workspace) == before


def test_progress_and_cancel(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    seen: list[float] = []
    report = import_oneroster(empty_workspace, ONEROSTER11, progress=lambda f, _m: seen.append(f))
    assert report.ok and seen[-1] == 1.0 and seen == sorted(seen)

    calls = {"n": 0}

    def cancel_late() -> bool:  # cancel in the middle of writing
        calls["n"] += 1
        return calls["n"] > 20

    ws_before = table_counts(empty_workspace)
    changed = ONEROSTER12
    with pytest.raises(ImportCancelled):
        import_oneroster(empty_workspace, changed, cancelled=cancel_late)
    assert table_counts(empty_workspace) == ws_before


# -- deletions, delta files, sessions without a school year -------------------------------


def test_tobedeleted_class_is_kept_while_it_has_grades(empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.store.models import Assignment

    ws = empty_workspace
    assert import_oneroster(ws, ONEROSTER11).ok
    with ws.session() as s:
        math = _by_source(s, Section, "cls-math7-p1")
        s.add(Assignment(section_id=math.id, title="Quiz 1", points_possible=10))
    changed = copy_set(ONEROSTER11, tmp_path / "changed")
    edit(changed, "classes.csv", "cls-math7-p1,,,", "cls-math7-p1,tobedeleted,,")
    edit(changed, "classes.csv", "cls-sci8-p3,,,", "cls-sci8-p3,tobedeleted,,")
    report = import_oneroster(ws, changed)
    assert report.ok, report.summary()
    assert report.deleted["classes"] == 1
    assert any("'Math 7 – Period 1' is marked tobedeleted but has 1 assignment(s); it was kept" in str(w)
               for w in report.warnings)
    with ws.read() as s:
        assert {sec.source_id for sec in s.scalars(select(Section))} == {"cls-math7-p1", "cls-ela7-p2"}


def test_delta_file_may_refer_to_records_already_imported(empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    assert import_oneroster(ws, ONEROSTER11).ok
    delta = tmp_path / "delta"
    delta.mkdir()
    for name in ("manifest.csv", "users.csv", "enrollments.csv"):
        lines = (ONEROSTER11 / name).read_text(encoding="utf-8").splitlines()
        (delta / name).write_text(lines[0] + "\n", encoding="utf-8")
    (delta / "orgs.csv").write_text("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n",
                                    encoding="utf-8")
    append(delta, "manifest.csv", "oneroster.version,1.1")
    append(delta, "users.csv", "stu-1010,active,2026-02-02T08:00:00Z,true,org-school-1,student,ninoue,,Nao,"
                               "Inoue,,1010,,,,,07,,")
    append(delta, "enrollments.csv", "enr-1010-m,active,2026-02-02T08:00:00Z,cls-math7-p1,org-school-1,"
                                     "stu-1010,student,false,2026-02-02,")
    report = import_oneroster(ws, delta)
    assert report.ok, report.summary()
    assert report.created["students"] == 1 and report.created["enrollments"] == 1
    with ws.read() as s:
        assert _student(s, "1010").enrollments[0].section.source_id == "cls-math7-p1"


def test_terms_without_a_school_year_row_get_one(empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    flat = copy_set(ONEROSTER11, tmp_path / "flat")
    text = (flat / "academicSessions.csv").read_text(encoding="utf-8")
    text = text.replace("as-2026,,,2025-2026,schoolYear,2025-08-18,2026-06-05,,2026\n", "")
    (flat / "academicSessions.csv").write_text(text.replace(",as-2026,2026", ",,2026"), encoding="utf-8")
    edit(flat, "courses.csv", "crs-math7,,,as-2026,", "crs-math7,,,,")
    edit(flat, "courses.csv", "crs-ela7,,,as-2026,", "crs-ela7,,,,")
    edit(flat, "courses.csv", "crs-sci8,,,as-2026,", "crs-sci8,,,,")
    report = import_oneroster(ws, flat)
    assert report.ok, report.summary()
    with ws.read() as s:
        (year,) = s.scalars(select(SchoolYear))
        assert (year.name, year.start_date, year.end_date) == ("2025–2026", dt.date(2025, 8, 18), dt.date(2026, 6, 5))
        assert {t.school_year_id for t in s.scalars(select(Term))} == {year.id}


def test_a_bad_row_is_reported_once_not_again_by_every_row_that_refers_to_it(empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = copy_set(ONEROSTER11, tmp_path / "bad")
    edit(bad, "academicSessions.csv", "2025-08-18,2026-01-16,as-2026", "2025-08-18,2026-01-32,as-2026")
    report = import_oneroster(empty_workspace, bad, strict=True)
    assert [str(e) for e in report.defects] == [
        "academicSessions.csv, line 3: endDate '2026-01-32' is not a date in the form YYYY-MM-DD → skipped; "
        "1 row(s) of academicSessions.csv that name it are imported without it too; "
        "2 row(s) of classes.csv that name it are imported without it too"
    ]
    assert table_counts(empty_workspace)["section"] == 0


def test_a_stray_quote_is_an_error_at_its_line(empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = copy_set(ONEROSTER11, tmp_path / "bad")
    edit(bad, "users.csv", "Zoë,O'Brien", 'Zoë,"O\'Brien')
    report = import_oneroster(empty_workspace, bad)
    assert [str(e) for e in report.errors] == [
        "users.csv, line 4: not readable as CSV (',' expected after '\"'); look for a stray double quote"
    ]
    assert table_counts(empty_workspace)["student"] == 0
