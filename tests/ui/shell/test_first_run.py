"""First run: create a workspace from the welcome dialog and confirm the recovery key."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.store import open_workspace
from app.store.keys import keyring_delete
from app.ui.shell.unlock_dialogs import RecoveryKeyDialog, WelcomeDialog

pytestmark = pytest.mark.gui


def test_welcome_dialog_creates_an_encrypted_workspace(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.store import create_workspace

    dialog = WelcomeDialog(tmp_path / "school.tdw")
    qtbot.addWidget(dialog)
    assert not dialog.needs_passphrase  # the test keyring is a real credential store
    qtbot.keyClicks(dialog.school, "Lincoln Elementary")
    dialog._create()
    assert dialog.choice == WelcomeDialog.CREATE
    created = create_workspace(dialog.path, school_name=dialog.school.text())
    key_dialog = RecoveryKeyDialog(created.recovery_key, dialog.path, created.workspace.workspace_id)
    qtbot.addWidget(key_dialog)
    key_dialog.show()
    qtbot.waitExposed(key_dialog)
    ok = key_dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # the key must be acknowledged first
    qtbot.keyClick(key_dialog.confirm, Qt.Key.Key_Space)
    assert ok.isEnabled()
    created.workspace.close()
    # the key shown opens the workspace when the keyring forgets it
    keyring_delete(created.workspace.workspace_id)
    open_workspace(dialog.path, recovery_key=created.recovery_key).close()


@pytest.mark.usefixtures("no_keyring")
def test_without_keyring_the_welcome_dialog_asks_for_a_passphrase(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    dialog = WelcomeDialog(tmp_path / "school.tdw")
    qtbot.addWidget(dialog)
    assert dialog.needs_passphrase
    qtbot.keyClicks(dialog.school, "Lincoln")
    qtbot.keyClicks(dialog.passphrase, "short")
    dialog._create()
    assert dialog.choice == 0 and warnings
    dialog.passphrase.setText("a long enough passphrase")
    dialog.passphrase2.setText("a long enough passphrase")
    dialog._create()
    assert dialog.choice == WelcomeDialog.CREATE


def test_recovery_sheet_pdf_has_the_key(tmp_path: Path) -> None:
    import pypdfium2

    from app.store.keys import recovery_key_from_data_key
    from app.store.recovery_sheet import write_recovery_sheet

    key = recovery_key_from_data_key(bytes(range(32)))
    out = write_recovery_sheet(tmp_path / "k.pdf", recovery_key=key, workspace_name="school.tdw",
                               workspace_id="abc", school="Riverside Middle School")
    pdf = pypdfium2.PdfDocument(str(out))
    text = pdf[0].get_textpage().get_text_range()
    for group in key.split("-"):
        assert group in text
    assert "Riverside Middle School" in text


@pytest.mark.usefixtures("no_keyring")
def test_wrong_passphrase_says_so_in_the_unlock_dialog(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialog

    from app.store import create_workspace
    from app.ui.shell import launch
    from app.ui.shell.unlock_dialogs import UnlockDialog

    created = create_workspace(tmp_path / "p.tdw", passphrase="correct horse battery")
    created.workspace.close()
    shown: list[tuple[str, bool]] = []
    answers = iter(["wrong one", "correct horse battery"])

    def answer(dialog: UnlockDialog) -> int:
        shown.append((dialog.message.text(), "b00020" in dialog.message.styleSheet()))
        dialog.passphrase.setText(next(answers))
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(UnlockDialog, "exec", answer)
    ws = launch._unlock_existing(tmp_path / "p.tdw", None)
    assert ws is not None
    ws.close()
    assert len(shown) == 2
    assert shown[0] == ("Enter the passphrase of this workspace, or its recovery key.", False)
    assert "does not open p.tdw" in shown[1][0] and "2 tries left" in shown[1][0] and shown[1][1]
