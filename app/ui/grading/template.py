"""Template builder for existing (district) forms: detect or drag over bubbles, test, save.

The work is done by app/grading/builder.py (the same code as `teacherdesk template
build`): this tab shows what it found, lets the teacher renumber a block, add or remove
blocks by hand, choose the alignment, test on a filled scan (verification per block and
the overlay) and save."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF
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
    QScrollArea,
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
)

KINDS = [("questions", QT_TRANSLATE_NOOP("TemplateTab", "Questions")),
         ("id", QT_TRANSLATE_NOOP("TemplateTab", "Student ID digits")),
         ("letters", QT_TRANSLATE_NOOP("TemplateTab", "Letter grid (names)")),
         ("version", QT_TRANSLATE_NOOP("TemplateTab", "Version"))]
ALIGNMENTS = [("auto", QT_TRANSLATE_NOOP("TemplateTab", "Automatic (marks, timing track, else features)")),
              ("corners", QT_TRANSLATE_NOOP("TemplateTab", "Corner marks")),
              ("timing", QT_TRANSLATE_NOOP("TemplateTab", "Timing track")),
              ("feature", QT_TRANSLATE_NOOP("TemplateTab", "Printed features")),
              ("edges", QT_TRANSLATE_NOOP("TemplateTab", "Page edges (photos on a dark desk only)"))]


class TemplateTab(QWidget):
    def __init__(self, selection: ExamSelection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sel = selection
        self.form: np.ndarray | None = None
        self.page_size: tuple[float, float] | None = None  # the blank's page size in points
        self.blocks: list[Block] = []
        self.notes: list[str] = []
        self.template: Template | None = None
        self.drawn: QRectF | None = None
        self.view = SheetView()
        self.view.selecting = True
        self.view.placeholder = self.tr("Load a scan of the blank form, then drag a rectangle over a block of bubbles.")
        self.view.rect_selected.connect(self._rect)
        load = QPushButton(self.tr("Load blank form…"))
        load.clicked.connect(self.load_form)
        self.detect_button = QPushButton(self.tr("Find bubbles and marks automatically"))
        self.detect_button.clicked.connect(self.detect)
        self.alignment = QComboBox()
        for k, text in ALIGNMENTS:
            self.alignment.addItem(self.tr(str(text)), k)
        self.alignment.currentIndexChanged.connect(lambda _i: self._rebuild())
        self.renumber_first = QSpinBox()
        self.renumber_first.setRange(1, 999)
        renumber_button = QPushButton(self.tr("Renumber selected block"))
        renumber_button.clicked.connect(self.renumber_selected)
        self.kind = QComboBox()
        for k, text in KINDS:
            self.kind.addItem(self.tr(str(text)), k)
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
        side.addWidget(self.detect_button)
        side.addWidget(box)
        side.addWidget(QLabel(self.tr("Blocks")))
        self.block_list.setMaximumHeight(150)
        side.addWidget(self.block_list)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("First number")))
        row.addWidget(self.renumber_first)
        row.addWidget(renumber_button)
        side.addLayout(row)
        side.addWidget(remove)
        align = QFormLayout()
        align.addRow(self.tr("Alignment"), self.alignment)
        side.addLayout(align)
        side.addWidget(test)
        side.addWidget(save)
        side.addWidget(use)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.status)
        side.addWidget(scroll, 1)
        panel = QWidget()
        panel.setLayout(side)
        panel.setMaximumWidth(360)
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
        from app.grading.builder import load_blank
        from app.grading.images import ImageError

        try:
            image, size = load_blank(path)
        except ImageError as exc:
            QMessageBox.warning(self, self.tr("Blank form"), f"{path}: {exc}")
            return
        self.set_form(image, size)
        self.detect()

    def set_form(self, image: np.ndarray, size: tuple[float, float] | None = None) -> None:
        """The blank form: an upright page image (``size`` in points; default Letter/A4 by shape)."""
        from app.grading.exam_template import page_size_for

        self.form = image
        self.page_size = size or page_size_for(image.shape)
        self.blocks = []
        self.notes = []
        self.template = None
        self.block_list.clear()
        self.view.set_image(image)
        self.view.set_overlays([])
        self.status.setText(self.tr("Find the bubbles automatically, or drag a rectangle over a block of bubbles."))

    def detect(self) -> None:
        """Find every bubble grid and the registration marks on the blank form."""
        from app.grading.builder import BuildError, build_from_image, describe_block

        if self.form is None or self.page_size is None:
            self.status.setText(self.tr("Load a blank form first."))
            return
        dpi = self.form.shape[1] / self.page_size[0] * 72.0
        try:
            built = build_from_image(self.form, self.page_size, name=self.tr("District form"), dpi=dpi)
        except BuildError as exc:
            self.status.setText(str(exc))
            return
        self.blocks = list(built.template.blocks)
        self.notes = built.notes
        self.block_list.clear()
        for b in self.blocks:
            self.block_list.addItem(describe_block(b))
        self._rebuild()

    def renumber_selected(self) -> None:
        from app.grading.builder import describe_block, renumber
        from app.grading.template import TemplateError

        row = self.block_list.currentRow()
        if self.template is None or not 0 <= row < len(self.blocks):
            self.status.setText(self.tr("Select a block of questions first."))
            return
        try:
            renumber(self.template, row, self.renumber_first.value())
        except TemplateError as exc:
            self.status.setText(str(exc))
            return
        self.block_list.item(row).setText(describe_block(self.blocks[row]))
        self._rebuild()

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
        if kind == "letters":
            labels = [chr(65 + i) for i in range(rows)]
        if kind == "version" and len(labels) != cols:
            labels = list("ABCD"[:cols])
        grid = snap_grid(self.form, (int(rect.x()), int(rect.y()), int(rect.width()), int(rect.height())), rows, cols)
        block = grid_block(grid, "id" if kind == "letters" else kind, labels, first=self.first.value(),
                           scale=points_per_pixel(self.form))
        block.kind = kind
        self.blocks.append(block)
        what = {"questions": self.tr("questions {0}–{1}").replace("{0}", str(block.first))
                .replace("{1}", str(block.first + block.count - 1)),
                "id": self.tr("{0} ID digits").replace("{0}", str(block.count)),
                "letters": self.tr("letter grid, {0} letters").replace("{0}", str(block.count)),
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
        from app.grading.builder import _registration
        from app.grading.template import Policy, Registration

        if self.form is None or self.page_size is None or not self.blocks:
            return
        dpi = self.form.shape[1] / self.page_size[0] * 72.0
        want = self.alignment.currentData()
        if want == "edges":
            reg, why = Registration(method="edges"), self.tr(
                "page edges, as chosen: scans and photos must show a darker background around the page")
        else:
            reg, why = _registration(self.form, dpi, self.blocks, self.page_size)
            if want not in ("auto", reg.method):
                if want == "feature":
                    reg, why = Registration(method="feature"), self.tr("feature alignment, as chosen")
                else:
                    why = self.tr("{0} not found on this form; using: {1}").replace("{0}", want).replace("{1}", why)
        if reg.method == "feature":
            reg.reference_image, reg.reference_dpi = self.form, dpi
        name = self.tr("District form")
        self.template = Template(name=name, exam_id="", page_width=self.page_size[0], page_height=self.page_size[1],
                                 registration=reg, blocks=self.blocks, policy=Policy(cancel_full_box=False),
                                 title=name)
        s = self.form.shape[1] / self.template.page_width
        H = np.diag([s, s, 1.0])
        overlays = []
        for f in self.template.fields():
            color = {"question": BLUE, "id_digit": GREEN, "grid": GREEN, "version": ORANGE}[f.kind]
            for b in f.bubbles:
                overlays.append(Overlay(bubble_rect(H, b.x, b.y, b.width, b.height, 1.15), color, width=2))
        for m in reg.markers:
            w, h = (m.w or m.size), (m.h or m.size)
            overlays.append(Overlay(QRectF((m.x - w / 2) * s, (m.y - h / 2) * s, w * s, h * s), ORANGE, width=3))
        self.view.set_overlays(overlays)
        self.status.setText(
            self.tr("{0} questions, {1} ID digits, {2} other grids. Alignment: {3}.")
            .replace("{0}", str(self.template.question_count())).replace("{1}", str(self.template.id_digits()))
            .replace("{2}", str(len(self.template.grid_labels()))).replace("{3}", why)
            + "".join("\n" + n for n in self.notes[1:])
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
        """Read a filled scan with the template: the verification of every block and the
        overlay (single, multiple, cancelled and review marks drawn differently)."""
        from app.grading.builder import try_on_scan
        from app.grading.read import read_page

        if self.template is None or not self.blocks:
            self.status.setText(self.tr("Add blocks first."))
            return ""
        trial = try_on_scan(self.template, image)
        r = read_page(image, self.template)
        self.view.set_image(trial.overlay)
        self.view.set_overlays([])
        answers = " ".join(f"{a.number}{''.join(a.marked) or '–'}" for a in r.answers)
        verified = sum(1 for v in trial.blocks if v["verified"])
        text = self.tr("Verification: {0} of {1} blocks confirmed by the printed bubbles ({2}%).") \
            .replace("{0}", str(verified)).replace("{1}", str(len(trial.blocks))) \
            .replace("{2}", f"{100 * trial.score:.0f}")
        text += "\n" + self.tr("Alignment: {0}").replace("{0}", trial.note or trial.reason)
        for v in trial.blocks:
            if not v["verified"]:
                text += "\n" + self.tr("Not verified: {0} – {1}").replace("{0}", str(v["block"])) \
                    .replace("{1}", str(v["reason"]))
        text += "\n" + self.tr("Read: {0}").replace("{0}", answers)
        if r.student_id:
            text += "\n" + self.tr("Student ID: {0}").replace("{0}", r.student_id)
        for label, value in r.grids.items():
            text += "\n" + f"{label}: {value}"
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
            from app.grading.builder import Built, save_built

            assert self.form is not None
            save_built(Built(self.template, self.form, self.template.registration.reference_dpi), path)
            self.sel.status(self.tr("Template saved: {0}").replace("{0}", path))

    def use_for_exam(self) -> None:
        from app.grading import service

        if self.template is None or self.sel.exam_id is None:
            self.status.setText(self.tr("Choose an exam and build the template first."))
            return
        if self.sel.run(service.set_template, self.sel.exam_id, self.template, self.sel.actor, parent=self,
                        title=self.tr("Template")) is None:
            return
        self.sel.reload_exam()
        self.status.setText(self.tr("This exam now reads the district form; type its key in Setup."))
