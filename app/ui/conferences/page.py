"""Conferences: set up days and slots, invite families, run the scheduler with progress,
see each teacher's evening as a grid, move a meeting with conflict checks, print PDFs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.core.changes import Changes, Done
from app.scheduling import conference_service
from app.scheduling.conference_service import BoardMeeting
from app.ui.common import file_dialogs
from app.ui.common.flow_layout import FlowLayout
from app.ui.common.language_picker import language_label
from app.ui.common.locale_format import date_text, time_text
from app.ui.common.table_model import Column, RowTableModel
from app.ui.conferences.dialogs import (
    DayDialog,
    DayForm,
    InterpreterDialog,
    MoveDialog,
    TimesDialog,
)
from app.ui.shell.context import AppContext
from app.ui.shell.operations import run_long_op, run_op

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class LeftOutRow:
    request_id: int
    family: str
    teacher: str
    reason: str


class GridModel(QAbstractTableModel):
    """Rows: the day's slots; columns: teachers; cells: the family booked then."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.slots: list[str] = []
        self.teachers: list[tuple[int, str]] = []
        self.cells: dict[tuple[int, int], BoardMeeting] = {}

    def set_grid(self, slots: list[str], teachers: list[tuple[int, str]],
                 cells: dict[tuple[int, int], BoardMeeting]) -> None:
        self.beginResetModel()
        self.slots, self.teachers, self.cells = slots, teachers, cells
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.slots)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.teachers)

    def cell(self, index: AnyIndex) -> BoardMeeting | None:
        if not index.isValid():
            return None
        return self.cells.get((index.row(), self.teachers[index.column()][0]))

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        c = self.cell(index)
        if c is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return c.family + (f" · {language_label(c.language)}" if c.interpreter else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            label = self.tr("Interpreter")  # (tr() inside an f-string is not extracted)
            interpreter = f"{label}: {c.interpreter}" if c.interpreter else ""
            return "\n".join(x for x in (c.family, c.students, interpreter) if x)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor("#fff2c6") if c.manual else QColor("#dcebff")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.teachers[section][1]
        return self.slots[section]


class ConferencesPage(QWidget):
    time_limit = 5.0  # seconds CP-SAT may spend improving the greedy schedule

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.day = QComboBox()
        self.add_day_btn = QPushButton(self.tr("Add day…"))
        self.move_day_btn = QPushButton(self.tr("Move day (snow day)…"))
        self.invite_btn = QPushButton(self.tr("Invite all families"))
        self.schedule_btn = QPushButton(self.tr("Schedule…"))
        self.move_btn = QPushButton(self.tr("Move meeting…"))
        self.pdf_btn = QPushButton(self.tr("Print PDFs…"))
        self.away_btn = QPushButton(self.tr("Teacher away…"))
        self.window_btn = QPushButton(self.tr("Family times…"))
        self.interp_btn = QPushButton(self.tr("Interpreters…"))
        self.staff_btn = QPushButton(self.tr("Staff languages…"))
        setup = QHBoxLayout()
        for b in (self.away_btn, self.window_btn, self.interp_btn, self.staff_btn):
            setup.addWidget(b)
        setup.addStretch(1)
        bar = FlowLayout()  # wraps instead of widening the window
        bar.addWidget(QLabel(self.tr("Day")))
        bar.addWidget(self.day, 1)
        for b in (self.add_day_btn, self.move_day_btn, self.invite_btn, self.schedule_btn, self.move_btn,
                  self.pdf_btn):
            bar.addWidget(b)
        self.summary = QLabel()
        self.grid_model = GridModel(self)
        self.grid = QTableView()
        self.grid.setModel(self.grid_model)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.grid.doubleClicked.connect(lambda _i: self.move_selected())
        self.left_model: RowTableModel[LeftOutRow] = RowTableModel([
            Column(self.tr("Family"), lambda r: r.family),
            Column(self.tr("Teacher"), lambda r: r.teacher),
            Column(self.tr("Why not placed"), lambda r: r.reason),
        ], self)
        self.left_view = QTableView()
        self.left_view.setModel(self.left_model)
        self.left_view.verticalHeader().setVisible(False)
        self.left_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.left_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.left_view.horizontalHeader().setStretchLastSection(True)
        bottom = QWidget()
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(QLabel(self.tr("Requests left out")))
        bl.addWidget(self.left_view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.grid)
        split.addWidget(bottom)
        split.setSizes([420, 160])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(setup)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        self.unplaced_reasons: dict[int, str] = {}

        self.add_day_btn.clicked.connect(self.add_day)
        self.move_day_btn.clicked.connect(self.move_day)
        self.invite_btn.clicked.connect(self.invite_all)
        self.schedule_btn.clicked.connect(self.run_schedule)
        self.move_btn.clicked.connect(self.move_selected)
        self.pdf_btn.clicked.connect(self.print_pdfs)
        self.away_btn.clicked.connect(self.teacher_away)
        self.window_btn.clicked.connect(self.family_times)
        self.interp_btn.clicked.connect(self.interpreters)
        self.staff_btn.clicked.connect(self.staff)
        self.day.currentIndexChanged.connect(lambda _i: self.refresh_grid())
        ctx.events.subscribe(self, Changes.CONFERENCES | Changes.ROSTER | Changes.SCHOOL, lambda _c: self.refresh())
        self.refresh()

    # --- data ---------------------------------------------------------------------------
    def day_id(self) -> int | None:
        value = self.day.currentData()
        return int(value) if value is not None else None

    def refresh(self) -> None:
        current = self.day_id()
        self.day.blockSignals(True)
        self.day.clear()
        for d in conference_service.list_days(self.ctx.workspace):
            start, end = dt.time.fromisoformat(d.start), dt.time.fromisoformat(d.end)
            self.day.addItem(f"{d.label} – {date_text(d.date)}, {time_text(start)}–{time_text(end)}", d.id)
        if current is not None:
            self.day.setCurrentIndex(max(0, self.day.findData(current)))
        self.day.blockSignals(False)
        self.refresh_grid()

    def refresh_grid(self) -> None:
        board = conference_service.day_board(self.ctx.workspace, self.day_id(), self.unplaced_reasons)
        self.unplaced_reasons = board.reasons
        if not board.day_found:
            self.grid_model.set_grid([], [], {})
            self.left_model.set_rows([])
            if self.day_id() is None:
                self.summary.setText(self.tr("Add a conference day to begin."))
            return
        room = self.tr("Room")  # (tr() inside an f-string is not extracted)
        teachers = [(t.staff_id, f"{t.name}\n{room} {t.room}") for t in board.teachers]
        left = [LeftOutRow(r.request_id, r.family, r.teacher,
                           r.reason if r.reason is not None else self.tr("not scheduled yet"))
                for r in board.left_out]
        labels = [f"{time_text(a)}–{time_text(b)}" for a, b in board.slots]
        self.grid_model.set_grid(labels, teachers, board.meetings)
        self.grid.resizeRowsToContents()
        self.left_model.set_rows(left)
        n_requests, n_booked = board.requests, board.booked
        if board.never_scheduled:
            self.summary.setText(self.tr("{0} requests, none scheduled yet: press Schedule… to place them.").format(
                n_requests) if n_requests else self.tr("No requests yet: press Invite all families."))
        else:
            self.summary.setText(self.tr("{0} requests, {1} booked, {2} not placed. Yellow: moved by hand.").format(
                n_requests, n_booked, n_requests - n_booked))

    # --- actions ------------------------------------------------------------------------
    def add_day(self) -> None:
        dialog = DayDialog(DayForm(label=self.tr("Conferences"), date=dt.date.today() + dt.timedelta(days=14)), self)
        if dialog.exec():
            self.save_day(dialog.form())

    def save_day(self, form: DayForm) -> int | None:
        done = run_op(self.ctx, conference_service.add_day, form, parent=self, title=self.tr("Day not added"))
        if done is None:
            return None
        self.day.setCurrentIndex(self.day.findData(done.value))
        return done.value

    def move_day(self) -> None:
        day_id = self.day_id()
        if day_id is None:
            return
        text, ok = QInputDialog.getText(self, self.tr("Move day"), self.tr("New date (YYYY-MM-DD):"))
        if ok and text.strip():
            try:
                self.move_day_to(day_id, dt.date.fromisoformat(text.strip()))
            except ValueError as exc:
                QMessageBox.warning(self, self.tr("Move day"), str(exc))

    def move_day_to(self, day_id: int, new_date: dt.date) -> None:
        if run_op(self.ctx, conference_service.move_day, day_id, new_date, parent=self,
                  title=self.tr("Move day")) is not None:
            self.ctx.status(self.tr("Moved the day to {0}; every meeting kept its time.").format(new_date.isoformat()))

    def invite_all(self) -> int:
        done = run_op(self.ctx, conference_service.invite_all, parent=self, title=self.tr("Invite all"))
        added = done.value if done else 0
        self.unplaced_reasons = {}
        self.refresh()
        self.ctx.status(self.tr("Added {0} requests from families' classes.").format(added))
        return added

    def run_schedule(self, start_over: bool | None = None) -> Any:
        """Schedule; with meetings already booked, ask whether to keep them (the default)
        or start over. Returns the running task, or None when the user cancelled."""
        if start_over is None:
            start_over = False
            booked = conference_service.booked_count(self.ctx.workspace)
            if booked:
                box = QMessageBox(QMessageBox.Icon.Question, self.tr("Schedule"),
                                  self.tr("{0} meetings are already booked. Keep them and place only the "
                                          "requests still waiting, or start over?").format(booked),
                                  parent=self)
                box.setInformativeText(self.tr("Starting over can move families who already have their times. "
                                               "Meetings moved by hand always stay."))
                rest = box.addButton(self.tr("Place the rest"), QMessageBox.ButtonRole.AcceptRole)
                over = box.addButton(self.tr("Start over"), QMessageBox.ButtonRole.DestructiveRole)
                box.addButton(QMessageBox.StandardButton.Cancel)
                box.setDefaultButton(rest)
                box.exec()
                if box.clickedButton() not in (rest, over):
                    return None
                start_over = box.clickedButton() is over
        return run_long_op(self.ctx, conference_service.plan_schedule, self.time_limit, start_over=start_over,
                           save=conference_service.save_schedule, on_done=lambda _p, saved: self._scheduled(saved),
                           parent=self, title=self.tr("Scheduling conferences"))

    def invalidate_reasons(self) -> None:
        self.unplaced_reasons = {}

    def apply_result(self, planned: conference_service.Planned) -> None:
        """Save a solved schedule (as the runner does after :meth:`run_schedule`)."""
        self._scheduled(run_op(self.ctx, conference_service.save_schedule, planned, parent=self,
                               title=self.tr("Schedule")))

    def _scheduled(self, saved: Done[Any] | None) -> None:
        if saved is None:
            return
        result = saved.value
        self.unplaced_reasons = {u.request_id: u.reason for u in result.unplaced}
        self.refresh()
        self.ctx.status(conference_service.summary(result))

    def selected_request(self) -> int | None:
        idx = self.grid.currentIndex()
        cell = self.grid_model.cell(idx)
        if cell is not None:
            return cell.request_id
        rows = self.left_view.selectionModel().selectedRows()
        if rows:
            row = self.left_model.row_at(rows[0])
            return row.request_id if row else None
        return None

    def move_selected(self) -> None:
        from app.scheduling.conference_service import day_spec
        from app.store.models.calendar import ConferenceBooking, ConferenceDay

        rid = self.selected_request()
        if rid is None:
            QMessageBox.information(self, self.tr("Move meeting"), self.tr("Select a meeting first."))
            return
        with self.ctx.workspace.read() as s:
            choices = []
            for d in s.scalars(select(ConferenceDay).order_by(ConferenceDay.date)):
                for k, (a, b) in enumerate(day_spec(d).slots()):
                    choices.append((d.id, k, f"{date_text(d.date)} {time_text(a)}–{time_text(b)}"))
            booking = s.scalars(select(ConferenceBooking).where(ConferenceBooking.request_id == rid)).first()
            current = (booking.day_id, booking.slot_index) if booking else None
        dialog = MoveDialog(choices, current, self.tr("Move this meeting to:"), self)
        if dialog.exec():
            day_id, slot = dialog.target()
            self.try_move(rid, day_id, slot, ask=True)

    def try_move(self, request_id: int, day_id: int, slot: int, *, ask: bool = False) -> list[str]:
        done = run_op(self.ctx, conference_service.move_meeting, request_id, day_id, slot, parent=self,
                      title=self.tr("Move meeting"))
        conflicts = done.value if done else []
        if conflicts and ask:
            answer = QMessageBox.question(
                self, self.tr("Conflicts"),
                self.tr("This time has conflicts:\n• {0}\n\nMove anyway?").format("\n• ".join(conflicts)))
            if answer == QMessageBox.StandardButton.Yes:
                run_op(self.ctx, conference_service.move_meeting, request_id, day_id, slot, force=True,
                       parent=self, title=self.tr("Move meeting"))
        self.unplaced_reasons = {}
        self.refresh_grid()
        return conflicts

    def _people(self, kind: str) -> list[tuple[int, str]]:
        from app.store.models import Guardian, Staff
        from app.store.models.calendar import ConferenceRequest

        with self.ctx.workspace.read() as s:
            rows: list[Staff | Guardian | None]
            if kind == "teacher":
                ids = sorted(set(s.scalars(select(ConferenceRequest.staff_id))))
                rows = [s.get(Staff, i) for i in ids]
            else:
                ids = sorted(set(s.scalars(select(ConferenceRequest.guardian_id))))
                rows = [s.get(Guardian, i) for i in ids]
            people = [(r.id, r.display_name) for r in rows if r is not None]
        return sorted(people, key=lambda p: p[1])

    def teacher_away(self) -> None:
        day_id = self.day_id()
        if day_id is None:
            return
        dialog = TimesDialog(self.tr("Teacher away"), self._people("teacher"), dt.time(15, 30), dt.time(17, 30),
                             parent=self)
        if dialog.exec():
            staff_id, start, end = dialog.values()
            assert start is not None and end is not None
            self.set_away(staff_id, day_id, start, end)

    def set_away(self, staff_id: int, day_id: int, start: dt.time, end: dt.time) -> None:
        if run_op(self.ctx, conference_service.set_teacher_away, staff_id, day_id, start, end, parent=self,
                  title=self.tr("Teacher away")) is None:
            return
        self.unplaced_reasons = {}
        self.refresh_grid()
        self.ctx.status(self.tr("Saved; run Schedule again to place meetings around the absence."))

    def family_times(self) -> None:
        dialog = TimesDialog(self.tr("Family times"), self._people("family"), dt.time(0), dt.time(0),
                             allow_open=True, parent=self)
        if dialog.exec():
            gid, earliest, latest = dialog.values()
            run_op(self.ctx, conference_service.set_family_window, gid, earliest, latest, parent=self,
                   title=self.tr("Family times"))
            self.unplaced_reasons = {}
            self.refresh_grid()

    def interpreters(self) -> None:
        from app.store.models.calendar import ConferenceInterpreter

        with self.ctx.workspace.read() as s:
            existing = [f"{i.name} ({language_label(i.language)})" for i in s.scalars(select(ConferenceInterpreter))]
        dialog = InterpreterDialog(existing, self)
        if dialog.exec():
            self.add_interpreter(dialog.name.text(), dialog.language.code() or dialog.language.currentText())

    def add_interpreter(self, name: str, language: str) -> bool:
        done = run_op(self.ctx, conference_service.add_interpreter, name, language, parent=self,
                      title=self.tr("Interpreters"))
        self.unplaced_reasons = {}
        self.refresh_grid()
        return done is not None

    def staff(self) -> None:
        from app.ui.common.staff_dialog import StaffDialog

        StaffDialog(self.ctx, self).exec()
        self.unplaced_reasons = {}
        self.refresh_grid()

    def print_pdfs(self) -> None:
        folder = file_dialogs.choose_folder(self, "conference-letters", self.tr("Folder for the PDFs"))
        if folder:
            self.write_pdfs(Path(folder))

    def write_pdfs(self, folder: Path) -> int:
        from app.scheduling.conference_pdf import write_all

        with self.ctx.workspace.read() as s:
            written = write_all(s, folder)
        self.last_written = written
        self.ctx.status(written.summary())
        # Said on the page too (not in a box to click away): who got no letter.
        self.summary.setText(written.summary())
        return len(written)



def schedule_workspace(ws: Any, time_limit: float = 5.0, *, progress: Any = None, cancelled: Any = None) -> Any:
    """Worker-side: read the plan and solve (the one checked use case in the core)."""
    return conference_service.plan_schedule(ws, time_limit, progress=progress, cancelled=cancelled)
