"""The roster import wizard, driven with qtbot on a real encrypted workspace."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from app.core.changes import Changes
from app.store.models import Guardian, Student
from app.ui.roster.import_dialog import CHECK, IMPORT, MAPPING, SOURCE, RosterImportDialog
from app.ui.shell.context import AppContext
from tests.store.data.roster_sets import DATA, ONEROSTER11, append, copy_set, table_counts, zip_set

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(qtbot, empty_workspace):  # type: ignore[no-untyped-def]
    ctx = AppContext(workspace=empty_workspace)
    dlg = RosterImportDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def _click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _wait_idle(qtbot, dlg: RosterImportDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not dlg.busy, timeout=20_000)


def test_oneroster_zip_imports_with_progress_and_emits_roster(qtbot, dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dlg = dialog
    assert dlg.pages.currentIndex() == SOURCE and not dlg.next_button.isEnabled()
    dlg.set_source(zip_set(ONEROSTER11, tmp_path / "riverside.zip"))
    assert "OneRoster" in dlg.source_status.text()
    _click(qtbot, dlg.next_button)  # -> check (a dry run on a worker)
    assert dlg.pages.currentIndex() == CHECK
    _wait_idle(qtbot, dlg)
    assert dlg.check_report is not None and dlg.check_report.ok
    assert "Students: 5 new" in dlg.check_summary.toPlainText()
    kinds = {dlg.issue_model.rows[i].kind for i in range(dlg.issue_model.rowCount())}
    assert kinds == {"Note"}  # demographics.csv ignored, a class spanning two terms
    assert table_counts(dlg.ctx.workspace)["student"] == 0  # checking wrote nothing

    with qtbot.waitSignal(dlg.ctx.events.changed, timeout=20_000) as changed:
        _click(qtbot, dlg.next_button)  # Import
    assert changed.args[0] & Changes.ROSTER
    _wait_idle(qtbot, dlg)
    assert dlg.pages.currentIndex() == IMPORT
    assert dlg.import_progress.value() == 1000
    assert dlg.report is not None and dlg.report.applied
    assert "Students: 5 new" in dlg.import_summary.toPlainText()
    _click(qtbot, dlg.next_button)  # Done
    assert dlg.result() == QDialog.DialogCode.Accepted
    with dlg.ctx.workspace.read() as s:
        assert {st.display_name for st in s.scalars(select(Student))} >= {"José Ramírez", "Zoë O'Brien", "Lan Nguyễn"}


def test_defective_set_shows_the_plan_and_imports_the_good_part_in_one_click(qtbot, dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dlg = dialog
    bad = copy_set(ONEROSTER11, tmp_path / "bad")
    line = append(bad, "enrollments.csv", "enr-x,,,cls-nope,org-school-1,stu-1001,student,false,2025-02-30,")
    dlg.set_source(bad)
    _click(qtbot, dlg.next_button)
    _wait_idle(qtbot, dlg)
    defects = [r for r in dlg.issue_model.rows if r.kind == "Defect"]
    assert [(d.file, d.line, d.message, d.outcome) for d in defects] == [
        ("enrollments.csv", line, "classSourcedId 'cls-nope' is not a sourcedId in classes.csv", "skipped")]
    assert "1 row(s) have problems" in dlg.check_status.text()
    assert "Students: 5 new" in dlg.check_summary.toPlainText()
    assert dlg.next_button.text() == "Import the good part"
    assert table_counts(dlg.ctx.workspace)["student"] == 0  # the plan wrote nothing
    dlg.resize(900, 600)
    dlg.grab().save(str(tmp_path / "roster_plan.png"))
    _click(qtbot, dlg.next_button)  # one click
    _wait_idle(qtbot, dlg)
    assert dlg.report is not None and dlg.report.applied
    assert "1 row(s) were not" in dlg.import_status.text()
    assert table_counts(dlg.ctx.workspace)["student"] == 5


def test_unreadable_set_lists_errors_and_blocks_import(qtbot, dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.store.data.roster_sets import drop_column

    dlg = dialog
    bad = copy_set(ONEROSTER11, tmp_path / "bad")
    drop_column(bad, "users.csv", "givenName")
    dlg.set_source(bad)
    _click(qtbot, dlg.next_button)
    _wait_idle(qtbot, dlg)
    errors = [r for r in dlg.issue_model.rows if r.kind == "Error"]
    assert [(e.file, e.line, e.message) for e in errors] == [("users.csv", 1, "missing required column 'givenName'")]
    assert "1 problem(s) found" in dlg.check_status.text()
    assert not dlg.next_button.isEnabled()  # Import stays off
    _click(qtbot, dlg.back_button)
    assert dlg.pages.currentIndex() == SOURCE
    dlg.reject()
    assert table_counts(dlg.ctx.workspace)["student"] == 0


def test_plain_csv_mapping_step(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    dlg = dialog
    dlg.set_source(DATA / "sis_export.csv")
    _click(qtbot, dlg.next_button)
    assert dlg.pages.currentIndex() == MAPPING
    table = dlg.preview_table
    assert table.columnCount() == 14 and table.rowCount() == 8  # combos + 7 rows
    assert table.item(1, 1).text() == "Ramírez"
    perm_combo = table.cellWidget(0, 0)
    assert perm_combo.currentData() == "student_id" and perm_combo.currentText() == "Student ID"
    assert dlg.current_mapping()["language"] == "Home Language"

    # The teacher says: do not import the home language; and "Gr" is chosen twice -> moves.
    dlg.set_column_field("Home Language", "")
    dlg.set_column_field("Room", "grade")
    assert dlg.current_mapping().get("grade") == "Room" and "Gr" not in dlg.current_mapping().values()
    dlg.set_column_field("Gr", "grade")
    dlg.set_column_field("Room", "room")
    dlg.set_column_field("Perm ID", "")
    assert "Student ID" in dlg.mapping_status.text()
    dlg.set_column_field("Perm ID", "student_id")
    assert dlg.mapping_status.text() == ""

    _click(qtbot, dlg.next_button)  # Check
    _wait_idle(qtbot, dlg)
    assert dlg.check_report is not None and dlg.check_report.ok, dlg.check_report.summary()
    _click(qtbot, dlg.next_button)  # Import
    _wait_idle(qtbot, dlg)
    assert dlg.report is not None and dlg.report.applied
    with dlg.ctx.workspace.read() as s:
        assert {g.preferred_language for g in s.scalars(select(Guardian))} == {"en"}
        assert s.scalars(select(Student).where(Student.local_id == "1003")).one().grade_level == "8"


def test_unreadable_csv_is_an_error_row_not_a_crash(qtbot, dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dlg = dialog
    broken = tmp_path / "broken.csv"
    broken.write_text('Student ID,Last Name,First Name\n1,"Unclosed,Quote\n', encoding="utf-8")
    dlg.set_source(broken)
    _click(qtbot, dlg.next_button)
    assert dlg.pages.currentIndex() == MAPPING
    assert dlg.mapping_status.text() == (
        "broken.csv, line 2: not readable as CSV (unexpected end of data); look for a stray double quote")
    assert not dlg.next_button.isEnabled()  # nothing to check
    _click(qtbot, dlg.back_button)
    dlg.set_source(DATA / "sis_export.csv")  # the right file now
    _click(qtbot, dlg.next_button)
    assert dlg.next_button.isEnabled() and dlg.preview_table.rowCount() == 8


def test_enter_after_a_mouse_click_on_check_imports_not_cancels(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    """After "Check >" is clicked with the mouse, Enter on the last page imports (it used
    to land on Cancel: the focused Cancel button had become the default)."""
    dlg = dialog
    dlg.activateWindow()
    dlg.set_source(DATA / "sis_export.csv")
    _click(qtbot, dlg.next_button)
    assert dlg.pages.currentIndex() == MAPPING
    _click(qtbot, dlg.next_button)  # "Check >" with the mouse
    _wait_idle(qtbot, dlg)
    assert dlg.check_report is not None and dlg.check_report.ok
    focused = dlg.focusWidget() or dlg
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    _wait_idle(qtbot, dlg)
    assert dlg.result() != QDialog.DialogCode.Rejected or dlg.isVisible()
    assert dlg.report is not None and dlg.report.applied, "Enter imported the roster"
    with dlg.ctx.workspace.read() as s:
        assert s.scalars(select(Student)).first() is not None


def test_the_plan_says_who_left_and_the_checkbox_keeps_them(qtbot, dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.store.roster import import_oneroster

    dlg = dialog
    assert import_oneroster(dlg.ctx.workspace, ONEROSTER11).ok
    left = copy_set(ONEROSTER11, tmp_path / "left")
    users = (left / "users.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (left / "users.csv").write_text("".join(u for u in users if not u.startswith("stu-1004,")), encoding="utf-8")
    enrollments = (left / "enrollments.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (left / "enrollments.csv").write_text("".join(e for e in enrollments if ",stu-1004," not in e), encoding="utf-8")
    dlg.set_source(left)
    assert not dlg.keep_absent_box.isVisible()
    _click(qtbot, dlg.next_button)
    _wait_idle(qtbot, dlg)
    said = ("1 student is no longer in the district's file (Siobhán Murphy (1004)): they will be marked "
            "inactive; their grades are kept")
    assert said in dlg.check_summary.toPlainText()
    assert dlg.keep_absent_box.isVisible() and not dlg.keep_absent_box.isChecked()
    dlg.grab().save(str(tmp_path / "plan.png"))
    dlg.keep_absent_box.setChecked(True)
    _click(qtbot, dlg.next_button)  # Import
    _wait_idle(qtbot, dlg)
    assert dlg.report is not None and dlg.report.applied and dlg.report.keep_absent
    assert "they are kept active, as asked" in dlg.import_summary.toPlainText()
    with dlg.ctx.workspace.read() as s:
        assert s.scalars(select(Student).where(Student.local_id == "1004")).one().active
