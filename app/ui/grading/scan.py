"""Scanning: files and folders (dropped or picked) read in the background, and the camera."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.grading import exams, service
from app.ui.common import file_dialogs
from app.ui.grading.selection import ExamSelection
from app.ui.grading.widgets import SheetView
from app.ui.shell.tasks import Task, run_task

STATUS_TEXT = {  # translated with the ScanTab context
    "ok": QT_TRANSLATE_NOOP("ScanTab", "OK"),
    "review": QT_TRANSLATE_NOOP("ScanTab", "To review"),
    "not_a_sheet": QT_TRANSLATE_NOOP("ScanTab", "Not a sheet"),
    "error": QT_TRANSLATE_NOOP("ScanTab", "Unreadable"),
    "discarded": QT_TRANSLATE_NOOP("ScanTab", "Set aside"),
}


class ScanTab(QWidget):
    """Drop scans here (or pick them): a progress bar with Cancel, pages listed as they are read."""

    pages_added = Signal()

    def __init__(self, selection: ExamSelection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sel = selection
        self.task: Task | None = None
        self.added = 0
        self.exam_of_batch = 0
        self.drop_hint = QLabel(self.tr("Drop scans here — image files, PDFs or whole folders — or pick them:"))
        self.drop_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_hint.setMinimumHeight(70)
        self.drop_hint.setStyleSheet("QLabel { border: 2px dashed #8a8f99; border-radius: 8px; padding: 12px; }")
        files = QPushButton(self.tr("Add files…"))
        files.clicked.connect(self.pick_files)
        folder = QPushButton(self.tr("Add a folder…"))
        folder.clicked.connect(self.pick_folder)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress_label = QLabel(self.tr("Nothing being read."))
        self.refused_label = QLabel("")
        self.refused_label.setWordWrap(True)
        self.refused_label.setStyleSheet("color: #8a1c1c;")
        self.refused_label.setVisible(False)
        self.refused_box: QMessageBox | None = None
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Status"), self.tr("Student"),
                                              self.tr("Score"), self.tr("Notes")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 200)
        self.table.setColumnWidth(2, 200)

        buttons = QHBoxLayout()
        buttons.addWidget(files)
        buttons.addWidget(folder)
        buttons.addStretch(1)
        prog = QHBoxLayout()
        prog.addWidget(self.progress, 1)
        prog.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.drop_hint)
        layout.addLayout(buttons)
        layout.addLayout(prog)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.refused_label)
        layout.addWidget(self.table, 1)

    def pick_files(self) -> None:
        paths = file_dialogs.open_files(self, "scans", self.tr("Scans to grade"),
                                         self.tr("Scans (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp *.pdf)"))
        if paths:
            self.start(paths)

    def pick_folder(self) -> None:
        folder = file_dialogs.choose_folder(self, "scans", self.tr("Folder of scans"))
        if folder:
            self.start([folder])

    @property
    def busy(self) -> bool:
        return self.task is not None

    def start(self, paths: list[str]) -> bool:
        """Read ``paths`` for the current exam in the background."""
        from app.grading.exam_scan import read_files

        exam_id = self.sel.exam_id
        if exam_id is None or self.task is not None:
            self.sel.status(self.tr("Choose or create an exam first.") if exam_id is None
                                 else self.tr("Still reading the previous batch."))
            return False
        paths = self._only_scans(paths)
        if not paths:
            return False
        info = exams.load_exam(self.sel.workspace, exam_id)
        self.added = 0
        self.progress.setValue(0)
        self.progress_label.setText(self.tr("Starting…"))
        self.cancel_button.setEnabled(True)
        self.task = run_task(
            read_files, [str(p) for p in paths], info.template, info.key,
            on_partial=lambda rp: self._one(exam_id, rp), on_progress=self._progress, on_event=self._event,
            on_done=lambda _r: self._finished(False), on_cancelled=lambda: self._finished(True),
            on_error=self._failed,
        )
        return True

    def _only_scans(self, paths: list[str]) -> list[str]:
        """Images and PDFs go on to be read; anything else is refused now, in one message."""
        from app.grading.scan_inputs import split_inputs

        found = split_inputs(paths)
        if found.refused or found.missing:
            parts = []
            if found.refused:
                parts.append(self.tr("Not read — these are not scans (images or PDFs): %1.")
                             .replace("%1", found.refused_text()))
            if found.missing:
                parts.append(self.tr("Not found: %1.").replace("%1", ", ".join(p.name for p in found.missing[:12])))
            if found.files:
                parts.append(self.tr("The other %n file(s) are being read.", "", len(found.files)))
            self.refused_label.setText(" ".join(parts))
            self.refused_label.setVisible(True)
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Some files are not scans"), " ".join(parts),
                              QMessageBox.StandardButton.Ok, self)
            box.setWindowModality(Qt.WindowModality.WindowModal)
            box.open()
            self.refused_box = box
        else:
            self.refused_label.setVisible(False)
        if not found.files and not found.refused and not found.missing:
            self.progress_label.setText(self.tr("No scans found there."))
        return [str(f) for f in found.files]

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.progress_label.setText(self.tr("Cancelling…"))

    def _progress(self, fraction: float, _message: str) -> None:
        self.progress.setValue(int(fraction * 1000))

    def _event(self, event: Any) -> None:
        # The count comes as numbers (grading.page: done, total); the sentence is the app's own.
        from app.ui.shell.progress_text import event_text

        self.progress.setValue(int(event.fraction * 1000))
        self.progress_label.setText(event_text(event))

    def _one(self, exam_id: int, rp: Any) -> None:
        # One page of a batch: stored now, the gradebook brought up to date once at the end.
        stored = self.sel.run(service.add_page, exam_id, rp, sync=False, parent=self, title=self.tr("Scan"))
        if stored is None:
            return
        page_id = stored.value
        self.exam_of_batch = exam_id
        self.added += 1
        self.add_row(exams.page(self.sel.workspace, page_id))
        self.pages_added.emit()

    def add_row(self, row: exams.PageRow) -> None:
        r = row.result
        n = self.table.rowCount()
        self.table.insertRow(n)
        status = self.tr(str(STATUS_TEXT.get(row.status, row.status)))
        who = row.student_name or (self.tr("unknown ID {0}").replace("{0}", row.read_student_id)
                                   if row.read_student_id else self.tr("no ID"))
        score = f"{r.score:g} / {r.max_score:g}" if r.score is not None and r.max_score else ""
        notes = r.reason
        if row.match == exams.DUPLICATE:
            notes = self.tr("second sheet for this student") + ("; " + notes if notes else "")
        for c, text in enumerate([row.source or r.file, status, who, score, notes]):
            self.table.setItem(n, c, QTableWidgetItem(text))
        self.table.scrollToBottom()

    def _finished(self, cancelled: bool) -> None:
        self.task = None
        if self.added:
            self.sel.run(service.sync_gradebook, self.exam_of_batch, parent=self, title=self.tr("Scan"))
        self.cancel_button.setEnabled(False)
        text = (self.tr("Cancelled after %n page(s).", "", self.added) if cancelled
                else self.tr("Done: %n page(s) read.", "", self.added))
        self.progress_label.setText(text)
        if not cancelled:
            self.progress.setValue(1000)
        self.sel.status(self.progress_label.text())
        self.sel.after_scan()

    def _failed(self, message: str) -> None:
        self.task = None
        if self.added:
            self.sel.run(service.sync_gradebook, self.exam_of_batch, parent=self, title=self.tr("Scan"))
        self.cancel_button.setEnabled(False)
        self.progress_label.setText(self.tr("Reading stopped: {0}").replace("{0}", message))


class CameraTab(QWidget):
    """A live camera preview that outlines the sheet and captures it when it is steady.

    The source is a device index ("0"), a video file, or an image sequence pattern such
    as ``frames/frame_%03d.png``. Captured frames stay in memory and go straight into
    the workspace (encrypted); nothing is written to disk.
    """

    captured = Signal(int)  # page id

    def __init__(self, selection: ExamSelection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sel = selection
        self.capture: Any = None
        self.watcher: Any = None
        self.info: exams.ExamInfo | None = None
        self.count = 0
        self.frames = 0
        self.reading: list[Task] = []
        self.source = QLineEdit("0")
        self.source.setToolTip(self.tr("Camera number (0 = the laptop's camera), a video file, or an image "
                                       "sequence like frames/frame_%03d.png"))
        self.start_button = QPushButton(self.tr("Start camera"))
        self.start_button.clicked.connect(self.toggle)
        self.view = SheetView()
        self.view.placeholder = self.tr("Start the camera and hold the answer sheets up one after another.\n"
                                        "A sheet is captured when all four corner marks are in view and it is still.")
        self.state_label = QLabel()
        self.count_label = QLabel()
        self.timer = QTimer(self)
        self.timer.setInterval(40)
        self.timer.timeout.connect(self.tick)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Camera or video:")))
        top.addWidget(self.source, 1)
        top.addWidget(self.start_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.state_label, 1)
        bottom.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self._update_count()

    @property
    def running(self) -> bool:
        return self.timer.isActive()

    def toggle(self) -> None:
        if self.running:
            self.stop()
        else:
            self.start()

    def start(self) -> bool:
        from app.grading.exam_camera import SheetWatcher, open_source

        if self.sel.exam_id is None:
            self.state_label.setText(self.tr("Choose or create an exam first."))
            return False
        self.info = exams.load_exam(self.sel.workspace, self.sel.exam_id)
        if self.info.template.registration.method != "aruco":
            self.state_label.setText(self.tr("The camera needs TeacherDesk sheets (corner codes); scan this form instead."))
            return False
        cap = open_source(self.source.text().strip() or "0")
        if not cap.isOpened():
            self.state_label.setText(self.tr("Cannot open the camera or file {0}.").replace("{0}", self.source.text()))
            return False
        self.capture = cap
        self.watcher = SheetWatcher(self.info.template)
        self.frames = 0
        self.start_button.setText(self.tr("Stop camera"))
        self.timer.start()
        return True

    def stop(self, message: str = "") -> None:
        self.timer.stop()
        if self.capture is not None:
            self.capture.release()
            self.capture = None
        self.start_button.setText(self.tr("Start camera"))
        self.view.outline = []
        self.view.update()
        if message:
            self.state_label.setText(message)

    def tick(self) -> None:
        if self.capture is None or self.watcher is None:
            return
        ok, frame = self.capture.read()
        if not ok:
            self.stop(self.tr("The video ended.") if self.frames else self.tr("No picture from the camera."))
            return
        self.frames += 1
        state = self.watcher.feed(frame)
        self.view.set_image(frame)
        self.view.outline = [QPointF(float(x), float(y)) for x, y in state.outline] if state.outline is not None else []
        self.state_label.setText(self.tr(state.message))
        if state.capture:
            self.view.start_flash()
            QApplication.beep()
            self._read(frame.copy())

    def _read(self, frame: np.ndarray) -> None:
        from app.grading.exam_scan import read_frame

        assert self.info is not None
        info = self.info
        exam_id = info.id
        n = self.count + len(self.reading) + 1
        task = run_task(
            lambda progress=None, cancelled=None: read_frame(frame, info.template, info.key, f"camera {n}"),
            on_done=lambda rp: self._store(exam_id, rp, task),
            on_error=lambda msg: self.state_label.setText(msg),
        )
        self.reading.append(task)

    def _store(self, exam_id: int, rp: Any, task: Task) -> None:
        if task in self.reading:
            self.reading.remove(task)
        stored = self.sel.run(service.add_page, exam_id, rp, parent=self, title=self.tr("Camera"))
        if stored is None:
            return
        page_id = stored.value
        self.count += 1
        self._update_count()
        row = exams.page(self.sel.workspace, page_id)
        who = row.student_name or row.read_student_id or self.tr("no ID")
        self.sel.status(self.tr("Captured sheet {0}: {1}").replace("{0}", str(self.count)).replace("{1}", who))
        self.captured.emit(page_id)
        self.sel.after_scan()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("Sheets captured: {0}").replace("{0}", str(self.count)))

    def hideEvent(self, event: Any) -> None:
        self.stop()
        super().hideEvent(event)


def dropped_paths(urls: list[Any]) -> list[str]:
    return [u.toLocalFile() for u in urls if u.isLocalFile() and Path(u.toLocalFile()).exists()]
