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
    assert "19 Nov" in page.day.currentText()
    assert page.write_pdfs(tmp_path / "pdf") == len(list((tmp_path / "pdf").glob("*.pdf")))
