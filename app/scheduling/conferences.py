"""Parent-teacher conference scheduling: the model, the rules and the solver.

A conference *day* is a time window cut into slots (slot length + passing time, minus
breaks). Families *request* teachers; a request may carry the family's earliest and
latest time and a language that needs an interpreter. A schedule places each request in
one (day, slot) so that:

* a teacher meets one family per slot, never while away, and never more than
  ``max_consecutive`` meetings without a free slot;
* a family is in one place at a time, and has time to walk between rooms
  (the gap between two of its meetings is at least the walking time between the rooms);
* a family that does not speak English is served by a teacher who speaks its language,
  or else with an interpreter of that language; requests needing an interpreter never
  outnumber the free interpreters of that language;
* a family's meetings (all its children's teachers) sit back to back where possible.

The solver seeds CP-SAT with a greedy schedule (so a usable answer exists at once) and
lets CP-SAT improve it within a time limit. Requests left out are explained one by one.
Everything here is plain data: the store adapter is ``conferences_store``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import time as _time
from dataclasses import dataclass, field, replace

from app.core.i18n import _
from app.core.progress import IsCancelled as Cancelled
from app.core.progress import Progress

_DEBUG = bool(os.environ.get("TEACHERDESK_DEBUG_SOLVER"))


def language_key(code: str) -> str:
    """What two language codes must share to understand each other: the primary subtag
    ("es-MX" and "es" match; "Spanish" typed by hand is turned into a code earlier)."""
    return code.strip().split("-")[0].split("_")[0].lower()


@dataclass(frozen=True)
class DaySpec:
    id: int
    date: dt.date
    start: dt.time
    end: dt.time
    slot_minutes: int = 15
    passing_minutes: int = 5
    breaks: tuple[tuple[dt.time, dt.time], ...] = ()
    max_consecutive: int = 6
    walk_minutes: int = 3
    label: str = ""

    def slots(self) -> list[tuple[dt.datetime, dt.datetime]]:
        """Local (naive) start/end of every slot, in order, breaks left out."""
        out: list[tuple[dt.datetime, dt.datetime]] = []
        t = dt.datetime.combine(self.date, self.start)
        end = dt.datetime.combine(self.date, self.end)
        length = dt.timedelta(minutes=self.slot_minutes)
        step = length + dt.timedelta(minutes=self.passing_minutes)
        breaks = sorted(
            (dt.datetime.combine(self.date, a), dt.datetime.combine(self.date, b)) for a, b in self.breaks
        )
        while t + length <= end:
            clash = next((b for b in breaks if t < b[1] and b[0] < t + length), None)
            if clash is not None:
                t = clash[1]
                continue
            out.append((t, t + length))
            t += step
        return out


@dataclass(frozen=True)
class Absence:
    day_id: int
    start: dt.time
    end: dt.time


@dataclass(frozen=True)
class TeacherSpec:
    id: int
    name: str
    room: str = ""
    absences: tuple[Absence, ...] = ()
    max_consecutive: int | None = None  # None: the day's limit
    languages: tuple[str, ...] = ()  # spoken with families besides English

    def speaks(self, language: str) -> bool:
        want = language_key(language)
        return want == "en" or any(language_key(lang) == want for lang in self.languages)


@dataclass(frozen=True)
class InterpreterSpec:
    id: int
    name: str
    language: str
    absences: tuple[Absence, ...] = ()


@dataclass(frozen=True)
class RequestSpec:
    id: int
    family_id: int
    family_name: str
    teacher_id: int
    student_ids: tuple[int, ...] = ()
    earliest: dt.time | None = None
    latest: dt.time | None = None  # the meeting must END by this time
    language: str = "en"
    interpreter: bool = False
    day_id: int | None = None
    priority: int = 1


@dataclass
class ConferencePlan:
    days: list[DaySpec]
    teachers: list[TeacherSpec]
    requests: list[RequestSpec]
    interpreters: list[InterpreterSpec] = field(default_factory=list)
    # Minutes to walk between two rooms; default: 0 in the same room, else the day's walk.
    walk: dict[tuple[str, str], int] = field(default_factory=dict)

    def walk_minutes(self, a: str, b: str, day: DaySpec) -> int:
        if a == b:
            return 0
        return self.walk.get((a, b), self.walk.get((b, a), day.walk_minutes))


@dataclass(frozen=True)
class Booking:
    request_id: int
    day_id: int
    slot: int
    interpreter_id: int | None = None
    manual: bool = False
    kept: bool = False  # booked before this run and left where it was


@dataclass(frozen=True)
class Unplaced:
    request_id: int
    code: str
    reason: str


@dataclass
class ScheduleResult:
    bookings: list[Booking]
    unplaced: list[Unplaced]
    solver: str
    seconds: float
    requests: int
    kept: int = 0  # bookings from before this run left where they were
    moved: int = 0  # earlier bookings that no longer fit and were placed again

    @property
    def placed(self) -> int:
        return len(self.bookings)

    @property
    def newly_placed(self) -> int:
        return len(self.bookings) - self.kept


def _overlaps(a0: dt.time, a1: dt.time, b0: dt.time, b1: dt.time) -> bool:
    return a0 < b1 and b0 < a1


def language_name(code: str, locale: str = "en") -> str:
    """A language's name for messages ("es" -> "Spanish"); the code itself if unknown."""
    try:
        from babel import Locale

        names = Locale.parse(locale).languages
    except (ValueError, TypeError, ImportError):  # pragma: no cover - Babel ships its data
        return code
    return names.get(code) or names.get(language_key(code)) or code


class _Index:
    """Precomputed slots, candidates and capacities for one plan."""

    def __init__(self, plan: ConferencePlan) -> None:
        plan = _served_in_language(plan)
        self.plan = plan
        self.days = {d.id: d for d in plan.days}
        self.slots = {d.id: d.slots() for d in plan.days}
        self.teachers = {t.id: t for t in plan.teachers}
        self.requests = {r.id: r for r in plan.requests}
        self.interp_capacity: dict[tuple[str, int, int], int] = {}
        self.interp_free: dict[tuple[int, int], list[InterpreterSpec]] = {}
        for d in plan.days:
            for k, (s, e) in enumerate(self.slots[d.id]):
                free = [i for i in plan.interpreters if not any(
                    a.day_id == d.id and _overlaps(s.time(), e.time(), a.start, a.end) for a in i.absences)]
                self.interp_free[(d.id, k)] = free
                for i in free:
                    key = (language_key(i.language), d.id, k)
                    self.interp_capacity[key] = self.interp_capacity.get(key, 0) + 1
        self.candidates: dict[int, list[tuple[int, int]]] = {}
        self.why_none: dict[int, Unplaced] = {}
        for r in plan.requests:
            self.candidates[r.id] = self._candidates(r)

    def room(self, r: RequestSpec) -> str:
        t = self.teachers.get(r.teacher_id)
        return t.room if t else ""

    def max_consecutive(self, teacher_id: int, day: DaySpec) -> int:
        t = self.teachers.get(teacher_id)
        return t.max_consecutive if t and t.max_consecutive else day.max_consecutive

    def adjacent(self, day_id: int, k: int) -> bool:
        """Slot k+1 follows slot k with only passing time between (no break)."""
        slots = self.slots[day_id]
        if k + 1 >= len(slots):
            return False
        day = self.days[day_id]
        return (slots[k + 1][0] - slots[k][1]) <= dt.timedelta(minutes=day.passing_minutes)

    def gap(self, day_id: int, k1: int, k2: int) -> int:
        """Minutes between the end of the earlier and the start of the later slot."""
        slots = self.slots[day_id]
        a, b = (k1, k2) if k1 < k2 else (k2, k1)
        return int((slots[b][0] - slots[a][1]).total_seconds() // 60)

    def _candidates(self, r: RequestSpec) -> list[tuple[int, int]]:
        teacher = self.teachers.get(r.teacher_id)
        days = [d for d in self.plan.days if r.day_id in (None, d.id)]
        in_window: list[tuple[int, int]] = []
        for d in days:
            for k, (s, e) in enumerate(self.slots[d.id]):
                if r.earliest and s.time() < r.earliest:
                    continue
                if r.latest and e.time() > r.latest:
                    continue
                in_window.append((d.id, k))
        if not in_window:
            self.why_none[r.id] = Unplaced(r.id, "window", "No conference slot falls inside the family's times.")
            return []
        present = [
            (d, k) for d, k in in_window
            if teacher is not None and not any(
                a.day_id == d and _overlaps(self.slots[d][k][0].time(), self.slots[d][k][1].time(), a.start, a.end)
                for a in teacher.absences)
        ]
        if not present:
            self.why_none[r.id] = Unplaced(r.id, "teacher_away", "The teacher is away during all of the family's times.")
            return []
        if r.interpreter:
            present = [(d, k) for d, k in present if self.interp_capacity.get((language_key(r.language), d, k), 0) > 0]
            if not present:
                name = language_name(r.language)
                self.why_none[r.id] = Unplaced(
                    r.id, "no_interpreter",
                    f"The teacher does not speak {name}, and no {name} interpreter is free while both "
                    "the family and the teacher are.")
                return []
        return present


def _served_in_language(plan: ConferencePlan) -> ConferencePlan:
    """The plan with no interpreter asked for where the teacher speaks the family's language."""
    teachers = {t.id: t for t in plan.teachers}
    changed = False
    requests = []
    for r in plan.requests:
        t = teachers.get(r.teacher_id)
        if r.interpreter and t is not None and t.speaks(r.language):
            r = replace(r, interpreter=False)
            changed = True
        requests.append(r)
    return replace(plan, requests=requests) if changed else plan


class _State:
    """Who is where: the bookkeeping shared by the greedy solver and manual moves."""

    def __init__(self, idx: _Index) -> None:
        self.idx = idx
        self.teacher_at: dict[tuple[int, int, int], int] = {}
        self.family_at: dict[tuple[int, int, int], int] = {}
        self.family_bookings: dict[int, list[tuple[int, int, int]]] = {}  # family -> (rid, d, k)
        self.interp_used: dict[tuple[str, int, int], int] = {}
        self.placed: dict[int, tuple[int, int]] = {}

    def conflicts(self, rid: int, d: int, k: int) -> list[tuple[str, str]]:
        """Why request ``rid`` cannot go to (day d, slot k); empty when it can."""
        idx = self.idx
        r = idx.requests[rid]
        day = idx.days[d]
        out: list[tuple[str, str]] = []
        if (d, k) not in idx.candidates[rid]:
            s, e = idx.slots[d][k]
            if (r.earliest and s.time() < r.earliest) or (r.latest and e.time() > r.latest) or r.day_id not in (None, d):
                out.append(("window", "outside the family's requested times"))
            teacher = idx.teachers.get(r.teacher_id)
            if teacher and any(a.day_id == d and _overlaps(s.time(), e.time(), a.start, a.end) for a in teacher.absences):
                out.append(("teacher_away", "the teacher is away then"))
            if r.interpreter and idx.interp_capacity.get((language_key(r.language), d, k), 0) == 0:
                out.append(("no_interpreter", f"no {language_name(r.language)} interpreter works then"))
        other = self.teacher_at.get((r.teacher_id, d, k))
        if other is not None and other != rid:
            out.append(("teacher_busy", f"the teacher already meets {idx.requests[other].family_name} then"))
        other = self.family_at.get((r.family_id, d, k))
        if other is not None and other != rid:
            out.append(("family_busy", "the family has another meeting then"))
        room = idx.room(r)
        for orid, od, ok in self.family_bookings.get(r.family_id, []):
            if orid == rid or od != d or ok == k:
                continue
            need = idx.plan.walk_minutes(room, idx.room(idx.requests[orid]), day)
            if idx.gap(d, k, ok) < need:
                out.append(("walk", f"no time to walk to room {room} ({need} min)"))
        if r.interpreter:
            key = (language_key(r.language), d, k)
            used = self.interp_used.get(key, 0)
            if self.placed.get(rid) == (d, k):
                used -= 1
            if used >= idx.interp_capacity.get(key, 0) > 0:
                out.append(("interpreter_busy", f"every {language_name(r.language)} interpreter is booked then"))
        limit = idx.max_consecutive(r.teacher_id, day)
        run = 1
        j = k
        while j > 0 and idx.adjacent(d, j - 1) and self._teacher_busy(r.teacher_id, d, j - 1, rid):
            run += 1
            j -= 1
        j = k
        while idx.adjacent(d, j) and self._teacher_busy(r.teacher_id, d, j + 1, rid):
            run += 1
            j += 1
        if run > limit:
            out.append(("consecutive", f"the teacher would have more than {limit} meetings in a row"))
        return out

    def _teacher_busy(self, teacher_id: int, d: int, k: int, rid: int) -> bool:
        other = self.teacher_at.get((teacher_id, d, k))
        return other is not None and other != rid

    def place(self, rid: int, d: int, k: int) -> None:
        r = self.idx.requests[rid]
        self.teacher_at[(r.teacher_id, d, k)] = rid
        self.family_at[(r.family_id, d, k)] = rid
        self.family_bookings.setdefault(r.family_id, []).append((rid, d, k))
        if r.interpreter:
            key = (language_key(r.language), d, k)
            self.interp_used[key] = self.interp_used.get(key, 0) + 1
        self.placed[rid] = (d, k)

    def remove(self, rid: int) -> None:
        d, k = self.placed.pop(rid)
        r = self.idx.requests[rid]
        del self.teacher_at[(r.teacher_id, d, k)]
        del self.family_at[(r.family_id, d, k)]
        self.family_bookings[r.family_id] = [b for b in self.family_bookings[r.family_id] if b[0] != rid]
        if r.interpreter:
            self.interp_used[(language_key(r.language), d, k)] -= 1


def _family_groups(plan: ConferencePlan) -> dict[int, list[RequestSpec]]:
    groups: dict[int, list[RequestSpec]] = {}
    for r in plan.requests:
        groups.setdefault(r.family_id, []).append(r)
    return groups


def _greedy(idx: _Index, state: _State, cancelled: Cancelled, progress: Progress) -> None:
    groups = _family_groups(idx.plan)
    order = sorted(groups.values(), key=lambda rs: (
        -max(r.priority for r in rs), not any(r.interpreter for r in rs), -len(rs),
        sum(len(idx.candidates[r.id]) for r in rs)))
    for n, requests in enumerate(order):
        if n % 50 == 0:
            if cancelled():
                return
            progress(0.05 + 0.35 * n / max(1, len(order)), _("Placing families back to back"))
        requests = [r for r in requests if idx.candidates[r.id]]
        if not requests:
            continue
        best: list[tuple[int, int, int]] = []
        best_score = (-1, 0)
        perms = itertools.permutations(requests) if len(requests) <= 3 else [tuple(requests)]
        starts = sorted({c for r in requests for c in idx.candidates[r.id]})
        for perm in perms:
            for d0, k0 in starts:
                trial: list[tuple[int, int, int]] = []
                k = k0
                for r in perm:
                    while k < len(idx.slots[d0]) and state.conflicts(r.id, d0, k):
                        k += 1
                    if k >= len(idx.slots[d0]):
                        continue
                    state.place(r.id, d0, k)
                    trial.append((r.id, d0, k))
                    k += 1
                for rid, _d, _k in trial:
                    state.remove(rid)
                if trial:
                    span = max(t[2] for t in trial) - min(t[2] for t in trial)
                    score = (len(trial), -span)
                    if score > best_score:
                        best, best_score = trial, score
                if best_score[0] == len(requests) and best_score[1] == -(len(requests) - 1):
                    break
            if best_score[0] == len(requests) and best_score[1] == -(len(requests) - 1):
                break
        for rid, d, k in best:
            state.place(rid, d, k)
    _repair(idx, state)


def _repair(idx: _Index, state: _State) -> None:
    """Anything still out goes wherever it fits (fills holes a time-limited search left)."""
    for r in idx.plan.requests:
        if r.id in state.placed:
            continue
        for d, k in idx.candidates[r.id]:
            if not state.conflicts(r.id, d, k):
                state.place(r.id, d, k)
                break


def _solve_cp_sat(
    idx: _Index, hint: dict[int, tuple[int, int]], time_limit: float, cancelled: Cancelled,
) -> dict[int, tuple[int, int]] | None:
    from ortools.sat.python import cp_model

    _t_build = _time.perf_counter()
    plan = idx.plan
    m = cp_model.CpModel()
    x: dict[tuple[int, int, int], cp_model.IntVar] = {}
    placed: dict[int, cp_model.IntVar] = {}
    by_teacher: dict[tuple[int, int, int], list[cp_model.IntVar]] = {}
    by_family: dict[tuple[int, int, int], list[cp_model.IntVar]] = {}
    by_lang: dict[tuple[str, int, int], list[cp_model.IntVar]] = {}
    day_offset: dict[int, int] = {}
    offset = 0
    for d in plan.days:
        day_offset[d.id] = offset
        offset += len(idx.slots[d.id]) + 4  # a day change costs a few slots of "span"
    for r in plan.requests:
        cands = idx.candidates[r.id]
        if not cands:
            continue
        p = m.new_bool_var(f"p{r.id}")
        placed[r.id] = p
        vs = []
        for did, k in cands:
            v = m.new_bool_var(f"x{r.id}_{did}_{k}")
            x[(r.id, did, k)] = v
            vs.append(v)
            by_teacher.setdefault((r.teacher_id, did, k), []).append(v)
            by_family.setdefault((r.family_id, did, k), []).append(v)
            if r.interpreter:
                by_lang.setdefault((language_key(r.language), did, k), []).append(v)
            m.add_hint(v, hint.get(r.id) == (did, k))
        m.add(sum(vs) == p)
        m.add_hint(p, r.id in hint)
    for vs in by_teacher.values():
        if len(vs) > 1:
            m.add_at_most_one(vs)
    for vs in by_family.values():
        if len(vs) > 1:
            m.add_at_most_one(vs)
    for key, vs in by_lang.items():
        m.add(sum(vs) <= idx.interp_capacity.get(key, 0))
    # Walking time between a family's rooms.
    groups = _family_groups(plan)
    for reqs in groups.values():
        for a, b in itertools.permutations(reqs, 2):
            if a.id not in placed or b.id not in placed:
                continue
            for d in plan.days:
                need = plan.walk_minutes(idx.room(a), idx.room(b), d)
                if need <= 0:
                    continue
                n = len(idx.slots[d.id])
                for k in range(n):
                    va = x.get((a.id, d.id, k))
                    if va is None:
                        continue
                    for k2 in range(k + 1, n):
                        if idx.gap(d.id, k, k2) >= need:
                            break
                        vb = x.get((b.id, d.id, k2))
                        if vb is not None:
                            m.add_bool_or([va.negated(), vb.negated()])
    # No more than max_consecutive meetings in a row per teacher.
    for t in plan.teachers:
        for d in plan.days:
            limit = idx.max_consecutive(t.id, d)
            n = len(idx.slots[d.id])
            for k in range(n - limit):
                window = list(range(k, k + limit + 1))
                if not all(idx.adjacent(d.id, j) for j in window[:-1]):
                    continue
                vs = [v for j in window for v in by_teacher.get((t.id, d.id, j), [])]
                if len(vs) > limit:
                    m.add(sum(vs) <= limit)
    # Objective: place as many (weighted) requests as possible, serve as many families as
    # possible, then keep each family's meetings together.
    terms = []
    for r in plan.requests:
        if r.id in placed:
            terms.append(1000 * r.priority * placed[r.id])
    for fam, reqs in groups.items():
        ps = [placed[r.id] for r in reqs if r.id in placed]
        if not ps:
            continue
        served = m.new_bool_var(f"s{fam}")
        m.add_max_equality(served, ps)
        terms.append(300 * served)
        hinted = [day_offset[hint[r.id][0]] + hint[r.id][1] for r in reqs if r.id in hint]
        m.add_hint(served, bool(hinted))
        if len(ps) < 2:
            continue
        lo = m.new_int_var(0, offset, f"lo{fam}")
        hi = m.new_int_var(0, offset, f"hi{fam}")
        m.add_hint(lo, min(hinted) if hinted else 0)
        m.add_hint(hi, max(hinted) if hinted else 0)
        for r in reqs:
            if r.id not in placed:
                continue
            g = sum((day_offset[did] + k) * x[(r.id, did, k)] for did, k in idx.candidates[r.id])
            m.add(lo <= g).only_enforce_if(placed[r.id])
            m.add(hi >= g).only_enforce_if(placed[r.id])
        span = m.new_int_var(0, offset, f"span{fam}")
        m.add(span >= hi - lo)
        m.add_hint(span, max(hinted) - min(hinted) if hinted else 0)
        terms.append(-span)
    m.maximize(sum(terms))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 2
    solver.parameters.random_seed = 1

    class _Stop(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self) -> None:
            if cancelled():
                self.stop_search()

    built = _time.perf_counter()
    status = solver.solve(m, _Stop())
    if _DEBUG:
        print(f"cp-sat: built in {built - _t_build:.2f}s, {solver.status_name(status)}, "
              f"objective {solver.objective_value:.0f}, bound {solver.best_objective_bound:.0f}, "
              f"{solver.wall_time:.2f}s")
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {rid: (did, k) for (rid, did, k), v in x.items() if solver.boolean_value(v)}


def _assign_interpreters(
    idx: _Index, placed: dict[int, tuple[int, int]], before: dict[int, int] | None = None,
) -> dict[int, int | None]:
    """Concrete interpreters per slot; a kept meeting keeps its interpreter, and a family
    keeps the same one when it can."""
    out: dict[int, int | None] = {}
    used: dict[tuple[int, int], set[int]] = {}
    last_for_family: dict[int, int] = {}
    before = before or {}
    needing = sorted(
        (rid for rid in placed if idx.requests[rid].interpreter),
        key=lambda rid: (rid not in before, placed[rid], idx.requests[rid].family_id))
    for rid in needing:
        r = idx.requests[rid]
        d, k = placed[rid]
        taken = used.setdefault((d, k), set())
        free = [i for i in idx.interp_free.get((d, k), [])
                if language_key(i.language) == language_key(r.language) and i.id not in taken]
        prefer = before.get(rid, last_for_family.get(r.family_id))
        pick = next((i for i in free if i.id == prefer), free[0] if free else None)
        out[rid] = pick.id if pick else None
        if pick:
            taken.add(pick.id)
            last_for_family[r.family_id] = pick.id
    return out


def score(idx: _Index, placed: dict[int, tuple[int, int]]) -> int:
    """The objective CP-SAT maximises, computed in Python to compare schedules:
    1000 per placed request (times its priority), 300 per family with at least one
    meeting, minus the slots between a family's first and last meeting."""
    total = 0
    by_family: dict[int, list[int]] = {}
    offset = 0
    day_offset: dict[int, int] = {}
    for d in idx.plan.days:
        day_offset[d.id] = offset
        offset += len(idx.slots[d.id]) + 4
    for rid, (did, k) in placed.items():
        r = idx.requests[rid]
        total += 1000 * r.priority
        by_family.setdefault(r.family_id, []).append(day_offset[did] + k)
    for gs in by_family.values():
        total += 300 - (max(gs) - min(gs))
    return total


def explain_unplaced(idx: _Index, state: _State, rid: int) -> Unplaced:
    """Why a request got no slot, in words a family or principal understands."""
    if rid in idx.why_none:
        return idx.why_none[rid]
    counts: dict[str, int] = {}
    for d, k in idx.candidates[rid]:
        for code, _text in state.conflicts(rid, d, k):
            counts[code] = counts.get(code, 0) + 1
    r = idx.requests[rid]
    n = len(idx.candidates[rid])
    free = sum(1 for d, k in idx.candidates[rid] if not state.conflicts(rid, d, k))
    if free:
        return Unplaced(rid, "not_scheduled",
                        f"Not scheduled yet; {free} of the family's {n} possible slots are free.")
    if counts.get("teacher_busy", 0) == n:
        return Unplaced(rid, "teacher_full",
                        f"The teacher is fully booked during the family's {n} possible slots.")
    parts = []
    labels = {
        "teacher_busy": "the teacher is booked", "family_busy": "the family meets another teacher",
        "walk": "too little walking time", "interpreter_busy": f"every {language_name(r.language)} interpreter is booked",
        "consecutive": "the teacher needs a break",
    }
    for code, c in sorted(counts.items(), key=lambda kv: -kv[1]):
        parts.append(f"{labels.get(code, code)} ({c})")
    return Unplaced(rid, "capacity",
                    f"All {n} possible slots are taken: " + ", ".join(parts) + ".")


def schedule(
    plan: ConferencePlan,
    *,
    time_limit: float = 5.0,
    keep: list[Booking] | None = None,
    use_cp_sat: bool = True,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ScheduleResult:
    """Place the plan's requests around the ``keep`` bookings ("place the rest").

    Bookings made by hand stay where they are, whatever their conflicts (a person decided).
    Automatic ones stay when they still fit; one that no longer does (the teacher is now
    away, the family's times changed, the day got shorter) is placed again and counted in
    ``moved``. With nothing kept, CP-SAT improves the greedy schedule."""
    report = progress or (lambda _f, _m: None)
    stop = cancelled or (lambda: False)
    t0 = _time.perf_counter()
    report(0.0, _("Preparing slots"))
    idx = _Index(plan)
    state = _State(idx)
    kept: dict[int, Booking] = {}
    moved = 0
    for b in sorted(keep or [], key=lambda b: (not b.manual, b.day_id, b.slot, b.request_id)):
        if b.request_id not in idx.requests or b.request_id in kept:
            continue
        exists = b.day_id in idx.slots and 0 <= b.slot < len(idx.slots[b.day_id])
        if not exists or (not b.manual and state.conflicts(b.request_id, b.day_id, b.slot)):
            moved += 1
            continue
        state.place(b.request_id, b.day_id, b.slot)
        kept[b.request_id] = b
    todo_plan = replace(idx.plan, requests=[r for r in idx.plan.requests if r.id not in kept])
    _greedy(_IndexView(idx, todo_plan), state, stop, report)
    solver_name = "greedy"
    placed = dict(state.placed)
    if use_cp_sat and not stop() and not kept:
        report(0.45, _("Improving the schedule (CP-SAT)"))
        better = _solve_cp_sat(idx, placed, time_limit, stop)
        if better is not None and score(idx, better) >= score(idx, placed):
            placed = better
            solver_name = "cp-sat"
            state = _State(idx)
            for rid, (d, k) in placed.items():
                state.place(rid, d, k)
            _repair(idx, state)
            placed = dict(state.placed)
    report(0.95, _("Assigning interpreters"))
    interp = _assign_interpreters(idx, placed, {rid: b.interpreter_id for rid, b in kept.items()
                                                if b.interpreter_id is not None})
    bookings = [
        Booking(rid, d, k, interp.get(rid), manual=rid in kept and kept[rid].manual, kept=rid in kept)
        for rid, (d, k) in sorted(placed.items(), key=lambda kv: (kv[1], kv[0]))
    ]
    unplaced = [explain_unplaced(idx, state, r.id) for r in plan.requests if r.id not in placed]
    report(1.0, _("Placed {placed} of {total} requests").format(placed=len(bookings), total=len(plan.requests)))
    return ScheduleResult(bookings, unplaced, solver_name, _time.perf_counter() - t0, len(plan.requests),
                          kept=len(kept), moved=moved)


class _IndexView(_Index):
    """The same index restricted to some requests (used when manual bookings are kept)."""

    def __init__(self, base: _Index, plan: ConferencePlan) -> None:  # noqa: D107
        self.__dict__.update(base.__dict__)
        self.plan = plan


def check_move(
    plan: ConferencePlan, bookings: list[Booking], request_id: int, day_id: int, slot: int,
) -> list[str]:
    """Conflicts of moving (or placing) one request to (day, slot); empty means fine."""
    idx = _Index(plan)
    if day_id not in idx.slots or not 0 <= slot < len(idx.slots[day_id]):
        return ["there is no such slot"]
    state = _State(idx)
    for b in bookings:
        if b.request_id != request_id and b.request_id in idx.requests:
            state.place(b.request_id, b.day_id, b.slot)
    return [text for _code, text in state.conflicts(request_id, day_id, slot)]


def explain_all(plan: ConferencePlan, bookings: list[Booking]) -> list[Unplaced]:
    """Why each request without a booking is out, given the saved bookings."""
    idx = _Index(plan)
    state = _State(idx)
    for b in bookings:
        if b.request_id in idx.requests:
            state.place(b.request_id, b.day_id, b.slot)
    return [explain_unplaced(idx, state, r.id) for r in plan.requests if r.id not in state.placed]


def verify(plan: ConferencePlan, bookings: list[Booking]) -> list[str]:
    """Every rule broken by ``bookings`` (an independent check used by tests and the UI)."""
    idx = _Index(plan)
    problems: list[str] = []
    state = _State(idx)
    for b in bookings:
        for _code, text in state.conflicts(b.request_id, b.day_id, b.slot):
            problems.append(f"request {b.request_id}: {text}")
        state.place(b.request_id, b.day_id, b.slot)
    seen: dict[tuple[int, int, int], int] = {}
    for b in bookings:
        if b.interpreter_id is not None:
            key = (b.interpreter_id, b.day_id, b.slot)
            if key in seen:
                problems.append(f"interpreter {b.interpreter_id} double-booked (requests {seen[key]}, {b.request_id})")
            seen[key] = b.request_id
        elif idx.requests[b.request_id].interpreter:
            problems.append(f"request {b.request_id}: no interpreter assigned")
    return problems
