"""The main window on a real demo workspace."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from app.ui.shell.context import AppContext
from app.ui.shell.launch import configure_settings
from app.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, demo_workspace):  # type: ignore[no-untyped-def]
    configure_settings()
    w = MainWindow(AppContext(workspace=demo_workspace), QSettings())
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_window_opens_on_the_roster_with_the_students(window) -> None:  # type: ignore[no-untyped-def]
    page = window.pages["roster"]
    assert page.student_model.rowCount() == 75
    names = {(r.given_name, r.family_name) for r in page.student_model.rows}
    assert ("José", "Ramírez") in names and ("Zoë", "O'Brien") in names
    assert page.class_model.rowCount() >= 5


def test_search_is_accent_blind(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = window.pages["roster"]
    qtbot.keyClicks(page.search, "ramirez jose")
    assert page.student_proxy.rowCount() == 1
    idx = page.student_proxy.index(0, 1)
    assert idx.data() == "Ramírez"


def test_selecting_a_class_filters_students(window) -> None:  # type: ignore[no-untyped-def]
    page = window.pages["roster"]
    page.class_view.selectRow(0)
    row = page.class_model.row_at(page.class_proxy.mapToSource(page.class_proxy.index(0, 0)))
    assert page.current_section == row.id
    assert page.student_model.rowCount() == row.students


def test_delete_student_with_confirmation_and_undo(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = window.pages["roster"]
    page.student_view.selectRow(0)
    victim = page.selected_student()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.delete_student()
    assert page.student_model.rowCount() == 74
    assert victim.id not in {r.id for r in page.student_model.rows}
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert page.student_model.rowCount() == 75
    assert victim.id in {r.id for r in page.student_model.rows}


def test_cancelled_delete_changes_nothing(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = window.pages["roster"]
    page.student_view.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    page.delete_student()
    assert page.student_model.rowCount() == 75


def test_every_page_opens(window) -> None:  # type: ignore[no-untyped-def]
    for spec in window.specs:
        page = window.show_page(spec.key)
        assert page is not None
        assert window.stack.currentWidget() is page


def test_geometry_is_remembered(qtbot, demo_workspace) -> None:  # type: ignore[no-untyped-def]
    configure_settings()
    first = MainWindow(AppContext(workspace=demo_workspace), QSettings())
    qtbot.addWidget(first)
    first.show()
    first.resize(first.width(), 555)  # the offscreen screen is 800 px wide: vary the height
    first.close()
    assert QSettings().value("main_window/geometry") is not None
    second = MainWindow(AppContext(workspace=demo_workspace), QSettings())
    qtbot.addWidget(second)
    assert second.height() == 555


def test_settings_page_backs_up(window) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("settings")
    before = page.backup_list.count()
    page.backup_now()
    assert page.backup_list.count() == before + 1
    assert "Encrypted" in page.protection.text()


def test_settings_audit_log_reads_as_sentences(window, demo_workspace) -> None:  # type: ignore[no-untyped-def]
    from app.store import audit

    with demo_workspace.session() as s:
        audit.record(s, "mtorres", "exam.create", "exam", 1, title="Unit 3 test")
    page = window.show_page("settings")
    page.refresh()
    assert page.audit_table.columnCount() == 2
    assert page.audit_table.item(0, 1).text() == "mtorres created the exam Unit 3 test."
