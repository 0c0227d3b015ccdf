"""Calendar: a person's agenda and week (meetings, groups, tests, deadlines, days off),
add/edit events with categories for the ASCA report, and .ics export/import."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.core.changes import Changes
from app.core.errors import UserFacingError
from app.scheduling.calendar_service import EventForm, delete_event, save_event, skip_date
from app.ui.calendar.dialogs import EventDialog, ExportChoice, ExportDialog
from app.ui.calendar.labels import category_text
from app.ui.calendar.week import WeekItem, WeekView
from app.ui.common import file_dialogs
from app.ui.common.flow_layout import FlowLayout
from app.ui.common.locale_format import date_text, time_text
from app.ui.common.roles import role_text
from app.ui.common.table_model import Column, RowTableModel
from app.ui.shell.context import AppContext
from app.ui.shell.operations import run_op

SCHOOL = -1  # events without an owner (imported district calendar)


@dataclass(frozen=True)
class AgendaRow:
    event_id: int | None
    when: str
    sort_key: str
    title: str
    category: str
    location: str
    day: dt.date
    start: dt.time | None
    end: dt.time | None
    kind: str


class CalendarPage(QWidget):
    # Lessons come from the timetable (or the classes), meetings from conferences.
    DEPENDS_ON = Changes.CALENDAR | Changes.ROSTER | Changes.CONFERENCES | Changes.TIMETABLE | Changes.SCHOOL

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.roles: dict[int, str] = {}
        today = dt.date.today()
        self.monday = today - dt.timedelta(days=today.weekday())
        self.owner = QComboBox()
        self.prev_btn = QPushButton(self.tr("◀ Week"))
        self.today_btn = QPushButton(self.tr("Today"))
        self.next_btn = QPushButton(self.tr("Week ▶"))
        self.add_btn = QPushButton(self.tr("New event…"))
        self.edit_btn = QPushButton(self.tr("Edit…"))
        self.delete_btn = QPushButton(self.tr("Delete"))
        self.skip_btn = QPushButton(self.tr("Skip this date"))
        self.skip_btn.setToolTip(self.tr("Cancel one occurrence of a repeating event (the rest stay)"))
        self.import_btn = QPushButton(self.tr("Import .ics…"))
        self.export_btn = QPushButton(self.tr("Export .ics…"))
        bar = FlowLayout()  # wraps instead of widening the window
        bar.addWidget(QLabel(self.tr("Calendar of")))
        bar.addWidget(self.owner, 1)
        for b in (self.prev_btn, self.today_btn, self.next_btn, self.add_btn, self.edit_btn,
                  self.delete_btn, self.skip_btn, self.import_btn, self.export_btn):
            bar.addWidget(b)
        self.model: RowTableModel[AgendaRow] = RowTableModel([
            Column(self.tr("When"), lambda r: r.when, sort_key=lambda r: r.sort_key),
            Column(self.tr("Event"), lambda r: r.title),
            Column(self.tr("Category"), lambda r: r.category),
            Column(self.tr("Where"), lambda r: r.location),
        ], self)
        self.agenda = QTableView()
        self.agenda.setModel(self.model)
        self.agenda.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agenda.verticalHeader().setVisible(False)
        self.agenda.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.agenda.horizontalHeader().setStretchLastSection(True)
        self.agenda.doubleClicked.connect(lambda _i: self.edit_selected())
        self.week = WeekView()
        self.week.setToolTip(self.tr("Double-click an empty time to add an event there."))
        self.week.new_event_at.connect(self.add_event_at)
        self.week.item_activated.connect(self._week_item_activated)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.week, self.tr("Week"))
        self.tabs.addTab(self.agenda, self.tr("Agenda (4 weeks)"))
        self.asca = QLabel()
        self.asca.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.asca)

        self.prev_btn.clicked.connect(lambda: self.shift(-7))
        self.next_btn.clicked.connect(lambda: self.shift(7))
        self.today_btn.clicked.connect(self.go_today)
        self.add_btn.clicked.connect(self.add_event)
        self.edit_btn.clicked.connect(self.edit_selected)
        self.delete_btn.clicked.connect(self.delete_selected)
        self.skip_btn.clicked.connect(self.skip_selected)
        self.import_btn.clicked.connect(self.import_dialog)
        self.export_btn.clicked.connect(self.export_dialog)
        self.owner.currentIndexChanged.connect(lambda _i: self.refresh())
        ctx.events.subscribe(self, self.DEPENDS_ON, self._on_changed)
        self._fill_owners()
        self.refresh()

    # --- data ---------------------------------------------------------------------------
    def _fill_owners(self) -> None:
        from app.store.models import Staff

        with self.ctx.workspace.read() as s:
            staff = s.scalars(select(Staff).where(Staff.active.is_(True))).all()
            people = sorted(staff, key=lambda p: (p.role != "counselor", p.family_name))
            self.owner.blockSignals(True)
            self.owner.clear()
            self.roles = {p.id: p.role for p in people}
            for p in people:
                self.owner.addItem(f"{p.display_name} ({role_text(p.role)})", p.id)
            self.owner.addItem(self.tr("School calendar (imported)"), SCHOOL)
            self.owner.blockSignals(False)

    def owner_id(self) -> int | None:
        value = self.owner.currentData()
        return None if value in (None, SCHOOL) else int(value)

    def _on_changed(self, changes: Changes) -> None:
        if changes & Changes.ROSTER:
            self._fill_owners()
        self.refresh()

    def shift(self, days: int) -> None:
        self.monday += dt.timedelta(days=days)
        self.refresh()

    def go_today(self) -> None:
        today = dt.date.today()
        self.monday = today - dt.timedelta(days=today.weekday())
        self.refresh()

    def show_week_of(self, day: dt.date) -> None:
        self.monday = day - dt.timedelta(days=day.weekday())
        self.refresh()

    def refresh(self) -> None:
        from app.scheduling.calendar_service import agenda, counselor_report
        from app.scheduling.counselor import ASCA_TARGET, category
        from app.scheduling.school_calendar import load_days_off

        start, end = self.monday, self.monday + dt.timedelta(days=28)
        owner = self.owner_id()
        with self.ctx.workspace.read() as s:
            occ = agenda(s, owner, start, end) if self.owner.currentData() is not None else []
            offs = load_days_off(s)
            is_counselor = owner is not None and self.roles.get(owner) == "counselor"
            month = counselor_report(s, owner, start, end) if is_counselor and owner is not None else None
        rows: list[AgendaRow] = []
        for o in occ:
            if isinstance(o.start, dt.datetime) and isinstance(o.end, dt.datetime):
                day, st, en = o.start.date(), o.start.time(), o.end.time()
                when = f"{date_text(day)}  {time_text(st)}–{time_text(en)}"
            else:
                day, st, en = o.start if isinstance(o.start, dt.date) else o.start.date(), None, None
                when = f"{date_text(day)}  " + self.tr("all day")
            cat = category(o.category)
            rows.append(AgendaRow(o.event_id, when, f"{day.isoformat()} {st or ''}", o.title, category_text(cat.label),
                                  o.location, day, st, en, cat.asca))
        for off in offs:
            for d in off.dates():
                if start <= d < end and d.weekday() < 5:
                    rows.append(AgendaRow(None, f"{date_text(d)}  " + self.tr("all day"), d.isoformat(), off.name,
                                          self.tr("No school"), "", d, None, None, "day_off"))
        rows.sort(key=lambda r: r.sort_key)
        self.model.set_rows(rows)
        self.week.set_week(self.monday, [WeekItem(r.day, r.start, r.end, r.title, r.kind, r.event_id) for r in rows])
        if month is not None and month.total:
            direct = month.share("direct")
            both = direct + month.share("indirect")
            verdict = self.tr("meets") if both >= ASCA_TARGET else self.tr("is below")
            self.asca.setText(self.tr(
                "Next 4 weeks: {h:.1f} h scheduled; direct student services {d:.0%}, direct + indirect {b:.0%} "
                "— {v} the ASCA recommendation of {t:.0%}.").format(
                    h=month.total / 60, d=direct, b=both, v=verdict, t=ASCA_TARGET))
        elif month is not None:
            self.asca.setText(self.tr("No timed events in the next 4 weeks."))
        else:
            self.asca.setText("")

    # --- events -------------------------------------------------------------------------
    def _students(self) -> list[tuple[int, str]]:
        from app.store.models import Student

        with self.ctx.workspace.read() as s:
            return [(st.id, st.display_name) for st in
                    s.scalars(select(Student).where(Student.active.is_(True)).order_by(Student.family_name)).all()]

    def selected_event_id(self) -> int | None:
        rows = self.agenda.selectionModel().selectedRows()
        if not rows:
            return None
        row = self.model.row_at(rows[0])
        return row.event_id if row else None

    def open_event_dialog(self, form: EventForm) -> EventDialog:
        return EventDialog(form, self._students(), self)

    def add_event(self) -> None:
        dialog = self.open_event_dialog(EventForm(day=max(self.monday, dt.date.today())))
        if dialog.exec():
            self.save_form(dialog.form())

    def new_event_form(self, day: dt.date, start: dt.time | None) -> EventForm:
        """The form a double-click on the week opens: that day, that half hour (30 min)."""
        if start is None:
            return EventForm(day=day, all_day=True)
        end = (dt.datetime.combine(day, start) + dt.timedelta(minutes=30)).time()
        return EventForm(day=day, start=start, end=end if end > start else dt.time(23, 59))

    def add_event_at(self, day: dt.date, start: dt.time | None) -> None:
        dialog = self.open_event_dialog(self.new_event_form(day, start))
        if dialog.exec():
            self.save_form(dialog.form())

    def _week_item_activated(self, item: WeekItem) -> None:
        if item.event_id is None:
            return
        for row_index, row in enumerate(self.model.rows):
            if row.event_id == item.event_id:
                self.agenda.selectRow(row_index)
                break
        self.edit_selected()

    def save_form(self, form: EventForm, event_id: int | None = None) -> int | None:
        done = run_op(self.ctx, save_event, form, owner_staff_id=self.owner_id(), event_id=event_id,
                      parent=self, title=self.tr("Event not saved"))
        if done is None:
            return None
        self.ctx.status(self.tr("Saved “{0}”.").format(form.title))
        return done.value

    def edit_selected(self) -> None:
        from app.scheduling.calendar_service import CalendarEditError, event_form

        event_id = self.selected_event_id()
        if event_id is None:
            return
        try:
            form, _owner = event_form(self.ctx.workspace, event_id)
        except CalendarEditError:
            return
        dialog = self.open_event_dialog(form)
        if dialog.exec():
            self.save_form(dialog.form(), event_id)

    def delete_selected(self) -> None:

        event_id = self.selected_event_id()
        if event_id is None:
            return
        if QMessageBox.question(self, self.tr("Delete event"), self.tr("Delete this event (every occurrence)?")) \
                != QMessageBox.StandardButton.Yes:
            return
        run_op(self.ctx, delete_event, event_id, parent=self, title=self.tr("Delete event"))

    def skip_selected(self) -> None:
        rows = self.agenda.selectionModel().selectedRows()
        row = self.model.row_at(rows[0]) if rows else None
        if row is None or row.event_id is None:
            return
        if not self.skip_occurrence(row.event_id, row.day):
            QMessageBox.information(self, self.tr("Skip this date"), self.tr("Only repeating events have dates to skip."))

    def skip_occurrence(self, event_id: int, day: dt.date) -> bool:
        """Add ``day`` to a series' EXDATEs (exported with the series' TZID)."""
        done = run_op(self.ctx, skip_date, event_id, day, parent=self, title=self.tr("Skip this date"))
        return bool(done and done.value)

    # --- .ics ---------------------------------------------------------------------------
    def export_targets(self) -> dict[str, list[tuple[str, str]]]:
        from app.store.models import Guardian, Section, Staff, Student

        with self.ctx.workspace.read() as s:
            staff = s.scalars(select(Staff).order_by(Staff.family_name)).all()
            sections = s.scalars(select(Section).order_by(Section.name)).all()
            students = s.scalars(select(Student).order_by(Student.family_name)).all()
            guardians = s.scalars(select(Guardian).order_by(Guardian.family_name)).all()
            rooms = sorted({sec.room for sec in sections if sec.room})
            return {
                "counselor": [(str(p.id), p.display_name) for p in staff if p.role == "counselor"],
                "teacher": [(str(p.id), p.display_name) for p in staff],
                "class": [(str(sec.id), sec.name) for sec in sections],
                "room": [(r, r) for r in rooms],
                "student": [(str(st.id), st.display_name) for st in students],
                "family": [(str(g.id), g.display_name) for g in guardians],
            }

    def export_dialog_for_current(self) -> ExportDialog:
        """The export dialog opened on the calendar being shown (a counselor's own, a
        teacher's...), with the school's time zone said."""
        from app.store.roster_service import school_settings

        owner = self.owner_id()
        kind = "teacher"
        if owner is not None and self.roles.get(owner) == "counselor":
            kind = "counselor"
        zone = school_settings(self.ctx.workspace).timezone
        return ExportDialog(self.export_targets(), kind, str(owner or ""), self, timezone=zone)

    def export_dialog(self) -> None:
        dialog = self.export_dialog_for_current()
        if not dialog.exec():
            return
        choice = dialog.choice()
        path = file_dialogs.save_file(self, "ics", self.tr("Save calendar"), "calendar.ics",
                                                   self.tr("iCalendar (*.ics)"))
        if path:
            self.export_to(choice, Path(path))

    def export_to(self, choice: ExportChoice, path: Path) -> int:
        from app.scheduling.ical_export import ExportError, Target, export_calendar

        if path.suffix.lower() != ".ics":
            path = path.with_suffix(".ics")
        if not choice.ident:
            QMessageBox.warning(self, self.tr("Export .ics"), self.tr("Choose whose calendar to export."))
            return 0
        try:
            with self.ctx.workspace.read() as s:
                result = export_calendar(s, Target(choice.kind, choice.ident), start=choice.start, end=choice.end,
                                         full_names=True if choice.full_names else None,
                                         uid_domain=f"{self.ctx.workspace.workspace_id}.teacherdesk")
        except ExportError as exc:
            QMessageBox.warning(self, self.tr("Export .ics"), exc.message if hasattr(exc, "message") else str(exc))
            return 0
        path.write_bytes(result.data)
        self.ctx.status(self.tr("Exported {0} events to {1}; times are in {2}.").format(
            result.events, path.name, result.timezone))
        return result.events

    def import_dialog(self) -> None:
        path = file_dialogs.open_file(self, "ics", self.tr("Import calendar"),
                                                   self.tr("iCalendar (*.ics)"))
        if path:
            self.preview_and_import(Path(path))

    def preview_and_import(self, path: Path) -> str:
        """Show the file's events; import with the ones the teacher marked as no school."""
        from app.scheduling.calendar_service import preview_calendar
        from app.ui.calendar.import_dialog import CalendarImportDialog

        try:
            read = preview_calendar(self.ctx.workspace, path)
        except (UserFacingError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Import .ics"), str(exc))
            return str(exc)
        dialog = CalendarImportDialog(read, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return ""
        return self.import_from(path, days_off=dialog.days_off())

    def import_from(self, path: Path, days_off: set[str] | None = None) -> str:
        from app.scheduling.calendar_service import import_calendar

        refused: list[str] = []
        try:
            done = run_op(self.ctx, import_calendar, path, staff_id=self.owner_id(), days_off=days_off,
                          on_error=refused.append)
        except OSError as exc:
            refused.append(str(exc))
            done = None
        if done is None:
            QMessageBox.warning(self, self.tr("Import .ics"), refused[0] if refused else "")
            return refused[0] if refused else ""
        r = done.value
        message = self.tr("Imported {0}: {1} days off, {2} busy times, {3} events, {4} updated.").format(
            path.name, r.days_off, r.busy, r.events, r.updated)
        skipped = [line.strip() for line in r.lines[1:]]
        if skipped:
            message += "\n" + "\n".join(skipped)
            QMessageBox.warning(self, self.tr("Import .ics"), message)
        self.ctx.status(message.splitlines()[0])
        return message
