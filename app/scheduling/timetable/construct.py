"""A first timetable fast: greedy placement, then min-conflicts local search with tabu.

CP-SAT proves and optimises well but is slow to a *first* timetable on real schools (and
building its model alone takes seconds). Like FET's recursive swapping, this places the
most constrained lessons first, each at the start that breaks the fewest hard rules, then
keeps moving a lesson that breaks a rule to its least-conflicting start (a move that
undoes a recent one is tabu) until no hard rule is broken. Every hard rule the solver
models is counted here with the same meaning as in :mod:`evaluate` — clashes of
teachers, students and rooms (room pools by Hall's condition, as in the CP-SAT model),
start rules, min/max days between, same start, not overlapping, consecutive if same day,
daily hours, days a week (in an hour interval too), gaps, early starts, the span of a
day, the rest between days, selected slots taken ("occupy max time slots from
selection"), lessons at once in selected slots ("max simultaneous") — so a result with
no conflicts is a timetable the checker accepts (rooms are then assigned exactly by
:func:`assign_rooms`, which holds the room rules, "same room if consecutive" among them).
The soft penalty is left to CP-SAT, which starts from this timetable.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from app.scheduling.timetable.evaluate import unit_cost
from app.scheduling.timetable.model import Placement
from app.scheduling.timetable.rules import (
    HELD_SOFT_KINDS,
    STAR_KINDS,
    GroupRule,
    LoadRule,
    Rules,
    StartRule,
    placing_pools,
    rests_broken,
)

HARD = 1_000_000  # one broken hard rule outweighs any soft penalty
# Load rules over the whole week (days counted), where any of their lessons may be the one
# to move; min hours daily is here for days without lessons.
DAY_COUNT_KINDS = frozenset({"max_days", "interval_max_days", "min_days_week", "min_hours_daily"})


@dataclass
class Construction:
    starts: dict[int, int]
    conflicts: int  # hard rules still broken (0: a timetable)
    moves: int
    seconds: float


class _Load:
    """Per-day hours of one teacher's or students set's hard load rule, kept up to date
    so that the change a move makes is computed from one day alone."""

    def __init__(self, rule: LoadRule, n_days: int, n_hours: int) -> None:
        self.rule = rule
        self.n_hours = n_hours
        self.count = [[0] * n_hours for _ in range(n_days)]
        self.masks = [0] * n_days  # bit h set: some lesson at hour h
        self.hours = [0] * n_days
        self.free = [0] * n_days  # bitmask of hours that are not gaps
        lo, hi = rule.interval
        self.window = ((1 << hi) - 1) & ~((1 << lo) - 1)  # interval_max_days: the interval's hours
        for s in rule.free_slots:
            self.free[s // n_hours] |= 1 << (s % n_hours)
        self.parts = [0] * n_days  # this day's share of the measure (gaps, late, worked, excess)
        self.total = 0
        self.never = [0] * n_days  # early: the day starts after the second hour
        self.never_total = 0
        self.now = 0  # the current violation
        # An empty day may already break a rule (min hours daily, empty days not allowed).
        for d in range(n_days):
            self.parts[d] = self.part(d, 0, 0)[0]
        self.total = sum(self.parts)
        self.now = self.violation(self.total, 0)

    def part(self, d: int, mask: int, hours: int) -> tuple[int, int]:
        kind = self.rule.kind
        if kind == "max_hours_daily":
            return max(0, hours - self.rule.limit), 0
        if kind == "min_hours_daily":  # hours short of the minimum
            return (max(0, self.rule.limit - hours) if hours or not self.rule.allow_empty else 0), 0
        if kind == "max_hours_continuously":  # hours beyond the limit in each run
            return _run_excess(mask, self.rule.limit), 0
        if mask == 0:
            return 0, 0
        if kind == "max_span":  # hours beyond the span, and whether the exception covers them
            excess = max(0, mask.bit_length() - ((mask & -mask).bit_length() - 1) - self.rule.limit)
            return excess, int(excess == 1)
        if kind in ("max_days", "min_days_week"):  # the day is worked
            return 1, 0
        if kind == "interval_max_days":  # a day with a lesson in the hour interval
            return int(bool(mask & self.window)), 0
        low = (mask & -mask).bit_length() - 1
        if kind == "early":  # hours before the first lesson, free hours not counted
            first = ((1 << low) - 1 & ~self.free[d]).bit_count()
            return int(first >= 1), int(first >= 2)
        span = ((1 << mask.bit_length()) - 1) & ~((1 << low) - 1)
        gaps = (span & ~mask & ~self.free[d]).bit_count()
        if kind == "max_gaps_daily":  # gap hours beyond the day's allowance
            return max(0, gaps - self.rule.limit), 0
        return gaps, 0

    def violation(self, total: int, never: int) -> int:
        kind = self.rule.kind
        if kind in ("max_hours_daily", "min_hours_daily", "max_gaps_daily", "max_hours_continuously"):
            return total
        if kind == "early":
            return max(0, total - self.rule.limit) + never
        if kind == "min_days_week":  # days short of the minimum
            return max(0, self.rule.limit - total)
        if kind == "max_span":  # one day an hour over is allowed with the exception
            return total - int(self.rule.plus_one and never > 0)
        return max(0, total - self.rule.limit)

    def current(self) -> int:
        return self.now

    def change(self, d: int, hour: int, duration: int, sign: int) -> None:
        row = self.count[d]
        mask = self.masks[d]
        for h in range(hour, hour + duration):
            row[h] += sign
            if row[h]:
                mask |= 1 << h
            else:
                mask &= ~(1 << h)
        self.masks[d] = mask
        self.hours[d] += sign * duration
        if self.rule.kind == "min_rest":  # nights span two days: counted whole, per day touched
            self.parts = self._rest_parts(self.masks)
            self.now = sum(self.parts) // 2
            return
        part, never = self.part(d, mask, self.hours[d])
        self.total += part - self.parts[d]
        self.parts[d] = part
        self.never_total += never - self.never[d]
        self.never[d] = never
        self.now = self.violation(self.total, self.never_total)

    def delta_add(self, d: int, hour: int, duration: int) -> int:
        """Violation change if a lesson of ``duration`` were added at ``hour`` of day ``d``."""
        m = self.masks[d] | (((1 << duration) - 1) << hour)
        if self.rule.kind == "min_rest":
            masks = self.masks.copy()
            masks[d] = m
            return sum(self._rest_parts(masks)) // 2 - self.now
        part, never = self.part(d, m, self.hours[d] + duration)
        after = self.violation(self.total - self.parts[d] + part, self.never_total - self.never[d] + never)
        return after - self.now

    def _rest_parts(self, masks: list[int]) -> list[int]:
        """Min resting hours: per day, the nights too short before or after it."""
        parts = [0] * len(masks)
        for d, e, _rest in rests_broken(masks, self.rule.limit, self.n_hours, self.rule.circular):
            parts[d] += 1
            parts[e] += 1
        return parts


def _run_excess(mask: int, limit: int) -> int:
    """Hours beyond ``limit`` in each run of set bits of ``mask``."""
    excess = 0
    while mask:
        low = mask & -mask
        run = ((mask + low) ^ mask) & mask  # the lowest run of set bits
        excess += max(0, run.bit_count() - limit)
        mask &= ~run
    return excess


def construct(  # noqa: C901 - one search loop, kept in one place for speed
    rules: Rules,
    locks: dict[int, Placement],
    *,
    time_limit: float = 30.0,
    seed: int = 1,
    cancelled: Callable[[], bool] | None = None,
    initial: dict[int, int] | None = None,
) -> Construction:
    """Place every lesson breaking no modelled hard rule, or as few as the time allows.

    ``initial`` (a partial timetable, e.g. :func:`~app.scheduling.timetable.place.place_all`'s
    best) is kept where its starts are allowed; the other lessons are placed greedily."""
    t0 = time.monotonic()
    rng = random.Random(seed)
    p = rules.problem
    H, S = p.n_hours, p.n_slots
    acts = {a.id: a for a in rules.acts}
    dur = {aid: a.duration for aid, a in acts.items()}

    # Domains: where a lesson may start under the hard start rules and locks.
    domain = {aid: set(s) for aid, s in rules.base_starts.items()}
    for r in rules.start_rules:
        if r.weight >= 100:
            domain[r.aid] &= r.starts
    for aid, lock in locks.items():
        if aid in domain:
            domain[aid] &= {lock.day * H + lock.hour}
    blocked: dict[str, set[int]] = defaultdict(set)
    for b in rules.room_blocks:
        if b.weight >= 100:
            blocked[b.room] |= b.slots

    # Resources with a capacity per slot: teachers, students (distinct activity sets of
    # subgroups), and room pools (every pool counts the lessons whose pool lies inside it).
    res_of: dict[int, list[int]] = defaultdict(list)
    cap: list[list[int]] = []

    def resource(members: list[int], capacity: list[int]) -> None:
        rid = len(cap)
        cap.append(capacity)
        for aid in members:
            res_of[aid].append(rid)

    for teacher_aids in rules.by_teacher().values():
        resource(teacher_aids, [1] * S)
    student_res: dict[int, list[int]] = defaultdict(list)  # lesson -> its students' resources
    for atom_aids in rules.atom_groups():
        for aid in atom_aids:
            student_res[aid].append(len(cap))
        resource(sorted(atom_aids), [1] * S)
    pools: dict[frozenset[str], list[int]] = defaultdict(list)
    narrowed = placing_pools(rules, locks)  # "occupy max different rooms": rooms chosen up front
    for aid, choice in rules.rooms.items():
        if choice.needs_room:
            pools[frozenset(narrowed.get(aid, choice.rooms))].append(aid)
            if not choice.rooms:
                domain[aid] = set()  # no room fits: cannot be placed
    for pool in pools:
        members = [aid for other, aids in pools.items() if other <= pool for aid in aids]
        resource(members, [sum(1 for r in pool if s not in blocked.get(r, ())) for s in range(S)])
    for aid, choice in rules.rooms.items():
        if choice.needs_room and len(choice.rooms) == 1 and blocked.get(choice.rooms[0]):
            closed = blocked[choice.rooms[0]]
            domain[aid] = {t for t in domain[aid] if not any(t + k in closed for k in range(dur[aid]))}
    use = [[0] * S for _ in cap]
    who: list[list[set[int]]] = [[set() for _ in range(S)] for _ in cap]

    loads = [_Load(r, p.n_days, H) for r in rules.loads if r.weight >= 100]
    loads_of: dict[int, list[_Load]] = defaultdict(list)
    for ld in loads:
        for aid in ld.rule.aids:
            if aid in acts:
                loads_of[aid].append(ld)
    groups = [g for g in rules.groups if g.weight >= 100]
    groups_of: dict[int, list[GroupRule]] = defaultdict(list)
    for g in groups:
        for aid in g.aids:
            if aid in acts:
                groups_of[aid].append(g)
    # "Occupy max time slots from selection": per rule, its lessons in each slot, and the
    # selected slots taken; a slot taken beyond the limit counts as one broken rule. "Max
    # simultaneous": each lesson beyond the limit in a selected slot counts as one.
    occupy = rules.occupy
    occupy_of: dict[int, list[int]] = defaultdict(list)
    for q, oc in enumerate(occupy):
        for aid in oc.aids:
            if aid in acts:
                occupy_of[aid].append(q)
    oc_count = [[0] * S for _ in occupy]
    oc_used = [0] * len(occupy)

    def occupy_cost(aid: int, t: int) -> int:
        n = 0
        for q in occupy_of[aid]:
            oc, row = occupy[q], oc_count[q]
            if oc.per_slot:  # "max simultaneous": one more lesson in each full slot
                n += sum(1 for s in range(t, t + dur[aid]) if s in oc.slots and row[s] >= oc.limit)
                continue
            new = sum(1 for s in range(t, t + dur[aid]) if s in oc.slots and not row[s])
            n += max(0, oc_used[q] + new - oc.limit) - max(0, oc_used[q] - oc.limit)
        return n

    def occupy_broken(q: int, aid: int) -> bool:
        """Occupy rule ``q`` broken where placed lesson ``aid`` could mend it."""
        oc, row = occupy[q], oc_count[q]
        if oc.per_slot:
            return any(row[s] > oc.limit for s in range(start[aid], start[aid] + dur[aid]) if s in oc.slots)
        return oc_used[q] > oc.limit

    def occupy_count(aid: int, t: int, step: int) -> None:
        for q in occupy_of[aid]:
            oc, row = occupy[q], oc_count[q]
            for s in range(t, t + dur[aid]):
                if s in oc.slots:
                    row[s] += step
                    if row[s] == (1 if step > 0 else 0):
                        oc_used[q] += step

    # Soft rules break ties between equally good starts (a hard rule always weighs more),
    # so the first timetable already keeps most soft wishes: min-days and same-start
    # pairs, preferred times.
    soft_groups_of: dict[int, list[GroupRule]] = defaultdict(list)
    for g in rules.groups:
        if g.weight < 100 and g.kind in HELD_SOFT_KINDS:
            for aid in g.aids:
                if aid in acts:
                    soft_groups_of[aid].append(g)
    soft_starts_of: dict[int, list[StartRule]] = defaultdict(list)
    for r in rules.start_rules:
        if r.weight < 100 and r.aid in acts:
            soft_starts_of[r.aid].append(r)

    start: dict[int, int] = {}
    empty = [aid for aid in acts if not domain[aid]]
    order = sorted((aid for aid in acts if domain[aid]),
                   key=lambda a: (a not in locks, len(domain[a]) / dur[a], -len(res_of[a]) - len(groups_of[a]),
                                  rng.random()))
    dom_list = {aid: sorted(domain[aid]) for aid in acts}

    def pair_cost(g: GroupRule, aid: int, t: int) -> int:
        n = 0
        before = False  # whether ``aid`` is listed before ``other`` in the rule
        star = g.kind in STAR_KINDS and aid != g.aids[0]
        for other in g.aids:
            if other == aid:
                before = True
            elif other in start and not (star and other != g.aids[0]):
                u = start[other]
                n += (g.times_broken(t, dur[aid], u, dur[other], H) if before
                      else g.times_broken(u, dur[other], t, dur[aid], H))
        return n

    def cost_at(aid: int, t: int) -> int:
        """Hard rules broken by placing ``aid`` (currently not placed) at ``t`` (× HARD),
        plus the soft penalty it adds."""
        n = 0
        d = dur[aid]
        for rid in res_of[aid]:
            row, c = use[rid], cap[rid]
            for s in range(t, t + d):
                if row[s] >= c[s]:
                    n += 1
        day, hour = divmod(t, H)
        for ld in loads_of[aid]:
            n += ld.delta_add(day, hour, d)
        for g in groups_of[aid]:
            n += pair_cost(g, aid, t)
        n += occupy_cost(aid, t)
        soft = 0
        for g in soft_groups_of[aid]:
            soft += unit_cost(g.weight) * pair_cost(g, aid, t)
        for r in soft_starts_of[aid]:
            soft += unit_cost(r.weight) * r.broken(t, d)
        return n * HARD + min(soft, HARD - 1)

    def place(aid: int, t: int) -> None:
        start[aid] = t
        d = dur[aid]
        for rid in res_of[aid]:
            row, here = use[rid], who[rid]
            for s in range(t, t + d):
                row[s] += 1
                here[s].add(aid)
        day, hour = divmod(t, H)
        for ld in loads_of[aid]:
            ld.change(day, hour, d, +1)
        occupy_count(aid, t, 1)

    def unplace(aid: int) -> int:
        t = start.pop(aid)
        d = dur[aid]
        for rid in res_of[aid]:
            row, here = use[rid], who[rid]
            for s in range(t, t + d):
                row[s] -= 1
                here[s].discard(aid)
        day, hour = divmod(t, H)
        for ld in loads_of[aid]:
            ld.change(day, hour, d, -1)
        occupy_count(aid, t, -1)
        return t

    def best_start(aid: int, avoid: int | None, it: int) -> tuple[int, int]:
        best, best_cost, ties = -1, 1 << 30, 0
        for t in dom_list[aid]:
            if t == avoid:
                continue
            if tabu.get((aid, t), -1) > it:
                continue
            c = cost_at(aid, t)
            if c < best_cost:
                best, best_cost, ties = t, c, 1
                if c == 0 and avoid is None:
                    break  # nothing better exists
            elif c == best_cost:
                ties += 1
                if rng.random() * ties < 1:
                    best = t
        if best < 0:  # everything tabu: take any start
            best = rng.choice(dom_list[aid])
            best_cost = cost_at(aid, best)
        return best, best_cost

    tabu: dict[tuple[int, int], int] = {}
    # 1. Greedy: the most constrained first, each at its least-conflicting start.
    initial = initial or {}
    for aid in sorted(order, key=lambda a: a not in initial):
        t = initial.get(aid, -1)
        if t not in domain[aid]:
            t, _c = best_start(aid, None, 0)
        place(aid, t)

    def is_bad(aid: int) -> bool:
        """Whether ``aid`` takes part in a broken hard rule where it is."""
        t = start[aid]
        for rid in res_of[aid]:
            row, c = use[rid], cap[rid]
            for s in range(t, t + dur[aid]):
                if row[s] > c[s]:
                    return True
        day = t // H
        for ld in loads_of[aid]:
            # Days a week (too many or too few), and hours short on a day without lessons:
            # every lesson of the rule may be the one to move.
            if ld.current() > 0 and (ld.rule.kind in DAY_COUNT_KINDS or ld.parts[day] > 0
                                     or ld.never[day]):
                return True
        if any(occupy_broken(q, aid) for q in occupy_of[aid]):
            return True
        return any(pair_cost(g, aid, t) for g in groups_of[aid])

    def conflicted() -> list[int]:
        return [aid for aid in start if is_bad(aid)]

    def neighbours(aid: int, t: int) -> set[int]:
        """Lessons whose conflicts may change when ``aid`` moves to or from ``t``."""
        out: set[int] = set()
        day = t // H
        for rid in res_of[aid]:
            here = who[rid]
            for s in range(day * H, day * H + H):
                out |= here[s]
        for g in groups_of[aid]:
            out.update(x for x in g.aids if x in start)
        for q in occupy_of[aid]:
            out.update(x for x in occupy[q].aids if x in start)
        out.discard(aid)
        return out

    def best_swap(aid: int, old: int, here: int, it: int) -> tuple[int | None, int]:
        """The lesson of the same students whose time ``aid`` (unplaced, from ``old``) is
        best exchanged with, and the change in conflicts."""
        best, best_delta = None, 1 << 62
        seen: set[int] = set()
        for rid in student_res[aid]:
            for slots in who[rid]:
                for b in slots:
                    if b in seen or b == aid or b in locks or dur[b] != dur[aid]:
                        continue
                    seen.add(b)
                    tb = start[b]
                    if tb not in domain[aid] or old not in domain[b] or tabu.get((aid, tb), -1) > it:
                        continue
                    unplace(b)
                    before = here + cost_at(b, tb)
                    after = cost_at(aid, tb)
                    place(aid, tb)
                    after += cost_at(b, old)
                    unplace(aid)
                    place(b, tb)
                    if after - before < best_delta:
                        best, best_delta = b, after - before
        return best, best_delta

    # 2. Min-conflicts with tabu: move a conflicting lesson to its best other start; only
    # the lessons around the move are re-checked.
    moves = 0
    bad = set(conflicted())
    best_conflicts, best_starts = len(bad), dict(start)
    it = 0
    tenure = 10
    deadline = t0 + time_limit
    movable = {a for a in acts if a not in locks and len(dom_list[a]) > 1}
    improved_at, stall = 0, max(2000, 20 * len(acts))
    improved_time, patience = time.monotonic(), max(1.0, 0.2 * time_limit)
    while bad:
        if (it & 15) == 0:
            now = time.monotonic()
            if now > deadline or now - improved_time > patience or (cancelled is not None and cancelled()):
                break  # out of time, stuck (or no timetable exists), or cancelled
        it += 1
        choices = [a for a in bad if a in movable] if (it & 15) == 0 or not bad <= movable else None
        if choices is not None and not choices:
            break  # only locked or fixed lessons conflict: nothing to move
        aid = rng.choice(choices if choices is not None else tuple(bad))
        old = unplace(aid)
        here = cost_at(aid, old)
        t, cost = best_start(aid, old, it)
        partner = None
        if cost >= here:
            # No single move helps: try exchanging times with a lesson of the same
            # students (which keeps their days compact), as FET's swaps do.
            partner, swap_delta = best_swap(aid, old, here, it)
            if partner is None or swap_delta >= cost - here:
                partner = None
        if partner is not None:
            t = start[partner]
            unplace(partner)
            place(aid, t)
            place(partner, old)
            tabu[(partner, t)] = it + tenure + rng.randint(0, tenure)
        else:
            if rng.random() < 0.02:
                t = rng.choice(dom_list[aid])  # a random walk step, against cycling
            place(aid, t)
        tabu[(aid, old)] = it + tenure + rng.randint(0, tenure)
        moves += 1
        for x in neighbours(aid, old) | neighbours(aid, t):
            if is_bad(x):
                bad.add(x)
            else:
                bad.discard(x)
        if is_bad(aid):
            bad.add(aid)
        else:
            bad.discard(aid)
        if len(bad) < best_conflicts:
            best_conflicts, best_starts, improved_at, improved_time = len(bad), dict(start), it, time.monotonic()
        elif it - improved_at > stall:
            break  # stuck (or no timetable exists): leave the rest of the time to CP-SAT
    if bad:
        for aid in list(start):
            unplace(aid)
        for aid, t in best_starts.items():
            place(aid, t)
    # Recounted from scratch (the result never understates), plus lessons with no start.
    conflicts = len(conflicted()) + len(empty)
    return Construction(dict(start), conflicts, moves, time.monotonic() - t0)
