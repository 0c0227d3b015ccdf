"""File ▸ Make this my real workspace…: a demo becomes a real workspace.

The work is :func:`app.store.convert.make_real` (the CLI's ``teacherdesk make-real``);
this module asks the questions (keep the invented people or not, a passphrase where the
computer has no credential store), shows the recovery key once, and hands the new
workspace to the window.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.store.protection import MIN_PASSPHRASE_CHARS as MIN_PASSPHRASE


class MakeRealDialog(QDialog):
    """What happens, whether the invented people go, and a passphrase if one is needed."""

    def __init__(self, workspace_name: str, needs_passphrase: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Make this my real workspace"))
        layout = QVBoxLayout(self)
        text = QLabel(self.tr(
            "<p><b>{0}</b> is a demo workspace: its key is kept unprotected beside it, so it "
            "does not accept real student records.</p><p>Making it real copies everything into "
            "a new file locked with a protected key, and gives you a recovery key to write "
            "down. After that you can import your real roster.</p>").replace("{0}", workspace_name))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.remove_people = QCheckBox(self.tr(
            "Remove the invented students, families, staff and classes (the school, calendar "
            "and settings stay)"))
        self.remove_people.setChecked(True)
        layout.addWidget(self.remove_people)
        self.passphrase = QLineEdit()
        self.repeat = QLineEdit()
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.needs_passphrase = needs_passphrase
        if needs_passphrase:
            note = QLabel(self.tr("This computer has no credential store, so the workspace is "
                                  "locked with a passphrase. Choose one of at least {0} characters.")
                          .replace("{0}", str(MIN_PASSPHRASE)))
            note.setWordWrap(True)
            layout.addWidget(note)
            form = QFormLayout()
            for field in (self.passphrase, self.repeat):
                field.setEchoMode(QLineEdit.EchoMode.Password)
            form.addRow(self.tr("Passphrase"), self.passphrase)
            form.addRow(self.tr("Repeat it"), self.repeat)
            layout.addLayout(form)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.go = buttons.addButton(self.tr("Make it real"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _accept_if_valid(self) -> None:
        if self.needs_passphrase:
            if len(self.passphrase.text()) < MIN_PASSPHRASE:
                self.error.setText(self.tr("The passphrase needs at least {0} characters.")
                                   .replace("{0}", str(MIN_PASSPHRASE)))
                return
            if self.passphrase.text() != self.repeat.text():
                self.error.setText(self.tr("The two passphrases differ."))
                return
        self.accept()

    def chosen_passphrase(self) -> str | None:
        return self.passphrase.text() if self.needs_passphrase else None


def make_workspace_real(window) -> bool:  # type: ignore[no-untyped-def]
    """Ask, convert, show the recovery key, switch ``window`` to the real workspace."""
    from app.core.errors import UserFacingError
    from app.store.convert import make_real, needs_passphrase
    from app.ui.shell.unlock_dialogs import RecoveryKeyDialog

    ws = window.ctx.workspace
    dialog = MakeRealDialog(ws.path.name, needs_passphrase=needs_passphrase(), parent=window)
    window.make_real_dialog = dialog  # for tests
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        done = make_real(ws, passphrase=dialog.chosen_passphrase(),
                         remove_demo_people=dialog.remove_people.isChecked())
    except UserFacingError as exc:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(window, QCoreApplication.translate("MainWindow", "The workspace was not changed"), str(exc))
        return False
    QApplication.restoreOverrideCursor()
    real = done.created.workspace
    recovery = RecoveryKeyDialog(done.created.recovery_key, real.path, real.workspace_id, parent=window)
    window.recovery_key_dialog = recovery  # for tests
    recovery.exec()
    window.switch_workspace(real)
    window.statusBar().showMessage(
        QCoreApplication.translate("MainWindow", "{0} is now a real workspace: you can import your roster.")
        .replace("{0}", real.path.name),
        10000)
    return True
