"""The review queue: every doubtful answer, version, student and page, cleared by keyboard.

Keys: A–J choose an answer (Shift+letter adds a second mark), 0 = blank, arrows move
through the queue, Enter accepts. For a student, type in the box to search the class
roster and press Enter.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.grading import exams, service
from app.grading.exams import ANSWER, PAGE, STUDENT, VERSION, ReviewItem
from app.ui.grading.selection import ExamSelection
from app.ui.grading.widgets import SheetView, page_overlays


class SearchBox(QLineEdit):
    """A search field whose Up/Down keys move through the matches below it."""

    moved = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.moved.emit(1 if event.key() == Qt.Key.Key_Down else -1)
            return
        super().keyPressEvent(event)


class ReviewTab(QWidget):
    decided = Signal()

    def __init__(self, selection: ExamSelection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sel = selection
        self.items: list[ReviewItem] = []
        self.pending: list[str] | None = None
        self.info: exams.ExamInfo | None = None
        self.roster: list[exams.RosterStudent] = []
        self._page_cache: dict[int, exams.PageRow] = {}
        self._image_cache: dict[int, Any] = {}
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.queue = QListWidget()
        self.queue.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the review, not the list
        self.queue.currentRowChanged.connect(self._show)
        self.count_label = QLabel()
        self.view = SheetView()
        self.view.placeholder = self.tr("Nothing to review.")
        self.view.clicked.connect(self._clicked)
        self.who = QLabel()
        font = QFont(self.who.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.who.setFont(font)
        self.what = QLabel()
        self.what.setWordWrap(True)
        self.choice = QLabel()
        choice_font = QFont(self.choice.font())
        choice_font.setPointSizeF(choice_font.pointSizeF() * 1.3)
        self.choice.setFont(choice_font)
        self.keys_hint = QLabel()
        self.keys_hint.setWordWrap(True)
        self.student_box = SearchBox()
        self.student_box.setPlaceholderText(self.tr("Type a name or ID to find the student…"))
        self.student_box.textChanged.connect(self._filter_roster)
        self.student_box.returnPressed.connect(self.accept)
        self.matches = QListWidget()
        self.matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.matches.setMaximumHeight(130)
        self.matches.itemDoubleClicked.connect(lambda _i: self.accept())
        self.student_box.moved.connect(self._move_match)
        self.accept_button = QPushButton(self.tr("Accept (Enter)"))
        self.accept_button.clicked.connect(self.accept)
        self.discard_button = QPushButton(self.tr("Set page aside"))
        self.discard_button.clicked.connect(self.discard)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.count_label)
        lv.addWidget(self.queue, 1)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.who)
        rv.addWidget(self.what)
        rv.addWidget(self.view, 1)
        rv.addWidget(self.choice)
        rv.addWidget(self.student_box)
        rv.addWidget(self.matches)
        rv.addWidget(self.keys_hint)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.accept_button)
        rv.addLayout(buttons)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setSizes([300, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    # -- data -------------------------------------------------------------------------
    def refresh(self, keep: int | None = None) -> None:
        exam_id = self.sel.exam_id
        ws = self.sel.workspace
        self._page_cache.clear()
        if exam_id is None:
            self.info, self.items, self.roster = None, [], []
        else:
            self.info = exams.load_exam(ws, exam_id)
            self.roster = exams.roster(ws, self.info.section_id)
            self.items = exams.review_queue(ws, exam_id)
            for p in exams.pages(ws, exam_id):
                self._page_cache[p.id] = p
        self.queue.blockSignals(True)
        self.queue.clear()
        for it in self.items:
            QListWidgetItem(self._item_text(it), self.queue)
        self.queue.blockSignals(False)
        n = len(self.items)
        self.count_label.setText(self.tr("{0} to review").replace("{0}", str(n)) if n else self.tr("All clear."))
        if n:
            self.queue.setCurrentRow(min(keep or 0, n - 1))
            self._show(self.queue.currentRow())
        else:
            self._show(-1)

    def _roster_text(self, r: exams.RosterStudent) -> str:
        return f"{r.sort_name} · {r.local_id}"

    def _item_text(self, it: ReviewItem) -> str:
        who = it.student_name or (self.tr("ID {0}").replace("{0}", it.read_student_id) if it.read_student_id
                                  else self.tr("No ID"))
        if it.kind == ANSWER:
            what = self.tr("Q{0}: {1}").replace("{0}", str(it.question)).replace("{1}", it.reason)
        elif it.kind == STUDENT:
            what = self.tr("Student: {0}").replace("{0}", it.reason)
        elif it.kind == VERSION:
            what = self.tr("Version: {0}").replace("{0}", it.reason)
        else:
            what = self.tr("Page: {0}").replace("{0}", it.reason)
        return f"{who} — {what}"

    @property
    def current(self) -> ReviewItem | None:
        row = self.queue.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _image(self, scan_id: int | None) -> Any:
        if scan_id is None:
            return None
        if scan_id not in self._image_cache:
            if len(self._image_cache) > 12:
                self._image_cache.clear()
            self._image_cache[scan_id] = exams.scan_image(self.sel.workspace, scan_id)
        return self._image_cache[scan_id]

    def _show(self, row: int) -> None:
        it = self.items[row] if 0 <= row < len(self.items) else None
        self.pending = None
        self.student_box.setVisible(it is not None and it.kind == STUDENT)
        self.matches.setVisible(it is not None and it.kind == STUDENT)
        self.discard_button.setVisible(it is not None and it.kind in (STUDENT, PAGE))
        self.accept_button.setEnabled(it is not None and it.kind != PAGE)
        if it is None or self.info is None:
            self.view.set_image(None)
            self.view.set_overlays([])
            self.who.setText(self.tr("Nothing to review") if self.info else "")
            self.what.setText("")
            self.choice.setText("")
            self.keys_hint.setText("")
            return
        p = self._page_cache.get(it.page_id)
        self.who.setText(it.student_name or (self.tr("Unknown student (ID {0})").replace("{0}", it.read_student_id)
                                             if it.read_student_id else self.tr("No student ID")))
        source = p.source if p else ""
        self.what.setText(self._item_text(it).split(" — ", 1)[-1] + (f"   ({source})" if source else ""))
        self.view.set_image(self._image(it.scan_id))
        if it.kind == ANSWER:
            self.pending = list(it.engine)
            choices = ", ".join(self.info.choices)
            self.keys_hint.setText(self.tr("Keys: {0} choose · Shift+letter adds a mark · 0 blank · ↑ ↓ move · "
                                           "Enter accepts").replace("{0}", f"{self.info.choices[0]}–{self.info.choices[-1]}"))
            self.choice.setToolTip(choices)
        elif it.kind == VERSION:
            self.pending = list(it.engine)
            self.keys_hint.setText(self.tr("Keys: the version letter · ↑ ↓ move · Enter accepts"))
        elif it.kind == STUDENT:
            self.keys_hint.setText(self.tr("Type to search the class, pick the student, Enter accepts. "
                                           "Set the page aside if it is a rescan."))
            self.student_box.clear()
            self._filter_roster("")
            self.student_box.setFocus()
        else:
            self.keys_hint.setText(self.tr("This page could not be read. Rescan it, then set this one aside."))
        if it.kind != STUDENT and self.isVisible():
            self.setFocus()  # a click in the queue must not take the keys away
        self._update_overlay()

    def _update_overlay(self) -> None:
        it = self.current
        if it is None or self.info is None:
            return
        p = self._page_cache.get(it.page_id)
        if p is None:
            return
        key = self.info.key.for_version(p.result.version)
        focus = it.question if it.kind == ANSWER else None
        overlays, rect = page_overlays(p.result, self.info.template, key, focus=focus,
                                       pending=self.pending if it.kind == ANSWER else None,
                                       focus_id=it.kind == STUDENT)
        self.view.set_overlays(overlays, rect)
        if it.kind == ANSWER:
            read = "".join(it.engine) or "–"
            mine = "".join(self.pending or []) or self.tr("blank")
            self.choice.setText(self.tr("Read: {0}    Your choice: {1}").replace("{0}", read).replace("{1}", mine))
        elif it.kind == VERSION:
            self.choice.setText(self.tr("Version: {0}").replace("{0}", "".join(self.pending or []) or "?"))
        else:
            self.choice.setText("")

    # -- keyboard ---------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        it = self.current
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Right):
            self.move_by(1)
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Left):
            self.move_by(-1)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
            return
        if it is not None and self.info is not None and it.kind in (ANSWER, VERSION):
            text = event.text().upper()
            if it.kind == ANSWER and text == "0":
                self.pending = []
                self._update_overlay()
                return
            valid = self.info.choices if it.kind == ANSWER else self.info.key.labels()
            if len(text) == 1 and text in valid:
                if it.kind == ANSWER and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    cur = set(self.pending or [])
                    cur ^= {text}
                    self.pending = sorted(cur)
                else:
                    self.pending = [text]
                self._update_overlay()
                return
        super().keyPressEvent(event)

    def _clicked(self, point: QPointF, shift: bool) -> None:
        """A click on a bubble of the question chooses it (Shift+click adds it)."""
        import numpy as np

        it = self.current
        p = self._page_cache.get(it.page_id) if it else None
        if it is None or it.kind != ANSWER or p is None or not p.result.homography or self.info is None:
            return
        Hi = np.linalg.inv(np.array(p.result.homography, float))
        v = Hi @ np.array([point.x(), point.y(), 1.0])
        x, y = v[0] / v[2], v[1] / v[2]
        field = next((f for f in self.info.template.questions() if f.number == it.question), None)
        if field is None:
            return
        b = min(field.bubbles, key=lambda b: (b.x - x) ** 2 + (b.y - y) ** 2)
        if (b.x - x) ** 2 + (b.y - y) ** 2 > b.width**2:
            return
        if shift:
            self.pending = sorted(set(self.pending or []) ^ {b.value})
        else:
            self.pending = [b.value]
        self.setFocus()
        self._update_overlay()

    def move_by(self, step: int) -> None:
        n = len(self.items)
        if n:
            self.queue.setCurrentRow(max(0, min(n - 1, self.queue.currentRow() + step)))
        self.setFocus()

    # -- decisions --------------------------------------------------------------------
    def accept(self) -> None:
        it = self.current
        if it is None or self.info is None:
            return
        actor = self.sel.actor
        row = self.queue.currentRow()
        title = self.tr("Review")
        if it.kind == ANSWER:
            done = self.sel.run(service.decide_answer, self.info.id, it.page_id, it.question or 0,
                                self.pending or [], actor, parent=self, title=title)
        elif it.kind == VERSION:
            if not self.pending:
                return
            done = self.sel.run(service.decide_version, self.info.id, it.page_id, self.pending[0], actor,
                                parent=self, title=title)
        elif it.kind == STUDENT:
            student = self._student_from_box()
            if student is None:
                self.sel.status(self.tr("Pick a student of this class from the list."))
                return
            done = self.sel.run(service.match_student, self.info.id, it.page_id, student.id, actor,
                                parent=self, title=title)
        else:
            return
        if done is None:
            return
        self.refresh(keep=row)
        nxt = self.current
        if nxt is None or nxt.kind != STUDENT:
            self.setFocus()  # letters and arrows go to the review again
        self.decided.emit()

    def _filter_roster(self, text: str) -> None:
        """The class roster, narrowed as the teacher types (accent- and case-blind)."""
        from app.ui.common.table_model import fold

        needle = fold(text.strip())
        self._hits = [r for r in self.roster
                      if all(part in fold(self._roster_text(r)) for part in needle.split())]
        self.matches.clear()
        for r in self._hits:
            QListWidgetItem(self._roster_text(r), self.matches)
        if self._hits:
            self.matches.setCurrentRow(0)

    def _move_match(self, step: int) -> None:
        n = self.matches.count()
        if n:
            self.matches.setCurrentRow(max(0, min(n - 1, self.matches.currentRow() + step)))

    def _student_from_box(self) -> exams.RosterStudent | None:
        if not self.student_box.text().strip():
            return None
        row = self.matches.currentRow()
        hits = getattr(self, "_hits", [])
        return hits[row] if 0 <= row < len(hits) else None

    def discard(self) -> None:
        it = self.current
        if it is None or self.info is None:
            return
        if self.sel.run(service.discard_page, self.info.id, it.page_id, self.sel.actor, parent=self,
                        title=self.tr("Review")) is None:
            return
        self.refresh(keep=self.queue.currentRow())
        self.decided.emit()
