"""Workspace safety as a teacher meets it: File ▸ Open with recovery key… exists and opens a
workspace whose stored key is gone, the recovery sheet names it (and the command-line way),
its save dialog opens in Documents, and backups go to a folder the teacher chooses."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QFileDialog

from app.store import create_workspace, keys
from app.store.recovery_sheet import write_recovery_sheet
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


def _menu_action(window, text: str):  # type: ignore[no-untyped-def]
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.text().replace("&", "") == text:
                return menu_action.text().replace("&", ""), action
    raise AssertionError(f"no menu item {text!r}")


def test_open_with_recovery_key_from_the_file_menu(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    created = create_workspace(tmp_path / "old laptop.tdw", school_name="Riverside")
    other_id = created.workspace.workspace_id
    created.workspace.close()
    keys.keyring_delete(other_id)  # a new computer: the stored key is gone
    menu, action = _menu_action(window, "Open with recovery key…")
    assert menu == "File"
    steps: list[str] = []

    def fill(key: str) -> None:
        dialog = window.recovery_dialog
        if steps and steps[-1] == "wrong":
            assert dialog.error.isVisible() and dialog.error.text()
        dialog.path.setText(str(tmp_path / "old laptop.tdw"))
        dialog.key.setText(key)
        steps.append("wrong" if key.startswith("AAAA") else "right")
        if key.startswith("AAAA"):
            QTimer.singleShot(50, lambda: fill(created.recovery_key))
        dialog.buttons.accepted.emit()

    wrong = "-".join(["AAAA"] * (len(created.recovery_key.split("-"))))
    QTimer.singleShot(50, lambda: fill(wrong))
    action.trigger()
    assert steps == ["wrong", "right"]
    assert window.ctx.workspace.path == tmp_path / "old laptop.tdw"
    assert "old laptop.tdw" in window.windowTitle()
    assert keys.keyring_get(other_id) is not None  # opens as usual next time
    roster = window.pages["roster"]
    assert roster.student_model.rowCount() == 0  # the pages show the opened workspace


def test_the_recovery_sheet_names_the_menu_item_and_the_command_line(tmp_path: Path) -> None:
    out = write_recovery_sheet(tmp_path / "k.pdf", recovery_key=keys.recovery_key_from_data_key(bytes(32)),
                               workspace_name="school.tdw", workspace_id="abc", school="Riverside")
    text = pypdfium2.PdfDocument(str(out))[0].get_textpage().get_text_range()
    flat = " ".join(text.split())
    assert "File ▸ Open with recovery key…" in flat
    assert "--recovery-key-file" in flat and "--recovery-key KEY" not in flat
    assert "Open workspace ▸" not in flat


def test_the_recovery_sheet_is_saved_in_documents(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.ui.common.file_dialogs import documents_folder
    from app.ui.shell.unlock_dialogs import RecoveryKeyDialog

    configure_settings()
    documents = Path.home() / "Documents"
    documents.mkdir(exist_ok=True)
    asked: list[str] = []

    def save_dialog(_parent, _title, start, _filters):  # type: ignore[no-untyped-def]
        asked.append(start)
        return str(Path(start)), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    workspace = tmp_path / "share" / "school.tdw"
    dialog = RecoveryKeyDialog(keys.recovery_key_from_data_key(bytes(32)), workspace, "abc", "Riverside")
    qtbot.addWidget(dialog)
    dialog._save_pdf()
    assert documents_folder() == documents
    assert Path(asked[0]).parent == documents and Path(asked[0]).parent != workspace.parent
    assert (documents / "TeacherDesk recovery key.pdf").exists()


def test_backups_go_to_the_folder_chosen_in_settings(window, qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    stick = tmp_path / "USB"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    settings = window.show_page("settings")
    settings.choose_backup_folder()
    assert str(stick.resolve()) in settings.backup_folder_label.text()
    _menu, backup_now = _menu_action(window, "Back up now")
    backup_now.trigger()
    written = list(stick.glob("*.tdw"))
    assert len(written) == 1 and written[0].with_name(written[0].name + ".keys").exists()
    assert "USB" in window.statusBar().currentMessage()
    settings.backup_now_button.click()
    assert len(list(stick.glob("*.tdw"))) == 2
    assert any(str(stick.resolve()) in settings.backup_list.item(i).text() or
               settings.backup_list.item(i).data(256).startswith(str(stick.resolve()))
               for i in range(settings.backup_list.count()))
    settings.default_backup_folder()
    assert chosen_is_default(settings)


def chosen_is_default(settings) -> bool:  # type: ignore[no-untyped-def]
    from app.store.backup_folder import chosen_folder

    return chosen_folder(settings.ctx.workspace) is None
