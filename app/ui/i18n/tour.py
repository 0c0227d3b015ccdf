"""The main dialogs of the app, opened on a workspace without running them.

Used to look at every dialog in another language: the translation test checks each for
English words, and scripts/spanish_screenshots.py photographs them. Each entry is built the
way its page builds it, so a dialog that gains a string is checked with no change here.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget


def _workspace_dialogs(window: Any, folder: Path) -> Iterator[tuple[str, Callable[[], QWidget]]]:
    from app.ui.shell.unlock_dialogs import (
        OpenWithRecoveryKeyDialog,
        RecoveryKeyDialog,
        UnlockDialog,
        WelcomeDialog,
    )

    yield "welcome", lambda: WelcomeDialog(folder / "school.tdw")
    yield "unlock", lambda: UnlockDialog(folder / "school.tdw", "")
    yield "recovery-key", lambda: RecoveryKeyDialog("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789",
                                                    folder / "school.tdw", "0000", "Lincoln")
    yield "open-with-recovery-key", lambda: OpenWithRecoveryKeyDialog(folder, window)


def _page_dialogs(window: Any) -> Iterator[tuple[str, Callable[[], QWidget]]]:
    from app.scheduling.calendar_service import EventForm
    from app.scheduling.conference_service import DayForm
    from app.ui.common.staff_dialog import StaffDialog, StaffEditDialog
    from app.ui.conferences.dialogs import DayDialog, InterpreterDialog
    from app.ui.roster.dialogs import ClassDialog, StudentDialog
    from app.ui.roster.import_dialog import RosterImportDialog
    from app.ui.settings.school_year import SchoolYearDialog

    ctx = window.ctx
    pages = window.pages
    yield "school-year", lambda: SchoolYearDialog(ctx, window)
    yield "roster-import", lambda: RosterImportDialog(ctx, window)
    yield "student", lambda: StudentDialog(ctx, None, window)
    yield "class", lambda: ClassDialog(ctx, None, window)
    yield "staff", lambda: StaffDialog(ctx, window)
    yield "staff-member", lambda: StaffEditDialog(None, window)
    if "conferences" in pages:
        yield "conference-day", lambda: DayDialog(DayForm(label=QCoreApplication.translate(
            "ConferencesPage", "Conferences")), window)
    yield "interpreters", lambda: InterpreterDialog([], window)
    if "calendar" in pages:
        yield "event", lambda: pages["calendar"].open_event_dialog(EventForm())
        yield "calendar-export", lambda: pages["calendar"].export_dialog_for_current()
    if "gradebook" in pages:
        yield from _gradebook_dialogs(pages["gradebook"])


def _gradebook_dialogs(page: Any) -> Iterator[tuple[str, Callable[[], QWidget]]]:
    from app.ui.gradebook.dialogs import AssignmentDialog, CategoriesDialog

    grid = getattr(page, "grid", None)
    if grid is None:
        return
    yield "assignment", lambda: AssignmentDialog(grid.section.categories, None, page)
    yield "categories", lambda: CategoriesDialog(grid.section.categories, grid.section.policy, page)


def main_dialogs(window: Any) -> Iterator[tuple[str, QWidget]]:
    """(name, dialog) for each main dialog, built on ``window``'s workspace; the caller
    shows, inspects and closes each one."""
    folder = Path(tempfile.mkdtemp(prefix="teacherdesk-tour-"))
    for name, build in [*_workspace_dialogs(window, folder), *_page_dialogs(window)]:
        yield name, build()
