"""What one of repair's tries takes out, and how long it may run, for both ways of placing
the lessons again (the plain-Python placer in :mod:`repair`, the kernel's loop in
:mod:`repair_kernel`)."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable

from app.scheduling.timetable.place import Placer

# Lessons taken out at once, tried in turn at random. Small ones: on tight schools a try of
# 8-16 lessons seldom places them all again (FET's liceo-scientifico: 5-8 % of tries), and
# with 2-6, five to ten times as many tries do, taking the penalty down much further in
# the same time (two walkers, 4 s from the same first timetable, two to six runs each:
# Liceo-2010 5,215-5,250 -> 3,325-4,915, Econ-Timisoara 9,207-10,395 -> 4,851-8,910,
# liceo-scientifico 10,858-12,027 -> 6,208-8,433, vmg 1,995-2,470 -> 1,330-2,280,
# test-2012 9,057-9,915 -> 6,549-7,135), and no worse on looser ones (Lom 1,831-2,993 ->
# 1,544-2,413; PBS at 0 within a second either way). Mixing the larger ones back in, even
# chosen by their results as ALNS does, only spent time on tries that fail.
SIZES = (2, 3, 4, 6)
STEPS_PER_LESSON = 40  # the search's steps per lesson taken out, before giving up
HOLD_PER_LESSON = 10  # of those, the steps holding the soft rules (then let go, as FET does)
FUTILE_TRIES, FUTILE_SHARE = 10, 0.25  # after that many tries, fewer placed again: give up
# The same on the kernel's tables with the compiled loop, whose tries take milliseconds:
# on FET's Liceo-2010 and Econ-Timisoara a quarter or fewer of them place everything
# again (7 % on Econ), yet those few lower the penalty by half in 8 s (10,965 -> 5,305;
# 15,444 -> 7,029), where giving up after ten tries left it to the neighbourhood search.
KERNEL_FUTILE_TRIES, KERNEL_FUTILE_SHARE = 100, 0.02


def lessons_around(rng: random.Random, pl: Placer, movable: set[int], broken: list[int],
                   near: Callable[[int], Iterable[int]], size: int) -> set[int]:
    """The lessons a try takes out: a lesson of a broken soft rule (drawn from ``broken``,
    one entry per rule naming it), the rule's other lessons, and lessons sharing a
    teacher or students with it (``near``), ``size`` in all (more if the rule has more),
    with the lessons bound to start with any of them; only ``movable`` ones."""
    if not broken:
        return set()
    seed = rng.choice(broken)
    out = {seed}
    for _g, members in pl.soft_groups[seed]:
        out.update(j for j in members if j in movable)
    others = sorted(j for j in set(near(seed)) if j in movable and j not in out)
    rng.shuffle(others)
    out.update(others[:max(0, size - len(out))])
    return {m for j in out for m in pl.unit[j]}

# Late acceptance (Burke and Bykov's late acceptance hill climbing): a try is kept when its
# penalty is no higher than the current timetable's, or than the current one's this many
# tries ago. Keeping only no-worse tries left repair stuck where every move of a few
# lessons costs something (FET's liceo-scientifico: stuck near 4,000-5,700 from 11 s on);
# climbing back over such a ridge reaches lower valleys. Measured through the CLI, 20 s,
# seeds 1-5 each, final penalty without -> with it: liceo-scientifico 3,988-5,694 ->
# 2,183-3,936 on all five seeds (FET's own: 3,488), Lom 1,158-1,928 -> 1,059-1,161,
# vmg 570-950 -> 380-665 (four of five), test-2012, Liceo-2010 and Econ-Timisoara within
# their spread (sums 15,105 / 12,045 -> 15,042 / 11,810). 1 is the old rule; 20 and 100
# did worse than 50, 1,000 far worse (a walk that never settles).
LATE_TRIES = 50


class LateAcceptance:
    """How high a try's penalty may be and still be kept; one :meth:`step` per try."""

    def __init__(self, penalty: int, length: int = LATE_TRIES) -> None:
        self.history = [penalty] * length
        self.tries = 0

    def bound(self, current: int) -> int:
        """The highest penalty this try may keep, the current timetable's being ``current``."""
        return max(current, self.history[self.tries % len(self.history)])

    def step(self, current: int) -> None:
        """The try is over and the current timetable's penalty is ``current``."""
        v = self.tries % len(self.history)
        if current < self.history[v]:
            self.history[v] = current
        self.tries += 1
