"""Structured progress: the app shows its own (translatable) sentence built from an event's
key and numbers, never a sentence parsed out of the core's English text."""

from __future__ import annotations

import pytest

from app.core.progress import ProgressEvent
from app.ui.shell.progress_text import event_text
from app.ui.shell.tasks import TaskDialog, run_task

pytestmark = pytest.mark.gui


def _pages(n: int, *, progress, cancelled, events) -> int:  # type: ignore[no-untyped-def]
    for i in range(n):
        # The core's message is deliberately not what the app shows.
        progress((i + 1) / n, "core text")
        events(ProgressEvent((i + 1) / n, "grading.page", "core text", {"done": i + 1, "total": n}))
    return n


def test_event_text_is_built_from_the_numbers() -> None:
    assert event_text(ProgressEvent(0.5, "grading.page", "x", {"done": 3, "total": 6})) == "3 of 6 pages read"
    best = ProgressEvent(0.5, "timetable.best", "x", {"penalty": 12, "placed": 30, "total": 35, "seconds": 4.4})
    assert event_text(best) == "Best timetable so far: penalty 12 (30 of 35 lessons placed, after 4 s)"
    assert event_text(ProgressEvent(0.5, "unknown.key", "the core's sentence")) == "the core's sentence"
    assert event_text(ProgressEvent(0.5, "grading.page", "fallback", {"done": 3})) == "fallback"  # numbers missing


def test_run_task_delivers_events_and_the_dialog_shows_the_apps_sentence(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen: list[ProgressEvent] = []
    done: list[int] = []
    run_task(_pages, 4, on_event=seen.append, on_done=done.append)
    qtbot.waitUntil(lambda: done == [4], timeout=10_000)
    assert [e.values["done"] for e in seen] == [1, 2, 3, 4]

    dialog = TaskDialog("Reading")
    labels: list[str] = []
    dialog.setLabelText = lambda text: labels.append(text)  # type: ignore[method-assign]
    finished: list[int] = []
    dialog.run(_pages, 5, on_done=finished.append, with_events=True)
    qtbot.waitUntil(lambda: finished == [5], timeout=10_000)
    assert labels and labels[-1] == "5 of 5 pages read" and "core text" not in labels
