"""A new teacher's first week in the gradebook grid, step by step: flags move on like
Enter, a number typed over a flag keeps it in sight, notes by right-click, Ctrl+Z,
"mark all present", readable headers and work that does not count said so."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QInputDialog
from sqlalchemy import select

from app.reports import gradebook_store as store
from app.reports.gradebook import Mark
from app.store import audit
from app.store.models import AttendanceRecord, Score
from app.store.models.gradebook import ScoreNote
from app.ui.gradebook.model import FIXED_COLUMNS, NOTE_ROLE
from app.ui.shell.context import AppContext

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, demo_workspace):  # type: ignore[no-untyped-def]
    from app.ui.gradebook.page import GradebookPage

    widget = GradebookPage(AppContext(demo_workspace))
    qtbot.addWidget(widget)
    widget.resize(1300, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


def _score(ws, assignment_id: int, student_id: int) -> Score | None:  # type: ignore[no-untyped-def]
    with ws.read() as s:
        return s.scalars(select(Score).where(Score.assignment_id == assignment_id,
                                             Score.student_id == student_id)).first()


def _column_of(model, assignment_id: int) -> int:  # type: ignore[no-untyped-def]
    return next(c for c in range(model.columnCount())
                if getattr(model.assignment_for_column(c), "id", None) == assignment_id)


def _type(qtbot, table, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(table, text[0])
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not table)
    editor = QApplication.focusWidget()
    if text[1:]:
        qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def test_flag_letters_move_down_like_enter(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    model, table = page.model, page.table
    column = FIXED_COLUMNS + 3
    assignment = model.assignment_for_column(column)
    table.setFocus()
    table.setCurrentIndex(model.index(0, column))
    for letter in (Qt.Key.Key_M, Qt.Key.Key_L, Qt.Key.Key_X, Qt.Key.Key_I):
        qtbot.keyClick(table, letter)
    assert table.currentIndex().row() == 4
    flags = [(s.missing, s.late, s.excused, s.incomplete) for s in
             (_score(page.ctx.workspace, assignment.id, model.student_for_row(r).id) for r in range(4))]
    assert flags[0][0] and flags[1][1] and flags[2][2] and flags[3][3]


def test_a_number_over_a_flag_keeps_it_visibly(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    model, table = page.model, page.table
    column = FIXED_COLUMNS + 2
    assignment, student = model.assignment_for_column(column), model.student_for_row(5)
    table.setFocus()
    table.setCurrentIndex(model.index(5, column))
    qtbot.keyClick(table, Qt.Key.Key_X)
    table.setCurrentIndex(model.index(5, column))
    _type(qtbot, table, "8")
    saved = _score(page.ctx.workspace, assignment.id, student.id)
    assert saved.points == 8 and saved.excused  # the flag was not dropped behind the teacher's back
    assert model.index(5, column).data() == "8 X"
    assert "excused" in page.status.text() and student.name in page.status.text()
    # Over "missing" the work came in: the flag goes, and the line says so.
    table.setCurrentIndex(model.index(6, column))
    qtbot.keyClick(table, Qt.Key.Key_M)
    table.setCurrentIndex(model.index(6, column))
    _type(qtbot, table, "7")
    assert not _score(page.ctx.workspace, assignment.id, model.student_for_row(6).id).missing
    assert "missing flag was removed" in page.status.text()


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # the offscreen popup menu
def test_right_click_note_is_saved_shown_and_audited(qtbot, page, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    model, table = page.model, page.table
    column = FIXED_COLUMNS
    assignment, student = model.assignment_for_column(column), model.student_for_row(1)
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        staticmethod(lambda *a, **k: ("Redo after tutoring", True)))
    rect = table.visualRect(model.index(1, column))
    table.customContextMenuRequested.emit(rect.center())
    menu = table.context_menu
    add = next(a for a in menu.actions() if a.text().startswith("Add note"))
    add.trigger()
    menu.close()
    with page.ctx.workspace.read() as s:
        note = s.scalars(select(ScoreNote)).one()
        entry = audit.entries(s, entity="score")[0]
    assert (note.assignment_id, note.student_id, note.text) == (assignment.id, student.id, "Redo after tutoring")
    assert entry.action == "grade.note" and entry.actor == page.ctx.actor
    page.reload()  # the note is in the workspace, not only on screen
    index = model.index(1, column)
    assert index.data(NOTE_ROLE) == "Redo after tutoring"
    assert "Note: Redo after tutoring" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_ctrl_z_undoes_the_last_edits(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    model, table = page.model, page.table
    column = FIXED_COLUMNS
    assignment, student = model.assignment_for_column(column), model.student_for_row(0)
    before = _score(page.ctx.workspace, assignment.id, student.id)
    before_points = before.points if before else None
    table.setFocus()
    table.setCurrentIndex(model.index(0, column))
    _type(qtbot, table, "1")
    table.setCurrentIndex(model.index(0, column))
    qtbot.keyClick(table, Qt.Key.Key_M)
    assert _score(page.ctx.workspace, assignment.id, student.id).missing
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _score(page.ctx.workspace, assignment.id, student.id).points == 1
    assert "Undone" in page.status.text()
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    after = _score(page.ctx.workspace, assignment.id, student.id)
    assert (after.points if after else None) == before_points
    assert model.index(0, column).data() == ("" if before_points is None else f"{before_points:g}")
    with page.ctx.workspace.read() as s:
        assert [e.action for e in audit.entries(s, entity="score")[:2]] == ["grade.undo", "grade.undo"]


def test_mark_all_present_fills_the_day_and_keeps_absences(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    page.tabs.setCurrentIndex(1)
    tab = page.attendance
    model = tab.model
    assert model.days, "the demo term has school days"
    day = model.days[0]
    absent_student = model.students[0]
    store.save_attendance(page.ctx.workspace, "t", absent_student.id, day, "absent")
    tab._records.setdefault(absent_student.id, {})[day] = "absent"
    with page.ctx.workspace.read() as s:
        s.query(AttendanceRecord).count()
    tab.table.setCurrentIndex(model.index(3, 1))
    qtbot.mouseClick(tab.all_present, Qt.MouseButton.LeftButton)
    with page.ctx.workspace.read() as s:
        rows = {r.student_id: r.status for r in s.scalars(
            select(AttendanceRecord).where(AttendanceRecord.date == day, AttendanceRecord.section_id.is_(None)))}
    ids = [st.id for st in model.students]
    assert all(rows.get(i) for i in ids)
    assert rows[absent_student.id] == "absent"
    assert model.index(0, 1).data() == "A" and model.index(1, 1).data() == "P"
    assert "marked present" in tab.result.text()


def test_long_titles_wrap_in_the_header_and_keep_a_tooltip(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    title = "Chapter 4 vocabulary and reading comprehension check"
    new_id = store.add_assignment(page.ctx.workspace, "t", page.grid.section.id, title, 20, None, None,
                                  page.term_id()).value
    page.reload()
    model, table = page.model, page.table
    column = _column_of(model, new_id)
    text = model.headerData(column, Qt.Orientation.Horizontal)
    title_lines = text.split("\n")[:-1]
    assert len(title_lines) >= 2
    metrics = table.horizontalHeader().fontMetrics()
    assert all(metrics.horizontalAdvance(line) <= table.columnWidth(column) for line in title_lines)
    assert title in model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)


def test_uncategorised_work_says_not_counted(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    sec = page.grid.section
    assert any(c.weight > 0 for c in sec.categories), "the demo class has weighted categories"
    poster = store.add_assignment(page.ctx.workspace, "t", sec.id, "Poster", 10, None,
                                  dt.date.today(), page.term_id()).value
    student = page.grid.students[0]
    store.save_mark(page.ctx.workspace, "t", poster, student.id, Mark(10.0))
    grade_before = page.model.grade(student.id).percent
    page.reload()
    model = page.model
    column = _column_of(model, poster)
    assert "not counted" in model.headerData(column, Qt.Orientation.Horizontal)
    assert "Not counted" in model.index(0, column).data(Qt.ItemDataRole.ToolTipRole)
    assert "not counted in the grade" in model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert model.grade(student.id).percent == pytest.approx(grade_before)
