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
