"""Guard against a Qt binding that leaks references to None (PySide6 6.12.0 on Python
3.11 loses one per void call and eventually aborts the interpreter mid-session)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QWidget

pytestmark = pytest.mark.gui


def test_void_qt_calls_keep_none_alive(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(1000):
        widget.setEnabled(True)
    assert abs(sys.getrefcount(None) - before) < 50
