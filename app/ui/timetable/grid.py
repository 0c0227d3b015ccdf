"""The timetable grid: days × periods for one class, teacher or room, with drag and drop.

The model holds plain data (cells of :class:`CellLesson` and the set of conflicting
activity ids) and never touches the store; a drop only emits ``moved`` and the page
decides what happens.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.scheduling.timetable.views import CellLesson, cell_text

MIME = "application/x-teacherdesk-lessons"
AnyIndex = QModelIndex | QPersistentModelIndex

HARD = QColor("#f4c7c3")
SOFT = QColor("#fde9b5")
LOCKED = QColor("#d6e4f5")
LESSON = QColor("#e8f3e6")


class TimetableGridModel(QAbstractTableModel):
    """Rows are periods, columns are days; a cell lists the lessons in it."""

    moved = Signal(list, int, int)  # activity ids, day offset, hour offset

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.days: list[str] = []
        self.hours: list[str] = []
        self.cells: list[list[list[CellLesson]]] = []
        self.kind = "class"
        self.hard_ids: set[int] = set()
        self.soft_ids: set[int] = set()
        self.messages: dict[int, list[str]] = {}

    def set_grid(self, days: list[str], hours: list[str], cells: list[list[list[CellLesson]]], kind: str,
                 hard_ids: set[int], soft_ids: set[int], messages: dict[int, list[str]]) -> None:
        self.beginResetModel()
        self.days, self.hours, self.cells, self.kind = days, hours, cells, kind
        self.hard_ids, self.soft_ids, self.messages = hard_ids, soft_ids, messages
        self.endResetModel()

    def lessons_at(self, index: AnyIndex) -> list[CellLesson]:
        if not index.isValid() or index.row() >= len(self.cells):
            return []
        return self.cells[index.row()][index.column()]

    # -- model ------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.hours)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.days)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.days[section] if section < len(self.days) else None
        return self.hours[section] if section < len(self.hours) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        lessons = self.lessons_at(index)
        if role == Qt.ItemDataRole.DisplayRole:
            locked = "\n[" + self.tr("locked") + "]"
            return "\n—\n".join(cell_text(c, self.kind) + (locked if c.locked and c.first else "")
                                for c in lessons)
        if role == Qt.ItemDataRole.BackgroundRole and lessons:
            ids = {c.activity_id for c in lessons}
            if ids & self.hard_ids:
                return HARD
            if ids & self.soft_ids:
                return SOFT
            if any(c.locked for c in lessons):
                return LOCKED
            return LESSON
        if role == Qt.ItemDataRole.ToolTipRole and lessons:
            notes = [m for c in lessons for m in self.messages.get(c.activity_id, [])]
            return "\n".join(dict.fromkeys(notes)) or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    # -- drag and drop ----------------------------------------------------------------
    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
        if self.lessons_at(index):
            base |= Qt.ItemFlag.ItemIsDragEnabled
        return base

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]  # noqa: N802
        mime = QMimeData()
        if indexes:
            index = indexes[0]
            ids = [c.activity_id for c in self.lessons_at(index)]
            payload = {"ids": ids, "day": index.column(), "hour": index.row()}
            mime.setData(MIME, json.dumps(payload).encode())
        return mime

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                        parent: AnyIndex) -> bool:
        return data.hasFormat(MIME)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: AnyIndex) -> bool:
        if not data.hasFormat(MIME):
            return False
        target = parent if parent.isValid() else self.index(row, column)
        if not target.isValid():
            return False
        payload = json.loads(bytes(data.data(MIME).data()).decode())
        self.moved.emit(list(payload["ids"]), target.column() - payload["day"], target.row() - payload["hour"])
        # The page rebuilds the grid itself; tell the view not to remove anything.
        return False


class TimetableGridView(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setMinimumSectionSize(58)
