"""Which rules a given timetable breaks, in a scheduler's words, and its penalty.

Used by the editor (drag a lesson, see the conflict at once), by ``timetable check`` and
to report the penalty of a solution. Works from the same :class:`Rules` as the solver,
and counts as FET does: a broken soft constraint costs its weight (in percent) times the
number of times FET counts it broken (pairs of lessons too close for min-days, hours in
a not-available slot, days over a daily maximum, gaps over the weekly maximum…), so the
penalty is 100 × FET's "total soft conflicts". The solver's objective is built to be
the same number (tests/scheduling/test_timetable_penalty.py checks it).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from app.core.code_labels import booking_owner_label
from app.core.i18n import _, ngettext
from app.scheduling.timetable import buildings, virtual
from app.scheduling.timetable.model import Activity, Placement, Problem
from app.scheduling.timetable.rules import (
    STAR_KINDS,
    GroupRule,
    LoadRule,
    OccupyRule,
    Rules,
    occupied,
    rests_broken,
    slot_name,
    slots_text,
)

# Rules reported in one line for all their lessons (the others pair by pair).
PER_RULE_KINDS = frozenset({"same_start", "same_day", "same_hour"})


def unit_cost(weight: float) -> int:
    """The penalty of breaking a soft constraint of ``weight`` percent once (an integer, so
    the solver's objective and the checker's sum are the same number)."""
    return max(1, int(round(weight)))


@dataclass
class Violation:
    message: str
    weight: float  # 100 = hard
    activity_ids: list[int] = field(default_factory=list)
    cid: int | None = None  # index of the FET constraint, None for double-booking
    count: int = 1  # how many times FET counts it broken
    room: bool = False  # a room rule (settled after the times)

    @property
    def hard(self) -> bool:
        return self.weight >= 100

    @property
    def cost(self) -> int:
        return 0 if self.hard else unit_cost(self.weight) * self.count


@dataclass
class Evaluation:
    violations: list[Violation]
    unplaced: list[int]
    # The real rooms of lessons in virtual rooms, as the checker found them (virtual.py).
    real_rooms: dict[int, tuple[str, ...]] = field(default_factory=dict)

    @property
    def hard(self) -> list[Violation]:
        return [v for v in self.violations if v.hard]

    @property
    def soft(self) -> list[Violation]:
        return [v for v in self.violations if not v.hard]

    @property
    def hard_ok(self) -> bool:
        return not self.hard and not self.unplaced

    @property
    def penalty(self) -> int:
        return sum(v.cost for v in self.soft)

    @property
    def time_penalty(self) -> int:
        """The part of the penalty that comes from when lessons are, not where."""
        return sum(v.cost for v in self.soft if not v.room)

    def for_activity(self, aid: int) -> list[Violation]:
        return [v for v in self.violations if aid in v.activity_ids]


def evaluate(rules: Rules, placements: list[Placement] | dict[int, Placement]) -> Evaluation:  # noqa: C901
    p = rules.problem
    H = p.n_hours
    placed = placements if isinstance(placements, dict) else {pl.activity_id: pl for pl in placements}
    acts = {a.id: a for a in rules.acts}
    placed = {aid: pl for aid, pl in placed.items() if aid in acts}
    start = {aid: pl.day * H + pl.hour for aid, pl in placed.items()}
    out: list[Violation] = []

    for aid, s in start.items():
        a = acts[aid]
        if s % H + a.duration > H:
            out.append(Violation(_("{describe} runs past the end of the day").format(describe=a.describe(True)), 100, [aid]))

    # Double-booking: teachers, students, rooms.
    def clashes(kind: str, owner_acts: dict[str, list[int]]) -> None:
        for owner, aids in owner_acts.items():
            by_slot: dict[int, list[int]] = defaultdict(list)
            for aid in aids:
                if aid in start:
                    for slot in occupied(start[aid], acts[aid].duration):
                        by_slot[slot].append(aid)
            for slot, here in sorted(by_slot.items()):
                if len(here) > 1:
                    listed = ", ".join(str(i) for i in here)
                    out.append(Violation(_("{kind} {owner} is double-booked on {slot_name} (activities {listed})").format(kind=booking_owner_label(kind), owner=owner, slot_name=slot_name(p, slot), listed=listed), 100, here))

    clashes("teacher", rules.by_teacher())
    by_atom = rules.by_atom()
    atom_owner: dict[frozenset[int], str] = {}
    for atom, aids in sorted(by_atom.items()):
        atom_owner.setdefault(frozenset(aids), atom)
    clashes("students", {name: sorted(aids) for aids, name in atom_owner.items()})
    # A virtual room is never booked itself; its lessons book the real rooms they take.
    real = virtual.choose(rules, placed)
    by_room: dict[str, list[int]] = defaultdict(list)
    for aid, pl in placed.items():
        for booked in real.rooms.get(aid, ()) if pl.room in rules.virtual else (pl.room,) if pl.room else ():
            by_room[booked].append(aid)
    clashes("room", by_room)
    out.extend(Violation(message, 100, ids, cid, room=True) for message, ids, cid in virtual.broken(rules, placed, real))

    for r in rules.start_rules:
        if r.aid in start:
            n = r.broken(start[r.aid], acts[r.aid].duration)
            if n:
                out.append(Violation(r.label, r.weight, [r.aid], r.cid, n))

    for aid, choice in rules.rooms.items():
        if aid not in placed:
            continue
        room = placed[aid].room
        if choice.needs_room and room not in choice.rooms:
            options = ", ".join(choice.rooms) or _("none fits")
            sentence = (_("{describe} is in room {room}; allowed: {options}") if room
                        else _("{describe} is without a room; allowed: {options}"))
            out.append(Violation(sentence.format(describe=acts[aid].describe(True), room=room, options=options),
                                 100, [aid], choice.hard_cids[0] if choice.hard_cids else None, room=True))
        for cid, weight, allowed, label in choice.soft:
            if room not in allowed:
                out.append(Violation(label, weight, [aid], cid, room=True))

    for block in rules.room_blocks:
        for aid, pl in placed.items():
            hours = len(set(occupied(start[aid], acts[aid].duration)) & block.slots)
            if hours and (pl.room == block.room or block.room in real.rooms.get(aid, ())):
                out.append(Violation(block.label, block.weight, [aid], block.cid, hours, room=True))

    for rg in rules.room_groups:
        used = sorted({placed[aid].room for aid in rg.aids if aid in placed and placed[aid].room})
        if len(used) > rg.max_rooms:  # FET counts it broken once
            out.append(Violation(_("{label}: they use {rooms}").format(label=rg.label, rooms=", ".join(used)),
                                 rg.weight, [aid for aid in rg.aids if aid in placed and placed[aid].room],
                                 rg.cid, room=True))

    out.extend(Violation(message, rule.weight, ids, rule.cid, count, room=True)
               for rule, message, ids, count in buildings.broken(rules, placed))

    for sr in rules.same_room:  # lessons without a room are not held to it
        for x, y in sr.pairs(start, acts, p.n_hours):
            if placed[x].room and placed[y].room and placed[x].room != placed[y].room:
                out.append(Violation(_("{label} — {first} in {room1}, {second} right after in {room2}").format(
                    label=sr.label, first=x, room1=placed[x].room, second=y, room2=placed[y].room),
                    100, [x, y], sr.cid, room=True))

    for g in rules.groups:
        ids = [i for i in g.aids if i in start]
        if g.kind in STAR_KINDS:
            out.extend(_ends_day(rules, g, start, acts, H))
            continue
        if g.kind in PER_RULE_KINDS:
            # FET counts a same-start, same-day or same-hour rule once per pair of
            # lessons that breaks it, all in one line.
            n = sum(g.times_broken(start[x], acts[x].duration, start[y], acts[y].duration, H)
                    for i, x in enumerate(ids) for y in ids[i + 1:])
            if n:
                out.append(Violation(g.label, g.weight, ids, g.cid, n))
            continue
        for i, x in enumerate(ids):
            for y in ids[i + 1:]:
                n = g.times_broken(start[x], acts[x].duration, start[y], acts[y].duration, H)
                if n:
                    out.append(Violation(g.label, g.weight, [x, y], g.cid, n))

    for load in rules.loads:
        out.extend(load_violations(load, start, acts, p))

    for oc in rules.occupy:  # hard only: FET takes these at 100 %
        out.extend(_occupy_violations(oc, start, acts, p))

    unplaced = sorted(aid for aid in acts if aid not in placed)
    return Evaluation(out, unplaced, real.rooms)


def _occupy_violations(oc: OccupyRule, start: dict[int, int], acts: dict[int, Activity], p: Problem) -> list[Violation]:
    """An "occupy max time slots" rule broken (once), or a "max simultaneous" one: once per
    lesson too many in a selected slot."""
    placed = [a for a in oc.aids if a in start]
    if oc.per_slot:
        crowded = oc.crowded(start, acts)
        if not crowded:
            return []
        text = ", ".join(f"{slot_name(p, s)} ({n})" for s, n in sorted(crowded.items()))
        return [Violation(_("{label}: too many at {slots}").format(label=oc.label, slots=text), 100, placed, oc.cid,
                          sum(n - oc.limit for n in crowded.values()))]
    taken = oc.used(start, acts)
    if len(taken) <= oc.limit:
        return []
    return [Violation(_("{label}: they take {slots}").format(label=oc.label, slots=slots_text(p, taken)),
                      100, placed, oc.cid)]


def load_violations(load: LoadRule, start: dict[int, int], acts: dict[int, Activity], p: Problem) -> list[Violation]:
    """How one teacher's or students set's load rule is broken, with ``start`` (activity
    id -> start slot; its lessons not in it are not placed): the checker's count, also
    used for the lessons a repair try moved (:mod:`local_penalty`)."""
    per_day: dict[int, list[int]] = defaultdict(list)
    for i in load.aids:
        if i in start:
            per_day[start[i] // p.n_hours].append(i)
    return _LOAD_COUNTS[load.kind](load, per_day, start, acts, p)


_Load = dict[int, list[int]]


def _over_daily(load: LoadRule, per_day: _Load, start: dict[int, int], acts: dict[int, Activity], p: Problem) -> list[Violation]:
    return [Violation(_("{label} — {days} is over").format(label=load.label, days=p.days[day]), load.weight, day_ids,
                      load.cid, load.count)
            for day, day_ids in sorted(per_day.items()) if sum(acts[i].duration for i in day_ids) > load.limit]


def _under_daily(load: LoadRule, per_day: _Load, start: dict[int, int], acts: dict[int, Activity], p: Problem) -> list[Violation]:
    out = []
    for day in range(p.n_days):
        day_ids = per_day.get(day, [])
        hours = sum(acts[i].duration for i in day_ids)
        if hours < load.limit and (hours or not load.allow_empty):
            out.append(Violation(_("{label} — {days} has {hours}").format(label=load.label, days=p.days[day], hours=hours),
                                 load.weight, day_ids, load.cid, load.count))
    return out


def _days_over(load: LoadRule, per_day: _Load, start: dict[int, int], acts: dict[int, Activity], p: Problem) -> list[Violation]:
    if len(per_day) <= load.limit:
        return []
    ids = [i for i in load.aids if i in start]
    return [Violation(load.label, load.weight, ids, load.cid, load.count * (len(per_day) - load.limit))]


def _days_short(load: LoadRule, per_day: _Load, start: dict[int, int], acts: dict[int, Activity], p: Problem) -> list[Violation]:
    # FET: each day short of the minimum counts once.
    if len(per_day) >= load.limit:
        return []
    ids = [i for i in load.aids if i in start]
    return [Violation(_("{label} — only {n} days").format(label=load.label, n=len(per_day)),
                      load.weight, ids, load.cid, load.count * (load.limit - len(per_day)))]


def _gaps_daily(load: LoadRule, per_day: _Load, start: dict[int, int], acts: dict[int, Activity], p: Problem) -> list[Violation]:
    # FET: each day's gaps beyond the limit, each one counted.
    return [Violation(_("{label} — {days} has {gaps}").format(label=load.label, days=p.days[day], gaps=n),
                      load.weight, per_day[day], load.cid, load.count * (n - load.limit))
            for day, n in sorted(_day_gaps(load, per_day, start, acts, p.n_hours).items()) if n > load.limit]


def _gaps_weekly(load: LoadRule, per_day: _Load, start: dict[int, int], acts: dict[int, Activity], p: Problem) -> list[Violation]:
    day_gaps = _day_gaps(load, per_day, start, acts, p.n_hours)
    gaps = sum(day_gaps.values())
    if gaps <= load.limit:
        return []
    # Only the lessons of the days with gaps are "in conflict".
    involved = [i for d in day_gaps for i in per_day[d]]
    return [Violation(_("{label} — has {gaps}").format(label=load.label, gaps=gaps), load.weight, involved, load.cid,
                      load.count * (gaps - load.limit))]


def _late_starts(load: LoadRule, per_day: _Load, start: dict[int, int], acts: dict[int, Activity], p: Problem) -> list[Violation]:
    H = p.n_hours
    late, late_days, never = 0, [], 0
    for day, day_ids in per_day.items():
        # Hours before the first lesson, breaks and not-available hours not counted.
        first = sum(1 for h in range(min(start[i] % H for i in day_ids)) if day * H + h not in load.free_slots)
        if first >= 1:
            late += 1
            late_days.append(day)
            never += first >= 2
    n = max(0, late - load.limit) + never
    if not n:
        return []
    involved = [i for d in late_days for i in per_day[d]]
    return [Violation(load.label, load.weight, involved, load.cid, load.count * n)]


def _runs(load: LoadRule, per_day: _Load, start: dict[int, int], acts: dict[int, Activity], p: Problem) -> list[Violation]:
    return _long_runs(load, per_day, start, acts, p.days, p.n_hours)


def _interval(load: LoadRule, per_day: _Load, start: dict[int, int], acts: dict[int, Activity], p: Problem) -> list[Violation]:
    return _interval_days(load, per_day, start, acts, p.days, p.n_hours)


def _spans(load: LoadRule, per_day: _Load, start: dict[int, int], acts: dict[int, Activity], p: Problem) -> list[Violation]:
    """FET's max span per day: each day from its first lesson's start to its last lesson's
    end longer than the limit breaks it once (breaks and not-available hours inside count);
    with the exception allowed, one day exactly one hour longer does not."""
    H = p.n_hours
    out, spared = [], not load.plus_one
    for day, day_ids in sorted(per_day.items()):
        span = day_span(start, acts, day_ids, H)
        if span <= load.limit or (not spared and span == load.limit + 1):
            spared = spared or span > load.limit
            continue
        out.append(Violation(_("{label} — {days} spans {hours} hours").format(
            label=load.label, days=p.days[day], hours=span), load.weight, day_ids, load.cid, load.count))
    return out


def _rests(load: LoadRule, per_day: _Load, start: dict[int, int], acts: dict[int, Activity], p: Problem) -> list[Violation]:
    """FET's min resting hours: each night (between two days with lessons, the days
    between free) shorter than the limit breaks it once."""
    H = p.n_hours
    masks = [0] * p.n_days
    for day, day_ids in per_day.items():
        for i in day_ids:
            masks[day] |= ((1 << acts[i].duration) - 1) << (start[i] % H)
    return [Violation(ngettext("{label} — {first} to {second}: {hours} hour", "{label} — {first} to {second}: {hours} hours",
                               rest).format(label=load.label, first=p.days[d], second=p.days[e], hours=rest),
            load.weight, sorted(per_day[d] + per_day[e]), load.cid, load.count)
            for d, e, rest in rests_broken(masks, load.limit, H, load.circular)]


def day_span(start: dict[int, int], acts: dict[int, Activity], day_ids: list[int], H: int) -> int:
    """Hours from the first start to the last end of the lessons ``day_ids`` (one day's)."""
    return max(start[i] % H + acts[i].duration for i in day_ids) - min(start[i] % H for i in day_ids)


_LOAD_COUNTS = {"max_hours_daily": _over_daily, "min_hours_daily": _under_daily, "max_hours_continuously": _runs,
                "max_days": _days_over, "min_days_week": _days_short, "interval_max_days": _interval,
                "max_gaps_daily": _gaps_daily, "max_gaps": _gaps_weekly, "early": _late_starts, "max_span": _spans,
                "min_rest": _rests}


def _day_gaps(load: LoadRule, per_day: dict[int, list[int]], start: dict[int, int], acts: dict[int, Activity],
              H: int) -> dict[int, int]:
    """Gap hours of each day that has some: hours between the day's first and last lesson
    with no lesson, breaks and the person's not-available hours not counted (FET)."""
    out = {}
    for day, day_ids in per_day.items():
        busy = {h for i in day_ids for h in occupied(start[i] % H, acts[i].duration)}
        free = {s % H for s in load.free_slots if s // H == day}
        n = sum(1 for h in range(min(busy), max(busy) + 1) if h not in busy and h not in free)
        if n:
            out[day] = n
    return out


def _interval_lessons(load: LoadRule, per_day: dict[int, list[int]], start: dict[int, int],
                  acts: dict[int, Activity], H: int) -> dict[int, list[int]]:
    """Each day with a lesson in the rule's hour interval: those lessons (a lesson
    overlapping the interval is in it, as FET counts the hours occupied)."""
    lo, hi = load.interval
    out = {}
    for day, day_ids in sorted(per_day.items()):
        inside = [i for i in day_ids if start[i] % H < hi and start[i] % H + acts[i].duration > lo]
        if inside:
            out[day] = inside
    return out


def _interval_days(load: LoadRule, per_day: dict[int, list[int]], start: dict[int, int], acts: dict[int, Activity],
                   days: list[str], H: int) -> list[Violation]:
    """FET's interval max days per week: each day beyond the limit with a lesson in the
    interval counts once (as for max days per week)."""
    busy = _interval_lessons(load, per_day, start, acts, H)
    if len(busy) <= load.limit:
        return []
    message = _("{label} — on {days}").format(label=load.label, days=", ".join(days[d] for d in busy))
    involved = [i for d in busy for i in busy[d]]
    return [Violation(message, load.weight, involved, load.cid, load.count * (len(busy) - load.limit))]


def _ends_day(rules: Rules, g: GroupRule, start: dict[int, int], acts: dict[int, Activity], H: int) -> list[Violation]:
    """FET counts an "ends the students' day" rule once for each subgroup of its lesson
    with a lesson later that day."""
    first = g.aids[0]
    if first not in start:
        return []
    d = acts[first].duration
    later = [j for j in g.aids[1:] if j in start and g.times_broken(start[first], d, start[j], acts[j].duration, H)]
    late_atoms: set[str] = set().union(*(rules.atoms_of[j] for j in later))
    n = len(late_atoms & rules.atoms_of[first])
    return [Violation(g.label, g.weight, [first, *later], g.cid, n)] if n else []


def _long_runs(load: LoadRule, per_day: dict[int, list[int]], start: dict[int, int], acts: dict[int, Activity],
               days: list[str], H: int) -> list[Violation]:
    """FET's max hours continuously: each run of busy hours on a day longer than the
    limit breaks it once, however long (hours without a lesson, breaks among them, end a
    run)."""
    out = []
    for day, day_ids in sorted(per_day.items()):
        busy = {h for i in day_ids for h in occupied(start[i] % H, acts[i].duration)}
        h = 0
        while h < H:
            if h not in busy:
                h += 1
                continue
            end = h
            while end in busy:
                end += 1
            if end - h > load.limit:
                run = [i for i in day_ids if h <= start[i] % H < end]
                out.append(Violation(_("{label} — {days} has {hours} in a row").format(
                    label=load.label, days=days[day], hours=end - h), load.weight, run, load.cid, load.count))
            h = end
    return out

