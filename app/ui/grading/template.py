"""Template builder for existing (district) forms: drag over bubbles, snap, test, save."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.grading.template import Block, Template
from app.ui.common import file_dialogs
from app.ui.grading.selection import ExamSelection
from app.ui.grading.widgets import (
    BLUE,
    GREEN,
    ORANGE,
    Overlay,
    SheetView,
    bubble_rect,
    page_overlays,
)

KINDS = [("questions", "Questions"), ("id", "Student ID digits"), ("version", "Version")]


class TemplateTab(QWidget):
    def __init__(self, selection: ExamSelection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sel = selection
        self.form: np.ndarray | None = None
        self.blocks: list[Block] = []
        self.template: Template | None = None
        self.drawn: QRectF | None = None
        self.view = SheetView()
        self.view.selecting = True
        self.view.placeholder = self.tr("Load a scan of the blank form, then drag a rectangle over a block of bubbles.")
        self.view.rect_selected.connect(self._rect)
        load = QPushButton(self.tr("Load blank form…"))
        load.clicked.connect(self.load_form)
        self.kind = QComboBox()
        for k, text in KINDS:
            self.kind.addItem(self.tr(text), k)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.rows = QSpinBox()
        self.rows.setRange(1, 100)
        self.rows.setValue(10)
        self.cols = QSpinBox()
        self.cols.setRange(1, 20)
        self.cols.setValue(5)
        self.first = QSpinBox()
        self.first.setRange(1, 500)
        self.labels = QLineEdit("ABCDE")
        self.add_button = QPushButton(self.tr("Snap grid and add block"))
        self.add_button.clicked.connect(self.add_block)
        self.block_list = QListWidget()
        remove = QPushButton(self.tr("Remove block"))
        remove.clicked.connect(self.remove_block)
        test = QPushButton(self.tr("Test on a filled scan…"))
        test.clicked.connect(self.test_scan)
        save = QPushButton(self.tr("Save template…"))
        save.clicked.connect(self.save)
        use = QPushButton(self.tr("Use for this exam"))
        use.clicked.connect(self.use_for_exam)
        self.status = QLabel()
        self.status.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("The rectangle holds"), self.kind)
        form.addRow(self.tr("Rows"), self.rows)
        form.addRow(self.tr("Columns"), self.cols)
        form.addRow(self.tr("First question"), self.first)
        form.addRow(self.tr("Labels"), self.labels)
        form.addRow(self.add_button)
        box = QGroupBox(self.tr("Block of bubbles"))
        box.setLayout(form)
        side = QVBoxLayout()
        side.addWidget(load)
        side.addWidget(box)
        side.addWidget(QLabel(self.tr("Blocks")))
        side.addWidget(self.block_list, 1)
        side.addWidget(remove)
        side.addWidget(test)
        side.addWidget(save)
        side.addWidget(use)
        side.addWidget(self.status)
        panel = QWidget()
        panel.setLayout(side)
        panel.setMaximumWidth(330)
        layout = QHBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(panel)

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        if kind == "questions":
            self.labels.setText("ABCDE"[: self.cols.value()] if self.cols.value() <= 5 else "ABCDEFGHIJ"[: self.cols.value()])
        elif kind == "id":
            self.rows.setValue(10)
            self.labels.setText("0123456789")
        else:
            self.rows.setValue(1)
            self.labels.setText("AB")
            self.cols.setValue(2)

    def load_form(self) -> None:
        path = file_dialogs.open_file(self, "scans", self.tr("Blank form"),
                                         self.tr("Scans (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)"))
        if not path:
            return
        from app.grading.images import ImageError, load_page

        try:
            self.set_form(load_page(path))
        except ImageError as exc:
            QMessageBox.warning(self, self.tr("Blank form"), f"{path}: {exc}")

    def set_form(self, image: np.ndarray) -> None:
        self.form = image
        self.blocks = []
        self.template = None
        self.block_list.clear()
        self.view.set_image(image)
        self.view.set_overlays([])
        self.status.setText(self.tr("Drag a rectangle over a block of bubbles."))

    def _rect(self, rect: QRectF) -> None:
        self.drawn = rect
        self.status.setText(self.tr("Say what the rectangle holds, then Snap."))

    def add_block(self, rect: QRectF | None = None) -> Block | None:
        from app.grading.exam_template import grid_block, points_per_pixel, snap_grid

        rect = rect if isinstance(rect, QRectF) else self.drawn
        if self.form is None or rect is None:
            self.status.setText(self.tr("Load a form and drag a rectangle first."))
            return None
        kind = self.kind.currentData()
        labels = [c for c in self.labels.text().replace(",", "").replace(" ", "")]
        rows, cols = self.rows.value(), self.cols.value()
        if kind == "questions" and len(labels) != cols:
            labels = list("ABCDEFGHIJ"[:cols])
        if kind == "id" and len(labels) != rows:
            labels = [str(i) for i in range(rows)]
        if kind == "version" and len(labels) != cols:
            labels = list("ABCD"[:cols])
        grid = snap_grid(self.form, (int(rect.x()), int(rect.y()), int(rect.width()), int(rect.height())), rows, cols)
        block = grid_block(grid, kind, labels, first=self.first.value(), scale=points_per_pixel(self.form))
        self.blocks.append(block)
        what = {"questions": self.tr("questions {0}–{1}").replace("{0}", str(block.first))
                .replace("{1}", str(block.first + block.count - 1)),
                "id": self.tr("{0} ID digits").replace("{0}", str(block.count)),
                "version": self.tr("version")}[kind]
        snapped = (self.tr("snapped to {0} bubbles").replace("{0}", str(grid.found)) if grid.snapped
                   else self.tr("no bubbles found: spaced evenly"))
        self.block_list.addItem(f"{what} ({snapped})")
        if kind == "questions":
            self.first.setValue(block.first + block.count)
        self.view.selection = None
        self._rebuild()
        return block

    def remove_block(self) -> None:
        row = self.block_list.currentRow()
        if 0 <= row < len(self.blocks):
            self.blocks.pop(row)
            self.block_list.takeItem(row)
            self._rebuild()

    def _rebuild(self) -> None:
        from app.grading.exam_template import build_template

        if self.form is None:
            return
        name = self.tr("District form")
        self.template = build_template(self.form, self.blocks, name=name)
        s = self.form.shape[1] / self.template.page_width
        H = np.diag([s, s, 1.0])
        overlays = []
        for f in self.template.fields():
            color = {"question": BLUE, "id_digit": GREEN, "version": ORANGE}[f.kind]
            for b in f.bubbles:
                overlays.append(Overlay(bubble_rect(H, b.x, b.y, b.width, b.height, 1.15), color, width=2))
        self.view.set_overlays(overlays)
        reg = self.template.registration.method
        self.status.setText(
            self.tr("{0} questions, {1} ID digits. Registration: {2}.")
            .replace("{0}", str(self.template.question_count())).replace("{1}", str(self.template.id_digits()))
            .replace("{2}", self.tr("corner squares") if reg == "corners" else self.tr("page edges"))
        )

    def test_scan(self) -> None:
        path = file_dialogs.open_file(self, "scans", self.tr("A filled scan"),
                                         self.tr("Scans (*.png *.jpg *.jpeg *.tif *.tiff *.pdf)"))
        if not path:
            return
        from app.grading.images import ImageError, load_page

        try:
            self.test_image(load_page(path))
        except ImageError as exc:
            QMessageBox.warning(self, self.tr("Test"), f"{path}: {exc}")

    def test_image(self, image: np.ndarray) -> str:
        """Read a filled scan with the template and show what it read."""
        from app.grading.read import read_page

        if self.template is None or not self.blocks:
            self.status.setText(self.tr("Add blocks first."))
            return ""
        r = read_page(image, self.template)
        self.view.set_image(image)
        overlays, _ = page_overlays(r, self.template, None)
        self.view.set_overlays(overlays)
        answers = " ".join(f"{a.number}{''.join(a.marked) or '–'}" for a in r.answers)
        text = self.tr("Read: {0}").replace("{0}", answers)
        if r.student_id:
            text += "\n" + self.tr("Student ID: {0}").replace("{0}", r.student_id)
        if r.reason:
            text += "\n" + r.reason
        self.status.setText(text)
        return text

    def save(self) -> None:
        if self.template is None:
            return
        path = file_dialogs.save_file(self, "template", self.tr("Save template"), "district-form.json",
                                         self.tr("Templates (*.json)"))
        if path:
            self.template.save(path)
            self.sel.status(self.tr("Template saved: {0}").replace("{0}", path))

    def use_for_exam(self) -> None:
        from app.grading import service

        if self.template is None or self.sel.exam_id is None:
            self.status.setText(self.tr("Choose an exam and build the template first."))
            return
        service.set_template(self.sel.workspace, self.sel.exam_id, self.template, self.sel.actor)
        self.sel.reload_exam()
        self.status.setText(self.tr("This exam now reads the district form; type its key in Setup."))
