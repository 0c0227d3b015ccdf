"""Screenshots of the Conferences, Calendar and Settings pages at 1366x768 on a fresh
demo workspace, with a scheduled conference evening (US English locale).

    QT_QPA_PLATFORM=offscreen uv run python scripts/schedule_screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = Path(tempfile.mkdtemp(prefix="td-sched-shots-"))
    os.environ.setdefault("TEACHERDESK_HOME", str(tmp / "home"))
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    app = QApplication([])
    from app.scheduling import conference_service
    from app.scheduling.demo import build_demo
    from app.store.roster_service import edit_staff, list_staff
    from app.ui.shell.context import AppContext
    from app.ui.shell.launch import configure_settings
    from app.ui.shell.main_window import MainWindow

    configure_settings()
    ws = build_demo(tmp / "demo.tdw", students=75, keyless=True).workspace
    if not conference_service.list_days(ws):
        conference_service.add_day(ws, conference_service.DayForm(label="Fall conferences",
                                                                  date=dt.date.today() + dt.timedelta(days=14)))
    teachers = [r for r in list_staff(ws, role="teacher")]
    if teachers:
        edit_staff(ws, teachers[0].id, languages=["es"])
    conference_service.schedule_conferences(ws, 2.0, invite=True)
    window = MainWindow(AppContext(workspace=ws))
    window.resize(1366, 768)
    window.show()
    args.out.mkdir(parents=True, exist_ok=True)

    def settle(n: int = 10) -> None:
        for _ in range(n):
            app.processEvents()

    def shot(name: str, widget=None) -> None:  # type: ignore[no-untyped-def]
        settle()
        target = args.out / f"{name}.png"
        (widget or window).grab().save(str(target))
        print(target, (widget or window).width(), "x", (widget or window).height())

    conferences = window.show_page("conferences")
    conferences.refresh()
    shot("conferences-1366")
    calendar = window.show_page("calendar")
    counselors = [i for i in range(calendar.owner.count()) if "ounselor" in calendar.owner.itemText(i)]
    if counselors:
        calendar.owner.setCurrentIndex(counselors[0])
    calendar.tabs.setCurrentIndex(0)
    shot("calendar-1366")
    export = calendar.export_dialog_for_current()
    export.show()
    shot("calendar-export-dialog", export)
    export.close()
    window.show_page("settings")
    shot("settings-1366")
    from app.ui.settings.school_year import SchoolYearDialog

    dialog = SchoolYearDialog(window.ctx if hasattr(window, "ctx") else AppContext(workspace=ws), window)
    dialog.resize(1200, 640)
    dialog.show()
    shot("settings-school-year", dialog)
    dialog.close()
    from app.ui.common.staff_dialog import StaffDialog

    staff = StaffDialog(window.ctx if hasattr(window, "ctx") else AppContext(workspace=ws), window)
    staff.show()
    shot("conferences-staff-languages", staff)
    staff.close()
    window.show_page("staff")
    shot("staff-1366")

    # A day off this month: the attendance grid shows it as a grey "no school" column.
    from app.scheduling.school_year_service import add_holiday

    today = dt.date.today()
    weekdays = [today - dt.timedelta(days=i) for i in range(1, 10) if (today - dt.timedelta(days=i)).weekday() < 5]
    off = next((d for d in weekdays if d.month == today.month), weekdays[0])
    window.ctx.events.notify(add_holiday(ws, "Teacher workday", off, kind="non_school_day").changes)
    gradebook = window.show_page("gradebook")
    gradebook.tabs.setCurrentWidget(gradebook.attendance)
    shot("gradebook-attendance-holiday")

    # The event dialog reads a typed date and says what it understood.
    from app.scheduling.calendar_service import EventForm
    from app.ui.calendar.dialogs import EventDialog

    event = EventDialog(EventForm(day=today), [(1, "José Hernández"), (2, "Thảo Nguyễn")], window)
    event.date.setText("March 4")
    event.until.setText("31/12/2026")
    event.weekly.setChecked(True)
    event.show()
    shot("calendar-event-typed-date", event)
    event.close()
    window.close()
    ws.close()


if __name__ == "__main__":
    main()
