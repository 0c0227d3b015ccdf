"""Staff in the app: add and edit teachers, counselors and interpreters' colleagues, with
the languages each speaks with families (the conference scheduler uses them).

Writes go through app.store.roster_service, the same use cases as `teacherdesk staff ...`.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.store import roster_service
from app.store.roster_service import StaffRow
from app.ui.common.language_picker import LanguageListEdit, language_label
from app.ui.common.table_model import Column, RowTableModel
from app.ui.shell.context import AppContext
from app.ui.shell.operations import run_op


class StaffEditDialog(QDialog):
    """One staff member's name, role, email and languages."""

    def __init__(self, row: StaffRow | None = None, parent: QWidget | None = None, *, role: str = "teacher") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit staff member") if row else self.tr("Add staff member"))
        self.name = QLineEdit(row.display_name if row else "")
        self.role = QComboBox()
        labels = {"teacher": self.tr("Teacher"), "counselor": self.tr("Counselor"),
                  "administrator": self.tr("Administrator"), "aide": self.tr("Aide")}
        for key in roster_service.STAFF_ROLES:
            self.role.addItem(labels.get(key, key), key)
        self.role.setCurrentIndex(max(0, self.role.findData(row.role if row else role)))
        self.email = QLineEdit(row.email if row else "")
        self.languages = LanguageListEdit(list(row.languages) if row else [])
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Email"), self.email)
        form.addRow(self.tr("Speaks with families\n(besides English)"), self.languages)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        if not self.name.text().strip():
            QMessageBox.warning(self, self.windowTitle(), self.tr("Type the person's name."))
            return
        self.accept()


class StaffDialog(QDialog):
    """The staff list with Add and Edit."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Staff and languages"))
        self.resize(760, 420)
        self.model: RowTableModel[StaffRow] = RowTableModel([
            Column(self.tr("Name"), lambda r: r.display_name),
            Column(self.tr("Role"), lambda r: r.role),
            Column(self.tr("Languages"), lambda r: ", ".join(language_label(c) for c in r.languages)),
            Column(self.tr("Email"), lambda r: r.email),
        ], self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.add_btn = QPushButton(self.tr("Add…"))
        self.edit_btn = QPushButton(self.tr("Edit…"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(self.add_btn)
        bar.addWidget(self.edit_btn)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        layout.addWidget(close)
        self.add_btn.clicked.connect(self.add)
        self.edit_btn.clicked.connect(self.edit_selected)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(roster_service.list_staff(self.ctx.workspace))

    def selected(self) -> StaffRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0]) if rows else None

    def add(self) -> None:
        dialog = StaffEditDialog(None, self)
        if dialog.exec():
            self.save(None, dialog.name.text(), str(dialog.role.currentData()), dialog.email.text(),
                      dialog.languages.codes())

    def edit_selected(self) -> None:
        row = self.selected()
        if row is None:
            QMessageBox.information(self, self.windowTitle(), self.tr("Select a staff member first."))
            return
        dialog = StaffEditDialog(row, self)
        if dialog.exec():
            self.save(row.id, dialog.name.text(), str(dialog.role.currentData()), dialog.email.text(),
                      dialog.languages.codes())

    def save(self, staff_id: int | None, name: str, role: str, email: str, languages: list[str]) -> bool:
        """Add (``staff_id`` None) or change one staff member; False when refused."""
        parts = name.split()
        given, family = (" ".join(parts[:-1]), parts[-1]) if parts else ("", "")
        done: object
        if staff_id is None:
            done = run_op(self.ctx, roster_service.add_staff, given_name=given, family_name=family, role=role,
                          email=email, languages=languages, parent=self, title=self.windowTitle())
        else:
            done = run_op(self.ctx, roster_service.edit_staff, staff_id, given_name=given, family_name=family,
                          role=role, email=email, languages=languages, parent=self, title=self.windowTitle())
        self.refresh()
        return done is not None
