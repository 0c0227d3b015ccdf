"""School timetables: the problem model, FET files, the CP-SAT solver, the workspace store.

Nothing here imports Qt. The main entry points::

    from app.scheduling.timetable import read_fet, solve, evaluate_placements
    problem = read_fet("school.fet")
    result = solve(problem, time_limit=60)
"""

from __future__ import annotations

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


def evaluate_placements(problem: Problem, placements: list[Placement]) -> Evaluation:
    """Every rule ``placements`` break (hard and soft), in a scheduler's words."""
    from app.scheduling.timetable.evaluate import evaluate
    from app.scheduling.timetable.rules import compile_rules

    return evaluate(compile_rules(problem), placements)
