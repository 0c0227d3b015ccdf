"""OR-Tools CP-SAT, imported without pandas.

``ortools.sat.python.cp_model`` imports pandas at module level only to offer
pandas-indexed variable helpers, which nothing here uses; pandas is most of the import's
cost (0.5 s on an idle laptop, several seconds on a busy one), paid before a timetable
can start. When pandas is not loaded yet, CP-SAT is imported against a stand-in that
has the two class names it refers to; the stand-in is removed at once, so any later
``import pandas`` gets the real one. Nothing here passes pandas objects to CP-SAT, so its
``isinstance`` checks against the stand-ins are simply false, as they should be.
"""

from __future__ import annotations

import sys
import threading
import types
from collections.abc import Callable
from typing import Any, TypeVar

_module: Any = None
_T = TypeVar("_T")

SOLVER_STACK_BYTES = 256 * 1024 * 1024
STACK_LOCK = threading.Lock()  # threading.stack_size is process-wide: one setter at a time


def on_big_stack(work: Callable[[], _T], name: str = "cp-sat") -> _T:
    """``work()`` on a thread of its own with a large stack, started by Python.

    CP-SAT recurses deeply on big models; Qt's thread-pool threads have small stacks and
    crashed the solver there (a segfault when re-solving from the app), and reading its
    answer from them deadlocked on the interpreter lock now and then: so CP-SAT is never
    called on the caller's thread.
    """
    out: list[_T] = []
    error: list[BaseException] = []

    def target() -> None:
        try:
            out.append(work())
        except BaseException as exc:  # re-raised on the caller's thread
            error.append(exc)

    with STACK_LOCK:
        previous = threading.stack_size()
        threading.stack_size(SOLVER_STACK_BYTES)
        try:
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
        finally:
            threading.stack_size(previous)
    thread.join()
    if error:
        raise error[0]
    return out[0]


def cp_model() -> Any:
    """The ``ortools.sat.python.cp_model`` module."""
    global _module
    if _module is None:
        if "pandas" in sys.modules or "ortools.sat.python.cp_model" in sys.modules:
            from ortools.sat.python import cp_model as real
        else:
            stand_in = types.ModuleType("pandas")
            stand_in.Index = type("Index", (), {})  # type: ignore[attr-defined]
            stand_in.Series = type("Series", (), {})  # type: ignore[attr-defined]
            sys.modules["pandas"] = stand_in
            try:
                from ortools.sat.python import cp_model as real
            finally:
                if sys.modules.get("pandas") is stand_in:
                    del sys.modules["pandas"]
        _module = real
    return _module
