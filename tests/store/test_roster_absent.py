"""A full re-import from the district marks who left inactive (grades kept), shows it in the
plan with a choice to keep them, and a delta file deactivates only what it names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from app.store.models import Assignment, Enrollment, Score, Section, Staff, Student
from app.store.roster import import_oneroster
from tests.store.data.roster_sets import DATA, ONEROSTER11, copy_set, edit

CLEVER = DATA / "district" / "clever"
LAN_GONE = ("1 student is no longer in the district's file (Lan Nguyễn (1002)): they will be marked "
            "inactive; their grades are kept")
JOSE_DROPS_MATH = ("1 class enrollment is no longer in the district's file (José Ramírez in Math 7 – Period 1): "
                   "those students will leave those class lists; their grades are kept")
SAM_GONE = ("1 staff member is no longer in the district's file (Sam Lee): they will be marked inactive; "
            "nothing is deleted")


def _by_source(s, model, key: str):  # type: ignore[no-untyped-def]
    return s.scalars(select(model).where(model.source_id == key)).one()


def _without_lan_sam_and_joses_math(tmp_path: Path) -> Path:
    """The next export: Lan has left the district, so has the aide Sam; José dropped Math."""
    changed = copy_set(ONEROSTER11, tmp_path / "next")
    users = (changed / "users.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (changed / "users.csv").write_text("".join(u for u in users if not u.startswith(("stu-1002,", "aide-501,"))),
                                       encoding="utf-8")
    for line in ("enr-1002-m,,,cls-math7-p1,org-school-1,stu-1002,student,false,,\n",
                 "enr-1002-e,,,cls-ela7-p2,org-school-1,stu-1002,student,false,,\n",
                 "enr-t-4,,,cls-math7-p1,org-school-1,aide-501,teacher,false,,\n",
                 "enr-1001-m,,,cls-math7-p1,org-school-1,stu-1001,student,false,2025-08-18,\n"):
        edit(changed, "enrollments.csv", line, "")
    return changed


@pytest.fixture
def graded(empty_workspace):  # type: ignore[no-untyped-def]
    """The Riverside roster imported, with a Math quiz Lan and José have grades on."""
    ws = empty_workspace
    assert import_oneroster(ws, ONEROSTER11).ok
    with ws.session() as s:
        math = _by_source(s, Section, "cls-math7-p1")
        quiz = Assignment(section_id=math.id, title="Quiz 1", points_possible=10)
        s.add(quiz)
        s.flush()
        for key, points in (("stu-1002", 9.0), ("stu-1001", 7.5)):
            s.add(Score(assignment_id=quiz.id, student_id=_by_source(s, Student, key).id, points=points))
    return ws


def _math_lists(ws) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    """Math 7's students as each place a teacher sees them shows them."""
    from app.grading.exam_store import roster
    from app.reports.data import load_sections
    from app.reports.gradebook_store import load_grid
    from app.store.roster_rows import class_rows, student_rows

    with ws.read() as s:
        math = _by_source(s, Section, "cls-math7-p1")
        ids = {st.id: st.local_id for st in s.scalars(select(Student))}
        lists = {
            "class list": {r.local_id for r in student_rows(s, math.id)},
            "class list, all": {r.local_id for r in student_rows(s, math.id, include_inactive=True)},
            "gradebook": {r.local_id for r in load_grid(s, math.id, None).students},
            "report history": {ids[i] for i in load_sections(s, [math.id])[0].student_ids},
            "count": {str(r.students) for r in class_rows(s) if r.id == math.id},
        }
    lists["new exam sheets"] = {r.local_id for r in roster(ws, math.id)}
    return lists


def test_full_reimport_marks_who_left_inactive_and_keeps_their_grades(graded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = graded
    changed = _without_lan_sam_and_joses_math(tmp_path)
    plan = import_oneroster(ws, changed, dry_run=True)
    assert plan.ok and plan.defects == [], plan.summary()
    assert dict(plan.absent) == {"students": 1, "staff": 1, "enrollments": 1}
    assert plan.absence_lines() == [LAN_GONE, SAM_GONE, JOSE_DROPS_MATH]
    assert f"  {LAN_GONE}" in plan.summary()
    with ws.read() as s:  # the plan changed nothing
        assert _by_source(s, Student, "stu-1002").active

    report = import_oneroster(ws, changed)
    assert report.ok and report.applied
    assert report.absence_lines()[0] == ("1 student is no longer in the district's file (Lan Nguyễn (1002)): "
                                         "they were marked inactive; their grades are kept")
    with ws.read() as s:
        assert _by_source(s, Student, "stu-1002").active is False
        assert _by_source(s, Staff, "aide-501").active is False
        assert _by_source(s, Enrollment, "enr-1001-m").active is False
        assert _by_source(s, Enrollment, "enr-1002-m").active  # said once: as a student who left
        assert sorted(sc.points for sc in s.scalars(select(Score))) == [7.5, 9.0]  # grades kept
    lists = _math_lists(ws)
    assert lists["class list"] == lists["gradebook"] == lists["new exam sheets"] == {"1005"}
    assert lists["count"] == {"1"}
    assert lists["class list, all"] == lists["report history"] == {"1001", "1002", "1005"}

    # They come back in the next export: active again, in their classes again.
    back = import_oneroster(ws, ONEROSTER11)
    assert back.ok and not back.absent
    assert dict(back.reactivated) == {"students": 1, "staff": 1, "enrollments": 1}
    assert back.absence_lines() == [
        "1 inactive class enrollment is back in the district's file: made active again",
        "1 inactive staff member is back in the district's file: made active again",
        "1 inactive student is back in the district's file: made active again"]
    assert _math_lists(ws)["gradebook"] == {"1001", "1002", "1005"}
    with ws.read() as s:
        assert _by_source(s, Staff, "aide-501").active


def test_the_plan_offers_to_keep_them(graded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = graded
    report = import_oneroster(ws, _without_lan_sam_and_joses_math(tmp_path), keep_absent=True)
    assert report.ok and report.applied and report.absent["students"] == 1
    assert report.absence_lines()[0] == ("1 student is no longer in the district's file (Lan Nguyễn (1002)): "
                                         "they are kept active, as asked; their grades are kept")
    assert _math_lists(ws)["gradebook"] == {"1001", "1002", "1005"}
    with ws.read() as s:
        assert _by_source(s, Staff, "aide-501").active


def test_a_defective_row_is_not_a_departure(graded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Lan's row is skipped for a bad status: she is still in the file, so she stays active."""
    ws = graded
    changed = copy_set(ONEROSTER11, tmp_path / "bad")
    edit(changed, "users.csv", "stu-1002,,,true", "stu-1002,gone,,true")
    report = import_oneroster(ws, changed)
    assert report.ok and [d.file for d in report.defects] == ["users.csv"]
    assert not report.absent
    with ws.read() as s:
        assert _by_source(s, Student, "stu-1002").active


def test_a_delta_file_deactivates_only_what_it_names(graded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = graded
    delta = _without_lan_sam_and_joses_math(tmp_path)
    edit(delta, "manifest.csv", "file.users,bulk", "file.users,delta")
    edit(delta, "manifest.csv", "file.enrollments,bulk", "file.enrollments,delta")
    edit(delta, "enrollments.csv", "enr-1005-e,,,", "enr-1005-e,tobedeleted,2026-01-20T09:30:00.000Z,")
    report = import_oneroster(ws, delta)
    assert report.ok and not report.absent and report.deleted["enrollments"] == 1
    with ws.read() as s:
        assert _by_source(s, Student, "stu-1002").active and _by_source(s, Staff, "aide-501").active
        assert _by_source(s, Enrollment, "enr-1001-m").active
        assert _by_source(s, Enrollment, "enr-1005-e").active is False  # named: inactive, not deleted


def test_a_clever_reimport_marks_who_left_inactive(empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    assert import_oneroster(ws, CLEVER).ok
    changed = copy_set(CLEVER, tmp_path / "clever")
    students = (changed / "students.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (changed / "students.csv").write_text("".join(r for r in students if ",cst-2," not in r), encoding="utf-8")
    edit(changed, "enrollments.csv", "cs-100,csec-1,cst-2\n", "")
    report = import_oneroster(ws, changed)
    assert report.ok and report.absent["students"] == 1, report.summary()
    assert report.absence_lines()[0].startswith("1 student is no longer in the district's file (Joon Park (2002))")
    with ws.read() as s:
        assert _by_source(s, Student, "cst-2").active is False
        assert _by_source(s, Student, "cst-1").active


def test_cli_shows_the_plan_and_keeps_them_when_asked(graded, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    from app.cli import main

    ws = graded
    path = str(ws.path)
    ws.close()
    changed = str(_without_lan_sam_and_joses_math(tmp_path))
    assert main(["roster", "import", changed, "--workspace", path, "--dry-run"]) == 0
    assert LAN_GONE in capsys.readouterr().out
    assert main(["roster", "import", changed, "--workspace", path, "--keep-absent", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["applied"] and out["keep_absent"] and out["absent"] == {"students": 1, "staff": 1, "enrollments": 1}
    assert main(["roster", "import", changed, "--workspace", path]) == 0
    assert "they were marked inactive; their grades are kept" in capsys.readouterr().out


def test_another_schools_file_does_not_deactivate_this_schools_students(graded) -> None:  # type: ignore[no-untyped-def]
    """Riverside Middle's export, then Lakeview High's into the same workspace: Lakeview's file
    says nothing about Riverside's students and staff, so they stay active."""
    from tests.store.data.roster_sets import ONEROSTER12

    ws = graded
    report = import_oneroster(ws, ONEROSTER12)
    assert report.ok and report.created["students"] == 5
    assert not report.absent, report.absence_lines()
    with ws.read() as s:
        assert all(st.active for st in s.scalars(select(Student)))
        assert all(st.active for st in s.scalars(select(Staff)))


def test_sds_v1_a_student_row_marked_inactive_is_a_departure(empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = empty_workspace
    sds = DATA / "district" / "sds_v1"
    assert import_oneroster(ws, sds).ok
    changed = copy_set(sds, tmp_path / "sds")
    edit(changed, "Student.csv", "13002,10001,Beulah,McMillan,BMcMillan,,WA,,13002,Lynn,10,Active,",
         "13002,10001,Beulah,McMillan,BMcMillan,,WA,,13002,Lynn,10,Inactive,")
    report = import_oneroster(ws, changed)
    assert report.ok and report.absent["students"] == 1, report.summary()
    assert not any("'13002'" in d.message for d in report.defects)  # her enrollments go quietly
    with ws.read() as s:
        assert _by_source(s, Student, "13002").active is False
        assert _by_source(s, Student, "13001").active
