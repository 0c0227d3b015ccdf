"""Reports: preview each student's progress report, then build the class or school set.

Each family gets its report in its own language (chosen per guardian), whatever the
app's language. The preview is rendered in memory; the build writes one PDF per student
and one combined PDF for printing into the folder the teacher picks, on every core, with
a progress bar and Cancel.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Changes
from app.ui.common import file_dialogs
from app.ui.common.date_field import DateField, first_unreadable
from app.ui.common.language_picker import language_label
from app.ui.reports.preview import PdfPreview, pdf_page_count, pdf_page_image
from app.ui.shell.context import AppContext
from app.ui.shell.tasks import Task, TaskDialog

if TYPE_CHECKING:
    from app.reports.batch import BuildResult

ALL = 0


class ReportsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reports: list = []  # StudentReport rows for the current choice
        self.fallbacks: dict[str, int] = {}
        self._pdf: bytes | None = None
        self._page = 0
        self._pages = 0
        self.last_result: BuildResult | None = None
        self._stale = False
        self.task: Task | None = None

        self.term_box = QComboBox()
        self.class_box = QComboBox()
        self.language_box = QComboBox()
        self.language_box.addItem(self.tr("Each family's language"), "auto")
        self.language_box.addItem("English", "en")
        self.language_box.addItem("Español", "es")
        self.issued = DateField(dt.date.today())
        for box in (self.term_box, self.class_box, self.language_box):
            box.currentIndexChanged.connect(self.refresh)
        self.issued.dateChanged.connect(self.refresh)

        self.student_list = QListWidget()
        self.student_list.currentRowChanged.connect(self._preview_row)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Term"), self.term_box)
        form.addRow(self.tr("Classes"), self.class_box)
        form.addRow(self.tr("Language"), self.language_box)
        form.addRow(self.tr("Issue date"), self.issued)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(form)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.student_list, 1)

        self.preview = PdfPreview()
        self.prev_button = QPushButton("◀")
        self.next_button = QPushButton("▶")
        self.prev_button.clicked.connect(lambda: self._turn(-1))
        self.next_button.clicked.connect(lambda: self._turn(1))
        self.page_label = QLabel("")
        nav = QHBoxLayout()
        nav.addStretch(1)
        nav.addWidget(self.prev_button)
        nav.addWidget(self.page_label)
        nav.addWidget(self.next_button)
        nav.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.preview, 1)
        right_layout.addLayout(nav)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setSizes([320, 900])

        self.folder = QLineEdit(str(Path.home() / "Documents" / "TeacherDesk reports"))
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_folder)
        self.build_button = QPushButton(self.tr("Build PDFs"))
        self.build_button.setDefault(True)
        self.build_button.clicked.connect(self.build)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setEnabled(False)
        self.print_button.setToolTip(self.tr("Print the combined PDF of the last build"))
        # clicked(bool) must not arrive as the printer argument.
        self.print_button.clicked.connect(lambda _checked=False: self.print_set())
        self.open_button = QPushButton(self.tr("Open folder"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._open_folder)
        self.result_label = QLabel("")
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("Save to")))
        bottom.addWidget(self.folder, 1)
        bottom.addWidget(browse)
        bottom.addWidget(self.build_button)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.open_button)

        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.result_label)
        ctx.events.subscribe(self, Changes.ROSTER | Changes.SCHOOL | Changes.WORKSPACE | Changes.GRADEBOOK
                             | Changes.EXAMS, self._on_changed)
        self.refresh_choices()

    # --- choices and data -----------------------------------------------------------------

    def refresh_choices(self) -> None:
        from app.reports.gradebook_service import section_choices, term_choices

        with self.ctx.workspace.read() as s:
            terms, sections = term_choices(s), section_choices(s)
        for box in (self.term_box, self.class_box):
            box.blockSignals(True)
            box.clear()
        self.term_box.addItem(self.tr("Year to date"), ALL)
        for t in terms:
            self.term_box.addItem(t.label, t.id)
        if terms:
            self.term_box.setCurrentIndex(1)
        self.class_box.addItem(self.tr("All classes (whole school)"), ALL)
        for c in sections:
            self.class_box.addItem(c.label, c.id)
        for box in (self.term_box, self.class_box):
            box.blockSignals(False)
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes & (Changes.ROSTER | Changes.SCHOOL | Changes.WORKSPACE):
            self.refresh_choices()
        elif changes & (Changes.GRADEBOOK | Changes.EXAMS):
            # Grades change a keystroke at a time; rebuild the list when the page is next seen.
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)

    def issue_date(self) -> dt.date | None:
        """The issue date typed, or None while its text is not a date (the field says why)."""
        return self.issued.value()

    def refresh(self) -> None:
        from app.reports.data import ReportSelectionError, load_reports

        term = self.term_box.currentData() or None
        cls = self.class_box.currentData() or None
        issued = self.issue_date()
        if issued is None:  # never build reports with a date the teacher did not mean
            self.build_button.setEnabled(False)
            self.summary.setText(self.tr("The issue date is not a date: %1").replace("%1", self.issued.error()))
            return
        try:
            with self.ctx.workspace.read() as s:
                found = load_reports(s, term=term, cls=cls, language=self.language_box.currentData() or "auto",
                                     issued=issued)
        except ReportSelectionError as exc:
            self.reports, self.fallbacks = [], {}
            self.summary.setText(str(exc))
            self.student_list.clear()
            return
        self.reports, self.fallbacks = found.reports, found.fallbacks
        self.student_list.blockSignals(True)
        self.student_list.clear()
        for report in self.reports:
            item = QListWidgetItem(f"{report.sort_name}  ·  {language_label(report.language)}")
            self.student_list.addItem(item)
        self.student_list.blockSignals(False)
        counts: dict[str, int] = {}
        for report in self.reports:
            counts[report.language] = counts.get(report.language, 0) + 1
        text = self.tr("Reports: %1").replace("%1", str(len(self.reports)))
        if counts:
            text += ": " + ", ".join(f"{n} {language_label(lang)}" for lang, n in sorted(counts.items()))
        if self.fallbacks:
            text += "\n" + self.tr("No translation yet for %1: those families get English.").replace(
                "%1", ", ".join(sorted(language_label(code) for code in self.fallbacks)))
        missing = found.untranslated_comments
        if missing:  # a bank phrase with no version in a family's language is left out of that copy
            text += "\n" + self.tr("%n comment-bank phrase(s) left out: no version in the family's language. "
                                   "Add the translation in the comment bank.", "", len(missing))
        self.summary.setToolTip("\n".join(m.message() for m in missing))
        self.summary.setText(text)
        self.build_button.setEnabled(bool(self.reports))
        if self.reports:
            self.student_list.setCurrentRow(0)
        else:
            self._pdf = None
            self.preview.show_message(self.tr("No students in this choice."))

    # --- preview ----------------------------------------------------------------------

    def _preview_row(self, row: int) -> None:
        from app.reports.progress_pdf import render_report

        if not 0 <= row < len(self.reports):
            return
        self._pdf = render_report(self.reports[row])
        self._pages = pdf_page_count(self._pdf)
        self._page = 0
        self._show_page()

    def _turn(self, step: int) -> None:
        if self._pdf is None:
            return
        self._page = min(max(0, self._page + step), self._pages - 1)
        self._show_page()

    def _show_page(self) -> None:
        if self._pdf is None:
            return
        self.preview.show_image(pdf_page_image(self._pdf, self._page, dpi=96 * self.devicePixelRatioF()))
        self.page_label.setText(self.tr("Page %1 of %2").replace("%1", str(self._page + 1)).replace("%2", str(self._pages)))
        self.prev_button.setEnabled(self._page > 0)
        self.next_button.setEnabled(self._page < self._pages - 1)

    # --- build ------------------------------------------------------------------------

    def _choose_folder(self) -> None:
        folder = file_dialogs.choose_folder(self, "reports", self.tr("Save reports to"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def build(self) -> None:
        from app.reports.batch import build_reports

        if not self.reports or first_unreadable([self.issued]) is not None:
            return
        out = Path(self.folder.text()).expanduser()
        if out.exists() and not out.is_dir():
            QMessageBox.warning(self, self.tr("Build PDFs"),
                                self.tr("%1 is a file; choose a folder.").replace("%1", str(out)))
            return
        dialog = TaskDialog(self.tr("Building progress reports"), self)
        self.build_button.setEnabled(False)
        self.result_label.setText(self.tr("Building…"))
        task = dialog.run(build_reports, list(self.reports), out, on_done=self._built, on_error=self._failed,
                          with_events=True)
        task.signals.cancelled.connect(self._cancelled)
        self.task = task
        self._dialog = dialog

    def _cancelled(self) -> None:
        self.build_button.setEnabled(True)
        self.result_label.setText(self.tr("Cancelled; the PDFs already written stay in the folder, "
                                          "no combined PDF was made."))

    def _built(self, result) -> None:  # type: ignore[no-untyped-def]
        self.last_result = result
        self.build_button.setEnabled(True)
        if result.cancelled:
            self._cancelled()
            return
        self.open_button.setEnabled(True)
        self.print_button.setEnabled(result.combined is not None)
        self.result_label.setText(
            self.tr("%1 reports saved in %2 (%3 s); for printing: %4")
            .replace("%1", str(result.count)).replace("%2", str(result.out_dir))
            .replace("%3", f"{result.seconds:.1f}").replace("%4", result.combined.name if result.combined else "—")
        )
        self.ctx.status(self.result_label.text())

    def _failed(self, message: str) -> None:
        self.build_button.setEnabled(True)
        self.result_label.setText(self.tr("Not built: %1").replace("%1", message))

    def print_set(self, printer=None) -> int:  # type: ignore[no-untyped-def]
        """Print the last combined PDF; asks for a printer unless one is given (tests)."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
        from PySide6.QtWidgets import QProgressDialog

        from app.ui.reports.preview import print_pdf

        if self.last_result is None or self.last_result.combined is None:
            return 0
        if printer is None:
            # The printer (and the system's print service) is touched only from here, after
            # the teacher pressed Print.
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QPrintDialog.DialogCode.Accepted:
                return 0
        bar = QProgressDialog(self.tr("Printing…"), self.tr("Cancel"), 0, 1000, self)
        bar.setMinimumDuration(500)

        def step(fraction: float, message: str) -> None:
            bar.setValue(int(fraction * 1000))
            bar.setLabelText(self.tr("Printing page %1").replace("%1", message))
            QApplication.processEvents()

        try:
            pages = print_pdf(str(self.last_result.combined), printer, dpi=min(300, printer.resolution()),
                              progress=step, cancelled=bar.wasCanceled)
        except Exception as exc:  # a printer that went away, a full spool: say so, keep the app
            bar.close()
            QMessageBox.warning(self, self.tr("Printing failed"),
                                self.tr("The reports could not be printed: %1\n\n"
                                        "The PDF is still saved: %2").replace("%1", str(exc))
                                .replace("%2", str(self.last_result.combined)))
            return 0
        bar.close()
        self.ctx.status(self.tr("Sent %1 pages to the printer").replace("%1", str(pages)))
        return pages

    def _open_folder(self) -> None:
        if self.last_result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_result.out_dir)))
