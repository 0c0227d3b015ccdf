"""A counselor's and a teacher's first week with the Calendar, step by step: export on a
new workspace, US times, typed dates, student search, double-click to add, and the
sample school leaving the real class periods alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import QLocale, QPointF, Qt
from sqlalchemy import select

from app.ui.shell.context import AppContext

pytestmark = pytest.mark.gui


@pytest.fixture
def us_locale():  # type: ignore[no-untyped-def]
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


def _page(qtbot, ws):  # type: ignore[no-untyped-def]
    from app.ui.calendar.page import CalendarPage

    p = CalendarPage(AppContext(workspace=ws))
    qtbot.addWidget(p)
    p.resize(1200, 720)
    p.show()
    qtbot.waitExposed(p)
    return p


def test_export_on_a_new_workspace_opens_on_a_real_calendar_and_says_the_zone(
        qtbot, empty_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.store.roster_service import add_staff, save_school_settings

    ws = empty_workspace
    save_school_settings(ws, timezone="America/Chicago")
    add_staff(ws, given_name="Tom", family_name="Baker", role="teacher")
    page = _page(qtbot, ws)
    page.owner.setCurrentIndex(page.owner.findText("Tom Baker", Qt.MatchFlag.MatchStartsWith))
    dialog = page.export_dialog_for_current()
    qtbot.addWidget(dialog)
    # A teacher's calendar opens on "Teacher" with the teacher chosen, not on an empty
    # "Counselor (own calendar)".
    assert dialog.kind.currentData() == "teacher" and dialog.who.currentText() == "Tom Baker"
    assert "America/Chicago" in dialog.zone.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData("counselor"))
    assert not dialog.save_button().isEnabled() and "No counselor" in dialog.who.currentText()
    dialog.kind.setCurrentIndex(dialog.kind.findData("teacher"))
    assert dialog.save_button().isEnabled()
    said: list[str] = []
    page.ctx.status = said.append
    page.export_to(dialog.choice(), tmp_path / "baker.ics")
    assert said and "America/Chicago" in said[-1]
    cal = icalendar.Calendar.from_ical((tmp_path / "baker.ics").read_bytes())
    assert "Tom Baker" in str(cal.get("X-WR-CALNAME"))

    # A counselor added in the app is the default of their own calendar's export.
    from app.ui.common.staff_dialog import StaffDialog

    staff = StaffDialog(page.ctx, page)
    qtbot.addWidget(staff)
    assert staff.save(None, "Ana Rivera", "counselor", "", ["es"])
    qtbot.waitUntil(lambda: page.owner.findText("Ana Rivera", Qt.MatchFlag.MatchStartsWith) >= 0, timeout=5000)
    page.owner.setCurrentIndex(page.owner.findText("Ana Rivera", Qt.MatchFlag.MatchStartsWith))
    dialog = page.export_dialog_for_current()
    qtbot.addWidget(dialog)
    assert dialog.kind.currentData() == "counselor" and dialog.who.currentText() == "Ana Rivera"


def test_times_follow_the_locale_and_double_click_adds_an_event(
        qtbot, demo_workspace, us_locale, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.scheduling.calendar_service import EventForm
    from app.store.models import Staff

    page = _page(qtbot, demo_workspace)
    with demo_workspace.read() as s:
        teacher = s.scalars(select(Staff).where(Staff.role == "teacher").order_by(Staff.id)).first()
    page.owner.setCurrentIndex(page.owner.findData(teacher.id))
    monday = dt.date(2026, 11, 16)
    page.show_week_of(monday)
    timed = [r.when for r in page.model.rows if r.start is not None]
    assert timed and all(("AM" in w or "PM" in w) for w in timed), timed[:3]
    assert not any(" 13:" in w or " 14:" in w for w in timed)

    opened: list[EventForm] = []

    class Accepting:
        def __init__(self, form: EventForm) -> None:
            opened.append(form)
            self._form = form

        def exec(self) -> int:
            return 1

        def form(self) -> EventForm:
            return EventForm(title="Parent call", day=self._form.day, start=self._form.start, end=self._form.end)

    monkeypatch.setattr(page, "open_event_dialog", Accepting)
    page.tabs.setCurrentWidget(page.week)
    week = page.week
    qtbot.waitExposed(week)
    col, row = week._geometry()
    # An empty spot: Wednesday at 6:30 AM is before any lesson, so show earlier hours.
    target = dt.time(week.last_hour - 1, 30)
    x = week.LEFT + 2.5 * col
    y = week.TOP + week.ALLDAY + (target.hour + 0.75 - week.first_hour) * row
    pos = QPointF(x, y)
    assert week.item_at(pos) is None
    qtbot.mouseDClick(week, Qt.MouseButton.LeftButton, pos=pos.toPoint())
    assert opened and opened[0].day == monday + dt.timedelta(days=2) and opened[0].start == target
    assert opened[0].end == dt.time(target.hour + 1, 0)
    assert any(r.title == "Parent call" and r.day == opened[0].day for r in page.model.rows)


def test_event_dialog_types_dates_and_searches_students(qtbot, us_locale, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.scheduling.calendar_service import EventForm
    from app.ui.calendar.dialogs import EventDialog

    students = [(1, "José Hernández"), (2, "Thảo Nguyễn"), (3, "Ava Smith"), (4, "Josefina Ruiz")]
    dialog = EventDialog(EventForm(day=dt.date(2026, 11, 2)), students)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.start.currentText().replace("\u202f", " ") == "9:00 AM"  # EventForm's default start
    # The date is typed as written in the US; what was understood is said under it.
    for typed, want in (("11/18/2026", dt.date(2026, 11, 18)), ("Nov 18 2026", dt.date(2026, 11, 18)),
                        ("2026-11-18", dt.date(2026, 11, 18)), ("18 de noviembre de 2026", dt.date(2026, 11, 18))):
        dialog.date.edit.setFocus()
        dialog.date.edit.selectAll()
        qtbot.keyClicks(dialog.date.edit, typed)
        assert dialog.date.value() == want, typed
        assert dialog.date.understood.text() == "Wednesday, November 18, 2026"
    dialog.date.edit.selectAll()
    qtbot.keyClicks(dialog.date.edit, "18/11/2026")  # day first is not how the US writes it
    assert dialog.date.value() is None and "month/day/year" in dialog.date.understood.text()
    said: list[str] = []
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning", lambda _p, _t, text, *a: said.append(text))
    dialog._accept()
    assert said and "18/11/2026" in said[0] and not dialog.result()
    dialog.date.edit.selectAll()
    qtbot.keyClicks(dialog.date.edit, "11/18/2026")
    dialog.date.edit.editingFinished.emit()  # leaving the box
    assert dialog.date.text() == "Nov 18, 2026"  # shown back in the locale's own words
    for field, text in ((dialog.start, "3:30 pm"), (dialog.end, "16:15")):
        line = field.lineEdit()
        line.setFocus()
        line.selectAll()
        qtbot.keyClicks(line, text)
    assert dialog.end.value() == dt.time(16, 15)
    for typed, want in (("3pm", dt.time(15)), ("12:05 AM", dt.time(0, 5)), ("1530", dt.time(15, 30)),
                        ("25:00", None), ("soon", None)):
        from app.ui.common.locale_format import parse_time

        assert parse_time(typed) == want, typed
    dialog.title.setText("Check-in")
    assert dialog.filter_students("jose") == 2  # José and Josefina, accents ignored
    qtbot.keyClicks(dialog.student_search, "")
    dialog.student_search.setText("nguyen")
    visible = [dialog.students.item(i).text() for i in range(dialog.students.count())
               if not dialog.students.item(i).isHidden()]
    assert visible == ["Thảo Nguyễn"]
    dialog.students.item(1).setCheckState(Qt.CheckState.Checked)
    dialog.student_search.clear()
    assert "1 students chosen" in dialog.chosen.text() or "1 student" in dialog.chosen.text()
    form = dialog.form()
    assert form.day == dt.date(2026, 11, 18) and form.start == dt.time(15, 30) and form.end == dt.time(16, 15)
    assert form.student_ids == (2,)


def test_sample_school_never_replaces_the_real_class_periods(qtbot, demo_workspace) -> None:  # type: ignore[no-untyped-def]
    from app.scheduling.school_calendar import weekly_lessons
    from app.ui.timetable.page import TimetablePage

    def lessons() -> tuple[list[tuple[int, dt.time, str]], str]:
        with demo_workspace.read() as s:
            found, source = weekly_lessons(s)
        return sorted((w.weekday, w.start, w.title) for w in found), source

    before, source = lessons()
    assert before and source == "sections"
    timetable = TimetablePage(AppContext(demo_workspace))
    qtbot.addWidget(timetable)
    # Another school's file tried out (the small FET sample solves in a second).
    fet = Path(__file__).resolve().parents[2] / "scheduling" / "data" / "riverside-grade7.fet"
    assert timetable.import_fet(fet) is not None
    timetable.time_limit.setValue(10)
    timetable.solve()
    qtbot.waitUntil(lambda: timetable.task is None, timeout=90_000)
    assert timetable.last_result.solved
    assert lessons() == (before, "sections")
    # "New sample school", solved.
    assert timetable.new_sample() is not None
    timetable.time_limit.setValue(20)
    timetable.solve()
    qtbot.waitUntil(lambda: timetable.task is None, timeout=120_000)
    if timetable.last_result.solved:  # a loaded machine may not find one in 20 s
        assert lessons() == (before, "sections")
    from app.scheduling.school_calendar import SAMPLE_SOURCE
    from app.store.models.timetable import Timetable

    with demo_workspace.read() as s:
        assert s.scalars(select(Timetable.source).order_by(Timetable.id.desc())).first() == SAMPLE_SOURCE
