"""A painted week view: seven day columns, hour rows, events as boxes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate, QLocale, QPointF, QRectF, QSize, Qt, QTime, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

COLORS = {"direct": "#cfe3ff", "indirect": "#d9f2d0", "other": "#f4e3c1", "day_off": "#eeeeee"}


@dataclass(frozen=True)
class WeekItem:
    day: dt.date
    start: dt.time | None  # None: all day
    end: dt.time | None
    title: str
    kind: str  # direct|indirect|other|day_off
    event_id: int | None = None  # None: a lesson, a meeting or a day off (not editable here)


class WeekView(QWidget):
    """Double-clicking an empty spot asks for a new event there (``new_event_at``: the
    day and the half hour clicked, or None for the all-day row)."""

    first_hour = 7
    last_hour = 18
    LEFT, TOP, ALLDAY = 66.0, 24.0, 22.0
    new_event_at = Signal(object, object)  # dt.date, dt.time | None
    item_activated = Signal(object)  # WeekItem

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

    def _geometry(self) -> tuple[float, float]:
        """Column width and hour height for the current size."""
        col = (self.width() - self.LEFT) / 7
        row = (self.height() - self.TOP - self.ALLDAY) / max(1, self.last_hour - self.first_hour)
        return col, row

    def _rect(self, item: WeekItem) -> QRectF | None:
        col, row = self._geometry()
        i = (item.day - self.monday).days
        if not 0 <= i < 7:
            return None
        x = self.LEFT + i * col + 2
        if item.start is None or item.end is None:
            return QRectF(x, self.TOP + 1, col - 4, self.ALLDAY - 2)
        y0 = self.TOP + self.ALLDAY + (item.start.hour + item.start.minute / 60 - self.first_hour) * row
        y1 = self.TOP + self.ALLDAY + (item.end.hour + item.end.minute / 60 - self.first_hour) * row
        return QRectF(x, max(self.TOP + self.ALLDAY, y0), col - 4, max(14.0, y1 - y0))

    def slot_at(self, pos: QPointF) -> tuple[dt.date, dt.time | None] | None:
        """The day and half hour under ``pos`` (None for the time: the all-day row)."""
        col, row = self._geometry()
        if pos.x() < self.LEFT or pos.y() < self.TOP:
            return None
        i = int((pos.x() - self.LEFT) // col)
        if not 0 <= i < 7:
            return None
        day = self.monday + dt.timedelta(days=i)
        if pos.y() < self.TOP + self.ALLDAY:
            return day, None
        hours = self.first_hour + (pos.y() - self.TOP - self.ALLDAY) / row
        half = int(hours * 2)
        if not self.first_hour * 2 <= half < self.last_hour * 2:
            return None
        return day, dt.time(half // 2, 30 * (half % 2))

    def item_at(self, pos: QPointF) -> WeekItem | None:
        for item in reversed(self.items):
            rect = self._rect(item)
            if rect is not None and rect.contains(pos):
                return item
        return None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        item = self.item_at(pos)
        if item is not None:
            self.item_activated.emit(item)
            return
        slot = self.slot_at(pos)
        if slot is not None:
            self.new_event_at.emit(slot[0], slot[1])

    def paintEvent(self, event: QPaintEvent) -> None:
        loc = QLocale()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = self.width(), self.height()
        left, top, allday = self.LEFT, self.TOP, self.ALLDAY
        col, row = self._geometry()
        hours = self.last_hour - self.first_hour
        pal = self.palette()
        p.fillRect(self.rect(), pal.base())
        p.setPen(QPen(pal.text().color()))
        for i in range(7):
            day = self.monday + dt.timedelta(days=i)
            qday = QDate(day.year, day.month, day.day)
            label = f"{loc.dayName(qday.dayOfWeek(), QLocale.FormatType.ShortFormat)} {day.day}"
            p.drawText(QRectF(left + i * col, 0, col, top), Qt.AlignmentFlag.AlignCenter, label)
        grid = QPen(QColor("#cccccc"))
        for hr in range(hours + 1):
            y = top + allday + hr * row
            p.setPen(grid)
            p.drawLine(int(left), int(y), w, int(y))
            p.setPen(QPen(pal.text().color()))
            label = loc.toString(QTime((self.first_hour + hr) % 24, 0), QLocale.FormatType.ShortFormat)
            p.drawText(QRectF(0, y - 8, left - 4, 16), Qt.AlignmentFlag.AlignRight, label)
        p.setPen(grid)
        for i in range(8):
            x = left + i * col
            p.drawLine(int(x), int(top), int(x), h)
        for item in self.items:
            rect = self._rect(item)
            if rect is None:
                continue
            p.setPen(QPen(QColor("#7a8aa0")))
            p.setBrush(QColor(COLORS.get(item.kind, "#eeeeee")))
            p.drawRoundedRect(rect, 3, 3)
            p.setPen(QPen(QColor("#111111")))
            text = item.title if item.start is None else (
                f"{loc.toString(QTime(item.start.hour, item.start.minute), QLocale.FormatType.ShortFormat)} "
                f"{item.title}")
            p.drawText(rect.adjusted(3, 1, -2, -1), Qt.TextFlag.TextWordWrap, text)
        p.end()
