"""A spreadsheet-like table for fast grade entry.

Typing a number starts editing the cell; Enter saves and moves down, Tab saves and moves
right. Without editing, M / L / X / I toggle missing / late / excused / incomplete on
the selected cells and, on a single cell, move down like Enter; Delete clears them,
Ctrl+V pastes a column (or block) copied from a spreadsheet, Ctrl+C copies the
selection as tab-separated text, Ctrl+Z undoes the last edit. A right-click offers the
flags and the score's note; a cell with a note shows a corner mark.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QKeySequence, QPainter, QPolygon
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from app.ui.gradebook.model import NOTE_ROLE

FLAG_KEYS = {
    Qt.Key.Key_M: "missing",
    Qt.Key.Key_L: "late",
    Qt.Key.Key_X: "excused",
    Qt.Key.Key_I: "incomplete",
}


class NoteCornerDelegate(QStyledItemDelegate):
    """Draws a small triangle in the top-right corner of a cell that has a note."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        super().paint(painter, option, index)
        if not index.data(NOTE_ROLE):
            return
        rect = option.rect  # type: ignore[attr-defined]
        size = 7
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#1F6FB2"))
        painter.drawPolygon(QPolygon([QPoint(rect.right() - size, rect.top()), QPoint(rect.right(), rect.top()),
                                      QPoint(rect.right(), rect.top() + size)]))
        painter.restore()


class GradeTable(QTableView):
    message = Signal(str)
    undo_requested = Signal()
    note_requested = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(24)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(78)
        header.setMinimumSectionSize(48)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setItemDelegate(NoteCornerDelegate(self))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)

    def model_(self) -> Any:
        return self.model()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing:
            if event.matches(QKeySequence.StandardKey.Undo):
                self.undo_requested.emit()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy()
                return
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            key = Qt.Key(event.key())
            if key in FLAG_KEYS and mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
                targets = self.selectedIndexes() or [self.currentIndex()]
                self.model_().toggle(targets, FLAG_KEYS[key])
                if len(targets) <= 1:
                    self._move(1, 0)  # a flag is an entry like a score: on to the next student
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.model_().clear(self.selectedIndexes() or [self.currentIndex()])
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._move(1, 0)
                return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:  # noqa: N802
        # Enter in a spreadsheet saves and moves down (Qt would stay on the cell).
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self._move(1, 0)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.indexAt(pos)
        if not index.isValid() or not (self.model().flags(index) & Qt.ItemFlag.ItemIsEditable):
            return
        if not self.selectionModel().isSelected(index):
            self.setCurrentIndex(index)
        menu = QMenu(self)
        has_note = bool(index.data(NOTE_ROLE))
        note = menu.addAction(self.tr("Edit note…") if has_note else self.tr("Add note…"))
        note.triggered.connect(lambda: self.note_requested.emit(QModelIndex(index)))
        menu.addSeparator()
        targets = self.selectedIndexes() or [index]
        for letter, flag, label in (("M", "missing", self.tr("Missing")), ("L", "late", self.tr("Late")),
                                    ("X", "excused", self.tr("Excused")), ("I", "incomplete", self.tr("Incomplete"))):
            action = menu.addAction(f"{label}\t{letter}")
            action.triggered.connect(lambda _=False, f=flag: self.model_().toggle(targets, f))
        clear = menu.addAction(self.tr("Clear") + "\t" + self.tr("Delete"))
        clear.triggered.connect(lambda: self.model_().clear(targets))
        menu.addSeparator()
        undo = menu.addAction(self.tr("Undo last edit") + "\tCtrl+Z")
        undo.triggered.connect(self.undo_requested.emit)
        menu.popup(self.viewport().mapToGlobal(pos))
        self.context_menu = menu  # kept for tests

    def _move(self, rows: int, columns: int) -> None:
        current = self.currentIndex()
        if not current.isValid():
            return
        model = self.model()
        row = min(max(0, current.row() + rows), model.rowCount() - 1)
        column = min(max(0, current.column() + columns), model.columnCount() - 1)
        target = model.index(row, column)
        self.setCurrentIndex(target)
        self.scrollTo(target)

    def paste(self) -> None:
        text = QGuiApplication.clipboard().text()
        current = self.currentIndex()
        if not text or not current.isValid():
            return
        changed, problems = self.model_().paste(current.row(), current.column(), text)
        summary = self.tr("Scores pasted: %1.").replace("%1", str(changed))
        if problems:
            summary += " " + self.tr("Skipped: %1").replace("%1", "; ".join(problems[:3]))
        self.message.emit(summary)

    def copy(self) -> None:
        indexes = sorted(self.selectedIndexes(), key=lambda i: (i.row(), i.column()))
        if not indexes:
            return
        rows: dict[int, list[QModelIndex]] = {}
        for index in indexes:
            rows.setdefault(index.row(), []).append(index)
        text = "\n".join("\t".join(str(i.data() or "") for i in cells) for cells in rows.values())
        QGuiApplication.clipboard().setText(text)

    def event(self, event: QEvent) -> bool:
        # Let M/L/X/I reach keyPressEvent instead of being eaten as shortcuts.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (Qt.Key(event.key()) in FLAG_KEYS or event.matches(QKeySequence.StandardKey.Paste)
                 or event.matches(QKeySequence.StandardKey.Undo))
        ):
            event.accept()
            return True
        return super().event(event)
