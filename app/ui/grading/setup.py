"""Exam setup: the exam's options, the answer-key grid, and printing the sheets."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.grading import exams, service
from app.grading.keys import AnswerKey, KeyItem
from app.store.models import AssignmentCategory
from app.ui.common import file_dialogs
from app.ui.common.date_field import DateField, first_unreadable
from app.ui.grading.selection import ExamSelection

LETTERS = "ABCDEFGHIJ"


class KeyGrid(QTableWidget):
    """The answer key, typed fast: a letter sets the answer and moves down.

    Shift+letter adds another correct answer (any of them counts); '+' between letters
    (typed in the cell editor, F2) means all of them must be marked. Points and partial
    credit ("B=0.5") are ordinary cells.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: list[str] = [""]
        self.choices = "ABCD"
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().setDefaultSectionSize(22)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)

    def key_columns(self) -> int:
        return len(self.labels)

    def load(self, key: AnswerKey, questions: int, choices: str) -> None:
        self.labels = sorted(key.versions) or [""]
        self.choices = choices
        heads = [self.tr("Key {0}").replace("{0}", v).strip() for v in self.labels]
        heads += [self.tr("Points"), self.tr("Partial credit")]
        self.clear()
        self.setRowCount(questions)
        self.setColumnCount(len(heads))
        self.setHorizontalHeaderLabels(heads)
        self.setVerticalHeaderLabels([str(q) for q in range(1, questions + 1)])
        first = key.versions.get(self.labels[0], {})
        for q in range(1, questions + 1):
            for c, v in enumerate(self.labels):
                item = key.versions.get(v, {}).get(q)
                text = ""
                if item is not None:
                    text = ("+" if item.rule == "all" else "").join(item.correct)
                    if item.dropped:
                        text = self.tr("dropped")
                self.setItem(q - 1, c, QTableWidgetItem(text))
            it = first.get(q)
            self.setItem(q - 1, len(self.labels), QTableWidgetItem(f"{(it.points if it else 1.0):g}"))
            partial = "; ".join(f"{k}={f:g}" for k, f in (it.partial.items() if it else []))
            self.setItem(q - 1, len(self.labels) + 1, QTableWidgetItem(partial))
        for c in range(len(self.labels)):
            self.setColumnWidth(c, 70)
        self.setColumnWidth(len(self.labels), 60)
        self.setCurrentCell(0, 0)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        row, col = self.currentRow(), self.currentColumn()
        text = event.text().upper()
        in_key = 0 <= col < self.key_columns() and row >= 0
        if in_key and self.state() != QAbstractItemView.State.EditingState:
            if len(text) == 1 and text in self.choices:
                item = self.item(row, col)
                if item is None:
                    item = QTableWidgetItem()
                    self.setItem(row, col, item)
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    current = item.text() if set(item.text()) <= set(self.choices + "+") else ""
                    item.setText(current.replace(text, "") if text in current else current + text)
                    return
                item.setText(text)
                if row + 1 < self.rowCount():
                    self.setCurrentCell(row + 1, col)
                return
            if event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
                self.setItem(row, col, QTableWidgetItem(""))
                return
        super().keyPressEvent(event)

    def to_key(self, default_points: float) -> tuple[AnswerKey, list[str]]:
        """The key in the grid, and problems (a question without an answer is allowed)."""
        problems: list[str] = []
        versions: dict[str, dict[int, KeyItem]] = {v: {} for v in self.labels}
        for r in range(self.rowCount()):
            q = r + 1
            try:
                points = float((self._text(r, self.key_columns()) or f"{default_points}").replace(",", "."))
            except ValueError:
                problems.append(self.tr("Question {0}: points must be a number").replace("{0}", str(q)))
                points = default_points
            partial: dict[str, float] = {}
            for part in filter(None, self._text(r, self.key_columns() + 1).replace(",", ";").split(";")):
                choice, _, frac = part.partition("=")
                try:
                    partial[choice.strip().upper()] = float(frac)
                except ValueError:
                    problems.append(self.tr("Question {0}: partial credit should look like B=0.5").replace("{0}", str(q)))
            for c, v in enumerate(self.labels):
                raw = self._text(r, c).upper().replace(" ", "")
                dropped = raw in (self.tr("dropped").upper(), "DROPPED", "X")
                rule = "all" if "+" in raw else "any"
                correct = [ch for ch in raw.replace("+", "").replace(";", "").replace(",", "")] if not dropped else []
                bad = [ch for ch in correct if ch not in self.choices]
                if bad:
                    problems.append(self.tr("Question {0}: {1} is not a choice").replace("{0}", str(q)).replace("{1}", bad[0]))
                    correct = [ch for ch in correct if ch in self.choices]
                versions[v][q] = KeyItem(q, sorted(set(correct)), points, rule, dict(partial), dropped)
        return AnswerKey(versions), problems

    def _text(self, r: int, c: int) -> str:
        item = self.item(r, c)
        return item.text().strip() if item else ""


class SetupTab(QWidget):
    """Create or edit an exam, type its key, print its sheets."""

    exam_created = Signal(int)
    changed = Signal()

    def __init__(self, selection: ExamSelection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sel = selection
        self.exam_id: int | None = None
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("e.g. Unit 3 Quiz"))
        self.questions = QSpinBox()
        self.questions.setRange(1, 200)
        self.questions.setValue(20)
        self.choices = QSpinBox()
        self.choices.setRange(2, 10)
        self.choices.setValue(4)
        self.choices.setToolTip(self.tr("Choices per question: 4 = A–D, 5 = A–E, up to 10 = A–J"))
        self.versions = QComboBox()
        for n, text in [(0, self.tr("One version")), (2, "A, B"), (3, "A, B, C"), (4, "A, B, C, D")]:
            self.versions.addItem(text, n)
        self.id_digits = QSpinBox()
        self.id_digits.setRange(0, 10)
        self.id_digits.setValue(6)
        self.points = QDoubleSpinBox()
        self.points.setRange(0.0, 100.0)
        self.points.setValue(1.0)
        self.category = QComboBox()
        self.date = DateField(dt.date.today())
        self.create_button = QPushButton(self.tr("Create exam"))
        self.create_button.clicked.connect(self.create_exam)
        self.save_button = QPushButton(self.tr("Save changes"))
        self.save_button.clicked.connect(self.save_details)

        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Questions"), self.questions)
        form.addRow(self.tr("Choices"), self.choices)
        form.addRow(self.tr("Versions"), self.versions)
        form.addRow(self.tr("Student ID digits"), self.id_digits)
        form.addRow(self.tr("Points per question"), self.points)
        form.addRow(self.tr("Gradebook category"), self.category)
        form.addRow(self.tr("Date"), self.date)
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        self.print_button = QPushButton(self.tr("Print sheets…"))
        self.print_button.clicked.connect(self.print_sheets)
        form.addRow(self.print_button)
        details = QGroupBox(self.tr("Exam"))
        details.setLayout(form)
        details.setMaximumWidth(360)

        self.grid = KeyGrid()
        self.key_status = QLabel()
        self.key_status.setWordWrap(True)
        save_key = QPushButton(self.tr("Save key"))
        save_key.clicked.connect(self.save_key)
        csv_key = QPushButton(self.tr("Key from CSV…"))
        csv_key.clicked.connect(self.key_from_csv)
        scan_key = QPushButton(self.tr("Key from a scanned key sheet…"))
        scan_key.clicked.connect(self.key_from_scan)
        hint = QLabel(self.tr("Type the answers: a letter fills the cell and moves down; Shift+letter adds another "
                              "correct answer; A+C (F2 to edit) means both must be marked. Partial credit: B=0.5."))
        hint.setWordWrap(True)
        kb = QHBoxLayout()
        kb.addWidget(save_key)
        kb.addWidget(csv_key)
        kb.addWidget(scan_key)
        kb.addStretch(1)
        keybox = QGroupBox(self.tr("Answer key"))
        kv = QVBoxLayout(keybox)
        kv.addWidget(hint)
        kv.addWidget(self.grid, 1)
        kv.addWidget(self.key_status)
        kv.addLayout(kb)

        layout = QHBoxLayout(self)
        layout.addWidget(details, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(keybox, 1)

    # -- state ------------------------------------------------------------------------
    def set_section(self, section_id: int | None) -> None:
        self.category.clear()
        self.category.addItem(self.tr("(none)"), None)
        if section_id is None:
            return
        ws = self.sel.workspace
        with ws.read() as s:
            cats = s.scalars(select(AssignmentCategory).where(AssignmentCategory.section_id == section_id)
                             .order_by(AssignmentCategory.id)).all()
            for c in cats:
                self.category.addItem(c.name, c.id)
        tests = self.category.findText("Tests")
        if tests >= 0:
            self.category.setCurrentIndex(tests)

    def set_exam(self, exam_id: int | None) -> None:
        self.exam_id = exam_id
        editing = exam_id is not None
        for w in (self.questions, self.choices, self.versions, self.id_digits, self.points):
            w.setEnabled(not editing)
        self.save_button.setEnabled(editing)
        self.print_button.setEnabled(editing)
        self.grid.setEnabled(editing)
        self.create_button.setText(self.tr("Create exam") if not editing else self.tr("Create another exam"))
        if exam_id is None:
            self.title.clear()
            self.grid.setRowCount(0)
            self.key_status.setText(self.tr("Create the exam first, then type its key."))
            return
        info = exams.load_exam(self.sel.workspace, exam_id)
        self.title.setText(info.title)
        self.questions.setValue(info.questions)
        self.choices.setValue(max(2, len(info.choices)))
        self.versions.setCurrentIndex(max(0, self.versions.findData(info.versions)))
        self.id_digits.setValue(info.id_digits)
        self.points.setValue(info.points)
        idx = self.category.findData(info.category_id)
        self.category.setCurrentIndex(max(idx, 0))
        if info.exam_date:
            self.date.set_value(info.exam_date)
        self.grid.load(info.key, info.questions, "".join(info.choices))
        self._key_summary(info.key)
        self._shown = self._details()

    def _key_summary(self, key: AnswerKey) -> None:
        missing = sorted({q for items in key.versions.values() for q, i in items.items() if not i.correct and not i.dropped})
        if missing:
            shown = ", ".join(map(str, missing[:12])) + ("…" if len(missing) > 12 else "")
            self.key_status.setText(self.tr("No answer yet for question(s) {0}.").replace("{0}", shown))
        else:
            self.key_status.setText(self.tr("Key complete."))

    def _date(self) -> dt.date | None:
        """The exam date typed; None while the text is not a date (the field says why)."""
        return self.date.value()

    # -- actions ----------------------------------------------------------------------
    def create_exam(self) -> None:
        section_id = self.sel.section_id
        if section_id is None:
            QMessageBox.information(self, self.tr("New exam"), self.tr("Choose a class first."))
            return
        if first_unreadable([self.date]) is not None:
            return
        if self.exam_id is not None:  # "create another": start from a clean form
            self.sel.select_exam(None)
            return
        created = self.sel.run(
            service.create_exam, section_id, self.title.text(), questions=self.questions.value(),
            choices=self.choices.value(), versions=int(self.versions.currentData()),
            id_digits=self.id_digits.value(), points=self.points.value(),
            category_id=self.category.currentData(), exam_date=self._date(), actor=self.sel.actor,
            parent=self, title=self.tr("New exam"),
        )
        if created is None:
            return
        exam_id = created.value
        self.sel.status(self.tr("Exam created; type its key."))
        self.exam_created.emit(exam_id)
        self.grid.setFocus()

    def save_details(self) -> None:
        if self.exam_id is None or first_unreadable([self.date]) is not None:
            return
        # Only what the teacher changed in the form since it was shown: a value the form
        # merely still shows (the column's category changed in the gradebook meanwhile)
        # must not be written back.
        now, shown = self._details(), getattr(self, "_shown", None)
        changed = {k: v for k, v in now.items() if shown is None or shown.get(k) != v}
        done = self.sel.run(service.update_exam, self.exam_id, actor=self.sel.actor, parent=self,
                            title=self.tr("Exam"), **changed)
        if done is None:
            self.set_exam(self.exam_id)  # show what is stored again
            return
        self._shown = self._details()
        if done.changes:
            self.changed.emit()

    def _details(self) -> dict[str, Any]:
        return {"title": self.title.text(), "category_id": self.category.currentData(), "exam_date": self._date()}

    def save_key(self) -> bool:
        if self.exam_id is None:
            return False
        key, problems = self.grid.to_key(self.points.value())
        if problems:
            QMessageBox.warning(self, self.tr("Answer key"), "\n".join(problems[:10]))
            return False
        if self.sel.run(service.save_key, self.exam_id, key, self.sel.actor, parent=self,
                        title=self.tr("Answer key")) is None:
            return False
        self._key_summary(key)
        self.sel.status(self.tr("Key saved; every sheet re-scored."))
        self.changed.emit()
        return True

    def _apply_key(self, key: AnswerKey, where: str) -> None:
        assert self.exam_id is not None
        info = exams.load_exam(self.sel.workspace, self.exam_id)
        # Questions the file leaves out keep what the grid has.
        merged, _problems = self.grid.to_key(self.points.value())
        if sorted(merged.versions) != sorted(info.key.versions):
            merged = exams.blank_key(info.questions, info.versions, info.points)
        for label, items in merged.versions.items():
            src = key.versions.get(label) or (next(iter(key.versions.values())) if len(key.versions) == 1 else {})
            for q in items:
                if q in src:
                    items[q] = src[q]
        self.grid.load(merged, info.questions, "".join(info.choices))
        self._key_summary(merged)
        self.key_status.setText(self.key_status.text() + " " + self.tr("Loaded from {0}; check it, then Save key.")
                                .replace("{0}", where))

    def key_from_csv(self) -> None:
        if self.exam_id is None:
            return
        path = file_dialogs.open_file(self, "answer-key", self.tr("Key from CSV"), self.tr("CSV files (*.csv)"))
        if not path:
            return
        from app.grading.keys import AnswerKeyError, load_key_csv

        try:
            key = load_key_csv(path)
        except AnswerKeyError as exc:
            QMessageBox.warning(self, self.tr("Key from CSV"), str(exc))
            return
        self._apply_key(key, path)

    def key_from_scan(self) -> None:
        if self.exam_id is None:
            return
        path = file_dialogs.open_file(self, "scans", self.tr("Key from a scanned key sheet"),
                                         self.tr("Scans (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)"))
        if path:
            self.key_from_scan_file(path)

    def key_from_scan_file(self, path: str) -> list[str]:
        from app.grading.batch import expand, grade_page
        from app.grading.keys import key_from_pages

        assert self.exam_id is not None
        info = exams.load_exam(self.sel.workspace, self.exam_id)
        refs, errors = expand([path])
        pages = [grade_page(r, info.template, None) for r in refs] + errors
        key, problems = key_from_pages(pages)
        if not key.versions.get(next(iter(key.versions), ""), {}):
            QMessageBox.warning(self, self.tr("Key from a scanned key sheet"),
                                "\n".join(problems[:10]) or self.tr("No answers could be read from that sheet."))
            return problems
        self._apply_key(key, path.rsplit("/", 1)[-1])
        if problems:
            self.key_status.setText(self.key_status.text() + "\n" + "\n".join(problems[:6]))
        return problems

    def print_sheets(self) -> None:
        if self.exam_id is None:
            return
        PrintDialog(self.sel, self.exam_id, self).exec()


class PrintDialog(QDialog):
    """Blank or personalised sheets: a preview of the first page, then Save PDF."""

    def __init__(self, selection: ExamSelection, exam_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sel = selection
        self.exam_id = exam_id
        self.setWindowTitle(self.tr("Print answer sheets"))
        self.info = exams.load_exam(selection.workspace, exam_id)
        self.blank = QRadioButton(self.tr("Blank sheets (students bubble their ID)"))
        self.personal = QRadioButton(self.tr("Personalised sheets for the class (name and ID printed)"))
        self.personal.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.blank)
        group.addButton(self.personal)
        self.blank.toggled.connect(self.render_preview)
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(500, 640)
        self.summary = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        save = buttons.addButton(self.tr("Save PDF…"), QDialogButtonBox.ButtonRole.AcceptRole)
        save.clicked.connect(self.save_pdf)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.blank)
        layout.addWidget(self.personal)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.pdf = b""
        self.pages = 0
        self.render_preview()

    def students(self) -> list[Any] | None:
        from app.grading.sheet_pdf import SheetStudent

        if self.blank.isChecked():
            return None
        labels = self.info.template.version_labels()
        roster = exams.roster(self.sel.workspace, self.info.section_id)
        return [SheetStudent(r.name, r.local_id, self.info.section_name, labels[i % len(labels)] if labels else "")
                for i, r in enumerate(roster)]

    def render_preview(self) -> None:
        import pypdfium2 as pdfium

        from app.grading.sheet_pdf import render_sheets

        buf = io.BytesIO()
        self.pages = render_sheets(self.info.template, buf, self.students(), class_name=self.info.section_name)
        self.pdf = buf.getvalue()
        doc = pdfium.PdfDocument(self.pdf)
        try:
            image = doc[0].render(scale=0.8).to_pil().convert("RGB")
        finally:
            doc.close()
        from PySide6.QtGui import QImage

        data = image.tobytes()
        qimage = QImage(data, image.width, image.height, image.width * 3, QImage.Format.Format_RGB888).copy()
        self.preview.setPixmap(QPixmap.fromImage(qimage))
        self.summary.setText(self.tr("%n page(s) to print.", "", self.pages))

    def save_pdf(self) -> None:
        name = f"{self.info.title} sheets.pdf".replace("/", "-")
        path = file_dialogs.save_file(self, "answer-sheets", self.tr("Save answer sheets"), name, self.tr("PDF (*.pdf)"))
        if not path:
            return
        with open(path, "wb") as f:
            f.write(self.pdf)
        self.sel.status(self.tr("Saved {0}").replace("{0}", path))
        self.accept()

