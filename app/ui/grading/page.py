"""Grading: set up a bubble-sheet exam, print sheets, scan, review, results, item analysis.

The page holds the chosen class and exam; each tab is a widget of its own
(app/ui/grading/*.py) given one typed ExamSelection, working through the Qt-free grading
service (app/grading/service.py) for every change.
Scans can be dropped anywhere on the page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.core.changes import Changes
from app.grading import exams, service
from app.store.models import Section
from app.ui.grading.results import AnalysisTab, ResultsTab
from app.ui.grading.review import ReviewTab
from app.ui.grading.scan import CameraTab, ScanTab, dropped_paths
from app.ui.grading.selection import ExamSelection
from app.ui.grading.setup import SetupTab
from app.ui.grading.template import TemplateTab
from app.ui.shell.context import AppContext


class GradingPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.selection = ExamSelection(ctx, select_exam=self.select_exam, after_scan=self.after_scan,
                                       reload_exam=self.reload_exam)
        self.setAcceptDrops(True)

        self.class_box = QComboBox()
        self.class_box.setMinimumWidth(240)
        self.class_box.currentIndexChanged.connect(self._class_changed)
        self.exam_box = QComboBox()
        self.exam_box.setMinimumWidth(220)
        self.exam_box.currentIndexChanged.connect(self._exam_changed)
        new_exam = QPushButton(self.tr("New exam"))
        new_exam.clicked.connect(lambda: self.select_exam(None))
        delete = QPushButton(self.tr("Delete exam"))
        delete.clicked.connect(self.delete_exam)
        self.queue_label = QLabel()

        self.tabs = QTabWidget()
        self.setup = SetupTab(self.selection, self)
        self.scan = ScanTab(self.selection, self)
        self.camera = CameraTab(self.selection, self)
        self.review = ReviewTab(self.selection, self)
        self.results = ResultsTab(self.selection, self)
        self.analysis = AnalysisTab(self.selection, self)
        self.builder = TemplateTab(self.selection, self)
        self.tabs.addTab(self.setup, self.tr("Exam && key"))
        self.tabs.addTab(self.scan, self.tr("Scan"))
        self.tabs.addTab(self.camera, self.tr("Camera"))
        self.tabs.addTab(self.review, self.tr("Review"))
        self.tabs.addTab(self.results, self.tr("Results"))
        self.tabs.addTab(self.analysis, self.tr("Item analysis"))
        # The builder's panels are taller than a 1366x768 laptop leaves for a page: it scrolls
        # instead of making the whole window taller than the screen.
        self.builder_scroll = QScrollArea()
        self.builder_scroll.setWidgetResizable(True)
        self.builder_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.builder_scroll.setWidget(self.builder)
        self.tabs.addTab(self.builder_scroll, self.tr("Template builder"))
        self.tabs.currentChanged.connect(self._tab_changed)

        self.setup.exam_created.connect(self._created)
        self.setup.changed.connect(self.data_changed)
        self.review.decided.connect(self.data_changed)
        self.results.changed.connect(self.data_changed)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Class:")))
        top.addWidget(self.class_box)
        top.addWidget(QLabel(self.tr("Exam:")))
        top.addWidget(self.exam_box)
        top.addWidget(new_exam)
        top.addWidget(delete)
        top.addStretch(1)
        top.addWidget(self.queue_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        ctx.events.subscribe(self, Changes.ROSTER | Changes.WORKSPACE, self._on_event)
        self.load_classes()

    # -- class and exam -------------------------------------------------------------
    @property
    def section_id(self) -> int | None:
        return self.selection.section_id

    @section_id.setter
    def section_id(self, value: int | None) -> None:
        self.selection.section_id = value

    @property
    def exam_id(self) -> int | None:
        return self.selection.exam_id

    @exam_id.setter
    def exam_id(self, value: int | None) -> None:
        self.selection.exam_id = value

    def load_classes(self) -> None:
        with self.ctx.workspace.read() as s:
            sections = s.scalars(select(Section).order_by(Section.period, Section.name)).all()
            items = [(f"{sec.name} ({sec.code})" if sec.code else sec.name, sec.id) for sec in sections]
        current = self.section_id
        self.class_box.blockSignals(True)
        self.class_box.clear()
        for text, sid in items:
            self.class_box.addItem(text, sid)
        self.class_box.blockSignals(False)
        idx = self.class_box.findData(current) if current is not None else 0
        self.class_box.setCurrentIndex(max(idx, 0))
        self._class_changed()

    def select_class(self, section_id: int) -> None:
        self.class_box.setCurrentIndex(max(self.class_box.findData(section_id), 0))

    def _class_changed(self) -> None:
        self.section_id = self.class_box.currentData()
        self.setup.set_section(self.section_id)
        self.load_exams()

    def load_exams(self, select_id: int | None = None) -> None:
        rows = exams.exams_of_section(self.ctx.workspace, self.section_id) if self.section_id else []
        self.exam_box.blockSignals(True)
        self.exam_box.clear()
        for r in rows:
            self.exam_box.addItem(r.title, r.id)
        self.exam_box.addItem(self.tr("(new exam)"), None)
        self.exam_box.blockSignals(False)
        idx = self.exam_box.findData(select_id) if select_id is not None else 0
        self.exam_box.setCurrentIndex(max(idx, 0))
        self._exam_changed()

    def select_exam(self, exam_id: int | None) -> None:
        idx = self.exam_box.findData(exam_id)
        if idx < 0:
            self.load_exams(exam_id)
            return
        if idx == self.exam_box.currentIndex():
            self._exam_changed()
        else:
            self.exam_box.setCurrentIndex(idx)
        if exam_id is None:
            self.tabs.setCurrentWidget(self.setup)
            self.setup.title.setFocus()

    def _exam_changed(self) -> None:
        self.exam_id = self.exam_box.currentData()
        self.reload_exam()

    def reload_exam(self) -> None:
        self.setup.set_exam(self.exam_id)
        self.refresh_views()

    def _created(self, exam_id: int) -> None:
        self.load_exams(exam_id)

    def delete_exam(self) -> None:
        if self.exam_id is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete exam"),
            self.tr("Delete “{0}” with its scans and review decisions? Scores already in the gradebook stay.")
            .replace("{0}", self.exam_box.currentText()))
        if answer == QMessageBox.StandardButton.Yes:
            if self.selection.run(service.delete_exam, self.exam_id, self.ctx.actor, parent=self,
                                  title=self.tr("Delete exam")) is None:
                return
            self.load_exams()

    # -- refreshing -------------------------------------------------------------------
    def refresh_views(self) -> None:
        self.review.refresh()
        self.results.refresh()
        current = self.tabs.currentWidget()
        if current is self.analysis:
            self.analysis.refresh()
        self._queue_text()

    def _queue_text(self) -> None:
        n = len(self.review.items)
        self.queue_label.setText(self.tr("{0} to review").replace("{0}", str(n)) if n else "")
        self.tabs.setTabText(self.tabs.indexOf(self.review), self.tr("Review ({0})").replace("{0}", str(n))
                             if n else self.tr("Review"))

    def data_changed(self) -> None:
        """A tab changed the exam: refresh the views (the operation runner already told the
        other pages what changed)."""
        self.refresh_views()
        self.load_exams_keep()

    def load_exams_keep(self) -> None:
        current = self.exam_id
        idx = self.exam_box.findData(current)
        if idx >= 0 and current is not None:
            info = exams.load_exam(self.ctx.workspace, current)
            self.exam_box.setItemText(idx, info.title)

    def after_scan(self) -> None:
        """A batch finished or a camera sheet was stored."""
        self.refresh_views()

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.analysis:
            self.analysis.refresh()
        elif self.tabs.currentWidget() is self.review:
            self.review.setFocus()

    def _on_event(self, _changes: Changes) -> None:
        self.load_classes()

    # -- drag and drop --------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_paths(event.mimeData().urls())
        if paths:
            event.acceptProposedAction()
            self.tabs.setCurrentWidget(self.scan)
            self.scan.start(paths)

    def keyPressEvent(self, event: object) -> None:  # Escape cancels a running batch
        from PySide6.QtGui import QKeyEvent

        if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape and self.scan.busy:
            self.scan.cancel()
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]
