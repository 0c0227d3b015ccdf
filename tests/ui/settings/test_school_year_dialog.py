"""Settings ▸ School year on a new workspace: a teacher sets the year, a term, a holiday
and the bell times by hand, and sees the time zone the workspace was created with."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QLocale

from app.ui.shell.context import AppContext

pytestmark = pytest.mark.gui


def test_set_up_the_school_year_in_settings(qtbot, empty_workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QTableWidgetItem

    from app.scheduling import school_year_service as svc
    from app.store.roster_service import save_school_settings
    from app.ui.settings.page import SettingsPage
    from app.ui.settings.school_year import SchoolYearDialog

    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    errors: list[str] = []
    monkeypatch.setattr("app.ui.shell.operations.show_error", lambda _p, _t, m: errors.append(m))
    monkeypatch.setattr("app.ui.settings.school_year.show_error", lambda _p, _t, m: errors.append(m))
    save_school_settings(empty_workspace, timezone="America/Denver")
    ctx = AppContext(workspace=empty_workspace)
    settings = SettingsPage(ctx)
    qtbot.addWidget(settings)
    assert settings.timezone.currentText() == "America/Denver"
    assert settings.year_btn.text().startswith("School year")

    dialog = SchoolYearDialog(ctx, settings)
    qtbot.addWidget(dialog)
    assert "standard times" in dialog.bell_note.text() and not dialog.add_term_btn.isEnabled()
    dialog.year_name.setText("2026-27")
    dialog.year_start.setDate(QDate(2026, 8, 24))
    dialog.year_end.setDate(QDate(2027, 6, 11))
    assert dialog.save_year()
    assert dialog.add_term_btn.isEnabled()
    dialog.term_name.setText("Fall")
    dialog.term_start.setDate(QDate(2026, 8, 24))
    dialog.term_end.setDate(QDate(2026, 12, 18))
    assert dialog.add_term()
    dialog.term_name.setText("Overlap")
    dialog.term_start.setDate(QDate(2026, 12, 1))
    dialog.term_end.setDate(QDate(2027, 1, 30))
    assert not dialog.add_term() and "overlaps Fall" in errors[-1]
    dialog.hol_name.setText("Thanksgiving break")
    dialog.hol_start.setDate(QDate(2026, 11, 25))
    dialog.hol_end.setDate(QDate(2026, 11, 27))
    dialog.hol_kind.setCurrentIndex(dialog.hol_kind.findData("break"))
    assert dialog.add_holiday()
    assert dialog.terms.rowCount() == 1 and dialog.holidays.rowCount() == 1
    assert dialog.holidays.item(0, 0).text() == "Thanksgiving break"
    # Bell times typed as a US teacher writes them.
    dialog.bells.setRowCount(0)
    for period, start, end in (("1", "7:45 AM", "8:40 AM"), ("2", "8:46 am", "9:36 am"), ("Lunch", "12pm", "12:30 PM")):
        r = dialog.bells.rowCount()
        dialog.bells.insertRow(r)
        for c, text in enumerate((period, start, end)):
            dialog.bells.setItem(r, c, QTableWidgetItem(text))
    assert dialog.save_bells(), errors
    setup = svc.year_setup(empty_workspace)
    assert setup.name == "2026-27" and setup.start == dt.date(2026, 8, 24) and setup.end == dt.date(2027, 6, 11)
    assert [(t.name, t.start, t.end) for t in setup.terms] == [("Fall", dt.date(2026, 8, 24), dt.date(2026, 12, 18))]
    assert [(h.name, h.kind) for h in setup.holidays] == [("Thanksgiving break", "break")]
    assert [(b.period, b.start) for b in setup.bells] == [("1", dt.time(7, 45)), ("2", dt.time(8, 46)),
                                                          ("Lunch", dt.time(12, 0))]
    assert not setup.bells_are_default and "Class lessons" in dialog.bell_note.text()
    QLocale.setDefault(QLocale(QLocale.Language.C))
