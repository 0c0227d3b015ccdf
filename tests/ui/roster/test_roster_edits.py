"""Roster and school edits in the app go through the services: the same checks as the CLI,
one notice per change, and every open page that shows the data refreshes."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from app.core.changes import Changes
from app.store.models import Enrollment, Student
from app.ui.shell.context import AppContext

pytestmark = pytest.mark.gui


@pytest.fixture
def ctx(demo_workspace) -> AppContext:  # type: ignore[no-untyped-def]
    return AppContext(demo_workspace)


def test_add_student_in_a_class_via_the_dialog(qtbot, ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.ui.roster.dialogs import StudentDialog
    from app.ui.roster.page import RosterPage

    page = RosterPage(ctx)
    qtbot.addWidget(page)
    page.class_view.selectRow(0)
    section_id = page.current_section
    before = page.student_model.rowCount()
    notices: list[Changes] = []
    ctx.events.changed.connect(notices.append)

    dialog = StudentDialog(ctx, parent=page, enroll_in=section_id)
    qtbot.addWidget(dialog)
    dialog.local_id.setText("S-4242")
    dialog.given.setText("Luz")
    dialog.family.setText("Ángeles")
    dialog.guardian_given.setText("Marta")
    dialog.guardian_family.setText("Ángeles")
    dialog._save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert notices == [Changes.ROSTER]  # once, after the commit
    assert page.student_model.rowCount() == before + 1  # the open page refreshed itself
    with ctx.workspace.read() as s:
        st = s.scalar(select(Student).where(Student.local_id == "S-4242"))
        assert st is not None and st.guardians[0].guardian.given_name == "Marta"
        assert s.scalar(select(Enrollment).where(Enrollment.student_id == st.id,
                                                 Enrollment.section_id == section_id)) is not None

    # The same ID again: the service's message, the dialog stays open, nothing written.
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    again = StudentDialog(ctx, parent=page)
    qtbot.addWidget(again)
    again.local_id.setText("S-4242")
    again.given.setText("Otra")
    again.family.setText("Persona")
    again._save()
    assert again.result() != again.DialogCode.Accepted
    assert shown and "already has the ID S-4242" in shown[0]
    assert notices == [Changes.ROSTER]


def test_class_dialog_and_school_settings(qtbot, ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.store.roster_service import school_settings
    from app.ui.roster.dialogs import ClassDialog
    from app.ui.settings.page import SettingsPage

    settings = SettingsPage(ctx)
    qtbot.addWidget(settings)
    dialog = ClassDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.name.setText("Robotics Club")
    dialog.course.setCurrentText("Robotics")
    with qtbot.waitSignal(ctx.events.changed) as blocker:
        dialog._save()
    assert blocker.args == [Changes.ROSTER] and dialog.section_id is not None
    # The settings page's audit log followed the notice.
    first_row = [settings.audit_table.item(0, c) for c in range(settings.audit_table.columnCount())]
    assert "Robotics Club" in " ".join(item.text() for item in first_row if item is not None)

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    settings.timezone.setCurrentText("Mars/Base")
    settings.save_school()
    assert shown and "Mars/Base is not a time zone name" in shown[0]
    settings.timezone.setCurrentText("America/Chicago")
    settings.school_name.setText("Riverside Middle")
    with qtbot.waitSignal(ctx.events.changed) as blocker:
        settings.save_school()
    assert blocker.args == [Changes.SCHOOL]
    assert school_settings(ctx.workspace).timezone == "America/Chicago"
    assert school_settings(ctx.workspace).name == "Riverside Middle"
