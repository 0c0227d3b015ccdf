"""Dialogs of the Conferences page: a conference day's setup and moving one meeting."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.scheduling.conference_service import DayForm
from app.ui.common.date_field import DateField, first_unreadable
from app.ui.common.language_picker import LanguagePicker
from app.ui.common.locale_format import time_text
from app.ui.common.time_field import TimeField

__all__ = ["DayDialog", "DayForm", "InterpreterDialog", "MoveDialog", "TimesDialog"]


def _t(value: dt.time) -> QTime:
    return QTime(value.hour, value.minute)


def _py(value: QTime) -> dt.time:
    return dt.time(value.hour(), value.minute())


class DayDialog(QDialog):
    def __init__(self, form: DayForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Conference day"))
        self.label = QLineEdit(form.label)
        self.date = DateField(form.date)
        self.start, self.end = TimeField(form.start), TimeField(form.end)
        self.slot = QSpinBox()
        self.slot.setRange(5, 60)
        self.slot.setValue(form.slot_minutes)
        self.slot.setSuffix(self.tr(" min"))
        self.passing = QSpinBox()
        self.passing.setRange(0, 30)
        self.passing.setValue(form.passing_minutes)
        self.passing.setSuffix(self.tr(" min"))
        self.break_start = TimeField(form.break_start or dt.time(0))
        self.break_end = TimeField(form.break_end or dt.time(0))
        self.max_run = QSpinBox()
        self.max_run.setRange(1, 40)
        self.max_run.setValue(form.max_consecutive)
        self.walk = QSpinBox()
        self.walk.setRange(0, 30)
        self.walk.setValue(form.walk_minutes)
        self.walk.setSuffix(self.tr(" min"))
        window = QHBoxLayout()
        window.addWidget(self.start)
        window.addWidget(QLabel("–"))
        window.addWidget(self.end)
        brk = QHBoxLayout()
        brk.addWidget(self.break_start)
        brk.addWidget(QLabel("–"))
        brk.addWidget(self.break_end)
        layout = QFormLayout()
        layout.addRow(self.tr("Name"), self.label)
        layout.addRow(self.tr("Date"), self.date)
        layout.addRow(self.tr("Time window"), window)
        layout.addRow(self.tr("Meeting length"), self.slot)
        layout.addRow(self.tr("Passing time"), self.passing)
        layout.addRow(self.tr("Break (same start and end: none)"), brk)
        layout.addRow(self.tr("Most meetings in a row"), self.max_run)
        layout.addRow(self.tr("Walking time between rooms"), self.walk)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(layout)
        outer.addWidget(buttons)

    def problem(self) -> str:
        """Why the typed date or a time cannot be read ('' when all can)."""
        bad = first_unreadable([self.date])
        if bad is not None:
            return bad.error()
        for field in (self.start, self.end, self.break_start, self.break_end):
            if field.value() is None:
                field.setFocus()
                return self.tr("“%1” is not a time; type it like %2.").replace("%1", field.currentText()) \
                    .replace("%2", time_text(dt.time(15, 30)))
        return ""

    def _accept(self) -> None:
        problem = self.problem()
        if problem:
            QMessageBox.warning(self, self.windowTitle(), problem)
            return
        self.accept()

    def form(self) -> DayForm:
        q = self.date.date()
        bs, be = _py(self.break_start.time()), _py(self.break_end.time())
        return DayForm(
            label=self.label.text().strip() or self.tr("Conferences"), date=dt.date(q.year(), q.month(), q.day()),
            start=_py(self.start.time()), end=_py(self.end.time()), slot_minutes=self.slot.value(),
            passing_minutes=self.passing.value(), break_start=bs if be > bs else None,
            break_end=be if be > bs else None, max_consecutive=self.max_run.value(),
            walk_minutes=self.walk.value(),
        )


class MoveDialog(QDialog):
    """Pick a day and slot for one meeting."""

    def __init__(self, choices: list[tuple[int, int, str]], current: tuple[int, int] | None,
                 title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Move meeting"))
        self.slot = QComboBox()
        for day_id, slot, label in choices:
            self.slot.addItem(label, (day_id, slot))
        if current is not None:
            self.slot.setCurrentIndex(max(0, self.slot.findData(current)))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(title))
        layout.addWidget(self.slot)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def target(self) -> tuple[int, int]:
        day_id, slot = self.slot.currentData()
        return int(day_id), int(slot)


class TimesDialog(QDialog):
    """Pick a person (teacher or family) and a from–to time (teacher away / family window)."""

    def __init__(self, title: str, people: list[tuple[int, str]], start: dt.time, end: dt.time,
                 allow_open: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.person = QComboBox()
        for pid, label in people:
            self.person.addItem(label, pid)
        self.start, self.end = QTimeEdit(_t(start)), QTimeEdit(_t(end))
        self.allow_open = allow_open
        form = QFormLayout()
        form.addRow(self.tr("Who"), self.person)
        form.addRow(self.tr("From"), self.start)
        form.addRow(self.tr("To"), self.end)
        if allow_open:
            form.addRow("", QLabel(self.tr("Leave 00:00 for no limit.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addWidget(buttons)

    def values(self) -> tuple[int, dt.time | None, dt.time | None]:
        a, b = _py(self.start.time()), _py(self.end.time())
        if self.allow_open:
            return int(self.person.currentData()), (a if a != dt.time(0) else None), (b if b != dt.time(0) else None)
        return int(self.person.currentData()), a, b


class InterpreterDialog(QDialog):
    def __init__(self, existing: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Interpreters"))
        self.name = QLineEdit()
        self.language = LanguagePicker()
        form = QFormLayout()
        form.addRow(self.tr("Already booked"), QLabel("\n".join(existing) or self.tr("none yet")))
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Language"), self.language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addWidget(buttons)
