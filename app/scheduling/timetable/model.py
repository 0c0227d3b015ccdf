"""The timetable problem as plain data: the week, people, rooms, activities, constraints.

The shapes follow FET's, so a ``.fet`` file maps onto them one to one: an *activity* is
one lesson placed once a week (FET splits a subject's weekly hours into several
activities sharing an ``group_id``); a *constraint* keeps FET's type name, weight and
parameters, so constraints we do not model survive a round trip untouched.

Time is flattened: slot ``day * hours_per_day + hour``. A lesson of duration ``d``
starting at hour ``h`` occupies hours ``h .. h+d-1`` of one day.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from typing import Any

from app.core.i18n import _

HARD_WEIGHT = 100.0


@dataclass
class StudentsSet:
    """A year, a group or a subgroup (FET's three levels)."""

    name: str
    kind: str  # "year" | "group" | "subgroup"
    size: int = 0
    children: list[str] = field(default_factory=list)


@dataclass
class Room:
    name: str
    capacity: int = 0
    building: str = ""
    kind: str = ""  # "lab", "gym"... (FET keeps it in comments; we keep it here)
    virtual: bool = False
    # A virtual room's sets of real rooms: a lesson in it also takes one real room of each
    # set, all different (FET's virtual rooms, see virtual.py).
    real_sets: list[list[str]] = field(default_factory=list)


@dataclass
class Activity:
    """One lesson a week: who, with whom, what, how long."""

    id: int
    teachers: list[str]
    subject: str
    students: list[str]
    duration: int = 1
    group_id: int = 0
    total_duration: int = 0
    tags: list[str] = field(default_factory=list)
    n_students: int | None = None  # FET's Number_Of_Students, when given
    active: bool = True
    comments: str = ""

    def describe(self, capital: bool = False) -> str:
        who = ", ".join(self.teachers) or _("no teacher")
        whom = ", ".join(self.students) or _("no students")
        text = _("Activity {id} ({subject}, {teachers}, {students})") if capital else _(
            "activity {id} ({subject}, {teachers}, {students})")
        return text.format(id=self.id, subject=self.subject, teachers=who, students=whom)


@dataclass
class Constraint:
    """One FET constraint: its type name (without the ``Constraint`` prefix), weight, params.

    ``params`` holds the XML children as a dict of lists of strings / dicts, exactly as the
    importer read them, so unknown types survive export.
    """

    type: str
    weight: float = HARD_WEIGHT
    active: bool = True
    params: dict[str, Any] = field(default_factory=dict)
    space: bool = False
    comments: str = ""
    # The order of the XML children as read (tags may repeat and interleave, as in FET 5's
    # parallel <Day>/<Hour> lists); export follows it so FET reads the file as before.
    order: list[str] = field(default_factory=list)

    @property
    def hard(self) -> bool:
        return self.weight >= HARD_WEIGHT

    def one(self, key: str, default: str = "") -> str:
        values = self.params.get(key)
        if not values:
            return default
        value = values[0]
        return value if isinstance(value, str) else default

    def many(self, key: str) -> list[Any]:
        return list(self.params.get(key, []))


@dataclass
class Placement:
    """Where one activity sits: flattened start slot and room ('' when none needed).

    ``real_rooms``: in a virtual room, the real room taken from each of its sets, when
    known (read from a file, or chosen by :func:`virtual.fill`); empty, the checker
    chooses them.
    """

    activity_id: int
    day: int
    hour: int
    room: str = ""
    locked: bool = False
    real_rooms: tuple[str, ...] = ()


# FET 5 builds for other modes, by the word after the version number (see Problem.mode).
_BUILD_MODES = (("mathmake", "Terms"), ("ma", "Mornings_Afternoons"), ("algeria", "Mornings_Afternoons"),
                ("morocco", "Mornings_Afternoons"), ("bp", "Block_Planning"))  # "mathmake" before "ma"


@dataclass
class Problem:
    """A whole school week to timetable."""

    name: str = "School"
    days: list[str] = field(default_factory=list)
    hours: list[str] = field(default_factory=list)
    teachers: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    years: list[StudentsSet] = field(default_factory=list)
    groups: list[StudentsSet] = field(default_factory=list)
    subgroups: list[StudentsSet] = field(default_factory=list)
    buildings: list[str] = field(default_factory=list)
    rooms: list[Room] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    constraints: list[Constraint] = field(default_factory=list)
    comments: str = ""
    fet_version: str = "6.9.0"
    # FET elements this model does not represent (``<Mode>``, terms, student categories, qualified subjects, comments…), as raw XML keyed by
    # where they sit ("top:<previous element>", "Teacher:<name>", "Room:<name>"…), so a
    # file survives import and export verbatim.
    fet_extras: dict[str, list[str]] = field(default_factory=dict)

    @property
    def mode(self) -> str:
        """FET's ``<Mode>`` (``Official`` when absent; ``Mornings_Afternoons``, ``Block_Planning``, ``Terms``)."""
        for raw in (x for key, xs in self.fet_extras.items() if key.startswith("top:") for x in xs):
            m = re.fullmatch(r"\s*<Mode>\s*([^<]*?)\s*</Mode>\s*", raw)
            if m:
                return m.group(1)
        # FET 5's builds for other modes wrote none; their version says which build made
        # the file ("5.27.3-ma9", "5.27.3-algeria29", "5.44.2-bp", "5.42.2-mathmake"), and
        # FET 6 opens such a file in that build's mode.
        build = re.match(r"\s*\d+(?:\.\d+)*-([A-Za-z]+)", self.fet_version)
        if build:
            for prefix, mode in _BUILD_MODES:
                if build.group(1).lower().startswith(prefix):
                    return mode
        return "Official"

    # -- the week ---------------------------------------------------------------------
    @property
    def n_days(self) -> int:
        return len(self.days)

    @property
    def n_hours(self) -> int:
        return len(self.hours)

    @property
    def n_slots(self) -> int:
        return self.n_days * self.n_hours

    def day_index(self, name: str) -> int:
        return self.days.index(name)

    def hour_index(self, name: str) -> int:
        return self.hours.index(name)

    # -- lookups ----------------------------------------------------------------------
    def activity(self, activity_id: int) -> Activity:
        for a in self.activities:
            if a.id == activity_id:
                return a
        raise KeyError(activity_id)

    def active_activities(self) -> list[Activity]:
        return [a for a in self.activities if a.active]

    def students_sets(self) -> dict[str, StudentsSet]:
        """Every students set by name; a name FET repeats (a shared group) merges."""
        out: dict[str, StudentsSet] = {}
        for s in [*self.years, *self.groups, *self.subgroups]:
            if s.name in out:
                merged = out[s.name]
                merged.children = sorted(set(merged.children) | set(s.children))
            else:
                out[s.name] = dataclasses.replace(s, children=list(s.children))
        return out

    def atoms(self) -> dict[str, frozenset[str]]:
        """For each students set, the smallest sets (subgroups, or childless groups/years)
        it contains. Two activities clash when their atoms intersect."""
        sets = self.students_sets()
        memo: dict[str, frozenset[str]] = {}

        def leaves(name: str, depth: int = 0) -> frozenset[str]:
            if name in memo:
                return memo[name]
            node = sets.get(name)
            if node is None or not node.children or depth > 3:
                result = frozenset([name])
            else:
                result = frozenset().union(*(leaves(c, depth + 1) for c in node.children))
            memo[name] = result
            return result

        return {name: leaves(name) for name in sets}

    def room(self, name: str) -> Room:
        for r in self.rooms:
            if r.name == name:
                return r
        raise KeyError(name)

    def set_size(self, name: str) -> int:
        s = self.students_sets().get(name)
        return s.size if s else 0

    # -- persistence ------------------------------------------------------------------
    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Problem:
        raw = json.loads(text)
        raw["years"] = [StudentsSet(**s) for s in raw.get("years", [])]
        raw["groups"] = [StudentsSet(**s) for s in raw.get("groups", [])]
        raw["subgroups"] = [StudentsSet(**s) for s in raw.get("subgroups", [])]
        raw["rooms"] = [Room(**r) for r in raw.get("rooms", [])]
        raw["activities"] = [Activity(**a) for a in raw.get("activities", [])]
        raw["constraints"] = [Constraint(**c) for c in raw.get("constraints", [])]
        return cls(**raw)


_TIME = re.compile(r"(\d{1,2})[:.h](\d{2})")


def hour_times(name: str) -> tuple[str, str] | None:
    """``("08:00", "08:45")`` from an hour named like ``08:00-08:45`` or ``8.00 - 8.45``;
    ``(start, "")`` when only a start is given; None when the name carries no time."""
    found = _TIME.findall(name)
    if not found:
        return None
    start = f"{int(found[0][0]):02d}:{found[0][1]}"
    end = f"{int(found[1][0]):02d}:{found[1][1]}" if len(found) > 1 else ""
    return start, end
