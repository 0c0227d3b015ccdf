"""Daily attendance for a class's students: a month of school days, with term totals.

P / A / T / E set present / absent / tardy / excused on the selected cells, Delete clears;
each change is saved at once (one transaction, audited). "Mark all present" fills the
chosen day for everyone not marked yet (absences already taken stay). Holidays and breaks
of the school year show as a grey "no school" column: not takeable and never counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.reports.gradebook_service import ATTENDANCE_STATUSES, StudentRow, attendance_totals

AnyIndex = QModelIndex | QPersistentModelIndex
KEYS = {Qt.Key.Key_P: "present", Qt.Key.Key_A: "absent", Qt.Key.Key_T: "tardy", Qt.Key.Key_E: "excused"}
COLORS = {"absent": QColor("#F8D7DA"), "tardy": QColor("#FFE5C2"), "excused": QColor("#E2E3E5")}
DAY_OFF_COLOR = QColor("#D6D8DB")
DAY_OFF_TEXT = "—"  # a day-off cell: no mark can be set there


def school_days(start: dt.date, end: dt.date) -> list[dt.date]:
    """Weekdays from ``start`` to ``end``; days off stay in the list and show as such."""
    from app.store.school_days import school_days as weekdays

    return weekdays(start, end)


class AttendanceModel(QAbstractTableModel):
    def __init__(self, save: Callable[[int, dt.date, str | None], None], parent: Any = None) -> None:
        super().__init__(parent)
        self._save = save
        self.students: list[StudentRow] = []
        self.days: list[dt.date] = []
        self.records: dict[int, dict[dt.date, str]] = {}
        self.days_off: dict[dt.date, str] = {}
        self._short = {s: s[:1].upper() for s in ATTENDANCE_STATUSES}
        self.refused: list[tuple[dt.date, str]] = []  # days off the last set_status skipped

    def set_data(self, students: list[StudentRow], days: list[dt.date], records: dict[int, dict[dt.date, str]],
                 days_off: dict[dt.date, str] | None = None) -> None:
        self.beginResetModel()
        self.students, self.days, self.records = students, days, records
        self.days_off = days_off or {}
        self.endResetModel()

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        day = self._day(index.column())
        if day is not None and day in self.days_off:
            return Qt.ItemFlag.ItemIsEnabled  # seen, not selectable: no attendance on a day off
        return super().flags(index)

    def status_titles(self) -> list[str]:
        return [self.tr("Present"), self.tr("Absent"), self.tr("Tardy"), self.tr("Excused")]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.students)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self.days) + len(ATTENDANCE_STATUSES)

    def _day(self, column: int) -> dt.date | None:
        i = column - 1
        return self.days[i] if 0 <= i < len(self.days) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        student = self.students[index.row()]
        column = index.column()
        day = self._day(column)
        if day is not None and day in self.days_off:
            return self._day_off_data(day, role)
        status = self.records.get(student.id, {}).get(day) if day else None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return student.name
            if day is not None:
                return self._short.get(status or "", "")
            totals = attendance_totals(self.records.get(student.id, {}), self.days_off)
            return str(totals[ATTENDANCE_STATUSES[column - 1 - len(self.days)]])
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and status in COLORS:
            return QBrush(COLORS[status])
        return None

    def _day_off_data(self, day: dt.date, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return DAY_OFF_TEXT
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(DAY_OFF_COLOR)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("No school: %1").replace("%1", self.days_off[day])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            day = self._day(section)
            return self.tr("No school: %1").replace("%1", self.days_off[day]) if day in self.days_off else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return self.tr("Student")
        day = self._day(section)
        if day is not None and day in self.days_off:
            return f"{QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)}\n{day.day}\n" + \
                self.tr("off")
        if day is not None:
            return f"{QLocale().dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)}\n{day.day}"
        return self.status_titles()[section - 1 - len(self.days)] + "\n" + self.tr("(term)")

    def set_status(self, indexes: list[QModelIndex], status: str | None) -> int:
        changed = 0
        self.refused = []
        for index in indexes:
            day = self._day(index.column())
            if day is None or not index.isValid():
                continue
            if day in self.days_off:
                if (day, self.days_off[day]) not in self.refused:
                    self.refused.append((day, self.days_off[day]))
                continue
            student = self.students[index.row()]
            if self.records.get(student.id, {}).get(day) == status:
                continue
            self._save(student.id, day, status)
            if status is None:
                self.records.setdefault(student.id, {}).pop(day, None)
            else:
                self.records.setdefault(student.id, {})[day] = status
            changed += 1
        if changed:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
        return changed


class AttendanceTable(QTableView):
    def __init__(self, on_day_off: Callable[[list[tuple[dt.date, str]]], None] | None = None) -> None:
        super().__init__()
        self._on_day_off = on_day_off  # told which days off a key press skipped

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = Qt.Key(event.key())
        model = self.model()
        if isinstance(model, AttendanceModel):
            targets = self.selectedIndexes() or [self.currentIndex()]
            if key in KEYS or key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                model.set_status(targets, KEYS.get(key))
                if model.refused and self._on_day_off is not None:
                    self._on_day_off(model.refused)
                return
        super().keyPressEvent(event)


class AttendanceTab(QWidget):
    """A month picker over the term and the attendance grid."""

    def __init__(self, save: Callable[[int, dt.date, str | None], None],
                 mark_all_present: Callable[[list[int], dt.date], int] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._mark_all = mark_all_present
        self.today = dt.date.today()
        self.model = AttendanceModel(save, self)
        self.table = AttendanceTable(self._say_no_school)
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setDefaultSectionSize(34)
        self.month = QComboBox()
        self.month.currentIndexChanged.connect(self._show_month)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 6, 0)  # the legend ends clear of the tab's frame
        top.addWidget(QLabel(self.tr("Month")))
        top.addWidget(self.month)
        self.all_present = QPushButton(self.tr("Mark all present"))
        self.all_present.setToolTip(self.tr(
            "Marks everyone present on the selected day (today if no day is selected); "
            "students already marked keep their mark."))
        self.all_present.clicked.connect(self.mark_all_present)
        self.all_present.setVisible(mark_all_present is not None)
        top.addWidget(self.all_present)
        legend = QLabel(self.tr("P present · A absent · T tardy · E excused · Delete clears"))
        legend.setWordWrap(True)  # the legend takes the free width (longer in Spanish), right-aligned
        legend.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(legend, 1)
        self.result = QLabel("")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.result)
        self._students: list[StudentRow] = []
        self._records: dict[int, dict[dt.date, str]] = {}
        self._days: list[dt.date] = []
        self._days_off: dict[dt.date, str] = {}

    def chosen_day(self) -> dt.date | None:
        """The day of the selected column, else today when today is on screen."""
        day = self.model._day(self.table.currentIndex().column()) if self.table.currentIndex().isValid() else None
        if day is not None:
            return day
        return self.today if self.today in self.model.days else None

    def _say_no_school(self, days: list[tuple[dt.date, str]]) -> None:
        text = "; ".join(f"{QLocale().toString(QDate(d.year, d.month, d.day), QLocale.FormatType.ShortFormat)} "
                         f"({name})" for d, name in days)
        self.result.setText(self.tr("No school on %1: attendance is not taken on a holiday or break.")
                            .replace("%1", text))

    def mark_all_present(self) -> None:
        day = self.chosen_day()
        if self._mark_all is None:
            return
        if day is None:
            self.result.setText(self.tr("Click a day's column first."))
            return
        if day in self.model.days_off:
            self._say_no_school([(day, self.model.days_off[day])])
            return
        ids = [s.id for s in self._students]
        marked = self._mark_all(ids, day)
        for sid in ids:
            self._records.setdefault(sid, {}).setdefault(day, "present")
        self.model.dataChanged.emit(self.model.index(0, 0),
                                    self.model.index(self.model.rowCount() - 1, self.model.columnCount() - 1))
        day_text = QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)
        self.result.setText(self.tr("%1: %2 marked present; %3 already had a mark.")
                            .replace("%1", day_text).replace("%2", str(marked))
                            .replace("%3", str(len(ids) - marked)))

    def load(self, students: list[StudentRow], start: dt.date, end: dt.date,
             records: dict[int, dict[dt.date, str]], today: dt.date,
             days_off: dict[dt.date, str] | None = None) -> None:
        self.today = today
        self._students, self._records = students, records
        self._days_off = days_off or {}
        self._days = school_days(start, end)
        months = sorted({(d.year, d.month) for d in self._days})
        self.month.blockSignals(True)
        self.month.clear()
        for year, month in months:
            self.month.addItem(QLocale().toString(QDate(year, month, 1), "MMMM yyyy"), (year, month))
        current = (today.year, today.month)
        self.month.setCurrentIndex(months.index(current) if current in months else max(0, len(months) - 1))
        self.month.blockSignals(False)
        self._show_month()

    def _show_month(self) -> None:
        chosen = self.month.currentData()
        days = [d for d in self._days if chosen and (d.year, d.month) == tuple(chosen)]
        self.model.set_data(self._students, days, self._records, self._days_off)
        self.table.setColumnWidth(0, 200)
        for column in range(1 + len(days), self.model.columnCount()):
            self.table.setColumnWidth(column, 64)
