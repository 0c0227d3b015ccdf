"""Settings ▸ Add a passphrase…: the page asks, the store's protection service writes."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from app.core.changes import Changes
from app.store import open_workspace
from app.ui.shell.context import AppContext

pytestmark = pytest.mark.gui


def test_add_a_passphrase_from_settings(qtbot, empty_workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.ui.settings.page import SettingsPage

    ctx = AppContext(workspace=empty_workspace)
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    assert "a passphrase" not in page.protection.text()
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))

    answers = iter([("two words", True)])  # too short: refused before asking again
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(answers))
    page.add_passphrase()
    assert warnings == ["Use at least 10 characters."]

    answers = iter([("a passphrase for school", True), ("a passphrase for school", True)])
    with qtbot.waitSignal(ctx.events.changed, timeout=5_000) as changed:
        page.add_passphrase()
    assert changed.args[0] & Changes.SETTINGS
    assert "a passphrase" in page.protection.text()
    path = empty_workspace.path
    empty_workspace.close()
    open_workspace(path, passphrase="a passphrase for school", daily_backup=False).close()
