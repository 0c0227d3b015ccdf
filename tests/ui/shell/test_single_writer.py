"""The single-writer rule itself: a write transaction off the UI thread is caught."""

from __future__ import annotations

import threading

import pytest

from app.store.audit import record

pytestmark = pytest.mark.gui


def test_a_write_from_a_worker_thread_is_reported(empty_workspace, writes_only_on_the_ui_thread) -> None:  # type: ignore[no-untyped-def]
    def write() -> None:
        with empty_workspace.session() as s:
            record(s, "test", "test.write", "test", "1")

    worker = threading.Thread(target=write, name="worker")
    worker.start()
    worker.join()
    assert len(writes_only_on_the_ui_thread) == 1 and "worker" in writes_only_on_the_ui_thread[0]
    writes_only_on_the_ui_thread.clear()  # this test wrote off the UI thread on purpose

    with empty_workspace.session() as s:  # the UI thread may write
        record(s, "test", "test.write", "test", "2")
    assert writes_only_on_the_ui_thread == []
