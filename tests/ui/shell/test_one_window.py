"""A second app window on a workspace already open elsewhere is refused with a message."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.store.test_hardening import _hold_in_subprocess


@pytest.mark.gui
def test_second_window_is_refused_naming_the_first(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from app.store import create_workspace
    from app.ui.shell.launch import _unlock_existing

    path = tmp_path / "school.tdw"
    create_workspace(path, school_name="Lincoln").workspace.close()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    holder = _hold_in_subprocess(path)
    try:
        assert _unlock_existing(path, None) is None
    finally:
        holder.kill()
        holder.wait()
    assert len(shown) == 1 and "already open" in shown[0] and f"process {holder.pid}" in shown[0]
    ws = _unlock_existing(path, None)  # the first window closed: now it opens
    assert ws is not None
    ws.close()
