"""Gradebook edits in a real workspace: each one saved in its own transaction with an audit entry."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.core.changes import Changes
from app.reports.gradebook import Mark
from app.reports.gradebook_store import (
    CellError,
    add_assignment,
    attendance_totals,
    load_attendance,
    load_grid,
    parse_cell,
    save_attendance,
    save_mark,
    save_marks,
    save_term_comment,
    term_comment,
    toggle_flag,
)
from app.store import audit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9", Mark(9.0)),
        ("9,5", Mark(9.5)),  # a decimal comma, as Spanish-speaking teachers type it
        ("m", Mark(None, missing=True)),
        ("X", Mark(None, excused=True)),
        ("8 L", Mark(8.0, late=True)),
        ("L8", Mark(8.0, late=True)),
        ("I", Mark(None, incomplete=True)),
        ("", Mark()),
    ],
)
def test_parse_cell(text: str, expected: Mark) -> None:
    assert parse_cell(text) == expected


def test_parse_cell_keeps_late_when_a_number_replaces_it_and_rejects_words() -> None:
    assert parse_cell("7", Mark(5.0, late=True)) == Mark(7.0, late=True)
    assert parse_cell("7", Mark(None, missing=True)) == Mark(7.0)  # turned in: no longer missing
    with pytest.raises(CellError, match="M, L, X, I"):
        parse_cell("absent")
    assert toggle_flag(Mark(6.0), "missing") == Mark(None, missing=True)
    assert toggle_flag(Mark(6.0, late=True), "late") == Mark(6.0)


def test_edits_are_saved_and_audited(small_school) -> None:  # type: ignore[no-untyped-def]
    ws = small_school.ws
    a1, a2, a3 = small_school.assignment_ids
    save_mark(ws, "ms.kelly", a2, small_school.jose_id, Mark(9.0, late=True))
    save_marks(ws, "ms.kelly", [(a3, small_school.jose_id, Mark(50.0)), (a3, small_school.zoe_id, Mark())])
    with ws.read() as s:
        grid = load_grid(s, small_school.section_id, small_school.term_id)
        log = audit.entries(s, entity="score")
    assert grid.marks[small_school.jose_id][a2] == Mark(9.0, late=True)
    assert grid.marks[small_school.jose_id][a3] == Mark(50.0)
    assert a3 not in grid.marks.get(small_school.zoe_id, {})  # cleared
    assert [e.action for e in log] == ["grade.paste", "grade.set"]
    assert log[1].actor == "ms.kelly"
    assert log[1].details["before"] == {"missing": True} and log[1].details["after"] == {"points": 9.0, "late": True}
    assert [s.name for s in grid.students] == ["Álvarez Nguyễn, José", "Ørsted, Zoë"]
    assert [a.origin for a in grid.section.assignments] == ["manual", "manual", "omr"]


def test_new_assignment_appears_in_grid(small_school) -> None:  # type: ignore[no-untyped-def]
    ws = small_school.ws
    done = add_assignment(ws, "t", small_school.section_id, "Quiz 2", 20, None, dt.date(2026, 10, 2),
                          small_school.term_id)
    new_id = done.value
    assert done.changes == Changes.GRADEBOOK
    with ws.read() as s:
        grid = load_grid(s, small_school.section_id, small_school.term_id)
    assert grid.section.assignments[-1].id == new_id
    with pytest.raises(ValueError):
        add_assignment(ws, "t", small_school.section_id, "  ", 20, None, None, None)


def test_attendance_and_comments(small_school) -> None:  # type: ignore[no-untyped-def]
    ws = small_school.ws
    jose = small_school.jose_id
    save_attendance(ws, "t", jose, dt.date(2026, 9, 2), "excused")  # was absent
    save_attendance(ws, "t", jose, dt.date(2026, 9, 7), "tardy")
    save_attendance(ws, "t", jose, dt.date(2026, 9, 1), None)
    with ws.read() as s:
        days = load_attendance(s, [jose], dt.date(2026, 9, 1), dt.date(2026, 9, 30))[jose]
    assert days == {dt.date(2026, 9, 2): "excused", dt.date(2026, 9, 3): "tardy",
                    dt.date(2026, 9, 4): "present", dt.date(2026, 9, 7): "tardy"}
    assert attendance_totals(days) == {"present": 1, "absent": 0, "tardy": 2, "excused": 1}
    save_term_comment(ws, "t", jose, small_school.section_id, small_school.term_id, "Great progress.")
    with ws.read() as s:
        assert term_comment(s, jose, small_school.section_id, small_school.term_id) == "Great progress."
        from app.store.models.gradebook import StudentTermComment

        assert len(list(s.scalars(select(StudentTermComment)))) == 1  # updated, not duplicated
