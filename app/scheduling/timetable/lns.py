"""Large-neighbourhood search (LNS) around the best timetable so far, with CP-SAT.

Solving the whole school with CP-SAT after a first timetable spends its time on a model
far too big to improve within seconds. Instead the whole model (every hard rule, the soft
penalty as objective) is built *once*; then, again and again, every lesson outside a
small *neighbourhood* is fixed where it is (one constraint on a copy of the model), and
CP-SAT re-plans only the neighbourhood for a short time, hinted with the whole current
solution. Whether presolving such a sub-problem pays differs between schools, so it is
learnt while searching (:class:`_Presolve`). Before the neighbourhoods, short slices with
every lesson free let CP-SAT's own search work on the whole timetable, for as long as
that pays (small, dense schools).

Neighbourhoods are lessons that take part in a broken soft rule, one teacher's or one
students set's week, the lessons of two days, or lessons related (same teacher, students
or rule) to a random one, each grown to the current size. The size adapts: it grows when
CP-SAT explores a neighbourhood completely without finding anything better, or in not
much more than a sub-problem's fixed overhead, and shrinks when it runs out of time.

A new timetable is kept only when the checker (:func:`evaluate`, the same number
``timetable check`` prints) says every hard rule holds and the penalty is no higher;
strictly better ones are handed to ``on_better`` (the solver reports them live). Locked
lessons never move (their domain is one start in the model). Cancel stops the running
sub-solve within a fraction of a second; no sub-problem runs past the deadline.
"""

from __future__ import annotations

import random
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.core.progress import IsCancelled
from app.scheduling.timetable.cpsat import on_big_stack
from app.scheduling.timetable.evaluate import Evaluation, evaluate
from app.scheduling.timetable.model import Placement
from app.scheduling.timetable.rules import Rules

if TYPE_CHECKING:  # the solver imports this module lazily, inside its improvement stage
    from app.scheduling.timetable.solver import _Build

OnBetter = Callable[[list[Placement], Evaluation], None]
# (best, its evaluation) -> a better timetable found elsewhere, or None
Offers = Callable[[list[Placement], Evaluation], "tuple[list[Placement], Evaluation] | None"]
# solver.assign_rooms: (rules, starts, locked, room hints, time_limit=) -> (rooms, all assigned?)
AssignRooms = Callable[..., tuple[dict[int, str], bool]]

MIN_SIZE = 6
FIRST_SIZE = 24
SUB_SECONDS = 1.5  # time for one neighbourhood, at first (adapts within [0.5, 5] s)


@dataclass
class LnsResult:
    """The best timetable found (the incumbent if nothing better) and what the search did."""

    placements: list[Placement]
    evaluation: Evaluation
    improvements: int = 0  # strictly better timetables found
    neighbourhoods: int = 0  # sub-problems solved
    proven: bool = False  # a neighbourhood covering every movable lesson was solved to optimality
    cancelled: bool = False


class _Related:
    """Which lessons are related to which: same teacher, same students, same rule."""

    def __init__(self, rules: Rules, movable: list[int]) -> None:
        self.movable = movable
        movable_set = set(movable)
        self.members = _members(rules, movable_set)
        self.keys_of: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for key, ids in self.members.items():
            for x in ids:
                self.keys_of[x].append(key)
        self.resources = [k for k in self.members if k[0] in ("t", "s")]
        # Lessons bound to start together move together (else the rule pins them).
        self.together: dict[int, list[int]] = {}
        for g in rules.groups:
            if g.kind == "same_start" and g.weight >= 100:
                ids = [x for x in g.aids if x in movable_set]
                for x in ids:
                    self.together[x] = ids

    def grow(self, seeds: list[int], size: int, rng: random.Random,
             allowed: Callable[[int], bool] | None = None) -> set[int]:
        """``seeds`` and lessons related to them (breadth first, random order), up to ``size``."""
        chosen: set[int] = set()
        frontier = [s for s in seeds if allowed is None or allowed(s)]
        rng.shuffle(frontier)
        while frontier and len(chosen) < size:
            x = frontier.pop(0)
            if x in chosen:
                continue
            chosen.add(x)
            chosen.update(self.together.get(x, ()))
            keys = self.keys_of.get(x, [])
            for key in rng.sample(keys, len(keys)):
                ids = [y for y in self.members[key] if y not in chosen and (allowed is None or allowed(y))]
                frontier.extend(rng.sample(ids, min(len(ids), 4)))
        return chosen


def _members(rules: Rules, movable: set[int]) -> dict[tuple[str, str], list[int]]:
    """The movable lessons of each teacher ("t"), students atom ("s") and rule ("g")."""
    members: dict[tuple[str, str], list[int]] = defaultdict(list)
    for a in rules.acts:
        if a.id in movable:
            for t in a.teachers:
                members[("t", t)].append(a.id)
            for atom in rules.atoms_of[a.id]:
                members[("s", atom)].append(a.id)
    for g in rules.groups:
        ids = [x for x in g.aids if x in movable]
        if len(ids) > 1:
            members[("g", str(g.cid))] = ids
    return members


class _Neighbourhoods:
    """Picks the next set of lessons to re-plan, by turns of the kinds below."""

    KINDS = ("soft", "resource", "days", "related", "soft")

    def __init__(self, rules: Rules, related: _Related, rng: random.Random) -> None:
        self.rules = rules
        self.related = related
        self.rng = rng
        self.turn = 0
        self.n_days = rules.problem.n_days
        self.n_hours = rules.problem.n_hours

    def next(self, starts: dict[int, int], ev: Evaluation, size: int) -> set[int]:
        kind = self.KINDS[self.turn % len(self.KINDS)]
        self.turn += 1
        chosen = set()
        if kind == "soft":
            chosen = self._soft(ev, size)
        elif kind == "resource":
            chosen = self._resource(size)
        elif kind == "days":
            chosen = self._days(starts, size)
        if len(chosen) < MIN_SIZE:
            seeds = [self.rng.choice(self.related.movable)] if self.related.movable else []
            chosen |= self.related.grow(seeds, size - len(chosen), self.rng)
        return chosen

    def _soft(self, ev: Evaluation, size: int) -> set[int]:
        """Lessons of a few broken soft rules and the lessons around them."""
        movable = set(self.related.movable)
        broken = [v for v in ev.soft if any(a in movable for a in v.activity_ids)]
        if not broken:
            return set()
        picked = self.rng.sample(broken, min(len(broken), 3))
        seeds = [a for v in picked for a in v.activity_ids if a in movable]
        return self.related.grow(seeds, size, self.rng)

    def _resource(self, size: int) -> set[int]:
        """One teacher's or one students set's lessons, and related ones up to ``size``."""
        if not self.related.resources:
            return set()
        key = self.rng.choice(self.related.resources)
        return self.related.grow(list(self.related.members[key]), size, self.rng)

    def _days(self, starts: dict[int, int], size: int) -> set[int]:
        """Lessons on two days, related to a random one of them."""
        days = set(self.rng.sample(range(self.n_days), min(2, self.n_days)))
        H = self.n_hours

        def on_days(x: int) -> bool:
            return x in starts and starts[x] // H in days

        seeds = [x for x in self.related.movable if on_days(x)]
        if not seeds:
            return set()
        return self.related.grow([self.rng.choice(seeds)], size, self.rng, on_days)


class _Size:
    """The neighbourhood size and time per sub-problem, adapted to how the last went.

    Every sub-problem costs a fixed overhead (loading the whole model, fixed lessons
    included: measured once, with every lesson fixed), so a neighbourhood solved in not
    much more than that is too small to pay for it, even when it found something better.
    """

    def __init__(self, n_movable: int) -> None:
        self.limit = max(1, n_movable)
        self.size = float(min(FIRST_SIZE, self.limit))
        self.seconds = SUB_SECONDS
        self.overhead = 0.0

    @property
    def value(self) -> int:
        return max(1, min(self.limit, int(self.size)))

    def measured(self, overhead: float) -> None:
        self.overhead = overhead
        self.seconds = min(5.0, max(SUB_SECONDS, 4 * overhead))

    def solved(self, seconds: float, better: bool) -> None:
        """Solved to optimality: look wider if nothing better was there, or if it was
        quick (little more than the overhead)."""
        if seconds < 2 * self.overhead:
            self.size = min(float(self.limit), self.size * 1.5 + 1)
        elif not better:
            self.size = min(float(self.limit), self.size * 1.25 + 1)

    def timed_out(self) -> None:
        """Out of time inside, nothing better found: look narrower, or give a bit more
        time when already small."""
        if self.size > MIN_SIZE * 2:
            self.size = max(float(MIN_SIZE), self.size * 0.8)
        else:
            self.seconds = min(5.0, self.seconds * 1.3)


class _Presolve:
    """Whether to presolve a sub-problem, learnt while searching.

    Presolve walks the whole model (the fixed lessons too) every time. Measured on FET's
    examples, without it a neighbourhood of Lom high school (448 lessons) is solved 2-4x
    faster; with it one of a Greek exam school (86 lessons, dense rules) 2x faster. So
    both are tried and the one with fewer seconds per free lesson is kept (an average
    that follows recent sub-problems), trying the other now and then.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.cost: dict[bool, float | None] = {False: None, True: None}
        self.turn = 0

    def pick(self) -> bool:
        self.turn += 1
        untried = [arm for arm, cost in self.cost.items() if cost is None]
        if untried:
            return untried[0]
        if self.rng.random() < 0.15:
            return self.rng.random() < 0.5
        on, off = self.cost[True], self.cost[False]
        return on is not None and off is not None and on < off

    def record(self, arm: bool, seconds: float, size: int, finished: bool) -> None:
        """A sub-problem of ``size`` lessons took ``seconds`` (``finished``: solved to
        optimality, else it ran out of time and counts double)."""
        cost = seconds / max(1, size) * (1 if finished else 2)
        old = self.cost[arm]
        self.cost[arm] = cost if old is None else 0.7 * old + 0.3 * cost


def _stop_on_cancel(solver: Any, cancelled: IsCancelled | None) -> Callable[[], bool]:
    """Watch ``cancelled`` while ``solver`` runs; returns "stop watching, was it cancelled?"."""
    if cancelled is None:
        return lambda: False
    done = threading.Event()
    hit: list[bool] = []

    def run() -> None:
        while not done.wait(0.05):
            if cancelled():
                hit.append(True)
                solver.stop_search()
                return

    thread = threading.Thread(target=run, name="lns-cancel", daemon=True)
    thread.start()

    def stop() -> bool:
        done.set()
        thread.join(timeout=1)
        return bool(hit)

    return stop


@dataclass
class _Sub:
    """What one sub-problem gave: CP-SAT's status, the new starts of the free lessons,
    its objective (the time part of the penalty) and whether it was cancelled."""

    status: int
    starts: dict[int, int]
    objective: int | None
    cancelled: bool
    values: list[int]  # every variable of the model (a complete hint for the next one)
    seconds: float = 0.0


class _Lns:
    """One search: the model, the incumbent and the bookkeeping."""

    def __init__(self, build: _Build, locks: dict[int, Placement], placements: list[Placement],
                 ev: Evaluation, workers: int, seed: int, assign_rooms: AssignRooms) -> None:
        self.build = build
        self.assign_rooms = assign_rooms
        self.rules = build.rules
        self.cp = build.cp
        self.locks = locks
        self.H = build.p.n_hours
        self.workers = workers
        self.best = list(placements)
        self.best_ev = ev
        self.starts = {pl.activity_id: pl.day * self.H + pl.hour for pl in placements}
        self.rooms = {pl.activity_id: pl.room for pl in placements}
        movable = sorted(a for a, lits in build.st.items() if len(lits) > 1 and a not in locks)
        self.rng = random.Random(seed)
        self.related = _Related(self.rules, movable)
        self.picker = _Neighbourhoods(self.rules, self.related, self.rng)
        self.size = _Size(len(movable))
        self.presolve = _Presolve(self.rng)
        self.n_movable = len(movable)
        self.values: list[int] | None = None  # the incumbent as a full solution of the model

    def sub_model(self, free: set[int]) -> Any:
        """A copy of the model with every lesson outside ``free`` fixed at its start,
        hinted with the incumbent (every variable, when a full solution is known)."""
        sub = self.build.m.clone()
        sub.clear_hints()
        fixed = []
        for aid, lits in self.build.st.items():
            t = self.starts.get(aid)
            if t is None or t not in lits:
                continue
            if aid not in free and len(lits) > 1:
                fixed.append(sub.get_bool_var_from_proto_index(lits[t].index))
            elif self.values is None:
                for u, v in lits.items():
                    sub.add_hint(sub.get_bool_var_from_proto_index(v.index), u == t)
        if self.values is not None:
            hint = sub.proto.solution_hint
            hint.vars.extend(range(len(self.values)))
            hint.values.extend(self.values)
        if fixed:
            sub.add_bool_and(fixed)
        return sub

    def solve_sub(self, free: set[int], seconds: float, cancelled: IsCancelled | None,
                  presolve: bool | None = None) -> _Sub:
        """Re-plan ``free`` for at most ``seconds`` (presolved as learnt, unless told)."""
        solver = self.cp.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.05, seconds)
        solver.parameters.num_workers = self.workers
        arm = presolve if presolve is not None else self.presolve.pick() if free else False
        solver.parameters.cp_model_presolve = arm
        if presolve:  # the whole timetable: one presolve pass (more took seconds and gained nothing)
            solver.parameters.max_presolve_iterations = 1
        stop = _stop_on_cancel(solver, cancelled)
        t0 = time.monotonic()
        try:
            sub = on_big_stack(lambda: self._solve(solver, free), "cp-sat-lns")
        finally:
            was_cancelled = stop()
        sub.cancelled, sub.seconds = was_cancelled, time.monotonic() - t0
        if free and not was_cancelled:
            self.presolve.record(arm, sub.seconds, len(free), sub.status == self.cp.OPTIMAL)
        return sub

    def _solve(self, solver: Any, free: set[int]) -> _Sub:
        """Build the sub-problem, solve it and read what it found, all on one thread that
        Python started: from the app's worker threads (started by Qt), reading CP-SAT's
        answer deadlocked on the interpreter lock now and then."""
        status = solver.solve(self.sub_model(free))
        if status not in (self.cp.OPTIMAL, self.cp.FEASIBLE):
            return _Sub(status, {}, None, False, [])
        new = {}
        for aid in free:
            for t, v in self.build.st.get(aid, {}).items():
                if solver.boolean_value(v):
                    new[aid] = t
                    break
        return _Sub(status, new, round(solver.objective_value), False, list(solver.response_proto.solution))

    def candidate(self, new: dict[int, int], deadline: float) -> tuple[list[Placement], Evaluation] | None:
        """The incumbent with ``new`` starts, rooms assigned, if it meets every hard rule."""
        moved = {a: t for a, t in new.items() if self.starts.get(a) != t}
        if not moved:
            return None
        starts = {**self.starts, **moved}
        # Lessons that did not move keep their rooms; only the moved ones get new ones.
        pinned = {a: Placement(a, t // self.H, t % self.H, self.rooms.get(a, ""), a in self.locks)
                  for a, t in self.starts.items() if a not in moved}
        seconds = min(2.0, max(0.1, deadline - time.monotonic()))
        rooms, ok = self.assign_rooms(self.rules, starts, pinned, time_limit=seconds)
        if not ok:
            # The moved lessons need rooms others hold: let every room change (rarely needed).
            rooms, ok = self.assign_rooms(self.rules, starts, self.locks, self.rooms, time_limit=seconds)
            if not ok:
                return None
        placements = [Placement(a, t // self.H, t % self.H, rooms.get(a, ""), locked=a in self.locks)
                      for a, t in sorted(starts.items())]
        ev = evaluate(self.rules, placements)
        if not ev.hard_ok:
            return None
        return placements, ev

    def accept(self, placements: list[Placement], ev: Evaluation, values: list[int] | None) -> None:
        self.best, self.best_ev, self.values = placements, ev, values
        self.starts = {pl.activity_id: pl.day * self.H + pl.hour for pl in placements}
        self.rooms = {pl.activity_id: pl.room for pl in placements}


def improve_lns(
    build: _Build,
    locks: dict[int, Placement],
    placements: list[Placement],
    evaluation: Evaluation,
    assign_rooms: AssignRooms,
    *,
    deadline: float,
    workers: int = 1,
    cancelled: IsCancelled | None = None,
    on_better: OnBetter | None = None,
    seed: int = 1,
    offers: Offers | None = None,
) -> LnsResult:
    """Lower the penalty of ``placements`` (which meet every hard rule) until ``deadline``
    (a ``time.monotonic()`` instant) or cancel. ``build`` is the whole model with the soft
    penalty as objective (``_Build(...)`` then ``.minimize()``), built with ``locks``;
    ``assign_rooms`` is the solver's (rooms for lessons whose times are fixed).
    ``offers(best, evaluation)``, asked between steps, may hand over a better timetable
    found elsewhere (already reported): the search carries on from it."""
    lns = _Lns(build, locks, placements, evaluation, max(1, workers), seed, assign_rooms)
    out = LnsResult(lns.best, lns.best_ev)
    if lns.n_movable and evaluation.time_penalty > 0:
        # Every lesson fixed: the values of the model's other variables, for complete hints.
        first = lns.solve_sub(set(), min(2.0, max(0.05, deadline - time.monotonic())), cancelled)
        if first.status == lns.cp.INFEASIBLE:
            return out  # the model refuses the incumbent (a bug if ever): never search then
        if first.objective == evaluation.time_penalty:
            lns.values = first.values
        lns.size.measured(first.seconds)
        out.cancelled = first.cancelled
        _whole(lns, out, deadline, cancelled, on_better, offers)
    while lns.n_movable and lns.best_ev.time_penalty > 0 and not out.cancelled:
        _take_offer(lns, out, offers)
        left = deadline - time.monotonic()
        if left < 0.05:
            break
        free = lns.picker.next(lns.starts, lns.best_ev, lns.size.value)
        sub = lns.solve_sub(free, min(lns.size.seconds, left), cancelled)
        out.neighbourhoods += 1
        if sub.cancelled:
            out.cancelled = True
            break
        _step(lns, out, free, sub, on_better, deadline)
        if out.proven:
            break
    out.placements, out.evaluation = lns.best, lns.best_ev
    return out


WHOLE_FIRST, WHOLE_SHARE, WHOLE_GAIN = 3.0, 0.2, 0.1


def _take_offer(lns: _Lns, out: LnsResult, offers: Offers | None) -> None:
    got = offers(lns.best, lns.best_ev) if offers is not None else None
    if got is not None and got[1].penalty < lns.best_ev.penalty:
        lns.accept(got[0], got[1], None)
        out.improvements += 1


def _whole(lns: _Lns, out: LnsResult, deadline: float, cancelled: IsCancelled | None,
           on_better: OnBetter | None, offers: Offers | None = None) -> None:
    """Every movable lesson free, for slices that double while each lowers the penalty by
    a tenth or more: on small or dense schools CP-SAT's own search (local search and
    neighbourhoods over the whole model) improves faster than ours (FET's Greek exam
    example: 5190 to 1760 in 3 s) and may prove the timetable optimal; on large ones it
    finds little in the first short slice (Lom high school, Sacred Heart College 2013)
    and the neighbourhoods take over."""
    size = lns.size.size
    limit = WHOLE_FIRST
    while not out.cancelled and not out.proven and lns.best_ev.time_penalty > 0:
        seconds = min(WHOLE_SHARE * (deadline - time.monotonic()), limit + lns.size.overhead)
        if seconds < 0.5:
            break
        _take_offer(lns, out, offers)
        before = lns.best_ev.penalty
        free = set(lns.related.movable)
        sub = lns.solve_sub(free, seconds, cancelled, presolve=True)
        out.neighbourhoods += 1
        out.cancelled = sub.cancelled
        if sub.cancelled:
            break
        _step(lns, out, free, sub, on_better, deadline)
        if lns.best_ev.penalty > before * (1 - WHOLE_GAIN):
            break
        limit *= 2
    lns.size.size = size  # the neighbourhoods start small all the same


def _step(lns: _Lns, out: LnsResult, free: set[int], sub: _Sub, on_better: OnBetter | None,
          deadline: float) -> None:
    """Keep what the sub-problem found if the checker agrees; adapt the size."""
    found = lns.candidate(sub.starts, deadline) if sub.starts else None
    better = False
    if found is not None and found[1].penalty <= lns.best_ev.penalty:
        better = found[1].penalty < lns.best_ev.penalty
        lns.accept(*found, sub.values)  # equal penalty too: moving along a plateau helps the next step
        if better:
            out.improvements += 1
            if on_better is not None:
                on_better(*found)
    if sub.status == lns.cp.OPTIMAL:
        # The best with only these lessons moving. Proven for the whole timetable when
        # every movable lesson was free, the incumbent reaches that optimum and rooms add nothing.
        ev = lns.best_ev
        if len(free) >= lns.n_movable and sub.objective is not None and ev.time_penalty <= sub.objective \
                and ev.penalty == ev.time_penalty:
            out.proven = True
        lns.size.solved(sub.seconds, better)
    elif not better:
        lns.size.timed_out()
