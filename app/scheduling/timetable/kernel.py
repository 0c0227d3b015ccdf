"""The placement search's inner loop on two flat integer arrays: plain Python here, and
compiled by :mod:`~app.scheduling.timetable.kernel_jit` when numba is installed (the same
code, so both make the same choices).

:mod:`~app.scheduling.timetable.place` describes the search (FET's recursive swapping as a
loop: place a lesson where it displaces least, then place what it displaced). This module
is that loop written for a compiler: every table is a flat array (``occ[r * S + s]`` is
the lesson holding resource ``r`` at slot ``s``), sets are stamped marks, "who displaced
whom" is an open-addressing hash table, and the random numbers come from a small
generator of its own, so the compiled and the interpreted runs make the same choices.

Here the arrays are Python lists (fast enough to start with while numba loads); the
compiled version takes the same data as numpy ``int64`` arrays and carries on from the
same state.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
Ints = list[int]  # the flat arrays N and R: lists here, numpy int64 arrays when compiled
JIT: list[str] = []  # the functions numba compiles (see kernel_jit.py)


def kernel(f: F) -> F:
    """Mark a function of the search loop (compiled by :mod:`kernel_jit`)."""
    JIT.append(f.__name__)
    return f



FREE = -1
NO_ROOM = -2  # room_for: no room possible
# Rule kinds, as small integers.
SAME_START, MIN_DAYS, MAX_DAYS, CONSECUTIVE, NOT_OVERLAPPING = range(5)
# FET's two-activity rules keep their order: ``ORDERED`` (the first ends before the second
# starts), ``ORDERED_SAME_DAY`` (the same when on one day), ``FOLLOWS`` (the second right
# after the first); ``GROUPED``: side by side, the same day. ``MIN_GAPS``: ``g_days`` hours
# apart when on one day.
SAME_DAY, SAME_HOUR, MIN_GAPS, ORDERED, ORDERED_SAME_DAY, FOLLOWS, GROUPED = range(5, 12)
# ENDS_DAY: no other lesson of the rule after the first one, the same day (the others
# among themselves are free).
ENDS_DAY = 12
# MIN_HOURS: at least ``limit`` hours on a day with lessons; MIN_HOURS_EVERY: on every day.
# MAX_GAPS: at most ``limit`` gap hours a week; MAX_GAPS_DAILY: on each day.
MAX_HOURS_DAILY, LOAD_MAX_DAYS, MAX_GAPS, EARLY, MIN_HOURS, MIN_HOURS_EVERY, MAX_GAPS_DAILY = range(7)
MAX_CONTINUOUS = 7  # no more than ``limit`` busy hours in a row on a day
# At least ``limit`` days with lessons a week; its ``hours_left`` counts lessons (fill_of).
MIN_DAYS_WEEK = 8
INTERVAL_MAX_DAYS = 9  # at most ``limit`` days with a lesson in the hours ``l_window``
# A day spans at most ``limit`` hours from its first lesson to its last; MAX_SPAN_PLUS1: one
# day a week may span one hour more.
MAX_SPAN, MAX_SPAN_PLUS1 = 10, 11
# At least ``limit`` hours between the last lesson of a day and the first of the next;
# MIN_REST_CIRCULAR: from the week's last day to its first too.
MIN_REST, MIN_REST_CIRCULAR = 12, 13
# Building-change rules (rules.BUILDING_KINDS, in that order): at most ``limit`` changes a day,
# a week; no change with fewer than ``limit`` free hours before it.
BLD_DAY, BLD_WEEK, BLD_MIN_GAPS = range(3)
# Counters: the first entries of ``R``.
(STEPS, PLACED, NPOOL, AGAIN, STAMP, OUTN, BESTOUTN, RNG, HCOUNT, BEST_PLACED, BEST_AT, RUN_PLACED,
 RESTARTS, BEST_STEP, PATIENCE, WEIGHTS, SOFT, ITER, NCTR) = range(19)
# How a displaced lesson weighs in choosing a start (see place.WEIGHTS): pairs of
# (steps it counts as "just placed", weight per earlier displacement, weight if just placed).
WEIGHT_TABLE = (3.0, 0.3, 10.0, 8.0, 1.0, 3.0)
# What ``run`` returns.
DONE, MORE, STALLED = 0, 1, 2


# -- the layout of the two flat arrays ---------------------------------------------------
# ``N`` holds the school (fixed during a search), ``R`` the search's state; each starts
# with a header: scalars, then the offset of each table, so ``dur[i]`` is
# ``N[N[NA_dur] + i]``. Two arrays (rather than dozens) keep calls between the compiled
# functions cheap. Lessons are 0..n-1, slots 0..S-1 (``day * H + hour``); ``*_ptr`` tables
# index the flat lists after them (lesson ``i``'s starts are ``udom[udom_ptr[i]:udom_ptr[i+1]]``).

NET_SCALARS = ("n", "S", "H", "D", "patience0", "L", "stall")
NET_TABLES = (
    "dur", "locked",
    "udom_ptr", "udom",  # starts the lesson (with the lessons that must start with it) may take
    "res_ptr", "res",  # teachers and students sets (resources) of each lesson
    "pool_ptr", "pool", "needs_room",  # rooms each lesson may take
    "closed",  # room * S + slot -> 1 when the room is not available
    "hg_ptr", "hg", "sg_ptr", "sg",  # hard and soft group rules of each lesson
    "g_kind", "g_days", "g_cost", "gm_ptr", "gm",  # group rules: kind, min/max days, cost, members
    "lo_ptr", "lo",  # load rules of each lesson (hard, and soft daily hours / days a week)
    "l_kind", "l_limit", "l_free", "lm_ptr", "lm",  # load rules; l_free: load * D + day -> free-hour bits
    "unit_of", "un_ptr", "un",  # lessons that must start together
    "soft_start",  # lesson * S + slot -> soft penalty of starting there
    # Lessons with one possible start are where they will be: a gap or late-start rule
    # counts their hours as there (l_fixed: load * D + day -> their bits) and never as
    # hours that could fill a hole elsewhere (fill_dur: 0 for them, else the duration).
    "l_fixed", "fill_dur",
    "l_weight",  # load rules: 100 if hard, else the soft weight (see soft_as_hard)
    "l_window",  # load rules: the hour interval's bits (interval max days), else 0
    "room_bld",  # each room's building, -1 for none
    "rb_ptr", "rb_kind", "rb_limit",  # building-change rules of each resource (BLD_* kinds)
    "phys_ptr", "phys",  # the real rooms each room id books (a virtual room's choice: several)
    # "Occupy max time slots from selection" rules: those of each lesson, each rule's
    # lessons, its selected slots (rule * S + slot -> 1) and limit; 1 for a "max
    # simultaneous in selected time slots" rule (its limit holds in each slot).
    "oc_ptr", "oc", "om_ptr", "om", "oc_sel", "oc_limit", "oc_per_slot",
    # "Same room if consecutive": each lesson's partners; each room id's name as one id.
    "mt_ptr", "mt", "room_key",
    # Slot -> its place among the week's slots that are not breaks ("consecutive" and
    # "grouped" lessons may have a break between them; the slot itself without breaks).
    "squeezed",
    # Daily-hours rules (most, least) of a person with no gap (1) and/or no late start (2)
    # by hard rules: the day's hours count with the holes they must fill (rules._filled_days).
    "l_filled",
)
RUN_SCALARS = ("cap", "pool_cap")
RUN_TABLES = (
    "start", "room", "age", "fails", "impossible",
    "occ", "room_occ",  # resource (real room) * S + slot -> lesson or FREE
    "masks", "part_a", "part_b",  # load * D + day -> occupied-hour bits, this day's share of the rule
    "total_a", "total_b", "hours_left",  # per load rule
    "hkeys", "hvals",  # who displaced whom: key i * n + j -> count
    "mark", "outl", "best_out", "rooms_tmp", "best_rooms", "tmp", "tmp2", "day_a", "day_b",
    "pool", "best_start", "best_room", "seen",
    "btmp",  # lessons a room's building would take out (room_for)
    "oc_cnt", "oc_used",  # occupy rules: rule * S + slot -> its lessons there; selected slots taken
    "oc_gone",  # slot -> lessons of one occupy rule taken out there (occupy_holds; zero between)
)
(NS_n, NS_S, NS_H, NS_D, NS_patience0, NS_L, NS_stall) = range(7)
(NA_dur, NA_locked, NA_udom_ptr, NA_udom, NA_res_ptr, NA_res, NA_pool_ptr, NA_pool, NA_needs_room, NA_closed,
 NA_hg_ptr, NA_hg, NA_sg_ptr, NA_sg, NA_g_kind, NA_g_days, NA_g_cost, NA_gm_ptr, NA_gm, NA_lo_ptr, NA_lo,
 NA_l_kind, NA_l_limit, NA_l_free, NA_lm_ptr, NA_lm, NA_unit_of, NA_un_ptr, NA_un,
 NA_soft_start, NA_l_fixed, NA_fill_dur, NA_l_weight, NA_l_window, NA_room_bld, NA_rb_ptr, NA_rb_kind,
 NA_rb_limit, NA_phys_ptr, NA_phys, NA_oc_ptr, NA_oc, NA_om_ptr, NA_om, NA_oc_sel,
 NA_oc_limit, NA_oc_per_slot, NA_mt_ptr, NA_mt, NA_room_key, NA_squeezed, NA_l_filled) = range(7, 7 + len(NET_TABLES))
(RS_cap, RS_pool_cap) = range(NCTR, NCTR + 2)
(RA_start, RA_room, RA_age, RA_fails, RA_impossible, RA_occ, RA_room_occ, RA_masks, RA_part_a, RA_part_b,
 RA_total_a, RA_total_b, RA_hours_left, RA_hkeys, RA_hvals, RA_mark, RA_outl, RA_best_out, RA_rooms_tmp,
 RA_best_rooms, RA_tmp, RA_tmp2, RA_day_a, RA_day_b, RA_pool, RA_best_start, RA_best_room,
 RA_seen, RA_btmp, RA_oc_cnt, RA_oc_used, RA_oc_gone) = range(NCTR + 2, NCTR + 2 + len(RUN_TABLES))


# -- small helpers --------------------------------------------------------------------


@kernel
def rand_below(c: Ints, k: int) -> int:
    """0..k-1 from a 31-bit linear congruential generator (the same in both versions)."""
    x = (c[RNG] * 1103515245 + 12345) & 0x7FFFFFFF
    c[RNG] = x
    return (x >> 7) % k


@kernel
def rand_unit(c: Ints) -> float:
    return rand_below(c, 1 << 24) / 16777216.0


@kernel
def low_index(m: int) -> int:
    k = 0
    while not (m >> k) & 1:
        k += 1
    return k


@kernel
def bit_len(m: int) -> int:
    k = 0
    while m >> k:
        k += 1
    return k


@kernel
def pop_count(m: int) -> int:
    k = 0
    while m:
        m &= m - 1
        k += 1
    return k


@kernel
def bits_of(N: Ints, j: int, t: int) -> int:
    return ((1 << N[N[NA_dur] + j]) - 1) << (t % N[NS_H])


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


@kernel
def h_slot(R: Ints, key: int) -> int:
    cap = R[RS_cap]
    k = (key * 2654435761) & (cap - 1)
    while R[R[RA_hkeys] + k] != key and R[R[RA_hkeys] + k] != -1:
        k = (k + 1) & (cap - 1)
    return k


@kernel
def h_get(N: Ints, R: Ints, i: int, j: int) -> int:
    k = h_slot(R, i * N[NS_n] + j)
    return R[R[RA_hvals] + k] if R[R[RA_hkeys] + k] != -1 else 0


@kernel
def h_clear(R: Ints) -> None:
    for k in range(R[RS_cap]):
        R[R[RA_hkeys] + k] = -1
        R[R[RA_hvals] + k] = 0
    R[HCOUNT] = 0


@kernel
def h_incr(N: Ints, R: Ints, i: int, j: int) -> None:
    if R[HCOUNT] * 10 > R[RS_cap] * 7:
        h_clear(R)  # full: forget (rare; the table holds about a million pairs)
    key = i * N[NS_n] + j
    k = h_slot(R, key)
    if R[R[RA_hkeys] + k] == -1:
        R[R[RA_hkeys] + k] = key
        R[HCOUNT] += 1
    R[R[RA_hvals] + k] += 1


# -- stamped "out" set ----------------------------------------------------------------


@kernel
def out_reset(R: Ints) -> None:
    R[STAMP] += 1
    R[OUTN] = 0


@kernel
def out_has(R: Ints, j: int) -> bool:
    return bool(R[R[RA_mark] + j] == R[STAMP])


@kernel
def out_add(R: Ints, j: int) -> None:
    if R[R[RA_mark] + j] != R[STAMP]:
        R[R[RA_mark] + j] = R[STAMP]
        R[R[RA_outl] + R[OUTN]] = j
        R[OUTN] += 1


# -- load rules -----------------------------------------------------------------------


@kernel
def gaps(N: Ints, ld: int, d: int, m: int) -> int:
    m |= N[N[NA_l_fixed] + ld * N[NS_D] + d]
    if m == 0:
        return 0
    low = low_index(m)
    span = ((1 << bit_len(m)) - 1) & ~((1 << low) - 1)
    return pop_count(span & ~m & ~N[N[NA_l_free] + ld * N[NS_D] + d])


@kernel
def first_gaps(N: Ints, ld: int, d: int, m: int) -> int:
    """Hours before the day's first lesson, breaks and not-available hours not counted."""
    m |= N[N[NA_l_fixed] + ld * N[NS_D] + d]
    if m == 0:
        return 0
    return pop_count(((m & -m) - 1) & ~N[N[NA_l_free] + ld * N[NS_D] + d])


@kernel
def part_a_of(N: Ints, ld: int, d: int, m: int) -> int:
    """This day's gap hours (beyond the daily limit, for a daily one), hours short of a
    daily minimum, or hours before a late start beyond the second."""
    kind = N[N[NA_l_kind] + ld]
    if kind == MAX_GAPS:
        return gaps(N, ld, d, m)
    if kind == MAX_GAPS_DAILY:
        return max(0, gaps(N, ld, d, m) - N[N[NA_l_limit] + ld])
    if kind == MIN_HOURS or kind == MIN_HOURS_EVERY:  # noqa: PLR1714, SIM109 - kept simple for numba
        hours = pop_count(m | N[N[NA_l_fixed] + ld * N[NS_D] + d])
        if hours == 0:
            return N[N[NA_l_limit] + ld] if kind == MIN_HOURS_EVERY else 0
        return max(N[N[NA_l_limit] + ld], hours + holes(N, ld, d, m)) - hours
    if kind == MIN_DAYS_WEEK:  # 1 if the day is worked
        return 1 if m | N[N[NA_l_fixed] + ld * N[NS_D] + d] else 0
    return max(0, first_gaps(N, ld, d, m) - 1)


@kernel
def holes(N: Ints, ld: int, d: int, m: int) -> int:
    """The holes of day ``d`` (occupied hours ``m``) that lessons must fill for a person
    with no gap and/or no late start (``l_filled``; 0 for anyone else): ``_Load.holes``."""
    flags = N[N[NA_l_filled] + ld]
    count = 0
    if flags & 1:
        count += gaps(N, ld, d, m)
    if flags & 2:
        count += first_gaps(N, ld, d, m)
    return count


@kernel
def part_b_of(N: Ints, ld: int, d: int, m: int) -> int:
    """1 if the day starts late (early-start rules)."""
    if N[N[NA_l_kind] + ld] != EARLY or first_gaps(N, ld, d, m) == 0:
        return 0
    return 1


@kernel
def set_day(N: Ints, R: Ints, ld: int, d: int, m: int) -> None:
    k = ld * N[NS_D] + d
    R[R[RA_masks] + k] = m
    a, b = part_a_of(N, ld, d, m), part_b_of(N, ld, d, m)
    R[R[RA_total_a] + ld] += a - R[R[RA_part_a] + k]
    R[R[RA_total_b] + ld] += b - R[R[RA_part_b] + k]
    R[R[RA_part_a] + k], R[R[RA_part_b] + k] = a, b


@kernel
def fill(N: Ints, ld: int, a: int, b: int) -> int:
    kind = N[N[NA_l_kind] + ld]
    if kind == MAX_GAPS:
        return max(0, a - N[N[NA_l_limit] + ld])
    if kind == MIN_HOURS or kind == MIN_HOURS_EVERY or kind == MAX_GAPS_DAILY:  # noqa: PLR1714, SIM109 - kept simple for numba
        return a
    if kind == MIN_DAYS_WEEK:  # days still short of the minimum
        return max(0, N[N[NA_l_limit] + ld] - a)
    return a + max(0, b - N[N[NA_l_limit] + ld])


@kernel
def fill_of(N: Ints, ld: int, i: int) -> int:
    """What lesson ``i`` takes from the load's ``hours_left``: its fill hours (0 when it has
    one possible start), or for days a week, one lesson (see ``_Load.share``)."""
    f = N[N[NA_fill_dur] + i]
    if f > 0 and N[N[NA_l_kind] + ld] == MIN_DAYS_WEEK:
        return 1
    return f


@kernel
def to_fill(N: Ints, R: Ints, ld: int) -> int:
    """Hours still to fill with the changed day masks in ``R[RA_day_a]`` (``day_b`` flags)."""
    a, b = R[R[RA_total_a] + ld], R[R[RA_total_b] + ld]
    for d in range(N[NS_D]):
        if R[R[RA_day_b] + d]:
            k = ld * N[NS_D] + d
            a += part_a_of(N, ld, d, R[R[RA_day_a] + d]) - R[R[RA_part_a] + k]
            b += part_b_of(N, ld, d, R[R[RA_day_a] + d]) - R[R[RA_part_b] + k]
    return fill(N, ld, a, b)


# -- placing and taking out -----------------------------------------------------------


@kernel
def mark_span(N: Ints, R: Ints, table: int, row: int, t: int, dur: int, old: int, new: int) -> None:
    base = table + row * N[NS_S]
    for s in range(t, t + dur):
        if old == -2 or R[base + s] == old:
            R[base + s] = new


@kernel
def put(N: Ints, R: Ints, i: int, t: int, room: int) -> None:
    R[R[RA_start] + i], R[R[RA_room] + i] = t, room
    R[R[RA_age] + i] = R[STEPS]
    R[PLACED] += 1
    for k in range(N[N[NA_res_ptr] + i], N[N[NA_res_ptr] + i + 1]):
        mark_span(N, R, R[RA_occ], N[N[NA_res] + k], t, N[N[NA_dur] + i], -2, i)
    if room >= 0:
        for k in range(N[N[NA_phys_ptr] + room], N[N[NA_phys_ptr] + room + 1]):
            mark_span(N, R, R[RA_room_occ], N[N[NA_phys] + k], t, N[N[NA_dur] + i], -2, i)
    d = t // N[NS_H]
    bits = bits_of(N, i, t)
    for k in range(N[N[NA_lo_ptr] + i], N[N[NA_lo_ptr] + i + 1]):
        ld = N[N[NA_lo] + k]
        set_day(N, R, ld, d, R[R[RA_masks] + ld * N[NS_D] + d] | bits)
        R[R[RA_hours_left] + ld] -= fill_of(N, ld, i)
    for k in range(N[N[NA_oc_ptr] + i], N[N[NA_oc_ptr] + i + 1]):
        count_occupied(N, R, N[N[NA_oc] + k], t, N[N[NA_dur] + i], 1)


@kernel
def take(N: Ints, R: Ints, i: int) -> None:
    t, room = R[R[RA_start] + i], R[R[RA_room] + i]
    for k in range(N[N[NA_res_ptr] + i], N[N[NA_res_ptr] + i + 1]):
        mark_span(N, R, R[RA_occ], N[N[NA_res] + k], t, N[N[NA_dur] + i], i, FREE)
    if room >= 0:
        for k in range(N[N[NA_phys_ptr] + room], N[N[NA_phys_ptr] + room + 1]):
            mark_span(N, R, R[RA_room_occ], N[N[NA_phys] + k], t, N[N[NA_dur] + i], i, FREE)
    d = t // N[NS_H]
    bits = bits_of(N, i, t)
    for k in range(N[N[NA_lo_ptr] + i], N[N[NA_lo_ptr] + i + 1]):
        ld = N[N[NA_lo] + k]
        set_day(N, R, ld, d, R[R[RA_masks] + ld * N[NS_D] + d] & ~bits)
        R[R[RA_hours_left] + ld] += fill_of(N, ld, i)
    for k in range(N[N[NA_oc_ptr] + i], N[N[NA_oc_ptr] + i + 1]):
        count_occupied(N, R, N[N[NA_oc] + k], t, N[N[NA_dur] + i], -1)
    R[R[RA_start] + i] = FREE
    R[R[RA_room] + i] = FREE
    R[PLACED] -= 1


@kernel
def count_occupied(N: Ints, R: Ints, r: int, t: int, dur: int, step: int) -> None:
    """A lesson of occupy rule ``r`` put (``step`` 1) or taken (-1) at ``[t, t+dur)``."""
    base = r * N[NS_S]
    for s in range(t, t + dur):
        if N[N[NA_oc_sel] + base + s]:
            R[R[RA_oc_cnt] + base + s] += step
            if R[R[RA_oc_cnt] + base + s] == (1 if step > 0 else 0):
                R[R[RA_oc_used] + r] += step


# -- what a placement displaces -------------------------------------------------------


@kernel
def clashes(N: Ints, R: Ints, i: int, t: int) -> bool:
    """Add the lessons holding ``i``'s teachers or students during ``[t, t+dur)``; False
    when one of them is locked."""
    for k in range(N[N[NA_res_ptr] + i], N[N[NA_res_ptr] + i + 1]):
        base = N[N[NA_res] + k] * N[NS_S]
        for s in range(t, t + N[N[NA_dur] + i]):
            j = R[R[RA_occ] + base + s]
            if j >= 0:
                if N[N[NA_locked] + j]:
                    return False
                out_add(R, j)
    return True


@kernel
def group_breaks(N: Ints, R: Ints, g: int, i: int, t: int, j: int) -> bool:  # noqa: C901 - one line per kind
    """Whether ``i`` at ``t`` and ``j`` where it is break rule ``g`` (as
    :meth:`GroupRule.times_broken`, in the rule's order)."""
    u = R[R[RA_start] + j]
    kind = N[N[NA_g_kind] + g]
    if kind == SAME_START:
        return t != u
    H = N[NS_H]
    di, dj = N[N[NA_dur] + i], N[N[NA_dur] + j]
    if kind >= ORDERED:
        first = N[N[NA_gm] + N[N[NA_gm_ptr] + g]]
        if first == j:
            t, u, di, dj = u, t, dj, di  # j is the rule's first lesson
        elif kind == ENDS_DAY and first != i:
            return False
        if kind == ENDS_DAY:
            return t // H == u // H and u >= t + di
    dist = abs(t // H - u // H)
    if kind == MIN_DAYS:
        return dist < N[N[NA_g_days] + g]
    if kind == MAX_DAYS:
        return dist > N[N[NA_g_days] + g]
    if kind == SAME_DAY:
        return dist != 0
    if kind == SAME_HOUR:
        return t % H != u % H
    if kind == ORDERED:
        return t + di > u
    if kind == FOLLOWS or kind == GROUPED:  # noqa: PLR1714, SIM109 - kept simple for numba
        t, u = N[N[NA_squeezed] + t], N[N[NA_squeezed] + u]  # a break between them is allowed
    if kind == FOLLOWS:
        return dist != 0 or t + di != u
    if kind == NOT_OVERLAPPING:
        return min(t + di, u + dj) > max(t, u)
    if kind == GROUPED:
        return dist != 0 or (t + di != u and u + dj != t)
    if dist != 0:
        return False
    if kind == ORDERED_SAME_DAY:
        return t + di > u
    if kind == MIN_GAPS:
        gaps = N[N[NA_g_days] + g]
        return t < u + dj + gaps and u < t + di + gaps
    return t + di != u and u + dj != t  # CONSECUTIVE (if on the same day)


@kernel
def group_conflicts(N: Ints, R: Ints, i: int, t: int) -> bool:
    for k in range(N[N[NA_hg_ptr] + i], N[N[NA_hg_ptr] + i + 1]):
        g = N[N[NA_hg] + k]
        for q in range(N[N[NA_gm_ptr] + g], N[N[NA_gm_ptr] + g + 1]):
            j = N[N[NA_gm] + q]
            if j != i and R[R[RA_start] + j] >= 0 and not out_has(R, j) and group_breaks(N, R, g, i, t, j):
                if N[N[NA_locked] + j]:
                    return False
                out_add(R, j)
    return True


@kernel
def on_day(N: Ints, R: Ints, ld: int, d: int, skip_out: bool) -> int:
    """The load's lessons on day ``d`` (not displaced, if ``skip_out``) into ``R[RA_tmp]``."""
    count = 0
    for q in range(N[N[NA_lm_ptr] + ld], N[N[NA_lm_ptr] + ld + 1]):
        j = N[N[NA_lm] + q]
        if R[R[RA_start] + j] >= 0 and R[R[RA_start] + j] // N[NS_H] == d and not (skip_out and out_has(R, j)):
            R[R[RA_tmp] + count] = j
            count += 1
    return count


@kernel
def shuffle_unlocked_first(N: Ints, R: Ints, count: int) -> None:
    """Shuffle ``R[R[RA_tmp] + :count]``, then put the unlocked lessons first (stable)."""
    for k in range(count - 1, 0, -1):
        r = rand_below(R, k + 1)
        R[R[RA_tmp] + k], R[R[RA_tmp] + r] = R[R[RA_tmp] + r], R[R[RA_tmp] + k]
    w = 0
    for k in range(count):
        if not N[N[NA_locked] + R[R[RA_tmp] + k]]:
            R[R[RA_tmp2] + w] = R[R[RA_tmp] + k]
            w += 1
    for k in range(count):
        if N[N[NA_locked] + R[R[RA_tmp] + k]]:
            R[R[RA_tmp2] + w] = R[R[RA_tmp] + k]
            w += 1
    for k in range(count):
        R[R[RA_tmp] + k] = R[R[RA_tmp2] + k]


@kernel
def daily_hours(N: Ints, R: Ints, ld: int, i: int, d: int, h: int) -> bool:
    if N[N[NA_l_filled] + ld]:
        return filled_day(N, R, ld, i, d, h)
    count = on_day(N, R, ld, d, True)
    excess = N[N[NA_dur] + i] - N[N[NA_l_limit] + ld]
    for k in range(count):
        excess += N[N[NA_dur] + R[R[RA_tmp] + k]]
    if excess <= 0:
        return True
    shuffle_unlocked_first(N, R, count)
    for k in range(count):
        j = R[R[RA_tmp] + k]
        if excess <= 0 or N[N[NA_locked] + j]:
            break
        out_add(R, j)
        excess -= N[N[NA_dur] + j]
    return excess <= 0


@kernel
def filled_day(N: Ints, R: Ints, ld: int, i: int, d: int, h: int) -> bool:
    """Most hours a day for a person whose holes must be filled (``l_filled``): the day
    with ``i`` at hour ``h`` counts its hours and the holes they leave; while too long, take
    out its last lesson, else its first (when a late start is allowed), else any (when
    gaps are), never ``i`` nor a locked one. FET's generator does the same."""
    count = on_day(N, R, ld, d, True)
    m = ((1 << N[N[NA_dur] + i]) - 1) << h
    for k in range(count):
        j = R[R[RA_tmp] + k]
        m |= bits_of(N, j, R[R[RA_start] + j])
    fixed = N[N[NA_l_fixed] + ld * N[NS_D] + d]
    while pop_count(m | fixed) + holes(N, ld, d, m) > N[N[NA_l_limit] + ld]:
        j = to_take_from_day(N, R, ld, count, m)
        if j < 0:
            return False
        out_add(R, j)
        m &= ~bits_of(N, j, R[R[RA_start] + j])
    return True


@kernel
def to_take_from_day(N: Ints, R: Ints, ld: int, count: int, m: int) -> int:
    """Of the day's lessons in ``R[RA_tmp]`` still in ``m``: the last one, else the first
    (when a late start is allowed), else one at random (when gaps are); -1 if none (a
    locked one, or the new lesson, is where it would have to be)."""
    last, first, other, others = -1, -1, -1, 0
    top, low = 1 << (bit_len(m) - 1), m & -m
    for k in range(count):
        j = R[R[RA_tmp] + k]
        bits = bits_of(N, j, R[R[RA_start] + j])
        if N[N[NA_locked] + j] or not bits & m:
            continue
        if bits & top:
            last = j
        elif bits & low:
            first = j
        else:
            others += 1
            if rand_below(R, others) == 0:  # one of them at random
                other = j
    flags = N[N[NA_l_filled] + ld]
    if last < 0 and not flags & 2:
        last = first
    if last < 0 and not flags & 1:
        last = other
    return last


@kernel
def continuous(N: Ints, R: Ints, ld: int, i: int, d: int, h: int) -> bool:
    """Hours in a row (see ``Placer._continuous``): when the run of busy hours holding
    ``i`` at hour ``h`` gets too long, take out one lesson of the run before ``i`` and/or
    one after it (the fewest, then the fewest hours), never a locked one."""
    H, limit, di = N[NS_H], N[N[NA_l_limit] + ld], N[N[NA_dur] + i]
    if di > limit:
        return False
    busy = R[R[RA_masks] + ld * N[NS_D] + d] | ((1 << di) - 1) << h
    lo, hi = run_of(busy, h, h + di, H)
    if hi - lo <= limit:  # the common case: short enough with every lesson there
        return True
    count = on_day(N, R, ld, d, True)
    busy = ((1 << di) - 1) << h
    for k in range(count):
        j = R[R[RA_tmp] + k]
        if j != i:
            busy |= bits_of(N, j, R[R[RA_start] + j])
    lo, hi = run_of(busy, h, h + di, H)
    if hi - lo <= limit:
        return True
    return cut_run(N, R, i, h, count, lo, hi, limit)


@kernel
def span_of(m: int) -> int:
    """Hours from the first set bit of ``m`` to its last (0 when none)."""
    if m == 0:
        return 0
    return bit_len(m) - bit_len(m & -m) + 1


@kernel
def outside(N: Ints, R: Ints, j: int, a: int, limit: int) -> bool:
    """Whether lesson ``j`` (placed) leaves the hours ``a .. a+limit-1`` of its day."""
    s = R[R[RA_start] + j] % N[NS_H]
    return s < a or s + N[N[NA_dur] + j] > a + limit


@kernel
def span_limit(N: Ints, R: Ints, ld: int, d: int, plus_one: bool) -> int:
    """The hours day ``d`` may span: the rule's limit, one more with the exception when no
    other day already spans more than the limit."""
    D, limit = N[NS_D], N[N[NA_l_limit] + ld]
    if not plus_one:
        return limit
    for e in range(D):
        if e != d and span_of(R[R[RA_masks] + ld * D + e]) > limit:
            return limit
    return limit + 1


@kernel
def window_cost(N: Ints, R: Ints, i: int, count: int, a: int, limit: int) -> float:
    """What taking out the lessons of ``R[RA_tmp]`` (``count``) outside the hours
    ``a .. a+limit-1`` costs (as many hours' worth each, plus their hours); -1 when one of
    them is locked."""
    key = 0.0
    for k in range(count):
        j = R[R[RA_tmp] + k]
        if j != i and outside(N, R, j, a, limit):
            if N[N[NA_locked] + j]:
                return -1.0
            key += N[NS_H] + N[N[NA_dur] + j]
    return key


@kernel
def span(N: Ints, R: Ints, ld: int, i: int, d: int, h: int, plus_one: bool) -> bool:
    """Max span per day (see ``Placer._span``): when ``i`` at hour ``h`` would stretch the
    day over more hours than the rule allows, take out the lessons outside the cheapest
    window of that many hours holding ``i``, never a locked one; with the exception, the
    window is an hour longer unless another day already is."""
    limit, di = span_limit(N, R, ld, d, plus_one), N[N[NA_dur] + i]
    if di > limit:
        return False
    if span_of(R[R[RA_masks] + ld * N[NS_D] + d] | ((1 << di) - 1) << h) <= limit:  # the common case
        return True
    count = on_day(N, R, ld, d, True)
    best_key, best_a = 1e18, -1
    for a in range(max(0, h + di - limit), h + 1):
        key = window_cost(N, R, i, count, a, limit)
        if key >= 0:
            key += rand_unit(R)
            if key < best_key:
                best_key, best_a = key, a
    if best_a < 0:
        return False
    for k in range(count):
        j = R[R[RA_tmp] + k]
        if j != i and outside(N, R, j, best_a, limit):
            out_add(R, j)
    return True


@kernel
def rest(N: Ints, R: Ints, ld: int, i: int, t: int, circular: bool) -> bool:
    """Min resting hours (see ``Placer._rest``): the load's lessons of other days fewer
    than ``limit`` hours from ``i`` at ``t`` are taken out, never a locked one."""
    H = N[NS_H]
    week = N[NS_D] * H if circular else 0
    for q in range(N[N[NA_lm_ptr] + ld], N[N[NA_lm_ptr] + ld + 1]):
        j = N[N[NA_lm] + q]
        c = R[R[RA_start] + j]
        if c < 0 or c // H == t // H or out_has(R, j):
            continue
        if too_close(t, t + N[N[NA_dur] + i], c, c + N[N[NA_dur] + j], N[N[NA_l_limit] + ld], week):
            if N[N[NA_locked] + j]:
                return False
            out_add(R, j)
    return True


@kernel
def too_close(a: int, b: int, c: int, f: int, limit: int, week: int) -> bool:
    """As ``place.too_close``: fewer than ``limit`` hours between ``[a, b)`` and ``[c, f)``."""
    gap = c - b if c > a else a - f
    if week:
        gap = min(gap, c + week - b if c < a else a + week - f)
    return gap < limit


@kernel
def run_of(busy: int, lo: int, hi: int, n_hours: int) -> tuple[int, int]:
    """The run of set bits of ``busy`` holding hours ``lo..hi-1``, as ``(first, end)``
    (as ``place._run_of``)."""
    while lo > 0 and (busy >> (lo - 1)) & 1:
        lo -= 1
    while hi < n_hours and (busy >> hi) & 1:
        hi += 1
    return lo, hi


@kernel
def cut_at(N: Ints, R: Ints, p: int, i: int, h: int, lo: int, hi: int, before: bool) -> int:
    """The hour the run ``lo..hi-1`` ends at before (after) ``i`` once the lesson
    ``R[RA_tmp + p]`` is taken out; -1 if that lesson is not there or is locked."""
    j = R[R[RA_tmp] + p]
    s = R[R[RA_start] + j] % N[NS_H]
    e = s + N[N[NA_dur] + j]
    if j == i or N[N[NA_locked] + j]:
        return -1
    if before:
        return e if lo <= s and e <= h else -1
    return s if h + N[N[NA_dur] + i] <= s < hi else -1


@kernel
def cut_run(N: Ints, R: Ints, i: int, h: int, count: int, lo: int, hi: int, limit: int) -> bool:
    """Take out the cheapest pair of lessons (one per side, or none) of ``R[RA_tmp]``
    that leaves the run holding ``i`` at most ``limit`` hours long."""
    best_key, best_left, best_right = 1e18, -1, -1
    for p in range(-1, count):
        a = lo if p < 0 else cut_at(N, R, p, i, h, lo, hi, True)
        if a < 0:
            continue
        cost_a = 0 if p < 0 else N[NS_H] + N[N[NA_dur] + R[R[RA_tmp] + p]]
        for q in range(-1, count):
            b = hi if q < 0 else cut_at(N, R, q, i, h, lo, hi, False)
            if b < 0 or b - a > limit:
                continue
            key = cost_a + (0 if q < 0 else N[NS_H] + N[N[NA_dur] + R[R[RA_tmp] + q]]) + rand_unit(R)
            if key < best_key:
                best_key, best_left, best_right = key, p, q
    if best_key > 1e17:
        return False
    if best_left >= 0:
        out_add(R, R[R[RA_tmp] + best_left])
    if best_right >= 0:
        out_add(R, R[R[RA_tmp] + best_right])
    return True


@kernel
def used_days(N: Ints, R: Ints, ld: int, window: int) -> int:
    """Days on which the load has lessons not displaced that overlap the hour mask
    ``window`` (-1: every hour), flags and counts in ``day_a``, 1 in ``day_b`` if one of
    them is locked; how many such days."""
    for d in range(N[NS_D]):
        R[R[RA_day_a] + d] = 0
        R[R[RA_day_b] + d] = 0
    for q in range(N[N[NA_lm_ptr] + ld], N[N[NA_lm_ptr] + ld + 1]):
        j = N[N[NA_lm] + q]
        s = R[R[RA_start] + j]
        if s >= 0 and not out_has(R, j) and bits_of(N, j, s) & window:
            d = s // N[NS_H]
            R[R[RA_day_a] + d] += 1
            if N[N[NA_locked] + j]:
                R[R[RA_day_b] + d] = 1
    used = 0
    for d in range(N[NS_D]):
        if R[R[RA_day_a] + d]:
            used += 1
    return used


@kernel
def lightest_day(N: Ints, R: Ints) -> int:
    """The day with the fewest of the load's lessons by ``R[RA_day_a]`` (ties at random),
    none of them locked (``R[RA_day_b]``); -1 if none."""
    best, best_key = -1, 1e18
    for e in range(N[NS_D]):
        if R[R[RA_day_a] + e] and not R[R[RA_day_b] + e]:
            key = R[R[RA_day_a] + e] + rand_unit(R)
            if key < best_key:
                best, best_key = e, key
    return best


@kernel
def max_days(N: Ints, R: Ints, ld: int, d: int, window: int) -> bool:
    """Max days (or, with the hour mask ``window``, interval max days; -1: every hour): a
    lesson placed on day ``d`` without the load's lessons (in the window), with the limit
    reached, takes out those of the day with the fewest of them (never a locked one)."""
    used = used_days(N, R, ld, window)
    if R[R[RA_day_a] + d] or used < N[N[NA_l_limit] + ld]:
        return True
    best = lightest_day(N, R)
    if best < 0:
        return False
    count = on_day(N, R, ld, best, True)
    for k in range(count):
        j = R[R[RA_tmp] + k]
        if bits_of(N, j, R[R[RA_start] + j]) & window:
            out_add(R, j)
    return True


@kernel
def min_days(N: Ints, R: Ints, ld: int, i: int, d: int, h: int) -> bool:
    """Days a week at least (see ``Placer._min_days``): the days worked plus the lessons
    still to place never fall below the minimum; with nothing to spare, lessons of days
    that stay worked without them are taken out (at random), one per lesson short."""
    share = fill_of(N, ld, i)
    if R[R[RA_total_a] + ld] + R[R[RA_hours_left] + ld] - N[N[NA_l_limit] + ld] - share >= 0:
        return True
    left = without_out(N, R, ld)
    R[R[RA_day_a] + d] |= ((1 << N[N[NA_dur] + i]) - 1) << h
    R[R[RA_day_b] + d] = 1
    deficit = to_fill(N, R, ld) - left + share
    while deficit > 0:
        j = spare_lesson(N, R, ld, i)
        if j < 0:
            return False
        out_add(R, j)
        e = R[R[RA_start] + j] // N[NS_H]
        R[R[RA_day_a] + e] &= ~bits_of(N, j, R[R[RA_start] + j])
        R[R[RA_day_b] + e] = 1
        deficit -= 1
    return True


@kernel
def spare_lesson(N: Ints, R: Ints, ld: int, i: int) -> int:
    """A lesson of the load (not ``i``, not displaced, not locked, not fixed) whose day
    stays worked without it, by the day masks in ``R[RA_day_a]``, chosen at random; -1 if
    none."""
    found, count = -1, 0
    for q in range(N[N[NA_lm_ptr] + ld], N[N[NA_lm_ptr] + ld + 1]):
        j = N[N[NA_lm] + q]
        s = R[R[RA_start] + j]
        if s < 0 or j == i or out_has(R, j) or N[N[NA_locked] + j] or not N[N[NA_fill_dur] + j]:
            continue
        e = s // N[NS_H]
        if (R[R[RA_day_a] + e] & ~bits_of(N, j, s)) | N[N[NA_l_fixed] + ld * N[NS_D] + e]:
            count += 1
            if rand_below(R, count) == 0:
                found = j
    return found


@kernel
def interval_days(N: Ints, R: Ints, ld: int, i: int, d: int, h: int) -> bool:
    """Interval max days (see ``Placer._interval_days``): only ``i`` at hour ``h`` in the
    interval counts (see :func:`max_days`)."""
    window = N[N[NA_l_window] + ld]
    if not ((1 << N[N[NA_dur] + i]) - 1) << h & window:
        return True
    return max_days(N, R, ld, d, window)


@kernel
def in_load(N: Ints, j: int, ld: int) -> bool:
    for k in range(N[N[NA_lo_ptr] + j], N[N[NA_lo_ptr] + j + 1]):  # noqa: SIM110 - numba compiles loops
        if N[N[NA_lo] + k] == ld:
            return True
    return False


@kernel
def without_out(N: Ints, R: Ints, ld: int) -> int:
    """Day masks of the load with the displaced lessons taken out (``day_a``, changed
    days flagged in ``day_b``); the hours left to place then."""
    left = R[R[RA_hours_left] + ld]
    for d in range(N[NS_D]):
        R[R[RA_day_a] + d] = R[R[RA_masks] + ld * N[NS_D] + d]
        R[R[RA_day_b] + d] = 0
    # The displaced lessons are few, the load's lessons many: look at the displaced ones.
    for q in range(R[OUTN]):
        j = R[R[RA_outl] + q]
        if R[R[RA_start] + j] >= 0 and in_load(N, j, ld):
            d = R[R[RA_start] + j] // N[NS_H]
            R[R[RA_day_a] + d] &= ~bits_of(N, j, R[R[RA_start] + j])
            R[R[RA_day_b] + d] = 1
            left += fill_of(N, ld, j)
    return left


@kernel
def fillable(N: Ints, R: Ints, ld: int, i: int, d: int, h: int) -> bool:
    """Whether a gaps or late-start rule can still hold with ``i`` at day ``d``, hour
    ``h``, taking lessons out where that makes it possible."""
    left = without_out(N, R, ld)
    new = ((1 << N[N[NA_dur] + i]) - 1) << h
    R[R[RA_day_a] + d] |= new
    R[R[RA_day_b] + d] = 1
    left -= N[N[NA_fill_dur] + i]
    if to_fill(N, R, ld) <= left:
        return True
    kind = N[N[NA_l_kind] + ld]
    if kind == MAX_GAPS or kind == MAX_GAPS_DAILY:  # noqa: PLR1714, SIM109 - kept simple for numba
        left = drop_far(N, R, ld, d, new, left)
        if left < -(1 << 20):
            return False
    return free_hours(N, R, ld, d, left)


@kernel
def drop_far(N: Ints, R: Ints, ld: int, d: int, new: int, left: int) -> int:
    """Take out the lessons of day ``d`` not joined to the new one by lessons or free
    hours; the hours left then (very negative if one of them is locked)."""
    k = ld * N[NS_D] + d
    block = component(R[R[RA_day_a] + d] | N[N[NA_l_free] + k] | N[N[NA_l_fixed] + k], new)
    count = on_day(N, R, ld, d, True)
    for k in range(count):
        j = R[R[RA_tmp] + k]
        bits = bits_of(N, j, R[R[RA_start] + j])
        if not bits & block and N[N[NA_fill_dur] + j]:
            if N[N[NA_locked] + j]:
                return -(1 << 30)
            R[R[RA_day_a] + d] &= ~bits
            left += N[N[NA_fill_dur] + j]
            out_add(R, j)
    return left


@kernel
def free_hours(N: Ints, R: Ints, ld: int, d: int, left: int) -> bool:
    """Take out lessons of the rule on other days (in random order, each only if it lowers
    the shortfall) until the hours still to fill fit in the hours of lessons not placed:
    they are placed again where they fill the holes (FET's swapping does the same).
    Lessons at either end of their day come first: taking one out leaves no new hole."""
    deficit = to_fill(N, R, ld) - left
    if deficit <= 0:
        return True
    edges = count = 0
    for q in range(N[N[NA_lm_ptr] + ld], N[N[NA_lm_ptr] + ld + 1]):
        j = N[N[NA_lm] + q]
        s = R[R[RA_start] + j]
        if s >= 0 and s // N[NS_H] != d and N[N[NA_fill_dur] + j] and not N[N[NA_locked] + j] and not out_has(R, j):
            m = R[R[RA_day_a] + s // N[NS_H]]
            ends = (m & -m) | (1 << (bit_len(m) - 1))
            if bits_of(N, j, s) & ends:  # inside-out shuffle of the edge lessons, first
                r = rand_below(R, edges + 1)
                R[R[RA_tmp2] + count] = R[R[RA_tmp2] + edges]
                R[R[RA_tmp2] + edges] = R[R[RA_tmp2] + r]
                R[R[RA_tmp2] + r] = j
                edges += 1
            else:
                r = edges + rand_below(R, count - edges + 1)
                R[R[RA_tmp2] + count] = R[R[RA_tmp2] + r]
                R[R[RA_tmp2] + r] = j
            count += 1
    for k in range(count):
        j = R[R[RA_tmp2] + k]
        now = try_out(N, R, ld, j, left, deficit)
        if now < deficit:
            left += fill_of(N, ld, j)
            deficit = now
            if deficit <= 0:
                return True
    return False


@kernel
def try_out(N: Ints, R: Ints, ld: int, j: int, left: int, deficit: int) -> int:
    """Take ``j`` out if that lowers the shortfall; the shortfall then."""
    dd = R[R[RA_start] + j] // N[NS_H]
    old, old_flag = R[R[RA_day_a] + dd], R[R[RA_day_b] + dd]
    R[R[RA_day_a] + dd] = old & ~bits_of(N, j, R[R[RA_start] + j])
    R[R[RA_day_b] + dd] = 1
    now = to_fill(N, R, ld) - left - fill_of(N, ld, j)  # one lesson for days a week
    if now < deficit:
        out_add(R, j)
        return now
    R[R[RA_day_a] + dd], R[R[RA_day_b] + dd] = old, old_flag
    return deficit


@kernel
def load_conflicts(N: Ints, R: Ints, i: int, t: int) -> bool:
    for k in range(N[N[NA_lo_ptr] + i], N[N[NA_lo_ptr] + i + 1]):
        ld = N[N[NA_lo] + k]
        if N[N[NA_l_weight] + ld] < 100:
            continue  # soft: see soft_as_hard
        if not load_holds(N, R, ld, i, t):
            return False
    return True


@kernel
def load_holds(N: Ints, R: Ints, ld: int, i: int, t: int) -> bool:
    """Hard load rule ``ld`` with ``i`` at ``t``, lessons taken out where need be."""
    d, h = t // N[NS_H], t % N[NS_H]
    kind = N[N[NA_l_kind] + ld]
    if kind == MAX_HOURS_DAILY:
        return daily_hours(N, R, ld, i, d, h)
    if kind == LOAD_MAX_DAYS:
        return max_days(N, R, ld, d, -1)
    if kind == MAX_CONTINUOUS:
        return continuous(N, R, ld, i, d, h)
    if kind == MIN_DAYS_WEEK:
        return min_days(N, R, ld, i, d, h)
    if kind == INTERVAL_MAX_DAYS:
        return interval_days(N, R, ld, i, d, h)
    if kind == MAX_SPAN or kind == MAX_SPAN_PLUS1:  # noqa: PLR1714, SIM109 - kept simple for numba
        return span(N, R, ld, i, d, h, kind == MAX_SPAN_PLUS1)
    if kind == MIN_REST or kind == MIN_REST_CIRCULAR:  # noqa: PLR1714, SIM109 - kept simple for numba
        return rest(N, R, ld, i, t, kind == MIN_REST_CIRCULAR)
    return fillable(N, R, ld, i, d, h)


@kernel
def occupy_conflicts(N: Ints, R: Ints, i: int, t: int) -> bool:
    """Each "occupy max time slots" rule of ``i`` still holding with ``i`` at ``t``,
    lessons taken out where need be (see :func:`occupy_holds`)."""
    for k in range(N[N[NA_oc_ptr] + i], N[N[NA_oc_ptr] + i + 1]):
        r = N[N[NA_oc] + k]
        if N[N[NA_oc_per_slot] + r]:
            if not simultaneous_holds(N, R, r, i, t):
                return False
        elif not occupy_holds(N, R, r, i, t):
            return False
    return True


@kernel
def simultaneous_holds(N: Ints, R: Ints, r: int, i: int, t: int) -> bool:
    """"Max simultaneous" rule ``r`` with ``i`` at ``t``: in each selected slot ``i``
    takes, the rule's lessons beyond its limit (the lessons starting with ``i`` counted)
    are taken out, picked by chance, never a locked one."""
    base = r * N[NS_S]
    for s in range(t, t + N[N[NA_dur] + i]):
        if N[N[NA_oc_sel] + base + s]:
            excess = simultaneous_here(N, R, r, s) + arriving(N, r, i, t, s) - N[N[NA_oc_limit] + r]
            while excess > 0:
                j = simultaneous_pick(N, R, r, s)
                if j < 0:
                    return False
                out_add(R, j)
                excess -= 1
    return True


@kernel
def simultaneous_here(N: Ints, R: Ints, r: int, s: int) -> int:
    """The lessons of occupy rule ``r`` in slot ``s`` that are not taken out."""
    here = R[R[RA_oc_cnt] + r * N[NS_S] + s]
    for q in range(R[OUTN]):
        j = R[R[RA_outl] + q]
        u = R[R[RA_start] + j]
        if 0 <= u <= s < u + N[N[NA_dur] + j] and in_occupy(N, j, r):
            here -= 1
    return here


@kernel
def arriving(N: Ints, r: int, i: int, t: int, s: int) -> int:
    """Lessons of occupy rule ``r`` in slot ``s`` when ``i`` starts at ``t``: ``i`` and the
    lessons before it in its unit (they start with it)."""
    u, n = N[N[NA_unit_of] + i], 0
    for q in range(N[N[NA_un_ptr] + u], N[N[NA_un_ptr] + u + 1]):
        m = N[N[NA_un] + q]
        if t <= s < t + N[N[NA_dur] + m] and in_occupy(N, m, r):
            n += 1
        if m == i:
            break
    return n


@kernel
def simultaneous_pick(N: Ints, R: Ints, r: int, s: int) -> int:
    """A lesson of occupy rule ``r`` in slot ``s``, not taken out nor locked (by chance),
    or -1."""
    best, ties = -1, 0
    for q in range(N[N[NA_om_ptr] + r], N[N[NA_om_ptr] + r + 1]):
        j = N[N[NA_om] + q]
        u = R[R[RA_start] + j]
        if 0 <= u <= s < u + N[N[NA_dur] + j] and not N[N[NA_locked] + j] and not out_has(R, j):
            ties += 1
            if rand_below(R, ties) == 0:
                best = j
    return best


@kernel
def in_occupy(N: Ints, j: int, r: int) -> bool:
    for k in range(N[N[NA_oc_ptr] + j], N[N[NA_oc_ptr] + j + 1]):  # noqa: SIM110 - numba compiles loops
        if N[N[NA_oc] + k] == r:
            return True
    return False


@kernel
def occupy_holds(N: Ints, R: Ints, r: int, i: int, t: int) -> bool:
    """Occupy rule ``r`` with ``i`` at ``t``: when its lessons would take too many selected
    slots, the lessons of the taken slots with the fewest of them (chance breaking ties)
    are taken out, one slot at a time, never a slot ``i`` takes itself nor one holding a
    locked lesson. ``oc_gone`` counts, per slot, the rule's lessons taken out."""
    end = t + N[N[NA_dur] + i]
    excess = occupy_excess(N, R, r, t, end)
    while excess > 0:
        best = occupy_pick(N, R, r, t, end)
        if best < 0:
            break
        taken = 0
        for q in range(N[N[NA_om_ptr] + r], N[N[NA_om_ptr] + r + 1]):
            j = N[N[NA_om] + q]
            u = R[R[RA_start] + j]
            if 0 <= u <= best < u + N[N[NA_dur] + j] and not out_has(R, j):
                out_add(R, j)
                excess -= occupy_gone(N, R, r, j, t, end)
                taken += 1
        if taken == 0:
            # The slot still counts lessons none of which is left to take out: it cannot
            # be freed (picking it again would never end; FET's lycee-Farabi did so in repair).
            break
    for s in range(N[NS_S]):
        R[R[RA_oc_gone] + s] = 0
    return excess <= 0


@kernel
def occupy_excess(N: Ints, R: Ints, r: int, t: int, end: int) -> int:
    """Selected slots rule ``r`` would take beyond its limit with the lessons taken out
    so far gone (counted in ``oc_gone``) and a lesson at ``[t, end)``."""
    base = r * N[NS_S]
    for q in range(R[OUTN]):
        j = R[R[RA_outl] + q]
        if R[R[RA_start] + j] >= 0 and in_occupy(N, j, r):
            occupy_gone(N, R, r, j, 0, 0)
    excess = R[R[RA_oc_used] + r] - N[N[NA_oc_limit] + r]
    for s in range(N[NS_S]):
        gone = R[R[RA_oc_gone] + s]
        if N[N[NA_oc_sel] + base + s] and R[R[RA_oc_cnt] + base + s] == gone:
            if gone > 0:
                excess -= 1  # freed by a lesson taken out
            if t <= s < end:
                excess += 1  # taken by the new lesson
    return excess


@kernel
def occupy_pick(N: Ints, R: Ints, r: int, t: int, end: int) -> int:
    """The taken selected slot outside ``[t, end)`` with the fewest lessons of rule
    ``r`` and no locked one (chance breaking ties), or -1."""
    base = r * N[NS_S]
    best, fewest, ties = -1, 1 << 30, 0
    for s in range(N[NS_S]):
        held = 0
        if N[N[NA_oc_sel] + base + s] and not t <= s < end:
            held = R[R[RA_oc_cnt] + base + s] - R[R[RA_oc_gone] + s]
        if 0 < held <= fewest and not occupy_locked(N, R, r, s):
            ties = 1 if held < fewest else ties + 1
            if held < fewest or rand_below(R, ties) == 0:
                best, fewest = s, held
    return best


@kernel
def occupy_gone(N: Ints, R: Ints, r: int, j: int, t: int, end: int) -> int:
    """Count lesson ``j`` of occupy rule ``r`` as taken out; the selected slots it frees
    outside ``[t, end)``."""
    base, u, freed = r * N[NS_S], R[R[RA_start] + j], 0
    for s in range(u, u + N[N[NA_dur] + j]):
        if N[N[NA_oc_sel] + base + s]:
            R[R[RA_oc_gone] + s] += 1
            if R[R[RA_oc_cnt] + base + s] == R[R[RA_oc_gone] + s] and not t <= s < end:
                freed += 1
    return freed


@kernel
def occupy_locked(N: Ints, R: Ints, r: int, s: int) -> bool:
    """Whether a locked lesson of occupy rule ``r`` is in slot ``s`` (not taken out)."""
    for q in range(N[N[NA_om_ptr] + r], N[N[NA_om_ptr] + r + 1]):
        j = N[N[NA_om] + q]
        u = R[R[RA_start] + j]
        if N[N[NA_locked] + j] and 0 <= u <= s < u + N[N[NA_dur] + j] and not out_has(R, j):
            return True
    return False


@kernel
def room_holders(N: Ints, R: Ints, room: int, t: int, dur: int) -> int:
    """Distinct lessons (not displaced already) holding ``room``'s real rooms during the
    span, into ``R[RA_tmp2]``; -1 if one of them is locked."""
    count = 0
    for q in range(N[N[NA_phys_ptr] + room], N[N[NA_phys_ptr] + room + 1]):
        base = N[N[NA_phys] + q] * N[NS_S]
        for s in range(t, t + dur):
            j = R[R[RA_room_occ] + base + s]
            if j >= 0 and not out_has(R, j):
                if N[N[NA_locked] + j]:
                    return -1
                new = True
                for k in range(count):
                    if R[R[RA_tmp2] + k] == j:
                        new = False
                if new:
                    R[R[RA_tmp2] + count] = j
                    count += 1
    return count


@kernel
def room_usable(N: Ints, R: Ints, room: int, t: int, dur: int, taken: int) -> bool:
    for k in range(taken):
        if shares_real_room(N, room, R[R[RA_rooms_tmp] + k]):
            return False
    base = room * N[NS_S]
    for s in range(t, t + dur):  # noqa: SIM110 - numba compiles loops, not all(generator)
        if N[N[NA_closed] + base + s]:
            return False
    return True


@kernel
def shares_real_room(N: Ints, a: int, b: int) -> bool:
    if a < 0 or b < 0:
        return False
    for p in range(N[N[NA_phys_ptr] + a], N[N[NA_phys_ptr] + a + 1]):
        for q in range(N[N[NA_phys_ptr] + b], N[N[NA_phys_ptr] + b + 1]):
            if N[N[NA_phys] + p] == N[N[NA_phys] + q]:
                return True
    return False


@kernel
def building_of(N: Ints, R: Ints, j: int) -> int:
    room = R[R[RA_room] + j]
    return N[N[NA_room_bld] + room] if room >= 0 else -1


@kernel
def building_changes(N: Ints, R: Ints, r: int, d: int, i: int, t: int, g: int, min_gap: int) -> int:
    """Changes of building on day ``d`` of resource ``r`` with ``i`` at ``t`` in building
    ``g`` (displaced lessons left out), counted as FET counts them along the hours; with
    ``min_gap``, only those with fewer free hours before them (place.Placer._changes)."""
    H = N[NS_H]
    base = r * N[NS_S] + d * H
    lo, hi = H, H
    if t // H == d:
        lo, hi = t % H, t % H + N[N[NA_dur] + i]
    crt, gaps, n = -1, 0, 0
    for h in range(H):
        b = g
        if h < lo or h >= hi:
            j = R[R[RA_occ] + base + h]
            b = building_of(N, R, j) if j >= 0 and not out_has(R, j) else -1
        if b < 0:
            gaps += 1
            continue
        if crt >= 0 and crt != b and (min_gap == 0 or gaps < min_gap):
            n += 1
        crt, gaps = b, 0
    return n


@kernel
def buildings_hold(N: Ints, R: Ints, r: int, i: int, t: int, g: int) -> bool:
    d = t // N[NS_H]
    for k in range(N[N[NA_rb_ptr] + r], N[N[NA_rb_ptr] + r + 1]):
        kind, limit = N[N[NA_rb_kind] + k], N[N[NA_rb_limit] + k]
        if kind == BLD_DAY and building_changes(N, R, r, d, i, t, g, 0) > limit:
            return False
        if kind == BLD_WEEK:
            total = 0
            for dd in range(N[NS_D]):
                total += building_changes(N, R, r, dd, i, t, g, 0)
            if total > limit:
                return False
        if kind == BLD_MIN_GAPS and limit > 0 and building_changes(N, R, r, d, i, t, g, limit) > 0:
            return False
    return True


@kernel
def building_out(N: Ints, R: Ints, i: int, t: int, room: int) -> int:
    """How many lessons (into ``R[RA_btmp]``) must go so that ``i`` in ``room`` at ``t``
    keeps its teachers' and students' building rules; -1 if one of them is locked
    (place.Placer.building_out)."""
    g = N[N[NA_room_bld] + room]
    if g < 0:
        return 0
    count = 0
    for q in range(N[N[NA_res_ptr] + i], N[N[NA_res_ptr] + i + 1]):
        r = N[N[NA_res] + q]
        if N[N[NA_rb_ptr] + r] == N[N[NA_rb_ptr] + r + 1] or buildings_hold(N, R, r, i, t, g):
            continue
        count = elsewhere(N, R, r, t // N[NS_H], i, g, count)
        if count < 0:
            return -1
    return count


@kernel
def elsewhere(N: Ints, R: Ints, r: int, d: int, i: int, g: int, count: int) -> int:
    """Add resource ``r``'s lessons of day ``d`` in buildings other than ``g`` to the
    ``count`` already in ``R[RA_btmp]``; the new count, -1 if one is locked."""
    H = N[NS_H]
    for h in range(H):
        j = R[R[RA_occ] + r * N[NS_S] + d * H + h]
        if j >= 0 and j != i and 0 <= building_of(N, R, j) != g:
            count = btmp_add(N, R, j, count)
            if count < 0:
                return -1
    return count


@kernel
def btmp_add(N: Ints, R: Ints, j: int, count: int) -> int:
    """Add ``j`` to the ``count`` lessons in ``R[RA_btmp]`` (to take out for a room),
    unless already there or taken out; the new count, -1 if ``j`` is locked."""
    if out_has(R, j) or listed(R, RA_btmp, count, j):
        return count
    if N[N[NA_locked] + j]:
        return -1
    R[R[RA_btmp] + count] = j
    return count + 1


@kernel
def listed(R: Ints, table: int, count: int, j: int) -> bool:
    for k in range(count):  # noqa: SIM110 - numba compiles loops, not any(generator)
        if R[R[table] + k] == j:
            return True
    return False


@kernel
def room_for(N: Ints, R: Ints, i: int, t: int, taken: int) -> int:
    """A room for ``i`` at ``t``: a free one if any (its building keeping the building
    rules), else the one whose lessons are the cheapest to displace (added to the
    displaced); NO_ROOM if none."""
    if not N[N[NA_needs_room] + i]:
        return FREE
    dur = N[N[NA_dur] + i]
    best, best_cost = NO_ROOM, 1 << 30
    for k in range(N[N[NA_pool_ptr] + i], N[N[NA_pool_ptr] + i + 1]):
        room = N[N[NA_pool] + k]
        if not room_usable(N, R, room, t, dur, taken):
            continue
        count = room_holders(N, R, room, t, dur)
        if count < 0:
            continue
        walks = room_moves(N, R, i, t, room)
        if walks < 0:
            continue
        if count == 0 and walks == 0:
            return room
        cost = displacing(N, R, i, RA_tmp2, count) + displacing(N, R, i, RA_btmp, walks)
        if cost < best_cost:
            best, best_cost = room, cost
    if best >= 0:
        displace_for_room(N, R, i, t, best)
    return best


@kernel
def displace_for_room(N: Ints, R: Ints, i: int, t: int, room: int) -> None:
    """Add the lessons holding ``room`` at ``t``, and those its building would make
    ``i``'s teachers and students walk to, to the displaced."""
    count = room_holders(N, R, room, t, N[N[NA_dur] + i])
    for q in range(count):
        out_add(R, R[R[RA_tmp2] + q])
    walks = room_moves(N, R, i, t, room)
    for q in range(max(0, walks)):
        out_add(R, R[R[RA_btmp] + q])


@kernel
def room_moves(N: Ints, R: Ints, i: int, t: int, room: int) -> int:
    """How many lessons (into ``R[RA_btmp]``) must go, besides those in ``room`` then, for
    ``i`` to be there at ``t``: those its building would make walk, and its "same room if
    consecutive" partners right before or after it in another room; -1 if one of them is
    locked (place.Placer.room_moves)."""
    count = building_out(N, R, i, t, room)
    if count < 0:
        return -1
    H, end, key = N[NS_H], t + N[N[NA_dur] + i], N[N[NA_room_key] + room]
    for q in range(N[N[NA_mt_ptr] + i], N[N[NA_mt_ptr] + i + 1]):
        j = N[N[NA_mt] + q]
        u, rj = R[R[RA_start] + j], R[R[RA_room] + j]
        if (u >= 0 and rj >= 0 and N[N[NA_room_key] + rj] != key and u // H == t // H
                and (u + N[N[NA_dur] + j] == t or u == end)):
            count = btmp_add(N, R, j, count)
            if count < 0:
                return -1
    return count


@kernel
def displacing(N: Ints, R: Ints, i: int, table: int, count: int) -> int:
    """What displacing the ``count`` lessons listed in ``table`` costs ``i``."""
    cost = 0
    for q in range(count):
        cost += 1 + h_get(N, R, i, R[R[table] + q])
    return cost


@kernel
def conflicts(N: Ints, R: Ints, i: int, t: int, most: int) -> bool:
    """What placing ``i`` (with the lessons that must start with it) at ``t`` displaces
    (``R[RA_outl]``) and their rooms (``R[RA_rooms_tmp]``); False if impossible, or if it
    displaces more than ``most`` lessons (the checks stop there)."""
    out_reset(R)
    u = N[N[NA_unit_of] + i]
    lo, hi = N[N[NA_un_ptr] + u], N[N[NA_un_ptr] + u + 1]
    if hi - lo > 1:  # members already placed are moved: checked as if taken out
        for q in range(lo, hi):
            if R[R[RA_start] + N[N[NA_un] + q]] >= 0:
                out_add(R, N[N[NA_un] + q])
    moved = R[OUTN] + most
    for q in range(lo, hi):
        m = N[N[NA_un] + q]
        if not (clashes(N, R, m, t) and R[OUTN] <= moved and group_conflicts(N, R, m, t)
                and R[OUTN] <= moved and load_conflicts(N, R, m, t) and R[OUTN] <= moved
                and occupy_conflicts(N, R, m, t) and R[OUTN] <= moved):
            return False
    for q in range(lo, hi):
        room = room_for(N, R, N[N[NA_un] + q], t, q - lo)
        if room == NO_ROOM or R[OUTN] > moved:
            return False
        R[R[RA_rooms_tmp] + q - lo] = room
    if hi - lo > 1:
        drop_unit(N, R, lo, hi)
    return True


@kernel
def drop_unit(N: Ints, R: Ints, lo: int, hi: int) -> None:
    w = 0
    for k in range(R[OUTN]):
        j = R[R[RA_outl] + k]
        if N[N[NA_unit_of] + j] != N[N[NA_unit_of] + N[N[NA_un] + lo]]:
            R[R[RA_outl] + w] = j
            w += 1
    R[OUTN] = w


@kernel
def soft_cost(N: Ints, R: Ints, i: int, t: int) -> int:
    cost = N[N[NA_soft_start] + i * N[NS_S] + t]
    for k in range(N[N[NA_sg_ptr] + i], N[N[NA_sg_ptr] + i + 1]):
        g = N[N[NA_sg] + k]
        broken = 0
        for q in range(N[N[NA_gm_ptr] + g], N[N[NA_gm_ptr] + g + 1]):
            j = N[N[NA_gm] + q]
            if j != i and R[R[RA_start] + j] >= 0 and group_breaks(N, R, g, i, t, j):
                broken += 1
        cost += N[N[NA_g_cost] + g] * broken
    return cost


@kernel
def soft_as_hard(N: Ints, R: Ints, i: int, t: int) -> bool:
    """FET's way with soft rules while placing: a rule of weight w % holds as if hard w %
    of the times it is looked at. A start breaking a soft start wish is refused that
    often; a lesson of a soft pair rule that ``i`` at ``t`` would break is displaced that
    often (added to ``R[RA_outl]``), and so are lessons that a soft daily-hours or
    days-a-week rule would have out. False when the start is refused."""
    wish = N[N[NA_soft_start] + i * N[NS_S] + t]
    if wish > 0 and rand_below(R, 100) < wish:
        return False
    u = N[N[NA_unit_of] + i]
    for k in range(N[N[NA_sg_ptr] + i], N[N[NA_sg_ptr] + i + 1]):
        g = N[N[NA_sg] + k]
        for q in range(N[N[NA_gm_ptr] + g], N[N[NA_gm_ptr] + g + 1]):
            j = N[N[NA_gm] + q]
            if (j != i and R[R[RA_start] + j] >= 0 and not out_has(R, j) and N[N[NA_unit_of] + j] != u
                    and group_breaks(N, R, g, i, t, j) and rand_below(R, 100) < N[N[NA_g_cost] + g]):
                if N[N[NA_locked] + j]:
                    return False
                out_add(R, j)
    return soft_loads_hold(N, R, i, t)


@kernel
def soft_loads_hold(N: Ints, R: Ints, i: int, t: int) -> bool:
    d, h = t // N[NS_H], t % N[NS_H]
    for k in range(N[N[NA_lo_ptr] + i], N[N[NA_lo_ptr] + i + 1]):
        ld = N[N[NA_lo] + k]
        w = N[N[NA_l_weight] + ld]
        if w < 100 and rand_below(R, 100) < w:
            if N[N[NA_l_kind] + ld] == MAX_HOURS_DAILY:
                ok = daily_hours(N, R, ld, i, d, h)
            else:
                ok = max_days(N, R, ld, d, -1)
            if not ok:
                return False
    return True


# -- the search -----------------------------------------------------------------------


@kernel
def weight(N: Ints, R: Ints, i: int, j: int) -> float:
    # Displacing a lesson placed a moment ago weighs most (it would likely come straight
    # back); pairs that keep displacing each other weigh more each time.
    w = 3 * (R[WEIGHTS] % 2)
    recent = R[STEPS] - R[R[RA_age] + j] < WEIGHT_TABLE[w]
    return 1.0 + WEIGHT_TABLE[w + 1] * h_get(N, R, i, j) + (WEIGHT_TABLE[w + 2] if recent else 0.0)


@kernel
def keep_best(N: Ints, R: Ints, i: int) -> None:
    for k in range(R[OUTN]):
        R[R[RA_best_out] + k] = R[R[RA_outl] + k]
    R[BESTOUTN] = R[OUTN]
    u = N[N[NA_unit_of] + i]
    for k in range(N[N[NA_un_ptr] + u + 1] - N[N[NA_un_ptr] + u]):
        R[R[RA_best_rooms] + k] = R[R[RA_rooms_tmp] + k]


@kernel
def choose(N: Ints, R: Ints, i: int) -> int:
    """The start for ``i`` that displaces least (recently placed and often displaced
    lessons weigh more), soft wishes and chance breaking ties; -1 if none. With
    ``R[SOFT]`` the soft rules hold as FET holds them while placing (:func:`soft_as_hard`),
    unless that leaves no start at all."""
    best = choose_among(N, R, i, R[SOFT] != 0)
    if best < 0 and R[SOFT]:  # soft rules never leave a lesson without a start
        best = choose_among(N, R, i, False)
    return best


@kernel
def choose_among(N: Ints, R: Ints, i: int, strict: bool) -> int:
    best, best_cost = -1, 0.0
    for k in range(N[N[NA_udom_ptr] + i], N[N[NA_udom_ptr] + i + 1]):
        t = N[N[NA_udom] + k]
        # Each lesson displaced costs at least 1,000: no start displacing more than the
        # best so far's cost allows can beat it.
        if not conflicts(N, R, i, t, (1 << 30) if best < 0 else int(best_cost // 1000.0)):
            continue
        if strict and not soft_as_hard(N, R, i, t):
            continue
        cost = 0.0
        for q in range(R[OUTN]):
            cost += weight(N, R, i, R[R[RA_outl] + q])
        cost *= 1000.0
        if best >= 0 and cost > best_cost:
            continue
        cost += min(999, soft_cost(N, R, i, t)) + rand_unit(R)
        if best < 0 or cost < best_cost:
            best, best_cost = t, cost
            keep_best(N, R, i)
    return best


@kernel
def step(N: Ints, R: Ints, i: int) -> bool:
    """Place ``i``, queueing what it displaces; False when ``i`` has no possible start."""
    R[STEPS] += 1
    t = choose(N, R, i)
    if t < 0:
        return False
    for k in range(R[BESTOUTN]):
        j = R[R[RA_best_out] + k]
        take(N, R, j)
        h_incr(N, R, i, j)
        push(R, j)
    u = N[N[NA_unit_of] + i]
    for q in range(N[N[NA_un_ptr] + u], N[N[NA_un_ptr] + u + 1]):
        m = N[N[NA_un] + q]
        if R[R[RA_start] + m] >= 0:
            take(N, R, m)
        put(N, R, m, t, R[R[RA_best_rooms] + q - N[N[NA_un_ptr] + u]])
    return True


@kernel
def push(R: Ints, j: int) -> None:
    if R[NPOOL] == R[RS_pool_cap]:  # lessons placed with their unit are still listed
        R[STAMP] += 1
        w = 0
        for k in range(R[NPOOL]):
            i = R[R[RA_pool] + k]
            if R[R[RA_start] + i] < 0 and R[R[RA_seen] + i] != R[STAMP]:
                R[R[RA_seen] + i] = R[STAMP]
                R[R[RA_pool] + w] = i
                w += 1
        R[NPOOL] = w
    R[R[RA_pool] + R[NPOOL]] = j
    R[NPOOL] += 1


@kernel
def pop_random(R: Ints) -> int:
    if R[AGAIN] >= 0:
        i = R[AGAIN]
        R[AGAIN] = -1
        return i
    n = R[NPOOL]
    k = rand_below(R, n)
    i = R[R[RA_pool] + k]
    R[R[RA_pool] + k] = R[R[RA_pool] + n - 1]
    R[NPOOL] = n - 1
    return i


@kernel
def kick(N: Ints, R: Ints, i: int) -> None:
    """Take out a few lessons sharing a teacher or students with ``i`` (which has no
    possible start with them where they are); they are queued again after ``i``."""
    R[STAMP] += 1
    stamp = R[STAMP]
    u = N[N[NA_unit_of] + i]
    for q in range(N[N[NA_un_ptr] + u], N[N[NA_un_ptr] + u + 1]):
        R[R[RA_seen] + N[N[NA_un] + q]] = stamp
    count = 0
    for q in range(N[N[NA_un_ptr] + u], N[N[NA_un_ptr] + u + 1]):
        m = N[N[NA_un] + q]
        for k in range(N[N[NA_res_ptr] + m], N[N[NA_res_ptr] + m + 1]):
            base = N[N[NA_res] + k] * N[NS_S]
            for s in range(N[NS_S]):
                j = R[R[RA_occ] + base + s]
                if j >= 0 and R[R[RA_seen] + j] != stamp and not N[N[NA_locked] + j]:
                    R[R[RA_seen] + j] = stamp
                    R[R[RA_tmp] + count] = j
                    count += 1
    pick = min(count, 1 + R[R[RA_fails] + i] % 3)
    for k in range(pick):
        r = k + rand_below(R, count - k)
        R[R[RA_tmp] + k], R[R[RA_tmp] + r] = R[R[RA_tmp] + r], R[R[RA_tmp] + k]
        take(N, R, R[R[RA_tmp] + k])
        push(R, R[R[RA_tmp] + k])


@kernel
def failed(N: Ints, R: Ints, i: int) -> None:
    """``i`` has no possible start: make room and try it again at once; after many tries
    leave it out."""
    R[R[RA_fails] + i] += 1
    if R[R[RA_fails] + i] > 200:
        R[R[RA_impossible] + i] = 1
        return
    kick(N, R, i)
    R[AGAIN] = i


@kernel
def reopen(N: Ints, R: Ints) -> bool:
    """Every lesson placed: take out those around holes that break a gaps or late-start
    rule, and those of days short of a daily minimum (rare: taking a lesson out leaves
    at most its own hours to fill)."""
    found = False
    for ld in range(N[NS_L]):
        kind = N[N[NA_l_kind] + ld]
        # Days short of a minimum or over a daily gaps limit: their share is the day's own.
        short = kind == MIN_HOURS or kind == MIN_HOURS_EVERY or kind == MAX_GAPS_DAILY  # noqa: PLR1714 - kept simple for numba
        late = kind == MAX_GAPS or kind == EARLY  # noqa: PLR1714 - kept simple for numba
        if (late or short) and fill(N, ld, R[R[RA_total_a] + ld], R[R[RA_total_b] + ld]) > R[R[RA_hours_left] + ld]:
            for d in range(N[NS_D]):
                m = R[R[RA_masks] + ld * N[NS_D] + d]
                if short:
                    hit = R[R[RA_part_a] + ld * N[NS_D] + d] > 0
                else:
                    hit = gaps(N, ld, d, m) > 0 or first_gaps(N, ld, d, m) > 0
                if m and hit:
                    count = on_day(N, R, ld, d, False)
                    for k in range(count):
                        j = R[R[RA_tmp] + k]
                        if not N[N[NA_locked] + j] and R[R[RA_start] + j] >= 0:
                            take(N, R, j)
                            push(R, j)
                            found = True
    return found


@kernel
def restart(N: Ints, R: Ints) -> None:
    """Start again from an empty timetable, forgetting who displaced whom and weighing
    displacements the other way (runs differ a lot, as FET's do)."""
    R[RESTARTS] += 1
    R[WEIGHTS] += 1
    for i in range(N[NS_n]):
        if R[R[RA_start] + i] >= 0 and not N[N[NA_locked] + i]:
            take(N, R, i)
    h_clear(R)
    R[NPOOL] = 0
    R[AGAIN] = -1
    for i in range(N[NS_n]):
        if R[R[RA_start] + i] < 0 and N[N[NA_udom_ptr] + i + 1] > N[N[NA_udom_ptr] + i]:
            R[R[RA_impossible] + i] = 0  # tried once more (it is given up again at its next failure)
            push(R, i)
    R[BEST_AT] = R[STEPS]
    R[RUN_PLACED] = R[PLACED]


@kernel
def update_best(N: Ints, R: Ints) -> None:
    c = R
    if c[PLACED] > c[RUN_PLACED]:
        c[RUN_PLACED], c[BEST_AT] = c[PLACED], c[STEPS]
    if c[PLACED] > c[BEST_PLACED]:
        c[BEST_PLACED], c[BEST_STEP] = c[PLACED], c[STEPS]
        for k in range(N[NS_n]):
            R[R[RA_best_start] + k] = R[R[RA_start] + k]
            R[R[RA_best_room] + k] = R[R[RA_room] + k]


@kernel
def one(N: Ints, R: Ints) -> None:
    """One turn of the loop: restart when stuck, else place the next lesson."""
    c = R
    if c[STEPS] - c[BEST_AT] > c[PATIENCE]:
        restart(N, R)
        c[PATIENCE] = c[PATIENCE] * 3 // 2
        return
    i = pop_random(R)
    if R[R[RA_start] + i] < 0 and not R[R[RA_impossible] + i] and not step(N, R, i):
        failed(N, R, i)
    update_best(N, R)


@kernel
def run_search(N: Ints, R: Ints, turns: int) -> int:
    """Up to ``turns`` turns of the search; DONE (every lesson placed, or nothing left to
    try), MORE (call again) or STALLED (no progress for a long time)."""
    c = R
    for _k in range(turns):
        if c[NPOOL] == 0 and c[AGAIN] < 0 and not reopen(N, R):
            return DONE
        if c[STEPS] - c[BEST_STEP] > N[NS_stall]:
            return STALLED
        one(N, R)
        c[ITER] += 1
    return MORE


# -- from the placer's tables to flat arrays --------------------------------------------

_GROUP_KINDS = {"same_start": SAME_START, "min_days": MIN_DAYS, "max_days": MAX_DAYS,
                "consecutive_if_same_day": CONSECUTIVE, "not_overlapping": NOT_OVERLAPPING,
                "same_day": SAME_DAY, "same_hour": SAME_HOUR, "min_gaps": MIN_GAPS, "ordered": ORDERED,
                "ordered_if_same_day": ORDERED_SAME_DAY, "consecutive": FOLLOWS, "grouped": GROUPED,
                "ends_day": ENDS_DAY}
_LOAD_KINDS = {"max_hours_daily": MAX_HOURS_DAILY, "max_days": LOAD_MAX_DAYS, "max_gaps": MAX_GAPS, "early": EARLY,
               "min_hours_daily": MIN_HOURS, "max_gaps_daily": MAX_GAPS_DAILY,
               "max_hours_continuously": MAX_CONTINUOUS, "min_days_week": MIN_DAYS_WEEK,
               "interval_max_days": INTERVAL_MAX_DAYS, "max_span": MAX_SPAN, "min_rest": MIN_REST}


def _flat(head: list[int], order: tuple[str, ...], tables: dict[str, Any], packed: bool = False) -> Any:
    """``head`` then each table, its offset written into the header slot after ``head``;
    a list, or with ``packed`` an ``array('q')`` (tables given as arrays are copied whole)."""
    flat: Any = array("q", head) if packed else list(head)
    flat.extend(_filled(0, len(order), packed))
    for k, name in enumerate(order):
        flat[len(head) + k] = len(flat)
        table = tables[name]
        flat.extend(array("q", table) if packed and not isinstance(table, array) else table)
    return flat


def _filled(value: int, count: int, packed: bool) -> Any:
    """``count`` copies of ``value``: a list, or an ``array('q')`` (made in one copy: a
    run's tables are up to a million entries, and converting a list of them took 40 ms)."""
    return array("q", [value]) * count if packed else [value] * count


def _array(values: list[int]) -> list[int]:
    return list(values)


def _csr(rows: list[list[int]]) -> tuple[list[int], list[int]]:
    ptr = [0]
    flat: list[int] = []
    for row in rows:
        flat.extend(row)
        ptr.append(len(flat))
    return _array(ptr), _array(flat)


def _group_tables(pl: Any) -> dict[str, Any]:
    """Hard and soft group rules of every lesson, numbered once."""
    ids: dict[tuple[int, tuple[int, ...]], int] = {}
    kinds: list[int] = []
    days: list[int] = []
    costs: list[int] = []
    members: list[list[int]] = []

    def number(g: Any, ms: list[int]) -> int:
        key = (id(g), tuple(ms))  # a star rule (ENDS_DAY) is also seen as pairs
        if key not in ids:
            ids[key] = len(kinds)
            kinds.append(_GROUP_KINDS[g.kind])
            days.append(g.min_days if g.kind == "min_days" else g.gaps if g.kind == "min_gaps" else g.max_days)
            costs.append(max(1, int(round(g.weight))))
            members.append(list(ms))
        return ids[key]

    hard = [[number(g, ms) for g, ms in groups] for groups in pl.hard_groups]
    soft = [[number(g, ms) for g, ms in groups] for groups in pl.soft_groups]
    hg_ptr, hg = _csr(hard)
    sg_ptr, sg = _csr(soft)
    gm_ptr, gm = _csr(members)
    return dict(hg_ptr=hg_ptr, hg=hg, sg_ptr=sg_ptr, sg=sg, g_kind=_array(kinds),
                g_days=_array(days), g_cost=_array(costs), gm_ptr=gm_ptr, gm=gm)


def _load_kind(ld: Any) -> int:
    if ld.every_day:
        return MIN_HOURS_EVERY
    if ld.plus_one:
        return MAX_SPAN_PLUS1
    return MIN_REST_CIRCULAR if ld.circular else _LOAD_KINDS[ld.kind]


def _load_tables(pl: Any) -> dict[str, Any]:
    number = {id(ld): k for k, ld in enumerate(pl.loads)}
    lo_ptr, lo = _csr([[number[id(ld)] for ld in loads] for loads in pl.loads_of])
    lm_ptr, lm = _csr([sorted(ld.members) for ld in pl.loads])
    free = [f for ld in pl.loads for f in ld.free]
    fixed = [f for ld in pl.loads for f in ld.fixed]
    return dict(lo_ptr=lo_ptr, lo=lo, l_kind=_array([_load_kind(ld) for ld in pl.loads]),
                l_limit=_array([ld.limit for ld in pl.loads]), l_free=_array(free),
                l_weight=_array([ld.weight for ld in pl.loads]), l_window=_array([ld.window for ld in pl.loads]),
                lm_ptr=lm_ptr, lm=lm, l_fixed=_array(fixed), fill_dur=_array(list(pl.fill_dur)))


def _building_tables(pl: Any) -> dict[str, Any]:
    rb_ptr, kinds = _csr([[kind for kind, _limit in rules] for rules in pl.bld_rules])
    _ptr, limits = _csr([[limit for _kind, limit in rules] for rules in pl.bld_rules])
    return dict(room_bld=_array(list(pl.room_bld)), rb_ptr=rb_ptr, rb_kind=kinds, rb_limit=limits)


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


def pack_net(pl: Any, patience0: int) -> Any:
    """The placer's fixed tables (see :class:`~app.scheduling.timetable.place.Placer`) as
    one flat array ``N``."""
    n, S = len(pl.acts), pl.S
    closed = [1 if (mask >> s) & 1 else 0 for mask in pl.closed for s in range(S)]
    soft = [0] * (n * S)
    for i, costs in enumerate(pl.soft_start):
        for t, c in costs.items():
            soft[i * S + t] = c
    udom_ptr, udom = _csr(pl.unit_domain)
    res_ptr, res = _csr(pl.res)
    pool_ptr, pool = _csr(pl.pool)
    phys_ptr, phys = _csr(pl.phys)
    tables = dict(dur=list(pl.dur), locked=[int(x) for x in pl.locked], udom_ptr=udom_ptr, udom=udom,
                  res_ptr=res_ptr, res=res, pool_ptr=pool_ptr, pool=pool,
                  needs_room=[int(x) for x in pl.needs_room], closed=closed, soft_start=soft,
                  phys_ptr=phys_ptr, phys=phys, **_occupy_tables(pl), **_mate_tables(pl),
                  **_group_tables(pl), **_load_tables(pl), **_unit_tables(pl), **_building_tables(pl),
                  squeezed=pl.squeezed, l_filled=_array([ld.filled for ld in pl.loads]))
    head = [n, S, pl.H, S // pl.H, patience0, len(pl.loads), 4 * patience0]
    return _flat(head, NET_TABLES, tables)


def _occupy_tables(pl: Any) -> dict[str, Any]:
    """The placer's "occupy max time slots" rules (see ``Placer._occupy``) as tables."""
    oc_ptr, oc = _csr(pl.occupy_of)
    om_ptr, om = _csr(pl.oc_members)
    sel = [(mask >> s) & 1 for mask in pl.oc_sel for s in range(pl.S)]
    return dict(oc_ptr=oc_ptr, oc=oc, om_ptr=om_ptr, om=om, oc_sel=sel, oc_limit=list(pl.oc_limit),
                oc_per_slot=[int(x) for x in pl.oc_per_slot])


def _mate_tables(pl: Any) -> dict[str, Any]:
    """The placer's "same room if consecutive" partners and room keys (see
    ``Placer._same_rooms``) as tables."""
    mt_ptr, mt = _csr(pl.mates)
    return dict(mt_ptr=mt_ptr, mt=mt, room_key=list(pl.room_key))


def _span(N: Ints, name: str) -> tuple[int, int]:
    """Where table ``name`` lies in ``N``."""
    k = NET_TABLES.index(name)
    end = N[NA_dur + k + 1] if k + 1 < len(NET_TABLES) else len(N)
    return int(N[NA_dur + k]), int(end)


def _table(N: Ints, name: str) -> list[int]:
    lo, hi = _span(N, name)
    return [int(x) for x in N[lo:hi]]


def new_run(N: Ints, n_resources: int, n_real_rooms: int, seed: int, soft_as_hard: bool = True,
            packed: bool = False) -> Any:
    """An empty timetable as one flat array ``R`` (locked lessons are placed by the search
    like the rest); ``soft_as_hard``: see :func:`soft_as_hard`. A list for the search in
    plain Python, or with ``packed`` an ``array('q')`` for the compiled one."""
    n, S, D, L = int(N[NS_n]), int(N[NS_S]), int(N[NS_D]), int(N[NS_L])
    cap = 1 << max(12, min(21, (256 * n).bit_length()))
    lm_ptr, lm, udom_ptr, un_ptr = (_table(N, x) for x in ("lm_ptr", "lm", "udom_ptr", "un_ptr"))
    hours = [sum(fill_of(N, ld, lm[q]) for q in range(lm_ptr[ld], lm_ptr[ld + 1])) for ld in range(L)]
    pool = [i for i in range(n) if udom_ptr[i + 1] > udom_ptr[i]]
    unit_max = max((un_ptr[u + 1] - un_ptr[u] for u in range(len(un_ptr) - 1)), default=1)
    lo, hi = _span(N, "oc_limit")
    n_oc = hi - lo
    ctr = [0] * NCTR
    ctr[AGAIN], ctr[RNG], ctr[PATIENCE], ctr[NPOOL] = -1, _rng_start(seed), int(N[NS_patience0]), len(pool)
    ctr[SOFT] = int(soft_as_hard)
    def filled(value: int, count: int) -> Any:
        return _filled(value, count, packed)

    zeros = {name: filled(0, n) for name in ("age", "fails", "impossible", "mark", "outl", "best_out", "tmp", "tmp2",
                                              "seen", "btmp")}
    tables = dict(start=filled(FREE, n), room=filled(FREE, n), occ=filled(FREE, n_resources * S),
                  room_occ=filled(FREE, n_real_rooms * S), masks=filled(0, L * D), part_a=filled(0, L * D),
                  part_b=filled(0, L * D), total_a=filled(0, L), total_b=filled(0, L), hours_left=hours,
                  hkeys=filled(-1, cap), hvals=filled(0, cap), rooms_tmp=filled(0, unit_max),
                  best_rooms=filled(0, unit_max), day_a=filled(0, D), day_b=filled(0, D),
                  oc_cnt=filled(0, n_oc * S), oc_used=filled(0, n_oc), oc_gone=filled(0, S),
                  pool=pool + [0] * (2 * n + 1 - len(pool)), best_start=filled(FREE, n), best_room=filled(FREE, n),
                  **zeros)
    R = _flat([*ctr, cap, 2 * n + 1], RUN_TABLES, tables, packed)
    for ld in range(L):  # days with lessons that have one possible start may have gaps already
        for d in range(D):
            set_day(N, R, ld, d, 0)
    return R


def reseeded(R: Any, seed: int, soft_as_hard: bool = True) -> Any:
    """A copy of the run ``R``, which has taken no turn yet, as :func:`new_run` makes it
    for ``seed``: only the random generator and the soft rules' flag differ between seeds
    (building a run anew takes 10-15 ms on FET's larger examples; a copy, one)."""
    copy = R[:]
    copy[RNG], copy[SOFT] = _rng_start(seed), int(soft_as_hard)
    return copy


def _rng_start(seed: int) -> int:
    return (seed * 2654435761 + 1) & 0x7FFFFFFF


def has_soft_rules(N: Ints) -> bool:
    """Whether the school has soft start wishes, soft pair rules or soft load rules (what
    :func:`soft_as_hard` looks at). Read in place, without copying the tables (the
    start wishes are lessons × slots long: 1.8 million entries on FET's largest example,
    where copying them cost 0.2 s before the first timetable)."""
    lo, hi = _span(N, "soft_start")
    sg_lo, sg_hi = _span(N, "sg")
    w_lo, w_hi = _span(N, "l_weight")
    return sg_hi > sg_lo or any(w < 100 for w in N[w_lo:w_hi]) or any(N[lo:hi])


def run_table(R: Ints, name: str) -> list[int]:
    """One table of the search's state (``start``, ``room``, ``best_start``…), as a list."""
    k = RUN_TABLES.index(name)
    end = R[RA_start + k + 1] if k + 1 < len(RUN_TABLES) else len(R)
    return [int(x) for x in R[R[RA_start + k]:end]]
