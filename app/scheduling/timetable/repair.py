"""Ruin and recreate: a lower soft penalty by placing a few lessons again, FET's way.

Polish (:meth:`~app.scheduling.timetable.place.Placer.polish`) moves one lesson or swaps
two; at a timetable where no such move helps it stops. Here a handful of lessons around a
broken soft rule are taken out and placed again by the placer's own search, holding the
soft rules as FET does while placing (a rule of weight w % holds w % of the times it is
looked at) and displacing others as it must; the result is kept when every hard rule
holds and the checker's penalty (:func:`evaluate`, the number ``timetable check`` prints)
is no higher than the current timetable's or than the current one's a few dozen tries
ago (late acceptance, :class:`~app.scheduling.timetable.repair_tries.LateAcceptance`:
the walk may climb back over a ridge to a lower valley), else the timetable is put back
as it was. Only a timetable below the best so far is reported.

Measured on FET's example PBS (1,375 lessons, soft min-days rules): from the first
timetable's 3,990 to 0 in about two and a half seconds of plain Python, where polish
stopped at 2,185 and CP-SAT's neighbourhoods reached 950-1,140 in twenty seconds (FET's
own timetable: 760-950; FET accepts ours, locked, with no soft conflict). On tight
schools the lessons taken out seldom all fit back; :func:`repair` then stops after a
while without a better timetable and CP-SAT's neighbourhoods take over.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.scheduling.timetable.evaluate import Evaluation, evaluate
from app.scheduling.timetable.model import Placement
from app.scheduling.timetable.place import Placer, _Queue, _reopen
from app.scheduling.timetable.repair_kernel import KernelRuin, Net, Search
from app.scheduling.timetable.repair_tries import (
    FUTILE_SHARE,
    FUTILE_TRIES,
    HOLD_PER_LESSON,
    SIZES,
    STEPS_PER_LESSON,
    LateAcceptance,
    lessons_around,
)
from app.scheduling.timetable.rules import Rules

if TYPE_CHECKING:  # the neighbourhood search's type, without importing it at run time
    from app.scheduling.timetable.lns import Offers

PATIENCE_TRIES = 150  # tries without a better timetable before giving up (see repair)


class _Ruin:
    """The placer at the current timetable, one try at a time on it, and the best
    timetable so far (``best``, ``ev``); the current one (evaluated as ``now``) may be
    worse than the best, as late acceptance allows."""

    def __init__(self, rules: Rules, locks: dict[int, Placement], placements: list[Placement], seed: int,
                 ev: Evaluation | None = None) -> None:
        self.rules, self.locks, self.H = rules, locks, rules.problem.n_hours
        self.pl = pl = Placer(rules, locks, seed)
        self.rng = random.Random(seed)
        pl.put_placements(placements)
        # Lessons bound to others (one start for several) are taken out and placed together
        # (FET's PBS: most soft rules polish cannot mend are between such lessons).
        self.movable = {i for i in range(len(pl.acts))
                        if pl.start[i] >= 0 and not any(pl.locked[m] for m in pl.unit[i])}
        self.best = self.placements()
        self.ev = self.now = ev if ev is not None else evaluate(rules, self.best)
        self.late = LateAcceptance(self.now.penalty)
        self.tries = self.placed_again = 0

    def futile(self) -> bool:
        """Whether the lessons taken out seldom all fit back (a tight school)."""
        return self.tries >= FUTILE_TRIES and self.placed_again < FUTILE_SHARE * self.tries

    def placements(self) -> list[Placement]:
        pl, H = self.pl, self.H
        return [Placement(a.id, pl.start[i] // H, pl.start[i] % H, pl.room_names[pl.room[i]] if pl.room[i] >= 0 else "",
                          locked=a.id in self.locks)
                for i, a in enumerate(pl.acts) if pl.start[i] >= 0]

    def lessons_to_take(self, size: int) -> set[int]:
        """See :func:`lessons_around` (the lessons near one are those on its teachers' and
        students' rows now)."""
        pl = self.pl
        broken = [pl.index[a] for v in self.now.soft for a in v.activity_ids if pl.index.get(a) in self.movable]
        return lessons_around(self.rng, pl, self.movable, broken, lambda i: {j for r in pl.res[i] for j in pl.occ[r]}, size)

    def place_again(self, taken: set[int]) -> bool:
        """Place ``taken`` again (and whatever that displaces); whether every lesson is
        placed within the steps allowed."""
        pl = self.pl
        for i in taken:
            pl.take(i)
        # Each try starts afresh: failures counted over many tries would mark a lesson
        # impossible (after 200) and end every later try that takes it out.
        pl.fails = [0] * len(pl.acts)
        queue = _Queue(pl)
        queue.fresh = sorted(taken)
        self.rng.shuffle(queue.fresh)
        first, limit, hold = pl.steps, STEPS_PER_LESSON * len(taken), HOLD_PER_LESSON * len(taken)
        while (queue or _reopen(pl, queue)) and pl.steps - first < limit:
            pl.soft_as_hard = pl.steps - first < hold
            i = queue.next()
            if pl.start[i] < 0 and not pl.step(i, queue.displaced):
                queue.failed(i)
        return not queue and all(pl.start[i] >= 0 for i in self.movable)

    def restore(self, starts: list[int], rooms: list[int]) -> None:
        pl = self.pl
        changed = [i for i in range(len(pl.acts)) if pl.start[i] != starts[i] or pl.room[i] != rooms[i]]
        for i in changed:
            if pl.start[i] >= 0:
                pl.take(i)
        for i in changed:
            if starts[i] >= 0:
                pl.put(i, starts[i], rooms[i])

    def attempt(self) -> bool | None:
        """One try: True if the best penalty went down, False if not, None if no soft
        rule is broken. The lessons placed again are kept when every hard rule holds and
        late acceptance allows their penalty (an equal one too: moving along a plateau
        helps later tries), else the timetable is put back as it was."""
        pl = self.pl
        taken = self.lessons_to_take(self.rng.choice(SIZES))
        if not taken:
            return None
        starts, rooms = list(pl.start), list(pl.room)
        self.tries += 1
        bound, better = self.late.bound(self.now.penalty), False
        ev = None
        if self.place_again(taken):
            self.placed_again += 1
            found = self.placements()
            ev = evaluate(self.rules, found)
        if ev is not None and ev.hard_ok and ev.penalty <= bound:
            self.now = ev
            if ev.penalty <= self.ev.penalty:
                better = ev.penalty < self.ev.penalty
                self.best, self.ev = found, ev
        else:
            self.restore(starts, rooms)
        self.late.step(self.now.penalty)
        return better


def repair(rules: Rules, locks: dict[int, Placement], placements: list[Placement], time_limit: float, *,
           patience: tuple[float, float], seed: int = 1, stop: Callable[[], bool] = lambda: False,
           on_better: Callable[[list[Placement], Evaluation], object] = lambda p, e: None,
           offers: Offers | None = None, walkers: int = 1) -> tuple[list[Placement], Evaluation]:
    """Ruin and recreate from ``placements`` (which meet every hard rule) for up to
    ``time_limit`` seconds or until ``stop()``; each better timetable goes to ``on_better``
    as it is found. It gives up without a better timetable for :data:`PATIENCE_TRIES`
    tries, within ``patience`` = (at least, at most) seconds (near the best it finds, a
    better one comes every hundred tries or so on FET's PBS), or at once on a school
    where the lessons taken out seldom all fit back (a try there takes a third of a
    second and finds nothing). ``offers(best, evaluation)``, asked between tries, may
    hand over a better timetable found elsewhere (the placement's, holding the soft
    rules: on FET's Lom example it sometimes arrives during repair with half the penalty
    repair has reached); the search goes on from it. The best timetable and its
    evaluation.

    ``walkers`` > 1, with the kernel's loop: that many searches from the same timetable,
    each with its own random choices, the others in threads of their own (the compiled
    loop lets go of the interpreter's lock, so they run on the machine's other cores);
    whenever one finds a better timetable, the others go on from it. ``on_better`` and
    ``offers`` are called in the calling thread only."""
    t0 = time.monotonic()
    start = _starter(rules, locks)
    lead = _Lead(start, start(placements, seed, None), seed, on_better)
    shared = lead.shared
    # Only the kernel's tables can be shared (and only its loop runs outside the lock).
    helpers = [_Walker(start(placements, seed + 104729 * n, lead.ruin.ev), shared)
               for n in range(1, walkers if isinstance(lead.ruin, KernelRuin) else 1)]
    for h in helpers:
        h.start()
    try:
        while not stop() and not lead.ruin.futile() and not shared.done.is_set():
            now = time.monotonic()
            waited = now - lead.last
            if now - t0 > time_limit or waited > patience[1] or (waited > patience[0] and lead.tries >= PATIENCE_TRIES):
                break
            lead.catch_up()
            got = offers(lead.ruin.best, lead.ruin.ev) if offers is not None else None
            if got is not None:  # already reported by whoever offers it
                lead.go_on_from(got)
            elif not lead.attempt():
                break
    finally:
        shared.done.set()
        for h in helpers:
            h.join()
    lead.catch_up()
    return lead.ruin.best, lead.ruin.ev


class _Lead:
    """The walker in the calling thread: it reports every better timetable, its own and
    the helpers' (caught up with between tries), and counts the tries since the last.

    What it reports is decided by its own timetable's penalty against the last one
    reported, not by which walker's offer was taken first: when both walkers reach the
    same lower penalty at once, the helper's offer is taken, the lead's is not, and the
    lead then has nothing lower to catch up to (FET's ErnstJager example: repair ended at
    0 and reported nothing, so the solver kept, and called optimal, the 95 it started
    from)."""

    def __init__(self, start: Callable[[list[Placement], int, Evaluation | None], _Ruin | KernelRuin],
                 ruin: _Ruin | KernelRuin, seed: int,
                 on_better: Callable[[list[Placement], Evaluation], object]) -> None:
        self.start, self.ruin, self.seed, self.on_better = start, ruin, seed, on_better
        self.shared = _Shared(ruin)
        self.seen = self.shared.version  # the shared best's version last caught up with
        self.told = ruin.ev.penalty  # the penalty last reported (the start's, at first)
        self.last, self.tries = time.monotonic(), 0

    def catch_up(self) -> None:
        """Go on from a helper's better timetable, if one came, and report it."""
        if self.shared.version != self.seen:
            self.seen = self.shared.catch_up(self.ruin)[0]
        self._tell()

    def go_on_from(self, got: tuple[list[Placement], Evaluation]) -> None:
        """Go on from a better timetable found elsewhere (its finder reported it)."""
        self.ruin = self.start(got[0], self.seed + self.ruin.tries, got[1])
        if self.shared.offer(self.ruin):
            self.seen = self.shared.version  # the shared best's version last caught up with
        self.told = min(self.told, got[1].penalty)
        self.last, self.tries = time.monotonic(), 0

    def attempt(self) -> bool:
        """One try; False when no soft rule is left broken."""
        better = self.ruin.attempt()
        if better is None:
            return False
        self.tries += 1
        if better and self.shared.offer(self.ruin):
            self.seen = self.shared.version
        self._tell()
        return True

    def _tell(self) -> None:
        """Report this walker's timetable if it is below the last one reported."""
        if self.ruin.ev.penalty < self.told:
            self.told = self.ruin.ev.penalty
            self.last, self.tries = time.monotonic(), 0
            self.on_better(self.ruin.best, self.ruin.ev)


class _Shared:
    """The best timetable the walkers of one repair have found (its kernel tables, to go
    on from it), and the signal for every walker to stop."""

    def __init__(self, ruin: _Ruin | KernelRuin) -> None:
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.version = 0
        self.best, self.ev = ruin.best, ruin.ev
        self.tables = ruin.verified if isinstance(ruin, KernelRuin) else None

    def offer(self, ruin: _Ruin | KernelRuin) -> bool:
        """Take ``ruin``'s timetable if it is better than the best so far; whether it was."""
        with self.lock:
            if ruin.ev.penalty >= self.ev.penalty:
                return False
            self.best, self.ev = ruin.best, ruin.ev
            self.tables = ruin.verified if isinstance(ruin, KernelRuin) else None
            self.version += 1
            return True

    def catch_up(self, ruin: _Ruin | KernelRuin) -> tuple[int, bool]:
        """Move ``ruin`` to the best timetable so far, if it is better; the version seen,
        and whether ``ruin`` moved."""
        with self.lock:
            best, ev, tables, version = self.best, self.ev, self.tables, self.version
        if tables is None or not isinstance(ruin, KernelRuin) or ev.penalty >= ruin.ev.penalty:
            return version, False
        ruin.adopt(tables, best, ev)
        return version, True


class _Walker(threading.Thread):
    """One more search of a repair, in a thread: tries until told to stop, sharing its
    better timetables and going on from the others'."""

    def __init__(self, ruin: _Ruin | KernelRuin, shared: _Shared) -> None:
        super().__init__(name="timetable-repair", daemon=True)
        self.ruin, self.shared = ruin, shared

    def run(self) -> None:
        ruin, shared = self.ruin, self.shared
        seen = shared.version
        while not shared.done.is_set() and not ruin.futile():
            if shared.version != seen:
                seen = shared.catch_up(ruin)[0]
            better = ruin.attempt()
            if better is None:  # no soft rule broken: nothing left for anyone to do
                shared.offer(ruin)
                shared.done.set()
                return
            if better:
                shared.offer(ruin)


def _starter(rules: Rules, locks: dict[int, Placement]) -> Callable[[list[Placement], int, Evaluation | None], _Ruin | KernelRuin]:
    """How tries start from a timetable: on the kernel's tables, placed again by the
    compiled loop (:mod:`repair_kernel`), when its machine code is kept on this computer;
    else with the plain-Python placer."""
    loop = compiled_loop()
    if loop is None:
        return lambda placements, seed, ev: _Ruin(rules, locks, placements, seed, ev)
    net = Net(rules, locks, *loop)
    return lambda placements, seed, ev: KernelRuin(net, placements, seed, ev)


def compiled_loop() -> tuple[Search, bool] | None:
    """The compiled placement loop and True (it takes packed arrays), if its machine code
    is kept on this computer: then repair's tries run on the kernel's tables."""
    from app.scheduling.timetable import kernel_jit

    search = kernel_jit.kept_in_this_process()
    return None if search is None else (search, True)
