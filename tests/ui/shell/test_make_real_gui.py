"""File ▸ Make this my real workspace…: the demo the window shows becomes a real one, the
recovery key is shown once, and the window goes on with the real workspace."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QTimer
from sqlalchemy import func, select

from app.store import keys
from app.store.keys import Sidecar
from app.store.models import School, Student
from app.store.roster import import_roster
from app.ui.shell.context import AppContext
from app.ui.shell.launch import configure_settings
from app.ui.shell.main_window import MainWindow
from tests.store.data.roster_sets import DATA

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, demo_workspace):  # type: ignore[no-untyped-def]
    configure_settings()
    w = MainWindow(AppContext(workspace=demo_workspace), QSettings())
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_make_real_from_the_file_menu(window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for index in range(len(window.specs)):  # every page has used the demo workspace
        window.show_page_index(index)
    assert window.make_real_action.isEnabled() and "(demo workspace)" in window.windowTitle()
    path = window.ctx.workspace.path
    shown: dict[str, str] = {}

    def answer_recovery() -> None:
        dialog = window.recovery_key_dialog
        shown["key"] = dialog.recovery_key
        dialog.grab().save(str(tmp_path / "recovery.png"))
        dialog.confirm.setChecked(True)
        dialog.buttons.accepted.emit()

    def answer() -> None:
        dialog = window.make_real_dialog
        assert not dialog.needs_passphrase  # the test keyring is there
        assert dialog.remove_people.isChecked()
        dialog.grab().save(str(tmp_path / "make-real.png"))
        QTimer.singleShot(50, answer_recovery)
        dialog.go.click()

    QTimer.singleShot(50, answer)
    assert window.make_real_action.text().replace("&", "") == "Make this my real workspace…"
    window.make_real_action.trigger()
    ws = window.ctx.workspace
    assert not ws.demo and ws.path == path
    assert "(demo workspace)" not in window.windowTitle() and not window.make_real_action.isEnabled()
    assert keys.data_key_from_recovery_key(shown["key"]) == ws.key
    assert Sidecar.load(path).demo_key is None
    with ws.read() as s:
        assert s.scalar(select(func.count()).select_from(Student)) == 0
        assert s.scalar(select(func.count()).select_from(School)) == 1
    assert import_roster(ws, DATA / "sis_export.csv").applied


def test_a_real_workspace_has_nothing_to_make_real(qtbot, empty_workspace) -> None:  # type: ignore[no-untyped-def]
    configure_settings()
    w = MainWindow(AppContext(workspace=empty_workspace), QSettings())
    qtbot.addWidget(w)
    assert not w.make_real_action.isEnabled()
