"""The roster writer's bulk path: updates land on the same rows, re-imports never
duplicate, one audit entry per import, and a repeated student ID in one file is one
student with several classes (the usual SIS layout: one row per class)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from app.store.models import Enrollment, Guardian, Student, StudentGuardian
from app.store.models.school import AuditEntry
from app.store.roster import guess_mapping, import_plain_csv, preview
from app.store.roster.bulk import BulkTable
from tests.store.data.roster_sets import table_counts

HEADER = "Student ID,First Name,Last Name,Grade,Guardian Name,Guardian Email,Course,Teacher,Period\n"


def _import(ws, path: Path):  # type: ignore[no-untyped-def]
    report = import_plain_csv(ws, path, guess_mapping(preview(path, n=0).headers))
    assert report.applied, report.summary()
    return report


def test_reimport_updates_in_place_and_keeps_what_the_file_leaves_out(empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    first = tmp_path / "first.csv"
    first.write_text(HEADER
                     + "101,Ana,Ruiz,6,Rosa Ruiz,rosa@example.org,Math 6,Ms Lee,1\n"
                     + "101,Ana,Ruiz,6,Rosa Ruiz,rosa@example.org,Science 6,Mr Kim,2\n"
                     + "102,Luis,Soto,7,Eva Soto,eva@example.org,Math 6,Ms Lee,1\n", encoding="utf-8")
    report = _import(ws, first)
    assert report.created["students"] == 2 and report.created["enrollments"] == 3
    with ws.read() as s:
        ana = s.scalars(select(Student).where(Student.local_id == "101")).one()
        ana_id = ana.id
        assert len(ana.enrollments) == 2 and len(ana.guardians) == 1
    counts = table_counts(ws)

    second = tmp_path / "second.csv"
    second.write_text(HEADER
                      + "101,Anabel,Ruiz,,Rosa Ruiz Gil,rosa@example.org,Math 6,Ms Lee,1\n"
                      + "101,Anabel,Ruiz,,Rosa Ruiz Gil,rosa@example.org,Science 6,Mr Kim,2\n"
                      + "102,Luis,Soto,7,Eva Soto,eva@example.org,Math 6,Ms Lee,1\n"
                      + "103,Iván,Pérez,8,Juan Pérez,juan@example.org,Science 6,Mr Kim,2\n", encoding="utf-8")
    report = _import(ws, second)
    assert report.created["students"] == 1 and report.updated["students"] == 1
    assert report.unchanged["students"] == 1
    assert report.updated["guardians"] == 1 and report.created["guardians"] == 1
    assert report.created["enrollments"] == 1 and report.created["guardian links"] == 1
    with ws.read() as s:
        ana = s.scalars(select(Student).where(Student.local_id == "101")).one()
        assert (ana.id, ana.given_name, ana.grade_level) == (ana_id, "Anabel", "6")  # grade kept
        assert ana.guardians[0].guardian.display_name == "Rosa Ruiz Gil"  # the same family, renamed
        ivan = s.scalars(select(Student).where(Student.local_id == "103")).one()
        assert [e.section.course.title for e in ivan.enrollments] == ["Science 6"]
        assert ivan.guardians[0].guardian.display_name == "Juan Pérez"
        assert ivan.active and ivan.middle_name == "" and ivan.email == ""
    after = table_counts(ws)
    for table, added in (("student", 1), ("guardian", 1), ("student_guardian", 1), ("enrollment", 1)):
        assert after[table] == counts[table] + added, table

    # A third run of the same file changes nothing and adds only its audit entry.
    report = _import(ws, second)
    assert not report.created and not report.updated
    assert table_counts(ws) == {**after, "audit_log": after["audit_log"] + 1}
    with ws.read() as s:
        actions = list(s.scalars(select(AuditEntry.action)))
        assert actions.count("roster.import") == 3
        for model in (Student, Guardian, StudentGuardian, Enrollment):
            assert s.scalar(select(func.count()).select_from(model)) == after[model.__tablename__]


def test_bulk_table_deletes_updates_and_inserts_in_one_write(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    with ws.session() as s:
        s.add_all([Student(local_id="1", given_name="A", family_name="X"),
                   Student(local_id="2", given_name="B", family_name="Y")])
    with ws.session() as s:
        table = BulkTable(s, Student, ("id",), ("local_id", "given_name", "family_name", "active"))
        rows = {r["local_id"]: r for r in table.rows}
        assert table.assign(rows["1"], {"given_name": "Ann"})
        assert not table.assign(rows["1"], {"family_name": "X"})
        table.remove(rows["2"])
        fresh = table.add({"local_id": "2", "given_name": "Bea", "family_name": "Z"})
        gone = table.add({"local_id": "3", "given_name": "C", "family_name": "W"})
        table.remove(gone)  # added then removed in the same import: never written
        assert table.write(s) == [fresh]
    with ws.read() as s:
        got = {st.local_id: (st.given_name, st.family_name, st.active) for st in s.scalars(select(Student))}
    assert got == {"1": ("Ann", "X", True), "2": ("Bea", "Z", True)}


def test_bulk_table_updates_by_a_two_column_key(empty_workspace) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    with ws.session() as s:
        st = Student(local_id="1", given_name="A", family_name="X")
        g1, g2 = Guardian(given_name="P", family_name="X"), Guardian(given_name="Q", family_name="X")
        s.add_all([st, g1, g2])
        s.flush()
        s.add_all([StudentGuardian(student_id=st.id, guardian_id=g1.id, relationship_="guardian"),
                   StudentGuardian(student_id=st.id, guardian_id=g2.id, relationship_="guardian")])
        ids = (st.id, g1.id, g2.id)
    with ws.session() as s:
        links = BulkTable(s, StudentGuardian, ("student_id", "guardian_id"), ("relationship_",))
        rows = {links.key(r): r for r in links.rows}
        assert links.assign(rows[(ids[0], ids[2])], {"relationship_": "mother"})
        links.write(s)
    with ws.read() as s:
        got = {(r.guardian_id, r.relationship_) for r in s.scalars(select(StudentGuardian))}
    assert got == {(ids[1], "guardian"), (ids[2], "mother")}
