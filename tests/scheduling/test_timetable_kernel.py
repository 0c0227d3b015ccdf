"""The placement loop compiled by numba makes exactly the choices of the plain-Python one.

Both run the same code (app/scheduling/timetable/kernel.py) on the same random schools
from the same state; after the same number of turns every table of the state (starts,
rooms, who displaced whom, the random generator, counters) must be equal. The search may
hand over from plain Python to the compiled loop at any turn, so a run in small chunks
must also end where a run in one go ends.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.scheduling.timetable import kernel as k
from app.scheduling.timetable.place import Placer
from app.scheduling.timetable.rules import compile_rules
from tests.scheduling.test_timetable_place import random_school


def _start(seed: int) -> tuple[list[int], list[int], Placer]:
    problem = random_school(seed)
    pl = Placer(compile_rules(problem), {}, seed)
    net = k.pack_net(pl, 300)
    return net, k.new_run(net, len(pl.occ), len(pl.room_names), seed), pl


def test_a_run_in_chunks_ends_where_a_run_in_one_go_ends() -> None:
    for seed in range(6):
        net, one_go, _pl = _start(seed)
        _net, chunks, _pl = _start(seed)
        k.run_search(net, one_go, 400)
        for _ in range(400 // 7 + 1):
            k.run_search(net, chunks, min(7, 400 - chunks[k.ITER]))
        assert chunks == one_go


def test_compiled_and_plain_python_make_the_same_choices(
        tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("numba")
    # numba reads its cache folder when it is imported: a test folder, never the user's.
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path_factory.mktemp("numba-cache")))
    monkeypatch.delenv("TEACHERDESK_NO_NUMBA")
    from app.scheduling.timetable import kernel_jit

    compiled = kernel_jit._build()
    placed_somewhere = 0
    for seed in range(12):
        net, run, pl = _start(seed)
        fast_net, fast_run = kernel_jit.to_arrays(net), kernel_jit.to_arrays(run)
        for turns in (1, 50, 500):
            status = k.run_search(net, run, turns)
            assert compiled(fast_net, fast_run, turns) == status
            assert [int(x) for x in fast_run] == run, f"school {seed}: the two loops differ"
        placed_somewhere += run[k.PLACED] == len(pl.acts)
    assert placed_somewhere >= 4  # complete timetables among them, not only stuck searches
    assert not list(Path.home().glob("**/*.nbi"))  # nothing cached in the (test) home folder


def test_the_kernel_carries_on_from_the_head_start_and_meets_every_hard_rule(tmp_path: Path) -> None:
    """While numba loads, the placer's own loop makes a start; the kernel then takes over
    its partial timetable (here after 16 to 64 steps) and must still end with every hard
    rule met, by the solver's evaluation and by the independent checker."""
    import time

    from app.scheduling.timetable import write_fet
    from app.scheduling.timetable.evaluate import evaluate
    from app.scheduling.timetable.place import _head_start, _kernel_result, _Racer
    from tests.scheduling.test_timetable_place import placements
    from tests.scheduling.timetable_checker import check

    handed_over = complete = 0
    for seed in range(30):
        problem = random_school(seed)
        rules = compile_rules(problem)
        pl = Placer(rules, {}, seed)
        looks = iter(range(1000))
        deadline = time.monotonic() + 30
        if _head_start(pl, deadline, None, lambda: next(looks) >= 1 + seed % 4) is not None:  # noqa: B023
            continue
        handed_over += 1
        racer = _Racer(pl, k.pack_net(pl, 2000), seed, deadline, None)
        assert racer.run[k.PLACED] == sum(1 for t in pl.start if t >= 0) > 0
        while racer.turn():
            pass
        placed = _kernel_result(pl, racer.run, racer.status == k.DONE, 0.0)
        if placed.unplaced:
            continue
        complete += 1
        result = placements(problem, placed.starts, placed.rooms)
        ev = evaluate(rules, result)
        assert ev.hard_ok, (seed, [v.message for v in ev.hard])
        fet = tmp_path / f"school{seed}.fet"
        write_fet(problem, fet)
        rows = [(p.activity_id, problem.days[p.day], problem.hours[p.hour], p.room) for p in result]
        assert check(fet, rows) == [], seed
    assert handed_over >= 15 and complete >= 10
