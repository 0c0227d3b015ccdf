"""Staff in the app: list, add, edit and deactivate teachers, counselors, interpreters and
office staff, with the languages each speaks with families (the conference scheduler uses
them). The Staff page shows the panel; Conferences ▸ Staff languages… shows it in a window.

Writes go through app.store.roster_service, the same use cases as `teacherdesk staff ...`.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
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
from app.ui.common.roles import role_text
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
        for key in roster_service.STAFF_ROLES:
            self.role.addItem(role_text(key), key)
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


class StaffPanel(QWidget):
    """The staff list with Add, Edit and Deactivate, a role filter and "Show inactive";
    the Staff page and Conferences ▸ Staff languages… both show it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = self.tr("Staff")
        self.model: RowTableModel[StaffRow] = RowTableModel([
            Column(self.tr("Name"), lambda r: r.display_name),
            Column(self.tr("Role"), lambda r: role_text(r.role)),
            Column(self.tr("Languages"), lambda r: ", ".join(language_label(c) for c in r.languages)),
            Column(self.tr("Email"), lambda r: r.email),
            Column(self.tr("Status"), lambda r: self.tr("Active") if r.active else self.tr("Inactive")),
        ], self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.role_filter = QComboBox()
        self.role_filter.addItem(self.tr("Everyone"), None)
        for key in roster_service.STAFF_ROLES:
            self.role_filter.addItem(role_text(key), key)
        self.role_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.show_inactive = QCheckBox(self.tr("Show inactive"))
        self.show_inactive.toggled.connect(lambda _on: self.refresh())
        self.add_btn = QPushButton(self.tr("Add…"))
        self.edit_btn = QPushButton(self.tr("Edit…"))
        self.active_btn = QPushButton(self.tr("Deactivate"))
        self.active_btn.setToolTip(self.tr("Hides them from lists and new work; their classes, meetings and "
                                           "history stay. Reactivate them any time."))
        self.count = QLabel("")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Role")))
        top.addWidget(self.role_filter)
        top.addWidget(self.show_inactive)
        top.addStretch(1)
        top.addWidget(self.count)
        bar = QHBoxLayout()
        bar.addWidget(self.add_btn)
        bar.addWidget(self.edit_btn)
        bar.addWidget(self.active_btn)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        self.add_btn.clicked.connect(self.add)
        self.edit_btn.clicked.connect(self.edit_selected)
        self.active_btn.clicked.connect(self.toggle_active)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.refresh()

    def refresh(self) -> None:
        keep = self.selected()
        role = self.role_filter.currentData()
        rows = roster_service.list_staff(self.ctx.workspace, role=role, include_inactive=self.show_inactive.isChecked())
        self.model.set_rows(rows)
        self.count.setText(self.tr("Staff members: %1").replace("%1", str(len(rows))))
        if keep is not None:
            self.select(keep.id)
        self._update_buttons()

    def select(self, staff_id: int) -> bool:
        for i, r in enumerate(self.model.rows):
            if r.id == staff_id:
                self.view.selectRow(i)
                return True
        return False

    def selected(self) -> StaffRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0]) if rows else None

    def _update_buttons(self) -> None:
        row = self.selected()
        self.edit_btn.setEnabled(row is not None)
        self.active_btn.setEnabled(row is not None)
        self.active_btn.setText(self.tr("Reactivate") if row is not None and not row.active else self.tr("Deactivate"))

    def add(self) -> None:
        dialog = StaffEditDialog(None, self)
        if dialog.exec():
            self.save(None, dialog.name.text(), str(dialog.role.currentData()), dialog.email.text(),
                      dialog.languages.codes())

    def edit_selected(self) -> None:
        row = self.selected()
        if row is None:
            QMessageBox.information(self, self.title, self.tr("Select a staff member first."))
            return
        dialog = StaffEditDialog(row, self)
        if dialog.exec():
            self.save(row.id, dialog.name.text(), str(dialog.role.currentData()), dialog.email.text(),
                      dialog.languages.codes())

    def toggle_active(self) -> bool:
        """Deactivate the selected staff member (or reactivate an inactive one)."""
        row = self.selected()
        if row is None:
            return False
        done = run_op(self.ctx, roster_service.edit_staff, row.id, active=not row.active, parent=self,
                      title=self.title)
        if done is not None:
            self.ctx.status(self.tr("%1 is inactive; their history stays.").replace("%1", row.display_name)
                            if row.active else self.tr("%1 is active again.").replace("%1", row.display_name))
        self.refresh()
        return done is not None

    def save(self, staff_id: int | None, name: str, role: str, email: str, languages: list[str]) -> bool:
        """Add (``staff_id`` None) or change one staff member; False when refused."""
        parts = name.split()
        given, family = (" ".join(parts[:-1]), parts[-1]) if parts else ("", "")
        done: object
        if staff_id is None:
            done = run_op(self.ctx, roster_service.add_staff, given_name=given, family_name=family, role=role,
                          email=email, languages=languages, parent=self, title=self.title)
        else:
            done = run_op(self.ctx, roster_service.edit_staff, staff_id, given_name=given, family_name=family,
                          role=role, email=email, languages=languages, parent=self, title=self.title)
        self.refresh()
        return done is not None


class StaffDialog(QDialog):
    """The staff panel in a window (Conferences ▸ Staff languages…)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Staff and languages"))
        self.resize(760, 420)
        self.panel = StaffPanel(ctx, self)
        self.model = self.panel.model
        self.view = self.panel.view
        self.add_btn, self.edit_btn = self.panel.add_btn, self.panel.edit_btn
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(close)

    def refresh(self) -> None:
        self.panel.refresh()

    def selected(self) -> StaffRow | None:
        return self.panel.selected()

    def save(self, staff_id: int | None, name: str, role: str, email: str, languages: list[str]) -> bool:
        return self.panel.save(staff_id, name, role, email, languages)
