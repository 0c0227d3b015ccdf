"""A row of buttons that wraps onto a second line instead of forcing the window wider.

Toolbar rows (a class picker and a few buttons) laid out with ``QHBoxLayout`` make the
whole window as wide as the longest row: on a 1366x768 laptop, or in a window half the
screen wide, buttons were cut off or the window could not shrink. ``FlowLayout`` places
its items left to right and starts a new line when the next one does not fit (Qt's own
"Flow Layout" example). It accepts the ``QHBoxLayout`` calls the pages use
(``addWidget(w, stretch)``, ``addStretch()``, ``addSpacing()``) so a page switches with a
one-line change; stretch factors have no meaning when items wrap and are ignored.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QSpacerItem, QStyle, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # --- the QHBoxLayout calls pages make ------------------------------------------------

    def addWidget(self, widget: QWidget, stretch: int = 0,  # noqa: N802 - Qt's name
                  alignment: Qt.AlignmentFlag | None = None) -> None:
        super().addWidget(widget)

    def addStretch(self, stretch: int = 0) -> None:  # noqa: N802 - Qt's name
        """Kept for the QHBoxLayout call; a wrapping row has no slack to stretch into."""

    def addSpacing(self, size: int) -> None:  # noqa: N802 - Qt's name
        self.addItem(QSpacerItem(size, 1, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum))

    # --- QLayout ------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt's name
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt's name
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        # As wide as one line would be; the height follows heightForWidth.
        width = sum(i.sizeHint().width() for i in self._visible()) + self._gap() * max(0, len(self._visible()) - 1)
        height = max((i.sizeHint().height() for i in self._visible()), default=0)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt's name
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _visible(self) -> list[QLayoutItem]:
        shown = []
        for item in self._items:
            widget = item.widget()
            if widget is None or not widget.isHidden():
                shown.append(item)
        return shown

    def _gap(self) -> int:
        if self._spacing >= 0:
            return self._spacing
        parent = self.parentWidget()
        if parent is None:
            return 6
        return parent.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing)

    def _arrange(self, rect: QRect, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        gap = self._gap()
        lines: list[list[tuple[QLayoutItem, int]]] = [[]]  # (item, x) per line
        x = area.x()
        for item in self._visible():
            width = item.sizeHint().width()
            if lines[-1] and x + width > area.right() + 1:
                lines.append([])
                x = area.x()
            lines[-1].append((item, x))
            x += width + gap
        y = area.y()
        for line in lines:
            height = max((item.sizeHint().height() for item, _x in line), default=0)
            if apply:
                for item, left in line:
                    hint = item.sizeHint()
                    # Labels sit on the middle of the line of buttons, not at its top.
                    top = y + (height - hint.height()) // 2
                    item.setGeometry(QRect(QPoint(left, top), QSize(min(hint.width(), area.width()), hint.height())))
            y += height + (gap if line is not lines[-1] else 0)
        return y - rect.y() + margins.bottom()
