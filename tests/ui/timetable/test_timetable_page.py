"""The Timetable page on a real encrypted workspace: import, solve with progress, drag a
lesson and see the conflict, lock and re-solve, export and print."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.ui.shell.context import AppContext

pytestmark = pytest.mark.gui

SAMPLE = Path(__file__).resolve().parents[2] / "scheduling" / "data" / "riverside-grade7.fet"


@pytest.fixture
def english(qapp, monkeypatch):  # type: ignore[no-untyped-def]
    """English as the app installs it (its plural forms: "1 conflict", "2 conflicts")."""
    from PySide6.QtCore import QCoreApplication, QLocale

    from app.core import i18n
    from app.ui.i18n import language

    monkeypatch.delenv("LANGUAGE", raising=False)
    before, core_before = QLocale(), i18n.get_locale()
    installed = language.install_translators(qapp, "en")
    yield
    for t in installed:
        QCoreApplication.removeTranslator(t)
    QLocale.setDefault(before)
    i18n.set_language(core_before)


@pytest.fixture
def page(qtbot, empty_workspace, english):  # type: ignore[no-untyped-def]
    from app.ui.timetable.page import TimetablePage

    p = TimetablePage(AppContext(empty_workspace))
    qtbot.addWidget(p)
    p.resize(1300, 800)
    return p


def solve_and_wait(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    page.time_limit.setValue(10)
    page.solve()
    assert page.progress_box.isVisibleTo(page)
    qtbot.waitUntil(lambda: page.task is None, timeout=60_000)


def find_cell(page, subject: str, plain: bool = False):  # type: ignore[no-untyped-def]
    """The first cell starting a ``subject`` lesson; ``plain``: one breaking no rule (its
    colour the plain lesson colour, which a lock then changes: a cell breaking a soft
    wish keeps the soft colour, whichever lessons the solve put there)."""
    m = page.model
    for r in range(m.rowCount()):
        for c in range(m.columnCount()):
            lessons = m.lessons_at(m.index(r, c))
            if lessons and lessons[0].subject == subject and lessons[0].first and (
                    not plain or m.data(m.index(r, c), Qt.ItemDataRole.BackgroundRole).name() == "#e8f3e6"):
                return m.index(r, c)
    raise AssertionError(subject)


def test_import_solve_drag_lock_resolve(qtbot, page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert "No timetable yet" in page.summary.text()
    tid = page.import_fet(SAMPLE)
    assert tid is not None and page.problem is not None
    notes = [page.conflicts.item(i).text() for i in range(page.conflicts.count())]
    assert any("ConstraintTeacherMaxRoomChangesPerDay" in n for n in notes)
    assert "0 of 35 lessons placed" in page.summary.text()

    events: list = []  # type: ignore[type-arg]
    labels: list[str] = []
    page.solver_event.connect(events.append)
    page.progress_label.setText = lambda text: (labels.append(text), QLabel.setText(page.progress_label, text))  # type: ignore[method-assign]
    solve_and_wait(qtbot, page)
    assert page.last_result.solved
    best = [e for e in events if e.key == "timetable.best"]
    assert best and best[-1].values["placed"] == 35 and best[-1].values["total"] == 35
    assert any(t.startswith("Best timetable so far: penalty ") for t in labels)
    # The sample has constraint types the solver does not model: never called optimal.
    assert "Meets every hard rule; 1 constraint of 1 type was not considered; penalty " in page.summary.text()
    assert "Not considered: TeacherMaxRoomChangesPerDay ×1." in page.summary.text()
    assert "35 of 35 lessons placed · 0 conflicts · " in page.summary.text()
    wishes = len(page.evaluation.soft)
    assert f"· {wishes} {'wish' if wishes == 1 else 'wishes'} not met (penalty " in page.summary.text()

    # Class 7A's grid: lock an English lesson, then drag a Math lesson onto it.
    page.kind.setCurrentIndex(page.kind.findData("class"))
    page.entity.setCurrentIndex(page.entity.findData("7A"))
    math, english = find_cell(page, "Math"), find_cell(page, "English", plain=True)
    english_id = page.model.lessons_at(english)[0].activity_id
    math_id = page.model.lessons_at(math)[0].activity_id
    before = page.placements[english_id]
    page.view.setCurrentIndex(english)
    page.toggle_lock_selected()
    assert page.placements[english_id].locked
    assert page.model.data(english, Qt.ItemDataRole.BackgroundRole).name() == "#d6e4f5"
    mime = page.model.mimeData([math])
    page.model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, english)
    text = page.summary.text()
    assert "conflict" in text and "double-booked" in text
    moved = page.model.index(english.row(), english.column())
    assert {c.activity_id for c in page.model.lessons_at(moved)} == {english_id, math_id}
    assert page.model.data(moved, Qt.ItemDataRole.BackgroundRole).name() == "#f4c7c3"
    assert "double-booked" in page.model.data(moved, Qt.ItemDataRole.ToolTipRole)

    # Re-solve: the conflict is gone and the locked lesson stayed where it was.
    solve_and_wait(qtbot, page)
    assert "35 of 35 lessons placed · 0 conflicts" in page.summary.text()
    after = page.placements[english_id]
    assert (after.day, after.hour, after.locked) == (before.day, before.hour, True)
    assert (page.placements[math_id].day, page.placements[math_id].hour) != (before.day, before.hour)

    # What was saved is what the calendar will read.
    from app.scheduling.timetable.store import load_timetable

    _p, stored = load_timetable(page.ctx.workspace, tid)
    assert {pl.activity_id: (pl.day, pl.hour, pl.locked) for pl in stored}[english_id] == (after.day, after.hour, True)

    # Export and print.
    page.export_csv(tmp_path / "t.csv")
    assert len((tmp_path / "t.csv").read_text().splitlines()) == 36
    page.export_fet(tmp_path / "t.fet")
    assert "Permanently_Locked" in (tmp_path / "t.fet").read_text()
    pages: list[int] = []
    page.print_pdf(tmp_path / "t.pdf", on_done=pages.append)
    qtbot.waitUntil(lambda: bool(pages), timeout=30_000)
    from pypdf import PdfReader

    reader = PdfReader(str(tmp_path / "t.pdf"))
    assert len(reader.pages) == pages[0] == 2 + 5 + 5  # classes, teachers, rooms
    first = reader.pages[0].extract_text()
    assert "Riverside Middle School" in first and "7A" in first and "Monday" in first and "Math" in first


def test_cancel_keeps_the_timetable(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    page.new_sample()
    assert page.problem is not None and len(page.problem.activities) > 100
    import time

    page.time_limit.setValue(600)
    started = time.monotonic()
    page.solve()
    qtbot.wait(300)
    page.cancel()
    qtbot.waitUntil(lambda: page.task is None, timeout=30_000)
    assert time.monotonic() - started < 30  # far below the 600 s limit: the search stopped
    assert "cancelled" in page.summary.text()
    assert page.placements == {} and page.last_result is None  # nothing was changed
    assert not page.progress_box.isVisibleTo(page) and page.solve_button.isEnabled()


def test_bad_fet_is_reported_not_raised(page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.fet"
    bad.write_text("<fet><Days_List>")
    assert page.import_fet(bad) is None
    assert "bad.fet" in page.summary.text() and "line" in page.summary.text()


def test_build_from_classes(qtbot, demo_workspace, english) -> None:  # type: ignore[no-untyped-def]
    from app.ui.timetable.page import TimetablePage

    page = TimetablePage(AppContext(demo_workspace))
    qtbot.addWidget(page)
    assert page.build_from_classes() is not None
    assert page.problem is not None and len(page.problem.activities) > 0
    assert page.entity.count() == len(page.problem.groups)
    solve_and_wait(qtbot, page)
    assert page.last_result.solved and " 0 conflicts" in page.summary.text()


def test_a_timetable_on_screen_starts_loading_the_solver(qtbot, page, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The placement worker loads while the teacher looks at the timetable, so the first
    Solve does not wait for it."""
    from app.scheduling.timetable import placement_worker

    monkeypatch.delenv("TEACHERDESK_NO_PLACEMENT_WORKER")
    placement_worker._worker = None
    try:
        page.show()
        assert placement_worker._worker is None  # nothing to solve yet
        page.import_fet(SAMPLE)
        assert placement_worker._worker is not None and placement_worker._worker.ready.wait(30)
    finally:
        if placement_worker._worker is not None:
            placement_worker._worker.close()
        placement_worker._worker = None


def test_each_solve_is_another_search(qtbot, page, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Pressed again (say after no timetable was found in time), Solve does not repeat
    the search that just ran: each press takes the placement's next seed (the first is
    the command line's default, 1)."""
    from app.scheduling.timetable import solver

    seeds: list[int] = []
    real = solver.solve

    def spy(*args, seed: int = 1, **kwargs):  # type: ignore[no-untyped-def]
        seeds.append(seed)
        return real(*args, seed=seed, **kwargs)

    monkeypatch.setattr(solver, "solve", spy)
    page.import_fet(SAMPLE)
    solve_and_wait(qtbot, page)
    solve_and_wait(qtbot, page)
    assert seeds == [1, 2] and page.last_result.solved


def test_when_time_runs_out_the_page_says_solve_again_is_another_search(qtbot, page, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """No timetable in the time given (not proven impossible): the summary tells the
    scheduler that Solve again searches anew; a proven contradiction does not."""
    from app.scheduling.timetable import solver

    status = ["timeout"]

    def no_timetable(*args, **kwargs):  # type: ignore[no-untyped-def]
        return solver.SolveResult(status=status[0], placements=[])

    monkeypatch.setattr(solver, "solve", no_timetable)
    page.import_fet(SAMPLE)
    solve_and_wait(qtbot, page)
    assert "No timetable found in the time given." in page.summary.text()
    assert "Press Solve again for another search" in page.summary.text()
    status[0] = "infeasible"
    solve_and_wait(qtbot, page)
    assert "No timetable exists: the hard constraints contradict each other." in page.summary.text()
    assert "Press Solve again" not in page.summary.text()
    # A file in another FET mode: impossible only as the rules are read, which is no proof.
    status[0] = "infeasible_as_read"
    solve_and_wait(qtbot, page)
    assert "No timetable meets the rules as the solver reads them" in page.summary.text()
    assert "No timetable exists" not in page.summary.text()
