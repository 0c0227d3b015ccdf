"""The Calendar page on a real demo workspace: agenda, week, add, export, import."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import icalendar
import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from app.ui.shell.context import AppContext

pytestmark = pytest.mark.gui


def seed_calendar(ws) -> None:  # type: ignore[no-untyped-def]
    """The calendar's demo data (holidays, a counselor's month, a conference day), added
    here unless the demo generator already ran our extension."""
    from app.scheduling.counselor_store import extend_demo
    from app.store.demo import DemoInfo, us_holidays
    from app.store.models import SchoolYear, Staff, Student, Term
    from app.store.models.calendar import SchoolDayOff

    with ws.session() as s:
        if s.query(SchoolDayOff).count():
            return
        year = s.scalars(select(SchoolYear)).first()
        info = DemoInfo(school_id=1, school_year_id=year.id, term_ids=[t.id for t in s.scalars(select(Term))],
                        today=dt.date.today(), student_ids=list(s.scalars(select(Student.id))),
                        staff_ids=list(s.scalars(select(Staff.id))), holidays=us_holidays(year.start_date.year))
        extend_demo(s, random.Random(3), info)


@pytest.fixture
def page(qtbot, demo_workspace):  # type: ignore[no-untyped-def]
    from app.ui.calendar.page import CalendarPage

    seed_calendar(demo_workspace)
    p = CalendarPage(AppContext(workspace=demo_workspace))
    qtbot.addWidget(p)
    p.resize(1100, 700)
    p.show()
    qtbot.waitExposed(p)
    return p


def test_agenda_and_week_show_the_counselors_month(page) -> None:  # type: ignore[no-untyped-def]
    titles = [r.title for r in page.model.rows]
    assert any(t.startswith("Lunch group: study skills – ") for t in titles)
    assert any(t.startswith("Individual planning – ") for t in titles)
    assert page.week.items and "ASCA" in page.asca.text()
    image = page.grab()
    assert not image.isNull() and image.width() > 500


def test_add_weekly_event_skips_holidays(page) -> None:  # type: ignore[no-untyped-def]
    from app.scheduling.school_calendar import load_days_off
    from app.ui.calendar.dialogs import EventForm

    with page.ctx.workspace.read() as s:
        off = {d for o in load_days_off(s) for d in o.dates()}
    start = page.monday
    page.save_form(EventForm(title="Grief group", category="group", day=start, start=dt.time(10),
                             end=dt.time(10, 45), weekly=True, until=start + dt.timedelta(weeks=3),
                             reminder_minutes=15))
    days = [r.day for r in page.model.rows if r.title == "Grief group"]
    expected = [start + dt.timedelta(weeks=i) for i in range(4) if start + dt.timedelta(weeks=i) not in off]
    assert days == expected
    # Cancel one week by hand: it leaves the agenda and the exported series (EXDATE).
    row = next(r for r in page.model.rows if r.title == "Grief group")
    assert page.skip_occurrence(row.event_id, expected[-1])
    assert [r.day for r in page.model.rows if r.title == "Grief group"] == expected[:-1]


def test_export_dialog_choice_writes_private_ics(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.ui.calendar.dialogs import ExportDialog

    targets = page.export_targets()
    dialog = ExportDialog(targets, "student", targets["student"][0][0], page)
    assert not dialog.full_names.isChecked()  # privacy by default
    assert "initials" in dialog.note.text()
    choice = dialog.choice()
    path = tmp_path / "student.ics"
    assert page.export_to(choice, path) > 0
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    events = cal.walk("VEVENT")
    assert events and all(str(e["class"]) == "PRIVATE" for e in events)
    full_name = targets["student"][0][1]
    assert full_name not in path.read_text(encoding="utf-8")


def test_import_reports_broken_file_line(page, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    bad = tmp_path / "district.ics"
    bad.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nnot a property\r\nEND:VEVENT\r\n", encoding="utf-8")
    message = page.import_from(bad)
    # The broken event is skipped (named by its line), the rest of a file would be imported.
    assert shown == [message] and message.startswith("Imported district.ics: 0 days off")
    assert "district.ics, line 3: an event skipped: line 4 ('not a property') is not a 'NAME:value' line" in message
    good = tmp_path / "busy.ics"
    good.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:b1\r\n"
                    f"DTSTAMP:20260101T000000Z\r\nDTSTART:{page.monday:%Y%m%d}T140000\r\n"
                    f"DTEND:{page.monday:%Y%m%d}T150000\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                    encoding="utf-8")
    assert "1 busy times" in page.import_from(good)
    assert any(r.title == "Dentist" for r in page.model.rows)


def test_teacher_calendar_shows_lessons_and_skips_holidays(page) -> None:  # type: ignore[no-untyped-def]
    from app.store.models import SectionTeacher

    with page.ctx.workspace.read() as s:
        teacher_id = s.scalars(select(SectionTeacher.staff_id)).first()
    page.owner.setCurrentIndex(page.owner.findData(teacher_id))
    year = dt.date.today().year if dt.date.today().month >= 8 else dt.date.today().year - 1
    thanksgiving_week = dt.date(year, 11, 22) + dt.timedelta(days=(0 - dt.date(year, 11, 22).weekday()) % 7)
    page.show_week_of(thanksgiving_week)
    lessons = [r for r in page.model.rows if r.category == "Class (timetable)" and r.day < thanksgiving_week
               + dt.timedelta(days=7)]
    assert lessons, "a teacher sees their weekly lessons"
    days_with_lessons = {r.day for r in lessons}
    closed = {r.day for r in page.model.rows if r.kind == "day_off"}
    assert closed and not (days_with_lessons & closed)
    assert page.asca.text() == ""  # the ASCA share is a counselor's measure


def test_import_preview_marks_only_ticked_days_off(page, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The preview lists every event; the free A-day label cannot be ticked, the suggested
    holiday starts ticked; importing makes only the ticked one a day off."""
    from PySide6.QtCore import Qt

    from app.scheduling.calendar_service import preview_calendar
    from app.store.models.calendar import SchoolDayOff
    from app.ui.calendar.import_dialog import CalendarImportDialog

    ics = tmp_path / "district.ics"
    day = page.monday
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
        f"BEGIN:VEVENT\r\nUID:a1\r\nDTSTART;VALUE=DATE:{day:%Y%m%d}\r\nSUMMARY:A Day\r\n"
        "CATEGORIES:Rotation\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n"
        f"BEGIN:VEVENT\r\nUID:h1\r\nDTSTART;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}\r\n"
        "SUMMARY:Holiday - No School\r\nCATEGORIES:Holiday\r\nEND:VEVENT\r\n"
        f"BEGIN:VEVENT\r\nUID:p1\r\nDTSTART;VALUE=DATE:{day + dt.timedelta(days=2):%Y%m%d}\r\n"
        "SUMMARY:Picture day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    dialog = CalendarImportDialog(preview_calendar(page.ctx.workspace, ics), page)
    rows = {dialog.table.item(r, 2).text(): r for r in range(dialog.table.rowCount())}
    a_day = dialog.table.item(rows["A Day"], 0)
    assert not a_day.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert dialog.table.item(rows["A Day"], 3).text() == "Rotation" and dialog.table.item(rows["A Day"], 4).text() == "free"
    assert dialog.table.item(rows["Holiday - No School"], 0).checkState() == Qt.CheckState.Checked
    assert dialog.table.item(rows["Picture day"], 0).checkState() == Qt.CheckState.Unchecked
    dialog.grab().save(str(tmp_path / "calendar_import.png"))
    page.import_from(ics, days_off=dialog.days_off())
    with page.ctx.workspace.read() as s:
        names = {o.name for o in s.scalars(select(SchoolDayOff).where(SchoolDayOff.source == "import:district.ics"))}
    assert names == {"Holiday - No School"}

