"""A time box people can type into ("3:30 pm", "15:30", "3pm") or pick from a list of
quarter hours, shown in the locale's format (12-hour in the US)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QComboBox, QWidget

from app.ui.common.locale_format import parse_time, time_text


class TimeField(QComboBox):
    def __init__(self, value: dt.time, parent: QWidget | None = None, *, step_minutes: int = 15) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(16)
        for minutes in range(0, 24 * 60, step_minutes):
            t = dt.time(minutes // 60, minutes % 60)
            self.addItem(time_text(t), t)
        self._last = value
        self.set_value(value)
        line = self.lineEdit()
        if line is not None:
            line.editingFinished.connect(self._normalise)

    def value(self) -> dt.time | None:
        """The time typed or picked, or None when the text is not a time."""
        return parse_time(self.currentText())

    def set_value(self, value: dt.time) -> None:
        self._last = value
        self.setEditText(time_text(value))

    def _normalise(self) -> None:
        parsed = self.value()
        if parsed is not None:
            self.set_value(parsed)

    # QTimeEdit-compatible, so dialogs can read either.
    def time(self) -> QTime:
        t = self.value() or self._last
        return QTime(t.hour, t.minute)

    def setTime(self, value: QTime) -> None:  # noqa: N802 - Qt's name
        self.set_value(dt.time(value.hour(), value.minute()))
