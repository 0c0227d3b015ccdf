"""The placement search's inner loop on flat integer arrays, compiled with numba when it
is installed (the same code runs as plain Python otherwise, with the same results).

:mod:`~app.scheduling.timetable.place` describes the search (FET's recursive swapping as a
loop: place a lesson where it displaces least, then place what it displaced). This module
is that loop written for a compiler: every table is a flat array (``occ[r * S + s]`` is
the lesson holding resource ``r`` at slot ``s``), sets are stamped marks, "who displaced
whom" is an open-addressing hash table, and the random numbers come from a small
generator of its own, so the compiled and the interpreted runs make the same choices.

numba's compiled code is cached in the app's own cache folder (``NUMBA_CACHE_DIR``, set
before numba is imported; never the installation folder, which is read-only on locked-down
machines). Set ``TEACHERDESK_NO_NUMBA=1`` to run the plain-Python version.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def _compiler() -> tuple[Callable[[F], F], Callable[[F], F], bool]:
    if os.environ.get("TEACHERDESK_NO_NUMBA"):
        return (lambda f: f), (lambda f: f), False
    try:
        if not os.environ.get("NUMBA_CACHE_DIR"):
            from app.paths import cache_dir

            os.environ["NUMBA_CACHE_DIR"] = str(cache_dir() / "numba")
        import numba  # type: ignore[import-untyped,unused-ignore]
    except Exception:  # missing or broken: the plain-Python version gives the same results
        return (lambda f: f), (lambda f: f), False
    return numba.njit(cache=True, nogil=True), numba.njit(cache=True, nogil=True, inline="always"), True


kernel, small, COMPILED = _compiler()

FREE = -1
NO_ROOM = -2  # room_for: no room possible
# Rule kinds, as small integers.
SAME_START, MIN_DAYS, MAX_DAYS, CONSECUTIVE, NOT_OVERLAPPING = range(5)
MAX_HOURS_DAILY, LOAD_MAX_DAYS, MAX_GAPS, EARLY = range(4)
# Counters kept in ``Run.ctr``.
(STEPS, PLACED, NPOOL, AGAIN, STAMP, OUTN, BESTOUTN, RNG, HCOUNT, BEST_PLACED, BEST_AT, RUN_PLACED,
 RESTARTS, BEST_STEP, PATIENCE, WEIGHTS, ITER, NCTR) = range(18)
# How a displaced lesson weighs in choosing a start (see place.WEIGHTS): pairs of
# (steps it counts as "just placed", weight per earlier displacement, weight if just placed).
WEIGHT_TABLE = (3.0, 0.3, 10.0, 8.0, 1.0, 3.0)
# What ``run`` returns.
DONE, MORE, STALLED = 0, 1, 2


class Net(NamedTuple):
    """The school, fixed during a search: lessons 0..n-1, slots 0..S-1 (``day * H + hour``).
    ``*_ptr`` arrays index the flat lists after them (CSR): lesson ``i``'s starts are
    ``udom[udom_ptr[i]:udom_ptr[i + 1]]``."""

    n: int
    S: int
    H: int
    D: int
    dur: Any
    locked: Any
    udom_ptr: Any  # starts the lesson (with the lessons that must start with it) may take
    udom: Any
    res_ptr: Any  # teachers and students sets (resources) of each lesson
    res: Any
    pool_ptr: Any  # rooms each lesson may take (empty when it needs none)
    pool: Any
    needs_room: Any
    closed: Any  # room * S + slot -> 1 when the room is not available
    hg_ptr: Any  # hard group rules of each lesson
    hg: Any
    sg_ptr: Any  # soft group rules of each lesson
    sg: Any
    g_kind: Any
    g_days: Any  # min_days or max_days
    g_cost: Any  # penalty of one broken pair (soft rules)
    gm_ptr: Any  # members of each group rule
    gm: Any
    lo_ptr: Any  # hard load rules of each lesson
    lo: Any
    l_kind: Any
    l_limit: Any
    l_free: Any  # load * D + day -> hours that are never gaps (bitmask)
    lm_ptr: Any  # members of each load rule
    lm: Any
    unit_of: Any  # lessons that must start together share a unit
    un_ptr: Any
    un: Any
    soft_start: Any  # lesson * S + slot -> soft penalty of starting there
    patience0: int


class Run(NamedTuple):
    """The search's state: a partial timetable that breaks no hard rule, and the best."""

    start: Any
    room: Any
    age: Any
    fails: Any
    impossible: Any
    occ: Any  # resource * S + slot -> lesson or FREE
    room_occ: Any  # room * S + slot -> lesson or FREE
    masks: Any  # load * D + day -> occupied hours (bitmask)
    part_a: Any
    part_b: Any
    total_a: Any
    total_b: Any
    hours_left: Any
    hkeys: Any  # evicted_by: key i * n + j -> count
    hvals: Any
    mark: Any  # stamped set membership
    outl: Any  # lessons displaced by the start being tried
    best_out: Any
    rooms_tmp: Any
    best_rooms: Any
    tmp: Any
    tmp2: Any
    day_a: Any  # per-day scratch (D)
    day_b: Any
    pool: Any  # lessons waiting to be placed
    best_start: Any
    best_room: Any
    ctr: Any
    seen: Any  # second stamp array (kick, holes)


# -- small helpers --------------------------------------------------------------------


@small
def rand_below(c: Any, k: int) -> int:
    """0..k-1 from a 31-bit linear congruential generator (the same in both versions)."""
    x = (c[RNG] * 1103515245 + 12345) & 0x7FFFFFFF
    c[RNG] = x
    return (x >> 7) % k


@small
def rand_unit(c: Any) -> float:
    return rand_below(c, 1 << 24) / 16777216.0


@small
def low_index(m: int) -> int:
    k = 0
    while not (m >> k) & 1:
        k += 1
    return k


@small
def bit_len(m: int) -> int:
    k = 0
    while m >> k:
        k += 1
    return k


@small
def pop_count(m: int) -> int:
    k = 0
    while m:
        m &= m - 1
        k += 1
    return k


@small
def bits_of(net: Net, j: int, t: int) -> int:
    return ((1 << net.dur[j]) - 1) << (t % net.H)


@kernel
def component(mask: int, seed: int) -> int:
    """The run of set bits of ``mask`` that touches ``seed``."""
    comp = seed & mask
    if comp == 0:
        comp = seed
    while True:
        grown = (comp | (comp << 1) | (comp >> 1)) & (mask | seed)
        if grown == comp:
            return comp
        comp = grown


# -- who displaced whom: open addressing, i * n + j -> count ----------------------------


@small
def h_slot(run: Run, key: int) -> int:
    cap = len(run.hkeys)
    k = (key * 2654435761) & (cap - 1)
    while run.hkeys[k] != key and run.hkeys[k] != -1:
        k = (k + 1) & (cap - 1)
    return k


@small
def h_get(net: Net, run: Run, i: int, j: int) -> int:
    k = h_slot(run, i * net.n + j)
    return run.hvals[k] if run.hkeys[k] != -1 else 0


@kernel
def h_clear(run: Run) -> None:
    for k in range(len(run.hkeys)):
        run.hkeys[k] = -1
        run.hvals[k] = 0
    run.ctr[HCOUNT] = 0


@kernel
def h_incr(net: Net, run: Run, i: int, j: int) -> None:
    if run.ctr[HCOUNT] * 10 > len(run.hkeys) * 7:
        h_clear(run)  # full: forget (rare; the table holds about a million pairs)
    key = i * net.n + j
    k = h_slot(run, key)
    if run.hkeys[k] == -1:
        run.hkeys[k] = key
        run.ctr[HCOUNT] += 1
    run.hvals[k] += 1


# -- stamped "out" set ----------------------------------------------------------------


@small
def out_reset(run: Run) -> None:
    run.ctr[STAMP] += 1
    run.ctr[OUTN] = 0


@small
def out_has(run: Run, j: int) -> bool:
    return bool(run.mark[j] == run.ctr[STAMP])


@small
def out_add(run: Run, j: int) -> None:
    if run.mark[j] != run.ctr[STAMP]:
        run.mark[j] = run.ctr[STAMP]
        run.outl[run.ctr[OUTN]] = j
        run.ctr[OUTN] += 1


# -- load rules -----------------------------------------------------------------------


@kernel
def gaps(net: Net, ld: int, d: int, m: int) -> int:
    if m == 0:
        return 0
    low = low_index(m)
    span = ((1 << bit_len(m)) - 1) & ~((1 << low) - 1)
    return pop_count(span & ~m & ~net.l_free[ld * net.D + d])


@small
def part_a_of(net: Net, ld: int, d: int, m: int) -> int:
    """This day's gap hours, or hours before a late start beyond the second."""
    if net.l_kind[ld] == MAX_GAPS:
        return gaps(net, ld, d, m)
    if m == 0 or m & 1:
        return 0
    return low_index(m) - 1


@small
def part_b_of(net: Net, ld: int, m: int) -> int:
    """1 if the day starts late (early-start rules)."""
    if net.l_kind[ld] == MAX_GAPS or m == 0 or m & 1:
        return 0
    return 1


@kernel
def set_day(net: Net, run: Run, ld: int, d: int, m: int) -> None:
    k = ld * net.D + d
    run.masks[k] = m
    a, b = part_a_of(net, ld, d, m), part_b_of(net, ld, m)
    run.total_a[ld] += a - run.part_a[k]
    run.total_b[ld] += b - run.part_b[k]
    run.part_a[k], run.part_b[k] = a, b


@small
def fill(net: Net, ld: int, a: int, b: int) -> int:
    if net.l_kind[ld] == MAX_GAPS:
        return max(0, a - net.l_limit[ld])
    return a + max(0, b - net.l_limit[ld])


@kernel
def to_fill(net: Net, run: Run, ld: int) -> int:
    """Hours still to fill with the changed day masks in ``run.day_a`` (``day_b`` flags)."""
    a, b = run.total_a[ld], run.total_b[ld]
    for d in range(net.D):
        if run.day_b[d]:
            k = ld * net.D + d
            a += part_a_of(net, ld, d, run.day_a[d]) - run.part_a[k]
            b += part_b_of(net, ld, run.day_a[d]) - run.part_b[k]
    return fill(net, ld, a, b)


# -- placing and taking out -----------------------------------------------------------


@small
def mark_span(net: Net, table: Any, row: int, t: int, dur: int, old: int, new: int) -> None:
    base = row * net.S
    for s in range(t, t + dur):
        if old == -2 or table[base + s] == old:
            table[base + s] = new


@kernel
def put(net: Net, run: Run, i: int, t: int, room: int) -> None:
    run.start[i], run.room[i] = t, room
    run.age[i] = run.ctr[STEPS]
    run.ctr[PLACED] += 1
    for k in range(net.res_ptr[i], net.res_ptr[i + 1]):
        mark_span(net, run.occ, net.res[k], t, net.dur[i], -2, i)
    if room >= 0:
        mark_span(net, run.room_occ, room, t, net.dur[i], -2, i)
    d = t // net.H
    bits = bits_of(net, i, t)
    for k in range(net.lo_ptr[i], net.lo_ptr[i + 1]):
        ld = net.lo[k]
        set_day(net, run, ld, d, run.masks[ld * net.D + d] | bits)
        run.hours_left[ld] -= net.dur[i]


@kernel
def take(net: Net, run: Run, i: int) -> None:
    t, room = run.start[i], run.room[i]
    for k in range(net.res_ptr[i], net.res_ptr[i + 1]):
        mark_span(net, run.occ, net.res[k], t, net.dur[i], i, FREE)
    if room >= 0:
        mark_span(net, run.room_occ, room, t, net.dur[i], i, FREE)
    d = t // net.H
    bits = bits_of(net, i, t)
    for k in range(net.lo_ptr[i], net.lo_ptr[i + 1]):
        ld = net.lo[k]
        set_day(net, run, ld, d, run.masks[ld * net.D + d] & ~bits)
        run.hours_left[ld] += net.dur[i]
    run.start[i] = FREE
    run.room[i] = FREE
    run.ctr[PLACED] -= 1


# -- what a placement displaces -------------------------------------------------------


@kernel
def clashes(net: Net, run: Run, i: int, t: int) -> bool:
    """Add the lessons holding ``i``'s teachers or students during ``[t, t+dur)``; False
    when one of them is locked."""
    for k in range(net.res_ptr[i], net.res_ptr[i + 1]):
        base = net.res[k] * net.S
        for s in range(t, t + net.dur[i]):
            j = run.occ[base + s]
            if j >= 0:
                if net.locked[j]:
                    return False
                out_add(run, j)
    return True


@small
def group_breaks(net: Net, run: Run, g: int, i: int, t: int, j: int) -> bool:
    u = run.start[j]
    kind = net.g_kind[g]
    if kind == SAME_START:
        return t != u
    dist = abs(t // net.H - u // net.H)
    if kind == MIN_DAYS:
        return dist < net.g_days[g]
    if kind == MAX_DAYS:
        return dist > net.g_days[g]
    if kind == CONSECUTIVE:
        return dist == 0 and not (t + net.dur[i] == u or u + net.dur[j] == t)
    return min(t + net.dur[i], u + net.dur[j]) > max(t, u)


@kernel
def group_conflicts(net: Net, run: Run, i: int, t: int) -> bool:
    for k in range(net.hg_ptr[i], net.hg_ptr[i + 1]):
        g = net.hg[k]
        for q in range(net.gm_ptr[g], net.gm_ptr[g + 1]):
            j = net.gm[q]
            if j != i and run.start[j] >= 0 and not out_has(run, j) and group_breaks(net, run, g, i, t, j):
                if net.locked[j]:
                    return False
                out_add(run, j)
    return True


@kernel
def on_day(net: Net, run: Run, ld: int, d: int, skip_out: bool) -> int:
    """The load's lessons on day ``d`` (not displaced, if ``skip_out``) into ``run.tmp``."""
    count = 0
    for q in range(net.lm_ptr[ld], net.lm_ptr[ld + 1]):
        j = net.lm[q]
        if run.start[j] >= 0 and run.start[j] // net.H == d and not (skip_out and out_has(run, j)):
            run.tmp[count] = j
            count += 1
    return count


@kernel
def shuffle_unlocked_first(net: Net, run: Run, count: int) -> None:
    """Shuffle ``run.tmp[:count]``, then put the unlocked lessons first (stable)."""
    for k in range(count - 1, 0, -1):
        r = rand_below(run.ctr, k + 1)
        run.tmp[k], run.tmp[r] = run.tmp[r], run.tmp[k]
    w = 0
    for k in range(count):
        if not net.locked[run.tmp[k]]:
            run.tmp2[w] = run.tmp[k]
            w += 1
    for k in range(count):
        if net.locked[run.tmp[k]]:
            run.tmp2[w] = run.tmp[k]
            w += 1
    for k in range(count):
        run.tmp[k] = run.tmp2[k]


@kernel
def daily_hours(net: Net, run: Run, ld: int, i: int, d: int) -> bool:
    count = on_day(net, run, ld, d, True)
    excess = net.dur[i] - net.l_limit[ld]
    for k in range(count):
        excess += net.dur[run.tmp[k]]
    if excess <= 0:
        return True
    shuffle_unlocked_first(net, run, count)
    for k in range(count):
        j = run.tmp[k]
        if excess <= 0 or net.locked[j]:
            break
        out_add(run, j)
        excess -= net.dur[j]
    return excess <= 0


@kernel
def used_days(net: Net, run: Run, ld: int) -> int:
    """Days on which the load has lessons not displaced (flags and counts in ``day_a``,
    1 in ``day_b`` if one of them is locked); how many such days."""
    for d in range(net.D):
        run.day_a[d] = 0
        run.day_b[d] = 0
    for q in range(net.lm_ptr[ld], net.lm_ptr[ld + 1]):
        j = net.lm[q]
        if run.start[j] >= 0 and not out_has(run, j):
            d = run.start[j] // net.H
            run.day_a[d] += 1
            if net.locked[j]:
                run.day_b[d] = 1
    used = 0
    for d in range(net.D):
        if run.day_a[d]:
            used += 1
    return used


@kernel
def max_days(net: Net, run: Run, ld: int, d: int) -> bool:
    used = used_days(net, run, ld)
    if run.day_a[d] or used < net.l_limit[ld]:
        return True
    best, best_key = -1, 1e18
    for e in range(net.D):
        if run.day_a[e] and not run.day_b[e]:
            key = run.day_a[e] + rand_unit(run.ctr)
            if key < best_key:
                best, best_key = e, key
    if best < 0:
        return False
    count = on_day(net, run, ld, best, True)
    for k in range(count):
        out_add(run, run.tmp[k])
    return True


@kernel
def without_out(net: Net, run: Run, ld: int) -> int:
    """Day masks of the load with the displaced lessons taken out (``day_a``, changed
    days flagged in ``day_b``); the hours left to place then."""
    left = run.hours_left[ld]
    for d in range(net.D):
        run.day_a[d] = run.masks[ld * net.D + d]
        run.day_b[d] = 0
    for q in range(net.lm_ptr[ld], net.lm_ptr[ld + 1]):
        j = net.lm[q]
        if run.start[j] >= 0 and out_has(run, j):
            d = run.start[j] // net.H
            run.day_a[d] &= ~bits_of(net, j, run.start[j])
            run.day_b[d] = 1
            left += net.dur[j]
    return left


@kernel
def fillable(net: Net, run: Run, ld: int, i: int, d: int, h: int) -> bool:
    left = without_out(net, run, ld)
    new = ((1 << net.dur[i]) - 1) << h
    run.day_a[d] |= new
    run.day_b[d] = 1
    left -= net.dur[i]
    if to_fill(net, run, ld) <= left:
        return True
    if net.l_kind[ld] != MAX_GAPS:
        return False
    # Take out the lessons of that day not joined to the new one by lessons or free
    # hours, if that is enough.
    block = component(run.day_a[d] | net.l_free[ld * net.D + d], new)
    count = on_day(net, run, ld, d, True)
    far = 0
    for k in range(count):
        j = run.tmp[k]
        if not bits_of(net, j, run.start[j]) & block:
            run.day_a[d] &= ~bits_of(net, j, run.start[j])
            left += net.dur[j]
            run.tmp[far] = j
            far += 1
    if to_fill(net, run, ld) > left:
        return False
    for k in range(far):
        if net.locked[run.tmp[k]]:
            return False
    for k in range(far):
        out_add(run, run.tmp[k])
    return True


@kernel
def load_conflicts(net: Net, run: Run, i: int, t: int) -> bool:
    d, h = t // net.H, t % net.H
    for k in range(net.lo_ptr[i], net.lo_ptr[i + 1]):
        ld = net.lo[k]
        kind = net.l_kind[ld]
        if kind == MAX_HOURS_DAILY:
            ok = daily_hours(net, run, ld, i, d)
        elif kind == LOAD_MAX_DAYS:
            ok = max_days(net, run, ld, d)
        else:
            ok = fillable(net, run, ld, i, d, h)
        if not ok:
            return False
    return True


@kernel
def room_holders(net: Net, run: Run, room: int, t: int, dur: int) -> int:
    """Distinct lessons (not displaced already) holding ``room`` during the span, into
    ``run.tmp2``; -1 if one of them is locked."""
    count = 0
    base = room * net.S
    for s in range(t, t + dur):
        j = run.room_occ[base + s]
        if j >= 0 and not out_has(run, j):
            if net.locked[j]:
                return -1
            new = True
            for k in range(count):
                if run.tmp2[k] == j:
                    new = False
            if new:
                run.tmp2[count] = j
                count += 1
    return count


@kernel
def room_usable(net: Net, run: Run, room: int, t: int, dur: int, taken: int) -> bool:
    for k in range(taken):
        if run.rooms_tmp[k] == room:
            return False
    base = room * net.S
    for s in range(t, t + dur):
        if net.closed[base + s]:
            return False
    return True


@kernel
def room_for(net: Net, run: Run, i: int, t: int, taken: int) -> int:
    """A room for ``i`` at ``t``: a free one if any, else the one whose lessons are the
    cheapest to displace (added to the displaced); NO_ROOM if none."""
    if not net.needs_room[i]:
        return FREE
    dur = net.dur[i]
    best, best_cost = NO_ROOM, 1 << 30
    for k in range(net.pool_ptr[i], net.pool_ptr[i + 1]):
        room = net.pool[k]
        if not room_usable(net, run, room, t, dur, taken):
            continue
        count = room_holders(net, run, room, t, dur)
        if count == 0:
            return room
        if count < 0:
            continue
        cost = 0
        for q in range(count):
            cost += 1 + h_get(net, run, i, run.tmp2[q])
        if cost < best_cost:
            best, best_cost = room, cost
    if best >= 0:
        count = room_holders(net, run, best, t, dur)
        for q in range(count):
            out_add(run, run.tmp2[q])
    return best


@kernel
def conflicts(net: Net, run: Run, i: int, t: int) -> bool:
    """What placing ``i`` (with the lessons that must start with it) at ``t`` displaces
    (``run.outl``) and their rooms (``run.rooms_tmp``); False if impossible."""
    out_reset(run)
    u = net.unit_of[i]
    lo, hi = net.un_ptr[u], net.un_ptr[u + 1]
    if hi - lo > 1:  # members already placed are moved: checked as if taken out
        for q in range(lo, hi):
            if run.start[net.un[q]] >= 0:
                out_add(run, net.un[q])
    for q in range(lo, hi):
        m = net.un[q]
        if not (clashes(net, run, m, t) and group_conflicts(net, run, m, t) and load_conflicts(net, run, m, t)):
            return False
    for q in range(lo, hi):
        room = room_for(net, run, net.un[q], t, q - lo)
        if room == NO_ROOM:
            return False
        run.rooms_tmp[q - lo] = room
    if hi - lo > 1:
        drop_unit(net, run, lo, hi)
    return True


@kernel
def drop_unit(net: Net, run: Run, lo: int, hi: int) -> None:
    w = 0
    for k in range(run.ctr[OUTN]):
        j = run.outl[k]
        if net.unit_of[j] != net.unit_of[net.un[lo]]:
            run.outl[w] = j
            w += 1
    run.ctr[OUTN] = w


@kernel
def soft_cost(net: Net, run: Run, i: int, t: int) -> int:
    cost = net.soft_start[i * net.S + t]
    for k in range(net.sg_ptr[i], net.sg_ptr[i + 1]):
        g = net.sg[k]
        broken = 0
        for q in range(net.gm_ptr[g], net.gm_ptr[g + 1]):
            j = net.gm[q]
            if j != i and run.start[j] >= 0 and group_breaks(net, run, g, i, t, j):
                broken += 1
        cost += net.g_cost[g] * broken
    return cost


# -- the search -----------------------------------------------------------------------


@small
def weight(net: Net, run: Run, i: int, j: int) -> float:
    # Displacing a lesson placed a moment ago weighs most (it would likely come straight
    # back); pairs that keep displacing each other weigh more each time.
    w = 3 * (run.ctr[WEIGHTS] % 2)
    recent = run.ctr[STEPS] - run.age[j] < WEIGHT_TABLE[w]
    return 1.0 + WEIGHT_TABLE[w + 1] * h_get(net, run, i, j) + (WEIGHT_TABLE[w + 2] if recent else 0.0)


@kernel
def keep_best(net: Net, run: Run, i: int) -> None:
    for k in range(run.ctr[OUTN]):
        run.best_out[k] = run.outl[k]
    run.ctr[BESTOUTN] = run.ctr[OUTN]
    u = net.unit_of[i]
    for k in range(net.un_ptr[u + 1] - net.un_ptr[u]):
        run.best_rooms[k] = run.rooms_tmp[k]


@kernel
def choose(net: Net, run: Run, i: int) -> int:
    """The start for ``i`` that displaces least (recently placed and often displaced
    lessons weigh more), soft wishes and chance breaking ties; -1 if none."""
    best, best_cost = -1, 0.0
    for k in range(net.udom_ptr[i], net.udom_ptr[i + 1]):
        t = net.udom[k]
        if not conflicts(net, run, i, t):
            continue
        cost = 0.0
        for q in range(run.ctr[OUTN]):
            cost += weight(net, run, i, run.outl[q])
        cost *= 1000.0
        if best >= 0 and cost > best_cost:
            continue
        cost += min(999, soft_cost(net, run, i, t)) + rand_unit(run.ctr)
        if best < 0 or cost < best_cost:
            best, best_cost = t, cost
            keep_best(net, run, i)
    return best


@kernel
def step(net: Net, run: Run, i: int) -> bool:
    """Place ``i``, queueing what it displaces; False when ``i`` has no possible start."""
    run.ctr[STEPS] += 1
    t = choose(net, run, i)
    if t < 0:
        return False
    for k in range(run.ctr[BESTOUTN]):
        j = run.best_out[k]
        take(net, run, j)
        h_incr(net, run, i, j)
        push(run, j)
    u = net.unit_of[i]
    for q in range(net.un_ptr[u], net.un_ptr[u + 1]):
        m = net.un[q]
        if run.start[m] >= 0:
            take(net, run, m)
        put(net, run, m, t, run.best_rooms[q - net.un_ptr[u]])
    return True


@small
def push(run: Run, j: int) -> None:
    if run.ctr[NPOOL] == len(run.pool):  # lessons placed with their unit are still listed
        run.ctr[STAMP] += 1
        w = 0
        for k in range(run.ctr[NPOOL]):
            i = run.pool[k]
            if run.start[i] < 0 and run.seen[i] != run.ctr[STAMP]:
                run.seen[i] = run.ctr[STAMP]
                run.pool[w] = i
                w += 1
        run.ctr[NPOOL] = w
    run.pool[run.ctr[NPOOL]] = j
    run.ctr[NPOOL] += 1


@kernel
def pop_random(run: Run) -> int:
    if run.ctr[AGAIN] >= 0:
        i = run.ctr[AGAIN]
        run.ctr[AGAIN] = -1
        return i
    n = run.ctr[NPOOL]
    k = rand_below(run.ctr, n)
    i = run.pool[k]
    run.pool[k] = run.pool[n - 1]
    run.ctr[NPOOL] = n - 1
    return i


@kernel
def kick(net: Net, run: Run, i: int) -> None:
    """Take out a few lessons sharing a teacher or students with ``i`` (which has no
    possible start with them where they are); they are queued again after ``i``."""
    run.ctr[STAMP] += 1
    stamp = run.ctr[STAMP]
    u = net.unit_of[i]
    for q in range(net.un_ptr[u], net.un_ptr[u + 1]):
        run.seen[net.un[q]] = stamp
    count = 0
    for q in range(net.un_ptr[u], net.un_ptr[u + 1]):
        m = net.un[q]
        for k in range(net.res_ptr[m], net.res_ptr[m + 1]):
            base = net.res[k] * net.S
            for s in range(net.S):
                j = run.occ[base + s]
                if j >= 0 and run.seen[j] != stamp and not net.locked[j]:
                    run.seen[j] = stamp
                    run.tmp[count] = j
                    count += 1
    pick = min(count, 1 + run.fails[i] % 3)
    for k in range(pick):
        r = k + rand_below(run.ctr, count - k)
        run.tmp[k], run.tmp[r] = run.tmp[r], run.tmp[k]
        take(net, run, run.tmp[k])
        push(run, run.tmp[k])


@kernel
def failed(net: Net, run: Run, i: int) -> None:
    """``i`` has no possible start: make room and try it again at once; after many tries
    leave it out."""
    run.fails[i] += 1
    if run.fails[i] > 200:
        run.impossible[i] = 1
        return
    kick(net, run, i)
    run.ctr[AGAIN] = i


@kernel
def reopen(net: Net, run: Run) -> bool:
    """Every lesson placed: take out those around holes that break a gaps or late-start
    rule (rare: taking a lesson out leaves at most its own hours to fill)."""
    found = False
    for ld in range(len(net.l_kind)):
        kind = net.l_kind[ld]
        if (kind == MAX_GAPS or kind == EARLY) and fill(net, ld, run.total_a[ld], run.total_b[ld]) > run.hours_left[ld]:
            for d in range(net.D):
                m = run.masks[ld * net.D + d]
                if m and (gaps(net, ld, d, m) or not m & 1):
                    count = on_day(net, run, ld, d, False)
                    for k in range(count):
                        j = run.tmp[k]
                        if not net.locked[j] and run.start[j] >= 0:
                            take(net, run, j)
                            push(run, j)
                            found = True
    return found


@kernel
def restart(net: Net, run: Run) -> None:
    """Start again from an empty timetable, forgetting who displaced whom and weighing
    displacements the other way (runs differ a lot, as FET's do)."""
    run.ctr[RESTARTS] += 1
    run.ctr[WEIGHTS] += 1
    for i in range(net.n):
        if run.start[i] >= 0 and not net.locked[i]:
            take(net, run, i)
    h_clear(run)
    run.ctr[NPOOL] = 0
    run.ctr[AGAIN] = -1
    for i in range(net.n):
        if run.start[i] < 0 and net.udom_ptr[i + 1] > net.udom_ptr[i]:
            run.impossible[i] = 0  # tried once more (it is given up again at its next failure)
            push(run, i)
    run.ctr[BEST_AT] = run.ctr[STEPS]
    run.ctr[RUN_PLACED] = run.ctr[PLACED]


@kernel
def update_best(net: Net, run: Run) -> None:
    c = run.ctr
    if c[PLACED] > c[RUN_PLACED]:
        c[RUN_PLACED], c[BEST_AT] = c[PLACED], c[STEPS]
    if c[PLACED] > c[BEST_PLACED]:
        c[BEST_PLACED], c[BEST_STEP] = c[PLACED], c[STEPS]
        for k in range(net.n):
            run.best_start[k] = run.start[k]
            run.best_room[k] = run.room[k]


@kernel
def one(net: Net, run: Run) -> None:
    """One turn of the loop: restart when stuck, else place the next lesson."""
    c = run.ctr
    if c[STEPS] - c[BEST_AT] > c[PATIENCE]:
        restart(net, run)
        c[PATIENCE] = c[PATIENCE] * 3 // 2
        return
    i = pop_random(run)
    if run.start[i] < 0 and not run.impossible[i] and not step(net, run, i):
        failed(net, run, i)
    update_best(net, run)


@kernel
def run_search(net: Net, run: Run, turns: int) -> int:
    """Up to ``turns`` turns of the search; DONE (every lesson placed, or nothing left to
    try), MORE (call again) or STALLED (no progress for a long time)."""
    c = run.ctr
    for _k in range(turns):
        if c[NPOOL] == 0 and c[AGAIN] < 0 and not reopen(net, run):
            return DONE
        if c[STEPS] - c[BEST_STEP] > 4 * net.patience0:
            return STALLED
        one(net, run)
        c[ITER] += 1
    return MORE


# -- from the placer's tables to flat arrays --------------------------------------------

_GROUP_KINDS = {"same_start": SAME_START, "min_days": MIN_DAYS, "max_days": MAX_DAYS,
                "consecutive_if_same_day": CONSECUTIVE, "not_overlapping": NOT_OVERLAPPING}
_LOAD_KINDS = {"max_hours_daily": MAX_HOURS_DAILY, "max_days": LOAD_MAX_DAYS, "max_gaps": MAX_GAPS, "early": EARLY}


def _array(values: list[int]) -> Any:
    if not COMPILED:
        return list(values)
    import numpy as np

    return np.asarray(values, dtype=np.int64).reshape(-1)


def _csr(rows: list[list[int]]) -> tuple[Any, Any]:
    ptr = [0]
    flat: list[int] = []
    for row in rows:
        flat.extend(row)
        ptr.append(len(flat))
    return _array(ptr), _array(flat)


def _group_tables(pl: Any) -> dict[str, Any]:
    """Hard and soft group rules of every lesson, numbered once."""
    ids: dict[int, int] = {}
    kinds: list[int] = []
    days: list[int] = []
    costs: list[int] = []
    members: list[list[int]] = []

    def number(g: Any, ms: list[int]) -> int:
        if id(g) not in ids:
            ids[id(g)] = len(kinds)
            kinds.append(_GROUP_KINDS[g.kind])
            days.append(g.min_days if g.kind == "min_days" else g.max_days)
            costs.append(max(1, int(round(g.weight))))
            members.append(list(ms))
        return ids[id(g)]

    hard = [[number(g, ms) for g, ms in groups] for groups in pl.hard_groups]
    soft = [[number(g, ms) for g, ms in groups] for groups in pl.soft_groups]
    hg_ptr, hg = _csr(hard)
    sg_ptr, sg = _csr(soft)
    gm_ptr, gm = _csr(members)
    return dict(hg_ptr=hg_ptr, hg=hg, sg_ptr=sg_ptr, sg=sg, g_kind=_array(kinds),
                g_days=_array(days), g_cost=_array(costs), gm_ptr=gm_ptr, gm=gm)


def _load_tables(pl: Any) -> dict[str, Any]:
    number = {id(ld): k for k, ld in enumerate(pl.loads)}
    lo_ptr, lo = _csr([[number[id(ld)] for ld in loads] for loads in pl.loads_of])
    lm_ptr, lm = _csr([sorted(ld.members) for ld in pl.loads])
    free = [f for ld in pl.loads for f in ld.free]
    return dict(lo_ptr=lo_ptr, lo=lo, l_kind=_array([_LOAD_KINDS[ld.kind] for ld in pl.loads]),
                l_limit=_array([ld.limit for ld in pl.loads]), l_free=_array(free),
                lm_ptr=lm_ptr, lm=lm)


def _unit_tables(pl: Any) -> dict[str, Any]:
    unit_of = [-1] * len(pl.acts)
    units: list[list[int]] = []
    for i, unit in enumerate(pl.unit):
        if unit_of[i] < 0:
            for m in unit:
                unit_of[m] = len(units)
            units.append(list(unit))
    un_ptr, un = _csr(units)
    return dict(unit_of=_array(unit_of), un_ptr=un_ptr, un=un)


def pack_net(pl: Any, patience0: int) -> Net:
    """The placer's fixed tables (see :class:`~app.scheduling.timetable.place.Placer`)."""
    n, S = len(pl.acts), pl.S
    closed = [1 if (mask >> s) & 1 else 0 for mask in pl.closed for s in range(S)]
    soft = [0] * (n * S)
    for i, costs in enumerate(pl.soft_start):
        for t, c in costs.items():
            soft[i * S + t] = c
    udom_ptr, udom = _csr(pl.unit_domain)
    res_ptr, res = _csr(pl.res)
    pool_ptr, pool = _csr(pl.pool)
    return Net(n=n, S=S, H=pl.H, D=S // pl.H, dur=_array(pl.dur), locked=_array([int(x) for x in pl.locked]),
               udom_ptr=udom_ptr, udom=udom, res_ptr=res_ptr, res=res, pool_ptr=pool_ptr, pool=pool,
               needs_room=_array([int(x) for x in pl.needs_room]), closed=_array(closed),
               soft_start=_array(soft), patience0=patience0,
               **_group_tables(pl), **_load_tables(pl), **_unit_tables(pl))


def new_run(net: Net, n_resources: int, n_rooms: int, seed: int) -> Run:
    """An empty timetable (locked lessons are placed by the search like the rest)."""
    n, S, D, L = net.n, net.S, net.D, len(net.l_kind)
    cap = 1 << max(12, min(21, (256 * n).bit_length()))
    hours = [0] * L
    for ld in range(L):
        hours[ld] = sum(net.dur[net.lm[q]] for q in range(net.lm_ptr[ld], net.lm_ptr[ld + 1]))
    ctr = [0] * NCTR
    ctr[AGAIN], ctr[RNG], ctr[PATIENCE] = -1, (seed * 2654435761 + 1) & 0x7FFFFFFF, net.patience0
    pool = [i for i in range(n) if net.udom_ptr[i + 1] > net.udom_ptr[i]]
    ctr[NPOOL] = len(pool)
    unit_max = max((net.un_ptr[u + 1] - net.un_ptr[u] for u in range(len(net.un_ptr) - 1)), default=1)
    return Run(start=_array([FREE] * n), room=_array([FREE] * n), age=_array([0] * n), fails=_array([0] * n),
               impossible=_array([0] * n), occ=_array([FREE] * (max(1, n_resources) * S)),
               room_occ=_array([FREE] * (max(1, n_rooms) * S)), masks=_array([0] * max(1, L * D)),
               part_a=_array([0] * max(1, L * D)), part_b=_array([0] * max(1, L * D)),
               total_a=_array([0] * max(1, L)), total_b=_array([0] * max(1, L)), hours_left=_array(hours),
               hkeys=_array([-1] * cap), hvals=_array([0] * cap), mark=_array([0] * n), outl=_array([0] * n),
               best_out=_array([0] * n), rooms_tmp=_array([0] * max(1, unit_max)),
               best_rooms=_array([0] * max(1, unit_max)), tmp=_array([0] * n), tmp2=_array([0] * n),
               day_a=_array([0] * D), day_b=_array([0] * D), pool=_array(pool + [0] * (2 * n + 1 - len(pool))),
               best_start=_array([FREE] * n), best_room=_array([FREE] * n), ctr=_array(ctr),
               seen=_array([0] * n))
