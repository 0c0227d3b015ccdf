"""A first timetable fast: place every lesson, evicting the cheapest conflicting ones.

This is FET's recursive swapping in iterative form (an "iterative forward search"): the
timetable is always a *partial* one that breaks no hard rule. The most constrained lesson
not yet placed goes to the start (and room) where it displaces the fewest lessons; the
lessons it displaces — a teacher's, students' or room's other lesson at that time, a
lesson too close for a hard min-days rule, the hours over a daily maximum, the lessons
beyond a gap — are taken out and placed next (last out, first in, as FET recurses).
Counting how often one lesson has displaced another makes the search avoid going round
in circles, as FET's tabu list does.

Everything is integer arrays indexed by lesson and slot: "who holds this teacher (students
set, room) at this slot" is one list lookup, so trying a start costs a few dozen
operations, and a loosely packed school of several hundred lessons is placed in about
a second. Gaps and late starts are the two rules that taking a lesson out can break (it
leaves a hole); they are checked when a lesson is placed, and once every lesson is placed
the whole timetable is checked again and the lessons around any hole are taken out and
placed again.

Rooms are chosen here too (a free room of the lesson's allowed rooms, else the one whose
lessons are cheapest to displace), so a timetable found here has rooms that fit;
:func:`~app.scheduling.timetable.solver.assign_rooms` then only weighs soft room wishes.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from app.core.progress import IsCancelled
from app.scheduling.timetable import virtual
from app.scheduling.timetable.evaluate import unit_cost
from app.scheduling.timetable.model import Placement
from app.scheduling.timetable.rules import (
    APART_KINDS,
    BUILDING_KINDS,
    FILLED_FROM_START,
    FILLED_HOLES,
    HELD_SOFT_KINDS,
    STAR_KINDS,
    GroupRule,
    LoadRule,
    Rules,
    placing_pools,
)

FREE = -1
# Building-change rules, numbered in the order of rules.BUILDING_KINDS (kernel.BLD_*).
PER_DAY, PER_WEEK, MIN_GAPS_BEFORE = range(3)
# How a displaced lesson weighs in choosing a start: (steps it counts as "just placed",
# weight per earlier displacement by the same lesson, weight if just placed).
WEIGHTS = ((3, 0.3, 10.0), (8, 1.0, 3.0))


# Compiled searches the worker runs side by side (one per core, up to this many): runs
# of one school differ a lot, and the first to place everything wins.
MAX_SEEDS = 4
# Soft load rules that placement holds as FET does (FET only lets these two be soft; gaps
# and late starts must be hard there).
SOFT_LOAD_KINDS = ("max_hours_daily", "max_days")
# Seconds the plain-Python search holds soft rules while the worker's seeds race it (they
# hold them longer). FET's Greek exam example: holding, plain Python needs 0.9-3.7 s;
# not holding, 0.06 s, and the worker's seed holding them follows at about 0.7 s.
HEAD_HOLD = 0.25


@dataclass
class Placed:
    """The outcome: every lesson placed (``unplaced`` empty) or the best partial one."""

    starts: dict[int, int]  # activity id -> slot
    rooms: dict[int, str]  # activity id -> room (lessons that need one)
    unplaced: list[int]  # activity ids
    steps: int
    seconds: float
    later: Later | None = None  # a timetable holding the soft rules may follow


class Later:
    """A timetable that holds the soft rules as FET does while placing, still being
    placed by the worker after the first timetable was handed over (see
    ``placement_worker._Race``): :meth:`poll` it now and then, :meth:`drop` it when done.

    ``first_pending``: the first timetable came from this process (the plain-Python search,
    after it let go of the soft rules); the worker's own first result is still to come,
    and stands for the later timetable unless seeds holding soft rules go on after it."""

    def __init__(self, helper: Any, job: int, pl: Placer, first_pending: bool = False) -> None:
        self.helper, self.job, self.pl = helper, job, pl
        self.over = False
        self.first_pending = first_pending

    def poll(self, wait: float = 0.0) -> Placed | None:
        """The complete timetable once it has arrived (once; waiting up to ``wait``
        seconds), else None."""
        if self.over:
            return None
        if not self.helper.alive:
            self.over = True
            return None
        if self.first_pending:
            out = self.helper.result(self.job, wait)
            if out is None:
                return None
            self.first_pending = False
            if out.more:  # a seed not holding soft rules was first: wait for the others
                return None
        else:
            out = self.helper.later(self.job, wait)
        if out is None:
            return None
        self.over = True
        return _placed(self.pl, out.start, out.room, out.steps, 0.0) if out.done else None

    def arrived(self) -> bool:
        """Whether :meth:`poll` has something to look at (without taking it)."""
        if self.over:
            return False
        return bool(self.helper.arrived(self.job) if self.first_pending else self.helper.later_arrived(self.job))

    def drop(self) -> None:
        """No longer wanted: the worker stops looking (and is free for the next job)."""
        if not self.over:
            self.over = True
            self.helper.stop(self.job, collect=False)


class _Load:
    """One load rule (daily hours, days a week, days with lessons in an hour interval,
    gaps, late starts) of a teacher or students set: its lessons and occupied hours per
    day, kept up to date. Hard ones are checked on every placement; soft daily-hours and
    days-a-week ones (``weight`` < 100) only hold while placing as FET holds them
    (:meth:`Placer.soft_holds`).

    Gaps and late starts are checked as FET does on a partial timetable: the hours that
    would still have to be filled (holes inside a day beyond the weekly or daily
    allowance, hours before a late start) must not exceed the hours of this person's lessons not yet
    placed. When every lesson is placed, nothing is left to fill them: the rule holds.

    Days a week at least ("min_days_week") is held the same way, counted in lessons: the
    days still short of the minimum must not exceed the lessons not yet placed (each opens
    one day at most); ``hours_left`` then counts lessons (:meth:`share`)."""

    def __init__(self, rule: LoadRule, members: list[int], dur: list[int], n_days: int, n_hours: int) -> None:
        self.kind, self.limit, self.H = rule.kind, rule.limit, n_hours
        self.weight = 100 if rule.weight >= 100 else unit_cost(rule.weight)
        self.every_day = rule.kind == "min_hours_daily" and not rule.allow_empty
        self.plus_one = rule.plus_one  # max_span: one day may be an hour longer
        self.circular = rule.circular  # min_rest: the night from the week's last day to its first counts
        self.filled = rule.filled  # daily hours: holes to fill count (rules.FILLED_HOLES...)
        self.per_lesson = rule.kind == "min_days_week"
        self.members = set(members)
        self.on: list[set[int]] = [set() for _ in range(n_days)]
        self.masks = [0] * n_days
        self.part_a = [0] * n_days
        self.part_b = [0] * n_days
        self.total_a = self.total_b = 0
        self.hours_left = sum(self.share(dur[i]) for i in members)  # hours of lessons not placed
        self.free = [0] * n_days  # hours that are never gaps nor late (breaks, not available)
        for s in rule.free_slots:
            self.free[s // n_hours] |= 1 << (s % n_hours)
        self.fixed = [0] * n_days  # hours of lessons with one possible start (see fix_lessons)
        lo, hi = rule.interval
        # interval_max_days: the interval's hours of a day, as bits
        self.window = ((1 << hi) - 1) & ~((1 << lo) - 1) if rule.kind == "interval_max_days" else 0

    def fix_lessons(self, fixed: list[tuple[int, int, int]], n_days: int) -> None:
        """Lessons ``(index, start, duration)`` with one possible start are where they will
        be: counted as there by the gaps and late-start checks, never as hours that could
        fill a hole elsewhere (a lesson fixed at 17:00 cannot fill a teacher's gap at 9)."""
        for i, t, dur in fixed:
            if i in self.members:
                self.fixed[t // self.H] |= ((1 << dur) - 1) << (t % self.H)
                self.hours_left -= self.share(dur)
        for d in range(n_days):
            self.set_day(d, self.masks[d])

    def share(self, hours: int) -> int:
        """What a lesson of ``hours`` fill hours (0: it has one possible start) takes from
        ``hours_left``: those hours, or for days a week, one lesson."""
        return min(1, hours) if self.per_lesson else hours

    def mask(self, d: int, start: list[int], dur: list[int], skip: set[int]) -> int:
        m = 0
        for j in self.on[d]:
            if j not in skip:
                m |= ((1 << dur[j]) - 1) << (start[j] % self.H)
        return m

    def gaps(self, d: int, m: int) -> int:
        m |= self.fixed[d]
        if not m:
            return 0
        low = (m & -m).bit_length() - 1
        span = ((1 << m.bit_length()) - 1) & ~((1 << low) - 1)
        return (span & ~m & ~self.free[d]).bit_count()

    def parts(self, d: int, m: int) -> tuple[int, int]:
        """This day's share: (gap hours, 0), (gap hours beyond the daily limit, 0), (hours
        short of the minimum, 0) or (hours before a late start beyond the second, 1 if the
        day starts late)."""
        if self.kind == "max_gaps":
            return self.gaps(d, m), 0
        if self.kind == "max_gaps_daily":  # gap hours beyond the day's allowance
            return max(0, self.gaps(d, m) - self.limit), 0
        if self.kind == "min_hours_daily":
            hours = (m | self.fixed[d]).bit_count()
            if not hours:
                return (self.limit if self.every_day else 0), 0
            return max(self.limit, hours + self.holes(d, m)) - hours, 0
        if self.per_lesson:  # 1 if the day is worked
            return int(bool(m | self.fixed[d])), 0
        first = self.first_gaps(d, m)
        return (first - 1, 1) if first else (0, 0)

    def holes(self, d: int, m: int) -> int:
        """The hours of day ``d`` that lessons must fill for a person with no gap and/or no
        late start (``filled``; 0 for anyone else)."""
        return ((self.gaps(d, m) if self.filled & FILLED_HOLES else 0)
                + (self.first_gaps(d, m) if self.filled & FILLED_FROM_START else 0))

    def first_gaps(self, d: int, m: int) -> int:
        """Hours before the day's first lesson, breaks and not-available hours not counted
        (FET's "first gaps")."""
        m |= self.fixed[d]
        return (((m & -m) - 1) & ~self.free[d]).bit_count() if m else 0

    def set_day(self, d: int, m: int) -> None:
        self.masks[d] = m
        a, b = self.parts(d, m)
        self.total_a += a - self.part_a[d]
        self.total_b += b - self.part_b[d]
        self.part_a[d], self.part_b[d] = a, b

    def fill(self, a: int, b: int) -> int:
        if self.kind == "max_gaps":
            return max(0, a - self.limit)
        if self.kind in ("min_hours_daily", "max_gaps_daily"):
            return a
        if self.per_lesson:  # days still short of the minimum
            return max(0, self.limit - a)
        return a + max(0, b - self.limit)

    def to_fill(self, changed: dict[int, int]) -> int:
        """Hours that lessons not yet placed would have to fill for the rule to hold, with
        the days in ``changed`` given new masks."""
        a, b = self.total_a, self.total_b
        for d, m in changed.items():
            pa, pb = self.parts(d, m)
            a += pa - self.part_a[d]
            b += pb - self.part_b[d]
        return self.fill(a, b)

    def without(self, out: set[int], start: list[int], dur: list[int],
                fill_dur: list[int]) -> tuple[dict[int, int], int]:
        """Changed day masks and hours left if the lessons ``out`` were taken out."""
        changed: dict[int, int] = {}
        left = self.hours_left
        for j in out:
            if j in self.members:
                d = start[j] // self.H
                changed[d] = changed.get(d, self.masks[d]) & ~(((1 << dur[j]) - 1) << (start[j] % self.H))
                left += self.share(fill_dur[j])
        return changed, left


class Placer:
    """The search state: lessons by index 0..n-1, slots 0..S-1, resources and rooms by index."""

    def __init__(self, rules: Rules, locks: dict[int, Placement], seed: int = 1) -> None:
        self.rng = random.Random(seed)
        p = rules.problem
        self.H, self.S = p.n_hours, p.n_slots
        self.acts = list(rules.acts)
        self.index = {a.id: i for i, a in enumerate(self.acts)}
        n = len(self.acts)
        self.dur = [a.duration for a in self.acts]
        self.start = [FREE] * n
        self.room = [FREE] * n
        self.locked = [a.id in locks for a in self.acts]
        self.evicted_by: dict[tuple[int, int], int] = defaultdict(int)
        self.age = [0] * n  # step at which each lesson was last placed
        self.fails = [0] * n  # times a lesson found no possible start
        self.steps = 0
        self.placed = 0
        self.soft_as_hard = True  # see soft_holds
        self.switch_weights(0)
        self._domains(rules, locks)
        self._resources(rules)
        self._rooms(rules, locks)
        self._buildings(rules)
        self._same_rooms(rules)
        self._groups(rules)
        self._loads(rules)
        self._occupy(rules)
        self._soft(rules)
        self._units()
        self._fixed(p.n_days)

    # -- static data --------------------------------------------------------------------

    def _domains(self, rules: Rules, locks: dict[int, Placement]) -> None:
        dom = {a.id: set(rules.base_starts[a.id]) for a in self.acts}
        for r in rules.start_rules:
            if r.weight >= 100 and r.aid in dom:
                dom[r.aid] &= r.starts
        for aid, lock in locks.items():
            if aid in dom:
                dom[aid] &= {lock.day * self.H + lock.hour}
        self._never_in_interval(rules, dom)
        self.domain = [sorted(dom[a.id]) for a in self.acts]

    def _never_in_interval(self, rules: Rules, dom: dict[int, set[int]]) -> None:
        """A hard interval max-days rule of 0 days: its lessons never start where they would
        overlap the interval (refused there anyway; FET's Liceo-2010 has 7 such rules)."""
        for r in rules.loads:
            if r.kind != "interval_max_days" or r.limit or r.weight < 100:
                continue
            lo, hi = r.interval
            for aid in r.aids:
                if aid in dom:
                    d = self.dur[self.index[aid]]
                    dom[aid] = {t for t in dom[aid] if not (t % self.H < hi and t % self.H + d > lo)}

    def _resources(self, rules: Rules) -> None:
        """Teachers and students (atoms with the same lessons merged): one holder per slot."""
        self.res: list[list[int]] = [[] for _ in self.acts]
        self.occ: list[list[int]] = []
        teachers = rules.by_teacher()
        groups = [*teachers.values(), *(sorted(a) for a in rules.atom_groups())]
        # Which resource a teacher's (a students week's) building rules bind.
        self.res_key: dict[tuple[str, object], int] = {**{("t", name): k for k, name in enumerate(teachers)},
                        **{("s", aids): len(teachers) + k for k, aids in enumerate(rules.atom_groups())}}
        for aids in groups:
            rid = len(self.occ)
            self.occ.append([FREE] * self.S)
            for aid in aids:
                if aid in self.index:
                    self.res[self.index[aid]].append(rid)

    def _rooms(self, rules: Rules, locks: dict[int, Placement]) -> None:
        """Room ids: the real rooms (each booked on its row of ``room_occ``), then, for
        each virtual room, one id per choice of its real rooms (:func:`virtual.combos`),
        named after it and booking those real rooms; the virtual room itself is never
        booked, as in FET."""
        named = {r for c in rules.rooms.values() for r in c.rooms}
        real = sorted({r for r in named if r not in rules.virtual}
                      | {x for v in named & rules.virtual.keys() for real_set in rules.virtual[v] for x in real_set})
        rid = {r: k for k, r in enumerate(real)}
        shut: dict[str, int] = defaultdict(int)  # bitmask of slots a room is (hard) not available
        for b in rules.room_blocks:
            if b.weight >= 100:
                for s in b.slots:
                    shut[b.room] |= 1 << s
        self.room_names, self.n_phys = list(real), len(real)
        self.phys: list[list[int]] = [[k] for k in range(len(real))]  # room id -> real rooms it books
        self.closed = [shut[r] for r in real]
        self.ids_of: dict[str, list[int]] = {r: [k] for k, r in enumerate(real)}
        for v in sorted(named & rules.virtual.keys()):
            wanted = [want for _cid, want in rules.real_locked.values()] + [
                lock.real_rooms for lock in locks.values() if lock.room == v and lock.real_rooms]
            self.ids_of[v] = []
            for combo in virtual.combos(v, rules.virtual[v], wanted):
                self.ids_of[v].append(len(self.room_names))
                self.room_names.append(v)
                self.phys.append([rid[x] for x in combo])
                self.closed.append(shut[v] | reduce(or_, (shut[x] for x in combo), 0))
        self.room_occ = [[FREE] * self.S for _ in range(self.n_phys)]
        self.pool: list[list[int]] = [[] for _ in self.acts]
        self.needs_room = [False] * len(self.acts)
        narrowed = placing_pools(rules, locks)  # "occupy max different rooms": rooms chosen up front
        for i, a in enumerate(self.acts):
            choice = rules.rooms.get(a.id)
            if choice is None or not choice.needs_room:
                continue
            self.needs_room[i] = True
            rooms = list(narrowed.get(a.id, choice.rooms))
            lock = locks.get(a.id)
            if lock is not None and lock.room in rooms:
                rooms = [lock.room]
            fixed = rules.real_locked[a.id][1] if a.id in rules.real_locked else (
                set(lock.real_rooms) if lock is not None and lock.real_rooms else None)
            self.pool[i] = [k for r in rooms for k in self.ids_of[r]
                            if fixed is None or r not in rules.virtual or {real[x] for x in self.phys[k]} == fixed]
            if not self.pool[i]:
                self.domain[i] = []

    def room_id(self, i: int, pl: Placement, busy: Callable[[int, int], bool]) -> int:
        """The room id of lesson ``i`` placed as ``pl``: a virtual room's choice of real
        rooms is the one ``pl`` names, else one whose real rooms are not ``busy(room,
        slot)`` then (else its first)."""
        ids = self.ids_of.get(pl.room, [])
        if len(ids) <= 1:
            return ids[0] if ids else FREE
        t = pl.day * self.H + pl.hour
        want = set(pl.real_rooms)
        for k in ids:
            if want and {self.room_names[x] for x in self.phys[k]} == want:
                return k
        for k in ids:
            if not any(busy(x, s) for x in self.phys[k] for s in range(t, t + self.dur[i])):
                return k
        return ids[0]

    def _buildings(self, rules: Rules) -> None:
        """Each room's building (-1: none) and each resource's building-change rules
        (kind number, limit), checked when a lesson's room is chosen (:meth:`building_out`)."""
        p = rules.problem
        numbers = {b: k for k, b in enumerate(sorted({r.building for r in p.rooms if r.building}))}
        of_room = {r.name: numbers[r.building] for r in p.rooms if r.building}
        self.room_bld = [of_room.get(name, -1) for name in self.room_names]
        self.bld_rules: list[list[tuple[int, int]]] = [[] for _ in self.occ]
        for b in rules.buildings:
            r = self.res_key.get(("t", b.who) if b.is_teacher else ("s", frozenset(b.aids)))
            if r is not None:
                self.bld_rules[r].append((BUILDING_KINDS.index(b.kind), b.limit))

    def _same_rooms(self, rules: Rules) -> None:
        """"Same room if consecutive" rules: each lesson's partners (the other lessons of
        its rules), and each room id's name as one id (a virtual room's choices are one
        room to the rule), checked when a lesson's room is chosen (:meth:`mates_out`)."""
        self.room_key = [self.ids_of[name][0] for name in self.room_names]
        mates: list[set[int]] = [set() for _ in self.acts]
        for sr in rules.same_room:
            members = [self.index[a] for a in sr.aids if a in self.index]
            for i in members:
                mates[i].update(j for j in members if j != i)
        self.mates = [sorted(m) for m in mates]

    def _groups(self, rules: Rules) -> None:
        self.hard_groups: list[list[tuple[GroupRule, list[int]]]] = [[] for _ in self.acts]
        # slots as "consecutive" and "grouped" count them (breaks left out), for the kernel
        self.squeezed = list(next((g.squeezed for g in rules.groups if g.squeezed), range(self.S)))
        for g in rules.groups:
            if g.weight >= 100:
                self._add_group(self.hard_groups, g)

    def _loads(self, rules: Rules) -> None:
        p = rules.problem
        self.loads: list[_Load] = []
        self.loads_of: list[list[_Load]] = [[] for _ in self.acts]
        for r in rules.loads:
            if r.weight < 100 and r.kind not in SOFT_LOAD_KINDS:
                continue
            members = [self.index[x] for x in r.aids if x in self.index]
            ld = _Load(r, members, self.dur, p.n_days, self.H)
            self.loads.append(ld)
            for i in members:
                self.loads_of[i].append(ld)

    def _occupy(self, rules: Rules) -> None:
        """"Occupy max time slots from selection" rules: their lessons, the selected
        slots (bits), the limit; while placing, how many of the lessons cover each slot
        and how many selected slots are taken."""
        self.oc_members = [[self.index[a] for a in oc.aids if a in self.index] for oc in rules.occupy]
        self.oc_sel = [sum(1 << s for s in oc.slots) for oc in rules.occupy]
        self.oc_limit = [oc.limit for oc in rules.occupy]
        self.oc_per_slot = [oc.per_slot for oc in rules.occupy]  # "max simultaneous in selected time slots"
        self.occupy_of: list[list[int]] = [[] for _ in self.acts]
        for r, members in enumerate(self.oc_members):
            for i in members:
                self.occupy_of[i].append(r)
        self.oc_cnt = [[0] * self.S for _ in rules.occupy]
        self.oc_used = [0] * len(rules.occupy)

    def _units(self) -> None:
        """Lessons that must start together (hard same-start rules, transitively) are
        placed together, at a start all of them allow."""
        parent = list(range(len(self.acts)))

        def root(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for i, groups in enumerate(self.hard_groups):
            for g, members in groups:
                if g.kind == "same_start":
                    for j in members:
                        parent[root(j)] = root(i)
        units: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.acts)):
            units[root(i)].append(i)
        self.unit = [units[root(i)] for i in range(len(self.acts))]
        self.unit_domain = [self.domain[i] if len(u) == 1 else
                            sorted(set(self.domain[i]).intersection(*(self.domain[m] for m in u)))
                            if self._compatible(u) else [] for i, u in enumerate(self.unit)]

    def _fixed(self, n_days: int) -> None:
        fixed = [(i, dom[0], self.dur[i]) for i, dom in enumerate(self.unit_domain) if len(dom) == 1]
        self.fill_dur = list(self.dur)
        for i, _t, _d in fixed:
            self.fill_dur[i] = 0
        for ld in self.loads:
            ld.fix_lessons(fixed, n_days)

    def _compatible(self, unit: list[int]) -> bool:
        """Whether lessons that must start together can: no shared teacher or students,
        no rule that forbids them the same day or hour."""
        seen: set[int] = set()
        for m in unit:
            if seen.intersection(self.res[m]):
                return False
            seen.update(self.res[m])
            for g, members in self.hard_groups[m]:
                if g.kind in APART_KINDS and any(
                        j != m and j in unit for j in members):
                    return False
        return True

    def _soft(self, rules: Rules) -> None:
        """Soft wishes break ties between starts that displace equally much."""
        self.soft_start: list[dict[int, int]] = [{} for _ in self.acts]
        for r in rules.start_rules:
            if r.weight < 100 and r.aid in self.index:
                i = self.index[r.aid]
                costs = self.soft_start[i]
                for t in self.domain[i]:
                    c = unit_cost(r.weight) * r.broken(t, self.dur[i])
                    if c:
                        costs[t] = costs.get(t, 0) + c
        self.soft_groups: list[list[tuple[GroupRule, list[int]]]] = [[] for _ in self.acts]
        for g in rules.groups:
            if g.weight < 100 and g.kind in HELD_SOFT_KINDS:
                self._add_group(self.soft_groups, g)

    def _add_group(self, table: list[list[tuple[GroupRule, list[int]]]], g: GroupRule) -> None:
        """``g`` under each of its lessons, with the lessons to check against: all of them,
        or for a rule of one lesson against the others, that lesson alone (the others
        are free among themselves, and a lesson of a whole class is in many such rules)."""
        members = [self.index[x] for x in g.aids if x in self.index]
        if g.kind not in STAR_KINDS:
            for i in members:
                table[i].append((g, members))
        elif members and self.acts[members[0]].id == g.aids[0]:
            table[members[0]].append((g, members))
            for j in members[1:]:
                table[j].append((g, [members[0], j]))

    # -- placing and taking out ---------------------------------------------------------

    def put_placements(self, placements: list[Placement]) -> None:
        """Put a timetable's lessons where it has them. Every lesson keeps its room, one
        that needs none too (given for a soft room wish): the room is held, so no other
        lesson takes it unseen, and a lesson placed again gets none, as placing gives."""
        for p in placements:
            i = self.index.get(p.activity_id)
            if i is not None:
                self.put(i, p.day * self.H + p.hour, self.room_id(i, p, lambda x, s: self.room_occ[x][s] >= 0))

    def put(self, i: int, t: int, room: int) -> None:
        self.start[i], self.room[i] = t, room
        self.age[i] = self.steps
        self.placed += 1
        span = range(t, t + self.dur[i])
        for r in self.res[i]:
            row = self.occ[r]
            for s in span:
                row[s] = i
        if room >= 0:
            for x in self.phys[room]:
                row = self.room_occ[x]
                for s in span:
                    row[s] = i
        d = t // self.H
        bits = ((1 << self.dur[i]) - 1) << (t % self.H)
        for ld in self.loads_of[i]:
            ld.on[d].add(i)
            ld.set_day(d, ld.masks[d] | bits)
            ld.hours_left -= ld.share(self.fill_dur[i])
        for r in self.occupy_of[i]:
            self._count_occupied(r, t, self.dur[i], 1)

    def take(self, i: int) -> None:
        t, room = self.start[i], self.room[i]
        span = range(t, t + self.dur[i])
        for r in self.res[i]:
            row = self.occ[r]
            for s in span:
                if row[s] == i:
                    row[s] = FREE
        if room >= 0:
            for x in self.phys[room]:
                row = self.room_occ[x]
                for s in span:
                    if row[s] == i:
                        row[s] = FREE
        d = t // self.H
        bits = ((1 << self.dur[i]) - 1) << (t % self.H)
        for ld in self.loads_of[i]:
            ld.on[d].discard(i)
            ld.set_day(d, ld.masks[d] & ~bits)
            ld.hours_left += ld.share(self.fill_dur[i])
        for r in self.occupy_of[i]:
            self._count_occupied(r, t, self.dur[i], -1)
        self.start[i] = self.room[i] = FREE
        self.placed -= 1

    def _count_occupied(self, r: int, t: int, dur: int, step: int) -> None:
        """A lesson of occupy rule ``r`` put (``step`` 1) or taken (-1) at ``[t, t+dur)``."""
        cnt, sel = self.oc_cnt[r], self.oc_sel[r]
        for s in range(t, t + dur):
            if sel >> s & 1:
                cnt[s] += step
                if cnt[s] == (1 if step > 0 else 0):
                    self.oc_used[r] += step

    # -- what a placement displaces -----------------------------------------------------

    def clashes(self, i: int, t: int, out: set[int]) -> bool:
        """Lessons holding ``i``'s teachers or students during ``[t, t+dur)``; False when
        one of them is locked."""
        end = t + self.dur[i]
        for r in self.res[i]:
            row = self.occ[r]
            for s in range(t, end):
                j = row[s]
                if j >= 0:
                    if self.locked[j]:
                        return False
                    out.add(j)
        return True

    def group_breaks(self, g: GroupRule, i: int, t: int, j: int) -> bool:
        """Whether ``i`` at ``t`` and ``j`` where it is break ``g`` (in the rule's order)."""
        u, H, kind = self.start[j], self.H, g.kind
        # FET's commonest rules (min days between, and its "consecutive if on one day"),
        # both symmetric, inline: placement, polish and repair ask this most of all.
        if kind == "min_days":
            return abs(t // H - u // H) < g.min_days
        if kind == "consecutive_if_same_day":
            return t // H == u // H and t + self.dur[i] != u and u + self.dur[j] != t
        first = g.aids[0]
        if self.acts[j].id == first:
            return g.times_broken(u, self.dur[j], t, self.dur[i], self.H) > 0
        if g.kind in STAR_KINDS and self.acts[i].id != first:
            return False  # two of the other lessons: the rule is not about them
        return g.times_broken(t, self.dur[i], u, self.dur[j], self.H) > 0

    def group_conflicts(self, i: int, t: int, out: set[int]) -> bool:
        for g, members in self.hard_groups[i]:
            for j in members:
                if j != i and self.start[j] >= 0 and j not in out and self.group_breaks(g, i, t, j):
                    if self.locked[j]:
                        return False
                    out.add(j)
        return True

    def load_conflicts(self, i: int, t: int, out: set[int]) -> bool:
        return all(self._load_holds(ld, i, t, out) for ld in self.loads_of[i] if ld.weight >= 100)  # soft: see soft_holds

    def _load_holds(self, ld: _Load, i: int, t: int, out: set[int]) -> bool:
        """Hard load rule ``ld`` with ``i`` at ``t``, lessons taken out where need be."""
        d, h = divmod(t, self.H)
        kind = ld.kind
        if kind == "max_hours_daily":
            return self._daily_hours(ld, i, d, h, out)
        if kind == "max_days":
            return self._days(ld, d, out)
        if kind == "max_hours_continuously":
            return self._continuous(ld, i, d, h, out)
        if kind == "min_days_week":
            return self._min_days(ld, i, d, h, out)
        if kind == "interval_max_days":
            return self._interval_days(ld, i, d, h, out)
        if kind == "max_span":
            return self._span(ld, i, d, h, out)
        if kind == "min_rest":
            return self._rest(ld, i, t, out)
        return self._fillable(ld, i, d, h, out)

    def occupy_conflicts(self, i: int, t: int, out: set[int]) -> bool:
        """Each "occupy max time slots" rule of ``i`` still holding with ``i`` at ``t``:
        when its lessons would take too many selected slots, the lessons of the taken
        slots with the fewest of them (chance breaking ties) are taken out, one slot at a
        time, never a slot ``i`` takes itself nor one holding a locked lesson."""
        return all(self._simultaneous_holds(r, i, t, out) if self.oc_per_slot[r] else self._occupy_holds(r, i, t, out)
                   for r in self.occupy_of[i])

    def _simultaneous_holds(self, r: int, i: int, t: int, out: set[int]) -> bool:
        """"Max simultaneous" rule ``r`` with ``i`` at ``t``: in each selected slot ``i``
        takes, the rule's lessons beyond its limit (the lessons starting with ``i``
        counted) are taken out, picked by chance, never a locked one."""
        for s in range(t, t + self.dur[i]):
            if self.oc_sel[r] >> s & 1:
                held = self._holders(r, s, out)
                excess = len(held) + self._arriving(r, i, t, s) - self.oc_limit[r]
                free = [j for j in held if not self.locked[j]]
                if excess > len(free):
                    return False
                out.update(self.rng.sample(free, max(0, excess)))
        return True

    def _arriving(self, r: int, i: int, t: int, s: int) -> int:
        """Lessons of occupy rule ``r`` in slot ``s`` when ``i`` starts at ``t``: ``i`` and
        the lessons before it in its unit (they start with it)."""
        n = 0
        for m in self.unit[i]:
            n += t <= s < t + self.dur[m] and r in self.occupy_of[m]
            if m == i:
                break
        return n

    def _occupy_holds(self, r: int, i: int, t: int, out: set[int]) -> bool:
        sel, cnt = self.oc_sel[r], self.oc_cnt[r]
        gone: dict[int, int] = defaultdict(int)  # slot -> lessons of the rule taken out there
        for j in self.oc_members[r]:
            if j in out and self.start[j] >= 0:
                self._occupy_gone(r, j, gone, set())
        mine = {s for s in range(t, t + self.dur[i]) if sel >> s & 1}
        used = self.oc_used[r] - sum(1 for s, k in gone.items() if cnt[s] == k)
        excess = used + sum(1 for s in mine if cnt[s] == gone[s]) - self.oc_limit[r]
        while excess > 0:
            best = self._occupy_pick(r, mine, gone, out)
            if best < 0:
                return False
            holders = self._holders(r, best, out)
            if not holders:
                return False  # counted there, yet none left to take out (as the kernel's loop)
            for j in holders:
                out.add(j)
                excess -= self._occupy_gone(r, j, gone, mine)
        return True

    def _occupy_gone(self, r: int, j: int, gone: dict[int, int], mine: set[int]) -> int:
        """Count lesson ``j`` of occupy rule ``r`` as taken out; the selected slots it
        frees outside ``mine``."""
        sel, cnt, freed = self.oc_sel[r], self.oc_cnt[r], 0
        for s in range(self.start[j], self.start[j] + self.dur[j]):
            if sel >> s & 1:
                gone[s] += 1
                freed += cnt[s] == gone[s] and s not in mine
        return freed

    def _occupy_pick(self, r: int, mine: set[int], gone: dict[int, int], out: set[int]) -> int:
        """The taken selected slot outside ``mine`` with the fewest lessons of rule ``r``
        and no locked one (chance breaking ties), or -1."""
        sel, cnt = self.oc_sel[r], self.oc_cnt[r]
        best, fewest, ties = -1, 1 << 30, 0
        for s in range(self.S):
            held = cnt[s] - gone[s] if sel >> s & 1 and s not in mine else 0
            if 0 < held <= fewest and not any(self.locked[j] for j in self._holders(r, s, out)):
                ties = 1 if held < fewest else ties + 1
                if held < fewest or self.rng.random() * ties < 1:
                    best, fewest = s, held
        return best

    def _holders(self, r: int, s: int, out: set[int]) -> list[int]:
        """The lessons of occupy rule ``r`` in slot ``s``, not taken out."""
        return [j for j in self.oc_members[r]
                if j not in out and 0 <= self.start[j] <= s < self.start[j] + self.dur[j]]

    def _evict(self, js: list[int], out: set[int]) -> bool:
        for j in js:
            if self.locked[j]:
                return False
        out.update(js)
        return True

    def _daily_hours(self, ld: _Load, i: int, d: int, h: int, out: set[int]) -> bool:
        rest = [j for j in ld.on[d] if j not in out]
        if ld.filled:
            return self._filled_day(ld, i, d, h, rest, out)
        excess = sum(self.dur[j] for j in rest) + self.dur[i] - ld.limit
        if excess <= 0:
            return True
        self.rng.shuffle(rest)
        rest.sort(key=lambda j: self.locked[j])
        for j in rest:
            if excess <= 0 or self.locked[j]:
                break
            out.add(j)
            excess -= self.dur[j]
        return excess <= 0

    def _filled_day(self, ld: _Load, i: int, d: int, h: int, rest: list[int], out: set[int]) -> bool:
        """Most hours a day for a person whose holes must be filled (``ld.filled``): the
        day with ``i`` at hour ``h`` counts its hours and the holes they leave; while too
        long, take out its last lesson, else its first (when a late start is allowed),
        else any (when gaps are), never ``i`` nor a locked one. FET's generator does the
        same (the kernel's ``filled_day`` is this step compiled)."""
        m = reduce(or_, (self._bits(j) for j in rest), ((1 << self.dur[i]) - 1) << h)
        rest = [j for j in rest if not self.locked[j]]
        while (m | ld.fixed[d]).bit_count() + ld.holes(d, m) > ld.limit:
            top, low = 1 << (m.bit_length() - 1), m & -m
            on = [j for j in rest if self._bits(j) & m]
            ends = [j for j in on if self._bits(j) & top]
            if not ends and not ld.filled & FILLED_FROM_START:
                ends = [j for j in on if self._bits(j) & low]
            if not ends and not ld.filled & FILLED_HOLES:
                ends = [j for j in on if not self._bits(j) & (top | low)]
            if not ends:
                return False
            j = self.rng.choice(ends)
            out.add(j)
            m &= ~self._bits(j)
        return True

    def _continuous(self, ld: _Load, i: int, d: int, h: int, out: set[int]) -> bool:
        """Hours in a row: when the run of busy hours holding ``i`` at hour ``h`` gets too
        long, take out one lesson of the run before ``i`` and/or one after it (the fewest,
        then the fewest hours; one per side is always enough), never a locked one."""
        H, dur = self.H, self.dur
        if dur[i] > ld.limit:
            return False
        lo, hi = _run_of(ld.masks[d] | ((1 << dur[i]) - 1) << h, h, h + dur[i], H)
        if hi - lo <= ld.limit:  # the common case: short enough with every lesson there
            return True
        rest = [j for j in ld.on[d] if j not in out and j != i and not self.locked[j]]
        busy = ((1 << dur[i]) - 1) << h
        for j in ld.on[d]:
            if j not in out and j != i:
                busy |= ((1 << dur[j]) - 1) << (self.start[j] % H)
        lo, hi = _run_of(busy, h, h + dur[i], H)
        if hi - lo <= ld.limit:
            return True
        # Each side: keep the run as it is (None), or end it at a lesson taken out.
        starts = {j: self.start[j] % H for j in rest}
        lefts: list[tuple[int, int | None]] = [(lo, None)]
        lefts += [(s + dur[j], j) for j, s in starts.items() if lo <= s and s + dur[j] <= h]
        rights: list[tuple[int, int | None]] = [(hi, None)]
        rights += [(s, j) for j, s in starts.items() if h + dur[i] <= s < hi]
        return self._cut_run(lefts, rights, ld.limit, out)

    def _span(self, ld: _Load, i: int, d: int, h: int, out: set[int]) -> bool:
        """Max span per day: when ``i`` at hour ``h`` would stretch the day from its first
        lesson to its last over more hours than the rule allows, take out the lessons
        outside the cheapest window of that many hours holding ``i`` (the fewest, then the
        fewest hours; chance breaking ties), never a locked one. With the exception, the
        window is an hour longer unless another day is already that long."""
        H, dur = self.H, self.dur
        limit = ld.limit
        if ld.plus_one and all(_span_of(m) <= limit for e, m in enumerate(ld.masks) if e != d):
            limit += 1
        if dur[i] > limit:
            return False
        if _span_of(ld.masks[d] | ((1 << dur[i]) - 1) << h) <= limit:  # the common case
            return True
        starts = {j: self.start[j] % H for j in ld.on[d] if j not in out and j != i}
        windows = ([j for j, s in starts.items() if s < a or s + dur[j] > a + limit]
                   for a in range(max(0, h + dur[i] - limit), h + 1))
        return self._take_cheapest((taken for taken in windows if not any(self.locked[j] for j in taken)), out)

    def _rest(self, ld: _Load, i: int, t: int, out: set[int]) -> bool:
        """Min resting hours: the lessons of other days fewer than ``limit`` hours from
        ``i`` at ``t`` (across the night, or around the week's end when circular) are
        taken out, never a locked one."""
        week = len(ld.on) * self.H if ld.circular else 0
        for e, day in enumerate(ld.on):
            if e == t // self.H:
                continue
            for j in day:
                if j not in out and too_close(t, t + self.dur[i], self.start[j], self.start[j] + self.dur[j],
                                              ld.limit, week):
                    if self.locked[j]:
                        return False
                    out.add(j)
        return True

    def _cut_run(self, lefts: list[tuple[int, int | None]], rights: list[tuple[int, int | None]], limit: int,
                 out: set[int]) -> bool:
        """Take out the cheapest pair (left end, right end) leaving at most ``limit`` hours."""
        pairs = ([j for j in (left, right) if j is not None]
                 for a, left in lefts for b, right in rights if b - a <= limit)
        return self._take_cheapest(pairs, out)

    def _take_cheapest(self, choices: Iterable[list[int]], out: set[int]) -> bool:
        """Take out the cheapest of ``choices`` (lists of lessons: the fewest, then the
        fewest hours, chance breaking ties); False when there is none."""
        best: tuple[float, list[int]] | None = None
        for taken in choices:
            key = len(taken) * self.H + sum(self.dur[j] for j in taken) + self.rng.random()
            if best is None or key < best[0]:
                best = (key, taken)
        if best is None:
            return False
        out.update(best[1])
        return True

    def _min_days(self, ld: _Load, i: int, d: int, h: int, out: set[int]) -> bool:
        """Days a week at least: the days worked plus the lessons still to place never fall
        below the minimum. Taking lessons out never lowers that sum and placing ``i`` lowers
        it by one at most, so most starts pass at once; else, when ``i`` goes to a day
        already worked with nothing to spare, lessons are taken out (at random) of days
        that stay worked without them, each freeing one lesson without closing a day."""
        if ld.total_a + ld.hours_left - ld.limit - ld.share(self.fill_dur[i]) >= 0:
            return True
        changed, left = ld.without(out, self.start, self.dur, self.fill_dur)
        changed[d] = changed.get(d, ld.masks[d]) | ((1 << self.dur[i]) - 1) << h
        deficit = ld.to_fill(changed) - left + ld.share(self.fill_dur[i])
        while deficit > 0:
            spare = []
            for e, on in enumerate(ld.on):
                day = changed.get(e, ld.masks[e])
                spare += [j for j in on if j != i and j not in out and self.fill_dur[j] and not self.locked[j]
                          and (day & ~self._bits(j) | ld.fixed[e])]
            if not spare:
                return False
            j = self.rng.choice(spare)
            out.add(j)
            e = self.start[j] // self.H
            changed[e] = changed.get(e, ld.masks[e]) & ~self._bits(j)
            deficit -= 1
        return True

    def _bits(self, j: int) -> int:
        """The hours lesson ``j`` takes on its day, as bits."""
        return ((1 << self.dur[j]) - 1) << (self.start[j] % self.H)

    def _days(self, ld: _Load, d: int, out: set[int], window: int = -1) -> bool:
        """Max days (or, with the hour mask ``window``, interval max days): a lesson placed
        on day ``d`` without the load's lessons (in the window), with the limit reached,
        takes out those of the day with the fewest of them (never a locked one)."""
        inside = [[j for j in ld.on[e] if j not in out and self._bits(j) & window] for e in range(len(ld.on))]
        used = [e for e in range(len(ld.on)) if inside[e]]
        if inside[d] or len(used) < ld.limit:
            return True
        options = [e for e in used if not any(self.locked[j] for j in inside[e])]
        if not options:
            return False
        e = min(options, key=lambda e: (len(inside[e]), self.rng.random()))
        out.update(inside[e])
        return True

    def _interval_days(self, ld: _Load, i: int, d: int, h: int, out: set[int]) -> bool:
        """Interval max days: only a lesson in the interval counts (see :meth:`_days`)."""
        if not ((1 << self.dur[i]) - 1) << h & ld.window:
            return True
        return self._days(ld, d, out, ld.window)

    def _fillable(self, ld: _Load, i: int, d: int, h: int, out: set[int]) -> bool:
        changed, left = ld.without(out, self.start, self.dur, self.fill_dur)
        new = ((1 << self.dur[i]) - 1) << h
        changed[d] = changed.get(d, ld.masks[d]) | new
        left -= self.fill_dur[i]
        if ld.to_fill(changed) <= left:
            return True
        if ld.kind not in ("max_gaps", "max_gaps_daily"):
            return self._free_hours(ld, d, changed, left, out)
        # Take out the lessons of that day not joined to the new one by lessons or free
        # hours, if that is enough.
        block = _component(changed[d] | ld.free[d] | ld.fixed[d], new)
        far = [j for j in ld.on[d] if j not in out and self.fill_dur[j] and not self._bits(j) & block]
        for j in far:
            changed[d] &= ~self._bits(j)
            left += self.fill_dur[j]
        return self._evict(far, out) and self._free_hours(ld, d, changed, left, out)

    def _free_hours(self, ld: _Load, d: int, changed: dict[int, int], left: int, out: set[int]) -> bool:
        """Take out lessons of the rule on other days (each only if it lowers the
        shortfall) until the hours still to fill fit in the hours of lessons not placed:
        they are placed again where they fill the holes, as FET's swapping does. Lessons at
        either end of their day come first, in random order: taking one out leaves no new
        hole (the compiled loop's ``free_hours``)."""
        deficit = ld.to_fill(changed) - left
        for j in self._ends_first(ld, d, changed, out):
            if deficit <= 0:
                break
            dd = self.start[j] // self.H
            before = changed.get(dd)
            changed[dd] = (ld.masks[dd] if before is None else before) & ~self._bits(j)
            now = ld.to_fill(changed) - left - ld.share(self.fill_dur[j])
            if now < deficit:
                out.add(j)
                left += ld.share(self.fill_dur[j])
                deficit = now
            elif before is None:
                del changed[dd]
            else:
                changed[dd] = before
        return deficit <= 0

    def _ends_first(self, ld: _Load, d: int, changed: dict[int, int], out: set[int]) -> list[int]:
        """The rule's lessons on days other than ``d`` that may be taken out, those at
        either end of their day first, each part shuffled."""
        ends: list[int] = []
        inside: list[int] = []
        for j in sorted(ld.members):
            s = self.start[j]
            if s < 0 or s // self.H == d or not self.fill_dur[j] or self.locked[j] or j in out:
                continue
            m = changed.get(s // self.H, ld.masks[s // self.H])
            (ends if self._bits(j) & ((m & -m) | (1 << (m.bit_length() - 1))) else inside).append(j)
        self.rng.shuffle(ends)
        self.rng.shuffle(inside)
        return ends + inside

    def room_for(self, i: int, t: int, out: set[int], taken: list[int]) -> tuple[int, bool]:
        """A room for ``i`` at ``t``: a free one if any, else the one whose lessons are the
        cheapest to displace (added to ``out``)."""
        if not self.needs_room[i]:
            return FREE, True
        end = t + self.dur[i]
        span_bits = ((1 << self.dur[i]) - 1) << t
        best, best_cost = FREE, 1 << 30
        best_js: tuple[int, ...] = ()
        held = {x for k in taken if k >= 0 for x in self.phys[k]}  # by the lessons placed with it
        for room in self.pool[i]:
            if self.closed[room] & span_bits or any(x in held for x in self.phys[room]):
                continue
            js = {j for x in self.phys[room] for j in self.room_occ[x][t:end] if j >= 0 and j not in out}
            if any(self.locked[j] for j in js):
                continue
            walks = self.room_moves(i, t, room, out)
            if walks is None:
                continue
            if not js and not walks:
                return room, True
            cost = sum(1 + self.evicted_by.get((i, j), 0) for j in [*js, *walks])
            if cost < best_cost:
                best, best_cost, best_js = room, cost, tuple(js)
        out.update(best_js)
        if best >= 0:
            out.update(self.room_moves(i, t, best, out) or ())
        return best, best >= 0

    def room_moves(self, i: int, t: int, room: int, out: set[int]) -> list[int] | None:
        """Lessons to take out, besides those in ``room`` then, for ``i`` to be there at
        ``t``: those the building rules would make walk (:meth:`building_out`) and the
        partners of a "same room if consecutive" rule right before or after it in another
        room (:meth:`mates_out`). None if one of them is locked."""
        walks = self.building_out(i, t, room, out)
        mates = None if walks is None else self.mates_out(i, t, room, out)
        if walks is None or mates is None:
            return None
        return walks + [j for j in mates if j not in walks]

    def mates_out(self, i: int, t: int, room: int, out: set[int]) -> list[int] | None:
        """``i``'s "same room if consecutive" partners on its day, right before or after
        ``[t, t + dur)``, in a room other than ``room``; None if one of them is locked."""
        end, key = t + self.dur[i], self.room_key[room]
        found: list[int] = []
        for j in self.mates[i]:
            u = self.start[j]
            if (u < 0 or j in out or self.room[j] < 0 or self.room_key[self.room[j]] == key
                    or u // self.H != t // self.H or (u + self.dur[j] != t and u != end)):
                continue
            if self.locked[j]:
                return None
            found.append(j)
        return found

    def building_out(self, i: int, t: int, room: int, out: set[int]) -> list[int] | None:
        """Lessons to take out so that ``i`` in ``room`` at ``t`` keeps the building rules
        of its teachers and students: none if they hold as it is, else, for each one that
        would break, that person's lessons of the day in other buildings (taking lessons
        out never adds a change of building, nor shortens the time before one). None if
        one of them is locked."""
        g = self.room_bld[room]
        if g < 0:
            return []
        H = self.H
        d = t // H
        walks: list[int] = []
        for r in self.res[i]:
            if not self.bld_rules[r] or self._buildings_hold(r, i, t, g, out):
                continue
            row = self.occ[r]
            for s in range(d * H, d * H + H):
                j = row[s]
                if j < 0 or j == i or j in out or self._building_of(j) in (-1, g) or j in walks:
                    continue
                if self.locked[j]:
                    return None
                walks.append(j)
        return walks

    def _building_of(self, j: int) -> int:
        return self.room_bld[self.room[j]] if self.room[j] >= 0 else -1

    def _buildings_hold(self, r: int, i: int, t: int, g: int, out: set[int]) -> bool:
        d = t // self.H
        for kind, limit in self.bld_rules[r]:
            if kind == PER_DAY and self._changes(r, d, i, t, g, out, 0) > limit:
                return False
            if kind == PER_WEEK and sum(self._changes(r, dd, i, t, g, out, 0) for dd in range(self.S // self.H)) > limit:
                return False
            if kind == MIN_GAPS_BEFORE and limit > 0 and self._changes(r, d, i, t, g, out, limit):
                return False
        return True

    def _changes(self, r: int, d: int, i: int, t: int, g: int, out: set[int], min_gap: int) -> int:
        """Changes of building on day ``d`` of resource ``r`` with ``i`` at ``t`` in
        building ``g`` (``out`` taken out), counted as FET counts them along the hours;
        with ``min_gap``, only those with fewer free hours before them."""
        H = self.H
        lo = hi = H
        if t // H == d:
            lo, hi = t % H, t % H + self.dur[i]
        row = self.occ[r]
        crt, gaps, n = -1, 0, 0
        for h in range(H):
            b = g
            if h < lo or h >= hi:
                j = row[d * H + h]
                b = self._building_of(j) if j >= 0 and j not in out else -1
            if b < 0:
                gaps += 1
                continue
            if crt >= 0 and crt != b and (min_gap == 0 or gaps < min_gap):
                n += 1
            crt, gaps = b, 0
        return n

    def conflicts(self, i: int, t: int, most: int = 1 << 30) -> tuple[set[int], list[int]] | None:
        """What placing ``i`` (with the lessons that must start with it) at ``t``
        displaces, and their rooms; None if impossible, or if it displaces more than
        ``most`` lessons (the checks stop there: the rules' checks, the daily-hours ones
        above all, are most of a search's time on FET's examples)."""
        unit = self.unit[i]
        # Members of the unit already placed are moved: checked as if taken out.
        out = {m for m in unit if self.start[m] >= 0} if len(unit) > 1 else set()
        moved = len(out) + most
        for m in unit:
            if not (self.clashes(m, t, out) and len(out) <= moved and self.group_conflicts(m, t, out)
                    and len(out) <= moved and self.load_conflicts(m, t, out) and len(out) <= moved
                    and self.occupy_conflicts(m, t, out) and len(out) <= moved):
                return None
        rooms: list[int] = []
        for m in unit:
            room, ok = self.room_for(m, t, out, rooms)
            if not ok or len(out) > moved:
                return None
            rooms.append(room)
        if len(unit) > 1:
            out.difference_update(unit)
        return out, rooms

    def soft_cost(self, i: int, t: int) -> int:
        cost = self.soft_start[i].get(t, 0)
        for g, members in self.soft_groups[i]:
            broken = sum(1 for j in members if j != i and self.start[j] >= 0 and self.group_breaks(g, i, t, j))
            cost += unit_cost(g.weight) * broken
        return cost

    # -- the search ---------------------------------------------------------------------

    def choose(self, i: int) -> tuple[int, set[int], list[int]] | None:
        """The start for ``i`` that displaces least (recently placed and often displaced
        lessons weigh more), soft wishes and chance breaking ties. With ``soft_as_hard``
        the soft rules hold as FET holds them while placing (:meth:`soft_holds`), unless
        that leaves no start at all."""
        found = self._choose_among(i, self.soft_as_hard)
        if found is None and self.soft_as_hard:
            found = self._choose_among(i, False)
        return found

    def soft_holds(self, i: int, t: int, out: set[int]) -> bool:
        """FET's way with soft rules while placing: a rule of weight w % holds as if hard
        w % of the times it is looked at (measured on FET's examples: first timetables
        with a third to a twentieth of the penalty, up to ten times slower on some
        schools). A start breaking a
        soft start wish is refused that often; a lesson of a soft pair rule that ``i`` at
        ``t`` would break is displaced that often (added to ``out``). False when the start
        is refused."""
        wish = self.soft_start[i].get(t, 0)
        if wish > 0 and self.rng.random() * 100 < wish:
            return False
        unit = self.unit[i]
        for g, members in self.soft_groups[i]:
            for j in members:
                if (j != i and self.start[j] >= 0 and j not in out and j not in unit
                        and self.group_breaks(g, i, t, j) and self.rng.random() * 100 < unit_cost(g.weight)):
                    if self.locked[j]:
                        return False
                    out.add(j)
        return self._soft_loads_hold(i, t, out)

    def has_soft_rules(self) -> bool:
        """Whether :meth:`soft_holds` has anything to hold."""
        return (any(self.soft_start) or any(self.soft_groups)
                or any(ld.weight < 100 for ld in self.loads))

    def _soft_loads_hold(self, i: int, t: int, out: set[int]) -> bool:
        """Soft daily-hours and days-a-week rules of ``i`` hold as hard ones ``weight`` %
        of the times (lessons of the day, or of a day, are displaced as for hard ones)."""
        d = t // self.H
        for ld in self.loads_of[i]:
            if ld.weight < 100 and self.rng.random() * 100 < ld.weight:
                ok = self._daily_hours(ld, i, d, t % self.H, out) if ld.kind == "max_hours_daily" else self._days(ld, d, out)
                if not ok:
                    return False
        return True

    def _choose_among(self, i: int, strict: bool) -> tuple[int, set[int], list[int]] | None:
        best: tuple[float, int, set[int], list[int]] | None = None
        rng = self.rng
        for t in self.unit_domain[i]:
            # Each lesson displaced costs at least 1,000: no start displacing more than the
            # best so far's cost allows can beat it.
            found = self.conflicts(i, t, 1 << 30 if best is None else int(best[0] // 1000.0))
            if found is None:
                continue
            out, room = found
            if strict and not self.soft_holds(i, t, out):
                continue
            cost = sum(self._weight(i, j) for j in out) * 1000.0
            if best is not None and cost > best[0]:
                continue
            cost += min(999, self.soft_cost(i, t)) + rng.random()
            if best is None or cost < best[0]:
                best = (cost, t, out, room)
        if best is None:
            return None
        return best[1], best[2], best[3]

    def _weight(self, i: int, j: int) -> float:
        # Displacing a lesson placed a moment ago weighs most (it would likely come
        # straight back); pairs that keep displacing each other weigh more each time.
        recent = self.steps - self.age[j] < self.recent_steps
        return 1.0 + self.pair_weight * self.evicted_by.get((i, j), 0) + (self.recent_weight if recent else 0.0)

    def difficulty(self, i: int) -> tuple[bool, float, int]:
        """Placing order: locked lessons, then those with the fewest starts per hour and
        the most teachers, students and rules."""
        return not self.locked[i], len(self.domain[i]) / self.dur[i], -len(self.res[i]) - len(self.hard_groups[i])

    def switch_weights(self, k: int) -> None:
        """Which schools are placed fast depends on how displacements are weighed (FET
        example files: WTHS one way, Lom high school the other), so restarts alternate."""
        self.recent_steps, self.pair_weight, self.recent_weight = WEIGHTS[k % len(WEIGHTS)]

    def step(self, i: int, stack: list[int]) -> bool:
        """Place ``i``, pushing what it displaces; False when ``i`` has no possible start."""
        self.steps += 1
        found = self.choose(i)
        if found is None:
            return False
        t, out, rooms = found
        for j in out:
            self.take(j)
            self.evicted_by[(i, j)] += 1
            stack.append(j)
        for m, room in zip(self.unit[i], rooms, strict=True):
            if self.start[m] >= 0:
                self.take(m)
            self.put(m, t, room)
        return True

    def polish(self, deadline: float, stop: Callable[[], bool] = lambda: False) -> int:
        """Move single lessons to starts that displace nothing and lower the soft penalty
        they take part in (soft time wishes and min-days, same-start, max-days pairs),
        until no move helps, time is up or ``stop()``; the number of moves. Every hard
        rule keeps holding (a move that would leave a gap or break any other hard rule
        displaces something, so it is not made)."""
        moves, improved = 0, True
        movable = [i for i in range(len(self.acts))
                   if self.start[i] >= 0 and not self.locked[i] and len(self.unit[i]) == 1]
        while improved:
            improved = False
            self.rng.shuffle(movable)
            for k, i in enumerate(movable):
                if (k & 31) == 0 and (time.monotonic() > deadline or stop()):
                    return moves
                if self._better_start(i) or self._better_swap(i):
                    moves, improved = moves + 1, True
        return moves

    def _better_start(self, i: int) -> bool:
        t0 = self.start[i]
        best_cost, best_t, best_room = self.soft_cost(i, t0), t0, self.room[i]
        if best_cost == 0:
            return False
        self.take(i)
        for t in self.unit_domain[i]:
            cost = self.soft_cost(i, t)
            if cost >= best_cost:
                continue
            found = self.conflicts(i, t, 0)
            if found is not None and not found[0]:
                best_cost, best_t, best_room = cost, t, found[1][0]
        self.put(i, best_t, best_room)
        return best_t != t0

    def _better_swap(self, i: int) -> bool:
        """Exchange ``i``'s time with a lesson of the same students (and length) when that
        lowers the soft penalty and keeps every hard rule (FET's swaps, for soft rules)."""
        ti = self.start[i]
        if self.soft_cost(i, ti) == 0:
            return False
        partners = {j for r in self.res[i] for j in self.occ[r]
                    if j >= 0 and j != i and self.dur[j] == self.dur[i] and not self.locked[j] and len(self.unit[j]) == 1}
        for j in self.rng.sample(sorted(partners), len(partners)):
            if self._swap_if_better(i, j):
                return True
        return False

    def _swap_if_better(self, i: int, j: int) -> bool:
        ti, tj, ri, rj = self.start[i], self.start[j], self.room[i], self.room[j]
        if tj not in self.unit_domain[i] or ti not in self.unit_domain[j]:
            return False
        before = self.soft_cost(i, ti) + self.soft_cost(j, tj)
        self.take(i)
        self.take(j)
        found_i = self.conflicts(i, tj, 0)
        if found_i is not None and not found_i[0]:
            self.put(i, tj, found_i[1][0])
            found_j = self.conflicts(j, ti, 0)
            if found_j is not None and not found_j[0]:
                # Both placed before weighing: with ``j`` out, a rule joining the two
                # would count before the swap and not after, and swaps gaining nothing
                # were made over and over until polish's time was up.
                self.put(j, ti, found_j[1][0])
                if self.soft_cost(i, tj) + self.soft_cost(j, ti) < before:
                    return True
                self.take(j)
            self.take(i)
        self.put(i, ti, ri)
        self.put(j, tj, rj)
        return False

    def kick(self, i: int) -> list[int]:
        """Take out a few lessons sharing a teacher or students with ``i`` (which has no
        possible start with them where they are); they are placed again after ``i``."""
        near = {j for m in self.unit[i] for r in self.res[m] for j in self.occ[r]
                if j >= 0 and not self.locked[j] and j not in self.unit[i]}
        out = self.rng.sample(sorted(near), min(len(near), 1 + self.fails[i] % 3))
        for j in out:
            self.take(j)
        return out

    def holes(self) -> list[int]:
        """Lessons to take out because a hole left by taking another out can no longer be
        filled (rare: taking a lesson out leaves at most its own hours to fill)."""
        out: set[int] = set()
        for ld in self.loads:
            if (ld.kind in ("max_gaps", "max_gaps_daily", "early", "min_hours_daily")
                    and ld.fill(ld.total_a, ld.total_b) > ld.hours_left):
                for d in range(len(ld.on)):
                    if ld.kind in ("min_hours_daily", "max_gaps_daily"):
                        short = ld.part_a[d] > 0
                    else:
                        short = bool(ld.gaps(d, ld.masks[d]) or ld.first_gaps(d, ld.masks[d]))
                    if short:
                        out.update(ld.on[d])
        return [j for j in out if not self.locked[j]]


def too_close(a: int, b: int, c: int, f: int, limit: int, week: int) -> bool:
    """Whether lessons at ``[a, b)`` and ``[c, f)`` (slots of different days) have fewer
    than ``limit`` hours between them; ``week``: slots in a week when the rest around the
    week's end counts too, else 0."""
    gap = c - b if c > a else a - f
    if week:
        gap = min(gap, c + week - b if c < a else a + week - f)
    return gap < limit


def _span_of(busy: int) -> int:
    """Hours from the first set bit of ``busy`` to its last (0 when none)."""
    return busy.bit_length() - ((busy & -busy).bit_length() - 1) if busy else 0


def _run_of(busy: int, lo: int, hi: int, n_hours: int) -> tuple[int, int]:
    """The run of set bits of ``busy`` holding hours ``lo..hi-1``, as ``(first, end)``."""
    while lo > 0 and busy >> (lo - 1) & 1:
        lo -= 1
    while hi < n_hours and busy >> hi & 1:
        hi += 1
    return lo, hi


def _component(mask: int, seed: int) -> int:
    """The run of set bits of ``mask`` that touches ``seed``."""
    comp = seed & mask or seed
    while True:
        grown = (comp | (comp << 1) | (comp >> 1)) & (mask | seed)
        if grown == comp:
            return comp
        comp = grown


def place_all(
    rules: Rules,
    locks: dict[int, Placement],
    *,
    time_limit: float = 30.0,
    seed: int = 1,
    cancelled: IsCancelled | None = None,
    workers: int = 2,
    on_progress: Callable[[int], None] | None = None,
    hold_soft: bool = True,
) -> Placed:
    """Place every lesson breaking no modelled hard rule, or as many as the time allows;
    ``on_progress`` hears the most lessons placed at once so far, a few times a second.

    Two searches race. Here, the placer's loop in plain Python (most small schools are
    placed before anything else would even be loaded); in the placement worker process
    (:mod:`~app.scheduling.timetable.placement_worker`), the kernel's loop, compiled by
    numba once it is loaded there, with ``seed`` and, with ``workers`` > 1, more seeds, one
    per worker up to :data:`MAX_SEEDS` (runs of one school differ a lot; the first to
    finish wins; one more starts again whenever it gets stuck, as this one does). Once
    the compiled search runs, the plain-Python one stops, leaving every core to it.
    ``hold_soft``: the plain-Python search holds the soft rules as FET does while placing
    (:meth:`Placer.soft_holds`; the worker's seeds do both, see
    ``placement_worker._Race``)."""
    from app.scheduling.timetable import placement_worker

    t0 = time.monotonic()
    deadline = t0 + time_limit
    pl = Placer(rules, locks, seed)
    pl.soft_as_hard = hold_soft
    helper = placement_worker.worker()
    job = None
    if helper is not None:
        from app.scheduling.timetable import kernel as k

        seeds = [seed + 7919 * m for m in range(max(1, min(MAX_SEEDS, workers)))]
        job = helper.submit(k.pack_net(pl, _patience(pl)), len(pl.occ), pl.n_phys, seeds, time_limit)
    tick = _Ticker(on_progress)
    if helper is None or job is None:
        return _head_start(pl, deadline, cancelled, lambda: tick(pl.placed)) or _Best(pl).result(pl, [], 0.0)
    # Racing the worker, whose seeds hold soft rules for longer, this search holds them
    # only briefly: on a small school a quick first timetable beats a late good one.
    head = _head_start(pl, deadline, cancelled,
                       lambda: tick(max(pl.placed, helper.placed(job))) or helper.arrived(job)
                       or helper.racing(),
                       hold_for=HEAD_HOLD)
    if head is not None and not head.unplaced:
        if hold_soft and not pl.soft_as_hard and pl.has_soft_rules():
            # It let go of the soft rules to finish first: the worker's seeds holding them
            # go on, for a timetable with a lower penalty.
            head.later = Later(helper, job, pl, first_pending=True)
        else:
            helper.stop(job, collect=False)
        return head
    if helper.compiled:  # this process only waits now: repair's compiled loop loads meanwhile
        from app.scheduling.timetable import kernel_jit

        kernel_jit.preload()
    return _worker_result(pl, helper, job, head, deadline, cancelled, t0, tick)


class _Ticker:
    """Hands on the most lessons placed so far, at most four times a second."""

    def __init__(self, on_progress: Callable[[int], None] | None) -> None:
        self.on_progress, self.best, self.last = on_progress, 0, 0.0

    def __call__(self, placed: int) -> bool:
        """Report ``placed`` if it is time; False (a "go on" for the search's stop check)."""
        self.best = max(self.best, placed)
        now = time.monotonic()
        if self.on_progress is not None and now - self.last >= 0.25:
            self.last = now
            self.on_progress(self.best)
        return False


def _worker_result(pl: Placer, helper: Any, job: int, head: Placed | None, deadline: float,
                   cancelled: IsCancelled | None, t0: float, tick: _Ticker) -> Placed:
    """Wait for the worker's search (until the deadline or a cancel); its timetable, or
    whichever of its and this process's partial ones places more lessons."""
    out = None
    was_cancelled = False
    while out is None and helper.alive and time.monotonic() < deadline + 0.5:
        was_cancelled = cancelled is not None and cancelled()
        if was_cancelled:
            break
        out = helper.result(job, wait=0.05)
        tick(helper.placed(job))
    if out is None:
        helper.stop(job, collect=not was_cancelled)  # cancelled: at once, without its partial timetable
        out = None if was_cancelled else helper.result(job, wait=1.0)
    if head is None:
        # The partial timetable of this process's search (stopped when the worker's took
        # over); if the worker has gone without a result, that search carries on here.
        cut_short = out is None and not was_cancelled
        head = _head_start(pl, deadline if cut_short else 0.0, cancelled, lambda: False)
    if out is None or (head is not None and not out.done and len(head.unplaced) <= len(pl.acts) - out.placed):
        assert head is not None
        return head
    done = _placed(pl, out.start, out.room, out.steps + pl.steps, time.monotonic() - t0)
    if out.more:
        done.later = Later(helper, job, pl)
    return done


def _placed(pl: Placer, start: list[int], room: list[int], steps: int, seconds: float) -> Placed:
    """A search's tables (lesson index -> slot, room index; -1 if none) by activity id."""
    starts = {a.id: int(start[i]) for i, a in enumerate(pl.acts) if start[i] >= 0}
    rooms = {a.id: pl.room_names[int(room[i])] for i, a in enumerate(pl.acts) if start[i] >= 0 and room[i] >= 0}
    unplaced = [a.id for i, a in enumerate(pl.acts) if start[i] < 0]
    return Placed(starts, rooms, unplaced, steps, seconds)


def _patience(pl: Placer) -> int:
    """Steps without a new best before a run starts again (the worker's searches give up
    after a multiple of it instead)."""
    return max(2000, 6 * len(pl.acts))


def _head_start(pl: Placer, deadline: float, cancelled: IsCancelled | None,
                stop: Callable[[], bool], hold_for: float | None = None) -> Placed | None:
    """The search as plain Python on the placer itself until ``stop()``: the timetable if
    every lesson got placed (or time ran out) by then, else None (the placer keeps its
    partial timetable, which breaks no hard rule). Holding soft rules, it lets go of them
    after ``hold_for`` seconds without a timetable (``HOLD_ALONE``, as the worker's seeds
    do, unless given)."""
    from app.scheduling.timetable.placement_worker import HOLD_ALONE

    hold_for = HOLD_ALONE if hold_for is None else hold_for
    t0 = time.monotonic()
    queue = _Queue(pl)
    best = _Best(pl)
    patience = _patience(pl)
    while queue or _reopen(pl, queue):
        if (pl.steps & 15) == 0:
            now = time.monotonic()
            if now > deadline or (cancelled is not None and cancelled()):
                return best.result(pl, queue.impossible, now - t0)
            if stop():
                return None
            if pl.soft_as_hard and now - t0 > hold_for:
                pl.soft_as_hard = False
        if pl.steps - best.at > patience:
            best.restart(pl, queue)
            patience = patience * 3 // 2
        i = queue.next()
        if pl.start[i] < 0 and not pl.step(i, queue.displaced):
            queue.failed(i)
        best.update(pl)
    return best.result(pl, queue.impossible, time.monotonic() - t0)


def polish(rules: Rules, locks: dict[int, Placement], placements: list[Placement], time_limit: float,
           seed: int = 1, stop: Callable[[], bool] = lambda: False) -> Placed:
    """A timetable that meets every hard rule, with its soft penalty lowered by single
    moves that keep every hard rule (see :meth:`Placer.polish`); ``stop()`` ends it early."""
    t0 = time.monotonic()
    pl = Placer(rules, locks, seed)
    pl.put_placements(placements)
    pl.polish(t0 + time_limit, stop)
    starts = {a.id: pl.start[i] for i, a in enumerate(pl.acts) if pl.start[i] >= 0}
    rooms = {a.id: pl.room_names[pl.room[i]] for i, a in enumerate(pl.acts) if pl.room[i] >= 0}
    return Placed(starts, rooms, [], pl.steps, time.monotonic() - t0)


class _Queue:
    """Lessons to place: first every lesson, most constrained first; displaced lessons
    go before the rest, in random order (which, measured on FET's examples, gets stuck
    less than placing the last displaced first)."""

    def __init__(self, pl: Placer) -> None:
        self.pl = pl
        self.order = list(range(len(pl.acts)))
        pl.rng.shuffle(self.order)
        self.order.sort(key=pl.difficulty)
        self.impossible = [i for i in self.order if not pl.unit_domain[i]]
        self.fresh = [i for i in reversed(self.order) if pl.unit_domain[i]]
        self.displaced: list[int] = []
        self.again = -1

    def __bool__(self) -> bool:
        return bool(self.fresh or self.displaced or self.again >= 0)

    def next(self) -> int:
        if self.again >= 0:
            i, self.again = self.again, -1
            return i
        if self.fresh:  # everything placed once more goes into one pool, in random order
            self.displaced.extend(self.fresh)
            self.fresh = []
        pending = self.displaced
        k = self.pl.rng.randrange(len(pending))
        pending[k], pending[-1] = pending[-1], pending[k]
        return pending.pop()

    def failed(self, i: int) -> None:
        """``i`` has no possible start: make room (take out some of its neighbours) and
        try it again at once; after many tries leave it out."""
        pl = self.pl
        pl.fails[i] += 1
        if pl.fails[i] > 200:
            self.impossible.append(i)
            return
        self.displaced.extend(pl.kick(i))
        self.again = i

    def restart(self) -> None:
        pl = self.pl
        pl.rng.shuffle(self.order)
        self.order.sort(key=pl.difficulty)
        self.fresh = [i for i in reversed(self.order) if pl.start[i] < 0 and pl.unit_domain[i]]
        self.displaced, self.again = [], -1


def _reopen(pl: Placer, queue: _Queue) -> bool:
    """Every lesson placed: take out those around holes that break a rule (if any)."""
    holes = pl.holes()
    for j in holes:
        pl.take(j)
        queue.displaced.append(j)
    return bool(holes)


class _Best:
    """The partial timetable with the most lessons placed so far, and when the current
    run last improved on its own best."""

    def __init__(self, pl: Placer) -> None:
        self.placed = pl.placed
        self.start = list(pl.start)
        self.room = list(pl.room)
        self.at = pl.steps
        self.run_placed = pl.placed
        self.restarts = 0
        self.step = pl.steps  # when the best so far was found

    def update(self, pl: Placer) -> None:
        if pl.placed > self.run_placed:
            self.run_placed, self.at = pl.placed, pl.steps
        if pl.placed > self.placed:
            self.placed, self.start, self.room = pl.placed, list(pl.start), list(pl.room)
            self.step = pl.steps

    def restart(self, pl: Placer, queue: _Queue) -> None:
        """Start again from an empty timetable, forgetting who displaced whom and weighing
        displacements the other way (runs differ a lot, as FET's do)."""
        self.restarts += 1
        pl.switch_weights(self.restarts)
        for i in range(len(pl.acts)):
            if pl.start[i] >= 0 and not pl.locked[i]:
                pl.take(i)
        pl.evicted_by.clear()
        queue.restart()
        self.at, self.run_placed = pl.steps, pl.placed

    def result(self, pl: Placer, impossible: list[int], seconds: float) -> Placed:
        start, room = self.start, self.room
        if not impossible and all(s >= 0 for s in pl.start) and not pl.holes():
            start, room = pl.start, pl.room
        return _placed(pl, start, room, pl.steps, seconds)
