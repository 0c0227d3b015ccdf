"""FET constraints turned into a few normalised rule kinds the solver and the editor use.

Each rule remembers the index of the FET constraint it came from (``cid``), its weight and
a sentence a scheduler understands, so the solver can name culprits and the editor can
explain a conflict in the same words.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from app.core.i18n import _
from app.scheduling.timetable.model import Activity, Constraint, Placement, Problem


@dataclass
class StartRule:
    """Activity ``aid`` must start in ``starts`` (flattened slots)."""

    cid: int
    aid: int
    starts: frozenset[int]
    weight: float
    label: str
    # Not-available and break times: FET counts each occupied hour inside ``blocked`` (once
    # per students subgroup involved, ``count``); other start rules count 1 when broken.
    blocked: frozenset[int] | None = None
    count: int = 1

    def broken(self, start: int, duration: int) -> int:
        """How many times FET counts this rule broken for a lesson starting at ``start``."""
        if self.blocked is not None:
            return self.count * sum(1 for s in range(start, start + duration) if s in self.blocked)
        return 0 if start in self.starts else 1


@dataclass
class RoomChoice:
    """Where an activity may go. ``rooms`` empty and ``needs_room`` False: no room at all."""

    aid: int
    rooms: list[str]
    needs_room: bool
    hard_cids: list[int] = field(default_factory=list)
    # soft preferences: (cid, weight, allowed rooms, label)
    soft: list[tuple[int, float, frozenset[str], str]] = field(default_factory=list)


# FET's rules over several activities, by group-rule kind. Each is counted per pair of
# lessons, as FET counts it; the two-activity ones ("first", "second") keep their order.
GROUP_TYPES = {
    "MinDaysBetweenActivities": "min_days",
    "MaxDaysBetweenActivities": "max_days",
    "ActivitiesSameStartingTime": "same_start",
    "ActivitiesSameStartingDay": "same_day",
    "ActivitiesSameStartingHour": "same_hour",
    "ActivitiesNotOverlapping": "not_overlapping",
    "MinGapsBetweenActivities": "min_gaps",
    "TwoActivitiesOrdered": "ordered",
    "TwoActivitiesOrderedIfSameDay": "ordered_if_same_day",
    "TwoActivitiesConsecutive": "consecutive",
    "TwoActivitiesGrouped": "grouped",
}
# Rules for which lessons either side of a break are side by side: fet-cl 6.8.5 places two
# activities "consecutive" or "grouped" at 8:00 and 10:00 around a break at 9:00, but not
# around an hour the students are not available, and not a min-days rule's "consecutive
# if on the same day" lessons around a break (hand files; tests/scheduling/test_timetable_breaks.py).
BREAK_BLIND = frozenset({"consecutive", "grouped"})
# LoadRule.filled: the day's holes (inside it, before its first lesson) must be filled.
FILLED_HOLES, FILLED_FROM_START = 1, 2
# Kinds two lessons can never keep while starting together (so never one placement unit).
APART_KINDS = frozenset({"min_days", "not_overlapping", "consecutive_if_same_day", "min_gaps", "ordered",
                         "ordered_if_same_day", "consecutive", "grouped"})
# Rules of one lesson against each of the others (not the others among themselves):
# "ends_day", the first lesson ends its students' day.
STAR_KINDS = frozenset({"ends_day"})
# Soft kinds that hold while placing, as FET holds them (a rule of weight w % w % of the
# times); soft not-overlapping rules only break ties.
HELD_SOFT_KINDS = frozenset(set(GROUP_TYPES.values()) - {"not_overlapping"} | STAR_KINDS)


@dataclass
class GroupRule:
    """A rule over several activities (see ``GROUP_TYPES``), or FET's "consecutive if on the
    same day" of a min-days rule."""

    cid: int
    kind: str
    aids: list[int]
    weight: float
    label: str
    min_days: int = 1
    max_days: int = 0
    gaps: int = 0  # min_gaps: hours between two lessons of one day
    # "consecutive" and "grouped": each slot's place in the week with the break slots left
    # out (empty when the school has no breaks), see BREAK_BLIND
    squeezed: tuple[int, ...] = ()

    def at(self, s: int) -> int:
        """Slot ``s`` as this rule counts hours side by side (breaks left out, if it does)."""
        return self.squeezed[s] if self.squeezed else s

    def times_broken(self, s1: int, d1: int, s2: int, d2: int, H: int) -> int:
        """How many times FET counts this rule broken for two of its lessons: one starting
        at slot ``s1`` for ``d1`` hours, listed before the other (``s2``, ``d2``) in
        ``aids`` (the order matters to "ordered" and "consecutive" only)."""
        return _BROKEN[self.kind](self, s1, d1, s2, d2, H)


def _days_apart(s1: int, s2: int, H: int) -> int:
    return abs(s1 // H - s2 // H)


def _side_by_side(s1: int, d1: int, s2: int, d2: int) -> bool:
    return s1 + d1 == s2 or s2 + d2 == s1


# kind -> times broken, from (rule, start and hours of the first lesson, of the second, H)
_BROKEN: dict[str, Callable[[GroupRule, int, int, int, int, int], int]] = {
    "same_start": lambda g, s1, d1, s2, d2, H: int(s1 != s2),
    "same_day": lambda g, s1, d1, s2, d2, H: int(s1 // H != s2 // H),
    "same_hour": lambda g, s1, d1, s2, d2, H: int(s1 % H != s2 % H),
    "min_days": lambda g, s1, d1, s2, d2, H: max(0, g.min_days - _days_apart(s1, s2, H)),
    "max_days": lambda g, s1, d1, s2, d2, H: max(0, _days_apart(s1, s2, H) - g.max_days),
    # the hours they share
    "not_overlapping": lambda g, s1, d1, s2, d2, H: max(0, min(s1 + d1, s2 + d2) - max(s1, s2)),
    # the first ends before the second starts (when on one day)
    "ordered": lambda g, s1, d1, s2, d2, H: int(s1 + d1 > s2),
    "ordered_if_same_day": lambda g, s1, d1, s2, d2, H: int(s1 // H == s2 // H and s1 + d1 > s2),
    # the second right after the first, the same day (a break between them allowed)
    "consecutive": lambda g, s1, d1, s2, d2, H: int(s1 // H != s2 // H or g.at(s1) + d1 != g.at(s2)),
    # side by side (either first), the same day (a break between them allowed)
    "grouped": lambda g, s1, d1, s2, d2, H: int(s1 // H != s2 // H or not _side_by_side(g.at(s1), d1, g.at(s2), d2)),
    # side by side when on one day (a break between them is not allowed)
    "consecutive_if_same_day": lambda g, s1, d1, s2, d2, H: int(
        s1 // H == s2 // H and not _side_by_side(s1, d1, s2, d2)),
    # the second is later than the first the same day (the first ends the students' day)
    "ends_day": lambda g, s1, d1, s2, d2, H: int(s1 // H == s2 // H and s2 >= s1 + d1),
    # fewer than ``gaps`` hours between them (or overlapping) on one day
    "min_gaps": lambda g, s1, d1, s2, d2, H: int(
        s1 // H == s2 // H and s1 < s2 + d2 + g.gaps and s2 < s1 + d1 + g.gaps),
}


@dataclass
class LoadRule:
    """A rule about one teacher's or one students set's week."""

    cid: int
    # "max_hours_daily" | "max_days" | "max_gaps" | "early" | "min_hours_daily" | "max_gaps_daily"
    # | "max_hours_continuously" | "min_days_week" | "interval_max_days" | "max_span" | "min_rest"
    kind: str
    who: str  # teacher name or students atom key
    is_teacher: bool
    aids: list[int]
    limit: int
    weight: float
    label: str
    free_slots: frozenset[int] = frozenset()  # not gaps, not late (breaks, not available)
    count: int = 1  # students subgroups sharing this week (FET counts each one)
    allow_empty: bool = True  # min_hours_daily: a day without lessons is allowed
    # interval_max_days: the hours [start, end) of each day in which a lesson makes the day
    # count (a lesson overlapping them is enough)
    interval: tuple[int, int] = (0, 0)
    # max_span: one day of the week may be one hour longer (FET's "allow one day exception
    # of plus one")
    plus_one: bool = False
    # min_rest: the rest from the last day of the week to the first counts too
    circular: bool = False
    # min/max_hours_daily: the same person may have no gap (FILLED_HOLES) and/or no late
    # start (FILLED_FROM_START) by hard rules, so a day's hours count with the holes they
    # will have to fill (see _filled_days)
    filled: int = 0


@dataclass
class RoomBlock:
    cid: int
    room: str
    slots: frozenset[int]
    weight: float
    label: str


@dataclass
class RoomGroup:
    """FET's "activities occupy max different rooms": the lessons ``aids`` use at most
    ``max_rooms`` rooms between them (a lesson without a room uses none)."""

    cid: int
    aids: list[int]
    max_rooms: int
    weight: float
    label: str


@dataclass
class SameRoomRule:
    """FET's "activities same room if consecutive": two of the lessons ``aids`` on one day,
    one right after the other (a break between them parts them), are in the same room.
    Settled with the rooms, after the times; hard only (FET takes it at 100 %)."""

    cid: int
    aids: list[int]
    label: str

    def pairs(self, start: dict[int, int], acts: dict[int, Activity], H: int) -> list[tuple[int, int]]:
        """The placed lessons ``(a, b)`` of the rule with ``b`` right after ``a``, one day."""
        ends: dict[int, list[int]] = defaultdict(list)
        for a in self.aids:
            if a in start:
                ends[start[a] + acts[a].duration].append(a)
        return [(a, b) for b in self.aids if b in start and start[b] % H for a in ends.get(start[b], [])]


BUILDING_KINDS = ("per_day", "per_week", "min_gaps")  # numbered so in the placement's tables
# FET type -> (our kind, the XML element holding the limit).
BUILDING_TYPES = {
    f"{who}{rule}": (kind, element)
    for who in ("Teacher", "Teachers", "StudentsSet", "Students")
    for rule, kind, element in (
        ("MaxBuildingChangesPerDay", "per_day", "Max_Building_Changes_Per_Day"),
        ("MaxBuildingChangesPerWeek", "per_week", "Max_Building_Changes_Per_Week"),
        ("MinGapsBetweenBuildingChanges", "min_gaps", "Min_Gaps_Between_Building_Changes"),
    )
}


@dataclass
class BuildingRule:
    """One teacher's or students set's building changes (``who`` as in :class:`LoadRule`)."""

    cid: int
    kind: str  # "per_day" | "per_week" | "min_gaps"
    who: str
    is_teacher: bool
    aids: list[int]
    limit: int
    weight: float
    label: str
    count: int = 1  # students subgroups sharing this week (FET counts each one)


@dataclass
class OccupyRule:
    """FET's "activities occupy max time slots from selection": the lessons ``aids``
    together cover at most ``limit`` of the ``slots`` (a slot counts once however many of
    them are in it); with ``per_slot``, FET's "activities max simultaneous in selected time
    slots": at most ``limit`` of them in each of the ``slots``. Hard only, as FET takes
    both (100 %)."""

    cid: int
    aids: list[int]
    slots: frozenset[int]
    limit: int
    label: str
    per_slot: bool = False

    def crowded(self, start: dict[int, int], acts: dict[int, Activity]) -> dict[int, int]:
        """``per_slot``: selected slot -> how many of the placed lessons are in it, for the
        slots holding more than ``limit``."""
        here: dict[int, int] = {}
        for a in self.aids:
            if a in start:
                for s in occupied(start[a], acts[a].duration):
                    if s in self.slots:
                        here[s] = here.get(s, 0) + 1
        return {s: n for s, n in here.items() if n > self.limit}

    def used(self, start: dict[int, int], acts: dict[int, Activity]) -> set[int]:
        """The selected slots the placed lessons cover."""
        return {s for a in self.aids if a in start for s in occupied(start[a], acts[a].duration) if s in self.slots}


# FET's rules on selected time slots, with the element holding their limit.
OCCUPY_TYPES = {"ActivitiesOccupyMaxTimeSlotsFromSelection": "Max_Number_of_Occupied_Time_Slots",
                "ActivitiesMaxSimultaneousInSelectedTimeSlots": "Max_Number_of_Simultaneous_Activities"}


def _scrambled(name: str) -> bytes:
    """A fixed pseudo-random order of names (the same in every process)."""
    return hashlib.blake2b(name.encode(), digest_size=8).digest()


@dataclass
class Rules:
    problem: Problem
    acts: list[Activity]
    atoms_of: dict[int, frozenset[str]]  # activity id -> its students atoms
    base_starts: dict[int, frozenset[int]]  # starts where the lesson fits in a day
    start_rules: list[StartRule] = field(default_factory=list)
    rooms: dict[int, RoomChoice] = field(default_factory=dict)
    groups: list[GroupRule] = field(default_factory=list)
    loads: list[LoadRule] = field(default_factory=list)
    room_blocks: list[RoomBlock] = field(default_factory=list)
    room_groups: list[RoomGroup] = field(default_factory=list)
    buildings: list[BuildingRule] = field(default_factory=list)  # building changes (buildings.py)
    occupy: list[OccupyRule] = field(default_factory=list)  # "occupy max time slots from selection"
    same_room: list[SameRoomRule] = field(default_factory=list)  # "same room if consecutive"
    # Virtual rooms (virtual.py): room -> its sets of real rooms; and lessons whose real
    # rooms a 100 % "activity preferred room" fixes: id -> (constraint index, the rooms).
    virtual: dict[str, list[list[str]]] = field(default_factory=dict)
    real_locked: dict[int, tuple[int, frozenset[str]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    _by_atom: dict[str, list[int]] | None = field(default=None, init=False, repr=False, compare=False)
    _atom_groups: dict[frozenset[int], list[str]] | None = field(default=None, init=False, repr=False, compare=False)

    def by_teacher(self) -> dict[str, list[int]]:
        out: dict[str, list[int]] = defaultdict(list)
        for a in self.acts:
            for t in a.teachers:
                out[t].append(a.id)
        return out

    def by_atom(self) -> dict[str, list[int]]:
        """Each students atom's lessons (worked out once: every students rule, the
        checker and the placement ask for it; callers only read it)."""
        if self._by_atom is None:
            out: dict[str, list[int]] = defaultdict(list)
            for a in self.acts:
                for atom in self.atoms_of[a.id]:
                    out[atom].append(a.id)
            # In an order fixed by the names, not the set's (Python's hash order changes
            # with each process): every table built from it (the placement's resources
            # above all) is then the same in every process, and so is a run. Scrambled,
            # as the hash order was: in name order, the classes of a year side by side,
            # the placement did worse on FET's Lom example (median penalty at 3 s, five
            # runs each: 8,013 against 4,940 in hash order); scrambled, within the noise
            # of hash order (nine runs each: 6,469 against 6,282).
            self._by_atom = {atom: out[atom] for atom in sorted(out, key=_scrambled)}
        return self._by_atom

    def atom_groups(self) -> dict[frozenset[int], list[str]]:
        """Distinct activity sets of students atoms (atoms with equal sets behave alike)."""
        if self._atom_groups is None:
            out: dict[frozenset[int], list[str]] = defaultdict(list)
            for atom, aids in self.by_atom().items():
                out[frozenset(aids)].append(atom)
            self._atom_groups = dict(out)
        return self._atom_groups


# Room rules: every one restricts the rooms of some activities (a home room only those with
# no preferred room of their own, as in FET; a teacher's (students set's) home room the
# activities of that teacher (students set) alone).
ROOM_TYPES = frozenset({
    "ActivityPreferredRoom", "ActivityPreferredRooms", "SubjectPreferredRoom", "SubjectPreferredRooms",
    "ActivityTagPreferredRoom", "ActivityTagPreferredRooms", "SubjectActivityTagPreferredRoom",
    "SubjectActivityTagPreferredRooms", "TeacherHomeRoom", "TeacherHomeRooms", "StudentsSetHomeRoom",
    "StudentsSetHomeRooms",
})


def _slot(p: Problem, day: str, hour: str) -> int | None:
    try:
        return p.day_index(day) * p.n_hours + p.hour_index(hour)
    except ValueError:
        return None


def _times(p: Problem, c: Constraint, wrapper: str, day_key: str, hour_key: str) -> set[int]:
    """Slots listed in a constraint, new style (wrapped pairs) or old style (parallel lists)."""
    out: set[int] = set()
    pairs = [v for v in c.many(wrapper) if isinstance(v, dict)]
    if pairs:
        for pair in pairs:
            s = _slot(p, pair.get(day_key, ""), pair.get(hour_key, ""))
            if s is not None:
                out.add(s)
    else:
        for d, h in zip(c.many(day_key), c.many(hour_key), strict=False):
            s = _slot(p, d, h)
            if s is not None:
                out.add(s)
    return out


def occupied(start: int, duration: int) -> range:
    return range(start, start + duration)


def starts_avoiding(p: Problem, a: Activity, blocked: set[int] | frozenset[int]) -> frozenset[int]:
    """Starts of ``a`` whose hours all avoid ``blocked``."""
    return _starts(p.n_days, p.n_hours, a.duration, frozenset(blocked), False)


def starts_within(p: Problem, a: Activity, allowed: set[int]) -> frozenset[int]:
    """Starts of ``a`` whose hours all lie in ``allowed``."""
    return _starts(p.n_days, p.n_hours, a.duration, frozenset(allowed), True)


@lru_cache(maxsize=4096)
def _starts(n_days: int, H: int, duration: int, slots: frozenset[int], within: bool) -> frozenset[int]:
    # Cached: one rule usually names the same slots for hundreds of lessons of a few
    # durations (FET's 5,433-lesson Tunisian example spent 20 s here uncached).
    return frozenset(
        d * H + h
        for d in range(n_days)
        for h in range(H - duration + 1)
        if all(((d * H + h + k) in slots) == within for k in range(duration))
    )


def slot_name(p: Problem, slot: int) -> str:
    return f"{p.days[slot // p.n_hours]} {p.hours[slot % p.n_hours]}"


def slots_text(p: Problem, slots: set[int] | frozenset[int], limit: int = 6) -> str:
    ordered = sorted(slots)
    text = ", ".join(slot_name(p, s) for s in ordered[:limit])
    if len(ordered) > limit:
        text = _("{names} and {n} more").format(names=text, n=len(ordered) - limit)
    return text


def _pct(c: Constraint) -> str:
    return "" if c.hard else _(" (soft, weight {weight:g}%)").format(weight=c.weight)


def _matches(a: Activity, c: Constraint, atoms: dict[str, frozenset[str]], act_atoms: frozenset[str]) -> bool:
    """Whether activity ``a`` (its students' atoms ``act_atoms``) is one of the
    activities a filter constraint names. A students set matches as FET matches it: any
    activity whose students share students with it (a rule for a year binds its groups'
    and subgroups' activities too; FET refuses a timetable that ignores this)."""
    teacher = c.one("Teacher_Name")
    students = c.one("Students_Name")
    subject = c.one("Subject_Name")
    tag = c.one("Activity_Tag_Name")
    duration = c.one("Duration")
    return (
        (not teacher or teacher in a.teachers)
        and (not students or bool(atoms.get(students, frozenset([students])) & act_atoms))
        and (not subject or subject == a.subject)
        and (not tag or tag in a.tags)
        and (not duration or duration == str(a.duration))
    )


def _filter_text(c: Constraint, capital: bool = False) -> str:
    """Which activities a FET filter picks ("activities of teacher X, students Y"), in
    the reader's language (it shows in Spanish conflict lists too)."""
    words = {"Teacher_Name": _("teacher {name}"), "Students_Name": _("students {name}"),
             "Subject_Name": _("subject {name}"), "Activity_Tag_Name": _("tag {name}")}
    parts = [template.format(name=c.one(key)) for key, template in words.items() if c.one(key)]
    text = _("activities of {filters}").format(filters=", ".join(parts)) if parts else _("all activities")
    return text[0].upper() + text[1:] if capital else text


def _ids(c: Constraint) -> list[int]:
    out = []
    for raw in c.many("Activity_Id"):
        try:
            out.append(int(raw))
        except (TypeError, ValueError):
            continue
    return out


def _atoms_of(acts: list[Activity], atoms: dict[str, frozenset[str]]) -> dict[int, frozenset[str]]:
    """Each lesson's atomic students sets (computed once per distinct students list:
    large schools repeat a few lists over thousands of lessons)."""
    seen: dict[tuple[str, ...], frozenset[str]] = {}
    out = {}
    for a in acts:
        key = tuple(a.students)
        if key not in seen:
            seen[key] = frozenset().union(*(atoms.get(s, frozenset([s])) for s in key))
        out[a.id] = seen[key]
    return out


def compile_rules(p: Problem) -> Rules:  # noqa: C901 - one branch per FET type, on purpose
    acts = p.active_activities()
    atoms = p.atoms()
    by_id = {a.id: a for a in acts}
    component = _components(p)
    rules = Rules(
        problem=p,
        acts=acts,
        atoms_of=_atoms_of(acts, atoms),
        base_starts={a.id: starts_avoiding(p, a, set()) for a in acts},
    )
    teacher_acts = rules.by_teacher()
    H = p.n_hours
    breaks: set[int] = set()
    teacher_off: dict[str, set[int]] = defaultdict(set)
    set_off: dict[str, set[int]] = defaultdict(set)  # atom -> hard not-available slots

    def add_start(cid: int, a: Activity, starts: frozenset[int], c: Constraint, label: str,
                  blocked: set[int] | None = None, count: int = 1) -> None:
        if c.weight <= 0:
            return
        rules.start_rules.append(StartRule(cid, a.id, starts, c.weight, label + _pct(c),
                                           frozenset(blocked) if blocked is not None else None, count))

    room_hard: dict[int, list[tuple[int, frozenset[str]]]] = defaultdict(list)
    room_soft: dict[int, list[tuple[int, float, frozenset[str], str]]] = defaultdict(list)
    room_labels: dict[int, str] = {}
    # Home rooms (teachers', students sets') apply after the preferred rooms are known.
    home_rooms: list[tuple[int, Constraint, str, list[int], frozenset[str]]] = []
    has_pref_room: set[int] = set()

    aid: Any  # an activity id, or None when a constraint names none
    allowed: Any  # slots or rooms, depending on the constraint
    for cid, c in enumerate(p.constraints):
        if not c.active:
            continue
        t = c.type
        if (t == "MinDaysBetweenActivities" and c.weight < 100
                and c.one("Consecutive_If_Same_Day").lower() == "true"):
            # FET: lessons of a broken min-days constraint that share a day must then be
            # consecutive, at 100 % whatever the constraint's own weight (even 0 %).
            ids = [i for i in _ids(c) if i in by_id]
            if len(ids) > 1:
                listed = ", ".join(str(i) for i in ids)
                rules.groups.append(GroupRule(cid, "consecutive_if_same_day", ids, 100.0,
                                              _("Activities {listed} must be consecutive when on the same day").format(listed=listed)))
        if c.weight <= 0:
            continue
        if t == "BreakTimes":
            slots = _times(p, c, "Break_Time", "Day", "Hour")
            label = _("Break times: {slots}").format(slots=slots_text(p, slots))
            if c.hard:
                breaks |= slots
            for a in acts:
                add_start(cid, a, starts_avoiding(p, a, slots), c, label, slots)
        elif t == "TeacherNotAvailableTimes":
            teacher = c.one("Teacher") or c.one("Teacher_Name")
            slots = _times(p, c, "Not_Available_Time", "Day", "Hour")
            if c.hard:
                teacher_off[teacher] |= slots
            label = _("Teacher {teacher} is not available on {slots}").format(teacher=teacher, slots=slots_text(p, slots))
            for aid in teacher_acts.get(teacher, []):
                add_start(cid, by_id[aid], starts_avoiding(p, by_id[aid], slots), c, label, slots)
        elif t == "StudentsSetNotAvailableTimes":
            name = c.one("Students")
            slots = _times(p, c, "Not_Available_Time", "Day", "Hour")
            set_atoms = atoms.get(name, frozenset([name]))
            if c.hard:
                for atom in set_atoms:
                    set_off[atom] |= slots
            label = _("Students {name} are not available on {slots}").format(name=name, slots=slots_text(p, slots))
            for a in acts:
                if rules.atoms_of[a.id] & set_atoms:
                    add_start(cid, a, starts_avoiding(p, a, slots), c, label, slots,
                              len(rules.atoms_of[a.id] & set_atoms))
        elif t == "ActivityPreferredStartingTime":
            aid = _safe(c.one("Activity_Id"))
            slot = _slot(p, c.one("Preferred_Day"), c.one("Preferred_Hour"))
            if aid in by_id:
                a = by_id[aid]
                if slot is None:
                    # Only a day or only an hour given: FET allows either half.
                    day, hour = c.one("Preferred_Day"), c.one("Preferred_Hour")
                    allowed = {
                        s for s in rules.base_starts[aid]
                        if (not day or p.days[s // H] == day) and (not hour or p.hours[s % H] == hour)
                    }
                else:
                    allowed = {slot}
                locked = " (locked)" if c.one("Permanently_Locked").lower() == "true" else ""
                add_start(cid, a, frozenset(allowed), c,
                          f"{a.describe(True)} must start at {slots_text(p, allowed)}{locked}")
        elif t == "ActivityPreferredStartingTimes":
            aid = _safe(c.one("Activity_Id"))
            slots = _times(p, c, "Preferred_Starting_Time", "Preferred_Starting_Day", "Preferred_Starting_Hour")
            if aid in by_id:
                a = by_id[aid]
                add_start(cid, a, frozenset(slots), c,
                          f"{a.describe(True)} may only start at {slots_text(p, slots)}")
        elif t in ("ActivitiesPreferredStartingTimes", "SubactivitiesPreferredStartingTimes"):
            slots = _times(p, c, "Preferred_Starting_Time", "Preferred_Starting_Day", "Preferred_Starting_Hour")
            label = _("{activities} may only start at {slots}").format(activities=_filter_text(c, True), slots=slots_text(p, slots))
            for a in acts:
                if _matches(a, c, atoms, rules.atoms_of[a.id]) and _is_component(a, c, component):
                    add_start(cid, a, frozenset(slots), c, label)
        elif t == "ActivityPreferredTimeSlots":
            aid = _safe(c.one("Activity_Id"))
            slots = _times(p, c, "Preferred_Time_Slot", "Preferred_Day", "Preferred_Hour")
            if aid in by_id:
                a = by_id[aid]
                add_start(cid, a, starts_within(p, a, slots), c,
                          _("{activities} must lie within {slots}").format(activities=a.describe(True),
                                                                           slots=slots_text(p, slots)))
        elif t in ("ActivitiesPreferredTimeSlots", "SubactivitiesPreferredTimeSlots"):
            slots = _times(p, c, "Preferred_Time_Slot", "Preferred_Day", "Preferred_Hour")
            label = _("{activities} must lie within {slots}").format(activities=_filter_text(c, True), slots=slots_text(p, slots))
            for a in acts:
                if _matches(a, c, atoms, rules.atoms_of[a.id]) and _is_component(a, c, component):
                    add_start(cid, a, starts_within(p, a, slots), c, label)
        elif t in GROUP_TYPES:
            g = _group_rule(c, cid, by_id)
            if g is not None:
                rules.groups.append(g)
        elif t in ("ActivityEndsStudentsDay", "ActivitiesEndStudentsDay"):
            rules.groups.extend(_ends_day(rules, c, cid, by_id, atoms))
        elif t in ("TeacherMaxHoursDaily", "TeachersMaxHoursDaily", "TeacherMaxDaysPerWeek",
                   "TeachersMaxDaysPerWeek", "TeacherMaxGapsPerWeek", "TeachersMaxGapsPerWeek",
                   "TeacherMaxGapsPerDay", "TeachersMaxGapsPerDay"):
            names = [c.one("Teacher_Name")] if t.startswith("Teacher") and not t.startswith("Teachers") else p.teachers
            if "Hours" in t:
                kind, limit, what = "max_hours_daily", _safe(c.one("Maximum_Hours_Daily")), _("hours a day")
            elif "Days" in t:
                kind, limit, what = "max_days", _safe(c.one("Max_Days_Per_Week")), _("days a week")
            elif t.endswith("PerDay"):
                kind, limit, what = "max_gaps_daily", _safe(c.one("Max_Gaps")), _("gaps a day")
            else:
                kind, limit, what = "max_gaps", _safe(c.one("Max_Gaps")), _("gaps a week")
            if limit is None:
                continue
            for name in names:
                if name not in teacher_acts:
                    continue
                rules.loads.append(LoadRule(cid, kind, name, True, teacher_acts[name], limit, c.weight,
                                            _("Teacher {name} may work at most {limit} {what}{weight}").format(name=name, limit=limit, what=what, weight=_pct(c))))
        elif t in ("StudentsMaxGapsPerWeek", "StudentsSetMaxGapsPerWeek",
                   "StudentsEarlyMaxBeginningsAtSecondHour", "StudentsSetEarlyMaxBeginningsAtSecondHour",
                   "StudentsMaxHoursDaily", "StudentsSetMaxHoursDaily",
                   "StudentsMaxGapsPerDay", "StudentsSetMaxGapsPerDay"):
            target = c.one("Students")
            if t.endswith("GapsPerDay"):
                kind, limit = "max_gaps_daily", _safe(c.one("Max_Gaps"))
                what = _("gap(s) a day")
            elif "Gaps" in t:
                kind, limit = "max_gaps", _safe(c.one("Max_Gaps"))
                what = _("gap(s) a week")
            elif "Early" in t:
                kind, limit = "early", _safe(c.one("Max_Beginnings_At_Second_Hour"))
                what = _("late start(s) (at the second hour) a week, and never later")
            else:
                kind, limit = "max_hours_daily", _safe(c.one("Maximum_Hours_Daily"))
                what = _("hours a day")
            if limit is None:
                continue
            for key, aids, who, count in _students_weeks(rules, atoms, target):
                rules.loads.append(LoadRule(cid, kind, key, False, aids, limit, c.weight,
                                            _("Students {who} may have at most {limit} {what}{weight}").format(who=who, limit=limit, what=what, weight=_pct(c)),
                                            count=count))
        elif t in MIN_HOURS_TYPES:
            _min_hours(rules, c, cid, teacher_acts, atoms)
        elif t in MIN_DAYS_TYPES:
            _min_days(rules, c, cid, teacher_acts)
        elif t in CAPPED_HOURS_TYPES:
            _capped_hours(rules, c, cid, teacher_acts, atoms, by_id)
        elif t in INTERVAL_MAX_DAYS_TYPES:
            _interval_max_days(rules, c, cid, teacher_acts, atoms)
        elif t in MAX_SPAN_TYPES:
            _max_span(rules, c, cid, teacher_acts, atoms)
        elif t in MIN_REST_TYPES:
            _min_rest(rules, c, cid, teacher_acts, atoms)
        elif t in OCCUPY_TYPES:
            _occupy_max(rules, c, cid, by_id)
        elif t == "RoomNotAvailableTimes":
            room = c.one("Room")
            slots = _times(p, c, "Not_Available_Time", "Day", "Hour")
            rules.room_blocks.append(RoomBlock(cid, room, frozenset(slots), c.weight,
                                               _("Room {room} is not available on {slots}{weight}").format(room=room, slots=slots_text(p, slots), weight=_pct(c))))
        elif t in ROOM_TYPES:
            allowed = frozenset([c.one("Room")] if c.one("Room") else c.many("Preferred_Room"))
            rooms_txt = ", ".join(sorted(allowed))
            tag = c.one("Activity_Tag")
            if t.startswith("ActivityTag"):
                targets = [a.id for a in acts if tag in a.tags]
                label = _("Activities tagged {tag} must be in room {rooms}").format(tag=tag, rooms=rooms_txt)
            elif t.startswith("Activity"):
                aid = _safe(c.one("Activity_Id"))
                targets = [aid] if aid in by_id else []
                if targets and c.hard and c.many("Real_Room"):
                    rules.real_locked[targets[0]] = (cid, frozenset(c.many("Real_Room")))
                label = _("Activity {aid} must be in room {rooms}").format(aid=aid, rooms=rooms_txt)
            elif t.startswith("SubjectActivityTag"):
                subject = c.one("Subject")
                targets = [a.id for a in acts if a.subject == subject and tag in a.tags]
                label = _("Subject {subject} tagged {tag} must be taught in room {rooms}").format(subject=subject, tag=tag, rooms=rooms_txt)
            elif t.startswith("Subject"):
                subject = c.one("Subject")
                targets = [a.id for a in acts if a.subject == subject]
                label = _("Subject {subject} must be taught in room {rooms}").format(subject=subject, rooms=rooms_txt)
            elif t.startswith("Teacher"):
                # FET: a teacher's home room is for the activities of that teacher alone.
                teacher = c.one("Teacher")
                home_rooms.append((cid, c, "Teacher " + teacher,
                                   [aid for aid in teacher_acts.get(teacher, []) if by_id[aid].teachers == [teacher]],
                                   allowed))
                continue
            else:
                students = c.one("Students")
                home_rooms.append((cid, c, "Students " + students,
                                   [a.id for a in acts if a.students == [students]], allowed))
                continue
            label += _pct(c)
            room_labels[cid] = label
            for aid in targets:
                has_pref_room.add(aid)
                if c.hard:
                    room_hard[aid].append((cid, allowed))
                else:
                    room_soft[aid].append((cid, c.weight, allowed, label))
        elif t == "ActivitiesOccupyMaxDifferentRooms":
            _room_group(rules, c, cid, by_id)
        elif t == "ActivitiesSameRoomIfConsecutive":
            aids = list(dict.fromkeys(i for i in _ids(c) if i in by_id))
            if c.hard and len(aids) > 1:  # FET accepts it at 100 % only
                rules.same_room.append(SameRoomRule(cid, aids, _(
                    "Activities {listed}, when one follows another, share a room").format(
                        listed=", ".join(str(i) for i in aids))))
        elif t in BUILDING_TYPES:
            _building_rule(rules, c, cid, teacher_acts, atoms)
        elif t in ("BasicCompulsoryTime", "BasicCompulsorySpace"):
            continue

    # Home rooms apply to a teacher's activities that have no preferred room of their own
    # (as in FET, where an activity's or subject's preferred room takes precedence).
    for cid, c, who, targets, allowed in home_rooms:
        label = _("{who} has home room {rooms}{pct}").format(who=who, rooms=', '.join(sorted(allowed)), pct=_pct(c))
        room_labels[cid] = label
        for aid in targets:
            if aid in has_pref_room:
                continue
            if c.hard:
                room_hard[aid].append((cid, allowed))
            else:
                room_soft[aid].append((cid, c.weight, allowed, label))

    rules.virtual = {r.name: r.real_sets for r in p.rooms if r.virtual and r.real_sets}
    real_rooms = {r.name: r for r in p.rooms}
    sizes = {name: st.size for name, st in p.students_sets().items()}
    for a in acts:
        size = a.n_students if a.n_students is not None else sum(sizes.get(s, 0) for s in a.students)
        hard = room_hard.get(a.id, [])
        soft = room_soft.get(a.id, [])
        if hard:
            allowed = set(real_rooms)
            for _cid, rs in hard:
                allowed &= rs
            needs = True
        elif soft:
            allowed = set().union(*(rs for _cid, _w, rs, _l in soft)) & set(real_rooms)
            needs = False
        else:
            rules.rooms[a.id] = RoomChoice(a.id, [], False)
            continue
        fitting = [r for r in sorted(allowed)
                   if not (size and real_rooms[r].capacity and real_rooms[r].capacity < size)]
        if len(fitting) < len(allowed):
            rules.notes.append(_("{activity} has {size} students; rooms too small for it were left out").format(
                activity=a.describe(True), size=size))
        rules.rooms[a.id] = RoomChoice(a.id, fitting, needs, [cid for cid, _ in hard], soft)

    if breaks:
        squeezed = _squeezed(p.n_days * H, breaks)
        for g in rules.groups:
            if g.kind in BREAK_BLIND:
                g.squeezed = squeezed

    _filled_days(rules.loads)
    # Breaks and a person's own unavailable hours are not gaps, nor hours a day "begins
    # late" by (FET counts them so too: a day whose first hour is a break starts early at
    # the second).
    for load in rules.loads:
        if load.kind not in ("max_gaps", "max_gaps_daily", "early") and not load.filled:
            continue
        free = set(breaks)
        if load.is_teacher:
            free |= teacher_off.get(load.who, set())
        else:
            atom_names = load.who.split("|")
            common = None
            for atom in atom_names:
                common = set_off.get(atom, set()) if common is None else common & set_off.get(atom, set())
            free |= common or set()
        load.free_slots = frozenset(free)
    return rules


def _filled_days(loads: list[LoadRule]) -> None:
    """Mark the daily-hours rules (most, least) of a person whose days have no gap or no
    late start by hard rules: a lesson at the fifth hour of such a day will have four
    before it, so the day counts five hours towards both (FET's generator counts a day so
    for max hours daily). Without this, the search fills a day it can never finish and
    finds out only hours later: FET's Italian example with classes of no gaps, no late
    start, at most five hours a day."""
    flags: dict[tuple[str, bool], int] = defaultdict(int)
    for load in loads:
        if load.weight >= 100 and load.limit == 0:
            if load.kind in ("max_gaps", "max_gaps_daily"):
                flags[load.who, load.is_teacher] |= FILLED_HOLES
            elif load.kind == "early":
                flags[load.who, load.is_teacher] |= FILLED_FROM_START
    for load in loads:
        if load.kind in ("min_hours_daily", "max_hours_daily"):
            load.filled = flags.get((load.who, load.is_teacher), 0)


def _squeezed(n_slots: int, breaks: set[int]) -> tuple[int, ...]:
    """Each slot's place among the week's slots that are not breaks (a break has the
    place of the slot after it)."""
    out, k = [], 0
    for s in range(n_slots):
        out.append(k)
        k += s not in breaks
    return tuple(out)


def _room_group(rules: Rules, c: Constraint, cid: int, by_id: dict[int, Activity]) -> None:
    """FET's "activities occupy max different rooms" (lessons not in the school dropped)."""
    ids = list(dict.fromkeys(i for i in _ids(c) if i in by_id))
    limit = _safe(c.one("Max_Number_of_Different_Rooms"))
    if limit is None or len(ids) < 2:
        return
    if c.weight < 100:  # FET refuses to generate with one below 100 %
        rules.notes.append(_("A rule that activities use at most some rooms is below 100% and left out "
                             "(FET accepts it only at 100%)"))
        return
    listed = ", ".join(str(i) for i in ids)
    label = _("Activities {listed} may use at most {m} different room(s)").format(listed=listed, m=limit)
    rules.room_groups.append(RoomGroup(cid, ids, limit, c.weight, label + _pct(c)))


def placing_pools(rules: Rules, locks: dict[int, Placement] | None = None) -> dict[int, list[str]]:
    """Rooms the placement and the min-conflicts search let each lesson of an "occupy
    max different rooms" rule take: the rule's lessons that need a room share at most
    that many rooms, chosen once (greedily, see ``_cover``), so whatever rooms the
    placement picks keep the rule. Lessons not listed keep ``rules.rooms``.
    A lesson locked in one of its rooms keeps that room. A rule whose lessons no such
    choice covers is left to the checker."""
    pools = {aid: list(ch.rooms) for aid, ch in rules.rooms.items()}
    for aid, lock in (locks or {}).items():
        if aid in pools and lock.room in pools[aid]:
            pools[aid] = [lock.room]
    out: dict[int, list[str]] = {}
    load: dict[str, int] = defaultdict(int)  # lessons given each room so far
    for g in rules.room_groups:
        members = [aid for aid in g.aids if aid in rules.rooms and rules.rooms[aid].needs_room]
        chosen = _cover(members, pools, g.max_rooms, load)
        if chosen is None:
            continue
        for aid in members:
            pools[aid] = [r for r in pools[aid] if r in chosen]
            out[aid] = pools[aid]
            for r in pools[aid]:
                load[r] += 1
    return out


def _cover(members: list[int], pools: dict[int, list[str]], limit: int, load: dict[str, int]) -> set[str] | None:
    """At most ``limit`` rooms, at least one in each member's pool (greedy: the room open
    to most of them, then the one given to fewest lessons so far); None if the greedy
    choice needs more."""
    chosen: set[str] = set()
    left = [aid for aid in members if pools[aid]]
    while left:
        count: dict[str, int] = defaultdict(int)
        for aid in left:
            for r in pools[aid]:
                count[r] += 1
        best = min(count, key=lambda r: (-count[r], load[r], r))
        chosen.add(best)
        left = [aid for aid in left if best not in pools[aid]]
    return chosen if len(chosen) <= limit else None


MIN_HOURS_TYPES = ("TeacherMinHoursDaily", "TeachersMinHoursDaily", "StudentsMinHoursDaily",
                   "StudentsSetMinHoursDaily")


def _group_rule(c: Constraint, cid: int, by_id: dict[int, Activity]) -> GroupRule | None:
    """A rule over several activities (``GROUP_TYPES``); None when fewer than two of its
    activities exist."""
    t, kind = c.type, GROUP_TYPES[c.type]
    if t.startswith("TwoActivities"):
        ids = [x for x in (_safe(c.one("First_Activity_Id")), _safe(c.one("Second_Activity_Id"))) if x is not None]
    else:
        ids = _ids(c)
    ids = list(dict.fromkeys(i for i in ids if i in by_id))
    if len(ids) < 2:
        return None
    listed = ", ".join(str(i) for i in ids)
    first, second = ids[0], ids[-1]
    g = GroupRule(cid, kind, ids, c.weight, "")
    if kind == "min_days":
        g.min_days = _safe(c.one("MinDays")) or 1
        label = _("Activities {listed} must be at least {m} day(s) apart").format(listed=listed, m=g.min_days)
    elif kind == "max_days":
        g.max_days = _safe(c.one("MaxDays")) or 0
        label = _("Activities {listed} must be at most {m} day(s) apart").format(listed=listed, m=g.max_days)
    elif kind == "min_gaps":
        g.gaps = _safe(c.one("MinGaps")) or 0
        label = _("Activities {listed} must be at least {m} hour(s) apart on the same day").format(listed=listed, m=g.gaps)
    else:
        label = {
            "same_start": _("Activities {listed} must start at the same time"),
            "same_day": _("Activities {listed} must start on the same day"),
            "same_hour": _("Activities {listed} must start at the same hour"),
            "not_overlapping": _("Activities {listed} must not overlap"),
            "ordered": _("Activity {first} must end before activity {second} starts"),
            "ordered_if_same_day": _("Activity {first} must end before activity {second} starts when on the same day"),
            "consecutive": _("Activity {second} must follow activity {first} directly, the same day"),
            "grouped": _("Activities {first} and {second} must be side by side, the same day"),
        }[kind].format(listed=listed, first=first, second=second)
    g.label = label + _pct(c)
    return g


def _components(p: Problem) -> dict[int, int]:
    """Each activity's place in its split activity, counted from 1 in the file's order (an
    activity not split is its own first part), as FET numbers subactivities."""
    seen: dict[int, int] = defaultdict(int)
    out = {}
    for a in p.activities:
        if a.group_id:
            seen[a.group_id] += 1
            out[a.id] = seen[a.group_id]
        else:
            out[a.id] = 1
    return out


def _is_component(a: Activity, c: Constraint, component: dict[int, int]) -> bool:
    """Whether a (Sub)activities rule binds ``a``: every activity for an "Activities"
    rule; its ``Component_Number``-th part for a "Subactivities" one."""
    if not c.type.startswith("Subactivities"):
        return True
    return component.get(a.id) == _safe(c.one("Component_Number"))


def _ends_day(rules: Rules, c: Constraint, cid: int, by_id: dict[int, Activity],
              atoms: dict[str, frozenset[str]]) -> list[GroupRule]:
    """FET's "activity ends students day": no lesson of its students later that day. One
    rule per such lesson, listing it first, then every lesson sharing students with it."""
    if c.type == "ActivityEndsStudentsDay":
        aid = _safe(c.one("Activity_Id"))
        targets = [by_id[aid]] if aid in by_id else []
    else:
        targets = [a for a in rules.acts if _matches(a, c, atoms, rules.atoms_of[a.id])]
        named = _("{activities} must end their students' day").format(activities=_filter_text(c, True))
    by_atom = rules.by_atom()
    out = []
    for a in targets:
        others = sorted({j for atom in rules.atoms_of[a.id] for j in by_atom.get(atom, ()) if j != a.id})
        if others:
            label = (_("Activity {first} must end its students' day").format(first=a.id)
                     if c.type == "ActivityEndsStudentsDay" else named)
            out.append(GroupRule(cid, "ends_day", [a.id, *others], c.weight, label + _pct(c)))
    return out


def _min_hours(rules: Rules, c: Constraint, cid: int, teacher_acts: dict[str, list[int]],
               atoms: dict[str, frozenset[str]]) -> None:
    """FET's min hours daily: on each day a teacher (each subgroup of a students set)
    works, at least that many hours; with ``Allow_Empty_Days`` false, on every day."""
    t, limit = c.type, _safe(c.one("Minimum_Hours_Daily"))
    if not limit:
        return
    allow_empty = (c.one("Allow_Empty_Days") or "true").strip().lower() != "false"
    if t.startswith("Teacher"):
        days = _("on each day they work") if allow_empty else _("on every day")
        names = [c.one("Teacher_Name")] if t == "TeacherMinHoursDaily" else sorted(teacher_acts)
        for name in names:
            if name in teacher_acts:
                rules.loads.append(LoadRule(cid, "min_hours_daily", name, True, teacher_acts[name], limit, c.weight,
                                            _("Teacher {name} must work at least {limit} hours {days}{weight}").format(
                                                name=name, limit=limit, days=days, weight=_pct(c)),
                                            allow_empty=allow_empty))
        return
    days = _("on each day with lessons") if allow_empty else _("on every day")
    for key, aids, who, count in _students_weeks(rules, atoms, c.one("Students")):
        rules.loads.append(LoadRule(cid, "min_hours_daily", key, False, aids, limit, c.weight,
                                    _("Students {who} must have at least {limit} hours {days}{weight}").format(
                                        who=who, limit=limit, days=days, weight=_pct(c)),
                                    count=count, allow_empty=allow_empty))


MIN_DAYS_TYPES = ("TeacherMinDaysPerWeek", "TeachersMinDaysPerWeek")


def _min_days(rules: Rules, c: Constraint, cid: int, teacher_acts: dict[str, list[int]]) -> None:
    """FET's min days per week: a teacher (every teacher) works on at least that many
    days, a day counting when one of their lessons is on it. FET refuses a file where a
    teacher has fewer lessons than that (a lesson opens one day at most): such a rule is
    kept, can never hold, and is named in the notes."""
    limit = _safe(c.one("Minimum_Days_Per_Week"))
    if not limit:
        return
    p = rules.problem
    names = [c.one("Teacher_Name")] if c.type == "TeacherMinDaysPerWeek" else list(p.teachers)
    for name in names:
        if name not in teacher_acts and name not in p.teachers:
            continue
        aids = list(teacher_acts.get(name, []))
        rules.loads.append(LoadRule(cid, "min_days_week", name, True, aids, limit, c.weight,
                                    _("Teacher {name} must work at least {limit} days a week{weight}").format(
                                        name=name, limit=limit, weight=_pct(c))))
        if len(aids) < limit:
            rules.notes.append(_("Teacher {name} has {n} lessons but must work at least {limit} days a week: "
                                 "no timetable can meet that (FET refuses such a file)").format(
                                     name=name, n=len(aids), limit=limit))


# Hours in a row, and the activity-tag variants of hours a day and hours in a row (the same
# rules counted over the person's lessons with that tag alone).
CAPPED_HOURS_TYPES = frozenset({
    "TeacherMaxHoursContinuously", "TeachersMaxHoursContinuously", "StudentsMaxHoursContinuously",
    "StudentsSetMaxHoursContinuously",
    "TeacherActivityTagMaxHoursDaily", "TeachersActivityTagMaxHoursDaily", "StudentsActivityTagMaxHoursDaily",
    "StudentsSetActivityTagMaxHoursDaily",
    "TeacherActivityTagMaxHoursContinuously", "TeachersActivityTagMaxHoursContinuously",
    "StudentsActivityTagMaxHoursContinuously", "StudentsSetActivityTagMaxHoursContinuously",
})


def _capped_hours(rules: Rules, c: Constraint, cid: int, teacher_acts: dict[str, list[int]],
                  atoms: dict[str, frozenset[str]], by_id: dict[int, Activity]) -> None:
    """FET's max hours continuously (no run of busy hours on a day longer than the limit;
    breaks and free hours end a run) and the activity-tag variants of it and of max hours
    daily, which count only the lessons with the tag (FET skips people without one)."""
    t = c.type
    continuous = t.endswith("Continuously")
    kind = "max_hours_continuously" if continuous else "max_hours_daily"
    limit = _safe(c.one("Maximum_Hours_Continuously" if continuous else "Maximum_Hours_Daily"))
    if limit is None:
        return
    # FET names the tag <Activity_Tag_Name> in the teachers' variants, <Activity_Tag> in
    # the students' (read as empty, a students' rule bound every lesson of theirs)
    tag = (c.one("Activity_Tag_Name") or c.one("Activity_Tag")) if "ActivityTag" in t else ""
    if tag:
        what = (_("hours in a row in lessons tagged {tag}") if continuous
                else _("hours a day in lessons tagged {tag}")).format(tag=tag)
    elif "ActivityTag" in t:  # a tag rule naming no tag binds no lesson
        return
    else:
        what = _("hours in a row")

    def tagged(aids: list[int]) -> list[int]:
        return [a for a in aids if tag in by_id[a].tags] if tag else aids

    if t.startswith("Teacher"):
        names = sorted(teacher_acts) if t.startswith("Teachers") else [c.one("Teacher_Name")]
        for name in names:
            aids = tagged(teacher_acts.get(name, []))
            if aids:
                rules.loads.append(LoadRule(cid, kind, name, True, aids, limit, c.weight,
                                            _("Teacher {name} may work at most {limit} {what}{weight}").format(
                                                name=name, limit=limit, what=what, weight=_pct(c))))
        return
    target = c.one("Students") if t.startswith("StudentsSet") else ""
    for key, week, who, count in _students_weeks(rules, atoms, target):
        aids = tagged(week)
        if aids:
            rules.loads.append(LoadRule(cid, kind, key, False, aids, limit, c.weight,
                                        _("Students {who} may have at most {limit} {what}{weight}").format(
                                            who=who, limit=limit, what=what, weight=_pct(c)),
                                        count=count))


INTERVAL_MAX_DAYS_TYPES = frozenset({
    "TeacherIntervalMaxDaysPerWeek", "TeachersIntervalMaxDaysPerWeek", "StudentsIntervalMaxDaysPerWeek",
    "StudentsSetIntervalMaxDaysPerWeek",
})


def interval_of(p: Problem, c: Constraint) -> tuple[int, int] | None:
    """FET's hour interval ``[Interval_Start_Hour, Interval_End_Hour)`` as hour indices (the
    end hour is not in it; an empty end is the end of the day); None when not valid."""
    names = list(p.hours)
    start, end = c.one("Interval_Start_Hour").strip(), c.one("Interval_End_Hour").strip()
    if start not in names or (end and end not in names):
        return None
    lo, hi = names.index(start), names.index(end) if end else len(names)
    return (lo, hi) if lo < hi else None


def _interval_max_days(rules: Rules, c: Constraint, cid: int, teacher_acts: dict[str, list[int]],
                       atoms: dict[str, frozenset[str]]) -> None:
    """FET's interval max days per week: at most that many days on which a teacher (each
    subgroup of a students set) has a lesson in the hour interval."""
    p = rules.problem
    limit, interval = _safe(c.one("Max_Days_Per_Week")), interval_of(p, c)
    if limit is None or interval is None:
        return
    lo, hi = interval
    first, last = p.hours[lo], p.hours[hi - 1]
    for key, is_teacher, aids, who, count in _weeks_bound(rules, c, teacher_acts, atoms):
        text = (_("Teacher {name} may work in hours {first}–{last} on at most {limit} days a week{weight}") if is_teacher
                else _("Students {who} may have lessons in hours {first}–{last} on at most {limit} days a week{weight}"))
        rules.loads.append(LoadRule(cid, "interval_max_days", key, is_teacher, aids, limit, c.weight, text.format(
            name=who, who=who, first=first, last=last, limit=limit, weight=_pct(c)), count=count, interval=interval))


MAX_SPAN_TYPES = frozenset({
    "TeacherMaxSpanPerDay", "TeachersMaxSpanPerDay", "StudentsMaxSpanPerDay", "StudentsSetMaxSpanPerDay",
})


def _max_span(rules: Rules, c: Constraint, cid: int, teacher_acts: dict[str, list[int]],
              atoms: dict[str, frozenset[str]]) -> None:
    """FET's max span per day: from the first hour of a day's first lesson to the end of
    its last, breaks and not-available hours included, at most ``Max_Span`` hours; a
    teacher's rule may allow one day a week one hour more. At 100 % only, as FET accepts it
    (coverage reports one below as not considered)."""
    limit = _safe(c.one("Max_Span"))
    if not c.hard or limit is None or limit >= rules.problem.n_hours:
        return  # nothing to hold: no day is longer
    teachers = c.type.startswith("Teacher")
    plus_one = teachers and c.one("Allow_One_Day_Exception_of_Plus_One").strip().lower() == "true"
    extra = _(" (one day a week may be one hour longer)") if plus_one else ""
    for key, is_teacher, aids, who, count in _weeks_bound(rules, c, teacher_acts, atoms):
        text = (_("Teacher {name}'s day may span at most {limit} hours{extra}") if is_teacher
                else _("The day of students {who} may span at most {limit} hours"))
        rules.loads.append(LoadRule(cid, "max_span", key, is_teacher, aids, limit, c.weight, text.format(
            name=who, who=who, limit=limit, extra=extra), count=count, plus_one=plus_one))


MIN_REST_TYPES = frozenset({
    "TeacherMinRestingHours", "TeachersMinRestingHours", "StudentsMinRestingHours", "StudentsSetMinRestingHours",
})


def _min_rest(rules: Rules, c: Constraint, cid: int, teacher_acts: dict[str, list[int]],
              atoms: dict[str, frozenset[str]]) -> None:
    """FET's min resting hours: from the end of a day's last lesson to the start of the
    next day's first, at least ``Minimum_Resting_Hours`` hours (the day's remaining hours
    and the next day's first hours, breaks and not-available hours included, as fet-cl
    6.8.5 counts them); ``Circular``: from the week's last day to its first too. At 100 %
    only, as FET accepts it (coverage reports one below as not considered)."""
    limit = _safe(c.one("Minimum_Resting_Hours"))
    if not c.hard or limit is None or limit <= 0:
        return  # nothing to hold
    circular = c.one("Circular").strip().lower() == "true"
    extra = _(", from the last day of the week to the first too") if circular else ""
    for key, is_teacher, aids, who, count in _weeks_bound(rules, c, teacher_acts, atoms):
        text = (_("Teacher {name} needs at least {limit} hours of rest between days{extra}") if is_teacher
                else _("Students {who} need at least {limit} hours of rest between days{extra}"))
        rules.loads.append(LoadRule(cid, "min_rest", key, is_teacher, aids, limit, c.weight, text.format(
            name=who, who=who, limit=limit, extra=extra), count=count, circular=circular))


def rests_broken(masks: list[int], limit: int, n_hours: int, circular: bool) -> list[tuple[int, int, int]]:
    """Min resting hours on a week of day masks (bit h: busy at hour h): ``(day, next
    day, hours of rest)`` for each pair of days with lessons, one after the other (the
    days between them free; around the week's end when ``circular``), resting too little."""
    days = [d for d, m in enumerate(masks) if m]
    pairs = list(zip(days, days[1:], strict=False))
    if circular and len(days) > 1:
        pairs.append((days[-1], days[0] + len(masks)))
    out = []
    for d, e in pairs:
        nxt = masks[e % len(masks)]
        rest = (e - d) * n_hours + (nxt & -nxt).bit_length() - 1 - masks[d].bit_length()
        if rest < limit:
            out.append((d, e % len(masks), rest))
    return out


def _weeks_bound(rules: Rules, c: Constraint, teacher_acts: dict[str, list[int]],
                 atoms: dict[str, frozenset[str]]) -> list[tuple[str, bool, list[int], str, int]]:
    """The weeks a Teacher(s)… or Students(Set)… rule binds, as ``(key, is a teacher's,
    lessons, name to show, subgroups FET counts)``: one per teacher, one per set of
    students subgroups with the same lessons (see :func:`_students_weeks`)."""
    t = c.type
    if t.startswith("Teacher"):
        names = sorted(teacher_acts) if t.startswith("Teachers") else [c.one("Teacher_Name")]
        return [(name, True, teacher_acts[name], name, 1) for name in names if name in teacher_acts]
    target = c.one("Students") if t.startswith("StudentsSet") else ""
    return [(key, False, aids, who, count) for key, aids, who, count in _students_weeks(rules, atoms, target)]


def _students_weeks(rules: Rules, atoms: dict[str, frozenset[str]],
                    target: str) -> list[tuple[str, list[int], str, int]]:
    """The weeks a students rule binds, one per set of subgroups with the same lessons:
    (key, lessons, name to show, subgroups FET counts); ``target`` "" for every student."""
    wanted = atoms.get(target, frozenset([target])) if target else None
    weeks = []
    for aids_set, atom_names in rules.atom_groups().items():
        if wanted is not None and not (set(atom_names) & wanted):
            continue
        who = atom_names[0] if len(atom_names) == 1 else f"{atom_names[0]} (+{len(atom_names) - 1})"
        count = len(set(atom_names) & wanted) if wanted else len(atom_names)
        weeks.append(("|".join(sorted(atom_names)), sorted(aids_set), who, count))
    return weeks


def _occupy_max(rules: Rules, c: Constraint, cid: int, by_id: dict[int, Activity]) -> None:
    """An "occupy max time slots from selection" or "max simultaneous in selected time
    slots" rule, at 100 % only (FET accepts no other weight; coverage reports one below
    as not considered)."""
    if not c.hard:
        return
    p = rules.problem
    aids = list(dict.fromkeys(i for i in _ids(c) if i in by_id))
    slots = frozenset(_times(p, c, "Selected_Time_Slot", "Selected_Day", "Selected_Hour"))
    per_slot = c.type == "ActivitiesMaxSimultaneousInSelectedTimeSlots"
    limit = _safe(c.one(OCCUPY_TYPES[c.type]))
    if not aids or not slots or limit is None or limit >= (len(aids) if per_slot else len(slots)):
        return  # nothing to hold: it cannot be broken
    listed, limit = ", ".join(str(i) for i in aids), max(0, limit)
    if per_slot:
        label = _("At most {limit} of activities {listed} at once in {slots}")
    else:
        label = _("Activities {listed} may take at most {limit} of {slots}")
    rules.occupy.append(OccupyRule(cid, aids, slots, limit, label.format(
        listed=listed, limit=limit, slots=slots_text(p, slots)), per_slot))


def _safe(raw: str) -> int | None:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def _building_rule(rules: Rules, c: Constraint, cid: int, teacher_acts: dict[str, list[int]],
                   atoms: dict[str, frozenset[str]]) -> None:
    """FET's building-change constraint ``c`` as building rules (one per teacher or per set
    of subgroups with the same lessons; see buildings.py)."""
    kind, element = BUILDING_TYPES[c.type]
    limit = _safe(c.one(element))
    if limit is None:
        return
    if c.weight < 100:  # hard only: rooms are settled after the times (buildings.py)
        rules.notes.append(_("A building-change rule below 100% is left out (rooms are chosen after the times)"))
        return
    if c.type.startswith("Teacher"):
        names = sorted(teacher_acts) if c.type.startswith("Teachers") else [c.one("Teacher") or c.one("Teacher_Name")]
        for name in names:
            if teacher_acts.get(name):
                rules.buildings.append(BuildingRule(cid, kind, name, True, teacher_acts[name], limit, c.weight,
                                                    _building_label(kind, _("Teacher {name}").format(name=name), limit, c)))
        return
    target = c.one("Students") if c.type.startswith("StudentsSet") else ""
    for key, aids, who, count in _students_weeks(rules, atoms, target):
        rules.buildings.append(BuildingRule(cid, kind, key, False, aids, limit, c.weight,
                                            _building_label(kind, _("Students {who}").format(who=who), limit, c), count))


def _building_label(kind: str, who: str, limit: int, c: Constraint) -> str:
    if kind == "per_day":
        text = _("{who} may change buildings at most {limit} times a day")
    elif kind == "per_week":
        text = _("{who} may change buildings at most {limit} times a week")
    else:
        text = _("{who} needs at least {limit} free hours before changing buildings")
    return text.format(who=who, limit=limit) + _pct(c)
