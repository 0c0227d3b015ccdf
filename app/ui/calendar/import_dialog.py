"""Calendar import preview: every event of the .ics file with its date, categories and
free/busy; the teacher ticks the ones that are days without school. Events marked free
(TRANSP:TRANSPARENT) cannot be ticked; suggestions (all-day events named like a holiday)
start ticked. Events that will be skipped are listed with their line."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.scheduling.ical_import import CalendarRead, ImportedEvent


class CalendarImportDialog(QDialog):
    """``dialog.exec()``; then ``dialog.days_off()`` is the set of event keys ticked."""

    def __init__(self, read: CalendarRead, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import calendar: {0}").format(read.name))
        self.resize(860, 560)
        self.events: list[ImportedEvent] = sorted(read.events, key=lambda e: (str(e.start), e.summary))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Tick the events that are days without school: only those become days off, and lessons "
            "skip them. Events marked free in the file (such as A/B-day labels) never do."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(self.events), 6, self)
        self.table.setHorizontalHeaderLabels([self.tr("No school"), self.tr("Date"), self.tr("Event"),
                                              self.tr("Categories"), self.tr("Shown as"), self.tr("Line")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, ev in enumerate(self.events):
            tick = QTableWidgetItem()
            if ev.all_day and not ev.transparent:
                tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                tick.setCheckState(Qt.CheckState.Checked if ev.suggest_no_school else Qt.CheckState.Unchecked)
            else:
                tick.setFlags(Qt.ItemFlag.NoItemFlags)
                tick.setToolTip(self.tr("Marked free in the file: never a day off") if ev.transparent
                                else self.tr("A timed event: imported as an event, not a day off"))
            self.table.setItem(row, 0, tick)
            when = ev.start.strftime("%Y-%m-%d %H:%M") if isinstance(ev.start, dt.datetime) else ev.start.isoformat()
            for col, text in ((1, when), (2, ev.summary), (3, ", ".join(ev.categories)),
                              (4, self.tr("free") if ev.transparent else self.tr("busy")), (5, str(ev.line))):
                self.table.setItem(row, col, QTableWidgetItem(text))
        layout.addWidget(self.table)
        suggested = sum(1 for e in self.events if e.suggest_no_school)
        self.summary = QLabel(self.tr("{0} events; {1} suggested as days without school; {2} skipped.").format(
            len(self.events), suggested, len(read.skipped)))
        layout.addWidget(self.summary)
        self.problems = QPlainTextEdit("\n".join([str(s) for s in read.skipped] + read.notes))
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(90)
        self.problems.setVisible(bool(read.skipped or read.notes))
        layout.addWidget(self.problems)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def set_no_school(self, row: int, on: bool) -> None:
        item = self.table.item(row, 0)
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def days_off(self) -> set[str]:
        ticked = set()
        for row, ev in enumerate(self.events):
            item = self.table.item(row, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                ticked.add(ev.key)
        return ticked
