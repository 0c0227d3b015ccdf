"""The CLI's progress bar prints the sentence built from a structured event's numbers."""

from __future__ import annotations

import io

from app.core.progress import ProgressEvent, TerminalProgress, describe


def test_describe_fills_the_keys_template_and_falls_back_to_the_message() -> None:
    event = ProgressEvent(0.25, "reports.report", "core", {"done": 5, "total": 20})
    assert describe(event) == "5 of 20 reports written"
    assert describe(ProgressEvent(0.1, "other.key", "as sent")) == "as sent"
    assert describe(ProgressEvent(0.1, "reports.report", "as sent", {"done": 1})) == "as sent"


def test_terminal_progress_shows_the_event_sentence() -> None:
    out = io.StringIO()
    bar = TerminalProgress(out, force=True)
    bar.event(ProgressEvent(1.0, "grading.page", "core", {"done": 40, "total": 40}))
    bar.close()
    assert "40 of 40 pages read" in out.getvalue() and "100.0%" in out.getvalue()
