"""Which rules a given timetable breaks, in a scheduler's words.

Used by the editor (drag a lesson, see the conflict at once), by ``timetable check`` and
to report the penalty of a solution. Works from the same :class:`Rules` as the solver.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from app.scheduling.timetable.model import Placement
from app.scheduling.timetable.rules import Rules, occupied, slot_name


@dataclass
class Violation:
    message: str
    weight: float  # 100 = hard
    activity_ids: list[int] = field(default_factory=list)
    cid: int | None = None  # index of the FET constraint, None for double-booking

    @property
    def hard(self) -> bool:
        return self.weight >= 100


@dataclass
class Evaluation:
    violations: list[Violation]
    unplaced: list[int]

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
        return sum(int(round(v.weight)) for v in self.soft)

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
            out.append(Violation(f"{a.describe(True)} runs past the end of the day", 100, [aid]))

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
                    out.append(Violation(f"{kind} {owner} is double-booked on {slot_name(p, slot)} "
                                         f"(activities {listed})", 100, here))

    clashes("Teacher", rules.by_teacher())
    by_atom = rules.by_atom()
    atom_owner: dict[frozenset[int], str] = {}
    for atom, aids in sorted(by_atom.items()):
        atom_owner.setdefault(frozenset(aids), atom)
    clashes("Students", {name: sorted(aids) for aids, name in atom_owner.items()})
    by_room: dict[str, list[int]] = defaultdict(list)
    for aid, pl in placed.items():
        if pl.room:
            by_room[pl.room].append(aid)
    clashes("Room", by_room)

    for r in rules.start_rules:
        if r.aid in start and start[r.aid] not in r.starts:
            out.append(Violation(r.label, r.weight, [r.aid], r.cid))

    for aid, choice in rules.rooms.items():
        if aid not in placed:
            continue
        room = placed[aid].room
        if choice.needs_room and room not in choice.rooms:
            what = f"in room {room}" if room else "without a room"
            options = ", ".join(choice.rooms) or "none fits"
            out.append(Violation(f"{acts[aid].describe(True)} is {what}; allowed: {options}",
                                 100, [aid], choice.hard_cids[0] if choice.hard_cids else None))
        for cid, weight, allowed, label in choice.soft:
            if room not in allowed:
                out.append(Violation(label, weight, [aid], cid))

    for block in rules.room_blocks:
        for aid, pl in placed.items():
            if pl.room == block.room and set(occupied(start[aid], acts[aid].duration)) & block.slots:
                out.append(Violation(block.label, block.weight, [aid], block.cid))

    for g in rules.groups:
        ids = [i for i in g.aids if i in start]
        if g.kind == "min_days":
            for i, x in enumerate(ids):
                for y in ids[i + 1:]:
                    if abs(start[x] // H - start[y] // H) < g.min_days:
                        out.append(Violation(g.label, g.weight, [x, y], g.cid))
        elif g.kind == "consecutive_if_same_day":
            for i, x in enumerate(ids):
                for y in ids[i + 1:]:
                    if start[x] // H == start[y] // H and not (
                            start[x] + acts[x].duration == start[y] or start[y] + acts[y].duration == start[x]):
                        out.append(Violation(g.label, g.weight, [x, y], g.cid))
        elif g.kind == "same_start":
            if len({start[i] for i in ids}) > 1:
                out.append(Violation(g.label, g.weight, ids, g.cid))
        else:
            for i, x in enumerate(ids):
                for y in ids[i + 1:]:
                    if set(occupied(start[x], acts[x].duration)) & set(occupied(start[y], acts[y].duration)):
                        out.append(Violation(g.label, g.weight, [x, y], g.cid))

    for load in rules.loads:
        ids = [i for i in load.aids if i in start]
        per_day: dict[int, list[int]] = defaultdict(list)
        for i in ids:
            per_day[start[i] // H].append(i)
        if load.kind == "max_hours_daily":
            for day, day_ids in per_day.items():
                if sum(acts[i].duration for i in day_ids) > load.limit:
                    out.append(Violation(f"{load.label} — {p.days[day]} is over", load.weight, day_ids, load.cid))
        elif load.kind == "max_days":
            if len(per_day) > load.limit:
                out.append(Violation(load.label, load.weight, ids, load.cid))
        elif load.kind == "max_gaps":
            gaps, gap_days = 0, []
            for day, day_ids in per_day.items():
                busy = {h for i in day_ids for h in occupied(start[i] % H, acts[i].duration)}
                free = {s % H for s in load.free_slots if s // H == day}
                n = sum(1 for h in range(min(busy), max(busy) + 1) if h not in busy and h not in free)
                if n:
                    gaps += n
                    gap_days.append(day)
            if gaps > load.limit:
                # Only the lessons of the days with gaps are "in conflict".
                involved = [i for d in gap_days for i in per_day[d]]
                out.append(Violation(f"{load.label} — has {gaps}", load.weight, involved, load.cid))
        elif load.kind == "early":
            late, late_days, never = 0, [], False
            for day, day_ids in per_day.items():
                first = min(start[i] % H for i in day_ids)
                if first >= 1:
                    late += 1
                    late_days.append(day)
                    never = never or first >= 2
            if never or late > load.limit:
                involved = [i for d in late_days for i in per_day[d]]
                out.append(Violation(load.label, load.weight, involved, load.cid))

    unplaced = sorted(aid for aid in acts if aid not in placed)
    return Evaluation(out, unplaced)
