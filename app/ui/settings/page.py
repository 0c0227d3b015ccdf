"""Settings: the school's details, the workspace's protection, backups and the audit log."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.core.changes import Changes
from app.core.errors import UserFacingError
from app.store import audit_text, backup, backup_folder
from app.store.models import School
from app.store.protection import (
    MIN_PASSPHRASE_CHARS,
    add_passphrase,
    check_new_passphrase,
    protection,
)
from app.ui.shell.context import AppContext


class SettingsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)

        school_box = QGroupBox(self.tr("School"))
        form = QFormLayout(school_box)
        self.school_name = QLineEdit()
        self.school_address = QLineEdit()
        self.school_phone = QLineEdit()
        from app.ui.common.timezone_picker import TimezonePicker

        self.timezone = TimezonePicker()
        self.timezone.setToolTip(self.tr("Calendar files (.ics) and conference letters use this time zone."))
        save = QPushButton(self.tr("Save school details"))
        save.clicked.connect(self.save_school)
        form.addRow(self.tr("Name"), self.school_name)
        form.addRow(self.tr("Address"), self.school_address)
        form.addRow(self.tr("Phone"), self.school_phone)
        form.addRow(self.tr("Time zone"), self.timezone)
        self.year_btn = QPushButton(self.tr("School year, terms, holidays and bell times…"))
        self.year_btn.clicked.connect(self.open_school_year)
        buttons = QHBoxLayout()
        buttons.addWidget(save)
        buttons.addWidget(self.year_btn)
        buttons.addStretch(1)
        form.addRow(buttons)
        layout.addWidget(school_box)

        layout.addWidget(self._language_box())

        security = QGroupBox(self.tr("Protection"))
        sv = QVBoxLayout(security)
        self.protection = QLabel()
        self.protection.setWordWrap(True)
        sv.addWidget(self.protection)
        passphrase = QPushButton(self.tr("Add a passphrase…"))
        passphrase.setToolTip(self.tr("Lets you open this workspace on a computer without a password store."))
        passphrase.clicked.connect(self.add_passphrase)
        sv.addWidget(passphrase)
        layout.addWidget(security)

        backups = QGroupBox(self.tr("Backups"))
        bv = QVBoxLayout(backups)
        bv.addWidget(QLabel(self.tr("A backup is taken automatically once a day and before every upgrade.")))
        # Manual backups can go to a folder the teacher chooses (a USB stick).
        folder_row = QHBoxLayout()
        self.backup_folder_label = QLabel()
        self.backup_folder_label.setWordWrap(True)
        folder_row.addWidget(self.backup_folder_label, 1)
        choose_folder = QPushButton(self.tr("Choose folder…"))
        choose_folder.setToolTip(self.tr("Back up now writes into this folder, e.g. a USB stick."))
        choose_folder.clicked.connect(self.choose_backup_folder)
        self.beside_button = QPushButton(self.tr("Beside the workspace"))
        self.beside_button.clicked.connect(self.default_backup_folder)
        folder_row.addWidget(choose_folder)
        folder_row.addWidget(self.beside_button)
        bv.addLayout(folder_row)
        self.backup_list = QListWidget()
        bv.addWidget(self.backup_list)
        bh = QHBoxLayout()
        now = QPushButton(self.tr("Back up now"))
        self.backup_now_button = now
        now.clicked.connect(self.backup_now)
        restore = QPushButton(self.tr("Restore selected backup…"))
        restore.clicked.connect(self.restore_selected)
        bh.addWidget(now)
        bh.addWidget(restore)
        bh.addStretch(1)
        bv.addLayout(bh)
        layout.addWidget(backups)

        log_box = QGroupBox(self.tr("Recent changes (audit log)"))
        lv = QVBoxLayout(log_box)
        self.audit_table = QTableWidget(0, 2)
        self.audit_table.setHorizontalHeaderLabels([self.tr("When"), self.tr("What happened")])
        self.audit_table.setWordWrap(True)
        self.audit_table.horizontalHeader().setStretchLastSection(True)
        self.audit_table.verticalHeader().setVisible(False)
        lv.addWidget(self.audit_table)
        layout.addWidget(log_box, 1)

        # The audit log shows every change, so any notice refreshes it.
        ctx.events.subscribe(self, Changes.ALL, lambda _c: self.refresh())
        self.refresh()

    def _language_box(self) -> QGroupBox:
        """The app's language, kept on this computer (QSettings), used from the next start."""
        from app.ui.i18n.language import available_languages, chosen_language, native_name

        box = QGroupBox(self.tr("Language"))
        row = QHBoxLayout(box)
        self.language = QComboBox()
        for code in available_languages():
            self.language.addItem(native_name(code), code)
        self.language.setCurrentIndex(max(0, self.language.findData(chosen_language())))
        self.language.currentIndexChanged.connect(self._language_changed)
        self.language_note = QLabel(self.tr("The app's language on this computer. A change applies "
                                            "the next time TeacherDesk starts."))
        self.language_note.setWordWrap(True)
        row.addWidget(QLabel(self.tr("Language of the app")))
        row.addWidget(self.language)
        row.addWidget(self.language_note, 1)
        return box

    def _language_changed(self, _index: int) -> None:
        from app.ui.i18n.language import choose_language, native_name

        code = str(self.language.currentData())
        choose_language(code)
        self.language_note.setText(self.tr("%1 from the next start. Close and reopen TeacherDesk "
                                           "to switch now.").replace("%1", native_name(code)))

    def open_school_year(self) -> None:
        from app.ui.settings.school_year import SchoolYearDialog

        SchoolYearDialog(self.ctx, self).exec()

    def refresh(self) -> None:
        ws = self.ctx.workspace
        with ws.read() as s:
            school = s.scalar(select(School).limit(1))
            if school:
                self.school_name.setText(school.name)
                self.school_address.setText(school.address)
                self.school_phone.setText(school.phone)
                self.timezone.setCurrentText(school.timezone)
            entries = audit_text.recent(s, limit=200)
        opens = protection(ws)
        methods = []
        if opens.demo_key:
            methods.append(self.tr("demo key (invented data only)"))
        if opens.keyring:
            methods.append(self.tr("this computer's password store"))
        if opens.passphrases:
            methods.append(self.tr("a passphrase"))
        methods.append(self.tr("the recovery key"))
        self.protection.setText(
            self.tr("<b>Encrypted</b> (SQLCipher, 256-bit key). File: {0}<br>Opens with: {1}.")
            .replace("{0}", str(ws.path)).replace("{1}", ", ".join(methods))
        )
        self.backup_list.clear()
        chosen = backup_folder.chosen_folder(ws)
        if chosen is None:
            self.backup_folder_label.setText(self.tr("Back up now writes beside the workspace: {0}")
                                             .replace("{0}", str(backup.backup_dir(ws.path))))
        else:
            state = "" if chosen.is_dir() else " " + self.tr("(not there now — plug in the drive)")
            self.backup_folder_label.setText(self.tr("Back up now writes to: {0}").replace("{0}", str(chosen)) + state)
            for path in backup_folder.backups_in(ws, chosen):
                stamp = QDateTime.fromSecsSinceEpoch(int(path.stat().st_mtime))
                self.backup_list.addItem(f"{QLocale().toString(stamp, QLocale.FormatType.ShortFormat)}  —  {path}")
                self.backup_list.item(self.backup_list.count() - 1).setData(256, str(path))
        self.beside_button.setEnabled(chosen is not None)
        for b in backup.list_backups(ws.path):
            self.backup_list.addItem(f"{b.taken_at.astimezone():%Y-%m-%d %H:%M}  —  {b.reason}  —  {b.path.name}")
            self.backup_list.item(self.backup_list.count() - 1).setData(256, str(b.path))
        self.audit_table.setRowCount(len(entries))
        for i, e in enumerate(entries):
            stamp = QDateTime.fromSecsSinceEpoch(int(e.at.astimezone().timestamp()))
            when = QLocale().toString(stamp, QLocale.FormatType.ShortFormat)
            for j, value in enumerate([when, e.sentence]):
                item = QTableWidgetItem(value)
                item.setToolTip(e.sentence)
                self.audit_table.setItem(i, j, item)
        self.audit_table.resizeColumnToContents(0)

    def save_school(self) -> None:
        from app.store.roster_service import save_school_settings
        from app.ui.shell.operations import run_op

        done = run_op(self.ctx, save_school_settings, name=self.school_name.text(),
                      address=self.school_address.text(), phone=self.school_phone.text(),
                      timezone=self.timezone.currentText(), parent=self, title=self.tr("School details not saved"))
        if done is not None:
            self.ctx.status(self.tr("School details saved."))

    def add_passphrase(self) -> None:
        from app.ui.shell.operations import run_op

        text, ok = QInputDialog.getText(self, self.tr("Add a passphrase"),
                                        self.tr("Passphrase (at least 10 characters):"), QLineEdit.EchoMode.Password)
        if not ok:
            return
        if len(text) < MIN_PASSPHRASE_CHARS:
            QMessageBox.warning(self, self.tr("Too short"), self.tr("Use at least 10 characters."))
            return
        again, ok = QInputDialog.getText(self, self.tr("Add a passphrase"), self.tr("Type it again:"),
                                         QLineEdit.EchoMode.Password)
        if not ok:
            return
        try:
            check_new_passphrase(text, again)
        except UserFacingError:
            QMessageBox.warning(self, self.tr("Not the same"), self.tr("The two passphrases differ; nothing changed."))
            return
        done = run_op(self.ctx, add_passphrase, text, again, parent=self, title=self.tr("Passphrase not added"))
        if done is not None:
            self.ctx.status(self.tr("Passphrase added."))
        self.refresh()

    def backup_now(self) -> None:
        try:
            dest = backup_folder.back_up(self.ctx.workspace)
        except UserFacingError as exc:
            QMessageBox.warning(self, self.tr("No backup taken"), str(exc))
            return
        self.ctx.status(self.tr("Backup saved: {0}").replace("{0}", str(dest)))
        self.refresh()

    def choose_backup_folder(self) -> None:
        from app.ui.common import file_dialogs
        from app.ui.shell.operations import run_op

        folder = file_dialogs.choose_folder(self, "backup-folder", self.tr("Folder for backups"),
                                            backup_folder.chosen_folder(self.ctx.workspace))
        if not folder:
            return
        done = run_op(self.ctx, backup_folder.set_folder, self.ctx.actor, folder, parent=self,
                      title=self.tr("Backup folder not changed"))
        if done is not None:
            self.ctx.status(self.tr("Backups go to {0}.").replace("{0}", str(done.value)))
        self.refresh()

    def default_backup_folder(self) -> None:
        from app.ui.shell.operations import run_op

        run_op(self.ctx, backup_folder.set_folder, self.ctx.actor, None, parent=self)
        self.refresh()

    def restore_selected(self) -> None:
        item = self.backup_list.currentItem()
        if item is None:
            QMessageBox.information(self, self.tr("Restore"), self.tr("Choose a backup in the list first."))
            return
        path = Path(item.data(256))
        answer = QMessageBox.question(
            self, self.tr("Restore from backup"),
            self.tr("Replace everything in this workspace with the backup of {0}?\n\n"
                    "The current state is backed up first.").replace("{0}", item.text().split("  —  ")[0]),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            backup.restore_workspace(self.ctx.workspace, path)
        except Exception as exc:
            QMessageBox.warning(self, self.tr("Restore failed"), str(exc))
            return
        self.ctx.events.notify(Changes.ALL)
        self.refresh()
