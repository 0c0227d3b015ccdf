"""The app's sentences for structured progress: built from an event's key and numbers.

Core work reports :class:`~app.core.progress.ProgressEvent`s — a key naming the stage and
plain numbers — so the app writes its own, translated sentence and never parses the
core's English text. A key without a sentence here shows the core's message.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.core.progress import ProgressEvent, describe


def templates() -> dict[str, str]:
    """``{key: sentence with {value} placeholders}`` in the user's language."""
    translate = QCoreApplication.translate  # literal texts, so the catalog tools find them
    return {
        "timetable.search": translate("ProgressText", "Looking for a first timetable… ({seconds:.0f} s)"),
        "timetable.placing": translate("ProgressText", "Placing lessons: {placed} of {total} ({seconds:.0f} s)"),
        "timetable.best": translate("ProgressText", "Best timetable so far: penalty {penalty} ({placed} of "
                                                    "{total} lessons placed, after {seconds:.0f} s)"),
        "grading.page": translate("ProgressText", "{done} of {total} pages read"),
        "reports.report": translate("ProgressText", "{done} of {total} reports written"),
    }


def event_text(event: ProgressEvent) -> str:
    """The sentence to show for ``event``."""
    return describe(event, templates())
