"""First run, unlock and recovery-key dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.store.protection import keyring_available
from app.ui.common import file_dialogs


class WelcomeDialog(QDialog):
    """First run: create a workspace, open one, or try the demo."""

    CREATE, OPEN, DEMO = 1, 2, 3

    def __init__(self, default_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to TeacherDesk"))
        self.choice = 0
        self.path = default_path
        self.open_path: Path | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "<h2>Welcome to TeacherDesk</h2>"
            "<p>Your classes, grades and schedules are kept in one <b>workspace</b> file on this "
            "computer, encrypted. Nothing is ever sent over the network.</p>"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.school = QLineEdit()
        self.school.setPlaceholderText(self.tr("e.g. Riverside Middle School"))
        form.addRow(self.tr("School name"), self.school)
        from app.ui.common.timezone_picker import TimezonePicker

        self.timezone = TimezonePicker()
        self.timezone.setToolTip(self.tr("Calendar files and conference letters use this time zone. "
                                         "It starts as this computer's; change it in Settings later."))
        form.addRow(self.tr("School's time zone"), self.timezone)
        self.location = QLineEdit(str(default_path))
        browse = QPushButton(self.tr("Change…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.location, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Save it as"), row)
        self.needs_passphrase = not keyring_available()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase2 = QLineEdit()
        self.passphrase2.setEchoMode(QLineEdit.EchoMode.Password)
        if self.needs_passphrase:
            note = QLabel(self.tr("This computer has no password store, so choose a passphrase "
                                  "(at least 10 characters) to lock the workspace."))
            note.setWordWrap(True)
            form.addRow(note)
            form.addRow(self.tr("Passphrase"), self.passphrase)
            form.addRow(self.tr("Passphrase again"), self.passphrase2)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        create = QPushButton(self.tr("Create workspace"))
        create.setDefault(True)
        create.clicked.connect(self._create)
        open_button = QPushButton(self.tr("Open a workspace file…"))
        open_button.clicked.connect(self._open)
        demo = QPushButton(self.tr("Try the demo"))
        demo.clicked.connect(self._demo)
        buttons.addWidget(demo)
        buttons.addWidget(open_button)
        buttons.addStretch(1)
        buttons.addWidget(create)
        layout.addLayout(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save workspace as"), self.location.text(),
                                              self.tr("TeacherDesk workspace (*.tdw)"))
        if path:
            self.location.setText(path if path.endswith(".tdw") else path + ".tdw")

    def _create(self) -> None:
        if not self.school.text().strip():
            QMessageBox.warning(self, self.tr("School name"), self.tr("Please enter your school's name."))
            return
        if self.timezone.zone() is None:
            QMessageBox.warning(self, self.tr("Time zone"), self.tr(
                "“{0}” is not a time zone. Pick one from the list, e.g. America/Chicago.").format(
                    self.timezone.currentText()))
            return
        if self.needs_passphrase:
            if len(self.passphrase.text()) < 10:
                QMessageBox.warning(self, self.tr("Passphrase"), self.tr("Use at least 10 characters."))
                return
            if self.passphrase.text() != self.passphrase2.text():
                QMessageBox.warning(self, self.tr("Passphrase"), self.tr("The two passphrases differ."))
                return
        self.path = Path(self.location.text().strip())
        self.choice = self.CREATE
        self.accept()

    def _open(self) -> None:
        path = file_dialogs.open_file(self, "workspace", self.tr("Open workspace"),
                                      self.tr("TeacherDesk workspace (*.tdw)"))
        if path:
            self.open_path = Path(path)
            self.choice = self.OPEN
            self.accept()

    def _demo(self) -> None:
        self.choice = self.DEMO
        self.accept()


class UnlockDialog(QDialog):
    """Asks for the passphrase, or the recovery key when the stored key is gone."""

    def __init__(self, workspace: Path, message: str = "", parent: QWidget | None = None,
                 error: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unlock {0}").replace("{0}", workspace.name))
        layout = QVBoxLayout(self)
        label = QLabel(message or self.tr("Enter the passphrase of this workspace, or its recovery key."))
        label.setWordWrap(True)
        if error:
            label.setStyleSheet("color: #b00020; font-weight: bold;")
        self.message = label
        layout.addWidget(label)
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.recovery = QLineEdit()
        self.recovery.setPlaceholderText("XXXX-XXXX-…")
        form.addRow(self.tr("Passphrase"), self.passphrase)
        form.addRow(self.tr("or recovery key"), self.recovery)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class RecoveryKeyDialog(QDialog):
    """Shows the recovery key once; the teacher confirms it is written down or printed."""

    def __init__(self, recovery_key: str, workspace: Path, workspace_id: str, school: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recovery_key = recovery_key
        self.workspace = workspace
        self.workspace_id = workspace_id
        self.school = school
        self.setWindowTitle(self.tr("Your recovery key"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "<h3>Write down or print this recovery key</h3><p>It opens your workspace if this "
            "computer loses its stored key or you forget the passphrase. It is shown only now. "
            "Keep it locked away like a student record.</p>"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        key_label = QLabel(recovery_key)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(13)
        key_label.setFont(font)
        key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        key_label.setWordWrap(True)
        layout.addWidget(key_label)
        row = QHBoxLayout()
        pdf = QPushButton(self.tr("Save as PDF to print…"))
        pdf.clicked.connect(self._save_pdf)
        copy = QPushButton(self.tr("Copy"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(recovery_key))
        row.addWidget(pdf)
        row.addWidget(copy)
        row.addStretch(1)
        layout.addLayout(row)
        self.confirm = QCheckBox(self.tr("I have written down or printed the recovery key"))
        layout.addWidget(self.confirm)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.confirm.toggled.connect(self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled)
        self.buttons.accepted.connect(self.accept)
        layout.addWidget(self.buttons)

    def _save_pdf(self) -> None:
        from app.store.recovery_sheet import write_recovery_sheet

        # In Documents, not beside the workspace: the key must not travel with the file it opens.
        path = file_dialogs.save_file(self, "recovery-sheet", self.tr("Save recovery key"),
                                      "TeacherDesk recovery key.pdf", self.tr("PDF (*.pdf)"),
                                      folder=file_dialogs.documents_folder())
        if path:
            write_recovery_sheet(Path(path), recovery_key=self.recovery_key, workspace_name=self.workspace.name,
                                 workspace_id=self.workspace_id, school=self.school)


class OpenWithRecoveryKeyDialog(QDialog):
    """File ▸ Open with recovery key…: a workspace file and its recovery key.

    For a workspace whose stored key is gone (a new computer, a reinstalled system, a
    forgotten passphrase). Opening it with the key also stores the key on this computer
    again, so next time it opens as usual.
    """

    def __init__(self, start: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open with recovery key"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Choose the workspace file (.tdw) and type the recovery key printed on its recovery "
            "sheet. Dashes and spaces do not matter."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.path = QLineEdit(str(start) if start else "")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Workspace"), row)
        self.key = QLineEdit()
        self.key.setPlaceholderText("XXXX-XXXX-…")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.key.setFont(font)
        form.addRow(self.tr("Recovery key"), self.key)
        layout.addLayout(form)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020; font-weight: bold;")
        self.error.setVisible(False)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept_if_filled)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def _browse(self) -> None:
        path = file_dialogs.open_file(self, "workspace", self.tr("Open workspace"),
                                      self.tr("TeacherDesk workspace (*.tdw)"))
        if path:
            self.path.setText(path)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)

    def _accept_if_filled(self) -> None:
        if not self.path.text().strip() or not Path(self.path.text().strip()).exists():
            self.show_error(self.tr("Choose the workspace file first."))
            return
        if not self.key.text().strip():
            self.show_error(self.tr("Type the recovery key."))
            return
        self.accept()

    def workspace_path(self) -> Path:
        return Path(self.path.text().strip())

    def recovery_key(self) -> str:
        return self.key.text().strip()
