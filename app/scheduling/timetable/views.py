"""Timetable grids per class, teacher and room (days × periods), for the app and the PDF."""

from __future__ import annotations

from dataclasses import dataclass

from app.scheduling.timetable.model import Placement, Problem

KINDS = ("class", "teacher", "room")


@dataclass(frozen=True)
class CellLesson:
    activity_id: int
    subject: str
    teachers: tuple[str, ...]
    students: tuple[str, ...]
    room: str
    locked: bool
    first: bool  # the lesson starts in this cell (False for the 2nd hour of a double)
    duration: int
    through: str = ""  # in a real room's grid: the virtual room that books it for the lesson


def entities(problem: Problem, kind: str) -> list[str]:
    """The classes (groups, or years without groups), teachers or rooms to show grids for."""
    if kind == "teacher":
        return list(problem.teachers)
    if kind == "room":
        return [r.name for r in problem.rooms]
    names = [g.name for g in problem.groups]
    names += [y.name for y in problem.years if not y.children]
    seen: set[str] = set()
    return [n for n in names if not (n in seen or seen.add(n))]  # type: ignore[func-returns-value]


def grid(problem: Problem, placements: list[Placement], kind: str, name: str,
         real_rooms: dict[int, tuple[str, ...]] | None = None) -> list[list[list[CellLesson]]]:
    """``grid[hour][day]`` = the lessons of ``name`` in that cell. A room's grid also shows
    the lessons of virtual rooms that take it as a real room, as FET's room timetables
    do: their real rooms are ``real_rooms`` (the checker's, ``Evaluation.real_rooms``)
    or, without it, the placements' own (see :func:`virtual.fill`)."""
    real = real_rooms or {}
    atoms = problem.atoms()
    mine = atoms.get(name, frozenset([name]))
    acts = {a.id: a for a in problem.activities}
    cells: list[list[list[CellLesson]]] = [[[] for _d in problem.days] for _h in problem.hours]
    for pl in placements:
        a = acts.get(pl.activity_id)
        if a is None:
            continue
        if kind == "teacher":
            shown = name in a.teachers
        elif kind == "room":
            shown = pl.room == name or name in real.get(pl.activity_id, pl.real_rooms)
        else:
            shown = any(atoms.get(s, frozenset([s])) & mine for s in a.students)
        if not shown:
            continue
        for k in range(a.duration):
            if pl.hour + k < problem.n_hours:
                cells[pl.hour + k][pl.day].append(CellLesson(
                    a.id, a.subject, tuple(a.teachers), tuple(a.students), pl.room, pl.locked, k == 0, a.duration,
                    pl.room if kind == "room" and pl.room != name else ""))
    return cells


def cell_text(lesson: CellLesson, kind: str) -> str:
    """What a cell says, leaving out what the grid's title already tells."""
    lines = [lesson.subject]
    if kind != "teacher":
        lines.append(", ".join(lesson.teachers))
    lines.append(", ".join(lesson.students))
    if kind != "room" and lesson.room:
        lines.append(lesson.room)
    elif lesson.through:
        lines.append(lesson.through)
    return "\n".join(x for x in lines if x)
