"""The placement loop compiled by numba makes exactly the choices of the plain-Python one.

Both run the same code (app/scheduling/timetable/kernel.py) on the same random schools
from the same state; after the same number of turns every table of the state (starts,
rooms, who displaced whom, the random generator, counters) must be equal. The placement
worker runs the loop in chunks between looks at the clock, so a run in small chunks must
also end where a run in one go ends.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.scheduling.timetable import Problem, StudentsSet
from app.scheduling.timetable import kernel as k
from app.scheduling.timetable.model import Activity
from app.scheduling.timetable.place import Placer
from app.scheduling.timetable.rules import compile_rules
from tests.scheduling.test_timetable_buildings import campus
from tests.scheduling.test_timetable_max_simultaneous import simultaneous
from tests.scheduling.test_timetable_occupy_slots import selection
from tests.scheduling.test_timetable_place import (
    _c,
    _with_daily_gaps,
    _with_interval_days,
    _with_min_days,
    _with_soft_loads,
    random_school,
)
from tests.scheduling.test_timetable_rest import rests
from tests.scheduling.test_timetable_same_room import same_rooms
from tests.scheduling.test_timetable_span import spans
from tests.scheduling.test_timetable_virtual import annex

# Six schools from each first seed on, with the rules of each kind: hard max gaps per
# day, min days a week, interval max days, building changes (two sites), a virtual room,
# "occupy max time slots from selection", max span per day, "max simultaneous in selected
# time slots", min resting hours, "same room if consecutive". Below 12: random schools,
# the odd ones with soft daily-hours and days-a-week rules held as FET holds them.
_SCHOOLS: list[tuple[int, Callable[[int], Problem]]] = [
    (66, same_rooms), (60, rests), (54, simultaneous), (48, spans), (42, selection), (36, annex), (30, campus),
    (24, _with_interval_days), (18, _with_min_days), (12, _with_daily_gaps)]


def _start(seed: int) -> tuple[list[int], list[int], Placer]:
    first, make = next(((first, make) for first, make in _SCHOOLS if seed >= first),
                       (0, _with_soft_loads if seed % 2 else random_school))
    problem = make(seed - first)
    pl = Placer(compile_rules(problem), {}, seed)
    net = k.pack_net(pl, 300)
    return net, k.new_run(net, len(pl.occ), pl.n_phys, seed), pl


def test_a_run_in_chunks_ends_where_a_run_in_one_go_ends() -> None:
    for seed in range(6):
        net, one_go, _pl = _start(seed)
        _net, chunks, _pl = _start(seed)
        k.run_search(net, one_go, 400)
        for _ in range(400 // 7 + 1):
            k.run_search(net, chunks, min(7, 400 - chunks[k.ITER]))
        assert chunks == one_go


def test_a_packed_run_holds_what_a_list_run_holds() -> None:
    # The worker hands the compiled loop an array('q') built table by table; the plain
    # loop gets a list. Both must start from the same state.
    from array import array

    for seed in (0, 1, 12, 18, 24, 30, 36, 42, 54, 60, 66):
        net, as_list, pl = _start(seed)
        packed = k.new_run(array("q", net), len(pl.occ), pl.n_phys, seed, packed=True)
        assert isinstance(packed, array) and packed.typecode == "q"
        assert packed.tolist() == as_list
        # Another seed's run, copied from this one, is the one new_run makes for that seed.
        for other, soft in ((seed + 7, True), (seed + 8, False)):
            fresh = k.new_run(array("q", net), len(pl.occ), pl.n_phys, other, soft_as_hard=soft, packed=True)
            assert k.reseeded(packed, other, soft_as_hard=soft) == fresh
            assert k.reseeded(as_list, other, soft_as_hard=soft) == fresh.tolist()


@pytest.mark.xdist_group("numba")
def test_compiled_and_plain_python_make_the_same_choices(numba_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("numba")
    # numba reads its cache folder when it is imported: a test folder, never the user's.
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(numba_cache))
    monkeypatch.delenv("TEACHERDESK_NO_NUMBA")
    from app.scheduling.timetable import kernel_jit

    compiled = kernel_jit.load_in_this_process()
    placed_somewhere = 0
    for seed in range(72):
        net, run, pl = _start(seed)
        fast_net, fast_run = kernel_jit.to_arrays(net), kernel_jit.to_arrays(run)
        for turns in (1, 50, 500):
            status = k.run_search(net, run, turns)
            assert compiled(fast_net, fast_run, turns) == status
            assert [int(x) for x in fast_run] == run, f"school {seed}: the two loops differ"
        placed_somewhere += run[k.PLACED] == len(pl.acts)
    assert placed_somewhere >= 4  # complete timetables among them, not only stuck searches
    assert not [*Path.home().glob("**/*.nbi"), *Path.home().glob("**/placement-*.bin")]  # nothing cached in the (test) home


def test_the_compiled_loops_bound_on_lessons_displaced_only_stops_the_checks_early() -> None:
    """As in the plain-Python placer: ``conflicts(..., most)`` leaves the state exactly as
    the unbounded check does, or answers False when that displaces more than ``most``."""
    bounded = 0
    for seed in (0, 1, 12, 18, 24, 30, 36, 42, 54, 60, 66):
        net, run, pl = _start(seed)
        k.run_search(net, run, 60)  # part-filled
        for i in range(len(pl.acts)):
            for q in range(net[net[k.NA_udom_ptr] + i], net[net[k.NA_udom_ptr] + i + 1]):
                t = net[net[k.NA_udom] + q]
                full = list(run)
                ok = k.conflicts(net, full, i, t, 1 << 30)
                for most in (0, 1, 2):
                    got = list(run)
                    if k.conflicts(net, got, i, t, most):
                        assert ok and got == full and full[k.OUTN] <= most, (seed, i, t, most)
                    else:
                        assert not ok or full[k.OUTN] > most, (seed, i, t, most)
                        bounded += ok
    assert bounded > 50


def _many_students_sets() -> Problem:
    """A random school whose years have a dozen subgroups each: lessons of a year have
    many students atoms, in whatever order a set of their names comes in."""
    p = random_school(3)
    for y in p.years:
        names = [f"{y.name} class {c} section {s}" for c in range(4) for s in range(3)]
        p.subgroups += [StudentsSet(n, "subgroup", 5) for n in names]
        p.groups.append(StudentsSet(f"{y.name} everyone", "group", 60, names))
        y.children.append(f"{y.name} everyone")
        for n, name in enumerate(names):  # a lesson of its own each: atoms that differ
            p.activities.append(Activity(1000 + len(p.activities), [f"T{n % 5}"], "Art", [name]))
    return p


def test_the_placement_tables_do_not_depend_on_pythons_hash_order() -> None:
    """Students sets are sets of names, whose order changes with each process's hash seed;
    the placement's tables are built in name order, so the same school and seed make the
    same search in every run."""
    import os
    import subprocess
    import sys

    code = ("import hashlib; from app.scheduling.timetable import kernel as k; "
            "from app.scheduling.timetable.place import Placer; "
            "from app.scheduling.timetable.rules import compile_rules; "
            "from tests.scheduling.test_timetable_kernel import _many_students_sets; "
            "print(hashlib.sha256(repr(k.pack_net(Placer(compile_rules(_many_students_sets()), {}, 1), 300)).encode()).hexdigest())")
    root = Path(__file__).resolve().parents[2]
    outs = {subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": str(h)}, cwd=root,
                           capture_output=True, text=True, check=True).stdout for h in (0, 1, 2, 3)}
    assert len(outs) == 1, outs


def test_a_shortfall_of_hours_to_fill_takes_out_a_lesson_at_a_days_end_not_one_inside_it() -> None:
    """Placing a class's last lesson at Monday's second hour (no day may start late) needs
    one hour more to fill than is left: a lesson taken out on Tuesday gives it. Taking out
    Tuesday's first would start that day late, and one inside the day would leave a hole
    only that lesson fits again; the last one leaves neither, and is the one taken, whatever
    the seed (FET's swapping also takes a day's first or last)."""
    p = Problem(name="ends", days=["Mon", "Tue"], hours=[str(h) for h in range(1, 7)], subjects=["X"],
                teachers=[f"T{n}" for n in range(5)])
    p.years = [StudentsSet("C", "year", 10)]
    p.activities = [Activity(n + 1, [f"T{n}"], "X", ["C"]) for n in range(5)]
    p.constraints = [_c("BasicCompulsoryTime"), _c("BasicCompulsorySpace", space=True),
                     _c("StudentsEarlyMaxBeginningsAtSecondHour", Max_Beginnings_At_Second_Hour=["0"])]
    H = len(p.hours)
    for seed in range(20):
        pl = Placer(compile_rules(p), {}, seed)
        net = k.pack_net(pl, 300)
        run = k.new_run(net, len(pl.occ), pl.n_phys, seed)
        index = {a.id: i for i, a in enumerate(pl.acts)}
        for hour, aid in enumerate((2, 3, 4, 5)):  # Tuesday, hours 1 to 4
            k.put(net, run, index[aid], H + hour, k.FREE)
        assert k.conflicts(net, run, index[1], 1, 1 << 30)  # Monday, second hour
        taken = [pl.acts[run[run[k.RA_outl] + q]].id for q in range(run[k.OUTN])]
        assert taken == [5], (seed, taken)
