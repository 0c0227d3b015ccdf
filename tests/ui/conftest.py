"""Checks that hold for every GUI test.

The app has one writer, the UI thread: workers only read and compute, and their results
are saved by a service called through ``run_op``. Every GUI test therefore fails if a write
transaction (``Workspace.session``) is opened on any other thread.
"""

from __future__ import annotations

import contextlib
import threading
import traceback
from collections.abc import Iterator

import pytest

from app.store.database import Workspace


@pytest.fixture(autouse=True)
def writes_only_on_the_ui_thread(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    offenders: list[str] = []
    original = Workspace.session

    @contextlib.contextmanager
    def guarded(self: Workspace) -> Iterator[object]:
        if threading.current_thread() is not threading.main_thread():
            offenders.append(f"{threading.current_thread().name}:\n" + "".join(traceback.format_stack(limit=12)))
        with original(self) as session:
            yield session

    monkeypatch.setattr(Workspace, "session", guarded)
    yield offenders
    assert not offenders, "a write transaction was opened off the UI thread:\n" + "\n".join(offenders)
