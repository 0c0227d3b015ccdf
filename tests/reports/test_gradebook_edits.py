"""Score notes, undo of grade edits, "mark all present" and "not counted" work, through
the Qt-free services the grid and the command line share."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.core.changes import Changes
from app.reports.data import load_reports
from app.reports.gradebook import AssignmentDef, CategoryDef, Mark, not_counted, student_grade
from app.reports.gradebook_edits import (
    GradebookEditError,
    mark_all_present,
    score_notes,
    set_score_note,
    undo_last_edit,
)
from app.reports.gradebook_store import add_assignment, load_grid, parse_cell, save_mark, save_marks
from app.reports.policy import GradingPolicy
from app.store import audit
from app.store.models import AttendanceRecord


def _mark(ws, section_id, term_id, student_id, assignment_id):  # type: ignore[no-untyped-def]
    with ws.read() as s:
        return load_grid(s, section_id, term_id).marks.get(student_id, {}).get(assignment_id)


def test_a_number_typed_over_a_flag_keeps_excused_late_incomplete_and_clears_missing() -> None:
    assert parse_cell("8", Mark(None, excused=True)) == Mark(8.0, excused=True)
    assert parse_cell("8", Mark(5.0, late=True, incomplete=True)) == Mark(8.0, late=True, incomplete=True)
    assert parse_cell("8", Mark(None, missing=True)) == Mark(8.0)


def test_notes_are_saved_audited_and_removed(small_school) -> None:  # type: ignore[no-untyped-def]
    ws = small_school.ws
    a1 = small_school.assignment_ids[0]
    done = set_score_note(ws, "ms.kelly", a1, small_school.jose_id, "  Redid it after tutoring  ")
    assert done.value == "Redid it after tutoring" and done.changes == Changes.GRADEBOOK
    with ws.read() as s:
        assert score_notes(s, [a1]) == {(a1, small_school.jose_id): "Redid it after tutoring"}
        entry = audit.entries(s, entity="score")[0]
    assert entry.action == "grade.note" and entry.details["after"] == "Redid it after tutoring"
    # The note outlives the score being cleared.
    save_mark(ws, "ms.kelly", a1, small_school.jose_id, Mark())
    with ws.read() as s:
        assert score_notes(s, [a1])
    set_score_note(ws, "ms.kelly", a1, small_school.jose_id, "")
    with ws.read() as s:
        assert score_notes(s, [a1]) == {}
        assert audit.entries(s, entity="score")[0].details["before"] == "Redid it after tutoring"
    with pytest.raises(GradebookEditError, match="at most"):
        set_score_note(ws, "ms.kelly", a1, small_school.jose_id, "x" * 5000)


def test_undo_puts_back_the_last_edits_one_by_one(small_school) -> None:  # type: ignore[no-untyped-def]
    ws, sid, tid = small_school.ws, small_school.section_id, small_school.term_id
    a1, a2, a3 = small_school.assignment_ids
    jose, zoe = small_school.jose_id, small_school.zoe_id
    before_a1 = _mark(ws, sid, tid, jose, a1)
    save_mark(ws, "ms.kelly", a1, jose, Mark(3.0))
    save_marks(ws, "ms.kelly", [(a3, jose, Mark(10.0)), (a3, zoe, Mark(20.0))])
    first = undo_last_edit(ws, "ms.kelly", sid)
    assert first.value.cells == 2 and first.changes == Changes.GRADEBOOK
    assert _mark(ws, sid, tid, jose, a3) == Mark(45.0, late=True)
    assert _mark(ws, sid, tid, zoe, a3) == Mark(50.0)
    second = undo_last_edit(ws, "ms.kelly", sid)
    assert second.value.cells == 1 and "8" in second.value.summary
    assert _mark(ws, sid, tid, jose, a1) == before_a1
    with ws.read() as s:
        log = audit.entries(s, entity="score")
    assert [e.action for e in log[:2]] == ["grade.undo", "grade.undo"]
    assert log[0].details["undoes"] != log[1].details["undoes"]
    # Nothing of ms.kelly's is left; another teacher's edits are not hers to undo.
    save_mark(ws, "mr.other", a2, zoe, Mark(1.0))
    with pytest.raises(GradebookEditError, match="left to undo"):
        undo_last_edit(ws, "ms.kelly", sid)


def test_undo_never_overwrites_a_score_changed_since(small_school) -> None:  # type: ignore[no-untyped-def]
    ws, sid, tid = small_school.ws, small_school.section_id, small_school.term_id
    a1 = small_school.assignment_ids[0]
    save_mark(ws, "ms.kelly", a1, small_school.jose_id, Mark(3.0))
    save_mark(ws, "mr.other", a1, small_school.jose_id, Mark(6.0))  # e.g. a colleague, a rescan
    with pytest.raises(GradebookEditError, match="changed after that edit"):
        undo_last_edit(ws, "ms.kelly", sid)
    assert _mark(ws, sid, tid, small_school.jose_id, a1) == Mark(6.0)


def test_mark_all_present_keeps_marks_already_taken(small_school) -> None:  # type: ignore[no-untyped-def]
    ws = small_school.ws
    day = dt.date(2026, 9, 14)  # a Monday
    from app.reports.gradebook_store import save_attendance

    save_attendance(ws, "ms.kelly", small_school.zoe_id, day, "absent")
    done = mark_all_present(ws, "ms.kelly", [small_school.jose_id, small_school.zoe_id], day)
    assert done.value == 1
    with ws.read() as s:
        rows = {r.student_id: r.status for r in s.scalars(select(AttendanceRecord).where(AttendanceRecord.date == day))}
        assert audit.entries(s, entity="attendance")[0].action == "attendance.all_present"
    assert rows == {small_school.jose_id: "present", small_school.zoe_id: "absent"}
    with pytest.raises(GradebookEditError, match="weekend"):
        mark_all_present(ws, "ms.kelly", [small_school.jose_id], dt.date(2026, 9, 13))


def test_uncategorised_work_is_not_counted_once_a_category_has_a_weight() -> None:
    policy = GradingPolicy(mode="weighted")
    cats = [CategoryDef(1, "Tests", 100.0)]
    work = [AssignmentDef(10, "Test", 100, 1), AssignmentDef(11, "Poster", 100, None),
            AssignmentDef(12, "Bonus", 5, None, extra_credit=True)]
    assert not_counted(work, cats, policy) == {11}
    assert not_counted(work, [CategoryDef(1, "Tests", 0.0)], policy) == set()  # no weights: all points count
    assert not_counted(work, cats, GradingPolicy(mode="points")) == set()
    grade = student_grade(work, cats, {10: Mark(80.0), 11: Mark(20.0)}, policy)
    assert grade.percent == pytest.approx(80.0)
    assert [(c.name, c.counts) for c in grade.categories] == [("Tests", True), ("", False)]
    # Only uncategorised work scored: the grade is not made of work that does not count.
    assert student_grade(work, cats, {11: Mark(20.0)}, policy).percent is None


def test_the_report_says_not_counted(small_school) -> None:  # type: ignore[no-untyped-def]
    ws = small_school.ws
    poster = add_assignment(ws, "t", small_school.section_id, "Poster", 10, None, dt.date(2026, 9, 20),
                            small_school.term_id).value
    save_mark(ws, "t", poster, small_school.jose_id, Mark(9.0))
    with ws.read() as s:
        found = load_reports(s, term="Fall 2026", issued=dt.date(2026, 10, 1))
    jose = next(r for r in found.reports if r.student_name == "José Álvarez Nguyễn")
    lines = jose.classes[0].categories
    assert [(line.name, line.counts) for line in lines if not line.counts] == [("", False)]
    assert jose.classes[0].percent == pytest.approx(64.0)  # the poster's 9/10 changes nothing
    import pypdfium2 as pdfium

    from app.reports.progress_pdf import render_report

    pdf = pdfium.PdfDocument(render_report(jose))
    text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "no cuenta en la calificación" in text or "not counted in the grade" in text


def test_the_audit_log_tells_notes_undo_and_all_present_in_sentences(small_school, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.store import audit_text
    from app.store.backup_folder import set_folder

    ws, sid = small_school.ws, small_school.section_id
    a1 = small_school.assignment_ids[0]
    save_mark(ws, "ms.kelly", a1, small_school.jose_id, Mark(3.0))
    undo_last_edit(ws, "ms.kelly", sid)
    set_score_note(ws, "ms.kelly", a1, small_school.jose_id, "Redo")
    mark_all_present(ws, "ms.kelly", [small_school.jose_id, small_school.zoe_id], dt.date(2026, 9, 15))
    set_folder(ws, "ms.kelly", tmp_path)
    with ws.read() as s:
        sentences = [line.sentence for line in audit_text.recent(s, limit=4)]
    assert sentences[0] == f"ms.kelly chose {tmp_path.resolve()} for backups."
    assert sentences[1] == "ms.kelly marked 2 students present on 2026-09-15."
    assert sentences[2].startswith("ms.kelly wrote a note on José Álvarez Nguyễn's score on ")
    assert sentences[3].startswith("ms.kelly undid an edit: José Álvarez Nguyễn's score on ")
    assert "back to 8" in sentences[3] and "was 3" in sentences[3]


def _leave_class(ws, section_id, student_id) -> None:  # type: ignore[no-untyped-def]
    from app.store.models import Enrollment

    with ws.session() as s:
        for e in s.scalars(select(Enrollment).where(Enrollment.section_id == section_id,
                                                    Enrollment.student_id == student_id)):
            e.active = False


def test_a_departed_students_grades_are_kept_and_refused_by_every_edit_path(small_school) -> None:  # type: ignore[no-untyped-def]
    from app.reports.gradebook_store import DepartedStudentError

    ws, sid, tid = small_school.ws, small_school.section_id, small_school.term_id
    a1, _a2, a3 = small_school.assignment_ids
    jose, zoe = small_school.jose_id, small_school.zoe_id
    save_mark(ws, "ms.kelly", a1, jose, Mark(3.0))  # edited while Jose was in the class
    _leave_class(ws, sid, jose)
    with pytest.raises(DepartedStudentError, match="left this class"):
        save_mark(ws, "ms.kelly", a1, jose, Mark(9.0))
    with pytest.raises(DepartedStudentError):  # a paste touching him changes nobody
        save_marks(ws, "ms.kelly", [(a3, zoe, Mark(20.0)), (a3, jose, Mark(10.0))])
    with pytest.raises(DepartedStudentError):  # nor does undo put back his old score
        undo_last_edit(ws, "ms.kelly", sid)
    with ws.read() as s:
        grid = load_grid(s, sid, tid, include_inactive=True)
    assert grid.marks[jose][a1] == Mark(3.0)
    assert grid.marks[zoe][a3] == Mark(50.0)
    save_mark(ws, "ms.kelly", a3, zoe, Mark(21.0))  # the current class is still editable
    assert _mark(ws, sid, tid, zoe, a3) == Mark(21.0)
