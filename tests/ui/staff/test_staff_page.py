"""Staff in the app, as a new school's secretary sets them up: the Staff page is in the
main navigation, a fresh workspace says to add someone, and people are added (an
interpreter, a counselor), edited and deactivated there; the command line sees the same."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from app.cli import main
from app.store import roster_service
from app.ui.common.staff_dialog import StaffEditDialog
from app.ui.shell.context import AppContext
from app.ui.shell.launch import configure_settings
from app.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, empty_workspace):  # type: ignore[no-untyped-def]
    configure_settings()
    w = MainWindow(AppContext(workspace=empty_workspace), QSettings())
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _fill_and_ok(qtbot, name: str, role: str, email: str, language: str = "") -> None:  # type: ignore[no-untyped-def]
    """Types into the Add/Edit dialog the page opens, then presses OK."""
    def fill() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, StaffEditDialog) and w.isVisible())
        dialog.name.setText(name)
        dialog.role.setCurrentIndex(dialog.role.findData(role))
        dialog.email.setText(email)
        if language:
            dialog.languages.add_code(language)
        dialog._accept()
    QTimer.singleShot(0, fill)


def test_staff_page_add_edit_deactivate(qtbot, window, capsys) -> None:  # type: ignore[no-untyped-def]
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "Staff" in titles
    page = window.show_page("staff")
    panel = page.panel
    assert page.getting_started.isVisibleTo(page), "a new workspace says to add staff first"
    assert panel.model.rowCount() == 0

    _fill_and_ok(qtbot, "Lan Nguyen", "interpreter", "lan@school.org", "vi")
    panel.add_btn.click()
    _fill_and_ok(qtbot, "Ana Rivera", "counselor", "", "es")
    panel.add_btn.click()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    assert not page.getting_started.isVisibleTo(page)
    rows = {r.display_name: r for r in panel.model.rows}
    assert rows["Lan Nguyen"].role == "interpreter" and rows["Lan Nguyen"].languages == ("vi",)
    assert panel.model.index(0, 1).data() in ("Counselor", "Interpreter")

    # Edit: double-click opens the same dialog filled in; the email changes.
    assert panel.select(rows["Ana Rivera"].id)
    _fill_and_ok(qtbot, "Ana María Rivera", "counselor", "ana@school.org", "es")
    panel.edit_btn.click()
    qtbot.waitUntil(lambda: any(r.display_name == "Ana María Rivera" for r in panel.model.rows))

    # Deactivate: gone from the list, back with "Show inactive", then reactivated.
    assert panel.select(rows["Lan Nguyen"].id)
    assert panel.active_btn.text() == "Deactivate"
    panel.active_btn.click()
    assert [r.display_name for r in panel.model.rows] == ["Ana María Rivera"]
    panel.show_inactive.setChecked(True)
    assert panel.select(rows["Lan Nguyen"].id) and panel.active_btn.text() == "Reactivate"
    assert "Inactive" in {panel.model.index(i, 4).data() for i in range(panel.model.rowCount())}

    # The role filter shows one kind of staff.
    panel.role_filter.setCurrentIndex(panel.role_filter.findData("counselor"))
    assert [r.display_name for r in panel.model.rows] == ["Ana María Rivera"]

    # What the app saved is what `teacherdesk staff list` prints.
    ws = window.ctx.workspace
    saved = {r.display_name: r for r in roster_service.list_staff(ws, include_inactive=True)}
    assert saved["Ana María Rivera"].email == "ana@school.org" and not saved["Lan Nguyen"].active


def test_staff_remove_and_bring_back_from_the_command_line(capsys, empty_workspace) -> None:  # type: ignore[no-untyped-def]
    path = str(empty_workspace.path)
    empty_workspace.close()

    def cli(*args: str) -> tuple[int, str, str]:
        code = main([*args, "--workspace", path])
        out, err = capsys.readouterr()
        return code, out, err

    code, out, _ = cli("staff", "add", "--role", "interpreter", "--name", "Lan Nguyen", "--languages", "Vietnamese")
    assert code == 0 and "Added interpreter Lan Nguyen" in out
    code, out, _ = cli("staff", "add", "--role", "office", "--name", "Rosa Díaz")
    assert code == 0
    code, out, _ = cli("staff", "remove", "nguyen")
    assert code == 0 and "Lan Nguyen" in out and "inactive" in out and "--active yes" in out
    code, out, _ = cli("staff", "list")
    assert "Lan Nguyen" not in out and "Rosa Díaz" in out and "office" in out
    code, out, _ = cli("staff", "list", "--all")
    assert "Lan Nguyen" in out and "(inactive)" in out
    code, out, _ = cli("staff", "remove", "nguyen")
    assert code == 0 and "already inactive" in out
    code, out, _ = cli("staff", "edit", "nguyen", "--active", "yes")
    assert code == 0 and "inactive" not in out
    code, _, err = cli("staff", "remove", "nobody")
    assert code == 2 and "No staff member 'nobody'" in err


def test_cli_roles_are_the_services_roles() -> None:
    from app.commands.school import ROLES

    assert ROLES == roster_service.STAFF_ROLES
