"""Timetable: import a FET file (or start from a sample school), solve it with progress
and Cancel, see grids per class, teacher and room, drag lessons with instant conflict
checks, lock and re-solve, export to FET/CSV and print the grids to PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Changes
from app.scheduling import timetable_service
from app.scheduling.timetable.evaluate import Evaluation, evaluate
from app.scheduling.timetable.model import Placement, Problem
from app.scheduling.timetable.rules import Rules, compile_rules, slot_name
from app.scheduling.timetable.views import entities, grid
from app.ui.common import file_dialogs
from app.ui.common.flow_layout import FlowLayout
from app.ui.shell.context import AppContext
from app.ui.shell.operations import run_op
from app.ui.timetable.grid import TimetableGridModel, TimetableGridView


class TimetablePage(QWidget):
    # Structured progress from the solver's thread (ProgressEvent); Qt queues it to the UI thread.
    solver_event = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.timetable_id: int | None = None
        self.problem: Problem | None = None
        self.rules: Rules | None = None
        self.placements: dict[int, Placement] = {}
        self.evaluation: Evaluation | None = None
        self.task: Any = None
        self.last_result: Any = None
        self.solves = 0  # Solve pressed so far: each solve's placement seed (see solve)
        self.notes: list[str] = []
        self._emitting = False
        self._build_ui()
        self.reload()
        ctx.events.subscribe(self, Changes.TIMETABLE | Changes.WORKSPACE, self._on_changed)
        self.solver_event.connect(self._on_solver_event)

    # -- layout -----------------------------------------------------------------------
    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        top = FlowLayout()  # wraps instead of widening the window
        top.addWidget(QLabel(self.tr("Timetable:")))
        self.picker = QComboBox()
        self.picker.setMinimumWidth(260)
        self.picker.currentIndexChanged.connect(self._picked)
        top.addWidget(self.picker, 1)
        self.import_button = QPushButton(self.tr("Import FET file…"))
        self.import_button.clicked.connect(self._ask_import)
        self.build_button = QPushButton(self.tr("Build from my classes"))
        self.build_button.setToolTip(self.tr("One activity of four lessons a week per class, taught by its "
                                             "teachers in its room; shared students never clash"))
        self.build_button.clicked.connect(self.build_from_classes)
        self.sample_button = QPushButton(self.tr("New sample school"))
        self.sample_button.clicked.connect(self.new_sample)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self._ask_delete)
        for b in (self.import_button, self.build_button, self.sample_button, self.delete_button):
            top.addWidget(b)
        layout.addLayout(top)

        bar = FlowLayout()
        bar.addWidget(QLabel(self.tr("Show:")))
        self.kind = QComboBox()
        for key, label in (("class", self.tr("Class")), ("teacher", self.tr("Teacher")), ("room", self.tr("Room"))):
            self.kind.addItem(label, key)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        bar.addWidget(self.kind)
        self.entity = QComboBox()
        self.entity.setMinimumWidth(160)
        self.entity.currentIndexChanged.connect(lambda _i: self.refresh_grid())
        bar.addWidget(self.entity)
        bar.addStretch(1)
        self.lock_button = QPushButton(self.tr("Lock / unlock lesson"))
        self.lock_button.clicked.connect(self.toggle_lock_selected)
        bar.addWidget(self.lock_button)
        bar.addWidget(QLabel(self.tr("Time limit (s):")))
        self.time_limit = QSpinBox()
        self.time_limit.setRange(1, 3600)
        self.time_limit.setValue(30)
        bar.addWidget(self.time_limit)
        self.solve_button = QPushButton(self.tr("Solve"))
        self.solve_button.clicked.connect(self.solve)
        bar.addWidget(self.solve_button)
        self.export_fet_button = QPushButton(self.tr("Export FET…"))
        self.export_fet_button.clicked.connect(self._ask_export_fet)
        self.export_csv_button = QPushButton(self.tr("Export CSV…"))
        self.export_csv_button.clicked.connect(self._ask_export_csv)
        self.pdf_button = QPushButton(self.tr("Print to PDF…"))
        self.pdf_button.clicked.connect(self._ask_pdf)
        for b in (self.export_fet_button, self.export_csv_button, self.pdf_button):
            bar.addWidget(b)
        layout.addLayout(bar)

        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress_label = QLabel("")
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.progress_label, 1)
        progress_row.addWidget(self.cancel_button)
        self.progress_box = QWidget()
        self.progress_box.setLayout(progress_row)
        self.progress_box.setVisible(False)
        layout.addWidget(self.progress_box)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.model = TimetableGridModel(self)
        self.model.moved.connect(self.move_lessons)
        self.view = TimetableGridView()
        self.view.setModel(self.model)
        split.addWidget(self.view)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(self.tr("Conflicts and notes")))
        self.conflicts = QListWidget()
        self.conflicts.setWordWrap(True)
        side_layout.addWidget(self.conflicts)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

    # -- loading ----------------------------------------------------------------------
    def reload(self, select: int | None = None) -> None:
        rows = timetable_service.list_timetables(self.ctx.workspace)
        self.picker.blockSignals(True)
        self.picker.clear()
        for r in rows:
            self.picker.addItem(self.tr("{name} ({placed}/{total} placed)").format(
                name=r.name, placed=r.n_placed, total=r.n_activities), r.id)
        self.picker.blockSignals(False)
        if not rows:
            self._show(None, None, [])
            self.summary.setText(self.tr("No timetable yet: import a FET file or start from a sample school."))
            return
        index = 0
        if select is not None:
            index = max(0, self.picker.findData(select))
        self.picker.setCurrentIndex(index)
        self._picked(index)

    def _picked(self, index: int) -> None:
        tid = self.picker.itemData(index)
        if tid is None:
            return
        problem, placements = timetable_service.load_timetable(self.ctx.workspace, tid)
        self._show(tid, problem, placements)

    def _show(self, tid: int | None, problem: Problem | None, placements: list[Placement]) -> None:
        self.timetable_id = tid
        self.problem = problem
        self.rules = compile_rules(problem) if problem else None
        self.placements = {pl.activity_id: pl for pl in placements}
        from app.scheduling.timetable import warnings_for

        self.notes = warnings_for(problem) if problem else []
        self._kind_changed()
        self._set_buttons()
        self._warm_solver()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._warm_solver()

    def _warm_solver(self) -> None:
        """With a timetable on screen, start the placement worker (it loads the compiled
        search in a process of its own, about a second), so a first Solve does not wait."""
        if self.problem is not None and self.isVisible():
            timetable_service.prepare_solver()

    def _kind_changed(self) -> None:
        key = self.kind.currentData()
        self.entity.blockSignals(True)
        self.entity.clear()
        if self.problem is not None:
            for name in entities(self.problem, key):
                self.entity.addItem(name, name)
        self.entity.blockSignals(False)
        self.refresh_grid()

    def _set_buttons(self) -> None:
        has = self.problem is not None
        busy = self.task is not None
        for b in (self.solve_button, self.export_fet_button, self.export_csv_button, self.pdf_button,
                  self.lock_button, self.delete_button):
            b.setEnabled(has and not busy)
        self.import_button.setEnabled(not busy)
        self.build_button.setEnabled(not busy)
        self.sample_button.setEnabled(not busy)

    def _on_changed(self, _changes: Changes) -> None:
        if self.task is None and not self._emitting:
            self.reload(self.timetable_id)

    # -- the grid and its conflicts -----------------------------------------------------
    def refresh_grid(self, focus: list[int] | None = None) -> None:
        if self.problem is None or self.rules is None:
            self.model.set_grid([], [], [], "class", set(), set(), {})
            self.conflicts.clear()
            return
        self.evaluation = evaluate(self.rules, self.placements)
        hard_ids = {a for v in self.evaluation.hard for a in v.activity_ids}
        soft_ids = {a for v in self.evaluation.soft for a in v.activity_ids}
        messages: dict[int, list[str]] = {}
        for v in self.evaluation.violations:
            for a in v.activity_ids:
                messages.setdefault(a, []).append(v.message)
        kind = self.kind.currentData()
        name = self.entity.currentData()
        # A room's grid shows the lessons of virtual rooms that take it, as the checker found them.
        cells = grid(self.problem, list(self.placements.values()), kind, name, self.evaluation.real_rooms) if name else []
        self.model.set_grid(self.problem.days, self.problem.hours, cells, kind, hard_ids, soft_ids, messages)
        self.view.resizeRowsToContents()
        self._fill_conflicts(focus or [])

    def _fill_conflicts(self, focus: list[int]) -> None:
        assert self.evaluation is not None and self.problem is not None
        ev = self.evaluation
        self.conflicts.clear()
        ordered = sorted(ev.violations, key=lambda v: (not set(v.activity_ids) & set(focus), not v.hard))
        for v in ordered[:300]:
            prefix = self.tr("Conflict") if v.hard else self.tr("Wish not met")
            self.conflicts.addItem(f"{prefix}: {v.message}")
        acts = {a.id: a for a in self.problem.activities}
        for aid in ev.unplaced[:300]:
            self.conflicts.addItem(self.tr("Not placed: {lesson}").format(lesson=acts[aid].describe(True)))
        for note in self.notes:
            self.conflicts.addItem(self.tr("Not honoured: {note}").format(note=note))
        total = len(self.rules.acts) if self.rules else 0
        self.summary.setText(" · ".join((
            self.tr("{placed} of {total} lessons placed").format(placed=total - len(ev.unplaced), total=total),
            self.tr("%n conflict(s)", "", len(ev.hard)),
            self.tr("%n wish(es) not met (penalty {penalty})", "", len(ev.soft)).format(penalty=ev.penalty),
        )))

    def move_lessons(self, ids: list[int], day_offset: int, hour_offset: int) -> None:
        """A drop on the grid: move the lessons, show what they now break at once."""
        if self.problem is None or (day_offset == 0 and hour_offset == 0):
            return
        moved = []
        for aid in ids:
            pl = self.placements.get(aid)
            if pl is None:
                continue
            day, hour = pl.day + day_offset, pl.hour + hour_offset
            if not (0 <= day < self.problem.n_days and 0 <= hour < self.problem.n_hours):
                self.summary.setText(self.tr("That lesson does not fit there."))
                return
            moved.append(Placement(aid, day, hour, pl.room, pl.locked))
        for pl in moved:
            self.placements[pl.activity_id] = pl
        self._save()
        self.refresh_grid(focus=ids)
        assert self.evaluation is not None
        own = [v for v in self.evaluation.hard if set(v.activity_ids) & set(ids)]
        where = slot_name(self.problem, moved[0].day * self.problem.n_hours + moved[0].hour) if moved else ""
        if own:
            self.summary.setText(self.tr("Moved to {where}: %n conflict(s) — {first}", "", len(own)).format(
                where=where, first=own[0].message))
        else:
            self.summary.setText(self.tr("Moved to {where}: no conflicts.").format(where=where) + " "
                                 + self.summary.text())

    def selected_ids(self) -> list[int]:
        index = self.view.currentIndex()
        return [c.activity_id for c in self.model.lessons_at(index)]

    def toggle_lock_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self.summary.setText(self.tr("Select a lesson in the grid first."))
            return
        lock = not all(self.placements[a].locked for a in ids if a in self.placements)
        for a in ids:
            if a in self.placements:
                self.placements[a].locked = lock
        self._save()
        current = self.view.currentIndex()
        self.refresh_grid(focus=ids)
        self.view.setCurrentIndex(current)
        self.summary.setText(self.tr("Locked %n lesson(s).", "", len(ids)) if lock
                             else self.tr("Unlocked %n lesson(s).", "", len(ids)))

    def _save(self, status: str | None = None, penalty: int | None = None) -> None:
        if self.timetable_id is None:
            return
        # This page already shows what it saves: it does not reload on its own notice.
        self._emitting = True
        try:
            run_op(self.ctx, timetable_service.save_placements, self.timetable_id,
                   list(self.placements.values()), status=status, penalty=penalty, parent=self,
                   title=self.tr("Timetable not saved"))
        finally:
            self._emitting = False

    def _add(self, problem: Any, *, name: str | None = None, source: str = "") -> int | None:
        self._emitting = True
        try:
            done = run_op(self.ctx, timetable_service.add_timetable, problem, name=name, source=source,
                          parent=self, title=self.tr("Timetable not saved"))
        finally:
            self._emitting = False
        return done.value if done else None

    # -- solving ----------------------------------------------------------------------
    def solve(self) -> None:
        from app.scheduling.timetable.solver import solve
        from app.ui.shell.tasks import run_task

        if self.problem is None or self.task is not None:
            return
        locked = [pl for pl in self.placements.values() if pl.locked]
        hints = list(self.placements.values())
        self.progress.setValue(0)
        self.progress_label.setText(self.tr("Looking for a first timetable…"))
        self.progress_box.setVisible(True)
        # Each Solve is another search (the placement's next seed): pressed again after no
        # timetable was found, it does not repeat the one that just failed.
        self.solves += 1
        self.task = run_task(
            solve, self.problem, time_limit=float(self.time_limit.value()), locked=locked, hints=hints,
            seed=self.solves,
            on_event=self.solver_event.emit,  # re-emitted on the UI thread by the task's own signal
            on_done=self._solved, on_error=self._failed, on_progress=self._progress,
            on_cancelled=self._cancelled,
        )
        self._set_buttons()

    def _progress(self, fraction: float, _message: str) -> None:
        # The bar only: the sentence comes from the structured event (_on_solver_event).
        self.progress.setValue(int(max(0.0, min(1.0, fraction)) * 1000))

    def _on_solver_event(self, event: Any) -> None:
        from app.ui.shell.progress_text import event_text

        if self.task is None or event.key not in ("timetable.best", "timetable.search", "timetable.placing"):
            return
        self.progress.setValue(int(max(0.0, min(1.0, event.fraction)) * 1000))
        self.progress_label.setText(event_text(event))

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.progress_label.setText(self.tr("Stopping…"))

    def _finish_task(self) -> None:
        self.task = None
        self.progress_box.setVisible(False)
        self._set_buttons()

    def _solved(self, result: Any) -> None:
        self._finish_task()
        self.last_result = result
        if result.solved:
            self.placements = {pl.activity_id: pl for pl in result.placements}
            self._save(status="solved", penalty=result.penalty)
            self.refresh_grid()
            cov = result.coverage
            headline = result.headline()  # the command line's sentence, one rule for both
            if not cov.complete:
                headline += " " + self.tr("Not considered: {types}.").format(types=", ".join(cov.details()))
            self.summary.setText(headline + " " + self.tr(
                "Solved in {s:.1f} s (first timetable after {f:.1f} s). "
            ).format(s=result.wall_s, f=result.first_feasible_s or 0.0) + self.summary.text())
        else:
            diag = result.diagnosis
            if diag is not None and diag.partial:
                self.placements = {pl.activity_id: pl for pl in diag.partial}
                self._save(status="partial")
            self.refresh_grid()
            headline = result.headline()  # the command line's sentence, one rule for both
            self.conflicts.insertItem(0, headline)
            for i, line in enumerate(diag.explanation if diag else []):
                self.conflicts.insertItem(1 + i, line.strip())
            parts = [headline]
            if diag and diag.partial:
                parts.append(self.tr("Showing the best partial timetable."))
            if result.status == "timeout":
                # Each Solve is another search (a new seed): on a hard school one run
                # finds a timetable where another did not.
                parts.append(self.tr("Press Solve again for another search, or give it a longer time limit."))
            self.summary.setText(" ".join(parts))
        text = self.summary.text()
        self.reload(self.timetable_id)
        self.summary.setText(text)  # the outcome stays on screen after the picker refreshes

    def _failed(self, message: str) -> None:
        self._finish_task()
        self.summary.setText(self.tr("The solver stopped with an error: {m}").format(m=message))

    def _cancelled(self) -> None:
        self._finish_task()
        self.summary.setText(self.tr("Solving cancelled; the timetable is unchanged."))

    # -- files ------------------------------------------------------------------------
    def import_fet(self, path: str | Path) -> int | None:
        from app.scheduling.timetable import FetError, read_fet

        try:
            problem = read_fet(path)
        except FetError as exc:
            self.summary.setText(str(exc))
            return None
        tid = self._add(problem, name=problem.name, source=Path(path).name)
        self.reload(tid)
        self.summary.setText(self.tr("Imported {n} activities from {file}.").format(
            n=len(problem.activities), file=Path(path).name) + " " + self.summary.text())
        return tid

    def build_from_classes(self) -> int | None:
        from app.scheduling.timetable.from_workspace import problem_from_workspace

        problem = problem_from_workspace(self.ctx.workspace, name=self.tr("My classes"))
        if not problem.activities:
            self.summary.setText(self.tr("The workspace has no classes yet: add them on the Classes page first."))
            return None
        tid = self._add(problem, source="classes")
        self.reload(tid)
        return tid

    def new_sample(self) -> int | None:
        from app.scheduling.timetable.generate import generate_school

        problem = generate_school(12, 150, seed=7)
        problem.name = self.tr("Sample school")
        tid = self._add(problem, source="sample")
        self.reload(tid)
        return tid

    def export_fet(self, path: str | Path) -> None:
        from app.scheduling.timetable import write_fet

        assert self.problem is not None
        write_fet(self.problem, path, list(self.placements.values()), lock_all=True)
        self.summary.setText(self.tr("Wrote {file}.").format(file=Path(path).name))

    def export_csv(self, path: str | Path) -> None:
        from app.scheduling.timetable import write_csv

        assert self.problem is not None
        write_csv(self.problem, list(self.placements.values()), path)
        self.summary.setText(self.tr("Wrote {file}.").format(file=Path(path).name))

    def print_pdf(self, path: str | Path, on_done: Any = None) -> Any:
        from app.scheduling.timetable.pdf import write_timetable_pdf
        from app.ui.shell.tasks import run_task

        assert self.problem is not None

        def done(pages: int) -> None:
            self._finish_task()
            self.summary.setText(self.tr("Printed %n page(s) to {file}.", "", pages).format(file=Path(path).name))
            if on_done:
                on_done(pages)

        self.progress_box.setVisible(True)
        self.task = run_task(write_timetable_pdf, self.problem, list(self.placements.values()), str(path),
                             on_done=done, on_error=self._failed, on_progress=self._progress,
                             on_cancelled=self._cancelled)
        self._set_buttons()
        return self.task

    def _ask_import(self) -> None:
        path = file_dialogs.open_file(self, "fet", self.tr("Import FET file"), self.tr("FET files (*.fet)"))
        if path:
            self.import_fet(path)

    def _ask_export_fet(self) -> None:
        path = file_dialogs.save_file(self, "fet", self.tr("Export FET file"), "", self.tr("FET files (*.fet)"))
        if path:
            self.export_fet(path)

    def _ask_export_csv(self) -> None:
        path = file_dialogs.save_file(self, "timetable-csv", self.tr("Export CSV"), "", self.tr("CSV files (*.csv)"))
        if path:
            self.export_csv(path)

    def _ask_pdf(self) -> None:
        path = file_dialogs.save_file(self, "timetable-pdf", self.tr("Print timetable"), "", self.tr("PDF files (*.pdf)"))
        if path:
            self.print_pdf(path)

    def _ask_delete(self) -> None:

        if self.timetable_id is None:
            return
        answer = QMessageBox.question(self, self.tr("Delete timetable"),
                                      self.tr("Delete this timetable from the workspace?"))
        if answer == QMessageBox.StandardButton.Yes:
            self._emitting = True
            try:
                run_op(self.ctx, timetable_service.remove_timetable, self.timetable_id, parent=self,
                       title=self.tr("Delete timetable"))
            finally:
                self._emitting = False
            self.reload()
