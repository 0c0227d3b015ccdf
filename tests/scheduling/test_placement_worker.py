"""The placement worker process: a real child process, talked to over its pipes.

numba stays off here (its first compile takes half a minute per cache folder), so the
worker runs the plain-Python loop; the messages, the race with the calling process, stop,
a worker that dies and a parent that goes away are the same either way.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from array import array
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.scheduling.timetable import Problem, placement_worker, worker_launch, write_fet
from app.scheduling.timetable import kernel as k
from app.scheduling.timetable.evaluate import evaluate
from app.scheduling.timetable.place import Placer, place_all
from app.scheduling.timetable.rules import compile_rules
from tests.scheduling.test_timetable_place import _with_soft_wishes, placements, random_school
from tests.scheduling.timetable_checker import check


@pytest.fixture
def worker(monkeypatch: pytest.MonkeyPatch) -> Iterator[placement_worker.Worker]:
    monkeypatch.delenv("TEACHERDESK_NO_PLACEMENT_WORKER")
    placement_worker._worker = None
    helper = placement_worker.worker()
    assert helper is not None
    assert helper.ready.wait(30), "the worker never said it was ready"
    yield helper
    helper.close()
    placement_worker._worker = None


def _over(problem: Problem, times: int) -> Problem:
    """Every lesson ``times`` over."""
    problem.activities.extend([replace(a, id=a.id + m * 1000) for m in range(1, times) for a in list(problem.activities)])
    return problem


def _job(helper: placement_worker.Worker, problem: Problem, seed: int, seconds: float,
         patience: int = 2000) -> tuple[Placer, int | None]:
    pl = Placer(compile_rules(problem), {}, seed)
    job = helper.submit(k.pack_net(pl, patience), len(pl.occ), pl.n_phys, [seed, seed + 1], seconds)
    return pl, job


def test_the_workers_timetables_meet_every_hard_rule(worker: placement_worker.Worker, tmp_path: Path) -> None:
    """Timetables computed in the other process, read back over the pipe, pass the
    solver's evaluation and the independent checker."""
    assert not worker.compiled and worker.error == ""  # numba is off in tests: plain Python
    complete = 0
    for seed in range(12):
        problem = random_school(seed)
        pl, job = _job(worker, problem, seed, 10)
        assert job is not None
        out = worker.result(job, wait=30)
        assert out is not None, seed
        assert out.placed == sum(1 for t in out.start if t >= 0)
        if not out.done:
            continue
        complete += 1
        starts = {a.id: out.start[i] for i, a in enumerate(pl.acts)}
        rooms = {a.id: pl.room_names[out.room[i]] for i, a in enumerate(pl.acts) if out.room[i] >= 0}
        result = placements(problem, starts, rooms)
        assert evaluate(compile_rules(problem), result).hard_ok, seed
        fet = tmp_path / f"school{seed}.fet"
        write_fet(problem, fet)
        assert check(fet, [(p.activity_id, problem.days[p.day], problem.hours[p.hour], p.room) for p in result]) == []
    assert complete >= 6


def test_place_all_with_the_worker_meets_every_hard_rule(worker: placement_worker.Worker) -> None:
    """Whichever search wins the race (this process or the worker), the timetable holds."""
    complete = 0
    for seed in range(12):
        problem = random_school(seed)
        rules = compile_rules(problem)
        placed = place_all(rules, {}, time_limit=5.0, seed=seed)
        if placed.unplaced:
            continue
        complete += 1
        assert evaluate(rules, placements(problem, placed.starts, placed.rooms)).hard_ok, seed
    assert complete >= 6


def test_a_stop_ends_the_search_at_once_with_the_best_partial_timetable(worker: placement_worker.Worker) -> None:
    # Every lesson four times over: one teacher then has 40 hours in a 30-hour week, so
    # the search never finishes on its own (twice over, it sometimes did).
    problem = _over(random_school(3), 4)
    pl, job = _job(worker, problem, 3, 60, patience=10**9)
    assert job is not None
    time.sleep(0.5)
    t0 = time.monotonic()
    worker.stop(job)
    out = worker.result(job, wait=10)
    assert out is not None and time.monotonic() - t0 < 2
    assert not out.done and 0 < out.placed < len(pl.acts)
    assert 0 < worker.placed(job) <= out.placed  # progress came four times a second meanwhile


def test_cancel_ends_place_all_at_once(worker: placement_worker.Worker) -> None:
    problem = _over(random_school(3), 4)  # more hours for one teacher than the week holds
    t0 = time.monotonic()
    placed = place_all(compile_rules(problem), {}, time_limit=60.0, seed=3,
                       cancelled=lambda: time.monotonic() - t0 > 0.5)
    assert time.monotonic() - t0 < 1.5
    assert placed.unplaced  # the partial timetable so far


def test_a_dead_worker_leaves_the_search_to_this_process(worker: placement_worker.Worker) -> None:
    proc = worker._proc
    proc.kill()
    proc.wait()
    problem = random_school(5)
    rules = compile_rules(problem)
    placed = place_all(rules, {}, time_limit=5.0, seed=5)  # a new worker or plain Python here
    assert not placed.unplaced
    assert evaluate(rules, placements(problem, placed.starts, placed.rooms)).hard_ok


def test_the_worker_exits_when_its_parent_closes_it(worker: placement_worker.Worker) -> None:
    _pl, job = _job(worker, random_school(1), 1, 60)
    assert job is not None
    worker.close(wait=5)
    assert worker._proc.poll() is not None
    assert not worker.alive and worker.submit([0], 0, 0, [1], 1) is None


def test_the_worker_adopts_the_process_a_solve_started_first_thing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEACHERDESK_NO_PLACEMENT_WORKER")
    worker_launch.start_early()
    early = worker_launch._early
    assert early is not None
    worker_launch.start_early()  # one at a time
    assert worker_launch._early is early
    placement_worker._worker = None
    helper = placement_worker.worker()
    try:
        assert helper is not None and helper._proc is early and worker_launch._early is None
        assert helper.ready.wait(30)
        pl, job = _job(helper, random_school(3), 3, 20)
        assert job is not None
        out = helper.result(job, wait=20)
        assert out is not None and out.done
    finally:
        if helper is not None:
            helper.close()
        placement_worker._worker = None


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the process table of Linux")
def test_a_process_started_early_and_never_adopted_ends_with_its_parent() -> None:
    # The command stopped before its solve (a bad argument): the worker must not linger.
    env = {k: v for k, v in os.environ.items() if k != "TEACHERDESK_NO_PLACEMENT_WORKER"}
    env["TEACHERDESK_NO_NUMBA"] = "1"
    out = subprocess.run([sys.executable, "-c", "from app.scheduling.timetable import worker_launch as w; "
                          "w.start_early(); print(w._early.pid)"],
                         cwd=Path(__file__).resolve().parents[2], env=env, capture_output=True, text=True, check=True)
    status = Path(f"/proc/{int(out.stdout)}/status")
    end = time.monotonic() + 30
    while status.exists() and "zombie" not in status.read_text() and time.monotonic() < end:
        time.sleep(0.05)
    assert not status.exists() or "zombie" in status.read_text()


@pytest.mark.xdist_group("numba")
def test_the_compiled_worker_places_a_school(numba_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's own path: numba loaded in the worker (compiled into the test's cache
    folder, shared with the kernel test), two seeds on two threads."""
    pytest.importorskip("numba")
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(numba_cache))
    monkeypatch.delenv("TEACHERDESK_NO_NUMBA")
    monkeypatch.delenv("TEACHERDESK_NO_PLACEMENT_WORKER")
    placement_worker._worker = None
    helper = placement_worker.worker()
    try:
        assert helper is not None and helper.ready.wait(180)
        assert helper.compiled, helper.error
        for seed in (1, 3, 4, 5, 9, 12):  # schools the plain-Python search places completely
            for problem in (random_school(seed), _with_soft_wishes(seed)):
                rules = compile_rules(problem)
                placed = place_all(rules, {}, time_limit=20.0, seed=seed)
                assert not placed.unplaced, seed
                assert evaluate(rules, placements(problem, placed.starts, placed.rooms)).hard_ok, seed
                if placed.later is not None:  # the seed holding soft rules went on
                    later = placed.later.poll(wait=placement_worker.SOFT_GRACE + 5)
                    assert placed.later.over
                    if later is not None:
                        assert not later.unplaced
                        assert evaluate(rules, placements(problem, later.starts, later.rooms)).hard_ok, seed
    finally:
        if helper is not None:
            helper.close()
        placement_worker._worker = None
    assert not [*Path.home().glob("**/*.nbi"), *Path.home().glob("**/placement-*.bin")]  # nothing cached in the (test) home


def test_no_worker_when_turned_off() -> None:
    assert placement_worker.worker() is None  # TEACHERDESK_NO_PLACEMENT_WORKER=1 (conftest)


def _to_the_end(race: placement_worker._Race, m: int) -> None:
    while (status := race.search(race.net, race.runs[m], 10**6)) == k.MORE:
        pass
    race.status[m] = status


def test_a_first_timetable_goes_ahead_while_the_seed_holding_soft_rules_goes_on() -> None:
    """Two seeds: one places with soft rules as tie-breakers only, the other holds them
    as FET does. When the first finishes first, its timetable is handed over at once and
    the race goes on for the other's, which is then the result."""
    problem = _with_soft_wishes(3)
    rules = compile_rules(problem)
    pl = Placer(rules, {}, 2)
    net = array("q", k.pack_net(pl, 2000)).tobytes()
    handed: list[placement_worker._Outcome] = []
    # "compiled" with the plain-Python loop: two seeds, run here one after the other.
    race = placement_worker._Race(k.run_search, True, net, len(pl.occ), pl.n_phys, [2, 3], 60.0,
                                  threading.Event(), first=handed.append)
    assert race.strict == [False, True, False]  # the last: the seed that starts again when stuck
    _to_the_end(race, 0)
    race._finished(0)
    assert race.handed_over and not race.halt.is_set() and race.plain_done.is_set()
    assert len(handed) == 1 and handed[0].done
    assert race.deadline <= time.monotonic() + max(placement_worker.SOFT_GRACE, 4 * (time.monotonic() - race.t0))
    _to_the_end(race, 1)
    race._finished(1)
    assert race.halt.is_set()
    out = race._outcome()
    assert out.done
    for found in (handed[0], out):
        starts = {a.id: found.start[i] for i, a in enumerate(pl.acts)}
        rooms = {a.id: pl.room_names[found.room[i]] for i, a in enumerate(pl.acts) if found.room[i] >= 0}
        assert evaluate(rules, placements(problem, starts, rooms)).hard_ok


def test_without_soft_rules_every_seed_races_for_the_first_timetable() -> None:
    problem = random_school(3)
    pl = Placer(compile_rules(problem), {}, 2)
    if any(pl.soft_start) or any(pl.soft_groups):
        pytest.skip("this school has soft rules")
    race = placement_worker._Race(k.run_search, True, array("q", k.pack_net(pl, 2000)).tobytes(), len(pl.occ),
                                  pl.n_phys, [2, 3], 60.0, threading.Event())
    assert race.strict == [False, False, False]
    _to_the_end(race, 0)
    race._finished(0)
    assert race.halt.is_set() and not race.handed_over
    assert race._outcome().done


def test_with_no_first_timetable_yet_the_seed_holding_soft_rules_lets_go_of_them() -> None:
    problem = _with_soft_wishes(3)
    pl = Placer(compile_rules(problem), {}, 2)
    net = array("q", k.pack_net(pl, 2000)).tobytes()
    race = placement_worker._Race(k.run_search, True, net, len(pl.occ), pl.n_phys, [2, 3], 60.0,
                                  threading.Event())
    assert race.runs[1][k.SOFT] == 1 and race.runs[1][k.WEIGHTS] == 0
    race._let_go(1)  # what the search does after HOLD_ALONE seconds without a timetable
    assert race.strict == [False, False, False] and race.runs[1][k.SOFT] == 0 and race.runs[1][k.WEIGHTS] == 1
    _to_the_end(race, 0)
    race._finished(0)  # nobody holds soft rules any more: the first timetable ends the race
    assert race.halt.is_set() and not race.handed_over and race._outcome().done
    # After a hand-over it keeps holding them.
    race = placement_worker._Race(k.run_search, True, net, len(pl.occ), pl.n_phys, [2, 3], 60.0,
                                  threading.Event())
    _to_the_end(race, 0)
    race._finished(0)
    race._let_go(1)
    assert race.handed_over and race.strict == [False, True, False] and race.runs[1][k.SOFT] == 1


def test_a_seed_behind_the_others_for_holding_soft_rules_lets_go_of_them_rather_than_wait(
        monkeypatch: pytest.MonkeyPatch) -> None:
    problem = _with_soft_wishes(3)
    pl = Placer(compile_rules(problem), {}, 2)
    race = placement_worker._Race(k.run_search, True, array("q", k.pack_net(pl, 2000)).tobytes(), len(pl.occ),
                                  pl.n_phys, [2, 3], 60.0, threading.Event())
    now = time.monotonic()
    monkeypatch.setattr(race, "t0", now - 2 * placement_worker.HOLD_ALONE)
    race.runs[0][k.BEST_PLACED] = 10
    race.improved = [now, now - placement_worker.HOLD_ALONE, now]
    assert race.strict[1] and race._waits(1)  # behind seed 0 and stuck: it would give way...
    assert not race._gives_way(1)  # ...but first lets go of the soft rules, and races on
    assert not race.strict[1] and race.runs[1][k.SOFT] == 0 and race.runs[1][k.WEIGHTS] == 1
    race.improved[1] = now - placement_worker.HOLD_ALONE  # stuck again without them
    assert race._gives_way(1)  # now it waits, as any seed stuck behind another
    # Before HOLD_ALONE, a seed holding soft rules keeps them, waiting or not.
    race = placement_worker._Race(k.run_search, True, array("q", k.pack_net(pl, 2000)).tobytes(), len(pl.occ),
                                  pl.n_phys, [2, 3], 60.0, threading.Event())
    race._gives_way(1)
    assert race.strict[1] and race.runs[1][k.SOFT] == 1


def test_after_a_hand_over_the_freed_seed_starts_again_holding_the_soft_rules() -> None:
    problem = _with_soft_wishes(3)
    rules = compile_rules(problem)
    pl = Placer(rules, {}, 2)
    race = placement_worker._Race(k.run_search, True, array("q", k.pack_net(pl, 2000)).tobytes(), len(pl.occ),
                                  pl.n_phys, [2, 3], 60.0, threading.Event())
    _to_the_end(race, 0)
    race._finished(0)
    first_run = race.runs[0]
    assert race.handed_over and race._join_strict(0)
    assert race.strict == [True, True, False] and race.runs[0] is not first_run
    assert race.runs[0][k.SOFT] == 1 and race.runs[0][k.PLACED] == 0 and race.status[0] == k.MORE
    _to_the_end(race, 0)
    race._finished(0)  # a seed holding them finished: the end of the race, its timetable the result
    assert race.halt.is_set()
    out = race._outcome()
    if out.done:
        starts = {a.id: out.start[i] for i, a in enumerate(pl.acts)}
        rooms = {a.id: pl.room_names[out.room[i]] for i, a in enumerate(pl.acts) if out.room[i] >= 0}
        assert evaluate(rules, placements(problem, starts, rooms)).hard_ok
    # The plain-Python worker has one seed and no thread to free.
    plain = placement_worker._Race(k.run_search, False, array("q", k.pack_net(pl, 2000)).tobytes(), len(pl.occ),
                                   pl.n_phys, [2, 3], 60.0, threading.Event())
    assert not plain._join_strict(0)


def test_one_compiled_seed_starts_again_when_stuck_and_races_while_it_leads_or_the_others_are_stuck(
        monkeypatch: pytest.MonkeyPatch) -> None:
    pl = Placer(compile_rules(random_school(3)), {}, 2)
    net = array("q", k.pack_net(pl, 2000)).tobytes()
    plain = placement_worker._Race(k.run_search, False, net, len(pl.occ), pl.n_phys, [2, 3], 60.0,
                                   threading.Event())
    assert plain.restarter == -1 and len(plain.runs) == 1  # plain Python: one search only
    race = placement_worker._Race(k.run_search, True, net, len(pl.occ), pl.n_phys, [2, 3], 60.0,
                                  threading.Event())
    r = race.restarter
    assert r == 2 and len(race.runs) == 3
    assert race.runs[r][k.PATIENCE] == race.net[k.NS_patience0]  # starts again when stuck
    assert all(race.runs[m][k.PATIENCE] == placement_worker.NO_RESTART for m in (0, 1))
    race.runs[0][k.BEST_PLACED] = 10
    assert not any(race._waits(m) for m in range(3))  # everyone races at first
    now = time.monotonic()
    monkeypatch.setattr(race, "t0", now - 2.0)
    race.improved = [now - 0.1] * 3
    assert race._waits(r)  # then behind a seed getting further: it waits
    assert not race._waits(0) and not race._waits(1)  # the leader, and a seed not stuck, go on
    race.runs[r][k.BEST_PLACED] = 10
    assert not race._waits(r)  # level with the best: it goes on
    race.runs[r][k.BEST_PLACED] = 0
    race.improved = [now - 0.7] * 3
    assert not race._waits(r)  # the others found nothing better for 0.7 s of 2: stuck
    assert race._waits(1)  # and a seed stuck behind another gives it its core
    race.status[0] = k.STALLED  # the leader gave up: only seeds still searching count
    assert not race._waits(r) and not race._waits(1)
    race.status[0] = k.MORE
    race.plain_done.set()  # a first timetable went ahead: the seeds race as before
    assert not any(race._waits(m) for m in range(3))


def test_after_a_hand_over_a_seed_stuck_holding_soft_rules_places_the_rest_without_them() -> None:
    problem = _with_soft_wishes(3)
    pl = Placer(compile_rules(problem), {}, 2)
    race = placement_worker._Race(k.run_search, True, array("q", k.pack_net(pl, 2000)).tobytes(), len(pl.occ),
                                  pl.n_phys, [2, 3], 60.0, threading.Event())
    patience = race.net[k.NS_stall] // placement_worker.STALL_COMPILED
    run = race.runs[1]
    run[k.STEPS], run[k.BEST_STEP] = patience + 10, 5  # long without a new best
    race._loosen(1)
    assert run[k.SOFT] == 1  # no hand-over yet: HOLD_ALONE decides (see _let_go)
    _to_the_end(race, 0)
    race._finished(0)
    run[k.STEPS], run[k.BEST_STEP] = patience // 2, 0
    race._loosen(1)
    assert run[k.SOFT] == 1  # still within the patience
    run[k.STEPS] = patience + 1
    race._loosen(1)
    assert run[k.SOFT] == 0 and run[k.BEST_STEP] == run[k.STEPS] and race.strict[1]  # its timetable still counts


class _Helper:
    """The worker's messages for one job, without a process: a first result, then
    (with ``more``) the timetable of the seeds holding soft rules."""

    alive = True

    def __init__(self, first: placement_worker.Result, later: placement_worker.Result | None) -> None:
        self.first, self.then = first, later
        self.stopped = False

    def result(self, job: int, wait: float = 0.0) -> placement_worker.Result | None:
        out, self.first = self.first, None  # type: ignore[assignment]
        return out

    def later(self, job: int, wait: float = 0.0) -> placement_worker.Result | None:
        return self.then

    def stop(self, job: int, collect: bool = True) -> None:
        self.stopped = True


def test_after_this_process_wins_the_workers_seeds_holding_soft_rules_still_count() -> None:
    """The plain-Python search let go of the soft rules and finished first: the worker's
    seeds holding them go on, and their timetable is the later one (the worker's own
    first, from a seed not holding them, is skipped); a worker whose first result is
    already from a seed holding them hands that one over."""
    from app.scheduling.timetable.place import Later

    pl = Placer(compile_rules(_with_soft_wishes(3)), {}, 3)
    n = len(pl.acts)
    plain = placement_worker.Result(True, [0] * n, [-1] * n, 10, n, more=True)
    held = placement_worker.Result(True, list(range(n)), [-1] * n, 20, n)
    later = Later(_Helper(plain, None), 1, pl, first_pending=True)
    assert later.poll() is None and not later.over  # the plain seed's: skipped
    later.helper.then = held  # type: ignore[attr-defined]
    got = later.poll()
    assert got is not None and got.starts == {a.id: i for i, a in enumerate(pl.acts)} and later.over
    assert later.poll() is None  # once only
    direct = Later(_Helper(replace(held, more=False), None), 1, pl, first_pending=True)
    assert direct.poll() is not None and direct.over
    nothing = Later(_Helper(replace(plain, done=False, more=False), None), 1, pl, first_pending=True)
    assert nothing.poll() is None and nothing.over
