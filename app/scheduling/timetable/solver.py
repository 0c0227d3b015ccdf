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

import contextlib
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from app.core.i18n import _
from app.core.progress import IsCancelled, Progress, ProgressEvent, ProgressSink
from app.scheduling.timetable import buildings, virtual
from app.scheduling.timetable.construct import construct
from app.scheduling.timetable.coverage import Coverage, coverage, mode_name
from app.scheduling.timetable.cpsat import SOLVER_STACK_BYTES, STACK_LOCK
from app.scheduling.timetable.cpsat import cp_model as load_cp_model
from app.scheduling.timetable.evaluate import Evaluation, evaluate, unit_cost
from app.scheduling.timetable.model import Placement, Problem
from app.scheduling.timetable.place import Later, place_all, polish
from app.scheduling.timetable.placement_worker import SOFT_GRACE
from app.scheduling.timetable.rules import (
    STAR_KINDS,
    GroupRule,
    LoadRule,
    Rules,
    compile_rules,
    slot_name,
)

Cancelled = IsCancelled  # the name this module's callers know


@dataclass
class Diagnosis:
    """Why no timetable exists, in a scheduler's words, and the best partial one."""

    constraints: list[str]  # the hard constraints that cannot all hold together
    activities: list[int]  # lessons involved in that conflict
    explanation: list[str]  # ready-to-print sentences
    partial: list[Placement] = field(default_factory=list)
    unplaced: list[int] = field(default_factory=list)
    proven: bool = True  # False when the search for the conflict ran out of time, or read the file in another mode


@dataclass
class SolveResult:
    # "optimal" | "feasible" | "infeasible" | "timeout" | "cancelled", or "infeasible_as_read":
    # impossible as the rules are read, in a FET mode that changes what they mean (no proof)
    status: str
    placements: list[Placement]
    penalty: int | None = None
    first_feasible_s: float | None = None
    best_s: float | None = None
    wall_s: float = 0.0
    evaluation: Evaluation | None = None
    diagnosis: Diagnosis | None = None
    notes: list[str] = field(default_factory=list)
    coverage: Coverage = field(default_factory=Coverage)

    @property
    def solved(self) -> bool:
        return self.status in ("optimal", "feasible")

    def headline(self) -> str:
        """One honest sentence: "optimal" only when every constraint of the file was
        modelled and the solver proved nothing better exists."""
        if not self.solved:
            if self.status == "infeasible_as_read":
                return _("No timetable meets the rules as the solver reads them (as in FET's official mode); the "
                         "file is in FET's {mode} mode, which is not modelled, so FET may still find one.").format(
                             mode=mode_name(self.coverage.mode))
            return {"infeasible": _("No timetable exists: the hard constraints contradict each other."),
                    "cancelled": _("Cancelled.")}.get(self.status, _("No timetable found in the time given."))
        if self.status == "optimal":
            return _("Optimal timetable (proven): every constraint of the file holds or costs as little as "
                     "possible; penalty {penalty}.").format(penalty=self.penalty)
        if not self.coverage.complete:
            return _("Meets every hard rule; {not_considered}; penalty {penalty} (best found, not proven "
                     "optimal).").format(not_considered=self.coverage.sentence(), penalty=self.penalty)
        return _("Meets every hard rule; penalty {penalty} (best found, not proven optimal).").format(
            penalty=self.penalty)

    @property
    def exit_code(self) -> int:
        if self.solved:
            return 0
        return 2 if self.status == "infeasible" else 3



def run_solver(solver: Any, model: Any, callback: Any = None) -> Any:
    """``solver.Solve`` on a thread of its own with a large stack.

    CP-SAT recurses deeply on big models; Qt's thread-pool threads have small stacks and
    crashed the solver there (seen as a segfault when re-solving from the app), so the
    search never runs on the caller's thread.
    """
    out: dict[str, Any] = {}

    def target() -> None:
        try:
            out["status"] = solver.solve(model, callback) if callback is not None else solver.solve(model)
        except BaseException as exc:  # re-raised on the caller's thread
            out["error"] = exc

    with _STACK_LOCK:
        previous = threading.stack_size()
        threading.stack_size(SOLVER_STACK_BYTES)
        try:
            thread = threading.Thread(target=target, name="cp-sat", daemon=True)
            thread.start()
        finally:
            threading.stack_size(previous)
    thread.join()
    if "error" in out:
        raise out["error"]
    return out["status"]


# Group rules modelled start by start (``_Build._pair_table``): each breaks 0 or 1 times a pair.
PAIR_TABLE_KINDS = frozenset({"same_day", "same_hour", "min_gaps", "ordered", "ordered_if_same_day",
                              "consecutive", "grouped"})
_STACK_LOCK = STACK_LOCK  # shared with cpsat.on_big_stack (the stack size is process-wide)


class BuildTimeout(Exception):
    """The model was not built before its deadline."""


class _Build:
    """One CP-SAT model of a timetable.

    ``relaxed``: every lesson may stay unplaced (``placed`` literals); ``assume_constraints``:
    every hard constraint is enforced only if its own literal is true (for cores).
    """

    def __init__(
        self,
        rules: Rules,
        locked: dict[int, Placement],
        *,
        relaxed: bool = False,
        assume_constraints: bool = False,
        with_soft: bool = True,
        symmetry: bool = True,
        deadline: float | None = None,
    ) -> None:
        cp_model = load_cp_model()
        # Building the model of a very large school takes minutes (FET's 5,433-lesson
        # example: over a minute): past ``deadline`` (time.monotonic()) the build stops
        # with BuildTimeout rather than overrun the time the user gave.
        self.deadline = deadline

        self.cp = cp_model
        self.rules = rules
        self.p = rules.problem
        self.m = cp_model.CpModel()
        self.relaxed = relaxed
        self.assume = assume_constraints
        self.with_soft = with_soft and not relaxed
        # Off for large-neighbourhood search: an incumbent need not list interchangeable
        # lessons in id order, and the fixed ones would then pin the free ones.
        self.symmetry = symmetry
        self.locked = locked
        self.enable: dict[Hashable, Any] = {}
        self.labels: dict[Hashable, str] = {}
        self.penalty_terms: list[tuple[int, Any]] = []
        self.acts = {a.id: a for a in rules.acts}
        self.st: dict[int, dict[int, Any]] = {}  # activity -> start slot -> literal
        self.placed: dict[int, Any] = {}
        self._cover: dict[int, dict[int, list[Any]]] = {}
        self._works: dict[tuple[frozenset[int], int], Any] = {}
        self._day: dict[int, Any] = {}
        self._on_day: dict[tuple[int, int], Any] = {}
        self._days_of: dict[int, set[int]] = {}
        self._build()

    # -- helpers ----------------------------------------------------------------------
    def tick(self) -> None:
        """Stop the build once past its deadline (called in every loop of the build)."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise BuildTimeout

    def lit(self, key: Hashable, label: str) -> list[Any]:
        """Enforcement literals for a hard constraint: [] normally, [e_key] for cores."""
        if not self.assume:
            return []
        if key not in self.enable:
            self.enable[key] = self.m.new_bool_var(f"enable_{key}")
            self.labels[key] = label
        return [self.enable[key]]

    def pl(self, aids: Iterable[int]) -> list[Any]:
        return [self.placed[a] for a in aids] if self.relaxed else []

    def on_day(self, aid: int, day: int) -> Any:
        """The start literals of ``aid`` on ``day``, summed (cached: built once per pair)."""
        key = (aid, day)
        if key not in self._on_day:
            H = self.p.n_hours
            lits = [v for t, v in self.st[aid].items() if t // H == day]
            self._on_day[key] = lits[0] if len(lits) == 1 else self.cp.LinearExpr.sum(lits)
        return self._on_day[key]

    def days_of(self, aid: int) -> set[int]:
        if aid not in self._days_of:
            H = self.p.n_hours
            self._days_of[aid] = {t // H for t in self.st[aid]}
        return self._days_of[aid]

    def start_of(self, aid: int) -> Any:
        return sum(t * v for t, v in self.st[aid].items())

    def cover(self, aid: int) -> dict[int, list[Any]]:
        """Slot -> start literals of ``aid`` that make it occupy that slot."""
        if aid not in self._cover:
            dur = self.acts[aid].duration
            out: dict[int, list[Any]] = defaultdict(list)
            for t, v in self.st[aid].items():
                for k in range(dur):
                    out[t + k].append(v)
            self._cover[aid] = out
        return self._cover[aid]

    def busy(self, aids: Iterable[int], slot: int) -> list[Any]:
        return [v for a in aids for v in self.cover(a).get(slot, [])]

    def works(self, aids: frozenset[int], day: int) -> Any:
        """A boolean that is true whenever one of ``aids`` is on ``day``."""
        key = (aids, day)
        if key not in self._works:
            w = self.m.new_bool_var("")
            for a in aids:
                if day in self.days_of(a):
                    self.m.add(w >= self.on_day(a, day))
            self._works[key] = w
        return self._works[key]

    def works_only(self, aids: list[int], day: int) -> Any:
        """A boolean that is true only when one of ``aids`` is on ``day`` (0 if none can be)."""
        lits = [self.on_day(a, day) for a in aids if day in self.days_of(a)]
        if not lits:
            return 0
        w = self.m.new_bool_var("")
        self.m.add(w <= sum(lits))
        return w

    # -- the model --------------------------------------------------------------------
    def _build(self) -> None:
        m, rules, p = self.m, self.rules, self.p
        H = p.n_hours
        hard_starts: dict[int, set[int]] = {a: set(s) for a, s in rules.base_starts.items()}
        plain = not (self.relaxed or self.assume)
        if plain:
            for aid, lock in self.locked.items():
                if aid in hard_starts:
                    hard_starts[aid] &= {lock.day * H + lock.hour}
            for r in rules.start_rules:
                if r.weight >= 100:
                    hard_starts[r.aid] &= r.starts
            for aid, choice in rules.rooms.items():
                # A lesson bound to one room cannot be there while the room is closed.
                if choice.needs_room and len(choice.rooms) == 1:
                    for b in rules.room_blocks:
                        if b.room == choice.rooms[0] and b.weight >= 100:
                            dur = self.acts[aid].duration
                            hard_starts[aid] = {t for t in hard_starts[aid] if not set(range(t, t + dur)) & b.slots}
        for aid in self.acts:
            self.tick()
            dom = sorted(hard_starts[aid])
            self.st[aid] = {t: m.new_bool_var(f"st{aid}_{t}") for t in dom}
            lits = list(self.st[aid].values())
            if self.relaxed:
                self.placed[aid] = m.new_bool_var(f"placed{aid}")
                m.add(sum(lits) == self.placed[aid])
            elif lits:
                m.add_exactly_one(lits)
            else:
                m.add(self.cp.LinearExpr.sum([]) == 1)  # no possible start: infeasible

        self._start_rules(plain)

        # No teacher and no students set in two places at once.
        owners: list[list[int]] = [aids for aids in rules.by_teacher().values() if len(aids) > 1]
        kept: list[frozenset[int]] = []
        for aids in sorted(rules.atom_groups(), key=len, reverse=True):
            if len(aids) > 1 and not any(aids <= k for k in kept):
                kept.append(aids)
        owners += [sorted(k) for k in kept]
        for members in owners:
            self.tick()
            usable = [slot for slot in range(p.n_slots) if self.busy(members, slot)]
            # A fully booked week (as many hours as usable periods): every period is taken.
            full = not self.relaxed and sum(self.acts[a].duration for a in members) == len(usable)
            for slot in usable:
                here = self.busy(members, slot)
                if full:
                    m.add_exactly_one(here)
                elif len(here) > 1:
                    m.add_at_most_one(here)

        self._rooms()
        self._real_rooms()
        self._room_groups()
        self._groups()
        self._loads()
        self._occupy()
        if plain and self.symmetry:
            self._symmetry()

    def _occupy(self) -> None:
        """"Occupy max time slots from selection": a selected slot counts as taken when
        any of the lessons covers it, and at most ``limit`` are taken; "max simultaneous
        in selected time slots": at most ``limit`` of the lessons in each selected slot."""
        for oc in self.rules.occupy:
            self.tick()
            ids = [a for a in oc.aids if a in self.st]
            enf = self.lit(("occupy", oc.cid), oc.label)
            taken = []
            for s in sorted(oc.slots):
                here = self.busy(ids, s)
                if oc.per_slot and len(here) > oc.limit:
                    self.m.add(sum(here) <= oc.limit).only_enforce_if(enf)
                if not here or oc.per_slot:
                    continue
                x = self.m.new_bool_var("")
                for v in here:
                    self.m.add_implication(v, x)
                taken.append(x)
            if len(taken) > oc.limit:
                self.m.add(sum(taken) <= oc.limit).only_enforce_if(enf)

    def _lock_rules(self) -> None:
        m, H = self.m, self.p.n_hours
        for aid, lock in self.locked.items():
            if aid in self.st:
                slot = lock.day * H + lock.hour
                label = f"{self.acts[aid].describe(True)} is locked at {slot_name(self.p, slot)}"
                enf = self.lit(("lock", aid), label) + self.pl([aid])
                m.add(sum(v for t, v in self.st[aid].items() if t != slot) == 0).only_enforce_if(enf)

    def _start_rules(self, plain: bool) -> None:
        """Locks and start rules: already in the domains of a plain model; enforced by
        assumption literals in a relaxed one; soft ones cost per start, as FET counts."""
        m = self.m
        if not plain:
            self._lock_rules()
        for r in self.rules.start_rules:
            self.tick()
            outside = [v for t, v in self.st[r.aid].items() if t not in r.starts]
            if not outside:
                continue
            if r.weight >= 100:
                if not plain:
                    m.add(sum(outside) == 0).only_enforce_if(self.lit(r.cid, r.label))
            elif self.with_soft:
                dur = self.acts[r.aid].duration
                for t, v in self.st[r.aid].items():
                    n = r.broken(t, dur)
                    if n:
                        self.penalise(r.weight, v, n)

    def minimize(self) -> None:
        if self.penalty_terms:
            self.m.minimize(sum(w * v for w, v in self.penalty_terms))

    def hint_all(self, value: Callable[[Any], int]) -> None:
        """Hint every variable with its value in a solution (a complete, feasible hint)."""
        self.m.clear_hints()
        for i in range(len(self.m.proto.variables)):
            var = self.m.get_int_var_from_proto_index(i)
            self.m.add_hint(var, value(var))

    def _rooms(self) -> None:
        """Room capacity per slot: one lesson per fixed room, at most |pool| per room pool.

        Which room of a pool a lesson gets is settled afterwards (:func:`assign_rooms`).
        """
        m, rules = self.m, self.rules
        pools: dict[frozenset[str], list[int]] = defaultdict(list)
        cids_of: dict[frozenset[str], set[Hashable]] = defaultdict(set)
        for aid, choice in rules.rooms.items():
            if not choice.needs_room:
                continue
            a = self.acts[aid]
            if not choice.rooms:
                label = f"{a.describe(True)} has no room that fits its room constraints and size"
                key = choice.hard_cids[0] if choice.hard_cids else ("room", aid)
                enf = self.lit(key, label) + self.pl([aid])
                if enf:
                    m.add_bool_or([x.negated() for x in enf])
                else:
                    m.add(self.cp.LinearExpr.sum([]) == 1)
                continue
            pools[frozenset(choice.rooms)].append(aid)
            cids_of[frozenset(choice.rooms)].update(choice.hard_cids)
        blocked: dict[str, set[int]] = defaultdict(set)
        for b in rules.room_blocks:
            if b.weight >= 100:
                blocked[b.room] |= b.slots
        # Every pool counts the lessons whose pool lies inside it (Hall's condition per slot).
        for pool in pools:
            self.tick()
            members = [aid for other, aids in pools.items() if other <= pool for aid in aids]
            cids = set().union(*(cids_of[o] for o in pools if o <= pool))
            enf = []
            for cid in sorted(cids, key=str):
                enf += self.lit(cid, self.labels.get(cid, f"room constraint {cid}"))
            for slot in range(self.p.n_slots):
                # A virtual room holds as many lessons at once as its real rooms allow.
                cap = sum(virtual.capacity(self.rules.virtual[r]) if r in self.rules.virtual else 1
                          for r in pool if slot not in blocked.get(r, ()))
                here = self.busy(members, slot)
                if len(here) > cap:
                    if cap == 1 and not enf:
                        m.add_at_most_one(here)
                    else:
                        m.add(sum(here) <= cap).only_enforce_if(enf)

    def _real_rooms(self) -> None:
        """With virtual rooms: at each hour, the lessons that can only be in some real
        rooms take no more of them than there are (a lesson in a virtual room, one of each
        set). A relaxation, so "optimal" and "impossible" stay sound: which real rooms is
        settled with the rooms (:func:`assign_rooms`)."""
        if not self.rules.virtual:
            return
        pools = virtual.demands(self.rules)
        blocked: dict[str, set[int]] = defaultdict(set)
        for b in self.rules.room_blocks:
            if b.weight >= 100:
                blocked[b.room] |= b.slots
        for pool in pools:
            members = [(aid, n) for other, lst in pools.items() if other <= pool for aid, n in lst]
            if all(n == 1 for _aid, n in members):
                continue  # no virtual room's lesson among them: _rooms has it
            self.tick()
            cids = sorted({cid for aid, _n in members for cid in self.rules.rooms[aid].hard_cids}, key=str)
            enf = [x for cid in cids for x in self.lit(cid, self.labels.get(cid, f"room constraint {cid}"))]
            for slot in range(self.p.n_slots):
                here = [(n, v) for aid, n in members for v in self.cover(aid).get(slot, [])]
                cap = sum(1 for r in pool if slot not in blocked.get(r, ()))
                if sum(n for n, _v in here) > cap:
                    self.m.add(sum(n * v for n, v in here) <= cap).only_enforce_if(enf)

    def _room_groups(self) -> None:
        """FET's "activities occupy max different rooms" in the time model: at most N of
        the rule's lessons that need a room at any hour (implied by the rule, so it never
        makes a school that has a timetable look impossible; assign_rooms is exact)."""
        for g in self.rules.room_groups:
            members = [aid for aid in g.aids if aid in self.rules.rooms and self.rules.rooms[aid].needs_room]
            if len(members) <= g.max_rooms:
                continue
            enf = self.lit(g.cid, g.label)
            for slot in range(self.p.n_slots):
                here = self.busy(members, slot)
                if len(here) > g.max_rooms:
                    self.m.add(sum(here) <= g.max_rooms).only_enforce_if(enf)

    def day_var(self, aid: int) -> Any:
        """An integer variable: the day ``aid`` is on."""
        if aid not in self._day:
            H = self.p.n_hours
            days = self.days_of(aid)
            v = self.m.new_int_var(min(days, default=0), max(days, default=0), f"day{aid}")
            self.m.add(v == sum((t // H) * lit for t, lit in self.st[aid].items()))
            self._day[aid] = v
        return self._day[aid]

    def day_distance(self, a: int, b: int) -> Any:
        dist = self.m.new_int_var(0, self.p.n_days, "")
        self.m.add_abs_equality(dist, self.day_var(a) - self.day_var(b))
        return dist

    def penalise(self, weight: float, var: Any, times: int = 1) -> None:
        """Add ``var`` (a count of breaks) to the objective at FET's weight."""
        self.penalty_terms.append((unit_cost(weight) * times, var))

    def _groups(self) -> None:  # noqa: C901 - one branch per rule kind, hard and soft
        m, H = self.m, self.p.n_hours
        for g in self.rules.groups:
            self.tick()
            ids = [a for a in g.aids if a in self.st]
            hard = g.weight >= 100
            if not hard and not self.with_soft:
                continue
            if g.kind in STAR_KINDS:
                self._ends_day(g, ids, hard)
                continue
            pairs = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]]
            if not hard:
                self._soft_group(g, ids, pairs)
                continue
            enf = self.lit(g.cid, g.label)
            if g.kind in PAIR_TABLE_KINDS:
                for a, b in pairs:
                    self._pair_table(g, a, b, enf, None)
            elif g.kind == "consecutive_if_same_day":
                for a, b in pairs:
                    da, db = self.acts[a].duration, self.acts[b].duration
                    for t, lit in self.st[a].items():
                        d = t // H
                        if d not in self.days_of(b):
                            continue
                        touching = [self.st[b][u] for u in (t + da, t - db)
                                    if u in self.st[b] and u // H == d]
                        m.add(lit + self.on_day(b, d) - sum(touching) <= 1).only_enforce_if(enf)
            elif g.kind == "min_days":
                if g.min_days == 1:
                    for d in sorted({d for a in ids for d in self.days_of(a)}):
                        on = [self.on_day(a, d) for a in ids if d in self.days_of(a)]
                        if len(on) > 1:
                            m.add(sum(on) <= 1).only_enforce_if(enf)
                    continue
                for a, b in pairs:
                    for d in self.days_of(a):
                        near = [self.on_day(b, e) for e in self.days_of(b) if abs(e - d) < g.min_days]
                        if near:
                            m.add(self.on_day(a, d) + sum(near) <= 1).only_enforce_if(enf)
            elif g.kind == "max_days":
                for a, b in pairs:
                    for d in self.days_of(a):
                        far = [self.on_day(b, e) for e in self.days_of(b) if abs(e - d) > g.max_days]
                        if far:
                            m.add(self.on_day(a, d) + sum(far) <= 1).only_enforce_if(enf)
            elif g.kind == "same_start":
                for a, b in zip(ids, ids[1:], strict=False):
                    both = enf + self.pl([a, b])
                    for t in set(self.st[a]) | set(self.st[b]):
                        m.add(self.st[a].get(t, 0) == self.st[b].get(t, 0)).only_enforce_if(both)
            else:
                for slot in range(self.p.n_slots):
                    here = self.busy(ids, slot)
                    if len(here) > 1:
                        m.add(sum(here) <= 1).only_enforce_if(enf)

    def _soft_group(self, g: GroupRule, ids: list[int], pairs: list[tuple[int, int]]) -> None:
        """A soft rule over lessons, counted per pair as FET counts it (see evaluate.py)."""
        for a, b in pairs:
            if g.kind in PAIR_TABLE_KINDS:
                broken = self.m.new_bool_var("")
                self._pair_table(g, a, b, [], broken)
                self.penalise(g.weight, broken)
            elif g.kind == "same_start":
                self._soft_same_start(g, a, b)
            elif g.kind == "min_days":
                self._soft_min_days(g, a, b)
            elif g.kind == "max_days":
                far = self.m.new_int_var(0, self.p.n_days, "")
                self.m.add(far >= self.day_distance(a, b) - g.max_days)
                self.penalise(g.weight, far)
            elif g.kind == "not_overlapping":
                self._soft_not_overlapping(g, a, b)

    def _pair_table(self, g: GroupRule, a: int, b: int, enf: list[Any], broken: Any) -> None:
        """Rule ``g`` on lessons ``a`` (listed first) and ``b``, start by start of ``a``:
        the starts of ``b`` it allows, or those it forbids when fewer. Hard when ``broken``
        is None; else ``broken`` is true whenever the pair breaks it."""
        m, H = self.m, self.p.n_hours
        da, db = self.acts[a].duration, self.acts[b].duration
        for t, lit in self.st[a].items():
            ok: list[Any] = []
            bad: list[Any] = []
            for u, v in self.st[b].items():
                (bad if g.times_broken(t, da, u, db, H) else ok).append(v)
            if not bad:
                continue
            if len(bad) <= len(ok):
                if broken is None:
                    m.add(lit + sum(bad) <= 1).only_enforce_if(enf)
                else:
                    m.add(broken >= lit + sum(bad) - 1)
            elif broken is None:
                m.add_bool_or(ok).only_enforce_if([lit, *enf, *self.pl([b])])
            else:
                m.add_bool_or([broken, *ok]).only_enforce_if([lit, *self.pl([b])])

    def _ends_day(self, g: GroupRule, ids: list[int], hard: bool) -> None:
        """No lesson after the first one the same day: hard, pair by pair; soft, counted
        once per students subgroup of the first with a later lesson, as FET counts it."""
        first = g.aids[0]
        if not ids or ids[0] != first:
            return
        if hard:
            enf = self.lit(g.cid, g.label)
            for b in ids[1:]:
                self._pair_table(g, first, b, enf, None)
            return
        atoms = self.rules.atoms_of
        for atom in sorted(atoms[first]):
            late = self.m.new_bool_var("")
            for b in ids[1:]:
                if atom in atoms[b]:
                    self._pair_table(g, first, b, [], late)
            self.penalise(g.weight, late)

    def _soft_same_start(self, g: GroupRule, a: int, b: int) -> None:
        apart = self.m.new_bool_var("")
        self.m.add(self.start_of(a) == self.start_of(b)).only_enforce_if(apart.negated())
        self.penalise(g.weight, apart)

    def _soft_min_days(self, g: GroupRule, a: int, b: int) -> None:
        # FET counts min_days - distance for a pair closer than min_days, that is one for
        # each k < min_days with distance <= k: a boolean per k, which propagates far
        # better than an absolute value of day variables.
        for k in range(g.min_days):
            near = self.m.new_bool_var("")
            for d in self.days_of(a):
                close = [self.on_day(b, e) for e in self.days_of(b) if abs(e - d) <= k]
                if close:
                    self.m.add(near >= self.on_day(a, d) + sum(close) - 1)
            self.penalise(g.weight, near)

    def _soft_not_overlapping(self, g: GroupRule, a: int, b: int) -> None:
        for slot in range(self.p.n_slots):
            in_a, in_b = self.busy([a], slot), self.busy([b], slot)
            if in_a and in_b:
                both = self.m.new_bool_var("")
                self.m.add(both >= sum(in_a) + sum(in_b) - 1)
                self.penalise(g.weight, both)

    def _loads(self) -> None:  # noqa: C901
        m, p = self.m, self.p
        D = p.n_days
        for load in self.rules.loads:
            self.tick()
            hard = load.weight >= 100
            if not hard and not self.with_soft:
                continue
            ids = [a for a in load.aids if a in self.st]
            aset = frozenset(ids)
            enf = self.lit(load.cid, load.label) if hard else []
            if load.kind == "max_hours_daily":
                for d in range(D):
                    day_ids = [a for a in ids if d in self.days_of(a)]
                    total = sum(self.acts[a].duration for a in day_ids)
                    if total <= load.limit:
                        continue
                    hours = sum(self.acts[a].duration * self.on_day(a, d) for a in day_ids)
                    if hard:
                        m.add(hours <= load.limit).only_enforce_if(enf)
                    else:
                        over = m.new_bool_var("")
                        m.add(hours <= load.limit + (total - load.limit) * over)
                        self.penalise(load.weight, over, load.count)
            elif load.kind == "max_days":
                if load.limit < D:
                    days = sum(self.works(aset, d) for d in range(D))
                    if hard:
                        m.add(days <= load.limit).only_enforce_if(enf)
                    else:
                        extra = m.new_int_var(0, D, "")
                        m.add(extra >= days - load.limit)
                        self.penalise(load.weight, extra, load.count)
            elif load.kind in ("max_gaps", "max_gaps_daily"):
                self._gaps(load, ids, enf, hard)
            elif load.kind == "early":
                self._early(load, ids, aset, enf, hard)
            elif load.kind == "min_hours_daily":
                self._min_hours(load, ids, aset, enf, hard)
            elif load.kind == "max_hours_continuously":
                self._continuous(load, ids, enf, hard)
            elif load.kind == "min_days_week":
                self._min_days(load, ids, enf, hard)
            elif load.kind == "interval_max_days":
                self._interval_days(load, ids, enf, hard)
            elif load.kind == "max_span" and hard:  # FET takes it at 100 % only (rules.py)
                self._span(load, ids, enf)
            elif load.kind == "min_rest" and hard:  # FET takes it at 100 % only (rules.py)
                self._rest(load, ids, enf)

    def _interval_days(self, load: LoadRule, ids: list[int], enf: list[Any], hard: bool) -> None:
        """At most ``limit`` days with a lesson in the hour interval (one overlapping it is
        enough), through a "busy in the interval on day d" literal per day; soft: one break
        per day beyond the limit, as for max days per week."""
        m, H = self.m, self.p.n_hours
        lo, hi = load.interval
        days = []
        for d in range(self.p.n_days):
            here = [v for h in range(lo, hi) for v in self.busy(ids, d * H + h)]
            if not here:
                continue
            b = m.new_bool_var("")
            for v in here:
                m.add_implication(v, b)
            days.append(b)
        self._count_limit(load, days, enf, hard)

    def _continuous(self, load: LoadRule, ids: list[int], enf: list[Any], hard: bool) -> None:
        """No more than ``limit`` busy hours in a row on a day: any ``limit + 1`` hours in a
        row that could all be busy keep one free (an hour no lesson can cover, a break
        among them, ends a run anyway). Soft: FET counts each run too long once, so one
        break per such window that starts a run (the hour before it free)."""
        m, H, limit = self.m, self.p.n_hours, load.limit
        for d in range(self.p.n_days):
            busy = self._day_busy(ids, d)
            for h in range(H - limit):
                window = busy[h:h + limit + 1]
                if any(isinstance(b, int) for b in window):
                    continue
                if hard:
                    m.add(sum(window) <= limit).only_enforce_if(enf)
                else:
                    run = m.new_bool_var("")
                    m.add(run >= sum(window) - limit - (busy[h - 1] if h else 0))
                    self.penalise(load.weight, run, load.count)

    def _span(self, load: LoadRule, ids: list[int], enf: list[Any]) -> None:
        """Max span per day: no two busy hours of a day further apart than the span allows;
        with the exception, a "long day" literal (at most one a week) lets hours exactly
        one more apart be busy on its day."""
        m, H, limit = self.m, self.p.n_hours, load.limit
        long_days = []
        for d in range(self.p.n_days):
            busy = self._day_busy(ids, d)
            long_day = m.new_bool_var("") if load.plus_one else 0
            for h1 in range(H):
                for h2 in range(h1 + limit, H):  # limit 0: h2 == h1, no busy hour at all
                    if isinstance(busy[h1], int) or isinstance(busy[h2], int):
                        continue
                    room = long_day if h2 - h1 == limit else 0
                    m.add(busy[h1] + busy[h2] <= 1 + room).only_enforce_if(enf)
            if load.plus_one:
                long_days.append(long_day)
        if len(long_days) > 1:
            m.add(sum(long_days) <= 1)

    def _rest(self, load: LoadRule, ids: list[int], enf: list[Any]) -> None:
        """Min resting hours: no two busy hours on different days with fewer than
        ``limit`` hours between them (around the week's end too when circular). A night
        with a busy day between is never the shortest, so this is exactly FET's rule."""
        m, D, H = self.m, self.p.n_days, self.p.n_hours
        week = D * H
        busy = [b for d in range(D) for b in self._day_busy(ids, d)]
        for p1 in range(week):
            if isinstance(busy[p1], int):
                continue
            for gap in range(load.limit):  # p2 = p1 + gap + 1, on a later day
                p2 = p1 + gap + 1
                if p2 >= week and not load.circular:
                    break
                p2 %= week
                if p2 // H != p1 // H and not isinstance(busy[p2], int):
                    m.add(busy[p1] + busy[p2] <= 1).only_enforce_if(enf)

    def _min_days(self, load: LoadRule, ids: list[int], enf: list[Any], hard: bool) -> None:
        """At least ``limit`` days with a lesson; soft: one break per day short (FET)."""
        m = self.m
        days = [self.works_only(ids, d) for d in range(self.p.n_days)]
        worked = sum(days)
        if hard:
            m.add(worked >= load.limit).only_enforce_if(enf)
        else:
            short = m.new_int_var(0, load.limit, "")
            m.add(worked + short >= load.limit)
            self.penalise(load.weight, short, load.count)

    def _min_hours(self, load: LoadRule, ids: list[int], aset: frozenset[int], enf: list[Any], hard: bool) -> None:
        """At least ``limit`` hours on each day with a lesson (on every day, if empty days
        are not allowed); soft: one break per day short."""
        m = self.m
        for d in range(self.p.n_days):
            day_ids = [a for a in ids if d in self.days_of(a)]
            if not day_ids and load.allow_empty:
                continue
            hours = sum(self.acts[a].duration * self.on_day(a, d) for a in day_ids)
            need = load.limit * self.works(aset, d) if load.allow_empty else load.limit
            if hard:
                m.add(hours >= need).only_enforce_if(enf)
            else:
                short = m.new_bool_var("")
                m.add(hours + load.limit * short >= need)
                self.penalise(load.weight, short, load.count)

    def _early(self, load: LoadRule, ids: list[int], aset: frozenset[int], enf: list[Any], hard: bool) -> None:
        """At most ``limit`` days starting at the second hour, none later."""
        m, H = self.m, self.p.n_hours
        D = self.p.n_days
        lates, nevers = [], []
        for d in range(D):
            if not any(d in self.days_of(a) for a in ids):
                continue
            # The day's first two hours that are not breaks or not available (FET).
            first = [d * H + h for h in range(H) if d * H + h not in load.free_slots][:2]
            busy0 = sum(self.busy(ids, first[0])) if first else 0
            busy1 = sum(self.busy(ids, first[1])) if len(first) > 1 else 0
            w = self.works(aset, d)
            if hard:
                m.add(busy0 + busy1 >= w).only_enforce_if(enf)
            else:
                never = m.new_bool_var("")
                m.add(never >= w - busy0 - busy1)
                nevers.append(never)
            if hard and load.limit == 0:
                m.add(busy0 >= w).only_enforce_if(enf)
            else:
                late = m.new_bool_var("")
                m.add(late >= w - busy0)
                lates.append(late)
        if hard:
            if lates and load.limit < len(lates):
                m.add(sum(lates) <= load.limit).only_enforce_if(enf)
        else:
            for never in nevers:
                self.penalise(load.weight, never, load.count)
            if lates and load.limit < len(lates):
                extra = m.new_int_var(0, len(lates), "")
                m.add(extra >= sum(lates) - load.limit)
                self.penalise(load.weight, extra, load.count)

    def _day_busy(self, ids: list[int], d: int) -> list[Any]:
        """For day ``d``, per hour: a literal true when one of ``ids`` is there, or 0."""
        busy: list[Any] = []
        for h in range(self.p.n_hours):
            here = self.busy(ids, d * self.p.n_hours + h)
            if len(here) > 1:
                b = self.m.new_bool_var("")
                self.m.add(b == sum(here))
                here = [b]
            busy.append(here[0] if here else 0)
        return busy

    def _busy_chain(self, ids: list[int], d: int) -> tuple[list[Any], list[Any], list[Any]] | None:
        """For day ``d``: per hour, "busy", "busy at an earlier hour", "busy at a later
        hour" (literals or 0); None when at most one hour can be busy (no gap possible)."""
        m, H = self.m, self.p.n_hours
        busy = self._day_busy(ids, d)
        if sum(1 for b in busy if not isinstance(b, int)) < 2:
            return None
        before: list[Any] = [0] * H
        after: list[Any] = [0] * H
        for h in range(1, H):
            before[h] = m.new_bool_var("")
            for x in (busy[h - 1], before[h - 1]):
                if not isinstance(x, int):
                    m.add_implication(x, before[h])
        for h in range(H - 2, -1, -1):
            after[h] = m.new_bool_var("")
            for x in (busy[h + 1], after[h + 1]):
                if not isinstance(x, int):
                    m.add_implication(x, after[h])
        return busy, before, after

    def _gaps(self, load: LoadRule, ids: list[int], enf: list[Any], hard: bool) -> None:
        """At most ``limit`` gap hours a week ("max_gaps") or on each day
        ("max_gaps_daily"); soft: one break per gap hour beyond the limit (FET)."""
        m, p = self.m, self.p
        H, D = p.n_hours, p.n_days
        daily = load.kind == "max_gaps_daily"
        if load.limit >= (H if daily else D * H):
            return
        gaps: list[Any] = []
        for d in range(D):
            chain = self._busy_chain(ids, d)
            if chain is None:
                continue
            busy, before, after = chain
            for h in range(1, H - 1):
                if (d * H + h) in load.free_slots:
                    continue
                if hard and load.limit == 0:
                    m.add(before[h] + after[h] - 1 <= busy[h]).only_enforce_if(enf)
                else:
                    g = m.new_bool_var("")
                    m.add(g >= before[h] + after[h] - 1 - busy[h])
                    gaps.append(g)
            if daily:
                self._count_limit(load, gaps, enf, hard)
                gaps = []
        self._count_limit(load, gaps, enf, hard)

    def _count_limit(self, load: LoadRule, gaps: list[Any], enf: list[Any], hard: bool) -> None:
        """At most ``limit`` of the literals ``gaps`` (gap hours, interval days) true; soft:
        each one beyond the limit is a break."""
        if len(gaps) <= load.limit:
            return
        m = self.m
        if hard:
            m.add(sum(gaps) <= load.limit).only_enforce_if(enf)
        else:
            extra = m.new_int_var(0, len(gaps), "")
            m.add(extra >= sum(gaps) - load.limit)
            self.penalise(load.weight, extra, load.count)

    def _symmetry(self) -> None:
        """Interchangeable lessons of one activity group go in id order."""
        refs: dict[int, set[Hashable]] = defaultdict(set)
        for r in self.rules.start_rules:
            refs[r.aid].add(("start", r.cid))
        for g in self.rules.groups:
            for member in g.aids:
                refs[member].add(("group", g.cid))
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
            for earlier, later in zip(aids, aids[1:], strict=False):
                self.m.add(self.start_of(earlier) < self.start_of(later))

    # -- reading a solution -----------------------------------------------------------
    def starts(self, value: Callable[[Any], int]) -> dict[int, int]:
        out = {}
        for aid, lits in self.st.items():
            for t, v in lits.items():
                if value(v):
                    out[aid] = t
                    break
        return out

    def hint(self, hints: Iterable[Placement]) -> None:
        """Hint start literals; a later placement of the same activity wins (one hint each)."""
        H = self.p.n_hours
        for h in {h.activity_id: h for h in hints}.values():
            lits = self.st.get(h.activity_id)
            if not lits:
                continue
            slot = h.day * H + h.hour
            for t, v in lits.items():
                self.m.add_hint(v, t == slot)


def assign_rooms(
    rules: Rules, starts: dict[int, int], locked: dict[int, Placement], hints: dict[int, str] | None = None,
    time_limit: float = 10.0, allow_missing: bool = False, walks: bool = True,
) -> tuple[dict[int, str], bool]:
    """Rooms for lessons whose times are fixed: each room holds one lesson at a time,
    closed rooms stay empty, soft room wishes are met where possible.

    Returns the rooms and whether every lesson that needs a room got one. With
    ``allow_missing`` (for partial timetables) a lesson may go without a room, at a high
    cost, instead of the whole assignment failing.
    """
    cp_model = load_cp_model()

    m = cp_model.CpModel()
    acts = {a.id: a for a in rules.acts}
    y: dict[int, dict[str, Any]] = {}
    terms = []
    blocks = defaultdict(list)
    for b in rules.room_blocks:
        blocks[b.room].append(b)
    for aid, choice in rules.rooms.items():
        if aid not in starts:
            continue
        options = list(choice.rooms)
        lock = locked.get(aid)
        if lock is not None and lock.room:
            options = [lock.room] if (lock.room in options or not choice.needs_room) else options
        with_none = not choice.needs_room
        if not options and not with_none:
            continue
        occ = set(range(starts[aid], starts[aid] + acts[aid].duration))
        y[aid] = {}
        for r in options:
            closed = [b for b in blocks.get(r, []) if occ & b.slots]
            if any(b.weight >= 100 for b in closed):
                continue
            v = m.new_bool_var("")
            y[aid][r] = v
            for b in closed:
                terms.append((unit_cost(b.weight) * len(occ & b.slots), v))
        if with_none:
            y[aid][""] = m.new_bool_var("")
        elif allow_missing:
            y[aid][""] = m.new_bool_var("")
            terms.append((100_000, y[aid][""]))
        if not y[aid]:
            return {}, False
        m.add_exactly_one(y[aid].values())
        for _cid, weight, allowed, _label in choice.soft:
            for r, v in y[aid].items():
                if r not in allowed:
                    terms.append((unit_cost(weight), v))
        if hints and aid in hints and hints[aid] in y[aid]:
            m.add_hint(y[aid][hints[aid]], True)
    per_slot: dict[tuple[str, int], list[Any]] = defaultdict(list)
    for aid, opts in y.items():
        for r, v in opts.items():
            if r and r not in rules.virtual:  # a virtual room books real rooms instead
                for slot in range(starts[aid], starts[aid] + acts[aid].duration):
                    per_slot[(r, slot)].append(v)
    durations = {aid: acts[aid].duration for aid in y}
    terms += [(unit_cost(w) * n, v) for w, n, v in virtual.constrain(m, rules, starts, durations, y, per_slot)]
    for lits in per_slot.values():
        if len(lits) > 1:
            m.add_at_most_one(lits)
    _room_group_limits(m, rules, y)
    _same_rooms(m, rules, starts, y)
    # The building-change rules (left out only to find which of them failed: _blamed_walks).
    buildings.constrain(m, rules, starts, y, enabled=walks)
    if terms:
        m.minimize(sum(w * v for w, v in terms))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 2
    st = run_solver(solver, m)
    if st not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {}, False
    out = {}
    for aid, opts in y.items():
        for r, v in opts.items():
            if solver.value(v):
                out[aid] = r
    return out, True


def _room_group_limits(m: Any, rules: Rules, y: dict[int, dict[str, Any]]) -> None:
    """FET's "activities occupy max different rooms": one "room used by the rule" literal
    per room its lessons may take, at most the limit of them true (no room is no room)."""
    for g in rules.room_groups:
        used: dict[str, Any] = {}
        for aid in g.aids:
            for r, v in y.get(aid, {}).items():
                if r:
                    if r not in used:
                        used[r] = m.new_bool_var("")
                    m.add_implication(v, used[r])
        if len(used) > g.max_rooms:
            m.add(sum(used.values()) <= g.max_rooms)


def _same_rooms(m: Any, rules: Rules, starts: dict[int, int], y: dict[int, dict[str, Any]]) -> None:
    """FET's "activities same room if consecutive": a lesson in a room, the one right after
    it is there too, or without a room (a lesson without one is not held to the rule)."""
    acts = {a.id: a for a in rules.acts}
    for rule in rules.same_room:
        for a, b in rule.pairs(starts, acts, rules.problem.n_hours):
            if b not in y:
                continue
            for r, v in y.get(a, {}).items():
                ok = [w for key, w in y[b].items() if key in (r, "")]
                if r and ok:
                    m.add_bool_or(ok).only_enforce_if(v)
                elif r:
                    m.add(v == 0)


class _Watch:
    """Solution callback: records times and penalties, reports progress, stops on cancel."""

    def __init__(self, time_limit: float, progress: Progress | None, cancelled: Cancelled | None,
                 on_solution: Callable[[int, float], None] | None, start: float,
                 events: ProgressSink | None = None, total: int = 0) -> None:
        self._cb: Any = None
        self.start = start
        self.time_limit = time_limit
        self.progress = progress
        self.cancelled = cancelled
        self.on_solution = on_solution
        self.events = events
        self.total = total
        self.room_part = 0
        self.phase = "first"
        self.best: float | None = None
        self.best_penalty: int | None = None
        self.was_cancelled = False

    @property
    def cb(self) -> Any:
        """The CP-SAT solution callback (CP-SAT is imported only when a phase needs it)."""
        if self._cb is None:
            outer = self

            class CB(load_cp_model().CpSolverSolutionCallback):  # type: ignore[misc]
                def on_solution_callback(self) -> None:
                    outer._on_solution(self)

            self._cb = CB()
        return self._cb

    def _on_solution(self, cb: Any) -> None:
        if self.phase == "first":
            return  # reported once rooms are assigned, with its true penalty
        # The objective is the time part of the checker's penalty; rooms are settled after
        # the times, so their part of the best timetable so far is added (``room_part``).
        penalty = int(round(cb.objective_value)) + self.room_part
        if self.best_penalty is not None and penalty >= self.best_penalty:
            return
        self.best = time.monotonic() - self.start
        self.report(penalty)

    def report(self, penalty: int, placed: int | None = None) -> None:
        now = time.monotonic() - self.start
        self.best_penalty = penalty
        fraction = min(0.99, now / max(self.time_limit, 0.001))
        message = _("Best timetable so far: penalty {penalty}").format(penalty=penalty)
        if self.progress:
            self.progress(fraction, message)
        if self.events:
            self.events(ProgressEvent(fraction, "timetable.best", message, {
                "penalty": penalty, "placed": self.total if placed is None else placed,
                "total": self.total, "seconds": round(now, 2)}))
        if self.on_solution:
            self.on_solution(penalty, now)

    def placing(self, placed: int) -> None:
        """Progress while lessons are being placed: the most placed at once so far."""
        now = time.monotonic() - self.start
        fraction = min(0.99, now / max(self.time_limit, 0.001))
        message = _("Placing lessons: {placed} of {total} ({seconds:.0f} s)").format(
            placed=placed, total=self.total, seconds=now)
        if self.progress:
            self.progress(fraction, message)
        if self.events:
            self.events(ProgressEvent(fraction, "timetable.placing", message,
                                      {"placed": placed, "total": self.total, "seconds": round(now, 2)}))

    def watch(self, solver: Any) -> threading.Thread | None:
        if self.cancelled is None and self.progress is None and self.events is None:
            return None
        done = threading.Event()
        self._done = done

        def run() -> None:
            while not done.wait(0.2):
                if self.cancelled is not None and self.cancelled():
                    self.was_cancelled = True
                    solver.stop_search()
                    return
                if self.best_penalty is None:
                    elapsed = time.monotonic() - self.start
                    fraction = min(0.99, elapsed / max(self.time_limit, 0.001))
                    if self.progress:
                        self.progress(fraction, _("Looking for a first timetable…"))
                    if self.events:
                        self.events(ProgressEvent(fraction, "timetable.search", "Looking for a first timetable…",
                                                  {"seconds": round(elapsed, 2), "total": self.total}))

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
    workers: int | None = None,
    diagnose_on_failure: bool = True,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    on_solution: Callable[[int, float], None] | None = None,
    events: ProgressSink | None = None,
    seed: int = 1,
) -> SolveResult:
    """Solve ``problem``; ``locked`` placements stay where they are (and in their room).

    ``workers`` defaults to every core of the machine. ``seed``: the placement's random
    seed; another seed is another search (as FET takes a new seed for each generation),
    so the app's Solve takes the next seed each time it is pressed. Runs of one seed
    differ too, with the timing of its threads. ``events`` receives the best
    timetable so far as ``ProgressEvent(key="timetable.best", values={"penalty", "placed",
    "total", "seconds"})`` (and ``"timetable.search"`` while looking for a first one);
    ``progress`` gets the same as display text.
    """
    import os

    search = _Search(problem, time_limit, locked, hints, max(1, workers or os.cpu_count() or 2),
                     progress, cancelled, on_solution, events, seed)
    result = search.result
    found = search.first_timetable()
    if found is not None:
        first, ev = found
        result.status = "feasible"
        result.placements, result.evaluation, result.penalty = first, ev, ev.penalty
        result.first_feasible_s = result.best_s = time.monotonic() - search.t0
        search.watch.report(ev.penalty)
        first, ev = search.better_rooms(*search.polished(first, ev))
        first, ev = search.take_later(first, ev) or (first, ev)
        first, ev = search.repaired(first, ev)
        # Phase 2: optimise the soft penalty (the checker's number, see evaluate.py) around
        # the first timetable, for the rest of the time.
        search.watch.room_part = ev.penalty - ev.time_penalty
        proven = search.has_soft and ev.penalty > 0 and not search.watch.was_cancelled and search.improve(first, ev)
        if not proven and result.evaluation is not None:  # one that arrived since the last look
            search.take_later(result.placements, result.evaluation)
        if result.penalty != search.watch.best_penalty:
            search.watch.report(result.penalty or 0)  # the checker's exact figure, rooms assigned
        if result.coverage.complete and (proven or result.penalty == 0 or not search.has_soft):
            result.status = "optimal"
    if search.later is not None:
        search.later.drop()
    result.wall_s = time.monotonic() - search.t0
    if search.watch.was_cancelled and not result.solved:
        result.status = "cancelled"
    if progress:
        progress(1.0, _("Done"))
    if not result.solved and result.status != "cancelled" and diagnose_on_failure:
        result.diagnosis = diagnose(
            problem, locked=list(search.locks.values()), time_limit=max(5.0, min(30.0, time_limit / 2)),
            workers=search.n_workers, proven=result.status in ("infeasible", "infeasible_as_read"), cancelled=cancelled,
            start=search.attempt, also=search.placed_partial,
        )
    return result


class _Search:
    """One solve: the phases share the rules, locks, progress watcher and result."""

    def __init__(self, problem: Problem, time_limit: float, locked: Iterable[Placement],
                 hints: Iterable[Placement], n_workers: int, progress: Progress | None,
                 cancelled: Cancelled | None, on_solution: Callable[[int, float], None] | None,
                 events: ProgressSink | None, seed: int = 1) -> None:
        self.t0 = time.monotonic()
        self.problem, self.time_limit, self.n_workers, self.cancelled = problem, time_limit, n_workers, cancelled
        self.hints = list(hints)
        if not self.hints:  # placement comes first: its worker process loads while the rules are compiled
            from app.scheduling.timetable.placement_worker import start_early

            start_early()
        self.rules = rules = compile_rules(problem)
        self.locks = {pl.activity_id: pl for pl in locked}
        self.hint_rooms = {h.activity_id: h.room for h in [*self.hints, *self.locks.values()]}
        self.watch = _Watch(time_limit, progress, cancelled, on_solution, self.t0, events,
                            len(rules.acts))
        self.result = SolveResult(status="timeout", placements=[], notes=list(rules.notes),
                                  coverage=coverage(problem))
        self.attempt: list[Placement] = []  # the best attempt (hints for CP-SAT), if any
        self.placed_partial: list[Placement] = []  # the placement's best partial timetable
        self.seed = seed  # the placement's random seed
        self.later: Later | None = None  # a timetable holding the soft rules, still being placed
        self.room_soft = any(c.soft for c in rules.rooms.values()) or any(b.weight < 100 for b in rules.room_blocks)
        self.has_soft = self.room_soft or _has_soft_time_rules(rules)

    @property
    def cp(self) -> Any:
        """CP-SAT, imported on first use (a first timetable often needs none of it)."""
        return load_cp_model()

    def left(self) -> float:
        return self.time_limit - (time.monotonic() - self.t0)

    def run(self, build: _Build, seconds: float, first: bool = False) -> tuple[int, Any]:
        solver = self.cp.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.1, seconds)
        solver.parameters.num_workers = self.n_workers
        # Presolve is costly on these models and gains little; the feasibility-jump local
        # search finds first timetables of loose schools fastest, and CP search without LP
        # ("no_lp") those of tightly packed ones (FET's Namibian examples: 5 s instead of
        # none in 40 s). On 2 workers that pair is the whole portfolio.
        solver.parameters.max_presolve_iterations = 1
        if first and self.n_workers <= 2:
            solver.parameters.subsolvers.append("no_lp")  # larger portfolios include it anyway
        watcher = self.watch.watch(solver)
        status = run_solver(solver, build.m, self.watch.cb)
        self.watch.stop_watching()
        if watcher is not None:
            watcher.join(timeout=1)
        return status, solver

    def finish(self, build: _Build, solver: Any) -> tuple[list[Placement], Evaluation, bool]:
        starts = build.starts(solver.value)
        rooms, rooms_ok = assign_rooms(self.rules, starts, self.locks, self.hint_rooms,
                                       time_limit=max(0.5, min(10.0, self.left())))
        placements = _placements(self.problem, starts, rooms, self.locks)
        return placements, evaluate(self.rules, placements), rooms_ok

    def first_timetable(self) -> tuple[list[Placement], Evaluation] | None:
        """Phase 0: greedy placement + min-conflicts local search (no model to build; most
        schools get their first timetable here), unless the hints (the timetable on
        screen) already meet every hard rule. Phase 1, when that fails: CP-SAT without
        the soft constraints (a smaller model, found sooner), hinted with phase 0's best.
        The timetable with its evaluation (every way here makes one anyway)."""
        hints = self.hints
        if hints:
            # A re-solve starts from the timetable on screen when it still meets every
            # hard rule (the locks included): improving it can only lower its penalty,
            # where CP-SAT without the soft rules wandered off to a worse one.
            whole = self._hinted_timetable()
            if whole is not None:
                return whole
        # Otherwise (a new solve, or one on screen that is partial or breaks a hard rule)
        # the placement looks for a first timetable, the locks kept. A re-solve after no
        # timetable was found in time used to go to CP-SAT alone: on FET's Ancona example
        # it found none in 40 s, where the placement found one in about half its 30 s runs.
        first, attempt, self.later, self.placed_partial = _construct_first(
            self.rules, self.locks, self.hint_rooms, min(max(1.0, PLACEMENT_SHARE * self.time_limit), 300.0),
            self.cancelled, self.n_workers, self.watch.placing, self.seed)
        self.attempt = attempt
        if first is not None:
            return first
        hints = attempt or hints
        if self.cancelled is not None and self.cancelled():
            return None
        try:
            build = _Build(self.rules, self.locks, with_soft=False, deadline=self.t0 + self.time_limit)
        except BuildTimeout:
            return None
        build.hint([*hints, *self.locks.values()])
        self.watch.phase = "first"
        status, solver = self.run(build, self.left(), first=True)
        if status == self.cp.MODEL_INVALID:
            raise RuntimeError(f"internal error: invalid timetable model ({build.m.validate()[:300]})")
        if status == self.cp.INFEASIBLE:
            self._impossible()
        if status not in (self.cp.OPTIMAL, self.cp.FEASIBLE):
            return None
        return self._roomed(build, solver)

    def _impossible(self) -> None:
        """CP-SAT proved the rules as read impossible. In FET's official mode that is the
        file's answer. In another mode (mornings-afternoons, block planning, terms) a "day"
        of the file is a half day or a term's day and some rules mean something else there,
        which the model does not follow: the proof is of a misread file, so none is claimed
        (FET's own example files in those modes have timetables this reading calls impossible)."""
        self.result.status = "infeasible_as_read" if self.result.coverage.other_mode else "infeasible"

    def _roomed(self, build: _Build, solver: Any) -> tuple[list[Placement], Evaluation] | None:
        """CP-SAT's times with their rooms, if they keep every hard rule."""
        placements, ev, rooms_ok = self.finish(build, solver)
        if not rooms_ok:
            self.result.notes.append(_("Rooms could not all be assigned for the times found; "
                                       "some lessons are left without a room"))
            self.result.notes += _blamed_walks(self.rules, placements, self.locks)
        if not ev.hard_ok:
            # The time model leaves out what only rooms settle (building changes, which
            # room of a pool): times without rooms that keep every hard rule are no
            # timetable, and are not called one; they start the diagnosis.
            self.attempt = placements
            return None
        return placements, ev

    def _hinted_timetable(self) -> tuple[list[Placement], Evaluation] | None:
        """The hints (locks winning) as a timetable, with its evaluation, if they place
        every lesson and meet every hard rule by the checker's evaluation."""
        by_id = {h.activity_id: h for h in self.hints}
        by_id.update(self.locks)
        if any(a.id not in by_id for a in self.rules.acts):
            return None
        whole = [by_id[a.id] for a in self.rules.acts]
        ev = evaluate(self.rules, whole)
        return (whole, ev) if ev.hard_ok else None

    def polished(self, first: list[Placement], ev: Evaluation) -> tuple[list[Placement], Evaluation]:
        """Phase 1b: single moves that keep every hard rule and lower the soft time
        penalty (fast, no model to build); kept only if the checker's penalty is lower.
        Its gains come in the first second or two (measured on FET's examples), after
        which the large-neighbourhood search (:meth:`improve`) lowers the penalty faster,
        so it gets a twentieth of the time limit (at least 1 s, at most a quarter of
        what is left), in slices of growing length, each better timetable reported at
        once (a school FET solves in a second is compared with us at that second).

        Skipped when repair will run the compiled placement loop (its machine code is
        kept on this computer): its tries then lower the penalty faster from the first
        timetable than polish's moves do in plain Python (FET's Lom example, medians of
        five 3 s runs: 4,735 at 1 s against 5,408 after a short polish; PBS and
        TelPolytech the same from 0.5 s)."""
        if ev.time_penalty == 0 or self.left() < 1 or (self.cancelled is not None and self.cancelled()):
            return first, ev
        from app.scheduling.timetable.repair import compiled_loop

        if compiled_loop() is not None:
            return first, ev
        end = time.monotonic() + min(self.left() / 4, max(1.0, 0.05 * self.time_limit))
        seconds = 0.2
        while time.monotonic() < end and not (self.cancelled is not None and self.cancelled()):
            first, ev = self.take_later(first, ev) or (first, ev)
            better = self._polish_once(first, ev, min(seconds, end - time.monotonic()))
            if better is None:
                # Polish has done what it can (or was cut short by the placement's timetable
                # holding the soft rules): the rest of its time goes to waiting for that
                # timetable, if one is still coming, and to polishing it if it is better.
                if self.later is None or self.later.over:
                    break
                waited = self.wait_for_later(first, ev, end - time.monotonic())
                if waited[0] is first:
                    break
                better = waited
            first, ev = better
            seconds *= 2
        return first, ev

    def repaired(self, first: list[Placement], ev: Evaluation) -> tuple[list[Placement], Evaluation]:
        """Phase 1c: ruin and recreate (repair.py: a few lessons around a broken soft rule
        placed again, FET's way) while it keeps finding better timetables, for
        :data:`REPAIR_SHARE` of the time left at most (all of it when the neighbourhood
        search would not fit after it); each better one reported at once. Then the
        placement's timetable holding the soft rules, if it arrived since and is better."""
        from app.scheduling.timetable.repair import repair

        if ev.time_penalty == 0 or self.left() < 0.5 or self._cancelled():
            return first, ev
        patience = (REPAIR_PATIENCE, max(3 * REPAIR_PATIENCE, REPAIR_PATIENCE_SHARE * self.time_limit))
        # All the time left when the neighbourhood search would not fit in the rest.
        share = REPAIR_SHARE if self._lns_fits((1 - REPAIR_SHARE) * self.left()) else 1.0
        # A moment is kept for the caller's last report, as in the neighbourhood search.
        seconds = share * self.left() - min(0.3, 0.02 * self.time_limit)
        # On two cores or more, two searches share the tries (the compiled loop runs in
        # threads side by side; the plain one alone, see repair).
        got = repair(self.rules, self.locks, first, seconds, patience=patience,
                     on_better=self._keep_lower, stop=self._cancelled, offers=self.take_later,
                     walkers=min(REPAIR_WALKERS, self.n_workers))
        if got[1].penalty < ev.penalty:
            first, ev = got
            self._keep_lower(first, ev)  # reported already; the result must hold what goes on
        return self.take_later(first, ev) or (first, ev)

    def _lns_fits(self, seconds: float) -> bool:
        """Whether the neighbourhood search is worth starting with ``seconds`` left:
        building its model takes about a second per 500 lessons."""
        return seconds > 0.5 + len(self.rules.acts) / 500

    def _cancelled(self) -> bool:
        return self.cancelled is not None and bool(self.cancelled())

    def wait_for_later(self, best: list[Placement], ev: Evaluation,
                       seconds: float) -> tuple[list[Placement], Evaluation]:
        """:meth:`take_later`, waiting up to ``seconds`` for it to arrive (a cancel still
        ends the wait at once); the better of it and ``best``."""
        end = time.monotonic() + seconds
        while self.later is not None and not self.later.over and time.monotonic() < end:
            if self.cancelled is not None and self.cancelled():
                break
            got = self.take_later(best, ev, wait=min(0.1, max(0.0, end - time.monotonic())))
            if got is not None:
                return got
        return best, ev

    def take_later(self, best: list[Placement], ev: Evaluation,
                   wait: float = 0.0) -> tuple[list[Placement], Evaluation] | None:
        """The placement's timetable holding the soft rules, if it has arrived (waiting up
        to ``wait`` seconds) and its penalty (soft room wishes weighed) is below ``ev``'s:
        reported, and returned."""
        placed = self.later.poll(wait) if self.later is not None else None
        if placed is None or placed.unplaced:
            return None
        rooms, ok = placed.rooms, False
        # Its rooms meet the hard rules; the soft wishes are weighed too while there is
        # time (a timetable that arrived in time is taken even at the very end).
        if self.room_soft and self.left() >= 0.2:
            hints = {**placed.rooms, **self.hint_rooms}
            rooms, ok = assign_rooms(self.rules, placed.starts, self.locks, hints, time_limit=max(0.2, min(2.0, self.left() / 4)))
        placements = _placements(self.problem, placed.starts, rooms if ok else placed.rooms, self.locks)
        ev2 = evaluate(self.rules, placements)
        if not ev2.hard_ok or ev2.penalty >= ev.penalty:
            return None
        return self._keep(placements, ev2)

    def _keep_lower(self, placements: list[Placement], ev: Evaluation) -> None:
        """:meth:`_keep`, only if the penalty is below the result's so far: the best so far
        shown never goes up (repair reports what beats its own start)."""
        best = self.result.penalty
        if best is None or ev.penalty < best:
            self._keep(placements, ev)

    def _keep(self, placements: list[Placement], ev: Evaluation) -> tuple[list[Placement], Evaluation]:
        """A better timetable: the result so far, and reported."""
        result = self.result
        result.placements, result.evaluation, result.penalty = placements, ev, ev.penalty
        result.best_s = time.monotonic() - self.t0
        self.watch.report(ev.penalty)
        return placements, ev

    def _polish_once(self, first: list[Placement], ev: Evaluation,
                     seconds: float) -> tuple[list[Placement], Evaluation] | None:
        """One slice of :func:`polish`: the better timetable (reported), or None."""
        later = self.later
        # The placement's timetable holding the soft rules, arriving, ends the slice: it is
        # often better than anything polish finds, and FET's time may be a moment away.
        done = polish(self.rules, self.locks, first, seconds, stop=later.arrived if later is not None else lambda: False)
        H = self.problem.n_hours
        placements = [pl if done.starts.get(pl.activity_id) == pl.day * H + pl.hour else
                      Placement(pl.activity_id, done.starts[pl.activity_id] // H, done.starts[pl.activity_id] % H,
                                done.rooms.get(pl.activity_id, ""), pl.locked)
                      for pl in first if pl.activity_id in done.starts]
        ev2 = evaluate(self.rules, placements)
        if len(placements) != len(first) or not ev2.hard_ok or ev2.penalty >= ev.penalty:
            return None
        return self._keep(placements, ev2)

    def better_rooms(self, first: list[Placement], ev: Evaluation) -> tuple[list[Placement], Evaluation]:
        """The first timetable's rooms meet the hard rules; weigh the soft room wishes
        too (same times), and report the timetable if that lowers the penalty."""
        if not self.room_soft or ev.penalty == ev.time_penalty or self.left() < 1:
            return first, ev
        H = self.problem.n_hours
        starts = {pl.activity_id: pl.day * H + pl.hour for pl in first}
        hints = {**{pl.activity_id: pl.room for pl in first}, **self.hint_rooms}
        rooms, ok = assign_rooms(self.rules, starts, self.locks, hints, time_limit=max(0.5, min(10.0, self.left() / 4)))
        if not ok:
            return first, ev
        placements = _placements(self.problem, starts, rooms, self.locks)
        ev2 = evaluate(self.rules, placements)
        if not ev2.hard_ok or ev2.penalty >= ev.penalty:
            return first, ev
        return self._keep(placements, ev2)

    def improve(self, first: list[Placement], ev: Evaluation) -> bool:
        """Phase 2: lower the soft penalty around ``first`` by large-neighbourhood search
        (lns.py: the whole model built once, small parts of the timetable re-planned by
        CP-SAT, every result checked by the checker) until the time limit; whether the
        result is proven optimal (for what was modelled)."""
        from app.scheduling.timetable.lns import improve_lns

        if not self._lns_fits(self.left()) or ev.time_penalty == 0:
            return False
        try:
            build = _Build(self.rules, self.locks, symmetry=False, deadline=self.t0 + self.time_limit - 0.5)
        except BuildTimeout:
            return False
        build.minimize()
        # The placement's timetable holding the soft rules, if still coming, is worth
        # waiting for a moment (measured on FET's examples: a third to a twentieth of the
        # penalty, seconds of the search's work): it arrives within SOFT_GRACE.
        if self.later is not None and not self.later.over:
            first, ev = self.wait_for_later(first, ev, min(SOFT_GRACE, self.left() / 3))
        self.watch.phase = "improve"
        result = self.result

        def on_better(placements: list[Placement], ev2: Evaluation) -> None:
            result.placements, result.evaluation, result.penalty = placements, ev2, ev2.penalty
            result.best_s = self.watch.best = time.monotonic() - self.t0
            self.watch.report(ev2.penalty)

        # A moment is kept for the caller's last report; every kept timetable has its rooms.
        deadline = self.t0 + self.time_limit - min(0.3, 0.02 * self.time_limit)
        out = improve_lns(build, self.locks, first, ev, assign_rooms, deadline=deadline,
                          workers=self.n_workers, cancelled=self.cancelled, on_better=on_better,
                          offers=None if self.later is None else self.take_later)
        self.watch.was_cancelled = self.watch.was_cancelled or out.cancelled
        # Proven only for what was modelled, and only when rooms (settled afterwards) add nothing.
        return out.proven and not (self.room_soft and bool(result.penalty))


# Ruin and recreate (Search.repaired) gets at most this share of the time left after
# polish, and stops without a better timetable for REPAIR_PATIENCE s and 150 tries, or
# for 3 × REPAIR_PATIENCE s (or that share of the time limit, if longer): on loose
# schools it lowers the penalty far faster than CP-SAT's neighbourhoods (FET's PBS: 3,990
# to 0 in 3 s), on tight ones it finds nothing and they take over (measured on FET's
# examples). Nine tenths, not half, since its tries take out 2-6 lessons: while it keeps
# finding better timetables it does better than the neighbourhoods would in the rest
# (through the CLI, 20 s, two runs each: Econ-Timisoara 4,950 and 3,267 -> 0 and 0; the
# other tight schools within their spread; where repair stops early, nothing changes).
# Patience 3 s, not 1 s, since repair keeps tries by late acceptance (repair_tries): its
# walk climbs and comes down again, so a new best comes less often yet keeps coming, where
# the neighbourhoods would find less (CLI, 20 s, seeds 1-3, final penalty with 1 s -> 3 s:
# liceo-scientifico 3,282-6,145 -> 2,174-2,975, test-2012 2,135-3,786 -> 1,293-3,119; Lom
# 962-1,061 -> 1,059-1,156 and Liceo-2010 1,810-2,745 -> 2,260-2,970 a little higher;
# THE exams, Orar, Highlands, TelPolytech odd and dgspro the same).
REPAIR_SHARE, REPAIR_PATIENCE, REPAIR_PATIENCE_SHARE = 0.9, 3.0, 0.25
REPAIR_WALKERS = 2  # repair's searches side by side, at most one per worker

# Share of the time limit for the placement phase (the rest is CP-SAT's, which also proves
# when no timetable exists): placement finds most first timetables, CP-SAT rarely one it
# cannot.
PLACEMENT_SHARE = 0.75


def _has_soft_time_rules(rules: Rules) -> bool:
    return (any(r.weight < 100 for r in rules.start_rules) or any(g.weight < 100 for g in rules.groups)
            or any(ld.weight < 100 for ld in rules.loads))


def _construct_first(
    rules: Rules, locks: dict[int, Placement], hint_rooms: dict[int, str], seconds: float,
    cancelled: Cancelled | None, workers: int = 2, on_progress: Callable[[int], None] | None = None,
    seed: int = 1,
) -> tuple[tuple[list[Placement], Evaluation] | None, list[Placement], Later | None, list[Placement]]:
    """Phase 0: placement with eviction (FET's recursive swapping), then, if lessons are
    left over, the min-conflicts local search from its best partial timetable. Returns the
    timetable and its evaluation (None unless every hard rule holds, rooms included), the
    best attempt, as hints for CP-SAT, the placement's timetable holding the soft rules if
    it may still come (:class:`~app.scheduling.timetable.place.Later`), and the
    placement's best partial timetable (every lesson in it placed without breaking a hard
    rule, where the local search's attempt places every lesson and breaks some: the
    diagnosis shows whichever keeps more once cleaned, see :func:`_start_partial`)."""
    t0 = time.monotonic()
    placed = place_all(rules, locks, time_limit=0.9 * seconds, seed=seed, cancelled=cancelled, workers=workers,
                       on_progress=on_progress)
    partial = _placements(rules.problem, placed.starts, placed.rooms, locks)
    if not placed.unplaced:
        # Its rooms fit every hard rule already; soft room wishes are weighed next
        # (better_rooms), after the first timetable is shown.
        ev = evaluate(rules, partial)
        if ev.hard_ok:
            return (partial, ev), partial, placed.later, []
        if all(v.room for v in ev.hard):
            # Only rooms break a rule the placement does not see (building changes): the
            # times may well hold with other rooms.
            roomed = _with_rooms(rules, placed.starts, locks, hint_rooms)
            if roomed is not None:
                return roomed, partial, placed.later, []
    if placed.later is not None:
        placed.later.drop()
    if cancelled is not None and cancelled():
        return None, partial, None, partial
    left = max(0.5, seconds - (time.monotonic() - t0))
    found = construct(rules, locks, time_limit=left, cancelled=cancelled, initial=placed.starts)
    attempt = _placements(rules.problem, found.starts, {}, locks)
    if found.conflicts:
        return None, attempt, None, partial
    return _with_rooms(rules, found.starts, locks, hint_rooms), attempt, None, partial


def _with_rooms(rules: Rules, starts: dict[int, int], locks: dict[int, Placement],
                hint_rooms: dict[int, str]) -> tuple[list[Placement], Evaluation] | None:
    """The timetable with rooms assigned (soft room wishes weighed) and its evaluation,
    if it meets every hard rule; None otherwise (checked by the same evaluation ``check``
    uses)."""
    rooms, rooms_ok = assign_rooms(rules, starts, locks, hint_rooms)
    if not rooms_ok:
        return None
    candidate = _placements(rules.problem, starts, rooms, locks)
    ev = evaluate(rules, candidate)
    return (candidate, ev) if ev.hard_ok else None


def _blamed_walks(rules: Rules, placements: list[Placement], locks: dict[int, Placement]) -> list[str]:
    """When no rooms could be found for the times, the building-change rules to blame: rooms
    exist for those times without them, and then those rules break (a note saying which,
    as the time model, which leaves them out, cannot name them in a diagnosis)."""
    if not rules.buildings:
        return []
    H = rules.problem.n_hours
    starts = {pl.activity_id: pl.day * H + pl.hour for pl in placements}
    rooms, ok = assign_rooms(rules, starts, locks, time_limit=2.0, walks=False)
    if not ok:
        return []
    ev = evaluate(rules, _placements(rules.problem, starts, rooms, locks))
    cids = {v.cid for v in ev.hard if v.room}
    labels = list(dict.fromkeys(r.label for r in rules.buildings if r.cid in cids))
    if not labels:
        return []
    shown = "; ".join(labels[:5])
    if len(labels) > 5:
        shown = _("{names} and {n} more").format(names=shown, n=len(labels) - 5)
    return [_("The times found leave no rooms that keep these building rules: {rules}").format(rules=shown)]


def _core(rules: Rules, locks: dict[int, Placement], deadline: float,
          cancelled: Cancelled | None) -> tuple[list[str], list[int], bool]:
    """The hard constraints (their labels) and lessons of a small infeasible core, and
    whether one was found, from CP-SAT's sufficient assumptions, shrunk one member at a
    time while there is time."""
    cp_model = load_cp_model()
    build = _Build(rules, locks, relaxed=True, assume_constraints=True, deadline=deadline)
    lit_of: dict[int, tuple[str, Hashable]] = {}
    assumptions = []
    for key, lit in build.enable.items():
        lit_of[lit.index] = ("c", key)
        assumptions.append(lit)
    for aid, lit in build.placed.items():
        lit_of[lit.index] = ("a", aid)
        assumptions.append(lit)

    def infeasible_with(lits: list[Any], seconds: float) -> tuple[bool | None, list[Any]]:
        build.m.clear_assumptions()
        build.m.add_assumptions(lits)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.1, seconds)
        solver.parameters.num_workers = 1
        st = run_solver(solver, build.m)
        if st == cp_model.INFEASIBLE:
            idx = set(solver.sufficient_assumptions_for_infeasibility())
            return True, [lit for lit in lits if lit.index in idx]
        if st in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False, []
        return None, []

    verdict, core = infeasible_with(assumptions, max(1.0, (deadline - time.monotonic()) * 0.5))
    if verdict is not True:
        return [], [], False
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
    keys = [lit_of[lit.index] for lit in core]
    return ([build.labels[key] for kind, key in keys if kind == "c"],
            [int(key) for kind, key in keys if kind == "a"], True)  # type: ignore[call-overload]


def diagnose(
    problem: Problem,
    *,
    locked: Iterable[Placement] = (),
    time_limit: float = 20.0,
    workers: int = 2,
    proven: bool = True,
    cancelled: Cancelled | None = None,
    start: Iterable[Placement] = (),
    also: Iterable[Placement] = (),
) -> Diagnosis:
    """Name the hard constraints and lessons that cannot all hold, and place what can be.

    ``start``: the best partial timetable found so far, a starting point for the partial
    timetable and what is given when there is no time for better; ``also``: another (the
    placement's, when ``start`` is the local search's attempt, which places every lesson
    and breaks some hard rules): whichever keeps more lessons once cleaned is used."""
    deadline = time.monotonic() + time_limit
    rules = compile_rules(problem)
    locks = {pl.activity_id: pl for pl in locked}
    acts = {a.id: a for a in rules.acts}

    # 1. An infeasible core over assumption literals (one per constraint, one per lesson),
    # only when the search proved there is no timetable (else there is no core to find).
    constraints: list[str] = []
    core_acts: list[int] = []
    found = False
    if proven:
        with contextlib.suppress(BuildTimeout):
            constraints, core_acts, found = _core(rules, locks, deadline, cancelled)
    explanation: list[str] = []
    as_read = proven and coverage(problem).other_mode  # the proof is of the rules as read (see _impossible)
    if found:
        explanation.append(_("As the solver reads them (as in FET's official mode), these hard constraints cannot "
                             "all hold at once:") if as_read else _("These hard constraints cannot all hold at once:"))
        explanation += [f"  - {c}" for c in constraints]
        if core_acts:
            explanation.append(_("together with these lessons (and the basic rule that no teacher, "
                                 "students set or room is in two places at once):"))
            explanation += [f"  - {acts[a].describe()}" for a in sorted(core_acts)]
            explanation += _shared_resources(rules, sorted(core_acts))
        explanation.append(_("The file's mode gives some of them another meaning (not modelled): check them in FET.")
                           if as_read else
                           _("Relax or deactivate one of them (or give it a weight below 100%) and solve again."))
    elif as_read:
        explanation.append(_("The rules as read contradict each other, but the conflicting ones could not be "
                             "narrowed down in the time given."))
    elif proven:
        explanation.append(_("No timetable exists, but the conflicting constraints could not be "
                             "narrowed down in the time given; try again with a longer time limit."))
    else:
        explanation.append(_("No timetable was found in the time given (none was proven impossible either)."))

    # 2. The best partial timetable: hard constraints on, place as many lessons as possible,
    # starting from the search's attempt, the placement's partial timetable or a greedy
    # placement, whichever keeps most once cleaned (also the fallback when there is no time
    # for better).
    partial = _start_partial(rules, locks, [list(start), list(also)], deadline)
    remaining = deadline - time.monotonic()
    if remaining > 0.5 and not (cancelled is not None and cancelled()):
        partial = _most_placed(rules, locks, partial, deadline, workers) or partial
    placed_ids = {pl.activity_id for pl in partial}
    unplaced = sorted(a for a in acts if a not in placed_ids)
    if partial and not unplaced:  # lessons fixed by the file's own rules, which break others
        explanation.append(_("The best timetable found places every lesson but breaks hard rules; "
                             "`timetable check` lists them."))
    elif partial:
        explanation.append(_("The best partial timetable places {count} of {n} lessons; not placed: {ids}").format(
            count=len(partial), n=len(acts), ids=", ".join(str(a) for a in unplaced[:20]) + (" …" if len(unplaced) > 20 else "")))
    return Diagnosis(constraints, sorted(core_acts), explanation, partial, unplaced,
                     proven=(found or proven) and not as_read)


def _start_partial(rules: Rules, locks: dict[int, Placement], candidates: list[list[Placement]],
                   deadline: float) -> list[Placement]:
    """The candidate partial timetable or a greedy placement, whichever places most, with
    rooms where they fit and without the lessons that break a hard rule."""
    H = rules.problem.n_hours
    best: list[Placement] = []
    tries = [{pl.activity_id: pl.day * H + pl.hour for pl in c} for c in candidates if c]
    for starts in (*tries, _greedy(rules, locks)):
        if len(starts) <= len(best):
            continue
        seconds = max(0.5, min(5.0, (deadline - time.monotonic()) / 4))
        rooms, _ok = assign_rooms(rules, starts, locks, time_limit=seconds, allow_missing=True)
        cleaned = _clean_partial(rules, _placements(rules.problem, starts, rooms, locks))
        best = cleaned if len(cleaned) > len(best) else best
    return best


def _most_placed(rules: Rules, locks: dict[int, Placement], hint: list[Placement], deadline: float,
                 workers: int) -> list[Placement] | None:
    """CP-SAT's "place as many lessons as possible" from ``hint`` until ``deadline``; None
    if it places no more than the hint (or the model is not built in time)."""
    cp_model = load_cp_model()
    try:
        relaxed = _Build(rules, locks, relaxed=True, deadline=deadline - 0.5)
    except BuildTimeout:
        return None
    relaxed.m.maximize(sum(relaxed.placed.values()))
    relaxed.hint(hint)
    kept_ids = {pl.activity_id for pl in hint}
    for aid, lit in relaxed.placed.items():
        relaxed.m.add_hint(lit, aid in kept_ids)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.5, deadline - time.monotonic())
    solver.parameters.num_workers = max(1, workers)
    st = run_solver(solver, relaxed.m)
    if st not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    starts = relaxed.starts(solver.value)
    if len(starts) < len(hint):
        return None
    rooms, _ok = assign_rooms(rules, starts, locks, allow_missing=True)
    found = _clean_partial(rules, _placements(rules.problem, starts, rooms, locks))
    return found if len(found) >= len(hint) else None


def _greedy(rules: Rules, locks: dict[int, Placement]) -> dict[int, int]:
    """A quick first-fit placement: the most constrained lessons first, no double-booking,
    hard start rules, min days and same starting times respected."""
    p = rules.problem
    H = p.n_hours
    acts = {a.id: a for a in rules.acts}
    domain = {aid: set(starts) for aid, starts in rules.base_starts.items()}
    for r in rules.start_rules:
        if r.weight >= 100:
            domain[r.aid] &= r.starts
    for aid, lock in locks.items():
        if aid in domain:
            domain[aid] &= {lock.day * H + lock.hour}
    fixed_room = {aid: c.rooms[0] for aid, c in rules.rooms.items() if c.needs_room and len(c.rooms) == 1}
    min_days: dict[int, list[GroupRule]] = defaultdict(list)
    same: dict[int, list[GroupRule]] = defaultdict(list)
    for g in rules.groups:
        if g.weight >= 100:
            for aid in g.aids:
                (min_days if g.kind == "min_days" else same if g.kind == "same_start" else min_days)[aid].append(g)
    busy: set[tuple[str, int]] = set()
    start: dict[int, int] = {}
    order = sorted(acts, key=lambda a: (a not in locks, len(domain[a]), -acts[a].duration, a))
    for aid in order:
        a = acts[aid]
        owners = [f"t:{t}" for t in a.teachers] + [f"s:{x}" for x in rules.atoms_of[aid]]
        if aid in fixed_room:
            owners.append(f"r:{fixed_room[aid]}")
        for t in sorted(domain[aid]):
            slots = range(t, t + a.duration)
            if any((o, x) in busy for o in owners for x in slots):
                continue
            if any(g.kind == "same_start" and any(o in start and start[o] != t for o in g.aids) for g in same[aid]):
                continue
            if any(g.kind == "min_days" and any(o in start and abs(start[o] // H - t // H) < g.min_days
                                                for o in g.aids if o != aid) for g in min_days[aid]):
                continue
            if any(g.kind == "not_overlapping" and any(o in start and set(slots) & set(range(start[o], start[o] + acts[o].duration))
                                                       for o in g.aids if o != aid) for g in min_days[aid]):
                continue
            start[aid] = t
            busy.update((o, x) for o in owners for x in slots)
            break
    return start


def _clean_partial(rules: Rules, placements: list[Placement]) -> list[Placement]:
    """Drop the lessons that break a hard rule, so a partial timetable is sound as far as it goes.

    Repeated until nothing is broken: dropping a lesson can break another rule (the day's
    first lesson gone, the students now start too late; a lesson between two others gone,
    a gap). Each round drops at least one lesson, so this ends."""
    while True:
        bad = {aid for v in evaluate(rules, placements).hard for aid in v.activity_ids}
        if not bad:
            return placements
        placements = [pl for pl in placements if pl.activity_id not in bad]


def _placements(p: Problem, starts: dict[int, int], rooms: dict[int, str],
                locks: dict[int, Placement]) -> list[Placement]:
    H = p.n_hours
    return [Placement(aid, t // H, t % H, rooms.get(aid, ""), locked=aid in locks)
            for aid, t in sorted(starts.items())]


def _shared_resources(rules: Rules, aids: list[int]) -> list[str]:
    """Who the conflicting lessons have in common, with their weekly load."""
    acts = {a.id: a for a in rules.acts}
    out = []
    teachers = set.intersection(*(set(acts[a].teachers) for a in aids)) if aids else set()
    for t in sorted(teachers):
        hours = sum(acts[a].duration for a in rules.by_teacher()[t])
        out.append("  " + _("They share teacher {teacher}, who teaches {hours} hours a week.").format(teacher=t, hours=hours))
    students = frozenset.intersection(*(rules.atoms_of[a] for a in aids)) if aids else frozenset()
    if students:
        out.append("  " + _("They share students {names}.").format(names=", ".join(sorted(students)[:5])))
    return out
