"""FET's virtual rooms: one room name standing for several real rooms at once.

A lesson placed in a virtual room also takes one real room from each of the room's sets,
all different, each free for every hour of the lesson. As FET 6 has it (read from its
source):

- the virtual room itself is never booked: two lessons may share it at one time when
  their real rooms differ;
- a real room is booked alike by a lesson placed in it and by a virtual room's lesson
  that took it;
- "room not available" closes a virtual room and a real room alike;
- preferred and home rooms, capacity, buildings and "max different rooms" see the
  virtual room only.

The search places lessons in virtual rooms like any other room; the real rooms are
settled with the rooms: :func:`constrain` holds them exactly in the room assignment, and
:func:`choose` finds them for any timetable (the checker's view: a timetable is sound
when real rooms exist for it), keeping those a file or a user already gave.
"""

from __future__ import annotations

import dataclasses
import itertools
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from app.scheduling.timetable.model import Placement
from app.scheduling.timetable.rules import Rules, occupied


@dataclass
class RealRooms:
    """The real rooms of the lessons in virtual rooms."""

    rooms: dict[int, tuple[str, ...]] = field(default_factory=dict)  # in set order
    missing: list[int] = field(default_factory=list)  # no free real rooms found
    unfit: list[int] = field(default_factory=list)  # given ones that are not one of each set


def capacity(sets: list[list[str]]) -> int:
    """How many lessons a virtual room can hold at one time at most (its real rooms
    shared out, one of each set per lesson): an upper bound, for the time model."""
    if not sets:
        return 1
    return len(set().union(*map(set, sets))) // len(sets)


def match(sets: list[list[str]], candidates: list[list[str]]) -> tuple[str, ...] | None:
    """One room from each set's candidates, all different (Kuhn's augmenting paths, as
    FET picks them); None when there is no such choice."""
    owner: dict[str, int] = {}  # room -> the set holding it

    def augment(k: int, seen: set[str]) -> bool:
        for r in candidates[k]:
            if r in seen:
                continue
            seen.add(r)
            if r not in owner or augment(owner[r], seen):
                owner[r] = k
                return True
        return False

    for k in range(len(sets)):
        if not augment(k, set()):
            return None
    by_set = {k: r for r, k in owner.items()}
    return tuple(by_set[k] for k in range(len(sets)))


def combos(name: str, sets: list[list[str]], wanted: Iterable[Iterable[str]] = (), most: int = 64) -> list[tuple[str, ...]]:
    """Real-room choices the placement may give a lesson in virtual room ``name``: every
    one of them (one room of each set, all different) when there are at most ``most``,
    else ``most`` of them drawn at random (the same in every run); and each of
    ``wanted`` (a locked lesson's real rooms) that is such a choice. The room assignment
    afterwards considers them all."""
    out: list[tuple[str, ...]] = []
    total = 1
    for s in sets:
        total *= len(s)
    if total <= most:
        out = [c for c in itertools.product(*sets) if len(set(c)) == len(c)]
    else:
        rng = random.Random(name)
        seen: set[tuple[str, ...]] = set()
        for _try in range(20 * most):
            c = tuple(rng.choice(s) for s in sets)
            if len(set(c)) == len(c) and c not in seen:
                seen.add(c)
                out.append(c)
                if len(out) == most:
                    break
    for want in wanted:
        given = fits(sets, want)
        if given is not None and given not in out:
            out.append(given)
    return out


def fits(sets: list[list[str]], given: Iterable[str]) -> tuple[str, ...] | None:
    """``given`` as one room of each set, in set order, or None if it is not that."""
    given = list(given)
    if len(given) != len(sets) or len(set(given)) != len(given):
        return None
    return match(sets, [[r for r in s if r in given] for s in sets])


def _closed(rules: Rules) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    """Each room's hours closed by a hard "not available" rule, and by a soft one."""
    closed: dict[str, set[int]] = defaultdict(set)
    avoid: dict[str, set[int]] = defaultdict(set)
    for b in rules.room_blocks:
        (closed if b.weight >= 100 else avoid)[b.room] |= b.slots
    return closed, avoid


class _Chooser:
    """Real rooms for a whole timetable: the given ones kept, the rest chosen lesson by
    lesson (free rooms, open ones first), then, if some lesson is left without, all the
    chosen ones again at once by CP-SAT (the greedy order can block a choice that exists)."""

    def __init__(self, rules: Rules, placed: dict[int, Placement]) -> None:
        self.rules, H = rules, rules.problem.n_hours
        dur = {a.id: a.duration for a in rules.acts}
        self.slots = {aid: occupied(pl.day * H + pl.hour, dur[aid]) for aid, pl in placed.items() if aid in dur}
        self.closed, self.avoid = _closed(rules)
        self.busy: set[tuple[str, int]] = set()  # real rooms taken, by direct use or given
        for aid, pl in placed.items():
            if pl.room and pl.room not in rules.virtual and aid in self.slots:
                self.busy.update((pl.room, s) for s in self.slots[aid])
        self.lessons = sorted((aid for aid, pl in placed.items() if pl.room in rules.virtual and aid in self.slots),
                              key=lambda aid: (self.slots[aid].start, aid))
        self.placed = placed

    def candidates(self, aid: int, taken: set[tuple[str, int]]) -> list[list[str]]:
        slots = self.slots[aid]
        locked = self.rules.real_locked.get(aid)
        out = []
        for s in self.rules.virtual[self.placed[aid].room]:
            ok = [r for r in s if (locked is None or r in locked[1])
                  and not any((r, t) in taken or t in self.closed.get(r, ()) for t in slots)]
            ok.sort(key=lambda r: sum(1 for t in slots if t in self.avoid.get(r, ())))
            out.append(ok)
        return out

    def take(self, taken: set[tuple[str, int]], aid: int, rooms: Iterable[str]) -> None:
        taken.update((r, t) for r in rooms for t in self.slots[aid])

    def run(self) -> RealRooms:
        out = RealRooms()
        free: list[int] = []
        for aid in self.lessons:
            pl = self.placed[aid]
            if not pl.real_rooms:
                free.append(aid)
                continue
            given = fits(self.rules.virtual[pl.room], pl.real_rooms)
            if given is None:
                out.unfit.append(aid)
                continue
            out.rooms[aid] = given
            self.take(self.busy, aid, given)
        taken = set(self.busy)
        for aid in free:
            chosen = match(self.rules.virtual[self.placed[aid].room], self.candidates(aid, taken))
            if chosen is None:
                out.missing.append(aid)
            else:
                out.rooms[aid] = chosen
                self.take(taken, aid, chosen)
        if out.missing:
            self.exact(free, out)
        return out

    def exact(self, free: list[int], out: RealRooms) -> None:
        """Every free lesson's real rooms at once, as many lessons served as can be."""
        from app.scheduling.timetable.cpsat import cp_model as load_cp_model
        from app.scheduling.timetable.cpsat import on_big_stack

        cp_model = load_cp_model()
        m = cp_model.CpModel()
        x: dict[tuple[int, int, str], Any] = {}
        per_slot: dict[tuple[str, int], list[Any]] = defaultdict(list)
        served = {aid: self.exact_lesson(m, aid, x, per_slot) for aid in free}
        for lits in per_slot.values():
            m.add_at_most_one(lits)
        cost = [sum(1 for t in self.slots[aid] if t in self.avoid.get(r, ())) * v for (aid, _k, r), v in x.items()]
        m.maximize(1000 * sum(served.values()) - sum(cost))
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = 5.0
        solver.parameters.num_workers = 1
        if on_big_stack(lambda: solver.solve(m)) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return
        if sum(solver.value(v) for v in served.values()) <= len(free) - len(out.missing):
            return  # no better than the greedy choice
        out.missing = [aid for aid in free if not solver.value(served[aid])]
        chosen = {(aid, k): r for (aid, k, r), v in x.items() if solver.value(v)}
        for aid in free:
            out.rooms.pop(aid, None)
            if solver.value(served[aid]):
                n_sets = len(self.rules.virtual[self.placed[aid].room])
                out.rooms[aid] = tuple(chosen[(aid, k)] for k in range(n_sets))

    def exact_lesson(self, m: Any, aid: int, x: dict[tuple[int, int, str], Any],
                     per_slot: dict[tuple[str, int], list[Any]]) -> Any:
        """One lesson's choices in :meth:`exact`: a room of each set when it is served."""
        served = m.new_bool_var("")
        by_room: dict[str, list[Any]] = defaultdict(list)
        for k, cands in enumerate(self.candidates(aid, self.busy)):
            lits = []
            for r in cands:
                v = x[(aid, k, r)] = m.new_bool_var("")
                lits.append(v)
                by_room[r].append(v)
            m.add(sum(lits) == served)
        _book(m, by_room, set(self.slots[aid]), per_slot)
        return served


def choose(rules: Rules, placed: dict[int, Placement]) -> RealRooms:
    """The real rooms of every placed lesson in a virtual room (see :class:`RealRooms`)."""
    if not rules.virtual:
        return RealRooms()
    return _Chooser(rules, placed).run()


def broken(rules: Rules, placed: dict[int, Placement], real: RealRooms) -> list[tuple[str, list[int], int | None]]:
    """What the checker reports about real rooms: (message, lessons, constraint index).
    A lesson left without real rooms is reported with the lessons holding them (so the
    lesson moved there shows the conflict too)."""
    from app.core.i18n import _

    acts = {a.id: a for a in rules.acts}
    out: list[tuple[str, list[int], int | None]] = []
    for aid in real.missing:
        out.append((_("{describe} is in virtual room {room}, but not enough of its real rooms are free then").format(
            describe=acts[aid].describe(True), room=placed[aid].room), [aid, *_holders(rules, placed, real, aid)], None))
    for aid in real.unfit:
        pl = placed[aid]
        out.append((_("{describe} is in virtual room {room} with real rooms {rooms}, which are not one room of each "
                      "of its sets").format(describe=acts[aid].describe(True), room=pl.room,
                                            rooms=", ".join(pl.real_rooms)), [aid], None))
    for aid, (cid, want) in rules.real_locked.items():
        got = real.rooms.get(aid)
        if got is not None and set(got) != want:
            out.append((_("{describe} must be in real rooms {want}, not {got}").format(
                describe=acts[aid].describe(True), want=", ".join(sorted(want)), got=", ".join(got)), [aid], cid))
    return out


def _holders(rules: Rules, placed: dict[int, Placement], real: RealRooms, aid: int) -> list[int]:
    """The lessons that book one of ``aid``'s virtual room's real rooms during it."""
    H = rules.problem.n_hours
    dur = {a.id: a.duration for a in rules.acts}

    def hours(i: int) -> set[int]:
        return set(occupied(placed[i].day * H + placed[i].hour, dur[i]))

    wanted = set().union(*map(set, rules.virtual[placed[aid].room]))
    mine = hours(aid)
    return sorted(i for i, pl in placed.items() if i != aid and i in dur
                  and wanted & set(real.rooms.get(i, ()) if pl.room in rules.virtual else (pl.room,))
                  and mine & hours(i))


def fill(rules: Rules, placements: list[Placement]) -> list[Placement]:
    """``placements`` with the real rooms :func:`choose` finds written in (for export)."""
    if not rules.virtual:
        return placements
    rooms = choose(rules, {pl.activity_id: pl for pl in placements}).rooms
    return [dataclasses.replace(pl, real_rooms=rooms[pl.activity_id]) if pl.activity_id in rooms else pl
            for pl in placements]


def demands(rules: Rules) -> dict[frozenset[str], list[tuple[int, int]]]:
    """For the time model, with virtual rooms: each lesson that needs a room, by the real
    rooms it may take, with how many of them it takes at least (a virtual room's lesson:
    one per set; a lesson that may also go in an ordinary room: one)."""
    out: dict[frozenset[str], list[tuple[int, int]]] = defaultdict(list)
    for aid, choice in rules.rooms.items():
        if not choice.needs_room or not choice.rooms:
            continue
        reals: set[str] = set()
        for r in choice.rooms:
            reals |= set().union(*map(set, rules.virtual[r])) if r in rules.virtual else {r}
        need = min(len(rules.virtual[r]) if r in rules.virtual else 1 for r in choice.rooms)
        out[frozenset(reals)].append((aid, need))
    return out


def constrain(m: Any, rules: Rules, starts: dict[int, int], durations: dict[int, int],
              y: dict[int, dict[str, Any]], per_slot: dict[tuple[str, int], list[Any]]) -> list[tuple[float, int, Any]]:
    """The real rooms in the room assignment (CP-SAT, times fixed): a lesson in a virtual
    room takes one open real room of each set, all different, booked in ``per_slot`` as
    a room of its own is. Returns what costs (soft "not available" hours): (the rule's
    weight, hours, the choice)."""
    closed, _avoid = _closed(rules)
    soft: dict[str, list[tuple[float, frozenset[int]]]] = defaultdict(list)
    for b in rules.room_blocks:
        if b.weight < 100:
            soft[b.room].append((b.weight, b.slots))
    terms: list[tuple[float, int, Any]] = []
    for aid, opts in y.items():
        occ = set(occupied(starts[aid], durations[aid]))
        locked = rules.real_locked.get(aid)
        for room, chosen in opts.items():
            if room not in rules.virtual:
                continue
            by_room: dict[str, list[Any]] = defaultdict(list)
            for real in rules.virtual[room]:
                open_rooms = [r for r in real if not occ & closed.get(r, set()) and (locked is None or r in locked[1])]
                lits = [m.new_bool_var("") for _r in open_rooms]
                for r, v in zip(open_rooms, lits, strict=True):
                    by_room[r].append(v)
                    terms += [(w, len(occ & slots), v) for w, slots in soft.get(r, []) if occ & slots]
                m.add(sum(lits) == chosen)
            _book(m, by_room, occ, per_slot)
    return terms


def _book(m: Any, by_room: dict[str, list[Any]], occ: set[int], per_slot: dict[tuple[str, int], list[Any]]) -> None:
    """A lesson's real-room choices: each room at most once, booked for its hours."""
    for r, lits in by_room.items():
        m.add_at_most_one(lits)
        for t in occ:
            per_slot[(r, t)].extend(lits)
