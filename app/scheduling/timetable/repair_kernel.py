"""Ruin and recreate on the placement kernel's tables: :mod:`repair`'s tries, with the
lessons placed again by the compiled loop.

:class:`~app.scheduling.timetable.repair._Ruin` places the lessons it takes out with the
plain-Python placer, a millisecond a step on FET's Lom example, so a try there takes a
tenth of a second and most of repair's time. Here the timetable lives in the kernel's
flat arrays (:mod:`~app.scheduling.timetable.kernel`) and each try runs the kernel's own
search loop (``run_search``) on them: the compiled one when its machine code is kept on
this computer (:func:`~app.scheduling.timetable.kernel_jit.kept_in_this_process`), tens
of times faster, or the same loop in plain Python (the tests). The loop is the
placement's, so a try places lessons exactly as the placement would: holding the soft
rules as FET does for its first steps, then letting go of them, displacing what it must,
and taking out lessons around holes a gap rule does not allow. It is never started
again from an empty timetable (its patience is endless): a try that does not place
every lesson again is put back as it was.

What is tried and what is kept is decided as in :mod:`repair`: lessons around a broken
soft rule are taken out, and the result is kept when late acceptance allows its
penalty. With the
tries this fast, checking the whole timetable after each one
(:func:`~app.scheduling.timetable.evaluate.evaluate`) became most of the time, so where
the moved lessons' own rules tell the whole change (:mod:`local_penalty`), they decide
a result that is not a new best; a penalty below the best is always checked whole.
"""

from __future__ import annotations

import random
from array import array
from collections.abc import Callable
from itertools import compress
from operator import ne
from typing import Any

from app.scheduling.timetable import kernel as k
from app.scheduling.timetable import repair_tries as tries
from app.scheduling.timetable.evaluate import Evaluation, evaluate
from app.scheduling.timetable.local_penalty import local_penalty
from app.scheduling.timetable.model import Placement
from app.scheduling.timetable.place import Placer
from app.scheduling.timetable.rules import Rules

Search = Callable[[Any, Any, int], int]  # run_search(N, R, turns) -> DONE / MORE / STALLED
ENDLESS = 1 << 40  # patience: the loop never starts again from an empty timetable


class Net:
    """A school's fixed tables for the kernel, built once per repair (a placer and its
    packing take 20-60 ms on FET's larger examples) and shared by every timetable it
    starts from."""

    def __init__(self, rules: Rules, locks: dict[int, Placement], search: Search, packed: bool) -> None:
        self.rules, self.locks, self.search, self.packed = rules, locks, search, packed
        self.pl = pl = Placer(rules, locks)
        net = k.pack_net(pl, ENDLESS)
        self.N: Any = array("q", net) if packed else net
        self.shape = (len(pl.occ), pl.n_phys)
        # Lessons sharing a teacher or students with each lesson (in a whole timetable,
        # the lessons on its resources' rows).
        users: list[list[int]] = [[] for _ in pl.occ]
        for i, rs in enumerate(pl.res):
            for r in rs:
                users[r].append(i)
        self.near = [sorted({j for r in rs for j in users[r]} - {i}) for i, rs in enumerate(pl.res)]
        self.local = local_penalty(rules, [a.id for a in pl.acts])


class KernelRuin:
    """The current timetable in the kernel's tables, one try at a time on it, and the best
    timetable so far (``best``, ``ev``): the interface of
    :class:`~app.scheduling.timetable.repair._Ruin`. The current timetable's penalty is
    ``now``; late acceptance may keep it above the best's."""

    def __init__(self, net: Net, placements: list[Placement], seed: int, ev: Evaluation | None = None) -> None:
        self.net, self.pl = net, net.pl
        S = net.rules.problem.n_slots
        self.rng = random.Random(seed)
        self.R: Any = k.new_run(net.N, *net.shape, seed, soft_as_hard=True, packed=net.packed)
        H = net.rules.problem.n_hours
        occ = self.R[k.RA_room_occ]  # where the real rooms' bookings start in the run's table

        def room_busy(x: int, s: int) -> bool:
            return bool(self.R[occ + x * S + s] >= 0)

        for p in placements:
            i = self.pl.index.get(p.activity_id)
            if i is not None:
                # A lesson that needs no room keeps the one it was given (for a soft room
                # wish) while it stays; its room is held in the tables, so no other lesson
                # takes it unseen, and placed again it gets none, as the placement gives.
                room = self.pl.room_id(i, p, room_busy)
                k.put(net.N, self.R, i, p.day * H + p.hour, room)
        self.R[k.NPOOL], self.R[k.AGAIN] = 0, -1  # every lesson is where it is
        self.R[k.BEST_PLACED] = self.R[k.RUN_PLACED] = self.R[k.PLACED]
        self.R[k.PATIENCE] = ENDLESS
        n = len(self.pl.acts)
        self.starts = (self.R[k.RA_start], self.R[k.RA_start] + n)
        self.rooms = (self.R[k.RA_room], self.R[k.RA_room] + n)
        self.fails = (self.R[k.RA_fails], self.R[k.RA_impossible] + n)  # fails, then impossible
        # The timetable's own tables lie side by side, from the starts to the load rules'
        # hours left (kernel.RUN_TABLES), and are copied whole to undo a try.
        self.state = (self.R[k.RA_start], self.R[k.RA_hkeys])
        self.placed = self.R[k.PLACED]
        start = self.R[slice(*self.starts)]
        self.movable = {i for i in range(n)
                        if start[i] >= 0 and not any(self.pl.locked[m] for m in self.pl.unit[i])}
        self.best = self.placements()
        self.ev = ev if ev is not None else evaluate(net.rules, self.best)
        self.tries = self.placed_again = 0
        self.late = tries.LateAcceptance(self.ev.penalty)
        self._checked(self.ev)

    def _checked(self, ev: Evaluation) -> None:
        """The tables now hold a timetable the checker has seen whole, as ``ev``."""
        self.now, self.verified_ev = ev.penalty, ev
        index = self.pl.index
        self.named: dict[int, int] = {}  # lesson -> the broken soft rules naming it
        for v in ev.soft:
            for a in v.activity_ids:
                if a in index:
                    self.named[index[a]] = self.named.get(index[a], 0) + 1
        self.verified = self.snapshot()

    def futile(self) -> bool:
        """Whether the lessons taken out almost never all fit back (see repair_tries)."""
        return self.tries >= tries.KERNEL_FUTILE_TRIES and self.placed_again < tries.KERNEL_FUTILE_SHARE * self.tries

    def placements(self) -> list[Placement]:
        start, room = self.R[slice(*self.starts)], self.R[slice(*self.rooms)]
        H, names, locks = self.net.rules.problem.n_hours, self.pl.room_names, self.net.locks
        return [Placement(a.id, start[i] // H, start[i] % H, names[room[i]] if room[i] >= 0 else "",
                          locked=a.id in locks)
                for i, a in enumerate(self.pl.acts) if start[i] >= 0]

    def lessons_to_take(self, size: int) -> set[int]:
        """See :func:`repair_tries.lessons_around` (the lessons near one: those sharing a teacher
        or students with it, all placed in a whole timetable)."""
        broken = [i for i, n in self.named.items() if i in self.movable for _ in range(n)]
        return tries.lessons_around(self.rng, self.pl, self.movable, broken, self.net.near.__getitem__, size)

    def place_again(self, taken: set[int]) -> bool:
        """Take ``taken`` out and let the kernel's loop place them again (and whatever that
        displaces); whether every lesson is placed within the steps allowed."""
        N, R = self.net.N, self.R
        order = sorted(taken)
        self.rng.shuffle(order)
        for i in order:
            k.take(N, R, i)
            k.push(R, i)
        # Each try starts afresh: failures counted over many tries would mark a lesson
        # impossible (after 200) and end every later try that takes it out.
        lo, hi = self.fails
        R[lo:hi] = array("q", bytes(8 * (hi - lo))) if self.net.packed else [0] * (hi - lo)
        R[k.BEST_STEP] = R[k.BEST_AT] = R[k.STEPS]
        hold, limit = tries.HOLD_PER_LESSON * len(taken), tries.STEPS_PER_LESSON * len(taken)
        R[k.SOFT] = 1
        status = self.net.search(N, R, hold)
        if status == k.MORE:
            R[k.SOFT] = 0
            status = self.net.search(N, R, limit - hold)
        return status == k.DONE and R[k.PLACED] == self.placed

    def restore(self, saved: Any) -> None:
        """Put the timetable back as :meth:`snapshot` saw it (and the search's queue empty)."""
        lo, hi = self.state
        self.R[lo:hi] = saved
        self.R[k.PLACED] = self.placed
        self.R[k.NPOOL], self.R[k.AGAIN] = 0, -1

    def snapshot(self) -> Any:
        """The timetable's tables (a copy of a few thousand numbers; the counters, the
        random generator and who displaced whom go on)."""
        lo, hi = self.state
        return self.R[lo:hi]

    def attempt(self) -> bool | None:
        """One try: True if the best penalty went down, False if not, None if no soft
        rule is broken. The lessons placed again are kept when late acceptance allows
        their penalty (:meth:`_judge`), else the timetable is put back as it was."""
        taken = self.lessons_to_take(self.rng.choice(tries.SIZES))
        if not taken:
            return None
        saved = self.snapshot()
        self.tries += 1
        bound, better = self.late.bound(self.now), False
        try:
            placed = self.place_again(taken)
        except RuntimeError:
            # The compiled loop failed inside (machine_code.Compiled raises rather than
            # hand back its tables): the try is undone, and the plain-Python loop, the
            # same search, places lessons again from now on.
            self.net.search = k.run_search
            placed = False
        if placed:
            self.placed_again += 1
            better = self._judge(saved, bound)
        else:
            self.restore(saved)
        self.late.step(self.now)
        return better

    def _judge(self, saved: Any, bound: int) -> bool:
        """Keep the lessons just placed again if their penalty is at most ``bound``, else
        put the tables back as ``saved``; whether the best penalty went down.

        Where the moved lessons' rules tell the whole change (:mod:`local_penalty`), a
        try that is not a new best is decided without checking the whole timetable (its
        rules' broken lessons updated from the same count). A lower penalty than the
        best is always checked whole before it is reported."""
        counted = self._change(saved)
        if counted is not None and self.now + counted[0] >= self.ev.penalty:
            if self.now + counted[0] > bound:
                self.restore(saved)
            else:
                self.now += counted[0]
                for i, n in counted[1].items():
                    self.named[i] = self.named.get(i, 0) + n
            return False
        found = self.placements()
        ev = evaluate(self.net.rules, found)
        if not ev.hard_ok or (counted is not None and ev.penalty != self.now + counted[0]):
            # A rule counted otherwise than the checker does (or broken by the loop): the
            # last timetable checked whole again, and every try checked whole from now on.
            self.net.local = None
            self.restore(self.verified)
            self._checked(self.verified_ev)
            return False
        if ev.penalty > bound:
            self.restore(saved)
            return False
        better = ev.penalty < self.ev.penalty
        if ev.penalty <= self.ev.penalty:
            self.best, self.ev = found, ev
        self._checked(ev)
        return better

    def _change(self, saved: Any) -> tuple[int, dict[int, int]] | None:
        """The penalty's change since ``saved`` by the moved lessons' rules alone, and the
        change in how many broken soft rules name each lesson (None on a school where
        that is not the whole change, see :mod:`local_penalty`)."""
        local = self.net.local
        if local is None:
            return None
        lo = self.state[0]
        n = len(self.pl.acts)
        before = _Where(saved[self.starts[0] - lo:self.starts[1] - lo], saved[self.rooms[0] - lo:self.rooms[1] - lo],
                        self.pl.room_names)
        after = _Where(self.R[slice(*self.starts)], self.R[slice(*self.rooms)], self.pl.room_names)
        # The lessons whose start or room differ, compared in C (map, compress): looping
        # in Python over every lesson took a fifth of a try on FET's larger examples.
        moved = sorted(set(compress(range(n), map(ne, before.start, after.start)))
                       | set(compress(range(n), map(ne, before.room, after.room))))
        return local.compare(moved, before, after)

    def adopt(self, tables: Any, best: list[Placement], ev: Evaluation) -> None:
        """Go on from a timetable another walker on the same :class:`Net` found:
        ``tables`` is its :meth:`snapshot` of it (the tables lie alike in every walker's
        ``R``), ``best`` and ``ev`` its placements and evaluation."""
        self.restore(tables)
        self.best, self.ev = best, ev
        self._checked(ev)


class _Where:
    """Lesson index -> (start, room name), read from the kernel's tables."""

    def __init__(self, start: Any, room: Any, names: list[str]) -> None:
        self.start, self.room, self.names = start, room, names

    def __getitem__(self, i: int) -> tuple[int, str]:
        r = self.room[i]
        return int(self.start[i]), self.names[r] if r >= 0 else ""
