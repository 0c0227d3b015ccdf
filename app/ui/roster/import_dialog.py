"""The roster import wizard: choose a source, map columns, check, import with progress.

Steps: 1. a OneRoster, Clever or School Data Sync folder/.zip, or a CSV export; 2. (plain
CSV only) which column is which, over a preview of the first rows; 3. the plan: a full
check on a worker (``check_roster``: it reads the files and compares them with the
workspace, writing nothing) showing what will be created/updated and every defective row
with file, line, reason and what will happen to it (skipped, or imported without the broken
reference); 4. with one click, the checked plan is imported by ``apply_roster_plan`` in one
transaction, on the UI thread through ``run_op`` (the app's single writer), which tells
every page what changed. Nothing is written before step 4, and never from a worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QThreadPool, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.store.roster import (
    FIELDS,
    ImportReport,
    RosterError,
    RosterPlan,
    apply_roster_plan,
    check_roster,
    detect_format,
    guess_mapping,
    preview,
)
from app.ui.common import file_dialogs
from app.ui.common.table_model import Column, RowTableModel
from app.ui.shell.context import AppContext
from app.ui.shell.operations import run_op
from app.ui.shell.tasks import Task, run_task

SOURCE, MAPPING, CHECK, IMPORT = range(4)
PREVIEW_ROWS = 10


@dataclass(frozen=True)
class IssueRow:
    kind: str  # "Error" / "Defect" / "Note", already translated
    file: str
    line: int
    message: str
    outcome: str = ""  # what the import does with the row


class RosterImportDialog(QDialog):
    """``RosterImportDialog(ctx, parent).exec()``; Accepted after a successful import."""

    imported = Signal(object)  # the ImportReport, once committed

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Import roster"))
        self.resize(860, 560)
        self.path: Path | None = None
        self.format = ""
        self.mapping: dict[str, str] = {}
        self.headers: list[str] = []
        self.check_report: ImportReport | None = None
        self.plan: RosterPlan | None = None
        self.report: ImportReport | None = None
        self.task: Task | None = None
        self.busy = False

        # Literal tr() calls so the strings reach the translation catalog.
        self.field_labels = {
            "student_id": self.tr("Student ID"), "last_name": self.tr("Last name"),
            "first_name": self.tr("First name"), "middle_name": self.tr("Middle name"),
            "preferred_name": self.tr("Preferred name"),
            "full_name": self.tr("Full name (Last, First)"), "grade": self.tr("Grade"),
            "student_email": self.tr("Student email"), "birth_date": self.tr("Birth date"),
            "pronouns": self.tr("Pronouns"), "guardian_name": self.tr("Parent/guardian name"),
            "guardian_first": self.tr("Parent first name"),
            "guardian_last": self.tr("Parent last name"), "guardian_email": self.tr("Parent email"),
            "guardian_phone": self.tr("Parent phone"),
            "guardian_relationship": self.tr("Relationship"), "language": self.tr("Home language"),
            "course": self.tr("Course"), "course_code": self.tr("Course code"),
            "section": self.tr("Section"), "period": self.tr("Period"),
            "teacher": self.tr("Teacher"), "teacher_email": self.tr("Teacher email"),
            "room": self.tr("Room"), "term": self.tr("Term"),
        }
        self.kind_labels = {
            "schools": self.tr("Schools"), "school years": self.tr("School years"),
            "terms": self.tr("Terms"), "courses": self.tr("Courses"),
            "classes": self.tr("Classes"), "staff": self.tr("Staff"),
            "students": self.tr("Students"), "guardians": self.tr("Parents and guardians"),
            "guardian links": self.tr("Student–family links"),
            "enrollments": self.tr("Enrollments"), "class teachers": self.tr("Class teachers"),
        }
        self.pages = QStackedWidget()
        self.pages.addWidget(self._source_page())
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._check_page())
        self.pages.addWidget(self._import_page())

        self.back_button = QPushButton(self.tr("< Back"))
        self.next_button = QPushButton(self.tr("Next >"))
        self.next_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        # Only the forward button may take Enter: a focused Back or Cancel (focus lands on
        # Cancel while "Check >" is disabled during the check) must not become the default.
        for button in (self.back_button, self.cancel_button):
            button.setAutoDefault(False)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.back_button, self.next_button, self.cancel_button):
            buttons.addWidget(b)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self._show(SOURCE)

    # -- pages ---------------------------------------------------------------------------

    def _source_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(self.tr(
            "Choose what your student information system exported:\n"
            "• a OneRoster 1.1 or 1.2 CSV set — a folder or a .zip with orgs.csv, users.csv, "
            "classes.csv, enrollments.csv…\n"
            "• or one CSV file with a row per student (or per student and class); you will "
            "match its columns in the next step.\n\n"
            "Importing again later updates the same students and classes; it never duplicates them."
        ))
        intro.setWordWrap(True)
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("Folder, .zip or .csv"))
        self.path_edit.textChanged.connect(self._path_edited)
        file_button = QPushButton(self.tr("Choose file…"))
        folder_button = QPushButton(self.tr("Choose folder…"))
        file_button.clicked.connect(self.choose_file)
        folder_button.clicked.connect(self.choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(file_button)
        row.addWidget(folder_button)
        self.source_status = QLabel()
        self.source_status.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.source_status)
        layout.addStretch(1)
        return page

    def _mapping_page(self) -> QWidget:
        page = QWidget()
        self.mapping_intro = QLabel()
        self.mapping_intro.setWordWrap(True)
        self.preview_table = QTableWidget()
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_table.verticalHeader().setVisible(False)
        self.mapping_status = QLabel()
        self.mapping_status.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.mapping_intro)
        layout.addWidget(self.preview_table, 1)
        layout.addWidget(self.mapping_status)
        self.combos: list[QComboBox] = []
        return page

    def _check_page(self) -> QWidget:
        page = QWidget()
        self.check_status = QLabel()
        self.check_status.setWordWrap(True)
        self.check_progress = QProgressBar()
        self.check_progress.setRange(0, 1000)
        self.issue_model: RowTableModel[IssueRow] = RowTableModel([
            Column(self.tr("Kind"), lambda r: r.kind),
            Column(self.tr("File"), lambda r: r.file),
            Column(self.tr("Line"), lambda r: r.line or "", align_right=True),
            Column(self.tr("What happens"), lambda r: r.outcome),
            Column(self.tr("Problem"), lambda r: r.message),
        ], self)
        self.issue_view = QTableView()
        self.issue_view.setModel(self.issue_model)
        self.issue_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.issue_view.verticalHeader().setVisible(False)
        self.issue_view.horizontalHeader().setStretchLastSection(True)
        self.check_summary = QPlainTextEdit()
        self.check_summary.setReadOnly(True)
        self.check_summary.setMaximumHeight(150)
        layout = QVBoxLayout(page)
        layout.addWidget(self.check_status)
        layout.addWidget(self.check_progress)
        layout.addWidget(self.check_summary)
        layout.addWidget(self.issue_view, 1)
        return page

    def _import_page(self) -> QWidget:
        page = QWidget()
        self.import_status = QLabel()
        self.import_status.setWordWrap(True)
        self.import_progress = QProgressBar()
        self.import_progress.setRange(0, 1000)
        self.import_summary = QPlainTextEdit()
        self.import_summary.setReadOnly(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.import_status)
        layout.addWidget(self.import_progress)
        layout.addWidget(self.import_summary, 1)
        return page

    # -- navigation ----------------------------------------------------------------------

    def _show(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self._update_buttons()

    def _update_buttons(self) -> None:
        page = self.pages.currentIndex()
        done = self.report is not None and self.report.applied
        self.back_button.setEnabled(page in (MAPPING, CHECK) and not self.busy)
        if page == SOURCE:
            self.next_button.setText(self.tr("Next >"))
            self.next_button.setEnabled(self.path is not None and bool(self.format))
        elif page == MAPPING:
            self.next_button.setText(self.tr("Check >"))
            self.next_button.setEnabled(bool(self.headers))
        elif page == CHECK:
            partial = self.check_report is not None and bool(self.check_report.defects)
            self.next_button.setText(self.tr("Import the good part") if partial else self.tr("Import"))
            self.next_button.setEnabled(
                not self.busy and self.check_report is not None and self.check_report.ok
            )
        else:
            self.next_button.setText(self.tr("Done"))
            self.next_button.setEnabled(done)
        self.cancel_button.setVisible(not done)  # after the import only "Done" remains
        self.next_button.setDefault(True)
        if page in (CHECK, IMPORT) and self.next_button.isEnabled() and not self.next_button.hasFocus():
            self.next_button.setFocus()  # never while the teacher types a path on the first page

    def go_back(self) -> None:
        page = self.pages.currentIndex()
        if page == CHECK and self.format == "csv":
            self._show(MAPPING)
        else:
            self._show(SOURCE)

    def go_next(self) -> None:
        page = self.pages.currentIndex()
        if page == SOURCE:
            if self.format == "csv":
                self._load_preview()
                self._show(MAPPING)
            else:
                self._start_check()
        elif page == MAPPING:
            self.mapping = self.current_mapping()
            self._start_check()
        elif page == CHECK:
            self._start_import()
        elif self.report is not None and self.report.applied:
            self.accept()

    # -- step 1: the source --------------------------------------------------------------

    def choose_file(self) -> None:
        path = file_dialogs.open_file(self, "roster", self.tr("Choose a roster file"),
                                      self.tr("Rosters (*.zip *.csv *.txt);;All files (*)"))
        if path:
            self.set_source(path)

    def choose_folder(self) -> None:
        path = file_dialogs.choose_folder(self, "roster", self.tr("Choose a OneRoster folder"))
        if path:
            self.set_source(path)

    def set_source(self, path: Path | str) -> None:
        """Choose the roster to import (also what the file pickers call)."""
        self.path_edit.setText(str(path))

    def _path_edited(self, text: str) -> None:
        self.path, self.format = None, ""
        self.check_report = None
        text = text.strip()
        if not text:
            self.source_status.setText("")
        else:
            try:
                self.format = detect_format(text)
                self.path = Path(text)
                self.source_status.setText({
                    "oneroster": self.tr("A OneRoster CSV set."),
                    "clever": self.tr("A Clever CSV set."),
                    "sds-1": self.tr("A School Data Sync (v1) CSV set."),
                    "sds-2.1": self.tr("A School Data Sync (v2.1) CSV set."),
                }.get(self.format, self.tr("A CSV export; next, match its columns.")))
            except RosterError as exc:
                self.source_status.setText(str(exc))
        self._update_buttons()

    # -- step 2: the column mapping ------------------------------------------------------

    def _load_preview(self) -> None:
        assert self.path is not None
        self.headers, self.combos = [], []
        try:
            p = preview(self.path, n=PREVIEW_ROWS)
        except RosterError as exc:
            self.preview_table.clear()
            self.preview_table.setRowCount(0)
            self.preview_table.setColumnCount(0)
            self.mapping_intro.setText("")
            self.mapping_status.setText(str(exc))
            return
        guess = guess_mapping(p.headers)
        by_column = {column: fld for fld, column in guess.items()}
        self.mapping_intro.setText(
            self.tr("{0}: {1} rows. Check what each column holds; the first rows are shown "
                    "below. Columns set to “(not imported)” are left out.")
            .replace("{0}", p.file).replace("{1}", str(p.total_rows))
        )
        table = self.preview_table
        table.clear()
        table.setColumnCount(len(p.headers))
        table.setRowCount(len(p.rows) + 1)
        table.setHorizontalHeaderLabels(p.headers)
        self.combos = []
        for c, header in enumerate(p.headers):
            combo = QComboBox()
            combo.addItem(self.tr("(not imported)"), "")
            for fld in FIELDS:
                combo.addItem(self.field_labels.get(fld, fld), fld)
            index = combo.findData(by_column.get(header, ""))
            combo.setCurrentIndex(max(0, index))
            combo.currentIndexChanged.connect(lambda _i, col=c: self._combo_changed(col))
            table.setCellWidget(0, c, combo)
            self.combos.append(combo)
            for r, row in enumerate(p.rows, start=1):
                table.setItem(r, c, QTableWidgetItem(row[c] if c < len(row) else ""))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.headers = p.headers
        self._mapping_hint()

    def _combo_changed(self, column: int) -> None:
        """A field belongs to one column: choosing it here clears it elsewhere."""
        chosen = self.combos[column].currentData()
        if chosen:
            for i, combo in enumerate(self.combos):
                if i != column and combo.currentData() == chosen:
                    combo.setCurrentIndex(0)
        self._mapping_hint()

    def set_column_field(self, header: str, fld: str) -> None:
        """Set what one column holds ("" for not imported), as the combo box does."""
        combo = self.combos[self.headers.index(header)]
        combo.setCurrentIndex(max(0, combo.findData(fld)))

    def current_mapping(self) -> dict[str, str]:
        return {combo.currentData(): header
                for header, combo in zip(self.headers, self.combos, strict=True)
                if combo.currentData()}

    def _mapping_hint(self) -> None:
        m = self.current_mapping()
        missing = []
        if "student_id" not in m:
            missing.append(self.tr("Student ID"))
        if not ("full_name" in m or ("first_name" in m and "last_name" in m)):
            missing.append(self.tr("First name and Last name (or Full name)"))
        self.mapping_status.setText(
            self.tr("Still needed: {0}").replace("{0}", "; ".join(missing)) if missing else ""
        )

    # -- step 3: the check (a dry run) ---------------------------------------------------

    def _start_check(self) -> None:
        assert self.path is not None
        self.check_report = None
        self.plan = None
        self.issue_model.set_rows([])
        self.check_summary.setPlainText("")
        self.check_status.setText(self.tr("Checking every row…"))
        self.check_progress.setValue(0)
        self.check_progress.setVisible(True)
        self._show(CHECK)
        self.busy = True
        mapping = self.mapping if self.format == "csv" else None
        # Read-only work on the pool: the check compares with the workspace and keeps nothing.
        self.task = run_task(
            _check, self.ctx.workspace, self.path, mapping, on_done=self._checked, on_error=self._failed,
            on_progress=lambda f, _m: self.check_progress.setValue(int(f * 1000)),
            on_cancelled=self._cancelled,
        )
        self._update_buttons()

    def count_lines(self, report: ImportReport) -> list[str]:
        """ "Students: 5 new, 1 changed, 2 removed, 40 unchanged", one line per kind."""
        words = {"created": self.tr("{0} new"), "updated": self.tr("{0} changed"),
                 "deleted": self.tr("{0} removed"), "unchanged": self.tr("{0} unchanged")}
        lines = []
        for kind, row in report.counts().items():
            parts = [words[what].replace("{0}", str(n)) for what, n in row.items() if n]
            lines.append(f"{self.kind_labels.get(kind, kind)}: " + ", ".join(parts))
        return lines

    def _issues(self, report: ImportReport) -> list[IssueRow]:
        error, defect, note = self.tr("Error"), self.tr("Defect"), self.tr("Note")
        return ([IssueRow(error, e.file, e.line, e.message, self.tr("nothing is imported")) for e in report.errors]
                + [IssueRow(defect, d.file, d.line, d.message, d.outcome()) for d in report.defects]
                + [IssueRow(note, w.file, w.line, w.message) for w in report.warnings])

    def _checked(self, plan: RosterPlan) -> None:
        self.busy = False
        self.task = None
        self.plan = plan
        self.check_report = report = plan.report
        self.check_progress.setVisible(False)
        self.issue_model.set_rows(self._issues(report))
        self.issue_view.resizeColumnsToContents()
        self.check_summary.setVisible(report.ok)
        if report.ok and report.defects:
            self.check_status.setText(
                self.tr("%n row(s) have problems (listed below with what will happen to each). "
                        "Import the good part now, or cancel and ask for a corrected export. "
                        "Import will make these changes:", "", len(report.defects)))
            self.check_summary.setPlainText("\n".join(self.count_lines(report)) or self.tr("Nothing to change."))
        elif report.ok:
            self.check_status.setText(self.tr("Everything checks out. Import will make these changes:"))
            self.check_summary.setPlainText("\n".join(self.count_lines(report)) or self.tr("Nothing to change."))
        else:
            self.check_status.setText(
                self.tr("%n problem(s) found; nothing will be imported until they are fixed. "
                        "Fix them in your SIS export (file and line below) and check again.", "",
                        len(report.errors))
            )
        self._update_buttons()

    # -- step 4: the import --------------------------------------------------------------

    def _start_import(self) -> None:
        """Write the checked plan: one transaction on the UI thread (the app's single writer)."""
        plan = self.plan
        if plan is None:
            return
        self.report = None
        self.plan = None  # a plan is imported once; Back and Check make a new one
        self.import_status.setText(self.tr("Importing…"))
        self.import_progress.setValue(0)
        self.import_summary.setPlainText("")
        self._show(IMPORT)
        self.busy = True
        self._update_buttons()
        # Paint the page before the write holds the UI thread (no clicks are taken meanwhile).
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        done = run_op(self.ctx, apply_roster_plan, plan, parent=self, title=self.tr("Roster not imported"),
                      progress=self._import_progress)
        self.busy = False
        if done is None:  # refused (a demo workspace…): the message box said why
            self.import_status.setText(self.tr("Nothing was imported."))
            self._update_buttons()
            return
        self._imported(done.value)

    def _import_progress(self, fraction: float, _message: str) -> None:
        # The write holds the UI thread: repaint the bar alone (no event loop runs, so no
        # other work can start in the middle of the transaction).
        value = int(fraction * 1000)
        if value - self.import_progress.value() >= 10 or value == 1000:
            self.import_progress.setValue(value)
            self.import_progress.repaint()

    def _imported(self, report: ImportReport) -> None:
        self.report = report
        self.import_progress.setValue(1000)
        if report.applied:
            self.import_status.setText(
                self.tr("The good part of the roster is imported; %n row(s) were not, or only in part.",
                        "", len(report.defects)) if report.defects else self.tr("The roster is imported."))
            notes = [self.tr("Not imported as is: {0}").replace("{0}", str(d)) for d in report.defects]
            notes += [self.tr("Note: {0}").replace("{0}", str(w)) for w in report.warnings]
            self.import_summary.setPlainText("\n".join(self.count_lines(report) + [""] + notes))
            self.ctx.status(self.tr("Roster imported from {0}.").replace("{0}", report.source))
            self.imported.emit(report)
        else:  # the workspace changed since the check
            self.import_status.setText(self.tr("Nothing was imported:"))
            self.import_summary.setPlainText("\n".join(str(e) for e in report.errors))
        self._update_buttons()

    def _failed(self, message: str) -> None:
        self.busy = False
        self.task = None
        label = self.import_status if self.pages.currentIndex() == IMPORT else self.check_status
        label.setText(self.tr("Nothing was imported: {0}").replace("{0}", message))
        self.check_progress.setVisible(False)
        self._update_buttons()

    def _cancelled(self) -> None:
        self.busy = False
        self.task = None
        label = self.import_status if self.pages.currentIndex() == IMPORT else self.check_status
        label.setText(self.tr("Cancelled; nothing was imported."))
        self._update_buttons()

    def reject(self) -> None:
        """Cancel: stop a running check or import first (it rolls back)."""
        if self.task is not None:
            self.task.cancel()
            QThreadPool.globalInstance().waitForDone(10_000)
        super().reject()


def _check(ws: Any, path: Path, mapping: dict[str, str] | None, *, progress: Any = None,
           cancelled: Any = None) -> RosterPlan:
    """The check, on the worker; a file that cannot be read at all becomes a report error."""
    try:
        return check_roster(ws, path, mapping, progress=progress, cancelled=cancelled)
    except RosterError as exc:
        report = ImportReport(source=path.name, dry_run=True)
        report.error("", 0, str(exc))
        return RosterPlan(path, "", mapping, False, report)
