"""The gradebook page driven like a teacher would: typing, flags, paste, OMR columns,
attendance and comments, all saved to a real encrypted workspace."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QApplication
from sqlalchemy import select

from app.core.changes import Changes
from app.store import audit
from app.store.models import Assignment, AttendanceRecord, Score
from app.ui.gradebook.model import FIXED_COLUMNS
from app.ui.shell.context import AppContext

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, demo_workspace):  # type: ignore[no-untyped-def]
    from app.ui.gradebook.page import GradebookPage

    ctx = AppContext(demo_workspace)
    widget = GradebookPage(ctx)
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


def test_typing_a_score_saves_it_moves_down_and_updates_the_average(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    model, table = page.model, page.table
    assert model.rowCount() == len(page.grid.students) + 1 > 20
    column = FIXED_COLUMNS  # the first assignment
    assignment = model.assignment_for_column(column)
    student = model.student_for_row(0)
    table.setFocus()
    table.setCurrentIndex(model.index(0, column))
    qtbot.keyClicks(table, "3")  # starts editing with "3"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not table)
    editor = QApplication.focusWidget()
    assert editor is not table  # an editor opened on the cell
    qtbot.keyClicks(editor, ".5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # Qt commits and closes the editor through a queued call.
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
    saved = _score(page.ctx.workspace, assignment.id, student.id)
    assert saved is not None and saved.points == 3.5 and not saved.missing
    assert table.currentIndex().row() == 1  # Enter moved down, like a spreadsheet
    assert model.index(0, column).data() == "3.5"
    grade = model.grade(student.id)
    assert model.index(0, 1).data() == f"{grade.percent:.1f}%  {grade.letter}"
    with page.ctx.workspace.read() as s:
        entry = audit.entries(s, entity="score")[0]
    assert entry.action == "grade.set" and entry.details["after"] == {"points": 3.5}


def test_flag_keys_and_delete(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    model, table = page.model, page.table
    column = FIXED_COLUMNS + 1
    assignment, student = model.assignment_for_column(column), model.student_for_row(2)
    table.setFocus()
    table.setCurrentIndex(model.index(2, column))
    qtbot.keyClick(table, Qt.Key.Key_M)
    saved = _score(page.ctx.workspace, assignment.id, student.id)
    assert saved.missing and saved.points is None
    assert model.index(2, column).data() == "M"
    assert model.grade(student.id).missing.count(assignment.id) == 1
    assert table.currentIndex().row() == 3  # a flag moves on to the next student, like Enter
    table.setCurrentIndex(model.index(2, column))
    qtbot.keyClick(table, Qt.Key.Key_X)
    assert _score(page.ctx.workspace, assignment.id, student.id).excused
    table.setCurrentIndex(model.index(2, column))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert _score(page.ctx.workspace, assignment.id, student.id) is None


def test_paste_a_column_from_a_spreadsheet(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    model, table = page.model, page.table
    column = FIXED_COLUMNS + 2
    assignment = model.assignment_for_column(column)
    QGuiApplication.clipboard().setText("9\r\n8,5\r\nabsent\r\nM\r\n")
    table.setFocus()
    table.setCurrentIndex(model.index(0, column))
    qtbot.keyClick(table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    ws = page.ctx.workspace
    ids = [model.student_for_row(r).id for r in range(4)]
    assert _score(ws, assignment.id, ids[0]).points == 9
    assert _score(ws, assignment.id, ids[1]).points == 8.5
    assert _score(ws, assignment.id, ids[3]).missing
    assert "absent" in page.status.text()  # the bad cell is named, the rest saved
    with ws.read() as s:
        assert audit.entries(s, entity="score")[0].action == "grade.paste"


def test_omr_results_appear_as_a_column(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    ws = page.ctx.workspace
    section_id = page.grid.section.id
    first = page.grid.students[0].id
    with ws.session() as s:
        exam = Assignment(section_id=section_id, title="Unit 4 Exam", points_possible=40,
                          due_date=dt.date.today(), origin="omr", term_id=page.term_id())
        s.add(exam)
        s.flush()
        s.add(Score(assignment_id=exam.id, student_id=first, points=36))
        exam_id = exam.id
    page.ctx.events.notify(Changes.EXAMS | Changes.GRADEBOOK)  # what publishing an exam reports
    columns = [page.model.assignment_for_column(c) for c in range(FIXED_COLUMNS, page.model.columnCount())]
    column = FIXED_COLUMNS + [a.id for a in columns].index(exam_id)
    header = page.model.headerData(column, Qt.Orientation.Horizontal)
    assert "Unit 4 Exam" in header and "(scan)" in header
    assert page.model.index(0, column).data() == "36"


def test_attendance_keys_and_comments(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    page.tabs.setCurrentIndex(1)
    att = page.attendance
    model = att.model
    assert model.days, "the month has school days"
    day = model.days[0]
    student = model.students[0]
    att.table.setFocus()
    att.table.setCurrentIndex(model.index(0, 1))
    qtbot.keyClick(att.table, Qt.Key.Key_T)
    with page.ctx.workspace.read() as s:
        status = s.scalars(select(AttendanceRecord.status).where(
            AttendanceRecord.student_id == student.id, AttendanceRecord.date == day,
            AttendanceRecord.section_id.is_(None))).one()
    assert status == "tardy"
    tardy_column = 1 + len(model.days) + 2
    assert int(model.index(0, tardy_column).data()) >= 1

    page.tabs.setCurrentIndex(2)
    comments = page.comments
    comments.student_list.setCurrentRow(0)
    first = page.grid.students[0]
    assert comments.bank.count() >= 5
    phrase = comments.bank.item(0).data(Qt.ItemDataRole.UserRole)
    assert first.first_name in phrase or "{" not in phrase
    comments._insert_item(comments.bank.item(0))
    from app.reports.gradebook_store import term_comment

    with page.ctx.workspace.read() as s:
        saved = term_comment(s, first.id, page.grid.section.id, page.term_id())
    assert saved == phrase


def test_categories_dialog_saves_weights_policy_and_scale(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    from app.reports.data import load_sections
    from app.ui.gradebook.dialogs import CategoriesDialog, parse_scale

    section = page.grid.section
    dialog = CategoriesDialog(section.categories, section.policy, page)
    qtbot.addWidget(dialog)
    dialog.late.setValue(20)
    dialog.missing.setCurrentIndex(dialog.missing.findData("exclude"))
    dialog.scale.setText("A 90, B 80, C 70, D 60")
    dialog._accept()
    assert "F 0" in dialog.scale_error.text() and not dialog.result()  # refused, with the fix named
    dialog.scale.setText("A 90, B 80, C 70, D 60, F 0")
    policy = dialog.policy()
    assert policy.late_penalty_percent == 20 and policy.missing == "exclude"
    assert policy.scale[0] == ("A", 90.0)
    from app.reports import gradebook_store as store

    store.save_policy(page.ctx.workspace, "t", section.id, policy.to_json())
    with page.ctx.workspace.read() as s:
        saved = load_sections(s, [section.id])[0].policy
    assert saved.missing == "exclude" and saved.scale[-1] == ("F", 0.0)
    assert parse_scale("B+ 87, F 0") == [("B+", 87.0), ("F", 0.0)]


def test_comment_is_saved_when_the_teacher_clicks_away(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    from app.reports.gradebook_store import term_comment

    page.tabs.setCurrentIndex(2)
    comments = page.comments
    comments.student_list.setCurrentRow(1)
    comments.editor.setFocus()
    qtbot.waitUntil(comments.editor.hasFocus)
    qtbot.keyClicks(comments.editor, "Great work")  # QTest types ASCII only
    comments.editor.insertPlainText(" — ¡muy bien, Ørsted!")
    comments.student_list.setFocus()  # clicks away
    qtbot.waitUntil(lambda: comments.saved_label.text() == "Saved")
    student = page.grid.students[1]
    with page.ctx.workspace.read() as s:
        assert term_comment(s, student.id, page.grid.section.id, page.term_id()) == "Great work — ¡muy bien, Ørsted!"


def test_export_button_writes_grades_and_attendance(qtbot, page, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Export… asks where and in which format; XLSX has number cells; the Attendance tab
    exports attendance; OneRoster writes a set in a folder."""
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    assert page.export_button.isEnabled()
    target = tmp_path / "grades.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "Excel workbook (*.xlsx)"))
    page.export_dialog()
    sheet = load_workbook(target).active
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["Student", "Student ID"] and header[-2:] == ["Average %", "Letter"]
    assert sheet.max_row - 1 in (page.model.rowCount(), page.model.rowCount() - 1)  # a student per row
    assert any(isinstance(c.value, int | float) for row in sheet.iter_rows(min_row=2) for c in row[2:])

    page.tabs.setCurrentWidget(page.attendance)
    att = tmp_path / "attendance.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(att), "CSV, UTF-8 with commas (*.csv)"))
    page.export_dialog()
    assert att.read_text(encoding="utf-8").splitlines()[0] == "Date,Student,Student ID,Status,Note"

    paths = page.export_to(tmp_path / "or", "oneroster")
    assert {p.name for p in paths} >= {"manifest.csv", "lineItems.csv", "results.csv", "classes.csv"}
