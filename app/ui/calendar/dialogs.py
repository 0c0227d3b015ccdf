"""Dialogs of the Calendar page: one event (add/edit) and the .ics export choices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.scheduling.calendar_service import EventForm
from app.scheduling.counselor import CATEGORIES
from app.ui.common.date_field import DateField, first_unreadable
from app.ui.common.table_model import fold
from app.ui.common.time_field import TimeField

__all__ = ["EventDialog", "EventForm", "ExportChoice", "ExportDialog"]


def _date_format() -> str:
    """The locale's short date with a four-digit year (M/d/yyyy in the US)."""
    fmt = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    return fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy")


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class EventDialog(QDialog):
    def __init__(self, form: EventForm, students: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Event"))
        self.title = QLineEdit(form.title)
        self.title.setPlaceholderText(self.tr("e.g. Senior meeting, Lunch group, SAT"))
        self.category = QComboBox()
        from app.ui.calendar.labels import category_text

        for cat in CATEGORIES:
            self.category.addItem(category_text(cat.label), cat.key)
        self.category.setCurrentIndex(max(0, self.category.findData(form.category)))
        self.date = DateField(form.day)
        self.all_day = QCheckBox(self.tr("All day (test dates, deadlines)"))
        self.all_day.setChecked(form.all_day)
        self.start = TimeField(form.start)
        self.end = TimeField(form.end)
        times = QHBoxLayout()
        times.addWidget(self.start)
        times.addWidget(QLabel("–"))
        times.addWidget(self.end)
        self.weekly = QCheckBox(self.tr("Repeats every week until"))
        self.weekly.setChecked(form.weekly)
        self.until = DateField(form.until or form.day + dt.timedelta(weeks=10))
        repeat = QHBoxLayout()
        repeat.addWidget(self.weekly)
        repeat.addWidget(self.until)
        self.skip = QCheckBox(self.tr("Skip holidays and days off"))
        self.skip.setChecked(form.skip_days_off)
        self.reminder = QSpinBox()
        self.reminder.setRange(0, 60 * 24 * 30)
        self.reminder.setSingleStep(15)
        self.reminder.setSuffix(self.tr(" min before"))
        self.reminder.setSpecialValueText(self.tr("No reminder"))
        self.reminder.setValue(form.reminder_minutes)
        self.location = QLineEdit(form.location)
        self.student_search = QLineEdit()
        self.student_search.setPlaceholderText(self.tr("Search students…"))
        self.student_search.setClearButtonEnabled(True)
        self.student_search.textChanged.connect(self.filter_students)
        self.students = QListWidget()
        for sid, name in students:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, sid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if sid in form.student_ids else Qt.CheckState.Unchecked)
            self.students.addItem(item)
        self.students.setMinimumHeight(120)
        self.chosen = QLabel()
        self.students.itemChanged.connect(lambda _i: self._count_chosen())
        self._count_chosen()
        student_box = QVBoxLayout()
        student_box.addWidget(self.student_search)
        student_box.addWidget(self.students)
        student_box.addWidget(self.chosen)
        # Dates and times are typed as the user writes them (3/4, March 4, 3:30 PM in the US).
        layout = QFormLayout()
        layout.addRow(self.tr("Title"), self.title)
        layout.addRow(self.tr("Category"), self.category)
        layout.addRow(self.tr("Date"), self.date)
        layout.addRow("", self.all_day)
        layout.addRow(self.tr("Time"), times)
        layout.addRow(self.tr("Repeat"), repeat)
        layout.addRow("", self.skip)
        layout.addRow(self.tr("Reminder"), self.reminder)
        layout.addRow(self.tr("Location"), self.location)
        layout.addRow(self.tr("Students"), student_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(layout)
        outer.addWidget(buttons)

    def _accept(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        bad = first_unreadable([self.date] + ([self.until] if self.weekly.isChecked() else []))
        if bad is not None:
            QMessageBox.warning(self, self.windowTitle(), bad.error())
            return
        if not self.all_day.isChecked():
            for field in (self.start, self.end):
                if field.value() is None:
                    from PySide6.QtWidgets import QMessageBox

                    QMessageBox.warning(self, self.windowTitle(), self.tr(
                        "“{0}” is not a time; type it like {1}.").format(
                            field.currentText(), self.start.itemText(62)))
                    field.setFocus()
                    return
        self.accept()

    def filter_students(self, text: str) -> int:
        """Show only the students whose name has ``text`` (case and accents ignored);
        ticks stay. Returns how many are shown."""
        want = fold(text)
        shown = 0
        for i in range(self.students.count()):
            item = self.students.item(i)
            hide = bool(want) and want not in fold(item.text())
            item.setHidden(hide)
            shown += not hide
        return shown

    def _count_chosen(self) -> None:
        n = sum(1 for i in range(self.students.count())
                if self.students.item(i).checkState() == Qt.CheckState.Checked)
        self.chosen.setText(self.tr("{0} students chosen").format(n) if n else "")

    def form(self) -> EventForm:
        st, en = self.start.time(), self.end.time()
        ids = tuple(
            self.students.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.students.count())
            if self.students.item(i).checkState() == Qt.CheckState.Checked
        )
        return EventForm(
            title=self.title.text().strip() or self.category.currentText(),
            category=self.category.currentData(), day=_pydate(self.date.date()),
            start=dt.time(st.hour(), st.minute()), end=dt.time(en.hour(), en.minute()),
            all_day=self.all_day.isChecked(), weekly=self.weekly.isChecked(),
            until=_pydate(self.until.date()) if self.weekly.isChecked() else None,
            skip_days_off=self.skip.isChecked(), reminder_minutes=self.reminder.value(),
            location=self.location.text().strip(), student_ids=ids,
        )


@dataclass
class ExportChoice:
    kind: str
    ident: str
    start: dt.date | None
    end: dt.date | None
    full_names: bool


class ExportDialog(QDialog):
    """Whose calendar, which dates, and the privacy choice (initials unless ticked)."""

    def __init__(self, targets: dict[str, list[tuple[str, str]]], kind: str = "teacher",
                 ident: str = "", parent: QWidget | None = None, *, timezone: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export .ics"))
        self.targets = targets
        self.kind = QComboBox()
        self.labels = {"teacher": self.tr("Teacher"), "counselor": self.tr("Counselor (own calendar)"),
                       "class": self.tr("Class"), "room": self.tr("Room"), "student": self.tr("Student"),
                       "family": self.tr("Family")}
        for key in targets:
            self.kind.addItem(self.labels.get(key, key), key)
        self.who = QComboBox()
        self.kind.currentIndexChanged.connect(self._fill_who)
        if not targets.get(kind):  # e.g. no counselor yet: open on a calendar that exists
            kind = next((k for k in targets if targets[k]), kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self._fill_who()
        if ident:
            self.who.setCurrentIndex(max(0, self.who.findData(ident)))
        self.zone = QLabel(self.tr("Times are written in {0}, the school's time zone (change it in Settings)."
                                   ).format(timezone) if timezone else "")
        self.zone.setWordWrap(True)
        today = dt.date.today()
        self.start = DateField(today - dt.timedelta(days=7))
        self.end = DateField(today + dt.timedelta(days=300))
        self.full_names = QCheckBox(self.tr("Show students' full names"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.full_names.toggled.connect(self._update_note)
        self.kind.currentIndexChanged.connect(self._update_note)
        self._update_note()
        form = QFormLayout()
        form.addRow(self.tr("Calendar of"), self.kind)
        form.addRow("", self.who)
        form.addRow(self.tr("From"), self.start)
        form.addRow(self.tr("To"), self.end)
        form.addRow("", self.full_names)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addWidget(self.zone)
        outer.addWidget(self.note)
        outer.addWidget(self.buttons)
        self._fill_who()

    def save_button(self) -> QPushButton | None:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def accept(self) -> None:
        if first_unreadable([self.start, self.end]) is None:
            super().accept()

    def _fill_who(self) -> None:
        self.who.clear()
        entries = self.targets.get(self.kind.currentData(), [])
        for ident, label in entries:
            self.who.addItem(label, ident)
        self.who.setEnabled(bool(entries))
        if not entries:
            what = self.labels.get(self.kind.currentData(), "").split(" (")[0].lower()
            self.who.addItem(self.tr("No {0} in this workspace yet").format(what), None)
        save = self.save_button() if hasattr(self, "buttons") else None
        if save is not None:
            save.setEnabled(bool(entries))
            save.setToolTip("" if entries else self.tr(
                "Add one first (Conferences ▸ Staff languages…, or 'teacherdesk staff add --role counselor')."))

    def _update_note(self) -> None:
        if self.full_names.isChecked():
            self.note.setText(self.tr("Full names will be in the file. Share it only with people "
                                      "allowed to see these students' records."))
        elif self.kind.currentData() == "counselor":
            self.note.setText(self.tr("Your own calendar shows full names; student meetings are marked "
                                      "private."))
        else:
            self.note.setText(self.tr("Students appear as initials only and every event is marked private."))

    def choice(self) -> ExportChoice:
        kind = self.kind.currentData()
        full = self.full_names.isChecked()
        return ExportChoice(kind, str(self.who.currentData() or ""), _pydate(self.start.date()),
                            _pydate(self.end.date()), full)
