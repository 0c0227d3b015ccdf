"""The Conferences page: a day, invitations, a real background schedule, moves, PDFs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.ui.shell.context import AppContext

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, demo_workspace):  # type: ignore[no-untyped-def]
    from app.ui.conferences.page import ConferencesPage

    p = ConferencesPage(AppContext(workspace=demo_workspace))
    p.time_limit = 1.0
    qtbot.addWidget(p)
    p.resize(1200, 720)
    p.show()
    qtbot.waitExposed(p)
    return p


def test_set_up_schedule_move_and_print(page, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.ui.conferences.dialogs import DayForm

    day_id = page.save_day(DayForm(label="Fall", date=dt.date(2026, 11, 18), max_consecutive=6))
    assert page.day_id() == day_id and page.grid_model.rowCount() == 11
    assert page.invite_all() > 0
    away_teacher = page._people("teacher")[0][0]
    page.set_away(away_teacher, day_id, dt.time(15, 30), dt.time(16, 30))
    page.run_schedule()  # a real worker thread with the progress dialog
    qtbot.waitUntil(lambda: bool(page.grid_model.cells), timeout=60_000)
    assert "booked" in page.summary.text()
    assert page.left_model.rowCount() > 0  # the small demo has more requests than slots
    assert not any((k, away_teacher) in page.grid_model.cells for k in range(3))  # 15:30-16:25 away
    assert any((k, away_teacher) in page.grid_model.cells for k in range(3, 11))
    assert all(r.reason and r.reason != "not scheduled yet" for r in page.left_model.rows)
    # Moving a meeting onto a slot the teacher already has is refused with the reason.
    (slot_a, teacher), cell = next(iter(page.grid_model.cells.items()))
    other_slot = next(k for k in range(page.grid_model.rowCount())
                      if k != slot_a and (k, teacher) in page.grid_model.cells)
    conflicts = page.try_move(cell.request_id, day_id, other_slot)
    assert any("already meets" in c for c in conflicts)
    assert page.grid_model.cells[(slot_a, teacher)].request_id == cell.request_id
    # Snow day: every meeting keeps its slot.
    before = dict(page.grid_model.cells)
    page.move_day_to(day_id, dt.date(2026, 11, 19))
    assert {k: v.request_id for k, v in page.grid_model.cells.items()} == {k: v.request_id for k, v in before.items()}
    from app.ui.common.locale_format import date_text

    assert date_text(dt.date(2026, 11, 19)) in page.day.currentText()
    assert page.write_pdfs(tmp_path / "pdf") == len(list((tmp_path / "pdf").glob("*.pdf")))


def test_first_evening_languages_keep_bookings_and_letters(page, qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A new teacher's steps: nothing 'left out' before scheduling; a Spanish-speaking
    teacher and an interpreter picked as "Español"; scheduling twice keeps the bookings;
    letters named after families, none empty."""
    from PySide6.QtWidgets import QMessageBox
    from sqlalchemy import select

    from app.store.models import SectionTeacher, Staff
    from app.store.models.calendar import (
        ConferenceBooking,
        ConferenceInterpreter,
        ConferenceRequest,
    )
    from app.ui.common.language_picker import LanguagePicker
    from app.ui.common.staff_dialog import StaffDialog
    from app.ui.conferences.dialogs import DayForm

    errors: list[str] = []
    monkeypatch.setattr("app.ui.shell.operations.show_error", lambda _p, _t, message: errors.append(message))
    page.save_day(DayForm(label="Fall", date=dt.date(2026, 11, 18)))
    assert page.invite_all() > 0
    # Before scheduling, "why not placed" lists nothing.
    assert page.left_model.rowCount() == 0 and "none scheduled yet" in page.summary.text()

    # An interpreter typed as "Español" is stored as "es" (the families' code).
    picker = LanguagePicker()
    qtbot.addWidget(picker)
    picker.setEditText("Español")
    assert picker.code() == "es"
    picker.setCurrentIndex(picker.findText("Vietnamese"))
    assert picker.code() == "vi"
    assert page.add_interpreter("Ana Torres", picker.code() or "")
    assert not page.add_interpreter("Bo Tran", "Klingonese")  # refused with a message, nothing saved
    assert errors and "Klingonese" in errors[-1]
    ws = page.ctx.workspace
    with ws.read() as s:
        assert [i.language for i in s.scalars(select(ConferenceInterpreter))] == ["vi"]
        teacher = s.scalars(select(Staff).join(SectionTeacher, SectionTeacher.staff_id == Staff.id)
                            .join(ConferenceRequest, ConferenceRequest.staff_id == Staff.id)
                            .where(ConferenceRequest.language.like("es%"))).first()
        assert teacher is not None
    # The teacher says they speak Spanish, in the staff dialog.
    staff = StaffDialog(page.ctx, page)
    qtbot.addWidget(staff)
    row = next(r for r in staff.model.rows if r.id == teacher.id)
    assert staff.save(row.id, row.display_name, row.role, row.email, ["es"])
    assert next(r for r in staff.model.rows if r.id == teacher.id).languages == ("es",)

    task = page.run_schedule()  # nothing booked yet: no question asked
    qtbot.waitUntil(lambda: task.done.is_set() and bool(page.grid_model.cells), timeout=60_000)
    with ws.read() as s:
        first = {b.request_id: (b.day_id, b.slot_index) for b in s.scalars(select(ConferenceBooking))}
        spanish_with_teacher = s.execute(
            select(ConferenceBooking.interpreter_id).join(ConferenceRequest,
                                                          ConferenceRequest.id == ConferenceBooking.request_id)
            .where(ConferenceRequest.staff_id == teacher.id, ConferenceRequest.language.like("es%"))).all()
    assert spanish_with_teacher and all(i is None for (i,) in spanish_with_teacher)

    # Scheduling again asks, and "Place the rest" (the default) keeps every booking.
    asked: list[str] = []

    def answer(box: QMessageBox) -> int:
        asked.append(box.text())
        default = box.defaultButton()
        assert default is not None and default.text() == "Place the rest"
        default.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    task = page.run_schedule()
    qtbot.waitUntil(lambda: task.done.is_set(), timeout=60_000)
    qtbot.wait(200)
    assert asked and f"{len(first)} meetings are already booked" in asked[0]
    with ws.read() as s:
        again = {b.request_id: (b.day_id, b.slot_index) for b in s.scalars(select(ConferenceBooking))}
    assert {k: again[k] for k in first} == first

    # Letters: family names, no empty letter, the summary says who has none.
    n = page.write_pdfs(tmp_path / "pdf")
    names = [p.name for p in (tmp_path / "pdf").glob("family-*.pdf")]
    assert n == len(list((tmp_path / "pdf").glob("*.pdf"))) and names
    assert not any(name[len("family-"):-4].isdigit() for name in names)
    if page.last_written.no_meeting:
        assert "got no letter" in page.last_written.summary()
