"""Progress and cancellation for long work, defined once.

A long core function takes ``progress: Progress | None`` and ``cancelled: IsCancelled |
None`` and calls them between units of work. Progress is data: a fraction in [0, 1], a
stable ``key`` naming the stage (never English text that another layer parses) and plain
numbers; ``message`` is only for display. The GUI wraps these in a worker with a progress
bar and Cancel; the CLI prints them with :func:`terminal_progress`.

``sub_progress`` maps a sub-task onto a slice of the parent's bar (Orange's
``wrap_callback``), so nested work never jumps the bar backwards.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TextIO

from app.core.errors import Cancelled
from app.core.i18n import N_, _


@dataclass(frozen=True)
class ProgressEvent:
    """One progress report.

    ``key`` names the stage (``"grading.page"``, ``"timetable.best"``); ``values`` carries
    its numbers (``{"done": 3, "total": 40}``, ``{"penalty": 120}``); ``message`` is a
    ready-made sentence for display only.
    """

    fraction: float
    key: str = ""
    message: str = ""
    values: Mapping[str, Any] = field(default_factory=dict)


Progress = Callable[[float, str], None]
"""The simple form: ``progress(fraction, message)``. Kept for existing callers."""

ProgressSink = Callable[[ProgressEvent], None]
"""The structured form: receives :class:`ProgressEvent`."""

IsCancelled = Callable[[], bool]


EVENT_TEXT: dict[str, str] = {
    "timetable.search": N_("Looking for a first timetable… ({seconds:.0f} s)"),
    "timetable.placing": N_("Placing lessons: {placed} of {total} ({seconds:.0f} s)"),
    "timetable.best": N_("Best timetable so far: penalty {penalty} ({placed} of {total} lessons placed, "
                         "after {seconds:.0f} s)"),
    "grading.page": N_("{done} of {total} pages read"),
    "reports.report": N_("{done} of {total} reports written"),
}
"""The sentence for each structured progress key, filled from the event's ``values``. The
app has its own translated copy (``app.ui.shell.progress_text``); both build the sentence
from the numbers, so no layer parses another's text."""


def describe(event: ProgressEvent, templates: Mapping[str, str] | None = None) -> str:
    """The sentence for ``event``: its key's template filled with its values, else its message."""
    template = _(EVENT_TEXT[event.key]) if templates is None and event.key in EVENT_TEXT else \
        (templates or {}).get(event.key)
    if template:
        try:
            return template.format(**event.values)
        except (KeyError, ValueError, IndexError, TypeError):
            pass  # a template that does not fit the numbers: fall back to the core's sentence
    return event.message


def never_cancelled() -> bool:
    return False


def check_cancelled(cancelled: IsCancelled | None) -> None:
    """Raise :class:`Cancelled` if the user asked to stop."""
    if cancelled is not None and cancelled():
        raise Cancelled()


def sub_progress(progress: Progress | None, start: float, end: float) -> Progress | None:
    """A ``Progress`` for a sub-task that fills ``[start, end]`` of the parent's bar."""
    if progress is None:
        return None
    span = end - start

    def report(fraction: float, message: str) -> None:
        progress(start + span * min(1.0, max(0.0, fraction)), message)

    return report


def events_to_simple(sink: ProgressSink | None) -> Progress | None:
    """Adapt a structured sink to the ``(fraction, message)`` form."""
    if sink is None:
        return None

    def report(fraction: float, message: str) -> None:
        sink(ProgressEvent(fraction=fraction, message=message))

    return report


class TerminalProgress:
    """A one-line progress bar for the CLI, on stderr, only when it is a terminal.

    Redraws at most ten times a second; prints nothing when stderr is not a TTY (scripts
    and CI logs stay clean) unless ``force`` is set.
    """

    def __init__(self, stream: TextIO | None = None, *, force: bool = False, width: int = 30):
        self.stream = stream or sys.stderr
        self.enabled = force or bool(getattr(self.stream, "isatty", lambda: False)())
        self.width = width
        self._last = 0.0
        self._shown = False

    def __call__(self, fraction: float, message: str = "") -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if fraction < 1.0 and now - self._last < 0.1:
            return
        self._last = now
        fraction = min(1.0, max(0.0, fraction))
        filled = int(round(self.width * fraction))
        bar = "#" * filled + "-" * (self.width - filled)
        text = f"\r[{bar}] {fraction * 100:5.1f}% {message}"[:120]
        self.stream.write(text.ljust(121))
        self.stream.flush()
        self._shown = True

    def event(self, event: ProgressEvent) -> None:
        """A structured :class:`ProgressEvent` (pass ``events=bar.event``): the bar, and the
        sentence built from the event's key and numbers."""
        self(event.fraction, describe(event))

    def close(self) -> None:
        if self.enabled and self._shown:
            self.stream.write("\n")
            self.stream.flush()
            self._shown = False


def terminal_progress(*, force: bool = False) -> TerminalProgress:
    return TerminalProgress(force=force)
