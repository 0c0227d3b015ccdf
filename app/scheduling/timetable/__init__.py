"""School timetables: the problem model, FET files, the CP-SAT solver, the workspace store.

Nothing here imports Qt. The main entry points::

    from app.scheduling.timetable import read_fet, solve, evaluate_placements
    problem = read_fet("school.fet")
    result = solve(problem, time_limit=60)

The names are loaded on first use (PEP 562), so importing one module of the package (the
placement worker process imports only the search loop) does not load them all.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.scheduling.timetable.evaluate import Evaluation, Violation
    from app.scheduling.timetable.fet import (
        FetError,
        read_fet,
        unsupported_summary,
        warnings_for,
        write_csv,
        write_fet,
    )
    from app.scheduling.timetable.model import (
        Activity,
        Constraint,
        Placement,
        Problem,
        Room,
        StudentsSet,
    )
    from app.scheduling.timetable.solver import Diagnosis, SolveResult, diagnose, solve

_HOME = {
    "Evaluation": "evaluate", "Violation": "evaluate",
    "FetError": "fet", "read_fet": "fet", "unsupported_summary": "fet", "warnings_for": "fet",
    "write_csv": "fet", "write_fet": "fet",
    "Activity": "model", "Constraint": "model", "Placement": "model", "Problem": "model", "Room": "model",
    "StudentsSet": "model",
    "Diagnosis": "solver", "SolveResult": "solver", "diagnose": "solver", "solve": "solver",
}

__all__ = [
    "Activity",
    "Constraint",
    "Diagnosis",
    "Evaluation",
    "FetError",
    "Placement",
    "Problem",
    "Room",
    "SolveResult",
    "StudentsSet",
    "Violation",
    "diagnose",
    "evaluate_placements",
    "read_fet",
    "solve",
    "unsupported_summary",
    "warnings_for",
    "write_csv",
    "write_fet",
]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
    globals()[name] = value
    return value


def evaluate_placements(problem: Problem, placements: list[Placement]) -> Evaluation:
    """Every rule ``placements`` break (hard and soft), in a scheduler's words."""
    from app.scheduling.timetable.evaluate import evaluate
    from app.scheduling.timetable.rules import compile_rules

    return evaluate(compile_rules(problem), placements)
