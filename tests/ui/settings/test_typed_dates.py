"""Dates and times typed as free text where a teacher sets up the school year and a
conference day: a Spanish-speaking teacher types "24/8/2026", "11 de junio de 2027",
"3:30 p. m."; what was understood shows under the box, and a text that is not a date is
refused with a message that says how to write it, saving nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QMessageBox

from app.ui.shell.context import AppContext

pytestmark = pytest.mark.gui


@pytest.fixture
def spanish():  # type: ignore[no-untyped-def]
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


def _type(qtbot, field, text: str) -> None:  # type: ignore[no-untyped-def]
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, text)
    field.edit.editingFinished.emit()


def test_school_year_dates_typed_in_spanish(qtbot, empty_workspace, spanish, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.scheduling import school_year_service as svc
    from app.ui.settings.school_year import SchoolYearDialog

    errors: list[str] = []
    monkeypatch.setattr("app.ui.shell.operations.show_error", lambda _p, _t, m: errors.append(m))
    monkeypatch.setattr("app.ui.settings.school_year.show_error", lambda _p, _t, m: errors.append(m))
    dialog = SchoolYearDialog(AppContext(workspace=empty_workspace))
    qtbot.addWidget(dialog)
    dialog.show()
    _type(qtbot, dialog.year_start, "24/8/2026")
    assert dialog.year_start.understood.text() == "lunes, 24 de agosto de 2026"
    _type(qtbot, dialog.year_end, "32/6/2027")
    assert "día/mes/año" in dialog.year_end.understood.text() or "day/month/year" in dialog.year_end.understood.text()
    assert not dialog.save_year()
    assert errors and "32/6/2027" in errors[-1]
    assert svc.year_setup(empty_workspace).year_id is None, "nothing saved from an unreadable date"

    _type(qtbot, dialog.year_end, "11 de junio de 2027")
    assert dialog.save_year()
    setup = svc.year_setup(empty_workspace)
    assert (setup.start, setup.end) == (dt.date(2026, 8, 24), dt.date(2027, 6, 11))

    dialog.hol_name.setText("Acción de Gracias")
    _type(qtbot, dialog.hol_start, "26 nov 2026")
    _type(qtbot, dialog.hol_end, "2026-11-27")
    assert dialog.add_holiday()
    assert [(h.start, h.end) for h in svc.year_setup(empty_workspace).holidays] == \
        [(dt.date(2026, 11, 26), dt.date(2026, 11, 27))]


def test_conference_day_typed_in_spanish(qtbot, spanish, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.scheduling.conference_service import DayForm
    from app.ui.conferences.dialogs import DayDialog

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: said.append(text))
    dialog = DayDialog(DayForm(label="Otoño", date=dt.date(2026, 11, 18)))
    qtbot.addWidget(dialog)
    _type(qtbot, dialog.date, "4 de marzo de 2027")
    assert dialog.date.understood.text() == "jueves, 4 de marzo de 2027"
    for field, text in ((dialog.start, "3:30 p. m."), (dialog.end, "19h")):
        field.lineEdit().setText(text)
    form = dialog.form()
    assert form.date == dt.date(2027, 3, 4) and form.start == dt.time(15, 30) and form.end == dt.time(19, 0)

    _type(qtbot, dialog.date, "el jueves")
    dialog._accept()
    assert said and "el jueves" in said[-1] and not dialog.result()
    _type(qtbot, dialog.date, "4/3/2027")
    dialog.end.lineEdit().setText("luego")
    dialog._accept()
    assert "luego" in said[-1] and not dialog.result()
    dialog.end.lineEdit().setText("19:00")
    dialog._accept()
    assert dialog.result() == 1 and dialog.form().date == dt.date(2027, 3, 4)


def test_a_date_field_under_the_c_locale(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Qt reports "C" on a machine without a locale set: the box still shows and reads dates."""
    from app.ui.common.date_field import DateField

    before = QLocale()
    QLocale.setDefault(QLocale.c())
    try:
        field = DateField(dt.date(2026, 3, 4))
        qtbot.addWidget(field)
        assert field.value() == dt.date(2026, 3, 4)
        field.setText("2026-12-25")
        assert field.value() == dt.date(2026, 12, 25)
    finally:
        QLocale.setDefault(before)
