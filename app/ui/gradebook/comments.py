"""Term comments per student, written freely or built from the comment bank.

The bank shows each phrase already filled in for the selected student (name, pronouns,
agreeing verbs); double-click or Insert appends it. Comments print on the progress
report exactly as written.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.reports.comments import fill_comment
from app.reports.gradebook_service import StudentRow


class CommentsTab(QWidget):
    def __init__(
        self,
        load_comment: Callable[[int], str],
        save_comment: Callable[[int, str], None],
        add_phrase: Callable[[str, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._load_comment = load_comment
        self._save_comment = save_comment
        self._add_phrase = add_phrase
        self._students: list[StudentRow] = []
        self._phrases: list[tuple[str, str]] = []
        self._current: StudentRow | None = None
        self._dirty = False

        self.student_list = QListWidget()
        self.student_list.currentRowChanged.connect(self._select)
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText(self.tr("A comment for this student's progress report, printed as written."))
        self.editor.textChanged.connect(self._mark_dirty)
        self.editor.installEventFilter(self)  # save when the teacher clicks away
        self.save_button = QPushButton(self.tr("Save comment"))
        self.save_button.clicked.connect(self.save)
        self.saved_label = QLabel("")
        self.bank = QListWidget()
        self.bank.setWordWrap(True)
        self.bank.itemDoubleClicked.connect(self._insert_item)
        insert = QPushButton(self.tr("Insert phrase"))
        insert.clicked.connect(lambda: self._insert_item(self.bank.currentItem()))
        add = QPushButton(self.tr("Add phrase to bank…"))
        add.clicked.connect(self._new_phrase)

        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: 600;")
        column.addWidget(self.heading)
        column.addWidget(self.editor, 2)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.saved_label, 1)
        column.addLayout(row)
        column.addWidget(QLabel(self.tr("Comment bank (filled in for this student; double-click to insert)")))
        column.addWidget(self.bank, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(insert)
        buttons.addWidget(add)
        buttons.addStretch(1)
        column.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.student_list)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    def load(self, students: list[StudentRow], phrases: list[tuple[str, str]]) -> None:
        self.save()
        self._students, self._phrases = students, phrases
        self.student_list.blockSignals(True)
        self.student_list.clear()
        for s in students:
            self.student_list.addItem(s.name)
        self.student_list.blockSignals(False)
        self._current = None
        if students:
            self.student_list.setCurrentRow(0)
        else:
            self._select(-1)

    def _select(self, row: int) -> None:
        self.save()
        self._current = self._students[row] if 0 <= row < len(self._students) else None
        self.editor.blockSignals(True)
        self.editor.setPlainText(self._load_comment(self._current.id) if self._current else "")
        self.editor.blockSignals(False)
        self.editor.setEnabled(self._current is not None)
        self._dirty = False
        self.saved_label.setText("")
        self.heading.setText(self._current.name if self._current else "")
        self._fill_bank()

    def _fill_bank(self) -> None:
        self.bank.clear()
        if self._current is None:
            return
        for category, text in self._phrases:
            filled = fill_comment(text, self._current.first_name, self._current.pronouns)
            item = QListWidgetItem(f"[{category}] {filled}" if category else filled)
            item.setData(Qt.ItemDataRole.UserRole, filled)
            self.bank.addItem(item)

    def _insert_item(self, item: QListWidgetItem | None) -> None:
        if item is None or self._current is None:
            return
        phrase = item.data(Qt.ItemDataRole.UserRole)
        text = self.editor.toPlainText().rstrip()
        self.editor.setPlainText(f"{text} {phrase}".strip())
        self.save()

    def _new_phrase(self) -> None:
        text, ok = QInputDialog.getText(
            self, self.tr("New phrase"),
            self.tr("Phrase (use {name}, {they}, {them}, {their}, {is}, {has}):"),
        )
        if ok and text.strip():
            self._add_phrase("", text.strip())
            self._phrases.append(("", text.strip()))
            self._fill_bank()

    def _mark_dirty(self) -> None:
        self._dirty = True
        self.saved_label.setText(self.tr("Not saved yet"))

    def save(self) -> None:
        if self._dirty and self._current is not None:
            self._save_comment(self._current.id, self.editor.toPlainText())
            self._dirty = False
            self.saved_label.setText(self.tr("Saved"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.save()
        return super().eventFilter(watched, event)
