"""Timetables with OR-Tools CP-SAT: a first feasible week fast, then better ones.

The model keeps one start variable per lesson (flattened slot) and one boolean per
(lesson, day); intervals with no-overlap for each teacher, each distinct students set and
each room; rooms are chosen with optional intervals only where a lesson has several
rooms to choose from. Hard constraints shrink domains or become constraints; soft ones
(FET weight below 100 %) become penalty literals weighted by their percentage.

When there is no timetable, :func:`diagnose` builds a *relaxed* twin of the model in
which every hard constraint and every lesson carries an assumption literal; CP-SAT's
sufficient assumptions name the constraints and lessons that cannot all hold, and a
"place as many lessons as possible" solve gives the best partial timetable.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from app.scheduling.timetable.evaluate import Evaluation, evaluate
from app.scheduling.timetable.model import Placement, Problem
from app.scheduling.timetable.rules import Rules, compile_rules, slot_name

Progress = Callable[[float, str], None]
Cancelled = Callable[[], bool]


@dataclass
class Diagnosis:
    """Why no timetable exists, in a scheduler's words, and the best partial one."""

    constraints: list[str]  # the hard constraints that cannot all hold together
    activities: list[int]  # lessons involved in that conflict
    explanation: list[str]  # ready-to-print sentences
    partial: list[Placement] = field(default_factory=list)
    unplaced: list[int] = field(default_factory=list)
    proven: bool = True  # False when the search for the conflict ran out of time


@dataclass
class SolveResult:
    status: str  # "optimal" | "feasible" | "infeasible" | "timeout" | "cancelled"
    placements: list[Placement]
    penalty: int | None = None
    first_feasible_s: float | None = None
    best_s: float | None = None
    wall_s: float = 0.0
    evaluation: Evaluation | None = None
    diagnosis: Diagnosis | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def solved(self) -> bool:
        return self.status in ("optimal", "feasible")

    @property
    def exit_code(self) -> int:
        if self.solved:
            return 0
        return 2 if self.status == "infeasible" else 3


class _Build:
    """One CP-SAT model of a timetable; ``relaxed`` adds assumption literals everywhere."""

    def __init__(
        self,
        rules: Rules,
        locked: dict[int, Placement],
        *,
        relaxed: bool = False,
        assume_constraints: bool = False,
        with_soft: bool = True,
    ) -> None:
        from ortools.sat.python import cp_model

        self.cp = cp_model
        self.rules = rules
        self.p = rules.problem
        self.m = cp_model.CpModel()
        self.relaxed = relaxed
        self.assume = assume_constraints
        self.with_soft = with_soft and not relaxed
        self.locked = locked
        self.enable: dict[Hashable, Any] = {}
        self.labels: dict[Hashable, str] = {}
        self.penalty_terms: list[tuple[int, Any]] = []
        self.acts = {a.id: a for a in rules.acts}
        self.s: dict[int, Any] = {}
        self.x: dict[int, dict[int, Any]] = {}
        self.iv: dict[int, Any] = {}
        self.placed: dict[int, Any] = {}
        self.room_lits: dict[int, dict[str, Any]] = {}
        self._works: dict[tuple[frozenset[int], int], Any] = {}
        self.dom: dict[int, list[int]] = {}
        self._build()

    # -- helpers ----------------------------------------------------------------------
    def lit(self, key: Hashable, label: str) -> list[Any]:
        """Enforcement literals for a hard constraint: [] normally, [e_key] in diagnosis."""
        if not self.assume:
            return []
        if key not in self.enable:
            self.enable[key] = self.m.NewBoolVar(f"enable_{key}")
            self.labels[key] = label
        return [self.enable[key]]

    def pl(self, aids: Iterable[int]) -> list[Any]:
        return [self.placed[a] for a in aids] if self.relaxed else []

    def soft_var(self, weight: float) -> Any:
        v = self.m.NewBoolVar("")
        self.penalty_terms.append((max(1, int(round(weight))), v))
        return v

    def domain(self, values: Iterable[int]) -> Any:
        return self.cp.Domain.FromValues(sorted(set(values)))

    def day_of(self, aid: int) -> Any:
        return sum(d * x for d, x in self.x[aid].items())

    def works(self, aids: frozenset[int], day: int) -> Any:
        """A boolean that is true whenever one of ``aids`` is on ``day``."""
        key = (aids, day)
        if key not in self._works:
            w = self.m.NewBoolVar("")
            for a in aids:
                if day in self.x[a]:
                    self.m.AddImplication(self.x[a][day], w)
            self._works[key] = w
        return self._works[key]

    # -- the model --------------------------------------------------------------------
    def _build(self) -> None:  # noqa: C901
        m, rules, p = self.m, self.rules, self.p
        H = p.n_hours
        hard_starts: dict[int, set[int]] = {a: set(s) for a, s in rules.base_starts.items()}
        for aid, lock in self.locked.items():
            if aid in hard_starts:
                slot = lock.day * H + lock.hour
                if self.relaxed or self.assume:
                    continue
                hard_starts[aid] &= {slot}
        for r in rules.start_rules:
            if r.weight >= 100 and not self.assume:
                hard_starts[r.aid] &= r.starts
        for aid, a in self.acts.items():
            dom = sorted(hard_starts[aid]) or [0]
            if not hard_starts[aid]:
                # No start left: unsatisfiable unless the lesson may stay unplaced.
                if self.relaxed:
                    pass
                else:
                    m.Add(self.cp.LinearExpr.Sum([]) == 1)
            s = m.NewIntVarFromDomain(self.domain(dom), f"s{aid}")
            self.s[aid] = s
            self.dom[aid] = dom
            days = sorted({v // H for v in dom})
            self.x[aid] = {d: m.NewBoolVar(f"x{aid}_{d}") for d in days}
            if self.relaxed:
                placed = m.NewBoolVar(f"placed{aid}")
                self.placed[aid] = placed
                m.Add(sum(self.x[aid].values()) == placed)
                self.iv[aid] = m.NewOptionalFixedSizeIntervalVar(s, a.duration, placed, f"iv{aid}")
                if not hard_starts[aid]:
                    m.Add(placed == 0)
            else:
                m.AddExactlyOne(self.x[aid].values())
                self.iv[aid] = m.NewFixedSizeIntervalVar(s, a.duration, f"iv{aid}")
            for d, xd in self.x[aid].items():
                m.AddLinearExpressionInDomain(s, self.domain(v for v in dom if v // H == d)).OnlyEnforceIf(xd)

        if self.assume or self.relaxed:
            for aid, lock in self.locked.items():
                if aid in self.s:
                    key = ("lock", aid)
                    label = f"{self.acts[aid].describe().capitalize()} is locked at {slot_name(p, lock.day * H + lock.hour)}"
                    m.Add(self.s[aid] == lock.day * H + lock.hour).OnlyEnforceIf(self.lit(key, label) + self.pl([aid]))
        for r in rules.start_rules:
            if r.weight >= 100:
                if self.assume:
                    m.AddLinearExpressionInDomain(self.s[r.aid], self.domain(r.starts or [-1])).OnlyEnforceIf(
                        self.lit(r.cid, r.label) + self.pl([r.aid]))
            elif self.with_soft:
                v = self.soft_var(r.weight)
                m.AddLinearExpressionInDomain(self.s[r.aid], self.domain(r.starts or [-1])).OnlyEnforceIf(v.Not())

        # No teacher and no students set in two places at once.
        for _teacher, aids in rules.by_teacher().items():
            if len(aids) > 1:
                m.AddNoOverlap([self.iv[a] for a in aids])
        kept: list[frozenset[int]] = []
        for aids in sorted(rules.atom_groups(), key=len, reverse=True):
            if len(aids) > 1 and not any(aids <= k for k in kept):
                kept.append(aids)
                m.AddNoOverlap([self.iv[a] for a in sorted(aids)])

        self._rooms()
        self._groups()
        self._loads()
        if not self.relaxed and not self.assume:
            self._symmetry()
        if self.penalty_terms:
            m.Minimize(sum(w * v for w, v in self.penalty_terms))

    def _rooms(self) -> None:  # noqa: C901
        m, rules, p = self.m, self.rules, self.p
        H = p.n_hours
        in_room: dict[str, list[Any]] = defaultdict(list)
        blocks = defaultdict(list)
        for b in rules.room_blocks:
            blocks[b.room].append(b)
        for aid, choice in rules.rooms.items():
            a = self.acts[aid]
            options = list(choice.rooms)
            lock = self.locked.get(aid)
            if lock is not None and lock.room and not (self.relaxed or self.assume):
                options = [r for r in options if r == lock.room] if choice.needs_room else [lock.room]
            with_none = not choice.needs_room and bool(choice.soft)
            if not options and not with_none:
                if choice.needs_room:
                    label = f"{a.describe().capitalize()} has no room that fits its room constraints and size"
                    key = choice.hard_cids[0] if choice.hard_cids else ("room", aid)
                    if self.relaxed or self.assume:
                        m.AddBoolOr([lit.Not() for lit in self.lit(key, label) + self.pl([aid])] or [False])
                    else:
                        m.Add(self.cp.LinearExpr.Sum([]) == 1)
                continue
            lits: dict[str, Any] = {}
            if len(options) == 1 and not with_none:
                lits[options[0]] = self.placed[aid] if self.relaxed else True
                in_room[options[0]].append(self.iv[aid])
            else:
                for r in options:
                    y = m.NewBoolVar(f"y{aid}_{r}")
                    lits[r] = y
                    in_room[r].append(m.NewOptionalFixedSizeIntervalVar(self.s[aid], a.duration, y, ""))
                if with_none:
                    lits[""] = m.NewBoolVar(f"y{aid}_none")
                total = sum(lits.values())
                m.Add(total == (self.placed[aid] if self.relaxed else 1))
            self.room_lits[aid] = lits
            if lock is not None and lock.room and (self.relaxed or self.assume) and lock.room in lits:
                lit = lits[lock.room]
                if lit is not True:
                    label = f"{a.describe().capitalize()} is locked in room {lock.room}"
                    enf = self.lit(("lock", aid), label) + self.pl([aid])
                    m.AddBoolOr([lit] + [x.Not() for x in enf])
            if self.with_soft:
                for _cid, weight, allowed, _label in choice.soft:
                    bad = [v for r, v in lits.items() if r not in allowed]
                    for v in bad:
                        if v is True:
                            self.penalty_terms.append((max(1, int(round(weight))), 1))
                        else:
                            self.penalty_terms.append((max(1, int(round(weight))), v))
            for r, y in lits.items():
                for b in blocks.get(r, []):
                    allowed = {s for s in rules.base_starts[aid]
                               if not set(range(s, s + a.duration)) & b.slots}
                    enforce = [] if y is True else [y]
                    if b.weight >= 100:
                        m.AddLinearExpressionInDomain(self.s[aid], self.domain(allowed or [-1])).OnlyEnforceIf(
                            enforce + self.lit(b.cid, b.label))
                    elif self.with_soft:
                        v = self.soft_var(b.weight)
                        m.AddLinearExpressionInDomain(self.s[aid], self.domain(allowed or [-1])).OnlyEnforceIf(
                            [*enforce, v.Not()])
        for _room, ivs in in_room.items():
            if len(ivs) > 1:
                m.AddNoOverlap(ivs)
        del H

    def _groups(self) -> None:
        m, H = self.m, self.p.n_hours
        for g in self.rules.groups:
            ids = [a for a in g.aids if a in self.s]
            hard = g.weight >= 100
            if not hard and not self.with_soft:
                continue
            if g.kind == "min_days" and g.min_days == 1:
                days = sorted({d for a in ids for d in self.x[a]})
                for d in days:
                    xs = [self.x[a][d] for a in ids if d in self.x[a]]
                    if len(xs) < 2:
                        continue
                    if hard:
                        m.Add(sum(xs) <= 1).OnlyEnforceIf(self.lit(g.cid, g.label))
                    else:
                        v = self.soft_var(g.weight)
                        m.Add(sum(xs) <= 1).OnlyEnforceIf(v.Not())
                continue
            for i, a in enumerate(ids):
                for b in ids[i + 1:] if g.kind != "same_start" else ids[i + 1:i + 2]:
                    enf = self.lit(g.cid, g.label) + self.pl([a, b]) if hard else [self.soft_var(g.weight).Not()]
                    if g.kind == "same_start":
                        m.Add(self.s[a] == self.s[b]).OnlyEnforceIf(enf)
                    elif g.kind == "min_days":
                        before = m.NewBoolVar("")
                        m.Add(self.day_of(b) - self.day_of(a) >= g.min_days).OnlyEnforceIf([*enf, before])
                        m.Add(self.day_of(a) - self.day_of(b) >= g.min_days).OnlyEnforceIf([*enf, before.Not()])
                    else:
                        if hard and not self.assume and not self.relaxed:
                            continue  # a single NoOverlap below is stronger
                        before = m.NewBoolVar("")
                        m.Add(self.s[a] + self.acts[a].duration <= self.s[b]).OnlyEnforceIf([*enf, before])
                        m.Add(self.s[b] + self.acts[b].duration <= self.s[a]).OnlyEnforceIf([*enf, before.Not()])
            if g.kind == "not_overlapping" and hard and not self.assume and not self.relaxed:
                m.AddNoOverlap([self.iv[a] for a in ids])
        del H

    def _loads(self) -> None:  # noqa: C901
        m, p = self.m, self.p
        H, D = p.n_hours, p.n_days
        for load in self.rules.loads:
            hard = load.weight >= 100
            if not hard and not self.with_soft:
                continue
            ids = [a for a in load.aids if a in self.s]
            aset = frozenset(ids)
            per_day = {d: [a for a in ids if d in self.x[a]] for d in range(D)}

            def enforce(_load: Any = load) -> list[Any]:
                if _load.weight >= 100:
                    return self.lit(_load.cid, _load.label)
                return [self.soft_var(_load.weight).Not()]

            if load.kind == "max_hours_daily":
                for d, day_ids in per_day.items():
                    if sum(self.acts[a].duration for a in day_ids) > load.limit:
                        m.Add(sum(self.acts[a].duration * self.x[a][d] for a in day_ids) <= load.limit
                              ).OnlyEnforceIf(enforce())
            elif load.kind == "max_days":
                if load.limit >= D:
                    continue
                m.Add(sum(self.works(aset, d) for d in range(D)) <= load.limit).OnlyEnforceIf(enforce())
            elif load.kind == "max_gaps":
                if load.limit >= D * H:
                    continue
                gaps = []
                for d, day_ids in per_day.items():
                    if len(day_ids) < 2:
                        continue
                    first = m.NewIntVar(0, H - 1, "")
                    last = m.NewIntVar(0, H - 1, "")
                    for a in day_ids:
                        x = self.x[a][d]
                        m.Add(self.s[a] - d * H >= first).OnlyEnforceIf(x)
                        m.Add(self.s[a] - d * H + self.acts[a].duration - 1 <= last).OnlyEnforceIf(x)
                    inside = []
                    for slot in sorted(load.free_slots):
                        if slot // H == d and 0 < slot % H < H - 1:
                            h = slot % H
                            b = m.NewBoolVar("")
                            m.Add(first <= h).OnlyEnforceIf(b)
                            m.Add(last >= h).OnlyEnforceIf(b)
                            inside.append(b)
                    gap = m.NewIntVar(0, H, "")
                    hours = sum(self.acts[a].duration * self.x[a][d] for a in day_ids)
                    m.Add(gap >= last - first + 1 - hours - sum(inside)).OnlyEnforceIf(self.works(aset, d))
                    gaps.append(gap)
                if gaps:
                    m.Add(sum(gaps) <= load.limit).OnlyEnforceIf(enforce())
            elif load.kind == "early":
                lates = []
                for d, day_ids in per_day.items():
                    if not day_ids:
                        continue
                    busy0, busy1 = [], []
                    for a in day_ids:
                        values = {d * H, d * H + 1} & set(self.dom[a])
                        for v in sorted(values):
                            z = m.NewBoolVar("")
                            m.Add(self.s[a] == v).OnlyEnforceIf(z)
                            m.Add(self.s[a] != v).OnlyEnforceIf(z.Not())
                            if v == d * H:
                                busy0.append(z)
                                if self.acts[a].duration >= 2:
                                    busy1.append(z)
                            else:
                                busy1.append(z)
                    w = self.works(aset, d)
                    lits = enforce()
                    m.Add(sum(busy0) + sum(busy1) >= 1).OnlyEnforceIf([w, *lits])
                    late = m.NewBoolVar("")
                    m.Add(late >= w - sum(busy0))
                    lates.append(late)
                    if load.limit == 0:
                        m.Add(late == 0).OnlyEnforceIf(lits)
                if load.limit > 0 and lates:
                    m.Add(sum(lates) <= load.limit).OnlyEnforceIf(enforce())

    def _symmetry(self) -> None:
        """Interchangeable lessons of one activity group go in id order."""
        refs: dict[int, set[Hashable]] = defaultdict(set)
        for r in self.rules.start_rules:
            refs[r.aid].add(("start", r.cid))
        for g in self.rules.groups:
            for a in g.aids:
                refs[a].add(("group", g.cid))
        for aid in self.locked:
            refs[aid].add(("lock", aid))
        buckets: dict[tuple[Any, ...], list[int]] = defaultdict(list)
        for aid, a in self.acts.items():
            if a.group_id == 0:
                continue
            choice = self.rules.rooms.get(aid)
            key = (a.group_id, a.duration, tuple(a.teachers), tuple(a.students), a.subject, tuple(a.tags),
                   tuple(choice.rooms) if choice else (), frozenset(refs[aid]))
            buckets[key].append(aid)
        for aids in buckets.values():
            aids.sort()
            for a, b in zip(aids, aids[1:], strict=False):
                if self.acts[a].teachers or self.acts[a].students:
                    self.m.Add(self.s[a] + self.acts[a].duration <= self.s[b])
                else:
                    self.m.Add(self.s[a] <= self.s[b])

    # -- reading a solution -----------------------------------------------------------
    def placements(self, value: Callable[[Any], int], locked: dict[int, Placement]) -> list[Placement]:
        H = self.p.n_hours
        out = []
        for aid in self.s:
            if self.relaxed and not value(self.placed[aid]):
                continue
            start = value(self.s[aid])
            room = ""
            for r, lit in self.room_lits.get(aid, {}).items():
                if lit is True or value(lit):
                    room = r
                    break
            out.append(Placement(aid, start // H, start % H, room, locked=aid in locked))
        return out

    def hint(self, hints: Iterable[Placement]) -> None:
        H = self.p.n_hours
        for h in hints:
            if h.activity_id not in self.s:
                continue
            slot = h.day * H + h.hour
            self.m.AddHint(self.s[h.activity_id], slot)
            for d, x in self.x[h.activity_id].items():
                self.m.AddHint(x, d == h.day)
            for r, lit in self.room_lits.get(h.activity_id, {}).items():
                if lit is not True:
                    self.m.AddHint(lit, r == h.room)


class _Watch:
    """Solution callback: records times and penalties, reports progress, stops on cancel."""

    def __init__(self, cp: Any, time_limit: float, progress: Progress | None, cancelled: Cancelled | None,
                 on_solution: Callable[[int, float], None] | None) -> None:
        outer = self

        class CB(cp.CpSolverSolutionCallback):  # type: ignore[misc, name-defined]
            def on_solution_callback(self) -> None:
                outer._on_solution(self)

        self.cb = CB()
        self.start = time.monotonic()
        self.time_limit = time_limit
        self.progress = progress
        self.cancelled = cancelled
        self.on_solution = on_solution
        self.first: float | None = None
        self.best: float | None = None
        self.best_penalty: int | None = None
        self.was_cancelled = False

    def _on_solution(self, cb: Any) -> None:
        now = time.monotonic() - self.start
        if self.first is None:
            self.first = now
        self.best = now
        self.best_penalty = int(round(cb.ObjectiveValue()))
        if self.progress:
            self.progress(min(0.99, now / max(self.time_limit, 0.001)),
                          f"Best timetable so far: penalty {self.best_penalty}")
        if self.on_solution:
            self.on_solution(self.best_penalty, now)

    def watch(self, solver: Any) -> threading.Thread | None:
        if self.cancelled is None and self.progress is None:
            return None
        done = threading.Event()
        self._done = done

        def run() -> None:
            while not done.wait(0.2):
                if self.cancelled is not None and self.cancelled():
                    self.was_cancelled = True
                    solver.stop_search()
                    return
                if self.progress and self.first is None:
                    elapsed = time.monotonic() - self.start
                    self.progress(min(0.99, elapsed / max(self.time_limit, 0.001)),
                                  "Looking for a first timetable…")

        t = threading.Thread(target=run, daemon=True)
        t.start()
        return t

    def stop_watching(self) -> None:
        if hasattr(self, "_done"):
            self._done.set()


def solve(
    problem: Problem,
    *,
    time_limit: float = 60.0,
    locked: Iterable[Placement] = (),
    hints: Iterable[Placement] = (),
    workers: int = 2,
    diagnose_on_failure: bool = True,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    on_solution: Callable[[int, float], None] | None = None,
) -> SolveResult:
    """Solve ``problem``; ``locked`` placements stay where they are (and in their room)."""
    from ortools.sat.python import cp_model

    t0 = time.monotonic()
    rules = compile_rules(problem)
    locks = {pl.activity_id: pl for pl in locked}
    build = _Build(rules, locks)
    build.hint([*hints, *locks.values()])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit)
    solver.parameters.num_workers = max(1, workers)
    watch = _Watch(cp_model, time_limit, progress, cancelled, on_solution)
    watcher = watch.watch(solver)
    status = solver.Solve(build.m, watch.cb)
    watch.stop_watching()
    if watcher is not None:
        watcher.join(timeout=1)
    wall = time.monotonic() - t0
    result = SolveResult(status="timeout", placements=[], wall_s=wall, notes=list(rules.notes))
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        result.status = "optimal" if status == cp_model.OPTIMAL else "feasible"
        result.placements = build.placements(solver.Value, locks)
        result.first_feasible_s = watch.first if watch.first is not None else wall
        result.best_s = watch.best if watch.best is not None else wall
        result.evaluation = evaluate(rules, result.placements)
        result.penalty = result.evaluation.penalty
    elif status == cp_model.INFEASIBLE:
        result.status = "infeasible"
    elif status == cp_model.MODEL_INVALID:
        raise RuntimeError(f"internal error: invalid timetable model ({solver.ResponseStats()[:200]})")
    if watch.was_cancelled and not result.solved:
        result.status = "cancelled"
    if progress:
        progress(1.0, "Done")
    if not result.solved and result.status != "cancelled" and diagnose_on_failure:
        result.diagnosis = diagnose(
            problem, locked=list(locks.values()), time_limit=max(5.0, min(30.0, time_limit / 2)),
            workers=workers, proven=result.status == "infeasible", cancelled=cancelled,
        )
    return result


def diagnose(
    problem: Problem,
    *,
    locked: Iterable[Placement] = (),
    time_limit: float = 20.0,
    workers: int = 2,
    proven: bool = True,
    cancelled: Cancelled | None = None,
) -> Diagnosis:
    """Name the hard constraints and lessons that cannot all hold, and place what can be."""
    from ortools.sat.python import cp_model

    deadline = time.monotonic() + time_limit
    rules = compile_rules(problem)
    locks = {pl.activity_id: pl for pl in locked}
    acts = {a.id: a for a in rules.acts}

    # 1. An infeasible core over assumption literals (one per constraint, one per lesson).
    core_keys: list[Hashable] = []
    core_acts: list[int] = []
    build = _Build(rules, locks, relaxed=True, assume_constraints=True)
    lit_of: dict[int, tuple[str, Hashable]] = {}
    assumptions = []
    for key, lit in build.enable.items():
        lit_of[lit.Index()] = ("c", key)
        assumptions.append(lit)
    for aid, lit in build.placed.items():
        lit_of[lit.Index()] = ("a", aid)
        assumptions.append(lit)

    def infeasible_with(lits: list[Any], seconds: float) -> tuple[bool | None, list[Any]]:
        build.m.ClearAssumptions()
        build.m.AddAssumptions(lits)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.1, seconds)
        solver.parameters.num_workers = 1
        st = solver.Solve(build.m)
        if st == cp_model.INFEASIBLE:
            idx = set(solver.SufficientAssumptionsForInfeasibility())
            return True, [lit for lit in lits if lit.Index() in idx]
        if st in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False, []
        return None, []

    verdict, core = infeasible_with(assumptions, max(1.0, (deadline - time.monotonic()) * 0.5))
    found = verdict is True
    if found:
        # Shrink the core: drop each member that is not needed for the conflict.
        i = 0
        while i < len(core) and len(core) <= 60 and time.monotonic() < deadline - 2:
            if cancelled is not None and cancelled():
                break
            trial = core[:i] + core[i + 1:]
            ok, smaller = infeasible_with(trial, min(2.0, deadline - time.monotonic() - 1))
            if ok:
                core = smaller if smaller and len(smaller) < len(trial) else trial
            else:
                i += 1
        for lit in core:
            kind, key = lit_of[lit.Index()]
            if kind == "c":
                core_keys.append(key)
            else:
                core_acts.append(int(key))  # type: ignore[call-overload]

    constraints = [build.labels[k] for k in core_keys]
    explanation: list[str] = []
    if found:
        explanation.append("These hard constraints cannot all hold at once:")
        explanation += [f"  - {c}" for c in constraints]
        if core_acts:
            explanation.append("together with these lessons (and the basic rule that no teacher, "
                               "students set or room is in two places at once):")
            explanation += [f"  - {acts[a].describe()}" for a in sorted(core_acts)]
            explanation += _shared_resources(rules, sorted(core_acts))
        explanation.append("Relax or deactivate one of them (or give it a weight below 100%) and solve again.")
    elif proven:
        explanation.append("No timetable exists, but the conflicting constraints could not be "
                           "narrowed down in the time given; try again with a longer time limit.")
    else:
        explanation.append("No timetable was found in the time given (none was proven impossible either).")

    # 2. The best partial timetable: hard constraints on, place as many lessons as possible.
    partial: list[Placement] = []
    unplaced: list[int] = []
    remaining = deadline - time.monotonic()
    if remaining > 0.5 and not (cancelled is not None and cancelled()):
        relaxed = _Build(rules, locks, relaxed=True)
        relaxed.m.Maximize(sum(relaxed.placed.values()))
        for aid in sorted(core_acts):
            relaxed.m.AddHint(relaxed.placed[aid], False)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.5, remaining)
        solver.parameters.num_workers = max(1, workers)
        st = solver.Solve(relaxed.m)
        if st in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            partial = relaxed.placements(solver.Value, locks)
            placed_ids = {pl.activity_id for pl in partial}
            unplaced = sorted(a for a in acts if a not in placed_ids)
            explanation.append(f"The best partial timetable places {len(partial)} of {len(acts)} lessons; "
                               f"not placed: " + ", ".join(str(a) for a in unplaced[:20])
                               + (" …" if len(unplaced) > 20 else ""))
    return Diagnosis(constraints, sorted(core_acts), explanation, partial, unplaced, proven=found or proven)


def _shared_resources(rules: Rules, aids: list[int]) -> list[str]:
    """Who the conflicting lessons have in common, with their weekly load."""
    acts = {a.id: a for a in rules.acts}
    out = []
    teachers = set.intersection(*(set(acts[a].teachers) for a in aids)) if aids else set()
    for t in sorted(teachers):
        hours = sum(acts[a].duration for a in rules.by_teacher()[t])
        out.append(f"  They share teacher {t}, who teaches {hours} hours a week.")
    students = frozenset.intersection(*(rules.atoms_of[a] for a in aids)) if aids else frozenset()
    if students:
        out.append(f"  They share students {', '.join(sorted(students)[:5])}.")
    return out
