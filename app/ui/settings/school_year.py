"""Settings ▸ School year: the year's dates, its terms, holidays and bell times.

Every change goes through app.scheduling.school_year_service (the same use cases as
`teacherdesk year ...`); the calendar's lessons follow the bell times, stop at the end
of term and skip holidays.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.changes import Changes
from app.scheduling import school_year_service as svc
from app.ui.common.date_field import DateField, first_unreadable
from app.ui.common.locale_format import date_text, parse_time, time_text
from app.ui.shell.context import AppContext
from app.ui.shell.operations import run_op, show_error


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _py(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


def _date_edit(value: dt.date) -> DateField:
    field = DateField(value)
    field.setMinimumWidth(150)  # "17 ago 2026" and the words under it on two lines at most
    return field


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    header = t.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # names take what is left: no side scrolling
    return t


class SchoolYearDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("School year, terms, holidays and bell times"))
        self.resize(1240, 680)  # fits a 1366x768 screen, with room for Spanish dates
        today = dt.date.today()
        first = dt.date(today.year if today.month >= 7 else today.year - 1, 8, 24)

        year_box = QGroupBox(self.tr("School year"))
        yl = QHBoxLayout(year_box)
        self.year_name = QLineEdit()
        self.year_name.setPlaceholderText(self.tr("e.g. 2026–27"))
        self.year_start = _date_edit(first)
        self.year_end = _date_edit(dt.date(first.year + 1, 6, 11))
        self.save_year_btn = QPushButton(self.tr("Save year"))
        for w in (QLabel(self.tr("Name")), self.year_name, QLabel(self.tr("First day")), self.year_start,
                  QLabel(self.tr("Last day")), self.year_end, self.save_year_btn):
            yl.addWidget(w)
        self.save_year_btn.clicked.connect(self.save_year)

        term_box = QGroupBox(self.tr("Terms (semesters, quarters)"))
        tl = QVBoxLayout(term_box)
        self.terms = _table([self.tr("Term"), self.tr("From"), self.tr("To")])
        tl.addWidget(self.terms)
        trow = QGridLayout()  # name; from, to; buttons: room for the longer Spanish dates
        self.term_name = QLineEdit()
        self.term_name.setPlaceholderText(self.tr("e.g. Fall"))
        self.term_name.setMinimumWidth(110)
        self.term_start = _date_edit(first)
        self.term_end = _date_edit(first + dt.timedelta(days=115))
        self.add_term_btn = QPushButton(self.tr("Add term"))
        self.delete_term_btn = QPushButton(self.tr("Delete"))
        trow.addWidget(self.term_name, 0, 0, 1, 2)
        trow.addWidget(self.term_start, 1, 0)
        trow.addWidget(self.term_end, 1, 1)
        trow.addWidget(self.add_term_btn, 2, 0)
        trow.addWidget(self.delete_term_btn, 2, 1)
        tl.addLayout(trow)
        self.add_term_btn.clicked.connect(self.add_term)
        self.delete_term_btn.clicked.connect(self.delete_term)

        hol_box = QGroupBox(self.tr("Holidays and breaks (no school)"))
        hl = QVBoxLayout(hol_box)
        self.holidays = _table([self.tr("Name"), self.tr("From"), self.tr("To"), self.tr("Kind")])
        hl.addWidget(self.holidays)
        hrow = QGridLayout()
        self.hol_name = QLineEdit()
        self.hol_name.setPlaceholderText(self.tr("e.g. Thanksgiving break"))
        self.hol_start = _date_edit(today)
        self.hol_end = _date_edit(today)
        self.hol_kind = QComboBox()
        for key, label in (("holiday", self.tr("Holiday")), ("break", self.tr("Break")),
                           ("non_school_day", self.tr("No school (other)"))):
            self.hol_kind.addItem(label, key)
        self.add_hol_btn = QPushButton(self.tr("Add"))
        self.delete_hol_btn = QPushButton(self.tr("Delete"))
        hrow.addWidget(self.hol_name, 0, 0)
        hrow.addWidget(self.hol_kind, 0, 1)
        hrow.addWidget(self.hol_start, 1, 0)
        hrow.addWidget(self.hol_end, 1, 1)
        hrow.addWidget(self.add_hol_btn, 2, 0)
        hrow.addWidget(self.delete_hol_btn, 2, 1)
        hl.addLayout(hrow)
        self.add_hol_btn.clicked.connect(self.add_holiday)
        self.delete_hol_btn.clicked.connect(self.delete_holiday)

        bell_box = QGroupBox(self.tr("Bell times"))
        bl = QVBoxLayout(bell_box)
        self.bell_note = QLabel()
        self.bell_note.setWordWrap(True)
        bl.addWidget(self.bell_note)
        self.bells = _table([self.tr("Period"), self.tr("Starts"), self.tr("Ends")])
        bl.addWidget(self.bells)
        brow = QHBoxLayout()
        self.add_bell_btn = QPushButton(self.tr("Add period"))
        self.remove_bell_btn = QPushButton(self.tr("Remove"))
        self.save_bells_btn = QPushButton(self.tr("Save bell times"))
        for w in (self.add_bell_btn, self.remove_bell_btn, self.save_bells_btn):
            brow.addWidget(w)
        bl.addLayout(brow)
        self.add_bell_btn.clicked.connect(lambda: self._bell_row("", "", ""))
        self.remove_bell_btn.clicked.connect(lambda: self.bells.removeRow(max(0, self.bells.currentRow())))
        self.save_bells_btn.clicked.connect(self.save_bells)

        grid = QGridLayout()
        grid.addWidget(term_box, 0, 0)
        grid.addWidget(hol_box, 0, 1)
        grid.addWidget(bell_box, 0, 2)
        for column, stretch in enumerate((3, 4, 2)):  # holiday names are the longest text
            grid.setColumnStretch(column, stretch)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(year_box)
        layout.addLayout(grid, 1)
        layout.addWidget(close)
        ctx.events.subscribe(self, Changes.SCHOOL | Changes.CALENDAR, lambda _c: self.refresh())
        self.refresh()

    # --- data ---------------------------------------------------------------------------
    def refresh(self) -> None:
        setup = svc.year_setup(self.ctx.workspace)
        self.setup = setup
        if setup.year_id is not None and setup.start and setup.end:
            self.year_name.setText(setup.name)
            self.year_start.setDate(_qdate(setup.start))
            self.year_end.setDate(_qdate(setup.end))
        for w in (self.term_name, self.term_start, self.term_end, self.add_term_btn):
            w.setEnabled(setup.year_id is not None)
        self.terms.setRowCount(0)
        for t in setup.terms:
            self._row(self.terms, t.id, [t.name, date_text(t.start), date_text(t.end)])
        self.holidays.setRowCount(0)
        kinds = {self.hol_kind.itemData(i): self.hol_kind.itemText(i) for i in range(self.hol_kind.count())}
        for h in setup.holidays:
            self._row(self.holidays, h.id, [h.name, date_text(h.start), date_text(h.end), kinds.get(h.kind, h.kind)])
        self.bells.setRowCount(0)
        for b in setup.bells:
            self._bell_row(b.period, time_text(b.start), time_text(b.end))
        self.bell_note.setText(self.tr("These are standard times, not yet your school's: edit them and save.")
                               if setup.bells_are_default else
                               self.tr("Class lessons in the calendar start and end at these times."))

    def _row(self, table: QTableWidget, ident: int, cells: list[str]) -> None:
        r = table.rowCount()
        table.insertRow(r)
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            item.setData(Qt.ItemDataRole.UserRole, ident)
            table.setItem(r, c, item)

    def _bell_row(self, period: str, start: str, end: str) -> None:
        r = self.bells.rowCount()
        self.bells.insertRow(r)
        for c, text in enumerate((period, start, end)):
            self.bells.setItem(r, c, QTableWidgetItem(text))

    def _selected_id(self, table: QTableWidget) -> int | None:
        item = table.item(table.currentRow(), 0) if table.currentRow() >= 0 else None
        return int(item.data(Qt.ItemDataRole.UserRole)) if item else None

    # --- actions ------------------------------------------------------------------------
    def _unreadable(self, fields: list[DateField], title: str) -> bool:
        """Say the first date that cannot be read; True when there is one."""
        bad = first_unreadable(fields)
        if bad is not None:
            show_error(self, title, bad.error())
        return bad is not None

    def save_year(self) -> bool:
        if self._unreadable([self.year_start, self.year_end], self.tr("School year")):
            return False
        return run_op(self.ctx, svc.set_year, self.year_name.text(), _py(self.year_start.date()),
                      _py(self.year_end.date()), parent=self, title=self.tr("School year")) is not None

    def add_term(self) -> bool:
        if self._unreadable([self.term_start, self.term_end], self.tr("Term not added")):
            return False
        done = run_op(self.ctx, svc.add_term, self.term_name.text(), _py(self.term_start.date()),
                      _py(self.term_end.date()), parent=self, title=self.tr("Term not added"))
        if done is not None:
            self.term_name.clear()
        return done is not None

    def delete_term(self) -> None:
        ident = self._selected_id(self.terms)
        if ident is not None:
            run_op(self.ctx, svc.delete_term, ident, parent=self, title=self.tr("Delete term"))

    def add_holiday(self) -> bool:
        if self._unreadable([self.hol_start, self.hol_end], self.tr("Holiday not added")):
            return False
        done = run_op(self.ctx, svc.add_holiday, self.hol_name.text(), _py(self.hol_start.date()),
                      _py(self.hol_end.date()), kind=str(self.hol_kind.currentData()), parent=self,
                      title=self.tr("Holiday not added"))
        if done is not None:
            self.hol_name.clear()
        return done is not None

    def delete_holiday(self) -> None:
        ident = self._selected_id(self.holidays)
        if ident is not None:
            run_op(self.ctx, svc.delete_holiday, ident, parent=self, title=self.tr("Delete holiday"))

    def save_bells(self) -> bool:
        bells = []
        for r in range(self.bells.rowCount()):
            items = [self.bells.item(r, c) for c in range(3)]
            cells = [(item.text() if item is not None else "").strip() for item in items]
            if not any(cells):
                continue
            start, end = parse_time(cells[1]), parse_time(cells[2])
            if not cells[0] or start is None or end is None:
                show_error(self, self.tr("Bell times"), self.tr(
                    "Row {0}: give the period and its start and end, e.g. 1, 8:00 AM, 8:50 AM.").format(r + 1))
                return False
            bells.append(svc.Bell(cells[0], start, end))
        return run_op(self.ctx, svc.set_bells, bells, parent=self, title=self.tr("Bell times")) is not None
