"""A synthetic conference plan of any size (benchmarks and tests; no real people)."""

from __future__ import annotations

import datetime as dt
import random

from app.scheduling.conferences import (
    Absence,
    ConferencePlan,
    DaySpec,
    InterpreterSpec,
    RequestSpec,
    TeacherSpec,
)


def synthetic_plan(
    teachers: int = 40, families: int = 600, *, seed: int = 1, days: int = 2,
    start: dt.date = dt.date(2026, 11, 18),
) -> ConferencePlan:
    """Two evenings 16:00-20:00 (15-min slots, 5-min passing, a 18:00-18:20 break),
    families asking for 1-3 teachers (siblings), a quarter needing an interpreter."""
    rng = random.Random(seed)
    day_specs = [
        DaySpec(id=i + 1, date=start + dt.timedelta(days=i), start=dt.time(16), end=dt.time(20),
                slot_minutes=15, passing_minutes=5, breaks=((dt.time(18), dt.time(18, 20)),),
                max_consecutive=5, walk_minutes=3)
        for i in range(days)
    ]
    teacher_specs = []
    for t in range(teachers):
        absences: tuple[Absence, ...] = ()
        if t % 13 == 5:  # a few teachers leave early on the first evening
            absences = (Absence(1, dt.time(18), dt.time(20)),)
        teacher_specs.append(TeacherSpec(id=t + 1, name=f"Teacher {t + 1}", room=f"{100 + t}", absences=absences))
    interpreters = [
        InterpreterSpec(1, "Interpreter A", "es"), InterpreterSpec(2, "Interpreter B", "es"),
        InterpreterSpec(3, "Interpreter C", "es"), InterpreterSpec(4, "Interpreter D", "es"),
        InterpreterSpec(5, "Interpreter E", "es"), InterpreterSpec(6, "Interpreter F", "vi"),
    ]
    requests: list[RequestSpec] = []
    rid = 0
    for f in range(families):
        language = rng.choices(["en", "es", "vi"], [0.74, 0.22, 0.04])[0]
        wanted = rng.choices([1, 2, 3], [0.65, 0.28, 0.07])[0]
        window = rng.random()
        earliest = dt.time(17, 0) if window < 0.2 else None
        latest = dt.time(18, 0) if 0.2 <= window < 0.3 else None
        for t in rng.sample(range(teachers), wanted):
            rid += 1
            requests.append(RequestSpec(
                id=rid, family_id=f + 1, family_name=f"Family {f + 1}", teacher_id=t + 1,
                earliest=earliest, latest=latest, language=language, interpreter=language != "en",
            ))
    return ConferencePlan(day_specs, teacher_specs, requests, interpreters)
