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
import types
from typing import Any

_module: Any = None


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
