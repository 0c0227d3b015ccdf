"""Gradebook: pick a class and term, type scores fast, take attendance, write comments.

Scores from scanned bubble-sheet exams arrive as assignments with origin "omr" and show
up here like any other column (marked "(scan)"). Every edit is saved at once in its own
transaction with an audit entry.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Changes, Done
from app.core.errors import UserFacingError
from app.core.i18n import get_language
from app.reports import gradebook_service as svc
from app.reports.gradebook import Mark
from app.store.school_days import days_off
from app.ui.common.empty_state import GettingStarted
from app.ui.common.flow_layout import FlowLayout
from app.ui.gradebook.attendance import AttendanceTab
from app.ui.gradebook.comments import CommentsTab
from app.ui.gradebook.dialogs import AssignmentDialog, CategoriesDialog
from app.ui.gradebook.model import FIXED_COLUMNS, GradebookModel
from app.ui.gradebook.view import GradeTable
from app.ui.shell.context import AppContext
from app.ui.shell.operations import run_op

T = TypeVar("T")

WHOLE_YEAR = 0


class GradebookPage(QWidget):
    DEPENDS_ON = Changes.GRADEBOOK | Changes.EXAMS | Changes.ROSTER | Changes.SCHOOL | Changes.WORKSPACE

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.grid: svc.Grid | None = None
        self._saving = False

        self.class_box = QComboBox()
        self.class_box.setMinimumWidth(260)
        self.term_box = QComboBox()
        self.class_box.currentIndexChanged.connect(self.reload)
        self.term_box.currentIndexChanged.connect(self.reload)
        self.show_left = QCheckBox(self.tr("Show students who left"))
        self.show_left.setToolTip(self.tr("Students no longer in this class, greyed at the end of the list: "
                                          "their grades are kept and can be read, not changed."))
        self.show_left.toggled.connect(self.reload)
        self.new_button = QPushButton(self.tr("New assignment…"))
        self.new_button.clicked.connect(self.new_assignment)
        self.edit_button = QPushButton(self.tr("Edit assignment…"))
        self.edit_button.clicked.connect(self.edit_assignment)
        self.categories_button = QPushButton(self.tr("Categories && policy…"))
        self.categories_button.clicked.connect(self.edit_categories)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("The grades (or, on the Attendance tab, the attendance) as an Excel "
                                              "workbook, CSV, or for Canvas, Google Classroom or OneRoster"))
        self.export_button.clicked.connect(self.export_dialog)

        self.model = GradebookModel(self._save_marks, self)
        self.model.error.connect(self._show_message)
        self.model.notice.connect(self._show_notice)
        self.table = GradeTable()
        self.table.setModel(self.model)
        self.table.message.connect(self._show_notice)
        self.table.undo_requested.connect(self.undo_last_edit)
        self.table.note_requested.connect(self.edit_note)
        self.hint = QLabel(self.tr(
            "Type points, Enter ↓ Tab →.  M missing · L late · X excused · I incomplete · Delete clears · "
            "Ctrl+Z undoes · right-click for a note · Ctrl+V pastes a column from a spreadsheet.  "
            "(scan) = from a scanned exam, ★ = extra credit"))
        self.hint.setWordWrap(True)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #8a1c1c;")

        # Names and running grades stay put while the assignments scroll (a frozen pane):
        # a second view on the same model and selection, scrolled with the grid.
        self.frozen = QTableView()
        self.frozen.setModel(self.model)
        self.frozen.setSelectionModel(self.table.selectionModel())
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.verticalHeader().setVisible(False)
        self.frozen.verticalHeader().setDefaultSectionSize(self.table.verticalHeader().defaultSectionSize())
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.frozen.setAlternatingRowColors(True)
        self.table.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        self.frozen.verticalScrollBar().valueChanged.connect(self.table.verticalScrollBar().setValue)
        self.frozen.clicked.connect(lambda index: self.table.setCurrentIndex(
            self.model.index(index.row(), FIXED_COLUMNS)))
        grid_row = QHBoxLayout()
        grid_row.setSpacing(0)
        grid_row.addWidget(self.frozen)
        grid_row.addWidget(self.table, 1)

        grades_tab = QWidget()
        grades_layout = QVBoxLayout(grades_tab)
        grades_layout.setContentsMargins(0, 4, 0, 0)
        grades_layout.addLayout(grid_row)
        grades_layout.addWidget(self.hint)
        grades_layout.addWidget(self.status)

        self.attendance = AttendanceTab(self._save_attendance, self._mark_all_present)
        self.comments = CommentsTab(self._load_comment, self._save_comment, self._add_phrase)
        self.tabs = QTabWidget()
        self.tabs.addTab(grades_tab, self.tr("Grades"))
        self.tabs.addTab(self.attendance, self.tr("Attendance"))
        self.tabs.addTab(self.comments, self.tr("Comments"))

        top = FlowLayout()  # wraps instead of widening the window
        top.addWidget(QLabel(self.tr("Class")))
        top.addWidget(self.class_box, 2)
        top.addWidget(QLabel(self.tr("Term")))
        top.addWidget(self.term_box, 1)
        top.addWidget(self.show_left)
        top.addStretch(1)
        top.addWidget(self.new_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.categories_button)
        top.addWidget(self.export_button)
        self.getting_started = GettingStarted(
            self.tr("No classes yet"),
            self.tr("The gradebook shows one class at a time. Import your roster or add a class on "
                    "the Classes & Students page first; its students then appear here."),
            [(self.tr("Go to Classes && Students"), self._go_to_roster)])
        self.getting_started.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.getting_started)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addStretch(0)  # takes the room when there are no classes (and no tabs)

        run_op(ctx, svc.ensure_default_bank, parent=self)  # before subscribing: this page loads next
        ctx.events.subscribe(self, self.DEPENDS_ON, self._on_changed)
        self.refresh_choices()

    # --- loading ----------------------------------------------------------------------

    def refresh_choices(self) -> None:
        with self.ctx.workspace.read() as s:
            sections = svc.section_choices(s)
            terms = svc.term_choices(s)
        keep_class, keep_term = self.class_box.currentData(), self.term_box.currentData()
        for box in (self.class_box, self.term_box):
            box.blockSignals(True)
            box.clear()
        for c in sections:
            self.class_box.addItem(c.label, c.id)
        self.term_box.addItem(self.tr("Whole year"), WHOLE_YEAR)
        for t in terms:
            self.term_box.addItem(t.label, t.id)
        if keep_class is not None:
            self.class_box.setCurrentIndex(max(0, self.class_box.findData(keep_class)))
        if keep_term is not None:
            self.term_box.setCurrentIndex(max(0, self.term_box.findData(keep_term)))
        elif terms:
            self.term_box.setCurrentIndex(1)
        for box in (self.class_box, self.term_box):
            box.blockSignals(False)
        self.reload()

    def select(self, section_id: int, term_id: int | None = None) -> None:
        self.class_box.setCurrentIndex(max(0, self.class_box.findData(section_id)))
        if term_id is not None:
            self.term_box.setCurrentIndex(max(0, self.term_box.findData(term_id)))

    def export_dialog(self) -> None:
        from app.ui.common.export_dialog import ask_export

        section_id = self.class_box.currentData()
        if section_id is None:
            return
        attendance = self.tabs.currentWidget() is self.attendance
        formats = ("xlsx", "csv-excel", "csv") if attendance else \
            ("xlsx", "csv-excel", "csv", "canvas", "classroom", "oneroster")
        what = self.tr("attendance") if attendance else self.tr("grades")
        chosen = ask_export(self, self.tr("Export {0}").replace("{0}", what),
                            f"{self.class_box.currentText()} {what}", formats)
        if chosen is not None:
            self.export_to(*chosen, attendance=attendance)

    def export_to(self, path: Path, fmt: str, *, attendance: bool = False) -> list[Path]:
        """Export the class shown (its grades for the term shown, or its attendance over the
        term, the whole year when "Whole year" is chosen) as ``fmt`` to ``path``."""
        from app.reports.export_service import export_attendance, export_class_grades, term_range
        from app.ui.common.export_dialog import system_locale

        section_id = int(self.class_box.currentData())
        try:
            if attendance:
                start, end = term_range(self.ctx.workspace, self.term_id())
                paths = export_attendance(self.ctx.workspace, [section_id], start, end, fmt, path,
                                          locale=system_locale())
            else:
                paths = export_class_grades(self.ctx.workspace, [section_id], self.term_id(), fmt, path,
                                            locale=system_locale())
        except (UserFacingError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Export"), str(exc))
            return []
        self.ctx.status(self.tr("Exported to {0}").replace("{0}", ", ".join(p.name for p in paths[:3])))
        return paths

    def term_id(self) -> int | None:
        value = self.term_box.currentData()
        return None if not value else int(value)

    def _go_to_roster(self) -> None:
        show_page = self.ctx.extras.get("show_page")
        if callable(show_page):
            show_page("roster")

    def reload(self) -> None:
        section_id = self.class_box.currentData()
        self.getting_started.setVisible(self.class_box.count() == 0)
        self.tabs.setVisible(self.class_box.count() > 0)
        for button in (self.new_button, self.edit_button, self.categories_button, self.export_button):
            button.setEnabled(section_id is not None)
        if section_id is None:
            self.grid = None
            self.model.set_grid(None)
            return
        with self.ctx.workspace.read() as s:
            self.grid = svc.load_grid(s, int(section_id), self.term_id(),
                                      include_inactive=self.show_left.isChecked())
            notes = svc.score_notes(s, [a.id for a in self.grid.section.assignments])
            start, end = self._period(s)
            current = [st for st in self.grid.students if st.active]  # attendance and comments: the class now
            records = svc.load_attendance(s, [st.id for st in current], start, end)
            off = days_off(s, start, end)
            phrases = [(p.category, p.text) for p in svc.comment_bank(s, get_language())]
        self.model.set_grid(self.grid, notes)
        self._layout_columns()
        self.attendance.load(current, start, min(end, max(start, dt.date.today())), records,
                             dt.date.today(), off)
        self.comments.load(current, phrases)
        self.status.setText("")

    def _layout_columns(self) -> None:
        columns = self.model.columnCount()
        self.table.resizeColumnsToContents()
        for column in range(FIXED_COLUMNS, columns):
            self.table.setColumnWidth(column, max(64, min(self.table.columnWidth(column), 120)))
        self.frozen.resizeColumnsToContents()
        self.frozen.setColumnWidth(0, max(180, min(self.frozen.columnWidth(0), 260)))
        self.frozen.setColumnWidth(1, 96)
        for column in range(columns):
            self.table.setColumnHidden(column, column < FIXED_COLUMNS)
            self.frozen.setColumnHidden(column, column >= FIXED_COLUMNS)
        self.frozen.setFixedWidth(self.frozen.columnWidth(0) + self.frozen.columnWidth(1) + 2)
        # Both headers as tall as the two-line assignment titles, so the rows line up.
        height = max(self.table.horizontalHeader().sizeHint().height(),
                     self.frozen.horizontalHeader().sizeHint().height(), 24)
        self.table.horizontalHeader().setFixedHeight(height)
        self.frozen.horizontalHeader().setFixedHeight(height)

    def _period(self, session) -> tuple[dt.date, dt.date]:  # type: ignore[no-untyped-def]
        from app.store.models import SchoolYear, Term

        term = session.get(Term, self.term_id()) if self.term_id() else None
        if term is not None:
            return term.start_date, term.end_date
        today = dt.date.today()
        year = session.query(SchoolYear).filter(SchoolYear.start_date <= today).order_by(
            SchoolYear.start_date.desc()).first()
        if year is not None:
            return year.start_date, year.end_date
        return today.replace(day=1), today

    def _on_changed(self, changes: Changes) -> None:
        if self._saving:
            return
        if changes & (Changes.ROSTER | Changes.SCHOOL | Changes.WORKSPACE):
            self.refresh_choices()
        elif changes & (Changes.GRADEBOOK | Changes.EXAMS):
            self.reload()

    # --- saving -----------------------------------------------------------------------

    def _run(self, service: Callable[..., Done[T]], *args: Any, title: str = "",
             on_error: Callable[[str], None] | None = None) -> Done[T] | None:
        """A gradebook use case through the app's operation runner (one transaction, its
        notice to every other page once); this page already shows the edit and skips it.
        A refusal goes to ``on_error`` when given (shown in place), else to a message box."""
        self._saving = True
        try:
            return run_op(self.ctx, service, self.ctx.actor, *args, parent=self, title=title, on_error=on_error)
        finally:
            self._saving = False

    def _save_marks(self, changes: list[tuple[int, int, Mark]]) -> None:
        if len(changes) == 1:
            self._run(svc.save_mark, *changes[0], title=self.tr("Gradebook"))
        else:
            self._run(svc.save_marks, changes, title=self.tr("Gradebook"))
        self.status.setText("")

    def _save_attendance(self, student_id: int, day: dt.date, status: str | None) -> None:
        self._run(svc.save_attendance, student_id, day, status, title=self.tr("Attendance"))

    def _load_comment(self, student_id: int) -> str:
        section_id = self.class_box.currentData()
        with self.ctx.workspace.read() as s:
            return svc.term_comment(s, student_id, int(section_id), self.term_id())

    def _save_comment(self, student_id: int, text: str) -> None:
        section_id = self.class_box.currentData()
        if section_id is None:
            return
        if self._run(svc.save_term_comment, student_id, int(section_id), self.term_id(), text,
                     title=self.tr("Comment")) is not None:
            self.ctx.status(self.tr("Comment saved"))

    def _add_phrase(self, category: str, text: str) -> None:
        add = functools.partial(svc.add_bank_phrase, language=get_language())  # the teacher's language
        self._run(add, category, text, title=self.tr("Comment bank"))

    def _show_message(self, text: str) -> None:
        self.status.setStyleSheet("color: #8a1c1c;")
        self.status.setText(text)
        self.ctx.status(text)

    def _show_notice(self, text: str) -> None:
        self.status.setStyleSheet("color: #1F4E79;")
        self.status.setText(text)
        self.ctx.status(text)

    def _mark_all_present(self, student_ids: list[int], day: dt.date) -> int:
        done = self._run(svc.mark_all_present, student_ids, day, on_error=self.ctx.status)
        return done.value if done is not None else 0

    # --- undo and notes -----------------------------------------------------------------

    def undo_last_edit(self) -> None:
        if self.grid is None:
            return
        done = self._run(svc.undo_last_edit, self.grid.section.id, on_error=self._show_message)
        if done is None:
            return
        current = self.table.currentIndex()
        self.reload()
        if current.isValid():
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))
        text = self.tr("Undone: %1").replace("%1", done.value.summary)
        if done.value.cells > 1:
            text = self.tr("Undone: %1 scores put back.").replace("%1", str(done.value.cells))
        self._show_notice(text)

    def edit_note(self, index) -> None:  # type: ignore[no-untyped-def]
        student = self.model.student_for_row(index.row())
        assignment = self.model.assignment_for_column(index.column())
        if student is None or assignment is None:
            return
        old = self.model.note_at(index.row(), index.column())
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Note on a score"),
            self.tr("%1 · %2 (leave empty to remove the note)").replace("%1", student.name)
            .replace("%2", assignment.title), old)
        if not ok:
            return
        done = self._run(svc.set_score_note, assignment.id, student.id, text, on_error=self._show_message)
        if done is None:
            return
        self.model.set_note(index.row(), index.column(), done.value)
        self._show_notice(self.tr("Note saved.") if done.value else self.tr("Note removed."))

    # --- assignments and categories -----------------------------------------------------

    def new_assignment(self) -> None:
        if self.grid is None:
            return
        dialog = AssignmentDialog(self.grid.section.categories, None, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        form = dialog.form()
        self._run(svc.add_assignment, self.grid.section.id, form.title, form.points_possible,
                  form.category_id, form.due_date, self.term_id() or self.grid.section.term_id, form.extra_credit,
                  title=self.tr("New assignment"))
        self.reload()

    def edit_assignment(self) -> None:
        if self.grid is None:
            return
        assignment = self.model.assignment_for_column(self.table.currentIndex().column())
        if assignment is None:
            QMessageBox.information(self, self.tr("Edit assignment"),
                                    self.tr("Click a cell in the assignment's column first."))
            return
        dialog = AssignmentDialog(self.grid.section.categories, assignment, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        form = dialog.form()
        def edit(ws: Any, actor: str) -> Done[None]:
            # `title` here is the assignment's, not the message box's: hence the wrapper.
            return svc.update_assignment(ws, actor, assignment.id, title=form.title,
                                           points_possible=form.points_possible, category_id=form.category_id,
                                           due_date=form.due_date, extra_credit=form.extra_credit)

        self._run(edit, title=self.tr("Edit assignment"))
        self.reload()

    def edit_categories(self) -> None:
        if self.grid is None:
            return
        dialog = CategoriesDialog(self.grid.section.categories, self.grid.section.policy, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        categories = [(cat.id, cat.name, cat.weight, cat.drop_lowest) for cat in dialog.categories()]
        self._run(svc.save_class_setup, self.grid.section.id, categories, dialog.policy().to_json(),
                  title=self.tr("Categories"))
        self.reload()
