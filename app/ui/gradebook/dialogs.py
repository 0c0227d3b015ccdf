"""Dialogs of the gradebook: an assignment, and a class's categories and grading policy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.reports.gradebook import AssignmentDef, CategoryDef
from app.reports.policy import GradingPolicy


@dataclass
class AssignmentForm:
    title: str
    points_possible: float
    category_id: int | None
    due_date: dt.date | None
    extra_credit: bool


class AssignmentDialog(QDialog):
    def __init__(self, categories: list[CategoryDef], existing: AssignmentDef | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit assignment") if existing else self.tr("New assignment"))
        self.title = QLineEdit(existing.title if existing else "")
        self.points = QDoubleSpinBox()
        self.points.setRange(0, 10_000)
        self.points.setDecimals(1)
        self.points.setValue(existing.points_possible if existing else 10)
        self.category = QComboBox()
        self.category.addItem(self.tr("(none)"), None)
        for c in categories:
            self.category.addItem(c.name, c.id)
        if existing and existing.category_id is not None:
            self.category.setCurrentIndex(max(0, self.category.findData(existing.category_id)))
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        day = existing.due_date if existing and existing.due_date else dt.date.today()
        self.due.setDate(QDate(day.year, day.month, day.day))
        self.extra = QCheckBox(self.tr("Extra credit (adds points, never lowers a grade)"))
        self.extra.setChecked(bool(existing and existing.extra_credit))
        form = QFormLayout(self)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Points possible"), self.points)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Due date"), self.due)
        form.addRow("", self.extra)
        if existing and existing.origin == "omr":
            form.addRow("", QLabel(self.tr("Scores come from a scanned bubble-sheet exam.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _accept(self) -> None:
        if not self.title.text().strip():
            self.title.setFocus()
            self.title.setPlaceholderText(self.tr("A title is needed"))
            return
        self.accept()

    def form(self) -> AssignmentForm:
        q = self.due.date()
        return AssignmentForm(
            self.title.text().strip(), self.points.value(), self.category.currentData(),
            dt.date(q.year(), q.month(), q.day()), self.extra.isChecked(),
        )


@dataclass
class CategoryForm:
    id: int | None
    name: str
    weight: float
    drop_lowest: int


class CategoriesDialog(QDialog):
    """A class's categories (weight %, drop lowest N) and its grading policy."""

    def __init__(self, categories: list[CategoryDef], policy: GradingPolicy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Categories and grading policy"))
        self.resize(560, 460)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Category"), self.tr("Weight %"), self.tr("Drop lowest")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self._ids: list[int | None] = []
        for c in categories:
            self._add_row(c.id, c.name, c.weight, c.drop_lowest)
        add = QPushButton(self.tr("Add category"))
        add.clicked.connect(lambda: self._add_row(None, "", 0.0, 0))
        self.total = QLabel()
        self.table.itemChanged.connect(self._update_total)
        self.mode = QComboBox()
        self.mode.addItem(self.tr("Weighted categories"), "weighted")
        self.mode.addItem(self.tr("Total points"), "points")
        self.mode.setCurrentIndex(max(0, self.mode.findData(policy.mode)))
        self.missing = QComboBox()
        self.missing.addItem(self.tr("Missing work counts as zero"), "zero")
        self.missing.addItem(self.tr("Missing work is left out until turned in"), "exclude")
        self.missing.setCurrentIndex(max(0, self.missing.findData(policy.missing)))
        self.late = QDoubleSpinBox()
        self.late.setRange(0, 100)
        self.late.setSuffix(" %")
        self.late.setValue(policy.late_penalty_percent)
        self.scale = QLineEdit(format_scale(policy.scale))
        self.scale.setCursorPosition(0)
        self.scale.setToolTip(self.tr("Letters and the lowest percent for each, e.g. A 90, B 80, C 70, D 60, F 0"))
        self.scale_error = QLabel("")
        self.scale_error.setStyleSheet("color: #8a1c1c;")
        self.standards = QCheckBox(self.tr("Standards-based marks (1–4) instead of letters"))
        self.standards.setChecked(policy.standards_based)
        self._policy = policy
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(add)
        layout.addWidget(self.total)
        form = QFormLayout()
        form.addRow(self.tr("Grade from"), self.mode)
        form.addRow(self.tr("Missing work"), self.missing)
        form.addRow(self.tr("Late penalty (of points possible)"), self.late)
        form.addRow(self.tr("Grading scale"), self.scale)
        form.addRow("", self.scale_error)
        form.addRow("", self.standards)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._update_total()

    def _accept(self) -> None:
        try:
            parse_scale(self.scale.text())
        except ValueError as exc:
            self.scale_error.setText(str(exc))
            self.scale.setFocus()
            return
        self.accept()

    def _add_row(self, cid: int | None, name: str, weight: float, drop: int) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._ids.append(cid)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        weight_box = QDoubleSpinBox()
        weight_box.setRange(0, 100)
        weight_box.setValue(weight)
        weight_box.valueChanged.connect(self._update_total)
        self.table.setCellWidget(row, 1, weight_box)
        drop_box = QSpinBox()
        drop_box.setRange(0, 20)
        drop_box.setValue(drop)
        self.table.setCellWidget(row, 2, drop_box)

    def _update_total(self, *_args: object) -> None:
        total = sum(f.weight for f in self.categories())
        self.total.setText(self.tr("Weights add up to %1 %").replace("%1", f"{total:g}")
                           + ("" if abs(total - 100) < 0.01 else "  " + self.tr("(grades are rescaled to the weights used)")))

    def categories(self) -> list[CategoryForm]:
        out = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            name = item.text().strip() if item else ""
            if not name:
                continue
            weight = self.table.cellWidget(row, 1)
            drop = self.table.cellWidget(row, 2)
            assert isinstance(weight, QDoubleSpinBox) and isinstance(drop, QSpinBox)
            out.append(CategoryForm(self._ids[row], name, weight.value(), drop.value()))
        return out

    def policy(self) -> GradingPolicy:
        data = self._policy.to_json()
        data.update(mode=self.mode.currentData(), missing=self.missing.currentData(),
                    late_penalty_percent=self.late.value(), standards_based=self.standards.isChecked(),
                    scale=[list(pair) for pair in parse_scale(self.scale.text())])
        return GradingPolicy.from_json(data)


def format_scale(scale: list[tuple[str, float]]) -> str:
    return ", ".join(f"{letter} {cut:g}" for letter, cut in scale)


def parse_scale(text: str) -> list[tuple[str, float]]:
    """'A 90, B 80, C 70, D 60, F 0' -> [('A', 90.0), ...]; raises ValueError with the bad part."""
    from PySide6.QtCore import QCoreApplication

    out = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        letter, _, number = part.rpartition(" ")
        try:
            cut = float(number.replace("%", ""))
        except ValueError:
            raise ValueError(QCoreApplication.translate("CategoriesDialog", "'%1': write a letter and its lowest percent, like 'B+ 87'")
                             .replace("%1", part)) from None
        if not letter.strip() or not 0 <= cut <= 100:
            raise ValueError(QCoreApplication.translate("CategoriesDialog", "'%1': write a letter and its lowest percent, like 'B+ 87'")
                             .replace("%1", part))
        out.append((letter.strip(), cut))
    if not out:
        raise ValueError(QCoreApplication.translate("CategoriesDialog", "the scale needs at least one letter"))
    if min(cut for _l, cut in out) > 0:
        raise ValueError(QCoreApplication.translate("CategoriesDialog", "the lowest letter needs 0 so every grade gets one (e.g. 'F 0')"))
    return out
