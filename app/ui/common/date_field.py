"""A date box people can type into ("3/4", "March 4", "4 de marzo", "2026-03-04",
"tomorrow") or pick from a calendar; under it, what was understood ("Wednesday, March 4,
2026") or, in red, why the text cannot be read.

Reading is app.core.datetext in the user's locale (QLocale's name), so the CLI and the
app understand the same forms. The API follows QDateEdit (date, setDate, dateChanged)
so dialogs can swap one for the other; ``error()`` says whether the text is a date.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from app.core.datetext import DateTextError, babel_locale, date_words, parse_date


def _locale_name() -> str:
    return QLocale().name()


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class DateField(QWidget):
    dateChanged = Signal(QDate)  # noqa: N815 - QDateEdit's name

    def __init__(self, value: dt.date | QDate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("e.g. %1").replace("%1", self._format(dt.date(2026, 3, 4))))
        self.edit.setToolTip(self.tr("Type a date as you write it (3/4, March 4, 2026-03-04, tomorrow) "
                                     "or pick it from the calendar."))
        self.pick = QToolButton()
        self.pick.setText("▾")
        self.pick.setToolTip(self.tr("Pick from a calendar"))
        self.pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        menu = QMenu(self.pick)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.pick.setMenu(menu)
        self.calendar.clicked.connect(self._picked)
        self.understood = QLabel()
        self.understood.setObjectName("date-understood")
        self.understood.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.edit, 1)
        row.addWidget(self.pick)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addLayout(row)
        layout.addWidget(self.understood)
        self._value: dt.date | None = None
        self._error = ""
        self.edit.textEdited.connect(self._read)
        self.edit.editingFinished.connect(self._normalise)
        self.set_value(_pydate(value) if isinstance(value, QDate) else value or dt.date.today())

    # --- reading ------------------------------------------------------------------------

    @staticmethod
    def _format(day: dt.date) -> str:
        """The locale's medium date ("Mar 4, 2026", "4 mar 2026"): never ambiguous, and read back."""
        from babel.dates import format_date

        try:
            return format_date(day, "medium", locale=babel_locale(_locale_name()))
        except (ValueError, LookupError):
            return day.isoformat()

    def _read(self, text: str) -> None:
        try:
            day = parse_date(text, _locale_name())
        except DateTextError as exc:
            self._error = str(exc)
            self.understood.setStyleSheet("color: #B00020;")
            self.understood.setText(self._error)
            return
        self._error = ""
        self.understood.setStyleSheet("color: palette(mid);")
        self.understood.setText(date_words(day, _locale_name()))
        if day != self._value:
            self._value = day
            self.calendar.setSelectedDate(_qdate(day))
            self.dateChanged.emit(_qdate(day))

    def _normalise(self) -> None:
        if not self._error and self._value is not None:
            self.edit.setText(self._format(self._value))

    def _picked(self, q: QDate) -> None:
        self.set_value(_pydate(q))
        menu = self.pick.menu()
        if menu is not None:
            menu.hide()

    # --- values -------------------------------------------------------------------------

    def value(self) -> dt.date | None:
        """The date typed or picked, or None while the text is not a date."""
        return None if self._error else self._value

    def error(self) -> str:
        """Why the text is not a date ('' when it is)."""
        return self._error

    def set_value(self, day: dt.date) -> None:
        self.edit.setText(self._format(day))
        self._read(self.edit.text())
        if self._value != day:  # the locale's format did not read back: keep the value anyway
            self.edit.setText(day.isoformat())
            self._read(day.isoformat())

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 - like QLineEdit, as if typed
        self.edit.setText(text)
        self._read(text)

    # QDateEdit-compatible, so dialogs and tests can use either.
    def date(self) -> QDate:
        return _qdate(self._value) if self._value and not self._error else QDate()

    def setDate(self, value: QDate) -> None:  # noqa: N802 - Qt's name
        self.set_value(_pydate(value))

    def setCalendarPopup(self, _on: bool) -> None:  # noqa: N802 - Qt's name; the calendar is always there
        pass


def first_unreadable(fields: list[DateField]) -> DateField | None:
    """The first field whose text is not a date (focus it and say its error), or None."""
    for field in fields:
        if field.isEnabled() and field.error():
            field.edit.setFocus()
            return field
    return None
