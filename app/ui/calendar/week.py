"""A painted week view: seven day columns, hour rows, events as boxes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

COLORS = {"direct": "#cfe3ff", "indirect": "#d9f2d0", "other": "#f4e3c1", "day_off": "#eeeeee"}


@dataclass(frozen=True)
class WeekItem:
    day: dt.date
    start: dt.time | None  # None: all day
    end: dt.time | None
    title: str
    kind: str  # direct|indirect|other|day_off


class WeekView(QWidget):
    first_hour = 7
    last_hour = 18

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
        self.items: list[WeekItem] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(800, 560)

    def set_week(self, monday: dt.date, items: list[WeekItem]) -> None:
        self.monday = monday
        self.items = items
        ends = [i.end.hour + (1 if i.end.minute else 0) for i in items
                if i.end is not None and 0 <= (i.day - monday).days < 7]
        starts = [i.start.hour for i in items if i.start is not None and 0 <= (i.day - monday).days < 7]
        self.last_hour = max([18, *ends])
        self.first_hour = min([7, *starts])
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        from babel.dates import format_date

        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        left, top, allday = 48.0, 24.0, 22.0
        col = (w - left) / 7
        hours = self.last_hour - self.first_hour
        row = (h - top - allday) / hours
        pal = self.palette()
        p.fillRect(self.rect(), pal.base())
        p.setPen(QPen(pal.text().color()))
        for i in range(7):
            day = self.monday + dt.timedelta(days=i)
            label = format_date(day, "EEE d MMM", locale="en")
            p.drawText(QRectF(left + i * col, 0, col, top), Qt.AlignmentFlag.AlignCenter, label)
        grid = QPen(QColor("#cccccc"))
        for hr in range(hours + 1):
            y = top + allday + hr * row
            p.setPen(grid)
            p.drawLine(int(left), int(y), w, int(y))
            p.setPen(QPen(pal.text().color()))
            p.drawText(QRectF(0, y - 8, left - 4, 16), Qt.AlignmentFlag.AlignRight, f"{self.first_hour + hr}:00")
        p.setPen(grid)
        for i in range(8):
            x = left + i * col
            p.drawLine(int(x), int(top), int(x), h)
        for item in self.items:
            i = (item.day - self.monday).days
            if not 0 <= i < 7:
                continue
            x = left + i * col + 2
            if item.start is None or item.end is None:
                rect = QRectF(x, top + 1, col - 4, allday - 2)
            else:
                y0 = top + allday + (item.start.hour + item.start.minute / 60 - self.first_hour) * row
                y1 = top + allday + (item.end.hour + item.end.minute / 60 - self.first_hour) * row
                rect = QRectF(x, max(top + allday, y0), col - 4, max(14.0, y1 - y0))
            p.setPen(QPen(QColor("#7a8aa0")))
            p.setBrush(QColor(COLORS.get(item.kind, "#eeeeee")))
            p.drawRoundedRect(rect, 3, 3)
            p.setPen(QPen(QColor("#111111")))
            text = item.title if item.start is None else f"{item.start:%H:%M} {item.title}"
            p.drawText(rect.adjusted(3, 1, -2, -1), Qt.TextFlag.TextWordWrap, text)
        p.end()
